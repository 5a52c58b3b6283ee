//! The parts nodes are made of: constants, comprehension clauses, exception handlers,
//! parameters, keyword arguments, import aliases and `with` items.

use super::{Expr, Span, Stmt};

/// The value of a [`Expr::Constant`].
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    /// `None`.
    None,
    /// `True` or `False`.
    Bool(bool),
    /// An integer literal that fits in 64 bits.
    Int(i64),
    /// A larger integer literal, as decimal digits (with `-` when negative).
    BigInt(Box<str>),
    /// A float literal.
    Float(f64),
    /// A string literal (escapes already decoded), or a literal part of an f-string.
    Str(String),
    /// `...`.
    Ellipsis,
}

/// `comprehension`: one `for target in iter if ifs...` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    /// The loop target, in `Store` context.
    pub target: Expr,
    /// The iterated expression.
    pub iter: Expr,
    /// The `if` filters, in order.
    pub ifs: Vec<Expr>,
    /// `async for` (always false: async comprehensions are outside weaklink's subset).
    pub is_async: bool,
}

/// `ExceptHandler`: one `except type as name: body` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct ExceptHandler {
    /// The exception type expression, absent for a bare `except:`.
    pub type_: Option<Box<Expr>>,
    /// The `as` name, if any.
    pub name: Option<String>,
    /// The handler's block.
    pub body: Vec<Stmt>,
    /// Position: from `except` to the end of the block.
    pub span: Span,
}

/// `arguments`: a function's or lambda's parameters.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Arguments {
    /// Parameters before `/`.
    pub posonlyargs: Vec<Arg>,
    /// Ordinary positional-or-keyword parameters.
    pub args: Vec<Arg>,
    /// `*args`, if any.
    pub vararg: Option<Arg>,
    /// Parameters after `*` or `*args`.
    pub kwonlyargs: Vec<Arg>,
    /// Defaults of the keyword-only parameters, one per parameter (`None`: no default).
    pub kw_defaults: Vec<Option<Expr>>,
    /// `**kwargs`, if any.
    pub kwarg: Option<Arg>,
    /// Defaults of the last positional parameters (position-only ones included).
    pub defaults: Vec<Expr>,
}

/// `arg`: one parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    /// The parameter name.
    pub arg: String,
    /// Its annotation, if any (lambda parameters have none).
    pub annotation: Option<Box<Expr>>,
    /// Position: the name, through its annotation.
    pub span: Span,
}

/// `keyword`: `arg=value` in a call or class line, or `**value` (`arg` is `None`).
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    /// The keyword, `None` for `**value`.
    pub arg: Option<String>,
    /// The value.
    pub value: Expr,
    /// Position (from the keyword, or from `**`).
    pub span: Span,
}

/// `alias`: `name as asname` in an import.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// The imported (dotted) name, or `*`.
    pub name: String,
    /// The `as` name, if any.
    pub asname: Option<String>,
    /// Position.
    pub span: Span,
}

/// `withitem`: `context_expr as optional_vars` in a `with` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Withitem {
    /// The context manager expression.
    pub context_expr: Expr,
    /// The `as` target, in `Store` context, if any.
    pub optional_vars: Option<Box<Expr>>,
}
