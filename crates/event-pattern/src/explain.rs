//! A readable account of why a pattern matches an event or not.

use crate::consistency::{Order, ROOT_ELEMENT};
use crate::event::Event;
use crate::json::Span;
use crate::matcher::{accepting_condition, evaluate, evaluate_in, Choice, Failure};
use crate::pattern::{CaseInsensitive, Condition, Exclusion, Field, Pattern, SubRule};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// The result of [`explain`]: one entry per `$or` branch (sub-rule).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// Does the pattern match (some branch matched)?
    pub matched: bool,
    /// 0-based index of the first branch that matched.
    pub matched_branch: Option<usize>,
    /// Every branch, in the order EventBridge expands `$or`.
    pub branches: Vec<BranchExplanation>,
}

/// One `$or` branch (the whole pattern when it has no `$or`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BranchExplanation {
    /// Did every field of the branch match together?
    pub matched: bool,
    /// Set when every field could match alone but not within one element of each array.
    pub array_conflict: bool,
    /// The branch's fields, in the order the pattern writes them.
    pub fields: Vec<FieldExplanation>,
}

/// One field of a branch: its conditions, the event's values at its path and what came of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldExplanation {
    /// Dot-joined path, e.g. `detail.state`.
    pub path: String,
    /// Span of the field's key in the pattern text.
    pub key_span: Span,
    /// Span of the field's leaf array in the pattern text.
    pub pattern_span: Span,
    /// The field's conditions (any of them may match).
    pub conditions: Vec<ConditionExplanation>,
    /// Event values found at the path, in document order: the first [`MAX_LISTED_VALUES`], and
    /// the one the outcome names if it comes later.
    pub values: Vec<ValueExplanation>,
    /// How many values the event has at the path.
    pub value_count: usize,
    /// What came of the field.
    pub outcome: FieldOutcome,
    /// What the outcome alone does not tell: where EventBridge's engine behaves in a way a reader
    /// would not guess.
    pub notes: Vec<FieldNote>,
}

/// A remark on one field, with a sentence for people.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldNote {
    /// What kind of remark, with its details.
    #[serde(flatten)]
    pub kind: FieldNoteKind,
    /// The remark in words, e.g. "`exists: false` on `discount` is checked before …".
    pub message: String,
}

/// The kinds of [`FieldNote`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum FieldNoteKind {
    /// This field's `exists: false` failed only because EventBridge checks it before the fields
    /// whose paths sort after it pick their array elements (event-ruler reads a rule's fields in
    /// sorted order); with those elements picked first, the field would have been absent.
    AbsenceCheckedInKeyOrder {
        /// Paths of the fields, sorted after this one, whose values would have ruled out the
        /// value found.
        later_fields: Vec<String>,
        /// Index (into the field's `values`) of a value that counts at that point.
        value: usize,
    },
    /// A case-insensitive condition holds characters outside Unicode's Basic Multilingual Plane
    /// (such as emoji), which EventBridge compares as `??` each.
    CaseInsensitiveOutsideBmp {
        /// Index of the condition.
        condition: usize,
        /// The condition's text as EventBridge compares it.
        compared_as: String,
    },
}

/// One condition of a field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConditionExplanation {
    /// Human description, e.g. `prefix "aws."`.
    pub description: String,
    /// Span in the pattern text.
    pub span: Span,
}

/// One event value at a field's path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueExplanation {
    /// The value's JSON text as written in the event.
    pub text: String,
    /// Span in the event text.
    pub span: Span,
    /// Index of the first condition accepting this value on its own.
    pub accepted_by: Option<usize>,
    /// The array elements holding this value, outermost first (at most [`MAX_LISTED_ARRAYS`],
    /// the innermost ones).
    pub elements: Vec<ArrayElement>,
    /// How many enclosing arrays, outside those listed, are left out.
    pub outer_arrays: usize,
}

/// An array element holding a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArrayElement {
    /// Dot-joined path of the array.
    pub array_path: String,
    /// Span of the array in the event text.
    pub array_span: Span,
    /// 0-based element index.
    pub index: usize,
}

