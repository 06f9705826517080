//! The course outline, a lesson, and one exercise with its hints, answer and progress.

use std::sync::Arc;

use leptos::prelude::*;
use lessons::{course, Exercise, Lesson, Source};
use wasm_bindgen::JsCast;
use web_ui::components::editor_problem::EditorProblemNote;
use web_ui::components::exercise_check::{grade_memo, ExerciseCheck, ExerciseTask};
use web_ui::components::json_editor::JsonEditor;
use web_ui::components::markup::{InlineMarkup, Markup};
use web_ui::components::match_result::MatchResult;
use web_ui::pattern_check::analyse;
use web_ui::site::Page;

use crate::app::use_learner;
use crate::route::Route;

/// Where a finished exercise leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    /// The next exercise of the same lesson (its DOM id).
    Exercise(String),
    /// Another page: the next lesson or the outline.
    Link { href: String, label: String },
}

/// A DOM id for an exercise (`exact-values/detail-type` -> `ex-exact-values-detail-type`).
pub fn dom_id(exercise_id: &str) -> String {
    let safe: String = exercise_id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("ex-{safe}")
}

/// What follows exercise `index` of `lesson`.
pub fn next_after(lesson: &Lesson, index: usize) -> Next {
    if let Some(next) = lesson.exercises().get(index + 1) {
        return Next::Exercise(dom_id(next.id()));
    }
    match course().next_lesson(lesson.id()) {
        Some(next) => Next::Link {
            href: Route::lesson_fragment(next.id()),
            label: format!("Next lesson: {}", lessons::markup::plain_text(next.title())),
        },
        None => Next::Link {
            href: "#/learn".to_owned(),
            label: "Back to the course outline".to_owned(),
        },
    }
}

