//! The lesson on the new bus's three scopes (`#/custom-bus/lesson`): one task at a time, the
//! learner's filters graded on every event as they type by the crate's own filters, a hint on
//! request, the explanation once solved, and progress kept in the browser.

use custom_bus::filter::{FilterSpec, Scope};
use custom_bus::lesson::{LessonTask, SCOPES_LESSON};
use leptos::prelude::*;

use crate::forms::lines_of;
use crate::lesson_progress::{LessonProgress, DAMAGED_KEY, STORAGE_KEY};
use crate::problem_list::ProblemList;

const SCOPES: [(Scope, &str); 3] = [
    (Scope::Data, "DATA"),
    (Scope::Metadata, "METADATA"),
    (Scope::SystemMetadata, "SYSTEM_METADATA"),
];

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The saved progress, and a notice when it could not be read.
fn load() -> (LessonProgress, Option<String>) {
    let fresh = LessonProgress::new(&SCOPES_LESSON);
    let Some(storage) = storage() else {
        return (
            fresh,
            Some("This browser keeps no storage for this page: progress is not saved.".into()),
        );
    };
    match storage.get_item(STORAGE_KEY).ok().flatten() {
        None => (fresh, None),
        Some(text) => match LessonProgress::from_json(&text, &SCOPES_LESSON) {
            Ok(progress) => (progress, None),
            Err(why) => {
                let kept = storage.set_item(DAMAGED_KEY, &text).is_ok();
                let notice = if kept {
                    format!("Your saved progress could not be read ({why}); it is kept aside in this browser's storage under {DAMAGED_KEY}, and the lesson starts afresh.")
                } else {
                    format!("Your saved progress could not be read ({why}), and there was no room to keep a copy; the lesson starts afresh.")
                };
                (fresh, Some(notice))
            }
        },
    }
}

fn save(progress: &LessonProgress) -> Result<(), String> {
    storage()
        .ok_or_else(|| "no storage".to_owned())?
        .set_item(STORAGE_KEY, &progress.to_json())
        .map_err(|_| "Progress is not saved: the browser's storage is full or blocked.".to_owned())
}

#[component]
pub fn LessonView() -> impl IntoView {
    let (loaded, notice) = load();
    let progress = RwSignal::new(loaded);
    let notice = RwSignal::new(notice);
    Effect::new(move |first: Option<()>| {
        progress.track();
        if first.is_some() {
            match progress.with_untracked(save) {
                Ok(()) => notice.update(|n| {
                    if n.as_deref()
                        .is_some_and(|n| n.starts_with("Progress is not saved"))
                    {
                        *n = None;
                    }
                }),
                Err(message) => notice.set(Some(message)),
            }
        }
    });
    let lesson = &SCOPES_LESSON;
    view! {
        {move || notice.get().map(|message| view! { <p class="notice-banner" role="status">{message}</p> })}
        <h1 id="lesson-title">{lesson.title}</h1>
        <p class="lead">{lesson.intro}</p>
        <p class="learn-score" aria-live="polite">
            {move || format!("{} of {} tasks solved.", progress.with(LessonProgress::solved), lesson.tasks.len())}
        </p>
        {lesson.tasks.iter().enumerate().map(|(index, task)| view! { <TaskView index task progress/> }).collect_view()}
        <p><a href="#/custom-bus">"Back to the Custom Event Bus"</a> " · " <a href="../learn/#/learn">"All lessons"</a></p>
    }
}

#[component]
fn TaskView(
    index: usize,
    task: &'static LessonTask,
    progress: RwSignal<LessonProgress>,
) -> impl IntoView {
    let show_hint = RwSignal::new(false);
    let answer = move |scope: usize| progress.with(|p| p.tasks[index].answers[scope].clone());
    let grade = Memo::new(move |_| {
        let filters: Vec<FilterSpec> = progress.with(|p| {
            SCOPES
                .iter()
                .zip(&p.tasks[index].answers)
                .map(|((scope, _), text)| FilterSpec::new(*scope, text.as_str()))
                .collect()
        });
        let grade = task.grade(&filters);
        let problems = lines_of(&grade.problems);
        (grade.is_solved(), grade.events, problems)
    });
    // Solved once, solved for good: the outline counts it.
    Effect::new(move |_| {
        if grade.with(|g| g.0) && !progress.with_untracked(|p| p.tasks[index].solved) {
            progress.update(|p| p.tasks[index].solved = true);
        }
    });
    let id = format!("task-{}", index + 1);
    view! {
        <section class="cb-step cb-task" id=id.clone() aria-labelledby=format!("{id}-title")>
            <h2 id=format!("{id}-title")>{format!("Task {}", index + 1)}</h2>
            <p>{task.prompt}</p>
            <div class="cb-filters">
                {SCOPES.iter().enumerate().map(|(scope_index, (_, name))| {
                    let field = format!("{id}-{}", name.to_lowercase());
                    view! {
                        <div class="field">
                            <label for=field.clone()>{format!("{name} filter")}</label>
                            <textarea id=field class="code" rows="2" spellcheck="false" placeholder="(none)"
                                prop:value=move || answer(scope_index)
                                on:input=move |ev| progress.update(|p| p.tasks[index].answers[scope_index] = event_target_value(&ev))></textarea>
                        </div>
                    }
                }).collect_view()}
            </div>
            {move || grade.with(|(_, _, problems)| (!problems.is_empty()).then(|| view! { <ProblemList problems=problems.clone()/> }))}
            <table class="data-table cb-grade">
                <thead><tr><th scope="col">"Event"</th><th scope="col">"Should be"</th><th scope="col">"Your filters"</th></tr></thead>
                <tbody>
                    {move || grade.with(|(_, events, _)| events.iter().map(|e| {
                        let word = |delivered: bool| if delivered { "delivered" } else { "not delivered" };
                        view! {
                            <tr class=if e.is_right() { "grade-right" } else { "grade-wrong" }>
                                <th scope="row">{e.label}</th>
                                <td>{word(e.expected)}</td>
                                <td>{if e.is_right() { "✓ " } else { "✗ " }}{word(e.delivered)}</td>
                            </tr>
                        }
                    }).collect_view())}
                </tbody>
            </table>
            {move || if grade.with(|g| g.0) {
                view! { <p class="exercise-feedback feedback-solved" role="status">"Solved. " {task.explanation}</p> }.into_any()
            } else {
                view! {
                    <div class="button-row">
                        <button type="button" on:click=move |_| show_hint.set(true)>"Hint"</button>
                        {move || show_hint.get().then(|| view! { <span class="hint">{task.hint}</span> })}
                    </div>
                }.into_any()
            }}
        </section>
    }
}
