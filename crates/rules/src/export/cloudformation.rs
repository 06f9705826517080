//! A CloudFormation template with an `AWS::Events::Rule`, in JSON and YAML.

use serde_json::{json, Map, Value};

use super::yaml::to_yaml;
use super::{
    created_role_name, pattern_value, queue_policies, role_permissions, target_shape, trust_policy,
    Dialect,
};
use crate::{FieldErrors, RoleChoice, Rule};

pub fn cloudformation_json(rule: &Rule) -> Result<String, FieldErrors> {
    let template = template(rule)?;
    // Serializing a `Value` cannot fail.
    Ok(serde_json::to_string_pretty(&template).unwrap_or_default() + "\n")
}

pub fn cloudformation_yaml(rule: &Rule) -> Result<String, FieldErrors> {
    Ok(to_yaml(&template(rule)?))
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

fn template(rule: &Rule) -> Result<Value, FieldErrors> {
    rule.validate()?;
    let rule_id = logical_id(&rule.name);
    let mut resources = Map::new();

    let mut targets = Vec::new();
    for (index, target) in rule.targets.iter().enumerate() {
        let role_arn = match &target.role {
            RoleChoice::None => None,
            RoleChoice::Existing { role_arn } => Some(json!(role_arn.trim())),
            RoleChoice::CreateNew => {
                let role_id = format!("{rule_id}Target{}Role", index + 1);
                let role_name = created_role_name(rule, index);
                resources.insert(
                    role_id.clone(),
                    json!({
                        "Type": "AWS::IAM::Role",
                        "Properties": {
                            "RoleName": role_name,
                            "AssumeRolePolicyDocument": trust_policy(),
                            "Policies": [{
                                "PolicyName": role_name,
                                "PolicyDocument": role_permissions(target),
                            }],
                        },
                    }),
                );
                Some(json!({"Fn::GetAtt": [role_id, "Arn"]}))
            }
        };
        targets.push(target_shape(
            rule,
            target,
            role_arn,
            Dialect::CloudFormation,
        ));
    }

    let mut properties = Map::new();
    properties.insert("Name".into(), json!(rule.name));
    if !rule.description.is_empty() {
        properties.insert("Description".into(), json!(rule.description));
    }
    properties.insert("EventBusName".into(), json!(rule.event_bus));
    properties.insert("EventPattern".into(), pattern_value(rule));
    properties.insert("State".into(), json!(rule.state.as_aws()));
    if !targets.is_empty() {
        properties.insert("Targets".into(), Value::Array(targets));
    }
    resources.insert(
        rule_id.clone(),
        json!({"Type": "AWS::Events::Rule", "Properties": properties}),
    );

    let mut metadata = Map::new();
    let mut other_account_policies = Vec::new();
    for (number, queue) in queue_policies(rule).into_iter().enumerate() {
        if queue.same_account {
            let mut policy = queue.policy;
            policy["Statement"][0]["Condition"]["ArnEquals"]["aws:SourceArn"] =
                json!({"Fn::GetAtt": [rule_id, "Arn"]});
            resources.insert(
                format!("{rule_id}DeadLetterQueuePolicy{}", number + 1),
                json!({
                    "Type": "AWS::SQS::QueuePolicy",
                    "Properties": {"Queues": [queue.queue_url], "PolicyDocument": policy},
                }),
            );
        } else {
            other_account_policies.push(json!({
                "QueueArn": queue.queue_arn,
                "OwnerAccount": queue.owner_account,
                "PolicyDocument": queue.policy,
            }));
        }
    }
    if !other_account_policies.is_empty() {
        metadata.insert(
            "DeadLetterQueuePoliciesForOtherAccounts".into(),
            json!({
                "Note": "These queues belong to other accounts; their owners must attach these policies.",
                "Policies": other_account_policies,
            }),
        );
    }
    if !rule.tags.is_empty() {
        let tags: Vec<Value> = rule
            .tags
            .iter()
            .map(|tag| json!({"Key": tag.key, "Value": tag.value}))
            .collect();
        metadata.insert(
            "RuleTags".into(),
            json!({
                "Note": "AWS::Events::Rule has no Tags property; add these after deploying, e.g. with aws events tag-resource.",
                "Tags": tags,
            }),
        );
    }

    let mut template = Map::new();
    template.insert("AWSTemplateFormatVersion".into(), json!("2010-09-09"));
    template.insert(
        "Description".into(),
        json!(format!(
            "EventBridge rule {} on event bus {} (made for {}, account {}).",
            rule.name, rule.event_bus, rule.region, rule.account_id
        )),
    );
    if !metadata.is_empty() {
        template.insert("Metadata".into(), Value::Object(metadata));
    }
    template.insert("Resources".into(), Value::Object(resources));
    template.insert(
        "Outputs".into(),
        json!({"RuleArn": {"Value": {"Fn::GetAtt": [rule_id, "Arn"]}}}),
    );
    Ok(Value::Object(template))
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
