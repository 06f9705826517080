//! Many rules at once: [`RuleSet`], all rules compiled into one automaton.
//!
//! See DESIGN.md ("The rule-set engine") for the design. In short:
//! * [`paths`]: a state per field path, reached key by key, so values at paths no rule mentions
//!   are skipped without being looked at (only checked for well-formedness);
//! * [`values`]: per path, every rule's conditions indexed by value (exact, affix and
//!   case-insensitive tables, range trees, then the rest one by one);
//! * each accepted value is a *hit* for the field (path and conditions, shared between rules)
//!   that wanted it; a hit on a sub-rule's *anchor* field makes the sub-rule a candidate, and a
//!   candidate whose required fields all have hits is accepted at once when arrays cannot make its
//!   choices inconsistent, else after the same array-consistency search the single-pattern matcher
//!   runs ([`consistency`]);
//! * [`scan`]: the event text is read once, never built into a tree.

mod consistency;
mod paths;
mod ranges;
mod scan;
// WebAssembly's search for infix wildcard segments; natively the aho-corasick crate searches,
// and the tests check one against the other.
#[cfg(any(target_arch = "wasm32", test))]
mod segments;
mod values;

use crate::consistency::ROOT_ELEMENT;
use crate::pattern::ScalarRef;
use crate::{Event, EventError, Pattern, PatternError};
use consistency::{FieldShape, Hit, Leaf, SearchScratch};
use paths::{NodeId, PathTrie, ROOT};
use scan::{Cursor, Malformed};
use std::cell::RefCell;
use std::collections::HashMap;
use values::{Payload, ValueMatcher, ValueScratch};

/// A named collection of event patterns, matched together against each event.
///
/// Matching costs about the same for five rules as for thousands: it depends on the event and on
/// how many rules match, not on how many rules there are. Results list rule names in the order the
/// rules were first added (replacing a rule keeps its place).
///
/// ```
/// use event_pattern::RuleSet;
///
/// let mut rules = RuleSet::new();
/// rules.add("ec2", r#"{"source": ["aws.ec2"]}"#).unwrap();
/// rules.add("any-aws", r#"{"source": [{"prefix": "aws."}]}"#).unwrap();
/// let event = br#"{"source": "aws.ec2", "detail": {"state": "running"}}"#;
/// assert_eq!(rules.matching_rules_json(event).unwrap(), ["ec2", "any-aws"]);
/// ```
#[derive(Clone, Default)]
pub struct RuleSet {
    /// By rule id, in the order rules were first added; `None` once removed.
    rules: Vec<Option<Rule>>,
    ids: HashMap<String, u32>,
    /// Rule names by id, apart from the rules so that naming the matches touches little memory
    /// (empty once removed: removed rules are never matched).
    names: Vec<Box<str>>,
    automaton: Automaton,
    /// Sub-rules still in the automaton although their rule was removed or replaced.
    stale_sub_rules: usize,
}

/// A summary: the automaton of a large set would fill screens.
impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleSet")
            .field("rules", &self.len())
            .field(
                "sub_rules",
                &(self.automaton.sub_rules.len() - self.stale_sub_rules),
            )
            .field("paths_with_fields", &self.automaton.matchers.len())
            .field("strict_json", &self.automaton.strict_json)
            .finish()
    }
}

#[derive(Debug, Clone)]
struct Rule {
    name: String,
    pattern: Pattern,
    /// Its sub-rules in the automaton.
    sub_rules: Vec<u32>,
}

/// Removed rules' sub-rules are only marked dead; past this many (and past the number of live
/// ones) the automaton is rebuilt, so removal stays cheap on average.
const MIN_STALE_BEFORE_REBUILD: usize = 1024;

impl RuleSet {
    /// An empty set.
    pub fn new() -> RuleSet {
        RuleSet::default()
    }

