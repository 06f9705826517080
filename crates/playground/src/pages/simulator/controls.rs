//! The scenario controls: a preset or the user's rules, the event stream, how each target
//! behaves, the run settings, and a plain-words outline of what will be simulated.

use leptos::prelude::*;

use super::{problems_id, FieldProblems, SimContext};
use crate::context::use_app;
use crate::model::rule_list::pattern_preview;
use crate::model::simulator_scenario::{
    bus_options, effective_mix, has_rules, offered_samples, rules_on_bus, simulated_targets,
    suggested_mix, SampleOrigin, SimulatedTarget,
};
use crate::model::simulator_settings::{control_id, target_control_id};
use crate::route::Section;
use delivery::describe::{format_count, outline, pretty_json};
use delivery::settings::{
    format_permille_percent, parse_permille_percent, parse_seed, parse_whole, JitterChoice,
    NonRetryableChoice, RateUnit, RetryableChoice, ScenarioChoice, TargetSettings,
    MAX_DURATION_MINUTES, MAX_RATE_COUNT, MAX_SAMPLE_WEIGHT, MAX_WINDOW_MINUTE,
};
use delivery::{MAX_LATENCY_MS, MAX_RATE_LIMIT_PER_SECOND};

/// A labelled text input for a number. What the user types is parsed; readable values go to
/// the settings (where range problems are reported), unreadable ones get a message here.
#[component]
fn NumberField(
    ctx: SimContext,
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    /// The stored value as the field shows it.
    #[prop(into)]
    value: Signal<String>,
    /// Takes the typed text; returns false when it cannot be read.
    set: Callback<String, bool>,
    /// What a readable value looks like, for the message about an unreadable one.
    #[prop(into)]
    expected: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] placeholder: Option<String>,
    #[prop(default = "numeric")] inputmode: &'static str,
) -> impl IntoView {
    let unreadable = RwSignal::new(false);
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let described_by = [Some(problems_id(&id)), hint_id.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let invalid = ctx.invalid(&id);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                type="text"
                inputmode=inputmode
                autocomplete="off"
                spellcheck="false"
                maxlength="24"
                placeholder=placeholder
                aria-invalid=move || (unreadable.get() || invalid().is_some()).then_some("true")
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| unreadable.set(!set.run(event_target_value(&ev)))
            />
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            <Show when=move || unreadable.get()>
                <p class="field-error">{expected.clone()}</p>
            </Show>
            <FieldProblems ctx field=id.clone() />
        </div>
    }
}

