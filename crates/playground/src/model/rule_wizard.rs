//! The create-rule wizard: the console's five steps, the form behind them and how it becomes a
//! [`rules::Rule`] with per-field messages.
//!
//! The form keeps text exactly as typed (an event age is `"01:30"`, not seconds) so nothing the
//! user wrote is lost while it is still invalid, and it remembers the text of every input mode
//! and dead-letter-queue choice so switching back and forth loses nothing either. The whole form
//! is saved with the playground state, so an unfinished rule survives a reload.

use aws_model::limits::{LIMIT_EXCEEDED_MESSAGE, MAX_TARGETS_PER_RULE};
use aws_model::{
    example_arn, format_event_age, parse_event_age, parse_retry_attempts, Arn, DEFAULT_EVENT_BUS,
    MAX_EVENT_AGE_SECONDS, MAX_RETRY_ATTEMPTS,
};
use catalog::{Partner, PartnerRegistry};
use rules::{
    dead_letter_queue_policy, DeadLetterQueue, EcsLaunchType, EcsTask, FieldError, FieldErrors,
    InputTransformer, RetryPolicy, RoleChoice, Rule, RuleKey, RuleState, RuleStore, StoreError,
    Tag, Target, TargetInput, TargetKind, TargetParameters,
};
use serde::{Deserialize, Serialize};

aws_model::string_enum! {
    /// The wizard's steps, in the console's order.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Step {
        #[default]
        Details = "details",
        Pattern = "pattern",
        Targets = "targets",
        Tags = "tags",
        Review = "review",
    }
}

impl Step {
    /// 1-based, as the step indicator counts.
    pub fn number(self) -> usize {
        Step::ALL.iter().position(|&s| s == self).unwrap_or(0) + 1
    }

    pub fn title(self) -> &'static str {
        match self {
            Step::Details => "Define rule detail",
            Step::Pattern => "Build event pattern",
            Step::Targets => "Select targets",
            Step::Tags => "Configure tags",
            Step::Review => "Review and create",
        }
    }

    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.number()).copied()
    }

    pub fn previous(self) -> Option<Step> {
        self.number()
            .checked_sub(2)
            .and_then(|i| Step::ALL.get(i).copied())
    }

    /// The step whose form holds `field` (a [`FieldError`] field path).
    pub fn of_field(field: &str) -> Step {
        let head = field.split(['.', '[']).next().unwrap_or(field);
        match head {
            "name" | "description" | "event_bus" | "account_id" | "region" | "state" => {
                Step::Details
            }
            "event_pattern" => Step::Pattern,
            "targets" => Step::Targets,
            "tags" => Step::Tags,
            _ => Step::Review,
        }
    }
}

/// Who lets EventBridge call the target; see [`RoleChoice`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoleMode {
    #[default]
    None,
    CreateNew,
    Existing,
}

aws_model::string_enum! {
    /// What the target receives; see [`TargetInput`].
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub enum InputMode {
        #[default]
        MatchedEvent = "matched-event",
        Constant = "constant",
        InputPath = "input-path",
        Transformer = "transformer",
    }
}

impl InputMode {
    pub fn label(self) -> &'static str {
        match self {
            InputMode::MatchedEvent => "Matched event",
            InputMode::Constant => "Constant (JSON text)",
            InputMode::InputPath => "Part of the matched event (InputPath)",
            InputMode::Transformer => "Input transformer",
        }
    }
}

aws_model::string_enum! {
    /// The console's three dead-letter-queue choices; see [`DeadLetterQueue`].
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub enum DlqMode {
        #[default]
        None = "none",
        ThisAccount = "this-account",
        OtherAccount = "other-account",
    }
}

impl DlqMode {
    pub fn label(self) -> &'static str {
        match self {
            DlqMode::None => "None",
            DlqMode::ThisAccount => "An Amazon SQS queue in this account",
            DlqMode::OtherAccount => "An Amazon SQS queue in another account (enter its ARN)",
        }
    }
}

/// One row of an input transformer's paths map.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PathRow {
    pub name: String,
    pub path: String,
}

/// One target as the form holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TargetForm {
    pub id: String,
    pub kind: TargetKind,
    pub arn: String,
    pub role: RoleMode,
    pub role_arn: String,
    pub input: InputMode,
    pub constant_json: String,
    pub input_path: String,
    pub transformer_paths: Vec<PathRow>,
    pub template: String,
    /// `HH:MM`, from `00:01` to `24:00`.
    pub event_age: String,
    pub retry_attempts: String,
    pub dlq: DlqMode,
    pub dlq_queue_name: String,
    pub dlq_queue_arn: String,
    pub message_group_id: String,
    pub partition_key_path: String,
    pub ecs_task_definition_arn: String,
    pub ecs_task_count: String,
    pub ecs_launch_type: EcsLaunchType,
    /// Comma-separated subnet ids.
    pub ecs_subnets: String,
    /// Comma-separated security group ids.
    pub ecs_security_groups: String,
    /// Fargate tasks only (the rules crate refuses it for other launch types).
    pub ecs_assign_public_ip: bool,
}

impl Default for TargetForm {
    fn default() -> Self {
        let defaults = RetryPolicy::default();
        TargetForm {
            id: String::new(),
            kind: TargetKind::LambdaFunction,
            arn: String::new(),
            role: RoleMode::None,
            role_arn: String::new(),
            input: InputMode::MatchedEvent,
            constant_json: String::new(),
            input_path: String::new(),
            transformer_paths: vec![PathRow::default()],
            template: String::new(),
            event_age: format_event_age(defaults.maximum_event_age_seconds),
            retry_attempts: defaults.maximum_retry_attempts.to_string(),
            dlq: DlqMode::None,
            dlq_queue_name: String::new(),
            dlq_queue_arn: String::new(),
            message_group_id: String::new(),
            partition_key_path: String::new(),
            ecs_task_definition_arn: String::new(),
            ecs_task_count: "1".to_owned(),
            ecs_launch_type: EcsLaunchType::Fargate,
            ecs_subnets: String::new(),
            ecs_security_groups: String::new(),
            ecs_assign_public_ip: false,
        }
    }
}

