//! One article file turned into metadata, a displayable document and load warnings.
//!
//! Every format comes in through [`from_bytes`]: the file's bytes (read by [`load`] through
//! [`super::read`], or a pipe's) decoded by [`super::encoding`] and drawn by the format's
//! module. The list keeps its own short [`super::Entry`]; the full [`Article`] exists only for
//! the open article and while a background load counts its words.

use std::io::Read;
use std::path::Path;

use super::front_matter;
use super::markdown;
use super::meta::{Meta, date_from_file_name};
pub(crate) use super::parsed::with_title;
pub use super::parsed::{Article, file_stem};
use super::read::{self, MAX_ARTICLE_BYTES, ReadError};
use super::{encoding, epub, html, rst, sniff, txt};
use crate::text::doc::{BlockKind, Document};

/// The formats newsdesk reads, by file extension or by content (see `sniff.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `.txt`, `.text`: the first line is the title.
    Text,
    /// `.md`, `.markdown`, with optional front matter.
    Markdown,
    /// `.rst`: plain text with its section headings recognised.
    Rst,
    /// `.html`, `.htm`, `.xhtml`: a saved web page, read in reader mode.
    Html,
    /// `.epub`: the book's spine as one article.
    Epub,
    /// A document people keep beside articles (`.pdf`, `.docx`, `.mobi`…): listed, not read.
    Unsupported,
}

/// What the list and the reading pane say about an unsupported document.
pub const UNSUPPORTED: &str = "not a supported format";

/// Bytes read first, to tell a binary file before reading the rest.
const SNIFF_BYTES: usize = 8 * 1024;

/// Decodes file bytes as [`encoding::decode`] does (BOM, UTF-8, else a detected legacy
/// encoding), with its warning when no encoding fits.
pub fn decode(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    let decoded = encoding::decode(bytes, None);
    warnings.extend(decoded.warning());
    decoded.text
}

/// Why a file is not text, if it is not: a NUL byte in its first 8 KiB (as `grep` and `git`
/// decide), unless it is UTF-16 with a byte-order mark.
pub fn binary_reason(bytes: &[u8]) -> Option<String> {
    sniff::binary_at(bytes).map(|at| format!("skipped: a binary file, not text (a NUL byte at offset {at})"))
}
/// Parses article text of the given format; `name` is the file name, for fallbacks.
pub fn parse(format: Format, raw: &str, path: &Path) -> Article {
    let mut warnings = Vec::new();
    let mut meta =
        Meta { date: path.file_name().and_then(|n| date_from_file_name(&n.to_string_lossy())), ..Meta::default() };
    let doc = match format {
        Format::Text | Format::Rst => {
            let doc = if format == Format::Rst { rst::parse(raw) } else { txt::parse(raw) };
            if let Some(t) = doc.title() {
                meta.title = t.to_string();
            } else {
                meta.title = file_stem(path);
                warnings.push("the file is empty".to_string());
            }
            doc
        }
        Format::Markdown => parse_markdown(raw, path, &mut meta, &mut warnings),
        Format::Html => return html::parse(raw.as_bytes(), path),
        Format::Epub | Format::Unsupported => return unreadable(path, UNSUPPORTED.to_string()),
    };
    let words = doc.word_count();
    Article { meta, doc, words, warnings, hash: 0 }
}

fn parse_markdown(raw: &str, path: &Path, meta: &mut Meta, warnings: &mut Vec<String>) -> Document {
    let (front, body_at) = front_matter::split(raw);
    if let Some((kind, text)) = front
        && let Err(w) = front_matter::apply(kind, text, meta)
    {
        warnings.push(w);
    }
    let parsed = markdown::parse(&raw[body_at..]);
    let mut body = parsed.doc;
    if meta.title.is_empty() {
        meta.title = parsed.first_h1.clone().unwrap_or_else(|| file_stem(path));
    }
    // The heading that gave the title is shown as the title, not twice.
    if body
        .blocks
        .first()
        .is_some_and(|b| b.kind == BlockKind::Heading(1) && body.text[b.range.clone()].trim() == meta.title)
    {
        body.blocks.remove(0);
        if let Some(next) = body.blocks.first_mut() {
            next.gap_before = true;
        }
    }
    with_title(&meta.title, body)
}

/// Reads and parses an article file; a file that cannot be read still yields an article, with
/// the reason as a warning. Only a regular file is read (a FIFO or a device never blocks the
/// caller), a binary one is told from its first bytes before the rest is read, and a file over
/// [`MAX_ARTICLE_BYTES`] is refused unread.
pub fn load(path: &Path, format: Format) -> Article {
    if format == Format::Unsupported {
        return unreadable(path, UNSUPPORTED.to_string());
    }
    match read_checked(path, format) {
        Ok(bytes) => from_bytes(format, &bytes, path),
        Err(article) => *article,
    }
}

