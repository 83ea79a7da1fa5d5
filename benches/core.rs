//! The budgets of issue 2, measured: first frame with 10,000 articles, wrapping 1 MB, a frame
//! at 200x60, and a key that scrolls or switches articles with 1 MB articles open. And those of
//! in-article search: every match of a common word in 10 MB plus the next frame, and one
//! keystroke in the search prompt plus the next frame on 1 MB. And entity highlighting in the
//! reader: detection throughput, with and without watch-lists, the part in view of a huge
//! article, and the first frame of a 10 MB article with its view highlighted. And loading a
//! watch-list of 100,000 plain terms (issue 12).
//!
//! Run: `cargo bench --bench core`. Inputs are generated here, deterministically; nothing
//! outside the repository is needed. Divan prints the median of every benchmark.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use newsdesk::action::Action;
use newsdesk::app::App;
use newsdesk::config::Config;
use newsdesk::library::{Format, Library, article};
use newsdesk::text::highlights::{Highlights, cut, cut_back};
use newsdesk::text::watch::WatchList;
use newsdesk::text::wrap::{Header, Layout};
use newsdesk::update::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;

use common::{article_text, bench_prepared, folder, type_text};

fn main() {
    divan::main();
}

/// A folder of two 1 MB articles.
fn big_folder() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join("newsdesk-bench-1mb");
        std::fs::create_dir_all(&dir).expect("bench folder");
        for i in 0..2 {
            std::fs::write(dir.join(format!("big-{i}.txt")), article_text(i, 1 << 20)).expect("bench article");
        }
        dir
    })
}

fn draw(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal.draw(|f| app.draw(f)).expect("draw");
}

/// Start-up to the first frame: scan 10,000 files, read their heads, preview the first
/// article, draw at 200x60.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn first_frame_10k_articles(bencher: Bencher) {
    let dir = folder(10_000);
    bencher.bench(|| {
        let library = Library::open(dir).expect("library");
        let mut app = App::new(library, Config::default());
        app.step(Msg::Resize(200, 60));
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
        draw(&app, &mut terminal);
        app.state.list.order.len()
    });
}

/// Parsing a 1 MB plain-text article.
#[divan::bench(sample_count = 30)]
fn parse_1mb(bencher: Bencher) {
    let text = article_text(7, 1 << 20);
    bencher.bench(|| article::parse(Format::Text, divan::black_box(&text), Path::new("big.txt")).words);
}

/// Wrapping a 1 MB article at width 80.
#[divan::bench(sample_count = 30)]
fn wrap_1mb_at_80(bencher: Bencher) {
    let a = article::parse(Format::Text, &article_text(7, 1 << 20), Path::new("big.txt"));
    bencher.bench(|| Layout::new(divan::black_box(&a.doc), 80, Header::default()).lines.len());
}

/// A folder of one 10 MB article.
fn huge_folder() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join("newsdesk-bench-10mb");
        std::fs::create_dir_all(&dir).expect("bench folder");
        std::fs::write(dir.join("huge.txt"), article_text(3, 10 << 20)).expect("bench article");
        dir
    })
}

fn big_app(focus_reader: bool) -> (App, Terminal<TestBackend>) {
    app_on(big_folder(), focus_reader)
}

/// An app on `dir` at 200x60 with the first article shown, and a terminal with a frame drawn.
fn app_on(dir: &Path, focus_reader: bool) -> (App, Terminal<TestBackend>) {
    let library = Library::open(dir).expect("library");
    let mut app = App::new(library, Config::default());
    app.step(Msg::Resize(200, 60));
    if focus_reader {
        app.step(Msg::Action(Action::Open));
    }
    // A huge article shows its start first; the figures in the reader are for the whole of it.
    if focus_reader {
        assert!(app.wait_for_background(std::time::Duration::from_secs(120)), "background work done");
    }
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    draw(&app, &mut terminal);
    (app, terminal)
}

/// One frame at 200x60 with a 1 MB article open.
#[divan::bench(sample_count = 50)]
fn render_frame_200x60(bencher: Bencher) {
    let (app, mut terminal) = big_app(true);
    bencher.bench_local(|| draw(&app, &mut terminal));
}

