//! `update(&mut State, Msg)`: the only place the state changes. No I/O: reading a file is an
//! [`Effect`] the app performs, answering with [`Msg::Opened`].

pub mod entities;
pub mod library;
pub mod search;

use std::ops::Range;
use std::sync::Arc;

use ratatui::layout::{Position, Rect};

pub use self::search::Edit;
use crate::action::Action;
use crate::library::{Article, Change};
use crate::state::{Focus, PromptFor, Reader, State};
use crate::text::highlights::Highlights;
use crate::text::wrap::Layout;
use crate::ui::help;
use crate::ui::layout::Areas;

/// Something that happened.
#[derive(Debug, Clone)]
pub enum Msg {
    Action(Action),
    /// Quit at once, whatever is open (`ctrl-c`).
    Quit,
    /// The terminal's new size.
    Resize(u16, u16),
    /// The article the app read for entry `0`, to show in the reading pane.
    Opened(usize, Arc<Article>),
    /// Articles the background loader finished (metadata and counts; no text).
    Loaded(Vec<(usize, Article)>),
    /// A mouse-wheel notch at a screen position.
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
    /// A left click at a screen position.
    Click {
        column: u16,
        row: u16,
    },
    /// Text typed or edited in the open prompt.
    Edit(Edit),
    /// The background count of a huge article's matches.
    Counted {
        generation: u64,
        matches: Vec<Range<usize>>,
        complete: bool,
    },
    /// The background entity detection of article `entry` (its `Reader::job`), all of it.
    Detected {
        entry: usize,
        job: u64,
        highlights: Box<Highlights>,
    },
    /// Results of the background search for the list's filter (its `generation`):
    /// `(entry, count)` pairs; `done` when every article has been read.
    LibraryHits {
        generation: u64,
        hits: Vec<(usize, usize)>,
        done: bool,
    },
    /// Files changed on disk, read and ready to apply.
    FilesChanged(Vec<Change>),
    /// The next articles of a folder read in the background.
    Scanned(crate::library::ScanBatch),
    /// The whole of huge article `entry`, read in the background after its start was shown,
    /// with its layout at `layout.width`.
    OpenedRest {
        entry: usize,
        article: Arc<Article>,
        layout: Box<Layout>,
    },
}

/// Work the app must do for the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Read entry `0` and answer with [`Msg::Opened`].
    Load(usize),
    /// Count every match of the current search in the shown article in the background, and
    /// answer with [`Msg::Counted`].
    CountMatches { generation: u64 },
    /// Open entry `0` in the user's editor, then read it again.
    Edit(usize),
}

/// Applies `msg` to `state`. Whatever moved the view, the part of a huge article now in view
/// has its entities found before the next frame.
pub fn update(state: &mut State, msg: Msg) -> Option<Effect> {
    let effect = handle(state, msg);
    entities::cover_view(state);
    library::touch(state);
    effect
}

