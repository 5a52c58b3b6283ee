//! Integer and float arithmetic with CPython's results and errors: floor division and modulo
//! with the divisor's sign, true division, powers, `round`, conversions.

use super::error::{TextError, TextResult};
use super::numparse::INT_OVERFLOW;

fn overflow() -> TextError {
    TextError::overflow(INT_OVERFLOW)
}

/// `a + b` for `int`s.
pub fn int_add(a: i64, b: i64) -> TextResult<i64> {
    a.checked_add(b).ok_or_else(overflow)
}

/// `a - b` for `int`s.
pub fn int_sub(a: i64, b: i64) -> TextResult<i64> {
    a.checked_sub(b).ok_or_else(overflow)
}

/// `a * b` for `int`s.
pub fn int_mul(a: i64, b: i64) -> TextResult<i64> {
    a.checked_mul(b).ok_or_else(overflow)
}

/// `-a` for an `int`.
pub fn int_neg(a: i64) -> TextResult<i64> {
    a.checked_neg().ok_or_else(overflow)
}

/// `abs(a)` for an `int`.
pub fn int_abs(a: i64) -> TextResult<i64> {
    a.checked_abs().ok_or_else(overflow)
}

/// `a << b`: `ValueError: negative shift count`.
pub fn int_lshift(a: i64, b: i64) -> TextResult<i64> {
    if b < 0 {
        return Err(TextError::value("negative shift count"));
    }
    if a == 0 {
        return Ok(0);
    }
    let shifted = (a as i128)
        .checked_shl(b.min(127) as u32)
        .filter(|_| b < 64);
    shifted
        .and_then(|v| i64::try_from(v).ok())
        .ok_or_else(overflow)
}

/// `a >> b` (floor, like Python): `ValueError: negative shift count`.
pub fn int_rshift(a: i64, b: i64) -> TextResult<i64> {
    if b < 0 {
        return Err(TextError::value("negative shift count"));
    }
    Ok(a >> b.min(63))
}

/// `a // b` for `int`s: rounds toward negative infinity.
pub fn int_floordiv(a: i64, b: i64) -> TextResult<i64> {
    if b == 0 {
        return Err(TextError::zero_division(
            "integer division or modulo by zero",
        ));
    }
    let q = a.checked_div(b).ok_or_else(overflow)?;
    Ok(if a % b != 0 && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    })
}

/// `a % b` for `int`s: the result has the divisor's sign.
pub fn int_mod(a: i64, b: i64) -> TextResult<i64> {
    if b == 0 {
        return Err(TextError::zero_division("integer modulo by zero"));
    }
    let r = a.wrapping_rem(b);
    Ok(if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    })
}

/// `divmod(a, b)` for `int`s.
pub fn int_divmod(a: i64, b: i64) -> TextResult<(i64, i64)> {
    if b == 0 {
        return Err(TextError::zero_division(
            "integer division or modulo by zero",
        ));
    }
    Ok((int_floordiv(a, b)?, int_mod(a, b)?))
}

/// `a / b` for `int`s: the correctly rounded float quotient.
pub fn int_truediv(a: i64, b: i64) -> TextResult<f64> {
    if b == 0 {
        return Err(TextError::zero_division("division by zero"));
    }
    const EXACT: u64 = 1 << 53;
    let (n, d) = (a.unsigned_abs(), b.unsigned_abs());
    let negative = (a < 0) != (b < 0);
    let magnitude = if n <= EXACT && d <= EXACT {
        n as f64 / d as f64
    } else {
        exact_quotient(n, d)
    };
    Ok(if negative { -magnitude } else { magnitude })
}

/// `n / d` rounded once, half to even: a quotient of at least 64 bits plus a sticky bit.
fn exact_quotient(n: u64, d: u64) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let shift = (n as u128).leading_zeros();
    let scaled = (n as u128) << shift;
    let q = scaled / d as u128;
    let sticky = scaled % d as u128 != 0;
    // Keep 54 significant bits of q (one guard bit), folding the rest into the sticky bit.
    let bits = 128 - q.leading_zeros();
    let drop = bits - 54;
    let mut top = (q >> drop) as u64;
    let sticky = sticky || q & ((1u128 << drop) - 1) != 0;
    let guard = top & 1;
    top >>= 1;
    if guard == 1 && (sticky || top & 1 == 1) {
        top += 1;
    }
    // top (53 or 54 bits) × 2^(drop + 1 - shift) is exact in a double.
    top as f64 * 2f64.powi(drop as i32 + 1 - shift as i32)
}

