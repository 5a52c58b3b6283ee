//! `next()` of the iterators `enumerate`, `zip`, `map`, `filter` and `reversed` make, and
//! `reversed()` choosing which iterator a sequence gets.

use weaklink_heap::{Body, Kind, ObjId};

use super::{decode_index, encode_index};
use crate::vm::types::Tag;
use crate::vm::{PyResult, Vm};

impl Vm {
    /// The next item of a built-in iterator wrapping other iterators or a sequence
    /// (`enumerate`, `zip`, `map`, `filter`, `reversed`, `list_reverseiterator`), a new
    /// reference, or `None` when it is exhausted.
    pub(crate) fn wrapping_iterator_next(
        &mut self,
        it: ObjId,
        tag: Tag,
    ) -> PyResult<Option<ObjId>> {
        let (refs, state) = match self.heap.body(it) {
            Body::Record(r) => (r.refs.clone(), Tag::state(r.data)),
            _ => return Ok(None),
        };
        let field = |i: usize| refs.get(i).copied().flatten();
        let Some(first) = field(0) else {
            return Ok(None);
        };
        match tag {
            Tag::Enumerate => {
                let Some(item) = self.next_of(first)? else {
                    return Ok(None);
                };
                let index = decode_index(state);
                self.set_iterator_state(it, tag, encode_index(index + 1));
                let index = self.new_int(index);
                match field(1).and_then(|r| self.recyclable(r)) {
                    Some(result) => {
                        self.heap.tuple_set(result, 0, index);
                        self.heap.tuple_set(result, 1, item);
                        self.release_all([index, item]);
                        Ok(Some(self.retracked(result)))
                    }
                    None => Ok(Some(self.new_tuple(vec![index, item]))),
                }
            }
            Tag::Zip => {
                let recycled = field(1).and_then(|r| self.recyclable(r));
                self.zip_next(first, recycled, state & 1 == 1)
            }
            Tag::Map => {
                let func = field(1).unwrap_or(self.none);
                let Some(items) = self.next_of_each(first)? else {
                    return Ok(None);
                };
                let result = self.call(func, &items);
                self.release_all(items);
                result.map(Some)
            }
            Tag::Filter => {
                let func = field(1).unwrap_or(self.none);
                self.filter_next(first, func)
            }
            Tag::Reversed | Tag::ListRevIter => self.reverse_next(it, tag, first, state),
            _ => {
                let t = tag.type_name();
                self.type_error(format!("'{t}' object is not an iterator"))
            }
        }
    }

    /// One item from each iterator of a tuple, or `None` when one of them is exhausted (the
    /// items already taken are dropped, as CPython drops them).
    fn next_of_each(&mut self, iters: ObjId) -> PyResult<Option<Vec<ObjId>>> {
        let iters = self.tuple_items(iters);
        let mut items = Vec::with_capacity(iters.len());
        for sub in iters {
            match self.next_of(sub) {
                Ok(Some(v)) => items.push(v),
                Ok(None) => {
                    self.release_all(items);
                    return Ok(None);
                }
                Err(e) => {
                    self.release_all(items);
                    return Err(e);
                }
            }
        }
        Ok(Some(items))
    }

    /// `next()` of a `zip`: one item from each iterator, put into `recycled` as each comes
    /// when the result tuple is used again, else into a new tuple.
    fn zip_next(
        &mut self,
        iters: ObjId,
        recycled: Option<ObjId>,
        strict: bool,
    ) -> PyResult<Option<ObjId>> {
        let subs = self.tuple_items(iters);
        let mut items = Vec::with_capacity(subs.len());
        for (i, &sub) in subs.iter().enumerate() {
            let next = self.next_of(sub);
            if let Ok(Some(v)) = next {
                match recycled {
                    Some(result) => {
                        self.heap.tuple_set(result, i, v);
                        self.release(v);
                    }
                    None => items.push(v),
                }
                continue;
            }
            self.release_all(items);
            self.release_all(recycled);
            return match next {
                Ok(_) if strict => self.zip_length_error(&subs, i),
                Ok(_) => Ok(None),
                Err(e) => Err(e),
            };
        }
        match recycled {
            _ if subs.is_empty() => Ok(None),
            Some(result) => Ok(Some(self.retracked(result))),
            None => Ok(Some(self.new_tuple(items))),
        }
    }

    /// The result tuple an `enumerate` or `zip` keeps, if nothing else refers to it any
    /// more: it is used again for the next result (a new reference), as CPython does.
    fn recyclable(&mut self, result: ObjId) -> Option<ObjId> {
        let alone = self.heap.refcount(result) == 1 && self.heap.kind(result) == Kind::Tuple;
        alone.then(|| self.newref(result))
    }

    /// A recycled result tuple, tracked again if the collector had untracked it.
    fn retracked(&mut self, result: ObjId) -> ObjId {
        if !self.heap.is_tracked(result) {
            self.heap.track(result);
        }
        result
    }

    /// `zip(strict=True)`: iterator `exhausted` ran out first; the others must be
    /// exhausted too.
    fn zip_length_error(&mut self, subs: &[ObjId], exhausted: usize) -> PyResult<Option<ObjId>> {
        let before = |i: usize| {
            if i == 1 {
                "argument 1".to_string()
            } else {
                format!("arguments 1-{i}")
            }
        };
        if exhausted > 0 {
            return self.value_error(format!(
                "zip() argument {} is shorter than {}",
                exhausted + 1,
                before(exhausted)
            ));
        }
        for (i, &sub) in subs.iter().enumerate().skip(1) {
            if let Some(v) = self.next_of(sub)? {
                self.release(v);
                return self.value_error(format!(
                    "zip() argument {} is longer than {}",
                    i + 1,
                    before(i)
                ));
            }
        }
        Ok(None)
    }

