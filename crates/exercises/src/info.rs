//! The small part of TOML an exercise's `info.toml` uses: `key = "string"`,
//! `key = """multi-line string"""`, `key = 123`, `[[table]]` headers and `#` comments.

use std::fmt;

/// A value in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A string (multi-line strings lose one leading and one trailing newline).
    Str(String),
    /// A whole number.
    Int(i64),
}

/// The keys of the top of the file, then of each `[[name]]` table in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// Keys before any table header.
    pub top: Vec<(String, Value)>,
    /// `[[name]]` tables: the name and its keys.
    pub tables: Vec<(String, Vec<(String, Value)>)>,
}

/// What is wrong with a line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InfoError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for InfoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for InfoError {}

/// Reads the file's text.
pub fn parse(text: &str) -> Result<Document, InfoError> {
    let mut doc = Document::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut index = 0;
    while index < lines.len() {
        let number = index + 1;
        let line = lines[index].trim();
        index += 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let error = |message: &str| InfoError {
            line: number,
            message: message.to_string(),
        };
        if let Some(header) = line.strip_prefix("[[") {
            let name = header
                .strip_suffix("]]")
                .ok_or_else(|| error("a table header ends with ]]"))?
                .trim();
            if name.is_empty() {
                return Err(error("a table header needs a name"));
            }
            doc.tables.push((name.to_string(), Vec::new()));
            continue;
        }
        let (key, rest) = line
            .split_once('=')
            .ok_or_else(|| error("expected `key = value`"))?;
        let key = key.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(error("a key is letters, digits and underscores"));
        }
        let rest = rest.trim();
        let value = if let Some(start) = rest.strip_prefix("\"\"\"") {
            let mut body = String::from(start);
            loop {
                if let Some(end) = body.find("\"\"\"") {
                    let tail = body[end + 3..].trim();
                    if !tail.is_empty() && !tail.starts_with('#') {
                        return Err(error("nothing may follow a closing \"\"\""));
                    }
                    body.truncate(end);
                    break;
                }
                let Some(next) = lines.get(index) else {
                    return Err(error("this \"\"\" string is never closed"));
                };
                body.push('\n');
                body.push_str(next);
                index += 1;
            }
            let body = body.strip_prefix('\n').unwrap_or(&body);
            let body = body.strip_suffix('\n').unwrap_or(body);
            Value::Str(body.to_string())
        } else if let Some(start) = rest.strip_prefix('"') {
            let end = start
                .find('"')
                .ok_or_else(|| error("this string is never closed"))?;
            let tail = start[end + 1..].trim();
            if !tail.is_empty() && !tail.starts_with('#') {
                return Err(error("nothing may follow a string but a comment"));
            }
            Value::Str(start[..end].to_string())
        } else {
            let digits = rest.split('#').next().unwrap_or("").trim();
            Value::Int(
                digits
                    .parse()
                    .map_err(|_| error("a value is a \"string\" or a whole number"))?,
            )
        };
        let keys = match doc.tables.last_mut() {
            Some((_, keys)) => keys,
            None => &mut doc.top,
        };
        if keys.iter().any(|(k, _)| k == key) {
            return Err(error(&format!("`{key}` is given twice")));
        }
        keys.push((key.to_string(), value));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents() {
        let doc = parse(
            "# a comment\nname = \"weak-cache\"  # trailing\nversion = 3\n\n[[hint]]\ntext = \"\"\"\nline one\nline two\n\"\"\"\n[[hint]]\ntext = \"short\"\n",
        )
        .unwrap();
        assert_eq!(
            doc.top,
            vec![
                ("name".into(), Value::Str("weak-cache".into())),
                ("version".into(), Value::Int(3)),
            ]
        );
        assert_eq!(
            doc.tables,
            vec![
                (
                    "hint".into(),
                    vec![("text".into(), Value::Str("line one\nline two".into()))]
                ),
                (
                    "hint".into(),
                    vec![("text".into(), Value::Str("short".into()))]
                ),
            ]
        );
    }

    #[test]
    fn mistakes_name_their_line() {
        let cases = [
            ("name \"x\"\n", 1, "expected `key = value`"),
            ("a = 1\nname = \"x\n", 2, "this string is never closed"),
            (
                "text = \"\"\"\nnever closed\n",
                1,
                "this \"\"\" string is never closed",
            ),
            ("[[hint\n", 1, "a table header ends with ]]"),
            (
                "version = one\n",
                1,
                "a value is a \"string\" or a whole number",
            ),
            ("a = 1\na = 2\n", 2, "`a` is given twice"),
            (
                "my key = 1\n",
                1,
                "a key is letters, digits and underscores",
            ),
        ];
        for (text, line, message) in cases {
            let error = parse(text).unwrap_err();
            assert_eq!(
                (error.line, error.message.as_str()),
                (line, message),
                "{text:?}"
            );
        }
    }
}
