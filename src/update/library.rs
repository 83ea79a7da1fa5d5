//! The list as a library: ordering, the folder read in batches and loaded in the background,
//! narrowing to a folder, read marks, and changes on disk.

use crate::config::SortKey;
use crate::library::filter::{Query, by_title};
use crate::library::{Article, Change, ScanBatch, sort};
use crate::state::{Keep, State, path_key};
use crate::store::Reading;

/// Orders the list: the articles still there, of the chosen folder, by the configured key,
/// narrowed by the filter; then selects as `keep` says, and the previous run's last article
/// once it is listed.
pub fn sort(state: &mut State, keep: Keep) {
    // The entries to keep selected, the first one listed wins.
    let keep = match keep {
        Keep::Entry(e) => [Some(e), state.selected_entry()],
        Keep::Selected => [state.selected_entry(), None],
        Keep::First => [None, None],
    };
    let entries = &state.library.entries;
    let mut order = sort::order(entries, state.options.sort, |e| state.in_folder(e));
    if let Some(f) = &state.list.filter {
        order = match &f.query {
            Query::Title(q) => by_title(&order, |i| entries[i].meta.title.as_str(), q),
            _ => order.into_iter().filter(|i| f.counts.contains_key(i)).collect(),
        };
    }
    let list = &mut state.list;
    list.order = order;
    let found = keep.iter().flatten().find_map(|&keep| list.order.iter().position(|&i| i == keep));
    list.selected = match found {
        Some(pos) => pos,
        None if keep[0].is_none() => 0,
        None => list.selected.min(list.order.len().saturating_sub(1)),
    };
    select_wanted_last(state);
}

/// Selects the previous run's last article if it is listed now.
fn select_wanted_last(state: &mut State) {
    let Some(last) = state.list.wanted_last.as_deref() else { return };
    let entries = &state.library.entries;
    if let Some(pos) = state.list.order.iter().position(|&i| path_key(&entries[i].path) == last) {
        state.list.selected = pos;
        state.list.wanted_last = None;
    }
}

/// A batch of the background scan: the articles with what earlier runs remembered of them.
/// The folder read, its problems are said, and every article is loaded fully and the folder
/// watched (the caller asks for both).
pub fn scanned(state: &mut State, batch: ScanBatch) {
    for mut e in batch.entries {
        if let Some(r) = state.persist.memory.by_path(&path_key(&e.path)) {
            e.reading = r.reading;
        }
        state.library.entries.push(e);
    }
    state.library.warnings.extend(batch.warnings);
    state.list.scanning = !batch.done;
    if batch.done && !state.library.warnings.is_empty() {
        let n = state.library.warnings.len();
        let first = &state.library.warnings[0];
        state.message =
            Some(if n == 1 { format!("not read: {first}") } else { format!("{n} places not read, first: {first}") });
    }
    state.list.resort(Keep::Selected);
}

/// Articles the background loader finished: exact metadata, counts and hashes; the list is
/// sorted again only when that changes its order.
pub fn loaded(state: &mut State, batch: Vec<(usize, Article)>) {
    let sort = state.options.sort;
    let mut resort = false;
    for (i, article) in batch {
        let Some(entry) = state.library.entries.get_mut(i) else { continue };
        resort |= entry.meta.title != article.meta.title
            || entry.meta.date != article.meta.date
            || (sort == SortKey::Length && entry.words != Some(article.words));
        entry.update(&article);
        let before = entry.reading;
        recall_by_hash(state, i);
        resort |= sort == SortKey::LastRead && state.library.entries[i].reading != before;
    }
    if resort {
        state.list.resort(Keep::Selected);
    }
}

/// Gives entry `i`, whose content hash is now known, the state of a renamed or moved article
/// with that content, if its path found none.
pub fn recall_by_hash(state: &mut State, i: usize) {
    let Some(e) = state.library.entries.get_mut(i) else { return };
    if e.reading != Reading::default() {
        return;
    }
    if let Some(r) = e.hash.and_then(|h| state.persist.memory.by_hash(h)) {
        e.reading = r.reading;
    }
}

/// `narrow-folder`: only the selected article's folder, or everything again.
pub fn narrow_folder(state: &mut State) {
    if state.list.folder.take().is_some() {
        state.message = Some("all folders".into());
    } else {
        let Some(entry) = state.selected_entry().and_then(|i| state.entry(i)) else { return };
        let folder = entry.folder().to_string();
        state.message = Some(format!("only {}", if folder.is_empty() { "the top folder" } else { &folder }));
        state.list.folder = Some(folder);
    }
    state.list.resort(Keep::Selected);
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
    if state.focus != crate::state::Focus::Reader {
        state.reading.touched = None;
        return;
    }
    let Some(i) = state.reading.shown() else { return };
    if state.reading.touched == Some(i) {
        return;
    }
    state.reading.touched = Some(i);
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
pub fn files_changed(state: &mut State, changes: Vec<Change>) {
    let selected = state.selected_entry();
    let selected_hash = selected.and_then(|i| state.entry(i)).and_then(|e| e.hash);
    let mut touched = Vec::new();
    let mut added = Vec::new();
    for change in changes {
        let upsert = matches!(change, Change::Upsert(_));
        for i in state.library.apply(change) {
            if upsert {
                recall_by_hash(state, i);
                added.push(i);
            }
            touched.push(i);
        }
    }
    if touched.is_empty() {
        return;
    }
    // Readers kept for touched articles are stale now, and so is a read under way.
    state.reading.recent.retain(|r| !touched.contains(&r.entry));
    state.reading.loading = state.reading.loading.filter(|e| !touched.contains(e));
    let mut moved_to = None;
    if let Some(sel) = selected.filter(|&s| state.library.entries[s].gone) {
        let same = |i: &usize| selected_hash.is_some() && state.library.entries[*i].hash == selected_hash;
        moved_to = added.iter().copied().find(same);
        if let (Some(to), Some(reader)) = (moved_to, state.reading.reader.as_mut())
            && reader.entry == sel
        {
            reader.entry = to;
            state.library.entries[to].reading = state.library.entries[sel].reading;
        }
    }
    let reread = state.reading.shown().filter(|e| touched.contains(e) && moved_to != Some(*e));
    if let Some(e) = reread.filter(|&e| !state.library.entries[e].gone) {
        reread_at_the_same_place(state, e);
    }
    if let Some(f) = state.list.filter.as_mut().filter(|f| f.query.is_deep()) {
        // The touched articles are read for the filter again; the others keep their counts.
        state.generation += 1;
        f.generation = state.generation;
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
    state.list.resort(moved_to.or(selected).map_or(Keep::Selected, Keep::Entry));
}

/// The open article `e` changed on disk: it is put away, remembering the text at the top of
/// the view, and read again (at the end of the update) to show the same place.
fn reread_at_the_same_place(state: &mut State, e: usize) {
    let Some(reader) = state.reading.reader.take() else { return };
    let at = reader.anchor();
    state.library.entries[e].reading.at = at;
    let text = &reader.article.doc.text;
    let mut end = (at + ANCHOR_TEXT).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    state.reading.reload_anchor = text.get(at..end).map(|top| (e, top.to_string()));
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