    /// Adds a rule; a rule of the same name is replaced (keeping its place in results).
    pub fn add(&mut self, name: &str, pattern_text: &str) -> Result<(), PatternError> {
        let pattern = Pattern::parse(pattern_text)?;
        let id = match self.ids.get(name) {
            Some(&id) => {
                self.retire(id);
                id
            }
            None => {
                let id = u32::try_from(self.rules.len()).expect("fewer than 2^32 rules");
                self.ids.insert(name.to_owned(), id);
                self.rules.push(None);
                self.names.push(name.into());
                id
            }
        };
        let sub_rules = self.automaton.compile(id, &pattern);
        self.rules[id as usize] = Some(Rule {
            name: name.to_owned(),
            pattern,
            sub_rules,
        });
        self.rebuild_if_stale();
        Ok(())
    }

    /// Removes a rule; `false` if there was none of that name.
    pub fn remove(&mut self, name: &str) -> bool {
        let Some(id) = self.ids.remove(name) else {
            return false;
        };
        self.retire(id);
        self.rules[id as usize] = None;
        self.names[id as usize] = Box::default();
        self.rebuild_if_stale();
        true
    }

    /// How many rules the set holds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// How much of an event [`RuleSet::matching_rules_json`] checks. Everything it reads on the
    /// way to values that rules mention is always checked against the full JSON grammar, as are
    /// all strings and scalars. Objects and arrays under keys no rule mentions are skipped; by
    /// default their brackets and strings are checked (balanced, matching, at most 1000 deep;
    /// strings terminated, escapes valid, UTF-8) but not the tokens in between, so `[1 2]` or
    /// `{"k": tru}` there goes unnoticed. With `strict` they are checked fully too, which makes
    /// the result exactly [`Event::parse_any`]'s verdict, at about half the speed on events that
    /// are mostly skipped.
    pub fn set_strict_json(&mut self, strict: bool) {
        self.automaton.strict_json = strict;
    }

    /// See [`RuleSet::set_strict_json`].
    pub fn strict_json(&self) -> bool {
        self.automaton.strict_json
    }

    /// Does the set hold no rule?
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The rules matching an event given as JSON text (UTF-8). Any JSON object is an event here
    /// (no `TestEventPattern` envelope check). The text is scanned once; values at paths no rule
    /// mentions are checked for well-formedness and skipped.
    pub fn matching_rules_json(&self, event_json: &[u8]) -> Result<Vec<&str>, EventError> {
        let outcome = with_scratch(|scratch| {
            scratch.reset();
            self.automaton.collect_json(event_json, scratch)?;
            self.automaton.decide(scratch);
            Ok(self.names(&scratch.matched))
        });
        match outcome {
            Ok(names) => Ok(names),
            // Malformed text, or a repeated key (the last one wins, which a single forward pass
            // cannot know early): the full parser reports the error or resolves the keys.
            Err(Fallback) => {
                let text = std::str::from_utf8(event_json)
                    .map_err(|e| EventError::invalid_utf8(event_json, e))?;
                let event = Event::parse_any(text)?;
                Ok(self.matching_rules(&event))
            }
        }
    }

    /// The rules matching a parsed event.
    pub fn matching_rules(&self, event: &Event) -> Vec<&str> {
        with_scratch(|scratch| {
            scratch.reset();
            self.automaton.collect_event(event, scratch);
            self.automaton.decide(scratch);
            self.names(&scratch.matched)
        })
    }

    fn names(&self, matched: &[u32]) -> Vec<&str> {
        matched
            .iter()
            .map(|&id| &*self.names[id as usize])
            .collect()
    }

    /// Takes a rule's sub-rules out of matching.
    fn retire(&mut self, id: u32) {
        if let Some(rule) = self.rules[id as usize].take() {
            self.stale_sub_rules += rule.sub_rules.len();
            self.automaton.retire(&rule.sub_rules);
        }
    }

    fn rebuild_if_stale(&mut self) {
        let live = self.automaton.sub_rules.len() - self.stale_sub_rules;
        if self.stale_sub_rules < MIN_STALE_BEFORE_REBUILD.max(live) {
            return;
        }
        let old = std::mem::take(&mut self.rules);
        self.ids.clear();
        self.names.clear();
        self.automaton = Automaton {
            strict_json: self.automaton.strict_json,
            ..Automaton::default()
        };
        self.stale_sub_rules = 0;
        for mut rule in old.into_iter().flatten() {
            let id = u32::try_from(self.rules.len()).expect("fewer than 2^32 rules");
            rule.sub_rules = self.automaton.compile(id, &rule.pattern);
            self.ids.insert(rule.name.clone(), id);
            self.names.push(rule.name.as_str().into());
            self.rules.push(Some(rule));
        }
    }
}

