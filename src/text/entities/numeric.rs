//! Dates, times, periods, money, percentages and other numbers, by pattern.
//!
//! A hand-written scanner, line by line: `lex` cuts a line into words, numbers and symbols (each
//! word classed once by a table lookup), then the scan tries the patterns that can start at each
//! token: numbers and number words (`amounts`), currency symbols and codes, month and weekday
//! names and relative words (`dates`). A match consumes its tokens; a last pass joins ranges
//! (`between 2016 and 2021`, `$5 million to $7 million`). No entity crosses a line break.
//!
//! Spans follow `OntoNotes` habits: the whole expression with its qualifier (`about $81 million`,
//! `June 12, 2018`, `last year`, `more than 20%`); a number inside a name or an identifier
//! (`COVID-19`, `Section 3`, `401(k)`, a phone number, a list marker) is no entity.

mod amounts;
mod dates;
mod lex;
mod qualifiers;
mod words;

#[cfg(test)]
mod tests;

use super::{Entity, EntityKind};
use lex::{Case, Shape, Tok};
use words::Word;

/// Every numeric entity in `text`, sorted, non-overlapping.
pub fn find(text: &str) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut toks = Vec::new();
    let mut hits = Vec::new();
    let mut base = 0;
    for line in text.split('\n') {
        toks.clear();
        lex::lex(line, base, &mut toks);
        base += line.len() + 1;
        if toks.is_empty() {
            continue;
        }
        let line = Line { text, toks: &toks };
        hits.clear();
        line.scan(&mut hits);
        out.extend(hits.iter().map(|h| {
            let mut e = Entity { range: toks[h.start].start..toks[h.end - 1].end, kind: h.kind };
            qualifiers::extend(text, &mut e);
            e
        }));
    }
    out
}

/// A match: tokens `start..end` of the line.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    kind: EntityKind,
}

const fn hit(start: usize, end: usize, kind: EntityKind) -> Hit {
    Hit { start, end, kind }
}

/// The tokens of one line, with the whole text they index into.
struct Line<'a> {
    text: &'a str,
    toks: &'a [Tok],
}

