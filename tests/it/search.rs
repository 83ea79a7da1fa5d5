//! In-article search through the real keymap and `App::step`: the prompt, the counter and the
//! notices in the status line, `n` / `N`, cancel, history, regex mode, smart case, matches
//! across wrapped and reflowed lines, Markdown searched as displayed, and the highlight colours.
//!
//! Search-specific articles live in a temporary folder, so the shared fixture folder (and the
//! snapshots that list it) stay as they are.

use std::fs;
use std::ops::Range;
use std::time::Duration;

use newsdesk::app::App;
use newsdesk::config::Config;
use newsdesk::state::{Focus, Reader, Search};
use newsdesk::update::Msg;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

use crate::flow::press;
use crate::render::{draw, screen, shows};
use crate::{app_on, articles};

/// Paragraphs of the first article; "harbor" is in every sixth one from the third on.
const PARAGRAPHS: usize = 30;

/// A long plain-text article: "harbor" five times, far apart, and "albatross" once near the end.
fn harbor_article() -> String {
    let mut out = String::from("Notes From the Quay\n\n");
    for i in 0..PARAGRAPHS {
        let paragraph = if i % 6 == 2 {
            format!("Paragraph {i}: the harbor was busy with boats, ropes and gulls from dawn until late.")
        } else if i == PARAGRAPHS - 2 {
            format!("Paragraph {i}: an albatross circled the quay twice and flew out to sea again.")
        } else {
            format!("Paragraph {i} describes the quay, the cranes and the weather over the water in some detail.")
        };
        out.push_str(&paragraph);
        out.push_str("\n\n");
    }
    out
}

/// Names in several cases, a phrase over a hard line break, brackets, a long paragraph.
const NAMES: &str = "Names, Places and Drafts

Herr MÜLLER of the port board met Frau Müller and the harbor pilots on Monday.

Park rangers from PARK Street said the park would open late.

Talks on relations with North
Korea resumed after the budget (draft) was published by the harbor office.

Late in the afternoon the stall by the ferry sold a jar of quokka marmalade to every visitor who asked about \
the old lighthouse keeper and his long stories of storms, wrecks and rescues along the coast.
";

const MARKUP: &str = "# Markup Test

Some **bold claim** and a `code word` and *soft italics* here.

## Heading Two

A [linked phrase](https://example.org/page) sits in this line.
";

/// A folder of three articles, listed in this order (all undated, so by path).
fn search_folder() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in
        [("01-harbor.txt", harbor_article().as_str()), ("02-names.txt", NAMES), ("03-markup.md", MARKUP)]
    {
        fs::write(dir.path().join(name), text).expect("write an article");
    }
    dir
}

fn app_at(dir: &TempDir, width: u16, height: u16) -> App {
    app_on(dir.path(), Config::default(), width, height)
}

/// Types `text` into the open prompt, one key event per character, as a terminal sends them.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let modifiers = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
        let event = Event::Key(KeyEvent::new(KeyCode::Char(c), modifiers));
        let msg = app.message_for(&event).unwrap_or_else(|| panic!("typing {c:?} means nothing here"));
        app.step(msg);
    }
}

/// The search key (`/` in the reading pane, `ctrl-f` in the list, where `/` filters), the
/// query, `enter`.
fn search_for(app: &mut App, query: &str) {
    press(app, if app.state.focus == Focus::List { "ctrl-f" } else { "/" });
    assert!(app.state.overlays.prompt.is_some(), "/ opens the prompt");
    type_text(app, query);
    press(app, "enter");
}

fn reader(app: &App) -> &Reader {
    app.state.reading.reader.as_ref().expect("an article is shown")
}

fn search(app: &App) -> &Search {
    app.state.reading.search.as_ref().expect("a search is in force")
}

fn top(app: &App) -> usize {
    reader(app).top
}

/// The current match's index and the number of matches.
fn counter(app: &App) -> (Option<usize>, usize) {
    let s = search(app);
    (s.current, s.matches.len())
}

