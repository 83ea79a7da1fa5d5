//! The budgets of issue 15, measured: a 1 MB web page extracted and on screen (≤ 50 ms), the
//! first frame of 10,000 saved pages (≤ 150 ms), the first screen of a 10 MB EPUB (≤ 100 ms);
//! and the hostile cases that must stay within them: 100,000 levels of nesting, a 50 MB page.
//!
//! Run: `cargo bench --bench formats`. Inputs are generated here, deterministically, in the
//! temp folder; nothing outside the repository is needed. (The whole-program figures against
//! the `head -qn1` floor are in `benches/run.py`.)

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use newsdesk::action::Action;
use newsdesk::app::App;
use newsdesk::config::Config;
use newsdesk::library::{Format, Library, article};
use newsdesk::text::wrap::Layout;
use newsdesk::update::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Words for generated text, news-like.
const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "said",
    "government",
    "million",
    "percent",
    "report",
    "minister",
    "bank",
    "sanctions",
    "on",
    "for",
    "was",
    "with",
    "by",
    "that",
    "market",
    "investigators",
    "court",
    "ruling",
    "year",
    "officials",
    "according",
    "analysts",
    "funds",
    "transfer",
    "Seoul",
    "Geneva",
    "October",
    "Kim",
    "Park",
    "exchange",
];

fn main() {
    divan::main();
}

/// Deterministic words, `n` of them.
fn words(seed: u64, n: usize) -> String {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    let mut out = String::new();
    for i in 0..n {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        if i > 0 {
            out.push(' ');
        }
        out.push_str(WORDS[usize::try_from(state >> 33).unwrap_or(0) % WORDS.len()]);
    }
    out
}

/// A news page of about `bytes` bytes: head metadata, navigation, the article's paragraphs
/// with links and a figure, related links, comments, footer, scripts.
pub fn news_page(seed: u64, bytes: usize) -> String {
    let mut page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Report {seed} on markets and sanctions | The Bench Times</title>\
         <meta property=\"og:title\" content=\"Report {seed} on markets and sanctions\"><meta property=\"og:site_name\" content=\"The Bench Times\">\
         <meta property=\"article:published_time\" content=\"2025-03-14T07:30:00Z\"><meta name=\"author\" content=\"Ana Writer\">\
         <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"Report {seed} on markets and sanctions\"}}</script>\
         <style>body{{font-family:serif}} .ad{{min-height:250px}}</style><script>var analytics = {{ id: {seed} }};</script></head>\
         <body><div class=\"cookie-banner\">We use cookies to improve your experience.</div><header><nav><ul>"
    );
    for section in ["News", "World", "Business", "Markets", "Sport", "Culture", "Opinion", "Weather"] {
        let _ = write!(page, "<li><a href=\"/{section}\">{section}</a></li>");
    }
    let _ = write!(
        page,
        "</ul></nav></header><main><article><h1>Report {seed} on markets and sanctions</h1><p class=\"byline\">By Ana Writer</p>"
    );
    let tail = "</article><aside class=\"related\"><h2>Related</h2><ul><li><a href=\"/a\">Another story</a></li><li><a href=\"/b\">More news</a></li></ul></aside>\
                <section id=\"comments\"><h3>Comments</h3><div class=\"comment\"><p>First!</p></div><div class=\"comment\"><p>Interesting read.</p></div></section>\
                </main><footer><p>© 2025 The Bench Times</p></footer><script>track();</script></body></html>";
    let mut i = 0u64;
    while page.len() + tail.len() < bytes {
        i += 1;
        if i.is_multiple_of(12) {
            let _ = write!(page, "<h2>{}</h2>", words(seed * 1000 + i, 5));
        }
        if i.is_multiple_of(17) {
            let _ = write!(
                page,
                "<figure><img src=\"/img/{i}.jpg\" alt=\"{}\"><figcaption>{}</figcaption></figure>",
                words(i, 6),
                words(i + 1, 10)
            );
        }
        let _ = writeln!(
            page,
            "<p>{} <a href=\"https://example.org/{i}\">{}</a> {} <em>{}</em>.</p>",
            words(seed * 7919 + i, 40),
            words(i, 3),
            words(seed + i * 31, 30),
            words(i * 7, 2)
        );
    }
    page.push_str(tail);
    page
}