/// The bytes of an article file, or the article that says why they were not read.
fn read_checked(path: &Path, format: Format) -> Result<Vec<u8>, Box<Article>> {
    let fail = |e: ReadError| Box::new(unreadable(path, e.to_string()));
    let opened = read::open_regular(path).map_err(fail)?;
    if opened.size > MAX_ARTICLE_BYTES {
        return Err(fail(ReadError::TooLarge { size: opened.size, limit: MAX_ARTICLE_BYTES }));
    }
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&opened.file).take(SNIFF_BYTES as u64).read_to_end(&mut head).map_err(|e| fail(e.into()))?;
    if format.is_text()
        && let Some(reason) = binary_reason(&head)
    {
        return Err(Box::new(unreadable(path, reason)));
    }
    read::read_rest(opened.file, head, opened.size, MAX_ARTICLE_BYTES).map_err(fail)
}

/// The article of a file that was not read: its name as the title, the reason as a warning.
fn unreadable(path: &Path, why: String) -> Article {
    Article { meta: Meta { title: file_stem(path), ..Meta::default() }, warnings: vec![why], ..Article::default() }
}

/// An article from bytes already in memory, in a known format; `path` names it (for the
/// title of last resort and a date in the file name).
pub fn from_bytes(format: Format, bytes: &[u8], path: &Path) -> Article {
    let hash = crate::store::content_hash(bytes);
    if format.is_text()
        && let Some(reason) = binary_reason(bytes)
    {
        return Article { hash, ..unreadable(path, reason) };
    }
    let mut article = match format {
        Format::Text | Format::Markdown | Format::Rst => {
            let decoded = encoding::decode(bytes, None);
            let mut article = parse(format, &clean(&decoded.text, format), path);
            article.meta.encoding = decoded.label();
            let mut warnings: Vec<String> = decoded.warning().into_iter().collect();
            warnings.append(&mut article.warnings);
            article.warnings = warnings;
            article
        }
        Format::Html => html::parse(bytes, path),
        Format::Epub => epub::parse(bytes, path, None),
        Format::Unsupported => unreadable(path, UNSUPPORTED.to_string()),
    };
    if article.meta.date.is_none() {
        article.meta.date = path.file_name().and_then(|n| date_from_file_name(&n.to_string_lossy()));
    }
    article.hash = hash;
    article
}

/// An article from unnamed bytes (`cmd | newsdesk -`): the format from `name_hint`'s extension
/// when it names one, else sniffed from the bytes; binary data yields an article saying so.
pub fn from_unnamed(name_hint: Option<&str>, bytes: &[u8]) -> Article {
    let name = name_hint.unwrap_or("standard input");
    let path = Path::new(name);
    let format = Format::of(path).filter(|f| *f != Format::Unsupported).or_else(|| Format::sniff(bytes));
    match format {
        Some(format) => from_bytes(format, bytes, path),
        None => from_bytes(Format::Text, bytes, path),
    }
}

/// Reads and parses only the first `bytes` of an article, to show a huge one at once while the
/// rest is read in the background. For plain text and Markdown (cut at a line end) byte
/// offsets into its text are the same as into the whole article's: the text is a prefix of it.
/// A web page's start is read in reader mode (a megabyte at least, to get past its head); an
/// EPUB's first chapters are drawn. `None` when the file cannot be cut that way (UTF-16,
/// binary, unreadable): the whole load says why.
pub fn load_prefix(path: &Path, format: Format, bytes: usize) -> Option<Article> {
    match format {
        Format::Unsupported => return None,
        Format::Epub => {
            let whole = read_checked(path, format).ok()?;
            let mut article = epub::parse(&whole, path, Some(bytes));
            article.hash = 0;
            return Some(article);
        }
        _ => {}
    }
    let want = if format == Format::Html { bytes.max(1 << 20) } else { bytes };
    let (mut head, _) = read::head(path, want).ok()?;
    if binary_reason(&head).is_some() || encoding::choose(&head[..head.len().min(2)], None).how == encoding::How::Bom {
        return None;
    }
    if format == Format::Html {
        let mut article = html::parse(&head, path);
        article.hash = 0;
        return Some(article);
    }
    let cut = head.iter().rposition(|&b| b == b'\n').map_or(head.len(), |i| i + 1);
    head.truncate(cut);
    let decoded = encoding::decode_head(&head, None);
    let mut article = parse(format, &clean(&decoded.text, format), path);
    article.meta.encoding = decoded.label();
    article.warnings = decoded.warning().into_iter().collect();
    Some(article)
}

/// Decoded file text made safe to parse and measure, the same way for a full load, a huge
/// article's start and a list head: escape sequences out whole (in Markdown also the character
/// references to them), lone CR line breaks made LF.
pub fn clean(raw: &str, format: Format) -> std::borrow::Cow<'_, str> {
    crate::text::sanitize::lone_cr_to_lf(crate::text::sanitize::strip_sequences(raw, format == Format::Markdown))
}

