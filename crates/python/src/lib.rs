//! A small Python that runs on the simulated CPython heap.
//!
//! Source text becomes tokens ([`syntax`]), an abstract syntax tree in the shape of
//! CPython's `ast` module, bytecode ([`compile`]), and finally heap operations executed by
//! the virtual machine ([`vm`]), whose frames and value stack hold strong references exactly
//! where CPython 3.11's do. [`text`] holds CPython's text formatting rules (float `repr`,
//! format specifications, `str` methods) as pure functions.

pub mod compile;
pub mod explore;
pub mod modules;
pub mod syntax;
pub mod text;
pub mod vm;
