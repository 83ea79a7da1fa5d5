//! Watch-lists: the reader's own terms, found in article text as whole words (smart case per
//! term, or as regexes); byte ranges out.

use std::cmp::Reverse;
use std::ops::Range;

use regex::{Regex, RegexBuilder};

use super::search::{build, is_case_sensitive, literal_pattern, short_error};

/// The compiled alternation of a list's terms is refused beyond this (regex's guard).
const SIZE_LIMIT: usize = 1 << 22;

/// Why a watch-list does not compile; `term` is the index of the offending term.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WatchError {
    #[error("an empty term would match nothing")]
    EmptyTerm { term: usize },
    #[error("invalid regex: {message}")]
    Regex { term: usize, message: String },
    #[error("the regex matches empty text")]
    MatchesEmpty { term: usize },
    #[error("the terms are too many or too large to compile together: {message}")]
    TooLarge { message: String },
}

/// One watch-list: a name and its terms, compiled into one matcher.
#[derive(Debug, Clone)]
pub struct WatchList {
    pub name: String,
    pub terms: Vec<String>,
    /// The terms are regexes rather than text.
    pub regex: bool,
    matcher: Regex,
}

impl PartialEq for WatchList {
    fn eq(&self, other: &Self) -> bool {
        (&self.name, &self.terms, self.regex) == (&other.name, &other.terms, other.regex)
    }
}

impl Eq for WatchList {}

impl WatchList {
    /// Compiles the terms: each is case-insensitive unless it has a capital (in a regex, a
    /// capital that is not escape syntax), and text terms match across any run of white space.
    pub fn new(name: impl Into<String>, terms: Vec<String>, regex: bool) -> Result<Self, WatchError> {
        let mut parts = Vec::with_capacity(terms.len());
        for (term, text) in terms.iter().enumerate() {
            if text.trim().is_empty() {
                return Err(WatchError::EmptyTerm { term });
            }
            let pattern = if regex { text.clone() } else { literal_pattern(text.trim()) };
            let case_sensitive = is_case_sensitive(text, regex);
            // Each term alone first, so a mistake is reported at the term that has it.
            let alone =
                build(&pattern, case_sensitive).map_err(|e| WatchError::Regex { term, message: short_error(&e) })?;
            if alone.is_match("") {
                return Err(WatchError::MatchesEmpty { term });
            }
            parts.push((pattern, case_sensitive, text.len()));
        }
        // The alternation takes the first term that matches at a place: longer text terms go
        // first, so "Lazarus Group" is found whole and not as "Lazarus".
        if !regex {
            parts.sort_by_key(|&(_, _, len)| Reverse(len));
        }
        let joined = parts
            .iter()
            .map(|(pattern, case_sensitive, _)| format!("(?{}:{pattern})", if *case_sensitive { "-i" } else { "i" }))
            .collect::<Vec<_>>()
            .join("|");
        let matcher = RegexBuilder::new(&joined)
            .unicode(true)
            .size_limit(SIZE_LIMIT)
            .dfa_size_limit(SIZE_LIMIT * 4)
            .build()
            .map_err(|e| WatchError::TooLarge { message: short_error(&e) })?;
        Ok(Self { name: name.into(), terms, regex, matcher })
    }

