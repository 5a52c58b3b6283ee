//! Statements and expressions on the heap, step for step as CPython 3.11's bytecode does
//! them: operands go on the value stack, results replace them, and temporaries are released
//! in the interpreter's order (which decides when a `__del__` prints).

use weaklink_heap::{Body, Cause, Dict, Heap, Kind, ObjId, WeakFlavor, DEBUG_SAVEALL};

use super::syntax::{Expr, Index, Method, Stmt, Target};
use super::world::{py_bool, str_hash, Atom, PyErr, World};

impl World {
    /// Evaluates an expression, leaving one new reference on the stack; on an exception the
    /// stack is as it was.
    pub fn eval(&mut self, h: &mut Heap, e: &Expr) -> Result<(), PyErr> {
        let base = self.stack.len();
        let result = self.eval_inner(h, e);
        if result.is_err() {
            self.unwind(h, base);
        } else {
            assert_eq!(self.stack.len(), base + 1, "{e} left one value");
        }
        result
    }

    fn eval_inner(&mut self, h: &mut Heap, e: &Expr) -> Result<(), PyErr> {
        match e {
            Expr::Name(n) => {
                let id = *self
                    .names
                    .get(n)
                    .ok_or_else(|| PyErr::new("NameError", format!("name '{n}' is not defined")))?;
                self.push_ref(h, id);
            }
            Expr::Int(i) => self.push_atom(h, Atom::Int(*i)),
            Expr::Str(s) => self.push_atom(h, Atom::Str(s.clone())),
            Expr::None => self.push_atom(h, Atom::None),
            Expr::Bool(b) => self.push_atom(h, Atom::Bool(*b)),
            Expr::Garbage => self.push_ref(h, h.garbage()),
            Expr::List(xs) | Expr::Tuple(xs) => {
                // BUILD_LIST / BUILD_TUPLE take the items off the stack.
                let base = self.stack.len();
                for x in xs {
                    self.eval(h, x)?;
                }
                let items = self.stack.split_off(base);
                let body = match e {
                    Expr::List(_) => Body::list_of(items),
                    _ => Body::Tuple(items),
                };
                let id = h.alloc_owning(body);
                self.stack.push(id);
                self.settle(h);
            }
            Expr::Dict(entries) => {
                // BUILD_MAP: keys and values stay on the stack until the dict holds them.
                let base = self.stack.len();
                for (k, v) in entries {
                    self.push_atom(h, key_atom(k));
                    self.eval(h, v)?;
                }
                let d = h.alloc(Body::Dict(Box::new(Dict::new())));
                self.stack.push(d);
                self.settle(h);
                for (i, (k, _)) in entries.iter().enumerate() {
                    let value = self.stack[base + 2 * i + 1];
                    self.dict_store(h, d, k, value);
                }
                for _ in 0..2 * entries.len() {
                    self.release(h, 1);
                }
            }
            Expr::New { class, name, watch } => {
                self.new_instance(h, *class, name, watch.as_deref());
            }
            Expr::Weak {
                proxy,
                target,
                label,
                drop,
            } => {
                self.eval(h, target)?;
                let referent = self.top();
                let callback = label.as_ref().map(|l| self.callback(l, *drop));
                let flavor = match (proxy, h.kind(referent)) {
                    (false, _) => WeakFlavor::Ref,
                    (true, Kind::Class | Kind::Function) => WeakFlavor::CallableProxy,
                    (true, _) => WeakFlavor::Proxy,
                };
                match h.new_weakref(referent, callback, flavor) {
                    Ok(wr) => {
                        self.stack.push(wr);
                        self.settle(h);
                        // The call's argument goes after the result exists.
                        self.release(h, 1);
                    }
                    Err(err) => {
                        self.settle(h);
                        return Err(PyErr::new("TypeError", err));
                    }
                }
            }
            Expr::Attr(x, attr) => {
                self.eval(h, x)?;
                let obj = self.through_proxy(h, self.top())?;
                let name = h.names.intern(attr);
                let value = match h.attr(obj, name) {
                    Some(v) => v,
                    // `watch` is also a class attribute of `Obj`, None by default.
                    None if attr == "watch" && self.class_of(h, obj).is_some() => {
                        self.atom(h, Atom::None)
                    }
                    None => {
                        return Err(PyErr::new(
                            "AttributeError",
                            format!("'{}' object has no attribute '{attr}'", h.type_name(obj)),
                        ))
                    }
                };
                self.push_ref(h, value);
                self.release(h, 1);
            }
            Expr::Index(x, index) => {
                self.eval(h, x)?;
                let container = self.through_proxy(h, self.top())?;
                let item = self.item(h, container, index, "index")?;
                self.push_ref(h, item);
                self.release(h, 1);
            }
            Expr::Call(x) => {
                self.eval(h, x)?;
                let wr = self.top();
                assert_eq!(h.kind(wr), Kind::Ref, "only weak references are called");
                let result = match h.weakref_target(wr) {
                    Some(r) => r,
                    None => self.atom(h, Atom::None),
                };
                self.push_ref(h, result);
                self.release(h, 1);
            }
            Expr::Method(x, method) => self.method(h, x, method)?,
            Expr::Is {
                left,
                right,
                negated,
            } => {
                self.eval(h, left)?;
                self.eval(h, right)?;
                let same = self.stack[self.stack.len() - 2] == self.top();
                // IS_OP releases the left operand, then the right one.
                self.release(h, 1);
                self.release(h, 0);
                self.push_atom(h, Atom::Bool(same != *negated));
            }
        }
        Ok(())
    }

