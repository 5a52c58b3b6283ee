//! The heap side of a scenario: the prelude's classes, names and callbacks on a simulated
//! heap, a value stack for temporaries, and the Python code (`__del__`, callbacks) the heap
//! asks for, carried out as CPython would run it.
//!
//! Everything the harness holds is a root of [`World::roots`]: the global names, the
//! callbacks, the value stack and the arguments of running `__del__` methods and callbacks.
//! The heap's invariants are checked after every settled operation and at both ends of every
//! action it hands out.

use std::collections::{BTreeMap, HashMap};

use weaklink_heap::{
    Action, Body, Cause, Class, Heap, Instance, Kind, Name, ObjId, Record, Violation, WeakFlavor,
};

use super::syntax::ClassName;

/// A Python exception, rendered as `except Exception as e: print(type(e).__name__ + ':', e)`
/// prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PyErr(pub String);

impl PyErr {
    /// An exception of the given type.
    pub fn new(type_name: &str, message: impl std::fmt::Display) -> Self {
        PyErr(format!("{type_name}: {message}"))
    }
}

/// An immutable object the program uses: small ints, `None` and the bools are static in
/// CPython 3.11; `str` constants are interned and immortal enough for these scenarios.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Atom {
    /// A small int.
    Int(i64),
    /// A `str` constant.
    Str(String),
    /// `None`.
    None,
    /// `True` or `False`.
    Bool(bool),
}

/// The harness's side of the simulated interpreter.
pub struct World {
    /// Module globals: each entry owns one reference.
    pub names: BTreeMap<String, ObjId>,
    /// The callback functions, by (label, drop); each owns one reference (the prelude's
    /// module-level names `_cb_<label>`).
    pub callbacks: Vec<((String, bool), ObjId)>,
    /// The prelude's classes, in [`ClassName::ALL`] order.
    pub classes: [ObjId; 3],
    /// A weak reference to each class, as its base's `__subclasses__` registry holds one.
    pub registry: Vec<ObjId>,
    /// The value stack: new references to temporaries.
    pub stack: Vec<ObjId>,
    /// Arguments of running `__del__` methods and callbacks (their frames own them).
    pub frames: Vec<ObjId>,
    /// What the program printed.
    pub out: Vec<String>,
    statics: HashMap<Atom, ObjId>,
    attr_name: Name,
    attr_watch: Name,
    /// Where the harness is, for invariant failure messages.
    pub context: String,
}

/// CPython's `str` hash is randomized; any fixed function serves the heap's dicts.
pub fn str_hash(text: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h as i64
}

impl World {
    /// The prelude: classes `Obj`, `Fin(Obj)` and `Res(Obj)` (each weakly referenced by its
    /// base's subclass registry), the list `saved`, one callback function per (label, drop)
    /// the scenario uses, then `gc.disable()` and a full collection so that all of it sits
    /// in the oldest generation.
    pub fn new(callbacks: &[(String, bool)]) -> (World, Heap) {
        let mut h = Heap::default();
        h.gc_mut().enabled = false;
        let class = |h: &mut Heap, c: ClassName, base: Option<ObjId>| {
            let name = h.names.intern(c.name());
            h.alloc(Body::Class(Box::new(Class {
                name,
                has_del: c != ClassName::Obj,
                weakrefable: true,
                has_dict: true,
                slot_count: 0,
                refs: vec![base],
            })))
        };
        let obj = class(&mut h, ClassName::Obj, None);
        let fin = class(&mut h, ClassName::Fin, Some(obj));
        let res = class(&mut h, ClassName::Res, Some(obj));
        let classes = [obj, fin, res];
        let registry = classes
            .iter()
            .map(|&c| {
                h.new_weakref(c, None, WeakFlavor::Ref)
                    .expect("classes take weakrefs")
            })
            .collect();
        let mut names = BTreeMap::new();
        for (c, id) in ClassName::ALL.into_iter().zip(classes) {
            names.insert(c.name().to_string(), id);
        }
        let callbacks = callbacks
            .iter()
            .map(|key| {
                let f = h.alloc(Body::Record(Record::new(Kind::Function, vec![])));
                (key.clone(), f)
            })
            .collect();
        names.insert("saved".to_string(), h.alloc(Body::list()));
        let attr_name = h.names.intern("name");
        let attr_watch = h.names.intern("watch");
        let mut world = World {
            names,
            callbacks,
            classes,
            registry,
            stack: Vec::new(),
            frames: Vec::new(),
            out: Vec::new(),
            statics: HashMap::new(),
            attr_name,
            attr_watch,
            context: "the prelude".to_string(),
        };
        world.settle(&mut h);
        h.collect(2);
        world.settle(&mut h);
        (world, h)
    }

