//! Types: the built-in type objects, and what the VM knows about every class.

use std::rc::Rc;

use weaklink_heap::{Body, Class, Kind, Name, ObjId, Record};

use super::{FastMap, Vm};

/// Extra kinds of records, told apart by a tag in the top bits of `Record::data`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[repr(u16)]
pub(crate) enum Tag {
    /// Not tagged (functions, methods, cells... told apart by their `Kind`).
    Plain = 0,
    StaticMethod,
    ClassMethod,
    Property,
    Super,
    Slice,
    Range,
    ListIter,
    TupleIter,
    RangeIter,
    StrIter,
    DictKeyIter,
    DictValueIter,
    DictItemIter,
    SetIter,
    Enumerate,
    Zip,
    Reversed,
    SeqIter,
    DictKeys,
    DictValues,
    DictItems,
    MethodDescriptor,
    NotImplemented,
    Map,
    Filter,
    CallIter,
    MappingProxy,
    SlotDescriptor,
    ListRevIter,
    Ellipsis,
    Traceback,
    GetSetDescriptor,
}

const TAG_SHIFT: u32 = 48;
const STATE_MASK: u64 = (1 << TAG_SHIFT) - 1;

impl Tag {
    const ALL: [Tag; 33] = [
        Tag::Plain,
        Tag::StaticMethod,
        Tag::ClassMethod,
        Tag::Property,
        Tag::Super,
        Tag::Slice,
        Tag::Range,
        Tag::ListIter,
        Tag::TupleIter,
        Tag::RangeIter,
        Tag::StrIter,
        Tag::DictKeyIter,
        Tag::DictValueIter,
        Tag::DictItemIter,
        Tag::SetIter,
        Tag::Enumerate,
        Tag::Zip,
        Tag::Reversed,
        Tag::SeqIter,
        Tag::DictKeys,
        Tag::DictValues,
        Tag::DictItems,
        Tag::MethodDescriptor,
        Tag::NotImplemented,
        Tag::Map,
        Tag::Filter,
        Tag::CallIter,
        Tag::MappingProxy,
        Tag::SlotDescriptor,
        Tag::ListRevIter,
        Tag::Ellipsis,
        Tag::Traceback,
        Tag::GetSetDescriptor,
    ];

    /// The record data for this tag and a state word.
    pub fn data(self, state: u64) -> u64 {
        ((self as u64) << TAG_SHIFT) | (state & STATE_MASK)
    }

    /// The tag stored in a record's data.
    pub fn of(data: u64) -> Tag {
        Tag::ALL
            .get((data >> TAG_SHIFT) as usize)
            .copied()
            .unwrap_or(Tag::Plain)
    }

    /// The state word stored in a record's data.
    pub fn state(data: u64) -> u64 {
        data & STATE_MASK
    }

    /// The Python name of the type of records with this tag.
    pub fn type_name(self) -> &'static str {
        match self {
            Tag::Plain => "object",
            Tag::StaticMethod => "staticmethod",
            Tag::ClassMethod => "classmethod",
            Tag::Property => "property",
            Tag::Super => "super",
            Tag::Slice => "slice",
            Tag::Range => "range",
            Tag::ListIter => "list_iterator",
            Tag::TupleIter => "tuple_iterator",
            Tag::RangeIter => "range_iterator",
            Tag::StrIter => "str_ascii_iterator",
            Tag::DictKeyIter => "dict_keyiterator",
            Tag::DictValueIter => "dict_valueiterator",
            Tag::DictItemIter => "dict_itemiterator",
            Tag::SetIter => "set_iterator",
            Tag::Enumerate => "enumerate",
            Tag::Zip => "zip",
            Tag::Reversed => "reversed",
            Tag::SeqIter => "iterator",
            Tag::DictKeys => "dict_keys",
            Tag::DictValues => "dict_values",
            Tag::DictItems => "dict_items",
            Tag::MethodDescriptor => "method_descriptor",
            Tag::NotImplemented => "NotImplementedType",
            Tag::Map => "map",
            Tag::Filter => "filter",
            Tag::CallIter => "callable_iterator",
            Tag::MappingProxy => "mappingproxy",
            Tag::SlotDescriptor => "member_descriptor",
            Tag::ListRevIter => "list_reverseiterator",
            Tag::Ellipsis => "ellipsis",
            Tag::Traceback => "traceback",
            Tag::GetSetDescriptor => "getset_descriptor",
        }
    }
}

/// The built-in layout instances of a class have (a class defined in Python extends one).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Layout {
    /// `object`: a plain instance.
    Object,
    /// A built-in type whose instances are not `Instance` bodies (int, list, function...).
    Builtin(Kind),
    /// `BaseException` and its subclasses.
    Exception,
}

