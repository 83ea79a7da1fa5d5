//! Saved web pages: the article found in reader mode (Readability), its metadata, and the page's whole text when no article is found.

pub mod depth;
pub mod meta;
pub mod render;
pub mod scan;

use std::path::Path;

use super::encoding;
use super::meta::Meta;
use super::parsed::{Article, file_stem, with_title};
use crate::text::doc::{BlockKind, Document};

/// The warning of a page where reader mode found no article.
pub const NO_ARTICLE: &str = "no article found in this page: showing all of its text";

/// An article body shorter than this (in characters) is taken for a failed extraction when the
/// page holds several times more text.
const MIN_ARTICLE_CHARS: usize = 250;

/// Bytes of a page read first to list it: a `<head>` with its title, on most pages.
pub const HEAD_BYTES: usize = 8 * 1024;
/// Bytes read when the title is not in the first ones (long inline styles and scripts).
pub const LONG_HEAD_BYTES: usize = 64 * 1024;

/// Whether a page's first bytes hold its title, or it cannot be found further anyway.
pub fn head_is_enough(head: &[u8], file_size: u64) -> bool {
    head.len() as u64 >= file_size
        || memchr::memmem::find(head, b"</title").is_some()
        || memchr::memmem::find(head, b"</TITLE").is_some()
}

/// Reads a saved page: decodes it (BOM, declared charset, detection), extracts the article as
/// browsers' reader mode does, and draws it; metadata from JSON-LD, `<meta>` and `<title>`.
pub fn parse(bytes: &[u8], path: &Path) -> Article {
    let decoded = encoding::decode(bytes, scan::declared_charset(bytes));
    let mut warnings: Vec<String> = decoded.warning().into_iter().collect();
    let html = depth::flatten(&decoded.text, depth::MAX_DEPTH);
    let head = scan::head(&html, usize::MAX);
    let mut meta = meta::of(&head);
    meta.encoding = decoded.label();
    let whole = || {
        let page = dom_query::Document::from(html.as_ref());
        page.body().map_or_else(|| render::render(page.root()), render::render)
    };
    let (body, found) = match extract(&html) {
        Some((doc, extracted)) => {
            fill_from(&mut meta, &extracted);
            if doc.text.chars().count() < MIN_ARTICLE_CHARS {
                // A tiny "article" from a page with much more text, or a scrap of links from a
                // page that does not read like an article at all, is a wrong pick: show the page.
                let all = whole();
                let links = link_density(&doc) > 0.5 && !readable(&html);
                if links || all.text.chars().count() > 4 * MIN_ARTICLE_CHARS { (all, false) } else { (doc, true) }
            } else {
                (doc, true)
            }
        }
        None => (whole(), false),
    };
    if !found {
        warnings.push(NO_ARTICLE.to_string());
    }
    if meta.title.is_empty() {
        meta.title = file_stem(path);
    }
    meta.strip_sequences();
    let doc = without_byline(without_title_heading(body, &meta.title), &meta);
    let doc = with_title(&meta.title, doc);
    let words = doc.word_count();
    Article { meta, doc, words, warnings, hash: 0 }
}

/// Whether the page reads like an article at all (Readability's own check; a second parse,
/// asked only about tiny extractions).
fn readable(html: &str) -> bool {
    dom_smoothie::Readability::new(html, None, None).is_ok_and(|r| r.is_probably_readable())
}

/// The article body by Readability, drawn, with what Readability found about the page. The
/// body is drawn from Readability's own tree (its `#readability-page-1`), not re-parsed.
fn extract(html: &str) -> Option<(Document, dom_smoothie::Article)> {
    let config = dom_smoothie::Config { disable_json_ld: true, ..dom_smoothie::Config::default() };
    let mut readability = dom_smoothie::Readability::new(html, None, Some(config)).ok()?;
    let article = readability.parse().ok()?;
    let page = readability.doc.select("#readability-page-1");
    let doc = page.nodes().first().map_or_else(|| render::render(readability.doc.root()), |n| render::render(*n));
    (!doc.blocks.is_empty()).then_some((doc, article))
}

/// The share of a document's text that is link text.
fn link_density(doc: &Document) -> f64 {
    let links: usize =
        doc.inlines.iter().filter(|i| i.style == crate::text::doc::InlineStyle::Link).map(|i| i.range.len()).sum();
    #[expect(clippy::cast_precision_loss, reason = "a ratio of text lengths")]
    let density = links as f64 / doc.text.len().max(1) as f64;
    density
}

