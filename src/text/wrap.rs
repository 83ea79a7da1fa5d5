//! Wrapping a document to a width: visual lines as byte ranges of the document text.

use std::ops::Range;

use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;

use super::doc::{Block, BlockKind, Document};
use super::sanitize::char_width;

/// What a visual line shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Text of block `block`; `first` is its first visual line (where a list marker goes).
    Text { block: usize, first: bool },
    /// The metadata line under the title: author, date, source.
    Meta,
    /// The line under it: length, reading time, tags.
    Stats,
    /// Load warning number `0` of the article, under the metadata line.
    Note(usize),
    /// A horizontal rule of block `block`.
    Rule { block: usize },
    /// An empty separator line.
    Blank,
}

/// One line on screen: what it is and which bytes of the document text it shows.
///
/// Lines that show no text carry an empty range at the position they stand at, so line starts
/// never decrease and a byte offset always maps back to a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualLine {
    pub kind: LineKind,
    pub range: Range<usize>,
}

/// What stands between the title and the body: the metadata line (when the article has a
/// byline, date or source), the stats line, then one line per load warning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Header {
    pub meta: bool,
    pub notes: usize,
}

/// A document wrapped to a width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub width: usize,
    pub lines: Vec<VisualLine>,
}

impl Layout {
    /// Wraps `doc` to `width` cells (at least 1), with the `header` lines under the title.
    /// Large documents are wrapped in two halves on two threads: blocks wrap
    /// independently of each other.
    pub fn new(doc: &Document, width: usize, header: Header) -> Self {
        let width = width.max(1);
        let count = doc.blocks.len();
        let split = if doc.text.len() >= PARALLEL_BYTES {
            doc.blocks.partition_point(|b| b.range.start < doc.text.len() / 2).max(1)
        } else {
            count
        };
        let lines = if split < count {
            std::thread::scope(|s| {
                let tail = s.spawn(|| wrap_blocks(doc, split..count, width, header));
                let mut lines = wrap_blocks(doc, 0..split, width, header);
                lines.extend(tail.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
                lines
            })
        } else {
            wrap_blocks(doc, 0..count, width, header)
        };
        Self { width, lines }
    }

    /// The index of the last line starting at or before byte `offset`: the line that shows it.
    pub fn line_containing(&self, offset: usize) -> usize {
        self.lines.partition_point(|l| l.range.start <= offset).saturating_sub(1)
    }

    /// The index of the line showing byte `offset`: the last line starting at or before it, or
    /// the first of several lines starting at the same place (a blank line before its text).
    pub fn line_of(&self, offset: usize) -> usize {
        let last = self.lines.partition_point(|l| l.range.start <= offset).saturating_sub(1);
        let start = self.lines.get(last).map_or(0, |l| l.range.start);
        self.lines.partition_point(|l| l.range.start < start).min(last)
    }
}

/// Documents from this size on are wrapped on two threads.
const PARALLEL_BYTES: usize = 256 * 1024;

/// The lines of blocks `blocks`; the metadata line goes after the title, or before the first
/// block when there is no title (so only into the part that starts the document).
fn wrap_blocks(doc: &Document, blocks: Range<usize>, width: usize, header: Header) -> Vec<VisualLine> {
    let mut lines = Vec::with_capacity(doc.text.len() / width.max(20) + blocks.len() * 2 + 4);
    let mut has_meta = blocks.start > 0;
    for index in blocks {
        let block = &doc.blocks[index];
        let at = block.range.start;
        if index > 0 && block.gap_before && lines.last().is_none_or(|l: &VisualLine| l.kind != LineKind::Blank) {
            // A blank line stands where the text before it ended, so it never shares its start
            // with the first line of the next paragraph (and a view anchored there is exact).
            let end = lines.last().map_or_else(|| last_line_end(doc, index - 1), |l: &VisualLine| l.range.end);
            lines.push(VisualLine { kind: LineKind::Blank, range: end..end });
        }
        if !has_meta && block.kind != BlockKind::Title {
            push_meta(&mut lines, at, header);
            has_meta = true;
        }
        wrap_block(doc, index, block, width, &mut lines);
        if block.kind == BlockKind::Title {
            push_meta(&mut lines, block.range.end, header);
            has_meta = true;
        }
    }
    if !has_meta {
        push_meta(&mut lines, 0, header);
    }
    lines
}

/// Where the last visual line of block `index` ends, without wrapping it: reflowed text ends
/// at its last non-blank character, kept lines at the block's end.
fn last_line_end(doc: &Document, index: usize) -> usize {
    let block = &doc.blocks[index];
    if block.kind.reflows() {
        doc.text[..block.range.end].trim_end().len().max(block.range.start)
    } else {
        block.range.end
    }
}

fn push_meta(lines: &mut Vec<VisualLine>, at: usize, header: Header) {
    if header.meta {
        lines.push(VisualLine { kind: LineKind::Meta, range: at..at });
    }
    lines.push(VisualLine { kind: LineKind::Stats, range: at..at });
    lines.extend((0..header.notes).map(|i| VisualLine { kind: LineKind::Note(i), range: at..at }));
    lines.push(VisualLine { kind: LineKind::Blank, range: at..at });
}

/// Cells taken on the left of a block's first and later lines: quote bars, indent, then the
/// marker (first line) or the hanging indent under it (later lines).
pub fn block_indents(block: &Block) -> (usize, usize) {
    let base = usize::from(block.indent) + 2 * usize::from(block.quote);
    let marker = block.marker.as_deref().map_or(0, super::sanitize::str_width);
    (base + marker, base + usize::from(block.hang))
}

fn wrap_block(doc: &Document, index: usize, block: &Block, width: usize, out: &mut Vec<VisualLine>) {
    let (first_indent, rest_indent) = block_indents(block);
    let first_width = width.saturating_sub(first_indent).max(1);
    let rest_width = width.saturating_sub(rest_indent).max(1);
    let text = &doc.text[block.range.clone()];
    let base = block.range.start;
    let mut first = true;
    let mut push = |range: Range<usize>| {
        out.push(VisualLine { kind: LineKind::Text { block: index, first }, range });
        first = false;
    };
    match block.kind {
        BlockKind::Rule => out.push(VisualLine { kind: LineKind::Rule { block: index }, range: block.range.clone() }),
        kind if kind.reflows() => {
            let pieces = pieces(text, base, first_width.min(rest_width));
            if pieces.is_empty() {
                push(base..base);
            }
            for line in wrap_first_fit(&pieces, &[cells(first_width), cells(rest_width)]) {
                if let (Some(a), Some(b)) = (line.first(), line.last()) {
                    push(a.start..b.end);
                }
            }
        }
        _ => {
            let mut start = 0;
            for source_line in text.split('\n') {
                let end = start + source_line.len();
                for chunk in hard_break(source_line, first_width) {
                    push(base + start + chunk.start..base + start + chunk.end);
                }
                start = end + 1;
            }
        }
    }
}

/// A width in cells as textwrap's float; terminal widths are far below `u32::MAX`.
fn cells(n: usize) -> f64 {
    f64::from(u32::try_from(n).unwrap_or(u32::MAX))
}

/// A word (or part of one) to place on a line; `ws` says white space followed it.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    width: usize,
    ws: bool,
    /// Ends in a wide character, after which a line may break.
    wide_end: bool,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        cells(self.width)
    }
    fn whitespace_width(&self) -> f64 {
        if self.ws { 1.0 } else { 0.0 }
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Splits reflowed text into pieces: words at white space, a break chance around every wide
/// character but Hangul (CJK ideographs, kana, emoji), and words wider than `max` cut to fit.
fn pieces(text: &str, base: usize, max: usize) -> Vec<Piece> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at].is_ascii_whitespace() || bytes[at] == 0x0b {
            at += 1;
            continue;
        }
        // Fast path: a word of printable ASCII that fits is one piece, one cell per byte.
        let start = at;
        while at < bytes.len() && bytes[at] > b' ' && bytes[at] < 0x7f {
            at += 1;
        }
        let ended = at == bytes.len() || bytes[at].is_ascii_whitespace();
        if ended && at - start <= max {
            out.push(Piece {
                start: base + start,
                end: base + at,
                width: at - start,
                ws: at < bytes.len(),
                wide_end: false,
            });
        } else {
            at = slow_word(text, start, base, max, &mut out);
        }
    }
    out
}

