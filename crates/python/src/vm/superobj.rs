//! `super()`: the proxy that finds attributes in the classes after a given one in an
//! object's method resolution order.

use weaklink_heap::{Body, Kind, Name, ObjId};

use super::args::positional;
use super::types::Tag;
use super::{PyResult, Vm};

/// Field positions of a `super` object.
const SUPER_TYPE: usize = 0;
const SUPER_OBJ: usize = 1;
const SUPER_OBJ_TYPE: usize = 2;

/// `super()` or `super(type, obj)`.
pub(crate) fn super_new(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (start, obj) = match positional(args, kwnames) {
        [] => zero_argument_super(vm)?,
        [start, obj] => (*start, *obj),
        [_] => return vm.type_error("super(type) without an object is not supported in weaklink"),
        _ => {
            return vm.type_error(format!(
                "super() takes at most 2 arguments ({} given)",
                args.len()
            ))
        }
    };
    if !vm.is_class(start) {
        let t = vm.type_name(start);
        return vm.type_error(format!("super() argument 1 must be a type, not {t}"));
    }
    let obj_type = if vm.is_class(obj) && vm.is_subclass(obj, start) {
        obj
    } else if vm.isinstance(obj, start) {
        vm.type_of(obj)
    } else {
        return vm.type_error("super(type, obj): obj must be an instance or subtype of type");
    };
    let refs = [start, obj, obj_type]
        .iter()
        .map(|&r| Some(vm.newref(r)))
        .collect();
    let record = vm.tagged_record(Kind::Other, Tag::Super, 0, refs);
    let sup = vm.heap.alloc_owning(Body::Record(record));
    vm.settle();
    Ok(sup)
}

/// The class and first argument of the running method: its `__class__` cell and its first
/// local.
fn zero_argument_super(vm: &mut Vm) -> PyResult<(ObjId, ObjId)> {
    let Some(frame) = vm.frames.last() else {
        return vm.raise("RuntimeError", "super(): no current frame");
    };
    let code = frame.code.clone();
    if code.argcount == 0 && !code.varargs {
        return vm.raise("RuntimeError", "super(): no arguments");
    }
    let mut first = frame.locals.first().copied().flatten();
    if code.cell_slots.first() == Some(&0) {
        // The first parameter is captured: its slot holds a cell.
        first = first.and_then(|cell| cell_contents(vm, cell));
    }
    let Some(first) = first else {
        return vm.raise("RuntimeError", "super(): arg[0] deleted");
    };
    let Some(j) = code.freevars.iter().position(|f| &**f == "__class__") else {
        return vm.raise("RuntimeError", "super(): __class__ cell not found");
    };
    let slot = code.nlocals_plus() - code.freevars.len() + j;
    let class = vm.frames.last().and_then(|f| f.locals[slot]);
    match class.and_then(|cell| cell_contents(vm, cell)) {
        Some(class) if vm.is_class(class) => Ok((class, first)),
        _ => vm.raise("RuntimeError", "super(): empty __class__ cell"),
    }
}

fn cell_contents(vm: &Vm, cell: ObjId) -> Option<ObjId> {
    match vm.heap.body(cell) {
        Body::Record(r) if r.kind == Kind::Cell => r.refs.first().copied().flatten(),
        _ => None,
    }
}

impl Vm {
    /// `super_object.name`: the attribute found after the start class in the object's
    /// MRO, bound to the object.
    pub(crate) fn super_getattr(&mut self, sup: ObjId, name: Name) -> PyResult<ObjId> {
        let field = |vm: &Vm, i: usize| match vm.heap.body(sup) {
            Body::Record(r) => r.refs[i].expect("super field"),
            _ => unreachable!("a super object"),
        };
        let (start, obj, obj_type) = (
            field(self, SUPER_TYPE),
            field(self, SUPER_OBJ),
            field(self, SUPER_OBJ_TYPE),
        );
        let mro = self.class_info(obj_type).mro.clone();
        let after = mro
            .iter()
            .position(|&c| c == start)
            .map_or(mro.len(), |i| i + 1);
        let is_new = self.heap.names.text(name) == "__new__";
        for &class in &mro[after..] {
            let info = &self.classes[&class];
            let found = match info.dict {
                Some(dict) => self.dict_get_name(dict, name),
                None if is_new && info.methods.contains_key(&name) => {
                    return Ok(self.new_wrapper(class));
                }
                None => info.methods.get(&name).copied(),
            };
            if let Some(found) = found {
                let instance = (obj != obj_type).then_some(obj);
                return self.bind_descriptor(found, instance, obj_type);
            }
        }
        let text = self.heap.names.text(name).to_string();
        self.raise(
            "AttributeError",
            format!("'super' object has no attribute '{text}'"),
        )
    }
}
