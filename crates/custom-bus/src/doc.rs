//! The crate's one JSON (and YAML) writer: an ordered document tree.
//!
//! Everything this crate writes (PutEvents envelopes, the scope documents filters read,
//! `WITH_METADATA` payloads, dead-letter records, CloudFormation templates, CLI arguments) is
//! built as a [`Doc`] and rendered here. Members are a `Vec`, so key order is exactly the order
//! of construction: the dead-letter record's fields come out in the documented order, and a
//! template's properties in CloudFormation's. User JSON (an event's `Detail`, a payload) is
//! embedded as [`Doc::Raw`]: its text is copied byte for byte, never re-serialized, so key order,
//! duplicate keys and number digits survive. `event_pattern::json` has a writer too, but another
//! helper is reworking it; this one is small and owned here on purpose.

use std::fmt::Write as _;

/// An ordered JSON document.
#[derive(Debug, Clone, PartialEq)]
pub enum Doc {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, written as these digits (the caller guarantees JSON number syntax).
    Number(String),
    /// A string, escaped when written.
    String(String),
    /// Items in order.
    Array(Vec<Doc>),
    /// Members in order; keys are written as given (duplicates are the caller's business).
    Object(Vec<(String, Doc)>),
    /// JSON text written verbatim. Must be one complete, valid JSON value.
    Raw(String),
}

impl Doc {
    /// A string member value.
    pub fn str(text: impl Into<String>) -> Doc {
        Doc::String(text.into())
    }

    /// A number from an integer.
    pub fn int(n: impl Into<i128>) -> Doc {
        Doc::Number(n.into().to_string())
    }

