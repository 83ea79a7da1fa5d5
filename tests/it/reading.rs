//! How articles read in the reading pane (issue 11, section 2): Markdown tables, code blocks,
//! footnotes, inline HTML and bare links, and plain-text captions, headers and Korean, drawn on
//! a test backend; search and highlights over each.

use std::fs;

use newsdesk::app::App;
use newsdesk::config::Config;
use newsdesk::state::Reader;
use ratatui::buffer::Buffer;
use tempfile::TempDir;

use crate::app_on;
use crate::flow::press;
use crate::render::{draw, row_text};

/// A folder holding one article, `name` with `text`.
fn folder(name: &str, text: &str) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join(name), text).expect("write the article");
    dir
}

/// The app on `dir` at `width` x `height`, reading its first article.
fn reading(dir: &TempDir, width: u16, height: u16) -> App {
    let mut app = app_on(dir.path(), Config::default(), width, height);
    press(&mut app, "enter");
    app
}

fn reader(app: &App) -> &Reader {
    app.state.reading.reader.as_ref().expect("an article is open")
}

fn drawn(app: &App) -> Buffer {
    let size = app.state.areas.screen;
    draw(app, size.width, size.height).backend().buffer().clone()
}

/// The rows of the reading pane's text area, trailing blanks trimmed.
fn pane(app: &App) -> Vec<String> {
    let buffer = drawn(app);
    let area = app.state.areas.reader_text;
    (area.top()..area.bottom())
        .map(|y| {
            let (text, starts) = row_text(&buffer, y);
            let from = starts.iter().find(|(_, x)| *x >= area.left()).map_or(text.len(), |(b, _)| *b);
            let to = starts.iter().find(|(_, x)| *x >= area.right()).map_or(text.len(), |(b, _)| *b);
            text[from..to].trim_end().to_string()
        })
        .collect()
}

#[test]
fn dated_and_undated_articles_have_one_blank_line_under_the_stats() {
    for name in ["2024-03-09_dated.txt", "undated.txt"] {
        let dir = folder(name, "The Title\n\nFirst words of the body.\n");
        let app = reading(&dir, 80, 12);
        let rows = pane(&app);
        let body = rows.iter().position(|r| r.starts_with("First words")).expect("the body is shown");
        assert!(rows[body - 2].contains("words"), "{name}: stats right above the blank line: {rows:#?}");
        assert_eq!(rows[body - 1], "", "{name}");
    }
}

#[test]
fn korean_lines_break_between_words() {
    let dir = folder("korean.txt", "제목\n\n오늘 날씨가 정말 좋습니다 그래서 우리는 공원에 갔습니다\n");
    let app = reading(&dir, 40, 14);
    let rows = pane(&app);
    let text = &reader(&app).article.doc.text;
    let words: Vec<&str> = text.lines().nth(2).expect("body").split(' ').collect();
    for row in rows.iter().filter(|r| r.contains('오') || r.contains('공') || r.contains('갔')) {
        for piece in row.split_whitespace() {
            assert!(words.contains(&piece), "{piece:?} is not a whole word: {rows:#?}");
        }
    }
}

/// A Markdown article with a table wider than a narrow pane, a code block with a long line,
/// footnotes, inline HTML and bare links: written for these tests.
const MARKDOWN: &str = r#"---
title: Sea Levels in Four Ports
date: 2025-02-11
---

Harbour engineers compared four ports[^method] this winter.

| Port | Rise | What the harbour office says |
|---|--:|---|
| Hanoi | 1.2 m | The river delta floods every autumn now, and the quays were raised twice |
| Rotterdam | 0.4 m | Dikes hold |
| 東京 | 0.3 m | 防潮堤は十分です |

```js
const data = await fetch("https://example.org/data/tide-gauge-cal-2025-02-11.js").then((r) => r.json());
	return data;
```

<div class="note">
The survey ran from <b>October</b> to March.
</div>

Raw figures: https://example.org/tides/raw.csv, and the summary at <https://example.org/summary>.

[^method]: Each port's tide gauge, averaged over $81 million worth of sensors.
"#;

#[test]
fn a_wide_table_stays_a_table_with_whole_borders() {
    let dir = folder("ports.md", MARKDOWN);
    let app = reading(&dir, 72, 40);
    let buffer = drawn(&app);
    let rows = pane(&app);
    let table: Vec<&String> = rows.iter().filter(|r| r.contains('│') || r.contains('┼')).collect();
    assert!(table.len() >= 6, "{rows:#?}");
    // Every line of the table has its separators in the same columns: no border is broken.
    let columns = |row: &str| -> Vec<usize> {
        row.chars()
            .scan(0, |x, c| {
                let at = *x;
                *x += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                Some((at, c))
            })
            .filter(|(_, c)| matches!(c, '│' | '┼'))
            .map(|(at, _)| at)
            .collect()
    };
    let first = columns(table[0]);
    assert_eq!(first.len(), 2, "{}", table[0]);
    for row in &table {
        assert_eq!(columns(row), first, "{row}\n{rows:#?}");
    }
    let area = app.state.areas.reader_text;
    assert!(table.iter().all(|r| unicode_width::UnicodeWidthStr::width(r.as_str()) <= usize::from(area.width)));
    // The long cell wrapped inside its column, its words whole.
    assert!(rows.iter().any(|r| r.contains("│ The river delta")), "{rows:#?}");
    assert!(
        rows.iter().any(|r| r.trim_start().starts_with('│') && r.contains("quays")),
        "a wrapped cell line keeps the border: {rows:#?}"
    );
    insta::assert_snapshot!("wide_table_in_a_narrow_pane", rows.join("\n"));
    // Colour: borders in the rule style, the header row strong.
    let theme = &app.config.theme;
    let border = crate::render::locate(&buffer, area, "│");
    assert!(crate::render::shows(&buffer[border], theme.rule), "{:?}", buffer[border]);
    let port = crate::render::locate(&buffer, area, "Port");
    crate::render::assert_style(&buffer, port, 4, theme.strong, "header cell");
}

