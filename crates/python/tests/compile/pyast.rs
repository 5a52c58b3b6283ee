//! Syntax trees parsed by CPython itself: `pyast.py` dumps `ast.parse` results as JSON and
//! this module reads them into `weaklink_python::syntax::ast`, so the compiler is tested on
//! exactly the trees CPython compiles.

use std::io::Write;
use std::process::{Command, Stdio};

use weaklink_python::syntax::ast::*;

const SCRIPT: &str = include_str!("pyast.py");

/// A JSON value.
#[derive(Debug, Clone)]
enum J {
    Null,
    Bool(bool),
    Num(i64),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && (self.s[self.i] as char).is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn value(&mut self) -> J {
        self.ws();
        match self.s[self.i] {
            b'n' => {
                self.i += 4;
                J::Null
            }
            b't' => {
                self.i += 4;
                J::Bool(true)
            }
            b'f' => {
                self.i += 5;
                J::Bool(false)
            }
            b'"' => J::Str(self.string()),
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.ws();
                    if self.s[self.i] == b']' {
                        self.i += 1;
                        return J::Arr(items);
                    }
                    items.push(self.value());
                    self.ws();
                    if self.s[self.i] == b',' {
                        self.i += 1;
                    }
                }
            }
            b'{' => {
                self.i += 1;
                let mut fields = Vec::new();
                loop {
                    self.ws();
                    if self.s[self.i] == b'}' {
                        self.i += 1;
                        return J::Obj(fields);
                    }
                    let key = self.string();
                    self.ws();
                    self.i += 1; // ':'
                    let v = self.value();
                    fields.push((key, v));
                    self.ws();
                    if self.s[self.i] == b',' {
                        self.i += 1;
                    }
                }
            }
            _ => {
                let start = self.i;
                while self.i < self.s.len()
                    && (self.s[self.i] == b'-' || self.s[self.i].is_ascii_digit())
                {
                    self.i += 1;
                }
                J::Num(
                    std::str::from_utf8(&self.s[start..self.i])
                        .unwrap()
                        .parse()
                        .unwrap(),
                )
            }
        }
    }

    fn string(&mut self) -> String {
        self.i += 1;
        let mut out: Vec<u16> = Vec::new();
        let mut text = String::new();
        loop {
            let c = self.s[self.i];
            match c {
                b'"' => {
                    self.i += 1;
                    break;
                }
                b'\\' => {
                    let e = self.s[self.i + 1];
                    self.i += 2;
                    let ch = match e {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'u' => {
                            let hex = std::str::from_utf8(&self.s[self.i..self.i + 4]).unwrap();
                            self.i += 4;
                            out.push(u16::from_str_radix(hex, 16).unwrap());
                            continue;
                        }
                        other => other as char,
                    };
                    flush(&mut out, &mut text);
                    text.push(ch);
                }
                _ => {
                    flush(&mut out, &mut text);
                    let width = match c {
                        0..=0x7f => 1,
                        0xc0..=0xdf => 2,
                        0xe0..=0xef => 3,
                        _ => 4,
                    };
                    text.push_str(std::str::from_utf8(&self.s[self.i..self.i + width]).unwrap());
                    self.i += width;
                }
            }
        }
        flush(&mut out, &mut text);
        text
    }
}

fn flush(units: &mut Vec<u16>, text: &mut String) {
    if !units.is_empty() {
        text.push_str(&String::from_utf16_lossy(units));
        units.clear();
    }
}

impl J {
    fn get(&self, key: &str) -> &J {
        match self {
            J::Obj(fields) => fields
                .iter()
                .find(|(k, _)| k == key)
                .map_or(&J::Null, |(_, v)| v),
            _ => &J::Null,
        }
    }
    fn kind(&self) -> &str {
        match self.get("_") {
            J::Str(s) => s,
            _ => "",
        }
    }
    fn str(&self) -> String {
        match self {
            J::Str(s) => s.clone(),
            _ => panic!("expected a string, got {self:?}"),
        }
    }
    fn opt_str(&self) -> Option<String> {
        match self {
            J::Null => None,
            _ => Some(self.str()),
        }
    }
    fn num(&self) -> i64 {
        match self {
            J::Num(n) => *n,
            J::Bool(b) => i64::from(*b),
            _ => panic!("expected a number, got {self:?}"),
        }
    }
    fn arr(&self) -> &[J] {
        match self {
            J::Arr(items) => items,
            _ => &[],
        }
    }
    fn span(&self) -> Span {
        Span {
            lineno: self.get("lineno").num() as u32,
            col_offset: self.get("col_offset").num() as u32,
            end_lineno: self.get("end_lineno").num() as u32,
            end_col_offset: self.get("end_col_offset").num() as u32,
        }
    }
}

