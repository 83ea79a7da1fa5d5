//! Entities in the reading pane: detection when an article is shown (all at once, or for a
//! huge article the view first and the rest in the background), the highlight toggle, the
//! legend, and the entity panel, whose choice becomes the search that `n` / `N` step through.

use std::ops::Range;

use super::{Effect, search};
use crate::action::Action;
use crate::state::{EntityTarget, Focus, Panel, PanelRow, Reader, Search, State};
use crate::text::highlights::{Highlights, cut, cut_back};
use crate::text::search::Matcher;
use crate::ui::panel;

/// Articles up to this size are read for entities at once when shown (about 5 ms at 25 MB/s);
/// larger ones around the view first, and whole on a thread.
pub const SYNC_ENTITY_BYTES: usize = 128 << 10;
/// Around the view of a huge article, this many screens above and below are read at once.
const NEAR_SCREENS: usize = 2;

/// Finds the entities of a newly read article: all of them if it is small; else none yet, and
/// a job number that asks for a background run (see [`State::detection_wanted`]). The view is
/// covered after the update by [`cover_view`].
pub fn start(state: &mut State, reader: &mut Reader) {
    let text = &reader.article.doc.text;
    if text.len() <= SYNC_ENTITY_BYTES {
        reader.highlights = Highlights::full(text, &state.watch).without_code(&reader.article.doc);
    } else {
        state.jobs += 1;
        reader.job = state.jobs;
    }
}

/// Reads the part of a huge article in view (and a little around it) for entities, if it has
/// not been yet, so highlighting never waits for the background run.
pub fn cover_view(state: &mut State) {
    let height = state.view_height();
    let Some(reader) = state.reader.as_mut().filter(|r| !r.highlights.complete) else { return };
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
        reader.highlights.add(Highlights::detect(&doc.text, gap, &state.watch).without_code(doc));
    }
}

/// The background run for article `entry` finished: its highlights replace the partial ones,
/// and an entity search and an open panel on it are brought up to date.
pub fn detected(state: &mut State, entry: usize, job: u64, highlights: Highlights) {
    let shown = state.reader.as_ref().is_some_and(|r| r.entry == entry);
    let Some(reader) = state
        .reader
        .iter_mut()
        .chain(state.recent.iter_mut())
        .find(|r| r.entry == entry && r.job == job && !r.highlights.complete)
    else {
        return;
    };
    reader.highlights = highlights;
    if !shown {
        return;
    }
    refresh_entity_search(state);
    if let Some(panel) = state.panel.as_ref().filter(|p| p.entry == entry) {
        let chosen = panel.groups.get(panel.selected).map(|g| (g.mark, g.name.clone()));
        open_panel(state);
        if let (Some(panel), Some((mark, name))) = (state.panel.as_mut(), chosen) {
            panel.selected = panel.groups.iter().position(|g| g.mark == mark && g.name == name).unwrap_or(0);
        }
        keep_choice_visible(state);
    }
}

/// Re-reads the mentions of the entity being stepped through, keeping the current one.
fn refresh_entity_search(state: &mut State) {
    let (Some(search), Some(reader)) = (state.search.as_mut(), state.reader.as_ref()) else { return };
    let Some(target) = search.entity.as_ref().filter(|_| search.entry == Some(reader.entry)) else { return };
    let current = search.current.and_then(|i| search.matches.get(i)).map(|m| m.start);
    search.matches = reader.highlights.mentions(&reader.article.doc.text, target.mark, &target.name);
    search.complete = reader.highlights.complete;
    search.current = current.and_then(|c| search.matches.iter().position(|m| m.start == c));
}

/// The matches of an entity search in the shown article (after switching articles).
pub fn entity_matches(reader: &Reader, target: &EntityTarget) -> (Vec<Range<usize>>, bool) {
    let found = reader.highlights.mentions(&reader.article.doc.text, target.mark, &target.name);
    (found, reader.highlights.complete)
}

pub fn toggle(state: &mut State) {
    state.entities_on = !state.entities_on;
    state.message = Some(format!("entity highlighting {}", if state.entities_on { "on" } else { "off" }));
}

pub fn toggle_legend(state: &mut State) {
    state.legend = !state.legend;
}

/// Opens the panel on the shown (or previewed) article's names.
pub fn open_panel(state: &mut State) {
    let Some(reader) = state.reader.as_ref() else {
        state.message = Some("no article shown".into());
        return;
    };
    let groups = reader.highlights.groups(&reader.article.doc.text);
    state.panel = Some(Panel::new(reader.entry, groups, reader.highlights.complete));
}

/// A key bound in the panel scope.
pub fn panel_action(state: &mut State, action: Action) -> Option<Effect> {
    let rows = state.panel.as_ref().map_or(0, |p| p.rows.len());
    let page = panel::visible_rows(state.areas.screen, rows).saturating_sub(1).max(1);
    let panel = state.panel.as_mut()?;
    let last = panel.groups.len().saturating_sub(1);
    let at = panel.selected;
    panel.selected = match action {
        Action::JumpToEntity => return jump(state),
        Action::FilterByEntity => return super::library::filter_by_entity(state),
        Action::ClosePanel | Action::EntityPanel => {
            state.panel = None;
            return None;
        }
        Action::Quit => {
            state.quit = true;
            return None;
        }
        Action::Help => {
            state.help = Some(0);
            return None;
        }
        _ => super::moved(at, action, page, last).unwrap_or(at.min(last)),
    };
    keep_choice_visible(state);
    None
}

