//! An EPUB's OPF package file (metadata, spine, where the table of contents is) and its table of contents (EPUB 3 nav or EPUB 2 NCX).

use super::archive::Book;
use super::xml::{Xml, local, xml_events};
use crate::library::html::scan;
use crate::library::meta::Meta;

/// What the OPF package file says: metadata, the spine's documents, where the TOC is.
#[derive(Debug, Default)]
pub(super) struct Package {
    pub(super) meta: Meta,
    /// Archive paths of the spine's documents, in reading order.
    pub(super) spine: Vec<String>,
    /// The EPUB 3 navigation document, else the EPUB 2 NCX.
    nav: Option<String>,
    ncx: Option<String>,
}

impl Package {
    pub(super) fn read(opf: &str, dir: &str) -> Self {
        let mut manifest: Vec<(String, String, String, String)> = Vec::new();
        let mut itemrefs = Vec::new();
        let mut toc_id = None;
        let mut meta = Meta::default();
        let mut authors: Vec<String> = Vec::new();
        let mut field: Option<String> = None;
        let mut text = String::new();
        for event in xml_events(opf) {
            match event {
                Xml::Start(tag, closed) => {
                    let name = local(&tag.name).to_string();
                    match name.as_str() {
                        "item" => manifest.push((
                            tag.attr("id").unwrap_or_default().to_string(),
                            tag.attr("href").unwrap_or_default().to_string(),
                            tag.attr("media-type").unwrap_or_default().to_string(),
                            tag.attr("properties").unwrap_or_default().to_string(),
                        )),
                        "itemref" if tag.attr("linear") != Some("no") => {
                            itemrefs.push(tag.attr("idref").unwrap_or_default().to_string());
                        }
                        "spine" => toc_id = tag.attr("toc").map(str::to_string),
                        "title" | "creator" | "date" | "publisher" | "subject" | "source" if !closed => {
                            field = Some(name);
                            text.clear();
                        }
                        _ => {}
                    }
                }
                Xml::Text(t) if field.is_some() => text.push_str(&t),
                Xml::End(name) => {
                    if field.as_deref() == Some(local(&name)) {
                        let value = scan::clean_text(&text);
                        if !value.is_empty() {
                            match local(&name) {
                                "title" if meta.title.is_empty() => meta.title = value,
                                "creator" => authors.push(value),
                                "date" if meta.date.is_none() => meta.date = Some(value.chars().take(10).collect()),
                                "publisher" if meta.source.is_none() => meta.source = Some(value),
                                "subject" if meta.tags.len() < 12 => meta.tags.push(value),
                                "source" if meta.url.is_none() && value.starts_with("http") => meta.url = Some(value),
                                _ => {}
                            }
                        }
                        field = None;
                    }
                }
                Xml::Text(_) => {}
            }
        }
        authors.truncate(5);
        meta.author = (!authors.is_empty()).then(|| authors.join(", "));
        let path_of = |href: &str| join(dir, href);
        let spine = itemrefs
            .iter()
            .filter_map(|id| manifest.iter().find(|m| &m.0 == id))
            .filter(|m| m.2.contains("html") || m.2.is_empty())
            .map(|m| path_of(&m.1))
            .collect();
        let nav = manifest.iter().find(|m| m.3.split_whitespace().any(|p| p == "nav")).map(|m| path_of(&m.1));
        let ncx = manifest
            .iter()
            .find(|m| toc_id.as_deref() == Some(m.0.as_str()) || m.2 == "application/x-dtbncx+xml")
            .map(|m| path_of(&m.1));
        Self { meta, spine, nav, ncx }
    }

    /// The table of contents: (document path, label, heading level), in order.
    pub(super) fn toc(&self, book: &mut Book<'_>) -> Vec<(String, String, u8)> {
        if let Some(nav) = &self.nav
            && let Ok(bytes) = book.entry(nav)
        {
            let toc = nav_toc(&String::from_utf8_lossy(&bytes), dir_of(nav));
            if !toc.is_empty() {
                return toc;
            }
        }
        self.ncx
            .as_ref()
            .and_then(|ncx| Some(ncx_toc(&String::from_utf8_lossy(&book.entry(ncx).ok()?), dir_of(ncx))))
            .unwrap_or_default()
    }
}

/// An EPUB 3 `<nav epub:type="toc">`: its links, nested lists giving the levels.
fn nav_toc(xhtml: &str, dir: &str) -> Vec<(String, String, u8)> {
    let mut toc = Vec::new();
    let (mut in_toc, mut nav_depth, mut lists) = (false, 0usize, 0u8);
    let mut link: Option<(String, String)> = None;
    for event in xml_events(xhtml) {
        match event {
            Xml::Start(tag, closed) => match local(&tag.name) {
                "nav" => {
                    nav_depth += 1;
                    in_toc |=
                        tag.attrs.iter().any(|(n, v)| n.ends_with("type") && v.split_whitespace().any(|t| t == "toc"));
                }
                "ol" | "ul" if in_toc => lists += 1,
                "a" if in_toc && !closed => link = tag.attr("href").map(|h| (h.to_string(), String::new())),
                _ => {}
            },
            Xml::Text(t) => {
                if let Some((_, label)) = link.as_mut() {
                    label.push_str(&t);
                }
            }
            Xml::End(name) => match local(&name) {
                "nav" => {
                    nav_depth = nav_depth.saturating_sub(1);
                    if nav_depth == 0 && in_toc {
                        break;
                    }
                }
                "ol" | "ul" if in_toc => lists = lists.saturating_sub(1),
                "a" => {
                    if let Some((href, label)) = link.take() {
                        push_entry(&mut toc, dir, &href, &label, lists);
                    }
                }
                _ => {}
            },
        }
    }
    toc
}

/// An EPUB 2 NCX: `navPoint`s with their label and content, nesting giving the levels.
fn ncx_toc(ncx: &str, dir: &str) -> Vec<(String, String, u8)> {
    let mut toc = Vec::new();
    let mut depth = 0u8;
    let mut label = String::new();
    let mut in_text = false;
    for event in xml_events(ncx) {
        match event {
            Xml::Start(tag, closed) => match local(&tag.name) {
                "navpoint" => {
                    depth = depth.saturating_add(1);
                    label.clear();
                }
                "text" if !closed => in_text = true,
                "content" => {
                    if let Some(src) = tag.attr("src") {
                        push_entry(&mut toc, dir, src, &label, depth);
                    }
                }
                _ => {}
            },
            Xml::Text(t) if in_text => label.push_str(&t),
            Xml::End(name) => match local(&name) {
                "navpoint" => depth = depth.saturating_sub(1),
                "text" => in_text = false,
                _ => {}
            },
            Xml::Text(_) => {}
        }
    }
    toc
}

fn push_entry(toc: &mut Vec<(String, String, u8)>, dir: &str, href: &str, label: &str, depth: u8) {
    let label = scan::clean_text(label);
    let file = href.split('#').next().unwrap_or_default();
    if label.is_empty() || file.is_empty() {
        return;
    }
    toc.push((join(dir, file), label, depth.clamp(1, 6)));
}

pub(super) fn dir_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// `href` (relative, percent-encoded) resolved against the folder `dir` inside the archive.
pub(super) fn join(dir: &str, href: &str) -> String {
    let href = percent_decode(href);
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
