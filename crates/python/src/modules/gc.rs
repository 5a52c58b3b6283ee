//! The `gc` module.

use weaklink_heap::{Name, ObjId};

use crate::vm::{PyResult, Vm};

/// The `gc.callbacks` list (borrowed).
pub(crate) fn callbacks_list(vm: &mut Vm) -> Option<ObjId> {
    let gc = vm.heap.names.intern("gc");
    let module = *vm.modules.get(&gc)?;
    let dict = vm.module_dict(module);
    vm.dict_get_str(dict, "callbacks")
}

fn collect(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let generation = match args.first() {
        Some(&g) => match vm.as_int(g) {
            Some(g @ 0..=2) => g as u8,
            Some(_) => return vm.value_error("invalid generation"),
            None => return vm.type_error("an integer is required"),
        },
        None => 2,
    };
    if !vm.heap.collect(generation) {
        return Ok(vm.new_int(0));
    }
    vm.settle();
    let found = vm.heap.gc().last_result.unwrap_or(0);
    Ok(vm.new_int(found as i64))
}

fn get_count(vm: &mut Vm, _: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let (a, b, c) = vm.heap.gc().counts();
    let items = vec![
        vm.new_int(a as i64),
        vm.new_int(b as i64),
        vm.new_int(c as i64),
    ];
    Ok(vm.new_tuple(items))
}

fn get_threshold(vm: &mut Vm, _: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let (a, b, c) = vm.heap.gc().thresholds();
    let items = vec![
        vm.new_int(a as i64),
        vm.new_int(b as i64),
        vm.new_int(c as i64),
    ];
    Ok(vm.new_tuple(items))
}

fn set_threshold(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let values: Vec<Option<i64>> = args.iter().map(|&a| vm.as_int(a)).collect();
    let Some(Some(t0)) = values.first().copied() else {
        return vm.type_error("set_threshold() takes at least 1 argument (0 given)");
    };
    let t1 = values.get(1).copied().flatten().map(|v| v.max(0) as usize);
    let t2 = values.get(2).copied().flatten().map(|v| v.max(0) as usize);
    vm.heap.gc_mut().set_thresholds(t0.max(0) as usize, t1, t2);
    Ok(vm.new_none())
}

fn enable(vm: &mut Vm, _: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    vm.heap.gc_mut().enabled = true;
    Ok(vm.new_none())
}

fn disable(vm: &mut Vm, _: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    vm.heap.gc_mut().enabled = false;
    Ok(vm.new_none())
}

fn isenabled(vm: &mut Vm, _: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let on = vm.heap.gc().enabled;
    Ok(vm.new_bool(on))
}

fn is_tracked(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let Some(&obj) = args.first() else {
        return vm.type_error("gc.is_tracked() takes exactly one argument (0 given)");
    };
    let tracked = vm.heap.is_tracked(obj);
    Ok(vm.new_bool(tracked))
}

fn get_debug(vm: &mut Vm, _: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let d = vm.heap.gc().debug;
    Ok(vm.new_int(i64::from(d)))
}

fn set_debug(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let Some(flags) = args.first().and_then(|&a| vm.as_int(a)) else {
        return vm.type_error("an integer is required");
    };
    vm.heap.gc_mut().debug = flags as u32;
    Ok(vm.new_none())
}

fn get_referents(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let mut items = Vec::new();
    for &obj in args {
        if vm.heap.kind(obj).is_container() {
            for r in vm.heap.body(obj).referents() {
                items.push(vm.newref(r));
            }
        }
    }
    Ok(vm.new_list(items))
}

fn get_referrers(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let mut items = Vec::new();
    for &obj in args {
        for r in vm.heap.referrers(obj) {
            if Some(r) != vm.packed_arguments {
                items.push(vm.newref(r));
            }
        }
    }
    Ok(vm.new_list(items))
}

fn freeze(vm: &mut Vm, _: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    vm.heap.freeze();
    Ok(vm.new_none())
}

