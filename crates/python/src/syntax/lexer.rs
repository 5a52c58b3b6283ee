//! The tokenizer: CPython 3.11's `tok_get`, rewritten over a byte slice.
//!
//! Tokenizing stops at the first error. CPython distinguishes errors raised at once by the
//! tokenizer ("hard": unterminated strings, bad numbers, unmatched brackets...) from error
//! states the parser only reports when it reaches them ("soft": bad dedents, tabs, a backslash
//! before something else than a newline, end of file inside brackets); [`Lexed`] keeps both the
//! error and which kind it is, so the parser can decide as CPython does which error wins.

use super::error::{ErrorKind, Lines, SyntaxError};
mod scan;

use super::token::{Token, TokenKind};

/// Tab stops of the indentation rules.
const TABSIZE: u32 = 8;
/// CPython's `MAXINDENT`: indentation levels.
const MAXINDENT: usize = 100;
/// CPython's `MAXLEVEL`: nested brackets.
const MAXLEVEL: usize = 200;

/// An open bracket.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Bracket {
    /// `(`, `[` or `{`.
    pub ch: u8,
    /// Its line.
    pub line: u32,
    /// Its byte column.
    pub col: u32,
}

/// Where tokenizing stopped with an error.
#[derive(Clone, Debug)]
pub(crate) struct LexError {
    /// The error CPython reports when the parser fetches the failing token.
    pub error: SyntaxError,
    /// Raised by the tokenizer itself: it wins over parser errors found earlier in the source.
    pub hard: bool,
}

/// The result of tokenizing a whole source.
pub(crate) struct Lexed {
    /// The tokens; the last one is `ENDMARKER` or [`TokenKind::Error`].
    pub tokens: Vec<Token>,
    /// The error the last token stands for.
    pub error: Option<LexError>,
    /// The brackets still open where tokenizing stopped.
    pub brackets: Vec<Bracket>,
}

/// Tokenize `text`, which must use `\n` line endings and end with one.
pub(crate) fn lex(text: &str, lines: &Lines<'_>) -> Lexed {
    let mut lexer = Lexer {
        text,
        src: text.as_bytes(),
        lines,
        pos: 0,
        line: 1,
        line_start: 0,
        atbol: true,
        pendin: 0,
        indstack: vec![0],
        altindstack: vec![0],
        brackets: Vec::new(),
    };
    let mut tokens = Vec::with_capacity(text.len() / 3 + 2);
    let error = loop {
        match lexer.next_token() {
            Ok(token) => {
                tokens.push(token);
                if token.kind == TokenKind::EndMarker {
                    break None;
                }
            }
            Err(stop) => {
                let (token, error) = *stop;
                tokens.push(token);
                break Some(error);
            }
        }
    };
    Lexed {
        tokens,
        error,
        brackets: lexer.brackets,
    }
}

/// Where tokenizing stopped, and why (boxed: the common path carries a token only).
type Stop = Box<(Token, LexError)>;
type Step = Result<Token, Stop>;

struct Lexer<'s, 'l> {
    text: &'s str,
    src: &'s [u8],
    lines: &'l Lines<'s>,
    pos: usize,
    line: u32,
    line_start: usize,
    atbol: bool,
    pendin: i32,
    indstack: Vec<u32>,
    altindstack: Vec<u32>,
    brackets: Vec<Bracket>,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 128
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 128
}

/// Non-ASCII identifier characters (an approximation of XID_Start / XID_Continue).
fn is_xid(c: char, first: bool) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_' || (!first && c.is_ascii_digit());
    }
    if c.is_alphabetic() {
        return true;
    }
    !first
        && (c.is_numeric()
            || matches!(
                c,
                '\u{00B7}' | '\u{0300}'..='\u{036F}' | '\u{203F}' | '\u{2040}'
            ))
}

impl Lexer<'_, '_> {
    fn at(&self, pos: usize) -> u8 {
        self.src.get(pos).copied().unwrap_or(0)
    }

    fn cur(&self) -> u8 {
        self.at(self.pos)
    }

    fn eof(&self) -> bool {
        self.pos >= self.src.len()
    }

    /// Consume a `\n` at `self.pos`.
    fn newline(&mut self) {
        self.pos += 1;
        self.line += 1;
        self.line_start = self.pos;
    }

