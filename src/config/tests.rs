//! Tests of the whole config: defaults, overrides, `NO_COLOR`, and one fixture per error kind.

use super::*;
use crate::action::Action;
use crate::keymap::{KeyChord, Scope};
use crate::text::entities::EntityKind;
use crate::text::segments::Mark;
use ratatui::style::{Color, Modifier, Style};
use rstest::rstest;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn user(text: &str) -> Config {
    Config::from_toml(text, "user.toml", false).unwrap_or_else(|e| panic!("{e}"))
}

fn key(text: &str) -> KeyChord {
    text.parse().unwrap_or_else(|e| panic!("{e}"))
}

const KEY_NOTATION_HINT: &str = "(expected a single character such as j, G or ?, or one of enter, \
    esc, tab, backspace, delete, insert, space, up, down, left, right, home, end, pageup, \
    pagedown, f1 to f12, optionally prefixed by ctrl-, alt- or shift- as in ctrl-d, shift-tab, \
    alt-enter)";

const COLOUR_HINT: &str = "(expected one of the names black, red, green, yellow, blue, magenta, \
    cyan, gray, dark-gray, light-red, light-green, light-yellow, light-blue, light-magenta, \
    light-cyan, white, reset or default; a hex colour \"#rrggbb\"; or a palette index 0-255)";

#[rstest]
#[case::syntax_error("syntax_error.toml", "3:13: TOML syntax error: extra `=`, expected nothing")]
#[case::unknown_section(
    "unknown_section.toml",
    "2:2: colors: unknown section \"colors\" (expected one of: library, reader, ui, entities, theme, keys)"
)]
#[case::unknown_field(
    "unknown_field.toml",
    "3:1: reader.max_widht: unknown field \"max_widht\": did you mean \"max_width\"? (expected one of: max_width, scroll_lines, scrollbar)"
)]
#[case::wrong_type(
    "wrong_type.toml",
    "3:13: reader.max_width: expected an integer from 20 to 65535 (terminal cells), found string \"wide\""
)]
#[case::out_of_range(
    "out_of_range.toml",
    "3:13: reader.max_width: 5 is out of range: expected an integer from 20 to 65535 (terminal cells)"
)]
#[case::bad_colour("bad_colour.toml", &format!("3:16: theme.title.fg: unknown colour \"purpel\" {COLOUR_HINT}"))]
#[case::unknown_style_attribute(
    "unknown_style_attribute.toml",
    "3:11: theme.title.colour: unknown style attribute \"colour\" \
     (expected one of: fg, bg, bold, italic, underline, reversed, dim)"
)]
#[case::unknown_theme_slot(
    "unknown_theme_slot.toml",
    "3:1: theme.titel: unknown theme slot \"titel\": did you mean \"title\"? (expected one of: text, title, meta, heading, \
     heading1, heading2, emphasis, strong, code, code_block, quote, link, link_url, rule, \
     list_marker, border, border_focused, pane_title, list_item, list_selected, \
     list_selected_unfocused, list_meta, list_unread, list_filter_match, warning, status, status_focus, status_message, error, \
     help_key, help_description, search_match, current_match, scrollbar, entities)"
)]
#[case::unknown_scope(
    "unknown_scope.toml",
    "2:7: keys.editor: unknown key scope \"editor\" (expected one of: global, list, reader, prompt, panel, help)"
)]
#[case::unknown_action(
    "unknown_action.toml",
    "3:1: keys.list.jump: unknown action \"jump\" (expected one of: quit, help, toggle-focus, \
     move-up, move-down, page-up, page-down, half-page-up, half-page-down, top, bottom, open, \
     back, next-article, prev-article, cycle-sort, filter, clear-filter, narrow-folder, toggle-read, \
     edit, search, next-match, prev-match, clear-search, toggle-entities, entity-legend, entity-panel, \
     accept, cancel, toggle-regex, history-prev, history-next, \
     delete-back, delete-forward, delete-word, delete-to-start, cursor-left, cursor-right, \
     cursor-start, cursor-end, jump-to-entity, filter-by-entity, close-panel, close-help)"
)]
#[case::bad_key(
    "bad_key.toml",
    &format!("3:14: keys.list.open: invalid key \"ctrl-entr\": unknown key name {KEY_NOTATION_HINT}")
)]
#[case::key_conflict(
    "key_conflict.toml",
    "3:8: keys.list.open: key \"j\" is already bound to move-down by default in [keys.list]; one key \
     can trigger only one action per scope (bind move-down to another key or \"none\", or pick another key)"
)]
#[case::unknown_sort_key(
    "unknown_sort_key.toml",
    "3:8: library.sort: unknown sort key \"name\" (expected one of: date, title, path, length, last-read)"
)]
#[case::unknown_marker(
    "unknown_marker.toml",
    "3:10: entities.marker: unknown marker \"tags\" (expected one of: auto, none, modifiers)"
)]
#[case::unknown_watch_field(
    "unknown_watch_field.toml",
    "6:1: entities.watch[0].regexp: unknown watch-list field \"regexp\": did you mean \"regex\"? (expected one of: name, style, terms, regex)"
)]
#[case::missing_watch_field(
    "missing_watch_field.toml",
    "2:1: entities.watch[0]: missing field \"terms\" (a watch-list needs name, style and terms)"
)]
#[case::bad_watch_style(
    "bad_watch_style.toml",
    &format!("4:16: entities.watch[0].style.fg: unknown colour \"crimson\" {COLOUR_HINT}")
)]
#[case::empty_watch_terms(
    "empty_watch_terms.toml",
    "5:9: entities.watch[0].terms: a watch-list needs at least one term"
)]
#[case::invalid_watch_regex(
    "invalid_watch_regex.toml",
    "5:26: entities.watch[0].terms[1]: invalid regex \"M/?V (Akademik\": unclosed group"
)]
#[case::duplicate_watch_name(
    "duplicate_watch_name.toml",
    "8:8: entities.watch[1].name: watch-list name \"sanctions\" is already used on line 3; names must be unique"
)]
fn each_invalid_fixture_reports_its_problem(#[case] name: &str, #[case] expected: &str) {
    let errors = Config::from_toml(&fixture(name), name, false).expect_err("fixture is invalid");
    assert_eq!(errors.to_string(), format!("{name}:{expected}"));
}

