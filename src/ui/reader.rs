//! The reading pane: title, metadata, load warnings and the wrapped body, styled by the theme.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget, Wrap};

use crate::config::Theme;
use crate::library::Article;
use crate::library::meta::reading_minutes;
use std::ops::Range;

use crate::state::{Focus, Reader, State};
use crate::text::doc::{Block, BlockKind, Document, InlineStyle};
use crate::text::sanitize::{MarkCap, char_width, printable, safe_char, truncate};
use crate::text::segments::{Mark, overlay, touching};
use crate::text::wrap::{CONTINUATION, LineKind, VisualLine, continues, kept_width};

mod table;

/// Draws the reading pane of `state`.
pub struct ReaderView<'a> {
    pub state: &'a State,
    pub theme: &'a Theme,
    pub scrollbar: bool,
}

/// The metadata line: byline, date, source, and the text encoding when it is not UTF-8 (empty
/// when none is known).
pub fn meta_line(article: &Article) -> String {
    let m = &article.meta;
    let mut parts = Vec::new();
    if let Some(a) = &m.author {
        parts.push(format!("By {a}"));
    }
    parts.extend(m.date.clone());
    parts.extend(m.source.clone());
    parts.extend(m.encoding.clone());
    parts.join(" · ")
}

/// The line under it: length, reading time, tags.
pub fn stats_line(article: &Article) -> String {
    let mut parts = match article.words {
        0 => vec!["no text under the title".to_string()],
        1 => vec!["1 word".to_string(), "1 min read".to_string()],
        n => vec![format!("{n} words"), format!("{} min read", reading_minutes(n))],
    };
    if !article.meta.tags.is_empty() {
        parts.push(article.meta.tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" "));
    }
    parts.join(" · ")
}

impl Widget for ReaderView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let theme = self.theme;
        let focused = state.focus == Focus::Reader;
        // With nothing listed (a filter that matches nothing), no article is shown either; nor
        // another than the one being read for the pane.
        let waiting = state.reading.loading;
        let shown = state.reading.reader.as_ref().filter(|r| waiting.is_none_or(|e| e == r.entry));
        let Some(reader) = shown.filter(|_| !state.list.order.is_empty()) else {
            let block = super::pane(Line::from(" newsdesk "), focused, theme);
            let inner = block.inner(area);
            block.render(area, buf);
            let mut line = |text: String| {
                Paragraph::new(Line::styled(text, theme.meta))
                    .render(inner.inner(Margin { horizontal: 1, vertical: 0 }), buf);
            };
            if state.list.scanning {
                line("Reading the folder…".into());
            } else if state.list.order.is_empty() && state.library.entries.iter().any(|e| !e.gone) {
                line(format!("{}.", super::capitalised(state.empty_list_reason())));
            } else if state.list.order.is_empty() {
                empty_folder(state, theme, inner, buf);
            } else if let Some(entry) = waiting.and_then(|e| state.entry(e)) {
                line(format!("Reading {}…", crate::text::sanitize::sanitize(&entry.rel)));
            }
            return;
        };
        let rel = state.entry(reader.entry).map_or("", |e| e.rel.as_str());
        let title = format!(" {} ", truncate(rel, usize::from(area.width.saturating_sub(6))));
        let block = super::pane(Line::from(title), focused, theme);
        block.render(area, buf);
        let text_area = state.areas.reader_text;
        for (row, line) in reader.layout.lines.iter().skip(reader.top).take(usize::from(text_area.height)).enumerate() {
            let y = text_area.y + u16::try_from(row).unwrap_or(u16::MAX);
            draw_line(state, reader, line, theme, Rect { y, height: 1, ..text_area }, buf);
        }
        let height = usize::from(text_area.height);
        if self.scrollbar && reader.layout.lines.len() > height {
            let mut bar =
                ScrollbarState::new(reader.max_top(height)).position(reader.top).viewport_content_length(height);
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .style(theme.scrollbar)
                .render(area.inner(Margin { horizontal: 0, vertical: 1 }), buf, &mut bar);
        }
    }
}

