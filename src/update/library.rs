//! The list as a library: the filter (titles, full text, entities), narrowing to a folder, read
//! marks, and changes on disk.

use super::{Effect, keep_selection_visible, load_if_needed, search};
use crate::library::Change;
use crate::library::filter::Query;
use crate::state::{Focus, ListFilter, PromptFor, State};

/// `filter`: opens the prompt on the filter in force (or an empty one).
pub fn open_filter(state: &mut State) {
    search::open_prompt(state, PromptFor::Filter);
    state.focus = Focus::List;
}

/// Filters the list by the prompt's text as it is typed; the best match is selected.
pub fn run_filter(state: &mut State) -> Option<Effect> {
    let input = state.prompt.as_ref()?.input.clone();
    set_filter(state, &input, Query::parse(&input));
    state.selected = 0;
    keep_selection_visible(state);
    load_if_needed(state)
}

/// Makes `query` the filter; a deep one starts empty and incomplete, and the app reads the
/// articles for it in the background (see [`State::library_search_wanted`]).
fn set_filter(state: &mut State, input: &str, query: Option<Query>) {
    state.jobs += 1;
    let generation = state.jobs;
    state.filter = query.map(|query| ListFilter {
        input: input.to_string(),
        complete: !query.is_deep(),
        query,
        counts: std::collections::HashMap::new(),
        pending: None,
        generation,
    });
    state.sort();
}

/// `accept` in the filter prompt: keeps the filter. A full-text filter also becomes the search,
/// so each article opened from the list shows its matches.
pub fn accept_filter(state: &mut State) -> Option<Effect> {
    let prompt = state.prompt.take()?;
    let input = prompt.input;
    if !input.is_empty() && state.filter_history.last() != Some(&input) {
        state.filter_history.retain(|q| q != &input);
        state.filter_history.push(input);
    }
    if let Some(Query::FullText(q)) = state.filter.as_ref().map(|f| f.query.clone()) {
        let effect = search::start_search(state, &q, false);
        search::step_match(state, true);
        state.message = None;
        return effect;
    }
    None
}

/// `cancel` in the filter prompt: the filter and the selection are put back as they were.
pub fn cancel_filter(state: &mut State) -> Option<Effect> {
    let prompt = state.prompt.take()?;
    // A deep filter that was still being read is read again (the app follows the filter's
    // generation).
    state.filter = prompt.previous_filter;
    state.sort();
    if let Some(pos) = prompt.origin_selected.and_then(|e| state.order.iter().position(|&i| i == e)) {
        state.selected = pos;
    }
    keep_selection_visible(state);
    load_if_needed(state)
}

/// `clear-filter`: the whole list again (the folder narrowing stays).
pub fn clear_filter(state: &mut State) -> Option<Effect> {
    state.filter.take()?;
    state.sort();
    keep_selection_visible(state);
    state.message = Some("filter cleared".into());
    load_if_needed(state)
}

/// Results of the background search for the filter: `(entry, count)` pairs, and whether it
/// is done.
pub fn library_hits(state: &mut State, generation: u64, hits: Vec<(usize, usize)>, done: bool) -> Option<Effect> {
    let f = state.filter.as_mut().filter(|f| f.generation == generation)?;
    let was_empty = f.counts.is_empty();
    f.counts.extend(hits.into_iter().filter(|&(_, n)| n > 0));
    f.complete = done;
    if done {
        f.pending = None;
    }
    state.sort();
    if was_empty {
        state.selected = 0;
    }
    keep_selection_visible(state);
    if done && state.order.is_empty() {
        state.message = Some("no article matches the filter".into());
    }
    load_if_needed(state)
}

/// `filter-by-entity` in the entity panel: lists the articles that mention the chosen name.
pub fn filter_by_entity(state: &mut State) -> Option<Effect> {
    let panel = state.panel.take()?;
    let group = panel.groups.get(panel.selected)?;
    let label = state.mark_label(group.mark);
    let query = Query::Entity { name: group.name.clone(), exact: Some(group.mark) };
    set_filter(state, &format!("@{} ({label})", group.name), Some(query));
    state.focus = Focus::List;
    super::relayout(state, state.areas.screen);
    keep_selection_visible(state);
    None
}

/// `narrow-folder`: only the selected article's folder, or everything again.
pub fn narrow_folder(state: &mut State) -> Option<Effect> {
    if state.folder.take().is_some() {
        state.message = Some("all folders".into());
    } else {
        let entry = state.selected_entry().and_then(|i| state.entry(i))?;
        let folder = entry.folder().to_string();
        state.message = Some(format!("only {}", if folder.is_empty() { "the top folder" } else { &folder }));
        state.folder = Some(folder);
    }
    state.sort();
    keep_selection_visible(state);
    load_if_needed(state)
}

/// `toggle-read`: marks the selected article read or unread.
pub fn toggle_read(state: &mut State) {
    let Some(i) = state.selected_entry() else { return };
    let stamp = read_stamp(state);
    let Some(e) = state.library.entries.get_mut(i) else { return };
    e.reading.read = !e.reading.read;
    if e.reading.read {
        e.reading.last_read = stamp;
    }
    state.message = Some(format!("marked {}", if e.reading.read { "read" } else { "unread" }));
}