/// Fields the page's own metadata left empty, from what Readability found (a byline in the
/// text, a `<time>`).
fn fill_from(meta: &mut Meta, found: &dom_smoothie::Article) {
    let clean = |s: &str| scan::clean_text(s);
    if meta.title.is_empty() {
        meta.title = clean(&found.title);
    }
    if meta.author.is_none() {
        meta.author = found.byline.as_deref().map(clean).filter(|b| !b.is_empty() && b.len() < 120);
    }
    if meta.date.is_none() {
        meta.date = found.published_time.as_deref().map(clean).filter(|d| !d.is_empty());
    }
    if meta.source.is_none() {
        meta.source = found.site_name.as_deref().map(clean).filter(|s| !s.is_empty());
    }
}

/// The body without a first heading that repeats the title (shown once, as the title).
fn without_title_heading(mut body: Document, title: &str) -> Document {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if let Some(i) = body.blocks.iter().take(3).position(|b| matches!(b.kind, BlockKind::Heading(_)))
        && norm(&body.text[body.blocks[i].range.clone()]) == norm(title)
    {
        body.blocks.remove(i);
        if let Some(next) = body.blocks.get_mut(i) {
            next.gap_before = true;
        }
    }
    body
}

/// Words a byline is made of besides names and dates.
const BYLINE_WORDS: &[&str] = &[
    "by",
    "and",
    "on",
    "at",
    "updated",
    "published",
    "posted",
    "min",
    "mins",
    "minute",
    "minutes",
    "read",
    "reading",
    "time",
    "last",
    "modified",
    "am",
    "pm",
    "utc",
    "gmt",
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "photos",
    "photo",
    "words",
    "staff",
    "writer",
    "reporter",
    "correspondent",
];

/// The body without a byline paragraph near its top ("2025-01-09 · Hana Kowalczyk", "By A.
/// Writer, updated 3:45 pm"): shown once, on the metadata line. Only a short paragraph made of
/// the author's name, dates and byline words goes.
fn without_byline(mut body: Document, meta: &Meta) -> Document {
    let Some(author) = meta.author.as_deref() else { return body };
    let names: Vec<String> =
        author.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let is_byline = |text: &str| {
        let words: Vec<String> =
            text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
        let has_author = words.iter().any(|w| names.contains(w));
        let other = words
            .iter()
            .filter(|w| {
                !names.contains(w) && !BYLINE_WORDS.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit())
            })
            .count();
        has_author && words.len() <= 16 && other <= 1
    };
    if let Some(i) = body.blocks.iter().take(3).position(|b| {
        b.kind == BlockKind::Paragraph && b.quote == 0 && b.marker.is_none() && is_byline(&body.text[b.range.clone()])
    }) {
        body.blocks.remove(i);
        if let Some(next) = body.blocks.get_mut(i) {
            next.gap_before = true;
        }
    }
    body
}

/// Metadata from the first bytes of a page, for the list: its declared charset, `<title>`,
/// `<meta>` tags and JSON-LD as far as the bytes go, never a full parse.
pub fn head_meta(head: &[u8], path: &Path) -> Meta {
    let decoded = encoding::decode_head(head, scan::declared_charset(head));
    let scanned = scan::head_only(&decoded.text);
    let mut meta = meta::of(&scanned);
    if meta.title.is_empty() {
        meta.title = file_stem(path);
    }
    meta.encoding = decoded.label();
    meta.strip_sequences();
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(page: &str) -> String {
        let a = parse(page.as_bytes(), Path::new("p.html"));
        a.doc.blocks.iter().skip(1).map(|b| &a.doc.text[b.range.clone()]).collect::<Vec<_>>().join("|")
    }

    #[test]
    fn a_page_without_an_article_shows_all_its_text_with_a_warning() {
        let page = "<title>Links</title><body><ul><li><a href=/a>One place</a></li><li><a href=/b>Another place</a></li></ul></body>";
        let a = parse(page.as_bytes(), Path::new("links.html"));
        assert_eq!(a.warnings, [NO_ARTICLE]);
        assert!(a.doc.text.contains("One place") && a.doc.text.contains("Another place"), "{:?}", a.doc.text);
    }

    #[test]
    fn a_byline_paragraph_goes_to_the_metadata_line_only() {
        let text = "<p>Tide tables were printed again this week after a long pause, the harbour office said, \
                    and boats went out at dawn to test the new buoys along the channel.</p>";
        let page = format!(
            "<title>T</title><meta name=author content=\"Hana Kowalczyk\"><article><h1>T</h1>\
                            <p>2025-01-09 · Hana Kowalczyk · 5 min read</p>{text}{text}</article>"
        );
        assert!(!body(&page).contains("5 min read"), "{}", body(&page));
        let page = format!(
            "<title>T</title><meta name=author content=\"Hana Kowalczyk\"><article><h1>T</h1>\
                            <p>Hana Kowalczyk reports on the harbour.</p>{text}{text}</article>"
        );
        assert!(body(&page).contains("Hana Kowalczyk reports"), "a sentence is not a byline");
    }
}
