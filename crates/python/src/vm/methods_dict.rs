//! The methods of `dict`, and its views `dict_keys`, `dict_values` and `dict_items`.

use weaklink_heap::{Body, Kind, Name, ObjId, Record};

use super::methods_list::{check_args, key_error, receiver, Arity};
use super::types::Tag;
use super::{PyResult, Raised, Vm};

mod sized;

impl Vm {
    /// Stores `dict[key] = value` (borrowed) in the dict itself, without a subclass's
    /// `__setitem__`, as `dict.update` and `dict.setdefault` do.
    pub(crate) fn dict_store(&mut self, dict: ObjId, key: ObjId, value: ObjId) -> PyResult<()> {
        let (hash, pos) = self.dict_find(dict, key)?;
        match pos {
            Some(p) => self.heap.dict_replace(dict, p, value),
            None => self.heap.dict_insert(dict, hash, key, value),
        }
        self.settle();
        Ok(())
    }

    /// `dict.update(other)`: from a dict, from a mapping with `keys()`, or from an iterable
    /// of pairs, with CPython's messages for a bad pair.
    pub(crate) fn dict_update_from(&mut self, dict: ObjId, other: ObjId) -> PyResult<()> {
        if self.is_dict(other) && !self.has_user_method(other, "keys") {
            for (_, k, v) in self.dict_entries(other) {
                self.dict_store(dict, k, v)?;
            }
            return Ok(());
        }
        if self.has_method(other, "keys") {
            let keys_name = self.intern("keys");
            let method = self.getattr(other, keys_name)?;
            let keys = self.call(method, &[]);
            self.release(method);
            let keys = keys?;
            let keys_list = self.collect_iterable(keys);
            self.release(keys);
            let keys_list = keys_list?;
            let mut result = Ok(());
            for &k in &keys_list {
                result = self.getitem(other, k).and_then(|v| {
                    let stored = self.dict_store(dict, k, v);
                    self.release(v);
                    stored
                });
                if result.is_err() {
                    break;
                }
            }
            self.release_all(keys_list);
            return result;
        }
        let it = self.get_iter(other)?;
        let mut index = 0;
        let result = loop {
            let pair = match self.next_of(it) {
                Ok(Some(p)) => p,
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            };
            let stored = self.store_pair(dict, pair, index);
            self.release(pair);
            if let Err(e) = stored {
                break Err(e);
            }
            index += 1;
        };
        self.release(it);
        result
    }

    /// Stores one `(key, value)` element of `dict.update`'s iterable.
    fn store_pair(&mut self, dict: ObjId, pair: ObjId, index: usize) -> PyResult<()> {
        let items = match self.sequence_items(pair) {
            Some(items) => items.into_iter().map(|i| self.newref(i)).collect(),
            None => match self.collect_iterable(pair) {
                Ok(items) => items,
                Err(Raised::Exception(e)) if self.isinstance(e, self.builtin_type("TypeError")) => {
                    self.release(e);
                    return self.type_error(format!(
                        "cannot convert dictionary update sequence element #{index} to a sequence"
                    ));
                }
                Err(e) => return Err(e),
            },
        };
        let result = if items.len() == 2 {
            self.dict_store(dict, items[0], items[1])
        } else {
            self.value_error(format!(
                "dictionary update sequence element #{index} has length {}; 2 is required",
                items.len()
            ))
        };
        self.release_all(items);
        result
    }

    /// Whether `obj`'s type has an attribute `name` (a method such as `keys`).
    fn has_method(&mut self, obj: ObjId, name: &str) -> bool {
        let name = self.intern(name);
        let class = self.type_of(obj);
        self.lookup_in_class(class, name).is_some()
    }

    /// Whether `obj`'s class, defined in Python, overrides method `name`.
    fn has_user_method(&mut self, obj: ObjId, name: &str) -> bool {
        let name = self.intern(name);
        let class = self.type_of(obj);
        self.lookup_user(class, name).is_some()
    }

    /// A view (`dict_keys`, `dict_values`, `dict_items`) of a dict.
    fn dict_view(&mut self, dict: ObjId, tag: Tag) -> ObjId {
        let record: Record = self.tagged_record(Kind::Other, tag, 0, vec![Some(dict)]);
        let view = self.heap.alloc(Body::Record(record));
        self.settle();
        view
    }

    /// The position of the last entry of a dict (the one `popitem` takes).
    fn dict_last_position(&mut self, dict: ObjId) -> Option<(usize, ObjId, ObjId)> {
        let d = self.heap.dict(dict)?;
        let last = *d.iter().last()?;
        d.with_hash(last.hash)
            .filter(|(_, e)| e.key == last.key)
            .map(|(p, _)| p)
            .max()
            .map(|p| (p, last.key, last.value))
    }
}

fn dict_get(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (dict, rest) = receiver(vm, args, "dict", "get")?;
    check_args(vm, "dict.get", rest, kwnames, Arity::Between(1, 2))?;
    match vm.dict_lookup(dict, rest[0])? {
        Some(v) => Ok(vm.newref(v)),
        None => {
            let default = rest.get(1).copied().unwrap_or(vm.none);
            Ok(vm.newref(default))
        }
    }
}

fn dict_keys(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (dict, rest) = receiver(vm, args, "dict", "keys")?;
    check_args(vm, "dict.keys", rest, kwnames, Arity::Zero)?;
    Ok(vm.dict_view(dict, Tag::DictKeys))
}

fn dict_values(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (dict, rest) = receiver(vm, args, "dict", "values")?;
    check_args(vm, "dict.values", rest, kwnames, Arity::Zero)?;
    Ok(vm.dict_view(dict, Tag::DictValues))
}

