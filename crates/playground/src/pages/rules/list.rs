//! The saved rules of the current Region, per event bus, with their actions.

use leptos::prelude::*;
use rules::{Rule, RuleKey, RuleState};

use super::exports::Exports;
use super::{focus_selector, RulesContext};
use crate::context::use_app;
use crate::model::rule_list::{bus_sections, pattern_preview, BusSection};
use crate::model::rule_wizard::RuleForm;
use crate::model::simulator_scenario::simulator_link;
use crate::route::Section;

#[component]
pub(super) fn RuleList(ctx: RulesContext) -> impl IntoView {
    let app = use_app();
    let sections = Memo::new(move |_| {
        app.state
            .with(|s| bus_sections(&s.rules, &s.partners, &s.account, s.current_region().code()))
    });
    let has_event = Memo::new(move |_| ctx.event.with(|e| !e.trim().is_empty()));
    let create = move |_| {
        let (region, account) = (ctx.region.get_untracked(), ctx.account.get_untracked());
        ctx.flash.set(None);
        ctx.form.set(Some(RuleForm::new(&region, &account)));
        request_animation_frame(|| focus_selector("#wizard-step-title"));
    };
    view! {
        <p class="lead">
            "Create a rule step by step, as in the EventBridge console, and test its event pattern live "
            "against sample events from SaaS partners. Rules are kept in this browser."
        </p>
        <p class="flash" id="rules-flash" tabindex="-1" role="status">{move || ctx.flash.get()}</p>
        <div class="button-row">
            <button type="button" class="primary" on:click=create>"Create rule"</button>
            {move || has_event.get().then(|| view! {
                <span class="hint">"The event you chose is waiting in the event-pattern step."</span>
            })}
        </div>
        {move || sections.with(|all| all.iter().all(|s| s.rules.is_empty())).then(|| view! {
            <p class="learn-cta">
                "No rules yet. New to event patterns? "
                <a href=app.link(Section::Learn, "")>"Learn them in the interactive course"</a>
                ", then come back and create your first rule."
            </p>
        })}
        {move || sections.get().into_iter().map(|section| view! { <BusRules ctx section /> }).collect_view()}
    }
}

