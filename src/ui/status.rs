//! The status line: focus, position in the list, scroll percent, messages and live key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::action::Action;
use crate::config::Theme;
use crate::keymap::{KeyChord, Keymap, Scope};
use crate::state::{Focus, Prompt, PromptFor, State};
use crate::text::sanitize::{sanitize, str_width, truncate};

/// Draws the status line of `state`.
pub struct StatusLine<'a> {
    pub state: &'a State,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    pub hints: bool,
}

/// The first key that triggers `action` in `scope` (its own, else a global one).
pub fn first_key(keymap: &Keymap, scope: Scope, action: Action) -> Option<KeyChord> {
    keymap
        .keys_for(scope, action)
        .into_iter()
        .next()
        .or_else(|| keymap.keys_for(Scope::Global, action).into_iter().next())
}

/// The key hints for a scope, from the live keymap: `enter open  ? help  q quit`.
pub fn key_hints(keymap: &Keymap, scope: Scope) -> Vec<(String, &'static str)> {
    let actions: &[Action] = match scope {
        Scope::List => &[Action::Open, Action::Filter, Action::ToggleRead, Action::Help, Action::Quit],
        Scope::Reader => {
            &[Action::Back, Action::Search, Action::NextMatch, Action::NextArticle, Action::Help, Action::Quit]
        }
        Scope::Global => &[Action::Help, Action::Quit],
        Scope::Prompt => &[Action::Accept, Action::Cancel, Action::ToggleRegex, Action::HistoryPrev],
        Scope::Panel => &[Action::JumpToEntity, Action::FilterByEntity, Action::ClosePanel, Action::Help],
        Scope::Help => &[Action::CloseHelp, Action::PageDown, Action::PageUp],
    };
    actions.iter().filter_map(|&a| Some((first_key(keymap, scope, a)?.to_string(), a.name()))).collect()
}

/// The prompt's label: `/` for plain text, `regex /` in regex mode, `filter` for the list.
fn prompt_label(prompt: &Prompt) -> &'static str {
    match prompt.purpose {
        PromptFor::Filter => "filter",
        PromptFor::Search if prompt.regex => "regex /",
        PromptFor::Search => "/",
    }
}

/// What the prompt shows of its input for a field `room` cells wide: the whole input, or a
/// window that keeps the cursor in view; and the cursor's column within it.
pub fn prompt_view(prompt: &Prompt, room: usize) -> (String, usize) {
    let input = sanitize(&prompt.input);
    let before = str_width(&sanitize(&prompt.input[..prompt.cursor.min(prompt.input.len())]));
    let room = room.max(1);
    if str_width(&input) < room {
        return (input.into_owned(), before);
    }
    // Drop characters from the left until the cursor fits.
    let mut skipped = 0;
    let mut start = 0;
    for (i, c) in input.char_indices() {
        if before - skipped < room {
            break;
        }
        skipped += crate::text::sanitize::char_width(c);
        start = i + c.len_utf8();
    }
    (truncate(&input[start..], room), before - skipped)
}

/// Where the terminal cursor goes while the prompt is open.
pub fn prompt_cursor(state: &State, area: Rect) -> Option<Position> {
    let prompt = state.overlays.prompt.as_ref()?;
    let label = str_width(prompt_label(prompt));
    let room = usize::from(area.width).saturating_sub(label + 1) / 2;
    let (_, column) = prompt_view(prompt, room);
    let x = area.x + u16::try_from(label + 1 + column).unwrap_or(u16::MAX);
    (x < area.right()).then_some(Position::new(x, area.y))
}

/// The prompt's line: label, input, then the regex toggle hint and the match counter or error.
fn render_prompt(status: &StatusLine<'_>, prompt: &Prompt, area: Rect, buf: &mut Buffer) {
    let theme = status.theme;
    let label = prompt_label(prompt);
    let room = usize::from(area.width).saturating_sub(str_width(label) + 1) / 2;
    let (shown, _) = prompt_view(prompt, room);
    buf.set_line(
        area.x,
        area.y,
        &Line::from(vec![
            Span::styled(format!("{label} "), theme.status_focus),
            Span::styled(shown.clone(), theme.status),
        ]),
        area.width,
    );
    // The right side, by importance: the counter, then the regex toggle, then the error, which
    // is cut to the room that is left.
    let used = str_width(label) + 1 + str_width(&shown) + 2;
    let mut room = usize::from(area.width).saturating_sub(used);
    if prompt.purpose == PromptFor::Filter {
        render_filter_hint(status, area, buf, room);
        return;
    }
    let search = status.state.reading.search.as_ref().filter(|_| !prompt.input.is_empty());
    let counter = search.map(|s| format!("{} ", s.counter())).unwrap_or_default();
    room = room.saturating_sub(str_width(&counter));
    let toggle = status.keymap.keys_for(Scope::Prompt, Action::ToggleRegex).into_iter().next().map(|key| {
        let mode = if prompt.regex { "text" } else { "regex" };
        (format!(" {key}"), format!(" {mode} "))
    });
    let toggle = toggle.filter(|(k, m)| str_width(k) + str_width(m) <= room);
    room = room.saturating_sub(toggle.as_ref().map_or(0, |(k, m)| str_width(k) + str_width(m)));
    let mut right = Vec::new();
    if let Some(error) = search.and_then(|s| s.matcher.error.as_ref()).filter(|_| room > 12) {
        right.push(Span::styled(
            format!("{} ", truncate(&format!("{error}; searching as text"), room - 1)),
            theme.error,
        ));
    }
    right.push(Span::styled(counter, theme.status_message));
    if let Some((key, mode)) = toggle {
        right.push(Span::styled(key, theme.help_key.patch(theme.status)));
        right.push(Span::styled(mode, theme.help_description.patch(theme.status)));
    }
    let width: usize = right.iter().map(|s| str_width(&s.content)).sum();
    let width = u16::try_from(width).unwrap_or(u16::MAX).min(area.width);
    buf.set_line(area.right() - width, area.y, &Line::from(right), width);
}

