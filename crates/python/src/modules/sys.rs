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

fn exc_info(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    if !args.is_empty() {
        return vm.type_error(format!(
            "sys.exc_info() takes no arguments ({} given)",
            args.len()
        ));
    }
    let items = match vm.handled {
        Some(exc) => {
            let class = vm.type_of(exc);
            vec![vm.newref(class), vm.newref(exc), vm.traceback_of(exc)]
        }
        None => vec![vm.new_none(), vm.new_none(), vm.new_none()],
    };
    Ok(vm.new_tuple(items))
}

fn exception(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    if !args.is_empty() {
        return vm.type_error(format!(
            "sys.exception() takes no arguments ({} given)",
            args.len()
        ));
    }
    match vm.handled {
        Some(exc) => Ok(vm.newref(exc)),
        None => Ok(vm.new_none()),
    }
}

/// Creates `sys`.
pub(crate) fn install(vm: &mut Vm) {
    let (_, dict) = super::new_module(vm, "sys");
    vm.define_native(dict, "getrefcount", getrefcount);
    vm.define_native(dict, "getsizeof", getsizeof);
    vm.define_native(dict, "getrecursionlimit", getrecursionlimit);
    vm.define_native(dict, "setrecursionlimit", setrecursionlimit);
    vm.define_native(dict, "exc_info", exc_info);
    vm.define_native(dict, "exception", exception);
    install_version_info(vm, dict);
}

/// The names of `sys.version_info`'s fields, in order.
const VERSION_FIELDS: [&str; 5] = ["major", "minor", "micro", "releaselevel", "serial"];

/// Field `index` of `sys.version_info` (a new reference).
fn version_field(vm: &mut Vm, args: &[ObjId], index: usize) -> PyResult<ObjId> {
    let items = args.first().map(|&v| vm.tuple_items(v)).unwrap_or_default();
    match items.get(index) {
        Some(&item) => Ok(vm.newref(item)),
        None => Ok(vm.new_none()),
    }
}

fn version_major(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    version_field(vm, args, 0)
}

fn version_minor(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    version_field(vm, args, 1)
}

fn version_micro(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    version_field(vm, args, 2)
}

fn version_releaselevel(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    version_field(vm, args, 3)
}

fn version_serial(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    version_field(vm, args, 4)
}

/// `repr(sys.version_info)`: `sys.version_info(major=3, minor=11, ...)`.
fn version_repr(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let items = args.first().map(|&v| vm.tuple_items(v)).unwrap_or_default();
    let mut parts = Vec::with_capacity(items.len());
    for (name, &item) in VERSION_FIELDS.iter().zip(&items) {
        parts.push(format!("{name}={}", vm.repr_string(item)?));
    }
    let text = format!("sys.version_info({})", parts.join(", "));
    Ok(vm.new_str(&text))
}

/// `sys.version_info`: a tuple whose fields also have names (CPython's struct sequence),
/// for the version the heap follows; the micro version is the release weaklink is
/// compared with.
fn install_version_info(vm: &mut Vm, sys: ObjId) {
    let version = vm.heap.version();
    let (major, minor) = version.major_minor();
    let micro = match version {
        weaklink_heap::PythonVersion::V3_3 => 7,
        weaklink_heap::PythonVersion::V3_11 => 7,
        weaklink_heap::PythonVersion::V3_12 => 3,
    };
    let namespace = vm.new_dict();
    for (key, value) in [("__module__", "sys"), ("__qualname__", "version_info")] {
        let value = vm.new_str(value);
        vm.define(namespace, key, value);
        vm.release(value);
    }
    let getters: [(&'static str, crate::vm::NativeFn); 5] = [
        ("major", version_major),
        ("minor", version_minor),
        ("micro", version_micro),
        ("releaselevel", version_releaselevel),
        ("serial", version_serial),
    ];
    for (name, getter) in getters {
        let property = vm.native_property(name, getter);
        vm.define(namespace, name, property);
        vm.release(property);
    }
    let repr = vm.register_native("__repr__", version_repr);
    let repr = vm.native_object(repr);
    vm.define(namespace, "__repr__", repr);
    vm.release(repr);
    let tuple_type = vm.builtin_type("tuple");
    let values = vec![
        vm.new_int(i64::from(major)),
        vm.new_int(i64::from(minor)),
        vm.new_int(micro),
        vm.new_str("final"),
        vm.new_int(0),
    ];
    let values = vm.new_tuple(values);
    let made = vm
        .make_class("version_info", &[tuple_type], namespace)
        .and_then(|class| {
            let info = vm.new_instance(class, &[values]);
            vm.release(class);
            info
        });
    match made {
        Ok(info) => {
            vm.define(sys, "version_info", info);
            vm.release(info);
        }
        Err(raised) => vm.discard(raised),
    }
    vm.release_all([values, namespace]);
}
