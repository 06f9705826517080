//! AWS CLI commands that create a rule and its targets.

use event_pattern::json::Value;

use super::shell::{command, option};
use super::{
    created_role_name, object, queue_policies, role_permissions, target_shape, trust_policy,
    Dialect,
};
use crate::{FieldErrors, RoleChoice, Rule};

/// `aws iam` commands for roles to create, `aws events put-rule` and `put-targets`, and
/// `aws sqs set-queue-attributes` for each dead-letter queue's policy.
pub fn aws_cli(rule: &Rule) -> Result<String, FieldErrors> {
    rule.validate()?;
    let mut script = format!(
        "# EventBridge rule {} on event bus {} ({}, account {})\n",
        rule.name, rule.event_bus, rule.region, rule.account_id
    );

    let mut targets = Vec::new();
    for (index, target) in rule.targets.iter().enumerate() {
        let role_arn = match &target.role {
            RoleChoice::None => None,
            RoleChoice::Existing { role_arn } => Some(Value::from(role_arn.trim())),
            RoleChoice::CreateNew => {
                let role_name = created_role_name(rule, index);
                script.push_str(&format!(
                    "\n# The role EventBridge assumes to reach target {}.\n",
                    target.id
                ));
                script.push_str(&command(
                    "aws iam create-role",
                    &[
                        option("--role-name", &role_name),
                        option("--assume-role-policy-document", &trust_policy().to_string()),
                    ],
                ));
                script.push_str(&command(
                    "aws iam put-role-policy",
                    &[
                        option("--role-name", &role_name),
                        option("--policy-name", &role_name),
                        option("--policy-document", &role_permissions(target).to_string()),
                    ],
                ));
                Some(Value::from(format!(
                    "arn:{}:iam::{}:role/{role_name}",
                    rule.partition(),
                    rule.account_id
                )))
            }
        };
        targets.push(target_shape(rule, target, role_arn, Dialect::Api));
    }

    let mut put_rule = vec![
        option("--region", &rule.region),
        option("--name", &rule.name),
        option("--event-bus-name", &rule.event_bus),
        // The user's own text: the shell passes it through unchanged.
        option("--event-pattern", rule.event_pattern.trim()),
        option("--state", rule.state.as_aws()),
    ];
    if !rule.description.is_empty() {
        put_rule.push(option("--description", &rule.description));
    }
    if !rule.tags.is_empty() {
        let tags: Vec<Value> = rule
            .tags
            .iter()
            .map(|tag| object! {"Key" => tag.key.as_str(), "Value" => tag.value.as_str()})
            .collect();
        put_rule.push(option("--tags", &Value::from(tags).to_string()));
    }
    script.push_str(
        "\n# The rule. PutRule replaces a rule of the same name and ignores tags when it does.\n",
    );
    script.push_str(&command("aws events put-rule", &put_rule));

    if !targets.is_empty() {
        script.push_str("\n# Its targets.\n");
        script.push_str(&command(
            "aws events put-targets",
            &[
                option("--region", &rule.region),
                option("--rule", &rule.name),
                option("--event-bus-name", &rule.event_bus),
                option("--targets", &Value::from(targets).to_string()),
            ],
        ));
    }

    for queue in queue_policies(rule) {
        let who = if queue.same_account {
            "Run it in this account.".to_owned()
        } else {
            format!(
                "Run it with the credentials of account {}, which owns the queue.",
                queue.owner_account
            )
        };
        script.push_str(&format!(
            "\n# Lets this rule send failed events to {}. It replaces the queue's current policy. {who}\n",
            queue.queue_arn
        ));
        let attributes = object! {"Policy" => queue.policy.to_string()};
        script.push_str(&command(
            "aws sqs set-queue-attributes",
            &[
                option("--region", &rule.region),
                option("--queue-url", &queue.queue_url),
                option("--attributes", &attributes.to_string()),
            ],
        ));
    }
    Ok(script)
}

/// `aws events test-event-pattern` for a pattern and an event, each passed as written.
pub fn test_event_pattern_command(event_pattern: &str, event: &str) -> String {
    command(
        "aws events test-event-pattern",
        &[
            option("--event-pattern", event_pattern.trim()),
            option("--event", event.trim()),
        ],
    )
}
