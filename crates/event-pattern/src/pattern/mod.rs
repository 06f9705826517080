//! Event patterns: parsing, validation and compilation into sub-rules.

mod case;
mod compile;
mod condition;
mod ip;
mod text;

pub use condition::{Bound, Condition, Exclusion, IpAddressValue, NumericRange};
pub use ip::CidrRange;
pub use text::{CaseInsensitive, Wildcard};

pub(crate) use condition::{comparable_number, ScalarRef};
pub(crate) use ip::{parse_ip, IpAddress};

use crate::error::{LocationSuffix, PatternError, PatternErrorKind, MAX_PATTERN_LENGTH};
use crate::json::Span;
use compile::{Entry, ObjectNode};
use serde::Serialize;

/// Most rule combinations `$or` may produce (EventBridge documents "more than 1000" as invalid).
pub const MAX_OR_COMBINATIONS: usize = 1000;

/// Most wildcard-automaton states that may be active at once on one field (see DESIGN.md).
pub const MAX_WILDCARD_ACTIVE_STATES: usize = 10;

/// Exploring more state sets than this is itself "too complex" (keeps the check fast).
const MAX_WILDCARD_STATE_SETS: usize = 2000;

const TOO_COMPLEX: &str = "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character";

/// One leaf of a pattern: a dot-joined field path and the conditions listed for it (any may match).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// Event field path with keys joined by dots, e.g. `detail.state`.
    pub path: String,
    /// JSON pointer of the leaf array in the pattern, e.g. `/detail/state`.
    pub pointer: String,
    /// Byte span of the key in the pattern text.
    pub key_span: Span,
    /// Byte span of the leaf array in the pattern text.
    pub span: Span,
    /// The conditions of the leaf array, in order (any may match).
    pub conditions: Vec<Condition>,
    /// Byte span of each condition in the pattern text.
    pub condition_spans: Vec<Span>,
}

/// One alternative of a pattern after `$or` expansion: every field must match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubRule {
    /// Indices into [`Pattern::fields`], one per path, in the order event-ruler reads them:
    /// sorted by path, comparing UTF-16 code units as Java's `String.compareTo` does.
    fields: Vec<usize>,
}

impl SubRule {
    /// Indices into [`Pattern::fields`], in event-ruler's reading order (sorted by path).
    pub fn field_indices(&self) -> &[usize] {
        &self.fields
    }
}

/// A compiled event pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    text: String,
    fields: Vec<Field>,
    sub_rules: Vec<SubRule>,
}

impl Pattern {
    /// Parses and validates a pattern as EventBridge's `TestEventPattern`/`PutRule` would.
    pub fn parse(text: &str) -> Result<Pattern, PatternError> {
        let length = text.encode_utf16().count();
        if length > MAX_PATTERN_LENGTH {
            return Err(PatternError::new(
                PatternErrorKind::TooLong,
                format!("Member must have length less than or equal to {MAX_PATTERN_LENGTH}"),
                text,
                Span::new(0, text.len()),
                "",
                LocationSuffix::None,
            ));
        }
        let compiled = compile::compile(text)?;
        let combinations = count_combinations(&compiled.root);
        if combinations > MAX_OR_COMBINATIONS as u64 {
            let span = first_or_key(&compiled.root).unwrap_or(Span::new(0, text.len()));
            let shown = if combinations == u64::MAX {
                "too many".to_owned()
            } else {
                combinations.to_string()
            };
            return Err(PatternError::new(
                PatternErrorKind::Invalid,
                format!(
                    "The $or relationships produce more than {MAX_OR_COMBINATIONS} rule combinations ({shown})"
                ),
                text,
                span,
                "",
                LocationSuffix::None,
            ));
        }
        check_wildcard_complexity(text, &compiled.fields)?;
        let mut assignments = vec![Vec::new()];
        expand(&compiled.root, &mut assignments);
        let sub_rules = assignments
            .into_iter()
            .map(|assigned| {
                // event-ruler reads a sub-rule's fields in Java's string order (UTF-16 units),
                // which `exists: false` depends on (see `crate::consistency`). A path assigned
                // twice keeps the later leaf, like event-ruler's overriding compiler: the later
                // comes first among equal paths and the others go.
                let path = |index: usize| compiled.fields[index].path.as_str();
                let mut by_order: Vec<(usize, usize)> = assigned.into_iter().enumerate().collect();
                crate::sort::unstable_by(&mut by_order, |&(a_at, a), &(b_at, b)| {
                    utf16_order(path(a), path(b)).then(b_at.cmp(&a_at))
                });
                by_order.dedup_by(|(_, other), (_, kept)| path(*other) == path(*kept));
                let fields = by_order.into_iter().map(|(_, index)| index).collect();
                SubRule { fields }
            })
            .collect();
        Ok(Pattern {
            text: text.to_owned(),
            fields: compiled.fields,
            sub_rules,
        })
    }

