//! Producing the body a target receives for one event, following EventBridge's substitution
//! rules for input paths and templates.

use std::fmt;

use serde_json::{Map, Value};

use super::json_path;
use super::template::{self, Slot, TemplateShape};
use super::{InputTransformer, TargetInput};

/// The facts about the delivering rule that predefined placeholders expand to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputContext {
    pub rule_name: String,
    pub rule_arn: String,
    /// ISO-8601 time EventBridge received the event, for `<aws.events.event.ingestion-time>`.
    pub ingestion_time: String,
}

/// EventBridge would not deliver anything for this event; the reason says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotDelivered {
    reason: String,
}

impl NotDelivered {
    fn new(reason: impl Into<String>) -> Self {
        NotDelivered {
            reason: reason.into(),
        }
    }
}

impl fmt::Display for NotDelivered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for NotDelivered {}

/// The body a target receives for `event` under `input`.
///
/// Expects a validated input; an invalid path or template gives [`NotDelivered`] rather than
/// a panic. Note that ECS task targets receive nothing for [`TargetInput::MatchedEvent`]; that
/// depends on the target kind and is not decided here.
pub fn apply_input(
    input: &TargetInput,
    event: &Value,
    context: &InputContext,
) -> Result<String, NotDelivered> {
    match input {
        TargetInput::MatchedEvent => Ok(event.to_string()),
        TargetInput::Constant { json } => Ok(json.clone()),
        TargetInput::InputPath { path } => {
            let steps = json_path::parse(path).map_err(NotDelivered::new)?;
            json_path::select(event, &steps)
                .map(Value::to_string)
                .ok_or_else(|| {
                    NotDelivered::new(format!(
                        "The input path {path} selects nothing in this event."
                    ))
                })
        }
        TargetInput::Transformer(transformer) => transform(transformer, event, context),
    }
}

fn transform(
    transformer: &InputTransformer,
    event: &Value,
    context: &InputContext,
) -> Result<String, NotDelivered> {
    let template = &transformer.template;
    let (shape, placeholders) = template::placeholders(template);
    let mut body = String::with_capacity(template.len());
    let mut copied = 0;
    for placeholder in &placeholders {
        body.push_str(&template[copied..placeholder.start]);
        let value = resolve(placeholder.name, transformer, event, context)?;
        write_value(&mut body, value.as_ref(), placeholder.slot);
        copied = placeholder.end;
    }
    body.push_str(&template[copied..]);
    if shape == TemplateShape::JsonDocument {
        // EventBridge drops the event when the filled-in template is not JSON (for example an
        // object placed inside quotes), without reporting an error anywhere.
        if let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(&body) {
            return Err(NotDelivered::new(format!(
                "The filled-in template is not valid JSON ({error}), so EventBridge drops the event."
            )));
        }
    }
    Ok(body)
}

fn resolve(
    name: &str,
    transformer: &InputTransformer,
    event: &Value,
    context: &InputContext,
) -> Result<Option<Value>, NotDelivered> {
    if let Some(entry) = transformer.paths.iter().find(|entry| entry.name == name) {
        let steps = json_path::parse(&entry.path).map_err(NotDelivered::new)?;
        return Ok(json_path::select(event, &steps).cloned());
    }
    let predefined = match name {
        "aws.events.rule-arn" => Value::String(context.rule_arn.clone()),
        "aws.events.rule-name" => Value::String(context.rule_name.clone()),
        "aws.events.event.ingestion-time" => Value::String(context.ingestion_time.clone()),
        "aws.events.event" => envelope_without_detail(event),
        "aws.events.event.json" => event.clone(),
        _ => {
            return Err(NotDelivered::new(format!(
                "The template uses <{name}>, which is neither a path name nor a predefined placeholder."
            )))
        }
    };
    Ok(Some(predefined))
}

/// `<aws.events.event>`: the envelope without `detail`, where AWS spells `detail-type` as
/// `detailType`.
fn envelope_without_detail(event: &Value) -> Value {
    let Some(fields) = event.as_object() else {
        return event.clone();
    };
    let envelope: Map<String, Value> = fields
        .iter()
        .filter(|(key, _)| key.as_str() != "detail")
        .map(|(key, value)| {
            let key = if key == "detail-type" {
                "detailType"
            } else {
                key
            };
            (key.to_owned(), value.clone())
        })
        .collect();
    Value::Object(envelope)
}

/// Writes one value the way its slot asks. Values are never escaped: EventBridge inserts
/// extracted strings as they are, so a value holding a quote can break the surrounding JSON.
fn write_value(body: &mut String, value: Option<&Value>, slot: Slot) {
    match (slot, value) {
        // A missing value is an empty JSON string where a value belongs, nothing elsewhere.
        (Slot::JsonValue | Slot::ObjectKey, None) => body.push_str("\"\""),
        (_, None) => {}
        (Slot::JsonValue | Slot::ObjectKey, Some(value)) => body.push_str(&value.to_string()),
        (_, Some(Value::String(text))) => body.push_str(text),
        // In a text template objects and arrays lose all their double quotes.
        (Slot::Text, Some(value @ (Value::Object(_) | Value::Array(_)))) => {
            body.extend(value.to_string().chars().filter(|&c| c != '"'))
        }
        (_, Some(value)) => body.push_str(&value.to_string()),
    }
}