fn role_for(kind: TargetKind) -> RoleMode {
    if kind.needs_role() {
        RoleMode::CreateNew
    } else {
        RoleMode::None
    }
}

fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

impl TargetForm {
    /// A target of `kind` with its ARN prefilled with an example in the user's Region and account.
    pub fn new(id: &str, kind: TargetKind, region: &str, account: &str) -> Self {
        TargetForm {
            id: id.to_owned(),
            kind,
            arn: example_arn(kind, region, account),
            role: role_for(kind),
            ..TargetForm::default()
        }
    }

    /// Changes the target type. An ARN still showing the old type's example (or nothing) becomes
    /// the new type's example; an ARN the user typed is kept. The role follows the new type's needs.
    /// Changes an ECS task's launch type; only Fargate tasks can have a public IP, so the choice
    /// is dropped (not left behind as an error the form no longer shows) for the others.
    pub fn set_launch_type(&mut self, launch_type: EcsLaunchType) {
        self.ecs_launch_type = launch_type;
        if launch_type != EcsLaunchType::Fargate {
            self.ecs_assign_public_ip = false;
        }
    }

    pub fn set_kind(&mut self, kind: TargetKind, region: &str, account: &str) {
        let arn = self.arn.trim();
        if arn.is_empty() || arn == example_arn(self.kind, region, account) {
            self.arn = example_arn(kind, region, account);
        }
        if kind.needs_role() != self.kind.needs_role() || self.role == RoleMode::None {
            self.role = role_for(kind);
        }
        self.kind = kind;
    }

    /// The queue ARN for the dead-letter-queue choice, if one is chosen.
    pub fn dead_letter_queue(&self) -> DeadLetterQueue {
        match self.dlq {
            DlqMode::None => DeadLetterQueue::None,
            DlqMode::ThisAccount => DeadLetterQueue::ThisAccount {
                queue_name: self.dlq_queue_name.trim().to_owned(),
            },
            DlqMode::OtherAccount => DeadLetterQueue::OtherAccount {
                queue_arn: self.dlq_queue_arn.trim().to_owned(),
            },
        }
    }

    /// The target the form describes; text that cannot be read (an event age of `"1h"`) is
    /// reported in `errors` under the target's field and replaced by AWS's default.
    pub fn to_target(&self, index: usize, errors: &mut FieldErrors) -> Target {
        let prefix = format!("targets[{index}]");
        let defaults = RetryPolicy::default();
        let maximum_event_age_seconds =
            parse_event_age(&self.event_age).unwrap_or_else(|message| {
                errors.push(
                    format!("{prefix}.retry_policy.maximum_event_age_seconds"),
                    message,
                );
                defaults.maximum_event_age_seconds
            });
        let maximum_retry_attempts =
            parse_retry_attempts(&self.retry_attempts).unwrap_or_else(|message| {
                errors.push(
                    format!("{prefix}.retry_policy.maximum_retry_attempts"),
                    message,
                );
                defaults.maximum_retry_attempts
            });
        let role = match self.role {
            RoleMode::None => RoleChoice::None,
            RoleMode::CreateNew => RoleChoice::CreateNew,
            RoleMode::Existing => RoleChoice::Existing {
                role_arn: self.role_arn.trim().to_owned(),
            },
        };
        let input = match self.input {
            InputMode::MatchedEvent => TargetInput::MatchedEvent,
            InputMode::Constant => TargetInput::Constant {
                json: self.constant_json.clone(),
            },
            InputMode::InputPath => TargetInput::InputPath {
                path: self.input_path.trim().to_owned(),
            },
            InputMode::Transformer => {
                let paths: Vec<(&str, &str)> = self
                    .transformer_paths
                    .iter()
                    // A blank row is a row not filled in yet, not a path named "".
                    .filter(|row| !(row.name.trim().is_empty() && row.path.trim().is_empty()))
                    .map(|row| (row.name.trim(), row.path.trim()))
                    .collect();
                TargetInput::Transformer(InputTransformer::new(&paths, &self.template))
            }
        };
        let arn = self.arn.trim();
        let parameters = match self.kind {
            TargetKind::EcsTask => {
                let task_count = self
                    .ecs_task_count
                    .trim()
                    .parse::<u32>()
                    .unwrap_or_else(|_| {
                        errors.push(
                            format!("{prefix}.parameters.task_count"),
                            format!(
                            "Enter the number of tasks to run, from 1 to 10; '{}' is not a number.",
                            self.ecs_task_count.trim()
                        ),
                        );
                        1
                    });
                TargetParameters::Ecs(EcsTask {
                    task_definition_arn: self.ecs_task_definition_arn.trim().to_owned(),
                    task_count,
                    launch_type: self.ecs_launch_type,
                    subnets: split_list(&self.ecs_subnets),
                    security_groups: split_list(&self.ecs_security_groups),
                    assign_public_ip: self.ecs_assign_public_ip,
                })
            }
            TargetKind::SqsQueue if arn.ends_with(".fifo") => TargetParameters::SqsFifo {
                message_group_id: self.message_group_id.trim().to_owned(),
            },
            TargetKind::KinesisStream if !self.partition_key_path.trim().is_empty() => {
                TargetParameters::Kinesis {
                    partition_key_path: self.partition_key_path.trim().to_owned(),
                }
            }
            _ => TargetParameters::None,
        };
        Target {
            id: self.id.trim().to_owned(),
            kind: self.kind,
            arn: arn.to_owned(),
            role,
            input,
            retry_policy: RetryPolicy {
                maximum_event_age_seconds,
                maximum_retry_attempts,
            },
            dead_letter_queue: self.dead_letter_queue(),
            parameters,
        }
    }

