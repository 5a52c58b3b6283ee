//! The call instructions: `CALL` from the value stack (a bound method in the function slot
//! stays alive through the call), and `CALL_FUNCTION_EX` with CPython's temporary tuple,
//! its copies of `**` values and its messages.

use weaklink_heap::{Body, Kind, ObjId};

use super::call::Invoke;
use super::eval::Flow;
use super::{PyResult, Vm};

impl Vm {
    /// Calls what the stack holds for `Call(n)`: `NULL|method callable|self args..`.
    pub(crate) fn call_from_stack(&mut self, n: usize) -> PyResult<Flow> {
        let kwnames = match self.frame().kwnames.take() {
            Some(k) => self.kwnames_of(k),
            None => Vec::new(),
        };
        let mut args = self.pop_n(n);
        let second = self.pop_maybe();
        let first = self.pop_maybe();
        let mut held = Vec::new();
        let callable = match (first, second) {
            (Some(method), Some(this)) => {
                if self.heap.kind(method) == Kind::Method {
                    // A bound method in the function slot (the saved `__exit__` of a `with`)
                    // is called through vectorcall: it stays alive for the whole call.
                    held.push(self.newref(method));
                }
                args.insert(0, this);
                method
            }
            (None, Some(callable)) => callable,
            _ => unreachable!("a callable on the stack"),
        };
        self.call_and_push_holding(callable, args, &kwnames, held)
    }

    /// Like [`Vm::call_and_push`], holding `held` until the call ends.
    pub(crate) fn call_and_push_holding(
        &mut self,
        callable: ObjId,
        args: Vec<ObjId>,
        kwnames: &[weaklink_heap::Name],
        mut held: Vec<ObjId>,
    ) -> PyResult<Flow> {
        match self.invoke(callable, args, kwnames, false, &mut held) {
            Ok(Invoke::Done(value)) => {
                self.release_all(held);
                self.push(Some(value));
            }
            Ok(Invoke::Pushed) => {}
            Err(e) => {
                self.release_all(held);
                return Err(e);
            }
        }
        Ok(Flow::Next)
    }

    /// The keyword names of a call, from a constant tuple.
    pub(crate) fn kwnames_of(&mut self, k: u32) -> Vec<weaklink_heap::Name> {
        let tuple = self.frame().consts[k as usize];
        let items = self.tuple_items(tuple);
        items
            .into_iter()
            .map(|s| {
                let text = self.as_str(s).unwrap_or_default().to_string();
                self.intern(&text)
            })
            .collect()
    }

    /// `f(*args, **kwargs)`. As in CPython, an iterable that is not a tuple becomes a
    /// tuple held for the duration of the call, and the values of a non-empty `**` mapping
    /// are copied twice on the way (an unpacked argument array and the callee's own copy).
    pub(crate) fn call_ex(
        &mut self,
        callable: ObjId,
        args: ObjId,
        kwargs: Option<ObjId>,
    ) -> PyResult<Flow> {
        let mut held = Vec::new();
        let callargs = match self.call_ex_positional(callable, args) {
            Ok(t) => t,
            Err(e) => {
                self.release(callable);
                if let Some(k) = kwargs {
                    self.release(k);
                }
                return Err(e);
            }
        };
        held.push(callargs);
        let mut owned: Vec<ObjId> = self
            .tuple_items(callargs)
            .into_iter()
            .map(|a| self.newref(a))
            .collect();
        let mut kwnames = Vec::new();
        if let Some(kwargs) = kwargs {
            if !self.is_dict(kwargs) {
                let f = self.callable_display_name(callable);
                let t = self.type_name(kwargs);
                self.release_all(owned);
                self.release_all(held);
                self.release(kwargs);
                self.release(callable);
                return self
                    .type_error(format!("{f} argument after ** must be a mapping, not {t}"));
            }
            for (_, key, value) in self.dict_entries(kwargs) {
                let text = self.as_str(key).unwrap_or_default().to_string();
                kwnames.push(self.intern(&text));
                owned.push(self.newref(value));
                held.push(self.newref(value));
                held.push(self.newref(value));
            }
            self.release(kwargs);
        }
        self.call_and_push_holding(callable, owned, &kwnames, held)
    }

    /// `DICT_MERGE` of `f(**other)`: CPython's messages name the function being called.
    pub(crate) fn dict_merge_for_call(&mut self, depth: usize, other: ObjId) -> PyResult<()> {
        let dict = self.peek_at(depth);
        let keys = self.intern("keys");
        let is_mapping = self.is_dict(other) || {
            let class = self.type_of(other);
            self.lookup_in_class(class, keys).is_some()
        };
        if !is_mapping {
            let callable = self.peek_at(depth + 2);
            let f = self.callable_display_name(callable);
            let t = self.type_name(other);
            return self.type_error(format!("{f} argument after ** must be a mapping, not {t}"));
        }
        for (_, key, _) in self.dict_entries(other) {
            if self.dict_lookup(dict, key)?.is_some() {
                let callable = self.peek_at(depth + 2);
                let f = self.callable_display_name(callable);
                let k = self.str_string(key)?;
                return self.type_error(format!(
                    "{f} got multiple values for keyword argument '{k}'"
                ));
            }
        }
        self.dict_update(dict, other, true)
    }

    /// How CPython names a callable in call errors: `f()`, `print()`, `int object`.
    pub(crate) fn callable_display_name(&mut self, callable: ObjId) -> String {
        match self.heap.kind(callable) {
            Kind::Function => {
                let qualname = match self.heap.body(callable) {
                    Body::Record(r) => r.refs[super::call::FUNC_QUALNAME]
                        .and_then(|q| self.as_str(q))
                        .unwrap_or("?")
                        .to_string(),
                    _ => "?".into(),
                };
                let module = match self.heap.body(callable) {
                    Body::Record(r) => r.refs[super::call::FUNC_MODULE]
                        .and_then(|m| self.as_str(m))
                        .map(str::to_string),
                    _ => None,
                };
                match module {
                    Some(m) if m != "builtins" => format!("{m}.{qualname}()"),
                    _ => format!("{qualname}()"),
                }
            }
            Kind::BuiltinFunction => format!("{}()", self.native_name(callable)),
            _ => format!("{} object", self.type_name(callable)),
        }
    }

    /// The positional arguments of `f(*args)` as a tuple (a new reference; `args` is
    /// consumed).
    fn call_ex_positional(&mut self, callable: ObjId, args: ObjId) -> PyResult<ObjId> {
        if self.heap.kind(args) == Kind::Tuple {
            return Ok(args);
        }
        let type_name = self.type_name(args);
        let iterable = match self.get_iter(args) {
            Ok(it) => {
                self.release(it);
                true
            }
            Err(e) => {
                self.discard(e);
                false
            }
        };
        if !iterable {
            self.release(args);
            let f = self.callable_display_name(callable);
            return self.type_error(format!(
                "{f} argument after * must be an iterable, not {type_name}"
            ));
        }
        let items = self.collect_iterable(args);
        let items = match items {
            Ok(items) => items,
            Err(e) => {
                self.release(args);
                return Err(e);
            }
        };
        self.release(args);
        Ok(self.new_tuple(items))
    }
}
