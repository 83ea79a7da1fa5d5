//! Cutting a line's text into styled segments: inline styles, then highlight marks (entities,
//! watch-list hits, search matches) laid over them by priority.

use std::ops::Range;

use super::entities::EntityKind;

/// A highlight over text; the later variant wins where marks overlap, so a search match shows
/// over a watch-list hit, and a hit over a built-in entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// A built-in entity of this kind.
    Entity(EntityKind),
    /// A hit of the watch-list with this index.
    Watch(u16),
    /// A search match.
    Match,
    /// The current search match.
    Current,
}

/// A piece of a line: its bytes, the inline style bits and the strongest mark over it.
pub type Segment = (Range<usize>, u8, Option<Mark>);

/// Splits `segments` (contiguous, in order) wherever a mark starts or ends, giving each piece
/// the highest-priority mark that covers it. `marks` need not be sorted or disjoint.
pub fn overlay(segments: &[(Range<usize>, u8)], marks: &[(Range<usize>, Mark)]) -> Vec<Segment> {
    if marks.is_empty() {
        return segments.iter().map(|(r, bits)| (r.clone(), *bits, None)).collect();
    }
    let mut out = Vec::with_capacity(segments.len() + marks.len() * 2);
    for (range, bits) in segments {
        let mut cuts = vec![range.start, range.end];
        for (m, _) in marks {
            for edge in [m.start, m.end] {
                if range.start < edge && edge < range.end {
                    cuts.push(edge);
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let mark = marks.iter().filter(|(m, _)| m.start <= w[0] && w[1] <= m.end).map(|(_, k)| *k).max();
            out.push((w[0]..w[1], *bits, mark));
        }
    }
    out
}

/// The marks among sorted, disjoint `ranges` that touch `line`, found by binary search.
pub fn touching(ranges: &[Range<usize>], line: &Range<usize>) -> Range<usize> {
    let lo = ranges.partition_point(|r| r.end <= line.start);
    let hi = lo + ranges[lo..].partition_point(|r| r.start < line.end);
    lo..hi
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_cut_segments_and_the_strongest_wins() {
        let segs = [(0..10, 0), (10..20, 1)];
        let marks = [(5..15, Mark::Match), (8..12, Mark::Current)];
        assert_eq!(
            overlay(&segs, &marks),
            vec![
                (0..5, 0, None),
                (5..8, 0, Some(Mark::Match)),
                (8..10, 0, Some(Mark::Current)),
                (10..12, 1, Some(Mark::Current)),
                (12..15, 1, Some(Mark::Match)),
                (15..20, 1, None),
            ]
        );
    }

    #[test]
    fn search_beats_watch_lists_which_beat_entities() {
        let segs = [(0..10, 0)];
        let marks = [(0..10, Mark::Entity(EntityKind::Place)), (2..8, Mark::Watch(3)), (4..6, Mark::Match)];
        assert_eq!(
            overlay(&segs, &marks),
            vec![
                (0..2, 0, Some(Mark::Entity(EntityKind::Place))),
                (2..4, 0, Some(Mark::Watch(3))),
                (4..6, 0, Some(Mark::Match)),
                (6..8, 0, Some(Mark::Watch(3))),
                (8..10, 0, Some(Mark::Entity(EntityKind::Place))),
            ]
        );
        assert!(Mark::Entity(EntityKind::Number) < Mark::Watch(0) && Mark::Watch(u16::MAX) < Mark::Match);
    }

    #[test]
    fn a_mark_wider_than_the_line_covers_it_all() {
        assert_eq!(overlay(&[(4..8, 0)], &[(0..100, Mark::Match)]), vec![(4..8, 0, Some(Mark::Match))]);
    }

    #[test]
    fn touching_finds_marks_overlapping_a_line() {
        let ranges = [0..2, 5..9, 9..12, 20..25];
        assert_eq!(touching(&ranges, &(6..10)), 1..3);
        assert_eq!(touching(&ranges, &(12..20)), 3..3);
        assert_eq!(touching(&ranges, &(0..100)), 0..4);
        assert_eq!(touching(&[], &(0..1)), 0..0);
    }
}
