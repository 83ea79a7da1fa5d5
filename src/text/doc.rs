//! The displayed text of an article: one string, blocks and inline styles as byte ranges into it.

use std::ops::Range;

/// An article body ready to wrap: every block and style is a byte range of `text`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub text: String,
    pub blocks: Vec<Block>,
    /// Sorted by start; they never cross a block edge.
    pub inlines: Vec<Inline>,
}

/// How a block's lines are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The article's title, shown first in the reading pane.
    Title,
    /// Reflowed text: line breaks and runs of white space inside it are one space.
    Paragraph,
    /// A Markdown heading of level 1 to 6, reflowed.
    Heading(u8),
    /// A fenced or indented code block: lines kept; a line longer than the pane goes on in the
    /// next visual line behind a continuation mark.
    Code,
    /// Lines kept as they are (an indented block in a `.txt` article), long ones as in code.
    Preformatted,
    /// A horizontal rule, drawn across the text width.
    Rule,
    /// A table: its cells are in [`Block::table`]; columns shrink to the pane and cells wrap.
    Table,
}

impl BlockKind {
    /// Whether the block's white space is collapsed and its text reflowed (a table's cells
    /// reflow each in its column).
    pub fn reflows(self) -> bool {
        matches!(self, Self::Title | Self::Paragraph | Self::Heading(_) | Self::Table)
    }

    /// Whether the block's source lines are kept, a long one continuing behind a mark.
    pub fn keeps_lines(self) -> bool {
        matches!(self, Self::Code | Self::Preformatted)
    }
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    pub kind: BlockKind,
    /// Cells of left indent on every line (list nesting).
    pub indent: u16,
    /// Extra indent of continuation lines: a hanging indent under a list marker.
    pub hang: u16,
    /// A marker drawn in the first line's indent, e.g. `• ` or `3. `.
    pub marker: Option<String>,
    /// Block-quote nesting depth.
    pub quote: u8,
    /// Whether a blank line separates this block from the one before.
    pub gap_before: bool,
    /// The cells of a [`BlockKind::Table`] block.
    pub table: Option<Box<Table>>,
}

impl Block {
    pub fn new(range: Range<usize>, kind: BlockKind) -> Self {
        Self { range, kind, indent: 0, hang: 0, marker: None, quote: 0, gap_before: true, table: None }
    }

    /// The byte range of a table cell in the document text (empty past the end of a short row).
    pub fn cell(&self, row: usize, column: usize) -> Range<usize> {
        let Some(table) = &self.table else { return self.range.end..self.range.end };
        let base = self.range.start;
        if let Some(cell) = table.rows.get(row).and_then(|r| r.get(column)) {
            base + cell.start..base + cell.end
        } else {
            // Where the row's last cell ends, so offsets still read in order.
            let end = table.rows.get(row).and_then(|r| r.last()).map_or(self.range.end - base, |c| c.end);
            base + end..base + end
        }
    }
}

/// How a table column's cells sit in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// The cells of a table block.
///
/// What a producer emits for a table: one [`BlockKind::Table`] block whose text is every
/// cell's text, row by row, each cell followed by a line break (`"City\nRise\nHanoi\n1.2 m"`),
/// so search and entity detection see the cells apart; and this table in [`Block::table`],
/// each cell as a byte range *relative to the block's start* (the block can then move, as a
/// title put in front moves every block, without its cells). Cells are in text order and do
/// not overlap; a cell's text reflows in its column like a paragraph, and inline styles
/// (emphasis, links, code) may lie inside a cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// One alignment per column: their number is the number of columns.
    pub columns: Vec<Align>,
    /// The first rows that are headings, drawn strong with a rule under them.
    pub header_rows: usize,
    /// Each row's cells; a row may have fewer cells than there are columns.
    pub rows: Vec<Vec<Range<usize>>>,
}

/// A styled stretch of inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inline {
    pub range: Range<usize>,
    pub style: InlineStyle,
}

/// Inline Markdown styles; several may apply to the same text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InlineStyle {
    Emphasis,
    Strong,
    Strikethrough,
    Code,
    Link,
    LinkUrl,
    /// A footnote reference such as `[1]`.
    FootnoteRef,
}

impl InlineStyle {
    /// A bit for combining styles on one segment.
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl Document {
    /// The title block's text, if the document has one.
    pub fn title(&self) -> Option<&str> {
        self.blocks.first().filter(|b| b.kind == BlockKind::Title).map(|b| &self.text[b.range.clone()])
    }

    /// Words in the body (title excluded), counted as runs of non-white-space.
    pub fn word_count(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| !matches!(b.kind, BlockKind::Title | BlockKind::Rule))
            .map(|b| count_words(&self.text.as_bytes()[b.range.clone()]))
            .sum()
    }

