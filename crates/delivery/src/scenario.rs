//! The input model: buses, partner sources, rules with targets, the event stream and the backoff.
//!
//! These are plain data types (the app converts its own rule model into them). Times are simulated
//! milliseconds counted from the start of the scenario; the wall clock is never read. The AWS
//! types among them (retry policy, target kind, partner source state, failures) are
//! `aws_model`'s.

use serde::{Deserialize, Serialize};

pub use aws_model::{EventSourceState, NonRetryableError, RetryPolicy, RetryableError, TargetKind};

use crate::backoff::BackoffConfig;
use crate::error::ScenarioError;

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceState {
    /// `aws.partner/<partner>/<namespace>/<name>`.
    pub name: String,
    pub state: EventSourceState,
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
    /// Decides the ARN's shape and which errors make sense: HTTP statuses only come from API
    /// destinations. The simulator's older names (`lambda`, `sqs`, ...) still read.
    pub kind: TargetKind,
    #[serde(default)]
    pub retry: RetryPolicy,
    #[serde(default)]
    pub dlq: Option<Dlq>,
    #[serde(default)]
    pub behaviour: TargetBehaviour,
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

/// [`generated_event_count`] events, evenly spaced from `start_ms`, each a sample drawn with
/// probability proportional to its weight.
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

impl GeneratedEvents {
    /// How many events the stream generates: [`generated_event_count`].
    pub fn count(&self) -> u64 {
        generated_event_count(self.rate_per_second, self.duration_ms)
    }
}

/// How many events `rate_per_second` events per second for `duration_ms` make: the whole
/// events that fit, `floor(rate × duration)`. The one count the simulator, the web app and the
/// CLI use.
///
/// A rate people set as "11 per minute" is not exact in binary (11/60 s⁻¹), so the product can
/// land a hair below the whole number it stands for (54.999… for 5 minutes); a product within
/// a billionth of a whole number counts as that number. Zero for a rate that is not positive and
/// finite.
pub fn generated_event_count(rate_per_second: f64, duration_ms: u64) -> u64 {
    if !(rate_per_second.is_finite() && rate_per_second > 0.0) {
        return 0;
    }
    let exact = rate_per_second * duration_ms as f64 / 1000.0;
    let nearest = exact.round();
    let count = if (exact - nearest).abs() <= nearest.max(1.0) * 1e-9 {
        nearest
    } else {
        exact.floor()
    };
    // `as` saturates: an absurd product becomes u64::MAX, which every budget refuses.
    count as u64
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
