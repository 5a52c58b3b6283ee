//! The special methods of built-in types as attributes: `object.__init__`, `ref.__eq__`,
//! `dict.__setitem__`, `list.__repr__`... They run the built-in behaviour even when a
//! subclass overrides the method, so that `super().__setitem__(k, v)` or
//! `ref.__hash__(self)` inside an override reaches the base type and does not recurse.
//!
//! `T.__new__` is CPython's `tp_new_wrapper`: `ref.__new__(KeyedRef, obj, callback)` makes an
//! instance of the subclass with the built-in part (here a weak reference) inside.

use weaklink_heap::{Body, Kind, Name, ObjId, Record};

use super::args::positional;
use super::builtins::NativeFn;
use super::types::{Layout, Tag};
use super::{PyResult, Vm};
use crate::compile::CmpOp;

impl Vm {
    /// Runs `op` with the special methods of `obj`'s Python class skipped for the first
    /// dispatch on `obj`: the built-in behaviour of the base type.
    fn builtin_behaviour<T>(
        &mut self,
        obj: ObjId,
        op: impl FnOnce(&mut Vm) -> PyResult<T>,
    ) -> PyResult<T> {
        let saved = self.builtin_only.replace(obj);
        let result = op(self);
        self.builtin_only = saved;
        result
    }

    /// Whether a special method lookup on `obj` must skip its Python class (once).
    pub(crate) fn skip_user_special(&mut self, obj: ObjId) -> bool {
        if self.builtin_only == Some(obj) {
            self.builtin_only = None;
            true
        } else {
            false
        }
    }

    /// `T.__new__` for a built-in `T`: a bound wrapper taking the class to instantiate first
    /// (a new reference). Like the one CPython keeps in the type's dict, it is made once per
    /// type and lives as long as the type: `object.__new__ is object.__new__`.
    pub(crate) fn new_wrapper(&mut self, owner: ObjId) -> ObjId {
        if let Some(&wrapper) = self.new_wrappers.get(&owner) {
            return self.newref(wrapper);
        }
        let index = self.new_wrapper_native;
        let record = Record {
            kind: Kind::BuiltinFunction,
            refs: vec![Some(owner)],
            data: Tag::Plain.data(index as u64),
            has_finalizer: false,
        };
        // The table keeps one reference (as the type's dict does); the caller gets another.
        let wrapper = self.heap.alloc(Body::Record(record));
        self.settle();
        self.new_wrappers.insert(owner, wrapper);
        self.newref(wrapper)
    }
}

/// `T.__new__(cls, *args)`.
fn tp_new_wrapper(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let owner = args[0];
    let owner_name = vm.class_info(owner).name.clone();
    let Some(&cls) = args.get(1) else {
        return vm.type_error(format!("{owner_name}.__new__(): not enough arguments"));
    };
    if !vm.is_class(cls) {
        let t = vm.type_name(cls);
        return vm.type_error(format!(
            "{owner_name}.__new__(X): X is not a type object ({t})"
        ));
    }
    let cls_name = vm.class_info(cls).name.clone();
    if !vm.is_subclass(cls, owner) {
        return vm.type_error(format!(
            "{owner_name}.__new__({cls_name}): {cls_name} is not a subtype of {owner_name}"
        ));
    }
    let rest = &args[2..];
    if cls == owner || !vm.class_info(cls).user {
        return vm.construct_builtin(cls, rest, kwnames);
    }
    vm.new_instance(cls, positional(rest, kwnames))
}

/// `object.__init__(self, *args)`: extra arguments are an error unless the class
/// overrides `__new__` and not `__init__`, as CPython's `object_init` says.
fn object_init(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let Some(&obj) = args.first() else {
        return vm.type_error("descriptor '__init__' of 'object' object needs an argument");
    };
    if args.len() > 1 {
        let class = vm.type_of(obj);
        let (new, init) = (vm.intern("__new__"), vm.intern("__init__"));
        let overrides_init = vm.lookup_user(class, init).is_some();
        let overrides_new = vm.lookup_user(class, new).is_some();
        if overrides_init {
            return vm.type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            );
        }
        if !overrides_new {
            let name = vm.class_info(class).name.clone();
            return vm.type_error(format!(
                "{name}.__init__() takes exactly one argument (the instance to initialize)"
            ));
        }
    }
    Ok(vm.new_none())
}

/// `__init__` of a built-in base with a layout (`list`, `dict`, exceptions...).
fn base_init(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let Some(&obj) = args.first() else {
        return vm.type_error("descriptor '__init__' needs an argument");
    };
    let class = vm.type_of(obj);
    match vm.layout_of(class) {
        Layout::Builtin(Kind::List) => {
            vm.heap.list_clear(obj);
            vm.settle();
        }
        Layout::Exception => {
            let items: Vec<ObjId> = positional(&args[1..], kwnames)
                .iter()
                .map(|&a| vm.newref(a))
                .collect();
            let tuple = vm.new_tuple(items);
            vm.heap.set_field(obj, super::exc::EXC_ARGS, Some(tuple));
            vm.release(tuple);
            return Ok(vm.new_none());
        }
        _ => {}
    }
    vm.init_builtin_base(obj, class, &args[1..], kwnames)?;
    Ok(vm.new_none())
}