/// What the VM knows about a class beyond its heap object.
#[derive(Clone, Debug)]
pub(crate) struct ClassInfo {
    /// `__name__`.
    pub name: Rc<str>,
    /// The name error messages use (CPython's `tp_name`: `weakref.ProxyType`, `Point`).
    pub tp_name: Rc<str>,
    /// `__qualname__`.
    pub qualname: Rc<str>,
    /// `__mro__`, the class first.
    pub mro: Vec<ObjId>,
    /// `__bases__`.
    pub bases: Vec<ObjId>,
    /// The namespace of a class defined in Python (a dict held by the class object).
    pub dict: Option<ObjId>,
    /// Methods of a built-in type: method descriptor objects (held by the VM).
    pub methods: FastMap<Name, ObjId>,
    /// The layout of instances.
    pub layout: Layout,
    /// `__slots__` names holding values, in order, for classes that declare them
    /// (inherited ones first).
    pub slots: Vec<Name>,
    /// Defined in Python (a heap type).
    pub user: bool,
    /// `__module__` as shown in reprs.
    pub module: Rc<str>,
}

impl ClassInfo {
    /// References the VM holds for this class (method descriptors of built-in types).
    pub fn roots(&self, out: &mut Vec<ObjId>) {
        out.extend(self.methods.values().copied());
    }
}

/// The built-in type objects.
#[derive(Clone, Debug, Default)]
pub(crate) struct Types {
    pub object: Option<ObjId>,
    /// The type of each built-in kind, indexed by the kind.
    pub by_kind: [Option<ObjId>; Kind::ALL.len()],
    /// The type of each tagged record, indexed by the tag.
    pub by_tag: Vec<Option<ObjId>>,
    pub by_name: FastMap<&'static str, ObjId>,
}

