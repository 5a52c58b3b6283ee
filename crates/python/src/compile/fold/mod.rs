//! Constant folding on the syntax tree, as CPython 3.11's `Python/ast_opt.c` does it before
//! the symbol table runs: `-1`, `2 * 3`, `'ab' * 2`, `(1, 2)` become constants (so a tuple of
//! constants lives in the code object's constants, where reference counts can see it),
//! `not x in y` becomes `x not in y`, a list literal iterated by `for` or tested by `in`
//! becomes a tuple, `'%s %r' % (a, b)` becomes an f-string, `__debug__` becomes `True`.
//! Folding never changes what a program does: an operation that would raise is left alone.

use crate::compile::{too_deep, SyntaxError, MAX_DEPTH};
use crate::syntax::ast::{
    Cmpop, Comprehension, Constant, Expr, ExprContext, Module, Span, Stmt, Unaryop,
};

mod binop;

type Result<T = ()> = std::result::Result<T, SyntaxError>;

/// Folds the constants of a whole module in place.
pub(crate) fn fold_module(module: &mut Module) -> Result {
    let mut folder = Folder { depth: 0 };
    folder.stmts(&mut module.body)
}

struct Folder {
    depth: u32,
}

/// Python truthiness of a constant.
pub(crate) fn truthy(c: &Constant) -> bool {
    match c {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Int(i) => *i != 0,
        Constant::BigInt(_) => true,
        Constant::Float(f) => *f != 0.0,
        Constant::Str(s) => !s.is_empty(),
        Constant::Ellipsis => true,
    }
}

impl Folder {
    fn stmts(&mut self, stmts: &mut [Stmt]) -> Result {
        stmts.iter_mut().try_for_each(|s| self.stmt(s))
    }

    fn exprs(&mut self, exprs: &mut [Expr]) -> Result {
        exprs.iter_mut().try_for_each(|e| self.expr(e))
    }

    fn opt(&mut self, e: &mut Option<Box<Expr>>) -> Result {
        match e {
            Some(e) => self.expr(e),
            None => Ok(()),
        }
    }

