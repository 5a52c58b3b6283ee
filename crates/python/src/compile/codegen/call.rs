//! Calls and dict displays.

use super::display::Display;
use super::{const_value, Compiler, Result, STACK_USE_GUIDELINE};
use crate::compile::bytecode::{Const, Instr};
use crate::compile::fold::is_constant;
use crate::syntax::ast::{Expr, ExprContext, Keyword};

impl<'a> Compiler<'a> {
    /// `func(args, keywords)` (CPython's `compiler_call`).
    #[inline(never)]
    pub(super) fn call(
        &mut self,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Result {
        self.validate_keywords(keywords)?;
        if self.method_call(func, args, keywords)? {
            return Ok(());
        }
        self.check_caller(func);
        match func {
            Expr::Name {
                id,
                ctx: ExprContext::Load,
                span,
            } if self.is_global_load(id) => {
                let saved = self.u().pos;
                self.set_loc(*span);
                let name = self.attr_name(id);
                self.emit(Instr::LoadGlobal {
                    name,
                    push_null: true,
                });
                self.u().pos = saved;
            }
            _ => {
                let saved = self.u().pos;
                self.set_loc(func.span());
                self.emit(Instr::PushNull);
                self.u().pos = saved;
                self.expr(func)?;
            }
        }
        self.call_helper(0, args, keywords)
    }

    /// `o.m(args)` with plain arguments: `o; LoadMethod(m); args; Call(n)`.
    fn method_call(
        &mut self,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Result<bool> {
        let Expr::Attribute {
            value,
            attr,
            ctx: ExprContext::Load,
            span,
        } = func
        else {
            return Ok(false);
        };
        // Not for a module imported at the top level (`sys.getrefcount(x)`).
        if let Expr::Name { id, .. } = &**value {
            if self.table.blocks[0].flags(id) & crate::compile::symtable::flags::DEF_IMPORT != 0 {
                return Ok(false);
            }
        }
        let nkw = keywords.len();
        if args.len() + nkw + usize::from(nkw != 0) >= STACK_USE_GUIDELINE
            || args.iter().any(|a| matches!(a, Expr::Starred { .. }))
            || keywords.iter().any(|k| k.arg.is_none())
        {
            return Ok(false);
        }
        self.expr(value)?;
        let call_pos = self.u().pos;
        self.set_loc(*span);
        self.match_attr_start(attr, *span);
        let i = self.attr_name(attr);
        self.emit(Instr::LoadMethod(i));
        for a in args {
            self.expr(a)?;
        }
        if nkw > 0 {
            for k in keywords {
                self.expr(&k.value)?;
            }
            self.kw_names(keywords);
        }
        self.u().pos = call_pos;
        self.match_attr_start(attr, *span);
        self.emit(Instr::Call((args.len() + nkw) as u32));
        Ok(true)
    }

    /// `KwNames` with the names of `keywords`.
    fn kw_names(&mut self, keywords: &[Keyword]) {
        let names = keywords
            .iter()
            .map(|k| Const::Str(k.arg.as_deref().unwrap_or("").into()))
            .collect();
        let i = self.u().add_const(Const::Tuple(names));
        self.emit(Instr::KwNames(i));
    }

    /// The arguments of a call whose callable (and `NULL` or `self`) is on the stack, plus
    /// `pushed` arguments already there (CPython's `compiler_call_helper`).
    pub(super) fn call_helper(
        &mut self,
        pushed: u32,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Result {
        self.validate_keywords(keywords)?;
        let n = args.len();
        let nkw = keywords.len();
        let simple = n + nkw * 2 <= STACK_USE_GUIDELINE
            && !args.iter().any(|a| matches!(a, Expr::Starred { .. }))
            && !keywords.iter().any(|k| k.arg.is_none());
        if simple {
            for a in args {
                self.expr(a)?;
            }
            if nkw > 0 {
                for k in keywords {
                    self.expr(&k.value)?;
                }
                self.kw_names(keywords);
            }
            self.emit(Instr::Call(pushed + (n + nkw) as u32));
            return Ok(());
        }
        // Positional arguments as one tuple (a lone `*x` is passed as it is).
        match args {
            [Expr::Starred { value, .. }] if pushed == 0 => self.expr(value)?,
            _ => self.starunpack(args, pushed, Display::List, true)?,
        }
        if nkw > 0 {
            let mut have_dict = false;
            let mut seen = 0;
            for (i, k) in keywords.iter().enumerate() {
                if k.arg.is_none() {
                    if seen > 0 {
                        self.subkwargs(&keywords[i - seen..i])?;
                        if have_dict {
                            self.emit(Instr::DictMerge(1));
                        }
                        have_dict = true;
                        seen = 0;
                    }
                    if !have_dict {
                        self.emit(Instr::BuildMap(0));
                        have_dict = true;
                    }
                    self.expr(&k.value)?;
                    self.emit(Instr::DictMerge(1));
                } else {
                    seen += 1;
                }
            }
            if seen > 0 {
                self.subkwargs(&keywords[nkw - seen..])?;
                if have_dict {
                    self.emit(Instr::DictMerge(1));
                }
            }
        }
        self.emit(Instr::CallFunctionEx {
            has_kwargs: nkw > 0,
        });
        Ok(())
    }

    /// "keyword argument repeated: x".
    fn validate_keywords(&self, keywords: &[Keyword]) -> Result {
        for (i, k) in keywords.iter().enumerate() {
            let Some(name) = &k.arg else { continue };
            self.forbidden_name(name, ExprContext::Store)?;
            if keywords[i + 1..]
                .iter()
                .any(|o| o.arg.as_ref() == Some(name))
            {
                let dup = keywords[i + 1..]
                    .iter()
                    .find(|o| o.arg.as_ref() == Some(name));
                let span = dup.map_or(k.span, |d| d.span);
                return Err(crate::compile::error::error_at(
                    format!("keyword argument repeated: {name}"),
                    span,
                ));
            }
        }
        Ok(())
    }

    /// A dict of keyword arguments `k1=v1, ...`.
    fn subkwargs(&mut self, keywords: &'a [Keyword]) -> Result {
        let big = keywords.len() * 2 > STACK_USE_GUIDELINE;
        if big {
            self.emit(Instr::BuildMap(0));
        }
        for k in keywords {
            self.u()
                .load_const(Const::Str(k.arg.as_deref().unwrap_or("").into()));
            self.expr(&k.value)?;
            if big {
                self.emit(Instr::MapAdd(1));
            }
        }
        if !big {
            self.emit(Instr::BuildMap(keywords.len() as u32));
        }
        Ok(())
    }

    /// `{k: v, **m}` (CPython's `compiler_dict`).
    pub(super) fn dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> Result {
        let n = values.len();
        let mut have_dict = false;
        let mut elements = 0;
        for i in 0..n {
            if keys[i].is_none() {
                if elements > 0 {
                    self.subdict(keys, values, i - elements, i)?;
                    if have_dict {
                        self.emit(Instr::DictUpdate(1));
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.emit(Instr::BuildMap(0));
                    have_dict = true;
                }
                self.expr(&values[i])?;
                self.emit(Instr::DictUpdate(1));
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.subdict(keys, values, i - elements, i + 1)?;
                if have_dict {
                    self.emit(Instr::DictUpdate(1));
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(keys, values, n - elements, n)?;
            if have_dict {
                self.emit(Instr::DictUpdate(1));
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit(Instr::BuildMap(0));
        }
        Ok(())
    }

    fn subdict(
        &mut self,
        keys: &'a [Option<Expr>],
        values: &'a [Expr],
        begin: usize,
        end: usize,
    ) -> Result {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        if big {
            self.emit(Instr::BuildMap(0));
        }
        for i in begin..end {
            if let Some(k) = &keys[i] {
                if is_constant(k) {
                    let saved = self.u().pos;
                    self.set_loc(k.span());
                    let c = const_value(k).unwrap_or(Const::None);
                    self.u().load_source_const(c);
                    self.u().pos = saved;
                } else {
                    self.expr(k)?;
                }
            }
            self.expr(&values[i])?;
            if big {
                self.emit(Instr::MapAdd(1));
            }
        }
        if !big {
            self.emit(Instr::BuildMap(n as u32));
        }
        Ok(())
    }
}
