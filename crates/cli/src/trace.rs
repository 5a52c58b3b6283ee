//! `weaklink trace FILE`: the recorded steps of a run, as readable text or as JSON.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;

use weaklink_python::explore::{record, Limits, ObjectView, Recording, Step, StepKind, ValueView};
use weaklink_python::vm::{Options, Outcome};

use crate::source;

/// The file name [`record`] gives the program; tracebacks show the real path instead.
const LISTING: &str = "File \"<listing>\"";

/// What changed between two consecutive steps.
#[derive(Debug, Default)]
pub struct Changes {
    /// Objects shown now and not at the previous step (display ids).
    pub new: Vec<u32>,
    /// Objects shown at the previous step and not now: freed (or no longer reached from
    /// any frame).
    pub gone: Vec<u32>,
    /// Objects whose reference count changed: id, before, after.
    pub refcounts: Vec<(u32, i64, i64)>,
}

impl Changes {
    /// Compares `step` with the step before it (`None` for the first step).
    pub fn between(previous: Option<&Step>, step: &Step) -> Changes {
        let before: HashMap<u32, &ObjectView> = previous
            .map(|p| p.objects.iter().map(|o| (o.id, o)).collect())
            .unwrap_or_default();
        let mut changes = Changes::default();
        for object in &step.objects {
            match before.get(&object.id) {
                None => changes.new.push(object.id),
                Some(old) if old.refcount != object.refcount => {
                    changes
                        .refcounts
                        .push((object.id, old.refcount, object.refcount))
                }
                Some(_) => {}
            }
        }
        if let Some(previous) = previous {
            changes.gone = previous
                .objects
                .iter()
                .filter(|o| step.object(o.id).is_none())
                .map(|o| o.id)
                .collect();
        }
        changes
    }

    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.new.is_empty() && self.gone.is_empty() && self.refcounts.is_empty()
    }
}

/// A step's kind in words: `line`, `call f`, `return f`, `exception KeyError`, `end`.
pub fn kind_text(kind: &StepKind) -> (&'static str, Option<&str>) {
    match kind {
        StepKind::Line => ("line", None),
        StepKind::Call(name) => ("call", Some(name)),
        StepKind::Return(name) => ("return", Some(name)),
        StepKind::Exception(name) => ("exception", Some(name)),
        StepKind::End => ("end", None),
        StepKind::Collector { phase, .. } => ("collector", Some(phase)),
        StepKind::HeapEvent { caption } => ("event", Some(caption)),
    }
}

/// How a program ended, in one word.
pub fn outcome_text(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Finished => "finished",
        Outcome::Uncaught => "uncaught exception",
        Outcome::SyntaxError => "syntax error",
        Outcome::Stopped => "stopped",
    }
}

/// The text of source line `line` (from 1), without indentation.
pub fn source_line(source: &str, line: u32) -> &str {
    match line {
        0 => "",
        n => source.lines().nth(n as usize - 1).unwrap_or("").trim(),
    }
}

/// What the program printed on stdout from step `n` until the next step.
pub fn printed(run: &Recording, n: usize) -> &str {
    let start = run.steps[n].stdout_len.min(run.stdout.len());
    let end = run
        .steps
        .get(n + 1)
        .map_or(run.stdout.len(), |next| next.stdout_len)
        .clamp(start, run.stdout.len());
    run.stdout.get(start..end).unwrap_or("")
}

/// `weaklink trace FILE [--json]`.
pub fn trace(path: &str, options: Options, json: bool) -> anyhow::Result<u8> {
    let program = match source::load(path) {
        Ok(program) => program,
        Err(failure) => return Ok(failure.report()),
    };
    let mut run = record(&program.text, options, Limits::default());
    let real_name = format!("File \"{}\"", program.name);
    run.stderr = run.stderr.replace(LISTING, &real_name);
    let text = if json {
        crate::json::recording(&run, &program.name, &program.text)
    } else {
        text(&run, &program.text)
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    if !json {
        eprint!("{}", run.stderr);
    }
    Ok(crate::exit_status(&run.outcome))
}

fn value(v: &ValueView) -> String {
    match v {
        ValueView::Object(id) => format!("#{id}"),
        ValueView::Atom(text) => text.clone(),
    }
}

/// The readable trace: one block per step.
pub fn text(run: &Recording, source: &str) -> String {
    let mut out = String::new();
    for (n, step) in run.steps.iter().enumerate() {
        let (kind, name) = kind_text(&step.kind);
        let name = name.map(|n| format!(" {n}")).unwrap_or_default();
        let _ = writeln!(out, "step {n} | {kind}{name} | line {}", step.line);
        let line = source_line(source, step.line);
        if !line.is_empty() {
            let _ = writeln!(out, "    {line}");
        }
        for frame in &step.frames {
            let names: Vec<String> = frame
                .names
                .iter()
                .map(|b| format!("{}={}", b.name, value(&b.value)))
                .collect();
            let names = if names.is_empty() {
                String::new()
            } else {
                format!(": {}", names.join(", "))
            };
            let _ = writeln!(out, "  frame {} (line {}){names}", frame.name, frame.line);
        }
        for o in &step.objects {
            let fields: Vec<String> = o
                .fields
                .iter()
                .map(|f| {
                    let arrow = if f.weak { "~>" } else { "->" };
                    format!("{}{arrow}{}", f.label, value(&f.value))
                })
                .collect();
            let mut flags = String::new();
            if o.unreachable {
                flags.push_str(" unreachable");
            }
            if o.has_del {
                flags.push_str(" __del__");
            }
            let fields = if fields.is_empty() {
                String::new()
            } else {
                format!(" {}", fields.join(" "))
            };
            let _ = writeln!(
                out,
                "  #{} {} refcount={}{flags}{fields}",
                o.id, o.label, o.refcount
            );
        }
        if step.hidden_objects > 0 {
            let _ = writeln!(out, "  ({} more objects not shown)", step.hidden_objects);
        }
        let changes = Changes::between(n.checked_sub(1).map(|p| &run.steps[p]), step);
        if !changes.is_empty() {
            let mut parts = Vec::new();
            for id in &changes.new {
                parts.push(format!("new #{id}"));
            }
            for (id, before, after) in &changes.refcounts {
                parts.push(format!("#{id} refcount {before}->{after}"));
            }
            for id in &changes.gone {
                parts.push(format!("gone #{id}"));
            }
            let _ = writeln!(out, "  changed: {}", parts.join(", "));
        }
        let printed = printed(run, n);
        for line in printed.split_inclusive('\n') {
            let _ = writeln!(out, "  printed: {}", line.trim_end_matches('\n'));
        }
    }
    if run.truncated {
        let _ = writeln!(out, "(later steps not recorded)");
    }
    let _ = writeln!(
        out,
        "{} steps; {}",
        run.steps.len(),
        outcome_text(&run.outcome)
    );
    out
}
