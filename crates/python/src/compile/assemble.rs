//! Laying out a code object's instructions, as CPython 3.11's assembler does.
//!
//! The instructions are cut into basic blocks; jumps to jumps are threaded; unreachable
//! blocks go; a jump to a small block that leaves the function is replaced by a copy of it;
//! an exit block without a line number that several jumps reach is copied once per jump, so
//! that each copy runs "on the line" of the code that jumped there; instructions without a
//! line number (position line 0: code the compiler adds, like the implicit `return None`)
//! take the line of the code before them; redundant `Nop`s and jumps to the next instruction
//! go. Finally each `SetupFinally` gets its handler's absolute stack depth.

use super::bytecode::{Instr, Label, Position};

/// A block's instructions may be copied into a jump to it when they are at most this many
/// (CPython's `MAX_COPY_SIZE`).
const MAX_COPY_SIZE: usize = 4;

/// An error in the compiler's own output (never caused by the program compiled): a stack
/// depth that differs between two paths, or goes negative.
#[derive(Debug)]
pub(crate) struct AssembleError(pub String);

struct Block {
    instrs: Vec<Instr>,
    pos: Vec<Position>,
    /// The next block in layout order.
    next: Option<usize>,
    reachable: bool,
    preds: u32,
}

/// The block a jump goes to (operands are block indices while laying out).
fn jump_target(instr: &Instr) -> Option<Label> {
    match *instr {
        Instr::Jump(l)
        | Instr::PopJumpIfFalse(l)
        | Instr::PopJumpIfTrue(l)
        | Instr::JumpIfFalseOrPop(l)
        | Instr::JumpIfTrueOrPop(l)
        | Instr::ForIter(l)
        | Instr::Send(l) => Some(l),
        _ => None,
    }
}

fn set_target(instr: &mut Instr, to: Label) {
    match instr {
        Instr::Jump(l)
        | Instr::PopJumpIfFalse(l)
        | Instr::PopJumpIfTrue(l)
        | Instr::JumpIfFalseOrPop(l)
        | Instr::JumpIfTrueOrPop(l)
        | Instr::ForIter(l)
        | Instr::Send(l)
        | Instr::SetupFinally { handler: l, .. } => *l = to,
        _ => {}
    }
}

/// Execution never continues to the next instruction.
fn no_fallthrough(instr: &Instr) -> bool {
    matches!(
        instr,
        Instr::Jump(_) | Instr::ReturnValue | Instr::Raise(_) | Instr::Reraise
    )
}

/// The instruction leaves the code object.
fn exits_scope(instr: &Instr) -> bool {
    matches!(instr, Instr::ReturnValue | Instr::Raise(_) | Instr::Reraise)
}

struct Layout {
    blocks: Vec<Block>,
}

/// Lays out `instrs` (jump operands are labels, bound to instruction indices by `labels`;
/// `SetupFinally::depth` is an offset from the depth where it stands). Returns the final
/// instructions and positions.
pub(crate) fn layout(
    instrs: Vec<Instr>,
    positions: Vec<Position>,
    labels: &[u32],
    first_line: u32,
) -> Result<(Vec<Instr>, Vec<Position>), AssembleError> {
    let mut l = Layout::split(instrs, positions, labels);
    l.thread_jumps();
    l.mark_reachable();
    // Later blocks first (CPython walks its blocks newest first): a jump to a jump to an
    // exit block copies the exit block the second jump was already replaced by.
    for b in (0..l.blocks.len()).rev() {
        if l.blocks[b].reachable {
            l.extend_block(b);
        }
    }
    l.mark_reachable();
    l.drop_unreachable();
    for b in l.order() {
        remove_redundant_nops(&mut l, b);
    }
    l.drop_jumps_to_next();
    l.mark_reachable();
    l.duplicate_exits_without_lineno();
    l.propagate_line_numbers();
    l.guarantee_lineno_for_exits(first_line);
    for b in l.order() {
        remove_redundant_nops(&mut l, b);
    }
    let (mut instrs, mut positions) = l.linearize();
    fill_lines(&mut positions, first_line);
    set_handler_depths(&mut instrs)?;
    Ok((instrs, positions))
}

