//! Markdown articles: pulldown-cmark events turned into the displayed text with block and inline ranges.

mod html;

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::text::doc::{Align, Block, BlockKind, Document, Inline, InlineStyle, Table};
use crate::text::sanitize::{MarkCap, str_width};

/// The body of a Markdown article as displayed, and the text of its first level-1 heading.
pub struct Parsed {
    pub doc: Document,
    pub first_h1: Option<String>,
}

const OPTIONS: Options = Options::ENABLE_STRIKETHROUGH
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_TABLES)
    .union(Options::ENABLE_FOOTNOTES);

/// Renders Markdown `src` (front matter already removed) into a [`Document`].
pub fn parse(src: &str) -> Parsed {
    let mut b = Builder { notes: footnote_order(src), ..Builder::default() };
    for event in Parser::new_ext(src, OPTIONS) {
        b.event(event);
    }
    b.close_block();
    Parsed { doc: Document { text: b.text, blocks: b.blocks, inlines: b.inlines }, first_h1: b.first_h1 }
}

/// The footnote labels in the order of their first reference, which numbers them as readers
/// expect (`[^source]` is `[1]` when it is referred to first); a second, cheap pass only when
/// the text has any.
fn footnote_order(src: &str) -> Vec<String> {
    if !src.contains("[^") {
        return Vec::new();
    }
    let mut order: Vec<String> = Vec::new();
    for event in Parser::new_ext(src, OPTIONS) {
        if let Event::FootnoteReference(label) = event
            && !order.iter().any(|l| *l == *label)
        {
            order.push(label.into_string());
        }
    }
    order
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
    table: Option<TableState>,
    /// Footnote labels by number (the first is `[1]`).
    notes: Vec<String>,
    /// The rule above the footnotes is drawn.
    notes_ruled: bool,
    /// The raw HTML of the HTML block being read.
    html: Option<String>,
    cap: MarkCap,
}

struct List {
    next: Option<u64>,
    /// Indent of this list's markers.
    base: u16,
    /// Indent of the current item's content.
    content: u16,
    items: usize,
}