fn handle(state: &mut State, msg: Msg) -> Option<Effect> {
    match msg {
        Msg::Action(action) => {
            state.message = None;
            // The user took over: the previous run's article is not selected from under them.
            state.wanted_last = None;
            if state.help.is_some() {
                help_action(state, action);
                return None;
            }
            if state.prompt.is_some() {
                return search::prompt_action(state, action);
            }
            if state.panel.is_some() {
                return entities::panel_action(state, action);
            }
            act(state, action)
        }
        Msg::Quit => {
            state.quit = true;
            None
        }
        Msg::Resize(width, height) => {
            relayout(state, Rect::new(0, 0, width, height));
            load_if_needed(state)
        }
        Msg::Opened(entry, article) => open(state, entry, article),
        Msg::Loaded(batch) => {
            let mut resort = false;
            let by_length = state.options.sort == crate::config::SortKey::Length;
            let by_reading = state.options.sort == crate::config::SortKey::LastRead;
            for (i, article) in batch {
                if let Some(entry) = state.library.entries.get_mut(i) {
                    resort |= entry.meta.title != article.meta.title
                        || entry.meta.date != article.meta.date
                        || (by_length && entry.words != Some(article.words));
                    entry.update(&article);
                    let before = entry.reading;
                    state.recall_by_hash(i);
                    resort |= by_reading && state.library.entries[i].reading != before;
                }
            }
            if resort {
                state.sort();
                keep_selection_visible(state);
            }
            None
        }
        Msg::Wheel { column, row, down } => wheel(state, Position::new(column, row), down),
        Msg::Click { column, row } => click(state, Position::new(column, row)),
        Msg::Edit(edit) => search::edit(state, edit),
        Msg::Counted { generation, matches, complete } => {
            search::counted(state, generation, matches, complete);
            None
        }
        Msg::Detected { entry, job, highlights } => {
            entities::detected(state, entry, job, *highlights);
            None
        }
        Msg::LibraryHits { generation, hits, done } => library::library_hits(state, generation, hits, done),
        Msg::FilesChanged(changes) => library::files_changed(state, changes),
        Msg::OpenedRest { entry, article, layout } => opened_rest(state, entry, article, *layout),
        Msg::Scanned(batch) => {
            state.add_scanned(batch);
            keep_selection_visible(state);
            load_if_needed(state)
        }
    }
}

/// The rest of the huge article shown: it replaces the start shown so far, at the same place.
fn opened_rest(state: &mut State, entry: usize, article: Arc<Article>, layout: Layout) -> Option<Effect> {
    let shown = state.reader.as_ref().filter(|r| r.entry == entry)?;
    let anchor = shown.anchor();
    if let Some(e) = state.library.entries.get_mut(entry) {
        e.update(&article);
    }
    let width = usize::from(state.areas.reader_text.width);
    let layout = if layout.width == width { layout } else { Layout::new(&article.doc, width, article.warnings.len()) };
    let top = layout.line_of(anchor).min(layout.lines.len().saturating_sub(state.view_height()));
    let mut reader = Reader { entry, article, layout, top, highlights: Highlights::default(), job: 0 };
    entities::start(state, &mut reader);
    state.reader = Some(reader);
    if state.message.as_deref() == Some(READING_REST) {
        state.message = None;
    }
    search::refresh_matches(state)
}

/// The status line's word while a huge article's rest is read.
pub const READING_REST: &str = "reading the rest of this article…";

