//! Instruction sequences against CPython, live: for snippets without `try` or `with` (whose
//! handlers CPython keeps in a separate table), every code object's instructions must be
//! CPython 3.11's, once both are put in one form: no `RESUME`/`PRECALL`/`CACHE`/`NOP`/
//! `COPY_FREE_VARS`, jumps named without direction and pointing at instruction indices,
//! `IMPORT_NAME` without the level and from-list constants CPython loads before it, no
//! `POP_TOP` after `RETURN_GENERATOR` (weaklink's generators take the first value sent
//! without pushing it), and `SETUP_ANNOTATIONS` spelled as weaklink spells it. Snippets with
//! handlers are compared without the handler bookkeeping (see [`kept`]) and without the
//! `lasti` values CPython 3.11 keeps on the stack in `with` handlers.

use super::harness::{assert_same, compile, py_str, python};
use weaklink_python::compile::{BinOp, CmpOp, CodeObject, Const, Conversion, Instr};

pub const CASES: &[&str] = &[
    "x = 1\ny = x + 2 * x - 3 / x // 4 % 5 ** 2",
    "x = -y\nz = ~y\nw = not y\nv = +y",
    "x = a << 1 | b >> 2 & c ^ d",
    "x = a and b\ny = a or b\nz = a and b or c and d",
    "x = a < b\ny = a == b != c\nz = a in b\nw = a not in b\nv = a is b",
    "x = a < b < c < d",
    "x = a if b else c if d else e",
    "print(1, 2, sep=', ', end='')",
    "o.m()\no.m(1)\no.m(a, b=2)\no.a.b.m(c)",
    "f(*a)\nf(*a, *b)\nf(**k)\nf(a, **k)\nf(*a, b, **k, c=1)\no.m(*a, **k)",
    "f(x for x in y)\nf(a, (x for x in y))",
    "x = [1, 2, 3]\ny = [a, b, c]\nz = [a, *b]\nw = []",
    "x = (1, 2)\ny = (a, b)\nz = (a, *b)\nw = ()\nv = (a,)",
    "y = {a, b}\nz = {*a, b}",
    "x = {}\ny = {a: b}\nz = {**a}\nw = {a: b, **c, d: e}",
    "x = a[b]\ny = a[1:2]\nz = a[::c]\nw = a[b, c]\nv = a[1:2, ::3]",
    "a[b] = c\na[1:2] = c\ndel a[b]\ndel a[::2]",
    "a.b = c\ndel a.b\nx = a.b.c",
    "x = f'{a}'\ny = f'{a!r} and {b!s:>10} {c!a:{d}}'\nz = f'plain'",
    "x = 'ab' 'cd'\ny = 'a' * 3\nz = 2 ** 10\nw = 1 - 1.5",
    "a = b = c = d",
    "a, b = c\na, (b, c) = d\n[a, b] = c\na, *b = c\n*a, b = c\na, *b, c = d",
    "a, b = b, a\na, b, c = c, b, a\na, = b,",
    "def f(a, b, c):\n    a, b = b, a\n    a, b, c = c, b, a\n    c.x, a = a, c\n    return a",
    "x += 1\nx -= 2\nx *= 3\nx /= 4\nx //= 5\nx %= 6\nx **= 7\nx <<= 1\nx >>= 1\nx &= 1\nx |= 1\nx ^= 1",
    "a.b += 1\na[b] += 1\na[1:2] += c",
    "if a:\n    b = 1",
    "if a:\n    b = 1\nelse:\n    b = 2",
    "if a:\n    b = 1\nelif c:\n    b = 2\nelif d:\n    b = 3",
    "if not a:\n    b = 1",
    "if a and b:\n    c = 1",
    "if a or b:\n    c = 1",
    "if a and (b or c):\n    d = 1",
    "if a < b < c:\n    d = 1",
    "while a:\n    a -= 1",
    "while a:\n    a -= 1\nelse:\n    b = 1",
    "while True:\n    a()",
    "while 1:\n    if a:\n        break\n    b()",
    "for i in x:\n    print(i)",
    "for i in x:\n    print(i)\nelse:\n    print(0)",
    "for i in [1, 2, 3]:\n    pass",
    "for i in [a, b]:\n    pass",
    "for i, j in x:\n    pass",
    "for i in x:\n    for j in y:\n        if j:\n            continue\n        print(i, j)",
    "x = [i for i in y]\ny = {i for i in y}\nz = {i: j for i, j in y}\nw = (i for i in y)",
    "x = [i * j for i in a if i for j in b if j if i < j]",
    "x = [[j for j in i] for i in a]",
    "x = [y for x in a for y in [x]]",
    "def f(a):\n    return [a * i for i in range(a)]",
    "def f():\n    pass",
    "def f(a, b=1, *c, d, **g):\n    return a + b + d",
    "def f(a, b=x, c=(1, 2)):\n    return a",
    "def f():\n    '''doc'''\n    return 1",
    "def f():\n    return",
    "def f(a):\n    if a:\n        return 1\n    return 2",
    "def f(a):\n    for i in a:\n        if i:\n            return i",
    "def f(a):\n    while a:\n        return a",
    "@dec\ndef f():\n    pass",
    "@dec1\n@dec2(3)\ndef f():\n    pass",
    "f = lambda: 1\ng = lambda a, b=2: a + b",
    "def f(a):\n    def g(b):\n        def h():\n            return a + b\n        return h\n    return g",
    "def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2\n    g()\n    return x",
    "def f():\n    global g\n    g = 1\n    del g",
    "def f(a):\n    del a\n    b = 1\n    del b",
    "x = 0\ndef f():\n    global x\n    x += 1",
    "class C:\n    pass",
    "class C(A, B):\n    x = 1\n    def m(self):\n        return self.x",
    "class C(metaclass=M):\n    pass",
    "class C:\n    '''doc'''\n    def m(self):\n        return super().m()",
    "class C:\n    def m(self):\n        return __class__",
    "@dec\nclass C:\n    pass",
    "class C:\n    __p = 1\n    def m(self):\n        return self.__p",
    "def f():\n    x = 1\n    class C:\n        y = x\n        def m(self):\n            return x\n    return C",
    "def g():\n    yield 1\n    yield",
    "def g():\n    x = yield 1\n    return x",
    "def g(a):\n    yield from a",
    "def g(a):\n    return (yield from a)",
    "import sys\nimport gc, weakref",
    "import a.b.c\nimport a.b as c",
    "from sys import getrefcount\nfrom gc import collect as c, get_count",
    "def f():\n    import sys\n    from gc import collect",
    "assert a\nassert a, 'msg'",
    "raise E",
    "raise E from c",
    "def f():\n    raise",
    "x: int = 1",
    "x: int",
    "a.b: int = 1\na[1]: int",
    "def f():\n    x: int = 1\n    y: int",
    "class C:\n    x: int = 1\n    y: str",
    "if (n := len(a)) > 10:\n    print(n)",
    "x = [y := f(i) for i in a]",
    "print(f'{x = }')",
    "x = '%s %s' % (a, b)\ny = '%d' % a\nz = '%s' % (a,)",
    "x = not (a is b)\ny = not (a in b)\nz = not (a < b)",
    "x = ...\ny = None\nz = True",
    "x = 1 if True else 2",
    "del a, b",
    "del (a, b), [c]",
    "x = a.b(c).d[e](f)",
    "sys.getrefcount(x)",
    "print(len([1, 2]))",
];

