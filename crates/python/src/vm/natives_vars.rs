//! `vars()`: an object's `__dict__` (for an instance, the dict CPython 3.11 makes the first
//! time it is asked for), or the namespace of the running module or class body.

use weaklink_heap::{Name, ObjId};

use super::{PyResult, Raised, Vm};

/// `vars([object])`.
fn vars(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    if !kwnames.is_empty() {
        return vm.type_error("vars() takes no keyword arguments");
    }
    match args {
        [] => match vm.frame().namespace {
            Some(ns) => Ok(vm.newref(ns)),
            None => vm.type_error("vars() without arguments works in module and class bodies"),
        },
        [obj] => {
            let dict_name = vm.intern("__dict__");
            match vm.getattr(*obj, dict_name) {
                Err(Raised::Exception(e))
                    if vm.isinstance(e, vm.builtin_type("AttributeError")) =>
                {
                    vm.release(e);
                    vm.type_error("vars() argument must have __dict__ attribute")
                }
                result => result,
            }
        }
        _ => vm.type_error(format!(
            "vars expected at most 1 argument, got {}",
            args.len()
        )),
    }
}

/// Registers `vars` in the builtins.
pub(crate) fn install(vm: &mut Vm, builtins: ObjId) {
    vm.define_native(builtins, "vars", vars);
}
