//! Extraction quality on a folder of saved pages: `cargo run --release --example extraction -- DIR`.
//!
//! DIR holds `NAME.html` pages, `NAME.txt` with each article body as a person would copy it,
//! and `pages.tsv` (file, title). Prints body token F1 (precision, recall) and whether the title
//! is right, per page, then the mean F1 and the share of right titles. Without DIR: newsdesk's
//! own page set, `tests/fixtures/pages` (made by `scripts/pages/make.py`).

#[path = "../tests/it/pages_score.rs"]
mod pages_score;

fn main() {
    let dir = std::env::args_os().nth(1).map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages"),
        std::path::PathBuf::from,
    );
    let scores = pages_score::score_dir(&dir);
    print!("{}", pages_score::report(&scores));
}
