//! The status line: focus, position in the list, scroll percent, messages and live key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::action::Action;
use crate::config::Theme;
use crate::keymap::{Keymap, Scope};
use crate::state::{Focus, State};
use crate::text::sanitize::{str_width, truncate};

/// Draws the status line of `state`.
pub struct StatusLine<'a> {
    pub state: &'a State,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    pub hints: bool,
}

/// The key hints for a scope, from the live keymap: `enter open  ? help  q quit`.
pub fn key_hints(keymap: &Keymap, scope: Scope) -> Vec<(String, &'static str)> {
    let actions: &[Action] = match scope {
        Scope::List => &[Action::Open, Action::ToggleFocus, Action::Help, Action::Quit],
        Scope::Reader => &[Action::Back, Action::PageDown, Action::NextArticle, Action::Help, Action::Quit],
        Scope::Global => &[Action::Help, Action::Quit],
    };
    actions
        .iter()
        .filter_map(|&a| {
            let key = keymap
                .keys_for(scope, a)
                .into_iter()
                .next()
                .or_else(|| keymap.keys_for(Scope::Global, a).into_iter().next())?;
            Some((key.to_string(), a.name()))
        })
        .collect()
}

impl Widget for StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let theme = self.theme;
        buf.set_style(area, theme.status);
        let (label, scope) = match state.focus {
            Focus::List => (" LIST ", Scope::List),
            Focus::Reader => (" READ ", Scope::Reader),
        };
        let mut left = vec![Span::styled(label, theme.status_focus)];
        if !state.order.is_empty() {
            left.push(Span::styled(format!(" {}/{}", state.selected + 1, state.order.len()), theme.status));
        }
        if let Some(reader) = &state.reader {
            left.push(Span::styled(format!(" {:>3}%", reader.percent(state.view_height())), theme.status));
        }
        if let Some(msg) = &state.message {
            left.push(Span::styled(format!("  {}", truncate(msg, usize::from(area.width) / 2)), theme.status_message));
        }
        let used: usize = left.iter().map(|s| str_width(&s.content)).sum();
        buf.set_line(area.x, area.y, &Line::from(left), area.width);
        if !self.hints {
            return;
        }
        let mut hints = Vec::new();
        let mut width = 0;
        let room = usize::from(area.width).saturating_sub(used + 2);
        for (key, name) in key_hints(self.keymap, scope) {
            let w = str_width(&key) + str_width(name) + 3;
            if width + w > room {
                break;
            }
            width += w;
            hints.push(Span::styled(format!(" {key}"), theme.help_key.patch(theme.status)));
            hints.push(Span::styled(format!(" {name} "), theme.help_description.patch(theme.status)));
        }
        let x = area.right().saturating_sub(u16::try_from(width).unwrap_or(0));
        buf.set_line(x, area.y, &Line::from(hints), area.right() - x);
    }
}
