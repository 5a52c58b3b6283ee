//! The scenario language: one statement a line, a small subset of Python plus a few
//! one-word commands that print something Python can tell.
//!
//! ```text
//! a = Fin('a')            # instances of the prelude's classes Obj, Fin and Res
//! a.next = [a, (b, 1)]    # lists, tuples, dicts with str keys, small ints, None
//! w = ref(a, 'w')         # weakref.ref with a callback printing `callback w`
//! del a.next, l[0], d['k'], l[:]
//! print(ref(a) is ref(a))
//! try ref([])             # prints `ok` or the exception
//! collect 0               # prints gc.collect(0)
//! ```
//!
//! Every statement renders back to the Python that runs it ([`Stmt::python`]), so what the
//! heap is given and what CPython runs come from the same parse.

use std::fmt;

/// A class defined by the prelude.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ClassName {
    /// Plain instances.
    Obj,
    /// Instances whose `__del__` prints `del <name>`.
    Fin,
    /// Instances whose `__del__` prints and then appends the object to `saved`.
    Res,
}

impl ClassName {
    /// Every prelude class, in definition order.
    pub const ALL: [ClassName; 3] = [ClassName::Obj, ClassName::Fin, ClassName::Res];

    /// The Python name.
    pub fn name(self) -> &'static str {
        match self {
            ClassName::Obj => "Obj",
            ClassName::Fin => "Fin",
            ClassName::Res => "Res",
        }
    }

    /// The class with this Python name.
    pub fn parse(text: &str) -> Option<Self> {
        ClassName::ALL.into_iter().find(|c| c.name() == text)
    }
}

/// A subscript or dict key: `[0]` on a list or tuple, `[0]` or `['k']` on a dict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Index {
    /// A position (negative counts from the end), or an int key.
    Int(i64),
    /// A `str` key.
    Str(String),
}

impl fmt::Display for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Index::Int(i) => write!(f, "{i}"),
            Index::Str(k) => write!(f, "'{k}'"),
        }
    }
}

/// An expression. Evaluating one leaves one new reference on the value stack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// A bound name.
    Name(String),
    /// A small int (static in CPython 3.11).
    Int(i64),
    /// A `str` literal.
    Str(String),
    /// `None`.
    None,
    /// `True` or `False`.
    Bool(bool),
    /// `gc.garbage`.
    Garbage,
    /// `[a, b]`.
    List(Vec<Expr>),
    /// `(a, b)` (at least one item).
    Tuple(Vec<Expr>),
    /// `{'k': a, 1: b}`.
    Dict(Vec<(Index, Expr)>),
    /// `Fin('a')` or `Fin('a', 'w')`: an instance named `a` whose `__del__` also reports
    /// whether the weak reference bound to the name `w` is alive.
    New {
        /// The class.
        class: ClassName,
        /// The `name` attribute.
        name: String,
        /// The name of a weak reference its `__del__` looks at.
        watch: Option<String>,
    },
    /// `ref(x)`, `ref(x, 'label')`, `ref(x, 'label', drop=True)` and the same with `proxy`.
    Weak {
        /// `weakref.proxy` rather than `weakref.ref`.
        proxy: bool,
        /// The referent.
        target: Box<Expr>,
        /// The callback's label; `None` for no callback.
        label: Option<String>,
        /// The callback also unbinds the global named by its label.
        drop: bool,
    },
    /// `x.attr`.
    Attr(Box<Expr>, String),
    /// `x[i]`.
    Index(Box<Expr>, Index),
    /// `w()`: calling a weak reference.
    Call(Box<Expr>),
    /// `l.append(x)`, `l.pop()`, `l.pop(0)`, `l.clear()`, `d.clear()`.
    Method(Box<Expr>, Method),
    /// `x is y`, `x is not y`.
    Is {
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
        /// `is not`.
        negated: bool,
    },
}

