//! A fast tag scanner for what sits in a page's `<head>`: title, `<meta>`, `<link>`, JSON-LD and the charset.
//!
//! The folder scan lists thousands of pages from a bounded head read each: a full HTML parse
//! there would cost more than the whole budget, so this reads tags and attributes with
//! `memchr` and decodes character references with the HTML5 table, nothing more.

use std::borrow::Cow;

/// One start tag: its lowercase name and attributes (names lowercase, values decoded).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// What the head of a page says about it, in document order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Head {
    pub title: Option<String>,
    /// `<meta>` tags as (`name` or `property` or `itemprop` lowercased, `content`).
    pub metas: Vec<(String, String)>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// Bodies of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// The first `<h1>`'s text, when the scan reached it.
    pub h1: Option<String>,
}

impl Head {
    /// The first `content` of a meta tag with any of these names.
    pub fn meta(&self, names: &[&str]) -> Option<&str> {
        names
            .iter()
            .find_map(|n| self.metas.iter().find(|(k, v)| k == n && !v.trim().is_empty()))
            .map(|(_, v)| v.trim())
    }

    /// Every `content` of meta tags with this name.
    pub fn metas_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.metas.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.trim())
    }
}

/// Elements whose content is raw text: skipped whole.
const RAW: &[&str] = &["script", "style", "textarea", "xmp", "noscript", "template", "iframe", "noembed"];

/// Scans `text` (a page, or its first bytes) for head metadata, stopping after the first
/// `<h1>` or at `limit` bytes. JSON-LD is collected wherever it is before that point.
pub fn head(text: &str, limit: usize) -> Head {
    scan(text, limit, false)
}

/// [`head`] for the list: stops at `<body>` once the title is known (what follows is the page,
/// not its metadata), so a list head costs a few microseconds.
pub fn head_only(text: &str) -> Head {
    scan(text, text.len(), true)
}

fn scan(text: &str, limit: usize, stop_at_body: bool) -> Head {
    let mut head = Head::default();
    let bytes = text.as_bytes();
    let end = limit.min(bytes.len());
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..end]).map(|i| at + i) {
        at = lt + 1;
        let rest = &text[lt..];
        if rest.starts_with("<!--") {
            at = find(rest, "-->").map_or(end, |i| lt + i + 3);
            continue;
        }
        let Some((tag, after)) = start_tag(rest) else { continue };
        at = lt + after;
        match tag.name.as_str() {
            "title" if head.title.is_none() => {
                let close = find_ci(&text[at..], "</title").map_or(text.len(), |i| at + i);
                head.title = Some(clean_text(&decode_refs(&text[at..close.min(at + 4096)])));
                at = close;
            }
            "meta" => {
                let key = tag.attr("property").or(tag.attr("name")).or(tag.attr("itemprop"));
                if let (Some(keys), Some(v)) = (key, tag.attr("content")) {
                    // `property="dc:title og:title"` names the value twice.
                    for k in keys.split_whitespace() {
                        head.metas.push((k.to_ascii_lowercase(), v.to_string()));
                    }
                }
            }
            "link" => {
                let canonical =
                    tag.attr("rel").is_some_and(|r| r.split_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")));
                if canonical && head.canonical.is_none() {
                    head.canonical = tag.attr("href").map(str::to_string);
                }
            }
            "body" if stop_at_body && head.title.is_some() => break,
            "h1" => {
                let close = find_ci(&text[at..], "</h1").map_or(text.len(), |i| at + i);
                let inner = strip_tags(&text[at..close.min(at + 4096)]);
                head.h1 = Some(clean_text(&decode_refs(&inner)));
                break;
            }
            name if RAW.contains(&name) => {
                let close = find_ci(&text[at..], &format!("</{name}")).map_or(text.len(), |i| at + i);
                if name == "script"
                    && tag.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                {
                    head.json_ld.push(text[at..close].to_string());
                }
                at = close;
            }
            _ => {}
        }
    }
    head
}

