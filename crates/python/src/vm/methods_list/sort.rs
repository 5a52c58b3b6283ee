//! `list.sort`'s algorithm: CPython's timsort run detection and binary insertion, so that a
//! short list is compared exactly as CPython compares it.

use weaklink_heap::ObjId;

use super::super::{PyResult, Vm};
use crate::compile::CmpOp;

/// `a < b` as a Rust bool.
fn less_than(vm: &mut Vm, a: ObjId, b: ObjId) -> PyResult<bool> {
    let r = vm.compare(CmpOp::Lt, a, b)?;
    let t = vm.truthy(r);
    vm.release(r);
    t
}

/// CPython's `merge_compute_minrun`: the length runs are extended to.
fn min_run(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// Sorts `order` (positions into `keys`) stably by `<` on the keys, asking the same
/// comparisons as CPython's timsort for lists shorter than 64 (a run, then binary
/// insertion); longer lists merge such runs pairwise.
pub(super) fn timsort(vm: &mut Vm, keys: &[ObjId], order: &mut [usize]) -> PyResult<()> {
    let n = order.len();
    if n < 2 {
        return Ok(());
    }
    let minrun = min_run(n);
    let mut runs = Vec::new();
    let mut lo = 0;
    while lo < n {
        let (mut len, descending) = count_run(vm, keys, &order[lo..])?;
        if descending {
            order[lo..lo + len].reverse();
        }
        if len < minrun {
            let force = (n - lo).min(minrun);
            binary_insertion(vm, keys, &mut order[lo..lo + force], len)?;
            len = force;
        }
        runs.push(lo..lo + len);
        lo += len;
    }
    while runs.len() > 1 {
        let mut merged = Vec::with_capacity(runs.len().div_ceil(2));
        for pair in runs.chunks(2) {
            match pair {
                [a, b] => {
                    merge_runs(vm, keys, &mut order[a.start..b.end], a.len())?;
                    merged.push(a.start..b.end);
                }
                [a] => merged.push(a.clone()),
                _ => unreachable!(),
            }
        }
        runs = merged;
    }
    Ok(())
}

/// CPython's `count_run`: the length of the run at the start of `order`, and whether it
/// is strictly descending.
fn count_run(vm: &mut Vm, keys: &[ObjId], order: &[usize]) -> PyResult<(usize, bool)> {
    if order.len() == 1 {
        return Ok((1, false));
    }
    let descending = less_than(vm, keys[order[1]], keys[order[0]])?;
    let mut n = 2;
    while n < order.len() {
        let lower = less_than(vm, keys[order[n]], keys[order[n - 1]])?;
        if lower != descending {
            break;
        }
        n += 1;
    }
    Ok((n, descending))
}

/// CPython's `binarysort`: `order[..sorted]` is sorted; inserts the rest one by one.
fn binary_insertion(
    vm: &mut Vm,
    keys: &[ObjId],
    order: &mut [usize],
    sorted: usize,
) -> PyResult<()> {
    for start in sorted.max(1)..order.len() {
        let pivot = order[start];
        let (mut l, mut r) = (0, start);
        while l < r {
            let p = l + ((r - l) >> 1);
            if less_than(vm, keys[pivot], keys[order[p]])? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        order[l..=start].rotate_right(1);
    }
    Ok(())
}

/// Merges the sorted halves `order[..mid]` and `order[mid..]`, the left first on ties.
fn merge_runs(vm: &mut Vm, keys: &[ObjId], order: &mut [usize], mid: usize) -> PyResult<()> {
    let left = order[..mid].to_vec();
    let right = order[mid..].to_vec();
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(order.len());
    let result = loop {
        if i == left.len() || j == right.len() {
            break Ok(());
        }
        match less_than(vm, keys[right[j]], keys[left[i]]) {
            Ok(true) => {
                out.push(right[j]);
                j += 1;
            }
            Ok(false) => {
                out.push(left[i]);
                i += 1;
            }
            Err(e) => break Err(e),
        }
    };
    out.extend_from_slice(&left[i..]);
    out.extend_from_slice(&right[j..]);
    order.copy_from_slice(&out);
    result
}