/// The compiled rules.
#[derive(Debug, Clone, Default)]
struct Automaton {
    /// Check skipped containers against the full grammar (see [`RuleSet::set_strict_json`]).
    strict_json: bool,
    paths: PathTrie,
    /// Value matchers of the paths that have fields, and whether absence is judged there (then
    /// every value at the path is recorded, accepted or not).
    matchers: Vec<(ValueMatcher, bool)>,
    /// By payload (one per distinct field: a path and its conditions, shared by every rule that
    /// has it): the sub-rules it *triggers*, those that chose it as their anchor (see
    /// [`Automaton::compile`]).
    field_slots: Vec<Slots>,
    /// By payload: how many sub-rules have the field (anchor or not).
    field_uses: Vec<u32>,
    /// Payload of each distinct field, by path state and [`conditions_hash`]; the conditions
    /// themselves decide which field of a bucket is the same.
    shared_fields: HashMap<(NodeId, u64), Vec<SharedField>>,
    sub_rules: Vec<SubRule>,
    /// One bit per sub-rule: still live (kept apart, as it is read for every accepted value).
    live: Vec<u64>,
    /// Sub-rules whose every field may be absent: no hit is needed to match, so they are checked
    /// for every event (ascending).
    always_checked: Vec<u32>,
}

/// The sub-rules a field triggers: usually one, and then kept inline.
#[derive(Debug, Clone)]
enum Slots {
    One([Slot; 1]),
    Many(Vec<Slot>),
}

/// A sub-rule that a field's accepted values make a candidate.
#[derive(Debug, Clone, Copy)]
struct Slot {
    sub_rule: u32,
    /// The sub-rule's rule (so a one-field sub-rule is decided without looking it up).
    rule: u32,
    /// The sub-rule is this one field, which needs a value: any accepted value matches it.
    alone: bool,
}

impl Slots {
    fn push(&mut self, slot: Slot) {
        match self {
            Slots::One([first]) => *self = Slots::Many(vec![*first, slot]),
            Slots::Many(list) if list.is_empty() => *self = Slots::One([slot]),
            Slots::Many(list) => list.push(slot),
        }
    }

    fn as_slice(&self) -> &[Slot] {
        match self {
            Slots::One(one) => one,
            Slots::Many(list) => list,
        }
    }
}

#[derive(Debug, Clone)]
struct SubRule {
    rule: u32,
    live: bool,
    /// Every field needs a value (none may be absent).
    all_required: bool,
    fields: Box<[FieldShape]>,
}

/// A field filed in the automaton: its conditions and its payload.
type SharedField = (Box<[crate::Condition]>, Payload);

/// A hash of the conditions' descriptions, which name what each accepts, to find a field among
/// those filed before. (The key was the conditions' `Debug` text: its float formatting alone was
/// about 16 KB of the JS API's wasm, issue 14.)
fn conditions_hash(conditions: &[crate::Condition]) -> u64 {
    use std::fmt::Write as _;
    use std::hash::Hasher as _;
    struct Hashing(crate::hash::WordHasher);
    impl std::fmt::Write for Hashing {
        fn write_str(&mut self, text: &str) -> std::fmt::Result {
            self.0.write(text.as_bytes());
            Ok(())
        }
    }
    let mut hashing = Hashing(Default::default());
    for condition in conditions {
        // Writing into a hasher cannot fail.
        let _ = write!(hashing, "{condition};");
    }
    hashing.0.finish()
}

