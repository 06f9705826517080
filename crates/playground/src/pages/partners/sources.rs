//! The table of the account's partner event sources and buses in the current Region.

use leptos::prelude::*;

use super::focus_selector;
use super::setup::DeliveryResult;
use crate::context::use_app;
use crate::model::sources::{
    other_regions_with_sources, source_row, source_rows, state_label, DeliveryReport, SourceAction,
};

/// The outcome of the last action in the table, shown in the row it was taken in.
#[derive(Clone, Debug, PartialEq)]
enum RowFeedback {
    Changed(String),
    Refused(String),
    Delivered(DeliveryReport),
}

#[derive(Clone, Copy)]
struct TableContext {
    /// The row's source name with what happened there last.
    feedback: RwSignal<Option<(String, RowFeedback)>>,
}

#[component]
pub fn SourcesTable() -> impl IntoView {
    let app = use_app();
    let feedback = RwSignal::new(None::<(String, RowFeedback)>);
    provide_context(TableContext { feedback });

    let names = Memo::new(move |_| {
        app.state.with(|s| {
            source_rows(&s.partners, &s.account, s.current_region().code())
                .into_iter()
                .map(|row| row.source.name)
                .collect::<Vec<_>>()
        })
    });
    let elsewhere = Memo::new(move |_| {
        app.state.with(|s| {
            other_regions_with_sources(&s.partners, &s.account, s.current_region().code())
        })
    });
    let region_code = move || app.state.with(|s| s.current_region().code());

    view! {
        <section class="sources" aria-labelledby="sources-title">
            <h2 id="sources-title" tabindex="-1">"Your partner event sources in " {region_code}</h2>
            <p class="hint">
                "Sources and their event buses belong to one account in one Region. Listed for account "
                <code>{move || app.state.with(|s| s.account.clone())}</code> "."
            </p>
            {move || {
                let elsewhere = elsewhere.get();
                (!elsewhere.is_empty())
                    .then(|| {
                        view! {
                            <div class="note other-regions">
                                <span>"This account also has sources in other Regions:"</span>
                                {elsewhere
                                    .into_iter()
                                    .map(|(code, count)| {
                                        view! {
                                            <button
                                                type="button"
                                                class="link-button"
                                                on:click=move |_| app.state.update(|s| s.region = code.to_owned())
                                            >
                                                {format!("Switch to {code} ({count})")}
                                            </button>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                        }
                    })
            }}
            <Show
                when=move || names.with(|names| !names.is_empty())
                fallback=|| {
                    view! {
                        <p class="empty">
                            "No partner event sources here yet. Use the walk-through above to have a partner create one."
                        </p>
                    }
                }
            >
                <div class="table-wrap">
                    <table class="data-table sources-table">
                        <caption class="visually-hidden">
                            {move || format!("Partner event sources and event buses in {}", region_code())}
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">"Event source"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Event bus"</th>
                                <th scope="col">"Actions"</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || names.get() key=|name| name.clone() children=|name: String| view! { <SourceRowView name /> } />
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn SourceRowView(name: String) -> impl IntoView {
    let app = use_app();
    let TableContext { feedback } = expect_context();
    let name = StoredValue::new(name);
    let row = Memo::new(move |_| {
        app.state.with(|s| {
            source_row(
                &s.partners,
                &s.account,
                s.current_region().code(),
                &name.read_value(),
            )
        })
    });
    let actions_id = format!("source-actions-{}", dom_key(&name.read_value()));
    let actions_selector = format!("#{actions_id} button");

    let run = move |action: SourceAction| {
        let source_name = name.get_value();
        let mut result = Ok(String::new());
        app.state.update(|s| {
            let (account, region) = (s.account.clone(), s.current_region().code());
            result = action.apply(&mut s.partners, &account, region, &source_name);
        });
        let still_listed = row.with_untracked(Option::is_some);
        match result {
            Ok(change) => feedback.set(Some((source_name, RowFeedback::Changed(change)))),
            Err(error) => {
                feedback.set(Some((source_name, RowFeedback::Refused(error.to_string()))))
            }
        }
        // The clicked button is replaced by the actions that now apply; keep focus in the row.
        let selector = actions_selector.clone();
        request_animation_frame(move || {
            if still_listed {
                focus_selector(&selector);
            } else {
                focus_selector("#sources-title");
            }
        });
    };
    let send_test_event = move |_| {
        let source_name = name.get_value();
        let report = app
            .state
            .with(|s| DeliveryReport::send(&s.partners, s.current_region().code(), &source_name));
        feedback.set(Some((source_name, RowFeedback::Delivered(report))));
    };
    let own_feedback = move || {
        feedback.with(|feedback| match feedback {
            Some((source, outcome)) if *source == name.read_value().as_str() => {
                Some(outcome.clone())
            }
            _ => None,
        })
    };

    move || {
        row.get().map(|row| {
            let (state, meaning) = state_label(&row.source);
            let actions_id = actions_id.clone();
            let run = run.clone();
            view! {
                <tr>
                    <th scope="row">
                        <code class="wrap name">{row.source.name.clone()}</code>
                        {row.partner_name.map(|partner| view! { <span class="hint">" from " {partner}</span> })}
                        <span class="arn"><span class="arn-label">"ARN "</span><code class="wrap">{row.source.arn()}</code></span>
                    </th>
                    <td>
                        <span class=format!("state state-{}", state.to_lowercase())>{state}</span>
                        <span class="hint state-meaning">{meaning}</span>
                    </td>
                    <td>
                        {match row.bus.clone() {
                            Some(bus) => view! {
                                <code class="wrap name">{bus.name.clone()}</code>
                                <span class="hint">{if bus.receiving { " receiving events" } else { " not receiving events" }}</span>
                                <span class="arn"><span class="arn-label">"ARN "</span><code class="wrap">{bus.arn()}</code></span>
                            }
                            .into_any(),
                            None => view! { <span class="hint">"None yet"</span> }.into_any(),
                        }}
                    </td>
                    <td>
                        <div class="button-row compact" id=actions_id>
                            {row.actions()
                                .into_iter()
                                .map(|action| {
                                    let run = run.clone();
                                    let class = if action == SourceAction::Associate { "primary" } else { "" };
                                    view! {
                                        <button type="button" class=class on:click=move |_| run(action)>
                                            {action.label()}
                                        </button>
                                    }
                                })
                                .collect_view()}
                            <button type="button" on:click=send_test_event>"Send a test event"</button>
                        </div>
                        {move || own_feedback().map(|outcome| match outcome {
                            RowFeedback::Changed(change) => view! { <p class="change" role="status">{change}</p> }.into_any(),
                            RowFeedback::Refused(message) => view! { <p class="field-error" role="alert">{message}</p> }.into_any(),
                            RowFeedback::Delivered(report) => view! { <DeliveryResult report /> }.into_any(),
                        })}
                    </td>
                </tr>
            }
        })
    }
}

/// A short id-safe key for a source name (names contain `/` and `.`, which ids and CSS
/// selectors would need escaped).
fn dom_key(name: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}
