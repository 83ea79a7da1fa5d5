//! Search in the shown article: the prompt (typing, history, regex toggle), incremental
//! matching, `n` / `N`, and keeping the current match in view.

use std::ops::Range;
use std::time::Duration;

use super::Effect;
use crate::action::Action;
use crate::state::{Focus, Prompt, PromptFor, Reader, Search, State};
use crate::text::search::{Matcher, first_at_or_after};

/// Articles larger than this are searched around the view first and counted in the
/// background; smaller ones (a 10 MB article takes well under the 30 ms budget) at once.
pub const SYNC_SEARCH_BYTES: usize = 16 << 20;
/// A search that takes longer than this (a pathological regex on a huge line) stops where it
/// got to, and says so.
pub const SYNC_BUDGET: Duration = Duration::from_millis(250);
/// The background count of a huge article stops after this.
pub const COUNT_BUDGET: Duration = Duration::from_secs(10);
/// Around the view, this many screens are searched at once for a huge article.
const NEAR_SCREENS: usize = 4;

/// An edit of the prompt's text: characters typed are `Insert`, the rest are editing keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Delete from the start of the line to the cursor (`ctrl-u`).
    DeleteToStart,
    /// Delete the word before the cursor (`ctrl-w`).
    DeleteWord,
}

/// Opens the prompt: the search of the article shown (or previewed), or the list's filter.
pub fn open_prompt(state: &mut State, purpose: PromptFor) {
    let origin_anchor = state.reader.as_ref().map_or(0, Reader::anchor);
    let origin_entry = state.reader.as_ref().map(|r| r.entry);
    let regex = state.search.as_ref().is_some_and(|s| s.regex);
    let input = match purpose {
        // The filter in force is edited rather than typed again.
        PromptFor::Filter => state.filter.as_ref().map(|f| f.input.clone()).unwrap_or_default(),
        PromptFor::Search => String::new(),
    };
    state.prompt = Some(Prompt {
        purpose,
        cursor: input.len(),
        input,
        regex,
        history_pos: None,
        draft: String::new(),
        origin_entry,
        origin_anchor,
        origin_focus: state.focus,
        previous: state.search.clone(),
        previous_filter: state.filter.clone(),
        origin_selected: state.selected_entry(),
    });
}

/// A key bound in the prompt scope.
pub fn prompt_action(state: &mut State, action: Action) -> Option<Effect> {
    let prompt = state.prompt.as_mut()?;
    let filtering = prompt.purpose == PromptFor::Filter;
    let history = if filtering { &state.filter_history } else { &state.history };
    match action {
        Action::Accept if filtering => return super::library::accept_filter(state),
        Action::Cancel if filtering => return super::library::cancel_filter(state),
        Action::Accept => return accept(state),
        Action::Cancel => return cancel(state),
        Action::ToggleRegex if filtering => {
            state.message = Some("the filter has no regex mode".into());
            return None;
        }
        Action::ToggleRegex => prompt.regex = !prompt.regex,
        Action::HistoryPrev | Action::HistoryNext => {
            let len = history.len();
            let pos = match (action, prompt.history_pos) {
                (Action::HistoryPrev, None) if len > 0 => Some(len - 1),
                (Action::HistoryPrev, Some(p)) => Some(p.saturating_sub(1)),
                (Action::HistoryNext, Some(p)) if p + 1 < len => Some(p + 1),
                (Action::HistoryNext, Some(_)) => None,
                (_, p) => p,
            };
            if pos == prompt.history_pos {
                return None;
            }
            if prompt.history_pos.is_none() {
                prompt.draft = prompt.input.clone();
            }
            prompt.history_pos = pos;
            prompt.input = pos.and_then(|p| history.get(p).cloned()).unwrap_or_else(|| prompt.draft.clone());
            prompt.cursor = prompt.input.len();
        }
        _ => return None,
    }
    rerun(state)
}

/// Runs what the prompt's text is for again after it changed.
fn rerun(state: &mut State) -> Option<Effect> {
    match state.prompt.as_ref()?.purpose {
        PromptFor::Search => run_incremental(state),
        PromptFor::Filter => super::library::run_filter(state),
    }
}

