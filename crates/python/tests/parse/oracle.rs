//! CPython 3.11 as the oracle: one python3 process answers a whole table.

use std::io::Write;
use std::process::{Command, Stdio};

/// What python3 is asked about a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `ast.dump(ast.parse(src))`.
    Dump,
    /// `ast.dump(ast.parse(src), include_attributes=True)`.
    Positions,
    /// `compile(src, '<string>', 'exec')`: "OK" or the error line.
    Compile,
    /// The NAME, NUMBER, STRING and OP tokens of `tokenize.generate_tokens`, with positions.
    Tokens,
}

const SCRIPT: &str = r#"
import ast, io, json, sys, tokenize, warnings
warnings.simplefilter('ignore')
cases = json.load(sys.stdin)
out = []
for mode, src in cases:
    try:
        if mode == 'compile':
            compile(src, '<string>', 'exec')
            out.append('OK')
        elif mode == 'tokens':
            kinds = {tokenize.NAME, tokenize.NUMBER, tokenize.STRING, tokenize.OP}
            out.append(' '.join('%s:%r:%d.%d-%d.%d' % (tokenize.tok_name[t.type], t.string, *t.start, *t.end)
                                for t in tokenize.generate_tokens(io.StringIO(src).readline) if t.type in kinds))
        else:
            out.append(ast.dump(ast.parse(src), include_attributes=(mode == 'pos')))
    except SyntaxError as e:
        out.append('ERR\t%s\t%s\t%s\t%s\t%s\t%s' % (type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset))
    except Exception as e:
        out.append('EXC\t%s\t%s' % (type(e).__name__, e))
sys.stdout.write(json.dumps(out))
"#;

/// A JSON string literal.
pub fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Parse a JSON array of strings (python3's `json.dumps` output).
fn parse_json_strings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut current: Option<String> = None;
    while let Some(c) = chars.next() {
        match (&mut current, c) {
            (None, '"') => current = Some(String::new()),
            (None, _) => {}
            (Some(s), '"') => {
                out.push(std::mem::take(s));
                current = None;
            }
            (Some(s), '\\') => match chars.next() {
                Some('n') => s.push('\n'),
                Some('t') => s.push('\t'),
                Some('r') => s.push('\r'),
                Some('b') => s.push('\u{8}'),
                Some('f') => s.push('\u{c}'),
                Some('u') => {
                    let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                    let mut code = u32::from_str_radix(&hex, 16).unwrap_or(0xfffd);
                    if (0xd800..0xdc00).contains(&code) {
                        // A surrogate pair.
                        chars.next();
                        chars.next();
                        let low: String = (0..4).filter_map(|_| chars.next()).collect();
                        let low = u32::from_str_radix(&low, 16).unwrap_or(0xdc00);
                        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                    }
                    s.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                }
                Some(other) => s.push(other),
                None => {}
            },
            (Some(s), c) => s.push(c),
        }
    }
    out
}

/// Ask python3 about every case at once.
pub fn ask(cases: &[(Mode, String)]) -> Vec<String> {
    let mut input = String::from("[");
    for (i, (mode, src)) in cases.iter().enumerate() {
        if i > 0 {
            input.push(',');
        }
        let mode = match mode {
            Mode::Dump => "dump",
            Mode::Positions => "pos",
            Mode::Compile => "compile",
            Mode::Tokens => "tokens",
        };
        input.push_str(&format!("[\"{mode}\",{}]", json_string(src)));
    }
    input.push(']');
    let mut child = Command::new("python3")
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write to python3");
    let output = child.wait_with_output().expect("python3 answers");
    assert!(output.status.success(), "python3 failed");
    let answers = parse_json_strings(&String::from_utf8_lossy(&output.stdout));
    assert_eq!(answers.len(), cases.len(), "one answer per case");
    answers
}

/// Our answer, in the oracle's format.
pub fn ours(mode: Mode, src: &str) -> String {
    use weaklink_python::syntax::{dump, dump_with_positions, parse_and_validate, parse_module};
    let result = match mode {
        Mode::Tokens => {
            weaklink_python::syntax::tokenize(src).map(|tokens| tokens_text(src, &tokens))
        }
        Mode::Compile => parse_and_validate(src).map(|_| "OK".to_string()),
        Mode::Dump => parse_module(src).map(|m| dump(&m)),
        Mode::Positions => parse_module(src).map(|m| dump_with_positions(&m)),
    };
    match result {
        Ok(text) => text,
        // CPython gives no position (None) for some errors; weaklink's is line 0.
        Err(e) if e.lineno == 0 => {
            format!("ERR\t{}\t{}\tNone\tNone\tNone\tNone", e.kind.name(), e.msg)
        }
        Err(e) => format!(
            "ERR\t{}\t{}\t{}\t{}\t{}\t{}",
            e.kind.name(),
            e.msg,
            e.lineno,
            e.offset,
            e.end_lineno,
            e.end_offset
        ),
    }
}

/// Tokens in the format of the oracle's `tokens` mode (Python's `repr` of their text).
fn tokens_text(src: &str, tokens: &[weaklink_python::syntax::Token]) -> String {
    use weaklink_python::syntax::TokenKind;
    let text = weaklink_python::syntax::normalize(src)
        .expect("no NUL")
        .into_owned();
    tokens
        .iter()
        .filter_map(|t| {
            let kind = match t.kind {
                TokenKind::Name | TokenKind::Keyword(_) => "NAME",
                TokenKind::Number => "NUMBER",
                TokenKind::String => "STRING",
                TokenKind::Op(_) => "OP",
                _ => return None,
            };
            let repr = weaklink_python::text::str_repr(&text[t.start..t.end]);
            Some(format!(
                "{kind}:{repr}:{}.{}-{}.{}",
                t.line, t.col, t.end_line, t.end_col
            ))
        })
        .collect::<Vec<_>>()
        .join(" ")
}