/// `ref.__init__(self, obj, callback=None)`: the reference was made by `__new__`.
fn ref_init(vm: &mut Vm, _: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    Ok(vm.new_none())
}

/// `ref.__call__(self)`: the referent, or `None` once it has died.
fn ref_call(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    if args.len() != 1 {
        return vm.type_error(format!(
            "weakref() takes no arguments ({} given)",
            args.len().saturating_sub(1)
        ));
    }
    let target = vm.heap.weakref_target(args[0]).unwrap_or(vm.none);
    Ok(vm.newref(target))
}

/// The object and the one argument of a binary special method.
fn two_args(vm: &mut Vm, args: &[ObjId]) -> PyResult<(ObjId, ObjId)> {
    match args {
        &[a, b] => Ok((a, b)),
        _ => vm.type_error(format!(
            "expected 1 argument, got {}",
            args.len().saturating_sub(1)
        )),
    }
}

/// The built-in comparison of a type, or `NotImplemented` (no reflection: that is the
/// operator's job).
fn rich_compare(vm: &mut Vm, op: CmpOp, args: &[ObjId]) -> PyResult<ObjId> {
    let (a, b) = two_args(vm, args)?;
    let result = if vm.heap.is_weakref(a) && vm.heap.is_weakref(b) {
        vm.weakref_compare(op, a, b)?
    } else {
        vm.builtin_compare(op, a, b)?
    };
    let result = result.or(match op {
        CmpOp::Eq if a == b => Some(true),
        _ => None,
    });
    Ok(match result {
        Some(r) => vm.new_bool(r),
        None => vm.newref(vm.not_implemented),
    })
}

fn slot_eq(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    rich_compare(vm, CmpOp::Eq, args)
}

/// `object.__ne__`: the inverse of `self.__eq__(other)` unless that is `NotImplemented`.
fn slot_ne(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let (a, b) = two_args(vm, args)?;
    let eq = match vm.call_special(a, "__eq__", &[b]) {
        Some(r) => r?,
        None => rich_compare(vm, CmpOp::Eq, args)?,
    };
    if eq == vm.not_implemented {
        return Ok(eq);
    }
    let t = vm.truthy(eq);
    vm.release(eq);
    Ok(vm.new_bool(!t?))
}

fn slot_hash(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let obj = args[0];
    let h = if vm.heap.is_weakref(obj) {
        vm.weakref_hash(obj)?
    } else {
        vm.builtin_behaviour(obj, |vm| vm.hash(obj))?
    };
    Ok(vm.new_int(h))
}

fn slot_repr(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let obj = args[0];
    let text = vm.builtin_behaviour(obj, |vm| vm.repr_string(obj))?;
    Ok(vm.new_str(&text))
}

fn slot_str(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let obj = args[0];
    let text = vm.builtin_behaviour(obj, |vm| vm.str_string(obj))?;
    Ok(vm.new_str(&text))
}

