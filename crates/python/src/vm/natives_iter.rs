//! Builtins that consume or wrap iterables: `sorted`, `sum`, `min`, `max`, `any`, `all`,
//! `enumerate`, `zip`, `reversed`, `map`, `filter`.
//!
//! The iterator objects are records of kind `Iterator`, tagged with their type, holding
//! strong references in the order CPython's `tp_traverse` visits them:
//!
//! | type | references | state word |
//! |---|---|---|
//! | `enumerate` | the iterator, the result tuple | the next index |
//! | `zip` | the tuple of iterators, the result tuple | 1 when `strict=True` |
//! | `map` | the tuple of iterators, the function | |
//! | `filter` | the iterator, the function (or `None`) | |
//! | `reversed` | the sequence (dropped when exhausted) | the next index + 1 |
//! | `list_reverseiterator` | the list (dropped when exhausted) | the next index + 1 |

mod next;

use weaklink_heap::{Body, Kind, Name, ObjId, Record};

use super::args::{keyword, positional};
use super::types::Tag;
use super::{PyResult, Raised, Vm};
use crate::compile::{BinOp, CmpOp};

/// Mask of the state word a tagged record keeps beside its tag (48 bits).
const STATE_BITS: u32 = 48;

/// An index as a state word (two's complement in 48 bits).
pub(crate) fn encode_index(index: i64) -> u64 {
    (index as u64) & ((1 << STATE_BITS) - 1)
}

/// The index a state word holds.
pub(crate) fn decode_index(state: u64) -> i64 {
    ((state << (64 - STATE_BITS)) as i64) >> (64 - STATE_BITS)
}

impl Vm {
    /// A new iterator record of a built-in iterator type, taking over `refs`.
    pub(crate) fn new_builtin_iterator(
        &mut self,
        tag: Tag,
        state: u64,
        refs: Vec<Option<ObjId>>,
    ) -> ObjId {
        let record = Record {
            kind: Kind::Iterator,
            refs,
            data: tag.data(state),
            has_finalizer: false,
        };
        let it = self.heap.alloc_owning(Body::Record(record));
        self.settle();
        it
    }

    /// A tuple of `n` `None`s: the result tuple `enumerate` and `zip` keep ready.
    fn nones(&mut self, n: usize) -> ObjId {
        let items = (0..n).map(|_| self.new_none()).collect();
        self.new_tuple(items)
    }

    /// Iterators over each of `iterables`, as a new tuple.
    fn iterators_tuple(&mut self, iterables: &[ObjId]) -> PyResult<ObjId> {
        let mut iters = Vec::with_capacity(iterables.len());
        for &iterable in iterables {
            match self.get_iter(iterable) {
                Ok(it) => iters.push(it),
                Err(e) => {
                    self.release_all(iters);
                    return Err(e);
                }
            }
        }
        Ok(self.new_tuple(iters))
    }

    /// Whether a raised exception is an instance of the named built-in class.
    pub(crate) fn raised_is(&self, raised: &Raised, class_name: &str) -> bool {
        match raised {
            Raised::Exception(e) => self.isinstance(*e, self.builtin_type(class_name)),
            Raised::Halt(_) => false,
        }
    }
}

/// `TypeError` for the first keyword argument not in `allowed`.
fn only_keywords(vm: &mut Vm, kwnames: &[Name], allowed: &[&str], function: &str) -> PyResult<()> {
    for &k in kwnames {
        let text = vm.heap.names.text(k).to_string();
        if !allowed.contains(&text.as_str()) {
            return vm.type_error(format!(
                "'{text}' is an invalid keyword argument for {function}()"
            ));
        }
    }
    Ok(())
}

/// `TypeError` when keyword arguments were given to a function that takes none.
fn no_keywords(vm: &mut Vm, kwnames: &[Name], function: &str) -> PyResult<()> {
    if kwnames.is_empty() {
        return Ok(());
    }
    vm.type_error(format!("{function}() takes no keyword arguments"))
}

/// An `int` argument (`enumerate(start=)`, `sorted(reverse=)`).
fn int_argument(vm: &mut Vm, obj: ObjId) -> PyResult<i64> {
    match vm.as_int(obj) {
        Some(i) => Ok(i),
        None => {
            let t = vm.type_name(obj);
            vm.type_error(format!("'{t}' object cannot be interpreted as an integer"))
        }
    }
}

fn sorted(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let pos = positional(args, kwnames);
    if pos.len() != 1 {
        return vm.type_error(format!("sorted expected 1 argument, got {}", pos.len()));
    }
    only_keywords(vm, kwnames, &["key", "reverse"], "sort")?;
    let key = keyword(vm, args, kwnames, "key").filter(|&k| !vm.is_none(k));
    let reverse = match keyword(vm, args, kwnames, "reverse") {
        Some(r) => int_argument(vm, r)? != 0,
        None => false,
    };
    // As CPython: a new list of the items, sorted in place.
    let items = vm.collect_iterable(pos[0])?;
    let list = vm.new_list(items);
    match vm.sort_list(list, key, reverse) {
        Ok(()) => Ok(list),
        Err(e) => {
            vm.release(list);
            Err(e)
        }
    }
}

