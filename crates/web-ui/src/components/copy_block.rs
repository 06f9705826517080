//! A titled block of generated text (a command, a template, a policy) with a Copy button.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CopyOutcome {
    Copied,
    Failed,
}

#[component]
pub fn CopyBlock(
    /// What the text is; also names the Copy button ("Copy AWS CLI").
    #[prop(into)]
    title: String,
    #[prop(into)] text: Signal<String>,
    /// A DOM id prefix, unique on the page.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let outcome = RwSignal::new(None::<CopyOutcome>);
    let title_id = format!("{id}-title");
    view! {
        <figure class="copy-block">
            <figcaption class="copy-block-title">
                <span id=title_id.clone()>{title.clone()}</span>
                <button type="button" class="copy-button" on:click=move |_| copy_to_clipboard(text.get_untracked(), outcome)>
                    "Copy"
                    <span class="visually-hidden">" " {title}</span>
                </button>
                <span class="copy-outcome" role="status">
                    {move || match outcome.get() {
                        Some(CopyOutcome::Copied) => "Copied.",
                        Some(CopyOutcome::Failed) => "The browser did not allow copying: select the text and copy it.",
                        None => "",
                    }}
                </span>
            </figcaption>
            <pre class="code-block" id=id tabindex="0" aria-labelledby=title_id>{move || text.get()}</pre>
        </figure>
    }
}

/// Writes `text` with the asynchronous clipboard API; outside secure contexts the API is missing
/// and the browser may refuse it, and both are reported instead of failing silently.
pub fn copy_to_clipboard(text: String, outcome: RwSignal<Option<CopyOutcome>>) {
    outcome.set(None);
    let clipboard = window().navigator().clipboard();
    if JsValue::from(clipboard.clone()).is_undefined() {
        outcome.set(Some(CopyOutcome::Failed));
        return;
    }
    let promise = clipboard.write_text(&text);
    spawn_local(async move {
        let result = JsFuture::from(promise).await;
        // The block may be gone by now (the user moved on); then nobody needs the answer.
        let _ = outcome.try_set(Some(if result.is_ok() {
            CopyOutcome::Copied
        } else {
            CopyOutcome::Failed
        }));
    });
}
