//! Tokens of running text for the name tagger: byte ranges, and where lines and sentences start.
//!
//! A token is a word (letters and digits, an inner apostrophe, `&` between capitals, the dot of
//! an initial or a known abbreviation, separators inside a number) or one punctuation character.
//! Hyphens and a possessive `'s` are tokens of their own, so `Singapore-based` reads as
//! `Singapore`, `-`, `based` and `Kim Jong-un` as `Kim`, `Jong`, `-`, `un`.

use std::ops::Range;

/// One token and what its surroundings say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    /// Facts about the token: the `WORD`, `SPACE_BEFORE`, `LINE_START`, `SENTENCE_START` and
    /// `AFTER_DOT` bits.
    pub bits: u8,
}

/// Letters or digits (not punctuation).
pub const WORD: u8 = 1;
/// White space (or the start of the text) comes just before.
pub const SPACE_BEFORE: u8 = 2;
/// The first token of a line.
pub const LINE_START: u8 = 4;
/// The first word of a sentence or a line, where a capital says nothing of a name.
pub const SENTENCE_START: u8 = 8;
/// The word before ended with an abbreviation's dot (`U.S.`, `Inc.`): a sentence may have ended.
pub const AFTER_DOT: u8 = 16;

impl Token {
    pub fn is(&self, bit: u8) -> bool {
        self.bits & bit != 0
    }
}

/// Abbreviations whose trailing dot belongs to the word (lower case, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "corp", "ltd", "co", "gen", "sen", "rep", "gov", "lt",
    "col", "capt", "sgt", "rev", "vs", "mt", "ft", "no", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
    "nov", "dec", "messrs", "hon", "pres", "supt", "cmdr", "adm", "maj", "bros", "dept", "univ", "ave", "blvd",
    "calif", "conn", "mass", "wash", "fla", "ariz", "penn", "tenn", "mich", "minn", "okla", "ore", "wis", "va", "pa",
    "ga", "ill", "ind", "colo", "ky", "md", "mo", "nev", "neb", "kan", "ala", "miss", "del", "cpl", "pvt", "det",
    "insp", "gov't", "govt", "assn", "est", "approx", "fig", "vol", "op",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36f}')
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let (mut i, mut space, mut line, mut sentence, mut dot) = (0, true, true, true, false);
    let bytes = text.as_bytes();
    while i < text.len() {
        let b = bytes[i];
        if b == b'\n' || b == b' ' || b == b'\t' || b == b'\r' {
            line |= b == b'\n';
            sentence |= b == b'\n';
            space = true;
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            space = true;
            i += c.len_utf8();
            continue;
        }
        let mut bits = (u8::from(space) * SPACE_BEFORE) | (u8::from(line) * LINE_START);
        let end = if is_word_char(c) { word_end(text, i) } else { i + c.len_utf8() };
        if is_word_char(c) {
            bits |= WORD | (u8::from(sentence) * SENTENCE_START) | (u8::from(dot) * AFTER_DOT);
            sentence = false;
            dot = text[..end].ends_with('.');
        } else if matches!(c, '.' | '!' | '?' | ':' | ';' | '•' | '|') {
            sentence = true;
            dot = false;
        } else if !matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’' | '(' | '[' | '-' | '—' | '–' | '*' | '_')
        {
            // An opening quote, a bracket or a dash keeps what came before: `"North Korea`.
            dot = false;
        }
        out.push(Token { range: i..end, bits });
        (space, line) = (false, false);
        i = end;
    }
    out
}

/// Where the word starting at `start` ends: letters, digits and marks; an apostrophe between
/// letters (not a possessive `'s`); `&` between capitals (`AT&T`); `.` or `,` between digits; a
/// dot after an initial (`J.`, `U.S.`) or a known abbreviation (`Mr.`, `Inc.`).
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut segment = start;
    while let Some(next) = text[end..].chars().next() {
        if is_word_char(next) {
            end += next.len_utf8();
            continue;
        }
        let after = end + next.len_utf8();
        let prev = text[..end].chars().next_back();
        let following = text[after..].chars().next();
        let inner = match next {
            '\'' | '’' => {
                let tail =
                    text[after..].find(|c: char| !is_word_char(c)).map_or(&text[after..], |n| &text[after..after + n]);
                following.is_some_and(char::is_alphabetic) && !matches!(tail, "s" | "S")
            }
            '&' => prev.is_some_and(char::is_uppercase) && following.is_some_and(char::is_uppercase),
            ',' | '.' if prev.is_some_and(|c| c.is_ascii_digit()) => following.is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
        if inner {
            end = after;
            continue;
        }
        if next == '.' && dotted(text, start, segment, end) {
            end = after;
            // Initials chain on: "U.S.", "J.R.R.".
            if following.is_some_and(char::is_alphabetic) && text[after..].chars().nth(1) == Some('.') {
                segment = end;
                continue;
            }
        }
        break;
    }
    end
}

/// Whether the dot after `text[start..end]` belongs to the word: an initial or an abbreviation.
fn dotted(text: &str, start: usize, segment: usize, end: usize) -> bool {
    let part = &text[segment..end];
    let mut chars = part.chars();
    let initial = chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
    let word = &text[start..end];
    initial || (word.len() <= 7 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)))
}

/// A word's short shape: capitals `X`, lower case `x`, digits `d`, other characters as
/// themselves, repeats collapsed (`McDonald` → `XxXx`, `U.S.` → `X.X.`, `1,000` → `d,d`).
pub fn shape(word: &str, buf: &mut Vec<u8>) {
    buf.clear();
    for c in word.chars() {
        let s = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'~'
        };
        if buf.last() != Some(&s) {
            buf.push(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|t| &text[t.range]).collect()
    }

    #[test]
    fn words_keep_initials_abbreviations_and_inner_apostrophes() {
        assert_eq!(
            texts("Mr. O'Brien met J.R. Smith in the U.S. on Feb. 9."),
            ["Mr.", "O'Brien", "met", "J.R.", "Smith", "in", "the", "U.S.", "on", "Feb.", "9", "."]
        );
    }

    #[test]
    fn hyphens_and_possessives_are_tokens_of_their_own() {
        assert_eq!(
            texts("Kim Jong-un's Singapore-based"),
            ["Kim", "Jong", "-", "un", "'", "s", "Singapore", "-", "based"]
        );
        assert_eq!(texts("AT&T paid 1,250.50 don't"), ["AT&T", "paid", "1,250.50", "don't"]);
    }

    #[test]
    fn sentences_start_after_stops_quotes_and_line_breaks() {
        let text = "One two. \"Three four\nFive: Six said U.S. Steel";
        let starts: Vec<&str> =
            tokenize(text).into_iter().filter(|t| t.is(SENTENCE_START)).map(|t| &text[t.range]).collect();
        assert_eq!(starts, ["One", "Three", "Five", "Six"]);
        let tokens = tokenize(text);
        let steel = tokens.iter().find(|t| &text[t.range.clone()] == "Steel").expect("a token");
        assert!(steel.is(AFTER_DOT) && !steel.is(SENTENCE_START));
    }

    #[test]
    fn glued_tokens_have_no_space_before() {
        let tokens = tokenize("Korea-aligned");
        assert_eq!(tokens.iter().map(|t| t.is(SPACE_BEFORE)).collect::<Vec<_>>(), [true, false, false]);
    }
}
