//! The tokenizer: CPython 3.11's `tok_get`, rewritten over a byte slice.
//!
//! Tokenizing stops at the first error. CPython distinguishes errors raised at once by the
//! tokenizer ("hard": unterminated strings, bad numbers, unmatched brackets...) from error
//! states the parser only reports when it reaches them ("soft": bad dedents, tabs, a backslash
//! before something else than a newline, end of file inside brackets); [`Lexed`] keeps both the
//! error and which kind it is, so the parser can decide as CPython does which error wins.

use super::error::{ErrorKind, Lines, SyntaxError};
use super::token::{Keyword, Op, Token, TokenKind};

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

    /// The token starting at `start` with the byte `c`.
    fn token_at(&mut self, start: usize, c: u8) -> Step {
        if is_ident_start(c) {
            return self.name_or_string(start);
        }
        if c == b'.' {
            if self.at(self.pos + 1).is_ascii_digit() {
                self.pos += 1;
                return self.number_fraction(start);
            }
            if self.at(self.pos + 1) == b'.' && self.at(self.pos + 2) == b'.' {
                self.pos += 3;
                return Ok(self.token(TokenKind::Op(Op::Ellipsis), start));
            }
            self.pos += 1;
            return Ok(self.token(TokenKind::Op(Op::Dot), start));
        }
        if c.is_ascii_digit() {
            return self.number(start);
        }
        if c == b'\'' || c == b'"' {
            return self.string(start);
        }
        self.operator(start, c)
    }

    fn operator(&mut self, start: usize, c: u8) -> Step {
        let c2 = self.at(self.pos + 1);
        let c3 = self.at(self.pos + 2);
        let three = match (c, c2, c3) {
            (b'*', b'*', b'=') => Some(Op::DoubleStarEqual),
            (b'/', b'/', b'=') => Some(Op::DoubleSlashEqual),
            (b'<', b'<', b'=') => Some(Op::LeftShiftEqual),
            (b'>', b'>', b'=') => Some(Op::RightShiftEqual),
            _ => None,
        };
        if let Some(op) = three {
            self.pos += 3;
            return Ok(self.token(TokenKind::Op(op), start));
        }
        let two = match (c, c2) {
            (b'!', b'=') => Some(Op::NotEqual),
            (b'%', b'=') => Some(Op::PercentEqual),
            (b'&', b'=') => Some(Op::AmperEqual),
            (b'*', b'*') => Some(Op::DoubleStar),
            (b'*', b'=') => Some(Op::StarEqual),
            (b'+', b'=') => Some(Op::PlusEqual),
            (b'-', b'=') => Some(Op::MinEqual),
            (b'-', b'>') => Some(Op::RArrow),
            (b'/', b'/') => Some(Op::DoubleSlash),
            (b'/', b'=') => Some(Op::SlashEqual),
            (b':', b'=') => Some(Op::ColonEqual),
            (b'<', b'<') => Some(Op::LeftShift),
            (b'<', b'=') => Some(Op::LessEqual),
            (b'<', b'>') => Some(Op::Other),
            (b'=', b'=') => Some(Op::EqEqual),
            (b'>', b'=') => Some(Op::GreaterEqual),
            (b'>', b'>') => Some(Op::RightShift),
            (b'@', b'=') => Some(Op::AtEqual),
            (b'^', b'=') => Some(Op::CircumflexEqual),
            (b'|', b'=') => Some(Op::VBarEqual),
            _ => None,
        };
        if let Some(op) = two {
            self.pos += 2;
            return Ok(self.token(TokenKind::Op(op), start));
        }
        self.pos += 1;
        match c {
            b'(' | b'[' | b'{' => {
                if self.brackets.len() >= MAXLEVEL {
                    return Err(self.hard("too many nested parentheses".into()));
                }
                self.brackets.push(Bracket {
                    ch: c,
                    line: self.line,
                    col: (start - self.line_start) as u32,
                });
            }
            b')' | b']' | b'}' => {
                let Some(open) = self.brackets.pop() else {
                    return Err(self.hard(format!("unmatched '{}'", c as char)));
                };
                let expected = match open.ch {
                    b'(' => b')',
                    b'[' => b']',
                    _ => b'}',
                };
                if c != expected {
                    let msg = if open.line != self.line {
                        format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                            c as char, open.ch as char, open.line
                        )
                    } else {
                        format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}'",
                            c as char, open.ch as char
                        )
                    };
                    return Err(self.hard(msg));
                }
            }
            _ => {}
        }
        let one = match c {
            b'(' => Some(Op::LPar),
            b')' => Some(Op::RPar),
            b'[' => Some(Op::LSqb),
            b']' => Some(Op::RSqb),
            b'{' => Some(Op::LBrace),
            b'}' => Some(Op::RBrace),
            b':' => Some(Op::Colon),
            b',' => Some(Op::Comma),
            b';' => Some(Op::Semi),
            b'+' => Some(Op::Plus),
            b'-' => Some(Op::Minus),
            b'*' => Some(Op::Star),
            b'/' => Some(Op::Slash),
            b'|' => Some(Op::VBar),
            b'&' => Some(Op::Amper),
            b'<' => Some(Op::Less),
            b'>' => Some(Op::Greater),
            b'=' => Some(Op::Equal),
            b'.' => Some(Op::Dot),
            b'%' => Some(Op::Percent),
            b'~' => Some(Op::Tilde),
            b'^' => Some(Op::Circumflex),
            b'@' => Some(Op::At),
            _ => None,
        };
        let kind = match one {
            Some(op) => TokenKind::Op(op),
            None => {
                if c < 0x20 || c == 0x7f {
                    return Err(self.hard(format!("invalid non-printable character U+{c:04X}")));
                }
                TokenKind::Op(Op::Other)
            }
        };
        Ok(self.token(kind, start))
    }

    fn name_or_string(&mut self, start: usize) -> Step {
        // String prefixes: b, r, u, f in CPython's allowed combinations.
        let (mut saw_b, mut saw_r, mut saw_u, mut saw_f) = (false, false, false, false);
        loop {
            let c = self.cur().to_ascii_lowercase();
            if !(saw_b || saw_u || saw_f) && c == b'b' {
                saw_b = true;
            } else if !(saw_b || saw_u || saw_r || saw_f) && c == b'u' {
                saw_u = true;
            } else if !(saw_r || saw_u) && c == b'r' {
                saw_r = true;
            } else if !(saw_f || saw_b || saw_u) && c == b'f' {
                saw_f = true;
            } else {
                break;
            }
            self.pos += 1;
            if matches!(self.cur(), b'\'' | b'"') {
                return self.string(start);
            }
        }
        let mut nonascii = false;
        while is_ident_char(self.cur()) && !self.eof() {
            nonascii |= self.cur() >= 128;
            self.pos += 1;
        }
        // Never end inside a UTF-8 sequence.
        let text = &self.src[start..self.pos];
        if nonascii {
            let text = String::from_utf8_lossy(text);
            for (index, (offset, ch)) in text.char_indices().enumerate() {
                if !is_xid(ch, index == 0) {
                    self.pos = start + offset + ch.len_utf8();
                    let msg = if crate::text::is_printable(ch) {
                        format!("invalid character '{ch}' (U+{:04X})", ch as u32)
                    } else {
                        format!("invalid non-printable character U+{:04X}", ch as u32)
                    };
                    return Err(self.hard(msg));
                }
            }
        }
        let text = self.text.get(start..self.pos).unwrap_or("");
        let kind = match Keyword::from_text(text) {
            Some(keyword) => TokenKind::Keyword(keyword),
            None => TokenKind::Name,
        };
        Ok(self.token(kind, start))
    }

    fn string(&mut self, start: usize) -> Step {
        let (first_line, first_line_start) = (self.line, self.line_start);
        let quote = self.cur();
        self.pos += 1;
        let mut quote_size = 1;
        let mut end_quote_size = 0;
        if self.cur() == quote {
            self.pos += 1;
            if self.cur() == quote {
                self.pos += 1;
                quote_size = 3;
            } else {
                end_quote_size = 1;
            }
        }
        while end_quote_size != quote_size {
            let c = self.cur();
            if self.eof() || (quote_size == 1 && c == b'\n') {
                let detected = if self.eof() {
                    self.eof_position().0
                } else {
                    self.line
                };
                self.line = first_line;
                self.line_start = first_line_start;
                self.pos = start + 1;
                let msg = if quote_size == 3 {
                    format!(
                        "unterminated triple-quoted string literal (detected at line {detected})"
                    )
                } else {
                    format!("unterminated string literal (detected at line {detected})")
                };
                return Err(self.hard(msg));
            }
            if c == quote {
                end_quote_size += 1;
                self.pos += 1;
            } else {
                end_quote_size = 0;
                if c == b'\n' {
                    self.newline();
                } else if c == b'\\' {
                    self.pos += 1;
                    if self.cur() == b'\n' && !self.eof() {
                        self.newline();
                    } else if !self.eof() {
                        self.pos += 1;
                    }
                } else {
                    self.pos += 1;
                }
            }
        }
        Ok(self.token_from(TokenKind::String, start, first_line, first_line_start))
    }

    /// CPython's `verify_end_of_number`: a letter right after a number is an error, except the
    /// start of a keyword that may follow a number in valid code (CPython only warns).
    fn end_of_number(&mut self, kind: &str) -> Result<(), Stop> {
        let c = self.cur();
        // The keyword must end there (CPython's `lookahead`).
        let rest = |s: &[u8]| {
            self.src[self.pos + 1..].starts_with(s)
                && !is_ident_char(self.at(self.pos + 1 + s.len()))
        };
        let keyword = match c {
            b'a' => rest(b"nd"),
            b'e' => rest(b"lse"),
            b'f' => rest(b"or"),
            b'i' => matches!(self.at(self.pos + 1), b'f' | b'n' | b's'),
            b'o' => rest(b"r"),
            b'n' => rest(b"ot"),
            _ => false,
        };
        if !keyword && c < 128 && is_ident_char(c) && !self.eof() {
            return Err(self.hard(format!("invalid {kind} literal")));
        }
        Ok(())
    }

    /// Digits and single underscores between digits; on a bad underscore, an error.
    fn decimal_tail(&mut self) -> Result<(), Stop> {
        loop {
            while self.cur().is_ascii_digit() {
                self.pos += 1;
            }
            if self.cur() != b'_' {
                return Ok(());
            }
            self.pos += 1;
            if !self.cur().is_ascii_digit() {
                return Err(self.hard("invalid decimal literal".into()));
            }
        }
    }

    fn number(&mut self, start: usize) -> Step {
        if self.cur() == b'0' {
            self.pos += 1;
            let c = self.cur().to_ascii_lowercase();
            let radix = match c {
                b'x' => Some((16, "hexadecimal")),
                b'o' => Some((8, "octal")),
                b'b' => Some((2, "binary")),
                _ => None,
            };
            if let Some((radix, name)) = radix {
                self.pos += 1;
                return self.radix_number(start, radix, name);
            }
            // Zeros, maybe with underscores; then maybe more digits (an error unless a float).
            loop {
                if self.cur() == b'_' {
                    self.pos += 1;
                    if !self.cur().is_ascii_digit() {
                        return Err(self.hard("invalid decimal literal".into()));
                    }
                }
                if self.cur() != b'0' {
                    break;
                }
                self.pos += 1;
            }
            // CPython's tokenizer has already read the character after the zeros.
            let zeros_end = self.pos + 1;
            let mut nonzero = false;
            if self.cur().is_ascii_digit() {
                nonzero = true;
                self.decimal_tail()?;
            }
            match self.cur() {
                b'.' => {
                    self.pos += 1;
                    return self.number_fraction(start);
                }
                b'e' | b'E' => return self.number_exponent(start),
                b'j' | b'J' => return self.number_imaginary(start),
                _ => {}
            }
            if nonzero {
                let col = self
                    .lines
                    .chars(self.line, (start - self.line_start) as i64 + 1);
                let end = self
                    .lines
                    .chars(self.line, (zeros_end - self.line_start) as i64);
                return Err(self.hard_range(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".into(),
                    Some((col, end)),
                ));
            }
            self.end_of_number("decimal")?;
            return Ok(self.token(TokenKind::Number, start));
        }
        self.decimal_tail()?;
        if self.cur() == b'.' {
            self.pos += 1;
            return self.number_fraction(start);
        }
        match self.cur() {
            b'e' | b'E' => self.number_exponent(start),
            b'j' | b'J' => self.number_imaginary(start),
            _ => {
                self.end_of_number("decimal")?;
                Ok(self.token(TokenKind::Number, start))
            }
        }
    }

    fn radix_number(&mut self, start: usize, radix: u32, name: &str) -> Step {
        loop {
            if self.cur() == b'_' {
                self.pos += 1;
            }
            let c = self.cur();
            if !(c as char).is_digit(radix) {
                if radix != 16 && c.is_ascii_digit() {
                    self.pos += 1;
                    return Err(
                        self.hard(format!("invalid digit '{}' in {name} literal", c as char))
                    );
                }
                return Err(self.hard(format!("invalid {name} literal")));
            }
            while (self.cur() as char).is_digit(radix) {
                self.pos += 1;
            }
            if self.cur() != b'_' {
                break;
            }
        }
        if radix != 16 && self.cur().is_ascii_digit() {
            let c = self.cur();
            self.pos += 1;
            return Err(self.hard(format!("invalid digit '{}' in {name} literal", c as char)));
        }
        self.end_of_number(name)?;
        Ok(self.token(TokenKind::Number, start))
    }

    /// After the `.` of a float.
    fn number_fraction(&mut self, start: usize) -> Step {
        if self.cur().is_ascii_digit() {
            self.decimal_tail()?;
        }
        match self.cur() {
            b'e' | b'E' => self.number_exponent(start),
            b'j' | b'J' => self.number_imaginary(start),
            _ => {
                self.end_of_number("decimal")?;
                Ok(self.token(TokenKind::Number, start))
            }
        }
    }

    /// At the `e` of an exponent.
    fn number_exponent(&mut self, start: usize) -> Step {
        let e = self.pos;
        self.pos += 1;
        if matches!(self.cur(), b'+' | b'-') {
            self.pos += 1;
            if !self.cur().is_ascii_digit() {
                return Err(self.hard("invalid decimal literal".into()));
            }
        } else if !self.cur().is_ascii_digit() {
            self.pos = e;
            self.end_of_number("decimal")?;
            return Ok(self.token(TokenKind::Number, start));
        }
        self.decimal_tail()?;
        match self.cur() {
            b'j' | b'J' => self.number_imaginary(start),
            _ => {
                self.end_of_number("decimal")?;
                Ok(self.token(TokenKind::Number, start))
            }
        }
    }

    /// At the `j` of an imaginary number.
    fn number_imaginary(&mut self, start: usize) -> Step {
        self.pos += 1;
        self.end_of_number("imaginary")?;
        Ok(self.token(TokenKind::Number, start))
    }
}
