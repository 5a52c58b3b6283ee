//! `str.format` and `str.format_map`: templates rendered by [`text::render_template`] with
//! the VM answering for arguments, attributes, items, conversions and `format()`.

use weaklink_heap::{Body, Name, ObjId};

use super::super::methods_list::{check_args, Arity};
use super::super::{PyResult, Raised, Vm};
use super::this;
use crate::text::{self, Accessor, Conversion, TemplateHost, TextError};

/// Where `{name}` fields find their values.
enum Keywords<'a> {
    /// The keyword arguments of `format`: names and values.
    Arguments(&'a [Name], &'a [ObjId]),
    /// The mapping given to `format_map`.
    Mapping(ObjId),
}

/// Why rendering stopped: a template error, or a Python exception.
enum Failure {
    Text(TextError),
    Raised(Raised),
}

impl From<TextError> for Failure {
    fn from(error: TextError) -> Self {
        Failure::Text(error)
    }
}

impl From<Raised> for Failure {
    fn from(raised: Raised) -> Self {
        Failure::Raised(raised)
    }
}

/// The VM's side of rendering one template. Values are borrowed from the arguments or
/// held in `owned` until the end.
struct Host<'a> {
    vm: &'a mut Vm,
    positional: &'a [ObjId],
    keywords: Keywords<'a>,
    owned: Vec<ObjId>,
}

impl Host<'_> {
    /// Keeps a new reference until rendering ends; returns it borrowed.
    fn hold(&mut self, value: ObjId) -> ObjId {
        self.owned.push(value);
        value
    }
}

impl TemplateHost for Host<'_> {
    type Value = ObjId;
    type Error = Failure;

    fn positional(&mut self, index: usize) -> Result<ObjId, Failure> {
        match self.positional.get(index) {
            Some(&v) => Ok(v),
            None => Err(text::replacement_index_error(index).into()),
        }
    }

    fn keyword(&mut self, name: &str) -> Result<ObjId, Failure> {
        match self.keywords {
            Keywords::Arguments(names, values) => {
                let found = names
                    .iter()
                    .position(|&n| self.vm.heap.names.text(n) == name);
                match found {
                    Some(i) => Ok(values[i]),
                    None => {
                        let key = self.vm.new_str(name);
                        let class = self.vm.builtin_type("KeyError");
                        let exc = self.vm.new_exception(class, vec![key]);
                        Err(Raised::Exception(exc).into())
                    }
                }
            }
            Keywords::Mapping(mapping) => {
                let key = self.vm.new_str(name);
                let value = self.vm.getitem(mapping, key);
                self.vm.release(key);
                let value = value?;
                Ok(self.hold(value))
            }
        }
    }

    fn attribute(&mut self, value: ObjId, name: &str) -> Result<ObjId, Failure> {
        let name = self.vm.intern(name);
        let attr = self.vm.getattr(value, name)?;
        Ok(self.hold(attr))
    }

    fn item(&mut self, value: ObjId, key: &Accessor) -> Result<ObjId, Failure> {
        let key = match key {
            Accessor::Index(i) => self.vm.new_int(*i as i64),
            Accessor::Key(k) | Accessor::Attr(k) => self.vm.new_str(k),
        };
        let item = self.vm.getitem(value, key);
        self.vm.release(key);
        let item = item?;
        Ok(self.hold(item))
    }

    fn convert(&mut self, value: ObjId, conversion: Conversion) -> Result<ObjId, Failure> {
        let converted = match conversion {
            Conversion::Str => self.vm.str_string(value)?,
            Conversion::Repr => self.vm.repr_string(value)?,
            Conversion::Ascii => text::str_ascii(&self.vm.repr_string(value)?),
        };
        let s = self.vm.new_str(&converted);
        Ok(self.hold(s))
    }

    fn format(&mut self, value: ObjId, spec: &str) -> Result<String, Failure> {
        // Built-in values format by the text rules; their errors name the exception once.
        let builtin = match self.vm.heap.body(value) {
            Body::Int(i) => Some(text::format_int(*i, spec)),
            Body::Long(long) => Some(text::format_big_int(
                &text::BigInt::from_parts(long.negative, long.digits.clone()),
                spec,
            )),
            Body::Float(f) => Some(text::format_float(*f, spec)),
            Body::Str(s) => Some(text::format_str(s, spec)),
            Body::Bool(b) if !spec.is_empty() => {
                Some(text::format_int_named(i64::from(*b), spec, "bool"))
            }
            _ => None,
        };
        match builtin {
            Some(result) => Ok(result?),
            None => Ok(self.vm.format_object(value, spec)?),
        }
    }
}

/// Renders `template` and makes the result a `str`.
fn render(
    vm: &mut Vm,
    template: &str,
    positional: &[ObjId],
    keywords: Keywords,
) -> PyResult<ObjId> {
    let mut host = Host {
        vm,
        positional,
        keywords,
        owned: Vec::new(),
    };
    let result = text::render_template(template, &mut host);
    let owned = std::mem::take(&mut host.owned);
    vm.release_all(owned);
    match result {
        Ok(s) => Ok(vm.new_str(&s)),
        Err(Failure::Text(e)) => vm.text_result(Err(e)),
        Err(Failure::Raised(r)) => Err(r),
    }
}

/// `str.format(*args, **kwargs)`.
pub(super) fn str_format(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (template, _, rest) = this(vm, args, "format")?;
    let split = rest.len() - kwnames.len();
    let keywords = Keywords::Arguments(kwnames, &rest[split..]);
    render(vm, &template, &rest[..split], keywords)
}

/// `str.format_map(mapping)`.
pub(super) fn str_format_map(vm: &mut Vm, args: &[ObjId], kwnames: &[Name]) -> PyResult<ObjId> {
    let (template, _, rest) = this(vm, args, "format_map")?;
    check_args(vm, "str.format_map", rest, kwnames, Arity::One)?;
    render(vm, &template, &[], Keywords::Mapping(rest[0]))
}
