//! Finding the `<name>` placeholders of an input template and where each one sits, which
//! decides how a value is written into it.

/// What kind of text the whole template is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TemplateShape {
    /// Starts with `{` or `[`: the result must be a JSON document.
    JsonDocument,
    /// Starts with `"`: a JSON string such as `"instance <instance> is in <state>"`.
    JsonString,
    /// Anything else, delivered as plain text.
    Text,
}

/// Where a placeholder sits inside the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// Unquoted in a JSON document, where a JSON value belongs (`"id": <id>`).
    JsonValue,
    /// Inside a quoted string of a JSON document (`"path": "users/<id>"`).
    InsideString,
    /// Where an object key belongs, which AWS does not allow.
    ObjectKey,
    /// Anywhere in a JSON-string or plain-text template.
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placeholder<'a> {
    pub name: &'a str,
    /// Byte range of `<name>` including the angle brackets.
    pub start: usize,
    pub end: usize,
    pub slot: Slot,
}

pub(crate) fn shape(template: &str) -> TemplateShape {
    match template.trim_start().chars().next() {
        Some('{' | '[') => TemplateShape::JsonDocument,
        Some('"') => TemplateShape::JsonString,
        _ => TemplateShape::Text,
    }
}

fn is_placeholder_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')
}

/// The length in bytes of a placeholder starting at `bytes[0] == b'<'`, if one is there.
fn placeholder_len(bytes: &[u8]) -> Option<usize> {
    let name_len = bytes[1..]
        .iter()
        .take_while(|&&b| is_placeholder_char(b))
        .count();
    (name_len > 0 && bytes.get(1 + name_len) == Some(&b'>')).then_some(name_len + 2)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Object { expecting_key: bool },
    Array,
}

/// Every placeholder in order. A `<` that is not followed by a name and `>` is plain text.
/// The walk keeps its own stack instead of recursing, so deep nesting cannot overflow it.
pub(crate) fn placeholders(template: &str) -> (TemplateShape, Vec<Placeholder<'_>>) {
    let template_shape = shape(template);
    let bytes = template.as_bytes();
    let mut found = Vec::new();
    let mut stack: Vec<Container> = Vec::new();
    let mut in_string = false;
    let mut string_is_key = false;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if byte == b'<' {
            if let Some(len) = placeholder_len(&bytes[index..]) {
                let slot = match template_shape {
                    TemplateShape::JsonDocument => {
                        let key_position = matches!(
                            stack.last(),
                            Some(Container::Object {
                                expecting_key: true
                            })
                        );
                        match (in_string, string_is_key, key_position) {
                            (true, true, _) | (false, _, true) => Slot::ObjectKey,
                            (true, false, _) => Slot::InsideString,
                            (false, _, false) => Slot::JsonValue,
                        }
                    }
                    TemplateShape::JsonString | TemplateShape::Text => Slot::Text,
                };
                found.push(Placeholder {
                    name: &template[index + 1..index + len - 1],
                    start: index,
                    end: index + len,
                    slot,
                });
                index += len;
                continue;
            }
        }
        if template_shape == TemplateShape::JsonDocument {
            if in_string {
                match byte {
                    b'\\' => index += 1,
                    b'"' => in_string = false,
                    _ => {}
                }
            } else {
                match byte {
                    b'"' => {
                        in_string = true;
                        string_is_key = matches!(
                            stack.last(),
                            Some(Container::Object {
                                expecting_key: true
                            })
                        );
                    }
                    b'{' => stack.push(Container::Object {
                        expecting_key: true,
                    }),
                    b'[' => stack.push(Container::Array),
                    b'}' | b']' => {
                        stack.pop();
                    }
                    b',' | b':' => {
                        if let Some(Container::Object { expecting_key }) = stack.last_mut() {
                            *expecting_key = byte == b',';
                        }
                    }
                    _ => {}
                }
            }
        }
        index += 1;
    }
    (template_shape, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(template: &str) -> Vec<(&str, Slot)> {
        placeholders(template)
            .1
            .into_iter()
            .map(|p| (p.name, p.slot))
            .collect()
    }

    #[test]
    fn shapes() {
        assert_eq!(shape(" {\"a\": 1}"), TemplateShape::JsonDocument);
        assert_eq!(shape("[<a>]"), TemplateShape::JsonDocument);
        assert_eq!(shape("\"x <a>\""), TemplateShape::JsonString);
        assert_eq!(shape("x <a>"), TemplateShape::Text);
        assert_eq!(shape(""), TemplateShape::Text);
    }

    #[test]
    fn slot_table() {
        use Slot::*;
        let table: &[(&str, Vec<(&str, Slot)>)] = &[
            (r#"{"id": <id>}"#, vec![("id", JsonValue)]),
            (
                r#"{"path": "users/<id>/<id>"}"#,
                vec![("id", InsideString), ("id", InsideString)],
            ),
            (r#"{"<k>": 1}"#, vec![("k", ObjectKey)]),
            (r#"{<k>: 1}"#, vec![("k", ObjectKey)]),
            (r#"{"a": 1, <k>: 2}"#, vec![("k", ObjectKey)]),
            (
                r#"{"a": {"b": [<x>, "<y>"]}, "c": <z>}"#,
                vec![("x", JsonValue), ("y", InsideString), ("z", JsonValue)],
            ),
            (
                r#"[<a>, {"k": <b>}]"#,
                vec![("a", JsonValue), ("b", JsonValue)],
            ),
            (
                r#"{"s": "quote \" <a> \\", "t": <b>}"#,
                vec![("a", InsideString), ("b", JsonValue)],
            ),
            (
                r#"{"e": <aws.events.event>}"#,
                vec![("aws.events.event", JsonValue)],
            ),
            (
                r#""instance <instance> is in <state>""#,
                vec![("instance", Text), ("state", Text)],
            ),
            ("a < b > c <> <ok> <not ok>", vec![("ok", Text)]),
            ("<unterminated", vec![]),
        ];
        for (template, expected) in table {
            assert_eq!(&slots(template), expected, "{template}");
        }
    }

    #[test]
    fn positions_cover_the_angle_brackets() {
        let template = "ab<cd>ef";
        let (_, found) = placeholders(template);
        assert_eq!(&template[found[0].start..found[0].end], "<cd>");
    }

    #[test]
    fn deeply_nested_templates_are_scanned_without_recursion() {
        let depth = 200_000;
        let template = format!("{}<x>{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(slots(&template), vec![("x", Slot::JsonValue)]);
    }
}