/// CPython's instructions, in the common form.
const PYTHON: &str = r#"
import dis, types, warnings
warnings.simplefilter("ignore")
SKIP = {"RESUME", "PRECALL", "CACHE", "EXTENDED_ARG", "COPY_FREE_VARS", "NOP"}
JUMPS = {
    "JUMP_FORWARD": "JUMP", "JUMP_BACKWARD": "JUMP", "JUMP_BACKWARD_NO_INTERRUPT": "JUMP",
    "POP_JUMP_FORWARD_IF_FALSE": "POP_JUMP_IF_FALSE", "POP_JUMP_BACKWARD_IF_FALSE": "POP_JUMP_IF_FALSE",
    "POP_JUMP_FORWARD_IF_TRUE": "POP_JUMP_IF_TRUE", "POP_JUMP_BACKWARD_IF_TRUE": "POP_JUMP_IF_TRUE",
    "JUMP_IF_FALSE_OR_POP": "JUMP_IF_FALSE_OR_POP", "JUMP_IF_TRUE_OR_POP": "JUMP_IF_TRUE_OR_POP",
    "FOR_ITER": "FOR_ITER", "SEND": "SEND",
}
NONE_JUMPS = {
    "POP_JUMP_FORWARD_IF_NONE": "POP_JUMP_IF_TRUE", "POP_JUMP_BACKWARD_IF_NONE": "POP_JUMP_IF_TRUE",
    "POP_JUMP_FORWARD_IF_NOT_NONE": "POP_JUMP_IF_FALSE", "POP_JUMP_BACKWARD_IF_NOT_NONE": "POP_JUMP_IF_FALSE",
}
def walk(co):
    # Only code objects the live code loads (CPython keeps some from dead code).
    yield co
    for i in dis.get_instructions(co):
        if i.opname == "LOAD_CONST" and isinstance(i.argval, types.CodeType):
            yield from walk(i.argval)
