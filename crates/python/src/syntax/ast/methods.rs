//! Positions and CPython class names of statements and expressions.

use super::{Expr, Span, Stmt};

impl Stmt {
    /// The statement's position.
    pub fn span(&self) -> Span {
        match self {
            Stmt::FunctionDef { span, .. }
            | Stmt::ClassDef { span, .. }
            | Stmt::Return { span, .. }
            | Stmt::Delete { span, .. }
            | Stmt::Assign { span, .. }
            | Stmt::AugAssign { span, .. }
            | Stmt::AnnAssign { span, .. }
            | Stmt::For { span, .. }
            | Stmt::While { span, .. }
            | Stmt::If { span, .. }
            | Stmt::With { span, .. }
            | Stmt::Raise { span, .. }
            | Stmt::Try { span, .. }
            | Stmt::Assert { span, .. }
            | Stmt::Import { span, .. }
            | Stmt::ImportFrom { span, .. }
            | Stmt::Global { span, .. }
            | Stmt::Nonlocal { span, .. }
            | Stmt::Expr { span, .. }
            | Stmt::Pass { span }
            | Stmt::Break { span }
            | Stmt::Continue { span } => *span,
        }
    }

    /// CPython's class name for the node (`"FunctionDef"`, `"Assign"`...).
    pub fn name(&self) -> &'static str {
        match self {
            Stmt::FunctionDef { .. } => "FunctionDef",
            Stmt::ClassDef { .. } => "ClassDef",
            Stmt::Return { .. } => "Return",
            Stmt::Delete { .. } => "Delete",
            Stmt::Assign { .. } => "Assign",
            Stmt::AugAssign { .. } => "AugAssign",
            Stmt::AnnAssign { .. } => "AnnAssign",
            Stmt::For { .. } => "For",
            Stmt::While { .. } => "While",
            Stmt::If { .. } => "If",
            Stmt::With { .. } => "With",
            Stmt::Raise { .. } => "Raise",
            Stmt::Try { .. } => "Try",
            Stmt::Assert { .. } => "Assert",
            Stmt::Import { .. } => "Import",
            Stmt::ImportFrom { .. } => "ImportFrom",
            Stmt::Global { .. } => "Global",
            Stmt::Nonlocal { .. } => "Nonlocal",
            Stmt::Expr { .. } => "Expr",
            Stmt::Pass { .. } => "Pass",
            Stmt::Break { .. } => "Break",
            Stmt::Continue { .. } => "Continue",
        }
    }
}

/// A `match` binding the `span` field of every kind of expression.
macro_rules! with_expr_span {
    ($value:expr, $span:ident => $result:expr) => {
        match $value {
            Expr::BoolOp { span: $span, .. }
            | Expr::NamedExpr { span: $span, .. }
            | Expr::BinOp { span: $span, .. }
            | Expr::UnaryOp { span: $span, .. }
            | Expr::Lambda { span: $span, .. }
            | Expr::IfExp { span: $span, .. }
            | Expr::Dict { span: $span, .. }
            | Expr::Set { span: $span, .. }
            | Expr::ListComp { span: $span, .. }
            | Expr::SetComp { span: $span, .. }
            | Expr::DictComp { span: $span, .. }
            | Expr::GeneratorExp { span: $span, .. }
            | Expr::Yield { span: $span, .. }
            | Expr::YieldFrom { span: $span, .. }
            | Expr::Compare { span: $span, .. }
            | Expr::Call { span: $span, .. }
            | Expr::FormattedValue { span: $span, .. }
            | Expr::JoinedStr { span: $span, .. }
            | Expr::Constant { span: $span, .. }
            | Expr::Attribute { span: $span, .. }
            | Expr::Subscript { span: $span, .. }
            | Expr::Starred { span: $span, .. }
            | Expr::Name { span: $span, .. }
            | Expr::List { span: $span, .. }
            | Expr::Tuple { span: $span, .. }
            | Expr::Slice { span: $span, .. } => $result,
        }
    };
}

impl Expr {
    /// The expression's position.
    pub fn span(&self) -> Span {
        with_expr_span!(self, span => *span)
    }

    /// Mutable access to the expression's position.
    pub fn span_mut(&mut self) -> &mut Span {
        with_expr_span!(self, span => span)
    }

    /// CPython's class name for the node (`"BinOp"`, `"Name"`...).
    pub fn name(&self) -> &'static str {
        match self {
            Expr::BoolOp { .. } => "BoolOp",
            Expr::NamedExpr { .. } => "NamedExpr",
            Expr::BinOp { .. } => "BinOp",
            Expr::UnaryOp { .. } => "UnaryOp",
            Expr::Lambda { .. } => "Lambda",
            Expr::IfExp { .. } => "IfExp",
            Expr::Dict { .. } => "Dict",
            Expr::Set { .. } => "Set",
            Expr::ListComp { .. } => "ListComp",
            Expr::SetComp { .. } => "SetComp",
            Expr::DictComp { .. } => "DictComp",
            Expr::GeneratorExp { .. } => "GeneratorExp",
            Expr::Yield { .. } => "Yield",
            Expr::YieldFrom { .. } => "YieldFrom",
            Expr::Compare { .. } => "Compare",
            Expr::Call { .. } => "Call",
            Expr::FormattedValue { .. } => "FormattedValue",
            Expr::JoinedStr { .. } => "JoinedStr",
            Expr::Constant { .. } => "Constant",
            Expr::Attribute { .. } => "Attribute",
            Expr::Subscript { .. } => "Subscript",
            Expr::Starred { .. } => "Starred",
            Expr::Name { .. } => "Name",
            Expr::List { .. } => "List",
            Expr::Tuple { .. } => "Tuple",
            Expr::Slice { .. } => "Slice",
        }
    }
}
