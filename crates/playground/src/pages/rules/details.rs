//! Step 1: name, description, event bus and rule type.

use leptos::prelude::*;

use super::{FieldMessages, RulesContext};
use crate::context::use_app;
use crate::model::rule_wizard::{bus_choices, control_id, other_messages};
use crate::route::Section;

#[component]
pub(super) fn DetailsStep(ctx: RulesContext) -> impl IntoView {
    let app = use_app();
    let choices = Memo::new(move |_| {
        let keep = ctx.read(|form| {
            form.editing
                .as_ref()
                .map(|key| key.event_bus.clone())
                .unwrap_or_default()
        });
        app.state
            .with(|s| bus_choices(&s.partners, &ctx.account.get(), &ctx.region.get(), &keep))
    });
    let bus = Memo::new(move |_| ctx.read(|form| form.event_bus.clone()));
    let has_partner_bus = move || choices.with(|c| c.len() > 1);
    let rule_level = move || {
        ctx.shown_errors.with(|errors| {
            ["account_id", "region", "state"]
                .iter()
                .flat_map(|field| other_messages(errors, field, &[]))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
    };

    view! {
        <p class="hint">
            "A rule watches one event bus and sends the events its pattern matches to up to five targets. "
            "It works in the current Region, " <code>{move || ctx.region.get()}</code> ", for account "
            <code>{move || ctx.account.get()}</code> "."
        </p>
        <div class="details-form">
            <div class="field">
                <label for=control_id("name")>"Name"</label>
                <input
                    id=control_id("name")
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    aria-invalid=ctx.invalid("name")
                    aria-describedby=ctx.described_by("name", Some("rule-name-hint"))
                    prop:value=move || ctx.read(|form| form.name.clone())
                    on:input=move |ev| ctx.edit(|form| form.name = event_target_value(&ev))
                />
                <p class="hint" id="rule-name-hint">
                    "Up to 64 letters, digits, dots, hyphens and underscores. No other rule on the same event bus "
                    "in this Region may have the same name."
                </p>
                <FieldMessages ctx field="name" />
            </div>
            <div class="field">
                <label for=control_id("description")>"Description " <span class="optional">"(optional)"</span></label>
                <textarea
                    id=control_id("description")
                    rows="2"
                    aria-invalid=ctx.invalid("description")
                    aria-describedby=ctx.described_by("description", None)
                    prop:value=move || ctx.read(|form| form.description.clone())
                    on:input=move |ev| ctx.edit(|form| form.description = event_target_value(&ev))
                ></textarea>
                <FieldMessages ctx field="description" />
            </div>
            <div class="field">
                <label for=control_id("event_bus")>"Event bus"</label>
                <select
                    id=control_id("event_bus")
                    aria-invalid=ctx.invalid("event_bus")
                    aria-describedby=ctx.described_by("event_bus", Some("rule-bus-hint"))
                    on:change=move |ev| {
                        let name = event_target_value(&ev);
                        ctx.edit(|form| {
                            form.event_bus = name;
                            // The sample partner follows the new bus unless the user picked one.
                            form.sample_partner = None;
                        })
                    }
                >
                    {move || {
                        choices
                            .get()
                            .into_iter()
                            .map(|choice| {
                                let selected = choice.name == bus.get();
                                view! {
                                    <option value=choice.name.clone() prop:selected=selected>{choice.label}</option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
                <p class="hint" id="rule-bus-hint">
                    "The default event bus receives events from AWS services in your account. A partner event "
                    "bus receives the events of one SaaS partner."
                    {move || {
                        (!has_partner_bus())
                            .then(|| {
                                view! {
                                    " You have no partner event bus in this Region yet: "
                                    <a href=Section::Partners.fragment()>"set one up on the Partners page"</a>
                                    "."
                                }
                            })
                    }}
                </p>
                <FieldMessages ctx field="event_bus" />
            </div>
            <fieldset class="field">
                <legend>"Rule type"</legend>
                <span class="choice">
                    <input type="radio" id="rule-type-pattern" name="rule-type" checked />
                    <label for="rule-type-pattern">"Rule with an event pattern"</label>
                </span>
                <p class="hint">
                    "Scheduled rules run on a timer instead of matching events; the playground builds rules "
                    "with an event pattern."
                </p>
            </fieldset>
            <div class="field">
                <span class="choice">
                    <input
                        type="checkbox"
                        id=control_id("state")
                        prop:checked=move || ctx.read(|form| form.enabled)
                        on:change=move |ev| ctx.edit(|form| form.enabled = event_target_checked(&ev))
                    />
                    <label for=control_id("state")>"Enable the rule on the selected event bus"</label>
                </span>
            </div>
            <div class="field-messages">
                {move || rule_level().into_iter().map(|m| view! { <p class="field-error">{m}</p> }).collect_view()}
            </div>
        </div>
    }
}
