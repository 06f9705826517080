//! Why EventBridge failed to deliver an event to a target: the `ERROR_CODE` values, which
//! failures it retries, and which retry limit ended delivery.
//!
//! Sources:
//! - the `ERROR_CODE` and `EXHAUSTED_RETRY_CONDITION` message attributes of a dead-letter-queue
//!   message, and that missing permissions and a deleted target are not retried
//!   (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html>);
//! - HTTP targets: `429` and `5xx` are retried, other `4xx` not, requests time out after 5
//!   seconds and are retried
//!   (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html>);
//! - throttling, network problems and service-side errors are retried
//!   (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html>).

use std::fmt;

use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// The `ERROR_CODE` attribute of a dead-letter-queue message: every value AWS documents,
    /// in alphabetical order. The full list is on the current dead-letter-queue page (its
    /// Chinese edition, <https://docs.aws.amazon.com/zh_cn/eventbridge/latest/userguide/eb-rule-dlq.html>,
    /// showed all 21 when this was written; earlier editions listed five).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum DeliveryErrorCode {
        /// The connection to the target could not be made.
        ConnectionFailure = "CONNECTION_FAILURE",
        /// Sending to an event bus in another account failed.
        CrossAccountIngestionFailed = "CROSS_ACCOUNT_INGESTION_FAILED",
        /// Sending to an event bus in another region failed.
        CrossRegionIngestionFailed = "CROSS_REGION_INGESTION_FAILED",
        /// The target answered with an error.
        ErrorFromTarget = "ERROR_FROM_TARGET",
        /// The target rejected the events of a batch request.
        EventsInBatchRequestRejected = "EVENTS_IN_BATCH_REQUEST_REJECTED",
        /// EventBridge could not assume the target's IAM role.
        FailedToAssumeRole = "FAILED_TO_ASSUME_ROLE",
        /// An error inside EventBridge.
        InternalError = "INTERNAL_ERROR",
        /// The input for the target is not valid JSON.
        InvalidJson = "INVALID_JSON",
        /// A target parameter is not valid.
        InvalidParameter = "INVALID_PARAMETER",
        /// EventBridge is not allowed to invoke the target; not retried.
        NoPermissions = "NO_PERMISSIONS",
        /// The target does not exist (any more); not retried.
        NoResource = "NO_RESOURCE",
        /// The resource the target would create exists already.
        ResourceAlreadyExists = "RESOURCE_ALREADY_EXISTS",
        /// A limit of the target's service was reached.
        ResourceLimitExceeded = "RESOURCE_LIMIT_EXCEEDED",
        /// The target was being changed at the same time.
        ResourceModificationCollision = "RESOURCE_MODIFICATION_COLLISION",
        /// The call to the target failed in the client, e.g. an HTTP target's error status.
        SdkClientError = "SDK_CLIENT_ERROR",
        /// The event already crossed two accounts.
        ThirdAccountHopDetected = "THIRD_ACCOUNT_HOP_DETECTED",
        /// The event already crossed two regions.
        ThirdRegionHopDetected = "THIRD_REGION_HOP_DETECTED",
        /// The target throttled the call.
        Throttling = "THROTTLING",
        /// The target did not answer in time.
        Timeout = "TIMEOUT",
        /// Assuming the target's role failed for a passing reason.
        TransientAssumeRole = "TRANSIENT_ASSUME_ROLE",
        /// Anything else.
        Unknown = "UNKNOWN",
    }
}

impl DeliveryErrorCode {
    /// Whether AWS documents this code as retried (`Some(true)`), as not retried
    /// (`Some(false)`), or neither (`None`). `SDK_CLIENT_ERROR` depends on the HTTP status
    /// ([`is_retried_http_status`]), so it is `None` too.
    pub const fn documented_retry(self) -> Option<bool> {
        match self {
            DeliveryErrorCode::ConnectionFailure
            | DeliveryErrorCode::ErrorFromTarget
            | DeliveryErrorCode::Throttling
            | DeliveryErrorCode::Timeout => Some(true),
            DeliveryErrorCode::NoPermissions | DeliveryErrorCode::NoResource => Some(false),
            _ => None,
        }
    }
}

impl fmt::Display for DeliveryErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// True for the HTTP statuses EventBridge retries: `429` and `500..=599`.
pub const fn is_retried_http_status(status: u16) -> bool {
    status == 429 || (status >= 500 && status <= 599)
}