fn empty_folder(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let root = state.library.root.display().to_string();
    let text = vec![
        Line::styled("This folder has no articles yet.", theme.title),
        Line::raw(""),
        Line::styled(
            format!("newsdesk reads .txt, .md and .markdown files in {} and its subfolders.", printable(&root)),
            theme.text,
        ),
        Line::raw(""),
        Line::styled(
            "A .txt article's first line is its title; a Markdown article takes its title from front matter or its first # heading.",
            theme.text,
        ),
        Line::raw(""),
        Line::styled(
            "Add some files and start newsdesk again, or open another folder: newsdesk PATH. Press q to quit.",
            theme.meta,
        ),
    ];
    Paragraph::new(text).wrap(Wrap { trim: true }).render(area.inner(Margin { horizontal: 1, vertical: 0 }), buf);
}

/// The theme style of a block's text.
fn block_style(kind: BlockKind, quote: u8, theme: &Theme) -> Style {
    let base = match kind {
        BlockKind::Title => theme.title,
        BlockKind::Heading(1) => theme.heading1,
        BlockKind::Heading(2) => theme.heading2,
        BlockKind::Heading(_) => theme.heading,
        BlockKind::Code => theme.code_block,
        BlockKind::Rule => theme.rule,
        BlockKind::Paragraph | BlockKind::Preformatted | BlockKind::Table => theme.text,
    };
    if quote > 0 { base.patch(theme.quote) } else { base }
}

/// A base style with the inline Markdown styles in `bits` applied.
fn inline_style(base: Style, bits: u8, theme: &Theme) -> Style {
    let mut style = base;
    for (inline, slot) in [
        (InlineStyle::Emphasis, theme.emphasis),
        (InlineStyle::Strong, theme.strong),
        (InlineStyle::Code, theme.code),
        (InlineStyle::Link, theme.link),
        (InlineStyle::LinkUrl, theme.link_url),
        (InlineStyle::FootnoteRef, theme.link),
        (InlineStyle::Strikethrough, Style::new().add_modifier(Modifier::CROSSED_OUT)),
    ] {
        if bits & inline.bit() != 0 {
            style = style.patch(slot);
        }
    }
    style
}

/// The marks over `line`: search matches (the current one marked as such) and, while
/// highlighting is on, entities and watch-list hits.
fn line_marks(state: &State, reader: &Reader, line: &Range<usize>) -> Vec<(Range<usize>, Mark)> {
    let mut marks = Vec::new();
    if let Some(search) = state.reading.search.as_ref().filter(|s| s.entry == Some(reader.entry)) {
        marks.extend(
            touching(&search.matches, line).map(|i| {
                (search.matches[i].clone(), if search.current == Some(i) { Mark::Current } else { Mark::Match })
            }),
        );
    }
    if state.reading.entities_on {
        reader.highlights.marks(line, &mut marks);
    }
    marks
}

fn draw_line(state: &State, reader: &Reader, line: &VisualLine, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let doc = &reader.article.doc;
    let spans = match line.kind {
        LineKind::Blank => return,
        // The layout has a metadata line only when there is a byline, date or source.
        LineKind::Meta => {
            vec![Span::styled(truncate(&meta_line(&reader.article), usize::from(area.width)), theme.meta)]
        }
        LineKind::Stats => {
            vec![Span::styled(truncate(&stats_line(&reader.article), usize::from(area.width)), theme.meta)]
        }
        LineKind::Note(i) => {
            let note = reader.article.warnings.get(i).map_or("", String::as_str);
            vec![Span::styled(truncate(&format!("⚠ {note}"), usize::from(area.width)), theme.warning)]
        }
        LineKind::Rule { .. } => vec![Span::styled("─".repeat(usize::from(area.width)), theme.rule)],
        LineKind::Text { block, first } => {
            let marks = line_marks(state, reader, &line.range);
            text_spans(doc, block, first, line, &marks, theme)
        }
        LineKind::TableRow { .. } => {
            let marks = line_marks(state, reader, &line.range);
            table::row_spans(doc, &reader.layout, line, &marks, theme)
        }
        LineKind::TableRule { table, header } => table::rule_spans(doc, &reader.layout, table, header, theme),
    };
    if let LineKind::Text { block, .. } = line.kind
        && doc.blocks.get(block).is_some_and(|b| b.kind == BlockKind::Code)
    {
        buf.set_style(area, theme.code_block);
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

/// What goes left of a block's text on a line: quote bars, then the indent, or on the first
/// line the list marker.
fn prefix_spans<'a>(block: &Block, first: bool, theme: &Theme) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    for _ in 0..block.quote {
        spans.push(Span::styled("│ ", theme.quote));
    }
    let indent = usize::from(block.indent);
    match (&block.marker, first) {
        (Some(marker), true) => {
            spans.push(Span::raw(" ".repeat(indent)));
            spans.push(Span::styled(marker.clone(), theme.list_marker));
        }
        (Some(_), false) => spans.push(Span::raw(" ".repeat(indent + usize::from(block.hang)))),
        (None, _) => {
            let hang = if first { 0 } else { usize::from(block.hang) };
            if indent + hang > 0 {
                spans.push(Span::raw(" ".repeat(indent + hang)));
            }
        }
    }
    spans
}

