//! String literal tokens: prefixes, quotes and escape sequences.

/// A STRING token split into its parts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StrToken<'a> {
    /// `r` or `R` in the prefix.
    pub raw: bool,
    /// `f` or `F` in the prefix.
    pub fstring: bool,
    /// `b` or `B` in the prefix.
    pub bytes: bool,
    /// The text between the quotes.
    pub body: &'a str,
    /// Byte offset of the body in the token's text.
    pub body_offset: usize,
}

/// Split a STRING token's text (as the tokenizer accepted it).
pub(crate) fn split(text: &str) -> StrToken<'_> {
    let quote_at = text.find(['\'', '"']).unwrap_or(0);
    let prefix = &text[..quote_at];
    let rest = &text[quote_at..];
    let quote = rest.as_bytes().first().copied().unwrap_or(b'"');
    let triple = rest.len() >= 6 && rest.as_bytes()[1] == quote && rest.as_bytes()[2] == quote;
    let q = if triple { 3 } else { 1 };
    let body = rest.get(q..rest.len().saturating_sub(q)).unwrap_or("");
    let has = |c: char| prefix.chars().any(|p| p.eq_ignore_ascii_case(&c));
    StrToken {
        raw: has('r'),
        fstring: has('f'),
        bytes: has('b'),
        body,
        body_offset: quote_at + q,
    }
}

/// Why an escape sequence could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum EscapeError {
    /// CPython's codec error: `(unicode error) 'unicodeescape' codec can't decode ...`.
    Codec(String),
    /// A character weaklink's strings cannot hold (a lone surrogate), or `\N{...}`.
    Unsupported(String),
}

fn codec_error(start: usize, end: usize, reason: &str) -> EscapeError {
    let position = if end - start > 1 {
        format!("bytes in position {}-{}", start, end - 1)
    } else {
        format!("byte 0x5c in position {start}")
    };
    EscapeError::Codec(format!(
        "(unicode error) 'unicodeescape' codec can't decode {position}: {reason}"
    ))
}

/// Decode the escape sequences of a (non-raw) string body, as CPython's
/// `decode_unicode_with_escapes`. Error positions count bytes of CPython's intermediate buffer,
/// where each non-ASCII character takes ten.
pub(crate) fn decode_escapes(body: &str) -> Result<String, EscapeError> {
    if !body.contains('\\') {
        return Ok(body.to_string());
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    // Position in CPython's buffer.
    let mut virtual_pos = 0usize;
    let width = |c: char| if c.is_ascii() { 1 } else { 10 };
    while let Some((_, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            virtual_pos += width(c);
            continue;
        }
        let start = virtual_pos;
        let Some(&(_, e)) = chars.peek() else {
            out.push('\\');
            break;
        };
        if !e.is_ascii() {
            // CPython turns the backslash into `\u005c`: a literal backslash.
            out.push('\\');
            virtual_pos += 6;
            continue;
        }
        chars.next();
        virtual_pos += 2;
        let simple = match e {
            '\n' => Some(None),
            '\\' => Some(Some('\\')),
            '\'' => Some(Some('\'')),
            '"' => Some(Some('"')),
            'a' => Some(Some('\x07')),
            'b' => Some(Some('\x08')),
            'f' => Some(Some('\x0c')),
            'n' => Some(Some('\n')),
            'r' => Some(Some('\r')),
            't' => Some(Some('\t')),
            'v' => Some(Some('\x0b')),
            _ => None,
        };
        if let Some(decoded) = simple {
            out.extend(decoded);
            continue;
        }
        match e {
            '0'..='7' => {
                let mut value = e as u32 - '0' as u32;
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&(_, d @ '0'..='7')) => {
                            value = value * 8 + (d as u32 - '0' as u32);
                            chars.next();
                            virtual_pos += 1;
                        }
                        _ => break,
                    }
                }
                out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let (count, reason) = match e {
                    'x' => (2, "truncated \\xXX escape"),
                    'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut value = 0u32;
                for _ in 0..count {
                    match chars.peek() {
                        Some(&(_, d)) if d.is_ascii_hexdigit() => {
                            value = value * 16 + d.to_digit(16).unwrap_or(0);
                            chars.next();
                            virtual_pos += 1;
                        }
                        _ => return Err(codec_error(start, virtual_pos, reason)),
                    }
                }
                if value > 0x10ffff {
                    return Err(codec_error(start, virtual_pos, "illegal Unicode character"));
                }
                match char::from_u32(value) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(EscapeError::Unsupported(format!(
                            "weaklink strings cannot hold the lone surrogate U+{value:04X}"
                        )))
                    }
                }
            }
            'N' => {
                return Err(EscapeError::Unsupported(
                    "\\N{...} escapes are not supported in weaklink".into(),
                ));
            }
            _ => {
                // Invalid escape: kept as written (CPython warns).
                out.push('\\');
                out.push(e);
            }
        }
    }
    Ok(out)
}
