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
        let call = self.intern("__call__");
        let class = self.type_of(obj);
        matches!(
            self.heap.kind(obj),
            Kind::Function
                | Kind::BuiltinFunction
                | Kind::Method
                | Kind::Class
                | Kind::CallableProxy
        ) || (self.classes.get(&class).is_some_and(|i| i.user)
            && self.lookup_in_class(class, call).is_some())
    }

    /// Writes to an in-memory file.
    pub(crate) fn file_write(&mut self, file: ObjId, text: &str) -> PyResult<()> {
        let name = match self.heap.body(file) {
            Body::Record(r) => r
                .refs
                .first()
                .copied()
                .flatten()
                .and_then(|n| self.as_str(n))
                .map(str::to_string),
            _ => None,
        };
        match name {
            Some(name) => {
                self.files.entry(name).or_default().push_str(text);
                Ok(())
            }
            None => self.value_error("I/O operation on closed file."),
        }
    }

    /// `str % args`.
    pub(crate) fn percent_format(&mut self, format: ObjId, args: ObjId) -> PyResult<ObjId> {
        let template = self.as_str(format).unwrap_or("").to_string();
        let values = if self.heap.kind(args) == Kind::Tuple {
            self.tuple_items(args)
        } else {
            vec![args]
        };
        let mut out = String::new();
        let mut next = 0;
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            let mut spec = String::new();
            let mut conv = None;
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() || d == '%' {
                    conv = Some(d);
                    break;
                }
                spec.push(d);
            }
            let Some(conv) = conv else {
                return self.value_error("incomplete format");
            };
            if conv == '%' {
                out.push('%');
                continue;
            }
            let Some(&value) = values.get(next) else {
                return self.type_error("not enough arguments for format string");
            };
            next += 1;
            let piece = match conv {
                's' => self.str_string(value)?,
                'r' | 'a' => self.repr_string(value)?,
                'd' | 'i' => {
                    let i = self.int_of(value)?;
                    let v = self.as_int(i).unwrap_or(0);
                    self.release(i);
                    format!("{v}")
                }
                'f' | 'e' | 'g' | 'x' | 'X' | 'o' => {
                    let f = self.format_object(value, &format!("{spec}{conv}"));
                    out.push_str(&f?);
                    continue;
                }
                other => {
                    return self.value_error(format!(
                        "unsupported format character '{other}' (0x{:x}) at index {}",
                        other as u32,
                        out.len()
                    ))
                }
            };
            let formatted = if spec.is_empty() {
                piece
            } else {
                self.format_object_text(&piece, &spec)?
            };
            out.push_str(&formatted);
        }
        if next < values.len() {
            return self.type_error("not all arguments converted during string formatting");
        }
        Ok(self.new_str(&out))
    }

    fn format_object_text(&mut self, text: &str, spec: &str) -> PyResult<String> {
        let spec = if let Some(rest) = spec.strip_prefix('-') {
            format!("<{rest}")
        } else {
            format!(">{spec}")
        };
        crate::text::format_str(text, &spec).or_else(|e| self.value_error(e.to_string()))
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
        let Body::WeakRef(w) = self.heap.body(weakref).clone() else {
            unreachable!("a weak reference")
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
