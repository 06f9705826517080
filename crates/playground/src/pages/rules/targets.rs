//! Step 3: up to five targets, each with its permissions, input and additional settings.

use aws_model::limits::MAX_TARGETS_PER_RULE;
use leptos::prelude::*;
use rules::{apply_input, EcsLaunchType, TargetKind, PREDEFINED_PLACEHOLDERS};

use super::{FieldMessages, RowText, RulesContext};
use crate::model::rule_wizard::{
    control_id, dlq_policy_text, example_other_account_queue_arn, other_messages, DlqMode,
    InputMode, PathRow, RoleMode, TargetForm,
};
use crate::model::simulator_scenario::simulator_link;
use web_ui::components::copy_block::CopyBlock;

fn read_target<T: Default>(
    ctx: RulesContext,
    index: usize,
    read: impl FnOnce(&TargetForm) -> T,
) -> T {
    ctx.read(|form| form.targets.get(index).map(read).unwrap_or_default())
}

fn edit_target(ctx: RulesContext, index: usize, edit: impl FnOnce(&mut TargetForm)) {
    ctx.edit(|form| {
        if let Some(target) = form.targets.get_mut(index) {
            edit(target)
        }
    });
}

#[component]
pub(super) fn TargetsStep(ctx: RulesContext) -> impl IntoView {
    let count = Memo::new(move |_| ctx.read(|form| form.targets.len()));
    let refusal = RwSignal::new(None::<String>);
    let add = move |_| {
        let (region, account) = (ctx.region.get_untracked(), ctx.account.get_untracked());
        let mut result = Ok(());
        ctx.edit(|form| result = form.add_target(&region, &account));
        match result {
            Ok(()) => {
                refusal.set(None);
                let last = count.get_untracked();
                request_animation_frame(move || {
                    super::focus_selector(&format!(
                        "#{}",
                        control_id(&format!("targets[{}].kind", last - 1))
                    ))
                });
            }
            Err(message) => refusal.set(Some(message)),
        }
    };

    // Only a saved rule can be simulated: the simulator reads the rules, not the open form.
    let saved = Memo::new(move |_| ctx.read(|form| form.editing.clone()));
    let simulate_hint = move || {
        match saved.get() {
        Some(key) => view! {
            <a href=simulator_link(&key.name, &key.event_bus)>"Simulate the saved rule"</a>
            " to see retries, the maximum event age and the dead-letter queue at work (save first to include these changes)."
        }
        .into_any(),
        None => view! {
            "Once the rule is created, " <strong>"Simulate"</strong>
            " on its row shows retries, the maximum event age and the dead-letter queue at work."
        }
        .into_any(),
    }
    };

    view! {
        <p class="hint">
            "Targets receive the events the rule matches. "
            {move || format!("{} of {MAX_TARGETS_PER_RULE} targets.", count.get())}
            " Each target has its own permissions, input and retry settings. "
            {simulate_hint}
        </p>
        <FieldMessages ctx field="targets" />
        <For each=move || 0..count.get() key=|index| *index children=move |index| view! { <TargetCard ctx index /> } />
        {move || (count.get() == 0).then(|| view! {
            <p class="hint">"This rule has no targets: matched events will not be sent anywhere."</p>
        })}
        <div class="button-row">
            <button type="button" on:click=add>"Add another target"</button>
            // The refusal stays only while the rule is full; after a removal it no longer applies.
            <p class="refusal" role="alert">{move || (count.get() >= MAX_TARGETS_PER_RULE).then(|| refusal.get()).flatten()}</p>
        </div>
    }
}

/// A labelled text input bound to one text of the target form.
#[component]
fn TargetText(
    ctx: RulesContext,
    index: usize,
    /// The field of the rule this input sets, below `targets[index]` (for ids and messages).
    field: &'static str,
    label: &'static str,
    get: fn(&TargetForm) -> String,
    set: fn(&mut TargetForm, String),
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] placeholder: Option<String>,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let full = format!("targets[{index}].{field}");
    let id = control_id(&full);
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let described_by = ctx.described_by(&full, hint_id.as_deref());
    let value = move || read_target(ctx, index, get);
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        edit_target(ctx, index, |t| set(t, text));
    };
    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                rows="3"
                spellcheck="false"
                class="code"
                placeholder=placeholder.clone()
                aria-invalid=ctx.invalid(&full)
                aria-describedby=described_by
                prop:value=value
                on:input=on_input
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type="text"
                class="code"
                spellcheck="false"
                autocomplete="off"
                placeholder=placeholder
                aria-invalid=ctx.invalid(&full)
                aria-describedby=described_by
                prop:value=value
                on:input=on_input
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {control}
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone().unwrap_or_default()>{hint}</p> })}
            <FieldMessages ctx field=full.clone() />
        </div>
    }
}

