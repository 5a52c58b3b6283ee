//! Taking a [`Step`]: what the program's frames hold, walked through the heap.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::rc::Rc;

use weaklink_heap::{Body, Kind, ObjId};

use super::{Binding, Field, FrameView, Limits, ObjectView, Step, StepKind, ValueView};
use crate::text;
use crate::vm::Vm;

/// Collects steps as the program runs; clones share the same steps.
#[derive(Clone)]
pub(crate) struct Recorder {
    state: Rc<RefCell<State>>,
}

struct State {
    limits: Limits,
    steps: Vec<Step>,
    truncated: bool,
    ended: bool,
    /// Display ids given so far.
    ids: HashMap<ObjId, u32>,
    /// Objects alive before the program started (the interpreter's own).
    baseline: HashSet<ObjId>,
    /// How many of the heap's trace events have been turned into steps.
    events_seen: usize,
}

impl Recorder {
    /// A recorder for the program about to run on `vm`.
    pub(crate) fn new(vm: &Vm, limits: Limits) -> Self {
        let baseline = vm.heap.objects().collect();
        Recorder {
            state: Rc::new(RefCell::new(State {
                limits,
                steps: Vec::new(),
                truncated: false,
                ended: false,
                ids: HashMap::new(),
                baseline,
                events_seen: 0,
            })),
        }
    }

    /// Records the state now.
    pub(crate) fn snap(&self, vm: &Vm, kind: StepKind, line: u32) {
        let mut state = self.state.borrow_mut();
        if state.steps.len() >= state.limits.max_steps {
            state.truncated = true;
            return;
        }
        state.collection_steps(vm);
        let step = state.take(vm, kind, line);
        state.steps.push(step);
    }

    /// Records the last step: the state when the program's code has ended, before the
    /// interpreter frees what the modules hold.
    pub(crate) fn end(&self, vm: &Vm) {
        let mut state = self.state.borrow_mut();
        if state.ended {
            return;
        }
        state.ended = true;
        state.collection_steps(vm);
        let line = state.steps.last().map_or(0, |s| s.line);
        let end = state.take(vm, StepKind::End, line);
        state.steps.push(end);
    }

    /// The steps and whether some were left out.
    pub(crate) fn finish(&self) -> (Vec<Step>, bool) {
        let mut state = self.state.borrow_mut();
        (std::mem::take(&mut state.steps), state.truncated)
    }
}

impl State {
    /// Adds a step per phase of each collection `gc.collect()` ran since the last step,
    /// from the heap's trace: the objects of the last step with their gc_refs and lists.
    fn collection_steps(&mut self, vm: &Vm) {
        let events = vm
            .heap
            .trace()
            .events
            .get(self.events_seen..)
            .unwrap_or(&[]);
        self.events_seen = vm.heap.trace().events.len();
        let Some(base) = self.steps.last().cloned() else {
            return;
        };
        let mut steps = Vec::new();
        if self.limits.events {
            let namespaces = vm.namespace_dicts();
            steps = super::events::steps(&base, events, &self.ids, &namespaces);
        }
        steps.extend(super::phases::steps(&base, events, &self.ids));
        for step in steps {
            if self.steps.len() >= self.limits.max_steps {
                self.truncated = true;
                return;
            }
            self.steps.push(step);
        }
    }

    fn take(&mut self, vm: &Vm, kind: StepKind, line: u32) -> Step {
        let mut walk = Walk {
            vm,
            state: self,
            queue: VecDeque::new(),
            seen: HashSet::new(),
            order: Vec::new(),
            roots_shown: Vec::new(),
        };
        let frames = walk.frames(line);
        walk.drain();
        let unreachable = walk.unreachable();
        for &obj in &unreachable {
            walk.visit(obj);
        }
        walk.drain();
        let order = std::mem::take(&mut walk.order);
        let limit = walk.state.limits.max_objects;
        let hidden = order.len().saturating_sub(limit);
        let objects = order
            .into_iter()
            .take(limit)
            .map(|obj| walk.object_view(obj, unreachable.contains(&obj)))
            .collect();
        Step {
            kind,
            line,
            frames,
            objects,
            hidden_objects: hidden,
            stdout_len: vm.stdout.len(),
            stderr_len: vm.stderr.len(),
            live_bytes: vm.heap.memory().total,
        }
    }
}

