//! The rules of one account, kept per Region and event bus; the app persists it as JSON.

use std::fmt;

use serde::{Deserialize, Serialize};

use aws_model::limits::max_rules_per_event_bus;
use aws_model::{api_messages, MAX_RULE_NAME_CHARS};

use crate::{FieldErrors, Rule, RuleState};

/// Where a rule is and what it is called: unique within a store.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RuleKey {
    pub region: String,
    pub event_bus: String,
    pub name: String,
}

impl RuleKey {
    pub fn new(region: &str, event_bus: &str, name: &str) -> Self {
        RuleKey {
            region: region.to_owned(),
            event_bus: event_bus.to_owned(),
            name: name.to_owned(),
        }
    }

    pub fn of(rule: &Rule) -> Self {
        RuleKey::new(&rule.region, &rule.event_bus, &rule.name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The rule breaks a validation rule or collides with another rule; shown per field.
    Invalid(FieldErrors),
    NotFound(RuleKey),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Invalid(errors) => write!(f, "{errors}"),
            StoreError::NotFound(key) => {
                f.write_str(&api_messages::rule_not_found(&key.name, &key.event_bus))
            }
        }
    }
}

impl std::error::Error for StoreError {}

impl From<FieldErrors> for StoreError {
    fn from(errors: FieldErrors) -> Self {
        StoreError::Invalid(errors)
    }
}

/// One account's rules. Serialized as `{"rules": [...]}`; loading refuses duplicate keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredRules", into = "StoredRules")]
pub struct RuleStore {
    rules: Vec<Rule>,
}

#[derive(Serialize, Deserialize)]
struct StoredRules {
    rules: Vec<Rule>,
}

impl TryFrom<StoredRules> for RuleStore {
    type Error = String;
    fn try_from(stored: StoredRules) -> Result<Self, String> {
        let mut keys: Vec<RuleKey> = stored.rules.iter().map(RuleKey::of).collect();
        keys.sort_unstable();
        if let Some(pair) = keys.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(duplicate_message(&pair[0]));
        }
        Ok(RuleStore {
            rules: stored.rules,
        })
    }
}

impl From<RuleStore> for StoredRules {
    fn from(store: RuleStore) -> Self {
        StoredRules { rules: store.rules }
    }
}

fn duplicate_message(key: &RuleKey) -> String {
    format!(
        "A rule named {} already exists on event bus {} in region {}.",
        key.name, key.event_bus, key.region
    )
}

impl RuleStore {
    /// Every rule, in the order they were created.
    pub fn iter(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter()
    }

    pub fn new() -> Self {
        RuleStore::default()
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    pub fn get(&self, key: &RuleKey) -> Option<&Rule> {
        self.position(key).map(|index| &self.rules[index])
    }

    /// The rules on one bus, sorted by name.
    pub fn list(&self, region: &str, event_bus: &str) -> Vec<&Rule> {
        let mut rules: Vec<&Rule> = self
            .rules
            .iter()
            .filter(|rule| rule.region == region && rule.event_bus == event_bus)
            .collect();
        rules.sort_by(|a, b| a.name.cmp(&b.name));
        rules
    }

    /// Adds a new rule; refuses an invalid rule or a name already used on that bus and Region.
    pub fn create(&mut self, rule: Rule) -> Result<RuleKey, StoreError> {
        self.admit(&rule, None)?;
        let key = RuleKey::of(&rule);
        self.rules.push(rule);
        Ok(key)
    }

    /// Replaces the rule at `key` (which may rename or move it) and returns its new key.
    pub fn update(&mut self, key: &RuleKey, rule: Rule) -> Result<RuleKey, StoreError> {
        let index = self.require(key)?;
        self.admit(&rule, Some(index))?;
        let new_key = RuleKey::of(&rule);
        self.rules[index] = rule;
        Ok(new_key)
    }

    /// Copies the rule under the first free name of `<name>-copy`, `<name>-copy-2`, ...
    pub fn duplicate(&mut self, key: &RuleKey) -> Result<RuleKey, StoreError> {
        let index = self.require(key)?;
        let mut copy = self.rules[index].clone();
        copy.name = self.free_copy_name(key);
        self.create(copy)
    }

    pub fn set_state(&mut self, key: &RuleKey, state: RuleState) -> Result<(), StoreError> {
        let index = self.require(key)?;
        self.rules[index].state = state;
        Ok(())
    }

    pub fn enable(&mut self, key: &RuleKey) -> Result<(), StoreError> {
        self.set_state(key, RuleState::Enabled)
    }

    pub fn disable(&mut self, key: &RuleKey) -> Result<(), StoreError> {
        self.set_state(key, RuleState::Disabled)
    }

    pub fn delete(&mut self, key: &RuleKey) -> Result<Rule, StoreError> {
        let index = self.require(key)?;
        Ok(self.rules.remove(index))
    }

    fn position(&self, key: &RuleKey) -> Option<usize> {
        self.rules.iter().position(|rule| {
            rule.name == key.name && rule.event_bus == key.event_bus && rule.region == key.region
        })
    }

    fn require(&self, key: &RuleKey) -> Result<usize, StoreError> {
        self.position(key)
            .ok_or_else(|| StoreError::NotFound(key.clone()))
    }

    /// Validation plus the store's own checks; `replacing` is the index of the rule being
    /// updated, which does not collide with itself.
    fn admit(&self, rule: &Rule, replacing: Option<usize>) -> Result<(), StoreError> {
        let mut errors = rule.validate().err().unwrap_or_default();
        let key = RuleKey::of(rule);
        if self
            .position(&key)
            .is_some_and(|index| Some(index) != replacing)
        {
            errors.push("name", duplicate_message(&key));
        }
        let limit = max_rules_per_event_bus(&rule.region);
        let others_on_bus = self
            .rules
            .iter()
            .enumerate()
            .filter(|(index, other)| {
                Some(*index) != replacing
                    && other.region == rule.region
                    && other.event_bus == rule.event_bus
            })
            .count();
        if others_on_bus >= limit {
            errors.push(
                "event_bus",
                format!(
                    "{} Event bus {} in {} already has {limit} rules.",
                    aws_model::limits::LIMIT_EXCEEDED_MESSAGE,
                    rule.event_bus,
                    rule.region
                ),
            );
        }
        errors.into_result().map_err(StoreError::Invalid)
    }

    fn free_copy_name(&self, key: &RuleKey) -> String {
        (1..)
            .map(|n| {
                let suffix = if n == 1 {
                    "-copy".to_owned()
                } else {
                    format!("-copy-{n}")
                };
                // Names are ASCII once valid, so cutting by bytes keeps whole characters.
                let room = MAX_RULE_NAME_CHARS.saturating_sub(suffix.len());
                let base = key
                    .name
                    .get(..room.min(key.name.len()))
                    .unwrap_or(&key.name);
                format!("{base}{suffix}")
            })
            .find(|name| {
                self.position(&RuleKey::new(&key.region, &key.event_bus, name))
                    .is_none()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests;
