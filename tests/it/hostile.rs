//! Hostile folders (issue 6): every nasty file drawn through the real crossterm backend into a
//! byte buffer, and the byte stream checked to hold only what newsdesk itself emits.

use std::fs;
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

use newsdesk::app::App;
use newsdesk::config::Config;
use newsdesk::library::Library;
use newsdesk::update::Msg;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use crate::flow::press;

/// The nasty cases: file name and bytes. Each names what it tries.
pub fn nasty_files() -> Vec<(&'static [u8], Vec<u8>)> {
    let mut files: Vec<(&'static [u8], Vec<u8>)> = vec![
        (b"osc52-clipboard.txt", b"Clipboard write\n\nBefore \x1b]52;c;ZXZpbA==\x07 after, and \x1b]52;c;QUFB\x1b\\ too.\n".to_vec()),
        (b"csi-title.txt", b"\x1b[2J\x1b[31mRed title\x1b[0m\n\nBody \x1b[?1049l leaves the screen, \x1b[6n asks.\n".to_vec()),
        ("c1-controls.txt".as_bytes(), "C1 controls\n\n\u{9b}2J and \u{9d}0;pwned\u{9c} and \u{85}NEL \u{90}DCS\u{9c}.\n".into()),
        (b"dcs-apc.txt", b"Device strings\n\n\x1bP1$qm\x1b\\ and \x1b_Gf=100;AAAA\x1b\\ and \x1b^pm\x1b\\ and \x1bXsos\x1b\\ end\n".to_vec()),
        ("bidi.txt".as_bytes(), "Bidi \u{202e}txt.exe\u{202c} \u{2066}isolate\u{2069}\n\nA \u{202d}override \u{2067}x\u{2069} here.\n".into()),
        (b"bell-del-backspace.txt", b"Bells\n\n\x07\x07 del \x7f backspace \x08 form \x0c vt \x0b cr\ronly\n".to_vec()),
        (b"md-entities.md", b"# Entities\n\nEsc &#27;]52;c;AAAA&#7; and &#x9b;2J and &#x1b;[31mred, &#0; nul.\n".to_vec()),
        (
            b"yaml-front-matter.md",
            b"---\ntitle: \"Front \\e]0;window title\\a matter\"\nauthor: \"\\x1b[5mBlink\"\ntags: [\"\\u001b]8;;http://x\\u0007link\"]\n---\n\nBody.\n".to_vec(),
        ),
        (b"toml-front-matter.md", b"+++\ntitle = \"TOML \\u001b]52;c;AA\\u0007 title\"\n+++\n\nBody.\n".to_vec()),
        (b"name-\x1b]52;c;QQ==\x07-in-the-name.txt", b"Name\n\nThe file name holds a sequence.\n".to_vec()),
        (b"invalid-utf8.txt", b"Invalid \xff\xfe bytes \x9b2J raw C1 byte\n\ntext \xc2\x9b2J encoded C1\n".to_vec()),
        (b"utf16.txt", {
            let mut v = vec![0xff, 0xfe];
            for u in "UTF-16 \u{1b}]52;c;AA\u{7} title\n\nBody\n".encode_utf16() {
                v.extend(u.to_le_bytes());
            }
            v
        }),
        (b"binary.txt", b"Looks like text\0\x01\x02 but is not\n".to_vec()),
        (b"empty.txt", Vec::new()),
        (b"title-only.md", b"# Only a title\n".to_vec()),
        (b"crlf.txt", b"Windows title\r\n\r\nLine one\r\nline two\r\n".to_vec()),
        (b"lone-cr.txt", b"Old Mac title\r\rLine one\rline two\r".to_vec()),
    ];
    files.push((b"long-title.txt", format!("{}\n\nBody.\n", "Long ".repeat(2000)).into_bytes()));
    // Issue 12: every C1 control in a title, bidi marks, combining-mark bombs, unterminated
    // sequences and a YAML alias bomb.
    let c1: String = ('\u{80}'..'\u{a0}').collect();
    files.push((
        "c1-all-\u{200f}\u{61c}.txt".as_bytes(),
        format!("All C1 {c1} \u{200e}\u{2028}end\n\nBody {c1}.\n").into_bytes(),
    ));
    let marks: String = std::iter::once('a').chain(std::iter::repeat_n('\u{301}', 10_000)).collect();
    let joiners: String = std::iter::once('b').chain(std::iter::repeat_n('\u{200d}', 3_000)).collect();
    files.push((b"marks-bomb.txt", format!("Marks {marks}\n\nBody {joiners} end.\n").into_bytes()));
    files.push((
        b"unterminated.txt",
        b"Open \x1b]7;file://host/dir rest\n\nA \xc2\x9d0;t after \x1bPq and \x1b word.\n".to_vec(),
    ));
    files.push((b"yaml-alias-bomb.md", format!("---\n{}---\nBody.\n", alias_bomb("Alias bomb")).into_bytes()));
    files.push((b"long-line.txt", format!("No spaces\n\n{}\n", "x".repeat(200_000)).into_bytes()));
    files
}