impl Automaton {
    /// The payload of a field (a path and its conditions), filing its conditions the first time.
    fn field_payload(&mut self, node: NodeId, conditions: &[crate::Condition]) -> Payload {
        let matcher = match self.paths.node(node).matcher {
            Some(m) => m,
            None => {
                let m = u32::try_from(self.matchers.len()).expect("fewer than 2^32 paths");
                self.matchers.push((ValueMatcher::default(), false));
                self.paths.node_mut(node).matcher = Some(m);
                m
            }
        };
        if conditions.iter().any(|c| c.is_absence()) {
            self.matchers[matcher as usize].1 = true;
        }
        // Equal conditions are the same field (a missed sharing, e.g. of a NaN that is never
        // equal to itself, would only cost speed).
        let key = (node, conditions_hash(conditions));
        let shared = self.shared_fields.get(&key).and_then(|bucket| {
            bucket
                .iter()
                .find(|(known, _)| **known == *conditions)
                .map(|&(_, payload)| payload)
        });
        if let Some(payload) = shared {
            return payload;
        }
        let payload = Payload::try_from(self.field_slots.len()).expect("fewer than 2^32 fields");
        self.field_slots.push(Slots::Many(Vec::new()));
        self.field_uses.push(0);
        let (values, _) = &mut self.matchers[matcher as usize];
        for condition in conditions {
            values.insert(condition, payload);
        }
        self.shared_fields
            .entry(key)
            .or_default()
            .push((conditions.into(), payload));
        payload
    }

    /// Adds a pattern's sub-rules; returns their ids.
    ///
    /// Each sub-rule with a required field is triggered by one of them, its *anchor*: the one
    /// fewest sub-rules had when it was added, preferring fields that accept few values (not
    /// `exists: true` or `anything-but`). A value accepted for the anchor makes the sub-rule a
    /// candidate, whose other fields are then looked up among the event's accepted values. So a
    /// field that thousands of rules share (`"ODD_EVEN": ["O"]` beside a rare one) costs one
    /// lookup per event rather than thousands of candidates.
    fn compile(&mut self, rule: u32, pattern: &Pattern) -> Vec<u32> {
        let mut ids = Vec::with_capacity(pattern.sub_rules().len());
        for sub_rule in pattern.sub_rules() {
            let id = u32::try_from(self.sub_rules.len()).expect("fewer than 2^32 sub-rules");
            let mut shapes = Vec::with_capacity(sub_rule.field_indices().len());
            // Per field: accepts most values (`exists: true`, `anything-but`), so a poor anchor.
            let mut unselective = Vec::with_capacity(shapes.capacity());
            for &index in sub_rule.field_indices() {
                let field = &pattern.fields()[index];
                let node = self.paths.insert(&field.path);
                let payload = self.field_payload(node, &field.conditions);
                shapes.push(FieldShape {
                    node,
                    payload,
                    may_be_absent: field.conditions.iter().any(|c| c.is_absence()),
                });
                unselective.push(field.conditions.iter().any(|c| {
                    matches!(
                        c,
                        crate::Condition::Exists { .. } | crate::Condition::AnythingBut { .. }
                    )
                }));
            }
            let anchor = shapes
                .iter()
                .zip(&unselective)
                .filter(|(s, _)| !s.may_be_absent)
                .min_by_key(|(s, &unselective)| (unselective, self.field_uses[s.payload as usize]))
                .map(|(s, _)| s.payload);
            for shape in &shapes {
                self.field_uses[shape.payload as usize] += 1;
            }
            match anchor {
                Some(payload) => self.field_slots[payload as usize].push(Slot {
                    sub_rule: id,
                    rule,
                    alone: shapes.len() == 1,
                }),
                None => self.always_checked.push(id),
            }
            if id % 64 == 0 {
                self.live.push(0);
            }
            self.live[(id / 64) as usize] |= 1 << (id % 64);
            self.sub_rules.push(SubRule {
                rule,
                live: true,
                all_required: shapes.iter().all(|s| !s.may_be_absent),
                fields: shapes.into_boxed_slice(),
            });
            ids.push(id);
        }
        ids
    }

    fn retire(&mut self, sub_rules: &[u32]) {
        for &id in sub_rules {
            self.sub_rules[id as usize].live = false;
            self.live[(id / 64) as usize] &= !(1 << (id % 64));
        }
        self.always_checked
            .retain(|id| self.sub_rules[*id as usize].live);
    }

