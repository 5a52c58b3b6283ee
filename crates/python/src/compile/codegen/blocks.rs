//! `try`, `with`, and unwinding them for `break`, `continue` and `return`.
//!
//! Handlers are pushed by `SetupFinally` and popped by `PopBlock` on every path that leaves
//! the protected code normally; entering a handler pops its own block. A handler starts with
//! the exception pushed on the stack at the depth recorded in its `SetupFinally`. "Restore
//! and re-raise" (`Swap(2); PopExcept; Reraise`) puts back the exception that was being
//! handled before and raises the current one again.

use super::{position, Compiler, FBlock, FData, FKind, Result};
use crate::compile::bytecode::{Const, Instr};
use crate::syntax::ast::{ExprContext, Stmt};

impl<'a> Compiler<'a> {
    /// `Swap(2); PopExcept; Reraise`, after popping the handler's cleanup block.
    fn restore_and_reraise(&mut self, pop_block: bool) {
        if pop_block {
            self.emit(Instr::PopBlock);
        }
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopExcept);
        self.emit(Instr::Reraise);
    }

    pub(super) fn try_except(&mut self, s: &'a Stmt) -> Result {
        let Stmt::Try {
            body,
            handlers,
            orelse,
            ..
        } = s
        else {
            return Ok(());
        };
        let body_label = self.new_label();
        let except = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        self.u().setup_finally(except, 0);
        self.push_fblock(FKind::TryExcept, body_label, end, FData::None)?;
        self.stmts(body)?;
        self.pop_fblock();
        self.emit_noline(Instr::PopBlock);
        self.stmts(orelse)?;
        self.emit_noline(Instr::Jump(end));

        // Stack: exc.
        self.bind(except);
        self.unset_loc();
        self.emit(Instr::PushExcInfo);
        // Stack: prev_exc exc; the cleanup handler keeps prev_exc.
        self.u().setup_finally(cleanup, -1);
        self.push_fblock(FKind::ExceptionHandler, end, end, FData::None)?;
        for (i, h) in handlers.iter().enumerate() {
            self.set_loc(h.span);
            if h.type_.is_none() && i + 1 < handlers.len() {
                return Err(self.error("default 'except:' must be last"));
            }
            let next = self.new_label();
            if let Some(t) = &h.type_ {
                self.expr(t)?;
                self.emit(Instr::CheckExcMatch);
                self.emit(Instr::PopJumpIfFalse(next));
            }
            match &h.name {
                Some(name) => {
                    let cleanup_end = self.new_label();
                    self.name_op(name, ExprContext::Store)?;
                    // Stack: prev_exc.
                    self.u().setup_finally(cleanup_end, 0);
                    self.push_fblock(FKind::HandlerCleanup, end, end, FData::Name(name))?;
                    self.stmts(&h.body)?;
                    self.pop_fblock();
                    self.unset_loc();
                    self.emit(Instr::PopBlock);
                    self.emit(Instr::PopBlock);
                    self.emit(Instr::PopExcept);
                    self.clear_name(name)?;
                    self.emit(Instr::Jump(end));
                    // Stack: prev_exc exc2.
                    self.bind(cleanup_end);
                    self.unset_loc();
                    self.clear_name(name)?;
                    self.restore_and_reraise(true);
                }
                None => {
                    self.emit(Instr::PopTop);
                    self.push_fblock(FKind::HandlerCleanup, end, end, FData::None)?;
                    self.stmts(&h.body)?;
                    self.pop_fblock();
                    self.unset_loc();
                    self.emit(Instr::PopBlock);
                    self.emit(Instr::PopExcept);
                    self.emit(Instr::Jump(end));
                }
            }
            self.bind(next);
        }
        self.pop_fblock();
        // No clause matched. Stack: prev_exc exc.
        self.unset_loc();
        self.restore_and_reraise(true);
        // An exception in a clause. Stack: prev_exc exc2.
        self.bind(cleanup);
        self.restore_and_reraise(false);
        self.bind(end);
        Ok(())
    }

    /// `name = None; del name` after an `except ... as name:` clause.
    fn clear_name(&mut self, name: &str) -> Result {
        self.u().load_const(Const::None);
        self.name_op(name, ExprContext::Store)?;
        self.name_op(name, ExprContext::Del)
    }

    pub(super) fn try_finally(&mut self, s: &'a Stmt) -> Result {
        let Stmt::Try {
            body,
            handlers,
            finalbody,
            ..
        } = s
        else {
            return Ok(());
        };
        let body_label = self.new_label();
        let end = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.u().setup_finally(end, 0);
        self.push_fblock(
            FKind::FinallyTry,
            body_label,
            end,
            FData::Finally(finalbody),
        )?;
        if handlers.is_empty() {
            self.stmts(body)?;
        } else {
            self.try_except(s)?;
        }
        self.pop_fblock();
        self.emit_noline(Instr::PopBlock);
        self.stmts(finalbody)?;
        self.emit_noline(Instr::Jump(exit));

        // Stack: exc.
        self.bind(end);
        self.unset_loc();
        self.emit(Instr::PushExcInfo);
        self.u().setup_finally(cleanup, -1);
        self.push_fblock(FKind::FinallyEnd, end, end, FData::None)?;
        self.stmts(finalbody)?;
        self.pop_fblock();
        self.restore_and_reraise(true);
        self.bind(cleanup);
        self.restore_and_reraise(false);
        self.bind(exit);
        Ok(())
    }

    /// The `with` item `index` of `s` and everything inside it.
    pub(super) fn with_stmt(&mut self, s: &'a Stmt, index: usize) -> Result {
        let Stmt::With { items, body, span } = s else {
            return Ok(());
        };
        let Some(item) = items.get(index) else {
            return self.stmts(body);
        };
        let block = self.new_label();
        let final_label = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        let suppress = self.new_label();
        self.expr(&item.context_expr)?;
        self.emit(Instr::BeforeWith);
        // Stack: exit result; the handler keeps exit.
        self.u().setup_finally(final_label, -1);
        self.push_fblock(
            FKind::With,
            block,
            final_label,
            FData::With(position(*span)),
        )?;
        match &item.optional_vars {
            Some(target) => self.expr(target)?,
            None => self.emit(Instr::PopTop),
        }
        if index + 1 == items.len() {
            self.stmts(body)?;
        } else {
            self.with_stmt(s, index + 1)?;
        }
        self.emit_noline(Instr::PopBlock);
        self.pop_fblock();
        self.set_loc(*span);
        self.call_exit_with_nones();
        self.emit(Instr::PopTop);
        self.emit(Instr::Jump(exit));

        // Stack: exit exc.
        self.bind(final_label);
        self.emit(Instr::PushExcInfo);
        // Stack: exit prev_exc exc.
        self.u().setup_finally(cleanup, -1);
        self.emit(Instr::WithExceptStart);
        self.unset_loc();
        self.emit(Instr::PopJumpIfTrue(suppress));
        self.restore_and_reraise(true);
        self.bind(cleanup);
        self.restore_and_reraise(false);
        // `__exit__` returned true: the exception is swallowed.
        self.bind(suppress);
        self.emit(Instr::PopTop);
        self.emit(Instr::PopBlock);
        self.emit(Instr::PopExcept);
        self.emit(Instr::PopTop);
        self.bind(exit);
        Ok(())
    }

    /// `exit(None, None, None)` with `exit` in the method slot.
    fn call_exit_with_nones(&mut self) {
        for _ in 0..3 {
            self.u().load_const(Const::None);
        }
        self.emit(Instr::Call(2));
    }

    /// The code leaving one frame block takes (CPython's `compiler_unwind_fblock`). With
    /// `preserve`, a return value on top of the stack stays there.
    pub(super) fn unwind_block(&mut self, fb: FBlock<'a>, preserve: bool) -> Result {
        match fb.kind {
            FKind::WhileLoop | FKind::ExceptionHandler => {}
            FKind::ForLoop | FKind::PopValue => {
                if preserve {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopTop);
            }
            FKind::TryExcept => self.emit(Instr::PopBlock),
            FKind::FinallyTry => {
                self.emit(Instr::PopBlock);
                if preserve {
                    self.push_fblock(FKind::PopValue, fb.block, fb.exit, FData::None)?;
                }
                if let FData::Finally(body) = fb.datum {
                    self.stmts(body)?;
                }
                if preserve {
                    self.pop_fblock();
                }
                self.unset_loc();
            }
            FKind::FinallyEnd => {
                if preserve {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopTop);
                if preserve {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopBlock);
                self.emit(Instr::PopExcept);
            }
            FKind::With => {
                if let FData::With(pos) = fb.datum {
                    self.u().pos = pos;
                }
                self.emit(Instr::PopBlock);
                if preserve {
                    self.emit(Instr::Swap(2));
                }
                self.call_exit_with_nones();
                self.emit(Instr::PopTop);
                self.unset_loc();
            }
            FKind::HandlerCleanup => {
                let name = match fb.datum {
                    FData::Name(name) => Some(name),
                    _ => None,
                };
                if name.is_some() {
                    self.emit(Instr::PopBlock);
                }
                if preserve {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopBlock);
                self.emit(Instr::PopExcept);
                if let Some(name) = name {
                    self.clear_name(name)?;
                }
            }
        }
        Ok(())
    }

    /// Unwinds every frame block, innermost first (for `return`).
    pub(super) fn unwind_all(&mut self, preserve: bool) -> Result {
        let saved = self.state_ref().fblocks.clone();
        while let Some(fb) = self.state().fblocks.pop() {
            if let Err(e) = self.unwind_block(fb, preserve) {
                self.state().fblocks = saved;
                return Err(e);
            }
        }
        self.state().fblocks = saved;
        Ok(())
    }

    /// Unwinds the frame blocks inside the innermost loop; returns the loop's index.
    pub(super) fn unwind_to_loop(&mut self) -> Result<Option<usize>> {
        let saved = self.state_ref().fblocks.clone();
        let mut found = None;
        while let Some(&top) = self.state_ref().fblocks.last() {
            if matches!(top.kind, FKind::WhileLoop | FKind::ForLoop) {
                found = Some(self.state_ref().fblocks.len() - 1);
                break;
            }
            self.state().fblocks.pop();
            if let Err(e) = self.unwind_block(top, false) {
                self.state().fblocks = saved;
                return Err(e);
            }
        }
        self.state().fblocks = saved;
        Ok(found)
    }
}