/// One walk over what the frames reach.
struct Walk<'a> {
    vm: &'a Vm,
    state: &'a mut State,
    queue: VecDeque<ObjId>,
    seen: HashSet<ObjId>,
    order: Vec<ObjId>,
    /// Objects the frames' names refer to directly.
    roots_shown: Vec<ObjId>,
}

impl Walk<'_> {
    fn frames(&mut self, line: u32) -> Vec<FrameView> {
        let vm = self.vm;
        let program_frames: Vec<usize> = (0..vm.frames.len())
            .filter(|&i| vm.frames[i].globals == vm.main_globals)
            .collect();
        let innermost = program_frames.last().copied();
        let mut views = Vec::new();
        if program_frames.is_empty() {
            // The program has finished: its module's names remain.
            let names = self.namespace_bindings(vm.main_globals);
            views.push(FrameView {
                name: "<module>".into(),
                line,
                names,
            });
        }
        for i in program_frames {
            let frame = &vm.frames[i];
            let name = frame.code.qualname.to_string();
            let mut names = Vec::new();
            if let Some(ns) = frame.namespace {
                names = self.namespace_bindings(ns);
            } else {
                let code = &frame.code;
                let mut slot_names: Vec<(usize, &str)> = Vec::new();
                for (j, n) in code.varnames.iter().enumerate() {
                    slot_names.push((j, n));
                }
                let mut extra = code.varnames.len();
                for (j, n) in code.cellvars.iter().enumerate() {
                    let slot = code.cell_slots.get(j).map_or(extra, |&s| s as usize);
                    if slot >= code.varnames.len() {
                        slot_names.push((slot, n));
                        extra = extra.max(slot + 1);
                    }
                }
                let free_start = code.nlocals_plus() - code.freevars.len();
                for (j, n) in code.freevars.iter().enumerate() {
                    slot_names.push((free_start + j, n));
                }
                for (slot, n) in slot_names {
                    let Some(Some(value)) = frame.locals.get(slot) else {
                        continue;
                    };
                    let mut value = *value;
                    if vm.heap.kind(value) == Kind::Cell {
                        match cell_contents(vm, value) {
                            Some(v) => value = v,
                            None => continue,
                        }
                    }
                    let value = self.value(value);
                    names.push(Binding {
                        name: n.to_string(),
                        value,
                    });
                }
            }
            let frame_line = if Some(i) == innermost {
                line
            } else {
                frame.line()
            };
            views.push(FrameView {
                name,
                line: frame_line,
                names,
            });
        }
        views
    }

    /// The names of a module or class namespace, without dunder names.
    fn namespace_bindings(&mut self, ns: ObjId) -> Vec<Binding> {
        let vm = self.vm;
        let mut names = Vec::new();
        for (_, key, value) in vm.dict_entries(ns) {
            let key = vm.as_str(key).unwrap_or("?").to_string();
            if key.starts_with("__") && key.ends_with("__") {
                continue;
            }
            let value = self.value(value);
            names.push(Binding { name: key, value });
        }
        names
    }

    /// How a value is drawn; objects drawn as boxes are queued for the walk.
    fn value(&mut self, obj: ObjId) -> ValueView {
        match atom_text(self.vm, obj) {
            Some(text) => ValueView::Atom(text),
            None => {
                self.roots_shown.push(obj);
                let id = self.visit(obj);
                ValueView::Object(id)
            }
        }
    }

    fn visit(&mut self, obj: ObjId) -> u32 {
        let next = self.state.ids.len() as u32 + 1;
        let id = *self.state.ids.entry(obj).or_insert(next);
        if self.seen.insert(obj) {
            self.queue.push_back(obj);
            self.order.push(obj);
        }
        id
    }

    fn drain(&mut self) {
        while let Some(obj) = self.queue.pop_front() {
            if self.order.len() > self.state.limits.max_objects * 2 {
                self.queue.clear();
                break;
            }
            for (_, value, _) in fields_of(self.vm, obj) {
                if atom_text(self.vm, value).is_none() {
                    self.visit(value);
                }
            }
        }
    }

    /// Objects the program made that are alive, drawn as boxes, and not reachable through
    /// strong references from anything the interpreter holds: what only the cycle
    /// collector can free. The full walk from the roots runs only when some object the
    /// program made is not strongly reached from the frames.
    fn unreachable(&self) -> HashSet<ObjId> {
        let vm = self.vm;
        let strongly = self.strongly_reached();
        let candidates: Vec<ObjId> = vm
            .heap
            .objects()
            .filter(|o| !strongly.contains(o) && !self.state.baseline.contains(o))
            .filter(|&o| atom_text(vm, o).is_none() && is_boxed_kind(vm.heap.kind(o)))
            .collect();
        if candidates.is_empty() {
            return HashSet::new();
        }
        let reachable = reachable_from_roots(vm);
        candidates
            .into_iter()
            .filter(|o| !reachable.contains(o))
            .collect()
    }

    /// What the frames' names reach through strong references.
    fn strongly_reached(&self) -> HashSet<ObjId> {
        let vm = self.vm;
        let mut seen = HashSet::new();
        let mut stack: Vec<ObjId> = self.roots_shown.clone();
        while let Some(obj) = stack.pop() {
            if !seen.insert(obj) {
                continue;
            }
            for (_, value, weak) in fields_of(vm, obj) {
                if !weak && atom_text(vm, value).is_none() {
                    stack.push(value);
                }
            }
        }
        seen
    }

    fn object_view(&mut self, obj: ObjId, unreachable: bool) -> ObjectView {
        let vm = self.vm;
        let fields = fields_of(vm, obj)
            .into_iter()
            .map(|(label, value, weak)| {
                let value = match atom_text(vm, value) {
                    Some(text) => ValueView::Atom(text),
                    None => match self.state.ids.get(&value) {
                        Some(&id) => ValueView::Object(id),
                        None => ValueView::Atom("…".into()),
                    },
                };
                Field { label, value, weak }
            })
            .collect();
        let type_name = vm.type_name(obj).to_string();
        ObjectView {
            id: self.state.ids[&obj],
            label: label_of(vm, obj, &type_name),
            type_name,
            refcount: vm.heap.refcount(obj) + 1,
            fields,
            has_del: vm.heap.class_of(obj).is_some_and(|c| c.has_del),
            unreachable,
            tracked: vm.heap.is_tracked(obj),
            size: vm.heap.size_of(obj),
            gc_refs: None,
            gc_state: None,
        }
    }
}