/// Built-in exception classes: (name, base name).
pub(crate) const EXCEPTIONS: &[(&str, &str)] = &[
    ("BaseException", "object"),
    ("Exception", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("SystemExit", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("RuntimeError", "Exception"),
    ("RecursionError", "RuntimeError"),
    ("NotImplementedError", "RuntimeError"),
    ("StopIteration", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("OSError", "Exception"),
    ("FileNotFoundError", "OSError"),
    ("FileExistsError", "OSError"),
    ("MemoryError", "Exception"),
    ("ReferenceError", "Exception"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
];

/// Built-in types whose instances have their own body kind.
const KIND_TYPES: &[(&str, Kind)] = &[
    ("NoneType", Kind::None),
    ("bool", Kind::Bool),
    ("int", Kind::Int),
    ("float", Kind::Float),
    ("str", Kind::Str),
    ("tuple", Kind::Tuple),
    ("list", Kind::List),
    ("dict", Kind::Dict),
    ("set", Kind::Set),
    ("frozenset", Kind::FrozenSet),
    ("type", Kind::Class),
    ("function", Kind::Function),
    ("builtin_function_or_method", Kind::BuiltinFunction),
    ("method", Kind::Method),
    ("cell", Kind::Cell),
    ("module", Kind::Module),
    ("code", Kind::Code),
    ("weakref.ReferenceType", Kind::Ref),
    ("weakref.ProxyType", Kind::Proxy),
    ("weakref.CallableProxyType", Kind::CallableProxy),
    ("generator", Kind::Generator),
    ("frame", Kind::Frame),
    ("_io.TextIOWrapper", Kind::File),
];

impl Vm {
    /// Makes a built-in class object and registers it.
    fn builtin_class(&mut self, name: &'static str, base: Option<ObjId>, layout: Layout) -> ObjId {
        let short = name.rsplit('.').next().unwrap_or(name);
        let interned = self.intern(short);
        let weakrefable = matches!(layout, Layout::Object | Layout::Exception);
        let obj = self.heap.alloc_static(Body::Class(Box::new(Class {
            weakrefable,
            has_dict: false,
            ..Class::new(interned)
        })));
        let mut mro = vec![obj];
        let mut bases = Vec::new();
        if let Some(base) = base {
            mro.extend(self.classes[&base].mro.iter().copied());
            bases.push(base);
        }
        let module = match name.split_once('.') {
            Some((module, _)) => module,
            None => "builtins",
        };
        self.classes.insert(
            obj,
            ClassInfo {
                name: short.into(),
                tp_name: name.into(),
                qualname: short.into(),
                mro,
                bases,
                dict: None,
                methods: FastMap::default(),
                layout,
                slots: Vec::new(),
                user: false,
                module: module.into(),
            },
        );
        self.types.by_name.insert(name, obj);
        obj
    }

    /// The class of any object (`type(obj)`).
    pub(crate) fn type_of(&self, obj: ObjId) -> ObjId {
        match self.heap.body(obj) {
            Body::Instance(inst) => inst.class,
            Body::Record(r) if matches!(r.kind, Kind::Other | Kind::Iterator) => {
                let tag = Tag::of(r.data) as usize;
                self.types
                    .by_tag
                    .get(tag)
                    .copied()
                    .flatten()
                    .unwrap_or_else(|| self.object_type())
            }
            Body::Record(r)
                if r.kind == Kind::BuiltinFunction && Tag::of(r.data) == Tag::MethodDescriptor =>
            {
                self.types.by_tag[Tag::MethodDescriptor as usize].expect("method descriptor type")
            }
            body => {
                let kind = body.kind();
                self.types.by_kind[kind as usize].unwrap_or_else(|| self.object_type())
            }
        }
    }

    /// `object`.
    pub(crate) fn object_type(&self) -> ObjId {
        self.types.object.expect("object type installed")
    }

    /// A built-in class by name (`"int"`, `"ValueError"`...).
    pub(crate) fn builtin_type(&self, name: &str) -> ObjId {
        self.types.by_name[name]
    }

    /// The class information of a class object.
    pub(crate) fn class_info(&self, class: ObjId) -> &ClassInfo {
        &self.classes[&class]
    }

    /// Whether `class` is `base` or derives from it.
    pub(crate) fn is_subclass(&self, class: ObjId, base: ObjId) -> bool {
        class == base
            || self
                .classes
                .get(&class)
                .is_some_and(|info| info.mro.contains(&base))
    }

    /// Whether `obj` is an instance of `class` (or a subclass).
    pub(crate) fn isinstance(&self, obj: ObjId, class: ObjId) -> bool {
        let t = self.type_of(obj);
        self.is_subclass(t, class)
            || (class == self.builtin_type("int") && t == self.builtin_type("bool"))
    }

    /// The name of an object's type, as error messages show it.
    pub(crate) fn type_name(&self, obj: ObjId) -> Rc<str> {
        let t = self.type_of(obj);
        self.classes
            .get(&t)
            .map(|info| info.tp_name.clone())
            .unwrap_or_else(|| "object".into())
    }

    /// Whether `obj` is a class object.
    pub(crate) fn is_class(&self, obj: ObjId) -> bool {
        matches!(self.heap.body(obj), Body::Class(_))
    }

    /// The built-in layout that instances of `class` extend.
    pub(crate) fn layout_of(&self, class: ObjId) -> Layout {
        self.class_facts(class).layout
    }

    /// A record of a tagged kind.
    pub(crate) fn tagged_record(
        &self,
        kind: Kind,
        tag: Tag,
        state: u64,
        refs: Vec<Option<ObjId>>,
    ) -> Record {
        Record {
            kind,
            refs,
            data: tag.data(state),
            has_finalizer: false,
        }
    }
}

/// Creates the built-in type objects.
pub(crate) fn install(vm: &mut Vm) {
    let object = vm.builtin_class("object", None, Layout::Object);
    vm.types.object = Some(object);
    for &(name, kind) in KIND_TYPES {
        let base = if kind == Kind::Bool {
            vm.types.by_name.get("int").copied()
        } else {
            Some(object)
        };
        let class = vm.builtin_class(name, base, Layout::Builtin(kind));
        vm.types.by_kind[kind as usize] = Some(class);
    }
    vm.types.by_tag = vec![None; Tag::ALL.len()];
    for tag in Tag::ALL.iter().skip(1) {
        let class = vm.builtin_class(tag.type_name(), Some(object), Layout::Builtin(Kind::Other));
        vm.types.by_tag[*tag as usize] = Some(class);
    }
    for &(name, base) in EXCEPTIONS {
        let base = vm.types.by_name[base];
        vm.builtin_class(name, Some(base), Layout::Exception);
    }
    // `NotImplemented` is the singleton of its type.
    let data = Tag::NotImplemented.data(0);
    let ni = vm.heap.alloc_static(Body::Record(Record {
        kind: Kind::Other,
        refs: Vec::new(),
        data,
        has_finalizer: false,
    }));
    vm.not_implemented = ni;
    let ellipsis = vm.heap.alloc_static(Body::Record(Record {
        kind: Kind::Other,
        refs: Vec::new(),
        data: Tag::Ellipsis.data(0),
        has_finalizer: false,
    }));
    vm.ellipsis = ellipsis;
}
