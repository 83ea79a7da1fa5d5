//! People, organizations, places and groups: capitalised runs found in the text, classified by
//! name lists, title and suffix cues and context, then made consistent across the document.

use std::collections::{HashMap, HashSet};
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
    "Brook",
    "Creek",
    "Pond",
    "Reservoir",
    "Dock",
    "Docks",
    "Hollow",
    "Plateau",
    "Republic",
    "Empire",
    "Park",
    "Beach",
    "Ave",
    "Ave.",
    "Boulevard",
    "Lane",
    "Parish",
    "Estate",
    "Cave",
    "Caves",
    "Fjord",
    "Delta",
    "Marsh",
    "Wetlands",
    "Area",
];
/// Words that start place names ("North Jutland", "Port Elizabeth", "Lake Geneva").
const PLACE_PREFIXES: &[&str] = &[
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Upper", "Lower", "Greater",
    "Central", "Port", "Fort", "Mount", "Mt.", "Lake", "Cape", "Isle", "San", "Santa", "Saint", "St.", "Los", "Las",
];
/// Words before "of" that keep a name going ("Grand Duchy of Poznań", "Battle of Antietam").
const OF_HEADS: &[&str] = &[
    "Duchy",
    "Kingdom",
    "Republic",
    "Province",
    "Isle",
    "Isles",
    "Gulf",
    "Bay",
    "Cape",
    "Lake",
    "Sea",
    "Strait",
    "Port",
    "Mount",
    "County",
    "City",
    "District",
    "Region",
    "State",
    "States",
    "Diocese",
    "Archdiocese",
    "Commonwealth",
    "Principality",
    "Emirate",
    "Sultanate",
    "Battle",
    "Siege",
    "Treaty",
    "Duke",
    "Duchess",
    "Earl",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Lord",
    "Lady",
    "Bishop",
    "Archbishop",
    "Sisters",
    "Brothers",
    "Knights",
    "Order",
    "Hall",
    "Tower",
    "Bank",
    "Cathedral",
    "Church",
    "Museum",
    "Palace",
    "Castle",
    "Cross",
    "Declaration",
    "Book",
    "Song",
    "Prisoner",
    "Lord",
    "Statue",
    "Isthmus",
    "Straits",
    "Bay",
    "Falls",
    "Mountains",
];
/// Words that end the names of events, works, laws and prizes ("Stanley Cup", "Clean Air Act").
const MISC_SUFFIXES: &[&str] = &[
    "War",
    "Cup",
    "Award",
    "Awards",
    "Bowl",
    "Trophy",
    "Festival",
    "Prize",
    "Championship",
    "Championships",
    "Olympics",
    "Games",
    "Act",
    "Day",
    "Revolution",
    "Agreement",
    "Accord",
    "Accords",
    "Tour",
    "Series",
    "Prix",
    "Marathon",
    "Summit",
    "Expo",
    "Plan",
    "Doctrine",
    "Treaty",
    "Crisis",
    "Uprising",
    "Massacre",
    "Scandal",
    "Declaration",
    "Convention",
    "Protocol",
    "Medal",
    "Cross",
];
/// Words that start the names of events ("Battle of Gettysburg", "Operation Market Garden").
const MISC_HEADS: &[&str] = &["Battle", "Siege", "Operation", "Treaty", "Siege", "Sack", "Fall", "Declaration"];

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

/// What a name is: an entity kind, or another kind of name (an event, a work, a law) that
/// is recognised so it is not mistaken for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Class {
    Kind(EntityKind),
    Misc,
}

/// A fixed order of classes, to break ties between readings deterministically.
fn class_rank(class: Class) -> usize {
    match class {
        Class::Kind(kind) => kind as usize,
        Class::Misc => usize::MAX,
    }
}

const PERSON: Class = Class::Kind(EntityKind::Person);
const ORGANIZATION: Class = Class::Kind(EntityKind::Organization);
const PLACE: Class = Class::Kind(EntityKind::Place);
const GROUP: Class = Class::Kind(EntityKind::Group);

/// How sure a classification is: strong evidence also teaches the rest of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    Strong(Class),
    Weak(Class),
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
    let Some(first) = word.chars().next() else { return false };
    // Month and day names are at most 9 bytes and start with one of a few letters.
    first.is_uppercase()
        && !(word.len() <= 9
            && matches!(first, 'I' | 'J' | 'F' | 'M' | 'A' | 'S' | 'O' | 'N' | 'D' | 'T' | 'W')
            && NOT_NAMES.contains(&word))
}

fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.len() <= 6 && letters.iter().all(|c| c.is_uppercase())
}