#[component]
fn BusRules(ctx: RulesContext, section: BusSection) -> impl IntoView {
    let title_id = format!(
        "bus-{}",
        section
            .bus
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    let partner = section.partner.map(|p| p.display_name());
    let bus = section.bus.clone();
    // The rule whose exports are open below the table (one at a time keeps the page readable).
    let exports_for = RwSignal::new(None::<String>);
    let rules = StoredValue::new(section.rules.clone());
    let exports = move || {
        let name = exports_for.get()?;
        let rule = rules.with_value(|rules| rules.iter().find(|r| r.name == name).cloned())?;
        let id = format!(
            "exports-{}",
            rule.arn()
                .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
        );
        let pattern = rule.event_pattern.clone();
        let test_texts = Signal::derive(move || (pattern.clone(), ctx.event.get()));
        let title = format!("Exports of {name}");
        let (section_id, label) = (format!("{id}-section"), title.clone());
        Some(view! {
            <section class="rule-exports" id=section_id aria-label=label>
                <h3>{title}</h3>
                <p class="hint">
                    "The test command pairs this rule's pattern with the event in the event-pattern step. "
                    <button type="button" on:click=move |_| exports_for.set(None)>"Close exports"</button>
                </p>
                <Exports rule=Signal::derive(move || Some(rule.clone())) id=id test_texts />
            </section>
        })
    };
    view! {
        <section class="bus-rules" aria-labelledby=title_id.clone()>
            <h2 id=title_id.clone()>
                "Event bus " <code class="wrap">{section.bus.clone()}</code>
                {partner.map(|name| view! { " " <span class="badge">{format!("{name} partner bus")}</span> })}
                {(!section.exists).then(|| view! { " " <span class="badge badge-muted">"bus not found"</span> })}
            </h2>
            {if section.rules.is_empty() {
                view! { <p class="hint">"No rules on this event bus yet."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="data-table rules-table">
                            <caption class="visually-hidden">{format!("Rules on event bus {bus}")}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Name"</th>
                                    <th scope="col">"State"</th>
                                    <th scope="col">"Event pattern"</th>
                                    <th scope="col">"Targets"</th>
                                    <th scope="col">"Actions"</th>
                                </tr>
                            </thead>
                            {section.rules.into_iter().map(|rule| view! { <RuleRow ctx rule exports_for /> }).collect_view()}
                        </table>
                    </div>
                    {exports}
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn RuleRow(ctx: RulesContext, rule: Rule, exports_for: RwSignal<Option<String>>) -> impl IntoView {
    let app = use_app();
    let key = RuleKey::of(&rule);
    let name = rule.name.clone();
    let bus = rule.event_bus.clone();
    let confirm_delete = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let enabled = rule.state == RuleState::Enabled;
    let edit = {
        let rule = rule.clone();
        move |_| {
            ctx.flash.set(None);
            ctx.pattern.set(rule.event_pattern.clone());
            ctx.builder.set(Vec::new());
            ctx.form.set(Some(RuleForm::from_rule(&rule)));
            request_animation_frame(|| focus_selector("#wizard-step-title"));
        }
    };
    let stored_key = StoredValue::new(key);
    let act = move |action: Action| {
        let key = stored_key.get_value();
        {
            let mut outcome = Ok(String::new());
            app.state.update(|s| {
                outcome = match action {
                    Action::Duplicate => s.rules.duplicate(&key).map(|copy| {
                        format!("Rule {} created as a copy of {}.", copy.name, key.name)
                    }),
                    Action::Enable => s
                        .rules
                        .enable(&key)
                        .map(|()| format!("Rule {} enabled.", key.name)),
                    Action::Disable => s
                        .rules
                        .disable(&key)
                        .map(|()| format!("Rule {} disabled.", key.name)),
                    Action::Delete => s
                        .rules
                        .delete(&key)
                        .map(|_| format!("Rule {} deleted.", key.name)),
                }
            });
            match outcome {
                Ok(message) => ctx.flash.set(Some(message)),
                Err(error) => problem.set(Some(error.to_string())),
            }
        }
    };
    let is_open = {
        let name = name.clone();
        move || exports_for.with(|open| open.as_deref() == Some(name.as_str()))
    };
    let toggle_exports = {
        let name = name.clone();
        move |_| {
            exports_for.update(|open| {
                *open = if open.as_deref() == Some(name.as_str()) {
                    None
                } else {
                    Some(name.clone())
                }
            })
        }
    };
    let hidden = |text: String| view! { <span class="visually-hidden">{text}</span> };

    view! {
        <tbody>
            <tr>
                <th scope="row">
                    <span class="rule-name">{rule.name.clone()}</span>
                    {(!rule.description.is_empty()).then(|| view! { <span class="rule-description">{rule.description.clone()}</span> })}
                </th>
                <td>
                    {if enabled {
                        view! { <span class="badge badge-ok">"Enabled"</span> }
                    } else {
                        view! { <span class="badge badge-muted">"Disabled"</span> }
                    }}
                </td>
                <td><code class="wrap">{pattern_preview(&rule.event_pattern, 90)}</code></td>
                <td>{rule.targets.len()}</td>
                <td class="rule-actions">
                    {move || if confirm_delete.get() {
                        view! {
                            <span class="confirm">
                                {format!("Delete {}?", name)}
                                " "
                                <button type="button" class="danger" on:click=move |_| act(Action::Delete)>
                                    "Delete" {hidden(format!(" {}", name))}
                                </button>
                                <button type="button" on:click=move |_| confirm_delete.set(false)>"Keep"</button>
                            </span>
                        }
                        .into_any()
                    } else {
                        let name = name.clone();
                        view! {
                            <button type="button" on:click=edit.clone()>"Edit" {hidden(format!(" {name}"))}</button>
                            <button type="button" on:click=move |_| act(Action::Duplicate)>"Duplicate" {hidden(format!(" {name}"))}</button>
                            {if enabled {
                                view! { <button type="button" on:click=move |_| act(Action::Disable)>"Disable" {hidden(format!(" {name}"))}</button> }.into_any()
                            } else {
                                view! { <button type="button" on:click=move |_| act(Action::Enable)>"Enable" {hidden(format!(" {name}"))}</button> }.into_any()
                            }}
                            <a class="button-link" href=simulator_link(&name, &bus)>"Simulate" {hidden(format!(" {name}"))}</a>
                            <button
                                type="button"
                                aria-expanded={
                                    let is_open = is_open.clone();
                                    move || is_open().to_string()
                                }
                                on:click=toggle_exports.clone()
                            >
                                "Export" {hidden(format!(" {name}"))}
                            </button>
                            <button type="button" class="danger" on:click=move |_| confirm_delete.set(true)>"Delete" {hidden(format!(" {name}"))}</button>
                        }
                        .into_any()
                    }}
                    <span class="field-error" role="alert">{move || problem.get()}</span>
                </td>
            </tr>
        </tbody>
    }
}

#[derive(Clone, Copy)]
enum Action {
    Duplicate,
    Enable,
    Disable,
    Delete,
}
