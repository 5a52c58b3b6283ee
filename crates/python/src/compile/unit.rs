//! One code object under construction, and its assembly.
//!
//! While a unit is being compiled, jump operands are label numbers (see [`Unit::new_label`]),
//! cell and free variable operands are tagged indices into `cellvars`/`freevars` (their final
//! slots depend on how many locals the body ends up with), and `SetupFinally::depth` is an
//! offset from the stack depth at the `SetupFinally`. [`Unit::assemble`] resolves all three,
//! after a flow pass over the instructions that drops unreachable code, redundant `Nop`s and
//! jumps to the next instruction, as CPython's assembler does.

use std::collections::HashMap;
use std::rc::Rc;

use super::assemble::{layout, AssembleError};
use super::bytecode::{CodeKind, CodeObject, Const, Instr, Label, LocalIdx, Position};

/// Operand tag of a cell variable while compiling (index into `cellvars`).
const CELL_TAG: u32 = 1 << 30;
/// Operand tag of a free variable while compiling (index into `freevars`).
const FREE_TAG: u32 = 1 << 31;

/// A constant as a hash key: floats by bits, code objects by identity.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) enum ConstKey {
    None,
    Ellipsis,
    Bool(bool),
    Int(i64),
    BigInt(Rc<str>),
    Float(u64),
    Str(Rc<str>),
    Tuple(Vec<ConstKey>),
    Code(usize),
}

pub(crate) fn const_key(c: &Const) -> ConstKey {
    match c {
        Const::None => ConstKey::None,
        Const::Ellipsis => ConstKey::Ellipsis,
        Const::Bool(b) => ConstKey::Bool(*b),
        Const::Int(i) => ConstKey::Int(*i),
        Const::BigInt(digits) => ConstKey::BigInt(digits.clone()),
        Const::Float(f) => ConstKey::Float(f.to_bits()),
        Const::Str(s) => ConstKey::Str(s.clone()),
        Const::Tuple(items) => ConstKey::Tuple(items.iter().map(const_key).collect()),
        Const::Code(code) => ConstKey::Code(Rc::as_ptr(code) as usize),
    }
}

/// A code object being built.
pub(crate) struct Unit {
    /// `co_name`.
    pub name: Rc<str>,
    /// `co_qualname`.
    pub qualname: Rc<str>,
    /// Module, class, function or comprehension.
    pub kind: CodeKind,
    /// Positional parameters, positional-only ones included.
    pub argcount: u32,
    /// Positional-only parameters.
    pub posonlyargcount: u32,
    /// Keyword-only parameters.
    pub kwonlyargcount: u32,
    /// `*args`.
    pub varargs: bool,
    /// `**kwargs`.
    pub varkeywords: bool,
    /// Contains `yield`.
    pub generator: bool,
    /// First line.
    pub first_line: u32,
    /// The docstring.
    pub docstring: Option<Rc<str>>,
    /// Position given to the next instructions.
    pub pos: Position,
    instrs: Vec<Instr>,
    positions: Vec<Position>,
    labels: Vec<u32>,
    /// Instructions from this index on may be folded together (no label bound after it).
    block_start: usize,
    consts: Vec<Const>,
    /// Constants written in the source (see [`Unit::mark_source`]).
    source_consts: Vec<Const>,
    const_index: HashMap<ConstKey, u32>,
    names: Vec<Rc<str>>,
    name_index: HashMap<Rc<str>, u32>,
    varnames: Vec<Rc<str>>,
    var_index: HashMap<Rc<str>, u32>,
    cellvars: Vec<Rc<str>>,
    freevars: Vec<Rc<str>>,
}

impl Unit {
    /// An empty unit.
    pub fn new(name: Rc<str>, qualname: Rc<str>, kind: CodeKind, first_line: u32) -> Self {
        Unit {
            name,
            qualname,
            kind,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            varargs: false,
            varkeywords: false,
            generator: false,
            first_line,
            docstring: None,
            pos: Position {
                line: first_line,
                col: 0,
                end_line: first_line,
                end_col: 0,
            },
            instrs: Vec::new(),
            positions: Vec::new(),
            labels: Vec::new(),
            block_start: 0,
            consts: Vec::new(),
            source_consts: Vec::new(),
            const_index: HashMap::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            varnames: Vec::new(),
            var_index: HashMap::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
        }
    }

