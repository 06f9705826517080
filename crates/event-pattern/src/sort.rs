//! The crate's sorting: the standard library's sorts natively, one small heapsort in WebAssembly.
//!
//! std's sorts (pattern-defeating quicksort, driftsort) are fast but large: each element type
//! and comparator gets its own copy of their quicksort, small-sort networks, merges and
//! heapsort fallback, 4-8 KB of wasm each. The matcher sorted a dozen kinds of things that way
//! (rule ids, field slots, range end points, …), which made std's sorts the largest single
//! contributor to the JavaScript API's wasm (51 KB of its 521 KB of code; issue 14). In wasm the
//! same calls go to the heapsort below: O(n log n) in the worst case like std's, no allocation,
//! a few hundred bytes per element type because the comparator is passed as `dyn`. It is not
//! stable, so callers sort by unique keys, or by keys where the order of equals does not matter.

use std::cmp::Ordering;

/// Sorts `v` ascending.
#[inline]
pub(crate) fn unstable<T: Ord>(v: &mut [T]) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable();
    #[cfg(target_arch = "wasm32")]
    heapsort(v, &mut |a: &T, b: &T| a < b);
}

/// Sorts `v` by `compare` (equal elements in any order).
#[inline]
pub(crate) fn unstable_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable_by(|a, b| compare(a, b));
    #[cfg(target_arch = "wasm32")]
    heapsort(v, &mut |a: &T, b: &T| compare(a, b) == Ordering::Less);
}

/// Sorts `v` by the key `key` gives each element (equal keys in any order).
#[inline]
pub(crate) fn unstable_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    unstable_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` so that no element is `less` than one before it.
#[cfg_attr(not(any(test, target_arch = "wasm32")), allow(dead_code))]
fn heapsort<T>(v: &mut [T], less: &mut dyn FnMut(&T, &T) -> bool) {
    // Moves v[node] down until neither child is greater (a max-heap over `len` elements).
    let mut sift_down = |v: &mut [T], mut node: usize, len: usize| loop {
        let mut child = 2 * node + 1;
        if child >= len {
            break;
        }
        if child + 1 < len && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[node], &v[child]) {
            break;
        }
        v.swap(node, child);
        node = child;
    };
    let len = v.len();
    for node in (0..len / 2).rev() {
        sift_down(v, node, len);
    }
    for end in (1..len).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the cases are the same on every run.
    fn numbers(seed: u64, len: usize, range: u64) -> Vec<u64> {
        let mut state = seed | 1;
        (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state % range
            })
            .collect()
    }

    #[test]
    fn the_wasm_heapsort_sorts_as_std_does() {
        for len in (0..40).chain([63, 64, 65, 200, 1000, 4097]) {
            for (seed, range) in [(1, 3), (2, 1000), (3, u64::MAX), (4, 1)] {
                let mut ours = numbers(seed + len as u64, len, range);
                let mut want = ours.clone();
                heapsort(&mut ours, &mut |a, b| a < b);
                want.sort();
                assert_eq!(ours, want, "len {len}, range {range}");
            }
        }
        // Already sorted, reversed, and organ-pipe inputs.
        for mut v in [
            (0..500u32).collect::<Vec<_>>(),
            (0..500u32).rev().collect(),
            (0..250u32).chain((0..250).rev()).collect(),
        ] {
            let mut want = v.clone();
            want.sort();
            heapsort(&mut v, &mut |a, b| a < b);
            assert_eq!(v, want);
        }
    }

    #[test]
    fn sorting_by_a_key_orders_by_that_key() {
        let mut pairs: Vec<(u32, &str)> = vec![(3, "c"), (1, "a"), (2, "b"), (0, "z")];
        unstable_by_key(&mut pairs, |&(_, name)| name);
        assert_eq!(pairs, [(1, "a"), (2, "b"), (3, "c"), (0, "z")]);
        let mut reversed = vec![1, 5, 3];
        unstable_by_key(&mut reversed, |&n| std::cmp::Reverse(n));
        assert_eq!(reversed, [5, 3, 1]);
        let mut words = vec!["b", "a"];
        unstable(&mut words);
        assert_eq!(words, ["a", "b"]);
    }
}