/// The table being read: its cells so far, and where the open cell started.
struct TableState {
    table: Table,
    cell: Option<usize>,
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
            if let Some(table) = block.table.as_mut() {
                // Trailing empty cells stood after line breaks now trimmed.
                let len = block.range.len();
                for cell in table.rows.iter_mut().flatten() {
                    *cell = cell.start.min(len)..cell.end.min(len);
                }
            }
            if block.kind.reflows() && !matches!(block.kind, BlockKind::Title) {
                self.link_addresses(index);
            }
            self.text.push('\n');
        }
    }

    /// Styles the bare web addresses of block `index` as links, where no link or code is.
    fn link_addresses(&mut self, index: usize) {
        let range = self.blocks[index].range.clone();
        let text = &self.text[range.clone()];
        if !crate::text::urls::may_hold(text) {
            return;
        }
        for url in crate::text::urls::find(text) {
            let url = range.start + url.start..range.start + url.end;
            let taken = self.inlines.iter().any(|i| {
                matches!(i.style, InlineStyle::Link | InlineStyle::LinkUrl | InlineStyle::Code)
                    && i.range.start < url.end
                    && url.start < i.range.end
            });
            if !taken {
                self.add_inline(url, InlineStyle::Link);
            }
        }
    }

    fn ensure_block(&mut self) {
        if self.open.is_none() {
            self.start_block(BlockKind::Paragraph, true);
        }
    }

    fn push_text(&mut self, s: &str) {
        if self.table.as_ref().is_some_and(|t| t.cell.is_none()) {
            return; // Between cells.
        }
        self.ensure_block();
        self.cap.push(&mut self.text, s);
    }

    fn push_styled(&mut self, s: &str, style: InlineStyle) {
        self.ensure_block();
        let start = self.text.len();
        self.push_text(s);
        self.add_inline(start..self.text.len(), style);
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

    /// A line break inside a block: the rest goes on in a new block without a gap (a table
    /// cell, which reflows, takes a space instead).
    fn line_break(&mut self) {
        if self.table.is_some() {
            self.push_text(" ");
            return;
        }
        if let Some(index) = self.open {
            let block = self.blocks[index].clone();
            // Styles open across the break end here and go on in the next block: an inline
            // style never crosses a block edge.
            let end = self.text.trim_end_matches('\n').len();
            let open: Vec<(InlineStyle, usize)> = self.styles.clone();
            for (style, start) in open {
                self.add_inline(start..end.max(start), style);
            }
            self.close_block();
            let start = self.text.len();
            for (_, at) in &mut self.styles {
                *at = start;
            }
            let mut next = Block::new(start..start, block.kind);
            next.indent = block.indent + block.hang;
            next.quote = block.quote;
            next.gap_before = false;
            self.open = Some(self.blocks.len());
            self.blocks.push(next);
        }
    }

    /// The number of footnote `label`, numbering it next when it has none yet.
    fn note_number(&mut self, label: &str) -> usize {
        if let Some(i) = self.notes.iter().position(|l| l == label) {
            return i + 1;
        }
        self.notes.push(label.to_string());
        self.notes.len()
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(&t),
            Event::Code(t) => self.push_styled(&t, InlineStyle::Code),
            Event::SoftBreak => self.push_text(" "),
            Event::HardBreak => self.line_break(),
            Event::Rule => {
                self.start_block(BlockKind::Rule, false);
                self.close_block();
            }
            Event::TaskListMarker(done) => self.push_text(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(label) => {
                let n = self.note_number(&label);
                self.push_styled(&format!("[{n}]"), InlineStyle::FootnoteRef);
            }
            Event::Html(raw) => match self.html.as_mut() {
                Some(html) => html.push_str(&raw),
                None => self.inline_html(&raw),
            },
            Event::InlineHtml(raw) => self.inline_html(&raw),
        }
    }

    /// Inline HTML keeps its text (which comes as text events between the tags): a `<br>`
    /// breaks the line, an image shows its alternative text, other tags are dropped.
    fn inline_html(&mut self, tag: &str) {
        if html::is_line_break(tag) {
            self.line_break();
        } else if let Some(text) = html::inline_text(tag) {
            self.push_text(&text);
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
            Tag::HtmlBlock => {
                self.close_block();
                self.html = Some(String::new());
            }
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
            Tag::FootnoteDefinition(label) => {
                self.close_block();
                if !self.notes_ruled {
                    self.notes_ruled = true;
                    self.start_block(BlockKind::Rule, false);
                    self.close_block();
                }
                // A definition reads like an item of a list numbered by its references.
                let marker = format!("[{}] ", self.note_number(&label));
                let base = self.content_indent();
                let content = base + u16::try_from(str_width(&marker)).unwrap_or(4);
                self.lists.push(List { next: None, base, content, items: 1 });
                self.pending_marker = Some(marker);
            }
            Tag::Emphasis => self.open_style(InlineStyle::Emphasis),
            Tag::Strong => self.open_style(InlineStyle::Strong),
            Tag::Strikethrough => self.open_style(InlineStyle::Strikethrough),
            Tag::Link { dest_url, .. } => {
                self.open_style(InlineStyle::Link);
                self.links.push(dest_url.into_string());
            }
            Tag::Image { .. } => self.push_text("[image: "),
            Tag::Table(alignments) => {
                self.start_block(BlockKind::Table, false);
                let columns = alignments
                    .iter()
                    .map(|a| match a {
                        Alignment::Center => Align::Center,
                        Alignment::Right => Align::Right,
                        Alignment::None | Alignment::Left => Align::Left,
                    })
                    .collect();
                self.table = Some(TableState { table: Table { columns, ..Table::default() }, cell: None });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.table.rows.push(Vec::new());
                }
            }
            Tag::TableCell => {
                let at = self.text.len();
                if let Some(t) = self.table.as_mut() {
                    t.cell = Some(at);
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
            TagEnd::HtmlBlock => {
                let html = self.html.take().unwrap_or_default();
                for paragraph in html::paragraphs(&html) {
                    self.start_block(BlockKind::Paragraph, false);
                    self.push_text(&paragraph);
                    self.close_block();
                }
            }
            TagEnd::List(_) | TagEnd::FootnoteDefinition => {
                self.close_block();
                self.lists.pop();
                self.pending_marker = None;
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
                // Inside a table the address would crowd the columns: the link text is shown.
                if !url.is_empty() && !url.starts_with('#') && shown.trim() != url && self.table.is_none() {
                    self.text.push(' ');
                    let start = self.text.len();
                    self.text.push('(');
                    self.cap.push(&mut self.text, &url);
                    self.text.push(')');
                    self.add_inline(start..self.text.len(), InlineStyle::LinkUrl);
                }
            }
            TagEnd::Image => self.push_text("]"),
            TagEnd::TableCell => {
                let block_start = self.open.map_or(0, |i| self.blocks[i].range.start);
                let end = self.text.len();
                if let Some(t) = self.table.as_mut()
                    && let Some(start) = t.cell.take()
                {
                    if let Some(row) = t.table.rows.last_mut() {
                        row.push(start - block_start..end - block_start);
                    }
                    self.text.push('\n');
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.table.header_rows = t.table.rows.len();
                }
            }
            TagEnd::Table => {
                if let (Some(state), Some(index)) = (self.table.take(), self.open) {
                    let mut table = state.table;
                    let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
                    table.columns.resize(columns.max(table.columns.len()), Align::Left);
                    self.blocks[index].table = Some(Box::new(table));
                }
                self.close_block();
            }
            _ => {}
        }
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
        fn ranges_are_always_valid(src in "([#>*_`\\[\\]()\n :^-]|[a-z]{1,5}|1\\. |```\n|\\||\\|-|<br>|<div>|https://|www\\.|&#x301;){0,60}") {
            let doc = parse(&src).doc;
            prop_assert_eq!(doc.check(), Ok(()), "{:?}", doc);
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
    fn a_table_is_a_table_block_of_cells() {
        let p = parse("Before.\n\n| City | Rise |\n|---|--:|\n| Hanoi | **1.2** m |\n| Rotterdam |\n");
        let block = &p.doc.blocks[1];
        assert_eq!(block.kind, BlockKind::Table);
        assert_eq!(&p.doc.text[block.range.clone()], "City\nRise\nHanoi\n1.2 m\nRotterdam");
        let table = block.table.as_ref().expect("cells");
        assert_eq!(table.columns, [Align::Left, Align::Right]);
        assert_eq!(table.header_rows, 1);
        let cell = |r, c| &p.doc.text[block.cell(r, c)];
        assert_eq!(
            [cell(0, 0), cell(0, 1), cell(1, 0), cell(1, 1), cell(2, 0), cell(2, 1)],
            ["City", "Rise", "Hanoi", "1.2 m", "Rotterdam", ""]
        );
        assert_eq!(styled("| a | **b** `c` |\n|-|-|\n", InlineStyle::Strong), ["b"], "inline styles in cells");
        assert_eq!(styled("| a | `c` |\n|-|-|\n", InlineStyle::Code), ["c"]);
        p.doc.check().expect("a sound document");
    }

    #[test]
    fn footnotes_are_numbered_by_first_reference_and_listed_under_a_rule() {
        let src = "Claims[^src] and more[^a].\n\nAgain[^src].\n\n[^a]: The second note.\n[^src]: The first note, [linked](https://x.org).\n";
        let p = parse(src);
        assert_eq!(styled(src, InlineStyle::FootnoteRef), ["[1]", "[2]", "[1]"]);
        let b = &p.doc.blocks;
        let texts: Vec<(BlockKind, Option<&str>, &str)> =
            b.iter().map(|b| (b.kind, b.marker.as_deref(), &p.doc.text[b.range.clone()])).collect();
        assert_eq!(texts[0], (BlockKind::Paragraph, None, "Claims[1] and more[2]."));
        assert_eq!(texts[2].0, BlockKind::Rule);
        assert_eq!(texts[3], (BlockKind::Paragraph, Some("[2] "), "The second note."));
        assert_eq!(texts[4], (BlockKind::Paragraph, Some("[1] "), "The first note, linked (https://x.org)."));
        assert_eq!(b[3].hang, 4);
        assert_eq!(blocks("A [^missing] reference.")[0].1, "A [^missing] reference.", "undefined stays text");
    }

    #[test]
    fn inline_html_keeps_its_text() {
        assert_eq!(
            blocks("Intro.\n\n<div class=\"note\">\nKeep <b>this</b> &amp; that.\n</div>\n\nAfter."),
            [
                (BlockKind::Paragraph, "Intro.".into()),
                (BlockKind::Paragraph, "Keep this & that.".into()),
                (BlockKind::Paragraph, "After.".into()),
            ]
        );
        assert_eq!(blocks("A <span title=\"t\">styled</span> word.")[0].1, "A styled word.");
        let p = parse("one<br>two <img src=\"m.png\" alt=\"Map\">");
        let texts: Vec<&str> = p.doc.blocks.iter().map(|b| &p.doc.text[b.range.clone()]).collect();
        assert_eq!(texts, ["one", "two [image: Map]"]);
        assert!(!p.doc.blocks[1].gap_before);
    }

    #[test]
    fn bare_addresses_are_links_but_not_in_code() {
        let src = "Read https://example.org/a. or www.example.org, <https://x.org/b> and `https://no.org`.\n\n```\nhttps://code.org\n```\n";
        assert_eq!(styled(src, InlineStyle::Link), ["https://example.org/a", "www.example.org", "https://x.org/b"]);
        assert_eq!(styled("| https://t.org/c |\n|-|\n", InlineStyle::Link), ["https://t.org/c"], "in table cells too");
    }

    #[test]
    fn decoded_references_cannot_stack_marks_without_bound() {
        let p = parse(&format!("a{}b", "&#x301;".repeat(500)));
        let marks = p.doc.text.chars().filter(|&c| c == '\u{301}').count();
        assert_eq!(marks, crate::text::sanitize::MAX_MARKS);
        assert!(p.doc.text.contains(crate::text::sanitize::MARKS_DROPPED));
    }
}