/// A scrolling key in a 1 MB article: update plus the next frame.
#[divan::bench(sample_count = 50)]
fn key_scroll_1mb(bencher: Bencher) {
    let (mut app, mut terminal) = big_app(true);
    let mut down = true;
    bencher.bench_local(|| {
        let top = app.state.reading.reader.as_ref().map_or(0, |r| r.top);
        if top == 0 || top > 2000 {
            down = top == 0;
        }
        app.step(Msg::Action(if down { Action::PageDown } else { Action::PageUp }));
        draw(&app, &mut terminal);
    });
}

/// Switching between two 1 MB articles while reading (`]` / `[`): update, rewrap, next frame.
#[divan::bench(sample_count = 30)]
fn key_switch_article_1mb(bencher: Bencher) {
    let (mut app, mut terminal) = big_app(true);
    bencher.bench_local(|| {
        let action = if app.state.list.selected == 0 { Action::NextArticle } else { Action::PrevArticle };
        app.step(Msg::Action(action));
        draw(&app, &mut terminal);
    });
}

/// Selecting a 1 MB article not seen before: read, parse, wrap, next frame (the worst case of
/// switching; switching back to a recent article is the `key_switch_article_1mb` case).
#[divan::bench(sample_count = 30)]
fn key_open_unseen_1mb(bencher: Bencher) {
    bencher.with_inputs(|| big_app(false)).bench_local_values(|(mut app, mut terminal)| {
        app.step(Msg::Action(Action::MoveDown));
        draw(&app, &mut terminal);
        (app, terminal)
    });
}

fn match_count(app: &App) -> usize {
    app.state.reading.search.as_ref().map_or(0, |s| s.matches.len())
}

/// Searching a 10 MB article for `the` from the reading pane: `/`, `t`, `h`, `e` (each
/// keystroke searches the whole article), `enter`, then the next frame.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn search_10mb_the(bencher: Bencher) {
    let prepare = |app: &mut App| app.step(Msg::Action(Action::ClearSearch));
    bench_prepared(bencher, app_on(huge_folder(), true), prepare, |app, terminal| {
        app.step(Msg::Action(Action::Search));
        type_text(app, "the");
        app.step(Msg::Action(Action::Accept));
        draw(app, terminal);
        let found = match_count(app);
        assert!(found > 10_000, "every `the` found: {found}");
        divan::black_box(found)
    });
}

/// The keystroke that completes `the` in the prompt on a 10 MB article (`th` typed before the
/// sample): every match found, the view moved, the next frame drawn.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn search_10mb_the_last_key(bencher: Bencher) {
    let prepare = |app: &mut App| {
        app.step(Msg::Action(Action::Cancel));
        app.step(Msg::Action(Action::Search));
        type_text(app, "th");
    };
    bench_prepared(bencher, app_on(huge_folder(), true), prepare, |app, terminal| {
        type_text(app, "e");
        draw(app, terminal);
        let found = match_count(app);
        assert!(found > 10_000, "every `the` found: {found}");
        divan::black_box(found)
    });
}

/// One keystroke in the search prompt on a 1 MB article, then the next frame: the prompt holds
/// `the` and each iteration types `x` (no match: the view goes back) or deletes it (every
/// `the` found again).
#[divan::bench(sample_count = 50)]
fn search_keystroke_1mb(bencher: Bencher) {
    let (mut app, mut terminal) = big_app(true);
    app.step(Msg::Action(Action::Search));
    type_text(&mut app, "the");
    bencher.bench_local(|| {
        let typed = app.state.overlays.prompt.as_ref().is_some_and(|p| p.input.ends_with('x'));
        app.step(if typed { Msg::Action(Action::DeleteBack) } else { Msg::Type('x') });
        draw(&app, &mut terminal);
        match_count(&app)
    });
}

/// The costliest keystroke on 1 MB: the first letter of a query, `e`, which matches in almost
/// every word, into an empty prompt; then the next frame.
#[divan::bench(sample_count = 50, sample_size = 1)]
fn search_first_key_1mb(bencher: Bencher) {
    let prepare = |app: &mut App| {
        if app.state.overlays.prompt.is_none() {
            app.step(Msg::Action(Action::Search));
        }
        app.step(Msg::Action(Action::DeleteToStart));
    };
    bench_prepared(bencher, big_app(true), prepare, |app, terminal| {
        type_text(app, "e");
        draw(app, terminal);
        divan::black_box(match_count(app))
    });
}

