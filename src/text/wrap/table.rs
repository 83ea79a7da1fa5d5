//! Tables laid out in a width: columns shrunk to fit, each cell wrapped in its column.

use std::ops::Range;

use super::{LineKind, Part, VisualLine, block_indents, index, pieces, reflow};
use crate::text::doc::{Block, Document};

/// How a table's columns sit in the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableLayout {
    /// The table's block in the document.
    pub block: usize,
    /// Cells of each column's text.
    pub widths: Vec<usize>,
    /// Cells between two columns: 3 (` │ `), or 1 (`│`) in a narrow pane.
    pub gap: usize,
}

impl TableLayout {
    /// Cells the whole table takes.
    pub fn width(&self) -> usize {
        self.widths.iter().sum::<usize>() + self.gap * self.widths.len().saturating_sub(1)
    }
}

/// Lays out table block `index` in `width` cells: a header rule under its header rows, and a
/// rule between the other rows when one of them takes more than one line, so no cell's lines
/// can be read as another row's.
pub(super) fn wrap(doc: &Document, index_: usize, block: &Block, width: usize, part: &mut Part) {
    let Some(table) = &block.table else { return };
    let columns = table.rows.iter().map(Vec::len).chain([table.columns.len()]).max().unwrap_or(0);
    if columns == 0 || table.rows.is_empty() {
        return;
    }
    let room = width.saturating_sub(block_indents(block).1).max(1);
    let measures: Vec<(usize, usize)> = (0..columns)
        .map(|c| {
            (0..table.rows.len())
                .map(|r| measure(doc, block.cell(r, c)))
                .fold((1, 1), |(n, m), (cn, cm)| (n.max(cn), m.max(cm)))
        })
        .collect();
    let min_sum: usize = measures.iter().map(|m| m.1).sum();
    // The wide separator while every column keeps its longest word, or at least two cells.
    let gap = if room >= min_sum.min(2 * columns) + 3 * (columns - 1) { 3 } else { 1 };
    let widths = column_widths(&measures, room.saturating_sub(gap * (columns - 1)));
    let rows: Vec<Vec<Vec<Range<usize>>>> = (0..table.rows.len())
        .map(|r| (0..columns).map(|c| reflow(doc, block.cell(r, c), widths[c], widths[c])).collect())
        .collect();
    let height = |row: &Vec<Vec<Range<usize>>>| row.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let tall = rows.iter().skip(table.header_rows).any(|row| height(row) > 1);
    let table_index = index(part.tables.len());
    part.tables.push(TableLayout { block: index_, widths, gap });
    for (r, row) in rows.iter().enumerate() {
        let rule =
            if r == table.header_rows && r > 0 { Some(true) } else { (r > table.header_rows && tall).then_some(false) };
        if let Some(header) = rule {
            let at = part.lines.last().map_or(block.range.start, |l| l.range.end);
            part.lines.push(VisualLine { kind: LineKind::TableRule { table: table_index, header }, range: at..at });
        }
        let row_start = block.cell(r, 0).start;
        for k in 0..height(row) {
            let cells = index(part.cells.len());
            let mut range: Option<Range<usize>> = None;
            for (c, lines) in row.iter().enumerate() {
                let piece = lines.get(k).cloned().unwrap_or_else(|| {
                    let end = block.cell(r, c).end;
                    end..end
                });
                if !piece.is_empty() {
                    range = Some(range.map_or(piece.clone(), |r| r.start.min(piece.start)..r.end.max(piece.end)));
                }
                part.cells.push(piece);
            }
            let range = range.unwrap_or(row_start..row_start);
            part.lines.push(VisualLine { kind: LineKind::TableRow { table: table_index, cells }, range });
        }
    }
}

/// A cell's width on one line (its words and the spaces between them) and its longest word,
/// in cells; a cell of CJK may break between any two characters.
fn measure(doc: &Document, range: Range<usize>) -> (usize, usize) {
    let pieces = pieces(&doc.text[range.clone()], range.start, usize::MAX);
    let natural = pieces.iter().enumerate().map(|(i, p)| p.width + usize::from(p.ws && i + 1 < pieces.len())).sum();
    let longest = pieces.iter().map(|p| p.width).max().unwrap_or(0);
    (natural, longest)
}

/// Column widths for `(natural, longest word)` measures in `room` cells: natural widths when
/// they fit; else every column its longest word (or, when even those do not fit, one cell, and
/// words are broken), and the rest of the room shared out: a column that lacks no more than an
/// even share gets all it lacks (short columns stay whole), the others share what is left in
/// proportion to what they lack.
fn column_widths(measures: &[(usize, usize)], room: usize) -> Vec<usize> {
    let natural: Vec<usize> = measures.iter().map(|m| m.0.max(1)).collect();
    if natural.iter().sum::<usize>() <= room {
        return natural;
    }
    let longest: Vec<usize> = measures.iter().map(|m| m.1.clamp(1, m.0.max(1))).collect();
    let mut widths = if longest.iter().sum::<usize>() <= room { longest } else { vec![1; measures.len()] };
    let mut spare = room.saturating_sub(widths.iter().sum());
    let mut open: Vec<usize> = (0..widths.len()).filter(|&c| widths[c] < natural[c]).collect();
    // Whole shares first, for as long as some column lacks less than one.
    while let Some(pos) = open.iter().position(|&c| natural[c] - widths[c] <= spare / open.len()) {
        let c = open.swap_remove(pos);
        spare -= natural[c] - widths[c];
        widths[c] = natural[c];
    }
    let total: usize = open.iter().map(|&c| natural[c] - widths[c]).sum();
    let given: Vec<usize> =
        open.iter().map(|&c| (spare * (natural[c] - widths[c])).checked_div(total).unwrap_or(0)).collect();
    for (&c, g) in open.iter().zip(&given) {
        widths[c] += g;
    }
    // Cells left by rounding down go to the columns that lack most.
    let mut left = spare - given.iter().sum::<usize>();
    while left > 0 {
        let Some(&c) = open.iter().filter(|&&c| widths[c] < natural[c]).max_by_key(|&&c| natural[c] - widths[c]) else {
            break;
        };
        widths[c] += 1;
        left -= 1;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::fits(&[(5, 5), (8, 3)], 20, &[5, 8])]
    #[case::short_columns_stay_whole(&[(9, 9), (5, 4), (39, 6)], 34, &[9, 5, 20])]
    #[case::long_columns_share_in_proportion(&[(40, 4), (120, 4)], 40, &[11, 29])]
    #[case::a_column_lacking_less_than_a_share_is_whole(&[(20, 4), (60, 4)], 40, &[20, 20])]
    #[case::breaks_words_when_it_must(&[(10, 8), (10, 8)], 10, &[5, 5])]
    #[case::one_cell_at_least(&[(10, 8), (10, 8), (10, 8)], 2, &[1, 1, 1])]
    fn columns_share_the_room(#[case] measures: &[(usize, usize)], #[case] room: usize, #[case] expected: &[usize]) {
        assert_eq!(column_widths(measures, room), expected);
    }
}
