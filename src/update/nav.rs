//! Actions in the panes and the help overlay, and the mouse: moving through the list and the
//! article, switching articles, and the verbs that open the prompt, the panel or the editor.

use ratatui::layout::Position;

use super::msg::Effect;
use super::{entities, filter, library, panel, prompt, search, view};
use crate::action::Action;
use crate::layout::{help_popup, visible_rows};
use crate::state::{Focus, Keep, PromptFor, State};

/// An action in the list or the reader (no overlay open).
pub fn pane_action(state: &mut State, action: Action, fx: &mut Vec<Effect>) {
    match action {
        Action::Quit => state.quit = true,
        Action::Help => state.overlays.help = Some(0),
        Action::ToggleFocus => {
            let to = if state.focus == Focus::List { Focus::Reader } else { Focus::List };
            view::set_focus(state, to);
        }
        Action::ToggleEntities => entities::toggle(state),
        Action::EntityLegend => entities::toggle_legend(state),
        Action::Filter => prompt::open(state, PromptFor::Filter),
        Action::ClearFilter if state.list.filter.is_some() => filter::clear(state),
        Action::NarrowFolder if state.list.folder.is_some() => library::narrow_folder(state),
        _ if state.list.order.is_empty() => state.message = Some(state.empty_list_reason().into()),
        Action::Search => prompt::open(state, PromptFor::Search),
        Action::NarrowFolder => library::narrow_folder(state),
        Action::ToggleRead => library::toggle_read(state),
        Action::Edit => {
            if let Some(e) = state.selected_entry().and_then(|i| state.entry(i)) {
                fx.push(Effect::Edit(e.path.clone()));
            }
        }
        Action::CycleSort => {
            state.options.sort = state.options.sort.next();
            state.list.resort(Keep::Selected);
            state.message = Some(format!("sorted by {}", state.options.sort));
        }
        Action::NextMatch | Action::PrevMatch => search::step_match(state, action == Action::NextMatch),
        Action::ClearSearch => {
            if state.reading.search.take().is_some() {
                state.message = Some("search cleared".into());
            }
        }
        Action::EntityPanel => panel::open(state),
        _ => match state.focus {
            Focus::List => list_action(state, action),
            Focus::Reader => reader_action(state, action),
        },
    }
}

fn list_action(state: &mut State, action: Action) {
    let page = state.list_page();
    let last = state.list.order.len().saturating_sub(1);
    if let Some(to) = view::moved(state.list.selected, action, page, last) {
        return view::select(state, to);
    }
    match action {
        Action::NextArticle => view::select(state, state.list.selected + 1),
        Action::PrevArticle => view::select(state, state.list.selected.saturating_sub(1)),
        Action::Open => view::set_focus(state, Focus::Reader),
        _ => {}
    }
}

fn reader_action(state: &mut State, action: Action) {
    let height = state.view_height();
    let page = signed(height.saturating_sub(1).max(1));
    let half = signed(height.div_ceil(2));
    match action {
        Action::MoveDown => view::scroll(state, 1),
        Action::MoveUp => view::scroll(state, -1),
        Action::PageDown => view::scroll(state, page),
        Action::PageUp => view::scroll(state, -page),
        Action::HalfPageDown => view::scroll(state, half),
        Action::HalfPageUp => view::scroll(state, -half),
        Action::Top => view::scroll(state, isize::MIN / 2),
        Action::Bottom => view::scroll(state, isize::MAX / 2),
        Action::Back => view::set_focus(state, Focus::List),
        Action::NextArticle if state.list.selected + 1 >= state.list.order.len() => {
            state.message = Some("this is the last article".into());
        }
        Action::NextArticle => view::select(state, state.list.selected + 1),
        Action::PrevArticle if state.list.selected == 0 => state.message = Some("this is the first article".into()),
        Action::PrevArticle => view::select(state, state.list.selected - 1),
        _ => {}
    }
}

fn signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

/// A key in the help overlay: movement scrolls it; closing it (or quitting, or `back`) closes
/// it, since the keys go to the overlay while it is open.
pub fn help_action(state: &mut State, action: Action) {
    let rows = state.options.help_rows;
    let scroll = state.overlays.help.unwrap_or(0);
    let visible = visible_rows(help_popup(state.areas.screen, rows));
    let page = visible.saturating_sub(1).max(1);
    let max = rows.saturating_sub(visible);
    state.overlays.help = match action {
        Action::CloseHelp | Action::Quit | Action::Help | Action::Back => None,
        _ => Some(view::moved(scroll, action, page, max).unwrap_or(scroll.min(max))),
    };
}

/// A mouse-wheel notch: scrolls the overlay open, or the pane under the pointer.
pub fn wheel(state: &mut State, at: Position, down: bool) {
    let action = if down { Action::MoveDown } else { Action::MoveUp };
    if state.overlays.help.is_some() {
        return help_action(state, action);
    }
    if state.overlays.panel.is_some() {
        return panel::action(state, action);
    }
    if state.areas.list.contains(at) && !state.list.order.is_empty() {
        let sel = state.list.selected;
        view::select(state, if down { sel + 1 } else { sel.saturating_sub(1) });
    } else if state.areas.reader.contains(at) {
        let lines = signed(usize::from(state.options.scroll_lines.max(1)));
        view::scroll(state, if down { lines } else { -lines });
    }
}