/// Two watch-lists of the kind a reader keeps: names and a regex.
fn watch_lists() -> Vec<WatchList> {
    let terms = ["Insikt Group", "Geneva", "SWIFT", "Müller", "cryptocurrency exchange", "sanctions"];
    vec![
        WatchList::new("watch", terms.iter().map(ToString::to_string).collect(), false).expect("compiles"),
        WatchList::new("sums", vec![r"\$\d+ million".to_string()], true).expect("compiles"),
    ]
}

/// Entity detection on 1 MB of article text, all of it: what opening a small article does at
/// once and a huge one's background run does a part at a time. Reported as bytes per second.
#[divan::bench(sample_count = 20)]
fn highlight_1mb(bencher: Bencher) {
    let a = article::parse(Format::Text, &article_text(7, 1 << 20), Path::new("big.txt"));
    bencher
        .counter(divan::counter::BytesCount::new(a.doc.text.len()))
        .bench(|| Highlights::full(divan::black_box(&a.doc.text), &[]).entities.len());
}

/// The same with two watch-lists (six terms and a regex) matched as well.
#[divan::bench(sample_count = 20)]
fn highlight_1mb_with_watch_lists(bencher: Bencher) {
    let a = article::parse(Format::Text, &article_text(7, 1 << 20), Path::new("big.txt"));
    let lists = watch_lists();
    bencher
        .counter(divan::counter::BytesCount::new(a.doc.text.len()))
        .bench(|| Highlights::full(divan::black_box(&a.doc.text), &lists).hits.len());
}

/// 100,000 watch-list terms: pseudo-words of 4 to 12 letters, every tenth a two-word name,
/// half of them capitalised (matched exactly), half lowercase (matched in any case).
fn many_terms() -> Vec<String> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut word = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let len = 4 + (x % 9) as usize;
        (0..len).map(|i| char::from(b'a' + ((x >> (i * 5)) % 26) as u8)).collect::<String>()
    };
    (0..100_000)
        .map(|i| {
            let term = if i % 10 == 0 { format!("{} {}", word(), word()) } else { word() };
            if i % 2 == 0 { term } else { format!("{}{}", term[..1].to_uppercase(), &term[1..]) }
        })
        .collect()
}

/// Compiling a watch-list of 100,000 plain terms (issue 12's budget: under 100 ms).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn watch_list_100k_terms_load(bencher: Bencher) {
    let terms = many_terms();
    bencher
        .with_inputs(|| terms.clone())
        .bench_values(|terms| WatchList::new("many", terms, false).expect("compiles").terms.len());
}

/// The same list from a config file: TOML read, every term checked, the list compiled.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn config_with_100k_watch_terms_load(bencher: Bencher) {
    let quoted: Vec<String> = many_terms().iter().map(|t| format!("{t:?}")).collect();
    let toml =
        format!("[[entities.watch]]\nname = \"many\"\nstyle = {{ bold = true }}\nterms = [{}]\n", quoted.join(", "));
    bencher
        .bench(|| Config::from_toml(divan::black_box(&toml), "many.toml", false).expect("valid").entities.watch.len());
}

/// Entity detection on 1 MB with that list of 100,000 terms as well.
#[divan::bench(sample_count = 10)]
fn highlight_1mb_with_100k_watch_terms(bencher: Bencher) {
    let a = article::parse(Format::Text, &article_text(7, 1 << 20), Path::new("big.txt"));
    let lists = vec![WatchList::new("many", many_terms(), false).expect("compiles")];
    bencher
        .counter(divan::counter::BytesCount::new(a.doc.text.len()))
        .bench(|| Highlights::full(divan::black_box(&a.doc.text), &lists).hits.len());
}

/// What a huge article's view costs before a frame: five screens of 60 lines at 200 columns
/// around the middle of a 10 MB article, cut between words, read for entities.
#[divan::bench(sample_count = 30)]
fn highlight_view_of_10mb(bencher: Bencher) {
    let a = article::parse(Format::Text, &article_text(3, 10 << 20), Path::new("huge.txt"));
    let layout = Layout::new(&a.doc, 200, Header::default());
    let middle = layout.lines.len() / 2;
    let (first, last) = (&layout.lines[middle - 120], &layout.lines[middle + 180]);
    let window = cut_back(&a.doc, first.range.start)..cut(&a.doc, last.range.end);
    bencher
        .counter(divan::counter::BytesCount::new(window.len()))
        .bench(|| Highlights::detect(&a.doc.text, window.clone(), &[]).entities.len());
}

