//! The JSON editor as a Leptos component: [`JsonEditorWidget`] kept in step with signals.

use leptos::html;
use leptos::prelude::*;

use crate::components::Mounted;
use crate::json_highlight::Highlight;
use crate::widgets::json_editor::{EditorSettings, JsonEditorWidget};

#[component]
pub fn JsonEditor(
    /// The text being edited.
    value: RwSignal<String>,
    /// The visible label of the editor.
    #[prop(into)]
    label: String,
    /// Ranges to mark: parser errors, failing fields, matched values.
    #[prop(into)]
    highlights: Signal<Vec<Highlight>>,
    /// Shows the text without letting it be changed.
    #[prop(optional)]
    readonly: bool,
    /// The DOM id of the text area (the label points at it).
    #[prop(into)]
    id: String,
    /// The id of an element describing the current problem, if there is one.
    #[prop(optional, into)]
    problem_id: Signal<Option<String>>,
) -> impl IntoView {
    let root = NodeRef::<html::Div>::new();
    let widget = Mounted::<JsonEditorWidget>::new();
    root.on_load(move |root| {
        let settings = EditorSettings {
            label: &label,
            id: &id,
            readonly,
        };
        let editor = JsonEditorWidget::build(&root, &settings, move |text| {
            value.try_set(text);
        });
        value.with_untracked(|text| editor.set_text(text));
        highlights.with_untracked(|marks| editor.set_highlights(marks));
        problem_id.with_untracked(|id| editor.set_problem_id(id.as_deref()));
        widget.set(editor);
    });
    Effect::new(move |_| value.with(|text| widget.with(|editor| editor.set_text(text))));
    Effect::new(move |_| {
        highlights.with(|marks| widget.with(|editor| editor.set_highlights(marks)))
    });
    Effect::new(move |_| {
        problem_id.with(|id| widget.with(|editor| editor.set_problem_id(id.as_deref())));
    });
    view! { <div node_ref=root></div> }
}
