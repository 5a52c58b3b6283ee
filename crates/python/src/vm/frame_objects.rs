//! `frame` and `traceback` objects, as CPython 3.11 makes them.
//!
//! A running frame is not a heap object (see [`super::frame::Frame`]); it gets a `frame`
//! object only when something asks for one: an exception passing through it makes a
//! `traceback` object that points at the frame's object. When the frame ends while that
//! object is still held, the object takes over the frame's locals (CPython's
//! `take_ownership`), so an exception kept after its `except` block keeps every local of
//! every frame it passed through alive, until the exception goes.

use weaklink_heap::{Body, Cause, Kind, ObjId, Record};

use super::call::FUNC_GLOBALS;
use super::exc::EXC_TB;
use super::types::Tag;
use super::{PyResult, Vm};

/// Field positions of a `frame` object's record.
const FRAME_BACK: usize = 0;
const FRAME_NAMESPACE: usize = 1;
const FRAME_FUNCTION: usize = 2;
/// The first of the locals a frame object holds once its frame has ended.
const FRAME_FAST: usize = 3;

/// Field positions of a `traceback` object's record.
const TB_NEXT: usize = 0;
const TB_FRAME: usize = 1;

/// A frame object's state word: its code and, once the frame has ended, its last line.
fn frame_state(code_index: usize, line: u32) -> u64 {
    ((code_index as u64) << 24) | u64::from(line & 0xff_ffff)
}

impl Vm {
    /// The `frame` object of the frame at `depth` in [`Vm::frames`] (borrowed: the frame
    /// holds it), made on first use.
    pub(crate) fn frame_object(&mut self, depth: usize) -> ObjId {
        if let Some(f) = self.frames[depth].frame_obj {
            return f;
        }
        let code_index = self.frames[depth].code_index;
        let f = self.heap.alloc_owning(Body::Record(Record {
            kind: Kind::Frame,
            refs: vec![None; FRAME_FAST],
            data: frame_state(code_index, 0),
            has_finalizer: false,
        }));
        self.frames[depth].frame_obj = Some(f);
        self.settle();
        f
    }

    /// CPython's `PyTraceBack_Here`: the exception passed through the innermost frame, so
    /// a new `traceback` object for it heads the exception's `__traceback__` chain.
    pub(crate) fn push_traceback_object(&mut self, exc: ObjId, line: u32) {
        let Some(depth) = self.frames.len().checked_sub(1) else {
            return;
        };
        if !matches!(self.heap.body(exc), Body::Instance(_)) {
            return;
        }
        let frame = self.frame_object(depth);
        let next = self.exc_field(exc, EXC_TB);
        let tb = self.heap.alloc(Body::Record(Record {
            kind: Kind::Other,
            refs: vec![next, Some(frame)],
            data: Tag::Traceback.data(u64::from(line)),
            has_finalizer: false,
        }));
        self.settle();
        self.heap.set_field(exc, EXC_TB, Some(tb));
        self.release(tb);
    }

