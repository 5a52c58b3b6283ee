//! The methods of `list` and `tuple`, and the argument checks every built-in method shares.
//!
//! Methods receive their object first (`args[0]`), as a method descriptor called unbound
//! (`list.append(xs, 1)`) does; the receiver is checked, then the arguments, with CPython's
//! messages for each calling convention.

use weaklink_heap::{Kind, Name, ObjId};

mod sort;

use super::{PyResult, Raised, Vm};
use sort::timsort;

/// How many arguments a built-in method takes, and which of CPython's messages reports a
/// wrong count.
#[derive(Clone, Copy)]
pub(super) enum Arity {
    /// `METH_NOARGS`: `list.reverse() takes no arguments (1 given)`.
    Zero,
    /// `METH_O`: `list.append() takes exactly one argument (0 given)`.
    One,
    /// Argument Clinic's positional check: `pop expected at most 1 argument, got 2`.
    Between(usize, usize),
    /// The older tuple parsing of `str`: `find() takes at least 1 argument (0 given)`.
    Classic(usize, usize),
}

/// The receiver of a method of built-in type `type_name` (`args[0]`), and the arguments after
/// it. Called unbound with something else first, CPython's descriptor error.
pub(super) fn receiver<'a>(
    vm: &mut Vm,
    args: &'a [ObjId],
    type_name: &str,
    method: &str,
) -> PyResult<(ObjId, &'a [ObjId])> {
    let Some((&this, rest)) = args.split_first() else {
        return vm.type_error(format!(
            "unbound method {type_name}.{method}() needs an argument"
        ));
    };
    let class = vm.builtin_type(type_name);
    if !vm.isinstance(this, class) {
        let t = vm.type_name(this);
        return vm.type_error(format!(
            "descriptor '{method}' for '{type_name}' objects doesn't apply to a '{t}' object"
        ));
    }
    Ok((this, rest))
}

/// Checks the arguments after the receiver of `qualname` (`"list.pop"`), which takes no
/// keyword arguments.
pub(super) fn check_args(
    vm: &mut Vm,
    qualname: &str,
    args: &[ObjId],
    kwnames: &[Name],
    arity: Arity,
) -> PyResult<()> {
    if !kwnames.is_empty() {
        return vm.type_error(format!("{qualname}() takes no keyword arguments"));
    }
    let n = args.len();
    let short = qualname.rsplit('.').next().unwrap_or(qualname);
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    let message = match arity {
        Arity::Zero if n > 0 => format!("{qualname}() takes no arguments ({n} given)"),
        Arity::One if n != 1 => format!("{qualname}() takes exactly one argument ({n} given)"),
        Arity::Between(min, max) if min == max && n != min => {
            format!("{short} expected {min} argument{}, got {n}", plural(min))
        }
        Arity::Between(min, _) if n < min => {
            format!(
                "{short} expected at least {min} argument{}, got {n}",
                plural(min)
            )
        }
        Arity::Between(_, max) if n > max => {
            format!(
                "{short} expected at most {max} argument{}, got {n}",
                plural(max)
            )
        }
        Arity::Classic(min, _) if n < min => {
            format!(
                "{short}() takes at least {min} argument{} ({n} given)",
                plural(min)
            )
        }
        Arity::Classic(_, max) if n > max => {
            format!(
                "{short}() takes at most {max} argument{} ({n} given)",
                plural(max)
            )
        }
        _ => return Ok(()),
    };
    vm.type_error(message)
}

/// Binds positional and keyword arguments to the named parameters of `func` (a method that
/// accepts keywords, such as `str.split(sep=None, maxsplit=-1)`). Missing ones are `None`.
pub(super) fn bind_params(
    vm: &mut Vm,
    func: &str,
    args: &[ObjId],
    kwnames: &[Name],
    params: &[&str],
) -> PyResult<Vec<Option<ObjId>>> {
    let npos = args.len() - kwnames.len();
    if npos > params.len() {
        let max = params.len();
        let s = if max == 1 { "" } else { "s" };
        return vm.type_error(format!(
            "{func}() takes at most {max} argument{s} ({npos} given)"
        ));
    }
    let mut bound: Vec<Option<ObjId>> = vec![None; params.len()];
    for (slot, &a) in bound.iter_mut().zip(&args[..npos]) {
        *slot = Some(a);
    }
    for (i, &k) in kwnames.iter().enumerate() {
        let name = vm.heap.names.text(k).to_string();
        match params.iter().position(|&p| p == name) {
            Some(p) if p < npos => {
                return vm.type_error(format!(
                    "argument for {func}() given by name ('{name}') and position ({})",
                    p + 1
                ));
            }
            Some(p) => bound[p] = Some(args[npos + i]),
            None => {
                return vm.type_error(format!(
                    "'{name}' is an invalid keyword argument for {func}()"
                ));
            }
        }
    }
    Ok(bound)
}

