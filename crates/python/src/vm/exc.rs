//! Exceptions: raising built-in ones with CPython's messages, and printing tracebacks.

use std::rc::Rc;

use weaklink_heap::{Body, Instance, Kind, ObjId, Record};

use super::{PyResult, Vm};

/// Why Python code stopped running without finishing normally.
#[derive(Debug, PartialEq, Eq)]
pub enum Raised {
    /// An exception is propagating; the VM owns this reference to it.
    Exception(ObjId),
    /// The program was stopped and cannot be resumed.
    Halt(Halt),
}

/// A reason to stop a program that Python code cannot catch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Halt {
    /// The step budget ran out (most likely an infinite loop).
    StepBudget(u64),
}

impl Halt {
    /// The message shown to the learner.
    pub fn message(&self) -> String {
        match self {
            Halt::StepBudget(steps) => format!(
                "weaklink stopped the program after {steps} steps: it may be stuck in an \
                 infinite loop"
            ),
        }
    }
}

/// One line of a traceback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TbEntry {
    /// The function (or `<module>`).
    pub name: Rc<str>,
    /// The line being executed.
    pub line: u32,
    /// Where in the source the instruction being executed comes from.
    pub position: crate::compile::bytecode::Position,
    /// The source file (an index into `Vm::sources`), if known.
    pub file: Option<usize>,
}

/// Field positions in the record an exception instance extends (1 is the traceback).
pub(crate) const EXC_ARGS: usize = 0;
pub(crate) const EXC_CONTEXT: usize = 2;
pub(crate) const EXC_CAUSE: usize = 3;
/// The `__traceback__` object, once made.
pub(crate) const EXC_TB: usize = 1;

impl Vm {
    /// A new exception instance of `class` with these arguments (references handed over).
    pub(crate) fn new_exception(&mut self, class: ObjId, args: Vec<ObjId>) -> ObjId {
        let args = self.new_tuple(args);
        let base = Body::Record(Record::new(Kind::Other, vec![Some(args), None, None, None]));
        let exc = self.heap.alloc_owning(Body::Instance(Instance {
            base: Some(Box::new(base)),
            ..Instance::of(class)
        }));
        self.heap.incref(class, weaklink_heap::Cause::StoredIn(exc));
        self.settle();
        exc
    }

    /// `__suppress_context__`: set by `raise ... from ...`, it hides `__context__` in
    /// tracebacks.
    pub(crate) fn suppresses_context(&self, exc: ObjId) -> bool {
        match self.heap.body(exc) {
            Body::Instance(inst) => {
                matches!(inst.base.as_deref(), Some(Body::Record(r)) if r.data & 1 != 0)
            }
            _ => false,
        }
    }

    /// Sets `__suppress_context__`.
    pub(crate) fn set_suppress_context(&mut self, exc: ObjId, suppress: bool) {
        if matches!(self.heap.body(exc), Body::Instance(i) if matches!(i.base.as_deref(), Some(Body::Record(_))))
        {
            self.heap.set_record_data(exc, u64::from(suppress));
        }
    }

    /// An exception of the named built-in class with a message.
    pub(crate) fn exception(&mut self, class_name: &str, message: &str) -> Raised {
        let class = self.builtin_type(class_name);
        let args = if message.is_empty() && class_name == "StopIteration" {
            Vec::new()
        } else {
            vec![self.new_str(message)]
        };
        Raised::Exception(self.new_exception(class, args))
    }

    /// Raises the named built-in exception with a message.
    pub(crate) fn raise<T>(&mut self, class_name: &str, message: impl AsRef<str>) -> PyResult<T> {
        Err(self.exception(class_name, message.as_ref()))
    }

    /// Raises the Python exception a text or arithmetic rule reported.
    pub(crate) fn text_result<T>(&mut self, result: crate::text::TextResult<T>) -> PyResult<T> {
        result.or_else(|e| self.raise(e.kind.name(), &e.message))
    }