/// "65th", "2nd": an ordinal that may lead a name ("65th Air Division").
fn is_ordinal(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&word[digits..], "st" | "nd" | "rd" | "th")
}

/// Words that open sentences; after a dotted abbreviation they end the name before them.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "However",
    "Meanwhile",
    "Also",
    "So",
    "Yet",
    "For",
    "Officials",
    "Authorities",
    "Prosecutors",
    "Police",
];

/// Capitalised abbreviations that are not organizations.
const NOT_ORGANIZATIONS: &[&str] = &[
    "KO", "KOs", "ERA", "CD", "CDs", "DVD", "EP", "LP", "PhD", "MBA", "DJ", "MC", "TV", "PC", "CEO", "CFO", "COO",
    "CTO", "GDP", "AM", "PM", "OK", "USB", "ID", "PIN", "IQ", "UFO", "SUV", "HIV", "AIDS", "DNA", "RNA", "MRI", "GPS",
    "AI", "IT", "VAT", "ATM", "RPM", "MP", "MPs", "MVP", "RBI", "HR", "PR", "Q&A", "FAQ", "USD", "EUR", "GBP", "JPY",
    "BA", "BSc", "MSc", "MA", "MD", "LLC", "Inc", "Ltd", "PDF", "HTML", "URL", "SMS", "CV", "ICU", "ER", "OTC", "IPO",
];
/// Endings typical of place names (Aisby, Atwick, Hornsea, Edgbaston, Pittsburgh, Hyderabad).
const PLACE_ENDINGS: &[&str] = &[
    "ton", "ham", "by", "burg", "burgh", "bury", "ville", "ford", "stadt", "grad", "sk", "field", "wick", "mouth",
    "minster", "chester", "caster", "pur", "abad", "stan", "borough", "thorpe", "sea", "holm", "dorf", "hausen",
    "heim", "berg", "polis", "ovo", "evo", "ice", "ów", "ew", "inas",
];
/// Nouns before "of" that introduce a place ("the village of Aisby").
const PLACE_NOUNS: &[&str] = &[
    "village",
    "town",
    "city",
    "parish",
    "county",
    "region",
    "province",
    "district",
    "island",
    "river",
    "state",
    "suburb",
    "municipality",
    "capital",
    "hamlet",
    "borough",
    "port",
    "valley",
    "kingdom",
    "republic",
    "island",
];

