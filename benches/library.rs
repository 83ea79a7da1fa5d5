//! The budgets of issue 5, measured: a keystroke of the title filter with 10,000 articles (plus
//! the next frame), a full-text search of 10,000 articles (~34 MB) from the last keystroke to
//! the last result, and loading and saving the reading state of 10,000 articles.
//!
//! Run: `cargo bench --bench library`. Inputs are generated here, deterministically.

#[allow(dead_code, reason = "each benchmark binary uses its own part of the shared inputs")]
mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use divan::Bencher;
use newsdesk::action::Action;
use newsdesk::app::App;
use newsdesk::config::Config;
use newsdesk::library::Library;
use newsdesk::store::{self, Reading, Record, Saved};
use newsdesk::update::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use common::{WORDS, article_text, bench_prepared, type_text};

fn main() {
    divan::main();
}

const ARTICLES: usize = 10_000;

/// 10,000 articles of ~3.4 KB (~34 MB) with titles of 5 to 11 words, made once per machine.
fn library() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("newsdesk-bench-library-{ARTICLES}"));
        if !dir.join(format!("{:05}.txt", ARTICLES - 1)).exists() {
            std::fs::create_dir_all(&dir).expect("bench folder");
            for i in 0..ARTICLES {
                let words = 5 + i % 7;
                let title: Vec<&str> = (0..words).map(|w| WORDS[(i * 7 + w * 13 + i / 11) % WORDS.len()]).collect();
                let body = article_text(i as u64, 3400);
                let body = body.split_once('\n').map_or("", |(_, rest)| rest);
                std::fs::write(dir.join(format!("{i:05}.txt")), format!("{}\n{body}", title.join(" ")))
                    .expect("bench article");
            }
        }
        dir
    })
}

fn app() -> (App, Terminal<TestBackend>) {
    let library = Library::open(library()).expect("bench folder opens");
    let mut app = App::new(library, Config::default());
    app.step(Msg::Resize(200, 60));
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    terminal.draw(|f| app.draw(f)).expect("draw");
    (app, terminal)
}

/// The filter prompt opened afresh with `text` typed.
fn prompt_with(app: &mut App, text: &str) {
    if app.state.overlays.prompt.is_some() {
        app.step(Msg::Action(Action::Cancel));
    }
    app.step(Msg::Action(Action::Filter));
    type_text(app, text);
}

/// Times typing `key` into the filter prompt holding `typed`, and the next frame.
fn filter_key(bencher: Bencher, typed: &'static str, key: &'static str) {
    bench_prepared(
        bencher,
        app(),
        |app| prompt_with(app, typed),
        |app, terminal| {
            type_text(app, key);
            terminal.draw(|f| app.draw(f)).expect("draw");
            app.state.list.order.len()
        },
    );
}

/// One keystroke of the title filter (the 6th letter of a two-word query) and the next frame.
#[divan::bench(sample_count = 40, sample_size = 1)]
fn filter_keystroke_10k_titles(bencher: Bencher) {
    filter_key(bencher, "sanc m", "a");
}

/// The first keystroke, which matches the most titles.
#[divan::bench(sample_count = 40, sample_size = 1)]
fn filter_first_keystroke_10k_titles(bencher: Bencher) {
    filter_key(bencher, "", "s");
}

/// `>sanctions`: from the last keystroke to every article read (on all cores, in the
/// background: the event loop stays free meanwhile) and the frame with the result.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn full_text_10k_articles(bencher: Bencher) {
    bench_prepared(
        bencher,
        app(),
        |app| {
            prompt_with(app, ">sanction");
            assert!(app.wait_for_background(Duration::from_secs(60)));
        },
        |app, terminal| {
            type_text(app, "s");
            assert!(app.wait_for_background(Duration::from_secs(60)), "the search finished");
            terminal.draw(|f| app.draw(f)).expect("draw");
            app.state.list.order.len()
        },
    );
}

