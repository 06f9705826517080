//! Matching one sub-rule against a parsed event, array-consistently.
//!
//! Each field of the sub-rule needs one event leaf at its path that one of its conditions accepts,
//! or (with `exists: false`) no usable leaf at its path. The chosen leaves must be
//! array-consistent: no two may come from different elements of the same array. Whether a leaf at
//! an absent field's path is usable depends on the fields sorted before it, as in event-ruler; the
//! search itself is [`crate::consistency`].

use crate::consistency::{self, Order, Problem, ROOT_ELEMENT};
use crate::event::Event;
use crate::pattern::{Field, Pattern, SubRule};
use std::cell::RefCell;

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
    /// Every field could be satisfied alone, but not together within one element of each array
    /// (or an `exists: false` field still sees a value when its turn comes).
    NoConsistentCombination,
}

/// First condition of `field` accepting the leaf, ignoring `exists: false`.
pub(crate) fn accepting_condition(field: &Field, event: &Event, leaf: usize) -> Option<usize> {
    let value = event.scalar(leaf);
    field
        .conditions
        .iter()
        .position(|c| !c.is_absence() && c.accepts_scalar(value))
}

#[derive(Default)]
struct Scratch {
    problem: Problem,
    search: consistency::Scratch,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// One sub-rule against the event, choices in the sub-rule's field order.
pub(crate) fn evaluate(
    pattern: &Pattern,
    rule: &SubRule,
    event: &Event,
) -> Result<Vec<Choice>, Failure> {
    evaluate_in(pattern, rule, event, Order::Sorted)
}

/// [`evaluate`], with `exists: false` judged in the given order.
pub(crate) fn evaluate_in(
    pattern: &Pattern,
    rule: &SubRule,
    event: &Event,
    order: Order,
) -> Result<Vec<Choice>, Failure> {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => run(pattern, rule, event, order, &mut scratch),
        Err(_) => run(pattern, rule, event, order, &mut Scratch::default()),
    })
}

fn run(
    pattern: &Pattern,
    rule: &SubRule,
    event: &Event,
    order: Order,
    scratch: &mut Scratch,
) -> Result<Vec<Choice>, Failure> {
    let fields = pattern.fields();
    let indices = rule.field_indices();
    let Scratch { problem, search } = scratch;
    problem.clear(indices.len());
    // Without `exists: false`, a value in no array is compatible with every choice and pins
    // nothing, so it is all a field needs; and a lone field needs any one value.
    let absence_anywhere = indices
        .iter()
        .any(|&i| fields[i].conditions.iter().any(|c| c.is_absence()));
    for (position, &index) in indices.iter().enumerate() {
        let field = &fields[index];
        let before = problem.candidates.len();
        let may_be_absent = field.conditions.iter().any(|c| c.is_absence());
        problem.may_be_absent[position] = may_be_absent;
        for &leaf in event.leaves_at(&field.path).iter() {
            let element = event.leaf(leaf as usize).element;
            if accepting_condition(field, event, leaf as usize).is_some() {
                problem.candidates.push((position as u32, leaf, element));
                let enough = indices.len() == 1 || element == ROOT_ELEMENT;
                if !absence_anywhere && enough {
                    break;
                }
            }
            if may_be_absent {
                problem.present.push((position as u32, element));
            }
        }
        if problem.candidates.len() == before && !may_be_absent {
            return Err(Failure::FieldUnsatisfied(index));
        }
    }
    match consistency::solve(event, problem, order, true, search) {
        Some(chosen) => Ok(chosen
            .into_iter()
            .zip(indices)
            .map(|(leaf, &index)| {
                let field = &fields[index];
                match leaf {
                    Some(leaf) => Choice::Value {
                        leaf: leaf as usize,
                        condition: accepting_condition(field, event, leaf as usize)
                            .expect("chosen leaves are accepted"),
                    },
                    None => Choice::Absent {
                        condition: field
                            .conditions
                            .iter()
                            .position(|c| c.is_absence())
                            .expect("only fields that may be absent are left absent"),
                    },
                }
            })
            .collect()),
        None => {
            // Report a field that cannot even be satisfied alone, if there is one.
            let lonely = indices.iter().enumerate().find(|&(position, &index)| {
                problem.may_be_absent[position]
                    && !problem.candidates.iter().any(|c| c.0 == position as u32)
                    && !event.leaves_at(&fields[index].path).is_empty()
            });
            Err(
                lonely.map_or(Failure::NoConsistentCombination, |(_, &index)| {
                    Failure::FieldUnsatisfied(index)
                }),
            )
        }
    }
}
