//! Classes defined in Python: `__build_class__`, instances, `__slots__`, and the special
//! attributes every object answers (`__class__`, `__name__`, `args`...).

use std::rc::Rc;

use weaklink_heap::{Body, Class, Kind, Name, ObjId};

use super::call::{
    FUNC_CLOSURE, FUNC_DEFAULTS, FUNC_DOC, FUNC_GLOBALS, FUNC_MODULE, FUNC_NAME, FUNC_QUALNAME,
};
use super::exc::{EXC_CAUSE, EXC_CONTEXT};
use super::types::{ClassInfo, Layout, Tag};
use super::{FastMap, PyResult, Vm};

impl Vm {
    /// `__build_class__(body, name, *bases)`: runs the class body in a fresh namespace and
    /// makes the class.
    pub(crate) fn build_class(&mut self, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
        let npos = args.len() - kwnames.len();
        if npos < 2 {
            return self.type_error("__build_class__: not enough arguments");
        }
        let body = args[0];
        let name = self.as_str(args[1]).unwrap_or("?").to_string();
        let mut bases: Vec<ObjId> = args[2..npos].to_vec();
        for &b in &bases {
            if !self.is_class(b) {
                return self.type_error("bases must be types");
            }
        }
        if bases.is_empty() {
            bases.push(self.object_type());
        }
        let ns = self.new_dict();
        let code_id = match self.heap.body(body) {
            Body::Record(r) => Tag::state(r.data) as usize,
            _ => return self.type_error("__build_class__: func must be a function"),
        };
        let (globals, closure) = match self.heap.body(body) {
            Body::Record(r) => (r.refs[FUNC_GLOBALS].expect("globals"), r.refs[FUNC_CLOSURE]),
            _ => unreachable!(),
        };
        let mut frame = self.namespace_frame(code_id, globals, ns);
        if let Some(closure) = closure {
            let code = frame.code.clone();
            for (i, cell) in self.tuple_items(closure).into_iter().enumerate() {
                frame.locals[code.free_slot(i) as usize] = Some(self.newref(cell));
            }
        }
        frame.entry = true;
        // The namespace is held here while the class body runs.
        self.temporaries.push(ns);
        if let Err(e) = self.push_frame(frame) {
            self.temporaries.pop();
            self.release(ns);
            return Err(e);
        }
        let cell = self.eval();
        self.temporaries.pop();
        let cell = match cell {
            Ok(v) => v,
            Err(e) => {
                self.release(ns);
                return Err(e);
            }
        };
        let class = self.make_class(&name, &bases, ns);
        self.release(ns);
        let class = match class {
            Ok(c) => c,
            Err(e) => {
                self.release(cell);
                return Err(e);
            }
        };
        if self.heap.kind(cell) == Kind::Cell {
            self.heap.set_field(cell, 0, Some(class));
            self.settle();
        }
        self.release(cell);
        Ok(class)
    }

