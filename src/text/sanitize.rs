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

/// What stands for a whole escape sequence taken out of untrusted text.
pub const SEQUENCE_PLACEHOLDER: char = '\u{241b}';

/// Untrusted text with every terminal escape sequence (CSI `ESC [ … m`, OSC `ESC ] … BEL`
/// such as `]52;` clipboard writes, DCS, SOS, PM, APC, two-character `ESC x`, and their C1
/// forms U+009B, U+009D, U+0090, U+0098, U+009E, U+009F) replaced by one visible `␛`: not just
/// its ESC, which would leave `]52;…` on screen. With `entities`, the Markdown character
/// references that decode to those introducers (`&#27;`, `&#x9b;`, …) count as them too. A
/// string sequence ends at its terminator (BEL, `ESC \`, U+009C) or, unterminated, at the end
/// of the line. Single control characters are left to [`safe_char`].
pub fn strip_sequences(s: &str, entities: bool) -> Cow<'_, str> {
    if !(has_introducer(s.as_bytes()) || entities && memchr::memmem::find(s.as_bytes(), b"&#").is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let Some((c, len)) = introducer(rest, entities) else {
            let c = rest.chars().next().unwrap_or('\0');
            out.push(c);
            i += c.len_utf8();
            continue;
        };
        i += len;
        i += match c {
            '\u{1b}' => escape_body(&s[i..], entities),
            '\u{9b}' => csi_body(&s[i..]),
            _ => string_body(&s[i..], entities),
        };
        out.push(SEQUENCE_PLACEHOLDER);
    }
    Cow::Owned(out)
}

/// Whether `bytes` (UTF-8) hold ESC or one of the C1 introducers (encoded `C2 90`, `C2 98`,
/// `C2 9B`, `C2 9D`, `C2 9E`, `C2 9F`): a vectorised scan, since most text holds none.
fn has_introducer(bytes: &[u8]) -> bool {
    memchr::memchr2_iter(0x1b, 0xc2, bytes)
        .any(|i| bytes[i] == 0x1b || matches!(bytes.get(i + 1), Some(0x90 | 0x98 | 0x9b | 0x9d | 0x9e | 0x9f)))
}

/// The introducer at the start of `s` (a control character, or with `entities` a character
/// reference to one), as the character and its length in bytes.
fn introducer(s: &str, entities: bool) -> Option<(char, usize)> {
    let c = s.chars().next()?;
    if matches!(c, '\u{1b}' | '\u{9b}' | '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}') {
        return Some((c, c.len_utf8()));
    }
    if !entities || !s.starts_with("&#") {
        return None;
    }
    let body = &s[2..];
    let (hex, digits) = match body.strip_prefix(['x', 'X']) {
        Some(h) => (true, h),
        None => (false, body),
    };
    let n = digits.bytes().take_while(|b| if hex { b.is_ascii_hexdigit() } else { b.is_ascii_digit() }).count();
    if n == 0 || n > 8 || digits.as_bytes().get(n) != Some(&b';') {
        return None;
    }
    let value = u32::from_str_radix(&digits[..n], if hex { 16 } else { 10 }).ok()?;
    let c = char::from_u32(value)?;
    let len = 2 + usize::from(hex) + n + 1;
    introducer(c.encode_utf8(&mut [0; 4]), false).map(|(c, _)| (c, len))
}

/// After ESC: a CSI or string sequence, or a two-character one (intermediates, then a final).
fn escape_body(s: &str, entities: bool) -> usize {
    match s.chars().next() {
        Some('[') => 1 + csi_body(&s[1..]),
        Some(']' | 'P' | 'X' | '^' | '_') => 1 + string_body(&s[1..], entities),
        Some(_) => {
            let inter = s.bytes().take_while(|b| (0x20..=0x2f).contains(b)).count();
            inter + usize::from(s.as_bytes().get(inter).is_some_and(|b| (0x30..=0x7e).contains(b)))
        }
        None => 0,
    }
}

/// After CSI: parameters, intermediates and the final byte, as far as they go.
fn csi_body(s: &str) -> usize {
    let b = s.as_bytes();
    let params = b.iter().take_while(|b| (0x30..=0x3f).contains(*b)).count();
    let inter = b[params..].iter().take_while(|b| (0x20..=0x2f).contains(*b)).count();
    let end = params + inter;
    end + usize::from(b.get(end).is_some_and(|b| (0x40..=0x7e).contains(b)))
}

