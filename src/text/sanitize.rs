//! The one gate between article text and the terminal: control characters made harmless, widths in cells.

use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

/// Maps one character of untrusted text to what may be drawn for it.
///
/// The mapping is one char to one char so byte ranges found on the original text map to columns
/// without bookkeeping. C0 controls become their Unicode "control picture" (ESC shows as `␛`),
/// DEL and C1 controls a replacement character, tabs a space, and bidirectional overrides (which
/// could reorder what the reader sees) a replacement character too.
pub fn safe_char(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => ' ',
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '\u{fffd}',
        _ => c,
    }
}

/// Width in terminal cells of `c` as it will be drawn (after [`safe_char`]).
pub fn char_width(c: char) -> usize {
    if c.is_ascii() && !c.is_ascii_control() {
        return 1;
    }
    safe_char(c).width().unwrap_or(0)
}

/// Width in terminal cells of a string as drawn.
pub fn str_width(s: &str) -> usize {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.len();
    }
    s.chars().map(char_width).sum()
}

/// The text with every character passed through [`safe_char`]; borrowed when nothing changes.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| safe_char(c) == c) { Cow::Borrowed(s) } else { Cow::Owned(s.chars().map(safe_char).collect()) }
}

/// Sanitized text cut to at most `width` cells, with `…` when something was cut.
pub fn truncate(s: &str, width: usize) -> String {
    if str_width(s) <= width {
        return sanitize(s).into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(safe_char(c));
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::escape("a\u{1b}[31mb", "a␛[31mb")]
    #[case::bell("\u{7}", "␇")]
    #[case::c1_csi("\u{9b}2J", "\u{fffd}2J")]
    #[case::del("\u{7f}", "\u{2421}")]
    #[case::bidi_override("x\u{202e}y", "x\u{fffd}y")]
    #[case::tab("a\tb", "a b")]
    #[case::plain_unicode("Müller 東京 🍜", "Müller 東京 🍜")]
    fn sanitize_makes_controls_visible(#[case] input: &str, #[case] expected: &str) {
        assert_eq!(sanitize(input), expected);
    }

    #[rstest]
    #[case::ascii("abc", 3)]
    #[case::cjk("東京", 4)]
    #[case::emoji("🍜", 2)]
    #[case::combining("e\u{301}", 1)]
    #[case::control("\u{1b}", 1)]
    fn widths_in_cells(#[case] input: &str, #[case] cells: usize) {
        assert_eq!(str_width(input), cells);
    }

    #[test]
    fn truncate_respects_wide_characters() {
        assert_eq!(truncate("東京大学", 5), "東京…");
        assert_eq!(truncate("short", 10), "short");
        assert!(str_width(&truncate("東京大学東京大学", 7)) <= 7);
    }
}
