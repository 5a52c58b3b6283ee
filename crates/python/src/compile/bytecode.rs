//! The bytecode: the instructions the VM executes and the code objects that hold them.
//!
//! The instruction set follows CPython 3.11's closely, because reference counts come out of
//! the value stack: whatever CPython keeps on its stack, the VM keeps on its stack, so
//! `sys.getrefcount` reads the same. Each instruction's stack effect is documented as
//! `before -> after`, top of stack last. Values on the stack are strong references.

use std::rc::Rc;

/// Index into a code object's `consts`.
pub type ConstIdx = u32;
/// Index into a code object's `names` (global, attribute and imported names).
pub type NameIdx = u32;
/// Index into a frame's fast locals: `varnames`, then `cellvars`, then `freevars`.
pub type LocalIdx = u32;
/// Index of an instruction in `instrs`.
pub type Label = u32;

/// A compile-time constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    /// `None`.
    None,
    /// `True` or `False`.
    Bool(bool),
    /// An `int` that fits in 64 bits.
    Int(i64),
    /// A larger `int`, as its decimal digits.
    BigInt(Rc<str>),
    /// A `float`.
    Float(f64),
    /// A `str`.
    Str(Rc<str>),
    /// A tuple of constants (also the keyword names of a call, see [`Instr::KwNames`]).
    Tuple(Vec<Const>),
    /// A nested code object (function, lambda, class body or comprehension).
    Code(Rc<CodeObject>),
    /// `...`: the `Ellipsis` singleton.
    Ellipsis,
}

/// A binary operator, also used in place (`+=`) with [`Instr::BinaryOp`]'s flag.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    TrueDiv,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
    /// `@`
    MatMul,
}

/// A unary operator.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Pos,
    /// `~x`
    Invert,
    /// `not x`
    Not,
}

/// A rich comparison (`is`, `in` have their own instructions).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// A conversion in an f-string replacement field.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Conversion {
    /// No conversion: `format(value, spec)`.
    None,
    /// `!s`
    Str,
    /// `!r`
    Repr,
    /// `!a`
    Ascii,
}

