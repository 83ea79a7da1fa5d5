//! The entity panel: opening it on the shown article's names, moving in it, and what the chosen
//! name leads to: its mentions as the search that `n` / `N` step through, or the list filtered
//! to the articles that mention it.

use super::{filter, search, view};
use crate::action::Action;
use crate::layout::{panel_popup, visible_rows};
use crate::library::filter::Query;
use crate::state::{EntityTarget, Focus, Panel, PanelRow, Search, State};
use crate::text::search::Matcher;

/// `entity-panel`: the panel on the shown (or previewed) article's names.
pub fn open(state: &mut State) {
    let Some(reader) = state.reading.reader.as_ref() else {
        state.message = Some("no article shown".into());
        return;
    };
    state.overlays.panel = Some(Panel::of(reader));
}

/// A key bound in the panel scope.
pub fn action(state: &mut State, action: Action) {
    let screen = state.areas.screen;
    let Some(panel) = state.overlays.panel.as_mut() else { return };
    let page = visible_rows(panel_popup(screen, panel.rows.len())).saturating_sub(1).max(1);
    let last = panel.groups.len().saturating_sub(1);
    let at = panel.selected;
    match action {
        Action::JumpToEntity => jump(state),
        Action::FilterByEntity => filter_by_entity(state),
        Action::ClosePanel | Action::EntityPanel => state.overlays.panel = None,
        Action::Quit => state.quit = true,
        Action::Help => state.overlays.help = Some(0),
        _ => panel.selected = view::moved(at, action, page, last).unwrap_or(at.min(last)),
    }
}

/// Scrolls the panel so the chosen name is in view, with its heading when it is the first name
/// of its section.
pub fn keep_choice_visible(state: &mut State) {
    let screen = state.areas.screen;
    let Some(panel) = state.overlays.panel.as_mut() else { return };
    let visible = visible_rows(panel_popup(screen, panel.rows.len())).max(1);
    let chosen = panel.row_of(panel.selected);
    let mut row = chosen;
    if row > 0 && matches!(panel.rows[row - 1], PanelRow::Heading { .. }) {
        row -= 1;
    }
    if row < panel.top {
        panel.top = row;
    } else if chosen >= panel.top + visible {
        panel.top = chosen + 1 - visible;
    }
    panel.top = panel.top.min(panel.rows.len().saturating_sub(visible));
}

/// Goes to the chosen name's first mention; its mentions become the search, so the match
/// counter and `n` / `N` work on them as on any search.
fn jump(state: &mut State) {
    let Some(panel) = state.overlays.panel.take() else { return };
    let Some(group) = panel.groups.get(panel.selected) else { return };
    let generation = state.reading.search.as_ref().map_or(0, |s| s.generation + 1);
    state.reading.search = Some(Search {
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
    if state.focus != Focus::Reader {
        view::set_focus(state, Focus::Reader);
    }
    search::reveal_current(state);
}

/// `filter-by-entity`: lists the articles that mention the chosen name.
fn filter_by_entity(state: &mut State) {
    let Some(panel) = state.overlays.panel.take() else { return };
    let Some(group) = panel.groups.get(panel.selected) else { return };
    let label = state.mark_label(group.mark);
    let query = Query::Entity { name: group.name.clone(), exact: Some(group.mark) };
    filter::set(state, &format!("@{} ({label})", group.name), Some(query));
    view::set_focus(state, Focus::List);
}

#[cfg(test)]
mod tests {
    use crate::action::Action;
    use crate::state::{PanelRow, Search};
    use crate::text::entities::EntityKind;
    use crate::text::segments::Mark;
    use crate::update::testing::shown;
    use crate::update::{Msg, update};

    #[test]
    fn choosing_in_the_panel_makes_the_mentions_the_search() {
        let mut state = shown(4);
        update(&mut state, Msg::Action(Action::EntityPanel));
        let panel = state.overlays.panel.as_ref().expect("open");
        let money = panel.groups.iter().position(|g| g.mark == Mark::Entity(EntityKind::Money)).expect("money");
        assert!(matches!(panel.rows[0], PanelRow::Heading { .. }));
        for _ in 0..money {
            update(&mut state, Msg::Action(Action::MoveDown));
        }
        update(&mut state, Msg::Action(Action::JumpToEntity));
        assert!(state.overlays.panel.is_none());
        let search = state.reading.search.as_ref().expect("the mentions are the search");
        assert_eq!((search.query.as_str(), search.counter()), ("money: $81 million", "1/4".to_string()));
        update(&mut state, Msg::Action(Action::NextMatch));
        assert_eq!(state.reading.search.as_ref().map(Search::counter).as_deref(), Some("2/4"));
    }

    #[test]
    fn panel_keys_stay_inside_the_names() {
        let mut state = shown(2);
        update(&mut state, Msg::Action(Action::EntityPanel));
        update(&mut state, Msg::Action(Action::Bottom));
        let last = state.overlays.panel.as_ref().map(|p| p.groups.len() - 1);
        update(&mut state, Msg::Action(Action::PageDown));
        assert_eq!(state.overlays.panel.as_ref().map(|p| p.selected), last);
        update(&mut state, Msg::Action(Action::Top));
        update(&mut state, Msg::Action(Action::MoveUp));
        assert_eq!(state.overlays.panel.as_ref().map(|p| (p.selected, p.top)), Some((0, 0)));
        update(&mut state, Msg::Action(Action::ClosePanel));
        assert!(state.overlays.panel.is_none() && state.reading.search.is_none());
    }
}