/// What happened to one field. Indices point into the field's `values` and `conditions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum FieldOutcome {
    /// This value satisfied this condition in the matching combination.
    Matched {
        /// Index into the field's `values`.
        value: usize,
        /// Index into the field's `conditions`.
        condition: usize,
    },
    /// The field is absent, as its `exists: false` condition asks.
    Absent {
        /// Index of the `exists: false` condition.
        condition: usize,
    },
    /// A value satisfies a condition, but the branch failed elsewhere.
    Satisfiable {
        /// Index into the field's `values`.
        value: usize,
        /// Index into the field's `conditions`.
        condition: usize,
    },
    /// No value at this path.
    Missing,
    /// Values exist, but none satisfies any condition.
    Rejected,
}

/// Explains `pattern` against `event`. Agrees with [`Pattern::matches`] by construction: both use
/// the same evaluation of each branch.
pub fn explain(pattern: &Pattern, event: &Event) -> Explanation {
    let mut branches = Vec::with_capacity(pattern.sub_rules().len());
    let mut array_paths: HashMap<usize, String> = HashMap::new();
    for rule in pattern.sub_rules() {
        let outcome = evaluate(pattern, rule, event);
        let order_notes = match outcome {
            Err(_) => absence_order_notes(pattern, rule, event),
            _ => Vec::new(),
        };
        let mut fields = Vec::new();
        // People read fields in the order they wrote them (field indices follow the text).
        let mut slots: Vec<(usize, usize)> =
            rule.field_indices().iter().copied().enumerate().collect();
        // Field indices are unique within a sub-rule, so the order is fully determined.
        crate::sort::unstable_by_key(&mut slots, |&(_, index)| index);
        for (slot, index) in slots {
            let field = &pattern.fields()[index];
            let leaves = event.leaves_at(&field.path);
            // Which value each outcome points at, by position among the field's leaves.
            let (outcome_leaf, field_outcome) = match &outcome {
                Ok(choices) => match choices[slot] {
                    Choice::Value { leaf, condition } => (
                        leaves.iter().position(|&l| l as usize == leaf),
                        FieldOutcome::Matched {
                            value: 0,
                            condition,
                        },
                    ),
                    Choice::Absent { condition } => (None, FieldOutcome::Absent { condition }),
                },
                Err(_) => {
                    let accepted = leaves.iter().enumerate().find_map(|(i, &leaf)| {
                        accepting_condition(field, event, leaf as usize).map(|c| (i, c))
                    });
                    match (
                        accepted,
                        field.conditions.iter().position(|c| c.is_absence()),
                    ) {
                        (Some((at, condition)), _) => (
                            Some(at),
                            FieldOutcome::Satisfiable {
                                value: 0,
                                condition,
                            },
                        ),
                        (None, Some(condition)) if leaves.is_empty() => {
                            (None, FieldOutcome::Absent { condition })
                        }
                        (None, _) if leaves.is_empty() => (None, FieldOutcome::Missing),
                        (None, _) => (None, FieldOutcome::Rejected),
                    }
                }
            };
            // The first values, and the one the outcome names (memory stays bounded on huge
            // arrays; `value_count` tells how many there are).
            let mut notes: Vec<FieldNote> = order_notes
                .iter()
                .filter(|(position, _)| *position == slot)
                .map(|(_, note)| note.clone())
                .collect();
            let mut listed: Vec<usize> = (0..leaves.len().min(MAX_LISTED_VALUES)).collect();
            let named = notes.iter().filter_map(|n| match n.kind {
                FieldNoteKind::AbsenceCheckedInKeyOrder { value, .. } => Some(value),
                _ => None,
            });
            for at in outcome_leaf.into_iter().chain(named) {
                if !listed.contains(&at) {
                    listed.push(at);
                }
            }
            for note in &mut notes {
                if let FieldNoteKind::AbsenceCheckedInKeyOrder { value, .. } = &mut note.kind {
                    *value = listed.iter().position(|&l| l == *value).unwrap_or(0);
                }
            }
            notes.extend(case_notes(field));
            let values: Vec<ValueExplanation> = listed
                .iter()
                .map(|&at| value_explanation(field, event, leaves[at] as usize, &mut array_paths))
                .collect();
            let field_outcome = match (field_outcome, outcome_leaf) {
                (FieldOutcome::Matched { condition, .. }, Some(at)) => FieldOutcome::Matched {
                    value: listed.iter().position(|&l| l == at).unwrap_or(0),
                    condition,
                },
                (FieldOutcome::Satisfiable { condition, .. }, Some(at)) => {
                    FieldOutcome::Satisfiable {
                        value: listed.iter().position(|&l| l == at).unwrap_or(0),
                        condition,
                    }
                }
                (other, _) => other,
            };
            fields.push(FieldExplanation {
                path: field.path.clone(),
                key_span: field.key_span,
                pattern_span: field.span,
                conditions: field
                    .conditions
                    .iter()
                    .zip(&field.condition_spans)
                    .map(|(c, span)| ConditionExplanation {
                        description: c.to_string(),
                        span: *span,
                    })
                    .collect(),
                value_count: leaves.len(),
                values,
                outcome: field_outcome,
                notes,
            });
        }
        branches.push(BranchExplanation {
            matched: outcome.is_ok(),
            // A failure the key order explains is told by the field's note instead.
            array_conflict: outcome == Err(Failure::NoConsistentCombination)
                && order_notes.is_empty(),
            fields,
        });
    }
    let matched_branch = branches.iter().position(|b| b.matched);
    Explanation {
        matched: matched_branch.is_some(),
        matched_branch,
        branches,
    }
}

