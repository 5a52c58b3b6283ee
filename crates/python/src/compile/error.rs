//! Compile-time errors: CPython's `SyntaxError` with its message and position.
//!
//! CPython reports errors found by its symbol table and compiler with byte offsets
//! (`col_offset + 1`), unlike the parser's, which count characters.

use super::bytecode::Position;
use crate::syntax::ast::Span;

/// A `SyntaxError` found while compiling: CPython's message, `lineno` from 1, `offset` the
/// 1-based byte column of the error's start, and the end of the offending node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The message, as CPython 3.11 words it.
    pub msg: String,
    /// Line of the error, from 1.
    pub lineno: u32,
    /// Column of the error, from 1 (0 when unknown).
    pub offset: i32,
    /// Last line of the offending node.
    pub end_lineno: u32,
    /// Column just past the offending node, from 1.
    pub end_offset: i32,
}

impl SyntaxError {
    /// The exception class name.
    pub fn kind_name(&self) -> &'static str {
        "SyntaxError"
    }
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (<string>, line {})", self.msg, self.lineno)
    }
}

impl std::error::Error for SyntaxError {}

/// An error at a node.
pub(crate) fn error_at(msg: impl Into<String>, span: Span) -> SyntaxError {
    SyntaxError {
        msg: msg.into(),
        lineno: span.lineno,
        offset: span.col_offset as i32 + 1,
        end_lineno: span.end_lineno,
        end_offset: span.end_col_offset as i32 + 1,
    }
}

/// An error at an instruction position.
pub(crate) fn error_at_pos(msg: impl Into<String>, pos: Position) -> SyntaxError {
    SyntaxError {
        msg: msg.into(),
        lineno: pos.line,
        offset: pos.col as i32 + 1,
        end_lineno: pos.end_line,
        end_offset: pos.end_col as i32 + 1,
    }
}
