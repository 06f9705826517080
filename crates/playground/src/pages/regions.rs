//! The Regions page: the Regions where partner event sources are offered, and the choice of the
//! playground's current Region.

use catalog::Region;
use leptos::prelude::*;

use crate::context::use_app;
use crate::model::region_search::{example_bus_arn, find_regions, result_summary};
use crate::route::Section;
use web_ui::text_match::MAX_SEARCH_CHARS;

#[component]
pub fn RegionsPage() -> impl IntoView {
    let app = use_app();
    let search_text = RwSignal::new(String::new());
    let found = Memo::new(move |_| search_text.with(|text| find_regions(text)));
    let total = catalog::regions().len();
    let current = Memo::new(move |_| app.state.with(|s| *s.current_region()));

    view! {
        <section class="page regions-page" aria-labelledby="page-title">
            <h1 id="page-title" tabindex="-1">"Regions"</h1>
            <p class="lead">
                "Partner event sources are offered in these Regions. The one you choose is the "
                "playground's current Region: sample events, event sources, event buses and every ARN "
                "shown use it."
            </p>
            <div class="current-region" aria-labelledby="current-region-title">
                <h2 id="current-region-title">"Current Region"</h2>
                <p class="current-region-name">
                    <code>{move || current.get().code()}</code>
                    " "
                    {move || current.get().name()}
                </p>
                <dl class="facts">
                    <div>
                        <dt>"Partition"</dt>
                        <dd><code>{move || current.get().partition().as_str()}</code></dd>
                    </div>
                    <div>
                        <dt>"An event bus ARN here"</dt>
                        <dd>
                            <code class="wrap">
                                {move || app.state.with(|s| example_bus_arn(s.current_region(), &s.account))}
                            </code>
                        </dd>
                    </div>
                </dl>
                <p class="hint">
                    "The China Regions are in their own partition, " <code>"aws-cn"</code>
                    ", so their ARNs start with " <code>"arn:aws-cn:"</code> ". "
                    <a href=Section::Partners.fragment()>"See your partner event sources in this Region"</a> "."
                </p>
            </div>
            <form class="filters" role="search" aria-label="Regions" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="region-search">"Search by code, name or partition"</label>
                    <input
                        id="region-search"
                        type="search"
                        autocomplete="off"
                        spellcheck="false"
                        maxlength=MAX_SEARCH_CHARS
                        prop:value=move || search_text.get()
                        on:input=move |ev| search_text.set(event_target_value(&ev))
                    />
                </div>
            </form>
            <p class="result-count" role="status">{move || result_summary(found.with(Vec::len), total)}</p>
            <div class="table-wrap">
                <table class="data-table regions-table">
                    <caption class="visually-hidden">"Regions where partner event sources are offered"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Code"</th>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Partition"</th>
                            <th scope="col">"Current Region"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || found.get()
                            key=|region| region.code()
                            children=move |region: &'static Region| view! { <RegionRow region current /> }
                        />
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn RegionRow(region: &'static Region, current: Memo<Region>) -> impl IntoView {
    let app = use_app();
    let is_current = move || current.with(|current| current.code() == region.code());
    let radio_id = format!("use-region-{}", region.code());
    view! {
        <tr class:current-row=is_current aria-current=move || is_current().then_some("true")>
            <th scope="row">
                <code>{region.code()}</code>
            </th>
            <td>{region.name()}</td>
            <td><code>{region.partition().as_str()}</code></td>
            <td>
                <span class="choice">
                    <input
                        type="radio"
                        name="current-region"
                        id=radio_id.clone()
                        value=region.code()
                        aria-label=format!("Use this Region: {}", region.code())
                        prop:checked=is_current
                        on:change=move |_| app.state.update(|s| s.region = region.code().to_owned())
                    />
                    <label for=radio_id>
                        "Use this Region"
                    </label>
                </span>
                {move || is_current().then(|| view! { <span class="badge badge-accent">"Current"</span> })}
            </td>
        </tr>
    }
}
