//! The recursive-descent parser.
//!
//! The grammar is CPython 3.11's PEG grammar, parsed deterministically: statements that start
//! with an expression are parsed as expressions first and turned into assignment targets when
//! an `=` follows. CPython's specialised error rules (`invalid_*`, tried in its second pass) are
//! checked where the valid parse fails, so valid code pays nothing for them. Generic errors
//! ("invalid syntax") point at the furthest token the parser looked at, as CPython's do.
//!
//! Recursion is bounded: brackets nest at most 200 deep (the tokenizer's limit, as in CPython),
//! other nesting (unary operators, lambdas, conditional expressions...) at most [`MAX_DEPTH`]
//! levels, and the finished tree is checked to be at most [`MAX_TREE_DEPTH`] deep.

mod args;
mod atom;
mod compound;
mod errors;
mod expr;
mod fstring;
mod import;
mod invalid;
mod stmt;
mod target;

use super::ast::{Expr, Module, Span};
use super::error::{ErrorKind, Lines, SyntaxError};
use super::lexer::Lexed;
use super::token::{Keyword, Op, Token, TokenKind};

/// Nesting levels of recursive constructs the parser accepts.
pub const MAX_DEPTH: u32 = 400;
/// Depth of the syntax tree the parser accepts.
pub const MAX_TREE_DEPTH: usize = 1000;

/// Why a parse failed.
#[derive(Debug)]
pub(crate) enum Fail {
    /// No rule matched: "invalid syntax" at the furthest token looked at.
    Generic,
    /// A specific error.
    Error(Box<SyntaxError>),
}

pub(crate) type PResult<T> = Result<T, Fail>;

/// Parser state over the tokens of one source.
pub(crate) struct Parser<'a> {
    pub(crate) lines: &'a Lines<'a>,
    pub(crate) text: &'a str,
    pub(crate) tokens: &'a [Token],
    pub(crate) pos: usize,
    /// Furthest token looked at by the parse proper (trial parses for error rules excluded).
    pub(crate) max_pos: usize,
    /// Furthest token looked at, trial parses included.
    pub(crate) max_any: usize,
    /// The token where tokenizing stopped with an error was looked at.
    pub(crate) reached_error: bool,
    /// Current nesting of recursive constructs.
    pub(crate) depth: u32,
    /// Inside a trial parse that must not raise specialised errors.
    pub(crate) no_invalid: bool,
    /// Adjustment of positions when parsing an f-string's expression: the line and column of
    /// the parsed text's origin in the real source.
    pub(crate) origin: Option<(u32, u32)>,
    /// Nesting of trial parses for specialised error rules.
    pub(crate) trials: u32,
    /// Inside `invalid_legacy_expression`'s search (see `invalid.rs`).
    pub(crate) legacy_only: bool,
    /// Where that search's first expression starts.
    pub(crate) legacy_top: usize,
    /// Tokens trial parses may still look at: trials stop (fail) once it is spent, which keeps
    /// parsing linear however the error rules nest.
    pub(crate) trial_budget: usize,
    /// The first construct outside weaklink's subset: reported if the source has no syntax
    /// error CPython would report.
    pub(crate) unsupported: Option<Box<SyntaxError>>,
}

/// Parse a whole module from its tokens.
pub(crate) fn parse_tokens(
    text: &str,
    lines: &Lines<'_>,
    lexed: &Lexed,
) -> Result<Module, SyntaxError> {
    let mut parser = Parser::new(text, lines, &lexed.tokens);
    let result = parser.file();
    match result {
        Ok(_) if parser.unsupported.is_some() => Err(parser
            .unsupported
            .take()
            .map(|e| *e)
            .unwrap_or_else(|| parser.generic_error())),
        Ok(module) => Ok(module),
        Err(fail) => Err(parser.resolve(fail, lexed)),
    }
}

