//! Markdown articles: pulldown-cmark events turned into the displayed text with block and inline ranges.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::text::doc::{Block, BlockKind, Document, Inline, InlineStyle};
use crate::text::sanitize::str_width;

/// The body of a Markdown article as displayed, and the text of its first level-1 heading.
pub struct Parsed {
    pub doc: Document,
    pub first_h1: Option<String>,
}

/// Renders Markdown `src` (front matter already removed) into a [`Document`].
pub fn parse(src: &str) -> Parsed {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES;
    let mut b = Builder::default();
    for event in Parser::new_ext(src, options) {
        b.event(event);
    }
    b.close_block();
    Parsed { doc: Document { text: b.text, blocks: b.blocks, inlines: b.inlines }, first_h1: b.first_h1 }
}

#[derive(Default)]
struct Builder {
    text: String,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
    open: Option<usize>,
    quote: u8,
    /// Per open list: the next number (ordered lists) and the indent its items start at.
    lists: Vec<List>,
    /// The marker for the next block: the first block of a list item.
    pending_marker: Option<String>,
    /// Styles opened and not yet closed, with where they started.
    styles: Vec<(InlineStyle, usize)>,
    links: Vec<String>,
    heading: Option<usize>,
    first_h1: Option<String>,
    table: Option<Table>,
}

struct List {
    next: Option<u64>,
    /// Indent of this list's markers.
    base: u16,
    /// Indent of the current item's content.
    content: u16,
    items: usize,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    in_cell: bool,
}

impl Builder {
    fn content_indent(&self) -> u16 {
        self.lists.last().map_or(0, |l| l.content)
    }

    fn start_block(&mut self, kind: BlockKind, implicit: bool) {
        self.close_block();
        let start = self.text.len();
        let mut block = Block::new(start..start, kind);
        block.quote = self.quote;
        block.indent = self.content_indent();
        if let Some(marker) = self.pending_marker.take() {
            let list = self.lists.last();
            block.indent = list.map_or(0, |l| l.base);
            block.hang = u16::try_from(str_width(&marker)).unwrap_or(2);
            block.marker = Some(marker);
            let first_item = list.is_some_and(|l| l.items == 1);
            block.gap_before = !implicit || (first_item && self.lists.len() == 1);
        } else if implicit && !self.lists.is_empty() {
            block.gap_before = false;
        }
        self.open = Some(self.blocks.len());
        self.blocks.push(block);
    }

    fn close_block(&mut self) {
        if let Some(index) = self.open.take() {
            let block = &mut self.blocks[index];
            let trimmed = self.text.trim_end_matches('\n').len().max(block.range.start);
            self.text.truncate(trimmed);
            block.range.end = self.text.len();
            self.text.push('\n');
        }
    }

    fn ensure_block(&mut self) {
        if self.open.is_none() {
            self.start_block(BlockKind::Paragraph, true);
        }
    }

    fn push_text(&mut self, s: &str) {
        if let Some(table) = self.table.as_mut() {
            if table.in_cell
                && let Some(cell) = table.rows.last_mut().and_then(|r| r.last_mut())
            {
                cell.push_str(s);
            }
            return;
        }
        self.ensure_block();
        self.text.push_str(s);
    }

    fn open_style(&mut self, style: InlineStyle) {
        self.ensure_block();
        self.styles.push((style, self.text.len()));
    }

    fn close_style(&mut self, style: InlineStyle) {
        if let Some(pos) = self.styles.iter().rposition(|(s, _)| *s == style) {
            let (_, start) = self.styles.remove(pos);
            self.add_inline(start..self.text.len(), style);
        }
    }

