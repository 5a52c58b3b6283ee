//! `cargo xtask test`: every check CI runs, in order, stopping at the first
//! failure.

use std::time::Instant;

use anyhow::Result;

use crate::step::Step;

/// The checks, in the order they run.
///
/// Clippy and the tests both build the whole workspace (`--workspace`) so that
/// cargo resolves the same features each time. Tests run in release mode
/// because the property tests run many cases.
const STEPS: &[Step] = &[
    Step {
        name: "rustfmt",
        args: &["fmt", "--all", "--", "--check"],
        hint: Some("run `cargo fmt --all` to reformat"),
    },
    Step {
        name: "clippy",
        args: &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        hint: None,
    },
    Step {
        name: "tests",
        args: &["test", "--workspace", "--release"],
        hint: Some("tests compare with CPython live: they need python3 3.11 on PATH"),
    },
];

/// Runs every step of [`STEPS`] in order; the first failure ends the run.
pub fn run() -> Result<()> {
    let start = Instant::now();
    for step in STEPS {
        step.run()?;
    }
    crate::components::run()?;
    browser_tests()?;
    eprintln!(
        "xtask: test: all {} steps ok in {:.1?}",
        STEPS.len() + 2,
        start.elapsed()
    );
    Ok(())
}

/// The last step: the book built and served, its widgets driven in headless Chromium.
fn browser_tests() -> Result<()> {
    let start = Instant::now();
    eprintln!("xtask: ==> browser tests: the built book in headless Chromium");
    crate::e2e::run()?;
    eprintln!("xtask: <== browser tests ok in {:.1?}", start.elapsed());
    Ok(())
}