    /// The form for an existing target, for editing a saved rule.
    pub fn from_target(target: &Target) -> Self {
        let mut form = TargetForm {
            id: target.id.clone(),
            kind: target.kind,
            arn: target.arn.clone(),
            event_age: format_event_age(target.retry_policy.maximum_event_age_seconds),
            retry_attempts: target.retry_policy.maximum_retry_attempts.to_string(),
            ..TargetForm::default()
        };
        match &target.role {
            RoleChoice::None => form.role = RoleMode::None,
            RoleChoice::CreateNew => form.role = RoleMode::CreateNew,
            RoleChoice::Existing { role_arn } => {
                form.role = RoleMode::Existing;
                form.role_arn = role_arn.clone();
            }
        }
        match &target.input {
            TargetInput::MatchedEvent => form.input = InputMode::MatchedEvent,
            TargetInput::Constant { json } => {
                form.input = InputMode::Constant;
                form.constant_json = json.clone();
            }
            TargetInput::InputPath { path } => {
                form.input = InputMode::InputPath;
                form.input_path = path.clone();
            }
            TargetInput::Transformer(transformer) => {
                form.input = InputMode::Transformer;
                form.transformer_paths = transformer
                    .paths
                    .iter()
                    .map(|entry| PathRow {
                        name: entry.name.clone(),
                        path: entry.path.clone(),
                    })
                    .collect();
                form.template = transformer.template.clone();
            }
        }
        match &target.dead_letter_queue {
            DeadLetterQueue::None => form.dlq = DlqMode::None,
            DeadLetterQueue::ThisAccount { queue_name } => {
                form.dlq = DlqMode::ThisAccount;
                form.dlq_queue_name = queue_name.clone();
            }
            DeadLetterQueue::OtherAccount { queue_arn } => {
                form.dlq = DlqMode::OtherAccount;
                form.dlq_queue_arn = queue_arn.clone();
            }
        }
        match &target.parameters {
            TargetParameters::None => {}
            TargetParameters::SqsFifo { message_group_id } => {
                form.message_group_id = message_group_id.clone()
            }
            TargetParameters::Kinesis { partition_key_path } => {
                form.partition_key_path = partition_key_path.clone()
            }
            TargetParameters::Ecs(task) => {
                form.ecs_task_definition_arn = task.task_definition_arn.clone();
                form.ecs_task_count = task.task_count.to_string();
                form.ecs_launch_type = task.launch_type;
                form.ecs_subnets = task.subnets.join(", ");
                form.ecs_security_groups = task.security_groups.join(", ");
                form.ecs_assign_public_ip = task.assign_public_ip;
            }
        }
        form
    }

    /// The form fields this target's card shows right now (which depends on its type and
    /// choices); messages for any other field of the target are listed at the card's end.
    pub fn shown_fields(&self, index: usize) -> Vec<String> {
        let prefix = format!("targets[{index}]");
        let mut fields: Vec<String> = [
            "id",
            "arn",
            "input",
            "retry_policy.maximum_event_age_seconds",
            "retry_policy.maximum_retry_attempts",
            "dead_letter_queue",
        ]
        .iter()
        .map(|f| format!("{prefix}.{f}"))
        .collect();
        if self.kind.needs_role() || self.role != RoleMode::None {
            fields.push(format!("{prefix}.role"));
        }
        match self.input {
            InputMode::MatchedEvent => {}
            InputMode::Constant => fields.push(format!("{prefix}.input.json")),
            InputMode::InputPath => fields.push(format!("{prefix}.input.path")),
            InputMode::Transformer => {
                fields.push(format!("{prefix}.input.paths"));
                fields.push(format!("{prefix}.input.template"));
                for row in 0..self.transformer_paths.len() {
                    fields.push(format!("{prefix}.input.paths[{row}].name"));
                    fields.push(format!("{prefix}.input.paths[{row}].path"));
                }
            }
        }
        match self.kind {
            TargetKind::SqsQueue => fields.push(format!("{prefix}.parameters.message_group_id")),
            TargetKind::KinesisStream => {
                fields.push(format!("{prefix}.parameters.partition_key_path"))
            }
            TargetKind::EcsTask => {
                for f in [
                    "parameters",
                    "parameters.task_definition_arn",
                    "parameters.task_count",
                    "parameters.subnets",
                    "parameters.security_groups",
                ] {
                    fields.push(format!("{prefix}.{f}"));
                }
            }
            _ => {}
        }
        fields
    }
}

/// The whole wizard's form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleForm {
    pub step: Step,
    /// The saved rule being edited; `None` while creating a new one.
    pub editing: Option<RuleKey>,
    pub name: String,
    pub description: String,
    pub event_bus: String,
    pub enabled: bool,
    /// The partner whose sample events the pattern step offers; `None` means the partner of
    /// the chosen event bus.
    pub sample_partner: Option<String>,
    pub targets: Vec<TargetForm>,
    pub tags: Vec<Tag>,
    /// Steps the user tried to leave: their messages are shown from then on, not before.
    pub checked: Vec<Step>,
}

impl Default for RuleForm {
    fn default() -> Self {
        RuleForm {
            step: Step::Details,
            editing: None,
            name: String::new(),
            description: String::new(),
            event_bus: DEFAULT_EVENT_BUS.to_owned(),
            enabled: true,
            sample_partner: None,
            targets: Vec::new(),
            tags: Vec::new(),
            checked: Vec::new(),
        }
    }
}

