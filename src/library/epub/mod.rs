//! EPUB books: the spine's documents in order as one article, the table of contents as headings, metadata from the OPF; zip bombs refused.
//!
//! The archive is read from memory (never unpacked to disk). Its central directory is checked
//! before anything is inflated (entry count, declared sizes), and every entry is then read
//! through a limit whatever size it declares, so a bomb is refused, not expanded.

use std::borrow::Cow;
use std::io::{Cursor, Read};
use std::path::Path;

mod archive;
mod package;
mod xml;

use self::archive::{Book, Limits};
pub use self::archive::{EpubError, MAX_ENTRIES, MAX_EXPANDED};
use self::package::{Package, dir_of};
use self::xml::{Xml, local, xml_events};
use super::html::{depth, render, scan};
use super::meta::Meta;
use super::parsed::{Article, file_stem, with_title};
use crate::text::doc::{Block, BlockKind, Document};

/// Reads an EPUB held in memory. With `text_limit`, stops after the chapter that brings the
/// text past that many bytes (a big book's first screen).
pub fn parse(bytes: &[u8], path: &Path, text_limit: Option<usize>) -> Article {
    parse_within(bytes, path, text_limit, Limits::default())
}

fn parse_within(bytes: &[u8], path: &Path, text_limit: Option<usize>, limits: Limits) -> Article {
    match read_book(bytes, text_limit, limits) {
        Ok((mut meta, body, warnings)) => {
            if meta.title.is_empty() {
                meta.title = file_stem(path);
            }
            meta.strip_sequences();
            let doc = with_title(&meta.title, body);
            let words = doc.word_count();
            Article { meta, doc, words, warnings, hash: 0 }
        }
        Err(e) => Article {
            meta: Meta { title: file_stem(path), ..Meta::default() },
            warnings: vec![e.to_string()],
            ..Article::default()
        },
    }
}

type Read3 = (Meta, Document, Vec<String>);

fn read_book(bytes: &[u8], text_limit: Option<usize>, limits: Limits) -> Result<Read3, EpubError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| EpubError::Zip(e.to_string()))?;
    if zip.len() > limits.entries {
        return Err(EpubError::TooManyEntries(zip.len(), limits.entries));
    }
    let declared: u64 = (0..zip.len()).filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size())).sum();
    if declared > limits.expanded {
        return Err(EpubError::TooLarge(limits.expanded));
    }
    let mut book = Book { zip, expanded: 0, limits };
    let container = String::from_utf8_lossy(&book.entry("META-INF/container.xml")?).into_owned();
    let opf_path = xml_events(&container)
        .find_map(|e| match e {
            Xml::Start(t, _) if local(&t.name) == "rootfile" => t.attr("full-path").map(str::to_string),
            _ => None,
        })
        .ok_or_else(|| EpubError::Missing("the OPF package file".to_string()))?;
    let opf = String::from_utf8_lossy(&book.entry(&opf_path)?).into_owned();
    let package = Package::read(&opf, dir_of(&opf_path));
    let toc = package.toc(&mut book);
    let mut body = Document::default();
    let mut warnings = Vec::new();
    for href in &package.spine {
        let bytes = match book.entry(href) {
            Ok(b) => b,
            Err(e @ EpubError::TooLarge(_)) => return Err(e),
            Err(e) => {
                warnings.push(e.to_string());
                continue;
            }
        };
        let mut chapter = chapter(&bytes);
        let labels: Vec<&(String, String, u8)> = toc.iter().filter(|(h, _, _)| h == href).collect();
        if let Some((_, label, level)) = labels.first() {
            let first_heading = chapter
                .blocks
                .first()
                .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
                .map(|b| &chapter.text[b.range.clone()]);
            if first_heading.is_some_and(|h| same_words(h, label)) {
                chapter.blocks[0].kind = BlockKind::Heading(*level);
            } else {
                chapter = with_heading(label, *level, chapter);
            }
        }
        append(&mut body, chapter);
        if text_limit.is_some_and(|limit| body.text.len() >= limit) {
            break;
        }
    }
    if package.spine.is_empty() {
        warnings.push("the EPUB's spine lists no documents".to_string());
    }
    Ok((package.meta, body, warnings))
}

/// One spine document drawn: XHTML made safe for the HTML parser, its `<body>` rendered.
fn chapter(bytes: &[u8]) -> Document {
    let decoded = super::encoding::decode(bytes, scan::declared_charset(bytes));
    let html = html_friendly(&decoded.text);
    let html = depth::flatten(&html, depth::MAX_DEPTH);
    let page = dom_query::Document::from(html.as_ref());
    page.body().map_or_else(|| render::render(page.root()), render::render)
}

