//! "Did you mean …?": the accepted word nearest to a mistyped one, for every error that lists
//! accepted words (config fields, theme slots, actions, sort keys, colour names).

/// The accepted word nearest to a mistyped `key`, if one is near enough to be what was meant:
/// case, `_` for `-` and a couple of typos apart (optimal string alignment distance, at most a
/// third of the word, and at least 1).
pub fn nearest<'a>(key: &str, accepted: &[&'a str]) -> Option<&'a str> {
    let norm = |s: &str| s.to_lowercase().replace('_', "-");
    let key = norm(key);
    if key.chars().count() < 3 {
        return None;
    }
    let limit = (key.chars().count() / 3).max(1);
    accepted
        .iter()
        .map(|&a| (distance(&key, &norm(a)), a))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, a)| a)
}

/// Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// `: did you mean "move-down"?` when an accepted word is near `key`, else nothing.
pub fn did_you_mean(key: &str, accepted: &[&str]) -> String {
    nearest(key, accepted).map(|n| format!(": did you mean \"{n}\"?")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[rstest::rstest]
    #[case::typo("titel", Some("title"))]
    #[case::swapped("lsit_width", Some("list_width"))]
    #[case::dash_for_underscore("max-width", Some("max_width"))]
    #[case::case("Sort", Some("sort"))]
    #[case::too_far("colour", None)]
    #[case::short_words_need_exactness("xy", None)]
    fn suggests_the_nearest_word(#[case] key: &str, #[case] expected: Option<&str>) {
        let accepted = ["title", "list_width", "max_width", "sort", "fg", "bg"];
        assert_eq!(nearest(key, &accepted), expected);
    }
}
