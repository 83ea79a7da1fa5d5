//! `newsdesk entities FILE`: the entities of one file, with byte offsets into the file as stored.

use std::io::Write;
use std::path::Path;

use crate::text::sanitize::sanitize;

/// `newsdesk entities`: the entities of one file, with byte offsets into the file as stored.
pub fn entities(path: &Path, json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", path.display()))?;
    if let Some(reason) = crate::library::article::binary_reason(&bytes) {
        anyhow::bail!("{}: {reason}", path.display());
    }
    let utf16 = crate::library::article::decode_utf16(&bytes).is_some();
    let (text, map) = if utf16 { utf16_with_offsets(&bytes) } else { decode_with_offsets(&bytes) };
    let found = crate::text::entities::detect(&text);
    let rows: Vec<(&str, usize, usize, String)> = found
        .iter()
        .map(|e| {
            let (start, end) = (map.original(e.range.start), map.original(e.range.end));
            // UTF-16 bytes are not text on their own: give the decoded text of the span.
            let shown = if utf16 {
                text[e.range.clone()].to_string()
            } else {
                String::from_utf8_lossy(&bytes[start..end]).into_owned()
            };
            (e.kind.name(), start, end, shown)
        })
        .collect();
    if json {
        let values: Vec<serde_json::Value> = rows
            .iter()
            .map(|(kind, start, end, text)| serde_json::json!({"kind": kind, "start": start, "end": end, "text": text}))
            .collect();
        super::json::write(&mut *out, &values, false)?;
        writeln!(out)?;
    } else {
        let kind_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(4);
        for (kind, start, end, text) in &rows {
            writeln!(out, "{kind:<kind_width$}  {start:>7}..{end:<7}  {}", sanitize(text))?;
        }
    }
    Ok(())
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