    /// Where CPython's tokenizer stands at the end of the source: on the last line, past its
    /// newline.
    fn eof_position(&self) -> (u32, u32) {
        if self.line > 1 && self.line_start == self.src.len() {
            let line = self.line - 1;
            (line, (self.src.len() - self.lines.start_of(line)) as u32)
        } else {
            (self.line, (self.pos - self.line_start) as u32)
        }
    }

    fn level(&self) -> u32 {
        self.brackets.len() as u32
    }

    /// A token from byte `start` (on line `line`, whose first byte is `line_start`) to `self.pos`.
    fn token_from(&self, kind: TokenKind, start: usize, line: u32, line_start: usize) -> Token {
        Token {
            kind,
            start,
            end: self.pos,
            line,
            col: (start - line_start) as u32,
            end_line: self.line,
            end_col: (self.pos - self.line_start) as u32,
            level: self.level(),
        }
    }

    fn token(&self, kind: TokenKind, start: usize) -> Token {
        self.token_from(kind, start, self.line, self.line_start)
    }

    /// A token without text where the tokenizer stands.
    fn positionless(&self, kind: TokenKind) -> Token {
        let (line, col) = if self.eof() {
            self.eof_position()
        } else {
            (self.line, (self.pos - self.line_start) as u32)
        };
        Token {
            kind,
            start: self.pos,
            end: self.pos,
            line,
            col,
            end_line: line,
            end_col: col,
            level: self.level(),
        }
    }

    /// A hard error at the tokenizer's position, as CPython's `syntaxerror()`: the offset counts
    /// the characters from the line start to `self.pos`.
    fn hard(&self, msg: String) -> Stop {
        self.hard_range(msg, None)
    }

    fn hard_range(&self, msg: String, range: Option<(i64, i64)>) -> Stop {
        let line = self.line;
        let (col, end) = match range {
            Some(range) => range,
            None => {
                let col = self.lines.chars(line, (self.pos - self.line_start) as i64);
                (col, col)
            }
        };
        let error = SyntaxError {
            kind: ErrorKind::SyntaxError,
            msg,
            lineno: line,
            offset: col as i32,
            end_lineno: line,
            end_offset: end as i32,
        };
        Box::new((
            self.positionless(TokenKind::Error),
            LexError { error, hard: true },
        ))
    }

    /// A soft error: reported only if the parser reaches it.
    fn soft(&self, error: SyntaxError) -> Stop {
        Box::new((
            self.positionless(TokenKind::Error),
            LexError { error, hard: false },
        ))
    }

    /// CPython's `indenterror`: a `TabError` at column 1 of the current line.
    fn tab_error(&mut self) -> Stop {
        self.line_error(
            ErrorKind::TabError,
            "inconsistent use of tabs and spaces in indentation",
        )
    }

    /// A soft error about the indentation of the current line, at its column 1.
    fn line_error(&mut self, kind: ErrorKind, msg: &str) -> Stop {
        let error = self.lines.error(kind, msg, self.line, 1, self.line, 0);
        self.pos = self.line_end_past_newline();
        self.soft(error)
    }

    fn line_end_past_newline(&self) -> usize {
        let mut end = self.pos;
        while end < self.src.len() && self.src[end] != b'\n' {
            end += 1;
        }
        (end + 1).min(self.src.len())
    }

    /// End of file reached where a token was expected: unclosed brackets or an unfinished
    /// statement.
    fn eof_error(&self) -> Stop {
        let error = if let Some(bracket) = self.brackets.last() {
            self.lines.error(
                ErrorKind::SyntaxError,
                format!("'{}' was never closed", bracket.ch as char),
                bracket.line,
                i64::from(bracket.col) + 1,
                bracket.line,
                0,
            )
        } else {
            let (line, col) = self.eof_position();
            self.lines.error(
                ErrorKind::SyntaxError,
                "unexpected EOF while parsing",
                line,
                i64::from(col),
                line,
                -1,
            )
        };
        self.soft(error)
    }

    /// After a backslash at `self.pos`: the line must end there.
    fn continuation(&mut self) -> Result<(), Stop> {
        self.pos += 1;
        if self.cur() != b'\n' || self.eof() {
            if !self.eof() {
                self.pos += 1;
            }
            let col = (self.pos - self.line_start) as i64 - 1;
            let error = self.lines.error(
                ErrorKind::SyntaxError,
                "unexpected character after line continuation character",
                self.line,
                col.max(0) + 1,
                self.line,
                0,
            );
            return Err(self.soft(error));
        }
        self.newline();
        if self.eof() {
            return Err(self.eof_error());
        }
        Ok(())
    }

