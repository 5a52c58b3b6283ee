//! The symbol table: which scope each name of each block lives in, as CPython's
//! `Python/symtable.c` decides it.
//!
//! A first pass ([`build`]) walks the tree and records, per block (module, class body,
//! function, lambda, comprehension), how each name is used: assigned, a parameter, read,
//! declared `global`/`nonlocal`, imported. A second pass ([`analyze`]) resolves every name
//! to local, global (explicit or implicit), free or cell, passing bound names down and free
//! names up the block tree. Compile-time errors that CPython's symbol table raises
//! (`nonlocal` without a binding, `global` after use, duplicate parameters...) come from here.

mod analyze;
mod visit;

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

use crate::syntax::ast::Span;

pub(crate) use visit::build;

/// Index of a block in [`SymbolTable::blocks`].
pub(crate) type BlockId = usize;

/// Flags describing how a name is used in a block (CPython's `DEF_*` bits).
pub(crate) mod flags {
    /// Declared `global`.
    pub const DEF_GLOBAL: u32 = 1;
    /// Assigned (or deleted, or bound by `for`, `with`, `except`...).
    pub const DEF_LOCAL: u32 = 2;
    /// A parameter.
    pub const DEF_PARAM: u32 = 4;
    /// Declared `nonlocal`.
    pub const DEF_NONLOCAL: u32 = 8;
    /// Read.
    pub const USE: u32 = 16;
    /// Free in a method and bound in its class.
    pub const DEF_FREE_CLASS: u32 = 32;
    /// Bound by an import.
    pub const DEF_IMPORT: u32 = 64;
    /// Annotated.
    pub const DEF_ANNOT: u32 = 128;
    /// A comprehension's iteration variable.
    pub const DEF_COMP_ITER: u32 = 256;
    /// Any binding.
    pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;
}

/// What kind of block.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// The module.
    Module,
    /// A class body.
    Class,
    /// A function, lambda or comprehension.
    Function,
}

/// Which comprehension a comprehension block is (for error messages and code generation).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum CompKind {
    /// `[x for ...]`
    List,
    /// `{x for ...}`
    Set,
    /// `{k: v for ...}`
    Dict,
    /// `(x for ...)`
    Generator,
}

impl CompKind {
    /// The description in "'yield' inside list comprehension".
    fn description(self) -> &'static str {
        match self {
            CompKind::List => "list comprehension",
            CompKind::Set => "set comprehension",
            CompKind::Dict => "dict comprehension",
            CompKind::Generator => "generator expression",
        }
    }
}

/// Where a name lives.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// A local of the block.
    Local,
    /// Declared `global`.
    GlobalExplicit,
    /// Not bound anywhere enclosing: a global or builtin.
    GlobalImplicit,
    /// Bound in an enclosing function: reached through a cell.
    Free,
    /// A local captured by an inner block: kept in a cell.
    Cell,
}

/// One block of the program and the names used in it.
#[derive(Debug)]
pub(crate) struct Block {
    /// Module, class or function.
    pub kind: BlockKind,
    /// For a comprehension, which one.
    pub comprehension: Option<CompKind>,
    /// Names in order of first appearance, with their flags.
    pub symbols: Vec<(Rc<str>, u32)>,
    index: HashMap<Rc<str>, usize>,
    /// Scope of each name, after analysis.
    pub scopes: HashMap<Rc<str>, Scope>,
    /// Parameter names, in order.
    pub params: Vec<Rc<str>>,
    /// Child blocks, in order of appearance.
    pub children: Vec<BlockId>,
    /// The enclosing block (`None` for the module).
    pub parent: Option<BlockId>,
    /// `global`/`nonlocal` declarations (and the implicit ones of `:=` in comprehensions).
    directives: Vec<(Rc<str>, Span)>,
    /// Contains `yield` (or is a generator expression).
    pub generator: bool,
    /// Has free variables.
    pub free: bool,
    /// A child block has free variables.
    pub child_free: bool,
    /// A class body whose methods use `__class__` or `super`.
    pub needs_class_closure: bool,
    /// Nested in a function.
    pub nested: bool,
    /// Depth of comprehension-iterable expressions being visited.
    comp_iter_expr: u32,
    /// Visiting a comprehension's target.
    comp_iter_target: bool,
    /// Where the block starts.
    pub span: Span,
}

impl Block {
    fn new(kind: BlockKind, span: Span, nested: bool) -> Self {
        Block {
            kind,
            comprehension: None,
            symbols: Vec::new(),
            index: HashMap::new(),
            scopes: HashMap::new(),
            params: Vec::new(),
            children: Vec::new(),
            parent: None,
            directives: Vec::new(),
            generator: false,
            free: false,
            child_free: false,
            needs_class_closure: false,
            nested,
            comp_iter_expr: 0,
            comp_iter_target: false,
            span,
        }
    }

    /// The flags of `name` (0 if unused).
    pub fn flags(&self, name: &str) -> u32 {
        self.index.get(name).map_or(0, |&i| self.symbols[i].1)
    }

    fn set_flags(&mut self, name: &str, flags: u32) {
        match self.index.get(name) {
            Some(&i) => self.symbols[i].1 = flags,
            None => {
                let rc: Rc<str> = name.into();
                self.index.insert(rc.clone(), self.symbols.len());
                self.symbols.push((rc, flags));
            }
        }
    }

    /// The scope of `name`, if the block uses it.
    pub fn scope(&self, name: &str) -> Option<Scope> {
        self.scopes.get(name).copied()
    }

    /// Names with one of the scopes, or with one of the flags, sorted (CPython's
    /// `dictbytype`).
    pub fn sorted_names(&self, scope: Scope, flag: u32) -> Vec<Rc<str>> {
        let mut names: Vec<Rc<str>> = self
            .symbols
            .iter()
            .filter(|(name, f)| self.scopes.get(name) == Some(&scope) || f & flag != 0)
            .map(|(name, _)| name.clone())
            .collect();
        names.sort();
        names
    }

    fn directive(&self, name: &str) -> Option<Span> {
        self.directives
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, s)| *s)
    }
}

/// The blocks of a module, and which syntax node opens each.
#[derive(Debug)]
pub(crate) struct SymbolTable {
    /// All blocks; the module is block 0.
    pub blocks: Vec<Block>,
    /// The block opened by a node, by the node's address.
    pub by_node: HashMap<usize, BlockId>,
}

impl SymbolTable {
    /// The block a `def`, `class`, lambda or comprehension node opens.
    pub fn block_of<T>(&self, node: &T) -> Option<BlockId> {
        self.by_node.get(&(node as *const T as usize)).copied()
    }
}

/// CPython's private name mangling: `__x` in class `C` becomes `_C__x`.
pub(crate) fn mangle<'a>(private: Option<&str>, name: &'a str) -> Cow<'a, str> {
    let Some(class) = private else {
        return Cow::Borrowed(name);
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return Cow::Borrowed(name);
    }
    let class = class.trim_start_matches('_');
    if class.is_empty() {
        return Cow::Borrowed(name);
    }
    Cow::Owned(format!("_{class}{name}"))
}
