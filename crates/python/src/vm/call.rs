//! Calls: binding arguments to parameters, and dispatching on what is called.

use std::rc::Rc;

use weaklink_heap::{Body, Kind, Name, ObjId};

use super::frame::Frame;
use super::types::{Layout, Tag};
use super::{PyResult, Vm};
use crate::compile::CodeObject;

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
            let message = recursion_message(frame.entry && !self.frames.is_empty());
            self.drop_frame(frame);
            return self.raise("RecursionError", message);
        }
        self.frames.push(frame);
        self.notify_call();
        Ok(())
    }

    /// Tells the observer, if any, that the frame just pushed starts.
    fn notify_call(&mut self) {
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

    fn release_frame_parts(&mut self, parts: FrameParts) {
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

    /// Pushes the frame of a call of a Python function: arguments move into parameters,
    /// then the recursion limit is checked (see [`Vm::push_frame`]).
    fn push_function_frame(
        &mut self,
        func: ObjId,
        args: Vec<ObjId>,
        kwnames: &[Name],
        entry: bool,
        held: &mut Vec<ObjId>,
    ) -> PyResult<()> {
        let (code_id, globals, defaults, closure) = match self.heap.body(func) {
            Body::Record(r) => (
                Tag::state(r.data) as usize,
                r.refs[FUNC_GLOBALS].expect("function globals"),
                Defaults {
                    positional: r.refs[FUNC_DEFAULTS],
                    keyword_only: r.refs[FUNC_KWDEFAULTS],
                },
                r.refs[FUNC_CLOSURE],
            ),
            _ => unreachable!("not a function"),
        };
        let code = self.codes[code_id].code.clone();
        let mut locals = self.spare.slots(code.nlocals_plus());
        // Until the frame is pushed, its references are released as its end would release
        // them: locals first, the function last.
        let unpushed = |locals, held| FrameParts {
            locals,
            stack: Vec::new(),
            namespace: None,
            function: Some(func),
            held,
            frame_obj: None,
            line: 0,
        };
        if let Err(raised) = self.bind_arguments(&code, &mut locals, defaults, args, kwnames) {
            self.release_frame_parts(unpushed(locals, Vec::new()));
            return Err(raised);
        }
        if let Some(closure) = closure {
            for i in 0..self.tuple_len(closure) {
                let cell = self.tuple_item(closure, i);
                let slot = code.free_slot(i) as usize;
                locals[slot] = Some(self.newref(cell));
            }
        }
        if self.frames.len() >= self.recursion_limit {
            let message = recursion_message(entry && !self.frames.is_empty());
            self.release_frame_parts(unpushed(locals, std::mem::take(held)));
            return self.raise("RecursionError", message);
        }
        let stack = self.spare.slots(0);
        let loaded = &self.codes[code_id];
        self.frames.push(Frame {
            code,
            instrs: loaded.instrs.clone(),
            code_index: code_id,
            consts: loaded.consts.clone(),
            names: loaded.names.clone(),
            ip: 0,
            stack,
            locals,
            blocks: Vec::new(),
            globals,
            namespace: None,
            function: Some(func),
            generator: None,
            kwnames: None,
            entry,
            held: std::mem::take(held),
            observed_line: 0,
            observed_ip: 0,
            frame_obj: None,
        });
        self.notify_call();
        Ok(())
    }

    fn bind_arguments(
        &mut self,
        code: &CodeObject,
        locals: &mut [Option<ObjId>],
        defaults: Defaults,
        args: Vec<ObjId>,
        kwnames: &[Name],
    ) -> PyResult<()> {
        let qualname = &code.qualname;
        let nargs = code.argcount as usize;
        let nkwonly = code.kwonlyargcount as usize;
        let npos_given = args.len() - kwnames.len();
        let mut extra = Vec::new();
        for (i, &value) in args[..npos_given].iter().enumerate() {
            if i < nargs {
                locals[i] = Some(value);
            } else {
                extra.push(value);
            }
        }
        let keywords: Vec<(Name, ObjId)> = kwnames
            .iter()
            .copied()
            .zip(args[npos_given..].iter().copied())
            .collect();
        self.spare.give_args(args);
        let varargs_slot = nargs + nkwonly;
        if code.varargs {
            locals[varargs_slot] = Some(self.new_tuple(extra));
        } else if !extra.is_empty() {
            let given = npos_given;
            self.release_all(extra);
            let defaults = defaults.positional.map_or(0, |d| self.tuple_len(d));
            let takes = if defaults > 0 {
                format!("from {} to {nargs} positional arguments", nargs - defaults)
            } else {
                format!(
                    "{nargs} positional argument{}",
                    if nargs == 1 { "" } else { "s" }
                )
            };
            let was = if given == 1 { "was" } else { "were" };
            self.release_all(keywords.iter().map(|&(_, v)| v));
            return self.type_error(format!(
                "{qualname}() takes {takes} but {given} {was} given"
            ));
        }
        let kwargs = if code.varkeywords {
            let d = self.new_dict();
            let slot = varargs_slot + usize::from(code.varargs);
            locals[slot] = Some(d);
            Some(d)
        } else {
            None
        };
        let mut keywords = keywords.into_iter();
        while let Some((name, value)) = keywords.next() {
            let text = self.heap.names.text(name).to_string();
            let position = code.varnames[(code.posonlyargcount as usize)..nargs + nkwonly]
                .iter()
                .position(|v| **v == *text)
                .map(|p| p + code.posonlyargcount as usize);
            let error = match position {
                Some(p) if locals[p].is_some() => Some(format!(
                    "{qualname}() got multiple values for argument '{text}'"
                )),
                Some(p) => {
                    locals[p] = Some(value);
                    None
                }
                None => match kwargs {
                    Some(d) => {
                        let key = self.new_str(&text);
                        let result = self.setitem(d, key, value);
                        self.release(key);
                        self.release(value);
                        result?;
                        None
                    }
                    None => Some(format!(
                        "{qualname}() got an unexpected keyword argument '{text}'"
                    )),
                },
            };
            if let Some(message) = error {
                self.release(value);
                self.release_all(keywords.map(|(_, v)| v));
                return self.type_error(message);
            }
        }
        // Defaults for missing positional parameters.
        let ndefaults = defaults.positional.map_or(0, |d| self.tuple_len(d));
        let first_default = nargs - ndefaults.min(nargs);
        let mut missing = Vec::new();
        for (i, local) in locals[..nargs].iter_mut().enumerate() {
            if local.is_none() {
                if i >= first_default {
                    let tuple = defaults.positional.expect("defaults");
                    let default = self.tuple_item(tuple, i - first_default);
                    *local = Some(self.newref(default));
                } else {
                    missing.push(code.varnames[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return self.type_error(missing_message(qualname, "positional", &missing));
        }
        let kwdefaults = defaults.keyword_only;
        let mut missing = Vec::new();
        for (local, name) in locals[nargs..nargs + nkwonly]
            .iter_mut()
            .zip(&code.varnames[nargs..])
        {
            if local.is_none() {
                let default = match kwdefaults {
                    Some(d) => self.dict_get_str(d, name),
                    None => None,
                };
                match default {
                    Some(v) => *local = Some(self.newref(v)),
                    None => missing.push(name.clone()),
                }
            }
        }
        if !missing.is_empty() {
            return self.type_error(missing_message(qualname, "keyword-only", &missing));
        }
        Ok(())
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
        let result = self.instantiate_with(class, args, kwnames);
        self.temporaries.pop();
        self.release(tuple);
        result
    }

    fn instantiate_with(
        &mut self,
        class: ObjId,
        args: &[ObjId],
        kwnames: &[Name],
    ) -> PyResult<ObjId> {
        let new_name = self.special.new;
        let init_name = self.special.init;
        let obj = match self.lookup_user(class, new_name) {
            Some(new) => {
                let new = self.unwrap_staticmethod(new);
                self.call_with_first(new, class, args, kwnames)?
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

/// CPython's message when a call would pass the recursion limit: a call made from built-in
/// code (repr() calling __repr__, a callback) says so.
fn recursion_message(from_builtin: bool) -> &'static str {
    if from_builtin {
        "maximum recursion depth exceeded while calling a Python object"
    } else {
        "maximum recursion depth exceeded"
    }
}

/// The references a frame owns, taken out of it as it ends.
struct FrameParts {
    locals: Vec<Option<ObjId>>,
    stack: Vec<Option<ObjId>>,
    namespace: Option<ObjId>,
    function: Option<ObjId>,
    held: Vec<ObjId>,
    frame_obj: Option<ObjId>,
    /// The line being run, for a frame object that outlives the frame.
    line: u32,
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

/// A function's defaults: `__defaults__` and `__kwdefaults__` (borrowed).
#[derive(Copy, Clone)]
struct Defaults {
    positional: Option<ObjId>,
    keyword_only: Option<ObjId>,
}

/// "f() missing 2 required positional arguments: 'a' and 'b'".
fn missing_message(qualname: &str, what: &str, names: &[Rc<str>]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => format!(
            "{}, and {}",
            quoted[..quoted.len() - 1].join(", "),
            quoted[quoted.len() - 1]
        ),
    };
    let s = if names.len() == 1 { "" } else { "s" };
    format!(
        "{qualname}() missing {} required {what} argument{s}: {list}",
        names.len()
    )
}
