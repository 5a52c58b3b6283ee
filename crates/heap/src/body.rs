//! What an object holds: CPython's built-in layouts, as far as memory management sees them.

use crate::attrs::Attrs;
use crate::dict::Dict;
use crate::id::ObjId;
use crate::names::Name;

/// The kind of an object: the part of its type that the heap's rules depend on.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `None`.
    None,
    /// `True` or `False`.
    Bool,
    /// `int`.
    Int,
    /// `float`.
    Float,
    /// `str`.
    Str,
    /// `tuple`.
    Tuple,
    /// `list`.
    List,
    /// `dict`.
    Dict,
    /// `set`.
    Set,
    /// `frozenset`.
    FrozenSet,
    /// An instance of a class defined in Python.
    Instance,
    /// A class defined in Python (a heap type).
    Class,
    /// A function defined in Python.
    Function,
    /// A function or method implemented by the interpreter.
    BuiltinFunction,
    /// A bound method.
    Method,
    /// A closure cell.
    Cell,
    /// A module.
    Module,
    /// A code object.
    Code,
    /// `weakref.ref`.
    Ref,
    /// `weakref.proxy` of a non-callable object.
    Proxy,
    /// `weakref.proxy` of a callable object.
    CallableProxy,
    /// An iterator over a container.
    Iterator,
    /// A generator.
    Generator,
    /// A frame object.
    Frame,
    /// A file object.
    File,
    /// Anything else the language needs.
    Other,
}

impl Kind {
    /// Every kind, in declaration order (for per-kind tables).
    pub const ALL: [Kind; 26] = [
        Kind::None,
        Kind::Bool,
        Kind::Int,
        Kind::Float,
        Kind::Str,
        Kind::Tuple,
        Kind::List,
        Kind::Dict,
        Kind::Set,
        Kind::FrozenSet,
        Kind::Instance,
        Kind::Class,
        Kind::Function,
        Kind::BuiltinFunction,
        Kind::Method,
        Kind::Cell,
        Kind::Module,
        Kind::Code,
        Kind::Ref,
        Kind::Proxy,
        Kind::CallableProxy,
        Kind::Iterator,
        Kind::Generator,
        Kind::Frame,
        Kind::File,
        Kind::Other,
    ];

    /// The Python name of the type, as `type(x).__name__` reports it for built-ins.
    pub fn type_name(self) -> &'static str {
        match self {
            Kind::None => "NoneType",
            Kind::Bool => "bool",
            Kind::Int => "int",
            Kind::Float => "float",
            Kind::Str => "str",
            Kind::Tuple => "tuple",
            Kind::List => "list",
            Kind::Dict => "dict",
            Kind::Set => "set",
            Kind::FrozenSet => "frozenset",
            Kind::Instance => "object",
            Kind::Class => "type",
            Kind::Function => "function",
            Kind::BuiltinFunction => "builtin_function_or_method",
            Kind::Method => "method",
            Kind::Cell => "cell",
            Kind::Module => "module",
            Kind::Code => "code",
            Kind::Ref => "weakref.ReferenceType",
            Kind::Proxy => "weakref.ProxyType",
            Kind::CallableProxy => "weakref.CallableProxyType",
            Kind::Iterator => "iterator",
            Kind::Generator => "generator",
            Kind::Frame => "frame",
            Kind::File => "TextIOWrapper",
            Kind::Other => "object",
        }
    }

    /// Whether objects of this kind take part in cycle collection at all (CPython's
    /// `Py_TPFLAGS_HAVE_GC`). Atoms hold no references and are never tracked.
    pub fn is_container(self) -> bool {
        !matches!(
            self,
            Kind::None | Kind::Bool | Kind::Int | Kind::Float | Kind::Str | Kind::Code
        )
    }

    /// Whether `weakref.ref` accepts objects of this exact built-in kind.
    pub fn weakrefable(self) -> bool {
        matches!(
            self,
            Kind::Set
                | Kind::FrozenSet
                | Kind::Class
                | Kind::Function
                | Kind::Method
                | Kind::Code
                | Kind::Generator
                | Kind::File
                | Kind::Module
                | Kind::Other
        )
    }

    /// Whether the kind's deallocator goes through CPython's trashcan, which postpones
    /// deallocations nested more than 50 deep.
    pub(crate) fn uses_trashcan(self) -> bool {
        matches!(
            self,
            Kind::Tuple
                | Kind::List
                | Kind::Dict
                | Kind::Set
                | Kind::FrozenSet
                | Kind::Instance
                | Kind::Method
        )
    }

    /// Whether the kind has a `tp_clear` the collector can call to break a cycle.
    /// Tuples, bound methods and iterators have none; the collector breaks cycles through
    /// them by clearing the other members.
    pub(crate) fn has_clear(self) -> bool {
        !matches!(
            self,
            Kind::Tuple | Kind::Method | Kind::Iterator | Kind::FrozenSet
        ) && self.is_container()
    }

    /// Whether the kind is one of the weak reference types.
    pub fn is_weakref(self) -> bool {
        matches!(self, Kind::Ref | Kind::Proxy | Kind::CallableProxy)
    }
}

