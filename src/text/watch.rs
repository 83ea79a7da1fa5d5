//! Watch-lists: the reader's own terms, found in article text as whole words (smart case per
//! term, or as regexes); byte ranges out.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Regex, RegexBuilder};

use super::search::{build, is_case_sensitive, short_error};

/// The compiled alternation of a regex list's terms is refused beyond this (regex's guard).
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
    matcher: Matcher,
}

/// Regex terms as one alternation; text terms as multi-pattern automata.
#[derive(Debug, Clone)]
enum Matcher {
    Regex(Regex),
    Text(TextTerms),
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
        if let Some(term) = terms.iter().position(|t| t.trim().is_empty()) {
            return Err(WatchError::EmptyTerm { term });
        }
        let matcher =
            if regex { Matcher::Regex(regex_matcher(&terms)?) } else { Matcher::Text(TextTerms::new(&terms)?) };
        Ok(Self { name: name.into(), terms, regex, matcher })
    }

    /// Every whole-word match in `text[range]`, in order, never overlapping: at each place the
    /// longest term that is a whole word there. Look-around at the edges of the range sees the
    /// text outside it.
    pub fn find_in(&self, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        let end = range.end.min(text.len());
        let start = range.start.min(end);
        match &self.matcher {
            Matcher::Regex(re) => find_regex(re, text, start..end),
            Matcher::Text(terms) => terms.find_in(text, start..end),
        }
    }
}

/// The regex terms as one alternation, each checked alone first so a mistake is reported at
/// the term that has it.
fn regex_matcher(terms: &[String]) -> Result<Regex, WatchError> {
    let mut parts = Vec::with_capacity(terms.len());
    for (term, text) in terms.iter().enumerate() {
        let case_sensitive = is_case_sensitive(text, true);
        let alone = build(text, case_sensitive).map_err(|e| WatchError::Regex { term, message: short_error(&e) })?;
        if alone.is_match("") {
            return Err(WatchError::MatchesEmpty { term });
        }
        parts.push(format!("(?{}:{text})", if case_sensitive { "-i" } else { "i" }));
    }
    RegexBuilder::new(&parts.join("|"))
        .unicode(true)
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(SIZE_LIMIT * 4)
        .build()
        .map_err(|e| WatchError::TooLarge { message: short_error(&e) })
}

