//! People, organizations, places and groups: capitalised runs found in the text, classified by
//! name lists, title and suffix cues and context, then made consistent across the document.

use std::collections::HashMap;
use std::ops::Range;

use super::gazetteer::Gazetteer;
use super::tokens::{Token, tokenize};
use super::{Entity, EntityKind};

/// Lowercase words that may sit inside a name between capitalised words.
const CONNECTORS: &[&str] = &[
    "of", "for", "de", "da", "del", "della", "der", "den", "van", "von", "di", "du", "la", "le", "bin", "ibn", "al",
    "el", "y", "&",
];
/// Words that end place names.
const PLACE_SUFFIXES: &[&str] = &[
    "River",
    "Mountains",
    "Mountain",
    "Island",
    "Islands",
    "County",
    "Province",
    "Valley",
    "Lake",
    "Sea",
    "Ocean",
    "Bay",
    "Airport",
    "Station",
    "Square",
    "Bridge",
    "Street",
    "Avenue",
    "Road",
    "Canal",
    "Strait",
    "Peninsula",
    "Desert",
    "Gulf",
    "Coast",
    "Harbour",
    "Harbor",
    "Port",
    "Range",
    "Glacier",
    "Falls",
    "Forest",
    "Heights",
    "Hills",
    "District",
    "Region",
    "State",
    "City",
    "Town",
    "Village",
    "Borough",
    "Prefecture",
    "Oblast",
    "Canyon",
    "Plain",
    "Plains",
];
/// Words after a name that say a person spoke.
const SPEECH_VERBS: &[&str] = &["said", "says", "told", "added", "wrote", "argued", "explained", "asked", "replied"];
/// Words before a name that say it is a place.
const PLACE_PREPOSITIONS: &[&str] =
    &["in", "at", "from", "near", "outside", "across", "throughout", "inside", "to", "into", "towards", "toward"];
/// Capitalised words that are dates or pronouns, never names.
const NOT_NAMES: &[&str] = &[
    "I",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Aug.",
    "Sept.",
    "Sep.",
    "Oct.",
    "Nov.",
    "Dec.",
];
/// Above this lowercase frequency a capitalised sentence-initial word is taken as an ordinary word.
const COMMON_AT_SENTENCE_START: u32 = 3;

/// How sure a classification is: strong evidence also teaches the rest of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    Strong(EntityKind),
    Weak(EntityKind),
    None,
}

/// A candidate name: its word tokens (indexes into the token list) and what is known of it.
#[derive(Debug, Clone)]
struct Candidate {
    words: Vec<usize>,
    range: Range<usize>,
    /// On a headline-style line, where capitals say little.
    headline: bool,
    /// Preceded by a title such as "Mr." or "President".
    titled: bool,
}

fn is_cap(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&word)
}

fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.len() <= 6 && letters.iter().all(|c| c.is_uppercase())
}

/// Every person, organization, place and group in `text`.
pub fn find(text: &str) -> Vec<Entity> {
    let lists = Gazetteer::get();
    let tokens = tokenize(text);
    let headlines = headline_lines(text, &tokens);
    let mut candidates = Vec::new();
    collect_candidates(text, &tokens, &headlines, lists, &mut candidates);

    // Pass 1: classify on each candidate's own evidence; strong results teach the document.
    let evidence: Vec<Evidence> = candidates.iter().map(|c| classify(text, &tokens, c, lists)).collect();
    let mut known: HashMap<String, EntityKind> = HashMap::new();
    let mut person_parts: HashMap<&str, EntityKind> = HashMap::new();
    for (c, ev) in candidates.iter().zip(&evidence) {
        if let Evidence::Strong(kind) = ev {
            known.entry(name_of(text, &tokens, c)).or_insert(*kind);
            if *kind == EntityKind::Person && c.words.len() >= 2 {
                for &w in &c.words {
                    let word = &text[tokens[w].range.clone()];
                    if word.chars().count() > 2 && !word.ends_with('.') {
                        person_parts.insert(word, EntityKind::Person);
                    }
                }
            }
        }
    }
    acronym_definitions(text, &tokens, &candidates, &evidence, &mut known);

    // Pass 2: weak and unknown candidates follow what the document established.
    let mut out = Vec::new();
    for (c, ev) in candidates.iter().zip(evidence) {
        let name = name_of(text, &tokens, c);
        let learned = known
            .get(&name)
            .copied()
            .or_else(|| (c.words.len() == 1).then(|| person_parts.get(name.as_str()).copied()).flatten());
        let kind = match (ev, learned) {
            (Evidence::Strong(kind), _) | (_, Some(kind)) => Some(kind),
            (Evidence::Weak(kind), None) if !c.headline => Some(kind),
            (Evidence::None, None) if !c.headline => Some(default_kind(c)),
            _ => None,
        };
        if let Some(kind) = kind {
            out.push(Entity { range: c.range.clone(), kind });
        }
    }
    out
}

