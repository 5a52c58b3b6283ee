//! Which objects the collector tracks, and what the `gc` module reports about them.

use crate::body::Kind;
use crate::heap::Heap;
use crate::id::ObjId;
use crate::lists::GEN0;
use crate::trace::{Event, GcList};

impl Heap {
    /// Whether the collector tracks the object (`gc.is_tracked`).
    pub fn is_tracked(&self, id: ObjId) -> bool {
        self.lists.nodes[Self::node_of(id) as usize].list != 0
    }

    /// Starts tracking a container (appends it to generation 0). No-op if tracked.
    pub fn track(&mut self, id: ObjId) {
        debug_assert!(self.kind(id).is_container());
        let node = Self::node_of(id);
        if self.lists.nodes[node as usize].list == 0 {
            self.lists.append(node, GEN0);
            self.trace.record(|| Event::Tracked {
                obj: id,
                tracked: true,
            });
        }
    }

    /// Stops tracking an object. No-op if untracked.
    pub fn untrack(&mut self, id: ObjId) {
        let node = Self::node_of(id);
        if self.lists.nodes[node as usize].list != 0 {
            self.lists.unlink(node);
            self.trace.record(|| Event::Tracked {
                obj: id,
                tracked: false,
            });
        }
    }

    /// CPython's `_PyObject_GC_MAY_BE_TRACKED`: a container, and for a tuple, one that is
    /// still tracked.
    pub fn may_be_tracked(&self, id: ObjId) -> bool {
        let kind = self.kind(id);
        kind.is_container() && (kind != Kind::Tuple || self.is_tracked(id))
    }

    /// Which collector list the object is on right now.
    pub fn gc_list(&self, id: ObjId) -> GcList {
        self.lists.which(Self::node_of(id))
    }

    /// The object's gc_refs while a collection is examining it.
    pub fn gc_refs(&self, id: ObjId) -> Option<i64> {
        let node = &self.lists.nodes[Self::node_of(id) as usize];
        (node.flags & crate::lists::COLLECTING != 0).then_some(node.gc_refs)
    }

    /// Objects the collector tracks, generation by generation (`gc.get_objects()`), or those
    /// of one generation.
    pub fn tracked_objects(&self, generation: Option<u8>) -> Vec<ObjId> {
        let heads = match generation {
            Some(g) => g as u32..g as u32 + 1,
            None => 0..3,
        };
        heads
            .flat_map(|h| self.lists.members(h))
            .map(|n| self.id_of_node(n))
            .collect()
    }

    /// Number of objects in a generation (0-2) or the permanent one (3).
    pub fn generation_len(&self, generation: u8) -> usize {
        self.lists.len(generation as u32)
    }

    /// `gc.freeze()`: moves every tracked object to the permanent generation.
    pub fn freeze(&mut self) {
        for g in 0..3 {
            self.lists.merge(g, crate::lists::PERMANENT);
        }
        self.gc.generations[0].count = 0;
    }

    /// `gc.unfreeze()`: the permanent generation joins the oldest one.
    pub fn unfreeze(&mut self) {
        self.lists
            .merge(crate::lists::PERMANENT, crate::lists::GEN2);
    }

    /// `gc.get_freeze_count()`.
    pub fn freeze_count(&self) -> usize {
        self.lists.len(crate::lists::PERMANENT)
    }

    /// `gc.get_referrers(obj)`: tracked objects that hold a strong reference to it.
    pub fn referrers(&self, target: ObjId) -> Vec<ObjId> {
        self.tracked_objects(None)
            .into_iter()
            .filter(|&o| {
                let mut found = false;
                self.slot(o).body.traverse(&mut |r| found |= r == target);
                found
            })
            .collect()
    }
}
