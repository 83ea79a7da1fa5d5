//! Key scripts through `App::step`, written in the config's own key notation and looked up in
//! the real keymap, the way the event loop does.

use newsdesk::app::App;
use newsdesk::config::Config;
use newsdesk::keymap::help_rows;
use newsdesk::keymap::{Key, KeyChord};
use newsdesk::state::{Focus, Reader};
use newsdesk::text::wrap::LineKind;
use newsdesk::update::Msg;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::{app_on, articles};

/// The fixture titles in list order (newest first, undated last by path).
const MORNING: &str = "Morning Briefing: Rain, Roads and a Late Train";
const HARBOUR: &str = "Harbour Cranes Return After a Long Winter";
const GARDEN: &str = "Notes From an Allotment";
const LANTERNS: &str = "Lanterns Along the River in 東京";

/// The event a terminal sends for `chord`: uppercase letters arrive with SHIFT held.
pub(crate) fn key_event(chord: KeyChord) -> KeyEvent {
    let m = chord.modifiers;
    let mut modifiers = KeyModifiers::NONE;
    for (held, flag) in [(m.ctrl, KeyModifiers::CONTROL), (m.alt, KeyModifiers::ALT), (m.shift, KeyModifiers::SHIFT)] {
        if held {
            modifiers |= flag;
        }
    }
    let code = match chord.code {
        Key::Char(c) => {
            if c.is_uppercase() {
                modifiers |= KeyModifiers::SHIFT;
            }
            KeyCode::Char(c)
        }
        Key::Tab if m.shift => KeyCode::BackTab,
        Key::Tab => KeyCode::Tab,
        Key::Enter => KeyCode::Enter,
        Key::Esc => KeyCode::Esc,
        Key::Backspace => KeyCode::Backspace,
        Key::Delete => KeyCode::Delete,
        Key::Insert => KeyCode::Insert,
        Key::Up => KeyCode::Up,
        Key::Down => KeyCode::Down,
        Key::Left => KeyCode::Left,
        Key::Right => KeyCode::Right,
        Key::Home => KeyCode::Home,
        Key::End => KeyCode::End,
        Key::PageUp => KeyCode::PageUp,
        Key::PageDown => KeyCode::PageDown,
        Key::F(n) => KeyCode::F(n),
        Key::Unbindable => panic!("a script cannot press an unbindable key"),
    };
    KeyEvent::new(code, modifiers)
}

/// Presses each space-separated key of `script` (`"j j enter space G ] [ h"`).
pub(crate) fn press(app: &mut App, script: &str) {
    for word in script.split_whitespace() {
        let chord: KeyChord = word.parse().unwrap_or_else(|e| panic!("bad key in script: {e}"));
        if let Some(msg) = app.message_for(&Event::Key(key_event(chord))) {
            app.step(msg);
        }
    }
}

fn app() -> App {
    app_on(&articles(), Config::default(), 80, 24)
}

fn reader(app: &App) -> &Reader {
    app.state.reading.reader.as_ref().expect("an article is open")
}

/// The title of the article in the reading pane.
fn shown(app: &App) -> &str {
    &reader(app).article.meta.title
}

fn top(app: &App) -> usize {
    reader(app).top
}

#[test]
fn moving_the_selection_previews_each_article() {
    let mut app = app();
    assert_eq!((app.state.list.selected, shown(&app)), (0, MORNING));
    press(&mut app, "j j");
    assert_eq!((app.state.list.selected, shown(&app)), (2, GARDEN));
    assert_eq!(app.state.focus, Focus::List);
    press(&mut app, "k");
    assert_eq!((app.state.list.selected, shown(&app)), (1, HARBOUR));
    press(&mut app, "G");
    assert_eq!((app.state.list.selected, shown(&app)), (4, LANTERNS));
    press(&mut app, "down up up g");
    assert_eq!((app.state.list.selected, shown(&app)), (0, MORNING));
}