impl<'a> Parser<'a> {
    pub(crate) fn new(text: &'a str, lines: &'a Lines<'a>, tokens: &'a [Token]) -> Parser<'a> {
        Parser {
            lines,
            text,
            tokens,
            pos: 0,
            max_pos: 0,
            max_any: 0,
            reached_error: false,
            depth: 0,
            no_invalid: false,
            origin: None,
            trials: 0,
            unsupported: None,
            trial_budget: 20 * tokens.len() + 10_000,
            legacy_only: false,
            legacy_top: usize::MAX,
        }
    }

    /// Decide which error CPython reports: the tokenizer's when the parser reached it or when it
    /// is a hard one, an unclosed bracket opened on an earlier line, else the parser's.
    fn resolve(&mut self, fail: Fail, lexed: &Lexed) -> SyntaxError {
        if let (Some(lex), true) = (&lexed.error, self.reached_error) {
            return lex.error.clone();
        }
        let error = match fail {
            Fail::Error(error) => *error,
            Fail::Generic => {
                let error = self.generic_error();
                // CPython reports a misplaced indent without looking further.
                if error.kind == ErrorKind::IndentationError {
                    return error;
                }
                error
            }
        };
        let error = self.legacy_print_before(&error).unwrap_or(error);
        if let Some(lex) = &lexed.error {
            if lex.hard {
                return lex.error.clone();
            }
        }
        if let Some(bracket) = lexed.brackets.last() {
            let err_line = self.tokens[self.max_any.min(self.tokens.len() - 1)].line;
            if err_line > bracket.line {
                return self.lines.error(
                    ErrorKind::SyntaxError,
                    format!("'{}' was never closed", bracket.ch as char),
                    bracket.line,
                    i64::from(bracket.col) + 1,
                    bracket.line,
                    0,
                );
            }
        }
        error
    }

    /// CPython's second pass tries `invalid_legacy_expression` wherever it parses an expression:
    /// a `print` or `exec` name followed by an expression (`print "x"`, `print + x`) before the
    /// error is reported instead.
    fn legacy_print_before(&mut self, error: &SyntaxError) -> Option<SyntaxError> {
        if error.kind != ErrorKind::SyntaxError || error.msg.starts_with("expected '") {
            return None;
        }
        for index in 1..self.tokens.len().saturating_sub(2) {
            let token = self.tokens[index];
            if (token.line, token.col as i32 + 1) > (error.lineno, error.offset) {
                break;
            }
            let text = self.text_of(token);
            if token.kind != TokenKind::Name || (text != "print" && text != "exec") {
                continue;
            }
            let before = self.tokens[index - 1].kind;
            let next = self.tokens[index + 1].kind;
            if before == TokenKind::Op(Op::Dot)
                || next == TokenKind::Op(Op::LPar)
                || !expr::starts_expression(next, true)
            {
                continue;
            }
            let saved = self.pos;
            self.pos = index + 1;
            let rest = self.attempt(true, |p| p.star_expressions());
            self.pos = saved;
            if let Some(rest) = rest {
                let span = self.token_span(token).to(rest.span());
                let msg =
                    format!("Missing parentheses in call to '{text}'. Did you mean {text}(...)?");
                return Some(self.span_error(msg, span));
            }
        }
        None
    }

    /// "invalid syntax" at the furthest token, or CPython's special cases for indentation.
    fn generic_error(&self) -> SyntaxError {
        let token = self.tokens[self.max_pos.min(self.tokens.len() - 1)];
        match token.kind {
            TokenKind::Indent => {
                self.error_at_last(ErrorKind::IndentationError, "unexpected indent", token)
            }
            TokenKind::Dedent => {
                self.error_at_last(ErrorKind::IndentationError, "unexpected unindent", token)
            }
            _ => self.error_at_last(ErrorKind::SyntaxError, "invalid syntax", token),
        }
    }

    /// CPython's `_PyPegen_raise_error` with the last token fetched.
    pub(crate) fn error_at_last(
        &self,
        kind: ErrorKind,
        msg: impl Into<String>,
        token: Token,
    ) -> SyntaxError {
        if token.kind.is_positionless() {
            self.lines
                .error(kind, msg, token.line, i64::from(token.col), token.line, -1)
        } else {
            self.lines.error(
                kind,
                msg,
                token.line,
                i64::from(token.col) + 1,
                token.end_line,
                i64::from(token.end_col) + 1,
            )
        }
    }

    // ----- tokens -----

    fn touch(&mut self, index: usize) {
        let index = index.min(self.tokens.len() - 1);
        if !self.no_invalid_region() && index > self.max_pos {
            self.max_pos = index;
        }
        if index > self.max_any {
            self.max_any = index;
        }
        if self.tokens[index].kind == TokenKind::Error {
            self.reached_error = true;
        }
    }

    /// Trial parses do not move the generic error position.
    fn no_invalid_region(&self) -> bool {
        self.trials > 0
    }

    /// The current token.
    pub(crate) fn peek(&mut self) -> Token {
        self.peek_at(0)
    }

    /// The token `k` places ahead.
    pub(crate) fn peek_at(&mut self, k: usize) -> Token {
        let index = (self.pos + k).min(self.tokens.len() - 1);
        if self.trials > 0 {
            if self.trial_budget == 0 {
                // Out of budget: a token no rule accepts ends the trial.
                return Token {
                    kind: TokenKind::Error,
                    ..self.tokens[index]
                };
            }
            self.trial_budget -= 1;
        }
        self.touch(index);
        self.tokens[index]
    }

    pub(crate) fn kind(&mut self) -> TokenKind {
        self.peek().kind
    }

    /// Consume the current token (never past the last one).
    pub(crate) fn bump(&mut self) -> Token {
        let token = self.peek();
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        token
    }

    pub(crate) fn at_op(&mut self, op: Op) -> bool {
        self.kind() == TokenKind::Op(op)
    }

    pub(crate) fn at_kw(&mut self, keyword: Keyword) -> bool {
        self.kind() == TokenKind::Keyword(keyword)
    }

    pub(crate) fn eat_op(&mut self, op: Op) -> bool {
        if self.at_op(op) {
            self.bump();
            true
        } else {
            false
        }
    }

    pub(crate) fn eat_kw(&mut self, keyword: Keyword) -> bool {
        if self.at_kw(keyword) {
            self.bump();
            true
        } else {
            false
        }
    }

    pub(crate) fn expect_op(&mut self, op: Op) -> PResult<Token> {
        if self.at_op(op) {
            Ok(self.bump())
        } else {
            Err(Fail::Generic)
        }
    }

    pub(crate) fn expect_kw(&mut self, keyword: Keyword) -> PResult<Token> {
        if self.at_kw(keyword) {
            Ok(self.bump())
        } else {
            Err(Fail::Generic)
        }
    }

    /// CPython's forced token (`&&':'`): a missing token is the error "expected ':'" at the
    /// token found instead.
    pub(crate) fn expect_forced(&mut self, op: Op) -> PResult<Token> {
        let token = self.peek();
        if token.kind == TokenKind::Op(op) {
            return Ok(self.bump());
        }
        Err(self.fail_at_token(format!("expected '{}'", op.text()), token))
    }

    /// The text of a token.
    pub(crate) fn text_of(&self, token: Token) -> &'a str {
        self.text.get(token.start..token.end).unwrap_or("")
    }

    // ----- positions -----

    /// The last consumed token that is not a NEWLINE, INDENT, DEDENT or ENDMARKER.
    fn last_real(&self) -> Token {
        let mut index = self.pos;
        while index > 0 {
            index -= 1;
            let token = self.tokens[index];
            if !matches!(
                token.kind,
                TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent | TokenKind::EndMarker
            ) {
                return token;
            }
        }
        self.tokens[0]
    }

    /// The span from token `start` to the last consumed token, as CPython's `EXTRA`.
    pub(crate) fn span_from(&self, start: usize) -> Span {
        let first = self.tokens[start.min(self.tokens.len() - 1)];
        let last = self.last_real();
        self.make_span(first.line, first.col, last.end_line, last.end_col)
    }

    /// The span of one token.
    pub(crate) fn token_span(&self, token: Token) -> Span {
        self.make_span(token.line, token.col, token.end_line, token.end_col)
    }

    fn make_span(&self, line: u32, col: u32, end_line: u32, end_col: u32) -> Span {
        match self.origin {
            None => Span {
                lineno: line,
                col_offset: col,
                end_lineno: end_line,
                end_col_offset: end_col,
            },
            Some((origin_line, origin_col)) => {
                let shift = |l: u32, c: u32| if l == 1 { c + origin_col } else { c };
                Span {
                    lineno: line + origin_line - 1,
                    col_offset: shift(line, col),
                    end_lineno: end_line + origin_line - 1,
                    end_col_offset: shift(end_line, end_col),
                }
            }
        }
    }

    /// Check the height of a growing chain of operators or trailers.
    pub(crate) fn check_height(&mut self, height: u32) -> PResult<()> {
        if height as usize > MAX_TREE_DEPTH {
            let token = self.peek();
            return Err(Fail::Error(Box::new(self.error_at_last(
                ErrorKind::SyntaxError,
                format!("expression too deeply nested (weaklink allows {MAX_TREE_DEPTH} levels)"),
                token,
            ))));
        }
        Ok(())
    }

    /// The height of an expression, capped just above the limit.
    pub(crate) fn height(expr: &Expr) -> u32 {
        super::walk::expr_height(expr, MAX_TREE_DEPTH as u32)
    }

    /// A span of this parser's own text: positions inside an f-string's expression go back to
    /// the expression's text (errors there are reported as CPython does, relative to it).
    pub(crate) fn unshift(&self, span: Span) -> Span {
        match self.origin {
            None => span,
            Some((origin_line, origin_col)) => {
                let unshift = |l: u32, c: u32| {
                    if l == origin_line {
                        c.saturating_sub(origin_col)
                    } else {
                        c
                    }
                };
                Span {
                    lineno: span.lineno + 1 - origin_line,
                    col_offset: unshift(span.lineno, span.col_offset),
                    end_lineno: span.end_lineno + 1 - origin_line,
                    end_col_offset: unshift(span.end_lineno, span.end_col_offset),
                }
            }
        }
    }

    /// An error found with this parser's positions; f-string expressions keep them.
    pub(crate) fn locate(&self, error: SyntaxError) -> SyntaxError {
        error
    }

    /// Enter a nested construct.
    pub(crate) fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let token = self.peek();
            return Err(Fail::Error(Box::new(self.error_at_last(
                ErrorKind::SyntaxError,
                format!("too many nested expressions (weaklink allows {MAX_DEPTH} levels)"),
                token,
            ))));
        }
        Ok(())
    }

    pub(crate) fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Run `f` as a trial: on failure the position is restored and nothing is reported.
    pub(crate) fn attempt<T>(
        &mut self,
        no_invalid: bool,
        f: impl FnOnce(&mut Self) -> PResult<T>,
    ) -> Option<T> {
        let (pos, max_pos, depth, saved) = (self.pos, self.max_pos, self.depth, self.no_invalid);
        self.trials += 1;
        self.no_invalid = saved || no_invalid;
        let result = f(self);
        self.trials -= 1;
        self.no_invalid = saved;
        self.max_pos = max_pos;
        self.depth = depth;
        match result {
            Ok(value) => Some(value),
            Err(_) => {
                self.pos = pos;
                None
            }
        }
    }

    /// Run `f` as a trial whose specialised errors are reported: `Ok(None)` when it does not
    /// parse (the position is restored), an error when a specialised rule fired.
    pub(crate) fn attempt_reporting<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> PResult<T>,
    ) -> PResult<Option<T>> {
        let (pos, max_pos, depth) = (self.pos, self.max_pos, self.depth);
        self.trials += 1;
        let result = f(self);
        self.trials -= 1;
        self.max_pos = max_pos;
        self.depth = depth;
        match result {
            Ok(value) => Ok(Some(value)),
            Err(Fail::Generic) => {
                self.pos = pos;
                Ok(None)
            }
            Err(error) => Err(error),
        }
    }

    /// Whether `f` parses here (the position is restored either way).
    pub(crate) fn lookahead<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> bool {
        let pos = self.pos;
        let found = self.attempt(true, f).is_some();
        self.pos = pos;
        found
    }
}