/// YAML front matter (without its fences) of 8 levels of 9 aliases, `tags` the last: expanded,
/// 9^8 strings from about 340 bytes.
pub fn alias_bomb(title: &str) -> String {
    use std::fmt::Write as _;
    let mut yaml =
        format!("title: {title}\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for level in 1..8u8 {
        let (name, prev) = (char::from(b'a' + level), char::from(b'a' + level - 1));
        let _ = writeln!(yaml, "{name}: &{name} [{}]", vec![format!("*{prev}"); 9].join(","));
    }
    yaml.push_str("tags: *h\n");
    yaml
}

/// A folder of every nasty file.
pub fn nasty_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in nasty_files() {
        #[cfg(unix)]
        let name = <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(name);
        #[cfg(not(unix))]
        let name = std::str::from_utf8(name).unwrap_or("nonutf8.txt");
        fs::write(dir.path().join(name), bytes).expect("write a nasty file");
    }
    dir
}

/// The first byte offset in `out` of anything newsdesk does not emit itself: only SGR, cursor
/// movement, erasing and private screen modes are allowed; no OSC, DCS, SOS, PM, APC, BEL, other
/// C0 controls, DEL or C1 controls (raw or UTF-8 encoded).
fn first_foreign(out: &[u8]) -> Option<(usize, String)> {
    let mut i = 0;
    while i < out.len() {
        let b = out[i];
        match b {
            0x1b => {
                if out.get(i + 1) != Some(&b'[') {
                    return Some((i, format!("ESC {:?}", out.get(i + 1).map(|&c| c as char))));
                }
                let mut j = i + 2;
                while j < out.len() && (0x30..=0x3f).contains(&out[j]) {
                    j += 1;
                }
                let Some(&fin) = out.get(j) else { return Some((i, "unfinished CSI".into())) };
                let params = String::from_utf8_lossy(&out[i + 2..j]).into_owned();
                let allowed = match fin {
                    b'm' | b'H' | b'J' | b'K' | b'A' | b'B' | b'C' | b'D' | b'G' | b'f' => !params.starts_with('?'),
                    b'h' | b'l' => params.starts_with('?'),
                    _ => false,
                };
                if !allowed {
                    return Some((i, format!("CSI {params}{}", fin as char)));
                }
                i = j + 1;
            }
            b'\r' | b'\n' => i += 1,
            0x00..=0x1f | 0x7f => return Some((i, format!("control byte {b:#04x}"))),
            0xc2 if out.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)) => {
                return Some((i, format!("C1 U+{:04X}", out[i + 1])));
            }
            _ => i += 1,
        }
    }
    None
}

/// The bytes the backend writes, kept where the test can read them.
#[derive(Clone, Default)]
struct Bytes(Arc<Mutex<Vec<u8>>>);

impl Write for Bytes {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

type ByteTerminal = Terminal<CrosstermBackend<Bytes>>;

fn terminal(bytes: &Bytes, width: u16, height: u16) -> ByteTerminal {
    let backend = CrosstermBackend::new(bytes.clone());
    Terminal::with_options(backend, TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, width, height)) })
        .expect("a terminal writing into a buffer")
}

fn draw(app: &App, terminal: &mut ByteTerminal) {
    terminal.draw(|f| app.draw(f)).expect("draw");
}

