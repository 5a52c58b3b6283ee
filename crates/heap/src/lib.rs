//! A simulated CPython 3.11 object heap.
//!
//! Objects carry reference counts and the references they hold, in CPython's traversal
//! order. Counts reaching zero free objects at once, releasing contents in CPython's order;
//! CPython 3.11's generational cycle collector finds what counting cannot free, as an
//! explicit phase machine a viewer can step through; weak references are cleared and their
//! callbacks scheduled exactly when CPython does it. The heap never runs Python: when a
//! `__del__`, a weak reference callback or a `gc.callbacks` entry must run, it hands the
//! caller an [`Action`] and resumes once the caller has carried it out.
//!
//! Every event can be recorded in a [`Trace`]; [`Heap::check`] verifies the invariants.

mod attrs;
mod body;
mod check;
mod collect;
mod dict;
mod fasthash;
mod gcstate;
mod heap;
mod id;
mod lists;
mod machine;
mod mutate;
mod names;
mod release;
mod shared_keys;
mod size;
mod trace;
mod tracking;
mod version;
mod weak;

pub use attrs::{Attr, Attrs};
pub use body::{
    Body, Class, Instance, Kind, List, LongInt, Record, Set, SetEntry, WeakFlavor, WeakRef,
};
pub use check::Violation;
pub use collect::Collection;
pub use dict::{watched_writes, Dict, DictEntry};
pub use fasthash::{FastHasher, FastMap};
pub use gcstate::{
    GcMessage, GcState, Generation, GenerationStats, DEBUG_COLLECTABLE, DEBUG_LEAK, DEBUG_SAVEALL,
    DEBUG_STATS, DEBUG_UNCOLLECTABLE,
};
pub use heap::{Heap, Memory, WeakrefError};
pub use id::ObjId;
pub use machine::{Action, GcCallbackPhase, Step};
pub use names::{Name, Names};
pub use size::{int_size, size_of, str_size};
pub use trace::{render, Cause, Event, GcList, Phase, Trace};
pub use version::{PythonVersion, IMMORTAL_REFCOUNT, STATIC_BASE};
