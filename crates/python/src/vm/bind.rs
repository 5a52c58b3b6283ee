//! Binding a call's arguments to a Python function's parameters (positional, keyword,
//! `*args`, `**kwargs`, defaults, CPython's messages) as its frame is pushed.

use std::rc::Rc;

use weaklink_heap::{Body, Name, ObjId};

use super::call::{FrameParts, FUNC_CLOSURE, FUNC_DEFAULTS, FUNC_GLOBALS, FUNC_KWDEFAULTS};
use super::frame::Frame;
use super::types::Tag;
use super::{PyResult, Vm};
use crate::compile::CodeObject;

impl Vm {
    /// Pushes the frame of a call of a Python function: arguments move into parameters,
    /// then the recursion limit is checked (see [`Vm::push_frame`]).
    pub(super) fn push_function_frame(
        &mut self,
        func: ObjId,
        args: Vec<ObjId>,
        kwnames: &[Name],
        entry: bool,
        held: &mut Vec<ObjId>,
    ) -> PyResult<()> {
        let (code_id, globals, defaults, closure) = match self.heap.body(func) {
            Body::Record(r) => (
                Tag::state(r.data) as usize,
                r.refs[FUNC_GLOBALS].expect("function globals"),
                Defaults {
                    positional: r.refs[FUNC_DEFAULTS],
                    keyword_only: r.refs[FUNC_KWDEFAULTS],
                },
                r.refs[FUNC_CLOSURE],
            ),
            _ => unreachable!("not a function"),
        };
        let code = self.codes[code_id].code.clone();
        let mut locals = self.spare.slots(code.nlocals_plus());
        // Until the frame is pushed, its references are released as its end would release
        // them: locals first, the function last.
        let unpushed = |locals, held| FrameParts {
            locals,
            stack: Vec::new(),
            namespace: None,
            function: Some(func),
            held,
            frame_obj: None,
            line: 0,
        };
        if let Err(raised) = self.bind_arguments(&code, &mut locals, defaults, args, kwnames) {
            self.release_frame_parts(unpushed(locals, Vec::new()));
            return Err(raised);
        }
        if let Some(closure) = closure {
            for i in 0..self.tuple_len(closure) {
                let cell = self.tuple_item(closure, i);
                let slot = code.free_slot(i) as usize;
                locals[slot] = Some(self.newref(cell));
            }
        }
        if self.frames.len() >= self.recursion_limit {
            let message = recursion_message(entry && !self.frames.is_empty());
            self.release_frame_parts(unpushed(locals, std::mem::take(held)));
            return self.raise("RecursionError", message);
        }
        let stack = self.spare.slots(0);
        let loaded = &self.codes[code_id];
        self.frames.push(Frame {
            code,
            instrs: loaded.instrs.clone(),
            code_index: code_id,
            consts: loaded.consts.clone(),
            names: loaded.names.clone(),
            ip: 0,
            stack,
            locals,
            blocks: Vec::new(),
            globals,
            namespace: None,
            function: Some(func),
            generator: None,
            kwnames: None,
            entry,
            held: std::mem::take(held),
            observed_line: 0,
            observed_ip: 0,
            frame_obj: None,
        });
        self.notify_call();
        Ok(())
    }

