//! Expressions.

use super::display::Display;
use super::{const_value, position, Compiler, Result};
use crate::compile::bytecode::{BinOp, CmpOp, Const, Conversion, Instr, UnaryOp};
use crate::compile::fold::is_constant;
use crate::compile::symtable::BlockKind;
use crate::syntax::ast::{self, Boolop, Cmpop, Expr, ExprContext, Operator, Unaryop};

/// The bytecode operator of a unary syntax operator.
fn unaryop(op: Unaryop) -> UnaryOp {
    match op {
        Unaryop::Invert => UnaryOp::Invert,
        Unaryop::Not => UnaryOp::Not,
        Unaryop::UAdd => UnaryOp::Pos,
        Unaryop::USub => UnaryOp::Neg,
    }
}

/// The bytecode operator of a syntax operator.
pub(super) fn binop(op: Operator) -> BinOp {
    match op {
        Operator::Add => BinOp::Add,
        Operator::Sub => BinOp::Sub,
        Operator::Mult => BinOp::Mul,
        Operator::MatMult => BinOp::MatMul,
        Operator::Div => BinOp::TrueDiv,
        Operator::Mod => BinOp::Mod,
        Operator::Pow => BinOp::Pow,
        Operator::LShift => BinOp::LShift,
        Operator::RShift => BinOp::RShift,
        Operator::BitOr => BinOp::Or,
        Operator::BitXor => BinOp::Xor,
        Operator::BitAnd => BinOp::And,
        Operator::FloorDiv => BinOp::FloorDiv,
    }
}

impl<'a> Compiler<'a> {
    /// Compiles an expression, its instructions at its own position.
    pub(super) fn expr(&mut self, e: &'a Expr) -> Result {
        self.enter_node(e.span())?;
        let saved = self.u().pos;
        // A node the optimizer made up has no position: its code gets none either.
        self.u().pos = position(e.span());
        let r = self.expr_inner(e);
        self.u().pos = saved;
        self.leave_node();
        r
    }

