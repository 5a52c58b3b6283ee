//! The virtual machine: runs bytecode on the simulated heap.
//!
//! Every Python value is a heap object named by an [`ObjId`]. Frames and their value stacks
//! hold strong references exactly where CPython 3.11's do, so `sys.getrefcount` and the
//! collector see the same counts. Deaths that need Python code (`__del__`, weak reference
//! callbacks, `gc.callbacks`) come back from the heap as actions, which the VM runs at once,
//! as CPython runs them inside the `Py_DECREF` that caused them.

mod args;
mod attr;
mod bind;
mod builtins;
mod call;
mod carets;
mod class;
mod class_facts;
mod consts;
mod eval;
mod eval_call;
mod eval_more;
mod exc;
mod files;
mod frame;
mod frame_objects;
mod generators;
mod getattribute;
mod hashing;
mod instances;
mod iter;
mod method_cache;
mod methods;
mod methods_dict;
mod methods_list;
mod methods_set;
mod methods_str;
mod misc;
mod name_table;
mod namespace_cache;
mod natives;
mod natives_iter;
mod natives_num;
mod natives_vars;
mod objects;
mod observe;
mod ops;
mod ops_big;
mod prelude;
mod program;
mod proxy;
mod repr;
mod service;
mod session;
mod slots;
mod subscript;
mod superobj;
mod types;

use std::collections::HashMap;
use std::rc::Rc;

use weaklink_heap::{Heap, Name, ObjId, PythonVersion};

use crate::compile::CodeObject;
pub(crate) use builtins::NativeFn;
pub(crate) use call::FUNC_QUALNAME as FUNC_QUALNAME_FIELD;
pub use exc::{Halt, Raised};
use frame::Frame;
pub use hashing::FastMap;
pub use observe::{Observer, VmEvent};
pub use program::format_syntax_error;
use types::{ClassInfo, Types};

/// What a Python-level operation returns: a value, or an exception being raised.
pub type PyResult<T> = Result<T, Raised>;

/// Settings of one interpreter.
#[derive(Clone, Debug)]
pub struct Options {
    /// Whose rules the heap follows.
    pub version: PythonVersion,
    /// Instructions executed before the program is stopped (an infinite loop).
    pub max_steps: u64,
    /// Objects alive at once before `MemoryError`.
    pub max_objects: usize,
    /// File descriptors a program may hold open at once.
    pub max_open_files: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            version: PythonVersion::default(),
            max_steps: 50_000_000,
            max_objects: 5_000_000,
            max_open_files: 256,
        }
    }
}

/// How a program ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It ran to the end.
    Finished,
    /// An exception was not caught; the traceback is on stderr.
    Uncaught,
    /// The source is not valid Python (or not in weaklink's subset); the message is on stderr.
    SyntaxError,
    /// The program was stopped (step budget); the reason is on stderr.
    Stopped,
}

/// A compiled code object as the VM keeps it: its constants made into heap objects.
#[derive(Debug)]
pub(crate) struct LoadedCode {
    /// The bytecode.
    pub code: Rc<CodeObject>,
    /// The code object on the heap (a `code` record holding the constants).
    pub obj: ObjId,
    /// `consts` as heap objects (held by `obj`).
    pub consts: Rc<[ObjId]>,
    /// `names` interned.
    pub names: Rc<[Name]>,
    /// The instructions, shared with the frames running them.
    pub instrs: Rc<[crate::compile::Instr]>,
}

/// A file of Python source the VM has run, kept for tracebacks.
#[derive(Debug)]
pub(crate) struct SourceFile {
    /// The name tracebacks show.
    pub name: Rc<str>,
    /// Its lines, without line ends.
    pub lines: Vec<String>,
}