/// The right side of the filter prompt: how many articles match, and the prefixes.
fn render_filter_hint(status: &StatusLine<'_>, area: Rect, buf: &mut Buffer, room: usize) {
    let theme = status.theme;
    let state = status.state;
    let searching = state.list.filter.as_ref().is_some_and(|f| !f.complete);
    let count = match &state.list.filter {
        None => String::new(),
        Some(_) => format!("{}{} of {} ", state.list.order.len(), if searching { "…" } else { "" }, live_count(state)),
    };
    let mut right = vec![Span::styled(count.clone(), theme.status_message)];
    let hint = [(">", "text"), ("@", "entity")];
    let hint_width: usize = hint.iter().map(|(k, d)| k.len() + d.len() + 3).sum();
    if str_width(&count) + hint_width <= room {
        for (key, description) in hint {
            right.push(Span::styled(format!(" {key}"), theme.help_key.patch(theme.status)));
            right.push(Span::styled(format!(" {description} "), theme.help_description.patch(theme.status)));
        }
    }
    let width: usize = right.iter().map(|s| str_width(&s.content)).sum();
    let width = u16::try_from(width.min(room)).unwrap_or(u16::MAX).min(area.width);
    buf.set_line(area.right() - width, area.y, &Line::from(right), width);
}

/// Articles listed before any filter: those still on disk, in the chosen folder.
fn live_count(state: &State) -> usize {
    state.library.entries.iter().filter(|e| state.in_folder(e)).count()
}

impl Widget for StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let theme = self.theme;
        buf.set_style(area, theme.status);
        if let Some(prompt) = &state.overlays.prompt {
            render_prompt(&self, prompt, area, buf);
            return;
        }
        let label = match state.focus {
            _ if state.overlays.panel.is_some() => " ENTITIES ",
            Focus::List => " LIST ",
            Focus::Reader => " READ ",
        };
        // The hints are for the keys that work now.
        let scope = state.mode().scope();
        let mut left = vec![Span::styled(label, theme.status_focus)];
        if !state.list.order.is_empty() {
            left.push(Span::styled(format!(" {}/{}", state.list.selected + 1, state.list.order.len()), theme.status));
        }
        if let Some(reader) = &state.reading.reader {
            left.push(Span::styled(format!(" {:>3}%", reader.percent(state.view_height())), theme.status));
        }
        if let Some(search) =
            state.reading.search.as_ref().filter(|s| state.reading.reader.as_ref().map(|r| r.entry) == s.entry)
        {
            let query = truncate(&search.query, usize::from(area.width) / 4);
            // An entity's mentions read `person: Kim 2/7`; a typed search `/kim 2/7`.
            let slash = if search.entity.is_some() { "" } else { "/" };
            left.push(Span::styled(format!("  {slash}{query} {}", search.counter()), theme.status));
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

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;

    use super::*;
    use crate::config::Config;
    use crate::update::testing::{state_with, step};
    use crate::update::{Msg, update};

    fn draw(state: &State, width: u16) -> (Vec<String>, Buffer) {
        let config = Config::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
        let status = StatusLine { state, theme: &config.theme, keymap: &config.keymap, hints: true };
        status.render(buf.area, &mut buf);
        (super::super::rows(&buf), buf)
    }

    #[test]
    fn the_list_shows_where_it_is_and_the_live_hints() {
        let state = state_with(3);
        let (rows, buf) = draw(&state, 72);
        assert_eq!(rows, [" LIST  1/3   0%     enter open  / filter  m toggle-read  ? help  q quit "]);
        let focus = Config::default().theme.status_focus;
        assert!(buf[(1, 0)].modifier.contains(focus.add_modifier), "the mode label in its style");
    }

    #[test]
    fn reading_shows_the_percent_and_a_message_before_the_hints() {
        let mut state = state_with(3);
        step(&mut state, Msg::Action(Action::Open));
        step(&mut state, Msg::Action(Action::Bottom));
        step(&mut state, Msg::Action(Action::NextMatch));
        let (rows, _) = draw(&state, 72);
        assert_eq!(rows, [" READ  1/3 100%  no search yet: press / to search      h back  / search "]);
        let (rows, _) = draw(&state, 40);
        assert_eq!(rows, [" READ  1/3 100%  no search yet: pres…   "], "no room for hints");
    }

    #[test]
    fn the_prompt_shows_its_text_the_counter_and_the_regex_key() {
        let mut state = state_with(3);
        step(&mut state, Msg::Action(Action::Search));
        for c in "Paragraph 19".chars() {
            update(&mut state, Msg::Type(c));
        }
        let (rows, _) = draw(&state, 50);
        assert_eq!(rows, ["/ Paragraph 19                 1/11  ctrl-r regex "]);
        assert_eq!(prompt_cursor(&state, Rect::new(0, 0, 50, 1)), Some(Position::new(14, 0)));
    }

    #[test]
    fn the_help_overlay_hints_its_own_keys() {
        let mut state = state_with(3);
        step(&mut state, Msg::Action(Action::Help));
        let (rows, _) = draw(&state, 60);
        assert_eq!(rows, [" LIST  1/3   0%             esc close-help  space page-down "]);
    }
}
