//! What a target receives: the matched event, a constant, a part of the event, or a template
//! filled from the event (an input transformer).

mod apply;
pub(crate) mod json_path;
pub(crate) mod template;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::FieldErrors;
use template::{Slot, TemplateShape};

pub use apply::{apply_input, InputContext, NotDelivered};

pub const MAX_CONSTANT_INPUT_CHARS: usize = 8192;
pub const MAX_INPUT_PATH_CHARS: usize = 256;
pub const MAX_INPUT_PATHS: usize = 100;
pub const MAX_INPUT_PATH_NAME_CHARS: usize = 256;
pub const MAX_INPUT_TEMPLATE_CHARS: usize = 8192;

/// Placeholders EventBridge fills in itself; they need no entry in the paths map.
pub const PREDEFINED_PLACEHOLDERS: [&str; 5] = [
    "aws.events.rule-arn",
    "aws.events.rule-name",
    "aws.events.event.ingestion-time",
    "aws.events.event",
    "aws.events.event.json",
];

/// The predefined placeholders that stand for whole JSON objects and so fit only where a JSON
/// value belongs.
const OBJECT_PLACEHOLDERS: [&str; 2] = ["aws.events.event", "aws.events.event.json"];

/// The target-input choice; AWS allows only one of them per target.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum TargetInput {
    /// The whole matched event (AWS's default when no input is set).
    #[default]
    MatchedEvent,
    /// A fixed JSON text; nothing from the event is passed.
    Constant { json: String },
    /// The part of the event a JSONPath selects, e.g. `$.detail`.
    InputPath { path: String },
    /// A template filled with values picked from the event.
    Transformer(InputTransformer),
}

/// AWS's `InputTransformer`: named paths into the event and a template using them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputTransformer {
    /// `InputPathsMap` as rows, so a form can keep its order and show duplicates.
    pub paths: Vec<InputPathEntry>,
    pub template: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputPathEntry {
    pub name: String,
    pub path: String,
}

impl InputTransformer {
    pub fn new(paths: &[(&str, &str)], template: &str) -> Self {
        InputTransformer {
            paths: paths
                .iter()
                .map(|(name, path)| InputPathEntry {
                    name: (*name).to_owned(),
                    path: (*path).to_owned(),
                })
                .collect(),
            template: template.to_owned(),
        }
    }
}

impl TargetInput {
    /// Per-field messages under `prefix` (e.g. `targets[0].input`); `target_id` appears in
    /// AWS's own template messages.
    pub(crate) fn check(&self, prefix: &str, target_id: &str, errors: &mut FieldErrors) {
        match self {
            TargetInput::MatchedEvent => {}
            TargetInput::Constant { json } => {
                if let Err(message) = check_constant(json) {
                    errors.push(format!("{prefix}.json"), message);
                }
            }
            TargetInput::InputPath { path } => {
                if let Err(message) = check_path(path) {
                    errors.push(format!("{prefix}.path"), message);
                }
            }
            TargetInput::Transformer(transformer) => transformer.check(prefix, target_id, errors),
        }
    }
}

fn check_constant(json: &str) -> Result<(), String> {
    let length = json.chars().count();
    if json.trim().is_empty() {
        return Err("Enter the constant JSON text to send.".to_owned());
    }
    if length > MAX_CONSTANT_INPUT_CHARS {
        return Err(format!(
            "Constant input can be at most {MAX_CONSTANT_INPUT_CHARS} characters; this is {length}."
        ));
    }
    // The matcher's reader: it takes any JSON number (`1e400` included), as AWS does.
    event_pattern::json::parse(json)
        .map(|_| ())
        .map_err(|error| format!("Constant input must be valid JSON: {error}."))
}

fn check_path(path: &str) -> Result<(), String> {
    let length = path.chars().count();
    if length > MAX_INPUT_PATH_CHARS {
        return Err(format!(
            "A path can be at most {MAX_INPUT_PATH_CHARS} characters; this is {length}."
        ));
    }
    json_path::parse(path).map(|_| ())
}