fn slot_setattr(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let &[obj, name, value] = args else {
        return vm.type_error(format!(
            "expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        ));
    };
    let name = attribute_name(vm, name)?;
    vm.builtin_behaviour(obj, |vm| vm.setattr(obj, name, value))?;
    Ok(vm.new_none())
}

fn slot_delattr(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let (obj, name) = two_args(vm, args)?;
    let name = attribute_name(vm, name)?;
    vm.delattr(obj, name)?;
    Ok(vm.new_none())
}

fn slot_getattribute(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let (obj, name) = two_args(vm, args)?;
    let name = attribute_name(vm, name)?;
    vm.builtin_behaviour(obj, |vm| vm.getattr(obj, name))
}

fn attribute_name(vm: &mut Vm, name: ObjId) -> PyResult<Name> {
    match vm.as_str(name).map(str::to_string) {
        Some(text) => Ok(vm.intern(&text)),
        None => {
            let t = vm.type_name(name);
            vm.type_error(format!("attribute name must be string, not '{t}'"))
        }
    }
}

fn slot_getitem(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let (obj, key) = two_args(vm, args)?;
    vm.builtin_behaviour(obj, |vm| vm.getitem(obj, key))
}

fn slot_setitem(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let &[obj, key, value] = args else {
        return vm.type_error(format!(
            "expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        ));
    };
    vm.builtin_behaviour(obj, |vm| vm.setitem(obj, key, value))?;
    Ok(vm.new_none())
}

fn slot_delitem(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let (obj, key) = two_args(vm, args)?;
    vm.builtin_behaviour(obj, |vm| vm.delitem(obj, key))?;
    Ok(vm.new_none())
}

fn slot_contains(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let (obj, item) = two_args(vm, args)?;
    let found = vm.builtin_behaviour(obj, |vm| vm.contains(obj, item))?;
    Ok(vm.new_bool(found))
}

fn slot_len(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let obj = args[0];
    let n = vm.builtin_behaviour(obj, |vm| vm.len_of(obj))?;
    Ok(vm.new_int(n as i64))
}

fn slot_iter(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let obj = args[0];
    vm.builtin_behaviour(obj, |vm| vm.get_iter(obj))
}

/// A copy of a property with one accessor replaced (`@x.setter`).
fn property_with(vm: &mut Vm, args: &[ObjId], index: usize) -> PyResult<ObjId> {
    let (prop, func) = two_args(vm, args)?;
    let mut refs = match vm.heap.body(prop) {
        Body::Record(r) => r.refs.clone(),
        _ => return vm.type_error("descriptor requires a 'property' object"),
    };
    refs.resize(4, None);
    refs[index] = Some(func).filter(|&f| !vm.is_none(f));
    let record = vm.tagged_record(Kind::Other, Tag::Property, 0, refs);
    let obj = vm.heap.alloc(Body::Record(record));
    vm.settle();
    Ok(obj)
}

fn property_getter(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    property_with(vm, args, 0)
}

fn property_setter(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    property_with(vm, args, 1)
}

fn property_deleter(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    property_with(vm, args, 2)
}

/// `types.MethodType(func, obj)`: a bound method.
fn method_new(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let &[func, obj] = args else {
        return vm.type_error(format!("method expected 2 arguments, got {}", args.len()));
    };
    if !vm.is_callable(func) {
        return vm.type_error("first argument must be callable");
    }
    if vm.is_none(obj) {
        return vm.type_error("instance must not be None");
    }
    Ok(vm.bind(func, obj))
}

/// Which special methods each built-in type shows as attributes.
const SLOTS: &[(&str, &[(&str, NativeFn)])] = &[
    (
        "object",
        &[
            ("__init__", object_init),
            ("__eq__", slot_eq),
            ("__ne__", slot_ne),
            ("__hash__", slot_hash),
            ("__repr__", slot_repr),
            ("__str__", slot_str),
            ("__setattr__", slot_setattr),
            ("__delattr__", slot_delattr),
            ("__getattribute__", slot_getattribute),
        ],
    ),
    (
        "property",
        &[
            ("getter", property_getter),
            ("setter", property_setter),
            ("deleter", property_deleter),
        ],
    ),
    (
        "weakref.ReferenceType",
        &[
            ("__init__", ref_init),
            ("__call__", ref_call),
            ("__eq__", slot_eq),
            ("__ne__", slot_ne),
            ("__hash__", slot_hash),
        ],
    ),
    (
        "BaseException",
        &[
            ("__init__", base_init),
            ("__str__", slot_str),
            ("__repr__", slot_repr),
        ],
    ),
    (
        "list",
        &[
            ("__init__", base_init),
            ("__getitem__", slot_getitem),
            ("__setitem__", slot_setitem),
            ("__delitem__", slot_delitem),
            ("__contains__", slot_contains),
            ("__len__", slot_len),
            ("__iter__", slot_iter),
            ("__repr__", slot_repr),
            ("__eq__", slot_eq),
        ],
    ),
    (
        "dict",
        &[
            ("__init__", base_init),
            ("__getitem__", slot_getitem),
            ("__setitem__", slot_setitem),
            ("__delitem__", slot_delitem),
            ("__contains__", slot_contains),
            ("__len__", slot_len),
            ("__iter__", slot_iter),
            ("__repr__", slot_repr),
            ("__eq__", slot_eq),
        ],
    ),
    (
        "tuple",
        &[
            ("__getitem__", slot_getitem),
            ("__contains__", slot_contains),
            ("__len__", slot_len),
            ("__iter__", slot_iter),
            ("__repr__", slot_repr),
            ("__eq__", slot_eq),
            ("__hash__", slot_hash),
        ],
    ),
    (
        "str",
        &[
            ("__getitem__", slot_getitem),
            ("__contains__", slot_contains),
            ("__len__", slot_len),
            ("__iter__", slot_iter),
            ("__repr__", slot_repr),
            ("__str__", slot_str),
            ("__eq__", slot_eq),
            ("__hash__", slot_hash),
        ],
    ),
    (
        "set",
        &[
            ("__contains__", slot_contains),
            ("__len__", slot_len),
            ("__iter__", slot_iter),
            ("__repr__", slot_repr),
            ("__eq__", slot_eq),
        ],
    ),
    ("int", NUMBER),
    ("float", NUMBER),
];

/// The special methods `int` and `float` show.
const NUMBER: &[(&str, NativeFn)] = &[
    ("__repr__", slot_repr),
    ("__eq__", slot_eq),
    ("__hash__", slot_hash),
];

/// Registers the special methods of the built-in types and the `__new__` wrapper.
pub(crate) fn install(vm: &mut Vm) {
    vm.new_wrapper_native = vm.register_native("__new__", tp_new_wrapper);
    vm.define_constructor("method", method_new);
    super::generators::install(vm);
    for &(type_name, slots) in SLOTS {
        vm.define_methods(type_name, slots);
    }
}
