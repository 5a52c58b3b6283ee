//! Built-in functions on numbers and characters: `chr`, `ord`, `round`, `divmod`, `pow`,
//! `bin`, `oct`, `hex` and `format`, with CPython's messages.

use weaklink_heap::{Name, ObjId};

use super::args::expect_args;
use super::{PyResult, Vm};

fn chr(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "chr", args, 1)?;
    let Some(code) = vm.as_int(args[0]) else {
        let t = vm.type_name(args[0]);
        return vm.type_error(format!("'{t}' object cannot be interpreted as an integer"));
    };
    match u32::try_from(code).ok().and_then(char::from_u32) {
        Some(c) => Ok(vm.new_str(c.encode_utf8(&mut [0; 4]))),
        None if (0..=0x10ffff).contains(&code) => {
            // A lone surrogate: CPython makes a str of it; Rust text cannot hold one.
            vm.value_error("chr() arg is a surrogate, which weaklink's str cannot hold")
        }
        None => vm.value_error("chr() arg not in range(0x110000)"),
    }
}

fn ord(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "ord", args, 1)?;
    let Some(text) = vm.as_str(args[0]) else {
        let t = vm.type_name(args[0]);
        return vm.type_error(format!("ord() expected string of length 1, but {t} found"));
    };
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(vm.new_int(i64::from(u32::from(c)))),
        _ => {
            let n = text.chars().count();
            vm.type_error(format!(
                "ord() expected a character, but string of length {n} found"
            ))
        }
    }
}

/// `round(number[, ndigits])`: halves go to the even neighbour, and a float is rounded as
/// its exact binary value is (so `round(2.675, 2)` is `2.67`).
fn round(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    if !kwnames.is_empty() || args.is_empty() || args.len() > 2 {
        let n = args.len();
        return vm.type_error(format!("round() takes at most 2 arguments ({n} given)"));
    }
    let ndigits = match args.get(1) {
        Some(&d) if !vm.is_none(d) => match vm.as_int(d) {
            Some(d) => Some(d),
            None => {
                let t = vm.type_name(d);
                return vm.type_error(format!("'{t}' object cannot be interpreted as an integer"));
            }
        },
        _ => None,
    };
    let x = args[0];
    if vm.is_long(x) {
        // Rounding to tens and beyond needs 64-bit ints; a big int keeps its value otherwise.
        let value = vm.big_value(x).expect("an int");
        return match ndigits {
            Some(d) if d < 0 => {
                let unit = crate::text::BigInt::from_i64(10).pow(d.unsigned_abs());
                let unit = vm.text_result(unit)?;
                let (q, r) = value.divmod(&unit).expect("a nonzero unit");
                let twice = r.add(&r);
                let up = match twice.compare(&unit) {
                    std::cmp::Ordering::Greater => true,
                    std::cmp::Ordering::Equal => q.digits.first().is_some_and(|d| d & 1 == 1),
                    std::cmp::Ordering::Less => false,
                };
                let q = if up {
                    q.add(&crate::text::BigInt::from_i64(1))
                } else {
                    q
                };
                let rounded = vm.text_result(q.mul(&unit))?;
                Ok(vm.new_big(rounded))
            }
            _ => Ok(vm.new_big(value)),
        };
    }
    if let Some(i) = vm.as_int(x) {
        let rounded = match ndigits {
            Some(d) if d < 0 => round_int(i, d.unsigned_abs()),
            _ => i,
        };
        return Ok(vm.new_int(rounded));
    }
    let Some(f) = vm.as_float(x) else {
        let t = vm.type_name(x);
        return vm.type_error(format!("type {t} doesn't define __round__ method"));
    };
    match ndigits {
        None => {
            if !f.is_finite() {
                let what = if f.is_nan() {
                    ("ValueError", "cannot convert float NaN to integer")
                } else {
                    ("OverflowError", "cannot convert float infinity to integer")
                };
                return vm.raise(what.0, what.1);
            }
            let r = f.round_ties_even();
            if r.abs() >= 9.2e18 {
                return vm.raise("OverflowError", "int too large for weaklink's 64-bit ints");
            }
            Ok(vm.new_int(r as i64))
        }
        Some(d) => Ok(vm.new_float(round_float(f, d))),
    }
}

