//! Two retry policies on the same scenario, side by side. Every target gets the policy; the seed
//! is the same, so both runs meet the same failures at the same attempt numbers.

use leptos::prelude::*;

use super::runner::{start, Finish, RunKind, RunStatus};
use super::SimContext;
use delivery::describe::{compare_column, policy_title};

/// The two inputs of one policy; `which` is 0 or 1.
#[component]
fn PolicyFields(ctx: SimContext, which: usize) -> impl IntoView {
    let letter = if which == 0 { "A" } else { "B" };
    let read = move || {
        ctx.settings.with(|s| {
            if which == 0 {
                s.compare.first
            } else {
                s.compare.second
            }
        })
    };
    let retries_error = RwSignal::new(None::<String>);
    let age_error = RwSignal::new(None::<String>);
    let edit = move |apply: &dyn Fn(&mut rules::RetryPolicy)| {
        ctx.edit(|s| {
            apply(if which == 0 {
                &mut s.compare.first
            } else {
                &mut s.compare.second
            })
        })
    };
    let retries_id = format!("sim-compare-{which}-retries");
    let age_id = format!("sim-compare-{which}-age");
    view! {
        <fieldset class="policy-fields">
            <legend>{format!("Policy {letter}")}</legend>
            <div class="field">
                <label for=retries_id.clone()>{format!("Retry attempts ({letter})")}</label>
                <input
                    id=retries_id
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    aria-invalid=move || retries_error.get().map(|_| "true")
                    prop:value=move || read().maximum_retry_attempts.to_string()
                    on:input=move |ev| match aws_model::parse_retry_attempts(&event_target_value(&ev)) {
                        Ok(retries) => {
                            retries_error.set(None);
                            edit(&|policy| policy.maximum_retry_attempts = retries);
                        }
                        Err(message) => retries_error.set(Some(message)),
                    }
                />
                <p class="field-error">{move || retries_error.get()}</p>
            </div>
            <div class="field">
                <label for=age_id.clone()>{format!("Maximum age of event, HH:MM ({letter})")}</label>
                <input
                    id=age_id
                    type="text"
                    autocomplete="off"
                    aria-invalid=move || age_error.get().map(|_| "true")
                    prop:value=move || aws_model::format_event_age(read().maximum_event_age_seconds)
                    on:input=move |ev| match aws_model::parse_event_age(&event_target_value(&ev)) {
                        Ok(seconds) => {
                            age_error.set(None);
                            edit(&|policy| policy.maximum_event_age_seconds = seconds);
                        }
                        Err(message) => age_error.set(Some(message)),
                    }
                />
                <p class="field-error">{move || age_error.get()}</p>
            </div>
        </fieldset>
    }
}

fn run_comparison(ctx: SimContext) {
    let Ok(built) = ctx.built.get_untracked() else {
        ctx.status.set(RunStatus::Failed(
            "The scenario has problems (listed next to the settings); fix them and compare again."
                .to_owned(),
        ));
        return;
    };
    let compare = ctx.settings.with_untracked(|s| s.compare);
    let policies = [compare.first, compare.second];
    // The columns only need totals: no attempt-by-attempt records, which keeps two runs light.
    let mut scenario = built.scenario;
    scenario.options.keep_details_for_first_events = 0;
    let scenarios = policies
        .iter()
        .map(|policy| delivery::with_retry_policy(&scenario, *policy))
        .collect();
    ctx.comparison.set(None);
    start(
        ctx,
        RunKind::Comparison,
        scenarios,
        Finish::Comparison {
            title: built.title,
            policies,
        },
    );
}

#[component]
pub(super) fn CompareSection(ctx: SimContext) -> impl IntoView {
    let busy = Memo::new(move |_| ctx.status.with(RunStatus::is_busy));
    view! {
        <section class="sim-panel compare" aria-labelledby="compare-title">
            <h2 id="compare-title">"Compare two retry policies"</h2>
            <p class="hint">
                "Runs the scenario above twice, giving every target policy A, then policy B. The seed is the same, "
                "so both runs meet the same failures at the same attempt numbers."
            </p>
            <div class="policy-pair">
                <PolicyFields ctx which=0 />
                <PolicyFields ctx which=1 />
            </div>
            <div class="button-row">
                <button type="button" on:click=move |_| run_comparison(ctx) disabled=move || busy.get()>
                    "Compare the two policies"
                </button>
            </div>
            {move || ctx.comparison.get().map(|comparison| {
                let columns = [
                    compare_column("Policy A", &comparison.policies[0], &comparison.reports[0]),
                    compare_column("Policy B", &comparison.policies[1], &comparison.reports[1]),
                ];
                view! {
                    <p class="hint">
                        {format!(
                            "{}: {} against {}.",
                            comparison.title,
                            policy_title(&comparison.policies[0]),
                            policy_title(&comparison.policies[1])
                        )}
                    </p>
                    <div class="compare-columns">
                        {columns
                            .into_iter()
                            .enumerate()
                            .map(|(index, column)| {
                                let heading_id = format!("compare-column-{index}");
                                let labelled_by = heading_id.clone();
                                view! {
                                    <section class="compare-column" aria-labelledby=labelled_by>
                                        <h3 id=heading_id>{column.heading}</h3>
                                        <dl class="compare-rows">
                                            {column
                                                .rows
                                                .into_iter()
                                                .map(|(label, value)| view! { <div><dt>{label}</dt><dd>{value}</dd></div> })
                                                .collect_view()}
                                        </dl>
                                    </section>
                                }
                            })
                            .collect_view()}
                    </div>
                }
            })}
        </section>
    }
}
