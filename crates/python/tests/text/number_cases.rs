//! `int(str)`, `float(str)`, `bin`/`oct`/`hex`, and arithmetic against python3. Python's
//! unbounded ints are checked against weaklink's 64 bits by `I(...)`.

use weaklink_python::text::*;

use crate::harness::{interesting_floats, py_float, py_str, random_floats, Rng, Table};

/// `I(v)`: python3's value, or weaklink's `OverflowError` when an `int` leaves 64 bits.
const INT_CHECK: &str = "def I(v):\n\
    \x20   if type(v) is int and not -2**63 <= v < 2**63:\n\
    \x20       raise OverflowError(\"int too large: weaklink's ints hold 64 bits\")\n\
    \x20   return v";

fn show_float(r: TextResult<f64>) -> TextResult<String> {
    r.map(float_repr)
}

#[test]
fn int_and_float_parsing_match_python() {
    let mut t = Table::new("int(str, base) and float(str)");
    t.setup(INT_CHECK);
    let texts = [
        "0",
        "7",
        "-7",
        "+7",
        " 42 ",
        "\t-0\n",
        "0x1f",
        "0X1F",
        "0o17",
        "0b101",
        "0b_1",
        "0x_1f",
        "0x__1",
        "1_000",
        "1__000",
        "_1",
        "1_",
        "012",
        "00",
        "0_0",
        "000_000",
        "-0x10",
        "0x",
        "0b",
        "",
        " ",
        "abc",
        "z",
        "Z",
        "zz",
        "12a",
        "+ 1",
        "--1",
        "1 2",
        "١٢٣",
        "\u{a0}5\u{3000}",
        "\x1c5",
        "5\u{85}",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "0x7fffffffffffffff",
        "0x8000000000000000",
        "99999999999999999999",
        "1e5",
        "1.5",
        "inf",
        "nan",
        "-inf",
        "Infinity",
        "+nan",
        "1_000.5",
        "1__0.5",
        "1_.5",
        "1._5",
        "1e1_0",
        ".",
        "1.",
        ".5",
        "1e",
        "1e+",
        "e5",
        "+.5e-3",
        "١.٥",
        "0x1p3",
        "1e500",
        "-1e-500",
        "infinityx",
        "in",
        "  -iNF ",
        "1E+05",
        "nan(1)",
        "4.9e-324",
        "2.5e-324",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "0.1",
        "123456789012345678901234567890",
        "\u{1f600}",
        "1\u{1f600}",
    ];
    for text in texts {
        let p = py_str(text);
        for base in [10u32, 0, 2, 8, 16, 36] {
            t.check(format!("I(int({p}, {base}))"), int_from_str(text, base));
        }
        t.check(format!("float({p})"), show_float(float_from_str(text)));
    }
    for base in [1u32, 37] {
        t.check(format!("int('1', {base})"), int_from_str("1", base));
    }
    let long = "1".repeat(5000);
    t.check(format!("int('{long}')"), int_from_str(&long, 10));
    let junk = "a".repeat(300);
    t.check(format!("int('{junk}')"), int_from_str(&junk, 10));
    t.check(
        format!("float('{junk}')"),
        show_float(float_from_str(&junk)),
    );
    let mut rng = Rng::new(3);
    for x in interesting_floats()
        .into_iter()
        .chain(random_floats(&mut rng, 200))
    {
        let text = float_repr(x);
        t.check(
            format!("float({})", py_str(&text)),
            show_float(float_from_str(&text)),
        );
    }
    for n in [0i64, 1, -1, 5, -5, 255, 4096, i64::MAX, i64::MIN] {
        t.ok(format!("bin({n})"), int_bin(n));
        t.ok(format!("oct({n})"), int_oct(n));
        t.ok(format!("hex({n})"), int_hex(n));
        t.ok(format!("repr({n})"), int_repr(n));
    }
    t.run();
}

/// Integers arithmetic is tried on: small, signs, near the 64-bit edges.
fn int_operands(rng: &mut Rng) -> Vec<i64> {
    let mut v = vec![
        0,
        1,
        -1,
        2,
        -2,
        3,
        -3,
        7,
        -7,
        10,
        -10,
        25,
        -25,
        15,
        100,
        1 << 31,
        (1 << 53) + 1,
        i64::MAX,
        i64::MIN,
        i64::MAX - 1,
        i64::MIN + 1,
        3037000499,
        3037000500,
    ];
    for _ in 0..12 {
        v.push(rng.next_u64() as i64 >> rng.below(63));
    }
    v
}

