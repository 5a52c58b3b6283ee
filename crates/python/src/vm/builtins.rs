//! Functions implemented by the interpreter: the `builtins` module, constructors of
//! built-in types, and the methods of built-in types.

use weaklink_heap::{Body, Kind, Name, ObjId, Record};

use super::proxy::through_proxy;
use super::types::Tag;
use super::{PyResult, Vm};

/// A function implemented in Rust. Arguments are borrowed; the last `kwnames.len()` are
/// keyword arguments with those names. A method receives its object first.
pub(crate) type NativeFn = fn(&mut Vm, &[ObjId], &[Name]) -> PyResult<ObjId>;

/// A native function's registration.
pub(crate) struct NativeDef {
    /// `__name__`.
    pub name: &'static str,
    /// The implementation.
    pub func: NativeFn,
    /// Whether a call packs its positional arguments into a new tuple first (see
    /// [`PACKS_ARGUMENTS`]): `Some(n)` packs those after the first `n` (a method's object
    /// is not packed).
    pub packs_arguments: Option<usize>,
}

/// The built-ins CPython 3.11 calls through a tuple of their positional arguments (functions
/// declared `METH_VARARGS`, and types without a vectorcall entry, called through
/// `type.__call__`): `(owner, name)`, the owner `""` for module functions and the type for
/// methods, the name `__new__` for a type call. The tuple is a new container, so it counts
/// in generation 0 unless a free list supplies it.
const PACKS_ARGUMENTS: &[(&str, &str)] = &[
    ("", "min"),
    ("", "max"),
    ("", "set_threshold"),
    ("", "get_referrers"),
    ("", "get_referents"),
    ("", "getsizeof"),
    ("str", "startswith"),
    ("str", "endswith"),
    ("str", "find"),
    ("str", "rfind"),
    ("str", "index"),
    ("str", "rindex"),
    ("str", "count"),
    ("str", "format"),
    ("set", "update"),
    ("set", "union"),
    ("set", "intersection"),
    ("set", "intersection_update"),
    ("set", "difference"),
    ("set", "difference_update"),
    ("frozenset", "union"),
    ("frozenset", "intersection"),
    ("frozenset", "difference"),
    ("str", "__new__"),
    ("int", "__new__"),
    ("zip", "__new__"),
    ("property", "__new__"),
    ("staticmethod", "__new__"),
    ("classmethod", "__new__"),
    ("weakref.ReferenceType", "__new__"),
];

/// Which arguments a call of this native packs (see [`NativeDef::packs_arguments`]).
fn packs_arguments(owner: &str, name: &str) -> Option<usize> {
    let skipped = usize::from(!owner.is_empty() && name != "__new__");
    PACKS_ARGUMENTS.contains(&(owner, name)).then_some(skipped)
}

impl Vm {
    /// Registers a native function; returns its index.
    pub(crate) fn register_native(&mut self, name: &'static str, func: NativeFn) -> usize {
        self.natives.push(NativeDef {
            name,
            func,
            packs_arguments: None,
        });
        self.natives.len() - 1
    }

    /// Registers a native of `owner` (see [`PACKS_ARGUMENTS`]); returns its index.
    fn register_owned_native(&mut self, owner: &str, name: &'static str, func: NativeFn) -> usize {
        let index = self.register_native(name, func);
        self.natives[index].packs_arguments = packs_arguments(owner, name);
        index
    }

    /// A `builtin_function_or_method` object for a native (a new, static reference).
    pub(crate) fn native_object(&mut self, index: usize) -> ObjId {
        self.heap.alloc_static(Body::Record(Record {
            kind: Kind::BuiltinFunction,
            refs: vec![None],
            data: Tag::Plain.data(index as u64),
            has_finalizer: false,
        }))
    }

    /// Adds a function to a namespace dict.
    pub(crate) fn define_native(&mut self, dict: ObjId, name: &'static str, func: NativeFn) {
        let index = self.register_owned_native("", name, func);
        let obj = self.native_object(index);
        self.define(dict, name, obj);
        self.release(obj);
    }

