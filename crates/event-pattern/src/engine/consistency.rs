//! Array consistency for one sub-rule whose fields all found values (or may be absent), on the
//! engine's leaf records: the same search the single-pattern matcher runs
//! ([`crate::consistency`]), so both give the same answer.

use super::paths::NodeId;
use crate::consistency::{self, Elements, Order, Problem};

/// An event value at a path some rule mentions.
#[derive(Debug, Clone, Copy)]
pub(super) struct Leaf {
    pub node: NodeId,
    /// The innermost array element holding the value (`ROOT_ELEMENT` when in no array).
    pub element: u32,
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
    problem: Problem,
    search: consistency::Scratch,
}

/// The event's leaves and array elements as the scan recorded them.
pub(super) struct Event<'a> {
    pub leaves: &'a [Leaf],
    /// (parent element, array) by element; the first stands for "in no array".
    pub elements: &'a [(u32, u32)],
    /// (path state, leaf) for every recorded leaf, sorted (filled when an absence is judged).
    pub by_node: &'a [(NodeId, u32)],
}

impl Elements for Event<'_> {
    fn parent(&self, element: u32) -> u32 {
        self.elements[element as usize].0
    }

    fn array(&self, element: u32) -> u32 {
        self.elements[element as usize].1
    }
}

/// Is there an array-consistent choice? `hits` are this sub-rule's hits, sorted by field.
pub(super) fn satisfiable(
    fields: &[FieldShape],
    hits: &[Hit],
    event: &Event<'_>,
    scratch: &mut SearchScratch,
) -> bool {
    let SearchScratch { problem, search } = scratch;
    problem.clear(fields.len());
    for &(_, position, leaf) in hits {
        let element = event.leaves[leaf as usize].element;
        problem
            .candidates
            .push((u32::from(position), leaf, element));
    }
    for (position, field) in fields.iter().enumerate() {
        if !field.may_be_absent {
            continue;
        }
        problem.may_be_absent[position] = true;
        let start = event
            .by_node
            .partition_point(|&(node, _)| node < field.node);
        for &(_, leaf) in event.by_node[start..]
            .iter()
            .take_while(|&&(node, _)| node == field.node)
        {
            problem
                .present
                .push((position as u32, event.leaves[leaf as usize].element));
        }
    }
    consistency::solve(event, problem, Order::Sorted, false, search).is_some()
}