    /// Pushes an int: a static small int, or a new one.
    fn push_int(&mut self, h: &mut Heap, n: i64) {
        if (-5..=256).contains(&n) {
            self.push_atom(h, Atom::Int(n));
        } else {
            let id = h.alloc(Body::Int(n));
            self.stack.push(id);
        }
    }

    fn push_atom(&mut self, h: &mut Heap, atom: Atom) {
        let id = self.atom(h, atom);
        self.push_ref(h, id);
    }

    /// The referent of a proxy (attribute and item access go through to it).
    fn through_proxy(&self, h: &Heap, obj: ObjId) -> Result<ObjId, PyErr> {
        match h.kind(obj) {
            Kind::Proxy | Kind::CallableProxy => h.weakref_target(obj).ok_or_else(|| {
                PyErr::new(
                    "ReferenceError",
                    "weakly-referenced object no longer exists",
                )
            }),
            _ => Ok(obj),
        }
    }

    /// `container[index]` for reading.
    fn item(
        &mut self,
        h: &mut Heap,
        container: ObjId,
        index: &Index,
        what: &str,
    ) -> Result<ObjId, PyErr> {
        match (h.body(container), index) {
            (Body::List(_) | Body::Tuple(_), Index::Int(i)) => {
                let items = match h.body(container) {
                    Body::Tuple(items) => items.as_slice(),
                    _ => h.list_items(container),
                };
                let pos = position(items.len(), *i).ok_or_else(|| {
                    PyErr::new(
                        "IndexError",
                        format!("{} {what} out of range", h.type_name(container)),
                    )
                })?;
                Ok(items[pos])
            }
            (Body::Dict(_), k) => match self.dict_find(h, container, k) {
                Some(pos) => Ok(h
                    .dict(container)
                    .and_then(|d| d.entry(pos))
                    .expect("entry")
                    .value),
                None => Err(PyErr::new("KeyError", k)),
            },
            (b, _) => panic!("unsupported subscript {index} of {b:?} ({})", self.context),
        }
    }

    /// The position of a key in a dict. Keys are constants, so identity is equality.
    fn dict_find(&mut self, h: &mut Heap, d: ObjId, key: &Index) -> Option<usize> {
        let k = self.atom(h, key_atom(key));
        let dict = h.dict(d).expect("a dict");
        let found = dict
            .with_hash(key_hash(key))
            .find(|(_, e)| e.key == k)
            .map(|(pos, _)| pos);
        found
    }

    /// `d[key] = value` (the dict takes its own reference).
    fn dict_store(&mut self, h: &mut Heap, d: ObjId, key: &Index, value: ObjId) {
        match self.dict_find(h, d, key) {
            Some(pos) => h.dict_replace(d, pos, value),
            None => {
                let k = self.atom(h, key_atom(key));
                h.dict_insert(d, key_hash(key), k, value);
            }
        }
        self.settle(h);
    }

