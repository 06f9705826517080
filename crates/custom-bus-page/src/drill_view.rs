//! Step 4: the same partner traffic and the same target outage on the Classic rule and on the
//! subscribers it migrates to, side by side.

use custom_bus::compare::{DeliveryTally, OutageComparison, Side};
use custom_bus::transform::default_engine;
use leptos::prelude::*;

use crate::app::use_workspace;
use crate::forms::{form_problem, sample_events, DrillForm, ProblemLine};
use crate::problem_list::ProblemList;

fn column(side: Side, comparison: &OutageComparison) -> impl IntoView {
    let tallies: Vec<DeliveryTally> = comparison.side(side).cloned().collect();
    let id = match side {
        Side::Classic => "drill-classic",
        Side::Migrated => "drill-migrated",
        Side::NewBusDefaults => "drill-defaults",
    };
    view! {
        <div class="cb-drill-column" id=id>
            <h3>{side.title()}</h3>
            {tallies.into_iter().map(|t| {
                let row = |label: &'static str, n: u64, class: &'static str| view! {
                    <tr class=class><th scope="row">{label}</th><td>{n}</td></tr>
                };
                view! {
                    <p class="hint">{t.retry_budget.clone()}</p>
                    <table class="data-table">
                        <tbody>
                            {row("Matched", t.matched, "")}
                            {row("Delivered first time", t.delivered_first_try, "")}
                            {row("Delivered late", t.delivered_late, "cb-late")}
                            {row("Dead-lettered", t.dead_lettered, "cb-dead-lettered")}
                            {row("Dropped", t.dropped, "cb-dropped")}
                        </tbody>
                    </table>
                    <p class="cb-drill-summary">{t.describe()}</p>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
pub fn DrillStep() -> impl IntoView {
    let workspace = use_workspace();
    let form = RwSignal::new(DrillForm::default());
    // The drill runs on request: three simulations of up to thousands of events.
    let outcome = RwSignal::new(None::<Result<OutageComparison, Vec<ProblemLine>>>);
    let run = move |_| {
        let setup = workspace.setup();
        let result = (|| {
            let bus = setup.bus.clone()?;
            let rule = untrack(|| workspace.classic_rule())?;
            let events = workspace
                .bus_form
                .with_untracked(|f| f.partner().map(sample_events))
                .unwrap_or_else(|| {
                    vec![r#"{"source":"com.example.orders","detail-type":"OrderPlaced","detail":{"id":"o-1"}}"#.to_owned()]
                });
            let drill = form.with_untracked(|f| f.drill(rule, bus, events))?;
            let engine = default_engine();
            drill
                .run(engine.as_deref())
                .map_err(|error| vec![form_problem("Outage drill", error.to_string())])
        })();
        outcome.set(Some(result));
    };
    let number_field = move |id: &'static str,
                             label: &'static str,
                             get: fn(&DrillForm) -> String,
                             set: fn(&mut DrillForm, String)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id inputmode="numeric" prop:value=move || form.with(get)
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
            </div>
        }
    };
    view! {
        <section class="cb-step" aria-labelledby="drill-title">
            <h2 id="drill-title">"4. The same outage on both buses"</h2>
            <p class="hint">
                "The partner's sample events, in turn, go to the step 3 rule on a Classic bus and to its migrated subscriber on the step 1 bus; the target answers 503 for the outage's length on both."
            </p>
            <div class="button-row">
                {number_field("drill-rate", "Events per minute", |f| f.events_per_minute.clone(), |f, v| f.events_per_minute = v)}
                {number_field("drill-minutes", "Minutes of traffic", |f| f.traffic_minutes.clone(), |f, v| f.traffic_minutes = v)}
                {number_field("drill-outage-from", "Outage starts at minute", |f| f.outage_from_minute.clone(), |f, v| f.outage_from_minute = v)}
                {number_field("drill-outage-minutes", "Outage lasts (minutes)", |f| f.outage_minutes.clone(), |f, v| f.outage_minutes = v)}
            </div>
            <div class="button-row">
                <button type="button" id="drill-run" class="primary" on:click=run>"Run the outage on both"</button>
            </div>
            <div class="cb-result" aria-live="polite">
                {move || outcome.with(|outcome| match outcome {
                    None => ().into_any(),
                    Some(Err(problems)) => view! { <ProblemList problems=problems.clone()/> }.into_any(),
                    Some(Ok(comparison)) => view! {
                        <p>{comparison.events_sent} " events sent."</p>
                        <div class="cb-drill">
                            {column(Side::Classic, comparison)}
                            {column(Side::Migrated, comparison)}
                            {column(Side::NewBusDefaults, comparison)}
                        </div>
                    }.into_any(),
                })}
            </div>
        </section>
    }
}
