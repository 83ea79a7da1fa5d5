//! An HTML tree drawn into a [`Document`] the way Markdown is: headings, paragraphs, emphasis, lists, quotes, code, tables, links, figures.
//!
//! The walk is a loop over first-child / next-sibling / parent links, never a recursion, so a
//! page nested a hundred thousand levels deep costs no stack. Text passes through the same
//! cleaning as every article (escape sequences out whole) as it is added.

use dom_query::NodeRef;

use crate::text::doc::{Block, BlockKind, Document, Inline, InlineStyle};
use crate::text::sanitize::str_width;

/// Elements never shown, with all they hold: code, styling, embedded and interactive things.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "iframe", "object", "embed", "svg", "math", "canvas", "video",
    "audio", "button", "input", "select", "textarea", "option", "datalist", "map", "area", "dialog", "frame",
    "frameset", "noframes", "link", "meta", "title", "base", "param", "source", "track", "rp",
];

/// Elements that end a paragraph where they begin and end.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "address",
    "figure",
    "figcaption",
    "details",
    "summary",
    "dl",
    "dt",
    "dd",
    "center",
    "form",
    "fieldset",
    "legend",
    "hgroup",
    "body",
    "html",
    "tr",
    "td",
    "th",
    "caption",
    "tbody",
    "thead",
    "tfoot",
    "table",
    "menu",
    "picture",
    "search",
];

/// Draws the tree under `root` (its children; `root` itself too unless it is a document).
pub fn render(root: NodeRef<'_>) -> Document {
    let mut e = Emitter::default();
    walk(root, &mut e);
    e.close_block();
    Document { text: e.text, blocks: e.blocks, inlines: e.inlines }
}

/// The depth-first walk, without recursion.
fn walk(root: NodeRef<'_>, e: &mut Emitter) {
    let mut node = root;
    loop {
        let descend = e.enter(&node);
        if descend && let Some(child) = node.first_child() {
            node = child;
            continue;
        }
        loop {
            e.leave(&node);
            if node.id == root.id {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => return,
            }
        }
    }
}

#[derive(Default)]
struct Emitter {
    text: String,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
    open: Option<usize>,
    quote: u8,
    lists: Vec<List>,
    pending_marker: Option<String>,
    /// Inline styles open, with where they start (and for links, the URL).
    styles: Vec<(InlineStyle, usize, Option<String>)>,
    /// Inside `<pre>`: text kept as it is.
    pre: usize,
    /// A space is owed before the next word.
    space: bool,
    /// Line breaks (`<br>`) met since the last text.
    breaks: u8,
    /// A data table being collected; layout tables are walked as blocks instead.
    table: Option<Table>,
    /// Elements whose end must undo something (by node id): lists, quotes, styles, tables.
    undo: Vec<(dom_query::NodeId, Undo)>,
}

enum Undo {
    Quote,
    List,
    Item,
    Style(InlineStyle),
    Link,
    Pre,
    Table,
    Heading,
    Caption,
}

struct List {
    next: Option<u64>,
    base: u16,
    content: u16,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    header: bool,
}