/// The text of every match in the shown article.
fn found(app: &App) -> Vec<&str> {
    let text = &reader(app).article.doc.text;
    search(app).matches.iter().map(|r| &text[r.clone()]).collect()
}

fn current_range(app: &App) -> Range<usize> {
    let s = search(app);
    s.matches[s.current.expect("a current match")].clone()
}

/// The first and last visual lines of the current match.
fn current_lines(app: &App) -> (usize, usize) {
    let layout = &reader(app).layout;
    let m = current_range(app);
    (layout.line_containing(m.start), layout.line_containing(m.end - 1))
}

fn assert_current_in_view(app: &App, what: &str) {
    let (first, last) = current_lines(app);
    let (top, height) = (top(app), app.state.view_height());
    assert!(
        top <= first && last < top + height,
        "{what}: match on lines {first}..={last}, view {top}..{}",
        top + height
    );
}

/// The app drawn at the size it was last told.
fn render(app: &App) -> Buffer {
    let size = app.state.areas.screen;
    draw(app, size.width, size.height).backend().buffer().clone()
}

/// The status line as text.
fn status_row(app: &App) -> String {
    screen(&render(app)).lines().last().unwrap_or_default().to_string()
}

/// The runs of cells in `area` drawn with `style`'s background, as (row, text), asserting each
/// such cell shows the whole style (colours and modifiers). Cells hidden behind a wide
/// character are skipped, as a terminal shows them.
fn runs(buffer: &Buffer, area: Rect, style: Style) -> Vec<(u16, String)> {
    let bg = style.bg.expect("a highlight style sets a background");
    let mut out = Vec::new();
    for y in area.top()..area.bottom() {
        let mut run: Option<String> = None;
        let mut hidden = 0;
        for x in area.left()..area.right() {
            let cell = &buffer[(x, y)];
            // Cells behind a wide character are not drawn: the character's own cell counts.
            let behind = hidden > 0;
            hidden = usize::max(hidden, cell.symbol().width()).saturating_sub(1);
            if behind {
                continue;
            }
            if cell.bg == bg {
                assert!(
                    shows(cell, style),
                    "cell ({x}, {y}) {:?} has {:?}, expected {style:?}",
                    cell.symbol(),
                    cell.style()
                );
                run.get_or_insert_with(String::new).push_str(cell.symbol());
            } else if let Some(text) = run.take() {
                out.push((y, text));
            }
        }
        out.extend(run.map(|text| (y, text)));
    }
    out
}

/// The screen row where line `line` of the layout is drawn.
fn row_of(app: &App, line: usize) -> u16 {
    let offset = u16::try_from(line - top(app)).expect("on screen");
    app.state.areas.reader_text.y + offset
}

#[test]
fn slash_word_enter_then_n_n_and_big_n_step_through_the_matches() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    press(&mut app, "enter /");
    type_text(&mut app, "harbor");
    assert_eq!(counter(&app), (Some(0), 5), "the first match is chosen as you type");
    assert!(status_row(&app).contains("1/5"), "the prompt shows the counter: {}", status_row(&app));
    press(&mut app, "enter");
    assert_eq!((app.state.overlays.prompt.is_none(), app.state.focus), (true, Focus::Reader));
    assert!(status_row(&app).contains("/harbor 1/5"), "{}", status_row(&app));
    for (keys, current) in [("n", 1), ("n", 2), ("N", 1), ("n n n", 4)] {
        press(&mut app, keys);
        assert_eq!(counter(&app), (Some(current), 5), "after {keys}");
        assert_current_in_view(&app, keys);
        let expected = format!("/harbor {}/5", current + 1);
        assert!(status_row(&app).contains(&expected), "after {keys}: {}", status_row(&app));
        assert_eq!(app.state.message, None, "no notice before the ends");
    }
    press(&mut app, "n");
    assert_eq!(counter(&app), (Some(0), 5), "n past the last match wraps to the first");
    assert_current_in_view(&app, "wrapped to the top");
    let row = status_row(&app);
    assert!(row.contains("/harbor 1/5") && row.contains("search wrapped"), "{row}");
    press(&mut app, "N");
    assert_eq!(counter(&app), (Some(4), 5), "N before the first match wraps to the last");
    assert_current_in_view(&app, "wrapped to the bottom");
    assert!(status_row(&app).contains("search wrapped"), "{}", status_row(&app));
    press(&mut app, "j");
    assert_eq!(app.state.message, None, "the notice goes with the next key");
}

