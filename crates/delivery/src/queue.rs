//! The queue of scheduled attempts, ordered by time and then by scheduling order.
//!
//! Each entry is one `u128`: time in the high 64 bits, then a 40-bit sequence number, then the
//! 24-bit slot of the invocation. Ordering the packed integer orders by (time, sequence), and a
//! 16-byte entry keeps the heap compact: with half a million invocations waiting out an outage,
//! cache misses in the heap dominate the run time.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

const SLOT_BITS: u32 = 24;
/// Slots are invocation indices; the plan caps invocations well below this.
pub(crate) const MAX_SLOTS: u64 = 1 << SLOT_BITS;
const SEQUENCE_BITS: u32 = 40;

#[derive(Debug, Default)]
pub(crate) struct AttemptQueue {
    heap: BinaryHeap<Reverse<u128>>,
    next_sequence: u64,
}

impl AttemptQueue {
    pub(crate) fn push(&mut self, at_ms: u64, slot: u32) {
        debug_assert!(u64::from(slot) < MAX_SLOTS);
        let order = (self.next_sequence % (1 << SEQUENCE_BITS)) << SLOT_BITS | u64::from(slot);
        self.next_sequence += 1;
        self.heap.push(Reverse(u128::from(at_ms) << 64 | u128::from(order)));
    }

    pub(crate) fn next_time(&self) -> Option<u64> {
        self.heap.peek().map(|Reverse(key)| (key >> 64) as u64)
    }

    pub(crate) fn pop(&mut self) -> Option<(u64, u32)> {
        self.heap.pop().map(|Reverse(key)| ((key >> 64) as u64, (key as u64 % MAX_SLOTS) as u32))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}
