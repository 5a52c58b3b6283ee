//! The abstract syntax tree, in the shape of CPython 3.11's `ast` module.
//!
//! Node and field names are CPython's (`ast.FunctionDef.decorator_list`, `ast.Call.keywords`...),
//! so `ast.dump` output and CPython's compiler sources read directly onto these types. The
//! differences are Rust's: node kinds are enum variants, a single child expression is a
//! `Box<Expr>`, an optional field is an `Option`, and the ASDL sum types `boolop`, `operator`,
//! `unaryop`, `cmpop` and `expr_context` are the enums [`Boolop`], [`Operator`], [`Unaryop`],
//! [`Cmpop`] and [`ExprContext`].
//!
//! Every statement and expression carries its [`Span`]: CPython's `lineno`, `col_offset`,
//! `end_lineno` and `end_col_offset` attributes (lines from 1, columns from 0 in UTF-8 bytes).
//! So do [`ExceptHandler`], [`Arg`], [`Keyword`] and [`Alias`], as in CPython.
//!
//! Fields that are always `None` in weaklink's subset are left out: `type_comment` (type
//! comments are not parsed), `Module.type_ignores` (always empty). Nodes for constructs outside
//! the subset (`AsyncFunctionDef`, `AsyncFor`, `AsyncWith`, `Await`, `Match`, `TryStar`) do not
//! exist: the parser reports a syntax error naming the construct instead.

mod methods;
mod ops;
mod parts;

pub use ops::{Boolop, Cmpop, Conversion, ExprContext, Operator, Unaryop};
pub use parts::{Alias, Arg, Arguments, Comprehension, Constant, ExceptHandler, Keyword, Withitem};

/// A node's position in the source: CPython's `lineno`, `col_offset`, `end_lineno` and
/// `end_col_offset`. Lines count from 1, columns from 0, in UTF-8 bytes as CPython counts them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// First line of the node, from 1.
    pub lineno: u32,
    /// Byte offset of the node's first character in its first line, from 0.
    pub col_offset: u32,
    /// Last line of the node, from 1.
    pub end_lineno: u32,
    /// Byte offset just past the node's last character in its last line.
    pub end_col_offset: u32,
}

impl Span {
    /// The span from the start of `self` to the end of `end`.
    pub fn to(self, end: Span) -> Span {
        Span {
            lineno: self.lineno,
            col_offset: self.col_offset,
            end_lineno: end.end_lineno,
            end_col_offset: end.end_col_offset,
        }
    }
}

/// A whole module: `ast.Module(body, type_ignores=[])`.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// The module's statements, in order.
    pub body: Vec<Stmt>,
}

