//! The collector's intrusive doubly linked lists (CPython's `PyGC_Head` chains).
//!
//! Every list has a head node; objects' nodes follow the heads in the same vector, so a list
//! operation is a few index writes. Each node also remembers which list it is on, so the
//! viewer can ask where an object is without walking anything.

use crate::trace::GcList;

/// Generation 0 (youngest).
pub(crate) const GEN0: u32 = 0;
/// Generation 2 (oldest).
pub(crate) const GEN2: u32 = 2;
/// `gc.freeze()`'s permanent generation.
pub(crate) const PERMANENT: u32 = 3;
/// Tentatively, then definitely, unreachable objects of the running collection.
pub(crate) const UNREACHABLE: u32 = 4;
/// Unreachable objects with legacy finalizers, and what they reach.
pub(crate) const FINALIZERS: u32 = 5;
/// Reachable weak references whose callbacks are due.
pub(crate) const WRCB_TO_CALL: u32 = 6;
/// Unreachable objects whose finalizer has been considered.
pub(crate) const SEEN: u32 = 7;
/// Objects still unreachable after the finalizers ran.
pub(crate) const STILL_UNREACHABLE: u32 = 8;
/// Number of head nodes before the objects' nodes.
pub(crate) const HEADS: u32 = 9;

/// The node is in the generation being collected (`PREV_MASK_COLLECTING`).
pub(crate) const COLLECTING: u8 = 1;
/// The node is on the unreachable list (`NEXT_MASK_UNREACHABLE`).
pub(crate) const MARKED_UNREACHABLE: u8 = 2;
/// The object's finalizer has run (`_PyGC_FINALIZED`).
pub(crate) const FINALIZED: u8 = 4;
/// Weak references to the object exist (its weak reference list is not empty).
pub(crate) const HAS_WEAKREFS: u8 = 8;
/// The object is a weak reference (or an instance of a subclass of one).
pub(crate) const IS_WEAKREF: u8 = 16;
/// The object has a finalizer: its class defines `__del__`, or it has one of its own.
/// Kept up to date by [`crate::Heap::set_has_del`].
pub(crate) const HAS_FINALIZER: u8 = 32;
/// The object is not one the collector knows (a container kind CPython allocates without a
/// GC header, such as `range`): never tracked, not counted in generation 0.
pub(crate) const NOT_GC: u8 = 64;

/// One GC header, and the object's flags the collector reads without looking at the object.
#[derive(Copy, Clone, Debug, Default)]
pub(crate) struct Node {
    pub prev: u32,
    pub next: u32,
    pub gc_refs: i64,
    /// The head of the list the node is on, plus one; 0 when untracked.
    pub list: u8,
    pub flags: u8,
}

/// The nodes of all lists.
#[derive(Clone, Debug)]
pub(crate) struct Lists {
    pub nodes: Vec<Node>,
    /// Each list's length, kept up to date so that `len` is O(1).
    lens: [usize; HEADS as usize],
}

impl Lists {
    pub fn new() -> Self {
        let nodes = (0..HEADS)
            .map(|h| Node {
                prev: h,
                next: h,
                ..Node::default()
            })
            .collect();
        Lists {
            nodes,
            lens: [0; HEADS as usize],
        }
    }

    #[inline]
    pub fn is_empty(&self, head: u32) -> bool {
        self.nodes[head as usize].next == head
    }

    #[inline]
    pub fn first(&self, head: u32) -> Option<u32> {
        let n = self.nodes[head as usize].next;
        (n != head).then_some(n)
    }

    #[inline]
    pub fn next(&self, node: u32) -> u32 {
        self.nodes[node as usize].next
    }

    #[inline]
    pub fn append(&mut self, node: u32, head: u32) {
        let last = self.nodes[head as usize].prev;
        self.nodes[last as usize].next = node;
        let n = &mut self.nodes[node as usize];
        n.prev = last;
        n.next = head;
        n.list = head as u8 + 1;
        self.nodes[head as usize].prev = node;
        self.lens[head as usize] += 1;
    }

    #[inline]
    pub fn unlink(&mut self, node: u32) {
        let Node {
            prev, next, list, ..
        } = self.nodes[node as usize];
        self.nodes[prev as usize].next = next;
        self.nodes[next as usize].prev = prev;
        self.nodes[node as usize].list = 0;
        if list != 0 {
            self.lens[list as usize - 1] -= 1;
        }
    }

    #[inline]
    pub fn move_to(&mut self, node: u32, head: u32) {
        self.unlink(node);
        self.append(node, head);
    }

    /// Moves `count` nodes of one list, from `first` up to but not including `end`, to the
    /// end of `to`.
    pub fn move_run(&mut self, first: u32, end: u32, count: usize, to: u32) {
        if first == end {
            return;
        }
        let from = u32::from(self.nodes[first as usize].list) - 1;
        let before = self.nodes[first as usize].prev;
        let last = self.nodes[end as usize].prev;
        let mut n = first;
        while n != end {
            self.nodes[n as usize].list = to as u8 + 1;
            n = self.nodes[n as usize].next;
        }
        self.nodes[before as usize].next = end;
        self.nodes[end as usize].prev = before;
        let tail = self.nodes[to as usize].prev;
        self.nodes[tail as usize].next = first;
        self.nodes[first as usize].prev = tail;
        self.nodes[last as usize].next = to;
        self.nodes[to as usize].prev = last;
        self.lens[from as usize] -= count;
        self.lens[to as usize] += count;
    }

    /// Moves every node of `from` to the end of `to`.
    pub fn merge(&mut self, from: u32, to: u32) {
        if from == to || self.is_empty(from) {
            return;
        }
        let mut n = self.nodes[from as usize].next;
        while n != from {
            self.nodes[n as usize].list = to as u8 + 1;
            n = self.nodes[n as usize].next;
        }
        self.splice_relabeled(from, to);
    }

    /// Moves every node of `from` to the end of `to`, when each already names `to` as its
    /// list.
    pub fn splice_relabeled(&mut self, from: u32, to: u32) {
        if from == to || self.is_empty(from) {
            return;
        }
        let first = self.nodes[from as usize].next;
        let last = self.nodes[from as usize].prev;
        let tail = self.nodes[to as usize].prev;
        self.nodes[tail as usize].next = first;
        self.nodes[first as usize].prev = tail;
        self.nodes[last as usize].next = to;
        self.nodes[to as usize].prev = last;
        self.nodes[from as usize].next = from;
        self.nodes[from as usize].prev = from;
        self.lens[to as usize] += self.lens[from as usize];
        self.lens[from as usize] = 0;
    }

    #[inline]
    pub fn len(&self, head: u32) -> usize {
        self.lens[head as usize]
    }

    /// The nodes of a list, in order.
    pub fn members(&self, head: u32) -> Vec<u32> {
        let mut out = Vec::new();
        let mut n = self.nodes[head as usize].next;
        while n != head {
            out.push(n);
            n = self.nodes[n as usize].next;
        }
        out
    }

    /// The list a node is on, as the viewer names it.
    pub fn which(&self, node: u32) -> GcList {
        match self.nodes[node as usize].list {
            0 => GcList::Untracked,
            l => match u32::from(l - 1) {
                g @ 0..=2 => GcList::Generation(g as u8),
                PERMANENT => GcList::Permanent,
                UNREACHABLE => GcList::Unreachable,
                FINALIZERS => GcList::Uncollectable,
                WRCB_TO_CALL => GcList::CallbacksDue,
                SEEN => GcList::Finalized,
                _ => GcList::StillUnreachable,
            },
        }
    }
}
