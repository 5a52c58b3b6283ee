//! Iterators over dicts (keys, values, items) and sets that notice a change of size, as
//! CPython's do: `RuntimeError: dictionary changed size during iteration`.

use weaklink_heap::{Body, ObjId, SetEntry};

use super::super::types::Tag;
use super::super::{PyResult, Vm};

/// Bits of an iterator's state word holding its position; the bits above hold the size of
/// the dict or set when the iterator was made, plus one (zero: not recorded).
const POSITION_BITS: u32 = 24;
const POSITION_MASK: u64 = (1 << POSITION_BITS) - 1;
/// The recorded size after a change was reported: every later step fails too, as in CPython.
const SIZE_CHANGED: u64 = (1 << POSITION_BITS) - 1;

impl Vm {
    /// The number of entries of a dict or set; `None` for other objects.
    fn entry_count(&self, target: ObjId) -> Option<usize> {
        match self.set_entries(target) {
            Some(entries) => Some(entries.len()),
            None => self.heap.dict(target).map(|d| d.len()),
        }
    }

    /// The elements of a set (or set subclass instance).
    fn set_entries(&self, target: ObjId) -> Option<&[SetEntry]> {
        match self.heap.body(target) {
            Body::Set(s) => Some(&s.entries),
            Body::Instance(inst) => match inst.base.as_deref() {
                Some(Body::Set(s)) => Some(&s.entries),
                _ => None,
            },
            _ => None,
        }
    }

    /// The first state word of an iterator over `target`: for a dict or set it records the
    /// size, so that a step after a change of size raises `RuntimeError`; zero for others.
    pub(crate) fn size_state(&self, target: ObjId) -> u64 {
        match self.entry_count(target) {
            Some(n) => (n as u64 + 1) << POSITION_BITS,
            None => 0,
        }
    }

    /// One step of an iterator over a dict (keys, values or items) or a set whose state
    /// began as [`Vm::size_state`]: the next item (a new reference), `None` at the end, or
    /// CPython's `RuntimeError` if the size changed since the iterator was made.
    pub(crate) fn sized_next(
        &mut self,
        it: ObjId,
        tag: Tag,
        state: u64,
        target: ObjId,
    ) -> PyResult<Option<ObjId>> {
        let index = (state & POSITION_MASK) as usize;
        let recorded = state >> POSITION_BITS;
        let now = self.entry_count(target).unwrap_or(0) as u64 + 1;
        if recorded != 0 && recorded != now {
            self.set_iterator_state(it, tag, SIZE_CHANGED << POSITION_BITS);
            let message = if tag == Tag::SetIter {
                "Set changed size during iteration"
            } else {
                "dictionary changed size during iteration"
            };
            return self.raise("RuntimeError", message);
        }
        let item = match tag {
            Tag::SetIter => self
                .set_entries(target)
                .and_then(|entries| entries.get(index))
                .map(|e| (e.key, e.key)),
            _ => self
                .heap
                .dict(target)
                .and_then(|d| d.iter().nth(index))
                .map(|e| (e.key, e.value)),
        };
        let Some((key, value)) = item else {
            // Exhausted: the iterator lets go of its dict or set, as CPython's does.
            self.heap.set_field(it, 0, None);
            self.settle();
            return Ok(None);
        };
        self.set_iterator_state(it, tag, state + 1);
        Ok(Some(match tag {
            Tag::DictValueIter => self.newref(value),
            Tag::DictItemIter => {
                let pair = vec![self.newref(key), self.newref(value)];
                self.new_tuple(pair)
            }
            _ => self.newref(key),
        }))
    }
}

#[cfg(test)]
mod tests {
    use weaklink_heap::ObjId;

    use crate::vm::types::Tag;
    use crate::vm::{Options, Raised, Vm};

    /// Steps an iterator made with `size_state`: the items, then the error text if any.
    fn steps(vm: &mut Vm, tag: Tag, target: ObjId, grow_after: usize) -> Vec<String> {
        let state = vm.size_state(target);
        let it = vm.new_iterator(tag, target, state);
        let mut seen = Vec::new();
        for step in 0..6 {
            if step == grow_after {
                let key = vm.new_int(100 + step as i64);
                if tag == Tag::SetIter {
                    vm.set_add(target, key).unwrap();
                } else {
                    vm.dict_store(target, key, key).unwrap();
                }
                vm.release(key);
            }
            let state = match vm.heap.body(it) {
                weaklink_heap::Body::Record(r) => Tag::state(r.data),
                _ => unreachable!(),
            };
            match vm.sized_next(it, tag, state, target) {
                Ok(Some(v)) => {
                    seen.push(vm.repr_string(v).unwrap());
                    vm.release(v);
                }
                Ok(None) => break,
                Err(Raised::Exception(e)) => {
                    seen.push(vm.exception_message(e).unwrap());
                    vm.release(e);
                }
                Err(Raised::Halt(_)) => unreachable!(),
            }
        }
        vm.release(it);
        seen
    }

    /// Iterating a dict or set that grows raises at the next step and at every later one.
    #[test]
    fn a_change_of_size_is_reported_and_sticky() {
        let mut vm = Vm::new(Options::default());
        let d = vm.new_dict();
        for i in 1..=2 {
            let k = vm.new_int(i);
            vm.dict_store(d, k, k).unwrap();
            vm.release(k);
        }
        let changed = "dictionary changed size during iteration";
        assert_eq!(steps(&mut vm, Tag::DictKeyIter, d, 9), ["1", "2"]);
        assert_eq!(
            steps(&mut vm, Tag::DictItemIter, d, 9),
            ["(1, 1)", "(2, 2)"]
        );
        assert_eq!(
            steps(&mut vm, Tag::DictValueIter, d, 1),
            ["1", changed, changed, changed, changed, changed]
        );
        let s = vm.new_set(false);
        let k = vm.new_int(7);
        vm.set_add(s, k).unwrap();
        vm.release(k);
        let changed = "Set changed size during iteration";
        assert_eq!(steps(&mut vm, Tag::SetIter, s, 0)[0], changed);
        vm.release(d);
        vm.release(s);
        vm.heap.check(&vm.roots()).unwrap();
    }
}