/// `round(i, -digits)` for an int: to a multiple of `10**digits`, halves to even.
fn round_int(i: i64, digits: u64) -> i64 {
    let Some(unit) = u32::try_from(digits)
        .ok()
        .and_then(|d| 10i64.checked_pow(d))
    else {
        return 0;
    };
    let (q, r) = (i.div_euclid(unit), i.rem_euclid(unit));
    let up = 2 * r > unit || (2 * r == unit && q % 2 != 0);
    (q + i64::from(up)) * unit
}

/// `round(f, ndigits)` for a float: correctly rounded through decimal text, as CPython's
/// `double_round` does.
fn round_float(f: f64, ndigits: i64) -> f64 {
    if !f.is_finite() || ndigits > 323 {
        return f;
    }
    if ndigits >= 0 {
        return format!("{f:.*}", ndigits as usize).parse().unwrap_or(f);
    }
    if ndigits < -308 {
        return 0.0 * f;
    }
    let unit = 10f64.powi((-ndigits) as i32);
    let r = (f / unit).round_ties_even() * unit;
    if r == 0.0 {
        0.0 * f
    } else {
        r
    }
}

/// `bin`, `oct` and `hex`: the int in base 2, 8 or 16 with its prefix.
fn in_base(vm: &mut Vm, name: &str, args: &[ObjId]) -> PyResult<ObjId> {
    expect_args(vm, name, args, 1)?;
    let Some(i) = vm.as_int(args[0]) else {
        let t = vm.type_name(args[0]);
        return vm.type_error(format!("'{t}' object cannot be interpreted as an integer"));
    };
    let sign = if i < 0 { "-" } else { "" };
    let magnitude = i.unsigned_abs();
    let text = match name {
        "bin" => format!("{sign}0b{magnitude:b}"),
        "oct" => format!("{sign}0o{magnitude:o}"),
        _ => format!("{sign}0x{magnitude:x}"),
    };
    Ok(vm.new_str(&text))
}

fn bin(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    in_base(vm, "bin", args)
}

fn oct(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    in_base(vm, "oct", args)
}

fn hex(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    in_base(vm, "hex", args)
}

/// `format(value[, format_spec])`.
fn format(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    if !kwnames.is_empty() || args.is_empty() || args.len() > 2 {
        let n = args.len();
        return vm.type_error(format!("format expected at most 2 arguments, got {n}"));
    }
    let spec = match args.get(1) {
        Some(&s) => match vm.as_str(s) {
            Some(text) => text.to_string(),
            None => {
                let t = vm.type_name(s);
                return vm.type_error(format!("format() argument 2 must be str, not {t}"));
            }
        },
        None => String::new(),
    };
    let text = vm.format_object(args[0], &spec)?;
    Ok(vm.new_str(&text))
}

/// `divmod(a, b)`: floor quotient and remainder, for ints of any size and floats.
fn divmod(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "divmod", args, 2)?;
    let (a, b) = (args[0], args[1]);
    let (q, r) = if let (Some(x), Some(y)) = (vm.as_int(a), vm.as_int(b)) {
        match crate::text::int_divmod(x, y) {
            Ok((q, r)) => (vm.new_int(q), vm.new_int(r)),
            // `i64::MIN // -1`: the quotient needs more than 64 bits.
            Err(e) if e.kind == crate::text::ErrorKind::Overflow => big_divmod(vm, a, b)?,
            Err(e) => return vm.text_result(Err(e)),
        }
    } else if vm.big_value(a).is_some() && vm.big_value(b).is_some() {
        big_divmod(vm, a, b)?
    } else {
        let number = |vm: &mut Vm, x: ObjId| -> PyResult<Option<f64>> {
            if vm.as_float(x).is_some() || vm.big_value(x).is_some() {
                vm.float_of(x).map(Some)
            } else {
                Ok(None)
            }
        };
        match (number(vm, a)?, number(vm, b)?) {
            (Some(x), Some(y)) => {
                let (q, r) = vm.text_result(crate::text::float_divmod(x, y))?;
                (vm.new_float(q), vm.new_float(r))
            }
            _ => {
                let (ta, tb) = (vm.type_name(a), vm.type_name(b));
                return vm.type_error(format!(
                    "unsupported operand type(s) for divmod(): '{ta}' and '{tb}'"
                ));
            }
        }
    };
    Ok(vm.new_tuple(vec![q, r]))
}

