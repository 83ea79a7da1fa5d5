//! Pages nested deeper than browsers keep are flattened before parsing, as browsers do.
//!
//! An HTML parser checks "is there an open element in scope" by walking its stack of open
//! elements, so a page nesting 100,000 `<div>`s costs it quadratic time, and extraction code
//! that recurses over the tree could overflow the stack. `Blink` and `WebKit` stop nesting at 512
//! levels; this drops the start and end tags below that depth (their text stays, in order) with
//! a linear scan of the tags, before the parser sees them.

use std::borrow::Cow;

/// The deepest nesting kept: the limit of `Blink` and `WebKit`.
pub const MAX_DEPTH: usize = 512;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "keygen", "basefont", "bgsound", "frame", "image",
];
/// Elements whose end tag may be left out: not counted, so unclosed paragraphs do not look deep.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt", "rp", "rtc",
    "colgroup", "caption", "html", "head", "body",
];
const RAW: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

/// `html` with the tags that nest deeper than `max` taken out; borrowed when none do.
pub fn flatten(html: &str, max: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut stack: Vec<(&str, bool)> = Vec::new();
    let mut cut: Vec<std::ops::Range<usize>> = Vec::new();
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &b[at..]).map(|i| at + i) {
        at = lt + 1;
        let rest = &html[lt..];
        if rest.starts_with("<!--") {
            at = memchr::memmem::find(&b[lt..], b"-->").map_or(b.len(), |i| lt + i + 3);
            continue;
        }
        let end_tag = rest.starts_with("</");
        let name_at = lt + if end_tag { 2 } else { 1 };
        let name_len =
            b[name_at..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':').count();
        if name_len == 0 || !b[name_at].is_ascii_alphabetic() {
            continue;
        }
        let name = &html[name_at..name_at + name_len];
        let close = memchr::memchr(b'>', &b[name_at..]).map_or(b.len(), |i| name_at + i + 1);
        at = close;
        let lower = name.to_ascii_lowercase();
        if end_tag {
            // The nearest open element of that name (looking a little way down only: an end tag
            // that matches nothing near the top is ignored, as stray end tags are).
            if let Some(k) = stack.iter().rev().take(64).position(|(n, _)| n.eq_ignore_ascii_case(name)) {
                let index = stack.len() - 1 - k;
                let kept = stack[index].1;
                stack.truncate(index);
                if !kept {
                    cut.push(lt..close);
                }
            }
            continue;
        }
        if RAW.contains(&lower.as_str()) {
            let needle = format!("</{lower}");
            at = super::scan::find_ci(&html[close..], &needle).map_or(b.len(), |i| close + i);
            continue;
        }
        let self_closing = close >= 2 && b[close - 2] == b'/';
        if VOID.contains(&lower.as_str()) || OPTIONAL_END.contains(&lower.as_str()) || self_closing {
            continue;
        }
        let kept = stack.len() < max;
        if !kept {
            cut.push(lt..close);
        }
        stack.push((name, kept));
    }
    if cut.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for r in cut {
        out.push_str(&html[from..r.start]);
        from = r.end;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<div><p>one<p>two<div><span>x</span></div></div><script>if (a<b) {}</script>";
        assert!(matches!(flatten(page, 3), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_below_the_limit_go_and_text_stays() {
        let page = format!("{}deep{}<p>after</p>", "<div>".repeat(6), "</div>".repeat(6));
        let flat = flatten(&page, 3);
        assert_eq!(flat, "<div><div><div>deep</div></div></div><p>after</p>");
    }
}
