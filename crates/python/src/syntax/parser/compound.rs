//! Compound statements: `def`, `class`, `if`, `while`, `for`, `try`, `with`.

use super::super::ast::{ExceptHandler, Expr, Stmt, Withitem};
use super::super::token::{Keyword, Op, TokenKind};
use super::expr::starts_expression;
use super::target::{invalid_target, TargetsType};
use super::{Fail, PResult, Parser};

impl Parser<'_> {
    pub(super) fn compound_statement(&mut self) -> PResult<Stmt> {
        match self.kind() {
            TokenKind::Op(Op::At) => self.decorated(),
            TokenKind::Keyword(Keyword::Def) => self.function_def(Vec::new()),
            TokenKind::Keyword(Keyword::Class) => self.class_def(Vec::new()),
            TokenKind::Keyword(Keyword::If) => self.if_statement(),
            TokenKind::Keyword(Keyword::While) => self.while_statement(),
            TokenKind::Keyword(Keyword::For) => self.for_statement(),
            TokenKind::Keyword(Keyword::Try) => self.try_statement(),
            _ => self.with_statement(),
        }
    }

    /// `block`: an indented suite or simple statements on the same line. `after` names the
    /// statement for "expected an indented block after ..." and its line.
    pub(super) fn block(&mut self, after: &str, line: u32) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if self.kind() != TokenKind::Newline {
            self.simple_statements(&mut body)?;
            return Ok(body);
        }
        self.bump();
        if self.kind() != TokenKind::Indent {
            if self.no_invalid {
                return Err(Fail::Generic);
            }
            return Err(self.fail_indent(format!(
                "expected an indented block after {after} on line {line}"
            )));
        }
        self.bump();
        while self.kind() != TokenKind::Dedent {
            if self.kind() == TokenKind::EndMarker {
                return Err(Fail::Generic);
            }
            self.statement(&mut body)?;
        }
        self.bump();
        Ok(body)
    }

    /// A `:` after a header; at a newline instead, CPython's "expected ':'".
    pub(super) fn header_colon(&mut self) -> PResult<()> {
        if self.eat_op(Op::Colon) {
            return Ok(());
        }
        if self.kind() == TokenKind::Newline && !self.no_invalid {
            return Err(self.fail_last("expected ':'"));
        }
        Err(Fail::Generic)
    }

    pub(super) fn decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat_op(Op::At) {
            decorators.push(self.named_expression()?);
            if self.kind() != TokenKind::Newline {
                return Err(Fail::Generic);
            }
            self.bump();
        }
        match self.kind() {
            TokenKind::Keyword(Keyword::Def) => self.function_def(decorators),
            TokenKind::Keyword(Keyword::Class) => self.class_def(decorators),
            TokenKind::Keyword(Keyword::Async) => {
                let token = self.peek();
                let next = self.peek_at(1);
                self.unsupported(
                    "'async def' is",
                    self.token_span(token).to(self.token_span(next)),
                );
                self.bump();
                if !self.at_kw(Keyword::Def) {
                    return Err(Fail::Generic);
                }
                self.function_def(decorators)
            }
            _ => Err(Fail::Generic),
        }
    }

    pub(super) fn function_def(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let start = self.pos;
        let def = self.bump();
        let name = self.peek();
        if name.kind != TokenKind::Name {
            return Err(Fail::Generic);
        }
        self.bump();
        self.expect_forced(Op::LPar)?;
        let args = self.with_depth(|p| p.parameters(false))?;
        self.expect_op(Op::RPar)?;
        let arrow = self.pos;
        let returns = if self.eat_op(Op::RArrow) {
            match self.expression() {
                Ok(returns) => Some(Box::new(returns)),
                Err(Fail::Generic) => {
                    self.pos = arrow;
                    None
                }
                Err(e) => return Err(e),
            }
        } else {
            None
        };
        self.expect_forced(Op::Colon)?;
        let body = self.block("function definition", def.line)?;
        Ok(Stmt::FunctionDef {
            name: self.text_of(name).to_string(),
            args: Box::new(args),
            body,
            decorator_list,
            returns,
            span: self.span_from(start),
        })
    }

    pub(super) fn class_def(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let start = self.pos;
        let class = self.bump();
        let name = self.peek();
        if name.kind != TokenKind::Name {
            return Err(Fail::Generic);
        }
        self.bump();
        let (bases, keywords) = if self.at_op(Op::LPar) {
            self.call_arguments()?
        } else {
            (Vec::new(), Vec::new())
        };
        self.header_colon()?;
        let body = self.block("class definition", class.line)?;
        Ok(Stmt::ClassDef {
            name: self.text_of(name).to_string(),
            bases,
            keywords,
            body,
            decorator_list,
            span: self.span_from(start),
        })
    }

    /// `if` with its `elif` chain, built without recursion.
    pub(super) fn if_statement(&mut self) -> PResult<Stmt> {
        let mut branches = Vec::new();
        let mut keyword = "'if' statement";
        loop {
            let start = self.pos;
            let token = self.bump();
            let test = self.named_expression()?;
            self.header_colon()?;
            let body = self.block(keyword, token.line)?;
            branches.push((start, test, body));
            if !self.at_kw(Keyword::Elif) {
                break;
            }
            keyword = "'elif' statement";
        }
        let mut orelse = if self.at_kw(Keyword::Else) {
            self.else_block()?
        } else {
            Vec::new()
        };
        while let Some((start, test, body)) = branches.pop() {
            let span = self.span_from(start);
            orelse = vec![Stmt::If {
                test: Box::new(test),
                body,
                orelse,
                span,
            }];
        }
        Ok(orelse.pop().expect("an if statement"))
    }

    pub(super) fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        let token = self.bump();
        self.expect_forced(Op::Colon)?;
        self.block("'else' statement", token.line)
    }

    pub(super) fn while_statement(&mut self) -> PResult<Stmt> {
        let start = self.pos;
        let token = self.bump();
        let test = self.named_expression()?;
        self.header_colon()?;
        let body = self.block("'while' statement", token.line)?;
        let orelse = if self.at_kw(Keyword::Else) {
            self.else_block()?
        } else {
            Vec::new()
        };
        Ok(Stmt::While {
            test: Box::new(test),
            body,
            orelse,
            span: self.span_from(start),
        })
    }

    pub(super) fn for_statement(&mut self) -> PResult<Stmt> {
        let start = self.pos;
        let token = self.bump();
        let target = match self.star_targets_store() {
            Ok(target) if self.at_kw(Keyword::In) => target,
            Ok(_) | Err(Fail::Generic) => {
                self.pos = start + 1;
                return Err(self.invalid_target_error(TargetsType::For));
            }
            Err(e) => return Err(e),
        };
        self.bump();
        let iter = self.star_expressions()?;
        self.header_colon()?;
        let body = self.block("'for' statement", token.line)?;
        let orelse = if self.at_kw(Keyword::Else) {
            self.else_block()?
        } else {
            Vec::new()
        };
        Ok(Stmt::For {
            target: Box::new(target),
            iter: Box::new(iter),
            body,
            orelse,
            span: self.span_from(start),
        })
    }

    pub(super) fn try_statement(&mut self) -> PResult<Stmt> {
        let start = self.pos;
        let token = self.bump();
        self.expect_forced(Op::Colon)?;
        let body = self.block("'try' statement", token.line)?;
        let mut handlers = Vec::new();
        while self.at_kw(Keyword::Except) {
            handlers.push(self.except_block()?);
        }
        let mut orelse = Vec::new();
        if !handlers.is_empty() && self.at_kw(Keyword::Else) {
            orelse = self.else_block()?;
        }
        let mut finalbody = Vec::new();
        if self.at_kw(Keyword::Finally) {
            let finally = self.bump();
            self.expect_forced(Op::Colon)?;
            finalbody = self.block("'finally' statement", finally.line)?;
        } else if handlers.is_empty() {
            if self.no_invalid {
                return Err(Fail::Generic);
            }
            return Err(self.fail_last("expected 'except' or 'finally' block"));
        }
        Ok(Stmt::Try {
            body,
            handlers,
            orelse,
            finalbody,
            span: self.span_from(start),
        })
    }

    pub(super) fn except_block(&mut self) -> PResult<ExceptHandler> {
        let start = self.pos;
        let token = self.bump();
        if self.at_op(Op::Star) {
            let star = self.peek();
            self.unsupported(
                "'except*' is",
                self.token_span(token).to(self.token_span(star)),
            );
            self.bump();
        }
        let mut type_ = None;
        let mut name = None;
        if !self.at_op(Op::Colon) {
            if self.kind() == TokenKind::Newline {
                return Err(if self.no_invalid {
                    Fail::Generic
                } else {
                    self.fail_last("expected ':'")
                });
            }
            let exc_start = self.pos;
            let exc = self.expression()?;
            if self.at_op(Op::Comma) && !self.no_invalid {
                let found = self.lookahead(|p| {
                    p.bump();
                    p.expression()?;
                    while p.eat_op(Op::Comma) {
                        if !starts_expression(p.kind(), false) {
                            break;
                        }
                        p.expression()?;
                    }
                    if p.eat_kw(Keyword::As) {
                        p.bump();
                    }
                    p.expect_op(Op::Colon)
                });
                if found {
                    let first = self.tokens[exc_start];
                    return Err(self.fail_starting_from(
                        "multiple exception types must be parenthesized",
                        first,
                    ));
                }
            }
            type_ = Some(Box::new(exc));
            if self.eat_kw(Keyword::As) {
                let token = self.peek();
                if token.kind != TokenKind::Name {
                    return Err(Fail::Generic);
                }
                self.bump();
                name = Some(self.text_of(token).to_string());
            }
        }
        self.header_colon()?;
        let body = self.block("'except' statement", token.line)?;
        Ok(ExceptHandler {
            type_,
            name,
            body,
            span: self.span_from(start),
        })
    }

    pub(super) fn with_statement(&mut self) -> PResult<Stmt> {
        let start = self.pos;
        let token = self.bump();
        let items = if self.at_op(Op::LPar) {
            let saved = self.pos;
            match self.parenthesized_with_items() {
                Ok(items) => items,
                Err(Fail::Generic) => {
                    self.pos = saved;
                    self.with_items()?
                }
                Err(e) => return Err(e),
            }
        } else {
            self.with_items()?
        };
        self.header_colon()?;
        let body = self.block("'with' statement", token.line)?;
        Ok(Stmt::With {
            items,
            body,
            span: self.span_from(start),
        })
    }

    /// `'(' with_item, ... [','] ')'` followed by `:`.
    pub(super) fn parenthesized_with_items(&mut self) -> PResult<Vec<Withitem>> {
        self.bump();
        let mut items = Vec::new();
        loop {
            items.push(self.with_item()?);
            if !self.eat_op(Op::Comma) || self.at_op(Op::RPar) {
                break;
            }
        }
        self.expect_op(Op::RPar)?;
        if !self.at_op(Op::Colon) {
            return Err(Fail::Generic);
        }
        Ok(items)
    }

    pub(super) fn with_items(&mut self) -> PResult<Vec<Withitem>> {
        let mut items = vec![self.with_item()?];
        while self.eat_op(Op::Comma) {
            items.push(self.with_item()?);
        }
        Ok(items)
    }

    pub(super) fn with_item(&mut self) -> PResult<Withitem> {
        let context_expr = self.expression()?;
        if !self.at_kw(Keyword::As) {
            return Ok(Withitem {
                context_expr,
                optional_vars: None,
            });
        }
        self.bump();
        let after_as = self.pos;
        let followed = |p: &mut Self| p.at_op(Op::Comma) || p.at_op(Op::RPar) || p.at_op(Op::Colon);
        match self.star_target() {
            Ok(target) if followed(self) || self.kind() == TokenKind::Newline => {
                return Ok(Withitem {
                    context_expr,
                    optional_vars: Some(Box::new(target)),
                });
            }
            Ok(_) | Err(Fail::Generic) => {}
            Err(e) => return Err(e),
        }
        self.pos = after_as;
        if self.no_invalid {
            return Err(Fail::Generic);
        }
        let max_pos = self.max_pos;
        let target = self.expression();
        self.max_pos = max_pos;
        if let Ok(target) = target {
            if followed(self) {
                if let Some(bad) = invalid_target(&target, TargetsType::Star) {
                    return Err(self.target_error(bad, TargetsType::Star));
                }
            }
        }
        Err(Fail::Generic)
    }
}
