//! `newsdesk show FILE`: one article as newsdesk reads it, as plain text or JSON, for people and scripts.

use std::io::Write;
use std::path::Path;

use crate::library::article::{self, Article};
use crate::library::{Format, read};
use crate::text::doc::{BlockKind, Document, InlineStyle};
use crate::text::sanitize::printable;
use crate::text::wrap::{CONTINUATION, Header, Layout, LineKind, VisualLine, block_indents, continues};

/// `newsdesk show`: the title, the metadata line and the body (wrapped to `width` cells, or a
/// paragraph a line), or with `json` one object with the metadata and the body's text. `-`
/// reads standard input, its format sniffed.
pub fn show(path: &Path, json: bool, width: Option<usize>, out: &mut impl Write) -> anyhow::Result<()> {
    let article = load(path)?;
    if json {
        let m = &article.meta;
        let encoding = m.encoding.as_deref().map_or("UTF-8", |e| e.trim_end_matches(" (detected)"));
        let value = serde_json::json!({
            "title": m.title,
            "author": m.author,
            "date": m.date,
            "source": m.source,
            "url": m.url,
            "tags": m.tags,
            "format": format_of(path, &article).name(),
            "encoding": encoding,
            "text": plain_text(&article.doc, false),
            "warnings": article.warnings,
        });
        super::json::write(&mut *out, &value, true)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{}", printable(&article.meta.title))?;
    let meta = crate::ui::reader::meta_line(&article);
    if !meta.is_empty() {
        writeln!(out, "{}", printable(&meta))?;
    }
    for w in &article.warnings {
        writeln!(out, "⚠ {}", printable(w))?;
    }
    let body = match width {
        Some(w) => wrapped_text(&article.doc, w),
        None => plain_text(&article.doc, true),
    };
    if !body.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", printable(&body))?;
    }
    Ok(())
}