/// Names of expressions as CPython's error messages use them (`_PyPegen_get_expr_name`).
pub(crate) fn expr_name(expr: &Expr) -> &'static str {
    use super::ast::Constant;
    match expr {
        Expr::Attribute { .. } => "attribute",
        Expr::Subscript { .. } => "subscript",
        Expr::Starred { .. } => "starred",
        Expr::Name { .. } => "name",
        Expr::List { .. } => "list",
        Expr::Tuple { .. } => "tuple",
        Expr::Lambda { .. } => "lambda",
        Expr::Call { .. } => "function call",
        Expr::BoolOp { .. } | Expr::BinOp { .. } | Expr::UnaryOp { .. } => "expression",
        Expr::GeneratorExp { .. } => "generator expression",
        Expr::Yield { .. } | Expr::YieldFrom { .. } => "yield expression",
        Expr::ListComp { .. } => "list comprehension",
        Expr::SetComp { .. } => "set comprehension",
        Expr::DictComp { .. } => "dict comprehension",
        Expr::Dict { .. } => "dict literal",
        Expr::Set { .. } => "set display",
        Expr::JoinedStr { .. } | Expr::FormattedValue { .. } => "f-string expression",
        Expr::Constant { value, .. } => match value {
            Constant::None => "None",
            Constant::Bool(false) => "False",
            Constant::Bool(true) => "True",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        Expr::Compare { .. } => "comparison",
        Expr::IfExp { .. } => "conditional expression",
        Expr::NamedExpr { .. } => "named expression",
        Expr::Slice { .. } => "slice",
    }
}
