//! `str.format` templates through a small stand-in VM: fields, numbering, accessors,
//! conversions, nested specs, and the order in which CPython reports errors.

use weaklink_python::text::*;

use crate::harness::{py_str, Table};

/// Values of the stand-in VM.
#[derive(Clone, Debug)]
enum V {
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<V>),
    Dict(Vec<(String, V)>),
}

impl V {
    fn type_name(&self) -> &'static str {
        match self {
            V::Int(_) => "int",
            V::Float(_) => "float",
            V::Str(_) => "str",
            V::List(_) => "list",
            V::Dict(_) => "dict",
        }
    }
    fn repr(&self) -> String {
        match self {
            V::Int(n) => n.to_string(),
            V::Float(x) => float_repr(*x),
            V::Str(s) => str_repr(s),
            V::List(items) => {
                format!(
                    "[{}]",
                    items.iter().map(V::repr).collect::<Vec<_>>().join(", ")
                )
            }
            V::Dict(items) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|(k, v)| format!("{}: {}", str_repr(k), v.repr()))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
        }
    }
    fn str(&self) -> String {
        match self {
            V::Str(s) => s.clone(),
            v => v.repr(),
        }
    }
}

/// An exception of the stand-in VM: `Name: message`.
struct VmError(String);

impl From<TextError> for VmError {
    fn from(e: TextError) -> Self {
        VmError(e.to_string())
    }
}

struct Host {
    args: Vec<V>,
    kwargs: Vec<(String, V)>,
}

impl TemplateHost for Host {
    type Value = V;
    type Error = VmError;
    fn positional(&mut self, index: usize) -> Result<V, VmError> {
        self.args
            .get(index)
            .cloned()
            .ok_or_else(|| replacement_index_error(index).into())
    }
    fn keyword(&mut self, name: &str) -> Result<V, VmError> {
        let found = self.kwargs.iter().find(|(k, _)| k == name);
        found
            .map(|(_, v)| v.clone())
            .ok_or_else(|| TextError::key(name).into())
    }
    fn attribute(&mut self, value: V, name: &str) -> Result<V, VmError> {
        match (&value, name) {
            (V::Int(_) | V::Float(_), "real") => Ok(value),
            (V::Int(_), "imag") => Ok(V::Int(0)),
            _ => Err(VmError(format!(
                "AttributeError: '{}' object has no attribute '{name}'",
                value.type_name()
            ))),
        }
    }
    fn item(&mut self, value: V, key: &Accessor) -> Result<V, VmError> {
        match (&value, key) {
            (V::List(items), Accessor::Index(i)) => items
                .get(*i)
                .cloned()
                .ok_or_else(|| VmError("IndexError: list index out of range".into())),
            (V::List(_), _) => Err(VmError(
                "TypeError: list indices must be integers or slices, not str".into(),
            )),
            (V::Dict(items), Accessor::Key(k)) => items
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| TextError::key(k).into()),
            (V::Dict(_), Accessor::Index(i)) => Err(VmError(format!("KeyError: {i}"))),
            (V::Str(s), Accessor::Index(i)) => Ok(V::Str(str_index(s, *i as i64)?.to_string())),
            (V::Str(_), _) => Err(VmError(
                "TypeError: string indices must be integers, not 'str'".into(),
            )),
            (v, _) => Err(VmError(format!(
                "TypeError: '{}' object is not subscriptable",
                v.type_name()
            ))),
        }
    }
    fn convert(&mut self, value: V, conversion: Conversion) -> Result<V, VmError> {
        Ok(V::Str(match conversion {
            Conversion::Str => value.str(),
            Conversion::Repr => value.repr(),
            Conversion::Ascii => match &value {
                V::Str(s) => str_ascii(s),
                v => v.repr(),
            },
        }))
    }
    fn format(&mut self, value: V, spec: &str) -> Result<String, VmError> {
        Ok(match &value {
            V::Int(n) => format_int(*n, spec)?,
            V::Float(x) => format_float(*x, spec)?,
            V::Str(s) => format_str(s, spec)?,
            v if spec.is_empty() => v.str(),
            v => {
                return Err(VmError(format!(
                    "TypeError: unsupported format string passed to {}.__format__",
                    v.type_name()
                )))
            }
        })
    }
}

