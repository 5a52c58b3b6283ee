//! The invariant checker, run after every step in tests.

use std::fmt;

use crate::heap::Heap;
use crate::id::ObjId;
use crate::lists::{HAS_WEAKREFS, HEADS, PERMANENT};
use crate::machine::Op;
use crate::version::STATIC_BASE;

/// A broken invariant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Violation {
    /// A reference count differs from the strong references actually held.
    CountMismatch {
        /// The object.
        obj: ObjId,
        /// Its count.
        count: i64,
        /// References held by live objects, roots and the heap.
        held: i64,
    },
    /// A live object (or root) refers to a freed one.
    Dangling {
        /// The holder (`None` for a root).
        holder: Option<ObjId>,
        /// The freed object.
        target: ObjId,
    },
    /// A weak reference still names a referent that is gone or does not list it.
    WeakrefMismatch {
        /// The weak reference.
        weakref: ObjId,
    },
    /// A collector list's links are inconsistent.
    BrokenGcList {
        /// The list head.
        head: u32,
    },
    /// After a full collection an object remains that nothing reachable holds.
    Unreachable {
        /// The object.
        obj: ObjId,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::CountMismatch { obj, count, held } => {
                write!(f, "{obj}: count {count} but {held} references held")
            }
            Violation::Dangling { holder, target } => match holder {
                Some(h) => write!(f, "{h} refers to freed {target}"),
                None => write!(f, "a root refers to freed {target}"),
            },
            Violation::WeakrefMismatch { weakref } => {
                write!(f, "weak reference {weakref} disagrees with its referent")
            }
            Violation::BrokenGcList { head } => write!(f, "collector list {head} is broken"),
            Violation::Unreachable { obj } => {
                write!(f, "{obj} survived a full collection unreachable")
            }
        }
    }
}

impl Heap {
    /// Checks every invariant, given the strong references held outside the heap (frames,
    /// value stacks, module namespaces), one entry per reference:
    /// - each count equals the references held by live objects, roots and the heap itself;
    /// - no live object or root refers to a freed object;
    /// - a weak reference names a live referent that lists it, or nothing;
    /// - the collector's lists are well linked.
    pub fn check(&self, roots: &[ObjId]) -> Result<(), Vec<Violation>> {
        let mut problems = Vec::new();
        let mut held = vec![0i64; self.slots.len()];
        let mut hold = |target: ObjId, holder: Option<ObjId>, problems: &mut Vec<Violation>| {
            if self.is_alive(target) {
                held[target.index() as usize] += 1;
            } else {
                problems.push(Violation::Dangling { holder, target });
            }
        };
        for obj in self.objects() {
            self.body(obj)
                .owned_refs(&mut |r| hold(r, Some(obj), &mut problems));
        }
        for &r in roots.iter().chain(&self.holds) {
            hold(r, None, &mut problems);
        }
        hold(self.garbage(), None, &mut problems);
        for op in &self.ops {
            if let Op::Decref(r, _) = op {
                hold(*r, None, &mut problems);
            }
        }
        for obj in self.objects() {
            let slot = self.slot(obj);
            let count = if self.is_static(obj) {
                if self.version.has_immortals() {
                    continue;
                }
                slot.refcnt - STATIC_BASE
            } else {
                slot.refcnt
            };
            let h = held[obj.index() as usize];
            if count != h {
                problems.push(Violation::CountMismatch {
                    obj,
                    count,
                    held: h,
                });
            }
        }
        self.check_weakrefs(&mut problems);
        self.check_lists(&mut problems);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    fn check_weakrefs(&self, problems: &mut Vec<Violation>) {
        for wr in self.objects() {
            let Some(w) = self.body(wr).weakref() else {
                continue;
            };
            if let Some(r) = w.referent {
                if !self.is_alive(r) || !self.weakrefs_to(r).contains(&wr) {
                    problems.push(Violation::WeakrefMismatch { weakref: wr });
                }
            }
        }
        for (&index, list) in &self.weaklists {
            for &wr in list {
                let ok = self.is_alive(wr)
                    && self
                        .weakref_target(wr)
                        .is_some_and(|r| r.index() == index && self.has_flag(r, HAS_WEAKREFS));
                if !ok {
                    problems.push(Violation::WeakrefMismatch { weakref: wr });
                }
            }
        }
    }

    fn check_lists(&self, problems: &mut Vec<Violation>) {
        let nodes = &self.lists.nodes;
        let mut listed = 0usize;
        for head in 0..HEADS {
            let mut prev = head;
            let mut n = nodes[head as usize].next;
            let mut steps = 0usize;
            while n != head {
                let node = &nodes[n as usize];
                if node.prev != prev || node.list as u32 != head + 1 || steps > nodes.len() {
                    problems.push(Violation::BrokenGcList { head });
                    break;
                }
                listed += 1;
                steps += 1;
                prev = n;
                n = node.next;
            }
            if n == head && steps != self.lists.len(head) {
                problems.push(Violation::BrokenGcList { head });
            }
        }
        let tagged = nodes[HEADS as usize..]
            .iter()
            .filter(|n| n.list != 0)
            .count();
        if tagged != listed {
            problems.push(Violation::BrokenGcList { head: u32::MAX });
        }
    }

    /// After a full collection in 3.11 mode, everything alive must be reachable from the
    /// roots, the heap's own references, `gc.garbage`, static and frozen objects.
    pub fn check_nothing_unreachable(&self, roots: &[ObjId]) -> Result<(), Vec<Violation>> {
        let mut seen = vec![false; self.slots.len()];
        let mut stack: Vec<ObjId> = roots.iter().chain(&self.holds).copied().collect();
        stack.push(self.garbage());
        stack.extend(self.objects().filter(|&o| self.is_static(o)));
        stack.extend(
            self.lists
                .members(PERMANENT)
                .into_iter()
                .map(|n| self.id_of_node(n)),
        );
        while let Some(o) = stack.pop() {
            if !self.is_alive(o) || std::mem::replace(&mut seen[o.index() as usize], true) {
                continue;
            }
            self.body(o).owned_refs(&mut |r| stack.push(r));
        }
        let problems: Vec<_> = self
            .objects()
            .filter(|o| !seen[o.index() as usize])
            .map(|obj| Violation::Unreachable { obj })
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}