    /// Raises `TypeError`.
    pub(crate) fn type_error<T>(&mut self, message: impl AsRef<str>) -> PyResult<T> {
        self.raise("TypeError", message)
    }

    /// Raises `ValueError`.
    pub(crate) fn value_error<T>(&mut self, message: impl AsRef<str>) -> PyResult<T> {
        self.raise("ValueError", message)
    }

    /// Whether `obj` is an exception instance (its class derives from `BaseException`).
    pub(crate) fn is_exception(&self, obj: ObjId) -> bool {
        self.isinstance(obj, self.builtin_type("BaseException"))
    }

    /// Whether `obj` is an exception class.
    pub(crate) fn is_exception_class(&self, obj: ObjId) -> bool {
        self.is_class(obj) && self.is_subclass(obj, self.builtin_type("BaseException"))
    }

    /// A field of an exception instance (borrowed), if set.
    pub(crate) fn exc_field(&self, exc: ObjId, index: usize) -> Option<ObjId> {
        match self.heap.body(exc) {
            Body::Instance(inst) => match inst.base.as_deref() {
                Some(Body::Record(r)) => r.refs.get(index).copied().flatten(),
                _ => None,
            },
            _ => None,
        }
    }

    /// The `args` tuple of an exception (borrowed).
    pub(crate) fn exc_args(&self, exc: ObjId) -> ObjId {
        self.exc_field(exc, EXC_ARGS).unwrap_or(self.empty_tuple)
    }

    /// Makes an exception instance from what `raise` was given: an instance, or a class to
    /// call with no arguments.
    pub(crate) fn exception_from(&mut self, value: ObjId) -> PyResult<ObjId> {
        if self.is_exception_class(value) {
            let exc = self.call(value, &[])?;
            if !self.is_exception(exc) {
                let name = self.type_name(exc);
                self.release(exc);
                return self.type_error(format!(
                    "calling {} should have returned an instance of BaseException, not {name}",
                    self.class_info(value).name
                ));
            }
            return Ok(exc);
        }
        if self.is_exception(value) {
            return Ok(self.newref(value));
        }
        self.type_error("exceptions must derive from BaseException")
    }

    /// Records that an exception passed through the current line of the innermost frame.
    pub(crate) fn add_traceback(&mut self, exc: ObjId) {
        let Some(frame) = self.frames.last() else {
            return;
        };
        let position = frame.position();
        let line = position.line;
        let entry = TbEntry {
            name: frame.code.name.clone(),
            line,
            position,
            file: self.module_sources.get(&frame.globals).copied(),
        };
        self.tracebacks.entry(exc).or_default().push(entry);
        self.push_traceback_object(exc, line);
        // Entries of exceptions that have died are dropped now and then, so a loop that
        // raises and catches does not grow the table.
        let len = self.tracebacks.len();
        if len >= 64 && len.is_power_of_two() {
            let heap = &self.heap;
            self.tracebacks.retain(|exc, _| heap.is_alive(*exc));
        }
    }

    /// `str(exc)`: the message.
    pub(crate) fn exception_message(&mut self, exc: ObjId) -> PyResult<String> {
        let args = self.exc_args(exc);
        let items = self.tuple_items(args);
        let key_error = self.isinstance(exc, self.builtin_type("KeyError"));
        match items.as_slice() {
            [] => Ok(String::new()),
            [one] if key_error => self.repr_string(*one),
            [one] => self.str_string(*one),
            _ => self.repr_string(args),
        }
    }

    /// Prints `Traceback (most recent call last): ...` for an uncaught exception on stderr,
    /// as CPython does (chained exceptions first).
    pub(crate) fn print_traceback(&mut self, exc: ObjId) {
        let mut text = String::new();
        self.format_exception_chain(exc, &mut text, 0);
        self.stderr.push_str(&text);
    }