impl Layout {
    fn split(instrs: Vec<Instr>, positions: Vec<Position>, labels: &[u32]) -> Layout {
        let n = instrs.len();
        let mut starts = vec![false; n + 1];
        starts[0] = true;
        for &at in labels {
            if (at as usize) <= n {
                starts[at as usize] = true;
            }
        }
        for (i, instr) in instrs.iter().enumerate() {
            if jump_target(instr).is_some() || no_fallthrough(instr) {
                starts[i + 1] = true;
            }
        }
        let mut block_of = vec![0usize; n + 1];
        let mut blocks: Vec<Block> = Vec::new();
        for i in 0..=n {
            if starts[i] {
                if i == n && !labels.iter().any(|&at| at as usize == n) {
                    break;
                }
                let id = blocks.len();
                if let Some(last) = blocks.last_mut() {
                    last.next = Some(id);
                }
                blocks.push(Block {
                    instrs: Vec::new(),
                    pos: Vec::new(),
                    next: None,
                    reachable: false,
                    preds: 0,
                });
            }
            block_of[i] = blocks.len() - 1;
            if i < n {
                let b = blocks.last_mut().expect("a block");
                b.instrs.push(instrs[i]);
                b.pos.push(positions[i]);
            }
        }
        for b in &mut blocks {
            for instr in &mut b.instrs {
                let target = match *instr {
                    Instr::SetupFinally { handler, .. } => Some(handler),
                    other => jump_target(&other),
                };
                if let Some(label) = target {
                    set_target(instr, block_of[labels[label as usize] as usize] as Label);
                }
            }
        }
        Layout { blocks }
    }

    /// Blocks in layout order.
    fn order(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut b = Some(0);
        while let Some(i) = b {
            out.push(i);
            b = self.blocks[i].next;
        }
        out
    }

    /// The first non-empty block at or after `b` in layout order.
    fn skip_empty(&self, mut b: usize) -> Option<usize> {
        loop {
            if !self.blocks[b].instrs.is_empty() {
                return Some(b);
            }
            b = self.blocks[b].next?;
        }
    }

    /// A jump to a jump goes where that one goes (CPython's `jump_thread`), when both are
    /// on the same line (so line events stay the same).
    fn thread_jumps(&mut self) {
        let limit = self.blocks.len();
        for b in 0..self.blocks.len() {
            let Some(&last) = self.blocks[b].instrs.last() else {
                continue;
            };
            if jump_target(&last).is_none() {
                continue;
            }
            let line = self.blocks[b].pos.last().map_or(0, |p| p.line);
            let mut instr = last;
            for _ in 0..limit {
                let Some(target) = jump_target(&instr) else {
                    break;
                };
                let Some(t) = self.skip_empty(target as usize) else {
                    break;
                };
                let first = self.blocks[t].instrs[0];
                if self.blocks[t].pos[0].line != line || t == b {
                    break;
                }
                use Instr::*;
                let threaded = match (instr, first) {
                    (Jump(_), Jump(to)) => Jump(to),
                    (PopJumpIfFalse(_), Jump(to)) => PopJumpIfFalse(to),
                    (PopJumpIfTrue(_), Jump(to)) => PopJumpIfTrue(to),
                    (JumpIfFalseOrPop(_), PopJumpIfFalse(to)) => PopJumpIfFalse(to),
                    (JumpIfFalseOrPop(_), Jump(to) | JumpIfFalseOrPop(to)) => JumpIfFalseOrPop(to),
                    (JumpIfTrueOrPop(_), PopJumpIfTrue(to)) => PopJumpIfTrue(to),
                    (JumpIfTrueOrPop(_), Jump(to) | JumpIfTrueOrPop(to)) => JumpIfTrueOrPop(to),
                    // The value is known false (true) there: the other test pops it and
                    // falls through to the block after it.
                    (JumpIfFalseOrPop(_), JumpIfTrueOrPop(_) | PopJumpIfTrue(_)) => {
                        match self.blocks[t].next {
                            Some(after) => PopJumpIfFalse(after as Label),
                            None => break,
                        }
                    }
                    (JumpIfTrueOrPop(_), JumpIfFalseOrPop(_) | PopJumpIfFalse(_)) => {
                        match self.blocks[t].next {
                            Some(after) => PopJumpIfTrue(after as Label),
                            None => break,
                        }
                    }
                    _ => break,
                };
                if jump_target(&threaded) == Some(target) {
                    break;
                }
                instr = threaded;
            }
            *self.blocks[b]
                .instrs
                .last_mut()
                .expect("a last instruction") = instr;
        }
    }