fn sum(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let pos = positional(args, kwnames);
    if pos.is_empty() {
        return vm.type_error("sum() takes at least 1 positional argument (0 given)");
    }
    if args.len() > 2 {
        return vm.type_error(format!(
            "sum() takes at most 2 arguments ({} given)",
            args.len()
        ));
    }
    only_keywords(vm, kwnames, &["start"], "sum")?;
    let start = pos
        .get(1)
        .copied()
        .or_else(|| keyword(vm, args, kwnames, "start"));
    if let Some(s) = start {
        if vm.base_kind(s) == Kind::Str {
            return vm.type_error("sum() can't sum strings [use ''.join(seq) instead]");
        }
    }
    let it = vm.get_iter(pos[0])?;
    let mut total = match start {
        Some(s) => vm.newref(s),
        None => vm.new_int(0),
    };
    loop {
        let item = match vm.next_of(it) {
            Ok(Some(item)) => item,
            Ok(None) => break,
            Err(e) => {
                vm.release_all([total, it]);
                return Err(e);
            }
        };
        let added = vm.binary_op(BinOp::Add, false, total, item);
        vm.release_all([total, item]);
        match added {
            Ok(v) => total = v,
            Err(e) => {
                vm.release(it);
                return Err(e);
            }
        }
    }
    vm.release(it);
    Ok(total)
}

/// Where `min` and `max` take their items from: one iterable, or their arguments.
enum Candidates<'a> {
    Iterator(ObjId),
    Arguments(std::slice::Iter<'a, ObjId>),
}

impl Candidates<'_> {
    fn next(&mut self, vm: &mut Vm) -> PyResult<Option<ObjId>> {
        match self {
            Candidates::Iterator(it) => vm.next_of(*it),
            Candidates::Arguments(items) => Ok(items.next().map(|&v| vm.newref(v))),
        }
    }
}

/// The best item by `op` (`>` for `max`, `<` for `min`) and its key, new references.
fn best_of(
    vm: &mut Vm,
    candidates: &mut Candidates,
    key: Option<ObjId>,
    op: CmpOp,
) -> PyResult<Option<(ObjId, ObjId)>> {
    let mut best: Option<(ObjId, ObjId)> = None;
    let release_best = |vm: &mut Vm, best: Option<(ObjId, ObjId)>| {
        if let Some((item, k)) = best {
            vm.release_all([item, k]);
        }
    };
    loop {
        let item = match candidates.next(vm) {
            Ok(Some(item)) => item,
            Ok(None) => return Ok(best),
            Err(e) => {
                release_best(vm, best);
                return Err(e);
            }
        };
        let k = match key {
            Some(f) => match vm.call(f, &[item]) {
                Ok(k) => k,
                Err(e) => {
                    vm.release(item);
                    release_best(vm, best);
                    return Err(e);
                }
            },
            None => vm.newref(item),
        };
        let Some((best_item, best_key)) = best else {
            best = Some((item, k));
            continue;
        };
        let better = vm.compare(op, k, best_key).and_then(|r| {
            let t = vm.truthy(r);
            vm.release(r);
            t
        });
        match better {
            Ok(true) => {
                vm.release_all([best_item, best_key]);
                best = Some((item, k));
            }
            Ok(false) => vm.release_all([item, k]),
            Err(e) => {
                vm.release_all([item, k]);
                release_best(vm, best);
                return Err(e);
            }
        }
    }
}

fn min_max(
    vm: &mut Vm,
    args: &[ObjId],
    kwnames: &[Name],
    name: &str,
    op: CmpOp,
) -> PyResult<ObjId> {
    let pos = positional(args, kwnames);
    if pos.is_empty() {
        return vm.type_error(format!("{name} expected at least 1 argument, got 0"));
    }
    only_keywords(vm, kwnames, &["key", "default"], name)?;
    let key = keyword(vm, args, kwnames, "key").filter(|&k| !vm.is_none(k));
    let default = keyword(vm, args, kwnames, "default");
    if pos.len() > 1 && default.is_some() {
        return vm.type_error(format!(
            "Cannot specify a default for {name}() with multiple positional arguments"
        ));
    }
    let (best, iterator) = if pos.len() == 1 {
        let it = vm.get_iter(pos[0])?;
        let best = best_of(vm, &mut Candidates::Iterator(it), key, op);
        (best, Some(it))
    } else {
        let best = best_of(vm, &mut Candidates::Arguments(pos.iter()), key, op);
        (best, None)
    };
    if let Some(it) = iterator {
        vm.release(it);
    }
    match best? {
        Some((item, k)) => {
            vm.release(k);
            Ok(item)
        }
        None => match default {
            Some(d) => Ok(vm.newref(d)),
            None => vm.value_error(format!("{name}() arg is an empty sequence")),
        },
    }
}

