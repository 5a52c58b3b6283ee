//! Weak proxies forward what is done to them (attributes, items, `len`, iteration,
//! operators, `str`) to their referent, which they hold strongly only for the duration of
//! the operation, as CPython's `weakref.proxy` does; once the referent has died every
//! operation raises `ReferenceError`.

use weaklink_heap::{Body, ObjId, WeakFlavor};

use super::{PyResult, Vm};

/// If `$obj` is a proxy, runs `$call` with `$obj` rebound to its referent (held for the
/// call) and returns its result from the enclosing function.
macro_rules! through_proxy {
    ($vm:ident, $obj:ident, $call:expr) => {
        if let Some(target) = $vm.proxy_referent($obj)? {
            let $obj = target;
            let result = $call;
            $vm.release(target);
            return result;
        }
    };
}
pub(crate) use through_proxy;

impl Vm {
    /// The referent of a proxy as a new reference; `None` for anything but a proxy;
    /// `ReferenceError` for a dead proxy.
    pub(crate) fn proxy_referent(&mut self, obj: ObjId) -> PyResult<Option<ObjId>> {
        match self.heap.body(obj) {
            Body::WeakRef(w) if w.flavor != WeakFlavor::Ref => match w.referent {
                Some(target) => Ok(Some(self.newref(target))),
                None => self.raise(
                    "ReferenceError",
                    "weakly-referenced object no longer exists",
                ),
            },
            _ => Ok(None),
        }
    }
}
