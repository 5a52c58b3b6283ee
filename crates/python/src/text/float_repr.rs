//! `repr(float)` and CPython's `PyOS_double_to_string`, which every float formatter
//! (`format`, `%`-formatting, `round`) goes through.

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
/// mode 0: of the shortest length, the digits nearest to `x`, ties to even. Rust's shortest
/// form has the right length but may break a tie upward; the correctly rounded digits of that
/// length replace it when they read back as `x` too (at a power of two they may not).
pub(crate) fn shortest_digits(x: f64) -> Digits {
    let shortest = parse_exp_form(&format!("{:e}", x.abs()));
    let nearest = significant_digits(x, shortest.digits.len());
    if nearest == shortest {
        return shortest;
    }
    let (first, rest) = nearest.digits.split_at(1);
    let text = format!("{first}.{rest}e{}", nearest.decpt - 1);
    if text.parse::<f64>() == Ok(x.abs()) {
        nearest
    } else {
        shortest
    }
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
    double_to_string(
        x,
        'r',
        0,
        DtoaFlags {
            add_dot_0: true,
            ..DtoaFlags::default()
        },
    )
}

/// Options of [`double_to_string`], CPython's `Py_DTSF_*` flags.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct DtoaFlags {
    /// `Py_DTSF_SIGN`: write `+` before non-negative numbers.
    pub sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: whole numbers in positional form get `.0` (codes `r` and `g`).
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: the `#` form: keep the point and trailing zeros.
    pub alt: bool,
    /// `Py_DTSF_NO_NEG_0`: the `z` option: a result that rounds to zero loses its minus sign.
    pub no_neg_0: bool,
}

/// CPython's `PyOS_double_to_string`: `code` is one of `e E f F g G r` (`r` is `repr`, whose
/// `precision` is ignored).
pub(crate) fn double_to_string(x: f64, code: char, precision: usize, flags: DtoaFlags) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let mut sign = x.is_sign_negative() && !x.is_nan();
    if !x.is_finite() {
        let word = match (x.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        };
        let prefix = if sign {
            "-"
        } else if flags.sign {
            "+"
        } else {
            ""
        };
        return format!("{prefix}{word}");
    }
    // The digits `dtoa` would give: mode 0 for `r`, mode 2 (significant digits) for `e` and
    // `g`, mode 3 (digits after the point) for `f`.
    let mut precision = precision;
    let d = match code {
        'e' => significant_digits(x, precision + 1),
        'g' => {
            precision = precision.max(1);
            significant_digits(x, precision)
        }
        'f' => fixed_digits(x, precision),
        _ => shortest_digits(x),
    };
    if flags.no_neg_0 && d.digits == "0" {
        sign = false;
    }
    let digits = d.digits.as_bytes();
    let digits_len = digits.len() as i64;
    let mut decpt = d.decpt as i64;
    let precision = precision as i64;
    let mut use_exp = false;
    let mut vdigits_end = digits_len;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision + 1;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            use_exp = decpt <= -4 || decpt > limit;
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => use_exp = decpt <= -4 || decpt > 16,
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    let min_end = if !use_exp && flags.add_dot_0 {
        decpt + 1
    } else {
        decpt
    };
    vdigits_end = vdigits_end.max(min_end);

    let zeros = |out: &mut String, n: i64| out.extend(std::iter::repeat_n('0', n.max(0) as usize));
    let mut out = String::new();
    if sign {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&d.digits[..decpt as usize]);
        out.push('.');
        out.push_str(&d.digits[decpt as usize..]);
    } else {
        out.push_str(&d.digits);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push_str(&exponent_suffix(exp as i32, upper));
    }
    out
}

/// `x` rounded correctly to `places` digits after the point (mode 3 of `dtoa`), as digits and
/// point position; a result of zero is `"0"` at position 1.
fn fixed_digits(x: f64, places: usize) -> Digits {
    let text = format!("{:.*}", places, x.abs());
    let (int_part, frac) = text.split_once('.').unwrap_or((&text, ""));
    let all = format!("{int_part}{frac}");
    let trimmed = all.trim_start_matches('0');
    let decpt = int_part.len() as i32 - (all.len() - trimmed.len()) as i32;
    let trimmed = trimmed.trim_end_matches('0');
    if trimmed.is_empty() {
        return Digits {
            digits: "0".into(),
            decpt: 1,
        };
    }
    Digits {
        digits: trimmed.to_string(),
        decpt,
    }
}
