//! A rule written out as something that creates it in AWS: AWS CLI commands, a CloudFormation
//! template (JSON and YAML) and Terraform configuration.
//!
//! Every export validates the rule first and refuses an invalid one with its field errors.
//! All of them carry every setting: state, bus, description, pattern, targets with their role,
//! input, retry policy, dead-letter queue and kind-specific parameters, tags, plus the IAM roles
//! the console would have created and the dead-letter-queue policies.

mod cli;
mod cloudformation;
mod hcl_syntax;
mod shell;
mod terraform;
mod yaml;

use event_pattern::json::{self, reformat, Layout, Value};

use crate::{dead_letter_queue_policy, Rule, Target, TargetInput, TargetKind, TargetParameters};

pub use cli::{aws_cli, test_event_pattern_command};
pub use cloudformation::{cloudformation_json, cloudformation_yaml};
pub use terraform::terraform;

/// A JSON object with its members in the order written (exports build their documents with the
/// matcher's order-keeping JSON value, so user rows such as input paths and tags keep their
/// order, and the documents the export writes itself read top-down as in AWS's examples):
/// `object! { "Type" => "AWS::IAM::Role", "Properties" => properties }`.
macro_rules! object {
    ($($key:expr => $value:expr),* $(,)?) => {
        [$((String::from($key), event_pattern::json::Value::from($value))),*]
            .into_iter()
            .collect::<event_pattern::json::Value>()
    };
}
pub(crate) use object;

/// The event pattern as every export embeds it: the user's own text with only the whitespace
/// between tokens changed, so key order (which decides `$or` overrides), duplicate keys and
/// number literals stay as written. Exports carry it as a *string* (CloudFormation's
/// `EventPattern` and Terraform's `event_pattern` both accept one); an object would be
/// re-serialized by the tool (Terraform's `jsonencode` sorts keys) and could change meaning.
fn pattern_text(rule: &Rule, layout: Layout) -> String {
    // A validated rule's pattern is JSON; the raw text is the fallback all the same.
    reformat(&rule.event_pattern, layout).unwrap_or_else(|_| rule.event_pattern.trim().to_owned())
}

/// A list of strings as a JSON array.
fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> Value {
    Value::from(items.into_iter().map(Value::from).collect::<Vec<_>>())
}

/// An input transformer's `InputPathsMap`: the user's rows, in their order.
fn input_paths(transformer: &crate::InputTransformer) -> Value {
    transformer
        .paths
        .iter()
        .map(|entry| (entry.name.as_str(), Value::from(entry.path.as_str())))
        .collect()
}

/// The dead-letter-queue policy of the `rules` crate as an export document.
fn queue_policy_document(policy: &serde_json::Value) -> Value {
    // serde_json writes valid JSON, so this cannot fail; `null` would show a bug plainly.
    json::parse(&policy.to_string()).unwrap_or_else(|_| Value::from(json::ValueKind::Null))
}

/// The name of the role an export creates for the target at `index` ("create a new role").
pub fn created_role_name(rule: &Rule, index: usize) -> String {
    let suffix = format!("-target-{}", index + 1);
    let prefix = "EventBridge-";
    let room = 64 - prefix.len() - suffix.len();
    // Rule names are ASCII once valid, so a byte cut keeps whole characters.
    let name = rule.name.get(..room.min(rule.name.len())).unwrap_or("rule");
    format!("{prefix}{name}{suffix}")
}

/// Lets EventBridge assume the role.
fn trust_policy() -> Value {
    object! {
        "Version" => "2012-10-17",
        "Statement" => vec![object! {
            "Effect" => "Allow",
            "Principal" => object! {"Service" => "events.amazonaws.com"},
            "Action" => "sts:AssumeRole",
        }],
    }
}

/// What a created role may do: call the target, nothing more.
fn role_permissions(target: &Target) -> Value {
    let actions = target.kind.role_actions().unwrap_or_default();
    let resource = match (&target.kind, &target.parameters) {
        // Any version of the destination, as the console grants it.
        (TargetKind::ApiDestination, _) => {
            let arn = target.arn.trim();
            let mut parts: Vec<&str> = arn.splitn(3, '/').collect();
            parts.truncate(2);
            format!("{}/*", parts.join("/"))
        }
        // Any revision of the task definition's family.
        (TargetKind::EcsTask, TargetParameters::Ecs(task)) => {
            let arn = task.task_definition_arn.trim();
            let family = match arn.rsplit_once(':') {
                Some((family, revision)) if revision.bytes().all(|b| b.is_ascii_digit()) => family,
                _ => arn,
            };
            format!("{family}:*")
        }
        _ => target.arn.trim().to_owned(),
    };
    let mut statements = vec![object! {
        "Effect" => "Allow",
        "Action" => strings(actions.iter().copied()),
        "Resource" => resource,
    }];
    if target.kind == TargetKind::EcsTask {
        statements.push(object! {
            "Effect" => "Allow",
            "Action" => "iam:PassRole",
            "Resource" => "*",
            "Condition" => object! {
                "StringLike" => object! {"iam:PassedToService" => "ecs-tasks.amazonaws.com"},
            },
        });
    }
    object! {"Version" => "2012-10-17", "Statement" => statements}
}