impl Line<'_> {
    fn scan(&self, hits: &mut Vec<Hit>) {
        let mut i = 0;
        while i < self.toks.len() {
            let after_hit = hits.last().is_some_and(|h| h.end + 1 >= i);
            match self.at(i, after_hit) {
                Some(h) if h.end > i => {
                    hits.push(h);
                    i = h.end;
                }
                _ => i += 1,
            }
        }
        self.join_ranges(hits);
    }

    /// The entity that starts at token `i`, if any.
    fn at(&self, i: usize, after_hit: bool) -> Option<Hit> {
        let t = self.toks[i];
        match t.shape {
            Shape::Num | Shape::Sym('-' | '−' | '+' | '–') => self.number_at(i),
            Shape::Sym(c) if is_currency_symbol(c) => self.money_prefix(i, i),
            Shape::Sym('\'' | '’') => self.short_decade(i).map(|end| hit(i, end, EntityKind::Date)),
            Shape::Sym(_) => None,
            Shape::Word => self.word_at(i, after_hit),
        }
    }

    fn word_at(&self, i: usize, after_hit: bool) -> Option<Hit> {
        let date = |end: Option<usize>| end.map(|end| hit(i, end, EntityKind::Date));
        // `US$3`, `A$5`, `HK$10`
        if self.is_sym(i + 1, '$')
            && self.glued(i + 1)
            && let Some(h) = self.money_prefix(i, i + 1)
        {
            return Some(h);
        }
        match self.word(i) {
            Word::Card(_) | Word::Many | Word::Tens => self.number_at(i),
            Word::A => longest(self.number_at(i), date(self.a_period(i, after_hit))),
            Word::Month | Word::MonthAbbr => date(self.month_at(i, false)),
            Word::Weekday => date(self.weekday_at(i)),
            Word::Today => date(self.today_at(i)),
            Word::Clock => date(Some(i + 1)),
            Word::Rel | Word::Recent => date(self.relative_at(i)),
            Word::Edge | Word::EdgeRel => date(self.edge_at(i)),
            Word::The => date(self.the_at(i)),
            Word::Fiscal | Word::Fy => date(self.fiscal_at(i)),
            Word::Few | Word::Several => date(self.few_at(i)),
            Word::Season => date(self.season_at(i)),
            Word::Ordinal => date(self.ordinal_period(i)),
            Word::Code => self.money_prefix(i, i),
            _ if self.glued(i + 1) && self.num(i + 1) => date(self.quarter_at(i)),
            _ => None,
        }
    }

    /// Joins neighbouring matches that form one range (`2016 and 2021` after `between`,
    /// `30 to 35 cents`, `two or three`); after `from ... to` they stay apart.
    fn join_ranges(&self, hits: &mut Vec<Hit>) {
        if hits.len() < 2 {
            return;
        }
        let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
        let mut k = 0;
        while k < hits.len() {
            let a = hits[k];
            if let Some(&b) = hits.get(k + 1)
                && b.start == a.end + 1
                && let Some(joined) = self.join(a, b)
                && out.last().is_none_or(|prev| prev.end <= joined.start)
            {
                out.push(joined);
                k += 2;
                continue;
            }
            out.push(a);
            k += 1;
        }
        *hits = out;
    }

    fn join(&self, left: Hit, right: Hit) -> Option<Hit> {
        use EntityKind::{Date, Money, Number, Percent};
        let link = left.end;
        let before = left.start.checked_sub(1).map_or(Word::Other, |p| self.word(p));
        let from = before == Word::From && left.kind == Date;
        let connects = match self.word(link) {
            Word::To => (before != Word::From || from) && !(left.start > 0 && self.change_verb(left.start - 1)),
            Word::Through => left.kind == Date,
            Word::Or => left.kind != Date,
            Word::And => before == Word::Between,
            _ => matches!(self.sym(link), Some('-' | '–' | '—')),
        };
        if !connects {
            return None;
        }
        let kind = match (left.kind, right.kind) {
            (l, r) if l == r => l,
            (Number, Money | Percent) => right.kind,
            (Number, Date) if self.num(right.start) || matches!(self.word(right.start), Word::Card(_)) => Date,
            _ => return None,
        };
        let start = if before == Word::Between || from { left.start - 1 } else { left.start };
        Some(hit(start, right.end, kind))
    }

    /// A verb of change before an amount: `rose 5% to 7%` gives two amounts, not a range.
    fn change_verb(&self, p: usize) -> bool {
        const VERBS: &[&str] = &[
            "rose",
            "rise",
            "rises",
            "risen",
            "fell",
            "fall",
            "falls",
            "fallen",
            "slid",
            "slide",
            "slides",
            "slipped",
            "slip",
            "climbed",
            "climb",
            "jumped",
            "jump",
            "dropped",
            "drop",
            "gained",
            "gain",
            "lost",
            "lose",
            "added",
            "add",
            "increased",
            "increase",
            "decreased",
            "decrease",
            "cut",
            "raised",
            "raise",
            "lifted",
            "lowered",
            "grew",
            "grow",
            "shrank",
            "declined",
            "decline",
            "surged",
            "soared",
            "plunged",
            "tumbled",
            "edged",
            "advanced",
            "sank",
            "eased",
            "firmed",
            "rallied",
            "dipped",
            "widened",
            "narrowed",
        ];
        self.is_word(p) && self.case(p) == Case::Lower && VERBS.iter().any(|v| self.str(p) == *v)
    }

    // Token helpers: all of them answer "no" past the end of the line.

    fn str(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    fn word(&self, i: usize) -> Word {
        self.toks.get(i).map_or(Word::Other, |t| t.word)
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.shape == Shape::Word)
    }

    fn num(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.shape == Shape::Num)
    }

    fn sym(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.shape {
            Shape::Sym(c) => Some(c),
            _ => None,
        }
    }

    fn is_sym(&self, i: usize, c: char) -> bool {
        self.sym(i) == Some(c)
    }

    /// Token `i` exists and touches the token before it.
    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.glued)
    }

    fn case(&self, i: usize) -> Case {
        self.toks.get(i).map_or(Case::Other, |t| t.case)
    }

    fn capitalised(&self, i: usize) -> bool {
        matches!(self.case(i), Case::Title | Case::Upper)
    }

    /// The value of a plain digit token (no separators, at most nine digits) and its length.
    fn int(&self, i: usize) -> Option<(u32, usize)> {
        if !self.num(i) {
            return None;
        }
        let s = self.str(i);
        if s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok().map(|v| (v, s.len()))
    }

    /// Whether token `i` starts a sentence or a clause where capitals say nothing.
    fn sentence_start(&self, i: usize) -> bool {
        i == 0
            || matches!(
                self.sym(i - 1),
                Some(
                    '.' | '!'
                        | '?'
                        | ':'
                        | ';'
                        | '"'
                        | '“'
                        | '”'
                        | '‘'
                        | '\''
                        | '('
                        | '['
                        | '—'
                        | '–'
                        | '-'
                        | '•'
                        | '*'
                )
            )
    }

    /// The lowercase text of a short word token equals `w`.
    fn is(&self, i: usize, w: &str) -> bool {
        self.is_word(i) && self.str(i).eq_ignore_ascii_case(w)
    }
}

fn is_currency_symbol(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '₹' | '₩' | '₽' | '₺' | '₦' | '₱' | '₪' | '₫' | '₴')
}

fn longest(a: Option<Hit>, b: Option<Hit>) -> Option<Hit> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.end > x.end { y } else { x }),
        (x, y) => x.or(y),
    }
}
