//! Extraction quality on a set of saved pages: body token F1 against a person's copy of each
//! article body, and exact titles. Shared by the test (`formats.rs`) and
//! `cargo run --example extraction -- DIR`.

use std::collections::HashMap;
use std::path::Path;

/// One page's figures.
#[derive(Debug, Clone)]
pub struct PageScore {
    pub name: String,
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
    pub title_ok: bool,
    pub title: String,
}

/// Lowercase word tokens (runs of letters and digits), as extraction benchmarks count them.
pub fn tokens(s: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *counts.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// Token F1 of `got` against `want`, with its precision and recall.
pub fn f1(got: &str, want: &str) -> (f64, f64, f64) {
    let (g, w) = (tokens(got), tokens(want));
    let common: usize = g.iter().map(|(t, n)| (*n).min(w.get(t).copied().unwrap_or(0))).sum();
    let (gn, wn): (usize, usize) = (g.values().sum(), w.values().sum());
    if common == 0 {
        return (0.0, 0.0, 0.0);
    }
    #[expect(clippy::cast_precision_loss, reason = "token counts are small")]
    let (p, r) = (common as f64 / gn as f64, common as f64 / wn as f64);
    (2.0 * p * r / (p + r), p, r)
}

/// Scores every page listed in `DIR/pages.tsv` (file, title): each `NAME.html` read as
/// newsdesk reads it, against `NAME.txt`.
pub fn score_dir(dir: &Path) -> Vec<PageScore> {
    let index = std::fs::read_to_string(dir.join("pages.tsv")).expect("pages.tsv");
    index
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut cols = line.split('\t');
            Some((cols.next()?.to_string(), cols.next()?.to_string()))
        })
        .map(|(file, want_title)| {
            let path = dir.join(&file);
            let article = newsdesk::library::article::load(&path, newsdesk::library::Format::Html);
            let text = newsdesk::cli::show::plain_text(&article.doc, false);
            let want = std::fs::read_to_string(path.with_extension("txt")).expect("the page's body");
            let (f1, precision, recall) = f1(&text, &want);
            let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let title_ok = norm(&article.meta.title) == norm(&want_title);
            PageScore { name: file, f1, precision, recall, title_ok, title: article.meta.title }
        })
        .collect()
}

/// The mean F1 and the share of right titles.
pub fn summary(scores: &[PageScore]) -> (f64, f64) {
    #[expect(clippy::cast_precision_loss, reason = "page counts are small")]
    let n = scores.len().max(1) as f64;
    let f1 = scores.iter().map(|s| s.f1).sum::<f64>() / n;
    #[expect(clippy::cast_precision_loss, reason = "page counts are small")]
    let titles = scores.iter().filter(|s| s.title_ok).count() as f64 / n;
    (f1, titles)
}

/// A table of the figures, one page a line, then the summary.
pub fn report(scores: &[PageScore]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for s in scores {
        let title = if s.title_ok { "ok".to_string() } else { format!("got {:?}", s.title) };
        let _ = writeln!(out, "{:<48} F1 {:.3}  P {:.3}  R {:.3}  title {title}", s.name, s.f1, s.precision, s.recall);
    }
    let (f1, titles) = summary(scores);
    let _ = writeln!(out, "{} pages: mean body F1 {f1:.4}, titles right {:.1}%", scores.len(), titles * 100.0);
    out
}
