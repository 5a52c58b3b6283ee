//! `open()` on the in-memory file system, file objects, and the table of file descriptors
//! with its limit (`OSError: [Errno 24] Too many open files`).
//!
//! A file object is a `File` record holding its name, its mode and the text written but not
//! yet flushed (CPython's buffer: writes reach the file when the buffer passes 8192 bytes, on
//! `flush()` and on `close()`). Its state word keeps the descriptor, what it was opened for,
//! whether it is closed and its position in the file. Like CPython's `io` objects it has a
//! finalizer: a file object freed by reference counting or by the collector is closed, its
//! buffer written out and its descriptor freed.
//!
//! The descriptor table (`Vm::open_files`, slot `i` for descriptor `i + 3`, as 0 to 2 are the
//! standard streams) holds the name of the file each descriptor has open. Descriptors are
//! handed out lowest first; `Options::max_open_files` plays the part of `RLIMIT_NOFILE`:
//! descriptors at or above it cannot be opened.

mod methods;

use weaklink_heap::{Body, Kind, Name, ObjId, Record};

use super::args::{keyword, positional};
use super::{PyResult, Raised, Vm};

/// Reference fields of a file object: its name, its mode, the text waiting in its buffer.
const NAME: usize = 0;
const MODE: usize = 1;
const PENDING: usize = 2;

/// Bytes the buffer collects before they are written to the file (`_CHUNK_SIZE`).
const CHUNK_SIZE: usize = 8192;

/// The first descriptor `open()` hands out (0, 1 and 2 are the standard streams).
const FIRST_FD: usize = 3;

/// What a file was opened for.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Access {
    /// `r`: reading from the start.
    Read,
    /// `w` or `x`: writing from the start of an emptied (or new) file.
    Write,
    /// `a`: every write goes to the end of the file.
    Append,
}

/// A file object's state word, unpacked.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
struct FileState {
    /// Its descriptor.
    fd: usize,
    access: Access,
    closed: bool,
    /// The byte offset the next read starts at (reading), or the next flush writes at
    /// (writing).
    position: usize,
}

impl FileState {
    const FD_BITS: u32 = 20;
    const POSITION_SHIFT: u32 = 24;
    const POSITION_MASK: u64 = (1 << 24) - 1;

    fn pack(self) -> u64 {
        let access = match self.access {
            Access::Read => 0,
            Access::Write => 1,
            Access::Append => 2,
        };
        (self.fd as u64 & ((1 << Self::FD_BITS) - 1))
            | (access << Self::FD_BITS)
            | (u64::from(self.closed) << (Self::FD_BITS + 2))
            | ((self.position as u64 & Self::POSITION_MASK) << Self::POSITION_SHIFT)
    }

    fn unpack(data: u64) -> Self {
        FileState {
            fd: (data & ((1 << Self::FD_BITS) - 1)) as usize,
            access: match (data >> Self::FD_BITS) & 3 {
                0 => Access::Read,
                1 => Access::Write,
                _ => Access::Append,
            },
            closed: (data >> (Self::FD_BITS + 2)) & 1 == 1,
            position: ((data >> Self::POSITION_SHIFT) & Self::POSITION_MASK) as usize,
        }
    }
}

/// `open()`'s mode string, checked as CPython checks it.
fn parse_mode(mode: &str) -> Result<Access, String> {
    let mut seen = String::new();
    for c in mode.chars() {
        if !"rwxabt+U".contains(c) || seen.contains(c) {
            return Err(format!("invalid mode: '{mode}'"));
        }
        seen.push(c);
    }
    let has = |c: char| seen.contains(c);
    if has('U') {
        return Err(format!("invalid mode: '{mode}'"));
    }
    if has('t') && has('b') {
        return Err("can't have text and binary mode at once".into());
    }
    let kinds = ['x', 'r', 'w', 'a'].iter().filter(|&&c| has(c)).count();
    if kinds > 1 {
        return Err("must have exactly one of create/read/write/append mode".into());
    }
    if kinds == 0 {
        return Err(
            "Must have exactly one of create/read/write/append mode and at most one plus".into(),
        );
    }
    if has('b') || has('+') {
        return Err(format!(
            "weaklink's open() has text modes for reading or writing only (r, w, a, x), not '{mode}'"
        ));
    }
    Ok(if has('r') {
        Access::Read
    } else if has('a') {
        Access::Append
    } else {
        Access::Write
    })
}

