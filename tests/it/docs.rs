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