/// The reading state of 10,000 articles, as a long-used library has it.
fn saved() -> Saved {
    let articles = (0..ARTICLES)
        .map(|i| Record {
            path: format!("/home/reader/articles/world/2024-05-{:02}-report-on-sanctions-{i:05}.md", i % 28 + 1),
            hash: store::content_hash(&i.to_le_bytes()),
            reading: Reading { read: i % 3 != 0, at: i * 37 % 20_000, last_read: 1_760_000_000 + i as u64 },
        })
        .collect();
    Saved {
        version: 1,
        last: BTreeMap::from([("/home/reader/articles".into(), "/home/reader/articles/a.md".into())]),
        articles,
    }
}

fn state_file() -> PathBuf {
    let dir = std::env::temp_dir().join("newsdesk-bench-state");
    dir.join("state.json")
}

/// Writing it atomically (temporary file, fsync, rename).
#[divan::bench(sample_count = 30)]
fn state_save_10k(bencher: Bencher) {
    let saved = saved();
    let path = state_file();
    bencher.bench(|| store::save(&path, &saved).expect("saves"));
}

/// Reading it back and indexing it by path and content hash.
#[divan::bench(sample_count = 30)]
fn state_load_10k(bencher: Bencher) {
    let path = state_file();
    store::save(&path, &saved()).expect("saves");
    bencher.bench(|| {
        let loaded = store::load(&path);
        assert!(loaded.message.is_none());
        loaded.memory.saved.articles.len()
    });
}

/// Merging the open library's state into what is saved, as each save does first.
#[divan::bench(sample_count = 30)]
fn state_merge_10k(bencher: Bencher) {
    let memory = store::Memory::new(saved());
    let current: Vec<Record> = saved().articles;
    bencher.bench(|| memory.merged("/home/reader/articles", Some("/x"), current.clone()).articles.len());
}

/// What the app's event loop does to save with 10,000 articles, all with a state, when one of
/// them changed: collect each article's state, compare it with the last written, and merge it
/// with the saved file's; the atomic write itself (`state_save_10k`) happens on the writer's
/// thread.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn app_save_10k(bencher: Bencher) {
    let (mut app, _) = app();
    let path = std::env::temp_dir().join("newsdesk-bench-app-state/state.json");
    let _ = std::fs::remove_file(&path);
    app.keep_state(path);
    for (i, e) in app.state.library.entries.iter_mut().enumerate() {
        e.reading = Reading { read: true, at: i * 31 % 3000, last_read: 1_760_000_000 + i as u64 };
        e.hash = Some(store::content_hash(&i.to_le_bytes()));
    }
    bencher.bench_local(|| {
        // A read time changed, so the state differs from the one last written (entry 0 is open:
        // its position is the view's).
        app.state.library.entries[0].reading.last_read ^= 1;
        app.tick();
    });
}

/// The clock's tick when nothing changed, with 10,000 articles: what the event loop pays every
/// two seconds to know that (the state is compared, not marked dirty).
#[divan::bench(sample_count = 30, sample_size = 1)]
fn app_tick_unchanged_10k(bencher: Bencher) {
    let (mut app, _) = app();
    app.keep_state(std::env::temp_dir().join("newsdesk-bench-app-state/tick.json"));
    app.tick();
    bencher.bench_local(|| app.tick());
}

/// What the app does to load it: read, index, and give each article of the folder its state.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn app_load_10k(bencher: Bencher) {
    let (mut app, _) = app();
    let path = std::env::temp_dir().join("newsdesk-bench-app-state/state.json");
    app.keep_state(path.clone());
    for (i, e) in app.state.library.entries.iter_mut().enumerate() {
        e.reading = Reading { read: true, at: i * 31 % 3000, last_read: 1_760_000_000 + i as u64 };
    }
    app.tick();
    bencher.bench_local(|| {
        // What the state file's job and update do with it (the article asked for is not read).
        let loaded = store::load(&path);
        newsdesk::update::update(&mut app.state, Msg::StateLoaded(Box::new(loaded)))
    });
}
