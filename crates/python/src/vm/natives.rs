//! The `builtins` module's functions and the constructors of built-in types.

use weaklink_heap::{Body, Kind, Name, ObjId};

use super::args::{expect_args, keyword, positional};
use super::types::Tag;
use super::{PyResult, Vm};

fn print(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    vm.print_setup(!positional(args, kwnames).is_empty());
    let sep = match keyword(vm, args, kwnames, "sep") {
        Some(s) if !vm.is_none(s) => vm.as_str(s).unwrap_or(" ").to_string(),
        _ => " ".into(),
    };
    let end = match keyword(vm, args, kwnames, "end") {
        Some(s) if !vm.is_none(s) => vm.as_str(s).unwrap_or("\n").to_string(),
        _ => "\n".into(),
    };
    let mut parts = Vec::new();
    for &a in positional(args, kwnames) {
        parts.push(vm.str_string(a)?);
    }
    let line = parts.join(&sep) + &end;
    match keyword(vm, args, kwnames, "file") {
        Some(f) if vm.heap.kind(f) == Kind::File => vm.file_write(f, &line)?,
        _ => vm.stdout.push_str(&line),
    }
    Ok(vm.new_none())
}

impl Vm {
    /// The containers CPython 3.11's `print` makes, as generation 0 counts them: its first
    /// call builds its argument parser's tuple of keyword names (`('sep', 'end', 'file',
    /// 'flush')`), which lives as long as the interpreter, and a call with something to
    /// print makes a one-item tuple and frees it again (a free list keeps it after that).
    fn print_setup(&mut self, has_values: bool) {
        if self.print_keywords.is_none() {
            let names = ["sep", "end", "file", "flush"].map(|n| self.new_str(n));
            self.print_keywords = Some(self.new_tuple(names.to_vec()));
        }
        if has_values {
            // Only its allocation shows; what it holds is not the program's business.
            let item = self.new_none();
            let tuple = self.new_tuple(vec![item]);
            self.release(tuple);
        }
    }
}

fn len(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "len", args, 1)?;
    let n = vm.len_of(args[0])?;
    Ok(vm.new_int(n as i64))
}

fn repr(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "repr", args, 1)?;
    let text = vm.repr_string(args[0])?;
    Ok(vm.new_str(&text))
}

fn id(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "id", args, 1)?;
    let v = vm.id_of(args[0]);
    Ok(vm.new_int(v))
}

fn hash(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "hash", args, 1)?;
    let h = vm.hash(args[0])?;
    Ok(vm.new_int(h))
}

fn isinstance(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "isinstance", args, 2)?;
    let classes = if vm.heap.kind(args[1]) == Kind::Tuple {
        vm.tuple_items(args[1])
    } else {
        vec![args[1]]
    };
    let mut result = false;
    for c in classes {
        if !vm.is_class(c) {
            return vm
                .type_error("isinstance() arg 2 must be a type, a tuple of types, or a union");
        }
        result |= vm.isinstance(args[0], c);
    }
    if !result {
        // `isinstance` also asks the object's `__class__`, which a proxy forwards.
        if let Some(target) = vm.proxy_referent(args[0]).unwrap_or(None) {
            let classes = if vm.heap.kind(args[1]) == Kind::Tuple {
                vm.tuple_items(args[1])
            } else {
                vec![args[1]]
            };
            result = classes.into_iter().any(|c| vm.isinstance(target, c));
            vm.release(target);
        }
    }
    Ok(vm.new_bool(result))
}

fn issubclass(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "issubclass", args, 2)?;
    if !vm.is_class(args[0]) {
        return vm.type_error("issubclass() arg 1 must be a class");
    }
    let classes = if vm.heap.kind(args[1]) == Kind::Tuple {
        vm.tuple_items(args[1])
    } else {
        vec![args[1]]
    };
    let result = classes.into_iter().any(|c| vm.is_subclass(args[0], c));
    Ok(vm.new_bool(result))
}

fn iter(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "iter", args, 1)?;
    vm.get_iter(args[0])
}

