//! The words that qualify an amount belong to it, as the standard (`OntoNotes`) annotation has
//! them: `about $1.5 billion`, `more than 20%`, `nearly 300`, `only 5%`, `more than a decade`.

use super::super::{Entity, EntityKind};

/// Qualifiers, lower case, longest first where one ends another.
const QUALIFIERS: &[&str] = &[
    "as many as",
    "as much as",
    "as few as",
    "as little as",
    "an estimated",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "close to",
    "upwards of",
    "well over",
    "well under",
    "just over",
    "just under",
    "nearly",
    "almost",
    "about",
    "around",
    "roughly",
    "approximately",
    "some",
    "only",
    "just",
    "over",
    "under",
];

/// `e` with the qualifier just before it (if any) taken in. Dates take only the qualifiers of a
/// length of time (`more than a decade`), never `over`/`under`/`some`/`just` (`over two
/// quarters` is a preposition).
pub(super) fn extend(text: &str, e: &mut Entity) {
    let before = &text[..e.range.start];
    let Some(head) = before.strip_suffix(' ') else { return };
    for q in QUALIFIERS {
        if e.kind == EntityKind::Date && matches!(*q, "over" | "under" | "some" | "just" | "only") {
            continue;
        }
        let Some(cut) = head.len().checked_sub(q.len()) else { continue };
        if !head.is_char_boundary(cut) || !head[cut..].eq_ignore_ascii_case(q) {
            continue;
        }
        let boundary = head[..cut].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        if boundary {
            e.range.start = cut;
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::find;

    fn spans(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|e| &text[e.range]).collect()
    }

    #[test]
    fn qualifiers_belong_to_amounts() {
        assert_eq!(spans("It cost about $1.5 billion."), ["about $1.5 billion"]);
        assert_eq!(spans("Sales rose more than 20% in May."), ["more than 20%", "May"]);
        assert_eq!(spans("Nearly 300 people came; only 5% stayed."), ["Nearly 300", "only 5%"]);
        assert_eq!(spans("He waited more than a decade."), ["more than a decade"]);
    }

    #[test]
    fn prepositions_before_periods_are_left_out() {
        assert_eq!(spans("Prices fell over two quarters."), ["two quarters"]);
        assert_eq!(spans("The shovel broke."), Vec::<&str>::new());
    }
}
