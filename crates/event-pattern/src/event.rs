//! Events: parsed once, flattened into leaves that patterns are matched against.

use crate::consistency::{Elements, ROOT_ELEMENT};
use crate::error::{EventError, EventProblem};
use crate::json::{parse_tree, Span, TreeError, Value, ValueKind};
use std::collections::HashMap;

/// Fields `TestEventPattern` insists on (`resources`, `detail` and `version` are not required in
/// practice, although the API reference lists `resources`).
pub const REQUIRED_FIELDS: [&str; 6] = ["id", "account", "source", "time", "region", "detail-type"];

/// One scalar value of the event (its dot-joined path is the key it is filed under).
#[derive(Debug, Clone)]
pub(crate) struct EventLeaf {
    pub value: ValueKind,
    pub span: Span,
    /// The innermost array element holding the value ([`ROOT_ELEMENT`] when in no array).
    pub element: u32,
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
#[derive(Debug, Clone)]
pub(crate) struct EventArray {
    pub path: String,
    pub span: Span,
}

/// A value still to flatten: the value, its dot-joined path and its innermost array element.
type Pending<'v> = (&'v Value, String, u32);

/// A parsed event.
#[derive(Debug, Clone)]
pub struct Event {
    text: String,
    leaves: Vec<EventLeaf>,
    arrays: Vec<EventArray>,
    /// Array elements; the first stands for "in no array".
    elements: Vec<EventElement>,
    by_path: HashMap<String, Vec<usize>>,
}

impl Event {
    /// Parses an event with `TestEventPattern`'s checks: a JSON object holding `id`, `account`,
    /// `source`, `time`, `region` and `detail-type`.
    pub fn parse(text: &str) -> Result<Event, EventError> {
        let root = parse_object(text)?;
        let missing: Vec<&'static str> = REQUIRED_FIELDS
            .iter()
            .copied()
            .filter(|name| root.get(name).is_none())
            .collect();
        if let Some(&field) = missing.first() {
            return Err(EventError::new(EventProblem::MissingField { field }, text));
        }
        Ok(Event::from_tree(text, &root))
    }

    /// Accepts any JSON object as an event (for rule sets and archives).
    pub fn parse_any(text: &str) -> Result<Event, EventError> {
        let root = parse_object(text)?;
        Ok(Event::from_tree(text, &root))
    }

    /// [`Event::parse`] on a serde value (spans then refer to its compact serialization).
    pub fn from_value(value: &serde_json::Value) -> Result<Event, EventError> {
        Event::parse(&value.to_string())
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub(crate) fn leaf(&self, index: usize) -> &EventLeaf {
        &self.leaves[index]
    }

    pub(crate) fn array(&self, index: usize) -> &EventArray {
        &self.arrays[index]
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

    /// Indices of the leaves at a dot-joined path.
    pub(crate) fn leaves_at(&self, path: &str) -> &[usize] {
        self.by_path.get(path).map_or(&[], Vec::as_slice)
    }

    /// Every dot-joined path holding scalar leaves, with those leaves' indices.
    pub(crate) fn paths(&self) -> impl Iterator<Item = (&str, &[usize])> {
        self.by_path
            .iter()
            .map(|(path, leaves)| (path.as_str(), leaves.as_slice()))
    }

    fn from_tree(text: &str, root: &Value) -> Event {
        let mut event = Event {
            text: text.to_owned(),
            leaves: Vec::new(),
            arrays: Vec::new(),
            elements: vec![EventElement {
                parent: ROOT_ELEMENT,
                array: u32::MAX,
                index: 0,
            }],
            by_path: HashMap::new(),
        };
        // Explicit stack: events may nest up to the parser's depth limit.
        let mut stack: Vec<Pending<'_>> = vec![(root, String::new(), ROOT_ELEMENT)];
        while let Some((value, path, element)) = stack.pop() {
            match &value.kind {
                ValueKind::Object(members) => {
                    // event-ruler joins every key below the top with a dot, even after an empty
                    // key: `{"": {"a": 1}}` is at `.a` (patterns, by contrast, read it as `a`).
                    let top = std::ptr::eq(value, root);
                    for member in members.iter().rev() {
                        let child = if top {
                            member.key.clone()
                        } else {
                            format!("{path}.{}", member.key)
                        };
                        stack.push((&member.value, child, element));
                    }
                }
                ValueKind::Array(items) => {
                    let id = event.arrays.len();
                    event.arrays.push(EventArray {
                        path: path.clone(),
                        span: value.span,
                    });
                    // Numbered in document order: the stack hands items out first to last.
                    let first = event.elements.len() as u32;
                    for (index, _) in items.iter().enumerate() {
                        event.elements.push(EventElement {
                            parent: element,
                            array: id as u32,
                            index: index as u32,
                        });
                    }
                    for (index, item) in items.iter().enumerate().rev() {
                        stack.push((item, path.clone(), first + index as u32));
                    }
                }
                scalar => {
                    event
                        .by_path
                        .entry(path)
                        .or_default()
                        .push(event.leaves.len());
                    event.leaves.push(EventLeaf {
                        value: scalar.clone(),
                        span: value.span,
                        element,
                    });
                }
            }
        }
        event
    }
}

impl Elements for Event {
    fn parent(&self, element: u32) -> u32 {
        self.elements[element as usize].parent
    }

    fn array(&self, element: u32) -> u32 {
        self.elements[element as usize].array
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
        assert_eq!(event.element_chain(event.leaf(b[0]).element), vec![(0, 0)]);
        assert_eq!(
            event.element_chain(event.leaf(b[2]).element),
            vec![(0, 1), (1, 1)]
        );
        assert_eq!(event.leaves_at("detail.c.d").len(), 1);
        assert!(event.leaves_at("detail.e").is_empty());
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
        assert!(Event::parse_any("{\"testEvent\":\"value\"}").is_ok());
        let e = Event::parse("{\n  \"id\": 1,\n  \"x\": tru\n}").unwrap_err();
        assert_eq!(e.message(), "Parameter Event is not valid.");
        assert_eq!((e.line(), e.column()), (Some(3), Some(8)));
    }
}
