//! The command line: arguments (clap) and the non-interactive commands (`list`, config checks).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::library::{Library, meta::reading_minutes};
use crate::state::{Options, State};
use crate::text::sanitize::sanitize;

/// newsdesk: read a folder of articles (.txt and Markdown) in the terminal.
///
/// Opens DIR (or `library.path` from the config, by default ./articles) in a two-pane reader:
/// the article list on the left, the selected article on the right. Press ? inside for the keys.
#[derive(Debug, Parser)]
#[command(name = "newsdesk", version, subcommand_precedence_over_arg = true)]
pub struct Cli {
    /// Folder of articles to open [default: library.path from the config]
    pub dir: Option<PathBuf>,

    /// Config file to use [default: `$XDG_CONFIG_HOME/newsdesk/config.toml` or
    /// `~/.config/newsdesk/config.toml` when present, else the built-in defaults]
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Print the built-in default configuration (the documented config.toml) and exit
    #[arg(long, conflicts_with = "check_config")]
    pub print_default_config: bool,

    /// Validate the configuration and exit: 0 when valid, else every problem and exit code 2
    #[arg(long)]
    pub check_config: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles as the list pane has them: path, date, words, title, warning
    ///
    /// One article per line, tab-separated (path, date or -, word count, title, then the load
    /// warning if any), in the configured sort order; or a JSON array with --json.
    List {
        /// Folder of articles [default: library.path from the config]
        dir: Option<PathBuf>,
        /// Print a JSON array of objects instead of lines
        #[arg(long)]
        json: bool,
    },
    /// Print the entities of one article file: people, organizations, places, groups, dates,
    /// money, percentages, numbers
    ///
    /// Offsets are bytes of FILE exactly as stored on disk (end exclusive), title line included.
    /// With --json: an array of {"kind", "start", "end", "text"}; otherwise a table.
    Entities {
        /// The article file (.txt or .md)
        file: PathBuf,
        /// Print a JSON array of objects instead of a table
        #[arg(long)]
        json: bool,
    },
}

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
        serde_json::to_writer(&mut *out, &values)?;
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

/// The folder to open: the argument, else the config's `library.path`.
pub fn library_dir(arg: Option<&Path>, config: &Config) -> PathBuf {
    arg.map_or_else(|| config.library.path.clone(), Path::to_path_buf)
}

/// `newsdesk list`: every article fully read, in list order, as lines or JSON.
pub fn list(root: &Path, json: bool, config: &Config, out: &mut impl Write) -> anyhow::Result<()> {
    let mut library = Library::open(root)?;
    library.load_all();
    let state = State::new(library, Options::from(config));
    let entries = state.order.iter().filter_map(|&i| state.entry(i));
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }

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

    #[test]
    fn list_subcommand_and_dir_parse() {
        let cli = Cli::parse_from(["newsdesk", "list", "some/dir", "--json"]);
        assert!(matches!(cli.command, Some(Command::List { json: true, .. })));
        let cli = Cli::parse_from(["newsdesk", "folder", "--config", "c.toml"]);
        assert_eq!(cli.dir.as_deref(), Some(Path::new("folder")));
        assert_eq!(cli.config.as_deref(), Some(Path::new("c.toml")));
    }
}