    /// The source text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every leaf in document order (including leaves overridden by a later duplicate).
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// The alternatives after `$or` expansion, in event-ruler's order.
    pub fn sub_rules(&self) -> &[SubRule] {
        &self.sub_rules
    }

    /// Fields of one sub-rule.
    pub fn sub_rule_fields<'p>(
        &'p self,
        rule: &'p SubRule,
    ) -> impl Iterator<Item = &'p Field> + 'p {
        rule.fields.iter().map(move |&i| &self.fields[i])
    }

    /// Does the event match? (AWS's `TestEventPattern` result.)
    pub fn matches(&self, event: &crate::Event) -> bool {
        self.sub_rules
            .iter()
            .any(|rule| crate::matcher::evaluate(self, rule, event).is_ok())
    }
}

/// Java's `String.compareTo`: by UTF-16 code units (differs from Rust's byte order only between
/// characters above U+FFFF and those from U+E000 to U+FFFF).
pub(crate) fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Number of sub-rules the `$or`s produce, saturating at `u64::MAX`.
fn count_combinations(node: &ObjectNode) -> u64 {
    node.entries.iter().fold(1u64, |product, entry| {
        let factor = match entry {
            Entry::Leaf(_) => 1,
            Entry::Object(child) => count_combinations(child),
            Entry::Or { branches, .. } => branches
                .iter()
                .fold(0u64, |sum, b| sum.saturating_add(count_combinations(b))),
        };
        product.saturating_mul(factor)
    })
}

fn first_or_key(node: &ObjectNode) -> Option<Span> {
    node.entries.iter().find_map(|entry| match entry {
        Entry::Leaf(_) => None,
        Entry::Object(child) => first_or_key(child),
        Entry::Or { key_span, .. } => Some(*key_span),
    })
}

/// Cartesian expansion in document order: each assignment lists leaf indices, later ones overriding.
fn expand(node: &ObjectNode, assignments: &mut Vec<Vec<usize>>) {
    for entry in &node.entries {
        match entry {
            Entry::Leaf(index) => assignments.iter_mut().for_each(|a| a.push(*index)),
            Entry::Object(child) => expand(child, assignments),
            Entry::Or { branches, .. } => {
                let current = std::mem::take(assignments);
                for branch in branches {
                    let mut copy = current.clone();
                    expand(branch, &mut copy);
                    assignments.extend(copy);
                }
            }
        }
    }
}

/// Rejects wildcards that would make matching too non-deterministic: all wildcards on one path
/// share an automaton, and too many of its states may be active at once.
fn check_wildcard_complexity(text: &str, fields: &[Field]) -> Result<(), PatternError> {
    // By path: the wildcards and the first one's span. Few fields have wildcards, so a list.
    let mut by_path: Vec<(&str, Vec<&Wildcard>, Span)> = Vec::new();
    for field in fields {
        for (condition, span) in field.conditions.iter().zip(&field.condition_spans) {
            if let Condition::Wildcard { value } = condition {
                let at = match by_path.iter().position(|(path, ..)| *path == field.path) {
                    Some(at) => at,
                    None => {
                        by_path.push((&field.path, Vec::new(), *span));
                        by_path.len() - 1
                    }
                };
                let wildcards = &mut by_path[at].1;
                if !wildcards.contains(&value) {
                    wildcards.push(value);
                }
            }
        }
    }
    // The first path in byte order that is too complex is the one reported.
    crate::sort::unstable_by(&mut by_path, |a, b| a.0.cmp(b.0));
    for (_, wildcards, span) in &by_path {
        let active = text::max_active_states(
            wildcards,
            MAX_WILDCARD_STATE_SETS,
            MAX_WILDCARD_ACTIVE_STATES,
        );
        if active.is_none_or(|n| n > MAX_WILDCARD_ACTIVE_STATES) {
            return Err(PatternError::new(
                PatternErrorKind::Invalid,
                TOO_COMPLEX,
                text,
                *span,
                "",
                LocationSuffix::None,
            ));
        }
    }
    Ok(())
}

/// The complexity measure behind "Rule is too complex", for one field's wildcard strings (exposed
/// so tools can show how close a pattern is to the limit). `None` if a wildcard is malformed or the
/// measure exceeds what we explore.
pub fn wildcard_complexity(wildcards: &[&str]) -> Option<usize> {
    let parsed: Vec<Wildcard> = wildcards
        .iter()
        .map(|w| Wildcard::parse(w).ok())
        .collect::<Option<_>>()?;
    let refs: Vec<&Wildcard> = parsed.iter().collect();
    text::max_active_states(&refs, MAX_WILDCARD_STATE_SETS, usize::MAX)
}
