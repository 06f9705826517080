//! The queue of scheduled attempts, popped in (time, sequence number) order.
//!
//! An entry carries its invocation's whole state, so running an attempt touches no other memory:
//! with half a million invocations waiting out an outage, looking state up in a separate table
//! cost a cache miss per attempt. Entries are ordered by one `u64` key, the time in the high 30
//! bits and the scheduling sequence number in the low 34 (both bounds are checked at compile
//! time against the scenario limits).
//!
//! A single binary heap was the next bottleneck: every pop walked ~19 levels of a heap much larger
//! than the cache. Scheduling is monotone (nothing is scheduled before the current time), which
//! allows a calendar queue instead:
//! - entries of the next ~70 minutes are appended, unsorted, to a ring of 1.024 s buckets,
//! - entries further out wait in an overflow heap and move into the ring as it advances,
//! - when the clock reaches a bucket, its entries are sorted once and popped from the end; entries
//!   scheduled into that bucket afterwards go to a small side heap.
//!
//! The sort is a stable counting sort on the millisecond within the bucket, which is enough:
//! a bucket's vector receives its overflow entries first, in key order, at the moment the bucket
//! enters the ring, and after that only direct pushes, in sequence order. So entries with equal
//! times already sit in sequence order, and the pop order is exactly that of one global heap.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::plan::{MAX_INVOCATIONS, SCHEDULING_HORIZON_MS};
use aws_model::MAX_RETRY_ATTEMPTS;

const SEQUENCE_BITS: u32 = 34;
const BUCKET_SHIFT: u32 = 10;
const RING_BUCKETS: u64 = 1 << 12;

const _: () = assert!(
    SCHEDULING_HORIZON_MS < 1 << (64 - SEQUENCE_BITS),
    "times must fit the key"
);
// Each attempt is pushed at most twice (once more when a rate limit delays it).
const _: () = assert!(
    MAX_INVOCATIONS * 2 * (MAX_RETRY_ATTEMPTS as u64 + 1) < 1 << SEQUENCE_BITS,
    "sequence numbers must fit the key"
);

#[derive(Debug, Clone, Copy)]
struct Entry<T> {
    key: u64,
    item: T,
}

impl<T> Entry<T> {
    fn at_ms(&self) -> u64 {
        self.key >> SEQUENCE_BITS
    }

    fn bucket(&self) -> u64 {
        self.at_ms() >> BUCKET_SHIFT
    }
}

// Reversed so that `BinaryHeap` (a max-heap) pops the earliest key first.
impl<T> Ord for Entry<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        other.key.cmp(&self.key)
    }
}

impl<T> PartialOrd for Entry<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T> PartialEq for Entry<T> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl<T> Eq for Entry<T> {}

#[derive(Debug)]
pub(crate) struct AttemptQueue<T> {
    /// Bucket `cursor`, sorted by descending key so the earliest entry is last.
    current: Vec<Entry<T>>,
    /// Entries scheduled into bucket `cursor` (or earlier) after it was sorted.
    late: BinaryHeap<Entry<T>>,
    cursor: u64,
    /// `ring[b % RING_BUCKETS]` holds the entries of bucket `b`, for `cursor < b < cursor + RING_BUCKETS`.
    ring: Vec<Vec<Entry<T>>>,
    in_ring: usize,
    /// Entries of buckets `cursor + RING_BUCKETS` and later.
    overflow: BinaryHeap<Entry<T>>,
    next_sequence: u64,
    /// Working memory of the bucket sort.
    scratch: Box<[usize; BUCKET_MS]>,
}

impl<T: Copy> Default for AttemptQueue<T> {
    fn default() -> Self {
        AttemptQueue {
            current: Vec::new(),
            late: BinaryHeap::new(),
            cursor: 0,
            ring: (0..RING_BUCKETS).map(|_| Vec::new()).collect(),
            in_ring: 0,
            overflow: BinaryHeap::new(),
            next_sequence: 0,
            scratch: Box::new([0; BUCKET_MS]),
        }
    }
}

const BUCKET_MS: usize = 1 << BUCKET_SHIFT;

/// Stable counting sort of one bucket by the millisecond within it, latest first.
fn sorted_latest_first<T: Copy>(
    entries: Vec<Entry<T>>,
    first_position: &mut [usize; BUCKET_MS],
) -> Vec<Entry<T>> {
    let Some(&filler) = entries.first() else {
        return entries;
    };
    // Ascending positions: entries before millisecond `ms`, then arrival order within it.
    first_position.fill(0);
    for entry in &entries {
        first_position[offset_in_bucket(entry)] += 1;
    }
    let mut before = 0;
    for position in first_position.iter_mut() {
        let here = *position;
        *position = before;
        before += here;
    }
    let last = entries.len() - 1;
    let mut sorted = vec![filler; entries.len()];
    for entry in &entries {
        let position = &mut first_position[offset_in_bucket(entry)];
        sorted[last - *position] = *entry;
        *position += 1;
    }
    sorted
}