/// The kind of a capitalised run nothing else explains.
fn default_kind(c: &Candidate) -> EntityKind {
    if c.words.len() >= 2 { EntityKind::Person } else { EntityKind::Organization }
}

/// The candidate's words joined by single spaces: the key for name lists and the document.
fn name_of(text: &str, tokens: &[Token], c: &Candidate) -> String {
    let _ = tokens;
    text[c.range.clone()].split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lines written in title case (a headline), where capitals do not mark names.
fn headline_lines(text: &str, tokens: &[Token]) -> Vec<bool> {
    let lines = text.lines().count().max(1);
    let mut stats = vec![(0usize, 0usize); lines + 1];
    let mut line = 0;
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && t.line_start {
            line += text[tokens[i - 1].range.end..t.range.start].matches('\n').count();
        }
        let word = &text[t.range.clone()];
        if t.word && word.chars().count() > 3 && word.chars().next().is_some_and(char::is_alphabetic) {
            let entry = &mut stats[line.min(lines)];
            entry.0 += 1;
            if word.chars().next().is_some_and(char::is_uppercase) {
                entry.1 += 1;
            }
        }
    }
    stats.iter().map(|&(words, caps)| words >= 3 && caps * 10 >= words * 8).collect()
}

/// The line number of each token.
fn line_numbers(text: &str, tokens: &[Token]) -> Vec<usize> {
    let mut line = 0;
    let mut prev_end = 0;
    tokens
        .iter()
        .map(|t| {
            line += text[prev_end..t.range.start].matches('\n').count();
            prev_end = t.range.end;
            line
        })
        .collect()
}

fn collect_candidates(text: &str, tokens: &[Token], headlines: &[bool], lists: &Gazetteer, out: &mut Vec<Candidate>) {
    let lines = line_numbers(text, tokens);
    let word = |i: usize| &text[tokens[i].range.clone()];
    let mut i = 0;
    #[allow(clippy::many_single_char_names)]
    while i < tokens.len() {
        if !(tokens[i].word && is_cap(word(i))) {
            i += 1;
            continue;
        }
        // Grow a run: capitalised words, and connectors between them.
        let mut words = vec![i];
        let mut j = i + 1;
        while j < tokens.len() && !tokens[j].line_start {
            let t = &tokens[j];
            let w = word(j);
            if t.word && is_cap(w) {
                // After "U.S." a common word such as "The" starts a new sentence.
                if t.after_dot && lists.common_count(w) > COMMON_AT_SENTENCE_START * 50 {
                    break;
                }
                words.push(j);
                j += 1;
            } else if ((t.word && CONNECTORS.contains(&w) || w == "&")
                && j + 1 < tokens.len()
                && tokens[j + 1].word
                && is_cap(word(j + 1))
                && !tokens[j + 1].line_start)
                || (w == "the" && words.last().is_some_and(|&k| matches!(word(k), "of" | "for")))
            {
                words.push(j);
                j += 1;
            } else {
                break;
            }
        }
        // A connector can't end a run.
        while words.last().is_some_and(|&k| !is_cap(word(k))) {
            words.pop();
        }
        let headline = headlines.get(lines[i]).copied().unwrap_or(false);
        for part in refine(text, tokens, words, lists) {
            out.push(Candidate { range: span(text, tokens, &part.0), words: part.0, headline, titled: part.1 });
        }
        i = j.max(i + 1);
    }
}

