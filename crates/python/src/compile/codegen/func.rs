//! Nested code objects: `def`, `lambda`, `class` and comprehensions.

use std::rc::Rc;

use super::{docstring, Compiler, Result, ScopeKind};
use crate::compile::bytecode::{CodeObject, Const, Instr};
use crate::compile::symtable::{mangle, BlockId, CompKind, Scope};
use crate::syntax::ast::{Arguments, Comprehension, Expr, ExprContext, Stmt};

impl<'a> Compiler<'a> {
    fn block_for<T>(&self, node: &T) -> Result<BlockId> {
        self.table
            .block_of(node)
            .ok_or_else(|| self.error("internal error: no symbol table block"))
    }

    /// Loads each decorator (it ends in the method slot of its call).
    fn decorators(&mut self, decorators: &'a [Expr]) -> Result {
        decorators.iter().try_for_each(|d| self.expr(d))
    }

    /// Calls the decorators on the new function or class, innermost first.
    fn apply_decorators(&mut self, decorators: &'a [Expr]) {
        for d in decorators.iter().rev() {
            let saved = self.u().pos;
            self.set_loc(d.span());
            self.emit(Instr::Call(0));
            self.u().pos = saved;
        }
    }

    /// Positional defaults (a tuple) and keyword-only defaults (a dict); returns which.
    fn default_arguments(&mut self, args: &'a Arguments) -> Result<(bool, bool)> {
        let defaults = !args.defaults.is_empty();
        if defaults {
            for d in &args.defaults {
                self.expr(d)?;
            }
            self.emit(Instr::BuildTuple(args.defaults.len() as u32));
        }
        let mut count = 0;
        for (arg, default) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(default) = default {
                let name = mangle(self.state_ref().private.as_deref(), &arg.arg).into_owned();
                self.u().load_const(Const::Str(name.into()));
                self.expr(default)?;
                count += 1;
            }
        }
        if count > 0 {
            self.emit(Instr::BuildMap(count));
        }
        Ok((defaults, count > 0))
    }

    /// Evaluates the annotations (for their side effects; functions keep no
    /// `__annotations__`), in CPython's order.
    fn annotations(&mut self, args: &'a Arguments, returns: Option<&'a Expr>) -> Result {
        let mut all: Vec<&'a Expr> = Vec::new();
        for arg in args.args.iter().chain(&args.posonlyargs) {
            all.extend(arg.annotation.as_deref());
        }
        if let Some(a) = &args.vararg {
            all.extend(a.annotation.as_deref());
        }
        for arg in &args.kwonlyargs {
            all.extend(arg.annotation.as_deref());
        }
        if let Some(a) = &args.kwarg {
            all.extend(a.annotation.as_deref());
        }
        all.extend(returns);
        for a in all {
            self.expr(a)?;
            self.emit(Instr::PopTop);
        }
        Ok(())
    }

    fn set_arg_counts(&mut self, args: &Arguments) {
        let u = self.u();
        u.argcount = (args.posonlyargs.len() + args.args.len()) as u32;
        u.posonlyargcount = args.posonlyargs.len() as u32;
        u.kwonlyargcount = args.kwonlyargs.len() as u32;
        u.varargs = args.vararg.is_some();
        u.varkeywords = args.kwarg.is_some();
    }

    pub(super) fn function_def(&mut self, s: &'a Stmt) -> Result {
        let Stmt::FunctionDef {
            name,
            args,
            body,
            decorator_list,
            returns,
            span,
        } = s
        else {
            return Ok(());
        };
        self.check_debug_args(args)?;
        self.decorators(decorator_list)?;
        let first_line = decorator_list
            .first()
            .map_or(span.lineno, |d| d.span().lineno);
        let (defaults, kwdefaults) = self.default_arguments(args)?;
        self.annotations(args, returns.as_deref())?;
        let block = self.block_for(s)?;
        let private = self.state_ref().private.clone();
        self.enter_scope(
            name.as_str().into(),
            ScopeKind::Function,
            block,
            first_line,
            private,
        );
        let doc = docstring(body);
        self.u().docstring = doc.map(Rc::from);
        let doc_const = doc.map_or(Const::None, |d| Const::Str(d.into()));
        self.u().mark_source(&doc_const);
        self.u().add_const(doc_const);
        self.set_arg_counts(args);
        let rest = if doc.is_some() { &body[1..] } else { &body[..] };
        self.stmts(rest)?;
        self.unset_loc();
        self.u().load_const(Const::None);
        self.emit(Instr::ReturnValue);
        let code = self.exit_scope()?;
        self.make_closure(code, defaults, kwdefaults)?;
        self.apply_decorators(decorator_list);
        self.name_op(name, ExprContext::Store)
    }

    pub(super) fn lambda(&mut self, e: &'a Expr) -> Result {
        let Expr::Lambda { args, body, span } = e else {
            return Ok(());
        };
        self.check_debug_args(args)?;
        let (defaults, kwdefaults) = self.default_arguments(args)?;
        let block = self.block_for(e)?;
        let private = self.state_ref().private.clone();
        self.enter_scope(
            "<lambda>".into(),
            ScopeKind::Lambda,
            block,
            span.lineno,
            private,
        );
        self.u().add_const(Const::None);
        self.set_arg_counts(args);
        self.expr(body)?;
        // A generator lambda returns its body's value (what was sent in), without a line.
        if self.u().generator {
            self.unset_loc();
        }
        self.emit(Instr::ReturnValue);
        let code = self.exit_scope()?;
        self.make_closure(code, defaults, kwdefaults)
    }

    pub(super) fn class_def(&mut self, s: &'a Stmt) -> Result {
        let Stmt::ClassDef {
            name,
            bases,
            keywords,
            body,
            decorator_list,
            span,
        } = s
        else {
            return Ok(());
        };
        self.decorators(decorator_list)?;
        let first_line = decorator_list
            .first()
            .map_or(span.lineno, |d| d.span().lineno);
        let block = self.block_for(s)?;
        self.enter_scope(
            name.as_str().into(),
            ScopeKind::Class,
            block,
            first_line,
            Some(name.as_str().into()),
        );
        self.name_op("__name__", ExprContext::Load)?;
        self.name_op("__module__", ExprContext::Store)?;
        let qualname = self.u().qualname.clone();
        self.u().load_const(Const::Str(qualname));
        self.name_op("__qualname__", ExprContext::Store)?;
        self.u().docstring = docstring(body).map(Rc::from);
        self.body(body)?;
        self.unset_loc();
        if self.table.blocks[block].needs_class_closure {
            let op = self.u().cell_operand("__class__");
            let Some(op) = op else {
                return Err(self.error("internal error: no __class__ cell"));
            };
            self.emit(Instr::LoadClosure(op));
            self.emit(Instr::Copy(1));
            self.name_op("__classcell__", ExprContext::Store)?;
        } else {
            self.u().load_const(Const::None);
        }
        self.emit(Instr::ReturnValue);
        let code = self.exit_scope()?;
        self.set_loc(*span);
        self.emit(Instr::PushNull);
        self.emit(Instr::LoadBuildClass);
        self.make_closure(code, false, false)?;
        self.u().load_const(Const::Str(name.as_str().into()));
        self.call_helper(2, bases, keywords)?;
        self.apply_decorators(decorator_list);
        self.name_op(name, ExprContext::Store)
    }

    /// `[LoadClosure.. BuildTuple] LoadConst(code) MakeFunction`.
    fn make_closure(&mut self, code: CodeObject, defaults: bool, kwdefaults: bool) -> Result {
        let closure = !code.freevars.is_empty();
        if closure {
            for name in &code.freevars {
                let state = self.state_ref();
                let block = &self.table.blocks[state.block];
                // A class's `__class__` is its cell; anything else is a cell of this unit
                // or passes through its free variables.
                let is_cell = (state.scope == ScopeKind::Class && &**name == "__class__")
                    || block.scope(name) == Some(Scope::Cell);
                let op = if is_cell {
                    state.unit.cell_operand(name)
                } else {
                    state.unit.free_operand(name)
                };
                let Some(op) = op else {
                    return Err(self.error(format!("internal error: no cell for free '{name}'")));
                };
                self.emit(Instr::LoadClosure(op));
            }
            self.emit(Instr::BuildTuple(code.freevars.len() as u32));
        }
        self.u().load_const(Const::Code(Rc::new(code)));
        self.emit(Instr::MakeFunction {
            defaults,
            kwdefaults,
            closure,
        });
        Ok(())
    }

    pub(super) fn comprehension(&mut self, e: &'a Expr) -> Result {
        let (generators, elt, value, name): (
            &'a [Comprehension],
            &'a Expr,
            Option<&'a Expr>,
            &str,
        ) = match e {
            Expr::ListComp {
                elt, generators, ..
            } => (generators, elt, None, "<listcomp>"),
            Expr::SetComp {
                elt, generators, ..
            } => (generators, elt, None, "<setcomp>"),
            Expr::DictComp {
                key,
                value,
                generators,
                ..
            } => (generators, key, Some(&**value), "<dictcomp>"),
            Expr::GeneratorExp {
                elt, generators, ..
            } => (generators, elt, None, "<genexpr>"),
            _ => return Ok(()),
        };
        let Some(outermost) = generators.first() else {
            return Err(self.error("comprehension without a for clause"));
        };
        let block = self.block_for(e)?;
        let kind = self.table.blocks[block]
            .comprehension
            .unwrap_or(CompKind::List);
        let private = self.state_ref().private.clone();
        let span = e.span();
        self.enter_scope(
            name.into(),
            ScopeKind::Comprehension,
            block,
            span.lineno,
            private,
        );
        self.set_loc(span);
        self.u().argcount = 1;
        match kind {
            CompKind::List => self.emit(Instr::BuildList(0)),
            CompKind::Set => self.emit(Instr::BuildSet(0)),
            CompKind::Dict => self.emit(Instr::BuildMap(0)),
            CompKind::Generator => {}
        }
        self.comprehension_generator(generators, 0, 0, elt, value, kind)?;
        if kind == CompKind::Generator {
            self.unset_loc();
            self.u().load_const(Const::None);
        }
        self.emit(Instr::ReturnValue);
        let code = self.exit_scope()?;
        self.make_closure(code, false, false)?;
        self.expr(&outermost.iter)?;
        self.emit(Instr::GetIter);
        self.emit(Instr::Call(0));
        Ok(())
    }

    fn comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        mut depth: u32,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        kind: CompKind,
    ) -> Result {
        let gen = &generators[index];
        let mut start = Some(self.new_label());
        let if_cleanup = self.new_label();
        let anchor = self.new_label();
        if index == 0 {
            self.emit(Instr::LoadFast(0));
        } else {
            // `for y in [f(x)]` binds without a loop.
            let single = match &gen.iter {
                Expr::List { elts, .. } | Expr::Tuple { elts, .. } if elts.len() == 1 => {
                    Some(&elts[0]).filter(|e| !matches!(e, Expr::Starred { .. }))
                }
                _ => None,
            };
            match single {
                Some(only) => {
                    self.expr(only)?;
                    start = None;
                }
                None => {
                    self.expr(&gen.iter)?;
                    self.emit(Instr::GetIter);
                }
            }
        }
        if let Some(start) = start {
            depth += 1;
            self.bind(start);
            self.emit(Instr::ForIter(anchor));
        }
        self.expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, depth, elt, value, kind)?;
        } else {
            match kind {
                CompKind::Generator => {
                    self.expr(elt)?;
                    self.emit(Instr::YieldValue);
                    self.emit(Instr::PopTop);
                }
                CompKind::List => {
                    self.expr(elt)?;
                    self.emit(Instr::ListAppend(depth + 1));
                }
                CompKind::Set => {
                    self.expr(elt)?;
                    self.emit(Instr::SetAdd(depth + 1));
                }
                CompKind::Dict => {
                    self.expr(elt)?;
                    if let Some(v) = value {
                        self.expr(v)?;
                    }
                    self.emit(Instr::MapAdd(depth + 1));
                }
            }
        }
        self.bind(if_cleanup);
        if let Some(start) = start {
            self.emit(Instr::Jump(start));
            self.bind(anchor);
        }
        Ok(())
    }
}
