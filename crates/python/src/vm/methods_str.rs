//! The methods of `str`, on top of the text rules in [`crate::text`].
//!
//! Like CPython, a method whose result is the text it was called on returns the same object
//! (for an exact `str`): `s.strip()` with nothing to strip, `s.split()` of one word,
//! `"".join([s])`.

mod format;

use weaklink_heap::{Body, Kind, Name, ObjId};

use super::methods_list::{bind_params, bound_arg, check_args, index_arg, receiver, Arity};
use super::{PyResult, Raised, Vm};
use crate::text;

/// The receiver's text, the receiver, and the arguments after it.
fn this<'a>(
    vm: &mut Vm,
    args: &'a [ObjId],
    method: &str,
) -> PyResult<(String, ObjId, &'a [ObjId])> {
    let (s, rest) = receiver(vm, args, "str", method)?;
    let text = vm.as_str(s).unwrap_or_default().to_string();
    Ok((text, s, rest))
}

/// A `str` result: the receiver itself when the text is unchanged and it is an exact `str`.
fn same_or_new(vm: &mut Vm, this: ObjId, before: &str, after: &str) -> ObjId {
    if before == after && matches!(vm.heap.body(this), Body::Str(_)) {
        vm.newref(this)
    } else {
        vm.new_str(after)
    }
}

/// A `str` argument; anything else is `TypeError` with `message(type name)`.
fn str_arg(vm: &mut Vm, obj: ObjId, message: impl FnOnce(&str) -> String) -> PyResult<String> {
    match vm.as_str(obj) {
        Some(s) => Ok(s.to_string()),
        None => {
            let t = vm.type_name(obj);
            vm.type_error(message(&t))
        }
    }
}

/// A list of new `str` objects; a single part equal to the receiver's text is the receiver.
fn str_list(vm: &mut Vm, this: ObjId, text: &str, parts: Vec<String>) -> ObjId {
    let items = if parts.len() == 1 {
        vec![same_or_new(vm, this, text, &parts[0])]
    } else {
        parts.iter().map(|p| vm.new_str(p)).collect()
    };
    vm.new_list(items)
}

/// Methods taking no arguments and returning new text.
macro_rules! case_methods {
    ($($func:ident => $name:literal, $rule:path;)*) => {$(
        fn $func(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
            let (text, _, rest) = this(vm, args, $name)?;
            check_args(vm, concat!("str.", $name), rest, kwnames, Arity::Zero)?;
            Ok(vm.new_str(&$rule(&text)))
        }
    )*};
}

case_methods! {
    str_upper => "upper", text::upper;
    str_lower => "lower", text::lower;
    str_title => "title", text::title;
    str_capitalize => "capitalize", text::capitalize;
    str_swapcase => "swapcase", text::swapcase;
    str_casefold => "casefold", text::casefold;
}

/// Methods taking no arguments and answering a question about the text.
macro_rules! predicates {
    ($($func:ident => $name:literal, $rule:path;)*) => {$(
        fn $func(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
            let (text, _, rest) = this(vm, args, $name)?;
            check_args(vm, concat!("str.", $name), rest, kwnames, Arity::Zero)?;
            Ok(vm.new_bool($rule(&text)))
        }
    )*};
}

predicates! {
    str_isdigit => "isdigit", text::str_isdigit;
    str_isalpha => "isalpha", text::str_isalpha;
    str_isalnum => "isalnum", text::str_isalnum;
    str_isspace => "isspace", text::str_isspace;
    str_isupper => "isupper", text::str_isupper;
    str_islower => "islower", text::str_islower;
    str_istitle => "istitle", text::str_istitle;
    str_isidentifier => "isidentifier", text::str_isidentifier;
    str_isdecimal => "isdecimal", text::str_isdecimal;
    str_isnumeric => "isnumeric", text::str_isnumeric;
    str_isascii => "isascii", text::str_isascii;
    str_isprintable => "isprintable", text::str_isprintable;
}

/// The `(sub, start, end)` arguments of `find` and its family.
fn search_args(vm: &mut Vm, name: &str, rest: &[ObjId], kwnames: &[Name]) -> PyResult<Search> {
    check_args(
        vm,
        &format!("str.{name}"),
        rest,
        kwnames,
        Arity::Classic(1, 3),
    )?;
    let sub = str_arg(vm, rest[0], |t| format!("must be str, not {t}"))?;
    let start = bound_arg(vm, rest.get(1).copied(), true)?;
    let end = bound_arg(vm, rest.get(2).copied(), true)?;
    Ok(Search { sub, start, end })
}