#[component]
fn TargetCard(ctx: RulesContext, index: usize) -> impl IntoView {
    let kind = Memo::new(move |_| {
        read_target(ctx, index, |t| Some(t.kind)).unwrap_or(TargetKind::LambdaFunction)
    });
    let role = Memo::new(move |_| read_target(ctx, index, |t| t.role));
    let input = Memo::new(move |_| read_target(ctx, index, |t| t.input));
    let dlq = Memo::new(move |_| read_target(ctx, index, |t| t.dlq));
    let fifo = Memo::new(move |_| read_target(ctx, index, |t| t.arn.trim().ends_with(".fifo")));
    let kind_id = control_id(&format!("targets[{index}].kind"));
    let others = move || {
        let shown = read_target(ctx, index, |t| t.shown_fields(index));
        ctx.shown_errors.with(|errors| {
            other_messages(errors, &format!("targets[{index}]"), &shown)
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
    };
    let remove = move |_| {
        ctx.edit(|form| {
            if index < form.targets.len() {
                form.targets.remove(index);
            }
        })
    };

    view! {
        <fieldset class="rule-target">
            <legend>{format!("Target {}", index + 1)}</legend>
            <div class="rule-target-actions">
                <button type="button" on:click=remove>
                    {format!("Remove target {}", index + 1)}
                </button>
            </div>
            <div class="form-grid rule-target-head">
                <div class="field">
                    <label for=kind_id.clone()>"Target type"</label>
                    <select
                        id=kind_id
                        on:change=move |ev| {
                            let chosen = event_target_value(&ev).parse::<usize>().ok().and_then(|i| TargetKind::ALL.get(i).copied());
                            if let Some(chosen) = chosen {
                                let (region, account) = (ctx.region.get_untracked(), ctx.account.get_untracked());
                                edit_target(ctx, index, |t| t.set_kind(chosen, &region, &account));
                            }
                        }
                    >
                        {TargetKind::ALL
                            .iter()
                            .enumerate()
                            .map(|(position, each)| {
                                let each = *each;
                                view! { <option value=position.to_string() prop:selected=move || kind.get() == each>{each.label()}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <TargetText
                    ctx
                    index
                    field="arn"
                    label="ARN"
                    get=|t| t.arn.clone()
                    set=|t, v| t.arn = v
                    hint="Prefilled with an example in your Region and account; replace it with your resource's ARN."
                />
                <TargetText ctx index field="id" label="Target ID" get=|t| t.id.clone() set=|t, v| t.id = v />
            </div>
            <KindSettings ctx index kind fifo />
            <fieldset class="field">
                <legend>"Permissions"</legend>
                {move || {
                    if kind.get().needs_role() || role.get() != RoleMode::None {
                        let name = format!("target-{index}-role");
                        view! {
                            <span class="choice">
                                <input
                                    type="radio"
                                    id=format!("target-{index}-role-new")
                                    name=name.clone()
                                    prop:checked=move || role.get() == RoleMode::CreateNew
                                    on:change=move |_| edit_target(ctx, index, |t| t.role = RoleMode::CreateNew)
                                />
                                <label for=format!("target-{index}-role-new")>"Create a new role for this specific resource"</label>
                            </span>
                            <span class="choice">
                                <input
                                    type="radio"
                                    id=format!("target-{index}-role-existing")
                                    name=name
                                    prop:checked=move || role.get() == RoleMode::Existing
                                    on:change=move |_| edit_target(ctx, index, |t| t.role = RoleMode::Existing)
                                />
                                <label for=format!("target-{index}-role-existing")>"Use existing role"</label>
                            </span>
                            {move || (role.get() == RoleMode::Existing).then(|| view! {
                                <TargetText
                                    ctx
                                    index
                                    field="role"
                                    label="Role ARN"
                                    get=|t| t.role_arn.clone()
                                    set=|t, v| t.role_arn = v
                                    placeholder="arn:aws:iam::123456789012:role/my-eventbridge-role"
                                />
                            })}
                            {move || (role.get() != RoleMode::Existing).then(|| view! { <FieldMessages ctx field=format!("targets[{index}].role") /> })}
                        }
                        .into_any()
                    } else {
                        view! {
                            <p class="hint">
                                {move || format!("EventBridge reaches a {} through the resource's own policy: no IAM role is needed.", kind.get().label())}
                            </p>
                        }
                        .into_any()
                    }
                }}
            </fieldset>
            <InputSettings ctx index input />
            <fieldset class="additional-settings">
                <legend>"Additional settings"</legend>
                <div class="form-grid">
                    <TargetText
                        ctx
                        index
                        field="retry_policy.maximum_event_age_seconds"
                        label="Maximum age of event (HH:MM)"
                        get=|t| t.event_age.clone()
                        set=|t, v| t.event_age = v
                        hint="From 00:01 (one minute) to 24:00 (24 hours); retries stop when the event is this old."
                    />
                    <TargetText
                        ctx
                        index
                        field="retry_policy.maximum_retry_attempts"
                        label="Retry attempts"
                        get=|t| t.retry_attempts.clone()
                        set=|t, v| t.retry_attempts = v
                        hint=format!("From 0 to {}.", aws_model::MAX_RETRY_ATTEMPTS)
                    />
                </div>
                <fieldset class="field">
                    <legend>"Dead-letter queue"</legend>
                    <p class="hint">"Where events go that could not be delivered to this target: a standard SQS queue in the rule's Region."</p>
                    {mode_radios(
                        format!("target-{index}-dlq"),
                        &DlqMode::ALL,
                        |mode| (mode.as_str(), mode.label()),
                        dlq,
                        move |mode| edit_target(ctx, index, |t| t.dlq = mode),
                    )}
                    {move || match dlq.get() {
                        DlqMode::None => view! { <FieldMessages ctx field=format!("targets[{index}].dead_letter_queue") /> }.into_any(),
                        DlqMode::ThisAccount => view! {
                            <TargetText
                                ctx
                                index
                                field="dead_letter_queue"
                                label="Queue name"
                                get=|t| t.dlq_queue_name.clone()
                                set=|t, v| t.dlq_queue_name = v
                                placeholder="my-dead-letter-queue"
                            />
                            <DlqPolicy ctx index other_account=false />
                        }
                        .into_any(),
                        DlqMode::OtherAccount => view! {
                            <TargetText
                                ctx
                                index
                                field="dead_letter_queue"
                                label="Queue ARN"
                                get=|t| t.dlq_queue_arn.clone()
                                set=|t, v| t.dlq_queue_arn = v
                                placeholder=example_other_account_queue_arn(&ctx.region.get_untracked())
                            />
                            <DlqPolicy ctx index other_account=true />
                        }
                        .into_any(),
                    }}
                </fieldset>
            </fieldset>
            <div class="field-messages">
                {move || others().into_iter().map(|m| view! { <p class="field-error">{m}</p> }).collect_view()}
            </div>
        </fieldset>
    }
}

/// Settings only some target types have.
#[component]
fn KindSettings(
    ctx: RulesContext,
    index: usize,
    kind: Memo<TargetKind>,
    fifo: Memo<bool>,
) -> impl IntoView {
    move || match kind.get() {
        TargetKind::SqsQueue if fifo.get() => view! {
            <TargetText
                ctx
                index
                field="parameters.message_group_id"
                label="Message group ID"
                get=|t| t.message_group_id.clone()
                set=|t, v| t.message_group_id = v
                hint="FIFO queues deliver the messages of one group in order."
            />
        }
        .into_any(),
        TargetKind::KinesisStream => view! {
            <TargetText
                ctx
                index
                field="parameters.partition_key_path"
                label="Partition key path (optional)"
                get=|t| t.partition_key_path.clone()
                set=|t, v| t.partition_key_path = v
                placeholder="$.detail.id"
                hint="Which part of the event picks the shard; without it, the event id is used."
            />
        }
        .into_any(),
        TargetKind::EcsTask => {
            let launch_id = format!("target-{index}-launch-type");
            let launch = Memo::new(move |_| read_target(ctx, index, |t| Some(t.ecs_launch_type)));
            view! {
                <div class="form-grid">
                    <TargetText
                        ctx
                        index
                        field="parameters.task_definition_arn"
                        label="Task definition ARN"
                        get=|t| t.ecs_task_definition_arn.clone()
                        set=|t, v| t.ecs_task_definition_arn = v
                        placeholder="arn:aws:ecs:us-east-1:123456789012:task-definition/my-task:1"
                    />
                    <TargetText ctx index field="parameters.task_count" label="Task count" get=|t| t.ecs_task_count.clone() set=|t, v| t.ecs_task_count = v />
                    <div class="field">
                        <label for=launch_id.clone()>"Launch type"</label>
                        <select
                            id=launch_id
                            on:change=move |ev| {
                                let chosen = match event_target_value(&ev).as_str() {
                                    "EC2" => EcsLaunchType::Ec2,
                                    "EXTERNAL" => EcsLaunchType::External,
                                    _ => EcsLaunchType::Fargate,
                                };
                                edit_target(ctx, index, |t| t.set_launch_type(chosen));
                            }
                        >
                            {[EcsLaunchType::Fargate, EcsLaunchType::Ec2, EcsLaunchType::External]
                                .into_iter()
                                .map(|each| view! {
                                    <option value=each.as_aws() prop:selected=move || launch.get() == Some(each)>{each.as_aws()}</option>
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <TargetText ctx index field="parameters.subnets" label="Subnets (comma-separated)" get=|t| t.ecs_subnets.clone() set=|t, v| t.ecs_subnets = v placeholder="subnet-0123456789abcdef0" />
                    <TargetText ctx index field="parameters.security_groups" label="Security groups (comma-separated)" get=|t| t.ecs_security_groups.clone() set=|t, v| t.ecs_security_groups = v placeholder="sg-0123456789abcdef0" />
                    {move || (launch.get() == Some(EcsLaunchType::Fargate)).then(|| {
                        let public_ip_id = control_id(&format!("targets[{index}].parameters.assign_public_ip"));
                        view! {
                            <div class="field">
                                <span class="choice">
                                    <input
                                        type="checkbox"
                                        id=public_ip_id.clone()
                                        prop:checked=move || read_target(ctx, index, |t| Some(t.ecs_assign_public_ip)).unwrap_or(false)
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            edit_target(ctx, index, |t| t.ecs_assign_public_ip = on);
                                        }
                                    />
                                    <label for=public_ip_id>"Assign a public IP address to the task"</label>
                                </span>
                            </div>
                        }
                    })}
                    <FieldMessages ctx field=format!("targets[{index}].parameters") />
                </div>
            }
            .into_any()
        }
        _ => ().into_any(),
    }
}

/// What the target receives: the console's four input choices, and a preview for the event
/// being edited in the pattern step.
#[component]
fn InputSettings(ctx: RulesContext, index: usize, input: Memo<InputMode>) -> impl IntoView {
    let rows = Memo::new(move |_| read_target(ctx, index, |t| t.transformer_paths.len()));
    let preview = Memo::new(move |_| {
        let target = ctx.built.with(|built| {
            built
                .as_ref()
                .and_then(|(rule, _)| rule.targets.get(index).cloned().zip(Some(rule.clone())))
        });
        let (target, rule) = target?;
        // The event's text as typed: the preview keeps its key order and digits.
        let event = ctx.event.get();
        let parsed = event_pattern::json::parse(&event).ok()?;
        let time = match parsed.get("time").map(|time| &time.kind) {
            Some(event_pattern::json::ValueKind::String(time)) => time.clone(),
            _ => "2024-01-01T00:00:00Z".to_owned(),
        };
        Some(
            match apply_input(&target.input, &event, &rule.input_context(&time)) {
                Ok(body) => Ok(body),
                Err(not_delivered) => Err(not_delivered.to_string()),
            },
        )
    });
    view! {
        <fieldset class="field">
            <legend>"Input to the target"</legend>
            {mode_radios(
                format!("target-{index}-input"),
                &InputMode::ALL,
                |mode| (mode.as_str(), mode.label()),
                input,
                move |mode| edit_target(ctx, index, |t| t.input = mode),
            )}
            <FieldMessages ctx field=format!("targets[{index}].input") />
            {move || match input.get() {
                InputMode::MatchedEvent => ().into_any(),
                InputMode::Constant => view! {
                    <TargetText ctx index field="input.json" label="Constant JSON text" get=|t| t.constant_json.clone() set=|t, v| t.constant_json = v multiline=true placeholder="{\"message\": \"New order\"}" />
                }
                .into_any(),
                InputMode::InputPath => view! {
                    <TargetText ctx index field="input.path" label="Input path" get=|t| t.input_path.clone() set=|t, v| t.input_path = v placeholder="$.detail" />
                }
                .into_any(),
                InputMode::Transformer => view! {
                    <div class="transformer">
                        <p class="hint">"Name parts of the event, then use them as <name> in the template."</p>
                        <For
                            each=move || 0..rows.get()
                            key=|row| *row
                            children=move |row| view! { <PathRowView ctx index row /> }
                        />
                        <FieldMessages ctx field=format!("targets[{index}].input.paths") />
                        <button type="button" on:click=move |_| edit_target(ctx, index, |t| t.transformer_paths.push(PathRow::default()))>
                            "Add a path"
                        </button>
                        <TargetText
                            ctx
                            index
                            field="input.template"
                            label="Template"
                            get=|t| t.template.clone()
                            set=|t, v| t.template = v
                            multiline=true
                            placeholder="\"Order <id> was created\""
                            hint=format!("Predefined: {}.", PREDEFINED_PLACEHOLDERS.map(|p| format!("<{p}>")).join(", "))
                        />
                    </div>
                }
                .into_any(),
            }}
            {move || preview.get().map(|result| {
                let (class, text) = match result {
                    Ok(body) => ("code-block", body),
                    Err(reason) => ("code-block code-block-problem", format!("Not delivered: {reason}")),
                };
                view! {
                    <div class="input-preview">
                        <p class="hint">"With the event of step 2, this target receives:"</p>
                        <pre class=class tabindex="0">{text}</pre>
                    </div>
                }
            })}
        </fieldset>
    }
}

#[component]
fn PathRowView(ctx: RulesContext, index: usize, row: usize) -> impl IntoView {
    let name_field = format!("targets[{index}].input.paths[{row}].name");
    let path_field = format!("targets[{index}].input.paths[{row}].path");
    let read = move |pick: fn(&PathRow) -> String| {
        read_target(ctx, index, |t| {
            t.transformer_paths.get(row).map(pick).unwrap_or_default()
        })
    };
    let write = move |text: String, put: fn(&mut PathRow, String)| {
        edit_target(ctx, index, |t| {
            if let Some(entry) = t.transformer_paths.get_mut(row) {
                put(entry, text)
            }
        })
    };
    view! {
        <div class="path-row">
            <RowText
                ctx
                field=name_field
                label=format!("Name {}", row + 1)
                value=Signal::derive(move || read(|r| r.name.clone()))
                on_text=move |text| write(text, |r, v| r.name = v)
            />
            <RowText
                ctx
                field=path_field
                label=format!("Path {}", row + 1)
                placeholder="$.detail.id"
                value=Signal::derive(move || read(|r| r.path.clone()))
                on_text=move |text| write(text, |r, v| r.path = v)
            />
            <button
                type="button"
                class="path-row-remove"
                on:click=move |_| edit_target(ctx, index, |t| {
                    if row < t.transformer_paths.len() {
                        t.transformer_paths.remove(row);
                    }
                })
            >
                {format!("Remove path {}", row + 1)}
            </button>
        </div>
    }
}

/// The queue policy that lets this rule send failed events to the chosen queue.
#[component]
fn DlqPolicy(ctx: RulesContext, index: usize, other_account: bool) -> impl IntoView {
    let policy = Memo::new(move |_| {
        let (account, region) = (ctx.account.get(), ctx.region.get());
        let rule_arn = ctx.read(|form| form.rule_arn(&account, &region));
        read_target(ctx, index, |t| {
            dlq_policy_text(t, &rule_arn, &region, &account)
        })
    });
    let intro = if other_account {
        "The queue's owner must attach this resource-based policy to the queue so that EventBridge may send to it:"
    } else {
        "The console attaches this policy to a queue in your account; the exports set it too:"
    };
    view! {
        {move || policy.get().map(|text| view! {
            <div class="dlq-policy">
                <p class="hint">{intro}</p>
                <CopyBlock title=format!("Queue policy for target {}", index + 1) text=Signal::derive(move || text.clone()) id=format!("target-{index}-dlq-policy") />
            </div>
        })}
    }
}

/// One radio button per mode of a target setting; `group` names the group and prefixes the ids.
fn mode_radios<M>(
    group: String,
    modes: &'static [M],
    describe: fn(M) -> (&'static str, &'static str),
    current: Memo<M>,
    pick: impl Fn(M) + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    M: Copy + PartialEq + Send + Sync + 'static,
{
    modes
        .iter()
        .map(|&mode| {
            let (value, label) = describe(mode);
            let id = format!("{group}-{value}");
            view! {
                <span class="choice">
                    <input
                        type="radio"
                        id=id.clone()
                        name=group.clone()
                        prop:checked=move || current.get() == mode
                        on:change=move |_| pick(mode)
                    />
                    <label for=id>{label}</label>
                </span>
            }
        })
        .collect_view()
}
