//! `repr()`, `str()` and `format()` of objects, as CPython writes them.

use weaklink_heap::{Body, Kind, ObjId};

use super::proxy::through_proxy;
use super::types::Tag;
use super::{PyResult, Vm};
use crate::compile::Conversion;
use crate::text;

/// Containers nested deeper than this print as `[...]` (CPython guards recursion too).
const MAX_REPR_DEPTH: usize = 200;

impl Vm {
    /// `repr(obj)` as Rust text.
    pub(crate) fn repr_string(&mut self, obj: ObjId) -> PyResult<String> {
        let mut seen = Vec::new();
        self.repr_inner(obj, &mut seen)
    }

    /// `str(obj)` as Rust text.
    pub(crate) fn str_string(&mut self, obj: ObjId) -> PyResult<String> {
        through_proxy!(self, obj, self.str_string(obj));
        if let Body::Str(s) = self.heap.body(obj) {
            return Ok(s.to_string());
        }
        if let Some(r) = self.call_special(obj, "__str__", &[]) {
            let r = r?;
            let text = self.as_str(r).map(str::to_string);
            self.release(r);
            return match text {
                Some(t) => Ok(t),
                None => self.type_error("__str__ returned non-string"),
            };
        }
        if let Some(s) = self.as_str(obj) {
            return Ok(s.to_string());
        }
        if self.is_exception(obj) {
            return self.exception_message(obj);
        }
        self.repr_string(obj)
    }

