//! The legend: each entity kind and watch-list found in the shown article, drawn in its own
//! style, with its count; a small box in the reading pane's bottom-right corner.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::config::Theme;
use crate::state::State;
use crate::text::entities::EntityKind;
use crate::text::sanitize::{sanitize, str_width, truncate};
use crate::text::segments::Mark;

/// Draws the legend over the bottom-right corner of `area`.
pub struct Legend<'a> {
    pub state: &'a State,
    pub theme: &'a Theme,
}

/// The legend's rows: watch-lists then kinds, those with mentions in the shown article, as
/// (mark, label, count); a count of a huge article still being read ends in `+`.
pub fn legend_rows(state: &State) -> Vec<(Mark, String, String)> {
    let Some(reader) = state.reading.reader.as_ref() else { return Vec::new() };
    let h = &reader.highlights;
    let more = if h.complete { "" } else { "+" };
    let lists = (0..state.reading.watch_lists.len())
        .map(|i| (Mark::Watch(u16::try_from(i).unwrap_or(u16::MAX)), h.list_count(i)));
    let kinds = EntityKind::ALL.into_iter().map(|k| (Mark::Entity(k), h.kind_count(k)));
    lists
        .chain(kinds)
        .filter(|&(_, n)| n > 0)
        .map(|(mark, n)| (mark, sanitize(&state.mark_label(mark)).into_owned(), format!("{n}{more}")))
        .collect()
}

impl Widget for Legend<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let rows = legend_rows(self.state);
        let title = if self.state.reading.entities_on { " Legend " } else { " Legend · off " };
        let label_width = rows.iter().map(|(_, l, _)| str_width(l)).max().unwrap_or(0).min(20);
        let count_width = rows.iter().map(|(_, _, c)| str_width(c)).max().unwrap_or(0);
        let empty = "no entities";
        let content = if rows.is_empty() { str_width(empty) } else { label_width + 2 + count_width };
        let width = u16::try_from(content.max(str_width(title)) + 4).unwrap_or(u16::MAX).min(area.width);
        let height = u16::try_from(rows.len().max(1) + 2).unwrap_or(u16::MAX).min(area.height);
        if width < 8 || height < 3 {
            return;
        }
        let popup = Rect { x: area.right() - width, y: area.bottom() - height, width, height };
        Clear.render(popup, buf);
        let block = super::pane(Line::from(title), false, theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        if rows.is_empty() {
            buf.set_line(inner.x + 1, inner.y, &Line::styled(empty, theme.meta), inner.width.saturating_sub(1));
            return;
        }
        for (i, (mark, label, count)) in rows.iter().take(usize::from(inner.height)).enumerate() {
            let y = inner.y + u16::try_from(i).unwrap_or(0);
            let label = truncate(label, label_width);
            let pad = label_width.saturating_sub(str_width(&label)) + 2 + count_width - str_width(count);
            let line = Line::from(vec![
                Span::raw(" "),
                Span::styled(label, theme.mark(*mark)),
                Span::raw(" ".repeat(pad)),
                Span::styled(count.clone(), theme.list_meta),
            ]);
            buf.set_line(inner.x, y, &line, inner.width);
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;

    use super::*;
    use crate::config::Config;
    use crate::update::testing::shown;

    #[test]
    fn counts_each_kind_found_in_its_style_in_the_corner() {
        let state = shown(2);
        let config = Config::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 24, 8));
        Legend { state: &state, theme: &config.theme }.render(buf.area, &mut buf);
        assert_eq!(
            super::super::rows(&buf),
            [
                "                        ",
                "                        ",
                "                        ",
                "          ╭ Legend ────╮",
                "          │ date     2 │",
                "          │ money    2 │",
                "          │ percent  2 │",
                "          ╰────────────╯",
            ]
        );
        let money = config.theme.mark(Mark::Entity(EntityKind::Money));
        assert_eq!((buf[(12, 5)].fg, buf[(12, 5)].modifier), (money.fg.unwrap_or_default(), money.add_modifier));
    }

    #[test]
    fn says_when_highlighting_is_off_or_nothing_was_found() {
        let mut state = shown(0);
        state.reading.entities_on = false;
        let config = Config::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 24, 4));
        Legend { state: &state, theme: &config.theme }.render(buf.area, &mut buf);
        let rows = super::super::rows(&buf);
        assert_eq!(rows[1..], ["      ╭ Legend · off ──╮", "      │ no entities    │", "      ╰────────────────╯"]);
    }
}
