//! The one check of a simulated target's behaviour, shared by the scenario planner and the web
//! app's simulator page (which maps each problem to the control that sets the field).

use std::fmt;

use aws_model::{is_final_http_status, is_retried_http_status};

use crate::error::ScenarioErrorKind;
use crate::scenario::{NonRetryableError, RetryableError, TargetBehaviour, TargetKind};

/// Longest simulated target response: Lambda's 15-minute limit
/// (<https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html>).
pub const MAX_LATENCY_MS: u64 = 15 * 60_000;

/// Highest rate limit a simulated target takes, in invocations per second. A limit above the
/// fastest generated stream ([`crate::MAX_GENERATED_RATE_PER_SECOND`]) could never delay
/// anything, so the two are the same number.
pub const MAX_RATE_LIMIT_PER_SECOND: u32 = 100_000;

/// A field of [`TargetBehaviour`]. Not `non_exhaustive`: a new field should make every caller
/// that maps fields to controls say where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BehaviourField {
    /// `latency_ms`.
    LatencyMs,
    /// `transient.probability`.
    TransientProbability,
    /// `transient.error`.
    TransientError,
    /// `outages[i]`: the window.
    Outage(usize),
    /// `outages[i].error`.
    OutageError(usize),
    /// `non_retryable`: the window.
    NonRetryable,
    /// `non_retryable.error`.
    NonRetryableError,
    /// `rate_limit_per_second`.
    RateLimitPerSecond,
}

impl fmt::Display for BehaviourField {
    /// The field's path under `behaviour`, as in scenario error locations.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BehaviourField::LatencyMs => f.write_str("latency_ms"),
            BehaviourField::TransientProbability => f.write_str("transient.probability"),
            BehaviourField::TransientError => f.write_str("transient.error"),
            BehaviourField::Outage(index) => write!(f, "outages[{index}]"),
            BehaviourField::OutageError(index) => write!(f, "outages[{index}].error"),
            BehaviourField::NonRetryable => f.write_str("non_retryable"),
            BehaviourField::NonRetryableError => f.write_str("non_retryable.error"),
            BehaviourField::RateLimitPerSecond => f.write_str("rate_limit_per_second"),
        }
    }
}

/// One problem with a target's behaviour: which field, what class of problem, and a sentence
/// for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BehaviourProblem {
    pub field: BehaviourField,
    pub kind: ScenarioErrorKind,
    pub message: String,
}

impl BehaviourProblem {
    fn new(field: BehaviourField, kind: ScenarioErrorKind, message: impl Into<String>) -> Self {
        BehaviourProblem {
            field,
            kind,
            message: message.into(),
        }
    }
}

const HTTP_ONLY: &str =
    "HTTP status codes only come from API destinations; choose another error for this target.";

fn range_message(what: &str, value: impl fmt::Display, low: u64, high: u64) -> String {
    format!("{what} must be between {low} and {high}; it is {value}.")
}

impl TargetBehaviour {
    /// Every problem with this behaviour for a target of `kind`, in field order (empty when it
    /// can be simulated).
    pub fn problems(&self, kind: TargetKind) -> Vec<BehaviourProblem> {
        use BehaviourField as Field;
        use ScenarioErrorKind::{OutOfRange, Unsupported};
        let mut problems = Vec::new();
        if self.latency_ms > MAX_LATENCY_MS {
            problems.push(BehaviourProblem::new(
                Field::LatencyMs,
                OutOfRange,
                range_message(
                    "The latency in milliseconds",
                    self.latency_ms,
                    0,
                    MAX_LATENCY_MS,
                ),
            ));
        }
        if let Some(transient) = &self.transient {
            // `contains` is false for NaN, so this also refuses it.
            if !(0.0..=1.0).contains(&transient.probability) {
                problems.push(BehaviourProblem::new(
                    Field::TransientProbability,
                    OutOfRange,
                    "The share of failing attempts is a percentage from 0 to 100 (a probability from 0 to 1).",
                ));
            }
            if let Some(message) = retryable_problem(transient.error, kind) {
                problems.push(BehaviourProblem::new(
                    Field::TransientError,
                    Unsupported,
                    message,
                ));
            }
        }
        for (index, outage) in self.outages.iter().enumerate() {
            if outage.from_ms >= outage.until_ms {
                problems.push(BehaviourProblem::new(
                    Field::Outage(index),
                    OutOfRange,
                    "The outage must end after it starts.",
                ));
            }
            if let Some(message) = retryable_problem(outage.error, kind) {
                problems.push(BehaviourProblem::new(
                    Field::OutageError(index),
                    Unsupported,
                    message,
                ));
            }
        }
        if let Some(failure) = &self.non_retryable {
            if failure
                .until_ms
                .is_some_and(|until| until <= failure.from_ms)
            {
                problems.push(BehaviourProblem::new(
                    Field::NonRetryable,
                    OutOfRange,
                    "The error window must end after it starts.",
                ));
            }
            if let Some(message) = non_retryable_problem(failure.error, kind) {
                problems.push(BehaviourProblem::new(
                    Field::NonRetryableError,
                    Unsupported,
                    message,
                ));
            }
        }
        if let Some(rate) = self.rate_limit_per_second {
            if !(1..=MAX_RATE_LIMIT_PER_SECOND).contains(&rate) {
                problems.push(BehaviourProblem::new(
                    Field::RateLimitPerSecond,
                    OutOfRange,
                    range_message(
                        "The rate limit",
                        rate,
                        1,
                        u64::from(MAX_RATE_LIMIT_PER_SECOND),
                    ),
                ));
            }
        }
        problems
    }
}

