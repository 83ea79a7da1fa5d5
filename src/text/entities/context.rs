//! What the name tagger knows of a text before it scores anything: its tokens, the windows of
//! tokens that may be part of a name, what the lexicon says of the tokens in and around them,
//! the lines they sit on (a shouted headline, a results table), and how each word is written
//! elsewhere in the document. Tokens far from any window are never looked up.

use std::collections::HashMap;
use std::ops::Range;

use xxhash_rust::xxh3::xxh3_64;

use super::lexicon::{self, Entry, flag};
use super::tokens::{self, LINE_START, SENTENCE_START, SPACE_BEFORE, Token, WORD};

/// What the lexicon and the spelling say of one token near a window.
#[derive(Debug, Clone, Copy, Default)]
pub struct Info {
    /// Lexicon bits of the word as written, and of its title-case form when it is in capitals.
    pub flags: u32,
    /// The lexicon entry of the word in lower case.
    pub lower: Entry,
    /// The lexicon bits of the longest multi-word entry covering this token (0 if none).
    pub phrase: u32,
    /// Where the token sits in that entry: 1 first, 2 inside, 3 last.
    pub phrase_pos: u8,
    /// A hash of the word in lower case.
    pub lower_hash: u64,
    /// A hash of the word's shape.
    pub shape_hash: u64,
}

/// One line of the text.
#[derive(Debug, Clone, Copy, Default)]
#[allow(clippy::struct_excessive_bools)] // independent facts about one line, not a state
pub struct Line {
    /// Most letters are capitals: a shouted headline or dateline.
    pub caps: bool,
    /// The first line (the title).
    pub first: bool,
    /// Most words are capitalised: a title-case headline.
    pub title_case: bool,
    /// Several numbers on the line: a results list or a table.
    pub numeric: bool,
}

/// How a word is written elsewhere in the document.
#[derive(Debug, Clone, Copy, Default)]
pub struct Seen {
    /// Times written capitalised away from the start of a sentence.
    pub inside: u16,
    /// Times written in lower case.
    pub lower: u16,
}

/// A hash map with a fast hasher and a fixed seed (the same order on every run).
pub type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// A text read for tagging.
pub struct Doc<'t> {
    pub text: &'t str,
    pub tokens: Vec<Token>,
    /// Per token; filled in for the tokens in or next to a window.
    pub info: Vec<Info>,
    /// The line of each token.
    pub line_of: Vec<u32>,
    pub lines: Vec<Line>,
    /// Runs of tokens that may be part of a name.
    pub windows: Vec<Range<usize>>,
    /// Per spelling: how often it is written capitalised inside a sentence, or in lower case.
    seen: FastMap<&'t str, Seen>,
}

impl<'t> Doc<'t> {
    pub fn new(text: &'t str) -> Self {
        let tokens = tokens::tokenize(text);
        let n = tokens.len();
        let mut doc = Doc {
            text,
            tokens,
            info: vec![Info::default(); n],
            line_of: Vec::new(),
            lines: Vec::new(),
            windows: Vec::new(),
            seen: FastMap::default(),
        };
        doc.read_lines();
        doc.windows = doc.find_windows();
        doc.read_seen();
        doc.read_info();
        doc.read_phrases();
        doc
    }

    /// The byte range of tokens `tokens`.
    pub fn range(&self, tokens: &Range<usize>) -> Range<usize> {
        self.tokens[tokens.start].range.start..self.tokens[tokens.end - 1].range.end
    }

