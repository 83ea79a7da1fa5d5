//! The features the name tagger scores, as 64-bit hashes of (template, offset, value): the word
//! and its neighbours in lower case, spelling shape, affixes, the lists the lexicon puts them in,
//! where the token sits (sentence start, headline, results line), and how the document writes
//! the same word elsewhere. Shared by the tagger and the training command, so both always agree.

use std::ops::Range;

use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::context::{Doc, Info};
use super::lexicon::flag;
use super::tokens::{AFTER_DOT, LINE_START, SPACE_BEFORE, WORD};

/// Feature templates. Word templates depend only on the word (and its offset), so the tagger
/// can score them once per distinct word and offset.
mod t {
    pub const BIAS: u8 = 0;
    pub const LOWER: u8 = 1;
    pub const SHAPE: u8 = 2;
    pub const PREFIX: u8 = 3;
    pub const SUFFIX: u8 = 4;
    pub const FLAG: u8 = 5;
    pub const ENGLISH: u8 = 6;
    pub const LENGTH: u8 = 7;
    pub const START: u8 = 10;
    pub const LINE: u8 = 11;
    pub const BIGRAM: u8 = 12;
    pub const SHAPES: u8 = 13;
    pub const PHRASE: u8 = 14;
    pub const SEEN: u8 = 15;
    pub const GLUE: u8 = 16;
    pub const QUOTE: u8 = 17;
    pub const WINDOW: u8 = 18;
    pub const EDGES: u8 = 19;
}

/// Offsets of the neighbours whose words are features.
pub const OFFSETS: [i8; 5] = [-2, -1, 0, 1, 2];

/// Appends the hash of one feature whose value is a string of bytes.
fn push(out: &mut Vec<u64>, template: u8, offset: i8, value: &[u8]) {
    let seed = u64::from(template) << 8 | u64::from(offset.cast_unsigned());
    out.push(xxh3_64_with_seed(value, seed));
}

const K: u64 = 0x9e37_79b9_7f4a_7c15;

fn mix(h: u64, v: u64) -> u64 {
    let x = (h ^ v).wrapping_mul(K);
    x ^ (x >> 29)
}

/// Appends the hash of a feature whose value is a number or made of other hashes: a few
/// multiplications, where most of the tagger's features are.
fn push_hashes(out: &mut Vec<u64>, template: u8, offset: i8, values: &[u64]) {
    let mut h = mix(K, u64::from(template) << 8 | u64::from(offset.cast_unsigned()) | 1 << 32);
    for &v in values {
        h = mix(h, v);
    }
    let x = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    out.push(x ^ (x >> 31));
}

fn push_int(out: &mut Vec<u64>, template: u8, offset: i8, value: u64) {
    push_hashes(out, template, offset, &[value]);
}

/// The features of a word's own spelling: affixes, dictionary standing, length. They depend on
/// the word alone, so the tagger computes them once per distinct word.
pub fn spelling_features(word: &str, info: &Info, out: &mut Vec<u64>) {
    crate::text::entities::lexicon::with_lowercase(word, |lower| {
        let chars: Vec<(usize, char)> = lower.char_indices().collect();
        for n in 2..=4 {
            if chars.len() > n {
                push(out, t::SUFFIX, n as i8, &lower.as_bytes()[chars[chars.len() - n].0..]);
            }
        }
        if chars.len() > 3 {
            push(out, t::PREFIX, 3, &lower.as_bytes()[..chars[3].0]);
        }
    });
    let english = match (info.lower.level, info.lower.common) {
        (0, 0) => 0u8,
        (_, c) if c >= 50 => 1,
        (_, c) if c >= 5 => 2,
        (l, _) if l > 0 && l <= 20 => 3,
        (l, _) if l > 0 => 4,
        _ => 5,
    };
    push_int(out, t::ENGLISH, 0, u64::from(english));
    push_int(out, t::LENGTH, 0, word.chars().count().min(12) as u64);
}

/// The features of the token at `offset` from the one being tagged: its word in lower case,
/// its shape and (next to it) the lists it is in.
pub fn word_features(info: &Info, offset: i8, out: &mut Vec<u64>) {
    push_hashes(out, t::SHAPE, offset, &[info.shape_hash]);
    push_hashes(out, t::LOWER, offset, &[info.lower_hash]);
    let mut flags = info.flags & !flag::PREFIX;
    while flags != 0 && offset.abs() <= 1 {
        push_int(out, t::FLAG, offset, u64::from(flags.trailing_zeros()));
        flags &= flags - 1;
    }
}

