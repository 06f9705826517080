//! Value matching at one field path: all conditions that rules put on the path, indexed so that
//! one event value is judged against thousands of conditions with a few table lookups.
//!
//! * exact strings (and `exactly`), exact numbers, booleans and `null`: hash tables keyed by the
//!   value (numbers by their double's bits, so `300`, `300.0` and `3e2` are one key);
//! * prefixes and suffixes, with or without case: one table per kind keyed by the affix, probed
//!   once per distinct affix length present (rule sets use few lengths);
//! * ASCII `equals-ignore-case`: a table keyed by the lower-cased text;
//! * wildcards: keyed by their literal head (before the first `*`) and tail (after the last),
//!   probed once per distinct (head length, tail length) pair present; only the wildcards whose
//!   head and tail both fit the value are then judged in full (those starting and ending with `*`
//!   are always judged);
//! * numeric ranges and CIDR ranges: integer ranges (numbers by an order-preserving key, addresses
//!   as numbers) in a segment tree, see [`super::ranges`];
//! * everything else (anything-but, non-ASCII case folding): evaluated one by one.
//!
//! Every condition that is not a plain table lookup is decided by [`Condition::accepts_scalar`],
//! the same code the tree-walking matcher runs, so the semantics cannot drift apart.
//!
//! Each entry carries a payload: the id of the field (a path and its conditions, shared by every
//! rule that has the same one) the condition belongs to.

use super::ranges::{number_order, Ranges};
use crate::hash::FastMap;
use crate::pattern::{parse_ip, Condition, IpAddress, ScalarRef};

pub(super) type Payload = u32;

/// The payloads filed under one table key: nearly always one, kept inline (in four bytes) so a
/// lookup touches no other memory; more go to a side list.
#[derive(Debug, Clone, Copy)]
pub(super) struct Payloads(u32);

/// The high bit of [`Payloads`] marks an index into [`ValueMatcher::overflow`].
const LISTED: u32 = 1 << 31;

impl Payloads {
    #[inline]
    fn each(self, overflow: &[Vec<Payload>], out: &mut impl FnMut(Payload)) {
        if self.0 & LISTED == 0 {
            out(self.0);
        } else {
            overflow[(self.0 & !LISTED) as usize]
                .iter()
                .copied()
                .for_each(out);
        }
    }
}

/// Files `payload` under `key`, moving the key's payloads to `overflow` once there are two.
fn file<K: Eq + std::hash::Hash>(
    map: &mut FastMap<K, Payloads>,
    overflow: &mut Vec<Vec<Payload>>,
    key: K,
    payload: Payload,
) {
    assert!(payload < LISTED, "fewer than 2^31 rule fields");
    match map.entry(key) {
        std::collections::hash_map::Entry::Occupied(entry) => {
            let filed = entry.into_mut();
            if filed.0 & LISTED == 0 {
                let index = u32::try_from(overflow.len())
                    .ok()
                    .filter(|&i| i < LISTED)
                    .expect("fewer than 2^31 shared keys");
                overflow.push(vec![filed.0, payload]);
                *filed = Payloads(index | LISTED);
            } else {
                overflow[(filed.0 & !LISTED) as usize].push(payload);
            }
        }
        std::collections::hash_map::Entry::Vacant(entry) => {
            entry.insert(Payloads(payload));
        }
    }
}

/// Longest text kept inside a table key (longer ones live on the heap).
const INLINE_TEXT: usize = 22;

/// A table key holding text: short texts inline, so comparing keys touches no other memory.
#[derive(Debug, Clone)]
enum TextKey {
    Inline {
        length: u8,
        bytes: [u8; INLINE_TEXT],
    },
    Heap(Box<[u8]>),
}

