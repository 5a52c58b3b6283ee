//! Loading compiled code onto the heap: code objects with their constants, one object per
//! distinct constant of a module (as CPython's compiler merges them), and the main program's
//! written literals held by the parser's arena while its code runs.

use std::rc::Rc;

use weaklink_heap::{Body, Cause, Kind, ObjId, Record};

use super::types::Tag;
use super::Vm;
use crate::compile::{const_key, CodeObject, Const, ConstKey};

/// The constants of one compiled module while it is loaded.
#[derive(Default)]
struct UnitConsts {
    /// The object made for each constant value (borrowed: the code objects hold them).
    objects: weaklink_heap::FastMap<ConstKey, ObjId>,
    /// The constants written in the source, with the items of written tuples.
    written: Vec<Const>,
}

impl UnitConsts {
    fn add_written(&mut self, c: &Const) {
        if let Const::Tuple(items) = c {
            for item in items {
                self.add_written(item);
            }
        }
        if matches!(
            c,
            Const::Int(_) | Const::BigInt(_) | Const::Float(_) | Const::Str(_) | Const::Tuple(_)
        ) {
            self.written.push(c.clone());
        }
    }
}

impl Vm {
    /// Loads a compiled module (and the code nested in it) onto the heap, returning its
    /// index. Equal constants of the whole module are one object, as CPython's compiler
    /// merges them across the module's code objects.
    pub(crate) fn load_code(&mut self, code: Rc<CodeObject>) -> usize {
        let mut unit = UnitConsts::default();
        self.load_code_in(code, &mut unit)
    }

    /// [`Vm::load_code`] for the main program: the objects of the constants written in its
    /// source are also held by [`Vm::arena`] while it runs, as CPython's parser arena holds
    /// them until the main module's code has finished.
    pub(crate) fn load_main_code(&mut self, code: Rc<CodeObject>) -> usize {
        let mut unit = UnitConsts::default();
        let index = self.load_code_in(code, &mut unit);
        let mut held = Vec::new();
        for c in &unit.written {
            let Some(&obj) = unit.objects.get(&const_key(c)) else {
                continue;
            };
            if !held.contains(&obj) {
                held.push(obj);
            }
        }
        for obj in held {
            self.heap.incref(obj, Cause::Other);
            self.arena.push(obj);
        }
        index
    }

    /// Lets go of what [`Vm::load_main_code`] made the arena hold.
    pub(crate) fn free_arena(&mut self) {
        for obj in std::mem::take(&mut self.arena) {
            self.release(obj);
        }
    }

    fn load_code_in(&mut self, code: Rc<CodeObject>, unit: &mut UnitConsts) -> usize {
        let mut consts = Vec::with_capacity(code.consts.len());
        for c in &code.consts {
            let obj = self.const_object(c, unit);
            consts.push(obj);
        }
        for c in &code.source_consts {
            unit.add_written(c);
        }
        let names: Rc<[weaklink_heap::Name]> = code.names.iter().map(|n| self.intern(n)).collect();
        let index = self.codes.len();
        let obj = self.heap.alloc_owning(Body::Record(Record {
            kind: Kind::Code,
            refs: consts.iter().map(|&c| Some(c)).collect(),
            data: Tag::Plain.data(index as u64),
            has_finalizer: false,
        }));
        self.settle();
        let instrs = code.instrs.as_slice().into();
        self.codes.push(super::LoadedCode {
            code,
            instrs,
            obj,
            consts: consts.into(),
            names,
        });
        index
    }

    /// The object of constant `c` (a new reference): the module's existing one if an equal
    /// constant was made before.
    fn const_object(&mut self, c: &Const, unit: &mut UnitConsts) -> ObjId {
        let key = match c {
            Const::Int(_)
            | Const::BigInt(_)
            | Const::Float(_)
            | Const::Str(_)
            | Const::Tuple(_) => {
                let key = const_key(c);
                if let Some(&obj) = unit.objects.get(&key) {
                    return self.newref(obj);
                }
                Some(key)
            }
            _ => None,
        };
        let obj = match c {
            Const::None => self.new_none(),
            Const::Bool(b) => self.new_bool(*b),
            Const::Int(i) => self.new_int(*i),
            Const::BigInt(digits) => {
                let (negative, digits) = match digits.strip_prefix('-') {
                    Some(rest) => (true, rest),
                    None => (false, &**digits),
                };
                let value = crate::text::BigInt::parse_digits(negative, digits, 10)
                    .unwrap_or_else(|_| crate::text::BigInt::zero());
                self.new_big(value)
            }
            Const::Float(f) => self.new_float(*f),
            Const::Str(s) => self.new_str(s),
            Const::Tuple(items) => {
                let objs = items.iter().map(|i| self.const_object(i, unit)).collect();
                self.new_tuple(objs)
            }
            Const::Ellipsis => self.newref(self.ellipsis),
            Const::Code(code) => {
                let index = self.load_code_in(code.clone(), unit);
                self.newref(self.codes[index].obj)
            }
        };
        if let Some(key) = key {
            unit.objects.insert(key, obj);
        }
        obj
    }
}
