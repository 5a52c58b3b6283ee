//! Steps inside a collection: from the heap's trace of what the collector did, one step per
//! phase that learners follow (update_refs, subtract_refs, move_unreachable, weak
//! references, finalizers, delete_garbage), each showing the objects with their gc_refs and
//! where the collector has put them.

use std::collections::HashMap;

use weaklink_heap::{Event, GcList, ObjId, Phase};

use super::{GcState, Step, StepKind};

/// The phases shown as steps, with what each does in a learner's words.
fn caption(phase: Phase) -> Option<&'static str> {
    Some(match phase {
        Phase::UpdateRefs => "each object's gc_refs starts as its reference count",
        Phase::SubtractRefs => {
            "references from other objects being collected are subtracted: what is left in \
             gc_refs are references from outside"
        }
        Phase::MoveUnreachable => {
            "objects left with gc_refs 0 are moved aside as tentatively unreachable, unless an \
             object reachable from outside points at them"
        }
        Phase::HandleWeakrefs => "weak references to the unreachable objects are cleared",
        Phase::Finalize => "the unreachable objects' __del__ methods run, once each",
        Phase::DeleteGarbage => {
            "the references inside the unreachable cycles are cleared, and reference counting \
             frees the objects"
        }
        _ => return None,
    })
}

/// The steps for every collection started by `gc.collect()` among `events`, built on the
/// last recorded step `base`. `ids` maps heap objects to the display ids of `base`.
pub(crate) fn steps(base: &Step, events: &[Event], ids: &HashMap<ObjId, u32>) -> Vec<Step> {
    let mut out = Vec::new();
    let mut marks: HashMap<u32, (Option<i64>, GcState)> = HashMap::new();
    let mut phase: Option<Phase> = None;
    let mut shown = false;
    let mut collecting = false;
    let flush = |phase: Option<Phase>,
                 marks: &HashMap<u32, (Option<i64>, GcState)>,
                 out: &mut Vec<Step>| {
        let Some(phase) = phase else { return };
        let Some(text) = caption(phase) else { return };
        let mut step = base.clone();
        step.kind = StepKind::Collector {
            phase: phase.name().to_string(),
            caption: text.to_string(),
        };
        for object in &mut step.objects {
            if let Some(&(gc_refs, state)) = marks.get(&object.id) {
                object.gc_refs = gc_refs;
                object.gc_state = Some(state);
            }
        }
        out.push(step);
    };
    for event in events {
        match *event {
            Event::CollectionStarted { automatic, .. } => {
                collecting = true;
                shown = !automatic;
                marks.clear();
                phase = None;
            }
            Event::PhaseEntered { phase: next } if collecting => {
                if shown {
                    flush(phase, &marks, &mut out);
                }
                if phase.is_some_and(|p| p >= Phase::CheckResurrected)
                    || next > Phase::CheckResurrected
                {
                    for (_, state) in marks.values_mut() {
                        if *state == GcState::TentativelyUnreachable {
                            *state = GcState::Unreachable;
                        }
                    }
                }
                phase = Some(next);
            }
            Event::GcRefs { obj, gc_refs } if collecting => {
                if let Some(&id) = ids.get(&obj) {
                    let entry = marks.entry(id).or_insert((None, GcState::Reachable));
                    entry.0 = Some(gc_refs);
                }
            }
            Event::Moved { obj, to } if collecting => {
                if let Some(&id) = ids.get(&obj) {
                    let state = match to {
                        GcList::Unreachable | GcList::Finalized | GcList::StillUnreachable => {
                            GcState::TentativelyUnreachable
                        }
                        GcList::Uncollectable => GcState::Uncollectable,
                        _ => GcState::Reachable,
                    };
                    let entry = marks.entry(id).or_insert((None, state));
                    entry.1 = state;
                }
            }
            Event::CollectionFinished { .. } if collecting => {
                if shown {
                    flush(phase, &marks, &mut out);
                }
                collecting = false;
                phase = None;
            }
            _ => {}
        }
    }
    out
}
