//! The header's tools: share link, theme, data export/import, keyboard shortcuts.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::context::{replace_state, use_app};
use crate::route::{Route, Section};
use crate::share;
use crate::state::PlaygroundState;
use crate::storage;
use web_ui::components::copy_block::{copy_to_clipboard, CopyOutcome};
use web_ui::components::theme_picker::ThemePicker;

/// Largest file the import accepts; real exports are a few hundred KB at most.
const MAX_IMPORT_BYTES: f64 = 8.0 * 1024.0 * 1024.0;

#[component]
pub fn Toolbar(route: ReadSignal<Route>) -> impl IntoView {
    let share_dialog = NodeRef::<html::Dialog>::new();
    let data_dialog = NodeRef::<html::Dialog>::new();
    let shortcuts_dialog = NodeRef::<html::Dialog>::new();
    let link = RwSignal::new(String::new());
    let copy_status = RwSignal::new(None::<CopyOutcome>);
    // Read the context now: event listeners run outside the component's reactive owner.
    let app = use_app();

    let open_share = move || {
        let state = app.state.get_untracked();
        let slug = route
            .get_untracked()
            .section()
            .unwrap_or(Section::Partners)
            .slug();
        let location = window().location();
        let base = format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        );
        show(share_dialog);
        spawn_local(async move {
            match share::link_fragment(slug, &state).await {
                Ok(fragment) => {
                    let url = format!("{base}{fragment}");
                    link.set(url.clone());
                    copy_to_clipboard(url, copy_status);
                }
                Err(error) => {
                    link.set(String::new());
                    app.notice.set(Some(error.to_string()));
                }
            }
        });
    };

    // Keyboard shortcuts work anywhere, except `?` while typing.
    let keys = window_event_listener(leptos::ev::keydown, move |event| {
        let command = event.ctrl_key() || event.meta_key();
        if command && event.key().eq_ignore_ascii_case("s") {
            event.prevent_default();
            open_share();
        } else if event.key() == "?" && !typing_in_a_field(&event) {
            event.prevent_default();
            show(shortcuts_dialog);
        }
    });
    on_cleanup(move || keys.remove());

    let long_link = move || link.with(|l| l.len() > share::LONG_LINK_WARNING_BYTES);

    view! {
        <div class="toolbar">
            <ThemePicker/>
            <button type="button" on:click=move |_| open_share() aria-keyshortcuts="Control+S Meta+S">
                "Share link"
            </button>
            <button type="button" on:click=move |_| show(data_dialog)>"Your data"</button>
            <button type="button" on:click=move |_| show(shortcuts_dialog) aria-keyshortcuts="?">
                <span aria-hidden="true">"?"</span>
                <span class="visually-hidden">"Keyboard shortcuts"</span>
            </button>
        </div>

        <dialog node_ref=share_dialog aria-labelledby="share-title" class="panel-dialog">
            <h2 id="share-title">"Share this playground"</h2>
            <p>
                "The link holds your Region, partner buses, rules, and the pattern and event you are "
                "editing. It is kept in the part of the URL after #, which browsers never send to a server."
            </p>
            <label for="share-link">"Link"</label>
            <input id="share-link" type="text" readonly prop:value=move || link.get() on:focus=select_all/>
            <p role="status" class="share-status">
                {move || match copy_status.get() {
                    Some(CopyOutcome::Copied) => "Link copied to the clipboard",
                    Some(CopyOutcome::Failed) => "Copy the link below",
                    None => "Copying…",
                }}
                " (" {move || format_size(link.with(String::len))} ")"
            </p>
            <Show when=long_link>
                <p class="warning" role="alert">
                    "This link is over 8 KB: some chat tools and mail clients cut long links. "
                    "Use \u{201c}Your data \u{2192} Export\u{201d} to share a file instead."
                </p>
            </Show>
            <form method="dialog"><button class="primary">"Close"</button></form>
        </dialog>

        <DataDialog dialog=data_dialog/>

        <dialog node_ref=shortcuts_dialog aria-labelledby="shortcuts-title" class="panel-dialog">
            <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
            <dl class="shortcuts">
                <dt><kbd>"Ctrl"</kbd>" / "<kbd>"\u{2318}"</kbd>" + "<kbd>"S"</kbd></dt>
                <dd>"Copy a share link"</dd>
                <dt><kbd>"?"</kbd></dt>
                <dd>"Show this list"</dd>
                <dt><kbd>"Esc"</kbd></dt>
                <dd>"Close a dialog"</dd>
                <dt><kbd>"Tab"</kbd>" / "<kbd>"Shift"</kbd>" + "<kbd>"Tab"</kbd></dt>
                <dd>"Move between controls"</dd>
            </dl>
            <form method="dialog"><button class="primary">"Close"</button></form>
        </dialog>
    }
}