impl Vm {
    fn file_state(&self, file: ObjId) -> FileState {
        match self.heap.body(file) {
            Body::Record(r) => FileState::unpack(r.data),
            _ => FileState::unpack(0),
        }
    }

    fn set_file_state(&mut self, file: ObjId, state: FileState) {
        self.heap.set_record_data(file, state.pack());
    }

    fn file_field(&self, file: ObjId, index: usize) -> Option<ObjId> {
        match self.heap.body(file) {
            Body::Record(r) => r.refs.get(index).copied().flatten(),
            _ => None,
        }
    }

    /// The name a file object was opened with.
    fn file_name(&self, file: ObjId) -> String {
        self.file_field(file, NAME)
            .and_then(|n| self.as_str(n))
            .unwrap_or("")
            .to_string()
    }

    /// `OSError` (or a subclass) with an errno, as `[Errno 2] No such file or directory:
    /// 'x'`, with the attributes `errno`, `strerror` and `filename`.
    fn os_error(&mut self, class_name: &str, errno: i64, strerror: &str, filename: &str) -> Raised {
        let shown = crate::text::str_repr(filename);
        let raised = self.exception(class_name, &format!("[Errno {errno}] {strerror}: {shown}"));
        if let Raised::Exception(exc) = raised {
            let errno = self.new_int(errno);
            let strerror = self.new_str(strerror);
            let filename = self.new_str(filename);
            for (name, value) in [
                ("errno", errno),
                ("strerror", strerror),
                ("filename", filename),
            ] {
                let name = self.intern(name);
                self.heap.set_attr(exc, name, value);
                self.release(value);
            }
        }
        raised
    }

    /// `ValueError: I/O operation on closed file.` for a closed file.
    fn check_open(&mut self, file: ObjId) -> PyResult<FileState> {
        let state = self.file_state(file);
        if state.closed {
            return self.value_error("I/O operation on closed file.");
        }
        Ok(state)
    }

    /// `open(name, mode)`: a new file object with the lowest free descriptor.
    fn open_file(&mut self, name: &str, mode: &str) -> PyResult<ObjId> {
        let access = match parse_mode(mode) {
            Ok(access) => access,
            Err(message) => return self.value_error(message),
        };
        let limit = self.options.max_open_files.saturating_sub(FIRST_FD);
        let slot = match self.open_files.iter().position(Option::is_none) {
            Some(slot) => slot,
            None if self.open_files.len() < limit => {
                self.open_files.push(None);
                self.open_files.len() - 1
            }
            None => return Err(self.os_error("OSError", 24, "Too many open files", name)),
        };
        let exists = self.files.contains_key(name);
        match access {
            Access::Read if !exists => {
                return Err(self.os_error(
                    "FileNotFoundError",
                    2,
                    "No such file or directory",
                    name,
                ));
            }
            Access::Write if mode.contains('x') && exists => {
                return Err(self.os_error("FileExistsError", 17, "File exists", name));
            }
            Access::Write => {
                self.files.insert(name.to_string(), String::new());
            }
            Access::Append => {
                self.files.entry(name.to_string()).or_default();
            }
            Access::Read => {}
        }
        let state = FileState {
            fd: slot + FIRST_FD,
            access,
            closed: false,
            position: 0,
        };
        let name_obj = self.new_str(name);
        let mode_obj = self.new_str(mode);
        self.open_files[slot] = Some(self.newref(name_obj));
        let file = self.heap.alloc_owning(Body::Record(Record {
            kind: Kind::File,
            refs: vec![Some(name_obj), Some(mode_obj), None],
            data: state.pack(),
            has_finalizer: true,
        }));
        self.settle();
        Ok(file)
    }

