//! The first pass of the symbol table: how each block uses each name.

use std::collections::HashMap;
use std::rc::Rc;

use super::flags::*;
use super::{analyze, mangle, Block, BlockId, BlockKind, CompKind, SymbolTable};
use crate::compile::error::error_at;
use crate::compile::{too_deep, SyntaxError, MAX_DEPTH};
use crate::syntax::ast::{Alias, Arguments, ExceptHandler, Expr, ExprContext, Module, Span, Stmt};

mod comprehension;

type Result<T = ()> = std::result::Result<T, SyntaxError>;

/// Builds and analyzes the symbol table of a module.
pub(crate) fn build(module: &Module) -> Result<SymbolTable> {
    let top = Block::new(BlockKind::Module, Span::default(), false);
    let mut builder = Builder {
        blocks: vec![top],
        by_node: HashMap::new(),
        cur: 0,
        private: None,
        depth: 0,
    };
    for stmt in &module.body {
        builder.stmt(stmt)?;
    }
    let mut table = SymbolTable {
        blocks: builder.blocks,
        by_node: builder.by_node,
    };
    analyze::analyze(&mut table)?;
    Ok(table)
}

struct Builder {
    blocks: Vec<Block>,
    by_node: HashMap<usize, BlockId>,
    cur: BlockId,
    private: Option<Rc<str>>,
    depth: u32,
}

fn at(msg: String, span: Span) -> SyntaxError {
    error_at(msg, span)
}

impl Builder {
    fn cur(&mut self) -> &mut Block {
        &mut self.blocks[self.cur]
    }

    fn enter<T>(&mut self, kind: BlockKind, node: &T, span: Span) -> BlockId {
        let parent = &self.blocks[self.cur];
        let nested = parent.nested || parent.kind == BlockKind::Function;
        let id = self.blocks.len();
        self.blocks.push(Block::new(kind, span, nested));
        self.blocks[self.cur].children.push(id);
        self.blocks[id].parent = Some(self.cur);
        self.by_node.insert(node as *const T as usize, id);
        self.cur = id;
        id
    }

    fn add_def(&mut self, name: &str, flag: u32, span: Span) -> Result {
        self.add_def_in(self.cur, name, flag, span)
    }

