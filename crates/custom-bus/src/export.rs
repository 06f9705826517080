//! Subscribers as CloudFormation (`AWS::EventsV2::Subscriber`, JSON and YAML) and as
//! `aws eventsv2 create-subscriber` commands.
//!
//! Sources: the resource's properties and their nesting
//! (<https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-eventsv2-subscriber.html>,
//! <https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-eventsv2-subscriber-filterconfiguration.html>);
//! the CLI's `eventsv2` namespace
//! (<https://docs.amazonaws.cn/en_us/eventbridge/latest/userguide/eb-custom-bus-names.md>) with
//! the AWS CLI's usual kebab-case options for the `CreateSubscriber` members.
//!
//! Patterns and expressions are strings holding the user's text exactly as written: they are
//! never parsed and re-serialized, so key order, spacing and number digits survive.

use crate::doc::Doc;
use crate::subscriber::{
    PointType, StartingPosition, SubscriberSpec, SubscriberState, SubscriberType,
};
use crate::transform::TransformerType;

/// The request members of a subscriber, in CloudFormation's property names (which are the
/// API's), in a fixed order. Members left at their defaults are left out.
fn members(spec: &SubscriberSpec) -> Vec<(&'static str, Doc)> {
    let mut out: Vec<(&'static str, Doc)> = vec![
        ("Name", Doc::str(&spec.name)),
        ("EventBusArn", Doc::str(&spec.event_bus_arn)),
        (
            "InvokeConfiguration",
            Doc::object([
                ("TargetArn", Doc::str(&spec.invoke.target_arn)),
                ("RoleArn", Doc::str(&spec.invoke.role_arn)),
            ]),
        ),
    ];
    if let Some(config) = &spec.filter_configuration {
        out.push((
            "FilterConfiguration",
            Doc::object([(
                "Filters",
                Doc::Array(
                    config
                        .filters
                        .iter()
                        .map(|f| {
                            Doc::object([
                                ("Scope", Doc::str(f.scope.as_str())),
                                ("Pattern", Doc::str(&f.pattern)),
                            ])
                        })
                        .collect(),
                ),
            )]),
        ));
    }
    if let Some(transformer) = &spec.transformer {
        let mut t = vec![("Type".to_owned(), Doc::str(transformer.kind.as_str()))];
        if let Some(expression) = &transformer.jsonata_expression {
            t.push((
                "JsonataConfiguration".into(),
                Doc::object([("Expression", Doc::str(expression))]),
            ));
        }
        if transformer.kind != TransformerType::Raw || transformer.jsonata_expression.is_some() {
            out.push(("Transformer", Doc::Object(t)));
        }
    }
    if let Some(policy) = &spec.retry_policy {
        let mut p = Vec::new();
        if let Some(attempts) = policy.max_retry_attempts {
            p.push(("MaxRetryAttempts".to_owned(), Doc::int(attempts)));
        }
        if let Some(age) = policy.max_event_age_seconds {
            p.push(("MaxEventAgeInSeconds".to_owned(), Doc::int(age)));
        }
        if !p.is_empty() {
            out.push(("RetryPolicy", Doc::Object(p)));
        }
    }
    if let Some(arn) = &spec.on_failure_arn {
        out.push((
            "OnFailureConfiguration",
            Doc::object([("Arn", Doc::str(arn))]),
        ));
    }
    if let Some(batch) = &spec.batch {
        let mut b = Vec::new();
        if let Some(size) = batch.max_batch_size {
            b.push(("MaxBatchSize".to_owned(), Doc::int(size)));
        }
        if let Some(window) = batch.max_batch_window_seconds {
            b.push(("MaxBatchWindowInSeconds".to_owned(), Doc::int(window)));
        }
        if !b.is_empty() {
            out.push(("BatchConfiguration", Doc::Object(b)));
        }
    }
    if spec.kind != SubscriberType::Unordered {
        out.push(("Type", Doc::str(spec.kind.as_str())));
    }
    if spec.starting_position != StartingPosition::Latest {
        out.push((
            "StartingPosition",
            Doc::str(spec.starting_position.as_str()),
        ));
    }
    if let Some(point) = &spec.point_in_time {
        let mut p = vec![("PointType".to_owned(), Doc::str(point.point_type.as_str()))];
        if point.point_type == PointType::Timestamp {
            if let Some(start) = point.starting_point_ms {
                p.push(("StartingPoint".into(), Doc::int(start / 1000)));
            }
        }
        if let Some(end) = point.end_point_ms {
            p.push(("EndPoint".into(), Doc::int(end / 1000)));
        }
        out.push(("PointInTimeConfiguration", Doc::Object(p)));
    }
    if spec.state != SubscriberState::Running {
        out.push(("State", Doc::str(spec.state.as_str())));
    }
    out
}

/// A template with one `AWS::EventsV2::Subscriber` per `(logical id, subscriber)`.
pub fn cloudformation_template(subscribers: &[(String, &SubscriberSpec)]) -> Doc {
    let resources = subscribers
        .iter()
        .map(|(logical_id, spec)| {
            (
                logical_id.clone(),
                Doc::object([
                    ("Type", Doc::str("AWS::EventsV2::Subscriber")),
                    ("Properties", Doc::object(members(spec))),
                ]),
            )
        })
        .collect::<Vec<_>>();
    Doc::object([
        ("AWSTemplateFormatVersion", Doc::str("2010-09-09")),
        ("Resources", Doc::Object(resources)),
    ])
}

/// A CloudFormation logical id from a name: letters and digits only, starting with a letter.
pub fn logical_id(name: &str) -> String {
    let mut id = String::new();
    let mut upper = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                id.extend(c.to_uppercase());
            } else {
                id.push(c);
            }
            upper = false;
        } else {
            upper = true;
        }
    }
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.insert_str(0, "Subscriber");
    }
    id.truncate(255);
    id
}

/// `text` as one POSIX shell word: single-quoted, with `'` written as `'\''`.
pub fn shell_quote(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c));
    if safe {
        return text.to_owned();
    }
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// The `aws eventsv2 create-subscriber` command for a subscriber, one option per line.
/// Structured members are passed as JSON; patterns stay the user's text inside them.
pub fn cli_command(spec: &SubscriberSpec) -> String {
    let mut words = vec!["aws eventsv2 create-subscriber".to_owned()];
    for (member, value) in members(spec) {
        let option = kebab(member);
        let argument = match &value {
            Doc::String(text) => text.clone(),
            other => other.to_json(),
        };
        words.push(format!("--{option} {}", shell_quote(&argument)));
    }
    words.join(" \\\n  ")
}

/// `EventBusArn` → `event-bus-arn`.
fn kebab(member: &str) -> String {
    let mut out = String::new();
    for (i, c) in member.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests;
