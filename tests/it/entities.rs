//! Entity highlighting through the real keymap and `App::step`: kind colours in the reading
//! pane under search matches, `e`, the legend, the entity panel with `n` / `N` and its counter,
//! watch-lists from the config, kinds told apart without colour, and a huge article highlighted
//! around the view at once and whole in the background.
//!
//! The articles use entities whose detection is unambiguous (amounts, percentages, dates), so
//! work on the name engines does not move these tests.

use std::fs;
use std::time::Duration;

use newsdesk::app::App;
use newsdesk::config::{Config, kind_modifier};
use newsdesk::state::Focus;
use newsdesk::text::entities::EntityKind;
use newsdesk::text::segments::Mark;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use tempfile::TempDir;

use crate::app_on;
use crate::flow::press;
use crate::render::{assert_style, draw, locate, screen};

const MENTION: &str = "The court froze $81 million on February 9, a rise of 300 percent on the year before.";
const FILLER: &str = "The harbour office kept its ledgers open late into the evening while the clerks \
                      checked each entry twice over.";

/// `$81 million` in seven paragraphs, two filler paragraphs between each.
fn frozen_funds() -> String {
    let mut paragraphs = vec!["Frozen Funds at the Port"];
    for _ in 0..7 {
        paragraphs.extend([MENTION, FILLER, FILLER]);
    }
    paragraphs.join("\n\n") + "\n"
}

fn folder(articles: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in articles {
        fs::write(dir.path().join(name), text).expect("write an article");
    }
    dir
}

/// An app at 80x24 on a folder with the frozen-funds article, reading it.
fn reading(config: Config) -> (TempDir, App) {
    let dir = folder(&[("frozen.txt", &frozen_funds())]);
    let mut app = app_on(dir.path(), config, 80, 24);
    press(&mut app, "enter");
    (dir, app)
}

fn render(app: &App) -> Buffer {
    draw(app, 80, 24).backend().buffer().clone()
}

fn status(app: &App, buffer: &Buffer) -> String {
    let area = app.state.areas.status;
    (area.left()..area.right()).map(|x| buffer[(x, area.y)].symbol()).collect::<String>().trim_end().to_string()
}

/// Asserts the first `text` in the reading pane is drawn in `style`, cell by cell.
fn assert_text(app: &App, buffer: &Buffer, text: &str, style: Style, what: &str) {
    let at = locate(buffer, app.state.areas.reader_text, text);
    assert_style(buffer, at, u16::try_from(text.len()).expect("short"), style, what);
}

#[test]
fn entities_are_drawn_in_their_kind_styles_under_search_matches() {
    let (_dir, mut app) = reading(Config::default());
    let buffer = render(&app);
    let theme = &app.config.theme;
    assert_text(&app, &buffer, "$81 million", theme.mark(Mark::Entity(EntityKind::Money)), "money");
    assert_text(&app, &buffer, "February 9", theme.mark(Mark::Entity(EntityKind::Date)), "date");
    assert_text(&app, &buffer, "300 percent", theme.mark(Mark::Entity(EntityKind::Percent)), "percent");
    assert_eq!(theme.mark(Mark::Entity(EntityKind::Money)).fg, Some(Color::Indexed(160)), "the documented default");

    // A search match shows over the entity; the rest of the entity keeps its style.
    press(&mut app, "/ m i l l i o n enter");
    let buffer = render(&app);
    let theme = &app.config.theme;
    let at = locate(&buffer, app.state.areas.reader_text, "$81 million");
    assert_style(&buffer, at, 4, theme.mark(Mark::Entity(EntityKind::Money)), "$81 beside the match");
    let matched = ratatui::layout::Position::new(at.x + 4, at.y);
    assert_style(&buffer, matched, 7, theme.current_match, "the current match over the entity");
}

#[test]
fn e_toggles_highlighting_off_and_on() {
    let (_dir, mut app) = reading(Config::default());
    press(&mut app, "e");
    let buffer = render(&app);
    assert!(status(&app, &buffer).contains("entity highlighting off"), "{}", status(&app, &buffer));
    let at = locate(&buffer, app.state.areas.reader_text, "$81 million");
    assert_eq!(buffer[at].fg, Color::Reset, "plain text while highlighting is off");
    press(&mut app, "e");
    let buffer = render(&app);
    assert_text(&app, &buffer, "$81 million", app.config.theme.mark(Mark::Entity(EntityKind::Money)), "on again");
}