/// What to look for, and where.
struct Search {
    sub: String,
    start: Option<i64>,
    end: Option<i64>,
}

/// `find`, `rfind` and `count`: an int answer, never an error.
macro_rules! search_methods {
    ($($func:ident => $name:literal, $rule:path;)*) => {$(
        fn $func(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
            let (text, _, rest) = this(vm, args, $name)?;
            let s = search_args(vm, $name, rest, kwnames)?;
            let n = $rule(&text, &s.sub, s.start, s.end);
            Ok(vm.new_int(n))
        }
    )*};
}

search_methods! {
    str_find => "find", text::find;
    str_rfind => "rfind", text::rfind;
    str_count => "count", text::count;
}

fn str_index(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (text, _, rest) = this(vm, args, "index")?;
    let s = search_args(vm, "index", rest, kwnames)?;
    let n = vm.text_result(text::index(&text, &s.sub, s.start, s.end))?;
    Ok(vm.new_int(n))
}

fn str_rindex(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (text, _, rest) = this(vm, args, "rindex")?;
    let s = search_args(vm, "rindex", rest, kwnames)?;
    let n = vm.text_result(text::rindex(&text, &s.sub, s.start, s.end))?;
    Ok(vm.new_int(n))
}

/// `startswith` and `endswith`: a prefix or a tuple of them.
fn affix_test(
    vm: &mut Vm,
    args: &[ObjId],
    kwnames: &[Name],
    name: &str,
    rule: fn(&str, &str, Option<i64>, Option<i64>) -> bool,
) -> PyResult<ObjId> {
    let (text, _, rest) = this(vm, args, name)?;
    check_args(
        vm,
        &format!("str.{name}"),
        rest,
        kwnames,
        Arity::Classic(1, 3),
    )?;
    let start = bound_arg(vm, rest.get(1).copied(), true)?;
    let end = bound_arg(vm, rest.get(2).copied(), true)?;
    let candidates = if vm.base_kind(rest[0]) == Kind::Tuple {
        let mut all = Vec::new();
        for item in vm.tuple_items(rest[0]) {
            all.push(str_arg(vm, item, |t| {
                format!("tuple for {name} must only contain str, not {t}")
            })?);
        }
        all
    } else {
        vec![str_arg(vm, rest[0], |t| {
            format!("{name} first arg must be str or a tuple of str, not {t}")
        })?]
    };
    let found = candidates.iter().any(|c| rule(&text, c, start, end));
    Ok(vm.new_bool(found))
}

fn str_startswith(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    affix_test(vm, args, kwnames, "startswith", text::startswith)
}

fn str_endswith(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    affix_test(vm, args, kwnames, "endswith", text::endswith)
}

/// `split` and `rsplit`.
fn split_with(
    vm: &mut Vm,
    args: &[ObjId],
    kwnames: &[Name],
    name: &str,
    rule: fn(&str, Option<&str>, i64) -> text::TextResult<Vec<String>>,
) -> PyResult<ObjId> {
    let (text, s, rest) = this(vm, args, name)?;
    let params = bind_params(vm, name, rest, kwnames, &["sep", "maxsplit"])?;
    let sep = match params[0].filter(|&p| !vm.is_none(p)) {
        Some(p) => Some(str_arg(vm, p, |t| format!("must be str or None, not {t}"))?),
        None => None,
    };
    let maxsplit = match params[1] {
        Some(m) => index_arg(vm, m)?,
        None => -1,
    };
    let parts = vm.text_result(rule(&text, sep.as_deref(), maxsplit))?;
    Ok(str_list(vm, s, &text, parts))
}

fn str_split(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    split_with(vm, args, kwnames, "split", text::split)
}

fn str_rsplit(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    split_with(vm, args, kwnames, "rsplit", text::rsplit)
}

fn str_splitlines(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (text, s, rest) = this(vm, args, "splitlines")?;
    let params = bind_params(vm, "splitlines", rest, kwnames, &["keepends"])?;
    let keepends = match params[0] {
        Some(k) => index_arg(vm, k)? != 0,
        None => false,
    };
    let parts = text::splitlines(&text, keepends);
    Ok(str_list(vm, s, &text, parts))
}

