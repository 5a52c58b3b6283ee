//! `int(str, base)`, `float(str)`, and `bin`/`oct`/`hex`.

use super::case::is_space;
use super::error::{TextError, TextResult};
use super::repr::{decimal_value, str_repr};

/// The message of the error for a result outside 64 bits (the interpreter then computes it
/// as a [`super::BigInt`]).
pub const INT_OVERFLOW: &str = "int too large: weaklink's ints hold 64 bits";

/// CPython's default `sys.get_int_max_str_digits()`.
const MAX_STR_DIGITS: usize = 4300;

/// `repr(s)` cut to 200 characters, as `%.200R` in CPython's messages.
fn short_repr(s: &str) -> String {
    let r = str_repr(s);
    match r.char_indices().nth(200) {
        Some((i, _)) => r[..i].to_string(),
        None => r,
    }
}

/// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`: Unicode decimal digits become ASCII
/// digits and Unicode whitespace a space; any other non-ASCII character ends the text with
/// `?`, which no number accepts.
fn to_ascii_number(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if is_space(c) {
            out.push(' ');
        } else if let Some(d) = decimal_value(c) {
            out.push(char::from(b'0' + d as u8));
        } else {
            out.push('?');
            break;
        }
    }
    out
}

/// Whitespace as C's `isspace` in the C locale (what CPython strips around numbers).
fn c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// `int(s, base)` for a `str`: surrounding whitespace, a sign, a `0x`/`0o`/`0b` prefix
/// (required to pick the base when `base` is 0), single underscores between digits, Unicode
/// decimal digits. Fails with `ValueError: invalid literal for int() with base 10: 'abc'`, or
/// an `OverflowError` ([`INT_OVERFLOW`]) beyond 64 bits.
pub fn int_from_str(s: &str, base: u32) -> TextResult<i64> {
    if base == 1 || base > 36 {
        return Err(TextError::value("int() base must be >= 2 and <= 36, or 0"));
    }
    let invalid = || {
        TextError::value(format!(
            "invalid literal for int() with base {base}: {}",
            short_repr(s)
        ))
    };
    let ascii = to_ascii_number(s);
    let b = ascii.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while c_space(at(i)) {
        i += 1;
    }
    let mut negative = false;
    if at(i) == b'+' || at(i) == b'-' {
        negative = at(i) == b'-';
        i += 1;
    }
    let mut radix = base;
    let mut error_if_nonzero = false;
    let prefix = at(i + 1).to_ascii_lowercase();
    if radix == 0 {
        radix = match (at(i), prefix) {
            (b'0', b'x') => 16,
            (b'0', b'o') => 8,
            (b'0', b'b') => 2,
            (b'0', _) => {
                error_if_nonzero = true;
                10
            }
            _ => 10,
        };
    }
    if at(i) == b'0' && matches!((radix, prefix), (16, b'x') | (8, b'o') | (2, b'b')) {
        i += 2;
        if at(i) == b'_' {
            i += 1;
        }
    }
    if at(i) == b'_' {
        return Err(invalid());
    }
    // Digits with single underscores between them.
    let mut value: u128 = 0;
    let mut overflow = false;
    let mut digits = 0usize;
    let mut prev_underscore = false;
    loop {
        let c = at(i);
        if c == b'_' {
            if prev_underscore {
                return Err(invalid());
            }
            prev_underscore = true;
        } else if let Some(d) = digit_value(c).filter(|&d| d < radix) {
            prev_underscore = false;
            digits += 1;
            if !overflow {
                value = value * radix as u128 + d as u128;
                overflow = value > i64::MAX as u128 + 1;
            }
        } else {
            break;
        }
        i += 1;
    }
    if prev_underscore || digits == 0 {
        return Err(invalid());
    }
    if !radix.is_power_of_two() && digits > MAX_STR_DIGITS {
        return Err(TextError::value(format!(
            "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: value \
             has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    if error_if_nonzero && (value != 0 || overflow) {
        return Err(invalid());
    }
    while c_space(at(i)) {
        i += 1;
    }
    if i != b.len() {
        return Err(invalid());
    }
    if overflow || (!negative && value > i64::MAX as u128) {
        return Err(TextError::overflow(INT_OVERFLOW));
    }
    Ok(if negative {
        (value as i128).wrapping_neg() as i64
    } else {
        value as i64
    })
}

/// The value of an ASCII digit or letter (`a`/`A` = 10 … `z`/`Z` = 35).
fn digit_value(b: u8) -> Option<u32> {
    (b as char).to_digit(36)
}

/// `float(s)` for a `str`: surrounding whitespace, a sign, digits with an optional point and
/// exponent, single underscores between digits, `inf`, `infinity`, `nan` in any case, Unicode
/// decimal digits. Fails with `ValueError: could not convert string to float: 'x'`.
pub fn float_from_str(s: &str) -> TextResult<f64> {
    let invalid = || {
        TextError::value(format!(
            "could not convert string to float: {}",
            str_repr(s)
        ))
    };
    let ascii = to_ascii_number(s);
    let trimmed = ascii.trim_matches(|c: char| c.is_ascii() && c_space(c as u8));
    let cleaned = remove_underscores(trimmed).ok_or_else(invalid)?;
    let (negative, body) = match cleaned.as_bytes().first() {
        Some(b'-') => (true, &cleaned[1..]),
        Some(b'+') => (false, &cleaned[1..]),
        _ => (false, cleaned.as_str()),
    };
    let lower = body.to_ascii_lowercase();
    let magnitude = match lower.as_str() {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ if is_decimal_literal(body) => body.parse::<f64>().map_err(|_| invalid())?,
        _ => return Err(invalid()),
    };
    Ok(if negative { -magnitude } else { magnitude })
}

/// `digits [. digits] [e [sign] digits]` with at least one digit before the exponent.
fn is_decimal_literal(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let count = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = count(&mut i);
    if i < b.len() && b[i] == b'.' {
        i += 1;
        mantissa += count(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if count(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// CPython's `_Py_string_to_number_with_underscores`: underscores only between two digits.
fn remove_underscores(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            let before = i > 0 && b[i - 1].is_ascii_digit();
            let after = b.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !(before && after) {
                return None;
            }
        } else {
            out.push(c as char);
        }
    }
    Some(out)
}

/// `bin(n)`: `0b101`, `-0b101`.
pub fn int_bin(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}0b{:b}", n.unsigned_abs())
}

/// `oct(n)`: `0o17`, `-0o17`.
pub fn int_oct(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}0o{:o}", n.unsigned_abs())
}

/// `hex(n)`: `0xff`, `-0xff`.
pub fn int_hex(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}0x{:x}", n.unsigned_abs())
}

/// `repr(n)` and `str(n)` of an `int`.
pub fn int_repr(n: i64) -> String {
    n.to_string()
}
