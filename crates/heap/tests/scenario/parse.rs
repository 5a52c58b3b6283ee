//! The scenario language's parser: a tokenizer and a recursive-descent parser for one line.

use super::syntax::{ClassName, Expr, Index, Method, Stmt, Target};

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Int(i64),
    Str(String),
    Punct(char),
}

fn tokenize(line: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut s = String::new();
            while let Some(&c) = chars
                .peek()
                .filter(|c| c.is_ascii_alphanumeric() || **c == '_')
            {
                s.push(c);
                chars.next();
            }
            out.push(Tok::Ident(s));
        } else if c.is_ascii_digit() || c == '-' {
            let mut s = String::from(c);
            chars.next();
            while let Some(&c) = chars.peek().filter(|c| c.is_ascii_digit()) {
                s.push(c);
                chars.next();
            }
            out.push(Tok::Int(s.parse().map_err(|_| format!("bad number {s}"))?));
        } else if c == '\'' {
            chars.next();
            let mut s = String::new();
            loop {
                match chars.next() {
                    Some('\'') => break,
                    Some(c) if c.is_ascii_alphanumeric() || c == '_' => s.push(c),
                    _ => return Err("strings hold letters, digits and _ only".into()),
                }
            }
            out.push(Tok::Str(s));
        } else if "()[]{},.=:".contains(c) {
            out.push(Tok::Punct(c));
            chars.next();
        } else {
            return Err(format!("unexpected character {c:?}"));
        }
    }
    Ok(out)
}