    fn add_def_in(&mut self, block: BlockId, name: &str, flag: u32, span: Span) -> Result {
        let mangled: Rc<str> = mangle(self.private.as_deref(), name).into();
        let b = &mut self.blocks[block];
        let old = b.flags(&mangled);
        if flag & DEF_PARAM != 0 && old & DEF_PARAM != 0 {
            return Err(at(
                format!("duplicate argument '{name}' in function definition"),
                span,
            ));
        }
        let mut val = old | flag;
        if b.comp_iter_target {
            if val & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(at(
                    format!(
                        "comprehension inner loop cannot rebind assignment expression target \
                         '{name}'"
                    ),
                    span,
                ));
            }
            val |= DEF_COMP_ITER;
        }
        b.set_flags(&mangled, val);
        if flag & DEF_PARAM != 0 {
            b.params.push(mangled);
        } else if flag & DEF_GLOBAL != 0 {
            let top = &mut self.blocks[0];
            let val = flag | top.flags(&mangled);
            top.set_flags(&mangled, val);
        }
        Ok(())
    }

    fn stmts(&mut self, stmts: &[Stmt]) -> Result {
        stmts.iter().try_for_each(|s| self.stmt(s))
    }

    fn exprs(&mut self, exprs: &[Expr]) -> Result {
        exprs.iter().try_for_each(|e| self.expr(e))
    }

    fn opt(&mut self, e: &Option<Box<Expr>>) -> Result {
        match e {
            Some(e) => self.expr(e),
            None => Ok(()),
        }
    }

    fn stmt(&mut self, s: &Stmt) -> Result {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(too_deep(s.span()));
        }
        let r = self.stmt_inner(s);
        self.depth -= 1;
        r
    }

    fn stmt_inner(&mut self, s: &Stmt) -> Result {
        match s {
            Stmt::FunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                span,
            } => {
                self.add_def(name, DEF_LOCAL, *span)?;
                self.defaults(args)?;
                self.annotations(args, returns)?;
                self.exprs(decorator_list)?;
                let parent = self.cur;
                self.enter(BlockKind::Function, s, *span);
                self.params(args)?;
                self.stmts(body)?;
                self.cur = parent;
            }
            Stmt::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
                span,
            } => {
                self.add_def(name, DEF_LOCAL, *span)?;
                self.exprs(bases)?;
                for k in keywords {
                    self.expr(&k.value)?;
                }
                self.exprs(decorator_list)?;
                let parent = self.cur;
                self.enter(BlockKind::Class, s, *span);
                let saved = self.private.replace(name.as_str().into());
                self.stmts(body)?;
                self.private = saved;
                self.cur = parent;
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
                simple,
                span,
            } => {
                if let Expr::Name {
                    id,
                    span: name_span,
                    ..
                } = &**target
                {
                    let cur = self.blocks[self.cur].flags(&mangle(self.private.as_deref(), id));
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && self.cur != 0 && *simple {
                        let kind = if cur & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return Err(at(format!("annotated name '{id}' can't be {kind}"), *span));
                    }
                    if *simple {
                        self.add_def(id, DEF_ANNOT | DEF_LOCAL, *name_span)?;
                    } else if value.is_some() {
                        self.add_def(id, DEF_LOCAL, *name_span)?;
                    }
                } else {
                    self.expr(target)?;
                }
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
                    self.expr(&item.context_expr)?;
                    self.opt(&item.optional_vars)?;
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
                self.stmts(orelse)?;
                for h in handlers {
                    self.handler(h)?;
                }
                self.stmts(finalbody)?;
            }
            Stmt::Assert { test, msg, .. } => {
                self.expr(test)?;
                self.opt(msg)?;
            }
            Stmt::Import { names, .. } | Stmt::ImportFrom { names, .. } => {
                for alias in names {
                    self.alias(alias)?;
                }
            }
            Stmt::Global { names, span } => self.declare(names, *span, true)?,
            Stmt::Nonlocal { names, span } => self.declare(names, *span, false)?,
            Stmt::Expr { value, .. } => self.expr(value)?,
            Stmt::Pass { .. } | Stmt::Break { .. } | Stmt::Continue { .. } => {}
        }
        Ok(())
    }

    fn declare(&mut self, names: &[String], span: Span, global: bool) -> Result {
        let (kind, flag) = if global {
            ("global", DEF_GLOBAL)
        } else {
            ("nonlocal", DEF_NONLOCAL)
        };
        for name in names {
            let cur = self.blocks[self.cur].flags(&mangle(self.private.as_deref(), name));
            if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                let msg = if cur & DEF_PARAM != 0 {
                    format!("name '{name}' is parameter and {kind}")
                } else if cur & USE != 0 {
                    format!("name '{name}' is used prior to {kind} declaration")
                } else if cur & DEF_ANNOT != 0 {
                    format!("annotated name '{name}' can't be {kind}")
                } else {
                    format!("name '{name}' is assigned to before {kind} declaration")
                };
                return Err(at(msg, span));
            }
            self.add_def(name, flag, span)?;
            let mangled: Rc<str> = mangle(self.private.as_deref(), name).into();
            self.cur().directives.push((mangled, span));
        }
        Ok(())
    }

    fn handler(&mut self, h: &ExceptHandler) -> Result {
        self.opt(&h.type_)?;
        if let Some(name) = &h.name {
            self.add_def(name, DEF_LOCAL, h.span)?;
        }
        self.stmts(&h.body)
    }

    fn alias(&mut self, a: &Alias) -> Result {
        let name = a.asname.as_deref().unwrap_or(&a.name);
        if name == "*" {
            if self.blocks[self.cur].kind != BlockKind::Module {
                return Err(at("import * only allowed at module level".into(), a.span));
            }
            return Ok(());
        }
        let store = name.split('.').next().unwrap_or(name);
        self.add_def(store, DEF_IMPORT, a.span)
    }

    fn defaults(&mut self, args: &Arguments) -> Result {
        self.exprs(&args.defaults)?;
        for d in args.kw_defaults.iter().flatten() {
            self.expr(d)?;
        }
        Ok(())
    }

    fn annotations(&mut self, args: &Arguments, returns: &Option<Box<Expr>>) -> Result {
        for arg in &args.args {
            self.opt(&arg.annotation)?;
        }
        if let Some(a) = &args.vararg {
            self.opt(&a.annotation)?;
        }
        if let Some(a) = &args.kwarg {
            self.opt(&a.annotation)?;
        }
        for arg in args.kwonlyargs.iter().chain(&args.posonlyargs) {
            self.opt(&arg.annotation)?;
        }
        self.opt(returns)
    }

    fn params(&mut self, args: &Arguments) -> Result {
        for arg in args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.kwonlyargs)
        {
            self.add_def(&arg.arg, DEF_PARAM, arg.span)?;
        }
        if let Some(a) = &args.vararg {
            self.add_def(&a.arg, DEF_PARAM, a.span)?;
        }
        if let Some(a) = &args.kwarg {
            self.add_def(&a.arg, DEF_PARAM, a.span)?;
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> Result {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(too_deep(e.span()));
        }
        let r = self.expr_inner(e);
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self, e: &Expr) -> Result {
        match e {
            Expr::NamedExpr {
                target,
                value,
                span,
            } => {
                if self.blocks[self.cur].comp_iter_expr > 0 {
                    return Err(at(
                        "assignment expression cannot be used in a comprehension iterable \
                         expression"
                            .into(),
                        *span,
                    ));
                }
                if self.blocks[self.cur].comprehension.is_some() {
                    self.extend_namedexpr_scope(target)?;
                }
                self.expr(value)?;
                self.expr(target)?;
            }
            Expr::BoolOp { values, .. } => self.exprs(values)?,
            Expr::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
            }
            Expr::UnaryOp { operand, .. } => self.expr(operand)?,
            Expr::Lambda { args, body, span } => {
                self.defaults(args)?;
                let parent = self.cur;
                self.enter(BlockKind::Function, e, *span);
                self.params(args)?;
                self.expr(body)?;
                self.cur = parent;
            }
            Expr::IfExp {
                test, body, orelse, ..
            } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            Expr::Dict { keys, values, .. } => {
                for (k, v) in keys.iter().zip(values) {
                    if let Some(k) = k {
                        self.expr(k)?;
                    }
                    self.expr(v)?;
                }
            }
            Expr::Set { elts, .. } | Expr::List { elts, .. } | Expr::Tuple { elts, .. } => {
                self.exprs(elts)?
            }
            Expr::ListComp {
                elt,
                generators,
                span,
            } => self.comprehension(e, CompKind::List, generators, elt, None, *span)?,
            Expr::SetComp {
                elt,
                generators,
                span,
            } => self.comprehension(e, CompKind::Set, generators, elt, None, *span)?,
            Expr::GeneratorExp {
                elt,
                generators,
                span,
            } => self.comprehension(e, CompKind::Generator, generators, elt, None, *span)?,
            Expr::DictComp {
                key,
                value,
                generators,
                span,
            } => self.comprehension(e, CompKind::Dict, generators, key, Some(value), *span)?,
            Expr::Yield { value, span } => {
                self.opt(value)?;
                self.yield_in(*span)?;
            }
            Expr::YieldFrom { value, span } => {
                self.expr(value)?;
                self.yield_in(*span)?;
            }
            Expr::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                self.exprs(comparators)?;
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
                    self.expr(&k.value)?;
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
            Expr::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
            }
            Expr::Starred { value, .. } => self.expr(value)?,
            Expr::Slice {
                lower, upper, step, ..
            } => {
                self.opt(lower)?;
                self.opt(upper)?;
                self.opt(step)?;
            }
            Expr::Name { id, ctx, span } => {
                let flag = if *ctx == ExprContext::Load {
                    USE
                } else {
                    DEF_LOCAL
                };
                self.add_def(id, flag, *span)?;
                if *ctx == ExprContext::Load
                    && self.blocks[self.cur].kind == BlockKind::Function
                    && id == "super"
                {
                    self.add_def("__class__", USE, *span)?;
                }
            }
        }
        Ok(())
    }

    fn yield_in(&mut self, span: Span) -> Result {
        let b = self.cur();
        b.generator = true;
        if let Some(kind) = b.comprehension {
            return Err(at(format!("'yield' inside {}", kind.description()), span));
        }
        Ok(())
    }
}
