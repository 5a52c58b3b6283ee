//! The methods of `set` and `frozenset`.
//!
//! The operations accept any iterable where CPython does (`{1}.union([2])`); results of
//! `frozenset` methods are frozensets.

use weaklink_heap::{Body, Kind, Name, ObjId};

use super::methods_list::{check_args, key_error, receiver, Arity};
use super::{PyResult, Vm};

/// `set` or `frozenset`: which type a method was called on.
fn type_name(vm: &Vm, set: ObjId) -> &'static str {
    if vm.base_kind(set) == Kind::FrozenSet {
        "frozenset"
    } else {
        "set"
    }
}

impl Vm {
    /// The elements of a set, copied out (borrowed).
    fn set_keys(&self, set: ObjId) -> Vec<ObjId> {
        match self.heap.body(set) {
            Body::Set(s) => s.entries.iter().map(|e| e.key).collect(),
            _ => Vec::new(),
        }
    }

    /// A new set (or frozenset) holding the elements of `set`, without hashing them again.
    fn set_copy_of(&mut self, set: ObjId, frozen: bool) -> ObjId {
        let copy = self.new_set(frozen);
        let entries: Vec<(i64, ObjId)> = match self.heap.body(set) {
            Body::Set(s) => s.entries.iter().map(|e| (e.hash, e.key)).collect(),
            _ => Vec::new(),
        };
        for (hash, key) in entries {
            self.heap.set_add(copy, hash, key);
        }
        self.settle();
        copy
    }

    /// `other` as a set: itself if it is one (a new reference), else a new set of its items.
    fn as_set(&mut self, other: ObjId) -> PyResult<ObjId> {
        if matches!(self.base_kind(other), Kind::Set | Kind::FrozenSet) {
            return Ok(self.newref(other));
        }
        let set = self.new_set(false);
        match self.set_update(set, other) {
            Ok(()) => Ok(set),
            Err(e) => {
                self.release(set);
                Err(e)
            }
        }
    }

    /// Removes every element of a set, first to last.
    fn set_clear(&mut self, set: ObjId) {
        for _ in 0..self.set_keys(set).len() {
            self.heap.set_remove(set, 0);
        }
        self.settle();
    }

    /// Keeps only the elements of `set` that are (or, with `keep_common` false, are not) in
    /// the set `other`.
    fn set_retain(&mut self, set: ObjId, other: ObjId, keep_common: bool) -> PyResult<()> {
        for key in self.set_keys(set) {
            let key = self.newref(key);
            let found = self.contains(other, key);
            let result = match found {
                Ok(found) if found != keep_common => self.set_discard(set, key).map(|_| ()),
                Ok(_) => Ok(()),
                Err(e) => Err(e),
            };
            self.release(key);
            result?;
        }
        Ok(())
    }

    /// `set ^= other` for a set `other`.
    fn set_symmetric_update(&mut self, set: ObjId, other: ObjId) -> PyResult<()> {
        for key in self.set_keys(other) {
            let key = self.newref(key);
            let result = match self.set_discard(set, key) {
                Ok(true) => Ok(()),
                Ok(false) => self.set_add(set, key),
                Err(e) => Err(e),
            };
            self.release(key);
            result?;
        }
        Ok(())
    }

