//! Inputs shared by the benchmarks, generated deterministically: no file outside the
//! repository is needed.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use newsdesk::app::App;
use newsdesk::update::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "said",
    "government",
    "million",
    "percent",
    "report",
    "minister",
    "bank",
    "sanctions",
    "on",
    "for",
    "was",
    "with",
    "by",
    "that",
    "market",
    "investigators",
    "Seoul",
    "Geneva",
    "United",
    "Nations",
    "October",
    "2019",
    "$81",
    "Kim",
    "Park",
    "Insikt",
    "Group",
    "cryptocurrency",
    "exchange",
    "network",
    "東京",
    "Müller",
    "officials",
    "according",
    "analysts",
    "funds",
    "transfer",
    "court",
    "ruling",
    "year",
];

/// Deterministic article text of about `bytes` bytes: a title line, then paragraphs.
pub fn article_text(seed: u64, bytes: usize) -> String {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    let mut next = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(state >> 33).unwrap_or(0)
    };
    let mut out = format!("Synthetic report number {seed} on markets and sanctions\n\n");
    while out.len() < bytes {
        let words = 40 + next() % 90;
        for i in 0..words {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(WORDS[next() % WORDS.len()]);
        }
        out.push_str(".\n\n");
    }
    out
}

/// A folder of `n` articles of ~3.4 KB, made once per run.
pub fn folder(n: usize) -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("newsdesk-bench-{n}"));
        if !dir.join(format!("{:05}.txt", n - 1)).exists() {
            std::fs::create_dir_all(&dir).expect("bench folder");
            for i in 0..n {
                let name = dir.join(format!("{i:05}.txt"));
                std::fs::write(name, article_text(i as u64, 3400)).expect("bench article");
            }
        }
        dir
    })
}

/// Types `text` into the open prompt.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.step(Msg::Type(c));
    }
}

/// Times `run` alone, once per sample, on one app that `prepare` (untimed) sets up before each
/// sample: the app is handed through a cell so it is reused, not rebuilt.
pub fn bench_prepared(
    bencher: Bencher,
    app: (App, Terminal<TestBackend>),
    mut prepare: impl FnMut(&mut App),
    mut run: impl FnMut(&mut App, &mut Terminal<TestBackend>) -> usize,
) {
    let cell = RefCell::new(Some(app));
    bencher
        .with_inputs(|| {
            let mut pair = cell.borrow_mut().take().expect("one sample at a time (sample_size = 1)");
            prepare(&mut pair.0);
            pair
        })
        .bench_local_values(|(mut app, mut terminal)| {
            let out = run(&mut app, &mut terminal);
            *cell.borrow_mut() = Some((app, terminal));
            out
        });
}
