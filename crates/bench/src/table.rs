//! The report: one table comparing both sides, then the summary line.

use std::fmt::Write as _;

use crate::results::{Case, Key, Results, Workload};
use crate::shapes::Shape;

/// The table, one row per measurement either side made, in workload, size, case order.
pub fn table(weaklink: &Results, cpython: &Results) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<14} {:>9}  {:<13} {:>10} {:>10} {:>9}",
        "workload", "objects", "case", "weaklink", "cpython", "ratio"
    );
    let _ = writeln!(
        out,
        "{:<14} {:>9}  {:<13} {:>10} {:>10} {:>9}",
        "", "", "", "ns/object", "ns/object", "wl/cpy"
    );
    let mut keys: Vec<&Key> = weaklink.keys().chain(cpython.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (wl, cpy) = (weaklink.get(key), cpython.get(key));
        let ratio = wl.zip(cpy).map(|(w, c)| w / c);
        let _ = writeln!(
            out,
            "{:<14} {:>9}  {:<13} {:>10} {:>10} {:>9}",
            key.workload.name(),
            short_count(key.size),
            key.case.name(),
            fixed(wl.copied(), 1),
            fixed(cpy.copied(), 1),
            fixed(ratio, 2),
        );
    }
    out
}

/// The summary line: the geometric mean over the three cyclic shapes of the ratio
/// weaklink/cpython of a collection after `del`, at the largest size both sides measured.
pub fn summary(weaklink: &Results, cpython: &Results) -> Option<String> {
    let size = weaklink
        .keys()
        .filter(|k| cpython.contains_key(k))
        .map(|k| k.size)
        .max()?;
    let mut log_sum = 0.0;
    for shape in Shape::ALL {
        let key = Key {
            workload: Workload::Cyclic(shape),
            size,
            case: Case::AfterDel,
        };
        log_sum += (weaklink.get(&key)? / cpython.get(&key)?).ln();
    }
    let mean = (log_sum / Shape::ALL.len() as f64).exp();
    Some(format!(
        "gc ratio weaklink/cpython (geometric mean, {} shapes, {}, after del): {mean:.2}",
        Shape::ALL.len(),
        short_count(size)
    ))
}

/// `1M`, `100k`, `1500`: an object count as the report names it.
fn short_count(n: usize) -> String {
    if n >= 1_000_000 && n % 1_000_000 == 0 {
        format!("{}M", n / 1_000_000)
    } else if n >= 1_000 && n % 1_000 == 0 {
        format!("{}k", n / 1_000)
    } else {
        n.to_string()
    }
}

/// A number with `decimals` decimals, or `-` when that side did not measure it.
fn fixed(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.decimals$}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results(ns: [f64; 3]) -> Results {
        Shape::ALL
            .into_iter()
            .zip(ns)
            .map(|(shape, ns)| {
                let key = Key {
                    workload: Workload::Cyclic(shape),
                    size: 1_000_000,
                    case: Case::AfterDel,
                };
                (key, ns)
            })
            .collect()
    }

    #[test]
    fn summary_is_the_geometric_mean_at_the_largest_size() {
        let line = summary(&results([10.0, 40.0, 20.0]), &results([40.0, 20.0, 80.0]));
        assert_eq!(
            line.as_deref(),
            Some("gc ratio weaklink/cpython (geometric mean, 3 shapes, 1M, after del): 0.50")
        );
    }

    #[test]
    fn counts_are_shortened() {
        assert_eq!(short_count(1_000_000), "1M");
        assert_eq!(short_count(100_000), "100k");
        assert_eq!(short_count(1_500), "1500");
    }
}