/// A left click: closes an overlay, or selects the row or focuses the pane under the pointer.
pub fn click(state: &mut State, at: Position) {
    if state.overlays.help.take().is_some() || state.overlays.panel.take().is_some() {
        return;
    }
    if state.areas.list_inner.contains(at) {
        let (_, per) = state.list_rows();
        let pos = state.list.top + usize::from(at.y - state.areas.list_inner.y) / per;
        state.focus = Focus::List;
        if pos < state.list.order.len() {
            view::select(state, pos);
        }
    } else if state.areas.reader.contains(at) && state.reading.reader.is_some() {
        view::set_focus(state, Focus::Reader);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Reader;
    use crate::update::Msg;
    use crate::update::testing::{state_with, step};

    fn top(s: &State) -> Option<usize> {
        s.reading.reader.as_ref().map(|r| r.top)
    }

    #[test]
    fn moving_in_the_list_previews_and_clamps() {
        let mut s = state_with(5);
        step(&mut s, Msg::Action(Action::MoveDown));
        assert_eq!((s.list.selected, s.reading.shown()), (1, Some(1)));
        step(&mut s, Msg::Action(Action::Bottom));
        step(&mut s, Msg::Action(Action::MoveDown));
        assert_eq!(s.list.selected, 4);
        step(&mut s, Msg::Action(Action::Top));
        step(&mut s, Msg::Action(Action::MoveUp));
        assert_eq!(s.list.selected, 0);
    }

    #[test]
    fn reader_scrolls_pages_and_stops_at_the_end() {
        let mut s = state_with(3);
        step(&mut s, Msg::Action(Action::Open));
        assert_eq!(s.focus, Focus::Reader);
        let h = s.view_height();
        step(&mut s, Msg::Action(Action::PageDown));
        assert_eq!(top(&s), Some(h - 1));
        step(&mut s, Msg::Action(Action::HalfPageUp));
        assert_eq!(top(&s), Some(h - 1 - h.div_ceil(2)));
        step(&mut s, Msg::Action(Action::Bottom));
        let r = s.reading.reader.as_ref().expect("open");
        assert_eq!(r.top, r.max_top(h));
        assert_eq!(r.percent(h), 100);
        step(&mut s, Msg::Action(Action::Back));
        assert_eq!(s.focus, Focus::List);
    }

    #[test]
    fn resize_keeps_the_same_text_in_view() {
        let mut s = state_with(1);
        step(&mut s, Msg::Action(Action::Open));
        for _ in 0..10 {
            step(&mut s, Msg::Action(Action::PageDown));
        }
        let before = s.reading.reader.as_ref().map(Reader::anchor).expect("open");
        step(&mut s, Msg::Resize(70, 30));
        let r = s.reading.reader.as_ref().expect("open");
        let line = &r.layout.lines[r.top];
        assert!(line.range.start <= before && before <= line.range.end + 1, "{line:?} vs {before}");
    }

    #[test]
    fn next_article_while_reading_remembers_positions() {
        let mut s = state_with(3);
        step(&mut s, Msg::Action(Action::Open));
        step(&mut s, Msg::Action(Action::PageDown));
        let before = top(&s);
        step(&mut s, Msg::Action(Action::NextArticle));
        assert_eq!((s.list.selected, s.focus), (1, Focus::Reader));
        assert_eq!(top(&s), Some(0));
        step(&mut s, Msg::Action(Action::PrevArticle));
        assert_eq!(top(&s), before);
        step(&mut s, Msg::Action(Action::PrevArticle));
        assert_eq!(s.message.as_deref(), Some("this is the first article"));
    }

    #[test]
    fn clicks_select_rows_and_wheel_scrolls_the_pane_under_the_pointer() {
        let mut s = state_with(10);
        let inner = s.areas.list_inner;
        let (_, per) = s.list_rows();
        step(&mut s, Msg::Click { column: inner.x, row: inner.y + u16::try_from(per * 3).unwrap_or(0) });
        assert_eq!(s.list.selected, 3);
        let reader = s.areas.reader;
        step(&mut s, Msg::Wheel { column: reader.x + 2, row: reader.y + 2, down: true });
        assert_eq!(top(&s), Some(3));
        step(&mut s, Msg::Wheel { column: inner.x, row: inner.y, down: true });
        assert_eq!(s.list.selected, 4);
    }

    #[test]
    fn help_overlay_takes_keys_until_closed() {
        let mut s = state_with(3);
        step(&mut s, Msg::Action(Action::Help));
        step(&mut s, Msg::Action(Action::MoveDown));
        assert_eq!((s.overlays.help, s.list.selected), (Some(1), 0));
        step(&mut s, Msg::Action(Action::Bottom));
        let max = 100 - visible_rows(help_popup(s.areas.screen, 100));
        assert_eq!(s.overlays.help, Some(max));
        step(&mut s, Msg::Action(Action::MoveDown));
        assert_eq!(s.overlays.help, Some(max), "clamped at the end");
        step(&mut s, Msg::Action(Action::MoveUp));
        assert_eq!(s.overlays.help, Some(max - 1));
        step(&mut s, Msg::Action(Action::Quit));
        assert_eq!((s.overlays.help, s.quit), (None, false));
        step(&mut s, Msg::Action(Action::Help));
        step(&mut s, Msg::Action(Action::CloseHelp));
        assert_eq!(s.overlays.help, None, "its own close key");
    }

    #[test]
    fn an_empty_list_says_why_nothing_happens() {
        let mut s = state_with(0);
        step(&mut s, Msg::Action(Action::Open));
        assert_eq!(s.message.as_deref(), Some(crate::state::NO_ARTICLES));
    }
}
