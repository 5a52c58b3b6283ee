//! The test's side of the heap: the references a program holds, the actions it services
//! (`__del__` methods, weak reference callbacks, `gc.callbacks`) with the program's
//! reactions, the observations a run makes, and the tally of what happened.

use std::collections::{BTreeMap, HashSet};

use weaklink_heap::{
    Action, Body, Cause, Event, Heap, Instance, Kind, ObjId, Record, Step, WeakFlavor,
};

use super::checks::check;
use super::{Pick, Reaction};

/// Which observations a run makes besides the invariant checker's.
#[derive(Clone, Copy, Debug, Default)]
pub struct Props {
    /// After a full collection (3.11 rules), the live objects are exactly the reachable ones.
    pub exact_after_full: bool,
    /// Weak references to objects unreachable before a full collection are dead after it.
    pub weakrefs_cleared: bool,
    /// Objects reachable from references the program kept are never freed.
    pub reachable_survive: bool,
}

impl Props {
    /// Every observation (each applies only in the versions it holds for).
    pub const ALL: Props = Props {
        exact_after_full: true,
        weakrefs_cleared: true,
        reachable_survive: true,
    };
}

/// The test's side of the heap: the references it holds and how its Python code reacts.
pub struct Env {
    /// References the program holds, one entry per reference.
    pub roots: Vec<ObjId>,
    /// References held for the whole run (the classes, the static objects).
    pub pinned: Vec<ObjId>,
    /// The value stack: references the operation under way holds, which the Python code
    /// run meanwhile cannot drop.
    pub stack: Vec<ObjId>,
    pub reactions: Vec<Reaction>,
    pub next_reaction: usize,
    /// Run queued work with `Heap::step`.
    pub stepwise: bool,
    /// Nesting of actions being serviced.
    pub depth: u32,
    /// References the program dropped while servicing actions.
    pub dropped: Vec<ObjId>,
    /// A `__del__` resurrected its object or an action dropped a reference.
    pub disturbed: bool,
    /// What happened, for the coverage summary.
    pub tally: Tally,
    /// What the program saw: each action it serviced and the heap's state after each
    /// operation (see `checks::observe`).
    pub seen: Vec<String>,
}