/// An integer argument (`int`, `bool`, or an object with `__index__`).
pub(super) fn index_arg(vm: &mut Vm, obj: ObjId) -> PyResult<i64> {
    if let Some(i) = vm.as_int(obj) {
        return Ok(i);
    }
    if let Some(r) = vm.call_special(obj, "__index__", &[]) {
        let r = r?;
        let value = vm.as_int(r);
        vm.release(r);
        if let Some(v) = value {
            return Ok(v);
        }
    }
    let t = vm.type_name(obj);
    vm.type_error(format!("'{t}' object cannot be interpreted as an integer"))
}

/// A `start`/`stop` bound of a search; `None` is allowed only where `none_ok`.
pub(super) fn bound_arg(vm: &mut Vm, obj: Option<ObjId>, none_ok: bool) -> PyResult<Option<i64>> {
    let Some(obj) = obj else { return Ok(None) };
    if none_ok && vm.is_none(obj) {
        return Ok(None);
    }
    match index_arg(vm, obj) {
        Ok(i) => Ok(Some(i)),
        Err(Raised::Exception(e)) => {
            vm.release(e);
            let or_none = if none_ok { " or None" } else { "" };
            vm.type_error(format!(
                "slice indices must be integers{or_none} or have an __index__ method"
            ))
        }
        Err(e) => Err(e),
    }
}

/// `KeyError(key)`, raised with the key object itself.
pub(super) fn key_error<T>(vm: &mut Vm, key: ObjId) -> PyResult<T> {
    let key = vm.newref(key);
    let class = vm.builtin_type("KeyError");
    Err(Raised::Exception(vm.new_exception(class, vec![key])))
}

/// Item `i` of a list as it is now (a new reference), or `None` past its end.
fn item_at(vm: &mut Vm, list: ObjId, i: usize) -> Option<ObjId> {
    let item = vm.sequence_items_at(list, i)?;
    Some(vm.newref(item))
}

impl Vm {
    /// Item `i` of a list or tuple (borrowed), read afresh: Python code run by a comparison
    /// may have changed the list.
    fn sequence_items_at(&self, seq: ObjId, i: usize) -> Option<ObjId> {
        match self.base_kind(seq) {
            Kind::List => self.heap.list_items(seq).get(i).copied(),
            _ => self.tuple_items(seq).get(i).copied(),
        }
    }

    /// The first position in `start..stop` holding an item equal to `value`, comparing
    /// `item == value` as CPython's `list.index` and `list.remove` do.
    fn sequence_find(
        &mut self,
        seq: ObjId,
        value: ObjId,
        start: usize,
        stop: usize,
    ) -> PyResult<Option<usize>> {
        let mut i = start;
        while i < stop {
            let Some(item) = item_at(self, seq, i) else {
                break;
            };
            let same = self.eq(item, value);
            self.release(item);
            if same? {
                return Ok(Some(i));
            }
            i += 1;
        }
        Ok(None)
    }

    /// How many items of a list or tuple equal `value`.
    fn sequence_count(&mut self, seq: ObjId, value: ObjId) -> PyResult<usize> {
        let mut count = 0;
        let mut i = 0;
        while let Some(item) = item_at(self, seq, i) {
            let same = self.eq(item, value);
            self.release(item);
            count += usize::from(same?);
            i += 1;
        }
        Ok(count)
    }

    /// Puts `items` (borrowed) into `list` in this order, position by position. The list must
    /// still have `items.len()` items; each is held here while it moves.
    fn list_rewrite(&mut self, list: ObjId, items: &[ObjId]) {
        for &item in items {
            self.newref(item);
        }
        for (i, &item) in items.iter().enumerate() {
            if self.heap.list_items(list)[i] != item {
                self.heap.list_set(list, i, item);
            }
        }
        self.settle();
        self.release_all(items.iter().copied());
    }
}

