//! A teacher's exercise opened from a link (`#/learn/exercise?x=…`). A damaged link, or one
//! from a newer playground, says why and changes nothing.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use lessons::Exercise;
use web_ui::exercise_view::open_exercise_link;

use crate::lesson::{ExercisePanel, Next};

#[derive(Clone)]
enum Opened {
    Opening,
    Ready(Arc<Exercise>),
    Failed(String),
}

#[component]
pub fn SharedExercise(encoded: Option<String>) -> impl IntoView {
    let state = RwSignal::new(Opened::Opening);
    match encoded {
        None => state.set(Opened::Failed(
            "This link has no exercise in it (the part after x= is missing).".to_owned(),
        )),
        Some(encoded) => spawn_local(async move {
            let opened = match open_exercise_link(&encoded).await {
                Ok(exercise) => Opened::Ready(Arc::new(exercise)),
                Err(error) => Opened::Failed(error.to_string()),
            };
            let _ = state.try_set(opened);
        }),
    }
    view! {
        <article class="page lesson" aria-labelledby="page-title">
            <p class="breadcrumb"><a href="#/learn">"Course"</a>" · shared exercise"</p>
            {move || match state.get() {
                Opened::Opening => view! {
                    <h1 id="page-title" tabindex="-1">"Shared exercise"</h1>
                    <p role="status">"Opening the exercise…"</p>
                }.into_any(),
                Opened::Failed(message) => view! {
                    <h1 id="page-title" tabindex="-1">"This exercise could not be opened"</h1>
                    <p class="error" role="alert">{message}</p>
                    <p>"Nothing was changed. Ask for the link again, or "<a href="#/learn">"try the course"</a>"."</p>
                }.into_any(),
                Opened::Ready(exercise) => {
                    let title = if exercise.title().is_empty() { "Shared exercise".to_owned() } else { exercise.title().to_owned() };
                    view! {
                        <h1 id="page-title" tabindex="-1">{title}</h1>
                        <p class="note">"An exercise a teacher shared with you. Your pattern is graded in your browser as you type."</p>
                        <ExercisePanel exercise=exercise heading="Exercise" next=Next::Link { href: "#/learn".into(), label: "Try the course".into() }/>
                    }.into_any()
                }
            }}
        </article>
    }
}