/// A folder in the temp dir, made once per run by `make` (skipped when `marker` exists).
fn made(name: &str, marker: &str, make: impl FnOnce(&Path)) -> PathBuf {
    let dir = std::env::temp_dir().join(name);
    if !dir.join(marker).exists() {
        std::fs::create_dir_all(&dir).expect("bench folder");
        make(&dir);
    }
    dir
}

/// A 1 MB page as "Save Page As" and `SingleFile` keep one: inline styles and scripts (the bulk
/// of it), navigation, related links and comments, and a long read of about 8,000 words.
fn saved_page(seed: u64) -> String {
    let article = news_page(seed, 96 << 10);
    let (head, body) = article.split_once("</head>").expect("a head");
    let mut page = String::from(head);
    page.push_str("<style>");
    let mut rule = 0;
    while page.len() < 350 << 10 {
        rule += 1;
        let _ = writeln!(
            page,
            ".c{rule} .item-{rule}:hover > a{{color:#{:06x};margin:{}px {}px;font:{}px/1.4 serif}}",
            rule * 2654,
            rule % 17,
            rule % 9,
            10 + rule % 8
        );
    }
    page.push_str("</style><script>");
    while page.len() < 700 << 10 {
        rule += 1;
        let _ = writeln!(
            page,
            "function f{rule}(a,b){{if(a<b&&window.x{rule}){{return track('{}',a*{rule});}}return null;}}",
            words(rule, 3)
        );
    }
    page.push_str("</script></head>");
    let (before, after) = body.split_once("<main>").expect("a main");
    page.push_str(before);
    page.push_str("<div class=\"mega-menu\">");
    while page.len() < 880 << 10 {
        rule += 1;
        let _ = write!(
            page,
            "<div class=\"menu-col\"><a href=\"/s/{rule}\">{}</a><ul><li><a href=\"/s/{rule}/a\">{}</a></li></ul></div>",
            words(rule, 2),
            words(rule + 1, 3)
        );
    }
    page.push_str("</div><main>");
    page.push_str(after.trim_end_matches("</body></html>"));
    page.push_str("<section class=\"comments\">");
    while page.len() < (1 << 20) - 64 {
        rule += 1;
        let _ = write!(page, "<div class=\"comment\"><b>reader{rule}</b><p>{}</p></div>", words(rule * 3, 14));
    }
    page.push_str("</section></body></html>");
    page
}

/// Two 1 MB saved pages (see [`saved_page`]).
fn html_1mb_folder() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        made("newsdesk-bench-html-1mb-saved", "page-1.html", |dir| {
            for i in 0..2 {
                std::fs::write(dir.join(format!("page-{i}.html")), saved_page(i)).expect("page");
            }
        })
    })
}

/// Two pages of 1 MB of article text each (about 150,000 words of paragraphs and links): far
/// beyond real pages, to see how extraction scales.
fn html_1mb_text_folder() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        made("newsdesk-bench-html-1mb", "page-1.html", |dir| {
            for i in 0..2 {
                std::fs::write(dir.join(format!("page-{i}.html")), news_page(i, 1 << 20)).expect("page");
            }
        })
    })
}

/// 10,000 saved pages of about 24 KB.
fn html_10k_folder() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        made("newsdesk-bench-html-10k", "09999.html", |dir| {
            for i in 0..10_000u64 {
                std::fs::write(dir.join(format!("{i:05}.html")), news_page(i, 24 << 10)).expect("page");
            }
        })
    })
}

/// One EPUB of about 10 MB, as books are: 120 chapters of about 100 KB of XHTML (compressed)
/// and 8 MB of pictures (stored, as JPEGs are).
fn epub_10mb_folder() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        made("newsdesk-bench-epub-10mb-v2", "book.epub", |dir| {
            std::fs::write(dir.join("book.epub"), big_epub(120, 100 << 10)).expect("epub");
        })
    })
}