    /// One expression. Only the arms that recurse directly stay here; the others are
    /// functions of their own, so that the frame of this recursive function stays small
    /// (nesting depth is bounded, but the stack of a browser tab is small too).
    fn expr_inner(&mut self, e: &'a Expr) -> Result {
        match e {
            Expr::BinOp {
                left, op, right, ..
            } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Instr::BinaryOp {
                    op: binop(*op),
                    inplace: false,
                });
            }
            Expr::UnaryOp { op, operand, .. } => {
                self.expr(operand)?;
                self.emit(Instr::UnaryOp(unaryop(*op)));
            }
            Expr::Attribute {
                value,
                attr,
                ctx,
                span,
            } => {
                self.expr(value)?;
                self.match_attr_start(attr, *span);
                self.attribute_op(attr, *ctx)?;
            }
            Expr::Subscript {
                value, slice, ctx, ..
            } => {
                if *ctx == ExprContext::Load {
                    self.check_subscript(value, slice);
                }
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(match ctx {
                    ExprContext::Load => Instr::BinarySubscr,
                    ExprContext::Store => Instr::StoreSubscr,
                    ExprContext::Del => Instr::DeleteSubscr,
                });
            }
            Expr::Name { id, ctx, .. } => self.name_op(id, *ctx)?,
            Expr::Call {
                func,
                args,
                keywords,
                ..
            } => self.call(func, args, keywords)?,
            _ => self.other_expr(e)?,
        }
        Ok(())
    }

    /// An attribute access that spans lines starts at the attribute's name (CPython's
    /// `update_start_location_to_match_attr`).
    pub(super) fn match_attr_start(&mut self, attr: &str, span: crate::syntax::ast::Span) {
        let pos = &mut self.u().pos;
        if pos.line == span.end_lineno {
            return;
        }
        pos.line = span.end_lineno;
        let len = attr.chars().count() as u32;
        if len <= span.end_col_offset {
            pos.col = span.end_col_offset - len;
        }
        pos.end_line = pos.end_line.max(pos.line);
        if pos.line == pos.end_line {
            pos.end_col = pos.end_col.max(pos.col);
        }
    }

    #[inline(never)]
    fn attribute_op(&mut self, attr: &str, ctx: ExprContext) -> Result {
        if ctx == ExprContext::Store {
            self.forbidden_name(attr, ctx)?;
        }
        let i = self.attr_name(attr);
        self.emit(match ctx {
            ExprContext::Load => Instr::LoadAttr(i),
            ExprContext::Store => Instr::StoreAttr(i),
            ExprContext::Del => Instr::DeleteAttr(i),
        });
        Ok(())
    }

    #[inline(never)]
    fn other_expr(&mut self, e: &'a Expr) -> Result {
        match e {
            Expr::BoolOp { op, values, .. } => self.boolop(*op, values)?,
            Expr::NamedExpr { target, value, .. } => {
                self.expr(value)?;
                self.emit(Instr::Copy(1));
                self.expr(target)?;
            }
            Expr::Lambda { .. } => self.lambda(e)?,
            Expr::IfExp {
                test, body, orelse, ..
            } => {
                let end = self.new_label();
                let next = self.new_label();
                self.jump_if(test, next, false)?;
                self.expr(body)?;
                self.emit_noline(Instr::Jump(end));
                self.bind(next);
                self.expr(orelse)?;
                self.bind(end);
            }
            Expr::Dict { keys, values, .. } => self.dict(keys, values)?,
            Expr::Set { elts, .. } => self.starunpack(elts, 0, Display::Set, false)?,
            Expr::ListComp { .. }
            | Expr::SetComp { .. }
            | Expr::DictComp { .. }
            | Expr::GeneratorExp { .. } => self.comprehension(e)?,
            Expr::Yield { value, .. } => {
                self.check_yield()?;
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.u().load_const(Const::None),
                }
                self.emit(Instr::YieldValue);
            }
            Expr::YieldFrom { value, .. } => {
                self.check_yield()?;
                self.expr(value)?;
                self.emit(Instr::GetYieldFromIter);
                self.u().load_const(Const::None);
                self.yield_from_loop();
            }
            Expr::Compare {
                left,
                ops,
                comparators,
                ..
            } => self.compare(left, ops, comparators)?,
            Expr::FormattedValue {
                value,
                conversion,
                format_spec,
                ..
            } => {
                self.expr(value)?;
                if let Some(spec) = format_spec {
                    self.expr(spec)?;
                }
                let conv = match conversion {
                    ast::Conversion::None => Conversion::None,
                    ast::Conversion::Str => Conversion::Str,
                    ast::Conversion::Repr => Conversion::Repr,
                    ast::Conversion::Ascii => Conversion::Ascii,
                };
                self.emit(Instr::FormatValue {
                    conv,
                    has_spec: format_spec.is_some(),
                });
            }
            Expr::JoinedStr { values, .. } => self.joined_str(values)?,
            Expr::Starred { ctx, .. } => {
                return Err(self.error(match ctx {
                    ExprContext::Store => "starred assignment target must be in a list or tuple",
                    _ => "can't use starred expression here",
                }));
            }
            Expr::List { elts, ctx, .. } => match ctx {
                ExprContext::Load => self.starunpack(elts, 0, Display::List, false)?,
                ExprContext::Store => self.unpack_targets(elts)?,
                ExprContext::Del => elts.iter().try_for_each(|t| self.expr(t))?,
            },
            Expr::Tuple { elts, ctx, .. } => match ctx {
                ExprContext::Load if is_constant(e) => {
                    let c = const_value(e).unwrap_or(Const::None);
                    self.u().load_source_const(c);
                }
                ExprContext::Load => self.starunpack(elts, 0, Display::List, true)?,
                ExprContext::Store => self.unpack_targets(elts)?,
                ExprContext::Del => elts.iter().try_for_each(|t| self.expr(t))?,
            },
            Expr::Slice {
                lower, upper, step, ..
            } => {
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => self.u().load_const(Const::None),
                    }
                }
                let mut n = 2;
                if let Some(step) = step {
                    self.expr(step)?;
                    n = 3;
                }
                self.emit(Instr::BuildSlice(n));
            }
            Expr::Constant { .. } => {
                let c = const_value(e).unwrap_or(Const::None);
                self.u().load_source_const(c);
            }
            Expr::BinOp { .. }
            | Expr::UnaryOp { .. }
            | Expr::Attribute { .. }
            | Expr::Subscript { .. }
            | Expr::Name { .. }
            | Expr::Call { .. } => return self.expr_inner(e),
        }
        Ok(())
    }

    fn boolop(&mut self, op: Boolop, values: &'a [Expr]) -> Result {
        let end = self.new_label();
        let Some((last, rest)) = values.split_last() else {
            return Err(self.error("internal error: a boolean operation without operands"));
        };
        for v in rest {
            self.expr(v)?;
            self.emit(match op {
                Boolop::And => Instr::JumpIfFalseOrPop(end),
                Boolop::Or => Instr::JumpIfTrueOrPop(end),
            });
        }
        self.expr(last)?;
        self.bind(end);
        Ok(())
    }

    fn check_yield(&self) -> Result {
        if self.block_kind() != BlockKind::Function {
            return Err(self.error("'yield' outside function"));
        }
        Ok(())
    }

    /// `iterator value -> result`: the `Send`/`YieldValue` loop of `yield from`.
    pub(super) fn yield_from_loop(&mut self) {
        let start = self.new_label();
        let exit = self.new_label();
        self.bind(start);
        self.emit(Instr::Send(exit));
        self.emit(Instr::YieldValue);
        self.emit(Instr::Jump(start));
        self.bind(exit);
    }

    /// Stores the value on the stack into the targets of `a, *b, c = ...`.
    fn unpack_targets(&mut self, elts: &'a [Expr]) -> Result {
        let n = elts.len();
        let mut seen_star = false;
        for (i, elt) in elts.iter().enumerate() {
            if matches!(elt, Expr::Starred { .. }) {
                if seen_star {
                    return Err(self.error("multiple starred expressions in assignment"));
                }
                if i >= 256 {
                    return Err(self.error("too many expressions in star-unpacking assignment"));
                }
                self.emit(Instr::UnpackEx {
                    before: i as u32,
                    after: (n - i - 1) as u32,
                });
                seen_star = true;
            }
        }
        if !seen_star {
            self.emit(Instr::UnpackSequence(n as u32));
        }
        for elt in elts {
            match elt {
                Expr::Starred { value, .. } => self.expr(value)?,
                _ => self.expr(elt)?,
            }
        }
        Ok(())
    }

    pub(super) fn compare_op(&mut self, op: Cmpop) {
        self.emit(match op {
            Cmpop::Eq => Instr::CompareOp(CmpOp::Eq),
            Cmpop::NotEq => Instr::CompareOp(CmpOp::Ne),
            Cmpop::Lt => Instr::CompareOp(CmpOp::Lt),
            Cmpop::LtE => Instr::CompareOp(CmpOp::Le),
            Cmpop::Gt => Instr::CompareOp(CmpOp::Gt),
            Cmpop::GtE => Instr::CompareOp(CmpOp::Ge),
            Cmpop::Is => Instr::IsOp(false),
            Cmpop::IsNot => Instr::IsOp(true),
            Cmpop::In => Instr::ContainsOp(false),
            Cmpop::NotIn => Instr::ContainsOp(true),
        });
    }

    fn compare(&mut self, left: &'a Expr, ops: &[Cmpop], comparators: &'a [Expr]) -> Result {
        self.check_compare(left, ops, comparators);
        self.expr(left)?;
        let n = ops.len().saturating_sub(1);
        if n == 0 {
            if let (Some(c), Some(&op)) = (comparators.first(), ops.first()) {
                self.expr(c)?;
                self.compare_op(op);
            }
            return Ok(());
        }
        let cleanup = self.new_label();
        for i in 0..n {
            self.expr(&comparators[i])?;
            self.emit(Instr::Swap(2));
            self.emit(Instr::Copy(2));
            self.compare_op(ops[i]);
            self.emit(Instr::JumpIfFalseOrPop(cleanup));
        }
        self.expr(&comparators[n])?;
        self.compare_op(ops[n]);
        let end = self.new_label();
        self.emit_noline(Instr::Jump(end));
        self.bind(cleanup);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopTop);
        self.bind(end);
        Ok(())
    }

    fn joined_str(&mut self, values: &'a [Expr]) -> Result {
        if values.len() > super::STACK_USE_GUIDELINE {
            self.u().load_const(Const::Str("".into()));
            let join = self.u().add_name("join");
            self.emit(Instr::LoadMethod(join));
            self.emit(Instr::BuildList(0));
            for v in values {
                self.expr(v)?;
                self.emit(Instr::ListAppend(1));
            }
            self.emit(Instr::Call(1));
            return Ok(());
        }
        for v in values {
            self.expr(v)?;
        }
        if values.len() != 1 {
            self.emit(Instr::BuildString(values.len() as u32));
        }
        Ok(())
    }
}
