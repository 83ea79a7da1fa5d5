//! The app's state: the library view, the open article and its wrapped layout, focus and overlays.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::config::SortKey;
use crate::library::filter::{self, Query};
use crate::library::{Article, Entry, Library};
use crate::store::{Memory, Reading, Record, Saved};
use crate::text::highlights::{Group, Highlights};
use crate::text::search::Matcher;
use crate::text::segments::Mark;
use crate::text::watch::WatchList;
use crate::text::wrap::Layout;
use crate::ui::layout::Areas;

/// Which pane the keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
}

/// The article shown in the reading pane.
#[derive(Debug, Clone)]
pub struct Reader {
    /// Index into `Library::entries`.
    pub entry: usize,
    pub article: Arc<Article>,
    pub layout: Layout,
    /// First visible line of `layout`.
    pub top: usize,
    /// Entities and watch-list hits found in the article so far.
    pub highlights: Highlights,
    /// Names this article's background entity detection, to tell its result from a stale one.
    pub job: u64,
}

impl Reader {
    /// The byte offset at the top of the view: the anchor kept across reflows.
    pub fn anchor(&self) -> usize {
        self.layout.lines.get(self.top).map_or(0, |l| l.range.start)
    }

    /// The largest useful `top` for a view `height` lines tall.
    pub fn max_top(&self, height: usize) -> usize {
        self.layout.lines.len().saturating_sub(height)
    }

    /// How far through the article the view is, 0-100.
    pub fn percent(&self, height: usize) -> usize {
        let max = self.max_top(height);
        (self.top.min(max) * 100).checked_div(max).unwrap_or(100)
    }
}

/// The search in force: its query, and its matches in the shown article.
#[derive(Debug, Clone)]
pub struct Search {
    pub query: String,
    pub regex: bool,
    pub matcher: Matcher,
    /// Byte ranges in the shown article's text, in order.
    pub matches: Vec<Range<usize>>,
    /// The match the view is on (`n` / `N` move it).
    pub current: Option<usize>,
    /// The article the matches belong to.
    pub entry: Option<usize>,
    /// False while the matches of a huge article are still being counted in the background.
    pub complete: bool,
    /// The search gave up before the end of the article (a pathological pattern).
    pub stopped: bool,
    /// Tells a background count's result from a stale one.
    pub generation: u64,
    /// Set when the "search" is the mentions of an entity chosen in the entity panel: its
    /// matches come from the article's highlights, not from `matcher`.
    pub entity: Option<EntityTarget>,
}

/// An entity chosen in the entity panel: its mark (kind or watch-list) and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityTarget {
    pub mark: Mark,
    pub name: String,
}

/// A row of the entity panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelRow {
    /// A section: a kind or a watch-list, its mentions and its distinct names.
    Heading { mark: Mark, mentions: usize, names: usize },
    /// A name: an index into `Panel::groups`.
    Name(usize),
}

/// The entity panel while it is open.
#[derive(Debug, Clone)]
pub struct Panel {
    /// The article the names belong to.
    pub entry: usize,
    /// Its names, in display order.
    pub groups: Vec<Group>,
    /// The names under a heading per section.
    pub rows: Vec<PanelRow>,
    /// Index into `groups` of the chosen name.
    pub selected: usize,
    /// First visible row.
    pub top: usize,
    /// The whole article had been read for entities when the panel was made.
    pub complete: bool,
}

impl Panel {
    pub fn new(entry: usize, groups: Vec<Group>, complete: bool) -> Self {
        let mut rows = Vec::with_capacity(groups.len() + 10);
        for (i, g) in groups.iter().enumerate() {
            if i == 0 || groups[i - 1].mark != g.mark {
                let section = groups[i..].iter().take_while(|o| o.mark == g.mark);
                let (mentions, names) = section.fold((0, 0), |(m, n), o| (m + o.mentions.len(), n + 1));
                rows.push(PanelRow::Heading { mark: g.mark, mentions, names });
            }
            rows.push(PanelRow::Name(i));
        }
        Self { entry, groups, rows, selected: 0, top: 0, complete }
    }

    /// The row showing name `group`.
    pub fn row_of(&self, group: usize) -> usize {
        self.rows.iter().position(|r| *r == PanelRow::Name(group)).unwrap_or(0)
    }
}

impl Search {
    /// `3/17`, `0/17` before a match is chosen, or `no match`.
    pub fn counter(&self) -> String {
        let total = if self.complete && !self.stopped {
            self.matches.len().to_string()
        } else {
            format!("{}+", self.matches.len())
        };
        match (self.matches.is_empty() && self.complete, self.current) {
            (true, _) => "no match".to_string(),
            (false, Some(i)) => format!("{}/{total}", i + 1),
            (false, None) => format!("-/{total}"),
        }
    }
}