/// `start` and `stop` of `list.index(x, start, stop)`, clamped to `0..len` as slices are.
fn search_range(vm: &mut Vm, args: &[ObjId], len: usize) -> PyResult<(usize, usize)> {
    let clamp = |i: i64| -> usize {
        if i < 0 {
            (i + len as i64).max(0) as usize
        } else {
            i as usize
        }
    };
    let start = bound_arg(vm, args.get(1).copied(), false)?.map_or(0, clamp);
    let stop = bound_arg(vm, args.get(2).copied(), false)?.map_or(usize::MAX, clamp);
    Ok((start, stop))
}

// ----- list -----

fn list_append(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (list, rest) = receiver(vm, args, "list", "append")?;
    check_args(vm, "list.append", rest, kwnames, Arity::One)?;
    vm.heap.list_append(list, rest[0]);
    Ok(vm.new_none())
}

fn list_extend(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (list, rest) = receiver(vm, args, "list", "extend")?;
    check_args(vm, "list.extend", rest, kwnames, Arity::One)?;
    vm.list_extend(list, rest[0])?;
    Ok(vm.new_none())
}

fn list_insert(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (list, rest) = receiver(vm, args, "list", "insert")?;
    check_args(vm, "list.insert", rest, kwnames, Arity::Between(2, 2))?;
    let index = index_arg(vm, rest[0])?;
    let len = vm.heap.list_items(list).len() as i64;
    let at = if index < 0 {
        (index + len).max(0)
    } else {
        index.min(len)
    };
    vm.heap.list_insert(list, at as usize, rest[1]);
    Ok(vm.new_none())
}

fn list_pop(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (list, rest) = receiver(vm, args, "list", "pop")?;
    check_args(vm, "list.pop", rest, kwnames, Arity::Between(0, 1))?;
    let index = match rest.first() {
        Some(&i) => index_arg(vm, i)?,
        None => -1,
    };
    let len = vm.heap.list_items(list).len() as i64;
    if len == 0 {
        return vm.raise("IndexError", "pop from empty list");
    }
    let index = if index < 0 { index + len } else { index };
    if !(0..len).contains(&index) {
        return vm.raise("IndexError", "pop index out of range");
    }
    let item = vm.heap.list_pop(list, index as usize);
    vm.settle();
    Ok(item)
}

fn list_remove(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (list, rest) = receiver(vm, args, "list", "remove")?;
    check_args(vm, "list.remove", rest, kwnames, Arity::One)?;
    match vm.sequence_find(list, rest[0], 0, usize::MAX)? {
        Some(i) => {
            let item = vm.heap.list_pop(list, i);
            vm.release(item);
            Ok(vm.new_none())
        }
        None => vm.value_error("list.remove(x): x not in list"),
    }
}

fn list_index(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (list, rest) = receiver(vm, args, "list", "index")?;
    check_args(vm, "list.index", rest, kwnames, Arity::Between(1, 3))?;
    let len = vm.heap.list_items(list).len();
    let (start, stop) = search_range(vm, rest, len)?;
    match vm.sequence_find(list, rest[0], start, stop)? {
        Some(i) => Ok(vm.new_int(i as i64)),
        None => {
            let shown = vm.repr_string(rest[0])?;
            vm.value_error(format!("{shown} is not in list"))
        }
    }
}

fn list_count(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (list, rest) = receiver(vm, args, "list", "count")?;
    check_args(vm, "list.count", rest, kwnames, Arity::One)?;
    let n = vm.sequence_count(list, rest[0])?;
    Ok(vm.new_int(n as i64))
}

fn list_clear(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (list, rest) = receiver(vm, args, "list", "clear")?;
    check_args(vm, "list.clear", rest, kwnames, Arity::Zero)?;
    vm.heap.list_clear(list);
    vm.settle();
    Ok(vm.new_none())
}

