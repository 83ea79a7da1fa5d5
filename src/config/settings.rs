//! The plain option sections: `[library]`, `[reader]` and `[ui]`.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use super::layers::{Layers, as_bool, as_str, as_u16_in, unknown};

/// How the article list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// Newest first; undated articles last.
    #[default]
    Date,
    Title,
    Path,
    /// Shortest reading time first; articles not yet counted last.
    Length,
    /// Most recently read first; never-read articles last, newest first.
    LastRead,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [SortKey::Date, SortKey::Title, SortKey::Path, SortKey::Length, SortKey::LastRead];
    const NAMES: [&str; 5] = ["date", "title", "path", "length", "last-read"];

    pub const fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The next key in [`SortKey::ALL`], wrapping: what `cycle-sort` switches to.
    #[must_use]
    pub fn next(self) -> Self {
        Self::ALL[(self as usize + 1) % Self::ALL.len()]
    }
}

impl fmt::Display for SortKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The sort key was not one of [`SortKey::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", unknown("sort key", .0, &SortKey::NAMES))]
pub struct UnknownSortKey(pub String);

impl FromStr for SortKey {
    type Err = UnknownSortKey;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|k| k.name() == s).ok_or_else(|| UnknownSortKey(s.to_owned()))
    }
}

/// `[library]`: where articles come from and how they are listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryConfig {
    /// The articles folder; a relative path is taken from the working directory.
    pub path: PathBuf,
    pub sort: SortKey,
}

/// `[reader]`: the reading pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderConfig {
    /// Text column width in cells; narrower panes wrap at the pane width.
    pub max_width: u16,
    /// Lines scrolled per mouse-wheel notch.
    pub scroll_lines: u16,
    pub scrollbar: bool,
}

/// `[ui]`: layout and chrome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiConfig {
    /// Width of the article list pane in cells.
    pub list_width: u16,
    pub mouse: bool,
    /// Show the key-hint bar in the status line.
    pub key_hints: bool,
}

impl LibraryConfig {
    pub(crate) const FIELDS: &[&str] = &["path", "sort"];

    pub(crate) fn read(layers: &mut Layers<'_>) -> Option<Self> {
        layers.check_table(&["library"], "field", Self::FIELDS);
        let path = layers.get(&["library", "path"], |v| {
            let path = as_str(v, "a folder path")?;
            if path.is_empty() { Err("expected a folder path, found an empty string".into()) } else { Ok(path.into()) }
        });
        let sort = layers.get(&["library", "sort"], |v| {
            let expected = format!("a sort key ({})", SortKey::NAMES.join(", "));
            as_str(v, &expected)?.parse().map_err(|e: UnknownSortKey| e.to_string())
        });
        Some(Self { path: path?, sort: sort? })
    }
}

impl ReaderConfig {
    pub(crate) const FIELDS: &[&str] = &["max_width", "scroll_lines", "scrollbar"];

    pub(crate) fn read(layers: &mut Layers<'_>) -> Option<Self> {
        layers.check_table(&["reader"], "field", Self::FIELDS);
        let max_width = layers.get(&["reader", "max_width"], |v| as_u16_in(v, 20..=u16::MAX, "terminal cells"));
        let scroll_lines = layers.get(&["reader", "scroll_lines"], |v| as_u16_in(v, 1..=100, "lines per notch"));
        let scrollbar = layers.get(&["reader", "scrollbar"], as_bool);
        Some(Self { max_width: max_width?, scroll_lines: scroll_lines?, scrollbar: scrollbar? })
    }
}

impl UiConfig {
    pub(crate) const FIELDS: &[&str] = &["list_width", "mouse", "key_hints"];

    pub(crate) fn read(layers: &mut Layers<'_>) -> Option<Self> {
        layers.check_table(&["ui"], "field", Self::FIELDS);
        let list_width = layers.get(&["ui", "list_width"], |v| as_u16_in(v, 10..=u16::MAX, "terminal cells"));
        let mouse = layers.get(&["ui", "mouse"], as_bool);
        let key_hints = layers.get(&["ui", "key_hints"], as_bool);
        Some(Self { list_width: list_width?, mouse: mouse?, key_hints: key_hints? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::date("date", SortKey::Date)]
    #[case::title("title", SortKey::Title)]
    #[case::path("path", SortKey::Path)]
    #[case::length("length", SortKey::Length)]
    #[case::last_read("last-read", SortKey::LastRead)]
    fn sort_keys_round_trip(#[case] text: &str, #[case] key: SortKey) {
        assert_eq!(text.parse(), Ok(key));
        assert_eq!(key.to_string(), text);
    }

    #[test]
    fn a_sort_key_of_the_wrong_type_names_every_key() {
        let errors = crate::config::Config::from_toml("[library]\nsort = 3\n", "u.toml", false).expect_err("rejected");
        assert!(errors.to_string().contains("a sort key (date, title, path, length, last-read)"), "{errors}");
    }

    #[test]
    fn unknown_sort_keys_list_the_accepted_ones() {
        let err = "name".parse::<SortKey>().expect_err("rejected");
        assert_eq!(
            err.to_string(),
            "unknown sort key \"name\" (expected one of: date, title, path, length, last-read)"
        );
    }
}