fn args() -> Vec<V> {
    vec![
        V::Int(42),
        V::Float(3.25),
        V::Str("héllo".into()),
        V::List(vec![V::Int(7), V::Str("x".into())]),
        V::Dict(vec![
            ("k".into(), V::Int(1)),
            ("-1".into(), V::Str("neg".into())),
        ]),
        V::Int(8),
    ]
}

fn kwargs() -> Vec<(String, V)> {
    vec![
        ("name".into(), V::Str("Ada".into())),
        ("w".into(), V::Int(9)),
        ("x".into(), V::Float(-0.5)),
    ]
}

const TEMPLATES: &[&str] = &[
    "",
    "plain",
    "{}",
    "{} {} {}",
    "{0} {0} {2}",
    "{2}{1}{0}",
    "{}{0}",
    "{0}{}",
    "{6}",
    "{}{}{}{}{}{}{}",
    "{name}",
    "{name!r}",
    "{name!a:>8}",
    "{missing}",
    "{0!r}",
    "{2!a}",
    "{2!s:^9}",
    "{!x}",
    "{!\u{e9}}",
    "{!\x01}",
    "{!\x7f}",
    "{0!}",
    "{0!",
    "{0!r",
    "{0!rr}",
    "{!r!s}",
    "{",
    "}",
    "a}b",
    "{{}}",
    "{{{}}}",
    "{{0}}",
    "x{{",
    "}}x",
    "{0",
    "{0:",
    "{0:{}",
    "{:{}",
    "{0[}",
    "{0{}",
    "{0.a{}",
    "{[}",
    "{3[0]}",
    "{3[1]}",
    "{3[2]}",
    "{3[a]}",
    "{4[k]}",
    "{4[-1]}",
    "{4[0]}",
    "{4[ k]}",
    "{3[]}",
    "{3[0}",
    "{3[0]]}",
    "{3[0]x}",
    "{0.real}",
    "{0.imag}",
    "{0.}",
    "{.}",
    "{0.real.real}",
    "{1.real:.1f}",
    "{0.nope}",
    "{2[0]}",
    "{2[9]}",
    "{2[a]}",
    "{:{}}",
    "{:{}}{}",
    "{0:{5}}",
    "{0:{w}}",
    "{0:{name}}",
    "{:{:{}}}",
    "{0:{1:{2}}}",
    "{:{!r}}",
    "{:{:}}",
    "{0:>{5}.{5}}",
    "{x:+.3e}",
    "{x:{w}.{w}}",
    "{1:{w}}",
    "{:{{}}}",
    "{:}}}",
    "{} {",
    "{6} {",
    "{!x} {6}",
    "{0:{6}}",
    "{0:{missing}}",
    "{3}",
    "{3:5}",
    "{4!r}",
    "{٣[0]}",
    "{00}",
    "{0x}",
    "{1e2}",
    "{-1}",
    "{ 0}",
    "{0 }",
    "{99999999999999999999}",
    "{0:d}",
    "{2:d}",
    "{0:,}",
    "{1:%}",
    "{name:*^11}",
    "{0:{w}d}|{1:<{w}}|{2:>{w}}",
    "Total: {0:>6} items at {1:.2f} each",
];

#[test]
fn str_format_templates_match_python() {
    let mut t = Table::new("str.format templates");
    t.setup("args = (42, 3.25, 'héllo', [7, 'x'], {'k': 1, '-1': 'neg'}, 8)");
    t.setup("kwargs = {'name': 'Ada', 'w': 9, 'x': -0.5}");
    for template in TEMPLATES {
        let mut host = Host {
            args: args(),
            kwargs: kwargs(),
        };
        let record = match render_template(template, &mut host) {
            Ok(s) => format!("ok:{s}"),
            Err(VmError(e)) => format!("err:{e}"),
        };
        t.case(
            format!("{}.format(*args, **kwargs)", py_str(template)),
            record,
        );
    }
    t.run();
}
