//! The compiler: snippets and their disassembly, the stack discipline of everything it
//! produces, scopes and compile-time errors compared with CPython's, live.

#[path = "compile/errors.rs"]
mod errors;
#[path = "compile/harness.rs"]
mod harness;
#[path = "compile/programs.rs"]
mod programs;
#[path = "compile/pyast.rs"]
mod pyast;
#[path = "compile/random.rs"]
mod random;
#[path = "compile/scopes.rs"]
mod scopes;
#[path = "compile/shapes.rs"]
mod shapes;
#[path = "compile/snapshots.rs"]
mod snapshots;
#[path = "compile/warnings.rs"]
mod warnings;
