//! What each job does on its thread: every read of the disk the app makes after start-up
//! (articles for the reading pane, the folder, the state file, the filter's search), and the
//! long computations (entity detection, counting a huge article's matches). Each answers
//! through its [`Link`] and stops once cancelled.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::Link;
use crate::library::filter::{Counter, Query};
use crate::library::{Format, article, changes_at, spawn_scan};
use crate::text::highlights::Highlights;
use crate::text::search::Matcher;
use crate::text::watch::WatchList;
use crate::text::wrap::Layout;
use crate::update::search::COUNT_BUDGET;
use crate::update::{Effect, Msg};

/// Articles larger than this show their start at once and the rest when it has been read.
pub const HUGE_BYTES: u64 = 8 << 20;
/// How much of a huge article is read to show at once.
pub const START_BYTES: usize = 128 << 10;
/// Articles fully loaded per result batch, at most ...
const LOAD_BATCH: usize = 512;
/// ... and at least this often, so the list fills in steps the loop can sort between keys.
const LOAD_EVERY: Duration = Duration::from_millis(15);
/// Articles read per batch of results of the filter's search.
const SEARCH_BATCH: usize = 256;

/// Does the work of `effect`, answering through `link`.
pub fn run(effect: Effect, link: &Link) {
    match effect {
        Effect::Open { entry, path, format } => open(entry, &path, format, link),
        Effect::OpenRest { entry, path, format, width } => {
            let article = article::load_guarded(&path, format);
            let layout = Layout::new(&article.doc, width, article.header());
            link.finish(Msg::OpenedRest { entry, article: Arc::new(article), layout: Box::new(layout) });
        }
        Effect::Count { generation, article, matcher } => count(generation, &article.doc.text, &matcher, link),
        Effect::Detect { entry, job, article, watch_lists } => {
            if let Some(highlights) = Highlights::full_in_parts(&article.doc, &watch_lists, link.cancel_flag()) {
                link.finish(Msg::Detected { entry, job, highlights: Box::new(highlights.without_code(&article.doc)) });
            }
        }
        Effect::SearchLibrary { generation, query, articles, watch_lists } => {
            search_library(generation, query, &articles, &watch_lists, link);
        }
        Effect::Scan(root) => {
            for batch in spawn_scan(root) {
                if !link.send(Msg::Scanned(batch)) {
                    break;
                }
            }
        }
        Effect::LoadAll(articles) => load_all(articles, link),
        Effect::LoadState(path) => {
            link.finish(Msg::StateLoaded(Box::new(crate::store::load(&path))));
        }
        Effect::Reread { root, path } => {
            link.finish(Msg::FilesChanged(changes_at(&root, &path)));
        }
        Effect::Stop(_) | Effect::Watch(_) | Effect::Save { .. } | Effect::Edit(_) => {}
    }
}

/// Watches the folder of a [`Effect::Watch`], sending what changes, until `stopped` says the
/// job's handle is gone. Setting the watch up walks the folder, so it happens here too.
pub fn watch(effect: Effect, link: Link, stopped: &Receiver<()>) {
    let Effect::Watch(root) = effect else { return };
    let link = Arc::new(link);
    let changes = Arc::clone(&link);
    match crate::reload::watch(&root, move |c| changes.send(Msg::FilesChanged(c))) {
        Ok(_watcher) => {
            // Nothing is ever sent: this returns when the sender is dropped.
            let _ = stopped.recv();
        }
        Err(e) => {
            link.send(Msg::Failed(format!("live reload is off: {e}")));
        }
    }
}

/// An article for the reading pane: whole, or for a huge one its start (the rest is asked for
/// when the start is shown).
fn open(entry: usize, path: &Path, format: Format, link: &Link) {
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    if size > HUGE_BYTES
        && let Some(start) = article::load_prefix(path, format, START_BYTES)
    {
        link.finish(Msg::Opened { entry, article: Arc::new(start), whole: false });
        return;
    }
    link.finish(Msg::Opened { entry, article: Arc::new(article::load_guarded(path, format)), whole: true });
}

/// Every match in a huge article, within [`COUNT_BUDGET`].
fn count(generation: u64, text: &str, query: &Matcher, link: &Link) {
    let (matches, complete) = query.find_within(text, 0..text.len(), Some(COUNT_BUDGET));
    link.finish(Msg::Counted { generation, matches, complete });
}

/// Every article read fully for the list (its text dropped), in batches.
fn load_all(articles: Vec<(usize, PathBuf, Format)>, link: &Link) {
    let mut batch = Vec::new();
    let mut sent = Instant::now();
    for (i, path, format) in articles {
        let mut article = article::load_guarded(&path, format);
        article.doc = crate::text::doc::Document::default();
        batch.push((i, article));
        if batch.len() >= LOAD_BATCH || sent.elapsed() >= LOAD_EVERY {
            if !link.send(Msg::Loaded(std::mem::take(&mut batch))) {
                return;
            }
            sent = Instant::now();
        }
    }
    if !batch.is_empty() {
        link.finish(Msg::Loaded(batch));
    }
}

/// The filter's search: `articles` read on every core and counted for a deep `query`, the
/// hits sent in batches as they are found, and `done` last, unless cancelled first.
fn search_library(
    generation: u64,
    query: Query,
    articles: &[(usize, PathBuf, Format)],
    lists: &[WatchList],
    link: &Link,
) {
    let counter = Counter::new(query);
    let cancel = link.cancel_flag();
    let finished = articles.par_chunks(SEARCH_BATCH).try_for_each(|chunk| {
        let mut hits = Vec::new();
        for (entry, path, format) in chunk {
            if link.cancelled() {
                return Err(());
            }
            let n = counter.count(&article::load_guarded(path, *format), lists, cancel);
            if n > 0 {
                hits.push((*entry, n));
            }
        }
        if hits.is_empty() || link.send(Msg::LibraryHits { generation, hits, done: false }) { Ok(()) } else { Err(()) }
    });
    if finished.is_ok() {
        link.finish(Msg::LibraryHits { generation, hits: Vec::new(), done: true });
    }
}