def const(c):
    return "<code %s>" % c.co_name if isinstance(c, types.CodeType) else repr(c)
def filled(co):
    out, prev = {}, None
    for i in dis.get_instructions(co):
        p = i.positions
        if p is None or p.lineno is None:
            p = prev if prev is not None else dis.Positions(co.co_firstlineno, co.co_firstlineno, 0, 0)
        out[i.offset] = p
        prev = p
    return out
def norm(co):
    fp = filled(co)
    ins = [i for i in dis.get_instructions(co) if i.opname not in SKIP]
    keep = []
    names = [i.opname for i in ins]
    for k, i in enumerate(ins):
        if i.opname == "POP_TOP" and k and ins[k - 1].opname == "RETURN_GENERATOR":
            continue
        # Restoring the handled exception before re-raising: weaklink spells it
        # SWAP 2; POP_EXCEPT; RERAISE.
        if names[k:k + 3] == ["COPY", "POP_EXCEPT", "RERAISE"] or names[k - 1:k + 2] == ["COPY", "POP_EXCEPT", "RERAISE"]:
            continue
        # A `with` that swallowed the exception drops the saved instruction offset
        # (`lasti`), which weaklink's handlers do not keep.
        if k >= 2 and names[k - 2:k + 2] == ["POP_TOP", "POP_EXCEPT", "POP_TOP", "POP_TOP"]:
            continue
        if i.opname == "LOAD_CONST" and k + 1 < len(ins) and (ins[k + 1].opname == "IMPORT_NAME"
                or (k + 2 < len(ins) and ins[k + 2].opname == "IMPORT_NAME" and ins[k + 1].opname == "LOAD_CONST")):
            continue
        keep.append(i)
    # Where each instruction lands once SETUP_ANNOTATIONS is two instructions and
    # POP_JUMP_IF_NONE three (LOAD_CONST None; IS_OP 0; POP_JUMP_IF_TRUE), as weaklink has them.
    start, at = [], 0
    for i in keep:
        start.append(at)
        at += 2 if i.opname == "SETUP_ANNOTATIONS" else 3 if i.opname in NONE_JUMPS else 1
    index = {}
    pos = 0
    for i in dis.get_instructions(co):
        while pos < len(keep) and keep[pos].offset < i.offset:
            pos += 1
        index[i.offset] = start[pos] if pos < len(keep) else at
    out = []
    for i in keep:
        name, arg = i.opname, ""
        if name in NONE_JUMPS:
            out.append("LOAD_CONST None")
            out.append("IS_OP 0")
            name, arg = NONE_JUMPS[name], str(index.get(i.argval, at))
        elif name in JUMPS:
            name, arg = JUMPS[name], str(index.get(i.argval, at))
        elif name == "SETUP_ANNOTATIONS":
            text = "BUILD_MAP 0"
            if POSITIONS:
                p = fp[i.offset]
                text += " @%s:%s-%s:%s" % (p.lineno, p.col_offset, p.end_lineno, p.end_col_offset)
            out.append(text)
            name, arg = "STORE_NAME", "__annotations__"
        elif name == "RERAISE":
            arg = ""
        elif name == "LOAD_CONST":
            arg = const(i.argval)
        elif name == "KW_NAMES":
            arg = repr(co.co_consts[i.arg])
        elif name == "LOAD_GLOBAL":
            arg = ("NULL + " if i.arg & 1 else "") + i.argval
        elif name in ("BINARY_OP", "COMPARE_OP", "FORMAT_VALUE", "MAKE_FUNCTION"):
            arg = i.argrepr
        elif name == "UNPACK_EX":
            arg = "%d,%d" % (i.arg & 0xFF, i.arg >> 8)
        elif i.opname.startswith(("LOAD", "STORE", "DELETE", "IMPORT", "MAKE_CELL")) and i.argval is not None:
            arg = str(i.argval)
        elif i.arg is not None:
            arg = str(i.arg)
        text = (name + " " + arg).strip()
        if POSITIONS:
            p = fp[i.offset]
            end_line = p.end_lineno if p.end_lineno is not None else p.lineno
            text += " @%s:%s-%s:%s" % (p.lineno, p.col_offset or 0, end_line, p.end_col_offset or 0)
        out.append(text)
    return co.co_qualname + ": " + " | ".join(out)
