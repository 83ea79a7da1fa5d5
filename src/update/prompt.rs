//! The prompt: one line of text typed and edited (cursor, word and line deletion, history),
//! for the search in the article or the list's filter; each change calls down into `search`
//! or `filter`, and closing it keeps or puts back what was there.

use super::msg::Effect;
use super::{filter, search, view};
use crate::action::Action;
use crate::state::{Focus, Prompt, PromptFor, State};

/// Opens the prompt: the search of the article shown (or previewed), or the list's filter.
pub fn open(state: &mut State, purpose: PromptFor) {
    let reader = state.reading.reader.as_ref();
    let input = match purpose {
        // The filter in force is edited rather than typed again.
        PromptFor::Filter => state.list.filter.as_ref().map(|f| f.input.clone()).unwrap_or_default(),
        PromptFor::Search => String::new(),
    };
    state.overlays.prompt = Some(Prompt {
        purpose,
        cursor: input.len(),
        input,
        regex: state.reading.search.as_ref().is_some_and(|s| s.regex),
        history_pos: None,
        draft: String::new(),
        origin_entry: reader.map(|r| r.entry),
        origin_anchor: reader.map_or(0, crate::state::Reader::anchor),
        origin_focus: state.focus,
        previous: state.reading.search.clone(),
        previous_filter: state.list.filter.clone(),
        origin_selected: state.selected_entry(),
    });
    if purpose == PromptFor::Filter {
        state.focus = Focus::List;
    }
}

/// A key bound in the prompt scope.
pub fn action(state: &mut State, action: Action, fx: &mut Vec<Effect>) {
    let Some(prompt) = state.overlays.prompt.as_mut() else { return };
    let filtering = prompt.purpose == PromptFor::Filter;
    match action {
        Action::Accept => return accept(state, fx),
        Action::Cancel => return cancel(state, fx),
        Action::ToggleRegex if filtering => {
            state.message = Some("the filter has no regex mode".into());
            return;
        }
        Action::ToggleRegex => prompt.regex = !prompt.regex,
        Action::HistoryPrev | Action::HistoryNext => {
            let history = if filtering { &state.list.filter_history } else { &state.reading.history };
            if !recall(prompt, history, action == Action::HistoryPrev) {
                return;
            }
        }
        _ => {
            if !edit(prompt, action) {
                return;
            }
            prompt.history_pos = None;
        }
    }
    rerun(state, fx);
}

/// A character typed: inserted at the cursor, unless it is a control or bidi character (pasted,
/// say), which has no place in a query.
pub fn type_char(state: &mut State, c: char, fx: &mut Vec<Effect>) {
    let Some(prompt) = state.overlays.prompt.as_mut() else { return };
    if crate::text::sanitize::safe_char(c) != c {
        return;
    }
    let at = prompt.cursor.min(prompt.input.len());
    prompt.input.insert(at, c);
    prompt.cursor = at + c.len_utf8();
    prompt.history_pos = None;
    rerun(state, fx);
}

/// Applies an editing action to the prompt's text and cursor; returns whether the text changed.
fn edit(prompt: &mut Prompt, action: Action) -> bool {
    let text = &mut prompt.input;
    let before = text.len();
    let at = prompt.cursor.min(text.len());
    let prev = text[..at].chars().next_back().map_or(at, |c| at - c.len_utf8());
    let next = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    let (cut, cursor) = match action {
        Action::DeleteBack => (prev..at, prev),
        Action::DeleteForward => (at..next, at),
        Action::DeleteToStart => (0..at, 0),
        Action::DeleteWord => {
            let start = text[..at].trim_end().rfind(char::is_whitespace).map_or(0, |i| i + 1);
            (start..at, start)
        }
        Action::CursorLeft => (at..at, prev),
        Action::CursorRight => (at..at, next),
        Action::CursorStart => (at..at, 0),
        Action::CursorEnd => (at..at, text.len()),
        _ => return false,
    };
    text.replace_range(cut, "");
    prompt.cursor = cursor;
    text.len() != before
}

/// `history-prev` / `history-next`: the previous or next query of `history`; past the newest
/// the text typed before recalling comes back. Returns whether the text changed.
fn recall(prompt: &mut Prompt, history: &[String], back: bool) -> bool {
    let len = history.len();
    let pos = match (back, prompt.history_pos) {
        (true, None) if len > 0 => Some(len - 1),
        (true, Some(p)) => Some(p.saturating_sub(1)),
        (false, Some(p)) if p + 1 < len => Some(p + 1),
        (false, Some(_)) => None,
        (_, p) => p,
    };
    if pos == prompt.history_pos {
        return false;
    }
    if prompt.history_pos.is_none() {
        prompt.draft = prompt.input.clone();
    }
    prompt.history_pos = pos;
    prompt.input = pos.and_then(|p| history.get(p).cloned()).unwrap_or_else(|| prompt.draft.clone());
    prompt.cursor = prompt.input.len();
    true
}

/// Runs what the prompt's text is for again after it changed.
fn rerun(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(prompt) = state.overlays.prompt.as_ref() else { return };
    let input = prompt.input.clone();
    match prompt.purpose {
        PromptFor::Filter => filter::run(state, &input),
        PromptFor::Search => {
            // From where the view was, if that article is still the one shown.
            let same = state.reading.shown() == prompt.origin_entry;
            let from = if same { prompt.origin_anchor } else { 0 };
            search::incremental(state, &input, prompt.regex, from, fx);
        }
    }
}

