//! The methods of `set`.

use super::Vm;

/// Registers the methods of `set`.
pub(crate) fn install(_vm: &mut Vm) {}
