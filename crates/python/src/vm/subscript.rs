//! Subscription: `container[key]`, assignment and deletion of items and slices.

use weaklink_heap::{Body, Kind, ObjId};

use super::proxy::through_proxy;
use super::types::Tag;
use super::{PyResult, Vm};

impl Vm {
    /// `container[key]`.
    pub(crate) fn getitem(&mut self, container: ObjId, key: ObjId) -> PyResult<ObjId> {
        through_proxy!(self, container, self.getitem(container, key));
        let user = self.is_user_class(self.type_of(container));
        if user {
            if let Some(r) = self.call_special(container, "__getitem__", &[key]) {
                return r;
            }
        }
        if self.is_class(container) {
            let n = self.class_info(container).name.clone();
            return self.type_error(format!("type '{n}' is not subscriptable"));
        }
        match self.base_kind(container) {
            Kind::List | Kind::Tuple | Kind::Str => self.sequence_getitem(container, key),
            Kind::Dict => match self.dict_lookup(container, key)? {
                Some(v) => Ok(self.newref(v)),
                None => {
                    if user {
                        if let Some(r) = self.call_special(container, "__missing__", &[key]) {
                            return r;
                        }
                    }
                    let k = self.newref(key);
                    let class = self.builtin_type("KeyError");
                    Err(super::Raised::Exception(self.new_exception(class, vec![k])))
                }
            },
            _ if self.tag_of(container) == Tag::Range => {
                let i = self.index_value(key, "range")?;
                let len = self.len_of(container)? as i64;
                let i = if i < 0 { i + len } else { i };
                match self
                    .range_item(container, i.max(0) as usize)
                    .filter(|_| (0..len).contains(&i))
                {
                    Some(v) => Ok(v),
                    None => self.raise("IndexError", "range object index out of range"),
                }
            }
            _ => {
                let t = self.type_name(container);
                self.type_error(format!("'{t}' object is not subscriptable"))
            }
        }
    }

    fn index_value(&mut self, key: ObjId, what: &str) -> PyResult<i64> {
        match self.as_int(key) {
            Some(i) => Ok(i),
            None => {
                let t = self.type_name(key);
                self.type_error(format!(
                    "{what} indices must be integers or slices, not {t}"
                ))
            }
        }
    }

    fn sequence_getitem(&mut self, seq: ObjId, key: ObjId) -> PyResult<ObjId> {
        let kind = self.base_kind(seq);
        let what = match kind {
            Kind::List => "list",
            Kind::Tuple => "tuple",
            _ => "string",
        };
        if self.tag_of(key) == Tag::Slice {
            let len = self.len_of(seq)?;
            let (start, _stop, step, n) = self.slice_indices(key, len)?;
            let picks: Vec<usize> = (0..n).map(|k| (start + k as i64 * step) as usize).collect();
            return Ok(match kind {
                Kind::Str => {
                    let chars: Vec<char> = self.as_str(seq).unwrap_or("").chars().collect();
                    let text: String = picks.iter().map(|&i| chars[i]).collect();
                    self.new_str(&text)
                }
                _ => {
                    let items = self.sequence_items(seq).unwrap_or_default();
                    let picked: Vec<ObjId> = picks.iter().map(|&i| self.newref(items[i])).collect();
                    if kind == Kind::List {
                        self.new_list(picked)
                    } else {
                        self.new_tuple(picked)
                    }
                }
            });
        }
        let i = self.index_value(key, what)?;
        if kind == Kind::Str {
            let text = self.as_str(seq).unwrap_or("").to_string();
            let len = text.chars().count() as i64;
            let i = if i < 0 { i + len } else { i };
            return match (0..len)
                .contains(&i)
                .then(|| text.chars().nth(i as usize))
                .flatten()
            {
                Some(c) => Ok(self.new_str(c.encode_utf8(&mut [0; 4]))),
                None => self.raise("IndexError", "string index out of range"),
            };
        }
        let items = self.sequence_items(seq).unwrap_or_default();
        let len = items.len() as i64;
        let i = if i < 0 { i + len } else { i };
        if !(0..len).contains(&i) {
            return self.raise("IndexError", format!("{what} index out of range"));
        }
        Ok(self.newref(items[i as usize]))
    }

    /// CPython's `PySlice_GetIndicesEx`: (start, stop, step, length) for a sequence length.
    pub(crate) fn slice_indices(
        &mut self,
        slice: ObjId,
        len: usize,
    ) -> PyResult<(i64, i64, i64, usize)> {
        let refs = match self.heap.body(slice) {
            Body::Record(r) => r.refs.clone(),
            _ => Vec::new(),
        };
        let mut parts = [None; 3];
        for (i, part) in parts.iter_mut().enumerate() {
            let Some(v) = refs.get(i).copied().flatten().filter(|&v| !self.is_none(v)) else {
                continue;
            };
            match self.as_int(v) {
                Some(n) => *part = Some(n),
                None => {
                    return self.type_error(
                        "slice indices must be integers or None or have an __index__ method",
                    )
                }
            }
        }
        self.text_result(crate::text::slice_indices(
            len, parts[0], parts[1], parts[2],
        ))
    }

