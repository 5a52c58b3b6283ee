//! An interactive session, as CPython's `>>>` prompt runs one: each piece of source runs in
//! the same `__main__` without shutting the interpreter down, and the value of every
//! expression statement at module level is echoed with `repr` (CPython's "single" compile
//! mode and `sys.displayhook`) and kept in `builtins._`.

use weaklink_heap::{Name, ObjId};

use super::{Outcome, PyResult, Raised, Vm};
use crate::compile::compile_module;
use crate::syntax::ast::{Expr, ExprContext, Stmt};
use crate::syntax::{self};

/// The name under which the echoing function is kept in the builtins namespace. It is not
/// a valid identifier, so no program can name or overwrite it.
const DISPLAYHOOK: &str = "<displayhook>";

impl Vm {
    /// Runs one more piece of source in `__main__`, as the interactive prompt does: the
    /// values of expression statements that are not `None` are printed with `repr`. An
    /// uncaught exception prints a traceback; the interpreter stays usable either way.
    /// Output goes to [`Vm::stdout`] and [`Vm::stderr`].
    pub fn run_snippet(&mut self, source: &str, filename: &str) -> Outcome {
        self.remember_session_file(filename);
        let mut module = match syntax::parse_module(source) {
            Ok(module) => module,
            Err(error) => {
                let report = super::format_syntax_error(&error, filename, source);
                self.stderr.push_str(&report);
                return Outcome::SyntaxError;
            }
        };
        self.install_displayhook();
        echo_expressions(&mut module.body);
        let code = match compile_module(&module) {
            Ok(code) => code,
            Err(error) => {
                let report = super::format_syntax_error(&error, filename, source);
                self.stderr.push_str(&report);
                return Outcome::SyntaxError;
            }
        };
        // Each piece of input gets the whole step budget.
        self.steps = 0;
        self.halted = None;
        match self.run_module_code(code) {
            Ok(()) => Outcome::Finished,
            Err(Raised::Exception(exc)) => {
                self.print_traceback(exc);
                self.release(exc);
                Outcome::Uncaught
            }
            Err(Raised::Halt(halt)) => {
                self.stderr.push_str(&halt.message());
                self.stderr.push('\n');
                Outcome::Stopped
            }
        }
    }

    /// Ends the session as the interpreter exits: the `atexit` functions run, then the
    /// modules are let go and a last collection runs the remaining finalizers.
    pub fn finish(&mut self) {
        if self.shutting_down {
            return;
        }
        self.steps = 0;
        self.halted = None;
        self.run_atexit();
        self.shutdown();
    }

    /// Tracebacks of session code name `filename` and show no source lines, as CPython's
    /// for `<stdin>` (the typed lines are not kept in a file).
    fn remember_session_file(&mut self, filename: &str) {
        let known = self
            .module_sources
            .get(&self.main_globals)
            .and_then(|&i| self.sources.get(i))
            .is_some_and(|s| &*s.name == filename && s.lines.is_empty());
        if !known {
            let file = self.add_source(filename, "");
            self.module_sources.insert(self.main_globals, file);
        }
    }

    /// Puts the echoing function into the builtins namespace, once.
    fn install_displayhook(&mut self) {
        if self.dict_get_str(self.builtins, DISPLAYHOOK).is_none() {
            let builtins = self.builtins;
            self.define_native(builtins, DISPLAYHOOK, displayhook);
        }
    }
}

/// CPython's `sys.displayhook`: nothing for `None`; otherwise `builtins._` is set to `None`,
/// the `repr` printed, and `builtins._` set to the value.
fn displayhook(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let value = args[0];
    if !vm.is_none(value) {
        let builtins = vm.builtins;
        let none = vm.none;
        vm.define(builtins, "_", none);
        let text = vm.repr_string(value)?;
        vm.stdout.push_str(&text);
        vm.stdout.push('\n');
        vm.define(builtins, "_", value);
    }
    Ok(vm.new_none())
}

/// Wraps every expression statement of module-level code (including the blocks of `if`,
/// `for`, `while`, `with` and `try`, but not function or class bodies) in a call of the
/// display hook, as CPython's compiler adds `PRINT_EXPR` in interactive mode.
fn echo_expressions(body: &mut [Stmt]) {
    for stmt in body {
        match stmt {
            Stmt::Expr { value, span } => {
                let span = *span;
                let inner = std::mem::replace(
                    value.as_mut(),
                    Expr::Name {
                        id: String::new(),
                        ctx: ExprContext::Load,
                        span,
                    },
                );
                **value = Expr::Call {
                    func: Box::new(Expr::Name {
                        id: DISPLAYHOOK.to_string(),
                        ctx: ExprContext::Load,
                        span,
                    }),
                    args: vec![inner],
                    keywords: Vec::new(),
                    span,
                };
            }
            Stmt::For { body, orelse, .. } | Stmt::While { body, orelse, .. } => {
                echo_expressions(body);
                echo_expressions(orelse);
            }
            Stmt::If { body, orelse, .. } => {
                echo_expressions(body);
                echo_expressions(orelse);
            }
            Stmt::With { body, .. } => echo_expressions(body),
            Stmt::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                echo_expressions(body);
                for handler in handlers {
                    echo_expressions(&mut handler.body);
                }
                echo_expressions(orelse);
                echo_expressions(finalbody);
            }
            _ => {}
        }
    }
}