#[test]
fn esc_in_a_new_prompt_restores_the_view_the_focus_and_the_search() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    press(&mut app, "enter");
    search_for(&mut app, "harbor");
    press(&mut app, "n");
    let before = (top(&app), counter(&app));
    assert!(before.0 > 0);
    press(&mut app, "/");
    type_text(&mut app, "albatross");
    assert_eq!(counter(&app), (Some(0), 1));
    assert!(top(&app) > before.0, "the view moved to the new match");
    press(&mut app, "esc");
    assert!(app.state.overlays.prompt.is_none());
    assert_eq!((top(&app), counter(&app), app.state.focus), (before.0, before.1, Focus::Reader));
    assert_eq!(search(&app).query, "harbor");
    assert!(status_row(&app).contains("/harbor 2/5"), "{}", status_row(&app));
    // ctrl-g cancels too; a prompt opened with no search in force leaves none.
    press(&mut app, "ctrl-l / a l b ctrl-g");
    assert!(app.state.reading.search.is_none() && app.state.overlays.prompt.is_none());
    assert_eq!(top(&app), before.0);
}

#[test]
fn typing_goes_to_the_first_match_at_or_after_the_top_of_the_view() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    press(&mut app, "enter space space");
    let origin = top(&app);
    let anchor = reader(&app).anchor();
    press(&mut app, "/");
    type_text(&mut app, "harbor");
    let expected = search(&app).matches.partition_point(|m| m.start < anchor);
    assert!(expected > 0, "the view starts past the first match");
    assert_eq!(counter(&app), (Some(expected), 5));
    assert_current_in_view(&app, "typing");
    // Deleting the query puts the view back where the prompt opened.
    press(&mut app, "ctrl-u");
    assert_eq!((app.state.reading.search.is_none(), top(&app)), (true, origin));
    type_text(&mut app, "zzz");
    assert_eq!(search(&app).counter(), "no match");
    assert!(status_row(&app).contains("no match"), "{}", status_row(&app));
    assert_eq!(top(&app), origin, "no match: the view stays");
    press(&mut app, "enter");
    assert_eq!(app.state.message.as_deref(), Some("no match for zzz"));
}

#[test]
fn typed_letters_that_are_keys_elsewhere_go_into_the_prompt() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    press(&mut app, "enter /");
    type_text(&mut app, "q? nNjkG]");
    let prompt = app.state.overlays.prompt.as_ref().expect("still open");
    assert_eq!(prompt.input, "q? nNjkG]");
    assert_eq!((app.state.quit, app.state.overlays.help, app.state.list.selected), (false, None, 0));
}

#[test]
fn search_from_the_list_previews_and_enter_reads_the_match() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    assert_eq!(app.state.focus, Focus::List);
    // In the list `/` filters (issue 5); the article's search is `ctrl-f` there.
    press(&mut app, "ctrl-f");
    type_text(&mut app, "albatross");
    assert_eq!((app.state.focus, counter(&app)), (Focus::List, (Some(0), 1)));
    assert!(top(&app) > 0, "the preview moved to the match");
    assert_current_in_view(&app, "preview");
    let preview_top = top(&app);
    assert!(status_row(&app).starts_with("/ albatross"), "{}", status_row(&app));
    press(&mut app, "enter");
    assert_eq!((app.state.focus, top(&app)), (Focus::Reader, preview_top));
    assert!(status_row(&app).starts_with(" READ "), "{}", status_row(&app));
    // Cancelling a prompt opened from the list goes back to the list.
    press(&mut app, "h ctrl-f");
    type_text(&mut app, "harbor");
    press(&mut app, "esc");
    assert_eq!((app.state.focus, top(&app), search(&app).query.as_str()), (Focus::List, preview_top, "albatross"));
}

#[test]