fn next(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    if args.is_empty() || args.len() > 2 {
        return vm.type_error(format!(
            "next expected at least 1 argument, got {}",
            args.len()
        ));
    }
    match vm.next_of(args[0])? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(&default) => Ok(vm.newref(default)),
            None => Err(vm.exception("StopIteration", "")),
        },
    }
}

fn getattr(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    if args.len() < 2 {
        return vm.type_error("getattr expected at least 2 arguments");
    }
    let Some(name) = vm.as_str(args[1]).map(str::to_string) else {
        return vm.type_error("attribute name must be string");
    };
    let name = vm.intern(&name);
    if args.len() < 3 {
        return vm.getattr(args[0], name);
    }
    match vm.lookup_attr(args[0], name) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Ok(vm.newref(args[2])),
        Err(super::Raised::Exception(e)) if vm.isinstance(e, vm.builtin_type("AttributeError")) => {
            vm.release(e);
            Ok(vm.newref(args[2]))
        }
        Err(e) => Err(e),
    }
}

fn setattr(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "setattr", args, 3)?;
    let Some(name) = vm.as_str(args[1]).map(str::to_string) else {
        return vm.type_error("attribute name must be string");
    };
    let name = vm.intern(&name);
    vm.setattr(args[0], name, args[2])?;
    Ok(vm.new_none())
}

fn delattr(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "delattr", args, 2)?;
    let Some(name) = vm.as_str(args[1]).map(str::to_string) else {
        return vm.type_error("attribute name must be string");
    };
    let name = vm.intern(&name);
    vm.delattr(args[0], name)?;
    Ok(vm.new_none())
}

fn hasattr(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "hasattr", args, 2)?;
    let Some(name) = vm.as_str(args[1]).map(str::to_string) else {
        return vm.type_error("attribute name must be string");
    };
    let name = vm.intern(&name);
    match vm.lookup_attr(args[0], name) {
        Ok(Some(v)) => {
            vm.release(v);
            Ok(vm.new_bool(true))
        }
        Ok(None) => Ok(vm.new_bool(false)),
        Err(super::Raised::Exception(e)) if vm.isinstance(e, vm.builtin_type("AttributeError")) => {
            vm.release(e);
            Ok(vm.new_bool(false))
        }
        Err(e) => Err(e),
    }
}

fn callable(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "callable", args, 1)?;
    let obj = args[0];
    let call = vm.intern("__call__");
    let class = vm.type_of(obj);
    let result = matches!(
        vm.heap.kind(obj),
        Kind::Function | Kind::BuiltinFunction | Kind::Method | Kind::Class | Kind::CallableProxy
    ) || vm.lookup_in_class(class, call).is_some();
    Ok(vm.new_bool(result))
}

fn build_class(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    vm.build_class(args, kwnames)
}

fn abs(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "abs", args, 1)?;
    if let Some(i) = vm.as_int(args[0]).filter(|&i| i != i64::MIN) {
        return Ok(vm.new_int(i.abs()));
    }
    if let Some(mut value) = vm.big_value(args[0]) {
        value.negative = false;
        return Ok(vm.new_big(value));
    }
    if let Some(f) = vm.as_float(args[0]) {
        return Ok(vm.new_float(f.abs()));
    }
    if let Some(r) = vm.call_special(args[0], "__abs__", &[]) {
        return r;
    }
    let t = vm.type_name(args[0]);
    vm.type_error(format!("bad operand type for abs(): '{t}'"))
}

// ----- constructors -----

fn type_new(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    match args.len() {
        1 => {
            let t = vm.type_of(args[0]);
            Ok(vm.newref(t))
        }
        3 => type_made(vm, args),
        _ => vm.type_error("type() takes 1 or 3 arguments"),
    }
}