fn find_regex(re: &Regex, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let haystack = &text[..range.end];
    let mut out = Vec::new();
    let mut at = range.start;
    while at < range.end {
        let Some(m) = re.find_at(haystack, at) else { break };
        if !m.is_empty() && whole_word(text, m.range()) {
            out.push(m.range());
            at = m.end();
        } else {
            // Not a word of its own here ("Park" in "Parker"): a match may still start at the
            // next character.
            at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// Text terms in two automata: the terms with a capital matched exactly, the others on the
/// text case-folded. A run of white space in a term or the text is one space to both.
#[derive(Debug, Clone)]
struct TextTerms {
    exact: Option<Automaton>,
    folded: Option<Automaton>,
}

#[derive(Debug, Clone)]
struct Automaton {
    ac: AhoCorasick,
    /// Some term holds white space: the text's runs of it are made one space before matching.
    spaces: bool,
    fold: bool,
}

impl TextTerms {
    fn new(terms: &[String]) -> Result<Self, WatchError> {
        let (exact, folded): (Vec<&String>, Vec<&String>) = terms.iter().partition(|t| is_case_sensitive(t, false));
        Ok(Self { exact: Automaton::new(&exact, false)?, folded: Automaton::new(&folded, true)? })
    }

    fn find_in(&self, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        for automaton in [&self.exact, &self.folded].into_iter().flatten() {
            automaton.find_in(text, range.clone(), &mut found);
        }
        // At each place the longest, places taken left to right without overlap.
        found.sort_unstable_by_key(|r| (r.start, Reverse(r.end)));
        let mut out: Vec<Range<usize>> = Vec::with_capacity(found.len());
        for r in found {
            if out.last().is_none_or(|last| r.start >= last.end) {
                out.push(r);
            }
        }
        out
    }
}

impl Automaton {
    fn new(terms: &[&String], fold: bool) -> Result<Option<Self>, WatchError> {
        if terms.is_empty() {
            return Ok(None);
        }
        let spaces = terms.iter().any(|t| t.trim().contains(char::is_whitespace));
        let patterns: Vec<String> = terms.iter().map(|t| normalize(t.trim(), fold, true).0.into_owned()).collect();
        let ac = AhoCorasick::builder()
            // Every match, overlapping: the whole-word check may reject one and keep another.
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(fold)
            .build(&patterns)
            .map_err(|e| WatchError::TooLarge { message: e.to_string() })?;
        Ok(Some(Self { ac, spaces, fold }))
    }

    /// Pushes onto `out` every match in `text[range]` that is a whole word.
    fn find_in(&self, text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
        let base = range.start;
        let (haystack, map) = normalize(&text[range], self.fold, self.spaces);
        for m in self.ac.find_overlapping_iter(haystack.as_ref()) {
            let r = base + map.original(m.start())..base + map.original(m.end());
            if whole_word(text, r.clone()) {
                out.push(r);
            }
        }
    }
}

/// Where bytes of a normalized text came from: at each place where lengths changed, the
/// offset after the change in both texts; offsets in between move together.
#[derive(Debug, Default)]
struct OffsetMap(Vec<(usize, usize)>);

impl OffsetMap {
    fn original(&self, at: usize) -> usize {
        match self.0.partition_point(|&(norm, _)| norm <= at).checked_sub(1) {
            Some(i) => self.0[i].1 + (at - self.0[i].0),
            None => at,
        }
    }
}

/// `s` case-folded beyond ASCII (with `fold`; ASCII case is the automaton's) and with each run
/// of white space made one space (with `spaces`), and the map back to offsets in `s`. Borrowed
/// when nothing changes.
fn normalize(s: &str, fold: bool, spaces: bool) -> (Cow<'_, str>, OffsetMap) {
    let fold = fold && !s.is_ascii();
    let needs_spaces = spaces
        && s.char_indices()
            .any(|(i, c)| c.is_whitespace() && (c != ' ' || s[i + 1..].starts_with(char::is_whitespace)));
    if !fold && !needs_spaces {
        return (Cow::Borrowed(s), OffsetMap::default());
    }
    let mut out = String::with_capacity(s.len());
    let mut map = OffsetMap::default();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let (replaced, end) = if spaces && c.is_whitespace() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, w)) = chars.peek().filter(|(_, w)| w.is_whitespace()) {
                end = j + w.len_utf8();
                chars.next();
            }
            (' ', end)
        } else if fold && !c.is_ascii() {
            (fold_char(c), i + c.len_utf8())
        } else {
            (c, i + c.len_utf8())
        };
        out.push(replaced);
        if replaced.len_utf8() != end - i {
            map.0.push((out.len(), end));
        }
    }
    (Cow::Owned(out), map)
}

/// One character standing for its whole case class, as the regex crate's simple case folding
/// has it for the common cases: lowercase of uppercase (so `ς`, `σ` and `Σ` meet, and `ẞ`
/// meets `ß`); a character whose case mapping is several characters stays itself.
fn fold_char(c: char) -> char {
    let upper = single(c.to_uppercase()).unwrap_or(c);
    single(upper.to_lowercase()).unwrap_or(upper)
}

