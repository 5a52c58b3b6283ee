//! The evaluation loop: one instruction at a time, on the innermost frame.

use std::rc::Rc;

use weaklink_heap::{Body, Cause, Kind, ObjId, Record};

use super::frame::{Block, Frame};
use super::types::Tag;
use super::{Halt, PyResult, Raised, Vm};
use crate::compile::{CodeObject, Instr};

/// What an instruction did to the flow of control.
pub(crate) enum Flow {
    /// Go on with the next instruction (of whichever frame is now innermost).
    Next,
    /// The innermost frame returned this value.
    Return(ObjId),
}

impl Vm {
    /// Runs the main program's code (or a piece of interactive input) in `__main__`'s
    /// namespace.
    pub(crate) fn run_module_code(&mut self, code: Rc<CodeObject>) -> PyResult<()> {
        let globals = self.main_globals;
        let index = self.load_main_code(code);
        let result = self.run_loaded(index, globals);
        self.free_arena();
        result
    }

    /// Runs module code whose globals are the dict `globals`.
    pub(crate) fn run_in_namespace(
        &mut self,
        code: Rc<CodeObject>,
        globals: ObjId,
    ) -> PyResult<()> {
        let index = self.load_code(code);
        self.run_loaded(index, globals)
    }

    /// Runs loaded module code `index` with `globals` as its namespace.
    fn run_loaded(&mut self, index: usize, globals: ObjId) -> PyResult<()> {
        let mut frame = self.namespace_frame(index, globals, globals);
        frame.entry = true;
        self.push_frame(frame)?;
        let result = self.eval()?;
        self.release(result);
        Ok(())
    }

    /// A frame running module or class-body code whose names live in `namespace`.
    pub(crate) fn namespace_frame(
        &mut self,
        index: usize,
        globals: ObjId,
        namespace: ObjId,
    ) -> Frame {
        let loaded = &self.codes[index];
        let code = loaded.code.clone();
        let consts = loaded.consts.clone();
        let names = loaded.names.clone();
        let instrs = loaded.instrs.clone();
        let namespace = self.newref(namespace);
        Frame {
            instrs,
            locals: vec![None; code.nlocals_plus()],
            code_index: index,
            consts,
            names,
            ip: 0,
            stack: Vec::with_capacity(8),
            blocks: Vec::new(),
            globals,
            namespace: Some(namespace),
            function: None,
            generator: None,
            kwnames: None,
            entry: false,
            held: Vec::new(),
            observed_line: 0,
            observed_ip: 0,
            frame_obj: None,
            code,
        }
    }

    /// Runs frames until the entry frame (the innermost one marked `entry` when this was
    /// called) returns or raises.
    pub(crate) fn eval(&mut self) -> PyResult<ObjId> {
        loop {
            let outcome = self.execute();
            match outcome {
                Ok(Flow::Next) => {}
                Ok(Flow::Return(value)) => {
                    if self.observer.is_some() && self.in_program_code() {
                        let name = self.frame().code.qualname.to_string();
                        self.frames.last_mut().expect("a frame").observed_line = 0;
                        self.temporaries.push(value);
                        self.notify(super::observe::VmEvent::Return(name));
                        self.temporaries.pop();
                    }
                    if self.drop_top_frame() {
                        return Ok(value);
                    }
                    self.push(Some(value));
                }
                Err(Raised::Exception(exc)) => {
                    if let Some(value) = self.unwind(exc)? {
                        return Ok(value);
                    }
                }
                Err(halt @ Raised::Halt(_)) => {
                    // Nothing may run any more: drop the frames of this eval.
                    while let Some(frame) = self.frames.pop() {
                        let entry = frame.entry;
                        self.drop_frame(frame);
                        if entry {
                            break;
                        }
                    }
                    return Err(halt);
                }
            }
        }
    }