/// The spans of one text line: quote bars, indent or list marker, then the text cut where
/// inline styles change, with white space collapsed in reflowed blocks; a kept line that goes
/// on from the one before starts with the continuation mark.
fn text_spans<'a>(
    doc: &'a Document,
    index: usize,
    first: bool,
    line: &VisualLine,
    marks: &[(Range<usize>, Mark)],
    theme: &Theme,
) -> Vec<Span<'a>> {
    let Some(block) = doc.blocks.get(index) else {
        return Vec::new();
    };
    let mut spans = prefix_spans(block, first, theme);
    if continues(doc, block, &line.range) {
        spans.push(Span::styled(CONTINUATION, block_style(block.kind, block.quote, theme).patch(theme.rule)));
    }
    spans.extend(
        content_spans(doc, block, line.range.clone(), marks, block_style(block.kind, block.quote, theme), theme).0,
    );
    spans
}

/// The text of `range` (a part of `block`) as spans cut where inline styles and marks change,
/// white space collapsed where the block reflows and tabs taken to their stops where it keeps
/// its lines; and its width in cells. At most [`crate::text::sanitize::MAX_MARKS`] zero-width characters on one base
/// character reach a cell, whatever made the document.
fn content_spans<'a>(
    doc: &Document,
    block: &Block,
    range: Range<usize>,
    marks: &[(Range<usize>, Mark)],
    base: Style,
    theme: &Theme,
) -> (Vec<Span<'a>>, usize) {
    let reflow = block.kind.reflows();
    let mut spans = Vec::new();
    let mut prev_ws = false;
    let mut col = 0;
    let mut cap = MarkCap::default();
    for (range, bits, mark) in overlay(&doc.style_segments(block, range), marks) {
        let mut s = String::with_capacity(range.len());
        for c in doc.text[range].chars() {
            if reflow && c.is_whitespace() {
                if !prev_ws {
                    s.push(' ');
                    col += 1;
                }
                prev_ws = true;
            } else if c == '\t' {
                let to = kept_width("\t", col);
                s.extend(std::iter::repeat_n(' ', to - col));
                col = to;
            } else if cap.admits(c) {
                s.push(safe_char(c));
                col += char_width(c);
                prev_ws = false;
            }
        }
        let style = inline_style(base, bits, theme);
        let style = mark.map_or(style, |mark| style.patch(theme.mark(mark)));
        spans.push(Span::styled(s, style));
    }
    (spans, col)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Meta;

    fn article(words: usize, tags: &[&str]) -> Article {
        Article {
            meta: Meta { tags: tags.iter().map(ToString::to_string).collect(), ..Meta::default() },
            words,
            ..Article::default()
        }
    }

    #[test]
    fn stats_line_reads_naturally() {
        assert_eq!(stats_line(&article(0, &[])), "no text under the title");
        assert_eq!(stats_line(&article(1, &[])), "1 word · 1 min read");
        assert_eq!(stats_line(&article(461, &["a", "b"])), "461 words · 3 min read · #a #b");
    }
}
