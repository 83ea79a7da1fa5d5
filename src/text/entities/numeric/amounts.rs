//! Numbers and what follows them: money, percentages, durations, quantities with units, and
//! plain cardinals, with the checks that keep labels and identifiers out.

use super::words::{TimeUnit, Word};
use super::{Hit, Line, hit};
use crate::text::entities::EntityKind::{self, Date, Money, Number, Percent};

/// A number: digits (`8,192`, `2.3 million`, `£14.6m`'s `14.6m`) or words (`twenty-five`,
/// `a dozen`, `hundreds of thousands`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Amount {
    /// One past the last token.
    pub(super) end: usize,
    pub(super) form: Form,
    /// A scale word or suffix follows (`million`, `bn`, `m`).
    pub(super) scaled: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    /// One digit token and nothing else: may be a year, a day, a label.
    Bare,
    /// Digits with a sign or a scale.
    Digits,
    /// Number words: `twenty-five`, `a dozen`.
    Words,
    /// `dozens`, `hundreds of thousands`: may be followed by `of dollars`.
    Many,
    /// `two-thirds`, `a third of`: a cardinal, never money or a duration.
    Fraction,
}

impl Amount {
    pub(super) fn digits(&self) -> bool {
        matches!(self.form, Form::Bare | Form::Digits)
    }
}

