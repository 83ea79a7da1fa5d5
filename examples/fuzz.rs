//! A stable-Rust fuzzer for everything that reads untrusted text (cargo-fuzz needs a nightly
//! toolchain, which this project does not use). It mutates seed files (or random bytes) with
//! byte flips, splices and a dictionary of hostile tokens, runs a target on each input with
//! panics caught, checks the target's invariants, and writes every failing input to
//! `fuzz/findings/TARGET-N.bin`.
//!
//! Run: `cargo run --release --example fuzz -- TARGET SECONDS [SEED_DIR...]`, TARGET one of
//! `parse wrap search entities config sanitize all`. CI runs the property tests, not this.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use newsdesk::config::Config;
use newsdesk::library::{Format, article};
use newsdesk::text::highlights::Highlights;
use newsdesk::text::sanitize::{SEQUENCE_PLACEHOLDER, str_width, strip_sequences};
use newsdesk::text::search::Matcher;
use newsdesk::text::wrap::{Layout, LineKind};

const TARGETS: &[&str] = &["parse", "wrap", "search", "entities", "config", "sanitize"];

/// Tokens that have broken readers and parsers before.
const DICTIONARY: &[&str] = &[
    "\u{1b}]52;c;",
    "\u{7}",
    "\u{1b}[",
    "\u{1b}\\",
    "\u{9b}",
    "\u{9d}",
    "&#27;",
    "&#x9b;",
    "\r",
    "\r\n",
    "\n\n",
    "---\n",
    "+++\n",
    "title: ",
    "title = \"",
    "# ",
    "## ",
    "**",
    "*",
    "_",
    "`",
    "```\n",
    "> ",
    "- ",
    "1. ",
    "[x]",
    "[",
    "](",
    ")",
    "<",
    ">",
    "|",
    "| --- |",
    "\u{202e}",
    "\u{2066}",
    "\u{200b}",
    "\u{feff}",
    "\u{301}",
    "\u{94d}",
    "東京",
    "🍜",
    "👩‍👩‍👧",
    "\u{a0}",
    "\u{3000}",
    "\u{2028}",
    "\u{85}",
    "\t",
    "\0",
    "$1.5 billion",
    "€3,4 Mrd.",
    "12.5%",
    "3 percent",
    "March 4, 2021",
    "1990s",
    "Dr. ",
    "Mr. ",
    "Kim Jong-un",
    "United Nations",
    "U.S.",
    "O'Brien",
    "McDonald",
    "al-",
    "(FBI)",
    "Inc.",
    " de ",
    "[keys.list]\n",
    "[theme]\n",
    "fg = \"",
    "\"#ff00zz\"",
    "[[entities.watch]]\n",
    "terms = [",
    "regex = true",
    "\\b",
    "(a+)+$",
    "\\",
    "\"",
    "'",
    "=",
    "{",
    "}",
    "[[",
    "]]",
    "1e999",
    "-1",
    "99999999999999999999",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], input: &mut Vec<u8>) {
    let rounds = 1 + rng.below(8);
    for _ in 0..rounds {
        let at = rng.below(input.len() + 1);
        match rng.below(7) {
            0 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] ^= 1 << rng.below(8);
            }
            1 => {
                let token = DICTIONARY[rng.below(DICTIONARY.len())].as_bytes();
                input.splice(at..at, token.iter().copied());
            }
            2 if !input.is_empty() => {
                let end = (at + rng.below(64)).min(input.len());
                input.drain(at..end);
            }
            3 if !seeds.is_empty() => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len() + 1);
                let end = (from + rng.below(512)).min(other.len());
                input.splice(at..at, other[from..end].iter().copied());
            }
            4 if !input.is_empty() => {
                // Repeat a slice: long words, deep nesting, huge lines.
                let end = (at + 1 + rng.below(16)).min(input.len());
                let piece = input[at.min(end)..end].to_vec();
                for _ in 0..rng.below(200) {
                    input.splice(at..at, piece.iter().copied());
                }
            }
            5 => input.insert(at, rng.below(256) as u8),
            _ => {
                let token = DICTIONARY[rng.below(DICTIONARY.len())].as_bytes();
                input.extend_from_slice(token);
            }
        }
    }
    input.truncate(256 << 10);
}

/// Asserts `range` is inside `text` on character boundaries.
fn on_boundaries(text: &str, range: &std::ops::Range<usize>, what: &str) {
    assert!(range.start <= range.end && range.end <= text.len(), "{what}: {range:?} outside 0..{}", text.len());
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what}: {range:?} splits a character"
    );
}

fn parse_both(bytes: &[u8]) -> Vec<article::Article> {
    let mut warnings = Vec::new();
    let raw = article::decode(bytes, &mut warnings);
    [Format::Text, Format::Markdown]
        .into_iter()
        .map(|format| article::parse(format, &article::clean(&raw, format), Path::new("fuzz.md")))
        .collect()
}