/// The two spellings of target settings: the EventBridge API (CLI) and CloudFormation differ
/// only in the ECS network configuration key.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Api,
    CloudFormation,
}

/// A target in the API/CloudFormation shape. `role_arn` is what to write for the role: a
/// literal ARN, or a reference to a role the same export creates.
fn target_shape(rule: &Rule, target: &Target, role_arn: Option<Value>, dialect: Dialect) -> Value {
    let mut shape: Vec<(&str, Value)> = vec![
        ("Id", Value::from(target.id.as_str())),
        ("Arn", Value::from(target.arn.trim())),
    ];
    if let Some(role_arn) = role_arn {
        shape.push(("RoleArn", role_arn));
    }
    match &target.input {
        TargetInput::MatchedEvent => {}
        TargetInput::Constant { json } => shape.push(("Input", Value::from(json.as_str()))),
        TargetInput::InputPath { path } => shape.push(("InputPath", Value::from(path.as_str()))),
        TargetInput::Transformer(transformer) => {
            let mut settings: Vec<(&str, Value)> = Vec::new();
            if !transformer.paths.is_empty() {
                settings.push(("InputPathsMap", input_paths(transformer)));
            }
            settings.push(("InputTemplate", Value::from(transformer.template.as_str())));
            shape.push(("InputTransformer", settings.into_iter().collect()));
        }
    }
    shape.push((
        "RetryPolicy",
        object! {
            "MaximumRetryAttempts" => target.retry_policy.maximum_retry_attempts,
            "MaximumEventAgeInSeconds" => target.retry_policy.maximum_event_age_seconds,
        },
    ));
    if let Some(queue_arn) = target
        .dead_letter_queue
        .queue_arn(&rule.region, &rule.account_id)
    {
        shape.push(("DeadLetterConfig", object! {"Arn" => queue_arn}));
    }
    match &target.parameters {
        TargetParameters::None => {}
        TargetParameters::SqsFifo { message_group_id } => shape.push((
            "SqsParameters",
            object! {"MessageGroupId" => message_group_id.as_str()},
        )),
        TargetParameters::Kinesis { partition_key_path } => shape.push((
            "KinesisParameters",
            object! {"PartitionKeyPath" => partition_key_path.as_str()},
        )),
        TargetParameters::Ecs(task) => {
            let mut ecs: Vec<(&str, Value)> = vec![
                (
                    "TaskDefinitionArn",
                    Value::from(task.task_definition_arn.trim()),
                ),
                ("TaskCount", Value::from(task.task_count)),
                ("LaunchType", Value::from(task.launch_type.as_aws())),
            ];
            if !task.subnets.is_empty() {
                let vpc_key = match dialect {
                    Dialect::Api => "awsvpcConfiguration",
                    Dialect::CloudFormation => "AwsVpcConfiguration",
                };
                let public_ip = if task.assign_public_ip {
                    "ENABLED"
                } else {
                    "DISABLED"
                };
                let mut vpc: Vec<(&str, Value)> =
                    vec![("Subnets", strings(task.subnets.iter().map(String::as_str)))];
                if !task.security_groups.is_empty() {
                    vpc.push((
                        "SecurityGroups",
                        strings(task.security_groups.iter().map(String::as_str)),
                    ));
                }
                vpc.push(("AssignPublicIp", Value::from(public_ip)));
                ecs.push((
                    "NetworkConfiguration",
                    object! {vpc_key => vpc.into_iter().collect::<Value>()},
                ));
            }
            shape.push(("EcsParameters", ecs.into_iter().collect()));
        }
    }
    shape.into_iter().collect()
}

/// One policy per dead-letter queue the rule uses (targets may share a queue).
struct QueuePolicy {
    queue_arn: String,
    queue_url: String,
    /// Same account as the rule: the export can attach the policy itself.
    same_account: bool,
    owner_account: String,
    /// The policy as the `rules` crate builds it (CloudFormation rewrites its source ARN).
    policy: serde_json::Value,
}

fn queue_policies(rule: &Rule) -> Vec<QueuePolicy> {
    let mut policies: Vec<QueuePolicy> = Vec::new();
    for target in &rule.targets {
        let Some(queue_arn) = target
            .dead_letter_queue
            .queue_arn(&rule.region, &rule.account_id)
        else {
            continue;
        };
        if policies.iter().any(|p| p.queue_arn == queue_arn) {
            continue;
        }
        let owner_account = aws_model::Arn::parse(&queue_arn)
            .map(|arn| arn.account().to_owned())
            .unwrap_or_default();
        policies.push(QueuePolicy {
            queue_url: crate::dlq::queue_url(&queue_arn).unwrap_or_default(),
            same_account: owner_account == rule.account_id,
            owner_account,
            policy: dead_letter_queue_policy(&queue_arn, &rule.arn()),
            queue_arn,
        });
    }
    policies
}

#[cfg(test)]
mod tests;
