//! The reading pane's part of the state: the article shown, wrapped, with its highlights; the
//! recent ones kept wrapped; the article being read; the search in force.

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::Arc;

use crate::library::Article;
use crate::text::highlights::Highlights;
use crate::text::search::Matcher;
use crate::text::segments::Mark;
use crate::text::watch::WatchList;
use crate::text::wrap::Layout;

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
    /// A reader for `article` of entry `entry` laid out at `width`, with nothing found yet.
    pub fn new(entry: usize, article: Arc<Article>, width: usize) -> Self {
        let layout = Layout::new(&article.doc, width, article.header());
        Self { entry, article, layout, top: 0, highlights: Highlights::default(), job: 0 }
    }

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

impl Search {
    /// `3/17`, `-/17` before a match is chosen, or `no match`.
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

/// An entity chosen in the entity panel: its mark (kind or watch-list) and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityTarget {
    pub mark: Mark,
    pub name: String,
}

/// Articles kept wrapped for switching back without reading or wrapping again.
pub const RECENT: usize = 8;

/// The reading pane.
#[derive(Debug, Clone)]
pub struct ReadingPane {
    pub reader: Option<Reader>,
    /// Articles read recently, most recent first, kept wrapped for instant switching back.
    pub recent: VecDeque<Reader>,
    /// The entry whose article has been asked for and not come back yet.
    pub loading: Option<usize>,
    pub search: Option<Search>,
    /// Queries searched this run, oldest first.
    pub history: Vec<String>,
    /// Entities are highlighted.
    pub entities_on: bool,
    /// The user's watch-lists, shared with background detection.
    pub watch_lists: Arc<[WatchList]>,
    /// The open article is being read again after it changed on disk: the text that was at
    /// the top of the view, to find the same place in the new text.
    pub reload_anchor: Option<(usize, String)>,
    /// The article last marked as being read, so it is marked once per opening.
    pub touched: Option<usize>,
}

impl Default for ReadingPane {
    fn default() -> Self {
        Self {
            reader: None,
            recent: VecDeque::new(),
            loading: None,
            search: None,
            history: Vec::new(),
            entities_on: true,
            watch_lists: Arc::from(Vec::new()),
            reload_anchor: None,
            touched: None,
        }
    }
}

impl ReadingPane {
    /// The entry of the article shown.
    pub fn shown(&self) -> Option<usize> {
        self.reader.as_ref().map(|r| r.entry)
    }
}
