//! Entities in the reading pane: detection when an article is shown (all at once, or for a
//! huge article the view first and the rest in the background), the highlight toggle and the
//! legend. The entity panel is `panel`'s.

use crate::state::{Panel, Reader, State};
use crate::text::highlights::{Highlights, cut, cut_back};

/// Articles up to this size are read for entities at once when shown (about 5 ms at 25 MB/s);
/// larger ones around the view first, and whole on a thread.
pub const SYNC_ENTITY_BYTES: usize = 128 << 10;
/// Around the view of a huge article, this many screens above and below are read at once.
const NEAR_SCREENS: usize = 2;

/// Finds the entities of a newly read article: all of them if it is small; else none yet, and
/// a job number that asks for a background run (see [`State::detection_wanted`]). The view is
/// covered at the end of the update by [`cover_view`].
pub fn start(state: &mut State, reader: &mut Reader) {
    let text = &reader.article.doc.text;
    if text.len() <= SYNC_ENTITY_BYTES {
        reader.highlights = Highlights::full(text, &state.reading.watch_lists).without_code(&reader.article.doc);
    } else {
        state.generation += 1;
        reader.job = state.generation;
    }
}

/// Reads the part of a huge article in view (and a little around it) for entities, if it has
/// not been yet, so highlighting never waits for the background run.
pub fn cover_view(state: &mut State) {
    let height = state.view_height();
    let lists = &state.reading.watch_lists;
    let Some(reader) = state.reading.reader.as_mut().filter(|r| !r.highlights.complete) else { return };
    let lines = &reader.layout.lines;
    let Some(first) = lines.get(reader.top) else { return };
    let last = &lines[(reader.top + height).min(lines.len()) - 1];
    if reader.highlights.uncovered(first.range.start..last.range.end.max(first.range.start + 1)).is_empty() {
        return;
    }
    let before = &lines[reader.top.saturating_sub(height * NEAR_SCREENS)];
    let after = &lines[(reader.top + height * (NEAR_SCREENS + 1)).min(lines.len() - 1)];
    let doc = &reader.article.doc;
    let window = cut_back(doc, before.range.start)..cut(doc, after.range.end);
    for gap in reader.highlights.uncovered(window) {
        reader.highlights.add(Highlights::detect(&doc.text, gap, lists).without_code(doc));
    }
}

/// The background run for article `entry` finished: its highlights replace the partial ones,
/// and an entity search and an open panel on it are brought up to date.
pub fn detected(state: &mut State, entry: usize, job: u64, highlights: Highlights) {
    let shown = state.reading.shown() == Some(entry);
    let reading = &mut state.reading;
    let Some(reader) = reading
        .reader
        .iter_mut()
        .chain(reading.recent.iter_mut())
        .find(|r| r.entry == entry && r.job == job && !r.highlights.complete)
    else {
        return;
    };
    reader.highlights = highlights;
    if !shown {
        return;
    }
    refresh_entity_search(state);
    let Some(reader) = state.reading.reader.as_ref() else { return };
    if let Some(panel) = state.overlays.panel.as_ref().filter(|p| p.entry == entry) {
        let chosen = panel.groups.get(panel.selected).map(|g| (g.mark, g.name.clone()));
        let mut fresh = Panel::of(reader);
        if let Some((mark, name)) = chosen {
            fresh.selected = fresh.groups.iter().position(|g| g.mark == mark && g.name == name).unwrap_or(0);
        }
        fresh.top = panel.top;
        state.overlays.panel = Some(fresh);
    }
}

/// Re-reads the mentions of the entity being stepped through, keeping the current one.
fn refresh_entity_search(state: &mut State) {
    let (Some(search), Some(reader)) = (state.reading.search.as_mut(), state.reading.reader.as_ref()) else {
        return;
    };
    let Some(target) = search.entity.as_ref().filter(|_| search.entry == Some(reader.entry)) else { return };
    let current = search.current.and_then(|i| search.matches.get(i)).map(|m| m.start);
    search.matches = reader.highlights.mentions(&reader.article.doc.text, target.mark, &target.name);
    search.complete = reader.highlights.complete;
    search.current = current.and_then(|c| search.matches.iter().position(|m| m.start == c));
}

/// `toggle-entities`: highlighting on or off.
pub fn toggle(state: &mut State) {
    let on = !state.reading.entities_on;
    state.reading.entities_on = on;
    state.message = Some(format!("entity highlighting {}", if on { "on" } else { "off" }));
}

/// `entity-legend`: the legend shown or hidden.
pub fn toggle_legend(state: &mut State) {
    state.overlays.legend = !state.overlays.legend;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::text::entities::EntityKind;
    use crate::update::testing::{PARAGRAPH, shown};
    use crate::update::{Msg, update};

    fn reader(state: &State) -> &Reader {
        state.reading.reader.as_ref().expect("an article is shown")
    }

    #[test]
    fn a_small_article_is_read_whole_when_shown() {
        let state = shown(3);
        let h = &reader(&state).highlights;
        assert!(h.complete && state.detection_wanted().is_none());
        assert_eq!(h.kind_count(EntityKind::Money), 3);
    }

    #[test]
    fn a_huge_article_is_read_around_the_view_and_whole_in_the_background() {
        let mut state = shown(SYNC_ENTITY_BYTES / PARAGRAPH.len() + 10);
        let r = reader(&state);
        let text_len = r.article.doc.text.len();
        assert!(!r.highlights.complete);
        let (entry, job) = state.detection_wanted().expect("a background run is wanted");
        let near: usize = r.highlights.covered.iter().map(ExactSizeIterator::len).sum();
        assert!(near > 0 && near < text_len / 10, "only the view is read at once: {near} of {text_len}");
        assert!(r.highlights.kind_count(EntityKind::Money) > 0);

        // Going to the end reads the new view at once too.
        update(&mut state, Msg::Action(Action::Bottom));
        let r = reader(&state);
        let last = r.layout.lines.last().expect("lines").range.clone();
        assert!(r.highlights.uncovered(last).is_empty(), "the end is highlighted");

        // A stale run's result is ignored; the wanted one completes the highlights.
        let whole = Highlights::full(&r.article.doc.text, &[]);
        let old_run = Msg::Detected { entry, job: job + 1, highlights: Box::new(whole.clone()) };
        update(&mut state, old_run);
        assert!(!reader(&state).highlights.complete);
        update(&mut state, Msg::Detected { entry, job, highlights: Box::new(whole) });
        assert!(reader(&state).highlights.complete && state.detection_wanted().is_none());
        assert_eq!(reader(&state).highlights.kind_count(EntityKind::Money), SYNC_ENTITY_BYTES / PARAGRAPH.len() + 10);
    }

    #[test]
    fn toggles_flip_highlighting_and_the_legend() {
        let mut state = shown(1);
        assert!(state.reading.entities_on && !state.overlays.legend);
        update(&mut state, Msg::Action(Action::ToggleEntities));
        assert_eq!((state.reading.entities_on, state.message.as_deref()), (false, Some("entity highlighting off")));
        update(&mut state, Msg::Action(Action::EntityLegend));
        assert!(state.overlays.legend);
    }
}