/// Applies an edit to the prompt's text and searches again.
pub fn edit(state: &mut State, edit: Edit) -> Option<Effect> {
    let prompt = state.prompt.as_mut()?;
    let before = prompt.input.clone();
    let text = &mut prompt.input;
    let at = prompt.cursor.min(text.len());
    let prev = text[..at].chars().next_back().map_or(at, |c| at - c.len_utf8());
    let next = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    match edit {
        // A control or bidi character (pasted, say) has no place in a query.
        Edit::Insert(c) if crate::text::sanitize::safe_char(c) != c => return None,
        Edit::Insert(c) => {
            text.insert(at, c);
            prompt.cursor = at + c.len_utf8();
        }
        Edit::Backspace => {
            text.replace_range(prev..at, "");
            prompt.cursor = prev;
        }
        Edit::Delete => text.replace_range(at..next, ""),
        Edit::Left => prompt.cursor = prev,
        Edit::Right => prompt.cursor = next,
        Edit::Home => prompt.cursor = 0,
        Edit::End => prompt.cursor = text.len(),
        Edit::DeleteToStart => {
            text.replace_range(..at, "");
            prompt.cursor = 0;
        }
        Edit::DeleteWord => {
            let head = text[..at].trim_end();
            let start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            text.replace_range(start..at, "");
            prompt.cursor = start;
        }
    }
    if prompt.input == before {
        return None;
    }
    prompt.history_pos = None;
    rerun(state)
}

/// Searches for the prompt's text from where the view was when the prompt opened.
fn run_incremental(state: &mut State) -> Option<Effect> {
    let prompt = state.prompt.as_ref()?;
    let (query, regex, from) = (prompt.input.clone(), prompt.regex, prompt.origin_anchor);
    // Searching from where the view was, if that article is still the one shown.
    let from = if state.reader.as_ref().map(|r| r.entry) == prompt.origin_entry { from } else { 0 };
    if query.is_empty() {
        state.search = None;
        set_anchor(state, from);
        return None;
    }
    let effect = start_search(state, &query, regex);
    let Some(search) = state.search.as_mut() else { return effect };
    search.current = first_at_or_after(&search.matches, from);
    if search.current.is_some() {
        reveal_current(state);
    } else {
        set_anchor(state, from);
    }
    effect
}

/// Makes `query` the search and finds its matches in the shown article: all at once, or for a
/// huge article those near the view now and the rest in the background.
pub fn start_search(state: &mut State, query: &str, regex: bool) -> Option<Effect> {
    let generation = state.search.as_ref().map_or(0, |s| s.generation + 1);
    let matcher = match state.search.as_ref() {
        Some(s) if s.query == query && s.regex == regex => s.matcher.clone(),
        _ => Matcher::new(query, regex),
    };
    state.search = Some(Search {
        query: query.to_string(),
        regex,
        matcher,
        matches: Vec::new(),
        current: None,
        entry: None,
        complete: true,
        stopped: false,
        generation,
        entity: None,
    });
    refresh_matches(state)
}

/// Finds the search's matches in the article now shown (after a new query or an article switch).
pub fn refresh_matches(state: &mut State) -> Option<Effect> {
    let height = state.view_height();
    let (Some(search), Some(reader)) = (state.search.as_mut(), state.reader.as_ref()) else { return None };
    let text = &reader.article.doc.text;
    search.entry = Some(reader.entry);
    search.current = None;
    if let Some(target) = &search.entity {
        (search.matches, search.complete) = super::entities::entity_matches(reader, target);
        search.stopped = false;
        return None;
    }
    if text.len() <= SYNC_SEARCH_BYTES {
        let (matches, complete) = search.matcher.find_within(text, 0..text.len(), Some(SYNC_BUDGET));
        search.matches = matches;
        search.complete = true;
        search.stopped = !complete;
        return None;
    }
    let lines = &reader.layout.lines;
    let first = reader.top.saturating_sub(height * NEAR_SCREENS);
    let last = (reader.top + height * (NEAR_SCREENS + 1)).min(lines.len().saturating_sub(1));
    let near = lines.get(first).map_or(0, |l| l.range.start)..lines.get(last).map_or(text.len(), |l| l.range.end);
    let (matches, complete) = search.matcher.find_within(text, near, Some(SYNC_BUDGET));
    search.matches = matches;
    search.stopped = !complete;
    search.complete = false;
    search.generation += 1;
    Some(Effect::CountMatches { generation: search.generation })
}

/// The background count of a huge article finished.
pub fn counted(state: &mut State, generation: u64, matches: Vec<Range<usize>>, complete: bool) {
    let Some(search) = state.search.as_mut().filter(|s| s.generation == generation) else { return };
    let current = search.current.and_then(|i| search.matches.get(i).cloned());
    search.current = current.and_then(|c| matches.binary_search_by(|m| m.start.cmp(&c.start)).ok());
    search.matches = matches;
    search.complete = true;
    search.stopped = !complete;
}

