//! Names and attributes: namespaces, globals, attribute lookup through the MRO,
//! descriptors (functions, properties, static and class methods, slots).

use weaklink_heap::{Body, Kind, Name, ObjId, Record};

use super::hashing::str_hash;
use super::proxy::through_proxy;
use super::types::Tag;
use super::{PyResult, Vm};

impl Vm {
    /// The value stored under a `str` key in a dict (borrowed).
    pub(crate) fn dict_get_str(&self, dict: ObjId, key: &str) -> Option<ObjId> {
        let hash = str_hash(key);
        let d = self.heap.dict(dict)?;
        d.with_hash(hash)
            .find(|(_, e)| self.as_str(e.key) == Some(key))
            .map(|(_, e)| e.value)
    }

    /// Stores `value` under the `str` key `key` (both borrowed).
    pub(crate) fn dict_set_str(&mut self, dict: ObjId, key: ObjId, value: ObjId) {
        let hash = str_hash(self.as_str(key).unwrap_or_default());
        self.dict_set_hashed(dict, key, hash, value);
    }

    /// [`Vm::dict_set_str`] with the key's hash known.
    fn dict_set_hashed(&mut self, dict: ObjId, key: ObjId, hash: i64, value: ObjId) {
        let text = self.as_str(key).unwrap_or_default();
        let pos = self.heap.dict(dict).and_then(|d| {
            d.with_hash(hash)
                .find(|(_, e)| e.key == key || self.as_str(e.key) == Some(text))
                .map(|(p, _)| p)
        });
        match pos {
            Some(p) => self.heap.dict_replace(dict, p, value),
            None => self.heap.dict_insert(dict, hash, key, value),
        }
        self.settle();
    }

    /// Binds `name` to `value` (borrowed) in a namespace dict, as module setup does.
    pub(crate) fn define(&mut self, dict: ObjId, name: &str, value: ObjId) {
        let key = self.new_str(name);
        self.dict_set_str(dict, key, value);
        self.release(key);
    }

    /// Binds a name in a namespace dict (the value's reference is handed over).
    pub(crate) fn store_name_in(&mut self, dict: ObjId, name: Name, value: ObjId) -> PyResult<()> {
        let key = self.name_str(name);
        match self.dict_find_name(dict, name) {
            Some((pos, _)) => self.heap.dict_replace(dict, pos, value),
            None => {
                let hash = self.name_hash(name);
                self.heap.dict_insert(dict, hash, key, value);
            }
        }
        self.settle();
        self.release_popped(value);
        Ok(())
    }

    /// Removes a name from a namespace dict; `NameError` if it is missing.
    pub(crate) fn delete_name_in(&mut self, dict: ObjId, name: Name) -> PyResult<()> {
        let text = self.heap.names.text(name).to_string();
        let hash = str_hash(&text);
        let pos = self.heap.dict(dict).and_then(|d| {
            d.with_hash(hash)
                .find(|(_, e)| self.as_str(e.key) == Some(&*text))
                .map(|(p, _)| p)
        });
        match pos {
            Some(p) => {
                self.heap.dict_remove(dict, p);
                self.settle();
                Ok(())
            }
            None => self.raise("NameError", format!("name '{text}' is not defined")),
        }
    }

    /// A global (then builtin) by name, as a new reference for the value stack.
    pub(crate) fn load_global(&mut self, name: Name) -> PyResult<ObjId> {
        let globals = self.frame().globals;
        if let Some(v) = self.dict_get_name(globals, name) {
            return Ok(self.pushed(v));
        }
        if let Some(v) = self.dict_get_name(self.builtins, name) {
            return Ok(self.pushed(v));
        }
        let text = self.heap.names.text(name).to_string();
        self.raise("NameError", format!("name '{text}' is not defined"))
    }

    /// A name in a module or class body: the namespace, globals, then builtins (a new
    /// reference for the value stack).
    pub(crate) fn load_name(&mut self, name: Name) -> PyResult<ObjId> {
        let ns = self.frame().namespace.expect("a namespace");
        if let Some(v) = self.dict_get_name(ns, name) {
            return Ok(self.pushed(v));
        }
        self.load_global(name)
    }