    fn format_exception_chain(&mut self, exc: ObjId, out: &mut String, depth: usize) {
        if depth < 20 {
            if let Some(cause) = self.exc_field(exc, EXC_CAUSE) {
                self.format_exception_chain(cause, out, depth + 1);
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            } else if let Some(context) = self
                .exc_field(exc, EXC_CONTEXT)
                .filter(|_| !self.suppresses_context(exc))
            {
                self.format_exception_chain(context, out, depth + 1);
                out.push_str(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
            }
        }
        let entries = self.tracebacks.get(&exc).cloned().unwrap_or_default();
        if !entries.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            self.write_traceback_entries(&entries, out);
        }
        out.push_str(&self.exception_line(exc));
        out.push('\n');
    }

    /// The entries of a traceback, outermost first (`entries` is innermost first), as
    /// CPython's `tb_printinternal` writes them: at most the last 1,000, and a run of more
    /// than three identical entries (a runaway recursion) shortened to three and
    /// `[Previous line repeated N more times]`.
    fn write_traceback_entries(&self, entries: &[TbEntry], out: &mut String) {
        const REPEATS_SHOWN: usize = 3;
        let mut last: Option<(Option<usize>, u32, &str)> = None;
        let mut repeats = 0;
        let repeated = |out: &mut String, repeats: usize| {
            if repeats > REPEATS_SHOWN {
                let more = repeats - REPEATS_SHOWN;
                let times = if more > 1 { "times" } else { "time" };
                out.push_str(&format!("  [Previous line repeated {more} more {times}]\n"));
            }
        };
        for entry in entries.iter().take(1000).rev() {
            let key = (entry.file, entry.line, &*entry.name);
            if last != Some(key) {
                repeated(out, repeats);
                last = Some(key);
                repeats = 0;
            }
            repeats += 1;
            if repeats > REPEATS_SHOWN {
                continue;
            }
            let source = entry.file.and_then(|i| self.sources.get(i));
            let file = source.map_or("<unknown>", |s| &*s.name);
            out.push_str(&format!(
                "  File \"{file}\", line {}, in {}\n",
                entry.line, entry.name
            ));
            let lines = source.map_or(&[][..], |s| &s.lines[..]);
            if let Some(raw) = lines.get((entry.line as usize).wrapping_sub(1)) {
                let line = raw.trim_start_matches([' ', '\t', '\x0c']);
                if !line.trim().is_empty() {
                    out.push_str(&format!("    {line}\n"));
                    if let Some(carets) = super::carets::caret_line(raw, entry.position) {
                        out.push_str(&carets);
                        out.push('\n');
                    }
                }
            }
        }
        repeated(out, repeats);
    }

    /// `ValueError: message`, as the last line of a traceback.
    pub(crate) fn exception_line(&mut self, exc: ObjId) -> String {
        let class = self.type_of(exc);
        let info = self.class_info(class);
        let name = if info.user && &*info.module != "builtins" {
            format!("{}.{}", info.module, info.qualname)
        } else {
            info.name.to_string()
        };
        match self.exception_message(exc) {
            Ok(message) if message.is_empty() => name,
            Ok(message) => format!("{name}: {message}"),
            Err(raised) => {
                self.discard(raised);
                format!("{name}: <exception str() failed>")
            }
        }
    }

    /// Drops an exception nobody will handle (its reference is released).
    pub(crate) fn discard(&mut self, raised: Raised) {
        if let Raised::Exception(exc) = raised {
            self.release(exc);
        }
    }

    /// CPython's "Exception ignored in: ..." report, for an exception raised by `__del__`, a
    /// weak reference callback or a `gc.callbacks` function.
    pub(crate) fn report_ignored(&mut self, raised: Raised, context: &str) -> PyResult<()> {
        match raised {
            Raised::Exception(exc) => {
                self.stderr
                    .push_str(&format!("Exception ignored in: {context}\n"));
                let mut text = String::new();
                self.format_exception_chain(exc, &mut text, 0);
                self.stderr.push_str(&text);
                self.release(exc);
                Ok(())
            }
            halt => Err(halt),
        }
    }
}