    /// Successors of a block: the next block (if execution falls through), jump targets and
    /// handlers.
    fn successors(&self, b: usize) -> Vec<usize> {
        let block = &self.blocks[b];
        let mut out = Vec::new();
        for instr in &block.instrs {
            match instr {
                Instr::SetupFinally { handler, .. } => out.push(*handler as usize),
                other => out.extend(jump_target(other).map(|t| t as usize)),
            }
        }
        if !block.instrs.last().is_some_and(no_fallthrough) {
            out.extend(block.next);
        }
        out
    }

    fn mark_reachable(&mut self) {
        for b in &mut self.blocks {
            b.reachable = false;
            b.preds = 0;
        }
        let mut work = vec![0usize];
        self.blocks[0].reachable = true;
        while let Some(b) = work.pop() {
            for s in self.successors(b) {
                self.blocks[s].preds += 1;
                if !self.blocks[s].reachable {
                    self.blocks[s].reachable = true;
                    work.push(s);
                }
            }
        }
    }

    fn drop_unreachable(&mut self) {
        let order = self.order();
        let kept: Vec<usize> = order
            .into_iter()
            .filter(|&b| self.blocks[b].reachable)
            .collect();
        for w in kept.windows(2) {
            self.blocks[w[0]].next = Some(w[1]);
        }
        if let Some(&last) = kept.last() {
            self.blocks[last].next = None;
        }
    }

    /// A block ending in `Jump` to a small block without lines that leaves the function gets
    /// a copy of that block instead.
    fn extend_block(&mut self, b: usize) {
        let Some(Instr::Jump(t)) = self.blocks[b].instrs.last().copied() else {
            return;
        };
        let Some(t) = self.skip_empty(t as usize) else {
            return;
        };
        let target = &self.blocks[t];
        // Only code without lines (an implicit `return None`) is copied.
        if target.instrs.len() > MAX_COPY_SIZE
            || !target.instrs.last().is_some_and(exits_scope)
            || target.pos.iter().any(|p| p.line != 0)
        {
            return;
        }
        let (instrs, pos) = (target.instrs.clone(), target.pos.clone());
        let block = &mut self.blocks[b];
        *block.instrs.last_mut().expect("a jump") = Instr::Nop;
        block.instrs.extend(instrs);
        block.pos.extend(pos);
    }

    /// A `Jump` to the next block in layout order becomes a `Nop` (kept only for its line).
    fn drop_jumps_to_next(&mut self) {
        for b in self.order() {
            let Some(Instr::Jump(t)) = self.blocks[b].instrs.last().copied() else {
                continue;
            };
            let next = self.blocks[b].next.and_then(|n| self.skip_empty(n));
            if next.is_some() && next == self.skip_empty(t as usize) {
                *self.blocks[b].instrs.last_mut().expect("a jump") = Instr::Nop;
                remove_redundant_nops(self, b);
            }
        }
    }