fn big_epub(chapters: usize, chapter_bytes: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, body: &[u8], options| {
        zip.start_file(name, options).expect("zip");
        zip.write_all(body).expect("zip");
    };
    put("mimetype", b"application/epub+zip", stored);
    put(
        "META-INF/container.xml",
        br#"<container><rootfiles><rootfile full-path="OEBPS/content.opf"/></rootfiles></container>"#,
        deflated,
    );
    let (mut items, mut refs, mut links) = (String::new(), String::new(), String::new());
    for i in 0..chapters {
        let _ = write!(items, r#"<item id="c{i}" href="c{i}.xhtml" media-type="application/xhtml+xml"/>"#);
        let _ = write!(refs, r#"<itemref idref="c{i}"/>"#);
        let _ = write!(links, r#"<li><a href="c{i}.xhtml">Chapter {i}</a></li>"#);
    }
    let opf = format!(
        r#"<package><metadata><dc:title>A Long Bench Book</dc:title><dc:creator>Ana Writer</dc:creator></metadata><manifest>{items}<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/></manifest><spine>{refs}</spine></package>"#
    );
    put("OEBPS/content.opf", opf.as_bytes(), deflated);
    put(
        "OEBPS/nav.xhtml",
        format!(r#"<html><body><nav epub:type="toc"><ol>{links}</ol></nav></body></html>"#).as_bytes(),
        deflated,
    );
    for i in 0..chapters {
        let mut body = String::from("<html><body>");
        let mut p = 0u64;
        while body.len() < chapter_bytes {
            p += 1;
            let _ = writeln!(body, "<p>{}</p>", words(i as u64 * 100_000 + p, 60));
        }
        body.push_str("</body></html>");
        put(&format!("OEBPS/c{i}.xhtml"), body.as_bytes(), deflated);
    }
    let mut state = 7u64;
    for i in 0..16 {
        let picture: Vec<u8> = (0..512 << 10)
            .map(|_| {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                (state >> 56) as u8
            })
            .collect();
        put(&format!("OEBPS/images/p{i}.jpg"), &picture, stored);
    }
    zip.finish().expect("zip").into_inner()
}

fn draw(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal.draw(|f| app.draw(f)).expect("draw");
}

/// An app on `dir` at 200x60, the first article previewed, a frame drawn.
fn app_on(dir: &Path) -> (App, Terminal<TestBackend>) {
    let library = Library::open(dir).expect("library");
    let mut app = App::new(library, Config::default());
    app.step(Msg::Resize(200, 60));
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    draw(&app, &mut terminal);
    (app, terminal)
}

/// Budget ≤ 50 ms: selecting a 1 MB web page not seen before: read, decode, Readability, draw
/// into a document, wrap, entities in view, the next frame.
#[divan::bench(sample_count = 30)]
fn html_1mb_open_to_frame(bencher: Bencher) {
    bencher.with_inputs(|| app_on(html_1mb_folder())).bench_local_values(|(mut app, mut terminal)| {
        app.step(Msg::Action(Action::MoveDown));
        draw(&app, &mut terminal);
        (app, terminal)
    });
}

/// The extraction alone, for the breakdown: read, decode, parse, Readability, draw.
#[divan::bench(sample_count = 30)]
fn html_1mb_extract(bencher: Bencher) {
    let path = html_1mb_folder().join("page-0.html");
    assert!(std::fs::metadata(&path).map_or(0, |m| m.len()) >= 1_000_000);
    bencher.bench(|| {
        let a = article::load(&path, Format::Html);
        assert!(a.words > 5_000, "{} words", a.words);
        assert!(!a.doc.text.contains("reader12"), "comments dropped");
        a.words
    });
}

/// The same on 1 MB of article text (150,000 words): extraction cost grows with the text.
#[divan::bench(sample_count = 10)]
fn html_1mb_all_text_open_to_frame(bencher: Bencher) {
    bencher.with_inputs(|| app_on(html_1mb_text_folder())).bench_local_values(|(mut app, mut terminal)| {
        app.step(Msg::Action(Action::MoveDown));
        draw(&app, &mut terminal);
        (app, terminal)
    });
}

/// Budget ≤ 150 ms: start-up to the first frame on 10,000 saved pages: scan, head reads (each
/// page's `<head>` scanned for its title, never parsed), preview of the first, 200x60 frame.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn first_frame_10k_html(bencher: Bencher) {
    let dir = html_10k_folder();
    bencher.bench(|| {
        let (app, _) = app_on(dir);
        assert_eq!(app.state.library.entries.len(), 10_000);
        assert!(app.state.library.entries[0].meta.title.starts_with("Report 0 on markets"));
        app.state.library.entries.len()
    });
}

/// 10,000 plain-text articles of about 3.4 KB: the same measure on `.txt`, as a baseline run
/// under the same conditions.
fn txt_10k_folder() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        made("newsdesk-bench-txt-10k", "09999.txt", |dir| {
            for i in 0..10_000u64 {
                let text = format!("Report {i} on markets and sanctions\n\n{}\n", words(i, 520));
                std::fs::write(dir.join(format!("{i:05}.txt")), text).expect("article");
            }
        })
    })
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn first_frame_10k_txt_baseline(bencher: Bencher) {
    let dir = txt_10k_folder();
    bencher.bench(|| app_on(dir).0.state.library.entries.len());
}

/// The scan alone (heads read and scanned on all cores), web pages and plain text.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn scan_10k_html(bencher: Bencher) {
    let dir = html_10k_folder();
    bencher.bench(|| Library::open(dir).expect("library").entries.len());
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn scan_10k_txt(bencher: Bencher) {
    let dir = txt_10k_folder();
    bencher.bench(|| Library::open(dir).expect("library").entries.len());
}

/// Budget ≤ 100 ms: start-up to the first screen of a 10 MB EPUB: scan, OPF from the head,
/// the first chapters drawn (the rest is read in the background), 200x60 frame.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn epub_10mb_first_screen(bencher: Bencher) {
    let dir = epub_10mb_folder();
    let size = std::fs::metadata(dir.join("book.epub")).map_or(0, |m| m.len());
    assert!(size > 9 << 20, "the EPUB is {size} bytes");
    // The rest of the book is read on a thread after the first screen: each sample waits for
    // the one before it to finish (untimed), so samples do not compete.
    let previous: std::cell::RefCell<Option<App>> = std::cell::RefCell::new(None);
    bencher
        .with_inputs(|| {
            if let Some(mut app) = previous.borrow_mut().take() {
                app.wait_for_background(std::time::Duration::from_secs(60));
            }
        })
        .bench_local_values(|()| {
            let (app, _) = app_on(dir);
            let shown = app.state.reading.reader.as_ref().map_or(0, |r| r.article.words);
            assert!(shown > 1000, "the first chapters are shown: {shown} words");
            *previous.borrow_mut() = Some(app);
            shown
        });
}