    /// Finds the handler for an exception raised in the innermost frame, popping frames
    /// that have none. Returns an error once the entry frame is left.
    fn unwind(&mut self, exc: ObjId) -> PyResult<Option<ObjId>> {
        let reraise = {
            let frame = self.frames.last().expect("a frame raised");
            let ip = frame.ip.saturating_sub(1);
            matches!(
                frame.code.instrs.get(ip),
                Some(Instr::Reraise | Instr::Raise(0))
            )
        };
        if !reraise {
            self.add_traceback(exc);
            self.set_context(exc);
            if self.observer.is_some() && self.in_program_code() {
                let name = self.type_name(exc);
                self.temporaries.push(exc);
                self.notify(super::observe::VmEvent::Exception(name.to_string()));
                self.temporaries.pop();
            }
        }
        loop {
            let frame = self.frames.last_mut().expect("a frame raised");
            if let Some(block) = frame.blocks.pop() {
                let extra: Vec<ObjId> = frame
                    .stack
                    .drain(block.depth as usize..)
                    .flatten()
                    .collect();
                frame.ip = block.handler as usize;
                frame.stack.push(Some(exc));
                for obj in extra.into_iter().rev() {
                    self.release(obj);
                }
                return Ok(None);
            }
            let frame = self.frames.pop().expect("a frame raised");
            let entry = frame.entry;
            self.drop_frame(frame);
            if entry || self.frames.is_empty() {
                return Err(Raised::Exception(exc));
            }
            self.add_traceback(exc);
        }
    }

    #[inline]
    pub(crate) fn frame(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("a frame is running")
    }

    #[inline]
    pub(crate) fn push(&mut self, value: Option<ObjId>) {
        self.frame().stack.push(value);
    }

    #[inline]
    pub(crate) fn pop(&mut self) -> ObjId {
        self.frame()
            .stack
            .pop()
            .flatten()
            .expect("a value on the stack")
    }

    #[inline]
    pub(crate) fn pop_maybe(&mut self) -> Option<ObjId> {
        self.frame().stack.pop().expect("a slot on the stack")
    }

    pub(crate) fn pop_n(&mut self, n: usize) -> Vec<ObjId> {
        let mut values = self.spare.args();
        let stack = &mut self.frames.last_mut().expect("a frame is running").stack;
        let at = stack.len() - n;
        values.extend(stack[at..].iter().map(|v| v.expect("a value")));
        stack.truncate(at);
        values
    }