/// Every person, organization, place and group in `text`.
pub fn find(text: &str) -> Vec<Entity> {
    let lists = Gazetteer::get();
    let tokens = tokenize(text);
    let lines = line_numbers(text, &tokens);
    let headlines = headline_lines(text, &tokens, &lines);
    let mut candidates = Vec::new();
    collect_candidates(text, &tokens, (&lines, &headlines), lists, &mut candidates);
    let names: Vec<String> = candidates.iter().map(|c| name_of(text, c)).collect();

    // Pass 1: classify on each candidate's own evidence; strong results teach the document.
    let evidence: Vec<Evidence> = candidates.iter().map(|c| classify(text, &tokens, c, lists)).collect();
    let mut known: HashMap<&str, Class> = HashMap::new();
    for (name, ev) in names.iter().zip(&evidence) {
        if let Evidence::Strong(class) = ev {
            known.entry(name.as_str()).or_insert(*class);
        }
    }
    let acronyms = acronym_definitions(text, &tokens, &candidates, &evidence);
    for (acronym, class) in &acronyms {
        known.entry(acronym.as_str()).or_insert(*class);
    }

    // The leading words of an organization's name name it too ("Kestrel Ridge" after
    // "Kestrel Ridge Analytics").
    let org_prefixes: HashSet<&str> = known
        .iter()
        .filter(|(_, class)| **class == ORGANIZATION)
        .flat_map(|(name, _)| name.match_indices(' ').map(|(at, _)| &name[..at]))
        .collect();

    // Pass 2: weak and unknown candidates follow what the document established.
    let mut classes: Vec<Option<Class>> = candidates
        .iter()
        .zip(&names)
        .zip(&evidence)
        .map(|((c, name), ev)| {
            let learned = known.get(name.as_str()).or(org_prefixes.contains(name.as_str()).then_some(&ORGANIZATION));
            (c, ev, learned)
        })
        .map(|(c, ev, learned)| match (ev, learned) {
            (Evidence::Strong(class), _) | (_, Some(class)) => Some(*class),
            (Evidence::Weak(class), None) if !c.headline => Some(*class),
            (Evidence::None, None) if !c.headline => Some(default_class(text, &tokens, c, lists)),
            _ => None,
        })
        .collect();

    // A name read several ways on weak evidence alone takes its commonest reading, so one
    // article does not call "Project Braveheart" an organization here and a place there.
    let mut votes: HashMap<&str, HashMap<Class, usize>> = HashMap::new();
    for ((name, class), ev) in names.iter().zip(&classes).zip(&evidence) {
        if let (Some(class), false) = (class, matches!(ev, Evidence::Strong(_))) {
            *votes.entry(name.as_str()).or_default().entry(*class).or_default() += 1;
        }
    }
    for ((name, class), ev) in names.iter().zip(classes.iter_mut()).zip(&evidence) {
        let Some(tally) = votes.get(name.as_str()).filter(|t| t.len() > 1) else { continue };
        if class.is_some() && !matches!(ev, Evidence::Strong(_)) {
            // The commonest reading; ties go to the kind that sorts first, for determinism.
            *class = tally.iter().max_by_key(|(c, n)| (**n, std::cmp::Reverse(class_rank(**c)))).map(|(c, _)| *c);
        }
    }

    // Leading words of any name read as an organization name it too ("Mekong Pearl" after
    // "Mekong Pearl Trading"), unless the words themselves were strong evidence.
    let org_prefixes: HashSet<&str> = names
        .iter()
        .zip(&classes)
        .filter(|(_, class)| **class == Some(ORGANIZATION))
        .flat_map(|(name, _)| name.match_indices(' ').map(|(at, _)| &name[..at]))
        .collect();
    for ((name, class), ev) in names.iter().zip(classes.iter_mut()).zip(&evidence) {
        if !matches!(ev, Evidence::Strong(_)) && org_prefixes.contains(name.as_str()) {
            *class = Some(ORGANIZATION);
        }
    }

    // Pass 3: once "Park Jin Hyok" is a person, "Park" alone is too (unless the name itself
    // was strong evidence of something else).
    let mut person_parts: HashSet<&str> = HashSet::new();
    for (c, class) in candidates.iter().zip(&classes) {
        if *class == Some(PERSON) && c.words.len() >= 2 {
            for &w in &c.words {
                let word = &text[tokens[w].range.clone()];
                if word.chars().count() > 2 && !word.ends_with('.') && is_cap(word) {
                    person_parts.insert(word);
                }
            }
        }
    }
    for ((c, name), (class, ev)) in candidates.iter().zip(&names).zip(classes.iter_mut().zip(&evidence)) {
        let weak = !matches!(ev, Evidence::Strong(_)) && !known.contains_key(name.as_str());
        if c.words.len() == 1 && weak && person_parts.contains(name.as_str()) {
            *class = Some(PERSON);
        }
    }

    candidates
        .iter()
        .zip(classes)
        .filter_map(|(c, class)| match class? {
            Class::Kind(kind) => Some(Entity { range: c.range.clone(), kind }),
            Class::Misc => None,
        })
        .collect()
}

/// The class of a capitalised run nothing else explains: a run of words that are not ordinary
/// English reads as a person's name ("Dewa Budjana"); one with ordinary words is more likely a
/// band, a team or a company ("Killing Joke", "Western Force").
fn default_class(text: &str, tokens: &[Token], c: &Candidate, lists: &Gazetteer) -> Class {
    let words: Vec<&str> = c.words.iter().map(|&w| &text[tokens[w].range.clone()]).filter(|w| is_cap(w)).collect();
    let name_like = |w: &&str| {
        lists.first_names.contains(w) || lists.last_names.contains(w) || !lists.is_english(w) || w.ends_with('.')
    };
    // Surname first, then given names no dictionary knows: "Park Jin Hyok", "Kim Jong Un".
    let surname_first = words.len() >= 2
        && lists.ambiguous_last_names.contains(words[0])
        && words[1..].iter().all(|w| !lists.is_english(w));
    // A place leading a name makes a team or a company ("Boston Bruins", "Texas Instruments").
    if words.len() >= 2 && lists.is_place(words[0]) && !lists.first_names.contains(words[0]) {
        return ORGANIZATION;
    }
    let lead_is_function_word = c.words.first().is_some_and(|&w| {
        !tokens[w].sentence_start
            && matches!(
                &text[tokens[w].range.clone()],
                "A" | "An"
                    | "From"
                    | "Under"
                    | "In"
                    | "On"
                    | "To"
                    | "For"
                    | "With"
                    | "Into"
                    | "Over"
                    | "Give"
                    | "Let"
                    | "Don't"
                    | "When"
                    | "What"
                    | "Where"
                    | "Who"
                    | "Why"
                    | "How"
                    | "All"
                    | "Some"
                    | "My"
                    | "Your"
                    | "Our"
                    | "His"
                    | "Her"
                    | "Their"
                    | "This"
                    | "That"
                    | "These"
                    | "Those"
                    | "Be"
                    | "Is"
                    | "Are"
                    | "Was"
                    | "It"
                    | "I'm"
                    | "We"
                    | "You"
            )
    });
    if lead_is_function_word {
        // "A Beautiful Lie", "From Yesterday": the title of a work, not an organization.
        Class::Misc
    } else if words.len() >= 2 && words.len() <= 4 && (words.iter().all(name_like) || surname_first) {
        PERSON
    } else if words.len() == 1 && lists.is_english(words[0]) {
        // A lone capitalised dictionary word ("Darkness", "Campaign") is as often a title, a
        // heading or emphasis as a name: not enough to highlight.
        Class::Misc
    } else {
        ORGANIZATION
    }
}

