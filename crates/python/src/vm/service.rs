//! Servicing the heap: running `__del__`, weak reference callbacks and `gc.callbacks` when
//! the heap asks for them, at the moment CPython would.

use weaklink_heap::{Action, Cause, GcCallbackPhase, ObjId};

use super::{PyResult, Raised, Vm};

impl Vm {
    /// Drops a reference and carries out whatever that death requires, Python code
    /// included, before returning (as CPython's `Py_DECREF` does).
    #[inline]
    pub(crate) fn release(&mut self, obj: ObjId) {
        self.heap.decref_and_start(obj, Cause::Other);
        self.settle();
    }

    /// Drops a reference taken off the value stack (the cause the trace shows).
    pub(crate) fn release_popped(&mut self, obj: ObjId) {
        self.heap.decref_and_start(obj, Cause::StackPop);
        self.settle();
    }

    /// Drops several references, in order.
    pub(crate) fn release_all(&mut self, objs: impl IntoIterator<Item = ObjId>) {
        for obj in objs {
            self.release(obj);
        }
    }

    /// Runs the heap's queued work to the end, servicing every action. A halt (the step
    /// budget) inside `__del__` or a callback is remembered and reported by the eval loop.
    #[inline]
    pub(crate) fn settle(&mut self) {
        if self.heap.has_work() {
            self.settle_work();
        }
    }

    /// [`Vm::settle`] when there is work.
    #[inline(never)]
    fn settle_work(&mut self) {
        while let Some(action) = self.heap.run() {
            if let Err(Raised::Halt(halt)) = self.service(action) {
                self.halted.get_or_insert(halt);
            }
            self.heap.finish_action();
        }
    }

    fn service(&mut self, action: Action) -> PyResult<()> {
        if self.halted.is_some() {
            return Ok(());
        }
        match action {
            Action::Finalize { obj } if self.heap.kind(obj) == weaklink_heap::Kind::Generator => {
                if let Err(raised) = self.generator_close(obj) {
                    let context = self.describe_callable(obj);
                    self.report_ignored(raised, &context)?;
                }
            }
            Action::Finalize { obj } => {
                let class = self.type_of(obj);
                let del = self.special.del;
                let Some(method) = self.lookup_in_class(class, del) else {
                    return Ok(());
                };
                if let Err(raised) = self.call(method, &[obj]).map(|r| self.release(r)) {
                    let context = self.describe_callable(method);
                    self.report_ignored(raised, &context)?;
                }
            }
            Action::Callback { weakref, callback } => {
                if let Err(raised) = self.call(callback, &[weakref]).map(|r| self.release(r)) {
                    let context = self.describe_callable(callback);
                    self.report_ignored(raised, &context)?;
                }
            }
            Action::GcCallbacks {
                phase,
                generation,
                collected,
                uncollectable,
            } => {
                // The collection at interpreter shutdown runs no callbacks, as CPython's.
                let Some(callbacks) =
                    crate::modules::gc::callbacks_list(self).filter(|_| !self.shutting_down)
                else {
                    return Ok(());
                };
                if self.heap.list_items(callbacks).is_empty() {
                    return Ok(());
                }
                // As CPython's `invoke_gc_callback`: one info dict for all the functions; the
                // list is read afresh at each step and each function is held only while it
                // runs.
                let info = self.new_dict();
                for (key, value) in [
                    ("generation", generation as i64),
                    ("collected", collected as i64),
                    ("uncollectable", uncollectable as i64),
                ] {
                    let k = self.new_str(key);
                    let v = self.new_int(value);
                    self.dict_set_str(info, k, v);
                    self.release(k);
                    self.release(v);
                }
                self.temporaries.push(info);
                let mut i = 0;
                while let Some(&func) = self.heap.list_items(callbacks).get(i) {
                    i += 1;
                    let func = self.newref(func);
                    let phase_str = self.new_str(match phase {
                        GcCallbackPhase::Start => "start",
                        GcCallbackPhase::Stop => "stop",
                    });
                    let mark = self.temporaries.len();
                    self.temporaries.extend([func, phase_str]);
                    let result = self.call(func, &[phase_str, info]);
                    self.temporaries.truncate(mark);
                    self.release(phase_str);
                    let reported = match result {
                        Ok(r) => {
                            self.release(r);
                            Ok(())
                        }
                        Err(raised) => {
                            let context = self.describe_callable(func);
                            self.report_ignored(raised, &context)
                        }
                    };
                    self.release(func);
                    if let Err(stop) = reported {
                        self.temporaries.pop();
                        self.release(info);
                        return Err(stop);
                    }
                }
                self.temporaries.pop();
                self.release(info);
            }
        }
        Ok(())
    }

    /// How CPython names a callable in "Exception ignored in: ..." reports.
    pub(crate) fn describe_callable(&mut self, func: ObjId) -> String {
        match self.repr_string(func) {
            Ok(text) => text,
            Err(raised) => {
                self.discard(raised);
                "<object>".into()
            }
        }
    }

    /// Runs the functions registered with `atexit` (newest first), as the interpreter
    /// does when the program ends.
    pub(crate) fn run_atexit(&mut self) {
        while let Some(func) = self.atexit.pop() {
            match self.call(func, &[]) {
                Ok(r) => self.release(r),
                Err(raised) => {
                    let context = self.describe_callable(func);
                    if self.report_ignored(raised, &context).is_err() {
                        break;
                    }
                }
            }
            self.release(func);
        }
    }
}
