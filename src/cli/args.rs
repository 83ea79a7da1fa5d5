//! The arguments and subcommands newsdesk takes (clap); `--help`, the completions and the man
//! page are generated from them.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// newsdesk: read a folder of articles (text, Markdown, saved web pages, EPUB) in the terminal.
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
        /// Folder of articles, or one article file [default: library.path from the config]
        dir: Option<PathBuf>,
        /// Print a JSON array of objects instead of lines
        #[arg(long)]
        json: bool,
    },
    /// Print the entities of one article file: people, organizations, places, groups, dates,
    /// money, percentages, numbers
    ///
    /// Offsets are bytes of FILE exactly as stored on disk (end exclusive), title line included.
    /// With --json: an array of {"kind", "start", "end", "text", "entity"}, where "entity" is the
    /// name of the entity the mention belongs to (its fullest form: "Donald Trump" for a later
    /// "Trump"), or the list's name for a watch-list hit (kind "watch"); otherwise a table. The
    /// config's watch-lists (--config) apply as in the reader; nothing inside Markdown code.
    Entities {
        /// The article file (any format newsdesk reads)
        file: PathBuf,
        /// Print a JSON array of objects instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Print one article as newsdesk reads it: title, metadata and body as plain text
    ///
    /// Any format newsdesk reads (text, Markdown, reStructuredText, a saved web page in reader
    /// mode, an EPUB); `-` reads standard input and sniffs its format. The body is unwrapped (a
    /// paragraph a line, blank lines between) unless --width is given. With --json: an object
    /// {"title", "author", "date", "source", "url", "tags", "format", "encoding", "text",
    /// "warnings"}, where "text" is the body as plain text (words only: link URLs and
    /// [image: …] markers left out).
    Show {
        /// The article file, or - for standard input
        file: PathBuf,
        /// Print a JSON object instead of text
        #[arg(long)]
        json: bool,
        /// Wrap the body to this many columns
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(10..))]
        width: Option<u16>,
    },
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell
    ///
    /// For example `newsdesk completions bash > ~/.local/share/bash-completion/completions/newsdesk`;
    /// the README lists the place for each shell.
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `newsdesk man > ~/.local/share/man/man1/newsdesk.1`
    Man,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use std::path::Path;

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