/// A statement (`ast.stmt`).
#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    /// `def name(args) -> returns: body`, under its decorators.
    FunctionDef {
        /// The function's name.
        name: String,
        /// The parameters.
        args: Box<Arguments>,
        /// The function body (never empty).
        body: Vec<Stmt>,
        /// The decorators, outermost (first written) first.
        decorator_list: Vec<Expr>,
        /// The return annotation.
        returns: Option<Box<Expr>>,
        /// Position: from `def` (not the first decorator) to the end of the body.
        span: Span,
    },
    /// `class name(bases, keywords): body`, under its decorators.
    ClassDef {
        /// The class's name.
        name: String,
        /// Positional arguments of the class line (base classes, `*args`).
        bases: Vec<Expr>,
        /// Keyword arguments of the class line (`metaclass=...`, `**kwargs`).
        keywords: Vec<Keyword>,
        /// The class body (never empty).
        body: Vec<Stmt>,
        /// The decorators, outermost (first written) first.
        decorator_list: Vec<Expr>,
        /// Position: from `class` (not the first decorator) to the end of the body.
        span: Span,
    },
    /// `return` or `return value`.
    Return {
        /// The returned expression, if any.
        value: Option<Box<Expr>>,
        /// Position.
        span: Span,
    },
    /// `del targets`.
    Delete {
        /// The deleted targets, in `Del` context.
        targets: Vec<Expr>,
        /// Position.
        span: Span,
    },
    /// `t1 = t2 = ... = value`.
    Assign {
        /// The targets, left to right, in `Store` context.
        targets: Vec<Expr>,
        /// The assigned value.
        value: Box<Expr>,
        /// Position.
        span: Span,
    },
    /// `target op= value`.
    AugAssign {
        /// A `Name`, `Attribute` or `Subscript` in `Store` context.
        target: Box<Expr>,
        /// The operator.
        op: Operator,
        /// The right-hand side.
        value: Box<Expr>,
        /// Position.
        span: Span,
    },
    /// `target: annotation` or `target: annotation = value`.
    AnnAssign {
        /// The target, in `Store` context.
        target: Box<Expr>,
        /// The annotation.
        annotation: Box<Expr>,
        /// The assigned value, if any.
        value: Option<Box<Expr>>,
        /// CPython's `simple`: the target is a plain name not in parentheses (dumped as 1 or 0).
        simple: bool,
        /// Position.
        span: Span,
    },
    /// `for target in iter: body else: orelse`.
    For {
        /// The loop target, in `Store` context.
        target: Box<Expr>,
        /// The iterated expression.
        iter: Box<Expr>,
        /// The loop body.
        body: Vec<Stmt>,
        /// The `else` block (empty when absent).
        orelse: Vec<Stmt>,
        /// Position.
        span: Span,
    },
    /// `while test: body else: orelse`.
    While {
        /// The condition.
        test: Box<Expr>,
        /// The loop body.
        body: Vec<Stmt>,
        /// The `else` block (empty when absent).
        orelse: Vec<Stmt>,
        /// Position.
        span: Span,
    },
    /// `if test: body else: orelse`; `elif` is an `If` alone in the `orelse` of the previous one.
    If {
        /// The condition.
        test: Box<Expr>,
        /// The block run when the condition is true.
        body: Vec<Stmt>,
        /// The `else` block, or a single nested `If` for `elif` (empty when absent).
        orelse: Vec<Stmt>,
        /// Position: an `elif` node starts at its `elif` keyword.
        span: Span,
    },
    /// `with items: body`.
    With {
        /// The context managers, left to right.
        items: Vec<Withitem>,
        /// The block.
        body: Vec<Stmt>,
        /// Position.
        span: Span,
    },
    /// `raise`, `raise exc` or `raise exc from cause`.
    Raise {
        /// The raised exception, if any.
        exc: Option<Box<Expr>>,
        /// The `from` clause, if any.
        cause: Option<Box<Expr>>,
        /// Position.
        span: Span,
    },
    /// `try: body except...: handlers else: orelse finally: finalbody`.
    Try {
        /// The guarded block.
        body: Vec<Stmt>,
        /// The `except` clauses, in order.
        handlers: Vec<ExceptHandler>,
        /// The `else` block (empty when absent).
        orelse: Vec<Stmt>,
        /// The `finally` block (empty when absent).
        finalbody: Vec<Stmt>,
        /// Position.
        span: Span,
    },
    /// `assert test` or `assert test, msg`.
    Assert {
        /// The asserted condition.
        test: Box<Expr>,
        /// The message, if any.
        msg: Option<Box<Expr>>,
        /// Position.
        span: Span,
    },
    /// `import a.b as c, d`.
    Import {
        /// The imported modules.
        names: Vec<Alias>,
        /// Position.
        span: Span,
    },
    /// `from ..module import a as b, c` (or `import *`: one alias named `*`).
    ImportFrom {
        /// The module after the dots, if any.
        module: Option<String>,
        /// The imported names.
        names: Vec<Alias>,
        /// The number of leading dots (0 for an absolute import).
        level: u32,
        /// Position.
        span: Span,
    },
    /// `global a, b`.
    Global {
        /// The declared names.
        names: Vec<String>,
        /// Position.
        span: Span,
    },
    /// `nonlocal a, b`.
    Nonlocal {
        /// The declared names.
        names: Vec<String>,
        /// Position.
        span: Span,
    },
    /// An expression statement.
    Expr {
        /// The expression.
        value: Box<Expr>,
        /// Position.
        span: Span,
    },
    /// `pass`.
    Pass {
        /// Position.
        span: Span,
    },
    /// `break`.
    Break {
        /// Position.
        span: Span,
    },
    /// `continue`.
    Continue {
        /// Position.
        span: Span,
    },
}