    fn filter_next(&mut self, inner: ObjId, func: ObjId) -> PyResult<Option<ObjId>> {
        let by_truth = self.is_none(func) || func == self.builtin_type("bool");
        loop {
            let Some(item) = self.next_of(inner)? else {
                return Ok(None);
            };
            let verdict = if by_truth {
                self.truthy(item)
            } else {
                self.call(func, &[item]).and_then(|r| {
                    let t = self.truthy(r);
                    self.release(r);
                    t
                })
            };
            match verdict {
                Ok(true) => return Ok(Some(item)),
                Ok(false) => self.release(item),
                Err(e) => {
                    self.release(item);
                    return Err(e);
                }
            }
        }
    }

    /// `reversed` and `list_reverseiterator`: the item before the last one given; the
    /// sequence is dropped once the front is passed (or an index fails).
    fn reverse_next(
        &mut self,
        it: ObjId,
        tag: Tag,
        seq: ObjId,
        state: u64,
    ) -> PyResult<Option<ObjId>> {
        let item = match state.checked_sub(1) {
            None => None,
            Some(index) if tag == Tag::ListRevIter => {
                let items = self.heap.list_items(seq).get(index as usize).copied();
                items.map(|v| self.newref(v))
            }
            Some(index) => {
                let i = self.new_int(index as i64);
                let result = self.getitem(seq, i);
                self.release(i);
                match result {
                    Ok(v) => Some(v),
                    Err(e)
                        if self.raised_is(&e, "IndexError")
                            || self.raised_is(&e, "StopIteration") =>
                    {
                        self.discard(e);
                        None
                    }
                    Err(e) => return Err(e),
                }
            }
        };
        match item {
            Some(v) => {
                self.set_iterator_state(it, tag, state - 1);
                Ok(Some(v))
            }
            None => {
                self.set_iterator_state(it, tag, 0);
                self.heap.set_field(it, 0, None);
                self.settle();
                Ok(None)
            }
        }
    }

    /// `reversed(seq)`: the object's `__reversed__`, a list's or a range's reverse iterator,
    /// or a `reversed` object over a sequence with `__len__` and `__getitem__`.
    pub(crate) fn reversed_of(&mut self, seq: ObjId) -> PyResult<ObjId> {
        if let Some(result) = self.call_special(seq, "__reversed__", &[]) {
            return result;
        }
        match self.heap.body(seq) {
            Body::Record(r) if r.kind == Kind::Other && Tag::of(r.data) == Tag::Range => {
                return self.reversed_range(seq);
            }
            _ => {}
        }
        match self.base_kind(seq) {
            Kind::List => {
                let n = self.heap.list_items(seq).len() as u64;
                let list = self.newref(seq);
                return Ok(self.new_builtin_iterator(Tag::ListRevIter, n, vec![Some(list)]));
            }
            Kind::Dict => {
                // The keys, last first (CPython's `dict_reversekeyiterator`).
                let keys: Vec<ObjId> = self
                    .dict_entries(seq)
                    .into_iter()
                    .map(|(_, k, _)| self.newref(k))
                    .collect();
                let n = keys.len() as u64;
                let list = self.new_list(keys);
                return Ok(self.new_builtin_iterator(Tag::ListRevIter, n, vec![Some(list)]));
            }
            _ => {}
        }
        let getitem = self.special.getitem;
        let class = self.type_of(seq);
        let sequence = matches!(self.base_kind(seq), Kind::Str | Kind::Tuple)
            || self.lookup_user(class, getitem).is_some();
        if !sequence {
            let t = self.type_name(seq);
            return self.type_error(format!("'{t}' object is not reversible"));
        }
        let n = self.len_of(seq)? as u64;
        let seq = self.newref(seq);
        Ok(self.new_builtin_iterator(Tag::Reversed, n, vec![Some(seq)]))
    }

    /// `reversed(range(...))`: an iterator over the range running backwards.
    fn reversed_range(&mut self, range: ObjId) -> PyResult<ObjId> {
        let n = self.len_of(range)?;
        let value_at = |vm: &mut Vm, index: usize| {
            let item = vm.range_item(range, index);
            let value = item.and_then(|v| vm.as_int(v)).unwrap_or(0);
            vm.release_all(item);
            value
        };
        let (new_start, new_stop, new_step) = match n {
            0 => (0, 0, 1),
            1 => {
                let only = value_at(self, 0);
                (only, only - 1, -1)
            }
            _ => {
                let step = value_at(self, 1) - value_at(self, 0);
                let last = value_at(self, n - 1);
                (last, value_at(self, 0) - step, -step)
            }
        };
        let range_type = self.builtin_type("range");
        let bounds = [new_start, new_stop, new_step].map(|v| self.new_int(v));
        let backwards = self.construct_builtin(range_type, &bounds, &[]);
        self.release_all(bounds);
        let backwards = backwards?;
        let it = self.get_iter(backwards);
        self.release(backwards);
        it
    }
}