#[test]
fn enter_reads_space_pages_and_g_goes_to_the_ends() {
    let mut app = app();
    press(&mut app, "j enter");
    assert_eq!((app.state.focus, shown(&app), top(&app)), (Focus::Reader, HARBOUR, 0));
    let height = app.state.view_height();
    press(&mut app, "space");
    assert_eq!(top(&app), height - 1);
    press(&mut app, "G");
    assert_eq!(reader(&app).percent(height), 100);
    assert_eq!(top(&app), reader(&app).max_top(height));
    press(&mut app, "space j");
    assert_eq!(top(&app), reader(&app).max_top(height), "the end stays the end");
    press(&mut app, "g");
    assert_eq!((top(&app), reader(&app).percent(height)), (0, 0));
}

#[test]
fn brackets_switch_articles_while_reading_and_remember_positions() {
    let mut app = app();
    press(&mut app, "j enter space");
    let harbour_top = top(&app);
    assert!(harbour_top > 0);
    press(&mut app, "]");
    assert_eq!((app.state.focus, app.state.list.selected, shown(&app), top(&app)), (Focus::Reader, 2, GARDEN, 0));
    press(&mut app, "[");
    assert_eq!((app.state.list.selected, shown(&app), top(&app)), (1, HARBOUR, harbour_top));
    press(&mut app, "[ [");
    assert_eq!((app.state.list.selected, shown(&app)), (0, MORNING));
    assert_eq!(app.state.message.as_deref(), Some("this is the first article"));
    press(&mut app, "] ] ] ] ]");
    assert_eq!((app.state.list.selected, shown(&app)), (4, LANTERNS));
    assert_eq!(app.state.message.as_deref(), Some("this is the last article"));
}

#[test]
fn h_and_esc_go_back_to_the_list() {
    let mut app = app();
    press(&mut app, "j enter h");
    assert_eq!((app.state.focus, app.state.list.selected, shown(&app)), (Focus::List, 1, HARBOUR));
    press(&mut app, "enter esc");
    assert_eq!(app.state.focus, Focus::List);
    press(&mut app, "l left right");
    assert_eq!(app.state.focus, Focus::Reader);
    press(&mut app, "tab");
    assert_eq!(app.state.focus, Focus::List);
}

#[test]
fn question_mark_opens_help_and_esc_closes_it() {
    let mut app = app();
    press(&mut app, "?");
    assert_eq!(app.state.overlays.help, Some(0));
    press(&mut app, "j j k");
    assert_eq!((app.state.overlays.help, app.state.list.selected), (Some(1), 0), "keys scroll the help, not the list");
    press(&mut app, "esc");
    assert_eq!(app.state.overlays.help, None);
    // In the reader esc means back, except while help is open.
    press(&mut app, "enter ? esc");
    assert_eq!((app.state.overlays.help, app.state.focus), (None, Focus::Reader));
    press(&mut app, "? q");
    assert_eq!((app.state.overlays.help, app.state.quit), (None, false), "q closes the help first");
}

#[test]
fn q_quits_from_the_list_and_the_reader() {
    let mut app = app();
    press(&mut app, "q");
    assert!(app.state.quit);
    let mut app = self::app();
    press(&mut app, "enter q");
    assert!(app.state.quit);
}

#[test]
fn ctrl_c_quits_even_with_help_open() {
    let mut app = app();
    press(&mut app, "enter ? ctrl-c");
    assert!(app.state.quit);
}

#[test]
fn user_bindings_replace_the_defaults() {
    let toml = "[keys.list]\nmove-down = [\"n\"]\n\n[keys.reader]\nmove-down = \"none\"\n";
    let config = Config::from_toml(toml, "user.toml", false).expect("valid user config");
    let mut app = app_on(&articles(), config, 80, 24);
    press(&mut app, "j");
    assert_eq!(app.state.list.selected, 0, "j is no longer bound in the list");
    press(&mut app, "n n");
    assert_eq!((app.state.list.selected, shown(&app)), (2, GARDEN));
    press(&mut app, "k enter j j");
    assert_eq!((shown(&app), top(&app)), (HARBOUR, 0), "move-down is unbound in the reader");
    press(&mut app, "space");
    assert!(top(&app) > 0, "other reader keys keep their defaults");
    let move_down: Vec<String> = help_rows(&app.config.keymap)
        .into_iter()
        .filter(|(_, _, description)| description.starts_with("move-down:"))
        .map(|(_, keys, _)| keys)
        .collect();
    // The list's own binding, then the entity panel's and the help overlay's defaults; the
    // reader's is gone.
    assert_eq!(move_down, ["n", "j, down", "j, down"], "the help shows the live bindings");
}