impl TextKey {
    fn new(text: &[u8]) -> TextKey {
        if text.len() <= INLINE_TEXT {
            let mut bytes = [0u8; INLINE_TEXT];
            bytes[..text.len()].copy_from_slice(text);
            TextKey::Inline {
                length: text.len() as u8,
                bytes,
            }
        } else {
            TextKey::Heap(text.into())
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            TextKey::Inline { length, bytes } => &bytes[..usize::from(*length)],
            TextKey::Heap(bytes) => bytes,
        }
    }
}

impl PartialEq for TextKey {
    fn eq(&self, other: &TextKey) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for TextKey {}

impl std::hash::Hash for TextKey {
    // As `[u8]` hashes, so that tables keyed by `TextKey` can be probed with byte slices.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state);
    }
}

impl std::borrow::Borrow<[u8]> for TextKey {
    fn borrow(&self) -> &[u8] {
        self.as_bytes()
    }
}

/// Affixes of one kind, keyed by their bytes, with the lengths that occur.
#[derive(Debug, Clone, Default)]
struct Affixes {
    by_text: FastMap<TextKey, Payloads>,
    overflow: Vec<Vec<Payload>>,
    /// (length, number of affixes of that length), ascending.
    lengths: Vec<(usize, usize)>,
}

impl Affixes {
    fn insert(&mut self, text: &[u8], payload: Payload) {
        if !self.by_text.contains_key(text) {
            match self.lengths.binary_search_by_key(&text.len(), |&(l, _)| l) {
                Ok(i) => self.lengths[i].1 += 1,
                Err(i) => self.lengths.insert(i, (text.len(), 1)),
            }
        }
        file(
            &mut self.by_text,
            &mut self.overflow,
            TextKey::new(text),
            payload,
        );
    }

    fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }

    #[inline]
    fn prefixes_of(&self, value: &[u8], out: &mut impl FnMut(Payload)) {
        for &(length, _) in &self.lengths {
            if length > value.len() {
                break;
            }
            if let Some(payloads) = self.by_text.get(&value[..length]) {
                payloads.each(&self.overflow, out);
            }
        }
    }

    #[inline]
    fn suffixes_of(&self, value: &[u8], out: &mut impl FnMut(Payload)) {
        for &(length, _) in &self.lengths {
            if length > value.len() {
                break;
            }
            if let Some(payloads) = self.by_text.get(&value[value.len() - length..]) {
                payloads.each(&self.overflow, out);
            }
        }
    }
}

/// The literal text a wildcard's matches must start with and end with: the text before its first
/// `*` and, when it has a `*`, the text after its last (escapes `\*` and `\\` resolved). A value
/// can only match if it starts with the head, ends with the tail and is at least as long as both
/// together (`Wildcard::matches` requires exactly that before looking further).
fn wildcard_ends(source: &str) -> (Vec<u8>, Vec<u8>) {
    let bytes = source.as_bytes();
    let mut head = Vec::new();
    let mut current = Vec::new();
    let mut stars = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'*' => {
                if stars == 0 {
                    head = std::mem::take(&mut current);
                }
                current.clear();
                stars += 1;
            }
            b'\\' => match bytes.get(i + 1) {
                Some(&next @ (b'*' | b'\\')) => {
                    current.push(next);
                    i += 1;
                }
                // Not a valid wildcard (parsing rejects it): index nothing, judge it always.
                _ => return (Vec::new(), Vec::new()),
            },
            byte => current.push(byte),
        }
        i += 1;
    }
    if stars == 0 {
        (current, Vec::new())
    } else {
        (head, current)
    }
}

/// The longest literal segment strictly between a wildcard's first and last `*` (escapes
/// resolved); empty when there is none. A value can only match if it holds this segment.
fn longest_middle(source: &str) -> Vec<u8> {
    let bytes = source.as_bytes();
    let mut segments: Vec<Vec<u8>> = vec![Vec::new()];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'*' => segments.push(Vec::new()),
            b'\\' => match bytes.get(i + 1) {
                Some(&next @ (b'*' | b'\\')) => {
                    segments
                        .last_mut()
                        .expect("one segment at least")
                        .push(next);
                    i += 1;
                }
                _ => return Vec::new(),
            },
            byte => segments
                .last_mut()
                .expect("one segment at least")
                .push(byte),
        }
        i += 1;
    }
    if segments.len() < 3 {
        return Vec::new();
    }
    let last = segments.len() - 1;
    segments
        .drain(1..last)
        .max_by_key(Vec::len)
        .unwrap_or_default()
}