/// One VM instruction. `NULL` below is the empty stack marker CPython pushes before a
/// callable that is not a method (the VM represents it as an empty slot).
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Instr {
    /// Does nothing (a line of its own, e.g. `pass`).
    Nop,
    /// `x ->` (the value is released).
    PopTop,
    /// `a1 .. an -> a1 .. an a1`: pushes another reference to the n-th item from the top
    /// (1 is the top).
    Copy(u32),
    /// Swaps the top with the n-th item from the top (n >= 2).
    Swap(u32),
    /// `-> NULL`
    PushNull,
    /// `-> const`
    LoadConst(ConstIdx),

    /// `-> value` of a local; `UnboundLocalError` if unbound.
    LoadFast(LocalIdx),
    /// `value ->` stored in a local (the stack's reference moves into the local; the old
    /// value is released afterwards).
    StoreFast(LocalIdx),
    /// Unbinds a local (`del x`); `UnboundLocalError` if unbound.
    DeleteFast(LocalIdx),
    /// Replaces local `i` (a parameter or unbound) with a new cell holding its value, at
    /// the start of a function whose local is captured by an inner function.
    MakeCell(LocalIdx),
    /// `-> cell` of local `i` itself (not its contents), to build a closure.
    LoadClosure(LocalIdx),
    /// `-> value` held by the cell in local `i`; `NameError`/`UnboundLocalError` if empty.
    LoadDeref(LocalIdx),
    /// `value ->` into the cell in local `i`.
    StoreDeref(LocalIdx),
    /// Empties the cell in local `i`.
    DeleteDeref(LocalIdx),
    /// In a class body: `-> value` of name `names[n]` from the class namespace, else from
    /// the cell in local `i` (`LOAD_CLASSDEREF`). Operands: (local, name).
    LoadClassDeref(LocalIdx, NameIdx),

    /// `-> value` of a global, else a builtin; `NameError` if neither. With `push_null`,
    /// pushes `NULL` first (a call follows).
    LoadGlobal {
        /// The name.
        name: NameIdx,
        /// Push `NULL` before the value.
        push_null: bool,
    },
    /// `value ->` into the module namespace.
    StoreGlobal(NameIdx),
    /// Removes a global; `NameError` if missing.
    DeleteGlobal(NameIdx),
    /// `-> value` looked up in the current namespace (module or class body), then globals,
    /// then builtins.
    LoadName(NameIdx),
    /// `value ->` into the current namespace.
    StoreName(NameIdx),
    /// Removes a name from the current namespace.
    DeleteName(NameIdx),

    /// `obj -> obj.name`
    LoadAttr(NameIdx),
    /// `value obj ->` sets `obj.name = value`.
    StoreAttr(NameIdx),
    /// `obj ->` deletes `obj.name`.
    DeleteAttr(NameIdx),
    /// `obj -> func obj` when `obj.name` is a plain function found on the type (the method
    /// call needs no bound method object), else `obj -> NULL obj.name`.
    LoadMethod(NameIdx),

    /// `container key -> container[key]`
    BinarySubscr,
    /// `value container key ->` sets `container[key] = value`.
    StoreSubscr,
    /// `container key ->` deletes `container[key]`.
    DeleteSubscr,
    /// `start stop -> slice` (2) or `start stop step -> slice` (3).
    BuildSlice(u32),

    /// `x -> op x`
    UnaryOp(UnaryOp),
    /// `a b -> a op b`; in place (`a op= b`) tries `__iop__` first.
    BinaryOp {
        /// The operator.
        op: BinOp,
        /// `+=` and friends.
        inplace: bool,
    },
    /// `a b -> a op b`
    CompareOp(CmpOp),
    /// `a b -> a is b` (or `is not` when the flag is set).
    IsOp(bool),
    /// `a b -> a in b` (or `not in` when the flag is set).
    ContainsOp(bool),

    /// `a1 .. an -> (a1, .., an)`
    BuildTuple(u32),
    /// `a1 .. an -> [a1, .., an]`
    BuildList(u32),
    /// `a1 .. an -> {a1, .., an}`
    BuildSet(u32),
    /// `k1 v1 .. kn vn -> {k1: v1, ..}`
    BuildMap(u32),
    /// `s1 .. sn -> s1 + .. + sn` (the parts of an f-string, all `str`).
    BuildString(u32),
    /// `list .. item -> list ..`: appends to the list `n` items below the popped item
    /// (comprehensions, and list displays with `*x`: `ListExtend`).
    ListAppend(u32),
    /// `list .. iterable -> list ..`: extends the list `n` below.
    ListExtend(u32),
    /// `set .. item -> set ..`
    SetAdd(u32),
    /// `set .. iterable -> set ..`
    SetUpdate(u32),
    /// `dict .. key value -> dict ..`
    MapAdd(u32),
    /// `dict .. mapping -> dict ..` (`{**m}`).
    DictUpdate(u32),
    /// `dict .. mapping -> dict ..` for `f(**m)`: a repeated key is a `TypeError`.
    DictMerge(u32),
    /// `list -> tuple`
    ListToTuple,
    /// `value -> str` (`conv` applied, then `format(value, '')`) or, with a spec,
    /// `value spec -> str`.
    FormatValue {
        /// `!s`, `!r`, `!a` or none.
        conv: Conversion,
        /// A format spec is on the stack above the value.
        has_spec: bool,
    },
    /// `seq -> item_n .. item_1` (the first item ends on top); `ValueError` on a length
    /// mismatch ("too many values to unpack (expected 2)", "not enough values to unpack
    /// (expected 3, got 2)").
    UnpackSequence(u32),
    /// `seq -> after.. list before..`: unpacking with a starred target, `before` items
    /// ahead of the star and `after` behind it.
    UnpackEx {
        /// Targets before the starred one.
        before: u32,
        /// Targets after the starred one.
        after: u32,
    },

    /// Unconditional jump.
    Jump(Label),
    /// `x ->`, jumps if `x` is false.
    PopJumpIfFalse(Label),
    /// `x ->`, jumps if `x` is true.
    PopJumpIfTrue(Label),
    /// `x -> x` and jumps if `x` is false, else `x ->` (`and`).
    JumpIfFalseOrPop(Label),
    /// `x -> x` and jumps if `x` is true, else `x ->` (`or`).
    JumpIfTrueOrPop(Label),
    /// `iterable -> iterator`
    GetIter,
    /// `iterator -> iterator next` or, when exhausted, `iterator ->` and jump.
    ForIter(Label),
    /// `value ->` returns it from the frame.
    ReturnValue,

    /// The keyword names of the next `Call`: `consts[i]` is a tuple of `str`; the last
    /// `len` arguments of the call are keyword arguments with those names.
    KwNames(ConstIdx),
    /// `NULL|method callable|self a1 .. an -> result`: calls with `n` arguments (plus
    /// `self` when a method was loaded). Arguments move into a Python callee's frame
    /// (CPython 3.11); built-in callees borrow them, and they are released afterwards.
    Call(u32),
    /// `NULL callable args_tuple [kwargs_dict] -> result` (`f(*a, **k)`).
    CallFunctionEx {
        /// A `dict` of keyword arguments is on top.
        has_kwargs: bool,
    },
    /// `[defaults_tuple] [kwdefaults_dict] [closure_tuple] code -> function`.
    MakeFunction {
        /// A tuple of positional defaults is on the stack.
        defaults: bool,
        /// A dict of keyword-only defaults is on the stack.
        kwdefaults: bool,
        /// A tuple of cells is on the stack.
        closure: bool,
    },
    /// `-> __build_class__` (then called with the body function, the name and the bases).
    LoadBuildClass,

    /// Pushes an exception handler: an exception raised before the matching `PopBlock`
    /// releases stack values down to `depth` items (counted from the frame's stack bottom),
    /// pushes the exception and jumps to `handler`. The compiler knows the depth statically.
    SetupFinally {
        /// Where the handler starts.
        handler: Label,
        /// The stack depth the handler expects below the exception.
        depth: u32,
    },
    /// Pops the innermost handler pushed by `SetupFinally`.
    PopBlock,
    /// `exc -> prev_exc exc`: at the start of a handler, makes `exc` the exception being
    /// handled (`sys.exc_info()`), saving the previous one on the stack.
    PushExcInfo,
    /// `prev_exc ->`: at the end of a handler, restores the previously handled exception.
    PopExcept,
    /// `exc type -> exc bool`: `isinstance(exc, type)` for `except type:`
    /// (a tuple of types allowed; `TypeError` if not exception classes).
    CheckExcMatch,
    /// `raise` (0: re-raise the handled exception), `raise exc` (1),
    /// `raise exc from cause` (2).
    Raise(u32),
    /// `exc ->` raises `exc` again, keeping its traceback (end of a `finally` or an
    /// unmatched `except` chain).
    Reraise,
    /// `mgr -> exit result`: looks up `__exit__` (bound, held on the stack for the whole
    /// block) and calls `__enter__`.
    BeforeWith,
    /// `exit prev_exc exc -> exit prev_exc exc result`: calls `exit(type, exc, tb)` while an
    /// exception propagates out of a `with` block.
    WithExceptStart,
    /// `-> AssertionError` (the class), for `assert`.
    LoadAssertionError,

    /// `value -> sent`: suspends a generator, handing `value` to the consumer.
    YieldValue,
    /// First instruction of a generator function: creates the generator and returns it.
    ReturnGenerator,
    /// `iterable -> iterator` for `yield from` (generators pass through).
    GetYieldFromIter,
    /// `iterator value -> iterator result`, or jumps with `iterator -> result` once the
    /// sub-iterator returns (`yield from`).
    Send(Label),

    /// `-> module` for `import name` (`names[n]`).
    ImportName(NameIdx),
    /// `module -> module value` for `from module import name`.
    ImportFrom(NameIdx),
    /// `module ->` for `from module import *`: binds the module's public names (those in
    /// its `__all__`, else those not starting with `_`) in the current namespace.
    ImportStar,
}

