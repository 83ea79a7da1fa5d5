//! Markdown front matter: YAML between `---` lines or TOML between `+++` lines.

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

use super::meta::Meta;

/// Front matter found at the top of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Yaml,
    Toml,
}

/// Splits `raw` into its front matter (kind and text) and the byte offset where the body starts.
/// Without front matter (or without its closing fence) the whole text is body.
pub fn split(raw: &str) -> (Option<(Kind, &str)>, usize) {
    let (kind, fence) = if raw.starts_with("---") {
        (Kind::Yaml, "---")
    } else if raw.starts_with("+++") {
        (Kind::Toml, "+++")
    } else {
        return (None, 0);
    };
    let Some(first_end) = raw.find('\n') else {
        return (None, 0);
    };
    if raw[..first_end].trim_end() != fence {
        return (None, 0);
    }
    let mut at = first_end + 1;
    while at <= raw.len() {
        let end = raw[at..].find('\n').map_or(raw.len(), |i| at + i);
        let line = raw[at..end].trim_end();
        if line == fence || (kind == Kind::Yaml && line == "...") {
            let body = (end + 1).min(raw.len());
            return (Some((kind, &raw[first_end + 1..at])), body);
        }
        at = end + 1;
    }
    (None, 0)
}

/// Front matter larger than this is not read (a warning says so): it is untrusted input, and
/// no real article needs more.
const MAX_FRONT_MATTER: usize = 64 * 1024;

/// Reads the known fields of front matter into `meta`; returns a warning when it cannot be
/// parsed, is too large, or gives a used field through a YAML alias.
pub fn apply(kind: Kind, text: &str, meta: &mut Meta) -> Result<(), String> {
    if text.len() > MAX_FRONT_MATTER {
        return Err(format!(
            "front matter is larger than {} KiB ({} bytes) and was not read",
            MAX_FRONT_MATTER / 1024,
            text.len()
        ));
    }
    let result = match kind {
        Kind::Yaml => apply_yaml(text, meta),
        Kind::Toml => apply_toml(text, meta),
    };
    // YAML and TOML escapes (`"\e]52;…"`, `"\u001b"`) decode only here, after the file's text
    // was cleaned: every value is cleaned again.
    meta.strip_sequences();
    result
}

/// The metadata fields newsdesk reads, by their front matter keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Author,
    Date,
    Source,
    Url,
    Tags,
}

impl Field {
    fn of(key: &str) -> Option<Self> {
        Some(match key {
            "title" => Self::Title,
            "author" | "authors" | "byline" => Self::Author,
            "date" | "published" => Self::Date,
            "source" | "publication" | "publisher" => Self::Source,
            "url" | "link" => Self::Url,
            "tags" | "keywords" => Self::Tags,
            _ => return None,
        })
    }

    /// Sets the field from its scalar value, or from a list of them.
    fn set(self, meta: &mut Meta, values: Vec<String>, listed: bool) {
        if self == Self::Tags {
            meta.tags = if listed {
                values.into_iter().map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect()
            } else {
                values.first().map(|v| split_tags(v)).unwrap_or_default()
            };
            return;
        }
        let value = values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).collect::<Vec<_>>().join(", ");
        if value.is_empty() {
            return;
        }
        match self {
            Self::Title => meta.title = value,
            Self::Author => meta.author = Some(value),
            Self::Date => meta.date = Some(value),
            Self::Source => meta.source = Some(value),
            Self::Url => meta.url = Some(value),
            Self::Tags => {}
        }
    }
}

/// YAML read as a stream of events, keeping only the top-level fields newsdesk uses: nothing
/// else is built, and an alias (`*name`) is never expanded, so a few hundred bytes of nested
/// aliases cannot grow into gigabytes. A used field given by an alias is left out with a warning.
fn apply_yaml(text: &str, meta: &mut Meta) -> Result<(), String> {
    let mut events = YamlEvents(Parser::new_from_str(text));
    loop {
        match events.0.next_token().map_err(|e| format!("front matter is not valid YAML: {e}"))?.0 {
            Event::MappingStart(..) => break,
            Event::StreamStart | Event::DocumentStart | Event::Nothing => {}
            // A document that is not a mapping has no fields.
            _ => return Ok(()),
        }
    }
    let mut aliased = Vec::new();
    loop {
        let key = match events.next()? {
            Event::MappingEnd => break,
            Event::Scalar(key, ..) => Some(key),
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                events.skip_nested()?;
                None
            }
            _ => None,
        };
        let field = key.as_deref().and_then(Field::of);
        match (field, events.next()?) {
            (Some(field), Event::Scalar(value, style, ..)) if !is_null(&value, style) => {
                field.set(meta, vec![value], false);
            }
            (Some(field), Event::SequenceStart(..)) => {
                let (values, alias) = events.scalar_items()?;
                if alias {
                    aliased.extend(key);
                } else {
                    field.set(meta, values, true);
                }
            }
            (Some(_), Event::Alias(_)) => aliased.extend(key),
            (_, Event::SequenceStart(..) | Event::MappingStart(..)) => events.skip_nested()?,
            _ => {}
        }
    }
    if aliased.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "front matter gives {} through a YAML alias (*name); aliases are not followed, so it was left out",
            aliased.join(", ")
        ))
    }
}

