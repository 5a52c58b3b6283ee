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

/// Call `fe` on each direct child expression and `fs` on each direct child statement of
/// `stmt`.
pub fn stmt_children<'a>(
    stmt: &'a Stmt,
    fe: &mut dyn FnMut(&'a Expr),
    fs: &mut dyn FnMut(&'a Stmt),
) {
    match stmt {
        Stmt::FunctionDef {
            args,
            body,
            decorator_list,
            returns,
            ..
        } => {
            decorator_list.iter().for_each(&mut *fe);
            arguments_exprs(args, fe);
            if let Some(returns) = returns {
                fe(returns);
            }
            body.iter().for_each(fs);
        }
        Stmt::ClassDef {
            bases,
            keywords,
            body,
            decorator_list,
            ..
        } => {
            decorator_list.iter().for_each(&mut *fe);
            bases.iter().for_each(&mut *fe);
            keywords.iter().for_each(|k| fe(&k.value));
            body.iter().for_each(fs);
        }
        Stmt::Return { value, .. } => {
            if let Some(value) = value {
                fe(value);
            }
        }
        Stmt::Delete { targets, .. } => targets.iter().for_each(fe),
        Stmt::Assign { targets, value, .. } => {
            targets.iter().for_each(&mut *fe);
            fe(value);
        }
        Stmt::AugAssign { target, value, .. } => {
            fe(target);
            fe(value);
        }
        Stmt::AnnAssign {
            target,
            annotation,
            value,
            ..
        } => {
            fe(target);
            fe(annotation);
            if let Some(value) = value {
                fe(value);
            }
        }
        Stmt::For {
            target,
            iter,
            body,
            orelse,
            ..
        } => {
            fe(target);
            fe(iter);
            body.iter().chain(orelse).for_each(fs);
        }
        Stmt::While {
            test, body, orelse, ..
        }
        | Stmt::If {
            test, body, orelse, ..
        } => {
            fe(test);
            body.iter().chain(orelse).for_each(fs);
        }
        Stmt::With { items, body, .. } => {
            for item in items {
                fe(&item.context_expr);
                if let Some(vars) = &item.optional_vars {
                    fe(vars);
                }
            }
            body.iter().for_each(fs);
        }
        Stmt::Raise { exc, cause, .. } => {
            for part in [exc, cause].into_iter().flatten() {
                fe(part);
            }
        }
        Stmt::Try {
            body,
            handlers,
            orelse,
            finalbody,
            ..
        } => {
            body.iter().for_each(&mut *fs);
            for handler in handlers {
                if let Some(type_) = &handler.type_ {
                    fe(type_);
                }
                handler.body.iter().for_each(&mut *fs);
            }
            orelse.iter().chain(finalbody).for_each(fs);
        }
        Stmt::Assert { test, msg, .. } => {
            fe(test);
            if let Some(msg) = msg {
                fe(msg);
            }
        }
        Stmt::Expr { value, .. } => fe(value),
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
    enum Node<'a> {
        Stmt(&'a Stmt),
        Expr(&'a Expr),
    }
    let mut stack: Vec<(Node<'_>, usize)> =
        module.body.iter().map(|s| (Node::Stmt(s), 1)).collect();
    let mut deepest = 0;
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        match node {
            Node::Stmt(stmt) => {
                let mut exprs = Vec::new();
                let mut stmts = Vec::new();
                stmt_children(stmt, &mut |e| exprs.push(e), &mut |s| stmts.push(s));
                stack.extend(exprs.into_iter().map(|e| (Node::Expr(e), depth + 1)));
                stack.extend(stmts.into_iter().map(|s| (Node::Stmt(s), depth + 1)));
            }
            Node::Expr(expr) => {
                expr_children(expr, &mut |e| stack.push((Node::Expr(e), depth + 1)))
            }
        }
    }
    deepest
}