fn unfreeze(vm: &mut Vm, _: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    vm.heap.unfreeze();
    Ok(vm.new_none())
}

fn get_freeze_count(vm: &mut Vm, _: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let n = vm.heap.freeze_count();
    Ok(vm.new_int(n as i64))
}

fn get_objects(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    if let Some(&k) = kwnames
        .iter()
        .find(|&&k| vm.heap.names.text(k) != "generation")
    {
        let text = vm.heap.names.text(k).to_string();
        return vm.type_error(format!(
            "'{text}' is an invalid keyword argument for get_objects()"
        ));
    }
    if args.len() > 1 {
        return vm.type_error(format!(
            "get_objects() takes at most 1 argument ({} given)",
            args.len()
        ));
    }
    // -1, CPython's default, asks for every generation as `None` does.
    let generation = match args.first() {
        None => None,
        Some(&g) if vm.is_none(g) => None,
        Some(&g) => match vm.as_int(g) {
            Some(-1) => None,
            Some(g) if g >= 3 => {
                return vm.value_error(
                    "generation parameter must be less than the number of available \
                     generations (3)",
                )
            }
            Some(g) if g < 0 => return vm.value_error("generation parameter cannot be negative"),
            Some(g) => Some(g as u8),
            None => {
                let t = vm.type_name(g);
                return vm.type_error(format!("argument should be integer or None, not '{t}'"));
            }
        },
    };
    // The list is made first, so it is tracked itself; CPython leaves it out.
    let result = vm.new_list(Vec::new());
    for obj in vm.heap.tracked_objects(generation) {
        if obj != result {
            vm.heap.list_append(result, obj);
        }
    }
    Ok(result)
}

fn get_stats(vm: &mut Vm, _: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let stats = vm.heap.gc().stats;
    let mut dicts = Vec::with_capacity(stats.len());
    for generation in stats {
        let d = vm.new_dict();
        for (key, value) in [
            ("collections", generation.collections),
            ("collected", generation.collected),
            ("uncollectable", generation.uncollectable),
        ] {
            let k = vm.new_str(key);
            let v = vm.new_int(value as i64);
            vm.dict_set_str(d, k, v);
            vm.release_all([k, v]);
        }
        dicts.push(d);
    }
    Ok(vm.new_list(dicts))
}

/// Creates `gc`.
pub(crate) fn install(vm: &mut Vm) {
    let (_, dict) = super::new_module(vm, "gc");
    let functions: &[(&'static str, crate::vm::NativeFn)] = &[
        ("collect", collect),
        ("get_count", get_count),
        ("get_threshold", get_threshold),
        ("set_threshold", set_threshold),
        ("enable", enable),
        ("disable", disable),
        ("isenabled", isenabled),
        ("is_tracked", is_tracked),
        ("get_debug", get_debug),
        ("set_debug", set_debug),
        ("get_referents", get_referents),
        ("get_referrers", get_referrers),
        ("freeze", freeze),
        ("unfreeze", unfreeze),
        ("get_freeze_count", get_freeze_count),
        ("get_objects", get_objects),
        ("get_stats", get_stats),
    ];
    vm.define_natives(dict, functions);
    let constants = [
        ("DEBUG_STATS", weaklink_heap::DEBUG_STATS),
        ("DEBUG_COLLECTABLE", weaklink_heap::DEBUG_COLLECTABLE),
        ("DEBUG_UNCOLLECTABLE", weaklink_heap::DEBUG_UNCOLLECTABLE),
        ("DEBUG_SAVEALL", weaklink_heap::DEBUG_SAVEALL),
        ("DEBUG_LEAK", weaklink_heap::DEBUG_LEAK),
    ];
    for (name, value) in constants {
        let v = vm.new_int(i64::from(value));
        vm.define(dict, name, v);
        vm.release(v);
    }
    let garbage = vm.heap.garbage();
    vm.define(dict, "garbage", garbage);
    let callbacks = vm.new_list(Vec::new());
    vm.define(dict, "callbacks", callbacks);
    vm.release(callbacks);
}
