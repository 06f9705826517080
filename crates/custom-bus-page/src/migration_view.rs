//! Step 3: the migration preview. A Classic rule (one target here) becomes the subscribers it
//! would be, with every difference flagged and the exports to create them.

use aws_model::TargetKind;
use custom_bus::migration::{migrate, MigrationNote};
use custom_bus::transform::default_engine;
use leptos::prelude::*;
use web_ui::components::copy_block::CopyBlock;

use crate::app::use_workspace;
use crate::forms::{saved_rule_label, ClassicInputChoice};
use crate::problem_list::ProblemList;

fn note_view(note: MigrationNote) -> impl IntoView {
    let class = if note.needs_action {
        "cb-note cb-note-action"
    } else {
        "cb-note"
    };
    view! {
        <li class=class data-topic=note.topic.as_str()>
            <span class="badge">{if note.needs_action { "Action needed" } else { "Note" }}</span>
            " "
            {note.message}
            {note.suggestion.map(|s| view! { <div>"Suggested: " <code class="cb-suggestion">{s}</code></div> })}
        </li>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Export {
    CloudFormationYaml,
    CloudFormationJson,
    Cli,
}

#[component]
pub fn MigrationStep() -> impl IntoView {
    let workspace = use_workspace();
    let form = workspace.classic;
    let export = RwSignal::new(Export::CloudFormationYaml);
    let preview = move || {
        let setup = workspace.setup();
        let Some(bus) = setup.bus() else {
            return view! { <p class="hint">"Create a valid bus in step 1 first."</p> }.into_any();
        };
        let rule = match workspace.classic_rule() {
            Ok(rule) => rule,
            Err(problems) => return view! { <ProblemList problems=problems/> }.into_any(),
        };
        let engine = default_engine();
        let plan = migrate(&rule, &bus.arn, engine.as_deref());
        let yaml = plan.cloudformation_yaml();
        let json = plan.cloudformation_json();
        let cli = plan.cli_script();
        let summary = if plan.needs_action() {
            "This rule needs changes before it can move: see the items marked Action needed."
        } else {
            "This rule can move as previewed."
        };
        view! {
            <p class="verdict" id="migration-summary">{summary}</p>
            <ul class="cb-notes" id="migration-notes">
                {plan.notes.clone().into_iter().map(note_view).collect_view()}
            </ul>
            {plan.subscribers.clone().into_iter().map(|s| view! {
                <h3>"Subscriber " <code>{s.spec.name.clone()}</code> " for target " <code>{s.target_id.clone()}</code></h3>
                <ul class="cb-notes cb-subscriber-notes">
                    {s.notes.into_iter().map(note_view).collect_view()}
                </ul>
            }).collect_view()}
            <div class="button-row" role="group" aria-label="Export format">
                <button type="button" aria-pressed=move || (export.get() == Export::CloudFormationYaml).to_string()
                    on:click=move |_| export.set(Export::CloudFormationYaml)>"CloudFormation YAML"</button>
                <button type="button" aria-pressed=move || (export.get() == Export::CloudFormationJson).to_string()
                    on:click=move |_| export.set(Export::CloudFormationJson)>"CloudFormation JSON"</button>
                <button type="button" aria-pressed=move || (export.get() == Export::Cli).to_string()
                    on:click=move |_| export.set(Export::Cli)>"aws eventsv2 CLI"</button>
            </div>
            <CopyBlock
                title="The export that creates the subscribers"
                text=Signal::derive(move || match export.get() {
                    Export::CloudFormationYaml => yaml.clone(),
                    Export::CloudFormationJson => json.clone(),
                    Export::Cli => cli.clone(),
                })
                id="migration-export"
            />
        }
        .into_any()
    };
    view! {
        <section class="cb-step" aria-labelledby="migration-title">
            <h2 id="migration-title">"3. Migrate a Classic rule"</h2>
            <p class="hint">"The rule as it is today on a Classic bus; the preview updates as you type."</p>
            {(!workspace.saved_rules.with_value(Vec::is_empty)).then(|| view! {
                <div class="field">
                    <label for="classic-saved">"Start from"</label>
                    <select id="classic-saved" on:change=move |ev| {
                        workspace.chosen_rule.set(event_target_value(&ev).parse().ok());
                    }>
                        <option value="typed">"The rule typed below"</option>
                        {workspace.saved_rules.with_value(|rules| rules.iter().enumerate().map(|(i, rule)| view! {
                            <option value=i.to_string()>{"Your rule " }{saved_rule_label(rule)}</option>
                        }).collect_view())}
                    </select>
                </div>
            })}
            <fieldset class="cb-classic-form" disabled=move || workspace.chosen_rule.get().is_some()>
            <legend class="visually-hidden">"The rule typed in"</legend>
            <div class="field">
                <label for="classic-pattern">"Event pattern"</label>
                <textarea id="classic-pattern" class="code" rows="3" spellcheck="false"
                    prop:value=move || form.with(|f| f.pattern.clone())
                    on:input=move |ev| form.update(|f| f.pattern = event_target_value(&ev))></textarea>
            </div>
            <div class="button-row">
                <div class="field">
                    <label for="classic-name">"Rule name"</label>
                    <input id="classic-name" class="code" prop:value=move || form.with(|f| f.name.clone())
                        on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="classic-kind">"Target kind"</label>
                    <select id="classic-kind" on:change=move |ev| {
                        if let Ok(kind) = event_target_value(&ev).parse::<TargetKind>() {
                            form.update(|f| f.target_kind = kind);
                        }
                    }>
                        {TargetKind::ALL.into_iter().map(|kind| view! {
                            <option value=kind.as_str() selected=move || form.with(|f| f.target_kind == kind)>{kind.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="classic-target">"Target ARN"</label>
                    <input id="classic-target" class="code" prop:value=move || form.with(|f| f.target_arn.clone())
                        on:input=move |ev| form.update(|f| f.target_arn = event_target_value(&ev))/>
                </div>
            </div>
            <div class="button-row">
                <div class="field">
                    <label for="classic-retries">"MaximumRetryAttempts (empty: 185)"</label>
                    <input id="classic-retries" inputmode="numeric" prop:value=move || form.with(|f| f.max_retry_attempts.clone())
                        on:input=move |ev| form.update(|f| f.max_retry_attempts = event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="classic-age">"MaximumEventAgeInSeconds (empty: 86400)"</label>
                    <input id="classic-age" inputmode="numeric" prop:value=move || form.with(|f| f.max_event_age_seconds.clone())
                        on:input=move |ev| form.update(|f| f.max_event_age_seconds = event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="classic-dlq">"Dead-letter queue ARN (optional)"</label>
                    <input id="classic-dlq" class="code" prop:value=move || form.with(|f| f.dead_letter_arn.clone())
                        on:input=move |ev| form.update(|f| f.dead_letter_arn = event_target_value(&ev))/>
                </div>
            </div>
            <div class="button-row">
                <span class="choice">
                    <input type="radio" id="classic-input-event" name="classic-input"
                        prop:checked=move || form.with(|f| f.input == ClassicInputChoice::MatchedEvent)
                        on:change=move |_| form.update(|f| f.input = ClassicInputChoice::MatchedEvent)/>
                    <label for="classic-input-event">"Target receives the matched event"</label>
                </span>
                <span class="choice">
                    <input type="radio" id="classic-input-path" name="classic-input"
                        prop:checked=move || form.with(|f| f.input == ClassicInputChoice::InputPath)
                        on:change=move |_| form.update(|f| f.input = ClassicInputChoice::InputPath)/>
                    <label for="classic-input-path">"Part of it (InputPath)"</label>
                </span>
                <Show when=move || form.with(|f| f.input == ClassicInputChoice::InputPath)>
                    <input id="classic-input-path-text" class="code" aria-label="InputPath"
                        prop:value=move || form.with(|f| f.input_path.clone())
                        on:input=move |ev| form.update(|f| f.input_path = event_target_value(&ev))/>
                </Show>
            </div>
            </fieldset>
            <div class="cb-result" aria-live="polite">{preview}</div>
        </section>
    }
}
