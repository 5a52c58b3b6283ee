//! Closing generators: `gen.close()`, and the close CPython runs when a suspended generator
//! dies, so its `finally` blocks and `with` exits run then.

use weaklink_heap::{Name, ObjId};

use super::{PyResult, Raised, Vm};

impl Vm {
    /// `generator.close()`: raises `GeneratorExit` where the generator is suspended. A
    /// generator that yields instead is an error; one not started or finished just ends.
    pub(crate) fn generator_close(&mut self, generator: ObjId) -> PyResult<()> {
        let Some(suspended) = self.generators.get_mut(&generator) else {
            return Ok(());
        };
        if suspended.finished {
            return Ok(());
        }
        if !suspended.started {
            suspended.finished = true;
            self.clear_generator(generator);
            return Ok(());
        }
        let class = self.builtin_type("GeneratorExit");
        let exc = self.new_exception(class, Vec::new());
        let none = self.none;
        match self.resume_generator_with(generator, none, Some(exc)) {
            Ok(Some(value)) => {
                self.release(value);
                self.raise("RuntimeError", "generator ignored GeneratorExit")
            }
            Ok(None) => Ok(()),
            Err(Raised::Exception(e)) => {
                let exit = self.builtin_type("GeneratorExit");
                let stop = self.builtin_type("StopIteration");
                if self.isinstance(e, exit) || self.isinstance(e, stop) {
                    self.release(e);
                    Ok(())
                } else {
                    Err(Raised::Exception(e))
                }
            }
            Err(halt) => Err(halt),
        }
    }

    /// Drops the references a generator that will never run again holds.
    fn clear_generator(&mut self, generator: ObjId) {
        let count = match self.heap.body(generator) {
            weaklink_heap::Body::Record(r) => r.refs.len(),
            _ => 0,
        };
        for i in 0..count {
            self.heap.set_field(generator, i, None);
        }
        self.settle();
    }
}

/// `generator.close()`.
fn close(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    vm.generator_close(args[0])?;
    Ok(vm.new_none())
}

/// Registers the methods of generators.
pub(crate) fn install(vm: &mut Vm) {
    vm.define_method("generator", "close", close);
}