#[test]
fn every_problem_is_reported_at_once_in_file_order() {
    let name = "many_problems.toml";
    let errors = Config::from_toml(&fixture(name), name, false).expect_err("fixture is invalid");
    let expected = [
        "3:8: library.sort: unknown sort key \"newest\" (expected one of: date, title, path, length, last-read)"
            .to_owned(),
        "6:13: reader.max_width: 5 is out of range: expected an integer from 20 to 65535 (terminal cells)".into(),
        "7:13: reader.scrollbar: expected true or false, found string \"yes\"".into(),
        "10:1: ui.list_widht: unknown field \"list_widht\": did you mean \"list_width\"? (expected one of: list_width, mouse, key_hints)".into(),
        format!("13:16: theme.title.fg: unknown colour \"purpel\" {COLOUR_HINT}"),
        "13:26: theme.title.blink: unknown style attribute \"blink\" \
         (expected one of: fg, bg, bold, italic, underline, reversed, dim)"
            .into(),
        format!("16:8: keys.list.open: invalid key \"ctrl-entr\": unknown key name {KEY_NOTATION_HINT}"),
        "17:7: keys.list.top: key \"j\" is already bound to move-down by default in [keys.list]; one key \
         can trigger only one action per scope (bind move-down to another key or \"none\", or pick another key)"
            .into(),
    ];
    let expected: Vec<_> = expected.iter().map(|line| format!("{name}:{line}")).collect();
    assert_eq!(errors.to_string(), expected.join("\n"));
    assert_eq!(errors.0.len(), expected.len());
}

#[test]
fn fixtures_cover_every_file_in_the_folder() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // Each one must be invalid: a fixture that parses would test nothing.
    for name in &names {
        assert!(Config::from_toml(&fixture(name), name, false).is_err(), "{name} should be invalid");
    }
    assert_eq!(names.len(), 21);
}

