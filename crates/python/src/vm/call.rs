//! Calls: binding arguments to parameters, and dispatching on what is called.

use weaklink_heap::{Body, Kind, Name, ObjId};

use super::frame::Frame;
use super::types::{Layout, Tag};
use super::{PyResult, Vm};

/// Reference fields of a function object, in CPython's traverse order.
pub(crate) const FUNC_CODE: usize = 0;
pub(crate) const FUNC_GLOBALS: usize = 1;
pub(crate) const FUNC_MODULE: usize = 2;
pub(crate) const FUNC_DEFAULTS: usize = 3;
pub(crate) const FUNC_KWDEFAULTS: usize = 4;
pub(crate) const FUNC_DOC: usize = 5;
pub(crate) const FUNC_NAME: usize = 6;
pub(crate) const FUNC_DICT: usize = 7;
pub(crate) const FUNC_CLOSURE: usize = 8;
pub(crate) const FUNC_QUALNAME: usize = 9;

/// What calling something produced.
pub(crate) enum Invoke {
    /// A value (new reference).
    Done(ObjId),
    /// A Python frame was pushed: running it gives the call's result.
    Pushed,
}

impl Vm {
    /// Calls `callable` with borrowed positional arguments.
    pub(crate) fn call(&mut self, callable: ObjId, args: &[ObjId]) -> PyResult<ObjId> {
        self.call_kw(callable, args, &[])
    }

    /// Calls `callable` with borrowed arguments, the last `kwnames.len()` of them keyword
    /// arguments with those names.
    pub(crate) fn call_kw(
        &mut self,
        callable: ObjId,
        args: &[ObjId],
        kwnames: &[Name],
    ) -> PyResult<ObjId> {
        self.call_borrowed(callable, None, args, kwnames)
    }

    /// Calls `callable` with `first` before the other arguments (all borrowed), as a method
    /// is called with its object.
    pub(crate) fn call_with_first(
        &mut self,
        callable: ObjId,
        first: ObjId,
        args: &[ObjId],
        kwnames: &[Name],
    ) -> PyResult<ObjId> {
        self.call_borrowed(callable, Some(first), args, kwnames)
    }

    /// Takes references to the callable and the arguments (`first`, if any, then `args`),
    /// in that order, and calls.
    fn call_borrowed(
        &mut self,
        callable: ObjId,
        first: Option<ObjId>,
        args: &[ObjId],
        kwnames: &[Name],
    ) -> PyResult<ObjId> {
        let callable = self.newref(callable);
        let mut owned = self.spare.args();
        for &a in first.iter().chain(args) {
            owned.push(self.newref(a));
        }
        self.call_owned(callable, owned, kwnames)
    }

    /// Calls with references handed over, running a Python frame to its end.
    pub(crate) fn call_owned(
        &mut self,
        callable: ObjId,
        args: Vec<ObjId>,
        kwnames: &[Name],
    ) -> PyResult<ObjId> {
        match self.invoke(callable, args, kwnames, true, &mut Vec::new())? {
            Invoke::Done(value) => Ok(value),
            Invoke::Pushed => self.eval(),
        }
    }

    /// Pushes a frame, enforcing the recursion limit.
    #[inline]
    pub(crate) fn push_frame(&mut self, frame: Frame) -> PyResult<()> {
        if self.frames.len() >= self.recursion_limit {
            let message = super::bind::recursion_message(frame.entry && !self.frames.is_empty());
            self.drop_frame(frame);
            return self.raise("RecursionError", message);
        }
        self.frames.push(frame);
        self.notify_call();
        Ok(())
    }

    /// Tells the observer, if any, that the frame just pushed starts.
    pub(super) fn notify_call(&mut self) {
        if self.observer.is_some() && self.in_program_code() {
            let name = self.frame().code.qualname.to_string();
            self.notify(super::observe::VmEvent::Call(name));
        }
    }

    /// Releases everything a frame holds, in CPython's order (locals first to last, then
    /// the value stack, the namespace, the function).
    pub(crate) fn drop_frame(&mut self, mut frame: Frame) {
        let parts = FrameParts::take(&mut frame);
        drop(frame);
        self.release_frame_parts(parts);
    }

    /// Pops the innermost frame and releases what it holds (see [`Vm::drop_frame`]); true
    /// if it was an entry frame.
    pub(crate) fn drop_top_frame(&mut self) -> bool {
        let frame = self.frames.last_mut().expect("a frame");
        let entry = frame.entry;
        let parts = FrameParts::take(frame);
        // Dropped where it lies: a frame is too big to move for nothing.
        self.frames.truncate(self.frames.len() - 1);
        self.release_frame_parts(parts);
        entry
    }

