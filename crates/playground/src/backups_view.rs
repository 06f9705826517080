//! The list of backups of replaced work, and the unreadable saved text kept aside (issue 16).
//! The rules live in `model::backups` and `storage`; this only renders them.

use leptos::prelude::*;

use crate::app::restore_backup;
use crate::context::use_app;
use crate::model::backups::MAX_BACKUPS;
use crate::storage;

#[component]
pub fn BackupList() -> impl IntoView {
    let app = use_app();
    let unreadable = RwSignal::new(storage::load_unreadable());
    let shown = move || app.backups.with(|b| !b.is_empty()) || unreadable.with(Option::is_some);
    view! {
        <Show when=shown>
            <details class="backup-list">
                <summary>
                    {move || format!("Backups of replaced work ({})", app.backups.with(|b| b.entries().len()))}
                </summary>
                <p class="backup-help">
                    {format!(
                        "Each time a link, an import or a restore replaced your work, it was kept here \
                         (the last {MAX_BACKUPS}, in this browser only)."
                    )}
                </p>
                <ul>
                    {move || {
                        app.backups.with(|history| {
                            history
                                .entries()
                                .iter()
                                .enumerate()
                                .map(|(index, backup)| {
                                    let when = replaced_when(backup.replaced_at_ms);
                                    let by = backup.replaced_by.clone();
                                    view! {
                                        <li>
                                            <span>{when}" \u{2014} replaced by: "<bdi>{by}</bdi></span>
                                            " "
                                            <button type="button" on:click=move |_| restore_backup(app, index)>
                                                "Restore"
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                </ul>
                {move || {
                    unreadable
                        .get()
                        .map(|text| {
                            let href = format!(
                                "data:application/json;charset=utf-8,{}",
                                String::from(js_sys::encode_uri_component(&text)),
                            );
                            view! {
                                <p class="backup-unreadable">
                                    "Saved text that could not be read was kept aside. "
                                    <a href=href download="eventbridge-playground-unreadable.json">
                                        "Download it"
                                    </a>
                                    " "
                                    <button
                                        type="button"
                                        on:click=move |_| {
                                            storage::discard_unreadable();
                                            unreadable.set(None);
                                        }
                                    >
                                        "Discard it"
                                    </button>
                                </p>
                            }
                        })
                }}
            </details>
        </Show>
    }
}

/// When a backup was replaced, in the reader's locale ("earlier" for one moved from the single
/// backup slot of an earlier version, which has no time).
fn replaced_when(at_ms: u64) -> String {
    if at_ms == 0 {
        return "Earlier".to_owned();
    }
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at_ms as f64));
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}
