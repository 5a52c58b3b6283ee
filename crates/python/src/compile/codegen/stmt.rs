//! Statements: assignments, imports, `if`, loops, `return`, `raise`, `assert`.

use super::{const_value, Compiler, FData, FKind, Result, ScopeKind};
use crate::compile::bytecode::{Const, Instr};
use crate::compile::fold::is_constant;
use crate::syntax::ast::{Alias, Expr, ExprContext, Stmt};

impl<'a> Compiler<'a> {
    pub(super) fn stmt(&mut self, s: &'a Stmt) -> Result {
        self.enter_node(s.span())?;
        self.set_loc(s.span());
        let r = self.stmt_inner(s);
        self.leave_node();
        r
    }

    fn stmt_inner(&mut self, s: &'a Stmt) -> Result {
        match s {
            Stmt::FunctionDef { .. } => self.function_def(s),
            Stmt::ClassDef { .. } => self.class_def(s),
            Stmt::Return { value, .. } => self.return_stmt(value.as_deref()),
            Stmt::Delete { targets, .. } => targets.iter().try_for_each(|t| self.expr(t)),
            Stmt::Assign { targets, value, .. } => self.assign(targets, value),
            Stmt::AugAssign {
                target, op, value, ..
            } => self.aug_assign(target, *op, value),
            Stmt::AnnAssign {
                target,
                annotation,
                value,
                simple,
                ..
            } => self.ann_assign(target, annotation, value.as_deref(), *simple),
            Stmt::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => self.for_stmt(target, iter, body, orelse),
            Stmt::While {
                test,
                body,
                orelse,
                span,
            } => self.while_stmt(test, body, orelse, *span),
            Stmt::If {
                test, body, orelse, ..
            } => self.if_stmt(test, body, orelse),
            Stmt::With { .. } => self.with_stmt(s, 0),
            Stmt::Raise { exc, cause, .. } => {
                let mut n = 0;
                if let Some(exc) = exc {
                    self.expr(exc)?;
                    n = 1;
                    if let Some(cause) = cause {
                        self.expr(cause)?;
                        n = 2;
                    }
                }
                self.emit(Instr::Raise(n));
                Ok(())
            }
            Stmt::Try { finalbody, .. } => {
                if finalbody.is_empty() {
                    self.try_except(s)
                } else {
                    self.try_finally(s)
                }
            }
            Stmt::Assert { test, msg, .. } => {
                if matches!(&**test, Expr::Tuple { elts, .. } if !elts.is_empty()) {
                    self.warn("assertion is always true, perhaps remove parentheses?".into());
                }
                let end = self.new_label();
                self.jump_if(test, end, true)?;
                self.emit(Instr::LoadAssertionError);
                if let Some(msg) = msg {
                    self.expr(msg)?;
                    self.emit(Instr::Call(0));
                }
                self.emit(Instr::Raise(1));
                self.bind(end);
                Ok(())
            }
            Stmt::Import { names, .. } => self.import(names),
            Stmt::ImportFrom {
                module,
                names,
                level,
                ..
            } => self.import_from(module.as_deref(), names, *level),
            Stmt::Global { .. } | Stmt::Nonlocal { .. } => Ok(()),
            Stmt::Expr { value, .. } => {
                if is_constant(value) {
                    self.emit(Instr::Nop);
                    return Ok(());
                }
                self.expr(value)?;
                self.unset_loc();
                self.emit(Instr::PopTop);
                Ok(())
            }
            Stmt::Pass { .. } => {
                self.emit(Instr::Nop);
                Ok(())
            }
            Stmt::Break { .. } => self.break_stmt(),
            Stmt::Continue { .. } => self.continue_stmt(),
        }
    }

    fn assign(&mut self, targets: &'a [Expr], value: &'a Expr) -> Result {
        if let [target] = targets {
            if self.swap_assign(target, value)? {
                return Ok(());
            }
        }
        self.expr(value)?;
        for (i, t) in targets.iter().enumerate() {
            if i + 1 < targets.len() {
                self.emit(Instr::Copy(1));
            }
            self.expr(t)?;
        }
        Ok(())
    }