    pub(super) fn release_frame_parts(&mut self, parts: FrameParts) {
        let FrameParts {
            mut locals,
            mut stack,
            namespace,
            function,
            held,
            frame_obj,
            line,
        } = parts;
        self.release_all(held);
        if let Some(f) = frame_obj {
            if self.heap.refcount(f) > 1 {
                // A traceback (or a later frame's `f_back`) still holds the frame object:
                // it takes over the frame's references.
                for obj in stack.into_iter().flatten() {
                    self.release(obj);
                }
                self.take_ownership(f, line, namespace, function, locals);
                return;
            }
            self.release(f);
        }
        for slots in [&mut locals, &mut stack] {
            for slot in slots.iter_mut() {
                if let Some(obj) = slot.take() {
                    self.release(obj);
                }
            }
        }
        self.spare.give_slots(locals);
        self.spare.give_slots(stack);
        if let Some(ns) = namespace {
            self.release(ns);
        }
        if let Some(f) = function {
            self.release(f);
        }
    }

    /// Calls `callable` with owned references: a Python function becomes a frame pushed
    /// for the caller to run (an `entry` frame, ending the eval loop that runs it, when the
    /// caller is Rust code), holding `held` until it ends; anything else runs now, leaving
    /// `held` to the caller.
    pub(crate) fn invoke(
        &mut self,
        callable: ObjId,
        mut args: Vec<ObjId>,
        kwnames: &[Name],
        entry: bool,
        held: &mut Vec<ObjId>,
    ) -> PyResult<Invoke> {
        let kind = self.heap.kind(callable);
        match kind {
            Kind::Function => {
                self.push_function_frame(callable, args, kwnames, entry, held)?;
                Ok(Invoke::Pushed)
            }
            Kind::Method => {
                let (func, this) = self.method_parts(callable);
                let func = self.newref(func);
                let this = self.newref(this);
                self.release(callable);
                args.insert(0, this);
                self.invoke(func, args, kwnames, entry, held)
            }
            _ => {
                // The arguments are owned here while built-in code runs (and may call back
                // into Python): the roots account for them.
                let mark = self.temporaries.len();
                self.temporaries.push(callable);
                self.temporaries.extend(args.iter().copied());
                self.native_depth += 1;
                let result = self.call_other(callable, &args, kwnames);
                self.native_depth -= 1;
                self.temporaries.truncate(mark);
                for &arg in &args {
                    self.release(arg);
                }
                self.spare.give_args(args);
                self.release(callable);
                result.map(Invoke::Done)
            }
        }
    }

    /// The function and `self` of a bound method (borrowed).
    pub(crate) fn method_parts(&self, method: ObjId) -> (ObjId, ObjId) {
        match self.heap.body(method) {
            Body::Record(r) => (
                r.refs[0].expect("method function"),
                r.refs[1].expect("method self"),
            ),
            _ => unreachable!("not a method"),
        }
    }

    /// Calls something that is not a Python function, with borrowed arguments.
    fn call_other(&mut self, callable: ObjId, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
        match self.heap.body(callable) {
            Body::Record(r) if r.kind == Kind::BuiltinFunction => {
                let index = Tag::state(r.data) as usize;
                let bound = r.refs.first().copied().flatten();
                match bound {
                    Some(this) => {
                        let mut all = self.spare.args();
                        all.push(this);
                        all.extend_from_slice(args);
                        let result = self.call_native(index, &all, kwnames);
                        self.spare.give_args(all);
                        result
                    }
                    None => self.call_native(index, args, kwnames),
                }
            }
            Body::Class(_) => self.instantiate(callable, args, kwnames),
            Body::WeakRef(w) if w.flavor == weaklink_heap::WeakFlavor::Ref => {
                if !args.is_empty() {
                    return self.type_error(format!(
                        "weakref() takes no arguments ({} given)",
                        args.len()
                    ));
                }
                let target = w.referent.unwrap_or(self.none);
                Ok(self.newref(target))
            }
            Body::WeakRef(w) if w.flavor == weaklink_heap::WeakFlavor::CallableProxy => {
                let Some(target) = w.referent else {
                    return self.raise(
                        "ReferenceError",
                        "weakly-referenced object no longer exists",
                    );
                };
                self.call_kw(target, args, kwnames)
            }
            Body::Record(r) if r.kind == Kind::Other && Tag::of(r.data) == Tag::StaticMethod => {
                let func = r.refs[0].expect("staticmethod function");
                self.call_kw(func, args, kwnames)
            }
            _ => {
                let call = self.special.call;
                let class = self.type_of(callable);
                match self.lookup_in_class(class, call) {
                    Some(method) if self.is_user_class(class) => {
                        self.call_with_first(method, callable, args, kwnames)
                    }
                    _ => {
                        let name = self.type_name(callable);
                        self.type_error(format!("'{name}' object is not callable"))
                    }
                }
            }
        }
    }

