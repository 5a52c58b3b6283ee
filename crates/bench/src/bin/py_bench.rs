//! `cargo xtask bench py`: loop-heavy teaching programs run by python3 and by weaklink's VM
//! (tracing off) in one run. Each program's own run time is measured (interpreter start-up
//! excluded on both sides), best of several runs; the summary is the geometric mean of the
//! ratios.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use weaklink_python::vm::{Options, Outcome, Vm};

/// The programs, in `crates/bench/programs/`.
const PROGRAMS: &[&str] = &[
    "linked_weak_back.py",
    "weak_cache_lookups.py",
    "cycle_churn.py",
];

/// Runs of each program on each side; the best counts.
const REPS: usize = 3;

/// Times a program inside python3, after start-up: prints the program's output, then the
/// seconds on a last line.
const CPYTHON_TIMER: &str = "import sys, time
path = sys.argv[1]
code = compile(open(path).read(), path, 'exec')
start = time.perf_counter()
exec(code, {'__name__': '__main__'})
print(time.perf_counter() - start)
";

fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("programs")
}

/// python3's output and best time.
fn cpython(path: &Path) -> Result<(String, Duration)> {
    let mut best = Duration::MAX;
    let mut printed = String::new();
    for _ in 0..REPS {
        let output = Command::new("python3")
            .arg("-c")
            .arg(CPYTHON_TIMER)
            .arg(path)
            .output()
            .context("could not run python3 (CPython 3.11 must be on PATH)")?;
        if !output.status.success() {
            bail!("python3 {} failed ({})", path.display(), output.status);
        }
        let stdout = String::from_utf8(output.stdout)?;
        let (text, seconds) = stdout
            .trim_end()
            .rsplit_once('\n')
            .context("python3 printed no time")?;
        let seconds: f64 = seconds.parse().context("python3 printed a bad time")?;
        best = best.min(Duration::from_secs_f64(seconds));
        printed = format!("{text}\n");
    }
    Ok((printed, best))
}

/// weaklink's output and best time (a fresh interpreter each run, made before the clock
/// starts).
fn weaklink(path: &Path) -> Result<(String, Duration)> {
    let source = std::fs::read_to_string(path)?;
    let name = path.display().to_string();
    let handle = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let mut best = Duration::MAX;
            let mut printed = String::new();
            for _ in 0..REPS {
                let mut vm = Vm::new(Options::default());
                let start = Instant::now();
                let outcome = vm.run_program(&source, &name);
                best = best.min(start.elapsed());
                if outcome != Outcome::Finished {
                    return Err(format!("weaklink failed on {name}:\n{}", vm.stderr));
                }
                printed = vm.stdout.clone();
            }
            Ok((printed, best))
        })?;
    match handle.join() {
        Ok(Ok(result)) => Ok(result),
        Ok(Err(message)) => bail!(message),
        Err(_) => bail!("weaklink panicked"),
    }
}

/// Parse time of the corpus repeated to about 1,000 and 8,000 lines: it should grow
/// linearly with the text.
fn parse_scaling() -> Result<()> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../python/tests/cpython");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    files.retain(|p| p.extension().is_some_and(|e| e == "py"));
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(std::fs::read_to_string)
        .collect::<std::io::Result<_>>()?;
    let mut parts = Vec::new();
    for lines in [1000, 8000] {
        let mut source = String::new();
        for text in texts.iter().cycle() {
            source.push_str(text);
            if source.lines().count() >= lines {
                break;
            }
        }
        let n = source.lines().count();
        let best = (0..5)
            .map(|_| {
                let start = Instant::now();
                let parsed = weaklink_python::syntax::parse_module(&source);
                let took = start.elapsed();
                drop(parsed);
                took
            })
            .min()
            .unwrap_or_default();
        parts.push(format!(
            "{n} lines in {:.2} ms ({:.2} µs per line)",
            best.as_secs_f64() * 1e3,
            best.as_secs_f64() * 1e6 / n as f64
        ));
    }
    println!("parse: {}", parts.join("; "));
    Ok(())
}

fn main() -> Result<()> {
    println!("py bench: best of {REPS} runs each, program time only (start-up excluded)");
    println!();
    println!(
        "| {:<24} | {:>12} | {:>12} | {:>6} |",
        "program", "weaklink ms", "CPython ms", "ratio"
    );
    println!("|{:-<26}|{:->14}|{:->14}|{:->8}|", "", "", "", "");
    let mut log_sum = 0.0;
    for name in PROGRAMS {
        let path = programs_dir().join(name);
        let (theirs, cpython_time) = cpython(&path)?;
        let (ours, weaklink_time) = weaklink(&path)?;
        if ours != theirs {
            bail!("{name}: weaklink printed {ours:?}, python3 printed {theirs:?}");
        }
        let ratio = weaklink_time.as_secs_f64() / cpython_time.as_secs_f64();
        log_sum += ratio.ln();
        println!(
            "| {:<24} | {:>12.1} | {:>12.1} | {:>6.2} |",
            name.trim_end_matches(".py"),
            weaklink_time.as_secs_f64() * 1e3,
            cpython_time.as_secs_f64() * 1e3,
            ratio
        );
    }
    let mean = (log_sum / PROGRAMS.len() as f64).exp();
    println!();
    parse_scaling()?;
    println!();
    println!("py ratio weaklink/cpython (geometric mean): {mean:.2}");
    Ok(())
}
