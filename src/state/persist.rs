//! What is kept between runs: where the reading state file is, what earlier runs remembered,
//! and what was last written, so a save happens exactly when the file would say something new.

use std::path::PathBuf;

use crate::library::Library;
pub use crate::store::path_key;
use crate::store::{Memory, Reading, Record, Saved};

use super::reading::Reader;

/// The reading state kept between runs.
#[derive(Debug, Clone, Default)]
pub struct Persistence {
    /// The state file (`None`: nothing is kept).
    pub path: Option<PathBuf>,
    /// The reading state saved by earlier runs, for articles found by their content.
    pub memory: Memory,
    /// What the file was last written from (`None`: not written this run).
    pub written: Option<Snapshot>,
    /// The user acted before the file was read: its last article is not selected from under
    /// them, and the article shown keeps its place.
    pub user_moved: bool,
}

/// Everything of the state the reading-state file is written from, per entry index: each
/// article's reading state (the open one's position included), its content hash and whether it
/// is gone; and the last selected article. An entry's path never changes (a renamed file is a
/// new entry), and the remembered records only change when the file is loaded, so two equal
/// snapshots write the same file: saving compares the snapshot with the last one written
/// rather than trusting every change to mark itself, and no change can be forgotten.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    articles: Vec<(Reading, u64, bool)>,
    last: Option<String>,
}

impl Snapshot {
    /// What the state file would say of `library`, with `open`'s position for its article and
    /// `last` as the last selected article.
    pub fn of(library: &Library, open: Option<&Reader>, last: Option<String>) -> Self {
        let open = open.map(|r| (r.entry, r.anchor()));
        let articles = library
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut reading = e.reading;
                if let Some((_, at)) = open.filter(|&(o, _)| o == i) {
                    reading.at = at;
                }
                (reading, e.hash.unwrap_or(0), e.gone)
            })
            .collect();
        Self { articles, last }
    }

    /// The state file's contents: each article's record (found by its path and content hash),
    /// merged with what earlier runs saved of others (`memory`).
    pub fn saved(&self, library: &Library, memory: &Memory) -> Saved {
        let records = library
            .entries
            .iter()
            .zip(&self.articles)
            .filter(|(_, (_, _, gone))| !gone)
            .map(|(e, &(reading, hash, _))| Record { path: path_key(&e.path), hash, reading })
            .collect();
        memory.merged(&path_key(&library.root), self.last.as_deref(), records)
    }
}