    /// Walks the MRO for `name` (see [`Vm::lookup_in_class`], which remembers the result).
    pub(crate) fn lookup_uncached(
        &self,
        class: ObjId,
        name: Name,
        user_only: bool,
    ) -> Option<ObjId> {
        let info = self.classes.get(&class)?;
        for &c in &info.mro {
            let ci = &self.classes[&c];
            if let Some(dict) = ci.dict {
                if let Some(v) = self.dict_get_name(dict, name) {
                    return Some(v);
                }
            } else if !user_only {
                if let Some(&m) = ci.methods.get(&name) {
                    return Some(m);
                }
            }
        }
        None
    }

    /// The class along `class`'s MRO whose namespace or methods hold `name`.
    pub(crate) fn lookup_owner(&self, class: ObjId, name: Name) -> Option<ObjId> {
        let info = self.classes.get(&class)?;
        info.mro.iter().copied().find(|c| {
            let ci = &self.classes[c];
            match ci.dict {
                Some(dict) => self.dict_get_name(dict, name).is_some(),
                None => ci.methods.contains_key(&name),
            }
        })
    }

    /// For `obj.name(...)`: the plain function found on the type, when the call can skip
    /// making a bound method (as CPython's `LOAD_METHOD` does). A new reference.
    pub(crate) fn method_for_call(&mut self, obj: ObjId, name: Name) -> Option<ObjId> {
        let class = match self.heap.body(obj) {
            Body::Class(_) => return None,
            Body::Record(r)
                if r.kind == Kind::Module
                    || (r.kind == Kind::Other && Tag::of(r.data) == Tag::Super) =>
            {
                return None
            }
            Body::Instance(inst) => inst.class,
            _ => self.type_of(obj),
        };
        let found = self.lookup_in_class(class, name)?;
        let is_plain = match self.heap.body(found) {
            Body::Record(r) => {
                r.kind == Kind::Function
                    || (r.kind == Kind::BuiltinFunction && Tag::of(r.data) == Tag::MethodDescriptor)
            }
            _ => false,
        };
        if !is_plain || self.instance_attr(obj, name).is_some() {
            return None;
        }
        Some(self.newref(found))
    }

    /// An attribute stored on the instance itself (borrowed).
    pub(crate) fn instance_attr(&self, obj: ObjId, name: Name) -> Option<ObjId> {
        match self.heap.body(obj) {
            Body::Instance(inst) => match inst.dict {
                Some(d) => self.dict_get_name(d, name),
                None => inst.attr(name),
            },
            Body::Record(r) if r.kind == Kind::Function => {
                let d = r.refs[super::call::FUNC_DICT]?;
                self.dict_get_name(d, name)
            }
            _ => None,
        }
    }

    /// Calls a descriptor found on `obj`'s class as a method of `obj`.
    pub(crate) fn call_descriptor(
        &mut self,
        func: ObjId,
        obj: ObjId,
        args: &[ObjId],
    ) -> PyResult<ObjId> {
        self.call_with_first(func, obj, args, &[])
    }

    /// A bound method object `obj.func`.
    pub(crate) fn bind(&mut self, func: ObjId, obj: ObjId) -> ObjId {
        let record = Record::new(Kind::Method, vec![Some(func), Some(obj)]);
        let m = self.heap.alloc(Body::Record(record));
        self.settle();
        m
    }