fn min(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    min_max(vm, args, kwnames, "min", CmpOp::Lt)
}

fn max(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    min_max(vm, args, kwnames, "max", CmpOp::Gt)
}

/// `any` (looking for a true item) and `all` (looking for a false one).
fn any_all(vm: &mut Vm, args: &[ObjId], kwnames: &[Name], name: &str) -> PyResult<ObjId> {
    no_keywords(vm, kwnames, name)?;
    if args.len() != 1 {
        return vm.type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.len()
        ));
    }
    let wanted = name == "any";
    let it = vm.get_iter(args[0])?;
    let found = loop {
        let item = match vm.next_of(it) {
            Ok(Some(item)) => item,
            Ok(None) => break Ok(false),
            Err(e) => break Err(e),
        };
        let truth = vm.truthy(item);
        vm.release(item);
        match truth {
            Ok(t) if t == wanted => break Ok(true),
            Ok(_) => {}
            Err(e) => break Err(e),
        }
    };
    vm.release(it);
    let found = found?;
    Ok(vm.new_bool(found == wanted))
}

fn any(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    any_all(vm, args, kwnames, "any")
}

fn all(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    any_all(vm, args, kwnames, "all")
}

// ----- constructors of the iterator types -----

fn enumerate_new(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    if args.len() > 2 {
        return vm.type_error(format!(
            "enumerate() takes at most 2 arguments ({} given)",
            args.len()
        ));
    }
    only_keywords(vm, kwnames, &["iterable", "start"], "enumerate")?;
    let pos = positional(args, kwnames);
    let iterable = pos
        .first()
        .copied()
        .or_else(|| keyword(vm, args, kwnames, "iterable"));
    let Some(iterable) = iterable else {
        return vm.type_error("enumerate() missing required argument 'iterable'");
    };
    let start = match pos
        .get(1)
        .copied()
        .or_else(|| keyword(vm, args, kwnames, "start"))
    {
        Some(s) => int_argument(vm, s)?,
        None => 0,
    };
    let it = vm.get_iter(iterable)?;
    let result = vm.nones(2);
    Ok(vm.new_builtin_iterator(
        Tag::Enumerate,
        encode_index(start),
        vec![Some(it), Some(result)],
    ))
}

fn zip_new(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    only_keywords(vm, kwnames, &["strict"], "zip")?;
    let strict = match keyword(vm, args, kwnames, "strict") {
        Some(s) => vm.truthy(s)?,
        None => false,
    };
    let pos = positional(args, kwnames);
    let iters = vm.iterators_tuple(pos)?;
    let result = vm.nones(pos.len());
    Ok(vm.new_builtin_iterator(Tag::Zip, u64::from(strict), vec![Some(iters), Some(result)]))
}

fn map_new(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    no_keywords(vm, kwnames, "map")?;
    if args.len() < 2 {
        return vm.type_error("map() must have at least two arguments.");
    }
    let iters = vm.iterators_tuple(&args[1..])?;
    let func = vm.newref(args[0]);
    Ok(vm.new_builtin_iterator(Tag::Map, 0, vec![Some(iters), Some(func)]))
}

fn filter_new(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    no_keywords(vm, kwnames, "filter")?;
    if args.len() != 2 {
        return vm.type_error(format!("filter expected 2 arguments, got {}", args.len()));
    }
    let it = vm.get_iter(args[1])?;
    let func = vm.newref(args[0]);
    Ok(vm.new_builtin_iterator(Tag::Filter, 0, vec![Some(it), Some(func)]))
}

fn reversed_new(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    no_keywords(vm, kwnames, "reversed")?;
    if args.len() != 1 {
        return vm.type_error(format!("reversed expected 1 argument, got {}", args.len()));
    }
    vm.reversed_of(args[0])
}

/// Registers the functions and the iterator types' constructors.
pub(crate) fn install(vm: &mut Vm, builtins: ObjId) {
    let functions: &[(&'static str, super::builtins::NativeFn)] = &[
        ("sorted", sorted),
        ("sum", sum),
        ("min", min),
        ("max", max),
        ("any", any),
        ("all", all),
    ];
    vm.define_natives(builtins, functions);
    let constructors: &[(&'static str, super::builtins::NativeFn)] = &[
        ("enumerate", enumerate_new),
        ("zip", zip_new),
        ("map", map_new),
        ("filter", filter_new),
        ("reversed", reversed_new),
    ];
    for &(name, func) in constructors {
        vm.define_constructor(name, func);
    }
}
