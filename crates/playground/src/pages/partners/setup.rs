//! The interactive set-up walk-through for one partner.

use leptos::prelude::*;
use web_ui::site::{Page, Section};

use super::focus_selector;
use crate::context::use_app;
use crate::model::partner_search::Listing;
use crate::model::setup_flow::{
    parse_account, source_name_from_input, FlowAction, SetupStage, Step, StepStatus,
};
use crate::model::sources::{state_label, DeliveryReport};

#[component]
pub fn SetupWalkthrough(listing: Listing) -> impl IntoView {
    let app = use_app();
    let account_text = RwSignal::new(app.state.with_untracked(|s| s.account.clone()));
    // `None` while the name follows the partner's suggestion for the account.
    let typed_source_name = RwSignal::new(None::<String>);
    let action_error = RwSignal::new(None::<String>);
    // What the walk-through's last action did, with the stage it led to: once the sources
    // table changes that stage, the message is out of date and is not shown.
    let last_change = RwSignal::new(None::<(SetupStage, String)>);
    let delivery = RwSignal::new(None::<DeliveryReport>);

    let account_problem = Memo::new(move |_| account_text.with(|text| parse_account(text).err()));
    let suggested_name = Memo::new(move |_| {
        let account = account_text.with(|text| parse_account(text).ok());
        let account = account.unwrap_or_else(|| app.state.with(|s| s.account.clone()));
        listing.example_source_name(&account)
    });
    let source_name = Memo::new(move |_| {
        typed_source_name
            .get()
            .unwrap_or_else(|| suggested_name.get())
    });
    let stage = Memo::new(move |_| {
        app.state.with(|s| {
            SetupStage::observe(
                &s.partners,
                &account_text.get(),
                s.current_region().code(),
                &source_name.get(),
            )
        })
    });
    let clear_feedback = move || {
        action_error.set(None);
        last_change.set(None);
        delivery.set(None);
    };

    let on_account_input = move |ev| {
        let text = event_target_value(&ev);
        if let Ok(account) = parse_account(&text) {
            if app.state.with_untracked(|s| s.account != account) {
                app.state.update(|s| s.account = account);
            }
        }
        account_text.set(text);
        clear_feedback();
    };

    let run = move |action: FlowAction| {
        let Ok(account) = parse_account(&account_text.get_untracked()) else {
            return;
        };
        let name = source_name.get_untracked();
        let mut result = Ok(String::new());
        app.state.update(|s| {
            let region = s.current_region().code();
            result = action.apply(&mut s.partners, &account, region, &name);
        });
        delivery.set(None);
        match result {
            Ok(change) => {
                action_error.set(None);
                last_change.set(Some((stage.get_untracked(), change)));
                request_animation_frame(|| {
                    focus_selector("#setup-next-action");
                    if document()
                        .active_element()
                        .and_then(|e| e.get_attribute("id"))
                        .as_deref()
                        != Some("setup-next-action")
                    {
                        focus_selector("#setup-send-test");
                    }
                });
            }
            Err(error) => action_error.set(Some(error.to_string())),
        }
    };

    let send_test_event = move |_| {
        let report = app.state.with(|s| {
            DeliveryReport::send(
                &s.partners,
                s.current_region().code(),
                source_name_from_input(&source_name.get()),
            )
        });
        delivery.set(Some(report));
    };

    let name_refused = move || {
        action_error.with(Option::is_some)
            && stage.with(|stage| stage.current_step() == Some(Step::CreateSource))
    };

    // The action button and its error appear in the step the walk-through is on.
    let action_for = move |step: Step| {
        move || {
            let stage = stage.get();
            (stage.current_step() == Some(step)).then(|| {
                let action = stage.next_action();
                view! {
                    {action.map(|action| {
                        view! {
                            <button type="button" class="primary" id="setup-next-action" on:click=move |_| run(action)>
                                {action.label()}
                            </button>
                        }
                    })}
                    {move || {
                        action_error.get().map(|message| view! { <p class="field-error" id="setup-action-error" role="alert">{message}</p> })
                    }}
                }
            })
        }
    };

    let step_class = move |step: Step| {
        move || match stage.with(|stage| stage.status(step)) {
            StepStatus::Done => "step step-done",
            StepStatus::Current => "step step-current",
            StepStatus::Upcoming => "step step-upcoming",
        }
    };
    let step_heading = move |step: Step| {
        view! {
            <h4 class="step-title">
                <span class="step-number" aria-hidden="true">{step.number()}</span>
                <span class="visually-hidden">{format!("Step {}: ", step.number())}</span>
                {step.title()}
                <span class="step-status">{move || stage.with(|stage| stage.status(step).label())}</span>
            </h4>
        }
    };
    let aria_current = move |step: Step| {
        move || (stage.with(|stage| stage.current_step()) == Some(step)).then_some("step")
    };

    view! {
        <section class="setup" aria-labelledby="setup-title">
            <h3 id="setup-title">{format!("Connect {} to EventBridge", listing.display_name())}</h3>
            <p class="hint">
                "In AWS, you do the first step on the partner's website and the rest in the EventBridge "
                "console. Here the playground acts for the partner, so you can follow the whole flow; "
                "what you create is kept in this browser only."
            </p>
            <p class="setup-summary" role="status">
                {move || {
                    last_change.get().filter(|(after, _)| stage.with(|now| now == after)).map(|(_, change)| view! { <strong>{change} " "</strong> })
                }}
                {move || stage.with(SetupStage::summary)}
            </p>
            <ol class="steps">
                <li class=step_class(Step::Account) aria-current=aria_current(Step::Account)>
                    {step_heading(Step::Account)}
                    <p>"The partner creates the event source for one AWS account, so it asks for your account ID."</p>
                    <div class="field">
                        <label for="setup-account">"AWS account ID"</label>
                        <input
                            id="setup-account"
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            spellcheck="false"
                            maxlength="20"
                            aria-describedby="setup-account-hint setup-account-error"
                            aria-invalid=move || account_problem.with(Option::is_some).then_some("true")
                            prop:value=move || account_text.get()
                            on:input=on_account_input
                        />
                        <p id="setup-account-hint" class="hint">
                            "12 digits; dashes and spaces are ignored. Every ARN in the playground uses it."
                        </p>
                        <p id="setup-account-error" class="field-error" role="alert">
                            {move || account_problem.get().map(|problem| problem.to_string())}
                        </p>
                    </div>
                </li>
                <li class=step_class(Step::CreateSource) aria-current=aria_current(Step::CreateSource)>
                    {step_heading(Step::CreateSource)}
                    <p>
                        "On its site, the partner creates a partner event source that only your account can see. "
                        "Its name follows the partner's pattern, "
                        <code class="wrap">{listing.source_name_shape()}</code> "."
                    </p>
                    <div class="field">
                        <label for="setup-source-name">"Event source name"</label>
                        <input
                            id="setup-source-name"
                            type="text"
                            autocomplete="off"
                            spellcheck="false"
                            class="code"
                            maxlength="300"
                            // A refused CreateSource is about this name (issue 16, item 14): the
                            // input says so to assistive technology and points at the message.
                            aria-invalid=move || name_refused().then_some("true")
                            aria-describedby=move || if name_refused() {
                                "setup-source-hint setup-action-error"
                            } else {
                                "setup-source-hint"
                            }
                            prop:value=move || source_name.get()
                            on:input=move |ev| {
                                typed_source_name.set(Some(event_target_value(&ev)));
                                clear_feedback();
                            }
                        />
                        <p id="setup-source-hint" class="hint">
                            {move || {
                                let name = source_name.get();
                                if listing.owns_source_name(source_name_from_input(&name)) {
                                    "The partner fills in its own values; you may change them.".to_owned()
                                } else {
                                    format!(
                                        "{} names its sources like {}; the simulation accepts any valid name.",
                                        listing.display_name(),
                                        listing.source_name_shape(),
                                    )
                                }
                            }}
                        </p>
                        {move || {
                            typed_source_name.with(Option::is_some).then(|| {
                                view! {
                                    <button
                                        type="button"
                                        class="link-button"
                                        on:click=move |_| {
                                            typed_source_name.set(None);
                                            clear_feedback();
                                        }
                                    >
                                        "Use the suggested name"
                                    </button>
                                }
                            })
                        }}
                    </div>
                    {action_for(Step::CreateSource)}
                </li>
                <li class=step_class(Step::Associate) aria-current=aria_current(Step::Associate)>
                    {step_heading(Step::Associate)}
                    <p>
                        "In the console's Partner event sources, you select the new source and choose "
                        "Associate with event bus. Until then it is Pending and its events are dropped."
                    </p>
                    {matches!(listing, Listing::Partner(_)).then(|| view! {
                    <p class="note" id="setup-bus-kind">
                        "The source always delivers to its partner event bus, a Classic bus with rules. "
                        "To use the new Custom Event Bus (subscribers, scoped filters, JSONata) instead, "
                        "an event source forwards from that bus: "
                        <a href=Section::CustomBus.link_from(Page::Workbench, &format!("partner={}", listing.id()))>
                            "set up a Custom Event Bus for " {listing.display_name()}
                        </a>
                        "."
                    </p>
                    })}
                    {move || {
                        stage
                            .with(|stage| stage.source().cloned())
                            .map(|source| {
                                let (state, meaning) = state_label(&source);
                                view! {
                                    <p class="source-state">
                                        "Event source status: "
                                        <span class=format!("state state-{}", state.to_lowercase())>{state}</span>
                                        <span class="hint">{format!(" ({meaning})")}</span>
                                    </p>
                                }
                            })
                    }}
                    {action_for(Step::Associate)}
                </li>
                <li class=step_class(Step::Receive) aria-current=aria_current(Step::Receive)>
                    {step_heading(Step::Receive)}
                    <p>
                        "Once associated, the source is Active and a partner event bus with exactly the "
                        "source's name receives its events. Rules on that bus can match them."
                    </p>
                    {move || {
                        stage
                            .with(|stage| stage.bus().cloned().zip(stage.source().cloned()))
                            .map(|(bus, source)| {
                                view! {
                                    <dl class="facts facts-stacked">
                                        <div>
                                            <dt>"Event source name"</dt>
                                            <dd><code class="wrap">{source.name.clone()}</code></dd>
                                        </div>
                                        <div>
                                            <dt>"Event bus name"</dt>
                                            <dd><code class="wrap">{bus.name.clone()}</code></dd>
                                        </div>
                                        <div>
                                            <dt>"Event bus ARN"</dt>
                                            <dd><code class="wrap">{bus.arn()}</code></dd>
                                        </div>
                                    </dl>
                                }
                            })
                    }}
                    {move || {
                        stage
                            .with(SetupStage::can_send_test_event)
                            .then(|| {
                                view! {
                                    <div class="button-row">
                                        <button type="button" id="setup-send-test" on:click=send_test_event>
                                            "Send a test event"
                                        </button>
                                    </div>
                                }
                            })
                    }}
                    {move || delivery.get().map(|report| view! { <DeliveryResult report /> })}
                </li>
            </ol>
        </section>
    }
}

/// Where a test event went: Accepted (and to which bus) or Dropped (and why).
#[component]
pub fn DeliveryResult(report: DeliveryReport) -> impl IntoView {
    let class = if report.accepted {
        "delivery delivery-accepted"
    } else {
        "delivery delivery-dropped"
    };
    view! {
        <p class=class role="status">
            <strong>{report.outcome}</strong>
            ": "
            {report.detail}
            {report.bus_arn.map(|arn| view! { " " <code class="wrap">{arn}</code> })}
        </p>
    }
}
