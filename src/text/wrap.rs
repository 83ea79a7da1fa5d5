//! Wrapping a document to a width: visual lines as byte ranges of the document text.

mod table;

use std::ops::Range;

use rayon::prelude::*;
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;

use super::doc::{Block, BlockKind, Document};
use super::sanitize::char_width;

pub use table::TableLayout;

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
    /// One visual line of a table row: table `table` of the layout, and from `cells` on, one
    /// piece of the layout's cell text per column (see [`Layout::table_row`]).
    TableRow { table: u32, cells: u32 },
    /// A rule across table `table`: under its header rows (`header`), or between rows when some
    /// take several lines.
    TableRule { table: u32, header: bool },
    /// An empty separator line.
    Blank,
}

/// One line on screen: what it is and which bytes of the document text it shows.
///
/// Lines that show no text carry an empty range at the position they stand at, so line starts
/// never decrease and a byte offset always maps back to a line. A table row's line spans from
/// its first cell piece to its last.
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
    /// The column widths of each table shown, for its [`LineKind::TableRow`] lines.
    pub tables: Vec<TableLayout>,
    /// The pieces of cell text that table row lines show, one per column.
    pub cells: Vec<Range<usize>>,
}

/// The lines of some blocks, with the tables among them; parts wrapped apart join in order.
#[derive(Debug, Default)]
struct Part {
    lines: Vec<VisualLine>,
    tables: Vec<TableLayout>,
    cells: Vec<Range<usize>>,
}

impl Part {
    fn append(&mut self, mut other: Part) {
        let (tables, cells) = (index(self.tables.len()), index(self.cells.len()));
        for line in &mut other.lines {
            match &mut line.kind {
                LineKind::TableRow { table, cells: at } => {
                    *table += tables;
                    *at += cells;
                }
                LineKind::TableRule { table, .. } => *table += tables,
                _ => {}
            }
        }
        self.lines.append(&mut other.lines);
        self.tables.append(&mut other.tables);
        self.cells.append(&mut other.cells);
    }
}