fn load(path: &Path) -> anyhow::Result<Article> {
    if path == Path::new("-") {
        let bytes = read::limited(std::io::stdin().lock(), read::MAX_ARTICLE_BYTES)
            .map_err(|e| anyhow::anyhow!("standard input: {e}"))?;
        return Ok(article::from_unnamed(None, &bytes));
    }
    // Refuse what cannot be read (missing, a folder, a FIFO) with the system's words.
    read::open_regular(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let format = if let Some(f) = Format::of(path) {
        f
    } else {
        let (head, _) = read::head(path, 8192).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        Format::sniff(&head).unwrap_or(Format::Text)
    };
    Ok(article::load_guarded(path, format))
}

/// The format to report: by name, else what the content looked like.
fn format_of(path: &Path, article: &Article) -> Format {
    Format::of(path).unwrap_or_else(|| {
        if article.doc.blocks.iter().any(|b| matches!(b.kind, BlockKind::Heading(_))) {
            Format::Markdown
        } else {
            Format::Text
        }
    })
}

/// The body (title left out) as plain text: a block a line, reflowed blocks on one line, a
/// blank line where the reader leaves one; list markers and `> ` for quotes kept. Without
/// `urls`, the words only, for scripts: the URLs shown after link texts and the `[image: …]`
/// markers of pictures are left out (captions stay).
pub fn plain_text(doc: &Document, urls: bool) -> String {
    let mut out = String::with_capacity(doc.text.len());
    for block in doc.blocks.iter().filter(|b| b.kind != BlockKind::Title) {
        let words_only = !urls && block.kind.reflows();
        if words_only && without_images(&doc.text[block.range.clone()]).trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if block.gap_before { "\n\n" } else { "\n" });
        }
        let prefix = "> ".repeat(usize::from(block.quote)) + &" ".repeat(usize::from(block.indent));
        out.push_str(&prefix);
        if let Some(marker) = &block.marker {
            out.push_str(marker);
        }
        let mut text = String::new();
        let mut at = block.range.start;
        for inline in doc.inlines.iter().filter(|i| {
            !urls
                && i.style == InlineStyle::LinkUrl
                && i.range.start >= block.range.start
                && i.range.end <= block.range.end
        }) {
            text.push_str(doc.text[at..inline.range.start].trim_end_matches(' '));
            at = inline.range.end;
        }
        text.push_str(&doc.text[at..block.range.end]);
        match block.kind {
            BlockKind::Rule => out.push_str("* * *"),
            kind if kind.reflows() => {
                let text = if words_only { without_images(&text) } else { std::borrow::Cow::Borrowed(text.as_str()) };
                out.push_str(&text.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            _ => {
                let pad = format!("\n{prefix}");
                out.push_str(&text.replace('\n', &pad));
            }
        }
    }
    out
}

/// `text` without the `[image: …]` markers that stand for pictures.
fn without_images(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("[image: ") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("[image: ") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find(']').map_or("", |j| &rest[i + j + 1..]);
        out.push(' ');
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// One line of a table row: each column's piece of cell text padded to its width, between `│`.
fn table_row(doc: &Document, layout: &Layout, line: &VisualLine) -> String {
    let Some((table, cells)) = layout.table_row(line) else { return String::new() };
    let pieces = cells.iter().zip(&table.widths).map(|(piece, &width)| {
        let text = doc.text[piece.clone()].trim_end_matches('\n');
        let pad = width.saturating_sub(crate::text::sanitize::str_width(text));
        format!("{text}{}", " ".repeat(pad))
    });
    pieces.collect::<Vec<_>>().join(" │ ").trim_end().to_string()
}

/// The body wrapped to `width` cells as the reading pane lays it out.
fn wrapped_text(doc: &Document, width: usize) -> String {
    let layout = Layout::new(doc, width.max(10), Header::default());
    let mut lines: Vec<String> = Vec::new();
    for line in &layout.lines {
        match line.kind {
            LineKind::Text { block, first } => {
                let b = &doc.blocks[block];
                if b.kind == BlockKind::Title {
                    continue;
                }
                let (first_indent, rest_indent) = block_indents(b);
                let quote = "> ".repeat(usize::from(b.quote));
                let mut s = quote.clone();
                if first {
                    s.push_str(&" ".repeat(usize::from(b.indent)));
                    s.push_str(b.marker.as_deref().unwrap_or(""));
                    s.push_str(&" ".repeat(first_indent.saturating_sub(crate::text::sanitize::str_width(&s))));
                } else {
                    s.push_str(&" ".repeat(rest_indent.saturating_sub(quote.len())));
                }
                let text = &doc.text[line.range.clone()];
                if continues(doc, b, &line.range) {
                    s.push_str(CONTINUATION);
                }
                if b.kind.reflows() {
                    s.push_str(&text.split_whitespace().collect::<Vec<_>>().join(" "));
                } else {
                    s.push_str(text);
                }
                lines.push(s.trim_end().to_string());
            }
            LineKind::Rule { .. } => lines.push("─".repeat(width.clamp(3, 80))),
            LineKind::TableRow { .. } => lines.push(table_row(doc, &layout, line)),
            LineKind::TableRule { table, header } => {
                let widths = layout.tables.get(table as usize).map(|t| t.widths.as_slice()).unwrap_or_default();
                let rule = if header { "─" } else { "┄" };
                lines.push(widths.iter().map(|w| rule.repeat(*w)).collect::<Vec<_>>().join(&format!("{rule}┼{rule}")));
            }
            LineKind::Blank => {
                if lines.last().is_some_and(|l| !l.is_empty()) {
                    lines.push(String::new());
                }
            }
            LineKind::Meta | LineKind::Stats | LineKind::Note(_) => {}
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(page: &str) -> Article {
        article::from_bytes(Format::Html, page.as_bytes(), Path::new("p.html"))
    }

    #[test]
    fn plain_text_has_blank_lines_between_paragraphs_and_no_urls_for_scripts() {
        let a = html(
            "<title>T</title><article><p>One <a href=\"https://e.example/x\">link</a> here.</p><ul><li>a</li><li>b</li></ul><blockquote><p>q</p></blockquote></article>",
        );
        assert_eq!(plain_text(&a.doc, false), "One link here.\n\n• a\n• b\n\n> q");
        assert!(plain_text(&a.doc, true).starts_with("One link (https://e.example/x) here."));
    }

    #[test]
    fn words_only_text_leaves_out_pictures_but_keeps_captions() {
        let a = html(
            "<title>T</title><article><p>Before.</p><figure><img src=x alt=\"A boat\"><figcaption>The boat at dawn.</figcaption></figure><p>See <img src=y alt=\"icon\"> here.</p></article>",
        );
        assert_eq!(plain_text(&a.doc, false), "Before.\n\nThe boat at dawn.\n\nSee here.");
        assert!(plain_text(&a.doc, true).contains("[image: A boat]"));
    }

    #[test]
    fn wrapped_text_keeps_markers_and_hanging_indents() {
        let a = html("<title>T</title><article><ul><li>alpha beta gamma delta epsilon</li></ul></article>");
        assert_eq!(wrapped_text(&a.doc, 16), "• alpha beta\n  gamma delta\n  epsilon");
    }
}