/// What a prompt's text is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptFor {
    /// The search in the shown article.
    Search,
    /// The filter of the article list.
    Filter,
}

/// The filter narrowing the article list.
#[derive(Debug, Clone)]
pub struct ListFilter {
    /// As typed (or set from the entity panel), for the pane title.
    pub input: String,
    pub query: Query,
    /// For a deep query: the matches or mentions in each article that has any.
    pub counts: HashMap<usize, usize>,
    /// False while a deep query is still reading articles.
    pub complete: bool,
    /// Tells the background search's results from a stale one's.
    pub generation: u64,
    /// For a deep query: the articles still to read, when not all of them (after a change on
    /// disk, only the changed ones are read again).
    pub pending: Option<Vec<usize>>,
}

/// The search prompt while it is open.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub purpose: PromptFor,
    pub input: String,
    /// Cursor position in `input`, in bytes (always on a character boundary).
    pub cursor: usize,
    pub regex: bool,
    /// Position in the query history while recalling (`up` / `down`).
    pub history_pos: Option<usize>,
    /// What was typed before recalling history, restored by going past the newest entry.
    pub draft: String,
    /// Where the view and focus were when the prompt opened (the article, and the byte offset
    /// at the top of the view, which survives reflows), and the search then in force: `cancel`
    /// puts them back.
    pub origin_entry: Option<usize>,
    pub origin_anchor: usize,
    pub origin_focus: Focus,
    pub previous: Option<Search>,
    /// For the filter prompt: the filter in force when it opened, and the selected article.
    pub previous_filter: Option<ListFilter>,
    pub origin_selected: Option<usize>,
}

/// Options the state needs from the config, copied in so update stays free of the config type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub sort: SortKey,
    pub max_width: u16,
    pub list_width: u16,
    pub scroll_lines: u16,
    pub scrollbar: bool,
}

impl From<&crate::config::Config> for Options {
    fn from(config: &crate::config::Config) -> Self {
        Self {
            sort: config.library.sort,
            max_width: config.reader.max_width,
            list_width: config.ui.list_width,
            scroll_lines: config.reader.scroll_lines,
            scrollbar: config.reader.scrollbar,
        }
    }
}

/// Everything the view draws from.
#[derive(Debug, Clone)]
#[expect(clippy::struct_excessive_bools, reason = "independent switches, not a state machine in disguise")]
pub struct State {
    pub library: Library,
    /// Indexes into `library.entries`, in list order.
    pub order: Vec<usize>,
    /// Position in `order` of the selected article.
    pub selected: usize,
    /// First visible position of the list.
    pub list_top: usize,
    pub focus: Focus,
    pub reader: Option<Reader>,
    /// The help overlay, open with its scroll offset.
    pub help: Option<usize>,
    /// Rows the help overlay has (fixed by the keymap), for clamping its scroll.
    pub help_rows: usize,
    /// A transient message for the status line.
    pub message: Option<String>,
    pub search: Option<Search>,
    pub prompt: Option<Prompt>,
    /// Queries searched this run, oldest first.
    pub history: Vec<String>,
    pub areas: Areas,
    pub options: Options,
    /// The filter of the list, if any.
    pub filter: Option<ListFilter>,
    /// Filters typed this run, oldest first.
    pub filter_history: Vec<String>,
    /// The list shows only the articles of this folder (relative, with a trailing `/`; empty
    /// for the top folder).
    pub folder: Option<String>,
    /// The reading state saved by earlier runs, for articles found by their content.
    pub memory: Memory,
    /// The article last marked as being read, so it is marked once per opening.
    pub touched: Option<usize>,
    /// The open article is being read again after it changed on disk: the text that was at
    /// the top of the view, to find the same place in the new text.
    pub reload_anchor: Option<(usize, String)>,
    /// The time, in seconds since the Unix epoch, set by the app before each update.
    pub now: u64,
    /// The folder is still being read in the background.
    pub scanning: bool,
    /// The last selected article of the previous run, to select once the scan finds it (unless
    /// the user moved first).
    pub wanted_last: Option<String>,
    /// Articles read recently, most recent first, kept wrapped for instant switching back.
    pub recent: VecDeque<Reader>,
    /// Entities are highlighted in the reading pane.
    pub entities_on: bool,
    /// The legend of entity kinds is shown.
    pub legend: bool,
    pub panel: Option<Panel>,
    /// The user's watch-lists, shared with background detection.
    pub watch: Arc<[WatchList]>,
    /// The last `Reader::job` handed out.
    pub jobs: u64,
    pub quit: bool,
}

