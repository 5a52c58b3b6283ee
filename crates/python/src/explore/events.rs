//! Steps by event: between two lines, a step for every reference count change of an object
//! the diagram shows, captioned with its cause ("list #1: refcount 2 -> 3, pushed on the
//! value stack"), so a reader sees each reference being taken and let go.

use std::collections::HashMap;

use weaklink_heap::{Cause, Event, ObjId};

use super::{Step, StepKind};

/// At most this many event steps between two lines (a loop inside one line, such as a
/// comprehension, could make thousands).
pub(crate) const MAX_PER_LINE: usize = 60;

/// Names of a step's objects as the diagram writes them: the type and a number counting
/// objects of that type in the step's order (`list #1`, `list #2`, `Node #1`).
pub fn object_names(step: &Step) -> HashMap<u32, String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    step.objects
        .iter()
        .map(|o| {
            let n = counts.entry(o.type_name.as_str()).or_insert(0);
            *n += 1;
            (o.id, format!("{} #{n}", o.type_name))
        })
        .collect()
}

/// The event steps for `events`, built on the last recorded step `base`; `ids` maps heap
/// objects to display ids.
pub(crate) fn steps(
    base: &Step,
    events: &[Event],
    ids: &HashMap<ObjId, u32>,
    namespaces: &[ObjId],
) -> Vec<Step> {
    let names = object_names(base);
    let name = |obj: ObjId| {
        ids.get(&obj)
            .and_then(|id| names.get(id))
            .cloned()
            .unwrap_or_else(|| "an object".to_string())
    };
    let mut current = base.clone();
    let mut out = Vec::new();
    for event in events {
        let (obj, cause, after) = match *event {
            Event::Incref { obj, cause, count } | Event::Decref { obj, cause, count } => {
                (obj, cause, count)
            }
            // A collection gets its own steps, phase by phase.
            Event::CollectionStarted { .. } => break,
            _ => continue,
        };
        let Some(&id) = ids.get(&obj) else { continue };
        let Some(index) = current.objects.iter().position(|o| o.id == id) else {
            continue;
        };
        let shown_after = after + 1;
        let before = current.objects[index].refcount;
        if before == shown_after {
            continue;
        }
        current.objects[index].refcount = shown_after;
        let why = match cause {
            Cause::NameBound => "a name is bound to it".to_string(),
            Cause::NameUnbound => "a name lets go of it".to_string(),
            // A module's or class body's names live in a dict.
            Cause::StoredIn(holder) if namespaces.contains(&holder) => {
                "a name is bound to it".to_string()
            }
            Cause::RemovedFrom(holder) if namespaces.contains(&holder) => {
                "a name lets go of it".to_string()
            }
            Cause::StoredIn(holder) => format!("stored in {}", name(holder)),
            Cause::RemovedFrom(holder) => format!("taken out of {}", name(holder)),
            Cause::Argument => "passed as an argument".to_string(),
            Cause::Returned => "returned".to_string(),
            Cause::StackPush => "pushed on the value stack".to_string(),
            Cause::StackPop => "popped from the value stack".to_string(),
            Cause::ReleasedBy(holder) => format!("{} was freed", name(holder)),
            Cause::ClearedBy(holder) => format!("the collector cleared {}", name(holder)),
            Cause::HeldByCollector => "held by the collector".to_string(),
            Cause::HeldForFinalizer => "held while __del__ runs".to_string(),
            Cause::HeldForCallback => "held while a callback runs".to_string(),
            Cause::Garbage => "appended to gc.garbage".to_string(),
            Cause::Other if shown_after > before => "a reference is taken".to_string(),
            Cause::Other => "a reference is let go".to_string(),
        };
        let mut step = current.clone();
        step.kind = StepKind::HeapEvent {
            caption: format!("{}: refcount {before} -> {shown_after}, {why}", names[&id]),
        };
        out.push(step);
        if out.len() >= MAX_PER_LINE {
            break;
        }
    }
    out
}
