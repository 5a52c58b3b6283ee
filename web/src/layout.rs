//! The diagram's layered layout: frames in a column on the left, objects in layers to the
//! right by their distance from a name, objects no name reaches in the last layers.
//!
//! Positions depend only on the step's structure, and objects keep their discovery order, so a
//! step that changes one reference moves little.

use std::collections::{HashMap, VecDeque};

use crate::model::{ObjectKey, Step, Value};

/// Width of a frame's box.
pub const FRAME_WIDTH: f64 = 150.0;
/// Height of a frame's title row and of each of its name rows.
pub const ROW_HEIGHT: f64 = 22.0;
/// Width of an object's box.
pub const OBJECT_WIDTH: f64 = 150.0;
/// Height of an object's box.
pub const OBJECT_HEIGHT: f64 = 44.0;
/// Space around and between boxes.
const GAP: f64 = 16.0;
/// Horizontal distance between the left edges of two object layers.
const LAYER_STEP: f64 = OBJECT_WIDTH + 60.0;

/// Where everything goes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// The drawing's width.
    pub width: f64,
    /// The drawing's height.
    pub height: f64,
    /// One box per frame, outermost first.
    pub frames: Vec<FrameBox>,
    /// One box per object.
    pub objects: Vec<ObjectBox>,
    /// One curve per reference (from names and from objects).
    pub arrows: Vec<Arrow>,
}

/// A frame's box; its name rows follow its title row.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameBox {
    /// The frame's index in the step.
    pub index: usize,
    /// Top-left corner.
    pub x: f64,
    /// Top-left corner.
    pub y: f64,
    /// Height (title row plus one row per name).
    pub height: f64,
}

/// An object's box.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectBox {
    /// The object.
    pub key: ObjectKey,
    /// Top-left corner.
    pub x: f64,
    /// Top-left corner.
    pub y: f64,
}

/// A reference drawn as a curve.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    /// SVG path data.
    pub path: String,
    /// A weak reference (drawn dashed).
    pub weak: bool,
    /// The object it points to.
    pub to: ObjectKey,
}

/// A curve from `(x1, y1)` leaving rightwards to `(x2, y2)` arriving from the left; a target
/// left of the start is reached by a loop below both points.
fn curve(x1: f64, y1: f64, x2: f64, y2: f64) -> String {
    if x2 > x1 + 10.0 {
        let bend = ((x2 - x1) / 2.0).max(20.0);
        format!(
            "M{x1:.1},{y1:.1} C{:.1},{y1:.1} {:.1},{y2:.1} {x2:.1},{y2:.1}",
            x1 + bend,
            x2 - bend
        )
    } else {
        let low = y1.max(y2) + OBJECT_HEIGHT;
        format!(
            "M{x1:.1},{y1:.1} C{:.1},{y1:.1} {:.1},{low:.1} {:.1},{low:.1} \
             S{:.1},{y2:.1} {x2:.1},{y2:.1}",
            x1 + 40.0,
            x1 + 20.0,
            (x1 + x2) / 2.0,
            x2 - 40.0,
        )
    }
}

/// Each object's layer: 0 for objects a name refers to, one more for each reference further;
/// objects no name reaches get layers after those, from their own lowest-keyed object.
fn layers(step: &Step) -> Vec<(ObjectKey, usize)> {
    let mut layer_of: HashMap<ObjectKey, usize> =
        step.objects.iter().map(|o| (o.key, usize::MAX)).collect();
    let mut order = Vec::new();
    let mut queue = VecDeque::new();
    let mut visit = |key: ObjectKey, layer: usize, queue: &mut VecDeque<(ObjectKey, usize)>| {
        if layer_of.get(&key) == Some(&usize::MAX) {
            layer_of.insert(key, layer);
            order.push((key, layer));
            queue.push_back((key, layer));
        }
    };
    for frame in &step.frames {
        for (_, value) in &frame.names {
            if let Value::Object(key) = value {
                visit(*key, 0, &mut queue);
            }
        }
    }
    let mut unvisited: Vec<ObjectKey> = step.objects.iter().map(|o| o.key).collect();
    unvisited.sort_unstable();
    let mut unvisited = unvisited.into_iter();
    let mut next_start = 0;
    loop {
        while let Some((key, layer)) = queue.pop_front() {
            next_start = next_start.max(layer + 1);
            for edge in step.edges.iter().filter(|e| e.from == key) {
                visit(edge.to, layer + 1, &mut queue);
            }
        }
        match unvisited.next() {
            Some(key) => visit(key, next_start, &mut queue),
            None => break,
        }
    }
    order
}