fn offset_in_bucket<T>(entry: &Entry<T>) -> usize {
    (entry.at_ms() as usize) & (BUCKET_MS - 1)
}

impl<T: Copy> AttemptQueue<T> {
    /// Schedules `item` at `at_ms` (before [`SCHEDULING_HORIZON_MS`]). A time before the bucket
    /// being drained (an ingestion arriving while the queue has looked ahead) joins the side heap,
    /// which keeps it in order.
    pub(crate) fn push(&mut self, at_ms: u64, item: T) {
        debug_assert!(at_ms < SCHEDULING_HORIZON_MS);
        let key = at_ms << SEQUENCE_BITS | self.next_sequence;
        self.next_sequence += 1;
        self.insert(Entry { key, item });
    }

    fn insert(&mut self, entry: Entry<T>) {
        let bucket = entry.bucket();
        if bucket <= self.cursor {
            self.late.push(entry);
        } else if bucket < self.cursor + RING_BUCKETS {
            self.ring[(bucket % RING_BUCKETS) as usize].push(entry);
            self.in_ring += 1;
        } else {
            self.overflow.push(entry);
        }
    }

    /// The earliest key among the sorted bucket and the side heap.
    fn first_key(&self) -> Option<u64> {
        match (self.current.last(), self.late.peek()) {
            (Some(sorted), Some(late)) => Some(sorted.key.min(late.key)),
            (Some(only), None) | (None, Some(only)) => Some(only.key),
            (None, None) => None,
        }
    }

    /// The time of the next entry, advancing through empty buckets to find it.
    pub(crate) fn next_time(&mut self) -> Option<u64> {
        while self.current.is_empty() && self.late.is_empty() {
            if self.in_ring == 0 {
                // Jump over the empty stretch straight to the overflow's first bucket.
                self.cursor = self.overflow.peek()?.bucket();
            } else {
                self.cursor += 1;
                // Taking the vector releases the memory of busy buckets once they are drained.
                let entries = std::mem::take(&mut self.ring[(self.cursor % RING_BUCKETS) as usize]);
                self.in_ring -= entries.len();
                self.current = sorted_latest_first(entries, &mut self.scratch);
            }
            while self
                .overflow
                .peek()
                .is_some_and(|entry| entry.bucket() < self.cursor + RING_BUCKETS)
            {
                if let Some(entry) = self.overflow.pop() {
                    self.insert(entry);
                }
            }
        }
        self.first_key().map(|key| key >> SEQUENCE_BITS)
    }

    pub(crate) fn pop(&mut self) -> Option<(u64, T)> {
        self.next_time()?;
        let from_sorted = match (self.current.last(), self.late.peek()) {
            (Some(sorted), Some(late)) => sorted.key < late.key,
            (sorted, _) => sorted.is_some(),
        };
        let entry = if from_sorted {
            self.current.pop()
        } else {
            self.late.pop()
        }?;
        Some((entry.at_ms(), entry.item))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.current.is_empty()
            && self.late.is_empty()
            && self.in_ring == 0
            && self.overflow.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::cmp::Reverse;

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
            self.heap
                .pop()
                .map(|Reverse((at_ms, _, slot))| (at_ms, slot))
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Interleaved pushes and pops give the same order as a single heap, for delays within a
        /// bucket, within the ring and beyond it, and for pushes a little before the last popped
        /// time (an ingestion arriving after the queue looked ahead to a later bucket).
        #[test]
        fn pops_in_the_same_order_as_one_heap(
            operations in proptest::collection::vec(
                (prop_oneof![0..2_000u64, 0..600_000u64, 0..40_000_000u64], 0..3_000u64, any::<bool>()), 1..400),
        ) {
            let mut queue = AttemptQueue::<u32>::default();
            let mut reference = Reference::default();
            let mut now = 0;
            for (index, (delay, back, pop_first)) in operations.into_iter().enumerate() {
                if pop_first {
                    let popped = queue.pop();
                    prop_assert_eq!(popped, reference.pop());
                    if let Some((at_ms, _)) = popped {
                        now = at_ms;
                    }
                }
                let at_ms = now.saturating_sub(back) + delay;
                queue.push(at_ms, index as u32);
                reference.push(at_ms, index as u32);
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
        let mut queue = AttemptQueue::<u32>::default();
        for slot in [5, 3, 9, 1] {
            queue.push(7_000_000, slot);
        }
        let order: Vec<u32> = std::iter::from_fn(|| queue.pop())
            .map(|(_, slot)| slot)
            .collect();
        assert_eq!(order, [5, 3, 9, 1]);
    }
}