#[test]
fn the_shipped_config_toml_is_the_compiled_in_default() {
    let shipped = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml"))
        .expect("config.toml at the repository root");
    assert_eq!(shipped, DEFAULT_TOML);
    assert_eq!(Config::from_toml(&shipped, "config.toml", false), Ok(Config::default()));
}

#[test]
fn defaults_have_the_documented_values() {
    let config = Config::default();
    assert_eq!(config.library, LibraryConfig { path: "articles".into(), sort: SortKey::Date });
    assert_eq!(config.reader, ReaderConfig { max_width: 80, scroll_lines: 3, scrollbar: true });
    assert_eq!(config.ui, UiConfig { list_width: 34, mouse: true, key_hints: true });
    assert_eq!(config.theme.list_selected, Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD));
    assert_eq!(
        config.theme.current_match,
        Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD)
    );
    assert_eq!(config.theme.entity("person"), Style::new().fg(Color::Indexed(172)).add_modifier(Modifier::BOLD));
}

#[test]
fn an_empty_file_means_the_defaults() {
    assert_eq!(user(""), Config::default());
    assert_eq!(user("# only a comment\n[keys]\n[theme.entities]\n"), Config::default());
}

#[rstest]
#[case::global_quit(Scope::List, "q", Some(Action::Quit))]
#[case::global_help_in_reader(Scope::Reader, "?", Some(Action::Help))]
#[case::toggle_focus(Scope::Reader, "tab", Some(Action::ToggleFocus))]
#[case::list_down(Scope::List, "j", Some(Action::MoveDown))]
#[case::list_open(Scope::List, "enter", Some(Action::Open))]
#[case::list_bottom(Scope::List, "G", Some(Action::Bottom))]
#[case::list_half_page(Scope::List, "ctrl-d", Some(Action::HalfPageDown))]
#[case::list_page(Scope::List, "space", Some(Action::PageDown))]
#[case::reader_back(Scope::Reader, "esc", Some(Action::Back))]
#[case::reader_next(Scope::Reader, "]", Some(Action::NextArticle))]
#[case::reader_prev(Scope::Reader, "[", Some(Action::PrevArticle))]
#[case::no_back_in_list(Scope::List, "h", None)]
#[case::ctrl_c_is_not_in_the_keymap(Scope::List, "ctrl-c", None)]
#[case::filter_from_the_list(Scope::List, "/", Some(Action::Filter))]
#[case::search_from_the_reader(Scope::Reader, "/", Some(Action::Search))]
#[case::clear_filter_with_esc(Scope::List, "esc", Some(Action::ClearFilter))]
#[case::mark_read(Scope::List, "m", Some(Action::ToggleRead))]
#[case::filter_by_entity(Scope::Panel, "f", Some(Action::FilterByEntity))]
#[case::next_match(Scope::Reader, "n", Some(Action::NextMatch))]
#[case::prev_match(Scope::Reader, "N", Some(Action::PrevMatch))]
#[case::prompt_accept(Scope::Prompt, "enter", Some(Action::Accept))]
#[case::prompt_regex(Scope::Prompt, "ctrl-r", Some(Action::ToggleRegex))]
#[case::prompt_has_no_global_fallback(Scope::Prompt, "q", None)]
fn default_bindings(#[case] scope: Scope, #[case] text: &str, #[case] expected: Option<Action>) {
    assert_eq!(Config::default().keymap.lookup(scope, &key(text)), expected);
}

#[test]
fn options_override_key_by_key() {
    let config = user("[reader]\nmax_width = 100\n[library]\nsort = \"title\"\n");
    let defaults = Config::default();
    assert_eq!(config.reader, ReaderConfig { max_width: 100, ..defaults.reader });
    assert_eq!(config.library, LibraryConfig { sort: SortKey::Title, ..defaults.library });
    assert_eq!(config.ui, defaults.ui);
}

#[test]
fn a_theme_slot_is_replaced_whole_and_alone() {
    let config = user("[theme]\ntitle = { fg = \"red\" }\nentities.money = { bg = \"#202020\" }\n");
    let defaults = Config::default();
    // No bold inherited from the default title style.
    assert_eq!(config.theme.title, Style::new().fg(Color::Red));
    assert_eq!(config.theme.entities.money, Style::new().bg(Color::Rgb(0x20, 0x20, 0x20)));
    assert_eq!(config.theme.meta, defaults.theme.meta);
    assert_eq!(config.theme.entities.person, defaults.theme.entities.person);
}

