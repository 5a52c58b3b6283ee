//! `repr(float)`, `repr(str)`, `ascii(str)` and the Unicode predicate tables.

use weaklink_python::text::*;

use crate::harness::{interesting_floats, py_float, py_str, random_floats, Rng, Table};

#[test]
fn float_repr_matches_python() {
    let mut t = Table::new("repr(float)");
    let mut rng = Rng::new(1);
    let mut floats = interesting_floats();
    floats.extend(random_floats(&mut rng, 400));
    // Every power of two (their round-trip interval is lopsided) and short binary fractions
    // (decimal ties are frequent among them).
    floats.extend((-1074..1024).map(|e| 2f64.powi(e)));
    for _ in 0..1500 {
        let mantissa = rng.next_u64() & 0xff;
        let exp = rng.below(120) as i32 - 60;
        floats.push((1u64 << 52 | mantissa << 44) as f64 * 2f64.powi(exp - 52));
    }
    for x in floats {
        t.ok(format!("repr({})", py_float(x)), float_repr(x));
    }
    t.run();
}

/// Strings with every kind of escape: quotes, controls, Latin-1, non-printable BMP and astral.
fn repr_strings() -> Vec<String> {
    let mut v: Vec<String> = [
        "",
        "a",
        "'",
        "\"",
        "'\"",
        "it's",
        "say \"hi\"",
        "both ' and \"",
        "\\",
        "a\\b",
        "\n",
        "\r\n\t",
        "\x00",
        "\x07\x08\x0b\x0c",
        "\x1b[0m",
        "\x7f",
        "\u{80}",
        "\u{9f}",
        "\u{a0}",
        "\u{a1}",
        "\u{ad}",
        "é",
        "ÿ",
        "naïve café",
        "\u{100}",
        "\u{2028}",
        "\u{2029}",
        "\u{200b}",
        "\u{feff}",
        "\u{fffd}",
        "\u{ffff}",
        "\u{e000}",
        "日本語",
        "😀",
        "\u{1f600}\u{1f3fb}",
        "\u{10ffff}",
        "\u{e0001}",
        "\u{1d400}",
        "\u{3000}",
        "\u{2000}",
        "\u{61c}",
        "\u{378}",
        "tab\there",
        "back\\slash 'quote'",
        "Ω≈ç√∫",
        "\u{0301}e",
        "\u{0600}",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rng = Rng::new(2);
    for _ in 0..200 {
        let len = rng.below(6);
        let s: String = (0..len)
            .filter_map(|_| {
                let range = *rng.pick(&[0x80u32, 0x100, 0x800, 0x3000, 0x10000, 0x110000]);
                char::from_u32(rng.next_u64() as u32 % range)
            })
            .collect();
        v.push(s);
    }
    v
}

#[test]
fn str_repr_matches_python() {
    let mut t = Table::new("repr(str) and ascii(str)");
    for s in repr_strings() {
        t.ok(format!("repr({})", py_str(&s)), str_repr(&s));
        t.ok(format!("ascii({})", py_str(&s)), str_ascii(&s));
    }
    t.run();
}

/// Every code point's `isprintable`, `isdecimal`, `isdigit`, `isnumeric`, as ranges where the
/// answers change, against the same from python3.
#[test]
fn unicode_predicates_match_python_for_every_code_point() {
    type Predicate = fn(char) -> bool;
    let preds: [(&str, Predicate); 4] = [
        ("isprintable", is_printable),
        ("isdecimal", is_decimal),
        ("isdigit", is_digit),
        ("isnumeric", is_numeric),
    ];
    let mut t = Table::new("unicode predicates");
    t.setup(
        "def flips(name):\n\
         \x20   out, last = [], False\n\
         \x20   for i in range(0x110000):\n\
         \x20       if 0xd800 <= i < 0xe000: continue\n\
         \x20       if getattr(chr(i), name)() != last:\n\
         \x20           out.append(str(i)); last = not last\n\
         \x20   return ','.join(out)",
    );
    for (name, pred) in preds {
        let mut flips = Vec::new();
        let mut last = false;
        for c in (0..0x110000u32).filter_map(char::from_u32) {
            if pred(c) != last {
                flips.push((c as u32).to_string());
                last = !last;
            }
        }
        t.ok(format!("flips('{name}')"), flips.join(","));
    }
    t.run();
}

/// The generator of `src/text/tables.rs`: the Unicode tables of this python3, as Rust.
const TABLES_SCRIPT: &str = r#"
# Emits crates/python/src/text/tables.rs from this python3's unicodedata.
import sys, unicodedata
def ranges(pred, lo=0, hi=0x110000):
    r=[];start=None
    for c in range(lo,hi):
        p=pred(chr(c))
        if p and start is None: start=c
        if not p and start is not None: r.append((start,c-1)); start=None
    if start is not None: r.append((start,hi-1))
    return r
def emit(name, doc, rs, ty):
    out=[f"/// {doc}", f"pub(crate) static {name}: &[({ty}, {ty})] = &["]
    line="   "
    for a,b in rs:
        item=f" (0x{a:X}, 0x{b:X}),"
        if len(line)+len(item)>100:
            out.append(line); line="   "
        line+=item
    out.append(line); out.append("];"); out.append("")
    return "\n".join(out)
np=lambda c: not c.isprintable()
parts=["//! Unicode property tables of CPython 3.11 (Unicode %s), as inclusive code point ranges." % unicodedata.unidata_version,
"//!",
"//! Generated from python3's `str` predicates by the script in `tests/text/repr_cases.rs`,",
"//! whose test checks this file is what python3 generates (`WL_WRITE_TABLES=1` rewrites it).",
""]
parts.append(emit("NONPRINTABLE_BMP","Code points below U+10000 for which `str.isprintable()` is false.",ranges(np,0,0x10000),"u16"))
parts.append(emit("NONPRINTABLE_ASTRAL","Code points from U+10000 on for which `str.isprintable()` is false.",ranges(np,0x10000),"u32"))
parts.append(emit("DECIMAL","Code points for which `str.isdecimal()` is true (category Nd).",ranges(str.isdecimal),"u32"))
parts.append(emit("DIGIT_EXTRA","Code points for which `str.isdigit()` is true but `str.isdecimal()` is false.",ranges(lambda c: c.isdigit() and not c.isdecimal()),"u32"))
parts.append(emit("NUMERIC_EXTRA","Code points for which `str.isnumeric()` is true but `str.isdigit()` is false.",ranges(lambda c: c.isnumeric() and not c.isdigit()),"u32"))
text = "\n".join(parts).rstrip() + "\n"
sys.stdout.write(f"{len(text)}:{text}")
"#;

/// `src/text/tables.rs` is exactly what [`TABLES_SCRIPT`] generates with python3; with
/// `WL_WRITE_TABLES=1` the test rewrites it instead.
#[test]
fn unicode_tables_are_generated_by_python() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/text/tables.rs");
    let generated = crate::harness::python_records(TABLES_SCRIPT).remove(0);
    if std::env::var_os("WL_WRITE_TABLES").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let current = std::fs::read_to_string(path).unwrap();
    assert!(
        current == generated,
        "src/text/tables.rs is stale: rerun with WL_WRITE_TABLES=1"
    );
}
