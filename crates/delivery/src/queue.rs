//! The queue of scheduled attempts, popped in (time, sequence number) order.
//!
//! Each entry is one `u128`: time in the high 64 bits, then a 40-bit sequence number, then the
//! 24-bit slot of the invocation, so comparing entries compares (time, sequence).
//!
//! A single binary heap was the bottleneck: when half a million invocations wait out an outage,
//! every pop walks ~19 levels of a heap much larger than the cache. Scheduling is monotone
//! (nothing is scheduled before the current time), which allows a calendar queue instead:
//! - entries in the coarse bucket being drained (1.024 s) sit in a small binary heap,
//! - entries of the next ~70 minutes are appended, unsorted, to a ring of per-bucket vectors,
//! - entries further out wait in an overflow heap and move into the ring as it advances.
//!
//! A bucket is only ordered once the clock reaches it, by the same full key, so the pop order is
//! exactly that of one global heap.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

const SLOT_BITS: u32 = 24;
/// Slots are invocation indices; the plan caps invocations below this.
pub(crate) const MAX_SLOTS: u64 = 1 << SLOT_BITS;
const SEQUENCE_BITS: u32 = 40;
const BUCKET_SHIFT: u32 = 10;
const RING_BUCKETS: u64 = 1 << 12;

fn bucket_of(key: u128) -> u64 {
    ((key >> 64) as u64) >> BUCKET_SHIFT
}

#[derive(Debug)]
pub(crate) struct AttemptQueue {
    /// Entries of bucket `cursor`.
    current: BinaryHeap<Reverse<u128>>,
    cursor: u64,
    /// `ring[b % RING_BUCKETS]` holds the entries of bucket `b`, for `cursor < b < cursor + RING_BUCKETS`.
    ring: Vec<Vec<u128>>,
    in_ring: usize,
    /// Entries of buckets `cursor + RING_BUCKETS` and later.
    overflow: BinaryHeap<Reverse<u128>>,
    next_sequence: u64,
}

impl Default for AttemptQueue {
    fn default() -> Self {
        AttemptQueue {
            current: BinaryHeap::new(),
            cursor: 0,
            ring: (0..RING_BUCKETS).map(|_| Vec::new()).collect(),
            in_ring: 0,
            overflow: BinaryHeap::new(),
            next_sequence: 0,
        }
    }
}

impl AttemptQueue {
    /// Schedules `slot` at `at_ms`. A time before the bucket being drained (an ingestion that
    /// arrives while the queue has looked ahead) joins that bucket's heap, which keeps it in order.
    pub(crate) fn push(&mut self, at_ms: u64, slot: u32) {
        debug_assert!(u64::from(slot) < MAX_SLOTS);
        let order = (self.next_sequence % (1 << SEQUENCE_BITS)) << SLOT_BITS | u64::from(slot);
        self.next_sequence += 1;
        self.insert(u128::from(at_ms) << 64 | u128::from(order));
    }

    fn insert(&mut self, key: u128) {
        let bucket = bucket_of(key);
        if bucket <= self.cursor {
            self.current.push(Reverse(key));
        } else if bucket < self.cursor + RING_BUCKETS {
            self.ring[(bucket % RING_BUCKETS) as usize].push(key);
            self.in_ring += 1;
        } else {
            self.overflow.push(Reverse(key));
        }
    }

    /// The time of the next entry, advancing through empty buckets to find it.
    pub(crate) fn next_time(&mut self) -> Option<u64> {
        while self.current.is_empty() {
            if self.in_ring == 0 {
                // Jump over the empty stretch straight to the overflow's first bucket.
                let Reverse(first) = *self.overflow.peek()?;
                self.cursor = bucket_of(first);
            } else {
                self.cursor += 1;
                // Handing the bucket's vector to the heap reuses its allocation and releases the
                // memory of busy buckets once they are drained.
                let entries = std::mem::take(&mut self.ring[(self.cursor % RING_BUCKETS) as usize]);
                self.in_ring -= entries.len();
                self.current = entries.into_iter().map(Reverse).collect();
            }
            while let Some(&Reverse(key)) = self.overflow.peek() {
                if bucket_of(key) >= self.cursor + RING_BUCKETS {
                    break;
                }
                self.overflow.pop();
                self.insert(key);
            }
        }
        self.current.peek().map(|Reverse(key)| (key >> 64) as u64)
    }

    pub(crate) fn pop(&mut self) -> Option<(u64, u32)> {
        self.next_time()?;
        let Reverse(key) = self.current.pop()?;
        Some(((key >> 64) as u64, (key as u64 % MAX_SLOTS) as u32))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.current.is_empty() && self.in_ring == 0 && self.overflow.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The reference order: one global heap of (time, sequence, slot).
    #[derive(Default)]
    struct Reference {
        heap: BinaryHeap<Reverse<(u64, u64, u32)>>,
        sequence: u64,
    }

    impl Reference {
        fn push(&mut self, at_ms: u64, slot: u32) {
            self.heap.push(Reverse((at_ms, self.sequence, slot)));
            self.sequence += 1;
        }

        fn pop(&mut self) -> Option<(u64, u32)> {
            self.heap.pop().map(|Reverse((at_ms, _, slot))| (at_ms, slot))
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Interleaved pushes (never before the last popped time) and pops give the same order as
        /// a single heap, for delays within a bucket, within the ring and beyond it.
        #[test]
        fn pops_in_the_same_order_as_one_heap(
            operations in proptest::collection::vec(
                (prop_oneof![0..2_000u64, 0..600_000u64, 0..40_000_000u64], any::<bool>()), 1..400),
        ) {
            let mut queue = AttemptQueue::default();
            let mut reference = Reference::default();
            let mut now = 0;
            for (index, (delay, pop_first)) in operations.into_iter().enumerate() {
                if pop_first {
                    let popped = queue.pop();
                    prop_assert_eq!(popped, reference.pop());
                    if let Some((at_ms, _)) = popped {
                        now = at_ms;
                    }
                }
                queue.push(now + delay, index as u32);
                reference.push(now + delay, index as u32);
            }
            loop {
                let popped = queue.pop();
                prop_assert_eq!(popped, reference.pop());
                if popped.is_none() {
                    break;
                }
            }
            prop_assert!(queue.is_empty());
        }
    }

    #[test]
    fn equal_times_pop_in_scheduling_order() {
        let mut queue = AttemptQueue::default();
        for slot in [5, 3, 9, 1] {
            queue.push(7_000_000, slot);
        }
        let order: Vec<u32> = std::iter::from_fn(|| queue.pop()).map(|(_, slot)| slot).collect();
        assert_eq!(order, [5, 3, 9, 1]);
    }
}
