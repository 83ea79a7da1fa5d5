//! Issue 7's in-process figures that need more than a median: the first frame and key-to-frame
//! latency (p50, p99, max) at 1,000, 10,000 and 100,000 articles, and one frame at 80x24 and
//! 300x100. Each key is a real key event through the keymap, `update`, and a full frame drawn
//! into ratatui's test backend.
//!
//! Run: `cargo bench --bench latency`. The folders are generated here, deterministically (the
//! first run writes them under the system's temp folder; 100,000 articles take ~340 MB).

#[allow(dead_code, reason = "each benchmark binary uses its own part of the shared inputs")]
mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use newsdesk::action::Action;
use newsdesk::app::App;
use newsdesk::config::Config;
use newsdesk::library::Library;
use newsdesk::update::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// `n` articles of ~3.4 KB, written once.
fn folder(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsdesk-latency-{n}"));
    if !dir.join(format!("{:06}.txt", n - 1)).exists() {
        std::fs::create_dir_all(&dir).expect("bench folder");
        for i in 0..n {
            std::fs::write(dir.join(format!("{i:06}.txt")), common::article_text(i as u64, 3400)).expect("article");
        }
    }
    dir
}

/// The `per_mille`-th of `sorted` (nearest rank).
fn percentile(sorted: &[Duration], per_mille: usize) -> Duration {
    let i = ((sorted.len() - 1) * per_mille).div_ceil(1000);
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name:<34} p50 {:>10}  p99 {:>10}  min {:>10}  max {:>10}  ({} samples)",
        ms(percentile(&samples, 500)),
        ms(percentile(&samples, 990)),
        ms(samples[0]),
        ms(samples[samples.len() - 1]),
        samples.len()
    );
}

/// Scan, read every head, preview the first article, draw one 200x60 frame.
fn first_frame(dir: &Path) -> (App, Terminal<TestBackend>) {
    let library = Library::open(dir).expect("opens");
    let mut app = App::new(library, Config::default());
    app.step(Msg::Resize(200, 60));
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    terminal.draw(|f| app.draw(f)).expect("draw");
    (app, terminal)
}

fn keys(app: &mut App, terminal: &mut Terminal<TestBackend>, actions: &[Action], rounds: usize) -> Vec<Duration> {
    let mut samples = Vec::with_capacity(rounds);
    for i in 0..rounds {
        let action = actions[i % actions.len()];
        let started = Instant::now();
        app.step(Msg::Action(action));
        terminal.draw(|f| app.draw(f)).expect("draw");
        samples.push(started.elapsed());
    }
    samples
}

/// A 100 MB article: the first frame (its start read, laid out and highlighted in view), and
/// the whole of it read, parsed and laid out at 80 columns (what the background thread does).
fn huge_article() {
    let dir = std::env::temp_dir().join("newsdesk-latency-100mb");
    let file = dir.join("huge.txt");
    if !file.exists() {
        std::fs::create_dir_all(&dir).expect("bench folder");
        std::fs::write(&file, common::article_text(100, 100 << 20)).expect("article");
    }
    let _ = std::fs::read(&file); // warm the page cache
    let mut first = Vec::new();
    for _ in 0..11 {
        let started = Instant::now();
        let (mut app, _terminal) = first_frame(&dir);
        first.push(started.elapsed());
        assert!(app.state.reading.reader.as_ref().is_some_and(|r| !r.highlights.entities.is_empty()), "highlighted");
        // The rest is read on a thread; the next sample must not compete with it.
        assert!(app.wait_for_background(Duration::from_secs(120)));
    }
    report("first_frame_100mb_article", first);
    let mut whole = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let article = newsdesk::library::article::load_guarded(&file, newsdesk::library::Format::Text);
        let layout = newsdesk::text::wrap::Layout::new(&article.doc, 80, newsdesk::text::wrap::Header::default());
        whole.push(started.elapsed());
        assert!(layout.lines.len() > 1_000_000);
    }
    report("whole_100mb_read_parsed_laid_out", whole);
}

fn main() {
    // `cargo bench` passes --bench; a filter may follow.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let sizes = [1_000, 10_000, 100_000];
    for n in sizes {
        if filter.as_deref().is_some_and(|f| !format!("{n}").contains(f)) {
            continue;
        }
        let dir = folder(n);
        let runs = if n >= 100_000 { 5 } else { 11 };
        let mut frames = Vec::new();
        let mut last = None;
        for _ in 0..runs {
            let started = Instant::now();
            let pair = first_frame(&dir);
            frames.push(started.elapsed());
            last = Some(pair);
        }
        report(&format!("first_frame_{n}_articles"), frames);
        let (mut app, mut terminal) = last.expect("one run");
        let in_list = keys(&mut app, &mut terminal, &[Action::MoveDown, Action::MoveDown, Action::MoveUp], 600);
        report(&format!("key_to_frame_list_{n}"), in_list);
        app.step(Msg::Action(Action::Open));
        let reader = keys(&mut app, &mut terminal, &[Action::MoveDown, Action::PageDown, Action::PageUp], 600);
        report(&format!("key_to_frame_reader_{n}"), reader);
        let switch =
            keys(&mut app, &mut terminal, &[Action::NextArticle, Action::NextArticle, Action::PrevArticle], 300);
        report(&format!("key_to_frame_next_article_{n}"), switch);
    }
    if filter.as_deref().is_none_or(|f| "100mb".contains(f)) {
        huge_article();
    }
    if filter.as_deref().is_none_or(|f| "frame".contains(f)) {
        let dir = folder(1_000);
        for (w, h) in [(80, 24), (300, 100)] {
            let library = Library::open(&dir).expect("opens");
            let mut app = App::new(library, Config::default());
            app.step(Msg::Resize(w, h));
            app.step(Msg::Action(Action::Open));
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            let mut samples = Vec::new();
            for _ in 0..300 {
                let started = Instant::now();
                terminal.draw(|f| app.draw(f)).expect("draw");
                samples.push(started.elapsed());
                // The next frame must not be a no-op diff: move one line.
                app.step(Msg::Action(Action::MoveDown));
            }
            report(&format!("render_frame_{w}x{h}"), samples);
        }
    }
}
