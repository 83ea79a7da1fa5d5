//! Bare web addresses in running text (`https://…`, `www.…`) as byte ranges, ended the way GitHub's autolinks end them.

use std::ops::Range;

/// Every web address in `text`: `http://`, `https://` or `ftp://` and what follows, or `www.`
/// and a name, starting at a word's start and running to white space or `<`, `>`, `"`, `` ` ``;
/// trailing punctuation (`.,:;!?*_~'`) and a closing bracket without its opening one are left
/// out, so "see `https://example.org/a`." links the address without the full stop.
pub fn find(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut starts: Vec<usize> = memchr::memmem::find_iter(bytes, b"://")
        .filter_map(|at| {
            ["https", "http", "ftp"]
                .iter()
                .find(|scheme| text[..at].ends_with(*scheme) && text[..at].len() >= scheme.len())
                .map(|scheme| at - scheme.len())
        })
        .chain(memchr::memmem::find_iter(bytes, b"www."))
        .filter(|&start| {
            !text[..start].ends_with(|c: char| c.is_alphanumeric() || matches!(c, '/' | '.' | '@' | '-' | '_'))
        })
        .collect();
    starts.sort_unstable();
    let mut out: Vec<Range<usize>> = Vec::new();
    for start in starts {
        if out.last().is_some_and(|r| start < r.end) {
            continue;
        }
        let end = address_end(text, start);
        let body = &text[start..end];
        let after = body.find("://").map_or(4, |i| i + 3);
        if body.len() > after && body[after..].starts_with(|c: char| c.is_alphanumeric()) {
            out.push(start..end);
        }
    }
    out
}

/// Whether `text` may hold a web address: a vectorised scan for `://` and `www.`, since most
/// text holds none.
pub fn may_hold(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"://").is_some() || memchr::memmem::find(text.as_bytes(), b"www.").is_some()
}

fn address_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let mut end = rest
        .find(|c: char| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | '`' | '\u{3002}' | '\u{3001}' | '\u{ff0c}')
        })
        .unwrap_or(rest.len());
    loop {
        let body = &rest[..end];
        let Some(last) = body.chars().next_back() else { break };
        let unbalanced =
            |open: char, close: char| last == close && body.matches(close).count() > body.matches(open).count();
        if matches!(last, '.' | ',' | ':' | ';' | '!' | '?' | '*' | '_' | '~' | '\'')
            || unbalanced('(', ')')
            || unbalanced('[', ']')
        {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    start + end
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn found(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|r| &text[r]).collect()
    }

    #[rstest]
    #[case::sentence_end("See https://example.org/report.", &["https://example.org/report"])]
    #[case::angle_brackets("at <https://example.org/x> now", &["https://example.org/x"])]
    #[case::www("visit www.example.org, then", &["www.example.org"])]
    #[case::parenthesised("(see https://example.org/a_(b))", &["https://example.org/a_(b)"])]
    #[case::query("https://x.org/?a=1&b=2!", &["https://x.org/?a=1&b=2"])]
    #[case::quoted("\"https://x.org/q\"", &["https://x.org/q"])]
    #[case::inside_a_word_is_not("xhttps://x.org and foo.www.bar", &[])]
    #[case::bare_scheme("http:// alone", &[])]
    #[case::two("a http://a.org b https://b.org/c", &["http://a.org", "https://b.org/c"])]
    #[case::unicode_path("https://ja.example.org/東京。次", &["https://ja.example.org/東京"])]
    fn addresses(#[case] text: &str, #[case] expected: &[&str]) {
        assert_eq!(found(text), expected);
    }
}
