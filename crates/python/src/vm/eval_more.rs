//! The rest of the evaluation loop: building containers, jumps, calls, exceptions,
//! `with`, generators and imports.

use weaklink_heap::{Body, Cause, Kind, ObjId, Record};

use super::call::{FUNC_CLOSURE, FUNC_DEFAULTS, FUNC_KWDEFAULTS};
use super::eval::Flow;
use super::exc::{EXC_CAUSE, EXC_CONTEXT};
use super::types::Tag;
use super::{PyResult, Raised, Vm};
use crate::compile::Instr;

impl Vm {
    pub(crate) fn execute_more(&mut self, instr: Instr) -> PyResult<Flow> {
        match instr {
            Instr::BuildTuple(n) => {
                let items = self.pop_n_owned(n as usize);
                let t = self.new_tuple(items);
                self.push(Some(t));
            }
            Instr::BuildList(n) => {
                let items = self.pop_n_owned(n as usize);
                let l = self.new_list(items);
                self.push(Some(l));
            }
            Instr::BuildSet(n) => {
                let items = self.pop_n_owned(n as usize);
                let set = self.new_set(false);
                let mut result = Ok(());
                for &item in &items {
                    if result.is_ok() {
                        result = self.set_add(set, item);
                    }
                }
                self.release_all(items);
                if let Err(e) = result {
                    self.release(set);
                    return Err(e);
                }
                self.push(Some(set));
            }
            Instr::BuildMap(n) => {
                let items = self.pop_n_owned(2 * n as usize);
                let dict = self.new_dict();
                let mut result = Ok(());
                for pair in items.chunks(2) {
                    if result.is_ok() {
                        result = self.setitem(dict, pair[0], pair[1]);
                    }
                }
                self.release_all(items);
                if let Err(e) = result {
                    self.release(dict);
                    return Err(e);
                }
                self.push(Some(dict));
            }
            Instr::BuildString(n) => {
                let parts = self.pop_n_owned(n as usize);
                let mut text = String::new();
                for &p in &parts {
                    text.push_str(self.as_str(p).unwrap_or_default());
                }
                self.release_all(parts);
                let s = self.new_str(&text);
                self.push(Some(s));
            }
            Instr::ListAppend(i) => {
                let v = self.pop();
                let list = self.peek_at(i as usize);
                self.heap.list_append(list, v);
                self.heap.decref(v, Cause::StackPop);
            }
            Instr::ListExtend(i) => {
                let iterable = self.pop();
                let list = self.peek_at(i as usize);
                let result = self.list_extend(list, iterable);
                self.release(iterable);
                result?;
            }
            Instr::SetAdd(i) => {
                let v = self.pop();
                let set = self.peek_at(i as usize);
                let result = self.set_add(set, v);
                self.release(v);
                result?;
            }
            Instr::SetUpdate(i) => {
                let iterable = self.pop();
                let set = self.peek_at(i as usize);
                let result = self.set_update(set, iterable);
                self.release(iterable);
                result?;
            }
            Instr::MapAdd(i) => {
                let value = self.pop();
                let key = self.pop();
                let dict = self.peek_at(i as usize);
                let result = self.setitem(dict, key, value);
                self.release(key);
                self.release(value);
                result?;
            }
            Instr::DictMerge(i) => {
                let other = self.pop();
                let result = self.dict_merge_for_call(i as usize, other);
                self.release(other);
                result?;
            }
            Instr::DictUpdate(i) => {
                let other = self.pop();
                let dict = self.peek_at(i as usize);
                let result = self.dict_update(dict, other, matches!(instr, Instr::DictMerge(_)));
                self.release(other);
                result?;
            }
            Instr::ListToTuple => {
                let list = self.pop();
                let items = self.sequence_items(list).unwrap_or_default();
                let items = items.into_iter().map(|i| self.newref(i)).collect();
                let t = self.new_tuple(items);
                self.release(list);
                self.push(Some(t));
            }
            Instr::FormatValue { conv, has_spec } => {
                let spec = if has_spec { Some(self.pop()) } else { None };
                let value = self.pop();
                let result = self.format_value(value, conv, spec);
                self.release(value);
                if let Some(spec) = spec {
                    self.release(spec);
                }
                self.push(Some(result?));
            }
            Instr::UnpackSequence(n) => {
                let seq = self.pop();
                let result = self.unpack(seq, n as usize, None);
                self.release(seq);
                for item in result?.into_iter().rev() {
                    self.push(Some(item));
                }
            }
            Instr::UnpackEx { before, after } => {
                let seq = self.pop();
                let result = self.unpack(seq, before as usize, Some(after as usize));
                self.release(seq);
                for item in result?.into_iter().rev() {
                    self.push(Some(item));
                }
            }
            Instr::JumpIfFalseOrPop(target) | Instr::JumpIfTrueOrPop(target) => {
                let v = self.peek_at(1);
                let truth = self.truthy(v)?;
                if truth == matches!(instr, Instr::JumpIfTrueOrPop(_)) {
                    self.frame().ip = target as usize;
                } else {
                    let v = self.pop();
                    self.release(v);
                }
            }
            Instr::GetIter => {
                let v = self.pop();
                let result = self.get_iter(v);
                self.release(v);
                self.push(Some(result?));
            }
            Instr::CallFunctionEx { has_kwargs } => {
                let kwargs = if has_kwargs { Some(self.pop()) } else { None };
                let args = self.pop();
                let callable = self.pop();
                let _null = self.pop_slot();
                return self.call_ex(callable, args, kwargs);
            }
            Instr::MakeFunction {
                defaults,
                kwdefaults,
                closure,
            } => {
                let code = self.pop();
                let closure = if closure { Some(self.pop()) } else { None };
                let kwdefaults = if kwdefaults { Some(self.pop()) } else { None };
                let defaults = if defaults { Some(self.pop()) } else { None };
                let func = self.make_function(code, defaults, kwdefaults, closure);
                self.push(Some(func));
            }
            Instr::LoadBuildClass => {
                let f = self.builtin_function("__build_class__");
                self.push(Some(f));
            }
            Instr::SetupFinally { handler, depth } => {
                self.push_block(handler, depth);
            }
            Instr::PopBlock => {
                self.frame().blocks.pop();
            }
            Instr::PushExcInfo => {
                let exc = self.pop();
                let prev = match self.handled.take() {
                    Some(p) => p,
                    None => self.new_none(),
                };
                self.push(Some(prev));
                self.push(Some(exc));
                self.handled = Some(self.newref(exc));
            }
            Instr::PopExcept => {
                let prev = self.pop();
                let old = if self.is_none(prev) {
                    self.release(prev);
                    self.handled.take()
                } else {
                    self.handled.replace(prev)
                };
                if let Some(old) = old {
                    self.release(old);
                }
            }
            Instr::CheckExcMatch => {
                let class = self.pop();
                let exc = self.peek_at(1);
                let result = self.exception_matches(exc, class);
                self.release(class);
                let v = self.new_bool(result?);
                self.push(Some(v));
            }
            Instr::Raise(n) => return self.do_raise(n),
            Instr::Reraise => {
                let exc = self.pop();
                return Err(Raised::Exception(exc));
            }
            Instr::BeforeWith => {
                let mgr = self.pop();
                let result = self.before_with(mgr);
                self.release(mgr);
                let (exit, value) = result?;
                self.push(Some(exit));
                self.push(Some(value));
            }
            Instr::WithExceptStart => {
                let exc = self.peek_at(1);
                let exit = self.peek_at(3);
                let class = self.type_of(exc);
                let tb = self.traceback_of(exc);
                let result = self.call(exit, &[class, exc, tb]);
                self.release(tb);
                self.push(Some(result?));
            }
            Instr::LoadAssertionError => {
                let class = self.builtin_type("AssertionError");
                let v = self.newref(class);
                self.push(Some(v));
            }
            Instr::ReturnGenerator => return self.return_generator(),
            Instr::YieldValue => {
                let v = self.pop();
                return self.generator_yield(v);
            }
            Instr::GetYieldFromIter => {
                let v = self.pop();
                let result = self.get_iter(v);
                self.release(v);
                self.push(Some(result?));
            }
            Instr::Send(target) => {
                let value = self.pop();
                self.release(value);
                let it = self.peek_at(1);
                match self.next_of(it)? {
                    Some(v) => self.push(Some(v)),
                    None => {
                        let it = self.pop();
                        self.release(it);
                        let none = self.new_none();
                        self.push(Some(none));
                        self.frame().ip = target as usize;
                    }
                }
            }
            Instr::ImportName(n) => {
                let name = self.frame().names[n as usize];
                let module = self.import_module(name)?;
                self.push(Some(module));
            }
            Instr::ImportFrom(n) => {
                let name = self.frame().names[n as usize];
                let module = self.peek_at(1);
                let value = self.import_from(module, name)?;
                self.push(Some(value));
            }
            other => unreachable!("instruction {other:?} is handled by execute"),
        }
        Ok(Flow::Next)
    }

