//! Producing the body a target receives for one event, following EventBridge's substitution
//! rules for input paths and templates.

use std::borrow::Cow;
use std::fmt;

use event_pattern::json::{self, Layout, Value, ValueKind};

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

/// The body a target receives for the event `event_json` under `input`.
///
/// What comes from the event keeps its key order and its numbers' digits: it is written from the
/// matcher's JSON reading of the event (a repeated key keeps its first place and its last value,
/// as EventBridge reads events), never through a sorted map. Expects a validated input; an
/// invalid path or template, or an event that is not JSON, gives [`NotDelivered`] rather than a
/// panic. Note that ECS task targets receive nothing for [`TargetInput::MatchedEvent`]; that
/// depends on the target kind and is not decided here.
pub fn apply_input(
    input: &TargetInput,
    event_json: &str,
    context: &InputContext,
) -> Result<String, NotDelivered> {
    let event = || {
        json::parse(event_json)
            .map_err(|error| NotDelivered::new(format!("The event is not JSON: {error}.")))
    };
    match input {
        TargetInput::Constant { json } => Ok(json.clone()),
        TargetInput::MatchedEvent => Ok(event()?.to_json(Layout::Compact)),
        TargetInput::InputPath { path } => {
            let steps = json_path::parse(path).map_err(NotDelivered::new)?;
            json_path::select(&event()?, &steps)
                .map(|value| value.to_json(Layout::Compact))
                .ok_or_else(|| {
                    NotDelivered::new(format!(
                        "The input path {path} selects nothing in this event."
                    ))
                })
        }
        TargetInput::Transformer(transformer) => transform(transformer, &event()?, context),
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
        write_value(&mut body, value.as_deref(), placeholder.slot);
        copied = placeholder.end;
    }
    body.push_str(&template[copied..]);
    if shape == TemplateShape::JsonDocument {
        // EventBridge drops the event when the filled-in template is not JSON (for example an
        // object placed inside quotes), without reporting an error anywhere.
        if let Err(error) = json::parse(&body) {
            return Err(NotDelivered::new(format!(
                "The filled-in template is not valid JSON ({error}), so EventBridge drops the event."
            )));
        }
    }
    Ok(body)
}

fn resolve<'e>(
    name: &str,
    transformer: &InputTransformer,
    event: &'e Value,
    context: &InputContext,
) -> Result<Option<Cow<'e, Value>>, NotDelivered> {
    if let Some(entry) = transformer.paths.iter().find(|entry| entry.name == name) {
        let steps = json_path::parse(&entry.path).map_err(NotDelivered::new)?;
        return Ok(json_path::select(event, &steps).map(Cow::Borrowed));
    }
    let predefined = match name {
        "aws.events.rule-arn" => Value::from(context.rule_arn.as_str()),
        "aws.events.rule-name" => Value::from(context.rule_name.as_str()),
        "aws.events.event.ingestion-time" => Value::from(context.ingestion_time.as_str()),
        "aws.events.event" => envelope_without_detail(event),
        "aws.events.event.json" => return Ok(Some(Cow::Borrowed(event))),
        _ => {
            return Err(NotDelivered::new(format!(
                "The template uses <{name}>, which is neither a path name nor a predefined placeholder."
            )))
        }
    };
    Ok(Some(Cow::Owned(predefined)))
}

/// `<aws.events.event>`: the envelope without `detail`, where AWS spells `detail-type` as
/// `detailType`; the other members in their order.
fn envelope_without_detail(event: &Value) -> Value {
    let ValueKind::Object(members) = &event.kind else {
        return event.clone();
    };
    members
        .iter()
        .filter(|member| member.key != "detail")
        .map(|member| {
            let key = if member.key == "detail-type" {
                "detailType"
            } else {
                member.key.as_str()
            };
            (key, member.value.clone())
        })
        .collect()
}

/// Writes one value the way its slot asks. Values are never escaped: EventBridge inserts
/// extracted strings as they are, so a value holding a quote can break the surrounding JSON.
fn write_value(body: &mut String, value: Option<&Value>, slot: Slot) {
    let Some(value) = value else {
        // A missing value is an empty JSON string where a value belongs, nothing elsewhere.
        if matches!(slot, Slot::JsonValue | Slot::ObjectKey) {
            body.push_str("\"\"");
        }
        return;
    };
    match (slot, &value.kind) {
        (Slot::JsonValue | Slot::ObjectKey, _) => body.push_str(&value.to_json(Layout::Compact)),
        (_, ValueKind::String(text)) => body.push_str(text),
        // In a text template objects and arrays lose all their double quotes.
        (Slot::Text, ValueKind::Object(_) | ValueKind::Array(_)) => {
            body.extend(value.to_json(Layout::Compact).chars().filter(|&c| c != '"'))
        }
        _ => body.push_str(&value.to_json(Layout::Compact)),
    }
}
