//! Iteration: built-in iterators, the `__iter__`/`__next__` protocol, and generators.

use weaklink_heap::{Body, Cause, Kind, ObjId, Record};

use super::eval::Flow;
use super::frame::Suspended;
use super::proxy::through_proxy;
use super::types::Tag;
use super::{PyResult, Raised, Vm};

impl Vm {
    /// A new iterator record over `target` (held by the iterator).
    pub(crate) fn new_iterator(&mut self, tag: Tag, target: ObjId, state: u64) -> ObjId {
        let record = Record {
            kind: Kind::Iterator,
            refs: vec![Some(target)],
            data: tag.data(state),
            has_finalizer: false,
        };
        let it = self.heap.alloc(Body::Record(record));
        self.settle();
        it
    }

    /// `iter(range)`. CPython's range iterator copies the range's numbers and keeps no
    /// reference to the range; here it holds a private copy of the range. Neither has a GC
    /// header.
    fn new_range_iterator(&mut self, range: ObjId) -> ObjId {
        let refs = match self.heap.body(range) {
            Body::Record(r) => r.refs.clone(),
            _ => Vec::new(),
        };
        for r in refs.iter().flatten() {
            self.heap.incref(*r, Cause::Other);
        }
        let record = self.tagged_record(Kind::Other, Tag::Range, 0, refs);
        let copy = self.heap.alloc_owning_not_gc(Body::Record(record));
        let state = self.size_state(copy);
        let record = Record {
            kind: Kind::Iterator,
            refs: vec![Some(copy)],
            data: Tag::RangeIter.data(state),
            has_finalizer: false,
        };
        let it = self.heap.alloc_owning_not_gc(Body::Record(record));
        self.settle();
        it
    }

