//! The article folder: scanning it, listing its articles fast, and loading them fully.

pub mod article;
pub mod filter;
pub mod front_matter;
pub mod markdown;
pub mod meta;
pub mod sort;
pub mod txt;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

pub use article::{Article, Format};
pub use meta::Meta;

use crate::store::Reading;

/// Bytes read from each file to list it before its full load.
const HEAD_BYTES: usize = 8 * 1024;

/// Why a folder cannot be opened at all.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("{0}: no such folder")]
    NotFound(PathBuf),
    #[error("{0}: not a folder (newsdesk opens a folder of articles)")]
    NotAFolder(PathBuf),
    #[error("{0}: cannot open: {1}")]
    Io(PathBuf, std::io::Error),
}

/// One article of the folder as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    #[serde(skip)]
    pub path: PathBuf,
    /// The path relative to the folder, with `/` separators.
    #[serde(rename = "path")]
    pub rel: String,
    pub format: Format,
    #[serde(flatten)]
    pub meta: Meta,
    /// Known once the whole file has been read.
    pub words: Option<usize>,
    /// The first load problem, shown with a warning mark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// The content hash, known once the whole file has been read.
    #[serde(skip)]
    pub hash: Option<u64>,
    /// What the reader remembers of it: read or not, the position, when last read.
    #[serde(skip)]
    pub reading: Reading,
    /// The file was removed while the app ran. Entries are never taken out of the list's
    /// vector, so indices held elsewhere (the open article, recent ones) stay valid.
    #[serde(skip)]
    pub gone: bool,
    /// Not an article but a place the scan could not read (a folder, a broken link): listed
    /// with the system's words, never loaded.
    #[serde(skip)]
    pub problem: bool,
}

impl Entry {
    /// An entry for `path` under `root`, with nothing known yet but its name.
    pub fn new(root: &Path, path: &Path, format: Format) -> Self {
        Self {
            path: path.to_path_buf(),
            rel: relative(root, path),
            format,
            meta: Meta::default(),
            words: None,
            warning: None,
            hash: None,
            reading: Reading::default(),
            gone: false,
            problem: false,
        }
    }

    /// The list entry of a place the scan could not read.
    pub fn problem(root: &Path, path: &Path, why: String) -> Self {
        let mut entry = Self::new(root, path, Format::Text);
        entry.meta.title = path.file_name().map_or_else(|| entry.rel.clone(), |n| n.to_string_lossy().into_owned());
        entry.meta.title = crate::text::sanitize::strip_sequences(&entry.meta.title, false).into_owned();
        entry.warning = Some(why);
        entry.words = Some(0);
        entry.problem = true;
        entry
    }

    /// What the reading pane shows for it: its title and the problem.
    pub fn problem_article(&self) -> Article {
        Article {
            meta: self.meta.clone(),
            warnings: self.warning.iter().cloned().collect(),
            doc: crate::text::doc::Document {
                text: self.meta.title.clone(),
                blocks: vec![crate::text::doc::Block::new(
                    0..self.meta.title.len(),
                    crate::text::doc::BlockKind::Title,
                )],
                inlines: Vec::new(),
            },
            ..Article::default()
        }
    }

    /// Takes what a full load learned: exact metadata, word count, warnings, content hash.
    pub fn update(&mut self, article: &Article) {
        if self.problem {
            return;
        }
        self.meta = article.meta.clone();
        self.words = Some(article.words);
        self.warning = article.warnings.first().cloned();
        self.hash = (article.hash != 0).then_some(article.hash);
    }

    /// The folder it is in, relative to the library's root with a trailing `/`; empty at the root.
    pub fn folder(&self) -> &str {
        self.rel.rfind('/').map_or("", |i| &self.rel[..=i])
    }
}

/// The articles of a folder.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub root: PathBuf,
    pub entries: Vec<Entry>,
    /// Problems met while walking the folder (unreadable subfolders, link loops).
    pub warnings: Vec<String>,
}

impl Library {
    /// Scans `root` and reads the start of every article: enough for the list, fast. The root
    /// is made absolute, so articles have one name whatever folder newsdesk is started in.
    pub fn open(root: &Path) -> Result<Self, LibraryError> {
        check_folder(root)?;
        let root = absolute(root);
        let (files, problems) = scan(&root);
        let mut entries = read_heads(&root, &files);
        let (mut bad, warnings) = problem_entries(&root, problems);
        entries.append(&mut bad);
        Ok(Self { root, entries, warnings })
    }

