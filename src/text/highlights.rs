//! An article's highlights: built-in entities and watch-list hits as sorted, disjoint byte
//! ranges, counted per kind and grouped by name for the entity panel. Built for the whole text,
//! or a part at a time: the view of a huge article first, the rest in the background.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use super::doc::{BlockKind, Document, InlineStyle};
use super::entities::{self, Entity, EntityKind, grouping};
use super::segments::Mark;
use super::watch::WatchList;

/// A huge article is detected in parts of about this size, so a background run can stop
/// between parts and its memory stays bounded.
pub const CHUNK_BYTES: usize = 256 << 10;

/// A cut looks this far for the end of a block before settling for white space.
const BLOCK_SLACK: usize = 16 << 10;

/// A watch-list hit: a byte range and the index of its list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub range: Range<usize>,
    pub list: u16,
}

/// Everything highlighted in one article text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlights {
    /// Built-in entities that no watch-list hit overlaps: the watch-list wins. Sorted, disjoint.
    pub entities: Vec<Entity>,
    /// Watch-list hits, sorted and disjoint (an earlier list wins an overlap).
    pub hits: Vec<Hit>,
    /// The parts of the text looked at so far: sorted, disjoint, never touching.
    pub covered: Vec<Range<usize>>,
    /// The whole text has been looked at.
    pub complete: bool,
    /// Mentions per built-in kind, indexed by `EntityKind as usize`.
    kind_counts: [usize; EntityKind::ALL.len()],
    /// Hits per watch-list.
    list_counts: Vec<usize>,
}

/// One entry of the entity panel: one entity (or one watch-list term) with every mention of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// `Mark::Entity(kind)` or `Mark::Watch(list)`.
    pub mark: Mark,
    /// The entity's fullest name ("Donald Trump"), white space runs made one space.
    pub name: String,
    /// The other ways the article writes it ("Trump"), in order of first appearance.
    pub aliases: Vec<String>,
    /// Byte ranges of every mention, in order.
    pub mentions: Vec<Range<usize>>,
}

impl Highlights {
    /// Everything in `text[range]`, which should start and end between words (see [`cut`]).
    pub fn detect(text: &str, range: Range<usize>, lists: &[WatchList]) -> Self {
        let range = range.start.min(text.len())..range.end.min(text.len());
        let base = range.start;
        let mut found = entities::detect(&text[range.clone()]);
        for e in &mut found {
            e.range = e.range.start + base..e.range.end + base;
        }
        let hits = watch_hits(text, range.clone(), lists);
        let mut out = Self {
            entities: without_hits(found, &hits),
            hits,
            covered: if range.is_empty() { Vec::new() } else { vec![range] },
            complete: false,
            kind_counts: [0; EntityKind::ALL.len()],
            list_counts: vec![0; lists.len()],
        };
        out.recount();
        out
    }

    /// The whole text at once.
    pub fn full(text: &str, lists: &[WatchList]) -> Self {
        let mut out = Self::detect(text, 0..text.len(), lists);
        out.complete = true;
        out
    }

    /// The whole document a part at a time, stopping early (`None`) once `cancel` is set.
    pub fn full_in_parts(doc: &Document, lists: &[WatchList], cancel: &AtomicBool) -> Option<Self> {
        let text = &doc.text;
        let mut out = Self { list_counts: vec![0; lists.len()], ..Self::default() };
        let mut start = 0;
        while start < text.len() {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let end = cut(doc, start + CHUNK_BYTES);
            out.add(Self::detect(text, start..end, lists).without_code(doc));
            start = end;
        }
        out.complete = true;
        Some(out)
    }