    fn next_token(&mut self) -> Step {
        'nextline: loop {
            let mut blankline = false;
            if self.atbol {
                self.atbol = false;
                if let Some(token) = self.indentation(&mut blankline)? {
                    return Ok(token);
                }
            }
            if let Some(token) = self.pending() {
                return Ok(token);
            }
            loop {
                // Skip spaces.
                while matches!(self.cur(), b' ' | b'\t' | 0x0c) && !self.eof() {
                    self.pos += 1;
                }
                let start = self.pos;
                if self.cur() == b'#' {
                    while !self.eof() && self.cur() != b'\n' {
                        self.pos += 1;
                    }
                }
                if self.eof() {
                    if !self.brackets.is_empty() {
                        return Err(self.eof_error());
                    }
                    return Ok(self.positionless(TokenKind::EndMarker));
                }
                let c = self.cur();
                if c == b'\n' {
                    self.atbol = true;
                    if blankline || !self.brackets.is_empty() {
                        self.newline();
                        continue 'nextline;
                    }
                    let token = self.token(TokenKind::Newline, start);
                    self.newline();
                    return Ok(token);
                }
                if c == b'\\' {
                    self.continuation()?;
                    continue;
                }
                return self.token_at(start, c);
            }
        }
    }

    /// The indentation of a new line; returns a token when the line starts with an error or
    /// changes the indentation (the first INDENT or DEDENT).
    fn indentation(&mut self, blankline: &mut bool) -> Result<Option<Token>, Stop> {
        let (mut col, mut altcol, mut cont_line_col) = (0u32, 0u32, 0u32);
        loop {
            match self.cur() {
                b' ' if !self.eof() => {
                    col += 1;
                    altcol += 1;
                    self.pos += 1;
                }
                b'\t' => {
                    col = (col / TABSIZE + 1) * TABSIZE;
                    altcol += 1;
                    self.pos += 1;
                }
                0x0c => {
                    col = 0;
                    altcol = 0;
                    self.pos += 1;
                }
                b'\\' => {
                    if cont_line_col == 0 {
                        cont_line_col = col;
                    }
                    self.continuation()?;
                }
                _ => break,
            }
        }
        let c = self.cur();
        if (c == b'#' || c == b'\n') && !self.eof() {
            *blankline = true;
        }
        if *blankline || !self.brackets.is_empty() {
            return Ok(None);
        }
        if cont_line_col != 0 {
            col = cont_line_col;
            altcol = cont_line_col;
        }
        let top = self.indstack.len() - 1;
        if col == self.indstack[top] {
            if altcol != self.altindstack[top] {
                return Err(self.tab_error());
            }
        } else if col > self.indstack[top] {
            if self.indstack.len() >= MAXINDENT {
                return Err(self.line_error(
                    ErrorKind::IndentationError,
                    "too many levels of indentation",
                ));
            }
            if altcol <= self.altindstack[top] {
                return Err(self.tab_error());
            }
            self.pendin += 1;
            self.indstack.push(col);
            self.altindstack.push(altcol);
        } else {
            while self.indstack.len() > 1 && col < self.indstack[self.indstack.len() - 1] {
                self.pendin -= 1;
                self.indstack.pop();
                self.altindstack.pop();
            }
            let top = self.indstack.len() - 1;
            if col != self.indstack[top] {
                self.pos = self.line_end_past_newline();
                let (line, end_col) = if self.eof() {
                    self.eof_position()
                } else {
                    (self.line, (self.pos - self.line_start) as u32)
                };
                let error = self.lines.error(
                    ErrorKind::IndentationError,
                    "unindent does not match any outer indentation level",
                    line,
                    i64::from(end_col),
                    line,
                    -1,
                );
                return Err(self.soft(error));
            }
            if altcol != self.altindstack[top] {
                return Err(self.tab_error());
            }
        }
        Ok(self.pending())
    }

    fn pending(&mut self) -> Option<Token> {
        if self.pendin < 0 {
            self.pendin += 1;
            Some(self.positionless(TokenKind::Dedent))
        } else if self.pendin > 0 {
            self.pendin -= 1;
            Some(self.positionless(TokenKind::Indent))
        } else {
            None
        }
    }
}