    /// Appends an instruction at the current position.
    pub fn emit(&mut self, instr: Instr) {
        if let Instr::BuildTuple(n) = instr {
            if self.fold_tuple(n as usize) {
                return;
            }
        }
        // `LoadConst c; JumpIfFalseOrPop` with c known: a jump, or nothing at all.
        if let Instr::JumpIfFalseOrPop(l) | Instr::JumpIfTrueOrPop(l) = instr {
            if let Some(c) = self.last_const() {
                let jump_if_true = matches!(instr, Instr::JumpIfTrueOrPop(_));
                if const_truthy(&c) == jump_if_true {
                    self.instrs.push(Instr::Jump(l));
                    self.positions.push(self.pos);
                } else {
                    self.instrs.pop();
                    self.positions.pop();
                }
                return;
            }
        }
        // `PushNull; LoadGlobal` is one `LoadGlobal` that pushes the `NULL` itself.
        if let Instr::LoadGlobal {
            name,
            push_null: false,
        } = instr
        {
            if self.instrs.len() > self.block_start && self.instrs.last() == Some(&Instr::PushNull)
            {
                self.instrs.pop();
                self.positions.pop();
                self.instrs.push(Instr::LoadGlobal {
                    name,
                    push_null: true,
                });
                self.positions.push(self.pos);
                return;
            }
        }
        self.instrs.push(instr);
        self.positions.push(self.pos);
    }

    /// The constant the last instruction of the current basic block loads, if it does.
    fn last_const(&self) -> Option<Const> {
        match self.instrs.last() {
            Some(Instr::LoadConst(i)) if self.instrs.len() > self.block_start => {
                Some(self.consts[*i as usize].clone())
            }
            _ => None,
        }
    }

    /// `LoadConst c1 .. LoadConst cn; BuildTuple(n)` in one basic block becomes one
    /// `LoadConst` of the tuple, as CPython's optimizer does.
    fn fold_tuple(&mut self, n: usize) -> bool {
        let len = self.instrs.len();
        if len < n || len - n < self.block_start {
            return false;
        }
        let mut items = Vec::with_capacity(n);
        for instr in &self.instrs[len - n..] {
            match instr {
                Instr::LoadConst(i) => items.push(self.consts[*i as usize].clone()),
                _ => return false,
            }
        }
        let pos = self.pos;
        self.instrs.truncate(len - n);
        self.positions.truncate(len - n);
        let idx = self.add_const(Const::Tuple(items));
        self.instrs.push(Instr::LoadConst(idx));
        self.positions.push(pos);
        true
    }

    /// A fresh, unbound label.
    pub fn new_label(&mut self) -> Label {
        self.labels.push(u32::MAX);
        (self.labels.len() - 1) as Label
    }

    /// Binds `label` to the next instruction.
    pub fn bind(&mut self, label: Label) {
        self.labels[label as usize] = self.instrs.len() as u32;
        self.block_start = self.instrs.len();
    }

    /// Emits `SetupFinally` to `handler`, whose stack depth (below the pushed exception)
    /// is the current depth plus `offset`.
    pub fn setup_finally(&mut self, handler: Label, offset: i32) {
        self.emit(Instr::SetupFinally {
            handler,
            depth: offset as u32,
        });
    }

    /// The index of a constant, added if new.
    pub fn add_const(&mut self, c: Const) -> u32 {
        // Equal code objects are one constant (a `finally` body compiled twice makes its
        // functions twice), as CPython merges them.
        if let Const::Code(code) = &c {
            let same = self
                .consts
                .iter()
                .position(|k| matches!(k, Const::Code(o) if **o == **code));
            if let Some(i) = same {
                return i as u32;
            }
        }
        let key = const_key(&c);
        if let Some(&i) = self.const_index.get(&key) {
            return i;
        }
        let i = self.consts.len() as u32;
        self.consts.push(c);
        self.const_index.insert(key, i);
        i
    }

    /// Records that `c` was written in the source (a literal, or what the folder made of
    /// literals) rather than made by the compiler: CPython's parser keeps each such object
    /// alive in its arena while the main module runs.
    pub fn mark_source(&mut self, c: &Const) {
        self.source_consts.push(c.clone());
    }

    /// Emits `LoadConst` of `c`, a constant written in the source.
    pub fn load_source_const(&mut self, c: Const) {
        self.mark_source(&c);
        self.load_const(c);
    }

    /// Emits `LoadConst` of `c`.
    pub fn load_const(&mut self, c: Const) {
        let i = self.add_const(c);
        self.emit(Instr::LoadConst(i));
    }

    /// The index of a name in `names`, added if new.
    pub fn add_name(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.name_index.get(name) {
            return i;
        }
        let rc: Rc<str> = name.into();
        let i = self.names.len() as u32;
        self.names.push(rc.clone());
        self.name_index.insert(rc, i);
        i
    }