/// The charset a page declares in its first bytes: `<meta charset>` or the `http-equiv`
/// content type, or an XML declaration's `encoding`.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let start = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    if let Some(decl) = start.trim_start_matches('\u{feff}').trim_start().strip_prefix("<?xml")
        && let Some(end) = decl.find("?>")
        && let Some(at) = decl[..end].find("encoding")
    {
        let value = decl[at + 8..end].trim_start().trim_start_matches('=').trim_start();
        let value = value.trim_start_matches(['"', '\'']);
        let label: String = value.chars().take_while(|c| !matches!(c, '"' | '\'' | ' ' | '?')).collect();
        if let Some(e) = super::super::encoding::for_label(&label) {
            return Some(e);
        }
    }
    let mut at = 0;
    while let Some(i) = find_ci(&start[at..], "<meta") {
        let Some((tag, after)) = start_tag(&start[at + i..]) else { break };
        at += i + after;
        if let Some(label) = tag.attr("charset") {
            return super::super::encoding::for_label(label);
        }
        if tag.attr("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("content-type"))
            && let Some(content) = tag.attr("content")
            && let Some(c) = find_ci(content, "charset=")
        {
            let label: String = content[c + 8..].chars().take_while(|c| !matches!(c, ';' | ' ' | '"' | '\'')).collect();
            return super::super::encoding::for_label(&label);
        }
    }
    None
}

/// The start tag at the start of `s` (`<name attrs…>`), and the bytes it takes.
pub fn start_tag(s: &str) -> Option<(Tag, usize)> {
    let b = s.as_bytes();
    if b.first() != Some(&b'<') || !b.get(1).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_end =
        1 + b[1..].iter().position(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/').unwrap_or(b.len() - 1);
    let mut tag = Tag { name: s[1..name_end].to_ascii_lowercase(), attrs: Vec::new() };
    let mut i = name_end;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return Some((tag, i));
        }
        if b[i] == b'>' {
            return Some((tag, i + 1));
        }
        let n0 = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = s[n0..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let (v0, v1, next) = if let Some(&q @ (b'"' | b'\'')) = b.get(i) {
                let close = memchr::memchr(q, &b[i + 1..]).map_or(b.len(), |k| i + 1 + k);
                (i + 1, close, (close + 1).min(b.len()))
            } else {
                let close =
                    b[i..].iter().position(|c| c.is_ascii_whitespace() || *c == b'>').map_or(b.len(), |k| i + k);
                (i, close, close)
            };
            value = decode_refs(&s[v0..v1]).into_owned();
            i = next;
        }
        if !name.is_empty() && tag.attrs.len() < 64 {
            tag.attrs.push((name, value));
        }
    }
}

/// Character references (`&amp;`, `&#233;`, `&eacute;`) decoded as HTML does.
pub fn decode_refs(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let (decoded, used) = reference(rest);
        if let Some(text) = decoded {
            out.push_str(&text);
            rest = &rest[used..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The reference at the start of `s` (which starts with `&`): its text and length.
fn reference(s: &str) -> (Option<String>, usize) {
    let body = &s[1..];
    if let Some(num) = body.strip_prefix('#') {
        let (hex, digits) = match num.strip_prefix(['x', 'X']) {
            Some(h) => (true, h),
            None => (false, num),
        };
        let n = digits.bytes().take_while(|b| if hex { b.is_ascii_hexdigit() } else { b.is_ascii_digit() }).count();
        if n == 0 {
            return (None, 0);
        }
        let value = u32::from_str_radix(&digits[..n.min(8)], if hex { 16 } else { 10 }).unwrap_or(0xfffd);
        let c = match value {
            0 => '\u{fffd}',
            0x80..=0x9f => c1_replacement(value),
            v => char::from_u32(v).unwrap_or('\u{fffd}'),
        };
        let semi = usize::from(digits.as_bytes().get(n) == Some(&b';'));
        return (Some(c.to_string()), 2 + usize::from(hex) + n + semi);
    }
    let n = body.bytes().take_while(u8::is_ascii_alphanumeric).count().min(32);
    let with_semi = body.as_bytes().get(n) == Some(&b';');
    let key = &body[..n + usize::from(with_semi)];
    // The longest known name that prefixes the reference (legacy names may lack the `;`).
    for len in (2..=key.len()).rev() {
        // The table also lists every prefix of a name, with a zero code point.
        if let Some(&(a, b)) = markup5ever::data::NAMED_ENTITIES.get(&key[..len]).filter(|(a, _)| *a != 0) {
            let mut text = String::new();
            text.extend(char::from_u32(a));
            if b != 0 {
                text.extend(char::from_u32(b));
            }
            return (Some(text), 1 + len);
        }
    }
    (None, 0)
}

/// Windows-1252's reading of a C1 code point, as HTML maps numeric references to them.
fn c1_replacement(v: u32) -> char {
    let byte = u8::try_from(v).unwrap_or(0);
    let bytes = [byte];
    let decoded = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes).0;
    decoded.chars().next().unwrap_or('\u{fffd}')
}

/// Text with tags taken out (for a heading's inner HTML).
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = rest[i..].find('>').map_or("", |j| &rest[i + j + 1..]);
        out.push(' ');
    }
    out.push_str(rest);
    out
}

