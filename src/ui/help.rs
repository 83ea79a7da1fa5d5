//! The help overlay: every action with its description and its current keys, from the live keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::capitalised;
use crate::action::Action;
use crate::config::Theme;
use crate::keymap::{Keymap, Scope, help_rows};
use crate::layout::help_popup;
use crate::text::sanitize::str_width;

/// Draws the help overlay centred over the screen.
pub struct HelpOverlay<'a> {
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
    pub scroll: usize,
}

impl Widget for HelpOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let rows = help_rows(self.keymap);
        let key_width = rows.iter().map(|(_, k, _)| str_width(k)).max().unwrap_or(0).min(24);
        let popup = help_popup(area, rows.len());
        Clear.render(popup, buf);
        let close = self.keymap.keys_for(Scope::Help, Action::CloseHelp).first().map(|k| format!(" · {k} closes"));
        let block = super::pane(Line::from(format!(" Help{} ", close.unwrap_or_default())), true, theme);
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

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;

    use super::*;
    use crate::config::Config;

    fn draw(config: &Config, scroll: usize) -> Vec<String> {
        let mut buf = Buffer::empty(Rect::new(0, 0, 50, 8));
        HelpOverlay { keymap: &config.keymap, theme: &config.theme, scroll }.render(buf.area, &mut buf);
        super::super::rows(&buf)
    }

    #[test]
    fn lists_the_live_keys_by_scope_and_names_its_close_key() {
        assert_eq!(
            draw(&Config::default(), 0),
            [
                "                                                  ",
                "  ╭ Help · esc closes ─────────────────────────╮  ",
                "  │Global keys                                 │  ",
                "  │ ctrl-c             quit, whatever the bindi│  ",
                "  │ q                  quit: quit newsdesk     │  ",
                "  │ ?                  help: show the help over│  ",
                "  ╰────────────────────────────────────────────╯  ",
                "                                                  ",
            ]
        );
    }

    #[test]
    fn scrolls_and_follows_the_bindings() {
        let config = Config::from_toml("[keys.help]\nclose-help = \"x\"\n", "user.toml", false).expect("valid");
        let rows = draw(&config, 3);
        assert!(rows[1].contains("Help · x closes"), "{rows:?}");
        assert!(rows[2].contains("? ") && rows[3].contains("tab                toggle-focus"), "{rows:?}");
    }
}
