//! The checks CPython's compiler makes while generating code.

use super::super::ast::{Arguments, Expr, ExprContext, Keyword, Module, Stmt, Withitem};
use super::super::error::SyntaxError;
use super::error_at;

/// The kind of code object being compiled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

type Check = Result<(), SyntaxError>;

struct Compiler {
    unit: Unit,
    loops: u32,
}

/// Run the compiler's checks over a module.
pub(super) fn check(module: &Module) -> Check {
    let mut compiler = Compiler {
        unit: Unit::Module,
        loops: 0,
    };
    compiler.stmts(&module.body)
}

impl Compiler {
    fn error(&self, msg: impl Into<String>, span: super::super::ast::Span) -> SyntaxError {
        error_at(msg, span)
    }

    /// Compile `f` as a new code object.
    fn nested(&mut self, unit: Unit, f: impl FnOnce(&mut Self) -> Check) -> Check {
        let saved = (self.unit, self.loops);
        self.unit = unit;
        self.loops = 0;
        let result = f(self);
        (self.unit, self.loops) = saved;
        result
    }

    fn stmts(&mut self, stmts: &[Stmt]) -> Check {
        stmts.iter().try_for_each(|s| self.stmt(s))
    }

    fn in_loop(&mut self, stmts: &[Stmt]) -> Check {
        self.loops += 1;
        let result = self.stmts(stmts);
        self.loops -= 1;
        result
    }