/// A labelled select.
#[component]
fn SelectField(
    ctx: SimContext,
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    options: Vec<(String, String)>,
    #[prop(into)] value: Signal<String>,
    set: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id.clone()
                aria-invalid=ctx.invalid(&id)
                aria-describedby=problems_id(&id)
                on:change=move |ev| set.run(event_target_value(&ev))
            >
                {options
                    .into_iter()
                    .map(|(option_value, option_label)| {
                        let selected_value = option_value.clone();
                        view! {
                            <option value=option_value selected=move || value.get() == selected_value>
                                {option_label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <FieldProblems ctx field=id.clone() />
        </div>
    }
}

/// A labelled checkbox.
#[component]
fn CheckField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into)] checked: Signal<bool>,
    set: Callback<bool>,
) -> impl IntoView {
    view! {
        <span class="choice">
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=move || checked.get()
                on:change=move |ev| set.run(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
        </span>
    }
}

fn whole_setter(
    ctx: SimContext,
    apply: fn(&mut delivery::settings::SimulatorSettings, u32),
) -> Callback<String, bool> {
    Callback::new(move |text: String| match parse_whole(&text) {
        Some(value) => {
            ctx.edit(|settings| apply(settings, value));
            true
        }
        None => false,
    })
}

#[component]
pub(super) fn ScenarioControls(ctx: SimContext) -> impl IntoView {
    let app = ctx.app;
    let has_rules = Memo::new(move |_| app.state.with(has_rules));
    let is_preset = Memo::new(move |_| ctx.settings.with(|s| s.preset_id().is_some()));
    let choose_mine = move |_| {
        let first_bus = app.state.with_untracked(|state| {
            let options = bus_options(state);
            let current = state.simulator.bus.clone();
            if options.iter().any(|bus| bus.name == current) {
                current
            } else {
                options
                    .first()
                    .map(|bus| bus.name.clone())
                    .unwrap_or(current)
            }
        });
        ctx.edit(|settings| {
            settings.choice = ScenarioChoice::MyRules;
            if settings.bus != first_bus {
                settings.bus = first_bus;
                settings.rule = None;
                settings.samples.clear();
            }
        });
    };
    let choose_preset = move |_| {
        ctx.edit(|settings| {
            if settings.preset_id().is_none() {
                settings.choice = ScenarioChoice::Preset {
                    id: delivery::settings::DEFAULT_PRESET.to_owned(),
                };
            }
        })
    };
    view! {
        <div class="sim-panel sim-setup" role="region" aria-labelledby="setup-title">
            <h2 id="setup-title">"Scenario"</h2>
            <fieldset class="scenario-choice">
                <legend>"What to simulate"</legend>
                <span class="choice">
                    <input
                        type="radio"
                        name="sim-choice"
                        id="sim-choice-preset"
                        prop:checked=move || is_preset.get()
                        on:change=choose_preset
                    />
                    <label for="sim-choice-preset">"A preset scenario"</label>
                </span>
                <span class="choice">
                    <input
                        type="radio"
                        name="sim-choice"
                        id="sim-choice-mine"
                        prop:checked=move || !is_preset.get()
                        disabled=move || !has_rules.get() && is_preset.get()
                        aria-describedby="sim-choice-mine-hint"
                        on:change=choose_mine
                    />
                    <label for="sim-choice-mine">"My rules"</label>
                </span>
                <p class="hint" id="sim-choice-mine-hint">
                    {move || if has_rules.get() {
                        "Your rules use their own targets, retry policies and dead-letter queues; you choose how the targets behave."
                            .to_owned()
                    } else {
                        format!(
                            "You have no rules in {} yet: create one on the Rules page to simulate it. Meanwhile the presets bring their own rules.",
                            app.state.with(|s| s.region.clone())
                        )
                    }}
                    " "
                    <a href=use_app().link(Section::Rules, "")>"Go to Rules"</a>
                </p>
            </fieldset>
            {move || if is_preset.get() {
                view! { <PresetPicker ctx /> }.into_any()
            } else {
                view! { <MyRulesControls ctx /> }.into_any()
            }}
            <RunSettings ctx />
            <ScenarioOutlineView ctx />
        </div>
    }
}

#[component]
fn PresetPicker(ctx: SimContext) -> impl IntoView {
    let chosen = Memo::new(move |_| ctx.settings.with(|s| s.preset_id().map(str::to_owned)));
    view! {
        <fieldset class="preset-list" aria-describedby=problems_id(&control_id("preset"))>
            <legend>"Preset"</legend>
            {delivery::PRESETS
                .iter()
                .map(|preset| {
                    let id = format!("sim-preset-{}", preset.id);
                    let question_id = format!("{id}-question");
                    view! {
                        <div class="preset-option">
                            <input
                                type="radio"
                                name="sim-preset"
                                id=id.clone()
                                value=preset.id
                                aria-describedby=question_id.clone()
                                prop:checked=move || chosen.get().as_deref() == Some(preset.id)
                                on:change=move |_| ctx.edit(|settings| {
                                    settings.choice = ScenarioChoice::Preset { id: preset.id.to_owned() };
                                })
                            />
                            <label for=id>{preset.title}</label>
                            <p class="hint" id=question_id>{preset.question}</p>
                        </div>
                    }
                })
                .collect_view()}
            <FieldProblems ctx field=control_id("preset") />
        </fieldset>
    }
}

#[component]
fn MyRulesControls(ctx: SimContext) -> impl IntoView {
    let app = ctx.app;
    let buses = Memo::new(move |_| app.state.with(bus_options));
    let bus = Memo::new(move |_| ctx.settings.with(|s| s.bus.clone()));
    let rule_choices = Memo::new(move |_| {
        let bus = bus.get();
        app.state.with(|state| {
            rules_on_bus(state, &bus)
                .into_iter()
                .map(|rule| {
                    let label = match rule.state {
                        rules::RuleState::Enabled => rule.name.clone(),
                        rules::RuleState::Disabled => format!("{} (disabled)", rule.name),
                    };
                    (rule.name.clone(), label)
                })
                .collect::<Vec<_>>()
        })
    });
    let targets = Memo::new(move |_| {
        app.state
            .with(|state| simulated_targets(state, &state.simulator))
    });

    let set_bus = Callback::new(move |name: String| {
        ctx.edit(|settings| {
            settings.bus = name;
            settings.rule = None;
            settings.samples.clear();
        })
    });
    let set_rule = Callback::new(move |value: String| {
        ctx.edit(|settings| settings.rule = (!value.is_empty()).then_some(value));
    });

    view! {
        <div class="my-rules">
            {move || {
                let options: Vec<(String, String)> = buses.get().into_iter().map(|bus| (bus.name, bus.label)).collect();
                view! {
                    <div class="field-row">
                        <SelectField ctx id=control_id("bus") label="Event bus" options value=bus set=set_bus />
                        {move || {
                            let mut options = vec![(String::new(), "Every enabled rule on this bus".to_owned())];
                            options.extend(rule_choices.get());
                            view! {
                                <SelectField
                                    ctx
                                    id=control_id("rule")
                                    label="Rules to simulate"
                                    options
                                    value=Signal::derive(move || ctx.settings.with(|s| s.rule.clone().unwrap_or_default()))
                                    set=set_rule
                                />
                            }
                        }}
                    </div>
                }
            }}
            <EventControls ctx />
            <h3>"Targets"</h3>
            <p class="hint">
                "Retry policies and dead-letter queues come from your rules; change them on the Rules page. "
                "Here you decide how each target answers."
            </p>
            {move || {
                let targets = targets.get();
                if targets.is_empty() {
                    view! { <p class="empty">"The selected rules have no targets: matched events go nowhere."</p> }.into_any()
                } else {
                    targets
                        .into_iter()
                        .map(|target| view! { <TargetCard ctx target /> })
                        .collect_view()
                        .into_any()
                }
            }}
        </div>
    }
}

#[component]
fn EventControls(ctx: SimContext) -> impl IntoView {
    let app = ctx.app;
    let offered = Memo::new(move |_| {
        app.state
            .with(|state| offered_samples(state, &state.simulator))
    });
    let mix = Memo::new(move |_| {
        offered.with(|offered| ctx.settings.with(|s| effective_mix(s, offered)))
    });
    let events = Memo::new(move |_| ctx.settings.with(|s| s.rate.events_in(s.duration_minutes)));
    let unit_options: Vec<(String, String)> = RateUnit::ALL
        .into_iter()
        .map(|unit| (unit.as_str().to_owned(), format!("per {}", unit.as_str())))
        .collect();
    view! {
        <fieldset class="events">
            <legend>"Events"</legend>
            <div class="field-row">
                <NumberField
                    ctx
                    id=control_id("rate")
                    label="Number of events"
                    value=Signal::derive(move || ctx.settings.with(|s| s.rate.count.to_string()))
                    set=whole_setter(ctx, |s, v| s.rate.count = v)
                    expected=format!("Enter a whole number from 1 to {MAX_RATE_COUNT}.")
                />
                <SelectField
                    ctx
                    id=control_id("rate-unit")
                    label="Per"
                    options=unit_options
                    value=Signal::derive(move || ctx.settings.with(|s| s.rate.per.as_str().to_owned()))
                    set=Callback::new(move |value: String| {
                        if let Ok(unit) = value.parse::<RateUnit>() {
                            ctx.edit(|s| s.rate.per = unit);
                        }
                    })
                />
                <NumberField
                    ctx
                    id=control_id("duration")
                    label="For (minutes)"
                    value=Signal::derive(move || ctx.settings.with(|s| s.duration_minutes.to_string()))
                    set=whole_setter(ctx, |s, v| s.duration_minutes = v)
                    expected=format!("Enter a whole number of minutes from 1 to {MAX_DURATION_MINUTES}.")
                />
            </div>
            <p class="hint">
                {move || format!("{} events in all, evenly spaced from the start.", format_count(events.get()))}
            </p>
            <fieldset class="samples" aria-describedby=problems_id(&control_id("samples"))>
                <legend>"Sample events and their weights"</legend>
                <p class="hint">
                    "Each event is one of these samples, drawn in proportion to the weights (0 leaves a sample out)."
                </p>
                <ul class="sample-weights">
                    {move || {
                        let shown_mix = mix.get();
                        offered
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(index, sample)| {
                                let weight = shown_mix
                                    .iter()
                                    .find(|w| w.id == sample.id)
                                    .map(|w| w.weight)
                                    .unwrap_or(0);
                                let id = format!("sim-sample-{index}");
                                let matches = if sample.matching_rules.is_empty() {
                                    "Matches none of the simulated rules.".to_owned()
                                } else {
                                    format!("Matches {}.", sample.matching_rules.join(", "))
                                };
                                let origin = match sample.origin {
                                    SampleOrigin::RuleBuilder => "rule builder",
                                    SampleOrigin::Partner => "partner sample",
                                    SampleOrigin::Generic => "generic",
                                };
                                let sample_id = sample.id.clone();
                                let set = Callback::new(move |text: String| match parse_whole(&text) {
                                    Some(weight) => {
                                        let suggested = offered.with_untracked(|offered| suggested_mix(offered));
                                        ctx.edit(|s| s.set_sample_weight(&sample_id, weight, &suggested));
                                        true
                                    }
                                    None => false,
                                });
                                let body = pretty_json(&sample.text);
                                view! {
                                    <li class="sample-weight" class:sample-unmatched=sample.matching_rules.is_empty()>
                                        <NumberField
                                            ctx
                                            id=id
                                            label=sample.title.clone()
                                            value=Signal::derive(move || weight.to_string())
                                            set
                                            expected=format!("Enter a weight from 0 to {MAX_SAMPLE_WEIGHT}.")
                                            hint=format!("{matches} ({origin})")
                                        />
                                        <details class="sample-json">
                                            <summary>"Show the event"</summary>
                                            <pre class="code-block">{body}</pre>
                                        </details>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <FieldProblems ctx field=control_id("samples") />
            </fieldset>
        </fieldset>
    }
}

/// Reads one target's settings.
fn read_target<T>(
    ctx: SimContext,
    target: &SimulatedTarget,
    read: fn(&TargetSettings) -> T,
) -> Signal<T>
where
    T: Send + Sync + Clone + 'static,
{
    let (bus, rule, id) = (
        target.bus.clone(),
        target.rule.clone(),
        target.target.id.clone(),
    );
    Signal::derive(move || ctx.settings.with(|s| read(&s.target(&bus, &rule, &id))))
}

fn target_whole(
    ctx: SimContext,
    target: &SimulatedTarget,
    apply: fn(&mut TargetSettings, u32),
) -> Callback<String, bool> {
    let (bus, rule, id) = (
        target.bus.clone(),
        target.rule.clone(),
        target.target.id.clone(),
    );
    Callback::new(move |text: String| match parse_whole(&text) {
        Some(value) => {
            ctx.edit(|s| s.edit_target(&bus, &rule, &id, |t| apply(t, value)));
            true
        }
        None => false,
    })
}

fn target_check(
    ctx: SimContext,
    target: &SimulatedTarget,
    apply: fn(&mut TargetSettings, bool),
) -> Callback<bool> {
    let (bus, rule, id) = (
        target.bus.clone(),
        target.rule.clone(),
        target.target.id.clone(),
    );
    Callback::new(move |checked: bool| {
        ctx.edit(|s| s.edit_target(&bus, &rule, &id, |t| apply(t, checked)))
    })
}

#[component]
fn TargetCard(ctx: SimContext, target: SimulatedTarget) -> impl IntoView {
    let index = target.index;
    let field = move |name: &str| target_control_id(index, name);
    let api = target.is_api_destination();
    let retryable_options = || -> Vec<(String, String)> {
        RetryableChoice::offered(api)
            .into_iter()
            .map(|choice| (choice.as_str().to_owned(), choice.label()))
            .collect()
    };
    let transient_options = retryable_options();
    let outage_options = retryable_options();
    let fatal_options: Vec<(String, String)> = NonRetryableChoice::offered(api)
        .into_iter()
        .map(|choice| (choice.as_str().to_owned(), choice.label()))
        .collect();
    let transient_on = read_target(ctx, &target, |t| t.transient.enabled);
    let outage_on = read_target(ctx, &target, |t| t.outage.enabled);
    let fatal_on = read_target(ctx, &target, |t| t.non_retryable.enabled);
    let limit_on = read_target(ctx, &target, |t| t.rate_limit.enabled);
    let healthy = read_target(ctx, &target, TargetSettings::is_healthy);
    let latency = read_target(ctx, &target, |t| t.latency_ms.to_string());
    let failure_rate_value = read_target(ctx, &target, |t| {
        format_permille_percent(t.transient.failure_permille)
    });
    let transient_error = read_target(ctx, &target, |t| t.transient.error.as_str().to_owned());
    let outage_from = read_target(ctx, &target, |t| t.outage.from_minute.to_string());
    let outage_until = read_target(ctx, &target, |t| t.outage.until_minute.to_string());
    let outage_error = read_target(ctx, &target, |t| t.outage.error.as_str().to_owned());
    let fatal_error = read_target(ctx, &target, |t| t.non_retryable.error.as_str().to_owned());
    let fatal_from = read_target(ctx, &target, |t| t.non_retryable.from_minute.to_string());
    let rate_limit = read_target(ctx, &target, |t| t.rate_limit.per_second.to_string());
    let set_latency = target_whole(ctx, &target, |t, v| t.latency_ms = v);
    let set_outage_from = target_whole(ctx, &target, |t, v| t.outage.from_minute = v);
    let set_outage_until = target_whole(ctx, &target, |t, v| t.outage.until_minute = v);
    let set_fatal_from = target_whole(ctx, &target, |t, v| t.non_retryable.from_minute = v);
    let set_rate_limit = target_whole(ctx, &target, |t, v| t.rate_limit.per_second = v);
    let set_transient_on = target_check(ctx, &target, |t, on| t.transient.enabled = on);
    let set_outage_on = target_check(ctx, &target, |t, on| t.outage.enabled = on);
    let set_fatal_on = target_check(ctx, &target, |t, on| t.non_retryable.enabled = on);
    let set_limit_on = target_check(ctx, &target, |t, on| t.rate_limit.enabled = on);
    let policy = target.target.retry_policy;
    let policy_text = format!(
        "{} · {} retries, maximum event age {}",
        target.target.kind.label(),
        policy.maximum_retry_attempts,
        aws_model::format_event_age(policy.maximum_event_age_seconds)
    );
    let dlq_text = match &target.dlq {
        None => "No dead-letter queue: events that fail for good are dropped.".to_owned(),
        Some((arn, true)) => format!("Dead-letter queue {arn} (this account)."),
        Some((arn, false)) => format!(
            "Dead-letter queue {arn} (another account: its owner must attach a queue policy)."
        ),
    };
    let same_account = target.dlq.as_ref().map(|(_, same)| *same);
    let legend = format!("Target {} of rule {}", target.target.id, target.rule);

    let set_transient_error = {
        let target = target.clone();
        Callback::new(move |value: String| {
            if let Ok(choice) = value.parse::<RetryableChoice>() {
                edit_target_now(ctx, &target, move |t| t.transient.error = choice);
            }
        })
    };
    let set_outage_error = {
        let target = target.clone();
        Callback::new(move |value: String| {
            if let Ok(choice) = value.parse::<RetryableChoice>() {
                edit_target_now(ctx, &target, move |t| t.outage.error = choice);
            }
        })
    };
    let set_fatal_error = {
        let target = target.clone();
        Callback::new(move |value: String| {
            if let Ok(choice) = value.parse::<NonRetryableChoice>() {
                edit_target_now(ctx, &target, move |t| t.non_retryable.error = choice);
            }
        })
    };
    let set_failure_rate = {
        let target = target.clone();
        Callback::new(move |text: String| match parse_permille_percent(&text) {
            Some(permille) => {
                edit_target_now(ctx, &target, |t| t.transient.failure_permille = permille);
                true
            }
            None => false,
        })
    };
    let set_dlq_policy = {
        let target = target.clone();
        Callback::new(move |checked: bool| {
            edit_target_now(ctx, &target, |t| t.dlq_policy_attached = Some(checked))
        })
    };
    let dlq_policy_checked = {
        let same = same_account.unwrap_or(true);
        let (bus, rule, id) = (
            target.bus.clone(),
            target.rule.clone(),
            target.target.id.clone(),
        );
        Signal::derive(move || {
            ctx.settings
                .with(|s| s.target(&bus, &rule, &id).dlq_policy_attached(same))
        })
    };

    view! {
        <fieldset class="target-card">
            <legend>{legend}</legend>
            <p class="hint">{policy_text}</p>
            <p class="hint">{dlq_text}</p>
            <p class="target-health" class:target-healthy=move || healthy.get()>
                {move || if healthy.get() { "Healthy: every attempt succeeds." } else { "Misbehaving as set below." }}
            </p>
            <NumberField
                ctx
                id=field("latency")
                label="Response time (ms)"
                value=latency
                set=set_latency
                expected=format!("Enter a whole number of milliseconds from 0 to {MAX_LATENCY_MS}.")
            />
            <div class="behaviour">
                <CheckField id=field("transient") label="Some attempts fail (retryable)" checked=transient_on set=set_transient_on />
                <Show when=move || transient_on.get()>
                    <div class="field-row">
                        <NumberField
                            ctx
                            id=field("failure-rate")
                            label="Share of attempts that fail (%)"
                            value=failure_rate_value
                            set=set_failure_rate
                            inputmode="decimal"
                            expected="Enter a percentage from 0 to 100, with at most one decimal."
                        />
                        <SelectField
                            ctx
                            id=field("transient-error")
                            label="Error"
                            options=transient_options.clone()
                            value=transient_error
                            set=set_transient_error
                        />
                    </div>
                </Show>
            </div>
            <div class="behaviour">
                <CheckField id=field("outage") label="Outage (down for a while)" checked=outage_on set=set_outage_on />
                <Show when=move || outage_on.get()>
                    <div class="field-row">
                        <NumberField
                            ctx
                            id=field("outage-from")
                            label="Down from minute"
                            value=outage_from
                            set=set_outage_from
                            expected=format!("Enter a whole minute from 0 to {MAX_WINDOW_MINUTE}.")
                        />
                        <NumberField
                            ctx
                            id=field("outage-until")
                            label="Until minute"
                            value=outage_until
                            set=set_outage_until
                            expected=format!("Enter a whole minute from 1 to {MAX_WINDOW_MINUTE}.")
                        />
                        <SelectField
                            ctx
                            id=field("outage-error")
                            label="Error while down"
                            options=outage_options.clone()
                            value=outage_error
                            set=set_outage_error
                        />
                    </div>
                </Show>
            </div>
            <div class="behaviour">
                <CheckField id=field("fatal") label="Non-retryable error" checked=fatal_on set=set_fatal_on />
                <Show when=move || fatal_on.get()>
                    <div class="field-row">
                        <SelectField
                            ctx
                            id=field("fatal-error")
                            label="Error"
                            options=fatal_options.clone()
                            value=fatal_error
                            set=set_fatal_error
                        />
                        <NumberField
                            ctx
                            id=field("fatal-from")
                            label="From minute"
                            value=fatal_from
                            set=set_fatal_from
                            expected=format!("Enter a whole minute from 0 to {MAX_WINDOW_MINUTE}.")
                        />
                    </div>
                </Show>
            </div>
            <div class="behaviour">
                <CheckField id=field("limit") label="Rate limit" checked=limit_on set=set_limit_on />
                <Show when=move || limit_on.get()>
                    <NumberField
                        ctx
                        id=field("rate-limit")
                        label="Invocations per second"
                        value=rate_limit
                        set=set_rate_limit
                        expected=format!("Enter a whole number from 1 to {MAX_RATE_LIMIT_PER_SECOND}.")
                    />
                </Show>
            </div>
            {same_account.map(|same| {
                let hint = if same {
                    "The console adds this policy for a queue in the rule's account."
                } else {
                    "A queue in another account needs its owner to attach the policy."
                };
                view! {
                    <div class="behaviour">
                        <CheckField id=field("dlq-policy") label="Queue policy attached (lets EventBridge send to the DLQ)" checked=dlq_policy_checked set=set_dlq_policy />
                        <p class="hint">{hint}</p>
                    </div>
                }
            })}
        </fieldset>
    }
}

fn edit_target_now(
    ctx: SimContext,
    target: &SimulatedTarget,
    edit: impl FnOnce(&mut TargetSettings),
) {
    let (bus, rule, id) = (
        target.bus.clone(),
        target.rule.clone(),
        target.target.id.clone(),
    );
    ctx.edit(|s| s.edit_target(&bus, &rule, &id, edit));
}

#[component]
fn RunSettings(ctx: SimContext) -> impl IntoView {
    let jitter_options: Vec<(String, String)> = JitterChoice::ALL
        .into_iter()
        .map(|choice| (choice.as_str().to_owned(), choice.label().to_owned()))
        .collect();
    let set_seed = Callback::new(move |text: String| match parse_seed(&text) {
        Some(seed) => {
            ctx.edit(|s| s.seed = seed);
            true
        }
        None => false,
    });
    let set_detailed = Callback::new(move |text: String| {
        if text.trim().is_empty() {
            ctx.edit(|s| s.detailed_events = None);
            return true;
        }
        match parse_whole(&text) {
            Some(count) => {
                ctx.edit(|s| s.detailed_events = Some(count));
                true
            }
            None => false,
        }
    });
    view! {
        <fieldset class="run-settings">
            <legend>"Run settings"</legend>
            <div class="field-row">
                <NumberField
                    ctx
                    id=control_id("seed")
                    label="Seed"
                    value=Signal::derive(move || ctx.settings.with(|s| s.seed.to_string()))
                    set=set_seed
                    expected="Enter a whole number (up to 18446744073709551615)."
                    hint="The same seed gives the same failures, jitter and sample draws."
                />
                <SelectField
                    ctx
                    id=control_id("jitter")
                    label="Backoff jitter"
                    options=jitter_options
                    value=Signal::derive(move || ctx.settings.with(|s| s.jitter.as_str().to_owned()))
                    set=Callback::new(move |value: String| {
                        if let Ok(choice) = value.parse::<JitterChoice>() {
                            ctx.edit(|s| s.jitter = choice);
                        }
                    })
                />
                <NumberField
                    ctx
                    id=control_id("detailed")
                    label="Events with attempt-by-attempt records"
                    value=Signal::derive(move || ctx.settings.with(|s| s.detailed_events.map(|n| n.to_string()).unwrap_or_default()))
                    set=set_detailed
                    placeholder="auto"
                    expected="Enter a whole number from 0 to 10000, or leave it empty for automatic."
                    hint="Leave empty to keep as many as memory allows (the timeline, drill-down and DLQ viewer use them)."
                />
            </div>
        </fieldset>
    }
}

#[component]
fn ScenarioOutlineView(ctx: SimContext) -> impl IntoView {
    view! {
        <div class="scenario-outline" role="region" aria-labelledby="outline-title">
            <h3 id="outline-title">"What will be simulated"</h3>
            {move || ctx.built.with(|built| match built {
                Ok(built) => {
                    let outline = outline(&built.scenario);
                    let detailed = built.scenario.options.keep_details_for_first_events;
                    view! {
                        <p class="outline-title"><strong>{built.title.clone()}</strong></p>
                        <ul class="outline-list">
                            {outline.streams.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                            {outline.sources.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                            <li>{format!("Attempt-by-attempt records for the first {} events.", format_count(u64::from(detailed)))}</li>
                        </ul>
                        {outline
                            .rules
                            .into_iter()
                            .map(|rule| view! {
                                <div class="outline-rule">
                                    <p class="outline-rule-heading">{rule.heading}</p>
                                    <p class="hint">"Pattern: " <code class="wrap">{pattern_preview(&rule.pattern, 200)}</code></p>
                                    <ul class="outline-targets">
                                        {rule
                                            .targets
                                            .into_iter()
                                            .map(|target| view! {
                                                <li>
                                                    <strong>{target.id}</strong>
                                                    ": " {target.policy} "; " {target.dlq} "; " {target.behaviour} "."
                                                </li>
                                            })
                                            .collect_view()}
                                    </ul>
                                </div>
                            })
                            .collect_view()}
                    }
                    .into_any()
                }
                Err(problems) => view! {
                    <div class="outline-problems" role="alert">
                        <p>{format!("The settings have {} problem{}:", problems.len(), if problems.len() == 1 { "" } else { "s" })}</p>
                        <ul>{problems.iter().map(|problem| view! { <li>{problem.message.clone()}</li> }).collect_view()}</ul>
                    </div>
                }
                .into_any(),
            })}
        </div>
    }
}
