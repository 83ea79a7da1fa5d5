//! The reading state kept between runs (read marks, positions, last-read times, the last
//! article of each folder) in `$XDG_STATE_HOME/newsdesk/state.json`, written atomically.
//!
//! Records are keyed by the article's path *and* a hash of its content: an article whose path
//! is unknown is found again by its hash, so renaming or moving it keeps its state, and an
//! article edited in place keeps it by its path. Nothing is ever written beside the articles.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::files::ReadError;

/// The file's format version; a file of another version is set aside like a corrupt one.
const VERSION: u32 = 1;
/// The largest state file read: 100,000 articles take about 15 MB.
pub const MAX_STATE_BYTES: u64 = 256 << 20;
/// Records kept for articles not in the folder opened (other folders, deleted files): the
/// most recently read ones, so the file cannot grow without bound.
const KEEP_ABSENT: usize = 20_000;

/// What is remembered of one article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    /// Opened, or marked read by hand.
    #[serde(default)]
    pub read: bool,
    /// Byte offset at the top of the view when last left.
    #[serde(default)]
    pub at: usize,
    /// When last opened, in seconds since the Unix epoch; 0 if never.
    #[serde(default)]
    pub last_read: u64,
}

/// One article's record in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The article's absolute path.
    pub path: String,
    /// `xxh3` of the file's bytes when last seen; 0 if not known.
    #[serde(default)]
    pub hash: u64,
    /// Nested rather than flattened: serde's `flatten` buffers every record, three times slower.
    pub reading: Reading,
}

/// The whole state file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub version: u32,
    /// The last selected article (absolute path) of each folder (absolute path).
    #[serde(default)]
    pub last: BTreeMap<String, String>,
    #[serde(default)]
    pub articles: Vec<Record>,
}

/// The records in memory, found by path or by content hash.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    pub saved: Saved,
    /// Record indices by a hash of their path (checked against the path on look-up): no copy
    /// of 10,000 paths at start-up.
    by_path: HashMap<u64, Vec<usize>>,
    by_hash: HashMap<u64, usize>,
}

/// The key an article or folder is kept under: its path as text when the path is UTF-8 (as
/// every state file has it), else a lossless form of its exact bytes, so two names that differ
/// only in bytes that are not UTF-8 (`name-\xe9.txt`, `name-\xe8.txt`) never share a record.
/// The two forms cannot meet: a path never holds a NUL, and the byte form starts with one.
pub fn path_key(path: &Path) -> String {
    if let Some(text) = path.to_str() {
        return text.to_owned();
    }
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut key = String::with_capacity(2 + 2 * bytes.len());
    key.push_str("\0x");
    for b in bytes {
        key.push(char::from(HEX[usize::from(b >> 4)]));
        key.push(char::from(HEX[usize::from(b & 15)]));
    }
    key
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn path_hash(path: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(path.as_bytes())
}

impl Memory {
    pub fn new(saved: Saved) -> Self {
        let mut by_path = HashMap::with_capacity(saved.articles.len());
        let mut by_hash = HashMap::with_capacity(saved.articles.len());
        for (i, r) in saved.articles.iter().enumerate() {
            by_path.entry(path_hash(&r.path)).or_insert_with(Vec::new).push(i);
            if r.hash != 0 {
                by_hash.insert(r.hash, i);
            }
        }
        Self { saved, by_path, by_hash }
    }

    /// The record of the article at `path`.
    pub fn by_path(&self, path: &str) -> Option<&Record> {
        let candidates = self.by_path.get(&path_hash(path))?;
        candidates.iter().map(|&i| &self.saved.articles[i]).find(|r| r.path == path)
    }

    /// The record of an article with this content, whatever its path was.
    pub fn by_hash(&self, hash: u64) -> Option<&Record> {
        if hash == 0 {
            return None;
        }
        self.by_hash.get(&hash).map(|&i| &self.saved.articles[i])
    }

    /// The last selected article of folder `root`.
    pub fn last(&self, root: &str) -> Option<&str> {
        self.saved.last.get(root).map(String::as_str)
    }

    /// The file to write: `current` (the articles of the open folder, each with its state)
    /// replaces what was known of them; records of other articles are kept, the most recently
    /// read first up to a bound, except those the current records take over by path or by
    /// hash (a renamed article's old record must not come back).
    ///
    /// `current` may hold articles with nothing to remember: they still take over their old
    /// records (an article marked unread again), and are then left out of the file.
    pub fn merged(&self, root: &str, last: Option<&str>, current: Vec<Record>) -> Saved {
        let mut articles: Vec<Record> = Vec::with_capacity(current.len());
        {
            let mut taken: HashSet<&str> = current.iter().map(|r| r.path.as_str()).collect();
            let hashes: HashSet<u64> = current.iter().map(|r| r.hash).filter(|&h| h != 0).collect();
            let mut absent: Vec<&Record> = self
                .saved
                .articles
                .iter()
                .filter(|r| !taken.contains(r.path.as_str()) && (r.hash == 0 || !hashes.contains(&r.hash)))
                .collect();
            absent.sort_by_key(|r| std::cmp::Reverse(r.reading.last_read));
            absent.truncate(KEEP_ABSENT);
            for r in absent {
                if taken.insert(r.path.as_str()) {
                    articles.push(r.clone());
                }
            }
        }
        let mut all: Vec<Record> = current.into_iter().filter(|r| r.reading != Reading::default()).collect();
        all.append(&mut articles);
        let articles = all;
        let mut saved_last = self.saved.last.clone();
        if let Some(last) = last {
            saved_last.insert(root.to_string(), last.to_string());
        }
        Saved { version: VERSION, last: saved_last, articles }
    }
}

/// The content hash records are keyed by.
pub fn content_hash(bytes: &[u8]) -> u64 {
    // 0 means "unknown" in the file.
    xxhash_rust::xxh3::xxh3_64(bytes).max(1)
}

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Where the state file lives: `$XDG_STATE_HOME/newsdesk/state.json`, or
/// `~/.local/state/newsdesk/state.json`; `None` when there is no home to put it in.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let strategy = etcetera::choose_base_strategy().ok()?;
    let dir = strategy.state_dir().unwrap_or_else(|| strategy.home_dir().join(".local/state"));
    Some(dir.join("newsdesk").join("state.json"))
}

