//! The methods of `str`.

use super::Vm;

/// Registers the methods of `str`.
pub(crate) fn install(_vm: &mut Vm) {}