#[test]
fn the_legend_is_one_key_away_with_this_articles_counts() {
    let (_dir, mut app) = reading(Config::default());
    press(&mut app, "L");
    let buffer = render(&app);
    insta::assert_snapshot!("entity_legend", screen(&buffer));
    let reader = app.state.areas.reader;
    let legend = locate(&buffer, reader, "Legend");
    let area = Rect { y: legend.y, height: reader.bottom() - legend.y, ..reader };
    let money = locate(&buffer, area, "money");
    assert_style(
        &buffer,
        money,
        5,
        app.config.theme.mark(Mark::Entity(EntityKind::Money)),
        "legend label in its style",
    );
    let row: String = (money.x..reader.right()).map(|x| buffer[(x, money.y)].symbol()).collect();
    assert!(row.starts_with("money") && row.contains(" 7 "), "{row}");
    press(&mut app, "L");
    assert!(!screen(&render(&app)).contains("Legend"));
}

#[test]
fn the_panel_jumps_to_an_entity_and_n_and_big_n_cycle_its_mentions() {
    let (_dir, mut app) = reading(Config::default());
    press(&mut app, "E");
    let buffer = render(&app);
    insta::assert_snapshot!("entity_panel", screen(&buffer));
    assert!(status(&app, &buffer).starts_with(" ENTITIES "), "{}", status(&app, &buffer));
    let heading = locate(&buffer, buffer.area, "Money · 7 mentions, 1 name");
    assert_style(&buffer, heading, 5, app.config.theme.mark(Mark::Entity(EntityKind::Money)), "section heading");

    let panel = app.state.overlays.panel.as_ref().expect("the panel is open");
    let money = panel.groups.iter().position(|g| g.name == "$81 million").expect("listed");
    let rows = panel.rows.len();
    press(&mut app, &"j ".repeat(money));
    let buffer = render(&app);
    let popup = newsdesk::layout::panel_popup(buffer.area, rows);
    let chosen = locate(&buffer, popup, "$81 million");
    assert_style(&buffer, chosen, 11, app.config.theme.list_selected, "the chosen name");
    press(&mut app, "enter");
    assert!(app.state.overlays.panel.is_none());
    assert_eq!(app.state.focus, Focus::Reader);
    let buffer = render(&app);
    assert!(status(&app, &buffer).contains("money: $81 million 1/7"), "{}", status(&app, &buffer));
    assert_text(&app, &buffer, "$81 million", app.config.theme.current_match, "the first mention is current");

    press(&mut app, "n");
    let buffer = render(&app);
    assert!(status(&app, &buffer).contains("money: $81 million 2/7"), "{}", status(&app, &buffer));
    let search = app.state.reading.search.as_ref().expect("the mentions are the search");
    let second = search.matches[1].clone();
    let reader = app.state.reading.reader.as_ref().expect("shown");
    let line = reader.layout.line_containing(second.start);
    assert!(reader.top <= line && line < reader.top + app.state.view_height(), "the second mention is in view");

    press(&mut app, "N N");
    let buffer = render(&app);
    assert!(status(&app, &buffer).contains("money: $81 million 7/7"), "{}", status(&app, &buffer));
    assert!(status(&app, &buffer).contains("search wrapped to the bottom"));
}

#[test]
fn esc_closes_the_panel_and_keys_go_back_to_the_reader() {
    let (_dir, mut app) = reading(Config::default());
    press(&mut app, "E j esc");
    assert!(app.state.overlays.panel.is_none() && app.state.reading.search.is_none());
    press(&mut app, "j");
    assert_eq!(app.state.reading.reader.as_ref().map(|r| r.top), Some(1), "j scrolls the reader again");
    press(&mut app, "E q");
    assert!(app.state.overlays.panel.is_none() && !app.state.quit, "q closes the panel first");
}

const SANCTIONS: &str = "[[entities.watch]]\nname = \"frozen cash\"\nstyle = { fg = \"black\", bg = \"light-red\" }\n\
                         terms = [\"$81 million\", \"ledgers\"]\n";