/// Scrolls the panel so the chosen name is in view, with its heading when it is the first name
/// of its section.
pub fn keep_choice_visible(state: &mut State) {
    let screen = state.areas.screen;
    let Some(panel) = state.panel.as_mut() else { return };
    let visible = panel::visible_rows(screen, panel.rows.len()).max(1);
    let mut row = panel.row_of(panel.selected);
    if row > 0 && matches!(panel.rows[row - 1], PanelRow::Heading { .. }) {
        row -= 1;
    }
    let chosen = panel.row_of(panel.selected);
    if row < panel.top {
        panel.top = row;
    } else if chosen >= panel.top + visible {
        panel.top = chosen + 1 - visible;
    }
    panel.top = panel.top.min(panel.rows.len().saturating_sub(visible));
}

/// Goes to the chosen name's first mention; its mentions become the search, so the match
/// counter and `n` / `N` work on them as on any search.
fn jump(state: &mut State) -> Option<Effect> {
    let panel = state.panel.take()?;
    let group = panel.groups.get(panel.selected)?;
    let generation = state.search.as_ref().map_or(0, |s| s.generation + 1);
    state.search = Some(Search {
        query: format!("{}: {}", state.mark_label(group.mark), group.name),
        regex: false,
        matcher: Matcher::new("", false),
        matches: group.mentions.clone(),
        current: Some(0),
        entry: Some(panel.entry),
        complete: panel.complete,
        stopped: false,
        generation,
        entity: Some(EntityTarget { mark: group.mark, name: group.name.clone() }),
    });
    let effect = if state.focus == Focus::Reader { None } else { super::set_focus(state, Focus::Reader) };
    search::reveal_current(state);
    effect
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::config::SortKey;
    use crate::library::{Entry, Format, Library, article};
    use crate::state::Options;
    use crate::text::entities::EntityKind;
    use crate::text::segments::Mark;
    use crate::update::{Msg, update};

    const PARAGRAPH: &str = "The court froze $81 million on February 9, a rise of 300 percent.";

    /// A state at 100x30 with one article of `paragraphs` paragraphs shown in the reader.
    fn shown(paragraphs: usize) -> State {
        let entry = Entry::new(Path::new("/lib"), Path::new("/lib/a.txt"), Format::Text);
        let library = Library { root: "/lib".into(), entries: vec![entry], warnings: vec![] };
        let options = Options { sort: SortKey::Path, max_width: 80, list_width: 30, scroll_lines: 3, scrollbar: true };
        let mut state = State::new(library, options);
        update(&mut state, Msg::Resize(100, 30));
        let body = vec![PARAGRAPH; paragraphs].join("\n\n");
        let article = article::parse(Format::Text, &format!("Frozen\n\n{body}\n"), Path::new("a.txt"));
        update(&mut state, Msg::Opened(0, Arc::new(article)));
        update(&mut state, Msg::Action(Action::Open));
        state
    }

    fn reader(state: &State) -> &Reader {
        state.reader.as_ref().expect("an article is shown")
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
        assert!(state.entities_on && !state.legend);
        update(&mut state, Msg::Action(Action::ToggleEntities));
        assert_eq!((state.entities_on, state.message.as_deref()), (false, Some("entity highlighting off")));
        update(&mut state, Msg::Action(Action::EntityLegend));
        assert!(state.legend);
    }

    #[test]
    fn choosing_in_the_panel_makes_the_mentions_the_search() {
        let mut state = shown(4);
        update(&mut state, Msg::Action(Action::EntityPanel));
        let panel = state.panel.as_ref().expect("open");
        let money = panel.groups.iter().position(|g| g.mark == Mark::Entity(EntityKind::Money)).expect("money");
        assert!(matches!(panel.rows[0], PanelRow::Heading { .. }));
        for _ in 0..money {
            update(&mut state, Msg::Action(Action::MoveDown));
        }
        update(&mut state, Msg::Action(Action::JumpToEntity));
        assert!(state.panel.is_none());
        let search = state.search.as_ref().expect("the mentions are the search");
        assert_eq!((search.query.as_str(), search.counter()), ("money: $81 million", "1/4".to_string()));
        update(&mut state, Msg::Action(Action::NextMatch));
        assert_eq!(state.search.as_ref().map(Search::counter).as_deref(), Some("2/4"));
    }

    #[test]
    fn panel_keys_stay_inside_the_names() {
        let mut state = shown(2);
        update(&mut state, Msg::Action(Action::EntityPanel));
        update(&mut state, Msg::Action(Action::Bottom));
        let last = state.panel.as_ref().map(|p| p.groups.len() - 1);
        update(&mut state, Msg::Action(Action::PageDown));
        assert_eq!(state.panel.as_ref().map(|p| p.selected), last);
        update(&mut state, Msg::Action(Action::Top));
        update(&mut state, Msg::Action(Action::MoveUp));
        assert_eq!(state.panel.as_ref().map(|p| (p.selected, p.top)), Some((0, 0)));
        update(&mut state, Msg::Action(Action::ClosePanel));
        assert!(state.panel.is_none() && state.search.is_none());
    }
}