/// The state file and what loading it said.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub memory: Memory,
    /// A message for the user: the file was corrupt and set aside, or could not be read.
    pub message: Option<String>,
}

/// Reads the state file. A missing file is a first run; a file that cannot be parsed is
/// renamed `state.json.corrupt-<time>` (kept for the curious, never read again) and the app
/// starts fresh, saying so; one that cannot be read at all is left alone. It is read the way
/// articles are ([`crate::files`]): only a regular file, opened without blocking, through
/// [`MAX_STATE_BYTES`], so a FIFO or a link to `/dev/zero` in its place never holds up the start.
pub fn load(path: &Path) -> Loaded {
    let fresh = |message| Loaded { memory: Memory::default(), message };
    let bytes = match crate::files::regular_file(path, MAX_STATE_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return fresh(None),
        Err(e) => return fresh(Some(format!("reading state not loaded: {}: {e}", path.display()))),
    };
    match serde_json::from_slice::<Saved>(&bytes) {
        Ok(saved) if saved.version == VERSION => Loaded { memory: Memory::new(saved), message: None },
        result => {
            let why = match result {
                Ok(saved) => format!("unknown version {}", saved.version),
                Err(e) => e.to_string(),
            };
            let aside = set_aside(path);
            let message = match aside {
                Ok(to) => format!("reading state was unreadable ({why}); moved to {} and started afresh", to.display()),
                Err(e) => format!("reading state was unreadable ({why}) and could not be moved aside: {e}"),
            };
            fresh(Some(message))
        }
    }
}

fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let mut to = path.as_os_str().to_owned();
    to.push(format!(".corrupt-{}", now()));
    let to = PathBuf::from(to);
    std::fs::rename(path, &to)?;
    Ok(to)
}

/// Writes `saved` to `path` atomically: a temporary file in the same folder, flushed to disk,
/// then renamed over the old one. A reader (or a crash at any moment) sees the old file or the
/// new one, never a mix.
pub fn save(path: &Path, saved: &Saved) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir)?;
    let bytes = serde_json::to_vec(saved).map_err(std::io::Error::other)?;
    let mut tmp_name = path.file_name().unwrap_or_default().to_owned();
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = dir.join(tmp_name);
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    // The rename itself reaches the disk with the folder's entry.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes the state file on a thread of its own, so a slow disk never holds up a keystroke:
/// only the newest state waiting is written. Dropping it waits for the last write.
pub struct Writer {
    tx: Option<std::sync::mpsc::Sender<Saved>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Writer {
    /// A writer for the file at `path`; each failed write is handed to `failed` in words.
    pub fn spawn(path: PathBuf, failed: impl Fn(String) + Send + 'static) -> Self {
        let (tx, rx) = std::sync::mpsc::channel::<Saved>();
        let thread = std::thread::spawn(move || {
            while let Ok(mut saved) = rx.recv() {
                // States that queued up meanwhile: only the newest matters.
                while let Ok(newer) = rx.try_recv() {
                    saved = newer;
                }
                if let Err(e) = save(&path, &saved) {
                    failed(format!("reading state not saved: {}: {e}", path.display()));
                }
            }
        });
        Self { tx: Some(tx), thread: Some(thread) }
    }

    /// Queues `saved` to be written.
    pub fn write(&self, saved: Saved) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(saved);
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        drop(self.tx.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_keyed_by_their_exact_bytes() {
        assert_eq!(path_key(Path::new("/news/a.txt")), "/news/a.txt", "UTF-8 paths as before");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let acute = path_key(Path::new(std::ffi::OsStr::from_bytes(b"/news/name-\xe9.txt")));
            let grave = path_key(Path::new(std::ffi::OsStr::from_bytes(b"/news/name-\xe8.txt")));
            assert_ne!(acute, grave);
            assert_eq!(acute, "\0x2f6e6577732f6e616d652de92e747874");
        }
    }

    fn record(path: &str, hash: u64, at: usize, last_read: u64) -> Record {
        Record { path: path.into(), hash, reading: Reading { read: true, at, last_read } }
    }

    #[test]
    fn round_trips_through_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("deep/er/state.json");
        let saved = Memory::default().merged("/lib", Some("/lib/a.txt"), vec![record("/lib/a.txt", 7, 120, 5)]);
        save(&path, &saved).expect("saves");
        let loaded = load(&path);
        assert_eq!(loaded.message, None);
        assert_eq!(loaded.memory.saved, saved);
        assert_eq!(loaded.memory.last("/lib"), Some("/lib/a.txt"));
        assert_eq!(loaded.memory.by_path("/lib/a.txt").map(|r| r.reading.at), Some(120));
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(path.parent().expect("dir")).expect("ls").flatten().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn the_writer_writes_the_newest_state_before_it_goes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.json");
        let writer = Writer::spawn(path.clone(), |_| {});
        for at in 0..50 {
            writer.write(Memory::default().merged("/lib", None, vec![record("/lib/a.txt", 1, at, 1)]));
        }
        drop(writer);
        assert_eq!(load(&path).memory.by_path("/lib/a.txt").map(|r| r.reading.at), Some(49));
        // A folder that cannot be made is reported, not fatal.
        let (tx, errors) = std::sync::mpsc::channel();
        let writer = Writer::spawn(path.join("under-a-file/state.json"), move |e| {
            let _ = tx.send(e);
        });
        writer.write(Saved::default());
        drop(writer);
        assert!(errors.try_recv().is_ok_and(|e| e.starts_with("reading state not saved")));
    }

