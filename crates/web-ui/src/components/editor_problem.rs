//! The message under a JSON editor whose text the matcher refuses, as a Leptos component (the
//! widget's markup, shown while the signal holds a problem).

use leptos::html;
use leptos::prelude::*;

use crate::pattern_check::EditorProblem;
use crate::widgets::editor_problem::fill_problem_note;

#[component]
pub fn EditorProblemNote(
    problem: Signal<Option<EditorProblem>>,
    /// The element id, for the editor's `aria-describedby`.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    move || {
        problem.get().map(|problem| {
            let note = NodeRef::<html::P>::new();
            let id = id.clone();
            note.on_load(move |note| fill_problem_note(&note, &id, &problem));
            view! { <p node_ref=note></p> }
        })
    }
}
