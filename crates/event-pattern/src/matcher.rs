//! Matching one sub-rule against an event, array-consistently.
//!
//! Each field of the sub-rule needs one event leaf at its path that one of its conditions accepts, or
//! (with `exists: false`) no leaf at its path. The chosen leaves must be array-consistent: no two may
//! come from different elements of the same array. "No leaf at the path" is judged within the chosen
//! combination: a leaf in another element of an array that a chosen leaf pins down does not count.

use crate::event::Event;
use crate::pattern::{Field, Pattern, SubRule};

/// How a field of a matching sub-rule was satisfied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Choice {
    /// The event leaf and the index of the first condition accepting it.
    Value { leaf: usize, condition: usize },
    /// `exists: false`, at this condition index.
    Absent { condition: usize },
}

/// Why a sub-rule did not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// This field (index into the pattern's fields) has no acceptable value and cannot be absent.
    FieldUnsatisfied(usize),
    /// Every field could be satisfied alone, but not together within one element of each array.
    NoConsistentCombination,
}

struct Candidates<'f> {
    field: &'f Field,
    /// (leaf, condition) pairs, one per distinct array position.
    values: Vec<(usize, usize)>,
    absence_condition: Option<usize>,
}

/// First condition of `field` accepting the leaf, ignoring `exists: false`.
pub(crate) fn accepting_condition(field: &Field, event: &Event, leaf: usize) -> Option<usize> {
    let value = &event.leaf(leaf).value;
    field
        .conditions
        .iter()
        .position(|c| !c.is_absence() && c.accepts(value))
}

pub(crate) fn evaluate(
    pattern: &Pattern,
    rule: &SubRule,
    event: &Event,
) -> Result<Vec<Choice>, Failure> {
    let fields = pattern.fields();
    let mut all = Vec::with_capacity(rule.field_indices().len());
    for &index in rule.field_indices() {
        let field = &fields[index];
        let mut values: Vec<(usize, usize)> = Vec::new();
        for &leaf in event.leaves_at(&field.path) {
            if let Some(condition) = accepting_condition(field, event, leaf) {
                // Leaves in the same array position are interchangeable for consistency.
                let elements = &event.leaf(leaf).elements;
                if !values
                    .iter()
                    .any(|(other, _)| event.leaf(*other).elements == *elements)
                {
                    values.push((leaf, condition));
                }
            }
        }
        let absence_condition = field.conditions.iter().position(|c| c.is_absence());
        if values.is_empty() && absence_condition.is_none() {
            return Err(Failure::FieldUnsatisfied(index));
        }
        all.push((
            index,
            Candidates {
                field,
                values,
                absence_condition,
            },
        ));
    }
    // Most constrained first; fields that may be absent last, as their check needs the others.
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&i| (all[i].1.absence_condition.is_some(), all[i].1.values.len()));

    let mut search = Search {
        event,
        all: &all,
        order: &order,
        chosen: vec![None; all.len()],
        pinned: Vec::new(),
    };
    if search.run(0) {
        Ok(search
            .chosen
            .into_iter()
            .map(|c| c.expect("every field is chosen on success"))
            .collect())
    } else {
        // Report a field that cannot even be satisfied alone, if there is one.
        let lonely = all.iter().find(|(_, c)| {
            c.values.is_empty()
                && c.absence_condition.is_some()
                && !event.leaves_at(&c.field.path).is_empty()
        });
        Err(
            lonely.map_or(Failure::NoConsistentCombination, |(index, _)| {
                Failure::FieldUnsatisfied(*index)
            }),
        )
    }
}

struct Search<'a, 'f> {
    event: &'a Event,
    all: &'a [(usize, Candidates<'f>)],
    order: &'a [usize],
    chosen: Vec<Option<Choice>>,
    /// (array, element) pairs fixed by the chosen leaves; may repeat.
    pinned: Vec<(usize, usize)>,
}

impl Search<'_, '_> {
    fn consistent(&self, leaf: usize) -> bool {
        self.event
            .leaf(leaf)
            .elements
            .iter()
            .all(|&(array, element)| self.pinned.iter().all(|&(a, e)| a != array || e == element))
    }

    fn run(&mut self, depth: usize) -> bool {
        let Some(&slot) = self.order.get(depth) else {
            return self.absences_hold();
        };
        let candidates = &self.all[slot].1;
        for &(leaf, condition) in &candidates.values {
            if !self.consistent(leaf) {
                continue;
            }
            let mark = self.pinned.len();
            self.pinned
                .extend_from_slice(&self.event.leaf(leaf).elements);
            self.chosen[slot] = Some(Choice::Value { leaf, condition });
            if self.run(depth + 1) {
                return true;
            }
            self.pinned.truncate(mark);
        }
        if let Some(condition) = candidates.absence_condition {
            self.chosen[slot] = Some(Choice::Absent { condition });
            if self.run(depth + 1) {
                return true;
            }
        }
        self.chosen[slot] = None;
        false
    }

    fn absences_hold(&self) -> bool {
        self.all
            .iter()
            .zip(&self.chosen)
            .all(|((_, candidates), choice)| match choice {
                Some(Choice::Absent { .. }) => self
                    .event
                    .leaves_at(&candidates.field.path)
                    .iter()
                    .all(|&leaf| !self.consistent(leaf)),
                _ => true,
            })
    }
}
