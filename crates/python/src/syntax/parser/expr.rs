//! Expressions, from `star_expressions` down to `primary`.
//!
//! Loops and optional parts backtrack when what follows an operator does not parse (as a PEG
//! parser does): `1 +` parses as `1` and the caller fails at the `+`, while the generic error
//! position stays at the furthest token examined.

use super::super::ast::{Boolop, Cmpop, Expr, ExprContext, Operator, Unaryop};
use super::super::token::{Keyword, Op, TokenKind};
use super::{Fail, PResult, Parser};

/// Whether a token can start an expression (`expression` or `star_expression` if `star`).
pub(crate) fn starts_expression(kind: TokenKind, star: bool) -> bool {
    match kind {
        TokenKind::Name | TokenKind::Number | TokenKind::String => true,
        TokenKind::Keyword(k) => matches!(
            k,
            Keyword::None
                | Keyword::True
                | Keyword::False
                | Keyword::Not
                | Keyword::Lambda
                | Keyword::Await
        ),
        TokenKind::Op(op) => {
            matches!(
                op,
                Op::LPar | Op::LSqb | Op::LBrace | Op::Minus | Op::Plus | Op::Tilde | Op::Ellipsis
            ) || (star && op == Op::Star)
        }
        _ => false,
    }
}

/// The binary operator of a token and its precedence (higher binds tighter).
fn binary_op(kind: TokenKind) -> Option<(Operator, u8)> {
    let TokenKind::Op(op) = kind else { return None };
    Some(match op {
        Op::VBar => (Operator::BitOr, 1),
        Op::Circumflex => (Operator::BitXor, 2),
        Op::Amper => (Operator::BitAnd, 3),
        Op::LeftShift => (Operator::LShift, 4),
        Op::RightShift => (Operator::RShift, 4),
        Op::Plus => (Operator::Add, 5),
        Op::Minus => (Operator::Sub, 5),
        Op::Star => (Operator::Mult, 6),
        Op::Slash => (Operator::Div, 6),
        Op::DoubleSlash => (Operator::FloorDiv, 6),
        Op::Percent => (Operator::Mod, 6),
        Op::At => (Operator::MatMult, 6),
        _ => return None,
    })
}

/// Whether CPython's parser takes a name for a soft keyword (`match`, `case`, `_`). CPython
/// 3.11 compares only the name's length of characters, so any prefix of them (`c`, `ma`...)
/// counts too.
pub(crate) fn is_soft_keyword(text: &str) -> bool {
    !text.is_empty() && ["match", "case", "_"].iter().any(|k| k.starts_with(text))
}

