//! Compiles the name lists in `data/entities/` into perfect-hash sets (`phf`), so the binary
//! pays nothing at start-up to index them.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// (constant name, file): plain lists, one entry per line.
const SETS: &[(&str, &str)] = &[
    ("FIRST_NAMES", "first_names.txt"),
    ("AMBIGUOUS_FIRST_NAMES", "ambiguous_first_names.txt"),
    ("LAST_NAMES", "last_names.txt"),
    ("AMBIGUOUS_LAST_NAMES", "ambiguous_last_names.txt"),
    ("COUNTRIES", "countries.txt"),
    ("CITIES", "cities.txt"),
    ("AMBIGUOUS_PLACES", "ambiguous_places.txt"),
    ("REGIONS", "regions.txt"),
    ("DEMONYMS", "demonyms.txt"),
    ("GROUPS", "groups.txt"),
    ("ORG_SUFFIXES", "org_suffixes.txt"),
    ("ORG_HEADS", "org_heads.txt"),
    ("ORGANIZATIONS", "organizations.txt"),
    ("TITLES", "person_titles.txt"),
];
/// (constant name, file): `word<TAB>number` tables.
const MAPS: &[(&str, &str)] = &[("COMMON_WORDS", "common_words.txt"), ("ENGLISH_WORDS", "english_words.txt")];

fn entries(dir: &Path, file: &str) -> Vec<String> {
    let path = dir.join(file);
    println!("cargo::rerun-if-changed={}", path.display());
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut v: Vec<String> =
        text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect();
    v.sort();
    v.dedup();
    v
}

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("data/entities");
    let mut out = String::new();
    for (name, file) in SETS {
        let items = entries(&dir, file);
        let mut set = phf_codegen::Set::new();
        for item in &items {
            set.entry(item.as_str());
        }
        let _ = writeln!(
            out,
            "/// Entries of `data/entities/{file}`.\npub static {name}: phf::Set<&'static str> = {};",
            set.build()
        );
    }
    for (name, file) in MAPS {
        let mut map = phf_codegen::Map::new();
        let mut seen = std::collections::HashSet::new();
        for line in entries(&dir, file) {
            let Some((word, count)) = line.split_once('\t') else { continue };
            let count: u32 = count.trim().parse().unwrap_or_else(|_| panic!("{file}: bad number in {line:?}"));
            if seen.insert(word.to_string()) {
                map.entry(word.to_string(), count.to_string());
            }
        }
        let _ = writeln!(
            out,
            "/// `data/entities/{file}`: word -> number.\npub static {name}: phf::Map<&'static str, u32> = {};",
            map.build()
        );
    }
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets it")).join("gazetteer_data.rs");
    fs::write(dest, out).expect("write generated lists");
}
