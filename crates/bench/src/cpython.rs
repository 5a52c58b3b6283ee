//! Running `gc_bench.py` under `python3` and reading its measurements.

use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use crate::results::{Case, Key, Results, Workload};

/// The script, next to this crate's manifest.
const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/gc_bench.py");

/// What CPython measured, and the version that measured it.
pub struct Measured {
    /// `sys.version`'s first word, e.g. `3.11.7`.
    pub version: String,
    /// The best time of each measurement.
    pub results: Results,
}

/// Runs the script with the same sizes and repetitions.
pub fn measure(sizes: &[usize], reps: usize) -> Result<Measured> {
    let output = Command::new("python3")
        .arg(SCRIPT)
        .arg(reps.to_string())
        .args(sizes.iter().map(usize::to_string))
        .stderr(Stdio::inherit())
        .output()
        .context("could not run python3 (CPython 3.11 must be on PATH)")?;
    if !output.status.success() {
        bail!("python3 {SCRIPT} failed ({})", output.status);
    }
    let stdout = String::from_utf8(output.stdout).context("python3 printed invalid UTF-8")?;
    parse(&stdout)
}

/// Reads the lines `gc_bench.py` prints.
fn parse(stdout: &str) -> Result<Measured> {
    let mut version = String::from("?");
    let mut results = Results::new();
    for line in stdout.lines() {
        if let Some(comment) = line.strip_prefix('#') {
            if let Some(v) = comment.trim().strip_prefix("python ") {
                version = v.to_string();
            }
            continue;
        }
        let (key, ns) =
            parse_line(line).with_context(|| format!("gc_bench.py printed {line:?}"))?;
        results.insert(key, ns);
    }
    Ok(Measured { version, results })
}

/// One `WORKLOAD SIZE CASE NS_PER_OBJECT` line.
fn parse_line(line: &str) -> Result<(Key, f64)> {
    let [workload, size, case, ns] = line.split_whitespace().collect::<Vec<_>>()[..] else {
        bail!("expected 4 fields");
    };
    let Some(workload) = Workload::ALL.into_iter().find(|w| w.name() == workload) else {
        bail!("unknown workload `{workload}`");
    };
    let Some(case) = Case::ALL.into_iter().find(|c| c.name() == case) else {
        bail!("unknown case `{case}`");
    };
    let key = Key {
        workload,
        size: size.parse().context("size")?,
        case,
    };
    Ok((key, ns.parse().context("nanoseconds")?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shapes::Shape;

    #[test]
    fn reads_measurements_and_version() {
        let measured = parse("# python 3.11.7\nlist-pairs 1000 after-del 52.25\n").unwrap();
        assert_eq!(measured.version, "3.11.7");
        let key = Key {
            workload: Workload::Cyclic(Shape::ListPairs),
            size: 1000,
            case: Case::AfterDel,
        };
        assert_eq!(
            measured.results.into_iter().collect::<Vec<_>>(),
            [(key, 52.25)]
        );
    }

    #[test]
    fn rejects_unknown_names() {
        assert!(parse("ring 10 sometimes 1.0\n").is_err());
        assert!(parse("tree 10 reachable 1.0\n").is_err());
        assert!(parse("ring 10 reachable\n").is_err());
    }
}
