//! `newsdesk list`: the articles as the list pane has them, as lines or JSON, for scripts.

use std::io::Write;
use std::path::Path;

use crate::config::Config;
use crate::library::{Library, meta::reading_minutes, sort};
use crate::text::sanitize::sanitize;

/// `newsdesk list`: every article fully read, in list order, as lines or JSON; given a file,
/// that one article.
pub fn list(root: &Path, json: bool, config: &Config, out: &mut impl Write) -> anyhow::Result<()> {
    let mut library = if root.is_file() { Library::open_file(root)? } else { Library::open(root)? };
    library.load_all();
    let order = sort::order(&library.entries, config.library.sort, |e| !e.gone);
    let entries = order.iter().map(|&i| &library.entries[i]);
    if json {
        let rows: Vec<serde_json::Value> = entries
            .map(|e| {
                let mut v = serde_json::to_value(e).unwrap_or_default();
                if let Some(obj) = v.as_object_mut() {
                    obj.insert("minutes".into(), e.words.map(reading_minutes).into());
                }
                v
            })
            .collect();
        super::json::write(&mut *out, &rows, true)?;
        writeln!(out)?;
    } else {
        for e in entries {
            // Lines may reach a terminal: control characters are shown, never sent.
            let clean = |s: &str| sanitize(s).into_owned();
            write!(
                out,
                "{}\t{}\t{}\t{}",
                clean(&e.rel),
                clean(e.meta.date.as_deref().unwrap_or("-")),
                e.words.unwrap_or(0),
                clean(&e.meta.title)
            )?;
            if let Some(w) = &e.warning {
                write!(out, "\twarning: {}", clean(w))?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character a consumer printing the JSON raw must not receive: C0 and C1 controls,
    /// DEL, bidirectional controls and marks, and the line and paragraph separators.
    fn nasty_chars() -> Vec<char> {
        let mut chars: Vec<char> = (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32).collect();
        chars.extend(['\u{61c}', '\u{200e}', '\u{200f}', '\u{2028}', '\u{2029}']);
        chars.extend(('\u{202a}'..='\u{202e}').chain('\u{2066}'..='\u{2069}'));
        chars
    }

    /// A folder whose titles, authors, tags and file names hold every nasty character.
    fn nasty_folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (i, c) in nasty_chars().into_iter().enumerate() {
            let c = if c == '\n' || c == '\r' { '\u{85}' } else { c };
            let name = if c == '/' || c == '\0' { format!("{i:03}.md") } else { format!("{i:03} {c} name.md") };
            // YAML escapes reach every character; the title also holds the raw one.
            let escaped = format!("\\u{:04X}", c as u32);
            let text = format!(
                "---\ntitle: \"T{escaped}x {c}\"\nauthor: \"A{escaped}\"\ntags: [\"t{escaped}\", \"plain\"]\n---\n\nBody {c} text.\n"
            );
            let text = if c == '\t' || c < ' ' { text.replace(&format!(" {c}\""), "\"") } else { text };
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        dir
    }

    #[test]
    fn json_escapes_every_control_and_bidi_character() {
        let dir = nasty_folder();
        let mut out = Vec::new();
        list(dir.path(), true, &Config::default(), &mut out).expect("lists");
        let text = String::from_utf8(out).expect("UTF-8");
        let nasty = nasty_chars();
        let raw: Vec<char> = text.chars().filter(|c| nasty.contains(c) && *c != '\n').collect();
        assert!(raw.is_empty(), "raw in the JSON: {raw:?}");
        // The escapes decode back to what the list holds.
        let rows: Vec<serde_json::Value> = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(rows.len(), nasty.len());
        let decoded: String = rows.iter().map(ToString::to_string).collect();
        let c1: Vec<char> = ('\u{80}'..'\u{a0}').filter(|c| decoded.contains(*c)).collect();
        assert!(c1.len() >= 20, "C1 characters survive as escapes, not as loss: {c1:?}");
        assert!(rows.iter().any(|r| r["title"].as_str().is_some_and(|t| t.contains('\u{202e}'))));
        assert!(rows.iter().any(|r| r["path"].as_str().is_some_and(|t| t.contains('\u{2066}'))));
        assert!(rows.iter().any(|r| r["tags"][0].as_str().is_some_and(|t| t.contains('\u{200f}'))));
        assert!(text.contains("\\u202e") && text.contains("\\u0085") && text.contains("\\u009c"), "{text}");
    }
}
