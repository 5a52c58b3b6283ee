//! `_weakref`: weak references and proxies. The weak collections (`WeakSet`,
//! `WeakValueDictionary`...) are written in Python on top of it, as in CPython.

use weaklink_heap::{Name, ObjId, WeakFlavor, WeakrefError};

use crate::vm::{PyResult, Vm};

fn new_weak(vm: &mut Vm, args: &[ObjId], flavor: WeakFlavor) -> PyResult<ObjId> {
    let (obj, callback) = match args {
        [obj] => (*obj, None),
        [obj, cb] => (*obj, Some(*cb).filter(|&c| !vm.is_none(c))),
        _ => return vm.type_error(format!("expected 1 or 2 arguments, got {}", args.len())),
    };
    let flavor = match flavor {
        WeakFlavor::Proxy if vm.is_callable(obj) => WeakFlavor::CallableProxy,
        f => f,
    };
    match vm.heap.new_weakref(obj, callback, flavor) {
        Ok(w) => {
            vm.settle();
            Ok(w)
        }
        Err(WeakrefError::NotWeakrefable { .. }) => {
            let t = vm.type_name(obj);
            vm.type_error(format!("cannot create weak reference to '{t}' object"))
        }
    }
}

fn ref_new(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    new_weak(vm, args, WeakFlavor::Ref)
}

fn proxy(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    new_weak(vm, args, WeakFlavor::Proxy)
}

fn getweakrefcount(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let Some(&obj) = args.first() else {
        return vm.type_error("getweakrefcount() takes exactly one argument (0 given)");
    };
    let n = vm.heap.weakref_count(obj);
    Ok(vm.new_int(n as i64))
}

fn getweakrefs(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let Some(&obj) = args.first() else {
        return vm.type_error("getweakrefs() takes exactly one argument (0 given)");
    };
    let refs: Vec<ObjId> = vm.heap.weakrefs_to(obj).to_vec();
    let items = refs.into_iter().map(|r| vm.newref(r)).collect();
    Ok(vm.new_list(items))
}

/// `_remove_dead_weakref(dict, key)`: deletes `dict[key]` if it is a dead weak reference
/// (a missing key is fine: the entry may be gone already).
fn remove_dead_weakref(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let &[dict, key] = args else {
        return vm.type_error(format!(
            "_remove_dead_weakref expected 2 arguments, got {}",
            args.len()
        ));
    };
    if vm.heap.kind(dict) != weaklink_heap::Kind::Dict {
        let t = vm.type_name(dict);
        return vm.type_error(format!(
            "_remove_dead_weakref() argument 1 must be dict, not {t}"
        ));
    }
    let (_, pos) = vm.dict_find(dict, key)?;
    if let Some(pos) = pos {
        let value = vm
            .heap
            .dict(dict)
            .and_then(|d| d.entry(pos))
            .map(|e| e.value);
        if let Some(value) = value {
            if !vm.heap.is_weakref(value) {
                return vm.type_error("not a weakref");
            }
            if vm.heap.weakref_target(value).is_none() {
                vm.heap.dict_remove(dict, pos);
                vm.settle();
            }
        }
    }
    Ok(vm.new_none())
}

/// Creates `_weakref` and `weakref` (the latter grows the Python-written collections).
pub(crate) fn install(vm: &mut Vm) {
    for module in ["_weakref"] {
        let (_, dict) = super::new_module(vm, module);
        vm.define_native(dict, "proxy", proxy);
        vm.define_native(dict, "getweakrefcount", getweakrefcount);
        vm.define_native(dict, "getweakrefs", getweakrefs);
        vm.define_native(dict, "_remove_dead_weakref", remove_dead_weakref);
        for (name, type_name) in [
            ("ref", "weakref.ReferenceType"),
            ("ReferenceType", "weakref.ReferenceType"),
            ("ProxyType", "weakref.ProxyType"),
            ("CallableProxyType", "weakref.CallableProxyType"),
        ] {
            let class = vm.builtin_type(type_name);
            vm.define(dict, name, class);
        }
    }
    vm.define_constructor("weakref.ReferenceType", ref_new);
}
