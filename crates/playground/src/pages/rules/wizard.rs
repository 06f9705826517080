//! The wizard frame: step indicator, the current step, and Previous / Next / Create.

use leptos::prelude::*;

use super::{details, focus_selector, pattern, review, tags, targets, RulesContext};
use crate::context::use_app;
use crate::model::rule_wizard::{
    control_id, errors_of_step, first_step_with_errors, save_rule, Step,
};

#[component]
pub(super) fn Wizard(ctx: RulesContext) -> impl IntoView {
    let app = use_app();
    let step = Memo::new(move |_| ctx.read(|form| form.step));
    let editing =
        Memo::new(move |_| ctx.read(|form| form.editing.as_ref().map(|key| key.name.clone())));
    let confirm_cancel = RwSignal::new(false);
    let save_problem = RwSignal::new(None::<String>);

    // Leaving a step shows its messages; with problems the user stays and lands on the first one.
    let next = move |_| {
        let current = step.get_untracked();
        ctx.edit(|form| form.mark_checked(current));
        let first_problem = ctx.built.with_untracked(|built| {
            built.as_ref().and_then(|(_, errors)| {
                errors_of_step(errors, current)
                    .first()
                    .map(|e| e.field.clone())
            })
        });
        match (first_problem, current.next()) {
            (Some(field), _) => request_animation_frame(move || focus_problem(&field)),
            (None, Some(following)) => ctx.go_to(following),
            (None, None) => {}
        }
    };
    let previous = move |_| {
        if let Some(before) = step.get_untracked().previous() {
            ctx.go_to(before);
        }
    };
    let create = move |_| {
        ctx.edit(|form| {
            for each in Step::ALL {
                form.mark_checked(each);
            }
        });
        let Some((rule, errors)) = ctx.built.get_untracked() else {
            return;
        };
        if let Some(first) = first_step_with_errors(&errors) {
            save_problem.set(Some(format!(
                "The rule has problems to correct first; the first is in step {}, {}.",
                first.number(),
                first.title()
            )));
            return;
        }
        let Some(form) = ctx.form.get_untracked() else {
            return;
        };
        let (name, bus) = (rule.name.clone(), rule.event_bus.clone());
        let mut result = None;
        app.state
            .update(|s| result = Some(save_rule(&mut s.rules, &form, rule)));
        match result {
            Some(Ok(_)) => {
                let verb = if form.editing.is_some() {
                    "saved"
                } else {
                    "created"
                };
                ctx.flash
                    .set(Some(format!("Rule {name} {verb} on event bus {bus}.")));
                ctx.form.set(None);
                request_animation_frame(|| focus_selector("#rules-flash"));
            }
            Some(Err(errors)) => {
                save_problem.set(Some(
                    errors
                        .iter()
                        .map(|e| e.message.clone())
                        .collect::<Vec<_>>()
                        .join(" "),
                ));
            }
            None => {}
        }
    };

    view! {
        <div class="wizard">
            <p class="wizard-mode">
                {move || match editing.get() {
                    Some(name) => format!("Editing rule {name}"),
                    None => "Create rule".to_owned(),
                }}
            </p>
            <nav aria-label="Rule steps">
                <ol class="wizard-steps">
                    {Step::ALL
                        .into_iter()
                        .map(|each| {
                            let is_current = move || step.get() == each;
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="wizard-step-button"
                                        aria-current=move || is_current().then_some("step")
                                        on:click=move |_| ctx.go_to(each)
                                    >
                                        <span class="wizard-step-number">{format!("Step {}", each.number())}</span>
                                        " "
                                        <span class="wizard-step-name">{each.title()}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </nav>
            <section class="wizard-step" aria-labelledby="wizard-step-title">
                <h2 id="wizard-step-title" tabindex="-1">
                    {move || format!("Step {}: {}", step.get().number(), step.get().title())}
                </h2>
                {move || match step.get() {
                    Step::Details => view! { <details::DetailsStep ctx /> }.into_any(),
                    Step::Pattern => view! { <pattern::PatternStep ctx /> }.into_any(),
                    Step::Targets => view! { <targets::TargetsStep ctx /> }.into_any(),
                    Step::Tags => view! { <tags::TagsStep ctx /> }.into_any(),
                    Step::Review => view! { <review::ReviewStep ctx /> }.into_any(),
                }}
            </section>
            <p class="save-problem" role="alert">{move || save_problem.get()}</p>
            <div class="wizard-nav">
                <div class="wizard-nav-cancel">
                    {move || {
                        if confirm_cancel.get() {
                            view! {
                                <span class="confirm" role="group" aria-label="Discard this rule?">
                                    <span>"Discard this rule and its settings?"</span>
                                    <button type="button" class="danger" on:click=move |_| ctx.form.set(None)>
                                        "Discard rule"
                                    </button>
                                    <button type="button" on:click=move |_| confirm_cancel.set(false)>
                                        "Keep editing"
                                    </button>
                                </span>
                            }
                                .into_any()
                        } else {
                            view! {
                                <button type="button" on:click=move |_| confirm_cancel.set(true)>"Cancel"</button>
                            }
                                .into_any()
                        }
                    }}
                </div>
                <div class="wizard-nav-steps">
                    <button type="button" on:click=previous disabled=move || step.get().previous().is_none()>
                        "Previous"
                    </button>
                    {move || {
                        if step.get() == Step::Review {
                            let label = if editing.get().is_some() { "Save rule" } else { "Create rule" };
                            view! { <button type="button" class="primary" on:click=create>{label}</button> }.into_any()
                        } else {
                            view! { <button type="button" class="primary" on:click=next>"Next"</button> }.into_any()
                        }
                    }}
                </div>
            </div>
        </div>
    }
}

/// Focuses the control of `field`, or the step's first invalid control when that field has none.
fn focus_problem(field: &str) {
    let id = control_id(field);
    if document().get_element_by_id(&id).is_some() {
        focus_selector(&format!("#{id}"));
    } else {
        focus_selector(".wizard-step [aria-invalid=\"true\"]");
    }
}
