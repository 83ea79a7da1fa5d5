//! In-article search: a query (plain or regex, smart case) compiled once, matched on the
//! article's text; byte ranges out, never screen lines.

use std::ops::Range;
use std::time::{Duration, Instant};

use regex::{Regex, RegexBuilder};

/// Compiled patterns larger than this are refused (regex's own guard against blow-up).
const SIZE_LIMIT: usize = 1 << 21;

/// A compiled search.
#[derive(Debug, Clone)]
pub struct Matcher {
    regex: Option<Regex>,
    /// Why the regex did not compile; the search then runs literally.
    pub error: Option<String>,
    pub case_sensitive: bool,
}

/// Smart case: a query with an uppercase letter is case-sensitive. In a regex, letters that
/// follow a backslash (`\S`, `\W`, `\B`) are syntax, not text, and do not count.
pub fn is_case_sensitive(query: &str, regex: bool) -> bool {
    let mut escaped = false;
    for c in query.chars() {
        if regex && escaped {
            escaped = false;
            continue;
        }
        if regex && c == '\\' {
            escaped = true;
            continue;
        }
        if c.is_uppercase() {
            return true;
        }
    }
    false
}

/// The pattern for a plain-text query: its words escaped, and every run of white space in it
/// matching any run of white space in the text (so a phrase matches across the line breaks a
/// paragraph was reflowed from).
pub fn literal_pattern(query: &str) -> String {
    let mut pattern = String::with_capacity(query.len() + 8);
    let mut word = String::new();
    let mut in_space = false;
    for c in query.chars() {
        if c.is_whitespace() {
            if !in_space {
                pattern.push_str(&regex::escape(&word));
                word.clear();
                pattern.push_str(r"\s+");
            }
            in_space = true;
        } else {
            word.push(c);
            in_space = false;
        }
    }
    pattern.push_str(&regex::escape(&word));
    pattern
}

pub(crate) fn build(pattern: &str, case_sensitive: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(!case_sensitive)
        .unicode(true)
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(SIZE_LIMIT * 4)
        .build()
}

/// The last line of a regex error: the message without the pattern echo and caret.
pub(crate) fn short_error(e: &regex::Error) -> String {
    let text = e.to_string();
    let line = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("invalid regex");
    line.trim().trim_start_matches("error: ").to_string()
}

impl Matcher {
    /// Compiles `query`; in regex mode an invalid pattern reports its error and is searched as
    /// plain text meanwhile. An empty query matches nothing.
    pub fn new(query: &str, regex_mode: bool) -> Self {
        let case_sensitive = is_case_sensitive(query, regex_mode);
        if query.is_empty() {
            return Self { regex: None, error: None, case_sensitive };
        }
        let mut error = None;
        if regex_mode {
            match build(query, case_sensitive) {
                // A pattern that matches empty text highlights nothing and, at every position,
                // may scan to the end of the line first: refuse it.
                Ok(regex) if regex.is_match("") => error = Some("the pattern matches empty text".to_string()),
                Ok(regex) => return Self { regex: Some(regex), error: None, case_sensitive },
                Err(e) => error = Some(short_error(&e)),
            }
        }
        let case_sensitive = is_case_sensitive(query, false);
        match build(&literal_pattern(query), case_sensitive) {
            Ok(regex) => Self { regex: Some(regex), error, case_sensitive },
            Err(e) => Self { regex: None, error: Some(short_error(&e)), case_sensitive },
        }
    }

    /// Every non-empty, non-overlapping match in `text[range]`, in order (as `grep -o` counts:
    /// `aa` in `aaaa` is two matches).
    pub fn find_in(&self, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        self.find_within(text, range, None).0
    }

    /// Like [`Matcher::find_in`], but gives up once `budget` has passed (a pathological
    /// pattern on a huge line); the flag says whether the search finished.
    pub fn find_within(&self, text: &str, range: Range<usize>, budget: Option<Duration>) -> (Vec<Range<usize>>, bool) {
        let Some(regex) = &self.regex else { return (Vec::new(), true) };
        let range = range.start.min(text.len())..range.end.min(text.len());
        let deadline = budget.map(|b| Instant::now() + b);
        let mut out = Vec::new();
        // `find_at` keeps look-around (\b, ^) correct at the edges of the range.
        let mut at = range.start;
        let mut steps = 0u32;
        while at <= range.end {
            steps = steps.wrapping_add(1);
            if steps.is_multiple_of(256) && deadline.is_some_and(|d| Instant::now() > d) {
                return (out, false);
            }
            let Some(m) = regex.find_at(&text[..range.end], at) else { break };
            if m.start() < m.end() {
                out.push(m.range());
                at = m.end();
            } else {
                // An empty match (`\b`): step over one character.
                at = m.end() + text[m.end()..].chars().next().map_or(1, char::len_utf8);
            }
        }
        (out, true)
    }

    /// Every match in `text`.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        self.find_in(text, 0..text.len())
    }
}