    fn add_inline(&mut self, range: std::ops::Range<usize>, style: InlineStyle) {
        if range.is_empty() {
            return;
        }
        let at = self.inlines.partition_point(|i| i.range.start <= range.start);
        self.inlines.insert(at, Inline { range, style });
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(&t),
            Event::Code(t) => {
                if self.table.is_some() {
                    self.push_text(&t);
                } else {
                    self.ensure_block();
                    let start = self.text.len();
                    self.text.push_str(&t);
                    self.add_inline(start..self.text.len(), InlineStyle::Code);
                }
            }
            Event::SoftBreak => self.push_text(" "),
            Event::HardBreak => {
                if let Some(index) = self.open {
                    let block = self.blocks[index].clone();
                    self.close_block();
                    let start = self.text.len();
                    let mut next = Block::new(start..start, block.kind);
                    next.indent = block.indent + block.hang;
                    next.quote = block.quote;
                    next.gap_before = false;
                    self.open = Some(self.blocks.len());
                    self.blocks.push(next);
                }
            }
            Event::Rule => {
                self.start_block(BlockKind::Rule, false);
                self.close_block();
            }
            Event::TaskListMarker(done) => self.push_text(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(name) => self.push_text(&format!("[{name}]")),
            Event::Html(_) | Event::InlineHtml(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.start_block(BlockKind::Paragraph, false),
            Tag::Heading { level, .. } => {
                let n = heading_number(level);
                self.start_block(BlockKind::Heading(n), false);
                self.heading = (n == 1 && self.first_h1.is_none()).then_some(self.text.len());
            }
            Tag::BlockQuote(_) => {
                self.close_block();
                self.quote = self.quote.saturating_add(1);
            }
            Tag::CodeBlock(_) => self.start_block(BlockKind::Code, false),
            Tag::List(first) => {
                self.close_block();
                let base = self.content_indent();
                self.lists.push(List { next: first, base, content: base, items: 0 });
            }
            Tag::Item => {
                self.close_block();
                if let Some(list) = self.lists.last_mut() {
                    list.items += 1;
                    let marker = if let Some(n) = list.next.as_mut() {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    } else {
                        let bullets = ["• ", "◦ ", "▪ "];
                        bullets[(self.lists.len() - 1) % bullets.len()].to_string()
                    };
                    let list = self.lists.last_mut().expect("checked above");
                    list.content = list.base + u16::try_from(str_width(&marker)).unwrap_or(2);
                    self.pending_marker = Some(marker);
                }
            }
            Tag::Emphasis => self.open_style(InlineStyle::Emphasis),
            Tag::Strong => self.open_style(InlineStyle::Strong),
            Tag::Strikethrough => self.open_style(InlineStyle::Strikethrough),
            Tag::Link { dest_url, .. } => {
                self.open_style(InlineStyle::Link);
                self.links.push(dest_url.into_string());
            }
            Tag::Image { .. } => self.push_text("[image: "),
            Tag::Table(_) => {
                self.close_block();
                self.table = Some(Table::default());
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.rows.push(Vec::new());
                }
            }
            Tag::TableCell => {
                if let Some(t) = self.table.as_mut() {
                    if let Some(row) = t.rows.last_mut() {
                        row.push(String::new());
                    }
                    t.in_cell = true;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::CodeBlock => self.close_block(),
            TagEnd::Heading(_) => {
                if let Some(start) = self.heading.take() {
                    self.first_h1 = Some(self.text[start..].trim().to_string());
                }
                self.close_block();
            }
            TagEnd::BlockQuote(_) => {
                self.close_block();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.close_block();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.close_block();
                self.pending_marker = None;
            }
            TagEnd::Emphasis => self.close_style(InlineStyle::Emphasis),
            TagEnd::Strong => self.close_style(InlineStyle::Strong),
            TagEnd::Strikethrough => self.close_style(InlineStyle::Strikethrough),
            TagEnd::Link => {
                let url = self.links.pop().unwrap_or_default();
                let text_start = self.styles.iter().rev().find(|(s, _)| *s == InlineStyle::Link).map(|(_, at)| *at);
                self.close_style(InlineStyle::Link);
                let shown = text_start.map(|at| self.text[at..].to_string()).unwrap_or_default();
                if !url.is_empty() && !url.starts_with('#') && shown.trim() != url && self.table.is_none() {
                    self.text.push(' ');
                    let start = self.text.len();
                    self.text.push('(');
                    self.text.push_str(&url);
                    self.text.push(')');
                    self.add_inline(start..self.text.len(), InlineStyle::LinkUrl);
                }
            }
            TagEnd::Image => self.push_text("]"),
            TagEnd::TableCell => {
                if let Some(t) = self.table.as_mut() {
                    t.in_cell = false;
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.emit_table(&table);
                }
            }
            _ => {}
        }
    }

    /// A table becomes a block of kept lines with its columns aligned.
    fn emit_table(&mut self, table: &Table) {
        let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|c| table.rows.iter().filter_map(|r| r.get(c)).map(|s| str_width(s.trim())).max().unwrap_or(0))
            .collect();
        self.start_block(BlockKind::Code, false);
        for (i, row) in table.rows.iter().enumerate() {
            let cells: Vec<String> = (0..columns)
                .map(|c| {
                    let cell = row.get(c).map_or("", |s| s.trim());
                    format!("{cell}{}", " ".repeat(widths[c].saturating_sub(str_width(cell))))
                })
                .collect();
            self.text.push_str(cells.join(" │ ").trim_end());
            self.text.push('\n');
            if i == 0 {
                let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                self.text.push_str(&rule.join("─┼─"));
                self.text.push('\n');
            }
        }
        self.close_block();
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the input, blocks and inline styles are valid, ordered ranges of the text.
        #[test]
        fn ranges_are_always_valid(src in "([#>*_`\\[\\]()\n -]|[a-z]{1,5}|1\\. |```\n|\\|){0,60}") {
            let doc = parse(&src).doc;
            let mut last = 0;
            for b in &doc.blocks {
                prop_assert!(b.range.start <= b.range.end && b.range.end <= doc.text.len(), "{b:?}");
                prop_assert!(doc.text.is_char_boundary(b.range.start) && doc.text.is_char_boundary(b.range.end));
                prop_assert!(b.range.start >= last);
                last = b.range.end;
            }
            for i in &doc.inlines {
                prop_assert!(i.range.start <= i.range.end && i.range.end <= doc.text.len());
            }
        }
    }

    fn blocks(src: &str) -> Vec<(BlockKind, String)> {
        let p = parse(src);
        p.doc.blocks.iter().map(|b| (b.kind, p.doc.text[b.range.clone()].to_string())).collect()
    }

    fn styled(src: &str, style: InlineStyle) -> Vec<String> {
        let p = parse(src);
        p.doc.inlines.iter().filter(|i| i.style == style).map(|i| p.doc.text[i.range.clone()].to_string()).collect()
    }

    #[test]
    fn headings_paragraphs_and_first_h1() {
        let p = parse("Intro text.\n\n# The Title\n\nSome *soft*\nwrapped text.\n\n## Part\n");
        assert_eq!(p.first_h1.as_deref(), Some("The Title"));
        assert_eq!(
            blocks("# The Title\n\nSome *soft*\nwrapped text.\n\n## Part\n"),
            [
                (BlockKind::Heading(1), "The Title".into()),
                (BlockKind::Paragraph, "Some soft wrapped text.".into()),
                (BlockKind::Heading(2), "Part".into()),
            ]
        );
    }

    #[test]
    fn inline_styles_are_ranges_of_the_shown_text() {
        let src = "Plain **strong** and *em* and `code` and ~~gone~~.";
        assert_eq!(styled(src, InlineStyle::Strong), ["strong"]);
        assert_eq!(styled(src, InlineStyle::Emphasis), ["em"]);
        assert_eq!(styled(src, InlineStyle::Code), ["code"]);
        assert_eq!(styled(src, InlineStyle::Strikethrough), ["gone"]);
        assert_eq!(blocks(src)[0].1, "Plain strong and em and code and gone.");
    }

    #[test]
    fn links_show_text_then_dimmed_url() {
        let src = "See [the report](https://example.org/r) and <https://example.org/x>.";
        assert_eq!(blocks(src)[0].1, "See the report (https://example.org/r) and https://example.org/x.");
        assert_eq!(styled(src, InlineStyle::LinkUrl), ["(https://example.org/r)"]);
        assert_eq!(styled(src, InlineStyle::Link), ["the report", "https://example.org/x"]);
    }

    #[test]
    fn lists_get_markers_and_hanging_indents() {
        let p = parse("- one\n- two\n  - nested\n\n1. first\n2. second\n");
        let items: Vec<(Option<&str>, u16, u16, &str)> = p
            .doc
            .blocks
            .iter()
            .map(|b| (b.marker.as_deref(), b.indent, b.hang, &p.doc.text[b.range.clone()]))
            .collect();
        assert_eq!(
            items,
            [
                (Some("• "), 0, 2, "one"),
                (Some("• "), 0, 2, "two"),
                (Some("◦ "), 2, 2, "nested"),
                (Some("1. "), 0, 3, "first"),
                (Some("2. "), 0, 3, "second"),
            ]
        );
        assert!(p.doc.blocks[0].gap_before);
        assert!(!p.doc.blocks[1].gap_before);
    }

    #[test]
    fn quotes_code_and_rules() {
        let p = parse("> quoted *words*\n\n```rust\nfn main() {}\n  indented\n```\n\n---\n");
        let b = &p.doc.blocks;
        assert_eq!(b[0].quote, 1);
        assert_eq!(b[1].kind, BlockKind::Code);
        assert_eq!(&p.doc.text[b[1].range.clone()], "fn main() {}\n  indented");
        assert_eq!(b[2].kind, BlockKind::Rule);
    }

    #[test]
    fn tables_become_aligned_kept_lines() {
        let p = parse("| City | Rise |\n|---|---|\n| Hanoi | 1.2 m |\n| Rotterdam | 0.4 m |\n");
        assert_eq!(
            &p.doc.text[p.doc.blocks[0].range.clone()],
            "City      │ Rise\n──────────┼──────\nHanoi     │ 1.2 m\nRotterdam │ 0.4 m"
        );
    }
}