    fn pop_n_owned(&mut self, n: usize) -> Vec<ObjId> {
        let stack = &mut self.frame().stack;
        let at = stack.len() - n;
        stack.drain(at..).map(|v| v.expect("a value")).collect()
    }

    fn pop_slot(&mut self) -> Option<ObjId> {
        self.frame().stack.pop().expect("a slot")
    }

    /// The value `n` places from the top (1 is the top), borrowed.
    pub(crate) fn peek_at(&mut self, n: usize) -> ObjId {
        let stack = &self.frame().stack;
        stack[stack.len() - n].expect("a value")
    }

    fn make_function(
        &mut self,
        code: ObjId,
        defaults: Option<ObjId>,
        kwdefaults: Option<ObjId>,
        closure: Option<ObjId>,
    ) -> ObjId {
        let code_id = match self.heap.body(code) {
            Body::Record(r) => Tag::state(r.data) as usize,
            _ => unreachable!("a code object"),
        };
        let co = self.codes[code_id].code.clone();
        let globals = self.frame().globals;
        let module = self.dict_get_str(globals, "__name__");
        let name = self.new_str(&co.name);
        let qualname = self.new_str(&co.qualname);
        let doc = match &co.docstring {
            Some(d) => self.new_str(d),
            None => self.new_none(),
        };
        let mut refs = vec![None; 10];
        refs[super::call::FUNC_CODE] = Some(code);
        refs[super::call::FUNC_GLOBALS] = Some(self.newref(globals));
        refs[super::call::FUNC_MODULE] = module.map(|m| self.newref(m));
        refs[FUNC_DEFAULTS] = defaults;
        refs[FUNC_KWDEFAULTS] = kwdefaults;
        refs[super::call::FUNC_DOC] = Some(doc);
        refs[super::call::FUNC_NAME] = Some(name);
        refs[FUNC_CLOSURE] = closure;
        refs[super::call::FUNC_QUALNAME] = Some(qualname);
        let func = self.heap.alloc_owning(Body::Record(Record {
            kind: Kind::Function,
            refs,
            data: Tag::Plain.data(code_id as u64),
            has_finalizer: false,
        }));
        self.settle();
        func
    }

