//! Passes fused into fewer walks, for a collection that runs (rather than steps) with
//! tracing off: the lists, counts and gc_refs end up as the separate passes leave them; only
//! the events no one records, and the intermediate states no one sees, are skipped.

use crate::heap::Heap;
use crate::lists::{
    COLLECTING, FINALIZED, HAS_FINALIZER, HAS_WEAKREFS, HEADS, IS_WEAKREF, MARKED_UNREACHABLE,
    STILL_UNREACHABLE, UNREACHABLE,
};

impl Heap {
    /// `update_refs` and `subtract_refs` in one walk of the generation at `young`: an
    /// object's gc_refs starts at its count the first time the walk meets it, in its own
    /// turn or as the referent of an earlier object. Objects a stepped `update_refs` already
    /// reached keep their gc_refs.
    pub(super) fn update_and_subtract_refs(&mut self, young: u32) {
        let label = young as u8 + 1;
        let Heap { lists, slots, .. } = self;
        let mut node = lists.next(young);
        while node != young {
            let index = (node - HEADS) as usize;
            let n = &mut lists.nodes[node as usize];
            if n.flags & COLLECTING == 0 {
                n.gc_refs = slots[index].refcnt;
                n.flags |= COLLECTING;
            }
            slots[index].body.traverse(&mut |r| {
                let rn = &mut lists.nodes[Heap::node_of(r) as usize];
                if rn.list == label {
                    if rn.flags & COLLECTING == 0 {
                        rn.gc_refs = slots[r.index() as usize].refcnt;
                        rn.flags |= COLLECTING;
                    }
                    rn.gc_refs -= 1;
                }
            });
            node = lists.next(node);
        }
    }

    /// `move_legacy_finalizers`, `handle_weakrefs`, `finalize_garbage` and
    /// `handle_resurrected_objects` in one walk, when none of them has anything to do: no
    /// unreachable object is or has a weak reference, or has a finalizer due (or, in 3.3
    /// mode, any finalizer). Then the unreachable objects are all still unreachable, and
    /// this returns true. Otherwise it returns false, having only cleared the unreachable
    /// marks `move_legacy_finalizers` clears.
    pub(super) fn sweep_plain_garbage(&mut self) -> bool {
        let legacy = !self.version.has_pep442();
        let busy = |flags: u8| {
            flags & (IS_WEAKREF | HAS_WEAKREFS) != 0
                || (flags & HAS_FINALIZER != 0 && (legacy || flags & FINALIZED == 0))
        };
        let still = STILL_UNREACHABLE as u8 + 1;
        let mut node = self.lists.next(UNREACHABLE);
        while node != UNREACHABLE {
            let n = &mut self.lists.nodes[node as usize];
            n.flags &= !MARKED_UNREACHABLE;
            if busy(n.flags) {
                // Put back the labels changed so far.
                let mut back = self.lists.next(UNREACHABLE);
                while back != node {
                    self.lists.nodes[back as usize].list = UNREACHABLE as u8 + 1;
                    back = self.lists.next(back);
                }
                return false;
            }
            n.list = still;
            node = n.next;
        }
        self.lists.splice_relabeled(UNREACHABLE, STILL_UNREACHABLE);
        true
    }
}