/// What kind of code a code object holds.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum CodeKind {
    /// A module's top level.
    Module,
    /// A class body (names live in the class namespace).
    Class,
    /// A `def` or `lambda`.
    Function,
    /// A comprehension or generator expression (its own scope, called with the iterator).
    Comprehension,
}

/// A compiled unit of code: a module, class body, function, lambda or comprehension.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeObject {
    /// `co_name`: the function or class name, `<module>`, `<lambda>`, `<listcomp>`...
    pub name: Rc<str>,
    /// `co_qualname`: `Outer.method.<locals>.inner`.
    pub qualname: Rc<str>,
    /// What kind of code this is.
    pub kind: CodeKind,
    /// Positional parameters (including positional-only ones).
    pub argcount: u32,
    /// Positional-only parameters (those before `/`).
    pub posonlyargcount: u32,
    /// Keyword-only parameters (after `*` or `*args`).
    pub kwonlyargcount: u32,
    /// The function takes `*args` (stored in the local after the keyword-only ones).
    pub varargs: bool,
    /// The function takes `**kwargs` (stored in the local after `*args`).
    pub varkeywords: bool,
    /// The function contains `yield`.
    pub generator: bool,
    /// Local variable names, parameters first (in the order above).
    pub varnames: Vec<Rc<str>>,
    /// Locals captured by inner functions; their slots follow `varnames`. A captured
    /// parameter keeps its `varnames` slot and is turned into a cell by [`Instr::MakeCell`].
    pub cellvars: Vec<Rc<str>>,
    /// Variables of enclosing functions used here; their cells are copied into the slots
    /// after `cellvars` when the frame starts.
    pub freevars: Vec<Rc<str>>,
    /// For each entry of `cellvars`, the local slot that holds its cell (a parameter's own
    /// slot, or a slot after `varnames`).
    pub cell_slots: Vec<LocalIdx>,
    /// Global, attribute and imported names used by the instructions.
    pub names: Vec<Rc<str>>,
    /// Constants used by the instructions.
    pub consts: Vec<Const>,
    /// The instructions.
    pub instrs: Vec<Instr>,
    /// For each instruction, its source position.
    pub positions: Vec<Position>,
    /// The first line of the code (the `def` line for a function).
    pub first_line: u32,
    /// The docstring (first statement, if a string constant), as CPython keeps it in
    /// `co_consts[0]`.
    pub docstring: Option<Rc<str>>,
    /// The constants written in the source text (literals and what folding made of them),
    /// as opposed to those the compiler made (keyword-name tuples, qualified names). While
    /// the main module runs, CPython's parser arena holds one more reference to each.
    pub source_consts: Vec<Const>,
}