    fn method(&mut self, h: &mut Heap, x: &Expr, method: &Method) -> Result<(), PyErr> {
        self.eval(h, x)?;
        let container = self.through_proxy(h, self.top())?;
        match method {
            Method::Append(v) => {
                self.eval(h, v)?;
                h.list_append(container, self.top());
                self.settle(h);
                // CALL releases `self`, then the argument.
                self.release(h, 1);
                self.release(h, 0);
                self.push_atom(h, Atom::None);
            }
            Method::Pop(index) => {
                let len = h.list_items(container).len();
                let pos = match index {
                    None if len == 0 => {
                        return Err(PyErr::new("IndexError", "pop from empty list"))
                    }
                    None => len - 1,
                    Some(i) => position(len, *i)
                        .ok_or_else(|| PyErr::new("IndexError", "pop index out of range"))?,
                };
                let item = h.list_pop(container, pos);
                self.stack.push(item);
                self.settle(h);
                self.release(h, 1);
            }
            Method::Clear => {
                match h.body(container) {
                    Body::Dict(_) => h.dict_clear(container),
                    _ => h.list_clear(container),
                }
                self.settle(h);
                self.release(h, 0);
                self.push_atom(h, Atom::None);
            }
        }
        Ok(())
    }

    /// Runs one statement, appending what it prints to `out`.
    pub fn exec(&mut self, h: &mut Heap, stmt: &Stmt) -> Result<(), PyErr> {
        match stmt {
            Stmt::Assign(target, e) => {
                self.eval(h, e)?;
                self.store(h, target)?;
            }
            Stmt::Del(targets) => {
                for t in targets {
                    self.delete(h, t)?;
                }
            }
            Stmt::Expr(e) => {
                self.eval(h, e)?;
                self.release(h, 0);
            }
            Stmt::Print(e) => {
                // An f-string: the value is formatted and released, then written.
                self.eval(h, e)?;
                let text = self.render(h, self.top());
                self.release(h, 0);
                self.out.push(text);
            }
            Stmt::Try(e) => match self.eval(h, e) {
                Ok(()) => {
                    self.release(h, 0);
                    self.out.push("ok".to_string());
                }
                Err(PyErr(text)) => self.out.push(text),
            },
            Stmt::Collect(generation) => {
                let generation = generation.unwrap_or(2);
                let started = h.collect(generation);
                self.settle(h);
                let found = if started {
                    h.gc().last_result.expect("a finished collection")
                } else {
                    0
                };
                self.out.push(found.to_string());
                if generation == 2 {
                    self.check_nothing_unreachable(h);
                }
            }
            Stmt::Refcount(e) => {
                self.eval(h, e)?;
                let n = h.refcount(self.top());
                self.release(h, 0);
                self.out.push(n.to_string());
            }
            Stmt::Tracked(e) => {
                self.eval(h, e)?;
                let tracked = h.is_tracked(self.top());
                self.release(h, 0);
                self.out.push(py_bool(tracked).to_string());
            }
            Stmt::Alive(e) => {
                self.eval(h, e)?;
                assert_eq!(h.kind(self.top()), Kind::Ref, "alive takes a weakref.ref");
                let alive = h.weakref_target(self.top()).is_some();
                self.release(h, 0);
                self.out.push(py_bool(alive).to_string());
            }
            Stmt::Weakcount(e) => {
                self.eval(h, e)?;
                let n = h.weakref_count(self.top());
                self.release(h, 0);
                self.out.push(n.to_string());
            }
            Stmt::Garbage => {
                let n = h.list_items(h.garbage()).len();
                self.out.push(n.to_string());
            }
            Stmt::Count => {
                let (a, b, c) = h.gc().counts();
                // `gc.get_count()` builds a tuple after reading the counts; `%` formats it
                // and it is freed (into the tuple free list, if there is room).
                for n in [a, b, c] {
                    self.push_int(h, n as i64);
                }
                let items = self.stack.split_off(self.stack.len() - 3);
                let t = h.alloc_owning(Body::Tuple(items));
                self.stack.push(t);
                self.settle(h);
                self.release(h, 0);
                self.out.push(format!("({a}, {b}, {c})"));
            }
            Stmt::Debug(saveall) => {
                h.gc_mut().debug = if *saveall { DEBUG_SAVEALL } else { 0 };
            }
        }
        Ok(())
    }

