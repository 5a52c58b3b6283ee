//! Frames: a running code object's locals, value stack and exception handlers.

use std::rc::Rc;

use weaklink_heap::{Name, ObjId};

use crate::compile::{CodeObject, Instr};

/// An exception handler pushed by `SetupFinally`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    /// Where the handler starts.
    pub handler: u32,
    /// The stack depth to unwind to.
    pub depth: u32,
}

/// A frame being executed. Like CPython 3.11's interpreter frames, it is not a heap
/// object: its references are roots the VM declares.
#[derive(Debug)]
pub(crate) struct Frame {
    /// The code being run.
    pub code: Rc<CodeObject>,
    /// Its instructions (the code's, shared: one indirection less for each instruction).
    pub instrs: Rc<[Instr]>,
    /// Its index among the VM's loaded code objects.
    pub code_index: usize,
    /// Its constants on the heap (borrowed from the code object).
    pub consts: Rc<[ObjId]>,
    /// Its names, interned.
    pub names: Rc<[Name]>,
    /// The next instruction.
    pub ip: usize,
    /// The value stack; `None` is CPython's `NULL` marker.
    pub stack: Vec<Option<ObjId>>,
    /// Fast locals (owned references): variables, cells, free variables.
    pub locals: Vec<Option<ObjId>>,
    /// Active exception handlers.
    pub blocks: Vec<Block>,
    /// The module namespace (borrowed: the function or module holds it).
    pub globals: ObjId,
    /// The namespace of a module or class body (owned), where names live.
    pub namespace: Option<ObjId>,
    /// The function being run (owned), if any.
    pub function: Option<ObjId>,
    /// The generator this frame belongs to (borrowed), if any.
    pub generator: Option<ObjId>,
    /// Keyword names set by `KwNames` for the next call.
    pub kwnames: Option<u32>,
    /// When this frame returns, the eval loop that called it returns too (a call made
    /// from Rust: a builtin calling Python code, a finalizer, a callback).
    pub entry: bool,
    /// References the call holds while the frame runs (the argument tuple and unpacked
    /// keyword values of a call through `CALL_FUNCTION_EX`), released when it ends.
    pub held: Vec<ObjId>,
    /// The last line reported to an observer, and the instruction it was seen at.
    pub observed_line: u32,
    pub observed_ip: usize,
    /// The frame's `frame` object (owned), once a traceback or `f_back` has needed one.
    /// When the frame ends while something else still holds that object, the object takes
    /// over the frame's locals, as CPython 3.11's `take_ownership` does.
    pub frame_obj: Option<ObjId>,
}

impl Frame {
    /// Every reference the frame owns.
    pub fn roots(&self, out: &mut Vec<ObjId>) {
        out.extend(self.stack.iter().flatten().copied());
        out.extend(self.locals.iter().flatten().copied());
        out.extend(self.namespace);
        out.extend(self.function);
        out.extend(self.held.iter().copied());
        out.extend(self.frame_obj);
    }

    /// The source line of the instruction being executed.
    pub fn line(&self) -> u32 {
        self.position().line
    }

    /// The source position of the instruction being executed.
    pub fn position(&self) -> crate::compile::bytecode::Position {
        let ip = self
            .ip
            .saturating_sub(1)
            .min(self.code.positions.len().saturating_sub(1));
        self.code.positions.get(ip).copied().unwrap_or_default()
    }
}

/// A generator's frame while it is suspended: the references live in the generator object
/// (so the collector sees them); the rest of the frame waits here.
#[derive(Debug)]
pub(crate) struct Suspended {
    /// The frame, with empty `stack` and `locals` (their references are in the generator).
    pub frame: Frame,
    /// How many locals the generator holds, before the stack values.
    pub nlocals: usize,
    /// How many stack values the generator holds after the locals.
    pub stack_len: usize,
    /// The generator has started (a value can be sent in).
    pub started: bool,
    /// The generator has finished.
    pub finished: bool,
}

impl Frame {
    /// A frame with the same code and nothing in it, marked `entry` as given: stands in
    /// for a generator frame that has just been suspended, so the eval loop can pop it.
    pub fn empty_like(frame: &Frame, entry: bool) -> Frame {
        Frame {
            code: frame.code.clone(),
            instrs: frame.instrs.clone(),
            code_index: frame.code_index,
            consts: frame.consts.clone(),
            names: frame.names.clone(),
            ip: 0,
            stack: Vec::new(),
            locals: Vec::new(),
            blocks: Vec::new(),
            globals: frame.globals,
            namespace: None,
            function: None,
            generator: None,
            kwnames: None,
            entry,
            held: Vec::new(),
            observed_line: 0,
            observed_ip: 0,
            frame_obj: None,
        }
    }
}

/// Buffers of frames and calls that have ended, kept for the next ones: a call then takes
/// its locals, value stack and argument list from here instead of the allocator.
#[derive(Debug, Default)]
pub(crate) struct SpareBuffers {
    slots: Vec<Vec<Option<ObjId>>>,
    args: Vec<Vec<ObjId>>,
}

/// How many buffers of each sort are kept.
const SPARE_LIMIT: usize = 32;

impl SpareBuffers {
    /// `len` empty slots (locals or a value stack).
    pub fn slots(&mut self, len: usize) -> Vec<Option<ObjId>> {
        let mut v = self.slots.pop().unwrap_or_default();
        v.resize(len, None);
        v
    }

    /// Takes back a buffer of slots (its contents already released).
    pub fn give_slots(&mut self, mut v: Vec<Option<ObjId>>) {
        if self.slots.len() < SPARE_LIMIT && v.capacity() > 0 {
            v.clear();
            self.slots.push(v);
        }
    }

    /// An empty argument list.
    pub fn args(&mut self) -> Vec<ObjId> {
        self.args.pop().unwrap_or_default()
    }

    /// Takes back an argument list (its references already moved or released).
    pub fn give_args(&mut self, mut v: Vec<ObjId>) {
        if self.args.len() < SPARE_LIMIT && v.capacity() > 0 {
            v.clear();
            self.args.push(v);
        }
    }
}