/// Which of the three weak reference types a weak reference object is.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum WeakFlavor {
    /// `weakref.ref`: call it to get the referent or `None`.
    Ref,
    /// `weakref.proxy` to a non-callable object.
    Proxy,
    /// `weakref.proxy` to a callable object.
    CallableProxy,
}

impl WeakFlavor {
    /// The kind of object a weak reference of this flavor is.
    pub fn kind(self) -> Kind {
        match self {
            WeakFlavor::Ref => Kind::Ref,
            WeakFlavor::Proxy => Kind::Proxy,
            WeakFlavor::CallableProxy => Kind::CallableProxy,
        }
    }
}

/// A weak reference: it names its referent without owning it.
#[derive(Clone, Debug, PartialEq)]
pub struct WeakRef {
    /// The object referred to, or `None` once it has died.
    pub referent: Option<ObjId>,
    /// The callback, held strongly until it runs or the weak reference dies.
    pub callback: Option<ObjId>,
    /// Reference or proxy.
    pub flavor: WeakFlavor,
    /// The referent's hash, remembered the first time the reference is hashed.
    pub hash: Option<i64>,
}

/// A `list`: its items and how many slots CPython would have allocated for them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct List {
    /// The items, each a strong reference.
    pub items: Vec<ObjId>,
    /// The capacity CPython's growth policy would give this list (for `sys.getsizeof`).
    pub allocated: usize,
}

impl List {
    /// A list holding exactly these items, allocated to fit as `[a, b, c]` would be.
    pub fn exact(items: Vec<ObjId>) -> Self {
        let allocated = items.len();
        List { items, allocated }
    }

    /// CPython's `list_resize`: the capacity after the list goes from its current length to
    /// `new_len` items.
    pub fn resized_capacity(&self, new_len: usize) -> usize {
        let allocated = self.allocated;
        if allocated >= new_len && new_len >= allocated / 2 {
            return allocated;
        }
        if new_len == 0 {
            return 0;
        }
        let mut capacity = (new_len + (new_len >> 3) + 6) & !3;
        if new_len.saturating_sub(self.items.len()) > capacity - new_len {
            capacity = (new_len + 3) & !3;
        }
        capacity
    }
}

/// One element of a `set` or `frozenset`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SetEntry {
    /// The element's hash.
    pub hash: i64,
    /// The element.
    pub key: ObjId,
}

/// A `set` or `frozenset`: its elements in iteration order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Set {
    /// The elements, each a strong reference.
    pub entries: Vec<SetEntry>,
    /// The size of CPython's hash table for this many elements (for `sys.getsizeof`).
    pub table_size: usize,
    /// `frozenset` rather than `set`.
    pub frozen: bool,
}

impl Set {
    /// CPython's table size after `len` insertions into a fresh set.
    pub fn table_size_for(len: usize) -> usize {
        let mut mask = 7usize;
        let mut fill = 0usize;
        for used in 1..=len {
            fill += 1;
            if fill * 5 >= mask * 3 {
                let minused = if used > 50_000 { used * 2 } else { used * 4 };
                let mut size = 8;
                while size <= minused {
                    size <<= 1;
                }
                mask = size - 1;
                fill = used;
            }
        }
        mask + 1
    }
}