/// Kinds drawn as boxes when the program makes them.
fn is_boxed_kind(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::List
            | Kind::Tuple
            | Kind::Dict
            | Kind::Set
            | Kind::FrozenSet
            | Kind::Instance
            | Kind::Ref
            | Kind::Proxy
            | Kind::CallableProxy
            | Kind::Method
            | Kind::Cell
            | Kind::Generator
            | Kind::File
    )
}

/// Everything reachable from what the interpreter holds (frames, modules, registries).
fn reachable_from_roots(vm: &Vm) -> HashSet<ObjId> {
    let mut seen: HashSet<ObjId> = HashSet::new();
    let mut stack = vm.roots();
    while let Some(obj) = stack.pop() {
        if !vm.heap.is_alive(obj) || !seen.insert(obj) {
            continue;
        }
        vm.heap.body(obj).owned_refs(&mut |r| stack.push(r));
    }
    seen
}

fn cell_contents(vm: &Vm, cell: ObjId) -> Option<ObjId> {
    match vm.heap.body(cell) {
        Body::Record(r) => r.refs.first().copied().flatten(),
        _ => None,
    }
}

/// The text of a value drawn in place, or `None` for a value drawn as a box.
fn atom_text(vm: &Vm, obj: ObjId) -> Option<String> {
    Some(match vm.heap.body(obj) {
        Body::None => "None".into(),
        Body::Bool(b) => if *b { "True" } else { "False" }.into(),
        Body::Int(i) => i.to_string(),
        Body::Long(long) => {
            let value = text::BigInt::from_parts(long.negative, long.digits.clone());
            short(&value.to_decimal().unwrap_or_else(|_| "a huge int".into()))
        }
        Body::Float(f) => text::float_repr(*f),
        Body::Str(s) => short(&text::str_repr(s)),
        Body::Class(_) => format!("class {}", vm.class_info(obj).name),
        Body::Record(r) => match r.kind {
            Kind::Function => format!("function {}", function_name(vm, obj)),
            Kind::BuiltinFunction => "built-in function".into(),
            Kind::Module => "module".into(),
            Kind::Code => "code".into(),
            _ if is_boxed_kind(r.kind) => return None,
            _ => format!("{} object", vm.type_name(obj)),
        },
        _ => return None,
    })
}

