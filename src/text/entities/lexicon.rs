//! The name lists of `data/entities/` (sources and licences in `data/entities/SOURCES.md`) as
//! one compiled lexicon: for any word or phrase, the lists it is in, how often it is written in
//! lower case in plain prose, and its dictionary level. `build.rs` lays it out as a hash table
//! in a byte blob included in the binary: no start-up cost, one hash and a probe per look-up.

use xxhash_rust::xxh3::xxh3_64;

/// The bit of each list (`lexicon::flag::COUNTRY`...), generated with the table.
#[allow(clippy::unreadable_literal)]
pub mod flag {
    include!(concat!(env!("OUT_DIR"), "/lexicon_flags.rs"));
}

static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.bin"));
const HEADER: usize = 12;

/// What the lexicon knows of one key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Entry {
    /// Bits of [`flag`]: the lists the key is in (as written, case-sensitive).
    pub flags: u32,
    /// Occurrences in lower case in the prose corpus (for lower-case keys).
    pub common: u32,
    /// SCOWL size level of a lower-case English word (10 commonest ... 35), 0 when none.
    pub level: u8,
}

impl Entry {
    /// An ordinary English word: common in prose, or in the dictionary's commonest levels.
    pub fn is_english(self) -> bool {
        self.common > 0 || (self.level > 0 && self.level <= 20)
    }
}

fn u32_at(at: usize) -> u32 {
    BLOB.get(at..at + 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The entry for `key` exactly as written, if any list or table has it.
pub fn get(key: &str) -> Option<Entry> {
    let slots = u32_at(4) as usize;
    if slots == 0 || key.len() > usize::from(u8::MAX) {
        return None;
    }
    let body = HEADER + 4 * slots;
    #[allow(clippy::cast_possible_truncation)] // a hash, cut to the table size
    let mut at = (xxh3_64(key.as_bytes()) as usize) & (slots - 1);
    loop {
        let offset = u32_at(HEADER + 4 * at) as usize;
        if offset == 0 {
            return None;
        }
        let e = body + offset - 1;
        let len = usize::from(BLOB[e]);
        if &BLOB[e + 1..e + 1 + len] == key.as_bytes() {
            let data = e + 1 + len;
            return Some(Entry { flags: u32_at(data), common: u32_at(data + 4), level: BLOB[data + 8] });
        }
        at = (at + 1) & (slots - 1);
    }
}

/// The list bits of `key` as written (0 when unknown).
pub fn flags(key: &str) -> u32 {
    get(key).map_or(0, |e| e.flags)
}

/// The entry of `word` in lower case: its prose frequency and dictionary level.
pub fn lower(word: &str) -> Entry {
    with_lowercase(word, |w| get(w).unwrap_or_default())
}

/// Calls `f` with `word` in lower case; short ASCII words are lowered on the stack.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return f(word);
    }
    let mut buf = [0u8; 32];
    if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return f(std::str::from_utf8(lower).unwrap_or(word));
    }
    f(&word.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_set_their_flags() {
        assert_ne!(flags("North Korea") & flag::COUNTRY, 0);
        assert_ne!(flags("North") & flag::PREFIX, 0, "a prefix of a longer entry");
        assert_ne!(flags("Anjali") & (flag::FIRST_NAME | flag::AMBIGUOUS_FIRST_NAME), 0);
        assert_ne!(flags("University") & flag::ORG_HEAD, 0, "from \"University of\"");
        assert_ne!(flags("Geneva") & flag::CITY, 0);
        assert_eq!(flags("geneva"), 0, "case-sensitive");
        assert_eq!(get("Qzxv"), None);
    }

    #[test]
    fn lower_case_words_have_their_frequency_and_level() {
        assert!(lower("The").common > 1000);
        assert!(lower("Nice").is_english());
        assert!(!lower("Budjana").is_english());
    }
}
