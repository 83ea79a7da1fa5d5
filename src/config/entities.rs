//! `[entities]`: highlighting at start, the marker that tells kinds apart without colour, and
//! the reader's watch-lists (`[[entities.watch]]`), each compiled and checked term by term.

use std::fmt;
use std::str::FromStr;

use ratatui::style::Style;
use toml::de::DeValue;

use super::layers::{Found, Layers, as_bool, as_str, describe, unknown};
use super::style::read_style;
use crate::text::watch::{WatchError, WatchList};

/// How entity kinds stay distinguishable besides their colours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Marker {
    /// `none` with colours; `modifiers` under `NO_COLOR`.
    #[default]
    Auto,
    /// Colours only.
    None,
    /// Each kind adds its own mix of bold, italic, underline and dim.
    Modifiers,
}

impl Marker {
    pub const ALL: [Marker; 3] = [Marker::Auto, Marker::None, Marker::Modifiers];
    const NAMES: [&str; 3] = ["auto", "none", "modifiers"];

    pub const fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The marker in effect: `auto` decided by whether colours are shown.
    #[must_use]
    pub fn resolve(self, no_color: bool) -> Self {
        match self {
            Marker::Auto if no_color => Marker::Modifiers,
            Marker::Auto => Marker::None,
            other => other,
        }
    }
}

impl fmt::Display for Marker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Marker {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|m| m.name() == s).ok_or_else(|| unknown("marker", s, &Self::NAMES))
    }
}

/// `[entities]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntitiesConfig {
    /// Highlighting is on when newsdesk starts (`toggle-entities` flips it).
    pub highlight: bool,
    pub marker: Marker,
    /// In config order, which is also their priority where two lists' hits overlap.
    pub watch: Vec<WatchList>,
}

impl EntitiesConfig {
    pub(crate) const FIELDS: &[&str] = &["highlight", "marker", "watch"];
    const WATCH_FIELDS: &[&str] = &["name", "style", "terms", "regex"];

    /// The section, and the style of each watch-list (they belong to the theme).
    pub(crate) fn read(layers: &mut Layers<'_>) -> Option<(Self, Vec<Style>)> {
        layers.check_table(&["entities"], "field", Self::FIELDS);
        let highlight = layers.get(&["entities", "highlight"], as_bool);
        let marker =
            layers.get(&["entities", "marker"], |v| as_str(v, "a marker (auto, none or modifiers)")?.parse::<Marker>());
        let watch = read_watch_lists(layers);
        let (watch, styles): (Vec<_>, Vec<_>) = watch?.into_iter().unzip();
        Some((Self { highlight: highlight?, marker: marker?, watch }, styles))
    }
}

/// The topmost layer's `[[entities.watch]]` array (a user's lists replace the defaults' whole);
/// none when no layer has one.
fn read_watch_lists(layers: &mut Layers<'_>) -> Option<Vec<(WatchList, Style)>> {
    let path = ["entities", "watch"];
    let Some(found) = layers.find(&path) else { return Some(Vec::new()) };
    let mut errors = Vec::new();
    let mut lists = Vec::new();
    match found.value.get_ref() {
        DeValue::Array(entries) => {
            let mut names: Vec<(String, usize)> = Vec::new();
            for (i, entry) in entries.iter().enumerate() {
                let entry = Found { layer: found.layer, source: found.source, value: entry };
                let at = format!("watch[{i}]");
                match read_watch_list(&entry, &["entities", &at], &mut names) {
                    Ok(list) => lists.push(list),
                    Err(mut e) => errors.append(&mut e),
                }
            }
        }
        other => errors.push(found.error(
            &path,
            format!("expected watch-lists written as [[entities.watch]] tables, found {}", describe(other)),
        )),
    }
    let complete = errors.is_empty();
    for error in errors {
        layers.report(error);
    }
    complete.then_some(lists)
}