    /// Applies the descriptor protocol to a class attribute found for `obj` (an instance;
    /// `None` when looked up on the class itself).
    pub(crate) fn bind_descriptor(
        &mut self,
        found: ObjId,
        obj: Option<ObjId>,
        class: ObjId,
    ) -> PyResult<ObjId> {
        let (kind, tag, first) = match self.heap.body(found) {
            Body::Record(r) => (r.kind, Tag::of(r.data), r.refs.first().copied().flatten()),
            _ => (self.heap.kind(found), Tag::Plain, None),
        };
        match (kind, tag, obj) {
            (Kind::Function, _, Some(obj)) => Ok(self.bind(found, obj)),
            (Kind::BuiltinFunction, Tag::MethodDescriptor, Some(obj)) => {
                let index = Tag::state(match self.heap.body(found) {
                    Body::Record(r) => r.data,
                    _ => 0,
                });
                let record = Record {
                    kind: Kind::BuiltinFunction,
                    refs: vec![Some(obj)],
                    data: Tag::Plain.data(index),
                    has_finalizer: false,
                };
                let m = self.heap.alloc(Body::Record(record));
                self.settle();
                Ok(m)
            }
            (Kind::Other, Tag::StaticMethod, _) => Ok(self.newref(first.unwrap_or(self.none))),
            (Kind::Other, Tag::ClassMethod, _) => {
                let func = first.unwrap_or(self.none);
                Ok(self.bind(func, class))
            }
            (Kind::Other, Tag::Property, Some(obj)) => match first {
                Some(getter) => self.call(getter, &[obj]),
                None => self.raise("AttributeError", "property has no getter"),
            },
            (Kind::Other, Tag::SlotDescriptor, Some(obj)) => {
                let index = Tag::state(match self.heap.body(found) {
                    Body::Record(r) => r.data,
                    _ => 0,
                }) as usize;
                let value = match self.heap.body(obj) {
                    Body::Instance(inst) => inst.slots.get(index).copied().flatten(),
                    _ => None,
                };
                match value {
                    Some(v) => Ok(self.newref(v)),
                    None => {
                        let name = self.slot_name(class, index);
                        let tname = self.type_name(obj);
                        self.raise(
                            "AttributeError",
                            format!("'{tname}' object has no attribute '{name}'"),
                        )
                    }
                }
            }
            _ => Ok(self.newref(found)),
        }
    }

    fn slot_name(&self, class: ObjId, index: usize) -> String {
        self.classes
            .get(&class)
            .and_then(|i| i.slots.get(index))
            .map(|&n| self.heap.names.text(n).to_string())
            .unwrap_or_default()
    }

    /// Whether a class attribute is a data descriptor (takes precedence over the instance).
    fn is_data_descriptor(&self, found: ObjId) -> bool {
        matches!(self.heap.body(found), Body::Record(r) if r.kind == Kind::Other
            && matches!(Tag::of(r.data), Tag::Property | Tag::SlotDescriptor))
    }

    /// `getattr(obj, name)`: a new reference, or `AttributeError`.
    pub(crate) fn getattr(&mut self, obj: ObjId, name: Name) -> PyResult<ObjId> {
        through_proxy!(self, obj, self.getattr(obj, name));
        match self.lookup_attr(obj, name)? {
            Some(v) => Ok(v),
            None => {
                let tname = self.type_name(obj);
                let text = self.heap.names.text(name).to_string();
                self.raise(
                    "AttributeError",
                    format!("'{tname}' object has no attribute '{text}'"),
                )
            }
        }
    }

    /// CPython's `_PyObject_LookupAttr`: like [`Vm::getattr`], but an object found by the
    /// generic lookup to have no such attribute gives `None` without making an
    /// `AttributeError` (as `hasattr` and `getattr` with a default rely on). Other lookups
    /// (classes, modules, `__getattr__` hooks) may still raise it.
    pub(crate) fn lookup_attr(&mut self, obj: ObjId, name: Name) -> PyResult<Option<ObjId>> {
        if self.user_getattribute {
            if let Some(result) = self.getattribute_hook(obj, name) {
                return result;
            }
        }
        self.generic_lookup_attr(obj, name, true)
    }

