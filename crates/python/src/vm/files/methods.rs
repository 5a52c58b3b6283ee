//! The methods and attributes of file objects (`_io.TextIOWrapper`), and the `io` module's
//! `UnsupportedOperation`.

use weaklink_heap::{Body, GcList, Kind, Name, ObjId};

use super::Access;
use crate::vm::args::positional;
use crate::vm::types::Tag;
use crate::vm::{NativeFn, PyResult, Vm};

/// The file type's name among the built-in types.
const FILE_TYPE: &str = "_io.TextIOWrapper";

/// An optional size argument (`read(n)`, `readline(n)`): `None` or a negative number means
/// no limit.
fn size_argument(vm: &mut Vm, args: &[ObjId]) -> PyResult<Option<usize>> {
    match args.get(1) {
        None => Ok(None),
        Some(&n) if vm.is_none(n) => Ok(None),
        Some(&n) => match vm.as_int(n) {
            Some(n) if n < 0 => Ok(None),
            Some(n) => Ok(Some(n as usize)),
            None => {
                let t = vm.type_name(n);
                vm.type_error(format!("argument should be integer or None, not '{t}'"))
            }
        },
    }
}

fn write(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let args = positional(args, kwnames);
    if args.len() != 2 {
        return vm.type_error(format!(
            "TextIOWrapper.write() takes exactly one argument ({} given)",
            args.len() - 1
        ));
    }
    let Some(text) = vm.as_str(args[1]).map(str::to_string) else {
        let t = vm.type_name(args[1]);
        return vm.type_error(format!("write() argument must be str, not {t}"));
    };
    vm.file_write(args[0], &text)?;
    Ok(vm.new_int(text.chars().count() as i64))
}

fn read(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let limit = size_argument(vm, args)?;
    let text = vm.read_text(args[0], limit, false)?;
    Ok(vm.new_str(&text))
}

fn readline(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let limit = size_argument(vm, args)?;
    let text = vm.read_text(args[0], limit, true)?;
    Ok(vm.new_str(&text))
}

fn readlines(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let mut lines = Vec::new();
    loop {
        match vm.read_text(args[0], None, true) {
            Ok(line) if line.is_empty() => break,
            Ok(line) => lines.push(vm.new_str(&line)),
            Err(e) => {
                vm.release_all(lines);
                return Err(e);
            }
        }
    }
    Ok(vm.new_list(lines))
}

fn close(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    vm.close_file(args[0]);
    Ok(vm.new_none())
}

fn flush(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    vm.check_open(args[0])?;
    vm.flush_buffer(args[0]);
    Ok(vm.new_none())
}

fn fileno(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let state = vm.file_state(args[0]);
    if state.closed {
        return vm.value_error("I/O operation on closed file");
    }
    Ok(vm.new_int(state.fd as i64))
}

fn readable(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let state = vm.check_open(args[0])?;
    Ok(vm.new_bool(state.access == Access::Read))
}

fn writable(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let state = vm.check_open(args[0])?;
    Ok(vm.new_bool(state.access != Access::Read))
}

fn enter(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    vm.check_open(args[0])?;
    Ok(vm.newref(args[0]))
}

fn exit(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    vm.close_file(args[0]);
    Ok(vm.new_none())
}

fn iter(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    vm.file_iter(args[0])
}

fn next(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    match vm.file_next(args[0])? {
        Some(line) => Ok(line),
        None => Err(vm.exception("StopIteration", "")),
    }
}

/// The finalizer (`IOBase.__del__`): an open file is closed, its buffer written out.
///
/// When the collector finalizes a file found in cyclic garbage, CPython finalizes the raw
/// file under it first (it was made first), closing the descriptor: the buffer cannot be
/// written any more and its text is lost.
fn finalize(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    if vm.heap.gc_list(args[0]) == GcList::Finalized {
        vm.set_pending_text(args[0], "");
    }
    vm.close_file(args[0]);
    Ok(vm.new_none())
}

fn closed(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let closed = vm.file_state(args[0]).closed;
    Ok(vm.new_bool(closed))
}

fn name(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let name = vm.file_field(args[0], super::NAME).unwrap_or(vm.none);
    Ok(vm.newref(name))
}

fn mode(vm: &mut Vm, args: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    let mode = vm.file_field(args[0], super::MODE).unwrap_or(vm.none);
    Ok(vm.newref(mode))
}

fn encoding(vm: &mut Vm, _: &[ObjId], _: &[Name]) -> PyResult<ObjId> {
    Ok(vm.new_str("UTF-8"))
}

impl Vm {
    /// A read-only property whose getter is a native function (a new reference).
    pub(crate) fn native_property(&mut self, name: &'static str, getter: NativeFn) -> ObjId {
        let index = self.register_native(name, getter);
        let getter = self.native_object(index);
        let record = self.tagged_record(Kind::Other, Tag::Property, 0, vec![Some(getter)]);
        let property = self.heap.alloc(Body::Record(record));
        self.release(getter);
        self.settle();
        property
    }
}

/// Adds a read-only attribute computed by a native function to a built-in type.
fn define_getter(vm: &mut Vm, type_name: &str, name: &'static str, getter: NativeFn) {
    let property = vm.native_property(name, getter);
    let class = vm.builtin_type(type_name);
    let interned = vm.intern(name);
    vm.classes
        .get_mut(&class)
        .expect("built-in type")
        .methods
        .insert(interned, property);
}

/// `io.UnsupportedOperation`, a subclass of `OSError` and `ValueError`, in a module `io`.
fn install_io_module(vm: &mut Vm) {
    let (_, io) = crate::modules::new_module(vm, "io");
    let namespace = vm.new_dict();
    for (key, value) in [
        ("__module__", "io"),
        ("__qualname__", "UnsupportedOperation"),
    ] {
        let value = vm.new_str(value);
        vm.define(namespace, key, value);
        vm.release(value);
    }
    let bases = [vm.builtin_type("OSError"), vm.builtin_type("ValueError")];
    match vm.make_class("UnsupportedOperation", &bases, namespace) {
        Ok(class) => {
            vm.define(io, "UnsupportedOperation", class);
            vm.release(class);
        }
        Err(raised) => vm.discard(raised),
    }
    vm.release(namespace);
}

/// Registers the file type's methods and attributes.
pub(super) fn install(vm: &mut Vm) {
    let methods: &[(&'static str, NativeFn)] = &[
        ("write", write),
        ("read", read),
        ("readline", readline),
        ("readlines", readlines),
        ("close", close),
        ("flush", flush),
        ("fileno", fileno),
        ("readable", readable),
        ("writable", writable),
        ("__enter__", enter),
        ("__exit__", exit),
        ("__iter__", iter),
        ("__next__", next),
        ("__del__", finalize),
    ];
    vm.define_methods(FILE_TYPE, methods);
    let getters: &[(&'static str, NativeFn)] = &[
        ("closed", closed),
        ("name", name),
        ("mode", mode),
        ("encoding", encoding),
    ];
    for &(attribute, getter) in getters {
        define_getter(vm, FILE_TYPE, attribute, getter);
    }
    install_io_module(vm);
}
