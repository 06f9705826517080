//! The embed view for documentation pages: `<iframe src=".../#/embed?pattern=…&event=…">`.
//!
//! Just the two editors, the live result with its explanation, and a link that opens the same
//! texts in the full playground. The page reports its height to the parent window so the iframe
//! can be sized to fit (`{type: "eventbridge-playground:height", height}` via postMessage).

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use leptos::task::spawn_local;
use web_ui::components::editor_problem::EditorProblemNote;
use web_ui::components::json_editor::JsonEditor;
use web_ui::components::match_result::MatchResult;
use web_ui::pattern_check::analyse;

#[cfg(feature = "exercise")]
use crate::exercise::ExerciseEmbed;
use crate::request::{open_in_playground_link, open_state, EmbedRequest};

/// The message type the parent page listens for.
pub const HEIGHT_MESSAGE: &str = "eventbridge-playground:height";

#[cfg(feature = "exercise")]
fn exercise_view(encoded: String) -> AnyView {
    view! { <ExerciseEmbed encoded=encoded/> }.into_any()
}

/// The plain embed hands an exercise to its own page (`exercise/`, same hash), which carries
/// the grading; a docs page with a plain example never downloads it.
#[cfg(not(feature = "exercise"))]
fn exercise_view(_encoded: String) -> AnyView {
    let location = window().location();
    let hash = location.hash().unwrap_or_default();
    let _ = location.replace(&format!("exercise/{hash}"));
    view! { <p role="status">"Opening the exercise…"</p> }.into_any()
}

#[component]
pub fn EmbedApp() -> AnyView {
    let request = EmbedRequest::from_hash(&window().location().hash().unwrap_or_default());
    if let (Some(value), Some(root)) = (request.theme.attribute(), document().document_element()) {
        let _ = root.set_attribute("data-theme", value);
    }
    if let Some(encoded) = request.exercise {
        return exercise_view(encoded);
    }
    let readonly = request.readonly;
    let pattern = RwSignal::new(request.pattern);
    let event = RwSignal::new(request.event);
    // Why a share link's state could not be opened, shown in the embed.
    let problem = RwSignal::new(None::<String>);
    if let Some(encoded) = request.state {
        spawn_local(async move {
            match open_state(&encoded).await {
                Ok((p, e)) => {
                    pattern.set(p);
                    event.set(e);
                }
                Err(error) => problem.set(Some(error.to_string())),
            }
        });
    }
    let analysis = Memo::new(move |_| pattern.with(|p| event.with(|e| analyse(p, e))));
    let pattern_problem = Signal::derive(move || analysis.with(|a| a.pattern_problem.clone()));
    let event_problem = Signal::derive(move || analysis.with(|a| a.event_problem.clone()));

    let playground_link = move || pattern.with(|p| event.with(|e| open_in_playground_link(p, e)));

    // Report the height after every change of the result (which is what changes the height), and
    // once the first layout is done; a resize (a new width reflows the text) reports it again.
    // `post_height` only posts when the content's height changed, so nothing here can loop.
    let last_height = StoredValue::new(None::<i32>);
    Effect::new(move |_| {
        analysis.track();
        request_animation_frame(move || post_height(last_height));
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| post_height(last_height));
    on_cleanup(move || resize.remove());

    view! {
        <main class="embed" aria-label="Event pattern example">
            {move || problem.get().map(|problem| view! { <p class="error" role="alert">{problem}</p> })}
            <div class="embed-editors">
                <div>
                    <JsonEditor
                        value=pattern
                        label="Event pattern"
                        id="embed-pattern"
                        readonly=readonly
                        highlights=Signal::derive(move || analysis.with(|a| a.pattern_highlights.clone()))
                        problem_id=Signal::derive(move || pattern_problem.with(Option::is_some).then(|| "embed-pattern-problem".to_owned()))
                    />
                    <EditorProblemNote problem=pattern_problem id="embed-pattern-problem"/>
                </div>
                <div>
                    <JsonEditor
                        value=event
                        label="Event"
                        id="embed-event"
                        readonly=readonly
                        highlights=Signal::derive(move || analysis.with(|a| a.event_highlights.clone()))
                        problem_id=Signal::derive(move || event_problem.with(Option::is_some).then(|| "embed-event-problem".to_owned()))
                    />
                    <EditorProblemNote problem=event_problem id="embed-event-problem"/>
                </div>
            </div>
            <MatchResult analysis_verdict=Signal::derive(move || analysis.with(|a| a.verdict.clone()))/>
            <p class="embed-footer">
                <a href=playground_link target="_blank" rel="noopener">"Open in the playground"</a>
                <span>" \u{b7} Runs in your browser; nothing is sent anywhere."</span>
            </p>
        </main>
    }
    .into_any()
}

/// Posts the height of the content (`main.embed`), never of the document: the document is at
/// least as tall as the iframe, so reporting it would let a host that adds padding or a border
/// grow the iframe, which grows the document, which is reported again, forever (issue 16, item
/// 9). The content's height does not depend on the iframe's height, so the reports settle; and a
/// height equal to the last one posted is not posted again.
pub(crate) fn post_height(last_height: StoredValue<Option<i32>>) {
    let Ok(Some(content)) = document().query_selector("main.embed") else {
        return;
    };
    let height = content_height(content.get_bounding_client_rect().height());
    if last_height.get_value() == Some(height) {
        return;
    }
    last_height.set_value(Some(height));
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from(height));
    // The height is not sensitive, so any embedding origin may read it.
    let _ = parent.post_message(&message, "*");
}

/// Whole CSS pixels, rounded up so the iframe never gets a scroll bar for a fraction of a pixel.
fn content_height(layout_height: f64) -> i32 {
    // A layout height is finite and far below i32::MAX; the clamp keeps a broken value harmless.
    layout_height.ceil().clamp(0.0, 100_000.0) as i32
}