    pub fn word(&self, i: usize) -> &'t str {
        let text = self.text;
        &text[self.tokens[i].range.clone()]
    }

    /// How the word at `i` is written elsewhere in the document.
    pub fn seen(&self, i: usize) -> Seen {
        self.seen.get(self.word(i)).copied().unwrap_or_default()
    }

    pub fn line(&self, i: usize) -> Line {
        self.lines.get(self.line_of[i] as usize).copied().unwrap_or_default()
    }

    /// Whether the token starts a sentence (or a line).
    pub fn starts_sentence(&self, i: usize) -> bool {
        self.tokens[i].is(SENTENCE_START)
    }

    fn read_lines(&mut self) {
        let mut line = 0u32;
        // Per line: words, shouted words, longer words, capitalised longer words, numbers.
        let mut stats: Vec<[u32; 5]> = vec![[0; 5]];
        self.line_of = Vec::with_capacity(self.tokens.len());
        for t in &self.tokens {
            if t.is(LINE_START) && t.range.start > 0 {
                line += 1;
                stats.push([0; 5]);
            }
            self.line_of.push(line);
            let w = &self.text.as_bytes()[t.range.clone()];
            let s = stats.last_mut().expect("one per line");
            // Words with letters, and those without a lower-case letter (a shouted word).
            if w[0].is_ascii_alphabetic() || w[0] >= 0x80 {
                s[0] += 1;
                s[1] += u32::from(!w.iter().any(u8::is_ascii_lowercase));
            }
            if w.len() > 3 && w[0].is_ascii_alphabetic() {
                s[2] += 1;
                s[3] += u32::from(w[0].is_ascii_uppercase());
            }
            s[4] += u32::from(w[0].is_ascii_digit());
        }
        self.lines = stats
            .iter()
            .enumerate()
            .map(|(i, &[words, shouted, long, caps, digits])| Line {
                caps: words >= 2 && shouted * 10 >= words * 7,
                first: i == 0,
                title_case: long >= 3 && caps * 10 >= long * 8,
                numeric: digits >= 2,
            })
            .collect();
    }

    /// Counts, for every capitalised word in a window, its other capitalised uses inside a
    /// sentence and its uses in lower case.
    fn read_seen(&mut self) {
        let text = self.text;
        for w in &self.windows {
            for t in &self.tokens[w.clone()] {
                if t.is(WORD) {
                    let entry = self.seen.entry(&text[t.range.clone()]).or_default();
                    if !t.is(SENTENCE_START) {
                        entry.inside = entry.inside.saturating_add(1);
                    }
                }
            }
        }
        if self.seen.is_empty() {
            return;
        }
        let lower: FastMap<String, &'t str> = self.seen.keys().map(|k| (k.to_lowercase(), *k)).collect();
        // Which first bytes and lengths the lower-case forms have: most words are ruled out
        // without hashing them.
        let mut maybe = [0u64; 256];
        for k in lower.keys() {
            maybe[usize::from(k.as_bytes()[0])] |= 1 << k.len().min(63);
        }
        let mut counts: FastMap<&'t str, u16> = FastMap::default();
        for (t, &line) in self.tokens.iter().zip(&self.line_of) {
            let w = &text[t.range.clone()];
            let first = w.as_bytes()[0];
            if maybe[usize::from(first)] & 1 << w.len().min(63) == 0 || !first.is_ascii_lowercase() {
                continue;
            }
            if self.lines[line as usize].caps {
                continue;
            }
            if let Some(key) = lower.get(w) {
                *counts.entry(key).or_default() += 1;
            }
        }
        for (key, n) in counts {
            if let Some(e) = self.seen.get_mut(key) {
                e.lower = n;
            }
        }
    }

    /// Lexicon entries and hashes of the tokens in and next to the windows: hashes two tokens
    /// out, list bits one token out, the lower-case entry inside only (what the features use).
    fn read_info(&mut self) {
        let mut shape = Vec::with_capacity(16);
        let mut last = 0;
        for w in 0..self.windows.len() {
            let window = self.windows[w].clone();
            let start = window.start.saturating_sub(2).max(last);
            let end = (window.end + 2).min(self.tokens.len());
            for i in start..end {
                let word = self.word(i);
                super::tokens::shape(word, &mut shape);
                let info = &mut self.info[i];
                info.lower_hash = lexicon::with_lowercase(word, |l| xxh3_64(l.as_bytes()));
                info.shape_hash = xxh3_64(&shape);
                if i + 1 >= window.start && i <= window.end {
                    info.flags = lexicon::flags(word);
                    if word.len() > 1
                        && word.chars().all(|c| !c.is_lowercase())
                        && word.chars().any(char::is_alphabetic)
                    {
                        info.flags |= lexicon::flags(&title_case(word));
                    }
                }
                if window.contains(&i) {
                    info.lower = lexicon::lower(word);
                }
            }
            last = end;
        }
    }

    /// Marks the longest multi-word lexicon entry starting at each window token.
    fn read_phrases(&mut self) {
        let mut key = String::new();
        for w in 0..self.windows.len() {
            let window = self.windows[w].clone();
            let mut i = window.start;
            while i < window.end {
                let found = (self.info[i].flags & flag::PREFIX != 0 || self.title_prefix(i))
                    .then(|| self.longest_phrase(i, window.end, &mut key))
                    .flatten();
                let Some((last, flags)) = found else {
                    i += 1;
                    continue;
                };
                for k in i..=last {
                    self.info[k].phrase = flags;
                    self.info[k].phrase_pos = if k == i {
                        1
                    } else if k == last {
                        3
                    } else {
                        2
                    };
                }
                i = last + 1;
            }
        }
    }

    /// The last token and the bits of the longest entry of two or more tokens from `i`.
    fn longest_phrase(&self, i: usize, end: usize, key: &mut String) -> Option<(usize, u32)> {
        key.clear();
        key.push_str(&self.key_word(i));
        let mut best = None;
        for j in i + 1..(i + 7).min(end) {
            if self.tokens[j].is(SPACE_BEFORE) {
                key.push(' ');
            }
            key.push_str(&self.key_word(j));
            let Some(e) = lexicon::get(key) else { break };
            if e.flags & !flag::PREFIX != 0 {
                best = Some((j, e.flags & !flag::PREFIX));
            }
            if e.flags & flag::PREFIX == 0 {
                break;
            }
        }
        best
    }

    fn title_prefix(&self, i: usize) -> bool {
        let w = self.word(i);
        w.len() > 1 && w.chars().all(|c| !c.is_lowercase()) && lexicon::flags(&title_case(w)) & flag::PREFIX != 0
    }

    /// The word as the lexicon spells it: capitals made title case on a shouted line.
    fn key_word(&self, i: usize) -> String {
        let w = self.word(i);
        if !self.line(i).caps {
            w.to_string()
        } else if w.len() > 1 && w.chars().all(|c| !c.is_lowercase()) && !matches!(w, "OF" | "AND" | "THE" | "FOR") {
            title_case(w)
        } else {
            w.to_lowercase()
        }
    }
}

/// `WORD` → `Word`; `O'NEILL` → `O'neill` (good enough for look-ups of names in capitals).
pub fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut first = true;
    for c in w.chars() {
        if first {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        first = !c.is_alphabetic() && c != '\'';
    }
    out
}
