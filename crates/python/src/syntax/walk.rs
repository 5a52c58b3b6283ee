//! Visiting the children of tree nodes, and measuring the tree's depth.

use super::ast::{Expr, Module, Stmt};

/// Call `f` on each direct child expression of `expr`, in source order.
pub fn expr_children<'a>(expr: &'a Expr, f: &mut dyn FnMut(&'a Expr)) {
    match expr {
        Expr::BoolOp { values, .. } => values.iter().for_each(f),
        Expr::NamedExpr { target, value, .. } => {
            f(target);
            f(value);
        }
        Expr::BinOp { left, right, .. } => {
            f(left);
            f(right);
        }
        Expr::UnaryOp { operand, .. } => f(operand),
        Expr::Lambda { args, body, .. } => {
            arguments_exprs(args, f);
            f(body);
        }
        Expr::IfExp {
            test, body, orelse, ..
        } => {
            f(body);
            f(test);
            f(orelse);
        }
        Expr::Dict { keys, values, .. } => {
            for (key, value) in keys.iter().zip(values) {
                if let Some(key) = key {
                    f(key);
                }
                f(value);
            }
        }
        Expr::Set { elts, .. } | Expr::List { elts, .. } | Expr::Tuple { elts, .. } => {
            elts.iter().for_each(f)
        }
        Expr::ListComp {
            elt, generators, ..
        }
        | Expr::SetComp {
            elt, generators, ..
        }
        | Expr::GeneratorExp {
            elt, generators, ..
        } => {
            f(elt);
            for generator in generators {
                f(&generator.target);
                f(&generator.iter);
                generator.ifs.iter().for_each(&mut *f);
            }
        }
        Expr::DictComp {
            key,
            value,
            generators,
            ..
        } => {
            f(key);
            f(value);
            for generator in generators {
                f(&generator.target);
                f(&generator.iter);
                generator.ifs.iter().for_each(&mut *f);
            }
        }
        Expr::Yield { value, .. } => {
            if let Some(value) = value {
                f(value);
            }
        }
        Expr::YieldFrom { value, .. } => f(value),
        Expr::Compare {
            left, comparators, ..
        } => {
            f(left);
            comparators.iter().for_each(f);
        }
        Expr::Call {
            func,
            args,
            keywords,
            ..
        } => {
            f(func);
            args.iter().for_each(&mut *f);
            keywords.iter().for_each(|k| f(&k.value));
        }
        Expr::FormattedValue {
            value, format_spec, ..
        } => {
            f(value);
            if let Some(spec) = format_spec {
                f(spec);
            }
        }
        Expr::JoinedStr { values, .. } => values.iter().for_each(f),
        Expr::Constant { .. } | Expr::Name { .. } => {}
        Expr::Attribute { value, .. } | Expr::Starred { value, .. } => f(value),
        Expr::Subscript { value, slice, .. } => {
            f(value);
            f(slice);
        }
        Expr::Slice {
            lower, upper, step, ..
        } => {
            for part in [lower, upper, step].into_iter().flatten() {
                f(part);
            }
        }
    }
}

/// The expressions of a parameter list: defaults and annotations.
fn arguments_exprs<'a>(args: &'a super::ast::Arguments, f: &mut dyn FnMut(&'a Expr)) {
    let all = args
        .posonlyargs
        .iter()
        .chain(&args.args)
        .chain(&args.vararg)
        .chain(&args.kwonlyargs)
        .chain(&args.kwarg);
    for arg in all {
        if let Some(annotation) = &arg.annotation {
            f(annotation);
        }
    }
    args.defaults.iter().for_each(&mut *f);
    args.kw_defaults.iter().flatten().for_each(f);
}