    /// [`Vm::lookup_attr`] without a class's own `__getattribute__`; `with_getattr` lets a
    /// class's `__getattr__` answer a miss.
    pub(crate) fn generic_lookup_attr(
        &mut self,
        obj: ObjId,
        name: Name,
        with_getattr: bool,
    ) -> PyResult<Option<ObjId>> {
        if let Some(v) = self.instance_getattr(obj, name) {
            return Ok(Some(v));
        }
        through_proxy!(self, obj, self.lookup_attr(obj, name));
        if let Some(v) = self.special_attr(obj, name)? {
            return Ok(Some(v));
        }
        if self.is_class(obj) {
            return self.class_getattr(obj, name).map(Some);
        }
        if self.tag_of(obj) == Tag::Super && self.heap.kind(obj) == Kind::Other {
            return self.super_getattr(obj, name).map(Some);
        }
        if self.heap.kind(obj) == Kind::Module {
            let dict = match self.heap.body(obj) {
                Body::Record(r) => r.refs[0].expect("module dict"),
                _ => unreachable!(),
            };
            if let Some(v) = self.dict_get_name(dict, name) {
                return Ok(Some(self.newref(v)));
            }
            let module = self
                .dict_get_str(dict, "__name__")
                .and_then(|m| self.as_str(m))
                .unwrap_or("?")
                .to_string();
            let text = self.heap.names.text(name).to_string();
            return self.raise(
                "AttributeError",
                format!("module '{module}' has no attribute '{text}'"),
            );
        }
        let class = self.type_of(obj);
        let found = self.lookup_in_class(class, name);
        if let Some(found) = found {
            if self.is_data_descriptor(found) {
                return self.bind_descriptor(found, Some(obj), class).map(Some);
            }
        }
        if let Some(v) = self.instance_attr(obj, name) {
            return Ok(Some(self.newref(v)));
        }
        if let Some(found) = found {
            return self.bind_descriptor(found, Some(obj), class).map(Some);
        }
        if !with_getattr {
            return Ok(None);
        }
        let getattr_name = self.special.getattr;
        let hook = self.lookup_user(class, getattr_name);
        if let Some(hook) = hook.filter(|_| !self.skip_user_special(obj)) {
            let key = self.name_str(name);
            return self.call_descriptor(hook, obj, &[key]).map(Some);
        }
        Ok(None)
    }

    /// The commonest case of [`Vm::getattr`], answered without its general checks: an
    /// ordinary name (not `__x__`, not an exception's `args`) stored on an instance, and
    /// not shadowed by a data descriptor of its class. `None` leaves the general path to
    /// decide.
    #[inline]
    fn instance_getattr(&mut self, obj: ObjId, name: Name) -> Option<ObjId> {
        let Body::Instance(inst) = self.heap.body(obj) else {
            return None;
        };
        let class = inst.class;
        let text = self.heap.names.text(name);
        if text.starts_with("__") || text == "args" {
            return None;
        }
        if let Some(found) = self.lookup_in_class(class, name) {
            if self.is_data_descriptor(found) {
                return None;
            }
        }
        let value = self.instance_attr(obj, name)?;
        Some(self.newref(value))
    }

    fn class_getattr(&mut self, class: ObjId, name: Name) -> PyResult<ObjId> {
        if self.heap.names.text(name) == "__new__" {
            let owner = self.lookup_owner(class, name);
            if let Some(owner) = owner.filter(|&o| !self.class_info(o).user) {
                return Ok(self.new_wrapper(owner));
            }
        }
        match self.lookup_in_class(class, name) {
            Some(found) => self.bind_descriptor(found, None, class),
            None => {
                let cname = self.class_info(class).name.clone();
                let text = self.heap.names.text(name).to_string();
                self.raise(
                    "AttributeError",
                    format!("type object '{cname}' has no attribute '{text}'"),
                )
            }
        }
    }

    /// `obj.name = value` (value borrowed).
    pub(crate) fn setattr(&mut self, obj: ObjId, name: Name, value: ObjId) -> PyResult<()> {
        through_proxy!(self, obj, self.setattr(obj, name, value));
        if self.is_class(obj) {
            let Some(dict) = self.classes.get(&obj).and_then(|i| i.dict) else {
                let cname = self.class_info(obj).name.clone();
                return self.type_error(format!(
                    "cannot set '{}' attribute of immutable type '{cname}'",
                    self.heap.names.text(name)
                ));
            };
            let key = self.name_str(name);
            self.dict_set_str(dict, key, value);
            self.user_getattribute |= name == self.special.getattribute;
            return Ok(());
        }
        let class = self.type_of(obj);
        if let Some(found) = self.lookup_in_class(class, name) {
            if let Body::Record(r) = self.heap.body(found) {
                if r.kind == Kind::Other && Tag::of(r.data) == Tag::Property {
                    let setter = r.refs.get(1).copied().flatten();
                    return self.run_property_accessor(setter, "setter", obj, name, &[obj, value]);
                }
                if r.kind == Kind::Other && Tag::of(r.data) == Tag::SlotDescriptor {
                    let index = Tag::state(r.data) as usize;
                    self.heap.set_slot(obj, index, Some(value));
                    self.settle();
                    return Ok(());
                }
            }
        }
        let hook = self.lookup_user(class, self.special.setattr);
        if let Some(hook) = hook.filter(|_| !self.skip_user_special(obj)) {
            let key = self.name_str(name);
            let r = self.call_descriptor(hook, obj, &[key, value])?;
            self.release(r);
            return Ok(());
        }
        let (dict, values_len) = match self.heap.body(obj) {
            Body::Instance(inst) if self.instance_has_dict(class) => (inst.dict, inst.values_len),
            _ => {
                let tname = self.type_name(obj);
                let text = self.heap.names.text(name).to_string();
                return self.raise(
                    "AttributeError",
                    format!("'{tname}' object has no attribute '{text}'"),
                );
            }
        };
        let dict = match dict {
            // The class's shared keys are full: the attributes move to a dict of their own.
            None if values_len > 0 && !self.heap.inline_attr_fits(obj, name) => {
                let d = self.materialize_dict(obj)?;
                self.release(d);
                Some(d)
            }
            dict => dict,
        };
        match dict {
            Some(d) => {
                let key = self.name_str(name);
                self.dict_set_str(d, key, value);
            }
            None => {
                self.heap.set_attr(obj, name, value);
                self.settle();
            }
        }
        Ok(())
    }

