//! Step 1: choose the kind of bus, name it, and let a SaaS partner's events in through an event
//! source, drawn as the chain of resources they pass.

use leptos::prelude::*;
use web_ui::site::{Page, Section};

use crate::app::use_workspace;
use crate::forms::BusKind;
use crate::problem_list::ProblemList;

#[component]
pub fn BusStep() -> impl IntoView {
    let workspace = use_workspace();
    let form = workspace.bus_form;
    let kind = move || form.with(|f| f.kind);
    let set_kind = move |kind: BusKind| form.update(|f| f.kind = kind);
    let partners = catalog::partners();
    view! {
        <section class="cb-step" aria-labelledby="bus-title">
            <h2 id="bus-title">"1. The bus and its partner events"</h2>
            <fieldset class="cb-kind">
                <legend>"Kind of bus"</legend>
                <span class="choice">
                    <input type="radio" id="kind-custom" name="bus-kind"
                        prop:checked=move || kind() == BusKind::Custom
                        on:change=move |_| set_kind(BusKind::Custom)/>
                    <label for="kind-custom">"Custom Event Bus (new: subscribers)"</label>
                </span>
                <span class="choice">
                    <input type="radio" id="kind-classic" name="bus-kind"
                        prop:checked=move || kind() == BusKind::Classic
                        on:change=move |_| set_kind(BusKind::Classic)/>
                    <label for="kind-classic">"Custom Event Bus - Classic (rules and targets)"</label>
                </span>
            </fieldset>
            <Show
                when=move || kind() == BusKind::Custom
                fallback=move || view! {
                    <p class="note">
                        "Classic buses take rules with up to five targets each. Build them in the "
                        <a href=Section::Rules.link_from(Page::CustomBus, "")>"rule builder"</a>
                        ", set up a partner's source under "
                        <a href=Section::Partners.link_from(Page::CustomBus, "")>"Partners"</a>
                        ", and come back to step 3 to preview a rule's migration."
                    </p>
                }
            >
                <div class="button-row">
                    <div class="field">
                        <label for="bus-name">"Bus name"</label>
                        <input id="bus-name" class="code" prop:value=move || form.with(|f| f.name.clone())
                            on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="bus-retention">"Retention (days, 1-365; empty for 1)"</label>
                        <input id="bus-retention" inputmode="numeric" prop:value=move || form.with(|f| f.retention_days.clone())
                            on:input=move |ev| form.update(|f| f.retention_days = event_target_value(&ev))/>
                    </div>
                </div>
                <div class="button-row">
                    <div class="field">
                        <label for="bus-partner">"SaaS partner feeding it"</label>
                        <select id="bus-partner" on:change=move |ev| form.update(|f| f.partner_id = event_target_value(&ev))>
                            <option value="" selected=move || form.with(|f| f.partner_id.is_empty())>"None: my own PutEvents"</option>
                            {partners.iter().map(|p| {
                                let id = p.id();
                                view! {
                                    <option value=id selected=move || form.with(|f| f.partner_id == id)>{p.display_name()}</option>
                                }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="source-name">"Event source name"</label>
                        <input id="source-name" class="code" prop:value=move || form.with(|f| f.source_name.clone())
                            on:input=move |ev| form.update(|f| f.source_name = event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="source-pattern">"Event source pattern (optional)"</label>
                        <input id="source-pattern" class="code" placeholder="forwards every event"
                            prop:value=move || form.with(|f| f.source_pattern.clone())
                            on:input=move |ev| form.update(|f| f.source_pattern = event_target_value(&ev))/>
                    </div>
                </div>
                {move || {
                    let setup = workspace.setup();
                    let bus = match &setup.bus {
                        Ok(bus) => view! {
                            <p class="cb-created">"Bus ARN: " <code id="bus-arn">{bus.arn.clone()}</code>
                            " · retention " {bus.retention_days} " day(s)"</p>
                        }.into_any(),
                        Err(problems) => view! { <ProblemList problems=problems.clone()/> }.into_any(),
                    };
                    let source = match &setup.source {
                        None => ().into_any(),
                        Some(Err(problems)) => view! { <ProblemList problems=problems.clone()/> }.into_any(),
                        Some(Ok(source)) => view! {
                            <ol class="cb-chain" aria-label="How partner events reach the bus">
                                {source.chain().into_iter().map(|link| view! {
                                    <li>
                                        <span class="cb-chain-kind">{link.kind}</span>
                                        <code class="cb-chain-name">{link.name}</code>
                                        <span class="hint">{link.role}</span>
                                    </li>
                                }).collect_view()}
                            </ol>
                        }.into_any(),
                    };
                    view! { {bus} {source} }
                }}
            </Show>
        </section>
    }
}