#[test]
fn code_keeps_its_lines_and_marks_where_one_goes_on() {
    let dir = folder("ports.md", MARKDOWN);
    let app = reading(&dir, 72, 40);
    let rows = pane(&app);
    let at = rows.iter().position(|r| r.starts_with("const data")).expect("the code line");
    assert!(rows[at + 1].starts_with("↪"), "the long line goes on behind the mark: {rows:#?}");
    assert_eq!(
        format!("{}{}", rows[at], &rows[at + 1]["↪".len()..]),
        MARKDOWN.lines().find(|l| l.starts_with("const")).unwrap_or_default()
    );
    assert_eq!(rows[at + 2], "    return data;", "a tab reaches its stop; the next source line starts a line");
    let buffer = drawn(&app);
    let mark = crate::render::locate(&buffer, app.state.areas.reader_text, "↪");
    assert!(crate::render::shows(&buffer[mark], app.config.theme.rule), "the mark is drawn dim: {:?}", buffer[mark]);
}

#[test]
fn footnotes_inline_html_and_bare_links_read_as_such() {
    let dir = folder("ports.md", MARKDOWN);
    let app = reading(&dir, 72, 40);
    let rows = pane(&app);
    let theme = &app.config.theme;
    let buffer = drawn(&app);
    let area = app.state.areas.reader_text;
    assert!(rows.iter().any(|r| r == "The survey ran from October to March."), "HTML keeps its text: {rows:#?}");
    assert!(rows.iter().any(|r| r.starts_with("[1] Each port's tide gauge")), "{rows:#?}");
    assert!(!rows.iter().any(|r| r.contains("[^")), "no raw footnote syntax: {rows:#?}");
    let reference = crate::render::locate(&buffer, area, "ports[1]");
    // The brackets of `[1]` (its number may be marked as a number entity on top).
    for dx in [5, 7] {
        crate::render::assert_style(
            &buffer,
            ratatui::layout::Position { x: reference.x + dx, ..reference },
            1,
            theme.link,
            "footnote reference",
        );
    }
    for url in ["https://example.org/tides/raw.csv", "https://example.org/summary"] {
        let at = crate::render::locate(&buffer, area, url);
        crate::render::assert_style(&buffer, at, u16::try_from(url.len()).unwrap_or(0), theme.link, url);
    }
    // The full stop after the address is not part of the link.
    let summary = crate::render::locate(&buffer, area, "https://example.org/summary.");
    assert!(!crate::render::shows(&buffer[(summary.x + 27, summary.y)], theme.link));
}

/// Searches for `query` in the open article as a reader does: `/`, the query, `enter`.
fn search(app: &mut App, query: &str) {
    press(app, "/");
    for c in query.chars() {
        app.step(newsdesk::update::Msg::Type(c));
    }
    press(app, "enter");
}

#[test]
fn search_and_highlights_land_on_the_words_in_tables_code_and_footnotes() {
    let dir = folder("ports.md", MARKDOWN);
    let mut app = reading(&dir, 72, 40);
    let area = app.state.areas.reader_text;
    // An entity in a footnote is highlighted where it is drawn.
    let buffer = drawn(&app);
    let money = crate::render::locate(&buffer, area, "$81 million");
    let mark =
        app.config.theme.mark(newsdesk::text::segments::Mark::Entity(newsdesk::text::entities::EntityKind::Money));
    crate::render::assert_style(&buffer, money, 11, mark, "money in a footnote");
    for (query, shown) in
        [("quays", "quays"), ("Dikes", "Dikes"), ("r.json", "r.json"), ("sensors", "sensors"), ("防潮堤", "防潮堤")]
    {
        search(&mut app, query);
        let s = app.state.reading.search.as_ref().expect("a search");
        let current = s.matches[s.current.expect("a current match")].clone();
        assert_eq!(&reader(&app).article.doc.text[current.clone()], shown);
        let buffer = drawn(&app);
        let at = crate::render::locate(&buffer, area, shown);
        // Each character's first cell (a wide one hides the cell after it).
        let mut x = at.x;
        for c in shown.chars() {
            crate::render::assert_style(
                &buffer,
                ratatui::layout::Position { x, ..at },
                1,
                app.config.theme.current_match,
                query,
            );
            x += u16::try_from(unicode_width::UnicodeWidthChar::width(c).unwrap_or(1)).unwrap_or(1);
        }
        // The view shows the line the match is on.
        let line = reader(&app).layout.line_containing(current.start);
        let top = reader(&app).top;
        assert!(top <= line && line < top + app.state.view_height(), "{query}");
    }
}

#[test]
fn a_photo_caption_stays_on_its_own_line() {
    let dir = folder(
        "caption.txt",
        "Internet Use Spikes\n\nIt could serve as an example for other financially isolated nations, the team warned.\n\n Kim Jong Un, Donald Trump\nNorth Korea's leader Kim Jong Un walks with President Trump during a break in talks in Singapore.\n",
    );
    let app = reading(&dir, 80, 16);
    let rows = pane(&app);
    assert!(rows.iter().any(|r| r == "Kim Jong Un, Donald Trump"), "{rows:#?}");
    assert!(rows.iter().any(|r| r.starts_with("North Korea's leader")), "{rows:#?}");
}
