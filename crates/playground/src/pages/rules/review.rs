//! Step 5: everything the rule will be, the problems left, and the exports.

use leptos::prelude::*;
use rules::RuleState;

use super::exports::Exports;
use super::RulesContext;
use crate::model::rule_wizard::{describe_target, Step};
use web_ui::pattern_check::{analyse, Verdict};

#[component]
pub(super) fn ReviewStep(ctx: RulesContext) -> impl IntoView {
    let rule = Memo::new(move |_| {
        ctx.built
            .with(|built| built.as_ref().map(|(rule, _)| rule.clone()))
    });
    let problems = Memo::new(move |_| {
        ctx.built.with(|built| {
            built
                .as_ref()
                .map(|(_, errors)| {
                    errors
                        .iter()
                        .map(|e| (Step::of_field(&e.field), e.message.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let verdict = Memo::new(move |_| {
        ctx.pattern
            .with(|p| ctx.event.with(|e| analyse(p, e).verdict))
    });
    let edit_button = move |step: Step| {
        view! {
            <button type="button" class="edit-step" on:click=move |_| ctx.go_to(step)>
                "Edit"
                <span class="visually-hidden">{format!(" step {}: {}", step.number(), step.title())}</span>
            </button>
        }
    };
    let row =
        |label: &'static str, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };

    view! {
        {move || {
            let problems = problems.get();
            (!problems.is_empty())
                .then(|| {
                    view! {
                        <div class="problem-summary" role="alert" aria-labelledby="problem-summary-title">
                            <h3 id="problem-summary-title">"Correct these before creating the rule"</h3>
                            <ul>
                                {problems
                                    .into_iter()
                                    .map(|(step, message)| view! {
                                        <li>
                                            <button type="button" class="link-button" on:click=move |_| ctx.go_to(step)>
                                                {format!("Step {}: {}", step.number(), step.title())}
                                            </button>
                                            " — "
                                            {message}
                                        </li>
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })
        }}
        {move || rule.get().map(|rule| {
            let state = if rule.state == RuleState::Enabled { "Enabled" } else { "Disabled" };
            view! {
                <section class="review-section" aria-labelledby="review-details">
                    <h3 id="review-details">"Rule detail " {edit_button(Step::Details)}</h3>
                    <dl class="facts">
                        {row("Name", rule.name.clone())}
                        {row("Description", if rule.description.is_empty() { "—".to_owned() } else { rule.description.clone() })}
                        {row("Event bus", rule.event_bus.clone())}
                        {row("Rule type", "Rule with an event pattern".to_owned())}
                        {row("State", state.to_owned())}
                        {row("Rule ARN", rule.arn())}
                    </dl>
                </section>
                <section class="review-section" aria-labelledby="review-pattern">
                    <h3 id="review-pattern">"Event pattern " {edit_button(Step::Pattern)}</h3>
                    <pre class="code-block" tabindex="0" aria-labelledby="review-pattern">{rule.event_pattern.clone()}</pre>
                    <p class="hint">
                        {move || match verdict.get() {
                            Verdict::Tested(trace) if trace.matched => "It matches the event of step 2.".to_owned(),
                            Verdict::Tested(_) => "It does not match the event of step 2.".to_owned(),
                            Verdict::NeedsInput(text) | Verdict::CannotTest(text) => text,
                        }}
                    </p>
                </section>
                <section class="review-section" aria-labelledby="review-targets">
                    <h3 id="review-targets">{format!("Targets ({}) ", rule.targets.len())} {edit_button(Step::Targets)}</h3>
                    {rule.targets.iter().enumerate().map(|(index, target)| view! {
                        <h4>{format!("Target {}", index + 1)}</h4>
                        <dl class="facts">
                            {describe_target(target).into_iter().map(|(label, value)| row(label, value)).collect_view()}
                        </dl>
                    }).collect_view()}
                </section>
                <section class="review-section" aria-labelledby="review-tags">
                    <h3 id="review-tags">{format!("Tags ({}) ", rule.tags.len())} {edit_button(Step::Tags)}</h3>
                    {if rule.tags.is_empty() {
                        view! { <p class="hint">"No tags."</p> }.into_any()
                    } else {
                        view! {
                            <dl class="facts">
                                {rule.tags.iter().map(|tag| view! { <div><dt>{tag.key.clone()}</dt><dd>{tag.value.clone()}</dd></div> }).collect_view()}
                            </dl>
                        }
                        .into_any()
                    }}
                </section>
            }
        })}
        <section class="review-section" aria-labelledby="review-exports">
            <h3 id="review-exports">"Export"</h3>
            <p class="hint">"The same rule as commands and templates you can run in your own account."</p>
            <Exports
                rule=Signal::derive(move || rule.get())
                id="review-export"
                test_texts=Signal::derive(move || (ctx.pattern.get(), ctx.event.get()))
            />
        </section>
    }
}
