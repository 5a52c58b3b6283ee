//! Instances of classes defined in Python: the built-in part a subclass of `list`, `dict`,
//! `int`, `str`... carries, its construction with the base type's arguments and errors, and
//! the `__dict__` CPython 3.11 makes the first time it is asked for.

use weaklink_heap::{Body, Instance, Kind, Name, ObjId, Record};

use super::args::positional;
use super::exc::EXC_ARGS;
use super::types::Layout;
use super::{PyResult, Vm};

impl Vm {
    /// `object.__new__(class)` for a class defined in Python, with the built-in part its
    /// layout needs (borrowed positional arguments only).
    pub(crate) fn new_instance(&mut self, class: ObjId, args: &[ObjId]) -> PyResult<ObjId> {
        self.new_instance_kw(class, args, &[])
    }

    /// Like [`Vm::new_instance`], the last `kwnames.len()` arguments being keyword
    /// arguments: a subclass of `int`, `str`, `float` or `tuple` gets its value as its base
    /// type's constructor makes it (`MyInt('12', base=8)`), with that constructor's errors.
    pub(crate) fn new_instance_kw(
        &mut self,
        class: ObjId,
        args: &[ObjId],
        kwnames: &[Name],
    ) -> PyResult<ObjId> {
        let slot_count = match self.heap.body(class) {
            Body::Class(c) => c.slot_count,
            _ => 0,
        };
        let base = match self.layout_of(class) {
            Layout::Object => None,
            Layout::Exception => {
                let t = match self.packed_exception_args.take() {
                    Some(packed) => self.newref(packed),
                    None => {
                        let items: Vec<ObjId> = positional(args, kwnames)
                            .iter()
                            .map(|&a| self.newref(a))
                            .collect();
                        self.new_tuple(items)
                    }
                };
                Some(Body::Record(Record::new(
                    Kind::Other,
                    vec![Some(t), None, None, None],
                )))
            }
            Layout::Builtin(kind) => Some(self.builtin_base_body(class, kind, args, kwnames)?),
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

    fn builtin_base_body(
        &mut self,
        class: ObjId,
        kind: Kind,
        args: &[ObjId],
        kwnames: &[Name],
    ) -> PyResult<Body> {
        Ok(match kind {
            Kind::List => Body::list(),
            Kind::Dict => Body::Dict(Box::default()),
            Kind::Set => Body::Set(weaklink_heap::Set {
                table_size: 8,
                ..Default::default()
            }),
            Kind::Str | Kind::Int | Kind::Float | Kind::Tuple => {
                // The value as the built-in base's own constructor makes it.
                let base = self.builtin_base(class);
                let value = self.construct_builtin(base, args, kwnames)?;
                let body = match self.heap.body(value) {
                    Body::Instance(inst) => inst.base.as_deref().cloned(),
                    body => Some(body.clone()),
                };
                // `alloc` takes its own references to a tuple's items.
                self.release(value);
                body.unwrap_or(Body::None)
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

    /// The built-in class a class defined in Python extends (`int` for `class Age(int)`).
    fn builtin_base(&self, class: ObjId) -> ObjId {
        let layout = self.layout_of(class);
        let mro = &self.class_info(class).mro;
        mro.iter()
            .copied()
            .find(|&c| !self.class_info(c).user && self.layout_of(c) == layout)
            .unwrap_or(class)
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
                let new = self.special.new;
                if (!args.is_empty() || !kwnames.is_empty())
                    && self.lookup_user(class, new).is_none()
                {
                    let name = self.class_info(class).name.clone();
                    return self.type_error(format!("{name}() takes no arguments"));
                }
                Ok(())
            }
            Layout::Builtin(kind @ (Kind::List | Kind::Dict)) => {
                let positional = positional(args, kwnames);
                let type_name = if kind == Kind::List { "list" } else { "dict" };
                if positional.len() > 1 {
                    return self.type_error(format!(
                        "{type_name} expected at most 1 argument, got {}",
                        positional.len()
                    ));
                }
                if kind == Kind::List && !kwnames.is_empty() {
                    return self.type_error("list() takes no keyword arguments");
                }
                if let Some(&a) = positional.first() {
                    if kind == Kind::List {
                        self.list_extend(obj, a)?;
                    } else {
                        self.dict_update(obj, a, false)?;
                    }
                }
                for (&name, &value) in kwnames.iter().zip(&args[positional.len()..]) {
                    let key = self.name_str(name);
                    self.setitem(obj, key, value)?;
                }
                Ok(())
            }
            _ => Ok(()),
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
}