impl Parser<'_> {
    /// `star_expressions`: a tuple when there are commas.
    pub(crate) fn star_expressions(&mut self) -> PResult<Expr> {
        let start = self.pos;
        let first = self.star_expression()?;
        if !self.at_op(Op::Comma) {
            return Ok(first);
        }
        self.star_expressions_rest(start, first)
    }

    /// The rest of `star_expressions` after its first element, at a comma.
    #[inline(never)]
    fn star_expressions_rest(&mut self, start: usize, first: Expr) -> PResult<Expr> {
        let mut elts = vec![first];
        while self.eat_op(Op::Comma) {
            if !starts_expression(self.kind(), true) {
                break;
            }
            let before = self.pos;
            match self.star_expression() {
                Ok(e) => elts.push(e),
                Err(Fail::Generic) => {
                    self.pos = before;
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(Expr::Tuple {
            elts,
            ctx: ExprContext::Load,
            span: self.span_from(start),
        })
    }

    /// `star_expression`: `*bitwise_or` or an expression.
    #[inline]
    pub(crate) fn star_expression(&mut self) -> PResult<Expr> {
        if self.at_op(Op::Star) {
            return self.starred_bitwise_or();
        }
        self.expression()
    }

    /// `'*' bitwise_or` as a `Starred` in load context.
    pub(crate) fn starred_bitwise_or(&mut self) -> PResult<Expr> {
        let start = self.pos;
        self.bump();
        self.enter()?;
        let value = self.bitwise_or();
        self.leave();
        let value = value?;
        Ok(Expr::Starred {
            value: Box::new(value),
            ctx: ExprContext::Load,
            span: self.span_from(start),
        })
    }

    /// `star_named_expression`: `*bitwise_or` or a named expression.
    #[inline]
    pub(crate) fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.at_op(Op::Star) {
            return self.starred_bitwise_or();
        }
        self.named_expression()
    }

    /// `named_expression`: `NAME := expression` or an expression.
    pub(crate) fn named_expression(&mut self) -> PResult<Expr> {
        let start = self.pos;
        if self.kind() == TokenKind::Name && self.peek_at(1).kind == TokenKind::Op(Op::ColonEqual) {
            return self.assignment_expression();
        }
        let expr = self.expression()?;
        if !self.at_op(Op::ColonEqual) && !self.at_op(Op::Equal) {
            return Ok(expr);
        }
        self.named_expression_rest(start, expr)
    }

    /// `named_expression` when an expression is followed by `:=` or `=`.
    #[inline(never)]
    fn named_expression_rest(&mut self, start: usize, expr: Expr) -> PResult<Expr> {
        if self.at_op(Op::ColonEqual) {
            if !self.no_invalid {
                let after = self.lookahead(|p| {
                    p.bump();
                    p.expression()
                });
                if after {
                    let msg = format!(
                        "cannot use assignment expressions with {}",
                        super::expr_name(&expr)
                    );
                    return Err(self.fail_span(msg, expr.span()));
                }
            }
            return Err(Fail::Generic);
        }
        if self.at_op(Op::Equal) && !self.no_invalid {
            self.invalid_named_expression(start, &expr)?;
        }
        Ok(expr)
    }

    /// `NAME ':=' expression`.
    pub(crate) fn assignment_expression(&mut self) -> PResult<Expr> {
        let start = self.pos;
        let name = self.bump();
        let target = Expr::Name {
            id: self.text_of(name).to_string(),
            ctx: ExprContext::Store,
            span: self.token_span(name),
        };
        self.bump();
        self.enter()?;
        let value = self.expression();
        self.leave();
        let value = value?;
        Ok(Expr::NamedExpr {
            target: Box::new(target),
            value: Box::new(value),
            span: self.span_from(start),
        })
    }

    /// `expression`: a conditional expression, a disjunction or a lambda.
    pub(crate) fn expression(&mut self) -> PResult<Expr> {
        if self.at_kw(Keyword::Lambda) {
            return self.lambdef();
        }
        let start = self.pos;
        if self.legacy_only {
            self.legacy_print(start)?;
        }
        let body = self.disjunction()?;
        let next = self.kind();
        if next != TokenKind::Keyword(Keyword::If) && !starts_expression(next, false) {
            return Ok(body);
        }
        self.expression_rest(start, body)
    }

    /// The rest of `expression` after a disjunction followed by `if` or another expression.
    #[inline(never)]
    fn expression_rest(&mut self, start: usize, body: Expr) -> PResult<Expr> {
        if (!self.no_invalid || self.legacy_only) && starts_expression(self.kind(), false) {
            self.invalid_expression(start, &body)?;
        }
        if !self.at_kw(Keyword::If) {
            return Ok(body);
        }
        let before = self.pos;
        self.bump();
        let test = match self.disjunction() {
            Ok(test) => test,
            Err(Fail::Generic) => {
                self.pos = before;
                return Ok(body);
            }
            Err(e) => return Err(e),
        };
        if !self.eat_kw(Keyword::Else) {
            if !self.at_op(Op::Colon) {
                let span = body.span().to(test.span());
                return Err(self.fail_span("expected 'else' after 'if' expression", span));
            }
            self.pos = before;
            return Ok(body);
        }
        self.enter()?;
        let orelse = self.expression();
        self.leave();
        let orelse = match orelse {
            Ok(orelse) => orelse,
            Err(Fail::Generic) => {
                self.pos = before;
                return Ok(body);
            }
            Err(e) => return Err(e),
        };
        Ok(Expr::IfExp {
            test: Box::new(test),
            body: Box::new(body),
            orelse: Box::new(orelse),
            span: self.span_from(start),
        })
    }

    /// `disjunction`: `a or b or ...`.
    pub(crate) fn disjunction(&mut self) -> PResult<Expr> {
        let start = self.pos;
        let first = self.conjunction()?;
        if !self.at_kw(Keyword::Or) {
            return Ok(first);
        }
        self.bool_rest(Keyword::Or, start, first)
    }

    /// `conjunction`: `a and b and ...`.
    fn conjunction(&mut self) -> PResult<Expr> {
        let start = self.pos;
        let first = self.inversion()?;
        if !self.at_kw(Keyword::And) {
            return Ok(first);
        }
        self.bool_rest(Keyword::And, start, first)
    }

    /// The rest of a chain of `or` or `and` after its first operand.
    #[inline(never)]
    fn bool_rest(&mut self, keyword: Keyword, start: usize, first: Expr) -> PResult<Expr> {
        let mut values = vec![first];
        loop {
            let before = self.pos;
            if !self.eat_kw(keyword) {
                break;
            }
            let value = if keyword == Keyword::Or {
                self.conjunction()
            } else {
                self.inversion()
            };
            match value {
                Ok(value) => values.push(value),
                Err(Fail::Generic) => {
                    self.pos = before;
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        if values.len() == 1 {
            return Ok(values.pop().expect("one value"));
        }
        let op = if keyword == Keyword::Or {
            Boolop::Or
        } else {
            Boolop::And
        };
        Ok(Expr::BoolOp {
            op,
            values,
            span: self.span_from(start),
        })
    }

    /// `inversion`: `not inversion` or a comparison.
    fn inversion(&mut self) -> PResult<Expr> {
        if !self.at_kw(Keyword::Not) {
            return self.comparison();
        }
        let start = self.pos;
        self.bump();
        self.enter()?;
        let operand = self.inversion();
        self.leave();
        let operand = operand?;
        Ok(Expr::UnaryOp {
            op: Unaryop::Not,
            operand: Box::new(operand),
            span: self.span_from(start),
        })
    }

    /// The comparison operator at the current token, and how many tokens it takes.
    fn compare_op(&mut self) -> Option<(Cmpop, usize)> {
        Some(match self.kind() {
            TokenKind::Op(Op::EqEqual) => (Cmpop::Eq, 1),
            TokenKind::Op(Op::NotEqual) => (Cmpop::NotEq, 1),
            TokenKind::Op(Op::Less) => (Cmpop::Lt, 1),
            TokenKind::Op(Op::LessEqual) => (Cmpop::LtE, 1),
            TokenKind::Op(Op::Greater) => (Cmpop::Gt, 1),
            TokenKind::Op(Op::GreaterEqual) => (Cmpop::GtE, 1),
            TokenKind::Keyword(Keyword::In) => (Cmpop::In, 1),
            TokenKind::Keyword(Keyword::Not)
                if self.peek_at(1).kind == TokenKind::Keyword(Keyword::In) =>
            {
                (Cmpop::NotIn, 2)
            }
            TokenKind::Keyword(Keyword::Is) => {
                if self.peek_at(1).kind == TokenKind::Keyword(Keyword::Not) {
                    (Cmpop::IsNot, 2)
                } else {
                    (Cmpop::Is, 1)
                }
            }
            _ => return None,
        })
    }

    /// `comparison`: `a < b <= c ...`.
    fn comparison(&mut self) -> PResult<Expr> {
        let start = self.pos;
        let left = self.bitwise_or()?;
        if self.compare_op().is_none() {
            return Ok(left);
        }
        self.comparison_rest(start, left)
    }

    /// The rest of a comparison after its first operand.
    #[inline(never)]
    fn comparison_rest(&mut self, start: usize, left: Expr) -> PResult<Expr> {
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        while let Some((op, width)) = self.compare_op() {
            let before = self.pos;
            self.pos += width;
            match self.bitwise_or() {
                Ok(right) => {
                    ops.push(op);
                    comparators.push(right);
                }
                Err(Fail::Generic) => {
                    self.pos = before;
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        if ops.is_empty() {
            return Ok(left);
        }
        Ok(Expr::Compare {
            left: Box::new(left),
            ops,
            comparators,
            span: self.span_from(start),
        })
    }

    /// `bitwise_or`: the binary operators from `|` to `*`.
    #[inline]
    pub(crate) fn bitwise_or(&mut self) -> PResult<Expr> {
        self.binary(1)
    }

    /// Binary operators of precedence `min` and tighter, by precedence climbing.
    fn binary(&mut self, min: u8) -> PResult<Expr> {
        let start = self.pos;
        let left = self.factor()?;
        match binary_op(self.kind()) {
            Some((_, prec)) if prec >= min => self.binary_rest(min, start, left),
            _ => Ok(left),
        }
    }

    /// The rest of a chain of binary operators after its first operand.
    #[inline(never)]
    fn binary_rest(&mut self, min: u8, start: usize, mut left: Expr) -> PResult<Expr> {
        let mut height = None;
        while let Some((op, prec)) = binary_op(self.kind()) {
            if prec < min {
                break;
            }
            let before = self.pos;
            self.bump();
            self.enter()?;
            let right = self.binary(prec + 1);
            self.leave();
            match right {
                Ok(right) => {
                    let below = height
                        .unwrap_or_else(|| Self::height(&left))
                        .max(Self::height(&right));
                    height = Some(below + 1);
                    self.check_height(below + 1)?;
                    left = Expr::BinOp {
                        left: Box::new(left),
                        op,
                        right: Box::new(right),
                        span: self.span_from(start),
                    }
                }
                Err(Fail::Generic) => {
                    self.pos = before;
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(left)
    }

    /// `factor`: unary `+`, `-`, `~`, or a power.
    fn factor(&mut self) -> PResult<Expr> {
        let op = match self.kind() {
            TokenKind::Op(Op::Plus) => Unaryop::UAdd,
            TokenKind::Op(Op::Minus) => Unaryop::USub,
            TokenKind::Op(Op::Tilde) => Unaryop::Invert,
            _ => return self.power(),
        };
        let start = self.pos;
        self.bump();
        self.enter()?;
        let operand = self.factor();
        self.leave();
        let operand = operand?;
        Ok(Expr::UnaryOp {
            op,
            operand: Box::new(operand),
            span: self.span_from(start),
        })
    }

    /// `power`: `primary ** factor`.
    fn power(&mut self) -> PResult<Expr> {
        let start = self.pos;
        if self.at_kw(Keyword::Await) {
            let token = self.peek();
            self.unsupported("'await' is", self.token_span(token));
            self.bump();
            return self.with_depth(|p| p.primary());
        }
        let base = self.primary()?;
        if !self.at_op(Op::DoubleStar) {
            return Ok(base);
        }
        self.power_rest(start, base)
    }

    /// `** factor` after a primary.
    #[inline(never)]
    fn power_rest(&mut self, start: usize, base: Expr) -> PResult<Expr> {
        let before = self.pos;
        self.bump();
        self.enter()?;
        let exponent = self.factor();
        self.leave();
        match exponent {
            Ok(exponent) => Ok(Expr::BinOp {
                left: Box::new(base),
                op: Operator::Pow,
                right: Box::new(exponent),
                span: self.span_from(start),
            }),
            Err(Fail::Generic) => {
                self.pos = before;
                Ok(base)
            }
            Err(e) => Err(e),
        }
    }

    /// `primary`: an atom followed by attributes, calls and subscripts.
    pub(crate) fn primary(&mut self) -> PResult<Expr> {
        let start = self.pos;
        let expr = self.atom()?;
        if !matches!(self.kind(), TokenKind::Op(Op::Dot | Op::LPar | Op::LSqb)) {
            return Ok(expr);
        }
        self.trailers(start, expr)
    }

    /// Attributes, calls and subscripts after an atom.
    #[inline(never)]
    fn trailers(&mut self, start: usize, mut expr: Expr) -> PResult<Expr> {
        let mut height = Self::height(&expr);
        let mut links = 0usize;
        loop {
            let before = self.pos;
            if links > 0 {
                let below = match &expr {
                    Expr::Call { args, keywords, .. } => args
                        .iter()
                        .chain(keywords.iter().map(|k| &k.value))
                        .map(Self::height)
                        .fold(height, u32::max),
                    Expr::Subscript { slice, .. } => height.max(Self::height(slice)),
                    _ => height,
                };
                height = below + 1;
                self.check_height(height)?;
            }
            links += 1;
            match self.kind() {
                TokenKind::Op(Op::Dot) => {
                    self.bump();
                    let name = self.peek();
                    if name.kind != TokenKind::Name {
                        self.pos = before;
                        return Ok(expr);
                    }
                    self.bump();
                    expr = Expr::Attribute {
                        value: Box::new(expr),
                        attr: self.text_of(name).to_string(),
                        ctx: ExprContext::Load,
                        span: self.span_from(start),
                    };
                }
                TokenKind::Op(Op::LPar) => match self.call_arguments() {
                    Ok((args, keywords)) => {
                        expr = Expr::Call {
                            func: Box::new(expr),
                            args,
                            keywords,
                            span: self.span_from(start),
                        };
                    }
                    Err(Fail::Generic) => {
                        self.pos = before;
                        return Ok(expr);
                    }
                    Err(e) => return Err(e),
                },
                TokenKind::Op(Op::LSqb) => {
                    self.bump();
                    let slice = match self.slices() {
                        Ok(slice) if self.at_op(Op::RSqb) => slice,
                        Ok(_) | Err(Fail::Generic) => {
                            self.pos = before;
                            return Ok(expr);
                        }
                        Err(e) => return Err(e),
                    };
                    self.bump();
                    expr = Expr::Subscript {
                        value: Box::new(expr),
                        slice: Box::new(slice),
                        ctx: ExprContext::Load,
                        span: self.span_from(start),
                    };
                }
                _ => return Ok(expr),
            }
        }
    }
}