    fn stmt(&mut self, s: &mut Stmt) -> Result {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(too_deep(s.span()));
        }
        let r = self.stmt_inner(s);
        self.depth -= 1;
        r
    }

    fn stmt_inner(&mut self, s: &mut Stmt) -> Result {
        match s {
            Stmt::FunctionDef {
                args,
                body,
                decorator_list,
                returns,
                ..
            } => {
                self.exprs(decorator_list)?;
                self.arguments(args)?;
                self.opt(returns)?;
                self.stmts(body)?;
            }
            Stmt::ClassDef {
                bases,
                keywords,
                body,
                decorator_list,
                ..
            } => {
                self.exprs(decorator_list)?;
                self.exprs(bases)?;
                for k in keywords {
                    self.expr(&mut k.value)?;
                }
                self.stmts(body)?;
            }
            Stmt::Return { value, .. } => self.opt(value)?,
            Stmt::Delete { targets, .. } => self.exprs(targets)?,
            Stmt::Assign { targets, value, .. } => {
                self.exprs(targets)?;
                self.expr(value)?;
            }
            Stmt::AugAssign { target, value, .. } => {
                self.expr(target)?;
                self.expr(value)?;
            }
            Stmt::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                self.expr(target)?;
                self.expr(annotation)?;
                self.opt(value)?;
            }
            Stmt::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(target)?;
                self.expr(iter)?;
                fold_iter(iter);
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            Stmt::While {
                test, body, orelse, ..
            }
            | Stmt::If {
                test, body, orelse, ..
            } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            Stmt::With { items, body, .. } => {
                for item in items {
                    self.expr(&mut item.context_expr)?;
                    self.opt(&mut item.optional_vars)?;
                }
                self.stmts(body)?;
            }
            Stmt::Raise { exc, cause, .. } => {
                self.opt(exc)?;
                self.opt(cause)?;
            }
            Stmt::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                self.stmts(body)?;
                for h in handlers {
                    self.opt(&mut h.type_)?;
                    self.stmts(&mut h.body)?;
                }
                self.stmts(orelse)?;
                self.stmts(finalbody)?;
            }
            Stmt::Assert { test, msg, .. } => {
                self.expr(test)?;
                self.opt(msg)?;
            }
            Stmt::Expr { value, .. } => self.expr(value)?,
            Stmt::Import { .. }
            | Stmt::ImportFrom { .. }
            | Stmt::Global { .. }
            | Stmt::Nonlocal { .. }
            | Stmt::Pass { .. }
            | Stmt::Break { .. }
            | Stmt::Continue { .. } => {}
        }
        Ok(())
    }

    fn arguments(&mut self, args: &mut crate::syntax::ast::Arguments) -> Result {
        for arg in args
            .posonlyargs
            .iter_mut()
            .chain(&mut args.args)
            .chain(&mut args.kwonlyargs)
        {
            self.opt(&mut arg.annotation)?;
        }
        for arg in args.vararg.iter_mut().chain(args.kwarg.iter_mut()) {
            self.opt(&mut arg.annotation)?;
        }
        for d in args.kw_defaults.iter_mut().flatten() {
            self.expr(d)?;
        }
        self.exprs(&mut args.defaults)
    }

    fn generators(&mut self, generators: &mut [Comprehension]) -> Result {
        for g in generators {
            self.expr(&mut g.target)?;
            self.expr(&mut g.iter)?;
            fold_iter(&mut g.iter);
            self.exprs(&mut g.ifs)?;
        }
        Ok(())
    }

    fn expr(&mut self, e: &mut Expr) -> Result {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(too_deep(e.span()));
        }
        let r = self.expr_inner(e);
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self, e: &mut Expr) -> Result {
        match e {
            Expr::BoolOp { values, .. } => self.exprs(values)?,
            Expr::NamedExpr { value, .. } => self.expr(value)?,
            Expr::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
                replace_binop(e);
            }
            Expr::UnaryOp { operand, .. } => {
                self.expr(operand)?;
                fold_unaryop(e);
            }
            Expr::Lambda { args, body, .. } => {
                self.arguments(args)?;
                self.expr(body)?;
            }
            Expr::IfExp {
                test, body, orelse, ..
            } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            Expr::Dict { keys, values, .. } => {
                for k in keys.iter_mut().flatten() {
                    self.expr(k)?;
                }
                self.exprs(values)?;
            }
            Expr::Set { elts, .. } | Expr::List { elts, .. } => self.exprs(elts)?,
            Expr::ListComp {
                elt, generators, ..
            }
            | Expr::SetComp {
                elt, generators, ..
            }
            | Expr::GeneratorExp {
                elt, generators, ..
            } => {
                self.expr(elt)?;
                self.generators(generators)?;
            }
            Expr::DictComp {
                key,
                value,
                generators,
                ..
            } => {
                self.expr(key)?;
                self.expr(value)?;
                self.generators(generators)?;
            }
            Expr::Yield { value, .. } => self.opt(value)?,
            Expr::YieldFrom { value, .. } => self.expr(value)?,
            Expr::Compare {
                left,
                ops,
                comparators,
                ..
            } => {
                self.expr(left)?;
                self.exprs(comparators)?;
                if matches!(ops.last(), Some(Cmpop::In | Cmpop::NotIn)) {
                    if let Some(last) = comparators.last_mut() {
                        fold_iter(last);
                    }
                }
            }
            Expr::Call {
                func,
                args,
                keywords,
                ..
            } => {
                self.expr(func)?;
                self.exprs(args)?;
                for k in keywords {
                    self.expr(&mut k.value)?;
                }
            }
            Expr::FormattedValue {
                value, format_spec, ..
            } => {
                self.expr(value)?;
                self.opt(format_spec)?;
            }
            Expr::JoinedStr { values, .. } => self.exprs(values)?,
            Expr::Constant { .. } => {}
            Expr::Attribute { value, .. } => self.expr(value)?,
            Expr::Subscript {
                value,
                slice,
                ctx,
                span,
            } => {
                self.expr(value)?;
                self.expr(slice)?;
                if *ctx == ExprContext::Load {
                    if let Some(mut c) = fold_subscript(value, slice) {
                        *c.span_mut() = *span;
                        *e = c;
                    }
                }
            }
            Expr::Starred { value, .. } => self.expr(value)?,
            Expr::Name { id, ctx, span } => {
                if *ctx == ExprContext::Load && id == "__debug__" {
                    *e = constant(Constant::Bool(true), *span);
                }
            }
            Expr::Tuple { elts, .. } => self.exprs(elts)?,
            Expr::Slice {
                lower, upper, step, ..
            } => {
                self.opt(lower)?;
                self.opt(upper)?;
                self.opt(step)?;
            }
        }
        Ok(())
    }
}

/// Replaces a `BinOp` node by its folded form.
#[inline(never)]
fn replace_binop(e: &mut Expr) {
    if let Some(folded) = binop::fold_binop(e) {
        *e = folded;
    }
}

/// A constant expression node.
pub(crate) fn constant(value: Constant, span: Span) -> Expr {
    Expr::Constant {
        value,
        kind: None,
        span,
    }
}

