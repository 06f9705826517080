//! A small YAML writer for JSON values (block style, every string double-quoted).

use serde_json::Value;

pub(crate) fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    if is_block(value) {
        write_block(&mut out, value, 0);
    } else {
        out.push_str(&scalar(value));
        out.push('\n');
    }
    out
}

/// Non-empty objects and arrays are written as indented blocks; everything else inline.
fn is_block(value: &Value) -> bool {
    match value {
        Value::Object(map) => !map.is_empty(),
        Value::Array(items) => !items.is_empty(),
        _ => false,
    }
}

fn write_block(out: &mut String, value: &Value, indent: usize) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                out.push_str(&pad);
                out.push_str(&key_text(key));
                out.push(':');
                if is_block(child) {
                    out.push('\n');
                    write_block(out, child, indent + 2);
                } else {
                    out.push(' ');
                    out.push_str(&scalar(child));
                    out.push('\n');
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                if is_block(item) {
                    // Write the item two columns deeper, then put the dash into the first
                    // line's indentation: `- Key: value` followed by aligned lines.
                    let mut nested = String::new();
                    write_block(&mut nested, item, indent + 2);
                    out.push_str(&pad);
                    out.push_str("- ");
                    out.push_str(&nested[indent + 2..]);
                } else {
                    out.push_str(&pad);
                    out.push_str("- ");
                    out.push_str(&scalar(item));
                    out.push('\n');
                }
            }
        }
        _ => {}
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => quoted(text),
        Value::Array(_) => "[]".to_owned(),
        Value::Object(_) => "{}".to_owned(),
    }
}

/// Plain keys where YAML cannot mistake them for anything else, quoted otherwise.
fn key_text(key: &str) -> String {
    const RESERVED: [&str; 11] = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "<<",
    ];
    let plain = key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !RESERVED.contains(&key.to_ascii_lowercase().as_str());
    if plain {
        key.to_owned()
    } else {
        quoted(key)
    }
}

/// A double-quoted YAML string. Characters YAML does not allow raw in a document, and those it
/// would read as line breaks, are written as escapes.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ' '..='~' => out.push(c),
            '\u{a0}'..='\u{d7ff}' if c != '\u{2028}' && c != '\u{2029}' => out.push(c),
            '\u{e000}'..='\u{fffd}' if c != '\u{feff}' => out.push(c),
            '\u{10000}'.. => out.push(c),
            _ => out.push_str(&format!("\\u{:04X}", c as u32)),
        }
    }
    out.push('"');
    out
}
