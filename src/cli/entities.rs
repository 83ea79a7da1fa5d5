//! `newsdesk entities FILE`: the entities of one file, with byte offsets into the file as stored.

use std::io::Write;
use std::path::Path;

use crate::library::Format;
use crate::library::encoding::decode_with_offsets;
use crate::text::sanitize::sanitize;

/// `newsdesk entities`: the entities of one file. For text, Markdown and reStructuredText the
/// offsets are bytes of the file as stored (through any encoding); for web pages and EPUBs,
/// whose text is extracted, they are bytes of the article text as `newsdesk show` prints it.
pub fn entities(path: &Path, json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let format = Format::of(path).unwrap_or(Format::Text);
    let bytes = crate::library::read::regular_file(path, crate::library::read::MAX_ARTICLE_BYTES)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if format.is_text()
        && let Some(reason) = crate::library::article::binary_reason(&bytes)
    {
        anyhow::bail!("{}: {reason}", path.display());
    }
    let rows: Vec<(&str, usize, usize, String)> = if matches!(format, Format::Html | Format::Epub | Format::Unsupported)
    {
        let article = crate::library::article::from_bytes(format, &bytes, path);
        let text = super::show::plain_text(&article.doc, false);
        let found = crate::text::entities::detect(&text);
        found.iter().map(|e| (e.kind.name(), e.range.start, e.range.end, text[e.range.clone()].to_string())).collect()
    } else {
        let (decoded, map) = decode_with_offsets(&bytes, None);
        let text = decoded.text;
        let same_bytes = decoded.choice.encoding == encoding_rs::UTF_8;
        let found = crate::text::entities::detect(&text);
        found
            .iter()
            .map(|e| {
                let (start, end) = (map.original(e.range.start), map.original(e.range.end));
                // Other encodings' bytes are not UTF-8 text: give the decoded text of the span.
                let shown = if same_bytes {
                    String::from_utf8_lossy(&bytes[start..end]).into_owned()
                } else {
                    text[e.range.clone()].to_string()
                };
                (e.kind.name(), start, end, shown)
            })
            .collect()
    };
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