    /// Calls a class: `__new__` then `__init__`, as `type.__call__` does.
    pub(crate) fn instantiate(
        &mut self,
        class: ObjId,
        args: &[ObjId],
        kwnames: &[Name],
    ) -> PyResult<ObjId> {
        let facts = self.class_facts(class);
        if !facts.user && facts.layout != Layout::Exception {
            return self.construct_builtin(class, args, kwnames);
        }
        // CPython passes the arguments on in a tuple, which holds them during the call.
        let held: Vec<ObjId> = args.iter().map(|&a| self.newref(a)).collect();
        let tuple = self.new_tuple(held);
        self.temporaries.push(tuple);
        let result = self.instantiate_with(class, args, kwnames, tuple);
        self.temporaries.pop();
        self.release(tuple);
        result
    }

    /// `type.__call__` with `packed`, the tuple of the arguments it made: an exception made
    /// by `BaseException.__new__` keeps that very tuple as its `args`.
    fn instantiate_with(
        &mut self,
        class: ObjId,
        args: &[ObjId],
        kwnames: &[Name],
        packed: ObjId,
    ) -> PyResult<ObjId> {
        let new_name = self.special.new;
        let init_name = self.special.init;
        let obj = match self.lookup_user(class, new_name) {
            Some(new) => {
                let new = self.unwrap_staticmethod(new);
                self.call_with_first(new, class, args, kwnames)?
            }
            None if kwnames.is_empty() && self.layout_of(class) == Layout::Exception => {
                self.packed_exception_args = Some(packed);
                let made = self.new_instance(class, args);
                self.packed_exception_args = None;
                made?
            }
            None => self.new_instance(class, args)?,
        };
        if !self.isinstance(obj, class) {
            return Ok(obj);
        }
        match self.lookup_user(class, init_name) {
            Some(init) => {
                // The new object is held here while `__init__` runs.
                self.temporaries.push(obj);
                let result = self.call_with_first(init, obj, args, kwnames);
                self.temporaries.pop();
                let result = match result {
                    Ok(r) => r,
                    Err(e) => {
                        self.release(obj);
                        return Err(e);
                    }
                };
                if !self.is_none(result) {
                    let name = self.type_name(result);
                    self.release(result);
                    self.release(obj);
                    return self.type_error(format!("__init__() should return None, not '{name}'"));
                }
                self.release(result);
            }
            None => {
                if let Err(e) = self.init_builtin_base(obj, class, args, kwnames) {
                    self.release(obj);
                    return Err(e);
                }
            }
        }
        Ok(obj)
    }

    /// A staticmethod's function, or the object itself.
    pub(crate) fn unwrap_staticmethod(&self, obj: ObjId) -> ObjId {
        match self.heap.body(obj) {
            Body::Record(r) if r.kind == Kind::Other && Tag::of(r.data) == Tag::StaticMethod => {
                r.refs[0].unwrap_or(obj)
            }
            _ => obj,
        }
    }
}

/// The references a frame owns, taken out of it as it ends.
pub(super) struct FrameParts {
    pub locals: Vec<Option<ObjId>>,
    pub stack: Vec<Option<ObjId>>,
    pub namespace: Option<ObjId>,
    pub function: Option<ObjId>,
    pub held: Vec<ObjId>,
    pub frame_obj: Option<ObjId>,
    /// The line being run, for a frame object that outlives the frame.
    pub line: u32,
}

impl FrameParts {
    fn take(frame: &mut Frame) -> FrameParts {
        FrameParts {
            locals: std::mem::take(&mut frame.locals),
            stack: std::mem::take(&mut frame.stack),
            namespace: frame.namespace.take(),
            function: frame.function.take(),
            held: std::mem::take(&mut frame.held),
            line: if frame.frame_obj.is_some() {
                frame.line()
            } else {
                0
            },
            frame_obj: frame.frame_obj.take(),
        }
    }
}