/// `a / b` for floats.
pub fn float_div(a: f64, b: f64) -> TextResult<f64> {
    if b == 0.0 {
        return Err(TextError::zero_division("float division by zero"));
    }
    Ok(a / b)
}

/// CPython's `_float_div_mod`: floor quotient and remainder with the divisor's sign.
fn div_mod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `a // b` for floats.
pub fn float_floordiv(a: f64, b: f64) -> TextResult<f64> {
    if b == 0.0 {
        return Err(TextError::zero_division("float floor division by zero"));
    }
    Ok(div_mod(a, b).0)
}

/// `a % b` for floats: the result has the divisor's sign.
pub fn float_mod(a: f64, b: f64) -> TextResult<f64> {
    if b == 0.0 {
        return Err(TextError::zero_division("float modulo"));
    }
    let m = a % b;
    Ok(if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m + b
        } else {
            m
        }
    } else {
        0f64.copysign(b)
    })
}

/// `divmod(a, b)` for floats.
pub fn float_divmod(a: f64, b: f64) -> TextResult<(f64, f64)> {
    if b == 0.0 {
        return Err(TextError::zero_division("float divmod()"));
    }
    Ok(div_mod(a, b))
}

/// The result of `int ** int`: an `int`, or a `float` for a negative exponent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PowResult {
    /// A non-negative exponent gives an `int`.
    Int(i64),
    /// A negative exponent gives a `float`.
    Float(f64),
}

/// `base ** exp` for `int`s.
pub fn int_pow(base: i64, exp: i64) -> TextResult<PowResult> {
    if exp < 0 {
        return float_pow(base as f64, exp as f64).map(PowResult::Float);
    }
    let exp = u32::try_from(exp).unwrap_or(u32::MAX);
    match base {
        0 | 1 => Ok(PowResult::Int(if exp == 0 { 1 } else { base })),
        -1 => Ok(PowResult::Int(if exp % 2 == 0 { 1 } else { -1 })),
        _ => base
            .checked_pow(exp)
            .map(PowResult::Int)
            .ok_or_else(overflow),
    }
}

/// `pow(base, exp, modulus)` for `int`s: a negative `exp` uses the modular inverse; the result
/// has the modulus's sign.
pub fn int_pow_mod(base: i64, exp: i64, modulus: i64) -> TextResult<i64> {
    if modulus == 0 {
        return Err(TextError::value("pow() 3rd argument cannot be 0"));
    }
    let m = modulus.unsigned_abs() as u128;
    let mut b = (base as i128).rem_euclid(m as i128) as u128;
    if exp < 0 {
        b = mod_inverse(b, m)
            .ok_or_else(|| TextError::value("base is not invertible for the given modulus"))?;
    }
    let mut e = exp.unsigned_abs();
    let mut r: u128 = 1 % m;
    while e > 0 {
        if e & 1 == 1 {
            r = r * b % m;
        }
        b = b * b % m;
        e >>= 1;
    }
    let r = r as i128;
    Ok((if modulus < 0 && r != 0 {
        r - m as i128
    } else {
        r
    }) as i64)
}

/// The inverse of `a` modulo `m`, when `gcd(a, m) == 1`.
fn mod_inverse(a: u128, m: u128) -> Option<u128> {
    let (mut old_r, mut r) = (a as i128, m as i128);
    let (mut old_s, mut s) = (1i128, 0i128);
    while r != 0 {
        let q = old_r / r;
        (old_r, r) = (r, old_r - q * r);
        (old_s, s) = (s, old_s - q * s);
    }
    (old_r == 1 || m == 1).then(|| old_s.rem_euclid(m as i128) as u128)
}

/// Whether `x` is an odd integer.
fn is_odd_integer(x: f64) -> bool {
    x.fract() == 0.0 && (x % 2.0).abs() == 1.0
}