fn list_copy(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (list, rest) = receiver(vm, args, "list", "copy")?;
    check_args(vm, "list.copy", rest, kwnames, Arity::Zero)?;
    let items: Vec<ObjId> = vm.heap.list_items(list).to_vec();
    let items = items.into_iter().map(|i| vm.newref(i)).collect();
    Ok(vm.new_list(items))
}

fn list_reverse(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (list, rest) = receiver(vm, args, "list", "reverse")?;
    check_args(vm, "list.reverse", rest, kwnames, Arity::Zero)?;
    let mut items: Vec<ObjId> = vm.heap.list_items(list).to_vec();
    items.reverse();
    vm.list_rewrite(list, &items);
    Ok(vm.new_none())
}

fn list_sort(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (list, rest) = receiver(vm, args, "list", "sort")?;
    if rest.len() > kwnames.len() {
        return vm.type_error("sort() takes no positional arguments");
    }
    let params = bind_params(vm, "sort", rest, kwnames, &["key", "reverse"])?;
    let key = params[0].filter(|&k| !vm.is_none(k));
    let reverse = match params[1] {
        Some(r) => index_arg(vm, r)? != 0,
        None => false,
    };
    vm.sort_list(list, key, reverse)?;
    Ok(vm.new_none())
}

impl Vm {
    /// `list.sort(key=key, reverse=reverse)`: stable, comparing keys with `<`. Keys are
    /// computed first, in the list's order; with `reverse` the list is reversed before and
    /// after sorting, as CPython does, so equal items keep their order.
    pub(crate) fn sort_list(
        &mut self,
        list: ObjId,
        key: Option<ObjId>,
        reverse: bool,
    ) -> PyResult<()> {
        // The items are held while Python code (keys, comparisons) runs.
        let mut values: Vec<ObjId> = self.heap.list_items(list).to_vec();
        for &v in &values {
            self.newref(v);
        }
        let mut keys = Vec::with_capacity(values.len());
        for &v in &values {
            let k = match key {
                Some(f) => self.call(f, &[v]),
                None => Ok(self.newref(v)),
            };
            match k {
                Ok(k) => keys.push(k),
                Err(e) => {
                    self.release_all(keys);
                    self.release_all(values);
                    return Err(e);
                }
            }
        }
        if reverse {
            values.reverse();
            keys.reverse();
        }
        let mut order: Vec<usize> = (0..values.len()).collect();
        let sorted = timsort(self, &keys, &mut order);
        let mut arranged: Vec<ObjId> = order.iter().map(|&i| values[i]).collect();
        if reverse {
            arranged.reverse();
        }
        let unchanged = self.heap.list_items(list).len() == arranged.len();
        if unchanged {
            self.list_rewrite(list, &arranged);
        }
        self.release_all(keys);
        self.release_all(values);
        sorted?;
        if !unchanged {
            return self.value_error("list modified during sort");
        }
        Ok(())
    }
}

// ----- tuple -----

fn tuple_index(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (tuple, rest) = receiver(vm, args, "tuple", "index")?;
    check_args(vm, "tuple.index", rest, kwnames, Arity::Between(1, 3))?;
    let len = vm.tuple_items(tuple).len();
    let (start, stop) = search_range(vm, rest, len)?;
    match vm.sequence_find(tuple, rest[0], start, stop)? {
        Some(i) => Ok(vm.new_int(i as i64)),
        None => vm.value_error("tuple.index(x): x not in tuple"),
    }
}

fn tuple_count(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (tuple, rest) = receiver(vm, args, "tuple", "count")?;
    check_args(vm, "tuple.count", rest, kwnames, Arity::One)?;
    let n = vm.sequence_count(tuple, rest[0])?;
    Ok(vm.new_int(n as i64))
}

/// Registers the methods of `list` and `tuple`.
pub(crate) fn install(vm: &mut Vm) {
    let list: &[(&'static str, super::NativeFn)] = &[
        ("append", list_append),
        ("extend", list_extend),
        ("insert", list_insert),
        ("pop", list_pop),
        ("remove", list_remove),
        ("index", list_index),
        ("count", list_count),
        ("clear", list_clear),
        ("copy", list_copy),
        ("reverse", list_reverse),
        ("sort", list_sort),
    ];
    vm.define_methods("list", list);
    vm.define_method("tuple", "index", tuple_index);
    vm.define_method("tuple", "count", tuple_count);
}
