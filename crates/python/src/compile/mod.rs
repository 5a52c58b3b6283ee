//! The compiler: the syntax tree of a module becomes nested [`CodeObject`]s of bytecode.
//!
//! Three passes, as in CPython 3.11: constant folding on the tree (`fold`), the symbol table
//! (`symtable`: which names are local, global, free or cells), and code generation
//! (`codegen`), whose output each code object's assembler (`unit`) cleans up: unreachable
//! code and redundant `Nop`s go, jumps get their final targets, and every exception
//! handler gets its stack depth. [`disassemble`] prints code objects the way `dis` does;
//! [`verify_stack`] checks the stack discipline of a code object.

mod assemble;
pub mod bytecode;
mod codegen;
mod dis;
mod error;
mod fold;
mod symtable;
mod unit;
pub(crate) use unit::{const_key, ConstKey};
mod verify;

use std::rc::Rc;

use crate::syntax::ast::{Module, Span};
use error::error_at;

pub use bytecode::{
    BinOp, CmpOp, CodeKind, CodeObject, Const, Conversion, Instr, Position, UnaryOp,
};
pub use codegen::CompileWarning;
pub use dis::{const_repr, disassemble};
pub use error::SyntaxError;
pub use verify::{verify_stack, StackError};

/// How deeply statements and expressions may nest before compiling stops with an error
/// (CPython raises `RecursionError` past a similar depth).
pub(crate) const MAX_DEPTH: u32 = 1000;

/// The error for input nested deeper than [`MAX_DEPTH`].
pub(crate) fn too_deep(span: Span) -> SyntaxError {
    error_at("maximum recursion depth exceeded during compilation", span)
}

/// Compiles a module to its code object (functions, classes and comprehensions are nested
/// in its constants).
pub fn compile_module(module: &Module) -> Result<Rc<CodeObject>, SyntaxError> {
    compile_module_with_warnings(module).map(|(code, _)| code)
}

/// [`compile_module`], also returning the `SyntaxWarning`s CPython prints while compiling
/// (`"is" with a literal...`), in the order CPython issues them.
pub fn compile_module_with_warnings(
    module: &Module,
) -> Result<(Rc<CodeObject>, Vec<CompileWarning>), SyntaxError> {
    let mut module = module.clone();
    fold::fold_module(&mut module)?;
    let table = symtable::build(&module)?;
    codegen::compile(&module, &table)
}