/// Lays out one step.
pub fn layout(step: &Step) -> Layout {
    let mut result = Layout::default();
    let mut y = GAP;
    let mut rows: HashMap<(usize, usize), f64> = HashMap::new();
    for (index, frame) in step.frames.iter().enumerate() {
        let height = ROW_HEIGHT * (1 + frame.names.len()) as f64;
        result.frames.push(FrameBox {
            index,
            x: GAP,
            y,
            height,
        });
        for row in 0..frame.names.len() {
            rows.insert((index, row), y + ROW_HEIGHT * (row as f64 + 1.5));
        }
        y += height + GAP;
    }
    let frames_bottom = y;
    let left = GAP + FRAME_WIDTH + 70.0;
    let mut filled: Vec<usize> = Vec::new();
    let mut boxes: HashMap<ObjectKey, (f64, f64)> = HashMap::new();
    for (key, layer) in layers(step) {
        if filled.len() <= layer {
            filled.resize(layer + 1, 0);
        }
        let x = left + LAYER_STEP * layer as f64;
        let y = GAP + (OBJECT_HEIGHT + GAP) * filled[layer] as f64;
        filled[layer] += 1;
        boxes.insert(key, (x, y));
        result.objects.push(ObjectBox { key, x, y });
    }
    for (index, frame) in step.frames.iter().enumerate() {
        for (row, (_, value)) in frame.names.iter().enumerate() {
            let Value::Object(key) = value else {
                continue;
            };
            if let (Some(&(x, y)), Some(&row_y)) = (boxes.get(key), rows.get(&(index, row))) {
                result.arrows.push(Arrow {
                    path: curve(GAP + FRAME_WIDTH, row_y, x, y + OBJECT_HEIGHT / 2.0),
                    weak: false,
                    to: *key,
                });
            }
        }
    }
    for edge in &step.edges {
        if let (Some(&(x1, y1)), Some(&(x2, y2))) = (boxes.get(&edge.from), boxes.get(&edge.to)) {
            result.arrows.push(Arrow {
                path: curve(
                    x1 + OBJECT_WIDTH,
                    y1 + OBJECT_HEIGHT / 2.0,
                    x2,
                    y2 + OBJECT_HEIGHT / 2.0,
                ),
                weak: edge.weak,
                to: edge.to,
            });
        }
    }
    let tallest = filled.iter().copied().max().unwrap_or(0) as f64;
    result.height = frames_bottom
        .max(GAP + (OBJECT_HEIGHT + GAP) * tallest)
        .max(2.0 * GAP)
        + OBJECT_HEIGHT / 2.0;
    result.width = left + LAYER_STEP * filled.len().max(1) as f64;
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Frame, Object};

    /// `l1 = []; l2 = [l1]; l1.append(l2)` plus an unreachable self-referencing list.
    fn cycle_step() -> Step {
        let object = |key, type_name: &str| Object {
            key,
            type_name: type_name.into(),
            value: String::new(),
            refcount: 2,
            unreachable: key == 9,
            ..Object::default()
        };
        let edge = |from, to| Edge {
            from,
            to,
            label: "[0]".into(),
            weak: false,
        };
        Step {
            frames: vec![Frame {
                name: "<module>".into(),
                names: vec![
                    ("l1".into(), Value::Object(1)),
                    ("l2".into(), Value::Object(2)),
                ],
            }],
            objects: vec![object(9, "list"), object(2, "list"), object(1, "list")],
            edges: vec![edge(1, 2), edge(2, 1), edge(9, 9)],
            ..Step::default()
        }
    }

    #[test]
    fn layers_by_distance_from_names() {
        assert_eq!(layers(&cycle_step()), vec![(1, 0), (2, 0), (9, 1)]);
    }

    #[test]
    fn places_every_object_and_reference() {
        let layout = layout(&cycle_step());
        assert_eq!(layout.frames.len(), 1);
        assert_eq!(layout.objects.len(), 3);
        // Two names and three object references.
        assert_eq!(layout.arrows.len(), 5);
        let unreachable = layout.objects.iter().find(|o| o.key == 9).unwrap();
        assert!(unreachable.x > layout.objects[0].x);
        assert!(layout.width >= unreachable.x + OBJECT_WIDTH);
        assert!(layout.height > 0.0);
    }

    #[test]
    fn lays_out_three_hundred_objects() {
        let mut step = cycle_step();
        step.objects = (0..300)
            .map(|key| Object {
                key,
                ..Object::default()
            })
            .collect();
        step.edges = (1..300)
            .map(|key| Edge {
                from: key - 1,
                to: key,
                label: String::new(),
                weak: key % 2 == 0,
            })
            .collect();
        step.frames[0].names = vec![("head".into(), Value::Object(0))];
        let layout = layout(&step);
        assert_eq!(layout.objects.len(), 300);
        assert_eq!(layout.arrows.len(), 300);
    }
}