    /// Every strong reference the harness holds, one entry per reference: names, callbacks,
    /// the value stack, running frames' arguments and the constants.
    pub fn roots(&self) -> Vec<ObjId> {
        let mut roots: Vec<ObjId> = self.names.values().copied().collect();
        roots.extend(self.callbacks.iter().map(|(_, f)| *f));
        roots.extend(&self.registry);
        roots.extend(&self.stack);
        roots.extend(&self.frames);
        // The constants: each static object was made with a reference for its maker.
        roots.extend(self.statics.values());
        roots
    }

    /// Panics with the violations if any heap invariant is broken.
    pub fn check(&self, h: &Heap, when: &str) {
        if let Err(violations) = h.check(&self.roots()) {
            panic!(
                "heap invariants broken {when} ({}): {}",
                self.context,
                describe(h, &violations)
            );
        }
    }

    /// After a full collection: nothing may be left that no root reaches.
    pub fn check_nothing_unreachable(&self, h: &Heap) {
        if let Err(violations) = h.check_nothing_unreachable(&self.roots()) {
            panic!(
                "unreachable objects survived a full collection ({}): {}",
                self.context,
                describe(h, &violations)
            );
        }
    }

    /// Runs the heap's queued work, servicing every action, then checks the invariants.
    pub fn settle(&mut self, h: &mut Heap) {
        h.drive(&mut |h, action| self.service(h, action));
        self.check(h, "after an operation");
    }

    /// Runs the Python code an action stands for.
    fn service(&mut self, h: &mut Heap, action: Action) {
        self.check(h, &format!("as {action:?} starts"));
        match action {
            Action::Finalize { obj } => {
                // `__del__(self)`: the frame owns its argument.
                h.incref(obj, Cause::Argument);
                self.frames.push(obj);
                let line = self.del_line(h, obj);
                self.out.push(line);
                if self.class_of(h, obj) == Some(ClassName::Res) {
                    let saved = self.global("saved");
                    h.list_append(saved, obj);
                }
                self.drop_frame(h);
            }
            Action::Callback { weakref, callback } => {
                h.incref(weakref, Cause::Argument);
                self.frames.push(weakref);
                let (label, drop) = self
                    .callbacks
                    .iter()
                    .find(|(_, f)| *f == callback)
                    .map(|(key, _)| key.clone())
                    .expect("a prelude callback");
                self.out.push(format!("callback {label}"));
                if drop {
                    // `globals().pop(label, None)`
                    if let Some(old) = self.names.remove(&label) {
                        h.decref(old, Cause::NameUnbound);
                        self.settle(h);
                    }
                }
                self.drop_frame(h);
            }
            Action::GcCallbacks { .. } => {}
        }
        self.check(h, &format!("as {action:?} ends"));
    }

    fn drop_frame(&mut self, h: &mut Heap) {
        let arg = self.frames.pop().expect("a frame argument");
        h.decref(arg, Cause::StackPop);
        self.settle(h);
    }

    /// What `__del__` prints: `del a`, or `del a (w alive: False)` when watching `w`.
    fn del_line(&self, h: &Heap, obj: ObjId) -> String {
        let name = self.text_attr(h, obj, self.attr_name);
        match h.attr(obj, self.attr_watch) {
            None => format!("del {name}"),
            Some(_) => {
                let watch = self.text_attr(h, obj, self.attr_watch);
                match self.names.get(&watch) {
                    None => format!("del {name} ({watch} unbound)"),
                    Some(&wr) => {
                        let alive = h.weakref_target(wr).is_some();
                        format!("del {name} ({watch} alive: {})", py_bool(alive))
                    }
                }
            }
        }
    }

    fn text_attr(&self, h: &Heap, obj: ObjId, attr: Name) -> String {
        let value = h.attr(obj, attr).expect("the attribute is set");
        match h.body(value) {
            Body::Str(s) => s.to_string(),
            b => panic!("expected a str attribute, found {b:?}"),
        }
    }

