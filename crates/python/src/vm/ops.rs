//! Operators: arithmetic, comparison, truth, hashing and equality, with user special
//! methods and CPython's error messages.

use weaklink_heap::{Body, Kind, Name, ObjId};

use super::hashing::{float_hash, int_hash, str_hash, tuple_hash};
use super::proxy::through_proxy;
use super::{PyResult, Vm};
use crate::compile::{BinOp, CmpOp, UnaryOp};

/// The special method names of a binary operator: (normal, reflected, in place, symbol).
fn binop_names(op: BinOp) -> (&'static str, &'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__", "+"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__", "-"),
        BinOp::Mul => ("__mul__", "__rmul__", "__imul__", "*"),
        BinOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__", "/"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__", "//"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__", "%"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__", "** or pow()"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__", "<<"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__", ">>"),
        BinOp::And => ("__and__", "__rand__", "__iand__", "&"),
        BinOp::Or => ("__or__", "__ror__", "__ior__", "|"),
        BinOp::Xor => ("__xor__", "__rxor__", "__ixor__", "^"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__", "@"),
    }
}

/// Whether an arithmetic operator applies to two numbers: `@` never does, and the
/// shifts and bitwise operators only to ints.
fn numbers_support(op: BinOp, x: Num, y: Num) -> bool {
    match op {
        BinOp::MatMul => false,
        BinOp::LShift | BinOp::RShift | BinOp::And | BinOp::Or | BinOp::Xor => {
            matches!((x, y), (Num::Int(_), Num::Int(_)))
        }
        _ => true,
    }
}

/// A number, for arithmetic.
#[derive(Copy, Clone)]
enum Num {
    Int(i64),
    Float(f64),
}

impl Vm {
    fn num(&self, obj: ObjId) -> Option<Num> {
        match self.heap.body(obj) {
            Body::Int(v) => Some(Num::Int(*v)),
            Body::Bool(b) => Some(Num::Int(i64::from(*b))),
            Body::Float(f) => Some(Num::Float(*f)),
            Body::Instance(inst) => match inst.base.as_deref() {
                Some(Body::Int(v)) => Some(Num::Int(*v)),
                Some(Body::Float(f)) => Some(Num::Float(*f)),
                _ => None,
            },
            _ => None,
        }
    }

    /// Calls a special method defined in Python on `obj`'s class, if there is one.
    pub(crate) fn call_special(
        &mut self,
        obj: ObjId,
        name: &'static str,
        args: &[ObjId],
    ) -> Option<PyResult<ObjId>> {
        let class = self.type_of(obj);
        if !self.is_user_class(class) || self.skip_user_special(obj) {
            return None;
        }
        let name: Name = self.intern_static(name);
        let method = self.lookup_user(class, name)?;
        Some(self.call_descriptor(method, obj, args))
    }

    /// `a op b` (or `a op= b`).
    pub(crate) fn binary_op(
        &mut self,
        op: BinOp,
        inplace: bool,
        a: ObjId,
        b: ObjId,
    ) -> PyResult<ObjId> {
        through_proxy!(self, a, self.binary_op(op, inplace, a, b));
        through_proxy!(self, b, self.binary_op(op, inplace, a, b));
        let numbers = self
            .num(a)
            .zip(self.num(b))
            .filter(|&(x, y)| numbers_support(op, x, y));
        let (class_a, class_b) = (self.type_of(a), self.type_of(b));
        let user_a = self.is_user_class(class_a);
        let user_b = self.is_user_class(class_b);
        if let Some((x, y)) = numbers.filter(|_| !user_a && !user_b) {
            return self.numeric_op(op, x, y);
        }
        if let Some(result) = self.long_operands(op, a, b) {
            return result;
        }
        let (name, rname, iname, _) = binop_names(op);
        if inplace {
            if let Some(r) = self.try_special(a, iname, b)? {
                return Ok(r);
            }
            if let Some(r) = self.builtin_inplace(op, a, b)? {
                return Ok(r);
            }
        }
        // A subclass's reflected method goes first when it overrides it (`1 + MyInt(2)`).
        let reflected_first =
            user_b && class_a != class_b && self.is_subclass(class_b, class_a) && {
                let rname = self.intern(rname);
                self.lookup_user(class_b, rname).is_some()
            };
        if reflected_first {
            if let Some(r) = self.try_special(b, rname, a)? {
                return Ok(r);
            }
        }
        if let Some(r) = self.try_special(a, name, b)? {
            return Ok(r);
        }
        if let Some((x, y)) = numbers {
            // Subclasses of int and float compute as their base does.
            return self.numeric_op(op, x, y);
        }
        if let Some(r) = self.builtin_binary(op, a, b)? {
            return Ok(r);
        }
        if !reflected_first {
            if let Some(r) = self.try_special(b, rname, a)? {
                return Ok(r);
            }
        }
        let message = self.operand_error(op, inplace, a, b);
        self.type_error(message)
    }

