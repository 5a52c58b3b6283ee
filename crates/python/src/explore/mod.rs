//! A program's run, recorded step by step for a viewer: at every line reached, call,
//! return and exception, the frames with their names, the objects those names reach
//! (strong and weak references), each object's reference count as `sys.getrefcount`
//! reports it, which objects are alive but unreachable (what only the cycle collector can
//! free), which have `__del__`, the output so far and the bytes alive.
//!
//! Steps are plain data: a viewer moves to any step, forward or back, at once.
//!
//! ```
//! use weaklink_python::explore::{record, Limits, ValueView};
//!
//! let run = record("a = [1]\nb = [a]\n", Default::default(), Limits::default());
//! let last = run.steps.last().unwrap();
//! let names = &last.frames[0].names;
//! assert_eq!(names[0].name, "a");
//! let ValueView::Object(id) = names[0].value else { panic!() };
//! assert_eq!(last.object(id).unwrap().refcount, 3); // a, b's item, getrefcount's argument
//! ```

mod events;
mod phases;

pub use events::object_names;
mod snapshot;

use crate::vm::{Observer, Options, Outcome, Vm, VmEvent};

/// The most heap events a recording keeps: enough for every step of a teaching program,
/// bounded so that a long loop recorded by event cannot fill the browser's memory.
const TRACE_LIMIT: usize = 400_000;

/// How much to record.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Steps kept; the program runs on unrecorded past this many.
    pub max_steps: usize,
    /// Objects shown per step (the rest are counted in [`Step::hidden_objects`]).
    pub max_objects: usize,
    /// Also record a step for every reference count change of a shown object between lines
    /// ([`StepKind::HeapEvent`]).
    pub events: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_steps: 20_000,
            max_objects: 400,
            events: false,
        }
    }
}

/// A whole run.
#[derive(Clone, Debug)]
pub struct Recording {
    /// The steps, in order. The last one shows the state when the program ended.
    pub steps: Vec<Step>,
    /// Everything printed on stdout.
    pub stdout: String,
    /// Everything printed on stderr (tracebacks).
    pub stderr: String,
    /// How the program ended.
    pub outcome: Outcome,
    /// Whether steps past [`Limits::max_steps`] were left out.
    pub truncated: bool,
}

/// What happened at a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// A line is about to run.
    Line,
    /// A function was entered.
    Call(String),
    /// A function returned.
    Return(String),
    /// An exception was raised.
    Exception(String),
    /// The program's code has finished (before interpreter shutdown).
    End,
    /// A phase of a collection `gc.collect()` started has run: the objects carry their
    /// `gc_refs` and where the collector has put them.
    Collector {
        /// The phase's name in CPython's `gcmodule.c` (`subtract_refs`...).
        phase: String,
        /// What the phase did, in a learner's words.
        caption: String,
    },
    /// A reference count changed (recorded when [`Limits::events`] is on).
    HeapEvent {
        /// The object, its count before and after, and why (`list #1: refcount 2 -> 3,
        /// pushed on the value stack`).
        caption: String,
    },
}

/// Where a collection has put an object, as its phases go.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum GcState {
    /// In the generation being collected, reachable from outside it.
    Reachable,
    /// Moved aside: nothing outside the generation seems to reach it, but a finalizer may
    /// still bring it back.
    TentativelyUnreachable,
    /// Found garbage: about to be freed.
    Unreachable,
    /// Garbage that cannot be freed (a legacy finalizer): it goes to `gc.garbage`.
    Uncollectable,
}

/// The state at one step.
#[derive(Clone, Debug)]
pub struct Step {
    /// Why this step was recorded.
    pub kind: StepKind,
    /// The source line (1-based; 0 when none).
    pub line: u32,
    /// Frames, outermost (the module) first.
    pub frames: Vec<FrameView>,
    /// The objects the frames' names reach, plus those alive but unreachable.
    pub objects: Vec<ObjectView>,
    /// Objects left out beyond [`Limits::max_objects`].
    pub hidden_objects: usize,
    /// Bytes of stdout printed so far.
    pub stdout_len: usize,
    /// Bytes of stderr printed so far.
    pub stderr_len: usize,
    /// Bytes alive on the heap (`sys.getsizeof` of every live object).
    pub live_bytes: usize,
}

