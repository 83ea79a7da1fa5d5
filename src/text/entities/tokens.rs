//! Words of running text for the names engine: byte ranges, shape, and where sentences start.

use std::ops::Range;

/// A token: a word (letters, digits, inner apostrophes, hyphens and abbreviation dots) or one
/// punctuation character.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // independent facts about one token, not a state
pub struct Token {
    pub range: Range<usize>,
    pub word: bool,
    /// The first word of a sentence or of a line (where capitals say nothing).
    pub sentence_start: bool,
    /// Whether a line break separates this token from the previous one.
    pub line_start: bool,
    /// The previous token was a word ending in a dot (`U.S.`, `Inc.`): a sentence may have
    /// ended there.
    pub after_dot: bool,
}

/// Abbreviations whose trailing dot belongs to the word (lowercase, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "corp", "ltd", "co", "gen", "sen", "rep", "gov", "lt",
    "col", "capt", "sgt", "rev", "vs", "mt", "ft", "no", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
    "nov", "dec", "messrs", "hon", "pres", "supt", "cmdr", "adm", "maj", "bros", "dept", "univ", "ave", "blvd",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36f}')
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    let mut line_start = true;
    let mut sentence_start = true;
    let mut after_dot = false;
    while let Some(c) = text[i..].chars().next() {
        let len = c.len_utf8();
        if c == '\n' {
            line_start = true;
            sentence_start = true;
            i += len;
            continue;
        }
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if !is_word_char(c) {
            out.push(Token { range: i..i + len, word: false, sentence_start: false, line_start, after_dot: false });
            line_start = false;
            after_dot = false;
            if matches!(c, '.' | '!' | '?' | ':' | ';') {
                sentence_start = true;
            }
            i += len;
            continue;
        }
        let end = word_end(text, i);
        out.push(Token { range: i..end, word: true, sentence_start, line_start, after_dot });
        after_dot = text[..end].ends_with('.');
        sentence_start = false;
        line_start = false;
        i = end;
    }
    out
}

/// Where the word starting at `start` ends: letters, digits and marks; an apostrophe or hyphen
/// between word characters (but a possessive `'s` is left out); a dot after an initial
/// (`J.`, `U.S.`) or a known abbreviation (`Mr.`, `Inc.`).
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut segment_start = start;
    while let Some(next) = text[end..].chars().next() {
        if is_word_char(next) {
            end += next.len_utf8();
            continue;
        }
        let after = end + next.len_utf8();
        let following = text[after..].chars().next();
        if matches!(next, '\'' | '’' | '-' | '‑') && following.is_some_and(is_word_char) {
            let tail_len = text[after..].find(|c: char| !is_word_char(c)).unwrap_or(text.len() - after);
            if matches!(next, '\'' | '’') && matches!(&text[after..after + tail_len], "s" | "S") {
                break;
            }
            end = after;
            continue;
        }
        if next == '.' {
            let segment = &text[segment_start..end];
            let initial = segment.chars().count() == 1 && segment.chars().all(char::is_alphabetic);
            let abbreviation = ABBREVIATIONS.contains(&text[start..end].to_lowercase().as_str());
            if initial || abbreviation {
                end = after;
                // Initials chain on: "U.S.", "J.R.R.".
                let chain = following.is_some_and(char::is_alphabetic) && text[after..].chars().nth(1) == Some('.');
                if initial && chain {
                    segment_start = end;
                    continue;
                }
            }
        }
        break;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().filter(|t| t.word).map(|t| &text[t.range]).collect()
    }

    #[test]
    fn words_keep_inner_hyphens_initials_and_abbreviations() {
        assert_eq!(
            words("Kim Jong-un met Mr. Park in the U.S. on Feb. 9."),
            ["Kim", "Jong-un", "met", "Mr.", "Park", "in", "the", "U.S.", "on", "Feb.", "9"]
        );
    }

    #[test]
    fn possessives_split_off() {
        assert_eq!(
            words("Kim's regime and Kim’s plan, don't"),
            ["Kim", "s", "regime", "and", "Kim", "s", "plan", "don't"]
        );
    }

    #[test]
    fn sentence_starts_after_stops_and_line_breaks() {
        let text = "One two. Three four\nFive: Six";
        let starts: Vec<&str> =
            tokenize(text).into_iter().filter(|t| t.word && t.sentence_start).map(|t| &text[t.range]).collect();
        assert_eq!(starts, ["One", "Three", "Five", "Six"]);
    }
}