/// An index into a layout's tables or cells; a layout of more than 4 billion is not drawn.
fn index(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Layout {
    /// Wraps `doc` to `width` cells (at least 1), with the `header` lines under the title.
    /// Large documents are wrapped in parts on all cores: blocks wrap independently of each
    /// other.
    pub fn new(doc: &Document, width: usize, header: Header) -> Self {
        let width = width.max(1);
        let count = doc.blocks.len();
        let part = if doc.text.len() >= PARALLEL_BYTES {
            // Parts of about PART_BYTES, cut between blocks.
            let mut cuts = vec![0];
            let mut next = PART_BYTES;
            while next < doc.text.len() {
                let at = doc.blocks.partition_point(|b| b.range.start < next);
                if at > *cuts.last().unwrap_or(&0) && at < count {
                    cuts.push(at);
                }
                next += PART_BYTES;
            }
            cuts.push(count);
            let parts: Vec<Part> = cuts.par_windows(2).map(|w| wrap_blocks(doc, w[0]..w[1], width, header)).collect();
            let mut all =
                Part { lines: Vec::with_capacity(parts.iter().map(|p| p.lines.len()).sum()), ..Part::default() };
            for part in parts {
                all.append(part);
            }
            all
        } else {
            wrap_blocks(doc, 0..count, width, header)
        };
        Self { width, lines: part.lines, tables: part.tables, cells: part.cells }
    }

    /// The index of the last line starting at or before byte `offset`: the line that shows it.
    /// In a table, whose cells wrap side by side, the line whose cell piece holds it.
    pub fn line_containing(&self, offset: usize) -> usize {
        let last = self.lines.partition_point(|l| l.range.start <= offset).saturating_sub(1);
        self.in_table_row(last, offset).unwrap_or(last)
    }

    /// The index of the line showing byte `offset`: the last line starting at or before it, or
    /// the first of several lines starting at the same place (a blank line before its text).
    pub fn line_of(&self, offset: usize) -> usize {
        let last = self.lines.partition_point(|l| l.range.start <= offset).saturating_sub(1);
        let start = self.lines.get(last).map_or(0, |l| l.range.start);
        let first = self.lines.partition_point(|l| l.range.start < start).min(last);
        self.in_table_row(last, offset).unwrap_or(first)
    }

    /// The table layout and cell pieces (one per column) of a [`LineKind::TableRow`] line.
    pub fn table_row(&self, line: &VisualLine) -> Option<(&TableLayout, &[Range<usize>])> {
        let LineKind::TableRow { table, cells } = line.kind else { return None };
        let layout = self.tables.get(table as usize)?;
        let from = cells as usize;
        Some((layout, self.cells.get(from..from + layout.widths.len())?))
    }

    /// When line `at` is a table row line, the line of the same row whose cell piece holds
    /// `offset`: it may be an earlier one, as a row's lines start in one cell and go on in
    /// another.
    fn in_table_row(&self, at: usize, offset: usize) -> Option<usize> {
        self.table_row(self.lines.get(at)?)?;
        let holds = |i: usize| {
            self.lines
                .get(i)
                .and_then(|l| self.table_row(l))
                .is_some_and(|(_, cells)| cells.iter().any(|c| c.contains(&offset)))
        };
        (0..=at)
            .rev()
            .take_while(|&i| self.table_row(&self.lines[i]).is_some() && self.lines[i].range.end > offset)
            .find(|&i| holds(i))
    }
}

/// Documents from this size on are wrapped on all cores, in parts of about `PART_BYTES`.
const PARALLEL_BYTES: usize = 256 * 1024;
const PART_BYTES: usize = 128 * 1024;

/// The lines of blocks `blocks`; the metadata line goes after the title, or before the first
/// block when there is no title (so only into the part that starts the document).
fn wrap_blocks(doc: &Document, blocks: Range<usize>, width: usize, header: Header) -> Part {
    let mut part =
        Part { lines: Vec::with_capacity(doc.text.len() / width.max(20) + blocks.len() * 2 + 4), ..Part::default() };
    let mut has_meta = blocks.start > 0;
    for index in blocks {
        let block = &doc.blocks[index];
        let at = block.range.start;
        let lines = &mut part.lines;
        if index > 0 && block.gap_before && lines.last().is_none_or(|l: &VisualLine| l.kind != LineKind::Blank) {
            // A blank line stands where the text before it ended, so it never shares its start
            // with the first line of the next paragraph (and a view anchored there is exact).
            let end = lines.last().map_or_else(|| last_line_end(doc, index - 1), |l: &VisualLine| l.range.end);
            lines.push(VisualLine { kind: LineKind::Blank, range: end..end });
        }
        if !has_meta && block.kind != BlockKind::Title {
            push_meta(lines, at, header);
            has_meta = true;
        }
        if block.kind == BlockKind::Table {
            table::wrap(doc, index, block, width, &mut part);
        } else {
            wrap_block(doc, index, block, width, &mut part.lines);
        }
        if block.kind == BlockKind::Title {
            push_meta(&mut part.lines, block.range.end, header);
            has_meta = true;
        }
    }
    if !has_meta {
        push_meta(&mut part.lines, 0, header);
    }
    part
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

/// Cells between tab stops in kept lines (code, preformatted text).
pub const TAB: usize = 4;

/// What starts a kept line's continuation: the rest of a source line too long for the pane.
pub const CONTINUATION: &str = "\u{21aa}";

/// Whether a visual line of a kept-lines block `block` goes on from the line before it: it
/// starts neither the block nor a source line.
pub fn continues(doc: &Document, block: &Block, line: &Range<usize>) -> bool {
    block.kind.keeps_lines() && line.start > block.range.start && !doc.text[..line.start].ends_with('\n')
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
            let lines = reflow(doc, block.range.clone(), first_width, rest_width);
            if lines.is_empty() {
                push(base..base);
            }
            lines.into_iter().for_each(push);
        }
        _ => {
            // Kept lines: a long one goes on in the next visual line behind the mark.
            let mut start = 0;
            for source_line in text.split('\n') {
                let end = start + source_line.len();
                for chunk in hard_break(source_line, first_width, first_width.saturating_sub(1).max(1)) {
                    push(base + start + chunk.start..base + start + chunk.end);
                }
                start = end + 1;
            }
        }
    }
}