    /// Without the built-in entities inside code (code blocks and inline code of `doc`): numbers
    /// in a listing are not amounts. Watch-list hits stay: the reader asked for those terms.
    #[must_use]
    pub fn without_code(mut self, doc: &Document) -> Self {
        let code: Vec<&Range<usize>> = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Code)
            .map(|b| &b.range)
            .chain(doc.inlines.iter().filter(|i| i.style == InlineStyle::Code).map(|i| &i.range))
            .collect();
        if !code.is_empty() {
            self.entities.retain(|e| !code.iter().any(|c| c.start < e.range.end && e.range.start < c.end));
            self.recount();
        }
        self
    }

    /// Adds the highlights of a part of the text that none of these cover.
    pub fn add(&mut self, part: Self) {
        // A part after everything so far (the background run's next chunk) is appended; one
        // before it makes two sorted runs, which the stable sort merges in linear time.
        let after = match (self.covered.last(), part.covered.first()) {
            (Some(mine), Some(theirs)) => theirs.start >= mine.end,
            _ => true,
        };
        self.entities.extend(part.entities);
        self.hits.extend(part.hits);
        self.covered.extend(part.covered);
        if !after {
            self.entities.sort_by_key(|e| e.range.start);
            self.hits.sort_by_key(|h| h.range.start);
            self.covered.sort_by_key(|r| r.start);
        }
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(self.covered.len());
        for r in self.covered.drain(..) {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        self.covered = merged;
        for (mine, theirs) in self.kind_counts.iter_mut().zip(part.kind_counts) {
            *mine += theirs;
        }
        if self.list_counts.len() < part.list_counts.len() {
            self.list_counts.resize(part.list_counts.len(), 0);
        }
        for (mine, theirs) in self.list_counts.iter_mut().zip(part.list_counts) {
            *mine += theirs;
        }
    }

    /// The parts of `range` not looked at yet.
    pub fn uncovered(&self, range: Range<usize>) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut at = range.start;
        let first = self.covered.partition_point(|c| c.end <= range.start);
        for c in &self.covered[first..] {
            if c.start >= range.end {
                break;
            }
            if c.start > at {
                out.push(at..c.start);
            }
            at = at.max(c.end);
        }
        if at < range.end {
            out.push(at..range.end);
        }
        out
    }

    /// Mentions of a built-in kind.
    pub fn kind_count(&self, kind: EntityKind) -> usize {
        self.kind_counts[kind as usize]
    }

    /// Hits of watch-list `list`.
    pub fn list_count(&self, list: usize) -> usize {
        self.list_counts.get(list).copied().unwrap_or(0)
    }

    /// The marks over `line`: entities and watch-list hits that touch it, found by binary search.
    pub fn marks(&self, line: &Range<usize>, out: &mut Vec<(Range<usize>, Mark)>) {
        let lo = self.entities.partition_point(|e| e.range.end <= line.start);
        for e in self.entities[lo..].iter().take_while(|e| e.range.start < line.end) {
            out.push((e.range.clone(), Mark::Entity(e.kind)));
        }
        let lo = self.hits.partition_point(|h| h.range.end <= line.start);
        for h in self.hits[lo..].iter().take_while(|h| h.range.start < line.end) {
            out.push((h.range.clone(), Mark::Watch(h.list)));
        }
    }

    /// The entities found, one entry each (mentions grouped as [`grouping::clusters`] does:
    /// "Trump" under "Donald Trump", "DOJ" under "Department of Justice"), watch-lists first
    /// then the kinds in [`EntityKind::ALL`] order, each section most mentioned first (ties: the
    /// earlier first mention).
    pub fn groups(&self, text: &str) -> Vec<Group> {
        let mut index: HashMap<(Mark, String), usize> = HashMap::new();
        let mut groups: Vec<Group> = Vec::new();
        for h in &self.hits {
            let name = name_of(&text[h.range.clone()]);
            let at = *index.entry((Mark::Watch(h.list), name.clone())).or_insert_with(|| {
                groups.push(Group { mark: Mark::Watch(h.list), name, aliases: Vec::new(), mentions: Vec::new() });
                groups.len() - 1
            });
            groups[at].mentions.push(h.range.clone());
        }
        for c in grouping::clusters(text, &self.entities) {
            let mentions = c.mentions.iter().map(|&m| self.entities[m].range.clone()).collect();
            groups.push(Group { mark: Mark::Entity(c.kind), name: c.name, aliases: c.aliases, mentions });
        }
        for g in &mut groups {
            g.mentions.sort_by_key(|r| r.start);
        }
        groups.sort_by(|a, b| {
            section(a.mark)
                .cmp(&section(b.mark))
                .then(b.mentions.len().cmp(&a.mentions.len()))
                .then(a.mentions[0].start.cmp(&b.mentions[0].start))
        });
        groups
    }

    /// Every mention of the entry named `name` marked `mark` (as in [`Highlights::groups`]),
    /// aliases included, in order.
    pub fn mentions(&self, text: &str, mark: Mark, name: &str) -> Vec<Range<usize>> {
        if matches!(mark, Mark::Match | Mark::Current) {
            return Vec::new();
        }
        self.groups(text).into_iter().find(|g| g.mark == mark && g.name == name).map(|g| g.mentions).unwrap_or_default()
    }

    fn recount(&mut self) {
        self.kind_counts = [0; EntityKind::ALL.len()];
        for e in &self.entities {
            self.kind_counts[e.kind as usize] += 1;
        }
        for c in &mut self.list_counts {
            *c = 0;
        }
        for h in &self.hits {
            if let Some(c) = self.list_counts.get_mut(usize::from(h.list)) {
                *c += 1;
            }
        }
    }
}