/// The features of token `i` that depend on more than its word: position, neighbours together,
/// the document. `window` is the run of candidate tokens `i` is in.
pub fn context_features(doc: &Doc<'_>, i: usize, window: &Range<usize>, out: &mut Vec<u64>) {
    let tok = &doc.tokens[i];
    let info = &doc.info[i];
    push_int(out, t::BIAS, 0, 0);
    let start = u8::from(doc.starts_sentence(i)) | u8::from(tok.is(LINE_START)) << 1 | u8::from(tok.is(AFTER_DOT)) << 2;
    push_int(out, t::START, 0, u64::from(start));
    push_hashes(out, t::START, 1, &[u64::from(start), info.shape_hash]);
    let line = doc.line(i);
    let line_code =
        u8::from(line.caps) | u8::from(line.first) << 1 | u8::from(line.title_case) << 2 | u8::from(line.numeric) << 3;
    push_int(out, t::LINE, 0, u64::from(line_code));
    push_hashes(out, t::LINE, 1, &[u64::from(line_code), info.shape_hash]);
    neighbours(doc, i, out);
    let mut flags = info.phrase;
    while flags != 0 {
        push_int(out, t::PHRASE, info.phrase_pos.cast_signed(), u64::from(flags.trailing_zeros()));
        flags &= flags - 1;
    }
    if tok.is(WORD) {
        let seen = doc.seen(i);
        let code = [u8::from(seen.inside > 0) | u8::from(seen.lower > 0) << 1, u8::from(doc.starts_sentence(i))];
        push_hashes(out, t::SEEN, 0, &[u64::from(code[0]), u64::from(code[1])]);
    }
    let glued_next = doc.tokens.get(i + 1).is_some_and(|n| !n.is(SPACE_BEFORE));
    push_int(out, t::GLUE, 0, u64::from(!tok.is(SPACE_BEFORE)) | u64::from(glued_next) << 1);
    let quote = i.checked_sub(1).is_some_and(|p| matches!(doc.word(p), "\"" | "“" | "'" | "‘"));
    push_int(out, t::QUOTE, 0, u64::from(quote));
    let len = (window.end - window.start).min(6) as u8;
    let pos = if i == window.start {
        0
    } else if i + 1 == window.end {
        1
    } else {
        2
    };
    push_hashes(out, t::WINDOW, 0, &[u64::from(len), u64::from(pos)]);
    window_features(doc, i, window, pos, out);
}

/// The lower-case hash of token `j`, or a mark for the edge of the text.
fn lower_at(doc: &Doc<'_>, j: Option<usize>) -> u64 {
    j.filter(|&j| j < doc.tokens.len()).map_or(1, |j| doc.info[j].lower_hash)
}

fn shape_at(doc: &Doc<'_>, j: Option<usize>) -> u64 {
    j.filter(|&j| j < doc.tokens.len()).map_or(1, |j| doc.info[j].shape_hash)
}

/// Neighbour pairs: the words before and after, and the three shapes around the token.
fn neighbours(doc: &Doc<'_>, i: usize, out: &mut Vec<u64>) {
    let w = doc.info[i].lower_hash;
    push_hashes(out, t::BIGRAM, -1, &[lower_at(doc, i.checked_sub(1)), w]);
    push_hashes(out, t::BIGRAM, 1, &[w, lower_at(doc, Some(i + 1))]);
    let shapes = [shape_at(doc, i.checked_sub(1)), doc.info[i].shape_hash, shape_at(doc, Some(i + 1))];
    push_hashes(out, t::SHAPES, 0, &shapes);
}

/// What the whole window says to each of its tokens: its first and last words, and the words
/// just outside it ("President ... said", "in ...").
fn window_features(doc: &Doc<'_>, i: usize, window: &Range<usize>, pos: u8, out: &mut Vec<u64>) {
    if window.len() < 2 {
        return;
    }
    let (first, last) = (window.start, window.end - 1);
    let flag_features = |out: &mut Vec<u64>, j: usize, offset: i8| {
        let mut flags = doc.info[j].flags & !flag::PREFIX;
        while flags != 0 {
            push_hashes(out, t::EDGES, offset, &[u64::from(flags.trailing_zeros()), u64::from(pos)]);
            flags &= flags - 1;
        }
    };
    if i != last {
        push_hashes(out, t::EDGES, 1, &[doc.info[last].lower_hash]);
        flag_features(out, last, 2);
        if window.end < doc.tokens.len() {
            push_hashes(out, t::EDGES, 3, &[lower_at(doc, Some(window.end))]);
        }
    }
    if i != first {
        push_hashes(out, t::EDGES, -1, &[doc.info[first].lower_hash]);
        flag_features(out, first, -2);
        if window.start > 0 {
            push_hashes(out, t::EDGES, -3, &[lower_at(doc, Some(window.start - 1))]);
        }
    }
}

/// Every feature of token `i`, its neighbours' word features included: what training uses.
pub fn all_features(doc: &Doc<'_>, i: usize, window: &Range<usize>, out: &mut Vec<u64>) {
    for k in OFFSETS {
        let Some(j) = i.checked_add_signed(isize::from(k)).filter(|&j| j < doc.tokens.len()) else {
            edge(k, out);
            continue;
        };
        word_features(&doc.info[j], k, out);
    }
    spelling_features(doc.word(i), &doc.info[i], out);
    context_features(doc, i, window, out);
}

/// The feature of a neighbour beyond the start or end of the text.
pub fn edge(offset: i8, out: &mut Vec<u64>) {
    push_int(out, t::LOWER, offset, 1);
}
