//! Statements.

use super::super::ast::{Expr, ExprContext, Module, Operator, Stmt};
use super::super::token::{Keyword, Op, TokenKind};
use super::expr::starts_expression;
use super::target::{invalid_target, set_context, TargetsType};
use super::{expr_name, Fail, PResult, Parser};

/// The augmented assignment operator of a token.
fn aug_op(kind: TokenKind) -> Option<Operator> {
    let TokenKind::Op(op) = kind else { return None };
    Some(match op {
        Op::PlusEqual => Operator::Add,
        Op::MinEqual => Operator::Sub,
        Op::StarEqual => Operator::Mult,
        Op::AtEqual => Operator::MatMult,
        Op::SlashEqual => Operator::Div,
        Op::PercentEqual => Operator::Mod,
        Op::AmperEqual => Operator::BitAnd,
        Op::VBarEqual => Operator::BitOr,
        Op::CircumflexEqual => Operator::BitXor,
        Op::LeftShiftEqual => Operator::LShift,
        Op::RightShiftEqual => Operator::RShift,
        Op::DoubleStarEqual => Operator::Pow,
        Op::DoubleSlashEqual => Operator::FloorDiv,
        _ => return None,
    })
}

impl Parser<'_> {
    /// `file`: statements up to the end.
    pub(crate) fn file(&mut self) -> PResult<Module> {
        let mut body = Vec::new();
        while self.kind() != TokenKind::EndMarker {
            self.statement(&mut body)?;
        }
        Ok(Module { body })
    }

    /// One statement (a line of simple statements may hold several).
    pub(super) fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let token = self.peek();
        match token.kind {
            TokenKind::Keyword(
                Keyword::Def
                | Keyword::Class
                | Keyword::If
                | Keyword::While
                | Keyword::For
                | Keyword::Try
                | Keyword::With,
            )
            | TokenKind::Op(Op::At) => {
                out.push(self.compound_statement()?);
                Ok(())
            }
            TokenKind::Keyword(Keyword::Async) => {
                let next = self.peek_at(1);
                let what = match next.kind {
                    TokenKind::Keyword(Keyword::Def) => "'async def' is",
                    TokenKind::Keyword(Keyword::For) => "'async for' is",
                    TokenKind::Keyword(Keyword::With) => "'async with' is",
                    _ => return Err(Fail::Generic),
                };
                let span = self.token_span(token).to(self.token_span(next));
                self.unsupported(what, span);
                self.bump();
                out.push(self.compound_statement()?);
                Ok(())
            }
            TokenKind::Name if self.text_of(token) == "match" => {
                let start = self.pos;
                match self.simple_statements(out) {
                    Ok(()) => Ok(()),
                    Err(Fail::Generic) if self.looks_like_match(start) => {
                        let msg = "'match' statements are not supported in weaklink";
                        Err(Fail::Error(Box::new(
                            self.span_error(msg, self.token_span(token)),
                        )))
                    }
                    Err(e) => Err(e),
                }
            }
            _ => self.simple_statements(out),
        }
    }

    /// Whether the tokens from `start` look like `match subject: NEWLINE INDENT case`.
    pub(super) fn looks_like_match(&self, start: usize) -> bool {
        let mut index = start + 1;
        while index + 3 < self.tokens.len() {
            let token = self.tokens[index];
            match token.kind {
                TokenKind::Newline | TokenKind::EndMarker | TokenKind::Error => return false,
                TokenKind::Op(Op::Colon) => {
                    let after = &self.tokens[index + 1..index + 4];
                    return after[0].kind == TokenKind::Newline
                        && after[1].kind == TokenKind::Indent
                        && after[2].kind == TokenKind::Name
                        && self.text_of(after[2]) == "case";
                }
                _ => index += 1,
            }
        }
        false
    }

    /// `simple_stmts`: simple statements separated by `;`, ending the line.
    pub(super) fn simple_statements(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        out.push(self.simple_statement()?);
        while self.eat_op(Op::Semi) {
            if self.kind() == TokenKind::Newline {
                break;
            }
            out.push(self.simple_statement()?);
        }
        if self.kind() != TokenKind::Newline {
            return Err(Fail::Generic);
        }
        self.bump();
        Ok(())
    }

    pub(super) fn simple_statement(&mut self) -> PResult<Stmt> {
        let start = self.pos;
        let token = self.peek();
        let TokenKind::Keyword(keyword) = token.kind else {
            return self.expression_statement();
        };
        match keyword {
            Keyword::Pass => {
                self.bump();
                Ok(Stmt::Pass {
                    span: self.span_from(start),
                })
            }
            Keyword::Break => {
                self.bump();
                Ok(Stmt::Break {
                    span: self.span_from(start),
                })
            }
            Keyword::Continue => {
                self.bump();
                Ok(Stmt::Continue {
                    span: self.span_from(start),
                })
            }
            Keyword::Return => {
                self.bump();
                let value = if starts_expression(self.kind(), true) {
                    Some(Box::new(self.star_expressions()?))
                } else {
                    None
                };
                Ok(Stmt::Return {
                    value,
                    span: self.span_from(start),
                })
            }
            Keyword::Raise => {
                self.bump();
                let mut exc = None;
                let mut cause = None;
                if starts_expression(self.kind(), false) {
                    exc = Some(Box::new(self.expression()?));
                    if self.eat_kw(Keyword::From) {
                        cause = Some(Box::new(self.expression()?));
                    }
                }
                Ok(Stmt::Raise {
                    exc,
                    cause,
                    span: self.span_from(start),
                })
            }
            Keyword::Global | Keyword::Nonlocal => {
                self.bump();
                let mut names = Vec::new();
                loop {
                    let name = self.peek();
                    if name.kind != TokenKind::Name {
                        return Err(Fail::Generic);
                    }
                    self.bump();
                    names.push(self.text_of(name).to_string());
                    if !self.eat_op(Op::Comma) {
                        break;
                    }
                }
                let span = self.span_from(start);
                Ok(if keyword == Keyword::Global {
                    Stmt::Global { names, span }
                } else {
                    Stmt::Nonlocal { names, span }
                })
            }
            Keyword::Del => {
                self.bump();
                let after = self.pos;
                match self.del_targets() {
                    Ok(targets) => Ok(Stmt::Delete {
                        targets,
                        span: self.span_from(start),
                    }),
                    Err(Fail::Generic) => {
                        self.pos = after;
                        Err(self.invalid_target_error(TargetsType::Del))
                    }
                    Err(e) => Err(e),
                }
            }
            Keyword::Assert => {
                self.bump();
                let test = Box::new(self.expression()?);
                let msg = if self.eat_op(Op::Comma) {
                    Some(Box::new(self.expression()?))
                } else {
                    None
                };
                Ok(Stmt::Assert {
                    test,
                    msg,
                    span: self.span_from(start),
                })
            }
            Keyword::Import => self.import_name(),
            Keyword::From => self.import_from(),
            Keyword::Yield => {
                let value = self.yield_expr()?;
                if self.at_op(Op::Equal) && !self.no_invalid {
                    return Err(
                        self.fail_span("assignment to yield expression not possible", value.span())
                    );
                }
                Ok(Stmt::Expr {
                    value: Box::new(value),
                    span: self.span_from(start),
                })
            }
            _ => self.expression_statement(),
        }
    }

    /// A statement that starts with an expression: an expression statement or an assignment.
    pub(super) fn expression_statement(&mut self) -> PResult<Stmt> {
        let start = self.pos;
        let first = self.star_expressions()?;
        let token = self.peek();
        if token.kind == TokenKind::Op(Op::Equal) {
            return self.assignment(start, first);
        }
        if let Some(op) = aug_op(token.kind) {
            return self.augmented_assignment(start, first, op);
        }
        if token.kind == TokenKind::Op(Op::Colon) {
            return self.annotated_assignment(start, first);
        }
        if token.kind == TokenKind::Op(Op::ColonEqual)
            && !self.no_invalid
            && !matches!(first, Expr::Name { .. } | Expr::Tuple { .. })
            && self.lookahead(|p| {
                p.bump();
                p.expression()
            })
        {
            let msg = format!(
                "cannot use assignment expressions with {}",
                expr_name(&first)
            );
            return Err(self.fail_span(msg, first.span()));
        }
        Ok(Stmt::Expr {
            value: Box::new(first),
            span: self.span_from(start),
        })
    }

    /// The right-hand side of an assignment: a `yield` or `star_expressions`.
    pub(super) fn assigned_value(&mut self) -> PResult<Expr> {
        if self.at_kw(Keyword::Yield) {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }

    /// `targets = ... = value`, with CPython's errors for invalid targets.
    pub(super) fn assignment(&mut self, start: usize, first: Expr) -> PResult<Stmt> {
        let mut targets = vec![(start, first)];
        let first_equal = self.pos;
        let value =
            loop {
                self.bump();
                let value_start = self.pos;
                if let Some((bad_index, _)) = targets.iter().enumerate().find(|(_, (_, t))| {
                    invalid_target(t, TargetsType::Star).is_some() || t.is_yield()
                }) {
                    return Err(self.assignment_error(&targets, bad_index, first_equal));
                }
                let value = self.assigned_value()?;
                if self.at_op(Op::Equal) {
                    targets.push((value_start, value));
                    continue;
                }
                break value;
            };
        let targets = targets
            .into_iter()
            .map(|(_, mut target)| {
                set_context(&mut target, ExprContext::Store);
                target
            })
            .collect();
        Ok(Stmt::Assign {
            targets,
            value: Box::new(value),
            span: self.span_from(start),
        })
    }

    /// CPython's `invalid_assignment` for the first invalid target.
    pub(super) fn assignment_error(
        &mut self,
        targets: &[(usize, Expr)],
        bad_index: usize,
        first_equal: usize,
    ) -> Fail {
        if self.no_invalid {
            return Fail::Generic;
        }
        // `invalid_named_expression` on the last element of the first target.
        let (start, first) = &targets[0];
        let (elt_start, elt) = match first {
            Expr::Tuple { elts, span, .. } if !self.parenthesized(*start, *span) => {
                let last = &elts[elts.len() - 1];
                let span = last.span();
                (self.token_index_at(span.lineno, span.col_offset), last)
            }
            _ => (*start, first),
        };
        if !matches!(elt, Expr::Starred { .. }) {
            let saved = self.pos;
            self.pos = first_equal;
            let result = self.invalid_named_expression(elt_start, elt);
            self.pos = saved;
            if let Err(e) = result {
                return e;
            }
        }
        let (target_start, bad) = &targets[bad_index];
        if bad.is_yield() && self.tokens[*target_start].kind == TokenKind::Keyword(Keyword::Yield) {
            return self.fail_span("assignment to yield expression not possible", bad.span());
        }
        match invalid_target(bad, TargetsType::Star) {
            Some(inner) => self.target_error(inner, TargetsType::Star),
            None => Fail::Generic,
        }
    }

    /// Whether the expression spanning `span` from token `start` is wrapped in its own
    /// parentheses (its span starts at an opening parenthesis and ends at the matching one).
    pub(super) fn parenthesized(&self, start: usize, span: super::super::ast::Span) -> bool {
        let first = self.tokens[start];
        if first.kind != TokenKind::Op(Op::LPar) {
            return false;
        }
        let mut depth = 0usize;
        for token in &self.tokens[start..] {
            match token.kind {
                TokenKind::Op(Op::LPar | Op::LSqb | Op::LBrace) => depth += 1,
                TokenKind::Op(Op::RPar | Op::RSqb | Op::RBrace) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return token.end_line == span.end_lineno
                            && token.end_col == span.end_col_offset;
                    }
                }
                TokenKind::Newline | TokenKind::EndMarker | TokenKind::Error => return false,
                _ => {}
            }
        }
        false
    }

    /// `target op= value`.
    pub(super) fn augmented_assignment(
        &mut self,
        start: usize,
        mut target: Expr,
        op: Operator,
    ) -> PResult<Stmt> {
        let single = matches!(
            target,
            Expr::Name { .. } | Expr::Attribute { .. } | Expr::Subscript { .. }
        );
        if !single {
            if self.no_invalid {
                return Err(Fail::Generic);
            }
            let found = self.lookahead(|p| {
                p.bump();
                p.assigned_value()
            });
            if found {
                let msg = format!(
                    "'{}' is an illegal expression for augmented assignment",
                    expr_name(&target)
                );
                return Err(self.fail_span(msg, target.span()));
            }
            return Err(Fail::Generic);
        }
        self.bump();
        let value = self.assigned_value()?;
        set_context(&mut target, ExprContext::Store);
        Ok(Stmt::AugAssign {
            target: Box::new(target),
            op,
            value: Box::new(value),
            span: self.span_from(start),
        })
    }

    /// `target: annotation [= value]`.
    pub(super) fn annotated_assignment(&mut self, start: usize, mut target: Expr) -> PResult<Stmt> {
        let simple_name = matches!(target, Expr::Name { .. }) && self.pos == start + 1;
        let allowed = matches!(
            target,
            Expr::Name { .. } | Expr::Attribute { .. } | Expr::Subscript { .. }
        );
        if !allowed {
            if self.no_invalid {
                return Err(Fail::Generic);
            }
            let found = self.lookahead(|p| {
                p.bump();
                p.expression()
            });
            if !found {
                return Err(Fail::Generic);
            }
            return Err(match &target {
                Expr::Tuple { elts, span, .. } if !self.parenthesized(start, *span) => self
                    .fail_span(
                        "only single target (not tuple) can be annotated",
                        elts[0].span(),
                    ),
                Expr::Tuple { .. } | Expr::List { .. } => self.fail_span(
                    format!(
                        "only single target (not {}) can be annotated",
                        expr_name(&target)
                    ),
                    target.span(),
                ),
                _ => self.fail_span("illegal target for annotation", target.span()),
            });
        }
        self.bump();
        let annotation = self.expression()?;
        let value = if self.eat_op(Op::Equal) {
            Some(Box::new(self.assigned_value()?))
        } else {
            None
        };
        set_context(&mut target, ExprContext::Store);
        Ok(Stmt::AnnAssign {
            target: Box::new(target),
            annotation: Box::new(annotation),
            value,
            simple: simple_name,
            span: self.span_from(start),
        })
    }
}

impl Expr {
    pub(super) fn is_yield(&self) -> bool {
        matches!(self, Expr::Yield { .. } | Expr::YieldFrom { .. })
    }
}
