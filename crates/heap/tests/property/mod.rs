//! Random programs for the heap's property tests: the operations a program is made of, what
//! the Python code run for the heap's actions does, and the strategies that draw them.
//!
//! The rest of the harness runs them: [`env`] is the test's side of the heap (the references
//! it holds, the actions it services), [`world`] a heap running a program, [`apply`] each
//! operation carried out, and [`checks`] what is observed after every step.

mod apply;
mod checks;
mod env;
mod world;

use proptest::prelude::*;
use weaklink_heap::PythonVersion;

pub use checks::{assert_same_events, assert_same_seen};
pub use env::{Props, Tally};
pub use world::{run, run_seen, run_traced};

/// Chooses among the candidates of an operation, counting back from the newest (modulo
/// their number): programs mostly work on what they just made, and shrinking towards 0
/// means "the newest candidate".
type Pick = u8;

/// Attribute names instances use.
const ATTRS: [&str; 3] = ["a", "b", "c"];

/// One step of a program.
#[derive(Clone, Debug)]
pub enum Op {
    /// `x = []`.
    NewList,
    /// `x = (r1, r2, ...)` of objects the program holds.
    NewTuple(Vec<Pick>),
    /// `x = {}`.
    NewDict,
    /// `x = C()`, of a class with or without `__del__`.
    NewInstance { finalizer: bool },
    /// `x = 1234` (a fresh int).
    NewInt(i64),
    /// `x = "..."` (a fresh str).
    NewStr,
    /// `x = None` / `True` / `0`: a new reference to a static object.
    Static(Pick),
    /// `y = [[[x]]]`, nested this deep: past 50 levels, freeing it goes through the
    /// trashcan.
    Nest { item: Pick, depth: u8 },
    /// `y = x`: one more reference to an object held.
    Dup(Pick),
    /// `y = x.attr` / `y = x[i]`: a reference to something a held object holds.
    Fetch { holder: Pick, which: Pick },
    /// Stores `to` in `from`, whatever `from` is: `from.append(to)` for a list,
    /// `from.a = to` for an instance, `from[to] = to` for a dict.
    Link { from: Pick, to: Pick },
    /// `l.append(x)`.
    Append { list: Pick, item: Pick },
    /// `l[i] = x`.
    SetItem { list: Pick, pos: Pick, item: Pick },
    /// `o.attr = x`.
    SetAttr { obj: Pick, attr: Pick, value: Pick },
    /// `d[k] = v`.
    DictSet { dict: Pick, key: Pick, value: Pick },
    /// `del l[i]` (`list.pop` and dropping the result).
    Pop { list: Pick, pos: Pick },
    /// `del o.attr`.
    DelAttr { obj: Pick, attr: Pick },
    /// `del d[k]`.
    DictDel { dict: Pick, pos: Pick },
    /// `l.clear()`.
    ListClear(Pick),
    /// `del x`: drops one reference the program holds.
    Unroot(Pick),
    /// Drops the oldest reference the program holds.
    UnrootOldest,
    /// `w = weakref.ref(x)` or `weakref.proxy(x)`, with or without a callback.
    Weakref {
        target: Pick,
        proxy: bool,
        callback: Option<CallbackSpec>,
    },
    /// `gc.collect(generation)`.
    Collect(u8),
    /// `gc.collect()`, followed by the full-collection observations.
    FullCollect,
    /// `gc.enable()` / `gc.disable()`.
    Automatic(bool),
    /// `gc.set_threshold(5, 2, 2)` or back to `(700, 10, 10)`.
    SmallThresholds(bool),
    /// `gc.freeze()` / `gc.unfreeze()`.
    Freeze(bool),
    /// `gc.set_debug(gc.DEBUG_SAVEALL)` / `gc.set_debug(0)`: garbage is kept in `gc.garbage`.
    SaveAll(bool),
}

/// The callback of a new weak reference: a function, perhaps closing over an object the
/// program holds, which the program keeps or lets the weak reference own alone.
#[derive(Clone, Debug)]
pub struct CallbackSpec {
    pub closes_over: Option<Pick>,
    pub keep: bool,
}

/// What the Python code run for an action does besides returning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reaction {
    /// Nothing.
    Nothing,
    /// `__del__` stores `self` somewhere the program reaches (resurrection); a callback
    /// stores the weak reference it was passed.
    Keep,
    /// Drops one reference the program held.
    Drop(Pick),
    /// Allocates a list or an instance and keeps it.
    Alloc { instance: bool },
    /// Makes a weak reference, kept, with or without a callback of its own: `__del__` to
    /// `self`, a weak reference callback to itself (the function being called).
    Weakref { callback: bool },
}

/// A whole test case.
#[derive(Clone, Debug)]
pub struct Program {
    pub version: PythonVersion,
    pub automatic: bool,
    pub small_thresholds: bool,
    /// The teardown drops the oldest reference first (else the newest).
    pub oldest_first: bool,
    /// Queued work is carried out with `Heap::step`, the viewer's smallest steps, rather
    /// than `Heap::drive`.
    pub stepwise: bool,
    /// Consumed in turn, one per action, cyclically; empty means every action does nothing.
    pub reactions: Vec<Reaction>,
    pub ops: Vec<Op>,
}

