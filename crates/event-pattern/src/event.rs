//! Events: parsed once, flattened into leaves that patterns are matched against.
//!
//! An event is read token by token (no tree is built) into compact tables whose size is a small
//! multiple of the number of values, however deep the event nests or however long its keys:
//!
//! * *leaves*: every scalar, as its byte range in the text, its innermost array element and its
//!   kind (16 bytes; strings with escapes keep their decoded text aside);
//! * *elements*: every array element, with its parent element and its array, so a value's arrays
//!   are found by walking up (the engine and the consistency search need no per-value lists);
//! * *paths*: a trie of keys, one node per distinct (parent, key), so a path string is never
//!   stored per value or per array; the leaves of each node are kept together.
//!
//! Flattened paths join keys with dots, so `{"a.b": 1}` and `{"a": {"b": 1}}` are both at `a.b`:
//! looking a path up may reach several trie nodes.

use crate::consistency::{Elements, ROOT_ELEMENT};
use crate::error::{EventError, EventProblem};
use crate::json::{parse_tree, PullParser, Span, TokenKind, TreeError, Value, ValueKind};
use crate::pattern::{comparable_number, ScalarRef};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

/// Fields `TestEventPattern` insists on (`resources`, `detail` and `version` are not required in
/// practice, although the API reference lists `resources`).
pub const REQUIRED_FIELDS: [&str; 6] = ["id", "account", "source", "time", "region", "detail-type"];

/// The trie node above every top-level key (it has no key itself).
const TOP: u32 = 0;

/// Largest event text, in bytes: offsets are kept in 32 bits.
const MAX_EVENT_BYTES: usize = u32::MAX as usize - 1;

/// One scalar value of the event.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EventLeaf {
    start: u32,
    end: u32,
    /// The innermost array element holding the value ([`ROOT_ELEMENT`] when in no array).
    pub element: u32,
    kind: LeafKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LeafKind {
    /// A string without escapes: the text between the quotes.
    String,
    /// A string with escapes: its decoded text is `Event::decoded[i]`.
    Decoded(u32),
    /// A number: its value (NaN when it does not compare, see `comparable_number`) is
    /// `Event::numbers[i]`.
    Number(u32),
    Bool(bool),
    Null,
}

impl EventLeaf {
    /// The value's bytes in the event text (strings with their quotes).
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// One element of an array of the event. Elements are numbered in document order, so an
/// element's number is larger than its parent's.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EventElement {
    /// The element holding this element's array ([`ROOT_ELEMENT`] at the top).
    pub parent: u32,
    pub array: u32,
    pub index: u32,
}

/// An array of the event, for telling people which element was used.
#[derive(Debug, Clone, Copy)]
struct EventArray {
    path: u32,
    start: u32,
    end: u32,
}

/// A key of the path trie: its bytes in the text, or decoded aside when it has escapes.
#[derive(Debug, Clone, Copy)]
enum KeyText {
    Raw { start: u32, end: u32 },
    Decoded(u32),
}

#[derive(Debug, Clone, Copy)]
struct PathNode {
    parent: u32,
    key: KeyText,
}

/// A parsed event.
#[derive(Debug, Clone)]
pub struct Event {
    text: String,
    leaves: Vec<EventLeaf>,
    /// Decoded strings and keys that hold escapes.
    decoded: Vec<Box<str>>,
    /// The values of the numbers, computed once.
    numbers: Vec<f64>,
    arrays: Vec<EventArray>,
    /// Array elements; the first stands for "in no array".
    elements: Vec<EventElement>,
    /// The key trie; the first node is [`TOP`].
    paths: Vec<PathNode>,
    /// Children of the key trie by a hash of (parent, key): the first node with that hash, the
    /// others chained through `same_hash`. Keys come from the event, so the hash is keyed
    /// (std's SipHash with a random key): crafted keys cannot make lookups slow.
    children: HashMap<u64, u32>,
    hasher: RandomState,
    same_hash: Vec<u32>,
    /// Leaves grouped by path node (document order within a node): node `n` has
    /// `path_leaves[path_starts[n]..path_starts[n + 1]]`.
    path_leaves: Vec<u32>,
    path_starts: Vec<u32>,
}