    /// `a, b = b, a`: CPython's optimizer turns `BuildTuple(n); UnpackSequence(n)` into
    /// `Swap(n)` (n = 2, 3) or nothing (n = 1), and applies the swap to the stores
    /// themselves when they are all `StoreFast` on one line.
    fn swap_assign(&mut self, target: &'a Expr, value: &'a Expr) -> Result<bool> {
        let (Expr::Tuple {
            elts: targets,
            ctx: ExprContext::Store,
            ..
        }
        | Expr::List {
            elts: targets,
            ctx: ExprContext::Store,
            ..
        }) = target
        else {
            return Ok(false);
        };
        let Expr::Tuple {
            elts: values,
            ctx: ExprContext::Load,
            ..
        } = value
        else {
            return Ok(false);
        };
        let n = targets.len();
        let starred = |e: &Expr| matches!(e, Expr::Starred { .. });
        if n == 0
            || n > 3
            || values.len() != n
            || is_constant(value)
            || values.iter().any(starred)
            || targets.iter().any(starred)
        {
            return Ok(false);
        }
        self.set_loc(value.span());
        for v in values {
            self.expr(v)?;
        }
        self.set_loc(target.span());
        if n == 1 {
            self.expr(&targets[0])?;
            return Ok(true);
        }
        let line = targets[0].span().lineno;
        let all_fast = targets.iter().all(|t| match t {
            Expr::Name { id, span, .. } => span.lineno == line && self.is_fast(id),
            _ => false,
        });
        if all_fast {
            // The swap is applied to the stores themselves: they run in reverse.
            for t in targets.iter().rev() {
                self.expr(t)?;
            }
        } else {
            self.emit(Instr::Swap(n as u32));
            for t in targets {
                self.expr(t)?;
            }
        }
        Ok(true)
    }

    fn aug_assign(
        &mut self,
        target: &'a Expr,
        op: crate::syntax::ast::Operator,
        value: &'a Expr,
    ) -> Result {
        let saved = self.u().pos;
        self.set_loc(target.span());
        match target {
            Expr::Attribute {
                value: obj,
                attr,
                span,
                ..
            } => {
                self.expr(obj)?;
                self.emit(Instr::Copy(1));
                self.match_attr_start(attr, *span);
                let i = self.attr_name(attr);
                self.emit(Instr::LoadAttr(i));
            }
            Expr::Subscript {
                value: obj, slice, ..
            } => {
                self.expr(obj)?;
                self.expr(slice)?;
                self.emit(Instr::Copy(2));
                self.emit(Instr::Copy(2));
                self.emit(Instr::BinarySubscr);
            }
            Expr::Name { id, .. } => self.name_op(id, ExprContext::Load)?,
            _ => {
                return Err(
                    self.error("'expression' is an illegal expression for augmented assignment")
                )
            }
        }
        self.u().pos = saved;
        self.expr(value)?;
        self.emit(Instr::BinaryOp {
            op: super::expr::binop(op),
            inplace: true,
        });
        self.set_loc(target.span());
        match target {
            Expr::Attribute { attr, span, .. } => {
                self.match_attr_start(attr, *span);
                self.emit(Instr::Swap(2));
                let i = self.attr_name(attr);
                self.emit(Instr::StoreAttr(i));
            }
            Expr::Subscript { .. } => {
                self.emit(Instr::Swap(3));
                self.emit(Instr::Swap(2));
                self.emit(Instr::StoreSubscr);
            }
            Expr::Name { id, .. } => self.name_op(id, ExprContext::Store)?,
            _ => {}
        }
        Ok(())
    }

    fn ann_assign(
        &mut self,
        target: &'a Expr,
        annotation: &'a Expr,
        value: Option<&'a Expr>,
        simple: bool,
    ) -> Result {
        if let Some(value) = value {
            self.expr(value)?;
            self.expr(target)?;
        }
        let module_or_class = matches!(self.scope_kind(), ScopeKind::Module | ScopeKind::Class);
        match target {
            Expr::Name { id, .. } => {
                if simple && module_or_class {
                    self.expr(annotation)?;
                    self.name_op("__annotations__", ExprContext::Load)?;
                    let state = self.state();
                    let mangled =
                        crate::compile::symtable::mangle(state.private.as_deref(), id).into_owned();
                    self.u().load_const(Const::Str(mangled.into()));
                    self.emit(Instr::StoreSubscr);
                }
                return Ok(());
            }
            Expr::Attribute { value: obj, .. } if value.is_none() => {
                self.expr(obj)?;
                self.emit(Instr::PopTop);
            }
            Expr::Subscript {
                value: obj, slice, ..
            } if value.is_none() => {
                self.expr(obj)?;
                self.emit(Instr::PopTop);
                self.check_ann_subscript(slice)?;
            }
            _ => {}
        }
        if !simple && module_or_class {
            self.expr(annotation)?;
            self.emit(Instr::PopTop);
        }
        Ok(())
    }