/// Parses each source with CPython: the tree, or CPython's `(msg, lineno, offset)`.
pub fn parse_all(sources: &[&str]) -> Vec<Result<Module, (String, u32, i64)>> {
    let json: Vec<String> = sources.iter().map(|s| json_string(s)).collect();
    let input = format!("[{}]", json.join(","));
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 must be on PATH");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "pyast.py failed");
    let mut reader = Reader {
        s: &output.stdout,
        i: 0,
    };
    let all = reader.value();
    all.arr()
        .iter()
        .map(|r| match r.get("ok") {
            J::Null => {
                let e = r.get("err").arr();
                Err((e[0].str(), e[1].num() as u32, e[2].num()))
            }
            tree => Ok(Module {
                body: stmts(tree.get("body")),
            }),
        })
        .collect()
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn stmts(j: &J) -> Vec<Stmt> {
    j.arr().iter().map(stmt).collect()
}

fn exprs(j: &J) -> Vec<Expr> {
    j.arr().iter().map(expr).collect()
}

fn opt_expr(j: &J) -> Option<Box<Expr>> {
    match j {
        J::Null => None,
        _ => Some(Box::new(expr(j))),
    }
}

fn bexpr(j: &J) -> Box<Expr> {
    Box::new(expr(j))
}

fn ctx(j: &J) -> ExprContext {
    match j.kind() {
        "Load" => ExprContext::Load,
        "Store" => ExprContext::Store,
        _ => ExprContext::Del,
    }
}

fn operator(j: &J) -> Operator {
    match j.kind() {
        "Add" => Operator::Add,
        "Sub" => Operator::Sub,
        "Mult" => Operator::Mult,
        "MatMult" => Operator::MatMult,
        "Div" => Operator::Div,
        "Mod" => Operator::Mod,
        "Pow" => Operator::Pow,
        "LShift" => Operator::LShift,
        "RShift" => Operator::RShift,
        "BitOr" => Operator::BitOr,
        "BitXor" => Operator::BitXor,
        "BitAnd" => Operator::BitAnd,
        _ => Operator::FloorDiv,
    }
}

fn cmpop(j: &J) -> Cmpop {
    match j.kind() {
        "Eq" => Cmpop::Eq,
        "NotEq" => Cmpop::NotEq,
        "Lt" => Cmpop::Lt,
        "LtE" => Cmpop::LtE,
        "Gt" => Cmpop::Gt,
        "GtE" => Cmpop::GtE,
        "Is" => Cmpop::Is,
        "IsNot" => Cmpop::IsNot,
        "In" => Cmpop::In,
        _ => Cmpop::NotIn,
    }
}

fn arg(j: &J) -> Arg {
    Arg {
        arg: j.get("arg").str(),
        annotation: opt_expr(j.get("annotation")),
        span: j.span(),
    }
}

fn arguments(j: &J) -> Box<Arguments> {
    Box::new(Arguments {
        posonlyargs: j.get("posonlyargs").arr().iter().map(arg).collect(),
        args: j.get("args").arr().iter().map(arg).collect(),
        vararg: match j.get("vararg") {
            J::Null => None,
            a => Some(arg(a)),
        },
        kwonlyargs: j.get("kwonlyargs").arr().iter().map(arg).collect(),
        kw_defaults: j
            .get("kw_defaults")
            .arr()
            .iter()
            .map(|d| match d {
                J::Null => None,
                d => Some(expr(d)),
            })
            .collect(),
        kwarg: match j.get("kwarg") {
            J::Null => None,
            a => Some(arg(a)),
        },
        defaults: exprs(j.get("defaults")),
    })
}

fn keywords(j: &J) -> Vec<Keyword> {
    j.arr()
        .iter()
        .map(|k| Keyword {
            arg: k.get("arg").opt_str(),
            value: expr(k.get("value")),
            span: k.span(),
        })
        .collect()
}

fn aliases(j: &J) -> Vec<Alias> {
    j.arr()
        .iter()
        .map(|a| Alias {
            name: a.get("name").str(),
            asname: a.get("asname").opt_str(),
            span: a.span(),
        })
        .collect()
}

fn generators(j: &J) -> Vec<Comprehension> {
    j.arr()
        .iter()
        .map(|g| Comprehension {
            target: expr(g.get("target")),
            iter: expr(g.get("iter")),
            ifs: exprs(g.get("ifs")),
            is_async: false,
        })
        .collect()
}

fn stmt(j: &J) -> Stmt {
    let span = j.span();
    match j.kind() {
        "FunctionDef" => Stmt::FunctionDef {
            name: j.get("name").str(),
            args: arguments(j.get("args")),
            body: stmts(j.get("body")),
            decorator_list: exprs(j.get("decorator_list")),
            returns: opt_expr(j.get("returns")),
            span,
        },
        "ClassDef" => Stmt::ClassDef {
            name: j.get("name").str(),
            bases: exprs(j.get("bases")),
            keywords: keywords(j.get("keywords")),
            body: stmts(j.get("body")),
            decorator_list: exprs(j.get("decorator_list")),
            span,
        },
        "Return" => Stmt::Return {
            value: opt_expr(j.get("value")),
            span,
        },
        "Delete" => Stmt::Delete {
            targets: exprs(j.get("targets")),
            span,
        },
        "Assign" => Stmt::Assign {
            targets: exprs(j.get("targets")),
            value: bexpr(j.get("value")),
            span,
        },
        "AugAssign" => Stmt::AugAssign {
            target: bexpr(j.get("target")),
            op: operator(j.get("op")),
            value: bexpr(j.get("value")),
            span,
        },
        "AnnAssign" => Stmt::AnnAssign {
            target: bexpr(j.get("target")),
            annotation: bexpr(j.get("annotation")),
            value: opt_expr(j.get("value")),
            simple: j.get("simple").num() != 0,
            span,
        },
        "For" => Stmt::For {
            target: bexpr(j.get("target")),
            iter: bexpr(j.get("iter")),
            body: stmts(j.get("body")),
            orelse: stmts(j.get("orelse")),
            span,
        },
        "While" => Stmt::While {
            test: bexpr(j.get("test")),
            body: stmts(j.get("body")),
            orelse: stmts(j.get("orelse")),
            span,
        },
        "If" => Stmt::If {
            test: bexpr(j.get("test")),
            body: stmts(j.get("body")),
            orelse: stmts(j.get("orelse")),
            span,
        },
        "With" => Stmt::With {
            items: j
                .get("items")
                .arr()
                .iter()
                .map(|i| Withitem {
                    context_expr: expr(i.get("context_expr")),
                    optional_vars: opt_expr(i.get("optional_vars")),
                })
                .collect(),
            body: stmts(j.get("body")),
            span,
        },
        "Raise" => Stmt::Raise {
            exc: opt_expr(j.get("exc")),
            cause: opt_expr(j.get("cause")),
            span,
        },
        "Try" => Stmt::Try {
            body: stmts(j.get("body")),
            handlers: j
                .get("handlers")
                .arr()
                .iter()
                .map(|h| ExceptHandler {
                    type_: opt_expr(h.get("type")),
                    name: h.get("name").opt_str(),
                    body: stmts(h.get("body")),
                    span: h.span(),
                })
                .collect(),
            orelse: stmts(j.get("orelse")),
            finalbody: stmts(j.get("finalbody")),
            span,
        },
        "Assert" => Stmt::Assert {
            test: bexpr(j.get("test")),
            msg: opt_expr(j.get("msg")),
            span,
        },
        "Import" => Stmt::Import {
            names: aliases(j.get("names")),
            span,
        },
        "ImportFrom" => Stmt::ImportFrom {
            module: j.get("module").opt_str(),
            names: aliases(j.get("names")),
            level: j.get("level").num() as u32,
            span,
        },
        "Global" => Stmt::Global {
            names: j.get("names").arr().iter().map(J::str).collect(),
            span,
        },
        "Nonlocal" => Stmt::Nonlocal {
            names: j.get("names").arr().iter().map(J::str).collect(),
            span,
        },
        "Expr" => Stmt::Expr {
            value: bexpr(j.get("value")),
            span,
        },
        "Pass" => Stmt::Pass { span },
        "Break" => Stmt::Break { span },
        "Continue" => Stmt::Continue { span },
        other => panic!("statement {other} is outside weaklink's subset"),
    }
}

fn constant(j: &J) -> Constant {
    let v = j.get("v");
    match j.get("t").str().as_str() {
        "None" => Constant::None,
        "Ellipsis" => Constant::Ellipsis,
        "bool" => Constant::Bool(v.num() != 0),
        "int" => {
            let digits = v.str();
            digits
                .parse()
                .map_or_else(|_| Constant::BigInt(digits.into()), Constant::Int)
        }
        "float" => Constant::Float(f64::from_bits(v.str().parse().unwrap())),
        _ => Constant::Str(v.str()),
    }
}

fn expr(j: &J) -> Expr {
    let span = j.span();
    match j.kind() {
        "BoolOp" => Expr::BoolOp {
            op: if j.get("op").kind() == "And" {
                Boolop::And
            } else {
                Boolop::Or
            },
            values: exprs(j.get("values")),
            span,
        },
        "NamedExpr" => Expr::NamedExpr {
            target: bexpr(j.get("target")),
            value: bexpr(j.get("value")),
            span,
        },
        "BinOp" => Expr::BinOp {
            left: bexpr(j.get("left")),
            op: operator(j.get("op")),
            right: bexpr(j.get("right")),
            span,
        },
        "UnaryOp" => Expr::UnaryOp {
            op: match j.get("op").kind() {
                "Invert" => Unaryop::Invert,
                "Not" => Unaryop::Not,
                "UAdd" => Unaryop::UAdd,
                _ => Unaryop::USub,
            },
            operand: bexpr(j.get("operand")),
            span,
        },
        "Lambda" => Expr::Lambda {
            args: arguments(j.get("args")),
            body: bexpr(j.get("body")),
            span,
        },
        "IfExp" => Expr::IfExp {
            test: bexpr(j.get("test")),
            body: bexpr(j.get("body")),
            orelse: bexpr(j.get("orelse")),
            span,
        },
        "Dict" => Expr::Dict {
            keys: j
                .get("keys")
                .arr()
                .iter()
                .map(|k| match k {
                    J::Null => None,
                    k => Some(expr(k)),
                })
                .collect(),
            values: exprs(j.get("values")),
            span,
        },
        "Set" => Expr::Set {
            elts: exprs(j.get("elts")),
            span,
        },
        "ListComp" => Expr::ListComp {
            elt: bexpr(j.get("elt")),
            generators: generators(j.get("generators")),
            span,
        },
        "SetComp" => Expr::SetComp {
            elt: bexpr(j.get("elt")),
            generators: generators(j.get("generators")),
            span,
        },
        "DictComp" => Expr::DictComp {
            key: bexpr(j.get("key")),
            value: bexpr(j.get("value")),
            generators: generators(j.get("generators")),
            span,
        },
        "GeneratorExp" => Expr::GeneratorExp {
            elt: bexpr(j.get("elt")),
            generators: generators(j.get("generators")),
            span,
        },
        "Yield" => Expr::Yield {
            value: opt_expr(j.get("value")),
            span,
        },
        "YieldFrom" => Expr::YieldFrom {
            value: bexpr(j.get("value")),
            span,
        },
        "Compare" => Expr::Compare {
            left: bexpr(j.get("left")),
            ops: j.get("ops").arr().iter().map(cmpop).collect(),
            comparators: exprs(j.get("comparators")),
            span,
        },
        "Call" => Expr::Call {
            func: bexpr(j.get("func")),
            args: exprs(j.get("args")),
            keywords: keywords(j.get("keywords")),
            span,
        },
        "FormattedValue" => Expr::FormattedValue {
            value: bexpr(j.get("value")),
            conversion: match j.get("conversion").num() {
                115 => Conversion::Str,
                114 => Conversion::Repr,
                97 => Conversion::Ascii,
                _ => Conversion::None,
            },
            format_spec: opt_expr(j.get("format_spec")),
            span,
        },
        "JoinedStr" => Expr::JoinedStr {
            values: exprs(j.get("values")),
            span,
        },
        "Constant" => Expr::Constant {
            value: constant(j.get("value")),
            kind: j.get("kind").opt_str(),
            span,
        },
        "Attribute" => Expr::Attribute {
            value: bexpr(j.get("value")),
            attr: j.get("attr").str(),
            ctx: ctx(j.get("ctx")),
            span,
        },
        "Subscript" => Expr::Subscript {
            value: bexpr(j.get("value")),
            slice: bexpr(j.get("slice")),
            ctx: ctx(j.get("ctx")),
            span,
        },
        "Starred" => Expr::Starred {
            value: bexpr(j.get("value")),
            ctx: ctx(j.get("ctx")),
            span,
        },
        "Name" => Expr::Name {
            id: j.get("id").str(),
            ctx: ctx(j.get("ctx")),
            span,
        },
        "List" => Expr::List {
            elts: exprs(j.get("elts")),
            ctx: ctx(j.get("ctx")),
            span,
        },
        "Tuple" => Expr::Tuple {
            elts: exprs(j.get("elts")),
            ctx: ctx(j.get("ctx")),
            span,
        },
        "Slice" => Expr::Slice {
            lower: opt_expr(j.get("lower")),
            upper: opt_expr(j.get("upper")),
            step: opt_expr(j.get("step")),
            span,
        },
        other => panic!("expression {other} is outside weaklink's subset"),
    }
}
