//! The theme choice in the header: System, Light or Dark, kept in this browser.

use leptos::prelude::*;

use crate::theme::{Theme, THEME_KEY};

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

#[component]
pub fn ThemePicker() -> impl IntoView {
    let stored = local_storage().and_then(|s| s.get_item(THEME_KEY).ok().flatten());
    let theme = RwSignal::new(Theme::from_attribute(stored.as_deref().unwrap_or("")));
    Effect::new(move |_| {
        let theme = theme.get();
        if let Some(root) = document().document_element() {
            let _ = match theme.attribute() {
                Some(value) => root.set_attribute("data-theme", value),
                None => root.remove_attribute("data-theme"),
            };
        }
        if let Some(storage) = local_storage() {
            let _ = match theme.attribute() {
                Some(value) => storage.set_item(THEME_KEY, value),
                None => storage.remove_item(THEME_KEY),
            };
        }
    });
    view! {
        <label class="theme-picker">
            <span>"Theme"</span>
            <select on:change=move |e| theme.set(Theme::from_attribute(&event_target_value(&e)))>
                {Theme::ALL
                    .into_iter()
                    .map(|t| {
                        view! {
                            <option value=t.attribute().unwrap_or("system") selected=move || theme.get() == t>
                                {t.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