    /// Calls a special method defined in Python with one argument; `None` when there is none
    /// or it returned `NotImplemented`.
    fn try_special(
        &mut self,
        obj: ObjId,
        name: &'static str,
        other: ObjId,
    ) -> PyResult<Option<ObjId>> {
        let Some(result) = self.call_special(obj, name, &[other]) else {
            return Ok(None);
        };
        let r = result?;
        if r == self.not_implemented {
            self.release(r);
            return Ok(None);
        }
        Ok(Some(r))
    }

    /// CPython's message when no operand handles a binary operator: sequences say they
    /// only concatenate their own type or repeat by an int.
    fn operand_error(&self, op: BinOp, inplace: bool, a: ObjId, b: ObjId) -> String {
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        let is_sequence = |obj| matches!(self.base_kind(obj), Kind::Str | Kind::List | Kind::Tuple);
        match op {
            BinOp::Add if is_sequence(a) => {
                let seq = match self.base_kind(a) {
                    Kind::Str => "str",
                    Kind::List => "list",
                    _ => "tuple",
                };
                return format!("can only concatenate {seq} (not \"{tb}\") to {seq}");
            }
            BinOp::Mul if is_sequence(a) => {
                return format!("can't multiply sequence by non-int of type '{tb}'");
            }
            BinOp::Mul if is_sequence(b) => {
                return format!("can't multiply sequence by non-int of type '{ta}'");
            }
            _ => {}
        }
        let (_, _, _, symbol) = binop_names(op);
        let symbol = match (inplace, op) {
            (true, BinOp::Pow) => "**=".to_string(),
            (true, _) => format!("{symbol}="),
            (false, _) => symbol.to_string(),
        };
        format!("unsupported operand type(s) for {symbol}: '{ta}' and '{tb}'")
    }

    fn numeric_op(&mut self, op: BinOp, x: Num, y: Num) -> PyResult<ObjId> {
        use crate::text::{self as t, PowResult};
        match (x, y) {
            (Num::Int(a), Num::Int(b)) => {
                let result = match op {
                    BinOp::Add => t::int_add(a, b),
                    BinOp::Sub => t::int_sub(a, b),
                    BinOp::Mul => t::int_mul(a, b),
                    BinOp::FloorDiv => t::int_floordiv(a, b),
                    BinOp::Mod => t::int_mod(a, b),
                    BinOp::LShift => t::int_lshift(a, b),
                    BinOp::RShift => t::int_rshift(a, b),
                    BinOp::And => Ok(a & b),
                    BinOp::Or => Ok(a | b),
                    BinOp::Xor => Ok(a ^ b),
                    BinOp::TrueDiv => {
                        let f = self.text_result(t::int_truediv(a, b))?;
                        return Ok(self.new_float(f));
                    }
                    BinOp::Pow => match t::int_pow(a, b) {
                        Ok(PowResult::Int(i)) => Ok(i),
                        Ok(PowResult::Float(f)) => return Ok(self.new_float(f)),
                        Err(e) => Err(e),
                    },
                    BinOp::MatMul => {
                        return self
                            .type_error("unsupported operand type(s) for @: 'int' and 'int'")
                    }
                };
                let v = match result {
                    Err(e) if super::ops_big::is_int_overflow(&e) => {
                        let (a, b) = (t::BigInt::from_i64(a), t::BigInt::from_i64(b));
                        return self.big_binary(op, a, b);
                    }
                    r => self.text_result(r)?,
                };
                Ok(self.new_int(v))
            }
            (x, y) => {
                let as_float = |n| match n {
                    Num::Int(i) => i as f64,
                    Num::Float(f) => f,
                };
                let (a, b) = (as_float(x), as_float(y));
                let result = match op {
                    BinOp::Add => Ok(a + b),
                    BinOp::Sub => Ok(a - b),
                    BinOp::Mul => Ok(a * b),
                    BinOp::TrueDiv => t::float_div(a, b),
                    BinOp::FloorDiv => t::float_floordiv(a, b),
                    BinOp::Mod => t::float_mod(a, b),
                    BinOp::Pow => t::float_pow(a, b),
                    _ => {
                        let (_, _, _, symbol) = binop_names(op);
                        let ta = if matches!(x, Num::Int(_)) {
                            "int"
                        } else {
                            "float"
                        };
                        let tb = if matches!(y, Num::Int(_)) {
                            "int"
                        } else {
                            "float"
                        };
                        return self.type_error(format!(
                            "unsupported operand type(s) for {symbol}: '{ta}' and '{tb}'"
                        ));
                    }
                };
                let v = self.text_result(result)?;
                Ok(self.new_float(v))
            }
        }
    }

