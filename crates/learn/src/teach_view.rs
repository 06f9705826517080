//! The teacher's editor (`#/learn/teach`): events from the partner samples or pasted, each marked
//! should match or not and optionally hidden; the task, hints and a reference answer; then a share
//! link and an embed snippet. Checked live with the same rules the learner's page applies.

use leptos::prelude::*;
use leptos::task::spawn_local;
use lessons::{DraftEvent, ExerciseDraft, Expectation};
use web_ui::components::copy_block::CopyBlock;
use web_ui::link_codec;

use crate::teach::{
    check, embed_snippet, hints_from_text, restore_draft, sample_choices, sample_event, share_link,
    site_root, TEACHER_DRAFT_KEY,
};

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// One event being edited.
#[derive(Clone, Copy)]
struct EventEditor {
    key: usize,
    label: RwSignal<String>,
    text: RwSignal<String>,
    should_match: RwSignal<bool>,
    hidden: RwSignal<bool>,
}

impl EventEditor {
    fn new(key: usize, event: DraftEvent) -> EventEditor {
        EventEditor {
            key,
            label: RwSignal::new(event.label),
            text: RwSignal::new(event.event),
            should_match: RwSignal::new(event.expect.should_match()),
            hidden: RwSignal::new(event.hidden),
        }
    }

    fn draft(&self) -> DraftEvent {
        DraftEvent {
            label: self.label.get(),
            event: self.text.get(),
            expect: if self.should_match.get() {
                Expectation::Match
            } else {
                Expectation::NoMatch
            },
            hidden: self.hidden.get(),
        }
    }
}

