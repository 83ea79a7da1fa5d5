//! Markdown front matter: YAML between `---` lines or TOML between `+++` lines.

use yaml_rust2::{Yaml, YamlLoader};

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

/// Reads the known fields of front matter into `meta`; returns a warning when it cannot be parsed.
pub fn apply(kind: Kind, text: &str, meta: &mut Meta) -> Result<(), String> {
    let result = match kind {
        Kind::Yaml => apply_yaml(text, meta),
        Kind::Toml => apply_toml(text, meta),
    };
    // YAML and TOML escapes (`"\e]52;…"`, `"\u001b"`) decode only here, after the file's text
    // was cleaned: every value is cleaned again.
    meta.strip_sequences();
    result
}

fn apply_yaml(text: &str, meta: &mut Meta) -> Result<(), String> {
    let docs = YamlLoader::load_from_str(text).map_err(|e| format!("front matter is not valid YAML: {e}"))?;
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
        return Ok(());
    };
    for (key, value) in map {
        let Some(key) = key.as_str() else { continue };
        if key == "tags" || key == "keywords" {
            meta.tags = match value {
                Yaml::Array(items) => items.iter().filter_map(yaml_scalar).collect(),
                other => yaml_scalar(&other).map(|s| split_tags(&s)).unwrap_or_default(),
            };
        } else if let Some(v) = yaml_scalar(&value) {
            set_field(meta, key, &v);
        }
    }
    Ok(())
}

fn yaml_scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn apply_toml(text: &str, meta: &mut Meta) -> Result<(), String> {
    let table: toml::Table =
        toml::from_str(text).map_err(|e| format!("front matter is not valid TOML: {}", e.message()))?;
    for (key, value) in table {
        if key == "tags" || key == "keywords" {
            meta.tags = match value {
                toml::Value::Array(items) => items.iter().filter_map(toml_scalar).collect(),
                other => toml_scalar(&other).map(|s| split_tags(&s)).unwrap_or_default(),
            };
        } else if let Some(v) = toml_scalar(&value) {
            set_field(meta, &key, &v);
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

fn set_field(meta: &mut Meta, key: &str, value: &str) {
    let value = value.trim().to_string();
    if value.is_empty() {
        return;
    }
    match key {
        "title" => meta.title = value,
        "author" | "authors" | "byline" => meta.author = Some(value),
        "date" | "published" => meta.date = Some(value),
        "source" | "publication" | "publisher" => meta.source = Some(value),
        "url" | "link" => meta.url = Some(value),
        _ => {}
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
