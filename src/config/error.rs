//! Config problems with file, line, column and TOML path, and the errors of loading a file.

use std::fmt;
use std::io;
use std::ops::Range;
use std::path::PathBuf;

/// One problem in a config file, printed as `file:line:column: path: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    /// The file as the user named it, or `built-in defaults`.
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    /// The dotted TOML path (`theme.title.fg`); `None` for syntax errors.
    pub path: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if let Some(path) = &self.path {
            write!(f, "{path}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Every problem found in a config, in file order; displayed one per line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

/// Why [`crate::config::Config::load`] failed.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("config file {} does not exist", path.display())]
    NotFound { path: PathBuf },
    // The io error is part of the message rather than a `source` so that a plain `{}` print
    // at the edge already says why.
    #[error("cannot read config file {}: {error}", path.display())]
    Read { path: PathBuf, error: io::Error },
    #[error("{0}")]
    Invalid(#[from] ConfigErrors),
}

/// A config text with the name its errors are reported under.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

impl Source<'_> {
    /// 1-based line and character column of a byte offset (clamped into the text).
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &self.text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before.matches('\n').count() + 1;
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }

    pub fn error(&self, span: Range<usize>, path: Option<String>, message: impl Into<String>) -> ConfigError {
        let (line, column) = self.position(span.start);
        ConfigError { file: self.name.to_owned(), line, column, path, message: message.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::start(0, (1, 1))]
    #[case::first_line(3, (1, 4))]
    #[case::after_newline(6, (2, 1))]
    #[case::counts_chars_not_bytes(10, (2, 3))]
    #[case::past_the_end(99, (2, 4))]
    fn byte_offsets_become_lines_and_columns(#[case] offset: usize, #[case] expected: (usize, usize)) {
        let source = Source { name: "x.toml", text: "abcde\néé!" };
        assert_eq!(source.position(offset), expected);
    }

    #[test]
    fn errors_print_one_per_line() {
        let source = Source { name: "my.toml", text: "a\nbb = 1\n" };
        let errors =
            ConfigErrors(vec![source.error(0..1, None, "syntax"), source.error(5..6, Some("x.bb".into()), "bad")]);
        assert_eq!(errors.to_string(), "my.toml:1:1: syntax\nmy.toml:2:4: x.bb: bad");
    }
}
