//! Source text to abstract syntax tree: the tokenizer, the parser and the tree ([`ast`]), in the
//! shape of CPython 3.11's `ast` module, with CPython's syntax error messages and positions.
//!
//! ```
//! use weaklink_python::syntax::{dump, parse_module};
//!
//! let module = parse_module("x = 1\n").unwrap();
//! assert_eq!(
//!     dump(&module),
//!     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], type_ignores=[])"
//! );
//! let error = parse_module("x = (1,\n").unwrap_err();
//! assert_eq!(error.msg, "'(' was never closed");
//! ```
//!
//! The parser accepts the whole of Python 3.11's syntax except constructs outside weaklink's
//! subset, which are syntax errors naming the construct (`'async def' is not supported in
//! weaklink`): `async`/`await`, `match`, `except*`, bytes literals, complex numbers, `\N{...}`
//! escapes, strings holding lone surrogates, and integer literals beyond 64 bits. They are
//! reported only when the source has no error CPython would report, so learners see CPython's
//! message for their mistakes first.
//!
//! - [`parse_module`] is `ast.parse`; [`validate`] adds the errors CPython's symbol table and
//!   compiler raise (`'return' outside function`, `'break' outside loop`, duplicate parameters,
//!   misplaced `global`/`nonlocal`...); [`parse_and_validate`] is both, as `compile()`.
//! - [`dump`] is `ast.dump`; [`dump_with_positions`] adds `include_attributes=True`.
//! - [`tokenize`] gives the tokens (for highlighting), [`walk`] visits a tree's children.
//!
//! # Limits and stack
//!
//! Brackets nest at most 200 deep (CPython's "too many nested parentheses"), other recursive
//! constructs (unary operators, `not`, lambdas, conditional expressions, `**`) at most
//! [`MAX_DEPTH`] levels together with brackets, and every tree returned is at most
//! [`MAX_TREE_DEPTH`] nodes deep (longer chains of operators or calls are an error), so code
//! that walks a tree recursively needs a bounded stack. Parsing itself takes about 3 KiB of
//! stack per nesting level in an optimized build (about 600 KiB at the 200-bracket limit) and
//! about 18 KiB in an unoptimized one. Parsing time is linear in the source: the specialised
//! error rules share a budget of tokens they may re-read.

pub mod ast;
mod dump;
mod error;
mod lexer;
mod number;
mod parser;
mod strings;
pub mod token;
mod validate;
pub mod walk;

use std::borrow::Cow;

pub use dump::{dump, dump_with_positions};
pub use error::{ErrorKind, SyntaxError};
pub use parser::{MAX_DEPTH, MAX_TREE_DEPTH};
pub use token::{Keyword, Op, Token, TokenKind};
pub use validate::validate;

/// The source as CPython's tokenizer reads it: `\r\n` and `\r` become `\n`, and the text ends
/// with a newline. NUL characters are an error.
pub fn normalize(source: &str) -> Result<Cow<'_, str>, SyntaxError> {
    if source.contains('\0') {
        return Err(SyntaxError {
            kind: ErrorKind::SyntaxError,
            msg: "source code string cannot contain null bytes".into(),
            lineno: 0,
            offset: 0,
            end_lineno: 0,
            end_offset: 0,
        });
    }
    if !source.contains('\r') && source.ends_with('\n') {
        return Ok(Cow::Borrowed(source));
    }
    let mut text = source.replace("\r\n", "\n").replace('\r', "\n");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(Cow::Owned(text))
}

/// Parse a module, as `ast.parse(source)`: the tree, or the `SyntaxError` CPython 3.11 raises.
///
/// Errors that CPython reports only when compiling (`'return' outside function`,
/// `'break' outside loop`...) are [`validate`]'s; [`parse_and_validate`] runs both.
pub fn parse_module(source: &str) -> Result<ast::Module, SyntaxError> {
    let text = normalize(source)?;
    let lines = error::Lines::new(&text);
    let lexed = lexer::lex(&text, &lines);
    let module = parser::parse_tokens(&text, &lines, &lexed)?;
    if walk::module_depth(&module) > MAX_TREE_DEPTH {
        return Err(SyntaxError {
            kind: ErrorKind::SyntaxError,
            msg: format!("code too deeply nested (weaklink allows {MAX_TREE_DEPTH} levels)"),
            lineno: 1,
            offset: 1,
            end_lineno: 1,
            end_offset: 1,
        });
    }
    Ok(module)
}

/// Parse and check a module as `compile(source, '<string>', 'exec')` does: the syntax errors of
/// [`parse_module`], then those of [`validate`].
pub fn parse_and_validate(source: &str) -> Result<ast::Module, SyntaxError> {
    let module = parse_module(source)?;
    validate(&module)?;
    Ok(module)
}

/// The tokens of a source, up to the first tokenizer error (positions refer to the source with
/// its line endings normalized, see [`normalize`]).
pub fn tokenize(source: &str) -> Result<Vec<Token>, SyntaxError> {
    let text = normalize(source)?;
    let lines = error::Lines::new(&text);
    let lexed = lexer::lex(&text, &lines);
    match lexed.error {
        Some(error) => Err(error.error),
        None => Ok(lexed.tokens),
    }
}