/// After OSC, DCS, SOS, PM or APC: up to and including the terminator, or up to the line's end.
fn string_body(s: &str, entities: bool) -> usize {
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if rest.starts_with('\n') {
            return i;
        }
        if rest.starts_with('\u{7}') || rest.starts_with('\u{9c}') {
            return i + rest.chars().next().map_or(1, char::len_utf8);
        }
        if rest.starts_with("\u{1b}\\") {
            return i + 2;
        }
        if entities
            && let Some((_, len)) = introducer(rest, true).filter(|(c, _)| *c == '\u{1b}')
            && rest[len..].starts_with('\\')
        {
            return i + len + 1;
        }
        if entities && (rest.starts_with("&#7;") || rest.starts_with("&#x7;") || rest.starts_with("&#X7;")) {
            return i + rest.find(';').map_or(1, |k| k + 1);
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    i
}

/// Line breaks made `\n` where a file uses lone carriage returns (old Mac files): one byte for
/// one byte, so offsets into the text stay valid. CRLF is left alone.
pub fn lone_cr_to_lf(s: Cow<'_, str>) -> Cow<'_, str> {
    let b = s.as_bytes();
    if !memchr::memchr_iter(b'\r', b).any(|i| b.get(i + 1) != Some(&b'\n')) {
        return s;
    }
    let mut bytes = s.into_owned().into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Only ASCII bytes changed.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_default())
}

/// Text for a line-oriented output that may reach a terminal (error messages, `newsdesk list`):
/// escape sequences and control characters made visible; line breaks kept.
pub fn printable(s: &str) -> String {
    strip_sequences(s, false).split('\n').map(|line| sanitize(line).into_owned()).collect::<Vec<_>>().join("\n")
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
    #[case::sgr("a\u{1b}[31mred\u{1b}[0m b", "a␛red␛ b")]
    #[case::osc52_bel("x\u{1b}]52;c;ZXZpbA==\u{7}y", "x␛y")]
    #[case::osc_st("x\u{1b}]0;title\u{1b}\\y", "x␛y")]
    #[case::osc_unterminated_ends_at_the_line("x\u{1b}]52;c;AAAA\nnext", "x␛\nnext")]
    #[case::dcs("\u{1b}P1$qm\u{1b}\\after", "␛after")]
    #[case::apc("\u{1b}_Gf=100;AAAA\u{1b}\\ok", "␛ok")]
    #[case::two_char("\u{1b}c reset", "␛ reset")]
    #[case::charset("\u{1b}(B text", "␛ text")]
    #[case::lone_esc_at_end("end\u{1b}", "end␛")]
    #[case::c1_csi("\u{9b}2Jx", "␛x")]
    #[case::c1_osc("\u{9d}52;c;AA\u{9c}x", "␛x")]
    #[case::private_mode("\u{1b}[?1049h", "␛")]
    #[case::plain("no escapes here, ] [ 52;", "no escapes here, ] [ 52;")]
    fn strips_whole_escape_sequences(#[case] input: &str, #[case] expected: &str) {
        assert_eq!(strip_sequences(input, false), expected);
    }

    #[rstest]
    #[case::decimal("a&#27;]52;c;AA&#7;b", "a␛b")]
    #[case::hex("a&#x1B;[2Jb", "a␛b")]
    #[case::padded("a&#x0001b;[2Jb", "a␛b")]
    #[case::c1("a&#155;2Jb", "a␛b")]
    #[case::st_by_reference("a&#x9d;0;t&#27;\\b", "a␛b")]
    #[case::harmless_reference_kept("&#169; &amp; &#65;", "&#169; &amp; &#65;")]
    fn markdown_references_to_introducers_count_too(#[case] input: &str, #[case] expected: &str) {
        assert_eq!(strip_sequences(input, true), expected);
        // Without `entities` the references are text.
        assert_eq!(strip_sequences(input, false), input.replace('\u{1b}', "␛"));
    }

    #[rstest]
    #[case::lone("a\rb\r", "a\nb\n")]
    #[case::crlf_kept("a\r\nb", "a\r\nb")]
    #[case::mixed("a\r\r\nb", "a\n\r\nb")]
    #[case::none("ab", "ab")]
    fn lone_carriage_returns_become_line_feeds(#[case] input: &str, #[case] expected: &str) {
        assert_eq!(lone_cr_to_lf(Cow::Borrowed(input)), expected);
    }

    #[test]
    fn printable_keeps_lines_and_shows_controls() {
        assert_eq!(printable("a: \u{1b}]52;c;AA\u{7}\nb\t\u{7}"), "a: ␛\nb ␇");
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

    proptest::proptest! {
        /// No introducer survives, placeholders never outnumber the characters taken, and text
        /// without introducers comes back unchanged.
        #[test]
        fn stripping_leaves_no_introducer(text in "[a-z\\[\\];&#x0-9\u{1b}\u{7}\u{9b}\u{9c}\u{9d}\n]{0,80}", entities: bool) {
            let clean = strip_sequences(&text, entities);
            proptest::prop_assert!(!clean.contains(['\u{1b}', '\u{9b}', '\u{9d}', '\u{90}', '\u{98}', '\u{9e}', '\u{9f}']), "{:?}", clean);
            proptest::prop_assert!(clean.chars().count() <= text.chars().count(), "{:?}", clean);
            if !(text.contains(['\u{1b}', '\u{9b}', '\u{9d}']) || entities && text.contains("&#")) {
                proptest::prop_assert_eq!(clean.as_ref(), text.as_str());
            }
        }
    }
}
