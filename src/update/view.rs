//! Where things are on screen: the layout for a size, focus, scrolling, the selection, and the
//! article in the reading pane (shown from the recent ones, or asked for and installed when
//! read, always fitted to the pane's width at the same place).

use std::sync::Arc;

use ratatui::layout::Rect;

use super::entities;
use super::msg::Effect;
use super::search;
use crate::action::Action;
use crate::layout::Areas;
use crate::library::Article;
use crate::library::filter::Query;
use crate::state::reading::RECENT;
use crate::state::{Focus, Reader, State};
use crate::text::highlights::Highlights;
use crate::text::wrap::Layout;

/// The status line's word while a huge article's rest is read.
pub const READING_REST: &str = "reading the rest of this article…";

/// Recomputes the areas for `screen`; the article is fitted to the new width and the current
/// match stays in view through the reflow.
pub fn relayout(state: &mut State, screen: Rect) {
    let o = state.options;
    state.areas = Areas::compute(screen, state.focus, o.list_width, o.max_width);
    let width = usize::from(state.areas.reader_text.width);
    if let Some(reader) = state.reading.reader.as_mut() {
        fit(reader, width);
    }
    search::reveal_current(state);
}

/// Lays `reader` out again at `width` if it changed, keeping the text that was at the top of
/// the view at the top. The one place an article is re-wrapped.
fn fit(reader: &mut Reader, width: usize) {
    if width > 0 && reader.layout.width != width {
        let anchor = reader.anchor();
        reader.layout = Layout::new(&reader.article.doc, width, reader.article.header());
        reader.top = reader.layout.line_of(anchor);
    }
}

/// Keeps the reading pane's view inside its article.
pub fn clamp(state: &mut State) {
    let height = state.view_height();
    if let Some(reader) = state.reading.reader.as_mut() {
        reader.top = reader.top.min(reader.max_top(height));
    }
}

/// Gives `focus` the keys (the reader only with something listed), laying the screen out again
/// since a narrow screen shows only the focused pane.
pub fn set_focus(state: &mut State, focus: Focus) {
    if focus == Focus::Reader && state.list.order.is_empty() {
        return;
    }
    state.focus = focus;
    relayout(state, state.areas.screen);
    to_first_full_text_match(state);
}

/// Scrolls the reading pane by `delta` lines, within the article.
pub fn scroll(state: &mut State, delta: isize) {
    if let Some(reader) = state.reading.reader.as_mut() {
        reader.top = reader.top.saturating_add_signed(delta);
    }
    clamp(state);
}

/// Selects list position `pos`, clamped; its article is shown at the end of the update.
pub fn select(state: &mut State, pos: usize) {
    state.list.selected = pos.min(state.list.order.len().saturating_sub(1));
}

/// Where a movement action takes a position in a list of `last + 1` rows, paging by `page`;
/// `None` for an action that is not a movement. Shared by the list-like overlays.
pub fn moved(at: usize, action: Action, page: usize, last: usize) -> Option<usize> {
    let to = match action {
        Action::MoveDown => at + 1,
        Action::MoveUp => at.saturating_sub(1),
        Action::PageDown => at + page,
        Action::PageUp => at.saturating_sub(page),
        Action::HalfPageDown => at + page.div_ceil(2),
        Action::HalfPageUp => at.saturating_sub(page.div_ceil(2)),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    };
    Some(to.min(last))
}

/// Scrolls the list so the selection is in view.
pub fn keep_selection_visible(state: &mut State) {
    let page = state.list_page();
    let list = &mut state.list;
    list.selected = list.selected.min(list.order.len().saturating_sub(1));
    if list.selected < list.top {
        list.top = list.selected;
    } else if list.selected >= list.top + page {
        list.top = list.selected + 1 - page;
    }
    list.top = list.top.min(list.order.len().saturating_sub(page));
}

