//! The reading position survives a restart, whatever moved it after a periodic save (issue 11
//! §1): scrolling, `]` / `[`, a resize, a search jump, a live reload of the open article. Each
//! script reads, lets the periodic save run, moves again, quits, starts again on the same state
//! file and expects the last place. (The editor and the real save interval are in `pty.rs`.)

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use newsdesk::app::App;
use newsdesk::config::Config;
use newsdesk::library::changes_at;
use newsdesk::update::Msg;
use tempfile::TempDir;

use crate::app_on;
use crate::flow::press;

/// The terminal size of every session here: narrow and short, so articles are many screens long.
const WIDTH: u16 = 60;
const HEIGHT: u16 = 16;

/// A folder of three long articles, listed by date: `01` first.
fn folder() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (n, topic) in [(1, "ferries"), (2, "orchards"), (3, "bridges")] {
        let mut text = format!("Notes on {topic}, part {n}\n\n");
        for p in 0..40 {
            let word = if p == 33 { "zeppelin" } else { "paragraph" };
            let _ = write!(
                text,
                "This is {word} {p} about {topic}: long enough to wrap over two or three lines of a narrow pane.\n\n"
            );
        }
        fs::write(dir.path().join(format!("2024-01-0{}-{topic}.txt", 4 - n)), text).expect("write an article");
    }
    dir
}

/// One run of newsdesk on `dir` keeping its reading state in `state`.
fn start(dir: &Path, state: &Path) -> App {
    let mut app = app_on(dir, Config::default(), WIDTH, HEIGHT);
    app.keep_state(state.to_path_buf());
    app
}

/// What the event loop does every few seconds while the user reads: the clock ticks.
fn periodic_save(app: &mut App) {
    app.tick();
}

/// `q`; the app is then dropped, as the event loop ends.
fn quit(mut app: App) {
    press(&mut app, "q");
    assert!(app.state.quit);
}

/// The open article's entry and the byte offset at the top of its view.
fn place(app: &App) -> (String, usize) {
    let reader = app.state.reading.reader.as_ref().expect("an article is shown");
    (app.state.library.entries[reader.entry].rel.clone(), reader.anchor())
}

/// Quits `app` where it is and starts again: the same article is shown at the same place.
fn assert_found_again(app: App, dir: &Path, state: &Path) {
    let before = place(&app);
    assert!(before.1 > 0, "the script scrolled into the article");
    quit(app);
    let again = start(dir, state);
    assert_eq!(place(&again), before, "the last article, at the last place");
}

fn setup() -> (TempDir, TempDir, PathBuf) {
    let dir = folder();
    let home = tempfile::tempdir().expect("state dir");
    let state = home.path().join("state.json");
    (dir, home, state)
}

#[test]
fn scrolling_after_a_periodic_save_is_kept() {
    let (dir, _home, state) = setup();
    let mut app = start(dir.path(), &state);
    press(&mut app, "enter ctrl-d");
    periodic_save(&mut app);
    press(&mut app, "ctrl-d ctrl-d j");
    assert_found_again(app, dir.path(), &state);
}

#[test]
fn switching_articles_after_a_periodic_save_is_kept() {
    let (dir, _home, state) = setup();
    let mut app = start(dir.path(), &state);
    press(&mut app, "enter ctrl-d ] [");
    periodic_save(&mut app);
    press(&mut app, "ctrl-d");
    assert_found_again(app, dir.path(), &state);
    // And the other article keeps its own place.
    let (dir2, _home2, state2) = setup();
    let mut app = start(dir2.path(), &state2);
    press(&mut app, "enter");
    periodic_save(&mut app);
    press(&mut app, "] ctrl-d ctrl-d");
    assert_found_again(app, dir2.path(), &state2);
}

#[test]
fn a_resize_after_a_periodic_save_is_kept() {
    let (dir, _home, state) = setup();
    let mut app = start(dir.path(), &state);
    press(&mut app, "enter ctrl-d ctrl-d");
    periodic_save(&mut app);
    app.step(Msg::Resize(WIDTH - 10, HEIGHT));
    press(&mut app, "ctrl-d");
    app.step(Msg::Resize(WIDTH, HEIGHT));
    assert_found_again(app, dir.path(), &state);
}

#[test]
fn a_search_jump_after_a_periodic_save_is_kept() {
    let (dir, _home, state) = setup();
    let mut app = start(dir.path(), &state);
    press(&mut app, "enter");
    periodic_save(&mut app);
    press(&mut app, "/");
    for c in "zeppelin".chars() {
        app.step(Msg::Type(c));
    }
    press(&mut app, "enter");
    assert!(app.state.reading.search.as_ref().is_some_and(|s| s.current.is_some()), "on the match");
    assert_found_again(app, dir.path(), &state);
}

#[test]
fn a_live_reload_of_the_open_article_after_a_periodic_save_is_kept() {
    let (dir, _home, state) = setup();
    let root = newsdesk::library::absolute(dir.path());
    let mut app = start(&root, &state);
    press(&mut app, "enter ctrl-d");
    periodic_save(&mut app);
    let path = root.join("2024-01-03-ferries.txt");
    let text = fs::read_to_string(&path).expect("read").replace("Notes on ferries", "More notes on ferries");
    fs::write(&path, text).expect("rewrite the open article");
    let changes = changes_at(&root, &path);
    app.step(Msg::FilesChanged(changes));
    assert_eq!(
        app.state.reading.reader.as_ref().map(|r| r.article.meta.title.as_str()),
        Some("More notes on ferries, part 1")
    );
    press(&mut app, "ctrl-d");
    assert_found_again(app, &root, &state);
}
