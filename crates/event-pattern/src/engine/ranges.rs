//! Closed ranges over an ordered key, answering "which ranges hold this key" at a cost that grows
//! with the logarithm of their number plus the answers, not with their number.
//!
//! Numeric conditions become ranges of [`number_order`] keys (an order-preserving map from doubles
//! to integers, so `< 5` and `>= 5` are adjacent integer ranges) and CIDR conditions ranges of
//! addresses. A few ranges are compared in turn; beyond that a segment tree over the distinct
//! endpoints is built on first use after a change (rules usually arrive in bursts, and building
//! on every insertion would make loading quadratic).

use super::values::Payload;
use std::sync::OnceLock;

/// Up to this many ranges are compared one by one.
const LINEAR_RANGES: usize = 8;

#[derive(Debug, Clone)]
pub(super) struct Ranges<K> {
    /// Every range as `(low, high, payload)`, both ends included, `low <= high`.
    ranges: Vec<(K, K, Payload)>,
    tree: OnceLock<SegmentTree<K>>,
}

impl<K> Default for Ranges<K> {
    fn default() -> Ranges<K> {
        Ranges {
            ranges: Vec::new(),
            tree: OnceLock::new(),
        }
    }
}

impl<K: Ord + Copy> Ranges<K> {
    /// Files `[low, high]`; an empty range (`low > high`) holds nothing and is dropped.
    pub fn insert(&mut self, low: K, high: K, payload: Payload) {
        if low <= high {
            self.ranges.push((low, high, payload));
            self.tree = OnceLock::new();
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Calls `out` with the payload of every range holding `key`.
    #[inline]
    pub fn containing(&self, key: K, out: &mut impl FnMut(Payload)) {
        if self.ranges.len() <= LINEAR_RANGES {
            for &(low, high, payload) in &self.ranges {
                if low <= key && key <= high {
                    out(payload);
                }
            }
        } else {
            self.tree
                .get_or_init(|| SegmentTree::build(&self.ranges))
                .containing(key, out);
        }
    }
}

/// A segment tree over the *pieces* of the key line that the ranges' endpoints cut out: with
/// distinct endpoints `p0 < p1 < … < pm-1`, piece `2i` is the single key `pi` and piece `2i+1` the
/// keys strictly between `pi` and `pi+1`. Every range is a run of whole pieces, filed in the
/// O(log n) tree nodes that cover the run exactly; a key's answer is the union of the lists on its
/// piece's path to the root. Lists are stored flat (`starts` indexes `payloads`).
#[derive(Debug, Clone)]
struct SegmentTree<K> {
    points: Vec<K>,
    /// Leaves start here (a power of two at least the number of pieces).
    leaves: usize,
    starts: Vec<u32>,
    payloads: Vec<Payload>,
}

impl<K: Ord + Copy> SegmentTree<K> {
    fn build(ranges: &[(K, K, Payload)]) -> SegmentTree<K> {
        let mut points: Vec<K> = ranges.iter().flat_map(|&(l, h, _)| [l, h]).collect();
        crate::sort::unstable(&mut points);
        points.dedup();
        let pieces = 2 * points.len() - 1;
        let leaves = pieces.next_power_of_two();
        let piece = |key: K| {
            2 * points
                .binary_search(&key)
                .unwrap_or_else(|_| unreachable!())
        };
        // The nodes covering pieces first..=last, bottom-up.
        let cover = |first: usize, last: usize, visit: &mut dyn FnMut(usize)| {
            let (mut l, mut r) = (first + leaves, last + leaves + 1);
            while l < r {
                if l & 1 == 1 {
                    visit(l);
                    l += 1;
                }
                if r & 1 == 1 {
                    r -= 1;
                    visit(r);
                }
                l /= 2;
                r /= 2;
            }
        };
        let mut counts = vec![0u32; 2 * leaves + 1];
        for &(low, high, _) in ranges {
            cover(piece(low), piece(high), &mut |node| counts[node + 1] += 1);
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut next = counts.clone();
        let mut payloads = vec![Payload::default(); counts[2 * leaves] as usize];
        for &(low, high, payload) in ranges {
            cover(piece(low), piece(high), &mut |node| {
                payloads[next[node] as usize] = payload;
                next[node] += 1;
            });
        }
        SegmentTree {
            points,
            leaves,
            starts: counts,
            payloads,
        }
    }

    #[inline]
    fn containing(&self, key: K, out: &mut impl FnMut(Payload)) {
        let piece = match self.points.binary_search(&key) {
            Ok(i) => 2 * i,
            // Before the first endpoint or after the last: no range reaches there.
            Err(0) => return,
            Err(i) if i == self.points.len() => return,
            Err(i) => 2 * i - 1,
        };
        let mut node = piece + self.leaves;
        while node > 0 {
            let (start, end) = (self.starts[node], self.starts[node + 1]);
            self.payloads[start as usize..end as usize]
                .iter()
                .copied()
                .for_each(&mut *out);
            node /= 2;
        }
    }
}

/// An integer in the order of the finite double `value` (`-0` as `0`): numeric comparisons become
/// integer comparisons, and the next key up is the next double up.
pub(super) fn number_order(value: f64) -> u64 {
    let bits = if value == 0.0 { 0 } else { value.to_bits() };
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers<K: Ord + Copy>(ranges: &Ranges<K>, key: K) -> Vec<Payload> {
        let mut got = Vec::new();
        ranges.containing(key, &mut |p| got.push(p));
        got.sort_unstable();
        got
    }

    #[test]
    fn number_order_follows_numeric_order() {
        let values = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -1.0,
            -f64::MIN_POSITIVE,
            0.0,
            f64::MIN_POSITIVE,
            1.0,
            2.5,
            1e300,
            f64::INFINITY,
        ];
        for pair in values.windows(2) {
            assert!(number_order(pair[0]) < number_order(pair[1]), "{pair:?}");
        }
        assert_eq!(number_order(-0.0), number_order(0.0));
        // The next key up is the next double up.
        assert_eq!(
            number_order(1.0) + 1,
            number_order(f64::from_bits(1.0f64.to_bits() + 1))
        );
        assert_eq!(
            number_order(-1.0) + 1,
            number_order(f64::from_bits((-1.0f64).to_bits() - 1))
        );
    }

    /// The tree and the one-by-one comparison agree with a plain filter on many random ranges,
    /// including keys on, between and outside the endpoints.
    #[test]
    fn the_tree_answers_what_a_filter_answers() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for count in [1, 3, 8, 9, 40, 300] {
            let mut ranges = Ranges::default();
            let mut plain = Vec::new();
            for payload in 0..count {
                let a = next() % 200;
                let b = a + next() % 40;
                ranges.insert(a, b, payload);
                plain.push((a, b, payload));
            }
            for key in 0..260u64 {
                let mut want: Vec<Payload> = plain
                    .iter()
                    .filter(|&&(l, h, _)| l <= key && key <= h)
                    .map(|&(_, _, p)| p)
                    .collect();
                want.sort_unstable();
                assert_eq!(answers(&ranges, key), want, "{count} ranges, key {key}");
            }
        }
    }

    #[test]
    fn adding_a_range_after_a_lookup_rebuilds_the_tree() {
        let mut ranges = Ranges::default();
        for i in 0..20u64 {
            ranges.insert(i * 10, i * 10 + 5, i as u32);
        }
        assert_eq!(answers(&ranges, 3), [0]);
        ranges.insert(0, 1000, 99);
        assert_eq!(answers(&ranges, 3), [0, 99]);
        assert!(answers(&ranges, 1001).is_empty());
    }
}
