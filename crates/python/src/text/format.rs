//! `format(value, spec)` for `int`, `float` and `str`: CPython's `formatter_unicode.c`.

use super::error::{TextError, TextResult};
use super::float_repr::{double_to_string, float_repr, DtoaFlags};
use super::spec::{unknown_code, Align, FormatSpec};

/// `format(value, spec)` for an `int` (also f-strings' `{value:spec}` and `str.format`).
pub fn format_int(value: i64, spec: &str) -> TextResult<String> {
    format_int_named(value, spec, "int")
}

/// [`format_int`] for an `int` subclass called `type_name` (`bool`): the name appears in
/// error messages. An empty `spec` gives `str(value)`: the decimal digits, or `True`/`False`
/// when `type_name` is `bool`.
pub fn format_int_named(value: i64, spec: &str, type_name: &str) -> TextResult<String> {
    if spec.is_empty() {
        if type_name == "bool" {
            return Ok(if value != 0 { "True" } else { "False" }.to_string());
        }
        return Ok(value.to_string());
    }
    let f = FormatSpec::parse(spec, Some('d'), Align::Right, type_name)?;
    match f.kind {
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => return float_with_spec(value as f64, &f),
        Some('b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n') => {}
        Some(k) => return Err(unknown_code(k, type_name)),
        None => {}
    }
    if f.precision.is_some() {
        return Err(TextError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if f.no_neg_0 {
        return Err(TextError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    let kind = f.kind.unwrap_or('d');
    if kind == 'c' {
        if f.sign.is_some() {
            return Err(TextError::value(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if f.alternate {
            return Err(TextError::value(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let c = char_of(value)?;
        return Ok(f.layout_number(false, "", &c.to_string(), 0));
    }
    let magnitude = value.unsigned_abs();
    let (digits, prefix) = match kind {
        'b' => (format!("{magnitude:b}"), "0b"),
        'o' => (format!("{magnitude:o}"), "0o"),
        'x' => (format!("{magnitude:x}"), "0x"),
        'X' => (format!("{magnitude:X}"), "0X"),
        _ => (magnitude.to_string(), ""),
    };
    let prefix = if f.alternate { prefix } else { "" };
    Ok(f.layout_number(value < 0, prefix, &digits, digits.len()))
}

/// `format(value, spec)` for an `int` beyond 64 bits.
pub fn format_big_int(value: &super::BigInt, spec: &str) -> TextResult<String> {
    if spec.is_empty() {
        return value.to_decimal();
    }
    let f = FormatSpec::parse(spec, Some('d'), Align::Right, "int")?;
    match f.kind {
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let x = value
                .to_f64()
                .ok_or_else(|| TextError::overflow("int too large to convert to float"))?;
            return float_with_spec(x, &f);
        }
        Some('c') => return Err(TextError::overflow("%c arg not in range(0x110000)")),
        Some('b' | 'd' | 'o' | 'x' | 'X' | 'n') | None => {}
        Some(k) => return Err(unknown_code(k, "int")),
    }
    if f.precision.is_some() {
        return Err(TextError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    let magnitude = super::BigInt {
        negative: false,
        digits: value.digits.clone(),
    };
    let (digits, prefix) = match f.kind.unwrap_or('d') {
        'b' => (magnitude.magnitude_in_radix(2), "0b"),
        'o' => (magnitude.magnitude_in_radix(8), "0o"),
        'x' => (magnitude.magnitude_in_radix(16), "0x"),
        'X' => (magnitude.magnitude_in_radix(16).to_uppercase(), "0X"),
        _ => (magnitude.to_decimal()?, ""),
    };
    let prefix = if f.alternate { prefix } else { "" };
    Ok(f.layout_number(value.negative, prefix, &digits, digits.len()))
}

/// The character `%c` and `{:c}` write for `value`, or CPython's `OverflowError`.
pub(crate) fn char_of(value: i64) -> TextResult<char> {
    if !(0..0x110000).contains(&value) {
        return Err(TextError::overflow("%c arg not in range(0x110000)"));
    }
    char::from_u32(value as u32)
        .ok_or_else(|| TextError::value("surrogate code points cannot be represented"))
}

/// `format(value, spec)` for a `float`.
pub fn format_float(value: f64, spec: &str) -> TextResult<String> {
    if spec.is_empty() {
        return Ok(float_repr(value));
    }
    let f = FormatSpec::parse(spec, None, Align::Right, "float")?;
    match f.kind {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => float_with_spec(value, &f),
        Some(k) => Err(unknown_code(k, "float")),
    }
}

/// CPython's `format_float_internal`: the digits by `PyOS_double_to_string`, then the layout.
fn float_with_spec(value: f64, f: &FormatSpec) -> TextResult<String> {
    let mut flags = DtoaFlags {
        alt: f.alternate,
        no_neg_0: f.no_neg_0,
        ..DtoaFlags::default()
    };
    let mut default_precision = 6;
    let mut code = f.kind.unwrap_or('r');
    if f.kind.is_none() {
        flags.add_dot_0 = true;
        default_precision = 0;
    }
    if code == 'n' {
        code = 'g';
    }
    let mut value = value;
    let percent = code == '%';
    if percent {
        code = 'f';
        value *= 100.0;
    }
    let precision = match f.precision {
        Some(p) => {
            if code == 'r' {
                code = 'g';
            }
            p
        }
        None => default_precision,
    };
    let mut text = double_to_string(value, code, precision, flags);
    if percent {
        text.push('%');
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let leading = body.bytes().take_while(u8::is_ascii_digit).count();
    Ok(f.layout_number(negative, "", body, leading))
}

/// `format(value, spec)` for a `str`: truncation to the precision, then padding.
pub fn format_str(value: &str, spec: &str) -> TextResult<String> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    let f = FormatSpec::parse(spec, Some('s'), Align::Left, "str")?;
    match f.kind {
        Some('s') => {}
        Some(k) => return Err(unknown_code(k, "str")),
        None => {}
    }
    if let Some(sign) = f.sign {
        return Err(TextError::value(if sign == ' ' {
            "Space not allowed in string format specifier"
        } else {
            "Sign not allowed in string format specifier"
        }));
    }
    if f.no_neg_0 {
        return Err(TextError::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if f.alternate {
        return Err(TextError::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if f.align == Align::AfterSign {
        return Err(TextError::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let text = match f.precision {
        Some(p) => match value.char_indices().nth(p) {
            Some((i, _)) => &value[..i],
            None => value,
        },
        None => value,
    };
    Ok(f.pad(text))
}