    /// Reads every article fully (word counts, exact titles); for the scriptable listing.
    pub fn load_all(&mut self) {
        for entry in self.entries.iter_mut().filter(|e| !e.problem) {
            entry.update(&article::load_guarded(&entry.path, entry.format));
        }
    }

    /// Loads every article fully on a background thread, sending `(index, article)` as each is
    /// done; the receiver may hang up at any time.
    pub fn spawn_full_load(&self) -> mpsc::Receiver<(usize, Article)> {
        let (tx, rx) = mpsc::channel();
        let jobs: Vec<(usize, PathBuf, Format)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.problem)
            .map(|(i, e)| (i, e.path.clone(), e.format))
            .collect();
        std::thread::spawn(move || {
            for (i, path, format) in jobs {
                let mut article = article::load_guarded(&path, format);
                article.doc = crate::text::doc::Document::default();
                if tx.send((i, article)).is_err() {
                    return;
                }
            }
        });
        rx
    }

    /// The index of the live entry for `path`.
    pub fn find(&self, path: &Path) -> Option<usize> {
        self.entries.iter().position(|e| !e.gone && e.path == path)
    }

    /// Applies a change seen on disk, without rescanning the folder: a new article is added,
    /// a changed one replaced (keeping what the reader remembers of it), a removed file or
    /// folder marked gone. Returns the indices of the entries it touched.
    pub fn apply(&mut self, change: Change) -> Vec<usize> {
        match change {
            Change::Upsert(fresh) => {
                if let Some(i) = self.find(&fresh.path) {
                    if self.entries[i].hash.is_some() && self.entries[i].hash == fresh.hash {
                        // Touched but not changed (saved unchanged, `touch`): nothing to do.
                        return Vec::new();
                    }
                    let reading = self.entries[i].reading;
                    self.entries[i] = Entry { reading, ..*fresh };
                    vec![i]
                } else {
                    self.entries.push(*fresh);
                    vec![self.entries.len() - 1]
                }
            }
            Change::Removed(path) => {
                let mut touched = Vec::new();
                for (i, e) in self.entries.iter_mut().enumerate() {
                    if !e.gone && e.path.starts_with(&path) {
                        e.gone = true;
                        touched.push(i);
                    }
                }
                touched
            }
        }
    }
}

/// A change on disk, read and ready to apply to the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// An article added or changed: its entry, fully read (metadata, counts, content hash).
    Upsert(Box<Entry>),
    /// A file or a folder (and all in it) that is no longer there.
    Removed(PathBuf),
}

/// What changed at `path` (reported by the file watcher), read from disk: a file is read in
/// full, a folder that appeared is scanned; hidden files and folders and other file types are
/// ignored.
pub fn changes_at(root: &Path, path: &Path) -> Vec<Change> {
    let Ok(rel) = path.strip_prefix(root) else { return Vec::new() };
    if rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.')) {
        return Vec::new();
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => scan(path).0.into_iter().map(|(file, format)| full_entry(root, &file, format)).collect(),
        Ok(m) if m.is_file() => Format::of(path).map(|f| full_entry(root, path, f)).into_iter().collect(),
        Ok(_) => Vec::new(),
        Err(_) => vec![Change::Removed(path.to_path_buf())],
    }
}

fn full_entry(root: &Path, path: &Path, format: Format) -> Change {
    let mut entry = Entry::new(root, path, format);
    entry.update(&article::load_guarded(path, format));
    Change::Upsert(Box::new(entry))
}

/// Fails unless `root` is an existing folder.
pub fn check_folder(root: &Path) -> Result<(), LibraryError> {
    match std::fs::metadata(root) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(LibraryError::NotAFolder(root.to_path_buf())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(LibraryError::NotFound(root.to_path_buf())),
        Err(e) => Err(LibraryError::Io(root.to_path_buf(), e)),
    }
}

/// A place the scan could not read, and the system's words for why.
pub type Problem = (PathBuf, String);

/// Every article file under `root`, sorted by path; hidden files and folders skipped, symbolic
/// links followed but never in a loop.
pub fn scan(root: &Path) -> (Vec<(PathBuf, Format)>, Vec<Problem>) {
    let mut files = Vec::new();
    let problems = walk(root, |path, format| {
        files.push((path, format));
        true
    });
    (files, problems)
}

