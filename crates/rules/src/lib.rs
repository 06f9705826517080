#![forbid(unsafe_code)]
//! EventBridge rules as the playground models them: rules on event buses, their targets,
//! AWS's validation (with messages tied to form fields), input transformation, a persistent
//! rule store, and exports to the AWS CLI, CloudFormation and Terraform.
//!
//! The AWS facts the validation relies on (account ids, regions and partitions, ARNs, names,
//! limits, the retry policy, target kinds) come from `aws_model`; this crate ties them to the
//! fields of a rule. [`RetryPolicy`] and [`TargetKind`] are re-exported because a [`Target`]
//! holds them.
//!
//! Everything here is plain data and pure functions so the same code runs in the browser
//! (wasm32) and in tests.

mod dlq;
pub mod export;
mod field_error;
mod input;
mod rule;
mod store;
mod target;

pub use aws_model::{RetryPolicy, TargetKind};
pub use dlq::{dead_letter_queue_policy, DeadLetterQueue};
pub use field_error::{FieldError, FieldErrors};
pub use input::{
    apply_input, InputContext, InputPathEntry, InputTransformer, NotDelivered, TargetInput,
    MAX_CONSTANT_INPUT_CHARS, MAX_INPUT_PATHS, MAX_INPUT_PATH_CHARS, MAX_INPUT_TEMPLATE_CHARS,
    PREDEFINED_PLACEHOLDERS,
};
pub use rule::{Rule, RuleState, Tag};
pub use store::{RuleKey, RuleStore, StoreError};
pub use target::{EcsLaunchType, EcsTask, RoleChoice, Target, TargetParameters};

// For the modules (and their tests) that name these through the crate root.
#[allow(unused_imports)]
pub(crate) use aws_model::example_arn;

#[cfg(test)]
mod tests;
