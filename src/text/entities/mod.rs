//! Entity detection: who, where, when and how much. Article text in, byte ranges with a kind
//! out; pure, offline, no terminal.
//!
//! Two engines feed one list: `numeric` (dates, money, percentages, numbers: patterns) and
//! `tagger` (people, organizations, places, groups: a learned sequence tagger over the lexicon,
//! spelling and context, made consistent across the document). Where they overlap the longer
//! span wins.

pub mod consistency;
pub mod context;
pub mod features;
pub mod grouping;
pub mod lexicon;
pub mod model;
pub mod numeric;
pub mod tagger;
pub mod tokens;
mod windows;

#[cfg(test)]
mod cases;

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    /// Countries, cities, regions, facilities.
    Place,
    /// Nationalities, religious and political groups ("North Korean", "Democrats").
    Group,
    /// Dates, times and periods ("February 9", "last year").
    Date,
    Money,
    Percent,
    /// Other cardinals and quantities.
    Number,
}

impl EntityKind {
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Group,
        EntityKind::Date,
        EntityKind::Money,
        EntityKind::Percent,
        EntityKind::Number,
    ];

    /// The config and output word: `person`, `organization`, ...
    pub const fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Group => "group",
            EntityKind::Date => "date",
            EntityKind::Money => "money",
            EntityKind::Percent => "percent",
            EntityKind::Number => "number",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for EntityKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|k| k.name() == s).ok_or_else(|| format!("unknown entity kind \"{s}\""))
    }
}

/// One entity: a byte range of the text and its kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Entity {
    pub range: Range<usize>,
    pub kind: EntityKind,
}

/// Every entity in `text`, sorted by start, never overlapping, each range on character
/// boundaries.
pub fn detect(text: &str) -> Vec<Entity> {
    merge(numeric::find(text), tagger::find(text))
}

/// Merges two entity lists into one sorted, non-overlapping list: where spans overlap, the
/// longer wins (the earlier on a tie).
pub fn merge(a: Vec<Entity>, b: Vec<Entity>) -> Vec<Entity> {
    let mut all = a;
    all.extend(b);
    all.sort_by(|x, y| x.range.start.cmp(&y.range.start).then(y.range.end.cmp(&x.range.end)));
    let mut out: Vec<Entity> = Vec::with_capacity(all.len());
    for e in all {
        if e.range.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if e.range.start < last.range.end => {
                if e.range.len() > last.range.len() {
                    *last = e;
                }
            }
            _ => out.push(e),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(range: Range<usize>, kind: EntityKind) -> Entity {
        Entity { range, kind }
    }

    #[test]
    fn merge_keeps_the_longer_of_overlapping_spans() {
        let merged = merge(
            vec![e(0..5, EntityKind::Number), e(10..12, EntityKind::Number)],
            vec![e(0..8, EntityKind::Money), e(11..20, EntityKind::Date), e(30..31, EntityKind::Person)],
        );
        assert_eq!(
            merged,
            vec![e(0..8, EntityKind::Money), e(11..20, EntityKind::Date), e(30..31, EntityKind::Person)]
        );
    }

    #[test]
    fn kinds_round_trip_their_names() {
        for kind in EntityKind::ALL {
            assert_eq!(kind.name().parse::<EntityKind>(), Ok(kind));
        }
    }
}
