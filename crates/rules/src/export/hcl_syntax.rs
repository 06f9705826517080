//! A small HCL writer: strings and JSON values as HCL expressions, and resource names.

use serde_json::Value;

/// A quoted HCL string. Besides the usual escapes, `${` and `%{` are doubled so Terraform does
/// not read them as template interpolation.
pub(crate) fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON value as an HCL expression (for `jsonencode(...)`), indented for a block at `indent`.
pub(crate) fn value(value: &Value, indent: usize) -> String {
    let pad = " ".repeat(indent + 2);
    let close = " ".repeat(indent);
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => string(text),
        Value::Array(items) if items.is_empty() => "[]".to_owned(),
        Value::Object(map) if map.is_empty() => "{}".to_owned(),
        Value::Array(items) => {
            let lines: Vec<String> = items
                .iter()
                .map(|item| format!("{pad}{},\n", self::value(item, indent + 2)))
                .collect();
            format!("[\n{}{close}]", lines.concat())
        }
        Value::Object(map) => {
            let lines: Vec<String> = map
                .iter()
                .map(|(key, item)| {
                    format!("{pad}{} = {}\n", string(key), self::value(item, indent + 2))
                })
                .collect();
            format!("{{\n{}{close}}}", lines.concat())
        }
    }
}

/// A Terraform resource name from a rule name: letters, digits, `_` and `-`, starting with a
/// letter or `_`.
pub(crate) fn identifier(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if cleaned.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        cleaned
    } else {
        format!("rule_{cleaned}")
    }
}
