//! Which of many byte strings a value holds: a small Aho-Corasick automaton, the WebAssembly
//! build's search for the literal segments of infix wildcards (`*abc*`, see `values::Infixes`).
//!
//! Natively the `aho-corasick` crate searches: its DFAs and prefilters are faster. In wasm even
//! its contiguous NFA alone brought 47 KB of wasm (building the noncontiguous NFA first, its
//! remapping, its sorts), 18.9 KB of the JS API's gzipped matcher (issue 14, measured), to search
//! values that are mostly a few dozen bytes long. This is the textbook automaton: a trie of the
//! segments, a failure link per state (the longest proper suffix of the state's text that is
//! also in the trie), and an output link to the nearest state on the failure chain where a
//! segment ends. A search takes time linear in the value plus the matches it reports.
//!
//! `tests::finds_what_the_aho_corasick_crate_finds` checks it against the crate.

/// No state, no segment.
const NONE: u32 = u32::MAX;

/// The automaton over a list of distinct, non-empty segments, numbered by their position.
#[derive(Debug, Clone)]
pub(crate) struct SegmentSearch {
    /// By state (0 is the root, the empty text): its transitions, sorted by byte.
    transitions: Vec<Vec<(u8, u32)>>,
    /// By state: where the search goes on when no transition fits.
    failure: Vec<u32>,
    /// By state: the segment whose text the state spells, or `NONE`.
    segment: Vec<u32>,
    /// By state: the nearest state on its failure chain that is a segment, or `NONE`.
    output: Vec<u32>,
}

impl SegmentSearch {
    pub(crate) fn new<S: AsRef<[u8]>>(segments: impl IntoIterator<Item = S>) -> SegmentSearch {
        let mut search = SegmentSearch {
            transitions: vec![Vec::new()],
            failure: vec![0],
            segment: vec![NONE],
            output: vec![NONE],
        };
        for (number, segment) in segments.into_iter().enumerate() {
            let segment = segment.as_ref();
            debug_assert!(
                !segment.is_empty(),
                "an empty segment would be in every value"
            );
            let mut state = 0;
            for &byte in segment {
                state = match search.step(state, byte) {
                    Some(next) => next,
                    None => search.add_state(state, byte),
                };
            }
            search.segment[state as usize] = u32::try_from(number).unwrap_or(NONE);
        }
        search.link();
        search
    }

    /// A new state reached from `from` by `byte`.
    fn add_state(&mut self, from: u32, byte: u8) -> u32 {
        let state = u32::try_from(self.transitions.len()).expect("fewer than 2^32 states");
        self.transitions.push(Vec::new());
        self.failure.push(0);
        self.segment.push(NONE);
        self.output.push(NONE);
        let row = &mut self.transitions[from as usize];
        let at = row.partition_point(|&(b, _)| b < byte);
        row.insert(at, (byte, state));
        state
    }

    /// Sets the failure and output links, breadth first: a state's links lead to shallower
    /// states, whose own links are set by then.
    fn link(&mut self) {
        let mut queue = vec![0u32];
        let mut next_in_queue = 0;
        while let Some(&state) = queue.get(next_in_queue) {
            next_in_queue += 1;
            for i in 0..self.transitions[state as usize].len() {
                let (byte, child) = self.transitions[state as usize][i];
                queue.push(child);
                let failure = if state == 0 {
                    0
                } else {
                    self.resume(self.failure[state as usize], byte)
                };
                self.failure[child as usize] = failure;
                self.output[child as usize] = if self.segment[failure as usize] != NONE {
                    failure
                } else {
                    self.output[failure as usize]
                };
            }
        }
    }

    /// The transition from `state` by `byte`, if the trie has it.
    #[inline]
    fn step(&self, state: u32, byte: u8) -> Option<u32> {
        let row = &self.transitions[state as usize];
        row.binary_search_by_key(&byte, |&(b, _)| b)
            .ok()
            .map(|at| row[at].1)
    }

    /// Where reading `byte` in `state` leads, following failure links until a transition fits
    /// (the root if none does).
    #[inline]
    fn resume(&self, mut state: u32, byte: u8) -> u32 {
        loop {
            if let Some(next) = self.step(state, byte) {
                return next;
            }
            if state == 0 {
                return 0;
            }
            state = self.failure[state as usize];
        }
    }

    /// Calls `found` with the number of each segment `value` holds, once per occurrence, in
    /// the order the occurrences end.
    pub(crate) fn for_each_in(&self, value: &[u8], mut found: impl FnMut(u32)) {
        let mut state = 0;
        for &byte in value {
            state = self.resume(state, byte);
            let mut at = if self.segment[state as usize] != NONE {
                state
            } else {
                self.output[state as usize]
            };
            while at != NONE {
                found(self.segment[at as usize]);
                at = self.output[at as usize];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SegmentSearch;

    /// Each segment's occurrences, sorted, as the crate finds them and as this automaton does.
    fn both(segments: &[&[u8]], value: &[u8]) -> (Vec<u32>, Vec<u32>) {
        let crate_search = aho_corasick::AhoCorasick::new(segments).unwrap();
        let mut expected: Vec<u32> = crate_search
            .find_overlapping_iter(value)
            .map(|hit| hit.pattern().as_u32())
            .collect();
        let mut found = Vec::new();
        SegmentSearch::new(segments).for_each_in(value, |n| found.push(n));
        expected.sort_unstable();
        found.sort_unstable();
        (found, expected)
    }

    /// Every value of up to 5 bytes over an alphabet with overlapping, nested and multi-byte
    /// segments: the same occurrences as the crate, repeats included.
    #[test]
    fn finds_what_the_aho_corasick_crate_finds() {
        let segment_lists: [&[&[u8]]; 3] = [
            &[b"ab", b"b", b"abc", b"bca", b"zz", b"a", "é".as_bytes()],
            &[b"aaa", b"aa", b"a"],
            &[b"abab", b"bab", b"ba", b"c"],
        ];
        let alphabet = [b'a', b'b', b'c', b'z', 0xC3, 0xA9];
        let mut values: Vec<Vec<u8>> = vec![Vec::new()];
        let mut last = values.clone();
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|v| {
                    alphabet.iter().map(move |&b| {
                        let mut longer = v.clone();
                        longer.push(b);
                        longer
                    })
                })
                .collect();
            values.extend(last.iter().cloned());
        }
        assert_eq!(values.len(), 9_331);
        let mut occurrences = 0;
        for segments in segment_lists {
            for value in &values {
                let (found, expected) = both(segments, value);
                assert_eq!(found, expected, "{:?}", String::from_utf8_lossy(value));
                occurrences += found.len();
            }
        }
        // 35,282: the values do hold segments, often several, so the comparison means something.
        assert!(occurrences > 30_000, "{occurrences}");
    }

    /// Many segments with shared prefixes and suffixes, over longer values (as a RuleSet with
    /// thousands of `*id-1234*` wildcards sees them).
    #[test]
    fn many_segments_in_long_values() {
        let owned: Vec<Vec<u8>> = (0..2_000)
            .map(|i| format!("id-{}-{}", i * 7 % 1_000, i % 13).into_bytes())
            .collect();
        let segments: Vec<&[u8]> = owned.iter().map(Vec::as_slice).collect();
        let mut occurrences = 0;
        for value in [
            "id-7-1 and id-14-1, id-999-11id-0-0",
            "xid-700-9id-70-10id-7-0",
            "no segment here",
        ] {
            let (found, expected) = both(&segments, value.as_bytes());
            assert_eq!(found, expected, "{value}");
            occurrences += found.len();
        }
        assert!(occurrences >= 6, "{occurrences}");
    }
}