    fn is_exit_without_lineno(&self, b: usize) -> bool {
        let block = &self.blocks[b];
        block.instrs.last().is_some_and(exits_scope) && block.pos.iter().all(|p| p.line == 0)
    }

    /// Each jump to an exit block without lines gets its own copy (blocks visited in reverse,
    /// as CPython walks its list of blocks newest first).
    fn duplicate_exits_without_lineno(&mut self) {
        for b in self.order().into_iter().rev() {
            let Some(&last) = self.blocks[b].instrs.last() else {
                continue;
            };
            let Some(t) = jump_target(&last) else {
                continue;
            };
            let Some(t) = self.skip_empty(t as usize) else {
                continue;
            };
            if !self.is_exit_without_lineno(t) || self.blocks[t].preds <= 1 {
                continue;
            }
            let copy = self.blocks.len();
            let mut pos = self.blocks[t].pos.clone();
            pos[0] = *self.blocks[b].pos.last().expect("a jump's position");
            self.blocks.push(Block {
                instrs: self.blocks[t].instrs.clone(),
                pos,
                next: self.blocks[t].next,
                reachable: true,
                preds: 1,
            });
            self.blocks[t].next = Some(copy);
            self.blocks[t].preds -= 1;
            let block = &mut self.blocks[b];
            set_target(block.instrs.last_mut().expect("a jump"), copy as Label);
        }
    }

    /// Instructions without a line take the line before them in their block; a block with
    /// one predecessor starts on that predecessor's last line.
    fn propagate_line_numbers(&mut self) {
        for b in self.order() {
            let mut prev: Option<Position> = None;
            let block = &mut self.blocks[b];
            for p in &mut block.pos {
                if p.line == 0 {
                    if let Some(prev) = prev {
                        *p = prev;
                    }
                } else {
                    prev = Some(*p);
                }
            }
            let Some(prev) = prev else { continue };
            let last = *block.instrs.last().expect("a non-empty block");
            let mut successors = Vec::new();
            if !no_fallthrough(&last) {
                successors.extend(block.next);
            }
            successors.extend(jump_target(&last).map(|t| t as usize));
            for s in successors {
                let Some(s) = self.skip_empty(s) else {
                    continue;
                };
                if self.blocks[s].preds == 1 && self.blocks[s].pos[0].line == 0 {
                    self.blocks[s].pos[0] = prev;
                }
            }
        }
    }

    /// A `return` without a line gets the last line seen before it in layout order.
    fn guarantee_lineno_for_exits(&mut self, first_line: u32) {
        let mut line = Position {
            line: first_line,
            col: 0,
            end_line: first_line,
            end_col: 0,
        };
        for b in self.order() {
            let block = &mut self.blocks[b];
            let Some(last) = block.pos.last() else {
                continue;
            };
            if last.line == 0 {
                if block.instrs.last() == Some(&Instr::ReturnValue) {
                    for p in &mut block.pos {
                        if p.line == 0 {
                            *p = Position {
                                col: 0,
                                end_col: 0,
                                ..line
                            };
                        }
                    }
                }
            } else {
                line = *last;
            }
        }
    }

    fn linearize(&self) -> (Vec<Instr>, Vec<Position>) {
        let order = self.order();
        let mut start = vec![0u32; self.blocks.len()];
        let mut at = 0u32;
        for &b in &order {
            start[b] = at;
            at += self.blocks[b].instrs.len() as u32;
        }
        // An empty block starts where the next non-empty one does.
        for &b in order.iter().rev() {
            if self.blocks[b].instrs.is_empty() {
                start[b] = self.blocks[b].next.map_or(at, |n| start[n]);
            }
        }
        let mut instrs = Vec::with_capacity(at as usize);
        let mut positions = Vec::with_capacity(at as usize);
        for &b in &order {
            for (instr, pos) in self.blocks[b].instrs.iter().zip(&self.blocks[b].pos) {
                let mut instr = *instr;
                let target = match instr {
                    Instr::SetupFinally { handler, .. } => Some(handler),
                    other => jump_target(&other),
                };
                if let Some(t) = target {
                    set_target(&mut instr, start[t as usize]);
                }
                instrs.push(instr);
                positions.push(*pos);
            }
        }
        (instrs, positions)
    }
}