/// The events of a YAML parser, with its errors as warnings.
struct YamlEvents<'a>(Parser<std::str::Chars<'a>>);

impl YamlEvents<'_> {
    fn next(&mut self) -> Result<Event, String> {
        match self.0.next_token() {
            Ok((Event::StreamEnd, _)) => Err("front matter is not valid YAML: it ends inside a value".to_string()),
            Ok((event, _)) => Ok(event),
            Err(e) => Err(format!("front matter is not valid YAML: {e}")),
        }
    }

    /// Skips the rest of a sequence or mapping whose start was just read.
    fn skip_nested(&mut self) -> Result<(), String> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.next()? {
                Event::SequenceStart(..) | Event::MappingStart(..) => depth += 1,
                Event::SequenceEnd | Event::MappingEnd => depth -= 1,
                _ => {}
            }
        }
        Ok(())
    }

    /// The scalar items of a sequence whose start was just read (nested ones skipped), and
    /// whether an item was an alias.
    fn scalar_items(&mut self) -> Result<(Vec<String>, bool), String> {
        let mut items = Vec::new();
        let mut alias = false;
        loop {
            match self.next()? {
                Event::SequenceEnd => return Ok((items, alias)),
                Event::Scalar(value, style, ..) if !is_null(&value, style) => items.push(value),
                Event::Alias(_) => alias = true,
                Event::SequenceStart(..) | Event::MappingStart(..) => self.skip_nested()?,
                _ => {}
            }
        }
    }
}

