//! Deterministic simulation of EventBridge delivery: retries, dead-letter queues, throttling and
//! metrics, for "what happens to my events when the target is down for an hour?".
//!
//! Pure Rust, no threads, no wall clock: time is simulated in milliseconds (`u64`) from the start
//! of the scenario, and all randomness comes from the scenario's seed, so the same scenario always
//! produces the same [`Report`]. Events are matched with the real matcher (`event_pattern`).
//!
//! # Semantics
//! - An event sent to a partner source that is not `ACTIVE` is dropped before rules. An event sent
//!   to an undeclared bus is accepted and discarded (as `PutEvents` does). Otherwise it is matched
//!   against every enabled rule on its bus, and each target of each matching rule gets one
//!   *invocation*, first attempted at the ingestion time.
//! - An attempt fails if the target's behaviour says so at the attempt's start time; the answer
//!   arrives after the target's latency (5 s for timeouts).
//! - A non-retryable failure (`NO_PERMISSIONS`, `NO_RESOURCE`, HTTP 4xx other than 429) ends the
//!   invocation at once, with no `EXHAUSTED_RETRY_CONDITION`.
//! - After a retryable failure, retry `n` is scheduled [`BackoffConfig::delay_before_retry`] after
//!   the failed answer, unless `n - 1` retries already equal `MaximumRetryAttempts`
//!   (→ `MaximumRetryAttempts`; checked first) or the retry would start at an event age (measured
//!   from ingestion time) of `MaximumEventAgeInSeconds` or more (→ `MaximumEventAgeInSeconds`).
//!   `MaximumRetryAttempts = 0` therefore means exactly one attempt.
//! - A rate limit delays attempts (a burst of one second's worth, then evenly spaced); an attempt
//!   delayed to or past the age limit ends with `MaximumEventAgeInSeconds` at the age limit.
//! - A failed invocation goes to its DLQ if there is one: it arrives when the queue is reachable and
//!   has a resource policy for `events.amazonaws.com` (needed in the same account too), and
//!   otherwise counts in `InvocationsFailedToBeSentToDlq`. Without a DLQ it is dropped.
//! - Metrics follow the counting convention documented in [`metrics`].

#![forbid(unsafe_code)]

mod backoff;
mod behaviour;
pub mod describe;
mod engine;
mod error;
mod from_rules;
mod matching;
pub mod metrics;
mod outcome;
mod plan;
pub mod presets;
mod queue;
mod report;
mod rng;
mod scenario;
pub mod settings;

pub use backoff::{BackoffConfig, DelayBounds, Jitter, ScheduledRetry};
pub use behaviour::{BehaviourField, BehaviourProblem, MAX_LATENCY_MS, MAX_RATE_LIMIT_PER_SECOND};
pub use engine::{simulate, Progress, Simulation};
pub use error::{ScenarioError, ScenarioErrorKind};
pub use from_rules::{dead_letter_queue_of, scenario_from_rules, TargetSetup, Traffic};
pub use metrics::{LatencyStats, LatencySummary, MetricCounts, MetricTotals, MinuteMetrics};
pub use outcome::{
    AttemptRecord, AttemptResult, DeliveryErrorCode, DlqError, DlqMessage, EventDetail, EventFate,
    ExhaustedRetryCondition, FinalFailure, InvocationDetail, Outcome, TARGET_TIMEOUT_MS,
};
pub use plan::{
    MAX_DETAILED_EVENTS, MAX_EVENTS, MAX_GENERATED_RATE_PER_SECOND, MAX_INGESTION_TIME_MS,
    MAX_INVOCATIONS,
};
pub use presets::{
    compare_retry_policies, find_preset, with_retry_policy, PolicyComparison, Preset, PRESETS,
};
pub use report::{EndedBy, OutcomeCounts, OutcomeSummary, Report, RuleTotals, TargetTotals};
pub use rng::SimRng;
pub use scenario::*;
