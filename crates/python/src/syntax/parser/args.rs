//! Call arguments and function parameters.

use super::super::ast::{Arg, Arguments, Expr, ExprContext, Keyword as KeywordArg};
use super::super::token::{Keyword, Op, Token, TokenKind};
use super::{Fail, PResult, Parser};

/// The last expression of a comprehension: its last condition, else its iterable.
fn last_comprehension_item(
    generators: &[super::super::ast::Comprehension],
) -> super::super::ast::Span {
    let last = &generators[generators.len() - 1];
    last.ifs.last().unwrap_or(&last.iter).span()
}

impl Parser<'_> {
    /// `'(' [arguments] ')'` of a call: positional and keyword arguments.
    pub(crate) fn call_arguments(&mut self) -> PResult<(Vec<Expr>, Vec<KeywordArg>)> {
        let open = self.pos;
        self.bump();
        let mut args = Vec::new();
        let mut keywords: Vec<KeywordArg> = Vec::new();
        if self.eat_op(Op::RPar) {
            return Ok((args, keywords));
        }
        self.enter()?;
        let result = self.argument_list(open, &mut args, &mut keywords);
        self.leave();
        result?;
        Ok((args, keywords))
    }

    fn argument_list(
        &mut self,
        open: usize,
        args: &mut Vec<Expr>,
        keywords: &mut Vec<KeywordArg>,
    ) -> PResult<()> {
        loop {
            let start = self.pos;
            let token = self.peek();
            match token.kind {
                TokenKind::Op(Op::Star) => {
                    if !self.no_invalid && keywords.iter().any(|k| k.arg.is_none()) {
                        return Err(self.fail_span(
                            "iterable argument unpacking follows keyword argument unpacking",
                            self.token_span(token),
                        ));
                    }
                    self.bump();
                    let value = self.expression()?;
                    if self.at_kw(Keyword::For)
                        && !self.no_invalid
                        && self.lookahead(|p| p.for_if_clauses())
                    {
                        return Err(self.fail_span(
                            "iterable unpacking cannot be used in comprehension",
                            self.span_from(start),
                        ));
                    }
                    args.push(Expr::Starred {
                        value: Box::new(value),
                        ctx: ExprContext::Load,
                        span: self.span_from(start),
                    });
                }
                TokenKind::Op(Op::DoubleStar) => {
                    self.bump();
                    let value = self.expression()?;
                    keywords.push(KeywordArg {
                        arg: None,
                        value,
                        span: self.span_from(start),
                    });
                }
                TokenKind::Name if self.peek_at(1).kind == TokenKind::Op(Op::Equal) => {
                    self.bump();
                    let equal = self.bump();
                    let value = self.expression()?;
                    if self.at_kw(Keyword::For)
                        && !self.no_invalid
                        && self.lookahead(|p| p.for_if_clauses())
                    {
                        let span = self.token_span(token).to(self.token_span(equal));
                        return Err(self.fail_span(
                            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                            span,
                        ));
                    }
                    keywords.push(KeywordArg {
                        arg: Some(self.text_of(token).to_string()),
                        value,
                        span: self.span_from(start),
                    });
                }
                TokenKind::Keyword(Keyword::True | Keyword::False | Keyword::None)
                    if self.peek_at(1).kind == TokenKind::Op(Op::Equal) && !self.no_invalid =>
                {
                    let equal = self.peek_at(1);
                    let msg = format!("cannot assign to {}", self.text_of(token));
                    return Err(
                        self.fail_span(msg, self.token_span(token).to(self.token_span(equal)))
                    );
                }
                _ => {
                    let value = if token.kind == TokenKind::Name
                        && self.peek_at(1).kind == TokenKind::Op(Op::ColonEqual)
                    {
                        self.assignment_expression()?
                    } else {
                        self.expression()?
                    };
                    if self.at_op(Op::Equal) && !self.no_invalid {
                        let equal = self.peek();
                        return Err(self.fail_span(
                            "expression cannot contain assignment, perhaps you meant \"==\"?",
                            value.span().to(self.token_span(equal)),
                        ));
                    }
                    if self.at_kw(Keyword::For) || self.at_kw(Keyword::Async) {
                        return self.generator_argument(open, value, args, keywords);
                    }
                    if !keywords.is_empty() && !self.no_invalid {
                        let unpacking = keywords.iter().any(|k| k.arg.is_none());
                        let msg = if unpacking {
                            "positional argument follows keyword argument unpacking"
                        } else {
                            "positional argument follows keyword argument"
                        };
                        // CPython reports it after reading the remaining arguments.
                        self.lookahead(|p| {
                            while p.eat_op(Op::Comma) {
                                if p.at_op(Op::RPar) {
                                    break;
                                }
                                p.eat_op(Op::Star);
                                p.eat_op(Op::DoubleStar);
                                if p.kind() == TokenKind::Name
                                    && p.peek_at(1).kind == TokenKind::Op(Op::Equal)
                                {
                                    p.bump();
                                    p.bump();
                                }
                                p.expression()?;
                            }
                            p.expect_op(Op::RPar)
                        });
                        return Err(self.fail_last(msg));
                    }
                    args.push(value);
                }
            }
            if !self.eat_op(Op::Comma) {
                break;
            }
            if self.at_op(Op::RPar) {
                break;
            }
        }
        self.expect_op(Op::RPar)?;
        Ok(())
    }

    /// An argument followed by `for`: the sole argument may be a generator expression.
    fn generator_argument(
        &mut self,
        open: usize,
        elt: Expr,
        args: &mut Vec<Expr>,
        keywords: &mut [KeywordArg],
    ) -> PResult<()> {
        let sole = args.is_empty() && keywords.is_empty();
        let generators = self.for_if_clauses()?;
        if sole && self.at_op(Op::RPar) {
            self.bump();
            let span = self.span_from(open);
            args.push(Expr::GeneratorExp {
                elt: Box::new(elt),
                generators,
                span,
            });
            return Ok(());
        }
        if !self.no_invalid && (!sole || self.at_op(Op::Comma)) {
            let span = elt.span().to(last_comprehension_item(&generators));
            return Err(self.fail_span("Generator expression must be parenthesized", span));
        }
        Err(Fail::Generic)
    }

    /// One parameter: a name with an annotation unless in a lambda.
    fn parameter(&mut self, lambda: bool, star: bool) -> PResult<Arg> {
        let start = self.pos;
        let name = self.peek();
        if name.kind != TokenKind::Name {
            return Err(Fail::Generic);
        }
        self.bump();
        let annotation = if !lambda && self.eat_op(Op::Colon) {
            let annotation = if star && self.at_op(Op::Star) {
                self.starred_annotation()?
            } else {
                self.expression()?
            };
            Some(Box::new(annotation))
        } else {
            None
        };
        Ok(Arg {
            arg: self.text_of(name).to_string(),
            annotation,
            span: self.span_from(start),
        })
    }

    fn starred_annotation(&mut self) -> PResult<Expr> {
        let start = self.pos;
        self.bump();
        let value = self.bitwise_or()?;
        Ok(Expr::Starred {
            value: Box::new(value),
            ctx: ExprContext::Load,
            span: self.span_from(start),
        })
    }

    /// A default value after `=`.
    fn default_value(&mut self, equal: Token) -> PResult<Expr> {
        if (self.at_op(Op::RPar) || self.at_op(Op::Comma)) && !self.no_invalid {
            return Err(self.fail_span("expected default value expression", self.token_span(equal)));
        }
        self.expression()
    }

    /// The parameters of a `def` (up to its `)`) or of a `lambda` (up to its `:`).
    pub(crate) fn parameters(&mut self, lambda: bool) -> PResult<Arguments> {
        let close = if lambda { Op::Colon } else { Op::RPar };
        let mut args = Arguments::default();
        let mut seen_star = false;
        let mut seen_default = false;
        let mut kwarg_seen = false;
        loop {
            if self.at_op(close) {
                break;
            }
            let token = self.peek();
            match token.kind {
                TokenKind::Op(Op::Slash) => {
                    if args.args.is_empty() && args.posonlyargs.is_empty() && !seen_star {
                        return Err(self.fail_span(
                            "at least one argument must precede /",
                            self.token_span(token),
                        ));
                    }
                    if !args.posonlyargs.is_empty() {
                        return Err(
                            self.fail_span("/ may appear only once", self.token_span(token))
                        );
                    }
                    if seen_star {
                        return Err(self.fail_span("/ must be ahead of *", self.token_span(token)));
                    }
                    self.bump();
                    args.posonlyargs = std::mem::take(&mut args.args);
                }
                TokenKind::Op(Op::Star) => {
                    if seen_star {
                        return Err(self
                            .fail_span("* argument may appear only once", self.token_span(token)));
                    }
                    seen_star = true;
                    self.bump();
                    if self.at_op(Op::Comma) {
                        let next = self.peek_at(1).kind;
                        if next == TokenKind::Op(close) || next == TokenKind::Op(Op::DoubleStar) {
                            return Err(self.bare_star_error(token, lambda));
                        }
                    } else if self.at_op(close) {
                        return Err(self.bare_star_error(token, lambda));
                    } else {
                        let vararg = self.parameter(lambda, true)?;
                        if self.at_op(Op::Equal) {
                            let equal = self.peek();
                            return Err(self.fail_span(
                                "var-positional argument cannot have default value",
                                self.token_span(equal),
                            ));
                        }
                        args.vararg = Some(vararg);
                    }
                }
                TokenKind::Op(Op::DoubleStar) => {
                    self.bump();
                    let kwarg = self.parameter(lambda, false)?;
                    if self.at_op(Op::Equal) {
                        let equal = self.peek();
                        return Err(self.fail_span(
                            "var-keyword argument cannot have default value",
                            self.token_span(equal),
                        ));
                    }
                    args.kwarg = Some(kwarg);
                    kwarg_seen = true;
                }
                TokenKind::Name => {
                    if kwarg_seen {
                        return Err(Fail::Generic);
                    }
                    let param = self.parameter(lambda, false)?;
                    let default = if self.at_op(Op::Equal) {
                        let equal = self.bump();
                        Some(self.default_value(equal)?)
                    } else {
                        None
                    };
                    if seen_star {
                        args.kwonlyargs.push(param);
                        args.kw_defaults.push(default);
                    } else {
                        match default {
                            Some(default) => {
                                seen_default = true;
                                args.defaults.push(default);
                            }
                            None if seen_default => {
                                return Err(self.fail_span(
                                    "non-default argument follows default argument",
                                    param.span,
                                ));
                            }
                            None => {}
                        }
                        args.args.push(param);
                    }
                }
                TokenKind::Op(Op::LPar) if !self.no_invalid => {
                    let what = if lambda {
                        "Lambda expression parameters"
                    } else {
                        "Function parameters"
                    };
                    if let Some(end) = self.parenthesized_parameters() {
                        let msg = format!("{what} cannot be parenthesized");
                        return Err(
                            self.fail_span(msg, self.token_span(token).to(self.token_span(end)))
                        );
                    }
                    return Err(Fail::Generic);
                }
                _ => return Err(Fail::Generic),
            }
            if !self.eat_op(Op::Comma) {
                break;
            }
            if kwarg_seen && !self.at_op(close) && !self.no_invalid {
                let next = self.peek();
                if matches!(
                    next.kind,
                    TokenKind::Name | TokenKind::Op(Op::Star | Op::DoubleStar | Op::Slash)
                ) {
                    let span = if next.kind == TokenKind::Name {
                        let saved = self.pos;
                        let param = self.attempt(true, |p| p.parameter(lambda, false));
                        self.pos = saved;
                        param.map_or(self.token_span(next), |p| p.span)
                    } else {
                        self.token_span(next)
                    };
                    return Err(
                        self.fail_span("arguments cannot follow var-keyword argument", span)
                    );
                }
            }
        }
        Ok(args)
    }

    fn bare_star_error(&mut self, star: Token, lambda: bool) -> Fail {
        if lambda {
            self.fail_last("named arguments must follow bare *")
        } else {
            self.fail_span("named arguments must follow bare *", self.token_span(star))
        }
    }

    /// `'(' name, name... ')'` in a parameter list: the closing parenthesis.
    fn parenthesized_parameters(&mut self) -> Option<Token> {
        let saved = self.pos;
        let end = self.attempt(true, |p| {
            p.bump();
            loop {
                if p.kind() != TokenKind::Name {
                    return Err(Fail::Generic);
                }
                p.bump();
                if !p.eat_op(Op::Comma) || p.at_op(Op::RPar) {
                    break;
                }
            }
            p.expect_op(Op::RPar)
        });
        self.pos = saved;
        end
    }
}