/// Where a movement action takes a position in a list of `last + 1` rows, paging by `page`;
/// `None` for an action that is not a movement. Shared by the overlays (help, entity panel).
pub(crate) fn moved(at: usize, action: Action, page: usize, last: usize) -> Option<usize> {
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

fn help_action(state: &mut State, action: Action) {
    let scroll = state.help.unwrap_or(0);
    let visible = help::visible_rows(state.areas.screen, state.help_rows);
    let page = visible.saturating_sub(1).max(1);
    let max = state.help_rows.saturating_sub(visible);
    state.help = match action {
        Action::Quit | Action::Help | Action::Back => None,
        _ => Some(moved(scroll, action, page, max).unwrap_or(scroll.min(max))),
    };
}

fn act(state: &mut State, action: Action) -> Option<Effect> {
    match action {
        Action::Quit => {
            state.quit = true;
            None
        }
        Action::Help => {
            state.help = Some(0);
            None
        }
        Action::ToggleFocus => {
            let to = if state.focus == Focus::List { Focus::Reader } else { Focus::List };
            set_focus(state, to)
        }
        Action::ToggleEntities => {
            entities::toggle(state);
            None
        }
        Action::EntityLegend => {
            entities::toggle_legend(state);
            None
        }
        Action::Filter => {
            library::open_filter(state);
            None
        }
        Action::ClearFilter if state.filter.is_some() => library::clear_filter(state),
        Action::NarrowFolder if state.folder.is_some() => library::narrow_folder(state),
        _ if state.order.is_empty() => {
            state.message = Some(
                if state.filter.is_some() { "no article matches the filter" } else { "no articles in this folder" }
                    .into(),
            );
            None
        }
        Action::Search => {
            search::open_prompt(state, PromptFor::Search);
            None
        }
        Action::NarrowFolder => library::narrow_folder(state),
        Action::ToggleRead => {
            library::toggle_read(state);
            None
        }
        Action::Edit => state.selected_entry().map(Effect::Edit),
        Action::CycleSort => {
            state.options.sort = state.options.sort.next();
            state.sort();
            keep_selection_visible(state);
            state.message = Some(format!("sorted by {}", state.options.sort));
            None
        }
        Action::NextMatch | Action::PrevMatch => {
            search::step_match(state, action == Action::NextMatch);
            None
        }
        Action::ClearSearch => {
            if state.search.take().is_some() {
                state.message = Some("search cleared".into());
            }
            None
        }
        Action::EntityPanel => {
            entities::open_panel(state);
            entities::keep_choice_visible(state);
            None
        }
        _ => match state.focus {
            Focus::List => list_action(state, action),
            Focus::Reader => reader_action(state, action),
        },
    }
}

fn list_action(state: &mut State, action: Action) -> Option<Effect> {
    let page = state.list_page();
    let sel = state.selected;
    match action {
        Action::MoveDown | Action::NextArticle => select(state, sel.saturating_add(1)),
        Action::MoveUp | Action::PrevArticle => select(state, sel.saturating_sub(1)),
        Action::PageDown => select(state, sel.saturating_add(page)),
        Action::PageUp => select(state, sel.saturating_sub(page)),
        Action::HalfPageDown => select(state, sel.saturating_add(page.div_ceil(2))),
        Action::HalfPageUp => select(state, sel.saturating_sub(page.div_ceil(2))),
        Action::Top => select(state, 0),
        Action::Bottom => select(state, usize::MAX),
        Action::Open => set_focus(state, Focus::Reader),
        _ => None,
    }
}

fn reader_action(state: &mut State, action: Action) -> Option<Effect> {
    let height = state.view_height();
    let page = height.saturating_sub(1).max(1);
    let half = height.div_ceil(2);
    match action {
        Action::MoveDown => scroll(state, 1),
        Action::MoveUp => scroll(state, -1),
        Action::PageDown => scroll(state, signed(page)),
        Action::PageUp => scroll(state, -signed(page)),
        Action::HalfPageDown => scroll(state, signed(half)),
        Action::HalfPageUp => scroll(state, -signed(half)),
        Action::Top => scroll(state, isize::MIN / 2),
        Action::Bottom => scroll(state, isize::MAX / 2),
        Action::Back => return set_focus(state, Focus::List),
        Action::NextArticle => {
            if state.selected + 1 >= state.order.len() {
                state.message = Some("this is the last article".into());
                return None;
            }
            return select(state, state.selected + 1);
        }
        Action::PrevArticle => {
            if state.selected == 0 {
                state.message = Some("this is the first article".into());
                return None;
            }
            return select(state, state.selected - 1);
        }
        _ => {}
    }
    None
}

fn signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

fn scroll(state: &mut State, delta: isize) {
    let height = state.view_height();
    if let Some(reader) = state.reader.as_mut() {
        let max = reader.max_top(height);
        reader.top = reader.top.saturating_add_signed(delta).min(max);
    }
}

pub(crate) fn set_focus(state: &mut State, focus: Focus) -> Option<Effect> {
    if focus == Focus::Reader && state.order.is_empty() {
        return None;
    }
    state.focus = focus;
    relayout(state, state.areas.screen);
    let effect = load_if_needed(state);
    to_first_full_text_match(state);
    effect
}

/// An article opened from a list filtered by its text starts at the filter's first match
/// (after the remembered position).
fn to_first_full_text_match(state: &mut State) {
    let full_text = matches!(state.filter.as_ref().map(|f| &f.query), Some(crate::library::filter::Query::FullText(_)));
    let shown = state.reader.as_ref().map(|r| r.entry);
    if full_text
        && state.focus == Focus::Reader
        && let Some(search) = state.search.as_ref()
        && search.entry == shown
        && search.current.is_none()
        && !search.matches.is_empty()
    {
        search::step_match(state, true);
    }
}

/// Selects list position `pos` (clamped) and asks for its article.
fn select(state: &mut State, pos: usize) -> Option<Effect> {
    state.selected = pos.min(state.order.len().saturating_sub(1));
    keep_selection_visible(state);
    load_if_needed(state)
}

/// Shows the selected article: already shown, kept among the recent ones, or to be read.
pub(crate) fn load_if_needed(state: &mut State) -> Option<Effect> {
    let wanted = state.selected_entry()?;
    if state.reader.as_ref().map(|r| r.entry) == Some(wanted) {
        return None;
    }
    if let Some(reader) = state.recent.iter().position(|r| r.entry == wanted).and_then(|pos| state.recent.remove(pos)) {
        return install(state, reader);
    }
    Some(Effect::Load(wanted))
}

/// Articles kept wrapped for switching back without reading or wrapping again.
const RECENT: usize = 8;

/// Makes `reader` the shown article, fitted to the current width; the one it replaces is kept
/// among the recent ones. A search in force is run on it.
fn install(state: &mut State, mut reader: Reader) -> Option<Effect> {
    if let Some(old) = state.reader.take() {
        if let Some(e) = state.library.entries.get_mut(old.entry) {
            e.reading.at = old.anchor();
        }
        state.recent.push_front(old);
        state.recent.truncate(RECENT);
    }
    let width = usize::from(state.areas.reader_text.width);
    if width > 0 && reader.layout.width != width {
        let anchor = reader.anchor();
        reader.layout = Layout::new(&reader.article.doc, width, reader.article.warnings.len());
        reader.top = reader.layout.line_of(anchor);
    }
    reader.top = reader.top.min(reader.max_top(state.view_height()));
    state.reader = Some(reader);
    let effect = search::refresh_matches(state);
    to_first_full_text_match(state);
    effect
}

pub(crate) fn keep_selection_visible(state: &mut State) {
    let page = state.list_page();
    if state.selected < state.list_top {
        state.list_top = state.selected;
    } else if state.selected >= state.list_top + page {
        state.list_top = state.selected + 1 - page;
    }
    let max_top = state.order.len().saturating_sub(page);
    state.list_top = state.list_top.min(max_top);
}

fn open(state: &mut State, entry: usize, article: Arc<Article>) -> Option<Effect> {
    if state.selected_entry() != Some(entry) {
        return None; // The selection moved on while this was read.
    }
    if let Some(e) = state.library.entries.get_mut(entry) {
        e.update(&article);
    }
    let layout = Layout::new(&article.doc, usize::from(state.areas.reader_text.width), article.warnings.len());
    let mut at = state.entry(entry).map_or(0, |e| e.reading.at);
    if let Some((_, old_top)) = state.reload_anchor.take_if(|(e, _)| *e == entry) {
        at = library::find_anchor(&article.doc.text, at, &old_top);
    }
    let top = if at > 0 { layout.line_of(at) } else { 0 };
    let mut reader = Reader { entry, article, layout, top, highlights: Highlights::default(), job: 0 };
    entities::start(state, &mut reader);
    install(state, reader)
}

/// Recomputes the areas for `screen`; rewraps the article if its width changed, keeping the
/// text that was at the top of the view in view.
pub(crate) fn relayout(state: &mut State, screen: Rect) {
    let o = state.options;
    state.areas = Areas::compute(screen, state.focus, o.list_width, o.max_width);
    let width = usize::from(state.areas.reader_text.width);
    let height = state.view_height();
    if let Some(reader) = state.reader.as_mut() {
        if width > 0 && reader.layout.width != width {
            let anchor = reader.anchor();
            reader.layout = Layout::new(&reader.article.doc, width, reader.article.warnings.len());
            reader.top = reader.layout.line_of(anchor);
        }
        reader.top = reader.top.min(reader.max_top(height));
    }
    // The current match stays in view through any reflow.
    search::reveal_current(state);
    keep_selection_visible(state);
    entities::keep_choice_visible(state);
}

fn wheel(state: &mut State, at: Position, down: bool) -> Option<Effect> {
    if state.help.is_some() {
        help_action(state, if down { Action::MoveDown } else { Action::MoveUp });
        return None;
    }
    if state.panel.is_some() {
        return entities::panel_action(state, if down { Action::MoveDown } else { Action::MoveUp });
    }
    if state.areas.list.contains(at) && !state.order.is_empty() {
        let sel = state.selected;
        return select(state, if down { sel + 1 } else { sel.saturating_sub(1) });
    }
    if state.areas.reader.contains(at) {
        let lines = signed(usize::from(state.options.scroll_lines.max(1)));
        scroll(state, if down { lines } else { -lines });
    }
    None
}

fn click(state: &mut State, at: Position) -> Option<Effect> {
    if state.help.is_some() {
        state.help = None;
        return None;
    }
    if state.panel.take().is_some() {
        return None;
    }
    if state.areas.list_inner.contains(at) {
        let (_, per) = state.list_rows();
        let pos = state.list_top + usize::from(at.y - state.areas.list_inner.y) / per;
        state.focus = Focus::List;
        if pos < state.order.len() {
            return select(state, pos);
        }
    } else if state.areas.reader.contains(at) && state.reader.is_some() {
        return set_focus(state, Focus::Reader);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SortKey;
    use crate::library::{Entry, Format, Library, Meta, article};
    use crate::state::Options;
    use std::path::Path;

    fn options() -> Options {
        Options { sort: SortKey::Path, max_width: 40, list_width: 30, scroll_lines: 3, scrollbar: true }
    }

    fn state_with(n: usize) -> State {
        let entries = (0..n)
            .map(|i| Entry {
                meta: Meta { title: format!("Title {i}"), ..Meta::default() },
                ..Entry::new(Path::new("/lib"), Path::new(&format!("/lib/{i:03}.txt")), Format::Text)
            })
            .collect();
        let library = Library { root: "/lib".into(), entries, warnings: vec![] };
        let mut state = State::new(library, options());
        update(&mut state, Msg::Resize(100, 30));
        state
    }

    fn long_article(i: usize) -> Article {
        let body = (0..200)
            .map(|p| format!("Paragraph {p} of article {i} with enough words to wrap twice at forty cells wide."))
            .collect::<Vec<_>>()
            .join("\n\n");
        article::parse(Format::Text, &format!("Title {i}\n\n{body}\n"), Path::new("x.txt"))
    }

    /// Runs `msg` and performs any load it asks for, like the app does.
    fn step(state: &mut State, msg: Msg) {
        if let Some(Effect::Load(i)) = update(state, msg) {
            update(state, Msg::Opened(i, Arc::new(long_article(i))));
        }
    }

    #[test]
    fn moving_in_the_list_previews_and_clamps() {
        let mut s = state_with(5);
        step(&mut s, Msg::Action(Action::MoveDown));
        assert_eq!((s.selected, s.reader.as_ref().map(|r| r.entry)), (1, Some(1)));
        step(&mut s, Msg::Action(Action::Bottom));
        step(&mut s, Msg::Action(Action::MoveDown));
        assert_eq!(s.selected, 4);
        step(&mut s, Msg::Action(Action::Top));
        step(&mut s, Msg::Action(Action::MoveUp));
        assert_eq!(s.selected, 0);
    }

    #[test]
    fn reader_scrolls_pages_and_stops_at_the_end() {
        let mut s = state_with(3);
        step(&mut s, Msg::Action(Action::Open));
        assert_eq!(s.focus, Focus::Reader);
        let h = s.view_height();
        step(&mut s, Msg::Action(Action::PageDown));
        assert_eq!(s.reader.as_ref().map(|r| r.top), Some(h - 1));
        step(&mut s, Msg::Action(Action::HalfPageUp));
        assert_eq!(s.reader.as_ref().map(|r| r.top), Some(h - 1 - h.div_ceil(2)));
        step(&mut s, Msg::Action(Action::Bottom));
        let r = s.reader.as_ref().expect("open");
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
        let before = s.reader.as_ref().map(Reader::anchor).expect("open");
        step(&mut s, Msg::Resize(70, 30));
        let r = s.reader.as_ref().expect("open");
        let line = &r.layout.lines[r.top];
        assert!(line.range.start <= before && before <= line.range.end + 1, "{line:?} vs {before}");
    }

    #[test]
    fn next_article_while_reading_remembers_positions() {
        let mut s = state_with(3);
        step(&mut s, Msg::Action(Action::Open));
        step(&mut s, Msg::Action(Action::PageDown));
        let top = s.reader.as_ref().map(|r| r.top);
        step(&mut s, Msg::Action(Action::NextArticle));
        assert_eq!((s.selected, s.focus), (1, Focus::Reader));
        assert_eq!(s.reader.as_ref().map(|r| r.top), Some(0));
        step(&mut s, Msg::Action(Action::PrevArticle));
        assert_eq!(s.reader.as_ref().map(|r| r.top), top);
        step(&mut s, Msg::Action(Action::PrevArticle));
        assert_eq!(s.message.as_deref(), Some("this is the first article"));
    }

    #[test]
    fn every_size_from_one_by_one_is_safe() {
        let mut s = state_with(3);
        step(&mut s, Msg::Action(Action::Open));
        for w in [0, 1, 2, 5, 20, 24, 40, 80] {
            for h in [0, 1, 2, 5, 6, 24] {
                step(&mut s, Msg::Resize(w, h));
                for a in
                    [Action::PageDown, Action::Bottom, Action::MoveUp, Action::NextArticle, Action::Back, Action::Open]
                {
                    step(&mut s, Msg::Action(a));
                }
            }
        }
    }

    #[test]
    fn clicks_select_rows_and_wheel_scrolls_the_pane_under_the_pointer() {
        let mut s = state_with(10);
        let inner = s.areas.list_inner;
        let (_, per) = s.list_rows();
        step(&mut s, Msg::Click { column: inner.x, row: inner.y + u16::try_from(per * 3).unwrap_or(0) });
        assert_eq!(s.selected, 3);
        let reader = s.areas.reader;
        step(&mut s, Msg::Wheel { column: reader.x + 2, row: reader.y + 2, down: true });
        assert_eq!(s.reader.as_ref().map(|r| r.top), Some(3));
        step(&mut s, Msg::Wheel { column: inner.x, row: inner.y, down: true });
        assert_eq!(s.selected, 4);
    }

    #[test]
    fn help_overlay_takes_keys_until_closed() {
        let mut s = state_with(3);
        s.help_rows = 100;
        step(&mut s, Msg::Action(Action::Help));
        step(&mut s, Msg::Action(Action::MoveDown));
        assert_eq!((s.help, s.selected), (Some(1), 0));
        step(&mut s, Msg::Action(Action::Bottom));
        let max = 100 - help::visible_rows(s.areas.screen, 100);
        assert_eq!(s.help, Some(max));
        step(&mut s, Msg::Action(Action::MoveDown));
        assert_eq!(s.help, Some(max), "clamped at the end");
        step(&mut s, Msg::Action(Action::MoveUp));
        assert_eq!(s.help, Some(max - 1));
        step(&mut s, Msg::Action(Action::Quit));
        assert_eq!((s.help, s.quit), (None, false));
    }
}
