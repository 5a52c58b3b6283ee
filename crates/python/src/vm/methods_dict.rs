//! The methods of `dict`.

use super::Vm;

/// Registers the methods of `dict`.
pub(crate) fn install(_vm: &mut Vm) {}
