//! `ast.dump`: the tree as CPython 3.11 prints it.

use std::fmt::Write;

use super::ast::{
    Alias, Arg, Arguments, Comprehension, Constant, ExceptHandler, Expr, Keyword, Module, Span,
    Stmt, Withitem,
};
use crate::text::{float_repr, str_repr};

/// `ast.dump(ast.parse(source))`: every field, optional fields left out when absent, no
/// positions.
pub fn dump(module: &Module) -> String {
    Dumper::new(false).module(module)
}

/// `ast.dump(ast.parse(source), include_attributes=True)`: with every node's position.
pub fn dump_with_positions(module: &Module) -> String {
    Dumper::new(true).module(module)
}

struct Dumper {
    positions: bool,
    out: String,
}

impl Dumper {
    fn new(positions: bool) -> Dumper {
        Dumper {
            positions,
            out: String::new(),
        }
    }

    fn module(mut self, module: &Module) -> String {
        self.out.push_str("Module(body=");
        self.stmts(&module.body);
        self.out.push_str(", type_ignores=[])");
        self.out
    }

    /// `Name(` ... `)` around `body`, which writes the fields.
    fn node(&mut self, name: &str, span: Option<Span>, body: impl FnOnce(&mut Self, &mut bool)) {
        self.out.push_str(name);
        self.out.push('(');
        let mut first = true;
        body(self, &mut first);
        if let (true, Some(span)) = (self.positions, span) {
            let sep = if first { "" } else { ", " };
            let _ = write!(
                self.out,
                "{sep}lineno={}, col_offset={}, end_lineno={}, end_col_offset={}",
                span.lineno, span.col_offset, span.end_lineno, span.end_col_offset
            );
        }
        self.out.push(')');
    }