    /// Records the values of a parsed event at the paths rules mention.
    fn collect_event(&self, event: &Event, scratch: &mut Scratch) {
        // The parsed event's elements are the engine's (its numbering keeps parents first).
        scratch.elements.clear();
        scratch
            .elements
            .extend((0..event.element_count() as u32).map(|e| {
                let element = event.element(e);
                (element.parent, element.array)
            }));
        // The event's key trie walked along the automaton (parents come first).
        let mut states: Vec<Option<NodeId>> = vec![None];
        for (node, parent, key, leaves) in event.path_nodes() {
            let from = match parent {
                None => Some(ROOT),
                Some(p) => states[p as usize],
            };
            let state = from.and_then(|s| self.paths.node(s).child(key.as_bytes()));
            debug_assert_eq!(states.len(), node as usize);
            states.push(state);
            let Some(state) = state else { continue };
            let Some(matcher) = self.paths.node(state).matcher else {
                continue;
            };
            let (values, every_leaf) = &self.matchers[matcher as usize];
            for &leaf in leaves {
                let element = event.leaf(leaf as usize).element;
                scratch.record_in(
                    state,
                    values,
                    *every_leaf,
                    event.scalar(leaf as usize),
                    element,
                );
            }
        }
    }

    /// Scans an event's text once, recording the values at the paths rules mention.
    fn collect_json(&self, bytes: &[u8], scratch: &mut Scratch) -> Result<(), Fallback> {
        let mut cursor = Cursor::new(bytes);
        cursor.skip_whitespace();
        if cursor.peek() != Some(b'{') {
            return Err(Fallback);
        }
        cursor.pos += 1;
        scratch.frames.push(Frame {
            node: ROOT,
            object: true,
            has_entries: false,
            seen_from: 0,
        });
        loop {
            let depth = scratch.frames.len();
            let Some(frame) = scratch.frames.last_mut() else {
                break;
            };
            cursor.skip_whitespace();
            let node = frame.node;
            let close = if frame.object { b'}' } else { b']' };
            match cursor.peek() {
                Some(byte) if byte == close => {
                    cursor.pos += 1;
                    let frame = scratch.frames.pop().expect("a frame is open");
                    if frame.object {
                        scratch.seen.truncate(frame.seen_from);
                    } else {
                        scratch.open_arrays.pop();
                    }
                    continue;
                }
                Some(b',') if frame.has_entries => {
                    cursor.pos += 1;
                    cursor.skip_whitespace();
                }
                _ if !frame.has_entries => {}
                _ => return Err(Fallback),
            }
            frame.has_entries = true;
            let object = frame.object;
            let seen_from = frame.seen_from;
            let target = if object {
                let name = cursor.member_name()?;
                let raw = &bytes[name.start..name.end];
                let key: &[u8] = if name.escaped {
                    scan::decode(raw, &mut scratch.text);
                    scratch.text.as_bytes()
                } else {
                    raw
                };
                let Some(child) = self.paths.node(node).child(key) else {
                    // Most values skipped inside objects rules look into are short strings.
                    if cursor.peek() == Some(b'"') {
                        cursor.string()?;
                    } else {
                        cursor.skip_value(depth, &mut scratch.skip_stack, self.strict_json)?;
                    }
                    continue;
                };
                if scratch.seen[seen_from..].contains(&child) {
                    return Err(Fallback);
                }
                scratch.seen.push(child);
                child
            } else {
                // This frame's array is the innermost open one: a new element starts.
                if let Some(open) = scratch.open_arrays.last_mut() {
                    open.index = open.index.wrapping_add(1);
                    open.element = NO_ELEMENT;
                }
                node
            };
            self.value(target, depth, &mut cursor, scratch)?;
        }
        cursor.skip_whitespace();
        if cursor.pos == bytes.len() {
            Ok(())
        } else {
            Err(Fallback)
        }
    }