#[test]
fn nothing_in_a_nasty_folder_reaches_the_terminal_as_a_control_sequence() {
    let dir = nasty_folder();
    let root = fs::canonicalize(dir.path()).expect("canonical");
    let library = Library::open(&root).expect("the folder opens");
    let count = library.entries.len();
    assert_eq!(count, nasty_files().len(), "every file is listed, the binary one included");
    let mut app = App::new(library, Config::default());
    app.step(Msg::Resize(120, 40));
    let bytes = Bytes::default();
    let mut term = terminal(&bytes, 120, 40);
    draw(&app, &mut term);
    // Every article: previewed, read, its entities listed, the legend and help shown.
    for _ in 0..count {
        press(&mut app, "enter");
        draw(&app, &mut term);
        press(&mut app, "G E");
        draw(&app, &mut term);
        press(&mut app, "esc L");
        draw(&app, &mut term);
        press(&mut app, "L h j");
        draw(&app, &mut term);
    }
    press(&mut app, "?");
    draw(&app, &mut term);
    let articles_drawn = bytes.0.lock().unwrap_or_else(PoisonError::into_inner).len();
    // Control characters pasted into a prompt are dropped.
    press(&mut app, "esc /");
    for c in "\u{1b}[2J\u{7}x\u{9b}".chars() {
        app.step(Msg::Type(c));
    }
    assert_eq!(app.state.overlays.prompt.as_ref().map(|p| p.input.as_str()), Some("[2Jx"));
    draw(&app, &mut term);
    drop(term);
    let out = bytes.0.lock().unwrap_or_else(PoisonError::into_inner).clone();
    if let Some((at, what)) = first_foreign(&out) {
        let from = at.saturating_sub(80);
        panic!("{what} at byte {at}: {:?}", String::from_utf8_lossy(&out[from..(at + 40).min(out.len())]));
    }
    let text = String::from_utf8_lossy(&out[..articles_drawn]);
    for leftover in ["]52;", "]0;", "]8;;", "P1$q", "_Gf=", "[31m"] {
        assert!(!text.contains(&format!("␛{leftover}")), "the rest of a sequence is on screen: {leftover}");
    }
    assert!(!text.contains("]52;"), "no OSC 52 payload on screen");
}

#[test]
fn the_checker_catches_what_it_must() {
    for bad in [&b"\x1b]52;c;AA\x07"[..], b"\x07", b"\x1bP1$q", b"\xc2\x9b2J", b"\x1b[6n", b"\x1b[?1049h\x1b_x"] {
        assert!(first_foreign(bad).is_some(), "{bad:?}");
    }
    assert_eq!(first_foreign(b"\x1b[1;31mhi\x1b[0m\x1b[?25l\x1b[2;3H\r\n"), None);
}

#[test]
fn each_nasty_file_is_listed_with_a_sensible_title() {
    let dir = nasty_folder();
    let mut library = Library::open(&fs::canonicalize(dir.path()).expect("canonical")).expect("opens");
    library.load_all();
    let by_file = |name: &str| {
        library.entries.iter().find(|e| e.rel.starts_with(name)).unwrap_or_else(|| panic!("{name} is listed"))
    };
    assert_eq!(by_file("osc52-clipboard").meta.title, "Clipboard write");
    assert_eq!(by_file("csi-title").meta.title, "␛␛Red title␛");
    assert_eq!(by_file("yaml-front-matter").meta.title, "Front ␛ matter");
    assert_eq!(by_file("yaml-front-matter").meta.tags, ["␛link"]);
    assert_eq!(by_file("toml-front-matter").meta.title, "TOML ␛ title");
    assert!(by_file("name-").rel.starts_with("name-␛-in-the-name"), "{}", by_file("name-").rel);
    assert_eq!(by_file("utf16").meta.title, "UTF-16 ␛ title");
    assert!(by_file("binary").warning.as_deref().is_some_and(|w| w.contains("binary")));
    // Bytes that are no UTF-8 but fit a legacy encoding are read in it (so few bytes make a
    // weak guess; their C1 bytes become printable characters), and the metadata line says so.
    assert!(by_file("invalid-utf8").meta.encoding.as_deref().is_some_and(|e| e.ends_with("(detected)")));
    assert!(
        !by_file("invalid-utf8").meta.title.contains(['\u{1b}', '\u{9b}']),
        "{}",
        by_file("invalid-utf8").meta.title
    );
    assert!(by_file("empty").warning.as_deref().is_some_and(|w| w.contains("empty")));
    assert_eq!(by_file("title-only").meta.title, "Only a title");
    assert_eq!(by_file("crlf").meta.title, "Windows title");
    assert_eq!(by_file("lone-cr").meta.title, "Old Mac title");
    assert_eq!(by_file("long-title").meta.title.len(), 9999);
}
