//! Adjacent string literals and f-strings, as CPython 3.11's `string_parser.c` builds them:
//! literal parts are merged across adjacent literals, `Constant` and `FormattedValue` parts take
//! the position of the whole run of literals, a format specification is a `JoinedStr` whose
//! trailing literal takes the position of its own literal, and each replacement field's
//! expression is parsed on its own, inside parentheses, with positions shifted into the source.

use super::super::ast::{Constant, Conversion, Expr};
use super::super::error::{ErrorKind, Lines, SyntaxError};
use super::super::lexer::lex;
use super::super::strings::{decode_escapes, split, EscapeError};
use super::super::token::{Token, TokenKind};
use super::{Fail, PResult, Parser};

/// CPython's `FstringParser`: the literal text not yet turned into a node, and the parts so far.
struct Parts {
    last_str: String,
    values: Vec<Expr>,
    fmode: bool,
}

/// The tokens a part's position comes from.
#[derive(Clone, Copy)]
struct Place {
    first: Token,
    last: Token,
    /// The literal being parsed.
    token: Token,
}

impl Parser<'_> {
    /// `strings`: one or more adjacent STRING tokens.
    pub(crate) fn strings(&mut self) -> PResult<Expr> {
        let first_index = self.pos;
        while self.kind() == TokenKind::String {
            self.bump();
        }
        let tokens = &self.tokens[first_index..self.pos];
        let (first, last) = (tokens[0], tokens[tokens.len() - 1]);
        let bytes_kinds = tokens.iter().map(|&t| split(self.text_of(t)).bytes);
        if bytes_kinds.clone().any(|b| b) && bytes_kinds.clone().any(|b| !b) {
            return Err(self.fail_last_always("cannot mix bytes and nonbytes literals".into()));
        }
        let mut parts = Parts {
            last_str: String::new(),
            values: Vec::new(),
            fmode: false,
        };
        for &token in tokens {
            let text = self.text_of(token);
            let literal = split(text);
            if literal.bytes {
                self.unsupported("bytes literals are", self.token_span(token));
            }
            if literal.fstring {
                let place = Place { first, last, token };
                let body_start = token.start + literal.body_offset;
                let end = body_start + literal.body.len();
                let mut cursor = body_start;
                self.fstring_parts(&mut parts, &mut cursor, end, literal.raw, 0, place)?;
            } else if literal.raw {
                parts.last_str.push_str(literal.body);
            } else {
                let decoded = self.decode(literal.body)?;
                parts.last_str.push_str(&decoded);
            }
        }
        Ok(self.finish(parts, first, last))
    }

    fn decode(&mut self, body: &str) -> PResult<String> {
        match decode_escapes(body) {
            Ok(text) => Ok(text),
            Err(EscapeError::Codec(msg)) => Err(self.fail_last_always(msg)),
            Err(EscapeError::Unsupported(msg)) => {
                if self.unsupported.is_none() && self.trials == 0 {
                    let token = self.tokens[self.max_any.min(self.tokens.len() - 1)];
                    let error = self.error_at_last(ErrorKind::SyntaxError, msg, token);
                    self.unsupported = Some(Box::new(error));
                }
                Ok(String::new())
            }
        }
    }

    /// An error at the last token fetched that is not a specialised rule's.
    fn fail_last_always(&mut self, msg: String) -> Fail {
        let token = self.tokens[self.max_any.min(self.tokens.len() - 1)];
        Fail::Error(Box::new(self.error_at_last(
            ErrorKind::SyntaxError,
            msg,
            token,
        )))
    }

    /// A string constant spanning the tokens `first` to `last`.
    fn str_node(&self, value: String, first: Token, last: Token) -> Expr {
        let kind = self
            .text_of(first)
            .starts_with('u')
            .then(|| "u".to_string());
        Expr::Constant {
            value: Constant::Str(value),
            kind,
            span: self.token_span(first).to(self.token_span(last)),
        }
    }

    /// CPython's `_PyPegen_FstringParser_Finish`.
    fn finish(&self, mut parts: Parts, first: Token, last: Token) -> Expr {
        if !parts.fmode {
            return self.str_node(parts.last_str, first, last);
        }
        if !parts.last_str.is_empty() {
            let value = std::mem::take(&mut parts.last_str);
            parts.values.push(self.str_node(value, first, last));
        }
        Expr::JoinedStr {
            values: parts.values,
            span: self.token_span(first).to(self.token_span(last)),
        }
    }

    /// CPython's `_PyPegen_FstringParser_ConcatFstring`: the parts of an f-string body from
    /// byte `cursor` to `end` of the source; a format specification (`level` > 0) stops at `}`.
    fn fstring_parts(
        &mut self,
        parts: &mut Parts,
        cursor: &mut usize,
        end: usize,
        raw: bool,
        level: u32,
        place: Place,
    ) -> PResult<()> {
        parts.fmode = true;
        loop {
            let (literal, doubled) = self.fstring_literal(cursor, end, raw, level)?;
            parts.last_str.push_str(&literal);
            if doubled {
                continue;
            }
            if *cursor >= end || self.text.as_bytes()[*cursor] == b'}' {
                break;
            }
            let (expr_text, value) = self.fstring_field(cursor, end, raw, level, place)?;
            if let Some(text) = expr_text {
                parts.last_str.push_str(&text);
            }
            if !parts.last_str.is_empty() {
                let value = std::mem::take(&mut parts.last_str);
                parts
                    .values
                    .push(self.str_node(value, place.first, place.last));
            }
            parts.values.push(value);
        }
        if level > 0 && (*cursor >= end || self.text.as_bytes()[*cursor] != b'}') {
            return Err(self.fail_last_always("f-string: expecting '}'".into()));
        }
        Ok(())
    }

    /// CPython's `fstring_find_literal`: literal text up to a `{` (or a `}` ending a format
    /// specification); `true` when it stopped after a doubled brace.
    fn fstring_literal(
        &mut self,
        cursor: &mut usize,
        end: usize,
        raw: bool,
        level: u32,
    ) -> PResult<(String, bool)> {
        let bytes = self.text.as_bytes();
        let start = *cursor;
        let mut s = start;
        let mut doubled = false;
        while s < end {
            let mut ch = bytes[s];
            s += 1;
            if !raw && ch == b'\\' && s < end {
                ch = bytes[s];
                s += 1;
                if ch == b'N' {
                    if s < end && bytes[s] == b'{' {
                        s += 1;
                        while s < end {
                            s += 1;
                            if bytes[s - 1] == b'}' {
                                break;
                            }
                        }
                    }
                    continue;
                }
            }
            if ch == b'{' || ch == b'}' {
                if level == 0 {
                    if s < end && bytes[s] == ch {
                        *cursor = s + 1;
                        doubled = true;
                        break;
                    }
                    if ch == b'}' {
                        *cursor = s - 1;
                        return Err(
                            self.fail_last_always("f-string: single '}' is not allowed".into())
                        );
                    }
                }
                s -= 1;
                break;
            }
        }
        let literal_end = s;
        if !doubled {
            *cursor = s;
        }
        let text = &self.text[start..literal_end];
        let literal = if raw || text.is_empty() {
            text.to_string()
        } else {
            self.decode(text)?
        };
        Ok((literal, doubled))
    }

    /// CPython's `fstring_find_expr`: one replacement field from its `{`; returns the `x=` text
    /// of a self-documenting field and the `FormattedValue`.
    fn fstring_field(
        &mut self,
        cursor: &mut usize,
        end: usize,
        raw: bool,
        level: u32,
        place: Place,
    ) -> PResult<(Option<String>, Expr)> {
        if level >= 2 {
            return Err(self.fail_last_always("f-string: expressions nested too deeply".into()));
        }
        let bytes = self.text.as_bytes();
        let brace = *cursor;
        *cursor += 1;
        let expr_start = *cursor;
        let mut quote: u8 = 0;
        let mut triple = false;
        let mut stack: Vec<u8> = Vec::new();
        while *cursor < end {
            let ch = bytes[*cursor];
            if ch == b'\\' {
                return Err(self.fail_last_always(
                    "f-string expression part cannot include a backslash".into(),
                ));
            }
            if quote != 0 {
                if ch == quote {
                    if triple {
                        if *cursor + 2 < end && bytes[*cursor + 1] == ch && bytes[*cursor + 2] == ch
                        {
                            *cursor += 2;
                            quote = 0;
                        }
                    } else {
                        quote = 0;
                    }
                }
                *cursor += 1;
                continue;
            }
            match ch {
                b'\'' | b'"' => {
                    triple =
                        *cursor + 2 < end && bytes[*cursor + 1] == ch && bytes[*cursor + 2] == ch;
                    if triple {
                        *cursor += 2;
                    }
                    quote = ch;
                }
                b'[' | b'{' | b'(' => {
                    if stack.len() >= 200 {
                        return Err(
                            self.fail_last_always("f-string: too many nested parenthesis".into())
                        );
                    }
                    stack.push(ch);
                }
                b'#' => {
                    return Err(
                        self.fail_last_always("f-string expression part cannot include '#'".into())
                    );
                }
                b'!' | b':' | b'}' | b'=' | b'>' | b'<' if stack.is_empty() => {
                    let next = if *cursor + 1 < end {
                        bytes[*cursor + 1]
                    } else {
                        0
                    };
                    if next == b'=' && matches!(ch, b'!' | b'=' | b'<' | b'>') {
                        *cursor += 2;
                        continue;
                    }
                    if ch != b'>' && ch != b'<' {
                        break;
                    }
                }
                b']' | b'}' | b')' => {
                    let Some(opening) = stack.pop() else {
                        return Err(
                            self.fail_last_always(format!("f-string: unmatched '{}'", ch as char))
                        );
                    };
                    let expected = match opening {
                        b'(' => b')',
                        b'[' => b']',
                        _ => b'}',
                    };
                    if ch != expected {
                        return Err(self.fail_last_always(format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            ch as char, opening as char
                        )));
                    }
                }
                _ => {}
            }
            *cursor += 1;
        }
        let expr_end = *cursor;
        if quote != 0 {
            return Err(self.fail_last_always("f-string: unterminated string".into()));
        }
        if let Some(&opening) = stack.last() {
            return Err(self.fail_last_always(format!("f-string: unmatched '{}'", opening as char)));
        }
        if *cursor >= end {
            return Err(self.fail_last_always("f-string: expecting '}'".into()));
        }
        let value = self.fstring_expression(brace, expr_start, expr_end, place.token)?;
        let mut expr_text = None;
        if bytes[*cursor] == b'=' {
            *cursor += 1;
            while *cursor < end && bytes[*cursor].is_ascii_whitespace() {
                *cursor += 1;
            }
            if *cursor >= end {
                return Err(self.fail_last_always("f-string: expecting '}'".into()));
            }
            expr_text = Some(self.text[expr_start..*cursor].to_string());
        }
        let mut conversion = Conversion::None;
        if bytes[*cursor] == b'!' {
            *cursor += 1;
            if *cursor >= end {
                return Err(self.fail_last_always("f-string: expecting '}'".into()));
            }
            conversion = match bytes[*cursor] {
                b's' => Conversion::Str,
                b'r' => Conversion::Repr,
                b'a' => Conversion::Ascii,
                _ => {
                    return Err(self.fail_last_always(
                        "f-string: invalid conversion character: expected 's', 'r', or 'a'".into(),
                    ))
                }
            };
            *cursor += 1;
        }
        let mut format_spec = None;
        if *cursor < end && bytes[*cursor] == b':' {
            *cursor += 1;
            if *cursor >= end {
                return Err(self.fail_last_always("f-string: expecting '}'".into()));
            }
            let mut spec = Parts {
                last_str: String::new(),
                values: Vec::new(),
                fmode: false,
            };
            self.fstring_parts(&mut spec, cursor, end, raw, level + 1, place)?;
            format_spec = Some(Box::new(self.finish(spec, place.token, place.token)));
        }
        if *cursor >= end || bytes[*cursor] != b'}' {
            return Err(self.fail_last_always("f-string: expecting '}'".into()));
        }
        *cursor += 1;
        if expr_text.is_some() && format_spec.is_none() && conversion == Conversion::None {
            conversion = Conversion::Repr;
        }
        let span = self.token_span(place.first).to(self.token_span(place.last));
        Ok((
            expr_text,
            Expr::FormattedValue {
                value: Box::new(value),
                conversion,
                format_spec,
                span,
            },
        ))
    }

    /// CPython's `fstring_compile_expr`: parse the field's expression text (bytes `start` to
    /// `end` of the source, after the `{` at `brace`) on its own.
    fn fstring_expression(
        &mut self,
        brace: usize,
        start: usize,
        end: usize,
        token: Token,
    ) -> PResult<Expr> {
        let text = &self.text[start..end];
        if text
            .bytes()
            .all(|b| matches!(b, b' ' | b'\t' | b'\n' | 0x0c))
        {
            let after = self.text.as_bytes()[end];
            let msg = match after {
                b'!' | b':' | b'=' => {
                    format!("f-string: expression required before '{}'", after as char)
                }
                _ => "f-string: empty expression not allowed".to_string(),
            };
            return Err(self.fail_last_always(msg));
        }
        // Where the expression's first line sits in the source (CPython's
        // `fstring_find_expr_location`).
        let token_text = &self.text[token.start..brace];
        let lines = token_text.bytes().filter(|&b| b == b'\n').count() as u32;
        let newline_after_brace = text
            .bytes()
            .take_while(|&b| b != b'}' && b != b'\n')
            .all(|b| matches!(b, b' ' | b'\t' | 0x0c));
        let newline_after_brace = newline_after_brace && text.contains('\n');
        let cols = if newline_after_brace {
            0
        } else {
            match token_text.rfind('\n') {
                Some(newline) => (token_text.len() - newline - 1) as u32,
                None => token_text.len() as u32,
            }
        };
        let (origin_line, origin_col) = match self.origin {
            None => (token.line, token.col),
            Some(_) => {
                let span = self.token_span(token);
                (span.lineno, span.col_offset)
            }
        };
        let origin = (
            origin_line + lines,
            if lines == 0 { origin_col + cols } else { cols },
        );
        let source = format!("({text})\n");
        let lines_index = Lines::new(&source);
        let lexed = lex(&source, &lines_index);
        let mut sub = Parser::new(&source, &lines_index, &lexed.tokens);
        sub.origin = Some(origin);
        sub.depth = self.depth;
        let result = sub.star_expressions();
        if let (Some(error), None) = (sub.unsupported.take(), &self.unsupported) {
            if self.trials == 0 {
                self.unsupported = Some(error);
            }
        }
        let error = match result {
            Ok(expr) if !sub.reached_error => return Ok(expr),
            Ok(_) => None,
            Err(Fail::Error(error)) if !sub.reached_error => Some(*error),
            Err(_) => None,
        };
        let error = match (error, &lexed.error) {
            // The tokenizer's errors are not prefixed.
            (_, Some(lex)) if sub.reached_error || lex.hard => {
                let mut error = lex.error.clone();
                error.lineno += origin.0 - 1;
                error.end_lineno += origin.0 - 1;
                return Err(Fail::Error(Box::new(error)));
            }
            (Some(error), _) => error,
            (None, _) => sub.generic_error(),
        };
        Err(self.fstring_error(error, origin.0))
    }

    /// An error from a field's expression: CPython prefixes it and keeps its position in the
    /// parenthesized expression's text, on the expression's line in the source.
    fn fstring_error(&mut self, mut error: SyntaxError, origin_line: u32) -> Fail {
        if error.msg.starts_with("f-string") {
            // From an f-string nested in this one: already placed.
            return Fail::Error(Box::new(error));
        }
        error.msg = format!("f-string: {}", error.msg);
        error.lineno += origin_line - 1;
        error.end_lineno += origin_line - 1;
        Fail::Error(Box::new(error))
    }
}