/// `a ** b` for floats, with CPython's special cases. A negative base with a fractional
/// exponent has a complex result in Python, which weaklink does not model: a `ValueError`.
pub fn float_pow(a: f64, b: f64) -> TextResult<f64> {
    if b == 0.0 {
        return Ok(1.0);
    }
    if a.is_nan() {
        return Ok(a);
    }
    if b.is_nan() {
        return Ok(if a == 1.0 { 1.0 } else { b });
    }
    if b.is_infinite() {
        let v = a.abs();
        return Ok(if v == 1.0 {
            1.0
        } else if (b > 0.0) == (v > 1.0) {
            f64::INFINITY
        } else {
            0.0
        });
    }
    if a.is_infinite() {
        let odd = is_odd_integer(b);
        return Ok(match (b > 0.0, odd) {
            (true, true) => a,
            (true, false) => a.abs(),
            (false, true) => 0f64.copysign(a),
            (false, false) => 0.0,
        });
    }
    if a == 0.0 {
        if b < 0.0 {
            return Err(TextError::zero_division(
                "0.0 cannot be raised to a negative power",
            ));
        }
        return Ok(if is_odd_integer(b) { a } else { 0.0 });
    }
    let mut v = a;
    let mut negate = false;
    if v < 0.0 {
        if b != b.floor() {
            return Err(TextError::value(
                "negative number cannot be raised to a fractional power (the result is complex)",
            ));
        }
        v = -v;
        negate = is_odd_integer(b);
    }
    if v == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let r = v.powf(b);
    if r.is_infinite() {
        return Err(TextError::overflow("(34, 'Numerical result out of range')"));
    }
    Ok(if negate { -r } else { r })
}

/// `int(x)` for a float: truncation toward zero.
pub fn float_to_int(x: f64) -> TextResult<i64> {
    if x.is_nan() {
        return Err(TextError::value("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(TextError::overflow(
            "cannot convert float infinity to integer",
        ));
    }
    let t = x.trunc();
    const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
    if !(-LIMIT..LIMIT).contains(&t) {
        return Err(overflow());
    }
    Ok(t as i64)
}

/// `round(x)` for a float: the nearest `int`, ties to even.
pub fn float_round(x: f64) -> TextResult<i64> {
    float_to_int(x.round_ties_even())
}

/// `round(x, ndigits)` for a float: correctly rounded to `ndigits` decimal places (negative:
/// to tens, hundreds…), ties to even, as CPython's `double_round`.
pub fn float_round_digits(x: f64, ndigits: i64) -> TextResult<f64> {
    if !x.is_finite() || x == 0.0 || ndigits > 323 {
        return Ok(x);
    }
    if ndigits < -308 {
        return Ok(0.0 * x);
    }
    let rounded: f64 = if ndigits >= 0 {
        format!("{:.*}", ndigits as usize, x).parse().unwrap_or(x)
    } else {
        round_integer_part(x, (-ndigits) as usize)
    };
    if rounded.is_infinite() {
        return Err(TextError::overflow("rounded value too large to represent"));
    }
    Ok(rounded)
}

/// `x` rounded to a multiple of `10^k` (`k >= 1`), ties to even, from its exact decimal
/// integer part and whether it had a fraction.
fn round_integer_part(x: f64, k: usize) -> f64 {
    let digits = format!("{:.0}", x.abs().trunc());
    let fraction = x.fract() != 0.0;
    let padded = if digits.len() < k + 1 {
        format!("{}{digits}", "0".repeat(k + 1 - digits.len()))
    } else {
        digits
    };
    let (keep, rest) = padded.split_at(padded.len() - k);
    let half = {
        let first = rest.as_bytes()[0];
        let tail_zero = rest[1..].bytes().all(|b| b == b'0') && !fraction;
        match first.cmp(&b'5') {
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => {
                !tail_zero || (keep.as_bytes()[keep.len() - 1] - b'0') % 2 == 1
            }
        }
    };
    let mut keep: Vec<u8> = keep.bytes().collect();
    if half {
        let mut i = keep.len();
        loop {
            if i == 0 {
                keep.insert(0, b'1');
                break;
            }
            i -= 1;
            if keep[i] == b'9' {
                keep[i] = b'0';
            } else {
                keep[i] += 1;
                break;
            }
        }
    }
    let text = format!(
        "{}{}e{k}",
        if x < 0.0 { "-" } else { "" },
        String::from_utf8_lossy(&keep)
    );
    text.parse().unwrap_or(x)
}

/// `round(n, ndigits)` for an `int`: unchanged for `ndigits >= 0`, else to a multiple of
/// `10^-ndigits`, ties to even.
pub fn int_round_digits(n: i64, ndigits: i64) -> TextResult<i64> {
    if ndigits >= 0 {
        return Ok(n);
    }
    let Some(pow) = 10i128.checked_pow((-ndigits).min(40) as u32) else {
        return Ok(0);
    };
    let v = n as i128;
    let q = v.div_euclid(pow);
    let r = v.rem_euclid(pow);
    let twice = 2 * r;
    let q = if twice > pow || (twice == pow && q % 2 != 0) {
        q + 1
    } else {
        q
    };
    i64::try_from(q * pow).map_err(|_| overflow())
}
