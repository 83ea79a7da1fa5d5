//! Tokens of one line for the numeric scanner: words, numbers and single symbols, each a byte
//! range with its class and whether white space separates it from the token before.

use super::words::{self, Word};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Letters (any script).
    Word,
    /// ASCII digits with inner `,` or `.` between digits: `8,192`, `14.7`, `2.1.3`.
    Num,
    /// Any other single character that is not white space.
    Sym(char),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    Lower,
    /// First letter upper case (a single capital letter counts here).
    Title,
    /// Two or more letters, all upper case.
    Upper,
    /// Starts with a letter that has no case.
    Other,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) shape: Shape,
    pub(super) word: Word,
    pub(super) case: Case,
    /// No white space between this token and the one before it.
    pub(super) glued: bool,
}

/// Appends the tokens of `line` to `out`, with ranges offset by `base`.
pub(super) fn lex(line: &str, base: usize, out: &mut Vec<Tok>) {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut glued = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            glued = false;
            continue;
        }
        let start = i;
        let shape = if b.is_ascii_digit() {
            i = number_end(bytes, i);
            Shape::Num
        } else if b.is_ascii_alphabetic() {
            i = word_end(line, i);
            Shape::Word
        } else if b < 0x80 {
            i += 1;
            Shape::Sym(char::from(b))
        } else {
            let Some(c) = line[i..].chars().next() else { break };
            if c.is_whitespace() {
                i += c.len_utf8();
                glued = false;
                continue;
            }
            if c.is_alphabetic() {
                i = word_end(line, i);
                Shape::Word
            } else {
                i += c.len_utf8();
                Shape::Sym(c)
            }
        };
        let (word, case) = if shape == Shape::Word { word_class(&line[start..i]) } else { (Word::Other, Case::Other) };
        out.push(Tok { start: base + start, end: base + i, shape, word, case, glued });
        glued = true;
    }
}

/// The end of the digit run at `i`, taking in `,` and `.` that sit between digits.
fn number_end(bytes: &[u8], mut i: usize) -> usize {
    loop {
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i + 1 < bytes.len() && matches!(bytes[i], b',' | b'.') && bytes[i + 1].is_ascii_digit() {
            i += 2;
        } else {
            return i;
        }
    }
}

/// The end of the run of letters at `i` (ASCII fast, other scripts by `char::is_alphabetic`).
fn word_end(line: &str, mut i: usize) -> usize {
    let bytes = line.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphabetic() {
            i += 1;
        } else if b >= 0x80 {
            match line[i..].chars().next() {
                Some(c) if c.is_alphabetic() => i += c.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    i
}

fn word_class(w: &str) -> (Word, Case) {
    let bytes = w.as_bytes();
    let first = bytes[0];
    let case = if first.is_ascii_uppercase() {
        if bytes.len() >= 2 && bytes.iter().all(u8::is_ascii_uppercase) { Case::Upper } else { Case::Title }
    } else if first.is_ascii_lowercase() {
        Case::Lower
    } else {
        match w.chars().next() {
            Some(c) if c.is_uppercase() => Case::Title,
            Some(c) if c.is_lowercase() => Case::Lower,
            _ => Case::Other,
        }
    };
    let word = if w.is_ascii() && bytes.len() <= words::MAX_LEN { words::classify(bytes) } else { Word::Other };
    (word, case)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(&str, bool)> {
        let mut toks = Vec::new();
        lex(text, 0, &mut toks);
        toks.iter().map(|t| (&text[t.start..t.end], t.glued)).collect()
    }

    #[test]
    fn numbers_keep_inner_separators_and_words_split_from_digits() {
        assert_eq!(
            shapes("$8,192.5m on 2.1.3, F-35 café’s"),
            vec![
                ("$", false),
                ("8,192.5", true),
                ("m", true),
                ("on", false),
                ("2.1.3", false),
                (",", true),
                ("F", false),
                ("-", true),
                ("35", true),
                ("café", false),
                ("’", true),
                ("s", true),
            ]
        );
    }

    #[test]
    fn unicode_white_space_separates_tokens() {
        assert_eq!(shapes("10\u{a0}%\u{2009}x"), vec![("10", false), ("%", false), ("x", false)]);
    }
}