/// Why another target cannot be added: AWS's message and what to do about it.
pub fn too_many_targets_message() -> String {
    format!("{LIMIT_EXCEEDED_MESSAGE} A rule can have at most {MAX_TARGETS_PER_RULE} targets: remove one before adding another.")
}

impl RuleForm {
    /// A new rule with one target, as the console starts.
    pub fn new(region: &str, account: &str) -> Self {
        let mut form = RuleForm::default();
        form.targets.push(TargetForm::new(
            "Target1",
            TargetKind::LambdaFunction,
            region,
            account,
        ));
        form
    }

    /// The form for editing a saved rule.
    pub fn from_rule(rule: &Rule) -> Self {
        RuleForm {
            step: Step::Details,
            editing: Some(RuleKey::of(rule)),
            name: rule.name.clone(),
            description: rule.description.clone(),
            event_bus: rule.event_bus.clone(),
            enabled: rule.state == RuleState::Enabled,
            sample_partner: None,
            targets: rule.targets.iter().map(TargetForm::from_target).collect(),
            tags: rule.tags.clone(),
            checked: Vec::new(),
        }
    }

    /// `Target1`, `Target2`, ...: the first not used by another target of this rule.
    pub fn next_target_id(&self) -> String {
        (1..)
            .map(|n| format!("Target{n}"))
            .find(|id| self.targets.iter().all(|t| t.id.trim() != id))
            .expect("some number is free")
    }

    /// Adds a Lambda target, or refuses a sixth with AWS's message.
    pub fn add_target(&mut self, region: &str, account: &str) -> Result<(), String> {
        if self.targets.len() >= MAX_TARGETS_PER_RULE {
            return Err(too_many_targets_message());
        }
        let id = self.next_target_id();
        self.targets.push(TargetForm::new(
            &id,
            TargetKind::LambdaFunction,
            region,
            account,
        ));
        Ok(())
    }

    /// The rule the form describes, with every problem: what the form could not read and what
    /// AWS's validation says about the rest.
    pub fn build(&self, account: &str, region: &str, event_pattern: &str) -> (Rule, FieldErrors) {
        let mut errors = FieldErrors::new();
        let mut rule = Rule::new(
            self.name.trim(),
            account,
            region,
            self.event_bus.trim(),
            event_pattern,
        );
        rule.description = self.description.clone();
        rule.state = if self.enabled {
            RuleState::Enabled
        } else {
            RuleState::Disabled
        };
        rule.targets = self
            .targets
            .iter()
            .enumerate()
            .map(|(index, target)| target.to_target(index, &mut errors))
            .collect();
        rule.tags = self
            .tags
            .iter()
            .map(|tag| Tag::new(tag.key.trim(), tag.value.trim()))
            .collect();
        if let Err(found) = rule.validate() {
            for error in found {
                errors.push(error.field, error.message);
            }
        }
        (rule, errors)
    }

    /// The rule's ARN as it will be, for the dead-letter-queue policy.
    pub fn rule_arn(&self, account: &str, region: &str) -> String {
        let name = if self.name.trim().is_empty() {
            "my-rule"
        } else {
            self.name.trim()
        };
        Rule::new(name, account, region, self.event_bus.trim(), "").arn()
    }

    /// Records that the user tried to leave `step`, so its messages are shown.
    pub fn mark_checked(&mut self, step: Step) {
        if !self.checked.contains(&step) {
            self.checked.push(step);
        }
    }

    pub fn is_checked(&self, step: Step) -> bool {
        self.step == Step::Review || self.checked.contains(&step)
    }
}

/// The messages for the fields of one step.
pub fn errors_of_step(errors: &FieldErrors, step: Step) -> Vec<&FieldError> {
    errors
        .iter()
        .filter(|error| Step::of_field(&error.field) == step)
        .collect()
}

/// The first step holding a problem, for sending the user there.
pub fn first_step_with_errors(errors: &FieldErrors) -> Option<Step> {
    errors
        .iter()
        .map(|error| Step::of_field(&error.field))
        .min()
}

/// Messages under `prefix` for fields not in `shown`, so that no message goes unseen.
pub fn other_messages<'e>(errors: &'e FieldErrors, prefix: &str, shown: &[String]) -> Vec<&'e str> {
    errors
        .iter()
        .filter(|error| {
            (error.field == prefix
                || error.field.starts_with(&format!("{prefix}."))
                || error.field.starts_with(&format!("{prefix}[")))
                && !shown.contains(&error.field)
        })
        .map(|error| error.message.as_str())
        .collect()
}

/// The DOM id of the control for `field`: `targets[0].arn` becomes `rule-targets-0-arn`.
pub fn control_id(field: &str) -> String {
    let mut id = String::from("rule-");
    let mut last_dash = true;
    for c in field.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            id.push(c);
            last_dash = false;
        } else if !last_dash {
            id.push('-');
            last_dash = true;
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    id
}

/// The DOM id of the message element for `field`, for `aria-describedby`.
pub fn message_id(field: &str) -> String {
    format!("{}-message", control_id(field))
}

/// An event bus the rule can be put on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusChoice {
    pub name: String,
    pub label: String,
    pub partner: Option<&'static Partner>,
}

