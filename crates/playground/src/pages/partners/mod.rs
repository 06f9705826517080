//! The Partners page: find a SaaS partner, read its sample events, and walk through connecting
//! it to a partner event bus. The logic lives in `crate::model`; this only renders it.

mod details;
mod setup;
mod sources;

use catalog::Category;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::context::use_app;
use crate::model::partner_search::{
    category_counts, category_from_value, category_value, result_summary, shown_listing, Listing,
    PartnerFilter,
};
use crate::route::Section;
use web_ui::text_match::MAX_SEARCH_CHARS;

#[component]
pub fn PartnersPage() -> impl IntoView {
    let app = use_app();
    let search_text = RwSignal::new(String::new());
    let category = RwSignal::new(None::<Category>);
    let chosen = RwSignal::new(None::<&'static str>);

    let results = Memo::new(move |_| {
        PartnerFilter {
            text: search_text.get(),
            category: category.get(),
        }
        .apply()
    });
    let total = Listing::all().count();
    let shown = Memo::new(move |_| results.with(|results| shown_listing(results, chosen.get())));

    let choose = move |listing: Listing| {
        chosen.set(Some(listing.id()));
        // The details come after the whole list; take keyboard users straight to them.
        request_animation_frame(|| focus_selector("#partner-details-title"));
    };

    view! {
        <section class="page partners-page" aria-labelledby="page-title">
            <h1 id="page-title" tabindex="-1">"Partners"</h1>
            <p class="lead">
                "SaaS partners send their events to EventBridge through a partner event source that "
                "they create for your account. Find a partner, look at the events it sends, and try "
                "the set-up here: the playground plays both the partner and AWS."
            </p>
            <p class="learn-cta">
                "New to event patterns? "
                <a href=app.link(Section::Learn, "")>"Take the interactive course"</a>
                ": short lessons with exercises graded as you type."
            </p>
            <p class="context-line">
                "Working as account " <code>{move || app.state.with(|s| s.account.clone())}</code> " in "
                <a href=Section::Regions.fragment()>
                    <code>{move || app.state.with(|s| s.current_region().code())}</code>
                    " (" {move || app.state.with(|s| s.current_region().name())} ")"
                </a> "."
            </p>
            <div class="partners-layout">
                <div class="partner-browser">
                    <h2 id="find-partner-title">"Find a partner"</h2>
                    <form class="filters" role="search" aria-labelledby="find-partner-title" on:submit=|ev| ev.prevent_default()>
                        <div class="field">
                            <label for="partner-search">"Search by name, id or description"</label>
                            <input
                                id="partner-search"
                                type="search"
                                autocomplete="off"
                                spellcheck="false"
                                maxlength=MAX_SEARCH_CHARS
                                prop:value=move || search_text.get()
                                on:input=move |ev| search_text.set(event_target_value(&ev))
                            />
                        </div>
                        <div class="field">
                            <label for="partner-category">"Category"</label>
                            <select
                                id="partner-category"
                                on:change=move |ev| category.set(category_from_value(&event_target_value(&ev)))
                            >
                                <option value="all" selected=move || category.get().is_none()>"All categories"</option>
                                {category_counts()
                                    .into_iter()
                                    .map(|(each, count)| {
                                        view! {
                                            <option value=category_value(each) selected=move || category.get() == Some(each)>
                                                {format!("{} ({count})", each.label())}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                    </form>
                    <p class="result-count" role="status">{move || result_summary(results.with(Vec::len), total)}</p>
                    <ul class="partner-list" aria-label="Partners found">
                        <For
                            each=move || results.get()
                            key=|listing| listing.id()
                            children=move |listing: Listing| {
                                let is_shown = move || shown.get() == Some(listing);
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="partner-choice"
                                            aria-current=move || is_shown().then_some("true")
                                            aria-controls="partner-details"
                                            on:click=move |_| choose(listing)
                                        >
                                            <span class="partner-choice-name">{listing.display_name()}</span>
                                            <span class="partner-choice-meta">{listing.category().label()}</span>
                                        </button>
                                    </li>
                                }
                            }
                        />
                    </ul>
                </div>
                <div class="partner-details" id="partner-details">
                    {move || match shown.get() {
                        Some(listing) => view! { <details::PartnerDetails listing /> }.into_any(),
                        None => view! {
                            <p class="empty">"Nothing to show: no partner matches the search and category."</p>
                        }
                        .into_any(),
                    }}
                </div>
            </div>
            <sources::SourcesTable />
        </section>
    }
}

/// Moves keyboard focus to the first element matching `selector`, if there is one.
pub(crate) fn focus_selector(selector: &str) {
    let element = document().query_selector(selector).ok().flatten();
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}