/// Where an instruction comes from in the source.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 0-based column of the start, in UTF-8 bytes (as CPython's `col_offset`).
    pub col: u32,
    /// 1-based line of the end.
    pub end_line: u32,
    /// 0-based column of the end.
    pub end_col: u32,
}

impl CodeObject {
    /// Number of fast-local slots: `varnames`, then cells not sharing a parameter slot,
    /// then free variables.
    pub fn nlocals_plus(&self) -> usize {
        let extra_cells = self
            .cell_slots
            .iter()
            .filter(|&&slot| slot as usize >= self.varnames.len())
            .count();
        self.varnames.len() + extra_cells + self.freevars.len()
    }

    /// The local slot of free variable `i`.
    pub fn free_slot(&self, i: usize) -> LocalIdx {
        (self.nlocals_plus() - self.freevars.len() + i) as LocalIdx
    }

    /// The number of parameters, counting `*args` and `**kwargs`.
    pub fn total_params(&self) -> usize {
        (self.argcount + self.kwonlyargcount) as usize
            + usize::from(self.varargs)
            + usize::from(self.varkeywords)
    }
}

impl Instr {
    /// How the instruction changes the stack depth when it falls through to the next
    /// instruction, and when it jumps (for instructions that can jump). A `Call`'s effect
    /// counts the `NULL`/method slot and the callable. `SetupFinally`'s jump effect is the
    /// handler's depth relative to the setup point (the compiler uses its `depth` instead).
    pub fn stack_effect(&self) -> (i32, Option<i32>) {
        use Instr::*;
        let n = |k: &u32| *k as i32;
        match self {
            Nop | Jump(_) | KwNames(_) | PopBlock => (
                0,
                if matches!(self, Jump(_)) {
                    Some(0)
                } else {
                    None
                },
            ),
            PopTop | StoreFast(_) | StoreDeref(_) | StoreGlobal(_) | StoreName(_) => (-1, None),
            Copy(_) | PushNull | LoadConst(_) | LoadFast(_) | LoadClosure(_) | LoadDeref(_)
            | LoadClassDeref(..) | LoadName(_) | LoadBuildClass | LoadAssertionError => (1, None),
            Swap(_) | DeleteFast(_) | MakeCell(_) | DeleteDeref(_) | DeleteGlobal(_)
            | DeleteName(_) | LoadAttr(_) | UnaryOp(_) | GetIter | ListToTuple
            | GetYieldFromIter | YieldValue | ReturnGenerator => (0, None),
            LoadGlobal { push_null, .. } => (1 + i32::from(*push_null), None),
            StoreAttr(_) => (-2, None),
            DeleteAttr(_) => (-1, None),
            LoadMethod(_) => (1, None),
            BinarySubscr => (-1, None),
            StoreSubscr => (-3, None),
            DeleteSubscr => (-2, None),
            BuildSlice(k) => (1 - n(k), None),
            BinaryOp { .. } | CompareOp(_) | IsOp(_) | ContainsOp(_) => (-1, None),
            BuildTuple(k) | BuildList(k) | BuildSet(k) | BuildString(k) => (1 - n(k), None),
            BuildMap(k) => (1 - 2 * n(k), None),
            ListAppend(_) | ListExtend(_) | SetAdd(_) | SetUpdate(_) | DictUpdate(_)
            | DictMerge(_) => (-1, None),
            MapAdd(_) => (-2, None),
            FormatValue { has_spec, .. } => (-i32::from(*has_spec), None),
            UnpackSequence(k) => (n(k) - 1, None),
            UnpackEx { before, after } => (n(before) + n(after), None),
            PopJumpIfFalse(_) | PopJumpIfTrue(_) => (-1, Some(-1)),
            JumpIfFalseOrPop(_) | JumpIfTrueOrPop(_) => (-1, Some(0)),
            ForIter(_) => (1, Some(-1)),
            ReturnValue | Reraise => (-1, None),
            Raise(k) => (-n(k), None),
            Call(k) => (-1 - n(k), None),
            CallFunctionEx { has_kwargs } => (-2 - i32::from(*has_kwargs), None),
            MakeFunction {
                defaults,
                kwdefaults,
                closure,
            } => (
                -(i32::from(*defaults) + i32::from(*kwdefaults) + i32::from(*closure)),
                None,
            ),
            SetupFinally { .. } => (0, Some(1)),
            PushExcInfo => (1, None),
            PopExcept => (-1, None),
            CheckExcMatch => (0, None),
            BeforeWith => (1, None),
            WithExceptStart => (1, None),
            Send(_) => (0, Some(-1)),
            ImportName(_) => (1, None),
            ImportFrom(_) => (1, None),
            ImportStar => (-1, None),
        }
    }
}
