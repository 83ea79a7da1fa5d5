//! The entity panel: the shown article's names grouped by kind (watch-lists first), most
//! mentioned first, with their counts; the chosen one is highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::status::first_key;
use crate::action::Action;
use crate::config::Theme;
use crate::keymap::{Keymap, Scope};
use crate::layout::panel_popup;
use crate::state::{Panel, PanelRow, State};
use crate::text::sanitize::{sanitize, str_width, truncate};
use crate::text::segments::Mark;

/// Draws the open entity panel centred over the screen.
pub struct PanelView<'a> {
    pub state: &'a State,
    pub panel: &'a Panel,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
}

/// A section's heading: `Person` or the watch-list's name.
pub fn heading(state: &State, mark: Mark) -> String {
    super::capitalised(&state.mark_label(mark))
}

impl Widget for PanelView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (panel, theme) = (self.panel, self.theme);
        let popup = panel_popup(area, panel.rows.len());
        Clear.render(popup, buf);
        let mentions: usize = panel.groups.iter().map(|g| g.mentions.len()).sum();
        let more = if panel.complete { "" } else { "+ so far" };
        let mut block = super::pane(Line::from(format!(" Entities · {mentions}{more} mentions ")), true, theme);
        let keys = [(Action::JumpToEntity, "go to"), (Action::ClosePanel, "close")]
            .iter()
            .filter_map(|&(action, what)| first_key(self.keymap, Scope::Panel, action).map(|k| format!("{k} {what}")))
            .collect::<Vec<_>>();
        if !keys.is_empty() {
            block = block.title_bottom(Line::from(format!(" {} ", keys.join(" · "))).style(theme.pane_title));
        }
        let inner = block.inner(popup);
        block.render(popup, buf);
        if panel.rows.is_empty() {
            let text = if panel.complete { "No entities in this article." } else { "None found yet." };
            buf.set_line(inner.x + 1, inner.y, &Line::styled(text, theme.meta), inner.width.saturating_sub(1));
            return;
        }
        let width = usize::from(inner.width);
        let visible = usize::from(inner.height);
        for (i, row) in panel.rows.iter().skip(panel.top).take(visible).enumerate() {
            let y = inner.y + u16::try_from(i).unwrap_or(0);
            let line = match *row {
                PanelRow::Heading { mark, mentions, names } => {
                    let label = sanitize(&heading(self.state, mark)).into_owned();
                    let counts = format!(" · {mentions} mention{}, {names} name{}", plural(mentions), plural(names));
                    Line::from(vec![
                        Span::styled(
                            truncate(&label, width.saturating_sub(1)),
                            theme.mark(mark).add_modifier(Modifier::BOLD),
                        ),
                        Span::styled(counts, theme.meta),
                    ])
                }
                PanelRow::Name(g) => {
                    let Some(group) = panel.groups.get(g) else { continue };
                    let count = group.mentions.len().to_string();
                    let room = width.saturating_sub(str_width(&count) + 4);
                    let name = truncate(&sanitize(&group.name), room);
                    let pad = width.saturating_sub(str_width(&name) + str_width(&count) + 3);
                    let chosen = g == panel.selected;
                    let base = if chosen { theme.list_selected } else { theme.list_item };
                    let name_style = if chosen { base } else { theme.mark(group.mark) };
                    Line::from(vec![
                        Span::styled("  ", base),
                        Span::styled(name, name_style),
                        Span::styled(" ".repeat(pad), base),
                        Span::styled(count, if chosen { base } else { theme.list_meta }),
                        Span::styled(" ", base),
                    ])
                }
            };
            buf.set_line(inner.x, y, &line, inner.width);
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;

    use super::*;
    use crate::config::Config;
    use crate::update::testing::shown;
    use crate::update::{Msg, update};

    #[test]
    fn lists_names_under_their_kind_with_counts_and_the_keys() {
        let mut state = shown(2);
        update(&mut state, Msg::Action(Action::EntityPanel));
        update(&mut state, Msg::Action(Action::MoveDown));
        let config = Config::default();
        let panel = state.overlays.panel.as_ref().expect("open");
        let mut buf = Buffer::empty(Rect::new(0, 0, 44, 9));
        PanelView { state: &state, panel, theme: &config.theme, keymap: &config.keymap }.render(buf.area, &mut buf);
        assert_eq!(
            super::super::rows(&buf),
            [
                "                                            ",
                "  ╭ Entities · 6 mentions ───────────────╮  ",
                "  │Date · 2 mentions, 1 name             │  ",
                "  │  February 9                        2 │  ",
                "  │Money · 2 mentions, 1 name            │  ",
                "  │  $81 million                       2 │  ",
                "  │Percent · 2 mentions, 1 name          │  ",
                "  ╰ enter go to · esc close ─────────────╯  ",
                "                                            ",
            ]
        );
        // The chosen name (moved down to the second) is drawn selected; the others in their kind's style.
        let selected = config.theme.list_selected;
        assert!(
            buf[(6, 5)].modifier.contains(selected.add_modifier) && buf[(6, 5)].fg == selected.fg.unwrap_or_default()
        );
        let date = config.theme.mark(Mark::Entity(crate::text::entities::EntityKind::Date));
        assert_eq!(buf[(6, 3)].fg, date.fg.unwrap_or_default());
    }
}
