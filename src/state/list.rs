//! The list pane's part of the state: the order shown, the selection, the filter and the folder
//! narrowing, and what the next sort must keep selected.

use std::collections::HashMap;

use crate::library::filter::Query;

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

/// What the list's next sort selects (update's last step sorts once when one is asked for).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The selected article, if it is still listed.
    Selected,
    /// This entry, if listed; else as `Selected`.
    Entry(usize),
    /// The first row: the best match of a filter.
    First,
}

/// The article list.
#[derive(Debug, Clone, Default)]
pub struct ListPane {
    /// Indexes into `library.entries`, in list order.
    pub order: Vec<usize>,
    /// Position in `order` of the selected article.
    pub selected: usize,
    /// First visible position.
    pub top: usize,
    /// The filter of the list, if any.
    pub filter: Option<ListFilter>,
    /// Filters typed this run, oldest first.
    pub filter_history: Vec<String>,
    /// The list shows only the articles of this folder (relative, with a trailing `/`; empty
    /// for the top folder).
    pub folder: Option<String>,
    /// The folder is still being read in the background.
    pub scanning: bool,
    /// The last selected article of the previous run, to select once the scan finds it (unless
    /// the user moved first).
    pub wanted_last: Option<String>,
    /// A sort is due, and what it keeps selected.
    pub resort: Option<Keep>,
}

impl ListPane {
    /// Asks for a sort at the end of this update. A more specific wish wins over keeping the
    /// selection.
    pub fn resort(&mut self, keep: Keep) {
        if keep != Keep::Selected || self.resort.is_none() {
            self.resort = Some(keep);
        }
    }
}