/// An expression (`ast.expr`).
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// `a and b and c` / `a or b`: one node for a run of the same operator.
    BoolOp {
        /// The operator.
        op: Boolop,
        /// The operands (two or more), left to right.
        values: Vec<Expr>,
        /// Position.
        span: Span,
    },
    /// `target := value`.
    NamedExpr {
        /// A `Name` in `Store` context.
        target: Box<Expr>,
        /// The value.
        value: Box<Expr>,
        /// Position.
        span: Span,
    },
    /// `left op right`.
    BinOp {
        /// The left operand.
        left: Box<Expr>,
        /// The operator.
        op: Operator,
        /// The right operand.
        right: Box<Expr>,
        /// Position.
        span: Span,
    },
    /// `op operand`.
    UnaryOp {
        /// The operator.
        op: Unaryop,
        /// The operand.
        operand: Box<Expr>,
        /// Position.
        span: Span,
    },
    /// `lambda args: body`.
    Lambda {
        /// The parameters.
        args: Box<Arguments>,
        /// The body expression.
        body: Box<Expr>,
        /// Position.
        span: Span,
    },
    /// `body if test else orelse`.
    IfExp {
        /// The condition.
        test: Box<Expr>,
        /// The value when true.
        body: Box<Expr>,
        /// The value when false.
        orelse: Box<Expr>,
        /// Position.
        span: Span,
    },
    /// `{k: v, **d}`: `keys[i]` is `None` for a `**d` item, whose mapping is `values[i]`.
    Dict {
        /// The keys, `None` for `**` unpacking.
        keys: Vec<Option<Expr>>,
        /// The values, as many as keys.
        values: Vec<Expr>,
        /// Position.
        span: Span,
    },
    /// `{a, *b}`.
    Set {
        /// The elements (a `Starred` for `*b`).
        elts: Vec<Expr>,
        /// Position.
        span: Span,
    },
    /// `[elt for ...]`.
    ListComp {
        /// The produced element.
        elt: Box<Expr>,
        /// The `for` clauses, outermost first.
        generators: Vec<Comprehension>,
        /// Position.
        span: Span,
    },
    /// `{elt for ...}`.
    SetComp {
        /// The produced element.
        elt: Box<Expr>,
        /// The `for` clauses, outermost first.
        generators: Vec<Comprehension>,
        /// Position.
        span: Span,
    },
    /// `{key: value for ...}`.
    DictComp {
        /// The produced key.
        key: Box<Expr>,
        /// The produced value.
        value: Box<Expr>,
        /// The `for` clauses, outermost first.
        generators: Vec<Comprehension>,
        /// Position.
        span: Span,
    },
    /// `(elt for ...)`, also as the sole argument of a call without its own parentheses.
    GeneratorExp {
        /// The produced element.
        elt: Box<Expr>,
        /// The `for` clauses, outermost first.
        generators: Vec<Comprehension>,
        /// Position: includes the parentheses (for a sole call argument, the call's).
        span: Span,
    },
    /// `yield` or `yield value`.
    Yield {
        /// The yielded value, if any.
        value: Option<Box<Expr>>,
        /// Position.
        span: Span,
    },
    /// `yield from value`.
    YieldFrom {
        /// The delegated-to iterable.
        value: Box<Expr>,
        /// Position.
        span: Span,
    },
    /// `left op1 c1 op2 c2 ...`: a chain of comparisons.
    Compare {
        /// The leftmost operand.
        left: Box<Expr>,
        /// The operators, left to right.
        ops: Vec<Cmpop>,
        /// The right operands, as many as operators.
        comparators: Vec<Expr>,
        /// Position.
        span: Span,
    },
    /// `func(args, keywords)`.
    Call {
        /// The called expression.
        func: Box<Expr>,
        /// Positional arguments (a `Starred` for `*x`), in order.
        args: Vec<Expr>,
        /// Keyword arguments (`arg` is `None` for `**d`), in order.
        keywords: Vec<Keyword>,
        /// Position.
        span: Span,
    },
    /// One `{value!conversion:format_spec}` field of an f-string.
    FormattedValue {
        /// The formatted expression.
        value: Box<Expr>,
        /// The `!s`, `!r` or `!a` conversion.
        conversion: Conversion,
        /// The format specification: a `JoinedStr`, if any.
        format_spec: Option<Box<Expr>>,
        /// Position (CPython 3.11 gives fields the position of the whole string literal).
        span: Span,
    },
    /// An f-string (with any adjacent literals): `Constant` str parts and `FormattedValue`s.
    JoinedStr {
        /// The parts, in order.
        values: Vec<Expr>,
        /// Position.
        span: Span,
    },
    /// A literal: `None`, `True`, `1`, `1.5`, `'text'`, `...`.
    Constant {
        /// The value.
        value: Constant,
        /// `Some("u")` for a string written with the `u` prefix, as in CPython.
        kind: Option<String>,
        /// Position.
        span: Span,
    },
    /// `value.attr`.
    Attribute {
        /// The object.
        value: Box<Expr>,
        /// The attribute name.
        attr: String,
        /// Load, store or delete.
        ctx: ExprContext,
        /// Position.
        span: Span,
    },
    /// `value[slice]`; `a[1:2]` has a `Slice` and `a[1, 2]` a `Tuple` as its `slice`.
    Subscript {
        /// The subscripted object.
        value: Box<Expr>,
        /// The index: any expression, a `Slice`, or a `Tuple` possibly holding slices.
        slice: Box<Expr>,
        /// Load, store or delete.
        ctx: ExprContext,
        /// Position.
        span: Span,
    },
    /// `*value`, in a display, a call or an assignment target.
    Starred {
        /// The starred expression.
        value: Box<Expr>,
        /// Load or store.
        ctx: ExprContext,
        /// Position.
        span: Span,
    },
    /// A name.
    Name {
        /// The identifier.
        id: String,
        /// Load, store or delete.
        ctx: ExprContext,
        /// Position.
        span: Span,
    },
    /// `[a, b]`.
    List {
        /// The elements.
        elts: Vec<Expr>,
        /// Load, store or delete.
        ctx: ExprContext,
        /// Position.
        span: Span,
    },
    /// `(a, b)` or `a, b`.
    Tuple {
        /// The elements.
        elts: Vec<Expr>,
        /// Load, store or delete.
        ctx: ExprContext,
        /// Position: includes the parentheses when there are any.
        span: Span,
    },
    /// `lower:upper:step`, only directly in a `Subscript`'s `slice` or a tuple there.
    Slice {
        /// The start, if written.
        lower: Option<Box<Expr>>,
        /// The stop, if written.
        upper: Option<Box<Expr>>,
        /// The step, if written.
        step: Option<Box<Expr>>,
        /// Position.
        span: Span,
    },
}