#[test]
fn bindings_override_one_action_in_one_scope() {
    let keymap = user("[keys.list]\nopen = [\"o\"]\n").keymap;
    assert_eq!(keymap.scope_keys(Scope::List, Action::Open), &[key("o")]);
    assert_eq!(keymap.lookup(Scope::List, &key("enter")), None);
    // The same action in another scope, and other actions, keep their defaults.
    assert_eq!(keymap.lookup(Scope::List, &key("j")), Some(Action::MoveDown));
    assert_eq!(keymap.lookup(Scope::Reader, &key("]")), Some(Action::NextArticle));
}

#[rstest]
#[case::none_string("[keys.reader]\nback = \"none\"\n", Scope::Reader, Action::Back, "esc")]
#[case::none_any_case("[keys.reader]\nback = \"None\"\n", Scope::Reader, Action::Back, "h")]
#[case::empty_list("[keys.list]\ntop = []\n", Scope::List, Action::Top, "g")]
#[case::global("[keys.global]\nhelp = \"none\"\n", Scope::Global, Action::Help, "?")]
fn none_unbinds_the_defaults(#[case] text: &str, #[case] scope: Scope, #[case] action: Action, #[case] freed: &str) {
    let keymap = user(text).keymap;
    assert!(keymap.scope_keys(scope, action).is_empty());
    assert_eq!(keymap.lookup(scope, &key(freed)), None);
}

#[test]
fn an_unbound_key_can_be_rebound_to_another_action() {
    let keymap = user("[keys.list]\nmove-down = \"down\"\nopen = [\"enter\", \"j\"]\n").keymap;
    assert_eq!(keymap.lookup(Scope::List, &key("j")), Some(Action::Open));
}

#[rstest]
#[case::none_mixed_with_keys("[keys.list]\nopen = [\"o\", \"none\"]\n", "3:14: keys.list.open: \"none\" unbinds")]
#[case::ctrl_c_reserved("[keys.global]\nquit = \"ctrl-c\"\n", "3:8: keys.global.quit: ctrl-c is reserved")]
#[case::not_a_key_list("[keys.list]\nopen = 5\n", "3:8: keys.list.open: expected a key string or an array")]
#[case::scope_not_a_table("[keys]\nlist = \"j\"\n", "3:8: keys.list: expected a table, found string \"j\"")]
#[case::section_not_a_table("reader = 5\n", "2:10: reader: expected a table, found integer 5")]
#[case::style_not_a_table("[theme]\ntitle = \"red\"\n", "3:9: theme.title: expected a style table")]
#[case::colour_not_a_string("[theme]\ntitle = { fg = 1 }\n", "3:16: theme.title.fg: expected a colour string")]
#[case::empty_path("[library]\npath = \"\"\n", "3:8: library.path: expected a folder path, found an empty string")]
#[case::unknown_entity_kind("[theme.entities]\nanimal = {}\n", "3:1: theme.entities.animal: unknown entity kind")]
#[case::watch_not_an_array(
    "[entities]\nwatch = \"sanctions\"\n",
    "3:9: entities.watch: expected watch-lists written as [[entities.watch]] tables, found string"
)]
#[case::watch_entry_not_a_table("[entities]\nwatch = [1]\n", "3:10: entities.watch[0]: expected a watch-list table")]
#[case::watch_name_empty(
    "[[entities.watch]]\nname = \" \"\nstyle = {}\nterms = [\"x\"]\n",
    "3:8: entities.watch[0].name: expected a non-empty name"
)]
#[case::watch_term_not_a_string(
    "[[entities.watch]]\nname = \"n\"\nstyle = {}\nterms = [\"x\", 5]\n",
    "5:15: entities.watch[0].terms: expected an array of strings"
)]
#[case::watch_term_empty(
    "[[entities.watch]]\nname = \"n\"\nstyle = {}\nterms = [\"x\", \"\"]\n",
    "5:15: entities.watch[0].terms[1]: an empty term would match nothing"
)]
#[case::watch_regex_matches_empty(
    "[[entities.watch]]\nname = \"n\"\nstyle = {}\nterms = [\"a*\"]\nregex = true\n",
    "5:10: entities.watch[0].terms[0]: the regex \"a*\" matches empty text"
)]
#[case::watch_regex_not_a_bool(
    "[[entities.watch]]\nname = \"n\"\nstyle = {}\nterms = [\"x\"]\nregex = \"yes\"\n",
    "6:9: entities.watch[0].regex: expected true or false"
)]
#[case::user_conflict_in_one_file(
    "[keys.reader]\ntop = \"x\"\nbottom = \"x\"\n",
    "4:10: keys.reader.bottom: key \"x\" is already bound to top in [keys.reader]"
)]
fn other_mistakes_are_reported_where_they_are(#[case] body: &str, #[case] expected_start: &str) {
    // A leading comment line keeps the expected line numbers the same as in the fixtures.
    let text = format!("# test\n{body}");
    let message = Config::from_toml(&text, "t.toml", false).expect_err("invalid").to_string();
    assert!(message.starts_with(&format!("t.toml:{expected_start}")), "{message}");
}

