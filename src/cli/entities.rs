//! `newsdesk entities FILE`: the entities of one file, with byte offsets into the file as stored,
//! each with the entity it names (one id for "Donald Trump" and a later "Trump"), and the
//! config's watch-lists applied as the reader applies them. Nothing inside Markdown code.

use std::io::Write;
use std::ops::Range;
use std::path::Path;

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

/// `newsdesk entities`: the entities of one file, with byte offsets into the file as stored.
pub fn entities(path: &Path, json: bool, lists: &[WatchList], out: &mut impl Write) -> anyhow::Result<()> {
    let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", path.display()))?;
    if let Some(reason) = crate::library::article::binary_reason(&bytes) {
        anyhow::bail!("{}: {reason}", path.display());
    }
    let utf16 = crate::library::article::decode_utf16(&bytes).is_some();
    let (text, map) = if utf16 { utf16_with_offsets(&bytes) } else { decode_with_offsets(&bytes) };
    let markdown = path.extension().is_some_and(|e| e == "md" || e == "markdown");
    let rows = rows(&text, lists, &if markdown { code_ranges(&text) } else { Vec::new() });
    let shown = |r: &Row| -> (usize, usize, String) {
        let (start, end) = (map.original(r.start), map.original(r.end));
        // UTF-16 bytes are not text on their own: give the decoded text of the span.
        let text = if utf16 { r.text.clone() } else { String::from_utf8_lossy(&bytes[start..end]).into_owned() };
        (start, end, text)
    };
    if json {
        let values: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| {
                let (start, end, text) = shown(r);
                serde_json::json!({"kind": r.kind, "start": start, "end": end, "text": text, "entity": r.entity})
            })
            .collect();
        serde_json::to_writer(&mut *out, &values)?;
        writeln!(out)?;
    } else {
        let kind_width = rows.iter().map(|r| r.kind.len()).max().unwrap_or(4);
        for r in &rows {
            let (start, end, text) = shown(r);
            let entity = if r.entity == text { String::new() } else { format!("  ({})", sanitize(&r.entity)) };
            writeln!(out, "{:<kind_width$}  {start:>7}..{end:<7}  {}{entity}", r.kind, sanitize(&text))?;
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

/// Decoded text plus a map from its byte offsets back to the file's: a UTF-8 BOM is skipped
/// and invalid bytes become U+FFFD, so the two can differ.
#[derive(Debug, Default)]
pub struct OffsetMap {
    /// (offset in the decoded text, offset in the file) at the start of each stretch that
    /// maps one to one.
    points: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The file offset of a decoded-text offset.
    pub fn original(&self, offset: usize) -> usize {
        let i = self.points.partition_point(|p| p.0 <= offset).saturating_sub(1);
        self.points.get(i).map_or(offset, |&(decoded, file)| file + (offset - decoded))
    }
}

/// Decodes a file with a UTF-16 byte-order mark, mapping every character back to its bytes.
pub fn utf16_with_offsets(bytes: &[u8]) -> (String, OffsetMap) {
    let text = crate::library::article::decode_utf16(bytes).unwrap_or_default();
    let mut map = OffsetMap::default();
    let mut at = 2;
    for (i, c) in text.char_indices() {
        map.points.push((i, at));
        at += 2 * c.len_utf16();
    }
    map.points.push((text.len(), at));
    (text, map)
}

/// Decodes file bytes lossily, recording where every stretch of the text came from.
pub fn decode_with_offsets(bytes: &[u8]) -> (String, OffsetMap) {
    let skip = if bytes.starts_with(b"\xef\xbb\xbf") { 3 } else { 0 };
    let mut text = String::with_capacity(bytes.len());
    let mut map = OffsetMap::default();
    let mut at = skip;
    for chunk in bytes[skip..].utf8_chunks() {
        map.points.push((text.len(), at));
        text.push_str(chunk.valid());
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            // The replacement character stands for the invalid bytes; offsets inside it map to
            // its start, offsets after it continue after the bytes.
            map.points.push((text.len(), at));
            text.push('\u{fffd}');
            at += chunk.invalid().len();
        }
    }
    map.points.push((text.len(), at));
    (text, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_back_through_bom_and_invalid_bytes() {
        let bytes = b"\xef\xbb\xbfCaf\xe9 Paris \xff\xfeBerlin";
        let (text, map) = decode_with_offsets(bytes);
        assert_eq!(text, "Caf\u{fffd} Paris \u{fffd}\u{fffd}Berlin");
        let paris = text.find("Paris").expect("found");
        assert_eq!(&bytes[map.original(paris)..map.original(paris + 5)], b"Paris");
        let berlin = text.find("Berlin").expect("found");
        assert_eq!(&bytes[map.original(berlin)..map.original(berlin + 6)], b"Berlin");
    }
}
