//! Code generation: the folded syntax tree and its symbol table become code objects, in the
//! shape CPython 3.11's `Python/compile.c` gives them.
//!
//! The [`Compiler`] keeps a stack of units (one per code object being compiled: the module,
//! and the functions, classes and comprehensions nested in it) and, per unit, a stack of
//! "frame blocks" (loops, `try`, `with`, exception handlers) that `break`, `continue` and
//! `return` unwind.

mod blocks;
mod call;
mod display;
mod expr;
mod func;
mod stmt;
mod warn;

use std::rc::Rc;

use super::bytecode::{CodeKind, CodeObject, Const, Instr, Label, Position};
use super::error::error_at_pos;
use super::symtable::{mangle, BlockId, BlockKind, Scope, SymbolTable};
use super::unit::Unit;
use super::{too_deep, SyntaxError, MAX_DEPTH};
use crate::syntax::ast::{Constant, Expr, ExprContext, Module, Span, Stmt};
pub use warn::CompileWarning;

type Result<T = ()> = std::result::Result<T, SyntaxError>;

/// CPython's `STACK_USE_GUIDELINE`: displays and calls with more items than this are built
/// item by item instead of on the stack all at once.
const STACK_USE_GUIDELINE: usize = 30;
/// CPython's `CO_MAXBLOCKS`: loops, `try` and `with` blocks nested in one function.
const MAX_BLOCKS: usize = 20;

/// What a frame block is (CPython's `fblocktype`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FKind {
    WhileLoop,
    ForLoop,
    TryExcept,
    FinallyTry,
    FinallyEnd,
    With,
    HandlerCleanup,
    PopValue,
    ExceptionHandler,
}

/// A frame block: what unwinding through it takes.
#[derive(Clone, Copy)]
struct FBlock<'a> {
    kind: FKind,
    /// Where `continue` goes (loops).
    block: Label,
    /// Where `break` goes (loops).
    exit: Label,
    /// The `finally` body, the `with` statement's position, the `except ... as` name.
    datum: FData<'a>,
}

#[derive(Clone, Copy)]
enum FData<'a> {
    None,
    Finally(&'a [Stmt]),
    With(Position),
    Name(&'a str),
}

/// What kind of scope a unit compiles (CPython's `COMPILER_SCOPE_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

struct UnitState<'a> {
    unit: Unit,
    block: BlockId,
    scope: ScopeKind,
    private: Option<Rc<str>>,
    fblocks: Vec<FBlock<'a>>,
}

/// Compiles a module; also returns the warnings issued on the way.
pub(crate) fn compile(
    module: &Module,
    table: &SymbolTable,
) -> Result<(Rc<CodeObject>, Vec<CompileWarning>)> {
    let mut c = Compiler {
        table,
        units: Vec::new(),
        depth: 0,
        warnings: Vec::new(),
    };
    c.enter_scope("<module>".into(), ScopeKind::Module, 0, 1, None);
    if let Some(first) = module.body.first() {
        c.set_loc(first.span());
    }
    c.body(&module.body)?;
    c.unset_loc();
    c.u().load_const(Const::None);
    c.emit(Instr::ReturnValue);
    let code = c.exit_scope()?;
    Ok((Rc::new(code), c.warnings))
}

pub(crate) struct Compiler<'a> {
    table: &'a SymbolTable,
    units: Vec<UnitState<'a>>,
    depth: u32,
    warnings: Vec<CompileWarning>,
}

/// The position of a span.
fn position(span: Span) -> Position {
    Position {
        line: span.lineno,
        col: span.col_offset,
        end_line: span.end_lineno,
        end_col: span.end_col_offset,
    }
}

