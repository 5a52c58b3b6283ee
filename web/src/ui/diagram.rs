//! The heap diagram: an SVG of the frames and their names on the left and the objects on the
//! right, with a text description of the same picture for screen readers.

use std::{collections::HashMap, rc::Rc};

use yew::prelude::*;

use crate::{
    layout::{layout, FRAME_WIDTH, OBJECT_HEIGHT, OBJECT_WIDTH, ROW_HEIGHT},
    model::{GcMark, Object, ObjectKey, Step, Value},
};

/// The diagram's inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct DiagramProps {
    /// The step to draw.
    pub step: Rc<Step>,
    /// The step before it, to highlight what changed.
    pub previous: Option<Rc<Step>>,
}

/// The longest value shown inside an object's box.
const VALUE_CHARS: usize = 16;

/// The longest value shown beside a name.
const ATOM_CHARS: usize = 8;

/// `text` cut to `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut short: String = text.chars().take(max - 1).collect();
    short.push('…');
    short
}

/// The value written after the type in an object's box; a value that starts with the type's
/// name (`list of 2`) drops it.
fn value_text(object: &Object) -> String {
    let value = object
        .value
        .strip_prefix(&object.type_name)
        .unwrap_or(&object.value)
        .trim_start();
    if value.is_empty() {
        String::new()
    } else {
        format!(" {}", shorten(value, VALUE_CHARS))
    }
}

/// Names for objects a reader can tell apart: `list #1`, `list #2`, `dict #1`, numbered by key
/// within each type.
pub fn object_names(step: &Step) -> HashMap<ObjectKey, String> {
    let mut objects: Vec<&Object> = step.objects.iter().collect();
    objects.sort_by_key(|o| o.key);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    objects
        .into_iter()
        .map(|o| {
            let n = counts.entry(&o.type_name).or_insert(0);
            *n += 1;
            (o.key, format!("{} #{n}", o.type_name))
        })
        .collect()
}

/// One sentence per object: "list #1: refcount 2, held by l1 and by list #2".
pub fn describe(step: &Step) -> Vec<String> {
    let names = object_names(step);
    let mut lines = Vec::new();
    for object in &step.objects {
        let mut holders: Vec<String> = Vec::new();
        for frame in &step.frames {
            for (name, value) in &frame.names {
                if *value == Value::Object(object.key) {
                    holders.push(format!("by {name}"));
                }
            }
        }
        for edge in step.edges.iter().filter(|e| e.to == object.key) {
            let holder = names.get(&edge.from).cloned().unwrap_or_default();
            holders.push(if edge.weak {
                format!("weakly by {holder}")
            } else {
                format!("by {holder}")
            });
        }
        let name = &names[&object.key];
        let mut line = format!("{name}: refcount {}", object.refcount);
        if !holders.is_empty() {
            line.push_str(", held ");
            line.push_str(&holders.join(" and "));
        }
        if object.unreachable {
            line.push_str("; no name reaches it, only a cycle keeps it alive");
        }
        if object.has_del {
            line.push_str("; its class defines __del__");
        }
        if let Some(gc_refs) = object.gc_refs {
            line.push_str(&format!("; gc_refs {gc_refs}"));
        }
        if let Some(mark) = object.gc_state {
            line.push_str(&format!("; the collector has it as {}", mark.words()));
        }
        lines.push(line);
    }
    lines
}

/// Whether `object` is new or different since `previous`.
fn changed(object: &Object, previous: Option<&Step>) -> bool {
    match previous {
        None => false,
        Some(previous) => previous.object(object.key) != Some(object),
    }
}