/// Notes for the `exists: false` fields of a failed sub-rule that would have held had every chosen
/// value (not only those of fields sorted before them) pinned its array elements: (position in
/// the sub-rule, note).
fn absence_order_notes(
    pattern: &Pattern,
    rule: &SubRule,
    event: &Event,
) -> Vec<(usize, FieldNote)> {
    let Ok(choices) = evaluate_in(pattern, rule, event, Order::Independent) else {
        return Vec::new();
    };
    let fields = pattern.fields();
    let indices = rule.field_indices();
    // (position, element) of every value chosen inside an array.
    let pinning: Vec<(usize, u32)> = choices
        .iter()
        .enumerate()
        .filter_map(|(position, choice)| match *choice {
            Choice::Value { leaf, .. } => Some((position, event.leaf(leaf).element)),
            Choice::Absent { .. } => None,
        })
        .filter(|&(_, element)| element != ROOT_ELEMENT)
        .collect();
    let mut notes = Vec::new();
    for (position, choice) in choices.iter().enumerate() {
        if !matches!(choice, Choice::Absent { .. }) {
            continue;
        }
        let field = &fields[indices[position]];
        let leaves = event.leaves_at(&field.path);
        // A value that no earlier field rules out: only later ones do.
        // (The first values suffice for an example; the scan stays bounded on huge arrays.)
        let found = leaves
            .iter()
            .take(MAX_NOTE_SCAN)
            .enumerate()
            .find_map(|(value, &leaf)| {
                let element = event.leaf(leaf as usize).element;
                let clashing: Vec<usize> = pinning
                    .iter()
                    .filter(|&&(_, pinned)| clash(event, pinned, element))
                    .map(|&(p, _)| p)
                    .collect();
                (!clashing.is_empty() && clashing.iter().all(|&p| p > position))
                    .then_some((value, clashing))
            });
        let Some((value, clashing)) = found else {
            continue;
        };
        let later_fields: Vec<String> = clashing
            .iter()
            .map(|&p| fields[indices[p]].path.clone())
            .collect();
        let leaf = event.leaf(leaves[value] as usize);
        let shown = &event.text()[leaf.span().range()];
        let chain = event.element_chain(leaf.element);
        let place = match chain.last() {
            Some(&(array, index)) => format!(
                " (element {index} of {})",
                array_name(&event.array_path(array))
            ),
            None => String::new(),
        };
        let key = field.path.rsplit('.').next().unwrap_or(&field.path);
        let message = format!(
            "`exists: false` on `{}` is checked before {} {} an element, because EventBridge reads \
             a rule's fields in sorted order; at that point every element counts, and {shown}{place} \
             is a value of `{}`. To check the absence only in the element the other fields use, also \
             require a field that every element has and whose name sorts before `{key}` (for \
             example with {{\"exists\": true}}).",
            field.path,
            later_fields
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(" and "),
            if later_fields.len() == 1 { "picks" } else { "pick" },
            field.path,
        );
        notes.push((
            position,
            FieldNote {
                kind: FieldNoteKind::AbsenceCheckedInKeyOrder {
                    later_fields,
                    value,
                },
                message,
            },
        ));
    }
    notes
}

