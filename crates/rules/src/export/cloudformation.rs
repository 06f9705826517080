//! A CloudFormation template with an `AWS::Events::Rule`, in JSON and YAML.

use event_pattern::json::{Layout, Value};
use serde_json::json;

use super::yaml::to_yaml;
use super::{
    created_role_name, object, pattern_text, queue_policies, queue_policy_document,
    role_permissions, target_shape, trust_policy, Dialect,
};
use crate::{FieldErrors, RoleChoice, Rule};

/// The template as JSON. `EventPattern` is the pattern's compact text as a string.
pub fn cloudformation_json(rule: &Rule) -> Result<String, FieldErrors> {
    Ok(template(rule, Layout::Compact)?.to_json(Layout::Pretty) + "\n")
}

/// The template as YAML. `EventPattern` is the pattern's indented text as a literal block.
pub fn cloudformation_yaml(rule: &Rule) -> Result<String, FieldErrors> {
    Ok(to_yaml(&template(rule, Layout::Pretty)?))
}

/// `orders-to-sqs.v2` -> `OrdersToSqsV2Rule`: logical ids are letters and digits only.
fn logical_id(rule_name: &str) -> String {
    let mut id = String::new();
    let mut upper_next = true;
    for c in rule_name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(if upper_next {
                c.to_ascii_uppercase()
            } else {
                c
            });
            upper_next = false;
        } else {
            upper_next = true;
        }
    }
    id.push_str("Rule");
    id
}

/// The template; `pattern_layout` is how the pattern string is laid out.
fn template(rule: &Rule, pattern_layout: Layout) -> Result<Value, FieldErrors> {
    rule.validate()?;
    let rule_id = logical_id(&rule.name);
    let mut resources: Vec<(String, Value)> = Vec::new();

    let mut targets = Vec::new();
    for (index, target) in rule.targets.iter().enumerate() {
        let role_arn = match &target.role {
            RoleChoice::None => None,
            RoleChoice::Existing { role_arn } => Some(Value::from(role_arn.trim())),
            RoleChoice::CreateNew => {
                let role_id = format!("{rule_id}Target{}Role", index + 1);
                let role_name = created_role_name(rule, index);
                resources.push((
                    role_id.clone(),
                    object! {
                        "Type" => "AWS::IAM::Role",
                        "Properties" => object! {
                            "RoleName" => role_name.as_str(),
                            "AssumeRolePolicyDocument" => trust_policy(),
                            "Policies" => vec![object! {
                                "PolicyName" => role_name.as_str(),
                                "PolicyDocument" => role_permissions(target),
                            }],
                        },
                    },
                ));
                Some(get_arn(&role_id))
            }
        };
        targets.push(target_shape(
            rule,
            target,
            role_arn,
            Dialect::CloudFormation,
        ));
    }

    let mut properties: Vec<(&str, Value)> = vec![("Name", Value::from(rule.name.as_str()))];
    if !rule.description.is_empty() {
        properties.push(("Description", Value::from(rule.description.as_str())));
    }
    properties.push(("EventBusName", Value::from(rule.event_bus.as_str())));
    properties.push((
        "EventPattern",
        Value::from(pattern_text(rule, pattern_layout)),
    ));
    properties.push(("State", Value::from(rule.state.as_aws())));
    if !targets.is_empty() {
        properties.push(("Targets", Value::from(targets)));
    }
    resources.push((
        rule_id.clone(),
        object! {
            "Type" => "AWS::Events::Rule",
            "Properties" => properties.into_iter().collect::<Value>(),
        },
    ));

    let mut metadata: Vec<(&str, Value)> = Vec::new();
    let mut other_account_policies = Vec::new();
    for (number, queue) in queue_policies(rule).into_iter().enumerate() {
        if queue.same_account {
            let mut policy = queue.policy;
            policy["Statement"][0]["Condition"]["ArnEquals"]["aws:SourceArn"] =
                json!({"Fn::GetAtt": [rule_id, "Arn"]});
            resources.push((
                format!("{rule_id}DeadLetterQueuePolicy{}", number + 1),
                object! {
                    "Type" => "AWS::SQS::QueuePolicy",
                    "Properties" => object! {
                        "Queues" => vec![Value::from(queue.queue_url)],
                        "PolicyDocument" => queue_policy_document(&policy),
                    },
                },
            ));
        } else {
            other_account_policies.push(object! {
                "QueueArn" => queue.queue_arn,
                "OwnerAccount" => queue.owner_account,
                "PolicyDocument" => queue_policy_document(&queue.policy),
            });
        }
    }
    if !other_account_policies.is_empty() {
        metadata.push((
            "DeadLetterQueuePoliciesForOtherAccounts",
            object! {
                "Note" => "These queues belong to other accounts; their owners must attach these policies.",
                "Policies" => other_account_policies,
            },
        ));
    }
    if !rule.tags.is_empty() {
        let tags: Vec<Value> = rule
            .tags
            .iter()
            .map(|tag| object! {"Key" => tag.key.as_str(), "Value" => tag.value.as_str()})
            .collect();
        metadata.push((
            "RuleTags",
            object! {
                "Note" => "AWS::Events::Rule has no Tags property; add these after deploying, e.g. with aws events tag-resource.",
                "Tags" => tags,
            },
        ));
    }

    let mut template: Vec<(&str, Value)> = vec![
        ("AWSTemplateFormatVersion", Value::from("2010-09-09")),
        (
            "Description",
            Value::from(format!(
                "EventBridge rule {} on event bus {} (made for {}, account {}).",
                rule.name, rule.event_bus, rule.region, rule.account_id
            )),
        ),
    ];
    if !metadata.is_empty() {
        template.push(("Metadata", metadata.into_iter().collect()));
    }
    template.push(("Resources", resources.into_iter().collect()));
    template.push((
        "Outputs",
        object! {"RuleArn" => object! {"Value" => get_arn(&rule_id)}},
    ));
    Ok(template.into_iter().collect())
}

/// `{"Fn::GetAtt": [logical_id, "Arn"]}`
fn get_arn(logical_id: &str) -> Value {
    object! {"Fn::GetAtt" => vec![Value::from(logical_id), Value::from("Arn")]}
}

#[cfg(test)]
mod tests {
    use super::logical_id;

    #[test]
    fn logical_ids_are_alphanumeric() {
        let table = [
            ("orders", "OrdersRule"),
            ("orders-to-sqs.v2", "OrdersToSqsV2Rule"),
            ("_x__y", "XYRule"),
            ("1st", "1stRule"),
        ];
        for (name, id) in table {
            assert_eq!(logical_id(name), id, "{name}");
        }
    }
}