/// Wildcards without a literal head or tail (`*abc*`), indexed by their longest middle segment
/// in an Aho-Corasick automaton: one pass over a value finds every segment it holds, and only
/// the wildcards filed under those are judged.
#[derive(Debug, Clone, Default)]
struct Infixes {
    /// Segment number by its bytes.
    by_text: FastMap<TextKey, u32>,
    /// By segment number: the segment and the wildcards (indices into `Wildcards::conditions`).
    segments: Vec<(Vec<u8>, Vec<u32>)>,
    /// Built on first use after a change; `None` if it could not be built (then every infix
    /// wildcard is judged).
    automaton: std::sync::OnceLock<Option<InfixAutomaton>>,
}

/// Natively `AhoCorasick`, which picks the fastest of its automata for the number of segments.
#[cfg(not(target_arch = "wasm32"))]
type InfixAutomaton = aho_corasick::AhoCorasick;

/// In WebAssembly the crate's own small automaton (see `segments` for why).
#[cfg(target_arch = "wasm32")]
type InfixAutomaton = super::segments::SegmentSearch;

#[cfg(not(target_arch = "wasm32"))]
fn build_automaton(segments: &[(Vec<u8>, Vec<u32>)]) -> Option<InfixAutomaton> {
    aho_corasick::AhoCorasick::new(segments.iter().map(|(s, _)| s)).ok()
}

#[cfg(target_arch = "wasm32")]
fn build_automaton(segments: &[(Vec<u8>, Vec<u32>)]) -> Option<InfixAutomaton> {
    Some(super::segments::SegmentSearch::new(
        segments.iter().map(|(s, _)| s),
    ))
}