/// A method call on a list or dict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Method {
    /// `list.append(x)`.
    Append(Box<Expr>),
    /// `list.pop()` or `list.pop(i)`.
    Pop(Option<i64>),
    /// `list.clear()` or `dict.clear()`.
    Clear,
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let items = |f: &mut fmt::Formatter<'_>, items: &[Expr]| -> fmt::Result {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    write!(f, ", ")?;
                }
                write!(f, "{item}")?;
            }
            Ok(())
        };
        match self {
            Expr::Name(n) => write!(f, "{n}"),
            Expr::Int(i) => write!(f, "{i}"),
            Expr::Str(s) => write!(f, "'{s}'"),
            Expr::None => write!(f, "None"),
            Expr::Bool(b) => write!(f, "{}", if *b { "True" } else { "False" }),
            Expr::Garbage => write!(f, "gc.garbage"),
            Expr::List(xs) => {
                write!(f, "[")?;
                items(f, xs)?;
                write!(f, "]")
            }
            Expr::Tuple(xs) => {
                write!(f, "(")?;
                items(f, xs)?;
                write!(f, "{})", if xs.len() == 1 { "," } else { "" })
            }
            Expr::Dict(entries) => {
                write!(f, "{{")?;
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                write!(f, "}}")
            }
            Expr::New { class, name, watch } => match watch {
                Some(w) => write!(f, "{}('{name}', '{w}')", class.name()),
                None => write!(f, "{}('{name}')", class.name()),
            },
            Expr::Weak {
                proxy,
                target,
                label,
                drop,
            } => {
                let function = if *proxy { "proxy" } else { "ref" };
                match label {
                    None => write!(f, "weakref.{function}({target})"),
                    Some(l) => write!(
                        f,
                        "weakref.{function}({target}, {})",
                        callback_name(l, *drop)
                    ),
                }
            }
            Expr::Attr(x, a) => write!(f, "{x}.{a}"),
            Expr::Index(x, i) => write!(f, "{x}[{i}]"),
            Expr::Call(x) => write!(f, "{x}()"),
            Expr::Method(x, m) => match m {
                Method::Append(v) => write!(f, "{x}.append({v})"),
                Method::Pop(None) => write!(f, "{x}.pop()"),
                Method::Pop(Some(i)) => write!(f, "{x}.pop({i})"),
                Method::Clear => write!(f, "{x}.clear()"),
            },
            Expr::Is {
                left,
                right,
                negated,
            } => write!(
                f,
                "({left} is {}{right})",
                if *negated { "not " } else { "" }
            ),
        }
    }
}

/// The prelude's name for the callback with this label.
pub fn callback_name(label: &str, drop: bool) -> String {
    format!("_cb_{label}{}", if drop { "_drop" } else { "" })
}

/// Where a value is stored or deleted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A global name.
    Name(String),
    /// `x.attr`.
    Attr(Expr, String),
    /// `x[i]`.
    Index(Expr, Index),
    /// `x[:]` (deletion only).
    Slice(Expr),
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Name(n) => write!(f, "{n}"),
            Target::Attr(x, a) => write!(f, "{x}.{a}"),
            Target::Index(x, i) => write!(f, "{x}[{i}]"),
            Target::Slice(x) => write!(f, "{x}[:]"),
        }
    }
}

/// One line of a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stmt {
    /// `target = expr`.
    Assign(Target, Expr),
    /// `del t1, t2`.
    Del(Vec<Target>),
    /// An expression whose value is dropped (`l.append(a)`, `Fin('t')`).
    Expr(Expr),
    /// `print(expr)`, for `str`, `int`, `bool` and `None` values.
    Print(Expr),
    /// `try expr`: prints `ok`, or the exception as `TypeError: message`.
    Try(Expr),
    /// `collect` or `collect N`: prints `gc.collect(N)`.
    Collect(Option<u8>),
    /// `refcount x`: prints `sys.getrefcount(x)`.
    Refcount(Expr),
    /// `tracked x`: prints `gc.is_tracked(x)`.
    Tracked(Expr),
    /// `alive w`: prints `w() is not None`.
    Alive(Expr),
    /// `weakcount x`: prints `weakref.getweakrefcount(x)`.
    Weakcount(Expr),
    /// `garbage`: prints `len(gc.garbage)`.
    Garbage,
    /// `count`: prints `gc.get_count()`.
    Count,
    /// `debug saveall` or `debug off`: `gc.set_debug(...)`.
    Debug(bool),
}

