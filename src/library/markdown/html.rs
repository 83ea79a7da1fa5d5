//! The text of raw HTML in Markdown: tags dropped, character references decoded, block tags as paragraph breaks.

/// The paragraphs of an HTML block's text: what a browser would show as text, with white space
/// collapsed, `<p>`, `<div>`, `<br>`, list items and other block tags as breaks, comments,
/// scripts and styles dropped, and an image as `[image: alt]`.
pub fn paragraphs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    let mut skipping: Option<&str> = None;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skipping.is_none() {
                current.push_str(&decode(rest));
            }
            break;
        };
        if skipping.is_none() {
            current.push_str(&decode(&rest[..lt]));
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(gt) = tag_end(rest) else {
            // A lone `<` is text.
            if skipping.is_none() {
                current.push('<');
            }
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name = tag_name(tag);
        if let Some(open) = skipping {
            if closing && name.eq_ignore_ascii_case(open) {
                skipping = None;
            }
            continue;
        }
        if !closing && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style")) {
            skipping = Some(if name.eq_ignore_ascii_case("script") { "script" } else { "style" });
            continue;
        }
        if name.eq_ignore_ascii_case("img") {
            if let Some(alt) = attribute(tag, "alt").filter(|a| !a.trim().is_empty()) {
                current.push_str(" [image: ");
                current.push_str(&decode(&alt));
                current.push_str("] ");
            }
        } else if is_block(name) {
            flush(&mut current, &mut out);
        } else {
            // Inline tags (span, b, a…) end nothing: their text runs on.
        }
    }
    flush(&mut current, &mut out);
    out
}

/// Whether an inline HTML tag breaks the line (`<br>`, `<br/>`, `<br />`).
pub fn is_line_break(tag: &str) -> bool {
    let tag = tag.trim();
    tag.strip_prefix('<').is_some_and(|t| tag_name(t).eq_ignore_ascii_case("br"))
}

/// The text an inline HTML tag stands for: an image's alternative text, else nothing.
pub fn inline_text(tag: &str) -> Option<String> {
    let inner = tag.trim().strip_prefix('<')?.strip_suffix('>')?;
    if !tag_name(inner).eq_ignore_ascii_case("img") {
        return None;
    }
    attribute(inner, "alt").filter(|a| !a.trim().is_empty()).map(|alt| format!("[image: {}]", decode(&alt)))
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !text.is_empty() {
        out.push(text);
    }
    current.clear();
}

/// Where the tag that starts `s` (at its `<`) ends: its `>`, outside quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let next = s.as_bytes().get(1)?;
    if !(next.is_ascii_alphabetic() || *next == b'/' || *next == b'!' || *next == b'?') {
        return None;
    }
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

fn tag_name(tag: &str) -> &str {
    let tag = tag.trim_start_matches('/');
    let end = tag.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(tag.len());
    &tag[..end]
}

fn is_block(name: &str) -> bool {
    const BLOCKS: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ];
    BLOCKS.iter().any(|b| b.eq_ignore_ascii_case(name))
}

/// The value of attribute `name` in a tag's inside (`img src="a" alt="b"`).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name).map(|i| from + i) {
        from = at + name.len();
        let before_ok = lower[..at].ends_with(|c: char| c.is_ascii_whitespace());
        let rest = tag[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value = rest[1..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_string(),
            _ => value.split(|c: char| c.is_ascii_whitespace() || c == '>').next().unwrap_or("").to_string(),
        });
    }
    None
}

/// Text with HTML character references decoded: numeric ones and the common named ones.
/// References to control characters decode to them; the reading pane shows those harmlessly.
pub fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| reference(&rest[1..e]));
        if let (Some(e), Some(c)) = (end, decoded) {
            out.push(c);
            rest = &rest[e + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn reference(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(value).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "hellip" => '\u{2026}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "laquo" => '\u{ab}',
        "raquo" => '\u{bb}',
        "copy" => '\u{a9}',
        "reg" => '\u{ae}',
        "trade" => '\u{2122}',
        "euro" => '\u{20ac}',
        "pound" => '\u{a3}',
        "yen" => '\u{a5}',
        "deg" => '\u{b0}',
        "middot" => '\u{b7}',
        "times" => '\u{d7}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::div("<div class=\"note\">\nKeep <b>this</b> text.\n</div>\n", &["Keep this text."])]
    #[case::paragraphs("<p>One</p><p>Two &amp; three</p>", &["One", "Two & three"])]
    #[case::line_break("a<br>b<br/>c", &["a", "b", "c"])]
    #[case::comment_script_style("<!-- hidden -->x<script>alert(1)</script>y<style>p{}</style>z", &["xyz"])]
    #[case::image("<figure><img src=\"a.png\" alt=\"A crane at dusk\"><figcaption>The port</figcaption></figure>", &["[image: A crane at dusk]", "The port"])]
    #[case::quoted_gt("<a title=\"a > b\" href=x>link</a> text", &["link text"])]
    #[case::lone_lt("3 < 4 and <not a tag", &["3 < 4 and <not a tag"])]
    #[case::details("<details><summary>More</summary>Hidden detail</details>", &["More", "Hidden detail"])]
    fn html_keeps_its_text(#[case] html: &str, #[case] expected: &[&str]) {
        assert_eq!(paragraphs(html), expected);
    }

    #[rstest]
    #[case::named("&mdash; &copy; &unknown; & x", "\u{2014} \u{a9} &unknown; & x")]
    #[case::numeric("&#65;&#x42;&#0;", "AB&#0;")]
    fn references_decode(#[case] input: &str, #[case] expected: &str) {
        assert_eq!(decode(input), expected);
    }

    #[test]
    fn inline_tags() {
        assert!(is_line_break("<br>") && is_line_break("<BR />") && !is_line_break("<b>"));
        assert_eq!(inline_text("<img alt='Map' src=m.png>").as_deref(), Some("[image: Map]"));
        assert_eq!(inline_text("<span>"), None);
    }
}
