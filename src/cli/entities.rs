//! `newsdesk entities FILE`: the entities of one file, with byte offsets into the file as stored,
//! each with the entity it names (one id for "Donald Trump" and a later "Trump"), and the
//! config's watch-lists applied as the reader applies them. Nothing inside Markdown code.

use std::io::Write;
use std::ops::Range;
use std::path::Path;

use crate::library::Format;
use crate::library::encoding::decode_with_offsets;
use crate::text::entities::grouping;
use crate::text::highlights::Highlights;
use crate::text::sanitize::sanitize;
use crate::text::watch::WatchList;

/// One row of the output.
struct Row {
    kind: String,
    start: usize,
    end: usize,
    text: String,
    /// The entity's name (its fullest form) for a built-in kind; the list's name for a hit.
    entity: String,
}

/// `newsdesk entities`: the entities of one file. For text, Markdown and reStructuredText the
/// offsets are bytes of the file as stored (through any encoding); for web pages and EPUBs,
/// whose text is extracted, they are bytes of the article text as `newsdesk show` prints it.
pub fn entities(path: &Path, json: bool, lists: &[WatchList], out: &mut impl Write) -> anyhow::Result<()> {
    let format = Format::of(path).unwrap_or(Format::Text);
    let bytes = crate::library::read::regular_file(path, crate::library::read::MAX_ARTICLE_BYTES)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if format.is_text()
        && let Some(reason) = crate::library::article::binary_reason(&bytes)
    {
        anyhow::bail!("{}: {reason}", path.display());
    }
    let shown: Vec<(Row, usize, usize, String)> = if matches!(format, Format::Html | Format::Epub | Format::Unsupported)
    {
        let article = crate::library::article::from_bytes(format, &bytes, path);
        let text = super::show::plain_text(&article.doc, false);
        let at = |r: Row| (r.start, r.end, r.text.clone(), r);
        rows(&text, lists, &[]).into_iter().map(at).map(|(start, end, text, r)| (r, start, end, text)).collect()
    } else {
        let (decoded, map) = decode_with_offsets(&bytes, None);
        let text = decoded.text;
        let same_bytes = decoded.choice.encoding == encoding_rs::UTF_8;
        let code = if format == Format::Markdown { code_ranges(&text) } else { Vec::new() };
        rows(&text, lists, &code)
            .into_iter()
            .map(|r| {
                let (start, end) = (map.original(r.start), map.original(r.end));
                // Other encodings' bytes are not UTF-8 text: give the decoded text of the span.
                let text =
                    if same_bytes { String::from_utf8_lossy(&bytes[start..end]).into_owned() } else { r.text.clone() };
                (r, start, end, text)
            })
            .collect()
    };
    if json {
        let values: Vec<serde_json::Value> = shown
            .iter()
            .map(|(r, start, end, text)| {
                serde_json::json!({"kind": r.kind, "start": start, "end": end, "text": text, "entity": r.entity})
            })
            .collect();
        super::json::write(&mut *out, &values, false)?;
        writeln!(out)?;
    } else {
        let kind_width = shown.iter().map(|r| r.0.kind.len()).max().unwrap_or(4);
        for (r, start, end, text) in &shown {
            let entity = if &r.entity == text { String::new() } else { format!("  ({})", sanitize(&r.entity)) };
            writeln!(out, "{:<kind_width$}  {start:>7}..{end:<7}  {}{entity}", r.kind, sanitize(text))?;
        }
    }
    Ok(())
}

/// The entities and watch-list hits of `text`, in order, none inside `code`.
fn rows(text: &str, lists: &[WatchList], code: &[Range<usize>]) -> Vec<Row> {
    let outside = |r: &Range<usize>| !code.iter().any(|c| c.start < r.end && r.start < c.end);
    let found = Highlights::full(text, lists);
    let entities: Vec<_> = found.entities.into_iter().filter(|e| outside(&e.range)).collect();
    let clusters = grouping::clusters(text, &entities);
    let of = grouping::cluster_of(&clusters, entities.len());
    let mut rows: Vec<Row> = entities
        .iter()
        .zip(of)
        .map(|(e, c)| Row {
            kind: e.kind.name().to_string(),
            start: e.range.start,
            end: e.range.end,
            text: text[e.range.clone()].to_string(),
            entity: clusters[c].name.clone(),
        })
        .collect();
    for hit in found.hits.iter().filter(|h| outside(&h.range)) {
        let list = lists.get(usize::from(hit.list)).map_or_else(String::new, |l| l.name.clone());
        rows.push(Row {
            kind: "watch".to_string(),
            start: hit.range.start,
            end: hit.range.end,
            text: text[hit.range.clone()].to_string(),
            entity: list,
        });
    }
    rows.sort_by_key(|r| r.start);
    rows
}

/// The byte ranges of Markdown code (blocks and inline spans) in `text`.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new(text)
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_))))
        .map(|(_, range)| range)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_back_through_bom_and_invalid_bytes() {
        let bytes = b"\xef\xbb\xbfCaf\xe9 Paris \xff\xfeBerlin";
        let (decoded, map) = decode_with_offsets(bytes, None);
        let text = decoded.text;
        assert_eq!(text, "Caf\u{fffd} Paris \u{fffd}\u{fffd}Berlin");
        let paris = text.find("Paris").expect("found");
        assert_eq!(&bytes[map.original(paris)..map.original(paris + 5)], b"Paris");
        let berlin = text.find("Berlin").expect("found");
        assert_eq!(&bytes[map.original(berlin)..map.original(berlin + 6)], b"Berlin");
    }
}
