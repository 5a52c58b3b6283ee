//! What the widget shows: a recorded run of a listing as a list of steps, each a picture of the
//! program and its heap at one moment.
//!
//! These are presentation types only. They are filled from the Python crate's recording (see
//! [`crate::record`]); the widget never works out Python semantics itself.

/// A listing run from start to end, recorded step by step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recording {
    /// The steps in order; the last one is the program's final state.
    pub steps: Vec<Step>,
    /// Everything the program wrote to stdout, shown at the last step (it includes what
    /// finalizers print at interpreter shutdown, after the last step).
    pub stdout: String,
    /// What the program wrote to stderr (tracebacks), shown at the last step.
    pub stderr: String,
    /// Whether the program ended by an uncaught exception or a syntax error.
    pub failed: bool,
}

/// One moment of the program.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Step {
    /// The source line about to run (from 1), or 0 when the program has ended.
    pub line: u32,
    /// The call stack, outermost frame first.
    pub frames: Vec<Frame>,
    /// The objects on the heap worth drawing.
    pub objects: Vec<Object>,
    /// The references between objects.
    pub edges: Vec<Edge>,
    /// What happened at this step besides reaching a line (a call, a return, an exception).
    pub note: Option<String>,
    /// Objects left out of the picture because there are too many.
    pub hidden_objects: usize,
    /// Everything printed to stdout up to this step.
    pub stdout: String,
    /// Bytes alive on the heap (`sys.getsizeof` of every live object).
    pub live_bytes: usize,
}

/// A stable name for an object across the steps of one recording.
pub type ObjectKey = u64;

/// One frame of the call stack and the names it binds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frame {
    /// The function's name (`<module>` for the listing's top level).
    pub name: String,
    /// Each name and what it is bound to.
    pub names: Vec<(String, Value)>,
}

/// What a name refers to, as drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// An object drawn as a box.
    Object(ObjectKey),
    /// An object shown inline as text (a small int, `None`, a short string).
    Atom(String),
}

/// One object on the heap.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object {
    /// Its key, stable across steps.
    pub key: ObjectKey,
    /// Its type's name, e.g. `list`.
    pub type_name: String,
    /// A short rendering of its value, e.g. `[1, 2]`.
    pub value: String,
    /// Its reference count as `sys.getrefcount` would report it.
    pub refcount: i64,
    /// Alive though no name reaches it: only a cycle keeps it.
    pub unreachable: bool,
    /// Its class defines `__del__`.
    pub has_del: bool,
    /// During a collection step: its gc_refs.
    pub gc_refs: Option<i64>,
    /// During a collection step: where the collector has put it.
    pub gc_state: Option<GcMark>,
}

/// Where a collection has put an object (see `weaklink_python::explore::GcState`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum GcMark {
    /// Reachable from outside the generation.
    Reachable,
    /// Moved aside; a finalizer may still bring it back.
    Tentative,
    /// Garbage, about to be freed.
    Garbage,
    /// Garbage that cannot be freed: it goes to `gc.garbage`.
    Uncollectable,
}

impl GcMark {
    /// The words the diagram and its description use.
    pub fn words(self) -> &'static str {
        match self {
            GcMark::Reachable => "reachable",
            GcMark::Tentative => "tentatively unreachable",
            GcMark::Garbage => "unreachable",
            GcMark::Uncollectable => "uncollectable",
        }
    }

    /// A shorter form that fits under an object in the diagram.
    pub fn short_words(self) -> &'static str {
        match self {
            GcMark::Reachable => "reachable",
            GcMark::Tentative => "set aside",
            GcMark::Garbage => "garbage",
            GcMark::Uncollectable => "uncollectable",
        }
    }
}

/// A reference from a frame's name or an object to an object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// The object holding the reference.
    pub from: ObjectKey,
    /// The object referred to.
    pub to: ObjectKey,
    /// How the holder refers to it, e.g. `[0]` or `.parent`.
    pub label: String,
    /// A weak reference: it does not keep its target alive.
    pub weak: bool,
}

impl Step {
    /// The object with key `key`.
    pub fn object(&self, key: ObjectKey) -> Option<&Object> {
        self.objects.iter().find(|o| o.key == key)
    }
}
