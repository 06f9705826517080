//! The input model: buses, partner sources, rules with targets, the event stream and the backoff.
//!
//! These are plain data types (the app converts its own rule model into them). Times are simulated
//! milliseconds counted from the start of the scenario; the wall clock is never read.

use serde::{Deserialize, Serialize};

use crate::backoff::BackoffConfig;
use crate::error::ScenarioError;

/// `RetryPolicy.MaximumRetryAttempts` upper bound and default.
pub const MAX_RETRY_ATTEMPTS: u32 = 185;
/// `RetryPolicy.MaximumEventAgeInSeconds` bounds; the upper bound is also the default.
pub const MIN_EVENT_AGE_SECONDS: u32 = 60;
pub const MAX_EVENT_AGE_SECONDS: u32 = 86_400;

/// Everything a run needs. The same scenario with the same `seed` always gives the same report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    #[serde(default)]
    pub seed: u64,
    #[serde(default)]
    pub buses: Vec<Bus>,
    /// Partner event sources and their state; a partner bus carries the source's name.
    #[serde(default)]
    pub sources: Vec<SourceState>,
    #[serde(default)]
    pub rules: Vec<SimRule>,
    #[serde(default)]
    pub events: EventStream,
    #[serde(default)]
    pub backoff: BackoffConfig,
    #[serde(default)]
    pub options: SimOptions,
}

impl Scenario {
    /// Largest JSON document [`Scenario::from_json`] reads.
    pub const MAX_JSON_BYTES: usize = 32 * 1024 * 1024;

    /// Reads a scenario from JSON. Malformed, oversized or too deeply nested input gives an error.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        if text.len() > Self::MAX_JSON_BYTES {
            return Err(ScenarioError::too_large(
                "",
                format!(
                    "the scenario JSON is {} bytes; at most {} are accepted",
                    text.len(),
                    Self::MAX_JSON_BYTES
                ),
            ));
        }
        serde_json::from_str(text).map_err(ScenarioError::json)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bus {
    pub name: String,
}

/// `EventSource.State` of a partner event source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PartnerSourceState {
    Active,
    Pending,
    Deleted,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceState {
    /// `aws.partner/<partner>/<namespace>/<name>`.
    pub name: String,
    pub state: PartnerSourceState,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimRule {
    pub name: String,
    pub bus: String,
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
    /// The event pattern as JSON text, compiled with the real matcher.
    pub pattern: String,
    #[serde(default)]
    pub targets: Vec<SimTarget>,
}

fn enabled_by_default() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimTarget {
    pub id: String,
    pub arn: String,
    pub kind: TargetKind,
    #[serde(default)]
    pub retry: RetryPolicy,
    #[serde(default)]
    pub dlq: Option<Dlq>,
    #[serde(default)]
    pub behaviour: TargetBehaviour,
}

/// The kind of target. It decides which errors make sense: HTTP status codes only come from API
/// destinations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetKind {
    Lambda,
    Sqs,
    Sns,
    Kinesis,
    StepFunctions,
    EventBus,
    ApiDestination,
    Other,
}

/// `Target.RetryPolicy`. Defaults are AWS's: 185 retries, 24 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetryPolicy {
    /// `0..=185`; `0` means a single attempt.
    pub maximum_retry_attempts: u32,
    /// `60..=86400`, measured from the event's ingestion time.
    pub maximum_event_age_seconds: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            maximum_retry_attempts: MAX_RETRY_ATTEMPTS,
            maximum_event_age_seconds: MAX_EVENT_AGE_SECONDS,
        }
    }
}

/// `Target.DeadLetterConfig`: a standard SQS queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dlq {
    pub arn: String,
    /// Whether the queue is in the rule's account (only used to explain a failure: a queue
    /// needs a resource policy for `events.amazonaws.com` either way).
    #[serde(default = "enabled_by_default")]
    pub same_account: bool,
    /// Whether the queue policy lets `events.amazonaws.com` send messages.
    #[serde(default = "enabled_by_default")]
    pub has_resource_policy: bool,
    /// `false` models a deleted or otherwise unavailable queue.
    #[serde(default = "enabled_by_default")]
    pub reachable: bool,
}

/// How a simulated target answers. The parts combine; for one attempt at time `t`:
/// an active `non_retryable` failure wins, then an outage covering `t`, then a transient draw;
/// otherwise the attempt succeeds. Every answer takes `latency_ms`, except timeouts (5 s).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TargetBehaviour {
    pub latency_ms: u64,
    pub transient: Option<TransientFailures>,
    pub outages: Vec<Outage>,
    pub non_retryable: Option<NonRetryableFailure>,
    /// Invocations per second the target accepts; EventBridge delays the excess.
    pub rate_limit_per_second: Option<u32>,
}

/// Each attempt fails independently with `probability`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransientFailures {
    pub probability: f64,
    pub error: RetryableError,
}

/// Every attempt starting in `[from_ms, until_ms)` fails with `error`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outage {
    pub from_ms: u64,
    pub until_ms: u64,
    pub error: RetryableError,
}

/// Every attempt starting in `[from_ms, until_ms)` fails without retry (`until_ms: None` = forever).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NonRetryableFailure {
    pub error: NonRetryableError,
    #[serde(default)]
    pub from_ms: u64,
    #[serde(default)]
    pub until_ms: Option<u64>,
}

/// Failures EventBridge retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RetryableError {
    /// A service-side (5xx-like) error from an AWS target.
    ServerError,
    /// The target throttled the call.
    Throttling,
    /// No answer within 5 seconds.
    Timeout,
    /// The network connection could not be made.
    ConnectionFailure,
    /// API destinations only: `429` or `500..=599`.
    HttpStatus(u16),
}

/// Failures EventBridge does not retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NonRetryableError {
    NoPermissions,
    NoResource,
    /// API destinations only: `400..=499` except `429`.
    HttpStatus(u16),
}

/// Where an event is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ingress {
    /// `PutEvents` to a bus by name.
    Bus(String),
    /// `PutPartnerEvents` to a partner event source by name.
    PartnerSource(String),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EventStream {
    pub explicit: Vec<ExplicitEvent>,
    pub generated: Vec<GeneratedEvents>,
}

/// One event ingested at `at_ms`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExplicitEvent {
    pub text: String,
    pub at_ms: u64,
    pub to: Ingress,
}

/// `floor(rate_per_second * duration_ms / 1000)` events, evenly spaced from `start_ms`, each a
/// sample drawn with probability proportional to its weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeneratedEvents {
    pub to: Ingress,
    #[serde(default)]
    pub start_ms: u64,
    pub rate_per_second: f64,
    pub duration_ms: u64,
    pub samples: Vec<WeightedSample>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightedSample {
    pub text: String,
    #[serde(default = "weight_one")]
    pub weight: u32,
}

fn weight_one() -> u32 {
    1
}

/// Settings of the run itself rather than of the modelled AWS resources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SimOptions {
    /// Attempt-by-attempt records are kept for the first N ingested events only, so memory stays
    /// bounded on big runs; metrics and counts always cover every event.
    pub keep_details_for_first_events: u32,
    /// Used to build `RULE_ARN` values.
    pub account: String,
    pub region: String,
}

impl Default for SimOptions {
    fn default() -> Self {
        SimOptions {
            keep_details_for_first_events: 100,
            account: "123456789012".into(),
            region: "us-east-1".into(),
        }
    }
}
