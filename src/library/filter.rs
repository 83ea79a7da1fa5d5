//! Narrowing the article list: a fuzzy filter on titles, a full-text search of every article
//! (`>` prefix) and the articles that mention an entity (`@` prefix). Pure: titles and article
//! texts in, positions and counts out; reading the articles for a deep query is a background
//! job's (`jobs::work`).

use std::sync::atomic::{AtomicBool, Ordering};

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::library::Article;
use crate::text::highlights::{Highlights, name_of};
use crate::text::search;
use crate::text::segments::Mark;
use crate::text::watch::WatchList;

/// Typed at the start of the filter prompt: search the full text of every article.
pub const FULL_TEXT_PREFIX: char = '>';
/// Typed at the start of the filter prompt: the articles that mention an entity of that name.
pub const ENTITY_PREFIX: char = '@';
/// Titles are matched on at most this many characters (a hostile 10,000-character title would
/// otherwise cost every keystroke).
const TITLE_CHARS: usize = 512;

/// What the filter prompt's text asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// Fuzzy on titles (fzf syntax: `'exact`, `^prefix`, `suffix$`, `!not`, words in any order).
    Title(String),
    /// Every article whose text holds this (smart case, as the in-article search).
    FullText(String),
    /// Every article that mentions an entity whose name holds this (case-insensitive), or is
    /// exactly `name` of `mark` when chosen from the entity panel.
    Entity { name: String, exact: Option<Mark> },
}

impl Query {
    /// Reads the prompt's text; `None` when there is nothing to filter by yet.
    pub fn parse(input: &str) -> Option<Self> {
        let query = if let Some(rest) = input.strip_prefix(FULL_TEXT_PREFIX) {
            Self::FullText(rest.to_string())
        } else if let Some(rest) = input.strip_prefix(ENTITY_PREFIX) {
            Self::Entity { name: name_of(rest), exact: None }
        } else {
            Self::Title(input.to_string())
        };
        let empty = match &query {
            Self::Title(q) | Self::FullText(q) => q.trim().is_empty(),
            Self::Entity { name, .. } => name.is_empty(),
        };
        (!empty).then_some(query)
    }

    /// Searched in the articles' text (in the background) rather than in their titles.
    pub fn is_deep(&self) -> bool {
        !matches!(self, Self::Title(_))
    }

    /// What the list counts for each article under this query.
    pub fn unit(&self) -> &'static str {
        match self {
            Self::Title(_) => "",
            Self::FullText(_) => "match",
            Self::Entity { .. } => "mention",
        }
    }
}

/// Fuzzy-matches titles against one query; keeps its scratch memory between calls.
pub struct TitleMatcher {
    pattern: Pattern,
    matcher: Matcher,
    buf: Vec<char>,
}

impl TitleMatcher {
    pub fn new(query: &str) -> Self {
        Self {
            pattern: Pattern::parse(query, CaseMatching::Smart, Normalization::Smart),
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
        }
    }

    /// The score of `title`, or `None` if it does not match.
    pub fn score(&mut self, title: &str) -> Option<u32> {
        let title = clip(title);
        self.pattern.score(Utf32Str::new(title, &mut self.buf), &mut self.matcher)
    }

