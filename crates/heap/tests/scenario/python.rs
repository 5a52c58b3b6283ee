//! The CPython side of a scenario: the program text and a live `python3` run.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use super::syntax::{callback_name, Stmt};

/// Classes and helpers every program starts with. Output goes to stdout only, through
/// `_w`, which allocates no container (`print` does, once a full collection has emptied the
/// free lists, and `gc.get_count()` would see it); `python3 -u` writes through at once, so
/// no list of pending output builds up either.
const PRELUDE: &str = r#"import gc, os, sys, weakref
gc.disable()
_w = sys.stdout.write


class Obj:
    """A plain instance: its attributes are its name and what the scenario adds."""

    watch = None

    def __init__(self, name, watch=None):
        self.name = name
        if watch is not None:
            self.watch = watch


def _report(obj):
    if obj.watch is None:
        _w(f"del {obj.name}\n")
        return
    wr = globals().get(obj.watch)
    if wr is None:
        _w(f"del {obj.name} ({obj.watch} unbound)\n")
    else:
        _w(f"del {obj.name} ({obj.watch} alive: {wr() is not None})\n")


class Fin(Obj):
    def __del__(self):
        _report(self)


class Res(Obj):
    def __del__(self):
        _report(self)
        saved.append(self)


def _callback(label, drop):
    def callback(wr):
        _w(f"callback {label}\n")
        if drop:
            globals().pop(label, None)
    return callback


"#;

/// Marks the start of a statement's output: `@@ <index>`.
pub const MARK: &str = "@@ ";

/// The whole program for a scenario's statements.
pub fn program(stmts: &[Stmt]) -> String {
    let mut callbacks = Vec::new();
    for s in stmts {
        s.callbacks(&mut callbacks);
    }
    let mut text = PRELUDE.to_string();
    for (label, drop) in &callbacks {
        let python_drop = if *drop { "True" } else { "False" };
        text += &format!(
            "{} = _callback('{label}', {python_drop})\n",
            callback_name(label, *drop)
        );
    }
    text += "saved = []\ngc.collect()\n\n";
    for (i, s) in stmts.iter().enumerate() {
        text += &format!("_w('{MARK}{i}\\n')\n{}\n", s.python());
    }
    text += "\nsys.stdout.flush()\nos._exit(0)\n";
    text
}

/// Checks once that `python3` is CPython 3.11.
fn check_version() {
    static VERSION: OnceLock<Result<String, String>> = OnceLock::new();
    let version = VERSION.get_or_init(|| {
        let out = Command::new("python3")
            .args([
                "-c",
                "import sys; print(sys.implementation.name, *sys.version_info[:2])",
            ])
            .output()
            .map_err(|e| format!("cannot run python3: {e}"))?;
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    });
    match version {
        Ok(v) if v == "cpython 3 11" => {}
        Ok(v) => panic!("these tests compare with CPython 3.11 live; python3 is {v}"),
        Err(e) => panic!("these tests compare with CPython 3.11 live: {e}"),
    }
}

/// Runs a program on `python3`, returning its standard output. Anything on standard error
/// (an exception, even one ignored in `__del__`) or a failed exit is an error.
pub fn run(program: &str) -> Result<String, String> {
    check_version();
    let mut child = Command::new("python3")
        .args(["-I", "-S", "-u", "-"])
        .env("PYTHONHASHSEED", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(program.as_bytes())
        .map_err(|e| format!("cannot feed python3: {e}"))?;
    let out = child
        .wait_with_output()
        .map_err(|e| format!("python3 failed: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() || !stderr.is_empty() {
        return Err(format!(
            "python3 exited with {}; stdout:\n{stdout}stderr:\n{stderr}",
            out.status
        ));
    }
    Ok(stdout)
}
