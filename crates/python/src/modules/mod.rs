//! The built-in modules: `sys`, `gc`, `_weakref`/`weakref` and `atexit`.

pub(crate) mod gc;
mod sys;
mod weakref;

use weaklink_heap::{Body, Kind, Name, ObjId, Record};

use crate::vm::{PyResult, Vm};

/// A module object with a fresh namespace; returns (module, namespace).
pub(crate) fn new_module(vm: &mut Vm, name: &str) -> (ObjId, ObjId) {
    let dict = vm.new_dict();
    let value = vm.new_str(name);
    vm.define(dict, "__name__", value);
    vm.release(value);
    let module = vm
        .heap
        .alloc(Body::Record(Record::new(Kind::Module, vec![Some(dict)])));
    vm.release(dict);
    let interned = vm.heap.names.intern(name);
    vm.modules.insert(interned, module);
    (module, dict)
}

/// Creates the built-in modules and `__main__`.
pub(crate) fn install(vm: &mut Vm) {
    let (_, main) = new_module(vm, "__main__");
    vm.main_globals = main;
    sys::install(vm);
    gc::install(vm);
    weakref::install(vm);
    let (_, atexit) = new_module(vm, "atexit");
    vm.define_native(atexit, "register", atexit_register);
}

fn atexit_register(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let Some(&func) = args.first() else {
        return vm.type_error("register() takes at least 1 argument (0 given)");
    };
    let held = vm.newref(func);
    vm.atexit.push(held);
    Ok(vm.newref(func))
}
