//! Amazon EventBridge event patterns: parsing, validation, matching and explanations, giving the
//! answers and error messages AWS gives (see `DESIGN.md` for the decisions behind the details).
//!
//! ```
//! use event_pattern::{Event, Pattern};
//!
//! let pattern = Pattern::parse(r#"{"source": [{"prefix": "aws."}]}"#).unwrap();
//! let event = Event::parse_any(r#"{"source": "aws.ec2"}"#).unwrap();
//! assert!(pattern.matches(&event));
//!
//! let error = Pattern::parse(r#"{"source": []}"#).unwrap_err();
//! assert_eq!(error.message(), "Event pattern is not valid. Reason: Empty arrays are not allowed");
//! ```
#![forbid(unsafe_code)]

mod consistency;
mod engine;
mod error;
mod event;
mod explain;
mod hash;
pub mod json;
mod matcher;
mod pattern;
pub mod reference;

pub use engine::RuleSet;
pub use error::{EventError, PatternError, MAX_PATTERN_LENGTH};
pub use event::{Event, REQUIRED_FIELDS};
pub use explain::{
    explain, ArrayElement, BranchExplanation, ConditionExplanation, Explanation, FieldExplanation,
    FieldNote, FieldNoteKind, FieldOutcome, ValueExplanation,
};
pub use json::Span;
pub use pattern::{
    wildcard_complexity, Bound, CaseInsensitive, CidrRange, Condition, Exclusion, Field,
    IpAddressValue, NumericRange, Pattern, SubRule, Wildcard, MAX_OR_COMBINATIONS,
    MAX_WILDCARD_ACTIVE_STATES,
};
