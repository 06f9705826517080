//! A finished run: the outcome summary, the per-target table, the attempt timeline, the metric
//! charts, the dead-letter queue viewer and the drill-down of one event.

use std::sync::Arc;

use leptos::prelude::*;

use super::charts::{BarChartView, LineChartView, TimelineView};
use super::{SimContext, SimulationResult};
use crate::model::simulator_charts::{latency_chart, metric_charts, metric_totals};
use crate::model::simulator_timeline::build_timeline;
use delivery::describe::{
    dlq_coverage, dlq_entries, drill_down, format_clock, format_count, headline, outcome_rows,
    pretty_json, run_facts, target_rows, OutcomeKind,
};
use delivery::settings::parse_whole;

/// DLQ messages shown per page of the viewer.
const DLQ_PAGE: usize = 5;

#[component]
pub(super) fn Results(ctx: SimContext) -> impl IntoView {
    move || {
        ctx.result.get().map(|result| {
            let run = result.run;
            view! {
                <section class="sim-panel sim-results" aria-labelledby="results-title" data-run=run>
                    <h2 id="results-title">"Results"</h2>
                    <p class="hint">{result.title.clone()}</p>
                    <OutcomeSummary result=result.clone() />
                    <TargetTable result=result.clone() />
                    <TimelineSection result=result.clone() />
                    <MetricsSection result=result.clone() />
                    <DlqViewer result=result.clone() />
                    <DrillDown result />
                </section>
            }
        })
    }
}

#[component]
fn OutcomeSummary(result: Arc<SimulationResult>) -> impl IntoView {
    let summary = &result.report.summary;
    let rows = outcome_rows(summary);
    let created = summary.invocations_created;
    let bar_parts: Vec<(OutcomeKind, f64)> = rows
        .iter()
        .filter(|row| row.count > 0)
        .map(|row| (row.kind, row.count as f64 * 100.0 / created.max(1) as f64))
        .collect();
    view! {
        <div class="outcome" role="region" aria-labelledby="outcome-title">
            <h3 id="outcome-title">"Outcome"</h3>
            <p class="headline">{headline(summary)}</p>
            <div class="outcome-bar" aria-hidden="true">
                {bar_parts
                    .into_iter()
                    .map(|(kind, share)| view! {
                        <span class=format!("outcome-part outcome-{}", kind.as_str()) style=format!("width: {share:.3}%")></span>
                    })
                    .collect_view()}
            </div>
            <div class="table-wrap">
                <table class="data-table outcome-table">
                    <caption class="visually-hidden">"Invocation outcomes"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Outcome"</th>
                            <th scope="col">"Invocations"</th>
                            <th scope="col">"Share"</th>
                            <th scope="col">"Meaning"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|row| view! {
                                <tr data-outcome=row.kind.as_str()>
                                    <th scope="row">
                                        <span class=format!("swatch outcome-{}", row.kind.as_str()) aria-hidden="true"></span>
                                        {row.kind.label()}
                                    </th>
                                    <td class="number">{format_count(row.count)}</td>
                                    <td class="number">{row.share}</td>
                                    <td class="hint">{row.kind.explanation()}</td>
                                </tr>
                            })
                            .collect_view()}
                        <tr class="total-row">
                            <th scope="row">"Invocations created"</th>
                            <td class="number">{format_count(created)}</td>
                            <td class="number">{if created > 0 { "100%" } else { "–" }}</td>
                            <td class="hint">"One per matched event and target."</td>
                        </tr>
                    </tbody>
                </table>
            </div>
            <dl class="facts run-facts">
                {run_facts(&result.report)
                    .into_iter()
                    .map(|(label, value)| view! { <div><dt>{label}</dt><dd>{value}</dd></div> })
                    .collect_view()}
            </dl>
        </div>
    }
}

