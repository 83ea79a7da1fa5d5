//! Bytes to text, one way for every caller: BOM, then a declared charset, then UTF-8, then detection.
//!
//! Loads, a huge article's start, list heads and `newsdesk entities` (which also needs every
//! character's bytes) all decide the encoding with [`choose`], so they agree on the text.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// How the encoding was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Valid UTF-8 (the default), or damaged UTF-8 shown lossily.
    Utf8,
    /// A byte-order mark.
    Bom,
    /// The file said so: an HTML `<meta charset>` or an XML declaration.
    Declared,
    /// Guessed from the bytes (chardetng).
    Detected,
}

/// The decision: which encoding, how many BOM bytes to skip, and how it was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub encoding: &'static Encoding,
    pub skip: usize,
    pub how: How,
    /// Some bytes do not decode (shown as U+FFFD).
    pub lossy: bool,
}

/// Decoded text and what was decided to get it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub choice: Choice,
}

/// The warning for text that no encoding decodes cleanly.
pub const NOT_UTF8: &str = "not valid UTF-8: undecodable bytes are shown as \u{fffd}";

/// Bytes fed to the detector at most: plenty to tell encodings apart, and bounded.
const DETECT_BYTES: usize = 1 << 20;

impl Decoded {
    /// The encoding's name for the metadata line, when the text is not plain UTF-8.
    pub fn label(&self) -> Option<String> {
        label(self.choice)
    }

    /// The load warning this decoding deserves, if any.
    pub fn warning(&self) -> Option<String> {
        self.choice.lossy.then(|| {
            if self.choice.encoding == UTF_8 {
                NOT_UTF8.to_string()
            } else {
                format!("not valid {}: undecodable bytes are shown as \u{fffd}", self.choice.encoding.name())
            }
        })
    }
}

/// The name shown in the metadata line: `windows-1252 (detected)`, `Shift_JIS`; none for UTF-8.
pub fn label(choice: Choice) -> Option<String> {
    match choice.how {
        How::Utf8 => None,
        How::Detected => Some(format!("{} (detected)", choice.encoding.name())),
        How::Bom | How::Declared => Some(choice.encoding.name().to_string()),
    }
}

/// Decides how `bytes` are to be decoded. `declared` is what the file itself says (HTML, XML);
/// a BOM overrides it, as browsers do.
pub fn choose(bytes: &[u8], declared: Option<&'static Encoding>) -> Choice {
    choose_in(bytes, declared, true)
}

/// [`choose`] for the whole of a text (`complete`) or its start, which may end inside a
/// character.
fn choose_in(bytes: &[u8], declared: Option<&'static Encoding>, complete: bool) -> Choice {
    if let Some((encoding, skip)) = Encoding::for_bom(bytes) {
        let lossy = encoding == UTF_8 && std::str::from_utf8(&bytes[skip..]).is_err();
        return Choice { encoding, skip, how: if encoding == UTF_8 { How::Utf8 } else { How::Bom }, lossy };
    }
    let utf8 = Choice { encoding: UTF_8, skip: 0, how: How::Utf8, lossy: false };
    // A declared legacy charset over bytes that are valid UTF-8 with non-ASCII in them is a
    // page re-saved as UTF-8 with its old declaration kept: legacy text is almost never valid
    // UTF-8 by chance.
    let declared = declared.filter(|_| std::str::from_utf8(bytes).is_err() || bytes.is_ascii());
    if let Some(encoding) = declared {
        // A page cannot declare UTF-16 without a BOM (the declaration itself would be
        // unreadable): browsers take UTF-8 then, and so does this.
        let encoding = if encoding == UTF_16LE || encoding == UTF_16BE { UTF_8 } else { encoding };
        if encoding == UTF_8 {
            return Choice { lossy: std::str::from_utf8(bytes).is_err(), ..utf8 };
        }
        let lossy = !fits(encoding, bytes, complete);
        return Choice { encoding, skip: 0, how: How::Declared, lossy };
    }
    if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes) {
        return Choice { lossy: std::str::from_utf8(bytes).is_err(), ..utf8 };
    }
    // ISO-2022-JP is left out: its escape sequences are terminal escapes too.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    detector.feed(sample, complete && sample.len() == bytes.len());
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    if encoding != UTF_8 && fits(encoding, bytes, complete) {
        return Choice { encoding, skip: 0, how: How::Detected, lossy: false };
    }
    Choice { lossy: true, ..utf8 }
}

