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

use serde_json::{json, Map, Value};

use crate::{dead_letter_queue_policy, Rule, Target, TargetInput, TargetKind, TargetParameters};

pub use cli::{aws_cli, test_event_pattern_command};
pub use cloudformation::{cloudformation_json, cloudformation_yaml};
pub use terraform::terraform;

/// The pattern as a JSON value for templates; the text itself if it is not JSON (which a
/// validated pattern always is once the matcher checks it).
fn pattern_value(rule: &Rule) -> Value {
    serde_json::from_str(&rule.event_pattern)
        .unwrap_or_else(|_| Value::String(rule.event_pattern.clone()))
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
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "events.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }],
    })
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
    let mut statements = vec![json!({"Effect": "Allow", "Action": actions, "Resource": resource})];
    if target.kind == TargetKind::EcsTask {
        statements.push(json!({
            "Effect": "Allow",
            "Action": "iam:PassRole",
            "Resource": "*",
            "Condition": {"StringLike": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}},
        }));
    }
    json!({"Version": "2012-10-17", "Statement": statements})
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
    let mut shape = Map::new();
    shape.insert("Id".into(), json!(target.id));
    shape.insert("Arn".into(), json!(target.arn.trim()));
    if let Some(role_arn) = role_arn {
        shape.insert("RoleArn".into(), role_arn);
    }
    match &target.input {
        TargetInput::MatchedEvent => {}
        TargetInput::Constant { json } => {
            shape.insert("Input".into(), json!(json));
        }
        TargetInput::InputPath { path } => {
            shape.insert("InputPath".into(), json!(path));
        }
        TargetInput::Transformer(transformer) => {
            let paths: Map<String, Value> = transformer
                .paths
                .iter()
                .map(|entry| (entry.name.clone(), json!(entry.path)))
                .collect();
            let mut settings = Map::new();
            if !paths.is_empty() {
                settings.insert("InputPathsMap".into(), Value::Object(paths));
            }
            settings.insert("InputTemplate".into(), json!(transformer.template));
            shape.insert("InputTransformer".into(), Value::Object(settings));
        }
    }
    shape.insert(
        "RetryPolicy".into(),
        json!({
            "MaximumRetryAttempts": target.retry_policy.maximum_retry_attempts,
            "MaximumEventAgeInSeconds": target.retry_policy.maximum_event_age_seconds,
        }),
    );
    if let Some(queue_arn) = target
        .dead_letter_queue
        .queue_arn(&rule.region, &rule.account_id)
    {
        shape.insert("DeadLetterConfig".into(), json!({"Arn": queue_arn}));
    }
    match &target.parameters {
        TargetParameters::None => {}
        TargetParameters::SqsFifo { message_group_id } => {
            shape.insert(
                "SqsParameters".into(),
                json!({"MessageGroupId": message_group_id}),
            );
        }
        TargetParameters::Kinesis { partition_key_path } => {
            shape.insert(
                "KinesisParameters".into(),
                json!({"PartitionKeyPath": partition_key_path}),
            );
        }
        TargetParameters::Ecs(task) => {
            let mut ecs = Map::new();
            ecs.insert(
                "TaskDefinitionArn".into(),
                json!(task.task_definition_arn.trim()),
            );
            ecs.insert("TaskCount".into(), json!(task.task_count));
            ecs.insert("LaunchType".into(), json!(task.launch_type.as_aws()));
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
                let mut vpc = json!({"Subnets": task.subnets, "AssignPublicIp": public_ip});
                if !task.security_groups.is_empty() {
                    vpc["SecurityGroups"] = json!(task.security_groups);
                }
                ecs.insert("NetworkConfiguration".into(), json!({ vpc_key: vpc }));
            }
            shape.insert("EcsParameters".into(), Value::Object(ecs));
        }
    }
    Value::Object(shape)
}

/// One policy per dead-letter queue the rule uses (targets may share a queue).
struct QueuePolicy {
    queue_arn: String,
    queue_url: String,
    /// Same account as the rule: the export can attach the policy itself.
    same_account: bool,
    owner_account: String,
    policy: Value,
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
