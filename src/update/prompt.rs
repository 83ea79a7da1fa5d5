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
