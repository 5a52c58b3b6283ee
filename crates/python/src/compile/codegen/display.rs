//! Displays and conditions: building list, tuple, set and dict displays with `*` items,
//! and conditional jumps (CPython's `starunpack_helper` and `compiler_jump_if`).

use super::{const_value, Compiler, Result, STACK_USE_GUIDELINE};
use crate::compile::bytecode::{Const, Instr};
use crate::compile::fold::{is_constant, truthy};
use crate::syntax::ast::Expr;

impl<'a> Compiler<'a> {
    /// Jumps to `target` when `e` is true (`cond`) or false (CPython's `compiler_jump_if`).
    pub(super) fn jump_if(&mut self, e: &'a Expr, target: u32, cond: bool) -> Result {
        match e {
            Expr::UnaryOp {
                op: crate::syntax::ast::Unaryop::Not,
                operand,
                ..
            } => {
                return self.jump_if(operand, target, !cond);
            }
            Expr::BoolOp { op, values, .. } => {
                let cond2 = *op == crate::syntax::ast::Boolop::Or;
                let next2 = if cond2 != cond {
                    self.new_label()
                } else {
                    target
                };
                let (last, rest) = values
                    .split_last()
                    .expect("a boolean operation has operands");
                for v in rest {
                    self.jump_if(v, next2, cond2)?;
                }
                self.jump_if(last, target, cond)?;
                if next2 != target {
                    self.bind(next2);
                }
                return Ok(());
            }
            Expr::IfExp {
                test, body, orelse, ..
            } => {
                let end = self.new_label();
                let next2 = self.new_label();
                self.jump_if(test, next2, false)?;
                self.jump_if(body, target, cond)?;
                self.emit_noline(Instr::Jump(end));
                self.bind(next2);
                self.jump_if(orelse, target, cond)?;
                self.bind(end);
                return Ok(());
            }
            Expr::Compare { span, ops, .. } if ops.len() == 1 => {
                // CPython gives the jump the comparison's position, and keeps it set.
                self.set_loc(*span);
            }
            Expr::Compare {
                left,
                ops,
                comparators,
                span,
            } => {
                self.set_loc(*span);
                self.check_compare(left, ops, comparators);
                let cleanup = self.new_label();
                self.expr(left)?;
                let n = ops.len() - 1;
                for i in 0..n {
                    self.expr(&comparators[i])?;
                    self.emit(Instr::Swap(2));
                    self.emit(Instr::Copy(2));
                    self.compare_op(ops[i]);
                    self.emit(Instr::PopJumpIfFalse(cleanup));
                }
                self.expr(&comparators[n])?;
                self.compare_op(ops[n]);
                self.emit(if cond {
                    Instr::PopJumpIfTrue(target)
                } else {
                    Instr::PopJumpIfFalse(target)
                });
                let end = self.new_label();
                self.emit_noline(Instr::Jump(end));
                self.bind(cleanup);
                self.emit(Instr::PopTop);
                if !cond {
                    self.emit_noline(Instr::Jump(target));
                }
                self.bind(end);
                return Ok(());
            }
            _ => {}
        }
        if let Expr::Constant { value, span, .. } = e {
            let saved = self.u().pos;
            self.set_loc(*span);
            self.emit(Instr::Nop);
            self.u().pos = saved;
            if truthy(value) == cond {
                self.emit(Instr::Jump(target));
            }
            return Ok(());
        }
        if let Expr::Tuple { elts, span, .. } = e {
            if is_constant(e) {
                let saved = self.u().pos;
                self.set_loc(*span);
                self.emit(Instr::Nop);
                self.u().pos = saved;
                if elts.is_empty() != cond {
                    self.emit(Instr::Jump(target));
                }
                return Ok(());
            }
        }
        self.expr(e)?;
        self.emit(if cond {
            Instr::PopJumpIfTrue(target)
        } else {
            Instr::PopJumpIfFalse(target)
        });
        Ok(())
    }

    /// A display of `elts` built with `build` (CPython's `starunpack_helper`): constants
    /// extend an empty container from one tuple constant, `*x` items extend it, and large
    /// displays are built item by item.
    pub(super) fn starunpack(
        &mut self,
        elts: &'a [Expr],
        pushed: u32,
        kind: Display,
        tuple: bool,
    ) -> Result {
        let n = elts.len();
        if n > 2 && elts.iter().all(is_constant) {
            let items: Vec<Const> = elts.iter().filter_map(const_value).collect();
            // The tuple is the compiler's; its items were written in the source.
            for item in &items {
                self.u().mark_source(item);
            }
            if tuple && pushed == 0 {
                self.u().load_const(Const::Tuple(items));
            } else {
                self.emit(kind.build(pushed));
                self.u().load_const(Const::Tuple(items));
                self.emit(kind.extend());
                if tuple {
                    self.emit(Instr::ListToTuple);
                }
            }
            return Ok(());
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = elts.iter().any(|e| matches!(e, Expr::Starred { .. }));
        if !seen_star && !big {
            for e in elts {
                self.expr(e)?;
            }
            let count = (n as u32) + pushed;
            self.emit(if tuple {
                Instr::BuildTuple(count)
            } else {
                kind.build(count)
            });
            return Ok(());
        }
        let mut built = false;
        if big {
            self.emit(kind.build(pushed));
            built = true;
        }
        for (i, e) in elts.iter().enumerate() {
            if let Expr::Starred { value, .. } = e {
                if !built {
                    self.emit(kind.build(i as u32 + pushed));
                    built = true;
                }
                self.expr(value)?;
                self.emit(kind.extend());
            } else {
                self.expr(e)?;
                if built {
                    self.emit(kind.add());
                }
            }
        }
        if tuple {
            self.emit(Instr::ListToTuple);
        }
        Ok(())
    }
}

/// Which container a display builds.
#[derive(Clone, Copy)]
pub(super) enum Display {
    List,
    Set,
}

impl Display {
    fn build(self, n: u32) -> Instr {
        match self {
            Display::List => Instr::BuildList(n),
            Display::Set => Instr::BuildSet(n),
        }
    }
    fn add(self) -> Instr {
        match self {
            Display::List => Instr::ListAppend(1),
            Display::Set => Instr::SetAdd(1),
        }
    }
    fn extend(self) -> Instr {
        match self {
            Display::List => Instr::ListExtend(1),
            Display::Set => Instr::SetUpdate(1),
        }
    }
}
