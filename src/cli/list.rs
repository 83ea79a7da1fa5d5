//! `newsdesk list`: the articles as the list pane has them, as lines or JSON, for scripts.

use std::io::Write;
use std::path::Path;

use crate::config::Config;
use crate::library::{Library, meta::reading_minutes, sort};
use crate::text::sanitize::sanitize;

/// `newsdesk list`: every article fully read, in list order, as lines or JSON.
pub fn list(root: &Path, json: bool, config: &Config, out: &mut impl Write) -> anyhow::Result<()> {
    let mut library = Library::open(root)?;
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
        serde_json::to_writer_pretty(&mut *out, &rows)?;
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
