//! `cargo xtask bench <name>`: benchmarks, built with the `optimized` profile (release with
//! whole-program LTO) whatever profile xtask itself was built in.

use anyhow::{bail, Result};

use crate::step::Step;

/// One benchmark `cargo xtask bench` can run.
#[derive(Debug, PartialEq, Eq)]
pub enum Bench {
    /// `gc`: the simulated cycle collector and reference counting against CPython 3.11.
    Gc,
    /// `py`: loop-heavy teaching programs on weaklink's VM against CPython 3.11.
    Py,
}

/// The benchmarks' names, for messages.
const NAMES: &str = "gc, py, size";

/// The `gc` benchmark: `crates/bench`'s `gc_bench` binary, which also runs `gc_bench.py`
/// under `python3`.
const GC: Step = Step {
    name: "gc bench",
    args: &[
        "run",
        "--profile",
        "optimized",
        "--quiet",
        "--package",
        "weaklink-bench",
        "--bin",
        "gc_bench",
    ],
    hint: Some("the benchmark compares with CPython live: it needs python3 3.11 on PATH"),
};

/// The `py` benchmark: `crates/bench`'s `py_bench` binary, which runs each program in
/// `crates/bench/programs/` under `python3` too.
const PY: Step = Step {
    name: "py bench",
    args: &[
        "run",
        "--profile",
        "optimized",
        "--quiet",
        "--package",
        "weaklink-bench",
        "--bin",
        "py_bench",
    ],
    hint: Some("the benchmark compares with CPython live: it needs python3 3.11 on PATH"),
};

/// Reads the arguments after `cargo xtask bench`.
pub fn parse(args: &[String]) -> Result<Bench> {
    let bench = match args.first().map(String::as_str) {
        Some("gc") => Bench::Gc,
        Some("py") => Bench::Py,
        Some(other) => bail!("unknown benchmark `{other}` (benchmarks: {NAMES})"),
        None => bail!("`cargo xtask bench` needs a benchmark name (benchmarks: {NAMES})"),
    };
    if let Some(extra) = args.get(1) {
        bail!(
            "`cargo xtask bench {}` takes no more arguments, got `{extra}`",
            args[0]
        );
    }
    Ok(bench)
}

/// Builds and runs one benchmark; its report streams to stdout and ends with its summary.
pub fn run(bench: Bench) -> Result<()> {
    match bench {
        Bench::Gc => GC.run_unframed(),
        Bench::Py => PY.run_unframed(),
    }
}