/// Mostly the newest candidate or one of the few before it.
fn pick() -> impl Strategy<Value = Pick> {
    prop_oneof![2 => Just(0), 2 => 0..3u8, 1 => 0..16u8]
}

/// A weak reference callback.
fn callback_spec() -> impl Strategy<Value = CallbackSpec> {
    (proptest::option::of(pick()), any::<bool>())
        .prop_map(|(closes_over, keep)| CallbackSpec { closes_over, keep })
}

/// New objects, which the program keeps.
fn allocation() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => Just(Op::NewList),
        2 => proptest::collection::vec(pick(), 0..4).prop_map(Op::NewTuple),
        2 => Just(Op::NewDict),
        4 => any::<bool>().prop_map(|finalizer| Op::NewInstance { finalizer }),
        1 => (0..1000i64).prop_map(Op::NewInt),
        1 => Just(Op::NewStr),
        1 => pick().prop_map(Op::Static),
        1 => (pick(), prop_oneof![1..4u8, 50..70u8]).prop_map(|(item, depth)| Op::Nest { item, depth }),
    ]
}

/// A container stores a reference.
fn new_edge() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (pick(), pick()).prop_map(|(from, to)| Op::Link { from, to }),
        3 => (pick(), pick()).prop_map(|(list, item)| Op::Append { list, item }),
        1 => (pick(), pick(), pick()).prop_map(|(list, pos, item)| Op::SetItem { list, pos, item }),
        4 => (pick(), pick(), pick()).prop_map(|(obj, attr, value)| Op::SetAttr { obj, attr, value }),
        2 => (pick(), pick(), pick()).prop_map(|(dict, key, value)| Op::DictSet { dict, key, value }),
    ]
}

/// A container lets a reference go.
fn edge_removal() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (pick(), pick()).prop_map(|(list, pos)| Op::Pop { list, pos }),
        2 => (pick(), pick()).prop_map(|(obj, attr)| Op::DelAttr { obj, attr }),
        1 => (pick(), pick()).prop_map(|(dict, pos)| Op::DictDel { dict, pos }),
        1 => pick().prop_map(Op::ListClear),
    ]
}

/// The program takes or drops references of its own.
fn holding() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => pick().prop_map(Op::Unroot),
        1 => Just(Op::UnrootOldest),
        1 => pick().prop_map(Op::Dup),
        2 => (pick(), pick()).prop_map(|(holder, which)| Op::Fetch { holder, which }),
    ]
}

/// A new weak reference.
fn weakref() -> impl Strategy<Value = Op> {
    (pick(), any::<bool>(), proptest::option::of(callback_spec())).prop_map(
        |(target, proxy, callback)| Op::Weakref {
            target,
            proxy,
            callback,
        },
    )
}

/// Collections and the collector's settings.
fn collector() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0..3u8).prop_map(Op::Collect),
        2 => Just(Op::FullCollect),
        1 => any::<bool>().prop_map(Op::Automatic),
        1 => any::<bool>().prop_map(Op::SmallThresholds),
        1 => any::<bool>().prop_map(Op::Freeze),
        1 => any::<bool>().prop_map(Op::SaveAll),
    ]
}

/// Any operation; `weak` weighs weak references relative to the rest.
fn op(weak: u32) -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => allocation(),
        6 => new_edge(),
        3 => edge_removal(),
        4 => holding(),
        weak => weakref(),
        2 => collector(),
    ]
}

/// What Python code run for an action does.
pub fn reaction() -> impl Strategy<Value = Reaction> {
    prop_oneof![
        4 => Just(Reaction::Nothing),
        2 => Just(Reaction::Keep),
        2 => pick().prop_map(Reaction::Drop),
        1 => any::<bool>().prop_map(|instance| Reaction::Alloc { instance }),
        1 => any::<bool>().prop_map(|callback| Reaction::Weakref { callback }),
    ]
}

/// Mostly 3.11 rules.
pub fn any_version() -> impl Strategy<Value = PythonVersion> {
    prop_oneof![
        3 => Just(PythonVersion::V3_11),
        1 => Just(PythonVersion::V3_3),
        1 => Just(PythonVersion::V3_12),
    ]
}

/// A program of up to 60 operations under the given rules, with its reactions.
pub fn program(
    version: impl Strategy<Value = PythonVersion>,
    reactions: impl Strategy<Value = Reaction>,
    weak: u32,
) -> impl Strategy<Value = Program> {
    (
        version,
        any::<[bool; 4]>(),
        proptest::collection::vec(reactions, 0..6),
        proptest::collection::vec(op(weak), 1..60),
    )
        .prop_map(|(version, switches, reactions, ops)| {
            let [automatic, small_thresholds, oldest_first, stepwise] = switches;
            Program {
                version,
                automatic,
                small_thresholds,
                oldest_first,
                stepwise,
                reactions,
                ops,
            }
        })
}