    /// Reads the value at the cursor, which sits at path state `node`.
    fn value(
        &self,
        node: NodeId,
        depth: usize,
        cursor: &mut Cursor<'_>,
        scratch: &mut Scratch,
    ) -> Result<(), Malformed> {
        let state = self.paths.node(node);
        let byte = cursor.peek().ok_or(Malformed)?;
        match byte {
            b'{' | b'[' => {
                let object = byte == b'{';
                // Objects matter only if keys lead on; arrays also if their elements are values.
                if !state.has_children() && (object || state.matcher.is_none()) {
                    return cursor.skip_value(depth, &mut scratch.skip_stack, self.strict_json);
                }
                if depth >= crate::json::MAX_DEPTH {
                    return Err(Malformed);
                }
                cursor.pos += 1;
                scratch.frames.push(Frame {
                    node,
                    object,
                    has_entries: false,
                    seen_from: scratch.seen.len(),
                });
                if !object {
                    // The index starts one below zero: reading the first element raises it.
                    scratch.open_arrays.push(OpenArray {
                        array: scratch.next_array,
                        index: u32::MAX,
                        element: NO_ELEMENT,
                    });
                    scratch.next_array += 1;
                }
                return Ok(());
            }
            _ => {}
        }
        let Some(matcher) = state.matcher else {
            return cursor.skip_value(depth, &mut scratch.skip_stack, self.strict_json);
        };
        let (values, every_leaf) = &self.matchers[matcher as usize];
        match byte {
            b'"' => {
                let raw = cursor.string()?;
                let raw_text = &cursor.bytes[raw.start..raw.end];
                if raw.escaped {
                    scan::decode(raw_text, &mut scratch.text);
                    // Taken out of the scratch area so that `record` may borrow it mutably.
                    let decoded = std::mem::take(&mut scratch.text);
                    scratch.record(node, values, *every_leaf, ScalarRef::String(&decoded));
                    scratch.text = decoded;
                } else {
                    let text = std::str::from_utf8(raw_text).map_err(|_| Malformed)?;
                    scratch.record(node, values, *every_leaf, ScalarRef::String(text));
                }
            }
            b'-' | b'0'..=b'9' => {
                let (start, end) = cursor.number()?;
                let literal =
                    std::str::from_utf8(&cursor.bytes[start..end]).map_err(|_| Malformed)?;
                let value = if values.wants_number_values {
                    crate::pattern::comparable_number(literal).unwrap_or(f64::NAN)
                } else {
                    f64::NAN
                };
                scratch.record(
                    node,
                    values,
                    *every_leaf,
                    ScalarRef::Number { literal, value },
                );
            }
            _ => {
                let value = match cursor.word()? {
                    b't' => ScalarRef::Bool(true),
                    b'f' => ScalarRef::Bool(false),
                    _ => ScalarRef::Null,
                };
                scratch.record(node, values, *every_leaf, value);
            }
        }
        Ok(())
    }

    /// Turns the accepted values into matching rule ids (`scratch.matched`, ascending).
    fn decide(&self, scratch: &mut Scratch) {
        let Scratch {
            leaves,
            elements,
            by_node,
            value_hits,
            candidates,
            hits,
            matched,
            search,
            ..
        } = scratch;
        crate::sort::unstable(value_hits);
        value_hits.dedup();
        candidates.clear();
        let mut i = 0;
        while i < value_hits.len() {
            let payload = value_hits[i].0;
            i += value_hits[i..]
                .iter()
                .take_while(|h| h.0 == payload)
                .count();
            for slot in self.field_slots[payload as usize].as_slice() {
                let id = slot.sub_rule;
                if self.live[(id / 64) as usize] >> (id % 64) & 1 == 0 {
                    continue;
                }
                if slot.alone {
                    matched.push(slot.rule);
                } else {
                    candidates.push(id);
                }
            }
        }
        crate::sort::unstable(candidates);
        candidates.dedup();
        by_node.clear();
        let mut by_node_ready = false;
        for &id in candidates.iter().chain(&self.always_checked) {
            let sub_rule = &self.sub_rules[id as usize];
            if matched.last() == Some(&sub_rule.rule) {
                continue;
            }
            // Every field's accepted values, and how many fields have one inside an array.
            hits.clear();
            let mut in_arrays = 0usize;
            let mut complete = true;
            for (position, field) in sub_rule.fields.iter().enumerate() {
                let start = value_hits.partition_point(|h| h.0 < field.payload);
                let found = &value_hits[start..];
                let count = found.iter().take_while(|h| h.0 == field.payload).count();
                if count == 0 && !field.may_be_absent {
                    complete = false;
                    break;
                }
                let position = position as u16;
                hits.extend(found[..count].iter().map(|&(_, leaf)| (id, position, leaf)));
                in_arrays += usize::from(
                    found[..count]
                        .iter()
                        .any(|h| leaves[h.1 as usize].element != ROOT_ELEMENT),
                );
            }
            if !complete {
                continue;
            }
            // Choices can only clash when two fields' values sit in arrays.
            let simple = sub_rule.all_required && in_arrays <= 1;
            if !simple && !sub_rule.all_required && !by_node_ready {
                // Absence is judged against every value at a path: group the leaves by path once.
                by_node.extend(
                    leaves
                        .iter()
                        .enumerate()
                        .map(|(index, leaf)| (leaf.node, index as u32)),
                );
                crate::sort::unstable(by_node);
                by_node_ready = true;
            }
            let event = consistency::Event {
                leaves,
                elements,
                by_node,
            };
            if simple || consistency::satisfiable(&sub_rule.fields, hits, &event, search) {
                matched.push(sub_rule.rule);
            }
        }
        crate::sort::unstable(matched);
        matched.dedup();
    }
}

