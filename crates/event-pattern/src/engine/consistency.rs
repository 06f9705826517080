//! Array consistency for one sub-rule whose fields all found values (or may be absent): can one
//! value be chosen per field so that no two come from different elements of the same array, and
//! every field left absent has no value inside the elements the choices pin down?
//!
//! This is the search the tree-walking matcher (`crate::matcher`) runs, on the engine's leaf
//! records: same candidate order, same absence rule, so both give the same answer.

use super::paths::NodeId;

/// One (array, element index) pair: which element of which event array a value sits in.
pub(super) type Coordinate = (u32, u32);

/// An event value at a path some rule mentions.
#[derive(Debug, Clone, Copy)]
pub(super) struct Leaf {
    pub node: NodeId,
    /// Range in the coordinate buffer: the elements enclosing the value, outermost first.
    pub coords: (u32, u32),
}

/// A value accepted for a field: (sub-rule, field position, leaf).
pub(super) type Hit = (u32, u16, u32);

/// What the search needs to know about a field of the sub-rule.
#[derive(Debug, Clone, Copy)]
pub(super) struct FieldShape {
    pub node: NodeId,
    /// The field's payload (shared by every rule with the same path and conditions).
    pub payload: super::values::Payload,
    pub may_be_absent: bool,
}

/// Reusable buffers for the search.
#[derive(Debug, Default)]
pub(super) struct SearchScratch {
    /// Candidate leaves of every field, field after field.
    candidates: Vec<u32>,
    /// Per field: range in `candidates`.
    ranges: Vec<(usize, usize)>,
    order: Vec<usize>,
    absent: Vec<bool>,
    pinned: Vec<Coordinate>,
}

pub(super) struct Event<'a> {
    pub leaves: &'a [Leaf],
    pub coords: &'a [Coordinate],
}

impl Event<'_> {
    fn coords_of(&self, leaf: u32) -> &[Coordinate] {
        let (start, end) = self.leaves[leaf as usize].coords;
        &self.coords[start as usize..end as usize]
    }
}

/// Is there an array-consistent choice? `hits` are this sub-rule's hits, sorted by field.
pub(super) fn satisfiable(
    fields: &[FieldShape],
    hits: &[Hit],
    event: &Event<'_>,
    scratch: &mut SearchScratch,
) -> bool {
    let SearchScratch {
        candidates,
        ranges,
        order,
        absent,
        pinned,
    } = scratch;
    candidates.clear();
    ranges.clear();
    let mut rest = hits;
    for (position, field) in fields.iter().enumerate() {
        let start = candidates.len();
        let count = rest
            .iter()
            .take_while(|h| usize::from(h.1) == position)
            .count();
        for &(_, _, leaf) in &rest[..count] {
            // Values in the same elements are interchangeable for consistency.
            let here = event.coords_of(leaf);
            if !candidates[start..]
                .iter()
                .any(|&other| event.coords_of(other) == here)
            {
                candidates.push(leaf);
            }
        }
        rest = &rest[count..];
        if candidates.len() == start && !field.may_be_absent {
            return false;
        }
        ranges.push((start, candidates.len()));
    }
    // Most constrained first; fields that may be absent last, as their check needs the others.
    order.clear();
    order.extend(0..fields.len());
    order.sort_by_key(|&i| (fields[i].may_be_absent, ranges[i].1 - ranges[i].0));
    absent.clear();
    absent.resize(fields.len(), false);
    pinned.clear();
    let search = Search {
        fields,
        event,
        candidates,
        ranges,
        order,
    };
    search.run(0, absent, pinned)
}

struct Search<'a, 'e> {
    fields: &'a [FieldShape],
    event: &'a Event<'e>,
    candidates: &'a [u32],
    ranges: &'a [(usize, usize)],
    order: &'a [usize],
}

impl Search<'_, '_> {
    fn consistent(&self, leaf: u32, pinned: &[Coordinate]) -> bool {
        self.event
            .coords_of(leaf)
            .iter()
            .all(|&(array, element)| pinned.iter().all(|&(a, e)| a != array || e == element))
    }

    fn run(&self, depth: usize, absent: &mut [bool], pinned: &mut Vec<Coordinate>) -> bool {
        let Some(&slot) = self.order.get(depth) else {
            return self.absences_hold(absent, pinned);
        };
        let (start, end) = self.ranges[slot];
        for &leaf in &self.candidates[start..end] {
            if !self.consistent(leaf, pinned) {
                continue;
            }
            let mark = pinned.len();
            pinned.extend_from_slice(self.event.coords_of(leaf));
            if self.run(depth + 1, absent, pinned) {
                return true;
            }
            pinned.truncate(mark);
        }
        if self.fields[slot].may_be_absent {
            absent[slot] = true;
            if self.run(depth + 1, absent, pinned) {
                return true;
            }
            absent[slot] = false;
        }
        false
    }

    /// Every field chosen absent has no value (accepted or not) in the pinned elements.
    fn absences_hold(&self, absent: &[bool], pinned: &[Coordinate]) -> bool {
        self.fields
            .iter()
            .zip(absent)
            .filter(|(_, &is_absent)| is_absent)
            .all(|(field, _)| {
                self.event
                    .leaves
                    .iter()
                    .enumerate()
                    .filter(|(_, leaf)| leaf.node == field.node)
                    .all(|(index, _)| !self.consistent(index as u32, pinned))
            })
    }
}