/// One `[[entities.watch]]` table; `names` holds the names seen so far and their lines, to
/// report a duplicate.
fn read_watch_list(
    entry: &Found<'_, '_>,
    path: &[&str],
    names: &mut Vec<(String, usize)>,
) -> Result<(WatchList, Style), Vec<super::ConfigError>> {
    let Some(table) = entry.value.get_ref().as_table() else {
        let message = format!(
            "expected a watch-list table with name, style and terms, found {}",
            describe(entry.value.get_ref())
        );
        return Err(vec![entry.error(path, message)]);
    };
    let mut errors = Vec::new();
    let field = |name: &str| [path, &[name]].concat().join(".");
    for key in table.keys().filter(|k| !EntitiesConfig::WATCH_FIELDS.contains(&k.get_ref().as_ref())) {
        let message = unknown("watch-list field", key.get_ref(), EntitiesConfig::WATCH_FIELDS);
        errors.push(entry.source.error(key.span(), Some(field(key.get_ref())), message));
    }
    let value = |name: &str| table.get(name);
    let missing =
        |name: &str| entry.error(path, format!("missing field \"{name}\" (a watch-list needs name, style and terms)"));

    let name = match value("name") {
        None => Err(missing("name")),
        Some(v) => read_name(entry, v, &field("name"), names),
    };
    let style = match value("style") {
        None => Err(vec![missing("style")]),
        Some(v) => {
            read_style(&Found { layer: entry.layer, source: entry.source, value: v }, &[path, &["style"]].concat())
        }
    };
    let regex = match value("regex") {
        None => Ok(false),
        Some(v) => as_bool(v.get_ref()).map_err(|m| entry.source.error(v.span(), Some(field("regex")), m)),
    };
    let terms = match value("terms") {
        None => Err(missing("terms")),
        Some(v) => read_terms(entry, v, &field("terms")),
    };

    let name = name.map_err(|e| errors.push(e)).ok();
    let style = style.map_err(|mut e| errors.append(&mut e)).ok();
    let regex = regex.map_err(|e| errors.push(e)).ok();
    let terms = terms.map_err(|e| errors.push(e)).ok();
    let (Some(name), Some(style), Some(regex), Some(terms), true) = (name, style, regex, terms, errors.is_empty())
    else {
        return Err(errors);
    };
    let term_errors = check_terms(entry, &terms, regex, &field("terms"));
    if !term_errors.is_empty() {
        return Err(term_errors);
    }
    let texts: Vec<String> = terms.iter().map(|(text, _)| text.clone()).collect();
    WatchList::new(name, texts, regex)
        .map(|list| (list, style))
        .map_err(|error| vec![watch_error(entry, &error, &terms, value("terms"), &field("terms"))])
}

/// A watch-list's `name`: a non-empty string not used by an earlier list of `names`.
fn read_name(
    entry: &Found<'_, '_>,
    v: &toml::Spanned<DeValue<'_>>,
    at: &str,
    names: &mut Vec<(String, usize)>,
) -> Result<String, super::ConfigError> {
    match v.get_ref().as_str() {
        Some(text) if !text.trim().is_empty() => {
            let line = entry.source.position(v.span().start).0;
            if let Some((_, first)) = names.iter().find(|(seen, _)| seen == text) {
                Err(entry.source.error(
                    v.span(),
                    Some(at.to_owned()),
                    format!("watch-list name \"{text}\" is already used on line {first}; names must be unique"),
                ))
            } else {
                names.push((text.to_owned(), line));
                Ok(text.to_owned())
            }
        }
        _ => Err(entry.source.error(
            v.span(),
            Some(at.to_owned()),
            format!("expected a non-empty name, found {}", describe(v.get_ref())),
        )),
    }
}

/// Where and why compiling a watch-list failed: at the term at fault (`terms` as read, with
/// their spans), or at the whole `terms` value.
fn watch_error(
    entry: &Found<'_, '_>,
    error: &WatchError,
    terms: &[(String, std::ops::Range<usize>)],
    terms_value: Option<&toml::Spanned<DeValue<'_>>>,
    at: &str,
) -> super::ConfigError {
    let term = |i: usize| {
        let (text, span) = &terms[i];
        (span.clone(), format!("{at}[{i}]"), text.as_str())
    };
    let (span, at, message) = match error {
        WatchError::EmptyTerm { term: i } => {
            let (span, at, _) = term(*i);
            (span, at, "an empty term would match nothing".to_owned())
        }
        WatchError::Regex { term: i, message } => {
            let (span, at, text) = term(*i);
            (span, at, format!("invalid regex {text:?}: {message}"))
        }
        WatchError::MatchesEmpty { term: i } => {
            let (span, at, text) = term(*i);
            (span, at, format!("the regex {text:?} matches empty text, so it would highlight nothing"))
        }
        WatchError::TooLarge { .. } => {
            (terms_value.map_or(0..0, toml::Spanned::span), at.to_owned(), error.to_string())
        }
    };
    entry.source.error(span, Some(at), message)
}

