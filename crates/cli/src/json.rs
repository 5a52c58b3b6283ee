//! The trace as JSON (`weaklink trace --json`), written by hand.

use std::fmt::Write as _;

use weaklink_python::explore::{Recording, ValueView};

use crate::trace::{kind_text, outcome_text, printed, source_line, Changes};

/// `text` as a JSON string literal, quotes included.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn value(v: &ValueView) -> String {
    match v {
        ValueView::Object(id) => format!("{{\"object\":{id}}}"),
        ValueView::Atom(text) => format!("{{\"atom\":{}}}", string(text)),
    }
}

fn list(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().collect();
    format!("[{}]", items.join(","))
}

/// The whole recording: the file, how it ended, the output, and every step.
pub fn recording(run: &Recording, name: &str, source: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "{{\"file\":{},\"outcome\":{},\"truncated\":{},\"stdout\":{},\"stderr\":{},\"steps\":[",
        string(name),
        string(outcome_text(&run.outcome)),
        run.truncated,
        string(&run.stdout),
        string(&run.stderr),
    );
    for (n, step) in run.steps.iter().enumerate() {
        if n > 0 {
            out.push_str(",\n");
        } else {
            out.push('\n');
        }
        let (kind, kind_name) = kind_text(&step.kind);
        let frames = list(step.frames.iter().map(|f| {
            let names = list(f.names.iter().map(|b| {
                format!(
                    "{{\"name\":{},\"value\":{}}}",
                    string(&b.name),
                    value(&b.value)
                )
            }));
            format!(
                "{{\"name\":{},\"line\":{},\"names\":{names}}}",
                string(&f.name),
                f.line
            )
        }));
        let objects = list(step.objects.iter().map(|o| {
            let fields = list(o.fields.iter().map(|f| {
                format!(
                    "{{\"label\":{},\"weak\":{},\"value\":{}}}",
                    string(&f.label),
                    f.weak,
                    value(&f.value)
                )
            }));
            format!(
                "{{\"id\":{},\"type\":{},\"label\":{},\"refcount\":{},\"has_del\":{},\
                 \"unreachable\":{},\"tracked\":{},\"size\":{},\"fields\":{fields}}}",
                o.id,
                string(&o.type_name),
                string(&o.label),
                o.refcount,
                o.has_del,
                o.unreachable,
                o.tracked,
                o.size
            )
        }));
        let changes = Changes::between(n.checked_sub(1).map(|p| &run.steps[p]), step);
        let refcounts = list(
            changes
                .refcounts
                .iter()
                .map(|(id, from, to)| format!("{{\"id\":{id},\"from\":{from},\"to\":{to}}}")),
        );
        let _ = write!(
            out,
            "{{\"step\":{n},\"kind\":{},\"name\":{},\"line\":{},\"source\":{},\"frames\":{frames},\
             \"objects\":{objects},\"hidden_objects\":{},\"live_bytes\":{},\
             \"changes\":{{\"new\":{},\"gone\":{},\"refcounts\":{refcounts}}},\"printed\":{}}}",
            string(kind),
            kind_name.map_or("null".to_string(), string),
            step.line,
            string(source_line(source, step.line)),
            step.hidden_objects,
            step.live_bytes,
            list(changes.new.iter().map(u32::to_string)),
            list(changes.gone.iter().map(u32::to_string)),
            string(printed(run, n)),
        );
    }
    out.push_str("\n]}\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn strings_are_escaped() {
        let table = [
            ("plain", "\"plain\""),
            ("a\"b", "\"a\\\"b\""),
            ("back\\slash", "\"back\\\\slash\""),
            ("line\nend\t", "\"line\\nend\\t\""),
            ("\u{1}", "\"\\u0001\""),
            ("é→", "\"é→\""),
        ];
        for (text, expected) in table {
            assert_eq!(super::string(text), expected);
        }
    }
}