/// Whether a scalar is YAML's null (`~`, `null`, or nothing), which sets no field.
fn is_null(value: &str, style: TScalarStyle) -> bool {
    style == TScalarStyle::Plain && matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

/// TOML has no aliases: bounded in size, it is parsed whole, and only the used fields are read.
fn apply_toml(text: &str, meta: &mut Meta) -> Result<(), String> {
    let table: toml::Table =
        toml::from_str(text).map_err(|e| format!("front matter is not valid TOML: {}", e.message()))?;
    for (key, value) in table {
        let Some(field) = Field::of(&key) else { continue };
        match value {
            toml::Value::Array(items) => field.set(meta, items.iter().filter_map(toml_scalar).collect(), true),
            other => field.set(meta, toml_scalar(&other).into_iter().collect(), false),
        }
    }
    Ok(())
}

fn toml_scalar(value: &toml::Value) -> Option<String> {
    match value {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn split_tags(s: &str) -> Vec<String> {
    s.split(',').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter() {
        let raw = "---\ntitle: Rivers Rise\nauthor: Ana Ruiz\ndate: 2024-03-09\ntags: [floods, cities]\n---\n# Body\n";
        let (fm, body) = split(raw);
        let (kind, text) = fm.expect("front matter");
        assert_eq!(kind, Kind::Yaml);
        assert_eq!(&raw[body..], "# Body\n");
        let mut meta = Meta::default();
        apply(kind, text, &mut meta).expect("valid");
        assert_eq!(meta.title, "Rivers Rise");
        assert_eq!(meta.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(meta.date.as_deref(), Some("2024-03-09"));
        assert_eq!(meta.tags, ["floods", "cities"]);
    }

    #[test]
    fn toml_front_matter() {
        let raw = "+++\ntitle = \"Rates\"\ndate = 2025-01-02\nsource = \"Desk\"\ntags = \"a, b\"\n+++\nBody";
        let (fm, body) = split(raw);
        let (kind, text) = fm.expect("front matter");
        let mut meta = Meta::default();
        apply(kind, text, &mut meta).expect("valid");
        assert_eq!(meta.title, "Rates");
        assert_eq!(meta.date.as_deref(), Some("2025-01-02"));
        assert_eq!(meta.source.as_deref(), Some("Desk"));
        assert_eq!(meta.tags, ["a", "b"]);
        assert_eq!(&raw[body..], "Body");
    }

    #[test]
    fn unclosed_or_absent_front_matter_is_body() {
        assert_eq!(split("---\ntitle: x\nno end"), (None, 0));
        assert_eq!(split("# Title\n"), (None, 0));
        assert_eq!(split("----\nx\n----\n"), (None, 0));
    }

    #[test]
    fn broken_front_matter_is_a_warning() {
        let mut meta = Meta::default();
        let err = apply(Kind::Yaml, "title: [unclosed\n", &mut meta).expect_err("invalid");
        assert!(err.contains("not valid YAML"), "{err}");
        let err = apply(Kind::Toml, "title = \n", &mut meta).expect_err("invalid");
        assert!(err.contains("not valid TOML"), "{err}");
    }
}

#[cfg(test)]
mod hostile {
    use super::*;
    use std::fmt::Write;

    /// YAML whose `tags` alias expands to 9^`levels` strings: the "billion laughs" of YAML.
    pub fn alias_bomb(levels: u8) -> String {
        let mut yaml = String::from(
            "title: Bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for level in 1..levels {
            let (name, prev) = (char::from(b'a' + level), char::from(b'a' + level - 1));
            let items = vec![format!("*{prev}"); 9].join(",");
            let _ = writeln!(yaml, "{name}: &{name} [{items}]");
        }
        let _ = writeln!(yaml, "tags: *{}", char::from(b'a' + levels - 1));
        yaml
    }

    #[test]
    fn an_alias_is_not_followed_and_says_so() {
        let mut meta = Meta::default();
        let err = apply(Kind::Yaml, &alias_bomb(4), &mut meta).expect_err("a warning");
        assert!(err.contains("alias") && err.contains("tags"), "{err}");
        assert!(meta.tags.is_empty(), "{} tags", meta.tags.len());
        assert_eq!(meta.title, "Bomb", "the other fields are read");
    }

    #[test]
    fn the_344_byte_bomb_is_read_at_once() {
        let bomb = alias_bomb(8);
        assert!(bomb.len() < 400, "{} bytes", bomb.len());
        let mut meta = Meta::default();
        assert!(apply(Kind::Yaml, &bomb, &mut meta).is_err());
        assert!(meta.tags.is_empty());
    }

    #[test]
    fn unused_fields_are_not_read() {
        // Aliases, nesting and odd keys outside the fields newsdesk uses cost nothing and say nothing.
        let yaml = "base: &b {x: 1}\nother: *b\n<<: *b\n? [complex, key]\n: value\ndeep: [[[[[[1]]]]]]\nauthor: Ana\n";
        let mut meta = Meta::default();
        apply(Kind::Yaml, yaml, &mut meta).expect("valid");
        assert_eq!(meta.author.as_deref(), Some("Ana"));
    }

    #[test]
    fn oversized_front_matter_is_not_read() {
        for (kind, line) in [(Kind::Yaml, "k: v\n"), (Kind::Toml, "k = 'v'\n")] {
            let text = format!("{}{}", line.repeat(MAX_FRONT_MATTER / line.len() + 1), line.replace('k', "title"));
            let mut meta = Meta::default();
            let err = apply(kind, &text, &mut meta).expect_err("too large");
            assert!(err.contains("64 KiB"), "{err}");
            assert_eq!(meta.title, "");
        }
    }

    #[test]
    fn deep_nesting_within_the_bound_does_not_overflow_the_stack() {
        let depth = MAX_FRONT_MATTER / 2 - 16;
        let yaml = format!("title: Deep\nx: {}{}\n", "[".repeat(depth), "]".repeat(depth));
        let toml = format!("title = 'Deep'\nx = {}{}\n", "[".repeat(depth), "]".repeat(depth));
        // A thread with the stack the background loaders get (std's default for spawned threads).
        std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || {
                let mut meta = Meta::default();
                let err = apply(Kind::Yaml, &yaml, &mut meta).expect_err("too deep");
                assert!(err.contains("recursion limit"), "{err}");
                assert_eq!(meta.title, "Deep", "the fields before the error are read");
                let err = apply(Kind::Toml, &toml, &mut Meta::default()).expect_err("too deep");
                assert!(err.contains("recursion"), "{err}");
            })
            .expect("spawn")
            .join()
            .expect("no stack overflow");
    }

    #[test]
    fn list_valued_authors_are_joined() {
        let mut meta = Meta::default();
        apply(Kind::Yaml, "authors: [Ana Ruiz, Li Wei]\n", &mut meta).expect("valid");
        assert_eq!(meta.author.as_deref(), Some("Ana Ruiz, Li Wei"));
        apply(Kind::Toml, "authors = ['Ana Ruiz', 'Li Wei']\n", &mut meta).expect("valid");
        assert_eq!(meta.author.as_deref(), Some("Ana Ruiz, Li Wei"));
    }

    #[test]
    fn empty_or_scalar_front_matter_has_no_fields() {
        for yaml in ["", "\n", "# only a comment\n", "just text\n", "- a list\n"] {
            let mut meta = Meta::default();
            assert_eq!(apply(Kind::Yaml, yaml, &mut meta), Ok(()), "{yaml:?}");
            assert_eq!(meta, Meta::default());
        }
    }

    #[test]
    fn yaml_nulls_and_types_read_as_before() {
        let mut meta = Meta::default();
        apply(Kind::Yaml, "title: ~\nauthor: null\ndate: 2024-03-09\nsource: 12\nurl: 'https://x.org'\n", &mut meta)
            .expect("valid");
        assert_eq!(meta.title, "");
        assert_eq!(meta.author, None);
        assert_eq!(meta.date.as_deref(), Some("2024-03-09"));
        assert_eq!(meta.source.as_deref(), Some("12"));
        assert_eq!(meta.url.as_deref(), Some("https://x.org"));
    }
}
