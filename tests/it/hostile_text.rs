//! Hostile text, round two (issue 12): combining-mark bombs, unterminated escape sequences and
//! a YAML alias bomb, each generated here and taken through the real load and render path.

use std::fs;

use newsdesk::config::Config;
use newsdesk::library::Library;
use newsdesk::text::sanitize::{MARKS_DROPPED, MAX_MARKS};
use ratatui::buffer::Buffer;

use crate::app_on;
use crate::flow::press;
use crate::render::{draw, screen};

fn drawn(app: &newsdesk::app::App) -> Buffer {
    let size = app.state.areas.screen;
    draw(app, size.width, size.height).backend().buffer().clone()
}

fn on(base: &str, mark: char, n: usize) -> String {
    std::iter::once(base.to_string()).chain(std::iter::repeat_n(mark.to_string(), n)).collect()
}

#[test]
fn runaway_combining_sequences_reach_no_cell() {
    let dir = tempfile::tempdir().expect("temp dir");
    let marks = on("a", '\u{301}', 10_000);
    let selectors = on("b", '\u{fe0f}', 5_000);
    let joiners = on("c", '\u{200d}', 3_000);
    fs::write(dir.path().join("a-marks.txt"), format!("Title {marks} end\n\nBody {selectors} and {joiners} done.\n"))
        .expect("write");
    // Markdown character references decode only after the file is cleaned.
    fs::write(dir.path().join("b-references.md"), format!("# References\n\nx{} y\n", "&#x301;".repeat(5_000)))
        .expect("write");
    fs::write(dir.path().join(format!("c-{}.txt", on("n", '\u{301}', 100))), "Name\n\nThe file name holds marks.\n")
        .expect("write");
    let mut app = app_on(dir.path(), Config::default(), 100, 24);
    for step in ["enter", "h j enter", "h j enter"] {
        press(&mut app, step);
        let buffer = drawn(&app);
        for cell in &buffer.content {
            assert!(
                cell.symbol().chars().count() <= 1 + MAX_MARKS,
                "{step}: a cell of {} chars",
                cell.symbol().chars().count()
            );
        }
        let text = screen(&buffer);
        assert!(text.contains(MARKS_DROPPED), "{step}: the cut shows:\n{text}");
    }
    // The text after each bomb is still there.
    press(&mut app, "h g enter");
    let text = screen(&drawn(&app));
    assert!(text.contains("end") && text.contains("done."), "{text}");
}

#[test]
fn an_unterminated_sequence_hides_nothing_and_search_sees_what_is_shown() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("open.txt"),
        "Open Sequences\n\nBefore \u{1b}]52;c;QUFB the rest of this line stays.\n\nA \u{9d}0;title and the words after it.\n\nPress \u{1b} now, then \u{1b}Pq sixel data stays too.\n\nDone \u{1b}]0;closed\u{7} here.\n",
    )
    .expect("write");
    let mut app = app_on(dir.path(), Config::default(), 100, 20);
    press(&mut app, "enter");
    let text = screen(&drawn(&app));
    for shown in [
        "Before ␛]52;c;QUFB the rest of this line stays.",
        "A ␛0;title and the words after it.",
        "Press ␛ now, then ␛Pq sixel data stays too.",
        "Done ␛ here.",
    ] {
        assert!(text.contains(shown), "{shown:?} on screen:\n{text}");
    }
    // Search finds what the screen shows.
    for query in ["the rest of this line", "words after", "now, then", "sixel data"] {
        press(&mut app, "/");
        for c in query.chars() {
            app.step(newsdesk::update::Msg::Type(c));
        }
        press(&mut app, "enter");
        let search = app.state.reading.search.as_ref().expect("a search");
        assert_eq!(search.matches.len(), 1, "{query}");
    }
}

#[test]
fn a_yaml_alias_bomb_is_listed_at_once_with_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = format!("---\n{}---\n\nBody.\n", crate::hostile::alias_bomb("Bomb"));
    assert!(yaml.len() < 400, "{} bytes", yaml.len());
    fs::write(dir.path().join("bomb.md"), &yaml).expect("write");
    let mut library = Library::open(dir.path()).expect("opens");
    library.load_all();
    let entry = &library.entries[0];
    assert_eq!(entry.meta.title, "Bomb", "from the front matter");
    assert!(entry.meta.tags.is_empty());
    let article = newsdesk::library::article::load(&entry.path, entry.format);
    assert!(article.warnings.iter().any(|w| w.contains("alias")), "{:?}", article.warnings);
}

#[test]
fn list_json_of_the_nasty_folder_holds_no_raw_control_or_bidi_character() {
    let dir = crate::hostile::nasty_folder();
    let mut out = Vec::new();
    newsdesk::cli::list(dir.path(), true, &Config::default(), &mut out).expect("lists");
    let text = String::from_utf8(out).expect("UTF-8");
    let raw: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c < ' ' && c != '\n')
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(raw.is_empty(), "{raw:?}");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(rows.len(), crate::hostile::nasty_files().len());
    let c1 = rows.iter().find(|r| r["path"].as_str().is_some_and(|p| p.starts_with("c1-all"))).expect("listed");
    assert!(
        c1["title"].as_str().is_some_and(|t| t.contains('\u{85}') && t.contains('\u{200e}')),
        "escaped, not lost: {c1}"
    );
}