/// Splits the word starting at byte `start` character by character (wide characters, controls,
/// over-long words); returns where the word ends.
fn slow_word(text: &str, start: usize, base: usize, max: usize, out: &mut Vec<Piece>) -> usize {
    let mut cur: Option<Piece> = None;
    for (i, c) in text[start..].char_indices() {
        if c.is_whitespace() {
            // Unicode white space (no-break space, ideographic space…) the ASCII scan let by.
            let Some(mut p) = cur.take() else { continue };
            p.ws = true;
            out.push(p);
            return start + i;
        }
        let w = char_width(c);
        let at = base + start + i;
        let len = c.len_utf8();
        let breaks = w >= 2 && !is_hangul(c);
        match cur.as_mut() {
            Some(p) if !breaks && p.width + w <= max && !p.wide_end => {
                p.end = at + len;
                p.width += w;
            }
            _ => {
                out.extend(cur.take());
                cur = Some(Piece { start: at, end: at + len, width: w, ws: false, wide_end: breaks });
            }
        }
    }
    out.extend(cur);
    text.len()
}

/// Whether `c` is Hangul (syllables or jamo). Korean puts spaces between words, so a line
/// breaks there and not between its syllables, unlike Chinese and Japanese, which may break
/// between any two ideographs or kana.
fn is_hangul(c: char) -> bool {
    matches!(c, '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' | '\u{a960}'..='\u{a97f}' | '\u{d7b0}'..='\u{d7ff}')
}