#[component]
pub fn Outline() -> impl IntoView {
    let learner = use_learner();
    let confirm_reset = RwSignal::new(false);
    let total: usize = course().lessons().iter().map(|l| l.exercises().len()).sum();
    let solved = move || {
        learner.progress.with(|p| {
            course()
                .lessons()
                .iter()
                .map(|l| p.lesson_score(l).0)
                .sum::<usize>()
        })
    };
    view! {
        <section class="page learn-outline" aria-labelledby="page-title">
            <h1 id="page-title" tabindex="-1">"Learn event patterns"</h1>
            <p class="lead">
                "A short course on Amazon EventBridge event patterns. Each lesson explains one idea with an example "
                "you can edit, then gives you exercises: write a pattern, and every event is graded as you type, by "
                "the same matcher that answers like AWS."
            </p>
            <p class="learn-score" aria-live="polite">{move || format!("{} of {total} exercises solved.", solved())}</p>
            <ol class="lesson-list">
                {course().lessons().iter().enumerate().map(|(n, lesson)| {
                    let score = move || learner.progress.with(|p| p.lesson_score(lesson));
                    let state = move || {
                        let (done, of) = score();
                        if done == of { "lesson-done" } else if done > 0 { "lesson-started" } else { "lesson-new" }
                    };
                    view! {
                        <li class=move || format!("lesson-item {}", state())>
                            <a href=Route::lesson_fragment(lesson.id()) class="lesson-link">
                                <span class="lesson-number" aria-hidden="true">{n + 1}</span>
                                <span class="lesson-title"><InlineMarkup text=lesson.title()/></span>
                            </a>
                            <span class="lesson-summary"><InlineMarkup text=lesson.summary()/></span>
                            <span class="lesson-score">
                                {move || {
                                    let (done, of) = score();
                                    if done == of { format!("✓ {done} of {of} solved") } else { format!("{done} of {of} solved") }
                                }}
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <section class="learn-more" aria-labelledby="new-bus-title">
                <h2 id="new-bus-title">"After Classic: the new Custom Event Bus"</h2>
                <p>
                    "Subscribers on the Custom Event Bus (2026) use the same patterns in three scopes, without "
                    "wildcards and with shorter retries. Four tasks, graded by the new bus's own filters: "
                    <a href=Page::Learn.link_to(Page::CustomBus, "#/custom-bus/lesson")>"Three scopes, and what Classic habits break"</a>
                </p>
            </section>
            <section class="learn-more" aria-labelledby="teach-title">
                <h2 id="teach-title">"For teachers"</h2>
                <p>
                    "Make your own exercise from partner sample events or your own, and share it as a link or embed it "
                    "in a docs page or a course site. "
                    <a href="#/learn/teach">"Make an exercise"</a>
                </p>
            </section>
            <section class="learn-reset" aria-labelledby="reset-title">
                <h2 id="reset-title">"Your progress"</h2>
                <p>"Progress is kept in this browser; the playground's data export includes it."</p>
                <Show
                    when=move || confirm_reset.get()
                    fallback=move || view! {
                        <button type="button" on:click=move |_| confirm_reset.set(true)>"Reset my progress"</button>
                    }
                >
                    <p role="alert">"Forget every solved exercise, pattern and hint?"</p>
                    <button type="button" class="danger" on:click=move |_| {
                        learner.progress.update(|p| p.reset());
                        confirm_reset.set(false);
                    }>"Yes, reset my progress"</button>
                    " "
                    <button type="button" on:click=move |_| confirm_reset.set(false)>"Keep it"</button>
                </Show>
            </section>
        </section>
    }
}

#[component]
pub fn LessonPage(id: String) -> impl IntoView {
    let Some(lesson) = course().lesson(&id) else {
        return view! {
            <section class="page" aria-labelledby="page-title">
                <h1 id="page-title" tabindex="-1">"Lesson not found"</h1>
                <p>"There is no lesson called \u{201c}" {id} "\u{201d}."</p>
                <p><a href="#/learn">"See all lessons"</a></p>
            </section>
        }
        .into_any();
    };
    let position = course()
        .lessons()
        .iter()
        .position(|l| l.id() == lesson.id())
        .unwrap_or(0);
    let count = course().lessons().len();
    view! {
        <article class="page lesson" aria-labelledby="page-title">
            <p class="breadcrumb"><a href="#/learn">"Course"</a>" · lesson " {position + 1} " of " {count}</p>
            <h1 id="page-title" tabindex="-1"><InlineMarkup text=lesson.title()/></h1>
            <div class="lesson-explanation"><Markup text=lesson.explanation()/></div>
            <LiveExample lesson=lesson/>
            {lesson.exercises().iter().enumerate().map(|(index, exercise)| {
                view! {
                    <ExercisePanel
                        exercise=Arc::new(exercise.clone())
                        heading=format!("Exercise {} of {}", index + 1, lesson.exercises().len())
                        next=next_after(lesson, index)
                    />
                }
            }).collect_view()}
            <Sources sources=lesson.sources()/>
        </article>
    }
    .into_any()
}

#[component]
fn LiveExample(lesson: &'static Lesson) -> impl IntoView {
    let example = lesson.example();
    let pattern = RwSignal::new(example.pattern.clone());
    let event = RwSignal::new(example.event.clone());
    let analysis = Memo::new(move |_| pattern.with(|p| event.with(|e| analyse(p, e))));
    let pattern_problem = Signal::derive(move || analysis.with(|a| a.pattern_problem.clone()));
    let event_problem = Signal::derive(move || analysis.with(|a| a.event_problem.clone()));
    view! {
        <section class="live-example" aria-labelledby="example-title">
            <h2 id="example-title">"Try it"</h2>
            <p>"Edit the pattern or the event: the result below follows every change."</p>
            <div class="embed-editors">
                <div>
                    <JsonEditor
                        value=pattern
                        label="Example pattern"
                        id="example-pattern"
                        highlights=Signal::derive(move || analysis.with(|a| a.pattern_highlights.clone()))
                        problem_id=Signal::derive(move || pattern_problem.with(Option::is_some).then(|| "example-pattern-problem".to_owned()))
                    />
                    <EditorProblemNote problem=pattern_problem id="example-pattern-problem"/>
                </div>
                <div>
                    <JsonEditor
                        value=event
                        label="Example event"
                        id="example-event"
                        highlights=Signal::derive(move || analysis.with(|a| a.event_highlights.clone()))
                        problem_id=Signal::derive(move || event_problem.with(Option::is_some).then(|| "example-event-problem".to_owned()))
                    />
                    <EditorProblemNote problem=event_problem id="example-event-problem"/>
                </div>
            </div>
            <MatchResult analysis_verdict=Signal::derive(move || analysis.with(|a| a.verdict.clone()))/>
        </section>
    }
}

#[component]
fn Sources(sources: &'static [Source]) -> impl IntoView {
    let urls: Vec<&str> = sources
        .iter()
        .filter_map(|s| match s {
            Source::Url(url) => Some(url.as_str()),
            _ => None,
        })
        .collect();
    (!urls.is_empty()).then(|| view! {
        <footer class="lesson-sources">
            <h2>"Read more"</h2>
            <ul>{urls.into_iter().map(|url| view! { <li><a href=url target="_blank" rel="noopener">{url}</a></li> }).collect_view()}</ul>
        </footer>
    })
}

/// One exercise: task, the live grading, hints one at a time, the answer after a few tries, and
/// what comes next once solved. Progress (pattern, hints, solved) is recorded as the learner types.
#[component]
pub fn ExercisePanel(
    exercise: Arc<Exercise>,
    #[prop(into)] heading: String,
    next: Next,
) -> impl IntoView {
    let learner = use_learner();
    let key = exercise.id().to_owned();
    let dom = dom_id(&key);
    let saved = learner
        .progress
        .with_untracked(|p| p.get(&key).map(|e| e.last_pattern.clone()));
    let pattern = RwSignal::new(match saved {
        Some(text) if !text.is_empty() => text,
        _ => exercise.start().to_owned(),
    });
    let graded = grade_memo(Arc::clone(&exercise), pattern);
    // Record every grading but the first (the restored text is not a new attempt).
    {
        let key = key.clone();
        Effect::new(move |first: Option<()>| {
            let grade = graded.get();
            if first.is_some() {
                let text = pattern.get_untracked();
                learner
                    .progress
                    .update(|p| p.entry(&key).record(&text, &grade));
            }
        });
    }
    let entry = {
        let key = key.clone();
        Memo::new(move |_| {
            learner
                .progress
                .with(|p| p.get(&key).cloned().unwrap_or_default())
        })
    };
    let solved = Signal::derive(move || entry.with(|e| e.solved));
    let solved_now = Signal::derive(move || graded.with(|g| g.is_solved()));
    let reveal =
        Signal::derive(move || entry.with(|e| e.reveals_hidden_events()) || solved_now.get());
    let hints = exercise.hints().to_vec();
    let hint_count = hints.len();
    let hints_used = Signal::derive(move || entry.with(|e| e.hints_used as usize).min(hint_count));
    let may_show_answer = {
        let exercise = Arc::clone(&exercise);
        Signal::derive(move || entry.with(|e| e.may_show_answer(&exercise)))
    };
    let answer_shown = Signal::derive(move || entry.with(|e| e.answer_shown));
    let reveal_hint = {
        let key = key.clone();
        let exercise = Arc::clone(&exercise);
        move |_| {
            learner.progress.update(|p| {
                p.entry(&key).reveal_hint(&exercise);
            });
        }
    };
    let show_answer = {
        let key = key.clone();
        move |_| {
            learner
                .progress
                .update(|p| p.entry(&key).answer_shown = true)
        }
    };
    let answer = exercise.answer().map(str::to_owned);
    let use_answer = {
        let answer = answer.clone().unwrap_or_default();
        move |_| pattern.set(answer.clone())
    };
    let heading_id = format!("{dom}-title");
    let labelled_by = heading_id.clone();
    let any_hint_shown = Signal::derive(move || hints_used.get() != 0);
    let more_hints = Signal::derive(move || hints_used.get() < hint_count && !solved_now.get());
    let next_view = move || {
        match next.clone() {
        Next::Exercise(id) => view! {
            <button type="button" class="primary" on:click=move |_| focus_exercise(&id)>"Next exercise"</button>
        }
        .into_any(),
        Next::Link { href, label } => view! { <a class="button-link next-link" href=href>{label}</a> }.into_any(),
    }
    };
    let title = exercise.title().to_owned();
    view! {
        <section class="exercise" id=dom.clone() aria-labelledby=labelled_by>
            <h2 id=heading_id tabindex="-1">
                {heading}
                {(!title.is_empty()).then(|| format!(": {title}"))}
                <span class="exercise-badge" hidden=move || !solved.get()>" ✓ solved"</span>
            </h2>
            <ExerciseTask text=exercise.task().to_owned()/>
            <ExerciseCheck exercise=Arc::clone(&exercise) pattern=pattern graded=graded reveal=reveal id=dom.clone()/>
            <div class="exercise-help">
                <Show when=move || any_hint_shown.get()>
                    <ol class="hints" aria-label="Hints" aria-live="polite">
                        {
                            let hints = hints.clone();
                            move || hints.iter().take(hints_used.get()).map(|h| view! { <li><InlineMarkup text=h.clone()/></li> }).collect_view()
                        }
                    </ol>
                </Show>
                <div class="exercise-actions">
                    <Show when=move || more_hints.get()>
                        <button type="button" on:click=reveal_hint.clone()>
                            {move || if hints_used.get() == 0 { "Show a hint".to_owned() } else { format!("Show hint {} of {hint_count}", hints_used.get() + 1) }}
                        </button>
                    </Show>
                    <Show when=move || may_show_answer.get() && !answer_shown.get() && !solved_now.get()>
                        <button type="button" on:click=show_answer.clone()>"Show answer"</button>
                    </Show>
                    <Show when=move || solved_now.get() || solved.get()>{next_view.clone()}</Show>
                </div>
                {answer.map(|answer| view! {
                    <Show when=move || answer_shown.get()>
                        <div class="exercise-answer">
                            <p>"One answer (any pattern that grades every event right is correct):"</p>
                            <pre class="code-block">{answer.clone()}</pre>
                            <button type="button" on:click=use_answer.clone()>"Put it in the editor"</button>
                        </div>
                    </Show>
                })}
            </div>
        </section>
    }
}

fn focus_exercise(id: &str) {
    let Some(section) = document().get_element_by_id(id) else {
        return;
    };
    section.scroll_into_view();
    if let Ok(Some(editor)) = section.query_selector("textarea") {
        if let Ok(editor) = editor.dyn_into::<web_sys::HtmlElement>() {
            let _ = editor.focus();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_leads_through_the_exercises_then_the_lessons() {
        let lessons = course().lessons();
        let first = &lessons[0];
        assert!(first.exercises().len() > 1);
        assert_eq!(
            next_after(first, 0),
            Next::Exercise(dom_id(first.exercises()[1].id()))
        );
        match next_after(first, first.exercises().len() - 1) {
            Next::Link { href, label } => {
                assert_eq!(href, Route::lesson_fragment(lessons[1].id()));
                assert!(label.starts_with("Next lesson: "), "{label}");
                assert!(!label.contains('`'), "{label}");
            }
            other => panic!("{other:?}"),
        }
        let last = lessons.last().unwrap();
        assert_eq!(
            next_after(last, last.exercises().len() - 1),
            Next::Link {
                href: "#/learn".into(),
                label: "Back to the course outline".into()
            }
        );
    }

    #[test]
    fn dom_ids_are_unique_and_plain() {
        let mut seen = std::collections::BTreeSet::new();
        for lesson in course().lessons() {
            for exercise in lesson.exercises() {
                let id = dom_id(exercise.id());
                assert!(
                    id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
                    "{id}"
                );
                assert!(seen.insert(id));
            }
        }
    }
}
