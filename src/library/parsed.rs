//! A parsed article, whatever its format: metadata, the displayable document and load
//! warnings, and the two helpers every format's parser uses to build one. Kept apart from the
//! format dispatch in `article.rs`, which the format parsers must not depend on.

use std::path::Path;

use super::meta::Meta;
use crate::text::doc::{Block, BlockKind, Document};

/// A parsed article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    pub meta: Meta,
    pub doc: Document,
    pub words: usize,
    pub warnings: Vec<String>,
    /// [`crate::store::content_hash`] of the file's bytes; 0 when it could not be read.
    pub hash: u64,
}

impl Article {
    /// The lines the reading pane shows between the title and the body.
    pub fn header(&self) -> crate::text::wrap::Header {
        crate::text::wrap::Header { meta: self.meta.has_byline(), notes: self.warnings.len() }
    }
}

/// The file name without its extension: the title of last resort.
pub fn file_stem(path: &Path) -> String {
    let stem = path.file_stem().map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned());
    crate::text::sanitize::strip_sequences(&stem, false).into_owned()
}

/// Puts `title` in front of `body` as its title block, shifting every range.
pub(crate) fn with_title(title: &str, body: Document) -> Document {
    let title: String = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let shift = title.len() + 1;
    let mut text = String::with_capacity(shift + body.text.len());
    text.push_str(&title);
    text.push('\n');
    text.push_str(&body.text);
    let mut blocks = Vec::with_capacity(body.blocks.len() + 1);
    blocks.push(Block::new(0..title.len(), BlockKind::Title));
    blocks.extend(body.blocks.into_iter().map(|mut b| {
        b.range = b.range.start + shift..b.range.end + shift;
        b
    }));
    let inlines = body
        .inlines
        .into_iter()
        .map(|mut i| {
            i.range = i.range.start + shift..i.range.end + shift;
            i
        })
        .collect();
    Document { text, blocks, inlines }
}