/// A folder of a short article, listed first, and a 10 MB one.
fn short_and_huge_folder() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join("newsdesk-bench-short-and-10mb");
        std::fs::create_dir_all(&dir).expect("bench folder");
        std::fs::write(dir.join("a-short.txt"), article_text(1, 3400)).expect("bench article");
        std::fs::write(dir.join("b-huge.txt"), article_text(3, 10 << 20)).expect("bench article");
        dir
    })
}

/// Selecting a 10 MB article not seen before: its first 128 KB read, parsed, wrapped and read
/// for entities, the next frame at 200x60 (the whole is read on a thread, not waited for).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn key_open_unseen_10mb_highlighted(bencher: Bencher) {
    bencher.with_inputs(|| app_on(short_and_huge_folder(), false)).bench_local_values(|(mut app, mut terminal)| {
        app.step(Msg::Action(Action::MoveDown));
        draw(&app, &mut terminal);
        let reader = app.state.reading.reader.as_ref().expect("shown");
        assert!(!reader.highlights.entities.is_empty(), "the view is highlighted");
        assert!(reader.article.doc.text.len() < 1 << 20, "its start is shown first");
        (app, terminal)
    });
}

/// Typing a regex too big to compile, `(\w{500}){500}`, into the search prompt of a 1 MB
/// article: each keystroke compiles the pattern so far (refused once over the size limit, and
/// then searched as text), searches and draws a frame.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn typing_a_huge_regex(bencher: Bencher) {
    let prepare = |app: &mut App| {
        if app.state.overlays.prompt.is_none() {
            app.step(Msg::Action(Action::Search));
            app.step(Msg::Action(Action::ToggleRegex));
        }
        app.step(Msg::Action(Action::DeleteToStart));
    };
    bench_prepared(bencher, big_app(true), prepare, |app, terminal| {
        type_text(app, r"(\w{500}){500}");
        draw(app, terminal);
        let refused = app.state.reading.search.as_ref().is_some_and(|s| s.matcher.error.is_some());
        assert!(refused, "the pattern is refused");
        divan::black_box(match_count(app))
    });
}

/// A pathological pattern stops at its time budget: `(?:a.*Z|a)` over a 200,000-character line
/// (quadratic without the budget) with the 50 ms budget of the test that checks it stops.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn slow_pattern_stops_at_its_budget(bencher: Bencher) {
    let text = "a".repeat(200_000);
    let m = newsdesk::text::search::Matcher::new("(?:a.*Z|a)", true);
    bencher.bench(|| {
        let (found, complete) = m.find_within(&text, 0..text.len(), Some(std::time::Duration::from_millis(50)));
        assert!(!complete);
        found.len()
    });
}

/// A folder of one article of 8,000 short paragraphs with a sum of money each (~0.7 MB,
/// over the size read for entities at once).
fn ledger_folder() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join("newsdesk-bench-ledger");
        std::fs::create_dir_all(&dir).expect("bench folder");
        let body = vec!["The court froze $81 million on February 9, a rise of 300 percent on the year before."; 8_000]
            .join("\n\n");
        std::fs::write(dir.join("ledger.txt"), format!("A Very Long Ledger\n\n{body}\n")).expect("bench article");
        dir
    })
}

/// Opening that article and going to its end: the end is highlighted at once (read for
/// entities around the view), before the whole is read in the background; then a frame.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn key_bottom_of_a_huge_article_highlighted(bencher: Bencher) {
    bencher.with_inputs(|| app_on(ledger_folder(), false)).bench_local_values(|(mut app, mut terminal)| {
        app.step(Msg::Action(Action::Open));
        app.step(Msg::Action(Action::Bottom));
        draw(&app, &mut terminal);
        let reader = app.state.reading.reader.as_ref().expect("shown");
        assert!(!reader.highlights.complete && !reader.highlights.entities.is_empty(), "the view, not all");
        (app, terminal)
    });
}
