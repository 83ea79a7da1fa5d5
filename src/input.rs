//! Terminal events as messages: every key through the keymap, in the scope of the app's mode
//! and then the global one (ctrl-c always quits; in a prompt, characters no binding claims are
//! typed); resizes; the mouse wheel and clicks.

use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind, MouseButton, MouseEventKind};

use crate::keymap::{Key, KeyChord, Keymap};
use crate::state::Mode;
use crate::update::Msg;

/// The message for a terminal event in `mode`, if it means anything there.
pub fn message_for(event: &Event, mode: Mode, keymap: &Keymap) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_message(*key, mode, keymap),
        Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Msg::Wheel { column: m.column, row: m.row, down: true }),
            MouseEventKind::ScrollUp => Some(Msg::Wheel { column: m.column, row: m.row, down: false }),
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click { column: m.column, row: m.row }),
            _ => None,
        },
        _ => None,
    }
}

fn key_message(key: KeyEvent, mode: Mode, keymap: &Keymap) -> Option<Msg> {
    let chord = KeyChord::from(key);
    if chord == KeyChord::CTRL_C {
        return Some(Msg::Quit);
    }
    if let Some(action) = keymap.lookup(mode.scope(), &chord) {
        return Some(Msg::Action(action));
    }
    match chord.code {
        Key::Char(c) if mode == Mode::Prompt && !chord.modifiers.ctrl && !chord.modifiers.alt => Some(Msg::Type(c)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    use rstest::rstest;

    use super::*;
    use crate::action::Action;
    use crate::config::Config;

    fn press(code: KeyCode, modifiers: KeyModifiers, mode: Mode) -> Option<Msg> {
        message_for(&Event::Key(KeyEvent::new(code, modifiers)), mode, &Config::default().keymap)
    }

    #[rstest]
    #[case::list_key(KeyCode::Char('j'), KeyModifiers::NONE, Mode::List, Some(Action::MoveDown))]
    #[case::global_fallback(KeyCode::Char('?'), KeyModifiers::NONE, Mode::Reader, Some(Action::Help))]
    #[case::help_closes_with_its_own_key(KeyCode::Esc, KeyModifiers::NONE, Mode::Help, Some(Action::CloseHelp))]
    #[case::prompt_editing_is_bound(KeyCode::Char('w'), KeyModifiers::CONTROL, Mode::Prompt, Some(Action::DeleteWord))]
    #[case::prompt_backspace(KeyCode::Backspace, KeyModifiers::NONE, Mode::Prompt, Some(Action::DeleteBack))]
    #[case::panel_key(KeyCode::Char('f'), KeyModifiers::NONE, Mode::Panel, Some(Action::FilterByEntity))]
    fn keys_go_through_the_keymap_of_the_mode(
        #[case] code: KeyCode,
        #[case] modifiers: KeyModifiers,
        #[case] mode: Mode,
        #[case] expected: Option<Action>,
    ) {
        let got = press(code, modifiers, mode);
        assert_eq!(got.map(|m| format!("{m:?}")), expected.map(|a| format!("{:?}", Msg::Action(a))));
    }

    #[test]
    fn in_a_prompt_unbound_characters_are_typed_and_global_keys_are_not_looked_up() {
        assert!(matches!(press(KeyCode::Char('q'), KeyModifiers::NONE, Mode::Prompt), Some(Msg::Type('q'))));
        assert!(matches!(press(KeyCode::Char('G'), KeyModifiers::SHIFT, Mode::Prompt), Some(Msg::Type('G'))));
        assert!(press(KeyCode::Char('x'), KeyModifiers::CONTROL, Mode::Prompt).is_none());
        assert!(press(KeyCode::Char('x'), KeyModifiers::NONE, Mode::List).is_none(), "typed only in a prompt");
    }

    #[test]
    fn ctrl_c_quits_in_every_mode() {
        for mode in [Mode::Help, Mode::Prompt, Mode::Panel, Mode::List, Mode::Reader] {
            assert!(matches!(press(KeyCode::Char('c'), KeyModifiers::CONTROL, mode), Some(Msg::Quit)));
        }
    }
}
