//! An exercise graded live as a Leptos component: [`ExerciseCheckWidget`] showing a grade memo.
//! The course uses it; what surrounds it (hints, the answer, progress) is the course's.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use lessons::{grade, Exercise, Grade};

use crate::components::markup::Markup;
use crate::components::Mounted;
use crate::widgets::exercise_check::ExerciseCheckWidget;

/// The grade of `pattern` on `exercise`, recomputed on every change of the text.
pub fn grade_memo(exercise: Arc<Exercise>, pattern: RwSignal<String>) -> Memo<Arc<Grade>> {
    // A grade has no equality (explanations are large); every new text is a new grade.
    Memo::new_with_compare(
        move |_| Arc::new(pattern.with(|text| grade(&exercise, text))),
        |_, _| true,
    )
}

#[component]
pub fn ExerciseCheck(
    exercise: Arc<Exercise>,
    pattern: RwSignal<String>,
    graded: Memo<Arc<Grade>>,
    /// Show the hidden events (solved or given up).
    #[prop(into)]
    reveal: Signal<bool>,
    /// A DOM id prefix, unique on the page.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let root = NodeRef::<html::Div>::new();
    let widget = Mounted::<ExerciseCheckWidget>::new();
    let show = {
        let exercise = Arc::clone(&exercise);
        move |check: &ExerciseCheckWidget| {
            graded.with(|grade| check.show(&exercise, grade, reveal.get()));
        }
    };
    let show_on_load = show.clone();
    root.on_load(move |root| {
        let check = ExerciseCheckWidget::build(&root, &id, move |text| {
            pattern.try_set(text);
        });
        pattern.with_untracked(|text| check.set_text(text));
        untrack(|| show_on_load(&check));
        widget.set(check);
    });
    Effect::new(move |_| pattern.with(|text| widget.with(|check| check.set_text(text))));
    Effect::new(move |_| {
        graded.track();
        reveal.track();
        widget.with(&show);
    });
    view! { <div node_ref=root></div> }
}

/// The task of an exercise.
#[component]
pub fn ExerciseTask(#[prop(into)] text: String) -> impl IntoView {
    view! { <div class="exercise-task"><Markup text=text/></div> }
}
