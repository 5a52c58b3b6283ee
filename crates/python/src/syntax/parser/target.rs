//! Assignment, `for` and `del` targets, and CPython's errors for invalid ones.

use super::super::ast::{Expr, ExprContext};
use super::super::token::{Keyword, Op, TokenKind};
use super::expr::starts_expression;
use super::{expr_name, Fail, PResult, Parser};

/// Which kind of target list is checked (CPython's `TARGETS_TYPE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TargetsType {
    /// Assignment targets.
    Star,
    /// `del` targets.
    Del,
    /// `for` targets.
    For,
}

/// CPython's `_PyPegen_get_invalid_target`: the first sub-expression that cannot be a target.
pub(crate) fn invalid_target(expr: &Expr, kind: TargetsType) -> Option<&Expr> {
    match expr {
        Expr::List { elts, .. } | Expr::Tuple { elts, .. } => {
            elts.iter().find_map(|e| invalid_target(e, kind))
        }
        Expr::Starred { value, .. } => {
            if kind == TargetsType::Del {
                Some(expr)
            } else {
                invalid_target(value, kind)
            }
        }
        Expr::Compare { left, ops, .. } => {
            if kind == TargetsType::For {
                if ops[0] == super::super::ast::Cmpop::In {
                    return invalid_target(left, kind);
                }
                return None;
            }
            Some(expr)
        }
        Expr::Name { .. } | Expr::Subscript { .. } | Expr::Attribute { .. } => None,
        _ => Some(expr),
    }
}

/// Set the context of a target and of the targets it contains.
pub(crate) fn set_context(expr: &mut Expr, new: ExprContext) {
    match expr {
        Expr::Name { ctx, .. } | Expr::Attribute { ctx, .. } | Expr::Subscript { ctx, .. } => {
            *ctx = new
        }
        Expr::Starred { value, ctx, .. } => {
            *ctx = new;
            set_context(value, new);
        }
        Expr::List { elts, ctx, .. } | Expr::Tuple { elts, ctx, .. } => {
            *ctx = new;
            for elt in elts {
                set_context(elt, new);
            }
        }
        _ => {}
    }
}

impl Parser<'_> {
    /// `star_targets` in store context (for `for` loops and comprehensions).
    pub(crate) fn star_targets_store(&mut self) -> PResult<Expr> {
        let start = self.pos;
        let first = self.star_target()?;
        if !self.at_op(Op::Comma) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(Op::Comma) {
            if !starts_expression(self.kind(), true) || self.at_kw(Keyword::In) {
                break;
            }
            elts.push(self.star_target()?);
        }
        Ok(Expr::Tuple {
            elts,
            ctx: ExprContext::Store,
            span: self.span_from(start),
        })
    }

    /// `star_target`: `*target` or a target.
    pub(crate) fn star_target(&mut self) -> PResult<Expr> {
        let start = self.pos;
        if self.at_op(Op::Star) {
            self.bump();
            if self.at_op(Op::Star) {
                return Err(Fail::Generic);
            }
            let inner = self.with_depth(|p| p.star_target())?;
            return Ok(Expr::Starred {
                value: Box::new(inner),
                ctx: ExprContext::Store,
                span: self.span_from(start),
            });
        }
        let mut target = self.primary()?;
        if invalid_target(&target, TargetsType::Star).is_some() {
            return Err(Fail::Generic);
        }
        set_context(&mut target, ExprContext::Store);
        Ok(target)
    }

    /// CPython's `invalid_for_target` (and the like): parse `star_expressions` here and report
    /// its first invalid target.
    pub(crate) fn invalid_target_error(&mut self, kind: TargetsType) -> Fail {
        if self.no_invalid {
            return Fail::Generic;
        }
        let (pos, max_pos) = (self.pos, self.max_pos);
        let result = self.star_expressions();
        self.pos = pos;
        self.max_pos = max_pos;
        match result {
            Ok(expr) => match invalid_target(&expr, kind) {
                Some(bad) => self.target_error(bad, kind),
                None => Fail::Generic,
            },
            Err(e) => e,
        }
    }

    /// "cannot assign to X" / "cannot delete X" at an invalid target.
    pub(crate) fn target_error(&self, bad: &Expr, kind: TargetsType) -> Fail {
        let verb = if kind == TargetsType::Del {
            "delete"
        } else {
            "assign to"
        };
        self.fail_span(format!("cannot {verb} {}", expr_name(bad)), bad.span())
    }

    /// `del` targets: `del_target (',' del_target)* [',']`, followed by `;` or a newline.
    pub(crate) fn del_targets(&mut self) -> PResult<Vec<Expr>> {
        let mut targets = Vec::new();
        loop {
            let mut target = self.primary()?;
            if invalid_target(&target, TargetsType::Del).is_some() {
                return Err(Fail::Generic);
            }
            set_context(&mut target, ExprContext::Del);
            targets.push(target);
            if !self.eat_op(Op::Comma) {
                break;
            }
            if !starts_expression(self.kind(), false) {
                break;
            }
        }
        if !(self.at_op(Op::Semi) || self.kind() == TokenKind::Newline) {
            return Err(Fail::Generic);
        }
        Ok(targets)
    }

    /// The index of the token starting at a position (for nodes of this parser's tokens).
    pub(crate) fn token_index_at(&self, line: u32, col: u32) -> usize {
        let mut index = self
            .tokens
            .partition_point(|t| (t.line, t.col) < (line, col));
        while index + 1 < self.tokens.len() && self.tokens[index].kind.is_positionless() {
            index += 1;
        }
        index.min(self.tokens.len() - 1)
    }
}