fn dict_items(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (dict, rest) = receiver(vm, args, "dict", "items")?;
    check_args(vm, "dict.items", rest, kwnames, Arity::Zero)?;
    Ok(vm.dict_view(dict, Tag::DictItems))
}

fn dict_pop(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (dict, rest) = receiver(vm, args, "dict", "pop")?;
    check_args(vm, "dict.pop", rest, kwnames, Arity::Between(1, 2))?;
    // An empty dict answers without hashing the key, as CPython's does.
    let empty = vm.heap.dict(dict).is_none_or(|d| d.is_empty());
    let (_, pos) = if empty {
        (0, None)
    } else {
        vm.dict_find(dict, rest[0])?
    };
    let found = pos.and_then(|p| vm.heap.dict(dict)?.entry(p).map(|e| (p, e.value)));
    match (found, rest.get(1)) {
        (Some((p, value)), _) => {
            // The dict's reference to the value passes to the caller.
            vm.newref(value);
            vm.heap.dict_remove(dict, p);
            vm.settle();
            Ok(value)
        }
        (None, Some(&default)) => Ok(vm.newref(default)),
        (None, None) => key_error(vm, rest[0]),
    }
}

fn dict_popitem(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (dict, rest) = receiver(vm, args, "dict", "popitem")?;
    check_args(vm, "dict.popitem", rest, kwnames, Arity::Zero)?;
    let Some((pos, key, value)) = vm.dict_last_position(dict) else {
        return vm.raise("KeyError", "popitem(): dictionary is empty");
    };
    let key = vm.newref(key);
    let value = vm.newref(value);
    let pair = vm.new_tuple(vec![key, value]);
    vm.heap.dict_remove(dict, pos);
    vm.settle();
    Ok(pair)
}

fn dict_setdefault(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (dict, rest) = receiver(vm, args, "dict", "setdefault")?;
    check_args(vm, "dict.setdefault", rest, kwnames, Arity::Between(1, 2))?;
    if let Some(v) = vm.dict_lookup(dict, rest[0])? {
        return Ok(vm.newref(v));
    }
    let default = rest.get(1).copied().unwrap_or(vm.none);
    vm.dict_store(dict, rest[0], default)?;
    Ok(vm.newref(default))
}

fn dict_update(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (dict, rest) = receiver(vm, args, "dict", "update")?;
    let positional = &rest[..rest.len() - kwnames.len()];
    check_args(vm, "dict.update", positional, &[], Arity::Between(0, 1))?;
    if let Some(&other) = positional.first() {
        vm.dict_update_from(dict, other)?;
    }
    for (i, &k) in kwnames.iter().enumerate() {
        let key = vm.name_str(k);
        vm.dict_store(dict, key, rest[positional.len() + i])?;
    }
    Ok(vm.new_none())
}

fn dict_clear(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (dict, rest) = receiver(vm, args, "dict", "clear")?;
    check_args(vm, "dict.clear", rest, kwnames, Arity::Zero)?;
    vm.heap.dict_clear(dict);
    vm.settle();
    Ok(vm.new_none())
}

fn dict_copy(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (dict, rest) = receiver(vm, args, "dict", "copy")?;
    check_args(vm, "dict.copy", rest, kwnames, Arity::Zero)?;
    let copy = vm.new_dict();
    for (hash, k, v) in vm.dict_entries(dict) {
        vm.heap.dict_insert(copy, hash, k, v);
    }
    vm.settle();
    Ok(copy)
}

/// `dict.fromkeys(iterable, value=None)`, a class method: `args[0]` is the class.
fn dict_fromkeys(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (&class, rest) = args.split_first().expect("a class method gets its class");
    check_args(vm, "dict.fromkeys", rest, kwnames, Arity::Between(1, 2))?;
    let value = rest.get(1).copied().unwrap_or(vm.none);
    let target = if class == vm.builtin_type("dict") {
        vm.new_dict()
    } else {
        vm.call(class, &[])?
    };
    let keys = match vm.collect_iterable(rest[0]) {
        Ok(keys) => keys,
        Err(e) => {
            vm.release(target);
            return Err(e);
        }
    };
    let mut result = Ok(());
    for &k in &keys {
        result = if vm.is_dict(target) && !vm.has_user_method(target, "__setitem__") {
            vm.dict_store(target, k, value)
        } else {
            vm.setitem(target, k, value)
        };
        if result.is_err() {
            break;
        }
    }
    vm.release_all(keys);
    match result {
        Ok(()) => Ok(target),
        Err(e) => {
            vm.release(target);
            Err(e)
        }
    }
}

/// Registers the methods of `dict`.
pub(crate) fn install(vm: &mut Vm) {
    let methods: &[(&'static str, super::NativeFn)] = &[
        ("get", dict_get),
        ("keys", dict_keys),
        ("values", dict_values),
        ("items", dict_items),
        ("pop", dict_pop),
        ("popitem", dict_popitem),
        ("setdefault", dict_setdefault),
        ("update", dict_update),
        ("clear", dict_clear),
        ("copy", dict_copy),
    ];
    vm.define_methods("dict", methods);
    define_class_method(vm, "dict", "fromkeys", dict_fromkeys);
}

/// Adds a class method to a built-in type: called on the type or an instance, the native
/// receives the class first.
fn define_class_method(vm: &mut Vm, type_name: &str, name: &'static str, func: super::NativeFn) {
    let index = vm.register_native(name, func);
    let native = vm.native_object(index);
    let record = vm.tagged_record(Kind::Other, Tag::ClassMethod, 0, vec![Some(native)]);
    let descr = vm.heap.alloc_static(Body::Record(record));
    let class = vm.builtin_type(type_name);
    let interned = vm.intern(name);
    vm.classes
        .get_mut(&class)
        .expect("built-in type")
        .methods
        .insert(interned, descr);
}
