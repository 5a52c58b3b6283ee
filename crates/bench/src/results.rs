//! What one benchmark run measures, named the same way on both sides.

use std::collections::BTreeMap;

use crate::shapes::Shape;

/// An object graph the benchmark builds.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Workload {
    /// One of the cyclic shapes, freed by the collector.
    Cyclic(Shape),
    /// A list of empty lists, freed by reference counting alone.
    AcyclicLists,
}

impl Workload {
    /// Every workload, in table order.
    pub const ALL: [Workload; 4] = [
        Workload::Cyclic(Shape::Ring),
        Workload::Cyclic(Shape::ListPairs),
        Workload::Cyclic(Shape::DoublyLinked),
        Workload::AcyclicLists,
    ];

    /// The name `gc_bench.py` prints for the workload.
    pub fn name(self) -> &'static str {
        match self {
            Workload::Cyclic(shape) => shape.name(),
            Workload::AcyclicLists => "acyclic-lists",
        }
    }
}

/// What is timed once the workload is built.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Case {
    /// `gc.collect()` while the root still holds the shape: nothing is freed.
    Reachable,
    /// `gc.collect()` after `del root`: the whole shape is freed.
    AfterDel,
    /// `del root` itself: reference counting frees everything.
    RefcountFree,
}

impl Case {
    /// Every case.
    pub const ALL: [Case; 3] = [Case::Reachable, Case::AfterDel, Case::RefcountFree];

    /// The name `gc_bench.py` prints for the case.
    pub fn name(self) -> &'static str {
        match self {
            Case::Reachable => "reachable",
            Case::AfterDel => "after-del",
            Case::RefcountFree => "refcount-free",
        }
    }
}

/// One measurement: a workload at a size, timed in one case.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    /// What was built.
    pub workload: Workload,
    /// Objects in it (the root list of the list shapes not counted).
    pub size: usize,
    /// What was timed.
    pub case: Case,
}

/// The best time of each measurement, in nanoseconds per object.
pub type Results = BTreeMap<Key, f64>;