    fn field(&mut self, first: &mut bool, name: &str) {
        if !*first {
            self.out.push_str(", ");
        }
        *first = false;
        self.out.push_str(name);
        self.out.push('=');
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            each(self, item);
        }
        self.out.push(']');
    }

    fn stmts(&mut self, stmts: &[Stmt]) {
        self.list(stmts, |d, s| d.stmt(s));
    }

    fn exprs(&mut self, exprs: &[Expr]) {
        self.list(exprs, |d, e| d.expr(e));
    }

    fn strs(&mut self, names: &[String]) {
        self.list(names, |d, n| d.out.push_str(&str_repr(n)));
    }

    fn simple(&mut self, name: &str) {
        self.out.push_str(name);
        self.out.push_str("()");
    }

    fn stmt(&mut self, stmt: &Stmt) {
        let span = Some(stmt.span());
        match stmt {
            Stmt::FunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                ..
            } => self.node("FunctionDef", span, |d, f| {
                d.field(f, "name");
                d.out.push_str(&str_repr(name));
                d.field(f, "args");
                d.arguments(args);
                d.field(f, "body");
                d.stmts(body);
                d.field(f, "decorator_list");
                d.exprs(decorator_list);
                d.opt_expr(f, "returns", returns.as_deref());
            }),
            Stmt::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
                ..
            } => self.node("ClassDef", span, |d, f| {
                d.field(f, "name");
                d.out.push_str(&str_repr(name));
                d.field(f, "bases");
                d.exprs(bases);
                d.field(f, "keywords");
                d.list(keywords, |d, k| d.keyword(k));
                d.field(f, "body");
                d.stmts(body);
                d.field(f, "decorator_list");
                d.exprs(decorator_list);
            }),
            Stmt::Return { value, .. } => self.node("Return", span, |d, f| {
                d.opt_expr(f, "value", value.as_deref())
            }),
            Stmt::Delete { targets, .. } => self.node("Delete", span, |d, f| {
                d.field(f, "targets");
                d.exprs(targets);
            }),
            Stmt::Assign { targets, value, .. } => self.node("Assign", span, |d, f| {
                d.field(f, "targets");
                d.exprs(targets);
                d.expr_field(f, "value", value);
            }),
            Stmt::AugAssign {
                target, op, value, ..
            } => self.node("AugAssign", span, |d, f| {
                d.expr_field(f, "target", target);
                d.field(f, "op");
                d.simple(op.name());
                d.expr_field(f, "value", value);
            }),
            Stmt::AnnAssign {
                target,
                annotation,
                value,
                simple,
                ..
            } => self.node("AnnAssign", span, |d, f| {
                d.expr_field(f, "target", target);
                d.expr_field(f, "annotation", annotation);
                d.opt_expr(f, "value", value.as_deref());
                d.field(f, "simple");
                d.out.push_str(if *simple { "1" } else { "0" });
            }),
            Stmt::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => self.node("For", span, |d, f| {
                d.expr_field(f, "target", target);
                d.expr_field(f, "iter", iter);
                d.field(f, "body");
                d.stmts(body);
                d.field(f, "orelse");
                d.stmts(orelse);
            }),
            Stmt::While {
                test, body, orelse, ..
            }
            | Stmt::If {
                test, body, orelse, ..
            } => {
                let name = if matches!(stmt, Stmt::While { .. }) {
                    "While"
                } else {
                    "If"
                };
                self.node(name, span, |d, f| {
                    d.expr_field(f, "test", test);
                    d.field(f, "body");
                    d.stmts(body);
                    d.field(f, "orelse");
                    d.stmts(orelse);
                })
            }
            Stmt::With { items, body, .. } => self.node("With", span, |d, f| {
                d.field(f, "items");
                d.list(items, |d, i| d.withitem(i));
                d.field(f, "body");
                d.stmts(body);
            }),
            Stmt::Raise { exc, cause, .. } => self.node("Raise", span, |d, f| {
                d.opt_expr(f, "exc", exc.as_deref());
                d.opt_expr(f, "cause", cause.as_deref());
            }),
            Stmt::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => self.node("Try", span, |d, f| {
                d.field(f, "body");
                d.stmts(body);
                d.field(f, "handlers");
                d.list(handlers, |d, h| d.handler(h));
                d.field(f, "orelse");
                d.stmts(orelse);
                d.field(f, "finalbody");
                d.stmts(finalbody);
            }),
            Stmt::Assert { test, msg, .. } => self.node("Assert", span, |d, f| {
                d.expr_field(f, "test", test);
                d.opt_expr(f, "msg", msg.as_deref());
            }),
            Stmt::Import { names, .. } => self.node("Import", span, |d, f| {
                d.field(f, "names");
                d.list(names, |d, a| d.alias(a));
            }),
            Stmt::ImportFrom {
                module,
                names,
                level,
                ..
            } => self.node("ImportFrom", span, |d, f| {
                if let Some(module) = module {
                    d.field(f, "module");
                    d.out.push_str(&str_repr(module));
                }
                d.field(f, "names");
                d.list(names, |d, a| d.alias(a));
                d.field(f, "level");
                let _ = write!(d.out, "{level}");
            }),
            Stmt::Global { names, .. } | Stmt::Nonlocal { names, .. } => {
                let name = if matches!(stmt, Stmt::Global { .. }) {
                    "Global"
                } else {
                    "Nonlocal"
                };
                self.node(name, span, |d, f| {
                    d.field(f, "names");
                    d.strs(names);
                })
            }
            Stmt::Expr { value, .. } => {
                self.node("Expr", span, |d, f| d.expr_field(f, "value", value))
            }
            Stmt::Pass { .. } | Stmt::Break { .. } | Stmt::Continue { .. } => {
                self.node(stmt.name(), span, |_, _| {})
            }
        }
    }

    fn expr_field(&mut self, first: &mut bool, name: &str, expr: &Expr) {
        self.field(first, name);
        self.expr(expr);
    }

    fn opt_expr(&mut self, first: &mut bool, name: &str, expr: Option<&Expr>) {
        if let Some(expr) = expr {
            self.expr_field(first, name, expr);
        }
    }

    fn comprehensions(&mut self, generators: &[Comprehension]) {
        self.list(generators, |d, c| {
            d.node("comprehension", None, |d, f| {
                d.expr_field(f, "target", &c.target);
                d.expr_field(f, "iter", &c.iter);
                d.field(f, "ifs");
                d.exprs(&c.ifs);
                d.field(f, "is_async");
                d.out.push_str(if c.is_async { "1" } else { "0" });
            })
        });
    }

    fn expr(&mut self, expr: &Expr) {
        let span = Some(expr.span());
        let name = expr.name();
        match expr {
            Expr::BoolOp { op, values, .. } => self.node(name, span, |d, f| {
                d.field(f, "op");
                d.simple(op.name());
                d.field(f, "values");
                d.exprs(values);
            }),
            Expr::NamedExpr { target, value, .. } => self.node(name, span, |d, f| {
                d.expr_field(f, "target", target);
                d.expr_field(f, "value", value);
            }),
            Expr::BinOp {
                left, op, right, ..
            } => self.node(name, span, |d, f| {
                d.expr_field(f, "left", left);
                d.field(f, "op");
                d.simple(op.name());
                d.expr_field(f, "right", right);
            }),
            Expr::UnaryOp { op, operand, .. } => self.node(name, span, |d, f| {
                d.field(f, "op");
                d.simple(op.name());
                d.expr_field(f, "operand", operand);
            }),
            Expr::Lambda { args, body, .. } => self.node(name, span, |d, f| {
                d.field(f, "args");
                d.arguments(args);
                d.expr_field(f, "body", body);
            }),
            Expr::IfExp {
                test, body, orelse, ..
            } => self.node(name, span, |d, f| {
                d.expr_field(f, "test", test);
                d.expr_field(f, "body", body);
                d.expr_field(f, "orelse", orelse);
            }),
            Expr::Dict { keys, values, .. } => self.node(name, span, |d, f| {
                d.field(f, "keys");
                d.list(keys, |d, k| match k {
                    Some(k) => d.expr(k),
                    None => d.out.push_str("None"),
                });
                d.field(f, "values");
                d.exprs(values);
            }),
            Expr::Set { elts, .. } => self.node(name, span, |d, f| {
                d.field(f, "elts");
                d.exprs(elts);
            }),
            Expr::ListComp {
                elt, generators, ..
            }
            | Expr::SetComp {
                elt, generators, ..
            }
            | Expr::GeneratorExp {
                elt, generators, ..
            } => self.node(name, span, |d, f| {
                d.expr_field(f, "elt", elt);
                d.field(f, "generators");
                d.comprehensions(generators);
            }),
            Expr::DictComp {
                key,
                value,
                generators,
                ..
            } => self.node(name, span, |d, f| {
                d.expr_field(f, "key", key);
                d.expr_field(f, "value", value);
                d.field(f, "generators");
                d.comprehensions(generators);
            }),
            Expr::Yield { value, .. } => {
                self.node(name, span, |d, f| d.opt_expr(f, "value", value.as_deref()))
            }
            Expr::YieldFrom { value, .. } => {
                self.node(name, span, |d, f| d.expr_field(f, "value", value))
            }
            Expr::Compare {
                left,
                ops,
                comparators,
                ..
            } => self.node(name, span, |d, f| {
                d.expr_field(f, "left", left);
                d.field(f, "ops");
                d.list(ops, |d, op| d.simple(op.name()));
                d.field(f, "comparators");
                d.exprs(comparators);
            }),
            Expr::Call {
                func,
                args,
                keywords,
                ..
            } => self.node(name, span, |d, f| {
                d.expr_field(f, "func", func);
                d.field(f, "args");
                d.exprs(args);
                d.field(f, "keywords");
                d.list(keywords, |d, k| d.keyword(k));
            }),
            Expr::FormattedValue {
                value,
                conversion,
                format_spec,
                ..
            } => self.node(name, span, |d, f| {
                d.expr_field(f, "value", value);
                d.field(f, "conversion");
                let _ = write!(d.out, "{}", conversion.code());
                d.opt_expr(f, "format_spec", format_spec.as_deref());
            }),
            Expr::JoinedStr { values, .. } => self.node(name, span, |d, f| {
                d.field(f, "values");
                d.exprs(values);
            }),
            Expr::Constant { value, kind, .. } => self.node(name, span, |d, f| {
                d.field(f, "value");
                d.constant(value);
                if let Some(kind) = kind {
                    d.field(f, "kind");
                    d.out.push_str(&str_repr(kind));
                }
            }),
            Expr::Attribute {
                value, attr, ctx, ..
            } => self.node(name, span, |d, f| {
                d.expr_field(f, "value", value);
                d.field(f, "attr");
                d.out.push_str(&str_repr(attr));
                d.field(f, "ctx");
                d.simple(ctx.name());
            }),
            Expr::Subscript {
                value, slice, ctx, ..
            } => self.node(name, span, |d, f| {
                d.expr_field(f, "value", value);
                d.expr_field(f, "slice", slice);
                d.field(f, "ctx");
                d.simple(ctx.name());
            }),
            Expr::Starred { value, ctx, .. } => self.node(name, span, |d, f| {
                d.expr_field(f, "value", value);
                d.field(f, "ctx");
                d.simple(ctx.name());
            }),
            Expr::Name { id, ctx, .. } => self.node(name, span, |d, f| {
                d.field(f, "id");
                d.out.push_str(&str_repr(id));
                d.field(f, "ctx");
                d.simple(ctx.name());
            }),
            Expr::List { elts, ctx, .. } | Expr::Tuple { elts, ctx, .. } => {
                self.node(name, span, |d, f| {
                    d.field(f, "elts");
                    d.exprs(elts);
                    d.field(f, "ctx");
                    d.simple(ctx.name());
                })
            }
            Expr::Slice {
                lower, upper, step, ..
            } => self.node(name, span, |d, f| {
                d.opt_expr(f, "lower", lower.as_deref());
                d.opt_expr(f, "upper", upper.as_deref());
                d.opt_expr(f, "step", step.as_deref());
            }),
        }
    }

    fn constant(&mut self, value: &Constant) {
        match value {
            Constant::None => self.out.push_str("None"),
            Constant::Bool(true) => self.out.push_str("True"),
            Constant::Bool(false) => self.out.push_str("False"),
            Constant::Int(i) => {
                let _ = write!(self.out, "{i}");
            }
            Constant::BigInt(digits) => self.out.push_str(digits),
            Constant::Float(x) => self.out.push_str(&float_repr(*x)),
            Constant::Str(s) => self.out.push_str(&str_repr(s)),
            Constant::Ellipsis => self.out.push_str("Ellipsis"),
        }
    }

    fn arguments(&mut self, args: &Arguments) {
        self.node("arguments", None, |d, f| {
            d.field(f, "posonlyargs");
            d.list(&args.posonlyargs, |d, a| d.arg(a));
            d.field(f, "args");
            d.list(&args.args, |d, a| d.arg(a));
            if let Some(vararg) = &args.vararg {
                d.field(f, "vararg");
                d.arg(vararg);
            }
            d.field(f, "kwonlyargs");
            d.list(&args.kwonlyargs, |d, a| d.arg(a));
            d.field(f, "kw_defaults");
            d.list(&args.kw_defaults, |d, e| match e {
                Some(e) => d.expr(e),
                None => d.out.push_str("None"),
            });
            if let Some(kwarg) = &args.kwarg {
                d.field(f, "kwarg");
                d.arg(kwarg);
            }
            d.field(f, "defaults");
            d.exprs(&args.defaults);
        });
    }

    fn arg(&mut self, arg: &Arg) {
        self.node("arg", Some(arg.span), |d, f| {
            d.field(f, "arg");
            d.out.push_str(&str_repr(&arg.arg));
            d.opt_expr(f, "annotation", arg.annotation.as_deref());
        });
    }

    fn keyword(&mut self, keyword: &Keyword) {
        self.node("keyword", Some(keyword.span), |d, f| {
            if let Some(arg) = &keyword.arg {
                d.field(f, "arg");
                d.out.push_str(&str_repr(arg));
            }
            d.expr_field(f, "value", &keyword.value);
        });
    }

    fn alias(&mut self, alias: &Alias) {
        self.node("alias", Some(alias.span), |d, f| {
            d.field(f, "name");
            d.out.push_str(&str_repr(&alias.name));
            if let Some(asname) = &alias.asname {
                d.field(f, "asname");
                d.out.push_str(&str_repr(asname));
            }
        });
    }

    fn withitem(&mut self, item: &Withitem) {
        self.node("withitem", None, |d, f| {
            d.expr_field(f, "context_expr", &item.context_expr);
            d.opt_expr(f, "optional_vars", item.optional_vars.as_deref());
        });
    }

    fn handler(&mut self, handler: &ExceptHandler) {
        self.node("ExceptHandler", Some(handler.span), |d, f| {
            d.opt_expr(f, "type", handler.type_.as_deref());
            if let Some(name) = &handler.name {
                d.field(f, "name");
                d.out.push_str(&str_repr(name));
            }
            d.field(f, "body");
            d.stmts(&handler.body);
        });
    }
}