    /// CPython's `take_ownership`: frame object `f` outlives its frame, so it takes the
    /// frame's references (handed over: no count moves) and links to its caller's object.
    pub(crate) fn take_ownership(
        &mut self,
        f: ObjId,
        line: u32,
        namespace: Option<ObjId>,
        function: Option<ObjId>,
        locals: Vec<Option<ObjId>>,
    ) {
        let code_index = match self.heap.body(f) {
            Body::Record(r) => (r.data >> 24) as usize,
            _ => 0,
        };
        self.heap.set_record_data(f, frame_state(code_index, line));
        if let Some(depth) = self.frames.len().checked_sub(1) {
            let back = self.frame_object(depth);
            self.heap.set_field(f, FRAME_BACK, Some(back));
        }
        let owned = [(FRAME_NAMESPACE, namespace), (FRAME_FUNCTION, function)]
            .into_iter()
            .chain(
                locals
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| (FRAME_FAST + i, v)),
            );
        for (index, value) in owned {
            if let Some(v) = value {
                self.heap.set_field(f, index, Some(v));
                self.heap.decref(v, Cause::Other);
            }
        }
        self.release(f);
    }

    /// The exception's `__traceback__` (a new reference; `None` before it was raised).
    pub(crate) fn traceback_of(&mut self, exc: ObjId) -> ObjId {
        let tb = self.exc_field(exc, EXC_TB).unwrap_or(self.none);
        self.newref(tb)
    }

    /// The attributes of `traceback`, `frame` and `code` objects.
    pub(crate) fn frame_attr(&mut self, obj: ObjId, name: &str) -> PyResult<Option<ObjId>> {
        let (kind, tag) = (self.heap.kind(obj), self.tag_of(obj));
        let field = |vm: &Vm, i: usize| match vm.heap.body(obj) {
            Body::Record(r) => r.refs.get(i).copied().flatten(),
            _ => None,
        };
        let state = match self.heap.body(obj) {
            Body::Record(r) if kind == Kind::Frame => r.data,
            Body::Record(r) => Tag::state(r.data),
            _ => 0,
        };
        let found = match (kind, tag, name) {
            (Kind::Other, Tag::Traceback, "tb_next") => field(self, TB_NEXT),
            (Kind::Other, Tag::Traceback, "tb_frame") => field(self, TB_FRAME),
            (Kind::Other, Tag::Traceback, "tb_lineno") => {
                return Ok(Some(self.new_int(state as i64)));
            }
            (Kind::Other, Tag::Traceback, "tb_lasti") => return Ok(Some(self.new_int(0))),
            (Kind::Frame, _, "f_back") => self.frame_back(obj),
            (Kind::Frame, _, "f_code") => {
                let index = (state >> 24) as usize;
                Some(self.codes[index].obj)
            }
            (Kind::Frame, _, "f_lineno") => {
                let line = match self.running_frame(obj) {
                    Some(depth) => self.frames[depth].line(),
                    None => (state & 0xff_ffff) as u32,
                };
                return Ok(Some(self.new_int(i64::from(line))));
            }
            (Kind::Frame, _, "f_locals") => return self.frame_locals(obj).map(Some),
            (Kind::Frame, _, "f_globals") => match self.running_frame(obj) {
                Some(depth) => Some(self.frames[depth].globals),
                None => match field(self, FRAME_FUNCTION) {
                    Some(func) => match self.heap.body(func) {
                        Body::Record(r) => r.refs[FUNC_GLOBALS],
                        _ => None,
                    },
                    None => field(self, FRAME_NAMESPACE),
                },
            },
            (Kind::Code, _, "co_name" | "co_qualname") => {
                let code = self.code_of(state);
                let text = if name == "co_name" {
                    code.name.clone()
                } else {
                    code.qualname.clone()
                };
                return Ok(Some(self.new_str(&text)));
            }
            (Kind::Code, _, "co_firstlineno") => {
                let line = self.code_of(state).first_line;
                return Ok(Some(self.new_int(i64::from(line))));
            }
            (Kind::Code, _, "co_varnames") => {
                let names = self.code_of(state).varnames.clone();
                let items = names.iter().map(|n| self.new_str(n)).collect();
                return Ok(Some(self.new_tuple(items)));
            }
            _ => return Ok(None),
        };
        Ok(Some(self.newref(found.unwrap_or(self.none))))
    }

    /// The code object loaded with index `state`.
    fn code_of(&self, state: u64) -> std::rc::Rc<crate::compile::CodeObject> {
        self.codes[state as usize].code.clone()
    }

    /// Where in [`Vm::frames`] the frame of frame object `f` runs, if it still does.
    fn running_frame(&self, f: ObjId) -> Option<usize> {
        self.frames.iter().rposition(|fr| fr.frame_obj == Some(f))
    }

    /// `f_back`: the caller's frame object (made now if the caller still runs).
    fn frame_back(&mut self, f: ObjId) -> Option<ObjId> {
        match self.running_frame(f) {
            Some(0) => None,
            Some(depth) => Some(self.frame_object(depth - 1)),
            None => match self.heap.body(f) {
                Body::Record(r) => r.refs[FRAME_BACK],
                _ => None,
            },
        }
    }

    /// `f_locals`: a module or class body's namespace, or a new dict of a function's
    /// locals.
    fn frame_locals(&mut self, f: ObjId) -> PyResult<ObjId> {
        let (code_index, namespace, locals) = match self.running_frame(f) {
            Some(depth) => {
                let frame = &self.frames[depth];
                (frame.code_index, frame.namespace, frame.locals.clone())
            }
            None => match self.heap.body(f) {
                Body::Record(r) => (
                    (r.data >> 24) as usize,
                    r.refs[FRAME_NAMESPACE],
                    r.refs[FRAME_FAST..].to_vec(),
                ),
                _ => (0, None, Vec::new()),
            },
        };
        if let Some(namespace) = namespace {
            return Ok(self.newref(namespace));
        }
        let names = self.codes[code_index].code.varnames.clone();
        let dict = self.new_dict();
        for (name, value) in names.iter().zip(locals) {
            if let Some(value) = value {
                let key = self.new_str(name);
                self.dict_set_str(dict, key, value);
                self.release(key);
            }
        }
        Ok(dict)
    }
}
