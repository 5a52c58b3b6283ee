//! `gc_bench`: the simulated heap's cycle collector and reference counting against
//! CPython 3.11's, on the same object graphs. `cargo xtask bench gc` runs it in release mode.
//!
//! Each workload is built afresh for each of several repetitions, with automatic collection
//! disabled, and the best time is kept. Then `gc_bench.py` does the same under `python3`,
//! and one table compares the two, ending with a one-line summary.
//!
//! Options (for profiling by hand): `--sizes 10000,100000` (object counts), `--reps N`,
//! `--weaklink-only` (skip CPython).

mod cpython;
mod results;
mod shapes;
mod table;
mod weaklink;

use std::time::Instant;

use anyhow::{bail, Context, Result};

/// What one run measures.
#[derive(Debug, PartialEq)]
struct Options {
    /// Object counts each workload is built with.
    sizes: Vec<usize>,
    /// Fresh builds per measurement; the best is kept.
    reps: usize,
    /// Also run `gc_bench.py` under `python3` and compare.
    cpython: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            sizes: vec![10_000, 100_000, 1_000_000],
            reps: 3,
            cpython: true,
        }
    }
}

/// Reads the command line (without the program name).
fn parse(args: &[String]) -> Result<Options> {
    let mut options = Options::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .with_context(|| format!("`{arg}` needs a value"))
        };
        match arg.as_str() {
            "--sizes" => {
                options.sizes = value()?
                    .split(',')
                    .map(|s| s.parse().with_context(|| format!("bad size `{s}`")))
                    .collect::<Result<_>>()?;
            }
            "--reps" => options.reps = value()?.parse().context("bad `--reps`")?,
            "--weaklink-only" => options.cpython = false,
            other => bail!("unknown argument `{other}`"),
        }
    }
    if options.reps == 0 || options.sizes.iter().any(|&n| n < 2 || n % 2 != 0) {
        bail!("`--reps` must be positive and sizes even, at least 2 (list pairs)");
    }
    Ok(options)
}

/// Measures both sides and prints the report.
fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = parse(&args)?;
    let start = Instant::now();
    let weaklink = weaklink::measure(&options.sizes, options.reps)?;
    print!(
        "gc bench: best of {} fresh builds each; weaklink took {:.1?}",
        options.reps,
        start.elapsed()
    );
    let mut cpython = results::Results::new();
    if options.cpython {
        let start = Instant::now();
        let measured = cpython::measure(&options.sizes, options.reps)?;
        print!(", CPython {} {:.1?}", measured.version, start.elapsed());
        cpython = measured.results;
    }
    println!();
    println!();
    print!("{}", table::table(&weaklink, &cpython));
    if let Some(line) = table::summary(&weaklink, &cpython) {
        println!();
        println!("{line}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str]) -> Result<Options> {
        parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn parses_options() {
        assert_eq!(parse_strs(&[]).unwrap(), Options::default());
        let options = parse_strs(&["--sizes", "1000,20", "--reps", "1", "--weaklink-only"]);
        assert_eq!(
            options.unwrap(),
            Options {
                sizes: vec![1000, 20],
                reps: 1,
                cpython: false
            }
        );
        assert!(parse_strs(&["--sizes", "11"]).is_err());
        assert!(parse_strs(&["--reps"]).is_err());
        assert!(parse_strs(&["--fast"]).is_err());
    }
}
