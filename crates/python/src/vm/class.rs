//! Classes defined in Python: `__build_class__`, instances, `__slots__`, and the special
//! attributes every object answers (`__class__`, `__name__`, `args`...).

use std::rc::Rc;

use weaklink_heap::{Body, Class, Instance, Kind, Name, ObjId, Record};

use super::call::{
    FUNC_CLOSURE, FUNC_DEFAULTS, FUNC_DOC, FUNC_GLOBALS, FUNC_MODULE, FUNC_NAME, FUNC_QUALNAME,
};
use super::exc::{EXC_ARGS, EXC_CAUSE, EXC_CONTEXT};
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
        let declared = self.dict_get_str(ns, "__slots__");
        let (has_dict, weakrefable, own_slots) = match declared {
            None => (true, true, Vec::new()),
            Some(decl) => {
                let names = if let Some(s) = self.as_str(decl) {
                    vec![s.to_string()]
                } else {
                    let items = self.sequence_items(decl).unwrap_or_default();
                    items
                        .iter()
                        .map(|&i| self.as_str(i).unwrap_or("").to_string())
                        .collect()
                };
                let has_dict = inherited_dict || names.iter().any(|n| n == "__dict__");
                let weakrefable = inherited_weakref || names.iter().any(|n| n == "__weakref__");
                let own: Vec<String> = names
                    .into_iter()
                    .filter(|n| n != "__dict__" && n != "__weakref__")
                    .collect();
                (has_dict, weakrefable, own)
            }
        };
        let weakrefable = weakrefable
            && !matches!(
                layout,
                Layout::Builtin(Kind::Int | Kind::Tuple | Kind::Bool)
            );
        let first_own = slots.len();
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
            self.release(descr);
        }
        let del = self.intern("__del__");
        let has_del = self.dict_get_name(ns, del).is_some()
            || mro
                .iter()
                .any(|&c| matches!(self.heap.body(c), Body::Class(k) if k.has_del));
        // The namespace is copied, as `type.__new__` does.
        let dict = self.new_dict();
        let mut class_cell = None;
        for (_, key, value) in self.dict_entries(ns) {
            if self.as_str(key) == Some("__classcell__") {
                class_cell = Some(value);
                continue;
            }
            self.dict_set_str(dict, key, value);
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
        self.invalidate_lookups();
        Ok(class)
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

    /// `object.__new__(class)` for a class defined in Python, with the built-in part its
    /// layout needs.
    pub(crate) fn new_instance(&mut self, class: ObjId, args: &[ObjId]) -> PyResult<ObjId> {
        let slot_count = match self.heap.body(class) {
            Body::Class(c) => c.slot_count,
            _ => 0,
        };
        let base = match self.layout_of(class) {
            Layout::Object => None,
            Layout::Exception => {
                let items: Vec<ObjId> = args.iter().map(|&a| self.newref(a)).collect();
                let t = self.new_tuple(items);
                Some(Body::Record(Record::new(
                    Kind::Other,
                    vec![Some(t), None, None, None],
                )))
            }
            Layout::Builtin(kind) => Some(self.builtin_base_body(kind, args)?),
        };
        let owned_args = match &base {
            Some(Body::Record(r)) => r.refs[EXC_ARGS],
            _ => None,
        };
        let obj = self.heap.alloc(Body::Instance(Instance {
            slots: vec![None; slot_count],
            base: base.map(Box::new),
            ..Instance::of(class)
        }));
        if self.heap.is_weakref(obj) {
            // The referent is held weakly: the reference joins its list.
            let _ = self.heap.link_subclass_weakref(obj);
        }
        if self.keeps_attrs_inline(class) {
            self.heap.reserve_inline_values(obj);
        }
        self.settle();
        if let Some(t) = owned_args {
            // `alloc` took its own reference to the args tuple.
            self.release(t);
        }
        Ok(obj)
    }

    fn builtin_base_body(&mut self, kind: Kind, args: &[ObjId]) -> PyResult<Body> {
        Ok(match kind {
            Kind::List => Body::list(),
            Kind::Dict => Body::Dict(Box::default()),
            Kind::Set => Body::Set(weaklink_heap::Set {
                table_size: 8,
                ..Default::default()
            }),
            Kind::Str => {
                let text = match args.first() {
                    Some(&a) => self.str_string(a)?,
                    None => String::new(),
                };
                Body::Str(text.into())
            }
            Kind::Int => {
                let value = match args.first() {
                    Some(&a) => {
                        let i = self.int_of(a)?;
                        self.as_int(i).inspect(|_| self.release(i)).unwrap_or(0)
                    }
                    None => 0,
                };
                Body::Int(value)
            }
            Kind::Float => Body::Float(match args.first() {
                Some(&a) => self.float_of(a)?,
                None => 0.0,
            }),
            Kind::Tuple => {
                let items = match args.first() {
                    Some(&a) => self.collect_iterable(a)?,
                    None => Vec::new(),
                };
                // `alloc` will take its own references.
                let body = Body::Tuple(items.clone());
                self.release_all(items);
                body
            }
            Kind::Ref => {
                let (referent, callback) = match args {
                    [r] => (*r, None),
                    [r, c, ..] => (*r, Some(*c).filter(|&c| !self.is_none(c))),
                    [] => {
                        return self.type_error("__new__ expected at least 1 argument, got 0");
                    }
                };
                if !self.heap.weakrefable(referent) {
                    let t = self.type_name(referent);
                    return self
                        .type_error(format!("cannot create weak reference to '{t}' object"));
                }
                Body::WeakRef(weaklink_heap::WeakRef {
                    referent: Some(referent),
                    callback,
                    flavor: weaklink_heap::WeakFlavor::Ref,
                    hash: None,
                })
            }
            _ => {
                return self.type_error("cannot subclass this built-in type in weaklink");
            }
        })
    }

    /// `__init__` of the built-in base, for a class that does not define one.
    pub(crate) fn init_builtin_base(
        &mut self,
        obj: ObjId,
        class: ObjId,
        args: &[ObjId],
        kwnames: &[Name],
    ) -> PyResult<()> {
        match self.layout_of(class) {
            Layout::Object => {
                let new = self.intern("__new__");
                if (!args.is_empty() || !kwnames.is_empty())
                    && self.lookup_user(class, new).is_none()
                {
                    let name = self.class_info(class).name.clone();
                    return self.type_error(format!("{name}() takes no arguments"));
                }
                Ok(())
            }
            Layout::Builtin(Kind::List) => {
                if let Some(&a) = args.first() {
                    self.list_extend(obj, a)?;
                }
                Ok(())
            }
            Layout::Builtin(Kind::Dict) => {
                if let Some(&a) = args.first() {
                    self.dict_update(obj, a, false)?;
                }
                let npos = args.len() - kwnames.len();
                for (i, &name) in kwnames.iter().enumerate() {
                    let key = self.name_str(name);
                    self.setitem(obj, key, args[npos + i])?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Attributes every object of a kind answers, whatever its class says: `__class__`,
    /// a function's `__name__`, an exception's `args`...
    pub(crate) fn special_attr(&mut self, obj: ObjId, name: Name) -> PyResult<Option<ObjId>> {
        let text = self.heap.names.text(name).to_string();
        if text == "__class__" {
            let t = self.type_of(obj);
            return Ok(Some(self.newref(t)));
        }
        let field = |vm: &Vm, i: usize| match vm.heap.body(obj) {
            Body::Record(r) => r.refs.get(i).copied().flatten(),
            _ => None,
        };
        let found: Option<ObjId> = match (self.heap.kind(obj), text.as_str()) {
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
                    .position(|s| *s == text)
                    .unwrap_or(0);
                Some(field(self, i).unwrap_or(self.none))
            }
            (Kind::Other, "fget" | "fset" | "fdel") if self.tag_of(obj) == Tag::Property => {
                let i = ["fget", "fset", "fdel"]
                    .iter()
                    .position(|s| *s == text)
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
            ) if self.is_exception(obj) => match text.as_str() {
                "args" => Some(self.exc_args(obj)),
                "__cause__" => Some(self.exc_field(obj, EXC_CAUSE).unwrap_or(self.none)),
                "__context__" => Some(self.exc_field(obj, EXC_CONTEXT).unwrap_or(self.none)),
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

    /// Whether instances of `class` keep their attributes inline until their `__dict__` is
    /// asked for (CPython 3.11's managed dict): classes with a `__dict__` whose layout has no
    /// variable-sized part (not `int`, `str`, `tuple`) and is not an exception's.
    fn keeps_attrs_inline(&self, class: ObjId) -> bool {
        self.instance_has_dict(class)
            && match self.layout_of(class) {
                Layout::Object => true,
                Layout::Exception => false,
                Layout::Builtin(kind) => {
                    !matches!(kind, Kind::Int | Kind::Bool | Kind::Str | Kind::Tuple)
                }
            }
    }

    /// An instance's `__dict__` (a new reference). CPython 3.11 makes the real dict the first
    /// time it is asked for: the inline attributes move into it, and from then on attribute
    /// reads and writes go through it.
    pub(crate) fn materialize_dict(&mut self, obj: ObjId) -> PyResult<ObjId> {
        let (attrs, dict) = match self.heap.body(obj) {
            Body::Instance(inst) => (inst.attrs.as_slice().to_vec(), inst.dict),
            _ => (Vec::new(), None),
        };
        if let Some(d) = dict {
            return Ok(self.newref(d));
        }
        let d = self.new_dict();
        for attr in attrs {
            let key = self.name_str(attr.name);
            self.dict_set_str(d, key, attr.value);
        }
        self.heap.attach_dict(obj, d);
        self.settle();
        Ok(d)
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
