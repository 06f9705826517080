//! Amazon EventBridge event patterns. (Placeholder: the matcher issue fills this in.)
#![forbid(unsafe_code)]

use std::fmt;

/// A compiled event pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    _text: String,
}

impl Pattern {
    pub fn parse(text: &str) -> Result<Pattern, PatternError> {
        Ok(Pattern { _text: text.to_owned() })
    }

    pub fn matches(&self, _event: &Event) -> bool {
        false
    }
}

/// An event checked the way TestEventPattern checks it.
#[derive(Debug, Clone)]
pub struct Event {
    _text: String,
}

impl Event {
    pub fn parse(text: &str) -> Result<Event, EventError> {
        Ok(Event { _text: text.to_owned() })
    }
}

#[derive(Debug, Clone)]
pub struct PatternError {
    reason: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Event pattern is not valid. Reason: {}", self.reason)
    }
}
impl std::error::Error for PatternError {}

#[derive(Debug, Clone)]
pub struct EventError;

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Parameter Event is not valid.")
    }
}
impl std::error::Error for EventError {}