for src in CASES:
    print(" ;; ".join(norm(c) for c in walk(compile(src, "<s>", "exec"))))
"#;

/// The code object and those its instructions load, depth first, in instruction order.
fn walk(code: &CodeObject) -> Vec<&CodeObject> {
    let mut out = vec![code];
    for instr in &code.instrs {
        if let Instr::LoadConst(i) = instr {
            if let Const::Code(inner) = &code.consts[*i as usize] {
                out.extend(walk(inner));
            }
        }
    }
    out
}

fn opname(i: &Instr) -> &'static str {
    use Instr::*;
    match i {
        Nop => "NOP",
        PopTop => "POP_TOP",
        Copy(_) => "COPY",
        Swap(_) => "SWAP",
        PushNull => "PUSH_NULL",
        LoadConst(_) => "LOAD_CONST",
        LoadFast(_) => "LOAD_FAST",
        StoreFast(_) => "STORE_FAST",
        DeleteFast(_) => "DELETE_FAST",
        MakeCell(_) => "MAKE_CELL",
        LoadClosure(_) => "LOAD_CLOSURE",
        LoadDeref(_) => "LOAD_DEREF",
        StoreDeref(_) => "STORE_DEREF",
        DeleteDeref(_) => "DELETE_DEREF",
        LoadClassDeref(..) => "LOAD_CLASSDEREF",
        LoadGlobal { .. } => "LOAD_GLOBAL",
        StoreGlobal(_) => "STORE_GLOBAL",
        DeleteGlobal(_) => "DELETE_GLOBAL",
        LoadName(_) => "LOAD_NAME",
        StoreName(_) => "STORE_NAME",
        DeleteName(_) => "DELETE_NAME",
        LoadAttr(_) => "LOAD_ATTR",
        StoreAttr(_) => "STORE_ATTR",
        DeleteAttr(_) => "DELETE_ATTR",
        LoadMethod(_) => "LOAD_METHOD",
        BinarySubscr => "BINARY_SUBSCR",
        StoreSubscr => "STORE_SUBSCR",
        DeleteSubscr => "DELETE_SUBSCR",
        BuildSlice(_) => "BUILD_SLICE",
        UnaryOp(op) => match op {
            weaklink_python::compile::UnaryOp::Neg => "UNARY_NEGATIVE",
            weaklink_python::compile::UnaryOp::Pos => "UNARY_POSITIVE",
            weaklink_python::compile::UnaryOp::Invert => "UNARY_INVERT",
            weaklink_python::compile::UnaryOp::Not => "UNARY_NOT",
        },
        BinaryOp { .. } => "BINARY_OP",
        CompareOp(_) => "COMPARE_OP",
        IsOp(_) => "IS_OP",
        ContainsOp(_) => "CONTAINS_OP",
        BuildTuple(_) => "BUILD_TUPLE",
        BuildList(_) => "BUILD_LIST",
        BuildSet(_) => "BUILD_SET",
        BuildMap(_) => "BUILD_MAP",
        BuildString(_) => "BUILD_STRING",
        ListAppend(_) => "LIST_APPEND",
        ListExtend(_) => "LIST_EXTEND",
        SetAdd(_) => "SET_ADD",
        SetUpdate(_) => "SET_UPDATE",
        MapAdd(_) => "MAP_ADD",
        DictUpdate(_) => "DICT_UPDATE",
        DictMerge(_) => "DICT_MERGE",
        ListToTuple => "LIST_TO_TUPLE",
        FormatValue { .. } => "FORMAT_VALUE",
        UnpackSequence(_) => "UNPACK_SEQUENCE",
        UnpackEx { .. } => "UNPACK_EX",
        Jump(_) => "JUMP",
        PopJumpIfFalse(_) => "POP_JUMP_IF_FALSE",
        PopJumpIfTrue(_) => "POP_JUMP_IF_TRUE",
        JumpIfFalseOrPop(_) => "JUMP_IF_FALSE_OR_POP",
        JumpIfTrueOrPop(_) => "JUMP_IF_TRUE_OR_POP",
        GetIter => "GET_ITER",
        ForIter(_) => "FOR_ITER",
        ReturnValue => "RETURN_VALUE",
        KwNames(_) => "KW_NAMES",
        Call(_) => "CALL",
        CallFunctionEx { .. } => "CALL_FUNCTION_EX",
        MakeFunction { .. } => "MAKE_FUNCTION",
        LoadBuildClass => "LOAD_BUILD_CLASS",
        SetupFinally { .. } => "SETUP_FINALLY",
        PopBlock => "POP_BLOCK",
        PushExcInfo => "PUSH_EXC_INFO",
        PopExcept => "POP_EXCEPT",
        CheckExcMatch => "CHECK_EXC_MATCH",
        Raise(_) => "RAISE_VARARGS",
        Reraise => "RERAISE",
        BeforeWith => "BEFORE_WITH",
        WithExceptStart => "WITH_EXCEPT_START",
        LoadAssertionError => "LOAD_ASSERTION_ERROR",
        YieldValue => "YIELD_VALUE",
        ReturnGenerator => "RETURN_GENERATOR",
        GetYieldFromIter => "GET_YIELD_FROM_ITER",
        Send(_) => "SEND",
        ImportName(_) => "IMPORT_NAME",
        ImportFrom(_) => "IMPORT_FROM",
        ImportStar => "IMPORT_STAR",
    }
}