/// An instance of a class defined in Python.
#[derive(Clone, Debug, PartialEq)]
pub struct Instance {
    /// The class, a strong reference (instances of heap types own their type).
    pub class: ObjId,
    /// `__slots__` values in the order the slots were declared; `None` while unset.
    pub slots: Vec<Option<ObjId>>,
    /// Attributes kept inline, in the order of the class's shared keys.
    pub attrs: Attrs,
    /// The `__dict__` object, once one has been materialized (then `attrs` is empty).
    pub dict: Option<ObjId>,
    /// Length of the values array CPython 3.11 gave the instance for its inline attributes
    /// (see [`crate::Heap::reserve_inline_values`]); 0 when it has none.
    pub values_len: usize,
    /// The built-in layout the class extends (`list`, `dict`, `str`, `weakref.ref`...).
    pub base: Option<Box<Body>>,
}

impl Instance {
    /// A plain instance with no attributes yet.
    pub fn of(class: ObjId) -> Self {
        Instance {
            class,
            slots: Vec::new(),
            attrs: Attrs::new(),
            dict: None,
            values_len: 0,
            base: None,
        }
    }

    /// The value of an inline attribute.
    pub fn attr(&self, name: Name) -> Option<ObjId> {
        self.attrs.iter().find(|a| a.name == name).map(|a| a.value)
    }
}

/// A class defined in Python, as the heap sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Class {
    /// `__name__`.
    pub name: Name,
    /// The class defines `__del__` (a PEP 442 finalizer; a legacy one in 3.3 mode). Once
    /// the class is on the heap, change it with [`crate::Heap::set_has_del`], which its
    /// instances follow.
    pub has_del: bool,
    /// Instances can be weakly referenced (no `__slots__`, or `'__weakref__'` among them).
    pub weakrefable: bool,
    /// Instances have a `__dict__` (no `__slots__` without `'__dict__'`).
    pub has_dict: bool,
    /// Number of `__slots__` entries holding values (not counting `__weakref__`).
    pub slot_count: usize,
    /// What the class holds: bases, `__mro__`, its namespace..., in traverse order.
    pub refs: Vec<Option<ObjId>>,
}

impl Class {
    /// A plain class: no `__del__`, instances with a `__dict__` and weakly referenceable,
    /// no `__slots__`, holding nothing yet.
    pub fn new(name: Name) -> Self {
        Class {
            name,
            has_del: false,
            weakrefable: true,
            has_dict: true,
            slot_count: 0,
            refs: Vec::new(),
        }
    }
}

/// Any other object: the references it holds in order, and a word of language data.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The kind of object.
    pub kind: Kind,
    /// Strong references, in traverse order; `None` for an empty field.
    pub refs: Vec<Option<ObjId>>,
    /// Language data that holds no references (a code number, a file descriptor...).
    pub data: u64,
    /// The object has a finalizer of its own (as generators do).
    pub has_finalizer: bool,
}

impl Record {
    /// A record of the given kind holding these references.
    pub fn new(kind: Kind, refs: Vec<Option<ObjId>>) -> Self {
        Record {
            kind,
            refs,
            data: 0,
            has_finalizer: false,
        }
    }
}

/// The value of an `int` too large for 64 bits: CPython's `PyLongObject` layout, digits of
/// 30 bits, least significant first, with no zero digit at the top.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LongInt {
    /// Whether the value is below zero.
    pub negative: bool,
    /// The magnitude's digits, least significant first.
    pub digits: Vec<u32>,
}

/// The contents of an object.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// `None`.
    None,
    /// `True` or `False`.
    Bool(bool),
    /// An `int` that fits in 64 bits.
    Int(i64),
    /// An `int` outside 64 bits, as CPython stores every int: a sign and base-2**30 digits.
    Long(Box<LongInt>),
    /// A `float`.
    Float(f64),
    /// A `str`.
    Str(Box<str>),
    /// A `tuple`.
    Tuple(Vec<ObjId>),
    /// A `list`.
    List(List),
    /// A `dict`.
    Dict(Box<Dict>),
    /// A `set` or `frozenset`.
    Set(Set),
    /// An instance of a Python class.
    Instance(Instance),
    /// A Python class.
    Class(Box<Class>),
    /// A weak reference or proxy.
    WeakRef(WeakRef),
    /// Any other object.
    Record(Record),
}