    /// The prelude class of an instance.
    pub fn class_of(&self, h: &Heap, obj: ObjId) -> Option<ClassName> {
        match h.body(obj) {
            Body::Instance(inst) => ClassName::ALL
                .into_iter()
                .zip(self.classes)
                .find(|(_, id)| *id == inst.class)
                .map(|(c, _)| c),
            _ => None,
        }
    }

    /// The object bound to a global name.
    pub fn global(&self, name: &str) -> ObjId {
        *self
            .names
            .get(name)
            .unwrap_or_else(|| panic!("name '{name}' is not defined ({})", self.context))
    }

    /// The callback function with this label.
    pub fn callback(&self, label: &str, drop: bool) -> ObjId {
        self.callbacks
            .iter()
            .find(|((l, d), _)| l == label && *d == drop)
            .map(|(_, f)| *f)
            .expect("the prelude defines every callback the scenario names")
    }

    /// The static object for an atom, made on first use.
    pub fn atom(&mut self, h: &mut Heap, atom: Atom) -> ObjId {
        *self.statics.entry(atom).or_insert_with_key(|atom| {
            h.alloc_static(match atom {
                Atom::Int(i) => Body::Int(*i),
                Atom::Str(s) => Body::Str(s.as_str().into()),
                Atom::None => Body::None,
                Atom::Bool(b) => Body::Bool(*b),
            })
        })
    }

    /// Allocates an instance of a prelude class and runs `Obj.__init__`.
    pub fn new_instance(
        &mut self,
        h: &mut Heap,
        class: ClassName,
        name: &str,
        watch: Option<&str>,
    ) {
        let class = self.classes[ClassName::ALL
            .iter()
            .position(|&c| c == class)
            .expect("a prelude class")];
        let obj = h.alloc(Body::Instance(Instance::of(class)));
        self.stack.push(obj);
        self.settle(h);
        let attrs = [(self.attr_name, Some(name)), (self.attr_watch, watch)];
        for (attr, value) in attrs {
            if let Some(text) = value {
                let s = self.atom(h, Atom::Str(text.to_string()));
                h.set_attr(obj, attr, s);
                self.settle(h);
            }
        }
    }

    // ----- the value stack -----

    /// Pushes a new reference to `id`.
    pub fn push_ref(&mut self, h: &mut Heap, id: ObjId) {
        h.incref(id, Cause::StackPush);
        self.stack.push(id);
    }

    /// The value on top of the stack.
    pub fn top(&self) -> ObjId {
        *self.stack.last().expect("a value on the stack")
    }

    /// Drops the reference `depth` places below the top (0 is the top).
    pub fn release(&mut self, h: &mut Heap, depth: usize) {
        let id = self.stack.remove(self.stack.len() - 1 - depth);
        h.decref(id, Cause::StackPop);
        self.settle(h);
    }

    /// Drops the stack down to `len` items, top first, as CPython unwinds on an exception.
    pub fn unwind(&mut self, h: &mut Heap, len: usize) {
        while self.stack.len() > len {
            self.release(h, 0);
        }
    }

    /// What `print` shows for an atom.
    pub fn render(&self, h: &Heap, id: ObjId) -> String {
        match h.body(id) {
            Body::Str(s) => s.to_string(),
            Body::Int(i) => i.to_string(),
            Body::None => "None".to_string(),
            Body::Bool(b) => py_bool(*b).to_string(),
            b => panic!("print supports atoms only, not {b:?} ({})", self.context),
        }
    }
}

/// The violations, each with what its object is.
fn describe(h: &Heap, violations: &[Violation]) -> String {
    let list: Vec<String> = violations
        .iter()
        .map(|v| {
            let obj = match v {
                Violation::CountMismatch { obj, .. } | Violation::Unreachable { obj } => Some(*obj),
                Violation::WeakrefMismatch { weakref } => Some(*weakref),
                _ => None,
            };
            match obj.filter(|&o| h.is_alive(o)) {
                Some(o) => format!("{v} [{o} is {}]", summary(h, o)),
                None => v.to_string(),
            }
        })
        .collect();
    list.join("; ")
}

/// A short description of an object: its type, and its text for a str or int.
fn summary(h: &Heap, obj: ObjId) -> String {
    match h.body(obj) {
        Body::Str(s) => format!("the str '{s}'"),
        Body::Int(i) => format!("the int {i}"),
        _ => format!("a {}", h.type_name(obj)),
    }
}

/// Python's spelling of a bool.
pub fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}