/// `default` and the partner buses of the account in the Region; `keep` (the bus of a rule
/// being edited) is offered even if its bus is gone, so editing does not silently move it.
pub fn bus_choices(
    registry: &PartnerRegistry,
    account: &str,
    region: &str,
    keep: &str,
) -> Vec<BusChoice> {
    let mut choices = vec![BusChoice {
        name: DEFAULT_EVENT_BUS.to_owned(),
        label: "default (AWS default event bus)".to_owned(),
        partner: None,
    }];
    for bus in registry.event_buses(account, region) {
        let partner = catalog::partner_for_source_name(&bus.name);
        let who = partner.map_or("partner", |p| p.display_name());
        let state = if bus.receiving { "" } else { ", not receiving" };
        choices.push(BusChoice {
            label: format!("{} ({who} partner bus{state})", bus.name),
            name: bus.name,
            partner,
        });
    }
    let keep = keep.trim();
    if !keep.is_empty() && choices.iter().all(|c| c.name != keep) {
        choices.push(BusChoice {
            name: keep.to_owned(),
            label: format!("{keep} (not found in this account and Region)"),
            partner: catalog::partner_for_source_name(keep),
        });
    }
    choices
}

/// The partner whose samples the pattern step offers: the user's choice, else the bus's partner.
pub fn sample_partner(form: &RuleForm) -> Option<&'static Partner> {
    match &form.sample_partner {
        Some(id) => catalog::partner(id),
        None => catalog::partner_for_source_name(form.event_bus.trim()),
    }
}

/// The resource policy the dead-letter queue needs, pretty-printed, when a queue is chosen.
pub fn dlq_policy_text(
    target: &TargetForm,
    rule_arn: &str,
    region: &str,
    account: &str,
) -> Option<String> {
    let queue_arn = target.dead_letter_queue().queue_arn(region, account)?;
    let policy = dead_letter_queue_policy(&queue_arn, rule_arn);
    Some(serde_json::to_string_pretty(&policy).expect("a policy is plain JSON"))
}

/// An example queue ARN in another account, for the placeholder of that field.
pub fn example_other_account_queue_arn(region: &str) -> String {
    Arn::in_region("sqs", region, "210987654321", "my-dead-letter-queue").to_string()
}

/// Label and value rows describing a target on the review step and in the rule list.
pub fn describe_target(target: &Target) -> Vec<(&'static str, String)> {
    let permissions = match &target.role {
        RoleChoice::None => "Resource-based policy (no role)".to_owned(),
        RoleChoice::CreateNew => "Create a new role for this target".to_owned(),
        RoleChoice::Existing { role_arn } => format!("Existing role {role_arn}"),
    };
    let input = match &target.input {
        TargetInput::MatchedEvent => "Matched event".to_owned(),
        TargetInput::Constant { json } => format!("Constant: {json}"),
        TargetInput::InputPath { path } => format!("Part of the event: {path}"),
        TargetInput::Transformer(t) => {
            let names: Vec<String> = t
                .paths
                .iter()
                .map(|p| format!("<{}> = {}", p.name, p.path))
                .collect();
            if names.is_empty() {
                format!("Input transformer: template {}", t.template)
            } else {
                format!(
                    "Input transformer: {}; template {}",
                    names.join(", "),
                    t.template
                )
            }
        }
    };
    let dlq = match &target.dead_letter_queue {
        DeadLetterQueue::None => "None".to_owned(),
        DeadLetterQueue::ThisAccount { queue_name } => {
            format!("Queue {queue_name} in this account")
        }
        DeadLetterQueue::OtherAccount { queue_arn } => queue_arn.clone(),
    };
    let age = target.retry_policy.maximum_event_age_seconds;
    let attempts = target.retry_policy.maximum_retry_attempts;
    let mark_default = |is_default: bool| if is_default { " (default)" } else { "" };
    vec![
        ("Target type", target.kind.label().to_owned()),
        ("Target ID", target.id.clone()),
        ("ARN", target.arn.clone()),
        ("Permissions", permissions),
        ("Input", input),
        (
            "Maximum age of event",
            format!(
                "{}{}",
                format_event_age(age),
                mark_default(age == MAX_EVENT_AGE_SECONDS)
            ),
        ),
        (
            "Retry attempts",
            format!("{attempts}{}", mark_default(attempts == MAX_RETRY_ATTEMPTS)),
        ),
        ("Dead-letter queue", dlq),
    ]
}