    fn do_raise(&mut self, n: u32) -> PyResult<Flow> {
        match n {
            0 => match self.handled {
                Some(exc) => {
                    let exc = self.newref(exc);
                    Err(Raised::Exception(exc))
                }
                None => self.raise("RuntimeError", "No active exception to reraise"),
            },
            _ => {
                let cause = if n == 2 { Some(self.pop()) } else { None };
                let value = self.pop();
                let exc = self.exception_from(value);
                self.release(value);
                let exc = exc?;
                if let Some(cause) = cause {
                    let cause_exc = if self.is_none(cause) {
                        None
                    } else {
                        match self.exception_from(cause) {
                            Ok(c) => Some(c),
                            Err(e) => {
                                self.release(cause);
                                self.release(exc);
                                return Err(e);
                            }
                        }
                    };
                    self.release(cause);
                    self.heap.set_field(exc, EXC_CAUSE, cause_exc);
                    self.set_suppress_context(exc, true);
                    if let Some(c) = cause_exc {
                        self.heap.decref(c, Cause::Other);
                    }
                    self.settle();
                }
                Err(Raised::Exception(exc))
            }
        }
    }

    /// Links a newly raised exception to the one being handled (`__context__`).
    pub(crate) fn set_context(&mut self, exc: ObjId) {
        if let Some(handled) = self.handled {
            if handled != exc && self.exc_field(exc, EXC_CONTEXT).is_none() {
                self.heap.set_field(exc, EXC_CONTEXT, Some(handled));
                self.settle();
            }
        }
    }

    fn exception_matches(&mut self, exc: ObjId, class: ObjId) -> PyResult<bool> {
        let classes = if self.heap.kind(class) == Kind::Tuple {
            self.tuple_items(class)
        } else {
            vec![class]
        };
        let mut matched = false;
        for c in classes {
            if !self.is_exception_class(c) {
                return self.type_error(
                    "catching classes that do not inherit from BaseException is not allowed",
                );
            }
            matched |= self.isinstance(exc, c);
        }
        Ok(matched)
    }

    fn before_with(&mut self, mgr: ObjId) -> PyResult<(ObjId, ObjId)> {
        let enter = self.special.enter;
        let exit = self.special.exit;
        let class = self.type_of(mgr);
        let (Some(enter_fn), Some(_)) = (
            self.lookup_in_class(class, enter),
            self.lookup_in_class(class, exit),
        ) else {
            let name = self.type_name(mgr);
            return self.type_error(format!(
                "'{name}' object does not support the context manager protocol"
            ));
        };
        let exit_bound = self.getattr(mgr, exit)?;
        match self.call_descriptor(enter_fn, mgr, &[]) {
            Ok(value) => Ok((exit_bound, value)),
            Err(e) => {
                self.release(exit_bound);
                Err(e)
            }
        }
    }
}
