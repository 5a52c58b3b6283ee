//! Calls: binding arguments to parameters, and dispatching on what is called.

use std::rc::Rc;

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
// A frame moves straight onto the frame stack: boxing it would cost an allocation per call.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Invoke {
    /// A value (new reference).
    Done(ObjId),
    /// A Python frame to run; its result is the call's.
    Push(Frame),
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
        match self.invoke(callable, args, kwnames)? {
            Invoke::Done(value) => Ok(value),
            Invoke::Push(mut frame) => {
                frame.entry = true;
                self.push_frame(frame)?;
                self.eval()
            }
        }
    }

    /// Pushes a frame, enforcing the recursion limit.
    pub(crate) fn push_frame(&mut self, frame: Frame) -> PyResult<()> {
        if self.frames.len() >= self.recursion_limit {
            // A call made from built-in code (repr() calling __repr__, a callback) says so.
            let message = if frame.entry && !self.frames.is_empty() {
                "maximum recursion depth exceeded while calling a Python object"
            } else {
                "maximum recursion depth exceeded"
            };
            self.drop_frame(frame);
            return self.raise("RecursionError", message);
        }
        self.frames.push(frame);
        if self.observer.is_some() && self.in_program_code() {
            let name = self.frame().code.qualname.to_string();
            self.notify(super::observe::VmEvent::Call(name));
        }
        Ok(())
    }

    /// Releases everything a frame holds, in CPython's order (locals first to last, then
    /// the value stack, the namespace, the function).
    pub(crate) fn drop_frame(&mut self, frame: Frame) {
        let line = if frame.frame_obj.is_some() {
            frame.line()
        } else {
            0
        };
        let Frame {
            mut locals,
            mut stack,
            namespace,
            function,
            held,
            frame_obj,
            ..
        } = frame;
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

    /// Calls `callable` with owned references: a Python function becomes a frame for the
    /// caller to run; anything else runs now.
    pub(crate) fn invoke(
        &mut self,
        callable: ObjId,
        mut args: Vec<ObjId>,
        kwnames: &[Name],
    ) -> PyResult<Invoke> {
        let kind = self.heap.kind(callable);
        match kind {
            Kind::Function => self
                .function_frame(callable, args, kwnames)
                .map(Invoke::Push),
            Kind::Method => {
                let (func, this) = self.method_parts(callable);
                let func = self.newref(func);
                let this = self.newref(this);
                self.release(callable);
                args.insert(0, this);
                self.invoke(func, args, kwnames)
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
                    Some(method) if self.classes[&class].user => {
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

    /// Builds the frame for a call of a Python function: arguments move into parameters.
    pub(crate) fn function_frame(
        &mut self,
        func: ObjId,
        args: Vec<ObjId>,
        kwnames: &[Name],
    ) -> PyResult<Frame> {
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
        let loaded = &self.codes[code_id];
        let code = loaded.code.clone();
        let consts = loaded.consts.clone();
        let names = loaded.names.clone();
        let instrs = loaded.instrs.clone();
        let locals = self.spare.slots(code.nlocals_plus());
        let stack = self.spare.slots(0);
        let mut frame = Frame {
            code,
            instrs,
            code_index: code_id,
            consts,
            names,
            ip: 0,
            stack,
            locals,
            blocks: Vec::new(),
            globals,
            namespace: None,
            function: Some(func),
            generator: None,
            kwnames: None,
            entry: false,
            held: Vec::new(),
            observed_line: 0,
            observed_ip: 0,
            frame_obj: None,
        };
        if let Err(raised) = self.bind_arguments(&mut frame, defaults, args, kwnames) {
            self.drop_frame(frame);
            return Err(raised);
        }
        if let Some(closure) = closure {
            for i in 0..self.tuple_len(closure) {
                let cell = self.tuple_item(closure, i);
                let slot = frame.code.free_slot(i) as usize;
                frame.locals[slot] = Some(self.newref(cell));
            }
        }
        Ok(frame)
    }

    fn bind_arguments(
        &mut self,
        frame: &mut Frame,
        defaults: Defaults,
        args: Vec<ObjId>,
        kwnames: &[Name],
    ) -> PyResult<()> {
        let code = &*frame.code;
        let qualname = &code.qualname;
        let nargs = code.argcount as usize;
        let nkwonly = code.kwonlyargcount as usize;
        let npos_given = args.len() - kwnames.len();
        let mut extra = Vec::new();
        for (i, &value) in args[..npos_given].iter().enumerate() {
            if i < nargs {
                frame.locals[i] = Some(value);
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
            frame.locals[varargs_slot] = Some(self.new_tuple(extra));
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
            frame.locals[slot] = Some(d);
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
                Some(p) if frame.locals[p].is_some() => Some(format!(
                    "{qualname}() got multiple values for argument '{text}'"
                )),
                Some(p) => {
                    frame.locals[p] = Some(value);
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
        for i in 0..nargs {
            if frame.locals[i].is_none() {
                if i >= first_default {
                    let tuple = defaults.positional.expect("defaults");
                    let default = self.tuple_item(tuple, i - first_default);
                    frame.locals[i] = Some(self.newref(default));
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
        for i in nargs..nargs + nkwonly {
            if frame.locals[i].is_none() {
                let name = code.varnames[i].clone();
                let default = match kwdefaults {
                    Some(d) => self.dict_get_str(d, &name),
                    None => None,
                };
                match default {
                    Some(v) => frame.locals[i] = Some(self.newref(v)),
                    None => missing.push(name),
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
        let info = self.class_info(class);
        if !info.user && info.layout != Layout::Exception {
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
