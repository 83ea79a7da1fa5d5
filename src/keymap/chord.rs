//! Key chords in the config's own notation (`ctrl-d`, `shift-tab`, `G`): parsing, display, and
//! the terminal's key events normalised to them.

use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The notation accepted by [`KeyChord::from_str`], quoted in every key error.
pub const KEY_NOTATION: &str = "a single character such as j, G or ?, or one of enter, esc, tab, \
     backspace, delete, insert, space, up, down, left, right, home, end, pageup, pagedown, \
     f1 to f12, optionally prefixed by ctrl-, alt- or shift- as in ctrl-d, shift-tab, alt-enter";

/// A key without modifiers. Printable keys, including space, are `Char`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Char(char),
    Enter,
    Esc,
    Tab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// F1 … F12.
    F(u8),
    /// A key the notation cannot name (media keys, F13+, caps lock …); it never matches a binding.
    Unbindable,
}

/// Named keys and their canonical spelling; the single source for parsing and display.
const NAMED_KEYS: &[(&str, Key)] = &[
    ("enter", Key::Enter),
    ("esc", Key::Esc),
    ("tab", Key::Tab),
    ("backspace", Key::Backspace),
    ("delete", Key::Delete),
    ("insert", Key::Insert),
    ("space", Key::Char(' ')),
    ("up", Key::Up),
    ("down", Key::Down),
    ("left", Key::Left),
    ("right", Key::Right),
    ("home", Key::Home),
    ("end", Key::End),
    ("pageup", Key::PageUp),
    ("pagedown", Key::PageDown),
];

const MAX_F_KEY: u8 = 12;

/// Modifier keys held with a [`Key`]. Shift is never set for `Key::Char`: the character
/// already carries it (`G`, `?`), which keeps one spelling per physical chord.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Modifiers {
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl Modifiers {
    pub const NONE: Self = Self { ctrl: false, alt: false, shift: false };
    pub const CTRL: Self = Self { ctrl: true, alt: false, shift: false };
    pub const ALT: Self = Self { ctrl: false, alt: true, shift: false };
    pub const SHIFT: Self = Self { ctrl: false, alt: false, shift: true };
}

/// One key press as the keymap sees it: the app's own type, independent of the terminal
/// library, with a text form that round-trips through [`FromStr`] and [`fmt::Display`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyChord {
    pub code: Key,
    pub modifiers: Modifiers,
}

impl KeyChord {
    pub const fn new(code: Key, modifiers: Modifiers) -> Self {
        Self { code, modifiers }
    }

    /// Ctrl-C, which the app hardwires to quit so the user can always leave.
    pub const CTRL_C: Self = Self::new(Key::Char('c'), Modifiers::CTRL);
}

/// A key string that is not in the notation of [`KEY_NOTATION`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid key \"{input}\": {reason} (expected {KEY_NOTATION})")]
pub struct KeyParseError {
    pub input: String,
    pub reason: &'static str,
}

impl FromStr for KeyChord {
    type Err = KeyParseError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let fail = |reason| KeyParseError { input: input.to_owned(), reason };
        let mut modifiers = Modifiers::NONE;
        let mut rest = input;
        // A trailing "-" after a prefix is the minus key itself ("ctrl--"), so only strip a
        // prefix when something follows its dash.
        while let Some((prefix, tail)) = rest.split_once('-') {
            if tail.is_empty() {
                break;
            }
            match prefix.to_ascii_lowercase().as_str() {
                "ctrl" => modifiers.ctrl = true,
                "alt" => modifiers.alt = true,
                "shift" => modifiers.shift = true,
                _ => break,
            }
            rest = tail;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (None, _) => return Err(fail("no key given")),
            (Some(c), None) => Key::Char(c),
            _ => parse_named(rest).ok_or_else(|| fail("unknown key name"))?,
        };
        let code = match code {
            Key::Char(c) if c.is_control() => {
                return Err(fail("control characters can't be bound"));
            }
            Key::Char(c) if modifiers.shift => {
                modifiers.shift = false;
                Key::Char(shifted_letter(c).ok_or_else(|| {
                    fail("shift- only combines with letters and named keys; write the shifted character instead")
                })?)
            }
            other => other,
        };
        Ok(Self { code, modifiers })
    }
}