thread_local! {
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is inside [`load_guarded`], where a panic is caught and reported as a
/// warning (the terminal's panic hook then stays quiet).
pub fn in_guarded_load() -> bool {
    GUARDED.with(std::cell::Cell::get)
}

/// [`load`], except that a panic while parsing — a bug met on some hostile file — becomes a
/// load warning on that article instead of ending the app.
pub fn load_guarded(path: &Path, format: Format) -> Article {
    GUARDED.with(|g| g.set(true));
    let result = std::panic::catch_unwind(|| load(path, format));
    GUARDED.with(|g| g.set(false));
    result.unwrap_or_else(|_| Article {
        meta: Meta { title: file_stem(path), ..Meta::default() },
        warnings: vec!["newsdesk could not parse this file (an internal error; please report it)".to_string()],
        ..Article::default()
    })
}

/// Metadata from the first bytes of a file, enough to list it: the title from the first line
/// (`.txt`, `.rst`), front matter and the first heading (`.md`), the `<head>` of a web page,
/// the OPF of an EPUB when it sits at the archive's start. Never a full parse.
pub fn head_meta(format: Format, head: &[u8], path: &Path) -> Meta {
    let mut meta = match format {
        Format::Html => html::head_meta(head, path),
        Format::Epub => epub::head_meta(head).unwrap_or_default(),
        Format::Unsupported => Meta::default(),
        Format::Text | Format::Markdown | Format::Rst => {
            let decoded = encoding::decode_head(head, None);
            let mut meta = text_head_meta(format, &clean(&decoded.text, format), path);
            meta.encoding = decoded.label();
            meta
        }
    };
    if meta.title.is_empty() {
        meta.title = file_stem(path);
    }
    if meta.date.is_none() {
        meta.date = path.file_name().and_then(|n| date_from_file_name(&n.to_string_lossy()));
    }
    meta
}

fn text_head_meta(format: Format, head: &str, path: &Path) -> Meta {
    let mut meta = Meta::default();
    if format == Format::Markdown {
        let (front, body_at) = front_matter::split(head);
        if let Some((kind, text)) = front {
            let _ = front_matter::apply(kind, text, &mut meta);
        }
        if meta.title.is_empty() {
            meta.title = head[body_at..]
                .lines()
                .find_map(|l| l.strip_prefix("# "))
                .map_or_else(|| file_stem(path), |t| t.trim().trim_end_matches('#').trim().to_string());
        }
    } else {
        // A reStructuredText title may sit between adornment lines (`=====`).
        let adornment = |l: &str| l.len() >= 2 && l.bytes().all(|b| b == l.as_bytes()[0] && b.is_ascii_punctuation());
        meta.title = head
            .lines()
            .map(str::trim)
            .find(|l| !(l.is_empty() || format == Format::Rst && adornment(l)))
            .map_or_else(|| file_stem(path), String::from);
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(raw: &str) -> Article {
        parse(Format::Markdown, raw, Path::new("notes/2024-05-01_file-name.md"))
    }

    #[test]
    fn txt_title_and_file_name_date() {
        let a = parse(Format::Text, "Headline\n\nOne two three.\n", Path::new("2009-01-06_x.txt"));
        assert_eq!(a.meta.title, "Headline");
        assert_eq!(a.meta.date.as_deref(), Some("2009-01-06"));
        assert_eq!(a.words, 3);
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn empty_txt_falls_back_to_file_name_with_a_warning() {
        let a = parse(Format::Text, "\n\n", Path::new("dir/quiet-day.txt"));
        assert_eq!(a.meta.title, "quiet-day");
        assert_eq!(a.warnings, ["the file is empty"]);
    }

    #[test]
    fn md_title_from_front_matter_then_heading_then_file_name() {
        let a = md("---\ntitle: From Front\ndate: 2023-02-03\n---\n# Heading\n\nBody.\n");
        assert_eq!(a.meta.title, "From Front");
        assert_eq!(a.meta.date.as_deref(), Some("2023-02-03"));
        assert_eq!(a.doc.title(), Some("From Front"));
        assert_eq!(a.doc.blocks[1].kind, BlockKind::Heading(1));

        let a = md("# Heading Title\n\nBody text.\n");
        assert_eq!(a.meta.title, "Heading Title");
        assert_eq!(a.doc.title(), Some("Heading Title"));
        assert_eq!(a.doc.blocks.len(), 2, "the heading is not shown twice");

        let a = md("Just body.\n");
        assert_eq!(a.meta.title, "2024-05-01_file-name");
        assert_eq!(a.meta.date.as_deref(), Some("2024-05-01"));
    }

    #[test]
    fn broken_front_matter_still_loads_with_a_warning() {
        let a = md("---\ntitle: [oops\n---\n# Real\n\nText.\n");
        assert_eq!(a.meta.title, "Real");
        assert_eq!(a.warnings.len(), 1);
        assert!(a.warnings[0].contains("YAML"));
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let le: Vec<u8> =
            [0xff, 0xfe].into_iter().chain("Müller 東京".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> =
            [0xfe, 0xff].into_iter().chain("Müller 東京".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        for bytes in [le, be] {
            let mut w = Vec::new();
            assert_eq!(decode(&bytes, &mut w), "Müller 東京");
            assert!(w.is_empty() && binary_reason(&bytes).is_none());
        }
    }

    #[test]
    fn a_nul_byte_marks_a_binary_file() {
        assert!(binary_reason(b"\x89PNG\r\n\x1a\n\0\0").is_some_and(|r| r.contains("offset 8")));
        assert_eq!(binary_reason(b"plain text"), None);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("image.txt");
        std::fs::write(&path, b"\x89PNG\0data").expect("write");
        let a = load(&path, Format::Text);
        assert_eq!(a.meta.title, "image");
        assert!(a.warnings[0].starts_with("skipped: a binary file"), "{:?}", a.warnings);
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily_with_a_warning() {
        // Damaged UTF-8 (valid multi-byte characters around the bad byte); bytes that are no
        // UTF-8 at all are now read in the legacy encoding they fit (encoding.rs).
        let mut w = Vec::new();
        let bytes = ["déjà vu à Zürich ".as_bytes(), b"\xff"].concat();
        assert_eq!(decode(&bytes, &mut w), "déjà vu à Zürich \u{fffd}");
        assert_eq!(w.len(), 1);
        assert_eq!(decode(b"\xef\xbb\xbfbom", &mut Vec::new()), "bom");
    }

    #[test]
    fn head_meta_reads_only_what_listing_needs() {
        assert_eq!(head_meta(Format::Text, b"\n  Title line \nrest", Path::new("a.txt")).title, "Title line");
        let m = head_meta(Format::Markdown, b"+++\ntitle = \"T\"\nauthor = \"A\"\n+++\n# H\n", Path::new("a.md"));
        assert_eq!((m.title.as_str(), m.author.as_deref()), ("T", Some("A")));
        assert_eq!(head_meta(Format::Markdown, b"intro\n# Heading #\n", Path::new("a.md")).title, "Heading");
        assert_eq!(head_meta(Format::Rst, b"=====\nTitle\n=====\n", Path::new("a.rst")).title, "Title");
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Bytes that look like articles: text, markup, front matter, escapes, odd line ends.
    fn article_bytes() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            "[a-zA-Z .,]{0,12}".prop_map(String::into_bytes),
            Just(b"\n".to_vec()),
            Just(b"\r".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"---\ntitle: \"a\\e]0;x\\a\"\n---\n".to_vec()),
            Just(b"+++\ntitle = 'x'\n+++\n".to_vec()),
            Just(b"# ".to_vec()),
            Just(b"**b** _i_ `c`".to_vec()),
            Just(b"```\ncode\n".to_vec()),
            Just(b"- [x] ".to_vec()),
            Just(b"| a | b |\n| - | - |\n".to_vec()),
            Just(b"&#27;]52;c;AA&#7;".to_vec()),
            Just(b"\x1b]52;c;AA\x07\x1b[31m".to_vec()),
            Just("\u{9b}2J 東京 🍜 e\u{301} \u{202e}".as_bytes().to_vec()),
            Just(b"\xff\xfe\x00".to_vec()),
            any::<u8>().prop_map(|b| vec![b]),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|parts| parts.concat())
    }

    proptest! {
        /// Whatever the bytes, both formats parse without a panic, every block and inline range
        /// lies on character boundaries inside the text, and no escape introducer survives.
        #[test]
        fn any_bytes_parse_into_a_sound_document(bytes in article_bytes()) {
            let dir = tempfile::tempdir().expect("tempdir");
            for (name, format) in [("a.txt", Format::Text), ("a.md", Format::Markdown)] {
                let path = dir.path().join(name);
                std::fs::write(&path, &bytes).expect("write");
                let a = load(&path, format);
                let text = &a.doc.text;
                for r in a.doc.blocks.iter().map(|b| &b.range).chain(a.doc.inlines.iter().map(|i| &i.range)) {
                    prop_assert!(r.start <= r.end && r.end <= text.len());
                    prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                }
                let binary = sniff::binary_at(&bytes).is_some();
                if !binary {
                    prop_assert!(!text.contains(['\u{1b}', '\u{9b}', '\u{9d}']), "{text:?}");
                    prop_assert!(!a.meta.title.contains('\u{1b}'), "{:?}", a.meta.title);
                }
            }
        }
    }
}
