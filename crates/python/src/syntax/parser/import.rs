//! `import` and `from ... import` statements.

use super::super::ast::{Alias, Stmt};
use super::super::token::{Keyword, Op, TokenKind};
use super::{Fail, PResult, Parser};

impl Parser<'_> {
    /// `import a.b as c, d`.
    pub(super) fn import_name(&mut self) -> PResult<Stmt> {
        let start = self.pos;
        self.bump();
        let mut names = Vec::new();
        loop {
            let alias_start = self.pos;
            let name = self.dotted_name()?;
            let asname = self.as_name()?;
            names.push(Alias {
                name,
                asname,
                span: self.span_from(alias_start),
            });
            if !self.eat_op(Op::Comma) {
                break;
            }
        }
        Ok(Stmt::Import {
            names,
            span: self.span_from(start),
        })
    }

    pub(super) fn dotted_name(&mut self) -> PResult<String> {
        let first = self.peek();
        if first.kind != TokenKind::Name {
            return Err(Fail::Generic);
        }
        self.bump();
        let mut name = self.text_of(first).to_string();
        while self.at_op(Op::Dot) && self.peek_at(1).kind == TokenKind::Name {
            self.bump();
            let part = self.bump();
            name.push('.');
            name.push_str(self.text_of(part));
        }
        Ok(name)
    }

    pub(super) fn as_name(&mut self) -> PResult<Option<String>> {
        if !self.eat_kw(Keyword::As) {
            return Ok(None);
        }
        let name = self.peek();
        if name.kind != TokenKind::Name {
            return Err(Fail::Generic);
        }
        self.bump();
        Ok(Some(self.text_of(name).to_string()))
    }

    /// `from .module import names`.
    pub(super) fn import_from(&mut self) -> PResult<Stmt> {
        let start = self.pos;
        self.bump();
        let mut level = 0;
        loop {
            if self.eat_op(Op::Dot) {
                level += 1;
            } else if self.eat_op(Op::Ellipsis) {
                level += 3;
            } else {
                break;
            }
        }
        let module = if self.kind() == TokenKind::Name {
            Some(self.dotted_name()?)
        } else if level == 0 {
            return Err(Fail::Generic);
        } else {
            None
        };
        self.expect_kw(Keyword::Import)?;
        let mut names = Vec::new();
        if self.at_op(Op::Star) {
            let star = self.bump();
            names.push(Alias {
                name: "*".into(),
                asname: None,
                span: self.token_span(star),
            });
        } else {
            let parenthesized = self.eat_op(Op::LPar);
            loop {
                let alias_start = self.pos;
                let name = self.peek();
                if name.kind != TokenKind::Name {
                    return Err(Fail::Generic);
                }
                self.bump();
                let asname = self.as_name()?;
                names.push(Alias {
                    name: self.text_of(name).to_string(),
                    asname,
                    span: self.span_from(alias_start),
                });
                if !self.eat_op(Op::Comma) {
                    break;
                }
                if parenthesized && self.at_op(Op::RPar) {
                    break;
                }
                if !parenthesized && self.kind() == TokenKind::Newline {
                    if self.no_invalid {
                        return Err(Fail::Generic);
                    }
                    return Err(self
                        .fail_last("trailing comma not allowed without surrounding parentheses"));
                }
            }
            if parenthesized {
                self.expect_op(Op::RPar)?;
            }
        }
        Ok(Stmt::ImportFrom {
            module,
            names,
            level,
            span: self.span_from(start),
        })
    }
}
