//! The windows of a text where a name can be: runs of capitalised words with the connectors and
//! hyphens between them, a plain sentence opener ("The", "However") left out.

use std::ops::Range;

use super::context::Doc;
use super::lexicon;
use super::tokens::{LINE_START, SPACE_BEFORE, WORD};

/// Lower-case words that may sit inside a name between capitalised words.
fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "for"
            | "and"
            | "the"
            | "de"
            | "da"
            | "del"
            | "della"
            | "der"
            | "den"
            | "van"
            | "von"
            | "di"
            | "du"
            | "la"
            | "le"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "y"
            | "on"
            | "&"
            | "'"
            | "’"
            | "-"
            | "–"
            | "s"
            | "upon"
            | "zu"
            | "dos"
            | "das"
            | "do"
    )
}
/// How often a word must be written in lower case in prose to be a plain sentence opener.
const OPENER_COUNT: u32 = 200;

/// Lower-case particles that may open a name (`de Gaulle`, `al-Assad`).
fn is_particle(w: &str) -> bool {
    matches!(w, "de" | "van" | "von" | "al" | "el" | "bin" | "da" | "di" | "du" | "la" | "le" | "ibn")
}

impl Doc<'_> {
    /// Whether the token at `i` may be part of a name: a word with a capital, a connector or a
    /// hyphen between such words, or a lower-case word glued to one by a hyphen (`Jong-un`).
    fn eligible(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        if self.capital(i) {
            return true;
        }
        let capital_at = |j: usize| j < self.tokens.len() && !self.tokens[j].is(LINE_START) && self.capital(j);
        let (next, after) = (capital_at(i + 1), capital_at(i + 2));
        if !(next || after || i >= 2 && !t.is(SPACE_BEFORE)) {
            return false;
        }
        let w = self.word(i);
        let glued = |j: usize| self.tokens.get(j).is_some_and(|n| !n.is(SPACE_BEFORE));
        if w == "-" && !t.is(SPACE_BEFORE) && glued(i + 1) && i > 0 && self.capital(i - 1) {
            return true;
        }
        if t.is(WORD) && !t.is(SPACE_BEFORE) && i >= 2 && self.word(i - 1) == "-" && self.capital(i - 2) {
            return true;
        }
        if is_particle(w) && (next || self.word_at(i + 1) == "-" && after) {
            return true;
        }
        is_connector(w) && !t.is(LINE_START) && i > 0 && (next || after && is_connector(self.word_at(i + 1)))
    }

    fn word_at(&self, i: usize) -> &str {
        if i < self.tokens.len() { self.word(i) } else { "" }
    }

    fn capital(&self, i: usize) -> bool {
        self.tokens[i].is(WORD) && self.word(i).chars().any(char::is_uppercase)
    }

    /// Runs of eligible tokens, without connectors at their ends.
    pub(super) fn find_windows(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        for i in 0..=self.tokens.len() {
            let ok = i < self.tokens.len() && self.eligible(i);
            let breaks = i < self.tokens.len() && self.tokens[i].is(LINE_START);
            if let Some(s) = start.filter(|_| !ok || breaks) {
                out.push(self.trim(s..i));
                start = None;
            }
            if ok && start.is_none() {
                start = Some(i);
            }
        }
        out.retain(|w| !w.is_empty() && !self.plain_opener(w));
        out
    }

    /// A window of one very common word at the start of a sentence ("The", "However") that no
    /// name list has: never a name, not worth scoring.
    fn plain_opener(&self, w: &Range<usize>) -> bool {
        w.len() == 1
            && self.starts_sentence(w.start)
            && lexicon::lower(self.word(w.start)).common >= OPENER_COUNT
            && lexicon::flags(self.word(w.start)) == 0
    }

    fn trim(&self, mut w: Range<usize>) -> Range<usize> {
        while w.start < w.end && !self.capital(w.start) && !is_particle(self.word(w.start)) {
            w.start += 1;
        }
        while w.end > w.start && !self.tokens[w.end - 1].is(WORD) {
            w.end -= 1;
        }
        w
    }
}
