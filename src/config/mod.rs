//! The user's configuration: compiled-in defaults with the user's file layered on top, every
//! problem reported at once with its position.

mod entities;
mod error;
mod keys;
pub(crate) mod layers;
mod settings;
mod style;
mod theme;

use std::io;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

pub use entities::{EntitiesConfig, Marker};
pub use error::{ConfigError, ConfigErrors, LoadError};
pub use settings::{LibraryConfig, ReaderConfig, SortKey, UiConfig, UnknownSortKey};
pub use theme::{EntityStyles, Theme, WATCH_MODIFIER, kind_modifier};

use error::Source;
use layers::{Layer, Layers};

use crate::keymap::Keymap;

/// The documented defaults, parsed by the same code as a user's file.
pub const DEFAULT_TOML: &str = include_str!("../../config.toml");

/// The name errors in [`DEFAULT_TOML`] are reported under.
const DEFAULTS_NAME: &str = "built-in defaults";

const SECTIONS: &[&str] = &["library", "reader", "ui", "entities", "theme", "keys"];

/// Everything configurable, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub library: LibraryConfig,
    pub reader: ReaderConfig,
    pub ui: UiConfig,
    pub entities: EntitiesConfig,
    pub theme: Theme,
    pub keymap: Keymap,
}

impl Default for Config {
    /// The built-in defaults, parsed from [`DEFAULT_TOML`] (a test keeps them valid).
    fn default() -> Self {
        match Self::from_layers(&[], false) {
            Ok(config) => config,
            Err(errors) => panic!("the built-in config.toml is invalid:\n{errors}"),
        }
    }
}

impl Config {
    /// The defaults overridden key by key by `text`, reported as `file_name` in errors.
    /// `no_color` drops every colour from the theme and keeps the modifiers.
    pub fn from_toml(text: &str, file_name: &str, no_color: bool) -> Result<Self, ConfigErrors> {
        Self::from_layers(&[Source { name: file_name, text }], no_color)
    }

    fn from_layers(user: &[Source<'_>], no_color: bool) -> Result<Self, ConfigErrors> {
        let mut parsed = Vec::new();
        let mut syntax_errors = Vec::new();
        for source in std::iter::once(Source { name: DEFAULTS_NAME, text: DEFAULT_TOML }).chain(user.iter().copied()) {
            match Layer::parse(source) {
                Ok(layer) => parsed.push(layer),
                Err(errors) => syntax_errors.extend(errors),
            }
        }
        // A file that does not parse has no reliable structure to check any further.
        if !syntax_errors.is_empty() {
            return Err(ConfigErrors(syntax_errors));
        }
        let mut layers = Layers::new(parsed);
        layers.check_table(&[], "section", SECTIONS);
        // Every section is read even after another failed, so all problems surface together.
        let library = LibraryConfig::read(&mut layers);
        let reader = ReaderConfig::read(&mut layers);
        let ui = UiConfig::read(&mut layers);
        let entities = EntitiesConfig::read(&mut layers);
        let theme = Theme::read(&mut layers);
        let keymap = keys::read_keymap(&mut layers);
        let errors = layers.into_errors();
        match (library, reader, ui, entities, theme, keymap) {
            (Some(library), Some(reader), Some(ui), Some((entities, watch)), Some(theme), Some(keymap))
                if errors.is_empty() =>
            {
                let theme = theme.with_entities(watch, entities.marker.resolve(no_color));
                let theme = if no_color { theme.without_colour() } else { theme };
                Ok(Self { library, reader, ui, entities, theme, keymap })
            }
            _ => Err(ConfigErrors(errors)),
        }
    }

    /// Loads `explicit` (which must exist), else the user's config file if there is one,
    /// else the defaults; returns the config and the file it came from.
    pub fn load(explicit: Option<&Path>, no_color: bool) -> Result<(Self, Option<PathBuf>), LoadError> {
        let path = match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => default_config_path().filter(|path| path.is_file()),
        };
        let Some(path) = path else {
            return Ok((Self::from_layers(&[], no_color)?, None));
        };
        let text = std::fs::read_to_string(&path).map_err(|error| match error.kind() {
            io::ErrorKind::NotFound => LoadError::NotFound { path: path.clone() },
            _ => LoadError::Read { path: path.clone(), error },
        })?;
        let config = Self::from_toml(&text, &path.display().to_string(), no_color)?;
        Ok((config, Some(path)))
    }
}

/// `$XDG_CONFIG_HOME/newsdesk/config.toml`, else `~/.config/newsdesk/config.toml` (on every
/// platform: a terminal tool's users expect the XDG place); `None` without a home directory.
pub fn default_config_path() -> Option<PathBuf> {
    let xdg = etcetera::base_strategy::Xdg::new().ok()?;
    Some(xdg.config_dir().join("newsdesk").join("config.toml"))
}

/// Whether `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
pub fn no_color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty())
}

#[cfg(test)]
mod tests;
