//! Timing the workloads on the simulated heap.

use std::time::{Duration, Instant};

use anyhow::{ensure, Result};
use weaklink_heap::{Cause, Heap};

use crate::results::{Case, Key, Results, Workload};
use crate::shapes::{acyclic_lists, new_heap};

/// Measures every workload at every size, keeping the best of `reps` fresh builds.
pub fn measure(sizes: &[usize], reps: usize) -> Result<Results> {
    let mut results = Results::new();
    for workload in Workload::ALL {
        for &size in sizes {
            for _ in 0..reps {
                for (case, elapsed) in once(workload, size)? {
                    let ns = elapsed.as_nanos() as f64 / size as f64;
                    let key = Key {
                        workload,
                        size,
                        case,
                    };
                    let best = results.entry(key).or_insert(f64::INFINITY);
                    *best = best.min(ns);
                }
            }
        }
    }
    Ok(results)
}

/// Builds the workload on a fresh heap and times each of its cases once.
fn once(workload: Workload, size: usize) -> Result<Vec<(Case, Duration)>> {
    let (mut heap, class) = new_heap();
    let before = heap.memory().objects;
    let mut times = Vec::new();
    match workload {
        Workload::Cyclic(shape) => {
            let root = shape.build(&mut heap, class, size);
            let (found, elapsed) = timed_full_collection(&mut heap);
            ensure!(
                found == 0,
                "{}: collected {found} reachable objects",
                shape.name()
            );
            times.push((Case::Reachable, elapsed));
            heap.decref(root, Cause::NameUnbound);
            heap.run();
            let (found, elapsed) = timed_full_collection(&mut heap);
            ensure!(
                found == size,
                "{}: collected {found} of {size} objects",
                shape.name()
            );
            times.push((Case::AfterDel, elapsed));
        }
        Workload::AcyclicLists => {
            let root = acyclic_lists(&mut heap, size);
            let start = Instant::now();
            heap.decref(root, Cause::NameUnbound);
            heap.run();
            times.push((Case::RefcountFree, start.elapsed()));
        }
    }
    let after = heap.memory().objects;
    ensure!(
        after == before,
        "{}: {after} objects live afterwards, {before} before",
        workload.name()
    );
    Ok(times)
}

/// `gc.collect()` with nothing to run for `gc.callbacks`: what it returns, and how long it
/// took.
fn timed_full_collection(heap: &mut Heap) -> (usize, Duration) {
    let start = Instant::now();
    let found = heap.collect_now(2, &mut |_, _| {});
    (found, start.elapsed())
}
