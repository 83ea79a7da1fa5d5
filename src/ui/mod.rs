//! The view: pure rendering of the state with the theme and keymap; nothing here changes state.

pub mod help;
pub mod legend;
pub mod list;
pub mod panel;
pub mod reader;
pub mod status;

use ratatui::Frame;
use ratatui::layout::{Alignment, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use crate::config::{Config, Theme};
use crate::layout;
use crate::state::State;

/// Draws the whole screen for `state`, then makes every cell safe: whatever a view drew, no
/// control character reaches the terminal (the last line of defence behind
/// [`crate::text::sanitize`], which each view uses for widths and layout).
pub fn render(state: &State, config: &Config, frame: &mut Frame) {
    draw(state, config, frame);
    safe_cells(frame.buffer_mut());
}

/// Replaces every control character in the buffer's cells by its visible stand-in, and keeps
/// at most [`MAX_MARKS`](crate::text::sanitize::MAX_MARKS) zero-width characters on a cell's
/// base character.
pub fn safe_cells(buf: &mut ratatui::buffer::Buffer) {
    use crate::text::sanitize::{MarkCap, safe_char};
    for cell in &mut buf.content {
        let symbol = cell.symbol();
        if symbol.len() > 4 || symbol.chars().any(|c| safe_char(c) != c) {
            let mut cap = MarkCap::default();
            let safe: String = symbol.chars().filter(|&c| cap.admits(c)).map(safe_char).collect();
            if safe != symbol {
                cell.set_symbol(&safe);
            }
        }
    }
}

fn draw(state: &State, config: &Config, frame: &mut Frame) {
    let area = frame.area();
    let theme = &config.theme;
    if state.areas.too_small || state.areas.screen != area {
        if state.areas.too_small {
            too_small(frame, area, theme);
        }
        return;
    }
    if !state.areas.list.is_empty() {
        frame.render_widget(list::ListView { state, theme }, state.areas.list);
    }
    if !state.areas.reader.is_empty() {
        frame
            .render_widget(reader::ReaderView { state, theme, scrollbar: config.reader.scrollbar }, state.areas.reader);
    }
    frame.render_widget(
        status::StatusLine { state, theme, keymap: &config.keymap, hints: config.ui.key_hints },
        state.areas.status,
    );
    if let Some(cursor) = status::prompt_cursor(state, state.areas.status) {
        frame.set_cursor_position(cursor);
    }
    let overlays = &state.overlays;
    if overlays.legend {
        let pane = if state.areas.reader.is_empty() { state.areas.list } else { state.areas.reader };
        let corner = pane.inner(Margin { horizontal: 1, vertical: 1 });
        frame.render_widget(legend::Legend { state, theme }, corner);
    }
    if let Some(panel) = &overlays.panel {
        frame.render_widget(panel::PanelView { state, panel, theme, keymap: &config.keymap }, area);
    }
    if let Some(scroll) = overlays.help {
        frame.render_widget(help::HelpOverlay { keymap: &config.keymap, theme, scroll }, area);
    }
}

/// A pane's border block: rounded, highlighted when focused, titled.
pub fn pane<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused { theme.border_focused } else { theme.border })
        .title(title.style(theme.pane_title))
}

/// `s` with its first letter in upper case: `Person`, `Global keys`.
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = vec![
        Line::styled("Terminal too small", theme.warning),
        Line::styled(format!("newsdesk needs at least {}x{}", layout::MIN_WIDTH, layout::MIN_HEIGHT), Style::default()),
    ];
    let y = area.height.saturating_sub(2) / 2;
    let inner = Rect { y: area.y + y, height: area.height - y, ..area };
    frame.render_widget(Paragraph::new(text).alignment(Alignment::Center).wrap(Wrap { trim: true }), inner);
}

/// The text of `buf`, one string per row, for the widgets' small-buffer tests.
#[cfg(test)]
pub(crate) fn rows(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    let area = buf.area;
    (area.top()..area.bottom()).map(|y| (area.left()..area.right()).map(|x| buf[(x, y)].symbol()).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sanitize::MAX_MARKS;

    #[test]
    fn no_cell_holds_more_than_a_few_marks_or_a_control() {
        let mut buf = ratatui::buffer::Buffer::empty(Rect::new(0, 0, 3, 1));
        let bomb: String = std::iter::once('a').chain(std::iter::repeat_n('\u{301}', 10_000)).collect();
        buf[(0, 0)].set_symbol(&bomb);
        buf[(1, 0)].set_symbol("\u{1b}");
        buf[(2, 0)].set_symbol("e\u{301}");
        safe_cells(&mut buf);
        assert_eq!(buf[(0, 0)].symbol().chars().count(), 1 + MAX_MARKS);
        assert_eq!(buf[(1, 0)].symbol(), "\u{241b}");
        assert_eq!(buf[(2, 0)].symbol(), "e\u{301}");
    }
}