/// Whether `bytes` decode without error; a start of a text may end inside a character.
fn fits(encoding: &'static Encoding, bytes: &[u8], complete: bool) -> bool {
    let cut = if complete { 0 } else { 3.min(bytes.len()) };
    (0..=cut).any(|d| encoding.decode_without_bom_handling_and_without_replacement(&bytes[..bytes.len() - d]).is_some())
}

/// Damaged UTF-8 rather than another encoding: many valid multi-byte characters for each
/// invalid stretch (a legacy encoding makes valid UTF-8 sequences only by chance).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid > 0 && valid >= 4 * invalid
}

/// Decodes `bytes` as [`choose`] decides.
pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Decoded {
    let choice = choose(bytes, declared);
    Decoded { text: decode_as(bytes, choice), choice }
}

/// Decodes `bytes` with a decision already made (a huge file's start decoded like its whole).
pub fn decode_as(bytes: &[u8], choice: Choice) -> String {
    let body = &bytes[choice.skip.min(bytes.len())..];
    if choice.encoding == UTF_8 {
        return match std::str::from_utf8(body) {
            Ok(s) => s.to_string(),
            Err(_) => String::from_utf8_lossy(body).into_owned(),
        };
    }
    choice.encoding.decode_without_bom_handling(body).0.into_owned()
}

/// The start of a file (cut anywhere) decoded for the list: a character cut at the end is
/// dropped, not shown as U+FFFD, and the text is as the whole file's would begin.
pub fn decode_head(bytes: &[u8], declared: Option<&'static Encoding>) -> Decoded {
    let cut = match std::str::from_utf8(bytes) {
        Err(e) if e.error_len().is_none() => e.valid_up_to(),
        _ => bytes.len(),
    };
    let mut choice = choose_in(&bytes[..cut], declared, false);
    if choice.encoding == UTF_16LE || choice.encoding == UTF_16BE {
        let even = choice.skip + (bytes.len() - choice.skip) / 2 * 2;
        return Decoded { text: decode_as(&bytes[..even], choice), choice };
    }
    if choice.encoding != UTF_8 {
        // Without a character cut at the end, if one is.
        let end = (cut.saturating_sub(3)..=cut)
            .rev()
            .find(|&e| {
                choice
                    .encoding
                    .decode_without_bom_handling_and_without_replacement(&bytes[choice.skip.min(e)..e])
                    .is_some()
            })
            .unwrap_or(cut);
        choice.lossy = false;
        return Decoded { text: decode_as(&bytes[..end], choice), choice };
    }
    Decoded { text: decode_as(&bytes[..cut], choice), choice }
}

/// Decoded text plus a map from its byte offsets back to the file's: a BOM is skipped, invalid
/// bytes become U+FFFD and legacy encodings change byte lengths, so the two differ.
#[derive(Debug, Default)]
pub struct OffsetMap {
    /// (offset in the decoded text, offset in the file) at the start of each stretch that
    /// maps one to one.
    points: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The file offset of a decoded-text offset.
    pub fn original(&self, offset: usize) -> usize {
        let i = self.points.partition_point(|p| p.0 <= offset).saturating_sub(1);
        self.points.get(i).map_or(offset, |&(decoded, file)| file + (offset - decoded))
    }
}

/// [`decode`], and where every character of the text came from in `bytes`.
pub fn decode_with_offsets(bytes: &[u8], declared: Option<&'static Encoding>) -> (Decoded, OffsetMap) {
    let choice = choose(bytes, declared);
    let (text, map) = if choice.encoding == UTF_8 {
        utf8_with_offsets(bytes, choice.skip)
    } else {
        legacy_with_offsets(bytes, choice)
    };
    (Decoded { text, choice }, map)
}

/// UTF-8 decoded lossily, recording where every stretch of the text came from.
fn utf8_with_offsets(bytes: &[u8], skip: usize) -> (String, OffsetMap) {
    let mut text = String::with_capacity(bytes.len());
    let mut map = OffsetMap::default();
    let mut at = skip;
    for chunk in bytes[skip..].utf8_chunks() {
        map.points.push((text.len(), at));
        text.push_str(chunk.valid());
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            // The replacement character stands for the invalid bytes; offsets inside it map to
            // its start, offsets after it continue after the bytes.
            map.points.push((text.len(), at));
            text.push('\u{fffd}');
            at += chunk.invalid().len();
        }
    }
    map.points.push((text.len(), at));
    (text, map)
}

