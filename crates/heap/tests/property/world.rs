//! A heap running a program: its setup (classes, static objects, the collector's settings),
//! the program's references and value stack as the operations use them, and the run itself,
//! operation after operation and then the teardown, checking after every step.

use weaklink_heap::{Body, Cause, Event, Heap, Kind, Name, ObjId};

use super::checks::{check, check_settled, observe};
use super::env::{drive, Env, Props, Tally};
use super::{Op, Pick, Program, ATTRS};

/// A heap running a program, and the test's side of it.
pub struct World {
    pub heap: Heap,
    pub env: Env,
    pub props: Props,
    pub names: [Name; 3],
    pub statics: Vec<ObjId>,
    /// `DEBUG_SAVEALL` was on at some point.
    pub saved_all: bool,
    /// What the heap recorded, when tracing.
    pub events: Vec<Event>,
    /// Classes without and with `__del__`.
    pub plain: ObjId,
    pub finalizing: ObjId,
}

impl World {
    fn new(program: &Program, props: Props, tracing: bool) -> Self {
        let mut heap = Heap::new(program.version);
        heap.set_tracing(tracing);
        heap.gc_mut().enabled = program.automatic;
        if program.small_thresholds {
            heap.gc_mut().set_thresholds(5, Some(2), Some(2));
        }
        let plain = heap.new_class("Plain", false);
        let finalizing = heap.new_class("Finalizing", true);
        let statics = vec![
            heap.alloc_static(Body::None),
            heap.alloc_static(Body::Bool(true)),
            heap.alloc_static(Body::Int(0)),
        ];
        let names = ATTRS.map(|a| heap.names.intern(a));
        let mut pinned = vec![plain, finalizing];
        pinned.extend(&statics);
        let env = Env {
            roots: Vec::new(),
            pinned,
            stack: Vec::new(),
            reactions: program.reactions.clone(),
            next_reaction: 0,
            stepwise: program.stepwise,
            depth: 0,
            dropped: Vec::new(),
            disturbed: false,
            tally: Tally::default(),
            seen: Vec::new(),
        };
        let mut world = World {
            heap,
            env,
            props,
            names,
            statics,
            saved_all: false,
            events: Vec::new(),
            plain,
            finalizing,
        };
        world.settle();
        world
    }

    /// Drives queued work to the end, then checks.
    pub fn settle(&mut self) {
        drive(&mut self.heap, &mut self.env);
        check(&self.heap, &self.env, "after the operation");
    }

    /// The `pick`th root that satisfies `want`, if any does.
    pub fn pick(&self, pick: Pick, want: impl Fn(&Heap, ObjId) -> bool) -> Option<ObjId> {
        let candidates: Vec<ObjId> = self
            .env
            .roots
            .iter()
            .copied()
            .filter(|&r| want(&self.heap, r))
            .collect();
        (!candidates.is_empty())
            .then(|| candidates[candidates.len() - 1 - pick as usize % candidates.len()])
    }

    /// The `pick`th root.
    pub fn root(&self, pick: Pick) -> Option<ObjId> {
        self.pick(pick, |_, _| true)
    }

    /// The `pick`th root of this kind.
    pub fn of_kind(&self, pick: Pick, kind: Kind) -> Option<ObjId> {
        self.pick(pick, |h, o| h.kind(o) == kind)
    }

    /// Allocates an object the program keeps.
    pub fn alloc(&mut self, body: Body) -> ObjId {
        let obj = self.heap.alloc(body);
        self.env.roots.push(obj);
        self.settle();
        obj
    }

    /// `dict[key] = value`, the key's identity standing for equality; returns whether a
    /// value was replaced.
    pub fn dict_set(&mut self, dict: ObjId, key: ObjId, value: ObjId) -> bool {
        let hash = i64::from(key.index());
        let existing = self.heap.dict(dict).and_then(|d| {
            d.with_hash(hash)
                .find(|(_, e)| e.key == key)
                .map(|(pos, _)| pos)
        });
        match existing {
            Some(pos) => self.heap.dict_replace(dict, pos, value),
            None => self.heap.dict_insert(dict, hash, key, value),
        }
        existing.is_some()
    }

    /// Pushes a new reference to `obj` on the value stack.
    pub fn load(&mut self, obj: ObjId) {
        self.heap.incref(obj, Cause::StackPush);
        self.env.stack.push(obj);
    }

    /// Allocates an object onto the value stack.
    pub fn alloc_on_stack(&mut self, body: Body) -> ObjId {
        let obj = self.heap.alloc(body);
        self.env.stack.push(obj);
        self.settle();
        obj
    }

    /// Pops the top of the value stack: into a variable, or dropped.
    pub fn pop(&mut self, keep: bool) -> ObjId {
        let obj = self.env.stack.pop().expect("a value on the stack");
        if keep {
            self.env.roots.push(obj);
        } else {
            self.heap.decref(obj, Cause::StackPop);
            self.settle();
        }
        obj
    }

    /// Runs the operations, then the teardown: the references dropped one by one, each drop
    /// followed by a full collection; again while `__del__` methods resurrect things (a few
    /// rounds: in 3.3 an object may resurrect itself at every death).
    fn run(&mut self, ops: &[Op], oldest_first: bool) {
        for op in ops {
            self.step(op);
        }
        let unroot = if oldest_first {
            Op::UnrootOldest
        } else {
            Op::Unroot(0)
        };
        for _ in 0..4 {
            for _ in 0..100 {
                if self.env.roots.is_empty() {
                    break;
                }
                self.step(&unroot);
                self.step(&Op::FullCollect);
            }
            self.step(&Op::FullCollect);
            if self.env.roots.is_empty() {
                break;
            }
        }
    }

    /// Carries out one operation and checks.
    fn step(&mut self, op: &Op) {
        let before = self
            .props
            .reachable_survive
            .then(|| (self.heap.clone(), self.env.held()));
        self.env.dropped.clear();
        let removes_edges = self.apply(op);
        check(&self.heap, &self.env, &format!("after {op:?}"));
        let garbage_may_fill = self.saved_all || !self.heap.version().has_pep442();
        check_settled(&self.heap, garbage_may_fill, &format!("after {op:?}"));
        if let (Some((heap, held)), false) = (before, removes_edges) {
            self.reachable_survived(&heap, held, op);
        }
        self.env.seen.push(observe(&self.heap));
        let events = self.heap.take_events();
        self.env.tally.events(&events);
        self.env.tally.bump("operations", 1);
        self.events.extend(events);
    }
}

/// Runs a program from a fresh heap, checking as it goes.
pub fn run(program: &Program, props: Props) {
    World::new(program, props, false).run(&program.ops, program.oldest_first);
}

/// Runs a program with the heap's trace on or off: what the program saw.
pub fn run_seen(program: &Program, tracing: bool) -> Vec<String> {
    let mut world = World::new(program, Props::default(), tracing);
    world.run(&program.ops, program.oldest_first);
    world.env.seen
}

/// Runs a program with the heap's trace on: what happened, counted and recorded.
pub fn run_traced(program: &Program, props: Props) -> (Tally, Vec<Event>) {
    let mut world = World::new(program, props, true);
    world.run(&program.ops, program.oldest_first);
    (world.env.tally, world.events)
}
