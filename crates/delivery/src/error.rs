//! Why a scenario cannot be simulated.

use std::fmt;

/// What class of problem a [`ScenarioError`] is, for callers that branch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScenarioErrorKind {
    /// The JSON text could not be read as a scenario.
    Json,
    /// A number is outside the range AWS (or the simulator) allows.
    OutOfRange,
    /// A name or ARN does not have the shape AWS requires.
    InvalidName,
    /// Two things share a name that must be unique.
    Duplicate,
    /// A name refers to a bus or partner source that the scenario does not declare.
    UnknownReference,
    /// The real matcher rejected a rule's pattern.
    InvalidPattern,
    /// The real matcher rejected an event.
    InvalidEvent,
    /// The scenario would need more events, invocations or memory than the simulator allows.
    TooLarge,
    /// A combination AWS does not accept (e.g. a FIFO dead-letter queue).
    Unsupported,
}

/// A problem with a scenario: where it is (a path such as `rules[1].targets[0].retry`) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    kind: ScenarioErrorKind,
    location: String,
    message: String,
}

impl ScenarioError {
    pub(crate) fn new(
        kind: ScenarioErrorKind,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        ScenarioError {
            kind,
            location: location.into(),
            message: message.into(),
        }
    }

    pub(crate) fn json(error: serde_json::Error) -> Self {
        Self::new(
            ScenarioErrorKind::Json,
            "",
            format!("the scenario is not valid JSON for this model: {error}"),
        )
    }

    pub(crate) fn too_large(location: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ScenarioErrorKind::TooLarge, location, message)
    }

    pub fn kind(&self) -> ScenarioErrorKind {
        self.kind
    }

    /// Path of the offending field, empty when the problem is about the whole scenario.
    pub fn location(&self) -> &str {
        &self.location
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.location, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}
