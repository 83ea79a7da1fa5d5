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
    /// A fenced or indented code block: lines kept, long lines broken.
    Code,
    /// Lines kept as they are (an indented block in a `.txt` article).
    Preformatted,
    /// A horizontal rule, drawn across the text width.
    Rule,
}

impl BlockKind {
    /// Whether the block's white space is collapsed and its text reflowed.
    pub fn reflows(self) -> bool {
        matches!(self, Self::Title | Self::Paragraph | Self::Heading(_))
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
}

impl Block {
    pub fn new(range: Range<usize>, kind: BlockKind) -> Self {
        Self { range, kind, indent: 0, hang: 0, marker: None, quote: 0, gap_before: true }
    }
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