    /// Makes a class object from its name, bases and namespace (borrowed).
    pub(crate) fn make_class(&mut self, name: &str, bases: &[ObjId], ns: ObjId) -> PyResult<ObjId> {
        let mut layout = Layout::Object;
        for &b in bases {
            let l = self.layout_of(b);
            if l != Layout::Object {
                if layout != Layout::Object && layout != l {
                    return self.type_error("multiple bases have instance lay-out conflict");
                }
                layout = l;
            }
        }
        let mro = self.compute_mro(bases)?;
        // `__slots__`.
        let mut slots: Vec<Name> = Vec::new();
        let mut inherited_dict = false;
        let mut inherited_weakref = false;
        for &b in bases {
            if let Body::Class(c) = self.heap.body(b) {
                let info = &self.classes[&b];
                inherited_dict |= info.user && c.has_dict;
                inherited_weakref |=
                    c.weakrefable && (info.user || info.layout == Layout::Exception);
            }
            slots.extend(self.classes[&b].slots.iter().copied());
        }
        self.user_getattribute |= self.dict_get_str(ns, "__getattribute__").is_some();
        let declared = self.dict_get_str(ns, "__slots__");
        let (has_dict, weakrefable, own_slots) = match declared {
            None => (true, true, Vec::new()),
            Some(decl) => {
                let names = self.declared_slots(name, decl, ns)?;
                let count = |wanted: &str| names.iter().filter(|n| *n == wanted).count();
                let (dicts, weakrefs) = (count("__dict__"), count("__weakref__"));
                if dicts + usize::from(inherited_dict) > 1 {
                    return self.type_error("__dict__ slot disallowed: we already got one");
                }
                let variable_size = matches!(
                    layout,
                    Layout::Builtin(Kind::Int | Kind::Tuple | Kind::Bool)
                );
                if variable_size && names.len() > dicts {
                    let base = match layout {
                        Layout::Builtin(Kind::Tuple) => "tuple",
                        _ => "int",
                    };
                    return self.type_error(format!(
                        "nonempty __slots__ not supported for subtype of '{base}'"
                    ));
                }
                if weakrefs > 0 && (weakrefs + usize::from(inherited_weakref) > 1 || variable_size)
                {
                    return self.type_error(
                        "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0",
                    );
                }
                let own: Vec<String> = names
                    .into_iter()
                    .filter(|n| n != "__dict__" && n != "__weakref__")
                    .collect();
                (
                    inherited_dict || dicts > 0,
                    inherited_weakref || weakrefs > 0,
                    own,
                )
            }
        };
        let weakrefable = weakrefable
            && !matches!(
                layout,
                Layout::Builtin(Kind::Int | Kind::Tuple | Kind::Bool)
            );
        let first_own = slots.len();
        // Descriptors the class's dict gets, each holding the class once it exists.
        let mut descriptors = Vec::new();
        for (i, slot) in own_slots.iter().enumerate() {
            let slot_name = self.intern(slot);
            slots.push(slot_name);
            let record = self.tagged_record(
                Kind::Other,
                Tag::SlotDescriptor,
                (first_own + i) as u64,
                Vec::new(),
            );
            let descr = self.heap.alloc_owning(Body::Record(record));
            self.settle();
            let key = self.name_str(slot_name);
            self.dict_set_str(ns, key, descr);
            descriptors.push(descr);
            self.release(descr);
        }
        let del = self.special.del;
        let has_del = self.dict_get_name(ns, del).is_some()
            || mro
                .iter()
                .any(|&c| matches!(self.heap.body(c), Body::Class(k) if k.has_del));
        // The namespace is copied, as `type.__new__` does.
        let dict = self.new_dict();
        let mut class_cell = None;
        for (_, key, value) in self.dict_entries(ns) {
            match self.as_str(key) {
                Some("__classcell__") => {
                    class_cell = Some(value);
                    continue;
                }
                // `type.__new__` takes `__qualname__` out of the class's dict.
                Some("__qualname__") => continue,
                _ => {}
            }
            self.dict_set_str(dict, key, value);
        }
        // A class that gives its instances a `__dict__` or weak references gets the
        // getset descriptors for them, as `type_new_descriptors` adds them.
        for (adds, name) in [
            (has_dict && !inherited_dict, "__dict__"),
            (weakrefable && !inherited_weakref, "__weakref__"),
        ] {
            if adds && self.dict_get_str(dict, name).is_none() {
                let record = self.tagged_record(Kind::Other, Tag::GetSetDescriptor, 0, vec![None]);
                let descr = self.heap.alloc_owning(Body::Record(record));
                self.settle();
                let key = self.new_str(name);
                self.dict_set_str(dict, key, descr);
                self.release(key);
                descriptors.push(descr);
                self.release(descr);
            }
        }
        if self.dict_get_str(dict, "__doc__").is_none() {
            let key = self.new_str("__doc__");
            let none = self.none;
            self.dict_set_str(dict, key, none);
            self.release(key);
        }
        let bases_tuple = {
            let items = bases.iter().map(|&b| self.newref(b)).collect();
            self.new_tuple(items)
        };
        let interned = self.intern(name);
        let class = self.heap.alloc_owning(Body::Class(Box::new(Class {
            has_del,
            weakrefable,
            has_dict,
            slot_count: slots.len(),
            refs: vec![Some(dict), Some(bases_tuple)],
            ..Class::new(interned)
        })));
        self.settle();
        // `tp_base`: the first base (`object` when none is given).
        let base = bases.first().copied().or(self.types.object);
        self.heap.set_field(class, 3, base);
        for descr in descriptors {
            // A slot named twice replaced its first descriptor, which is gone.
            if self.heap.is_alive(descr) {
                self.heap.set_field(descr, 0, Some(class));
            }
        }
        self.settle();
        let mut full_mro = vec![class];
        full_mro.extend(mro);
        let mro_items: Vec<ObjId> = full_mro.iter().map(|&c| self.newref(c)).collect();
        let mro_tuple = self.new_tuple(mro_items);
        self.heap.set_field(class, 2, Some(mro_tuple));
        self.heap.decref(mro_tuple, weaklink_heap::Cause::Other);
        self.settle();
        let qualname = self
            .dict_get_str(ns, "__qualname__")
            .and_then(|q| self.as_str(q))
            .unwrap_or(name)
            .to_string();
        let module = self
            .dict_get_str(ns, "__module__")
            .and_then(|m| self.as_str(m))
            .unwrap_or("__main__")
            .to_string();
        if let Some(cell) = class_cell {
            // Methods using `super()` or `__class__` see the class through this cell.
            self.heap.set_field(cell, 0, Some(class));
            self.settle();
        }
        self.classes.insert(
            class,
            ClassInfo {
                name: name.into(),
                tp_name: name.into(),
                qualname: qualname.into(),
                mro: full_mro,
                bases: bases.to_vec(),
                dict: Some(dict),
                methods: FastMap::default(),
                layout,
                slots,
                user: true,
                module: module.into(),
            },
        );
        // The method cache trusts its lookups until a class namespace changes.
        self.heap.watch_dict(dict);
        Ok(class)
    }

