//! A readable account of why a pattern matches an event or not.

use crate::event::Event;
use crate::json::Span;
use crate::matcher::{accepting_condition, evaluate, Choice, Failure};
use crate::pattern::Pattern;
use serde::Serialize;
use std::fmt;

/// The result of [`explain`]: one entry per `$or` branch (sub-rule).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub matched: bool,
    /// 0-based index of the first branch that matched.
    pub matched_branch: Option<usize>,
    pub branches: Vec<BranchExplanation>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BranchExplanation {
    pub matched: bool,
    /// Set when every field could match alone but not within one element of each array.
    pub array_conflict: bool,
    pub fields: Vec<FieldExplanation>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldExplanation {
    /// Dot-joined path, e.g. `detail.state`.
    pub path: String,
    /// Span of the field's key in the pattern text.
    pub key_span: Span,
    /// Span of the field's leaf array in the pattern text.
    pub pattern_span: Span,
    pub conditions: Vec<ConditionExplanation>,
    /// Event values found at the path, in document order.
    pub values: Vec<ValueExplanation>,
    pub outcome: FieldOutcome,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConditionExplanation {
    /// Human description, e.g. `prefix "aws."`.
    pub description: String,
    /// Span in the pattern text.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueExplanation {
    /// The value's JSON text as written in the event.
    pub text: String,
    /// Span in the event text.
    pub span: Span,
    /// Index of the first condition accepting this value on its own.
    pub accepted_by: Option<usize>,
    /// The array elements holding this value, outermost first.
    pub elements: Vec<ArrayElement>,
}

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
pub enum FieldOutcome {
    /// This value satisfied this condition in the matching combination.
    Matched { value: usize, condition: usize },
    /// The field is absent, as its `exists: false` condition asks.
    Absent { condition: usize },
    /// A value satisfies a condition, but the branch failed elsewhere.
    Satisfiable { value: usize, condition: usize },
    /// No value at this path.
    Missing,
    /// Values exist, but none satisfies any condition.
    Rejected,
}

/// Explains `pattern` against `event`. Agrees with [`Pattern::matches`] by construction: both use
/// the same evaluation of each branch.
pub fn explain(pattern: &Pattern, event: &Event) -> Explanation {
    let mut branches = Vec::with_capacity(pattern.sub_rules().len());
    for rule in pattern.sub_rules() {
        let outcome = evaluate(pattern, rule, event);
        let mut fields = Vec::new();
        // People read fields in the order they wrote them (field indices follow the text).
        let mut slots: Vec<(usize, usize)> =
            rule.field_indices().iter().copied().enumerate().collect();
        slots.sort_by_key(|&(_, index)| index);
        for (slot, index) in slots {
            let field = &pattern.fields()[index];
            let leaves = event.leaves_at(&field.path);
            let values: Vec<ValueExplanation> = leaves
                .iter()
                .map(|&leaf| {
                    let l = event.leaf(leaf);
                    ValueExplanation {
                        text: event.text()[l.span.range()].to_owned(),
                        span: l.span,
                        accepted_by: accepting_condition(field, event, leaf),
                        elements: l
                            .elements
                            .iter()
                            .map(|&(array, index)| ArrayElement {
                                array_path: event.array(array).path.clone(),
                                array_span: event.array(array).span,
                                index,
                            })
                            .collect(),
                    }
                })
                .collect();
            let field_outcome = match &outcome {
                Ok(choices) => match choices[slot] {
                    Choice::Value { leaf, condition } => FieldOutcome::Matched {
                        value: leaves
                            .iter()
                            .position(|&l| l == leaf)
                            .expect("chosen leaves sit at the path"),
                        condition,
                    },
                    Choice::Absent { condition } => FieldOutcome::Absent { condition },
                },
                Err(_) => {
                    let accepted = values
                        .iter()
                        .enumerate()
                        .find_map(|(i, v)| v.accepted_by.map(|c| (i, c)));
                    match (
                        accepted,
                        field.conditions.iter().position(|c| c.is_absence()),
                    ) {
                        (Some((value, condition)), _) => {
                            FieldOutcome::Satisfiable { value, condition }
                        }
                        (None, Some(condition)) if values.is_empty() => {
                            FieldOutcome::Absent { condition }
                        }
                        (None, _) if values.is_empty() => FieldOutcome::Missing,
                        (None, _) => FieldOutcome::Rejected,
                    }
                }
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
                values,
                outcome: field_outcome,
            });
        }
        branches.push(BranchExplanation {
            matched: outcome.is_ok(),
            array_conflict: outcome == Err(Failure::NoConsistentCombination),
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

const SHOWN_VALUES: usize = 5;

fn values_summary(values: &[ValueExplanation]) -> String {
    if values.is_empty() {
        return "(absent)".to_owned();
    }
    let mut shown: Vec<&str> = values
        .iter()
        .take(SHOWN_VALUES)
        .map(|v| v.text.as_str())
        .collect();
    let more = values.len().saturating_sub(SHOWN_VALUES);
    let extra = if more > 0 {
        format!(", … {more} more")
    } else {
        String::new()
    };
    if values.len() == 1 {
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
                    values_summary(&self.values)
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
    let summaries: Vec<String> = fields.iter().map(|x| values_summary(&x.values)).collect();
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
