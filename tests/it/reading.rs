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
    app.state.reader.as_ref().expect("an article is open")
}

fn buffer(app: &App) -> Buffer {
    let size = app.state.areas.screen;
    draw(app, size.width, size.height).backend().buffer().clone()
}

/// The rows of the reading pane's text area, trailing blanks trimmed.
fn pane(app: &App) -> Vec<String> {
    let buffer = buffer(app);
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