#[test]
fn watch_lists_are_read_in_order_with_their_styles() {
    let config = user(
        "[entities]\nhighlight = false\nmarker = \"modifiers\"\n\n[[entities.watch]]\nname = \"sanctions\"\n\
         style = { fg = \"black\", bg = \"light-red\" }\nterms = [\"Lazarus Group\", \"SWIFT\"]\n\n\
         [[entities.watch]]\nname = \"ships\"\nstyle = { underline = true }\nterms = ['\\d+ tankers?']\nregex = true\n",
    );
    let e = &config.entities;
    assert_eq!((e.highlight, e.marker), (false, Marker::Modifiers));
    let lists: Vec<_> = e.watch.iter().map(|w| (w.name.as_str(), w.terms.len(), w.regex)).collect();
    assert_eq!(lists, [("sanctions", 2, false), ("ships", 1, true)]);
    assert_eq!(e.watch[1].find_in("3 tankers and 1 tanker", 0..22), [0..9, 14..22]);
    let sanctions = Style::new().fg(Color::Black).bg(Color::LightRed).add_modifier(WATCH_MODIFIER);
    assert_eq!(config.theme.mark(Mark::Watch(0)), sanctions);
}

#[test]
fn defaults_highlight_with_no_watch_lists_and_an_auto_marker() {
    let config = Config::default();
    assert_eq!(config.entities, EntitiesConfig { highlight: true, marker: Marker::Auto, watch: vec![] });
    let person = Style::new().fg(Color::Indexed(172)).add_modifier(Modifier::BOLD);
    assert_eq!(config.theme.mark(Mark::Entity(EntityKind::Person)), person, "colours alone by default");
    let plain = Config::from_toml("", "t.toml", true).expect("valid");
    assert_eq!(
        plain.theme.mark(Mark::Entity(EntityKind::Person)),
        Style::new().remove_modifier(Modifier::all()).add_modifier(kind_modifier(EntityKind::Person)),
        "NO_COLOR turns the auto marker into modifiers, the kind's own mix"
    );
}

#[test]
fn no_color_drops_colours_and_keeps_modifiers() {
    let config =
        Config::from_toml("[theme]\ntext = { fg = \"#ff0000\", italic = true }\n", "t.toml", true).expect("valid");
    let theme = &config.theme;
    let all = Theme::SLOTS.iter().filter_map(|s| theme.get(s));
    let entities = EntityStyles::SLOTS.iter().filter_map(|s| theme.entities.get(s));
    for style in all.chain(entities) {
        assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
    }
    assert_eq!(theme.text, Style::new().add_modifier(Modifier::ITALIC));
    assert_eq!(theme.title, Style::new().add_modifier(Modifier::BOLD));
    assert!(theme.list_selected.add_modifier.contains(Modifier::REVERSED));
    assert!(theme.current_match.add_modifier.contains(Modifier::REVERSED | Modifier::BOLD));
    assert!(theme.search_match.add_modifier.contains(Modifier::UNDERLINED));
    let watched =
        Config::from_toml("[[entities.watch]]\nname = \"n\"\nstyle = { fg = \"red\" }\nterms = [\"x\"]\n", "t", true);
    let watched = watched.expect("valid");
    assert_eq!(
        watched.theme.mark(Mark::Watch(0)),
        Style::new().add_modifier(WATCH_MODIFIER),
        "watch styles lose colour"
    );
}

