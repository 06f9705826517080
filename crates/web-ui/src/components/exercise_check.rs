//! An exercise graded live: the pattern editor with AWS's error at its place, the feedback, the
//! exercise's rules, and the table of events with ✓/✗ and, for each event graded wrong, why it
//! matched or not, field by field. The course and the docs embed both use it; what surrounds it
//! (hints, the answer, progress) is theirs.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use lessons::{grade, Exercise, Grade, Status};

use crate::components::editor_problem::EditorProblemNote;
use crate::components::json_editor::JsonEditor;
use crate::components::markup::{InlineMarkup, Markup};
use crate::exercise_view::{
    announcement, event_rows, hidden_summary, pattern_highlights, pattern_problem, EventRow,
};
use crate::widgets::match_result::show_event_trace;

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
    let editor_id = format!("{id}-pattern");
    let problem_id = format!("{id}-problem");
    let problem = Signal::derive(move || graded.with(|g| pattern_problem(g)));
    let highlights = Signal::derive(move || graded.with(|g| pattern_highlights(g, reveal.get())));
    let described_by = {
        let problem_id = problem_id.clone();
        Signal::derive(move || problem.with(Option::is_some).then(|| problem_id.clone()))
    };
    let status_class = move || {
        graded.with(|g| match g.status {
            Status::Solved => "exercise-feedback feedback-solved",
            Status::Empty => "exercise-feedback feedback-waiting",
            _ => "exercise-feedback feedback-wrong",
        })
    };
    let table_exercise = Arc::clone(&exercise);
    let rows = move || graded.with(|g| event_rows(&table_exercise, g, reveal.get()));
    let hidden = move || graded.with(|g| hidden_summary(g, reveal.get()));
    let constraints = move || graded.with(|g| g.constraints.clone());

    view! {
        <div class="exercise-check">
            <JsonEditor
                value=pattern
                label="Your pattern"
                id=editor_id
                highlights=highlights
                problem_id=described_by
            />
            <EditorProblemNote problem=problem id=problem_id/>
            <p class=status_class data-status=move || graded.with(|g| status_name(g.status))>
                {move || graded.with(|g| view! { <InlineMarkup text=g.feedback.message.clone()/> })}
            </p>
            <p class="visually-hidden" role="status" aria-live="polite">
                {move || graded.with(|g| announcement(g))}
            </p>
            {move || {
                let list = constraints();
                (!list.is_empty()).then(|| view! {
                    <ul class="exercise-rules" aria-label="Rules of the exercise">
                        {list.into_iter().map(|c| {
                            let (class, mark, words) = if c.met {
                                ("grade-right", "✓", "met: ")
                            } else {
                                ("grade-wrong", "✗", "broken: ")
                            };
                            view! {
                                <li class=class>
                                    <span aria-hidden="true">{mark}" "</span>
                                    <span class="visually-hidden">{words}</span>
                                    <InlineMarkup text=c.message/>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
            <table class="event-table">
                <caption>"Events: each must match, or not, as marked"</caption>
                <thead>
                    <tr><th scope="col">"Event"</th><th scope="col">"Expected"</th><th scope="col">"Your pattern"</th></tr>
                </thead>
                <tbody>
                    {move || rows().into_iter().map(row_view).collect_view()}
                </tbody>
            </table>
            {move || hidden().map(|h| view! { <p class="hidden-events">{h.sentence()}</p> })}
        </div>
    }
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Empty => "empty",
        Status::Invalid => "invalid",
        Status::ConstraintUnmet => "constraint-unmet",
        Status::Wrong => "wrong",
        Status::Solved => "solved",
    }
}

fn row_view(row: EventRow) -> impl IntoView {
    let EventRow {
        index,
        label,
        expected,
        mark,
        outcome,
        was_hidden,
        text,
        why,
    } = row;
    let name = if label.is_empty() {
        format!("Event {}", index + 1)
    } else {
        label
    };
    view! {
        <tr class=format!("event-row {}", mark.class()) data-event=index.to_string()>
            <td>
                <details class="event-text">
                    <summary>{name}{was_hidden.then_some(" (was hidden)")}</summary>
                    <pre class="code-block">{text}</pre>
                </details>
            </td>
            <td>{expected}</td>
            <td class="event-mark">
                <span aria-hidden="true">{mark.symbol()}" "</span>
                <span class="visually-hidden">{mark.words()}": "</span>
                {outcome}
            </td>
        </tr>
        {why.map(|trace| {
            let cell = NodeRef::<html::Td>::new();
            cell.on_load(move |cell| show_event_trace(&cell, &trace));
            view! {
                <tr class="event-why">
                    <td colspan="3" node_ref=cell></td>
                </tr>
            }
        })}
    }
}

/// The task of an exercise.
#[component]
pub fn ExerciseTask(#[prop(into)] text: String) -> impl IntoView {
    view! { <div class="exercise-task"><Markup text=text/></div> }
}