    /// Stores the value on top of the stack (STORE_NAME, STORE_ATTR, STORE_SUBSCR).
    fn store(&mut self, h: &mut Heap, target: &Target) -> Result<(), PyErr> {
        match target {
            Target::Name(n) => {
                let value = self.stack.pop().expect("the value");
                if let Some(old) = self.names.insert(n.clone(), value) {
                    h.decref(old, Cause::NameUnbound);
                    self.settle(h);
                }
            }
            Target::Attr(x, attr) => {
                let base = self.stack.len() - 1;
                if let Err(err) = self.eval(h, x) {
                    self.unwind(h, base);
                    return Err(err);
                }
                let obj = match self.through_proxy(h, self.top()) {
                    Ok(obj) => obj,
                    Err(err) => {
                        self.unwind(h, base);
                        return Err(err);
                    }
                };
                assert!(
                    matches!(h.body(obj), Body::Instance(_)),
                    "only instances take attributes ({})",
                    self.context
                );
                let name = h.names.intern(attr);
                h.set_attr(obj, name, self.stack[base]);
                self.settle(h);
                // The value is released first, then the owner.
                self.release(h, 1);
                self.release(h, 0);
            }
            Target::Index(x, index) => {
                let base = self.stack.len() - 1;
                if let Err(err) = self.eval(h, x) {
                    self.unwind(h, base);
                    return Err(err);
                }
                let container = self.top();
                let value = self.stack[base];
                match (h.body(container), index) {
                    (Body::List(_), Index::Int(i)) => {
                        match position(h.list_items(container).len(), *i) {
                            Some(pos) => h.list_set(container, pos, value),
                            None => {
                                self.unwind(h, base);
                                return Err(PyErr::new(
                                    "IndexError",
                                    "list assignment index out of range",
                                ));
                            }
                        }
                        self.settle(h);
                    }
                    (Body::Dict(_), k) => self.dict_store(h, container, k, value),
                    (b, _) => panic!("unsupported store into {b:?} ({})", self.context),
                }
                self.release(h, 1);
                self.release(h, 0);
            }
            Target::Slice(_) => panic!("slices can only be deleted"),
        }
        Ok(())
    }

    /// DELETE_NAME, DELETE_ATTR, DELETE_SUBSCR and `del l[:]`.
    fn delete(&mut self, h: &mut Heap, target: &Target) -> Result<(), PyErr> {
        let x = match target {
            Target::Name(n) => {
                let old = self
                    .names
                    .remove(n)
                    .ok_or_else(|| PyErr::new("NameError", format!("name '{n}' is not defined")))?;
                h.decref(old, Cause::NameUnbound);
                self.settle(h);
                return Ok(());
            }
            Target::Attr(x, _) | Target::Index(x, _) | Target::Slice(x) => x,
        };
        self.eval(h, x)?;
        let base = self.stack.len() - 1;
        let obj = match self.through_proxy(h, self.top()) {
            Ok(obj) => obj,
            Err(err) => {
                self.unwind(h, base);
                return Err(err);
            }
        };
        let outcome = match target {
            Target::Attr(_, attr) => {
                let name = h.names.intern(attr);
                if h.del_attr(obj, name) {
                    Ok(())
                } else {
                    Err(PyErr::new(
                        "AttributeError",
                        format!("'{}' object has no attribute '{attr}'", h.type_name(obj)),
                    ))
                }
            }
            Target::Index(_, Index::Int(i)) if !matches!(h.body(obj), Body::Dict(_)) => {
                match position(h.list_items(obj).len(), *i) {
                    Some(pos) => {
                        let item = h.list_pop(obj, pos);
                        h.decref(item, Cause::RemovedFrom(obj));
                        Ok(())
                    }
                    None => Err(PyErr::new(
                        "IndexError",
                        "list assignment index out of range",
                    )),
                }
            }
            Target::Index(_, k) => match self.dict_find(h, obj, k) {
                Some(pos) => {
                    h.dict_remove(obj, pos);
                    Ok(())
                }
                None => Err(PyErr::new("KeyError", k)),
            },
            Target::Slice(_) => {
                h.list_clear(obj);
                Ok(())
            }
            Target::Name(_) => unreachable!("handled above"),
        };
        self.settle(h);
        self.release(h, 0);
        outcome
    }
}

/// The constant a dict key is.
fn key_atom(key: &Index) -> Atom {
    match key {
        Index::Int(i) => Atom::Int(*i),
        Index::Str(s) => Atom::Str(s.clone()),
    }
}

/// A dict key's hash (any fixed function serves: equal keys are the same constant).
fn key_hash(key: &Index) -> i64 {
    match key {
        Index::Int(i) => *i,
        Index::Str(s) => str_hash(s),
    }
}

/// A Python index into a sequence of `len` items, if in range.
fn position(len: usize, i: i64) -> Option<usize> {
    let pos = if i < 0 { len as i64 + i } else { i };
    (0..len as i64).contains(&pos).then_some(pos as usize)
}