    fn bind_arguments(
        &mut self,
        code: &CodeObject,
        locals: &mut [Option<ObjId>],
        defaults: Defaults,
        args: Vec<ObjId>,
        kwnames: &[Name],
    ) -> PyResult<()> {
        let qualname = &code.qualname;
        let nargs = code.argcount as usize;
        let nkwonly = code.kwonlyargcount as usize;
        let npos_given = args.len() - kwnames.len();
        let mut extra = Vec::new();
        for (i, &value) in args[..npos_given].iter().enumerate() {
            if i < nargs {
                locals[i] = Some(value);
            } else {
                extra.push(value);
            }
        }
        let keywords: Vec<(Name, ObjId)> = kwnames
            .iter()
            .copied()
            .zip(args[npos_given..].iter().copied())
            .collect();
        self.spare.give_args(args);
        let varargs_slot = nargs + nkwonly;
        if code.varargs {
            locals[varargs_slot] = Some(self.new_tuple(extra));
        } else if !extra.is_empty() {
            let given = npos_given;
            self.release_all(extra);
            let defaults = defaults.positional.map_or(0, |d| self.tuple_len(d));
            let takes = if defaults > 0 {
                format!("from {} to {nargs} positional arguments", nargs - defaults)
            } else {
                format!(
                    "{nargs} positional argument{}",
                    if nargs == 1 { "" } else { "s" }
                )
            };
            let was = if given == 1 { "was" } else { "were" };
            self.release_all(keywords.iter().map(|&(_, v)| v));
            return self.type_error(format!(
                "{qualname}() takes {takes} but {given} {was} given"
            ));
        }
        let kwargs = if code.varkeywords {
            let d = self.new_dict();
            let slot = varargs_slot + usize::from(code.varargs);
            locals[slot] = Some(d);
            Some(d)
        } else {
            None
        };
        let mut keywords = keywords.into_iter();
        while let Some((name, value)) = keywords.next() {
            let text = self.heap.names.text(name).to_string();
            let position = code.varnames[(code.posonlyargcount as usize)..nargs + nkwonly]
                .iter()
                .position(|v| **v == *text)
                .map(|p| p + code.posonlyargcount as usize);
            let error = match position {
                Some(p) if locals[p].is_some() => Some(format!(
                    "{qualname}() got multiple values for argument '{text}'"
                )),
                Some(p) => {
                    locals[p] = Some(value);
                    None
                }
                None => match kwargs {
                    Some(d) => {
                        let key = self.new_str(&text);
                        let result = self.setitem(d, key, value);
                        self.release(key);
                        self.release(value);
                        result?;
                        None
                    }
                    None => Some(format!(
                        "{qualname}() got an unexpected keyword argument '{text}'"
                    )),
                },
            };
            if let Some(message) = error {
                self.release(value);
                self.release_all(keywords.map(|(_, v)| v));
                return self.type_error(message);
            }
        }
        // Defaults for missing positional parameters.
        let ndefaults = defaults.positional.map_or(0, |d| self.tuple_len(d));
        let first_default = nargs - ndefaults.min(nargs);
        let mut missing = Vec::new();
        for (i, local) in locals[..nargs].iter_mut().enumerate() {
            if local.is_none() {
                if i >= first_default {
                    let tuple = defaults.positional.expect("defaults");
                    let default = self.tuple_item(tuple, i - first_default);
                    *local = Some(self.newref(default));
                } else {
                    missing.push(code.varnames[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return self.type_error(missing_message(qualname, "positional", &missing));
        }
        let kwdefaults = defaults.keyword_only;
        let mut missing = Vec::new();
        for (local, name) in locals[nargs..nargs + nkwonly]
            .iter_mut()
            .zip(&code.varnames[nargs..])
        {
            if local.is_none() {
                let default = match kwdefaults {
                    Some(d) => self.dict_get_str(d, name),
                    None => None,
                };
                match default {
                    Some(v) => *local = Some(self.newref(v)),
                    None => missing.push(name.clone()),
                }
            }
        }
        if !missing.is_empty() {
            return self.type_error(missing_message(qualname, "keyword-only", &missing));
        }
        Ok(())
    }
}

/// CPython's message when a call would pass the recursion limit: a call made from built-in
/// code (repr() calling __repr__, a callback) says so.
pub(super) fn recursion_message(from_builtin: bool) -> &'static str {
    if from_builtin {
        "maximum recursion depth exceeded while calling a Python object"
    } else {
        "maximum recursion depth exceeded"
    }
}

/// A function's defaults: `__defaults__` and `__kwdefaults__` (borrowed).
#[derive(Copy, Clone)]
struct Defaults {
    positional: Option<ObjId>,
    keyword_only: Option<ObjId>,
}

/// "f() missing 2 required positional arguments: 'a' and 'b'".
fn missing_message(qualname: &str, what: &str, names: &[Rc<str>]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => format!(
            "{}, and {}",
            quoted[..quoted.len() - 1].join(", "),
            quoted[quoted.len() - 1]
        ),
    };
    let s = if names.len() == 1 { "" } else { "s" };
    format!(
        "{qualname}() missing {} required {what} argument{s}: {list}",
        names.len()
    )
}