/// The bytecode constant of a constant expression (a constant or a tuple of them).
pub(crate) fn const_value(e: &Expr) -> Option<Const> {
    match e {
        Expr::Constant { value, .. } => Some(match value {
            Constant::None => Const::None,
            Constant::Bool(b) => Const::Bool(*b),
            Constant::Int(i) => Const::Int(*i),
            Constant::BigInt(digits) => Const::BigInt(digits.as_ref().into()),
            Constant::Float(f) => Const::Float(*f),
            Constant::Str(s) => Const::Str(s.as_str().into()),
            Constant::Ellipsis => Const::Ellipsis,
        }),
        Expr::Tuple {
            elts,
            ctx: ExprContext::Load,
            ..
        } => elts
            .iter()
            .map(const_value)
            .collect::<Option<Vec<_>>>()
            .map(Const::Tuple),
        _ => None,
    }
}

/// The docstring of a body: its first statement, if a string constant.
fn docstring(body: &[Stmt]) -> Option<&str> {
    match body.first() {
        Some(Stmt::Expr { value, .. }) => match &**value {
            Expr::Constant {
                value: Constant::Str(s),
                ..
            } => Some(s),
            _ => None,
        },
        _ => None,
    }
}

impl<'a> Compiler<'a> {
    fn state(&mut self) -> &mut UnitState<'a> {
        self.units.last_mut().expect("a unit is being compiled")
    }

    fn state_ref(&self) -> &UnitState<'a> {
        self.units.last().expect("a unit is being compiled")
    }

    /// The unit being compiled.
    fn u(&mut self) -> &mut Unit {
        &mut self.state().unit
    }

    fn emit(&mut self, instr: Instr) {
        self.u().emit(instr);
    }

    fn new_label(&mut self) -> Label {
        self.u().new_label()
    }

    fn bind(&mut self, label: Label) {
        self.u().bind(label);
    }

    /// Instructions from here on are the compiler's own, without a line (CPython's
    /// `UNSET_LOC`); they take the line of the code before them when laid out.
    fn unset_loc(&mut self) {
        self.u().pos = Position::default();
    }

    /// Emits an instruction without a line, keeping the current position for what follows.
    fn emit_noline(&mut self, instr: Instr) {
        let saved = self.u().pos;
        self.unset_loc();
        self.emit(instr);
        self.u().pos = saved;
    }

    fn set_loc(&mut self, span: Span) {
        if span.lineno != 0 {
            self.u().pos = position(span);
        }
    }

    fn error(&self, msg: impl Into<String>) -> SyntaxError {
        error_at_pos(msg, self.state_ref().unit.pos)
    }

    fn scope_kind(&self) -> ScopeKind {
        self.state_ref().scope
    }

    fn block_kind(&self) -> BlockKind {
        self.table.blocks[self.state_ref().block].kind
    }

    /// Guards recursion on deeply nested input.
    fn enter_node(&mut self, span: Span) -> Result {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(too_deep(span));
        }
        Ok(())
    }

    fn leave_node(&mut self) {
        self.depth -= 1;
    }

    /// Starts compiling a new code object for `block`.
    fn enter_scope(
        &mut self,
        name: Rc<str>,
        scope: ScopeKind,
        block: BlockId,
        first_line: u32,
        private: Option<Rc<str>>,
    ) {
        let qualname = self.qualname(&name, scope);
        let kind = match scope {
            ScopeKind::Module => CodeKind::Module,
            ScopeKind::Class => CodeKind::Class,
            ScopeKind::Function | ScopeKind::Lambda => CodeKind::Function,
            ScopeKind::Comprehension => CodeKind::Comprehension,
        };
        let b = &self.table.blocks[block];
        let mut unit = Unit::new(name, qualname.into(), kind, first_line);
        for p in &b.params {
            unit.add_varname(p);
        }
        let mut cellvars = b.sorted_names(Scope::Cell, 0);
        if b.needs_class_closure {
            cellvars = vec!["__class__".into()];
        }
        let freevars = b.sorted_names(Scope::Free, super::symtable::flags::DEF_FREE_CLASS);
        unit.generator = b.generator;
        // Cells are made in slot order: parameters first, then the others.
        let mut order: Vec<(usize, usize)> = cellvars
            .iter()
            .enumerate()
            .map(|(i, c)| {
                (
                    b.params.iter().position(|p| p == c).unwrap_or(usize::MAX),
                    i,
                )
            })
            .collect();
        order.sort();
        unit.set_cells(cellvars, freevars);
        for (_, i) in order {
            let name = unit.cellvars()[i].clone();
            let op = unit.cell_operand(&name).expect("a cell variable");
            unit.emit(Instr::MakeCell(op));
        }
        if unit.generator {
            unit.emit(Instr::ReturnGenerator);
        }
        self.units.push(UnitState {
            unit,
            block,
            scope,
            private,
            fblocks: Vec::new(),
        });
    }

    /// Finishes the current unit.
    fn exit_scope(&mut self) -> Result<CodeObject> {
        let state = self.units.pop().expect("a unit is being compiled");
        let pos = state.unit.pos;
        state
            .unit
            .assemble()
            .map_err(|e| error_at_pos(format!("internal compiler error: {}", e.0), pos))
    }

    /// CPython's `compiler_set_qualname`.
    fn qualname(&self, name: &str, scope: ScopeKind) -> String {
        let Some(parent) = self.units.last() else {
            return name.to_string();
        };
        if parent.scope == ScopeKind::Module {
            return name.to_string();
        }
        if matches!(scope, ScopeKind::Function | ScopeKind::Class) {
            let mangled = mangle(parent.private.as_deref(), name);
            let pb = &self.table.blocks[parent.block];
            if pb.scope(&mangled) == Some(Scope::GlobalExplicit) {
                return name.to_string();
            }
        }
        let base = &parent.unit.qualname;
        match parent.scope {
            ScopeKind::Function | ScopeKind::Lambda => format!("{base}.<locals>.{name}"),
            _ => format!("{base}.{name}"),
        }
    }

    /// The statements of a module or class body: a leading docstring becomes `__doc__`.
    fn body(&mut self, body: &'a [Stmt]) -> Result {
        if needs_annotations(body) {
            self.emit(Instr::BuildMap(0));
            self.name_op("__annotations__", ExprContext::Store)?;
        }
        let mut rest = body;
        if let Some(doc) = docstring(body) {
            self.set_loc(body[0].span());
            self.u().load_source_const(Const::Str(doc.into()));
            self.unset_loc();
            self.name_op("__doc__", ExprContext::Store)?;
            rest = &body[1..];
        }
        self.stmts(rest)
    }

    fn stmts(&mut self, stmts: &'a [Stmt]) -> Result {
        stmts.iter().try_for_each(|s| self.stmt(s))
    }

    /// Loads, stores or deletes a name, choosing the instruction from its scope (CPython's
    /// `compiler_nameop`).
    #[inline(never)]
    fn name_op(&mut self, name: &str, ctx: ExprContext) -> Result {
        self.forbidden_name(name, ctx)?;
        let state = self.units.last_mut().expect("a unit is being compiled");
        let mangled = mangle(state.private.as_deref(), name);
        let block = &self.table.blocks[state.block];
        let function = block.kind == BlockKind::Function;
        let u = &mut state.unit;
        match block.scope(&mangled) {
            Some(Scope::Free | Scope::Cell) => {
                let Some(op) = u.deref_operand(&mangled) else {
                    return Err(self.error(format!("internal error: no cell for '{mangled}'")));
                };
                let instr = match ctx {
                    ExprContext::Load if block.kind == BlockKind::Class => {
                        Instr::LoadClassDeref(op, u.add_name(&mangled))
                    }
                    ExprContext::Load => Instr::LoadDeref(op),
                    ExprContext::Store => Instr::StoreDeref(op),
                    ExprContext::Del => Instr::DeleteDeref(op),
                };
                u.emit(instr);
            }
            Some(Scope::Local) if function => {
                let slot = u.add_varname(&mangled);
                u.emit(match ctx {
                    ExprContext::Load => Instr::LoadFast(slot),
                    ExprContext::Store => Instr::StoreFast(slot),
                    ExprContext::Del => Instr::DeleteFast(slot),
                });
            }
            Some(Scope::GlobalExplicit) => {
                let i = u.add_name(&mangled);
                u.emit(global_op(i, ctx));
            }
            Some(Scope::GlobalImplicit) if function => {
                let i = u.add_name(&mangled);
                u.emit(global_op(i, ctx));
            }
            _ => {
                let i = u.add_name(&mangled);
                u.emit(match ctx {
                    ExprContext::Load => Instr::LoadName(i),
                    ExprContext::Store => Instr::StoreName(i),
                    ExprContext::Del => Instr::DeleteName(i),
                });
            }
        }
        Ok(())
    }

    /// `__debug__` cannot be assigned or deleted (CPython's `forbidden_name`).
    fn forbidden_name(&self, name: &str, ctx: ExprContext) -> Result {
        if name == "__debug__" {
            match ctx {
                ExprContext::Store => return Err(self.error("cannot assign to __debug__")),
                ExprContext::Del => return Err(self.error("cannot delete __debug__")),
                ExprContext::Load => {}
            }
        }
        Ok(())
    }

    /// No parameter may be called `__debug__`.
    fn check_debug_args(&self, args: &crate::syntax::ast::Arguments) -> Result {
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.vararg)
            .chain(&args.kwonlyargs)
            .chain(&args.kwarg);
        for arg in all {
            self.forbidden_name(&arg.arg, ExprContext::Store)?;
        }
        Ok(())
    }

    /// Whether loading `name` compiles to `LoadGlobal` (so a call can fold `PushNull` in).
    fn is_global_load(&self, name: &str) -> bool {
        let state = self.state_ref();
        let mangled = mangle(state.private.as_deref(), name);
        let block = &self.table.blocks[state.block];
        match block.scope(&mangled) {
            Some(Scope::GlobalExplicit) => true,
            Some(Scope::GlobalImplicit) => block.kind == BlockKind::Function,
            _ => false,
        }
    }

    /// Whether storing `name` compiles to `StoreFast`.
    fn is_fast(&self, name: &str) -> bool {
        let state = self.state_ref();
        let mangled = mangle(state.private.as_deref(), name);
        let block = &self.table.blocks[state.block];
        block.kind == BlockKind::Function && block.scope(&mangled) == Some(Scope::Local)
    }

    /// The index of an attribute, method or imported name (mangled) in `names`.
    fn attr_name(&mut self, name: &str) -> u32 {
        let state = self.state();
        let mangled = mangle(state.private.as_deref(), name).into_owned();
        state.unit.add_name(&mangled)
    }

    fn push_fblock(&mut self, kind: FKind, block: Label, exit: Label, datum: FData<'a>) -> Result {
        if self.state_ref().fblocks.len() >= MAX_BLOCKS {
            return Err(self.error("too many statically nested blocks"));
        }
        self.state().fblocks.push(FBlock {
            kind,
            block,
            exit,
            datum,
        });
        Ok(())
    }

    fn pop_fblock(&mut self) {
        self.state().fblocks.pop();
    }
}

fn global_op(i: u32, ctx: ExprContext) -> Instr {
    match ctx {
        ExprContext::Load => Instr::LoadGlobal {
            name: i,
            push_null: false,
        },
        ExprContext::Store => Instr::StoreGlobal(i),
        ExprContext::Del => Instr::DeleteGlobal(i),
    }
}

/// Whether a module or class body annotates a simple name (CPython's `find_ann`): such a
/// body starts by creating `__annotations__`.
fn needs_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::AnnAssign { .. } => true,
        Stmt::For { body, orelse, .. } | Stmt::While { body, orelse, .. } => {
            needs_annotations(body) || needs_annotations(orelse)
        }
        Stmt::If { body, orelse, .. } => needs_annotations(body) || needs_annotations(orelse),
        Stmt::With { body, .. } => needs_annotations(body),
        Stmt::Try {
            body,
            handlers,
            orelse,
            finalbody,
            ..
        } => {
            needs_annotations(body)
                || handlers.iter().any(|h| needs_annotations(&h.body))
                || needs_annotations(orelse)
                || needs_annotations(finalbody)
        }
        _ => false,
    })
}
