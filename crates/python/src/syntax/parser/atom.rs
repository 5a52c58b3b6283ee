//! Atoms: names, literals, displays, comprehensions, lambdas, `yield`, subscripts' slices.

use super::super::ast::{Arguments, Comprehension, Constant, Expr, ExprContext};
use super::super::token::{Keyword, Op, TokenKind};
use super::expr::starts_expression;
use super::target::TargetsType;
use super::{Fail, PResult, Parser};

/// What a list or set display holds.
enum Display {
    /// Its elements.
    Elements(Vec<Expr>),
    /// A comprehension's element and clauses.
    Comprehension(Expr, Vec<Comprehension>),
}

impl Parser<'_> {
    /// `atom`.
    pub(crate) fn atom(&mut self) -> PResult<Expr> {
        let token = self.peek();
        let constant = |value| Expr::Constant {
            value,
            kind: None,
            span: self.token_span(token),
        };
        match token.kind {
            TokenKind::Name => {
                self.bump();
                Ok(Expr::Name {
                    id: self.text_of(token).to_string(),
                    ctx: ExprContext::Load,
                    span: self.token_span(token),
                })
            }
            TokenKind::Keyword(Keyword::True) => {
                let expr = constant(Constant::Bool(true));
                self.bump();
                Ok(expr)
            }
            TokenKind::Keyword(Keyword::False) => {
                let expr = constant(Constant::Bool(false));
                self.bump();
                Ok(expr)
            }
            TokenKind::Keyword(Keyword::None) => {
                let expr = constant(Constant::None);
                self.bump();
                Ok(expr)
            }
            TokenKind::Op(Op::Ellipsis) => {
                let expr = constant(Constant::Ellipsis);
                self.bump();
                Ok(expr)
            }
            TokenKind::Number => self.number(),
            TokenKind::String => self.strings(),
            TokenKind::Op(Op::LPar) => self.with_depth(|p| p.paren()),
            TokenKind::Op(Op::LSqb) => self.with_depth(|p| p.list()),
            TokenKind::Op(Op::LBrace) => self.with_depth(|p| p.brace()),
            _ => Err(Fail::Generic),
        }
    }

    pub(crate) fn with_depth<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        self.enter()?;
        let result = f(self);
        self.leave();
        result
    }

    /// A number literal.
    fn number(&mut self) -> PResult<Expr> {
        let token = self.bump();
        let text = self.text_of(token);
        let span = self.token_span(token);
        let value = match super::super::number::parse_number(text) {
            Ok(value) => value,
            Err(what) => {
                self.number_unsupported(what, span);
                Constant::Int(0)
            }
        };
        Ok(Expr::Constant {
            value,
            kind: None,
            span,
        })
    }

    /// `( ... )`: a tuple, a parenthesized expression, a generator expression or a `yield`.
    fn paren(&mut self) -> PResult<Expr> {
        let start = self.pos;
        self.bump();
        if self.eat_op(Op::RPar) {
            return Ok(Expr::Tuple {
                elts: Vec::new(),
                ctx: ExprContext::Load,
                span: self.span_from(start),
            });
        }
        if self.at_kw(Keyword::Yield) {
            let value = self.yield_expr()?;
            self.expect_op(Op::RPar)?;
            return Ok(value);
        }
        if self.at_op(Op::DoubleStar) && !self.no_invalid {
            let star = self.peek();
            let found = self.lookahead(|p| {
                p.bump();
                p.expression()?;
                p.expect_op(Op::RPar)
            });
            if found {
                return Err(self.fail_span(
                    "cannot use double starred expression here",
                    self.token_span(star),
                ));
            }
        }
        let first = self.star_named_expression()?;
        if self.at_kw(Keyword::For) || self.at_kw(Keyword::Async) {
            self.no_starred_element(&first)?;
            let generators = self.for_if_clauses()?;
            self.expect_op(Op::RPar)?;
            return Ok(Expr::GeneratorExp {
                elt: Box::new(first),
                generators,
                span: self.span_from(start),
            });
        }
        if self.at_op(Op::RPar) {
            if let Expr::Starred { span, .. } = &first {
                if !self.no_invalid {
                    return Err(self.fail_span("cannot use starred expression here", *span));
                }
                return Err(Fail::Generic);
            }
            self.bump();
            return Ok(first);
        }
        if !self.at_op(Op::Comma) {
            return Err(Fail::Generic);
        }
        let elts = self.rest_of_elements(first, Op::RPar)?;
        self.expect_op(Op::RPar)?;
        Ok(Expr::Tuple {
            elts,
            ctx: ExprContext::Load,
            span: self.span_from(start),
        })
    }

    /// After a first element and at a comma: `, elt, elt [,]`.
    fn rest_of_elements(&mut self, first: Expr, close: Op) -> PResult<Vec<Expr>> {
        let mut elts = vec![first];
        while self.eat_op(Op::Comma) {
            if self.at_op(close) || !starts_expression(self.kind(), true) {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        Ok(elts)
    }

    /// CPython's `invalid_comprehension`: `[*a for ...]`.
    fn no_starred_element(&mut self, elt: &Expr) -> PResult<()> {
        if let Expr::Starred { span, .. } = elt {
            let found = self.lookahead(|p| p.for_if_clauses());
            if found {
                return Err(
                    self.fail_span("iterable unpacking cannot be used in comprehension", *span)
                );
            }
            return Err(Fail::Generic);
        }
        Ok(())
    }

    /// CPython's `invalid_comprehension`: `[a, b for ...]`.
    fn comprehension_without_parentheses(&mut self, elts: &[Expr]) -> PResult<()> {
        if self.no_invalid || !self.at_kw(Keyword::For) {
            return Ok(());
        }
        if self.lookahead(|p| p.for_if_clauses()) {
            let first = elts[0].span();
            let end = if elts.len() > 1 {
                elts[elts.len() - 1].span()
            } else {
                self.token_span(self.tokens[self.pos - 1])
            };
            return Err(self.fail_span(
                "did you forget parentheses around the comprehension target?",
                first.to(end),
            ));
        }
        Ok(())
    }

    /// `[ ... ]`: a list or a list comprehension.
    fn list(&mut self) -> PResult<Expr> {
        let start = self.pos;
        self.bump();
        if self.eat_op(Op::RSqb) {
            return Ok(Expr::List {
                elts: Vec::new(),
                ctx: ExprContext::Load,
                span: self.span_from(start),
            });
        }
        let first = self.star_named_expression()?;
        Ok(match self.display_rest(first, Op::RSqb)? {
            Display::Elements(elts) => Expr::List {
                elts,
                ctx: ExprContext::Load,
                span: self.span_from(start),
            },
            Display::Comprehension(elt, generators) => Expr::ListComp {
                elt: Box::new(elt),
                generators,
                span: self.span_from(start),
            },
        })
    }

    /// The rest of a list or set display after its first element, up to and including the
    /// closing bracket: more elements, or the clauses of a comprehension.
    fn display_rest(&mut self, first: Expr, close: Op) -> PResult<Display> {
        if self.at_kw(Keyword::For) || self.at_kw(Keyword::Async) {
            self.no_starred_element(&first)?;
            let generators = self.for_if_clauses()?;
            self.expect_op(close)?;
            return Ok(Display::Comprehension(first, generators));
        }
        let elts = if self.at_op(Op::Comma) {
            self.rest_of_elements(first, close)?
        } else {
            vec![first]
        };
        if !self.at_op(close) {
            self.comprehension_without_parentheses(&elts)?;
            return Err(Fail::Generic);
        }
        self.bump();
        Ok(Display::Elements(elts))
    }

    /// `{ ... }`: a dict, a set, or their comprehensions.
    fn brace(&mut self) -> PResult<Expr> {
        let start = self.pos;
        self.bump();
        if self.eat_op(Op::RBrace) {
            return Ok(Expr::Dict {
                keys: Vec::new(),
                values: Vec::new(),
                span: self.span_from(start),
            });
        }
        if self.at_op(Op::DoubleStar) {
            let star = self.peek();
            self.bump();
            let value = self.bitwise_or()?;
            if self.at_kw(Keyword::For) {
                if !self.no_invalid && self.lookahead(|p| p.for_if_clauses()) {
                    return Err(self.fail_span(
                        "dict unpacking cannot be used in dict comprehension",
                        self.token_span(star),
                    ));
                }
                return Err(Fail::Generic);
            }
            return self.dict_rest(start, None, value);
        }
        let first = self.star_named_expression()?;
        if self.at_op(Op::Colon) && !matches!(first, Expr::Starred { .. }) {
            let colon = self.bump();
            self.dict_value_errors(colon)?;
            let value = self.expression()?;
            if self.at_kw(Keyword::For) || self.at_kw(Keyword::Async) {
                let generators = self.for_if_clauses()?;
                self.expect_op(Op::RBrace)?;
                return Ok(Expr::DictComp {
                    key: Box::new(first),
                    value: Box::new(value),
                    generators,
                    span: self.span_from(start),
                });
            }
            return self.dict_rest(start, Some(first), value);
        }
        Ok(match self.display_rest(first, Op::RBrace)? {
            Display::Elements(elts) => Expr::Set {
                elts,
                span: self.span_from(start),
            },
            Display::Comprehension(elt, generators) => Expr::SetComp {
                elt: Box::new(elt),
                generators,
                span: self.span_from(start),
            },
        })
    }

    /// Errors right after a dict key's `:`.
    fn dict_value_errors(&mut self, colon: super::super::token::Token) -> PResult<()> {
        if self.no_invalid {
            return Ok(());
        }
        if self.at_op(Op::RBrace) || self.at_op(Op::Comma) {
            return Err(self.fail_span(
                "expression expected after dictionary key and ':'",
                self.token_span(colon),
            ));
        }
        if self.at_op(Op::Star) {
            let star = self.peek();
            let found = self.lookahead(|p| {
                p.bump();
                p.bitwise_or()
            });
            if found {
                return Err(self.fail_starting_from(
                    "cannot use a starred expression in a dictionary value",
                    star,
                ));
            }
        }
        Ok(())
    }

    /// The rest of a dict display after its first item.
    fn dict_rest(&mut self, start: usize, key: Option<Expr>, value: Expr) -> PResult<Expr> {
        let mut keys = vec![key];
        let mut values = vec![value];
        while self.eat_op(Op::Comma) {
            if self.at_op(Op::RBrace) {
                break;
            }
            if self.eat_op(Op::DoubleStar) {
                keys.push(None);
                values.push(self.bitwise_or()?);
                continue;
            }
            // CPython has parsed the key once already, without its specialised rules.
            let key_start = self.pos;
            let quiet = self.attempt(true, |p| p.expression());
            if let (Some(key), false) = (&quiet, self.at_op(Op::Colon) || self.no_invalid) {
                return Err(self.colon_expected(key));
            }
            self.pos = key_start;
            let key = self.expression()?;
            if !self.at_op(Op::Colon) {
                return Err(if self.no_invalid {
                    Fail::Generic
                } else {
                    self.colon_expected(&key)
                });
            }
            let colon = self.bump();
            self.dict_value_errors(colon)?;
            keys.push(Some(key));
            values.push(self.expression()?);
        }
        self.expect_op(Op::RBrace)?;
        Ok(Expr::Dict {
            keys,
            values,
            span: self.span_from(start),
        })
    }

    /// CPython's "':' expected after dictionary key", pointing at the key's last character.
    fn colon_expected(&self, key: &Expr) -> Fail {
        let span = self.unshift(key.span());
        let error = self.lines.error(
            super::super::error::ErrorKind::SyntaxError,
            "':' expected after dictionary key",
            span.lineno,
            i64::from(span.end_col_offset),
            span.end_lineno,
            0,
        );
        self.invalid(error)
    }

    /// `for_if_clauses`: one or more `for target in iter if cond...`.
    pub(crate) fn for_if_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut generators = Vec::new();
        loop {
            if self.at_kw(Keyword::Async) {
                let token = self.peek();
                self.unsupported("'async for' is", self.token_span(token));
                self.bump();
                if !self.at_kw(Keyword::For) {
                    return Err(Fail::Generic);
                }
            }
            if !self.at_kw(Keyword::For) {
                break;
            }
            let for_pos = self.pos;
            self.bump();
            let target = match self.star_targets_store() {
                Ok(target) if self.at_kw(Keyword::In) => target,
                Ok(_) | Err(Fail::Generic) => {
                    self.pos = for_pos + 1;
                    return Err(self.invalid_target_error(TargetsType::For));
                }
                Err(e) => return Err(e),
            };
            self.bump();
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw(Keyword::If) {
                ifs.push(self.disjunction()?);
            }
            generators.push(Comprehension {
                target,
                iter,
                ifs,
                is_async: false,
            });
        }
        if generators.is_empty() {
            return Err(Fail::Generic);
        }
        Ok(generators)
    }

    /// `lambda params: body`.
    pub(crate) fn lambdef(&mut self) -> PResult<Expr> {
        let start = self.pos;
        self.bump();
        self.enter()?;
        let result = (|| {
            let args = if self.at_op(Op::Colon) {
                Arguments::default()
            } else {
                self.parameters(true)?
            };
            self.expect_op(Op::Colon)?;
            let body = self.expression()?;
            Ok(Expr::Lambda {
                args: Box::new(args),
                body: Box::new(body),
                span: self.span_from(start),
            })
        })();
        self.leave();
        result
    }

    /// `yield`, `yield value`, `yield from value`.
    pub(crate) fn yield_expr(&mut self) -> PResult<Expr> {
        let start = self.pos;
        self.bump();
        if self.eat_kw(Keyword::From) {
            let value = self.with_depth(|p| p.expression())?;
            return Ok(Expr::YieldFrom {
                value: Box::new(value),
                span: self.span_from(start),
            });
        }
        let value = if starts_expression(self.kind(), true) {
            Some(Box::new(self.with_depth(|p| p.star_expressions())?))
        } else {
            None
        };
        Ok(Expr::Yield {
            value,
            span: self.span_from(start),
        })
    }

    /// `slices`: what goes between a subscript's brackets.
    pub(crate) fn slices(&mut self) -> PResult<Expr> {
        let start = self.pos;
        let first = self.slice_item()?;
        if !self.at_op(Op::Comma) {
            if let Expr::Starred { .. } = first {
                return Ok(Expr::Tuple {
                    elts: vec![first],
                    ctx: ExprContext::Load,
                    span: self.span_from(start),
                });
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(Op::Comma) {
            if !(starts_expression(self.kind(), true) || self.at_op(Op::Colon)) {
                break;
            }
            elts.push(self.slice_item()?);
        }
        Ok(Expr::Tuple {
            elts,
            ctx: ExprContext::Load,
            span: self.span_from(start),
        })
    }

    /// `slice | starred_expression`.
    fn slice_item(&mut self) -> PResult<Expr> {
        let start = self.pos;
        if self.at_op(Op::Star) {
            self.bump();
            let value = self.with_depth(|p| p.expression())?;
            return Ok(Expr::Starred {
                value: Box::new(value),
                ctx: ExprContext::Load,
                span: self.span_from(start),
            });
        }
        let lower = if self.at_op(Op::Colon) {
            None
        } else {
            let expr = self.named_expression()?;
            if !self.at_op(Op::Colon) || matches!(expr, Expr::NamedExpr { .. }) {
                return Ok(expr);
            }
            Some(Box::new(expr))
        };
        self.bump();
        let upper = if starts_expression(self.kind(), false) {
            Some(Box::new(self.expression()?))
        } else {
            None
        };
        let step = if self.eat_op(Op::Colon) && starts_expression(self.kind(), false) {
            Some(Box::new(self.expression()?))
        } else {
            None
        };
        Ok(Expr::Slice {
            lower,
            upper,
            step,
            span: self.span_from(start),
        })
    }

    /// Note a number literal weaklink cannot represent.
    fn number_unsupported(
        &mut self,
        what: super::super::number::NumberError,
        span: super::super::ast::Span,
    ) {
        use super::super::number::NumberError;
        match what {
            NumberError::Complex => self.unsupported("complex numbers are", span),
            NumberError::TooLarge => {
                if self.unsupported.is_none() && self.trials == 0 {
                    let error = self.span_error(
                        "integer literal too large: weaklink keeps ints within 1,048,576 bits",
                        span,
                    );
                    self.unsupported = Some(Box::new(error));
                }
            }
        }
    }
}
