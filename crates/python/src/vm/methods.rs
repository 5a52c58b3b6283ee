//! The container protocol: membership, dict and set storage with Python
//! equality, unpacking, and the operators of built-in sequences.

use weaklink_heap::{Body, Kind, ObjId};

use super::builtins::range_len;
use super::proxy::through_proxy;
use super::{PyResult, Vm};
use crate::compile::{BinOp, CmpOp};

impl Vm {
    /// The position of `key` in a dict, by hash and Python equality.
    pub(crate) fn dict_find(&mut self, dict: ObjId, key: ObjId) -> PyResult<(i64, Option<usize>)> {
        let hash = self.hash(key)?;
        let candidates: Vec<(usize, ObjId)> = self
            .heap
            .dict(dict)
            .map(|d| d.with_hash(hash).map(|(p, e)| (p, e.key)).collect())
            .unwrap_or_default();
        for (pos, k) in candidates {
            if k == key || self.eq(k, key)? {
                return Ok((hash, Some(pos)));
            }
        }
        Ok((hash, None))
    }

    /// `dict[key]` if present (borrowed).
    pub(crate) fn dict_lookup(&mut self, dict: ObjId, key: ObjId) -> PyResult<Option<ObjId>> {
        let (_, pos) = self.dict_find(dict, key)?;
        Ok(pos.and_then(|p| {
            self.heap
                .dict(dict)
                .and_then(|d| d.entry(p))
                .map(|e| e.value)
        }))
    }

