//! Terraform configuration: `aws_cloudwatch_event_rule` and one `aws_cloudwatch_event_target`
//! per target, plus created roles and dead-letter-queue policies.

use std::fmt::Write as _;

use event_pattern::json::{Layout, Value};

use super::hcl_syntax::{heredoc, identifier, string, value};
use super::{
    created_role_name, input_paths, pattern_text, queue_policies, queue_policy_document,
    role_permissions, trust_policy,
};
use crate::{FieldErrors, RoleChoice, Rule, Target, TargetInput, TargetParameters};

/// A block being written line by line, tracking the indentation of nested blocks.
struct Block {
    text: String,
    indent: usize,
}

impl Block {
    fn open(header: &str) -> Self {
        Block {
            text: format!("{header} {{\n"),
            indent: 2,
        }
    }

    fn attribute(&mut self, name: &str, expression: &str) {
        let _ = writeln!(
            self.text,
            "{}{name} = {expression}",
            " ".repeat(self.indent)
        );
    }

    fn nested(&mut self, name: &str) {
        let _ = writeln!(self.text, "{}{name} {{", " ".repeat(self.indent));
        self.indent += 2;
    }

    fn end_nested(&mut self) {
        self.indent -= 2;
        let _ = writeln!(self.text, "{}}}", " ".repeat(self.indent));
    }

    fn close(mut self) -> String {
        self.text.push_str("}\n");
        self.text
    }
}

/// `jsonencode(...)` of one of the export's own documents (policies). Terraform's `jsonencode`
/// sorts object keys, so it is never used for user JSON whose order matters (the pattern).
fn jsonencode(json: &Value, indent: usize) -> String {
    format!("jsonencode({})", value(json, indent))
}

fn string_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| string(item.trim())).collect();
    format!("[{}]", quoted.join(", "))
}

pub fn terraform(rule: &Rule) -> Result<String, FieldErrors> {
    rule.validate()?;
    let rule_id = identifier(&rule.name);
    let rule_ref = format!("aws_cloudwatch_event_rule.{rule_id}");
    let mut out = format!(
        "# EventBridge rule {} on event bus {} ({}, account {})\n\n",
        rule.name, rule.event_bus, rule.region, rule.account_id
    );

    let mut provider = Block::open("provider \"aws\"");
    provider.attribute("region", &string(&rule.region));
    out.push_str(&provider.close());

    let mut block = Block::open(&format!(
        "resource \"aws_cloudwatch_event_rule\" \"{rule_id}\""
    ));
    block.attribute("name", &string(&rule.name));
    if !rule.description.is_empty() {
        block.attribute("description", &string(&rule.description));
    }
    block.attribute("event_bus_name", &string(&rule.event_bus));
    block.attribute("state", &string(rule.state.as_aws()));
    // The pattern as written (indented), in a heredoc: a string Terraform passes on unchanged.
    let pattern = pattern_text(rule, Layout::Pretty);
    let pattern = heredoc(&pattern, "PATTERN", 2).unwrap_or_else(|| string(&pattern));
    block.attribute("event_pattern", &pattern);
    if !rule.tags.is_empty() {
        let tags: Value = rule
            .tags
            .iter()
            .map(|tag| (tag.key.as_str(), Value::from(tag.value.as_str())))
            .collect();
        block.attribute("tags", &value(&tags, 2));
    }
    out.push('\n');
    out.push_str(&block.close());

    for (index, target) in rule.targets.iter().enumerate() {
        let target_id = format!("{rule_id}_target_{}", index + 1);
        let role_arn = match &target.role {
            RoleChoice::None => None,
            RoleChoice::Existing { role_arn } => Some(string(role_arn.trim())),
            RoleChoice::CreateNew => {
                out.push('\n');
                out.push_str(&created_role(rule, index, target, &target_id));
                Some(format!("aws_iam_role.{target_id}.arn"))
            }
        };
        out.push('\n');
        out.push_str(&target_block(rule, target, &target_id, &rule_ref, role_arn));
    }

    for (number, queue) in queue_policies(rule).into_iter().enumerate() {
        out.push('\n');
        if queue.same_account {
            let mut block = Block::open(&format!(
                "resource \"aws_sqs_queue_policy\" \"{rule_id}_dead_letter_queue_{}\"",
                number + 1
            ));
            block.attribute("queue_url", &string(&queue.queue_url));
            block.attribute(
                "policy",
                &jsonencode(&queue_policy_document(&queue.policy), 2),
            );
            out.push_str("# Replaces the queue's current policy.\n");
            out.push_str(&block.close());
        } else {
            let _ = writeln!(
                out,
                "# The dead-letter queue {} belongs to account {}; its owner must attach this policy:\n# {}",
                queue.queue_arn, queue.owner_account, queue.policy
            );
        }
    }
    Ok(out)
}

