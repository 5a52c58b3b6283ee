//! The one error type of the text rules: which Python exception, and its message.

use std::fmt;

/// Which Python exception a [`TextError`] becomes in the VM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `ValueError`: bad format specification, unparsable literal, substring not found.
    Value,
    /// `TypeError`: wrong argument count or type for `%`-formatting.
    Type,
    /// `OverflowError`: a result that does not fit weaklink's 64-bit `int`, or a float too large.
    Overflow,
    /// `ZeroDivisionError`: division or modulo by zero.
    ZeroDivision,
    /// `MemoryError`: a result far too large to build (a width of a billion).
    Memory,
    /// `IndexError`: `"abc"[5]`.
    Index,
    /// `KeyError`: a missing `{name}` in `str.format`; the message is the key's `repr`.
    Key,
}

impl ErrorKind {
    /// The Python name of the exception class, e.g. `"ValueError"`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Value => "ValueError",
            ErrorKind::Type => "TypeError",
            ErrorKind::Overflow => "OverflowError",
            ErrorKind::ZeroDivision => "ZeroDivisionError",
            ErrorKind::Memory => "MemoryError",
            ErrorKind::Index => "IndexError",
            ErrorKind::Key => "KeyError",
        }
    }
}

/// A failure with CPython's exception class and message, e.g.
/// `ValueError: Unknown format code 'd' for object of type 'float'`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextError {
    /// The exception class.
    pub kind: ErrorKind,
    /// The message, exactly as CPython 3.11 words it.
    pub message: String,
}

impl TextError {
    /// A `ValueError` with `message`.
    pub fn value(message: impl Into<String>) -> Self {
        TextError {
            kind: ErrorKind::Value,
            message: message.into(),
        }
    }
    /// A `TypeError` with `message`.
    pub fn type_error(message: impl Into<String>) -> Self {
        TextError {
            kind: ErrorKind::Type,
            message: message.into(),
        }
    }
    /// An `OverflowError` with `message`.
    pub fn overflow(message: impl Into<String>) -> Self {
        TextError {
            kind: ErrorKind::Overflow,
            message: message.into(),
        }
    }
    /// A `MemoryError` (CPython's has no message).
    pub fn memory() -> Self {
        TextError {
            kind: ErrorKind::Memory,
            message: String::new(),
        }
    }
    /// An `IndexError` with `message`.
    pub fn index(message: impl Into<String>) -> Self {
        TextError {
            kind: ErrorKind::Index,
            message: message.into(),
        }
    }
    /// A `KeyError` for `key` (its message is `repr(key)`, as CPython shows it).
    pub fn key(key: &str) -> Self {
        TextError {
            kind: ErrorKind::Key,
            message: super::repr::str_repr(key),
        }
    }
    /// A `ZeroDivisionError` with `message`.
    pub fn zero_division(message: impl Into<String>) -> Self {
        TextError {
            kind: ErrorKind::ZeroDivision,
            message: message.into(),
        }
    }
}

/// `ExceptionName: message`, the last line of a traceback.
impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            write!(f, "{}", self.kind.name())
        } else {
            write!(f, "{}: {}", self.kind.name(), self.message)
        }
    }
}

impl std::error::Error for TextError {}

/// Result of a text rule that can fail like CPython.
pub type TextResult<T> = Result<T, TextError>;
