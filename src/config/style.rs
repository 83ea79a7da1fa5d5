//! One style table, `{ fg = "yellow", bg = "#202020", bold = true }`, read into a ratatui `Style`.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use toml::de::DeValue;

use super::error::ConfigError;
use super::layers::{Found, as_bool, describe, unknown};

pub(crate) const ATTRIBUTES: &[&str] = &["fg", "bg", "bold", "italic", "underline", "reversed", "dim"];

const MODIFIERS: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("italic", Modifier::ITALIC),
    ("underline", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("dim", Modifier::DIM),
];

/// The colour names, for suggestions.
const COLOUR_NAMES: &[&str] = &[
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark-gray",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
    "white",
    "reset",
    "default",
];
const COLOUR_FORMS: &str = "expected one of the names black, red, green, yellow, blue, magenta, \
     cyan, gray, dark-gray, light-red, light-green, light-yellow, light-blue, light-magenta, \
     light-cyan, white, reset or default; a hex colour \"#rrggbb\"; or a palette index 0-255";

/// Parses a colour with ratatui's own parser, which already ignores case, spaces, `-` and `_`
/// (so `light-blue`, `LightBlue` and `light_blue` all work); only the `default` alias is ours.
pub(crate) fn parse_colour(text: &str) -> Result<Color, String> {
    let trimmed = text.trim();
    let name = if trimmed.eq_ignore_ascii_case("default") { "reset" } else { trimmed };
    Color::from_str(name).map_err(|_| {
        let hint = crate::suggest::did_you_mean(trimmed, COLOUR_NAMES);
        format!("unknown colour {text:?}{hint} ({COLOUR_FORMS})")
    })
}

/// Reads the style table at `found` (whose TOML path is `path`), reporting every bad entry.
pub(crate) fn read_style(found: &Found<'_, '_>, path: &[&str]) -> Result<Style, Vec<ConfigError>> {
    let Some(table) = found.value.get_ref().as_table() else {
        let message = format!(
            "expected a style table such as {{ fg = \"yellow\", bold = true }}, found {}",
            describe(found.value.get_ref())
        );
        return Err(vec![found.error(path, message)]);
    };
    let mut style = Style::default();
    let mut errors = Vec::new();
    for (key, value) in table {
        let name: &str = key.get_ref();
        let mut attr_path = path.to_vec();
        attr_path.push(name);
        let result = match name {
            "fg" => colour(value.get_ref()).map(|c| style = style.fg(c)),
            "bg" => colour(value.get_ref()).map(|c| style = style.bg(c)),
            _ => {
                let Some(&(_, modifier)) = MODIFIERS.iter().find(|(n, _)| *n == name) else {
                    errors.push(found.error_at(key.span(), &attr_path, unknown("style attribute", name, ATTRIBUTES)));
                    continue;
                };
                as_bool(value.get_ref()).map(|on| {
                    if on {
                        style = style.add_modifier(modifier);
                    }
                })
            }
        };
        if let Err(message) = result {
            errors.push(found.error_at(value.span(), &attr_path, message));
        }
    }
    if errors.is_empty() { Ok(style) } else { Err(errors) }
}

fn colour(value: &DeValue<'_>) -> Result<Color, String> {
    match value.as_str() {
        Some(text) => parse_colour(text),
        None => Err(format!("expected a colour string such as \"red\" or \"#202020\", found {}", describe(value))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::named("red", Color::Red)]
    #[case::kebab("light-blue", Color::LightBlue)]
    #[case::joined("lightblue", Color::LightBlue)]
    #[case::camel("DarkGray", Color::DarkGray)]
    #[case::dark_grey_spelling("dark-grey", Color::DarkGray)]
    #[case::hex("#202020", Color::Rgb(0x20, 0x20, 0x20))]
    #[case::indexed("42", Color::Indexed(42))]
    #[case::reset("reset", Color::Reset)]
    #[case::default_alias("default", Color::Reset)]
    fn colours_parse_through_ratatui(#[case] text: &str, #[case] expected: Color) {
        assert_eq!(parse_colour(text), Ok(expected));
    }

    #[rstest]
    #[case::typo("purpel")]
    #[case::index_too_big("256")]
    #[case::short_hex("#fff")]
    fn bad_colours_list_the_accepted_forms(#[case] text: &str) {
        let message = parse_colour(text).expect_err("rejected");
        assert!(message.starts_with(&format!("unknown colour \"{text}\" (expected one of the names")), "{message}");
        assert!(message.contains("light-blue") && message.contains("#rrggbb") && message.contains("0-255"));
    }
}
