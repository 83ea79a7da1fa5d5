//! Pure text logic: the document model, wrapping, sanitizing, search, entities and highlights. Byte ranges in, byte ranges out; no terminal here.

pub mod doc;
pub mod entities;
pub mod highlights;
pub mod sanitize;
pub mod search;
pub mod segments;
pub mod urls;
pub mod watch;
pub mod wrap;