/// True for the HTTP statuses that fail at once without retry and can be simulated: `4xx`
/// other than `429`. (AWS does not retry `1xx` to `3xx` either, but those are not failures a
/// target answers with.)
pub const fn is_final_http_status(status: u16) -> bool {
    status >= 400 && status <= 499 && status != 429
}

/// How long an HTTP target may take to answer before the attempt fails with `TIMEOUT`.
pub const HTTP_TARGET_TIMEOUT_SECONDS: u64 = 5;

/// Failures EventBridge retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RetryableError {
    /// A service-side (5xx-like) error from an AWS target.
    ServerError,
    /// The target throttled the call.
    Throttling,
    /// No answer within [`HTTP_TARGET_TIMEOUT_SECONDS`].
    Timeout,
    /// The network connection could not be made.
    ConnectionFailure,
    /// HTTP targets only: a status [`is_retried_http_status`] accepts.
    HttpStatus(u16),
}

/// Failures EventBridge does not retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NonRetryableError {
    /// EventBridge is not allowed to invoke the target.
    NoPermissions,
    /// The target does not exist.
    NoResource,
    /// HTTP targets only: a status [`is_final_http_status`] accepts.
    HttpStatus(u16),
}

impl RetryableError {
    /// The `ERROR_CODE` a failed delivery reports.
    pub const fn code(self) -> DeliveryErrorCode {
        match self {
            RetryableError::ServerError => DeliveryErrorCode::ErrorFromTarget,
            RetryableError::Throttling => DeliveryErrorCode::Throttling,
            RetryableError::Timeout => DeliveryErrorCode::Timeout,
            RetryableError::ConnectionFailure => DeliveryErrorCode::ConnectionFailure,
            RetryableError::HttpStatus(_) => DeliveryErrorCode::SdkClientError,
        }
    }

    /// The HTTP status, for HTTP failures.
    pub const fn http_status(self) -> Option<u16> {
        match self {
            RetryableError::HttpStatus(status) => Some(status),
            _ => None,
        }
    }

    /// The `ERROR_MESSAGE` a failed delivery reports. For HTTP targets it follows AWS's
    /// `ApiDestination returned HTTP status <status>` (recorded with the response payload after
    /// it, which the simulation has none of).
    pub fn message(self) -> String {
        match self {
            RetryableError::ServerError => "The target answered with a service-side error.".into(),
            RetryableError::Throttling => {
                "The target rejected the call because it was throttled.".into()
            }
            RetryableError::Timeout => {
                format!("The target did not answer within {HTTP_TARGET_TIMEOUT_SECONDS} seconds.")
            }
            RetryableError::ConnectionFailure => {
                "The connection to the target could not be established.".into()
            }
            RetryableError::HttpStatus(status) => http_message(status),
        }
    }
}

impl NonRetryableError {
    /// The `ERROR_CODE` a failed delivery reports.
    pub const fn code(self) -> DeliveryErrorCode {
        match self {
            NonRetryableError::NoPermissions => DeliveryErrorCode::NoPermissions,
            NonRetryableError::NoResource => DeliveryErrorCode::NoResource,
            NonRetryableError::HttpStatus(_) => DeliveryErrorCode::SdkClientError,
        }
    }

    /// The HTTP status, for HTTP failures.
    pub const fn http_status(self) -> Option<u16> {
        match self {
            NonRetryableError::HttpStatus(status) => Some(status),
            _ => None,
        }
    }

    /// The `ERROR_MESSAGE` a failed delivery reports.
    pub fn message(self) -> String {
        match self {
            NonRetryableError::NoPermissions => {
                "EventBridge is not allowed to invoke the target.".into()
            }
            NonRetryableError::NoResource => "The target resource does not exist.".into(),
            NonRetryableError::HttpStatus(status) => http_message(status),
        }
    }
}

fn http_message(status: u16) -> String {
    format!("ApiDestination returned HTTP status {status}.")
}

/// The error code, and for HTTP failures the status: `ERROR_FROM_TARGET`,
/// `SDK_CLIENT_ERROR, HTTP 503`.
impl fmt::Display for RetryableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_code(f, self.code(), self.http_status())
    }
}

/// As for [`RetryableError`]: `NO_PERMISSIONS`, `SDK_CLIENT_ERROR, HTTP 403`.
impl fmt::Display for NonRetryableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_code(f, self.code(), self.http_status())
    }
}