/// A constant, or a tuple (in load context) of constants, recursively.
pub(crate) fn is_constant(e: &Expr) -> bool {
    match e {
        Expr::Constant { .. } => true,
        Expr::Tuple {
            elts,
            ctx: ExprContext::Load,
            ..
        } => elts.iter().all(is_constant),
        _ => false,
    }
}

/// `for x in [a, b]` and `x in [a, b]`: the list becomes a tuple (CPython's `fold_iter`).
#[inline(never)]
fn fold_iter(e: &mut Expr) {
    if let Expr::List { elts, ctx, span } = e {
        if elts.iter().any(|x| matches!(x, Expr::Starred { .. })) {
            return;
        }
        *e = Expr::Tuple {
            elts: std::mem::take(elts),
            ctx: *ctx,
            span: *span,
        };
    }
}

#[inline(never)]
fn fold_unaryop(e: &mut Expr) {
    let Expr::UnaryOp { op, operand, span } = e else {
        return;
    };
    if *op == Unaryop::Not {
        if let Expr::Compare { ops, .. } = &mut **operand {
            if ops.len() == 1 {
                let inverted = match ops[0] {
                    Cmpop::Is => Some(Cmpop::IsNot),
                    Cmpop::IsNot => Some(Cmpop::Is),
                    Cmpop::In => Some(Cmpop::NotIn),
                    Cmpop::NotIn => Some(Cmpop::In),
                    _ => None,
                };
                if let Some(inv) = inverted {
                    // The comparison takes the place of `not`, keeping its own position.
                    ops[0] = inv;
                    *e = std::mem::replace(&mut **operand, constant(Constant::None, *span));
                    return;
                }
            }
        }
    }
    let span = *span;
    let folded = match (&**operand, *op) {
        (Expr::Constant { value, .. }, Unaryop::Not) => Some(Constant::Bool(!truthy(value))),
        (Expr::Tuple { elts, .. }, Unaryop::Not) if is_constant(operand) => {
            Some(Constant::Bool(elts.is_empty()))
        }
        (Expr::Constant { value, .. }, op) => unary_number(value, op),
        _ => None,
    };
    if let Some(c) = folded {
        *e = constant(c, span);
    }
}

fn unary_number(value: &Constant, op: Unaryop) -> Option<Constant> {
    let int = match value {
        Constant::Int(i) => Some(*i),
        Constant::Bool(b) => Some(i64::from(*b)),
        _ => None,
    };
    match (int, value, op) {
        (Some(i64::MIN), _, Unaryop::USub) => Some(Constant::BigInt("9223372036854775808".into())),
        (Some(i), _, Unaryop::USub) => i.checked_neg().map(Constant::Int),
        (None, Constant::BigInt(digits), Unaryop::USub | Unaryop::UAdd | Unaryop::Invert) => {
            let (negative, rest) = match digits.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, &**digits),
            };
            let value = crate::text::BigInt::parse_digits(negative, rest, 10).ok()?;
            let result = match op {
                Unaryop::USub => value.negated(),
                Unaryop::Invert => value.add(&crate::text::BigInt::from_i64(1)).negated(),
                _ => value,
            };
            Some(match result.to_i64() {
                Some(small) => Constant::Int(small),
                None => Constant::BigInt(result.to_decimal().ok()?.into()),
            })
        }
        (Some(i), _, Unaryop::UAdd) => Some(Constant::Int(i)),
        (Some(i), _, Unaryop::Invert) => Some(Constant::Int(!i)),
        (None, Constant::Float(f), Unaryop::USub) => Some(Constant::Float(-f)),
        (None, Constant::Float(f), Unaryop::UAdd) => Some(Constant::Float(*f)),
        _ => None,
    }
}

#[inline(never)]
fn fold_subscript(value: &Expr, index: &Expr) -> Option<Expr> {
    let Expr::Constant { value: index, .. } = index else {
        return None;
    };
    let i = match index {
        Constant::Int(i) => *i,
        Constant::Bool(b) => i64::from(*b),
        _ => return None,
    };
    let at = |n: usize| -> Option<usize> {
        let j = if i < 0 { i + n as i64 } else { i };
        (0..n as i64).contains(&j).then_some(j as usize)
    };
    match value {
        Expr::Constant {
            value: Constant::Str(s),
            span,
            ..
        } => {
            let c = s.chars().nth(at(s.chars().count())?)?;
            Some(constant(Constant::Str(c.to_string()), *span))
        }
        Expr::Tuple { elts, .. } if is_constant(value) => Some(elts[at(elts.len())?].clone()),
        _ => None,
    }
}
