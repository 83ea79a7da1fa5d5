//! What is drawn over the panes and takes the keys while open: the help overlay, the prompt
//! (search or filter), the entity panel, and the legend.

use crate::layout::Focus;
use crate::text::highlights::Group;
use crate::text::segments::Mark;

use super::list::ListFilter;
use super::reading::{Reader, Search};

/// The overlays.
#[derive(Debug, Clone, Default)]
pub struct Overlays {
    /// The help overlay, open with its scroll offset.
    pub help: Option<usize>,
    pub prompt: Option<Prompt>,
    pub panel: Option<Panel>,
    /// The legend of entity kinds is shown.
    pub legend: bool,
}

/// What a prompt's text is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptFor {
    /// The search in the shown article.
    Search,
    /// The filter of the article list.
    Filter,
}

/// The search or filter prompt while it is open.
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

    /// The panel of the names found so far in `reader`'s article.
    pub fn of(reader: &Reader) -> Self {
        let groups = reader.highlights.groups(&reader.article.doc.text);
        Self::new(reader.entry, groups, reader.highlights.complete)
    }

    /// The row showing name `group`.
    pub fn row_of(&self, group: usize) -> usize {
        self.rows.iter().position(|r| *r == PanelRow::Name(group)).unwrap_or(0)
    }
}
