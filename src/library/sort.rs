//! The list's order: the articles a predicate keeps, sorted by the configured key. Pure: the
//! reader's list and `newsdesk list` both order through here.

use crate::config::SortKey;
use crate::library::Entry;

/// Indices into `entries` of those `keep` accepts, in the order of `key`; ties fall back to the
/// relative path, so the order never depends on the scan's.
pub fn order(entries: &[Entry], key: SortKey, keep: impl Fn(&Entry) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..entries.len()).filter(|&i| keep(&entries[i])).collect();
    match key {
        SortKey::Date => order.sort_by(|&a, &b| {
            let (ea, eb) = (&entries[a], &entries[b]);
            // Newest first; undated last.
            eb.meta.date_key().cmp(&ea.meta.date_key()).then_with(|| ea.rel.cmp(&eb.rel))
        }),
        SortKey::Title => {
            order.sort_by_cached_key(|&i| (entries[i].meta.title.to_lowercase(), entries[i].rel.clone()));
        }
        SortKey::Path => order.sort_by(|&a, &b| entries[a].rel.cmp(&entries[b].rel)),
        SortKey::Length => order.sort_by_key(|&i| (entries[i].words.is_none(), entries[i].words, i)),
        SortKey::LastRead => order.sort_by(|&a, &b| {
            let (ea, eb) = (&entries[a], &entries[b]);
            // Most recently read first; never read after, newest first.
            eb.reading
                .last_read
                .cmp(&ea.reading.last_read)
                .then_with(|| eb.meta.date_key().cmp(&ea.meta.date_key()))
                .then_with(|| ea.rel.cmp(&eb.rel))
        }),
    }
    order
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use rstest::rstest;

    use super::*;
    use crate::library::{Format, Meta};

    fn entry(rel: &str, title: &str, date: Option<&str>, words: Option<usize>, last_read: u64) -> Entry {
        let mut e = Entry::new(Path::new("/lib"), &Path::new("/lib").join(rel), Format::Text);
        e.meta = Meta { title: title.into(), date: date.map(String::from), ..Meta::default() };
        e.words = words;
        e.reading.last_read = last_read;
        e
    }

    fn entries() -> Vec<Entry> {
        vec![
            entry("b.txt", "Beta", Some("2024-01-02"), Some(900), 0),
            entry("a.txt", "alpha", None, None, 5),
            entry("c.txt", "Gamma", Some("2024-03-01"), Some(10), 9),
            entry("d/e.txt", "delta", Some("2024-03-01"), Some(500), 0),
        ]
    }

    #[rstest]
    #[case::date_newest_first_undated_last(SortKey::Date, &[2, 3, 0, 1])]
    #[case::title_ignoring_case(SortKey::Title, &[1, 0, 3, 2])]
    #[case::path(SortKey::Path, &[1, 0, 2, 3])]
    #[case::length_shortest_first_uncounted_last(SortKey::Length, &[2, 3, 0, 1])]
    #[case::last_read_then_newest(SortKey::LastRead, &[2, 1, 3, 0])]
    fn orders_by_each_key(#[case] key: SortKey, #[case] expected: &[usize]) {
        assert_eq!(order(&entries(), key, |_| true), expected);
    }

    #[test]
    fn keeps_only_what_the_predicate_accepts() {
        assert_eq!(order(&entries(), SortKey::Path, |e| e.rel != "a.txt"), [0, 2, 3]);
    }
}