impl Event {
    /// Parses an event with `TestEventPattern`'s checks: a JSON object holding `id`, `account`,
    /// `source`, `time`, `region` and `detail-type`.
    pub fn parse(text: &str) -> Result<Event, EventError> {
        let event = Event::parse_any(text)?;
        let missing = REQUIRED_FIELDS
            .iter()
            .copied()
            .find(|name| event.child(TOP, name).is_none());
        if let Some(field) = missing {
            return Err(EventError::new(EventProblem::MissingField { field }, text));
        }
        Ok(event)
    }

    /// Accepts any JSON object as an event (for rule sets and archives).
    pub fn parse_any(text: &str) -> Result<Event, EventError> {
        if text.len() > MAX_EVENT_BYTES {
            return Err(EventError::new(
                EventProblem::TooLarge {
                    limit: MAX_EVENT_BYTES,
                },
                "",
            ));
        }
        match Builder::new(text).stream() {
            Ok(event) => Ok(event),
            // A key given twice keeps its first place and its last value (Jackson's tree); the
            // stream cannot know that early, so such events are read through the tree.
            Err(Streamed::RepeatedKey) => {
                let root = parse_object(text)?;
                let mut builder = Builder::new(text);
                builder.tree(&root);
                Ok(builder.finish())
            }
            Err(Streamed::Invalid) => Err(parse_object(text)
                .err()
                .unwrap_or_else(|| EventError::new(EventProblem::Empty, text))),
        }
    }

    /// [`Event::parse`] on a serde value (spans then refer to its compact serialization).
    pub fn from_value(value: &serde_json::Value) -> Result<Event, EventError> {
        Event::parse(&value.to_string())
    }

