//! The one way newsdesk reads a file: only a regular file, opened without blocking, through a size limit.
//!
//! `open` on a FIFO blocks until a writer comes, and `read` on `/dev/zero` never ends: a file
//! swapped for either under the reader must not freeze it. So every file is opened
//! non-blocking (a FIFO then opens at once), its type is taken from the opened descriptor (not
//! from the path, which could be swapped again in between), and its bytes are read through a
//! limit whatever size it claims.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The largest file newsdesk reads as an article; larger ones are listed with a warning.
pub const MAX_ARTICLE_BYTES: u64 = 1 << 30;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("not a regular file ({0}): not read")]
    NotRegular(&'static str),
    #[error("too large to read ({}; newsdesk reads files up to {})", size_text(*.size), size_text(*.limit))]
    TooLarge { size: u64, limit: u64 },
}

/// An opened regular file and its size as its descriptor says.
#[derive(Debug)]
pub struct Opened {
    pub file: File,
    pub size: u64,
}

/// Opens `path` without blocking and makes sure the opened descriptor is a regular file.
pub fn open_regular(path: &Path) -> Result<Opened, ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NOCTTY too: a terminal device must never become the controlling terminal.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_name(meta.file_type())));
    }
    Ok(Opened { file, size: meta.len() })
}

/// The whole of the regular file at `path`, refused when it holds more than `limit` bytes: the
/// size its descriptor claims is checked first, then the read itself stops past the limit (a
/// file that grows, or lies, is not trusted).
pub fn regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let opened = open_regular(path)?;
    if opened.size > limit {
        return Err(ReadError::TooLarge { size: opened.size, limit });
    }
    read_rest(opened.file, Vec::new(), opened.size, limit)
}

/// At most the first `n` bytes of the regular file at `path`, and the file's size.
pub fn head(path: &Path, n: usize) -> Result<(Vec<u8>, u64), ReadError> {
    let Opened { file, size } = open_regular(path)?;
    let mut buf = Vec::with_capacity(n.min(usize::try_from(size).unwrap_or(n)));
    file.take(n as u64).read_to_end(&mut buf)?;
    Ok((buf, size))
}

/// Everything `source` gives (standard input, a pipe) through `limit`: refused past it.
pub fn limited(source: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    source.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// Reads what is left of `file` after `start` (bytes already read from it) through `limit`.
pub fn read_rest(file: File, mut start: Vec<u8>, size_hint: u64, limit: u64) -> Result<Vec<u8>, ReadError> {
    let hint = usize::try_from(size_hint.min(limit)).unwrap_or(0);
    start.reserve(hint.saturating_sub(start.len()));
    let already = start.len() as u64;
    file.take((limit + 1).saturating_sub(already)).read_to_end(&mut start)?;
    if start.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: start.len() as u64, limit });
    }
    Ok(start)
}

fn kind_name(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    if t.is_dir() { "a folder" } else { "not a file" }
}

/// A byte count as people say it: `812 bytes`, `4.2 KB`, `8.0 GB` (powers of 1024).
pub fn size_text(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    #[expect(clippy::cast_precision_loss, reason = "a size shown with one decimal")]
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value >= 10.0 || value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_through_its_limit() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"0123456789").expect("write");
        assert_eq!(regular_file(&path, 10).expect("read"), b"0123456789");
        assert!(matches!(regular_file(&path, 9), Err(ReadError::TooLarge { size: 10, limit: 9 })));
        assert_eq!(head(&path, 4).expect("head"), (b"0123".to_vec(), 10));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once_not_waited_on() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("b.txt");
        let status = std::process::Command::new("mkfifo").arg(&path).status().expect("mkfifo");
        assert!(status.success());
        // Without a writer, a blocking open would never return: the test would hang here.
        let err = regular_file(&path, 1 << 20).expect_err("a FIFO is not read");
        assert_eq!(err.to_string(), "not a regular file (a FIFO): not read");
        assert!(matches!(head(&path, 10), Err(ReadError::NotRegular("a FIFO"))));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_folders_are_refused() {
        assert!(matches!(
            regular_file(Path::new("/dev/zero"), 1 << 20),
            Err(ReadError::NotRegular("a character device"))
        ));
        let dir = tempfile::tempdir().expect("dir");
        assert!(matches!(regular_file(dir.path(), 10), Err(ReadError::NotRegular("a folder"))));
    }

    #[test]
    fn a_sparse_file_over_the_limit_is_refused_before_any_read() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("huge.txt");
        let f = File::create(&path).expect("create");
        f.set_len(8 << 30).expect("sparse 8 GB");
        let err = regular_file(&path, MAX_ARTICLE_BYTES).expect_err("too large");
        assert_eq!(err.to_string(), "too large to read (8 GB; newsdesk reads files up to 1 GB)");
        let (bytes, size) = head(&path, 8192).expect("head");
        assert_eq!((bytes.len(), size), (8192, 8 << 30));
    }

    #[test]
    fn a_pipe_is_read_through_its_limit() {
        assert_eq!(limited(&b"abc"[..], 3).expect("fits"), b"abc");
        assert!(matches!(limited(std::io::repeat(b'x'), 1 << 20), Err(ReadError::TooLarge { limit: 1_048_576, .. })));
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(812), "812 bytes");
        assert_eq!(size_text(4300), "4.2 KB");
        assert_eq!(size_text(50 << 20), "50 MB");
        assert_eq!(size_text(3 << 29), "1.5 GB");
    }
}