impl Stmt {
    /// The Python that runs this statement, one or more lines. Output goes through
    /// `_w = sys.stdout.write` with f-strings: unlike `print`, they allocate no container
    /// behind the scenario's back (`gc.get_count()` would see it).
    pub fn python(&self) -> String {
        let say = |value: String| format!("_w(f\"{{{value}}}\\n\")");
        match self {
            Stmt::Assign(t, e) => format!("{t} = {e}"),
            Stmt::Del(ts) => {
                let ts: Vec<String> = ts.iter().map(ToString::to_string).collect();
                format!("del {}", ts.join(", "))
            }
            Stmt::Expr(e) => format!("{e}"),
            Stmt::Print(e) => say(e.to_string()),
            Stmt::Try(e) => format!(
                "try:\n    {e}\nexcept Exception as e:\n    \
                 _w(f\"{{type(e).__name__}}: {{e}}\\n\")\nelse:\n    _w(\"ok\\n\")"
            ),
            Stmt::Collect(None) => say("gc.collect()".to_string()),
            Stmt::Collect(Some(g)) => say(format!("gc.collect({g})")),
            Stmt::Refcount(e) => say(format!("sys.getrefcount({e})")),
            Stmt::Tracked(e) => say(format!("gc.is_tracked({e})")),
            Stmt::Alive(e) => say(format!("{e}() is not None")),
            Stmt::Weakcount(e) => say(format!("weakref.getweakrefcount({e})")),
            Stmt::Garbage => say("len(gc.garbage)".to_string()),
            // `%` formats the tuple without `repr`, whose recursion guard allocates a list.
            Stmt::Count => "_w('(%d, %d, %d)\\n' % gc.get_count())".to_string(),
            Stmt::Debug(true) => "gc.set_debug(gc.DEBUG_SAVEALL)".to_string(),
            Stmt::Debug(false) => "gc.set_debug(0)".to_string(),
        }
    }

    /// The callbacks (label, drop) the statement mentions, for the prelude to define.
    pub fn callbacks(&self, out: &mut Vec<(String, bool)>) {
        fn walk(e: &Expr, out: &mut Vec<(String, bool)>) {
            match e {
                Expr::Weak {
                    target,
                    label,
                    drop,
                    ..
                } => {
                    if let Some(l) = label {
                        if !out.iter().any(|(x, d)| x == l && d == drop) {
                            out.push((l.clone(), *drop));
                        }
                    }
                    walk(target, out);
                }
                Expr::List(xs) | Expr::Tuple(xs) => xs.iter().for_each(|x| walk(x, out)),
                Expr::Dict(es) => es.iter().for_each(|(_, x)| walk(x, out)),
                Expr::Attr(x, _) | Expr::Index(x, _) | Expr::Call(x) => walk(x, out),
                Expr::Method(x, m) => {
                    walk(x, out);
                    if let Method::Append(v) = m {
                        walk(v, out);
                    }
                }
                Expr::Is { left, right, .. } => {
                    walk(left, out);
                    walk(right, out);
                }
                _ => {}
            }
        }
        let target = |t: &Target, out: &mut Vec<(String, bool)>| match t {
            Target::Name(_) => {}
            Target::Attr(x, _) | Target::Index(x, _) | Target::Slice(x) => walk(x, out),
        };
        match self {
            Stmt::Assign(t, e) => {
                target(t, out);
                walk(e, out);
            }
            Stmt::Del(ts) => ts.iter().for_each(|t| target(t, out)),
            Stmt::Expr(e)
            | Stmt::Print(e)
            | Stmt::Try(e)
            | Stmt::Refcount(e)
            | Stmt::Tracked(e)
            | Stmt::Alive(e)
            | Stmt::Weakcount(e) => walk(e, out),
            Stmt::Collect(_) | Stmt::Garbage | Stmt::Count | Stmt::Debug(_) => {}
        }
    }
}