/// Shows the selected article: already shown, kept among the recent ones, drawn from what the
/// scan knows (a place it could not read), or asked for.
pub fn show_selected(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(wanted) = state.selected_entry() else { return };
    if state.reading.shown() == Some(wanted) {
        state.reading.loading = None;
        return;
    }
    let recent = &mut state.reading.recent;
    if let Some(reader) = recent.iter().position(|r| r.entry == wanted).and_then(|pos| recent.remove(pos)) {
        state.reading.loading = None;
        install(state, reader, fx);
        return;
    }
    let Some(entry) = state.entry(wanted) else { return };
    if entry.problem {
        let article = Arc::new(entry.problem_article());
        state.reading.loading = Some(wanted);
        open(state, wanted, article, true, fx);
    } else if state.reading.loading != Some(wanted) {
        fx.push(Effect::Open { entry: wanted, path: entry.path.clone(), format: entry.format });
        state.reading.loading = Some(wanted);
    }
}

/// Entry `entry`'s article has been read: shown at its remembered place (or, read again after
/// a change on disk, where the same text is), unless the selection moved on meanwhile. The
/// start of a huge article asks for the rest.
pub fn open(state: &mut State, entry: usize, article: Arc<Article>, whole: bool, fx: &mut Vec<Effect>) {
    if state.reading.loading != Some(entry) || state.selected_entry() != Some(entry) {
        return; // Not (or no longer) what the pane waits for.
    }
    state.reading.loading = None;
    let Some(e) = state.library.entries.get_mut(entry) else { return };
    e.update(&article);
    let mut at = e.reading.at;
    if let Some((_, old_top)) = state.reading.reload_anchor.take_if(|(e, _)| *e == entry) {
        at = super::library::find_anchor(&article.doc.text, at, &old_top);
    }
    if !whole {
        let width = usize::from(state.areas.reader_text.width);
        fx.push(Effect::OpenRest { entry, path: e.path.clone(), format: e.format, width });
        state.message = Some(READING_REST.into());
    }
    let mut reader = Reader::new(entry, article, usize::from(state.areas.reader_text.width));
    reader.top = if at > 0 { reader.layout.line_of(at) } else { 0 };
    entities::start(state, &mut reader);
    install(state, reader, fx);
}

/// The rest of the huge article shown: it replaces the start shown so far, at the same place.
pub fn opened_rest(state: &mut State, entry: usize, article: Arc<Article>, layout: Layout, fx: &mut Vec<Effect>) {
    let Some(shown) = state.reading.reader.as_ref().filter(|r| r.entry == entry) else { return };
    let anchor = shown.anchor();
    if let Some(e) = state.library.entries.get_mut(entry) {
        e.update(&article);
    }
    let mut reader = Reader { entry, article, layout, top: 0, highlights: Highlights::default(), job: 0 };
    fit(&mut reader, usize::from(state.areas.reader_text.width));
    reader.top = reader.layout.line_of(anchor);
    entities::start(state, &mut reader);
    state.reading.reader = Some(reader);
    clamp(state);
    if state.message.as_deref() == Some(READING_REST) {
        state.message = None;
    }
    search::refresh_matches(state, fx);
}

/// Makes `reader` the shown article, fitted to the current width; the one it replaces is kept
/// among the recent ones, its place remembered. A search in force is run on it.
fn install(state: &mut State, mut reader: Reader, fx: &mut Vec<Effect>) {
    if let Some(old) = state.reading.reader.take() {
        if let Some(e) = state.library.entries.get_mut(old.entry) {
            e.reading.at = old.anchor();
        }
        state.reading.recent.push_front(old);
        state.reading.recent.truncate(RECENT);
    }
    fit(&mut reader, usize::from(state.areas.reader_text.width));
    state.reading.reader = Some(reader);
    clamp(state);
    search::refresh_matches(state, fx);
    to_first_full_text_match(state);
}

/// An article opened from a list filtered by its text starts at the filter's first match
/// (after the remembered position).
fn to_first_full_text_match(state: &mut State) {
    let full_text = matches!(state.list.filter.as_ref().map(|f| &f.query), Some(Query::FullText(_)));
    let shown = state.reading.shown();
    if full_text
        && state.focus == Focus::Reader
        && let Some(search) = state.reading.search.as_ref()
        && search.entry == shown
        && search.current.is_none()
        && !search.matches.is_empty()
    {
        search::step_match(state, true);
    }
}