#[test]
fn a_watch_list_wins_over_the_built_in_kinds() {
    let config = Config::from_toml(SANCTIONS, "user.toml", false).expect("valid watch-list");
    let (_dir, mut app) = reading(config);
    let buffer = render(&app);
    let watch = app.config.theme.mark(Mark::Watch(0));
    assert_eq!((watch.fg, watch.bg), (Some(Color::Black), Some(Color::LightRed)));
    assert_text(&app, &buffer, "$81 million", watch, "the watch-list's style, not money's");
    assert_text(&app, &buffer, "ledgers", watch, "a plain word on the list");
    assert_text(
        &app,
        &buffer,
        "February 9",
        app.config.theme.mark(Mark::Entity(EntityKind::Date)),
        "others keep theirs",
    );

    press(&mut app, "L E");
    let panel = app.state.overlays.panel.as_ref().expect("open");
    assert_eq!((panel.groups[0].mark, panel.groups[0].name.as_str()), (Mark::Watch(0), "ledgers"), "most mentioned");
    let text = screen(&render(&app));
    assert!(text.contains("Frozen cash · 21 mentions, 2 names"), "{text}");
    assert!(!text.contains("Money ·"), "no built-in money left: {text}");
}

#[test]
fn without_colour_each_kind_has_its_own_modifiers() {
    let config = Config::from_toml(SANCTIONS, "user.toml", true).expect("valid");
    let (_dir, app) = reading(config);
    let buffer = render(&app);
    assert!(buffer.content.iter().all(|c| (c.fg, c.bg) == (Color::Reset, Color::Reset)), "no colour anywhere");
    let kind = |k| Style::new().add_modifier(kind_modifier(k));
    assert_text(&app, &buffer, "February 9", kind(EntityKind::Date), "date");
    assert_text(&app, &buffer, "300 percent", kind(EntityKind::Percent), "percent");
    let watch = Style::new().add_modifier(Modifier::BOLD | Modifier::ITALIC | Modifier::UNDERLINED);
    assert_text(&app, &buffer, "$81 million", watch, "watch-list");
}

#[test]
fn a_huge_article_is_highlighted_in_view_at_once_and_whole_in_the_background() {
    let body = vec![MENTION; 8_000].join("\n\n");
    assert!(body.len() > newsdesk::update::entities::SYNC_ENTITY_BYTES);
    let dir = folder(&[("huge.txt", &format!("A Very Long Ledger\n\n{body}\n"))]);
    let mut app = app_on(dir.path(), Config::default(), 80, 24);
    // How soon is measured in benches/core.rs (`key_bottom_of_a_huge_article_highlighted`).
    press(&mut app, "enter G L");
    let buffer = render(&app);
    assert_text(
        &app,
        &buffer,
        "$81 million",
        app.config.theme.mark(Mark::Entity(EntityKind::Money)),
        "the end at once",
    );
    let counts = screen(&buffer);
    assert!(counts.lines().any(|l| l.contains("money") && l.contains('+')), "counts still growing:\n{counts}");

    assert!(app.wait_for_background(Duration::from_secs(60)), "the background run finishes");
    let reader = app.state.reading.reader.as_ref().expect("shown");
    assert!(reader.highlights.complete);
    assert_eq!(reader.highlights.kind_count(EntityKind::Money), 8_000);
    let counts = screen(&render(&app));
    assert!(counts.contains("8000"), "the whole article counted:\n{counts}");
}

#[test]
fn the_panel_and_the_legend_draw_at_every_size() {
    let (_dir, mut app) = reading(Config::default());
    press(&mut app, "L E");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("test terminal");
    for width in (1..=90).step_by(7) {
        for height in (1..=30).step_by(3) {
            terminal.backend_mut().resize(width, height);
            app.step(newsdesk::update::Msg::Resize(width, height));
            press(&mut app, "G j k");
            terminal.draw(|frame| app.draw(frame)).expect("draw");
            let panel = app.state.overlays.panel.as_ref().expect("still open");
            assert!(panel.selected < panel.groups.len() && panel.top < panel.rows.len().max(1));
        }
    }
}
