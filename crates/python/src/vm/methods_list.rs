//! The methods of `list`.

use super::Vm;

/// Registers the methods of `list`.
pub(crate) fn install(_vm: &mut Vm) {}
