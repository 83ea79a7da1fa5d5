//! The help overlay: every action with its description and its current keys, from the live keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::config::Theme;
use crate::keymap::{Keymap, Scope};
use crate::text::sanitize::str_width;

/// Draws the help overlay centred over the screen.
pub struct HelpOverlay<'a> {
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
    pub scroll: usize,
}

/// The overlay's rows: a heading per scope, then `keys  description` per bound action.
pub fn help_rows(keymap: &Keymap) -> Vec<(Option<Scope>, String, String)> {
    let mut rows = Vec::new();
    for scope in Scope::ALL {
        rows.push((Some(scope), String::new(), String::new()));
        if scope == Scope::Global {
            rows.push((None, "ctrl-c".to_string(), "quit, whatever the bindings".to_string()));
        }
        for (s, action, keys) in keymap.bindings() {
            if s == scope && !keys.is_empty() {
                let keys = keys.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
                rows.push((None, keys, format!("{}: {}", action.name(), action.description())));
            }
        }
    }
    rows
}

/// Where the overlay goes on a screen of size `area`, for `rows` rows of help.
pub fn popup(area: Rect, rows: usize) -> Rect {
    let width = area.width.saturating_sub(4).min(78);
    let height = area.height.saturating_sub(2).min(u16::try_from(rows + 2).unwrap_or(u16::MAX));
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

/// Rows of help visible at once in the overlay.
pub fn visible_rows(area: Rect, rows: usize) -> usize {
    usize::from(popup(area, rows).height.saturating_sub(2))
}

impl Widget for HelpOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let rows = help_rows(self.keymap);
        let key_width = rows.iter().map(|(_, k, _)| str_width(k)).max().unwrap_or(0).min(24);
        let popup = popup(area, rows.len());
        Clear.render(popup, buf);
        let block = super::pane(Line::from(" Help · esc closes "), true, theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        let visible = usize::from(inner.height);
        let scroll = self.scroll.min(rows.len().saturating_sub(visible));
        for (i, (scope, keys, description)) in rows.iter().skip(scroll).take(visible).enumerate() {
            let y = inner.y + u16::try_from(i).unwrap_or(0);
            let line = match scope {
                Some(scope) => Line::styled(format!("{} keys", capitalised(scope.name())), theme.title),
                None => Line::from(vec![
                    Span::styled(format!(" {keys:<key_width$}  "), theme.help_key),
                    Span::styled(description.clone(), theme.help_description),
                ]),
            };
            buf.set_line(inner.x, y, &line, inner.width);
        }
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
