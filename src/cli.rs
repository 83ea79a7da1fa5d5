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
#[command(name = "newsdesk", version, args_conflicts_with_subcommands = true)]
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
}

/// The folder to open: the argument, else the config's `library.path`.
pub fn library_dir(arg: Option<&Path>, config: &Config) -> PathBuf {
    arg.map_or_else(|| config.library.path.clone(), Path::to_path_buf)
}

/// `newsdesk list`: every article fully read, in list order, as lines or JSON.
pub fn list(root: &Path, json: bool, config: &Config, out: &mut impl Write) -> anyhow::Result<()> {
    let mut library = Library::open(root)?;
    library.load_all();
    let options = Options {
        sort: config.library.sort,
        max_width: config.reader.max_width,
        list_width: config.ui.list_width,
        scroll_lines: config.reader.scroll_lines,
        scrollbar: config.reader.scrollbar,
    };
    let state = State::new(library, options);
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
                e.meta.date.as_deref().unwrap_or("-"),
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
    fn list_subcommand_and_dir_parse() {
        let cli = Cli::parse_from(["newsdesk", "list", "some/dir", "--json"]);
        assert!(matches!(cli.command, Some(Command::List { json: true, .. })));
        let cli = Cli::parse_from(["newsdesk", "folder", "--config", "c.toml"]);
        assert_eq!(cli.dir.as_deref(), Some(Path::new("folder")));
        assert_eq!(cli.config.as_deref(), Some(Path::new("c.toml")));
    }
}
