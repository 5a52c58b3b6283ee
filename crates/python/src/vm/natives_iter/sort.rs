//! Sorting with `<` as CPython's list sort does it: the first run found and extended by
//! binary insertion, so the comparisons a short list makes (and the errors they raise) are
//! the ones CPython's timsort makes.

use weaklink_heap::ObjId;

use crate::compile::CmpOp;
use crate::vm::{PyResult, Vm};

/// `a < b` as a Rust bool.
pub(crate) fn less_than(vm: &mut Vm, a: ObjId, b: ObjId) -> PyResult<bool> {
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
    if order.len() > 1 {
        let run = count_run(vm, keys, &mut order)?;
        binary_insertion(vm, keys, &mut order, run)?;
    }
    if reverse {
        order.reverse();
    }
    Ok(order)
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
