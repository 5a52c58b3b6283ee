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

use super::bytecode::{CodeKind, CodeObject, Const, Instr, Label, LocalIdx, Position};

/// Operand tag of a cell variable while compiling (index into `cellvars`).
const CELL_TAG: u32 = 1 << 30;
/// Operand tag of a free variable while compiling (index into `freevars`).
const FREE_TAG: u32 = 1 << 31;

/// A constant as a hash key: floats by bits, code objects by identity.
#[derive(Clone, PartialEq, Eq, Hash)]
enum ConstKey {
    None,
    Ellipsis,
    Bool(bool),
    Int(i64),
    Float(u64),
    Str(Rc<str>),
    Tuple(Vec<ConstKey>),
    Code(usize),
}

fn const_key(c: &Const) -> ConstKey {
    match c {
        Const::None => ConstKey::None,
        Const::Ellipsis => ConstKey::Ellipsis,
        Const::Bool(b) => ConstKey::Bool(*b),
        Const::Int(i) => ConstKey::Int(*i),
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
    const_index: HashMap<ConstKey, u32>,
    names: Vec<Rc<str>>,
    name_index: HashMap<Rc<str>, u32>,
    varnames: Vec<Rc<str>>,
    var_index: HashMap<Rc<str>, u32>,
    cellvars: Vec<Rc<str>>,
    freevars: Vec<Rc<str>>,
}

/// An error in the compiler's own output (never caused by the program compiled): a stack
/// depth that differs between two paths, or goes negative.
#[derive(Debug)]
pub(crate) struct AssembleError(pub String);

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
        self.instrs.push(instr);
        self.positions.push(self.pos);
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
        let pos = self.positions.get(len - n).copied().unwrap_or(self.pos);
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
        let key = const_key(&c);
        if let Some(&i) = self.const_index.get(&key) {
            return i;
        }
        let i = self.consts.len() as u32;
        self.consts.push(c);
        self.const_index.insert(key, i);
        i
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

        self.thread_jumps();
        let depths = self.flow()?;
        let keep = self.choose_kept(&depths);

        // New index of each old instruction: the first kept one at or after it.
        let n = self.instrs.len();
        let mut new_index = vec![0u32; n + 1];
        let mut count = keep.iter().filter(|&&k| k).count() as u32;
        new_index[n] = count;
        for i in (0..n).rev() {
            if keep[i] {
                count -= 1;
            }
            new_index[i] = count;
        }
        let labels = &self.labels;
        let target = |label: Label| new_index[labels[label as usize] as usize];
        let mut instrs = Vec::new();
        let mut positions = Vec::new();
        for i in 0..n {
            if !keep[i] {
                continue;
            }
            let mut instr = self.instrs[i];
            match &mut instr {
                Instr::Jump(l)
                | Instr::PopJumpIfFalse(l)
                | Instr::PopJumpIfTrue(l)
                | Instr::JumpIfFalseOrPop(l)
                | Instr::JumpIfTrueOrPop(l)
                | Instr::ForIter(l)
                | Instr::Send(l) => *l = target(*l),
                Instr::SetupFinally { handler, depth } => {
                    *handler = target(*handler);
                    let here = depths[i].unwrap_or(0);
                    *depth = (here + *depth as i32) as u32;
                }
                _ => {}
            }
            instrs.push(instr);
            positions.push(self.positions[i]);
        }

        // Unused constants go, except a function's first (its docstring or None).
        let mut used = vec![false; self.consts.len()];
        if self.kind == CodeKind::Function && !used.is_empty() {
            used[0] = true;
        }
        for instr in &instrs {
            if let Instr::LoadConst(i) | Instr::KwNames(i) = instr {
                used[*i as usize] = true;
            }
        }
        let mut const_map = vec![0u32; self.consts.len()];
        let mut consts = Vec::new();
        for (i, c) in self.consts.into_iter().enumerate() {
            if used[i] {
                const_map[i] = consts.len() as u32;
                consts.push(c);
            }
        }
        for instr in &mut instrs {
            if let Instr::LoadConst(i) | Instr::KwNames(i) = instr {
                *i = const_map[*i as usize];
            }
        }

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
        })
    }

    /// A jump to an unconditional `Jump` goes straight to that jump's target.
    fn thread_jumps(&mut self) {
        let n = self.instrs.len();
        for i in 0..n {
            let mut instr = self.instrs[i];
            // A chain of jumps is at most as long as the code; a cycle stops at the limit.
            for _ in 0..n {
                let Some(label) = jump_label(&instr) else {
                    break;
                };
                let t = self.labels[label as usize] as usize;
                let next = match (instr, self.instrs.get(t)) {
                    (_, _) if t == i => None,
                    (_, Some(&Instr::Jump(next))) => Some(next),
                    (Instr::JumpIfFalseOrPop(_), Some(&Instr::JumpIfFalseOrPop(next)))
                    | (Instr::JumpIfTrueOrPop(_), Some(&Instr::JumpIfTrueOrPop(next))) => {
                        Some(next)
                    }
                    // The value is known false (true) there: the other test pops it and
                    // falls through.
                    (Instr::JumpIfFalseOrPop(_), Some(Instr::JumpIfTrueOrPop(_))) => {
                        self.labels.push(t as u32 + 1);
                        instr = Instr::PopJumpIfFalse(self.labels.len() as u32 - 1);
                        break;
                    }
                    (Instr::JumpIfTrueOrPop(_), Some(Instr::JumpIfFalseOrPop(_))) => {
                        self.labels.push(t as u32 + 1);
                        instr = Instr::PopJumpIfTrue(self.labels.len() as u32 - 1);
                        break;
                    }
                    _ => None,
                };
                match next {
                    Some(next) if next != label => set_jump_label(&mut instr, next),
                    _ => break,
                }
            }
            self.instrs[i] = instr;
        }
    }

    /// The stack depth before each reachable instruction (`None`: unreachable).
    fn flow(&self) -> Result<Vec<Option<i32>>, AssembleError> {
        let n = self.instrs.len();
        let mut depths: Vec<Option<i32>> = vec![None; n + 1];
        let mut work = vec![(0usize, 0i32)];
        let labels = &self.labels;
        while let Some((i, d)) = work.pop() {
            if i >= n {
                continue;
            }
            match depths[i] {
                Some(seen) if seen == d => continue,
                Some(seen) => {
                    return Err(AssembleError(format!(
                        "{}: instruction {i} ({:?}) reached with depths {seen} and {d}",
                        self.qualname, self.instrs[i]
                    )))
                }
                None => {}
            }
            if d < 0 {
                return Err(AssembleError(format!(
                    "{}: negative stack depth at instruction {i}",
                    self.qualname
                )));
            }
            depths[i] = Some(d);
            let instr = self.instrs[i];
            let (fall, jump) = instr.stack_effect();
            let to = |l: Label| labels[l as usize] as usize;
            match instr {
                Instr::SetupFinally { handler, depth } => {
                    work.push((to(handler), d + depth as i32 + 1));
                    work.push((i + 1, d));
                }
                Instr::Jump(l) => work.push((to(l), d)),
                Instr::PopJumpIfFalse(l)
                | Instr::PopJumpIfTrue(l)
                | Instr::JumpIfFalseOrPop(l)
                | Instr::JumpIfTrueOrPop(l)
                | Instr::ForIter(l)
                | Instr::Send(l) => {
                    work.push((to(l), d + jump.unwrap_or(0)));
                    work.push((i + 1, d + fall));
                }
                Instr::ReturnValue | Instr::Raise(_) | Instr::Reraise => {
                    if d + fall < 0 {
                        return Err(AssembleError(format!(
                            "{}: stack underflow at instruction {i}",
                            self.qualname
                        )));
                    }
                }
                _ => work.push((i + 1, d + fall)),
            }
        }
        Ok(depths)
    }

    /// Which instructions stay: reachable ones, minus `Nop`s whose line another instruction
    /// next to them already has, minus jumps to the next kept instruction.
    fn choose_kept(&self, depths: &[Option<i32>]) -> Vec<bool> {
        let n = self.instrs.len();
        let mut keep: Vec<bool> = (0..n).map(|i| depths[i].is_some()).collect();
        // Redundant Nops.
        let mut prev_line: Option<u32> = None;
        for i in 0..n {
            if !keep[i] {
                continue;
            }
            let line = self.positions[i].line;
            if self.instrs[i] == Instr::Nop {
                let next_line = (i + 1..n)
                    .find(|&j| keep[j])
                    .map(|j| self.positions[j].line);
                if prev_line == Some(line) || next_line == Some(line) {
                    keep[i] = false;
                    continue;
                }
            }
            prev_line = Some(line);
        }
        // Jumps to the next kept instruction.
        loop {
            let mut changed = false;
            for i in 0..n {
                if !keep[i] {
                    continue;
                }
                if let Instr::Jump(l) = self.instrs[i] {
                    let t = self.labels[l as usize] as usize;
                    let next_kept = (i + 1..n).find(|&j| keep[j]).unwrap_or(n);
                    let target_kept = (t..n).find(|&j| keep[j]).unwrap_or(n);
                    if next_kept == target_kept {
                        keep[i] = false;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        keep
    }
}

/// The target of a jump that may be threaded.
fn jump_label(instr: &Instr) -> Option<Label> {
    match *instr {
        Instr::Jump(l)
        | Instr::PopJumpIfFalse(l)
        | Instr::PopJumpIfTrue(l)
        | Instr::JumpIfFalseOrPop(l)
        | Instr::JumpIfTrueOrPop(l)
        | Instr::ForIter(l) => Some(l),
        _ => None,
    }
}

fn set_jump_label(instr: &mut Instr, label: Label) {
    match instr {
        Instr::Jump(l)
        | Instr::PopJumpIfFalse(l)
        | Instr::PopJumpIfTrue(l)
        | Instr::JumpIfFalseOrPop(l)
        | Instr::JumpIfTrueOrPop(l)
        | Instr::ForIter(l) => *l = label,
        _ => {}
    }
}