impl InputTransformer {
    fn check(&self, prefix: &str, target_id: &str, errors: &mut FieldErrors) {
        if self.paths.len() > MAX_INPUT_PATHS {
            errors.push(
                format!("{prefix}.paths"),
                format!(
                    "An input transformer can name at most {MAX_INPUT_PATHS} paths; this one has {}.",
                    self.paths.len()
                ),
            );
        }
        let mut seen = BTreeSet::new();
        for (index, entry) in self.paths.iter().enumerate() {
            let field = format!("{prefix}.paths[{index}]");
            if let Err(message) = check_path_name(&entry.name) {
                errors.push(format!("{field}.name"), message);
            } else if !seen.insert(entry.name.as_str()) {
                errors.push(
                    format!("{field}.name"),
                    format!("The name {} is already used by another path.", entry.name),
                );
            }
            if let Err(message) = check_path(&entry.path) {
                errors.push(format!("{field}.path"), message);
            }
        }
        for message in self.template_problems(target_id) {
            errors.push(format!("{prefix}.template"), message);
        }
    }

    fn template_problems(&self, target_id: &str) -> Vec<String> {
        let template = &self.template;
        let length = template.chars().count();
        if length == 0 {
            return vec!["Enter an input template (1 to 8192 characters).".to_owned()];
        }
        let mut problems = Vec::new();
        if length > MAX_INPUT_TEMPLATE_CHARS {
            problems.push(format!(
                "An input template can be at most {MAX_INPUT_TEMPLATE_CHARS} characters; this one is {length}."
            ));
            return problems;
        }
        let defined: BTreeSet<&str> = self.paths.iter().map(|e| e.name.as_str()).collect();
        let (shape, placeholders) = template::placeholders(template);
        let mut reported = BTreeSet::new();
        for placeholder in &placeholders {
            let name = placeholder.name;
            if !defined.contains(name) && !PREDEFINED_PLACEHOLDERS.contains(&name) {
                if reported.insert(name) {
                    problems.push(format!(
                        "InputTemplate for target {target_id} contains invalid placeholder {name}."
                    ));
                }
            } else if placeholder.slot == Slot::ObjectKey {
                problems.push(format!(
                    "Placeholder <{name}> is used as an object key; placeholders can only stand for values."
                ));
            } else if OBJECT_PLACEHOLDERS.contains(&name) && placeholder.slot != Slot::JsonValue {
                problems.push(format!(
                    "<{name}> stands for a JSON object, so it can only be a value in a JSON template, e.g. {{\"event\": <{name}>}}."
                ));
            }
        }
        if shape == TemplateShape::JsonDocument && problems.is_empty() {
            if let Err(error) = check_json_with_placeholders(template, &placeholders) {
                problems.push(format!(
                    "This template starts like JSON but is not valid JSON even with its placeholders filled in ({error}), so no event could ever be delivered."
                ));
            }
        }
        problems
    }
}

/// Fills every placeholder with a neutral stand-in and parses the result: a template that fails
/// here fails for every event.
fn check_json_with_placeholders(
    template: &str,
    placeholders: &[template::Placeholder<'_>],
) -> Result<(), event_pattern::json::ParseError> {
    let mut filled = String::with_capacity(template.len());
    let mut copied = 0;
    for placeholder in placeholders {
        filled.push_str(&template[copied..placeholder.start]);
        filled.push_str(if placeholder.slot == Slot::JsonValue {
            "null"
        } else {
            "x"
        });
        copied = placeholder.end;
    }
    filled.push_str(&template[copied..]);
    event_pattern::json::parse(&filled).map(|_| ())
}

fn check_path_name(name: &str) -> Result<(), String> {
    if name
        .get(..4)
        .is_some_and(|head| head.eq_ignore_ascii_case("aws."))
    {
        return Err(format!(
            "Names starting with AWS. are reserved for EventBridge's own placeholders; rename {name}."
        ));
    }
    let length = name.chars().count();
    if length == 0 || length > MAX_INPUT_PATH_NAME_CHARS {
        return Err("A name has 1 to 256 characters.".to_owned());
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-')))
    {
        return Err(format!(
            "A name may contain only letters, digits, _ and -; {bad:?} is not allowed."
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