    fn check_ann_subscript(&mut self, slice: &'a Expr) -> Result {
        match slice {
            Expr::Slice {
                lower, upper, step, ..
            } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.expr(part)?;
                    self.emit(Instr::PopTop);
                }
                Ok(())
            }
            Expr::Tuple { elts, .. } => elts.iter().try_for_each(|e| self.check_ann_subscript(e)),
            _ => {
                self.expr(slice)?;
                self.emit(Instr::PopTop);
                Ok(())
            }
        }
    }

    fn import(&mut self, names: &'a [Alias]) -> Result {
        for alias in names {
            let i = self.attr_name(&alias.name);
            self.emit(Instr::ImportName(i));
            match &alias.asname {
                Some(asname) => {
                    let mut parts = alias.name.split('.').skip(1).peekable();
                    if parts.peek().is_none() {
                        self.name_op(asname, ExprContext::Store)?;
                        continue;
                    }
                    while let Some(part) = parts.next() {
                        let i = self.u().add_name(part);
                        self.emit(Instr::ImportFrom(i));
                        if parts.peek().is_some() {
                            self.emit(Instr::Swap(2));
                            self.emit(Instr::PopTop);
                        }
                    }
                    self.name_op(asname, ExprContext::Store)?;
                    self.emit(Instr::PopTop);
                }
                None => {
                    let first = alias.name.split('.').next().unwrap_or(&alias.name);
                    self.name_op(first, ExprContext::Store)?;
                }
            }
        }
        Ok(())
    }

    fn import_from(&mut self, module: Option<&str>, names: &'a [Alias], level: u32) -> Result {
        let mut full = ".".repeat(level as usize);
        full.push_str(module.unwrap_or(""));
        let i = self.attr_name(&full);
        self.emit(Instr::ImportName(i));
        for alias in names {
            if alias.name == "*" {
                self.emit(Instr::ImportStar);
                return Ok(());
            }
            let i = self.attr_name(&alias.name);
            self.emit(Instr::ImportFrom(i));
            self.name_op(
                alias.asname.as_deref().unwrap_or(&alias.name),
                ExprContext::Store,
            )?;
        }
        self.emit(Instr::PopTop);
        Ok(())
    }

    fn return_stmt(&mut self, value: Option<&'a Expr>) -> Result {
        if !matches!(self.scope_kind(), ScopeKind::Function | ScopeKind::Lambda) {
            return Err(self.error("'return' outside function"));
        }
        let preserve = value.is_some_and(|v| !is_constant(v));
        let stmt_pos = self.u().pos;
        if let Some(v) = value {
            if preserve {
                self.expr(v)?;
            } else {
                self.set_loc(v.span());
                self.emit(Instr::Nop);
            }
        }
        if value.is_none_or(|v| v.span().lineno != stmt_pos.line) {
            self.u().pos = stmt_pos;
            self.emit(Instr::Nop);
        }
        self.unwind_all(preserve)?;
        match value {
            None => self.u().load_const(Const::None),
            Some(v) if !preserve => {
                let c = const_value(v).unwrap_or(Const::None);
                self.u().load_source_const(c);
            }
            Some(_) => {}
        }
        self.emit(Instr::ReturnValue);
        Ok(())
    }

    fn if_stmt(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> Result {
        let end = self.new_label();
        let next = if orelse.is_empty() {
            end
        } else {
            self.new_label()
        };
        self.jump_if(test, next, false)?;
        self.stmts(body)?;
        if !orelse.is_empty() {
            self.emit_noline(Instr::Jump(end));
            self.bind(next);
            self.stmts(orelse)?;
        }
        self.bind(end);
        Ok(())
    }

    fn while_stmt(
        &mut self,
        test: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
        span: crate::syntax::ast::Span,
    ) -> Result {
        let top = self.new_label();
        let body_label = self.new_label();
        let anchor = self.new_label();
        let exit = self.new_label();
        self.bind(top);
        self.push_fblock(FKind::WhileLoop, top, exit, FData::None)?;
        self.jump_if(test, anchor, false)?;
        self.bind(body_label);
        self.stmts(body)?;
        self.set_loc(span);
        self.jump_if(test, body_label, true)?;
        self.pop_fblock();
        self.bind(anchor);
        self.stmts(orelse)?;
        self.bind(exit);
        Ok(())
    }

    fn for_stmt(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> Result {
        let start = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.push_fblock(FKind::ForLoop, start, end, FData::None)?;
        self.expr(iter)?;
        self.emit(Instr::GetIter);
        self.bind(start);
        self.emit(Instr::ForIter(cleanup));
        self.expr(target)?;
        self.stmts(body)?;
        self.unset_loc();
        self.emit(Instr::Jump(start));
        self.bind(cleanup);
        self.pop_fblock();
        self.stmts(orelse)?;
        self.bind(end);
        Ok(())
    }

    fn break_stmt(&mut self) -> Result {
        let pos = self.u().pos;
        self.emit(Instr::Nop);
        let Some(loop_index) = self.unwind_to_loop()? else {
            // Unwinding may have moved the position: the error is the statement's.
            self.u().pos = pos;
            return Err(self.error("'break' outside loop"));
        };
        let fb = self.state_ref().fblocks[loop_index];
        self.unwind_block(fb, false)?;
        self.emit(Instr::Jump(fb.exit));
        Ok(())
    }

    fn continue_stmt(&mut self) -> Result {
        let pos = self.u().pos;
        self.emit(Instr::Nop);
        let Some(loop_index) = self.unwind_to_loop()? else {
            self.u().pos = pos;
            return Err(self.error("'continue' not properly in loop"));
        };
        let fb = self.state_ref().fblocks[loop_index];
        self.emit(Instr::Jump(fb.block));
        Ok(())
    }
}
