//! What happened to events and invocations: error codes, final outcomes, DLQ messages and the
//! per-event drill-down records.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use aws_model::{DeliveryErrorCode, ExhaustedRetryCondition};

use crate::scenario::{EventSourceState, NonRetryableError, RetryableError};

/// How long a target may take before an attempt counts as `TIMEOUT` (the API destination client
/// timeout, used for every kind of target).
pub const TARGET_TIMEOUT_MS: u64 = aws_model::HTTP_TARGET_TIMEOUT_SECONDS * 1000;

/// Why one attempt failed, or why an invocation gave up before its next attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    Retryable(RetryableError),
    NonRetryable(NonRetryableError),
    /// The invocation waited behind the target's rate limit past the maximum event age.
    RateLimitBacklog,
}

impl Failure {
    pub(crate) fn code(self) -> DeliveryErrorCode {
        match self {
            Failure::Retryable(error) => error.code(),
            Failure::NonRetryable(error) => error.code(),
            Failure::RateLimitBacklog => DeliveryErrorCode::Throttling,
        }
    }

    pub(crate) fn message(self) -> String {
        match self {
            Failure::Retryable(error) => error.message(),
            Failure::NonRetryable(error) => error.message(),
            Failure::RateLimitBacklog => {
                "The invocation waited behind the target's rate limit until the maximum event age was reached.".into()
            }
        }
    }

    pub(crate) fn is_retryable(self) -> bool {
        !matches!(self, Failure::NonRetryable(_))
    }

    /// How long the target takes to give this answer.
    pub(crate) fn response_ms(self, latency_ms: u64) -> u64 {
        match self {
            Failure::Retryable(RetryableError::Timeout) => TARGET_TIMEOUT_MS,
            _ => latency_ms,
        }
    }
}

/// Why an invocation finally failed: the values of the DLQ message attributes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalFailure {
    pub at_ms: u64,
    pub error_code: DeliveryErrorCode,
    pub error_message: String,
    /// Absent when a non-retryable error ended delivery.
    pub exhausted_retry_condition: Option<ExhaustedRetryCondition>,
    /// Retries performed (attempts after the first).
    pub retry_attempts: u32,
}

/// The SQS message EventBridge sends to a dead-letter queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DlqMessage {
    pub queue_arn: String,
    /// The original event, as ingested.
    pub body: String,
    /// `RULE_ARN`, `TARGET_ARN`, `ERROR_CODE`, `ERROR_MESSAGE`, `EXHAUSTED_RETRY_CONDITION`
    /// (only when a retry limit ended delivery) and `RETRY_ATTEMPTS`, all SQS `String` attributes.
    pub attributes: BTreeMap<String, String>,
}

/// Why the message could not be put on the dead-letter queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DlqError {
    /// The queue does not exist or is unavailable.
    Unreachable,
    /// The queue policy does not let `events.amazonaws.com` send messages.
    MissingResourcePolicy { cross_account: bool },
}

/// The single way an invocation (one event for one target) ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// `attempt` is 1 for the first attempt; `latency_ms` runs from ingestion to the end of it.
    Delivered {
        attempt: u32,
        at_ms: u64,
        latency_ms: u64,
    },
    /// Failed without a dead-letter queue.
    Dropped { failure: FinalFailure },
    SentToDlq {
        failure: FinalFailure,
        message: DlqMessage,
    },
    FailedToReachDlq {
        failure: FinalFailure,
        dlq_error: DlqError,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum AttemptResult {
    Success,
    Failed {
        error_code: DeliveryErrorCode,
        retryable: bool,
    },
}

/// One attempt to invoke a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptRecord {
    /// 1 for the first attempt, 2 for the first retry, …
    pub number: u32,
    pub start_ms: u64,
    pub end_ms: u64,
    /// How long the rate limit held this attempt back.
    pub rate_limit_wait_ms: u64,
    pub result: AttemptResult,
}

/// One event's delivery to one target, attempt by attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvocationDetail {
    pub rule: String,
    pub target_id: String,
    pub attempts: Vec<AttemptRecord>,
    /// `None` while the invocation is still in flight.
    pub outcome: Option<Outcome>,
}

/// What happened to an event before any target was involved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "fate", rename_all = "kebab-case")]
pub enum EventFate {
    /// Sent to a partner source that is not `ACTIVE`: dropped before rules.
    DroppedInactiveSource {
        source: String,
        state: EventSourceState,
    },
    /// Sent to a bus the scenario does not declare: accepted and silently discarded, like AWS.
    UnknownBus {
        bus: String,
    },
    Unmatched {
        bus: String,
    },
    Matched {
        bus: String,
        rules: Vec<String>,
    },
}

/// The drill-down record of one ingested event (kept for the first N events only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDetail {
    /// Position in ingestion order.
    pub index: u32,
    pub ingested_at_ms: u64,
    pub body: String,
    pub fate: EventFate,
    pub invocations: Vec<InvocationDetail>,
}