/// Panel order: watch-lists (in config order) before the built-in kinds.
fn section(mark: Mark) -> (u8, usize) {
    match mark {
        Mark::Watch(list) => (0, usize::from(list)),
        Mark::Entity(kind) => (1, kind as usize),
        Mark::Match | Mark::Current => (2, 0),
    }
}

/// A mention's text as one name: white space runs (a reflowed line break) made one space.
pub fn name_of(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The hits of every list in `text[range]`: where hits of two lists overlap, the earlier list
/// keeps its hit.
fn watch_hits(text: &str, range: Range<usize>, lists: &[WatchList]) -> Vec<Hit> {
    // start -> (end, list); a hit goes in only if it overlaps neither neighbour.
    let mut kept: BTreeMap<usize, (usize, u16)> = BTreeMap::new();
    for (list, watch) in lists.iter().enumerate() {
        let list = u16::try_from(list).unwrap_or(u16::MAX);
        for r in watch.find_in(text, range.clone()) {
            let before = kept.range(..=r.start).next_back().is_some_and(|(_, &(end, _))| end > r.start);
            let after = kept.range(r.start..).next().is_some_and(|(&start, _)| start < r.end);
            if !before && !after {
                kept.insert(r.start, (r.end, list));
            }
        }
    }
    kept.into_iter().map(|(start, (end, list))| Hit { range: start..end, list }).collect()
}

/// `found` without the entities any hit overlaps (both lists sorted and disjoint).
fn without_hits(found: Vec<Entity>, hits: &[Hit]) -> Vec<Entity> {
    if hits.is_empty() {
        return found;
    }
    let mut h = 0;
    found
        .into_iter()
        .filter(|e| {
            while h < hits.len() && hits[h].range.end <= e.range.start {
                h += 1;
            }
            hits.get(h).is_none_or(|hit| hit.range.start >= e.range.end)
        })
        .collect()
}

/// A place at or after byte `at` to cut the text for detection without splitting a word: the
/// end of the block there when it is near, else the next white space when that is near, else
/// the next character boundary; the end of the text at the latest.
pub fn cut(doc: &Document, at: usize) -> usize {
    let text = &doc.text;
    if at >= text.len() {
        return text.len();
    }
    let i = doc.blocks.partition_point(|b| b.range.end < at);
    if let Some(b) = doc.blocks.get(i).filter(|b| b.range.end - at.max(b.range.start) <= BLOCK_SLACK) {
        return b.range.end.max(at);
    }
    let at = boundary(text, at, true);
    let near = boundary(text, (at + BLOCK_SLACK).min(text.len()), true);
    text[at..near].find(char::is_whitespace).map_or(if near == text.len() { near } else { at }, |i| at + i)
}

/// Like [`cut`], but at or before `at`: the start of the block there when near, else just
/// after the last white space when near, else the character boundary; the start at the earliest.
pub fn cut_back(doc: &Document, at: usize) -> usize {
    let text = &doc.text;
    let at = at.min(text.len());
    let i = doc.blocks.partition_point(|b| b.range.start <= at);
    if let Some(b) = i.checked_sub(1).and_then(|i| doc.blocks.get(i)).filter(|b| at - b.range.start <= BLOCK_SLACK) {
        return b.range.start;
    }
    let at = boundary(text, at, false);
    let near = boundary(text, at.saturating_sub(BLOCK_SLACK), false);
    let space = text[near..at].char_indices().rev().find(|(_, c)| c.is_whitespace());
    space.map_or(if near == 0 { 0 } else { at }, |(i, c)| near + i + c.len_utf8())
}

/// The character boundary at or after (`forward`) or before `at`.
fn boundary(text: &str, mut at: usize, forward: bool) -> usize {
    while !text.is_char_boundary(at) {
        if forward { at += 1 } else { at -= 1 }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::doc::{Block, BlockKind};

    fn lists(specs: &[(&str, &[&str])]) -> Vec<WatchList> {
        specs
            .iter()
            .map(|(name, terms)| {
                WatchList::new(*name, terms.iter().map(ToString::to_string).collect(), false).expect("compiles")
            })
            .collect()
    }

    fn paragraphs(parts: &[&str]) -> Document {
        let text = parts.join("\n\n");
        let mut blocks = Vec::new();
        let mut at = 0;
        for p in parts {
            blocks.push(Block::new(at..at + p.len(), BlockKind::Paragraph));
            at += p.len() + 2;
        }
        Document { text, blocks, inlines: Vec::new() }
    }

    const TEXT: &str = "The court froze $81 million on February 9, a rise of 300 percent. It later \
                        returned $81 million.";

    #[test]
    fn numbers_and_dates_are_found_and_counted() {
        let h = Highlights::full(TEXT, &[]);
        let found: Vec<(EntityKind, &str)> = h.entities.iter().map(|e| (e.kind, &TEXT[e.range.clone()])).collect();
        assert!(found.contains(&(EntityKind::Money, "$81 million")), "{found:?}");
        assert!(found.contains(&(EntityKind::Percent, "300 percent")), "{found:?}");
        assert!(found.contains(&(EntityKind::Date, "February 9")), "{found:?}");
        assert_eq!(h.kind_count(EntityKind::Money), 2);
        assert!(h.complete);
    }

    #[test]
    fn a_watch_list_hit_replaces_the_entity_it_overlaps() {
        let h = Highlights::full(TEXT, &lists(&[("cash", &["81 million"])]));
        assert_eq!(h.hits.iter().map(|hit| &TEXT[hit.range.clone()]).collect::<Vec<_>>(), ["81 million"; 2]);
        assert!(h.entities.iter().all(|e| e.kind != EntityKind::Money), "{:?}", h.entities);
        assert_eq!((h.kind_count(EntityKind::Money), h.list_count(0)), (0, 2));
    }

    #[test]
    fn the_earlier_list_wins_an_overlap_between_lists() {
        let h =
            Highlights::full("the Lazarus Group again", &lists(&[("a", &["Group again"]), ("b", &["Lazarus Group"])]));
        assert_eq!(h.hits, [Hit { range: 12..23, list: 0 }]);
    }

    #[test]
    fn groups_put_watch_lists_first_and_the_most_mentioned_first() {
        let h = Highlights::full(TEXT, &lists(&[("dates", &["February 9"])]));
        let groups = h.groups(TEXT);
        assert_eq!((groups[0].mark, groups[0].name.as_str()), (Mark::Watch(0), "February 9"));
        let money = groups.iter().find(|g| g.mark == Mark::Entity(EntityKind::Money)).expect("money");
        assert_eq!((money.name.as_str(), money.mentions.len()), ("$81 million", 2));
        assert_eq!(h.mentions(TEXT, money.mark, &money.name), money.mentions);
    }

    #[test]
    fn one_entity_is_one_entry_with_every_mention() {
        let text = "Donald Trump spoke in Ohio. Crowds cheered as Trump left, and Donald Trump flew home.";
        let h = Highlights::full(text, &[]);
        let groups = h.groups(text);
        let trump = groups.iter().find(|g| g.name == "Donald Trump").expect("one entry");
        assert_eq!((trump.mentions.len(), trump.aliases.clone()), (3, vec!["Trump".to_string()]));
        assert!(!groups.iter().any(|g| g.name == "Trump"), "{groups:?}");
        assert_eq!(h.mentions(text, trump.mark, "Donald Trump"), trump.mentions);
    }

    #[test]
    fn nothing_inside_code_is_an_entity() {
        let doc = crate::library::markdown::parse(
            "Costs rose 300 percent.\n\n```\nlimit = 42 percent\n```\n\nSet `300 percent` now.\n",
        )
        .doc;
        let h = Highlights::full(&doc.text, &[]).without_code(&doc);
        let found: Vec<&str> = h.entities.iter().map(|e| &doc.text[e.range.clone()]).collect();
        assert_eq!(found, ["300 percent"], "only the prose");
        assert_eq!(h.kind_count(EntityKind::Percent), 1);
    }

    #[test]
    fn names_across_line_breaks_are_one_name() {
        assert_eq!(name_of("North\n  Korea"), "North Korea");
    }

    #[test]
    fn parts_add_up_to_the_whole() {
        let doc = paragraphs(&["Rates rose 300 percent.", "It cost $81 million.", "Then came February 9."]);
        let whole = Highlights::full(&doc.text, &[]);
        let mut parts = Highlights::detect(&doc.text, doc.blocks[1].range.clone(), &[]);
        assert_eq!(
            parts.uncovered(0..doc.text.len()),
            [0..doc.blocks[1].range.start, doc.blocks[1].range.end..doc.text.len()]
        );
        for gap in parts.uncovered(0..doc.text.len()) {
            parts.add(Highlights::detect(&doc.text, gap, &[]));
        }
        assert_eq!(parts.entities, whole.entities);
        assert_eq!(parts.covered, vec![0..doc.text.len()]);
        assert_eq!(parts.kind_count(EntityKind::Percent), 1);
        let cancel = AtomicBool::new(false);
        assert_eq!(Highlights::full_in_parts(&doc, &[], &cancel).map(|h| h.entities), Some(whole.entities));
        cancel.store(true, Ordering::Relaxed);
        assert_eq!(Highlights::full_in_parts(&doc, &[], &cancel), None);
    }

    #[test]
    fn cuts_fall_at_block_ends_or_white_space() {
        let doc = paragraphs(&["alpha beta", "gamma delta"]);
        assert_eq!(cut(&doc, 3), 10, "the end of the block");
        assert_eq!(cut_back(&doc, 15), 12, "the start of the block");
        assert_eq!(cut(&doc, 100), doc.text.len());
        let long = Document { text: "word ".repeat(10_000), blocks: Vec::new(), inlines: Vec::new() };
        assert_eq!(cut(&long, 32_002), 32_004, "the next space");
        assert_eq!(cut_back(&long, 32_002), 32_000, "after the space before");
        let word = Document { text: "é".repeat(50_000), blocks: Vec::new(), inlines: Vec::new() };
        assert_eq!(cut(&word, 40_001), 40_002, "a boundary inside a word that never ends");
        assert_eq!(cut_back(&word, 40_001), 40_000);
        assert_eq!(cut_back(&word, 9), 0, "the start when it is near");
        let wide = Document { text: "ab\u{3000}cd".into(), blocks: Vec::new(), inlines: Vec::new() };
        assert_eq!(cut_back(&wide, 6), 5, "after a wide space");
    }

    proptest::proptest! {
        /// Cuts land on character boundaries, on their side of `at`, whatever the text.
        #[test]
        fn cuts_are_character_boundaries(text in "[a-z é東\n\u{3000}\u{85}]{0,120}", at in 0usize..400) {
            let doc = crate::library::txt::parse(&text);
            let (after, before) = (cut(&doc, at), cut_back(&doc, at));
            proptest::prop_assert!(doc.text.is_char_boundary(after) && after >= at.min(doc.text.len()));
            proptest::prop_assert!(doc.text.is_char_boundary(before) && before <= at);
        }
    }

    #[test]
    fn marks_over_a_line_come_from_both_lists() {
        let h = Highlights::full(TEXT, &lists(&[("court", &["court"])]));
        let mut marks = Vec::new();
        h.marks(&(0..30), &mut marks);
        assert!(marks.contains(&(4..9, Mark::Watch(0))), "{marks:?}");
        assert!(marks.iter().any(|(_, m)| *m == Mark::Entity(EntityKind::Money)), "{marks:?}");
    }
}