    /// The slot of a fast local, added to `varnames` if new.
    pub fn add_varname(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.var_index.get(name) {
            return i;
        }
        let rc: Rc<str> = name.into();
        let i = self.varnames.len() as u32;
        self.varnames.push(rc.clone());
        self.var_index.insert(rc, i);
        i
    }

    /// Sets the cell and free variable names (sorted, as CPython sorts them).
    pub fn set_cells(&mut self, cellvars: Vec<Rc<str>>, freevars: Vec<Rc<str>>) {
        self.cellvars = cellvars;
        self.freevars = freevars;
    }

    /// The cell variable names.
    pub fn cellvars(&self) -> &[Rc<str>] {
        &self.cellvars
    }

    /// The operand naming cell `name` or free variable `name`, resolved at assembly.
    pub fn deref_operand(&self, name: &str) -> Option<LocalIdx> {
        if let Some(i) = self.cellvars.iter().position(|c| &**c == name) {
            return Some(CELL_TAG | i as u32);
        }
        self.freevars
            .iter()
            .position(|c| &**c == name)
            .map(|i| FREE_TAG | i as u32)
    }

    /// The operand of a cell (not a free variable) named `name`.
    pub fn cell_operand(&self, name: &str) -> Option<LocalIdx> {
        self.cellvars
            .iter()
            .position(|c| &**c == name)
            .map(|i| CELL_TAG | i as u32)
    }

    /// The operand of a free variable named `name`.
    pub fn free_operand(&self, name: &str) -> Option<LocalIdx> {
        self.freevars
            .iter()
            .position(|c| &**c == name)
            .map(|i| FREE_TAG | i as u32)
    }

    /// Builds the code object.
    pub fn assemble(mut self) -> Result<CodeObject, AssembleError> {
        // Cells: a parameter keeps its slot, the others follow `varnames`.
        let nparams = (self.argcount + self.kwonlyargcount) as usize
            + usize::from(self.varargs)
            + usize::from(self.varkeywords);
        let mut cell_slots = Vec::with_capacity(self.cellvars.len());
        let mut extra = 0u32;
        for cell in &self.cellvars {
            match self.var_index.get(cell) {
                Some(&slot) if (slot as usize) < nparams => cell_slots.push(slot),
                _ => {
                    cell_slots.push(self.varnames.len() as u32 + extra);
                    extra += 1;
                }
            }
        }
        let free_base = self.varnames.len() as u32 + extra;
        let resolve = |op: u32| -> u32 {
            if op & FREE_TAG != 0 {
                free_base + (op & !FREE_TAG)
            } else if op & CELL_TAG != 0 {
                cell_slots[(op & !CELL_TAG) as usize]
            } else {
                op
            }
        };
        for instr in &mut self.instrs {
            match instr {
                Instr::MakeCell(i)
                | Instr::LoadClosure(i)
                | Instr::LoadDeref(i)
                | Instr::StoreDeref(i)
                | Instr::DeleteDeref(i)
                | Instr::LoadClassDeref(i, _) => *i = resolve(*i),
                _ => {}
            }
        }

        let (instrs, positions) =
            layout(self.instrs, self.positions, &self.labels, self.first_line)?;

        // Unused constants at the end go; the first always stays (a function's docstring or
        // None), and so do unused ones before the last used one, as in CPython.
        let used = instrs
            .iter()
            .filter_map(|instr| match instr {
                Instr::LoadConst(i) | Instr::KwNames(i) => Some(*i as usize),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        let mut consts = self.consts;
        consts.truncate(used + 1);

        Ok(CodeObject {
            name: self.name,
            qualname: self.qualname,
            kind: self.kind,
            argcount: self.argcount,
            posonlyargcount: self.posonlyargcount,
            kwonlyargcount: self.kwonlyargcount,
            varargs: self.varargs,
            varkeywords: self.varkeywords,
            generator: self.generator,
            varnames: self.varnames,
            cellvars: self.cellvars,
            freevars: self.freevars,
            cell_slots,
            names: self.names,
            consts,
            instrs,
            positions,
            first_line: self.first_line,
            docstring: self.docstring,
            source_consts: self.source_consts,
        })
    }
}

/// Python truthiness of a constant.
fn const_truthy(c: &Const) -> bool {
    match c {
        Const::None => false,
        Const::Bool(b) => *b,
        Const::Int(i) => *i != 0,
        Const::BigInt(_) => true,
        Const::Float(f) => *f != 0.0,
        Const::Str(s) => !s.is_empty(),
        Const::Tuple(items) => !items.is_empty(),
        Const::Code(_) | Const::Ellipsis => true,
    }
}
