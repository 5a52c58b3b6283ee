//! Compile-time errors: the parser's [`SyntaxError`], built from a node's position.
//!
//! CPython reports the errors of its symbol table and compiler with byte offsets
//! (`col_offset + 1`), unlike the parser's, which count characters; so do these.

use super::bytecode::Position;
use crate::syntax::ast::Span;
use crate::syntax::ErrorKind;
pub use crate::syntax::SyntaxError;

/// An error at a node.
pub(crate) fn error_at(msg: impl Into<String>, span: Span) -> SyntaxError {
    SyntaxError {
        kind: ErrorKind::SyntaxError,
        msg: msg.into(),
        lineno: span.lineno,
        offset: span.col_offset as i32 + 1,
        end_lineno: span.end_lineno,
        end_offset: span.end_col_offset as i32 + 1,
    }
}

/// An error at an instruction's position.
pub(crate) fn error_at_pos(msg: impl Into<String>, pos: Position) -> SyntaxError {
    SyntaxError {
        kind: ErrorKind::SyntaxError,
        msg: msg.into(),
        lineno: pos.line,
        offset: pos.col as i32 + 1,
        end_lineno: pos.end_line,
        end_offset: pos.end_col as i32 + 1,
    }
}
