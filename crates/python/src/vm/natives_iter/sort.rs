//! Sorting with `<` as CPython's list sort does it: below 64 items, the first run found and
//! extended by binary insertion, so the comparisons a short list makes (and the errors they
//! raise) are the ones CPython's timsort makes; longer lists are merged from sorted halves
//! (stable, the same result, other comparisons).

use weaklink_heap::{Body, ObjId};

use crate::compile::CmpOp;
use crate::vm::{PyResult, Vm};

/// `a < b` as a Rust bool. Two ints, two floats or two strs compare directly, as CPython's
/// sort does for lists of one such type.
pub(crate) fn less_than(vm: &mut Vm, a: ObjId, b: ObjId) -> PyResult<bool> {
    match (vm.heap.body(a), vm.heap.body(b)) {
        (Body::Int(x), Body::Int(y)) => return Ok(x < y),
        (Body::Float(x), Body::Float(y)) => return Ok(x < y),
        // UTF-8 orders strings by code point, as Python does.
        (Body::Str(x), Body::Str(y)) => return Ok(x < y),
        _ => {}
    }
    let r = vm.compare(CmpOp::Lt, a, b)?;
    let t = vm.truthy(r);
    vm.release(r);
    t
}

/// The order that sorts `keys` stably by `<`: positions into `keys`. With `reverse`, equal
/// keys keep their order and the rest is descending (CPython reverses, sorts, reverses).
pub(crate) fn sorted_order(vm: &mut Vm, keys: &[ObjId], reverse: bool) -> PyResult<Vec<usize>> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    if reverse {
        order.reverse();
    }
    if order.len() < MIN_MERGE {
        sort_short(vm, keys, &mut order)?;
    } else {
        merge_sort(vm, keys, &mut order)?;
    }
    if reverse {
        order.reverse();
    }
    Ok(order)
}

/// Timsort's `MIN_MERGE`: shorter lists are sorted by binary insertion alone.
const MIN_MERGE: usize = 64;

/// Timsort on a list shorter than [`MIN_MERGE`]: one run, extended by binary insertion.
fn sort_short(vm: &mut Vm, keys: &[ObjId], order: &mut [usize]) -> PyResult<()> {
    if order.len() > 1 {
        let run = count_run(vm, keys, order)?;
        binary_insertion(vm, keys, order, run)?;
    }
    Ok(())
}

/// Sorts both halves, then merges them, taking from the right half only what is strictly
/// less (which keeps the sort stable).
fn merge_sort(vm: &mut Vm, keys: &[ObjId], order: &mut [usize]) -> PyResult<()> {
    if order.len() < MIN_MERGE {
        return sort_short(vm, keys, order);
    }
    let middle = order.len() / 2;
    merge_sort(vm, keys, &mut order[..middle])?;
    merge_sort(vm, keys, &mut order[middle..])?;
    let (left, right) = (order[..middle].to_vec(), order[middle..].to_vec());
    let (mut i, mut j) = (0, 0);
    for slot in order.iter_mut() {
        let take_right =
            j < right.len() && (i == left.len() || less_than(vm, keys[right[j]], keys[left[i]])?);
        if take_right {
            *slot = right[j];
            j += 1;
        } else {
            *slot = left[i];
            i += 1;
        }
    }
    Ok(())
}

/// The length of the run at the start: strictly descending runs are reversed in place.
fn count_run(vm: &mut Vm, keys: &[ObjId], order: &mut [usize]) -> PyResult<usize> {
    let mut n = 2;
    if less_than(vm, keys[order[1]], keys[order[0]])? {
        while n < order.len() && less_than(vm, keys[order[n]], keys[order[n - 1]])? {
            n += 1;
        }
        order[..n].reverse();
    } else {
        while n < order.len() && !less_than(vm, keys[order[n]], keys[order[n - 1]])? {
            n += 1;
        }
    }
    Ok(n)
}

/// Inserts each item after the sorted prefix `order[..start]` where a binary search puts it
/// (after equal keys, which keeps the sort stable).
fn binary_insertion(
    vm: &mut Vm,
    keys: &[ObjId],
    order: &mut [usize],
    start: usize,
) -> PyResult<()> {
    for next in start..order.len() {
        let pivot = order[next];
        let (mut low, mut high) = (0, next);
        while low < high {
            let middle = low + (high - low) / 2;
            if less_than(vm, keys[pivot], keys[order[middle]])? {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        order[low..=next].rotate_right(1);
    }
    Ok(())
}