/// Words that start a command line; they cannot be used as names.
const COMMANDS: [&str; 10] = [
    "collect",
    "refcount",
    "tracked",
    "alive",
    "weakcount",
    "garbage",
    "count",
    "debug",
    "try",
    "print",
];

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(&Tok::Punct(c)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(format!("expected '{c}', found {:?}", self.peek()))
        }
    }

    fn eat_word(&mut self, w: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Ident(s)) if s == w) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn string(&mut self) -> Result<String, String> {
        match self.next() {
            Some(Tok::Str(s)) => Ok(s),
            t => Err(format!("expected a string, found {t:?}")),
        }
    }

    fn done(&self) -> Result<(), String> {
        match self.peek() {
            None => Ok(()),
            Some(t) => Err(format!("unexpected {t:?}")),
        }
    }

    fn expr(&mut self) -> Result<Expr, String> {
        let left = self.postfix()?;
        if self.eat_word("is") {
            let negated = self.eat_word("not");
            let right = self.postfix()?;
            return Ok(Expr::Is {
                left: Box::new(left),
                right: Box::new(right),
                negated,
            });
        }
        Ok(left)
    }

    fn postfix(&mut self) -> Result<Expr, String> {
        let mut e = self.primary()?;
        loop {
            if self.eat('.') {
                let Some(Tok::Ident(attr)) = self.next() else {
                    return Err("expected an attribute name".into());
                };
                if self.eat('(') {
                    let method = match attr.as_str() {
                        "append" => Method::Append(Box::new(self.expr()?)),
                        "pop" => match self.peek() {
                            Some(Tok::Int(i)) => {
                                let i = *i;
                                self.pos += 1;
                                Method::Pop(Some(i))
                            }
                            _ => Method::Pop(None),
                        },
                        "clear" => Method::Clear,
                        m => return Err(format!("unknown method {m}")),
                    };
                    self.expect(')')?;
                    e = Expr::Method(Box::new(e), method);
                } else {
                    e = Expr::Attr(Box::new(e), attr);
                }
            } else if !self.at_slice() && self.eat('[') {
                let index = match self.next() {
                    Some(Tok::Int(i)) => Index::Int(i),
                    Some(Tok::Str(k)) => Index::Str(k),
                    t => return Err(format!("unsupported subscript {t:?}")),
                };
                self.expect(']')?;
                e = Expr::Index(Box::new(e), index);
            } else if self.eat('(') {
                self.expect(')')?;
                e = Expr::Call(Box::new(e));
            } else {
                return Ok(e);
            }
        }
    }

    fn list(&mut self, close: char) -> Result<(Vec<Expr>, bool), String> {
        let mut items = Vec::new();
        let mut trailing_comma = false;
        while !self.eat(close) {
            items.push(self.expr()?);
            trailing_comma = self.eat(',');
            if !trailing_comma {
                self.expect(close)?;
                break;
            }
        }
        Ok((items, trailing_comma))
    }

    fn primary(&mut self) -> Result<Expr, String> {
        match self.next() {
            Some(Tok::Int(i)) if (-5..=256).contains(&i) => Ok(Expr::Int(i)),
            Some(Tok::Int(i)) => Err(format!("{i}: only small ints (-5..=256) are supported")),
            Some(Tok::Str(s)) => Ok(Expr::Str(s)),
            Some(Tok::Punct('[')) => Ok(Expr::List(self.list(']')?.0)),
            Some(Tok::Punct('(')) => {
                let (items, comma) = self.list(')')?;
                match items.len() {
                    0 => Err("the empty tuple is a static singleton: not supported".into()),
                    1 if !comma => Ok(items.into_iter().next().expect("one item")),
                    _ => Ok(Expr::Tuple(items)),
                }
            }
            Some(Tok::Punct('{')) => {
                let mut entries = Vec::new();
                while !self.eat('}') {
                    let k = match self.next() {
                        Some(Tok::Int(i)) => Index::Int(i),
                        Some(Tok::Str(k)) => Index::Str(k),
                        t => return Err(format!("dict keys are ints or strs, not {t:?}")),
                    };
                    self.expect(':')?;
                    entries.push((k, self.expr()?));
                    if !self.eat(',') {
                        self.expect('}')?;
                        break;
                    }
                }
                Ok(Expr::Dict(entries))
            }
            Some(Tok::Ident(w)) => self.word(w),
            t => Err(format!("unexpected {t:?}")),
        }
    }

    fn word(&mut self, w: String) -> Result<Expr, String> {
        match w.as_str() {
            "None" => return Ok(Expr::None),
            "True" => return Ok(Expr::Bool(true)),
            "False" => return Ok(Expr::Bool(false)),
            "gc" => {
                self.expect('.')?;
                return if self.eat_word("garbage") {
                    Ok(Expr::Garbage)
                } else {
                    Err("only gc.garbage is supported".into())
                };
            }
            "ref" | "proxy" => {
                self.expect('(')?;
                let target = Box::new(self.expr()?);
                let mut label = None;
                let mut drop = false;
                if self.eat(',') {
                    label = Some(self.string()?);
                    if self.eat(',') {
                        if !self.eat_word("drop") {
                            return Err("expected drop=True".into());
                        }
                        self.expect('=')?;
                        drop = self.eat_word("True");
                        if !drop && !self.eat_word("False") {
                            return Err("expected drop=True or drop=False".into());
                        }
                    }
                }
                self.expect(')')?;
                return Ok(Expr::Weak {
                    proxy: w == "proxy",
                    target,
                    label,
                    drop,
                });
            }
            _ => {}
        }
        if let Some(class) = ClassName::parse(&w) {
            if self.eat('(') {
                let name = self.string()?;
                let watch = if self.eat(',') {
                    Some(self.string()?)
                } else {
                    None
                };
                self.expect(')')?;
                return Ok(Expr::New { class, name, watch });
            }
        }
        if COMMANDS.contains(&w.as_str()) || ["del", "is", "not", "weakref", "sys"].contains(&&*w) {
            return Err(format!("{w} is reserved"));
        }
        Ok(Expr::Name(w))
    }
}

