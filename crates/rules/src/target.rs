//! One target of a rule and everything that is set per target.

use serde::{Deserialize, Serialize};

use aws_model::validation::{
    constraint_violation_message, is_token, string_constraints, NAME_CLASS,
};
use aws_model::{
    check_arn_fields, check_role_arn, check_target_arn, is_region_code, Arn, MAX_ARN_CHARS,
    MAX_TARGET_ID_CHARS,
};

use crate::input::{json_path, TargetInput, MAX_INPUT_PATH_CHARS};
use crate::{DeadLetterQueue, FieldErrors, RetryPolicy, Rule, TargetKind};

/// Who lets EventBridge call the target.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "choice", rename_all = "snake_case")]
pub enum RoleChoice {
    /// No role: right for kinds reached through a resource-based policy.
    #[default]
    None,
    /// "Create a new role for this specific resource"; exports create it.
    CreateNew,
    /// An existing role, `arn:<partition>:iam::<account>:role/<name>`.
    Existing { role_arn: String },
}

/// Settings only some target kinds take.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "for", rename_all = "snake_case")]
pub enum TargetParameters {
    #[default]
    None,
    /// FIFO queues need a message group id.
    SqsFifo { message_group_id: String },
    /// Which part of the event picks the Kinesis shard (default: the event id).
    Kinesis { partition_key_path: String },
    /// What task to run; required for ECS targets.
    Ecs(EcsTask),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EcsTask {
    pub task_definition_arn: String,
    pub task_count: u32,
    pub launch_type: EcsLaunchType,
    #[serde(default)]
    pub subnets: Vec<String>,
    #[serde(default)]
    pub security_groups: Vec<String>,
    #[serde(default)]
    pub assign_public_ip: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EcsLaunchType {
    Ec2,
    Fargate,
    External,
}

impl EcsLaunchType {
    pub fn as_aws(self) -> &'static str {
        match self {
            EcsLaunchType::Ec2 => "EC2",
            EcsLaunchType::Fargate => "FARGATE",
            EcsLaunchType::External => "EXTERNAL",
        }
    }
}

pub const MAX_ECS_TASK_COUNT: u32 = 10;
pub const MAX_ECS_SUBNETS: usize = 16;
pub const MAX_ECS_SECURITY_GROUPS: usize = 5;

/// Where matched events go, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub id: String,
    pub kind: TargetKind,
    pub arn: String,
    #[serde(default)]
    pub role: RoleChoice,
    #[serde(default)]
    pub input: TargetInput,
    #[serde(default)]
    pub retry_policy: RetryPolicy,
    #[serde(default)]
    pub dead_letter_queue: DeadLetterQueue,
    #[serde(default)]
    pub parameters: TargetParameters,
}

impl Target {
    /// A target with AWS's defaults for everything but what identifies it.
    pub fn new(id: &str, kind: TargetKind, arn: &str) -> Self {
        Target {
            id: id.to_owned(),
            kind,
            arn: arn.to_owned(),
            role: RoleChoice::None,
            input: TargetInput::MatchedEvent,
            retry_policy: RetryPolicy::default(),
            dead_letter_queue: DeadLetterQueue::None,
            parameters: TargetParameters::None,
        }
    }

    /// True for an event bus in another account than the rule's (which cannot take input settings).
    pub(crate) fn is_bus_in_other_account(&self, rule: &Rule) -> bool {
        self.kind == TargetKind::EventBus
            && Arn::parse(self.arn.trim()).is_ok_and(|arn| arn.account() != rule.account_id)
    }

    /// Checks the target at `index` of `rule`.
    pub(crate) fn check(&self, index: usize, rule: &Rule, errors: &mut FieldErrors) {
        let prefix = format!("targets[{index}]");
        let violated = string_constraints(&self.id, 1, MAX_TARGET_ID_CHARS, Some(&NAME_CLASS));
        if !violated.is_empty() {
            let location = format!("targets.{}.member.id", index + 1);
            errors.push(
                format!("{prefix}.id"),
                constraint_violation_message(&self.id, &location, &violated),
            );
        }
        // Everything below the id is judged against the rule's Region; when that is not a
        // Region, the rule's own error says so and these would only repeat it.
        if !is_region_code(&rule.region) {
            return;
        }
        if let Err(message) = self.check_arn(rule) {
            errors.push(format!("{prefix}.arn"), message);
        }
        if let Err(message) = self.check_role(&rule.region) {
            errors.push(format!("{prefix}.role"), message);
        }
        let input_prefix = format!("{prefix}.input");
        if self.input != TargetInput::MatchedEvent && self.is_bus_in_other_account(rule) {
            errors.push(
                input_prefix.clone(),
                "An event bus in another account receives the matched event as it is; input settings are not available for it.",
            );
        }
        self.input.check(&input_prefix, &self.id, errors);
        for problem in self.retry_policy.problems() {
            errors.push(
                format!("{prefix}.retry_policy.{}", problem.field().as_str()),
                problem.to_string(),
            );
        }
        self.dead_letter_queue
            .check(&format!("{prefix}.dead_letter_queue"), &rule.region, errors);
        self.check_parameters(&format!("{prefix}.parameters"), &rule.region, errors);
    }

    fn check_arn(&self, rule: &Rule) -> Result<(), String> {
        let length = self.arn.chars().count();
        if length > MAX_ARN_CHARS {
            return Err(format!(
                "An ARN can be at most {MAX_ARN_CHARS} characters; this one has {length}."
            ));
        }
        check_target_arn(self.kind, &self.arn, &rule.region)?;
        if self.kind == TargetKind::EventBus && self.arn.trim() == rule.event_bus_arn() {
            return Err(
                "This is the rule's own event bus; sending events back to it would loop."
                    .to_owned(),
            );
        }
        Ok(())
    }

