//! Project automation for weaklink, run from anywhere in the workspace as
//! `cargo xtask <subcommand>` (the alias lives in `.cargo/config.toml`).
//!
//! `main` only parses the arguments by hand and dispatches; each subcommand
//! lives in its own module.

mod bench;
mod build;
mod components;
mod e2e;
mod e2e_collector;
mod e2e_driver;
mod e2e_exercise;
mod exercise_pages;
mod listings;
mod serve;
mod size;
mod step;
mod test;

use std::process::ExitCode;

use anyhow::{bail, Result};

/// What `cargo xtask help` prints.
const HELP: &str = "\
Usage: cargo xtask <subcommand>

Subcommands:
  build       the book as a static site with its wasm widgets (in <target>/site)
  serve       build, then serve the book on http://127.0.0.1:3000 (--port N to change)
  test        rustfmt check, clippy with -D warnings, every test (release mode), then the
              browser tests
  browser     only the browser tests (headless Chromium against the built book)
  bench gc    time the cycle collector against CPython 3.11 (release mode)
  bench py    time teaching programs on weaklink's VM against CPython 3.11
  bench size  gzipped bytes a chapter page downloads for its widgets
  help        print this message
";

/// One parsed invocation of `cargo xtask`.
#[derive(Debug, PartialEq, Eq)]
enum Task {
    /// `cargo xtask test`: the checks CI runs.
    Test,
    /// `cargo xtask bench <name>`: run a benchmark.
    Bench(bench::Bench),
    /// `cargo xtask build`: the book as a static site.
    Build,
    /// `cargo xtask serve [--port N]`: build, then serve the site.
    Serve(u16),
    /// `cargo xtask bench size`: the widgets' download size.
    BenchSize,
    /// `cargo xtask browser`: the browser tests alone.
    Browser,
    /// `cargo xtask help`: list the subcommands.
    Help,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Parses the arguments that follow `cargo xtask`.
fn parse(args: &[String]) -> Result<Task> {
    let Some((subcommand, rest)) = args.split_first() else {
        bail!("no subcommand given\n\n{}", HELP.trim_end());
    };
    let task = match subcommand.as_str() {
        "test" => Task::Test,
        "bench" if rest.len() == 1 && rest[0] == "size" => return Ok(Task::BenchSize),
        "bench" => return Ok(Task::Bench(bench::parse(rest)?)),
        "build" => Task::Build,
        "browser" => Task::Browser,
        "serve" => return Ok(Task::Serve(serve::parse(rest)?)),
        "help" | "-h" | "--help" => Task::Help,
        other => bail!("unknown subcommand `{other}`\n\n{}", HELP.trim_end()),
    };
    if let Some(extra) = rest.first() {
        bail!("`cargo xtask {subcommand}` takes no arguments, got `{extra}`");
    }
    Ok(task)
}

/// Carries out one parsed task.
fn run(task: Task) -> Result<()> {
    match task {
        Task::Test => test::run(),
        Task::Bench(bench) => bench::run(bench),
        Task::Build => build::run().map(drop),
        Task::Serve(port) => serve::run(port),
        Task::BenchSize => size::run(),
        Task::Browser => e2e::run(),
        Task::Help => {
            print!("{HELP}");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str]) -> Result<Task> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        parse(&args)
    }

    #[test]
    fn parses_known_subcommands() {
        assert_eq!(parse_strs(&["test"]).unwrap(), Task::Test);
        assert_eq!(
            parse_strs(&["bench", "gc"]).unwrap(),
            Task::Bench(bench::Bench::Gc)
        );
        assert_eq!(
            parse_strs(&["bench", "py"]).unwrap(),
            Task::Bench(bench::Bench::Py)
        );
        assert_eq!(parse_strs(&["bench", "size"]).unwrap(), Task::BenchSize);
        assert_eq!(parse_strs(&["build"]).unwrap(), Task::Build);
        assert_eq!(parse_strs(&["serve"]).unwrap(), Task::Serve(3000));
        assert_eq!(
            parse_strs(&["serve", "--port", "8000"]).unwrap(),
            Task::Serve(8000)
        );
        for help in ["help", "-h", "--help"] {
            assert_eq!(parse_strs(&[help]).unwrap(), Task::Help);
        }
    }

    #[test]
    fn rejects_missing_unknown_and_extra_arguments() {
        let missing = parse_strs(&[]).unwrap_err().to_string();
        assert!(missing.starts_with("no subcommand given"), "{missing}");
        let unknown = parse_strs(&["tset"]).unwrap_err().to_string();
        assert!(
            unknown.starts_with("unknown subcommand `tset`"),
            "{unknown}"
        );
        let extra = parse_strs(&["test", "--fast"]).unwrap_err().to_string();
        assert!(extra.contains("got `--fast`"), "{extra}");
        for args in [&["bench"][..], &["bench", "gcc"], &["bench", "gc", "1M"]] {
            assert!(parse_strs(args).is_err(), "{args:?}");
        }
    }
}
