//! The list's filter: set as the prompt's text changes (fuzzy titles at once; full text and
//! entities read in the background), kept or put back when the prompt closes, cleared, and the
//! background search's results taken in.

use std::collections::HashMap;

use std::path::PathBuf;

use super::msg::Effect;
use super::search;
use crate::library::Format;
use crate::library::filter::Query;
use crate::state::{Keep, ListFilter, NO_MATCH, Prompt, State};

/// Makes `query` the filter (`None`: no filter); a deep one starts empty and incomplete, and its
/// background search is asked for at the end of the update (see [`State::library_search_wanted`]).
pub fn set(state: &mut State, input: &str, query: Option<Query>) {
    state.generation += 1;
    let generation = state.generation;
    state.list.filter = query.map(|query| ListFilter {
        input: input.to_string(),
        complete: !query.is_deep(),
        query,
        counts: HashMap::new(),
        pending: None,
        generation,
    });
    state.list.resort(Keep::Selected);
}

/// Filters the list by the prompt's text as it is typed; the best match is selected.
pub fn run(state: &mut State, input: &str) {
    set(state, input, Query::parse(input));
    state.list.resort(Keep::First);
}

/// `accept` in the filter prompt: keeps the filter. A full-text filter also becomes the search,
/// so each article opened from the list shows its matches.
pub fn accept(state: &mut State, prompt: Prompt, fx: &mut Vec<Effect>) {
    let input = prompt.input;
    let history = &mut state.list.filter_history;
    if !input.is_empty() && history.last() != Some(&input) {
        history.retain(|q| q != &input);
        history.push(input);
    }
    if let Some(Query::FullText(q)) = state.list.filter.as_ref().map(|f| f.query.clone()) {
        search::start(state, &q, false, fx);
        search::step_match(state, true);
        state.message = None;
    }
}

/// `cancel` in the filter prompt: the filter and the selection are put back as they were. A
/// deep filter that was still being read is read again (its background search follows the
/// filter's generation).
pub fn cancel(state: &mut State, prompt: Prompt) {
    state.list.filter = prompt.previous_filter;
    state.list.resort(prompt.origin_selected.map_or(Keep::Selected, Keep::Entry));
}

/// `clear-filter`: the whole list again (the folder narrowing stays).
pub fn clear(state: &mut State) {
    if state.list.filter.take().is_some() {
        state.list.resort(Keep::Selected);
        state.message = Some("filter cleared".into());
    }
}

/// Results of the background search for the filter: `(entry, count)` pairs, and whether it
/// is done.
pub fn hits(state: &mut State, generation: u64, hits: Vec<(usize, usize)>, done: bool) {
    let Some(f) = state.list.filter.as_mut().filter(|f| f.generation == generation) else { return };
    let was_empty = f.counts.is_empty();
    f.counts.extend(hits.into_iter().filter(|&(_, n)| n > 0));
    f.complete = done;
    if done {
        f.pending = None;
    }
    state.list.resort(if was_empty { Keep::First } else { Keep::Selected });
    let counts = state.list.filter.as_ref().map(|f| &f.counts);
    let listed = counts.is_some_and(|c| c.keys().any(|&i| state.entry(i).is_some_and(|e| state.in_folder(e))));
    if done && !listed {
        state.message = Some(NO_MATCH.into());
    }
}

/// The background search's articles for the filter in force: `(entry, path, format)` of every
/// live article, or of those still to read.
pub fn articles_to_read(state: &State, only: Option<&[usize]>) -> Vec<(usize, PathBuf, Format)> {
    let entries = &state.library.entries;
    let live = |i: &usize| entries.get(*i).is_some_and(|e| !e.gone);
    let indices: Vec<usize> = match only {
        Some(only) => only.iter().copied().filter(live).collect(),
        None => (0..entries.len()).filter(live).collect(),
    };
    indices.into_iter().map(|i| (i, entries[i].path.clone(), entries[i].format)).collect()
}