    /// The inline styles that touch `range` (a part of `block`), as (range, combined style bits)
    /// segments covering it in order, split wherever the set of styles changes.
    pub fn style_segments(&self, block: &Block, range: Range<usize>) -> Vec<(Range<usize>, u8)> {
        let lo = self.inlines.partition_point(|i| i.range.start < block.range.start);
        let hi = self.inlines.partition_point(|i| i.range.start < range.end);
        let touching: Vec<&Inline> =
            self.inlines[lo..hi.max(lo)].iter().filter(|i| i.range.end > range.start).collect();
        if touching.is_empty() {
            return vec![(range, 0)];
        }
        let mut cuts = vec![range.start, range.end];
        for i in &touching {
            cuts.push(i.range.start.clamp(range.start, range.end));
            cuts.push(i.range.end.clamp(range.start, range.end));
        }
        cuts.sort_unstable();
        cuts.dedup();
        cuts.windows(2)
            .map(|w| {
                let bits = touching
                    .iter()
                    .filter(|i| i.range.start <= w[0] && i.range.end >= w[1])
                    .fold(0, |acc, i| acc | i.style.bit());
                (w[0]..w[1], bits)
            })
            .collect()
    }
}

impl Document {
    /// Checks what every producer of a document must keep (blocks in order on character
    /// boundaries, inline styles inside one block, table cells inside their block and in
    /// order); the first broken rule, for tests.
    pub fn check(&self) -> Result<(), String> {
        let text = &self.text;
        let on = |r: &Range<usize>| {
            r.start <= r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
        };
        let mut last = 0;
        for (i, b) in self.blocks.iter().enumerate() {
            if !on(&b.range) || b.range.start < last {
                return Err(format!("block {i} {:?} is not a range of the text after the one before", b.range));
            }
            last = b.range.end;
            match (&b.table, b.kind) {
                (Some(table), BlockKind::Table) => {
                    let mut at = 0;
                    for (r, row) in table.rows.iter().enumerate() {
                        for (c, cell) in row.iter().enumerate() {
                            let abs = b.range.start + cell.start..b.range.start + cell.end;
                            if cell.start < at || abs.end > b.range.end || !on(&abs) {
                                return Err(format!(
                                    "block {i}: cell {r},{c} {cell:?} is out of order or outside the block"
                                ));
                            }
                            at = cell.end;
                        }
                        if row.len() > table.columns.len() {
                            return Err(format!("block {i}: row {r} has more cells than columns"));
                        }
                    }
                }
                (None, BlockKind::Table) => return Err(format!("block {i} is a table without cells")),
                (Some(_), _) => return Err(format!("block {i} has cells but is not a table")),
                (None, _) => {}
            }
        }
        let mut start = 0;
        for inline in &self.inlines {
            if !on(&inline.range) || inline.range.start < start {
                return Err(format!("inline {inline:?} is not a range of the text in order"));
            }
            start = inline.range.start;
            let inside =
                self.blocks.iter().any(|b| b.range.start <= inline.range.start && inline.range.end <= b.range.end);
            if !inside && !inline.range.is_empty() {
                return Err(format!("inline {inline:?} crosses a block edge"));
            }
        }
        Ok(())
    }
}

/// Runs of bytes that are not ASCII white space. Bytes of multi-byte characters count as word
/// bytes, which is exact except around rare Unicode spaces and much faster than char decoding.
fn count_words(bytes: &[u8]) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for &b in bytes {
        let space = b.is_ascii_whitespace();
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_with(inlines: Vec<Inline>) -> Document {
        Document {
            text: "plain bold both italic end".into(),
            blocks: vec![Block::new(0..26, BlockKind::Paragraph)],
            inlines,
        }
    }

    #[test]
    fn segments_cover_the_range_and_combine_nested_styles() {
        let doc = doc_with(vec![
            Inline { range: 6..15, style: InlineStyle::Strong },
            Inline { range: 11..22, style: InlineStyle::Emphasis },
        ]);
        let segs = doc.style_segments(&doc.blocks[0], 0..26);
        let strong = InlineStyle::Strong.bit();
        let em = InlineStyle::Emphasis.bit();
        assert_eq!(segs, vec![(0..6, 0), (6..11, strong), (11..15, strong | em), (15..22, em), (22..26, 0)]);
    }

    #[test]
    fn segments_of_a_partial_range_are_clipped() {
        let doc = doc_with(vec![Inline { range: 6..15, style: InlineStyle::Code }]);
        assert_eq!(doc.style_segments(&doc.blocks[0], 10..20), vec![(10..15, InlineStyle::Code.bit()), (15..20, 0)]);
    }

    #[test]
    fn words_are_counted_like_split_whitespace_for_common_text() {
        for text in ["", "  one  two\nthree\t", "Müller 東京 🍜 x", "a"] {
            assert_eq!(count_words(text.as_bytes()), text.split_whitespace().count(), "{text:?}");
        }
    }

    #[test]
    fn word_count_skips_the_title() {
        let doc = Document {
            text: "Title here\none two three".into(),
            blocks: vec![Block::new(0..10, BlockKind::Title), Block::new(11..24, BlockKind::Paragraph)],
            inlines: vec![],
        };
        assert_eq!(doc.word_count(), 3);
        assert_eq!(doc.title(), Some("Title here"));
    }
}