/// How often the interesting things happened, by name, summed over runs.
#[derive(Clone, Debug, Default)]
pub struct Tally(BTreeMap<&'static str, usize>);

impl Tally {
    pub fn bump(&mut self, what: &'static str, by: usize) {
        *self.0.entry(what).or_default() += by;
    }

    pub fn add(&mut self, other: &Tally) {
        for (&what, &n) in &other.0 {
            self.bump(what, n);
        }
    }

    /// Counts the events the heap recorded.
    pub fn events(&mut self, events: &[Event]) {
        let mut cleared = HashSet::new();
        for e in events {
            match *e {
                Event::Resurrected { .. } => self.bump("resurrections", 1),
                Event::CollectionStarted { automatic, .. } => self.bump(
                    if automatic {
                        "automatic collections"
                    } else {
                        "explicit collections"
                    },
                    1,
                ),
                Event::Decref {
                    cause: Cause::ClearedBy(o),
                    ..
                } => {
                    cleared.insert(o);
                }
                Event::Free { obj, .. } => {
                    self.bump("frees", 1);
                    if cleared.contains(&obj) {
                        self.bump("frees of objects the collector cleared", 1);
                    }
                }
                Event::Garbage { .. } => self.bump("appended to gc.garbage", 1),
                Event::Postponed { .. } => self.bump("postponed by the trashcan", 1),
                _ => {}
            }
        }
    }
}

impl Env {
    /// Every reference the test holds, one entry per reference.
    pub fn held(&self) -> Vec<ObjId> {
        self.pinned
            .iter()
            .chain(&self.roots)
            .chain(&self.stack)
            .copied()
            .collect()
    }

    /// The reaction of the next action.
    fn reaction(&mut self) -> Reaction {
        // Python code can loop forever (a callback making a weak reference whose callback
        // makes another...): the program's code reacts a bounded number of times.
        if self.reactions.is_empty() || self.depth > 4 || self.next_reaction >= 400 {
            return Reaction::Nothing;
        }
        let r = self.reactions[self.next_reaction % self.reactions.len()];
        self.next_reaction += 1;
        r
    }

    /// Drops the root at `pick`, returning whether there was one.
    pub fn drop_root(&mut self, heap: &mut Heap, pick: Pick) -> bool {
        if self.roots.is_empty() {
            return false;
        }
        let obj = self
            .roots
            .remove(self.roots.len() - 1 - pick as usize % self.roots.len());
        heap.decref(obj, Cause::NameUnbound);
        self.dropped.push(obj);
        true
    }
}

/// Runs queued work, servicing actions with the program's reactions.
pub fn drive(heap: &mut Heap, env: &mut Env) {
    if !env.stepwise {
        heap.drive(&mut |h, action| serve(env, h, action));
        return;
    }
    loop {
        match heap.step() {
            Step::Progress => {}
            Step::Action(action) => {
                serve(env, heap, action);
                heap.finish_action();
            }
            Step::Idle => return,
        }
    }
}

/// Services one action: checks the invariants, reacts, checks again.
fn serve(env: &mut Env, heap: &mut Heap, action: Action) {
    env.seen.push(format!("{action:?}"));
    env.tally.bump(
        match action {
            Action::Finalize { .. } => "finalizers",
            Action::Callback { .. } => "weak reference callbacks",
            Action::GcCallbacks { .. } => "gc.callbacks calls",
        },
        1,
    );
    check(heap, env, &format!("on {action:?}"));
    let reaction = match action {
        Action::Finalize { .. } | Action::Callback { .. } => env.reaction(),
        // A `gc.callbacks` function may only allocate: nothing else it does is interesting.
        Action::GcCallbacks { .. } => match env.reaction() {
            r @ Reaction::Alloc { .. } => r,
            _ => Reaction::Nothing,
        },
    };
    env.depth += 1;
    match (reaction, action) {
        (Reaction::Nothing, _)
        | (Reaction::Keep | Reaction::Weakref { .. }, Action::GcCallbacks { .. }) => {}
        (
            Reaction::Weakref { callback },
            Action::Finalize { obj: target }
            | Action::Callback {
                callback: target, ..
            },
        ) => {
            let callback = callback.then(|| {
                let cb = heap.alloc(Body::Record(Record::new(Kind::Function, vec![])));
                env.stack.push(cb);
                drive(heap, env);
                cb
            });
            let wr = heap
                .new_weakref(target, callback, WeakFlavor::Ref)
                .expect("instances and functions are weakrefable");
            env.roots.push(wr);
            drive(heap, env);
            if let Some(cb) = callback {
                env.stack.retain(|&s| s != cb);
                heap.decref(cb, Cause::StackPop);
                drive(heap, env);
            }
        }
        (Reaction::Keep, Action::Finalize { obj }) => {
            heap.incref(obj, Cause::NameBound);
            env.roots.push(obj);
            env.disturbed = true;
        }
        (Reaction::Keep, Action::Callback { weakref, .. }) => {
            heap.incref(weakref, Cause::NameBound);
            env.roots.push(weakref);
        }
        (Reaction::Drop(pick), _) => {
            if env.drop_root(heap, pick) {
                env.disturbed = true;
                drive(heap, env);
            }
        }
        (Reaction::Alloc { instance }, _) => {
            let body = if instance {
                Body::Instance(Instance::of(env.pinned[0]))
            } else {
                Body::list()
            };
            let obj = heap.alloc(body);
            env.roots.push(obj);
            drive(heap, env);
        }
    }
    env.depth -= 1;
    check(heap, env, &format!("after servicing {action:?}"));
}
