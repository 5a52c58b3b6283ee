//! A small chart of the bytes alive on the heap at each step, with the shown step marked.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::Recording;

/// The chart's size in pixels.
const WIDTH: f64 = 240.0;
const HEIGHT: f64 = 40.0;

/// The chart's inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct MemoryProps {
    /// The run.
    pub recording: Rc<Recording>,
    /// The step shown.
    pub step: usize,
}

/// The points of the chart's line, one per step, scaled so the least and most bytes alive
/// span the chart's height.
pub fn points(live: &[usize]) -> Vec<(f64, f64)> {
    let least = live.iter().copied().min().unwrap_or(0);
    let range = (live.iter().copied().max().unwrap_or(0) - least).max(1) as f64;
    let last = live.len().saturating_sub(1).max(1) as f64;
    live.iter()
        .enumerate()
        .map(|(i, bytes)| {
            (
                WIDTH * i as f64 / last,
                HEIGHT - HEIGHT * (bytes - least) as f64 / range,
            )
        })
        .collect()
}

/// The chart.
#[function_component(MemoryChart)]
pub fn memory_chart(props: &MemoryProps) -> Html {
    let live: Vec<usize> = props.recording.steps.iter().map(|s| s.live_bytes).collect();
    let line = points(&live)
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let (x, y) = points(&live)
        .get(props.step)
        .copied()
        .unwrap_or((0.0, HEIGHT));
    let bytes = live.get(props.step).copied().unwrap_or(0);
    let change = bytes as i64 - live.first().copied().unwrap_or(0) as i64;
    html! {
        <div class="wl-memory">
            <svg width={WIDTH.to_string()} height={(HEIGHT + 4.0).to_string()}
                viewBox={format!("-2 -2 {} {}", WIDTH + 4.0, HEIGHT + 4.0)} aria-hidden="true">
                <polyline class="wl-memory-line" points={line} />
                <circle class="wl-memory-now" cx={x.to_string()} cy={y.to_string()} r="3" />
            </svg>
            <span class="wl-memory-label">{ format!("{bytes} bytes alive ({change:+} since the first step)") }</span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_to_the_chart() {
        assert_eq!(
            points(&[1000, 1050, 1100]),
            vec![(0.0, HEIGHT), (WIDTH / 2.0, HEIGHT / 2.0), (WIDTH, 0.0)]
        );
        assert_eq!(points(&[]), vec![]);
        assert_eq!(points(&[0]), vec![(0.0, HEIGHT)]);
    }
}