/// Marks the article being read as read, once per opening.
pub fn touch(state: &mut State) {
    if state.focus != Focus::Reader {
        state.touched = None;
        return;
    }
    let Some(i) = state.reader.as_ref().map(|r| r.entry) else { return };
    if state.touched == Some(i) {
        return;
    }
    state.touched = Some(i);
    let stamp = read_stamp(state);
    if let Some(e) = state.library.entries.get_mut(i) {
        e.reading.read = true;
        e.reading.last_read = stamp;
    }
}

/// The time to record as "last read" now: the clock, but always after every earlier one, so
/// articles opened within the same second still sort in the order they were read.
fn read_stamp(state: &State) -> u64 {
    let latest = state.library.entries.iter().map(|e| e.reading.last_read).max().unwrap_or(0);
    state.now.max(latest + 1)
}

/// Bytes of text kept from the top of the view to find the same place in a changed article.
const ANCHOR_TEXT: usize = 80;

/// Where `old_top` (the text that was at the top of the view, at byte `at` of the old text) is
/// in the new `text`: the occurrence nearest to `at`, or `at` itself if the text is gone.
pub fn find_anchor(text: &str, at: usize, old_top: &str) -> usize {
    if old_top.trim().is_empty() {
        return at.min(text.len());
    }
    text.match_indices(old_top).map(|(i, _)| i).min_by_key(|&i| i.abs_diff(at)).unwrap_or(at.min(text.len()))
}

/// Applies changes seen on disk. The open article, if it changed, is read again at the same
/// place; if it was renamed or moved (gone, and a new article with its content appeared), the
/// selection follows it.
pub fn files_changed(state: &mut State, changes: Vec<Change>) -> Option<Effect> {
    let selected = state.selected_entry();
    let selected_hash = selected.and_then(|i| state.entry(i)).and_then(|e| e.hash);
    let mut touched = Vec::new();
    let mut added = Vec::new();
    for change in changes {
        let upsert = matches!(change, Change::Upsert(_));
        for i in state.library.apply(change) {
            if upsert {
                state.recall_by_hash(i);
                added.push(i);
            }
            touched.push(i);
        }
    }
    if touched.is_empty() {
        return None;
    }
    // Readers kept for touched articles are stale now; the open one keeps its place.
    state.recent.retain(|r| !touched.contains(&r.entry));
    let mut moved_to = None;
    if let Some(sel) = selected.filter(|&s| state.library.entries[s].gone) {
        moved_to =
            added.iter().copied().find(|&i| selected_hash.is_some() && state.library.entries[i].hash == selected_hash);
        if let (Some(to), Some(reader)) = (moved_to, state.reader.as_mut())
            && reader.entry == sel
        {
            reader.entry = to;
            state.library.entries[to].reading = state.library.entries[sel].reading;
        }
    }
    let reread = state.reader.as_ref().map(|r| r.entry).filter(|e| touched.contains(e) && moved_to != Some(*e));
    if let Some(e) = reread.filter(|&e| !state.library.entries[e].gone)
        && let Some(reader) = state.reader.take()
    {
        let at = reader.anchor();
        state.library.entries[e].reading.at = at;
        let text = &reader.article.doc.text;
        let mut end = (at + ANCHOR_TEXT).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        state.reload_anchor = text.get(at..end).map(|top| (e, top.to_string()));
    }
    let keep = moved_to.or(selected);
    if let Some(f) = state.filter.as_mut().filter(|f| f.query.is_deep()) {
        // The touched articles are read for the filter again; the others keep their counts.
        state.jobs += 1;
        f.generation = state.jobs;
        for i in &touched {
            f.counts.remove(i);
        }
        f.pending = match (f.complete, f.pending.take()) {
            (true, _) => Some(touched.clone()),
            // A run of every article was under way: it starts again.
            (false, None) => None,
            (false, Some(mut pending)) => {
                pending.extend(touched.iter().copied());
                Some(pending)
            }
        };
        f.complete = false;
    }
    state.sort();
    if let Some(pos) = keep.and_then(|k| state.order.iter().position(|&i| i == k)) {
        state.selected = pos;
    }
    keep_selection_visible(state);
    load_if_needed(state)
}

#[cfg(test)]
mod tests {
    use super::find_anchor;
    use rstest::rstest;

    #[rstest]
    #[case::unchanged("aa bb cc dd", 6, "cc dd", 6)]
    #[case::text_inserted_before("xx aa bb cc dd", 6, "cc dd", 9)]
    #[case::nearest_of_two("cc one cc two cc", 8, "cc", 7)]
    #[case::gone_keeps_the_offset("aa bb", 3, "zz", 3)]
    #[case::gone_past_the_end("aa", 30, "zz", 2)]
    #[case::blank_top("aa  bb", 2, "  ", 2)]
    fn finds_the_same_place_in_changed_text(
        #[case] text: &str,
        #[case] at: usize,
        #[case] old_top: &str,
        #[case] expected: usize,
    ) {
        assert_eq!(find_anchor(text, at, old_top), expected);
    }
}
