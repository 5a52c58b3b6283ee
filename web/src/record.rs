//! Running a listing on the Python crate's step recorder (`weaklink_python::explore`) and
//! turning what it reports into the widget's [`Recording`].

use weaklink_python::{
    explore::{self, GcState, Limits, StepKind, ValueView},
    vm::{Options, Outcome},
};

use crate::model::{Edge, Frame, GcMark, Object, Recording, Step, Value};

/// Runs `source` to the end, recording a step per line (and per collection phase).
pub fn record(source: &str) -> Recording {
    record_with(source, false)
}

/// Runs `source` to the end, recording a step per line and, with `events`, a step per
/// reference count change between lines.
pub fn record_with(source: &str, events: bool) -> Recording {
    let limits = Limits {
        events,
        ..Limits::default()
    };
    let run = explore::record(source, Options::default(), limits);
    let mut steps: Vec<Step> = run
        .steps
        .iter()
        .map(|step| convert(step, &run.stdout))
        .collect();
    if steps.is_empty() {
        // A syntax error: nothing ran.
        steps.push(Step::default());
    }
    Recording {
        steps,
        stdout: run.stdout,
        stderr: run.stderr,
        failed: !matches!(run.outcome, Outcome::Finished),
    }
}

/// The widget's picture of one recorded step.
fn convert(step: &explore::Step, stdout: &str) -> Step {
    let value = |view: &ValueView| match view {
        ValueView::Object(id) => Value::Object(u64::from(*id)),
        ValueView::Atom(text) => Value::Atom(text.clone()),
    };
    let frames = step
        .frames
        .iter()
        .map(|frame| Frame {
            name: frame.name.clone(),
            names: frame
                .names
                .iter()
                .map(|binding| (binding.name.clone(), value(&binding.value)))
                .collect(),
        })
        .collect();
    let objects = step
        .objects
        .iter()
        .map(|object| Object {
            key: u64::from(object.id),
            type_name: object.type_name.clone(),
            value: object.label.clone(),
            refcount: object.refcount,
            unreachable: object.unreachable,
            has_del: object.has_del,
            gc_refs: object.gc_refs,
            gc_state: object.gc_state.map(|state| match state {
                GcState::Reachable => GcMark::Reachable,
                GcState::TentativelyUnreachable => GcMark::Tentative,
                GcState::Unreachable => GcMark::Garbage,
                GcState::Uncollectable => GcMark::Uncollectable,
            }),
        })
        .collect();
    let edges = step
        .objects
        .iter()
        .flat_map(|object| {
            object
                .fields
                .iter()
                .filter_map(move |field| match field.value {
                    ValueView::Object(to) => Some(Edge {
                        from: u64::from(object.id),
                        to: u64::from(to),
                        label: field.label.clone(),
                        weak: field.weak,
                    }),
                    ValueView::Atom(_) => None,
                })
        })
        .collect();
    let note = match &step.kind {
        StepKind::Line => None,
        StepKind::Call(name) => Some(format!("calls {name}")),
        StepKind::Return(name) => Some(format!("returns from {name}")),
        StepKind::Exception(name) => Some(format!("raises {name}")),
        StepKind::End => Some("the program's code has finished".to_string()),
        StepKind::Collector { phase, caption } => Some(format!("collector, {phase}: {caption}")),
        StepKind::HeapEvent { caption } => Some(caption.clone()),
    };
    Step {
        line: step.line,
        frames,
        objects,
        edges,
        note,
        hidden_objects: step.hidden_objects,
        live_bytes: step.live_bytes,
        stdout: stdout.get(..step.stdout_len).unwrap_or(stdout).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_names_objects_and_references() {
        let run = record("import sys\nl1 = []\nl2 = [l1]\nprint(sys.getrefcount(l1))\n");
        assert!(!run.failed);
        assert_eq!(run.stdout, "3\n");
        let last = run.steps.last().unwrap();
        let module = &last.frames[0];
        let l1 = module.names.iter().find(|(name, _)| name == "l1").unwrap();
        let Value::Object(l1) = l1.1 else {
            panic!("l1 is not drawn as an object")
        };
        assert_eq!(last.object(l1).unwrap().refcount, 3);
        assert!(last.edges.iter().any(|e| e.to == l1 && !e.weak));
        assert!(run.steps.len() > 3);
    }

    #[test]
    fn syntax_errors_leave_one_empty_step() {
        let run = record("x = = 1\n");
        assert!(run.failed);
        assert_eq!(run.steps.len(), 1);
        assert!(run.stderr.contains("SyntaxError"), "{}", run.stderr);
    }
}