fn single(mut chars: impl Iterator<Item = char>) -> Option<char> {
    let first = chars.next()?;
    chars.next().is_none().then_some(first)
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
    use crate::text::search::literal_pattern;
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
    #[case::shorter_at_the_place_of_a_rejected_longer(&["Lazarus", "Lazarus Group"], "the Lazarus Groupie", &["Lazarus"])]
    #[case::phrase_across_a_run_of_white_space(&["kim jong"], "Kim \n\t Jong-un", &["Kim \n\t Jong"])]
    #[case::phrase_across_a_no_break_space(&["kim jong"], "Kim\u{a0}Jong", &["Kim\u{a0}Jong"])]
    #[case::term_with_a_run_of_spaces(&["kim   jong"], "Kim Jong", &["Kim Jong"])]
    #[case::greek_case(&["σοφία"], "ΣΟΦΊΑ and σοφία", &["ΣΟΦΊΑ", "σοφία"])]
    #[case::sharp_s(&["straße"], "STRAẞE straße", &["STRAẞE", "straße"])]
    #[case::capital_after_non_ascii(&["Ökonom"], "ökonom Ökonom", &["Ökonom"])]
    #[case::overlapping_terms(&["new york", "york times"], "New York Times", &["New York"])]
    #[case::duplicate_terms(&["ark", "ark"], "ark", &["ark"])]
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

    /// Pseudo-random words from a fixed seed: reproducible lists without a word file.
    fn words(n: usize, len: std::ops::Range<usize>, seed: u64) -> Vec<String> {
        let mut x = seed;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        (0..n)
            .map(|_| {
                let l = len.start + usize::try_from(next() % (len.end - len.start) as u64).unwrap_or(0);
                (0..l).map(|_| char::from(b'a' + u8::try_from(next() % 26).unwrap_or(0))).collect()
            })
            .collect()
    }

    #[test]
    fn ten_thousand_short_terms_load_and_match() {
        let terms = words(10_000, 4..9, 7);
        let list = WatchList::new("many", terms.clone(), false).expect("compiles");
        let text = format!("before {} after {}", terms[1234], terms[9999].to_uppercase());
        let hits: Vec<&str> = list.find_in(&text, 0..text.len()).into_iter().map(|r| &text[r]).collect();
        assert!(
            hits.contains(&terms[1234].as_str()) && hits.contains(&terms[9999].to_uppercase().as_str()),
            "{hits:?}"
        );
    }

    #[test]
    fn fifteen_hundred_long_names_load_and_match() {
        let parts = words(4_500, 8..12, 11);
        let names: Vec<String> = parts
            .chunks(3)
            .enumerate()
            // Half written in lowercase (case-insensitive), half capitalised (exact).
            .map(|(i, c)| {
                let cap =
                    |w: &String| if i % 2 == 0 { w.clone() } else { format!("{}{}", w[..1].to_uppercase(), &w[1..]) };
                c.iter().map(cap).collect::<Vec<_>>().join(" ")
            })
            .collect();
        assert_eq!(names.len(), 1_500);
        assert!(names.iter().map(String::len).sum::<usize>() / names.len() >= 30);
        let list = WatchList::new("names", names.clone(), false).expect("compiles");
        let text = format!("met {}\nand {}.", names[0], names[1499].replacen(' ', "\n", 1));
        assert_eq!(list.find_in(&text, 0..text.len()).len(), 2);
    }

    /// What the matcher must find: at each place, the longest term that matches there as a
    /// whole word, places taken left to right without overlap; each term matched on its own by
    /// the regex the search prompt would build for it.
    fn oracle(terms: &[String], text: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        for term in terms {
            let re = build(&literal_pattern(term.trim()), is_case_sensitive(term, false)).expect("valid");
            for (at, _) in text.char_indices() {
                if let Some(m) = re.find_at(text, at).filter(|m| m.start() == at && !m.is_empty())
                    && whole_word(text, m.range())
                {
                    found.push(m.range());
                }
            }
        }
        found.sort_by_key(|r| (r.start, Reverse(r.end)));
        let mut out: Vec<Range<usize>> = Vec::new();
        for r in found {
            if out.last().is_none_or(|last| r.start >= last.end) {
                out.push(r);
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn plain_terms_match_like_one_regex_per_term(
            terms in proptest::collection::vec("[abABσß][abéσς\u{a0} ]{0,4}[abBΣẞ]", 1..6),
            text in "[abABéÉσςΣßẞ ,\t\u{a0}\n]{0,40}",
        ) {
            let terms: Vec<String> = terms.into_iter().filter(|t| !t.trim().is_empty()).collect();
            proptest::prop_assume!(!terms.is_empty());
            let list = WatchList::new("w", terms.clone(), false).expect("compiles");
            proptest::prop_assert_eq!(list.find_in(&text, 0..text.len()), oracle(&terms, &text));
        }
    }

    #[test]
    fn a_range_sees_the_words_around_it() {
        let list = WatchList::new("w", vec!["ark".into()], false).expect("compiles");
        assert_eq!(list.find_in("park ark", 1..8), vec![5..8]);
        assert_eq!(list.find_in("ark park", 0..2), Vec::<Range<usize>>::new());
    }
}