    /// `item in container`.
    pub(crate) fn contains(&mut self, container: ObjId, item: ObjId) -> PyResult<bool> {
        through_proxy!(self, container, self.contains(container, item));
        let user = self.is_user_class(self.type_of(container));
        if user {
            if let Some(r) = self.call_special(container, "__contains__", &[item]) {
                let r = r?;
                let t = self.truthy(r);
                self.release(r);
                return t;
            }
        }
        match self.base_kind(container) {
            Kind::Dict => Ok(self.dict_find(container, item)?.1.is_some()),
            Kind::Set | Kind::FrozenSet => Ok(self.set_find(container, item)?.1.is_some()),
            Kind::Str => match (self.as_str(container), self.as_str(item)) {
                (Some(h), Some(n)) => Ok(h.contains(n)),
                _ => {
                    let t = self.type_name(item);
                    self.type_error(format!(
                        "'in <string>' requires string as left operand, not {t}"
                    ))
                }
            },
            Kind::List | Kind::Tuple => {
                // As `list_contains`: the length is read again at each step (an `__eq__` may
                // change the list) and each item is held while it is compared.
                let mut i = 0;
                while let Some(&v) = self.sequence_slice(container).and_then(|s| s.get(i)) {
                    i += 1;
                    let v = self.newref(v);
                    let same = self.eq(v, item);
                    self.release(v);
                    if same? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => {
                let it = self.get_iter(container)?;
                let found = self.iterator_contains(it, item);
                self.release(it);
                found
            }
        }
    }

    /// Whether iterator `it` yields something equal to `item` (it stops there).
    fn iterator_contains(&mut self, it: ObjId, item: ObjId) -> PyResult<bool> {
        while let Some(v) = self.next_of(it)? {
            let same = self.eq(v, item);
            self.release(v);
            if same? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn set_find(&mut self, set: ObjId, key: ObjId) -> PyResult<(i64, Option<usize>)> {
        let hash = self.hash(key)?;
        let entries: Vec<(usize, ObjId)> = match self.heap.body(set) {
            Body::Set(s) => s
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.hash == hash)
                .map(|(p, e)| (p, e.key))
                .collect(),
            _ => Vec::new(),
        };
        for (pos, k) in entries {
            if k == key || self.eq(k, key)? {
                return Ok((hash, Some(pos)));
            }
        }
        Ok((hash, None))
    }

    /// `set.add(item)`.
    pub(crate) fn set_add(&mut self, set: ObjId, item: ObjId) -> PyResult<()> {
        let (hash, pos) = self.set_find(set, item)?;
        if pos.is_none() {
            self.heap.set_add(set, hash, item);
            self.settle();
        }
        Ok(())
    }

    /// `set.discard(item)`: whether it was there.
    pub(crate) fn set_discard(&mut self, set: ObjId, item: ObjId) -> PyResult<bool> {
        let (_, pos) = self.set_find(set, item)?;
        if let Some(p) = pos {
            self.heap.set_remove(set, p);
            self.settle();
        }
        Ok(pos.is_some())
    }

    /// `set |= iterable`.
    pub(crate) fn set_update(&mut self, set: ObjId, iterable: ObjId) -> PyResult<()> {
        for item in self.collect_iterable(iterable)? {
            let r = self.set_add(set, item);
            self.release(item);
            r?;
        }
        Ok(())
    }

    /// `list.extend(iterable)`.
    pub(crate) fn list_extend(&mut self, list: ObjId, iterable: ObjId) -> PyResult<()> {
        for item in self.collect_iterable(iterable)? {
            self.heap.list_append(list, item);
            self.release(item);
        }
        Ok(())
    }

    /// `dict.update(other)`; with `merge`, a repeated key is an error (`f(**a, **b)`).
    pub(crate) fn dict_update(&mut self, dict: ObjId, other: ObjId, merge: bool) -> PyResult<()> {
        if self.is_dict(other) {
            for (_, k, v) in self.dict_entries(other) {
                if merge && self.dict_find(dict, k)?.1.is_some() {
                    let key = self.repr_string(k)?;
                    return self
                        .type_error(format!("got multiple values for keyword argument {key}"));
                }
                self.setitem(dict, k, v)?;
            }
            return Ok(());
        }
        for pair in self.collect_iterable(other)? {
            let items = self.sequence_items(pair).unwrap_or_default();
            let result = if items.len() == 2 {
                self.setitem(dict, items[0], items[1])
            } else {
                self.value_error(format!(
                    "dictionary update sequence element #0 has length {}; 2 is required",
                    items.len()
                ))
            };
            self.release(pair);
            result?;
        }
        Ok(())
    }

    /// Unpacks `seq` into `n` values (or, with `after`, `n` before a starred list and
    /// `after` behind it). New references, first item first.
    pub(crate) fn unpack(
        &mut self,
        seq: ObjId,
        n: usize,
        after: Option<usize>,
    ) -> PyResult<Vec<ObjId>> {
        let items = match self.sequence_items(seq) {
            Some(items) => items.into_iter().map(|i| self.newref(i)).collect(),
            None => {
                match self.get_iter(seq) {
                    Ok(it) => self.release(it),
                    Err(e) => {
                        self.discard(e);
                        let t = self.type_name(seq);
                        return self.type_error(format!("cannot unpack non-iterable {t} object"));
                    }
                }
                self.collect_iterable(seq)?
            }
        };
        match after {
            None => {
                if items.len() != n {
                    let got = items.len();
                    self.release_all(items);
                    if got > n {
                        return self
                            .value_error(format!("too many values to unpack (expected {n})"));
                    }
                    return self.value_error(format!(
                        "not enough values to unpack (expected {n}, got {got})"
                    ));
                }
                Ok(items)
            }
            Some(after) => {
                if items.len() < n + after {
                    let got = items.len();
                    self.release_all(items);
                    return self.value_error(format!(
                        "not enough values to unpack (expected at least {}, got {got})",
                        n + after
                    ));
                }
                let mut items = items;
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(n);
                let list = self.new_list(middle);
                items.push(list);
                items.extend(tail);
                Ok(items)
            }
        }
    }

    /// Item `index` of a range (a new reference).
    pub(crate) fn range_item(&mut self, range: ObjId, index: usize) -> Option<ObjId> {
        let Body::Record(r) = self.heap.body(range) else {
            return None;
        };
        let part = |i: usize| r.refs[i].and_then(|v| self.as_int(v)).unwrap_or(0);
        let (start, stop, step) = (part(0), part(1), part(2));
        if (index as i64) < range_len(start, stop, step) {
            Some(self.new_int(start + index as i64 * step))
        } else {
            None
        }
    }

    /// `+`, `*`, `%` and friends of built-in sequences, strings, sets and dicts.
    pub(crate) fn builtin_binary(
        &mut self,
        op: BinOp,
        a: ObjId,
        b: ObjId,
    ) -> PyResult<Option<ObjId>> {
        let (ka, kb) = (self.base_kind(a), self.base_kind(b));
        Ok(Some(match (op, ka, kb) {
            (BinOp::Add, Kind::Str, Kind::Str) => {
                let text = format!(
                    "{}{}",
                    self.as_str(a).unwrap_or(""),
                    self.as_str(b).unwrap_or("")
                );
                self.new_str(&text)
            }
            (BinOp::Add, Kind::List, Kind::List) | (BinOp::Add, Kind::Tuple, Kind::Tuple) => {
                let mut items = self.sequence_items(a).unwrap_or_default();
                items.extend(self.sequence_items(b).unwrap_or_default());
                let items: Vec<ObjId> = items.into_iter().map(|i| self.newref(i)).collect();
                if ka == Kind::List {
                    self.new_list(items)
                } else {
                    self.new_tuple(items)
                }
            }
            (BinOp::Mul, Kind::Str | Kind::List | Kind::Tuple, Kind::Int | Kind::Bool)
            | (BinOp::Mul, Kind::Int | Kind::Bool, Kind::Str | Kind::List | Kind::Tuple) => {
                let (seq, count) = if matches!(ka, Kind::Int | Kind::Bool) {
                    (b, a)
                } else {
                    (a, b)
                };
                let n = self.as_int(count).unwrap_or(0).max(0) as usize;
                let kind = self.base_kind(seq);
                if kind == Kind::Str {
                    let text = self.as_str(seq).unwrap_or("").repeat(n);
                    self.new_str(&text)
                } else {
                    let items = self.sequence_items(seq).unwrap_or_default();
                    if items.len().saturating_mul(n) > self.options.max_objects {
                        return self.raise("MemoryError", "");
                    }
                    let mut all = Vec::with_capacity(items.len() * n);
                    for _ in 0..n {
                        for &i in &items {
                            all.push(self.newref(i));
                        }
                    }
                    if kind == Kind::List {
                        self.new_list(all)
                    } else {
                        self.new_tuple(all)
                    }
                }
            }
            (BinOp::Mod, Kind::Str, _) => return self.percent_format(a, b).map(Some),
            (
                BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor,
                Kind::Set | Kind::FrozenSet,
                Kind::Set | Kind::FrozenSet,
            ) => {
                return self.set_operator(op, a, b).map(Some);
            }
            (BinOp::Or, Kind::Dict, Kind::Dict) => {
                let d = self.new_dict();
                self.dict_update(d, a, false)?;
                self.dict_update(d, b, false)?;
                d
            }
            _ => return Ok(None),
        }))
    }

    /// In-place operators that mutate built-in containers (`list +=`, `set |=`).
    pub(crate) fn builtin_inplace(
        &mut self,
        op: BinOp,
        a: ObjId,
        b: ObjId,
    ) -> PyResult<Option<ObjId>> {
        match (op, self.base_kind(a)) {
            (BinOp::Add, Kind::List) => {
                self.list_extend(a, b)?;
                Ok(Some(self.newref(a)))
            }
            (BinOp::Or, Kind::Set) if matches!(self.base_kind(b), Kind::Set | Kind::FrozenSet) => {
                self.set_update(a, b)?;
                Ok(Some(self.newref(a)))
            }
            (BinOp::Or, Kind::Dict) => {
                self.dict_update(a, b, false)?;
                Ok(Some(self.newref(a)))
            }
            _ => Ok(None),
        }
    }

    fn set_operator(&mut self, op: BinOp, a: ObjId, b: ObjId) -> PyResult<ObjId> {
        let frozen = self.base_kind(a) == Kind::FrozenSet;
        let result = self.new_set(frozen);
        let left = self.collect_iterable(a)?;
        let right = self.collect_iterable(b)?;
        for &x in &left {
            let in_b = self.contains(b, x)?;
            let keep = match op {
                BinOp::Or => true,
                BinOp::And => in_b,
                BinOp::Sub | BinOp::Xor => !in_b,
                _ => false,
            };
            if keep {
                self.set_add(result, x)?;
            }
        }
        if matches!(op, BinOp::Or | BinOp::Xor) {
            for &y in &right {
                if op == BinOp::Or || !self.contains(a, y)? {
                    self.set_add(result, y)?;
                }
            }
        }
        self.release_all(left);
        self.release_all(right);
        Ok(result)
    }

    /// Comparison of sets (equality and subset order).
    pub(crate) fn set_compare(&mut self, op: CmpOp, a: ObjId, b: ObjId) -> PyResult<bool> {
        let (la, lb) = (self.len_of(a)?, self.len_of(b)?);
        let a_in_b = {
            let mut all = true;
            for x in self.collect_iterable(a)? {
                all &= self.contains(b, x)?;
                self.release(x);
            }
            all
        };
        let b_in_a = {
            let mut all = true;
            for x in self.collect_iterable(b)? {
                all &= self.contains(a, x)?;
                self.release(x);
            }
            all
        };
        Ok(match op {
            CmpOp::Eq => a_in_b && la == lb,
            CmpOp::Ne => !(a_in_b && la == lb),
            CmpOp::Le => a_in_b,
            CmpOp::Lt => a_in_b && la < lb,
            CmpOp::Ge => b_in_a,
            CmpOp::Gt => b_in_a && la > lb,
        })
    }
}
