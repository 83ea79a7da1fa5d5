//! One reading per name across a document, on top of the tagger's window-by-window output:
//! a name read several ways takes its commonest reading; a later surname or first part of a
//! person's name is that person; an acronym defined in parentheses takes its expansion's kind;
//! a nationality the tagger left alone is a group.

use std::collections::HashMap;

use super::EntityKind;
use super::context::Doc;
use super::lexicon::flag;
use super::model::Class;
use super::model::Span;
use super::tokens::{SPACE_BEFORE, WORD};

const PERSON: Class = Class::Kind(EntityKind::Person);
const GROUP: Class = Class::Kind(EntityKind::Group);
const ORGANIZATION: Class = Class::Kind(EntityKind::Organization);

/// The spans made consistent across the document, sorted by position.
pub fn apply(doc: &Doc<'_>, spans: Vec<Span>) -> Vec<Span> {
    let mut spans = spans;
    let parts = person_parts(doc, &spans);
    for s in &mut spans {
        if s.tokens.len() == 1 && s.class != PERSON && parts.contains_key(doc.word(s.tokens.start)) {
            s.class = PERSON;
        }
    }
    org_prefixes(doc, &mut spans);
    acronyms(doc, &mut spans);
    vote(doc, &mut spans);
    known_misc(doc, &mut spans);
    add_groups(doc, &mut spans);
    spans.sort_by_key(|s| s.tokens.start);
    spans
}

/// The words of multi-word person names ("Park", "Jin", "Hyok" of "Park Jin Hyok"), with the
/// name they come from.
fn person_parts<'t>(doc: &Doc<'t>, spans: &[Span]) -> HashMap<&'t str, usize> {
    let mut parts = HashMap::new();
    for (n, s) in spans.iter().enumerate() {
        if s.class != PERSON || s.tokens.len() < 2 {
            continue;
        }
        for i in s.tokens.clone() {
            let w = doc.word(i);
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            if doc.tokens[i].is(WORD) && capital && w.chars().count() > 2 && !w.ends_with('.') {
                parts.entry(w).or_insert(n);
            }
        }
    }
    parts
}

/// The leading words of an organization's name name it too: "Arvan" after "Arvan Systems";
/// not words known as something else ("Boston" of "Boston Bruins").
fn org_prefixes(doc: &Doc<'_>, spans: &mut [Span]) {
    let text = |s: &Span| &doc.text[doc.range(&s.tokens)];
    let mut prefixes: HashMap<&str, usize> = HashMap::new();
    for s in spans.iter().filter(|s| s.class == ORGANIZATION && s.tokens.len() > 1) {
        for end in s.tokens.start + 1..s.tokens.end {
            if doc.tokens[end].is(WORD) && doc.tokens[end].is(SPACE_BEFORE) {
                *prefixes.entry(&doc.text[doc.range(&(s.tokens.start..end))]).or_default() += 1;
            }
        }
    }
    let known = flag::COUNTRY | flag::CITY | flag::REGION | flag::AMBIGUOUS_PLACE | flag::DEMONYM | flag::FIRST_NAME;
    for s in spans.iter_mut() {
        let unknown = s.tokens.clone().all(|i| doc.info[i].flags & known == 0 && doc.info[i].phrase & known == 0);
        if s.class != ORGANIZATION && unknown && prefixes.contains_key(text(s)) {
            s.class = ORGANIZATION;
        }
    }
}

/// "Department of Justice (DOJ)": every mention of the acronym takes the expansion's class.
fn acronyms(doc: &Doc<'_>, spans: &mut [Span]) {
    let mut defined: HashMap<&str, Class> = HashMap::new();
    for s in spans.iter() {
        let e = s.tokens.end;
        if s.tokens.len() < 2 || e + 2 >= doc.tokens.len() || doc.word(e) != "(" || doc.word(e + 2) != ")" {
            continue;
        }
        let acronym = doc.word(e + 1);
        if acronym.len() >= 2 && acronym.chars().all(|c| c.is_uppercase() || c == '.' || c == '&') {
            defined.entry(acronym).or_insert(s.class);
        }
    }
    for s in spans.iter_mut() {
        if s.tokens.len() == 1
            && let Some(&class) = defined.get(doc.word(s.tokens.start))
        {
            s.class = class;
        }
    }
}

/// A name written the same way several times takes its commonest reading; a mention away from
/// the start of a sentence counts twice (its capital says more).
fn vote(doc: &Doc<'_>, spans: &mut [Span]) {
    let text = |s: &Span| &doc.text[doc.range(&s.tokens)];
    let mut tally: HashMap<&str, HashMap<Class, usize>> = HashMap::new();
    for s in spans.iter() {
        let weight = if doc.starts_sentence(s.tokens.start) { 1 } else { 2 };
        *tally.entry(text(s)).or_default().entry(s.class).or_default() += weight;
    }
    for s in spans.iter_mut() {
        let Some(t) = tally.get(text(s)).filter(|t| t.len() > 1) else { continue };
        // Ties go to the class that sorts first, for determinism.
        if let Some((&best, _)) = t.iter().max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c))) {
            s.class = best;
        }
    }
}

/// Products, currencies, malware and indices the lexicon knows ("Monero", "Nikkei 225") are
/// none of the kinds, whatever their context suggested.
fn known_misc(doc: &Doc<'_>, spans: &mut [Span]) {
    for s in spans.iter_mut() {
        let first = &doc.info[s.tokens.start];
        let whole_phrase = first.phrase_pos == 1 && doc.info[s.tokens.end - 1].phrase_pos == 3;
        let flags = if s.tokens.len() == 1 {
            first.flags
        } else if whole_phrase {
            first.phrase
        } else {
            0
        };
        if flags & flag::MISC_NAME != 0 {
            s.class = Class::Misc;
        }
    }
}

/// A nationality or a religious or political group outside every span is a group.
fn add_groups(doc: &Doc<'_>, spans: &mut Vec<Span>) {
    let mut covered = vec![false; doc.tokens.len()];
    for s in spans.iter() {
        covered[s.tokens.clone()].iter_mut().for_each(|c| *c = true);
    }
    for window in &doc.windows {
        let mut i = window.start;
        while i < window.end {
            let info = &doc.info[i];
            let groupish = |flags: u32| flags & (flag::DEMONYM | flag::GROUP) != 0;
            // A multi-word nationality ("North Korean") is one group.
            let end = if info.phrase_pos == 1 && groupish(info.phrase) {
                (i + 1..window.end).find(|&j| doc.info[j].phrase_pos == 3).map_or(i + 1, |j| j + 1)
            } else {
                i + 1
            };
            let capital = doc.word(i).chars().next().is_some_and(char::is_uppercase);
            let known = groupish(if end > i + 1 { info.phrase } else { info.flags });
            if known && capital && !covered[i..end].contains(&true) && !doc.line(i).caps {
                spans.push(Span { tokens: i..end, class: GROUP });
            }
            i = end;
        }
    }
}
