//! Whole-screen renders on ratatui's `TestBackend`: insta snapshots of the main states at 80x24,
//! each paired with colour and modifier checks (snapshots record text only), a `NO_COLOR` render
//! and a sweep over terminal sizes.

use std::path::PathBuf;

use newsdesk::action::Action;
use newsdesk::app::App;
use newsdesk::config::Config;
use newsdesk::state::Focus;
use newsdesk::update::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use unicode_width::UnicodeWidthStr;

use crate::{app_on, articles, fixture};

/// Draws `app` on a fresh `width` x `height` test terminal and returns the terminal.
pub(crate) fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| app.draw(frame)).expect("draw");
    terminal
}

/// The buffer as text, one line per row with trailing blanks trimmed; the cells hidden behind
/// a wide character (CJK, emoji) are left out, as a terminal shows them.
pub(crate) fn screen(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in buffer.area.top()..buffer.area.bottom() {
        out.push_str(&row_text(buffer, y).0);
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    out
}

/// Row `y` as text, with the byte offset and column where each visible cell's symbol starts.
pub(crate) fn row_text(buffer: &Buffer, y: u16) -> (String, Vec<(usize, u16)>) {
    let mut text = String::new();
    let mut starts = Vec::new();
    let mut hidden = 0;
    for x in buffer.area.left()..buffer.area.right() {
        let symbol = buffer[(x, y)].symbol();
        if hidden == 0 {
            starts.push((text.len(), x));
            text.push_str(symbol);
        }
        hidden = usize::max(hidden, symbol.width()).saturating_sub(1);
    }
    (text, starts)
}

/// Where `needle` first appears inside `area` (rows top to bottom).
pub(crate) fn locate(buffer: &Buffer, area: Rect, needle: &str) -> Position {
    for y in area.top()..area.bottom() {
        let (text, starts) = row_text(buffer, y);
        for (at, _) in text.match_indices(needle) {
            let x = starts.iter().find(|(byte, _)| *byte == at).map(|&(_, x)| x);
            if let Some(x) = x.filter(|x| (area.left()..area.right()).contains(x)) {
                return Position::new(x, y);
            }
        }
    }
    panic!("{needle:?} is not on screen in {area:?}:\n{}", screen(buffer));
}

/// Whether `cell` shows `style`: its colours where the style sets one, and its modifiers.
pub(crate) fn shows(cell: &Cell, style: Style) -> bool {
    style.fg.is_none_or(|fg| cell.fg == fg)
        && style.bg.is_none_or(|bg| cell.bg == bg)
        && cell.modifier.contains(style.add_modifier)
        && !cell.modifier.intersects(style.sub_modifier)
}

/// Asserts every cell of the `width` cells from `at` shows `style`.
pub(crate) fn assert_style(buffer: &Buffer, at: Position, width: u16, style: Style, what: &str) {
    for x in at.x..at.x + width {
        let cell = &buffer[(x, at.y)];
        assert!(
            shows(cell, style),
            "{what}: cell ({x}, {}) {:?} has {:?}, expected {style:?}",
            at.y,
            cell.symbol(),
            cell.style()
        );
    }
}

/// Asserts the visible `text` inside `area` is drawn in `style`.
fn assert_text_style(buffer: &Buffer, area: Rect, text: &str, style: Style, what: &str) {
    let at = locate(buffer, area, text);
    let width = u16::try_from(text.width()).expect("short text");
    assert_style(buffer, at, width, style, what);
}

fn act(app: &mut App, actions: &[Action]) {
    for &action in actions {
        app.step(Msg::Action(action));
    }
}

#[test]
fn list_and_preview_of_the_first_article() {
    let app = app_on(&articles(), Config::default(), 80, 24);
    let terminal = draw(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    insta::assert_snapshot!("list_and_preview", screen(buffer));

    let theme = &app.config.theme;
    let areas = app.state.areas;
    let inner = areas.list_inner;
    assert_style(buffer, inner.as_position(), inner.width, theme.list_selected, "selected title row");
    assert_style(buffer, Position::new(inner.x, inner.y + 1), inner.width, theme.list_selected, "selected details row");
    assert_style(buffer, Position::new(inner.x, inner.y + 2), inner.width, theme.list_item, "unselected row");
    assert_style(buffer, areas.list.as_position(), 1, theme.border_focused, "focused list border");
    assert_style(buffer, areas.reader.as_position(), 1, theme.border, "unfocused reader border");
    assert_text_style(buffer, areas.reader_text, "Morning Briefing", theme.title, "reading pane title");
    assert_text_style(buffer, areas.status, " LIST ", theme.status_focus, "status focus label");
}

#[test]
fn article_opened_and_scrolled() {
    let mut app = app_on(&articles(), Config::default(), 80, 24);
    act(&mut app, &[Action::MoveDown, Action::Open, Action::PageDown]);
    assert_eq!(app.state.focus, Focus::Reader);
    let terminal = draw(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    insta::assert_snapshot!("article_scrolled", screen(buffer));

    let theme = &app.config.theme;
    let areas = app.state.areas;
    let second_row = Position::new(areas.list_inner.x, areas.list_inner.y + 2);
    assert_style(
        buffer,
        second_row,
        areas.list_inner.width,
        theme.list_selected_unfocused,
        "selected row, list unfocused",
    );
    assert_style(buffer, areas.reader.as_position(), 1, theme.border_focused, "focused reader border");
    assert_style(buffer, areas.list.as_position(), 1, theme.border, "unfocused list border");
    assert_text_style(buffer, areas.reader_text, "What changes now", theme.heading2, "level-2 heading");
    assert_text_style(buffer, areas.reader_text, "website", theme.link, "link text");
    assert_text_style(buffer, areas.status, " READ ", theme.status_focus, "status focus label");
}

#[test]
fn empty_folder_explains_itself() {
    let mut app = app_on(&fixture("empty"), Config::default(), 80, 24);
    // The explanation names the folder: show it as typed, not as this checkout's absolute path.
    app.state.library.root = PathBuf::from("tests/fixtures/empty");
    let terminal = draw(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    insta::assert_snapshot!("empty_folder", screen(buffer));

    let theme = &app.config.theme;
    let areas = app.state.areas;
    assert_text_style(buffer, areas.reader, "This folder has no articles yet.", theme.title, "empty-folder heading");
    assert_text_style(buffer, areas.list_inner, "No articles here.", theme.warning, "empty list notice");
    assert_style(buffer, areas.list.as_position(), 1, theme.border_focused, "focused list border");
}

#[test]
fn help_overlay_lists_the_live_keys() {
    let mut app = app_on(&articles(), Config::default(), 80, 24);
    act(&mut app, &[Action::Help]);
    let terminal = draw(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    insta::assert_snapshot!("help_overlay", screen(buffer));

    let theme = &app.config.theme;
    let all = buffer.area;
    assert_text_style(buffer, all, "Global keys", theme.title, "help scope heading");
    assert_text_style(buffer, all, "quit: quit newsdesk", theme.help_description, "help description");
    // The key column left of a description: padding and the key itself, all in help_key.
    let description = locate(buffer, all, "help: show the help overlay");
    let key = (0..description.x)
        .rev()
        .find(|&x| buffer[(x, description.y)].symbol() != " ")
        .expect("a key left of the description");
    assert_eq!(buffer[(key, description.y)].symbol(), "?");
    assert_style(buffer, Position::new(key, description.y), description.x - key, theme.help_key, "help key column");
    assert_text_style(buffer, all, "Help · esc closes", theme.pane_title, "overlay title");
}

#[test]
fn too_small_terminal_says_so() {
    let app = app_on(&articles(), Config::default(), 20, 5);
    let terminal = draw(&app, 20, 5);
    let buffer = terminal.backend().buffer();
    insta::assert_snapshot!("too_small", screen(buffer));
    assert_text_style(buffer, buffer.area, "Terminal too small", app.config.theme.warning, "too-small notice");
}

#[test]
fn no_color_draws_no_colour_but_keeps_the_selection_visible() {
    let config = Config::from_toml("", "x", true).expect("empty config is valid");
    let mut app = app_on(&articles(), config, 80, 24);
    let check = |app: &App, selected: Option<Modifier>| {
        let terminal = draw(app, 80, 24);
        let buffer = terminal.backend().buffer();
        for cell in &buffer.content {
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "coloured cell {:?}\n{}",
                cell.symbol(),
                screen(buffer)
            );
        }
        let Some(selected) = selected else { return };
        let inner = app.state.areas.list_inner;
        let row = Position::new(inner.x, inner.y + u16::try_from(app.state.list.selected * 2).expect("small"));
        assert_style(buffer, row, inner.width, Style::new().add_modifier(selected), "selected row without colour");
        let other = Position::new(inner.x, inner.y + u16::try_from((app.state.list.selected + 1) * 2).expect("small"));
        assert!(!buffer[other].modifier.intersects(selected), "only the selected row stands out");
    };
    check(&app, Some(Modifier::REVERSED));
    act(&mut app, &[Action::Open]);
    check(&app, Some(Modifier::UNDERLINED));
    // The overlay covers the list; it must still be colourless.
    act(&mut app, &[Action::Help]);
    check(&app, None);
}

#[test]
fn drawing_before_the_size_is_known_draws_nothing() {
    let app = app_on(&articles(), Config::default(), 80, 24);
    let terminal = draw(&app, 100, 30);
    let buffer = terminal.backend().buffer();
    assert!(buffer.content.iter().all(|c| c.symbol() == " "), "{}", screen(buffer));
}

#[test]
fn every_size_renders_without_panic() {
    let mut sizes: Vec<(u16, u16)> = (1..=50).flat_map(|w| (1..=20).map(move |h| (w, h))).collect();
    sizes.extend([(300, 100), (80, 24), (500, 200), (1000, 40), (24, 6), (23, 6), (24, 5), (74, 24), (73, 24)]);
    let mut app = app_on(&articles(), Config::default(), 80, 24);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    let scripts: [&[Action]; 4] = [
        &[Action::MoveDown, Action::Open, Action::PageDown],
        &[Action::Bottom, Action::NextArticle, Action::HalfPageUp],
        &[Action::Help, Action::PageDown, Action::Bottom],
        &[Action::Help, Action::Back, Action::Top, Action::PrevArticle],
    ];
    for (i, &(width, height)) in sizes.iter().enumerate() {
        // The terminal changes size first; the app hears of it on its next event.
        terminal.backend_mut().resize(width, height);
        terminal.draw(|frame| app.draw(frame)).expect("draw before the resize message");
        app.step(Msg::Resize(width, height));
        terminal.draw(|frame| app.draw(frame)).expect("draw after the resize message");
        act(&mut app, scripts[i % scripts.len()]);
        terminal.draw(|frame| app.draw(frame)).expect("draw after actions");
        let reader = app.state.reading.reader.as_ref().expect("an article is open");
        assert!(reader.top <= reader.max_top(app.state.view_height()), "scrolled past the end at {width}x{height}");
    }
}

#[test]
fn wide_characters_keep_the_columns_in_place() {
    let mut app = app_on(&articles(), Config::default(), 80, 24);
    act(&mut app, &[Action::Bottom]);
    assert_eq!(
        app.state.reading.reader.as_ref().map(|r| r.article.meta.title.as_str()),
        Some("Lanterns Along the River in 東京")
    );
    let terminal = draw(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let text = screen(buffer);
    assert!(text.contains("東京") && text.contains("🏮"), "{text}");
    let right = app.state.areas.reader.right() - 1;
    for (y, line) in text.lines().enumerate().take(23) {
        assert_eq!(line.width(), 80, "row {y} is {} cells wide: {line}", line.width());
        let y = u16::try_from(y).expect("small");
        let edge = buffer[(right, y)].symbol();
        assert!(["╮", "│", "╯", "║", "█"].contains(&edge), "row {y} ends with {edge:?}: {line}");
    }
}

#[test]
fn the_reading_pane_is_titled_with_the_relative_path() {
    let mut app = app_on(&articles(), Config::default(), 80, 24);
    act(&mut app, &[Action::MoveDown, Action::MoveDown]);
    let terminal = draw(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let top = Rect { height: 1, ..app.state.areas.reader };
    assert_text_style(buffer, top, " features/garden-notes.md ", app.config.theme.pane_title, "reading pane title");
    assert!(!screen(buffer).contains(env!("CARGO_MANIFEST_DIR")), "no absolute paths on screen");
}