fn target(e: Expr) -> Result<Target, String> {
    match e {
        Expr::Name(n) => Ok(Target::Name(n)),
        Expr::Attr(x, a) => Ok(Target::Attr(*x, a)),
        Expr::Index(x, i) => Ok(Target::Index(*x, i)),
        e => Err(format!("cannot assign to {e}")),
    }
}

/// Parses one statement (comments already removed).
pub fn parse(line: &str) -> Result<Stmt, String> {
    let mut p = Parser {
        toks: tokenize(line)?,
        pos: 0,
    };
    let stmt = match p.peek().cloned() {
        Some(Tok::Ident(w)) if COMMANDS.contains(&w.as_str()) || w == "del" => {
            p.pos += 1;
            command(&mut p, &w)?
        }
        _ => {
            let e = p.expr()?;
            if p.eat('=') {
                Stmt::Assign(target(e)?, p.expr()?)
            } else {
                Stmt::Expr(e)
            }
        }
    };
    p.done()?;
    Ok(stmt)
}

fn command(p: &mut Parser, word: &str) -> Result<Stmt, String> {
    Ok(match word {
        "del" => {
            let mut targets = Vec::new();
            loop {
                targets.push(p.del_target()?);
                if !p.eat(',') {
                    break;
                }
            }
            Stmt::Del(targets)
        }
        "print" => {
            p.expect('(')?;
            let e = p.expr()?;
            p.expect(')')?;
            Stmt::Print(e)
        }
        "try" => Stmt::Try(p.expr()?),
        "collect" => match p.next() {
            None => Stmt::Collect(None),
            Some(Tok::Int(g @ 0..=2)) => Stmt::Collect(Some(g as u8)),
            t => return Err(format!("collect takes 0, 1 or 2, not {t:?}")),
        },
        "refcount" => Stmt::Refcount(p.expr()?),
        "tracked" => Stmt::Tracked(p.expr()?),
        "alive" => Stmt::Alive(p.expr()?),
        "weakcount" => Stmt::Weakcount(p.expr()?),
        "garbage" => Stmt::Garbage,
        "count" => Stmt::Count,
        "debug" => {
            if p.eat_word("saveall") {
                Stmt::Debug(true)
            } else if p.eat_word("off") {
                Stmt::Debug(false)
            } else {
                return Err("debug takes saveall or off".into());
            }
        }
        w => unreachable!("not a command: {w}"),
    })
}

impl Parser {
    /// A deletion target: a name, `x.attr`, `x[i]` or `x[:]`.
    fn del_target(&mut self) -> Result<Target, String> {
        let e = self.postfix()?;
        if self.at_slice() {
            self.pos += 3;
            return Ok(Target::Slice(e));
        }
        target(e)
    }

    /// Whether `[:]` comes next.
    fn at_slice(&self) -> bool {
        self.toks.get(self.pos..self.pos + 3)
            == Some(&[Tok::Punct('['), Tok::Punct(':'), Tok::Punct(']')][..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_render_back_to_python() {
        for (line, python) in [
            ("a = Fin('a', 'w')", "a = Fin('a', 'w')"),
            ("w = ref(a, 'w')", "w = weakref.ref(a, _cb_w)"),
            (
                "p = proxy(a, 'p', drop=True)",
                "p = weakref.proxy(a, _cb_p_drop)",
            ),
            (
                "del a.next, l[0], d['k'], l[:]",
                "del a.next, l[0], d['k'], l[:]",
            ),
            ("t = (a, 1)", "t = (a, 1)"),
            ("t = (a,)", "t = (a,)"),
            (
                "print(ref(a) is ref(a))",
                "_w(f\"{(weakref.ref(a) is weakref.ref(a))}\\n\")",
            ),
            ("collect 1", "_w(f\"{gc.collect(1)}\\n\")"),
            ("gc.garbage.clear()", "gc.garbage.clear()"),
            ("x = l.pop(0)", "x = l.pop(0)"),
        ] {
            assert_eq!(parse(line).unwrap().python(), python, "{line}");
        }
    }
}
