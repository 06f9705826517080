//! The AWS concepts of the playground, each in one place with its public source: account ids,
//! regions and partitions, ARNs, EventBridge's names (buses, the default bus, partner event
//! sources, rules), limits, the retry policy, target kinds, delivery error codes and API
//! exception names.
//!
//! Every constant and rule cites the AWS page (or the AWS SDK data) it comes from in its doc
//! comment; `README.md` lists each concept with the item that holds it. Plain data and pure
//! functions, so it builds for `wasm32-unknown-unknown` and every crate of the workspace can
//! use it.
//!
//! ```
//! use aws_model::{Arn, Partition, RetryPolicy, TargetKind};
//!
//! let arn = Arn::parse("arn:aws-cn:sqs:cn-north-1:123456789012:orders")?;
//! assert_eq!(arn.partition(), Partition::of_region("cn-north-1"));
//! assert_eq!(aws_model::sqs_queue_url(&arn), "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/orders");
//!
//! assert_eq!(RetryPolicy::default().maximum_retry_attempts, 185);
//! assert!(aws_model::check_target_arn(TargetKind::SqsQueue, &arn.to_string(), "cn-north-1").is_ok());
//! # Ok::<(), aws_model::ArnError>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod account;
mod api_error;
mod arn;
mod delivery_error;
mod events;
pub mod limits;
mod region;
mod retry;
mod string_enum;
mod target;
pub mod validation;

pub use account::{
    is_account_id, AccountId, AccountIdError, ACCOUNT_ID_DIGITS, ACCOUNT_ID_PATTERN,
};
pub use api_error::{messages as api_messages, ApiErrorCode};
pub use arn::{Arn, ArnError, MAX_ARN_CHARS};
pub use delivery_error::{
    dlq_attributes, is_final_http_status, is_retried_http_status, DeliveryErrorCode,
    ExhaustedRetryCondition, NonRetryableError, RetryableError, HTTP_TARGET_TIMEOUT_SECONDS,
};
pub use events::{
    check_event_bus_name, event_bus_arn, event_source_arn, has_partner_source_shape, is_name_char,
    is_partner_event_source_name, partition_for_region, partner_name, rule_arn, BusNameProblem,
    EventBusKind, EventBusNameError, EventSourceState, DEFAULT_EVENT_BUS, EVENT_BUS_NAME_PATTERN,
    MAX_EVENT_BUS_NAME_CHARS, MAX_PARTNER_EVENT_SOURCE_NAME_CHARS, MAX_RULE_NAME_CHARS,
    MAX_TARGET_ID_CHARS, NAME_PATTERN, PARTNER_EVENT_SOURCE_NAME_PATTERN,
    PARTNER_EVENT_SOURCE_PREFIX,
};
pub use region::{is_region_code, Partition};
pub use retry::{
    format_event_age, parse_event_age, parse_retry_attempts, RetryPolicy, RetryPolicyField,
    RetryPolicyProblem, DEFAULT_EVENT_AGE_SECONDS, DEFAULT_RETRY_ATTEMPTS, MAX_EVENT_AGE_SECONDS,
    MAX_RETRY_ATTEMPTS, MIN_EVENT_AGE_SECONDS,
};
pub use string_enum::UnknownName;
pub use target::{
    check_arn_fields, check_dead_letter_queue_arn, check_dead_letter_queue_name, check_role_arn,
    check_target_arn, example_arn, sqs_queue_url, ArnCheckError, TargetKind,
    FIFO_DEAD_LETTER_QUEUE_REFUSED,
};

#[doc(hidden)]
pub mod __private {
    pub use serde;
}
