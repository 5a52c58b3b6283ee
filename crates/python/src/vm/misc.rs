//! Imports, files, weak reference comparisons and other small protocols.

use weaklink_heap::{Body, Kind, Name, ObjId};

use super::types::Tag;
use super::{PyResult, Vm};
use crate::compile::CmpOp;

impl Vm {
    /// A module's namespace dict (borrowed).
    pub(crate) fn module_dict(&self, module: ObjId) -> ObjId {
        match self.heap.body(module) {
            Body::Record(r) => r.refs[0].expect("module dict"),
            _ => unreachable!("not a module"),
        }
    }

    /// `import name`: a new reference to the module.
    pub(crate) fn import_module(&mut self, name: Name) -> PyResult<ObjId> {
        match self.modules.get(&name).copied() {
            Some(m) => Ok(self.newref(m)),
            None => {
                let text = self.heap.names.text(name).to_string();
                self.raise("ModuleNotFoundError", format!("No module named '{text}'"))
            }
        }
    }

    /// `from module import name`.
    pub(crate) fn import_from(&mut self, module: ObjId, name: Name) -> PyResult<ObjId> {
        let dict = self.module_dict(module);
        match self.dict_get_name(dict, name) {
            Some(v) => Ok(self.newref(v)),
            None => {
                let text = self.heap.names.text(name).to_string();
                let module_name = self
                    .dict_get_str(dict, "__name__")
                    .and_then(|n| self.as_str(n))
                    .unwrap_or("?")
                    .to_string();
                self.raise(
                    "ImportError",
                    format!("cannot import name '{text}' from '{module_name}' (unknown location)"),
                )
            }
        }
    }

    /// Whether `callable(obj)` holds.
    pub(crate) fn is_callable(&mut self, obj: ObjId) -> bool {
        let call = self.special.call;
        let class = self.type_of(obj);
        matches!(
            self.heap.kind(obj),
            Kind::Function
                | Kind::BuiltinFunction
                | Kind::Method
                | Kind::Class
                | Kind::CallableProxy
        ) || (self.is_user_class(class) && self.lookup_in_class(class, call).is_some())
    }

    /// `str % args`, by CPython's rules in [`crate::text::percent_format_with`]; objects
    /// are converted with their own `__str__`/`__repr__`.
    pub(crate) fn percent_format(&mut self, format: ObjId, args: ObjId) -> PyResult<ObjId> {
        use crate::text::{percent_format_with, PercentArgs};
        use std::cell::RefCell;
        let template = self.as_str(format).unwrap_or("").to_string();
        let mut objects = Vec::new();
        let spec = if self.heap.kind(args) == Kind::Tuple {
            let items = self.tuple_items(args);
            PercentArgs::Tuple(
                items
                    .iter()
                    .map(|&a| self.percent_arg(a, &mut objects))
                    .collect(),
            )
        } else {
            let mapping = match self.base_kind(args) {
                Kind::Str => false,
                Kind::Dict | Kind::List => true,
                _ => {
                    let getitem = self.special.getitem;
                    let class = self.type_of(args);
                    self.lookup_user(class, getitem).is_some()
                }
            };
            PercentArgs::Single {
                value: self.percent_arg(args, &mut objects),
                mapping,
            }
        };
        let objects = RefCell::new(objects);
        let vm = RefCell::new(&mut *self);
        let result = percent_format_with(
            &template,
            &spec,
            |id, conversion| {
                let obj = objects.borrow()[id];
                let mut vm = vm.borrow_mut();
                let text = match conversion {
                    's' => vm.str_string(obj),
                    'a' => vm.repr_string(obj).map(|r| crate::text::str_ascii(&r)),
                    _ => vm.repr_string(obj),
                };
                text.map_err(PercentError::Raised)
            },
            |key| {
                let mut vm = vm.borrow_mut();
                let k = vm.new_str(key);
                let value = vm.getitem(args, k);
                vm.release(k);
                let value = value.map_err(PercentError::Raised)?;
                let arg = vm.percent_arg(value, &mut objects.borrow_mut());
                vm.release(value);
                Ok(arg)
            },
        );
        match result {
            Ok(text) => Ok(self.new_str(&text)),
            Err(PercentError::Raised(raised)) => Err(raised),
            Err(PercentError::Text(e)) => self.raise(e.kind.name(), &e.message),
        }
    }

    /// How `%`-formatting sees one value; other objects are remembered in `objects`.
    fn percent_arg(&self, obj: ObjId, objects: &mut Vec<ObjId>) -> crate::text::PercentArg {
        use crate::text::PercentArg;
        match self.heap.body(obj) {
            Body::Bool(b) => PercentArg::Bool(*b),
            Body::Int(i) => PercentArg::Int(*i),
            Body::Float(f) => PercentArg::Float(*f),
            Body::Str(s) => PercentArg::Str(s.to_string()),
            _ => {
                objects.push(obj);
                PercentArg::Object {
                    type_name: self.type_name(obj).to_string(),
                    id: objects.len() - 1,
                }
            }
        }
    }

    /// `next()` of tagged iterators other than the sequence ones (enumerate, zip...).
    pub(crate) fn native_next(&mut self, it: ObjId, tag: Tag) -> PyResult<Option<ObjId>> {
        let t = tag.type_name();
        let _ = it;
        self.type_error(format!("'{t}' object is not an iterator"))
    }

    /// `hash(weakref)`: the referent's hash, remembered; a dead reference never hashed
    /// raises `TypeError`.
    pub(crate) fn weakref_hash(&mut self, weakref: ObjId) -> PyResult<i64> {
        let Some(w) = self.heap.body(weakref).weakref().cloned() else {
            let t = self.type_name(weakref);
            return self.type_error(format!("descriptor '__hash__' requires a 'weakref.ReferenceType' object but received a '{t}'"));
        };
        if w.flavor != weaklink_heap::WeakFlavor::Ref {
            let t = self.type_name(weakref);
            return self.type_error(format!("unhashable type: '{t}'"));
        }
        if let Some(h) = w.hash {
            return Ok(h);
        }
        match w.referent {
            Some(target) => {
                let h = self.hash(target)?;
                self.heap.remember_weakref_hash(weakref, h);
                Ok(h)
            }
            None => self.type_error("weak object has gone away"),
        }
    }

    /// `==` and `!=` of weak references: referents compared while both live, identity
    /// otherwise.
    pub(crate) fn weakref_compare(
        &mut self,
        op: CmpOp,
        a: ObjId,
        b: ObjId,
    ) -> PyResult<Option<bool>> {
        if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
            return Ok(None);
        }
        let ta = self.heap.weakref_target(a);
        let tb = self.heap.weakref_target(b);
        let equal = match (ta, tb) {
            (Some(x), Some(y)) => self.eq(x, y)?,
            _ => a == b,
        };
        Ok(Some(equal == (op == CmpOp::Eq)))
    }
}

/// Why `%`-formatting failed: a rule of the format, or an exception from Python code.
enum PercentError {
    Text(crate::text::TextError),
    Raised(super::Raised),
}

impl From<crate::text::TextError> for PercentError {
    fn from(e: crate::text::TextError) -> Self {
        PercentError::Text(e)
    }
}
