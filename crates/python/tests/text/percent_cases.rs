//! `format % args`: conversions, flags, widths, `*`, mapping keys, and every error message.

use weaklink_python::text::*;

use crate::harness::{py_float, py_str, Table};

/// A test argument: how Python writes it and what the Rust side receives.
fn arg_py(a: &PercentArg) -> String {
    match a {
        PercentArg::Int(n) => n.to_string(),
        PercentArg::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        PercentArg::Float(x) => py_float(*x),
        PercentArg::Str(s) => py_str(s),
        PercentArg::Object { id, .. } => OBJECTS[*id].0.to_string(),
    }
}

/// Objects the text callback knows: Python source, str, repr, ascii.
const OBJECTS: &[(&str, &str, &str, &str)] = &[
    ("[1, 'a']", "[1, 'a']", "[1, 'a']", "[1, 'a']"),
    ("None", "None", "None", "None"),
    ("['é']", "['é']", "['é']", "['\\xe9']"),
    (
        "{'k': 1, 'n': 'x'}",
        "{'k': 1, 'n': 'x'}",
        "{'k': 1, 'n': 'x'}",
        "{'k': 1, 'n': 'x'}",
    ),
];

fn obj(id: usize) -> PercentArg {
    let type_name = match id {
        1 => "NoneType",
        3 => "dict",
        _ => "list",
    };
    PercentArg::Object {
        type_name: type_name.into(),
        id,
    }
}

fn run_case(t: &mut Table, format: &str, args: PercentArgs) {
    let py_args = match &args {
        PercentArgs::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(arg_py).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        PercentArgs::Single { value, .. } => arg_py(value),
    };
    // The mapping, when the single value is one: lists reject str keys, the dict has two.
    let mapping_id = match &args {
        PercentArgs::Single {
            value: PercentArg::Object { id, .. },
            ..
        } => Some(*id),
        _ => None,
    };
    let result = percent_format_with(
        format,
        &args,
        |id, conv| {
            let (_, s, r, a) = OBJECTS[id];
            Ok::<_, VmError>(
                match conv {
                    's' => s,
                    'r' => r,
                    _ => a,
                }
                .to_string(),
            )
        },
        |key| match (mapping_id, key) {
            (Some(3), "k") => Ok(PercentArg::Int(1)),
            (Some(3), "n") => Ok(PercentArg::Str("x".into())),
            (Some(3), _) => Err(VmError(format!("KeyError: {}", str_repr(key)))),
            _ => Err(VmError(
                "TypeError: list indices must be integers or slices, not str".into(),
            )),
        },
    );
    let record = match result {
        Ok(s) => format!("ok:{s}"),
        Err(VmError(e)) => format!("err:{e}"),
    };
    t.case(format!("{} % {py_args}", py_str(format)), record);
}

/// An exception the test's stand-in VM raises: `Name: message`.
struct VmError(String);

impl From<TextError> for VmError {
    fn from(e: TextError) -> Self {
        VmError(e.to_string())
    }
}

fn tuple(items: Vec<PercentArg>) -> PercentArgs {
    PercentArgs::Tuple(items)
}

fn single(value: PercentArg) -> PercentArgs {
    let mapping = matches!(value, PercentArg::Object { id: 0 | 2 | 3, .. });
    PercentArgs::Single { value, mapping }
}

/// Conversions tried with each single value.
const ONE_ARG_FORMATS: &[&str] = &[
    "%s",
    "%r",
    "%a",
    "%d",
    "%i",
    "%u",
    "%o",
    "%x",
    "%X",
    "%e",
    "%E",
    "%f",
    "%F",
    "%g",
    "%G",
    "%c",
    "%5s",
    "%-5s",
    "%.2s",
    "%5.1s",
    "%05s",
    "%+s",
    "%5d",
    "%-5d",
    "%05d",
    "%+d",
    "% d",
    "%+05d",
    "%-+5d",
    "% 05d",
    "%.3d",
    "%8.3d",
    "%-8.3d",
    "%08.3d",
    "%#o",
    "%#x",
    "%#X",
    "%#5x",
    "%#05x",
    "%-#5x",
    "%#.3x",
    "%+#x",
    "%#8.3X",
    "%+#010o",
    "%.2f",
    "%8.3f",
    "%-8.3f",
    "%08.3f",
    "%+.1f",
    "% .1f",
    "%#.0f",
    "%.0f",
    "%.0e",
    "%#.0e",
    "%.3g",
    "%#g",
    "%#.3g",
    "%10.2e",
    "%-10.2E",
    "%+010.2e",
    "%5c",
    "%-5c",
    "%05c",
    "%.1c",
    "%ld",
    "%hd",
    "%Lf",
    "%5.2hf",
    "%%%s%%",
    "%s%%",
    "a%sb",
    "[%10r]",
    "%(k)s",
    "%y",
    "%é",
    "%\u{1}",
    "%z",
    "%5%",
    "%",
    "abc%",
    "%5",
    "%.",
    "%-",
    "%s %s",
    "%*d",
    "%.*f",
    "",
    "no conversions",
    "%%",
    "%(k",
    "%(k)",
    "%(k)d and %(n)s",
    "%(k)s %s",
    "%(missing)s",
    "%(k)*d",
    "%()s",
    "%((k))s",
];

