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

/// The text with runs of zero-width characters capped ([`cap_marks`]) and every character
/// passed through [`safe_char`]; borrowed when nothing changes.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    match cap_marks(s) {
        Cow::Borrowed(s) if s.chars().all(|c| safe_char(c) == c) => Cow::Borrowed(s),
        capped => Cow::Owned(capped.chars().map(safe_char).collect()),
    }
}

/// What stands for a whole escape sequence taken out of untrusted text.
pub const SEQUENCE_PLACEHOLDER: char = '\u{241b}';

/// A string sequence (OSC, DCS, SOS, PM, APC) or CSI longer than this is not taken out whole:
/// its introducer shows as `␛` and the rest stays as text, so a far terminator cannot hide a
/// long stretch of a line.
pub const MAX_SEQUENCE: usize = 4096;

/// Zero-width characters (combining marks, variation selectors, joiners) kept after one base
/// character; real text needs a few (Vietnamese two, a flag's tag sequence seven).
pub const MAX_MARKS: usize = 8;

/// What stands after the kept marks of a base character that had more.
pub const MARKS_DROPPED: char = '\u{22ef}';

/// Untrusted text made safe to parse, measure and draw: every terminal escape sequence (CSI
/// `ESC [ … m`, OSC `ESC ] … BEL` such as `]52;` clipboard writes, DCS, SOS, PM, APC,
/// two-character `ESC x`, and their C1 forms U+009B, U+009D, U+0090, U+0098, U+009E, U+009F)
/// replaced by one visible `␛`: not just its ESC, which would leave `]52;…` on screen; and runs
/// of more than [`MAX_MARKS`] zero-width characters on one base character cut to that many,
/// followed by [`MARKS_DROPPED`]. With `entities`, the Markdown character references that
/// decode to those introducers (`&#27;`, `&#x9b;`, …) count as them too.
///
/// A sequence is taken out whole only when it is complete: a string sequence up to its
/// terminator (BEL, `ESC \`, U+009C) on the same line, a CSI up to its final byte, both within
/// [`MAX_SEQUENCE`] bytes. An introducer without its end is shown as `␛` and the text after it
/// stays. Single control characters are left to [`safe_char`].
pub fn strip_sequences(s: &str, entities: bool) -> Cow<'_, str> {
    let stripped = if has_introducer(s.as_bytes()) || entities && memchr::memmem::find(s.as_bytes(), b"&#").is_some() {
        Cow::Owned(strip(s, entities))
    } else {
        Cow::Borrowed(s)
    };
    match stripped {
        Cow::Borrowed(s) => cap_marks(s),
        Cow::Owned(s) => Cow::Owned(cap_marks(&s).into_owned()),
    }
}