/// `divmod` of two ints of any size, as new references.
fn big_divmod(vm: &mut Vm, a: ObjId, b: ObjId) -> PyResult<(ObjId, ObjId)> {
    let (x, y) = (vm.big_value(a), vm.big_value(b));
    let Some((q, r)) = x.zip(y).and_then(|(x, y)| x.divmod(&y)) else {
        return vm.raise("ZeroDivisionError", "integer division or modulo by zero");
    };
    Ok((vm.new_big(q), vm.new_big(r)))
}

/// `pow(base, exp[, mod])`.
fn pow(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    if !kwnames.is_empty() || !(2..=3).contains(&args.len()) {
        let n = args.len();
        return vm.type_error(format!("pow expected 2 or 3 arguments, got {n}"));
    }
    let Some(&modulus) = args.get(2).filter(|&&m| !vm.is_none(m)) else {
        return vm.binary_op(crate::compile::BinOp::Pow, false, args[0], args[1]);
    };
    let values: Vec<_> = [args[0], args[1], modulus]
        .iter()
        .map(|&x| vm.big_value(x))
        .collect();
    let [Some(base), Some(exp), Some(m)] = <[_; 3]>::try_from(values).unwrap_or([None, None, None])
    else {
        return vm.type_error("pow() 3rd argument not allowed unless all arguments are integers");
    };
    if let (Some(b), Some(e), Some(m)) = (base.to_i64(), exp.to_i64(), m.to_i64()) {
        let r = vm.text_result(crate::text::int_pow_mod(b, e, m))?;
        return Ok(vm.new_int(r));
    }
    if m.is_zero() {
        return vm.value_error("pow() 3rd argument cannot be 0");
    }
    if exp.negative {
        return vm
            .value_error("pow() with a negative exponent is limited to 64-bit ints in weaklink");
    }
    // Square and multiply, reducing modulo `m` at each step; the result takes m's sign.
    let reduce = |x: crate::text::BigInt| x.divmod(&m).map(|(_, r)| r).unwrap_or(x);
    let mut result = reduce(crate::text::BigInt::from_i64(1));
    let mut square = reduce(base);
    let bits = exp.bit_length();
    for i in 0..bits {
        if (exp.digits[(i / 30) as usize] >> (i % 30)) & 1 == 1 {
            result = reduce(vm.text_result(result.mul(&square))?);
        }
        square = reduce(vm.text_result(square.mul(&square))?);
    }
    Ok(vm.new_big(result))
}

/// Registers the functions.
pub(crate) fn install(vm: &mut Vm, builtins: ObjId) {
    let functions: &[(&'static str, super::builtins::NativeFn)] = &[
        ("chr", chr),
        ("ord", ord),
        ("round", round),
        ("bin", bin),
        ("oct", oct),
        ("hex", hex),
        ("format", format),
        ("divmod", divmod),
        ("pow", pow),
    ];
    vm.define_natives(builtins, functions);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_round_to_even_multiples() {
        let cases = [
            (15, 1, 20),
            (25, 1, 20),
            (-15, 1, -20),
            (-25, 1, -20),
            (149, 2, 100),
            (150, 2, 200),
            (250, 2, 200),
            (7, 30, 0),
        ];
        for (i, digits, expected) in cases {
            assert_eq!(round_int(i, digits), expected, "round({i}, -{digits})");
        }
    }
}
