//! Syntax errors CPython 3.11 raises after parsing: those of its symbol table (`symtable.c`)
//! and of its compiler (`compile.c`), in the order CPython finds them.
//!
//! The symbol table pass reports duplicate parameters, misplaced `global`/`nonlocal`
//! declarations, `nonlocal` names without a binding, `import *` in a function, `yield` in a
//! comprehension and assignment expressions rebinding a comprehension variable. The compiler
//! pass then reports `return`/`yield` outside a function, `break`/`continue` outside a loop,
//! repeated keyword arguments, misplaced starred expressions and a bare `except:` that is not
//! last.

mod compiler;
mod symtable;

use super::ast::{Module, Span};
use super::error::{ErrorKind, SyntaxError};

/// Check a parsed module for the errors `compile(source, '<string>', 'exec')` reports after
/// parsing.
pub fn validate(module: &Module) -> Result<(), SyntaxError> {
    symtable::check(module)?;
    compiler::check(module)
}

/// An error at a node, as CPython's `compiler_error` and the symbol table report it: unlike
/// the parser's, its offsets count bytes.
fn error_at(msg: impl Into<String>, span: Span) -> SyntaxError {
    SyntaxError {
        kind: ErrorKind::SyntaxError,
        msg: msg.into(),
        lineno: span.lineno,
        offset: span.col_offset as i32 + 1,
        end_lineno: span.end_lineno,
        end_offset: span.end_col_offset as i32 + 1,
    }
}
