//! Generated training articles: newswire shapes the open training sets lack (datelines, shouted
//! headlines, results lines and tables, clubs named after towns, organizations without a legal
//! suffix), from sentence templates written for newsdesk (`templates.txt`) filled with names
//! from `data/entities/` and made-up ones, each labelled as it is put in.

use std::collections::HashMap;
use std::path::Path;

use crate::data::{Sentence, Source};
use crate::rng::Rng;

const TEMPLATES: &str = include_str!("templates.txt");
const SPORTS: &[&str] = &[
    "SOCCER",
    "TENNIS",
    "GOLF",
    "CRICKET",
    "RUGBY UNION",
    "ATHLETICS",
    "CYCLING",
    "BASEBALL",
    "BASKETBALL",
    "ICE HOCKEY",
];
const ROLES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "director",
    "chairman",
    "head",
    "leader",
    "minister",
    "secretary",
    "president",
    "founder",
    "chief",
    "lawyer",
];
const TITLES: &[&str] = &[
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Finance Minister",
    "Senator",
    "Governor",
    "Mayor",
    "General",
    "Chancellor",
    "Judge",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Minister",
    "Sheikh",
    "King",
    "Coach",
    "Captain",
    "Professor",
];
const ORG_WORDS: &[&str] = &[
    "Bank",
    "Group",
    "Holdings",
    "Corp",
    "Inc",
    "Ltd",
    "Airlines",
    "Energy",
    "Motors",
    "Partners",
    "Council",
    "Commission",
    "Institute",
    "Foundation",
    "Party",
    "Union",
    "Association",
    "Agency",
    "University",
    "Times",
    "Post",
    "Capital",
    "Systems",
    "Telecom",
    "Insurance",
    "Securities",
];
const EVENT_WORDS: &[&str] = &[
    "Open",
    "Cup",
    "Grand Prix",
    "Championship",
    "Games",
    "Accord",
    "Act",
    "Award",
    "Trophy",
    "Summit",
    "Marathon",
    "Festival",
];
const SYLLABLES: &[&str] = &[
    "ka", "ro", "vin", "del", "mar", "tek", "su", "lan", "gor", "bi", "zan", "ol", "ver", "nu", "tra", "mel", "quo",
    "dru", "sen", "hal", "pri", "wex", "o", "ta", "ry", "lis",
];

/// Names to fill slots with, read from `data/entities/`.
pub struct Names {
    lists: HashMap<&'static str, Vec<String>>,
}

impl Names {
    pub fn read(dir: &Path) -> Self {
        let mut lists = HashMap::new();
        for file in
            ["first_names", "last_names", "cities", "countries", "regions", "demonyms", "organizations", "org_suffixes"]
        {
            let text = std::fs::read_to_string(dir.join(format!("{file}.txt"))).expect("a name list");
            let mut v: Vec<String> =
                text.lines().filter(|l| !l.is_empty() && !l.contains(['(', '/'])).map(String::from).collect();
            if file == "cities" {
                // Town names a reader knows, not every hamlet: short ASCII ones.
                v.retain(|c| c.is_ascii() && c.len() <= 14 && c.split(' ').count() <= 2);
            }
            if file == "demonyms" {
                v.retain(|d| d.split(' ').count() <= 2 && !d.contains('-'));
            }
            lists.insert(file, v);
        }
        Self { lists }
    }

    fn pick(&self, list: &str, rng: &mut Rng) -> String {
        rng.pick(&self.lists[list])
    }
}

