//! The checks CPython's symbol table makes: while it records how each name is used, then
//! while it resolves the scope of each name.

use std::collections::HashMap;

use super::super::ast::{Arguments, Comprehension, Expr, ExprContext, Module, Span, Stmt};
use super::super::error::SyntaxError;
use super::error_at;

const DEF_GLOBAL: u32 = 1;
const DEF_LOCAL: u32 = 2;
const DEF_PARAM: u32 = 4;
const DEF_NONLOCAL: u32 = 8;
const USE: u32 = 16;
const DEF_IMPORT: u32 = 32;
const DEF_ANNOT: u32 = 64;
const DEF_COMP_ITER: u32 = 128;
const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// The kind of a scope; comprehensions carry the name CPython's messages use.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Module,
    Class,
    Function,
    Comprehension(&'static str),
}

struct Block {
    kind: Kind,
    /// Names in order of first use, with their flags.
    symbols: Vec<(String, u32)>,
    index: HashMap<String, usize>,
    /// The first `global` or `nonlocal` statement naming each name.
    directives: HashMap<String, Span>,
    children: Vec<usize>,
}

type Check = Result<(), SyntaxError>;

struct Table {
    blocks: Vec<Block>,
    current: usize,
}

/// Build the symbol table of a module, reporting the errors CPython's does.
pub(super) fn check(module: &Module) -> Check {
    let mut table = Table {
        blocks: Vec::new(),
        current: 0,
    };
    table.blocks.push(Block::new(Kind::Module));
    module.body.iter().try_for_each(|s| table.stmt(s))?;
    table.analyze(0, None)
}

impl Block {
    fn new(kind: Kind) -> Block {
        Block {
            kind,
            symbols: Vec::new(),
            index: HashMap::new(),
            directives: HashMap::new(),
            children: Vec::new(),
        }
    }

    fn flags(&self, name: &str) -> u32 {
        self.index.get(name).map_or(0, |&i| self.symbols[i].1)
    }

    fn add(&mut self, name: &str, flag: u32) {
        match self.index.get(name) {
            Some(&i) => self.symbols[i].1 |= flag,
            None => {
                self.index.insert(name.to_string(), self.symbols.len());
                self.symbols.push((name.to_string(), flag));
            }
        }
    }
}

impl Table {
    fn error(&self, msg: impl Into<String>, span: Span) -> SyntaxError {
        error_at(msg, span)
    }

    fn block(&mut self) -> &mut Block {
        &mut self.blocks[self.current]
    }

    /// Record a use of a name; parameters may not repeat.
    fn add_def(&mut self, name: &str, flag: u32, span: Span) -> Check {
        if flag & DEF_PARAM != 0 && self.block().flags(name) & DEF_PARAM != 0 {
            return Err(self.error(
                format!("duplicate argument '{name}' in function definition"),
                span,
            ));
        }
        self.block().add(name, flag);
        Ok(())
    }

    /// Run `f` in a new child scope.
    fn enter(&mut self, kind: Kind, f: impl FnOnce(&mut Self) -> Check) -> Check {
        let index = self.blocks.len();
        self.blocks.push(Block::new(kind));
        self.blocks[self.current].children.push(index);
        let parent = std::mem::replace(&mut self.current, index);
        let result = f(self);
        self.current = parent;
        result
    }

    fn stmts(&mut self, stmts: &[Stmt]) -> Check {
        stmts.iter().try_for_each(|s| self.stmt(s))
    }

    fn exprs(&mut self, exprs: &[Expr]) -> Check {
        exprs.iter().try_for_each(|e| self.expr(e))
    }

    fn opt(&mut self, expr: Option<&Expr>) -> Check {
        expr.map_or(Ok(()), |e| self.expr(e))
    }

