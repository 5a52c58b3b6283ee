//! Builtins that consume or wrap iterables: `sorted`, `sum`, `min`, `max`, `any`, `all`,
//! `enumerate`, `zip`, `reversed`, `map`, `filter`.

use weaklink_heap::ObjId;

use super::Vm;

/// Adds these functions and constructors to the builtins module.
pub(crate) fn install(_vm: &mut Vm, _builtins: ObjId) {}