    /// The text a file holds in its buffer.
    fn pending_text(&self, file: ObjId) -> String {
        self.file_field(file, PENDING)
            .and_then(|p| self.as_str(p))
            .unwrap_or("")
            .to_string()
    }

    fn set_pending_text(&mut self, file: ObjId, text: &str) {
        if text.is_empty() {
            self.heap.set_field(file, PENDING, None);
        } else {
            let pending = self.new_str(text);
            self.heap.set_field(file, PENDING, Some(pending));
            self.heap.decref(pending, weaklink_heap::Cause::Other);
        }
        self.settle();
    }

    /// Puts text in the file, where the file's descriptor writes.
    fn write_out(&mut self, file: ObjId, text: &str) {
        if text.is_empty() {
            return;
        }
        let mut state = self.file_state(file);
        let name = self.file_name(file);
        let content = self.files.entry(name).or_default();
        match state.access {
            Access::Append | Access::Read => content.push_str(text),
            Access::Write => {
                let mut bytes = std::mem::take(content).into_bytes();
                let end = state.position + text.len();
                if bytes.len() < end {
                    bytes.resize(end, 0);
                }
                bytes[state.position..end].copy_from_slice(text.as_bytes());
                *content = String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                state.position = end;
                self.set_file_state(file, state);
            }
        }
    }

    /// `file.write(text)` (and `print(..., file=file)`): into the buffer, which goes to
    /// the file as CPython's `TextIOWrapper` sends it, a chunk of 8192 bytes at a time.
    pub(crate) fn file_write(&mut self, file: ObjId, text: &str) -> PyResult<()> {
        let state = self.check_open(file)?;
        if state.access == Access::Read {
            return self.unsupported("not writable");
        }
        let mut pending = self.pending_text(file);
        if pending.len() + text.len() > CHUNK_SIZE {
            self.write_out(file, &pending);
            pending.clear();
        }
        pending.push_str(text);
        if pending.len() >= CHUNK_SIZE {
            self.write_out(file, &pending);
            pending.clear();
        }
        self.set_pending_text(file, &pending);
        Ok(())
    }

    /// `file.flush()` without the closed check: the buffer goes to the file.
    fn flush_buffer(&mut self, file: ObjId) {
        let pending = self.pending_text(file);
        if !pending.is_empty() {
            self.write_out(file, &pending);
            self.set_pending_text(file, "");
        }
    }

    /// `file.close()`: the buffer is written out and the descriptor freed. Closing twice
    /// does nothing.
    fn close_file(&mut self, file: ObjId) {
        let mut state = self.file_state(file);
        if state.closed {
            return;
        }
        self.flush_buffer(file);
        state = FileState {
            closed: true,
            ..self.file_state(file)
        };
        self.set_file_state(file, state);
        let slot = state.fd - FIRST_FD;
        if let Some(held) = self.open_files.get_mut(slot).and_then(Option::take) {
            self.release(held);
        }
    }

    /// Text read from the file's position on: at most `limit` characters, up to the end
    /// of a line when `one_line`.
    fn read_text(&mut self, file: ObjId, limit: Option<usize>, one_line: bool) -> PyResult<String> {
        let mut state = self.check_open(file)?;
        if state.access != Access::Read {
            return self.unsupported("not readable");
        }
        let name = self.file_name(file);
        let content = self.files.get(&name).map_or("", String::as_str);
        let rest = content.get(state.position..).unwrap_or("");
        let mut end = 0;
        for (count, (offset, c)) in rest.char_indices().enumerate() {
            if limit.is_some_and(|l| count >= l) {
                break;
            }
            end = offset + c.len_utf8();
            if one_line && c == '\n' {
                break;
            }
        }
        let text = rest[..end].to_string();
        state.position += end;
        self.set_file_state(file, state);
        Ok(text)
    }

