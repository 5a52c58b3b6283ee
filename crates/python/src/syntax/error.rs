//! Syntax errors with CPython 3.11's messages and positions.

use std::fmt;

/// Which exception CPython raises for a syntax error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// `SyntaxError`.
    SyntaxError,
    /// `IndentationError` (a subclass of `SyntaxError`).
    IndentationError,
    /// `TabError` (a subclass of `IndentationError`).
    TabError,
}

impl ErrorKind {
    /// The exception's class name.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
        }
    }
}

/// A syntax error as CPython 3.11's `compile()` raises it: the exception class, `msg`,
/// `lineno`, `offset`, `end_lineno` and `end_offset`.
///
/// Offsets count characters from 1 (not bytes), as CPython's parser's do (errors of its
/// compiler and symbol table count bytes, and so do [`super::validate`]'s). Like CPython, some
/// errors carry an `end_offset` of 0 or -1 (no known end), and an `offset` of 0 for errors that
/// point before the first character of a line. A `lineno` of 0 means no position at all
/// (CPython's `None`, for source holding a NUL character).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The exception class.
    pub kind: ErrorKind,
    /// The message, e.g. `"invalid syntax"` or `"'(' was never closed"`.
    pub msg: String,
    /// The line of the error, from 1.
    pub lineno: u32,
    /// The column of the error in characters, from 1.
    pub offset: i32,
    /// The line where the error's range ends.
    pub end_lineno: u32,
    /// The column just past the error's range in characters, from 1 (0 or -1: unknown).
    pub end_offset: i32,
}

impl fmt::Display for SyntaxError {
    /// CPython's `str()` of the exception for source compiled from a string:
    /// `invalid syntax (<string>, line 1)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (<string>, line {})", self.msg, self.lineno)
    }
}

impl std::error::Error for SyntaxError {}

/// The source split into lines, for converting byte columns to CPython's character offsets.
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    /// Index the lines of `text` (already normalized to `\n` line endings).
    pub(crate) fn new(text: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Lines { text, starts }
    }

    /// The text of line `line` (from 1), without its newline; empty past the end.
    pub(crate) fn line(&self, line: u32) -> &'a str {
        let index = line.saturating_sub(1) as usize;
        let Some(&start) = self.starts.get(index) else {
            return "";
        };
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next - 1);
        self.text.get(start..end.max(start)).unwrap_or("")
    }

    /// Byte offset of the start of line `line`.
    pub(crate) fn start_of(&self, line: u32) -> usize {
        let index = line.saturating_sub(1) as usize;
        self.starts.get(index).copied().unwrap_or(self.text.len())
    }

    /// CPython's `_PyPegen_byte_offset_to_character_offset`: the number of characters in the
    /// first `bytes` bytes of line `line` (a cut character counts as one; one past the end counts
    /// the terminator).
    pub(crate) fn chars(&self, line: u32, bytes: i64) -> i64 {
        if bytes <= 0 {
            return bytes;
        }
        let text = self.line(line);
        let len = text.len() as i64;
        let cut = bytes.min(len) as usize;
        let count = text.char_indices().take_while(|&(i, _)| i < cut).count() as i64;
        count + i64::from(bytes > len)
    }

    /// Build an error from pegen-style positions: `col` and `end_col` are byte offsets from 1
    /// (values of 0 or less are passed through unconverted, as CPython does for the end). The
    /// end is converted against the start line's text, as CPython does.
    pub(crate) fn error(
        &self,
        kind: ErrorKind,
        msg: impl Into<String>,
        lineno: u32,
        col: i64,
        end_lineno: u32,
        end_col: i64,
    ) -> SyntaxError {
        SyntaxError {
            kind,
            msg: msg.into(),
            lineno,
            offset: self.chars(lineno, col) as i32,
            end_lineno,
            end_offset: self.chars(lineno, end_col) as i32,
        }
    }
}