#[component]
fn DataDialog(dialog: NodeRef<html::Dialog>) -> impl IntoView {
    let app = use_app();
    let import_error = RwSignal::new(None::<String>);
    let on_file = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        if file.size() > MAX_IMPORT_BYTES {
            import_error.set(Some(format!(
                "{} is too large to be a playground export.",
                file.name()
            )));
            return;
        }
        spawn_local(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            let Some(text) = text else {
                import_error.set(Some(format!("{} could not be read.", file.name())));
                return;
            };
            match storage::import_document(&text) {
                Ok((state, learn_progress)) => {
                    import_error.set(None);
                    if let Some(progress) = learn_progress {
                        if let Err(message) = storage::save_learn_progress(&progress) {
                            import_error.set(Some(message));
                        }
                    }
                    replace_state(app, state, format!("Imported {}.", file.name()));
                    if let Some(dialog) = dialog.get_untracked() {
                        dialog.close();
                    }
                }
                Err(reason) => {
                    import_error.set(Some(format!("{} was not imported: {reason}.", file.name())))
                }
            }
        });
    };
    view! {
        <dialog node_ref=dialog aria-labelledby="data-title" class="panel-dialog">
            <h2 id="data-title">"Your data"</h2>
            <p>
                "Everything you do here, your course progress included, is saved in this browser as you go. Export it to a file to "
                "keep it or move it to another browser; importing a file replaces the current playground "
                "(your current work is kept as a backup you can restore)."
            </p>
            <div class="dialog-actions">
                <button type="button" on:click=move |_| export_state(&app.state.get_untracked())>
                    "Export to a file"
                </button>
                <label class="file-button">
                    "Import a file"
                    <input type="file" accept=".json,application/json" on:change=on_file/>
                </label>
            </div>
            {move || import_error.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
            <form method="dialog"><button class="primary">"Close"</button></form>
        </dialog>
    }
}

fn show(dialog: NodeRef<html::Dialog>) {
    if let Some(dialog) = dialog.get_untracked() {
        if !dialog.open() {
            let _ = dialog.show_modal();
        }
    }
}

/// Exports the state and the course's progress (kept by the learn page) in one file.
fn export_state(state: &PlaygroundState) {
    let json = storage::export_document(state, storage::load_learn_progress().as_deref());
    let parts = js_sys::Array::of1(&json.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(anchor) = document()
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        anchor.set_href(&url);
        anchor.set_download("eventbridge-playground.json");
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn select_all(event: leptos::ev::FocusEvent) {
    if let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.select();
    }
}

fn typing_in_a_field(event: &leptos::ev::KeyboardEvent) -> bool {
    let Some(element) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || element.get_attribute("contenteditable").is_some()
}

/// Human size of a link, e.g. `1.3 KB`.
pub fn format_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}

#[cfg(test)]
mod tests {
    use super::format_size;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(format_size(512), "512 bytes");
        assert_eq!(format_size(1536), "1.5 KB");
    }
}
