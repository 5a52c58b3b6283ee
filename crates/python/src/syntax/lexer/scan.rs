//! Scanning one token: names, string literals, numbers, operators.

use super::{is_ident_char, is_ident_start, is_xid, Bracket, Lexer, Step, Stop, MAXLEVEL};
use crate::syntax::token::{Keyword, Op, TokenKind};

impl Lexer<'_, '_> {
    /// The token starting at `start` with the byte `c`.
    pub(super) fn token_at(&mut self, start: usize, c: u8) -> Step {
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