#[component]
pub fn TeacherEditor() -> impl IntoView {
    let saved = local_storage()
        .and_then(|s| s.get_item(TEACHER_DRAFT_KEY).ok().flatten())
        .and_then(|text| restore_draft(&text))
        .unwrap_or_default();
    let title = RwSignal::new(saved.title);
    let task = RwSignal::new(saved.task);
    let start = RwSignal::new(saved.start);
    let answer = RwSignal::new(saved.answer.unwrap_or_default());
    let hints = RwSignal::new(saved.hints.join("\n"));
    let restored: Vec<EventEditor> = saved
        .events
        .into_iter()
        .enumerate()
        .map(|(key, event)| EventEditor::new(key, event))
        .collect();
    let next_key = StoredValue::new(restored.len());
    let events = RwSignal::new(restored);
    let add = move |event: DraftEvent| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        events.update(|list| list.push(EventEditor::new(key, event)));
    };
    let samples = StoredValue::new(sample_choices());
    let chosen = RwSignal::new(String::new());

    let draft = Memo::new(move |_| ExerciseDraft {
        title: title.get().trim().to_owned(),
        task: task.get().trim().to_owned(),
        start: start.get(),
        events: events.with(|list| list.iter().map(EventEditor::draft).collect()),
        hints: hints_from_text(&hints.get()),
        answer: Some(answer.get()),
        constraints: Vec::new(),
    });
    // Keep the draft as it is written (a reload or a closed tab loses nothing).
    let save_problem = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let text = draft.with(ExerciseDraft::to_document);
        let saved = local_storage().is_some_and(|s| s.set_item(TEACHER_DRAFT_KEY, &text).is_ok());
        save_problem.set((!saved).then(|| {
            "Browser storage is full or blocked: this draft will not survive a reload.".to_owned()
        }));
    });
    let start_over = move |_| {
        title.set(String::new());
        task.set(String::new());
        start.set(String::new());
        answer.set(String::new());
        hints.set(String::new());
        events.set(Vec::new());
    };
    let checked = Memo::new(move |_| {
        draft.with(|d| check(d).map(|_| d.to_document()).map_err(|e| e.to_string()))
    });
    // The link made for a document; shown only while the draft still is that document.
    let made = RwSignal::new(None::<(String, String)>);
    let link_error = RwSignal::new(None::<String>);
    let make_link = move |_| {
        let Ok(document) = checked.get_untracked() else {
            return;
        };
        link_error.set(None);
        spawn_local(async move {
            match link_codec::encode(&document).await {
                Ok(encoded) => made.set(Some((document, encoded))),
                Err(error) => link_error.set(Some(error.to_string())),
            }
        });
    };
    let current_link = Memo::new(move |_| {
        let (document, encoded) = made.get()?;
        (checked.get().ok()? == document).then_some(encoded)
    });
    let root = site_root(&window().location().href().unwrap_or_default());
    let link_text = {
        let root = root.clone();
        Signal::derive(move || {
            current_link
                .get()
                .map(|e| share_link(&root, &e))
                .unwrap_or_default()
        })
    };
    let snippet_text = Signal::derive(move || {
        current_link
            .get()
            .map(|e| embed_snippet(&root, &e, &title.get()))
            .unwrap_or_default()
    });

    view! {
        <section class="page teacher" aria-labelledby="page-title">
            <p class="breadcrumb"><a href="#/learn">"Course"</a>" · for teachers"</p>
            <h1 id="page-title" tabindex="-1">"Make an exercise"</h1>
            <p class="lead">
                "Choose events, mark which ones the learner's pattern should match, write the task, and share the "
                "exercise as a link or embed it in a page. The learner's pattern is graded as they type; the answer "
                "and the hidden events stay out of sight until they solve it or give up."
            </p>
            <p class="note" role="note">
                <strong>"A teaching aid, not an exam: "</strong>
                "the link carries the whole exercise, answer included, so a determined learner can decode it and read the answer."
            </p>

            {move || save_problem.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            <p>
                "Your draft is kept in this browser as you write. "
                <button type="button" on:click=start_over>"Start over"</button>
            </p>
            <h2>"Events"</h2>
            <div class="teacher-add">
                <label for="teacher-sample">"Partner sample event"</label>
                <select id="teacher-sample" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">"Choose a sample…"</option>
                    {samples.with_value(|list| list.iter().map(|s| view! { <option value=s.key.clone()>{s.title.clone()}</option> }).collect_view())}
                </select>
                <button type="button" disabled=move || chosen.with(String::is_empty) on:click=move |_| {
                    let key = chosen.get_untracked();
                    if let Some(choice) = samples.with_value(|list| list.iter().find(|s| s.key == key).cloned()) {
                        add(sample_event(&choice));
                    }
                }>"Add this sample"</button>
                <button type="button" on:click=move |_| add(DraftEvent { label: String::new(), event: String::new(), expect: Expectation::Match, hidden: false })>
                    "Add an event to paste"
                </button>
            </div>
            <Show when=move || events.with(Vec::is_empty)>
                <p class="empty-state">"No events yet: add partner samples or paste your own. An exercise needs at least one event that should match and one that should not."</p>
            </Show>
            <ol class="teacher-events">
                <For each=move || events.get() key=|e| e.key let:editor>
                    <li class="teacher-event">
                        <div class="teacher-event-head">
                            <label>"Label "<input type="text" prop:value=move || editor.label.get() on:input=move |ev| editor.label.set(event_target_value(&ev))/></label>
                            <label>
                                <input type="radio" name=format!("expect-{}", editor.key) prop:checked=move || editor.should_match.get() on:change=move |_| editor.should_match.set(true)/>
                                "Should match"
                            </label>
                            <label>
                                <input type="radio" name=format!("expect-{}", editor.key) prop:checked=move || !editor.should_match.get() on:change=move |_| editor.should_match.set(false)/>
                                "Should not match"
                            </label>
                            <label>
                                <input type="checkbox" prop:checked=move || editor.hidden.get() on:change=move |ev| editor.hidden.set(event_target_checked(&ev))/>
                                "Hidden until solved"
                            </label>
                            <button type="button" on:click=move |_| events.update(|list| list.retain(|e| e.key != editor.key))>"Remove"</button>
                        </div>
                        <label class="teacher-event-text">
                            "Event JSON"
                            <textarea rows="8" spellcheck="false" prop:value=move || editor.text.get() on:input=move |ev| editor.text.set(event_target_value(&ev))></textarea>
                        </label>
                    </li>
                </For>
            </ol>

            <h2>"Task"</h2>
            <div class="teacher-fields">
                <label>"Title (optional) "<input type="text" id="teacher-title" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/></label>
                <label>"Task for the learner"<textarea id="teacher-task" rows="3" prop:value=move || task.get() on:input=move |ev| task.set(event_target_value(&ev))></textarea></label>
                <label>"Hints, one per line, revealed one at a time (optional)"<textarea id="teacher-hints" rows="3" prop:value=move || hints.get() on:input=move |ev| hints.set(event_target_value(&ev))></textarea></label>
                <label>"Starting pattern (optional; may be broken, for a fix-the-error exercise)"<textarea id="teacher-start" rows="3" spellcheck="false" prop:value=move || start.get() on:input=move |ev| start.set(event_target_value(&ev))></textarea></label>
                <label>"Your answer (optional; checked against the events, shown when the learner gives up)"<textarea id="teacher-answer" rows="3" spellcheck="false" prop:value=move || answer.get() on:input=move |ev| answer.set(event_target_value(&ev))></textarea></label>
            </div>

            <h2>"Share"</h2>
            <p class="teacher-check" role="status" aria-live="polite">
                {move || match checked.get() {
                    Ok(_) => "The exercise is ready to share.".to_owned(),
                    Err(message) => format!("Not ready: {message}"),
                }}
            </p>
            <button type="button" class="primary" disabled=move || checked.with(Result::is_err) on:click=make_link>"Make the link"</button>
            {move || link_error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            <Show when=move || made.with(Option::is_some) && current_link.with(Option::is_none)>
                <p class="note">"The exercise changed since the link was made: make it again."</p>
            </Show>
            <Show when=move || current_link.with(Option::is_some)>
                <CopyBlock title="Link for learners" text=link_text id="teacher-link"/>
                <p><a href=move || link_text.get() target="_blank" rel="noopener">"Open the exercise as a learner"</a></p>
                <CopyBlock title="Embed snippet" text=snippet_text id="teacher-embed"/>
            </Show>
        </section>
    }
}