fn search_from_the_list_on_a_narrow_screen_shows_the_reader_after_enter() {
    let dir = search_folder();
    let mut app = app_at(&dir, 60, 24);
    assert!(app.state.areas.reader.is_empty(), "60 columns show one pane: the list");
    search_for(&mut app, "albatross");
    assert_eq!(app.state.focus, Focus::Reader);
    assert!(!app.state.areas.reader.is_empty(), "the reading pane is shown: {:?}", app.state.areas);
    assert!(app.state.areas.list.is_empty(), "and the list is not");
    assert_current_in_view(&app, "after enter");
    let buffer = render(&app);
    let current = runs(&buffer, app.state.areas.reader_text, app.config.theme.current_match);
    assert_eq!(current.len(), 1, "{}", screen(&buffer));
}

#[test]
fn smart_case_and_unicode_case_folding() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    press(&mut app, "j enter");
    let cases: [(&str, &[&str]); 6] = [
        ("park", &["Park", "PARK", "park"]),
        ("Park", &["Park"]),
        ("PARK", &["PARK"]),
        ("müller", &["MÜLLER", "Müller"]),
        ("Müller", &["Müller"]),
        ("MÜLLER", &["MÜLLER"]),
    ];
    for (query, expected) in cases {
        search_for(&mut app, query);
        assert_eq!(found(&app), expected, "{query}");
    }
}

#[test]
fn a_phrase_split_by_wrapping_is_highlighted_on_both_lines() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    press(&mut app, "j enter");
    search_for(&mut app, "quokka marmalade");
    assert_eq!(found(&app), ["quokka marmalade"]);
    let width = (50..=140)
        .find(|&w| {
            app.step(Msg::Resize(w, 24));
            let (first, last) = current_lines(&app);
            first != last
        })
        .expect("some width wraps between the two words");
    assert_current_in_view(&app, &format!("{width}x24"));
    let (first, last) = current_lines(&app);
    assert_eq!(last, first + 1);
    let buffer = render(&app);
    let mut current = runs(&buffer, app.state.areas.reader_text, app.config.theme.current_match);
    for (_, text) in &mut current {
        text.truncate(text.trim_end().len());
    }
    let expected = vec![(row_of(&app, first), "quokka".to_string()), (row_of(&app, last), "marmalade".to_string())];
    assert_eq!(current, expected, "at {width}x24:\n{}", screen(&buffer));
}

#[test]
fn a_phrase_across_a_hard_line_break_is_found_and_highlighted() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    press(&mut app, "j enter");
    search_for(&mut app, "north korea");
    assert_eq!(found(&app), ["North\nKorea"]);
    let buffer = render(&app);
    let current = runs(&buffer, app.state.areas.reader_text, app.config.theme.current_match);
    let shown: Vec<&str> = current.iter().map(|(_, t)| t.trim()).collect();
    assert_eq!(shown.join(" "), "North Korea", "{}", screen(&buffer));
    // More white space in the query still means any run of white space.
    search_for(&mut app, "north   korea");
    assert_eq!(found(&app), ["North\nKorea"]);
}

#[test]
fn markdown_is_searched_as_displayed() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    press(&mut app, "j j enter");
    let cases: [(&str, &[&str]); 9] = [
        ("bold", &["bold"]),
        ("bold claim", &["bold claim"]),
        ("claim and", &["claim and"]),
        ("heading two", &["Heading Two"]),
        ("linked phrase", &["linked phrase"]),
        ("**", &[]),
        ("`code", &[]),
        ("##", &[]),
        ("[linked", &[]),
    ];
    for (query, expected) in cases {
        search_for(&mut app, query);
        assert_eq!(found(&app), expected, "{query}");
    }
    assert_eq!(app.state.message.as_deref(), Some("no match for [linked"));
}

