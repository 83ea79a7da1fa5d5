//! A page's metadata from its JSON-LD, `<meta>` tags (`OpenGraph`, Dublin Core, `article:*`) and `<title>`, in Readability's order of trust.

use serde_json::Value;

use super::scan::{Head, clean_text};
use crate::library::Meta;

/// JSON-LD types that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "WebPage",
    "Blog",
    "Book",
    "Chapter",
];

/// Tags kept at most: keyword lists on the web can be long SEO lists.
const MAX_TAGS: usize = 12;

/// The metadata `head` gives: JSON-LD first, then meta tags, then `<title>` (cleaned of the
/// site's name with the help of the first `<h1>`).
pub fn of(head: &Head) -> Meta {
    let ld = json_ld(head);
    let get = |key: &str| ld.as_ref().and_then(|v| text_of(v.get(key)?));
    let site = get_site(head, ld.as_ref());
    let raw_title = get("headline")
        .or_else(|| get("name").filter(|_| ld.as_ref().is_some_and(is_article)))
        .or_else(|| {
            head.meta(&[
                "dc.title",
                "dcterm:title",
                "dcterms.title",
                "og:title",
                "twitter:title",
                "parsely-title",
                "sailthru.title",
            ])
            .map(String::from)
        })
        .map(|t| clean_title(&super::scan::decode_refs(&t), site.as_deref(), head.h1.as_deref()))
        .or_else(|| head.title.as_deref().map(|t| title_tag(t, site.as_deref(), head.h1.as_deref())))
        .unwrap_or_default();
    let title = raw_title;
    let author = ld.as_ref().and_then(|v| names(v.get("author")?)).or_else(|| {
        head.meta(&[
            "author",
            "dc.creator",
            "dcterm:creator",
            "dcterms.creator",
            "parsely-author",
            "sailthru.author",
            "article:author",
            "twitter:creator",
        ])
        .filter(|a| !a.starts_with("http"))
        .map(String::from)
    });
    let date = get("datePublished")
        .or_else(|| {
            head.meta(&[
                "article:published_time",
                "dc.date",
                "dcterms.date",
                "dcterms.created",
                "dc.date.issued",
                "date",
                "pubdate",
                "publishdate",
                "parsely-pub-date",
                "sailthru.date",
                "og:published_time",
                "datepublished",
            ])
            .map(String::from)
        })
        .or_else(|| get("dateCreated"))
        .map(|d| short_date(&d));
    let url = head
        .canonical
        .clone()
        .or_else(|| head.meta(&["og:url"]).map(String::from))
        .or_else(|| get("url"))
        .filter(|u| u.starts_with("http"));
    let mut tags: Vec<String> = head.metas_named("article:tag").map(String::from).collect();
    if tags.is_empty() {
        tags = ld.as_ref().and_then(|v| v.get("keywords")).map(keyword_list).unwrap_or_default();
    }
    if tags.is_empty()
        && let Some(k) = head.meta(&["news_keywords", "keywords", "dc.subject"])
    {
        tags = keyword_list(&Value::String(k.to_string()));
    }
    tags.truncate(MAX_TAGS);
    Meta { title, author: author.map(|a| clean_text(&a)), date, source: site, url, tags, ..Meta::default() }
}

/// The site's name: `OpenGraph`, then the JSON-LD publisher, then the application name.
fn get_site(head: &Head, ld: Option<&Value>) -> Option<String> {
    head.meta(&["og:site_name"])
        .map(String::from)
        .or_else(|| ld.and_then(|v| v.get("publisher")).and_then(|p| text_of(p.get("name").unwrap_or(p))))
        .or_else(|| head.meta(&["application-name", "dc.publisher", "dcterms.publisher"]).map(String::from))
        .map(|s| clean_text(&s))
}

/// The page's article object from its JSON-LD, if any: the first of an article type, else the
/// first with a headline.
fn json_ld(head: &Head) -> Option<Value> {
    let mut objects = Vec::new();
    for script in &head.json_ld {
        let Ok(value) = serde_json::from_str::<Value>(script.trim().trim_start_matches("<!--").trim_end_matches("-->"))
        else {
            continue;
        };
        collect(value, &mut objects, 0);
    }
    let pick =
        objects.iter().position(is_article).or_else(|| objects.iter().position(|o| o.get("headline").is_some()))?;
    Some(objects.swap_remove(pick))
}