    /// Executes one instruction of the innermost frame.
    fn execute(&mut self) -> PyResult<Flow> {
        if self.halted.is_some() || self.pending_throw.is_some() {
            return Err(self.interruption());
        }
        self.steps += 1;
        if self.steps > self.options.max_steps {
            return Err(Raised::Halt(Halt::StepBudget(self.options.max_steps)));
        }
        if self.observer.is_some() {
            self.observe_instruction();
        }
        // The simplest instructions use this borrow of the frame alongside the heap; the
        // others go through methods of the VM.
        let frame = self.frames.last_mut().expect("a frame is running");
        let instr = frame.instrs[frame.ip];
        frame.ip += 1;
        match instr {
            Instr::Nop => {}
            Instr::PopTop => {
                if let Some(v) = frame.stack.pop().expect("a slot on the stack") {
                    self.release_popped(v);
                }
            }
            Instr::Copy(n) => {
                let v = frame.stack[frame.stack.len() - n as usize].expect("a value on the stack");
                self.heap.incref(v, Cause::StackPush);
                frame.stack.push(Some(v));
            }
            Instr::Swap(n) => {
                let len = frame.stack.len();
                frame.stack.swap(len - 1, len - n as usize);
            }
            Instr::PushNull => frame.stack.push(None),
            Instr::LoadConst(i) => {
                let v = frame.consts[i as usize];
                self.heap.incref(v, Cause::StackPush);
                frame.stack.push(Some(v));
            }
            Instr::LoadFast(i) => {
                let Some(v) = frame.locals[i as usize] else {
                    return self.unbound_local(i);
                };
                self.heap.incref(v, Cause::StackPush);
                frame.stack.push(Some(v));
            }
            Instr::StoreFast(i) => {
                let v = frame.stack.pop().flatten().expect("a value on the stack");
                if let Some(old) = frame.locals[i as usize].replace(v) {
                    self.release(old);
                }
            }
            Instr::Jump(target) => frame.ip = target as usize,
            Instr::PopJumpIfFalse(target) | Instr::PopJumpIfTrue(target) => {
                let v = frame.stack.pop().flatten().expect("a value on the stack");
                let jump_if = matches!(instr, Instr::PopJumpIfTrue(_));
                // `True`, `False` and `None` decide without a call (and are never freed).
                let truth = if v == self.true_obj {
                    true
                } else if v == self.false_obj || v == self.none {
                    false
                } else {
                    let truth = self.truthy(v);
                    self.release(v);
                    if truth? == jump_if {
                        self.frame().ip = target as usize;
                    }
                    return Ok(Flow::Next);
                };
                // What `release` does for them: they are static, so nothing dies.
                self.heap.decref(v, Cause::Other);
                if truth == jump_if {
                    frame.ip = target as usize;
                }
            }
            Instr::ForIter(target) => {
                let it = frame.stack.last().copied().flatten().expect("an iterator");
                match self.next_of(it)? {
                    Some(v) => self.push(Some(v)),
                    None => {
                        let it = self.pop();
                        self.release(it);
                        self.frame().ip = target as usize;
                    }
                }
            }
            Instr::ReturnValue => {
                let v = frame.stack.pop().flatten().expect("a value on the stack");
                if frame.generator.is_some() {
                    return self.generator_return(v);
                }
                return Ok(Flow::Return(v));
            }
            Instr::KwNames(k) => frame.kwnames = Some(k),
            Instr::Call(n) => return self.call_from_stack(n as usize),
            Instr::DeleteFast(i) => match frame.locals[i as usize].take() {
                Some(old) => self.release(old),
                None => return self.unbound_local(i),
            },
            Instr::MakeCell(i) => {
                let old = self.frame().locals[i as usize].take();
                let cell = self
                    .heap
                    .alloc_owning(Body::Record(Record::new(Kind::Cell, vec![old])));
                self.settle();
                self.frame().locals[i as usize] = Some(cell);
            }
            Instr::LoadClosure(i) => {
                let cell = self.frame().locals[i as usize].expect("a cell");
                self.heap.incref(cell, Cause::StackPush);
                self.push(Some(cell));
            }
            Instr::LoadDeref(i) => {
                let v = self.load_deref(i as usize)?;
                self.push(Some(v));
            }
            Instr::StoreDeref(i) => {
                let v = self.pop();
                let cell = self.frame().locals[i as usize].expect("a cell");
                self.heap.set_field(cell, 0, Some(v));
                self.heap.decref(v, Cause::StackPop);
                self.settle();
            }
            Instr::DeleteDeref(i) => {
                let cell = self.frame().locals[i as usize].expect("a cell");
                self.heap.set_field(cell, 0, None);
                self.settle();
            }
            Instr::LoadClassDeref(i, n) => {
                let name = self.frame().names[n as usize];
                let ns = self.frame().namespace.expect("a class namespace");
                match self.dict_get_name(ns, name) {
                    Some(v) => {
                        let v = self.newref(v);
                        self.push(Some(v));
                    }
                    None => {
                        let v = self.load_deref(i as usize)?;
                        self.push(Some(v));
                    }
                }
            }
            Instr::LoadGlobal { name, push_null } => {
                let name = self.frame().names[name as usize];
                let v = self.load_global(name)?;
                if push_null {
                    self.push(None);
                }
                self.push(Some(v));
            }
            Instr::StoreGlobal(n) => {
                let name = self.frame().names[n as usize];
                let v = self.pop();
                let globals = self.frame().globals;
                self.store_name_in(globals, name, v)?;
            }
            Instr::DeleteGlobal(n) => {
                let name = self.frame().names[n as usize];
                let globals = self.frame().globals;
                self.delete_name_in(globals, name)?;
            }
            Instr::LoadName(n) => {
                let name = self.frame().names[n as usize];
                let v = self.load_name(name)?;
                self.push(Some(v));
            }
            Instr::StoreName(n) => {
                let name = self.frame().names[n as usize];
                let v = self.pop();
                let ns = self.frame().namespace.expect("a namespace");
                self.store_name_in(ns, name, v)?;
            }
            Instr::DeleteName(n) => {
                let name = self.frame().names[n as usize];
                let ns = self.frame().namespace.expect("a namespace");
                self.delete_name_in(ns, name)?;
            }
            Instr::LoadAttr(n) => {
                let name = self.frame().names[n as usize];
                let obj = self.pop();
                let result = self.getattr(obj, name);
                self.release_popped(obj);
                self.push(Some(result?));
            }
            Instr::StoreAttr(n) => {
                let name = self.frame().names[n as usize];
                let obj = self.pop();
                let value = self.pop();
                let result = self.setattr(obj, name, value);
                self.release_popped(value);
                self.release_popped(obj);
                result?;
            }
            Instr::DeleteAttr(n) => {
                let name = self.frame().names[n as usize];
                let obj = self.pop();
                let result = self.delattr(obj, name);
                self.release_popped(obj);
                result?;
            }
            Instr::LoadMethod(n) => {
                let name = self.frame().names[n as usize];
                let obj = self.pop();
                match self.method_for_call(obj, name) {
                    Some(func) => {
                        self.push(Some(func));
                        self.push(Some(obj));
                    }
                    None => {
                        let result = self.getattr(obj, name);
                        self.release_popped(obj);
                        self.push(None);
                        self.push(Some(result?));
                    }
                }
            }
            Instr::BinarySubscr => {
                let key = self.pop();
                let container = self.pop();
                let result = self.getitem(container, key);
                self.release_popped(container);
                self.release_popped(key);
                self.push(Some(result?));
            }
            Instr::StoreSubscr => {
                let key = self.pop();
                let container = self.pop();
                let value = self.pop();
                let result = self.setitem(container, key, value);
                self.release(value);
                self.release(container);
                self.release(key);
                result?;
            }
            Instr::DeleteSubscr => {
                let key = self.pop();
                let container = self.pop();
                let result = self.delitem(container, key);
                self.release(container);
                self.release(key);
                result?;
            }
            Instr::BuildSlice(n) => {
                let parts = self.pop_n(n as usize);
                let mut refs: Vec<Option<ObjId>> = parts.into_iter().map(Some).collect();
                if refs.len() == 2 {
                    refs.push(Some(self.new_none()));
                }
                let slice = self.tagged_record(Kind::Other, Tag::Slice, 0, refs);
                let obj = self.heap.alloc_owning(Body::Record(slice));
                self.settle();
                self.push(Some(obj));
            }
            Instr::UnaryOp(op) => {
                let v = self.pop();
                let result = self.unary_op(op, v);
                self.release(v);
                self.push(Some(result?));
            }
            Instr::BinaryOp { op, inplace } => {
                let rhs = self.pop();
                let lhs = self.pop();
                let result = self.binary_op(op, inplace, lhs, rhs);
                self.release(lhs);
                self.release(rhs);
                self.push(Some(result?));
            }
            Instr::CompareOp(op) => {
                let rhs = self.pop();
                let lhs = self.pop();
                let result = self.compare(op, lhs, rhs);
                self.release(lhs);
                self.release(rhs);
                self.push(Some(result?));
            }
            Instr::IsOp(invert) => {
                let rhs = self.pop();
                let lhs = self.pop();
                let same = (lhs == rhs) != invert;
                self.release(lhs);
                self.release(rhs);
                let v = self.new_bool(same);
                self.push(Some(v));
            }
            Instr::ContainsOp(invert) => {
                let container = self.pop();
                let item = self.pop();
                let result = self.contains(container, item);
                self.release(item);
                self.release(container);
                let v = self.new_bool(result? != invert);
                self.push(Some(v));
            }
            _ => return self.execute_more(instr),
        }
        Ok(Flow::Next)
    }

