//! Many rules at once: [`RuleSet`].

use crate::{Event, EventError, Pattern, PatternError};
use std::collections::HashMap;

/// A named collection of event patterns, matched together against each event.
///
/// Results list rule names in the order the rules were first added (replacing a rule keeps its
/// place).
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// Slot per rule id; `None` once removed.
    rules: Vec<Option<(String, Pattern)>>,
    ids: HashMap<String, usize>,
}

impl RuleSet {
    pub fn new() -> RuleSet {
        RuleSet::default()
    }

    /// Adds a rule; a rule of the same name is replaced.
    pub fn add(&mut self, name: &str, pattern_text: &str) -> Result<(), PatternError> {
        let pattern = Pattern::parse(pattern_text)?;
        match self.ids.get(name) {
            Some(&id) => self.rules[id] = Some((name.to_owned(), pattern)),
            None => {
                self.ids.insert(name.to_owned(), self.rules.len());
                self.rules.push(Some((name.to_owned(), pattern)));
            }
        }
        Ok(())
    }

    /// Removes a rule; `false` if there was none of that name.
    pub fn remove(&mut self, name: &str) -> bool {
        match self.ids.remove(name) {
            Some(id) => {
                self.rules[id] = None;
                true
            }
            None => false,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The rules matching an event given as JSON text. Any JSON object is an event here (no
    /// `TestEventPattern` envelope check).
    pub fn matching_rules_json(&self, event_json: &[u8]) -> Result<Vec<&str>, EventError> {
        let text =
            std::str::from_utf8(event_json).map_err(|e| EventError::invalid_utf8(event_json, e))?;
        let event = Event::parse_any(text)?;
        Ok(self.matching_rules(&event))
    }

    /// The rules matching a parsed event.
    pub fn matching_rules(&self, event: &Event) -> Vec<&str> {
        self.rules
            .iter()
            .flatten()
            .filter(|(_, pattern)| pattern.matches(event))
            .map(|(name, _)| name.as_str())
            .collect()
    }
}
