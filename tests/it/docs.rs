//! The README and config.toml stay true: the key table is the live default keymap, and the two
//! commands that do everything are where the README starts.

use std::fmt::Write;

use newsdesk::config::Config;

const README: &str = include_str!("../../README.md");

/// The README's key table as the default keymap generates it.
fn key_table() -> String {
    let config = Config::default();
    let mut table = String::from("| scope | keys | action | what it does |\n|---|---|---|---|\n");
    table.push_str("| any | `ctrl-c` | | quit, whatever the bindings |\n");
    for (scope, action, keys) in config.keymap.bindings() {
        if keys.is_empty() {
            continue;
        }
        let keys = keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" ");
        let _ = writeln!(table, "| {scope} | {keys} | `{}` | {} |", action.name(), action.description());
    }
    table
}

#[test]
fn readme_key_table_is_the_default_keymap() {
    let table = key_table();
    assert!(README.contains(&table), "README.md must contain the key table exactly as generated:\n\n{table}");
}

#[test]
fn readme_starts_with_the_two_commands() {
    let run = README.find("cargo run --release").expect("README shows cargo run --release");
    let test = README.find("cargo test").expect("README shows cargo test");
    assert!(run < 600 && test < 700, "the two commands come first");
}

/// The README's configuration reference: the table under `## Configuration`.
fn config_reference() -> &'static str {
    let start = README.find("\n## Configuration").expect("a Configuration section");
    let rest = &README[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    &rest[..end]
}

/// The reference's row for `[section]`.
fn reference_row(section: &str) -> &'static str {
    let head = format!("| `[{section}]`");
    config_reference()
        .lines()
        .find(|line| line.starts_with(&head))
        .unwrap_or_else(|| panic!("no row for [{section}] in the README's configuration reference"))
}

#[test]
fn readme_config_reference_names_every_option_and_slot() {
    let defaults: toml::Table = newsdesk::config::DEFAULT_TOML.parse().expect("config.toml parses");
    for (section, value) in &defaults {
        let table = value.as_table().expect("top-level sections are tables");
        if section == "keys" {
            for scope in table.keys() {
                assert!(config_reference().contains(&format!("`[keys.{scope}]`")), "[keys.{scope}] undocumented");
            }
            continue;
        }
        for (key, value) in table {
            match value.as_table() {
                // A table of styles (theme.entities) has a row of its own.
                Some(inner) if !is_style(inner) => {
                    let row = reference_row(&format!("{section}.{key}"));
                    for inner in inner.keys() {
                        assert!(row.contains(&format!("`{inner}`")), "{section}.{key}.{inner} undocumented:\n{row}");
                    }
                }
                _ => {
                    let row = reference_row(section);
                    assert!(row.contains(&format!("`{key}`")), "{section}.{key} undocumented in the README:\n{row}");
                }
            }
        }
    }
    let library = reference_row("library");
    for sort in newsdesk::config::SortKey::ALL {
        assert!(library.contains(&format!("\"{sort}\"")), "sort key {sort:?} undocumented:\n{library}");
    }
}

/// Whether a theme table is a style (`{ fg = …, bold = … }`) rather than a table of styles.
fn is_style(table: &toml::Table) -> bool {
    const ATTRIBUTES: [&str; 7] = ["fg", "bg", "bold", "italic", "underline", "reversed", "dim"];
    table.keys().all(|k| ATTRIBUTES.contains(&k.as_str()))
}

#[test]
fn readme_points_nowhere_outside_the_repository() {
    for (n, line) in README.lines().enumerate() {
        assert!(!line.contains("../"), "README.md:{}: a path outside the repository: {line}", n + 1);
    }
}
