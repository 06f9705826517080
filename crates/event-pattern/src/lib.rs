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
//!
//! [`RuleSet`] matches many named patterns at once; [`explain()`] says field by field why a pattern
//! matches or not. The `reference` feature adds `reference`, a slow interpreter written straight
//! from event-ruler's semantics that the tests check the matcher against.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod consistency;
mod engine;
mod error;
mod event;
mod explain;
mod hash;
// The JSON reader's public items are documented and narrowed by its own change (owned elsewhere).
#[allow(missing_docs)]
pub mod json;
mod matcher;
mod pattern;
#[cfg(feature = "reference")]
pub mod reference;
mod sort;

pub use engine::RuleSet;
pub use error::{EventError, PatternError, MAX_PATTERN_LENGTH};
pub use event::{Event, REQUIRED_FIELDS};
pub use explain::{
    explain, ArrayElement, BranchExplanation, ConditionExplanation, Explanation, FieldExplanation,
    FieldNote, FieldNoteKind, FieldOutcome, ValueExplanation, MAX_LISTED_ARRAYS, MAX_LISTED_VALUES,
};
pub use json::Span;
pub use pattern::{
    wildcard_complexity, Bound, CaseInsensitive, CidrRange, Condition, Exclusion, Field,
    IpAddressValue, NumericRange, Pattern, SubRule, Wildcard, MAX_OR_COMBINATIONS,
    MAX_WILDCARD_ACTIVE_STATES,
};
