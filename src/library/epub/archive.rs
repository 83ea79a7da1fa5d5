//! The EPUB's zip container read from memory through limits: the entry count and expanded
//! sizes a book may reach, and inflating one entry without trusting what it declares.

use std::io::{Cursor, Read};

/// Entries an EPUB may hold: a long book has a few hundred.
pub const MAX_ENTRIES: usize = 10_000;
/// Bytes all entries may expand to, declared or read.
pub const MAX_EXPANDED: u64 = 512 << 20;
/// Bytes one entry may expand to.
pub(super) const MAX_ENTRY: u64 = 64 << 20;

/// Why an EPUB was refused or could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EpubError {
    #[error("not a readable EPUB: {0}")]
    Zip(String),
    #[error("refused: the archive holds {0} entries (a zip bomb? newsdesk reads EPUBs of up to {1})")]
    TooManyEntries(usize, usize),
    #[error("refused: the archive would expand to more than {} (a zip bomb?)", crate::library::read::size_text(*.0))]
    TooLarge(u64),
    #[error("not a readable EPUB: {0} is missing")]
    Missing(String),
}

/// How far an archive may go before it is refused.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    pub(super) entries: usize,
    pub(super) expanded: u64,
    pub(super) entry: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self { entries: MAX_ENTRIES, expanded: MAX_EXPANDED, entry: MAX_ENTRY }
    }
}

/// The open archive, with what has been inflated so far.
pub(super) struct Book<'a> {
    pub(super) zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    pub(super) expanded: u64,
    pub(super) limits: Limits,
}

impl Book<'_> {
    /// The entry `name` inflated, through the limits.
    pub(super) fn entry(&mut self, name: &str) -> Result<Vec<u8>, EpubError> {
        let mut file = self.zip.by_name(name).map_err(|_| EpubError::Missing(name.to_string()))?;
        let room = self.limits.expanded.saturating_sub(self.expanded).min(self.limits.entry);
        let mut out = Vec::with_capacity(usize::try_from(file.size().min(room).min(1 << 20)).unwrap_or(0));
        (&mut file).take(room + 1).read_to_end(&mut out).map_err(|e| EpubError::Zip(e.to_string()))?;
        if out.len() as u64 > room {
            return Err(EpubError::TooLarge(self.limits.expanded));
        }
        self.expanded += out.len() as u64;
        Ok(out)
    }
}