/// The interpreter: a heap, the modules, the frames running, and the output so far.
pub struct Vm {
    /// The simulated heap everything lives on.
    pub heap: Heap,
    pub(crate) options: Options,
    pub(crate) frames: Vec<Frame>,
    pub(crate) codes: Vec<LoadedCode>,
    pub(crate) classes: FastMap<ObjId, ClassInfo>,
    pub(crate) types: Types,
    pub(crate) name_table: name_table::NameTable,
    /// Where names were found in namespace dicts.
    pub(crate) namespace_cache: namespace_cache::NamespaceCache,
    /// Facts about classes, for the hottest paths.
    pub(crate) class_facts: class_facts::ClassFactsCache,
    pub(crate) small_ints: Vec<ObjId>,
    /// The static `str` objects: each Latin-1 character, then the empty string.
    pub(crate) static_strs: Vec<ObjId>,
    pub(crate) none: ObjId,
    pub(crate) true_obj: ObjId,
    pub(crate) false_obj: ObjId,
    pub(crate) not_implemented: ObjId,
    pub(crate) ellipsis: ObjId,
    pub(crate) empty_tuple: ObjId,
    pub(crate) builtins: ObjId,
    pub(crate) modules: FastMap<Name, ObjId>,
    pub(crate) main_globals: ObjId,
    pub(crate) natives: Vec<builtins::NativeDef>,
    pub(crate) handled: Option<ObjId>,
    /// References natives hold while they call back into Python (CPython's argument tuple
    /// of a class call), so that the roots account for them.
    pub(crate) temporaries: Vec<ObjId>,
    /// An exception to raise in the frame about to run (thrown into a generator).
    pub(crate) pending_throw: Option<ObjId>,
    /// The interpreter is exiting: the modules are gone.
    pub(crate) shutting_down: bool,
    /// How many built-in functions are running (their Rust locals may hold references the
    /// roots do not list).
    pub(crate) native_depth: usize,
    /// Who watches the program run, if anyone.
    pub(crate) observer: Option<Box<dyn Observer>>,
    /// An object whose next special-method dispatch skips its Python class (a built-in
    /// special method such as `dict.__setitem__` running on a subclass instance).
    pub(crate) builtin_only: Option<ObjId>,
    /// The native behind `T.__new__` of built-in types.
    pub(crate) new_wrapper_native: usize,
    /// `T.__new__` of each built-in type asked for so far (see `new_wrapper`).
    pub(crate) new_wrappers: FastMap<ObjId, ObjId>,
    pub(crate) tracebacks: FastMap<ObjId, Vec<exc::TbEntry>>,
    /// The objects of the constants written in the main program's source, held while its
    /// code runs (CPython's parser arena).
    pub(crate) arena: Vec<ObjId>,
    /// The thread state's dict, once a container repr has made it (see `repr_enter`).
    pub(crate) thread_state_dict: Option<ObjId>,
    /// The tuple of keyword names CPython's `print` makes on its first call and keeps
    /// (see `print_setup`).
    pub(crate) print_keywords: Option<ObjId>,
    /// The tuple `type.__call__` packed the arguments of an exception class call into, for
    /// `BaseException.__new__` to keep as `args`.
    pub(crate) packed_exception_args: Option<ObjId>,
    /// The tuple the running native's arguments were packed into, if any (what
    /// `gc.get_referrers` leaves out, as CPython leaves out its own arguments).
    pub(crate) packed_arguments: Option<ObjId>,
    /// Whether any class has been given a `__getattribute__` of its own (until then,
    /// attribute reads need not look for one).
    pub(crate) user_getattribute: bool,
    pub(crate) generators: FastMap<ObjId, frame::Suspended>,
    pub(crate) method_cache: method_cache::MethodCache,
    /// Buffers of ended frames and calls, for the next ones.
    pub(crate) spare: frame::SpareBuffers,
    /// Special-method names, interned once.
    pub(crate) special: method_cache::SpecialNames,
    pub(crate) open_files: Vec<Option<ObjId>>,
    pub(crate) files: HashMap<String, String>,
    pub(crate) atexit: Vec<ObjId>,
    pub(crate) recursion_limit: usize,
    pub(crate) steps: u64,
    pub(crate) halted: Option<Halt>,
    /// What the program printed to stdout.
    pub stdout: String,
    /// What the program printed to stderr (tracebacks, ignored exceptions).
    pub stderr: String,
    /// Source files of the code loaded (the program, the prelude), for tracebacks.
    pub(crate) sources: Vec<SourceFile>,
    /// Which source file each module namespace (globals dict) was run from.
    pub(crate) module_sources: FastMap<ObjId, usize>,
}