/// Python's `repr` of a constant, code objects by name.
fn const_repr(c: &Const) -> String {
    match c {
        Const::Code(code) => format!("<code {}>", code.name),
        other => weaklink_python::compile::const_repr(other),
    }
}

fn binop(op: BinOp) -> &'static str {
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

/// The name of a local slot.
fn local(code: &CodeObject, slot: u32) -> String {
    if let Some(i) = code.cell_slots.iter().position(|&s| s == slot) {
        return code.cellvars[i].to_string();
    }
    if let Some(n) = code.varnames.get(slot as usize) {
        return n.to_string();
    }
    (0..code.freevars.len())
        .find(|&i| code.free_slot(i) == slot)
        .map_or("?".into(), |i| code.freevars[i].to_string())
}

/// The instructions compared: no `Nop`, no `SetupFinally`/`PopBlock` (CPython keeps
/// handlers in a table), and `Swap(2); PopExcept` before `Reraise` left out (CPython's
/// `RERAISE` restores the handled exception itself, or through its cleanup handler).
fn kept(code: &CodeObject) -> Vec<usize> {
    let listed: Vec<usize> = (0..code.instrs.len())
        .filter(|&i| {
            !matches!(
                code.instrs[i],
                Instr::Nop | Instr::SetupFinally { .. } | Instr::PopBlock
            )
        })
        .collect();
    let at = |j: usize| listed.get(j).map(|&k| code.instrs[k]);
    (0..listed.len())
        .filter(|&j| {
            let restore = |j: usize| {
                at(j) == Some(Instr::Swap(2))
                    && at(j + 1) == Some(Instr::PopExcept)
                    && at(j + 2) == Some(Instr::Reraise)
            };
            !(restore(j) || (j > 0 && restore(j - 1)))
        })
        .map(|j| listed[j])
        .collect()
}

