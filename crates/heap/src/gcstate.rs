//! The collector's settings and counters: CPython's `GCState`.

use crate::body::Kind;
use crate::id::ObjId;

/// Debug flag: print statistics of each collection to stderr.
pub const DEBUG_STATS: u32 = 1;
/// Debug flag: report collectable objects found.
pub const DEBUG_COLLECTABLE: u32 = 2;
/// Debug flag: report uncollectable objects found.
pub const DEBUG_UNCOLLECTABLE: u32 = 4;
/// Debug flag: keep every object found in `gc.garbage` instead of freeing it.
pub const DEBUG_SAVEALL: u32 = 32;
/// `gc.DEBUG_LEAK`.
pub const DEBUG_LEAK: u32 = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

/// One generation's counters.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Generation {
    /// For generation 0, allocations minus deallocations of container objects since the last
    /// collection; for older ones, collections of the next younger generation since their own.
    pub count: usize,
    /// Collect when `count` exceeds this.
    pub threshold: usize,
}

/// What `gc.get_stats()` reports for one generation.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct GenerationStats {
    /// Collections of this generation.
    pub collections: usize,
    /// Objects collected in them.
    pub collected: usize,
    /// Objects found uncollectable in them.
    pub uncollectable: usize,
}

/// A line the collector writes to stderr under the debug flags.
#[derive(Clone, Debug, PartialEq)]
pub enum GcMessage {
    /// `gc: collecting generation N...` and the generation sizes (`DEBUG_STATS`).
    Collecting {
        /// The generation collected.
        generation: u8,
        /// Objects in each generation, and in the permanent one.
        sizes: [usize; 4],
    },
    /// `gc: collectable <type 0x...>` (`DEBUG_COLLECTABLE`).
    Collectable {
        /// The object found.
        obj: ObjId,
        /// Its type name.
        type_name: String,
    },
    /// `gc: uncollectable <type 0x...>` (`DEBUG_UNCOLLECTABLE`).
    Uncollectable {
        /// The object found.
        obj: ObjId,
        /// Its type name.
        type_name: String,
    },
    /// `gc: done, N unreachable, M uncollectable` (`DEBUG_STATS`).
    Done {
        /// Unreachable objects found, uncollectable included.
        unreachable: usize,
        /// Uncollectable objects.
        uncollectable: usize,
    },
}

/// CPython keeps freed lists, dicts and small tuples for reuse; taking one from a free list
/// does not count as a container allocation, and a full collection empties the lists.
#[derive(Clone, Debug, Default)]
pub(crate) struct FreeLists {
    lists: usize,
    dicts: usize,
    tuples: [usize; 20],
}

const LIST_DICT_MAX: usize = 80;
const TUPLE_MAX: usize = 2000;

impl FreeLists {
    /// Reuses a freed object of this shape if one is kept.
    pub(crate) fn take(&mut self, kind: Kind, len: usize) -> bool {
        let slot = match kind {
            Kind::List => &mut self.lists,
            Kind::Dict => &mut self.dicts,
            Kind::Tuple if (1..20).contains(&len) => &mut self.tuples[len - 1],
            _ => return false,
        };
        if *slot > 0 {
            *slot -= 1;
            true
        } else {
            false
        }
    }

    /// Keeps a freed object of this shape if there is room.
    pub(crate) fn give(&mut self, kind: Kind, len: usize) -> bool {
        let (slot, max) = match kind {
            Kind::List => (&mut self.lists, LIST_DICT_MAX),
            Kind::Dict => (&mut self.dicts, LIST_DICT_MAX),
            Kind::Tuple if (1..=20).contains(&len) => (&mut self.tuples[len - 1], TUPLE_MAX),
            _ => return false,
        };
        if *slot < max {
            *slot += 1;
            true
        } else {
            false
        }
    }

    pub(crate) fn clear(&mut self) {
        *self = FreeLists::default();
    }
}

/// The collector's state: generations, switches, statistics.
#[derive(Clone, Debug)]
pub struct GcState {
    /// The three generations.
    pub generations: [Generation; 3],
    /// Automatic collection is on (`gc.enable()`).
    pub enabled: bool,
    /// A collection is running; no other may start.
    pub collecting: bool,
    /// `gc.set_debug` flags.
    pub debug: u32,
    /// Objects that survived a generation-1 collection since the last full one.
    pub long_lived_pending: usize,
    /// Objects that survived the last full collection.
    pub long_lived_total: usize,
    /// Per-generation statistics.
    pub stats: [GenerationStats; 3],
    /// What the last finished collection returned.
    pub last_result: Option<usize>,
    pub(crate) freelists: FreeLists,
    pub(crate) messages: Vec<GcMessage>,
}

impl Default for GcState {
    fn default() -> Self {
        GcState {
            generations: [
                Generation {
                    count: 0,
                    threshold: 700,
                },
                Generation {
                    count: 0,
                    threshold: 10,
                },
                Generation {
                    count: 0,
                    threshold: 10,
                },
            ],
            enabled: true,
            collecting: false,
            debug: 0,
            long_lived_pending: 0,
            long_lived_total: 0,
            stats: Default::default(),
            last_result: None,
            freelists: FreeLists::default(),
            messages: Vec::new(),
        }
    }
}

impl GcState {
    /// `gc.get_count()`.
    pub fn counts(&self) -> (usize, usize, usize) {
        let g = &self.generations;
        (g[0].count, g[1].count, g[2].count)
    }

    /// `gc.get_threshold()`.
    pub fn thresholds(&self) -> (usize, usize, usize) {
        let g = &self.generations;
        (g[0].threshold, g[1].threshold, g[2].threshold)
    }

    /// `gc.set_threshold(t0, t1, t2)`; omitted values stay as they were.
    pub fn set_thresholds(&mut self, t0: usize, t1: Option<usize>, t2: Option<usize>) {
        self.generations[0].threshold = t0;
        if let Some(t) = t1 {
            self.generations[1].threshold = t;
        }
        if let Some(t) = t2 {
            self.generations[2].threshold = t;
        }
    }

    /// The generation an automatic collection should collect now, if any: the oldest whose
    /// count exceeds its threshold, skipping a full collection while fewer than a quarter of
    /// the long-lived objects are new.
    pub fn due_generation(&self) -> Option<u8> {
        (0..3).rev().find_map(|i| {
            let g = &self.generations[i];
            if g.count <= g.threshold {
                return None;
            }
            if i == 2 && self.long_lived_pending < self.long_lived_total / 4 {
                return None;
            }
            Some(i as u8)
        })
    }

    /// Counts the allocation of a container of this shape: one more in generation 0, unless
    /// a free list supplies it. Returns whether it was counted.
    pub(crate) fn count_container_alloc(&mut self, kind: Kind, len: usize) -> bool {
        let counted = !self.freelists.take(kind, len);
        if counted {
            self.generations[0].count += 1;
        }
        counted
    }

    /// Counts the freeing of a container of this shape: one less in generation 0 (never
    /// below zero), unless it goes to a free list.
    pub(crate) fn count_container_free(&mut self, kind: Kind, len: usize) {
        if !self.freelists.give(kind, len) {
            let count = &mut self.generations[0].count;
            *count = count.saturating_sub(1);
        }
    }

    /// Takes the debug lines written since the last call.
    pub fn take_messages(&mut self) -> Vec<GcMessage> {
        std::mem::take(&mut self.messages)
    }
}
