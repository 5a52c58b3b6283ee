//! A disassembler in the style of CPython's `dis` module.

use std::fmt::Write;

use super::bytecode::{self, BinOp, CmpOp, CodeKind, CodeObject, Const, Conversion, Instr};
use crate::text::{float_repr, str_repr};

/// The code object and every code object nested in its constants, one instruction per
/// line: source line (when it changes), `>>` on jump targets, index, name, operand and
/// what the operand means.
///
/// ```text
///   1           0 LOAD_CONST               0 (1)
///               1 STORE_NAME               0 (x)
/// ```
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    disassemble_into(code, &mut out);
    out
}

fn disassemble_into(code: &CodeObject, out: &mut String) {
    if code.kind != CodeKind::Module {
        let _ = writeln!(
            out,
            "Disassembly of <code object {}, line {}>:",
            code.qualname, code.first_line
        );
    }
    let mut targets = vec![false; code.instrs.len() + 1];
    for instr in &code.instrs {
        if let Some(t) = jump_target(instr) {
            if let Some(slot) = targets.get_mut(t as usize) {
                *slot = true;
            }
        }
    }
    let mut last_line = None;
    for (i, instr) in code.instrs.iter().enumerate() {
        let line = code.positions.get(i).map_or(0, |p| p.line);
        let line_text = if last_line != Some(line) {
            if last_line.is_some() {
                out.push('\n');
            }
            last_line = Some(line);
            format!("{line:<4}")
        } else {
            "    ".to_string()
        };
        let marker = if targets[i] { ">>" } else { "  " };
        let (name, arg, meaning) = describe(code, instr);
        let mut text = format!("{line_text}    {marker} {i:>4} {name:<20}");
        if let Some(arg) = arg {
            let _ = write!(text, " {arg:>4}");
            if let Some(meaning) = meaning {
                let _ = write!(text, " ({meaning})");
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    for c in &code.consts {
        if let Const::Code(inner) = c {
            out.push('\n');
            disassemble_into(inner, out);
        }
    }
}

fn jump_target(instr: &Instr) -> Option<u32> {
    match instr {
        Instr::Jump(l)
        | Instr::PopJumpIfFalse(l)
        | Instr::PopJumpIfTrue(l)
        | Instr::JumpIfFalseOrPop(l)
        | Instr::JumpIfTrueOrPop(l)
        | Instr::ForIter(l)
        | Instr::Send(l)
        | Instr::SetupFinally { handler: l, .. } => Some(*l),
        _ => None,
    }
}

/// Python's `repr` of a constant (`(1, 'a')`, `None`, `2.5`); a code object as
/// `<code object NAME, line N>`.
pub fn const_repr(c: &Const) -> String {
    match c {
        Const::None => "None".into(),
        Const::Ellipsis => "Ellipsis".into(),
        Const::Bool(b) => if *b { "True" } else { "False" }.into(),
        Const::Int(i) => i.to_string(),
        Const::BigInt(digits) => digits.to_string(),
        Const::Float(f) => float_repr(*f),
        Const::Str(s) => str_repr(s),
        Const::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(const_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Const::Code(code) => format!("<code object {}, line {}>", code.name, code.first_line),
    }
}

/// The name of a fast-local slot: `varnames`, then cells after them, then free variables.
fn local_name(code: &CodeObject, slot: u32) -> String {
    if let Some(i) = code.cell_slots.iter().position(|&s| s == slot) {
        return code.cellvars[i].to_string();
    }
    if let Some(name) = code.varnames.get(slot as usize) {
        return name.to_string();
    }
    (0..code.freevars.len())
        .find(|&i| code.free_slot(i) == slot)
        .map_or_else(
            || format!("<slot {slot}>"),
            |i| code.freevars[i].to_string(),
        )
}

fn binop_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::TrueDiv => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "**",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::And => "&",
        BinOp::Or => "|",
        BinOp::Xor => "^",
        BinOp::MatMul => "@",
    }
}

type Described = (String, Option<String>, Option<String>);

fn describe(code: &CodeObject, instr: &Instr) -> Described {
    let name_of = |i: u32| {
        code.names
            .get(i as usize)
            .map_or("?".to_string(), |n| n.to_string())
    };
    let konst = |i: u32| {
        code.consts
            .get(i as usize)
            .map_or("?".to_string(), const_repr)
    };
    let plain = |s: &str| (s.to_string(), None, None);
    let num = |s: &str, n: u32| (s.to_string(), Some(n.to_string()), None);
    let with = |s: &str, n: u32, m: String| (s.to_string(), Some(n.to_string()), Some(m));
    use Instr::*;
    match *instr {
        Nop => plain("NOP"),
        PopTop => plain("POP_TOP"),
        Copy(n) => num("COPY", n),
        Swap(n) => num("SWAP", n),
        PushNull => plain("PUSH_NULL"),
        LoadConst(i) => with("LOAD_CONST", i, konst(i)),
        LoadFast(i) => with("LOAD_FAST", i, local_name(code, i)),
        StoreFast(i) => with("STORE_FAST", i, local_name(code, i)),
        DeleteFast(i) => with("DELETE_FAST", i, local_name(code, i)),
        MakeCell(i) => with("MAKE_CELL", i, local_name(code, i)),
        LoadClosure(i) => with("LOAD_CLOSURE", i, local_name(code, i)),
        LoadDeref(i) => with("LOAD_DEREF", i, local_name(code, i)),
        StoreDeref(i) => with("STORE_DEREF", i, local_name(code, i)),
        DeleteDeref(i) => with("DELETE_DEREF", i, local_name(code, i)),
        LoadClassDeref(i, n) => with(
            "LOAD_CLASSDEREF",
            i,
            format!("{}, name {}", local_name(code, i), name_of(n)),
        ),
        LoadGlobal { name, push_null } => {
            let m = if push_null {
                format!("NULL + {}", name_of(name))
            } else {
                name_of(name)
            };
            with("LOAD_GLOBAL", name, m)
        }
        StoreGlobal(i) => with("STORE_GLOBAL", i, name_of(i)),
        DeleteGlobal(i) => with("DELETE_GLOBAL", i, name_of(i)),
        LoadName(i) => with("LOAD_NAME", i, name_of(i)),
        StoreName(i) => with("STORE_NAME", i, name_of(i)),
        DeleteName(i) => with("DELETE_NAME", i, name_of(i)),
        LoadAttr(i) => with("LOAD_ATTR", i, name_of(i)),
        StoreAttr(i) => with("STORE_ATTR", i, name_of(i)),
        DeleteAttr(i) => with("DELETE_ATTR", i, name_of(i)),
        LoadMethod(i) => with("LOAD_METHOD", i, name_of(i)),
        BinarySubscr => plain("BINARY_SUBSCR"),
        StoreSubscr => plain("STORE_SUBSCR"),
        DeleteSubscr => plain("DELETE_SUBSCR"),
        BuildSlice(n) => num("BUILD_SLICE", n),
        UnaryOp(op) => plain(match op {
            bytecode::UnaryOp::Neg => "UNARY_NEGATIVE",
            bytecode::UnaryOp::Pos => "UNARY_POSITIVE",
            bytecode::UnaryOp::Invert => "UNARY_INVERT",
            bytecode::UnaryOp::Not => "UNARY_NOT",
        }),
        BinaryOp { op, inplace } => {
            let sym = binop_symbol(op);
            let m = if inplace {
                format!("{sym}=")
            } else {
                sym.to_string()
            };
            ("BINARY_OP".into(), Some(String::new()), Some(m))
        }
        CompareOp(op) => {
            let m = match op {
                CmpOp::Lt => "<",
                CmpOp::Le => "<=",
                CmpOp::Eq => "==",
                CmpOp::Ne => "!=",
                CmpOp::Gt => ">",
                CmpOp::Ge => ">=",
            };
            ("COMPARE_OP".into(), Some(String::new()), Some(m.into()))
        }
        IsOp(inv) => with(
            "IS_OP",
            u32::from(inv),
            if inv { "is not" } else { "is" }.into(),
        ),
        ContainsOp(inv) => with(
            "CONTAINS_OP",
            u32::from(inv),
            if inv { "not in" } else { "in" }.into(),
        ),
        BuildTuple(n) => num("BUILD_TUPLE", n),
        BuildList(n) => num("BUILD_LIST", n),
        BuildSet(n) => num("BUILD_SET", n),
        BuildMap(n) => num("BUILD_MAP", n),
        BuildString(n) => num("BUILD_STRING", n),
        ListAppend(n) => num("LIST_APPEND", n),
        ListExtend(n) => num("LIST_EXTEND", n),
        SetAdd(n) => num("SET_ADD", n),
        SetUpdate(n) => num("SET_UPDATE", n),
        MapAdd(n) => num("MAP_ADD", n),
        DictUpdate(n) => num("DICT_UPDATE", n),
        DictMerge(n) => num("DICT_MERGE", n),
        ListToTuple => plain("LIST_TO_TUPLE"),
        FormatValue { conv, has_spec } => {
            let mut m = match conv {
                Conversion::None => String::new(),
                Conversion::Str => "str".into(),
                Conversion::Repr => "repr".into(),
                Conversion::Ascii => "ascii".into(),
            };
            if has_spec {
                if !m.is_empty() {
                    m.push_str(", ");
                }
                m.push_str("with format");
            }
            let m = (!m.is_empty()).then_some(m);
            ("FORMAT_VALUE".into(), Some(String::new()), m)
        }
        UnpackSequence(n) => num("UNPACK_SEQUENCE", n),
        UnpackEx { before, after } => (
            "UNPACK_EX".into(),
            Some(String::new()),
            Some(format!("{before} before, {after} after")),
        ),
        Jump(l) => with("JUMP", l, format!("to {l}")),
        PopJumpIfFalse(l) => with("POP_JUMP_IF_FALSE", l, format!("to {l}")),
        PopJumpIfTrue(l) => with("POP_JUMP_IF_TRUE", l, format!("to {l}")),
        JumpIfFalseOrPop(l) => with("JUMP_IF_FALSE_OR_POP", l, format!("to {l}")),
        JumpIfTrueOrPop(l) => with("JUMP_IF_TRUE_OR_POP", l, format!("to {l}")),
        GetIter => plain("GET_ITER"),
        ForIter(l) => with("FOR_ITER", l, format!("to {l}")),
        ReturnValue => plain("RETURN_VALUE"),
        KwNames(i) => with("KW_NAMES", i, konst(i)),
        Call(n) => num("CALL", n),
        CallFunctionEx { has_kwargs } => num("CALL_FUNCTION_EX", u32::from(has_kwargs)),
        MakeFunction {
            defaults,
            kwdefaults,
            closure,
        } => {
            let flags: Vec<&str> = [
                (defaults, "defaults"),
                (kwdefaults, "kwdefaults"),
                (closure, "closure"),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, n)| *n)
            .collect();
            let m = (!flags.is_empty()).then(|| flags.join(", "));
            ("MAKE_FUNCTION".into(), Some(String::new()), m)
        }
        LoadBuildClass => plain("LOAD_BUILD_CLASS"),
        SetupFinally { handler, depth } => with(
            "SETUP_FINALLY",
            handler,
            format!("to {handler}, depth {depth}"),
        ),
        PopBlock => plain("POP_BLOCK"),
        PushExcInfo => plain("PUSH_EXC_INFO"),
        PopExcept => plain("POP_EXCEPT"),
        CheckExcMatch => plain("CHECK_EXC_MATCH"),
        Raise(n) => num("RAISE_VARARGS", n),
        Reraise => plain("RERAISE"),
        BeforeWith => plain("BEFORE_WITH"),
        WithExceptStart => plain("WITH_EXCEPT_START"),
        LoadAssertionError => plain("LOAD_ASSERTION_ERROR"),
        YieldValue => plain("YIELD_VALUE"),
        ReturnGenerator => plain("RETURN_GENERATOR"),
        GetYieldFromIter => plain("GET_YIELD_FROM_ITER"),
        Send(l) => with("SEND", l, format!("to {l}")),
        ImportName(i) => with("IMPORT_NAME", i, name_of(i)),
        ImportFrom(i) => with("IMPORT_FROM", i, name_of(i)),
        ImportStar => plain("IMPORT_STAR"),
    }
}
