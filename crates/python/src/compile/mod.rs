//! The compiler: the syntax tree of a module becomes nested [`CodeObject`]s of bytecode.

pub mod bytecode;

pub use bytecode::{
    BinOp, CmpOp, CodeKind, CodeObject, Const, Conversion, Instr, Position, UnaryOp,
};
