//! The second pass of the symbol table: each name's scope (CPython's `analyze_block`).

use std::collections::HashSet;
use std::rc::Rc;

use super::flags::*;
use super::{BlockId, BlockKind, Scope, SymbolTable};
use crate::compile::error::error_at;
use crate::compile::SyntaxError;

type Names = HashSet<Rc<str>>;

/// Resolves the scope of every name in every block.
pub(super) fn analyze(table: &mut SymbolTable) -> Result<(), SyntaxError> {
    let mut free = Names::new();
    let mut global = Names::new();
    analyze_block(table, 0, None, &mut free, &mut global)
}

fn analyze_block(
    table: &mut SymbolTable,
    id: BlockId,
    mut bound: Option<&mut Names>,
    free: &mut Names,
    global: &mut Names,
) -> Result<(), SyntaxError> {
    let kind = table.blocks[id].kind;
    let mut local = Names::new();
    let mut newglobal = Names::new();
    let mut newfree = Names::new();
    let mut newbound = Names::new();
    if kind == BlockKind::Class {
        newglobal.extend(global.iter().cloned());
        if let Some(bound) = bound.as_deref() {
            newbound.extend(bound.iter().cloned());
        }
    }
    let symbols = table.blocks[id].symbols.clone();
    for (name, flags) in &symbols {
        let scope = analyze_name(
            table,
            id,
            name,
            *flags,
            bound.as_deref_mut(),
            &mut local,
            free,
            global,
        )?;
        table.blocks[id].scopes.insert(name.clone(), scope);
    }
    if kind != BlockKind::Class {
        if kind == BlockKind::Function {
            newbound.extend(local.iter().cloned());
        }
        if let Some(bound) = bound.as_deref() {
            newbound.extend(bound.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    } else {
        newbound.insert("__class__".into());
    }

    let mut allfree = Names::new();
    let children = table.blocks[id].children.clone();
    for child in children {
        let mut temp_bound = newbound.clone();
        let mut temp_free = newfree.clone();
        let mut temp_global = newglobal.clone();
        analyze_block(
            table,
            child,
            Some(&mut temp_bound),
            &mut temp_free,
            &mut temp_global,
        )?;
        allfree.extend(temp_free);
        let c = &table.blocks[child];
        if c.free || c.child_free {
            table.blocks[id].child_free = true;
        }
    }
    newfree.extend(allfree);

    let block = &mut table.blocks[id];
    match kind {
        BlockKind::Function => {
            // Locals that children use freely become cells.
            for (name, scope) in block.scopes.iter_mut() {
                if *scope == Scope::Local && newfree.remove(name) {
                    *scope = Scope::Cell;
                }
            }
        }
        BlockKind::Class => {
            if newfree.remove("__class__") {
                block.needs_class_closure = true;
            }
        }
        BlockKind::Module => {}
    }

    // Free names of children that this block does not bind pass through it.
    let mut sorted: Vec<&Rc<str>> = newfree.iter().collect();
    sorted.sort();
    for name in sorted {
        let flags = block.flags(name);
        if block.scopes.contains_key(name) {
            if kind == BlockKind::Class && flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                block.set_flags(name, flags | DEF_FREE_CLASS);
            }
            continue;
        }
        if let Some(bound) = bound.as_deref() {
            if !bound.contains(name) {
                continue;
            }
        }
        block.set_flags(name, 0);
        block.scopes.insert(name.clone(), Scope::Free);
    }
    free.extend(newfree);
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn analyze_name(
    table: &mut SymbolTable,
    id: BlockId,
    name: &Rc<str>,
    flags: u32,
    bound: Option<&mut Names>,
    local: &mut Names,
    free: &mut Names,
    global: &mut Names,
) -> Result<Scope, SyntaxError> {
    let block = &mut table.blocks[id];
    let directive_error = |msg: String| {
        let span = block.directive(name).unwrap_or(block.span);
        error_at(msg, span)
    };
    if flags & DEF_GLOBAL != 0 {
        if flags & DEF_NONLOCAL != 0 {
            return Err(directive_error(format!(
                "name '{name}' is nonlocal and global"
            )));
        }
        global.insert(name.clone());
        if let Some(bound) = bound {
            bound.remove(name);
        }
        return Ok(Scope::GlobalExplicit);
    }
    if flags & DEF_NONLOCAL != 0 {
        let Some(bound) = bound else {
            return Err(directive_error(
                "nonlocal declaration not allowed at module level".into(),
            ));
        };
        if !bound.contains(name) {
            return Err(directive_error(format!(
                "no binding for nonlocal '{name}' found"
            )));
        }
        block.free = true;
        free.insert(name.clone());
        return Ok(Scope::Free);
    }
    if flags & DEF_BOUND != 0 {
        local.insert(name.clone());
        global.remove(name);
        return Ok(Scope::Local);
    }
    if let Some(bound) = bound.as_deref() {
        if bound.contains(name) {
            block.free = true;
            free.insert(name.clone());
            return Ok(Scope::Free);
        }
    }
    if global.contains(name) {
        return Ok(Scope::GlobalImplicit);
    }
    if block.nested {
        block.free = true;
    }
    Ok(Scope::GlobalImplicit)
}