    /// The names a class body's `__slots__` declares, checked and mangled as `type.__new__`
    /// does: a string or an iterable of identifiers, none also bound in the namespace.
    fn declared_slots(
        &mut self,
        class_name: &str,
        decl: ObjId,
        ns: ObjId,
    ) -> PyResult<Vec<String>> {
        let items = match self.as_str(decl) {
            Some(_) => vec![self.newref(decl)],
            None => self.collect_iterable(decl)?,
        };
        let texts: Vec<Option<String>> = items
            .iter()
            .map(|&i| self.as_str(i).map(str::to_string))
            .collect();
        let bad = items
            .iter()
            .zip(&texts)
            .find(|(_, t)| t.is_none())
            .map(|(&i, _)| self.type_name(i));
        self.release_all(items);
        if let Some(t) = bad {
            return self.type_error(format!("__slots__ items must be strings, not '{t}'"));
        }
        let mut names = Vec::new();
        for text in texts.into_iter().flatten() {
            if !is_identifier(&text) {
                return self.type_error("__slots__ must be identifiers");
            }
            if text != "__dict__" && text != "__weakref__" && self.dict_get_str(ns, &text).is_some()
            {
                return self.value_error(format!(
                    "'{text}' in __slots__ conflicts with class variable"
                ));
            }
            names.push(mangle(class_name, text));
        }
        Ok(names)
    }

    /// C3 linearization of the bases' MROs.
    fn compute_mro(&mut self, bases: &[ObjId]) -> PyResult<Vec<ObjId>> {
        let mut sequences: Vec<Vec<ObjId>> =
            bases.iter().map(|b| self.classes[b].mro.clone()).collect();
        sequences.push(bases.to_vec());
        let mut result = Vec::new();
        loop {
            sequences.retain(|s| !s.is_empty());
            if sequences.is_empty() {
                return Ok(result);
            }
            let candidate = sequences
                .iter()
                .map(|s| s[0])
                .find(|&c| sequences.iter().all(|s| !s[1..].contains(&c)));
            let Some(c) = candidate else {
                return self.type_error("Cannot create a consistent method resolution order (MRO)");
            };
            result.push(c);
            for s in &mut sequences {
                if s[0] == c {
                    s.remove(0);
                }
            }
        }
    }