    /// Whether every element of `set` is in `other` (a set).
    fn set_all_in(&mut self, set: ObjId, other: ObjId) -> PyResult<bool> {
        for key in self.set_keys(set) {
            let key = self.newref(key);
            let found = self.contains(other, key);
            self.release(key);
            if !found? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// Runs `op` with `other` as a set (converted from any iterable), then lets it go.
fn with_set<T>(
    vm: &mut Vm,
    other: ObjId,
    op: impl FnOnce(&mut Vm, ObjId) -> PyResult<T>,
) -> PyResult<T> {
    let other = vm.as_set(other)?;
    let result = op(vm, other);
    vm.release(other);
    result
}

/// The receiver of a method both `set` and `frozenset` have.
fn either<'a>(vm: &mut Vm, args: &'a [ObjId], method: &str) -> PyResult<(ObjId, &'a [ObjId])> {
    match args.first() {
        Some(&s) if vm.base_kind(s) == Kind::FrozenSet => receiver(vm, args, "frozenset", method),
        _ => receiver(vm, args, "set", method),
    }
}

/// A new set of the receiver's type, built from a copy of it by `op`.
fn derived(
    vm: &mut Vm,
    set: ObjId,
    op: impl FnOnce(&mut Vm, ObjId) -> PyResult<()>,
) -> PyResult<ObjId> {
    let frozen = vm.base_kind(set) == Kind::FrozenSet;
    let result = vm.set_copy_of(set, frozen);
    match op(vm, result) {
        Ok(()) => Ok(result),
        Err(e) => {
            vm.release(result);
            Err(e)
        }
    }
}

fn set_add(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (set, rest) = receiver(vm, args, "set", "add")?;
    check_args(vm, "set.add", rest, kwnames, Arity::One)?;
    vm.set_add(set, rest[0])?;
    Ok(vm.new_none())
}

fn set_discard(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (set, rest) = receiver(vm, args, "set", "discard")?;
    check_args(vm, "set.discard", rest, kwnames, Arity::One)?;
    vm.set_discard(set, rest[0])?;
    Ok(vm.new_none())
}

fn set_remove(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (set, rest) = receiver(vm, args, "set", "remove")?;
    check_args(vm, "set.remove", rest, kwnames, Arity::One)?;
    if vm.set_discard(set, rest[0])? {
        Ok(vm.new_none())
    } else {
        key_error(vm, rest[0])
    }
}

fn set_pop(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (set, rest) = receiver(vm, args, "set", "pop")?;
    check_args(vm, "set.pop", rest, kwnames, Arity::Zero)?;
    let Some(&first) = vm.set_keys(set).first() else {
        return vm.raise("KeyError", "pop from an empty set");
    };
    // The set's reference to the element passes to the caller.
    vm.newref(first);
    vm.heap.set_remove(set, 0);
    vm.settle();
    Ok(first)
}

fn set_clear(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (set, rest) = receiver(vm, args, "set", "clear")?;
    check_args(vm, "set.clear", rest, kwnames, Arity::Zero)?;
    vm.set_clear(set);
    Ok(vm.new_none())
}

fn set_copy(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (set, rest) = either(vm, args, "copy")?;
    let name = type_name(vm, set);
    check_args(vm, &format!("{name}.copy"), rest, kwnames, Arity::Zero)?;
    if matches!(vm.heap.body(set), Body::Set(s) if s.frozen) {
        return Ok(vm.newref(set));
    }
    let frozen = vm.base_kind(set) == Kind::FrozenSet;
    Ok(vm.set_copy_of(set, frozen))
}

fn set_update(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (set, rest) = receiver(vm, args, "set", "update")?;
    check_args(
        vm,
        "set.update",
        rest,
        kwnames,
        Arity::Between(0, usize::MAX),
    )?;
    for &other in rest {
        vm.set_update(set, other)?;
    }
    Ok(vm.new_none())
}

fn set_union(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (set, rest) = either(vm, args, "union")?;
    let name = type_name(vm, set);
    check_args(
        vm,
        &format!("{name}.union"),
        rest,
        kwnames,
        Arity::Between(0, usize::MAX),
    )?;
    derived(vm, set, |vm, result| {
        for &other in rest {
            vm.set_update(result, other)?;
        }
        Ok(())
    })
}

fn set_intersection(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (set, rest) = either(vm, args, "intersection")?;
    let name = type_name(vm, set);
    let qualname = format!("{name}.intersection");
    check_args(vm, &qualname, rest, kwnames, Arity::Between(0, usize::MAX))?;
    derived(vm, set, |vm, result| intersect_all(vm, result, rest))
}

fn intersect_all(vm: &mut Vm, set: ObjId, others: &[ObjId]) -> PyResult<()> {
    for &other in others {
        with_set(vm, other, |vm, other| vm.set_retain(set, other, true))?;
    }
    Ok(())
}

fn subtract_all(vm: &mut Vm, set: ObjId, others: &[ObjId]) -> PyResult<()> {
    for &other in others {
        with_set(vm, other, |vm, other| vm.set_retain(set, other, false))?;
    }
    Ok(())
}

fn set_intersection_update(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (set, rest) = receiver(vm, args, "set", "intersection_update")?;
    let arity = Arity::Between(0, usize::MAX);
    check_args(vm, "set.intersection_update", rest, kwnames, arity)?;
    intersect_all(vm, set, rest)?;
    Ok(vm.new_none())
}

fn set_difference(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (set, rest) = either(vm, args, "difference")?;
    let name = type_name(vm, set);
    let qualname = format!("{name}.difference");
    check_args(vm, &qualname, rest, kwnames, Arity::Between(0, usize::MAX))?;
    derived(vm, set, |vm, result| subtract_all(vm, result, rest))
}

fn set_difference_update(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (set, rest) = receiver(vm, args, "set", "difference_update")?;
    let arity = Arity::Between(0, usize::MAX);
    check_args(vm, "set.difference_update", rest, kwnames, arity)?;
    subtract_all(vm, set, rest)?;
    Ok(vm.new_none())
}

fn set_symmetric_difference(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (set, rest) = either(vm, args, "symmetric_difference")?;
    let name = type_name(vm, set);
    let qualname = format!("{name}.symmetric_difference");
    check_args(vm, &qualname, rest, kwnames, Arity::One)?;
    let other = rest[0];
    derived(vm, set, |vm, result| {
        with_set(vm, other, |vm, other| {
            vm.set_symmetric_update(result, other)
        })
    })
}

fn set_symmetric_difference_update(
    vm: &mut Vm,
    args: &[ObjId],
    kwnames: &[Name],
) -> PyResult<ObjId> {
    let (set, rest) = receiver(vm, args, "set", "symmetric_difference_update")?;
    check_args(
        vm,
        "set.symmetric_difference_update",
        rest,
        kwnames,
        Arity::One,
    )?;
    let other = rest[0];
    with_set(vm, other, |vm, other| vm.set_symmetric_update(set, other))?;
    Ok(vm.new_none())
}

/// The shared shape of `issubset`, `issuperset` and `isdisjoint`.
fn set_predicate(
    vm: &mut Vm,
    args: &[ObjId],
    kwnames: &[Name],
    method: &str,
    test: fn(&mut Vm, ObjId, ObjId) -> PyResult<bool>,
) -> PyResult<ObjId> {
    let (set, rest) = either(vm, args, method)?;
    let name = type_name(vm, set);
    check_args(vm, &format!("{name}.{method}"), rest, kwnames, Arity::One)?;
    let answer = with_set(vm, rest[0], |vm, other| test(vm, set, other))?;
    Ok(vm.new_bool(answer))
}

fn set_issubset(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    set_predicate(vm, args, kwnames, "issubset", |vm, set, other| {
        vm.set_all_in(set, other)
    })
}

fn set_issuperset(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    set_predicate(vm, args, kwnames, "issuperset", |vm, set, other| {
        vm.set_all_in(other, set)
    })
}

fn set_isdisjoint(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    set_predicate(vm, args, kwnames, "isdisjoint", |vm, set, other| {
        for key in vm.set_keys(other) {
            let key = vm.newref(key);
            let found = vm.contains(set, key);
            vm.release(key);
            if found? {
                return Ok(false);
            }
        }
        Ok(true)
    })
}

/// Registers the methods of `set` and `frozenset`.
pub(crate) fn install(vm: &mut Vm) {
    let both: &[(&'static str, super::NativeFn)] = &[
        ("copy", set_copy),
        ("union", set_union),
        ("intersection", set_intersection),
        ("difference", set_difference),
        ("symmetric_difference", set_symmetric_difference),
        ("issubset", set_issubset),
        ("issuperset", set_issuperset),
        ("isdisjoint", set_isdisjoint),
    ];
    let mutating: &[(&'static str, super::NativeFn)] = &[
        ("add", set_add),
        ("discard", set_discard),
        ("remove", set_remove),
        ("pop", set_pop),
        ("clear", set_clear),
        ("update", set_update),
        ("intersection_update", set_intersection_update),
        ("difference_update", set_difference_update),
        (
            "symmetric_difference_update",
            set_symmetric_difference_update,
        ),
    ];
    for &(name, func) in both {
        vm.define_method("set", name, func);
        vm.define_method("frozenset", name, func);
    }
    vm.define_methods("set", mutating);
}