    /// `io.UnsupportedOperation` with a message.
    fn unsupported<T>(&mut self, message: &str) -> PyResult<T> {
        let io = self.intern("io");
        let class = self.modules.get(&io).copied().and_then(|module| {
            let dict = self.module_dict(module);
            self.dict_get_str(dict, "UnsupportedOperation")
        });
        match class {
            Some(class) => {
                let text = self.new_str(message);
                let exc = self.new_exception(class, vec![text]);
                Err(Raised::Exception(exc))
            }
            None => self.raise("OSError", message),
        }
    }

    /// `repr(file)`: `<_io.TextIOWrapper name='x.txt' mode='w' encoding='UTF-8'>`.
    pub(crate) fn file_repr(&mut self, file: ObjId) -> PyResult<String> {
        let name = self.file_field(file, NAME).unwrap_or(self.none);
        let mode = self.file_field(file, MODE).unwrap_or(self.none);
        let name = self.repr_string(name)?;
        let mode = self.repr_string(mode)?;
        Ok(format!(
            "<_io.TextIOWrapper name={name} mode={mode} encoding='UTF-8'>"
        ))
    }

    /// `iter(file)`: the file itself, if it is open.
    pub(crate) fn file_iter(&mut self, file: ObjId) -> PyResult<ObjId> {
        self.check_open(file)?;
        Ok(self.newref(file))
    }

    /// `next(file)`: the next line, `None` at the end of the file.
    pub(crate) fn file_next(&mut self, file: ObjId) -> PyResult<Option<ObjId>> {
        let line = self.read_text(file, None, true)?;
        if line.is_empty() {
            return Ok(None);
        }
        Ok(Some(self.new_str(&line)))
    }
}

fn open(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    const PARAMETERS: [&str; 8] = [
        "file",
        "mode",
        "buffering",
        "encoding",
        "errors",
        "newline",
        "closefd",
        "opener",
    ];
    let pos = positional(args, kwnames);
    if args.len() > PARAMETERS.len() {
        return vm.type_error(format!(
            "open() takes at most 8 arguments ({} given)",
            args.len()
        ));
    }
    for &k in kwnames {
        let text = vm.heap.names.text(k).to_string();
        if !PARAMETERS.contains(&text.as_str()) {
            return vm.type_error(format!(
                "'{text}' is an invalid keyword argument for open()"
            ));
        }
    }
    let argument = |vm: &Vm, index: usize| {
        pos.get(index)
            .copied()
            .or_else(|| keyword(vm, args, kwnames, PARAMETERS[index]))
    };
    let Some(file) = argument(vm, 0) else {
        return vm.type_error("open() missing required argument 'file' (pos 1)");
    };
    let Some(name) = vm.as_str(file).map(str::to_string) else {
        let t = vm.type_name(file);
        return vm.type_error(format!(
            "expected str, bytes or os.PathLike object, not {t}"
        ));
    };
    let mode = match argument(vm, 1) {
        Some(m) => match vm.as_str(m) {
            Some(m) => m.to_string(),
            None => {
                let t = vm.type_name(m);
                return vm.type_error(format!("open() argument 'mode' must be str, not {t}"));
            }
        },
        None => "r".into(),
    };
    if name.contains('\0') {
        return vm.value_error("embedded null byte");
    }
    vm.open_file(&name, &mode)
}

/// Adds `open` to the builtins module, the file type's methods, and the `io` module with
/// `io.UnsupportedOperation`.
pub(crate) fn install(vm: &mut Vm, builtins: ObjId) {
    vm.define_native(builtins, "open", open);
    methods::install(vm);
}
