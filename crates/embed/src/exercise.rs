//! A teacher's exercise in a docs page: `#/embed?exercise=<link value>`. The task, the editor and
//! the events graded live; hints one at a time; the answer and the hidden events only once solved
//! or given up. Nothing is kept: a reload starts over.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use lessons::{Exercise, ExerciseProgress};
use web_ui::components::exercise_check::{grade_memo, ExerciseCheck, ExerciseTask};
use web_ui::components::markup::InlineMarkup;
use web_ui::exercise_view::open_exercise_link;

use crate::height::post_height;

#[derive(Clone)]
enum Opened {
    Opening,
    Ready(Arc<Exercise>),
    Failed(String),
}

#[component]
pub fn ExerciseEmbed(encoded: String) -> impl IntoView {
    let state = RwSignal::new(Opened::Opening);
    spawn_local(async move {
        let opened = match open_exercise_link(&encoded).await {
            Ok(exercise) => Opened::Ready(Arc::new(exercise)),
            Err(error) => Opened::Failed(error.to_string()),
        };
        let _ = state.try_set(opened);
        request_animation_frame(post_height);
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| post_height());
    on_cleanup(move || resize.remove());
    view! {
        <main class="embed embed-exercise" aria-label="Event pattern exercise">
            {move || match state.get() {
                Opened::Opening => view! { <p role="status">"Opening the exercise…"</p> }.into_any(),
                Opened::Failed(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                Opened::Ready(exercise) => view! { <Graded exercise=exercise/> }.into_any(),
            }}
            <p class="embed-footer">"Graded in your browser by the EventBridge Pattern Playground; nothing is sent anywhere."</p>
        </main>
    }
}

#[component]
fn Graded(exercise: Arc<Exercise>) -> impl IntoView {
    let pattern = RwSignal::new(exercise.start().to_owned());
    let graded = grade_memo(Arc::clone(&exercise), pattern);
    let progress = RwSignal::new(ExerciseProgress::default());
    Effect::new(move |first: Option<()>| {
        let grade = graded.get();
        if first.is_some() {
            let text = pattern.get_untracked();
            progress.update(|p| p.record(&text, &grade));
        }
        request_animation_frame(post_height);
    });
    let solved_now = Signal::derive(move || graded.with(|g| g.is_solved()));
    let reveal =
        Signal::derive(move || progress.with(|p| p.reveals_hidden_events()) || solved_now.get());
    let hints = exercise.hints().to_vec();
    let hint_count = hints.len();
    let hints_used = Signal::derive(move || progress.with(|p| p.hints_used as usize));
    let more_hints = Signal::derive(move || hints_used.get() < hint_count && !solved_now.get());
    let may_give_up = {
        let exercise = Arc::clone(&exercise);
        Signal::derive(move || {
            progress.with(|p| p.may_show_answer(&exercise) && !p.answer_shown) && !solved_now.get()
        })
    };
    let answer = exercise.answer().map(str::to_owned);
    let show_answer = Signal::derive(move || progress.with(|p| p.answer_shown || p.solved));
    let hint_exercise = Arc::clone(&exercise);
    let title = exercise.title().to_owned();
    view! {
        {(!title.is_empty()).then(|| view! { <h1 class="embed-title">{title}</h1> })}
        <ExerciseTask text=exercise.task().to_owned()/>
        <ExerciseCheck exercise=Arc::clone(&exercise) pattern=pattern graded=graded reveal=reveal id="embed-exercise"/>
        <ol class="hints" aria-label="Hints" aria-live="polite">
            {move || hints.iter().take(hints_used.get()).map(|h| view! { <li><InlineMarkup text=h.clone()/></li> }).collect_view()}
        </ol>
        <div class="exercise-actions">
            <Show when=move || more_hints.get()>
                <button type="button" on:click={
                    let exercise = Arc::clone(&hint_exercise);
                    move |_| progress.update(|p| { p.reveal_hint(&exercise); })
                }>"Show a hint"</button>
            </Show>
            <Show when=move || may_give_up.get()>
                <button type="button" on:click=move |_| progress.update(|p| p.answer_shown = true)>"Give up and show the answer"</button>
            </Show>
        </div>
        {answer.map(|answer| view! {
            <Show when=move || show_answer.get()>
                <div class="exercise-answer">
                    <p>"The teacher's answer (any pattern that grades every event right is correct):"</p>
                    <pre class="code-block">{answer.clone()}</pre>
                </div>
            </Show>
        })}
    }
}