/// The byte range of a run of word tokens, a trailing hyphenated common word cut off
/// ("North Korea-aligned" → "North Korea").
fn span(text: &str, tokens: &[Token], words: &[usize]) -> Range<usize> {
    let (Some(&first), Some(&last)) = (words.first(), words.last()) else { return 0..0 };
    let start = tokens[first].range.start;
    let mut end = tokens[last].range.end;
    let last_word = &text[tokens[last].range.clone()];
    if let Some(cut) = hyphen_suffix(last_word) {
        end = tokens[last].range.start + cut;
    }
    start..end
}

/// Where to cut a word like "Singapore-based" or "Kim-led": before a hyphen followed by a
/// common lowercase word.
fn hyphen_suffix(word: &str) -> Option<usize> {
    let lists = Gazetteer::get();
    let at = word.rfind(['-', '‑'])?;
    let tail = &word[at + 1..];
    (at > 0 && tail.chars().next().is_some_and(char::is_lowercase) && lists.common_count(tail) > 20).then_some(at)
}

/// Splits a run into candidates: drops an ordinary sentence-initial word, strips titles (and
/// marks what follows as titled), splits at titles inside the run.
fn refine(text: &str, tokens: &[Token], words: Vec<usize>, lists: &Gazetteer) -> Vec<(Vec<usize>, bool)> {
    let word = |i: usize| &text[tokens[i].range.clone()];
    let mut words = words;
    // An ordinary word that starts a sentence ("The", "However", "In") is not part of a name.
    while let Some(&first) = words.first() {
        let t = &tokens[first];
        let w = word(first);
        let starts = t.sentence_start || t.after_dot;
        let known =
            lists.is_place(w) || lists.is_group(w) || lists.organizations.contains(w) || lists.first_names.contains(w);
        let ordinary = lists.common_count(w) > COMMON_AT_SENTENCE_START || matches!(w, "The" | "A" | "An");
        if (starts && ordinary && !known) || w == "The" || !is_cap(w) {
            words.remove(0);
        } else {
            break;
        }
    }
    while words.last().is_some_and(|&k| !is_cap(word(k))) {
        words.pop();
    }
    if words.is_empty() {
        return Vec::new();
    }
    // Titles: "President Kim", "Chinese President Xi Jinping", "Google CEO Sundar Pichai".
    let mut parts = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut titled = false;
    let mut k = 0;
    while k < words.len() {
        let title_len = (1..=3.min(words.len() - k))
            .rev()
            .find(|&n| {
                let phrase: Vec<&str> = words[k..k + n].iter().map(|&w| word(w)).collect();
                lists.titles.contains(phrase.join(" ").as_str())
            })
            .unwrap_or(0);
        if title_len > 0 && k + title_len < words.len() {
            if !current.is_empty() {
                parts.push((std::mem::take(&mut current), titled));
            }
            titled = true;
            k += title_len;
            continue;
        }
        current.push(words[k]);
        k += 1;
    }
    if !current.is_empty() {
        parts.push((current, titled));
    }
    parts.into_iter().filter(|(p, _)| p.iter().any(|&w| is_cap(word(w)))).collect()
}

