//! reStructuredText articles read as plain text with their section headings (underlined, or over- and underlined) recognised.

use crate::text::doc::{Block, BlockKind, Document};
use crate::text::sanitize::str_width;

/// Parses an `.rst` article: as a `.txt` one, except that section titles become headings (the
/// first, when it opens the file, the title), their adornment lines are not shown, and a lone
/// adornment line between blank lines (a transition) is a rule. Ranges are file offsets.
pub fn parse(raw: &str) -> Document {
    let lines: Vec<(usize, &str)> = lines_with_offsets(raw).collect();
    let headings = find_headings(&lines);
    // The text with adornments and heading lines blanked (same length: offsets keep), so the
    // plain-text parser lays out everything else; a heading that opens the file stays, as the
    // title line it then is.
    let first_text = lines.iter().position(|(_, l)| !l.trim().is_empty());
    let title = headings.first().filter(|h| Some(h.first_line) == first_text).copied();
    let mut masked = raw.as_bytes().to_vec();
    for h in &headings {
        for (i, &(at, line)) in lines.iter().enumerate().take(h.last_line + 1).skip(h.first_line) {
            let keep = title.is_some_and(|t| t.first_line == h.first_line) && i == h.text_line;
            if !keep {
                masked[at..at + line.len()].fill(b' ');
            }
        }
    }
    let masked = String::from_utf8(masked).unwrap_or_default();
    let mut doc = super::txt::parse(&masked);
    doc.text = raw.to_string();
    let mut styles: Vec<(u8, bool)> = Vec::new();
    let title_style = title.map(|t| t.style);
    let title_recurs = headings.iter().skip(1).any(|h| Some(h.style) == title_style);
    for h in headings.iter().filter(|h| title.is_none_or(|t| t.first_line != h.first_line)) {
        if !styles.contains(&h.style) && Some(h.style) != title_style {
            styles.push(h.style);
        }
        let level = if Some(h.style) == title_style {
            1
        } else {
            let index = styles.iter().position(|s| *s == h.style).unwrap_or(0);
            index + if title_recurs { 2 } else { 1 }
        };
        let (at, line) = lines[h.text_line];
        let lead = line.len() - line.trim_start().len();
        let block = Block::new(
            at + lead..at + line.trim_end().len(),
            if h.rule { BlockKind::Rule } else { BlockKind::Heading(u8::try_from(level.min(6)).unwrap_or(6)) },
        );
        let pos = doc.blocks.partition_point(|b| b.range.start <= block.range.start);
        doc.blocks.insert(pos, block);
    }
    doc
}

/// A section title found in the lines: which lines it spans and which holds its text.
#[derive(Debug, Clone, Copy)]
struct Heading {
    first_line: usize,
    last_line: usize,
    text_line: usize,
    /// The adornment character, and whether there is an overline too.
    style: (u8, bool),
    /// A transition (a lone adornment line), drawn as a rule.
    rule: bool,
}

fn find_headings(lines: &[(usize, &str)]) -> Vec<Heading> {
    let blank = |i: usize| lines.get(i).is_none_or(|(_, l)| l.trim().is_empty());
    let adornment = |i: usize| lines.get(i).and_then(|(_, l)| adornment(l));
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let text_ok = |j: usize| !blank(j) && adornment(j).is_none();
        if let Some(c) = adornment(i)
            && text_ok(i + 1)
            && adornment(i + 2).is_some_and(|d| d == c)
            && (i == 0 || blank(i - 1))
        {
            found.push(Heading { first_line: i, last_line: i + 2, text_line: i + 1, style: (c, true), rule: false });
            i += 3;
        } else if text_ok(i)
            && (i == 0 || blank(i - 1))
            && let Some(c) = adornment(i + 1)
            && str_width(lines[i + 1].1.trim_end()) + 1 >= str_width(lines[i].1.trim())
            && !lines[i].1.starts_with([' ', '\t'])
        {
            found.push(Heading { first_line: i, last_line: i + 1, text_line: i, style: (c, false), rule: false });
            i += 2;
        } else if adornment(i).is_some() && lines[i].1.trim_end().len() >= 4 && i > 0 && blank(i - 1) && blank(i + 1) {
            found.push(Heading { first_line: i, last_line: i, text_line: i, style: (0, false), rule: true });
            i += 1;
        } else {
            i += 1;
        }
    }
    found
}

/// The character of an adornment line (`=====`, `-----`, `~~~~`): one punctuation character
/// repeated, at least twice, from the line's start.
fn adornment(line: &str) -> Option<u8> {
    let line = line.trim_end();
    let c = *line.as_bytes().first()?;
    let punct = b"=-`:.'\"~^_*+#<>!$%&(),/;?@[\\]{|}";
    (line.len() >= 2 && punct.contains(&c) && line.bytes().all(|b| b == c)).then_some(c)
}

fn lines_with_offsets(raw: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    raw.split_inclusive('\n').map(move |chunk| {
        let at = start;
        start += chunk.len();
        (at, chunk.trim_end_matches(['\n', '\r']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(raw: &str) -> Vec<(BlockKind, &str)> {
        let doc = parse(raw);
        doc.blocks.iter().map(|b| (b.kind, &raw[b.range.clone()])).collect()
    }

    #[test]
    fn section_titles_become_headings_and_adornments_vanish() {
        let raw = "=============\nHarbour Notes\n=============\n\nIntro line\njoined.\n\nTides\n-----\n\nHigh at six.\n\nWinds\n-----\n\nCalm.\n\nDetails\n~~~~~~~\n\nNone.\n";
        assert_eq!(
            shown(raw),
            [
                (BlockKind::Title, "Harbour Notes"),
                (BlockKind::Paragraph, "Intro line\njoined."),
                (BlockKind::Heading(1), "Tides"),
                (BlockKind::Paragraph, "High at six."),
                (BlockKind::Heading(1), "Winds"),
                (BlockKind::Paragraph, "Calm."),
                (BlockKind::Heading(2), "Details"),
                (BlockKind::Paragraph, "None."),
            ]
        );
    }

    #[test]
    fn an_underlined_title_and_a_transition() {
        let raw = "Title Here\n==========\n\nOne.\n\n----\n\nTwo.\n";
        assert_eq!(
            shown(raw),
            [
                (BlockKind::Title, "Title Here"),
                (BlockKind::Paragraph, "One."),
                (BlockKind::Rule, "----"),
                (BlockKind::Paragraph, "Two."),
            ]
        );
    }

    #[test]
    fn lists_and_short_underlines_are_not_headings() {
        let raw = "T\n\n- item\n- other\n\nA long line of text\n==\n";
        let got = shown(raw);
        assert!(got.iter().all(|(k, _)| !matches!(k, BlockKind::Heading(_))), "{got:?}");
    }
}