/// Any other encoding, fed to its decoder one byte at a time: each character is mapped to
/// the bytes from the end of the previous one.
fn legacy_with_offsets(bytes: &[u8], choice: Choice) -> (String, OffsetMap) {
    let mut decoder = choice.encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() * 2);
    let mut map = OffsetMap::default();
    let mut from = choice.skip;
    let last = bytes.len().saturating_sub(1);
    for i in choice.skip..bytes.len() {
        let before = text.len();
        text.reserve(16);
        let _ = decoder.decode_to_string(&bytes[i..=i], &mut text, i == last);
        if text.len() > before {
            map.points.push((before, from));
            from = i + 1;
        }
    }
    map.points.push((text.len(), bytes.len()));
    (text, map)
}

/// The encoding a label names (`utf-8`, `latin1`, `Shift_JIS`…), as browsers read labels.
pub fn for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sjis(s: &str) -> Vec<u8> {
        encoding_rs::SHIFT_JIS.encode(s).0.into_owned()
    }

    #[test]
    fn utf8_and_utf16_as_before() {
        let d = decode("Müller 東京".as_bytes(), None);
        assert_eq!((d.text.as_str(), d.label(), d.warning()), ("Müller 東京", None, None));
        let le: Vec<u8> = [0xff, 0xfe].into_iter().chain("Müller".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let d = decode(&le, None);
        assert_eq!((d.text.as_str(), d.label().as_deref()), ("Müller", Some("UTF-16LE")));
        assert_eq!(decode(b"\xef\xbb\xbfbom", None).text, "bom");
    }

    #[test]
    fn legacy_encodings_are_detected_and_named() {
        let latin = b"Le caf\xe9 \xe9tait ferm\xe9 \xe0 cause de la gr\xe8ve, d\xe9clare le g\xe9rant.";
        let d = decode(latin, None);
        assert_eq!(d.text, "Le café était fermé à cause de la grève, déclare le gérant.");
        assert_eq!(d.label().as_deref(), Some("windows-1252 (detected)"));
        assert_eq!(d.warning(), None);
        let text = "東京の桜は三月の終わりに満開になり、多くの人が公園に集まった。";
        let d = decode(&sjis(text), None);
        assert_eq!(d.text, text);
        assert_eq!(d.label().as_deref(), Some("Shift_JIS (detected)"));
    }

    #[test]
    fn damaged_utf8_stays_utf8_with_the_warning() {
        let d = decode(
            "Ça coûte 5 € à Zürich, déjà \u{2014} "
                .as_bytes()
                .iter()
                .copied()
                .chain([0xff])
                .collect::<Vec<_>>()
                .as_slice(),
            None,
        );
        assert!(d.text.ends_with('\u{fffd}'));
        assert_eq!(d.warning().as_deref(), Some(NOT_UTF8));
        assert_eq!(d.label(), None);
    }

    #[test]
    fn a_declared_charset_wins_over_detection_and_a_bom_over_both() {
        let d = decode(b"caf\xe9", Some(encoding_rs::WINDOWS_1252));
        assert_eq!((d.text.as_str(), d.label().as_deref()), ("café", Some("windows-1252")));
        let d = decode(b"\xef\xbb\xbfcaf\xc3\xa9", Some(encoding_rs::WINDOWS_1252));
        assert_eq!(d.text, "café");
        // A page saved again as UTF-8 that kept its old declaration.
        let d = decode("東京の桜".as_bytes(), Some(encoding_rs::GBK));
        assert_eq!((d.text.as_str(), d.label()), ("東京の桜", None));
    }

    #[test]
    fn a_head_cut_inside_a_character_drops_it() {
        let bytes = "aé東".as_bytes();
        assert_eq!(decode_head(&bytes[..bytes.len() - 1], None).text, "aé");
        let s = sjis("東京の桜は三月の終わりに満開になり、多くの人が公園に集まった。");
        assert!(decode(&s, None).text.starts_with(&decode_head(&s[..s.len() - 1], None).text));
    }

    #[test]
    fn offsets_map_back_through_bom_invalid_bytes_and_legacy_encodings() {
        let bytes = b"\xef\xbb\xbfCaf\xc3\xa9 Paris \xff\xfeBerlin \xc3\xa9t\xc3\xa9";
        let (d, map) = decode_with_offsets(bytes, None);
        let berlin = d.text.find("Berlin").expect("found");
        assert_eq!(&bytes[map.original(berlin)..map.original(berlin + 6)], b"Berlin");
        let text = "東京と大阪の間、名古屋で会議が開かれた。出席者は三百人だった。";
        let bytes = sjis(text);
        let (d, map) = decode_with_offsets(&bytes, None);
        assert_eq!(d.text, decode(&bytes, None).text);
        let at = d.text.find("名古屋").expect("found");
        let (s, e) = (map.original(at), map.original(at + "名古屋".len()));
        assert_eq!(encoding_rs::SHIFT_JIS.decode(&bytes[s..e]).0, "名古屋");
    }
}
