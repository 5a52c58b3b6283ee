//! The heap explorer for one listing: editor, controls, diagram and console.

use std::rc::Rc;

use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::{
    model::Recording,
    record::record_with,
    ui::{diagram::Diagram, editor::Editor, memory::MemoryChart},
};

/// What the page gives a widget.
#[derive(Properties, PartialEq, Clone)]
pub struct WidgetProps {
    /// The listing as the chapter wrote it.
    pub listing: AttrValue,
    /// Run the listing at once and show the last step at this line (where an exercise's
    /// check failed).
    #[prop_or_default]
    pub start_at_line: Option<u32>,
    /// Start with a step for every reference count change (the listing's `events` option).
    #[prop_or_default]
    pub events: bool,
}

/// The widget's state: the text being edited and, once run, the recording being viewed.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The listing as the chapter wrote it (what Reset restores).
    pub original: Rc<str>,
    /// The text in the editor.
    pub source: Rc<str>,
    /// The run of `source`, once Run or Step has been pressed.
    pub recording: Option<Rc<Recording>>,
    /// The step shown, an index into the recording's steps.
    pub step: usize,
    /// Record a step for every reference count change, not only one per line.
    pub events: bool,
}

/// What the reader can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The editor's text changed: the old recording no longer matches it.
    Edit(Rc<str>),
    /// Run the program and show its final state.
    Run,
    /// Show the next step (running the program first if needed).
    Step,
    /// Show the previous step.
    Back,
    /// Show step `n` (from the slider, or Home/End).
    Seek(usize),
    /// Restore the chapter's listing and clear the run.
    Reset,
    /// Switch between a step per line and a step per reference count change.
    ToggleEvents,
}

impl State {
    /// The starting state for a listing.
    pub fn new(listing: &str) -> State {
        let listing: Rc<str> = Rc::from(listing);
        State {
            original: listing.clone(),
            source: listing,
            recording: None,
            step: 0,
            events: false,
        }
    }

    /// The state of a listing run at once and shown at its last step on `line` (or at
    /// its end if no step is).
    pub fn at_line(listing: &str, line: u32) -> State {
        let ran = State::new(listing).apply(Action::Run);
        let steps = ran
            .recording
            .as_ref()
            .map(|r| r.steps.as_slice())
            .unwrap_or(&[]);
        match steps.iter().rposition(|s| s.line == line) {
            Some(step) => ran.apply(Action::Seek(step)),
            None => ran,
        }
    }

    /// The number of steps recorded (0 before a run).
    pub fn step_count(&self) -> usize {
        self.recording.as_ref().map_or(0, |r| r.steps.len())
    }

