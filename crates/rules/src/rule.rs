//! A rule: where it lives, what it matches and where matched events go.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use aws_model::limits::{
    LIMIT_EXCEEDED_MESSAGE, MAX_EVENT_PATTERN_CHARS, MAX_RULE_DESCRIPTION_CHARS, MAX_TAGS,
    MAX_TAG_KEY_CHARS, MAX_TAG_VALUE_CHARS, MAX_TARGETS_PER_RULE,
};
use aws_model::validation::{constraint_violation_message, string_constraints, NAME_CLASS};
use aws_model::{
    check_event_bus_name, event_bus_arn, is_region_code, partition_for_region, rule_arn, AccountId,
    MAX_RULE_NAME_CHARS,
};

use crate::{FieldErrors, InputContext, Target};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleState {
    #[default]
    Enabled,
    Disabled,
}

impl RuleState {
    /// The API's spelling, `ENABLED` or `DISABLED`.
    pub fn as_aws(self) -> &'static str {
        match self {
            RuleState::Enabled => "ENABLED",
            RuleState::Disabled => "DISABLED",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

impl Tag {
    pub fn new(key: &str, value: &str) -> Self {
        Tag {
            key: key.to_owned(),
            value: value.to_owned(),
        }
    }
}

/// An EventBridge rule with an event pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub name: String,
    /// Empty means no description.
    #[serde(default)]
    pub description: String,
    pub account_id: String,
    pub region: String,
    /// `default`, a custom bus name, or a partner bus name such as
    /// `aws.partner/shopify.com/123/orders`.
    pub event_bus: String,
    #[serde(default)]
    pub state: RuleState,
    /// The pattern's JSON text as the user wrote it.
    pub event_pattern: String,
    #[serde(default)]
    pub targets: Vec<Target>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

impl Rule {
    /// An enabled rule with no description, targets or tags.
    pub fn new(
        name: &str,
        account_id: &str,
        region: &str,
        event_bus: &str,
        event_pattern: &str,
    ) -> Self {
        Rule {
            name: name.to_owned(),
            description: String::new(),
            account_id: account_id.to_owned(),
            region: region.to_owned(),
            event_bus: event_bus.to_owned(),
            state: RuleState::Enabled,
            event_pattern: event_pattern.to_owned(),
            targets: Vec::new(),
            tags: Vec::new(),
        }
    }

    pub fn partition(&self) -> &'static str {
        partition_for_region(&self.region)
    }

    /// `arn:<partition>:events:<region>:<account>:rule/<name>` on the default bus,
    /// `.../rule/<bus>/<name>` on any other bus.
    pub fn arn(&self) -> String {
        rule_arn(&self.region, &self.account_id, &self.event_bus, &self.name)
    }

    pub fn event_bus_arn(&self) -> String {
        event_bus_arn(&self.region, &self.account_id, &self.event_bus)
    }

    /// What this rule's predefined input-template placeholders expand to for an event received
    /// at `ingestion_time`.
    pub fn input_context(&self, ingestion_time: &str) -> InputContext {
        InputContext {
            rule_name: self.name.clone(),
            rule_arn: self.arn(),
            ingestion_time: ingestion_time.to_owned(),
        }
    }

    /// Every problem with the rule, each tied to its field.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        let violated = string_constraints(&self.name, 1, MAX_RULE_NAME_CHARS, Some(&NAME_CLASS));
        if !violated.is_empty() {
            errors.push(
                "name",
                constraint_violation_message(&self.name, "name", &violated),
            );
        }
        let violated = string_constraints(&self.description, 0, MAX_RULE_DESCRIPTION_CHARS, None);
        if !violated.is_empty() {
            errors.push(
                "description",
                constraint_violation_message(&self.description, "description", &violated),
            );
        }
        if let Err(error) = AccountId::parse(&self.account_id) {
            errors.push("account_id", error.to_string());
        }
        if !is_region_code(&self.region) {
            errors.push(
                "region",
                format!("'{}' is not a Region code such as us-east-1.", self.region),
            );
        }
        if let Err(error) = check_event_bus_name(&self.event_bus) {
            errors.push("event_bus", error.to_string());
        }
        if let Err(message) = check_event_pattern(&self.event_pattern) {
            errors.push("event_pattern", message);
        }
        if self.targets.len() > MAX_TARGETS_PER_RULE {
            errors.push("targets", LIMIT_EXCEEDED_MESSAGE);
        }
        let mut ids = BTreeSet::new();
        for (index, target) in self.targets.iter().enumerate() {
            target.check(index, self, &mut errors);
            if !ids.insert(target.id.as_str()) {
                errors.push(
                    format!("targets[{index}].id"),
                    format!(
                        "Another target of this rule already has the id {}.",
                        target.id
                    ),
                );
            }
        }
        check_tags(&self.tags, &mut errors);
        errors.into_result()
    }
}

fn check_event_pattern(text: &str) -> Result<(), String> {
    let length = text.chars().count();
    if text.trim().is_empty() {
        return Err("Enter an event pattern.".to_owned());
    }
    if length > MAX_EVENT_PATTERN_CHARS {
        return Err(format!(
            "An event pattern can be at most {MAX_EVENT_PATTERN_CHARS} characters; this one has {length}."
        ));
    }
    event_pattern::Pattern::parse(text)
        .map(|_| ())
        .map_err(|error| error.to_string())
}

/// AWS's tag character class: letters, digits, spaces and `_ . : / = + - @`.
fn is_tag_char(c: char) -> bool {
    c.is_alphabetic()
        || c.is_numeric()
        || (c.is_whitespace() && !c.is_control())
        || "_.:/=+-@".contains(c)
}

fn check_tags(tags: &[Tag], errors: &mut FieldErrors) {
    if tags.len() > MAX_TAGS {
        errors.push(
            "tags",
            format!(
                "A rule can have at most {MAX_TAGS} tags; this one has {}.",
                tags.len()
            ),
        );
    }
    let mut keys = BTreeSet::new();
    for (index, tag) in tags.iter().enumerate() {
        let key_field = format!("tags[{index}].key");
        let key_length = tag.key.chars().count();
        if !(1..=MAX_TAG_KEY_CHARS).contains(&key_length) {
            errors.push(&key_field, "A tag key has 1 to 128 characters.");
        } else if tag
            .key
            .get(..4)
            .is_some_and(|head| head.eq_ignore_ascii_case("aws:"))
        {
            errors.push(
                &key_field,
                "Tag keys starting with aws: are reserved for AWS.",
            );
        } else if let Some(bad) = tag.key.chars().find(|&c| !is_tag_char(c)) {
            errors.push(
                &key_field,
                format!("Tag keys use letters, digits, spaces and _ . : / = + - @; {bad:?} is not allowed."),
            );
        } else if !keys.insert(tag.key.as_str()) {
            errors.push(
                &key_field,
                format!("The tag key {} is used twice.", tag.key),
            );
        }
        let value_field = format!("tags[{index}].value");
        if tag.value.chars().count() > MAX_TAG_VALUE_CHARS {
            errors.push(&value_field, "A tag value has at most 256 characters.");
        } else if let Some(bad) = tag.value.chars().find(|&c| !is_tag_char(c)) {
            errors.push(
                &value_field,
                format!("Tag values use letters, digits, spaces and _ . : / = + - @; {bad:?} is not allowed."),
            );
        }
    }
}
