//! The app's state, everything the view draws from, in parts a reader can hold in mind: the
//! list pane ([`list`]), the reading pane ([`reading`]), the overlays ([`overlays`]) and what
//! is kept between runs ([`persist`]). Only `update` changes it; what is here are its data and
//! the questions update and the view ask of it.

pub mod list;
pub mod overlays;
pub mod persist;
pub mod reading;

use std::sync::Arc;

pub use self::list::{Keep, ListFilter, ListPane};
pub use self::overlays::{Overlays, Panel, PanelRow, Prompt, PromptFor};
pub use self::persist::{Persistence, Snapshot, path_key};
pub use self::reading::{EntityTarget, Reader, ReadingPane, Search};
use crate::config::SortKey;
use crate::keymap::Scope;
use crate::layout::Areas;
pub use crate::layout::Focus;
use crate::library::{Entry, Library};
use crate::store::Saved;
use crate::text::segments::Mark;
use crate::text::watch::WatchList;

/// Options the state needs from the config, copied in so update stays free of the config type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub sort: SortKey,
    pub max_width: u16,
    pub list_width: u16,
    pub scroll_lines: u16,
    /// Rows the help overlay has (fixed by the keymap), for paging and clamping its scroll.
    pub help_rows: usize,
}

impl From<&crate::config::Config> for Options {
    fn from(config: &crate::config::Config) -> Self {
        Self {
            sort: config.library.sort,
            max_width: config.reader.max_width,
            list_width: config.ui.list_width,
            scroll_lines: config.reader.scroll_lines,
            help_rows: crate::keymap::help_rows(&config.keymap).len(),
        }
    }
}

/// What the keys are for right now: decided once, here, for both the key lookup and update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Help,
    Prompt,
    Panel,
    List,
    Reader,
}

impl Mode {
    /// The key scope looked up first in this mode.
    pub const fn scope(self) -> Scope {
        match self {
            Mode::Help => Scope::Help,
            Mode::Prompt => Scope::Prompt,
            Mode::Panel => Scope::Panel,
            Mode::List => Scope::List,
            Mode::Reader => Scope::Reader,
        }
    }
}

/// Everything the view draws from.
#[derive(Debug, Clone)]
pub struct State {
    pub library: Library,
    pub focus: Focus,
    pub areas: Areas,
    pub options: Options,
    pub list: ListPane,
    pub reading: ReadingPane,
    pub overlays: Overlays,
    pub persist: Persistence,
    /// A transient message for the status line.
    pub message: Option<String>,
    /// The time, in seconds since the Unix epoch, as of the last clock tick.
    pub now: u64,
    /// The last generation handed out to a background job (a filter's search, an article's
    /// entity detection), to tell its result from a stale one's.
    pub generation: u64,
    pub quit: bool,
}

impl State {
    /// The state of a freshly opened `library`, listed in `options.sort` order.
    pub fn new(library: Library, options: Options) -> Self {
        let order = crate::library::sort::order(&library.entries, options.sort, |e| !e.gone);
        Self {
            library,
            focus: Focus::List,
            areas: Areas::default(),
            options,
            list: ListPane { order, ..ListPane::default() },
            reading: ReadingPane::default(),
            overlays: Overlays::default(),
            persist: Persistence::default(),
            message: None,
            now: 0,
            generation: 0,
            quit: false,
        }
    }

    /// The same with the user's watch-lists, and entity highlighting on or off.
    #[must_use]
    pub fn with_entities(mut self, watch_lists: Arc<[WatchList]>, highlight: bool) -> Self {
        self.reading.watch_lists = watch_lists;
        self.reading.entities_on = highlight;
        self
    }

    /// What the keys are for: the help overlay over everything, then the prompt, the entity
    /// panel, and the focused pane.
    pub fn mode(&self) -> Mode {
        match self.focus {
            _ if self.overlays.help.is_some() => Mode::Help,
            _ if self.overlays.prompt.is_some() => Mode::Prompt,
            _ if self.overlays.panel.is_some() => Mode::Panel,
            Focus::List => Mode::List,
            Focus::Reader => Mode::Reader,
        }
    }