/// CPython's `remove_redundant_nops`: a `Nop` goes when it has no line, or the instruction
/// before it in the block has its line, or the one after it has its line, or none (the next
/// one then takes the `Nop`'s position).
fn remove_redundant_nops(l: &mut Layout, b: usize) {
    let next_first_line = l.blocks[b]
        .next
        .and_then(|n| l.skip_empty(n))
        .map(|n| l.blocks[n].pos[0].line);
    let block = &mut l.blocks[b];
    let mut instrs = Vec::with_capacity(block.instrs.len());
    let mut pos: Vec<Position> = Vec::with_capacity(block.pos.len());
    let n = block.instrs.len();
    let mut prev_line: Option<u32> = None;
    for i in 0..n {
        let line = block.pos[i].line;
        if block.instrs[i] == Instr::Nop {
            if line == 0 || prev_line == Some(line) {
                continue;
            }
            if i + 1 < n {
                let next = block.pos[i + 1].line;
                if next == 0 {
                    block.pos[i + 1] = block.pos[i];
                    continue;
                }
                if next == line {
                    continue;
                }
            } else if next_first_line == Some(line) {
                continue;
            }
        }
        instrs.push(block.instrs[i]);
        pos.push(block.pos[i]);
        prev_line = Some(line);
    }
    block.instrs = instrs;
    block.pos = pos;
}

/// Instructions still without a line (in exception handlers) take the line before them.
fn fill_lines(positions: &mut [Position], first_line: u32) {
    let mut prev = Position {
        line: first_line,
        col: 0,
        end_line: first_line,
        end_col: 0,
    };
    for p in positions {
        if p.line == 0 {
            *p = prev;
        } else {
            prev = *p;
        }
    }
}

/// Follows every path to learn the stack depth at each `SetupFinally`, making its handler
/// depth absolute, and checks the depths agree wherever paths meet.
fn set_handler_depths(instrs: &mut [Instr]) -> Result<(), AssembleError> {
    let n = instrs.len();
    let mut depths: Vec<Option<i32>> = vec![None; n];
    let mut work = vec![(0usize, 0i32)];
    while let Some((i, d)) = work.pop() {
        if i >= n {
            return Err(AssembleError(format!(
                "execution runs off the end (depth {d})"
            )));
        }
        match depths[i] {
            Some(seen) if seen == d => continue,
            Some(seen) => {
                return Err(AssembleError(format!(
                    "instruction {i} ({:?}) reached with depths {seen} and {d}",
                    instrs[i]
                )))
            }
            None => {}
        }
        if d < 0 {
            return Err(AssembleError(format!(
                "negative stack depth at instruction {i}"
            )));
        }
        depths[i] = Some(d);
        let instr = instrs[i];
        let (fall, jump) = instr.stack_effect();
        match instr {
            Instr::SetupFinally { handler, depth } => {
                let handler_depth = d + depth as i32;
                instrs[i] = Instr::SetupFinally {
                    handler,
                    depth: handler_depth as u32,
                };
                work.push((handler as usize, handler_depth + 1));
                work.push((i + 1, d));
            }
            Instr::Jump(t) => work.push((t as usize, d)),
            other if jump_target(&other).is_some() => {
                let t = jump_target(&other).expect("a jump") as usize;
                work.push((t, d + jump.unwrap_or(0)));
                work.push((i + 1, d + fall));
            }
            other if exits_scope(&other) => {
                if d + fall < 0 {
                    return Err(AssembleError(format!("stack underflow at instruction {i}")));
                }
            }
            _ => work.push((i + 1, d + fall)),
        }
    }
    Ok(())
}
