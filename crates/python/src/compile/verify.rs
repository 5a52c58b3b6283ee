//! A checker for the stack discipline of a code object.

use std::fmt;

use super::bytecode::{CodeObject, Instr};

/// A broken stack discipline found by [`verify_stack`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StackError {
    /// The code object's qualified name.
    pub code: String,
    /// The instruction index.
    pub index: usize,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for StackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at instruction {}: {}",
            self.code, self.index, self.problem
        )
    }
}

impl std::error::Error for StackError {}

/// The state before an instruction: value stack depth and the handlers pushed by
/// `SetupFinally` (their instruction indices), innermost last.
#[derive(Clone, PartialEq, Eq, Debug)]
struct State {
    depth: i64,
    blocks: Vec<usize>,
}

/// Follows every path through `code` (its nested code objects are not visited) and checks
/// that the stack depth never goes negative, that every instruction is reached with one
/// depth and one stack of handlers, that a handler's recorded depth is below the depth where
/// it was pushed, and that `PopBlock` always has a handler to pop and `ReturnValue` leaves
/// none behind. Returns the largest stack depth.
pub fn verify_stack(code: &CodeObject) -> Result<u32, StackError> {
    let n = code.instrs.len();
    let err = |index: usize, problem: String| StackError {
        code: code.qualname.to_string(),
        index,
        problem,
    };
    let mut states: Vec<Option<State>> = vec![None; n];
    let mut work = vec![(
        0usize,
        State {
            depth: 0,
            blocks: Vec::new(),
        },
    )];
    let mut max = 0i64;
    while let Some((i, state)) = work.pop() {
        if i >= n {
            return Err(err(i, "execution runs past the last instruction".into()));
        }
        if let Some(seen) = &states[i] {
            if *seen != state {
                return Err(err(i, format!("reached with {seen:?} and with {state:?}")));
            }
            continue;
        }
        if state.depth < 0 {
            return Err(err(i, format!("stack depth {} is negative", state.depth)));
        }
        max = max.max(state.depth);
        states[i] = Some(state.clone());
        let instr = code.instrs[i];
        let (fall, jump) = instr.stack_effect();
        let next = |d: i64, blocks: Vec<usize>| State { depth: d, blocks };
        let target_ok = |t: u32| -> Result<usize, StackError> {
            if (t as usize) < n {
                Ok(t as usize)
            } else {
                Err(err(i, format!("jump target {t} is out of range")))
            }
        };
        match instr {
            Instr::SetupFinally { handler, depth } => {
                let h = target_ok(handler)?;
                if i64::from(depth) > state.depth {
                    return Err(err(
                        i,
                        format!(
                            "handler depth {depth} above the stack depth {}",
                            state.depth
                        ),
                    ));
                }
                work.push((h, next(i64::from(depth) + 1, state.blocks.clone())));
                let mut blocks = state.blocks.clone();
                blocks.push(i);
                work.push((i + 1, next(state.depth, blocks)));
            }
            Instr::PopBlock => {
                let mut blocks = state.blocks.clone();
                if blocks.pop().is_none() {
                    return Err(err(i, "PopBlock without a handler".into()));
                }
                work.push((i + 1, next(state.depth, blocks)));
            }
            Instr::Jump(t) => work.push((target_ok(t)?, next(state.depth, state.blocks))),
            Instr::PopJumpIfFalse(t)
            | Instr::PopJumpIfTrue(t)
            | Instr::JumpIfFalseOrPop(t)
            | Instr::JumpIfTrueOrPop(t)
            | Instr::ForIter(t)
            | Instr::Send(t) => {
                let d = state.depth + i64::from(jump.unwrap_or(0));
                work.push((target_ok(t)?, next(d, state.blocks.clone())));
                work.push((i + 1, next(state.depth + i64::from(fall), state.blocks)));
            }
            Instr::ReturnValue => {
                if state.depth < 1 {
                    return Err(err(i, "ReturnValue on an empty stack".into()));
                }
                if !state.blocks.is_empty() {
                    return Err(err(
                        i,
                        format!("ReturnValue with handlers {:?}", state.blocks),
                    ));
                }
            }
            Instr::Raise(k) => {
                if state.depth < i64::from(k) {
                    return Err(err(i, "Raise on too short a stack".into()));
                }
            }
            Instr::Reraise => {
                if state.depth < 1 {
                    return Err(err(i, "Reraise on an empty stack".into()));
                }
            }
            _ => work.push((i + 1, next(state.depth + i64::from(fall), state.blocks))),
        }
    }
    Ok(max as u32)
}