fn collect(value: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 3 || out.len() > 64 {
        return;
    }
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| collect(v, out, depth + 1)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                collect(graph, out, depth + 1);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

fn is_article(v: &Value) -> bool {
    let is = |t: &Value| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t) && t != "WebPage");
    match v.get("@type") {
        Some(Value::Array(types)) => types.iter().any(is),
        Some(t) => is(t),
        None => false,
    }
}

/// A string, or the `name` of an object, or the first of a list.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(super::scan::decode_refs(s.trim()).into_owned()),
        Value::Object(o) => o.get("name").and_then(text_of),
        Value::Array(a) => a.iter().find_map(text_of),
        _ => None,
    }
}

/// Authors' names joined: one, or a list of people.
fn names(v: &Value) -> Option<String> {
    let list: Vec<String> = match v {
        Value::Array(a) => a.iter().filter_map(text_of).collect(),
        other => text_of(other).into_iter().collect(),
    };
    let list: Vec<String> = list.into_iter().filter(|n| !n.starts_with("http")).take(5).collect();
    (!list.is_empty()).then(|| list.join(", "))
}

fn keyword_list(v: &Value) -> Vec<String> {
    let items: Vec<String> = match v {
        Value::Array(a) => a.iter().filter_map(text_of).collect(),
        Value::String(s) => s.split(',').map(|k| k.trim().to_string()).collect(),
        _ => Vec::new(),
    };
    items.into_iter().filter(|k| !k.is_empty() && k.len() < 60).map(|k| clean_text(&k)).collect()
}

/// An ISO date-time shortened to its date (`2025-03-14T07:30:00Z` → `2025-03-14`); anything
/// else kept as written.
fn short_date(d: &str) -> String {
    let d = d.trim();
    match crate::library::meta::iso_date_prefix(d) {
        Some((_, _, day)) if day > 0 && d.len() > 10 => d[..10].to_string(),
        _ => d.to_string(),
    }
}

/// A `<title>` (used when the page names no title in its metadata) cleaned as reader modes
/// do: the site's name and byline off, then, when a separator is left, the last part off as
/// long as at least three words remain (`Headline - My website`).
fn title_tag(raw: &str, site: Option<&str>, h1: Option<&str>) -> String {
    let cleaned = clean_title(raw, site, h1);
    if h1.is_some_and(|h| h.split_whitespace().collect::<Vec<_>>().join(" ") == cleaned) {
        return cleaned;
    }
    let last = SEPARATORS.iter().filter_map(|sep| cleaned.rfind(sep).map(|at| (at, sep.len()))).max();
    match last {
        Some((at, _)) if cleaned[..at].split_whitespace().count() >= 3 => cleaned[..at].trim().to_string(),
        Some((at, len)) => {
            let first = SEPARATORS.iter().filter_map(|sep| cleaned.find(sep).map(|i| (i, sep.len()))).min();
            let after = first.map_or(&cleaned[at + len..], |(i, l)| &cleaned[i + l..]);
            if after.split_whitespace().count() >= 3 { after.trim().to_string() } else { cleaned }
        }
        None => cleaned,
    }
}

/// Separators sites put between a headline and their own name.
const SEPARATORS: &[&str] = &[" | ", " – ", " — ", " - ", " · ", " :: ", " » ", " / ", " ~ "];