/// Saves the rule: creates it, or replaces the rule being edited. A rule deleted meanwhile is
/// created again rather than lost.
pub fn save_rule(
    store: &mut RuleStore,
    form: &RuleForm,
    rule: Rule,
) -> Result<RuleKey, FieldErrors> {
    let result = match &form.editing {
        Some(key) if store.get(key).is_some() => store.update(key, rule),
        _ => store.create(rule),
    };
    result.map_err(|error| match error {
        StoreError::Invalid(errors) => errors,
        StoreError::NotFound(key) => {
            let mut errors = FieldErrors::new();
            errors.push("name", StoreError::NotFound(key).to_string());
            errors
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACCOUNT: &str = "111122223333";
    const REGION: &str = "eu-west-1";
    const PATTERN: &str = r#"{"source": [{"prefix": "aws.partner/shopify.com"}]}"#;

    fn valid_form() -> RuleForm {
        let mut form = RuleForm::new(REGION, ACCOUNT);
        form.name = "orders".into();
        form
    }

    fn fields(errors: &FieldErrors) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn steps_run_in_the_console_order() {
        assert_eq!(Step::Details.next(), Some(Step::Pattern));
        assert_eq!(Step::Review.next(), None);
        assert_eq!(Step::Details.previous(), None);
        assert_eq!(Step::Review.previous(), Some(Step::Tags));
        let numbers: Vec<usize> = Step::ALL.iter().map(|s| s.number()).collect();
        assert_eq!(numbers, vec![1, 2, 3, 4, 5]);
    }

    #[test]
    fn fields_belong_to_their_step() {
        let table = [
            ("name", Step::Details),
            ("event_bus", Step::Details),
            ("account_id", Step::Details),
            ("event_pattern", Step::Pattern),
            ("targets", Step::Targets),
            ("targets[3].input.paths[0].name", Step::Targets),
            ("tags[0].key", Step::Tags),
            ("something-new", Step::Review),
        ];
        for (field, step) in table {
            assert_eq!(Step::of_field(field), step, "{field}");
        }
    }

    #[test]
    fn a_new_form_builds_a_valid_rule_once_named() {
        let (rule, errors) = valid_form().build(ACCOUNT, REGION, PATTERN);
        assert!(errors.is_empty(), "{errors}");
        assert_eq!(rule.targets.len(), 1);
        assert_eq!(
            rule.targets[0].arn,
            "arn:aws:lambda:eu-west-1:111122223333:function:my-function"
        );
        assert_eq!(rule.targets[0].retry_policy, RetryPolicy::default());
        assert_eq!(rule.state, RuleState::Enabled);

        let (_, errors) = RuleForm::new(REGION, ACCOUNT).build(ACCOUNT, REGION, "");
        assert_eq!(fields(&errors), vec!["name", "event_pattern"]);
        assert_eq!(first_step_with_errors(&errors), Some(Step::Details));
    }

    #[test]
    fn a_sixth_target_is_refused_with_aws_message() {
        let mut form = valid_form();
        for _ in 1..MAX_TARGETS_PER_RULE {
            form.add_target(REGION, ACCOUNT).unwrap();
        }
        assert_eq!(form.targets.len(), 5);
        let message = form.add_target(REGION, ACCOUNT).unwrap_err();
        assert!(message.starts_with(LIMIT_EXCEEDED_MESSAGE), "{message}");
        assert!(message.contains("at most 5"));
        assert_eq!(form.targets.len(), 5);
        let ids: Vec<&str> = form.targets.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            vec!["Target1", "Target2", "Target3", "Target4", "Target5"]
        );
        let (_, errors) = form.build(ACCOUNT, REGION, PATTERN);
        assert!(errors.is_empty(), "{errors}");
    }

    #[test]
    fn target_ids_fill_the_first_gap() {
        let mut form = valid_form();
        form.add_target(REGION, ACCOUNT).unwrap();
        form.add_target(REGION, ACCOUNT).unwrap();
        form.targets.remove(1);
        assert_eq!(form.next_target_id(), "Target2");
    }

    #[test]
    fn changing_the_type_replaces_an_example_arn_but_keeps_a_typed_one() {
        let mut target = TargetForm::new("T", TargetKind::LambdaFunction, REGION, ACCOUNT);
        target.set_kind(TargetKind::SqsQueue, REGION, ACCOUNT);
        assert_eq!(
            target.arn,
            example_arn(TargetKind::SqsQueue, REGION, ACCOUNT)
        );
        assert_eq!(target.role, RoleMode::None);
        target.set_kind(TargetKind::StepFunctionsStateMachine, REGION, ACCOUNT);
        assert_eq!(target.role, RoleMode::CreateNew);

        target.arn = "arn:aws:states:eu-west-1:111122223333:stateMachine:mine".into();
        target.role = RoleMode::Existing;
        target.set_kind(TargetKind::KinesisStream, REGION, ACCOUNT);
        assert_eq!(
            target.arn,
            "arn:aws:states:eu-west-1:111122223333:stateMachine:mine"
        );
        assert_eq!(
            target.role,
            RoleMode::Existing,
            "both need a role: keep the choice"
        );
    }

    #[test]
    fn unreadable_retry_settings_are_reported_once_on_their_own_field() {
        let table = [
            (
                "00:00",
                "185",
                "targets[0].retry_policy.maximum_event_age_seconds",
            ),
            (
                "1h",
                "185",
                "targets[0].retry_policy.maximum_event_age_seconds",
            ),
            (
                "24:01",
                "185",
                "targets[0].retry_policy.maximum_event_age_seconds",
            ),
            (
                "01:00",
                "186",
                "targets[0].retry_policy.maximum_retry_attempts",
            ),
            (
                "01:00",
                "-1",
                "targets[0].retry_policy.maximum_retry_attempts",
            ),
            (
                "01:00",
                "",
                "targets[0].retry_policy.maximum_retry_attempts",
            ),
        ];
        for (age, attempts, field) in table {
            let mut form = valid_form();
            form.targets[0].event_age = age.into();
            form.targets[0].retry_attempts = attempts.into();
            let (_, errors) = form.build(ACCOUNT, REGION, PATTERN);
            assert_eq!(fields(&errors), vec![field], "{age} {attempts}");
        }
        let mut form = valid_form();
        form.targets[0].event_age = "00:01".into();
        form.targets[0].retry_attempts = "0".into();
        let (rule, errors) = form.build(ACCOUNT, REGION, PATTERN);
        assert!(errors.is_empty());
        assert_eq!(
            rule.targets[0].retry_policy,
            RetryPolicy {
                maximum_event_age_seconds: 60,
                maximum_retry_attempts: 0
            }
        );
    }

    #[test]
    fn dead_letter_queue_choices_and_policy() {
        let mut form = valid_form();
        form.event_bus = "aws.partner/shopify.com/4583217/orders".into();
        let target = &mut form.targets[0];
        target.dlq = DlqMode::ThisAccount;
        target.dlq_queue_name = "failed-orders".into();
        target.dlq_queue_arn = "kept while another choice is shown".into();
        let (rule, errors) = form.build(ACCOUNT, REGION, PATTERN);
        assert!(errors.is_empty(), "{errors}");
        assert_eq!(
            rule.targets[0]
                .dead_letter_queue
                .queue_arn(REGION, ACCOUNT)
                .as_deref(),
            Some("arn:aws:sqs:eu-west-1:111122223333:failed-orders")
        );

        form.targets[0].dlq = DlqMode::OtherAccount;
        form.targets[0].dlq_queue_arn = example_other_account_queue_arn(REGION);
        let rule_arn = form.rule_arn(ACCOUNT, REGION);
        assert_eq!(
            rule_arn,
            "arn:aws:events:eu-west-1:111122223333:rule/aws.partner/shopify.com/4583217/orders/orders"
        );
        let policy = dlq_policy_text(&form.targets[0], &rule_arn, REGION, ACCOUNT).unwrap();
        let policy: serde_json::Value = serde_json::from_str(&policy).unwrap();
        assert_eq!(
            policy["Statement"][0]["Resource"],
            "arn:aws:sqs:eu-west-1:210987654321:my-dead-letter-queue"
        );
        assert_eq!(
            policy["Statement"][0]["Condition"]["ArnEquals"]["aws:SourceArn"],
            rule_arn.as_str()
        );
        form.targets[0].dlq = DlqMode::None;
        assert_eq!(
            dlq_policy_text(&form.targets[0], &rule_arn, REGION, ACCOUNT),
            None
        );

        form.targets[0].dlq = DlqMode::OtherAccount;
        form.targets[0].dlq_queue_arn = "arn:aws:sqs:us-west-2:210987654321:q".into();
        let (_, errors) = form.build(ACCOUNT, REGION, PATTERN);
        assert_eq!(fields(&errors), vec!["targets[0].dead_letter_queue"]);
    }

    #[test]
    fn input_modes_keep_their_text_and_blank_transformer_rows_are_ignored() {
        let mut form = valid_form();
        let target = &mut form.targets[0];
        target.constant_json = "{\"kept\": true}".into();
        target.input = InputMode::Transformer;
        target.transformer_paths = vec![
            PathRow {
                name: "topic".into(),
                path: "$.detail.metadata.X-Shopify-Topic".into(),
            },
            PathRow::default(),
        ];
        target.template = "\"Shopify sent <topic>\"".into();
        let (rule, errors) = form.build(ACCOUNT, REGION, PATTERN);
        assert!(errors.is_empty(), "{errors}");
        match &rule.targets[0].input {
            TargetInput::Transformer(t) => assert_eq!(t.paths.len(), 1),
            other => panic!("{other:?}"),
        }
        form.targets[0].input = InputMode::Constant;
        let (rule, _) = form.build(ACCOUNT, REGION, PATTERN);
        assert_eq!(
            rule.targets[0].input,
            TargetInput::Constant {
                json: "{\"kept\": true}".into()
            }
        );
        form.targets[0].constant_json = "{oops".into();
        let (_, errors) = form.build(ACCOUNT, REGION, PATTERN);
        assert_eq!(fields(&errors), vec!["targets[0].input.json"]);
        assert!(form.targets[0]
            .shown_fields(0)
            .contains(&"targets[0].input.json".to_owned()));
    }

    #[test]
    fn kind_specific_parameters() {
        let mut form = valid_form();
        form.targets[0].set_kind(TargetKind::SqsQueue, REGION, ACCOUNT);
        form.targets[0].arn = "arn:aws:sqs:eu-west-1:111122223333:orders.fifo".into();
        let (_, errors) = form.build(ACCOUNT, REGION, PATTERN);
        assert_eq!(
            fields(&errors),
            vec!["targets[0].parameters.message_group_id"]
        );
        form.targets[0].message_group_id = "orders".into();
        assert!(form.build(ACCOUNT, REGION, PATTERN).1.is_empty());

        form.targets[0].set_kind(TargetKind::EcsTask, REGION, ACCOUNT);
        form.targets[0].arn = example_arn(TargetKind::EcsTask, REGION, ACCOUNT);
        form.targets[0].ecs_task_definition_arn =
            "arn:aws:ecs:eu-west-1:111122223333:task-definition/web:3".into();
        form.targets[0].ecs_task_count = "two".into();
        form.targets[0].ecs_subnets = "subnet-0123456789abcdef0, ".into();
        form.targets[0].ecs_assign_public_ip = true;
        let (rule, errors) = form.build(ACCOUNT, REGION, PATTERN);
        assert_eq!(fields(&errors), vec!["targets[0].parameters.task_count"]);
        match &rule.targets[0].parameters {
            TargetParameters::Ecs(task) => {
                assert_eq!(task.subnets, vec!["subnet-0123456789abcdef0"]);
                assert!(task.assign_public_ip);
            }
            other => panic!("{other:?}"),
        }
        // A public IP is for Fargate tasks only, as AWS has it.
        form.targets[0].ecs_task_count = "2".into();
        form.targets[0].ecs_launch_type = EcsLaunchType::Ec2;
        let (_, errors) = form.build(ACCOUNT, REGION, PATTERN);
        assert_eq!(
            fields(&errors),
            vec!["targets[0].parameters.assign_public_ip"]
        );
        let round_trip =
            TargetForm::from_target(&form.build(ACCOUNT, REGION, PATTERN).0.targets[0]);
        assert!(round_trip.ecs_assign_public_ip);
        // Choosing another launch type through the form drops the choice instead.
        form.targets[0].ecs_launch_type = EcsLaunchType::Fargate;
        form.targets[0].set_launch_type(EcsLaunchType::External);
        assert!(!form.targets[0].ecs_assign_public_ip);
        assert!(form.build(ACCOUNT, REGION, PATTERN).1.is_empty());
    }

    #[test]
    fn a_saved_rule_round_trips_through_the_form() {
        let mut form = valid_form();
        form.description = "Orders from Shopify".into();
        form.enabled = false;
        form.tags = vec![Tag::new("team", "shop")];
        form.targets[0].set_kind(TargetKind::StepFunctionsStateMachine, REGION, ACCOUNT);
        form.targets[0].role = RoleMode::Existing;
        form.targets[0].role_arn = "arn:aws:iam::111122223333:role/events".into();
        form.targets[0].input = InputMode::InputPath;
        form.targets[0].input_path = "$.detail".into();
        form.targets[0].event_age = "01:30".into();
        form.targets[0].retry_attempts = "3".into();
        form.targets[0].dlq = DlqMode::ThisAccount;
        form.targets[0].dlq_queue_name = "dlq".into();
        form.add_target(REGION, ACCOUNT).unwrap();
        form.targets[1].set_kind(TargetKind::KinesisStream, REGION, ACCOUNT);
        form.targets[1].partition_key_path = "$.id".into();
        let (rule, errors) = form.build(ACCOUNT, REGION, PATTERN);
        assert!(errors.is_empty(), "{errors}");

        let again = RuleForm::from_rule(&rule);
        assert_eq!(again.editing, Some(RuleKey::of(&rule)));
        let (rebuilt, errors) = again.build(ACCOUNT, REGION, PATTERN);
        assert!(errors.is_empty(), "{errors}");
        assert_eq!(rebuilt, rule);
    }

    #[test]
    fn saving_creates_then_updates_and_reports_collisions() {
        let mut store = RuleStore::new();
        let form = valid_form();
        let (rule, _) = form.build(ACCOUNT, REGION, PATTERN);
        let key = save_rule(&mut store, &form, rule.clone()).unwrap();
        let errors = save_rule(&mut store, &form, rule.clone()).unwrap_err();
        assert_eq!(fields(&errors), vec!["name"]);

        let mut editing = RuleForm::from_rule(&rule);
        editing.description = "changed".into();
        let (changed, _) = editing.build(ACCOUNT, REGION, PATTERN);
        let same_key = save_rule(&mut store, &editing, changed).unwrap();
        assert_eq!(same_key, key);
        assert_eq!(store.len(), 1);
        assert_eq!(store.get(&key).unwrap().description, "changed");

        // Deleted while being edited: saving creates it again.
        store.delete(&key).unwrap();
        let (changed, _) = editing.build(ACCOUNT, REGION, PATTERN);
        save_rule(&mut store, &editing, changed).unwrap();
        assert_eq!(store.len(), 1);
    }

    #[test]
    fn control_and_message_ids_are_valid_dom_ids() {
        assert_eq!(control_id("targets[0].arn"), "rule-targets-0-arn");
        assert_eq!(
            control_id("targets[2].input.paths[10].name"),
            "rule-targets-2-input-paths-10-name"
        );
        assert_eq!(message_id("name"), "rule-name-message");
    }

    #[test]
    fn unshown_messages_are_collected_per_prefix() {
        let mut errors = FieldErrors::new();
        errors.push("targets[0].arn", "shown");
        errors.push("targets[0].parameters.subnets[1]", "not shown");
        errors.push("targets[10].arn", "another target");
        let shown = vec!["targets[0].arn".to_owned()];
        assert_eq!(
            other_messages(&errors, "targets[0]", &shown),
            vec!["not shown"]
        );
        assert_eq!(errors_of_step(&errors, Step::Targets).len(), 3);
    }

    #[test]
    fn bus_choices_list_default_then_partner_buses() {
        let mut registry = PartnerRegistry::new();
        let name = "aws.partner/shopify.com/4583217/orders";
        registry
            .create_partner_event_source(name, ACCOUNT, REGION)
            .unwrap();
        assert_eq!(
            bus_choices(&registry, ACCOUNT, REGION, "").len(),
            1,
            "a pending source has no bus"
        );
        registry
            .associate_event_source(ACCOUNT, REGION, name)
            .unwrap();
        let choices = bus_choices(&registry, ACCOUNT, REGION, "default");
        let names: Vec<&str> = choices.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["default", name]);
        assert_eq!(choices[1].partner.map(|p| p.id()), Some("shopify.com"));
        assert!(choices[1].label.contains("Shopify"));
        // Another Region shows only default, plus a kept bus of a rule being edited.
        let elsewhere = bus_choices(&registry, ACCOUNT, "us-east-1", name);
        assert_eq!(elsewhere.len(), 2);
        assert!(elsewhere[1].label.contains("not found"));
    }

    #[test]
    fn the_sample_partner_follows_the_bus_unless_chosen() {
        let mut form = valid_form();
        assert_eq!(sample_partner(&form), None);
        form.event_bus = "aws.partner/shopify.com/4583217/orders".into();
        assert_eq!(sample_partner(&form).map(|p| p.id()), Some("shopify.com"));
        form.sample_partner = Some("auth0.com".into());
        assert_eq!(sample_partner(&form).map(|p| p.id()), Some("auth0.com"));
    }

    #[test]
    fn targets_are_described_for_review() {
        let (rule, _) = valid_form().build(ACCOUNT, REGION, PATTERN);
        let rows = describe_target(&rule.targets[0]);
        assert_eq!(rows[0], ("Target type", "Lambda function".to_owned()));
        assert!(rows.contains(&("Maximum age of event", "24:00 (default)".to_owned())));
        assert!(rows.contains(&("Dead-letter queue", "None".to_owned())));
    }

    #[test]
    fn a_form_saved_by_an_older_version_still_loads() {
        let form: RuleForm =
            serde_json::from_str(r#"{"name":"x","targets":[{"id":"T"}]}"#).unwrap();
        assert_eq!(form.name, "x");
        assert_eq!(form.event_bus, "default");
        assert_eq!(form.targets[0].event_age, "24:00");
    }
}
