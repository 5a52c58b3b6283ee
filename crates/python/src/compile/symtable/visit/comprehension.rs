//! Comprehensions in the symbol table: their own blocks, and `:=` binding in the
//! enclosing scope.

use super::super::flags::*;
use super::super::{BlockKind, CompKind};
use super::{at, Builder, Result};
use crate::syntax::ast::{Comprehension, Expr, Span};

impl Builder {
    pub(super) fn comprehension(
        &mut self,
        node: &Expr,
        kind: CompKind,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
        span: Span,
    ) -> Result {
        let Some(outermost) = generators.first() else {
            return Ok(());
        };
        self.cur().comp_iter_expr += 1;
        self.expr(&outermost.iter)?;
        self.cur().comp_iter_expr -= 1;
        let parent = self.cur;
        self.enter(BlockKind::Function, node, span);
        self.cur().comprehension = Some(kind);
        self.add_def(".0", DEF_PARAM, span)?;
        self.cur().comp_iter_target = true;
        self.expr(&outermost.target)?;
        self.cur().comp_iter_target = false;
        self.exprs(&outermost.ifs)?;
        for gen in &generators[1..] {
            self.cur().comp_iter_target = true;
            self.expr(&gen.target)?;
            self.cur().comp_iter_target = false;
            self.cur().comp_iter_expr += 1;
            self.expr(&gen.iter)?;
            self.cur().comp_iter_expr -= 1;
            self.exprs(&gen.ifs)?;
        }
        if let Some(value) = value {
            self.expr(value)?;
        }
        self.expr(elt)?;
        if kind == CompKind::Generator {
            self.cur().generator = true;
        }
        self.cur = parent;
        Ok(())
    }

    /// `:=` in a comprehension binds in the nearest enclosing function or module.
    pub(super) fn extend_namedexpr_scope(&mut self, target: &Expr) -> Result {
        let Expr::Name { id, span, .. } = target else {
            return Ok(());
        };
        let mut chain = vec![self.cur];
        let mut b = self.cur;
        while let Some(parent) = self.blocks[b].parent {
            chain.push(parent);
            b = parent;
        }
        for &block in &chain {
            let ste = &self.blocks[block];
            if ste.comprehension.is_some() {
                if ste.flags(id) & DEF_COMP_ITER != 0 {
                    return Err(at(
                        format!(
                            "assignment expression cannot rebind comprehension iteration \
                             variable '{id}'"
                        ),
                        *span,
                    ));
                }
                continue;
            }
            match ste.kind {
                BlockKind::Function => {
                    let flag = if ste.flags(id) & DEF_GLOBAL != 0 {
                        DEF_GLOBAL
                    } else {
                        DEF_NONLOCAL
                    };
                    self.add_def(id, flag, *span)?;
                    self.cur().directives.push((id.as_str().into(), *span));
                    return self.add_def_in(block, id, DEF_LOCAL, *span);
                }
                BlockKind::Module => {
                    self.add_def(id, DEF_GLOBAL, *span)?;
                    self.cur().directives.push((id.as_str().into(), *span));
                    return self.add_def_in(block, id, DEF_GLOBAL, *span);
                }
                BlockKind::Class => {
                    return Err(at(
                        "assignment expression within a comprehension cannot be used in a \
                         class body"
                            .into(),
                        *span,
                    ));
                }
            }
        }
        Ok(())
    }
}
