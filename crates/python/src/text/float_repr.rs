//! `repr(float)` and the decimal digit strings every float formatter starts from.

/// Decimal digits of a finite, non-negative float: `0.d1d2d3… × 10^decpt`.
///
/// `digits` never has leading zeros; it is `"0"` with `decpt` 1 for zero.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Digits {
    /// The significant digits, ASCII `0`-`9`.
    pub digits: String,
    /// Position of the decimal point relative to the first digit.
    pub decpt: i32,
}

/// Splits Rust's `{:e}` output (`"1.2345e16"`) into digits and decimal point position.
fn parse_exp_form(text: &str) -> Digits {
    let (mantissa, exp) = text.split_once('e').unwrap_or((text, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if digits.bytes().all(|b| b == b'0') {
        return Digits {
            digits: "0".into(),
            decpt: 1,
        };
    }
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    Digits {
        digits: digits.to_string(),
        decpt: exp + 1,
    }
}

/// The shortest digits that read back as `x` (which must be finite), like CPython's `dtoa`
/// mode 0.
pub(crate) fn shortest_digits(x: f64) -> Digits {
    parse_exp_form(&format!("{:e}", x.abs()))
}

/// `x` rounded correctly (half to even on exact ties) to `count` significant digits, `count`
/// at least 1; trailing zeros removed.
pub(crate) fn significant_digits(x: f64, count: usize) -> Digits {
    let count = count.clamp(1, 800);
    parse_exp_form(&format!("{:.*e}", count - 1, x.abs()))
}

/// The exponent suffix CPython writes: `e+16`, `e-05`, `E+100`.
pub(crate) fn exponent_suffix(exp: i32, upper: bool) -> String {
    let sign = if exp < 0 { '-' } else { '+' };
    let e = if upper { 'E' } else { 'e' };
    format!("{e}{sign}{:02}", exp.unsigned_abs())
}

/// Python's `repr(x)` (and `str(x)`) for a float: the shortest round-trip digits, written in
/// positional form when the decimal exponent is between -4 and 16 and in exponent form
/// otherwise.
///
/// `float_repr(1e16) == "1e+16"`, `float_repr(1e-5) == "1e-05"`, `float_repr(0.0001) ==
/// "0.0001"`, `float_repr(2.0) == "2.0"`, `float_repr(-0.0) == "-0.0"`, and `inf`, `-inf`,
/// `nan`.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x.is_infinite() {
        return format!("{sign}inf");
    }
    let d = shortest_digits(x);
    let body = if d.decpt <= -4 || d.decpt > 16 {
        exponent_form(&d.digits, d.decpt - 1, false, false)
    } else {
        positional_form(&d.digits, d.decpt, true)
    };
    format!("{sign}{body}")
}

/// `d.ddd` followed by the exponent suffix; a lone digit gets no point unless `point` asks for
/// one (the `#` alternate form).
pub(crate) fn exponent_form(digits: &str, exp: i32, upper: bool, point: bool) -> String {
    let (first, rest) = digits.split_at(1);
    let mut out = String::from(first);
    if !rest.is_empty() || point {
        out.push('.');
        out.push_str(rest);
    }
    out.push_str(&exponent_suffix(exp, upper));
    out
}

/// Digits written with the point at `decpt`, padding with zeros as needed; `point_zero` adds
/// `.0` to a whole number.
pub(crate) fn positional_form(digits: &str, decpt: i32, point_zero: bool) -> String {
    let n = digits.len() as i32;
    let mut out = String::new();
    if decpt <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-decpt) as usize));
        out.push_str(digits);
    } else if decpt >= n {
        out.push_str(digits);
        out.extend(std::iter::repeat_n('0', (decpt - n) as usize));
        if point_zero {
            out.push_str(".0");
        }
    } else {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    }
    out
}