#[test]
fn int_arithmetic_matches_python() {
    let mut t = Table::new("int arithmetic");
    t.setup(INT_CHECK);
    let mut rng = Rng::new(4);
    let ops = int_operands(&mut rng);
    for &a in &ops {
        t.check(format!("I(-({a}))"), int_neg(a));
        t.check(format!("I(abs({a}))"), int_abs(a));
        t.check(format!("I(round({a}))"), Ok::<_, TextError>(a));
        for nd in [-1, -2, -5, -19, -20, -100, 0, 3] {
            t.check(format!("I(round({a}, {nd}))"), int_round_digits(a, nd));
        }
        for &b in &ops {
            t.check(format!("I({a} + {b})"), int_add(a, b));
            t.check(format!("I({a} - {b})"), int_sub(a, b));
            t.check(format!("I({a} * {b})"), int_mul(a, b));
            t.check(format!("I({a} // {b})"), int_floordiv(a, b));
            t.check(format!("I({a} % {b})"), int_mod(a, b));
            let dm = int_divmod(a, b).map(|(q, r)| format!("{q}|{r}"));
            t.check(format!("tuple(map(I, divmod({a}, {b})))"), dm);
            t.check(format!("{a} / {b}"), show_float(int_truediv(a, b)));
            if (-70..70).contains(&b) {
                t.check(format!("I({a} << {b})"), int_lshift(a, b));
                t.check(format!("I({a} >> {b})"), int_rshift(a, b));
                let p = int_pow(a, b).map(|r| match r {
                    PowResult::Int(n) => n.to_string(),
                    PowResult::Float(x) => float_repr(x),
                });
                t.check(format!("I(({a}) ** ({b}))"), p);
            }
            for m in [7, -7, 1, 0, 1_000_000_007, i64::MAX] {
                if (-70..70).contains(&b) || b == i64::MAX {
                    t.check(format!("I(pow({a}, {b}, {m}))"), int_pow_mod(a, b, m));
                }
            }
        }
    }
    t.run();
}

#[test]
fn float_arithmetic_matches_python() {
    let mut t = Table::new("float arithmetic and round");
    t.setup(INT_CHECK);
    let mut rng = Rng::new(6);
    let mut xs = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        2.0,
        -2.0,
        0.5,
        -0.5,
        1.5,
        2.5,
        -2.5,
        3.0,
        7.5,
        -7.5,
        0.1,
        1e300,
        -1e300,
        1e-300,
        5e-324,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        1.0 / 3.0,
        10.0,
        0.125,
        2.675,
        1.005,
        1e16,
        9.2e18,
        -9.3e18,
        123.456,
        1e22,
        0.3333,
    ];
    xs.extend(random_floats(&mut rng, 12));
    for &a in &xs {
        let pa = py_float(a);
        t.check(format!("I(int({pa}))"), float_to_int(a));
        t.check(format!("I(round({pa}))"), float_round(a));
        for nd in [
            0, 1, 2, 3, 5, 10, 17, 300, 400, -1, -2, -3, -16, -22, -308, -309, -400,
        ] {
            t.check(
                format!("round({pa}, {nd})"),
                show_float(float_round_digits(a, nd)),
            );
        }
        for &b in &xs {
            let pb = py_float(b);
            t.check(format!("{pa} / {pb}"), show_float(float_div(a, b)));
            t.check(format!("{pa} // {pb}"), show_float(float_floordiv(a, b)));
            t.check(format!("{pa} % {pb}"), show_float(float_mod(a, b)));
            let dm =
                float_divmod(a, b).map(|(q, r)| format!("{}|{}", float_repr(q), float_repr(r)));
            t.check(format!("divmod({pa}, {pb})"), dm);
            t.check(
                format!("nocomplex(lambda: {pa} ** {pb})"),
                show_float(float_pow(a, b)),
            );
        }
    }
    t.setup(
        "def nocomplex(f):\n\
         \x20   complex_error = ValueError('negative number cannot be raised to a fractional power (the result is complex)')\n\
         \x20   try:\n\
         \x20       v = f()\n\
         \x20   except OverflowError as e:\n\
         \x20       if str(e) == 'complex exponentiation': raise complex_error\n\
         \x20       raise\n\
         \x20   if type(v) is complex: raise complex_error\n\
         \x20   return v",
    );
    t.run();
}