/// The fast path gave up: the text is malformed or repeats a key.
#[derive(Debug)]
struct Fallback;

impl From<Malformed> for Fallback {
    fn from(_: Malformed) -> Fallback {
        Fallback
    }
}

/// An open object or array during the scan.
#[derive(Debug, Clone, Copy)]
struct Frame {
    node: NodeId,
    object: bool,
    has_entries: bool,
    /// Start of this object's keys in `Scratch::seen`.
    seen_from: usize,
}

/// Per-event working memory, reused across events on one thread.
#[derive(Debug, Default)]
struct Scratch {
    frames: Vec<Frame>,
    /// Path states of the keys read in the open objects (to notice a repeated key).
    seen: Vec<NodeId>,
    /// The arrays around the cursor, outermost first.
    open_arrays: Vec<OpenArray>,
    next_array: u32,
    skip_stack: Vec<bool>,
    text: String,
    values: ValueScratch,
    leaves: Vec<Leaf>,
    /// (parent element, array) of the array elements holding recorded leaves (and of their
    /// parents); the first stands for "in no array".
    elements: Vec<(u32, u32)>,
    /// (path state, leaf), sorted, when some absence is judged.
    by_node: Vec<(NodeId, u32)>,
    /// (payload, leaf) for every condition that accepted a value.
    value_hits: Vec<(Payload, u32)>,
    /// Sub-rules an anchor field made candidates.
    candidates: Vec<u32>,
    hits: Vec<Hit>,
    matched: Vec<u32>,
    search: SearchScratch,
}

impl Scratch {
    fn reset(&mut self) {
        self.frames.clear();
        self.seen.clear();
        self.open_arrays.clear();
        self.next_array = 0;
        self.leaves.clear();
        self.elements.clear();
        self.elements.push((ROOT_ELEMENT, u32::MAX));
        self.value_hits.clear();
        self.matched.clear();
    }

    /// Runs a value at the cursor through its path's matcher and keeps the leaf if anything
    /// needs it.
    #[inline]
    fn record(
        &mut self,
        node: NodeId,
        values: &ValueMatcher,
        every_leaf: bool,
        value: ScalarRef<'_>,
    ) {
        let leaf = self.leaves.len() as u32;
        let before = self.value_hits.len();
        let value_hits = &mut self.value_hits;
        values.scalar(value, &mut self.values, &mut |payload| {
            value_hits.push((payload, leaf))
        });
        if every_leaf || self.value_hits.len() > before {
            let element = self.current_element();
            self.leaves.push(Leaf { node, element });
        }
    }