/// Each term of a watch-list on its own, so every bad term is reported, not only the first.
fn check_terms(
    entry: &Found<'_, '_>,
    terms: &[(String, std::ops::Range<usize>)],
    regex: bool,
    at: &str,
) -> Vec<super::error::ConfigError> {
    let mut errors = Vec::new();
    for (i, (text, span)) in terms.iter().enumerate() {
        // A text term can only be wrong by being empty: no need to compile it alone (a list
        // may hold 100,000 of them).
        if !regex && !text.trim().is_empty() {
            continue;
        }
        let message = match WatchList::new("check", vec![text.clone()], regex) {
            Err(WatchError::EmptyTerm { .. }) => "an empty term would match nothing".to_owned(),
            Err(WatchError::Regex { message, .. }) => format!("invalid regex {text:?}: {message}"),
            Err(WatchError::MatchesEmpty { .. }) => {
                format!("the regex {text:?} matches empty text, so it would highlight nothing")
            }
            Ok(_) | Err(WatchError::TooLarge { .. }) => continue,
        };
        errors.push(entry.source.error(span.clone(), Some(format!("{at}[{i}]")), message));
    }
    errors
}

/// `terms = ["a", "b"]`: at least one string; each with its span for errors.
fn read_terms(
    entry: &Found<'_, '_>,
    value: &toml::Spanned<DeValue<'_>>,
    path: &str,
) -> Result<Vec<(String, std::ops::Range<usize>)>, super::ConfigError> {
    let at = |span, message: String| entry.source.error(span, Some(path.to_owned()), message);
    let expected = "expected an array of strings such as [\"Lazarus Group\", \"Monero\"]";
    let Some(items) = value.get_ref().as_array() else {
        return Err(at(value.span(), format!("{expected}, found {}", describe(value.get_ref()))));
    };
    if items.is_empty() {
        return Err(at(value.span(), "a watch-list needs at least one term".to_owned()));
    }
    items
        .iter()
        .map(|item| match item.get_ref().as_str() {
            Some(text) => Ok((text.to_owned(), item.span())),
            None => Err(at(item.span(), format!("{expected}, found {}", describe(item.get_ref())))),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::auto("auto", Marker::Auto)]
    #[case::none("none", Marker::None)]
    #[case::modifiers("modifiers", Marker::Modifiers)]
    fn markers_round_trip(#[case] text: &str, #[case] marker: Marker) {
        assert_eq!(text.parse(), Ok(marker));
        assert_eq!(marker.to_string(), text);
    }

    /// A config with one watch-list of `terms`, written as TOML.
    fn with_watch_list(terms: &[String]) -> String {
        let quoted: Vec<String> = terms.iter().map(|t| format!("{t:?}")).collect();
        format!("[[entities.watch]]\nname = \"big\"\nstyle = {{ bold = true }}\nterms = [{}]\n", quoted.join(", "))
    }

    #[test]
    fn large_watch_lists_load() {
        // 10,000 short terms, and 1,500 names of about 35 characters, half of them lowercase.
        let short: Vec<String> = (0..10_000).map(|i| format!("term{i:05}x")).collect();
        let names: Vec<String> = (0..1_500)
            .map(|i| {
                let name = format!("Firstname{i:04} Middlename Lastname Group");
                if i % 2 == 0 { name.to_lowercase() } else { name }
            })
            .collect();
        for terms in [short, names] {
            let config = crate::config::Config::from_toml(&with_watch_list(&terms), "big.toml", false)
                .unwrap_or_else(|e| panic!("{e}"));
            let list = &config.entities.watch[0];
            assert_eq!(list.terms.len(), terms.len());
            let text = format!("x {} y", terms[terms.len() - 1]);
            assert_eq!(list.find_in(&text, 0..text.len()).len(), 1);
        }
    }

    #[test]
    fn auto_follows_no_color() {
        assert_eq!(Marker::Auto.resolve(false), Marker::None);
        assert_eq!(Marker::Auto.resolve(true), Marker::Modifiers);
        assert_eq!(Marker::None.resolve(true), Marker::None);
    }
}
