//! Spanned TOML layers (built-in defaults under the user's file): lookups that fall through
//! key by key, and a collector for every problem found on the way.
//!
//! serde stops at the first error and loses spans under `flatten`, so config files are parsed
//! into toml's spanned `DeTable` and walked by hand; each reader reports all it finds.

use std::fmt::Write as _;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::error::{ConfigError, Source};

pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// One parsed config text.
pub(crate) struct Layer<'i> {
    pub source: Source<'i>,
    pub root: DeTable<'i>,
}

impl<'i> Layer<'i> {
    /// Parses a file; on syntax errors returns every one the parser could recover from.
    pub fn parse(source: Source<'i>) -> Result<Self, Vec<ConfigError>> {
        let (root, errors) = DeTable::parse_recoverable(source.text);
        if errors.is_empty() {
            return Ok(Self { source, root: root.into_inner() });
        }
        let mut reported: Vec<ConfigError> = Vec::new();
        for e in &errors {
            let error = source.error(e.span().unwrap_or(0..0), None, format!("TOML syntax error: {}", e.message()));
            // The parser's recovery often trips again later on the same line; only the first
            // error of a line is the user's mistake.
            if reported.last().is_none_or(|last| last.line != error.line) {
                reported.push(error);
            }
        }
        Err(reported)
    }

    fn value_at(&self, path: &[&str]) -> Option<&Value<'i>> {
        let (last, parents) = path.split_last()?;
        let mut table = &self.root;
        for key in parents {
            table = table.get(*key)?.get_ref().as_table()?;
        }
        table.get(*last)
    }

    /// The table at `path` (the root for an empty path), if present and a table.
    fn table_at(&self, path: &[&str]) -> Option<Result<&DeTable<'i>, &Value<'i>>> {
        if path.is_empty() {
            return Some(Ok(&self.root));
        }
        let value = self.value_at(path)?;
        Some(value.get_ref().as_table().ok_or(value))
    }
}

/// A value found in one layer, able to report problems at its own position.
pub(crate) struct Found<'a, 'i> {
    /// Index into the layers, lowest (the defaults) first.
    pub layer: usize,
    pub source: Source<'a>,
    pub value: &'a Value<'i>,
}

impl Found<'_, '_> {
    pub fn error(&self, path: &[&str], message: impl Into<String>) -> ConfigError {
        self.error_at(self.value.span(), path, message)
    }

    pub fn error_at(&self, span: Range<usize>, path: &[&str], message: impl Into<String>) -> ConfigError {
        self.source.error(span, Some(path.join(".")), message)
    }
}

/// The layers of one config, lowest first, and the problems found so far.
pub(crate) struct Layers<'i> {
    layers: Vec<Layer<'i>>,
    errors: Vec<ConfigError>,
}

impl<'i> Layers<'i> {
    pub fn new(layers: Vec<Layer<'i>>) -> Self {
        Self { layers, errors: Vec::new() }
    }

    pub fn report(&mut self, error: ConfigError) {
        self.errors.push(error);
    }

    /// All problems, sorted into file order so the user can fix them top to bottom.
    pub fn into_errors(self) -> Vec<ConfigError> {
        let mut errors = self.errors;
        errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        errors.dedup();
        errors
    }

    /// The value at `path` in the topmost layer that has it: the user's file overrides the
    /// defaults key by key.
    pub fn find(&self, path: &[&str]) -> Option<Found<'_, 'i>> {
        self.layers
            .iter()
            .enumerate()
            .rev()
            .find_map(|(layer, l)| l.value_at(path).map(|value| Found { layer, source: l.source, value }))
    }

    /// Checks in every layer that `path` holds a table whose keys are all in `accepted`;
    /// `noun` names what the keys are ("field", "theme slot") in the error.
    pub fn check_table(&mut self, path: &[&str], noun: &str, accepted: &[&str]) {
        for l in &self.layers {
            match l.table_at(path) {
                None => {}
                Some(Err(value)) => {
                    let message = format!("expected a table, found {}", describe(value.get_ref()));
                    self.errors.push(l.source.error(value.span(), Some(path.join(".")), message));
                }
                Some(Ok(table)) => {
                    for key in table.keys().filter(|k| !accepted.contains(&k.get_ref().as_ref())) {
                        let mut key_path = path.to_vec();
                        key_path.push(key.get_ref().as_ref());
                        let message = unknown(noun, key.get_ref(), accepted);
                        self.errors.push(l.source.error(key.span(), Some(key_path.join(".")), message));
                    }
                }
            }
        }
    }