/// Values of an absent field looked at for the key-order note.
const MAX_NOTE_SCAN: usize = 1000;

/// Do two array elements sit in different elements of one array?
fn clash(event: &Event, a: u32, b: u32) -> bool {
    let outer: std::collections::HashMap<usize, usize> =
        event.element_chain(a).into_iter().collect();
    event
        .element_chain(b)
        .into_iter()
        .any(|(array, index)| outer.get(&array).is_some_and(|&i| i != index))
}

fn array_name(path: &str) -> &str {
    if path.is_empty() {
        "the top-level array"
    } else {
        path
    }
}

/// Notes for case-insensitive conditions with characters EventBridge cannot compare.
fn case_notes(field: &Field) -> Vec<FieldNote> {
    let mut notes = Vec::new();
    for (index, condition) in field.conditions.iter().enumerate() {
        let (texts, excluding): (Vec<&CaseInsensitive>, bool) = match condition {
            Condition::EqualsIgnoreCase { value }
            | Condition::PrefixIgnoreCase { value }
            | Condition::SuffixIgnoreCase { value } => (vec![value], false),
            Condition::AnythingBut {
                excluded: Exclusion::EqualsIgnoreCase(list),
            } => (list.iter().collect(), true),
            _ => continue,
        };
        for text in texts {
            let Some(compared_as) = text.as_compared() else {
                continue;
            };
            let mut characters: Vec<char> = text
                .as_str()
                .chars()
                .filter(|c| c.len_utf16() == 2)
                .collect();
            characters.dedup();
            let such: String = characters
                .iter()
                .take(3)
                .map(char::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            let effect = if excluding {
                "only rules out values"
            } else {
                "only matches values"
            };
            let message = format!(
                "EventBridge's case-insensitive comparison does not handle characters such as {such}: \
             it compares each as ??, so this condition {effect} with ?? in their place (it reads {}).",
                crate::json::quote(&compared_as)
            );
            notes.push(FieldNote {
                kind: FieldNoteKind::CaseInsensitiveOutsideBmp {
                    condition: index,
                    compared_as,
                },
                message,
            });
        }
    }
    notes
}

/// Most values listed per field (besides the one the outcome names).
pub const MAX_LISTED_VALUES: usize = 50;

/// Most arrays listed per value, innermost first kept.
pub const MAX_LISTED_ARRAYS: usize = 16;

fn value_explanation(
    field: &Field,
    event: &Event,
    leaf: usize,
    array_paths: &mut HashMap<usize, String>,
) -> ValueExplanation {
    let l = event.leaf(leaf);
    let mut chain = event.element_chain(l.element);
    let outer_arrays = chain.len().saturating_sub(MAX_LISTED_ARRAYS);
    chain.drain(..outer_arrays);
    ValueExplanation {
        text: event.text()[l.span().range()].to_owned(),
        span: l.span(),
        accepted_by: accepting_condition(field, event, leaf),
        elements: chain
            .into_iter()
            .map(|(array, index)| ArrayElement {
                array_path: array_paths
                    .entry(array)
                    .or_insert_with(|| event.array_path(array))
                    .clone(),
                array_span: event.array_span(array),
                index,
            })
            .collect(),
        outer_arrays,
    }
}

const SHOWN_VALUES: usize = 5;

fn values_summary(values: &[ValueExplanation], count: usize) -> String {
    if values.is_empty() {
        return "(absent)".to_owned();
    }
    let mut shown: Vec<&str> = values
        .iter()
        .take(SHOWN_VALUES)
        .map(|v| v.text.as_str())
        .collect();
    let more = count.saturating_sub(SHOWN_VALUES);
    let extra = if more > 0 {
        format!(", … {more} more")
    } else {
        String::new()
    };
    if count == 1 {
        return shown.remove(0).to_owned();
    }
    format!("[{}{extra}]", shown.join(", "))
}

fn element_note(value: &ValueExplanation) -> String {
    match value.elements.last() {
        Some(e) => format!(
            " (element {} of {})",
            e.index,
            if e.array_path.is_empty() {
                "the top-level array"
            } else {
                &e.array_path
            }
        ),
        None => String::new(),
    }
}

impl FieldExplanation {
    fn verdict(&self) -> String {
        let conditions = || {
            self.conditions
                .iter()
                .map(|c| c.description.as_str())
                .collect::<Vec<_>>()
                .join(" or ")
        };
        match self.outcome {
            FieldOutcome::Matched { value, condition } => {
                let v = &self.values[value];
                format!(
                    "= {} matched {}{}",
                    v.text,
                    self.conditions[condition].description,
                    element_note(v)
                )
            }
            FieldOutcome::Absent { .. } => "absent, as exists false asks".to_owned(),
            FieldOutcome::Satisfiable { value, condition } => {
                let v = &self.values[value];
                format!(
                    "{} satisfies {}{}",
                    v.text,
                    self.conditions[condition].description,
                    element_note(v)
                )
            }
            FieldOutcome::Missing => format!("no value here; needs {}", conditions()),
            FieldOutcome::Rejected => {
                format!(
                    "no value satisfied {} (saw {})",
                    conditions(),
                    values_summary(&self.values, self.value_count)
                )
            }
        }
    }
}

fn write_fields(
    f: &mut fmt::Formatter<'_>,
    fields: &[FieldExplanation],
    indent: &str,
) -> fmt::Result {
    let path_width = fields
        .iter()
        .map(|x| x.path.chars().count())
        .max()
        .unwrap_or(0);
    let summaries: Vec<String> = fields
        .iter()
        .map(|x| values_summary(&x.values, x.value_count))
        .collect();
    let value_width = summaries
        .iter()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    for (field, summary) in fields.iter().zip(&summaries) {
        writeln!(
            f,
            "{indent}{:<path_width$}  {:<value_width$}  {}",
            field.path,
            summary,
            field.verdict()
        )?;
        for note in &field.notes {
            writeln!(f, "{indent}  note: {}", note.message)?;
        }
    }
    Ok(())
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.branches.len();
        if let Some(i) = self.matched_branch {
            if total > 1 {
                writeln!(f, "MATCH (branch {} of {total})", i + 1)?;
            } else {
                writeln!(f, "MATCH")?;
            }
            return write_fields(f, &self.branches[i].fields, "  ");
        }
        if total == 1 {
            writeln!(f, "NO MATCH")?;
            write_fields(f, &self.branches[0].fields, "  ")?;
            if self.branches[0].array_conflict {
                writeln!(
                    f,
                    "  (each field can match, but not within the same element of each array)"
                )?;
            }
            return Ok(());
        }
        writeln!(f, "NO MATCH (none of {total} branches)")?;
        for (i, branch) in self.branches.iter().enumerate() {
            writeln!(f, "  branch {} of {total}:", i + 1)?;
            write_fields(f, &branch.fields, "    ")?;
            if branch.array_conflict {
                writeln!(
                    f,
                    "    (each field can match, but not within the same element of each array)"
                )?;
            }
        }
        Ok(())
    }
}