    #[test]
    fn a_missing_file_is_a_first_run() {
        let dir = tempfile::tempdir().expect("tempdir");
        let loaded = load(&dir.path().join("state.json"));
        assert!(loaded.message.is_none());
        assert!(loaded.memory.saved.articles.is_empty());
    }

    #[test]
    fn a_corrupt_file_is_set_aside_with_a_message() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.json");
        std::fs::write(&path, b"{\"version\":1,\"articles\":[{\"path\":").expect("write");
        let loaded = load(&path);
        let message = loaded.message.expect("a message");
        assert!(message.contains("moved to") && message.contains("corrupt"), "{message}");
        assert!(loaded.memory.saved.articles.is_empty());
        assert!(!path.exists());
        let aside: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").flatten().collect();
        assert_eq!(aside.len(), 1);
        // The next save starts a good file again.
        save(&path, &Saved { version: VERSION, ..Saved::default() }).expect("saves");
        assert!(load(&path).message.is_none());
    }

    #[test]
    fn another_version_is_set_aside_too() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.json");
        std::fs::write(&path, b"{\"version\":99}").expect("write");
        assert!(load(&path).message.is_some_and(|m| m.contains("unknown version 99")));
    }

    #[test]
    fn a_renamed_article_is_found_by_its_content() {
        let memory = Memory::new(Saved {
            version: VERSION,
            last: BTreeMap::new(),
            articles: vec![record("/lib/old.txt", 42, 9, 1)],
        });
        assert!(memory.by_path("/lib/new.txt").is_none());
        assert_eq!(memory.by_hash(42).map(|r| r.reading.at), Some(9));
        assert!(memory.by_hash(0).is_none());
        // Saving under the new name drops the old record rather than keeping both.
        let saved = memory.merged("/lib", None, vec![record("/lib/new.txt", 42, 9, 1)]);
        let paths: Vec<&str> = saved.articles.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["/lib/new.txt"]);
    }

    #[test]
    fn an_article_with_nothing_left_to_remember_drops_its_record() {
        let memory = Memory::new(Saved {
            version: VERSION,
            last: BTreeMap::new(),
            articles: vec![record("/lib/a.txt", 5, 9, 1)],
        });
        let unread = Record { path: "/lib/a.txt".into(), hash: 5, reading: Reading::default() };
        assert!(memory.merged("/lib", None, vec![unread]).articles.is_empty());
    }

    #[test]
    fn records_of_other_folders_are_kept() {
        let memory = Memory::new(Saved {
            version: VERSION,
            last: BTreeMap::from([("/other".to_string(), "/other/x.md".to_string())]),
            articles: vec![record("/other/x.md", 1, 3, 10), record("/lib/a.txt", 2, 0, 1)],
        });
        let saved = memory.merged("/lib", Some("/lib/b.txt"), vec![record("/lib/a.txt", 2, 50, 20)]);
        assert_eq!(saved.articles.len(), 2);
        assert_eq!(saved.articles[0].reading.at, 50);
        assert_eq!(saved.last.get("/other").map(String::as_str), Some("/other/x.md"));
        assert_eq!(saved.last.get("/lib").map(String::as_str), Some("/lib/b.txt"));
    }

    #[test]
    fn content_hash_is_stable_and_never_zero() {
        // A stored key: it must not change between versions of the program.
        assert_eq!(content_hash(b"Alpha\n"), xxhash_rust::xxh3::xxh3_64(b"Alpha\n"));
        assert_eq!(content_hash(b""), 0x2d06_8005_38d3_94c2);
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
    }
}