/// Adds the number of every segment `value` holds to `found` (in the order they end, with
/// repeats).
#[cfg(not(target_arch = "wasm32"))]
fn find_segments(automaton: &InfixAutomaton, value: &[u8], found: &mut Vec<u32>) {
    for hit in automaton.find_overlapping_iter(value) {
        let id = hit.pattern().as_u32();
        if found.last() != Some(&id) {
            found.push(id);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn find_segments(automaton: &InfixAutomaton, value: &[u8], found: &mut Vec<u32>) {
    automaton.for_each_in(value, |id| {
        if found.last() != Some(&id) {
            found.push(id);
        }
    });
}

impl Infixes {
    fn insert(&mut self, segment: Vec<u8>, wildcard: u32) {
        let next = self.segments.len() as u32;
        let id = *self.by_text.entry(TextKey::new(&segment)).or_insert(next);
        if id == next {
            self.segments.push((segment, Vec::new()));
        }
        self.segments[id as usize].1.push(wildcard);
        self.automaton = std::sync::OnceLock::new();
    }

    fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// Calls `judge` with every wildcard whose segment `value` holds, each once.
    #[inline]
    fn candidates(&self, value: &[u8], found: &mut Vec<u32>, mut judge: impl FnMut(u32)) {
        let automaton = self
            .automaton
            .get_or_init(|| build_automaton(&self.segments));
        found.clear();
        match automaton {
            Some(automaton) => {
                find_segments(automaton, value, found);
                crate::sort::unstable(found);
                found.dedup();
            }
            // No automaton could be built: every segment's wildcards are judged.
            None => found.extend(0..self.segments.len() as u32),
        }
        for &id in found.iter() {
            self.segments[id as usize]
                .1
                .iter()
                .copied()
                .for_each(&mut judge);
        }
    }
}

/// Scratch space for judging one value.
#[derive(Debug, Default)]
pub(super) struct ValueScratch {
    /// The value lower-cased (ASCII), or a wildcard table key.
    bytes: Vec<u8>,
    /// Infix segments found in the value.
    segments: Vec<u32>,
}

/// Wildcards with the same head and tail lengths, keyed by head bytes followed by tail bytes.
#[derive(Debug, Clone)]
struct WildcardGroup {
    head: usize,
    tail: usize,
    /// Values are indices into [`Wildcards::conditions`].
    by_ends: FastMap<TextKey, Payloads>,
}

/// Up to this many wildcards with a literal head or tail on a path are compared in turn
/// ([`Wildcards::listed`]) rather than looked up per length pair.
const LISTED_WILDCARDS: usize = 8;

/// A wildcard's literal head and tail, and its index in [`Wildcards::conditions`].
type ListedWildcard = (Box<[u8]>, Box<[u8]>, u32);

/// Wildcard conditions indexed by their literal head and tail, or by a middle segment when they
/// have neither.
#[derive(Debug, Clone, Default)]
struct Wildcards {
    conditions: Vec<(Condition, Payload)>,
    /// One per (head length, tail length) pair present, ascending.
    groups: Vec<WildcardGroup>,
    /// The wildcards filed in `groups` as (head, tail, index), while there are at most
    /// [`LISTED_WILDCARDS`]: comparing a few ends costs less than hashing the value's ends once
    /// per length pair (a path's handful of wildcards usually has as many pairs as wildcards).
    listed: Vec<ListedWildcard>,
    /// More than [`LISTED_WILDCARDS`] were filed: `listed` is dropped and `groups` answers.
    too_many_to_list: bool,
    overflow: Vec<Vec<Payload>>,
    infixes: Infixes,
}

impl Wildcards {
    fn insert(&mut self, condition: &Condition, source: &str, payload: Payload) {
        let (head, tail) = wildcard_ends(source);
        let index = u32::try_from(self.conditions.len()).expect("fewer than 2^31 wildcards");
        self.conditions.push((condition.clone(), payload));
        if head.is_empty() && tail.is_empty() {
            let middle = longest_middle(source);
            if !middle.is_empty() {
                self.infixes.insert(middle, index);
                return;
            }
        }
        if !self.too_many_to_list {
            if self.listed.len() < LISTED_WILDCARDS {
                self.listed
                    .push((head.as_slice().into(), tail.as_slice().into(), index));
            } else {
                self.listed = Vec::new();
                self.too_many_to_list = true;
            }
        }
        let lengths = (head.len(), tail.len());
        let at = match self
            .groups
            .binary_search_by_key(&lengths, |g| (g.head, g.tail))
        {
            Ok(at) => at,
            Err(at) => {
                self.groups.insert(
                    at,
                    WildcardGroup {
                        head: head.len(),
                        tail: tail.len(),
                        by_ends: FastMap::default(),
                    },
                );
                at
            }
        };
        let mut key = head;
        key.extend_from_slice(&tail);
        file(
            &mut self.groups[at].by_ends,
            &mut self.overflow,
            TextKey::new(&key),
            index,
        );
    }

    fn is_empty(&self) -> bool {
        self.conditions.is_empty()
    }

    /// Payloads of the wildcards accepting `value`.
    #[inline]
    fn matching(&self, value: &str, scratch: &mut ValueScratch, out: &mut impl FnMut(Payload)) {
        let bytes = value.as_bytes();
        if !self.infixes.is_empty() {
            self.infixes
                .candidates(bytes, &mut scratch.segments, |index| {
                    let (condition, payload) = &self.conditions[index as usize];
                    if condition.accepts_scalar(ScalarRef::String(value)) {
                        out(*payload);
                    }
                });
        }
        if !self.too_many_to_list {
            // The same test the groups' lookups make: long enough, and both ends in place.
            for (head, tail, index) in &self.listed {
                if head.len() + tail.len() <= bytes.len()
                    && bytes.starts_with(head)
                    && bytes.ends_with(tail)
                {
                    let (condition, payload) = &self.conditions[*index as usize];
                    if condition.accepts_scalar(ScalarRef::String(value)) {
                        out(*payload);
                    }
                }
            }
            return;
        }
        let key = &mut scratch.bytes;
        for group in &self.groups {
            if group.head + group.tail > bytes.len() {
                continue;
            }
            let tail = &bytes[bytes.len() - group.tail..];
            let probe: &[u8] = if group.tail == 0 {
                &bytes[..group.head]
            } else {
                key.clear();
                key.extend_from_slice(&bytes[..group.head]);
                key.extend_from_slice(tail);
                key
            };
            if let Some(indices) = group.by_ends.get(probe) {
                indices.each(&self.overflow, &mut |index| {
                    let (condition, payload) = &self.conditions[index as usize];
                    if condition.accepts_scalar(ScalarRef::String(value)) {
                        out(*payload);
                    }
                });
            }
        }
    }
}

/// All conditions on one field path.
#[derive(Debug, Clone, Default)]
pub(super) struct ValueMatcher {
    exact_strings: FastMap<TextKey, Payloads>,
    /// Exact strings that are IP address literals also equal other spellings of the address.
    exact_ips: FastMap<IpAddress, Payloads>,
    prefixes: Affixes,
    suffixes: Affixes,
    /// ASCII-only case-insensitive patterns, lower-cased: an ASCII pattern character accepts only
    /// its two ASCII cases, so comparing ASCII-lower-cased bytes is exact.
    prefixes_ignoring_case: Affixes,
    suffixes_ignoring_case: Affixes,
    equal_ignoring_case: FastMap<TextKey, Payloads>,
    /// Exact numbers by the bits of their (finite) double, `-0` filed as `0`.
    exact_numbers: FastMap<u64, Payloads>,
    /// Exact numbers too large for a double: only the identical literal matches.
    exact_number_literals: FastMap<TextKey, Payloads>,
    exact_true: Vec<Payload>,
    exact_false: Vec<Payload>,
    exact_null: Vec<Payload>,
    /// `exists: true`.
    any_value: Vec<Payload>,
    wildcards: Wildcards,
    numeric_ranges: Ranges<u64>,
    cidr_ranges: Ranges<IpAddress>,
    /// Conditions judged one by one.
    general: Vec<(Condition, Payload)>,
    /// Payload lists of keys that serve more than one field.
    overflow: Vec<Vec<Payload>>,
    /// Whether numbers need their double value (anything besides literal lookups wants it).
    pub wants_number_values: bool,
}

/// Up to this many `equals-ignore-case` texts on a path (and no case-insensitive affixes) are
/// compared in turn rather than looked up.
const LISTED_IGNORING_CASE: usize = 8;

/// Bits of a finite double, with both zeros filed together.
fn number_key(value: f64) -> u64 {
    if value == 0.0 {
        0
    } else {
        value.to_bits()
    }
}

impl ValueMatcher {
    /// Files a condition (never `exists: false`, which is judged by absence).
    pub fn insert(&mut self, condition: &Condition, payload: Payload) {
        match condition {
            Condition::ExactString { value, ip } => {
                file(
                    &mut self.exact_strings,
                    &mut self.overflow,
                    TextKey::new(value.as_bytes()),
                    payload,
                );
                if let Some(ip) = ip {
                    file(&mut self.exact_ips, &mut self.overflow, ip.0, payload);
                }
            }
            Condition::Exactly { value } => file(
                &mut self.exact_strings,
                &mut self.overflow,
                TextKey::new(value.as_bytes()),
                payload,
            ),
            Condition::ExactNumber { literal, value } => match value {
                Some(v) => {
                    self.wants_number_values = true;
                    file(
                        &mut self.exact_numbers,
                        &mut self.overflow,
                        number_key(*v),
                        payload,
                    );
                }
                None => file(
                    &mut self.exact_number_literals,
                    &mut self.overflow,
                    TextKey::new(literal.as_bytes()),
                    payload,
                ),
            },
            Condition::ExactBool { value: true } => self.exact_true.push(payload),
            Condition::ExactBool { value: false } => self.exact_false.push(payload),
            Condition::ExactNull => self.exact_null.push(payload),
            Condition::Prefix { value } => self.prefixes.insert(value.as_bytes(), payload),
            Condition::Suffix { value } => self.suffixes.insert(value.as_bytes(), payload),
            Condition::PrefixIgnoreCase { value } if value.as_str().is_ascii() => self
                .prefixes_ignoring_case
                .insert(value.as_str().to_ascii_lowercase().as_bytes(), payload),
            Condition::SuffixIgnoreCase { value } if value.as_str().is_ascii() => self
                .suffixes_ignoring_case
                .insert(value.as_str().to_ascii_lowercase().as_bytes(), payload),
            Condition::EqualsIgnoreCase { value } if value.as_str().is_ascii() => file(
                &mut self.equal_ignoring_case,
                &mut self.overflow,
                TextKey::new(value.as_str().to_ascii_lowercase().as_bytes()),
                payload,
            ),
            Condition::Exists { value: true } => self.any_value.push(payload),
            Condition::Exists { value: false } => {}
            Condition::Wildcard { value } => {
                self.wildcards.insert(condition, value.as_str(), payload)
            }
            Condition::Numeric { range } => {
                self.wants_number_values = true;
                let low = match range.lower {
                    None => u64::MIN,
                    Some(b) if b.inclusive => number_order(b.value),
                    Some(b) => number_order(b.value).saturating_add(1),
                };
                let high = match range.upper {
                    None => u64::MAX,
                    Some(b) if b.inclusive => number_order(b.value),
                    Some(b) => number_order(b.value).saturating_sub(1),
                };
                self.numeric_ranges.insert(low, high, payload);
            }
            Condition::Cidr { range } => {
                let (low, high) = range.bounds();
                self.cidr_ranges.insert(low, high, payload);
            }
            other => {
                if matches!(other, Condition::AnythingBut { .. }) {
                    self.wants_number_values = true;
                }
                self.general.push((other.clone(), payload));
            }
        }
    }

    /// Calls `out` with the payload of every condition accepting a string value (a payload may
    /// come more than once).
    #[inline]
    pub fn strings(&self, value: &str, scratch: &mut ValueScratch, out: &mut impl FnMut(Payload)) {
        let bytes = value.as_bytes();
        if !self.exact_strings.is_empty() {
            if let Some(payloads) = self.exact_strings.get(bytes) {
                payloads.each(&self.overflow, out);
            }
        }
        if !self.exact_ips.is_empty()
            && bytes
                .first()
                .is_some_and(|b| b.is_ascii_hexdigit() || *b == b':')
        {
            if let Some(payloads) = parse_ip(value).and_then(|ip| self.exact_ips.get(&ip)) {
                payloads.each(&self.overflow, out);
            }
        }
        if !self.prefixes.is_empty() {
            self.prefixes.prefixes_of(bytes, out);
        }
        if !self.suffixes.is_empty() {
            self.suffixes.suffixes_of(bytes, out);
        }
        let affixes_ignoring_case =
            !self.prefixes_ignoring_case.is_empty() || !self.suffixes_ignoring_case.is_empty();
        if !affixes_ignoring_case && self.equal_ignoring_case.is_empty() {
            // Nothing case-insensitive on this path.
        } else if !affixes_ignoring_case && self.equal_ignoring_case.len() <= LISTED_IGNORING_CASE {
            // A few lower-cased texts: compared in place, without a lower-cased copy or a hash.
            for (key, payloads) in &self.equal_ignoring_case {
                let key = key.as_bytes();
                if key.len() == bytes.len() && bytes.eq_ignore_ascii_case(key) {
                    payloads.each(&self.overflow, out);
                }
            }
        } else {
            let lowered = &mut scratch.bytes;
            lowered.clear();
            lowered.extend(bytes.iter().map(u8::to_ascii_lowercase));
            self.prefixes_ignoring_case.prefixes_of(lowered, out);
            self.suffixes_ignoring_case.suffixes_of(lowered, out);
            if let Some(payloads) = self.equal_ignoring_case.get(lowered.as_slice()) {
                payloads.each(&self.overflow, out);
            }
        }
        if !self.wildcards.is_empty() {
            self.wildcards.matching(value, scratch, out);
        }
        if !self.cidr_ranges.is_empty() {
            if let Some(ip) = parse_ip(value) {
                self.cidr_ranges.containing(ip, out);
            }
        }
        self.any_and_general(ScalarRef::String(value), out);
    }

    /// Like [`ValueMatcher::strings`] for a number; `value` is NaN when not needed or not finite.
    #[inline]
    pub fn numbers(&self, literal: &str, value: f64, out: &mut impl FnMut(Payload)) {
        if value.is_finite() && !self.exact_numbers.is_empty() {
            if let Some(payloads) = self.exact_numbers.get(&number_key(value)) {
                payloads.each(&self.overflow, out);
            }
        }
        if value.is_finite() && !self.numeric_ranges.is_empty() {
            self.numeric_ranges.containing(number_order(value), out);
        }
        if !self.exact_number_literals.is_empty() {
            if let Some(payloads) = self.exact_number_literals.get(literal.as_bytes()) {
                payloads.each(&self.overflow, out);
            }
        }
        self.any_and_general(ScalarRef::Number { literal, value }, out);
    }

    #[inline]
    pub fn literal(&self, value: ScalarRef<'_>, out: &mut impl FnMut(Payload)) {
        let exact = match value {
            ScalarRef::Bool(true) => &self.exact_true,
            ScalarRef::Bool(false) => &self.exact_false,
            ScalarRef::Null => &self.exact_null,
            _ => &self.any_value[..0],
        };
        exact.iter().copied().for_each(&mut *out);
        self.any_and_general(value, out);
    }

    /// Any scalar, dispatched by kind.
    pub fn scalar(
        &self,
        value: ScalarRef<'_>,
        scratch: &mut ValueScratch,
        out: &mut impl FnMut(Payload),
    ) {
        match value {
            ScalarRef::String(s) => self.strings(s, scratch, out),
            ScalarRef::Number { literal, value } => self.numbers(literal, value, out),
            ScalarRef::Bool(_) | ScalarRef::Null => self.literal(value, out),
            // Containers are not leaves; the flatteners never pass them.
            ScalarRef::Container => {}
        }
    }

    #[inline]
    fn any_and_general(&self, value: ScalarRef<'_>, out: &mut impl FnMut(Payload)) {
        self.any_value.iter().copied().for_each(&mut *out);
        for (condition, payload) in &self.general {
            if condition.accepts_scalar(value) {
                out(*payload);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::Wildcard;

    fn wildcard(source: &str) -> Condition {
        Condition::Wildcard {
            value: Wildcard::parse(source).unwrap(),
        }
    }

    /// Every value of a small alphabet, up to `max_len` bytes.
    fn values_up_to(alphabet: &[u8], max_len: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..max_len {
            last = last
                .iter()
                .flat_map(|v| alphabet.iter().map(move |&b| format!("{v}{}", b as char)))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    /// The payloads `matcher` gives `value`, sorted, against those of the conditions judged one
    /// by one by `accepts_scalar`.
    fn check_against_one_by_one(
        matcher: &ValueMatcher,
        conditions: &[Condition],
        values: &[String],
    ) {
        let mut scratch = ValueScratch::default();
        for value in values {
            let mut got = Vec::new();
            matcher.strings(value, &mut scratch, &mut |p| got.push(p));
            got.sort_unstable();
            got.dedup();
            let want: Vec<Payload> = (0..conditions.len() as u32)
                .filter(|&i| conditions[i as usize].accepts_scalar(ScalarRef::String(value)))
                .collect();
            assert_eq!(got, want, "{value:?}");
        }
    }

    /// A path's few wildcards are compared in turn, many are looked up per head/tail length
    /// pair: both must accept exactly what the wildcards accept.
    #[test]
    fn listed_and_grouped_wildcards_accept_what_each_wildcard_accepts() {
        let few = ["1*", "2*0*1", "*21", "1*2*0", "20*1", "0", "*", "2\\*"];
        let many: Vec<String> = few
            .iter()
            .map(|w| w.to_string())
            .chain(["*0*", "0*0", "1*1", "*2*1*"].map(String::from))
            .collect();
        let values = values_up_to(b"012*\\", 5);
        for (sources, listed) in [(few.map(String::from).to_vec(), true), (many, false)] {
            let mut matcher = ValueMatcher::default();
            let conditions: Vec<Condition> = sources.iter().map(|w| wildcard(w)).collect();
            for (i, condition) in conditions.iter().enumerate() {
                matcher.insert(condition, i as Payload);
            }
            assert_eq!(matcher.wildcards.too_many_to_list, !listed);
            check_against_one_by_one(&matcher, &conditions, &values);
        }
    }

    /// A path's few `equals-ignore-case` texts are compared in place, many (or some beside
    /// case-insensitive affixes) go through the lower-cased table: both answer alike.
    #[test]
    fn listed_and_hashed_ignore_case_texts_accept_the_same_values() {
        let texts = ["ab", "AB", "bA", "a", "", "abc", "CAB", "b", "bb", "aab"];
        let values = values_up_to(b"aAbBc", 4);
        for count in [3, LISTED_IGNORING_CASE, texts.len()] {
            let mut matcher = ValueMatcher::default();
            let conditions: Vec<Condition> = texts[..count]
                .iter()
                .map(|t| Condition::EqualsIgnoreCase {
                    value: crate::pattern::CaseInsensitive::new(t),
                })
                .collect();
            for (i, condition) in conditions.iter().enumerate() {
                matcher.insert(condition, i as Payload);
            }
            check_against_one_by_one(&matcher, &conditions, &values);
        }
    }

    /// Issue 16: 10,000 infix wildcards (`*abc*`) were judged one by one for every value (about
    /// 1 µs per rule per event). Only those whose middle segment the value holds are judged now.
    #[test]
    fn regression_infix_wildcards_judge_only_their_candidates() {
        let mut wildcards = Wildcards::default();
        for i in 0..10_000u32 {
            let source = format!("*{i:05}*");
            wildcards.insert(&wildcard(&source), &source, i);
        }
        let mut judged = 0;
        let mut found = Vec::new();
        wildcards
            .infixes
            .candidates(b"lot-01234-and-05678", &mut found, |_| judged += 1);
        assert_eq!(judged, 2);
        let mut matched = Vec::new();
        wildcards.matching(
            "lot-01234-and-05678",
            &mut ValueScratch::default(),
            &mut |payload| matched.push(payload),
        );
        matched.sort_unstable();
        assert_eq!(matched, [1234, 5678]);
    }

    #[test]
    fn longest_middle_segments() {
        let table = [
            ("*abc*", "abc"),
            ("*a*bcd*e*", "bcd"),
            ("x*abc*", "abc"),
            ("*abc", ""),
            ("*", ""),
            (r"*a\*b*", "a*b"),
            ("**", ""),
        ];
        for (source, middle) in table {
            assert_eq!(longest_middle(source), middle.as_bytes(), "{source}");
        }
    }
}
