//! The vocabulary of `update`: every [`Msg`] that can change the state (keys, clock ticks, the
//! results of background work) and every [`Effect`] it can ask for (all work that is not a pure
//! change of state: reading files, detecting, counting, watching, saving, editing).

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::action::Action;
use crate::library::filter::Query;
use crate::library::{Article, Change, Format, ScanBatch};
use crate::store::{Loaded, Saved};
use crate::text::highlights::Highlights;
use crate::text::search::Matcher;
use crate::text::watch::WatchList;
use crate::text::wrap::Layout;

/// Something that happened.
#[derive(Debug, Clone)]
pub enum Msg {
    /// A key bound to an action in the current mode.
    Action(Action),
    /// A character typed into the open prompt.
    Type(char),
    /// Quit at once, whatever is open (`ctrl-c`, a terminating signal).
    Quit,
    /// The terminal's new size.
    Resize(u16, u16),
    /// A mouse-wheel notch at a screen position.
    Wheel { column: u16, row: u16, down: bool },
    /// A left click at a screen position.
    Click { column: u16, row: u16 },
    /// The clock, in seconds since the Unix epoch: sent every few seconds; the reading state is
    /// saved on a tick when it changed.
    Tick { now: u64 },
    /// Read the folder (in the background, the list filling as it goes).
    ReadFolder,
    /// Read every article fully in the background (word counts, exact titles, hashes).
    LoadAll,
    /// Keep the reading state in this file: read it, and write it as the user reads.
    KeepState(PathBuf),
    /// The editor run on this file has exited (with this problem, if any).
    Edited { path: PathBuf, problem: Option<String> },
    /// Entry `entry`'s article, read for the reading pane; `whole` is false for the start of a
    /// huge one (the rest follows as [`Msg::OpenedRest`]).
    Opened { entry: usize, article: Arc<Article>, whole: bool },
    /// The whole of huge article `entry`, with its layout at `layout.width`.
    OpenedRest { entry: usize, article: Arc<Article>, layout: Box<Layout> },
    /// Articles the background loader finished (metadata and counts; no text).
    Loaded(Vec<(usize, Article)>),
    /// The next articles of the folder read in the background.
    Scanned(ScanBatch),
    /// The reading state file, read.
    StateLoaded(Box<Loaded>),
    /// The background count of a huge article's matches.
    Counted { generation: u64, matches: Vec<Range<usize>>, complete: bool },
    /// The background entity detection of article `entry` (its `Reader::job`), all of it.
    Detected { entry: usize, job: u64, highlights: Box<Highlights> },
    /// Results of the background search for the list's filter (its `generation`):
    /// `(entry, count)` pairs; `done` when every article has been read.
    LibraryHits { generation: u64, hits: Vec<(usize, usize)>, done: bool },
    /// Files changed on disk, read and ready to apply.
    FilesChanged(Vec<Change>),
    /// Background work failed in a way the user should know of (a save, the folder watch).
    Failed(String),
}

/// A kind of background work that runs until it is done or no longer wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Task {
    /// Entity detection of the shown article.
    Detect,
    /// The filter's search of every article.
    SearchLibrary,
}

/// Work the state asks for; the app's jobs owner performs it and answers with a [`Msg`].
#[derive(Debug, Clone)]
pub enum Effect {
    /// Read entry `entry` for the reading pane: [`Msg::Opened`].
    Open { entry: usize, path: PathBuf, format: Format },
    /// Read the whole of huge article `entry` and lay it out at `width`: [`Msg::OpenedRest`].
    OpenRest { entry: usize, path: PathBuf, format: Format, width: usize },
    /// Count every match of `matcher` in the shown article: [`Msg::Counted`].
    Count { generation: u64, article: Arc<Article>, matcher: Matcher },
    /// Find every entity of `article`: [`Msg::Detected`]. Replaces any detection running.
    Detect { entry: usize, job: u64, article: Arc<Article>, watch_lists: Arc<[WatchList]> },
    /// Read `articles` (`(entry, path, format)`) for a deep filter: [`Msg::LibraryHits`].
    /// Replaces any search running.
    SearchLibrary {
        generation: u64,
        query: Query,
        articles: Vec<(usize, PathBuf, Format)>,
        watch_lists: Arc<[WatchList]>,
    },
    /// Stop a task nobody wants any more.
    Stop(Task),
    /// Read the folder: [`Msg::Scanned`] batches.
    Scan(PathBuf),
    /// Read `articles` fully: [`Msg::Loaded`] batches.
    LoadAll(Vec<(usize, PathBuf, Format)>),
    /// Watch the folder: [`Msg::FilesChanged`].
    Watch(PathBuf),
    /// Read the state file: [`Msg::StateLoaded`].
    LoadState(PathBuf),
    /// Write the state file (on its writer's thread; a failure comes back as [`Msg::Failed`]).
    Save { path: PathBuf, saved: Box<Saved> },
    /// Read what changed at `path` under `root`: [`Msg::FilesChanged`].
    Reread { root: PathBuf, path: PathBuf },
    /// Open `path` in the user's editor (the terminal is handed over): [`Msg::Edited`].
    Edit(PathBuf),
}
