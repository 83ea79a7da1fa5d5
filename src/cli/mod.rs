//! The command line: arguments (clap) and the non-interactive commands, one file each.

mod args;
mod entities;
mod json;
mod list;
mod shell;
pub mod show;

use std::path::{Path, PathBuf};

pub use self::args::{Cli, Command};
pub use self::entities::entities;
pub use self::list::list;
pub use self::shell::{completions, man};
pub use self::show::show;
use crate::config::Config;
pub use crate::library::encoding::{OffsetMap, decode_with_offsets};

/// What to say when the folder from the config (no folder argument) is missing: where that
/// folder came from and the two ways to choose another.
pub fn folder_hint(config: &Config, config_file: Option<&Path>) -> String {
    let from = config_file.map_or_else(|| "the built-in defaults".to_string(), |f| f.display().to_string());
    let place = crate::config::default_config_path()
        .map_or_else(|| "your config file".to_string(), |p| p.display().to_string());
    let file = config_file.map_or(place, |f| f.display().to_string());
    let path = &config.library.path;
    let relative = if path.is_relative() { ", relative to the current folder" } else { "" };
    format!(
        "  The folder is library.path = {:?} from {from}{relative}.\n  \
         Open another with `newsdesk DIR`, or set library.path in {file}.\n",
        path.display().to_string()
    )
}

/// The folder to open: the argument, else the config's `library.path`.
pub fn library_dir(arg: Option<&Path>, config: &Config) -> PathBuf {
    arg.map_or_else(|| config.library.path.clone(), Path::to_path_buf)
}
