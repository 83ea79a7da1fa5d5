//! Pure text logic: the document model, wrapping, sanitizing. Byte ranges in, byte ranges out; no terminal here.

pub mod doc;
pub mod entities;
pub mod sanitize;
pub mod search;
pub mod segments;
pub mod wrap;