    /// `iter(obj)`.
    pub(crate) fn get_iter(&mut self, obj: ObjId) -> PyResult<ObjId> {
        through_proxy!(self, obj, self.get_iter(obj));
        let tag = match self.heap.body(obj) {
            Body::List(_) => Some(Tag::ListIter),
            Body::Tuple(_) => Some(Tag::TupleIter),
            Body::Str(_) => Some(Tag::StrIter),
            Body::Dict(_) => Some(Tag::DictKeyIter),
            Body::Set(_) => Some(Tag::SetIter),
            Body::Record(r) if r.kind == Kind::Iterator => return Ok(self.newref(obj)),
            Body::Record(r) if r.kind == Kind::Generator => return Ok(self.newref(obj)),
            Body::Record(r) if r.kind == Kind::File => return self.file_iter(obj),
            Body::Record(r) if r.kind == Kind::Other => match Tag::of(r.data) {
                Tag::Range => return Ok(self.new_range_iterator(obj)),
                Tag::DictKeys => {
                    let d = r.refs[0].expect("view dict");
                    return Ok(self.new_iterator(Tag::DictKeyIter, d, self.size_state(d)));
                }
                Tag::DictValues => {
                    let d = r.refs[0].expect("view dict");
                    return Ok(self.new_iterator(Tag::DictValueIter, d, self.size_state(d)));
                }
                Tag::DictItems => {
                    let d = r.refs[0].expect("view dict");
                    return Ok(self.new_iterator(Tag::DictItemIter, d, self.size_state(d)));
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(tag) = tag {
            return Ok(self.new_iterator(tag, obj, self.size_state(obj)));
        }
        if let Some(r) = self.call_special(obj, "__iter__", &[]) {
            let it = r?;
            let class = self.type_of(it);
            let next = self.special.next;
            if self.lookup_in_class(class, next).is_none() && !self.is_builtin_iterator(it) {
                let t = self.type_name(it);
                self.release(it);
                return self.type_error(format!("iter() returned non-iterator of type '{t}'"));
            }
            return Ok(it);
        }
        let getitem = self.special.getitem;
        let class = self.type_of(obj);
        if self.lookup_user(class, getitem).is_some() {
            return Ok(self.new_iterator(Tag::SeqIter, obj, 0));
        }
        match self.base_kind(obj) {
            Kind::List => return Ok(self.new_iterator(Tag::ListIter, obj, 0)),
            Kind::Tuple => return Ok(self.new_iterator(Tag::TupleIter, obj, 0)),
            Kind::Dict => return Ok(self.new_iterator(Tag::DictKeyIter, obj, 0)),
            Kind::Str => return Ok(self.new_iterator(Tag::StrIter, obj, 0)),
            Kind::Set => return Ok(self.new_iterator(Tag::SetIter, obj, 0)),
            _ => {}
        }
        let t = self.type_name(obj);
        self.type_error(format!("'{t}' object is not iterable"))
    }

    fn is_builtin_iterator(&self, obj: ObjId) -> bool {
        matches!(self.heap.body(obj), Body::Record(r) if matches!(r.kind, Kind::Iterator | Kind::Generator))
    }

    /// The next item of an iterator (a new reference), or `None` when it is exhausted.
    pub(crate) fn next_of(&mut self, it: ObjId) -> PyResult<Option<ObjId>> {
        let (kind, tag, state, target) = match self.heap.body(it) {
            Body::Record(r) => (
                r.kind,
                Tag::of(r.data),
                Tag::state(r.data),
                r.refs.first().copied().flatten(),
            ),
            _ => (self.heap.kind(it), Tag::Plain, 0, None),
        };
        if kind == Kind::File {
            return self.file_next(it);
        }
        if kind == Kind::Generator {
            let none = self.none;
            return self.resume_generator(it, none);
        }
        if kind == Kind::Iterator {
            let Some(target) = target else {
                return Ok(None);
            };
            let index = state as usize;
            let item = match tag {
                Tag::ListIter | Tag::TupleIter => {
                    let item = self
                        .sequence_slice(target)
                        .and_then(|items| items.get(index).copied());
                    item.map(|v| self.newref(v))
                }
                Tag::StrIter => {
                    let ch = self.as_str(target).and_then(|s| s.chars().nth(index));
                    ch.map(|c| self.new_str(c.encode_utf8(&mut [0; 4])))
                }
                Tag::RangeIter => self.range_item(target, index),
                Tag::DictKeyIter | Tag::DictValueIter | Tag::DictItemIter | Tag::SetIter => {
                    return self.sized_next(it, tag, state, target);
                }
                Tag::SeqIter => {
                    let i = self.new_int(index as i64);
                    let getitem = self.special.getitem;
                    let class = self.type_of(target);
                    let method = self.lookup_in_class(class, getitem);
                    let result = match method {
                        Some(m) => self.call_descriptor(m, target, &[i]),
                        None => self.getitem(target, i),
                    };
                    self.release(i);
                    match result {
                        Ok(v) => Some(v),
                        Err(Raised::Exception(e))
                            if self.isinstance(e, self.builtin_type("IndexError"))
                                || self.isinstance(e, self.builtin_type("StopIteration")) =>
                        {
                            self.release(e);
                            None
                        }
                        Err(e) => return Err(e),
                    }
                }
                Tag::Enumerate
                | Tag::Zip
                | Tag::Map
                | Tag::Filter
                | Tag::Reversed
                | Tag::ListRevIter => return self.wrapping_iterator_next(it, tag),
                _ => return self.native_next(it, tag),
            };
            match item {
                Some(v) => {
                    self.set_iterator_state(it, tag, state + 1);
                    return Ok(Some(v));
                }
                None => {
                    // Exhausted: CPython drops the reference to the sequence.
                    self.heap.set_field(it, 0, None);
                    self.settle();
                    return Ok(None);
                }
            }
        }
        match self.call_special(it, "__next__", &[]) {
            Some(Ok(v)) => Ok(Some(v)),
            Some(Err(Raised::Exception(e)))
                if self.isinstance(e, self.builtin_type("StopIteration")) =>
            {
                self.release(e);
                Ok(None)
            }
            Some(Err(e)) => Err(e),
            None => {
                let t = self.type_name(it);
                self.type_error(format!("'{t}' object is not an iterator"))
            }
        }
    }

    /// Stores an iterator's position.
    pub(crate) fn set_iterator_state(&mut self, it: ObjId, tag: Tag, state: u64) {
        self.heap.set_record_data(it, tag.data(state));
    }

    // ----- generators -----

    /// `RETURN_GENERATOR`: the frame becomes a suspended generator, returned to the caller.
    pub(crate) fn return_generator(&mut self) -> PyResult<Flow> {
        let mut frame = self.frames.pop().expect("a generator frame");
        let entry = frame.entry;
        frame.entry = false;
        let mut refs: Vec<Option<ObjId>> = vec![frame.function.take()];
        let nlocals = frame.locals.len();
        refs.append(&mut frame.locals);
        let stack_len = frame.stack.len();
        refs.append(&mut frame.stack);
        let generator = self.heap.alloc_owning(Body::Record(Record {
            kind: Kind::Generator,
            refs,
            data: 0,
            // A generator is closed when it dies (CPython's `_PyGen_Finalize`).
            has_finalizer: true,
        }));
        self.settle();
        frame.generator = Some(generator);
        self.generators.insert(
            generator,
            Suspended {
                frame,
                nlocals,
                stack_len,
                started: false,
                finished: false,
            },
        );
        // The eval loop pops this stand-in and returns or pushes the generator.
        let stand_in = super::frame::Frame::empty_like(&self.generators[&generator].frame, entry);
        self.frames.push(stand_in);
        Ok(Flow::Return(generator))
    }

    /// Runs a generator until it yields (`Some(value)`) or finishes (`None`).
    pub(crate) fn resume_generator(
        &mut self,
        generator: ObjId,
        sent: ObjId,
    ) -> PyResult<Option<ObjId>> {
        self.resume_generator_with(generator, sent, None)
    }

    /// Resumes a generator, sending `sent` in, or raising `throw` (an owned exception) at
    /// the point where it is suspended.
    pub(crate) fn resume_generator_with(
        &mut self,
        generator: ObjId,
        sent: ObjId,
        throw: Option<ObjId>,
    ) -> PyResult<Option<ObjId>> {
        let Some(mut suspended) = self.generators.remove(&generator) else {
            return match throw {
                Some(exc) => Err(Raised::Exception(exc)),
                None => Ok(None),
            };
        };
        if suspended.finished {
            self.generators.insert(generator, suspended);
            return match throw {
                Some(exc) => Err(Raised::Exception(exc)),
                None => Ok(None),
            };
        }
        let refs = match self.heap.body(generator) {
            Body::Record(r) => r.refs.clone(),
            _ => Vec::new(),
        };
        let stand_in = super::frame::Frame::empty_like(&suspended.frame, false);
        let mut frame = std::mem::replace(&mut suspended.frame, stand_in);
        for (i, r) in refs.iter().enumerate() {
            if let Some(v) = r {
                self.heap.incref(*v, Cause::Other);
            }
            if r.is_some() {
                self.heap.set_field(generator, i, None);
            }
        }
        frame.function = refs[0];
        frame.locals = refs[1..=suspended.nlocals].to_vec();
        let stack_end = (suspended.nlocals + 1 + suspended.stack_len).min(refs.len());
        frame.stack = refs[suspended.nlocals + 1..stack_end].to_vec();
        if suspended.started && throw.is_none() {
            let v = self.newref(sent);
            frame.stack.push(Some(v));
        }
        self.pending_throw = throw;
        suspended.started = true;
        frame.entry = true;
        self.generators.insert(generator, suspended);
        self.settle();
        self.push_frame(frame)?;
        let result = self.eval();
        let finished = self.generators.get(&generator).is_none_or(|s| s.finished);
        match result {
            Ok(v) if finished => {
                self.release(v);
                Ok(None)
            }
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                if let Some(s) = self.generators.get_mut(&generator) {
                    s.finished = true;
                }
                Err(e)
            }
        }
    }

    /// `YIELD_VALUE`: suspends the innermost (generator) frame.
    pub(crate) fn generator_yield(&mut self, value: ObjId) -> PyResult<Flow> {
        let mut frame = self.frames.pop().expect("a generator frame");
        let generator = frame.generator.expect("a generator frame");
        let function = frame.function.take();
        let locals: Vec<Option<ObjId>> = frame.locals.drain(..).collect();
        let stack: Vec<Option<ObjId>> = frame.stack.drain(..).collect();
        let stack_len = stack.len();
        for (index, r) in std::iter::once(function)
            .chain(locals)
            .chain(stack)
            .enumerate()
        {
            if let Some(v) = r {
                self.heap.set_field(generator, index, Some(v));
                self.heap.decref(v, Cause::Other);
            } else {
                self.heap.set_field(generator, index, None);
            }
        }
        self.settle();
        // The resumer's eval loop pops this stand-in and returns the yielded value.
        let stand_in = super::frame::Frame::empty_like(&frame, true);
        frame.entry = false;
        if let Some(s) = self.generators.get_mut(&generator) {
            s.frame = frame;
            s.stack_len = stack_len;
        }
        self.frames.push(stand_in);
        Ok(Flow::Return(value))
    }

    /// A generator's `return`: it is finished.
    pub(crate) fn generator_return(&mut self, value: ObjId) -> PyResult<Flow> {
        let generator = self.frame().generator.expect("a generator frame");
        if let Some(s) = self.generators.get_mut(&generator) {
            s.finished = true;
        }
        Ok(Flow::Return(value))
    }
}