/// A page title without the site's name, the section or the byline that pages add to it:
/// the `<h1>` when the title contains it, else the parts that are not the site's name.
pub fn clean_title(raw: &str, site: Option<&str>, h1: Option<&str>) -> String {
    let raw = clean_text(raw);
    let is_site = |part: &str| {
        let p = part.trim().to_lowercase();
        site.is_some_and(|s| {
            let s = s.to_lowercase();
            p == s
                || p.replace(' ', "") == s.replace(' ', "")
                || p.starts_with(&format!("{s} ")) && p.len() < s.len() + 12
        }) || p.starts_with("by ")
            || (p.contains('.') && !p.contains(' '))
    };
    let h1 = h1.map(clean_text).filter(|h| h.split_whitespace().count() >= 2 && !is_site(h));
    if raw.is_empty() {
        return h1.unwrap_or_default();
    }
    let mut parts = vec![raw.as_str()];
    for sep in SEPARATORS {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    let same = |a: &str, b: &str| {
        a.trim().eq_ignore_ascii_case(b.trim()) || a.trim().to_lowercase() == b.trim().to_lowercase()
    };
    // The page's own headline, when the title holds it whole between separators.
    if let Some(h) = h1.as_deref()
        && (same(&raw, h) || parts.iter().any(|p| same(p, h)))
    {
        return h.to_string();
    }
    if parts.len() > 1 {
        let kept: Vec<&str> = parts.iter().copied().filter(|p| !is_site(p) && !p.trim().is_empty()).collect();
        if kept.len() == 1 {
            return kept[0].trim().to_string();
        }
        if let Some(first) = kept.first()
            && kept.len() < parts.len()
            && first.split_whitespace().count() >= 3
        {
            return first.trim().to_string();
        }
        let bar = [" | ", " · ", " :: ", " » "].iter().any(|sep| raw.contains(sep));
        if kept.len() == parts.len()
            && bar
            && let Some(first) = kept.first().filter(|f| f.split_whitespace().count() >= 4)
        {
            // "Headline | Section": the headline comes first on most sites. (A dash may as well
            // start a subtitle: only the site's name is taken off there.)
            return first.trim().to_string();
        }
    }
    if let Some((before, after)) = raw.split_once(": ")
        && is_site(before)
        && !after.trim().is_empty()
    {
        return after.trim().to_string();
    }
    // A title that holds the headline and more ("Site: Headline" with an unknown site name).
    if let Some(h) = h1
        && raw.to_lowercase().contains(&h.to_lowercase())
        && h.len() * 2 >= raw.len()
    {
        return h;
    }
    raw
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::site_suffix("Harbour vote delayed | The Courier", Some("The Courier"), None, "Harbour vote delayed")]
    #[case::site_prefix("Meridian: Out on the ice", Some("Meridian"), None, "Out on the ice")]
    #[case::byline("Five iterator adapters - by Hana K", None, None, "Five iterator adapters")]
    #[case::subtitle(
        "How we designed the queue - an async task framework",
        None,
        None,
        "How we designed the queue - an async task framework"
    )]
    #[case::domain("Five iterator adapters · hana.example", None, None, "Five iterator adapters")]
    #[case::section(
        "Council passes the budget | Politics | The Ledger",
        Some("The Ledger"),
        None,
        "Council passes the budget"
    )]
    #[case::h1_inside(
        "Council passes budget with cuts - Gazette",
        None,
        Some("Council passes budget with cuts"),
        "Council passes budget with cuts"
    )]
    #[case::hyphen_in_headline("Well-known author speaks", None, None, "Well-known author speaks")]
    #[case::logo_h1(
        "Harbour vote delayed | The Kessock Courier",
        Some("The Kessock Courier"),
        Some("The Kessock Courier"),
        "Harbour vote delayed"
    )]
    #[case::unknown_site_prefix(
        "Gazette: Council passes budget with cuts",
        None,
        Some("Council passes budget with cuts"),
        "Council passes budget with cuts"
    )]
    fn titles_lose_the_site(
        #[case] raw: &str,
        #[case] site: Option<&str>,
        #[case] h1: Option<&str>,
        #[case] want: &str,
    ) {
        assert_eq!(clean_title(raw, site, h1), want);
    }

    #[test]
    fn a_title_tag_loses_its_last_part_as_reader_modes_do() {
        assert_eq!(title_tag("Lorem ipsum dolor sit amet – My website", None, None), "Lorem ipsum dolor sit amet");
        assert_eq!(title_tag("Short one - A longer part of the title", None, None), "A longer part of the title");
        assert_eq!(title_tag("Plain headline without parts", None, None), "Plain headline without parts");
    }

    #[test]
    fn json_ld_comes_first_then_meta_then_title() {
        let head = Head {
            title: Some("Page title | Site".into()),
            metas: vec![
                ("og:title".into(), "OG title".into()),
                ("og:site_name".into(), "Site".into()),
                ("article:published_time".into(), "2024-01-02T10:00:00Z".into()),
                ("article:tag".into(), "one".into()),
                ("author".into(), "Meta Author".into()),
            ],
            json_ld: vec![r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
                {"@type":"NewsArticle","headline":"LD headline","author":[{"@type":"Person","name":"A. One"},{"name":"B. Two"}],
                 "datePublished":"2024-01-03","keywords":"x, y"}]}"#
                .into()],
            ..Head::default()
        };
        let m = of(&head);
        assert_eq!(m.title, "LD headline");
        assert_eq!(m.author.as_deref(), Some("A. One, B. Two"));
        assert_eq!(m.date.as_deref(), Some("2024-01-03"));
        assert_eq!(m.source.as_deref(), Some("Site"));
        assert_eq!(m.tags, ["one"]);
        let bare = Head { json_ld: Vec::new(), ..head };
        let m = of(&bare);
        assert_eq!((m.title.as_str(), m.date.as_deref()), ("OG title", Some("2024-01-02")));
    }
}