#[test]
fn load_requires_an_explicit_file_to_exist() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nope.toml");
    let err = Config::load(Some(&missing), false).expect_err("missing file");
    assert!(matches!(err, LoadError::NotFound { .. }), "{err:?}");
    assert_eq!(err.to_string(), format!("config file {} does not exist", missing.display()));
}

#[test]
fn load_reads_an_explicit_file_and_names_it_in_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("my.toml");
    std::fs::write(&path, "[ui]\nmouse = false\n").expect("write");
    let (config, used) = Config::load(Some(&path), false).expect("valid");
    assert!(!config.ui.mouse);
    assert_eq!(used.as_deref(), Some(path.as_path()));

    std::fs::write(&path, "[ui]\nmouse = 1\n").expect("write");
    let err = Config::load(Some(&path), false).expect_err("invalid");
    assert_eq!(err.to_string(), format!("{}:2:9: ui.mouse: expected true or false, found integer 1", path.display()));
}

#[test]
fn the_default_path_is_under_newsdesk_in_the_config_dir() {
    if let Some(path) = default_config_path() {
        assert!(path.ends_with("newsdesk/config.toml"), "{}", path.display());
    }
}

#[test]
fn every_bad_watch_term_is_reported() {
    let text = "[[entities.watch]]\nname = \"w\"\nstyle = { fg = \"red\" }\nterms = [\"a?\", \"ok\", \"(bad\"]\nregex = true\n";
    let message = Config::from_toml(text, "w.toml", false).expect_err("invalid").to_string();
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 2, "{message}");
    assert!(
        lines[0].starts_with("w.toml:4:10: entities.watch[0].terms[0]: the regex \"a?\" matches empty text"),
        "{message}"
    );
    assert!(lines[1].starts_with("w.toml:4:22: entities.watch[0].terms[2]: invalid regex \"(bad\""), "{message}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text that looks like a config: real section and key names, values of every type, and
    /// broken syntax.
    fn config_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("[library]\n"),
            Just("[reader]\n"),
            Just("[theme]\n"),
            Just("[keys.list]\n"),
            Just("[[entities.watch]]\n"),
            Just("[entities]\n"),
            Just("sort = "),
            Just("max_width = "),
            Just("title = "),
            Just("quit = "),
            Just("name = "),
            Just("terms = "),
            Just("regex = "),
            Just("\"date\""),
            Just("\"ctrl-x\""),
            Just("[\"a\", \"b\"]"),
            Just("{ fg = \"red\" }"),
            Just("{ fg = \"#zz0000\", bold = 3 }"),
            Just("true"),
            Just("-1"),
            Just("70000"),
            Just("'(a'"),
            Just("\n"),
            Just("="),
            Just("["),
            Just("\"\\u001b]52;c;AA\""),
            Just("é東"),
        ];
        prop::collection::vec(piece, 0..30).prop_map(|parts| parts.concat())
    }

    proptest! {
        /// Any text gives a config or errors, never a panic; every error names the file and a
        /// line and column, and none carries a raw escape character.
        #[test]
        fn any_text_loads_or_reports_positioned_errors(text in config_text()) {
            if let Err(errors) = Config::from_toml(&text, "fuzz.toml", false) {
                let message = errors.to_string();
                for line in message.lines() {
                    prop_assert!(line.starts_with("fuzz.toml:"), "{line}");
                    let mut parts = line.splitn(4, ':');
                    parts.next();
                    let (l, c) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                    prop_assert!(l.parse::<usize>().is_ok() && c.parse::<usize>().is_ok(), "{line}");
                }
            }
        }
    }
}
