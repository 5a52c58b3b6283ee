//! Running one Python script per table and comparing its records with Rust's outcomes.

use std::io::Write;
use std::process::{Command, Stdio};

use weaklink_python::text::TextError;

/// Definitions every generated script starts with: `run` prints one record per case.
const PRELUDE: &str = r#"
import sys, struct
sys.stdout.reconfigure(encoding="utf-8", errors="surrogatepass", newline="")
def F(bits):
    return struct.unpack("<d", bits.to_bytes(8, "little"))[0]
def run(f):
    try:
        r = f()
        if isinstance(r, tuple):
            r = "|".join(str(x) for x in r)
        out = "ok:" + str(r)
    except Exception as e:
        out = "err:" + type(e).__name__ + (": " + str(e) if str(e) else "")
    sys.stdout.write(str(len(out)) + ":" + out)
"#;

/// Runs `body` after the prelude in `python3` and returns its records (each written as its
/// length in characters, a colon, and the text).
pub fn python_records(body: &str) -> Vec<String> {
    let mut child = Command::new("python3")
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 must be on PATH");
    let script = format!("{PRELUDE}\n{body}");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "python3 failed on the generated script"
    );
    let text = String::from_utf8(output.stdout).expect("python3 wrote UTF-8");
    let mut records = Vec::new();
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let (len, tail) = rest
            .split_once(':')
            .expect("a record starts with its length");
        let len: usize = len.parse().expect("a record length");
        let end = tail.char_indices().nth(len).map_or(tail.len(), |(i, _)| i);
        records.push(tail[..end].to_string());
        rest = &tail[end..];
    }
    records
}

/// A record as the Python side writes it.
pub fn record<T: std::fmt::Display>(outcome: Result<T, TextError>) -> String {
    match outcome {
        Ok(value) => format!("ok:{value}"),
        Err(e) => format!("err:{e}"),
    }
}

/// One table: Python expressions paired with what Rust gave for them.
pub struct Table {
    name: &'static str,
    setup: String,
    cases: Vec<(String, String)>,
}

impl Table {
    /// An empty table called `name` (shown in the report).
    pub fn new(name: &'static str) -> Self {
        Table {
            name,
            setup: String::new(),
            cases: Vec::new(),
        }
    }

    /// Adds Python definitions the table's expressions use.
    pub fn setup(&mut self, code: &str) {
        self.setup.push_str(code);
        self.setup.push('\n');
    }

    /// Adds a case: `python` is an expression whose value (or exception) CPython reports;
    /// `rust` is the record the Rust side produced.
    pub fn case(&mut self, python: impl Into<String>, rust: impl Into<String>) {
        self.cases.push((python.into(), rust.into()));
    }

    /// Adds a case whose Rust outcome is a result.
    pub fn check<T: std::fmt::Display>(
        &mut self,
        python: impl Into<String>,
        rust: Result<T, TextError>,
    ) {
        self.case(python, record(rust));
    }

    /// Adds a case whose Rust outcome cannot fail.
    pub fn ok<T: std::fmt::Display>(&mut self, python: impl Into<String>, rust: T) {
        self.case(python, format!("ok:{rust}"));
    }

    /// Runs the whole table through python3 and panics listing every mismatch.
    pub fn run(self) {
        let mut body = self.setup.clone();
        body.extend(
            self.cases
                .iter()
                .map(|(py, _)| format!("run(lambda: {py})\n")),
        );
        let records = python_records(&body);
        assert_eq!(
            records.len(),
            self.cases.len(),
            "{}: one record per case",
            self.name
        );
        let mut failures = Vec::new();
        for ((py, rust), expected) in self.cases.iter().zip(&records) {
            if rust != expected {
                failures.push(format!(
                    "  {py}\n    python: {expected:?}\n    rust:   {rust:?}"
                ));
            }
        }
        let passed = self.cases.len() - failures.len();
        println!(
            "{}: {passed}/{} cases match python3",
            self.name,
            self.cases.len()
        );
        if !failures.is_empty() {
            let shown: Vec<&String> = failures.iter().take(40).collect();
            panic!(
                "{}: {} of {} cases differ from python3:\n{}",
                self.name,
                failures.len(),
                self.cases.len(),
                shown
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }
}

/// A Python string literal holding `s` exactly (escaping everything outside printable ASCII).
pub fn py_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// A Python expression for the float with exactly the bits of `x`.
pub fn py_float(x: f64) -> String {
    format!("F({:#x})", x.to_bits())
}

/// A small deterministic generator for random cases.
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407))
    }
    /// The next 64 random bits (SplitMix64).
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }
    /// A random index below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// A random element of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Floats every float table includes: zeros, infinities, NaN, extremes, boundaries of the
/// positional/exponent switch, rounding ties.
pub fn interesting_floats() -> Vec<f64> {
    let mut v = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        0.1,
        0.2,
        0.3,
        1.0 / 3.0,
        2.0 / 3.0,
        0.125,
        0.375,
        2.5,
        3.5,
        1.5,
        -2.5,
        1e16,
        1e15,
        9999999999999998.0,
        1e17,
        123456789012345.0,
        1234567890123456.0,
        12345678901234567.0,
        0.0001,
        0.00001,
        0.00012345,
        1e-5,
        1e-4,
        1.5e-5,
        1e22,
        1e23,
        1e100,
        1e300,
        1e308,
        1.7976931348623157e308,
        2.2250738585072014e-308,
        5e-324,
        1e-320,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -f64::NAN,
        100.0,
        1e6,
        1e7,
        123.456,
        -123.456,
        3.25159,
        2.5182,
        1.005,
        2.675,
        0.045,
        1234.5,
        1235.5,
        99.995,
        9.995,
        0.95,
        0.05,
        1e-7,
        4.35,
        100000.0,
        1e5,
        1.23e-10,
        6.02214076e23,
        299792458.0,
    ];
    for e in -20..=20 {
        v.push(10f64.powi(e));
        v.push(-(1.5 * 10f64.powi(e)));
    }
    // Ties between two shortest candidates, which CPython breaks to even.
    for i in 0..40 {
        v.push(1e15 + (i * 7919) as f64 + 0.25);
        v.push(2228859269825703.0 + 0.25 + i as f64);
    }
    for n in 1..70 {
        v.push(2f64.powi(-n));
        v.push(3.0 * 2f64.powi(-n));
    }
    v
}

/// Random floats: raw bit patterns and short decimals over many magnitudes.
pub fn random_floats(rng: &mut Rng, count: usize) -> Vec<f64> {
    let mut v = Vec::new();
    for i in 0..count {
        let x = if i % 2 == 0 {
            f64::from_bits(rng.next_u64())
        } else {
            let mantissa = (rng.next_u64() % 100_000) as f64;
            let exp = (rng.next_u64() % 50) as i32 - 25;
            mantissa * 10f64.powi(exp)
        };
        v.push(x);
    }
    v
}