#[test]
fn ctrl_r_toggles_regex_and_an_invalid_pattern_is_searched_as_text() {
    let dir = search_folder();
    let mut app = app_at(&dir, 120, 24);
    press(&mut app, "j enter / ctrl-r");
    assert!(app.state.overlays.prompt.as_ref().is_some_and(|p| p.regex));
    assert!(status_row(&app).starts_with("regex / "), "the prompt shows the mode: {}", status_row(&app));
    type_text(&mut app, "(draft");
    let error = search(&app).matcher.error.clone().expect("( is an invalid regex");
    assert!(error.contains("unclosed group"), "{error}");
    assert_eq!(found(&app), ["(draft"], "searched as text meanwhile");
    let row = status_row(&app);
    assert!(row.contains("unclosed group") && row.contains("1/1"), "error and counter in the prompt: {row}");
    press(&mut app, "ctrl-r");
    assert!(status_row(&app).starts_with("/ (draft"), "{}", status_row(&app));
    assert_eq!((search(&app).matcher.error.clone(), found(&app)), (None, vec!["(draft"]));
    press(&mut app, "ctrl-r ctrl-u");
    type_text(&mut app, r"p\w+k\b");
    assert_eq!(found(&app), ["Park", "PARK", "park"], "a valid regex, smart case");
    press(&mut app, "enter");
    assert!(search(&app).regex);
    press(&mut app, "/");
    assert!(app.state.overlays.prompt.as_ref().is_some_and(|p| p.regex), "the next prompt opens in the last mode");
}

#[test]

fn an_invalid_regex_keeps_the_counter_and_the_toggle_visible_at_80_columns() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    press(&mut app, "j enter / ctrl-r");
    type_text(&mut app, r"(\w{500}){500}");
    let row = status_row(&app);
    assert!(row.contains("Compiled regex exceeds"), "{row}");
    assert!(row.contains("no match"), "the counter is shown with a long error: {row}");
    press(&mut app, "ctrl-u");
    type_text(&mut app, "(draft");
    let row = status_row(&app);
    assert!(row.contains("unclosed group") && row.contains("1/1"), "{row}");
    assert!(row.contains("ctrl-r"), "the mode toggle is shown with a short error: {row}");
}

#[test]
fn up_and_down_recall_earlier_queries() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    press(&mut app, "enter");
    for query in ["quay", "harbor", "quay"] {
        search_for(&mut app, query);
    }
    assert_eq!(app.state.reading.history, ["harbor", "quay"], "oldest first, no repeats");
    press(&mut app, "/");
    type_text(&mut app, "dra");
    let input = |app: &App| app.state.overlays.prompt.as_ref().map(|p| p.input.clone()).unwrap_or_default();
    for (key, expected) in [("up", "quay"), ("up", "harbor"), ("up", "harbor"), ("down", "quay"), ("down", "dra")] {
        press(&mut app, key);
        assert_eq!(input(&app), expected, "after {key}");
    }
    press(&mut app, "up up");
    assert_eq!(found(&app).len(), 5, "a recalled query is searched");
    assert!(status_row(&app).starts_with("/ harbor"), "{}", status_row(&app));
    // enter on an empty prompt repeats the last search.
    press(&mut app, "esc ctrl-l /");
    press(&mut app, "enter");
    assert_eq!(search(&app).query, "quay");
}

#[test]
fn clear_search_removes_the_highlights() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    press(&mut app, "enter");
    search_for(&mut app, "the");
    let theme = app.config.theme.clone();
    let text_area = app.state.areas.reader_text;
    let buffer = render(&app);
    assert_eq!(runs(&buffer, text_area, theme.current_match).len(), 1);
    assert!(runs(&buffer, text_area, theme.search_match).len() > 3);
    press(&mut app, "ctrl-l");
    assert!(app.state.reading.search.is_none());
    assert_eq!(app.state.message.as_deref(), Some("search cleared"));
    let buffer = render(&app);
    assert_eq!(runs(&buffer, text_area, theme.current_match), []);
    assert_eq!(runs(&buffer, text_area, theme.search_match), []);
    assert!(!status_row(&app).contains("/the"), "{}", status_row(&app));
}