    fn annotations(&mut self, args: &Arguments, returns: Option<&Expr>) -> Check {
        let params = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.vararg)
            .chain(&args.kwonlyargs);
        for param in params.chain(&args.kwarg) {
            self.opt(param.annotation.as_deref())?;
        }
        self.opt(returns)
    }

    fn parameters(&mut self, args: &Arguments) -> Check {
        let ordered = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.kwonlyargs);
        for param in ordered.chain(&args.vararg).chain(&args.kwarg) {
            self.add_def(&param.arg, DEF_PARAM, param.span)?;
        }
        Ok(())
    }

    /// A `global` or `nonlocal` statement.
    fn directive(&mut self, names: &[String], span: Span, global: bool) -> Check {
        for name in names {
            let current = self.block().flags(name);
            if current & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                let what = if global { "global" } else { "nonlocal" };
                let msg = if current & DEF_PARAM != 0 {
                    format!("name '{name}' is parameter and {what}")
                } else if current & USE != 0 {
                    format!("name '{name}' is used prior to {what} declaration")
                } else if current & DEF_ANNOT != 0 {
                    format!("annotated name '{name}' can't be {what}")
                } else {
                    format!("name '{name}' is assigned to before {what} declaration")
                };
                return Err(self.error(msg, span));
            }
            self.block()
                .add(name, if global { DEF_GLOBAL } else { DEF_NONLOCAL });
            self.block().directives.entry(name.clone()).or_insert(span);
        }
        Ok(())
    }

    fn stmt(&mut self, stmt: &Stmt) -> Check {
        match stmt {
            Stmt::FunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                span,
            } => {
                self.add_def(name, DEF_LOCAL, *span)?;
                self.exprs(&args.defaults)?;
                args.kw_defaults
                    .iter()
                    .flatten()
                    .try_for_each(|e| self.expr(e))?;
                self.annotations(args, returns.as_deref())?;
                self.exprs(decorator_list)?;
                self.enter(Kind::Function, |t| {
                    t.parameters(args)?;
                    t.stmts(body)
                })
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
                keywords.iter().try_for_each(|k| self.expr(&k.value))?;
                self.exprs(decorator_list)?;
                self.enter(Kind::Class, |t| t.stmts(body))
            }
            Stmt::Return { value, .. } => self.opt(value.as_deref()),
            Stmt::Delete { targets, .. } => self.exprs(targets),
            Stmt::Assign { targets, value, .. } => {
                self.exprs(targets)?;
                self.expr(value)
            }
            Stmt::AnnAssign {
                target,
                annotation,
                value,
                simple,
                span,
            } => {
                if let (Expr::Name { id, .. }, true) = (target.as_ref(), *simple) {
                    let current = self.block().flags(id);
                    if current & (DEF_GLOBAL | DEF_NONLOCAL) != 0
                        && self.block().kind != Kind::Module
                    {
                        let what = if current & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return Err(
                            self.error(format!("annotated name '{id}' can't be {what}"), *span)
                        );
                    }
                    self.add_def(id, DEF_LOCAL | DEF_ANNOT, *span)?;
                } else {
                    self.expr(target)?;
                }
                self.expr(annotation)?;
                self.opt(value.as_deref())
            }
            Stmt::AugAssign { target, value, .. } => {
                self.expr(target)?;
                self.expr(value)
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
                self.stmts(orelse)
            }
            Stmt::While {
                test, body, orelse, ..
            }
            | Stmt::If {
                test, body, orelse, ..
            } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            Stmt::With { items, body, .. } => {
                for item in items {
                    self.expr(&item.context_expr)?;
                    self.opt(item.optional_vars.as_deref())?;
                }
                self.stmts(body)
            }
            Stmt::Raise { exc, cause, .. } => {
                self.opt(exc.as_deref())?;
                self.opt(cause.as_deref())
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
                for handler in handlers {
                    self.opt(handler.type_.as_deref())?;
                    if let Some(name) = &handler.name {
                        self.add_def(name, DEF_LOCAL, handler.span)?;
                    }
                    self.stmts(&handler.body)?;
                }
                self.stmts(finalbody)
            }
            Stmt::Assert { test, msg, .. } => {
                self.expr(test)?;
                self.opt(msg.as_deref())
            }
            Stmt::Import { names, .. } | Stmt::ImportFrom { names, .. } => {
                for alias in names {
                    if alias.name == "*" {
                        if self.block().kind != Kind::Module {
                            return Err(
                                self.error("import * only allowed at module level", alias.span)
                            );
                        }
                        continue;
                    }
                    let bound = alias
                        .asname
                        .as_deref()
                        .unwrap_or_else(|| alias.name.split('.').next().unwrap_or(""));
                    self.add_def(bound, DEF_IMPORT, alias.span)?;
                }
                Ok(())
            }
            Stmt::Global { names, span } => self.directive(names, *span, true),
            Stmt::Nonlocal { names, span } => self.directive(names, *span, false),
            Stmt::Expr { value, .. } => self.expr(value),
            Stmt::Pass { .. } | Stmt::Break { .. } | Stmt::Continue { .. } => Ok(()),
        }
    }

    fn comprehension(
        &mut self,
        what: &'static str,
        generators: &[Comprehension],
        elts: &[&Expr],
    ) -> Check {
        self.expr(&generators[0].iter)?;
        self.enter(Kind::Comprehension(what), |t| {
            for (i, generator) in generators.iter().enumerate() {
                if i > 0 {
                    t.expr(&generator.iter)?;
                }
                t.comprehension_target(&generator.target)?;
                t.exprs(&generator.ifs)?;
            }
            elts.iter().try_for_each(|e| t.expr(e))
        })
    }

    /// A comprehension's target: its names are iteration variables.
    fn comprehension_target(&mut self, target: &Expr) -> Check {
        match target {
            Expr::Name {
                id,
                ctx: ExprContext::Store,
                ..
            } => {
                self.block().add(id, DEF_LOCAL | DEF_COMP_ITER);
                Ok(())
            }
            Expr::Tuple { elts, .. } | Expr::List { elts, .. } => {
                elts.iter().try_for_each(|e| self.comprehension_target(e))
            }
            Expr::Starred { value, .. } => self.comprehension_target(value),
            _ => self.expr(target),
        }
    }

    /// An assignment expression's target inside comprehensions binds in the enclosing scope.
    fn named_target(&mut self, name: &str, span: Span) -> Check {
        if !matches!(self.block().kind, Kind::Comprehension(_)) {
            return self.add_def(name, DEF_LOCAL, span);
        }
        // Walk out through the comprehensions (CPython's `symtable_extend_namedexpr_scope`).
        let mut chain = vec![self.current];
        let mut index = self.current;
        loop {
            if self.blocks[index].flags(name) & DEF_COMP_ITER != 0 {
                let msg = format!(
                    "assignment expression cannot rebind comprehension iteration variable '{name}'"
                );
                return Err(self.error(msg, span));
            }
            let Some(parent) = self.blocks.iter().position(|b| b.children.contains(&index)) else {
                break;
            };
            index = parent;
            match self.blocks[index].kind {
                Kind::Comprehension(_) => chain.push(index),
                Kind::Class => return Err(self.error(
                    "assignment expression within a comprehension cannot be used in a class body",
                    span,
                )),
                Kind::Function | Kind::Module => {
                    let flag = if self.blocks[index].kind == Kind::Module {
                        DEF_GLOBAL
                    } else {
                        DEF_LOCAL
                    };
                    self.blocks[index].add(name, flag);
                    break;
                }
            }
        }
        for comprehension in chain {
            self.blocks[comprehension].add(name, DEF_NONLOCAL);
        }
        Ok(())
    }

    fn expr(&mut self, expr: &Expr) -> Check {
        match expr {
            Expr::Name { id, ctx, span } => {
                let flag = if *ctx == ExprContext::Load {
                    USE
                } else {
                    DEF_LOCAL
                };
                self.add_def(id, flag, *span)
            }
            Expr::NamedExpr { target, value, .. } => {
                self.expr(value)?;
                match target.as_ref() {
                    Expr::Name { id, span, .. } => self.named_target(id, *span),
                    other => self.expr(other),
                }
            }
            Expr::Lambda { args, body, .. } => {
                self.exprs(&args.defaults)?;
                args.kw_defaults
                    .iter()
                    .flatten()
                    .try_for_each(|e| self.expr(e))?;
                self.enter(Kind::Function, |t| {
                    t.parameters(args)?;
                    t.expr(body)
                })
            }
            Expr::ListComp {
                elt, generators, ..
            } => self.comprehension("list comprehension", generators, &[elt]),
            Expr::SetComp {
                elt, generators, ..
            } => self.comprehension("set comprehension", generators, &[elt]),
            Expr::GeneratorExp {
                elt, generators, ..
            } => self.comprehension("generator expression", generators, &[elt]),
            Expr::DictComp {
                key,
                value,
                generators,
                ..
            } => self.comprehension("dict comprehension", generators, &[key, value]),
            Expr::Yield { value, span } => {
                self.opt(value.as_deref())?;
                self.no_yield_in_comprehension(*span)
            }
            Expr::YieldFrom { value, span } => {
                self.expr(value)?;
                self.no_yield_in_comprehension(*span)
            }
            _ => {
                let mut result = Ok(());
                super::super::walk::expr_children(expr, &mut |child| {
                    if result.is_ok() {
                        result = self.expr(child);
                    }
                });
                result
            }
        }
    }

    fn no_yield_in_comprehension(&mut self, span: Span) -> Check {
        if let Kind::Comprehension(what) = self.block().kind {
            return Err(self.error(format!("'yield' inside {what}"), span));
        }
        Ok(())
    }

    /// CPython's `analyze_block`: resolve names, with `bound` the names bound in enclosing
    /// functions (`None` at module level).
    fn analyze(&self, index: usize, bound: Option<&[String]>) -> Check {
        let block = &self.blocks[index];
        let directive = |name: &str| block.directives.get(name).copied().unwrap_or_default();
        for (name, flags) in &block.symbols {
            if flags & DEF_GLOBAL != 0 && flags & DEF_NONLOCAL != 0 {
                return Err(self.error(
                    format!("name '{name}' is nonlocal and global"),
                    directive(name),
                ));
            }
            if flags & DEF_GLOBAL == 0 && flags & DEF_NONLOCAL != 0 {
                match bound {
                    None => {
                        return Err(self.error(
                            "nonlocal declaration not allowed at module level",
                            directive(name),
                        ))
                    }
                    Some(bound)
                        if !bound.iter().any(|b| b == name)
                            && !matches!(block.kind, Kind::Comprehension(_)) =>
                    {
                        return Err(self.error(
                            format!("no binding for nonlocal '{name}' found"),
                            directive(name),
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
        let mut new_bound: Vec<String> = bound.map(<[String]>::to_vec).unwrap_or_default();
        if matches!(block.kind, Kind::Function | Kind::Comprehension(_)) {
            for (name, flags) in &block.symbols {
                if flags & DEF_BOUND != 0 && flags & (DEF_GLOBAL | DEF_NONLOCAL) == 0 {
                    new_bound.push(name.clone());
                }
            }
        }
        for (name, flags) in &block.symbols {
            if flags & DEF_GLOBAL != 0 {
                new_bound.retain(|b| b != name);
            }
        }
        for &child in &block.children {
            self.analyze(child, Some(&new_bound))?;
        }
        Ok(())
    }
}
