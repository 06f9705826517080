//! The message under a JSON editor whose text the matcher refuses (AWS's words, and where).

use leptos::prelude::*;

use crate::pattern_check::EditorProblem;

#[component]
pub fn EditorProblemNote(
    problem: Signal<Option<EditorProblem>>,
    /// The element id, for the editor's `aria-describedby`.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    move || {
        problem.get().map(|problem| {
            view! {
                <p class="editor-problem" id=id.clone()>
                    {problem.located_message()}
                    {problem.detail.map(|detail| view! { <span class="editor-problem-detail">{format!(" ({detail})")}</span> })}
                </p>
            }
        })
    }
}