    /// The event's JSON text.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub(crate) fn leaf(&self, index: usize) -> &EventLeaf {
        &self.leaves[index]
    }

    /// A leaf's value as the conditions see it.
    pub(crate) fn scalar(&self, index: usize) -> ScalarRef<'_> {
        let leaf = &self.leaves[index];
        let (start, end) = (leaf.start as usize, leaf.end as usize);
        match leaf.kind {
            LeafKind::String => ScalarRef::String(&self.text[start + 1..end - 1]),
            LeafKind::Decoded(i) => ScalarRef::String(&self.decoded[i as usize]),
            LeafKind::Number(i) => ScalarRef::Number {
                literal: &self.text[start..end],
                value: self.numbers[i as usize],
            },
            LeafKind::Bool(b) => ScalarRef::Bool(b),
            LeafKind::Null => ScalarRef::Null,
        }
    }

    pub(crate) fn element(&self, element: u32) -> &EventElement {
        &self.elements[element as usize]
    }

    /// How many array elements there are, counting the one standing for "in no array".
    pub(crate) fn element_count(&self) -> usize {
        self.elements.len()
    }

    /// (array, element index) of every array holding `element`, outermost first.
    pub(crate) fn element_chain(&self, mut element: u32) -> Vec<(usize, usize)> {
        let mut chain = Vec::new();
        while element != ROOT_ELEMENT {
            let e = self.element(element);
            chain.push((e.array as usize, e.index as usize));
            element = e.parent;
        }
        chain.reverse();
        chain
    }

    /// The dot-joined path of an array.
    pub(crate) fn array_path(&self, array: usize) -> String {
        self.path_name(self.arrays[array].path)
    }

    /// The bytes of an array in the event text.
    pub(crate) fn array_span(&self, array: usize) -> Span {
        let a = &self.arrays[array];
        Span::new(a.start as usize, a.end as usize)
    }

    /// Indices of the leaves at a dot-joined path, in document order.
    pub(crate) fn leaves_at(&self, path: &str) -> Cow<'_, [u32]> {
        // Nearly always one node: found without allocating.
        let mut first = None;
        let mut more: Vec<u32> = Vec::new();
        self.find_nodes(TOP, path, &mut |node| match first {
            None => first = Some(node),
            Some(_) => more.push(node),
        });
        match first {
            None => Cow::Borrowed(&[]),
            Some(node) if more.is_empty() => Cow::Borrowed(self.node_leaves(node)),
            Some(node) => {
                let mut all: Vec<u32> = std::iter::once(node)
                    .chain(more)
                    .flat_map(|n| self.node_leaves(n).iter().copied())
                    .collect();
                crate::sort::unstable(&mut all);
                Cow::Owned(all)
            }
        }
    }

    /// Every key-trie node below the top, parents first: (node, parent node or `None` at the top,
    /// key, the node's leaves).
    pub(crate) fn path_nodes(&self) -> impl Iterator<Item = (u32, Option<u32>, &str, &[u32])> {
        (1..self.paths.len() as u32).map(move |node| {
            let parent = self.paths[node as usize].parent;
            (
                node,
                (parent != TOP).then_some(parent),
                self.key(node),
                self.node_leaves(node),
            )
        })
    }

    fn node_leaves(&self, node: u32) -> &[u32] {
        let from = self.path_starts[node as usize] as usize;
        let to = self.path_starts[node as usize + 1] as usize;
        &self.path_leaves[from..to]
    }

    fn key(&self, node: u32) -> &str {
        match self.paths[node as usize].key {
            KeyText::Raw { start, end } => &self.text[start as usize..end as usize],
            KeyText::Decoded(i) => &self.decoded[i as usize],
        }
    }

    fn path_name(&self, mut node: u32) -> String {
        let mut keys = Vec::new();
        while node != TOP {
            keys.push(self.key(node));
            node = self.paths[node as usize].parent;
        }
        keys.reverse();
        keys.join(".")
    }

    fn child(&self, parent: u32, key: &str) -> Option<u32> {
        let mut node = *self.children.get(&self.hasher.hash_one((parent, key)))?;
        loop {
            if self.paths[node as usize].parent == parent && self.key(node) == key {
                return Some(node);
            }
            node = self.same_hash[node as usize];
            if node == NO_NODE {
                return None;
            }
        }
    }

    /// Nodes whose path, below `node`, is `rest`: each key may itself hold dots.
    fn find_nodes(&self, node: u32, rest: &str, out: &mut impl FnMut(u32)) {
        let ends = rest
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'.')
            .map(|(i, _)| i)
            .chain(std::iter::once(rest.len()));
        for end in ends {
            let Some(child) = self.child(node, &rest[..end]) else {
                continue;
            };
            if end == rest.len() {
                out(child);
            } else {
                self.find_nodes(child, &rest[end + 1..], out);
            }
        }
    }
}

/// End of a `same_hash` chain.
const NO_NODE: u32 = u32::MAX;

impl Elements for Event {
    fn parent(&self, element: u32) -> u32 {
        self.elements[element as usize].parent
    }

    fn array(&self, element: u32) -> u32 {
        self.elements[element as usize].array
    }
}

/// Why streaming stopped.
enum Streamed {
    /// Not one JSON object: the tree parser reports why.
    Invalid,
    /// An object repeats a key.
    RepeatedKey,
}

/// An open object or array while reading.
struct Frame {
    /// The path of the container's values.
    path: u32,
    /// The element holding the values: for arrays, the current item's.
    element: u32,
    kind: FrameKind,
}

enum FrameKind {
    /// With a number unique to this object, to notice repeated keys.
    Object { instance: u32 },
    Array {
        id: u32,
        /// The element holding the array itself.
        outer: u32,
        next_index: u32,
    },
}