/// Cuts one kept line into chunks of at most `width` cells (byte ranges relative to `line`).
fn hard_break(line: &str, width: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (i, c) in line.char_indices() {
        let w = char_width(c);
        if used + w > width && i > start {
            out.push(start..i);
            start = i;
            used = 0;
        }
        used += w;
    }
    out.push(start..line.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sanitize::str_width;
    use proptest::prelude::*;
    use rstest::rstest;

    fn paragraph(text: &str) -> Document {
        Document {
            text: text.to_string(),
            blocks: vec![Block::new(0..text.len(), BlockKind::Paragraph)],
            inlines: vec![],
        }
    }

    fn shown(doc: &Document, layout: &Layout) -> Vec<String> {
        layout
            .lines
            .iter()
            .filter(|l| matches!(l.kind, LineKind::Text { .. }))
            .map(|l| doc.text[l.range.clone()].split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[rstest]
    #[case::fits("one two three", 20, &["one two three"])]
    #[case::wraps("one two three four", 9, &["one two", "three", "four"])]
    #[case::joins_line_breaks("one\ntwo\nthree", 40, &["one two three"])]
    #[case::long_word_broken("abcdefghij", 4, &["abcd", "efgh", "ij"])]
    #[case::cjk_breaks_between_characters("東京大学東京", 5, &["東京", "大学", "東京"])]
    #[case::emoji("🍜🍜🍜 ramen", 5, &["🍜🍜", "🍜", "ramen"])]
    #[case::no_break_space("a\u{a0}b c", 40, &["a b c"])]
    #[case::leading_unicode_space("\u{3000}x \u{2028}y", 40, &["x y"])]
    #[case::korean_breaks_at_spaces("오늘 날씨가 좋습니다", 10, &["오늘", "날씨가", "좋습니다"])]
    #[case::korean_long_word_still_fits("가나다라마바사", 6, &["가나다", "라마바", "사"])]
    #[case::korean_with_latin("오늘은 K-pop 공연", 12, &["오늘은 K-pop", "공연"])]
    #[case::kana_breaks_anywhere("ひらがなカタカナ", 6, &["ひらが", "なカタ", "カナ"])]
    #[case::controls_are_word_characters("a\u{1b}[31mb c", 40, &["a\u{1b}[31mb c"])]
    fn reflow(#[case] text: &str, #[case] width: usize, #[case] expected: &[&str]) {
        let doc = paragraph(text);
        assert_eq!(shown(&doc, &Layout::new(&doc, width, Header::default())), expected);
    }

    #[test]
    fn kept_lines_stay_and_long_ones_break() {
        let text = "    a b\n    abcdefgh";
        let mut doc = paragraph(text);
        doc.blocks[0].kind = BlockKind::Preformatted;
        let layout = Layout::new(&doc, 6, Header::default());
        let got: Vec<&str> = layout
            .lines
            .iter()
            .filter(|l| matches!(l.kind, LineKind::Text { .. }))
            .map(|l| &text[l.range.clone()])
            .collect();
        assert_eq!(got, ["    a ", "b", "    ab", "cdefgh"]);
    }

    #[test]
    fn hanging_indent_narrows_continuation_lines() {
        let mut doc = paragraph("- one two three four");
        doc.blocks[0].hang = 2;
        let layout = Layout::new(&doc, 10, Header::default());
        assert_eq!(shown(&doc, &layout), ["- one two", "three", "four"]);
    }

    #[test]
    fn line_of_finds_the_line_showing_an_offset() {
        let doc = paragraph("alpha beta gamma delta");
        let layout = Layout::new(&doc, 11, Header::default());
        let gamma = doc.text.find("gamma").unwrap_or_default();
        let line = &layout.lines[layout.line_of(gamma)];
        assert!(line.range.contains(&gamma));
    }

    #[test]
    fn parallel_wrapping_equals_serial_wrapping() {
        let text: String = (0..80_000).map(|i| if i % 9 == 0 { "para graph.\n\n" } else { "word " }).collect();
        let doc = crate::library::txt::parse(&format!("Title\n\n{text}"));
        assert!(doc.text.len() >= PARALLEL_BYTES);
        let header = Header { meta: true, notes: 1 };
        let parallel = Layout::new(&doc, 37, header);
        let serial = Layout { width: 37, lines: wrap_blocks(&doc, 0..doc.blocks.len(), 37, header) };
        assert_eq!(parallel, serial);
    }

    proptest! {
        /// Visual lines cover every non-blank character exactly once, in order, and no line is
        /// wider than the width.
        #[test]
        fn lines_cover_text_in_order(text in "[a-z 東京🍜오늘\n\u{a0}\u{3000}\u{2028}\u{85}\u{0}\u{1b}\r\t\u{301}]{0,200}", width in 1usize..40) {
            let doc = paragraph(&text);
            let layout = Layout::new(&doc, width, Header::default());
            let mut last_end = 0;
            let mut covered = String::new();
            for line in layout.lines.iter().filter(|l| matches!(l.kind, LineKind::Text { .. })) {
                prop_assert!(line.range.start >= last_end);
                last_end = line.range.end;
                let s = &text[line.range.clone()];
                let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
                // A wide character alone on a line narrower than itself is the only overflow.
                prop_assert!(str_width(&collapsed) <= width || collapsed.chars().count() == 1, "{collapsed:?} wider than {width}");
                covered.extend(s.chars().filter(|c| !c.is_whitespace()));
            }
            let all: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(covered, all);
        }
    }
}