impl Line<'_> {
    /// The number starting at token `i` (a sign, digits, a number word or `a`).
    pub(super) fn amount(&self, i: usize) -> Option<Amount> {
        let mut k = i;
        if let Some(c) = self.sym(i) {
            let sign = matches!(c, '-' | '−' | '+' | '–') && !self.glued(i) && self.num(i + 1) && self.glued(i + 1);
            if !sign {
                return None;
            }
            k = i + 1;
        }
        if self.num(k) {
            if !valid_number(self.str(k)) {
                return None;
            }
            let mut end = k + 1;
            let mut scaled = false;
            if self.glued(end) && (matches!(self.word(end), Word::Scale(_)) || matches!(self.str(end), "m" | "k" | "b"))
            {
                scaled = true;
                end += 1;
            }
            while !self.glued(end) && matches!(self.word(end), Word::Scale(_)) {
                scaled = true;
                end += 1;
            }
            let form = if k == i && end == k + 1 { Form::Bare } else { Form::Digits };
            return Some(Amount { end, form, scaled });
        }
        let words = |end, scaled, form| Amount { end, form, scaled };
        match self.word(k) {
            // `a third of`, `a quarter of`: a fraction
            Word::A
                if self.word(k + 2) == Word::Of
                    && ["third", "quarter", "fifth", "tenth"].iter().any(|w| self.is(k + 1, w)) =>
            {
                Some(words(k + 2, false, Form::Fraction))
            }
            Word::A => match self.word(k + 1) {
                Word::Scale(_) | Word::Dozen if !self.glued(k + 1) => {
                    let mut end = k + 2;
                    while matches!(self.word(end), Word::Scale(_)) {
                        end += 1;
                    }
                    Some(words(end, true, Form::Words))
                }
                _ => None,
            },
            Word::Card(_) => {
                let mut end = k;
                let mut scaled = false;
                loop {
                    match self.word(end) {
                        Word::Card(_) if end == k || !matches!(self.word(end - 1), Word::Card(_)) => {
                            end += 1;
                            if self.hyphen(end) {
                                match self.word(end + 1) {
                                    Word::Card(_) => end += 2,
                                    Word::Fraction | Word::Half | Word::Ordinal | Word::Unit(TimeUnit::Quarter, _)
                                        if end == k + 1 && self.fraction_word(end + 1) =>
                                    {
                                        return Some(words(end + 2, false, Form::Fraction));
                                    }
                                    _ => {}
                                }
                            }
                        }
                        Word::Scale(_) | Word::Dozen => {
                            scaled = true;
                            end += 1;
                        }
                        Word::And
                            if self.word(end - 1) == Word::Scale(2) && matches!(self.word(end + 1), Word::Card(_)) =>
                        {
                            end += 1;
                        }
                        _ => break,
                    }
                }
                Some(words(end, scaled, Form::Words))
            }
            Word::Many => {
                let end = if self.word(k + 1) == Word::Of && self.word(k + 2) == Word::Many { k + 3 } else { k + 1 };
                Some(words(end, true, Form::Many))
            }
            Word::Tens if self.word(k + 1) == Word::Of && self.word(k + 2) == Word::Many => {
                Some(words(k + 3, true, Form::Many))
            }
            _ => None,
        }
    }

    /// `third`, `thirds`, `half`, `quarters` after `two-`: the fractions, not `one-second`.
    fn fraction_word(&self, i: usize) -> bool {
        let s = self.str(i).to_ascii_lowercase();
        matches!(self.word(i), Word::Fraction | Word::Half | Word::Unit(..)) || matches!(s.as_str(), "third" | "fourth")
    }

    /// A `-` glued on both sides at token `i`.
    pub(super) fn hyphen(&self, i: usize) -> bool {
        matches!(self.sym(i), Some('-' | '–')) && self.glued(i) && self.glued(i + 1)
    }

    /// A number, and the money, percentage, duration or quantity it heads, at token `i`.
    pub(super) fn number_at(&self, i: usize) -> Option<Hit> {
        if self.inside_identifier(i) {
            return None;
        }
        if self.num(i)
            && let Some(h) = self.digit_date(i)
        {
            return Some(h);
        }
        let a = self.amount(i)?;
        let j = a.end;
        if matches!(a.form, Form::Bare | Form::Digits | Form::Words) {
            if let Some(end) = self.percent_after(j) {
                return Some(hit(i, end, Percent));
            }
            if let Some(end) = self.duration_after(i, j) {
                return Some(hit(i, end, Date));
            }
        }
        if a.form != Form::Fraction
            && let Some(end) = self.currency_after(&a, j)
        {
            return Some(hit(i, end, Money));
        }
        if let Some(end) = self.unit_after(&a, j) {
            return Some(hit(i, end, Number));
        }
        if a.digits() { self.bare_digits(i, &a) } else { self.bare_words(i, &a) }
    }

    /// Digits glued to letters or to a hyphenated word (`G7`, `F-35`, `COVID-19`, `#1`), or the
    /// tail of a chain (`555-0123`, `1:18`).
    fn inside_identifier(&self, i: usize) -> bool {
        let starts_number = self.num(i) || (self.num(i + 1) && self.sym(i).is_some());
        if !starts_number || i == 0 || !self.glued(i) {
            return false;
        }
        let p = i - 1;
        if self.is_word(p) || self.num(p) {
            return true;
        }
        match self.sym(p) {
            Some('#' | '_' | '@' | '/' | '\\' | '&') => true,
            Some('-' | '–' | '.' | ':' | '‐') => p > 0 && self.glued(p) && (self.is_word(p - 1) || self.num(p - 1)),
            Some(c) => super::is_currency_symbol(c),
            None => false,
        }
    }

    fn percent_after(&self, j: usize) -> Option<usize> {
        if self.is_sym(j, '%') || self.is_sym(j, '‰') {
            return Some(j + 1);
        }
        match self.word(j) {
            Word::Percent => Some(j + 1),
            Word::Per if self.word(j + 1) == Word::Cent => Some(j + 2),
            Word::Percentage if self.word(j + 1) == Word::Point => Some(j + 2),
            _ if self.glued(j) && self.str(j) == "pc" => Some(j + 1),
            _ => None,
        }
    }

    /// `three years`, `three years ago`, `54-year-old`, `15-minute`.
    pub(super) fn duration_after(&self, a_start: usize, j: usize) -> Option<usize> {
        match self.word(j) {
            Word::Unit(u, plural) if !self.glued(j) && (plural || u != TimeUnit::Second) => {
                // a singular unit after a count other than one is a noun modifier (`63,000 day
                // passes`) unless an article makes it a compound (`a three year term`)
                let article = a_start > 0 && matches!(self.word(a_start - 1), Word::A | Word::The);
                if !plural && !self.is_one(a_start) && !article {
                    return None;
                }
                let end = j + 1;
                Some(if matches!(self.word(end), Word::Ago | Word::Old) { end + 1 } else { self.ago(end) })
            }
            _ if self.hyphen(j) && matches!(self.word(j + 1), Word::Unit(u, false) if u != TimeUnit::Second) => {
                let end = j + 2;
                Some(if self.hyphen(end) && self.word(end + 1) == Word::Old { end + 2 } else { end })
            }
            _ => None,
        }
    }

    /// `one`, `1`, `a`: the count a singular unit takes.
    fn is_one(&self, i: usize) -> bool {
        matches!(self.word(i), Word::Card(1) | Word::A) || self.str(i) == "1"
    }

    fn currency_after(&self, a: &Amount, j: usize) -> Option<usize> {
        match self.word(j) {
            Word::Currency { needs_scale } if a.scaled || !needs_scale => Some(j + 1),
            Word::Code if self.case(j) == super::Case::Upper => Some(j + 1),
            Word::Of if a.form == Form::Many && matches!(self.word(j + 1), Word::Currency { .. }) => Some(j + 2),
            _ => {
                // `81 million U.S. dollars`, `2 billion Hong Kong dollars`
                let k = self.skip_us(j).unwrap_or_else(|| {
                    let mut k = j;
                    while k < j + 2 && self.capitalised(k) && self.word(k) == Word::Other {
                        k += 1;
                    }
                    k
                });
                match self.word(k) {
                    Word::Currency { needs_scale } if k > j && (a.scaled || !needs_scale) => Some(k + 1),
                    _ => None,
                }
            }
        }
    }

    /// `US` or `U.S.` at `j`: the token after it.
    fn skip_us(&self, j: usize) -> Option<usize> {
        if self.str(j) == "US" {
            return Some(j + 1);
        }
        let dotted = self.str(j) == "U"
            && self.is_sym(j + 1, '.')
            && self.glued(j + 1)
            && self.str(j + 2) == "S"
            && self.glued(j + 2)
            && self.is_sym(j + 3, '.')
            && self.glued(j + 3);
        dotted.then_some(j + 4)
    }

    /// A unit of measure after a number: `14.7 km`, `34°C`, `62-foot`, `112 km/h`.
    fn unit_after(&self, a: &Amount, j: usize) -> Option<usize> {
        let glued = self.glued(j);
        let end = match self.word(j) {
            Word::Measure => j + 1,
            Word::UnitPrefix if self.word(j + 1) == Word::Measure => j + 2,
            Word::Degrees => {
                let k = j + 1;
                if self.word(k) == Word::Temp || matches!(self.str(k), "C" | "F") { k + 1 } else { k }
            }
            Word::Currency { needs_scale: true } if !a.scaled && self.is(j, "pounds") => j + 1,
            _ if glued && matches!(self.str(j), "m" | "g" | "C" | "F") => j + 1,
            _ if self.is_sym(j, '°') => {
                let k = j + 1;
                if self.glued(k) && matches!(self.str(k), "C" | "F") { k + 1 } else { k }
            }
            _ if self.hyphen(j) && self.word(j + 1) == Word::Measure => j + 2,
            _ => return None,
        };
        // `km/h`, `megawatt-hours`
        if self.is_sym(end, '/')
            && self.glued(end)
            && self.glued(end + 1)
            && matches!(self.str(end + 1), "h" | "hr" | "s")
        {
            return Some(end + 2);
        }
        if self.hyphen(end) && matches!(self.word(end + 1), Word::Unit(TimeUnit::Hour, _)) {
            return Some(end + 2);
        }
        Some(end)
    }

    /// Money written with a symbol or a code first: `$81 million`, `US$3`, `€2.5bn`, `USD 40m`,
    /// `Rs 300 crore`. `i` is the first token, `s` the symbol or code.
    pub(super) fn money_prefix(&self, i: usize, s: usize) -> Option<Hit> {
        let mut k = s + 1;
        if self.word(s) == Word::Code {
            let code_case = self.case(s) == super::Case::Upper || self.str(s) == "Rs";
            if !code_case {
                return None;
            }
            if self.is_sym(k, '.') && self.glued(k) {
                k += 1;
            }
        } else {
            if !self.sym(s).is_some_and(super::is_currency_symbol) || !self.glued(k) {
                return None;
            }
            if i < s
                && !matches!(
                    self.str(i),
                    "US" | "A" | "AU" | "C" | "CA" | "HK" | "NZ" | "S" | "SG" | "R" | "NT" | "Mex"
                )
            {
                return None;
            }
            if i == s && i > 0 && self.glued(i) && self.is_word(i - 1) {
                return None;
            }
        }
        if !self.num(k) {
            return None;
        }
        let a = self.amount(k)?;
        if self.glued(a.end) && (self.is_word(a.end) || self.num(a.end)) {
            return None;
        }
        Some(hit(i, a.end, Money))
    }

    fn bare_digits(&self, i: usize, a: &Amount) -> Option<Hit> {
        let j = a.end;
        if a.form != Form::Bare {
            return Some(hit(i, j, Number));
        }
        // `4G`, `3rd`, `2E`, `401(k)`, `24/7`, `1:18`
        if self.glued(j) && (self.is_word(j) || matches!(self.sym(j), Some('(' | '/' | ':' | '[' | '@'))) {
            return None;
        }
        if self.label_before(i) {
            return None;
        }
        // scores and small ranges (`7-2`, `10-12`); longer chains are phone numbers and codes
        if self.hyphen(j) && self.num(j + 1) {
            if self.hyphen(j + 2) || self.glued(j + 2) && (self.is_word(j + 2) || self.num(j + 2)) {
                return None;
            }
            let (Some((_, l1)), Some((_, l2))) = (self.int(i), self.int(j + 1)) else { return None };
            return (l1 <= 3 && l2 <= 3 && !self.designated(i)).then_some(hit(i, j + 2, Number));
        }
        if self.designated(i) || self.name_before(i) || self.street_number(j) {
            return None;
        }
        // a run of bare numbers is a phone number or a code
        if (i > 0 && self.num(i - 1)) || (self.num(j) && !self.glued(j)) {
            return None;
        }
        let (value, len) = self.int(i).unwrap_or((0, 0));
        // news style writes counts of five digits and more with separators: this is a code
        if len >= 5 {
            return None;
        }
        if len == 4 && (1000..=2099).contains(&value) {
            return (!self.law_year(i)).then(|| hit(i, j, self.year_or_count(i, value)));
        }
        if len > 0 && len <= 3 && self.is_age(i, value) {
            return Some(hit(i, j, Date));
        }
        Some(hit(i, j, Number))
    }

    /// `Act of 1934`, `Class of 2024`: the year belongs to a name.
    fn law_year(&self, i: usize) -> bool {
        i > 1 && self.word(i - 1) == Word::Of && self.capitalised(i - 2) && self.word(i - 2) == Word::Other
    }

    /// A four-digit number from 1000 to 2099: a year (`in 2019`) or a count (`1500 people`).
    fn year_or_count(&self, i: usize, value: u32) -> EntityKind {
        let prev = if i > 0 { self.word(i - 1) } else { Word::Other };
        let context = matches!(
            prev,
            Word::Prep { year: true }
                | Word::Of
                | Word::From
                | Word::To
                | Word::And
                | Word::Through
                | Word::Between
                | Word::Edge
                | Word::The
                | Word::Fiscal
                | Word::Month
        );
        let counted = self.is_word(i + 1) && self.case(i + 1) == super::Case::Lower && self.word(i + 1) == Word::Other;
        let year = if value >= 1900 { context || !value.is_multiple_of(100) || !counted } else { context };
        if year { Date } else { Number }
    }

    /// `Jonas Lind, 33, ...`, `aged 41 and 37`: an age, which `OntoNotes` calls a date.
    fn is_age(&self, i: usize, value: u32) -> bool {
        let aged = |p: usize| ["aged", "age", "ages"].iter().any(|w| self.is(p, w));
        if (1..=120).contains(&value)
            && i >= 1
            && (aged(i - 1)
                || (i >= 3
                    && matches!(self.word(i - 1), Word::And | Word::Or | Word::To)
                    && self.num(i - 2)
                    && aged(i - 3)))
        {
            return true;
        }
        (1..=120).contains(&value)
            && i >= 2
            && self.is_sym(i - 1, ',')
            && self.is_word(i - 2)
            && self.case(i - 2) == super::Case::Title
            && self.word(i - 2) == Word::Other
            && matches!(self.sym(i + 1), Some(',' | ')' | ';'))
    }

    /// A list marker (`1.` or `2)` at the start of a line) or an enumeration (`(3)`).
    fn label_before(&self, i: usize) -> bool {
        let Some((value, len)) = self.int(i) else { return false };
        let marker_end = matches!(self.sym(i + 1), Some('.' | ')')) && self.glued(i + 1) && !self.num(i + 2);
        let line_start = (0..i).all(|p| matches!(self.sym(p), Some('-' | '*' | '•' | '(' | '#')));
        let parens = i > 0 && self.is_sym(i - 1, '(') && self.is_sym(i + 1, ')') && self.glued(i + 1);
        // `(3)` enumerates; `(202) 307-6479` is a phone number
        (line_start && marker_end && len <= 3) || (parens && (value < 100 || self.num(i + 2)))
    }

    /// A designator before the number: `Section 3`, `flight 370`, `No. 5`, `S.B. 1070`,
    /// `Stat. 3515`, `D.C. 20530`.
    fn designated(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        match self.word(i - 1) {
            Word::Designator => true,
            _ if self.is_sym(i - 1, '.') && i >= 2 => {
                matches!(self.word(i - 2), Word::Designator | Word::No)
                    || (self.glued(i - 1) && self.is_word(i - 2) && self.capitalised(i - 2))
            }
            _ => false,
        }
    }

    /// `4900 Meridian St.`, `950 Pennsylvania Avenue`: a street number, part of an address.
    fn street_number(&self, j: usize) -> bool {
        const STREETS: &[&str] = &[
            "St",
            "Street",
            "Ave",
            "Avenue",
            "Road",
            "Rd",
            "Blvd",
            "Boulevard",
            "Drive",
            "Dr",
            "Lane",
            "Ln",
            "Way",
            "Place",
            "Pl",
            "Court",
            "Parkway",
            "Pkwy",
            "Highway",
            "Hwy",
            "Plaza",
            "Square",
            "Circle",
            "Terrace",
        ];
        (j..j + 4)
            .take_while(|&k| self.is_word(k) && self.capitalised(k))
            .any(|k| k > j && STREETS.contains(&self.str(k)))
    }

    /// A capitalised word that is no known function word right before the number: a name
    /// (`Nikkei 225`, `Apollo 11`, `S&P 500`).
    fn name_before(&self, i: usize) -> bool {
        i > 0 && self.is_word(i - 1) && self.capitalised(i - 1) && self.word(i - 1) == Word::Other
    }

    fn bare_words(&self, i: usize, a: &Amount) -> Option<Hit> {
        let first = self.word(i);
        // `Formula One`, `the Big Three`: a capitalised number word inside a sentence is a name.
        if first != Word::A && self.capitalised(i) && !self.sentence_start(i) {
            return None;
        }
        if first == Word::Card(1) && a.end == i + 1 && !self.one_is_a_number(i) {
            return None;
        }
        if first == Word::Card(0) && a.end == i + 1 {
            return None;
        }
        Some(hit(i, a.end, Number))
    }

    /// `one` as a pronoun (`no one`, `the one that`, `one another`) or in set phrases
    /// (`one way`, `one-off`) is no number.
    fn one_is_a_number(&self, i: usize) -> bool {
        let prev = if i > 0 { self.word(i - 1) } else { Word::Other };
        if matches!(prev, Word::The | Word::Rel | Word::Ordinal | Word::NoOne | Word::No | Word::A) {
            return false;
        }
        let next = i + 1;
        if self.hyphen(next) || (matches!(self.sym(next), Some('\'' | '’')) && self.glued(next)) {
            return false;
        }
        !["another", "way", "day", "off", "time", "hand", "side"].iter().any(|w| self.is(next, w))
    }
}

/// Digits with well-formed separators: thousands groups of three, at most one decimal point, no
/// leading zero on an integer (`0123` is a code).
fn valid_number(s: &str) -> bool {
    let (int, frac) = match s.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (s, None),
    };
    if frac.is_some_and(|f| f.contains(['.', ','])) {
        return false;
    }
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    if int.contains(',') && (first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3)) {
        return false;
    }
    !(first.len() > 1 && first.starts_with('0') && frac.is_none())
}