/// XHTML's self-closing non-void tags (`<a id="p1"/>`, `<div/>`) written open-and-closed:
/// an HTML parser would otherwise take everything after them as their content.
fn html_friendly(xhtml: &str) -> Cow<'_, str> {
    const VOID: &[&str] = &[
        "br", "hr", "img", "input", "meta", "link", "col", "area", "base", "wbr", "source", "embed", "param", "track",
    ];
    if !xhtml.contains("/>") {
        return Cow::Borrowed(xhtml);
    }
    let mut out = String::with_capacity(xhtml.len() + 64);
    let mut rest = xhtml;
    while let Some(i) = rest.find("/>") {
        let before = &rest[..i];
        let open = before.rfind('<').filter(|&o| !before[o..].contains('>'));
        match open {
            Some(o) if before[o + 1..].starts_with(|c: char| c.is_ascii_alphabetic()) => {
                let name: String = before[o + 1..].chars().take_while(|c| !c.is_whitespace() && *c != '/').collect();
                out.push_str(before);
                if VOID.contains(&name.to_ascii_lowercase().as_str()) {
                    out.push_str("/>");
                } else {
                    out.push_str("></");
                    out.push_str(&name);
                    out.push('>');
                }
            }
            _ => {
                out.push_str(before);
                out.push_str("/>");
            }
        }
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A chapter with a heading put in front of it.
fn with_heading(label: &str, level: u8, chapter: Document) -> Document {
    let mut heading = Document { text: format!("{label}\n"), ..Document::default() };
    heading.blocks.push(Block::new(0..label.len(), BlockKind::Heading(level)));
    append(&mut heading, chapter);
    heading
}

/// `other` added after `doc`, its ranges shifted.
fn append(doc: &mut Document, other: Document) {
    let shift = doc.text.len();
    doc.text.push_str(&other.text);
    doc.blocks.extend(other.blocks.into_iter().map(|mut b| {
        b.range = b.range.start + shift..b.range.end + shift;
        b
    }));
    doc.inlines.extend(other.inlines.into_iter().map(|mut i| {
        i.range = i.range.start + shift..i.range.end + shift;
        i
    }));
}

fn same_words(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    norm(a) == norm(b)
}

/// Metadata of an EPUB from the first bytes of its file, for the list: the zip's local headers
/// are walked from the start (no central directory needed) to the OPF, which is inflated
/// from what the head holds. `None` when the OPF is not within the head.
pub fn head_meta(head: &[u8]) -> Option<Meta> {
    let mut at = 0;
    while head.get(at..at + 4) == Some(b"PK\x03\x04") {
        let u16_at = |o: usize| head.get(at + o..at + o + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
        let u32_at = |o: usize| head.get(at + o..at + o + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let (flags, method, compressed) = (u16_at(6)?, u16_at(8)?, u32_at(18)?);
        let (name_len, extra_len) = (usize::from(u16_at(26)?), usize::from(u16_at(28)?));
        let name = head.get(at + 30..at + 30 + name_len)?;
        let data_at = at + 30 + name_len + extra_len;
        let data = head.get(data_at..)?;
        if name.ends_with(b".opf") {
            let raw: Vec<u8> = match method {
                0 => data.get(..usize::try_from(compressed).ok()?)?.to_vec(),
                8 => {
                    let mut out = Vec::new();
                    flate2::read::DeflateDecoder::new(data).take(1 << 20).read_to_end(&mut out).ok()?;
                    out
                }
                _ => return None,
            };
            let package = Package::read(&String::from_utf8_lossy(&raw), "");
            return Some(package.meta).filter(|m| !m.title.is_empty());
        }
        // Sizes after the data (flag bit 3) are unknown here: stop.
        if flags & 8 != 0 {
            return None;
        }
        at = data_at + usize::try_from(compressed).ok()?;
    }
    None
}

#[cfg(test)]
#[expect(clippy::format_collect, reason = "test fixtures built for readability")]
pub mod tests {
    use super::*;
    use std::io::Write;

    /// A small EPUB 3 with a nav TOC (or an EPUB 2 NCX), built in memory.
    pub fn build(chapters: &[(&str, &str)], epub2: bool) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("mimetype", stored).expect("zip");
        zip.write_all(b"application/epub+zip").expect("zip");
        zip.start_file("META-INF/container.xml", deflated).expect("zip");
        zip.write_all(br#"<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#).expect("zip");
        let items: String = (0..chapters.len())
            .map(|i| format!(r#"<item id="c{i}" href="text/ch{i}.xhtml" media-type="application/xhtml+xml"/>"#))
            .collect();
        let refs: String = (0..chapters.len()).map(|i| format!(r#"<itemref idref="c{i}"/>"#)).collect();
        let opf = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>The Lighthouse Keeper&apos;s Log</dc:title><dc:creator>Wren Abernethy</dc:creator><dc:date>2023-04-01T00:00:00Z</dc:date><dc:publisher>Saltmarsh Press</dc:publisher><dc:subject>sea</dc:subject></metadata>
<manifest>{items}<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/></manifest><spine toc="ncx">{refs}</spine></package>"#
        );
        zip.start_file("OEBPS/content.opf", deflated).expect("zip");
        zip.write_all(opf.as_bytes()).expect("zip");
        let points: String = chapters
            .iter()
            .enumerate()
            .map(|(i, (t, _))| format!(r#"<navPoint id="n{i}"><navLabel><text>{t}</text></navLabel><content src="text/ch{i}.xhtml"/></navPoint>"#))
            .collect();
        zip.start_file("OEBPS/toc.ncx", deflated).expect("zip");
        zip.write_all(format!("<ncx><navMap>{points}</navMap></ncx>").as_bytes()).expect("zip");
        let links: String = chapters
            .iter()
            .enumerate()
            .map(|(i, (t, _))| format!(r#"<li><a href="text/ch{i}.xhtml">{t}</a></li>"#))
            .collect();
        let nav = if epub2 { String::new() } else { format!(r#"<nav epub:type="toc"><ol>{links}</ol></nav>"#) };
        zip.start_file("OEBPS/nav.xhtml", deflated).expect("zip");
        zip.write_all(format!(r#"<html xmlns="http://www.w3.org/1999/xhtml"><body>{nav}</body></html>"#).as_bytes())
            .expect("zip");
        for (i, (_, body)) in chapters.iter().enumerate() {
            zip.start_file(format!("OEBPS/text/ch{i}.xhtml"), deflated).expect("zip");
            let page = format!(
                r#"<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>{body}</body></html>"#
            );
            zip.write_all(page.as_bytes()).expect("zip");
        }
        zip.finish().expect("zip").into_inner()
    }

    fn shown(a: &Article) -> Vec<(BlockKind, String)> {
        a.doc.blocks.iter().map(|b| (b.kind, a.doc.text[b.range.clone()].to_string())).collect()
    }

    #[test]
    fn spine_in_order_with_the_toc_as_headings_and_opf_metadata() {
        for epub2 in [false, true] {
            let bytes = build(
                &[
                    ("Arrival", "<p>The boat came at dawn.<a id=\"n1\"/> Gulls followed.</p>"),
                    ("Winter", "<h2>Winter</h2><p>Ice on the rail.</p>"),
                ],
                epub2,
            );
            let a = parse(&bytes, Path::new("log.epub"), None);
            assert_eq!(a.warnings, Vec::<String>::new());
            assert_eq!(a.meta.title, "The Lighthouse Keeper's Log");
            assert_eq!(a.meta.author.as_deref(), Some("Wren Abernethy"));
            assert_eq!(a.meta.date.as_deref(), Some("2023-04-01"));
            assert_eq!(a.meta.source.as_deref(), Some("Saltmarsh Press"));
            assert_eq!(
                shown(&a),
                [
                    (BlockKind::Title, "The Lighthouse Keeper's Log".into()),
                    (BlockKind::Heading(1), "Arrival".into()),
                    (BlockKind::Paragraph, "The boat came at dawn. Gulls followed.".into()),
                    (BlockKind::Heading(1), "Winter".into()),
                    (BlockKind::Paragraph, "Ice on the rail.".into()),
                ],
                "epub2: {epub2}"
            );
            assert_eq!(head_meta(&bytes).map(|m| m.title).as_deref(), Some("The Lighthouse Keeper's Log"));
        }
    }

    #[test]
    fn a_text_limit_stops_after_the_chapter_that_reaches_it() {
        let long = format!("<p>{}</p>", "word ".repeat(400));
        let bytes = build(&[("One", &long), ("Two", &long), ("Three", &long)], false);
        let a = parse(&bytes, Path::new("b.epub"), Some(1000));
        assert!(a.doc.text.contains("One") && !a.doc.text.contains("Two"));
    }

    #[test]
    fn zip_bombs_and_junk_are_refused_with_a_clear_warning() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("META-INF/container.xml", deflated).expect("zip");
        zip.write_all(&vec![b'a'; 3 << 20]).expect("zip");
        let bomb = zip.finish().expect("zip").into_inner();
        assert!(bomb.len() < 64 << 10, "{}", bomb.len());
        let small = Limits { expanded: 2 << 20, ..Limits::default() };
        let a = parse_within(&bomb, Path::new("bomb.epub"), None, small);
        assert_eq!(a.warnings, ["refused: the archive would expand to more than 2 MB (a zip bomb?)"]);
        let a = parse(b"PK\x03\x04 not really", Path::new("junk.epub"), None);
        assert!(a.warnings[0].starts_with("not a readable EPUB"), "{:?}", a.warnings);
    }

    #[test]
    fn many_entries_are_refused() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for i in 0..=20 {
            zip.start_file(format!("{i}"), stored).expect("zip");
        }
        let many = zip.finish().expect("zip").into_inner();
        let a = parse_within(&many, Path::new("many.epub"), None, Limits { entries: 20, ..Limits::default() });
        assert_eq!(
            a.warnings,
            ["refused: the archive holds 21 entries (a zip bomb? newsdesk reads EPUBs of up to 20)"]
        );
    }

    #[test]
    fn paths_resolve_inside_the_archive() {
        assert_eq!(package::join("OEBPS/", "text/ch%201.xhtml"), "OEBPS/text/ch 1.xhtml");
        assert_eq!(package::join("OEBPS/text/", "../images/x.png"), "OEBPS/images/x.png");
    }
}