/// The visual lines of reflowed text `range`: the first `first` cells wide, the others `rest`.
fn reflow(doc: &Document, range: Range<usize>, first: usize, rest: usize) -> Vec<Range<usize>> {
    let pieces = pieces(&doc.text[range.clone()], range.start, first.min(rest));
    wrap_first_fit(&pieces, &[cells(first), cells(rest)])
        .into_iter()
        .filter_map(|line| Some(line.first()?.start..line.last()?.end))
        .collect()
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

/// Cuts one kept line into chunks (byte ranges relative to `line`): the first at most `width`
/// cells, the rest at most `rest` (room for the continuation mark). A tab reaches the next
/// multiple of [`TAB`] cells from the start of its visual line.
fn hard_break(line: &str, width: usize, rest: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut used = 0;
    let mut limit = width;
    for (i, c) in line.char_indices() {
        let mut w = if c == '\t' { TAB - used % TAB } else { char_width(c) };
        if used + w > limit && i > start {
            out.push(start..i);
            start = i;
            used = 0;
            limit = rest;
            if c == '\t' {
                w = TAB;
            }
        }
        used += w;
    }
    out.push(start..line.len());
    out
}

/// Width in cells of a kept line's piece as drawn, starting at column `col` of its visual line
/// (tabs reach the next tab stop); the column after it.
pub fn kept_width(s: &str, col: usize) -> usize {
    s.chars().fold(col, |at, c| at + if c == '\t' { TAB - at % TAB } else { char_width(c) })
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

    /// The text lines of a one-block document of `kind`, with `↪` where a line continues.
    fn kept(text: &str, kind: BlockKind, width: usize) -> Vec<String> {
        let mut doc = paragraph(text);
        doc.blocks[0].kind = kind;
        let layout = Layout::new(&doc, width, Header::default());
        layout
            .lines
            .iter()
            .filter(|l| matches!(l.kind, LineKind::Text { .. }))
            .map(|l| {
                let mark = if continues(&doc, &doc.blocks[0], &l.range) { CONTINUATION } else { "" };
                format!("{mark}{}", &text[l.range.clone()])
            })
            .collect()
    }

    #[test]
    fn kept_lines_stay_and_long_ones_continue_behind_a_mark() {
        assert_eq!(
            kept("    a b\n    abcdefgh", BlockKind::Preformatted, 6),
            ["    a ", "↪b", "    ab", "↪cdefg", "↪h"]
        );
        assert_eq!(
            kept("let x = fetch(\"cal-2025-02-11.js\");\n}", BlockKind::Code, 20),
            ["let x = fetch(\"cal-2", "↪025-02-11.js\");", "}"]
        );
    }

    #[test]
    fn tabs_in_code_reach_their_stops() {
        assert_eq!(kept("\tab\tc", BlockKind::Code, 9), ["\tab\tc"]);
        assert_eq!(kept("\tab\tc", BlockKind::Code, 8), ["\tab\t", "↪c"]);
        assert_eq!(kept_width("\tab\tc", 0), 9);
        assert_eq!(kept_width("a\t", 0), TAB);
    }

    fn table_doc(src: &str) -> Document {
        crate::library::markdown::parse(src).doc
    }

    /// The table lines as text: cell pieces joined by `|`, rules as `-` (header) or `~`.
    fn table_lines(doc: &Document, layout: &Layout) -> Vec<String> {
        layout
            .lines
            .iter()
            .filter_map(|l| match l.kind {
                LineKind::TableRule { header, .. } => Some(if header { "-" } else { "~" }.to_string()),
                LineKind::TableRow { .. } => {
                    let (_, cells) = layout.table_row(l)?;
                    Some(cells.iter().map(|c| doc.text[c.clone()].to_string()).collect::<Vec<_>>().join("|"))
                }
                _ => None,
            })
            .collect()
    }

    const TABLE: &str = "| City | Rise | Note |\n|---|---|---|\n| Hanoi | 1.2 m | The river delta floods every autumn now |\n| Rotterdam | 0.4 m | Dikes |\n";

    #[test]
    fn a_table_that_fits_keeps_one_line_per_row() {
        let doc = table_doc(TABLE);
        let layout = Layout::new(&doc, 80, Header::default());
        assert_eq!(
            table_lines(&doc, &layout),
            ["City|Rise|Note", "-", "Hanoi|1.2 m|The river delta floods every autumn now", "Rotterdam|0.4 m|Dikes"]
        );
        assert_eq!(layout.tables[0].widths, [9, 5, 39]);
        assert_eq!(layout.tables[0].gap, 3);
    }

    #[test]
    fn a_wide_table_shrinks_its_columns_and_wraps_its_cells() {
        let doc = table_doc(TABLE);
        let layout = Layout::new(&doc, 40, Header::default());
        let table = &layout.tables[0];
        assert!(table.width() <= 40, "{table:?}");
        assert_eq!(table.widths, [9, 5, 20], "short columns keep their width");
        assert_eq!(
            table_lines(&doc, &layout),
            [
                "City|Rise|Note",
                "-",
                "Hanoi|1.2 m|The river delta",
                "||floods every autumn",
                "||now",
                "~",
                "Rotterdam|0.4 m|Dikes"
            ]
        );
    }

    #[test]
    fn a_table_in_a_very_narrow_pane_stays_a_table() {
        let doc = table_doc(TABLE);
        for width in 1..40 {
            let layout = Layout::new(&doc, width, Header::default());
            let table = &layout.tables[0];
            assert!(table.width() <= width.max(3 + 2 * table.gap), "{width}: {table:?}");
            assert!(table.widths.iter().all(|&w| w >= 1));
            // Every cell's text is shown once, in row order (cells of a row side by side).
            let mut shown: Vec<&str> = layout.cells.iter().map(|c| &doc.text[c.clone()]).collect();
            shown.sort_by_key(|s| s.as_ptr());
            let shown: String = shown.concat().split_whitespace().collect();
            assert_eq!(shown, doc.text.split_whitespace().collect::<String>(), "{width}");
        }
    }

    #[test]
    fn an_offset_in_a_table_maps_to_the_line_that_shows_it() {
        let doc = table_doc(TABLE);
        let layout = Layout::new(&doc, 40, Header::default());
        for word in ["Hanoi", "delta", "autumn", "Rotterdam", "Dikes", "Rise"] {
            let at = doc.text.find(word).expect("in the text");
            let line = &layout.lines[layout.line_containing(at)];
            let (_, cells) = layout.table_row(line).expect("a table row");
            assert!(cells.iter().any(|c| c.contains(&at)), "{word}");
            let line = &layout.lines[layout.line_of(at)];
            assert!(layout.table_row(line).is_some_and(|(_, cells)| cells.iter().any(|c| c.contains(&at))), "{word}");
        }
        // Line starts never decrease through a table.
        assert!(layout.lines.windows(2).all(|w| w[0].range.start <= w[1].range.start));
    }

    #[test]
    fn parallel_wrapping_of_tables_equals_serial_wrapping() {
        let src = (0..3000).fold(String::new(), |mut s, i| {
            let _ = std::fmt::Write::write_fmt(&mut s, format_args!("Paragraph {i} of text.\n\n{TABLE}\n"));
            s
        });
        let doc = table_doc(&src);
        assert!(doc.text.len() >= PARALLEL_BYTES);
        let parallel = Layout::new(&doc, 30, Header::default());
        let part = wrap_blocks(&doc, 0..doc.blocks.len(), 30, Header::default());
        assert_eq!(parallel, Layout { width: 30, lines: part.lines, tables: part.tables, cells: part.cells });
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
        let part = wrap_blocks(&doc, 0..doc.blocks.len(), 37, header);
        let serial = Layout { width: 37, lines: part.lines, tables: part.tables, cells: part.cells };
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