impl Emitter {
    /// Handles the start of `node`; returns whether to walk its children.
    fn enter(&mut self, node: &NodeRef<'_>) -> bool {
        if node.is_text() {
            self.add_text(&node.text());
            return false;
        }
        if !node.is_element() {
            return node.is_document() || node.is_fragment();
        }
        let Some(name) = node.node_name() else { return true };
        let name: &str = &name;
        if SKIPPED.contains(&name) || hidden(node) {
            return false;
        }
        if self.table.is_some() {
            self.enter_cell_content(name, node);
            return true;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes()[1] - b'0';
                self.start_block(BlockKind::Heading(level));
                self.undo.push((node.id, Undo::Heading));
            }
            "pre" | "listing" | "plaintext" => {
                self.start_block(BlockKind::Code);
                self.pre += 1;
                self.undo.push((node.id, Undo::Pre));
            }
            "blockquote" => {
                self.close_block();
                self.quote = self.quote.saturating_add(1);
                self.undo.push((node.id, Undo::Quote));
            }
            "ul" | "ol" | "menu" | "dir" => {
                self.close_block();
                let base = self.content_indent();
                let next = (name == "ol").then(|| node.attr("start").and_then(|s| s.trim().parse().ok()).unwrap_or(1));
                self.lists.push(List { next, base, content: base });
                self.undo.push((node.id, Undo::List));
            }
            "li" => {
                self.close_block();
                self.list_item();
                self.undo.push((node.id, Undo::Item));
            }
            "table" if is_data_table(node) => {
                self.close_block();
                self.table = Some(Table::default());
                self.undo.push((node.id, Undo::Table));
            }
            "figcaption" | "caption" => {
                self.close_block();
                self.open_style(InlineStyle::Emphasis, None);
                self.undo.push((node.id, Undo::Caption));
            }
            "hr" => {
                self.start_block(BlockKind::Rule);
                self.close_block();
            }
            "br" => {
                if self.pre > 0 {
                    self.text.push('\n');
                } else {
                    self.breaks = self.breaks.saturating_add(1);
                    self.close_block();
                }
            }
            "img" => {
                if let Some(alt) = node.attr("alt").filter(|a| !a.trim().is_empty()) {
                    self.add_text(" ");
                    self.add_raw(&format!("[image: {}]", alt.split_whitespace().collect::<Vec<_>>().join(" ")));
                    self.space = true;
                }
            }
            "a" => {
                let href = node.attr("href").map(|h| h.trim().to_string());
                self.open_style(InlineStyle::Link, href);
                self.undo.push((node.id, Undo::Link));
            }
            "em" | "i" | "cite" | "dfn" | "var" => self.style(node, InlineStyle::Emphasis),
            "strong" | "b" => self.style(node, InlineStyle::Strong),
            "del" | "s" | "strike" => self.style(node, InlineStyle::Strikethrough),
            "code" | "kbd" | "samp" | "tt" if self.pre == 0 => self.style(node, InlineStyle::Code),
            "q" => self.add_text("\u{201c}"),
            "dd" => {
                self.close_block();
                self.lists.push(List {
                    next: None,
                    base: self.content_indent() + 2,
                    content: self.content_indent() + 2,
                });
                self.undo.push((node.id, Undo::List));
            }
            _ if BLOCKS.contains(&name) => self.close_block(),
            _ => {}
        }
        true
    }

    /// Inside a data table: rows, cells, and what cells hold, collected as text.
    fn enter_cell_content(&mut self, name: &str, node: &NodeRef<'_>) {
        let Some(table) = self.table.as_mut() else { return };
        match name {
            "tr" => table.rows.push(Vec::new()),
            "td" | "th" => {
                table.header |= name == "th" && table.rows.len() == 1;
                if let Some(row) = table.rows.last_mut() {
                    row.push(String::new());
                }
            }
            "br" => self.add_text(" "),
            "img" => {
                if let Some(alt) = node.attr("alt").filter(|a| !a.trim().is_empty()) {
                    self.add_text(&format!(" [image: {}] ", alt.trim()));
                }
            }
            _ => {}
        }
    }

    /// Handles the end of `node`.
    fn leave(&mut self, node: &NodeRef<'_>) {
        let name = node.node_name();
        if self.table.is_some() && !matches!(self.undo.last(), Some((id, Undo::Table)) if *id == node.id) {
            return;
        }
        if name.as_deref() == Some("q") {
            self.add_raw("\u{201d}");
        }
        while let Some((id, _)) = self.undo.last()
            && *id == node.id
        {
            let Some((_, undo)) = self.undo.pop() else { break };
            match undo {
                Undo::Quote => {
                    self.close_block();
                    self.quote = self.quote.saturating_sub(1);
                }
                Undo::List => {
                    self.close_block();
                    self.lists.pop();
                }
                Undo::Item => {
                    self.close_block();
                    self.pending_marker = None;
                }
                Undo::Style(style) => self.close_style(style),
                Undo::Link => self.close_link(),
                Undo::Pre => {
                    self.close_block();
                    self.pre = self.pre.saturating_sub(1);
                }
                Undo::Table => {
                    if let Some(table) = self.table.take() {
                        self.emit_table(&table);
                    }
                }
                Undo::Heading => self.close_block(),
                Undo::Caption => {
                    self.close_style(InlineStyle::Emphasis);
                    self.close_block();
                }
            }
        }
        if name.as_deref().is_some_and(|n| BLOCKS.contains(&n)) {
            self.close_block();
        }
    }

    fn style(&mut self, node: &NodeRef<'_>, style: InlineStyle) {
        self.open_style(style, None);
        self.undo.push((node.id, Undo::Style(style)));
    }

    fn content_indent(&self) -> u16 {
        self.lists.last().map_or(0, |l| l.content)
    }

    fn list_item(&mut self) {
        let depth = self.lists.len();
        let Some(list) = self.lists.last_mut() else {
            self.pending_marker = Some("• ".to_string());
            return;
        };
        let marker = if let Some(n) = list.next.as_mut() {
            let m = format!("{n}. ");
            *n += 1;
            m
        } else {
            ["• ", "◦ ", "▪ "][(depth - 1) % 3].to_string()
        };
        list.content = list.base + u16::try_from(str_width(&marker)).unwrap_or(2);
        self.pending_marker = Some(marker);
    }

    fn start_block(&mut self, kind: BlockKind) {
        self.close_block();
        let start = self.text.len();
        let mut block = Block::new(start..start, kind);
        block.quote = self.quote;
        block.indent = self.content_indent();
        if let Some(marker) = self.pending_marker.take() {
            block.indent = self.lists.last().map_or(0, |l| l.base);
            block.hang = u16::try_from(str_width(&marker)).unwrap_or(2);
            block.marker = Some(marker);
        }
        // Items of a list and lines after a single <br> sit close together.
        let in_list =
            !self.lists.is_empty() && self.blocks.last().is_some_and(|b| b.indent + b.hang > 0 || b.marker.is_some());
        block.gap_before = !(in_list || self.breaks == 1);
        self.breaks = 0;
        self.space = false;
        self.open = Some(self.blocks.len());
        self.blocks.push(block);
    }

    fn close_block(&mut self) {
        let Some(index) = self.open.take() else { return };
        let block = &mut self.blocks[index];
        let trimmed = self.text.trim_end().len().max(block.range.start);
        self.text.truncate(trimmed);
        block.range.end = self.text.len();
        // Styles that reached into the trimmed white space end where the text now ends, and
        // styles still open start no later.
        let end = self.text.len();
        let lo = self.inlines.partition_point(|i| i.range.start < block.range.start);
        if self.inlines[lo..].iter().any(|i| i.range.end > end) {
            // Only this block's styles are touched: the walk stays linear on huge pages.
            let tail = self.inlines.split_off(lo);
            self.inlines.extend(tail.into_iter().filter_map(|mut i| {
                i.range = i.range.start.min(end)..i.range.end.min(end);
                (!i.range.is_empty()).then_some(i)
            }));
        }
        for (_, at, _) in &mut self.styles {
            *at = (*at).min(end);
        }
        if block.range.is_empty() && block.kind != BlockKind::Rule {
            if let Some(marker) = block.marker.take() {
                // An item whose text comes in a later block keeps its marker for it.
                self.pending_marker = Some(marker);
            }
            self.blocks.pop();
        } else {
            self.text.push('\n');
        }
        self.space = false;
    }

    fn add_text(&mut self, raw: &str) {
        let clean = crate::text::sanitize::strip_sequences(raw, false);
        if let Some(table) = self.table.as_mut() {
            if let Some(cell) = table.rows.last_mut().and_then(|r| r.last_mut()) {
                for word in clean.split_whitespace() {
                    if !cell.is_empty() {
                        cell.push(' ');
                    }
                    cell.push_str(word);
                }
            }
            return;
        }
        if self.pre > 0 {
            if self.open.is_none() {
                self.start_block(BlockKind::Code);
            }
            let text = clean.replace("\r\n", "\n").replace('\r', "\n");
            // The first line break right after <pre> is not part of the text.
            let at_start = self.open.is_some_and(|i| self.blocks[i].range.start == self.text.len());
            self.text.push_str(if at_start { text.strip_prefix('\n').unwrap_or(&text) } else { &text });
            return;
        }
        let mut words = clean.split_whitespace().peekable();
        if clean.starts_with(char::is_whitespace) {
            self.space = true;
        }
        if words.peek().is_none() {
            return;
        }
        if self.open.is_none() {
            self.start_block(BlockKind::Paragraph);
        }
        for word in words {
            self.word(word);
            self.space = true;
        }
        self.space = clean.ends_with(char::is_whitespace);
    }

    /// Text added as one word (a marker such as `[image: …]`).
    fn add_raw(&mut self, s: &str) {
        if self.open.is_none() {
            self.start_block(BlockKind::Paragraph);
        }
        self.word(s);
        self.space = false;
    }

    fn word(&mut self, word: &str) {
        let block_start = self.open.map_or(0, |i| self.blocks[i].range.start);
        if self.space && self.text.len() > block_start && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
        self.text.push_str(word);
    }

    fn open_style(&mut self, style: InlineStyle, url: Option<String>) {
        if self.table.is_some() {
            return;
        }
        // The space owed before the styled text goes in now, so the style starts at its text.
        if self.space
            && let Some(i) = self.open
            && self.text.len() > self.blocks[i].range.start
            && !self.text.ends_with(' ')
        {
            self.text.push(' ');
        }
        self.space = false;
        self.styles.push((style, self.text.len(), url));
    }

    fn close_style(&mut self, style: InlineStyle) {
        if let Some(pos) = self.styles.iter().rposition(|(s, _, _)| *s == style) {
            let (_, start, _) = self.styles.remove(pos);
            self.add_inline(start..self.text.len(), style);
        }
    }

    fn close_link(&mut self) {
        let Some(pos) = self.styles.iter().rposition(|(s, _, _)| *s == InlineStyle::Link) else { return };
        let (_, start, url) = self.styles.remove(pos);
        let start = start.min(self.text.len());
        self.add_inline(start..self.text.len(), InlineStyle::Link);
        let shown = self.text[start..].trim().to_string();
        let Some(url) = url else { return };
        let useful = !url.is_empty()
            && !url.starts_with('#')
            && !url.to_ascii_lowercase().starts_with("javascript:")
            && !shown.is_empty()
            && shown != url
            && self.open.is_some()
            && self.pre == 0;
        if useful {
            let url = crate::text::sanitize::strip_sequences(&url, false).split_whitespace().collect::<String>();
            self.text.push(' ');
            let at = self.text.len();
            self.text.push('(');
            self.text.push_str(&url);
            self.text.push(')');
            self.add_inline(at..self.text.len(), InlineStyle::LinkUrl);
        }
    }

    fn add_inline(&mut self, range: std::ops::Range<usize>, style: InlineStyle) {
        // Styles never cross a block edge: clip to the open block.
        let block_start = self.open.map_or(self.text.len(), |i| self.blocks[i].range.start);
        let range = range.start.max(block_start)..range.end;
        if range.is_empty() || self.open.is_none() {
            return;
        }
        let at = self.inlines.partition_point(|i| i.range.start <= range.start);
        self.inlines.insert(at, Inline { range, style });
    }

    /// A data table: columns aligned in kept lines, a rule under a header row.
    fn emit_table(&mut self, table: &Table) {
        let rows: Vec<&Vec<String>> = table.rows.iter().filter(|r| r.iter().any(|c| !c.is_empty())).collect();
        let columns = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        let widths: Vec<usize> = (0..columns)
            .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| str_width(s)).max().unwrap_or(0))
            .collect();
        self.start_block(BlockKind::Code);
        for (i, row) in rows.iter().enumerate() {
            let cells: Vec<String> = (0..columns)
                .map(|c| {
                    let cell = row.get(c).map_or("", String::as_str);
                    format!("{cell}{}", " ".repeat(widths[c].saturating_sub(str_width(cell))))
                })
                .collect();
            self.text.push_str(cells.join(" │ ").trim_end());
            self.text.push('\n');
            if i == 0 && (table.header || rows.len() > 2) {
                let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                self.text.push_str(&rule.join("─┼─"));
                self.text.push('\n');
            }
        }
        self.close_block();
    }
}

