//! Training data: CoNLL files of `../shared/ner-train` (one token and its IOB2 tag per line) read
//! into documents, laid out as article text the way newsdesk sees it, and labelled per token of
//! newsdesk's own tokenizer.

use std::fs;
use std::path::Path;

use newsdesk::text::entities::EntityKind;
use newsdesk::text::entities::context::Doc;
use newsdesk::text::entities::lexicon::{flag, flags};
use newsdesk::text::entities::model::{self, CLASSES, Class, OUTSIDE, TAGS};

use crate::rng::Rng;

/// One sentence: tokens and their tags as in the file.
pub type Sentence = Vec<(String, String)>;

/// A source document: its sentences, and the classes its source does not annotate.
pub struct Source {
    pub sentences: Vec<Sentence>,
    /// Bit `c` set: class `c` of [`CLASSES`] is not annotated there (an `O` may be one).
    pub unannotated: u8,
}

/// The class index of a tag's kind, or `None` for kinds the tagger leaves to rules or `O`.
fn class_index(kind: &str) -> Option<usize> {
    let class = match kind {
        "person" => Class::Kind(EntityKind::Person),
        "organization" => Class::Kind(EntityKind::Organization),
        "place" => Class::Kind(EntityKind::Place),
        "group" => Class::Kind(EntityKind::Group),
        "misc" => Class::Misc,
        _ => return None,
    };
    CLASSES.iter().position(|c| *c == class)
}

/// The documents of one CoNLL file; a file without `-DOCSTART-` is cut every `chunk` sentences.
pub fn read(path: &Path, unannotated: u8, chunk: usize) -> Vec<Source> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut docs: Vec<Vec<Sentence>> = vec![Vec::new()];
    let mut sentence = Vec::new();
    for line in text.lines().chain([""]) {
        if line.starts_with("-DOCSTART-") {
            docs.push(Vec::new());
            continue;
        }
        if line.trim().is_empty() {
            if !sentence.is_empty() {
                let doc = docs.last_mut().expect("one at least");
                doc.push(std::mem::take(&mut sentence));
                if chunk > 0 && doc.len() >= chunk {
                    docs.push(Vec::new());
                }
            }
            continue;
        }
        let (token, tag) = line.split_once('\t').unwrap_or((line, "O"));
        sentence.push((token.to_string(), tag.to_string()));
    }
    docs.into_iter().filter(|d| !d.is_empty()).map(|sentences| Source { sentences, unannotated }).collect()
}

/// CrossNER's fine types (music, literature, science, AI domains) as newsdesk classes; other
/// types (works, awards, genres, algorithms...) are misc.
fn crossner_kind(kind: &str) -> &'static str {
    match kind {
        "person" | "musicalartist" | "writer" | "scientist" | "researcher" | "politician" => "person",
        "organisation" | "band" | "university" | "politicalparty" | "magazine" | "academicjournal" => "organization",
        "location" | "country" => "place",
        _ => "misc",
    }
}

/// A CrossNER file (`token<TAB>tag`, no documents), its tags mapped to newsdesk's: a `misc`
/// span that the lexicon knows as a nationality or group is a group.
pub fn read_crossner(path: &Path, chunk: usize) -> Vec<Source> {
    let mut docs = read(path, 0, chunk);
    for doc in &mut docs {
        for sentence in &mut doc.sentences {
            let mut k = 0;
            while k < sentence.len() {
                let Some(kind) = sentence[k].1.strip_prefix("B-").map(crossner_kind) else {
                    if sentence[k].1.starts_with("I-") {
                        sentence[k].1 = "O".into(); // an I- without its B-
                    }
                    k += 1;
                    continue;
                };
                let end = (k + 1..sentence.len()).find(|&j| !sentence[j].1.starts_with("I-")).unwrap_or(sentence.len());
                let text: Vec<&str> = sentence[k..end].iter().map(|(t, _)| t.as_str()).collect();
                let group = kind == "misc" && flags(&text.join(" ")) & (flag::DEMONYM | flag::GROUP) != 0;
                let kind = if group { "group" } else { kind };
                for (j, (_, tag)) in sentence[k..end].iter_mut().enumerate() {
                    *tag = format!("{}-{kind}", if j == 0 { "B" } else { "I" });
                }
                k = end;
            }
        }
    }
    docs
}

