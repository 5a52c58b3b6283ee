//! The operator and context enums of the tree (CPython's `expr_context`, `boolop`, `operator`,
//! `unaryop`, `cmpop`) and the conversion of an f-string field.

/// `expr_context`: how a `Name`, `Attribute`, `Subscript`, `Starred`, `List` or `Tuple` is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExprContext {
    /// Read.
    Load,
    /// Assigned to.
    Store,
    /// Deleted.
    Del,
}

/// `boolop`: the operator of a [`Expr::BoolOp`](super::Expr::BoolOp).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Boolop {
    /// `and`.
    And,
    /// `or`.
    Or,
}

/// `operator`: a binary operator, in [`Expr::BinOp`](super::Expr::BinOp) and [`Stmt::AugAssign`](super::Stmt::AugAssign).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    /// `+`.
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mult,
    /// `@` (parsed; weaklink's runtime has no type that supports it).
    MatMult,
    /// `/`.
    Div,
    /// `%`.
    Mod,
    /// `**`.
    Pow,
    /// `<<`.
    LShift,
    /// `>>`.
    RShift,
    /// `|`.
    BitOr,
    /// `^`.
    BitXor,
    /// `&`.
    BitAnd,
    /// `//`.
    FloorDiv,
}

/// `unaryop`: the operator of a [`Expr::UnaryOp`](super::Expr::UnaryOp).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unaryop {
    /// `~`.
    Invert,
    /// `not`.
    Not,
    /// Unary `+`.
    UAdd,
    /// Unary `-`.
    USub,
}

/// `cmpop`: one operator of a [`Expr::Compare`](super::Expr::Compare) chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cmpop {
    /// `==`.
    Eq,
    /// `!=`.
    NotEq,
    /// `<`.
    Lt,
    /// `<=`.
    LtE,
    /// `>`.
    Gt,
    /// `>=`.
    GtE,
    /// `is`.
    Is,
    /// `is not`.
    IsNot,
    /// `in`.
    In,
    /// `not in`.
    NotIn,
}

/// The conversion of a [`Expr::FormattedValue`](super::Expr::FormattedValue); CPython stores it as an int.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Conversion {
    /// No conversion (CPython: -1).
    None,
    /// `!s` (CPython: 115, `ord('s')`).
    Str,
    /// `!r` (CPython: 114).
    Repr,
    /// `!a` (CPython: 97).
    Ascii,
}

impl Conversion {
    /// The int CPython stores in `FormattedValue.conversion`.
    pub fn code(self) -> i32 {
        match self {
            Conversion::None => -1,
            Conversion::Str => 115,
            Conversion::Repr => 114,
            Conversion::Ascii => 97,
        }
    }
}

impl ExprContext {
    /// CPython's class name (`"Load"`, `"Store"`, `"Del"`).
    pub fn name(self) -> &'static str {
        match self {
            ExprContext::Load => "Load",
            ExprContext::Store => "Store",
            ExprContext::Del => "Del",
        }
    }
}

impl Boolop {
    /// CPython's class name (`"And"`, `"Or"`).
    pub fn name(self) -> &'static str {
        match self {
            Boolop::And => "And",
            Boolop::Or => "Or",
        }
    }
}

impl Operator {
    /// CPython's class name (`"Add"`, `"FloorDiv"`...).
    pub fn name(self) -> &'static str {
        match self {
            Operator::Add => "Add",
            Operator::Sub => "Sub",
            Operator::Mult => "Mult",
            Operator::MatMult => "MatMult",
            Operator::Div => "Div",
            Operator::Mod => "Mod",
            Operator::Pow => "Pow",
            Operator::LShift => "LShift",
            Operator::RShift => "RShift",
            Operator::BitOr => "BitOr",
            Operator::BitXor => "BitXor",
            Operator::BitAnd => "BitAnd",
            Operator::FloorDiv => "FloorDiv",
        }
    }

    /// The operator as written (`"+"`, `"//"`...), without `=`.
    pub fn symbol(self) -> &'static str {
        match self {
            Operator::Add => "+",
            Operator::Sub => "-",
            Operator::Mult => "*",
            Operator::MatMult => "@",
            Operator::Div => "/",
            Operator::Mod => "%",
            Operator::Pow => "**",
            Operator::LShift => "<<",
            Operator::RShift => ">>",
            Operator::BitOr => "|",
            Operator::BitXor => "^",
            Operator::BitAnd => "&",
            Operator::FloorDiv => "//",
        }
    }
}

impl Unaryop {
    /// CPython's class name (`"USub"`, `"Not"`...).
    pub fn name(self) -> &'static str {
        match self {
            Unaryop::Invert => "Invert",
            Unaryop::Not => "Not",
            Unaryop::UAdd => "UAdd",
            Unaryop::USub => "USub",
        }
    }
}

impl Cmpop {
    /// CPython's class name (`"Eq"`, `"NotIn"`...).
    pub fn name(self) -> &'static str {
        match self {
            Cmpop::Eq => "Eq",
            Cmpop::NotEq => "NotEq",
            Cmpop::Lt => "Lt",
            Cmpop::LtE => "LtE",
            Cmpop::Gt => "Gt",
            Cmpop::GtE => "GtE",
            Cmpop::Is => "Is",
            Cmpop::IsNot => "IsNot",
            Cmpop::In => "In",
            Cmpop::NotIn => "NotIn",
        }
    }

    /// The operator as written (`"=="`, `"not in"`...).
    pub fn symbol(self) -> &'static str {
        match self {
            Cmpop::Eq => "==",
            Cmpop::NotEq => "!=",
            Cmpop::Lt => "<",
            Cmpop::LtE => "<=",
            Cmpop::Gt => ">",
            Cmpop::GtE => ">=",
            Cmpop::Is => "is",
            Cmpop::IsNot => "is not",
            Cmpop::In => "in",
            Cmpop::NotIn => "not in",
        }
    }
}