/// Hidden from readers: the `hidden` attribute, `aria-hidden`, or an inline `display:none`.
fn hidden(node: &NodeRef<'_>) -> bool {
    node.has_attr("hidden")
        || node.attr("aria-hidden").is_some_and(|v| v.trim() == "true")
        || node.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// A table of data rather than of layout: no blocks, lists or tables inside its cells, and not
/// huge. (Old pages lay out whole sites in tables; those are walked as blocks.)
fn is_data_table(table: &NodeRef<'_>) -> bool {
    const LAYOUT: &[&str] = &[
        "table",
        "p",
        "div",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "article",
        "section",
    ];
    let mut seen = 0;
    let mut node = table.first_child();
    let mut stack = Vec::new();
    while let Some(n) = node {
        seen += 1;
        if seen > 4000 {
            return false;
        }
        if n.is_element() && n.node_name().is_some_and(|name| LAYOUT.contains(&&*name)) {
            return false;
        }
        if let Some(child) = n.first_child() {
            if let Some(next) = n.next_sibling() {
                stack.push(next);
            }
            node = Some(child);
        } else {
            node = n.next_sibling().or_else(|| stack.pop());
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(html: &str) -> Document {
        let d = dom_query::Document::from(html);
        render(d.root())
    }

    fn blocks(html: &str) -> Vec<(BlockKind, String)> {
        let d = doc(html);
        d.blocks.iter().map(|b| (b.kind, d.text[b.range.clone()].to_string())).collect()
    }

    fn styled(html: &str, style: InlineStyle) -> Vec<String> {
        let d = doc(html);
        d.inlines.iter().filter(|i| i.style == style).map(|i| d.text[i.range.clone()].to_string()).collect()
    }

    #[test]
    fn headings_paragraphs_and_white_space() {
        assert_eq!(
            blocks("<h2>  Part\n one </h2><p>Some   <b>bold</b>\n text.</p><div>Loose <span>text</span></div>"),
            [
                (BlockKind::Heading(2), "Part one".into()),
                (BlockKind::Paragraph, "Some bold text.".into()),
                (BlockKind::Paragraph, "Loose text".into()),
            ]
        );
    }

    #[test]
    fn inline_styles_and_links_like_markdown() {
        let html = "<p>Plain <strong>strong</strong> <em>em</em> <code>x()</code> <del>gone</del> \
                    <a href=\"https://e.example/r\">the report</a> <a href=\"#top\">top</a>.</p>";
        assert_eq!(blocks(html)[0].1, "Plain strong em x() gone the report (https://e.example/r) top.");
        assert_eq!(styled(html, InlineStyle::Strong), ["strong"]);
        assert_eq!(styled(html, InlineStyle::Emphasis), ["em"]);
        assert_eq!(styled(html, InlineStyle::Code), ["x()"]);
        assert_eq!(styled(html, InlineStyle::LinkUrl), ["(https://e.example/r)"]);
        assert_eq!(styled(html, InlineStyle::Link), ["the report", "top"]);
    }

    #[test]
    fn lists_quotes_code_and_rules() {
        let d = doc("<ul><li>one</li><li>two<ol><li>nested</li></ol></li></ul><blockquote><p>said</p></blockquote>\
                     <pre>\nfn main() {\n    go();\n}</pre><hr>");
        let got: Vec<(Option<&str>, u16, &str)> =
            d.blocks.iter().map(|b| (b.marker.as_deref(), b.indent, &d.text[b.range.clone()])).collect();
        assert_eq!(got[0], (Some("• "), 0, "one"));
        assert_eq!(got[1], (Some("• "), 0, "two"));
        assert_eq!(got[2], (Some("1. "), 2, "nested"));
        assert_eq!(d.blocks[3].quote, 1);
        assert_eq!((d.blocks[4].kind, got[4].2), (BlockKind::Code, "fn main() {\n    go();\n}"));
        assert_eq!(d.blocks[5].kind, BlockKind::Rule);
    }

    #[test]
    fn figures_show_alt_text_and_caption() {
        let b = blocks(
            "<figure><img src=\"x.jpg\" alt=\"A stake in the ice\"><figcaption>Stake 31.</figcaption></figure><img src=\"spacer.gif\" alt=\"\">",
        );
        assert_eq!(
            b,
            [(BlockKind::Paragraph, "[image: A stake in the ice]".into()), (BlockKind::Paragraph, "Stake 31.".into())]
        );
    }

    #[test]
    fn data_tables_align_and_layout_tables_are_blocks() {
        let b = blocks("<table><tr><th>City</th><th>Rise</th></tr><tr><td>Hanoi</td><td>1.2 m</td></tr></table>");
        assert_eq!(b, [(BlockKind::Code, "City  │ Rise\n──────┼──────\nHanoi │ 1.2 m".into())]);
        let b = blocks("<table><tr><td>Menu</td><td><h2>Story</h2><p>Body text.</p></td></tr></table>");
        assert_eq!(
            b,
            [
                (BlockKind::Paragraph, "Menu".into()),
                (BlockKind::Heading(2), "Story".into()),
                (BlockKind::Paragraph, "Body text.".into())
            ]
        );
    }

    #[test]
    fn scripts_styles_and_hidden_things_never_show() {
        let b = blocks(
            "<p>Kept</p><script>alert('x')</script><style>p{}</style><p hidden>no</p>\
                        <div aria-hidden=\"true\">no</div><p style=\"display: none\">no</p><noscript>no</noscript>",
        );
        assert_eq!(b, [(BlockKind::Paragraph, "Kept".into())]);
    }

    #[test]
    fn br_breaks_lines_and_two_make_a_paragraph() {
        let d = doc("<div>one<br>two<br><br>three</div>");
        let got: Vec<(&str, bool)> = d.blocks.iter().map(|b| (&d.text[b.range.clone()], b.gap_before)).collect();
        assert_eq!(got, [("one", true), ("two", false), ("three", true)]);
    }

    #[test]
    fn control_characters_from_references_are_cleaned() {
        let d = doc("<p>a&#27;]52;c;QUFB&#7;b &#27;[31mred</p>");
        assert!(!d.text.contains('\u{1b}'), "{:?}", d.text);
    }

    #[test]
    fn ranges_are_sound_on_odd_markup() {
        for html in
            ["<a href=x><p>in</p></a>", "<li>orphan<li>two", "<b><p>x</b>y</p>", "<pre></pre><table></table>", ""]
        {
            let d = doc(html);
            for r in d.blocks.iter().map(|b| &b.range).chain(d.inlines.iter().map(|i| &i.range)) {
                assert!(r.start <= r.end && r.end <= d.text.len(), "{html}: {r:?}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Whatever the markup, every block and style is a range of the text on character
        /// boundaries, and drawing never panics.
        #[test]
        fn any_markup_draws_into_sound_ranges(parts in proptest::collection::vec(proptest::prop_oneof![
            proptest::strategy::Just("<p>"), proptest::strategy::Just("</p>"), proptest::strategy::Just("<a href=/x>"),
            proptest::strategy::Just("</a>"), proptest::strategy::Just("<b>"), proptest::strategy::Just("</b>"),
            proptest::strategy::Just("<img alt=\"ñ ü\">"), proptest::strategy::Just("<br>"), proptest::strategy::Just(" "),
            proptest::strategy::Just("¿Qué"), proptest::strategy::Just("東京"), proptest::strategy::Just("<li>"),
            proptest::strategy::Just("<ul>"), proptest::strategy::Just("</ul>"), proptest::strategy::Just("<pre>"),
            proptest::strategy::Just("</pre>"), proptest::strategy::Just("<table><tr><td>"), proptest::strategy::Just("</table>"),
            proptest::strategy::Just("<h2>"), proptest::strategy::Just("</h2>"), proptest::strategy::Just("<code>"),
            proptest::strategy::Just("</code>"), proptest::strategy::Just("word"), proptest::strategy::Just("\n"),
        ], 0..40)) {
            let d = doc(&parts.concat());
            for r in d.blocks.iter().map(|b| &b.range).chain(d.inlines.iter().map(|i| &i.range)) {
                proptest::prop_assert!(r.start <= r.end && r.end <= d.text.len());
                proptest::prop_assert!(d.text.is_char_boundary(r.start) && d.text.is_char_boundary(r.end));
            }
        }
    }
}