/// A page nesting 100,000 `<div>`s: flattened at 512 levels, then read as any page.
#[divan::bench(sample_count = 10)]
fn html_100k_deep_nesting(bencher: Bencher) {
    let mut page = String::from("<html><head><title>Deep</title></head><body><article><p>Start of the page text.</p>");
    page.push_str(&"<div>".repeat(100_000));
    page.push_str("<p>Deep text at the bottom of the well.</p>");
    page.push_str(&"</div>".repeat(100_000));
    page.push_str("</article></body></html>");
    bencher.bench(|| {
        let a = article::from_bytes(Format::Html, page.as_bytes(), Path::new("deep.html"));
        assert!(a.doc.text.contains("bottom of the well"));
        a.words
    });
}

/// A 50 MB page: its first screen from a bounded read (what the reader shows at once) and its
/// whole (what the background read then replaces it with).
#[divan::bench(sample_count = 10)]
fn html_50mb_first_screen(bencher: Bencher) {
    let path = big_page();
    bencher.bench(|| {
        let start = article::load_prefix(&path, Format::Html, 128 << 10).expect("a start");
        Layout::new(&start.doc, 200, start.header()).lines.len()
    });
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn html_50mb_whole(bencher: Bencher) {
    let path = big_page();
    bencher.bench(|| article::load(&path, Format::Html).words);
}

fn big_page() -> PathBuf {
    made("newsdesk-bench-html-50mb", "big.html", |dir| {
        std::fs::write(dir.join("big.html"), news_page(50, 50 << 20)).expect("page");
    })
    .join("big.html")
}
