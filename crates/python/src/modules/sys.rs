//! The `sys` module.

use weaklink_heap::{Name, ObjId};

use crate::vm::{PyResult, Vm};

fn getrefcount(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let [obj] = args else {
        return vm.type_error(format!(
            "sys.getrefcount() takes exactly one argument ({} given)",
            args.len()
        ));
    };
    let count = vm.heap.refcount(*obj);
    Ok(vm.new_int(count))
}

fn getsizeof(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let Some(&obj) = args.first() else {
        return vm.type_error("getsizeof() missing required argument 'object' (pos 1)");
    };
    let size = vm.heap.size_of(obj);
    Ok(vm.new_int(size as i64))
}

fn getrecursionlimit(vm: &mut Vm, _: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let limit = vm.recursion_limit as i64;
    Ok(vm.new_int(limit))
}

fn setrecursionlimit(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let Some(limit) = args.first().and_then(|&a| vm.as_int(a)) else {
        return vm.type_error("'str' object cannot be interpreted as an integer");
    };
    if limit < 1 {
        return vm.value_error("recursion limit must be greater or equal than 1");
    }
    vm.recursion_limit = limit as usize;
    Ok(vm.new_none())
}

/// Creates `sys`.
pub(crate) fn install(vm: &mut Vm) {
    let (_, dict) = super::new_module(vm, "sys");
    vm.define_native(dict, "getrefcount", getrefcount);
    vm.define_native(dict, "getsizeof", getsizeof);
    vm.define_native(dict, "getrecursionlimit", getrecursionlimit);
    vm.define_native(dict, "setrecursionlimit", setrecursionlimit);
    let (major, minor) = vm.heap.version().major_minor();
    let items = vec![vm.new_int(i64::from(major)), vm.new_int(i64::from(minor))];
    let version = vm.new_tuple(items);
    vm.define(dict, "version_info", version);
    vm.release(version);
}
