//! Plain-text articles: first non-blank line is the title; paragraphs reflow; lists and indented blocks keep their lines.

use crate::text::doc::{Block, BlockKind, Document, Inline, InlineStyle};

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
    // Measured only when a paragraph has several lines (many files have one line each).
    let body_at = blocks.first().map_or(0, |b| b.range.end);
    let mut width = None;
    let mut gap = true;
    let mut prev = "";
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
                Some(b)
                    if !gap
                        && b.kind == BlockKind::Paragraph
                        && !kept_break(
                            prev,
                            body.trim_end(),
                            *width.get_or_insert_with(|| line_width(raw, body_at)),
                        ) =>
                {
                    b.range.end = end;
                }
                _ => {
                    let mut block = Block::new(start + lead..end, BlockKind::Paragraph);
                    block.gap_before = gap;
                    blocks.push(block);
                }
            }
        }
        prev = body.trim_end();
        gap = false;
    }
    let inlines = links(raw, &blocks);
    Document { text: raw.to_string(), blocks, inlines }
}

/// The bare web addresses of the body, as link styles (one block each holds them whole: an
/// address has no white space).
fn links(raw: &str, blocks: &[Block]) -> Vec<Inline> {
    let body = blocks.iter().find(|b| b.kind != BlockKind::Title).map_or(raw.len(), |b| b.range.start);
    if !crate::text::urls::may_hold(&raw[body..]) {
        return Vec::new();
    }
    crate::text::urls::find(&raw[body..])
        .into_iter()
        .map(|r| body + r.start..body + r.end)
        .filter(|r| {
            let i = blocks.partition_point(|b| b.range.end < r.end);
            blocks.get(i).is_some_and(|b| b.range.start <= r.start && b.kind != BlockKind::Title)
        })
        .map(|range| Inline { range, style: InlineStyle::Link })
        .collect()
}

/// The width the body's lines were written to, in bytes: the length three lines in four stay
/// within (a few long lines, such as addresses, do not set it).
fn line_width(raw: &str, body: usize) -> usize {
    let bytes = &raw.as_bytes()[body..];
    let mut start = 0;
    let mut lengths = Vec::with_capacity(bytes.len() / 64);
    for end in memchr::memchr_iter(b'\n', bytes).chain([bytes.len()]) {
        let line = bytes[start..end].trim_ascii().len();
        if line > 0 {
            lengths.push(line);
        }
        start = end + 1;
    }
    if lengths.is_empty() {
        return 0;
    }
    let at = lengths.len() * 3 / 4;
    *lengths.select_nth_unstable(at).1
}

/// Characters that end a sentence, and that leave one open, at the end of a line.
const SENTENCE_ENDS: [char; 10] = ['.', '!', '?', '\u{2026}', ':', ';', '\u{3002}', '\u{ff01}', '\u{ff1f}', '\u{ff1b}'];
const GOES_ON: [char; 9] = [',', '-', '\u{2013}', '\u{2014}', '/', '&', '(', '\u{3001}', '\u{ff0c}'];

/// Whether the line break between `prev` and `next`, two lines of one paragraph (trimmed),
/// stays: when a short line ends no sentence (a caption, a heading, a signature) and the next
/// line does not go on in lowercase. Short is under 60% of the body's line `width`, so
/// hard-wrapped prose, whose lines end anywhere but are all nearly full, still joins.
fn kept_break(prev: &str, next: &str, width: usize) -> bool {
    let short = |line: &str| line.len() * 5 < width * 3;
    // Most lines of prose are not short: decided before any character is looked at.
    if !short(prev) && !short(next) || next.chars().next().is_none_or(char::is_lowercase) {
        return false;
    }
    // The last character that is not a closing quote, bracket or emphasis mark.
    let last = |line: &str| {
        line.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', '\u{bb}', ')', ']', '*', '_']).chars().next_back()
    };
    let ends_sentence = |line: &str| last(line).is_some_and(|c| SENTENCE_ENDS.contains(&c));
    let open = |line: &str| last(line).is_some_and(|c| !SENTENCE_ENDS.contains(&c) && !GOES_ON.contains(&c));
    short(prev) && open(prev) || short(next) && open(next) && ends_sentence(prev)
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
    fn a_photo_caption_is_not_joined_into_the_next_line() {
        // The seed article's ending: a caption line (one space in front), then the credit line.
        let raw = "Title\n\nIt could serve as an example for other financially isolated nations, the team warned in the report.\n\n Kim Jong Un, Donald Trump\nNorth Korea's leader Kim Jong Un walks with President Trump during a break in talks at a summit in Singapore.\n";
        let got = blocks(raw);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[2], (BlockKind::Paragraph, "Kim Jong Un, Donald Trump", true));
        assert_eq!(
            got[3].1,
            "North Korea's leader Kim Jong Un walks with President Trump during a break in talks at a summit in Singapore."
        );
        assert!(!got[3].2, "no blank line between the caption and its text");
    }

    #[rstest]
    #[case::heading("Background\nThe talks began in 2018 and ended without an agreement after two summits in Asia.", &["Background", "The talks began in 2018 and ended without an agreement after two summits in Asia."])]
    #[case::signature("The inquiry will report by the end of the year, the ministry said in a statement.\nAnna Berg\nNordic Wire", &["The inquiry will report by the end of the year, the ministry said in a statement.", "Anna Berg", "Nordic Wire"])]
    #[case::hard_wrapped_prose("This paragraph was wrapped by an editor at about sixty\ncolumns, so its lines end without any punctuation and\nthe next line goes on in lowercase, as prose does.", &["This paragraph was wrapped by an editor at about sixty\ncolumns, so its lines end without any punctuation and\nthe next line goes on in lowercase, as prose does."])]
    #[case::short_line_ending_a_sentence("A much longer first line of the paragraph that sets the width.\nShort and done.\nThen the rest follows on.", &["A much longer first line of the paragraph that sets the width.\nShort and done.\nThen the rest follows on."])]
    #[case::comma_continues("A much longer first line of the paragraph that sets the width of it.\nIn Paris,\nLondon and Rome it rained.", &["A much longer first line of the paragraph that sets the width of it.\nIn Paris,\nLondon and Rome it rained."])]
    #[case::lowercase_continues("A much longer first line of the paragraph that sets the width of it.\nthe short one\ngoes on in lowercase here.", &["A much longer first line of the paragraph that sets the width of it.\nthe short one\ngoes on in lowercase here."])]
    fn short_lines_that_end_no_sentence(#[case] body: &str, #[case] expected: &[&str]) {
        let raw = format!("Title\n\n{body}\n");
        let got: Vec<String> = blocks(&raw).into_iter().skip(1).map(|(_, text, _)| text.to_string()).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn bare_addresses_are_links() {
        let raw = "See https://x.org/title\n\nThe data is at https://example.org/raw.csv, or <https://example.org/s>.\n\n    code www.example.org/k\n";
        let doc = parse(raw);
        let links: Vec<&str> =
            doc.inlines.iter().filter(|i| i.style == InlineStyle::Link).map(|i| &raw[i.range.clone()]).collect();
        assert_eq!(
            links,
            ["https://example.org/raw.csv", "https://example.org/s", "www.example.org/k"],
            "not in the title"
        );
        doc.check().expect("sound");
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