    /// Attributes every object of a kind answers, whatever its class says: `__class__`,
    /// a function's `__name__`, an exception's `args`...
    pub(crate) fn special_attr(&mut self, obj: ObjId, name: Name) -> PyResult<Option<ObjId>> {
        let text = self.heap.names.shared_text(name);
        if &*text == "__class__" {
            let t = self.type_of(obj);
            return Ok(Some(self.newref(t)));
        }
        if matches!(self.heap.kind(obj), Kind::Other | Kind::Code | Kind::Frame) {
            if let Some(found) = self.frame_attr(obj, &text)? {
                return Ok(Some(found));
            }
        }
        let field = |vm: &Vm, i: usize| match vm.heap.body(obj) {
            Body::Record(r) => r.refs.get(i).copied().flatten(),
            _ => None,
        };
        let found: Option<ObjId> = match (self.heap.kind(obj), &*text) {
            (Kind::Class, "__name__") => {
                let n = self.class_info(obj).name.clone();
                return Ok(Some(self.new_str(&n)));
            }
            (Kind::Class, "__qualname__") => {
                let n = self.class_info(obj).qualname.clone();
                return Ok(Some(self.new_str(&n)));
            }
            (Kind::Class, "__mro__") => {
                let mro = self.class_info(obj).mro.clone();
                let items = mro.into_iter().map(|c| self.newref(c)).collect();
                return Ok(Some(self.new_tuple(items)));
            }
            (Kind::Class, "__bases__") => {
                let bases = self.class_info(obj).bases.clone();
                let items = bases.into_iter().map(|c| self.newref(c)).collect();
                return Ok(Some(self.new_tuple(items)));
            }
            (Kind::Class, "__base__") => {
                let base = self
                    .class_info(obj)
                    .bases
                    .first()
                    .copied()
                    .unwrap_or(self.none);
                return Ok(Some(self.newref(base)));
            }
            (Kind::Class, "__module__") if !self.class_info(obj).user => {
                let m = self.class_info(obj).module.clone();
                return Ok(Some(self.new_str(&m)));
            }
            (Kind::Class, "__dict__") => match self.class_info(obj).dict {
                Some(d) => Some(d),
                None => return Ok(Some(self.new_dict())),
            },
            (Kind::Function, "__name__") => field(self, FUNC_NAME),
            (Kind::Function, "__qualname__") => field(self, FUNC_QUALNAME),
            (Kind::Function, "__doc__") => field(self, FUNC_DOC),
            (Kind::Function, "__module__") => field(self, FUNC_MODULE),
            (Kind::Function, "__globals__") => field(self, FUNC_GLOBALS),
            (Kind::Function, "__defaults__") => {
                Some(field(self, FUNC_DEFAULTS).unwrap_or(self.none))
            }
            (Kind::Function, "__closure__") => Some(field(self, FUNC_CLOSURE).unwrap_or(self.none)),
            (Kind::Method, "__func__") => field(self, 0),
            (Kind::Method, "__self__") => field(self, 1),
            (Kind::Method, "__name__" | "__qualname__" | "__doc__" | "__module__") => {
                let func = field(self, 0).expect("method function");
                return self.getattr(func, name).map(Some);
            }
            (Kind::Cell, "cell_contents") => match field(self, 0) {
                Some(v) => Some(v),
                None => return self.value_error("Cell is empty"),
            },
            (Kind::BuiltinFunction, "__name__") => {
                let n = self.native_name(obj);
                return Ok(Some(self.new_str(&n)));
            }
            (Kind::BuiltinFunction, "__self__") => Some(field(self, 0).unwrap_or(self.none)),
            (Kind::Ref, "__callback__") => {
                let cb = self.heap.body(obj).weakref().and_then(|w| w.callback);
                Some(cb.unwrap_or(self.none))
            }
            (Kind::Other, "start" | "stop" | "step") if self.tag_of(obj) == Tag::Slice => {
                let i = ["start", "stop", "step"]
                    .iter()
                    .position(|s| **s == *text)
                    .unwrap_or(0);
                Some(field(self, i).unwrap_or(self.none))
            }
            (Kind::Other, "fget" | "fset" | "fdel") if self.tag_of(obj) == Tag::Property => {
                let i = ["fget", "fset", "fdel"]
                    .iter()
                    .position(|s| **s == *text)
                    .unwrap_or(0);
                Some(field(self, i).unwrap_or(self.none))
            }
            (Kind::Other, "__func__")
                if matches!(self.tag_of(obj), Tag::StaticMethod | Tag::ClassMethod) =>
            {
                field(self, 0)
            }
            (
                Kind::Instance,
                "args" | "__cause__" | "__context__" | "__traceback__" | "__suppress_context__",
            ) if self.is_exception(obj) => match &*text {
                "args" => Some(self.exc_args(obj)),
                "__cause__" => Some(self.exc_field(obj, EXC_CAUSE).unwrap_or(self.none)),
                "__context__" => Some(self.exc_field(obj, EXC_CONTEXT).unwrap_or(self.none)),
                "__traceback__" => return Ok(Some(self.traceback_of(obj))),
                "__suppress_context__" => {
                    let b = self.suppresses_context(obj);
                    return Ok(Some(self.new_bool(b)));
                }
                _ => Some(self.none),
            },
            (Kind::Instance, "__dict__") => {
                let class = self.type_of(obj);
                if !self.instance_has_dict(class) {
                    return Ok(None);
                }
                return self.materialize_dict(obj).map(Some);
            }
            (Kind::Instance, "__weakref__") => {
                let class = self.type_of(obj);
                if !matches!(self.heap.body(class), Body::Class(c) if c.weakrefable) {
                    return Ok(None);
                }
                let first = self.heap.weakrefs_to(obj).first().copied();
                Some(first.unwrap_or(self.none))
            }
            _ => None,
        };
        Ok(found.map(|v| self.newref(v)))
    }

    /// The tag of a record (`Plain` for other objects).
    pub(crate) fn tag_of(&self, obj: ObjId) -> Tag {
        match self.heap.body(obj) {
            Body::Record(r) => Tag::of(r.data),
            _ => Tag::Plain,
        }
    }

    /// The qualified name of a class, as reprs show it.
    pub(crate) fn class_display_name(&self, class: ObjId) -> Rc<str> {
        let info = self.class_info(class);
        if &*info.module == "builtins" {
            info.qualname.clone()
        } else {
            format!("{}.{}", info.module, info.qualname).into()
        }
    }
}

/// Whether `text` is a Python identifier.
fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

/// A private name (`__x`, not `__x__`) as the class body sees it: `_Class__x`.
fn mangle(class_name: &str, name: String) -> String {
    let stripped = class_name.trim_start_matches('_');
    if name.starts_with("__") && !name.ends_with("__") && !stripped.is_empty() {
        format!("_{stripped}{name}")
    } else {
        name
    }
}
