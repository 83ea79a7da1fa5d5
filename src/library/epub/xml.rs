//! XML read forgivingly as a flat list of events, enough for OPF, NCX and nav documents.

use std::borrow::Cow;

use crate::library::html::scan;

/// XML read as a flat list of events, forgivingly (for OPF, NCX and nav documents).
pub(super) enum Xml<'a> {
    /// A start tag, and whether it closes itself (`<x/>`).
    Start(scan::Tag, bool),
    End(String),
    Text(Cow<'a, str>),
}

pub(super) fn xml_events(xml: &str) -> impl Iterator<Item = Xml<'_>> {
    let mut at = 0;
    let mut pending: Option<Xml<'_>> = None;
    std::iter::from_fn(move || {
        if let Some(p) = pending.take() {
            return Some(p);
        }
        while at < xml.len() {
            let rest = &xml[at..];
            let Some(lt) = rest.find('<') else {
                at = xml.len();
                return Some(Xml::Text(scan::decode_refs(rest)));
            };
            let text = &rest[..lt];
            let tag_at = at + lt;
            let tag = &xml[tag_at..];
            let (event, used) = if let Some(body) = tag.strip_prefix("<!--") {
                (None, body.find("-->").map_or(tag.len(), |i| 4 + i + 3))
            } else if let Some(body) = tag.strip_prefix("<![CDATA[") {
                let end = body.find("]]>").unwrap_or(body.len());
                (Some(Xml::Text(Cow::Borrowed(&body[..end]))), 9 + end + 3)
            } else if tag.starts_with("<?") || tag.starts_with("<!") {
                (None, tag.find('>').map_or(tag.len(), |i| i + 1))
            } else if let Some(body) = tag.strip_prefix("</") {
                let end = body.find('>').unwrap_or(body.len());
                (Some(Xml::End(body[..end].trim().to_ascii_lowercase())), 2 + end + 1)
            } else if let Some((t, used)) = scan::start_tag(tag) {
                let closed = tag[..used].trim_end_matches('>').ends_with('/');
                (Some(Xml::Start(t, closed)), used)
            } else {
                (Some(Xml::Text(Cow::Borrowed("<"))), 1)
            };
            at = (tag_at + used).min(xml.len());
            if !text.is_empty() {
                pending = event;
                return Some(Xml::Text(scan::decode_refs(text)));
            }
            if event.is_some() {
                return event;
            }
        }
        None
    })
}

/// A tag name without its namespace prefix (`dc:title` → `title`), lowercase.
pub(super) fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}