    /// Like [`Scratch::record`] for a leaf of a parsed event, in its element.
    fn record_in(
        &mut self,
        node: NodeId,
        values: &ValueMatcher,
        every_leaf: bool,
        value: ScalarRef<'_>,
        element: u32,
    ) {
        let leaf = self.leaves.len() as u32;
        let before = self.value_hits.len();
        let value_hits = &mut self.value_hits;
        values.scalar(value, &mut self.values, &mut |payload| {
            value_hits.push((payload, leaf))
        });
        if every_leaf || self.value_hits.len() > before {
            self.leaves.push(Leaf { node, element });
        }
    }

    /// The innermost open array element, numbering it (and the open elements around it) on
    /// first use, outer ones first, so parents get smaller numbers.
    fn current_element(&mut self) -> u32 {
        let unnumbered = self
            .open_arrays
            .iter()
            .rev()
            .take_while(|open| open.element == NO_ELEMENT)
            .count();
        let first = self.open_arrays.len() - unnumbered;
        let mut parent = match first {
            0 => ROOT_ELEMENT,
            _ => self.open_arrays[first - 1].element,
        };
        for open in &mut self.open_arrays[first..] {
            open.element = self.elements.len() as u32;
            self.elements.push((parent, open.array));
            parent = open.element;
        }
        parent
    }
}

/// An array open around the scanner's cursor.
#[derive(Debug, Clone, Copy)]
struct OpenArray {
    array: u32,
    index: u32,
    /// The number of the current element, once a leaf in it was recorded.
    element: u32,
}

/// [`OpenArray::element`] before the element is numbered.
const NO_ELEMENT: u32 = u32::MAX;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

fn with_scratch<T>(f: impl FnOnce(&mut Scratch) -> T) -> T {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => f(&mut scratch),
        // Not reachable today (matching never re-enters itself); stay correct if it ever does.
        Err(_) => f(&mut Scratch::default()),
    })
}

#[cfg(test)]
mod tests {
    use super::RuleSet;

    /// A field (a path and its conditions) is filed once however many rules have it: found by
    /// the conditions' hash, decided by equality (regression: the key was their `Debug` text).
    #[test]
    fn equal_fields_share_one_payload_and_different_ones_do_not() {
        let mut rules = RuleSet::new();
        let fields = |rules: &RuleSet| rules.automaton.field_slots.len();
        rules
            .add("a", r#"{"source": ["aws.ec2", {"prefix": "x"}]}"#)
            .unwrap();
        assert_eq!(fields(&rules), 1);
        // The same conditions, spelt otherwise: the same field.
        rules
            .add("b", r#"{ "source" : [ "aws.ec2" , { "prefix" : "x" } ] }"#)
            .unwrap();
        rules
            .add("c", r#"{"source": ["aws\u002eec2", {"prefix": "x"}]}"#)
            .unwrap();
        assert_eq!(fields(&rules), 1);
        // Numbers are shared by value: 300 and 3e2 and 300.0 are one field.
        rules
            .add("n1", r#"{"size": [{"numeric": [">", 300]}]}"#)
            .unwrap();
        rules
            .add("n2", r#"{"size": [{"numeric": [">", 3e2]}]}"#)
            .unwrap();
        rules
            .add("n3", r#"{"size": [{"numeric": [">", 300.0]}]}"#)
            .unwrap();
        assert_eq!(fields(&rules), 2);
        // Another order, another condition, another path, or another operator: other fields.
        rules
            .add("d", r#"{"source": [{"prefix": "x"}, "aws.ec2"]}"#)
            .unwrap();
        rules.add("e", r#"{"source": ["aws.ec2"]}"#).unwrap();
        rules
            .add(
                "f",
                r#"{"detail": {"source": ["aws.ec2", {"prefix": "x"}]}}"#,
            )
            .unwrap();
        rules
            .add("g", r#"{"size": [{"numeric": [">=", 300]}]}"#)
            .unwrap();
        rules
            .add("h", r#"{"source": ["aws.ec2", {"suffix": "x"}]}"#)
            .unwrap();
        assert_eq!(fields(&rules), 7);
        let event = br#"{"source": "aws.ec2", "size": 301}"#;
        assert_eq!(
            rules.matching_rules_json(event).unwrap(),
            ["a", "b", "c", "n1", "n2", "n3", "d", "e", "g", "h"]
        );
    }
}