    /// `container[key] = value` (all borrowed).
    pub(crate) fn setitem(&mut self, container: ObjId, key: ObjId, value: ObjId) -> PyResult<()> {
        through_proxy!(self, container, self.setitem(container, key, value));
        let user = self.is_user_class(self.type_of(container));
        if user {
            if let Some(r) = self.call_special(container, "__setitem__", &[key, value]) {
                let r = r?;
                self.release(r);
                return Ok(());
            }
        }
        match self.base_kind(container) {
            Kind::Dict => {
                let (hash, pos) = self.dict_find(container, key)?;
                match pos {
                    Some(p) => self.heap.dict_replace(container, p, value),
                    None => self.heap.dict_insert(container, hash, key, value),
                }
                self.settle();
                Ok(())
            }
            Kind::List => {
                if self.tag_of(key) == Tag::Slice {
                    return self.list_set_slice(container, key, value);
                }
                let i = self.index_value(key, "list")?;
                let len = self.heap.list_items(container).len() as i64;
                let i = if i < 0 { i + len } else { i };
                if !(0..len).contains(&i) {
                    return self.raise("IndexError", "list assignment index out of range");
                }
                self.heap.list_set(container, i as usize, value);
                self.settle();
                Ok(())
            }
            _ => {
                let t = self.type_name(container);
                self.type_error(format!("'{t}' object does not support item assignment"))
            }
        }
    }

    fn list_set_slice(&mut self, list: ObjId, slice: ObjId, value: ObjId) -> PyResult<()> {
        let len = self.heap.list_items(list).len();
        let (start, _, step, n) = self.slice_indices(slice, len)?;
        let new_items = self.collect_iterable(value)?;
        if step != 1 {
            if new_items.len() != n {
                let m = new_items.len();
                self.release_all(new_items);
                return self.value_error(format!(
                    "attempt to assign sequence of size {m} to extended slice of size {n}"
                ));
            }
            for (k, v) in new_items.into_iter().enumerate() {
                self.heap
                    .list_set(list, (start + k as i64 * step) as usize, v);
                self.heap.decref(v, weaklink_heap::Cause::Other);
                self.settle();
            }
            return Ok(());
        }
        let start = start as usize;
        for _ in 0..n {
            let old = self.heap.list_pop(list, start);
            self.release(old);
        }
        for (k, v) in new_items.into_iter().enumerate() {
            self.heap.list_insert(list, start + k, v);
            self.release(v);
        }
        Ok(())
    }

    /// `del container[key]`.
    pub(crate) fn delitem(&mut self, container: ObjId, key: ObjId) -> PyResult<()> {
        through_proxy!(self, container, self.delitem(container, key));
        let user = self.is_user_class(self.type_of(container));
        if user {
            if let Some(r) = self.call_special(container, "__delitem__", &[key]) {
                let r = r?;
                self.release(r);
                return Ok(());
            }
        }
        match self.base_kind(container) {
            Kind::Dict => {
                let (_, pos) = self.dict_find(container, key)?;
                match pos {
                    Some(p) => {
                        self.heap.dict_remove(container, p);
                        self.settle();
                        Ok(())
                    }
                    None => {
                        let k = self.newref(key);
                        let class = self.builtin_type("KeyError");
                        Err(super::Raised::Exception(self.new_exception(class, vec![k])))
                    }
                }
            }
            Kind::List => {
                let len = self.heap.list_items(container).len();
                if self.tag_of(key) == Tag::Slice {
                    let (start, _, step, n) = self.slice_indices(key, len)?;
                    let mut positions: Vec<usize> =
                        (0..n).map(|k| (start + k as i64 * step) as usize).collect();
                    positions.sort_unstable();
                    for p in positions.into_iter().rev() {
                        let old = self.heap.list_pop(container, p);
                        self.release(old);
                    }
                    return Ok(());
                }
                let i = self.index_value(key, "list")?;
                let i = if i < 0 { i + len as i64 } else { i };
                if !(0..len as i64).contains(&i) {
                    return self.raise("IndexError", "list assignment index out of range");
                }
                let old = self.heap.list_pop(container, i as usize);
                self.release(old);
                Ok(())
            }
            _ => {
                let t = self.type_name(container);
                self.type_error(format!("'{t}' object does not support item deletion"))
            }
        }
    }
}
