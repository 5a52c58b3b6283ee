//! Watching a program run: the interpreter reports lines reached, calls, returns and
//! exceptions of the program's own code to an [`Observer`] (a step recorder for a viewer).
//! Code of the prelude (the weak collections written in Python) is not reported.

use weaklink_heap::ObjId;

use super::Vm;

/// What the interpreter reports as the program runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VmEvent {
    /// A new source line is about to run.
    Line(u32),
    /// A function of the program was called (its frame is the innermost).
    Call(String),
    /// A function of the program returned (its frame is gone).
    Return(String),
    /// An exception was raised (the exception's class name).
    Exception(String),
    /// The program has ended (its `atexit` functions have run) and the interpreter is
    /// about to free what the modules hold.
    Shutdown,
}

/// Receives the interpreter's events, with the interpreter at that moment to inspect.
pub trait Observer {
    /// Called for each event.
    fn event(&mut self, vm: &Vm, event: VmEvent);
}

impl Vm {
    /// Installs an observer (replacing any other).
    pub fn set_observer(&mut self, observer: Box<dyn Observer>) {
        self.observer = Some(observer);
    }

    /// Removes the observer and gives it back.
    pub fn take_observer(&mut self) -> Option<Box<dyn Observer>> {
        self.observer.take()
    }

    /// Reports an event to the observer, if there is one.
    pub(crate) fn notify(&mut self, event: VmEvent) {
        if let Some(mut observer) = self.observer.take() {
            observer.event(self, event);
            self.observer = Some(observer);
        }
    }

    /// Whether only bytecode is running: no built-in function, and no Python code called
    /// from the interpreter's own Rust code (a special method, `__del__`, a callback). Every
    /// reference the interpreter holds is then in [`Vm::roots`], and the heap's invariants
    /// can be checked.
    pub fn is_quiescent(&self) -> bool {
        self.native_depth == 0 && self.frames.iter().filter(|f| f.entry).count() <= 1
    }

    /// The line the innermost frame is at (0 when nothing runs).
    pub(crate) fn innermost_line(&self) -> u32 {
        self.frames.last().map_or(0, |f| f.line())
    }

    /// The dicts that hold names: the program's globals and the namespace of each running
    /// module or class body (storing in one of them binds a name).
    pub(crate) fn namespace_dicts(&self) -> Vec<ObjId> {
        let mut dicts = vec![self.main_globals];
        for frame in &self.frames {
            dicts.push(frame.globals);
            dicts.extend(frame.namespace);
        }
        dicts
    }

    /// Whether the innermost frame runs the program's own code (not the prelude's).
    pub(crate) fn in_program_code(&self) -> bool {
        self.frames
            .last()
            .is_some_and(|f| f.globals == self.main_globals)
    }

    /// Before an instruction: a `Line` event when the innermost frame reaches a new line.
    pub(crate) fn observe_instruction(&mut self) {
        if !self.in_program_code() {
            return;
        }
        let frame = self.frames.last_mut().expect("a frame");
        let line = frame.code.positions.get(frame.ip).map_or(0, |p| p.line);
        let jumped_back = frame.ip < frame.observed_ip;
        frame.observed_ip = frame.ip;
        if line != 0 && (line != frame.observed_line || jumped_back) {
            frame.observed_line = line;
            self.notify(VmEvent::Line(line));
        }
    }
}
