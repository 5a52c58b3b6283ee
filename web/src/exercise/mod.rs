//! An exercise page's widget: the learner's code in an editor (saved as they type), Check,
//! the checks' results (a failed one can open the heap diagram where it failed), hints
//! revealed one at a time, Reset, and a mark that stays once the exercise is solved.

pub mod progress;

use std::rc::Rc;
use std::time::Duration;

use weaklink_exercises::{run_checks, CheckResult, Exercise};
use yew::prelude::*;

use crate::ui::{
    editor::Editor,
    widget::{Widget, WidgetProps},
};
use progress::{code_key, hints_key, restore, solved_key, Store};

/// The browser's `localStorage` (nothing is kept where the browser refuses it).
pub struct BrowserStore;

impl BrowserStore {
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }
}

impl Store for BrowserStore {
    fn get(&self, key: &str) -> Option<String> {
        Self::storage()?.get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, value: &str) {
        if let Some(storage) = Self::storage() {
            let _ = storage.set_item(key, value);
        }
    }

    fn remove(&self, key: &str) {
        if let Some(storage) = Self::storage() {
            let _ = storage.remove_item(key);
        }
    }
}

/// What the page gives the widget.
#[derive(Properties, PartialEq, Clone)]
pub struct ExerciseProps {
    /// The exercise, read from the files embedded in the page.
    pub exercise: Rc<Exercise>,
}