    /// The selected entry's index into `library.entries`.
    pub fn selected_entry(&self) -> Option<usize> {
        self.list.order.get(self.list.selected).copied()
    }

    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.library.entries.get(index)
    }

    /// Whether `entry` is listed before any filter: still on disk, in the chosen folder.
    pub fn in_folder(&self, entry: &Entry) -> bool {
        !entry.gone && self.list.folder.as_deref().is_none_or(|f| entry.folder() == f)
    }

    /// Lines of article text visible at once.
    pub fn view_height(&self) -> usize {
        usize::from(self.areas.reader_text.height).max(1)
    }

    /// Rows of the list pane's inner area, and rows per entry.
    pub fn list_rows(&self) -> (usize, usize) {
        crate::layout::list_rows(&self.areas)
    }

    /// Entries that fit in the list pane at once.
    pub fn list_page(&self) -> usize {
        crate::layout::list_page(&self.areas)
    }

    /// What the state file would say now; see [`Snapshot`].
    pub fn snapshot(&self) -> Snapshot {
        let last = match &self.list.wanted_last {
            // The previous run's article, until the scan finds it or the user moves.
            Some(last) => Some(last.clone()),
            None => self.selected_entry().and_then(|i| self.entry(i)).map(|e| path_key(&e.path)),
        };
        Snapshot::of(&self.library, self.reading.reader.as_ref(), last)
    }

    /// The state file's contents for `snapshot`.
    pub fn saved(&self, snapshot: &Snapshot) -> Saved {
        snapshot.saved(&self.library, &self.persist.memory)
    }

    /// The background entity detection the shown article needs, as (entry, job): until its
    /// highlights are complete.
    pub fn detection_wanted(&self) -> Option<(usize, u64)> {
        self.reading.reader.as_ref().filter(|r| !r.highlights.complete).map(|r| (r.entry, r.job))
    }

    /// The background search the filter needs, as (generation, the articles to read, all of
    /// them when `None`): until its results are complete.
    pub fn library_search_wanted(&self) -> Option<(u64, Option<&[usize]>)> {
        self.list.filter.as_ref().filter(|f| !f.complete).map(|f| (f.generation, f.pending.as_deref()))
    }

    /// The label of a kind or watch-list: `person`, `sanctions`.
    pub fn mark_label(&self, mark: Mark) -> String {
        match mark {
            Mark::Entity(kind) => kind.name().to_owned(),
            Mark::Watch(list) => self.reading.watch_lists.get(usize::from(list)).map_or_else(
                || format!("list {list}"),
                |w| crate::text::sanitize::strip_sequences(&w.name, false).into_owned(),
            ),
            Mark::Match | Mark::Current => String::new(),
        }
    }

    /// The list pane's title: the count, the sort, the folder and the filter in force.
    pub fn list_title(&self) -> String {
        let mut title = format!("Articles {} · by {}", self.list.order.len(), self.options.sort);
        if self.list.scanning {
            title += " · reading the folder…";
        }
        if let Some(folder) = &self.list.folder {
            title += " · in ";
            title += if folder.is_empty() { "./" } else { folder };
        }
        if let Some(f) = &self.list.filter {
            title += " · ";
            title += &f.input;
            if !f.complete {
                title += "…";
            }
        }
        title
    }

    /// The sentence for a list with nothing in it, the same in the status line and the panes.
    pub fn empty_list_reason(&self) -> &'static str {
        if self.list.filter.is_some() { NO_MATCH } else { NO_ARTICLES }
    }
}

/// Said when a filter lists nothing.
pub const NO_MATCH: &str = "no article matches the filter";
/// Said when the folder (or the folder narrowed to) lists nothing.
pub const NO_ARTICLES: &str = "no articles in this folder";