    /// `-x`, `+x`, `~x`, `not x`.
    pub(crate) fn unary_op(&mut self, op: UnaryOp, v: ObjId) -> PyResult<ObjId> {
        if op == UnaryOp::Not {
            let t = self.truthy(v)?;
            return Ok(self.new_bool(!t));
        }
        if let Some(result) = self.long_unary(op, v) {
            return result;
        }
        match (op, self.num(v)) {
            (UnaryOp::Neg, Some(Num::Int(i))) if i == i64::MIN => {
                Ok(self.new_big(crate::text::BigInt::from_i64(i).negated()))
            }
            (UnaryOp::Neg, Some(Num::Int(i))) => Ok(self.new_int(-i)),
            (UnaryOp::Neg, Some(Num::Float(f))) => Ok(self.new_float(-f)),
            (UnaryOp::Pos, Some(Num::Int(i))) => Ok(self.new_int(i)),
            (UnaryOp::Pos, Some(Num::Float(f))) => Ok(self.new_float(f)),
            (UnaryOp::Invert, Some(Num::Int(i))) => Ok(self.new_int(!i)),
            _ => {
                let (name, symbol) = match op {
                    UnaryOp::Neg => ("__neg__", "-"),
                    UnaryOp::Pos => ("__pos__", "+"),
                    _ => ("__invert__", "~"),
                };
                if let Some(r) = self.call_special(v, name, &[]) {
                    return r;
                }
                let t = self.type_name(v);
                self.type_error(format!("bad operand type for unary {symbol}: '{t}'"))
            }
        }
    }

    /// Truth value (`bool(x)`), calling `__bool__`/`__len__` of Python classes.
    pub(crate) fn truthy(&mut self, v: ObjId) -> PyResult<bool> {
        through_proxy!(self, v, self.truthy(v));
        match self.heap.body(v) {
            Body::None => return Ok(false),
            Body::Bool(b) => return Ok(*b),
            Body::Int(i) => return Ok(*i != 0),
            Body::Long(_) => return Ok(true),
            Body::Float(f) => return Ok(*f != 0.0),
            Body::Str(s) => return Ok(!s.is_empty()),
            Body::Tuple(t) => return Ok(!t.is_empty()),
            Body::List(l) => return Ok(!l.items.is_empty()),
            Body::Dict(d) => return Ok(!d.is_empty()),
            Body::Set(s) => return Ok(!s.entries.is_empty()),
            _ => {}
        }
        if let Some(r) = self.call_special(v, "__bool__", &[]) {
            let r = r?;
            let b = self.heap.body(r).clone();
            self.release(r);
            return match b {
                Body::Bool(b) => Ok(b),
                _ => self.type_error("__bool__ should return bool"),
            };
        }
        if let Some(r) = self.call_special(v, "__len__", &[]) {
            let r = r?;
            let n = self.as_int(r).unwrap_or(0);
            self.release(r);
            return Ok(n != 0);
        }
        match self.base_kind(v) {
            Kind::List | Kind::Dict | Kind::Tuple | Kind::Str | Kind::Set => {
                Ok(self.len_of(v)? != 0)
            }
            _ => Ok(true),
        }
    }

