//! Reading the arguments of a native function: positional ones, keywords by name, counts.

use weaklink_heap::{Name, ObjId};

use super::{PyResult, Vm};

/// Positional arguments only (keyword arguments are counted at the end of `args`).
pub(crate) fn positional<'a>(args: &'a [ObjId], kwnames: &[Name]) -> &'a [ObjId] {
    &args[..args.len() - kwnames.len()]
}

/// A keyword argument by name.
pub(crate) fn keyword(vm: &Vm, args: &[ObjId], kwnames: &[Name], name: &str) -> Option<ObjId> {
    let start = args.len() - kwnames.len();
    kwnames
        .iter()
        .position(|&k| vm.heap.names.text(k) == name)
        .map(|i| args[start + i])
}

/// `TypeError` unless exactly `n` arguments were given (`len() takes exactly one argument`).
pub(crate) fn expect_args(vm: &mut Vm, name: &str, args: &[ObjId], n: usize) -> PyResult<()> {
    if args.len() != n {
        let s = if n == 1 { "" } else { "s" };
        return vm.type_error(format!(
            "{name}() takes exactly {n} argument{s} ({} given)",
            args.len()
        ));
    }
    Ok(())
}