fn accept(state: &mut State) -> Option<Effect> {
    let prompt = state.prompt.take()?;
    let mut effect = None;
    let mut query = prompt.input.clone();
    if query.is_empty() {
        // An empty query repeats the last search, as in less.
        let Some(last) = state.history.last().cloned() else {
            state.search = prompt.previous;
            return None;
        };
        query = last;
        state.prompt = Some(Prompt { input: query.clone(), cursor: query.len(), ..prompt.clone() });
        effect = run_incremental(state);
        state.prompt = None;
    }
    if state.history.last() != Some(&query) {
        state.history.retain(|q| q != &query);
        state.history.push(query);
    }
    if state.reader.is_some() {
        effect = effect.or(super::set_focus(state, Focus::Reader));
        reveal_current(state);
    }
    if let Some(search) = &state.search
        && search.complete
        && search.matches.is_empty()
    {
        state.message = Some(format!("no match for {}", search.query));
    }
    effect
}

fn cancel(state: &mut State) -> Option<Effect> {
    let prompt = state.prompt.take()?;
    state.search = prompt.previous;
    let same_article = state.reader.as_ref().map(|r| r.entry) == prompt.origin_entry;
    if same_article {
        set_anchor(state, prompt.origin_anchor);
    }
    let effect = super::set_focus(state, prompt.origin_focus);
    // The restored search may belong to the article shown before a click changed it.
    let shown = state.reader.as_ref().map(|r| r.entry);
    if state.search.as_ref().is_some_and(|s| s.entry != shown) {
        effect.or_else(|| refresh_matches(state))
    } else {
        effect
    }
}

/// `n` / `N`: the next or previous match, wrapping around with a notice.
pub fn step_match(state: &mut State, forward: bool) {
    let height = state.view_height();
    // The bytes in view: after scrolling away from the current match, n / N go on from what
    // is on screen (as in less), not from where the search last left the view.
    let view = state.reader.as_ref().map(|r| {
        let lines = &r.layout.lines;
        let start = lines.get(r.top).map_or(0, |l| l.range.start);
        let end = lines.get((r.top + height).min(lines.len()).saturating_sub(1)).map_or(start, |l| l.range.end);
        start..end.max(start)
    });
    let top_offset = view.as_ref().map_or(0, |v| v.start);
    let Some(search) = state.search.as_mut() else {
        state.message = Some("no search yet: press / to search".to_string());
        return;
    };
    if search.matches.is_empty() {
        state.message = Some(format!("no match for {}", search.query));
        return;
    }
    let count = search.matches.len();
    let in_view = |i: usize| {
        view.as_ref().is_some_and(|v| search.matches[i].start >= v.start && search.matches[i].start <= v.end)
    };
    if search.current.is_some_and(|i| !in_view(i)) {
        search.current = None;
        let first = first_at_or_after(&search.matches, top_offset).unwrap_or(0);
        let after_top = search.matches[first].start >= top_offset;
        search.current = Some(match (forward, after_top) {
            (true, true) => first,
            (true, false) => {
                state.message = Some("search wrapped to the top".to_string());
                0
            }
            // Backwards: the last match before the view.
            (false, _) if first > 0 && after_top => first - 1,
            (false, _) => {
                state.message = Some("search wrapped to the bottom".to_string());
                count - 1
            }
        });
        reveal_current(state);
        return;
    }
    let next = match search.current {
        None => first_at_or_after(&search.matches, top_offset).unwrap_or(0),
        Some(i) if forward => {
            if i + 1 == count {
                state.message = Some("search wrapped to the top".to_string());
            }
            (i + 1) % count
        }
        Some(i) => {
            if i == 0 {
                state.message = Some("search wrapped to the bottom".to_string());
            }
            (i + count - 1) % count
        }
    };
    search.current = Some(next);
    reveal_current(state);
}

/// Scrolls so the current match is in view: left alone if visible, else a quarter down the
/// screen so the lines before it give context.
pub fn reveal_current(state: &mut State) {
    let height = state.view_height();
    let Some(range) = state.search.as_ref().and_then(|s| s.matches.get(s.current?)).cloned() else { return };
    let Some(reader) = state.reader.as_mut() else { return };
    let first = reader.layout.line_containing(range.start);
    let last = reader.layout.line_containing(range.end.saturating_sub(1).max(range.start));
    if first < reader.top || last >= reader.top + height {
        reader.top = first.saturating_sub(height / 4).min(reader.max_top(height));
    }
}

/// Scrolls so the line showing byte `anchor` is at the top.
fn set_anchor(state: &mut State, anchor: usize) {
    let height = state.view_height();
    if let Some(reader) = state.reader.as_mut() {
        reader.top = reader.layout.line_of(anchor).min(reader.max_top(height));
    }
}
