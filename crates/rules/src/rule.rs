//! A rule: where it lives, what it matches and where matched events go.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::arn::{is_account_id, is_region_code, partition_for_region};
use crate::field_error::{aws_constraint_message, is_name_char, string_constraints, NAME_CLASS};
use crate::{FieldErrors, InputContext, Target};

pub const MAX_RULE_NAME_CHARS: usize = 64;
pub const MAX_DESCRIPTION_CHARS: usize = 512;
pub const MAX_EVENT_PATTERN_CHARS: usize = 4096;
pub const MAX_TARGETS: usize = 5;
pub const MAX_EVENT_BUS_NAME_CHARS: usize = 256;
pub const MAX_TAGS: usize = 50;
pub const MAX_TAG_KEY_CHARS: usize = 128;
pub const MAX_TAG_VALUE_CHARS: usize = 256;
pub const DEFAULT_EVENT_BUS: &str = "default";

/// AWS's answer to a sixth target.
pub const TOO_MANY_TARGETS: &str = "The requested resource exceeds the maximum number allowed.";

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
        let prefix = format!(
            "arn:{}:events:{}:{}:rule/",
            self.partition(),
            self.region,
            self.account_id
        );
        if self.event_bus == DEFAULT_EVENT_BUS {
            format!("{prefix}{}", self.name)
        } else {
            format!("{prefix}{}/{}", self.event_bus, self.name)
        }
    }

    pub fn event_bus_arn(&self) -> String {
        format!(
            "arn:{}:events:{}:{}:event-bus/{}",
            self.partition(),
            self.region,
            self.account_id,
            self.event_bus
        )
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
                aws_constraint_message(&self.name, "name", &violated),
            );
        }
        let violated = string_constraints(&self.description, 0, MAX_DESCRIPTION_CHARS, None);
        if !violated.is_empty() {
            errors.push(
                "description",
                aws_constraint_message(&self.description, "description", &violated),
            );
        }
        if !is_account_id(&self.account_id) {
            errors.push("account_id", "An account id is 12 digits.");
        }
        if !is_region_code(&self.region) {
            errors.push(
                "region",
                format!("'{}' is not a Region code such as us-east-1.", self.region),
            );
        }
        if let Err(message) = check_event_bus_name(&self.event_bus) {
            errors.push("event_bus", message);
        }
        if let Err(message) = check_event_pattern(&self.event_pattern) {
            errors.push("event_pattern", message);
        }
        if self.targets.len() > MAX_TARGETS {
            errors.push("targets", TOO_MANY_TARGETS);
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

/// `default`, a custom bus name, or a partner bus name; `/` only in partner bus names.
pub fn check_event_bus_name(name: &str) -> Result<(), String> {
    let length = name.chars().count();
    if length == 0 {
        return Err("Choose an event bus.".to_owned());
    }
    if length > MAX_EVENT_BUS_NAME_CHARS {
        return Err(format!(
            "An event bus name can be at most {MAX_EVENT_BUS_NAME_CHARS} characters; this one has {length}."
        ));
    }
    if let Some(bad) = name.chars().find(|&c| !(is_name_char(c) || c == '/')) {
        return Err(format!(
            "Event bus names use letters, digits and . - _ (and / in partner bus names); {bad:?} is not allowed."
        ));
    }
    if name.contains('/') {
        let partner_segments = name
            .strip_prefix("aws.partner/")
            .map(|rest| rest.split('/').collect::<Vec<_>>());
        let is_partner = partner_segments
            .is_some_and(|segments| segments.len() >= 2 && segments.iter().all(|s| !s.is_empty()));
        if !is_partner {
            return Err(
                "Only partner event buses contain '/', as in aws.partner/<partner>/<namespace>/<name>."
                    .to_owned(),
            );
        }
    }
    Ok(())
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