/// `type(name, bases, namespace)`: a class made as a `class` statement makes it, from a copy
/// of the namespace (given the caller's `__module__` if it has none).
fn type_made(vm: &mut Vm, args: &[ObjId]) -> PyResult<ObjId> {
    let wanted = [
        (1, "str", Kind::Str),
        (2, "tuple", Kind::Tuple),
        (3, "dict", Kind::Dict),
    ];
    for (&arg, (position, type_name, kind)) in args.iter().zip(wanted) {
        if vm.heap.kind(arg) != kind {
            let t = vm.type_name(arg);
            return vm.type_error(format!(
                "type.__new__() argument {position} must be {type_name}, not {t}"
            ));
        }
    }
    let name = vm.as_str(args[0]).unwrap_or_default().to_string();
    let mut bases = vm.tuple_items(args[1]);
    if bases.iter().any(|&b| !vm.is_class(b)) {
        return vm.type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
             subclass of the metaclasses of all its bases",
        );
    }
    if bases.is_empty() {
        bases.push(vm.object_type());
    }
    let ns = vm.new_dict();
    vm.temporaries.push(ns);
    let made = match vm.dict_update(ns, args[2], false) {
        Ok(()) => {
            if vm.dict_get_str(ns, "__module__").is_none() {
                let globals = vm.frame().globals;
                if let Some(module) = vm.dict_get_str(globals, "__name__") {
                    let key = vm.new_str("__module__");
                    vm.dict_set_str(ns, key, module);
                    vm.release(key);
                }
            }
            vm.make_class(&name, &bases, ns)
        }
        Err(e) => Err(e),
    };
    vm.temporaries.pop();
    vm.release(ns);
    made
}

fn object_new(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    if !args.is_empty() {
        return vm.type_error("object() takes no arguments");
    }
    let class = vm.object_type();
    vm.new_instance(class, &[])
}

fn int_new(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    match args {
        [] => Ok(vm.new_int(0)),
        [x] => vm.int_of(*x),
        [x, base] => {
            let Some(base) = vm.as_int(*base) else {
                let t = vm.type_name(*base);
                return vm.type_error(format!("'{t}' object cannot be interpreted as an integer"));
            };
            if base != 0 && !(2..=36).contains(&base) {
                return vm.value_error("int() base must be >= 2 and <= 36, or 0");
            }
            let Some(text) = vm.as_str(*x).map(str::to_string) else {
                return vm.type_error("int() can't convert non-string with explicit base");
            };
            vm.int_from_text(&text, base as u32)
        }
        _ => vm.type_error(format!(
            "int() takes at most 2 arguments ({} given)",
            args.len()
        )),
    }
}

fn float_new(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    match args {
        [] => Ok(vm.new_float(0.0)),
        [x] => {
            let f = vm.float_of(*x)?;
            Ok(vm.new_float(f))
        }
        _ => vm.type_error("float expected at most 1 argument"),
    }
}

fn str_new(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    match args {
        [] => Ok(vm.new_str("")),
        [x] => {
            let text = vm.str_string(*x)?;
            Ok(vm.new_str(&text))
        }
        _ => vm.type_error("str() takes at most 1 argument"),
    }
}

fn bool_new(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    match args {
        [] => Ok(vm.new_bool(false)),
        [x] => {
            let t = vm.truthy(*x)?;
            Ok(vm.new_bool(t))
        }
        _ => vm.type_error("bool expected at most 1 argument"),
    }
}

fn list_new(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let items = match args {
        [] => Vec::new(),
        [x] => vm.collect_iterable(*x)?,
        _ => return vm.type_error("list expected at most 1 argument"),
    };
    Ok(vm.new_list(items))
}

fn tuple_new(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let items = match args {
        [] => Vec::new(),
        [x] if vm.heap.kind(*x) == Kind::Tuple => return Ok(vm.newref(*x)),
        [x] => vm.collect_iterable(*x)?,
        _ => return vm.type_error("tuple expected at most 1 argument"),
    };
    Ok(vm.new_tuple(items))
}

fn dict_new(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let d = vm.new_dict();
    let pos = positional(args, kwnames);
    if let Some(&source) = pos.first() {
        if let Err(e) = vm.dict_update(d, source, false) {
            vm.release(d);
            return Err(e);
        }
    }
    for (i, &k) in kwnames.iter().enumerate() {
        let key = vm.name_str(k);
        vm.setitem(d, key, args[pos.len() + i])?;
    }
    Ok(d)
}

