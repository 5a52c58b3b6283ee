//! Building the parser's errors: specialised ones, generic ones at the furthest token, and
//! constructs outside weaklink's subset.

use super::super::ast::Span;
use super::super::error::{ErrorKind, SyntaxError};
use super::super::token::Token;
use super::{Fail, Parser};

impl<'a> Parser<'a> {
    /// An error from a specialised rule, unless specialised rules are off.
    pub(crate) fn invalid(&self, error: SyntaxError) -> Fail {
        if self.no_invalid {
            Fail::Generic
        } else {
            Fail::Error(Box::new(error))
        }
    }

    /// CPython's `RAISE_SYNTAX_ERROR`: at the last token fetched.
    pub(crate) fn fail_last(&mut self, msg: impl Into<String>) -> Fail {
        let token = self.tokens[self.max_any.min(self.tokens.len() - 1)];
        self.invalid(self.error_at_last(ErrorKind::SyntaxError, msg, token))
    }

    /// CPython's `RAISE_INDENTATION_ERROR`: at the last token fetched.
    pub(crate) fn fail_indent(&mut self, msg: impl Into<String>) -> Fail {
        let token = self.tokens[self.max_any.min(self.tokens.len() - 1)];
        self.invalid(self.error_at_last(ErrorKind::IndentationError, msg, token))
    }

    /// An error at a token (not suppressed in trial parses: forced tokens).
    pub(crate) fn fail_at_token(&self, msg: impl Into<String>, token: Token) -> Fail {
        Fail::Error(Box::new(self.error_at_last(
            ErrorKind::SyntaxError,
            msg,
            token,
        )))
    }

    /// CPython's `RAISE_SYNTAX_ERROR_KNOWN_LOCATION` / `_KNOWN_RANGE` with a span.
    pub(crate) fn fail_span(&self, msg: impl Into<String>, span: Span) -> Fail {
        self.invalid(self.span_error(msg, span))
    }

    pub(crate) fn span_error(&self, msg: impl Into<String>, span: Span) -> SyntaxError {
        let span = self.unshift(span);
        self.lines.error(
            ErrorKind::SyntaxError,
            msg,
            span.lineno,
            i64::from(span.col_offset) + 1,
            span.end_lineno,
            i64::from(span.end_col_offset) + 1,
        )
    }

    /// Note a construct outside weaklink's subset: `what` names it with its verb, as in
    /// `"'async def' is"`. Parsing goes on, so that a syntax error CPython would report wins.
    pub(crate) fn unsupported(&mut self, what: &str, span: Span) {
        if self.unsupported.is_none() && self.trials == 0 {
            let error = self.span_error(format!("{what} not supported in weaklink"), span);
            self.unsupported = Some(Box::new(error));
        }
    }

    /// CPython's `RAISE_SYNTAX_ERROR_STARTING_FROM`: from a token to where the tokenizer
    /// stands (the end of the last token fetched).
    pub(crate) fn fail_starting_from(&self, msg: impl Into<String>, token: Token) -> Fail {
        let last = self.tokens[self.max_any.min(self.tokens.len() - 1)];
        let span = self.unshift(self.token_span(token));
        let error = self.lines.error(
            ErrorKind::SyntaxError,
            msg,
            span.lineno,
            i64::from(span.col_offset) + 1,
            last.end_line,
            i64::from(last.end_col),
        );
        self.invalid(self.locate(error))
    }
}