    /// An object from `(key, value)` pairs.
    pub fn object<K: Into<String>>(members: impl IntoIterator<Item = (K, Doc)>) -> Doc {
        Doc::Object(members.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// Compact JSON, no white space.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_compact(&mut out);
        out
    }

    /// JSON indented by two spaces per level; [`Doc::Raw`] text is kept as written.
    pub fn to_json_pretty(&self) -> String {
        let mut out = String::new();
        self.write_pretty(&mut out, 0);
        out
    }

    fn write_compact(&self, out: &mut String) {
        match self {
            Doc::Null => out.push_str("null"),
            Doc::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Doc::Number(digits) | Doc::Raw(digits) => out.push_str(digits),
            Doc::String(text) => push_json_string(out, text),
            Doc::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_compact(out);
                }
                out.push(']');
            }
            Doc::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_json_string(out, key);
                    out.push(':');
                    value.write_compact(out);
                }
                out.push('}');
            }
        }
    }

    fn write_pretty(&self, out: &mut String, depth: usize) {
        match self {
            Doc::Array(items) if !items.is_empty() => {
                out.push_str("[\n");
                for (i, item) in items.iter().enumerate() {
                    indent(out, depth + 1);
                    item.write_pretty(out, depth + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                indent(out, depth);
                out.push(']');
            }
            Doc::Object(members) if !members.is_empty() => {
                out.push_str("{\n");
                for (i, (key, value)) in members.iter().enumerate() {
                    indent(out, depth + 1);
                    push_json_string(out, key);
                    out.push_str(": ");
                    value.write_pretty(out, depth + 1);
                    out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
                }
                indent(out, depth);
                out.push('}');
            }
            other => other.write_compact(out),
        }
    }

    /// YAML (block style, two-space indentation). Strings are double-quoted with JSON's
    /// escapes, which YAML 1.2 double-quoted scalars read the same way, so every string
    /// (including embedded pattern text) reads back exactly; [`Doc::Raw`] values are written
    /// as YAML's JSON-compatible flow text.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        match self {
            Doc::Object(members) if !members.is_empty() => write_yaml_members(&mut out, members, 0),
            Doc::Array(items) if !items.is_empty() => write_yaml_items(&mut out, items, 0),
            scalar => {
                scalar.write_compact(&mut out);
                out.push('\n');
            }
        }
        out
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn is_block(doc: &Doc) -> bool {
    matches!(doc, Doc::Object(m) if !m.is_empty()) || matches!(doc, Doc::Array(i) if !i.is_empty())
}

fn write_yaml_key(out: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && key.starts_with(|c: char| c.is_ascii_alphabetic());
    if plain {
        out.push_str(key);
    } else {
        push_json_string(out, key);
    }
}

fn write_yaml_members(out: &mut String, members: &[(String, Doc)], depth: usize) {
    for (key, value) in members {
        indent(out, depth);
        write_yaml_key(out, key);
        out.push(':');
        write_yaml_value(out, value, depth);
    }
}

fn write_yaml_items(out: &mut String, items: &[Doc], depth: usize) {
    for item in items {
        indent(out, depth);
        out.push('-');
        match item {
            Doc::Object(members) if !members.is_empty() => {
                // The first member shares the dash's line; the rest line up under it.
                let mut first = String::new();
                write_yaml_members(&mut first, &members[..1], 0);
                out.push(' ');
                out.push_str(&first);
                write_yaml_members(out, &members[1..], depth + 1);
            }
            other => write_yaml_value(out, other, depth),
        }
    }
}

fn write_yaml_value(out: &mut String, value: &Doc, depth: usize) {
    if is_block(value) {
        out.push('\n');
        match value {
            Doc::Object(members) => write_yaml_members(out, members, depth + 1),
            Doc::Array(items) => write_yaml_items(out, items, depth + 1),
            _ => unreachable!("is_block only holds for non-empty containers"),
        }
    } else {
        out.push(' ');
        match value {
            // JSON is YAML flow syntax; its line breaks can only sit between tokens, so
            // continuation lines just need indenting past the key.
            Doc::Raw(text) => {
                let mut continuation = String::from("\n");
                indent(&mut continuation, depth + 1);
                out.push_str(&text.replace('\n', &continuation));
            }
            other => other.write_compact(out),
        }
        out.push('\n');
    }
}

/// Appends `text` as a JSON string literal: `"` and `\` escaped, control characters as `\n`,
/// `\t`, ... or `\u00XX`; everything else (including non-ASCII) as is.
pub fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `text` as a JSON string literal.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_json_string(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Doc {
        Doc::object([
            ("version", Doc::str("1.0")),
            ("z-first", Doc::int(3)),
            ("a-second", Doc::Null),
            ("raw", Doc::Raw(r#"{"b":1,"a":2.50,"c":3}"#.into())),
            ("multi", Doc::Raw("{\n  \"x\": [1,\n 2]\n}".into())),
            (
                "list",
                Doc::Array(vec![
                    Doc::object([("k", Doc::str("v")), ("n", Doc::Bool(false))]),
                    Doc::str("quote\" back\\ line\n tab\t bell\u{7}"),
                    Doc::Array(vec![]),
                    Doc::Object(vec![]),
                ]),
            ),
        ])
    }

    #[test]
    fn compact_keeps_order_and_raw_text() {
        assert_eq!(
            sample().to_json(),
            r#"{"version":"1.0","z-first":3,"a-second":null,"raw":{"b":1,"a":2.50,"c":3},"multi":{
  "x": [1,
 2]
},"list":[{"k":"v","n":false},"quote\" back\\ line\n tab\t bell\u0007",[],{}]}"#
        );
    }

    #[test]
    fn pretty_and_yaml_read_back_to_the_same_value() {
        let doc = sample();
        let compact: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
        let pretty: serde_json::Value = serde_json::from_str(&doc.to_json_pretty()).unwrap();
        assert_eq!(compact, pretty);
        let yaml: serde_json::Value = serde_yaml::from_str(&doc.to_yaml()).unwrap();
        assert_eq!(compact, yaml, "{}", doc.to_yaml());
    }

    #[test]
    fn strings_with_every_awkward_character_survive_yaml() {
        let tricky =
            "{\"detail\": {\"a\": [\"x: y\", \"#\", \"- z\", \"'q'\"]}}\n\u{2028}é\u{1F600}";
        let doc = Doc::object([
            ("Pattern", Doc::str(tricky)),
            ("key with space", Doc::str("")),
        ]);
        let back: serde_json::Value = serde_yaml::from_str(&doc.to_yaml()).unwrap();
        assert_eq!(back["Pattern"], tricky);
        assert_eq!(back["key with space"], "");
    }
}
