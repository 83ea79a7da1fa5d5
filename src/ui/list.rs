//! The article list pane: one or two rows per article, the selection, warning marks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::config::Theme;
use crate::library::Entry;
use crate::library::meta::reading_minutes;
use crate::state::{Focus, State};
use crate::text::sanitize::{str_width, truncate};

/// Draws the list pane of `state`.
pub struct ListView<'a> {
    pub state: &'a State,
    pub theme: &'a Theme,
}

/// The short details of an entry: folder, date, source, reading time, as space allows.
pub fn entry_details(entry: &Entry) -> String {
    let mut parts = Vec::new();
    if let Some((folder, _)) = entry.rel.rsplit_once('/') {
        parts.push(format!("{folder}/"));
    }
    if let Some(date) = &entry.meta.date {
        parts.push(date.chars().take(10).collect());
    }
    if let Some(words) = entry.words.filter(|&w| w > 0) {
        parts.push(format!("{} min", reading_minutes(words)));
    }
    if let Some(source) = &entry.meta.source {
        parts.push(source.clone());
    }
    parts.join(" · ")
}

impl Widget for ListView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let theme = self.theme;
        let count = state.order.len();
        let title = Line::from(format!(" Articles {count} · by {} ", state.options.sort));
        let block = super::pane(title, state.focus == Focus::List, theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if count == 0 {
            let text = vec![
                Line::styled("No articles here.", theme.warning),
                Line::raw(""),
                Line::styled("See the reading pane.", theme.list_meta),
            ];
            Paragraph::new(text).wrap(Wrap { trim: true }).render(inner, buf);
            return;
        }
        let (_, per) = state.list_rows();
        let width = usize::from(inner.width);
        for (row, pos) in (state.list_top..count).enumerate() {
            let y = inner.y + u16::try_from(row * per).unwrap_or(u16::MAX);
            if y >= inner.bottom() {
                break;
            }
            let Some(entry) = state.order.get(pos).and_then(|&i| state.entry(i)) else {
                break;
            };
            let selected = pos == state.selected;
            let base = if !selected {
                theme.list_item
            } else if state.focus == Focus::List {
                theme.list_selected
            } else {
                theme.list_selected_unfocused
            };
            let rows = Rect {
                x: inner.x,
                y,
                width: inner.width,
                height: u16::try_from(per).unwrap_or(1).min(inner.bottom() - y),
            };
            buf.set_style(rows, base);
            let mark = if entry.warning.is_some() { "⚠ " } else { "" };
            let details = entry_details(entry);
            let meta_style = if selected { base } else { theme.list_meta };
            if per == 2 {
                let title = truncate(&entry.meta.title, width.saturating_sub(str_width(mark)));
                buf.set_line(
                    inner.x,
                    y,
                    &Line::from(vec![Span::styled(mark, theme.warning.patch(base)), Span::styled(title, base)]),
                    inner.width,
                );
                if y + 1 < inner.bottom() {
                    let details = truncate(&format!("  {details}"), width);
                    buf.set_line(inner.x, y + 1, &Line::styled(details, meta_style), inner.width);
                }
            } else {
                let room = width.saturating_sub(str_width(mark));
                let title = truncate(&entry.meta.title, room);
                let spare = room.saturating_sub(str_width(&title));
                let mut spans = vec![Span::styled(mark, theme.warning.patch(base)), Span::styled(title, base)];
                if spare > 8 && !details.is_empty() {
                    spans.push(Span::styled(format!(" {}", truncate(&details, spare - 1)), meta_style));
                }
                buf.set_line(inner.x, y, &Line::from(spans), inner.width);
            }
        }
    }
}