/// One exercise.
#[function_component(ExerciseWidget)]
pub fn exercise_widget(props: &ExerciseProps) -> Html {
    let exercise = props.exercise.clone();
    let saved = use_memo((), {
        let exercise = exercise.clone();
        move |()| {
            restore(
                &BrowserStore,
                &exercise.name,
                exercise.version,
                &exercise.starter,
                exercise.hints.len(),
            )
        }
    });
    let code = use_state(|| Rc::<str>::from(saved.code.as_str()));
    let results = use_state(|| None::<Rc<Vec<CheckResult>>>);
    let checking = use_state(|| false);
    let hints = use_state(|| saved.hints);
    let solved = use_state(|| saved.solved);
    let heap_for = use_state(|| None::<usize>);

    let on_edit = {
        let (code, results, heap_for, exercise) = (
            code.clone(),
            results.clone(),
            heap_for.clone(),
            exercise.clone(),
        );
        Callback::from(move |text: Rc<str>| {
            BrowserStore.set(&code_key(&exercise.name, exercise.version), &text);
            code.set(text);
            results.set(None);
            heap_for.set(None);
        })
    };
    let check = {
        let (code, results, checking, solved, heap_for, exercise) = (
            code.clone(),
            results.clone(),
            checking.clone(),
            solved.clone(),
            heap_for.clone(),
            exercise.clone(),
        );
        Callback::from(move |()| {
            if *checking {
                return;
            }
            checking.set(true);
            heap_for.set(None);
            let (code, results, checking, solved, exercise) = (
                code.clone(),
                results.clone(),
                checking.clone(),
                solved.clone(),
                exercise.clone(),
            );
            // Let the page show "Checking…" before the checks take the thread.
            yew::platform::spawn_local(async move {
                yew::platform::time::sleep(Duration::from_millis(15)).await;
                let outcome = run_checks(&exercise, &code);
                if outcome.iter().all(|r| r.passed) {
                    BrowserStore.set(&solved_key(&exercise.name), "1");
                    solved.set(true);
                }
                results.set(Some(Rc::new(outcome)));
                checking.set(false);
            });
        })
    };
    let on_check_click = {
        let check = check.clone();
        Callback::from(move |_: MouseEvent| check.emit(()))
    };
    let on_hint = {
        let (hints, exercise) = (hints.clone(), exercise.clone());
        Callback::from(move |_: MouseEvent| {
            let shown = (*hints + 1).min(exercise.hints.len());
            BrowserStore.set(
                &hints_key(&exercise.name, exercise.version),
                &shown.to_string(),
            );
            hints.set(shown);
        })
    };
    let on_reset = {
        let (code, results, heap_for, exercise) = (
            code.clone(),
            results.clone(),
            heap_for.clone(),
            exercise.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let confirmed = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message(
                        "Start again from the starter code? Your code will be lost.",
                    )
                    .ok()
                })
                .unwrap_or(false);
            if confirmed {
                BrowserStore.remove(&code_key(&exercise.name, exercise.version));
                code.set(Rc::from(exercise.starter.as_str()));
                results.set(None);
                heap_for.set(None);
            }
        })
    };

    let summary = match (&*results, *checking) {
        (_, true) => "Checking…".to_string(),
        (None, false) => "Not checked yet.".to_string(),
        (Some(r), false) => {
            let passed = r.iter().filter(|c| c.passed).count();
            if passed == r.len() {
                format!("All {} checks pass.", r.len())
            } else {
                format!("{passed} of {} checks pass.", r.len())
            }
        }
    };
    let result_items = results.as_ref().map(|list| {
        list.iter()
            .enumerate()
            .map(|(index, result)| {
                let show = {
                    let heap_for = heap_for.clone();
                    Callback::from(move |_: MouseEvent| {
                        let next = (*heap_for != Some(index)).then_some(index);
                        heap_for.set(next);
                    })
                };
                let shown = *heap_for == Some(index);
                html! {
                    <li class={classes!("wl-check", if result.passed { "wl-pass" } else { "wl-fail" })}>
                        <span class="wl-check-mark" aria-hidden="true">
                            { if result.passed { "✓" } else { "✗" } }
                        </span>
                        <span class="wl-check-name">{ result.description.clone() }</span>
                        if !result.passed {
                            <span class="wl-check-message">{ result.message.clone() }</span>
                            <button class="wl-show-heap" onclick={show} aria-expanded={shown.to_string()}>
                                { if shown { "Hide the heap" } else { "Show the heap where it failed" } }
                            </button>
                        }
                        if shown {
                            <div class="wl-check-heap">
                                <Widget ..WidgetProps {
                                    listing: AttrValue::from(result.program.clone()),
                                    start_at_line: result.failed_line,
                                    events: false,
                                } />
                            </div>
                        }
                    </li>
                }
            })
            .collect::<Html>()
    });
    let hint_items = exercise
        .hints
        .iter()
        .take(*hints)
        .enumerate()
        .map(|(i, hint)| {
            html! { <li class="wl-hint"><strong>{ format!("Hint {}: ", i + 1) }</strong>{ hint.clone() }</li> }
        })
        .collect::<Html>();
    let more_hints = *hints < exercise.hints.len();
    html! {
        <div class="wl-widget wl-exercise-widget">
            <p class={classes!("wl-progress", solved.then_some("wl-solved"))} role="status">
                { if *solved { "✓ Solved — your solution passed every check." } else { "Not solved yet." } }
            </p>
            <Editor source={(*code).clone()} line={0} on_edit={on_edit} on_run={check} />
            <div class="wl-controls" role="group" aria-label="Check the exercise">
                <button class="wl-check-button" onclick={on_check_click} disabled={*checking}
                    title="Check (Ctrl+Enter in the editor)">{ "Check" }</button>
                <button class="wl-hint-button" onclick={on_hint} disabled={!more_hints}>
                    { if *hints == 0 { "Show a hint".to_string() } else if more_hints { "Show the next hint".to_string() } else { "No more hints".to_string() } }
                </button>
                <button class="wl-reset" onclick={on_reset}>{ "Reset" }</button>
                <span class="wl-status" aria-live="polite">{ summary }</span>
            </div>
            if *hints > 0 {
                <ol class="wl-hints">{ hint_items }</ol>
            }
            if let Some(items) = result_items {
                <ul class="wl-checks" aria-label="Checks">{ items }</ul>
            }
        </div>
    }
}
