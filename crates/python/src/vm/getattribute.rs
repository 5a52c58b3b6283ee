//! A class's own `__getattribute__`, as CPython's `slot_tp_getattr_hook` calls it: every
//! attribute read of an instance goes through it, and an `AttributeError` it raises is
//! handed to the class's `__getattr__`, if it has one.

use weaklink_heap::{Name, ObjId};

use super::{PyResult, Raised, Vm};

impl Vm {
    /// Reads `obj.name` through the `__getattribute__` defined in Python by `obj`'s class;
    /// `None` when there is none (or `object.__getattribute__` asked to go round it).
    pub(crate) fn getattribute_hook(
        &mut self,
        obj: ObjId,
        name: Name,
    ) -> Option<PyResult<Option<ObjId>>> {
        if self.is_class(obj) {
            return None;
        }
        let class = self.type_of(obj);
        if !self.class_facts(class).user {
            return None;
        }
        let hook = self.lookup_user(class, self.special.getattribute)?;
        if self.skip_user_special(obj) {
            // `object.__getattribute__(obj, name)`: the generic lookup, which leaves a miss
            // to the caller (the hook that called it hands it to `__getattr__`).
            return Some(self.generic_lookup_attr(obj, name, false));
        }
        let key = self.name_str(name);
        let result = match self.call_descriptor(hook, obj, &[key]) {
            Err(Raised::Exception(e))
                if self.isinstance(e, self.builtin_type("AttributeError")) =>
            {
                match self.lookup_user(class, self.special.getattr) {
                    Some(getattr) => {
                        self.release(e);
                        let key = self.name_str(name);
                        self.call_descriptor(getattr, obj, &[key])
                    }
                    None => Err(Raised::Exception(e)),
                }
            }
            other => other,
        };
        Some(result.map(Some))
    }
}