fn norm(code: &CodeObject, positions: bool) -> String {
    let kept = kept(code);
    let index = |target: u32| {
        kept.iter()
            .position(|&k| k >= target as usize)
            .unwrap_or(kept.len())
    };
    let name = |i: u32| code.names[i as usize].to_string();
    let konst = |i: u32| const_repr(&code.consts[i as usize]);
    let mut out = Vec::new();
    for &k in &kept {
        let instr = &code.instrs[k];
        use Instr::*;
        let arg = match *instr {
            Jump(t) | PopJumpIfFalse(t) | PopJumpIfTrue(t) | JumpIfFalseOrPop(t)
            | JumpIfTrueOrPop(t) | ForIter(t) | Send(t) => index(t).to_string(),
            LoadConst(i) | KwNames(i) => konst(i),
            LoadGlobal { name: n, push_null } => {
                format!("{}{}", if push_null { "NULL + " } else { "" }, name(n))
            }
            BinaryOp { op, inplace } => format!("{}{}", binop(op), if inplace { "=" } else { "" }),
            CompareOp(op) => match op {
                CmpOp::Lt => "<",
                CmpOp::Le => "<=",
                CmpOp::Eq => "==",
                CmpOp::Ne => "!=",
                CmpOp::Gt => ">",
                CmpOp::Ge => ">=",
            }
            .into(),
            FormatValue { conv, has_spec } => {
                let mut m: Vec<&str> = Vec::new();
                match conv {
                    Conversion::Str => m.push("str"),
                    Conversion::Repr => m.push("repr"),
                    Conversion::Ascii => m.push("ascii"),
                    Conversion::None => {}
                }
                if has_spec {
                    m.push("with format");
                }
                m.join(", ")
            }
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
                .filter(|f| f.0)
                .map(|f| f.1)
                .collect();
                flags.join(", ")
            }
            UnpackEx { before, after } => format!("{before},{after}"),
            LoadFast(i)
            | StoreFast(i)
            | DeleteFast(i)
            | MakeCell(i)
            | LoadClosure(i)
            | LoadDeref(i)
            | StoreDeref(i)
            | DeleteDeref(i)
            | LoadClassDeref(i, _) => local(code, i),
            StoreGlobal(i) | DeleteGlobal(i) | LoadName(i) | StoreName(i) | DeleteName(i)
            | LoadAttr(i) | StoreAttr(i) | DeleteAttr(i) | LoadMethod(i) | ImportName(i)
            | ImportFrom(i) => name(i),
            Copy(n) | Swap(n) | BuildSlice(n) | BuildTuple(n) | BuildList(n) | BuildSet(n)
            | BuildMap(n) | BuildString(n) | ListAppend(n) | ListExtend(n) | SetAdd(n)
            | SetUpdate(n) | MapAdd(n) | DictUpdate(n) | DictMerge(n) | UnpackSequence(n)
            | Call(n) | Raise(n) => n.to_string(),
            IsOp(b) | ContainsOp(b) => u32::from(b).to_string(),
            CallFunctionEx { has_kwargs } => u32::from(has_kwargs).to_string(),
            _ => String::new(),
        };
        let mut text = format!("{} {}", opname(instr), arg).trim().to_string();
        if positions {
            let p = code.positions[k];
            text.push_str(&format!(
                " @{}:{}-{}:{}",
                p.line, p.col, p.end_line, p.end_col
            ));
        }
        out.push(text);
    }
    // `x is not None` then a jump is CPython's POP_JUMP_IF_NONE, written above as
    // `LOAD_CONST None | IS_OP 0 | POP_JUMP_IF_TRUE`.
    if !positions {
        for j in 2..out.len() {
            if out[j - 2] == "LOAD_CONST None" && out[j - 1] == "IS_OP 1" {
                let flipped = if let Some(t) = out[j].strip_prefix("POP_JUMP_IF_FALSE ") {
                    Some(format!("POP_JUMP_IF_TRUE {t}"))
                } else {
                    out[j]
                        .strip_prefix("POP_JUMP_IF_TRUE ")
                        .map(|t| format!("POP_JUMP_IF_FALSE {t}"))
                };
                if let Some(flipped) = flipped {
                    out[j - 1] = "IS_OP 0".into();
                    out[j] = flipped;
                }
            }
        }
    }
    format!("{}: {}", code.qualname, out.join(" | "))
}

