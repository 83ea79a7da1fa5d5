//! Table lines in the reading pane: each column's piece of cell text, aligned and padded to
//! its width, between `│` separators; rules under the header and between tall rows.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Span;

use super::{block_style, content_spans, prefix_spans};
use crate::config::Theme;
use crate::text::doc::{Align, Document};
use crate::text::segments::Mark;
use crate::text::wrap::{Layout, VisualLine};

/// The spans of one visual line of a table row.
pub(super) fn row_spans<'a>(
    doc: &Document,
    layout: &Layout,
    line: &VisualLine,
    marks: &[(Range<usize>, Mark)],
    theme: &Theme,
) -> Vec<Span<'a>> {
    let Some((table, cells)) = layout.table_row(line) else { return Vec::new() };
    let Some(block) = doc.blocks.get(table.block) else { return Vec::new() };
    let Some(cells_of) = block.table.as_ref() else { return Vec::new() };
    // Header rows are drawn strong; a row's lines all start before the first body cell.
    let body_start = block.cell(cells_of.header_rows, 0).start;
    let header = cells_of.header_rows > 0 && line.range.start < body_start && line.range.end <= body_start;
    let base = block_style(block.kind, block.quote, theme);
    let base = if header { base.patch(theme.strong) } else { base };
    let mut spans = prefix_spans(block, false, theme);
    for (c, (piece, &width)) in cells.iter().zip(&table.widths).enumerate() {
        if c > 0 {
            spans.push(Span::styled(if table.gap == 3 { " │ " } else { "│" }, theme.rule));
        }
        let (text, used) = content_spans(doc, block, piece.clone(), marks, base, theme);
        let room = width.saturating_sub(used);
        let (left, right) = match cells_of.columns.get(c).copied().unwrap_or_default() {
            Align::Left => (0, room),
            Align::Center => (room / 2, room - room / 2),
            Align::Right => (room, 0),
        };
        spans.push(pad(left));
        spans.extend(text);
        // The last column needs no padding after it.
        if c + 1 < cells.len() {
            spans.push(pad(right));
        }
    }
    spans
}

/// A rule across table `table` of the layout: solid under the header, dashed between rows.
pub(super) fn rule_spans<'a>(
    doc: &Document,
    layout: &Layout,
    table: u32,
    header: bool,
    theme: &Theme,
) -> Vec<Span<'a>> {
    let Some(table) = layout.tables.get(table as usize) else { return Vec::new() };
    let Some(block) = doc.blocks.get(table.block) else { return Vec::new() };
    let (line, cross) = if header { ("─", "┼") } else { ("┄", "┼") };
    let joint = if table.gap == 3 { format!("{line}{cross}{line}") } else { cross.to_string() };
    let rule = table.widths.iter().map(|w| line.repeat(*w)).collect::<Vec<_>>().join(&joint);
    let mut spans = prefix_spans(block, false, theme);
    spans.push(Span::styled(rule, theme.rule));
    spans
}

fn pad<'a>(n: usize) -> Span<'a> {
    Span::styled(" ".repeat(n), Style::new())
}