/// `strip`, `lstrip` and `rstrip`.
fn strip_with(
    vm: &mut Vm,
    args: &[ObjId],
    kwnames: &[Name],
    name: &str,
    rule: fn(&str, Option<&str>) -> String,
) -> PyResult<ObjId> {
    let (text, s, rest) = this(vm, args, name)?;
    check_args(
        vm,
        &format!("str.{name}"),
        rest,
        kwnames,
        Arity::Between(0, 1),
    )?;
    let chars = match rest.first().filter(|&&c| !vm.is_none(c)) {
        Some(&c) => Some(str_arg(vm, c, |_| {
            format!("{name} arg must be None or str")
        })?),
        None => None,
    };
    let result = rule(&text, chars.as_deref());
    Ok(same_or_new(vm, s, &text, &result))
}

fn str_strip(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    strip_with(vm, args, kwnames, "strip", text::strip)
}

fn str_lstrip(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    strip_with(vm, args, kwnames, "lstrip", text::lstrip)
}

fn str_rstrip(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    strip_with(vm, args, kwnames, "rstrip", text::rstrip)
}

/// A text rule splitting around a separator: before, the separator, after.
type Partition = fn(&str, &str) -> text::TextResult<(String, String, String)>;

/// `partition` and `rpartition`: a tuple of three strs.
fn partition_with(
    vm: &mut Vm,
    args: &[ObjId],
    kwnames: &[Name],
    name: &str,
    rule: Partition,
) -> PyResult<ObjId> {
    let (text, s, rest) = this(vm, args, name)?;
    check_args(vm, &format!("str.{name}"), rest, kwnames, Arity::One)?;
    let sep = str_arg(vm, rest[0], |t| format!("must be str, not {t}"))?;
    let (a, b, c) = vm.text_result(rule(&text, &sep))?;
    let items = vec![
        same_or_new(vm, s, &text, &a),
        vm.new_str(&b),
        same_or_new(vm, s, &text, &c),
    ];
    Ok(vm.new_tuple(items))
}

fn str_partition(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    partition_with(vm, args, kwnames, "partition", text::partition)
}

fn str_rpartition(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    partition_with(vm, args, kwnames, "rpartition", text::rpartition)
}

fn str_replace(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (text, s, rest) = this(vm, args, "replace")?;
    check_args(vm, "str.replace", rest, kwnames, Arity::Between(2, 3))?;
    let old = str_arg(vm, rest[0], |t| {
        format!("replace() argument 1 must be str, not {t}")
    })?;
    let new = str_arg(vm, rest[1], |t| {
        format!("replace() argument 2 must be str, not {t}")
    })?;
    let count = match rest.get(2) {
        Some(&c) => index_arg(vm, c)?,
        None => -1,
    };
    let result = vm.text_result(text::replace(&text, &old, &new, count))?;
    Ok(same_or_new(vm, s, &text, &result))
}

/// `ljust`, `rjust` and `center`: a width and an optional fill character.
fn pad_with(
    vm: &mut Vm,
    args: &[ObjId],
    kwnames: &[Name],
    name: &str,
    rule: fn(&str, i64, char) -> text::TextResult<String>,
) -> PyResult<ObjId> {
    let (text, s, rest) = this(vm, args, name)?;
    check_args(
        vm,
        &format!("str.{name}"),
        rest,
        kwnames,
        Arity::Between(1, 2),
    )?;
    let width = index_arg(vm, rest[0])?;
    let fill = match rest.get(1) {
        Some(&f) => {
            let f = str_arg(vm, f, |t| {
                format!("The fill character must be a unicode character, not {t}")
            })?;
            vm.text_result(text::fill_char(&f))?
        }
        None => ' ',
    };
    let result = vm.text_result(rule(&text, width, fill))?;
    Ok(same_or_new(vm, s, &text, &result))
}

fn str_ljust(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    pad_with(vm, args, kwnames, "ljust", text::ljust)
}

fn str_rjust(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    pad_with(vm, args, kwnames, "rjust", text::rjust)
}

fn str_center(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    pad_with(vm, args, kwnames, "center", text::center)
}

fn str_zfill(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (text, s, rest) = this(vm, args, "zfill")?;
    check_args(vm, "str.zfill", rest, kwnames, Arity::One)?;
    let width = index_arg(vm, rest[0])?;
    let result = vm.text_result(text::zfill(&text, width))?;
    Ok(same_or_new(vm, s, &text, &result))
}

