//! Step 2: the subscriber builder. Every field is checked as `CreateSubscriber` would check it,
//! and a test event goes through the bus (and its event source) to the subscriber's filters,
//! scope by scope, and through its transformer.

use custom_bus::subscriber::EntryTrial;
use custom_bus::transform::{default_engine, TransformerType};
use leptos::prelude::*;

use crate::app::use_workspace;
use crate::forms::{location, sample_events, test_entry, warnings_of, SubscriberForm, NOW_MS};
use crate::problem_list::ProblemList;

/// A text field bound to one `String` of the form.
macro_rules! text_field {
    ($form:ident, $id:literal, $label:literal, $field:ident) => {
        view! {
            <div class="field">
                <label for=$id>$label</label>
                <input id=$id class="code" prop:value=move || $form.with(|f| f.$field.clone())
                    on:input=move |ev| $form.update(|f| f.$field = event_target_value(&ev))/>
            </div>
        }
    };
}

#[component]
pub fn SubscriberStep() -> impl IntoView {
    let workspace = use_workspace();
    let form = RwSignal::new(SubscriberForm::default());
    let default_event = move || {
        workspace
            .bus_form
            .with_untracked(|f| f.partner().and_then(|p| sample_events(p).into_iter().next()))
            .unwrap_or_else(|| {
                r#"{"source":"com.example.orders","detail-type":"OrderPlaced","detail":{"id":"o-1","total":120}}"#.to_owned()
            })
    };
    let event = RwSignal::new(default_event());
    let transformer = move || form.with(|f| f.transformer);
    let result = move || {
        let setup = workspace.setup();
        let Some(bus) = setup.bus() else {
            return view! { <p class="hint">"Create a valid bus in step 1 first."</p> }.into_any();
        };
        let engine = default_engine();
        let subscriber = match form.with(|f| f.create(bus, engine.as_deref())) {
            Ok(subscriber) => subscriber,
            Err(problems) => {
                return view! {
                    <p class="verdict verdict-miss" id="subscriber-status">"CreateSubscriber refuses this request:"</p>
                    <ProblemList problems=problems/>
                }
                .into_any()
            }
        };
        let warnings = warnings_of(&subscriber);
        let trial = event.with(|text| {
            test_entry(text, setup.source())
                .map(|(entry, origin)| subscriber.try_entry(&entry, origin, &location(), NOW_MS))
        });
        let trial_view = match trial {
            Err(message) => view! { <p class="field-error">{message}</p> }.into_any(),
            Ok(EntryTrial::Refused(problems)) => view! {
                <p class="field-error">"The bus refuses this event: " {problems.join(" ")}</p>
            }
            .into_any(),
            Ok(EntryTrial::Evaluated {
                filters, payload, ..
            }) => {
                let verdict = if filters.matched() {
                    "verdict verdict-match"
                } else {
                    "verdict verdict-miss"
                };
                let payload_view = match payload {
                    None => ().into_any(),
                    Some(Ok(text)) => view! {
                        <h4>"The target receives"</h4>
                        <pre class="code-block" id="subscriber-payload">{text}</pre>
                    }
                    .into_any(),
                    Some(Err(failure)) => view! {
                        <p class="field-error" id="subscriber-payload">
                            {failure.to_string()}
                            " The delivery fails (CUSTOMER_VALIDATION), is retried on the subscriber's budget, then dead-lettered or dropped."
                        </p>
                    }
                    .into_any(),
                };
                view! {
                    <pre class=verdict id="subscriber-verdict">{filters.describe()}</pre>
                    {payload_view}
                }
                .into_any()
            }
        };
        view! {
            <p class="verdict verdict-match" id="subscriber-status">"CreateSubscriber accepts this request."</p>
            {(!warnings.is_empty()).then(|| view! { <ProblemList problems=warnings/> })}
            <pre class="code-block cb-describe">{subscriber.describe()}</pre>
            <h3>"Test an event"</h3>
            {trial_view}
        }
        .into_any()
    };
    view! {
        <section class="cb-step" aria-labelledby="subscriber-title">
            <h2 id="subscriber-title">"2. A subscriber"</h2>
            <p class="hint">"One target per subscriber. Filters are ANDed; leave a scope empty to skip it."</p>
            <div class="button-row">
                {text_field!(form, "sub-name", "Name", name)}
                {text_field!(form, "sub-target", "Target ARN", target_arn)}
                {text_field!(form, "sub-role", "Delivery role ARN", role_arn)}
            </div>
            <div class="cb-filters">
                <div class="field">
                    <label for="filter-data">"DATA filter (the envelope: your detail under \"detail\")"</label>
                    <textarea id="filter-data" class="code" rows="3" spellcheck="false"
                        prop:value=move || form.with(|f| f.data_filter.clone())
                        on:input=move |ev| form.update(|f| f.data_filter = event_target_value(&ev))></textarea>
                </div>
                <div class="field">
                    <label for="filter-metadata">"METADATA filter (PutRawEvents metadata, exact values)"</label>
                    <textarea id="filter-metadata" class="code" rows="3" spellcheck="false"
                        prop:value=move || form.with(|f| f.metadata_filter.clone())
                        on:input=move |ev| form.update(|f| f.metadata_filter = event_target_value(&ev))></textarea>
                </div>
                <div class="field">
                    <label for="filter-system">"SYSTEM_METADATA filter (aws:Source, aws:DetailType, ...)"</label>
                    <textarea id="filter-system" class="code" rows="3" spellcheck="false"
                        prop:value=move || form.with(|f| f.system_metadata_filter.clone())
                        on:input=move |ev| form.update(|f| f.system_metadata_filter = event_target_value(&ev))></textarea>
                </div>
            </div>
            <div class="button-row">
                <div class="field">
                    <label for="sub-transformer">"Transformer"</label>
                    <select id="sub-transformer" on:change=move |ev| {
                        let kind = event_target_value(&ev).parse().unwrap_or_default();
                        form.update(|f| f.transformer = kind);
                    }>
                        {TransformerType::ALL.into_iter().map(|kind| view! {
                            <option value=kind.as_str() selected=move || transformer() == kind>{kind.as_str()}</option>
                        }).collect_view()}
                    </select>
                </div>
                {text_field!(form, "sub-retries", "MaxRetryAttempts (empty: 5)", max_retry_attempts)}
                {text_field!(form, "sub-age", "MaxEventAgeInSeconds (empty: 300)", max_event_age_seconds)}
                {text_field!(form, "sub-dlq", "Dead-letter queue ARN (optional)", dead_letter_arn)}
            </div>
            <Show when=move || transformer() == TransformerType::Jsonata>
                <div class="field">
                    <label for="sub-jsonata">"JSONata expression (input: {Data, Metadata, SystemMetadata})"</label>
                    <textarea id="sub-jsonata" class="code" rows="2" spellcheck="false"
                        prop:value=move || form.with(|f| f.jsonata.clone())
                        on:input=move |ev| form.update(|f| f.jsonata = event_target_value(&ev))></textarea>
                </div>
            </Show>
            <span class="choice">
                <input type="checkbox" id="sub-fifo" prop:checked=move || form.with(|f| f.fifo)
                    on:change=move |ev| form.update(|f| f.fifo = event_target_checked(&ev))/>
                <label for="sub-fifo">"FIFO (publish order within each event group)"</label>
            </span>
            <div class="field">
                <label for="test-event">"Test event (as the partner sends it)"</label>
                <textarea id="test-event" class="code" rows="8" spellcheck="false"
                    prop:value=move || event.get()
                    on:input=move |ev| event.set(event_target_value(&ev))></textarea>
            </div>
            <div class="cb-result" aria-live="polite">{result}</div>
        </section>
    }
}
