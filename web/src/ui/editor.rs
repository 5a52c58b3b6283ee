//! The listing's editor: a plain textarea over a highlighted copy of its text, with line
//! numbers and the syntax error's line and column marked.

use std::rc::Rc;

use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::highlight::{highlight, syntax_error};

/// The editor's inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct EditorProps {
    /// The text to show.
    pub source: Rc<str>,
    /// The line the shown step is about to run (0: none).
    pub line: u32,
    /// Called with the new text after each edit.
    pub on_edit: Callback<Rc<str>>,
    /// Called on Ctrl+Enter (or Cmd+Enter).
    pub on_run: Callback<()>,
}

/// The editor.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let error = use_memo(props.source.clone(), |source| syntax_error(source));
    let pieces = {
        let error = error.clone();
        use_memo(props.source.clone(), move |source| {
            highlight(source, (*error).as_ref())
        })
    };
    let line_count = props
        .source
        .trim_end_matches('\n')
        .split('\n')
        .count()
        .max(1);
    let error_line = (*error).as_ref().map_or(0, |e| e.line as usize);
    let current = props.line as usize;
    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            on_edit.emit(Rc::from(area.value()));
        })
    };
    let onkeydown = {
        let on_run = props.on_run.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
                event.prevent_default();
                on_run.emit(());
            }
        })
    };
    html! {
        <div class="wl-editor-box">
            <div class="wl-editor">
                <div class="wl-gutter" aria-hidden="true">
                    { for (1..=line_count).map(|n| html! {
                        <div class={classes!(
                            "wl-lineno",
                            (n == error_line).then_some("wl-error-line"),
                            (n == current).then_some("wl-current"),
                        )}>{ n }</div>
                    }) }
                </div>
                <div class="wl-code">
                    <pre class="wl-overlay" aria-hidden="true">
                        { for pieces.iter().map(|piece| html! {
                            <span class={classes!(piece.class, piece.error.then_some("wl-error-mark"))}>
                                { piece.text.clone() }
                            </span>
                        }) }
                        { "\n" }
                    </pre>
                    <textarea class="wl-input" spellcheck="false" wrap="off"
                        autocapitalize="off" autocomplete="off"
                        rows={line_count.to_string()} value={props.source.to_string()}
                        aria-label="Python listing (Ctrl+Enter runs it)"
                        {oninput} {onkeydown} />
                </div>
            </div>
            if let Some(error) = (*error).as_ref() {
                <p class="wl-syntax-error" role="status">
                    { format!("Line {}, column {}: {}", error.line, error.column, error.message) }
                </p>
            }
        </div>
    }
}