/// `accept`: keeps what was typed. In the search, an empty query repeats the last one (as in
/// less); the query joins the history and the reader takes the focus.
fn accept(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(prompt) = state.overlays.prompt.take() else { return };
    if prompt.purpose == PromptFor::Filter {
        return filter::accept(state, prompt, fx);
    }
    let mut query = prompt.input.clone();
    if query.is_empty() {
        let Some(last) = state.reading.history.last().cloned() else {
            state.reading.search = prompt.previous;
            return;
        };
        let same = state.reading.shown() == prompt.origin_entry;
        search::incremental(state, &last, prompt.regex, if same { prompt.origin_anchor } else { 0 }, fx);
        query = last;
    }
    let history = &mut state.reading.history;
    if history.last() != Some(&query) {
        history.retain(|q| q != &query);
        history.push(query);
    }
    if state.reading.reader.is_some() {
        view::set_focus(state, Focus::Reader);
        search::reveal_current(state);
    }
    if let Some(search) = state.reading.search.as_ref().filter(|s| s.complete && s.matches.is_empty()) {
        state.message = Some(format!("no match for {}", search.query));
    }
}

/// `cancel`: puts back the view, the focus and the search (or filter) from before.
fn cancel(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(prompt) = state.overlays.prompt.take() else { return };
    if prompt.purpose == PromptFor::Filter {
        return filter::cancel(state, prompt);
    }
    state.reading.search = prompt.previous;
    if state.reading.shown() == prompt.origin_entry {
        search::set_anchor(state, prompt.origin_anchor);
    }
    view::set_focus(state, prompt.origin_focus);
    // The restored search may belong to the article shown before a click changed it.
    let shown = state.reading.shown();
    if state.reading.search.as_ref().is_some_and(|s| s.entry != shown) {
        search::refresh_matches(state, fx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::update::testing::{state_with, step};
    use crate::update::{Msg, update};

    /// A state with the search prompt open over an article.
    fn prompting() -> State {
        let mut s = state_with(2);
        step(&mut s, Msg::Action(Action::Search));
        s
    }

    fn typed(s: &mut State, text: &str) {
        for c in text.chars() {
            update(s, Msg::Type(c));
        }
    }

    fn input(s: &State) -> (String, usize) {
        let p = s.overlays.prompt.as_ref().expect("open");
        (p.input.clone(), p.cursor)
    }

    fn press(s: &mut State, action: Action) {
        update(s, Msg::Action(action));
    }

    #[test]
    fn editing_actions_move_and_delete_by_character_word_and_line() {
        let mut s = prompting();
        typed(&mut s, "grüße aus Köln");
        assert_eq!(input(&s), ("grüße aus Köln".to_string(), 17), "the cursor in bytes");
        press(&mut s, Action::DeleteWord);
        assert_eq!(input(&s), ("grüße aus ".to_string(), 12));
        press(&mut s, Action::CursorStart);
        press(&mut s, Action::CursorRight);
        press(&mut s, Action::CursorRight);
        press(&mut s, Action::CursorRight);
        press(&mut s, Action::DeleteBack);
        assert_eq!(input(&s), ("grße aus ".to_string(), 2), "one character, not one byte");
        press(&mut s, Action::DeleteForward);
        assert_eq!(input(&s), ("gre aus ".to_string(), 2));
        press(&mut s, Action::CursorEnd);
        press(&mut s, Action::CursorLeft);
        press(&mut s, Action::DeleteToStart);
        assert_eq!(input(&s), (" ".to_string(), 0));
    }

    #[test]
    fn each_change_searches_again_and_moving_the_cursor_does_not() {
        let mut s = prompting();
        typed(&mut s, "Paragraph 19");
        assert_eq!(s.reading.search.as_ref().map(|x| x.matches.len()), Some(11));
        s.reading.search.as_mut().expect("search").matches.clear();
        press(&mut s, Action::CursorLeft);
        assert!(s.reading.search.as_ref().is_some_and(|x| x.matches.is_empty()), "not searched again");
        press(&mut s, Action::DeleteBack);
        assert_eq!(input(&s).0, "Paragraph 9");
        assert!(s.reading.search.as_ref().is_some_and(|x| !x.matches.is_empty()), "searched again");
    }

    #[test]
    fn control_characters_are_not_typed() {
        let mut s = prompting();
        typed(&mut s, "a\u{1b}b\u{202e}c");
        assert_eq!(input(&s).0, "abc");
    }

    #[test]
    fn history_recalls_older_queries_and_comes_back_to_the_draft() {
        let mut s = prompting();
        for query in ["harbor", "quay"] {
            typed(&mut s, query);
            press(&mut s, Action::Accept);
            step(&mut s, Msg::Action(Action::Search));
        }
        typed(&mut s, "dra");
        press(&mut s, Action::HistoryPrev);
        assert_eq!(input(&s).0, "quay");
        press(&mut s, Action::HistoryPrev);
        press(&mut s, Action::HistoryPrev);
        assert_eq!(input(&s).0, "harbor", "stops at the oldest");
        press(&mut s, Action::HistoryNext);
        press(&mut s, Action::HistoryNext);
        assert_eq!(input(&s), ("dra".to_string(), 3), "past the newest: what was typed");
    }

    #[test]
    fn the_filter_prompt_has_no_regex_mode() {
        let mut s = state_with(2);
        step(&mut s, Msg::Action(Action::Filter));
        press(&mut s, Action::ToggleRegex);
        assert_eq!(s.message.as_deref(), Some("the filter has no regex mode"));
        assert!(s.overlays.prompt.as_ref().is_some_and(|p| !p.regex));
    }
}
