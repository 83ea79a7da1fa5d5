//! JSON output safe to print raw: every string's control and bidirectional characters as `\u` escapes.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter, Serializer};

/// Writes `value` as JSON (indented with `pretty`). Besides the C0 controls JSON itself
/// escapes, DEL, the C1 controls, the bidirectional controls and marks (U+061C, U+200E/F,
/// U+202A–202E, U+2066–2069) and the line and paragraph separators are written as `\uXXXX`, so
/// a consumer that prints a value raw sends no control to its terminal and no reordering.
pub fn write(out: &mut impl Write, value: &impl Serialize, pretty: bool) -> serde_json::Result<()> {
    if pretty {
        value.serialize(&mut Serializer::with_formatter(out, Escaping(PrettyFormatter::new())))
    } else {
        value.serialize(&mut Serializer::with_formatter(out, Escaping(CompactFormatter)))
    }
}

/// Whether `c` is written as an escape.
fn escaped(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}' | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A formatter that escapes [`escaped`] characters and leaves the layout to `F`.
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut from = 0;
        for (i, c) in fragment.char_indices().filter(|&(_, c)| escaped(c)) {
            writer.write_all(&fragment.as_bytes()[from..i])?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            from = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[from..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi_and_round_trips() {
        let value = serde_json::json!({"t\u{202e}": ["a\u{85}b\u{9c}\u{1b}c\u{2066}d\u{200f}\u{7f}", "plain é 東京"]});
        for pretty in [false, true] {
            let mut out = Vec::new();
            write(&mut out, &value, pretty).expect("writes");
            let text = String::from_utf8(out).expect("UTF-8");
            assert!(text.chars().all(|c| !escaped(c) && (c >= ' ' || c == '\n')), "{text:?}");
            assert!(text.contains(r"a\u0085b\u009c\u001bc\u2066d\u200f\u007f") && text.contains(r"t\u202e"), "{text}");
            assert!(text.contains("plain é 東京"));
            assert_eq!(serde_json::from_str::<serde_json::Value>(&text).expect("valid"), value);
        }
    }
}