    /// `UnboundLocalError` for local `i` of the running frame.
    #[cold]
    fn unbound_local(&mut self, i: u32) -> PyResult<Flow> {
        let name = self.frame().code.varnames[i as usize].clone();
        self.raise(
            "UnboundLocalError",
            format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }

    /// What stops the next instruction: a halt, or an exception thrown into the frame.
    #[cold]
    fn interruption(&mut self) -> Raised {
        match self.halted.take() {
            Some(halt) => Raised::Halt(halt),
            None => Raised::Exception(self.pending_throw.take().expect("an exception thrown")),
        }
    }

    fn load_deref(&mut self, i: usize) -> PyResult<ObjId> {
        let cell = self.frame().locals[i].expect("a cell");
        let value = match self.heap.body(cell) {
            Body::Record(r) => r.refs.first().copied().flatten(),
            _ => None,
        };
        match value {
            Some(v) => Ok(self.newref(v)),
            None => {
                let code = self.frame().code.clone();
                let ncell_first = code.nlocals_plus() - code.freevars.len();
                if i >= ncell_first {
                    let name = code.freevars[i - ncell_first].clone();
                    self.raise(
                        "NameError",
                        format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                    )
                } else {
                    let position = code.cell_slots.iter().position(|&s| s as usize == i);
                    let name = position.map_or_else(|| "?".into(), |p| code.cellvars[p].clone());
                    self.raise(
                        "UnboundLocalError",
                        format!("cannot access local variable '{name}' where it is not associated with a value"),
                    )
                }
            }
        }
    }

    /// Pushes a handler block.
    pub(crate) fn push_block(&mut self, handler: u32, depth: u32) {
        self.frame().blocks.push(Block { handler, depth });
    }
}
