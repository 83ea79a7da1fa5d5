//! Compiles the name lists in `data/entities/` into one lexicon: a hash table in a byte blob
//! (`lexicon.bin`, included with `include_bytes!`), each key with the bit set of the lists it is
//! in, its lower-case frequency in prose and its dictionary level. A byte blob has no pointers,
//! so the binary pays nothing at start-up to relocate or index it (a `phf::Set<&str>` of the
//! same 130,000 names costs about 150,000 start-up relocations).

use std::collections::BTreeMap;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// (flag name, file): plain lists, one entry per line; an entry sets its flag.
const LISTS: &[(&str, &str)] = &[
    ("FIRST_NAME", "first_names.txt"),
    ("AMBIGUOUS_FIRST_NAME", "ambiguous_first_names.txt"),
    ("LAST_NAME", "last_names.txt"),
    ("AMBIGUOUS_LAST_NAME", "ambiguous_last_names.txt"),
    ("COUNTRY", "countries.txt"),
    ("CITY", "cities.txt"),
    ("AMBIGUOUS_PLACE", "ambiguous_places.txt"),
    ("REGION", "regions.txt"),
    ("DEMONYM", "demonyms.txt"),
    ("GROUP", "groups.txt"),
    ("ORG_SUFFIX", "org_suffixes.txt"),
    ("ORG_HEAD", "org_heads.txt"),
    ("ORGANIZATION", "organizations.txt"),
    ("TITLE", "person_titles.txt"),
    ("PLACE_SUFFIX", "place_suffixes.txt"),
    ("PLACE_PREFIX", "place_prefixes.txt"),
    ("MISC_SUFFIX", "misc_suffixes.txt"),
    ("MISC_HEAD", "misc_heads.txt"),
    ("NOT_ORGANIZATION", "not_organizations.txt"),
    ("MISC_NAME", "misc_names.txt"),
];
/// Set on every proper prefix of a multi-word entry ("North" of "North Korea"), so a matcher
/// knows when to try one more word.
const PREFIX_FLAG: u32 = 1 << 31;

struct Entry {
    flags: u32,
    common: u32,
    level: u8,
}

fn lines(dir: &Path, file: &str) -> Vec<String> {
    let path = dir.join(file);
    println!("cargo::rerun-if-changed={}", path.display());
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect()
}

/// `word<TAB>number` lines.
fn table(dir: &Path, file: &str) -> Vec<(String, u32)> {
    lines(dir, file)
        .into_iter()
        .filter_map(|l| {
            let (w, n) = l.split_once('\t')?;
            Some((w.to_string(), n.trim().parse().unwrap_or_else(|_| panic!("{file}: bad number in {l:?}"))))
        })
        .collect()
}

fn update(all: &mut BTreeMap<String, Entry>, key: &str, f: impl FnOnce(&mut Entry)) {
    f(all.entry(key.to_string()).or_insert(Entry { flags: 0, common: 0, level: 0 }));
}

fn entries(dir: &Path) -> BTreeMap<String, Entry> {
    let mut all = BTreeMap::new();
    for (bit, (_, file)) in LISTS.iter().enumerate() {
        for name in lines(dir, file) {
            // "University of" marks "University" as the head of a name that goes on.
            let key = [" of", " for", " on"].iter().find_map(|tail| name.strip_suffix(tail)).unwrap_or(&name);
            update(&mut all, key, |e| e.flags |= 1 << bit);
            let words: Vec<&str> = key.split(' ').collect();
            for n in 1..words.len() {
                update(&mut all, &words[..n].join(" "), |e| e.flags |= PREFIX_FLAG);
            }
        }
    }
    for (word, count) in table(dir, "common_words.txt") {
        update(&mut all, &word, |e| e.common = e.common.max(count));
    }
    for (word, level) in table(dir, "english_words.txt") {
        let level = u8::try_from(level).unwrap_or(u8::MAX);
        update(&mut all, &word, |e| e.level = if e.level == 0 { level } else { e.level.min(level) });
    }
    all
}

fn main() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).to_path_buf();
    let dir = root.join("data/entities");
    let all = entries(&dir);
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets it")).to_path_buf();
    fs::write(out.join("lexicon.bin"), blob(&all)).expect("write the lexicon");
    let mut flags = String::new();
    for (bit, (name, file)) in LISTS.iter().enumerate() {
        let _ = writeln!(flags, "/// In `data/entities/{file}`.\npub const {name}: u32 = 1 << {bit};");
    }
    let _ = writeln!(flags, "/// A proper prefix of a multi-word entry.\npub const PREFIX: u32 = {PREFIX_FLAG};");
    fs::write(out.join("lexicon_flags.rs"), flags).expect("write the flags");
}

/// The table: `NDLX`, slot count (a power of two), blob length, the slots (entry offset + 1,
/// 0 for empty; linear probing from `xxh3(key)`), then the entries (key length, key, flags,
/// common count, level), all little-endian.
fn blob(all: &BTreeMap<String, Entry>) -> Vec<u8> {
    let slots = (all.len() * 2).next_power_of_two();
    let mut table = vec![0u32; slots];
    let mut body = Vec::new();
    for (key, e) in all {
        let offset = u32::try_from(body.len() + 1).expect("lexicon under 4 GB");
        let len = u8::try_from(key.len()).unwrap_or_else(|_| panic!("entry too long: {key}"));
        body.push(len);
        body.extend_from_slice(key.as_bytes());
        body.extend_from_slice(&e.flags.to_le_bytes());
        body.extend_from_slice(&e.common.to_le_bytes());
        body.push(e.level);
        let mut at = (xxhash_rust::xxh3::xxh3_64(key.as_bytes()) as usize) & (slots - 1);
        while table[at] != 0 {
            at = (at + 1) & (slots - 1);
        }
        table[at] = offset;
    }
    let mut out = b"NDLX".to_vec();
    out.extend_from_slice(&u32::try_from(slots).expect("fits").to_le_bytes());
    out.extend_from_slice(&u32::try_from(body.len()).expect("fits").to_le_bytes());
    for s in table {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out.extend_from_slice(&body);
    out
}