impl State {
    pub fn new(library: Library, options: Options) -> Self {
        let mut state = Self {
            library,
            order: Vec::new(),
            selected: 0,
            list_top: 0,
            focus: Focus::List,
            reader: None,
            help: None,
            help_rows: 0,
            message: None,
            search: None,
            prompt: None,
            history: Vec::new(),
            areas: Areas::default(),
            options,
            filter: None,
            filter_history: Vec::new(),
            folder: None,
            memory: Memory::default(),
            touched: None,
            reload_anchor: None,
            now: 0,
            scanning: false,
            wanted_last: None,
            recent: VecDeque::new(),
            entities_on: true,
            legend: false,
            panel: None,
            watch: Arc::from(Vec::new()),
            jobs: 0,
            quit: false,
        };
        state.sort();
        state
    }

    /// The selected entry's index into `library.entries`.
    pub fn selected_entry(&self) -> Option<usize> {
        self.order.get(self.selected).copied()
    }

    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.library.entries.get(index)
    }

    /// Orders the list: the articles still there, of the chosen folder, by the configured key,
    /// narrowed by the filter; keeps the selected article selected when it is still listed.
    pub fn sort(&mut self) {
        let keep = self.selected_entry();
        let entries = &self.library.entries;
        let mut order: Vec<usize> = (0..entries.len()).filter(|&i| self.in_folder(&entries[i])).collect();
        match self.options.sort {
            SortKey::Date => order.sort_by(|&a, &b| {
                let (ea, eb) = (&entries[a], &entries[b]);
                // Newest first; undated last.
                eb.meta.date_key().cmp(&ea.meta.date_key()).then_with(|| ea.rel.cmp(&eb.rel))
            }),
            SortKey::Title => {
                order.sort_by_cached_key(|&i| (entries[i].meta.title.to_lowercase(), entries[i].rel.clone()));
            }
            SortKey::Path => order.sort_by(|&a, &b| entries[a].rel.cmp(&entries[b].rel)),
            SortKey::Length => order.sort_by_key(|&i| (entries[i].words.is_none(), entries[i].words, i)),
            SortKey::LastRead => order.sort_by(|&a, &b| {
                let (ea, eb) = (&entries[a], &entries[b]);
                // Most recently read first; never read after, newest first.
                eb.reading
                    .last_read
                    .cmp(&ea.reading.last_read)
                    .then_with(|| eb.meta.date_key().cmp(&ea.meta.date_key()))
                    .then_with(|| ea.rel.cmp(&eb.rel))
            }),
        }
        if let Some(f) = &self.filter {
            order = match &f.query {
                Query::Title(q) => filter::by_title(&order, |i| entries[i].meta.title.as_str(), q),
                _ => order.into_iter().filter(|i| f.counts.contains_key(i)).collect(),
            };
        }
        self.order = order;
        let pos = keep.and_then(|keep| self.order.iter().position(|&i| i == keep));
        self.selected = pos.unwrap_or(self.selected.min(self.order.len().saturating_sub(1)));
    }

    /// Whether `entry` is listed before any filter: still on disk, in the chosen folder.
    pub fn in_folder(&self, entry: &Entry) -> bool {
        !entry.gone && self.folder.as_deref().is_none_or(|f| entry.folder() == f)
    }

    /// What the state file would say of this folder, in a form cheap to build and compare:
    /// see [`Snapshot`].
    pub fn snapshot(&self) -> Snapshot {
        let open = self.reader.as_ref().map(|r| (r.entry, r.anchor()));
        let articles = self
            .library
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
        let last = match &self.wanted_last {
            // The previous run's article, until the scan finds it or the user moves.
            Some(last) => Some(last.clone()),
            None => self.selected_entry().and_then(|i| self.entry(i)).map(|e| path_key(&e.path)),
        };
        Snapshot { articles, last }
    }

    /// The state file's contents for `snapshot`: each article's record (found by its path and
    /// content hash), merged with what earlier runs saved of others.
    pub fn saved(&self, snapshot: &Snapshot) -> Saved {
        let records = self
            .library
            .entries
            .iter()
            .zip(&snapshot.articles)
            .filter(|(_, (_, _, gone))| !gone)
            .map(|(e, &(reading, hash, _))| Record { path: path_key(&e.path), hash, reading })
            .collect();
        self.memory.merged(&path_key(&self.library.root), snapshot.last.as_deref(), records)
    }

    /// The reading state of every article of the folder, the open one's position included,
    /// merged with what earlier runs saved of others.
    pub fn saved_reading(&self) -> Saved {
        self.saved(&self.snapshot())
    }

    /// Takes in what earlier runs remembered: each article's state found by its path, and the
    /// last selected article selected again. Articles known only by content are matched when
    /// their hash is known (see [`State::recall_by_hash`]).
    pub fn restore(&mut self, memory: Memory) {
        for e in &mut self.library.entries {
            if let Some(r) = memory.by_path(&path_key(&e.path)) {
                e.reading = r.reading;
            }
        }
        self.wanted_last = memory.last(&path_key(&self.library.root)).map(str::to_owned);
        self.memory = memory;
        self.sort();
        self.select_wanted_last();
    }

    /// Selects the previous run's last article if it is listed now.
    pub fn select_wanted_last(&mut self) {
        let Some(last) = self.wanted_last.as_deref() else { return };
        if let Some(pos) = self.order.iter().position(|&i| path_key(&self.library.entries[i].path) == last) {
            self.selected = pos;
            self.wanted_last = None;
        }
    }

    /// Takes in a batch of the background scan: the articles with what earlier runs remembered
    /// of them.
    pub fn add_scanned(&mut self, batch: crate::library::ScanBatch) {
        for mut e in batch.entries {
            if let Some(r) = self.memory.by_path(&path_key(&e.path)) {
                e.reading = r.reading;
            }
            self.library.entries.push(e);
        }
        self.library.warnings.extend(batch.warnings);
        self.scanning = !batch.done;
        if batch.done && !self.library.warnings.is_empty() {
            let n = self.library.warnings.len();
            let first = &self.library.warnings[0];
            self.message = Some(if n == 1 {
                format!("not read: {first}")
            } else {
                format!("{n} places not read, first: {first}")
            });
        }
        self.sort();
        self.select_wanted_last();
    }

    /// Gives entry `i`, whose content hash is now known, the state of a renamed or moved
    /// article with that content, if its path found none.
    pub fn recall_by_hash(&mut self, i: usize) {
        let Some(e) = self.library.entries.get_mut(i) else { return };
        if e.reading != Reading::default() {
            return;
        }
        if let Some(r) = e.hash.and_then(|h| self.memory.by_hash(h)) {
            e.reading = r.reading;
        }
    }

    /// Rows of the list pane's inner area, and rows per entry.
    pub fn list_rows(&self) -> (usize, usize) {
        let height = usize::from(self.areas.list_inner.height);
        (height, if height >= 8 { 2 } else { 1 })
    }

    /// Entries that fit in the list pane at once.
    pub fn list_page(&self) -> usize {
        let (height, per) = self.list_rows();
        (height / per).max(1)
    }

    /// The background entity detection the shown article needs, as (entry, job): until its
    /// highlights are complete.
    pub fn detection_wanted(&self) -> Option<(usize, u64)> {
        self.reader.as_ref().filter(|r| !r.highlights.complete).map(|r| (r.entry, r.job))
    }

    /// The background search the filter needs, as (generation, the articles to read, all of
    /// them when `None`): until its results are complete.
    pub fn library_search_wanted(&self) -> Option<(u64, Option<&[usize]>)> {
        self.filter.as_ref().filter(|f| !f.complete).map(|f| (f.generation, f.pending.as_deref()))
    }

    /// The label of a kind or watch-list: `person`, `sanctions`.
    pub fn mark_label(&self, mark: Mark) -> String {
        match mark {
            Mark::Entity(kind) => kind.name().to_owned(),
            Mark::Watch(list) => self.watch.get(usize::from(list)).map_or_else(
                || format!("list {list}"),
                |w| crate::text::sanitize::strip_sequences(&w.name, false).into_owned(),
            ),
            Mark::Match | Mark::Current => String::new(),
        }
    }

    /// The list pane's title: the count, the sort, the folder and the filter in force.
    pub fn list_title(&self) -> String {
        let mut title = format!("Articles {} · by {}", self.order.len(), self.options.sort);
        if self.scanning {
            title += " · reading the folder…";
        }
        if let Some(folder) = &self.folder {
            title += " · in ";
            title += if folder.is_empty() { "./" } else { folder };
        }
        if let Some(f) = &self.filter {
            title += " · ";
            title += &f.input;
            if !f.complete {
                title += "…";
            }
        }
        title
    }

    /// Lines of article text visible at once.
    pub fn view_height(&self) -> usize {
        usize::from(self.areas.reader_text.height).max(1)
    }
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

/// An article's path as the reading state knows it.
pub fn path_key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
