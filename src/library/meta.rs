//! What is known about an article besides its text: title, author, date, source, tags.

use serde::Serialize;

/// An article's metadata, from front matter, the first line or heading, and the file name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The text encoding when it is not UTF-8 (`windows-1252 (detected)`, `Shift_JIS`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

impl Meta {
    /// Takes escape sequences out of every field: front matter can write them as YAML or TOML
    /// escapes (`"\e]52;…"`, `"\u001b"`), which decode only after the file's text was cleaned.
    pub fn strip_sequences(&mut self) {
        use crate::text::sanitize::strip_sequences;
        let clean = |s: &mut String| {
            if let std::borrow::Cow::Owned(c) = strip_sequences(s, false) {
                *s = c;
            }
        };
        clean(&mut self.title);
        for field in [&mut self.author, &mut self.date, &mut self.source, &mut self.url].into_iter().flatten() {
            clean(field);
        }
        self.tags.iter_mut().for_each(clean);
    }

    /// Whether there is a byline, date or source: what the reading pane's metadata line shows.
    pub fn has_byline(&self) -> bool {
        self.author.is_some() || self.date.is_some() || self.source.is_some()
    }

    /// The date as a sortable `(year, month, day)`, when it starts with an ISO date
    /// (`2024`, `2024-03` or `2024-03-09`, optionally followed by a time).
    pub fn date_key(&self) -> Option<(u16, u8, u8)> {
        self.date.as_deref().and_then(iso_date_prefix)
    }
}

/// Parses the ISO date at the start of `s`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn iso_date_prefix(s: &str) -> Option<(u16, u8, u8)> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u16> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) { part.parse().ok() } else { None }
    };
    let year = digits(0..4)?;
    if b.get(4) != Some(&b'-') {
        return (b.get(4).is_none_or(|c| !c.is_ascii_digit())).then_some((year, 0, 0));
    }
    let month = u8::try_from(digits(5..7)?).ok().filter(|m| (1..=12).contains(m))?;
    if b.get(7) != Some(&b'-') {
        return Some((year, month, 0));
    }
    let day = u8::try_from(digits(8..10)?).ok().filter(|d| (1..=31).contains(d))?;
    Some((year, month, day))
}

/// A date at the start of a file name such as `2009-01-06_title.txt`, as `2009-01-06`.
pub fn date_from_file_name(name: &str) -> Option<String> {
    let (y, m, d) = iso_date_prefix(name)?;
    (d > 0).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Words per minute used for reading time.
pub const WORDS_PER_MINUTE: usize = 230;

/// Minutes to read `words` words, at least one.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::full("2024-03-09", Some((2024, 3, 9)))]
    #[case::with_time("2024-03-09T10:00:00Z", Some((2024, 3, 9)))]
    #[case::month("2024-03", Some((2024, 3, 0)))]
    #[case::year("2024", Some((2024, 0, 0)))]
    #[case::bad_month("2024-13-01", None)]
    #[case::words("March 9, 2024", None)]
    #[case::long_number("20240309", None)]
    fn iso_dates(#[case] input: &str, #[case] expected: Option<(u16, u8, u8)>) {
        assert_eq!(iso_date_prefix(input), expected);
    }

    #[test]
    fn file_name_dates_need_a_day() {
        assert_eq!(date_from_file_name("2009-01-06_fraud.txt").as_deref(), Some("2009-01-06"));
        assert_eq!(date_from_file_name("2009_report.txt"), None);
    }

    #[rstest]
    #[case(0, 1)]
    #[case(230, 1)]
    #[case(231, 2)]
    #[case(4600, 20)]
    fn reading_time(#[case] words: usize, #[case] minutes: usize) {
        assert_eq!(reading_minutes(words), minutes);
    }
}