    /// Adds each `(name, function)` of `table` to a namespace dict.
    pub(crate) fn define_natives(&mut self, dict: ObjId, table: &[(&'static str, NativeFn)]) {
        for &(name, func) in table {
            self.define_native(dict, name, func);
        }
    }

    /// Adds each `(name, function)` of `table` as a method of a built-in type.
    pub(crate) fn define_methods(&mut self, type_name: &str, table: &[(&'static str, NativeFn)]) {
        for &(name, func) in table {
            self.define_method(type_name, name, func);
        }
    }

    /// Adds a method to a built-in type.
    pub(crate) fn define_method(&mut self, type_name: &str, name: &'static str, func: NativeFn) {
        let index = self.register_owned_native(type_name, name, func);
        let descr = self.heap.alloc_static(Body::Record(Record {
            kind: Kind::BuiltinFunction,
            refs: Vec::new(),
            data: Tag::MethodDescriptor.data(index as u64),
            has_finalizer: false,
        }));
        let class = self.builtin_type(type_name);
        let interned = self.intern(name);
        self.classes
            .get_mut(&class)
            .expect("built-in type")
            .methods
            .insert(interned, descr);
    }

    /// Makes a built-in type callable through a native constructor.
    pub(crate) fn define_constructor(&mut self, type_name: &'static str, func: NativeFn) {
        let index = self.register_native(type_name, func);
        self.natives[index].packs_arguments = packs_arguments(type_name, "__new__");
        let class = self.builtin_type(type_name);
        let new = self.intern("__new__");
        let descr = self.native_object(index);
        self.classes
            .get_mut(&class)
            .expect("built-in type")
            .methods
            .insert(new, descr);
    }

    /// Calls native function `index`.
    pub(crate) fn call_native(
        &mut self,
        index: usize,
        args: &[ObjId],
        kwnames: &[Name],
    ) -> PyResult<ObjId> {
        let native = &self.natives[index];
        let func = native.func;
        let positional = args.len() - kwnames.len();
        let first = match native.packs_arguments {
            Some(first) if first < positional => first,
            _ => return func(self, args, kwnames),
        };
        let held: Vec<ObjId> = args[first..positional]
            .iter()
            .map(|&a| self.newref(a))
            .collect();
        let tuple = self.new_tuple(held);
        self.temporaries.push(tuple);
        let outer = self.packed_arguments.replace(tuple);
        let result = func(self, args, kwnames);
        self.packed_arguments = outer;
        self.temporaries.pop();
        self.release(tuple);
        result
    }

    /// The name of a built-in function object.
    pub(crate) fn native_name(&self, obj: ObjId) -> String {
        match self.heap.body(obj) {
            Body::Record(r) => self
                .natives
                .get(Tag::state(r.data) as usize)
                .map_or("?", |n| n.name)
                .to_string(),
            _ => "?".into(),
        }
    }

    /// A function of the builtins module (a new reference).
    pub(crate) fn builtin_function(&mut self, name: &str) -> ObjId {
        let f = self.dict_get_str(self.builtins, name).unwrap_or(self.none);
        self.newref(f)
    }

    /// Calls a built-in type (`int("3")`, `list(x)`, `weakref.ref(o)`...).
    pub(crate) fn construct_builtin(
        &mut self,
        class: ObjId,
        args: &[ObjId],
        kwnames: &[Name],
    ) -> PyResult<ObjId> {
        let new = self.special.new;
        let ctor = self.classes[&class].methods.get(&new).copied();
        match ctor {
            Some(c) => {
                let index = match self.heap.body(c) {
                    Body::Record(r) => Tag::state(r.data) as usize,
                    _ => unreachable!(),
                };
                self.call_native(index, args, kwnames)
            }
            None => {
                let name = self.class_info(class).tp_name.clone();
                self.type_error(format!("cannot create '{name}' instances"))
            }
        }
    }

    /// Items of an iterable, as new references.
    pub(crate) fn collect_iterable(&mut self, iterable: ObjId) -> PyResult<Vec<ObjId>> {
        let it = self.get_iter(iterable)?;
        let mut items = Vec::new();
        loop {
            match self.next_of(it) {
                Ok(Some(v)) => items.push(v),
                Ok(None) => break,
                Err(e) => {
                    self.release(it);
                    self.release_all(items);
                    return Err(e);
                }
            }
        }
        self.release(it);
        Ok(items)
    }

    /// `len(obj)`.
    pub(crate) fn len_of(&mut self, obj: ObjId) -> PyResult<usize> {
        through_proxy!(self, obj, self.len_of(obj));
        let body = match self.heap.body(obj) {
            Body::Instance(inst) if inst.base.is_some() => inst.base.as_deref(),
            b => Some(b),
        };
        let n = match body {
            Some(Body::Str(s)) => Some(s.chars().count()),
            Some(Body::Tuple(t)) => Some(t.len()),
            Some(Body::List(l)) => Some(l.items.len()),
            Some(Body::Dict(d)) => Some(d.len()),
            Some(Body::Set(s)) => Some(s.entries.len()),
            Some(Body::Record(r)) if Tag::of(r.data) == Tag::Range => {
                let parts: Vec<i64> = r
                    .refs
                    .iter()
                    .map(|x| x.and_then(|v| self.as_int(v)).unwrap_or(0))
                    .collect();
                Some(range_len(parts[0], parts[1], parts[2]) as usize)
            }
            Some(Body::Record(r))
                if matches!(
                    Tag::of(r.data),
                    Tag::DictKeys | Tag::DictValues | Tag::DictItems
                ) =>
            {
                let d = r.refs[0].expect("view dict");
                self.heap.dict(d).map(|d| d.len())
            }
            _ => None,
        };
        let user = self.is_user_class(self.type_of(obj));
        if user {
            if let Some(r) = self.call_special(obj, "__len__", &[]) {
                let r = r?;
                let v = self.as_int(r);
                self.release(r);
                return match v {
                    Some(v) if v >= 0 => Ok(v as usize),
                    Some(_) => self.value_error("__len__() should return >= 0"),
                    None => self.type_error("'str' object cannot be interpreted as an integer"),
                };
            }
        }
        match n {
            Some(n) => Ok(n),
            None => {
                let t = self.type_name(obj);
                self.type_error(format!("object of type '{t}' has no len()"))
            }
        }
    }

    /// `int(x)` (a new reference).
    pub(crate) fn int_of(&mut self, x: ObjId) -> PyResult<ObjId> {
        if let Some(i) = self.as_int(x) {
            return Ok(self.new_int(i));
        }
        if let Some(value) = self.big_value(x) {
            return Ok(self.new_big(value));
        }
        if let Some(f) = self.as_float(x) {
            return self.int_from_float(f);
        }
        if let Some(s) = self.as_str(x) {
            let s = s.to_string();
            return self.int_from_text(&s, 10);
        }
        if let Some(r) = self.call_special(x, "__int__", &[]) {
            return r;
        }
        let t = self.type_name(x);
        self.type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
        ))
    }

    /// `float(x)`.
    pub(crate) fn float_of(&mut self, x: ObjId) -> PyResult<f64> {
        if let Some(i) = self.as_int(x) {
            return Ok(i as f64);
        }
        if let Some(f) = self.as_float(x) {
            return Ok(f);
        }
        if let Some(value) = self.big_value(x) {
            return self.big_to_float(&value);
        }
        if let Some(s) = self.as_str(x) {
            let s = s.to_string();
            return self.text_result(crate::text::float_from_str(&s));
        }
        let t = self.type_name(x);
        self.type_error(format!(
            "float() argument must be a string or a real number, not '{t}'"
        ))
    }
}

/// The number of items in `range(start, stop, step)`.
pub(crate) fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    }
}

/// Registers the builtins module's functions and the built-in types' methods.
pub(crate) fn install(vm: &mut Vm) {
    let builtins = vm.new_dict();
    vm.builtins = builtins;
    super::natives::install(vm, builtins);
    super::natives_iter::install(vm, builtins);
    super::natives_vars::install(vm, builtins);
    super::natives_num::install(vm, builtins);
    super::files::install(vm, builtins);
    super::methods_str::install(vm);
    super::methods_list::install(vm);
    super::methods_dict::install(vm);
    super::methods_set::install(vm);
    super::slots::install(vm);
}