#[test]
fn resizing_keeps_the_current_match_in_view_and_highlighted_exactly() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    press(&mut app, "enter");
    search_for(&mut app, "harbor");
    press(&mut app, "n n n");
    for (width, height) in [(60, 24), (120, 40), (50, 30), (200, 60), (80, 24), (30, 10), (100, 7), (24, 6), (80, 24)] {
        app.step(Msg::Resize(width, height));
        let size = format!("{width}x{height}");
        assert_eq!(counter(&app), (Some(3), 5), "{size}");
        assert_current_in_view(&app, &size);
        let (line, _) = current_lines(&app);
        let buffer = render(&app);
        let current = runs(&buffer, app.state.areas.reader_text, app.config.theme.current_match);
        assert_eq!(current, [(row_of(&app, line), "harbor".to_string())], "{size}:\n{}", screen(&buffer));
    }
}

#[test]
fn n_without_a_search_or_without_matches_says_so() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    press(&mut app, "enter n");
    assert_eq!(app.state.message.as_deref(), Some("no search yet: press / to search"));
    assert!(status_row(&app).contains("no search yet"), "{}", status_row(&app));
    assert_eq!(top(&app), 0);
    search_for(&mut app, "zebra");
    press(&mut app, "N");
    assert_eq!(app.state.message.as_deref(), Some("no match for zebra"));
    assert!(status_row(&app).contains("/zebra no match"), "{}", status_row(&app));
}

#[test]
fn a_huge_regex_is_refused_promptly_with_an_error() {
    let dir = search_folder();
    let mut app = app_at(&dir, 120, 24);
    press(&mut app, "enter / ctrl-r");
    // How promptly is measured in benches/core.rs (`typing_a_huge_regex`).
    type_text(&mut app, r"(\w{500}){500}");
    let error = search(&app).matcher.error.clone().expect("the pattern is refused");
    assert!(error.contains("size limit"), "{error}");
    assert!(status_row(&app).contains("searching as text"), "{}", status_row(&app));
    press(&mut app, "enter");
    assert_eq!(app.state.message.as_deref(), Some(r"no match for (\w{500}){500}"));
}

#[test]

fn a_regex_with_an_empty_match_everywhere_does_not_hang() {
    // A linear search of 200 KB takes milliseconds, even unoptimised; ten seconds means a hang.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let dir = tempfile::tempdir().expect("temp dir");
        let body = "lowercase words and nothing else, ".repeat(6_000);
        fs::write(dir.path().join("long.txt"), format!("Long\n\n{body}\n")).expect("write");
        let mut app = app_on(dir.path(), Config::default(), 120, 30);
        press(&mut app, "enter / ctrl-r");
        type_text(&mut app, "(.*Z)?");
        let _ = tx.send(search(&app).counter());
    });
    // The thread is left running on failure; the test binary ends it on exit.
    let counter = rx.recv_timeout(Duration::from_secs(10)).expect("the search finishes within 10 s");
    assert_eq!(counter, "no match");
}

#[test]
fn switching_articles_searches_the_new_one() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    press(&mut app, "enter");
    search_for(&mut app, "harbor");
    let first = reader(&app).entry;
    assert_eq!((search(&app).entry, found(&app).len()), (Some(first), 5));
    press(&mut app, "]");
    let second = reader(&app).entry;
    assert_ne!(first, second);
    assert_eq!((search(&app).entry, found(&app)), (Some(second), vec!["harbor", "harbor"]));
    assert!(status_row(&app).contains("/harbor -/2"), "{}", status_row(&app));
    press(&mut app, "n");
    assert_eq!(counter(&app), (Some(0), 2));
    assert_current_in_view(&app, "n in the second article");
    let buffer = render(&app);
    assert_eq!(runs(&buffer, app.state.areas.reader_text, app.config.theme.current_match).len(), 1);
    press(&mut app, "] [");
    assert_eq!((search(&app).entry, found(&app).len()), (Some(second), 2), "back to the same article");
    press(&mut app, "[");
    assert_eq!((search(&app).entry, found(&app).len()), (Some(first), 5));
}

/// The visible matches of the current search, by the first line each starts on.
fn visible_matches(app: &App) -> usize {
    let r = reader(app);
    let view = r.top..r.top + app.state.view_height();
    search(app).matches.iter().filter(|m| view.contains(&r.layout.line_containing(m.start))).count()
}