/// Builds an [`Event`] from tokens or from a tree, in document order.
struct Builder<'t> {
    text: &'t str,
    event: Event,
    /// Path node of each leaf, grouped into `path_leaves` at the end.
    leaf_paths: Vec<u32>,
    /// Children of path nodes by (parent, key) (std's keyed hash: the keys are the event's).
    index: HashMap<(u32, String), u32>,
    /// Per path node: the last object instance that used it as a key.
    last_seen_in: Vec<u32>,
    objects: u32,
    frames: Vec<Frame>,
    /// Path node of the member whose value comes next.
    member: u32,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str) -> Builder<'t> {
        Builder {
            text,
            event: Event {
                text: text.to_owned(),
                leaves: Vec::new(),
                decoded: Vec::new(),
                numbers: Vec::new(),
                arrays: Vec::new(),
                elements: vec![EventElement {
                    parent: ROOT_ELEMENT,
                    array: u32::MAX,
                    index: 0,
                }],
                paths: vec![PathNode {
                    parent: TOP,
                    key: KeyText::Decoded(u32::MAX),
                }],
                children: HashMap::new(),
                hasher: RandomState::new(),
                same_hash: Vec::new(),
                path_leaves: Vec::new(),
                path_starts: Vec::new(),
            },
            leaf_paths: Vec::new(),
            index: HashMap::new(),
            last_seen_in: vec![u32::MAX],
            objects: 0,
            frames: Vec::new(),
            member: TOP,
        }
    }

    /// Reads the text with the pull parser; the root must be an object.
    fn stream(mut self) -> Result<Event, Streamed> {
        let mut parser = PullParser::new(self.text);
        loop {
            let token = match parser.next_token() {
                Ok(Some(token)) => token,
                Ok(None) | Err(_) => return Err(Streamed::Invalid),
            };
            let (start, end) = (token.span.start as u32, token.span.end as u32);
            if self.frames.is_empty() && token.kind != TokenKind::StartObject {
                return Err(Streamed::Invalid);
            }
            match token.kind {
                TokenKind::StartObject => self.open_object(),
                TokenKind::StartArray => self.open_array(start),
                TokenKind::EndObject | TokenKind::EndArray => {
                    self.close(end);
                    if self.frames.is_empty() {
                        break;
                    }
                }
                TokenKind::FieldName(name) => {
                    if !self.key(name, token.span) {
                        return Err(Streamed::RepeatedKey);
                    }
                }
                TokenKind::String(s) => self.string(&s, start, end),
                TokenKind::Number(_) => self.number(start, end),
                TokenKind::True => self.scalar(LeafKind::Bool(true), start, end),
                TokenKind::False => self.scalar(LeafKind::Bool(false), start, end),
                TokenKind::Null => self.scalar(LeafKind::Null, start, end),
            }
        }
        let rest = &self.text[parser.last_end()..];
        if !rest.trim_start_matches([' ', '\t', '\n', '\r']).is_empty() {
            return Err(Streamed::Invalid);
        }
        Ok(self.finish())
    }

    /// Walks a parsed tree (repeated keys already resolved) in document order.
    fn tree(&mut self, root: &Value) {
        enum Step<'v> {
            Value(&'v Value),
            Key(&'v str, Span),
            Close(usize),
        }
        let mut stack = vec![Step::Value(root)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Key(key, span) => {
                    self.key(key.to_owned(), span);
                }
                Step::Close(end) => self.close(end as u32),
                Step::Value(value) => {
                    let (start, end) = (value.span.start as u32, value.span.end as u32);
                    match &value.kind {
                        ValueKind::Object(members) => {
                            self.open_object();
                            stack.push(Step::Close(value.span.end));
                            for member in members.iter().rev() {
                                stack.push(Step::Value(&member.value));
                                stack.push(Step::Key(&member.key, member.key_span));
                            }
                        }
                        ValueKind::Array(items) => {
                            self.open_array(start);
                            stack.push(Step::Close(value.span.end));
                            stack.extend(items.iter().rev().map(Step::Value));
                        }
                        ValueKind::String(s) => self.string(s, start, end),
                        ValueKind::Number(_) => self.number(start, end),
                        ValueKind::Bool(b) => self.scalar(LeafKind::Bool(*b), start, end),
                        ValueKind::Null => self.scalar(LeafKind::Null, start, end),
                    }
                }
            }
        }
    }

    /// Where the next value goes: its path node and its element.
    fn value_position(&mut self) -> (u32, u32) {
        let elements = &mut self.event.elements;
        match self.frames.last_mut() {
            None => (TOP, ROOT_ELEMENT),
            Some(frame) => match &mut frame.kind {
                FrameKind::Object { .. } => (self.member, frame.element),
                FrameKind::Array {
                    id,
                    outer,
                    next_index,
                } => {
                    let element = elements.len() as u32;
                    elements.push(EventElement {
                        parent: *outer,
                        array: *id,
                        index: *next_index,
                    });
                    *next_index += 1;
                    frame.element = element;
                    (frame.path, element)
                }
            },
        }
    }

    fn open_object(&mut self) {
        let (path, element) = self.value_position();
        self.objects += 1;
        self.frames.push(Frame {
            path,
            element,
            kind: FrameKind::Object {
                instance: self.objects,
            },
        });
    }

    fn open_array(&mut self, start: u32) {
        let (path, element) = self.value_position();
        let id = self.event.arrays.len() as u32;
        self.event.arrays.push(EventArray {
            path,
            start,
            end: start,
        });
        self.frames.push(Frame {
            path,
            element,
            kind: FrameKind::Array {
                id,
                outer: element,
                next_index: 0,
            },
        });
    }

    fn close(&mut self, end: u32) {
        if let Some(Frame {
            kind: FrameKind::Array { id, .. },
            ..
        }) = self.frames.pop()
        {
            self.event.arrays[id as usize].end = end;
        }
    }

    /// A member's key; `false` if the object already had it.
    fn key(&mut self, name: String, span: Span) -> bool {
        let Some(Frame {
            path: parent,
            kind: FrameKind::Object { instance },
            ..
        }) = self.frames.last()
        else {
            return true;
        };
        let (parent, instance) = (*parent, *instance);
        let raw = &self.text[span.start + 1..span.end - 1];
        let probe = (parent, name);
        let node = match self.index.get(&probe) {
            Some(&node) => node,
            None => {
                let name = &probe.1;
                let node = self.event.paths.len() as u32;
                let key = if raw == name {
                    KeyText::Raw {
                        start: span.start as u32 + 1,
                        end: span.end as u32 - 1,
                    }
                } else {
                    self.event.decoded.push(name.as_str().into());
                    KeyText::Decoded(self.event.decoded.len() as u32 - 1)
                };
                self.event.paths.push(PathNode { parent, key });
                self.last_seen_in.push(0);
                self.index.insert(probe, node);
                node
            }
        };
        if self.last_seen_in[node as usize] == instance {
            return false;
        }
        self.last_seen_in[node as usize] = instance;
        self.member = node;
        true
    }

    fn string(&mut self, decoded: &str, start: u32, end: u32) {
        let raw = &self.text[start as usize + 1..end as usize - 1];
        let kind = if raw == decoded {
            LeafKind::String
        } else {
            self.event.decoded.push(decoded.into());
            LeafKind::Decoded(self.event.decoded.len() as u32 - 1)
        };
        self.scalar(kind, start, end);
    }

    fn number(&mut self, start: u32, end: u32) {
        let literal = &self.text[start as usize..end as usize];
        let index = self.event.numbers.len() as u32;
        self.event
            .numbers
            .push(comparable_number(literal).unwrap_or(f64::NAN));
        self.scalar(LeafKind::Number(index), start, end);
    }

    fn scalar(&mut self, kind: LeafKind, start: u32, end: u32) {
        let (path, element) = self.value_position();
        self.event.leaves.push(EventLeaf {
            start,
            end,
            element,
            kind,
        });
        self.leaf_paths.push(path);
    }

    fn finish(mut self) -> Event {
        let event = &mut self.event;
        // Leaves grouped by path node, by counting.
        let nodes = event.paths.len();
        let mut starts = vec![0u32; nodes + 1];
        for &p in &self.leaf_paths {
            starts[p as usize + 1] += 1;
        }
        for i in 0..nodes {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut grouped = vec![0u32; self.leaf_paths.len()];
        for (leaf, &p) in self.leaf_paths.iter().enumerate() {
            grouped[next[p as usize] as usize] = leaf as u32;
            next[p as usize] += 1;
        }
        event.path_leaves = grouped;
        event.path_starts = starts;
        let mut children: HashMap<u64, u32> = HashMap::with_capacity(nodes);
        let mut same_hash = vec![NO_NODE; nodes];
        for node in 1..nodes as u32 {
            let hash = event
                .hasher
                .hash_one((event.paths[node as usize].parent, event.key(node)));
            if let Some(first) = children.insert(hash, node) {
                same_hash[node as usize] = first;
            }
        }
        event.children = children;
        event.same_hash = same_hash;
        self.event
    }
}