#[test]
fn percent_single_values_match_python() {
    let mut t = Table::new("str % value");
    let values = [
        PercentArg::Int(0),
        PercentArg::Int(42),
        PercentArg::Int(-42),
        PercentArg::Int(65),
        PercentArg::Int(255),
        PercentArg::Int(i64::MIN),
        PercentArg::Int(0x110000),
        PercentArg::Bool(true),
        PercentArg::Float(0.0),
        PercentArg::Float(-0.0),
        PercentArg::Float(1.5),
        PercentArg::Float(-2.75),
        PercentArg::Float(3.25159),
        PercentArg::Float(1e20),
        PercentArg::Float(1e-7),
        PercentArg::Float(123456789.125),
        PercentArg::Float(f64::INFINITY),
        PercentArg::Float(f64::NAN),
        PercentArg::Str("".into()),
        PercentArg::Str("a".into()),
        PercentArg::Str("héllo".into()),
        PercentArg::Str("it's".into()),
        obj(0),
        obj(1),
        obj(2),
        obj(3),
    ];
    for format in ONE_ARG_FORMATS {
        for v in &values {
            run_case(&mut t, format, single(v.clone()));
            run_case(&mut t, format, tuple(vec![v.clone()]));
        }
    }
    t.run();
}

#[test]
fn percent_tuples_match_python() {
    use PercentArg::*;
    let mut t = Table::new("str % tuple");
    let cases: Vec<(&str, Vec<PercentArg>)> = vec![
        ("%s %s", vec![Int(1), Str("a".into())]),
        ("%s %s", vec![Int(1)]),
        ("%s", vec![Int(1), Int(2)]),
        ("%s", vec![]),
        ("", vec![]),
        ("", vec![Int(1)]),
        ("%%", vec![Int(1)]),
        ("%*d", vec![Int(5), Int(1)]),
        ("%-*d|", vec![Int(-5), Int(1)]),
        ("%*d", vec![Str("x".into()), Int(1)]),
        ("%*d", vec![Bool(true), Int(7)]),
        ("%.*f", vec![Int(2), Float(1.5)]),
        ("%.*f", vec![Int(-2), Float(1.5)]),
        ("%*.*f", vec![Int(9), Int(3), Float(-1.5)]),
        ("%*", vec![Int(5)]),
        ("%*", vec![]),
        ("%s %*d", vec![Int(1), Int(2)]),
        (
            "%d items cost %.2f (%s)",
            vec![Int(3), Float(9.5), Str("ok".into())],
        ),
        ("%c%c%c", vec![Int(72), Str("i".into()), Int(33)]),
        ("%5%", vec![Int(1)]),
        ("%5%", vec![]),
        ("%y", vec![]),
        ("%(k)s", vec![Int(1)]),
        ("%s and %r", vec![obj(0), obj(2)]),
        ("%x %o %X", vec![Int(255), Int(8), Int(-255)]),
        ("%d", vec![Float(f64::INFINITY)]),
        ("%d", vec![Float(f64::NAN)]),
        ("%d", vec![Float(1e300)]),
        ("%c", vec![Int(-1)]),
        ("%c", vec![Str("ab".into())]),
        ("%c", vec![Float(1.5)]),
        ("%.99999999999s", vec![Int(1)]),
        ("%99999999999999999999d", vec![Int(1)]),
    ];
    for (format, items) in cases {
        run_case(&mut t, format, tuple(items));
    }
    t.run();
}