/// The index of the first match starting at or after `offset`, wrapping to the first match;
/// `None` when there are no matches.
pub fn first_at_or_after(matches: &[Range<usize>], offset: usize) -> Option<usize> {
    if matches.is_empty() {
        return None;
    }
    let i = matches.partition_point(|m| m.start < offset);
    Some(if i == matches.len() { 0 } else { i })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    fn found<'t>(query: &str, regex: bool, text: &'t str) -> Vec<&'t str> {
        Matcher::new(query, regex).find_all(text).into_iter().map(|r| &text[r]).collect()
    }

    #[rstest]
    #[case::lowercase_ignores_case("park", "Park PARK park", &["Park", "PARK", "park"])]
    #[case::uppercase_is_exact("Park", "Park PARK park", &["Park"])]
    #[case::unicode_folding("müller", "MÜLLER and Müller", &["MÜLLER", "Müller"])]
    #[case::unicode_uppercase_exact("Müller", "MÜLLER and Müller", &["Müller"])]
    #[case::greek_folding("σοφία", "ΣΟΦΊΑ", &["ΣΟΦΊΑ"])]
    #[case::phrase_across_line_break("kim jong", "said Kim\nJong-un", &["Kim\nJong"])]
    #[case::whitespace_runs("north korea", "North  \n\t Korea", &["North  \n\t Korea"])]
    #[case::overlapping_candidates("aa", "aaaa", &["aa", "aa"])]
    #[case::regex_chars_are_literal("$81 million", "cost $81 million.", &["$81 million"])]
    #[case::dots_are_literal("u.n.", "the U.N. and uxnx", &["U.N."])]
    #[case::next_to_wide_characters("東京", "in東京and 東京.", &["東京", "東京"])]
    #[case::emoji_neighbours("ramen", "🍜ramen🍜", &["ramen"])]
    #[case::empty_query("", "anything", &[])]
    #[case::no_match("zebra", "horse", &[])]
    fn plain_search(#[case] query: &str, #[case] text: &str, #[case] expected: &[&str]) {
        assert_eq!(found(query, false, text), expected);
    }

    #[rstest]
    #[case::class(r"\d+ percent", "a 300 percent rise", &["300 percent"])]
    #[case::escaped_uppercase_is_not_case(r"\Skim", "xKIM xkim", &["xKIM", "xkim"])]
    #[case::uppercase_literal_is_case(r"K\w+", "Kim kim", &["Kim"])]
    #[case::empty_matching_patterns_are_searched_as_text("x*", "axxb x*", &["x*"])]
    #[case::word_boundary(r"\bpark\b", "Parker park", &["park"])]
    fn regex_search(#[case] query: &str, #[case] text: &str, #[case] expected: &[&str]) {
        assert_eq!(found(query, true, text), expected);
    }

    #[test]
    fn invalid_regex_reports_and_searches_literally() {
        let m = Matcher::new("(unclosed", true);
        assert!(m.error.as_deref().is_some_and(|e| e.contains("unclosed")), "{:?}", m.error);
        assert_eq!(m.find_all("an (unclosed group"), vec![3..12]);
    }

    #[test]
    fn patterns_matching_empty_text_are_refused() {
        for pattern in ["(.*Z)?", "x*", "^", "a|"] {
            let m = Matcher::new(pattern, true);
            assert_eq!(m.error.as_deref(), Some("the pattern matches empty text"), "{pattern}");
        }
        assert!(Matcher::new(r"\b", true).error.is_none(), "empty only between words is fine");
    }

    #[test]
    fn a_slow_pattern_stops_at_its_budget() {
        // Each match needs a scan to the end of the line first: quadratic without a budget.
        let text = "a".repeat(200_000);
        let m = Matcher::new("(?:a.*Z|a)", true);
        let (found, complete) = m.find_within(&text, 0..text.len(), Some(Duration::from_millis(50)));
        // How soon it stops is measured in benches/core.rs (`slow_pattern_stops_at_its_budget`).
        assert!(!complete && found.len() < text.len(), "{} matches", found.len());
    }

    #[test]
    fn huge_patterns_are_refused_not_hung() {
        let m = Matcher::new(r"(\w{1000}){1000}", true);
        assert!(m.error.is_some());
    }

    #[test]
    fn find_in_keeps_word_boundaries_at_range_edges() {
        let m = Matcher::new(r"\bark", true);
        assert_eq!(m.find_in("park ark", 1..8), vec![5..8]);
    }

    #[rstest]
    #[case::before_all(0, Some(0))]
    #[case::exact(10, Some(1))]
    #[case::between(11, Some(2))]
    #[case::after_all_wraps(99, Some(0))]
    fn next_match_from_an_offset(#[case] offset: usize, #[case] expected: Option<usize>) {
        assert_eq!(first_at_or_after(&[0..2, 10..12, 20..22], offset), expected);
        assert_eq!(first_at_or_after(&[], offset), None);
    }

    proptest! {
        /// Any query on any text: ranges are ordered, non-overlapping, non-empty and lie on
        /// character boundaries.
        #[test]
        fn matches_are_valid_ranges(query in "[a-zü .*(\\\\]{0,8}", regex in any::<bool>(), text in "[a-zA-ZÜü東 \n.*(]{0,120}") {
            let m = Matcher::new(&query, regex);
            let mut last = 0;
            for r in m.find_all(&text) {
                prop_assert!(r.start >= last && r.start < r.end && r.end <= text.len());
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                last = r.end;
            }
        }
    }
}