    /// `hash(obj)`.
    pub(crate) fn hash(&mut self, obj: ObjId) -> PyResult<i64> {
        match self.heap.body(obj) {
            Body::Int(i) => return Ok(int_hash(*i)),
            Body::Long(_) => return Ok(self.big_value(obj).expect("an int").hash()),
            Body::Bool(b) => return Ok(i64::from(*b)),
            Body::Float(f) => return Ok(float_hash(*f)),
            Body::Str(s) => return Ok(str_hash(s)),
            Body::None => return Ok(0x10_0000 + 0x5f3),
            Body::Tuple(items) => {
                let items = items.clone();
                let mut hashes = Vec::with_capacity(items.len());
                for item in items {
                    hashes.push(self.hash(item)?);
                }
                return Ok(tuple_hash(&hashes));
            }
            Body::List(_) | Body::Dict(_) => {
                let t = self.type_name(obj);
                return self.type_error(format!("unhashable type: '{t}'"));
            }
            Body::Set(s) if !s.frozen => return self.type_error("unhashable type: 'set'"),
            Body::WeakRef(_) => return self.weakref_hash(obj),
            _ => {}
        }
        if let Some((func, this)) = self.method_parts_of(obj) {
            let h = (i64::from(this.index()) * 16 + 0x7f00_0000) ^ self.hash(func)?;
            return Ok(if h == -1 { -2 } else { h });
        }
        let class = self.type_of(obj);
        if self.is_user_class(class) && !self.skip_user_special(obj) {
            let hash_name = self.special.hash;
            let eq_name = self.special.eq;
            match self.lookup_user(class, hash_name) {
                Some(h) if self.is_none(h) => {
                    let t = self.type_name(obj);
                    return self.type_error(format!("unhashable type: '{t}'"));
                }
                Some(h) => {
                    let r = self.call_descriptor(h, obj, &[])?;
                    let v = self.as_int(r);
                    self.release(r);
                    return match v {
                        // A result that fits a machine word is the hash itself.
                        Some(v) => Ok(if v == -1 { -2 } else { v }),
                        None => self.type_error("__hash__ method should return an integer"),
                    };
                }
                None if self.lookup_user(class, eq_name).is_some() => {
                    let t = self.type_name(obj);
                    return self.type_error(format!("unhashable type: '{t}'"));
                }
                None => {}
            }
            if let Some(v) = self.as_str(obj) {
                return Ok(str_hash(v));
            }
            if let Some(v) = self.as_int(obj) {
                return Ok(int_hash(v));
            }
        }
        // Identity hash: CPython uses the address, shifted.
        Ok(i64::from(obj.index()) * 16 + 0x7f00_0000)
    }

    /// The function and the object of a bound method.
    fn method_parts_of(&self, obj: ObjId) -> Option<(ObjId, ObjId)> {
        match self.heap.body(obj) {
            Body::Record(r) if r.kind == Kind::Method => Some((r.refs[0]?, r.refs[1]?)),
            _ => None,
        }
    }

    /// `a == b`, as a Rust bool (for containers).
    pub(crate) fn eq(&mut self, a: ObjId, b: ObjId) -> PyResult<bool> {
        if a == b {
            return Ok(true);
        }
        let r = self.compare(CmpOp::Eq, a, b)?;
        let t = self.truthy(r);
        self.release(r);
        t
    }

    /// A rich comparison.
    pub(crate) fn compare(&mut self, op: CmpOp, a: ObjId, b: ObjId) -> PyResult<ObjId> {
        through_proxy!(self, a, self.compare(op, a, b));
        through_proxy!(self, b, self.compare(op, a, b));
        let user_a = self.is_user_class(self.type_of(a));
        let user_b = self.is_user_class(self.type_of(b));
        if user_a || user_b {
            let (name, reflected) = match op {
                CmpOp::Eq => ("__eq__", "__eq__"),
                CmpOp::Ne => ("__ne__", "__ne__"),
                CmpOp::Lt => ("__lt__", "__gt__"),
                CmpOp::Le => ("__le__", "__ge__"),
                CmpOp::Gt => ("__gt__", "__lt__"),
                CmpOp::Ge => ("__ge__", "__le__"),
            };
            if let Some(r) = self.call_special(a, name, &[b]) {
                let r = r?;
                if r != self.not_implemented {
                    return Ok(r);
                }
                self.release(r);
            } else if op == CmpOp::Ne {
                if let Some(r) = self.call_special(a, "__eq__", &[b]) {
                    let r = r?;
                    if r != self.not_implemented {
                        let t = self.truthy(r);
                        self.release(r);
                        return Ok(self.new_bool(!t?));
                    }
                    self.release(r);
                }
            }
            if let Some(r) = self.call_special(b, reflected, &[a]) {
                let r = r?;
                if r != self.not_implemented {
                    return Ok(r);
                }
                self.release(r);
            }
        }
        match self.builtin_compare(op, a, b)? {
            Some(result) => Ok(self.new_bool(result)),
            None => match op {
                CmpOp::Eq => Ok(self.new_bool(a == b)),
                CmpOp::Ne => Ok(self.new_bool(a != b)),
                _ => {
                    let symbol = match op {
                        CmpOp::Lt => "<",
                        CmpOp::Le => "<=",
                        CmpOp::Gt => ">",
                        _ => ">=",
                    };
                    let (ta, tb) = (self.type_name(a), self.type_name(b));
                    self.type_error(format!(
                        "'{symbol}' not supported between instances of '{ta}' and '{tb}'"
                    ))
                }
            },
        }
    }

