//! Search in the shown article: matching a query (at once, or for a huge article around the
//! view first and counted whole in the background), `n` / `N`, and keeping the current match
//! in view. The prompt that types the query is `prompt`'s.

use std::ops::Range;
use std::sync::Arc;
use std::time::Duration;

use super::msg::Effect;
use crate::state::{Search, State};
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

/// Searches for `query` as typed, from byte `from`: the first match at or after it becomes the
/// current one (in view), or, with none, the view goes back to `from`. An empty query is no
/// search.
pub fn incremental(state: &mut State, query: &str, regex: bool, from: usize, fx: &mut Vec<Effect>) {
    if query.is_empty() {
        state.reading.search = None;
        set_anchor(state, from);
        return;
    }
    start(state, query, regex, fx);
    let Some(search) = state.reading.search.as_mut() else { return };
    search.current = first_at_or_after(&search.matches, from);
    if search.current.is_some() {
        reveal_current(state);
    } else {
        set_anchor(state, from);
    }
}

/// Makes `query` the search and finds its matches in the shown article.
pub fn start(state: &mut State, query: &str, regex: bool, fx: &mut Vec<Effect>) {
    let old = state.reading.search.as_ref();
    let generation = old.map_or(0, |s| s.generation + 1);
    let matcher = match old {
        Some(s) if s.query == query && s.regex == regex => s.matcher.clone(),
        _ => Matcher::new(query, regex),
    };
    state.reading.search = Some(Search {
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
    refresh_matches(state, fx);
}

/// Finds the search's matches in the article now shown (after a new query or an article
/// switch): all at once, or for a huge article those near the view now and the rest counted
/// in the background.
pub fn refresh_matches(state: &mut State, fx: &mut Vec<Effect>) {
    let height = state.view_height();
    let (Some(search), Some(reader)) = (state.reading.search.as_mut(), state.reading.reader.as_ref()) else {
        return;
    };
    let text = &reader.article.doc.text;
    search.entry = Some(reader.entry);
    search.current = None;
    search.stopped = false;
    if let Some(target) = &search.entity {
        search.matches = reader.highlights.mentions(text, target.mark, &target.name);
        search.complete = reader.highlights.complete;
        return;
    }
    if text.len() <= SYNC_SEARCH_BYTES {
        let (matches, complete) = search.matcher.find_within(text, 0..text.len(), Some(SYNC_BUDGET));
        (search.matches, search.complete, search.stopped) = (matches, true, !complete);
        return;
    }
    let lines = &reader.layout.lines;
    let first = reader.top.saturating_sub(height * NEAR_SCREENS);
    let last = (reader.top + height * (NEAR_SCREENS + 1)).min(lines.len().saturating_sub(1));
    let near = lines.get(first).map_or(0, |l| l.range.start)..lines.get(last).map_or(text.len(), |l| l.range.end);
    let (matches, complete) = search.matcher.find_within(text, near, Some(SYNC_BUDGET));
    (search.matches, search.complete, search.stopped) = (matches, false, !complete);
    search.generation += 1;
    let article = Arc::clone(&reader.article);
    fx.push(Effect::Count { generation: search.generation, article, matcher: search.matcher.clone() });
}

/// The background count of a huge article finished: its matches replace those near the view,
/// the current one kept.
pub fn counted(state: &mut State, generation: u64, matches: Vec<Range<usize>>, complete: bool) {
    let Some(search) = state.reading.search.as_mut().filter(|s| s.generation == generation) else { return };
    let current = search.current.and_then(|i| search.matches.get(i).cloned());
    search.current = current.and_then(|c| matches.binary_search_by(|m| m.start.cmp(&c.start)).ok());
    search.matches = matches;
    search.complete = true;
    search.stopped = !complete;
}

/// The bytes in view of the shown article.
fn view_bytes(state: &State) -> Option<Range<usize>> {
    let height = state.view_height();
    state.reading.reader.as_ref().map(|r| {
        let lines = &r.layout.lines;
        let start = lines.get(r.top).map_or(0, |l| l.range.start);
        let end = lines.get((r.top + height).min(lines.len()).saturating_sub(1)).map_or(start, |l| l.range.end);
        start..end.max(start)
    })
}

/// `n` / `N`: the next or previous match, wrapping around with a notice. After scrolling away
/// from the current match, they go on from what is on screen (as in less), not from where the
/// search last left the view.
pub fn step_match(state: &mut State, forward: bool) {
    let view = view_bytes(state);
    let top = view.as_ref().map_or(0, |v| v.start);
    let Some(search) = state.reading.search.as_mut() else {
        state.message = Some("no search yet: press / to search".to_string());
        return;
    };
    if search.matches.is_empty() {
        state.message = Some(format!("no match for {}", search.query));
        return;
    }
    let count = search.matches.len();
    let in_view = |i: usize| view.as_ref().is_some_and(|v| (v.start..=v.end).contains(&search.matches[i].start));
    let (next, wrapped) = match search.current {
        None => (first_at_or_after(&search.matches, top).unwrap_or(0), false),
        Some(i) if in_view(i) && forward => ((i + 1) % count, i + 1 == count),
        Some(i) if in_view(i) => ((i + count - 1) % count, i == 0),
        // Scrolled away from it: from the top of the view.
        Some(_) => {
            let first = first_at_or_after(&search.matches, top).unwrap_or(0);
            let after_top = search.matches[first].start >= top;
            match (forward, after_top) {
                (true, true) => (first, false),
                (true, false) => (0, true),
                // Backwards: the last match before the view.
                (false, _) if first > 0 && after_top => (first - 1, false),
                (false, _) => (count - 1, true),
            }
        }
    };
    search.current = Some(next);
    if wrapped {
        let end = if forward { "top" } else { "bottom" };
        state.message = Some(format!("search wrapped to the {end}"));
    }
    reveal_current(state);
}

/// Scrolls so the current match is in view: left alone if visible, else a quarter down the
/// screen so the lines before it give context.
pub fn reveal_current(state: &mut State) {
    let height = state.view_height();
    let search = state.reading.search.as_ref();
    let Some(range) = search.and_then(|s| s.matches.get(s.current?)).cloned() else { return };
    let Some(reader) = state.reading.reader.as_mut() else { return };
    let first = reader.layout.line_containing(range.start);
    let last = reader.layout.line_containing(range.end.saturating_sub(1).max(range.start));
    if first < reader.top || last >= reader.top + height {
        reader.top = first.saturating_sub(height / 4).min(reader.max_top(height));
    }
}

/// Scrolls so the line showing byte `anchor` is at the top.
pub fn set_anchor(state: &mut State, anchor: usize) {
    let height = state.view_height();
    if let Some(reader) = state.reading.reader.as_mut() {
        reader.top = reader.layout.line_of(anchor).min(reader.max_top(height));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::update::testing::{state_with, step};
    use crate::update::{Msg, update};

    /// A state with article 0 (200 numbered paragraphs) open in the reader.
    fn reading() -> State {
        let mut s = state_with(2);
        step(&mut s, Msg::Action(Action::Open));
        s
    }

    fn search(s: &State) -> &Search {
        s.reading.search.as_ref().expect("a search is in force")
    }

    fn top(s: &State) -> usize {
        s.reading.reader.as_ref().map_or(0, |r| r.top)
    }

    fn offset_of(s: &State, needle: &str) -> usize {
        s.reading.reader.as_ref().and_then(|r| r.article.doc.text.find(needle)).expect("in the text")
    }

    #[test]
    fn typing_finds_the_first_match_after_where_the_view_was_and_shows_it() {
        let mut s = reading();
        let mut fx = Vec::new();
        let from = offset_of(&s, "Paragraph 100 ");
        incremental(&mut s, "Paragraph 1", false, from, &mut fx);
        assert!(fx.is_empty(), "a small article is searched at once");
        let current = search(&s).current.expect("a current match");
        assert_eq!(search(&s).matches[current].start, from, "the first at or after the view");
        assert_eq!(search(&s).counter(), format!("{}/{}", current + 1, search(&s).matches.len()));
        let r = s.reading.reader.as_ref().expect("open");
        let line = r.layout.line_containing(from);
        assert!(line >= r.top && line < r.top + s.view_height(), "in view");
    }

    #[test]
    fn no_match_or_an_empty_query_puts_the_view_back() {
        let mut s = reading();
        let mut fx = Vec::new();
        let from = offset_of(&s, "Paragraph 50 ");
        incremental(&mut s, "zeppelin", false, from, &mut fx);
        assert_eq!((search(&s).counter(), top(&s)), ("no match".to_string(), line_of(&s, from)));
        incremental(&mut s, "Paragraph 190", false, from, &mut fx);
        assert!(top(&s) > line_of(&s, from), "moved to the match");
        incremental(&mut s, "", false, from, &mut fx);
        assert!(s.reading.search.is_none());
        assert_eq!(top(&s), line_of(&s, from));
    }

    fn line_of(s: &State, offset: usize) -> usize {
        s.reading.reader.as_ref().map_or(0, |r| r.layout.line_of(offset))
    }

    #[test]
    fn n_and_big_n_wrap_around_with_a_notice() {
        let mut s = reading();
        start(&mut s, "Paragraph 19", false, &mut Vec::new());
        let count = search(&s).matches.len();
        assert_eq!(count, 11, "19 and 190 to 199");
        step_match(&mut s, true);
        assert_eq!((search(&s).current, s.message.as_deref()), (Some(0), None));
        step_match(&mut s, false);
        assert_eq!(search(&s).current, Some(count - 1));
        assert_eq!(s.message.as_deref(), Some("search wrapped to the bottom"));
        step_match(&mut s, true);
        assert_eq!(search(&s).current, Some(0));
        assert_eq!(s.message.as_deref(), Some("search wrapped to the top"));
    }

    #[test]
    fn after_scrolling_away_n_goes_on_from_the_view() {
        let mut s = reading();
        start(&mut s, "Paragraph 1", false, &mut Vec::new());
        step_match(&mut s, true);
        assert_eq!(search(&s).current, Some(0));
        let far = offset_of(&s, "Paragraph 150 ");
        set_anchor(&mut s, far);
        step_match(&mut s, true);
        let current = search(&s).current.expect("current");
        assert_eq!(search(&s).matches[current].start, offset_of(&s, "Paragraph 150 "), "the first from the view");
        step_match(&mut s, false);
        let back = search(&s).current.expect("current");
        assert_eq!(back, current - 1, "N from the view goes to the one before");
    }

    #[test]
    fn n_without_a_search_or_a_match_says_so() {
        let mut s = reading();
        step_match(&mut s, true);
        assert_eq!(s.message.as_deref(), Some("no search yet: press / to search"));
        start(&mut s, "zeppelin", false, &mut Vec::new());
        step_match(&mut s, true);
        assert_eq!(s.message.as_deref(), Some("no match for zeppelin"));
    }

    #[test]
    fn a_background_count_completes_the_matches_and_keeps_the_current_one() {
        let mut s = reading();
        start(&mut s, "Paragraph", false, &mut Vec::new());
        let all = search(&s).matches.clone();
        // As a huge article has it: the matches near the view, the second current, counting.
        let near = all[3..6].to_vec();
        let search = s.reading.search.as_mut().expect("search");
        (search.matches, search.current, search.complete, search.generation) = (near, Some(1), false, 7);
        counted(&mut s, 6, all.clone(), true);
        assert!(!self::search(&s).complete, "a stale count is ignored");
        counted(&mut s, 7, all.clone(), true);
        let search = self::search(&s);
        assert!(search.complete && !search.stopped);
        assert_eq!((search.matches.len(), search.current), (all.len(), Some(4)), "still on the same match");
    }

    #[test]
    fn switching_articles_searches_the_new_one() {
        let mut s = reading();
        start(&mut s, "article 0 ", false, &mut Vec::new());
        assert_eq!(search(&s).matches.len(), 200);
        step(&mut s, Msg::Action(Action::NextArticle));
        let search = search(&s);
        assert_eq!((search.entry, search.matches.len()), (Some(1), 0), "no article 0 in article 1");
        let effects = update(&mut s, Msg::Action(Action::PrevArticle));
        assert!(effects.is_empty(), "article 0 comes back from the recent ones");
        assert_eq!(self::search(&s).matches.len(), 200);
    }

    #[test]
    fn an_invalid_regex_is_searched_as_text_and_says_why() {
        let mut s = reading();
        start(&mut s, "Paragraph (1", true, &mut Vec::new());
        assert!(search(&s).matcher.error.is_some());
        assert_eq!(search(&s).counter(), "no match");
        start(&mut s, "Paragraph 1[0-9]{2} of", true, &mut Vec::new());
        assert_eq!(search(&s).matches.len(), 100);
    }
}
