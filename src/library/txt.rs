//! Plain-text articles: first non-blank line is the title; paragraphs reflow; lists and indented blocks keep their lines.

use crate::text::doc::{Block, BlockKind, Document};

/// Parses a `.txt` article. The document text is the file text itself, so every range in the
/// result is also a byte offset into the file.
pub fn parse(raw: &str) -> Document {
    let mut blocks = Vec::new();
    let mut lines = lines_with_offsets(raw).peekable();
    // Title: the first non-blank line.
    for (start, line) in lines.by_ref() {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            blocks.push(Block::new(start + lead..start + lead + trimmed.len(), BlockKind::Title));
            break;
        }
    }
    let mut gap = true;
    for (start, line) in lines {
        let end = start + line.trim_end().len();
        if line.trim().is_empty() {
            gap = true;
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let body = &line[lead..];
        if let Some(marker) = list_marker(body) {
            let mut block = Block::new(start + lead..end, BlockKind::Paragraph);
            block.indent = u16::try_from(lead.min(16)).unwrap_or(16);
            block.hang = u16::try_from(marker).unwrap_or(0);
            block.gap_before = gap;
            blocks.push(block);
        } else if lead >= 2 || line.starts_with('\t') {
            match blocks.last_mut() {
                // An indented line right under a list item continues the item.
                Some(b) if !gap && b.kind == BlockKind::Paragraph && b.hang > 0 => b.range.end = end,
                Some(b) if !gap && b.kind == BlockKind::Preformatted => b.range.end = end,
                _ => {
                    let mut block = Block::new(start..end, BlockKind::Preformatted);
                    block.gap_before = gap;
                    blocks.push(block);
                }
            }
        } else {
            match blocks.last_mut() {
                Some(b) if !gap && b.kind == BlockKind::Paragraph => b.range.end = end,
                _ => {
                    let mut block = Block::new(start + lead..end, BlockKind::Paragraph);
                    block.gap_before = gap;
                    blocks.push(block);
                }
            }
        }
        gap = false;
    }
    Document { text: raw.to_string(), blocks, inlines: Vec::new() }
}

/// The lines of `raw` with the byte offset each starts at; `\r\n` endings are trimmed.
fn lines_with_offsets(raw: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    raw.split_inclusive('\n').map(move |chunk| {
        let at = start;
        start += chunk.len();
        (at, chunk.trim_end_matches(['\n', '\r']))
    })
}

/// The width of a list marker and the space after it (`- `, `* `, `• `, `12. `, `3) `), if the
/// line starts one.
pub fn list_marker(line: &str) -> Option<usize> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    let after = if matches!(first, '-' | '*' | '+' | '•') {
        first.len_utf8()
    } else if first.is_ascii_digit() {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 3 || !matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
            return None;
        }
        digits + 1
    } else {
        return None;
    };
    let rest = &line[after..];
    (rest.starts_with(' ') && !rest.trim().is_empty()).then_some(after + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn blocks(raw: &str) -> Vec<(BlockKind, &str, bool)> {
        let doc = parse(raw);
        doc.blocks.iter().map(|b| (b.kind, &raw[b.range.clone()], b.gap_before)).collect()
    }

    #[test]
    fn title_is_first_non_blank_line_and_paragraphs_join() {
        let raw = "\n\n  The Title  \n\nFirst line\nsecond line.\n\nNext para.\n";
        assert_eq!(
            blocks(raw),
            [
                (BlockKind::Title, "The Title", true),
                (BlockKind::Paragraph, "First line\nsecond line.", true),
                (BlockKind::Paragraph, "Next para.", true),
            ]
        );
    }

    #[test]
    fn list_items_keep_their_lines() {
        let raw = "T\n\nIntro:\n- one\n- two\n  continued\n1. first\n";
        let got = blocks(raw);
        assert_eq!(got[1], (BlockKind::Paragraph, "Intro:", true));
        assert_eq!(got[2], (BlockKind::Paragraph, "- one", false));
        assert_eq!(got[3].1, "- two\n  continued");
        assert_eq!(got[4].1, "1. first");
        let doc = parse(raw);
        assert_eq!(doc.blocks[2].hang, 2);
        assert_eq!(doc.blocks[4].hang, 3);
    }

    #[test]
    fn indented_blocks_are_kept_verbatim() {
        let raw = "T\n\n    Level  3.2 m\n    Flow   140\nAfter\n";
        let got = blocks(raw);
        assert_eq!(got[1], (BlockKind::Preformatted, "    Level  3.2 m\n    Flow   140", true));
        assert_eq!(got[2], (BlockKind::Paragraph, "After", false));
    }

    #[test]
    fn crlf_files_parse_like_lf() {
        let raw = "Title\r\n\r\nOne\r\ntwo\r\n";
        assert_eq!(blocks(raw), [(BlockKind::Title, "Title", true), (BlockKind::Paragraph, "One\r\ntwo", true)]);
    }

    #[test]
    fn ranges_are_file_offsets() {
        let raw = "Héadline\n\nBody ünïcode text\n";
        let doc = parse(raw);
        assert_eq!(&raw[doc.blocks[1].range.clone()], "Body ünïcode text");
    }

    #[rstest]
    #[case::dash("- item", Some(2))]
    #[case::star("* item", Some(2))]
    #[case::bullet("• item", Some(4))]
    #[case::number("12. item", Some(4))]
    #[case::paren("3) item", Some(3))]
    #[case::no_space("-item", None)]
    #[case::year("2024. It was", None)]
    #[case::big_number("20245. x", None)]
    #[case::dash_alone("- ", None)]
    #[case::prose("Mr. Smith", None)]
    fn list_markers(#[case] line: &str, #[case] width: Option<usize>) {
        assert_eq!(list_marker(line), width);
    }
}