    fn repr_inner(&mut self, obj: ObjId, seen: &mut Vec<ObjId>) -> PyResult<String> {
        if let Some(r) = self.call_special(obj, "__repr__", &[]) {
            let r = r?;
            let text = self.as_str(r).map(str::to_string);
            self.release(r);
            return match text {
                Some(t) => Ok(t),
                None => self.type_error("__repr__ returned non-string"),
            };
        }
        if seen.len() > MAX_REPR_DEPTH {
            return self.raise(
                "RecursionError",
                "maximum recursion depth exceeded while getting the repr of an object",
            );
        }
        let body = self.heap.body(obj).clone();
        let body = match body {
            Body::Instance(inst) if inst.base.is_some() && !self.is_exception(obj) => {
                *inst.base.expect("base")
            }
            b => b,
        };
        Ok(match body {
            Body::None => "None".into(),
            Body::Bool(b) => if b { "True" } else { "False" }.into(),
            Body::Int(i) => i.to_string(),
            Body::Long(long) => {
                let value = text::BigInt::from_parts(long.negative, long.digits);
                self.text_result(value.to_decimal())?
            }
            Body::Float(f) => text::float_repr(f),
            Body::Str(s) => text::str_repr(&s),
            Body::Tuple(items) => {
                if !items.is_empty() {
                    self.repr_enter();
                }
                if seen.contains(&obj) {
                    return Ok("(...)".into());
                }
                seen.push(obj);
                let parts = self.repr_items(&items, seen)?;
                seen.pop();
                if items.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Body::List(list) => {
                if !list.items.is_empty() {
                    self.repr_enter();
                }
                if seen.contains(&obj) {
                    return Ok("[...]".into());
                }
                seen.push(obj);
                let parts = self.repr_items(&list.items, seen)?;
                seen.pop();
                format!("[{}]", parts.join(", "))
            }
            Body::Dict(dict) => {
                self.repr_enter();
                if seen.contains(&obj) {
                    return Ok("{...}".into());
                }
                seen.push(obj);
                let mut parts = Vec::new();
                for e in dict.iter() {
                    let k = self.repr_inner(e.key, seen)?;
                    let v = self.repr_inner(e.value, seen)?;
                    parts.push(format!("{k}: {v}"));
                }
                seen.pop();
                format!("{{{}}}", parts.join(", "))
            }
            Body::Set(set) => {
                self.repr_enter();
                let keys: Vec<ObjId> = set.entries.iter().map(|e| e.key).collect();
                let name = if set.frozen { "frozenset" } else { "set" };
                if keys.is_empty() {
                    return Ok(format!("{name}()"));
                }
                if seen.contains(&obj) {
                    return Ok(format!("{name}(...)"));
                }
                seen.push(obj);
                let parts = self.repr_items(&keys, seen)?;
                seen.pop();
                if set.frozen {
                    format!("frozenset({{{}}})", parts.join(", "))
                } else {
                    format!("{{{}}}", parts.join(", "))
                }
            }
            Body::Class(_) => format!("<class '{}'>", self.class_display_name(obj)),
            Body::WeakRef(w) => self.weakref_repr(obj, &w)?,
            Body::Record(r) => self.record_repr(obj, &r)?,
            Body::Instance(_) => {
                if self.is_exception(obj) {
                    let class = self.type_of(obj);
                    let name = self.class_info(class).name.clone();
                    let args = self.exc_args(obj);
                    let items = self.tuple_items(args);
                    let parts = self.repr_items(&items, seen)?;
                    if parts.len() == 1 {
                        format!("{name}({})", parts[0])
                    } else {
                        format!("{name}({})", parts.join(", "))
                    }
                } else {
                    let class = self.type_of(obj);
                    format!(
                        "<{} object at {}>",
                        self.class_display_name(class),
                        self.address(obj)
                    )
                }
            }
        })
    }

    /// CPython's `Py_ReprEnter` keeps the containers being printed in a list stored in the
    /// thread state's dict; the first container repr of a run makes both (two more objects
    /// in generation 0), and they live as long as the interpreter.
    fn repr_enter(&mut self) {
        if self.thread_state_dict.is_some() {
            return;
        }
        let dict = self.new_dict();
        let list = self.new_list(Vec::new());
        let key = self.new_str("Py_Repr");
        self.dict_set_str(dict, key, list);
        self.release(key);
        self.release(list);
        self.thread_state_dict = Some(dict);
    }

    fn repr_items(&mut self, items: &[ObjId], seen: &mut Vec<ObjId>) -> PyResult<Vec<String>> {
        let mut parts = Vec::with_capacity(items.len());
        for &item in items {
            parts.push(self.repr_inner(item, seen)?);
        }
        Ok(parts)
    }

    /// A made-up but stable address for `id()` and default reprs.
    pub(crate) fn address(&self, obj: ObjId) -> String {
        format!("0x{:x}", self.id_of(obj))
    }

    /// `id(obj)`: distinct for live objects.
    pub(crate) fn id_of(&self, obj: ObjId) -> i64 {
        0x7f00_0000_0000 + i64::from(obj.index()) * 48
    }

    fn weakref_repr(&mut self, obj: ObjId, w: &weaklink_heap::WeakRef) -> PyResult<String> {
        let kind = if self.heap.kind(obj) == Kind::Ref {
            "weakref"
        } else {
            "weakproxy"
        };
        Ok(match w.referent {
            Some(target) => {
                let tname = self.type_name(target);
                format!(
                    "<{kind} at {}; to '{tname}' at {}>",
                    self.address(obj),
                    self.address(target)
                )
            }
            None => format!("<{kind} at {}; dead>", self.address(obj)),
        })
    }

    fn record_repr(&mut self, obj: ObjId, r: &weaklink_heap::Record) -> PyResult<String> {
        Ok(match r.kind {
            Kind::Function => {
                let q = r.refs[super::call::FUNC_QUALNAME]
                    .and_then(|q| self.as_str(q))
                    .unwrap_or("?")
                    .to_string();
                format!("<function {q} at {}>", self.address(obj))
            }
            Kind::Method => {
                let func = r.refs[0].expect("method function");
                let this = r.refs[1].expect("method self");
                let q = match self.heap.body(func) {
                    Body::Record(f) => f
                        .refs
                        .get(super::call::FUNC_QUALNAME)
                        .copied()
                        .flatten()
                        .and_then(|q| self.as_str(q))
                        .unwrap_or("?")
                        .to_string(),
                    _ => "?".into(),
                };
                let this = self.repr_string(this)?;
                format!("<bound method {q} of {this}>")
            }
            Kind::BuiltinFunction => {
                let name = self.native_name(obj);
                match r.refs.first().copied().flatten() {
                    Some(this) => {
                        let t = self.type_name(this);
                        format!(
                            "<built-in method {name} of {t} object at {}>",
                            self.address(this)
                        )
                    }
                    None if Tag::of(r.data) == Tag::MethodDescriptor => {
                        format!("<method '{name}' objects>")
                    }
                    None => format!("<built-in function {name}>"),
                }
            }
            Kind::Module => {
                let dict = r.refs[0].expect("module dict");
                let name = self
                    .dict_get_str(dict, "__name__")
                    .and_then(|n| self.as_str(n))
                    .unwrap_or("?")
                    .to_string();
                format!("<module '{name}' (built-in)>")
            }
            Kind::Cell => format!("<cell at {}>", self.address(obj)),
            Kind::Generator => format!("<generator object at {}>", self.address(obj)),
            Kind::File => self.file_repr(obj)?,
            _ => match Tag::of(r.data) {
                Tag::NotImplemented => "NotImplemented".into(),
                Tag::Ellipsis => "Ellipsis".into(),
                Tag::Range => {
                    let parts: Vec<i64> = r
                        .refs
                        .iter()
                        .map(|x| x.and_then(|v| self.as_int(v)).unwrap_or(0))
                        .collect();
                    if parts.get(2) == Some(&1) {
                        format!("range({}, {})", parts[0], parts[1])
                    } else {
                        format!("range({}, {}, {})", parts[0], parts[1], parts[2])
                    }
                }
                Tag::Slice => {
                    let mut parts = Vec::new();
                    for x in r.refs.iter().take(3) {
                        parts.push(match x {
                            Some(v) => self.repr_string(*v)?,
                            None => "None".into(),
                        });
                    }
                    format!("slice({})", parts.join(", "))
                }
                Tag::DictKeys | Tag::DictValues | Tag::DictItems => {
                    let d = r.refs[0].expect("view dict");
                    let tag = Tag::of(r.data);
                    let it = self.get_iter(obj)?;
                    let mut items = Vec::new();
                    while let Some(v) = self.next_of(it)? {
                        items.push(v);
                    }
                    self.release(it);
                    let parts = self.repr_items(&items, &mut vec![d]);
                    self.release_all(items);
                    format!("{}([{}])", tag.type_name(), parts?.join(", "))
                }
                tag => format!("<{} object at {}>", tag.type_name(), self.address(obj)),
            },
        })
    }

    /// An f-string field: conversion, then `format(value, spec)`.
    pub(crate) fn format_value(
        &mut self,
        value: ObjId,
        conv: Conversion,
        spec: Option<ObjId>,
    ) -> PyResult<ObjId> {
        let spec_text = spec.and_then(|s| self.as_str(s)).unwrap_or("").to_string();
        let converted = match conv {
            Conversion::None => None,
            Conversion::Str => Some(self.str_string(value)?),
            Conversion::Repr => Some(self.repr_string(value)?),
            Conversion::Ascii => Some(text::str_ascii(&self.repr_string(value)?)),
        };
        let result = match converted {
            Some(t) => self.format_text(&t, &spec_text)?,
            None => self.format_object(value, &spec_text)?,
        };
        Ok(self.new_str(&result))
    }

    fn format_text(&mut self, value: &str, spec: &str) -> PyResult<String> {
        if spec.is_empty() {
            return Ok(value.to_string());
        }
        {
            let r = text::format_str(value, spec);
            self.text_result(r)
        }
    }

    /// `format(value, spec)` as Rust text.
    pub(crate) fn format_object(&mut self, value: ObjId, spec: &str) -> PyResult<String> {
        let spec_obj = self.new_str(spec);
        let custom = self.call_special(value, "__format__", &[spec_obj]);
        self.release(spec_obj);
        if let Some(result) = custom {
            let r = result?;
            let text = self.as_str(r).map(str::to_string);
            self.release(r);
            return match text {
                Some(t) => Ok(t),
                None => self.type_error("__format__ must return a str"),
            };
        }
        match self.heap.body(value) {
            Body::Int(i) => {
                let i = *i;
                {
                    let r = text::format_int(i, spec);
                    self.text_result(r)
                }
            }
            Body::Long(long) => {
                let value = text::BigInt::from_parts(long.negative, long.digits.clone());
                let r = text::format_big_int(&value, spec);
                self.text_result(r)
            }
            Body::Bool(b) if !spec.is_empty() => {
                let i = i64::from(*b);
                {
                    let r = text::format_int(i, spec);
                    self.text_result(r)
                }
            }
            Body::Float(f) => {
                let f = *f;
                {
                    let r = text::format_float(f, spec);
                    self.text_result(r)
                }
            }
            Body::Str(s) => {
                let s = s.to_string();
                self.format_text(&s, spec)
            }
            _ => {
                let s = self.str_string(value)?;
                if spec.is_empty() {
                    return Ok(s);
                }
                let t = self.type_name(value);
                self.type_error(format!(
                    "unsupported format string passed to {t}.__format__"
                ))
            }
        }
    }
}
