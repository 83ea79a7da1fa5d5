//! The article folder: scanning it, listing its articles fast, and loading them fully.
//!
//! An article is read up to three times on its way to the screen, each time for something the
//! 100,000-article budgets need, and nothing is kept that they do not:
//! 1. the scan reads a bounded head of every file ([`HEAD_BYTES`], a web page's `<head>`, an
//!    EPUB's OPF) for the list's title and date: the first frame cannot wait for whole files;
//! 2. a background pass reads each file whole for what only the whole gives (word count for
//!    the sort by length and reading time, exact metadata, the content hash that keeps the
//!    reading state across renames) and keeps only that, in the [`Entry`]: no documents, so
//!    100,000 articles stay within the memory budget;
//! 3. opening an article parses it again into an [`Article`] with its document; only the open
//!    one exists at a time, so its metadata living in both it and its entry costs nothing.
//!
//! Every read goes through [`read`]: regular files only, opened without blocking, through a
//! size limit.

pub mod article;
pub mod encoding;
pub mod epub;
pub mod filter;
pub mod front_matter;
pub mod html;
pub mod markdown;
pub mod meta;
pub mod parsed;
pub mod rst;
pub mod sniff;
pub mod sort;
pub mod txt;

/// Reading files safely lives below both the library and the state file; its old path stays.
pub use crate::files as read;

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use rayon::prelude::*;

pub use article::{Article, Format};
pub use meta::Meta;

use crate::store::Reading;

/// Bytes read from each file to list it before its full load.
pub const HEAD_BYTES: usize = 8 * 1024;
/// Bytes of an EPUB read to find its OPF among the first entries of the archive.
const EPUB_HEAD_BYTES: usize = 64 * 1024;

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

    /// The list entry of a document newsdesk does not read (a PDF, a Word file): listed dimmed,
    /// so the user sees it was not missed, never loaded.
    pub fn unsupported(root: &Path, path: &Path) -> Self {
        let mut entry = Self::new(root, path, Format::Unsupported);
        entry.meta.title = article::file_stem(path);
        entry.warning = Some(article::UNSUPPORTED.to_string());
        entry.words = Some(0);
        entry.problem = true;
        entry
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

    /// A library of the one article file `path` (any supported format), rooted in its folder.
    pub fn open_file(path: &Path) -> Result<Self, LibraryError> {
        let path = absolute(path);
        let root = path.parent().map_or_else(|| path.clone(), Path::to_path_buf);
        let format = Format::of(&path).unwrap_or(Format::Text);
        Ok(Self { entries: read_heads(&root, &[(path, format)]), root, warnings: Vec::new() })
    }

    /// Reads every article fully (word counts, exact titles), on all cores; for the scriptable
    /// listing.
    pub fn load_all(&mut self) {
        self.entries.par_iter_mut().filter(|e| !e.problem).for_each(|entry| {
            let article = article::load_guarded(&entry.path, entry.format);
            entry.update(&article);
        });
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
    if format == Format::Unsupported {
        return Change::Upsert(Box::new(Entry::unsupported(root, path)));
    }
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

/// Reads the start of each file on all cores (rayon) and makes its list entry.
fn read_heads(root: &Path, files: &[(PathBuf, Format)]) -> Vec<Entry> {
    files.par_iter().with_min_len(64).map(|(p, f)| head_entry(root, p, *f)).collect()
}

/// The list entry of one file from its first bytes: only a regular file is opened (without
/// blocking), a binary one is told from its head, and one over [`read::MAX_ARTICLE_BYTES`] is
/// listed as too large without reading more.
fn head_entry(root: &Path, path: &Path, format: Format) -> Entry {
    if format == Format::Unsupported {
        return Entry::unsupported(root, path);
    }
    let mut entry = Entry::new(root, path, format);
    let bytes = match format {
        Format::Html => html::HEAD_BYTES,
        Format::Epub => EPUB_HEAD_BYTES,
        _ => HEAD_BYTES,
    };
    let read = read::head(path, bytes).and_then(|(head, size)| {
        // A page whose title lies past its first bytes (big inline styles): read further.
        if format == Format::Html && !html::head_is_enough(&head, size) {
            read::head(path, html::LONG_HEAD_BYTES)
        } else {
            Ok((head, size))
        }
    });
    match read {
        Ok((head, size)) => {
            entry.meta = article::head_meta(format, &head, path);
            if size > read::MAX_ARTICLE_BYTES {
                entry.warning = Some(read::ReadError::TooLarge { size, limit: read::MAX_ARTICLE_BYTES }.to_string());
                entry.words = Some(0);
            } else if format.is_text()
                && let Some(reason) = article::binary_reason(&head)
            {
                entry.meta = Meta { title: article::file_stem(path), ..Meta::default() };
                entry.warning = Some(reason);
            }
        }
        Err(e) => {
            entry.meta.title = article::file_stem(path);
            entry.warning = Some(e.to_string());
        }
    }
    entry
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
        // Damaged UTF-8: a byte that fits nothing among valid UTF-8 (café, déjà, à, Zürich).
        fs::write(root.join("bad.txt"), [&b"Bad \xff bytes"[..], " café déjà à Zürich\n\nmore\n".as_bytes()].concat())
            .expect("write");
        dir
    }

    #[test]
    fn scan_finds_articles_recursively_and_skips_hidden() {
        let dir = folder();
        let lib = Library::open(dir.path()).expect("opens");
        let rels: Vec<&str> = lib.entries.iter().map(|e| e.rel.as_str()).collect();
        // A PDF is listed too (dimmed, as not supported): a user would expect to see it.
        assert_eq!(rels, ["a.txt", "bad.txt", "notes.pdf", "sub/b.md", "sub/deeper/c.markdown"]);
        let titles: Vec<&str> = lib.entries.iter().map(|e| e.meta.title.as_str()).collect();
        assert_eq!(titles, ["Alpha title", "Bad \u{fffd} bytes café déjà à Zürich", "notes", "Beta", "Gamma"]);
        assert_eq!(lib.entries[2].format, Format::Unsupported);
        assert_eq!(lib.entries[2].warning.as_deref(), Some("not a supported format"));
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
        // The PDF (index 2) is never read.
        assert_eq!(got, [0, 1, 3, 4]);
    }

    #[test]
    fn a_document_added_while_running_is_listed_as_the_scan_lists_it() {
        let dir = folder();
        let root = absolute(dir.path());
        fs::write(root.join("new.docx"), b"PK\x03\x04").expect("write");
        let changes = changes_at(&root, &root.join("new.docx"));
        assert_eq!(changes, [Change::Upsert(Box::new(Entry::unsupported(&root, &root.join("new.docx"))))]);
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
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems.contains(&("notes.pdf", "not a supported format")), "{problems:?}");
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