fn check_doc(a: &article::Article) {
    let text = &a.doc.text;
    for b in &a.doc.blocks {
        on_boundaries(text, &b.range, "block");
    }
    for i in &a.doc.inlines {
        on_boundaries(text, &i.range, "inline");
    }
}

fn run(target: &str, bytes: &[u8]) {
    match target {
        "parse" => parse_both(bytes).iter().for_each(check_doc),
        "wrap" => {
            for a in parse_both(bytes) {
                for width in [1, 2, 3, 5, 11, 40, 80] {
                    let layout = Layout::new(&a.doc, width, a.warnings.len());
                    for line in &layout.lines {
                        on_boundaries(&a.doc.text, &line.range, "line");
                        if matches!(line.kind, LineKind::Text { .. }) {
                            let s = &a.doc.text[line.range.clone()];
                            let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
                            assert!(
                                str_width(&collapsed) <= width || collapsed.chars().count() == 1,
                                "{collapsed:?} wider than {width}"
                            );
                        }
                    }
                }
            }
        }
        "search" => {
            let text = String::from_utf8_lossy(bytes);
            let split = text.char_indices().nth(text.chars().count() / 8).map_or(0, |(i, _)| i);
            let (query, hay) = text.split_at(split);
            for regex in [false, true] {
                let m = Matcher::new(query, regex);
                let (found, _) = m.find_within(hay, 0..hay.len(), Some(Duration::from_millis(200)));
                let mut last = 0;
                for r in &found {
                    on_boundaries(hay, r, "match");
                    assert!(r.start >= last && r.start < r.end, "matches in order, not empty: {r:?}");
                    last = r.end;
                }
            }
        }
        "entities" => {
            let text = String::from_utf8_lossy(bytes);
            let h = Highlights::full(&text, &[]);
            let mut last = 0;
            for e in &h.entities {
                on_boundaries(&text, &e.range, "entity");
                assert!(
                    e.range.start >= last && e.range.start < e.range.end,
                    "entities sorted, disjoint: {:?}",
                    e.range
                );
                last = e.range.end;
            }
            let _ = h.groups(&text);
        }
        "config" => {
            let text = String::from_utf8_lossy(bytes);
            if let Err(errors) = Config::from_toml(&text, "fuzz.toml", false) {
                assert!(!errors.to_string().is_empty(), "an error says something");
            }
        }
        "sanitize" => {
            let text = String::from_utf8_lossy(bytes);
            for entities in [false, true] {
                let clean = strip_sequences(&text, entities);
                assert!(
                    !clean.chars().any(|c| matches!(
                        c,
                        '\u{1b}' | '\u{9b}' | '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}'
                    )),
                    "an introducer survived"
                );
                assert!(clean.chars().filter(|&c| c == SEQUENCE_PLACEHOLDER).count() <= text.chars().count());
            }
        }
        other => panic!("unknown target {other}"),
    }
}

fn seeds(dirs: &[String]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for dir in dirs {
        for entry in walkdir::WalkDir::new(dir).into_iter().flatten().filter(|e| e.file_type().is_file()) {
            if let Ok(mut bytes) = std::fs::read(entry.path()) {
                bytes.truncate(64 << 10);
                out.push(bytes);
            }
        }
    }
    out
}

fn fuzz(target: &str, seconds: u64, seeds: &[Vec<u8>], seed: u64) -> (u64, usize) {
    let mut rng = Rng(seed | 1);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let findings_dir = PathBuf::from("fuzz/findings");
    let (mut runs, mut found) = (0u64, 0usize);
    while Instant::now() < deadline {
        let mut input = if seeds.is_empty() || rng.below(10) == 0 {
            (0..rng.below(512)).map(|_| rng.below(256) as u8).collect()
        } else {
            seeds[rng.below(seeds.len())].clone()
        };
        mutate(&mut rng, seeds, &mut input);
        runs += 1;
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| run(target, &input))) {
            let why = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_string()));
            std::fs::create_dir_all(&findings_dir).expect("findings folder");
            let path = findings_dir.join(format!("{target}-{found}.bin"));
            std::fs::write(&path, &input).expect("write a finding");
            eprintln!("FINDING {}: {}", path.display(), why.unwrap_or_default());
            found += 1;
            if found >= 20 {
                break;
            }
        }
    }
    (runs, found)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(target), Some(seconds)) = (args.first(), args.get(1).and_then(|s| s.parse::<u64>().ok())) else {
        eprintln!("usage: fuzz TARGET SECONDS [SEED_DIR...]; targets: {} all", TARGETS.join(" "));
        std::process::exit(2);
    };
    // Findings are reported, not printed twice by the default hook.
    std::panic::set_hook(Box::new(|_| {}));
    let seeds = seeds(&args[2..]);
    let targets: Vec<&str> = if target == "all" { TARGETS.to_vec() } else { vec![target.as_str()] };
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64);
    for t in targets {
        let started = Instant::now();
        let (runs, found) = fuzz(t, seconds, &seeds, seed);
        println!("{t}: {runs} inputs in {:.0} s, {found} findings", started.elapsed().as_secs_f64());
    }
}