#[test]
fn resizing_keeps_the_text_at_the_top_in_view() {
    let mut app = app();
    press(&mut app, "j enter j j j j j j j j j j j j j");
    assert_eq!(top(&app), 13);
    for (width, height) in [(60, 24), (120, 40), (50, 30), (200, 60), (80, 24), (30, 10)] {
        let before = reader(&app);
        let anchor = before.anchor();
        let block = text_block(before, showing(before, anchor));
        app.step(Msg::Resize(width, height));
        let after = reader(&app);
        let line = showing(after, anchor);
        let view = app.state.view_height();
        let size = format!("{width}x{height}");
        assert!(after.top <= line && line < after.top + view, "{size}: anchor on line {line}, view from {}", after.top);
        assert_eq!(text_block(after, line), block, "{size}: the same paragraph");
        if after.top < after.max_top(view) {
            let above = &after.layout.lines[after.top..line];
            assert!(
                above.iter().all(|l| !matches!(l.kind, LineKind::Text { .. })),
                "{size}: the anchor's line is the first text in view, not {above:?}"
            );
        }
    }
}

/// The text line showing byte `offset`: the last line that starts at or before it, or, when
/// that is a blank line (which stands at the end of the text before it), the text line after.
fn showing(reader: &Reader, offset: usize) -> usize {
    let lines = &reader.layout.lines;
    let at = lines.iter().rposition(|l| l.range.start <= offset).expect("a line starts at 0");
    (at..lines.len()).find(|&i| matches!(lines[i].kind, LineKind::Text { .. })).unwrap_or(at)
}

/// The block whose text line `line` of the layout shows.
fn text_block(reader: &Reader, line: usize) -> usize {
    match reader.layout.lines[line].kind {
        LineKind::Text { block, .. } => block,
        other => panic!("line {line} is {other:?}, not text"),
    }
}

/// The screen text of `app` at the size it was last told.
fn screen_of(app: &App) -> String {
    let size = app.state.areas.screen;
    let terminal = crate::render::draw(app, size.width, size.height);
    crate::render::screen(terminal.backend().buffer())
}

#[test]
fn help_scrolls_back_up_after_going_to_its_end() {
    let mut app = app();
    press(&mut app, "? G");
    let bottom = screen_of(&app);
    press(&mut app, "k");
    assert_ne!(screen_of(&app), bottom, "k scrolls the help up from its end");
    let mut app = self::app();
    press(&mut app, "? j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j");
    let end = screen_of(&app);
    press(&mut app, "k");
    assert_ne!(screen_of(&app), end, "k scrolls the help up after overshooting with j");
}

#[test]
fn help_pages_on_a_narrow_screen() {
    let mut app = app_on(&articles(), Config::default(), 60, 24);
    press(&mut app, "?");
    let first = screen_of(&app);
    press(&mut app, "space");
    assert_ne!(app.state.overlays.help, Some(0), "space pages the help");
    assert_ne!(screen_of(&app), first);
}

#[test]
fn s_cycles_the_sort_order_keeping_the_selection() {
    let mut app = app();
    press(&mut app, "j j");
    let selected = app.state.selected_entry();
    let titles = |app: &App| -> Vec<String> {
        app.state.list.order.iter().map(|&i| app.state.library.entries[i].meta.title.clone()).collect()
    };
    for expected in ["title", "path", "length", "last-read", "date"] {
        press(&mut app, "s");
        assert_eq!(app.state.options.sort.name(), expected);
        assert_eq!(app.state.selected_entry(), selected, "the selected article stays selected");
        assert_eq!(app.state.message.as_deref(), Some(format!("sorted by {expected}").as_str()));
        if expected == "title" {
            let list = titles(&app);
            let mut sorted = list.clone();
            sorted.sort_by_key(|t| t.to_lowercase());
            assert_eq!(list, sorted);
        }
    }
    let screen = crate::render::screen(crate::render::draw(&app, 80, 24).backend().buffer());
    assert!(screen.contains("by date"), "{screen}");
}