fn parse_named(name: &str) -> Option<Key> {
    let lower = name.to_ascii_lowercase();
    if let Some(&(_, key)) = NAMED_KEYS.iter().find(|(n, _)| *n == lower) {
        return Some(key);
    }
    let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
    (1..=MAX_F_KEY).contains(&n).then_some(Key::F(n))
}

/// `shift-g` means `G`; already-uppercase letters stay as they are.
fn shifted_letter(c: char) -> Option<char> {
    if !c.is_alphabetic() {
        return None;
    }
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) => Some(u),
        _ => None,
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Modifiers { ctrl, alt, shift } = self.modifiers;
        for (held, prefix) in [(ctrl, "ctrl-"), (alt, "alt-"), (shift, "shift-")] {
            if held {
                f.write_str(prefix)?;
            }
        }
        match self.code {
            Key::Char(c) if c != ' ' => write!(f, "{c}"),
            Key::F(n) => write!(f, "f{n}"),
            Key::Unbindable => f.write_str("unbindable"),
            named => {
                let name = NAMED_KEYS.iter().find(|(_, k)| *k == named).map_or("?", |(n, _)| n);
                f.write_str(name)
            }
        }
    }
}

impl From<KeyEvent> for KeyChord {
    /// Normalizes so a press matches its config spelling: Char codes drop SHIFT (the char
    /// carries it), `BackTab` is shift-tab, unsupported keys become [`Key::Unbindable`].
    fn from(event: KeyEvent) -> Self {
        let held = event.modifiers;
        let mut modifiers = Modifiers {
            ctrl: held.contains(KeyModifiers::CONTROL),
            alt: held.contains(KeyModifiers::ALT),
            shift: held.contains(KeyModifiers::SHIFT),
        };
        let code = match event.code {
            KeyCode::Char(c) => {
                // Some terminals (kitty protocol) report shift+g as Char('g') with SHIFT.
                let c = if modifiers.shift { shifted_letter(c).unwrap_or(c) } else { c };
                modifiers.shift = false;
                Key::Char(c)
            }
            KeyCode::BackTab => {
                modifiers.shift = true;
                Key::Tab
            }
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Esc,
            KeyCode::Tab => Key::Tab,
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Delete => Key::Delete,
            KeyCode::Insert => Key::Insert,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::F(n) if (1..=MAX_F_KEY).contains(&n) => Key::F(n),
            _ => Key::Unbindable,
        };
        Self { code, modifiers }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;
    use rstest::rstest;

    fn key(s: &str) -> KeyChord {
        s.parse().expect("test key parses")
    }

    #[rstest]
    #[case::ctrl_d("ctrl-d", Key::Char('d'), Modifiers::CTRL)]
    #[case::shift_tab("shift-tab", Key::Tab, Modifiers::SHIFT)]
    #[case::uppercase_letter("G", Key::Char('G'), Modifiers::NONE)]
    #[case::lowercase_letter("j", Key::Char('j'), Modifiers::NONE)]
    #[case::pagedown("pagedown", Key::PageDown, Modifiers::NONE)]
    #[case::f1("f1", Key::F(1), Modifiers::NONE)]
    #[case::f12("f12", Key::F(12), Modifiers::NONE)]
    #[case::space("space", Key::Char(' '), Modifiers::NONE)]
    #[case::alt_enter("alt-enter", Key::Enter, Modifiers::ALT)]
    #[case::question_mark("?", Key::Char('?'), Modifiers::NONE)]
    #[case::bracket("]", Key::Char(']'), Modifiers::NONE)]
    #[case::minus("-", Key::Char('-'), Modifiers::NONE)]
    #[case::ctrl_minus("ctrl--", Key::Char('-'), Modifiers::CTRL)]
    #[case::esc("esc", Key::Esc, Modifiers::NONE)]
    #[case::all_modifiers("ctrl-alt-shift-up", Key::Up, Modifiers { ctrl: true, alt: true, shift: true })]
    fn canonical_keys_parse_and_round_trip(#[case] text: &str, #[case] code: Key, #[case] modifiers: Modifiers) {
        let chord = key(text);
        assert_eq!(chord, KeyChord::new(code, modifiers));
        assert_eq!(chord.to_string(), text);
    }

    #[rstest]
    #[case::mixed_case_name("PageDown", "pagedown")]
    #[case::mixed_case_modifier("Ctrl-d", "ctrl-d")]
    #[case::upper_modifier_keeps_letter_case("CTRL-D", "ctrl-D")]
    #[case::shift_letter_is_uppercase("shift-g", "G")]
    #[case::redundant_shift("shift-G", "G")]
    #[case::literal_space(" ", "space")]
    #[case::upper_f_key("F5", "f5")]
    #[case::modifier_order("shift-ctrl-left", "ctrl-shift-left")]
    fn variant_spellings_normalize(#[case] text: &str, #[case] canonical: &str) {
        assert_eq!(key(text).to_string(), canonical);
    }

    #[rstest]
    #[case::empty("", "no key given")]
    #[case::unknown_name("pgdn", "unknown key name")]
    #[case::f13("f13", "unknown key name")]
    #[case::unknown_modifier("super-x", "unknown key name")]
    #[case::modifier_only("ctrl-", "unknown key name")]
    #[case::shift_symbol("shift-1", "shift- only combines")]
    #[case::control_char("\t", "control characters")]
    fn bad_keys_name_the_input_and_the_notation(#[case] text: &str, #[case] reason: &str) {
        let message = text.parse::<KeyChord>().expect_err("should be rejected").to_string();
        assert!(message.starts_with(&format!("invalid key \"{text}\": {reason}")), "{message}");
        assert!(message.contains("ctrl-, alt- or shift-"), "{message}");
    }

    #[rstest]
    #[case::plain_letter(KeyCode::Char('j'), KeyModifiers::NONE, "j")]
    #[case::shifted_letter(KeyCode::Char('G'), KeyModifiers::SHIFT, "G")]
    #[case::kitty_shifted_letter(KeyCode::Char('g'), KeyModifiers::SHIFT, "G")]
    #[case::shifted_symbol(KeyCode::Char('?'), KeyModifiers::SHIFT, "?")]
    #[case::ctrl_letter(KeyCode::Char('d'), KeyModifiers::CONTROL, "ctrl-d")]
    #[case::space(KeyCode::Char(' '), KeyModifiers::NONE, "space")]
    #[case::backtab(KeyCode::BackTab, KeyModifiers::SHIFT, "shift-tab")]
    #[case::backtab_without_shift_flag(KeyCode::BackTab, KeyModifiers::NONE, "shift-tab")]
    #[case::alt_enter(KeyCode::Enter, KeyModifiers::ALT, "alt-enter")]
    #[case::super_is_ignored(KeyCode::Down, KeyModifiers::SUPER, "down")]
    #[case::f_key(KeyCode::F(3), KeyModifiers::NONE, "f3")]
    #[case::unsupported(KeyCode::CapsLock, KeyModifiers::NONE, "unbindable")]
    fn key_events_normalize(#[case] code: KeyCode, #[case] modifiers: KeyModifiers, #[case] expected: &str) {
        let event = KeyEvent::new_with_kind(code, modifiers, KeyEventKind::Press);
        assert_eq!(KeyChord::from(event).to_string(), expected);
    }

    #[test]
    fn key_events_match_their_config_spelling() {
        let event = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(KeyChord::from(event), key("G"));
        assert_eq!(KeyChord::from(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)), KeyChord::CTRL_C);
    }
}