/// The candidate's words joined by single spaces: the key for name lists and the document.
fn name_of(text: &str, c: &Candidate) -> String {
    text[c.range.clone()].split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lines written in title case (a headline), where capitals do not mark names.
fn headline_lines(text: &str, tokens: &[Token], lines: &[usize]) -> Vec<bool> {
    let count = lines.last().map_or(1, |l| l + 1);
    // Per line: long words, capitalised long words, whether it ends like a sentence.
    let mut stats = vec![(0usize, 0usize, false); count];
    for (t, &line) in tokens.iter().zip(lines) {
        let word = &text[t.range.clone()];
        let entry = &mut stats[line];
        entry.2 = matches!(word, "." | "!" | "?" | ";" | ",");
        if t.word && word.chars().count() > 3 && word.chars().next().is_some_and(char::is_alphabetic) {
            entry.0 += 1;
            if word.chars().next().is_some_and(char::is_uppercase) {
                entry.1 += 1;
            }
        }
    }
    // The first line is the title; elsewhere a heading is a longer title-case line that does
    // not end like a sentence (a short one is as likely a list of names).
    let first = lines.first().copied().unwrap_or(0);
    stats
        .iter()
        .enumerate()
        .map(|(i, &(words, caps, sentence))| {
            words >= 3 && caps * 10 >= words * 8 && (i == first || (words >= 5 && !sentence))
        })
        .collect()
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

fn collect_candidates(
    text: &str,
    tokens: &[Token],
    (lines, headlines): (&[usize], &[bool]),
    lists: &Gazetteer,
    out: &mut Vec<Candidate>,
) {
    let word = |i: usize| &text[tokens[i].range.clone()];
    let mut i = 0;
    #[allow(clippy::many_single_char_names)]
    while i < tokens.len() {
        if !(tokens[i].word && is_cap(word(i))) {
            i += 1;
            continue;
        }
        // Grow a run: capitalised words, and connectors between them; an ordinal just before
        // leads it ("65th Air Division").
        let mut words = vec![i];
        if i > 0 && tokens[i - 1].word && !tokens[i].line_start && is_ordinal(word(i - 1)) {
            words.insert(0, i - 1);
        }
        let mut j = i + 1;
        while j < tokens.len() && !tokens[j].line_start {
            let t = &tokens[j];
            let w = word(j);
            if t.word && is_cap(w) {
                // After "U.S." or "Inc." a word such as "The" starts a new sentence.
                if t.after_dot && SENTENCE_OPENERS.contains(&w) {
                    break;
                }
                words.push(j);
                j += 1;
            } else if ((t.word && CONNECTORS.contains(&w) || w == "&")
                && j + 1 < tokens.len()
                && tokens[j + 1].word
                && is_cap(word(j + 1))
                && !tokens[j + 1].line_start
                && (!matches!(w, "of" | "for") || keeps_going(&words, word, lists)))
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

/// Whether "of" / "for" after `words` continues the name: after an organization or place head
/// ("University of", "Grand Duchy of", "Battle of") or an organization suffix ("Company of").
fn keeps_going<'t>(words: &[usize], word: impl Fn(usize) -> &'t str, lists: &Gazetteer) -> bool {
    let Some(&last) = words.last() else { return false };
    let last = word(last);
    let joined: Vec<&str> = words.iter().map(|&w| word(w)).collect();
    OF_HEADS.contains(&last)
        || lists.org_suffixes.contains(last)
        || (1..=3.min(joined.len())).any(|n| {
            let head = joined[joined.len() - n..].join(" ");
            lists.org_heads.contains(format!("{head} of").as_str())
                || lists.org_heads.contains(format!("{head} for").as_str())
        })
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
    (at > 0
        && tail.chars().next().is_some_and(char::is_lowercase)
        && (lists.common_count(tail) > 20 || lists.is_english(tail)))
    .then_some(at)
}

/// Splits a run into candidates: drops an ordinary sentence-initial word, strips titles (and
/// marks what follows as titled), splits at titles inside the run.
fn refine(text: &str, tokens: &[Token], words: Vec<usize>, lists: &Gazetteer) -> Vec<(Vec<usize>, bool)> {
    let word = |i: usize| &text[tokens[i].range.clone()];
    let words = trim_run(text, tokens, words, lists);
    // A run of nothing but articles and titles ("The", "President") names no one.
    if words.iter().all(|&w| matches!(word(w), "The" | "A" | "An") || lists.titles.contains(word(w))) {
        return Vec::new();
    }
    if let Some(n) = nationality_before_person(text, tokens, &words, lists) {
        let mut parts = vec![(words[..n].to_vec(), false)];
        parts.extend(refine(text, tokens, words[n..].to_vec(), lists));
        return parts;
    }
    split_at_titles(text, tokens, &words, lists)
}

/// `words` without an ordinary word that starts a sentence ("The", "However", "In": not part of
/// a name) or uncapitalised words at either end.
fn trim_run(text: &str, tokens: &[Token], mut words: Vec<usize>, lists: &Gazetteer) -> Vec<usize> {
    let word = |i: usize| &text[tokens[i].range.clone()];
    while let Some(&first) = words.first() {
        let t = &tokens[first];
        let w = word(first);
        let starts = t.sentence_start || t.after_dot;
        // Checked lazily: most runs do not start a sentence.
        let ordinary_opener = || {
            let known = lists.is_place(w)
                || lists.is_group(w)
                || lists.organizations.contains(w)
                || lists.first_names.contains(w);
            !known && (lists.common_count(w) > COMMON_AT_SENTENCE_START || lists.is_english(w))
        };
        if (!is_cap(w) && !is_ordinal(w)) || (starts && ordinary_opener()) {
            words.remove(0);
        } else {
            break;
        }
    }
    while words.last().is_some_and(|&k| !is_cap(word(k))) {
        words.pop();
    }
    words
}

/// A nationality before a person's name is a separate entity ("North Korean Park Jin Hyok");
/// before anything else it is usually part of one name ("German Air Force"). The number of
/// words of such a nationality at the start of `words`.
fn nationality_before_person(text: &str, tokens: &[Token], words: &[usize], lists: &Gazetteer) -> Option<usize> {
    let word = |i: usize| &text[tokens[i].range.clone()];
    let joined: Vec<&str> = words.iter().map(|&w| word(w)).collect();
    let person_like = |rest: &[&str]| {
        (1..=3).contains(&rest.len())
            && (lists.first_names.contains(rest[0])
                || rest.iter().all(|w| {
                    !lists.is_english(w) || lists.ambiguous_last_names.contains(w) || lists.last_names.contains(w)
                }) && rest.iter().any(|w| !lists.is_english(w)))
            && !rest.iter().any(|w| lists.is_place(w) || lists.org_suffixes.contains(w))
    };
    (1..=2.min(words.len().saturating_sub(1)))
        .rev()
        .find(|&n| lists.is_group(&joined[..n].join(" ")) && person_like(&joined[n..]))
}

/// Titles: "President Kim", "Chinese President Xi Jinping", "Google CEO Sundar Pichai": taken
/// out, and what follows one marked as titled.
fn split_at_titles(text: &str, tokens: &[Token], words: &[usize], lists: &Gazetteer) -> Vec<(Vec<usize>, bool)> {
    let word = |i: usize| &text[tokens[i].range.clone()];
    let mut parts = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut titled = false;
    let mut k = 0;
    while k < words.len() {
        let first = word(words[k]);
        // Multi-word titles ("Prime Minister") are tried only after a word that starts one.
        let title_len = if lists.title_starts().contains(first) {
            (1..=3.min(words.len() - k))
                .rev()
                .find(|&n| {
                    let phrase: Vec<&str> = words[k..k + n].iter().map(|&w| word(w)).collect();
                    lists.titles.contains(phrase.join(" ").as_str())
                })
                .unwrap_or(0)
        } else {
            usize::from(lists.titles.contains(first))
        };
        // A title counts only before something that can be a person's name: "General Bureau"
        // is part of an organization's name, "General Smith" is a general.
        let next = (k + title_len < words.len()).then(|| word(words[k + title_len]));
        let names_a_person = next.is_some_and(|n| {
            !lists.org_suffixes.contains(n)
                && !PLACE_SUFFIXES.contains(&n)
                && (lists.first_names.contains(n) || lists.last_names.contains(n) || !lists.is_english(n))
        });
        if title_len > 0 && names_a_person {
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
    let name = name_of(text, c);
    let words: Vec<&str> = name.split(' ').filter(|w| !is_ordinal(w)).collect();
    let (Some(&first), Some(&last)) = (words.first(), words.last()) else { return Evidence::None };
    let joined = |n: usize| words[..n.min(words.len())].join(" ");

    // A dateline or a shouted name: "SINGAPORE" is Singapore.
    if words.len() == 1 && first.chars().count() > 3 && first.chars().all(|ch| !ch.is_lowercase()) {
        let mut chars = first.chars();
        let titled: String = chars.next().into_iter().chain(chars.flat_map(char::to_lowercase)).collect();
        if lists.is_place(&titled) {
            return Evidence::Strong(PLACE);
        }
        if lists.is_group(&titled) {
            return Evidence::Strong(GROUP);
        }
    }
    if lists.is_group(&name) {
        return Evidence::Strong(GROUP);
    }
    if lists.organizations.contains(name.as_str()) {
        return Evidence::Strong(ORGANIZATION);
    }
    if lists.countries.contains(name.as_str()) || lists.regions.contains(name.as_str()) {
        return Evidence::Strong(PLACE);
    }
    if words.len() > 1 && (MISC_SUFFIXES.contains(&last) || (MISC_HEADS.contains(&first) && words.len() > 2)) {
        return Evidence::Strong(Class::Misc);
    }
    if words.len() > 1 && lists.org_suffixes.contains(last) {
        return Evidence::Strong(ORGANIZATION);
    }
    if words.len() > 2 && (2..=4).any(|n| lists.org_heads.contains(joined(n).as_str())) {
        return Evidence::Strong(ORGANIZATION);
    }
    if words.len() > 1 && PLACE_SUFFIXES.contains(&last) {
        return Evidence::Strong(PLACE);
    }
    if lists.cities.contains(name.as_str()) && !lists.ambiguous_places.contains(name.as_str()) {
        return Evidence::Strong(PLACE);
    }
    if c.titled {
        return Evidence::Strong(PERSON);
    }
    if words.len() > 1 && PLACE_PREFIXES.contains(&first) {
        let rest = words[1..].join(" ");
        if lists.is_place(&rest) || words[1..].iter().all(|w| !lists.is_english(w)) {
            return Evidence::Strong(PLACE);
        }
    }
    let initial = first.len() <= 3 && first.ends_with('.') && !lists.countries.contains(first);
    let looks_like_person = (2..=4).contains(&words.len())
        && words.iter().all(|w| is_cap(w) || CONNECTORS.contains(w))
        && !words.iter().any(|w| lists.is_place(w) && !lists.last_names.contains(w));
    if looks_like_person && (lists.first_names.contains(first) || initial) {
        return Evidence::Strong(PERSON);
    }
    if looks_like_person && lists.ambiguous_first_names.contains(first) && lists.last_names.contains(last) {
        return Evidence::Strong(PERSON);
    }
    if words.len() == 1 && lists.countries.contains(first) {
        return Evidence::Strong(PLACE);
    }
    if words.len() == 1 && NOT_ORGANIZATIONS.contains(&first) {
        return Evidence::Strong(Class::Misc);
    }
    if words.len() == 1 && is_acronym(first) {
        return Evidence::Weak(ORGANIZATION);
    }
    if words.len() == 1 && (lists.first_names.contains(first) || lists.last_names.contains(first)) {
        return Evidence::Weak(PERSON);
    }
    if lists.ambiguous_places.contains(name.as_str()) {
        return Evidence::Weak(PLACE);
    }
    context_evidence(text, tokens, c, &words, lists)
}

/// What the words around a candidate say it is, when its own words said nothing sure.
fn context_evidence(text: &str, tokens: &[Token], c: &Candidate, words: &[&str], lists: &Gazetteer) -> Evidence {
    let word = |i: usize| &text[tokens[i].range.clone()];
    let first = words[0];
    let before = c.words.first().and_then(|&w| w.checked_sub(1)).map(word);
    let after = c.words.last().map(|&w| w + 1).filter(|&w| w < tokens.len()).map(word);
    let after = match after {
        Some("'" | "’") => c.words.last().map(|&w| w + 3).filter(|&w| w < tokens.len()).map(word),
        other => other,
    };
    if words.len() == 1 && (lists.last_names.contains(first) || lists.first_names.contains(first)) {
        return Evidence::Weak(PERSON);
    }
    if words.len() == 1 && !first.is_ascii() {
        // Census names carry no accents: "László" is "Laszlo".
        let folded = fold_accents(first);
        if lists.first_names.contains(folded.as_str()) || lists.last_names.contains(folded.as_str()) {
            return Evidence::Weak(PERSON);
        }
    }
    if before.is_some_and(|b| PLACE_PREPOSITIONS.contains(&b)) && words.len() <= 3 {
        return Evidence::Weak(PLACE);
    }
    let before_of = c.words.first().and_then(|&w| w.checked_sub(2)).map(word);
    if before == Some("of") && before_of.is_some_and(|b| PLACE_NOUNS.contains(&b)) {
        return Evidence::Weak(PLACE);
    }
    if words.len() == 1
        && !lists.is_english(first)
        && PLACE_ENDINGS.iter().any(|e| first.len() > e.len() + 2 && first.ends_with(e))
    {
        return Evidence::Weak(PLACE);
    }
    if after.is_some_and(|a| SPEECH_VERBS.contains(&a)) {
        return Evidence::Weak(if words.len() >= 2 { PERSON } else { ORGANIZATION });
    }
    if before == Some("the") && words.len() == 1 && matches!(first, "West" | "East" | "North" | "South" | "Midwest") {
        return Evidence::Strong(PLACE);
    }
    if before == Some("the") {
        return Evidence::Weak(ORGANIZATION);
    }
    Evidence::None
}

/// "Department of Justice (DOJ)": the acronym in parentheses takes the name's class.
fn acronym_definitions(
    text: &str,
    tokens: &[Token],
    candidates: &[Candidate],
    evidence: &[Evidence],
) -> Vec<(String, Class)> {
    let mut out = Vec::new();
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
        let class = match evidence[i] {
            Evidence::Strong(k) | Evidence::Weak(k) => k,
            Evidence::None => ORGANIZATION,
        };
        out.push((acronym.to_string(), class));
    }
    out
}

/// `word` with Latin diacritics removed ("László" -> "Laszlo"), for looking up names in lists
/// written without them.
fn fold_accents(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
            'À'..='Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
            'ç' | 'ć' | 'č' => 'c',
            'Ç' | 'Ć' | 'Č' => 'C',
            'è'..='ë' | 'ē' | 'ę' | 'ě' => 'e',
            'È'..='Ë' | 'Ē' | 'Ę' | 'Ě' => 'E',
            'ì'..='ï' | 'ī' => 'i',
            'Ì'..='Ï' | 'Ī' | 'İ' => 'I',
            'ñ' | 'ń' | 'ň' => 'n',
            'Ñ' | 'Ń' | 'Ň' => 'N',
            'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
            'Ò'..='Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
            'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
            'Ù'..='Ü' | 'Ū' | 'Ů' | 'Ű' => 'U',
            'ý' | 'ÿ' => 'y',
            'Ý' => 'Y',
            'ś' | 'š' | 'ş' => 's',
            'Ś' | 'Š' | 'Ş' => 'S',
            'ź' | 'ż' | 'ž' => 'z',
            'Ź' | 'Ż' | 'Ž' => 'Z',
            'ł' => 'l',
            'Ł' => 'L',
            'ř' => 'r',
            'Ř' => 'R',
            'ğ' => 'g',
            'ţ' | 'ť' => 't',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    fn found(text: &str) -> Vec<(&str, EntityKind)> {
        find(text).into_iter().map(|e| (&text[e.range], e.kind)).collect()
    }

    fn kind_of(text: &str, name: &str) -> Option<EntityKind> {
        found(text).into_iter().find(|(t, _)| *t == name).map(|(_, k)| k)
    }

    #[rstest]
    #[case::title_is_not_part_of_the_name(
        "The rally was led by President Trump on Monday.",
        "Trump",
        EntityKind::Person
    )]
    #[case::dotted_acronym_org(
        "A vote at the U.N. Security Council failed.",
        "U.N. Security Council",
        EntityKind::Organization
    )]
    #[case::possessive_left_out("They studied Kim's regime closely.", "Kim", EntityKind::Person)]
    #[case::hyphenated_suffix_cut(
        "Traces of North Korea-aligned hackers were found.",
        "North Korea",
        EntityKind::Place
    )]
    #[case::nationality("The North Korean regime denied it.", "North Korean", EntityKind::Group)]
    #[case::political_group("The Democrats blocked the bill.", "Democrats", EntityKind::Group)]
    #[case::country("Investigators in India and China agreed.", "India", EntityKind::Place)]
    #[case::city("She moved to Singapore in May.", "Singapore", EntityKind::Place)]
    #[case::org_suffix("Shares of Brackenridge Wealth Ltd fell.", "Brackenridge Wealth Ltd", EntityKind::Organization)]
    #[case::org_head(
        "He studied at the University of Helsinki for years.",
        "University of Helsinki",
        EntityKind::Organization
    )]
    #[case::first_and_last_name(
        "The report was written by Anjali Raman last week.",
        "Anjali Raman",
        EntityKind::Person
    )]
    #[case::surname_first("Prosecutors charged Park Jin Hyok in absentia.", "Park Jin Hyok", EntityKind::Person)]
    #[case::place_suffix("The ferry crossed Lake Geneva at dawn.", "Lake Geneva", EntityKind::Place)]
    #[case::team_named_after_a_city(
        "He signed for the Boston Bruins in 1998.",
        "Boston Bruins",
        EntityKind::Organization
    )]
    fn rules(#[case] text: &str, #[case] name: &str, #[case] kind: EntityKind) {
        assert_eq!(kind_of(text, name), Some(kind), "{:?}", found(text));
    }

    #[test]
    fn a_nationality_before_a_name_is_its_own_entity() {
        let text = "The indictment named North Korean programmer Park Jin Hyok and Chinese President Xi Jinping.";
        let got = found(text);
        assert!(got.contains(&("North Korean", EntityKind::Group)), "{got:?}");
        assert!(got.contains(&("Park Jin Hyok", EntityKind::Person)), "{got:?}");
        assert!(got.contains(&("Chinese", EntityKind::Group)), "{got:?}");
        assert!(got.contains(&("Xi Jinping", EntityKind::Person)), "{got:?}");
    }

    #[test]
    fn later_mentions_follow_the_first() {
        let text = "Officials named Park Jin Hyok as the main suspect. Later, Park denied everything.";
        assert_eq!(kind_of(text, "Park"), Some(EntityKind::Person));
    }

    #[test]
    fn one_name_gets_one_reading_in_an_article() {
        let text = "Engineers joined the Braveheart Quorra team. Later the Braveheart Quorra unit grew. \
                    Budgets in Braveheart Quorra were cut.";
        let kinds: Vec<EntityKind> =
            found(text).into_iter().filter(|(t, _)| *t == "Braveheart Quorra").map(|(_, k)| k).collect();
        assert_eq!(kinds.len(), 3, "{:?}", found(text));
        assert!(kinds.iter().all(|k| *k == kinds[0]), "{kinds:?}");
    }

    #[test]
    fn acronyms_defined_in_parentheses_keep_their_kind() {
        let text = "The Department of Justice (DOJ) filed charges. A DOJ spokesman declined to comment.";
        let got = found(text);
        assert!(got.contains(&("Department of Justice", EntityKind::Organization)), "{got:?}");
        assert_eq!(got.iter().filter(|(t, k)| *t == "DOJ" && *k == EntityKind::Organization).count(), 2, "{got:?}");
    }

    #[test]
    fn sentence_initial_words_are_not_names() {
        let text = "However, the plan failed. Meanwhile Kestrel Ridge Analytics said more.\nThe end.";
        let got = found(text);
        assert!(
            !got.iter().any(|(t, _)| t.starts_with("However") || t.starts_with("Meanwhile") || *t == "The"),
            "{got:?}"
        );
        assert!(got.iter().any(|(t, _)| *t == "Kestrel Ridge Analytics"), "{got:?}");
    }

    #[test]
    fn a_title_case_headline_does_not_make_every_word_a_name() {
        let text =
            "North Korea Internet Use Spikes As Regime Relies on Hacking\n\nThe regime in North Korea said little.";
        let got = found(text);
        let headline: Vec<_> = got.iter().filter(|(t, _)| text.find(t).is_some_and(|at| at < 60)).collect();
        assert_eq!(headline, [&("North Korea", EntityKind::Place)], "{got:?}");
    }

    #[test]
    fn one_sentence_per_line_keeps_names_at_line_starts() {
        let text = "Budjana was born in Waikabubak .\nBudjana released an album .\nIt sold well .";
        let got = found(text);
        assert!(!got.iter().any(|(t, _)| *t == "It"), "{got:?}");
        assert!(got.iter().filter(|(t, _)| *t == "Budjana").count() == 2, "{got:?}");
    }

    #[test]
    fn accents_are_folded_for_name_lists() {
        assert_eq!(fold_accents("László Dvořák"), "Laszlo Dvorak");
    }

    proptest! {
        /// Any text: sorted, non-overlapping entities on character boundaries.
        #[test]
        fn entities_are_valid_ranges(text in "([A-Z][a-z]{0,6}|[a-z]{1,6}|[.,'()\\-\n ]|Ü|東京|U\\.S\\.|Mr\\.){0,60}") {
            let mut last = 0;
            for e in find(&text) {
                prop_assert!(e.range.start >= last && e.range.start < e.range.end && e.range.end <= text.len());
                prop_assert!(text.is_char_boundary(e.range.start) && text.is_char_boundary(e.range.end));
                last = e.range.end;
            }
        }
    }
}
