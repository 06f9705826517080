//! The result of a run: outcome counts, metrics and the drill-down records.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::metrics::{MetricTotals, MinuteMetrics};
use crate::outcome::{DeliveryErrorCode, EventDetail};

/// How invocations ended. Every invocation ends in exactly one of these four.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeCounts {
    pub delivered: u64,
    /// Failed with no dead-letter queue configured.
    pub dropped: u64,
    pub sent_to_dlq: u64,
    pub failed_to_reach_dlq: u64,
}

impl OutcomeCounts {
    pub fn ended(&self) -> u64 {
        self.delivered + self.dropped + self.sent_to_dlq + self.failed_to_reach_dlq
    }

    pub fn failed(&self) -> u64 {
        self.dropped + self.sent_to_dlq + self.failed_to_reach_dlq
    }
}

/// What stopped the failed invocations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndedBy {
    pub non_retryable_error: u64,
    pub maximum_retry_attempts: u64,
    pub maximum_event_age: u64,
}

/// Counts over the whole run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeSummary {
    pub events_ingested: u64,
    /// Sent to a partner source that is `PENDING` or `DELETED`.
    pub events_dropped_inactive_source: u64,
    /// Sent to a bus that does not exist (AWS accepts and discards them).
    pub events_to_unknown_bus: u64,
    pub events_unmatched: u64,
    pub events_matched: u64,
    pub invocations_created: u64,
    pub outcomes: OutcomeCounts,
    /// Delivered, but not at the first attempt.
    pub delivered_after_retries: u64,
    /// Created but not ended yet (non-zero only for an unfinished run).
    pub in_flight: u64,
    /// Held back by a rate limit until the maximum event age, without a single attempt.
    pub expired_before_first_attempt: u64,
    pub failures_ended_by: EndedBy,
    /// `ERROR_CODE` of every failed invocation.
    pub failures_by_error_code: BTreeMap<DeliveryErrorCode, u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleTotals {
    pub rule: String,
    pub bus: String,
    pub triggered: u64,
    /// Attempts delayed by a target's rate limit (the `ThrottledRules` metric).
    pub throttled: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetTotals {
    pub rule: String,
    pub target_id: String,
    pub invocations_created: u64,
    pub invocation_attempts: u64,
    pub retry_invocation_attempts: u64,
    pub outcomes: OutcomeCounts,
}

/// Everything a run produced. [`crate::Simulation::report`] can be called before the run ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub finished: bool,
    /// The latest simulated time anything happened at.
    pub simulated_until_ms: u64,
    pub summary: OutcomeSummary,
    pub totals: MetricTotals,
    pub per_minute: Vec<MinuteMetrics>,
    pub per_rule: Vec<RuleTotals>,
    pub per_target: Vec<TargetTotals>,
    /// Drill-down records of the first `options.keep_details_for_first_events` events.
    pub events: Vec<EventDetail>,
}
