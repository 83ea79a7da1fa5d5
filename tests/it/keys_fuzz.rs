//! Random key scripts, clicks, wheel turns and resizes through the real keymap: the app never
//! panics, and its state stays consistent (selection in the list, view inside the article).

use newsdesk::config::Config;
use newsdesk::update::Msg;
use proptest::prelude::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::{app_on, articles};

#[derive(Debug, Clone)]
enum Input {
    Key(KeyCode, KeyModifiers),
    Resize(u16, u16),
    Click(u16, u16),
    Wheel(u16, u16, bool),
}

fn input() -> impl Strategy<Value = Input> {
    let chars = prop::sample::select(vec![
        'j', 'k', 'g', 'G', 'l', 'h', ']', '[', '/', 'n', 'N', 'e', 'E', 'L', '?', 's', ' ', 'b', 'q', 'a', 'ü', '東',
        '(',
    ]);
    let codes = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::Backspace,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageDown,
        KeyCode::PageUp,
        KeyCode::Home,
        KeyCode::End,
    ]);
    prop_oneof![
        6 => chars.prop_map(|c| Input::Key(KeyCode::Char(c), KeyModifiers::NONE)),
        3 => codes.prop_map(|c| Input::Key(c, KeyModifiers::NONE)),
        1 => prop::sample::select(vec!['d', 'u', 'r', 'l', 'w', 'g']).prop_map(|c| Input::Key(KeyCode::Char(c), KeyModifiers::CONTROL)),
        1 => (0u16..130, 0u16..45).prop_map(|(w, h)| Input::Resize(w, h)),
        1 => (0u16..100, 0u16..30).prop_map(|(x, y)| Input::Click(x, y)),
        1 => (0u16..100, 0u16..30, any::<bool>()).prop_map(|(x, y, d)| Input::Wheel(x, y, d)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_script_keeps_the_app_consistent(script in prop::collection::vec(input(), 1..60)) {
        let mut app = app_on(&articles(), Config::default(), 80, 24);
        for step in script {
            let msg = match step {
                Input::Key(code, mods) => app.message_for(&Event::Key(KeyEvent::new(code, mods))),
                Input::Resize(w, h) => Some(Msg::Resize(w, h)),
                Input::Click(x, y) => Some(Msg::Click { column: x, row: y }),
                Input::Wheel(x, y, down) => Some(Msg::Wheel { column: x, row: y, down }),
            };
            if let Some(msg) = msg {
                app.step(msg);
            }
            if app.state.quit {
                break;
            }
            let size = app.state.areas.screen;
            let _ = crate::render::draw(&app, size.width, size.height);
            let s = &app.state;
            prop_assert!(s.list.order.is_empty() || s.list.selected < s.list.order.len());
            if let Some(r) = &s.reading.reader {
                prop_assert!(r.top <= r.max_top(s.view_height()), "top {} past the end {}", r.top, r.max_top(s.view_height()));
            }
            if let Some(search) = &s.reading.search {
                prop_assert!(search.current.is_none_or(|c| c < search.matches.len()));
            }
        }
    }
}
