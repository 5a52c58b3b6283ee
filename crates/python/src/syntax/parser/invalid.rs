//! CPython's specialised error rules for expressions (`invalid_named_expression`,
//! `invalid_expression`, `invalid_legacy_expression`), tried where the valid parse fails.

use super::super::ast::Expr;
use super::super::token::{Keyword, Op, TokenKind};
use super::expr::is_soft_keyword;
use super::{Fail, PResult, Parser};

impl Parser<'_> {
    /// CPython's `invalid_named_expression` for an expression followed by `=`.
    #[cold]
    #[inline(never)]
    pub(super) fn invalid_named_expression(&mut self, start: usize, expr: &Expr) -> PResult<()> {
        let equal = self.pos;
        let single_name = self.tokens[start].kind == TokenKind::Name && equal == start + 1;
        if !single_name {
            // `!(list|tuple|genexp|'True'|'None'|'False') a=bitwise_or '='`
            if self.starts_with_display(start) {
                return Ok(());
            }
            self.pos = start;
            let whole = self.attempt(true, |p| p.bitwise_or()).is_some() && self.pos == equal;
            self.pos = equal;
            if !whole {
                return Ok(());
            }
        }
        let value = self.attempt(true, |p| {
            p.bump();
            let value = p.bitwise_or()?;
            if p.at_op(Op::Equal) || p.at_op(Op::ColonEqual) {
                return Err(Fail::Generic);
            }
            Ok(value)
        });
        self.pos = equal;
        let Some(value) = value else { return Ok(()) };
        if single_name {
            let span = expr.span().to(value.span());
            return Err(self.fail_span(
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                span,
            ));
        }
        let msg = format!(
            "cannot assign to {} here. Maybe you meant '==' instead of '='?",
            super::expr_name(expr)
        );
        Err(self.fail_span(msg, expr.span()))
    }

    /// CPython's lookahead `!(list|tuple|genexp|'True'|'None'|'False')` at token `start`.
    pub(super) fn starts_with_display(&mut self, start: usize) -> bool {
        let token = self.tokens[start];
        match token.kind {
            TokenKind::Keyword(Keyword::True | Keyword::None | Keyword::False) => true,
            TokenKind::Op(Op::LSqb | Op::LPar) => {
                let saved = self.pos;
                self.pos = start;
                let atom = self.attempt(true, |p| p.atom());
                self.pos = saved;
                let span = self.token_span(token);
                matches!(
                    atom,
                    Some(Expr::List { span: s, .. } | Expr::Tuple { span: s, .. } | Expr::GeneratorExp { span: s, .. })
                        if s.lineno == span.lineno && s.col_offset == span.col_offset
                )
            }
            _ => false,
        }
    }

    /// Inside `invalid_legacy_expression`'s search: `print` or `exec` starting an expression
    /// and followed by another.
    #[cold]
    #[inline(never)]
    pub(super) fn legacy_print(&mut self, start: usize) -> PResult<()> {
        let head = self.tokens[start];
        let text = self.text_of(head);
        if head.kind == TokenKind::Name && (text == "print" || text == "exec") {
            self.invalid_legacy_expression(start)?;
        }
        Ok(())
    }

    /// CPython's `invalid_expression` and `invalid_legacy_expression`: an expression directly
    /// followed by another one.
    #[cold]
    #[inline(never)]
    pub(super) fn invalid_expression(&mut self, start: usize, first: &Expr) -> PResult<()> {
        let head = self.tokens[start];
        let next = self.tokens.get(start + 1).map(|t| t.kind);
        let head_name = head.kind == TokenKind::Name;
        let name_string = head_name && next == Some(TokenKind::String);
        let soft = head_name && is_soft_keyword(self.text_of(head));
        let legacy = matches!(first, Expr::Name { id, .. } if id == "print" || id == "exec");
        // Inside `invalid_legacy_expression`'s search, only its first expression is checked.
        let comma_rule = !self.legacy_only || start == self.legacy_top;
        if !name_string && !soft && comma_rule {
            // `expression_without_invalid`. CPython's specialised rules stay quiet in it,
            // except inside a bracket it starts with (an error found there is reported).
            let saved = self.pos;
            let second = if matches!(self.kind(), TokenKind::Op(Op::LPar | Op::LSqb | Op::LBrace)) {
                self.attempt_reporting(|p| p.expression())?
            } else {
                self.attempt(true, |p| p.expression())
            };
            let last_level = self.tokens[self.pos.saturating_sub(1)].level;
            self.pos = saved;
            if let Some(second) = second {
                if !legacy && last_level > 0 {
                    let span = first.span().to(second.span());
                    return Err(Fail::Error(Box::new(
                        self.span_error("invalid syntax. Perhaps you forgot a comma?", span),
                    )));
                }
            }
        }
        self.invalid_legacy_expression(start)
    }

    /// CPython's `invalid_legacy_expression`: `NAME !'(' star_expressions`, an error when the
    /// name is `print` or `exec`. CPython parses the `star_expressions` with its specialised
    /// rules on, so the search goes on inside it (for `x print y`, or up to a tokenizer error);
    /// of those rules, only this one is emulated there.
    pub(super) fn invalid_legacy_expression(&mut self, start: usize) -> PResult<()> {
        let head = self.tokens[start];
        if head.kind != TokenKind::Name
            || self.tokens.get(start + 1).map(|t| t.kind) == Some(TokenKind::Op(Op::LPar))
        {
            return Ok(());
        }
        let head_text = self.text_of(head);
        let print = head_text == "print" || head_text == "exec";
        let saved = (self.pos, self.legacy_only, self.no_invalid, self.legacy_top);
        self.pos = start + 1;
        self.legacy_only = true;
        self.no_invalid = true;
        self.legacy_top = start + 1;
        let rest = self.attempt_reporting(|p| p.star_expressions());
        (self.pos, self.legacy_only, self.no_invalid, self.legacy_top) = saved;
        if let (Some(rest), true) = (rest?, print) {
            let span = self.token_span(head).to(rest.span());
            let msg = format!(
                "Missing parentheses in call to '{head_text}'. Did you mean {head_text}(...)?"
            );
            return Err(Fail::Error(Box::new(self.span_error(msg, span))));
        }
        Ok(())
    }
}