fn retryable_problem(error: RetryableError, kind: TargetKind) -> Option<String> {
    let status = error.http_status()?;
    if !kind.answers_with_http_status() {
        Some(HTTP_ONLY.to_owned())
    } else if !is_retried_http_status(status) {
        Some(format!(
            "HTTP {status} is not retried; only 429 and 5xx are (choose it as an error without retry)."
        ))
    } else {
        None
    }
}

fn non_retryable_problem(error: NonRetryableError, kind: TargetKind) -> Option<String> {
    let status = error.http_status()?;
    if !kind.answers_with_http_status() {
        Some(HTTP_ONLY.to_owned())
    } else if !is_final_http_status(status) {
        Some(format!(
            "HTTP {status} is not an error that ends delivery at once; use a 4xx other than 429."
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{NonRetryableFailure, Outage, TransientFailures};

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let behaviour = TargetBehaviour {
            latency_ms: MAX_LATENCY_MS + 1,
            transient: Some(TransientFailures {
                probability: 1.001,
                error: RetryableError::HttpStatus(503),
            }),
            outages: vec![
                Outage {
                    from_ms: 0,
                    until_ms: 10,
                    error: RetryableError::Timeout,
                },
                Outage {
                    from_ms: 10,
                    until_ms: 10,
                    error: RetryableError::HttpStatus(404),
                },
            ],
            non_retryable: Some(NonRetryableFailure {
                error: NonRetryableError::HttpStatus(429),
                from_ms: 5,
                until_ms: Some(5),
            }),
            rate_limit_per_second: Some(0),
        };
        let found: Vec<String> = behaviour
            .problems(TargetKind::LambdaFunction)
            .iter()
            .map(|problem| problem.field.to_string())
            .collect();
        assert_eq!(
            found,
            [
                "latency_ms",
                "transient.probability",
                "transient.error",
                "outages[1]",
                "outages[1].error",
                "non_retryable",
                "non_retryable.error",
                "rate_limit_per_second",
            ]
        );
        let api = behaviour.problems(TargetKind::ApiDestination);
        let messages: Vec<&str> = api.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("HTTP 404 is not retried")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("HTTP 429 is not an error")),
            "{messages:?}"
        );
        assert!(!messages
            .iter()
            .any(|m| m.contains("only come from API destinations")));
    }

    #[test]
    fn limits_are_inclusive() {
        let at_limits = TargetBehaviour {
            latency_ms: MAX_LATENCY_MS,
            rate_limit_per_second: Some(MAX_RATE_LIMIT_PER_SECOND),
            ..TargetBehaviour::default()
        };
        assert_eq!(at_limits.problems(TargetKind::SqsQueue), []);
        let message = &TargetBehaviour {
            rate_limit_per_second: Some(MAX_RATE_LIMIT_PER_SECOND + 1),
            ..TargetBehaviour::default()
        }
        .problems(TargetKind::SqsQueue)[0]
            .message;
        assert_eq!(
            message,
            "The rate limit must be between 1 and 100000; it is 100001."
        );
    }
}