    /// The positions (in characters) of `title`'s matched characters, sorted.
    pub fn indices(&mut self, title: &str) -> Vec<u32> {
        let title = clip(title);
        let mut out = Vec::new();
        self.pattern.indices(Utf32Str::new(title, &mut self.buf), &mut self.matcher, &mut out);
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn clip(title: &str) -> &str {
    title.char_indices().nth(TITLE_CHARS).map_or(title, |(i, _)| &title[..i])
}

/// The items of `order` whose title matches `query`, best first; equal scores keep their
/// order (the list's sort).
pub fn by_title<'a>(order: &[usize], title: impl Fn(usize) -> &'a str, query: &str) -> Vec<usize> {
    let mut matcher = TitleMatcher::new(query);
    let mut scored: Vec<(u32, usize)> =
        order.iter().filter_map(|&i| matcher.score(title(i)).map(|score| (score, i))).collect();
    // A stable sort: ties stay in list order.
    scored.sort_by_key(|&(score, _)| std::cmp::Reverse(score));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// A deep query made ready to count in many articles: its matcher compiled once.
#[derive(Debug, Clone)]
pub struct Counter {
    query: Query,
    /// The full-text query, or the words of the entity's name (to skip articles without them).
    matcher: search::Matcher,
}

impl Counter {
    pub fn new(query: Query) -> Self {
        let matcher = match &query {
            Query::Title(_) => search::Matcher::new("", false),
            Query::FullText(q) => search::Matcher::new(q, false),
            Query::Entity { name, .. } => search::Matcher::new(&name.to_lowercase(), false),
        };
        Self { query, matcher }
    }

    /// How many times `article` answers the query (0: not at all). `cancel` stops a long
    /// entity detection early.
    pub fn count(&self, article: &Article, lists: &[WatchList], cancel: &AtomicBool) -> usize {
        let text = &article.doc.text;
        match &self.query {
            Query::Title(_) => 0,
            Query::FullText(_) => self.matcher.find_all(text).len(),
            Query::Entity { name, exact } => {
                // Only articles holding the words at all are read for entities.
                if self.matcher.find_within(text, 0..text.len(), None).0.is_empty() {
                    return 0;
                }
                let Some(highlights) = Highlights::full_in_parts(&article.doc, lists, cancel) else { return 0 };
                if cancel.load(Ordering::Relaxed) {
                    return 0;
                }
                let wanted = name.to_lowercase();
                highlights
                    .groups(text)
                    .iter()
                    .filter(|g| match exact {
                        Some(mark) => g.mark == *mark && g.name == *name,
                        None => g.name.to_lowercase().contains(&wanted),
                    })
                    .map(|g| g.mentions.len())
                    .sum()
            }
        }
    }
}

/// How many times `article` answers a deep `query`; see [`Counter::count`].
pub fn count(article: &Article, query: &Query, lists: &[WatchList], cancel: &AtomicBool) -> usize {
    Counter::new(query.clone()).count(article, lists, cancel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Format, article};
    use crate::text::entities::EntityKind;
    use rstest::rstest;
    use std::path::Path;

    #[rstest]
    #[case::title("tre", Some(Query::Title("tre".into())))]
    #[case::full_text(">frozen assets", Some(Query::FullText("frozen assets".into())))]
    #[case::entity("@Janet  Yellen", Some(Query::Entity { name: "Janet Yellen".into(), exact: None }))]
    #[case::empty("", None)]
    #[case::blank("  ", None)]
    #[case::prefix_only(">", None)]
    #[case::entity_prefix_only("@ ", None)]
    fn parses_the_prompt(#[case] input: &str, #[case] expected: Option<Query>) {
        assert_eq!(Query::parse(input), expected);
    }

    const TITLES: [&str; 5] = [
        "Treasury freezes accounts",
        "A quiet week in Oslo",
        "The rise of stablecoins",
        "Court ruling on trade",
        "STREET FOOD",
    ];

    #[rstest]
    #[case::fuzzy_subsequence("trsy", &[0])]
    #[case::smart_case_lower_matches_any("street", &[4])]
    #[case::smart_case_upper_is_exact("Street", &[])]
    #[case::words_in_any_order("oslo week", &[1])]
    #[case::exact_term("'rise", &[2])]
    #[case::negation("!oslo", &[0, 2, 3, 4])]
    #[case::no_match("zzz", &[])]
    fn filters_titles(#[case] query: &str, #[case] expected: &[usize]) {
        let order: Vec<usize> = (0..TITLES.len()).collect();
        let mut got = by_title(&order, |i| TITLES[i], query);
        got.sort_unstable();
        assert_eq!(got, expected);
    }

    #[test]
    fn better_matches_come_first_and_ties_keep_the_list_order() {
        let titles = ["Notes on trade", "trade", "Trade talks", "Retreading"];
        let order = [3, 2, 1, 0];
        let got = by_title(&order, |i| titles[i], "trade");
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(!got.contains(&3), "Retreading does not hold t-r-a-d-e in order: {got:?}");
        // The two titles that start with the word rank above the one where it comes last.
        assert_eq!(got[2], 0, "{got:?}");
    }

    #[test]
    fn indices_point_at_matched_characters() {
        let mut m = TitleMatcher::new("tfr");
        assert_eq!(m.indices("Treasury freezes"), [0, 9, 10]);
        let mut m = TitleMatcher::new("oslo");
        assert_eq!(m.indices("Été à Oslo"), [6, 7, 8, 9]);
    }

    #[test]
    fn a_huge_title_is_matched_on_its_start() {
        let title = format!("Start {}", "x".repeat(100_000));
        let mut m = TitleMatcher::new("start");
        assert!(m.score(&title).is_some());
        assert!(TitleMatcher::new("xxxxxxxxxxxxxxxxxxx y").score(&title).is_none());
    }

    fn article(text: &str) -> Article {
        article::parse(Format::Text, text, Path::new("a.txt"))
    }

    #[test]
    fn counts_full_text_matches_with_smart_case() {
        let a = article("Title\n\nThe Treasury said the treasury would act. Treasury!\n");
        let stop = AtomicBool::new(false);
        assert_eq!(count(&a, &Query::FullText("treasury".into()), &[], &stop), 3);
        assert_eq!(count(&a, &Query::FullText("Treasury".into()), &[], &stop), 2);
        assert_eq!(count(&a, &Query::FullText("central bank".into()), &[], &stop), 0);
    }

    #[test]
    fn counts_entity_mentions_by_name_or_exactly() {
        let a = article(
            "Sanctions\n\nJanet Yellen spoke in Washington on Monday. Yellen said the Treasury would act, \
             and Yellen left for Paris.\n",
        );
        let stop = AtomicBool::new(false);
        let typed = Query::Entity { name: "yellen".into(), exact: None };
        assert_eq!(count(&a, &typed, &[], &stop), 3);
        let person = Mark::Entity(EntityKind::Person);
        // One entity, one entry (issue 13): the later "Yellen"s are mentions of "Janet Yellen".
        let exact = Query::Entity { name: "Janet Yellen".into(), exact: Some(person) };
        assert_eq!(count(&a, &exact, &[], &stop), 3);
        let place = Query::Entity { name: "Paris".into(), exact: Some(Mark::Entity(EntityKind::Place)) };
        assert_eq!(count(&a, &place, &[], &stop), 1);
        let absent = Query::Entity { name: "Lagarde".into(), exact: None };
        assert_eq!(count(&a, &absent, &[], &stop), 0);
    }
}