/// White space collapsed, the ends trimmed.
pub fn clean_text(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first ASCII case-insensitive occurrence of `needle` (lowercase) in `hay`.
pub fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    let h = hay.as_bytes();
    let first = [n[0], n[0].to_ascii_uppercase()];
    let mut at = 0;
    while let Some(i) = memchr::memchr2(first[0], first[1], &h[at..]) {
        let i = at + i;
        if h.len() - i >= n.len() && h[i..i + n.len()].eq_ignore_ascii_case(n) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

fn find(hay: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(hay.as_bytes(), needle.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_title_metas_links_and_json_ld() {
        let page = r#"<!doctype html><HTML><head><meta charset=utf-8><!-- <title>no</title> -->
            <script>var t = "<title>no</title>";</script>
            <TITLE> Caf&eacute; &amp; Bar &#8212; News </title>
            <meta property="og:title" content='Caf&eacute; opens'>
            <meta name=author content="Ana Díaz"><link rel="canonical stylesheet" href="https://e.example/a">
            <script type="application/ld+json">{"headline":"X"}</script></head>
            <body><h1 class="big">Café <em>opens</em></h1><p>text</p>"#;
        let h = head(page, usize::MAX);
        assert_eq!(h.title.as_deref(), Some("Café & Bar — News"));
        assert_eq!(h.meta(&["og:title"]), Some("Café opens"));
        assert_eq!(h.meta(&["author"]), Some("Ana Díaz"));
        assert_eq!(h.canonical.as_deref(), Some("https://e.example/a"));
        assert_eq!(h.json_ld, [r#"{"headline":"X"}"#]);
        assert_eq!(h.h1.as_deref(), Some("Café opens"));
    }

    #[test]
    fn references_decode_as_html_does() {
        assert_eq!(
            decode_refs("a &lt;b&gt; &#x41;&#66; &copy &notit; &#128; &#0; &bogus;"),
            "a <b> AB © ¬it; € \u{fffd} &bogus;"
        );
        assert_eq!(decode_refs("esc &#27;]0;x&#7;"), "esc \u{1b}]0;x\u{7}");
    }

    #[test]
    fn charsets_from_meta_http_equiv_and_xml() {
        assert_eq!(declared_charset(b"<meta charset=\"windows-1251\">"), Some(encoding_rs::WINDOWS_1251));
        let equiv = b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Shift_JIS\">";
        assert_eq!(declared_charset(equiv), Some(encoding_rs::SHIFT_JIS));
        assert_eq!(
            declared_charset(b"<?xml version='1.0' encoding='ISO-8859-2'?><html>"),
            Some(encoding_rs::ISO_8859_2)
        );
        assert_eq!(declared_charset(b"<p>charset=koi8-r</p>"), None);
    }
}