#[component]
fn TargetTable(result: Arc<SimulationResult>) -> impl IntoView {
    let rows = target_rows(&result.report);
    view! {
        <div role="region" aria-labelledby="targets-title">
            <h3 id="targets-title">"By target"</h3>
            <div class="table-wrap">
                <table class="data-table target-table">
                    <caption class="visually-hidden">"Outcomes by target"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Target"</th>
                            <th scope="col">"Invocations"</th>
                            <th scope="col">"Attempts"</th>
                            <th scope="col">"Retries"</th>
                            {OutcomeKind::ALL.into_iter().map(|kind| view! { <th scope="col">{kind.label()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|row| view! {
                                <tr>
                                    <th scope="row"><span class="target-name">{row.target_id}</span><span class="hint">" rule " {row.rule}</span></th>
                                    <td class="number">{format_count(row.created)}</td>
                                    <td class="number">{format_count(row.attempts)}</td>
                                    <td class="number">{format_count(row.retries)}</td>
                                    {row
                                        .outcomes
                                        .into_iter()
                                        .map(|(count, share)| view! { <td class="number">{format_count(count)} <span class="share">" (" {share} ")"</span></td> })
                                        .collect_view()}
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

#[component]
fn TimelineSection(result: Arc<SimulationResult>) -> impl IntoView {
    let timeline = build_timeline(&result.scenario, &result.report, &result.timeline_events);
    let empty = timeline.rows.is_empty();
    view! {
        <div role="region" aria-labelledby="timeline-section-title">
            <h3 id="timeline-section-title">"Timeline"</h3>
            <p class="hint">
                "A few events that show what happened, one row per target, on an axis of time since the event "
                "was ingested. Point at a mark for its details; the drill-down below has every attempt."
            </p>
            {if empty {
                view! { <p class="empty">{timeline.description.clone()}</p> }.into_any()
            } else {
                view! { <TimelineView timeline /> }.into_any()
            }}
        </div>
    }
}

#[component]
fn MetricsSection(result: Arc<SimulationResult>) -> impl IntoView {
    let charts = metric_charts(&result.report.per_minute);
    let latency = latency_chart(&result.report.per_minute);
    let totals = metric_totals(&result.report.totals);
    view! {
        <div role="region" aria-labelledby="metrics-title">
            <h3 id="metrics-title">"Metrics"</h3>
            <p class="hint">
                "The CloudWatch metrics (namespace AWS/Events) the run would produce. AWS emits some of them only when "
                "they are not zero; long runs add minutes up into longer periods."
            </p>
            <div class="chart-grid">
                {charts
                    .into_iter()
                    .map(|chart| {
                        let id = format!("metric-{}", chart.key);
                        view! { <BarChartView chart id /> }
                    })
                    .collect_view()}
                <LineChartView chart=latency id="metric-latency" />
            </div>
            <div class="table-wrap">
                <table class="data-table metric-totals">
                    <caption>"Metric totals over the run"</caption>
                    <thead><tr><th scope="col">"Metric"</th><th scope="col">"Total"</th></tr></thead>
                    <tbody>
                        {totals
                            .into_iter()
                            .map(|(name, value)| view! { <tr><th scope="row"><code>{name}</code></th><td>{value}</td></tr> })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

#[component]
fn DlqViewer(result: Arc<SimulationResult>) -> impl IntoView {
    let entries = Arc::new(dlq_entries(&result.report));
    let coverage = dlq_coverage(&result.report, entries.len());
    let shown = RwSignal::new(DLQ_PAGE);
    let total = entries.len();
    let lost = result.report.summary.outcomes.failed_to_reach_dlq;
    view! {
        <div class="dlq-viewer" role="region" aria-labelledby="dlq-title">
            <h3 id="dlq-title">"Dead-letter queue"</h3>
            <p class="dlq-coverage">{coverage}</p>
            {(lost > 0).then(|| view! {
                <p class="note">
                    {format!(
                        "{} failed invocations could not be put on their dead-letter queue (InvocationsFailedToBeSentToDlq): those events are lost. See the drill-down for the reason.",
                        format_count(lost)
                    )}
                </p>
            })}
            <ol class="dlq-messages">
                {move || {
                    entries
                        .iter()
                        .take(shown.get())
                        .enumerate()
                        .map(|(position, entry)| {
                            let heading_id = format!("dlq-message-{position}");
                            let labelled_by = heading_id.clone();
                            view! {
                                <li class="dlq-message">
                                    <article aria-labelledby=labelled_by>
                                        <h4 id=heading_id>
                                            {format!("Message {}: event {} → {}", position + 1, entry.event_number, entry.target_id)}
                                        </h4>
                                        <p class="hint">
                                            "Queue " <code class="wrap">{entry.queue_arn.clone()}</code>
                                            {format!(", received at {}.", format_clock(entry.at_ms))}
                                        </p>
                                        <table class="data-table compact-table attributes-table">
                                            <caption>"Message attributes (all of type String)"</caption>
                                            <thead><tr><th scope="col">"Name"</th><th scope="col">"Value"</th></tr></thead>
                                            <tbody>
                                                {entry
                                                    .attributes
                                                    .iter()
                                                    .map(|(name, value)| view! {
                                                        <tr><th scope="row"><code>{name.clone()}</code></th><td><code class="wrap">{value.clone()}</code></td></tr>
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                        <details>
                                            <summary>"Message body (the event)"</summary>
                                            <pre class="code-block">{pretty_json(&entry.body)}</pre>
                                        </details>
                                    </article>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
            <Show when=move || { shown.get() < total }>
                <div class="button-row">
                    <button type="button" on:click=move |_| shown.update(|n| *n += DLQ_PAGE)>
                        {move || format!("Show {} more messages", DLQ_PAGE.min(total.saturating_sub(shown.get())))}
                    </button>
                    <span class="hint">{move || format!("{} of {} listed.", shown.get().min(total), total)}</span>
                </div>
            </Show>
        </div>
    }
}

#[component]
fn DrillDown(result: Arc<SimulationResult>) -> impl IntoView {
    let kept = result.report.events.len() as u32;
    // Start with the most telling event: the last one the timeline picked (the first is
    // usually a plain success).
    let first_choice = result
        .timeline_events
        .last()
        .map(|index| index + 1)
        .unwrap_or(1);
    let chosen = RwSignal::new(first_choice.min(kept.max(1)));
    let unreadable = RwSignal::new(false);
    let quick: Vec<u32> = result
        .timeline_events
        .iter()
        .map(|index| index + 1)
        .collect();
    let report = result.clone();
    let detail = Memo::new(move |_| drill_down(&report.report, chosen.get()));
    view! {
        <div class="drill-down" role="region" aria-labelledby="drill-title">
            <h3 id="drill-title">"Event drill-down"</h3>
            {if kept == 0 {
                view! { <p class="empty">"No attempt-by-attempt records were kept for this run (see Run settings)."</p> }.into_any()
            } else {
                view! {
                    <div class="field-row">
                        <div class="field drill-field">
                            <label for="sim-drill-event">{format!("Event number (1 to {kept})")}</label>
                            <input
                                id="sim-drill-event"
                                type="text"
                                inputmode="numeric"
                                autocomplete="off"
                                aria-invalid=move || unreadable.get().then_some("true")
                                prop:value=move || chosen.get().to_string()
                                on:input=move |ev| match parse_whole(&event_target_value(&ev)) {
                                    Some(number) if (1..=kept).contains(&number) => {
                                        unreadable.set(false);
                                        chosen.set(number);
                                    }
                                    _ => unreadable.set(true),
                                }
                            />
                            <Show when=move || unreadable.get()>
                                <p class="field-error">{format!("Enter an event number from 1 to {kept}.")}</p>
                            </Show>
                        </div>
                        <div class="button-row compact" role="group" aria-label="Events on the timeline">
                            {quick
                                .into_iter()
                                .map(|number| view! {
                                    <button
                                        type="button"
                                        aria-pressed=move || (chosen.get() == number).to_string()
                                        on:click=move |_| {
                                            unreadable.set(false);
                                            chosen.set(number);
                                        }
                                    >
                                        {format!("Event {number}")}
                                    </button>
                                })
                                .collect_view()}
                        </div>
                    </div>
                    {move || detail.get().map(|event| view! {
                        <div class="drill-event">
                            <p>
                                <strong>{format!("Event {} ", event.number)}</strong>
                                {format!("ingested at {}. {}", event.ingested_at, event.fate)}
                            </p>
                            <details>
                                <summary>"The event"</summary>
                                <pre class="code-block">{event.body}</pre>
                            </details>
                            {event
                                .invocations
                                .into_iter()
                                .map(|invocation| view! {
                                    <div class="table-wrap attempt-table-wrap">
                                        <table class="data-table compact-table attempt-table">
                                            <caption>{invocation.caption}</caption>
                                            <thead>
                                                <tr>
                                                    <th scope="col">"Attempt"</th>
                                                    <th scope="col">"Starts at"</th>
                                                    <th scope="col">"Event age"</th>
                                                    <th scope="col">"Backoff before"</th>
                                                    <th scope="col">"Rate-limit wait"</th>
                                                    <th scope="col">"Answer took"</th>
                                                    <th scope="col">"Result"</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {invocation
                                                    .rows
                                                    .into_iter()
                                                    .map(|row| view! {
                                                        <tr>
                                                            <th scope="row">{row.number}</th>
                                                            <td>{row.start}</td>
                                                            <td>{row.since_ingestion}</td>
                                                            <td>{row.backoff}</td>
                                                            <td>{row.rate_limit_wait}</td>
                                                            <td>{row.duration}</td>
                                                            <td>{row.result}</td>
                                                        </tr>
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                            <tfoot>
                                                <tr><td colspan="7">{invocation.outcome}</td></tr>
                                            </tfoot>
                                        </table>
                                    </div>
                                })
                                .collect_view()}
                        </div>
                    })}
                }
                .into_any()
            }}
        </div>
    }
}