fn write_code(
    f: &mut fmt::Formatter<'_>,
    code: DeliveryErrorCode,
    status: Option<u16>,
) -> fmt::Result {
    match status {
        Some(status) => write!(f, "{code}, HTTP {status}"),
        None => write!(f, "{code}"),
    }
}

crate::string_enum! {
    /// The `EXHAUSTED_RETRY_CONDITION` attribute: which retry limit ended delivery. Absent when
    /// a failure that is not retried ended it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ExhaustedRetryCondition {
        /// `MaximumRetryAttempts` retries were made.
        MaximumRetryAttempts = "MaximumRetryAttempts",
        /// The next retry would start at or after `MaximumEventAgeInSeconds`.
        MaximumEventAgeInSeconds = "MaximumEventAgeInSeconds",
    }
}

/// The SQS message attributes of a dead-letter-queue message, all of type `String`.
pub mod dlq_attributes {
    /// The ARN of the rule whose target failed.
    pub const RULE_ARN: &str = "RULE_ARN";
    /// The ARN of the target that failed.
    pub const TARGET_ARN: &str = "TARGET_ARN";
    /// A [`DeliveryErrorCode`](super::DeliveryErrorCode).
    pub const ERROR_CODE: &str = "ERROR_CODE";
    /// Free text.
    pub const ERROR_MESSAGE: &str = "ERROR_MESSAGE";
    /// An [`ExhaustedRetryCondition`](super::ExhaustedRetryCondition), when a limit ended delivery.
    pub const EXHAUSTED_RETRY_CONDITION: &str = "EXHAUSTED_RETRY_CONDITION";
    /// How many retries were made.
    pub const RETRY_ATTEMPTS: &str = "RETRY_ATTEMPTS";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_code_is_listed_once() {
        assert_eq!(DeliveryErrorCode::ALL.len(), 21);
        let mut names = DeliveryErrorCode::NAMES.to_vec();
        let listed = names.clone();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names, listed, "alphabetical and distinct");
    }

    #[test]
    fn http_statuses_split_at_429_and_5xx() {
        for status in 100..=599u16 {
            let retried = status == 429 || status >= 500;
            assert_eq!(is_retried_http_status(status), retried, "{status}");
            assert_eq!(
                is_final_http_status(status),
                (400..500).contains(&status) && !retried,
                "{status}"
            );
        }
    }

    #[test]
    fn codes_of_the_simulated_failures_agree_with_the_documented_retry() {
        let retryable = [
            RetryableError::ServerError,
            RetryableError::Throttling,
            RetryableError::Timeout,
            RetryableError::ConnectionFailure,
        ];
        for error in retryable {
            assert_eq!(error.code().documented_retry(), Some(true), "{error:?}");
        }
        for error in [
            NonRetryableError::NoPermissions,
            NonRetryableError::NoResource,
        ] {
            assert_eq!(error.code().documented_retry(), Some(false), "{error:?}");
        }
    }

    /// Regression: the simulator reported an HTTP 503 as `SDK_CLIENT_ERROR` while the page
    /// described the same failure as "HTTP 503"; both now show AWS's code with the status.
    #[test]
    fn regression_http_failures_show_the_code_and_the_status() {
        let table = [
            (
                RetryableError::HttpStatus(503).to_string(),
                "SDK_CLIENT_ERROR, HTTP 503",
            ),
            (RetryableError::ServerError.to_string(), "ERROR_FROM_TARGET"),
            (
                NonRetryableError::HttpStatus(403).to_string(),
                "SDK_CLIENT_ERROR, HTTP 403",
            ),
            (
                NonRetryableError::NoPermissions.to_string(),
                "NO_PERMISSIONS",
            ),
        ];
        for (got, want) in table {
            assert_eq!(got, want);
        }
        assert_eq!(
            RetryableError::HttpStatus(429).message(),
            "ApiDestination returned HTTP status 429."
        );
    }

    #[test]
    fn serde_names_are_the_simulator_scenario_names() {
        let json =
            serde_json::to_string(&[RetryableError::ServerError, RetryableError::HttpStatus(503)])
                .unwrap();
        assert_eq!(json, r#"["server-error",{"http-status":503}]"#);
        assert_eq!(
            serde_json::to_string(&DeliveryErrorCode::SdkClientError).unwrap(),
            "\"SDK_CLIENT_ERROR\""
        );
        assert_eq!(
            serde_json::to_string(&ExhaustedRetryCondition::MaximumEventAgeInSeconds).unwrap(),
            "\"MaximumEventAgeInSeconds\""
        );
    }
}