/// The diagram.
#[function_component(Diagram)]
pub fn diagram(props: &DiagramProps) -> Html {
    let placed = use_memo(props.step.clone(), |step| layout(step));
    let step = &props.step;
    let names = object_names(step);
    let previous = props.previous.as_deref();
    let frames = placed.frames.iter().map(|frame_box| {
        let frame = &step.frames[frame_box.index];
        html! {
            <g class="wl-frame">
                <rect x={frame_box.x.to_string()} y={frame_box.y.to_string()}
                    width={FRAME_WIDTH.to_string()} height={frame_box.height.to_string()} rx="4" />
                <text class="wl-frame-name" x={(frame_box.x + 8.0).to_string()}
                    y={(frame_box.y + ROW_HEIGHT * 0.7).to_string()}>{ frame.name.clone() }</text>
                { for frame.names.iter().enumerate().map(|(row, (name, value))| html! {
                    <text class="wl-name" x={(frame_box.x + 12.0).to_string()}
                        y={(frame_box.y + ROW_HEIGHT * (row as f64 + 1.7)).to_string()}>
                        { name.clone() }
                        if let Value::Atom(text) = value {
                            <tspan class="wl-atom">{ format!(" = {}", shorten(text, ATOM_CHARS)) }</tspan>
                        }
                    </text>
                }) }
            </g>
        }
    });
    let arrows = placed.arrows.iter().map(|arrow| {
        html! {
            <path class={classes!("wl-ref", arrow.weak.then_some("wl-weak"))} d={arrow.path.clone()}
                marker-end="url(#wl-arrowhead)" />
        }
    });
    let objects = placed.objects.iter().filter_map(|object_box| {
        let object = step.object(object_box.key)?;
        let classes = classes!(
            "wl-object",
            changed(object, previous).then_some("wl-changed"),
            object.unreachable.then_some("wl-unreachable"),
            object.has_del.then_some("wl-has-del"),
            match object.gc_state {
                Some(GcMark::Tentative) => Some("wl-tentative"),
                Some(GcMark::Garbage | GcMark::Uncollectable) => Some("wl-garbage"),
                _ => None,
            },
        );
        let (x, y) = (object_box.x, object_box.y);
        Some(html! {
            <g class={classes} data-name={names[&object.key].clone()}
                data-refcount={object.refcount.to_string()}>
                <rect x={x.to_string()} y={y.to_string()} width={OBJECT_WIDTH.to_string()}
                    height={OBJECT_HEIGHT.to_string()} rx="4" />
                <text x={(x + 8.0).to_string()} y={(y + 17.0).to_string()}>
                    <tspan class="wl-type">{ object.type_name.clone() }</tspan>
                    <tspan class="wl-value">{ value_text(object) }</tspan>
                </text>
                <text class="wl-refcount" x={(x + 8.0).to_string()} y={(y + 35.0).to_string()}>
                    { format!("refcount {}", object.refcount) }
                    { if object.has_del { " · __del__" } else { "" } }
                </text>
                if let Some(gc_refs) = object.gc_refs {
                    <text class="wl-gc-state" x={(x + 8.0).to_string()} y={(y + OBJECT_HEIGHT + 12.0).to_string()}>
                        <tspan class="wl-gc-refs">{ format!("gc_refs {gc_refs}") }</tspan>
                        { match object.gc_state {
                            Some(mark) if mark != GcMark::Reachable => format!(" · {}", mark.short_words()),
                            _ => String::new(),
                        } }
                    </text>
                }
            </g>
        })
    });
    let description = describe(step);
    html! {
        <figure class="wl-diagram">
            if let Some(note) = &step.note {
                <p class="wl-note">{ note.clone() }</p>
            }
            if step.hidden_objects > 0 {
                <p class="wl-note">{ format!("{} more objects are not drawn.", step.hidden_objects) }</p>
            }
            <svg width={placed.width.to_string()} height={placed.height.to_string()}
                viewBox={format!("0 0 {} {}", placed.width, placed.height)} aria-hidden="true">
                <defs>
                    <marker id="wl-arrowhead" viewBox="0 0 10 10" refX="9" refY="5"
                        markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path class="wl-arrowhead" d="M0,0 L10,5 L0,10 z" />
                    </marker>
                </defs>
                { for frames }
                { for arrows }
                { for objects }
            </svg>
            <figcaption class="wl-describe">
                <ul>{ for description.into_iter().map(|line| html! { <li>{ line }</li> }) }</ul>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Frame, Value};

    #[test]
    fn describes_the_collectors_marks() {
        let object = |key, gc_refs, gc_state| Object {
            key,
            type_name: "list".into(),
            refcount: 2,
            unreachable: true,
            gc_refs: Some(gc_refs),
            gc_state: Some(gc_state),
            ..Object::default()
        };
        let step = Step {
            objects: vec![
                object(1, 0, GcMark::Tentative),
                object(2, 1, GcMark::Reachable),
            ],
            ..Step::default()
        };
        assert_eq!(
            describe(&step),
            vec![
                "list #1: refcount 2; no name reaches it, only a cycle keeps it alive; \
                 gc_refs 0; the collector has it as tentatively unreachable"
                    .to_string(),
                "list #2: refcount 2; no name reaches it, only a cycle keeps it alive; \
                 gc_refs 1; the collector has it as reachable"
                    .to_string(),
            ]
        );
    }

    #[test]
    fn describes_holders() {
        let list = |key, refcount| Object {
            key,
            type_name: "list".into(),
            value: "[]".into(),
            refcount,
            ..Object::default()
        };
        let step = Step {
            frames: vec![Frame {
                name: "<module>".into(),
                names: vec![
                    ("l1".into(), Value::Object(1)),
                    ("l2".into(), Value::Object(2)),
                ],
            }],
            objects: vec![list(1, 3), list(2, 2)],
            edges: vec![Edge {
                from: 2,
                to: 1,
                label: "[0]".into(),
                weak: false,
            }],
            ..Step::default()
        };
        assert_eq!(
            describe(&step),
            vec![
                "list #1: refcount 3, held by l1 and by list #2".to_string(),
                "list #2: refcount 2, held by l2".to_string(),
            ]
        );
    }

    #[test]
    fn shortens_values() {
        assert_eq!(shorten("[1, 2]", 16), "[1, 2]");
        assert_eq!(shorten("abcdefghij", 5), "abcd…");
    }
}