/// What a candidate's own words and surroundings say it is.
fn classify(text: &str, tokens: &[Token], c: &Candidate, lists: &Gazetteer) -> Evidence {
    let word = |i: usize| &text[tokens[i].range.clone()];
    let name = name_of(text, tokens, c);
    let words: Vec<&str> = name.split(' ').collect();
    let first = words[0];
    let last = words[words.len() - 1];

    if lists.is_group(&name) {
        return Evidence::Strong(EntityKind::Group);
    }
    if lists.organizations.contains(name.as_str()) {
        return Evidence::Strong(EntityKind::Organization);
    }
    if lists.countries.contains(name.as_str()) || lists.regions.contains(name.as_str()) {
        return Evidence::Strong(EntityKind::Place);
    }
    if words.len() > 1 && lists.org_suffixes.contains(last) {
        return Evidence::Strong(EntityKind::Organization);
    }
    if words.len() > 2 && lists.org_heads.contains(first) && words[1] == "of" {
        return Evidence::Strong(EntityKind::Organization);
    }
    if words.len() > 1 && PLACE_SUFFIXES.contains(&last) {
        return Evidence::Strong(EntityKind::Place);
    }
    if lists.cities.contains(name.as_str()) && !lists.ambiguous_places.contains(name.as_str()) {
        return Evidence::Strong(EntityKind::Place);
    }
    if c.titled {
        return Evidence::Strong(EntityKind::Person);
    }
    let initial = first.len() <= 3 && first.ends_with('.') && !lists.countries.contains(first);
    let looks_like_person = (2..=4).contains(&words.len())
        && words.iter().all(|w| is_cap(w) || CONNECTORS.contains(w))
        && !words.iter().any(|w| lists.is_place(w) && !lists.last_names.contains(w));
    if looks_like_person && (lists.first_names.contains(first) || initial) {
        return Evidence::Strong(EntityKind::Person);
    }
    if looks_like_person && lists.ambiguous_first_names.contains(first) && lists.last_names.contains(last) {
        return Evidence::Strong(EntityKind::Person);
    }
    if words.len() == 1 && is_acronym(first) {
        return Evidence::Weak(EntityKind::Organization);
    }
    if lists.ambiguous_places.contains(name.as_str()) {
        return Evidence::Weak(EntityKind::Place);
    }
    // Context: the words around the name.
    let before = c.words.first().and_then(|&w| w.checked_sub(1)).map(word);
    let after = c.words.last().map(|&w| w + 1).filter(|&w| w < tokens.len()).map(word);
    let after = match after {
        Some("'" | "’") => c.words.last().map(|&w| w + 3).filter(|&w| w < tokens.len()).map(word),
        other => other,
    };
    if words.len() == 1 && (lists.last_names.contains(first) || lists.first_names.contains(first)) {
        return Evidence::Weak(EntityKind::Person);
    }
    if before.is_some_and(|b| PLACE_PREPOSITIONS.contains(&b)) && words.len() <= 3 {
        return Evidence::Weak(EntityKind::Place);
    }
    if after.is_some_and(|a| SPEECH_VERBS.contains(&a)) {
        return Evidence::Weak(if words.len() >= 2 { EntityKind::Person } else { EntityKind::Organization });
    }
    if before == Some("the") {
        return Evidence::Weak(EntityKind::Organization);
    }
    Evidence::None
}

/// "Department of Justice (DOJ)": the acronym in parentheses takes the name's kind.
fn acronym_definitions(
    text: &str,
    tokens: &[Token],
    candidates: &[Candidate],
    evidence: &[Evidence],
    known: &mut HashMap<String, EntityKind>,
) {
    for (i, c) in candidates.iter().enumerate() {
        let Some(&last) = c.words.last() else { continue };
        let (Some(open), Some(acr), Some(close)) = (tokens.get(last + 1), tokens.get(last + 2), tokens.get(last + 3))
        else {
            continue;
        };
        if &text[open.range.clone()] != "(" || &text[close.range.clone()] != ")" {
            continue;
        }
        let acronym = &text[acr.range.clone()];
        if !is_acronym(acronym) {
            continue;
        }
        let kind = match evidence[i] {
            Evidence::Strong(k) | Evidence::Weak(k) => k,
            Evidence::None => default_kind(c),
        };
        known.insert(acronym.to_string(), kind);
        known.entry(name_of(text, tokens, c)).or_insert(kind);
    }
}