    /// The state after `action`.
    pub fn apply(&self, action: Action) -> State {
        let mut next = self.clone();
        let events = self.events;
        let recorded = |source: &str| Some(Rc::new(record_with(source, events)));
        match action {
            Action::Edit(text) => {
                next.source = text;
                next.recording = None;
                next.step = 0;
            }
            Action::Run => {
                next.recording = recorded(&next.source);
                next.step = next.step_count().saturating_sub(1);
            }
            Action::Step if next.recording.is_none() => {
                next.recording = recorded(&next.source);
                next.step = 0;
            }
            Action::Step => next.step = (next.step + 1).min(next.step_count().saturating_sub(1)),
            Action::Back => next.step = next.step.saturating_sub(1),
            Action::Seek(step) => next.step = step.min(next.step_count().saturating_sub(1)),
            Action::Reset => {
                next = State::new(&self.original);
                next.events = self.events;
            }
            Action::ToggleEvents => {
                next.events = !self.events;
                if let Some(old) = &self.recording {
                    // Show the same line in the new recording.
                    let line = old.steps.get(self.step).map_or(0, |s| s.line);
                    let events = next.events;
                    let new = Rc::new(record_with(&next.source, events));
                    next.step = if self.step == 0 {
                        0
                    } else {
                        new.steps.iter().rposition(|s| s.line == line).unwrap_or(0)
                    };
                    next.recording = Some(new);
                }
            }
        }
        next
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// Keys that step through a run while the diagram has focus. They are kept from mdbook, which
/// would otherwise turn the page on the arrow keys.
fn stepping_key(event: &KeyboardEvent, steps: usize) -> Option<Action> {
    if event.alt_key() || event.ctrl_key() || event.meta_key() {
        return None;
    }
    match event.key().as_str() {
        "ArrowRight" | "ArrowDown" => Some(Action::Step),
        "ArrowLeft" | "ArrowUp" => Some(Action::Back),
        "Home" => Some(Action::Seek(0)),
        "End" => Some(Action::Seek(steps.saturating_sub(1))),
        _ => None,
    }
}

/// One heap explorer.
#[function_component(Widget)]
pub fn widget(props: &WidgetProps) -> Html {
    let state = use_reducer(|| match props.start_at_line {
        Some(line) => State::at_line(&props.listing, line),
        None => State {
            events: props.events,
            ..State::new(&props.listing)
        },
    });
    let send = |action: Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(action.clone()))
    };
    let on_edit = {
        let state = state.clone();
        Callback::from(move |text: Rc<str>| state.dispatch(Action::Edit(text)))
    };
    let on_run_key = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::Run))
    };
    let steps = state.step_count();
    let on_slide = {
        let state = state.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Ok(step) = input.value().parse() {
                state.dispatch(Action::Seek(step));
            }
        })
    };
    let on_diagram_key = {
        let state = state.clone();
        Callback::from(move |event: KeyboardEvent| {
            if let Some(action) = stepping_key(&event, steps) {
                event.prevent_default();
                event.stop_propagation();
                state.dispatch(action);
            }
        })
    };
    let recording = state.recording.clone();
    let current = recording.as_ref().and_then(|r| r.steps.get(state.step));
    let previous = match (&recording, state.step) {
        (Some(r), n) if n > 0 => r.steps.get(n - 1),
        _ => None,
    };
    let at_end = steps > 0 && state.step + 1 == steps;
    let output = match (&recording, current) {
        (Some(r), _) if at_end => format!("{}{}", r.stdout, r.stderr),
        (_, Some(step)) => step.stdout.clone(),
        _ => String::new(),
    };
    let status = match &recording {
        None => "Not run yet.".to_string(),
        Some(r) if at_end && r.failed => {
            format!("Step {} of {steps}: the program failed.", state.step + 1)
        }
        Some(_) if at_end => format!("Step {} of {steps}: the program has ended.", state.step + 1),
        Some(_) => format!("Step {} of {steps}.", state.step + 1),
    };
    let line = current.map_or(0, |s| s.line);
    html! {
        <div class="wl-widget">
            <Editor source={state.source.clone()} line={line} on_edit={on_edit} on_run={on_run_key} />
            <div class="wl-controls" role="group" aria-label="Run the listing">
                <button class="wl-run" onclick={send(Action::Run)} title="Run (Ctrl+Enter in the editor)">{"Run"}</button>
                <button class="wl-step" onclick={send(Action::Step)} disabled={steps > 0 && at_end}>{"Step"}</button>
                <button class="wl-back" onclick={send(Action::Back)} disabled={state.step == 0}>{"Step back"}</button>
                <button class="wl-reset" onclick={send(Action::Reset)}>{"Reset"}</button>
                <button class="wl-events" onclick={send(Action::ToggleEvents)}
                    aria-pressed={state.events.to_string()}
                    title="Step through every reference count change, not only line by line">
                    { if state.events { "Steps: every refcount change" } else { "Steps: by line" } }
                </button>
                <input class="wl-slider" type="range" min="0" max={steps.saturating_sub(1).to_string()}
                    value={state.step.to_string()} disabled={steps < 2} oninput={on_slide}
                    aria-label="Step" />
                <span class="wl-status" aria-live="polite">{status}</span>
            </div>
            if let Some(step) = current.filter(|s| !s.frames.is_empty() || !s.objects.is_empty()) {
                <div class="wl-diagram-region" tabindex="0" onkeydown={on_diagram_key}
                    aria-label="Heap diagram; the arrow keys step, Home and End jump">
                    <Diagram step={Rc::new(step.clone())} previous={previous.cloned().map(Rc::new)} />
                </div>
            }
            if let Some(recording) = recording.clone().filter(|r| r.steps.len() > 1) {
                <MemoryChart recording={recording} step={state.step} />
            }
            <pre class="wl-console" aria-label="Output" aria-live="polite">{output}</pre>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_move_through_the_run() {
        let start = State::new("print(1)\n");
        let ran = start.apply(Action::Run);
        let last = ran.step_count() - 1;
        assert!(last > 0);
        assert_eq!(ran.step, last);
        assert_eq!(ran.recording.as_ref().unwrap().stdout, "1\n");
        assert_eq!(ran.apply(Action::Back).step, last - 1);
        assert_eq!(ran.apply(Action::Step).step, last);
        assert_eq!(ran.apply(Action::Seek(99)).step, last);
        assert_eq!(ran.apply(Action::Seek(0)).step, 0);
        let edited = ran.apply(Action::Edit(Rc::from("print(2)\n")));
        assert!(edited.recording.is_none());
        let stepped = edited.apply(Action::Step);
        assert_eq!(stepped.step, 0);
        assert!(stepped.step_count() > 1);
        let reset = edited.apply(Action::Reset);
        assert_eq!(reset, start);
    }

    #[test]
    fn event_steps_show_each_reference_taken() {
        let lines = State::new("a = []\nb = [a, a]\n").apply(Action::Run);
        let events = lines.apply(Action::ToggleEvents);
        assert!(events.events);
        let notes: Vec<String> = events
            .recording
            .as_ref()
            .unwrap()
            .steps
            .iter()
            .filter_map(|s| s.note.clone())
            .collect();
        assert!(
            notes
                .iter()
                .any(|n| n == "list #1: refcount 2 -> 3, pushed on the value stack"),
            "{notes:#?}"
        );
        assert!(events.step_count() > lines.step_count());
        assert_eq!(events.step, events.step_count() - 1);
        let back = events.apply(Action::ToggleEvents);
        assert_eq!(back.step_count(), lines.step_count());
    }

    #[test]
    fn failures_are_recorded() {
        let ran = State::new("1/0\n").apply(Action::Run);
        let recording = ran.recording.unwrap();
        assert!(recording.failed);
        assert!(
            recording
                .stderr
                .ends_with("ZeroDivisionError: division by zero\n"),
            "{}",
            recording.stderr
        );
    }
}
