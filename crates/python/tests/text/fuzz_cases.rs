//! Random format specifications, `%` formats and `str.format` templates over a small
//! alphabet of meaningful characters, compared with python3: the parsers' corners nobody
//! thought to list.

use weaklink_python::text::*;

use crate::harness::{py_float, py_str, Rng, Table};

/// Random text of up to `max` characters drawn from `alphabet`.
fn random_text(rng: &mut Rng, alphabet: &[char], max: usize) -> String {
    let len = rng.below(max + 1);
    (0..len).map(|_| *rng.pick(alphabet)).collect()
}

#[test]
fn random_format_specs_match_python() {
    let alphabet: Vec<char> = "<>^=+- z#0123456789,_.bcdeEfFgGnosxX%é*".chars().collect();
    let mut rng = Rng::new(21);
    let mut t = Table::new("random format specs");
    for _ in 0..1500 {
        let spec = random_text(&mut rng, &alphabet, 7);
        let p = py_str(&spec);
        t.check(format!("format(-1234, {p})"), format_int(-1234, &spec));
        t.check(
            format!("format({}, {p})", py_float(-12.375)),
            format_float(-12.375, &spec),
        );
        t.check(format!("format('wörd', {p})"), format_str("wörd", &spec));
    }
    t.run();
}

#[test]
fn random_percent_formats_match_python() {
    let alphabet: Vec<char> = "%%%%-+ #0123.*sdrxXoeEfFgGcai(k)lh%".chars().collect();
    let mut rng = Rng::new(22);
    let mut t = Table::new("random % formats");
    let args = PercentArgs::Tuple(vec![
        PercentArg::Int(3),
        PercentArg::Float(-2.5),
        PercentArg::Str("ab".into()),
        PercentArg::Int(65),
    ]);
    for _ in 0..2000 {
        let format = random_text(&mut rng, &alphabet, 8);
        t.check(
            format!("{} % (3, -2.5, 'ab', 65)", py_str(&format)),
            percent_format(&format, &args),
        );
        let single = PercentArgs::Single {
            value: PercentArg::Int(7),
            mapping: false,
        };
        t.check(
            format!("{} % 7", py_str(&format)),
            percent_format(&format, &single),
        );
    }
    t.run();
}

/// A host with three positional arguments and one keyword, all ints or strs.
struct Host;

impl TemplateHost for Host {
    type Value = Result<i64, String>;
    type Error = TextError;
    fn positional(&mut self, index: usize) -> Result<Self::Value, TextError> {
        [Ok(5), Err("s".to_string()), Ok(-12)]
            .get(index)
            .cloned()
            .ok_or_else(|| replacement_index_error(index))
    }
    fn keyword(&mut self, name: &str) -> Result<Self::Value, TextError> {
        if name == "k" {
            Ok(Ok(2))
        } else {
            Err(TextError::key(name))
        }
    }
    fn attribute(&mut self, value: Self::Value, name: &str) -> Result<Self::Value, TextError> {
        match (value, name) {
            (Ok(n), "real") => Ok(Ok(n)),
            _ => Err(TextError::value(format!("attribute {name}"))),
        }
    }
    fn item(&mut self, _: Self::Value, _: &Accessor) -> Result<Self::Value, TextError> {
        Err(TextError::value("item"))
    }
    fn convert(&mut self, value: Self::Value, c: Conversion) -> Result<Self::Value, TextError> {
        let text = match value {
            Ok(n) => n.to_string(),
            Err(s) if c == Conversion::Str => s,
            Err(s) => str_repr(&s),
        };
        Ok(Err(text))
    }
    fn format(&mut self, value: Self::Value, spec: &str) -> Result<String, TextError> {
        match value {
            Ok(n) => format_int(n, spec),
            Err(s) => format_str(&s, spec),
        }
    }
}

#[test]
fn random_templates_match_python() {
    let alphabet: Vec<char> = "{{{}}}012k!rsa:>5d.real[]x ".chars().collect();
    let mut rng = Rng::new(23);
    let mut t = Table::new("random str.format templates");
    t.setup(
        "def fmt(template):\n\
         \x20   try:\n\
         \x20       return template.format(5, 's', -12, k=2)\n\
         \x20   except (AttributeError, TypeError) as e:\n\
         \x20       raise ValueError('attribute' if isinstance(e, AttributeError) else 'item')",
    );
    for _ in 0..2500 {
        let template = random_text(&mut rng, &alphabet, 9);
        let rust = render_template(&template, &mut Host);
        // The stand-in host words attribute and item failures its own way.
        let rust = rust.map_err(|e| {
            if e.message.starts_with("attribute") {
                TextError::value("attribute")
            } else {
                e
            }
        });
        t.check(format!("fmt({})", py_str(&template)), rust);
    }
    t.run();
}