/// Compares `cases` with CPython, instruction by instruction (with positions or not).
fn compare(what: &str, cases: &[&str], positions: bool) {
    let ours: Vec<String> = cases
        .iter()
        .map(|src| {
            let code = compile(src);
            walk(&code)
                .into_iter()
                .map(|c| norm(c, positions))
                .collect::<Vec<_>>()
                .join(" ;; ")
        })
        .collect();
    let list: Vec<String> = cases.iter().map(|s| py_str(s)).collect();
    let flag = if positions { "True" } else { "False" };
    let script = format!(
        "CASES = [{}]\nPOSITIONS = {flag}\n{PYTHON}",
        list.join(", ")
    );
    let theirs: Vec<String> = python(&script).lines().map(str::to_string).collect();
    assert_same(what, cases, &ours, &theirs);
}

#[test]
fn instructions_match_cpython() {
    compare("instructions", CASES, false);
}

/// Snippets with `try` and `with`, compared without the handler bookkeeping (see [`kept`]).
pub const HANDLER_CASES: &[&str] = &[
    "try:\n    a()\nexcept E:\n    b()",
    "try:\n    a()\nexcept E as e:\n    b(e)\nexcept (F, G):\n    pass\nexcept:\n    c()\nelse:\n    d()",
    "try:\n    a()\nfinally:\n    b()",
    "try:\n    a()\nexcept E:\n    b()\nfinally:\n    c()",
    "with m:\n    a()",
    "with m as x, n as (y, z):\n    a()",
    "def f(x):\n    for i in x:\n        try:\n            return i\n        finally:\n            print(i)",
    "def f(m):\n    with m as v:\n        return v",
    "def f():\n    try:\n        return 1\n    finally:\n        return 2",
    "def f():\n    try:\n        pass\n    except E as e:\n        return e",
    "for i in x:\n    try:\n        break\n    except:\n        continue",
    "while x:\n    try:\n        pass\n    finally:\n        break",
    "def f(a):\n    with a:\n        for i in a:\n            if i:\n                break\n            with i:\n                continue",
    "def g():\n    try:\n        yield 1\n    finally:\n        yield 2",
    "try:\n    pass\nexcept E as e:\n    try:\n        raise\n    except F as f:\n        del e",
];

#[test]
fn handlers_match_cpython() {
    compare("handlers", HANDLER_CASES, false);
}

/// Every instruction's source position (line, column, end line, end column), which the VM
/// uses for line events and for the `^^^` marks under the failing expression in tracebacks.
/// An instruction CPython gives no position takes the position of the instruction before it,
/// as weaklink's do.
#[test]
fn positions_match_cpython() {
    compare("positions", CASES, true);
}

/// The random programs that compile (see `random.rs`), instruction by instruction. One
/// difference is known and left: when several jumps of one condition (a conditional
/// expression or a comparison chain used as a condition) reach an exit block without
/// lines, each gets its own copy, but CPython lays the copies out in the order it created
/// its blocks and weaklink in layout order, so the copies (all alike) can come in another
/// order. These programs happen not to show it.
#[test]
fn random_programs_match_cpython() {
    let sources: Vec<String> = super::random::programs()
        .into_iter()
        .filter(|s| {
            weaklink_python::syntax::parse_module(s)
                .ok()
                .is_some_and(|t| weaklink_python::compile::compile_module(&t).is_ok())
        })
        .collect();
    let cases: Vec<&str> = sources.iter().map(String::as_str).collect();
    compare("random programs", &cases, false);
}