    /// Calls a property's setter or deleter (`role`), or says it has none.
    fn run_property_accessor(
        &mut self,
        accessor: Option<ObjId>,
        role: &str,
        obj: ObjId,
        name: Name,
        args: &[ObjId],
    ) -> PyResult<()> {
        let Some(accessor) = accessor else {
            let tname = self.type_name(obj);
            let text = self.heap.names.text(name).to_string();
            return self.raise(
                "AttributeError",
                format!("property '{text}' of '{tname}' object has no {role}"),
            );
        };
        let result = self.call(accessor, args)?;
        self.release(result);
        Ok(())
    }

    /// Whether instances of `class` have a `__dict__`.
    #[inline]
    pub(crate) fn instance_has_dict(&self, class: ObjId) -> bool {
        self.class_facts(class).instance_dict
    }

    /// `del obj.name`.
    pub(crate) fn delattr(&mut self, obj: ObjId, name: Name) -> PyResult<()> {
        through_proxy!(self, obj, self.delattr(obj, name));
        if self.is_class(obj) {
            if let Some(dict) = self.classes.get(&obj).and_then(|i| i.dict) {
                if self.dict_get_name(dict, name).is_some() {
                    return self.delete_name_in(dict, name);
                }
                let cname = self.class_info(obj).name.clone();
                let text = self.heap.names.text(name).to_string();
                return self.raise(
                    "AttributeError",
                    format!("type object '{cname}' has no attribute '{text}'"),
                );
            }
        }
        let class = self.type_of(obj);
        if let Some(found) = self.lookup_in_class(class, name) {
            if let Body::Record(r) = self.heap.body(found) {
                if r.kind == Kind::Other && Tag::of(r.data) == Tag::SlotDescriptor {
                    let index = Tag::state(r.data) as usize;
                    let is_set = matches!(self.heap.body(obj),
                        Body::Instance(inst) if inst.slots.get(index).copied().flatten().is_some());
                    if !is_set {
                        let text = self.heap.names.text(name).to_string();
                        return self.raise("AttributeError", text);
                    }
                    self.heap.set_slot(obj, index, None);
                    self.settle();
                    return Ok(());
                }
                if r.kind == Kind::Other && Tag::of(r.data) == Tag::Property {
                    let deleter = r.refs.get(2).copied().flatten();
                    return self.run_property_accessor(deleter, "deleter", obj, name, &[obj]);
                }
            }
        }
        let dict = match self.heap.body(obj) {
            Body::Instance(inst) => inst.dict,
            _ => None,
        };
        let removed = match dict {
            Some(d) => self.delete_name_in(d, name).is_ok(),
            None if matches!(self.heap.body(obj), Body::Instance(_)) => {
                let removed = self.heap.del_attr(obj, name);
                self.settle();
                removed
            }
            None => false,
        };
        if removed {
            return Ok(());
        }
        let tname = self.type_name(obj);
        let text = self.heap.names.text(name).to_string();
        self.raise(
            "AttributeError",
            format!("'{tname}' object has no attribute '{text}'"),
        )
    }
}