#[test]
fn highlights_use_the_current_and_match_styles() {
    let mut app = app_on(&articles(), Config::default(), 80, 24);
    press(&mut app, "j enter");
    search_for(&mut app, "the");
    press(&mut app, "n");
    assert_eq!(counter(&app).0, Some(1));
    let buffer = render(&app);
    insta::assert_snapshot!("search_highlights", screen(&buffer));

    let theme = &app.config.theme;
    let area = app.state.areas.reader_text;
    let current = runs(&buffer, area, theme.current_match);
    let (line, _) = current_lines(&app);
    assert_eq!(current, [(row_of(&app, line), "the".to_string())], "one current match, in current_match");
    let others = runs(&buffer, area, theme.search_match);
    assert_eq!(others.len() + 1, visible_matches(&app), "every other visible match in search_match: {others:?}");
    assert!(others.iter().all(|(_, text)| text.eq_ignore_ascii_case("the")), "{others:?}");
    assert_ne!(theme.current_match.bg, theme.search_match.bg, "the two styles differ in colour");
}

#[test]
fn wide_characters_are_highlighted_whole() {
    let mut app = app_on(&articles(), Config::default(), 80, 24);
    press(&mut app, "G enter");
    search_for(&mut app, "東京");
    assert_eq!(found(&app), ["東京", "東京"]);
    let buffer = render(&app);
    let theme = &app.config.theme;
    let area = app.state.areas.reader_text;
    let (first, second) = (current_lines(&app).0, search(&app).matches[1].start);
    let second = reader(&app).layout.line_containing(second);
    let current = runs(&buffer, area, theme.current_match);
    let others = runs(&buffer, area, theme.search_match);
    assert_eq!(current, [(row_of(&app, first), "東京".to_string())], "{}", screen(&buffer));
    assert_eq!(others, [(row_of(&app, second), "東京".to_string())], "{}", screen(&buffer));
}

#[test]

fn esc_after_a_resize_in_the_prompt_restores_the_same_text() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    press(&mut app, "enter space space");
    let anchor = reader(&app).anchor();
    press(&mut app, "/");
    type_text(&mut app, "albatross");
    app.step(Msg::Resize(200, 60));
    press(&mut app, "esc");
    let r = reader(&app);
    let expected = r.layout.line_of(anchor).min(r.max_top(app.state.view_height()));
    assert_eq!(r.top, expected, "the text that was at the top is at the top again");
}

#[test]

fn esc_after_the_article_changed_under_the_prompt_keeps_the_search_on_the_shown_article() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    search_for(&mut app, "harbor");
    press(&mut app, "h ctrl-f");
    type_text(&mut app, "quay");
    // A click on the second article's row while the prompt is open.
    let inner = app.state.areas.list_inner;
    let (_, per) = app.state.list_rows();
    app.step(Msg::Click { column: inner.x, row: inner.y + u16::try_from(per).expect("small") });
    assert_eq!(app.state.list.selected, 1);
    press(&mut app, "esc");
    let shown = reader(&app).entry;
    assert_eq!(search(&app).query, "harbor");
    assert_eq!(search(&app).entry, Some(shown), "the restored search belongs to the article shown");
    assert_eq!(found(&app), ["harbor", "harbor"]);
}

#[test]
fn n_after_scrolling_away_goes_on_from_the_view() {
    let dir = search_folder();
    let mut app = app_at(&dir, 80, 24);
    press(&mut app, "enter / h a r b o r enter");
    assert_eq!(counter(&app).0, Some(0));
    // Scroll to the end: the next match is searched from what is on screen, as in less.
    press(&mut app, "G");
    let top_offset = reader(&app).anchor();
    press(&mut app, "N");
    let expected = search(&app).matches.iter().rposition(|m| m.start < top_offset);
    assert_eq!(counter(&app).0, expected, "N goes to the last match before the view");
    press(&mut app, "g");
    press(&mut app, "n");
    assert_eq!(counter(&app).0, Some(0), "after g, n finds the first match from the top");
}