fn strip(s: &str, entities: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    while i < s.len() {
        // Every introducer starts with ESC, the C1 lead byte 0xC2 or (by reference) `&`.
        let Some(at) = memchr::memchr3(0x1b, 0xc2, if entities { b'&' } else { 0x1b }, &bytes[i..]) else { break };
        i += at;
        let Some((c, len)) = introducer(&s[i..], entities) else {
            i += 1;
            continue;
        };
        out.push_str(&s[copied..i]);
        let body = &s[i + len..];
        let taken = match c {
            '\u{1b}' => escape_body(body, entities),
            '\u{9b}' => csi_body(body),
            _ => string_body(body, entities),
        };
        out.push(SEQUENCE_PLACEHOLDER);
        i += len + taken.unwrap_or(0);
        copied = i;
    }
    out.push_str(&s[copied..]);
    out
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

/// After ESC: how much more belongs to a complete sequence (a CSI, a string sequence, or a
/// two-character one: intermediates, then a final byte), or `None` when it is incomplete.
/// `ESC SP` starts a sequence only with the finals that exist for it (F, G, L, M, N), so an ESC
/// before a space and a word does not swallow the word's first letter.
fn escape_body(s: &str, entities: bool) -> Option<usize> {
    let b = s.as_bytes();
    match *b.first()? {
        b'[' => csi_body(&s[1..]).map(|n| n + 1),
        b']' | b'P' | b'X' | b'^' | b'_' => string_body(&s[1..], entities).map(|n| n + 1),
        b' ' => matches!(b.get(1), Some(b'F' | b'G' | b'L' | b'M' | b'N')).then_some(2),
        _ => {
            let inter = b.iter().take_while(|b| (0x20..=0x2f).contains(*b)).count();
            b.get(inter).is_some_and(|b| (0x30..=0x7e).contains(b)).then_some(inter + 1)
        }
    }
}

/// After CSI: parameters, intermediates and the final byte; `None` without a final byte
/// within [`MAX_SEQUENCE`] bytes.
fn csi_body(s: &str) -> Option<usize> {
    let b = &s.as_bytes()[..s.len().min(MAX_SEQUENCE)];
    let params = b.iter().take_while(|b| (0x30..=0x3f).contains(*b)).count();
    let inter = b[params..].iter().take_while(|b| (0x20..=0x2f).contains(*b)).count();
    let end = params + inter;
    b.get(end).is_some_and(|b| (0x40..=0x7e).contains(b)).then_some(end + 1)
}

/// After OSC, DCS, SOS, PM or APC: up to and including the terminator; `None` when the line
/// ends first or the terminator is more than [`MAX_SEQUENCE`] bytes away.
fn string_body(s: &str, entities: bool) -> Option<usize> {
    let mut i = 0;
    while i < s.len().min(MAX_SEQUENCE) {
        let rest = &s[i..];
        if rest.starts_with('\n') {
            return None;
        }
        if rest.starts_with('\u{7}') || rest.starts_with('\u{9c}') {
            return Some(i + rest.chars().next().map_or(1, char::len_utf8));
        }
        if rest.starts_with("\u{1b}\\") {
            return Some(i + 2);
        }
        if entities
            && let Some((_, len)) = introducer(rest, true).filter(|(c, _)| *c == '\u{1b}')
            && rest[len..].starts_with('\\')
        {
            return Some(i + len + 1);
        }
        if entities && (rest.starts_with("&#7;") || rest.starts_with("&#x7;") || rest.starts_with("&#X7;")) {
            return Some(i + rest.find(';').map_or(1, |k| k + 1));
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Whether `c` draws nothing of its own and joins the character before it in one cell:
/// combining marks, variation selectors, joiners, tag characters.
fn is_mark(c: char) -> bool {
    !c.is_ascii() && c.width() == Some(0)
}

/// `s` with runs of more than [`MAX_MARKS`] zero-width characters cut (see
/// [`strip_sequences`]); borrowed when there is none.
pub fn cap_marks(s: &str) -> Cow<'_, str> {
    if !has_mark_run(s.as_bytes()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    MarkCap::default().push(&mut out, s);
    Cow::Owned(out)
}

/// Whether `bytes` may hold more than [`MAX_MARKS`] zero-width characters in a row. Each takes
/// two bytes or more, none ASCII: only runs of that many non-ASCII bytes are decoded, so plain
/// text is scanned at memory speed.
fn has_mark_run(bytes: &[u8]) -> bool {
    const MIN_RUN: usize = 2 * (MAX_MARKS + 1);
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Mostly-ASCII text: skip whole ASCII chunks at once.
        if i == run_start && bytes.len() - i >= 16 && bytes[i..i + 16].is_ascii() {
            i += 16;
            run_start = i;
            continue;
        }
        if bytes[i] < 0x80 {
            i += 1;
            run_start = i;
            continue;
        }
        let end = i + bytes[i..].iter().take_while(|&&b| b >= 0x80).count();
        if end - i >= MIN_RUN {
            // A run of whole characters: it starts and ends next to ASCII or the text's ends.
            if let Ok(run) = std::str::from_utf8(&bytes[i..end])
                && longest_mark_run(run) > MAX_MARKS
            {
                return true;
            }
        }
        i = end;
        run_start = i;
    }
    false
}

fn longest_mark_run(s: &str) -> usize {
    let (mut run, mut longest) = (0, 0);
    for c in s.chars() {
        run = if is_mark(c) { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// Appends text while capping zero-width runs (see [`strip_sequences`]), across several
/// appends: for text built piece by piece, such as Markdown's decoded character references.
#[derive(Debug, Clone, Copy, Default)]
pub struct MarkCap {
    run: usize,
}

impl MarkCap {
    /// Whether `c`, the next character of a text, is kept: not when it is a zero-width
    /// character past [`MAX_MARKS`] on one base.
    pub fn admits(&mut self, c: char) -> bool {
        if is_mark(c) {
            self.run += 1;
            self.run <= MAX_MARKS
        } else {
            self.run = 0;
            true
        }
    }

    pub fn push(&mut self, out: &mut String, s: &str) {
        if s.is_ascii() {
            self.run = if s.is_empty() { self.run } else { 0 };
            out.push_str(s);
            return;
        }
        for c in s.chars() {
            if !is_mark(c) {
                self.run = 0;
                out.push(c);
                continue;
            }
            self.run += 1;
            if self.run <= MAX_MARKS {
                out.push(c);
            } else if self.run == MAX_MARKS + 1 {
                out.push(MARKS_DROPPED);
            }
        }
    }
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
    let s = cap_marks(s);
    if str_width(&s) <= width {
        return sanitize(&s).into_owned();
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
    #[case::osc_to_the_line_end("x\u{1b}]52;c;AAAA\nnext", "x␛]52;c;AAAA\nnext")]
    #[case::osc_to_the_text_end("x\u{1b}]0;title", "x␛]0;title")]
    #[case::osc_terminated_on_the_next_line("a\u{1b}]0;t\nb\u{7}c", "a␛]0;t\nb\u{7}c")]
    #[case::dcs("\u{1b}Pq#0;2 rest", "␛Pq#0;2 rest")]
    #[case::sos("\u{1b}X start of string", "␛X start of string")]
    #[case::pm("\u{1b}^ privacy", "␛^ privacy")]
    #[case::apc("\u{1b}_Gf=100 left", "␛_Gf=100 left")]
    #[case::c1_osc("a\u{9d}52;c;AA\nb", "a␛52;c;AA\nb")]
    #[case::c1_dcs("a\u{90}q rest", "a␛q rest")]
    #[case::c1_sos("a\u{98} rest", "a␛ rest")]
    #[case::c1_pm("a\u{9e} rest", "a␛ rest")]
    #[case::c1_apc("a\u{9f} rest", "a␛ rest")]
    #[case::csi_without_final_byte("a\u{1b}[12\nb", "a␛[12\nb")]
    #[case::c1_csi_without_final_byte("a\u{9b}12", "a␛12")]
    #[case::escape_space_keeps_the_word("say \u{1b} word", "say ␛ word")]
    #[case::escape_space_before_a_letter("\u{1b} a", "␛ a")]
    #[case::escape_space_sequence("\u{1b} Fx", "␛x")]
    #[case::charset_without_final("\u{1b}(\nx", "␛(\nx")]
    fn an_introducer_without_its_end_hides_nothing(#[case] input: &str, #[case] expected: &str) {
        assert_eq!(strip_sequences(input, false), expected);
    }

    #[test]
    fn a_terminator_too_far_away_hides_nothing() {
        let payload = "A".repeat(MAX_SEQUENCE);
        let input = format!("x\u{1b}]52;c;{payload}\u{7}y");
        assert_eq!(strip_sequences(&input, false), format!("x␛]52;c;{payload}\u{7}y"));
        let near = format!("x\u{1b}]52;c;{}\u{7}y", &payload[..MAX_SEQUENCE - 16]);
        assert_eq!(strip_sequences(&near, false), "x␛y");
    }

    #[test]
    fn a_reference_without_its_end_hides_nothing() {
        assert_eq!(strip_sequences("a&#27;]52;c;AA\nb", true), "a␛]52;c;AA\nb");
        assert_eq!(strip_sequences("a&#x9d;0;t rest", true), "a␛0;t rest");
    }

    fn marks(base: &str, mark: char, n: usize) -> String {
        std::iter::once(base).chain(std::iter::repeat_n(mark.encode_utf8(&mut [0; 4]) as &str, n)).collect()
    }

    #[rstest]
    #[case::combining_marks('\u{301}', 10_000)]
    #[case::variation_selectors('\u{fe0f}', 5_000)]
    #[case::zero_width_joiners('\u{200d}', 3_000)]
    #[case::tags('\u{e0067}', 1_000)]
    #[case::just_over('\u{301}', MAX_MARKS + 1)]
    fn runaway_marks_are_capped_and_the_cut_shows(#[case] mark: char, #[case] n: usize) {
        let text = format!("{} after", marks("a", mark, n));
        let expected = format!("{}{MARKS_DROPPED} after", marks("a", mark, MAX_MARKS));
        assert_eq!(strip_sequences(&text, false), expected);
        assert_eq!(cap_marks(&text), expected);
        assert_eq!(sanitize(&text), expected);
        assert_eq!(truncate(&text, 80), expected);
        let mut built = String::new();
        let mut cap = MarkCap::default();
        cap.push(&mut built, "a");
        for _ in 0..n {
            cap.push(&mut built, mark.encode_utf8(&mut [0; 4]));
        }
        cap.push(&mut built, " after");
        assert_eq!(built, expected, "piece by piece");
    }

    #[rstest]
    #[case::accent("Mu\u{308}ller e\u{301}")]
    #[case::vietnamese("ệ Vie\u{323}\u{302}t")]
    #[case::scotland_flag("\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}")]
    #[case::family("\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{200d}\u{1f466}")]
    #[case::exactly_the_cap("a\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}")]
    #[case::cjk_run("東京大学東京大学東京大学東京大学 ok")]
    fn real_text_keeps_its_marks(#[case] text: &str) {
        assert!(matches!(strip_sequences(text, false), Cow::Borrowed(_)));
        assert!(matches!(cap_marks(text), Cow::Borrowed(_)));
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