/// Walks `root` as [`scan`] does, handing each article file to `found` as it is met, until
/// `found` returns false; returns the problems met, as the path and the system's words.
fn walk(root: &Path, mut found: impl FnMut(PathBuf, Format) -> bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for item in walker {
        match item {
            Ok(e) if e.file_type().is_file() => {
                if let Some(format) = Format::of(e.path())
                    && !found(e.into_path(), format)
                {
                    break;
                }
            }
            Ok(_) => {}
            Err(e) => {
                let at = e.path().map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                let why = if e.loop_ancestor().is_some() {
                    "symbolic link loop, not followed".to_string()
                } else if let Some(io) = e.io_error() {
                    io.to_string()
                } else {
                    e.to_string()
                };
                problems.push((at, why));
            }
        }
    }
    problems
}

/// The problems of a walk as warnings (`sub/x: Permission denied`) and as list entries, so an
/// unreadable folder or a broken link shows in the list with the system's words.
fn problem_entries(root: &Path, problems: Vec<Problem>) -> (Vec<Entry>, Vec<String>) {
    let warnings = problems.iter().map(|(p, why)| format!("{}: {why}", relative(root, p))).collect();
    let entries = problems.into_iter().map(|(path, why)| Entry::problem(root, &path, why)).collect();
    (entries, warnings)
}

/// Part of a folder read in the background: its next articles (heads read) and problems.
#[derive(Debug, Clone, Default)]
pub struct ScanBatch {
    pub entries: Vec<Entry>,
    pub warnings: Vec<String>,
    /// The whole folder has been read.
    pub done: bool,
}

/// Articles per batch of a background scan: the list grows in steps the event loop can sort
/// between keys.
const SCAN_BATCH: usize = 4096;

/// Scans `root` (made absolute) on a thread, sending its articles in batches as their heads
/// are read, so a huge folder never holds up the first frame or the keys; the last batch has
/// `done` set. Stops when the receiver hangs up.
pub fn spawn_scan(root: PathBuf) -> mpsc::Receiver<ScanBatch> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut chunk = Vec::with_capacity(SCAN_BATCH);
        let mut alive = true;
        let problems = walk(&root, |path, format| {
            chunk.push((path, format));
            if chunk.len() == SCAN_BATCH {
                let entries = read_heads(&root, &std::mem::take(&mut chunk));
                alive = tx.send(ScanBatch { entries, warnings: Vec::new(), done: false }).is_ok();
            }
            alive
        });
        let mut entries = read_heads(&root, &chunk);
        let (mut bad, warnings) = problem_entries(&root, problems);
        entries.append(&mut bad);
        let _ = tx.send(ScanBatch { entries, warnings, done: true });
    });
    rx
}

/// The root as the library names it: absolute, so articles have one name whatever folder
/// newsdesk is started in.
pub fn absolute(root: &Path) -> PathBuf {
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())
}

/// `path` relative to `root`, with `/` separators, for display.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    // A file name can hold escape sequences too.
    crate::text::sanitize::strip_sequences(&rel, false).into_owned()
}

/// Reads the start of each file on all cores and makes its list entry.
fn read_heads(root: &Path, files: &[(PathBuf, Format)]) -> Vec<Entry> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(8);
    let chunk = files.len().div_ceil(threads).max(64);
    std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|(p, f)| head_entry(root, p, *f)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    })
}

fn head_entry(root: &Path, path: &Path, format: Format) -> Entry {
    let mut entry = Entry::new(root, path, format);
    match read_head(path) {
        Ok(bytes) => {
            if let Some(reason) = article::binary_reason(&bytes) {
                entry.meta.title = article::file_stem(path);
                entry.warning = Some(reason);
                return entry;
            }
            // The head may end inside a character: decode what is valid.
            let text = match std::str::from_utf8(&bytes) {
                _ if article::decode_utf16(&bytes).is_some() => article::decode_utf16(&bytes).unwrap_or_default(),
                Ok(s) => s.to_string(),
                Err(e) if e.error_len().is_none() => String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned(),
                Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
            };
            let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
            let text = match crate::text::sanitize::strip_sequences(&text, format == Format::Markdown) {
                std::borrow::Cow::Borrowed(_) => text,
                std::borrow::Cow::Owned(clean) => clean,
            };
            let text = match crate::text::sanitize::lone_cr_to_lf(std::borrow::Cow::Borrowed(&text)) {
                std::borrow::Cow::Borrowed(_) => text,
                std::borrow::Cow::Owned(clean) => clean,
            };
            entry.meta = article::head_meta(format, &text, path);
        }
        Err(e) => {
            entry.meta.title = article::file_stem(path);
            entry.warning = Some(format!("cannot read the file: {e}"));
        }
    }
    entry
}