fn created_role(rule: &Rule, index: usize, target: &Target, resource_id: &str) -> String {
    let role_name = created_role_name(rule, index);
    let mut role = Block::open(&format!("resource \"aws_iam_role\" \"{resource_id}\""));
    role.attribute("name", &string(&role_name));
    role.attribute("assume_role_policy", &jsonencode(&trust_policy(), 2));
    let mut policy = Block::open(&format!(
        "resource \"aws_iam_role_policy\" \"{resource_id}\""
    ));
    policy.attribute("name", &string(&role_name));
    policy.attribute("role", &format!("aws_iam_role.{resource_id}.id"));
    policy.attribute("policy", &jsonencode(&role_permissions(target), 2));
    format!("{}\n{}", role.close(), policy.close())
}

fn target_block(
    rule: &Rule,
    target: &Target,
    resource_id: &str,
    rule_ref: &str,
    role_arn: Option<String>,
) -> String {
    let mut block = Block::open(&format!(
        "resource \"aws_cloudwatch_event_target\" \"{resource_id}\""
    ));
    block.attribute("rule", &format!("{rule_ref}.name"));
    block.attribute("event_bus_name", &format!("{rule_ref}.event_bus_name"));
    block.attribute("target_id", &string(&target.id));
    block.attribute("arn", &string(target.arn.trim()));
    if let Some(role_arn) = role_arn {
        block.attribute("role_arn", &role_arn);
    }
    match &target.input {
        TargetInput::MatchedEvent => {}
        TargetInput::Constant { json } => block.attribute("input", &string(json)),
        TargetInput::InputPath { path } => block.attribute("input_path", &string(path)),
        TargetInput::Transformer(transformer) => {
            block.nested("input_transformer");
            if !transformer.paths.is_empty() {
                block.attribute("input_paths", &value(&input_paths(transformer), 4));
            }
            block.attribute("input_template", &string(&transformer.template));
            block.end_nested();
        }
    }
    block.nested("retry_policy");
    block.attribute(
        "maximum_event_age_in_seconds",
        &target.retry_policy.maximum_event_age_seconds.to_string(),
    );
    block.attribute(
        "maximum_retry_attempts",
        &target.retry_policy.maximum_retry_attempts.to_string(),
    );
    block.end_nested();
    if let Some(queue_arn) = target
        .dead_letter_queue
        .queue_arn(&rule.region, &rule.account_id)
    {
        block.nested("dead_letter_config");
        block.attribute("arn", &string(&queue_arn));
        block.end_nested();
    }
    match &target.parameters {
        TargetParameters::None => {}
        TargetParameters::SqsFifo { message_group_id } => {
            block.nested("sqs_target");
            block.attribute("message_group_id", &string(message_group_id));
            block.end_nested();
        }
        TargetParameters::Kinesis { partition_key_path } => {
            block.nested("kinesis_target");
            block.attribute("partition_key_path", &string(partition_key_path));
            block.end_nested();
        }
        TargetParameters::Ecs(task) => {
            block.nested("ecs_target");
            block.attribute(
                "task_definition_arn",
                &string(task.task_definition_arn.trim()),
            );
            block.attribute("task_count", &task.task_count.to_string());
            block.attribute("launch_type", &string(task.launch_type.as_aws()));
            if !task.subnets.is_empty() {
                block.nested("network_configuration");
                block.attribute("subnets", &string_list(&task.subnets));
                if !task.security_groups.is_empty() {
                    block.attribute("security_groups", &string_list(&task.security_groups));
                }
                block.attribute("assign_public_ip", &task.assign_public_ip.to_string());
                block.end_nested();
            }
            block.end_nested();
        }
    }
    block.close()
}
