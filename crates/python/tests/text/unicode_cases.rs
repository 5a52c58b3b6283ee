//! Every assigned code point (CPython 3.11's Unicode 14.0) through the per-character case
//! mappings and predicates, against python3. Rust's `char` tables follow a newer Unicode
//! version; this catches every character whose case changed since 14.0.

use weaklink_python::text::*;

use crate::harness::python_records;

/// Python's answer for every code point, as `code:value` lines for the characters where
/// `expr` (over `c`) is not `None`; unassigned code points and surrogates are skipped.
fn python_table(expr: &str) -> Vec<String> {
    let body = format!(
        "import unicodedata\n\
         out = []\n\
         for i in range(0x110000):\n\
         \x20   if 0xd800 <= i < 0xe000: continue\n\
         \x20   c = chr(i)\n\
         \x20   if unicodedata.category(c) == 'Cn': continue\n\
         \x20   v = {expr}\n\
         \x20   if v is not None: out.append(f'{{i:x}}:{{v}}')\n\
         s = '\\n'.join(out)\n\
         sys.stdout.write(f'{{len(s)}}:{{s}}')\n"
    );
    python_records(&body)[0]
        .lines()
        .map(str::to_string)
        .collect()
}

/// The assigned code points (CPython 3.11).
fn assigned() -> Vec<char> {
    python_table("''")
        .iter()
        .filter_map(|line| u32::from_str_radix(line.trim_end_matches(':'), 16).ok())
        .filter_map(char::from_u32)
        .collect()
}

/// The differences between python3's and Rust's lines, empty when they agree.
fn compare(name: &str, python: Vec<String>, rust: Vec<String>) -> String {
    let py: std::collections::BTreeSet<&String> = python.iter().collect();
    let rs: std::collections::BTreeSet<&String> = rust.iter().collect();
    let only_py: Vec<&&String> = py.difference(&rs).take(20).collect();
    let only_rs: Vec<&&String> = rs.difference(&py).take(20).collect();
    println!(
        "{name}: {} characters have a mapping or property in python3",
        python.len()
    );
    if only_py.is_empty() && only_rs.is_empty() {
        return String::new();
    }
    format!("{name}: python3 only {only_py:?}; rust only {only_rs:?}\n")
}

#[test]
fn case_mappings_of_every_character_match_python() {
    let chars = assigned();
    type Mapping = fn(&str) -> String;
    let mappings: [(&str, Mapping); 5] = [
        ("upper", upper),
        ("lower", lower),
        ("title", title),
        ("casefold", casefold),
        ("swapcase", swapcase),
    ];
    let mut failures = String::new();
    for (name, f) in mappings {
        let python = python_table(&format!("c.{name}() if c.{name}() != c else None"));
        let rust: Vec<String> = chars
            .iter()
            .filter_map(|&c| {
                let s = c.to_string();
                let m = f(&s);
                (m != s).then(|| format!("{:x}:{m}", c as u32))
            })
            .collect();
        failures += &compare(name, python, rust);
    }
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn predicates_of_every_character_match_python() {
    let chars = assigned();
    type Predicate = fn(&str) -> bool;
    let preds: [(&str, Predicate); 4] = [
        ("isupper", str_isupper),
        ("islower", str_islower),
        ("istitle", str_istitle),
        ("isspace", str_isspace),
    ];
    let mut failures = String::new();
    for (name, f) in preds {
        let python = python_table(&format!("'' if c.{name}() else None"));
        let rust: Vec<String> = chars
            .iter()
            .filter(|&&c| f(&c.to_string()))
            .map(|&c| format!("{:x}:", c as u32))
            .collect();
        failures += &compare(name, python, rust);
    }
    assert!(failures.is_empty(), "{failures}");
}