/// A made-up name: two or three syllables, capitalised.
fn invented(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    let s: String = (0..n).map(|_| rng.pick(SYLLABLES)).collect();
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The people, places and organizations of one article, reused across its sentences.
struct Cast {
    people: Vec<(String, String)>,
}

/// Tokens with their tags.
fn tagged(text: &str, kind: &str) -> Vec<(String, String)> {
    text.split(' ')
        .enumerate()
        .map(|(i, w)| {
            (
                w.to_string(),
                if kind.is_empty() { "O".into() } else { format!("{}-{kind}", if i == 0 { "B" } else { "I" }) },
            )
        })
        .collect()
}

/// A Korean name: family name first, a hyphenated given name ("Kim Jong-un", "Moon Jae-in").
fn korean(rng: &mut Rng) -> (String, String) {
    const FAMILY: &[&str] = &["Kim", "Lee", "Park", "Choi", "Moon", "Jung", "Kang", "Yoon", "Han", "Ri", "Cho", "Shin"];
    const GIVEN: &[&str] =
        &["jae", "jong", "in", "un", "hyun", "woo", "min", "sung", "ho", "yeon", "ji", "soo", "young", "chul"];
    let family = rng.pick(FAMILY).to_string();
    let (a, b) = (rng.pick(GIVEN), rng.pick(GIVEN));
    let given = format!("{}{}-{b}", a[..1].to_uppercase(), &a[1..]);
    (format!("{family} {given}"), family)
}

fn person(names: &Names, rng: &mut Rng) -> (String, String) {
    if rng.below(12) == 0 {
        return korean(rng);
    }
    let first = if rng.below(5) == 0 { invented(rng) } else { names.pick("first_names", rng) };
    let last = if rng.below(4) == 0 { invented(rng) } else { names.pick("last_names", rng) };
    let middle = if rng.below(8) == 0 { format!(" {}.", (b'A' + rng.below(26) as u8) as char) } else { String::new() };
    (format!("{first}{middle} {last}"), last)
}

fn fill(slot: &str, names: &Names, cast: &mut Cast, rng: &mut Rng) -> Vec<(String, String)> {
    let num = |rng: &mut Rng, max: usize| (1 + rng.below(max)).to_string();
    match slot {
        "PER" => {
            let p = person(names, rng);
            cast.people.push(p.clone());
            tagged(&p.0, "person")
        }
        "SUR" => {
            let known = if cast.people.is_empty() || rng.below(4) == 0 { None } else { Some(rng.pick(&cast.people).1) };
            tagged(&known.unwrap_or_else(|| person(names, rng).1), "person")
        }
        "TPER" => {
            let p = person(names, rng);
            cast.people.push(p.clone());
            let mut out = tagged(rng.pick(TITLES), "");
            out.extend(tagged(&p.0, "person"));
            out
        }
        "ORG" | "CO" => tagged(&organization(names, rng, slot == "CO"), "organization"),
        "TEAM" => tagged(&team(names, rng), "organization"),
        "NAT" | "GPE" => tagged(&names.pick("countries", rng), "place"),
        "LOC" => tagged(&if rng.below(6) == 0 { invented(rng) } else { names.pick("cities", rng) }, "place"),
        "REG" => tagged(&names.pick("regions", rng), "place"),
        "GRP" => tagged(&names.pick("demonyms", rng), "group"),
        "EVT" => tagged(&format!("{} {}", names.pick("cities", rng), rng.pick(EVENT_WORDS)), "misc"),
        "N" => tagged(&num(rng, 900), ""),
        "D" => tagged(&rng.below(6).to_string(), ""),
        "PCT" => tagged(&format!("{}.{} percent", rng.below(20), rng.below(10)), ""),
        "AMT" => tagged(&format!("${} million", num(rng, 900)), ""),
        "DAY" => tagged(rng.pick(&["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]), ""),
        "MON" => tagged(rng.pick(&["January", "March", "May", "June", "August", "October", "December"]), ""),
        "YR" => tagged(&(1980 + rng.below(45)).to_string(), ""),
        "ROLE" => tagged(rng.pick(ROLES), ""),
        "SPORT" => tagged(rng.pick(SPORTS), ""),
        other => panic!("unknown slot {other}"),
    }
}

fn organization(names: &Names, rng: &mut Rng, company: bool) -> String {
    match rng.below(if company { 4 } else { 5 }) {
        0 => names.pick("organizations", rng),
        1 => format!("{} {}", names.pick("last_names", rng), rng.pick(ORG_WORDS)),
        2 => invented(rng),
        3 => format!("{} {}", invented(rng), rng.pick(ORG_WORDS)),
        _ => format!("{} {}", names.pick("cities", rng), rng.pick(ORG_WORDS)),
    }
}

/// The templates of one genre and part (`headline` or `body`).
fn templates(genre: &str, part: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut on = false;
    for line in TEMPLATES.lines() {
        if let Some(head) = line.strip_prefix("## ") {
            on = head == format!("{genre} {part}");
        } else if on && !line.is_empty() && !line.starts_with('#') {
            out.push(line);
        }
    }
    out
}

fn sentence(template: &str, names: &Names, cast: &mut Cast, rng: &mut Rng) -> Sentence {
    let mut out = Vec::new();
    for word in template.split(' ') {
        match word.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
            Some(slot) => out.extend(fill(slot, names, cast, rng)),
            None => out.push((word.to_string(), "O".to_string())),
        }
    }
    out
}

/// A club: a town's name, often with a club word ("Leeds", "Oakham Rovers").
fn team(names: &Names, rng: &mut Rng) -> String {
    const CLUB_WORDS: &[&str] =
        &["United", "City", "Rovers", "Wanderers", "Athletic", "FC", "Town", "Albion", "Rangers", "Celtic"];
    let town = names.pick("cities", rng);
    if rng.below(5) < 2 { format!("{town} {}", rng.pick(CLUB_WORDS)) } else { town }
}

/// A photo credit: photographer and agencies ("Leah Brandt/AFP/Getty").
fn credit(names: &Names, rng: &mut Rng) -> Sentence {
    const AGENCIES: &[&str] = &["AFP", "Getty", "Getty Images", "Reuters", "AP", "EPA", "Bloomberg", "Xinhua", "Pool"];
    let mut out = tagged(&person(names, rng).0, "person");
    for _ in 0..=rng.below(2) {
        out.push(("/".into(), "O".into()));
        out.extend(tagged(rng.pick(AGENCIES), "organization"));
    }
    out
}

/// A heading of ordinary words ("Background", "Key Points").
fn heading(rng: &mut Rng) -> Sentence {
    const WORDS: &[&str] = &[
        "Background",
        "Intro",
        "Reference",
        "Summary",
        "Analysis",
        "Outlook",
        "Reaction",
        "Key Points",
        "What Next",
        "Context",
        "Timeline",
        "Notes",
        "Sources",
        "Update",
        "Markets",
        "Results",
        "Standings",
        "Scorers",
        "Fixtures",
        "Related",
    ];
    tagged(rng.pick(WORDS), "")
}

/// A results line or table row of a sports article.
fn results_line(names: &Names, rng: &mut Rng) -> Sentence {
    let team = |rng: &mut Rng| tagged(&team(names, rng), "organization");
    let mut out = Vec::new();
    match rng.below(3) {
        0 => {
            out.extend(team(rng));
            out.push((rng.below(6).to_string(), "O".into()));
            out.extend(team(rng));
            out.push((rng.below(6).to_string(), "O".into()));
        }
        1 => {
            out.extend(team(rng));
            for _ in 0..6 {
                out.push((rng.below(30).to_string(), "O".into()));
            }
        }
        _ => {
            out.push((format!("{}.", 1 + rng.below(9)), "O".into()));
            out.extend(tagged(&person(names, rng).0, "person"));
            out.push(("(".into(), "O".into()));
            out.extend(tagged(&names.pick("countries", rng), "place"));
            out.push((")".into(), "O".into()));
            out.push((format!("{}:{:02}.{:02}", 1 + rng.below(59), rng.below(60), rng.below(100)), "O".into()));
        }
    }
    out
}

/// `n` generated articles.
pub fn articles(n: usize, names: &Names, rng: &mut Rng) -> Vec<Source> {
    (0..n)
        .map(|_| {
            let genre: &str = rng.pick(&["general", "general", "business", "politics", "sports"]);
            let mut cast = Cast { people: Vec::new() };
            let mut sentences = Vec::new();
            let mut head = sentence(rng.pick(&templates(genre, "headline")), names, &mut cast, rng);
            if genre == "sports" || rng.below(3) == 0 {
                for (w, _) in &mut head {
                    *w = w.to_uppercase();
                }
            }
            sentences.push(head);
            let dateline = tagged(&names.pick("cities", rng).to_uppercase(), "place");
            let body = templates(genre, "body");
            for k in 0..6 + rng.below(8) {
                let mut s = sentence(rng.pick(&body), names, &mut cast, rng);
                if k == 0 && rng.below(2) == 0 {
                    let mut d = dateline.clone();
                    d.push(("-".into(), "O".into()));
                    d.extend(s);
                    s = d;
                }
                sentences.push(s);
                if rng.below(12) == 0 {
                    sentences.push(heading(rng));
                }
                if rng.below(15) == 0 {
                    sentences.push(credit(names, rng));
                }
                if genre == "sports" && rng.below(3) == 0 {
                    (0..2 + rng.below(5)).for_each(|_| sentences.push(results_line(names, rng)));
                }
            }
            Source { sentences, unannotated: 0 }
        })
        .collect()
}