    fn check_role(&self, region: &str) -> Result<(), String> {
        let label = self.kind.label();
        match (&self.role, self.kind.needs_role()) {
            (RoleChoice::None, true) => Err(format!(
                "{label} targets need an IAM role: create a new role for this target or choose an existing one."
            )),
            (RoleChoice::None, false) => Ok(()),
            (_, false) => Err(format!(
                "{label} targets let EventBridge in through a resource-based policy, not an IAM role; remove the role."
            )),
            (RoleChoice::CreateNew, true) => Ok(()),
            (RoleChoice::Existing { role_arn }, true) => Ok(check_role_arn(role_arn, region)?),
        }
    }

    fn check_parameters(&self, prefix: &str, region: &str, errors: &mut FieldErrors) {
        let fifo_queue = self.kind == TargetKind::SqsQueue && self.arn.trim().ends_with(".fifo");
        match (&self.parameters, self.kind) {
            (TargetParameters::None, TargetKind::EcsTask) => errors.push(
                prefix,
                "An ECS task target needs a task definition and a task count.",
            ),
            (TargetParameters::None, _) if fifo_queue => errors.push(
                format!("{prefix}.message_group_id"),
                "A FIFO queue target needs a message group id.",
            ),
            (TargetParameters::None, _) => {}
            (TargetParameters::SqsFifo { message_group_id }, TargetKind::SqsQueue) => {
                if !fifo_queue {
                    errors.push(
                        format!("{prefix}.message_group_id"),
                        "Message group ids apply only to FIFO queues (names ending in .fifo).",
                    );
                } else if !(1..=128).contains(&message_group_id.chars().count()) {
                    errors.push(
                        format!("{prefix}.message_group_id"),
                        "A message group id has 1 to 128 characters.",
                    );
                }
            }
            (TargetParameters::Kinesis { partition_key_path }, TargetKind::KinesisStream) => {
                let result = if partition_key_path.chars().count() > MAX_INPUT_PATH_CHARS {
                    Err(format!(
                        "A path can be at most {MAX_INPUT_PATH_CHARS} characters."
                    ))
                } else {
                    json_path::parse(partition_key_path).map(|_| ())
                };
                if let Err(message) = result {
                    errors.push(format!("{prefix}.partition_key_path"), message);
                }
            }
            (TargetParameters::Ecs(task), TargetKind::EcsTask) => {
                task.check(prefix, region, errors)
            }
            (_, kind) => errors.push(
                prefix,
                format!("These settings do not apply to {} targets.", kind.label()),
            ),
        }
    }
}

impl EcsTask {
    fn check(&self, prefix: &str, region: &str, errors: &mut FieldErrors) {
        if let Err(message) = check_task_definition_arn(&self.task_definition_arn, region) {
            errors.push(format!("{prefix}.task_definition_arn"), message);
        }
        if !(1..=MAX_ECS_TASK_COUNT).contains(&self.task_count) {
            errors.push(
                format!("{prefix}.task_count"),
                format!(
                    "Task count must be between 1 and {MAX_ECS_TASK_COUNT}; it is {}.",
                    self.task_count
                ),
            );
        }
        let fargate = self.launch_type == EcsLaunchType::Fargate;
        if fargate && self.subnets.is_empty() {
            errors.push(
                format!("{prefix}.subnets"),
                "Fargate tasks need at least one subnet.",
            );
        }
        if self.subnets.len() > MAX_ECS_SUBNETS {
            errors.push(
                format!("{prefix}.subnets"),
                format!("At most {MAX_ECS_SUBNETS} subnets can be given."),
            );
        }
        check_resource_ids(
            &self.subnets,
            "subnet-",
            &format!("{prefix}.subnets"),
            errors,
        );
        if self.security_groups.len() > MAX_ECS_SECURITY_GROUPS {
            errors.push(
                format!("{prefix}.security_groups"),
                format!("At most {MAX_ECS_SECURITY_GROUPS} security groups can be given."),
            );
        }
        check_resource_ids(
            &self.security_groups,
            "sg-",
            &format!("{prefix}.security_groups"),
            errors,
        );
        if self.assign_public_ip && !fargate {
            errors.push(
                format!("{prefix}.assign_public_ip"),
                "A public IP address can be assigned only to Fargate tasks.",
            );
        }
    }
}

fn check_resource_ids(ids: &[String], prefix: &str, field: &str, errors: &mut FieldErrors) {
    for (index, id) in ids.iter().enumerate() {
        let well_formed = id.strip_prefix(prefix).is_some_and(|hex| {
            is_token(hex, "", 8, 17) && hex.bytes().all(|b| b.is_ascii_hexdigit())
        });
        if !well_formed {
            errors.push(
                format!("{field}[{index}]"),
                format!("'{id}' is not an id of the form {prefix}0123456789abcdef0."),
            );
        }
    }
}

fn check_task_definition_arn(text: &str, region: &str) -> Result<(), String> {
    let example =
        Arn::in_region("ecs", region, "123456789012", "task-definition/my-task:1").to_string();
    let arn = check_arn_fields(text, "ECS task definition", "ecs", region, &example)?;
    let shape_ok = arn
        .resource()
        .strip_prefix("task-definition/")
        .is_some_and(|rest| {
            let (family, revision) = match rest.split_once(':') {
                Some((family, revision)) => (family, Some(revision)),
                None => (rest, None),
            };
            is_token(family, "-_", 1, 255)
                && revision
                    .is_none_or(|r| is_token(r, "", 1, 10) && r.bytes().all(|b| b.is_ascii_digit()))
        });
    if !shape_ok {
        return Err(format!(
            "A task definition ARN ends in task-definition/<family>[:<revision>], for example {example}."
        ));
    }
    Ok(())
}