/// A statement or an expression.
#[derive(Clone, Copy, Debug)]
pub enum Node<'a> {
    /// A statement.
    Stmt(&'a Stmt),
    /// An expression.
    Expr(&'a Expr),
}

/// Call `f` on each direct child (expression or statement) of `stmt`, in source order.
pub fn stmt_children<'a>(stmt: &'a Stmt, f: &mut dyn FnMut(Node<'a>)) {
    let e = |f: &mut dyn FnMut(Node<'a>), x: &'a Expr| f(Node::Expr(x));
    let s =
        |f: &mut dyn FnMut(Node<'a>), body: &'a [Stmt]| body.iter().for_each(|x| f(Node::Stmt(x)));
    match stmt {
        Stmt::FunctionDef {
            args,
            body,
            decorator_list,
            returns,
            ..
        } => {
            decorator_list.iter().for_each(|x| e(f, x));
            arguments_exprs(args, &mut |x| f(Node::Expr(x)));
            returns.iter().for_each(|x| e(f, x));
            s(f, body);
        }
        Stmt::ClassDef {
            bases,
            keywords,
            body,
            decorator_list,
            ..
        } => {
            decorator_list.iter().chain(bases).for_each(|x| e(f, x));
            keywords.iter().for_each(|k| e(f, &k.value));
            s(f, body);
        }
        Stmt::Return { value, .. } => value.iter().for_each(|x| e(f, x)),
        Stmt::Delete { targets, .. } => targets.iter().for_each(|x| e(f, x)),
        Stmt::Assign { targets, value, .. } => {
            targets.iter().for_each(|x| e(f, x));
            e(f, value);
        }
        Stmt::AugAssign { target, value, .. } => {
            e(f, target);
            e(f, value);
        }
        Stmt::AnnAssign {
            target,
            annotation,
            value,
            ..
        } => {
            e(f, target);
            e(f, annotation);
            value.iter().for_each(|x| e(f, x));
        }
        Stmt::For {
            target,
            iter,
            body,
            orelse,
            ..
        } => {
            e(f, target);
            e(f, iter);
            s(f, body);
            s(f, orelse);
        }
        Stmt::While {
            test, body, orelse, ..
        }
        | Stmt::If {
            test, body, orelse, ..
        } => {
            e(f, test);
            s(f, body);
            s(f, orelse);
        }
        Stmt::With { items, body, .. } => {
            for item in items {
                e(f, &item.context_expr);
                item.optional_vars.iter().for_each(|x| e(f, x));
            }
            s(f, body);
        }
        Stmt::Raise { exc, cause, .. } => exc.iter().chain(cause).for_each(|x| e(f, x)),
        Stmt::Try {
            body,
            handlers,
            orelse,
            finalbody,
            ..
        } => {
            s(f, body);
            for handler in handlers {
                handler.type_.iter().for_each(|x| e(f, x));
                s(f, &handler.body);
            }
            s(f, orelse);
            s(f, finalbody);
        }
        Stmt::Assert { test, msg, .. } => {
            e(f, test);
            msg.iter().for_each(|x| e(f, x));
        }
        Stmt::Expr { value, .. } => e(f, value),
        Stmt::Import { .. }
        | Stmt::ImportFrom { .. }
        | Stmt::Global { .. }
        | Stmt::Nonlocal { .. }
        | Stmt::Pass { .. }
        | Stmt::Break { .. }
        | Stmt::Continue { .. } => {}
    }
}

/// The height of an expression (a leaf is 1), or `limit + 1` if it is higher than `limit`.
/// Recursion goes at most `limit` levels deep.
pub(crate) fn expr_height(expr: &Expr, limit: u32) -> u32 {
    if limit == 0 {
        return 1;
    }
    let mut highest = 0;
    expr_children(expr, &mut |child| {
        if highest < limit {
            highest = highest.max(expr_height(child, limit - 1));
        }
    });
    (highest + 1).min(limit + 1)
}

/// The depth of the deepest node of a module (statements and expressions), computed without
/// recursion.
pub fn module_depth(module: &Module) -> usize {
    let mut stack: Vec<(Node<'_>, usize)> =
        module.body.iter().map(|s| (Node::Stmt(s), 1)).collect();
    let mut deepest = 0;
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        match node {
            Node::Stmt(stmt) => stmt_children(stmt, &mut |child| stack.push((child, depth + 1))),
            Node::Expr(expr) => {
                expr_children(expr, &mut |e| stack.push((Node::Expr(e), depth + 1)))
            }
        }
    }
    deepest
}