fn set_new(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let s = vm.new_set(false);
    if let Some(&source) = args.first() {
        if let Err(e) = vm.set_update(s, source) {
            vm.release(s);
            return Err(e);
        }
    }
    Ok(s)
}

fn frozenset_new(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let s = vm.new_set(true);
    if let Some(&source) = args.first() {
        if let Err(e) = vm.set_update(s, source) {
            vm.release(s);
            return Err(e);
        }
    }
    Ok(s)
}

fn range_new(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let mut ints = Vec::new();
    for &a in args {
        match vm.as_int(a) {
            Some(i) => ints.push(i),
            None => {
                let t = vm.type_name(a);
                return vm.type_error(format!("'{t}' object cannot be interpreted as an integer"));
            }
        }
    }
    let (start, stop, step) = match ints.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        _ => {
            return vm.type_error(format!(
                "range expected at most 3 arguments, got {}",
                args.len()
            ))
        }
    };
    if step == 0 {
        return vm.value_error("range() arg 3 must not be zero");
    }
    let refs = vec![
        Some(vm.new_int(start)),
        Some(vm.new_int(stop)),
        Some(vm.new_int(step)),
    ];
    let record = vm.tagged_record(Kind::Other, Tag::Range, 0, refs);
    // CPython's range holds C integers and has no GC header.
    let r = vm.heap.alloc_owning_not_gc(Body::Record(record));
    vm.settle();
    Ok(r)
}

fn wrapper_new(vm: &mut Vm, tag: Tag, args: &[ObjId]) -> PyResult<ObjId> {
    let refs: Vec<Option<ObjId>> = (0..4).map(|i| args.get(i).copied()).collect();
    let record = vm.tagged_record(Kind::Other, tag, 0, refs);
    let obj = vm.heap.alloc(Body::Record(record));
    vm.settle();
    Ok(obj)
}

fn staticmethod_new(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "staticmethod", args, 1)?;
    wrapper_new(vm, Tag::StaticMethod, args)
}

fn classmethod_new(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    expect_args(vm, "classmethod", args, 1)?;
    wrapper_new(vm, Tag::ClassMethod, args)
}

fn property_new(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    wrapper_new(vm, Tag::Property, args)
}

/// Registers the builtins.
pub(crate) fn install(vm: &mut Vm, builtins: ObjId) {
    let functions: &[(&'static str, super::builtins::NativeFn)] = &[
        ("print", print),
        ("len", len),
        ("repr", repr),
        ("id", id),
        ("hash", hash),
        ("isinstance", isinstance),
        ("issubclass", issubclass),
        ("iter", iter),
        ("next", next),
        ("getattr", getattr),
        ("setattr", setattr),
        ("delattr", delattr),
        ("hasattr", hasattr),
        ("callable", callable),
        ("abs", abs),
        ("__build_class__", build_class),
    ];
    vm.define_natives(builtins, functions);
    let constructors: &[(&'static str, super::builtins::NativeFn)] = &[
        ("type", type_new),
        ("object", object_new),
        ("int", int_new),
        ("float", float_new),
        ("str", str_new),
        ("bool", bool_new),
        ("list", list_new),
        ("tuple", tuple_new),
        ("dict", dict_new),
        ("set", set_new),
        ("frozenset", frozenset_new),
        ("range", range_new),
        ("staticmethod", staticmethod_new),
        ("classmethod", classmethod_new),
        ("property", property_new),
        ("super", super::superobj::super_new),
    ];
    for &(name, func) in constructors {
        vm.define_constructor(name, func);
    }
    // Types and exceptions are names in builtins.
    let names: Vec<(&'static str, ObjId)> =
        vm.types.by_name.iter().map(|(&n, &c)| (n, c)).collect();
    let mut names: Vec<_> = names
        .into_iter()
        .filter(|(n, _)| !n.contains('.'))
        .collect();
    names.sort_by_key(|&(n, _)| n);
    for (name, class) in names {
        vm.define(builtins, name, class);
    }
    let none = vm.none;
    vm.define(builtins, "None", none);
    let ni = vm.not_implemented;
    vm.define(builtins, "NotImplemented", ni);
}