fn read_head(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut buf = Vec::with_capacity(HEAD_BYTES);
    file.take(HEAD_BYTES as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        fs::create_dir_all(root.join("sub/deeper")).expect("mkdir");
        fs::create_dir_all(root.join(".hidden")).expect("mkdir");
        fs::write(root.join("a.txt"), "Alpha title\n\nBody one two.\n").expect("write");
        fs::write(root.join("sub/b.md"), "---\ntitle: Beta\n---\nText\n").expect("write");
        fs::write(root.join("sub/deeper/c.markdown"), "# Gamma\n").expect("write");
        fs::write(root.join("notes.pdf"), "x").expect("write");
        fs::write(root.join(".secret.txt"), "Hidden\n").expect("write");
        fs::write(root.join(".hidden/d.txt"), "Hidden\n").expect("write");
        fs::write(root.join("bad.txt"), b"Bad \xff bytes\n\nmore\n").expect("write");
        dir
    }

    #[test]
    fn scan_finds_articles_recursively_and_skips_hidden() {
        let dir = folder();
        let lib = Library::open(dir.path()).expect("opens");
        let rels: Vec<&str> = lib.entries.iter().map(|e| e.rel.as_str()).collect();
        assert_eq!(rels, ["a.txt", "bad.txt", "sub/b.md", "sub/deeper/c.markdown"]);
        let titles: Vec<&str> = lib.entries.iter().map(|e| e.meta.title.as_str()).collect();
        assert_eq!(titles, ["Alpha title", "Bad \u{fffd} bytes", "Beta", "Gamma"]);
    }

    #[test]
    fn full_load_counts_words_and_keeps_warnings() {
        let dir = folder();
        let mut lib = Library::open(dir.path()).expect("opens");
        lib.load_all();
        assert_eq!(lib.entries[0].words, Some(3));
        assert!(lib.entries[1].warning.as_deref().is_some_and(|w| w.contains("UTF-8")));
    }

    #[test]
    fn background_load_sends_every_article() {
        let dir = folder();
        let lib = Library::open(dir.path()).expect("opens");
        let got: Vec<usize> = lib.spawn_full_load().iter().map(|(i, _)| i).collect();
        assert_eq!(got, [0, 1, 2, 3]);
    }

    #[test]
    fn a_background_scan_sends_what_open_reads() {
        let dir = folder();
        let lib = Library::open(dir.path()).expect("opens");
        let batches: Vec<ScanBatch> = spawn_scan(absolute(dir.path())).iter().collect();
        assert!(batches.last().is_some_and(|b| b.done));
        let entries: Vec<Entry> = batches.into_iter().flat_map(|b| b.entries).collect();
        assert_eq!(entries, lib.entries);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_not_followed_forever() {
        let dir = folder();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).expect("symlink");
        std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), dir.path().join("dangling.txt")).expect("symlink");
        let lib = Library::open(dir.path()).expect("opens");
        assert_eq!(lib.entries.iter().filter(|e| !e.problem).count(), 4);
        assert!(lib.warnings.iter().any(|w| w.contains("loop")), "{:?}", lib.warnings);
        // Both are listed, with the system's words.
        let problems: Vec<(&str, &str)> = lib
            .entries
            .iter()
            .filter(|e| e.problem)
            .map(|e| (e.rel.as_str(), e.warning.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|(rel, why)| *rel == "sub/loop" && why.contains("loop")), "{problems:?}");
        assert!(
            problems.iter().any(|(rel, why)| *rel == "dangling.txt" && why.contains("No such file")),
            "{problems:?}"
        );
    }

    #[test]
    fn missing_folder_and_file_are_errors() {
        let dir = folder();
        assert!(matches!(Library::open(&dir.path().join("nope")), Err(LibraryError::NotFound(_))));
        assert!(matches!(Library::open(&dir.path().join("a.txt")), Err(LibraryError::NotAFolder(_))));
    }
}
