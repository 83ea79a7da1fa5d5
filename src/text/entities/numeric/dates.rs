//! Dates, times and periods: month and weekday names, relative phrases (`last year`,
//! `three years ago`, `the first quarter`), clock times, years, decades and fiscal periods.

use super::amounts::Form;
use super::words::{TimeUnit, Word};
use super::{Hit, Line, hit};
use crate::text::entities::EntityKind::Date;

impl Line<'_> {
    /// Dates written digits first: `10:30 a.m.`, `10am`, `2024-03-09`, `3/9/2024`, `1990s`,
    /// `2017-18`, `12 March 2019`, `19th century`.
    pub(super) fn digit_date(&self, i: usize) -> Option<Hit> {
        let (value, len) = self.int(i)?;
        let date = |end| Some(hit(i, end, Date));
        if len <= 2 && value <= 24 {
            if let Some(end) = self.clock(i) {
                return date(end);
            }
            if (1..=12).contains(&value)
                && let Some(end) = self.meridiem(i + 1)
            {
                return date(self.zone(end));
            }
        }
        let two = |k, range: std::ops::RangeInclusive<u32>| matches!(self.int(k), Some((v, 2)) if range.contains(&v));
        if len == 4 && self.hyphen(i + 1) && two(i + 2, 1..=12) && self.hyphen(i + 3) && two(i + 4, 1..=31) {
            return date(i + 5);
        }
        let slash = |k| self.is_sym(k, '/') && self.glued(k) && self.glued(k + 1);
        if len <= 2
            && slash(i + 1)
            && matches!(self.int(i + 2), Some((_, 1 | 2)))
            && slash(i + 3)
            && matches!(self.int(i + 4), Some((_, 2 | 4)))
        {
            return date(i + 5);
        }
        if let Some(end) = self.decade(i).or_else(|| self.year_range(i)).or_else(|| self.day_month(i)) {
            return date(end);
        }
        // `19th century`, `21st-century`
        let k = i + 1;
        if self.glued(k) && self.ordinal_suffix(k) {
            let u = if self.hyphen(k + 1) { k + 2 } else { k + 1 };
            if matches!(self.word(u), Word::Unit(TimeUnit::Century, _)) {
                return date(u + 1);
            }
        }
        None
    }

    /// `10:30`, `14:05:10`, then `a.m.` and a time zone; `None` for `1:18-cr-00412`.
    fn clock(&self, i: usize) -> Option<usize> {
        let minutes = |k: usize| {
            self.is_sym(k, ':')
                && self.glued(k)
                && self.glued(k + 1)
                && matches!(self.int(k + 1), Some((m, 2)) if m < 60)
        };
        if !minutes(i + 1) {
            return None;
        }
        let mut end = i + 3;
        if minutes(end) {
            end += 2;
        }
        if self.glued(end)
            && (self.num(end)
                || (self.is_word(end) && self.word(end) != Word::Meridiem)
                || matches!(self.sym(end), Some('-' | '/' | ':')))
        {
            return None;
        }
        let end = self.meridiem(end).unwrap_or(end);
        Some(self.zone(end))
    }

    /// `am`, `PM`, `a.m.`, `p.m` at `j`: the token after it.
    fn meridiem(&self, j: usize) -> Option<usize> {
        if self.word(j) == Word::Meridiem {
            return Some(j + 1);
        }
        let dotted = matches!(self.str(j), "a" | "p" | "A" | "P")
            && self.is_sym(j + 1, '.')
            && self.glued(j + 1)
            && matches!(self.str(j + 2), "m" | "M")
            && self.glued(j + 2);
        dotted.then(|| if self.is_sym(j + 3, '.') && self.glued(j + 3) { j + 4 } else { j + 3 })
    }

    fn zone(&self, j: usize) -> usize {
        if self.word(j) == Word::Zone && self.case(j) == super::Case::Upper { j + 1 } else { j }
    }

    /// `st`, `nd`, `rd`, `th` at `k`.
    fn ordinal_suffix(&self, k: usize) -> bool {
        matches!(self.str(k), "st" | "nd" | "rd" | "th")
    }

    /// `1990s`, `1990's`, `2000s`.
    pub(super) fn decade(&self, i: usize) -> Option<usize> {
        let (value, 4) = self.int(i)? else { return None };
        if !(1000..=2090).contains(&value) || value % 10 != 0 {
            return None;
        }
        let k = i + 1;
        if self.glued(k) && self.str(k) == "s" {
            return Some(k + 1);
        }
        let quoted = matches!(self.sym(k), Some('\'' | '’')) && self.glued(k) && self.glued(k + 1);
        (quoted && self.str(k + 1) == "s").then_some(k + 2)
    }

    /// `'90s` at the apostrophe `q`.
    pub(super) fn short_decade(&self, q: usize) -> Option<usize> {
        if q > 0 && self.glued(q) && self.is_word(q - 1) {
            return None;
        }
        let (value, 2) = self.int(q + 1)? else { return None };
        let ok = value % 10 == 0 && self.glued(q + 1) && self.glued(q + 2) && self.str(q + 2) == "s";
        ok.then_some(q + 3)
    }

    /// A four-digit year at `k` that nothing glued continues.
    pub(super) fn year_tok(&self, k: usize) -> bool {
        matches!(self.int(k), Some((v, 4)) if (1000..=2099).contains(&v))
            && !(self.glued(k + 1) && (self.is_word(k + 1) || self.num(k + 1) || self.hyphen(k + 1)))
    }

    /// `2017-18`, `2017-2019`, `2017/18`.
    pub(super) fn year_range(&self, i: usize) -> Option<usize> {
        let (first, 4) = self.int(i)? else { return None };
        if !(1000..=2099).contains(&first) {
            return None;
        }
        let k = i + 1;
        let joined = self.hyphen(k) || (self.is_sym(k, '/') && self.glued(k) && self.glued(k + 1));
        if !joined {
            return None;
        }
        let ok = match self.int(k + 1)? {
            (second, 2) => second == (first + 1) % 100 || second > first % 100,
            (second, 4) => second > first && second <= 2099,
            _ => false,
        };
        let end = k + 2;
        let chained =
            self.glued(end) && (self.is_word(end) || self.num(end) || self.hyphen(end) || self.is_sym(end, '/'));
        (ok && !chained).then_some(end)
    }

    /// A day of the month at `j` (`12`, `3rd`), not glued to what comes before: the token after.
    fn day(&self, j: usize) -> Option<usize> {
        let (d, 1 | 2) = self.int(j)? else { return None };
        if !(1..=31).contains(&d) || self.glued(j) {
            return None;
        }
        let end = if self.glued(j + 1) && self.ordinal_suffix(j + 1) { j + 2 } else { j + 1 };
        let continued = self.glued(end) && (self.is_word(end) || self.num(end) || self.is_sym(end, ':'));
        (!continued).then_some(end)
    }

    /// `12 March 2019`, `3rd of June`.
    fn day_month(&self, i: usize) -> Option<usize> {
        let (d, 1 | 2) = self.int(i)? else { return None };
        if !(1..=31).contains(&d) {
            return None;
        }
        let mut k = if self.glued(i + 1) && self.ordinal_suffix(i + 1) { i + 2 } else { i + 1 };
        if self.word(k) == Word::Of && k > i + 1 {
            k += 1;
        }
        if !matches!(self.word(k), Word::Month | Word::MonthAbbr) || !self.capitalised(k) || self.glued(k) {
            return None;
        }
        let mut end = k + 1;
        if self.word(k) == Word::MonthAbbr && self.is_sym(end, '.') && self.glued(end) {
            end += 1;
        }
        let y = if self.is_sym(end, ',') { end + 1 } else { end };
        Some(if self.year_tok(y) { y + 1 } else { end })
    }

    /// A month name at `i` and the day and year after it: `June 12, 2018`, `March 2019`,
    /// `Sept. 5`. `context` says a date word precedes (`mid-May`), which `May` needs.
    pub(super) fn month_at(&self, i: usize, context: bool) -> Option<usize> {
        if !self.capitalised(i) {
            return None;
        }
        let abbr = self.word(i) == Word::MonthAbbr;
        let mut j = i + 1;
        if abbr && self.is_sym(j, '.') && self.glued(j) {
            j += 1;
        }
        if let Some(mut end) = self.day(j) {
            // `June 3-5`
            if self.hyphen(end) && matches!(self.int(end + 1), Some((d, 1 | 2)) if d <= 31) {
                end += 2;
            }
            let y = if self.is_sym(end, ',') { end + 1 } else { end };
            return Some(if self.year_tok(y) { y + 1 } else { end });
        }
        if self.year_tok(j) {
            return Some(j + 1);
        }
        if abbr || (self.is(i, "may") && !context && !self.month_context(i)) {
            return None;
        }
        // `June Carter`, `Unity March`: next to a capitalised name, a month is part of the name.
        let named = |k: usize| self.capitalised(k) && self.word(k) == Word::Other;
        if named(i + 1) || (i > 0 && !self.sentence_start(i) && named(i - 1)) {
            return None;
        }
        Some(i + 1)
    }

    /// A word before a bare month that says it is one: `in May`, `since May`, `last May`.
    fn month_context(&self, i: usize) -> bool {
        i > 0
            && matches!(
                self.word(i - 1),
                Word::Prep { year: true }
                    | Word::Of
                    | Word::From
                    | Word::To
                    | Word::Through
                    | Word::Between
                    | Word::Edge
                    | Word::Rel
            )
    }

    /// `Tuesday`, `Tuesday night`, `Friday, June 12, 2018`, `Monday 3 March`.
    pub(super) fn weekday_at(&self, i: usize) -> Option<usize> {
        if !self.capitalised(i) {
            return None;
        }
        let mut end = i + 1;
        let k = if self.is_sym(end, ',') { end + 1 } else { end };
        if matches!(self.word(k), Word::Month | Word::MonthAbbr)
            && let Some(e) = self.month_at(k, true)
            && e > k + 1
        {
            end = e;
        } else if let Some(e) = self.day_month(k) {
            end = e;
        }
        if self.word(end) == Word::DayPart && !self.glued(end) {
            end += 1;
        }
        Some(end)
    }

    /// `today`, `yesterday afternoon`, `tonight`; not `USA Today`.
    pub(super) fn today_at(&self, i: usize) -> Option<usize> {
        if self.capitalised(i) && !self.sentence_start(i) && i > 0 && self.capitalised(i - 1) {
            return None;
        }
        let end = i + 1;
        Some(if !self.is(i, "tonight") && self.word(end) == Word::DayPart { end + 1 } else { end })
    }

    /// `last year`, `this week`, `next Tuesday`, `this morning`, `the past three years` (from
    /// `past`), `recent years`.
    pub(super) fn relative_at(&self, i: usize) -> Option<usize> {
        if self.word(i) == Word::Recent {
            return matches!(self.word(i + 1), Word::Unit(_, true)).then_some(i + 2);
        }
        if !["last", "next", "this", "past", "coming"].iter().any(|w| self.is(i, w)) {
            return None;
        }
        let mut j = i + 1;
        if self.is(i, "this") && self.is(j, "past") {
            j += 1;
        }
        match self.word(j) {
            Word::Unit(u, false) if u != TimeUnit::Second => Some(j + 1),
            Word::SportsSeason | Word::Season => Some(j + 1),
            Word::Weekday if self.capitalised(j) => Some(if self.word(j + 1) == Word::DayPart { j + 2 } else { j + 1 }),
            Word::Month if self.capitalised(j) => Some(j + 1),
            Word::DayPart if self.is(i, "this") || self.is(i, "last") => Some(j + 1),
            _ if self.is(i, "this") => None,
            _ => {
                let k = self.count(j)?;
                matches!(self.word(k), Word::Unit(_, true)).then_some(k + 1)
            }
        }
    }

    /// How many, before a plural unit: `three`, `12`, `few`, `several`, `couple of`.
    fn count(&self, j: usize) -> Option<usize> {
        match self.word(j) {
            Word::Few | Word::Several => Some(j + 1),
            Word::Couple if self.word(j + 1) == Word::Of => Some(j + 2),
            _ => {
                let a = self.amount(j)?;
                matches!(a.form, Form::Bare | Form::Words).then_some(a.end)
            }
        }
    }

    /// `early August`, `mid-2023`, `late last year`, `earlier this month`, `late Friday`.
    pub(super) fn edge_at(&self, i: usize) -> Option<usize> {
        let mut j = i + 1;
        if self.is(i, "mid") {
            if self.hyphen(j) {
                j += 1;
            }
        } else if self.glued(j) {
            return None;
        }
        match self.word(j) {
            Word::Rel => self.relative_at(j),
            _ if self.word(i) == Word::EdgeRel => None,
            Word::Month | Word::MonthAbbr => self.month_at(j, true),
            Word::Weekday => self.weekday_at(j),
            _ => self.decade(j).or_else(|| self.year_tok(j).then_some(j + 1)),
        }
    }

    /// Phrases that start with `the`: `the first quarter`, `the past year`, `the next two
    /// weeks`, `the 1990s`, `the late 1990s`, `the end of the year`, `the second half of 2026`,
    /// `the 2024-25 season`, `the three months to September`, `the weekend`.
    pub(super) fn the_at(&self, i: usize) -> Option<usize> {
        let j = i + 1;
        match self.word(j) {
            Word::Rel | Word::Ordinal => {
                let k = self.count(j + 1).unwrap_or(j + 1);
                let end = match self.word(k) {
                    Word::Unit(u, plural) if plural || u != TimeUnit::Second => k + 1,
                    Word::SportsSeason => k + 1,
                    Word::Half if self.word(j) == Word::Ordinal && self.word(k + 1) == Word::Of => {
                        return self.tail(k + 2);
                    }
                    _ => return None,
                };
                Some(self.of_tail(end))
            }
            Word::Edge => self.edge_at(j),
            Word::EndOf if self.word(j + 1) == Word::Of => self.tail(j + 2),
            Word::Unit(TimeUnit::Weekend, false) => Some(j + 1),
            Word::Unit(TimeUnit::Year, false) if self.year_tok(j + 1) => Some(j + 2),
            // `the year before`, `the week earlier`
            Word::Unit(TimeUnit::Year | TimeUnit::Month | TimeUnit::Week | TimeUnit::Day, false)
                if (self.is(j + 1, "before") && !self.is_word(j + 2)) || self.word(j + 1) == Word::EdgeRel =>
            {
                Some(j + 2)
            }
            Word::Unit(TimeUnit::Year | TimeUnit::Month | TimeUnit::Week | TimeUnit::Decade, false)
                if i > 0 && self.period_prep(i - 1) =>
            {
                Some(j + 1)
            }
            Word::Month if self.capitalised(j) && self.word(j + 1) == Word::Unit(TimeUnit::Quarter, false) => {
                Some(j + 2)
            }
            Word::Season if !self.is(j, "fall") || self.word(j + 1) == Word::Of => Some(self.of_tail(j + 1)),
            Word::Fiscal if self.word(j + 1) == Word::Unit(TimeUnit::Year, false) => Some(j + 2),
            Word::Card(_) => self.months_to(j),
            _ if self.num(j) => {
                if let Some(end) = self.decade(j) {
                    return Some(end);
                }
                if let Some(h) = self.digit_date(j)
                    && matches!(self.word(h.end - 1), Word::Unit(TimeUnit::Century, _))
                {
                    return Some(h.end);
                }
                match self.year_range(j).or_else(|| self.year_tok(j).then_some(j + 1)) {
                    Some(y) if self.word(y) == Word::SportsSeason => Some(y + 1),
                    Some(y)
                        if self.word(y) == Word::Fiscal && self.word(y + 1) == Word::Unit(TimeUnit::Year, false) =>
                    {
                        Some(y + 2)
                    }
                    Some(_) => None,
                    None => self.months_to(j),
                }
            }
            _ if matches!(self.sym(j), Some('\'' | '’')) => self.short_decade(j),
            _ => None,
        }
    }

    /// `in the year`, `during the week`, `of the year`.
    fn period_prep(&self, p: usize) -> bool {
        self.word(p) == Word::Of
            || ["in", "during", "throughout", "over", "for", "within"].iter().any(|w| self.is(p, w))
    }

    /// `three months to September`, `12 months ended June 30`.
    fn months_to(&self, j: usize) -> Option<usize> {
        let k = self.count(j)?;
        if !matches!(self.word(k), Word::Unit(_, true)) {
            return None;
        }
        let m = k + 1;
        let linked = matches!(self.word(m), Word::To | Word::Through) || self.is(m, "ended") || self.is(m, "ending");
        if !linked {
            return None;
        }
        self.month_at(m + 1, true).or_else(|| self.year_tok(m + 1).then_some(m + 2))
    }

    /// `end`, then `of the year` / `of 2026` / `of next year` if it follows.
    fn of_tail(&self, end: usize) -> usize {
        if self.word(end) == Word::Of { self.tail(end + 1).unwrap_or(end) } else { end }
    }

    /// The period after `of`: `the year`, `the season`, `next year`, `October`, `2026`,
    /// `fiscal 2024`, `the 1990s`.
    fn tail(&self, k: usize) -> Option<usize> {
        match self.word(k) {
            Word::The => match self.word(k + 1) {
                Word::Unit(u, false) if u != TimeUnit::Second => Some(k + 2),
                Word::SportsSeason => Some(k + 2),
                _ => self.the_at(k),
            },
            Word::Rel => self.relative_at(k),
            Word::Month | Word::MonthAbbr => self.month_at(k, true),
            Word::Fiscal | Word::Fy => self.fiscal_at(k),
            _ => self.year_tok(k).then_some(k + 1),
        }
    }

    /// `fiscal 2024`, `fiscal year 2024`, `fiscal 2024-25`, `FY2024`, `FY 25`.
    pub(super) fn fiscal_at(&self, i: usize) -> Option<usize> {
        let k = i + 1;
        if self.word(i) == Word::Fy {
            if self.case(i) != super::Case::Upper || !matches!(self.int(k), Some((_, 2 | 4))) {
                return None;
            }
            let short = self.hyphen(k + 1) && matches!(self.int(k + 2), Some((_, 2)));
            return Some(if short { k + 3 } else { k + 1 });
        }
        let year = |y: usize| self.year_range(y).or_else(|| self.year_tok(y).then_some(y + 1));
        if let Some(end) = year(k) {
            return Some(end);
        }
        if self.word(k) == Word::Unit(TimeUnit::Year, false) {
            return year(k + 1);
        }
        None
    }

    /// `several years`, `few days ago`.
    pub(super) fn few_at(&self, i: usize) -> Option<usize> {
        let k = i + 1;
        matches!(self.word(k), Word::Unit(_, true)).then(|| self.ago(k + 1))
    }

    /// `summer 2022`.
    pub(super) fn season_at(&self, i: usize) -> Option<usize> {
        self.year_tok(i + 1).then_some(i + 2)
    }

    /// `first-quarter`, `fourth-quarter` (as in `fourth-quarter profit`).
    pub(super) fn ordinal_period(&self, i: usize) -> Option<usize> {
        (self.hyphen(i + 1) && self.word(i + 2) == Word::Unit(TimeUnit::Quarter, false)).then_some(i + 3)
    }

    /// `Q3`, `Q3 2024`, `Q2 FY25`, `H1 2024`.
    pub(super) fn quarter_at(&self, i: usize) -> Option<usize> {
        let half = match self.str(i) {
            "Q" => false,
            "H" => true,
            _ => return None,
        };
        let max = if half { 2 } else { 4 };
        if !matches!(self.int(i + 1), Some((v, 1)) if (1..=max).contains(&v)) {
            return None;
        }
        let mut end = i + 2;
        if self.glued(end) && (self.is_word(end) || self.num(end)) {
            return None;
        }
        if self.year_tok(end) {
            end += 1;
        } else if self.word(end) == Word::Fy
            && let Some(e) = self.fiscal_at(end)
        {
            end = e;
        }
        (!half || end > i + 2).then_some(end)
    }

    /// `a year`, `a decade ago`, `an hour`, `a few months`, `a couple of weeks`; not the
    /// frequency in `twice a year` or `$5 a day`.
    pub(super) fn a_period(&self, i: usize, after_hit: bool) -> Option<usize> {
        if after_hit {
            return None;
        }
        if i > 0 && (matches!(self.word(i - 1), Word::Freq | Word::Per | Word::NoOne) || self.num(i - 1)) {
            return None;
        }
        let j = i + 1;
        match self.word(j) {
            Word::Unit(u, false) if !self.hyphen(j + 1) => {
                let end = self.ago(j + 1);
                let short = matches!(u, TimeUnit::Day | TimeUnit::Hour | TimeUnit::Minute);
                let span_word = i > 0
                    && ["within", "for", "in", "than", "about", "nearly", "almost", "over", "under", "least", "just"]
                        .iter()
                        .any(|w| self.is(i - 1, w));
                let ok = match u {
                    TimeUnit::Year | TimeUnit::Decade | TimeUnit::Century | TimeUnit::Month | TimeUnit::Week => true,
                    _ => short && (end > j + 1 || span_word),
                };
                ok.then_some(end)
            }
            Word::Few if matches!(self.word(j + 1), Word::Unit(_, true)) => Some(self.ago(j + 2)),
            Word::Couple if self.word(j + 1) == Word::Of && matches!(self.word(j + 2), Word::Unit(_, true)) => {
                Some(self.ago(j + 3))
            }
            _ => None,
        }
    }

    /// `end`, or past an `ago` / `earlier` / `later` there (not the comparative `later than`).
    pub(super) fn ago(&self, end: usize) -> usize {
        let comparative = self.word(end) == Word::EdgeRel && self.is(end + 1, "than");
        if matches!(self.word(end), Word::Ago | Word::EdgeRel) && !comparative { end + 1 } else { end }
    }
}
