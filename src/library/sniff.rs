//! Which format a file is in: by its name, or by its first bytes when there is no name (a pipe).

use std::path::Path;

use super::Format;

/// Extensions newsdesk reads, and their formats.
const SUPPORTED: &[(&str, Format)] = &[
    ("txt", Format::Text),
    ("text", Format::Text),
    ("md", Format::Markdown),
    ("markdown", Format::Markdown),
    ("rst", Format::Rst),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("xhtml", Format::Html),
    ("epub", Format::Epub),
];

/// Documents a user keeps beside articles and would miss if they were silently left out: they
/// are listed, dimmed, as not supported.
const EXPECTED: &[&str] = &[
    "pdf",
    "docx",
    "doc",
    "odt",
    "rtf",
    "mobi",
    "azw",
    "azw3",
    "kfx",
    "fb2",
    "djvu",
    "pages",
    "xps",
    "oxps",
    "chm",
    "lit",
    "ps",
    "cbz",
    "cbr",
    "mht",
    "mhtml",
    "webarchive",
    "wpd",
];

impl Format {
    /// The format of a file with this name, or `None` if it is neither an article nor a
    /// document the user would expect to see listed.
    pub fn of(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        if let Some(&(_, format)) = SUPPORTED.iter().find(|(e, _)| *e == ext) {
            return Some(format);
        }
        EXPECTED.contains(&ext.as_str()).then_some(Self::Unsupported)
    }

    /// The format of unnamed bytes (standard input), from their start: a zip holding an
    /// EPUB, HTML, Markdown front matter or headings, else plain text; `None` for binary data.
    pub fn sniff(head: &[u8]) -> Option<Self> {
        if head.starts_with(b"PK\x03\x04") {
            return Some(if is_epub(head) { Self::Epub } else { Self::Unsupported });
        }
        if head.starts_with(b"%PDF-") || head.starts_with(b"{\\rtf") {
            return Some(Self::Unsupported);
        }
        if binary_at(head).is_some() {
            return None;
        }
        let text = super::encoding::decode_head(&head[..head.len().min(4096)], None).text;
        let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
        let lower = start.get(..start.len().min(512)).unwrap_or(start).to_ascii_lowercase();
        if lower.starts_with("<!doctype html")
            || lower.starts_with("<html")
            || lower.starts_with("<head")
            || lower.starts_with("<body")
            || lower.starts_with("<?xml") && lower.contains("<html")
            || lower.starts_with("<!--") && lower.contains("<html")
        {
            return Some(Self::Html);
        }
        if start.starts_with("---\n") || start.starts_with("+++\n") || start.starts_with("---\r\n") {
            return Some(Self::Markdown);
        }
        if start.lines().take(40).any(|l| l.starts_with("# ") || l.starts_with("## ") || l.starts_with("```")) {
            return Some(Self::Markdown);
        }
        Some(Self::Text)
    }

    /// The format's name as the list and `--json` show it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Markdown => "markdown",
            Self::Rst => "rst",
            Self::Html => "html",
            Self::Epub => "epub",
            Self::Unsupported => "unsupported",
        }
    }

    /// Whether the file's bytes are text (checked for NUL bytes before they are read).
    pub fn is_text(self) -> bool {
        matches!(self, Self::Text | Self::Markdown | Self::Rst | Self::Html)
    }
}

/// An EPUB's zip starts with an uncompressed `mimetype` entry holding `application/epub+zip`.
pub fn is_epub(head: &[u8]) -> bool {
    head.get(30..38) == Some(b"mimetype")
        && memchr::memmem::find(&head[..head.len().min(128)], b"application/epub+zip").is_some()
}

/// Where the first NUL byte is in the first 8 KiB, unless the text is UTF-16 with a BOM: a
/// binary file, as `grep` and `git` decide.
pub fn binary_at(bytes: &[u8]) -> Option<usize> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return None;
    }
    memchr::memchr(0, &bytes[..bytes.len().min(8 * 1024)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::txt("a.txt", Some(Format::Text))]
    #[case::text("a.TEXT", Some(Format::Text))]
    #[case::md("a.md", Some(Format::Markdown))]
    #[case::rst("a.rst", Some(Format::Rst))]
    #[case::html("a.html", Some(Format::Html))]
    #[case::htm("a.htm", Some(Format::Html))]
    #[case::xhtml("a.xhtml", Some(Format::Html))]
    #[case::epub("a.epub", Some(Format::Epub))]
    #[case::pdf("a.pdf", Some(Format::Unsupported))]
    #[case::docx("a.docx", Some(Format::Unsupported))]
    #[case::mobi("a.mobi", Some(Format::Unsupported))]
    #[case::png("a.png", None)]
    #[case::none("README", None)]
    fn formats_by_name(#[case] name: &str, #[case] format: Option<Format>) {
        assert_eq!(Format::of(Path::new(name)), format);
    }

    #[rstest]
    #[case::doctype(b"\n<!DOCTYPE html><html><p>x", Some(Format::Html))]
    #[case::bom_html(b"\xef\xbb\xbf<html lang=en>", Some(Format::Html))]
    #[case::xhtml(b"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", Some(Format::Html))]
    #[case::front_matter(b"---\ntitle: x\n---\nbody", Some(Format::Markdown))]
    #[case::heading(b"# Title\n\nbody", Some(Format::Markdown))]
    #[case::text(b"Title\n\nJust words.", Some(Format::Text))]
    #[case::epub(
        b"PK\x03\x04\x0a\0\0\0\0\0\0\0\0\0\0\0\0\0\x14\0\0\0\x14\0\0\0\x08\0\0\0mimetypeapplication/epub+zip",
        Some(Format::Epub)
    )]
    #[case::docx(b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0", Some(Format::Unsupported))]
    #[case::pdf(b"%PDF-1.7\n", Some(Format::Unsupported))]
    #[case::binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None)]
    fn formats_by_content(#[case] head: &[u8], #[case] format: Option<Format>) {
        assert_eq!(Format::sniff(head), format);
    }
}