impl Body {
    /// The kind of object with this body.
    pub fn kind(&self) -> Kind {
        match self {
            Body::None => Kind::None,
            Body::Bool(_) => Kind::Bool,
            Body::Int(_) | Body::Long(_) => Kind::Int,
            Body::Float(_) => Kind::Float,
            Body::Str(_) => Kind::Str,
            Body::Tuple(_) => Kind::Tuple,
            Body::List(_) => Kind::List,
            Body::Dict(_) => Kind::Dict,
            Body::Set(s) if s.frozen => Kind::FrozenSet,
            Body::Set(_) => Kind::Set,
            Body::Instance(_) => Kind::Instance,
            Body::Class(_) => Kind::Class,
            Body::WeakRef(w) => w.flavor.kind(),
            Body::Record(r) => r.kind,
        }
    }

    /// An empty list.
    pub fn list() -> Body {
        Body::List(List::default())
    }

    /// A list of exactly these items.
    pub fn list_of(items: Vec<ObjId>) -> Body {
        Body::List(List::exact(items))
    }

    /// The weak reference part of this object, if it is one (or subclasses one).
    pub fn weakref(&self) -> Option<&WeakRef> {
        match self {
            Body::WeakRef(w) => Some(w),
            Body::Instance(i) => i.base.as_deref().and_then(Body::weakref),
            _ => None,
        }
    }

    /// The weak reference part of this object, mutably.
    pub fn weakref_mut(&mut self) -> Option<&mut WeakRef> {
        match self {
            Body::WeakRef(w) => Some(w),
            Body::Instance(i) => i.base.as_deref_mut().and_then(Body::weakref_mut),
            _ => None,
        }
    }

    /// Calls `visit` for every strong reference, in the order CPython's `tp_traverse` visits
    /// them (what `gc.get_referents` reports and the collector walks).
    pub fn traverse(&self, visit: &mut impl FnMut(ObjId)) {
        match self {
            Body::None
            | Body::Bool(_)
            | Body::Int(_)
            | Body::Long(_)
            | Body::Float(_)
            | Body::Str(_) => {}
            Body::Tuple(items) => items.iter().rev().for_each(|&o| visit(o)),
            Body::List(list) => list.items.iter().rev().for_each(|&o| visit(o)),
            Body::Dict(dict) => dict.traverse(visit),
            Body::Set(set) => set.entries.iter().for_each(|e| visit(e.key)),
            Body::Instance(inst) => {
                inst.slots.iter().flatten().for_each(|&o| visit(o));
                inst.attrs.iter().for_each(|a| visit(a.value));
                if let Some(d) = inst.dict {
                    visit(d);
                }
                visit(inst.class);
                if let Some(base) = &inst.base {
                    base.traverse(visit);
                }
            }
            Body::Class(class) => class.refs.iter().flatten().for_each(|&o| visit(o)),
            Body::WeakRef(w) => {
                if let Some(cb) = w.callback {
                    visit(cb)
                }
            }
            Body::Record(r) => r.refs.iter().flatten().for_each(|&o| visit(o)),
        }
    }

    /// Calls `visit` for every strong reference the object owns: those `traverse` visits,
    /// plus the `str` keys of a dict, which CPython's traversal skips (a `str` can never be
    /// part of a cycle) but which are counted all the same.
    pub fn owned_refs(&self, visit: &mut impl FnMut(ObjId)) {
        self.traverse(visit);
        let dict = match self {
            Body::Dict(d) => Some(&**d),
            Body::Instance(inst) => match inst.base.as_deref() {
                Some(Body::Dict(d)) => Some(&**d),
                _ => None,
            },
            _ => None,
        };
        if let Some(d) = dict.filter(|d| d.has_str_keys_only()) {
            d.iter().for_each(|e| visit(e.key));
        }
    }

    /// The strong references, in traverse order.
    pub fn referents(&self) -> Vec<ObjId> {
        let mut out = Vec::new();
        self.traverse(&mut |o| out.push(o));
        out
    }
}