fn function_name(vm: &Vm, func: ObjId) -> String {
    match vm.heap.body(func) {
        Body::Record(r) => r
            .refs
            .get(crate::vm::FUNC_QUALNAME_FIELD)
            .copied()
            .flatten()
            .and_then(|q| vm.as_str(q))
            .unwrap_or("?")
            .to_string(),
        _ => "?".into(),
    }
}

/// Long strings are cut for the diagram.
fn short(text: &str) -> String {
    let limit = 40;
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut: String = text.chars().take(limit - 1).collect();
    format!("{cut}…")
}

/// A box's caption.
fn label_of(vm: &Vm, obj: ObjId, type_name: &str) -> String {
    match vm.heap.body(obj) {
        Body::List(l) => format!("list of {}", l.items.len()),
        Body::Tuple(t) => format!("tuple of {}", t.len()),
        Body::Dict(d) => format!("dict of {}", d.iter().count()),
        Body::Set(s) => format!("{type_name} of {}", s.entries.len()),
        Body::WeakRef(w) if w.referent.is_none() => format!("{type_name} (dead)"),
        _ => type_name.to_string(),
    }
}

/// An object's references, labelled: (label, value, weak).
fn fields_of(vm: &Vm, obj: ObjId) -> Vec<(String, ObjId, bool)> {
    let mut out = Vec::new();
    body_fields(vm, vm.heap.body(obj), &mut out);
    out
}

fn body_fields(vm: &Vm, body: &Body, out: &mut Vec<(String, ObjId, bool)>) {
    match body {
        Body::List(l) => {
            for (i, &item) in l.items.iter().enumerate() {
                out.push((format!("[{i}]"), item, false));
            }
        }
        Body::Tuple(items) => {
            for (i, &item) in items.iter().enumerate() {
                out.push((format!("[{i}]"), item, false));
            }
        }
        Body::Dict(d) => {
            for e in d.iter() {
                match atom_text(vm, e.key) {
                    Some(k) => out.push((format!("[{k}]"), e.value, false)),
                    None => {
                        out.push(("key".into(), e.key, false));
                        out.push(("value".into(), e.value, false));
                    }
                }
            }
        }
        Body::Set(s) => {
            for e in &s.entries {
                out.push(("item".into(), e.key, false));
            }
        }
        Body::Instance(inst) => {
            let slots = vm
                .classes
                .get(&inst.class)
                .map(|c| c.slots.clone())
                .unwrap_or_default();
            for (i, value) in inst.slots.iter().enumerate() {
                if let Some(v) = value {
                    let name = slots
                        .get(i)
                        .map_or_else(|| format!("slot {i}"), |&n| vm.heap.names.text(n).into());
                    out.push((format!(".{name}"), *v, false));
                }
            }
            for a in inst.attrs.iter() {
                out.push((format!(".{}", vm.heap.names.text(a.name)), a.value, false));
            }
            if let Some(d) = inst.dict {
                for (_, key, value) in vm.dict_entries(d) {
                    let name = vm.as_str(key).unwrap_or("?");
                    out.push((format!(".{name}"), value, false));
                }
            }
            if let Some(base) = &inst.base {
                body_fields(vm, base, out);
            }
        }
        Body::WeakRef(w) => {
            if let Some(r) = w.referent {
                out.push(("referent".into(), r, true));
            }
            if let Some(c) = w.callback {
                out.push(("callback".into(), c, false));
            }
        }
        Body::Record(r) => {
            let names: &[&str] = match r.kind {
                Kind::Method => &["__func__", "__self__"],
                Kind::Cell => &["contents"],
                _ => &[],
            };
            for (i, value) in r.refs.iter().enumerate() {
                if let Some(v) = value {
                    let label = names
                        .get(i)
                        .map_or_else(|| format!("ref {i}"), |n| n.to_string());
                    out.push((label, *v, false));
                }
            }
        }
        _ => {}
    }
}
