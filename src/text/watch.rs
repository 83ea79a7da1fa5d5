//! Watch-lists: the reader's own terms, found in article text as whole words (smart case per
//! term, or as regexes); byte ranges out.

#[cfg(test)]
use std::cmp::Reverse;
use std::ops::Range;

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

/// Regex terms as one alternation; text terms as a trie of their words.
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

/// Text terms as a trie over tokens: word runs (letters, digits, `_`), single symbols, and
/// runs of white space, which all meet as one space token. A term is a path of tokens, written
/// as it is (a term with a capital) or case-folded; matches start and end on token edges, so
/// every match is a whole word by construction. Building is hashing each term's tokens: 100,000
/// terms in milliseconds (an Aho-Corasick automaton of their bytes took over a second).
#[derive(Debug, Clone)]
struct TextTerms {
    /// Token text to its id, for the exact terms' tokens and the folded terms' ones.
    exact: Map<Box<str>, u32>,
    folded: Map<Box<str>, u32>,
    /// A node's child by token id; node 0 is the root.
    children: Map<(u32, u32), u32>,
    /// Whether a term ends at each node.
    ends: Vec<bool>,
    gate: Gate,
}

type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// The id of the white space token, the same in both vocabularies.
const SPACE: u32 = 0;

#[derive(Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    Word,
    Symbol,
    Space,
}

impl TextTerms {
    fn new(terms: &[String]) -> Result<Self, WatchError> {
        let mut this = Self {
            exact: Map::default(),
            folded: Map::default(),
            children: Map::with_capacity_and_hasher(terms.len() * 2, foldhash::fast::FixedState::default()),
            ends: Vec::with_capacity(terms.len() * 2),
            gate: Gate::default(),
        };
        this.ends.push(false);
        let mut next_id = SPACE + 1;
        let mut buf = String::new();
        for term in terms {
            let fold = !is_case_sensitive(term, false);
            let mut node = 0u32;
            let term = term.trim();
            for (range, kind) in (Tokens { s: term, pos: 0 }) {
                let id = if kind == TokenKind::Space {
                    SPACE
                } else {
                    let text = token_text(&term[range], fold, &mut buf);
                    if node == 0 {
                        this.gate.add(text);
                    }
                    let vocab = if fold { &mut this.folded } else { &mut this.exact };
                    // Looked up before inserting: most tokens repeat, and a key is owned.
                    if let Some(&id) = vocab.get(text) {
                        id
                    } else {
                        vocab.insert(text.into(), next_id);
                        next_id += 1;
                        next_id - 1
                    }
                };
                let count = u32::try_from(this.ends.len())
                    .map_err(|_| WatchError::TooLarge { message: "too many terms".into() })?;
                node = *this.children.entry((node, id)).or_insert(count);
                if node == count {
                    this.ends.push(false);
                }
            }
            this.ends[node as usize] = true;
        }
        Ok(this)
    }

    fn find_in(&self, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        // Tokens from the start of the word the range starts in to the end of the one it ends
        // in: a match must be a whole word of the text, not of the range.
        let from = text[..range.start]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word(Some(*c)))
            .last()
            .map_or(range.start, |(i, _)| i);
        let to = range.end + text[range.end..].find(|c: char| !is_word(Some(c))).unwrap_or(text.len() - range.end);
        let mut toks = Tokens { s: &text[..to], pos: from };
        let mut out = Vec::new();
        let mut buf = String::new();
        while let Some((first, kind)) = toks.next() {
            if kind == TokenKind::Space || !self.gate.admits(&text[first.clone()]) {
                continue;
            }
            // The longest term from here, exact or folded.
            let mut end = None;
            for (fold, vocab) in [(false, &self.exact), (true, &self.folded)] {
                if vocab.is_empty() {
                    continue;
                }
                let mut node = 0;
                for (r, kind) in std::iter::once((first.clone(), kind)).chain(toks.clone()) {
                    let id = if kind == TokenKind::Space {
                        Some(SPACE)
                    } else {
                        vocab.get(token_text(&text[r.clone()], fold, &mut buf)).copied()
                    };
                    let Some(&child) = id.and_then(|id| self.children.get(&(node, id))) else { break };
                    node = child;
                    if self.ends[node as usize] {
                        end = end.max(Some(r.end));
                    }
                }
            }
            if let Some(end) = end.filter(|&end| first.start >= range.start && end <= range.end) {
                out.push(first.start..end);
                toks.pos = end;
            }
        }
        out
    }
}

/// The tokens of `s` from byte `pos` on, with their ranges and kinds; cheap to clone, to look
/// ahead along a term.
#[derive(Clone)]
struct Tokens<'a> {
    s: &'a str,
    pos: usize,
}

impl Iterator for Tokens<'_> {
    type Item = (Range<usize>, TokenKind);

    fn next(&mut self) -> Option<Self::Item> {
        let start = self.pos;
        let c = self.s[start..].chars().next()?;
        let kind = if is_word(Some(c)) {
            TokenKind::Word
        } else if c.is_whitespace() {
            TokenKind::Space
        } else {
            self.pos += c.len_utf8();
            return Some((start..self.pos, TokenKind::Symbol));
        };
        let rest = &self.s[start..];
        let len = rest
            .char_indices()
            .find(|&(_, next)| if kind == TokenKind::Word { !is_word(Some(next)) } else { !next.is_whitespace() })
            .map_or(rest.len(), |(i, _)| i);
        self.pos = start + len;
        Some((start..self.pos, kind))
    }
}

/// A quick no for most tokens of a text before any hashing: a bit per (first, last) pair of
/// case-folded characters that the first token of some term has.
#[derive(Debug, Clone)]
struct Gate(Vec<u64>);

impl Default for Gate {
    fn default() -> Self {
        Self(vec![0; 1 << 10])
    }
}

impl Gate {
    fn key(token: &str) -> usize {
        let mut chars = token.chars();
        let first = chars.next().map_or(0, |c| fold_char(c) as usize & 0xff);
        let last = chars.next_back().map_or(first, |c| fold_char(c) as usize & 0xff);
        first << 8 | last
    }

    fn add(&mut self, token: &str) {
        let key = Self::key(token);
        self.0[key / 64] |= 1 << (key % 64);
    }

    fn admits(&self, token: &str) -> bool {
        let key = Self::key(token);
        self.0[key / 64] & (1 << (key % 64)) != 0
    }
}

/// A token's text as a vocabulary knows it: as written, or case-folded into `buf`.
fn token_text<'a>(token: &'a str, fold: bool, buf: &'a mut String) -> &'a str {
    if !fold {
        return token;
    }
    buf.clear();
    if token.is_ascii() {
        buf.extend(token.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        buf.extend(token.chars().map(fold_char));
    }
    buf
}

/// One character standing for its whole case class, as the regex crate's simple case folding
/// has it for the common cases: lowercase of uppercase (so `ς`, `σ` and `Σ` meet, and `ẞ`
/// meets `ß`); a character whose case mapping is several characters stays itself.
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
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