impl Vm {
    /// A fresh interpreter with the built-in modules loaded.
    pub fn new(options: Options) -> Self {
        let mut heap = Heap::new(options.version);
        let none = heap.alloc_static(weaklink_heap::Body::None);
        let true_obj = heap.alloc_static(weaklink_heap::Body::Bool(true));
        let false_obj = heap.alloc_static(weaklink_heap::Body::Bool(false));
        let small_ints = (-5..=256)
            .map(|i| heap.alloc_static(weaklink_heap::Body::Int(i)))
            .collect();
        let empty_tuple = heap.alloc_static(weaklink_heap::Body::Tuple(Vec::new()));
        // CPython 3.11's static strings: one per Latin-1 character, then the empty string.
        let static_strs = (0..=255u8)
            .map(|b| char::from(b).to_string())
            .chain([String::new()])
            .map(|text| heap.alloc_static(weaklink_heap::Body::Str(text.into())))
            .collect();
        let special = method_cache::SpecialNames::new(&mut heap.names);
        let mut vm = Vm {
            heap,
            options,
            frames: Vec::new(),
            codes: Vec::new(),
            classes: FastMap::default(),
            types: Types::default(),
            name_table: name_table::NameTable::default(),
            namespace_cache: namespace_cache::NamespaceCache::default(),
            class_facts: class_facts::ClassFactsCache::default(),
            small_ints,
            static_strs,
            none,
            true_obj,
            false_obj,
            not_implemented: none,
            ellipsis: none,
            empty_tuple,
            builtins: none,
            modules: FastMap::default(),
            main_globals: none,
            natives: Vec::new(),
            handled: None,
            temporaries: Vec::new(),
            pending_throw: None,
            shutting_down: false,
            native_depth: 0,
            observer: None,
            builtin_only: None,
            new_wrapper_native: 0,
            new_wrappers: FastMap::default(),
            tracebacks: FastMap::default(),
            arena: Vec::new(),
            thread_state_dict: None,
            print_keywords: None,
            packed_exception_args: None,
            packed_arguments: None,
            user_getattribute: false,
            generators: FastMap::default(),
            method_cache: method_cache::MethodCache::default(),
            spare: frame::SpareBuffers::default(),
            special,
            open_files: Vec::new(),
            files: HashMap::new(),
            atexit: Vec::new(),
            recursion_limit: 1000,
            steps: 0,
            halted: None,
            stdout: String::new(),
            stderr: String::new(),
            sources: Vec::new(),
            module_sources: FastMap::default(),
        };
        types::install(&mut vm);
        builtins::install(&mut vm);
        crate::modules::install(&mut vm);
        vm.load_prelude();
        vm
    }

    /// Runs compiled module code in `__main__`, then the functions registered with
    /// `atexit`; an uncaught exception is printed on stderr as a traceback.
    pub fn run_code(&mut self, code: Rc<CodeObject>) -> Outcome {
        let outcome = match self.run_module_code(code) {
            Ok(()) => Outcome::Finished,
            Err(Raised::Exception(exc)) => {
                self.print_traceback(exc);
                self.release(exc);
                Outcome::Uncaught
            }
            Err(Raised::Halt(halt)) => {
                self.stderr.push_str(&halt.message());
                self.stderr.push('\n');
                return Outcome::Stopped;
            }
        };
        self.run_atexit();
        self.shutdown();
        outcome
    }

    /// What CPython does after the `atexit` functions when the interpreter exits: the
    /// modules leave `sys.modules` and a full collection (without `gc.callbacks`) frees
    /// what they held, so `__del__` methods and weak reference callbacks of objects still
    /// alive run now, in the collector's order.
    fn shutdown(&mut self) {
        self.notify(VmEvent::Shutdown);
        self.shutting_down = true;
        let mut modules: Vec<ObjId> = self.modules.drain().map(|(_, m)| m).collect();
        modules.sort_by_key(|m| m.index());
        for module in modules {
            self.release(module);
        }
        if self.heap.collect(2) {
            self.settle();
        }
    }

    /// The references the interpreter itself holds: frames (locals and value stacks), module
    /// namespaces, the handled exception. The heap's invariant checker counts these as roots.
    pub fn roots(&self) -> Vec<ObjId> {
        let mut roots = Vec::new();
        for frame in &self.frames {
            frame.roots(&mut roots);
        }
        roots.extend(self.generators.values().filter_map(|s| s.frame.frame_obj));
        roots.extend(self.modules.values().copied());
        roots.extend(self.handled);
        roots.extend(self.temporaries.iter().copied());
        roots.extend(self.arena.iter().copied());
        roots.extend(self.thread_state_dict);
        roots.extend(self.print_keywords);
        roots.extend(self.new_wrappers.values().copied());
        roots.extend(self.pending_throw);
        roots.push(self.builtins);
        roots.extend(self.atexit.iter().copied());
        roots.extend(self.open_files.iter().flatten().copied());
        for info in self.classes.values() {
            info.roots(&mut roots);
        }
        for code in &self.codes {
            roots.push(code.obj);
        }
        roots.extend(self.name_table.objects());
        roots.extend([self.none, self.true_obj, self.false_obj, self.empty_tuple]);
        roots.extend([self.not_implemented, self.ellipsis]);
        roots.extend(self.small_ints.iter().copied());
        roots.extend(self.static_strs.iter().copied());
        roots.extend(self.types.by_name.values().copied());
        roots
    }
}