/// Countries are places, also where a source calls one acting as a government an organization
/// ("China said..."): newswire annotation (GPE, LOC) does not tell the two apart.
pub fn countries_are_places(docs: &mut [Source]) {
    for doc in docs {
        for sentence in &mut doc.sentences {
            let mut k = 0;
            while k < sentence.len() {
                if sentence[k].1 != "B-organization" {
                    k += 1;
                    continue;
                }
                let end =
                    (k + 1..sentence.len()).find(|&j| sentence[j].1 != "I-organization").unwrap_or(sentence.len());
                let text: Vec<&str> = sentence[k..end].iter().map(|(t, _)| t.as_str()).collect();
                if flags(&text.join(" ")) & flag::COUNTRY != 0 {
                    for (j, (_, tag)) in sentence[k..end].iter_mut().enumerate() {
                        *tag = if j == 0 { "B-place".into() } else { "I-place".into() };
                    }
                }
                k = end;
            }
        }
    }
}

/// How a document is laid out as text.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Tokens joined as prose (`Kim's goal, he said.`) rather than by single spaces.
    pub natural: bool,
    /// One sentence per line (else paragraphs of a few sentences).
    pub line_per_sentence: bool,
    /// Sentences written in capitals (a shouted headline), one in this many (0: none).
    pub caps_every: usize,
}

impl Layout {
    pub fn random(rng: &mut Rng) -> Self {
        Self {
            natural: rng.below(10) < 6,
            line_per_sentence: rng.below(2) == 0,
            caps_every: if rng.below(4) == 0 { 6 } else { 0 },
        }
    }
}

const NO_SPACE_BEFORE: &[&str] =
    &["/", ",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m"];
const NO_SPACE_AFTER: &[&str] = &["/", "(", "[", "{", "$"];

/// A document as text, with each file token's byte range and tag.
pub struct Rendered {
    pub text: String,
    pub tokens: Vec<(std::ops::Range<usize>, String)>,
}

/// Lays `doc` out: the first sentence as the title line, a blank line, then the body.
pub fn render(doc: &Source, layout: Layout, rng: &mut Rng) -> Rendered {
    let mut text = String::new();
    let mut tokens = Vec::new();
    let mut quote_open = false;
    for (s, sentence) in doc.sentences.iter().enumerate() {
        if s == 1 {
            text.push_str("\n\n");
        } else if s > 1 {
            let paragraph_end = layout.line_per_sentence || rng.below(4) == 0;
            text.push_str(if !paragraph_end {
                " "
            } else if layout.line_per_sentence {
                "\n"
            } else {
                "\n\n"
            });
        }
        let caps = layout.caps_every > 0 && rng.below(layout.caps_every) == 0;
        let mut prev: Option<&str> = None;
        for (i, (token, tag)) in sentence.iter().enumerate() {
            let next = sentence.get(i + 1).map(|(t, _)| t.as_str());
            if let Some(p) = prev
                && space_between(p, token, next, layout.natural, quote_open)
            {
                text.push(' ');
            }
            if layout.natural && token == "\"" {
                quote_open = !quote_open;
            }
            let start = text.len();
            if caps {
                text.push_str(&token.to_uppercase());
            } else {
                text.push_str(token);
            }
            tokens.push((start..text.len(), tag.clone()));
            prev = Some(token);
        }
    }
    text.push('\n');
    Rendered { text, tokens }
}