    /// Converts the topmost value at `path`; a conversion failure is reported at the value.
    /// Every option must be present at least in the built-in defaults.
    pub fn get<T>(&mut self, path: &[&str], convert: impl FnOnce(&DeValue<'i>) -> Result<T, String>) -> Option<T> {
        let result = match self.find(path) {
            Some(found) => convert(found.value.get_ref()).map_err(|message| found.error(path, message)),
            None => Err(self.missing(path)),
        };
        result.map_err(|error| self.errors.push(error)).ok()
    }

    /// A required option absent from every layer: only a broken `config.toml` can cause it.
    pub fn missing(&self, path: &[&str]) -> ConfigError {
        let source = self.layers.first().map_or(Source { name: "built-in defaults", text: "" }, |l| l.source);
        source.error(0..0, Some(path.join(".")), "missing from the built-in defaults")
    }
}

/// `unknown field "x" (expected one of: a, b, c)`.
pub(crate) fn unknown(noun: &str, key: &str, accepted: &[&str]) -> String {
    let hint = crate::suggest::did_you_mean(key, accepted);
    format!("unknown {noun} \"{key}\"{hint} (expected one of: {})", accepted.join(", "))
}

/// A value's type, and its text when short, for "expected …, found …" messages.
pub(crate) fn describe(value: &DeValue<'_>) -> String {
    let mut text = value.type_str().to_owned();
    match value {
        DeValue::String(s) => {
            let _ = write!(text, " {s:?}");
        }
        DeValue::Integer(i) => {
            let _ = write!(text, " {i}");
        }
        DeValue::Float(x) => {
            let _ = write!(text, " {x}");
        }
        DeValue::Boolean(b) => {
            let _ = write!(text, " {b}");
        }
        DeValue::Datetime(_) | DeValue::Array(_) | DeValue::Table(_) => {}
    }
    text
}

pub(crate) fn as_bool(value: &DeValue<'_>) -> Result<bool, String> {
    value.as_bool().ok_or_else(|| format!("expected true or false, found {}", describe(value)))
}

pub(crate) fn as_str<'v>(value: &'v DeValue<'_>, expected: &str) -> Result<&'v str, String> {
    value.as_str().ok_or_else(|| format!("expected {expected}, found {}", describe(value)))
}

/// An integer within `range`; `unit` says what it counts, for the message.
pub(crate) fn as_u16_in(value: &DeValue<'_>, range: std::ops::RangeInclusive<u16>, unit: &str) -> Result<u16, String> {
    let expected = format!("an integer from {} to {} ({unit})", range.start(), range.end());
    let integer = value.as_integer().ok_or_else(|| format!("expected {expected}, found {}", describe(value)))?;
    i128::from_str_radix(integer.as_str(), integer.radix())
        .ok()
        .and_then(|n| u16::try_from(n).ok())
        .filter(|n| range.contains(n))
        .ok_or_else(|| format!("{integer} is out of range: expected {expected}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layers(texts: &[&'static str]) -> Layers<'static> {
        Layers::new(
            texts.iter().map(|text| Layer::parse(Source { name: "t.toml", text }).expect("valid TOML")).collect(),
        )
    }

    #[test]
    fn upper_layers_override_key_by_key() {
        let mut l = layers(&["[a]\nx = 1\ny = 2\n", "[a]\ny = 3\n"]);
        assert_eq!(l.get(&["a", "x"], |v| as_u16_in(v, 0..=9, "n")), Some(1));
        assert_eq!(l.get(&["a", "y"], |v| as_u16_in(v, 0..=9, "n")), Some(3));
        assert!(l.into_errors().is_empty());
    }

    #[test]
    fn conversions_report_at_the_value() {
        let mut l = layers(&["[a]\nx = 1\n", "[a]\nx = 12\n"]);
        assert_eq!(l.get(&["a", "x"], |v| as_u16_in(v, 0..=9, "n")), None);
        assert_eq!(l.get(&["a", "z"], as_bool), None);
        let messages: Vec<_> = l.into_errors().iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "t.toml:1:1: a.z: missing from the built-in defaults",
                "t.toml:2:5: a.x: 12 is out of range: expected an integer from 0 to 9 (n)",
            ]
        );
    }

    #[test]
    fn every_layer_is_checked_for_unknown_keys() {
        let mut l = layers(&["[a]\nx = 1\n", "a = 5\n"]);
        l.check_table(&["a"], "field", &["y"]);
        let messages: Vec<_> = l.into_errors().iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "t.toml:1:5: a: expected a table, found integer 5",
                "t.toml:2:1: a.x: unknown field \"x\" (expected one of: y)",
            ]
        );
    }

    #[test]
    fn syntax_errors_have_positions() {
        let Err(errors) = Layer::parse(Source { name: "s.toml", text: "[a]\nx = = 1\n" }) else {
            panic!("should not parse");
        };
        assert_eq!(errors[0].line, 2);
        assert!(errors[0].message.starts_with("TOML syntax error: "), "{}", errors[0]);
    }
}