impl Step {
    /// An object of this step by its display id.
    pub fn object(&self, id: u32) -> Option<&ObjectView> {
        self.objects.iter().find(|o| o.id == id)
    }
}

/// A frame and its names.
#[derive(Clone, Debug)]
pub struct FrameView {
    /// `<module>` or the function's qualified name.
    pub name: String,
    /// The line it is at.
    pub line: u32,
    /// Its variables, in the order they were bound.
    pub names: Vec<Binding>,
}

/// A name and what it refers to.
#[derive(Clone, Debug)]
pub struct Binding {
    /// The variable.
    pub name: String,
    /// Its value.
    pub value: ValueView,
}

/// A value as the diagram draws it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueView {
    /// An object drawn as a box, by display id.
    Object(u32),
    /// A value written in place: numbers, strings, `None`, classes, functions, modules.
    Atom(String),
}

/// An object drawn as a box.
#[derive(Clone, Debug)]
pub struct ObjectView {
    /// Display id: stable over the whole recording, numbered in order of appearance.
    pub id: u32,
    /// Its type's name (`list`, `Node`, `weakref.ReferenceType`...).
    pub type_name: String,
    /// A short description (`list of 2`, `Node`...).
    pub label: String,
    /// The reference count as `sys.getrefcount(obj)` would report it (one more than the
    /// references held, for the call's own argument).
    pub refcount: i64,
    /// What it refers to, in order (items, attributes, keys and values).
    pub fields: Vec<Field>,
    /// Its class (or a base) defines `__del__`.
    pub has_del: bool,
    /// Alive, but no variable, module or frame reaches it: only the cycle collector can
    /// free it.
    pub unreachable: bool,
    /// Tracked by the cycle collector (`gc.is_tracked`).
    pub tracked: bool,
    /// `sys.getsizeof`.
    pub size: usize,
    /// During a collection step: the object's `gc_refs` (its count minus the references
    /// from other objects being collected, once `subtract_refs` has run).
    pub gc_refs: Option<i64>,
    /// During a collection step: where the collector has put the object.
    pub gc_state: Option<GcState>,
}

/// One reference out of an object.
#[derive(Clone, Debug)]
pub struct Field {
    /// Index, attribute name, or key, as text (`[0]`, `.parent`, `['a']`).
    pub label: String,
    /// The value referred to.
    pub value: ValueView,
    /// A weak reference (drawn dashed): it does not keep the value alive.
    pub weak: bool,
}

/// Runs `source` as `<listing>` and records every step.
pub fn record(source: &str, options: Options, limits: Limits) -> Recording {
    let mut vm = Vm::new(options);
    // The collector's own events give the collection steps their gc_refs.
    vm.heap.set_tracing(true);
    vm.heap.set_tracing_collector_only(!limits.events);
    vm.heap.set_trace_limit(TRACE_LIMIT);
    let recorder = snapshot::Recorder::new(&vm, limits);
    let shared = recorder.clone();
    vm.set_observer(Box::new(recorder));
    let outcome = vm.run_program(source, "<listing>");
    drop(vm.take_observer());
    // A program stopped by the step budget, or that did not parse, has not shut down.
    shared.end(&vm);
    let (steps, truncated) = shared.finish();
    Recording {
        steps,
        stdout: vm.stdout.clone(),
        stderr: vm.stderr.clone(),
        outcome,
        truncated,
    }
}

impl Observer for snapshot::Recorder {
    fn event(&mut self, vm: &Vm, event: VmEvent) {
        let (kind, line) = match event {
            VmEvent::Line(line) => (StepKind::Line, line),
            VmEvent::Call(name) => (StepKind::Call(name), current_line(vm)),
            VmEvent::Return(name) => (StepKind::Return(name), current_line(vm)),
            VmEvent::Exception(name) => (StepKind::Exception(name), current_line(vm)),
            VmEvent::Shutdown => {
                self.end(vm);
                return;
            }
        };
        self.snap(vm, kind, line);
    }
}

fn current_line(vm: &Vm) -> u32 {
    vm.innermost_line()
}