    /// Every whole-word match in `text[range]`, in order, never overlapping. Look-around at the
    /// edges of the range sees the text outside it.
    pub fn find_in(&self, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        let end = range.end.min(text.len());
        let haystack = &text[..end];
        let mut out = Vec::new();
        let mut at = range.start.min(end);
        while at < end {
            let Some(m) = self.matcher.find_at(haystack, at) else { break };
            if !m.is_empty() && whole_word(text, m.range()) {
                out.push(m.range());
                at = m.end();
            } else {
                // Not a word of its own here ("Park" in "Parker"): a shorter term may still
                // match from the next character on.
                at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
        }
        out
    }
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Whether `range` of `text` does not cut into a word: where the match starts or ends with a
/// word character, the character beyond it is not one. (`$81` matches in `US$81`, as `\b`
/// would allow; `Park` does not match in `Parker`.)
fn whole_word(text: &str, range: Range<usize>) -> bool {
    let inside = &text[range.clone()];
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let joined_before = is_word(before) && is_word(inside.chars().next());
    let joined_after = is_word(after) && is_word(inside.chars().next_back());
    !joined_before && !joined_after
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn found<'t>(terms: &[&str], regex: bool, text: &'t str) -> Vec<&'t str> {
        let list = WatchList::new("w", terms.iter().map(ToString::to_string).collect(), regex).expect("compiles");
        list.find_in(text, 0..text.len()).into_iter().map(|r| &text[r]).collect()
    }

    #[rstest]
    #[case::whole_words_only(&["park"], "Parker park spark PARK", &["park", "PARK"])]
    #[case::capital_means_exact_case(&["SWIFT"], "swift SWIFT Swift", &["SWIFT"])]
    #[case::smart_case_is_per_term(&["SWIFT", "monero"], "Monero, swift and SWIFT", &["Monero", "SWIFT"])]
    #[case::longer_term_first(&["Lazarus", "Lazarus Group"], "the Lazarus Group and Lazarus", &["Lazarus Group", "Lazarus"])]
    #[case::phrase_across_a_line_break(&["kim jong"], "said Kim\nJong-un", &["Kim\nJong"])]
    #[case::symbol_edges_need_no_boundary(&["$81"], "US$81 and $810", &["$81"])]
    #[case::regex_chars_are_text(&["u.n."], "the U.N. and uxnx", &["U.N."])]
    #[case::unicode_words(&["müller"], "MÜLLER Müllerei müller", &["MÜLLER", "müller"])]
    #[case::shorter_after_a_rejected_longer(&["ab", "b"], "xab b", &["b"])]
    fn text_terms(#[case] terms: &[&str], #[case] text: &str, #[case] expected: &[&str]) {
        assert_eq!(found(terms, false, text), expected);
    }

    #[rstest]
    #[case::class(&[r"\d+ ships"], "12 ships and 3 shipsx", &["12 ships"])]
    #[case::escaped_capital_is_not_case(&[r"\Sonar"], "SONAR and sonar", &["SONAR", "sonar"])]
    #[case::alternatives(&["Kim (Jong|Yo)-\\w+"], "Kim Jong-un met Kim Yo-jong", &["Kim Jong-un", "Kim Yo-jong"])]
    fn regex_terms(#[case] terms: &[&str], #[case] text: &str, #[case] expected: &[&str]) {
        assert_eq!(found(terms, true, text), expected);
    }

    #[rstest]
    #[case::empty_term(&["ok", " "], false, WatchError::EmptyTerm { term: 1 })]
    #[case::matches_empty(&["a*"], true, WatchError::MatchesEmpty { term: 0 })]
    fn bad_terms_are_named(#[case] terms: &[&str], #[case] regex: bool, #[case] expected: WatchError) {
        let terms = terms.iter().map(ToString::to_string).collect();
        assert_eq!(WatchList::new("w", terms, regex), Err(expected));
    }

    #[test]
    fn an_invalid_regex_reports_its_message_and_term() {
        let err = WatchList::new("w", vec!["fine".into(), "(open".into()], true).expect_err("invalid");
        let WatchError::Regex { term, message } = &err else { panic!("{err:?}") };
        assert_eq!(*term, 1);
        assert!(message.contains("unclosed group"), "{message}");
    }

    #[test]
    fn a_range_sees_the_words_around_it() {
        let list = WatchList::new("w", vec!["ark".into()], false).expect("compiles");
        assert_eq!(list.find_in("park ark", 1..8), vec![5..8]);
        assert_eq!(list.find_in("ark park", 0..2), Vec::<Range<usize>>::new());
    }
}
