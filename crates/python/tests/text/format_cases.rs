//! `format(value, spec)` for int, float and str: hand-picked specs and random combinations.

use weaklink_python::text::*;

use crate::harness::{interesting_floats, py_float, py_str, random_floats, Rng, Table};

/// Specs every kind of value is tried with, including malformed ones.
const SPECS: &[&str] = &[
    "",
    "d",
    "5",
    "05",
    "-5",
    "+5",
    " 5",
    "<5",
    ">5",
    "^5",
    "=5",
    "*^7",
    "x<010",
    "010",
    "<010",
    "=+10",
    "+010",
    "z",
    "+z#",
    "08,d",
    ",",
    "_",
    ",_",
    "_,",
    "10.2,",
    ".",
    ".x",
    "5.",
    "#",
    "a<",
    "xx",
    "s",
    "b",
    "c",
    "o",
    "x",
    "X",
    "n",
    "e",
    "E",
    "f",
    "F",
    "g",
    "G",
    "%",
    "#b",
    "#o",
    "#x",
    "#X",
    "_b",
    "_x",
    "#_x",
    "=#10x",
    "#010x",
    "^#10b",
    ",d",
    "_d",
    ",x",
    ",b",
    "12,",
    "012,",
    "020_",
    ".2",
    ".0",
    ".3f",
    ".2e",
    ".10g",
    "#.0f",
    "#.0e",
    "#g",
    "#.3",
    "#.0",
    ".1%",
    "10.3%",
    "+.2f",
    " .2f",
    "z.1f",
    "z.0f",
    "z.2e",
    "z.3g",
    "z",
    "0=10",
    "0<10",
    "é^9",
    "\u{1f600}>6",
    "٥",
    "٥٥d",
    ".٣f",
    "\u{7f}",
    "é",
    "\u{1}",
    "12345678901234567890",
    ".12345678901234567890",
    "<",
    "<<",
    "><",
    ",.2f",
    "_.3f",
    ",.0f",
    ",g",
    ",e",
    ",%",
    "_n",
    ",n",
    ",c",
    ",s",
    "10.5",
    "^10.5",
    ".5s",
    "-^11,.3f",
    "+,",
    "#,x",
    "#_o",
    "0,",
    "0_",
    "020,.2f",
    "20,",
    "^020,",
    "<020,",
    "=020,",
    "30.20f",
    ".25e",
    ".17g",
    ".16",
    ".17",
    ".100f",
    "-.0%",
    "=^",
    "0=",
    "z,",
    "5c",
    "05c",
    "^5c",
    "+c",
    "#c",
    ".2c",
    "z.2c",
    "  ",
    " ",
    " 5",
    "+s",
    "#s",
    "=s",
    "z5s",
    ".0s",
    ".100",
];

/// A random spec built from each optional part in order, sometimes with a stray character.
fn random_spec(rng: &mut Rng) -> String {
    let mut s = String::new();
    let mut part = |choices: &[&str]| {
        let c = *rng.pick(choices);
        s.push_str(c);
    };
    part(&["", "", "", "<", ">", "^", "=", "*<", "0>", "x^", "_="]);
    part(&["", "", "+", "-", " "]);
    part(&["", "", "", "z"]);
    part(&["", "", "#"]);
    part(&["", "", "0"]);
    part(&["", "", "1", "7", "12", "20"]);
    part(&["", "", "", ",", "_"]);
    part(&["", "", ".0", ".1", ".3", ".12"]);
    part(&[
        "", "", "d", "x", "X", "b", "o", "c", "n", "e", "E", "f", "F", "g", "G", "%", "s",
    ]);
    s
}

fn all_specs() -> Vec<String> {
    let mut specs: Vec<String> = SPECS.iter().map(|s| s.to_string()).collect();
    let mut rng = Rng::new(7);
    specs.extend((0..150).map(|_| random_spec(&mut rng)));
    specs
}

#[test]
fn format_int_matches_python() {
    let mut t = Table::new("format(int, spec)");
    let values = [
        0i64,
        1,
        -1,
        7,
        42,
        -42,
        65,
        255,
        1000,
        -1000,
        1234567,
        -1234567,
        0x10ffff,
        0x110000,
        i64::MAX,
        i64::MIN,
        9_007_199_254_740_993,
    ];
    for spec in all_specs() {
        for &v in &values {
            t.check(
                format!("format({v}, {})", py_str(&spec)),
                format_int(v, &spec),
            );
        }
    }
    for spec in ["d", "q", "x", "", "5", "^7", ".2f"] {
        t.check(
            format!("format(True, {})", py_str(spec)),
            format_int_named(1, spec, "bool"),
        );
        t.check(
            format!("format(False, {})", py_str(spec)),
            format_int_named(0, spec, "bool"),
        );
    }
    t.run();
}

#[test]
fn format_float_matches_python() {
    let mut t = Table::new("format(float, spec)");
    let mut rng = Rng::new(8);
    let mut values = interesting_floats();
    values.extend(random_floats(&mut rng, 40));
    let specs = all_specs();
    for (i, spec) in specs.iter().enumerate() {
        for (j, &v) in values.iter().enumerate() {
            // Every spec with a spread of values, so the table stays a few thousand cases.
            if (i + j) % 7 == 0 || j < 12 {
                t.check(
                    format!("format({}, {})", py_float(v), py_str(spec)),
                    format_float(v, spec),
                );
            }
        }
    }
    t.run();
}

#[test]
fn format_str_matches_python() {
    let mut t = Table::new("format(str, spec)");
    let values = [
        "",
        "a",
        "ab",
        "abc",
        "hello world",
        "日本語",
        "é\u{301}",
        "\u{1f600}x",
    ];
    for spec in all_specs() {
        for v in values {
            t.check(
                format!("format({}, {})", py_str(v), py_str(&spec)),
                format_str(v, &spec),
            );
        }
    }
    t.run();
}