fn str_expandtabs(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (text, _, rest) = this(vm, args, "expandtabs")?;
    let params = bind_params(vm, "expandtabs", rest, kwnames, &["tabsize"])?;
    let size = match params[0] {
        Some(t) => index_arg(vm, t)?,
        None => 8,
    };
    let result = vm.text_result(text::expandtabs(&text, size))?;
    Ok(vm.new_str(&result))
}

/// `removeprefix` and `removesuffix`.
fn remove_affix(
    vm: &mut Vm,
    args: &[ObjId],
    kwnames: &[Name],
    name: &str,
    rule: fn(&str, &str) -> String,
) -> PyResult<ObjId> {
    let (text, s, rest) = this(vm, args, name)?;
    check_args(vm, &format!("str.{name}"), rest, kwnames, Arity::One)?;
    let affix = str_arg(vm, rest[0], |t| {
        format!("{name}() argument must be str, not {t}")
    })?;
    let result = rule(&text, &affix);
    Ok(same_or_new(vm, s, &text, &result))
}

fn str_removeprefix(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    remove_affix(vm, args, kwnames, "removeprefix", text::removeprefix)
}

fn str_removesuffix(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    remove_affix(vm, args, kwnames, "removesuffix", text::removesuffix)
}

fn str_join(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (sep, _, rest) = this(vm, args, "join")?;
    check_args(vm, "str.join", rest, kwnames, Arity::One)?;
    let items = match vm.sequence_items(rest[0]) {
        Some(items) => items.into_iter().map(|i| vm.newref(i)).collect(),
        None => match vm.get_iter(rest[0]) {
            Ok(it) => {
                vm.release(it);
                vm.collect_iterable(rest[0])?
            }
            Err(Raised::Exception(e)) if vm.isinstance(e, vm.builtin_type("TypeError")) => {
                vm.release(e);
                return vm.type_error("can only join an iterable");
            }
            Err(e) => return Err(e),
        },
    };
    let mut parts = Vec::with_capacity(items.len());
    for (i, &item) in items.iter().enumerate() {
        match vm.as_str(item) {
            Some(s) => parts.push(s.to_string()),
            None => {
                let t = vm.type_name(item);
                vm.release_all(items);
                return vm.type_error(format!(
                    "sequence item {i}: expected str instance, {t} found"
                ));
            }
        }
    }
    let result = match items.as_slice() {
        [only] if matches!(vm.heap.body(*only), Body::Str(_)) => vm.newref(*only),
        _ => vm.new_str(&text::join(&sep, &parts)),
    };
    vm.release_all(items);
    Ok(result)
}

/// Registers the methods of `str`.
pub(crate) fn install(vm: &mut Vm) {
    let methods: &[(&'static str, super::NativeFn)] = &[
        ("upper", str_upper),
        ("lower", str_lower),
        ("title", str_title),
        ("capitalize", str_capitalize),
        ("swapcase", str_swapcase),
        ("casefold", str_casefold),
        ("isdigit", str_isdigit),
        ("isalpha", str_isalpha),
        ("isalnum", str_isalnum),
        ("isspace", str_isspace),
        ("isupper", str_isupper),
        ("islower", str_islower),
        ("istitle", str_istitle),
        ("isidentifier", str_isidentifier),
        ("isdecimal", str_isdecimal),
        ("isnumeric", str_isnumeric),
        ("isascii", str_isascii),
        ("isprintable", str_isprintable),
        ("find", str_find),
        ("rfind", str_rfind),
        ("count", str_count),
        ("index", str_index),
        ("rindex", str_rindex),
        ("startswith", str_startswith),
        ("endswith", str_endswith),
        ("split", str_split),
        ("rsplit", str_rsplit),
        ("splitlines", str_splitlines),
        ("strip", str_strip),
        ("lstrip", str_lstrip),
        ("rstrip", str_rstrip),
        ("partition", str_partition),
        ("rpartition", str_rpartition),
        ("replace", str_replace),
        ("ljust", str_ljust),
        ("rjust", str_rjust),
        ("center", str_center),
        ("zfill", str_zfill),
        ("expandtabs", str_expandtabs),
        ("removeprefix", str_removeprefix),
        ("removesuffix", str_removesuffix),
        ("join", str_join),
        ("format", format::str_format),
        ("format_map", format::str_format_map),
    ];
    vm.define_methods("str", methods);
}