fn space_between(prev: &str, token: &str, next: Option<&str>, natural: bool, quote_open: bool) -> bool {
    if !natural {
        return true;
    }
    if token == "\"" {
        return !quote_open;
    }
    if prev == "\"" && quote_open {
        return false;
    }
    // A hyphen between two words was written inside one word: `Bailey-Ross`, `U.S.-led`.
    let wordish = |w: &str| {
        w.chars().next().is_some_and(char::is_alphanumeric)
            && w.chars().last().is_some_and(|c| c.is_alphanumeric() || c == '.')
    };
    if token == "-" && wordish(prev) && next.is_some_and(wordish) || prev == "-" && wordish(token) {
        return false;
    }
    !(NO_SPACE_BEFORE.contains(&token) || NO_SPACE_AFTER.contains(&prev))
}

/// One training window: its tokens' tags as allowed by the gold annotation.
pub struct Window {
    /// Per token, a bit set of the tags the gold annotation allows (one bit where it is sure).
    pub allowed: Vec<u16>,
}

const ALL_TAGS: u16 = (1 << TAGS) - 1;

/// The tags the gold allows at every token of `doc` (built on `rendered.text`).
pub fn allowed_tags(doc: &Doc<'_>, rendered: &Rendered, unannotated: u8) -> Vec<u16> {
    // Only a word the lexicon knows as a nationality or group can be an unannotated group: a
    // mask on every `O` would let the tagger call anything a group unopposed.
    let group = CLASSES.iter().position(|c| *c == Class::Kind(EntityKind::Group)).expect("a class");
    let group_tags = 1 << model::tag(group, false) | 1 << model::tag(group, true);
    let mut masked = 1u16 << OUTSIDE;
    for c in (0..CLASSES.len()).filter(|&c| c != group && unannotated & (1 << c) != 0) {
        masked |= 1 << model::tag(c, false) | 1 << model::tag(c, true);
    }
    let masked_at = |i: usize| {
        let known = doc.info[i].flags & (flag::DEMONYM | flag::GROUP) != 0
            || doc.info[i].phrase & (flag::DEMONYM | flag::GROUP) != 0;
        masked | if known && unannotated & (1 << group) != 0 { group_tags } else { 0 }
    };
    let mut out: Vec<u16> = (0..doc.tokens.len()).map(masked_at).collect();
    let mut f = 0;
    let mut last_file_token = usize::MAX;
    for (i, tok) in doc.tokens.iter().enumerate() {
        while f < rendered.tokens.len() && rendered.tokens[f].0.end <= tok.range.start {
            f += 1;
        }
        let Some((range, tag)) = rendered.tokens.get(f) else { break };
        if range.start >= tok.range.end {
            continue; // no file token here (cannot happen for text we rendered)
        }
        let spans_two = tok.range.end > range.end;
        let (prefix, kind) = tag.split_once('-').unwrap_or(("O", ""));
        out[i] = match class_index(kind) {
            _ if spans_two && tag != "O" => ALL_TAGS,
            Some(c) => {
                let inside = prefix == "I" || last_file_token == f;
                1 << model::tag(c, inside)
            }
            None => masked_at(i),
        };
        last_file_token = f;
    }
    out
}

/// `allowed` cut to `window`: an entity that runs out of the window is left open (any tag), so
/// the tagger is not taught half a name.
pub fn window_tags(allowed: &[u16], window: &std::ops::Range<usize>) -> Window {
    let mut tags: Vec<u16> = allowed[window.clone()].to_vec();
    let sure = |m: u16| (m.is_power_of_two()).then(|| m.trailing_zeros() as usize);
    let inside = |m: u16| sure(m).is_some_and(model::is_inside);
    // Started before the window: open its I- tokens at the start.
    let mut k = 0;
    while k < tags.len() && inside(tags[k]) {
        tags[k] = ALL_TAGS;
        k += 1;
    }
    // Goes on after the window: open it back to its B- token.
    if allowed.get(window.end).is_some_and(|&m| inside(m)) {
        for t in tags.iter_mut().rev() {
            let Some(tag) = sure(*t) else { break };
            if tag == OUTSIDE {
                break;
            }
            *t = ALL_TAGS;
            if !model::is_inside(tag) {
                break;
            }
        }
    }
    Window { allowed: tags }
}