    /// Comparison of built-in values; `None` when the types do not compare.
    pub(crate) fn builtin_compare(
        &mut self,
        op: CmpOp,
        a: ObjId,
        b: ObjId,
    ) -> PyResult<Option<bool>> {
        use std::cmp::Ordering;
        let ordering: Option<Ordering> = if let (Some(x), Some(y)) = (self.num(a), self.num(b)) {
            match (x, y) {
                (Num::Int(x), Num::Int(y)) => Some(x.cmp(&y)),
                (x, y) => {
                    let f = |n| match n {
                        Num::Int(i) => i as f64,
                        Num::Float(f) => f,
                    };
                    let (x, y) = (f(x), f(y));
                    match x.partial_cmp(&y) {
                        Some(o) => Some(o),
                        None => return Ok(Some(op == CmpOp::Ne)),
                    }
                }
            }
        } else if self.is_long(a) || self.is_long(b) {
            match self.big_compare(a, b) {
                Ok(ordering) => ordering,
                Err(()) => return Ok(Some(op == CmpOp::Ne)), // a NaN: unordered
            }
        } else if let (Some(x), Some(y)) = (self.as_str(a), self.as_str(b)) {
            Some(x.cmp(y))
        } else if let (Some(x), Some(y)) =
            (self.seq_of_same_kind(a, b), self.seq_of_same_kind(b, a))
        {
            // Lexicographic comparison of lists or tuples.
            let n = x.len().min(y.len());
            for i in 0..n {
                if !self.eq(x[i], y[i])? {
                    return match op {
                        CmpOp::Eq => Ok(Some(false)),
                        CmpOp::Ne => Ok(Some(true)),
                        _ => {
                            let r = self.compare(op, x[i], y[i])?;
                            let t = self.truthy(r);
                            self.release(r);
                            Ok(Some(t?))
                        }
                    };
                }
            }
            Some(x.len().cmp(&y.len()))
        } else if self.is_dict(a) && self.is_dict(b) {
            if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                return Ok(None);
            }
            let equal = self.dicts_equal(a, b)?;
            return Ok(Some(equal == (op == CmpOp::Eq)));
        } else if matches!(self.base_kind(a), Kind::Set | Kind::FrozenSet)
            && matches!(self.base_kind(b), Kind::Set | Kind::FrozenSet)
        {
            return self.set_compare(op, a, b).map(Some);
        } else if matches!(self.heap.body(a), Body::WeakRef(_))
            && matches!(self.heap.body(b), Body::WeakRef(_))
        {
            return self.weakref_compare(op, a, b);
        } else if let (Some((fa, sa)), Some((fb, sb))) =
            (self.method_parts_of(a), self.method_parts_of(b))
        {
            // Bound methods are equal when their functions are and they bind the same object.
            if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                return Ok(None);
            }
            let equal = self.eq(fa, fb)? && sa == sb;
            return Ok(Some(equal == (op == CmpOp::Eq)));
        } else {
            None
        };
        Ok(ordering.map(|o| match op {
            CmpOp::Lt => o.is_lt(),
            CmpOp::Le => o.is_le(),
            CmpOp::Eq => o.is_eq(),
            CmpOp::Ne => o.is_ne(),
            CmpOp::Gt => o.is_gt(),
            CmpOp::Ge => o.is_ge(),
        }))
    }

    fn seq_of_same_kind(&self, a: ObjId, b: ObjId) -> Option<Vec<ObjId>> {
        let (ka, kb) = (self.base_kind(a), self.base_kind(b));
        if ka == kb && matches!(ka, Kind::List | Kind::Tuple) {
            self.sequence_items(a)
        } else {
            None
        }
    }

    fn dicts_equal(&mut self, a: ObjId, b: ObjId) -> PyResult<bool> {
        let (ea, eb) = (self.dict_entries(a), self.dict_entries(b));
        if ea.len() != eb.len() {
            return Ok(false);
        }
        for (_, key, value) in ea {
            match self.dict_lookup(b, key)? {
                Some(other) => {
                    if !self.eq(value, other)? {
                        return Ok(false);
                    }
                }
                None => return Ok(false),
            }
        }
        Ok(true)
    }
}
