//! Source text to abstract syntax tree: the lexer, the parser and the tree ([`ast`]), in the
//! shape of CPython 3.11's `ast` module.

pub mod ast;