fn parse_object(text: &str) -> Result<Value, EventError> {
    let root = parse_tree(text).map_err(|e| {
        let problem = match e {
            TreeError::Syntax(err) => EventProblem::Syntax {
                message: err.message,
                span: err.span,
            },
            TreeError::Empty => EventProblem::Empty,
            TreeError::TrailingContent(span) => EventProblem::TrailingContent { span },
        };
        EventError::new(problem, text)
    })?;
    if !matches!(root.kind, ValueKind::Object(_)) {
        return Err(EventError::new(
            EventProblem::NotAnObject { span: root.span },
            text,
        ));
    }
    Ok(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENVELOPE: &str =
        r#""id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d""#;

    #[test]
    fn flattening_joins_keys_and_records_array_elements() {
        let text = format!(
            r#"{{{ENVELOPE},"detail":{{"a":[{{"b":1}},{{"b":[2,3]}}],"c.d":null,"e":[]}}}}"#
        );
        let event = Event::parse(&text).unwrap();
        let b = event.leaves_at("detail.a.b");
        assert_eq!(b.len(), 3);
        assert_eq!(
            event.element_chain(event.leaf(b[0] as usize).element),
            vec![(0, 0)]
        );
        assert_eq!(
            event.element_chain(event.leaf(b[2] as usize).element),
            vec![(0, 1), (1, 1)]
        );
        assert_eq!(event.leaves_at("detail.c.d").len(), 1);
        assert!(event.leaves_at("detail.e").is_empty());
        assert_eq!(event.array_path(1), "detail.a.b");
    }

    #[test]
    fn dotted_keys_and_nesting_are_one_path_in_document_order() {
        let event = Event::parse_any(r#"{"a":{"b":1},"a.b":2,"x":{"a.b":3},"a":{"b":4}}"#).unwrap();
        // The repeated `a` keeps its first place and its last value.
        let leaves = event.leaves_at("a.b");
        let texts: Vec<&str> = leaves
            .iter()
            .map(|&l| &event.text()[event.leaf(l as usize).span().range()])
            .collect();
        assert_eq!(texts, ["4", "2"]);
        let event =
            Event::parse_any(r#"{"a":{"b":1},"a.b":2,"x":[{"y.z":{"w":"\u0041"}}]}"#).unwrap();
        let texts: Vec<&str> = event
            .leaves_at("a.b")
            .iter()
            .map(|&l| &event.text()[event.leaf(l as usize).span().range()])
            .collect();
        assert_eq!(texts, ["1", "2"]);
        let w = event.leaves_at("x.y.z.w");
        assert_eq!(event.scalar(w[0] as usize), ScalarRef::String("A"));
        assert!(event.leaves_at("x.y").is_empty());
        // Below the top the empty key is a step: `{"": {"a": 1}}` is at `.a`.
        let event = Event::parse_any(r#"{"":{"a":1},"b":{"":{"c":2}}}"#).unwrap();
        assert_eq!(event.leaves_at(".a").len(), 1);
        assert!(event.leaves_at("a").is_empty());
        assert_eq!(event.leaves_at("b..c").len(), 1);
    }

    /// Random JSON objects without repeated keys: nesting, arrays of arrays, dotted and empty
    /// keys, escapes.
    fn random_object(seed: &mut u64, depth: usize) -> String {
        fn next(seed: &mut u64, n: u64) -> u64 {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            *seed % n
        }
        const KEYS: [&str; 6] = ["a", "b", "a.b", "", "\\u0061", "c\\\"d"];
        let count = next(seed, 4) as usize;
        let mut keys: Vec<&str> = Vec::new();
        let mut members = Vec::new();
        for _ in 0..count {
            let key = KEYS[next(seed, KEYS.len() as u64) as usize];
            // `\u0061` decodes to `a`: keep decoded keys distinct too.
            let decoded = if key == "\\u0061" { "a" } else { key };
            if keys.contains(&decoded) {
                continue;
            }
            keys.push(decoded);
            let value = random_value(seed, depth);
            members.push(format!("\"{key}\": {value}"));
        }
        format!("{{{}}}", members.join(","))
    }

    fn random_value(seed: &mut u64, depth: usize) -> String {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        match (*seed >> 33) % if depth == 0 { 5 } else { 8 } {
            0 => "1.5e3".to_owned(),
            1 => "\"x\\ny\"".to_owned(),
            2 => "\"plain\"".to_owned(),
            3 => "null".to_owned(),
            4 => "true".to_owned(),
            5 | 6 => {
                let n = (*seed >> 40) % 3;
                let items: Vec<String> = (0..n).map(|_| random_value(seed, depth - 1)).collect();
                format!("[{}]", items.join(", "))
            }
            _ => random_object(seed, depth - 1),
        }
    }

    /// The streaming reader and the tree walk (used when keys repeat) build the same event.
    #[test]
    fn streaming_and_tree_building_agree() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..500 {
            let text = random_object(&mut seed, 4);
            let Ok(streamed) = Builder::new(&text).stream() else {
                panic!("{text}")
            };
            let mut builder = Builder::new(&text);
            builder.tree(&parse_object(&text).unwrap());
            let tree = builder.finish();
            assert_eq!(streamed.leaves.len(), tree.leaves.len(), "{text}");
            for (a, b) in streamed.leaves.iter().zip(&tree.leaves) {
                assert_eq!(
                    (a.start, a.end, a.element),
                    (b.start, b.end, b.element),
                    "{text}"
                );
            }
            assert_eq!(streamed.elements.len(), tree.elements.len());
            for node in 1..streamed.paths.len() as u32 {
                let path = streamed.path_name(node);
                assert_eq!(
                    streamed.leaves_at(&path),
                    tree.leaves_at(&path),
                    "{path} in {text}"
                );
            }
        }
    }

    #[test]
    fn test_event_pattern_checks() {
        assert_eq!(
            Event::parse("{\"testEvent\":\"value\"}")
                .unwrap_err()
                .detail(),
            "missing required field `id`"
        );
        assert!(Event::parse("[1]").is_err());
        assert!(Event::parse("plain string").is_err());
        assert!(Event::parse("{} x").is_err());
        assert!(Event::parse_any("{\"testEvent\":\"value\"}").is_ok());
        let e = Event::parse("{\n  \"id\": 1,\n  \"x\": tru\n}").unwrap_err();
        assert_eq!(e.message(), "Parameter Event is not valid.");
        assert_eq!((e.line(), e.column()), (Some(3), Some(8)));
    }
}