    fn arguments(&mut self, args: &Arguments, returns: Option<&Expr>) -> Check {
        args.defaults.iter().try_for_each(|e| self.expr(e))?;
        args.kw_defaults
            .iter()
            .flatten()
            .try_for_each(|e| self.expr(e))?;
        let params = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.vararg)
            .chain(&args.kwonlyargs);
        for param in params.chain(&args.kwarg) {
            if let Some(annotation) = &param.annotation {
                self.expr(annotation)?;
            }
        }
        returns.map_or(Ok(()), |r| self.expr(r))
    }

    fn stmt(&mut self, stmt: &Stmt) -> Check {
        match stmt {
            Stmt::FunctionDef {
                args,
                body,
                decorator_list,
                returns,
                ..
            } => {
                decorator_list.iter().try_for_each(|e| self.expr(e))?;
                self.arguments(args, returns.as_deref())?;
                self.nested(Unit::Function, |c| c.stmts(body))
            }
            Stmt::ClassDef {
                bases,
                keywords,
                body,
                decorator_list,
                ..
            } => {
                decorator_list.iter().try_for_each(|e| self.expr(e))?;
                self.nested(Unit::Class, |c| c.stmts(body))?;
                self.call_arguments(bases, keywords)
            }
            Stmt::Return { value, span } => {
                if self.unit != Unit::Function {
                    return Err(self.error("'return' outside function", *span));
                }
                value.as_deref().map_or(Ok(()), |v| self.expr(v))
            }
            Stmt::Delete { targets, .. } => targets.iter().try_for_each(|t| self.target(t)),
            Stmt::Assign { targets, value, .. } => {
                self.expr(value)?;
                targets.iter().try_for_each(|t| self.target(t))
            }
            Stmt::AugAssign { target, value, .. } => {
                self.target(target)?;
                self.expr(value)
            }
            Stmt::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                if let Some(value) = value {
                    self.expr(value)?;
                }
                self.target(target)?;
                self.expr(annotation)
            }
            Stmt::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(iter)?;
                self.target(target)?;
                self.in_loop(body)?;
                self.stmts(orelse)
            }
            Stmt::While {
                test, body, orelse, ..
            } => {
                self.expr(test)?;
                self.in_loop(body)?;
                self.stmts(orelse)
            }
            Stmt::If {
                test, body, orelse, ..
            } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            Stmt::With { items, body, .. } => {
                items.iter().try_for_each(|item| self.withitem(item))?;
                self.stmts(body)
            }
            Stmt::Raise { exc, cause, .. } => {
                exc.as_deref().map_or(Ok(()), |e| self.expr(e))?;
                cause.as_deref().map_or(Ok(()), |e| self.expr(e))
            }
            Stmt::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                self.stmts(body)?;
                self.stmts(orelse)?;
                for (i, handler) in handlers.iter().enumerate() {
                    if handler.type_.is_none() && i + 1 < handlers.len() {
                        return Err(self.error("default 'except:' must be last", handler.span));
                    }
                    handler.type_.as_deref().map_or(Ok(()), |t| self.expr(t))?;
                    self.stmts(&handler.body)?;
                }
                self.stmts(finalbody)
            }
            Stmt::Assert { test, msg, .. } => {
                self.expr(test)?;
                msg.as_deref().map_or(Ok(()), |m| self.expr(m))
            }
            Stmt::Expr { value, .. } => self.expr(value),
            Stmt::Break { span } if self.loops == 0 => {
                Err(self.error("'break' outside loop", *span))
            }
            Stmt::Continue { span } if self.loops == 0 => {
                Err(self.error("'continue' not properly in loop", *span))
            }
            Stmt::Import { .. }
            | Stmt::ImportFrom { .. }
            | Stmt::Global { .. }
            | Stmt::Nonlocal { .. }
            | Stmt::Pass { .. }
            | Stmt::Break { .. }
            | Stmt::Continue { .. } => Ok(()),
        }
    }

    fn withitem(&mut self, item: &Withitem) -> Check {
        self.expr(&item.context_expr)?;
        item.optional_vars
            .as_deref()
            .map_or(Ok(()), |v| self.target(v))
    }

    /// An assignment or deletion target.
    fn target(&mut self, target: &Expr) -> Check {
        match target {
            Expr::Starred { span, .. } => Err(self.error(
                "starred assignment target must be in a list or tuple",
                *span,
            )),
            Expr::Tuple {
                elts, span, ctx, ..
            }
            | Expr::List {
                elts, span, ctx, ..
            } => {
                if *ctx == ExprContext::Store
                    && elts
                        .iter()
                        .filter(|e| matches!(e, Expr::Starred { .. }))
                        .count()
                        > 1
                {
                    return Err(self.error("multiple starred expressions in assignment", *span));
                }
                for elt in elts {
                    match elt {
                        Expr::Starred { value, .. } => self.target(value)?,
                        _ => self.target(elt)?,
                    }
                }
                Ok(())
            }
            Expr::Attribute { value, .. } => self.expr(value),
            Expr::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)
            }
            _ => self.expr(target),
        }
    }

    /// CPython's `validate_keywords`, then the arguments.
    fn call_arguments(&mut self, args: &[Expr], keywords: &[Keyword]) -> Check {
        self.validate_keywords(keywords)?;
        self.elements(args)?;
        keywords.iter().try_for_each(|k| self.expr(&k.value))
    }

    /// Elements where `*x` is allowed.
    fn elements(&mut self, elts: &[Expr]) -> Check {
        for elt in elts {
            match elt {
                Expr::Starred { value, .. } => self.expr(value)?,
                _ => self.expr(elt)?,
            }
        }
        Ok(())
    }

    fn comprehension(
        &mut self,
        generators: &[super::super::ast::Comprehension],
        elts: &[&Expr],
    ) -> Check {
        self.nested(Unit::Comprehension, |c| {
            for (i, generator) in generators.iter().enumerate() {
                if i > 0 {
                    c.expr(&generator.iter)?;
                }
                c.target(&generator.target)?;
                generator.ifs.iter().try_for_each(|e| c.expr(e))?;
            }
            elts.iter().try_for_each(|e| c.expr(e))
        })?;
        self.expr(&generators[0].iter)
    }

    fn expr(&mut self, expr: &Expr) -> Check {
        match expr {
            Expr::Starred { span, ctx, .. } => {
                let msg = if *ctx == ExprContext::Store {
                    "starred assignment target must be in a list or tuple"
                } else {
                    "can't use starred expression here"
                };
                Err(self.error(msg, *span))
            }
            Expr::Yield { span, .. } | Expr::YieldFrom { span, .. }
                if matches!(self.unit, Unit::Module | Unit::Class) =>
            {
                Err(self.error("'yield' outside function", *span))
            }
            Expr::List {
                elts,
                ctx: ExprContext::Load,
                ..
            }
            | Expr::Tuple {
                elts,
                ctx: ExprContext::Load,
                ..
            }
            | Expr::Set { elts, .. } => self.elements(elts),
            Expr::List { .. } | Expr::Tuple { .. } => self.target(expr),
            Expr::Call {
                func,
                args,
                keywords,
                ..
            } => {
                self.validate_keywords(keywords)?;
                self.expr(func)?;
                self.elements(args)?;
                keywords.iter().try_for_each(|k| self.expr(&k.value))
            }
            Expr::Lambda { args, body, .. } => {
                self.arguments(args, None)?;
                self.nested(Unit::Lambda, |c| c.expr(body))
            }
            Expr::ListComp {
                elt, generators, ..
            }
            | Expr::SetComp {
                elt, generators, ..
            }
            | Expr::GeneratorExp {
                elt, generators, ..
            } => self.comprehension(generators, &[elt]),
            Expr::DictComp {
                key,
                value,
                generators,
                ..
            } => self.comprehension(generators, &[key, value]),
            _ => {
                let mut result = Ok(());
                super::super::walk::expr_children(expr, &mut |child| {
                    if result.is_ok() {
                        result = self.expr(child);
                    }
                });
                result
            }
        }
    }

    /// A keyword may not repeat (CPython checks before compiling the call).
    fn validate_keywords(&mut self, keywords: &[Keyword]) -> Check {
        for (i, keyword) in keywords.iter().enumerate() {
            let Some(name) = &keyword.arg else { continue };
            if let Some(other) = keywords[i + 1..]
                .iter()
                .find(|k| k.arg.as_ref() == Some(name))
            {
                return Err(self.error(format!("keyword argument repeated: {name}"), other.span));
            }
        }
        Ok(())
    }
}
