//! The `SyntaxWarning`s CPython 3.11's compiler reports: `is` with a literal, calling or
//! subscripting a literal that cannot be (a missing comma), an always-true `assert`.

use super::Compiler;
use crate::compile::fold::is_constant;
use crate::syntax::ast::{Cmpop, Constant, Expr};

/// A warning issued while compiling, as CPython issues it (`warnings.warn_explicit` with
/// the line of the code being compiled). Code compiled twice (a `while` test, a `finally`
/// body) warns twice, as in CPython.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileWarning {
    /// The warning class, `SyntaxWarning`.
    pub category: &'static str,
    /// The message, as CPython words it.
    pub message: String,
    /// The line the warning is about.
    pub lineno: u32,
}

/// The type name CPython infers for an expression (`infer_type`), if it can.
fn infer_type(e: &Expr) -> Option<&'static str> {
    Some(match e {
        Expr::Tuple { .. } => "tuple",
        Expr::List { .. } | Expr::ListComp { .. } => "list",
        Expr::Dict { .. } | Expr::DictComp { .. } => "dict",
        Expr::Set { .. } | Expr::SetComp { .. } => "set",
        Expr::GeneratorExp { .. } => "generator",
        Expr::Lambda { .. } => "function",
        Expr::JoinedStr { .. } | Expr::FormattedValue { .. } => "str",
        Expr::Constant { value, .. } => match value {
            Constant::None => "NoneType",
            Constant::Bool(_) => "bool",
            Constant::Int(_) | Constant::BigInt(_) => "int",
            Constant::Float(_) => "float",
            Constant::Str(_) => "str",
            Constant::Ellipsis => "ellipsis",
        },
        _ => return None,
    })
}

/// Not a literal, or a literal singleton (`None`, `True`, `False`, `...`).
fn is_identity_arg(e: &Expr) -> bool {
    match e {
        Expr::Constant { value, .. } => {
            matches!(
                value,
                Constant::None | Constant::Bool(_) | Constant::Ellipsis
            )
        }
        _ => !is_constant(e),
    }
}

impl Compiler<'_> {
    /// Records a `SyntaxWarning` at the current line.
    pub(super) fn warn(&mut self, message: String) {
        let lineno = self.state_ref().unit.pos.line;
        self.warnings.push(CompileWarning {
            category: "SyntaxWarning",
            message,
            lineno,
        });
    }

    /// `x is 1` (CPython's `check_compare`).
    pub(super) fn check_compare(&mut self, left: &Expr, ops: &[Cmpop], comparators: &[Expr]) {
        let mut left_ok = is_identity_arg(left);
        for (op, right) in ops.iter().zip(comparators) {
            let right_ok = is_identity_arg(right);
            if matches!(op, Cmpop::Is | Cmpop::IsNot) && !(left_ok && right_ok) {
                let message = if *op == Cmpop::Is {
                    "\"is\" with a literal. Did you mean \"==\"?"
                } else {
                    "\"is not\" with a literal. Did you mean \"!=\"?"
                };
                self.warn(message.into());
                return;
            }
            left_ok = right_ok;
        }
    }

    /// `[1, 2] (3)`: calling a literal (CPython's `check_caller`).
    pub(super) fn check_caller(&mut self, func: &Expr) {
        let callable_literal = matches!(
            func,
            Expr::Constant { .. }
                | Expr::Tuple { .. }
                | Expr::List { .. }
                | Expr::ListComp { .. }
                | Expr::Dict { .. }
                | Expr::DictComp { .. }
                | Expr::Set { .. }
                | Expr::SetComp { .. }
                | Expr::GeneratorExp { .. }
                | Expr::JoinedStr { .. }
                | Expr::FormattedValue { .. }
        );
        if let (true, Some(name)) = (callable_literal, infer_type(func)) {
            self.warn(format!(
                "'{name}' object is not callable; perhaps you missed a comma?"
            ));
        }
    }

    /// `1 [2]`, `"ab" ["x"]` (CPython's `check_subscripter` and `check_index`).
    pub(super) fn check_subscript(&mut self, value: &Expr, index: &Expr) {
        let not_subscriptable = match value {
            Expr::Constant { value: c, .. } => !matches!(c, Constant::Str(_)),
            Expr::Set { .. }
            | Expr::SetComp { .. }
            | Expr::GeneratorExp { .. }
            | Expr::Lambda { .. } => true,
            _ => false,
        };
        if not_subscriptable {
            if let Some(name) = infer_type(value) {
                self.warn(format!(
                    "'{name}' object is not subscriptable; perhaps you missed a comma?"
                ));
                return;
            }
        }
        let Some(index_type) = infer_type(index) else {
            return;
        };
        if matches!(index_type, "int" | "bool") {
            return;
        }
        let sequence_literal = match value {
            Expr::Constant { value: c, .. } => matches!(c, Constant::Str(_)),
            Expr::Tuple { .. }
            | Expr::List { .. }
            | Expr::ListComp { .. }
            | Expr::JoinedStr { .. }
            | Expr::FormattedValue { .. } => true,
            _ => false,
        };
        if let (true, Some(name)) = (sequence_literal, infer_type(value)) {
            self.warn(format!(
                "{name} indices must be integers or slices, not {index_type}; perhaps you \
                 missed a comma?"
            ));
        }
    }
}
