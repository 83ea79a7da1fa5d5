//! One entity, one entry: the mentions of an article grouped by what they name. A later surname
//! or first part joins the full name ("Trump" → "Donald Trump", "Kim" → "Kim Jong-un"), an
//! acronym joins its expansion ("DOJ" → "Department of Justice", "U.N." → "United Nations"),
//! spelling variants join ("Kim Jong-un" / "Kim Jong Un"), a leading part of an organization's
//! name joins it ("Kestrel Ridge" → "Kestrel Ridge Analytics").

use super::{Entity, EntityKind};

/// One entity: its kind, the name to show, the other ways it is written, and its mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    pub kind: EntityKind,
    /// The fullest form: the mention with the most words (the first on a tie).
    pub name: String,
    /// The other forms, in order of first appearance.
    pub aliases: Vec<String>,
    /// Indexes into the entity list, in order.
    pub mentions: Vec<usize>,
}

/// A name as written, white space made one space.
fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A spelling-blind key: lower case, letters and digits only, words split at hyphens.
fn key(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == '-' || c == '‑')
        .map(|w| w.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The letters of an acronym ("U.N." → "un"), if the name is one.
fn acronym(name: &str) -> Option<String> {
    let letters: String = name.chars().filter(|c| c.is_alphabetic()).collect();
    let ok =
        (2..=8).contains(&letters.chars().count()) && letters.chars().all(char::is_uppercase) && !name.contains(' ');
    ok.then(|| letters.to_lowercase())
}

/// Initials of a name's words, with and without its small words ("Department of Justice" →
/// "doj", "dj").
fn initials(words: &[String]) -> [String; 2] {
    let small = |w: &str| matches!(w, "of" | "the" | "and" | "for" | "on" | "in" | "de" | "&");
    let all: String = words.iter().filter_map(|w| w.chars().next()).collect();
    let big: String = words.iter().filter(|w| !small(w)).filter_map(|w| w.chars().next()).collect();
    [all, big]
}

/// Whether `short` names the same entity as `long` (both keys, `short` the shorter).
fn joins(kind: EntityKind, short: &[String], short_acronym: Option<&str>, long: &[String]) -> bool {
    if short == long {
        return true;
    }
    match kind {
        EntityKind::Person => short.len() < long.len() && short.iter().all(|w| long.contains(w)),
        EntityKind::Organization => {
            short_acronym.is_some_and(|a| long.len() >= 2 && initials(long).iter().any(|i| i == a))
                || (short.len() < long.len() && long.starts_with(short))
        }
        EntityKind::Place => short_acronym.is_some_and(|a| long.len() >= 2 && initials(long)[1] == a),
        EntityKind::Group => {
            let strip = |w: &[String]| w.iter().map(|x| x.trim_end_matches('s').to_string()).collect::<Vec<_>>();
            strip(short) == strip(long)
        }
        _ => false,
    }
}

/// The entities of `text` grouped into clusters, in order of first mention.
pub fn clusters(text: &str, entities: &[Entity]) -> Vec<Cluster> {
    // Longer names first, so a short form finds the full name it belongs to.
    let mut order: Vec<usize> = (0..entities.len()).collect();
    let keys: Vec<Vec<String>> = entities.iter().map(|e| key(&text[e.range.clone()])).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(keys[i].len()), i));
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut heads: Vec<Vec<String>> = Vec::new();
    for i in order {
        let e = &entities[i];
        let name = clean(&text[e.range.clone()]);
        let short_acronym = acronym(&name);
        let found = clusters
            .iter()
            .zip(&heads)
            .rposition(|(c, head)| c.kind == e.kind && joins(e.kind, &keys[i], short_acronym.as_deref(), head));
        if let Some(c) = found {
            clusters[c].mentions.push(i);
        } else {
            clusters.push(Cluster { kind: e.kind, name, aliases: Vec::new(), mentions: vec![i] });
            heads.push(keys[i].clone());
        }
    }
    for c in &mut clusters {
        c.mentions.sort_unstable();
        for &m in &c.mentions {
            let form = clean(&text[entities[m].range.clone()]);
            if form != c.name && !c.aliases.contains(&form) {
                c.aliases.push(form);
            }
        }
    }
    clusters.sort_by_key(|c| c.mentions[0]);
    clusters
}

/// The cluster of every entity: `out[i]` is the index in `clusters` of entity `i`.
pub fn cluster_of(clusters: &[Cluster], count: usize) -> Vec<usize> {
    let mut out = vec![0; count];
    for (c, cluster) in clusters.iter().enumerate() {
        for &m in &cluster.mentions {
            out[m] = c;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grouped(text: &str, names: &[(&str, EntityKind)]) -> Vec<(String, Vec<String>, usize)> {
        let mut entities = Vec::new();
        let mut from = 0;
        for (name, kind) in names {
            let at = from + text[from..].find(name).expect("in the text");
            entities.push(Entity { range: at..at + name.len(), kind: *kind });
            from = at + name.len();
        }
        clusters(text, &entities).into_iter().map(|c| (c.name, c.aliases, c.mentions.len())).collect()
    }

    const P: EntityKind = EntityKind::Person;
    const O: EntityKind = EntityKind::Organization;

    #[test]
    fn surnames_and_first_parts_join_the_full_name() {
        let text = "Donald Trump met Kim Jong-un. Trump said Kim Jong Un and Kim agreed.";
        let got =
            grouped(text, &[("Donald Trump", P), ("Kim Jong-un", P), ("Trump", P), ("Kim Jong Un", P), ("Kim", P)]);
        assert_eq!(
            got,
            [
                ("Donald Trump".to_string(), vec!["Trump".to_string()], 2),
                ("Kim Jong-un".to_string(), vec!["Kim Jong Un".to_string(), "Kim".to_string()], 3)
            ]
        );
    }

    #[test]
    fn acronyms_join_their_expansion() {
        let text = "The Department of Justice (DOJ) and the United Nations; the DOJ and the U.N. agreed.";
        let got =
            grouped(text, &[("Department of Justice", O), ("DOJ", O), ("United Nations", O), ("DOJ", O), ("U.N.", O)]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[0].0.as_str(), got[0].2), ("Department of Justice", 3));
        assert_eq!((got[1].0.as_str(), got[1].2), ("United Nations", 2));
    }

    #[test]
    fn different_people_with_one_word_in_common_stay_apart() {
        let text = "Anna Park and John Park met. Later Anna Park left.";
        let got = grouped(text, &[("Anna Park", P), ("John Park", P), ("Anna Park", P)]);
        assert_eq!(got.len(), 2, "{got:?}");
    }
}
