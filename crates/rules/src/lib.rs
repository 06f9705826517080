#![forbid(unsafe_code)]
//! EventBridge rules as the playground models them: rules on event buses, their targets,
//! AWS's validation (with messages tied to form fields), input transformation, a persistent
//! rule store, and exports to the AWS CLI, CloudFormation and Terraform.
//!
//! Everything here is plain data and pure functions so the same code runs in the browser
//! (wasm32) and in tests.

mod arn;
mod dlq;
pub mod export;
mod field_error;
mod input;
mod retry;
mod rule;
mod store;
mod target;
mod target_kind;

pub use arn::{is_account_id, is_region_code, partition_for_region, Arn};
pub use dlq::{dead_letter_queue_policy, DeadLetterQueue};
pub use field_error::{FieldError, FieldErrors};
pub use input::{
    apply_input, InputContext, InputPathEntry, InputTransformer, NotDelivered, TargetInput,
    MAX_CONSTANT_INPUT_CHARS, MAX_INPUT_PATHS, MAX_INPUT_PATH_CHARS, MAX_INPUT_TEMPLATE_CHARS,
    PREDEFINED_PLACEHOLDERS,
};
pub use retry::{
    format_event_age, parse_event_age, parse_retry_attempts, RetryPolicy, MAX_EVENT_AGE_SECONDS,
    MAX_RETRY_ATTEMPTS, MIN_EVENT_AGE_SECONDS,
};
pub use rule::{
    check_event_bus_name, Rule, RuleState, Tag, DEFAULT_EVENT_BUS, MAX_DESCRIPTION_CHARS,
    MAX_EVENT_PATTERN_CHARS, MAX_RULE_NAME_CHARS, MAX_TAGS, MAX_TARGETS, TOO_MANY_TARGETS,
};
pub use store::{RuleKey, RuleStore, StoreError};
pub use target::{EcsLaunchType, EcsTask, RoleChoice, Target, TargetParameters};
pub use target_kind::{check_target_arn, example_arn, TargetKind};

#[cfg(test)]
mod tests;
