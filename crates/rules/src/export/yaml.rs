//! A small YAML writer for JSON values: block style; every string double-quoted, except text of
//! several lines (an indented event pattern, a template) which is a literal block when YAML can
//! hold it exactly. Hand-written (no YAML crate) so the output stays this readable; its output is
//! checked against serde_yaml in the tests.

use event_pattern::json::{Value, ValueKind};

pub(crate) fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    if is_block(value) {
        write_block(&mut out, value, 0);
    } else {
        out.push_str(&scalar(value, 2));
        out.push('\n');
    }
    out
}

/// Non-empty objects and arrays are written as indented blocks; everything else inline.
fn is_block(value: &Value) -> bool {
    match &value.kind {
        ValueKind::Object(members) => !members.is_empty(),
        ValueKind::Array(items) => !items.is_empty(),
        _ => false,
    }
}

fn write_block(out: &mut String, value: &Value, indent: usize) {
    let pad = " ".repeat(indent);
    match &value.kind {
        ValueKind::Object(members) => {
            for member in members {
                let child = &member.value;
                out.push_str(&pad);
                out.push_str(&key_text(&member.key));
                out.push(':');
                if is_block(child) {
                    out.push('\n');
                    write_block(out, child, indent + 2);
                } else {
                    out.push(' ');
                    out.push_str(&scalar(child, indent + 2));
                    out.push('\n');
                }
            }
        }
        ValueKind::Array(items) => {
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
                    out.push_str(&scalar(item, indent + 2));
                    out.push('\n');
                }
            }
        }
        _ => {}
    }
}

/// A scalar (or empty container) after `key: ` or `- `; a literal block's lines are indented
/// by `indent`.
fn scalar(value: &Value, indent: usize) -> String {
    match &value.kind {
        ValueKind::Null => "null".to_owned(),
        ValueKind::Bool(flag) => flag.to_string(),
        // JSON number literals are YAML numbers with the same digits.
        ValueKind::Number(number) => number.literal().to_owned(),
        ValueKind::String(text) => literal_block(text, indent).unwrap_or_else(|| quoted(text)),
        ValueKind::Array(_) => "[]".to_owned(),
        ValueKind::Object(_) => "{}".to_owned(),
    }
}

/// Text of several lines as a literal block (`|-` or `|`, then the lines indented), which keeps
/// every character as it is, when that is exact: only printable characters YAML does not read as
/// line breaks, no carriage return, a first line that does not start with a blank (the block's
/// indentation is read from it), and at most one final line break (kept by `|`, none by `|-`).
fn literal_block(text: &str, indent: usize) -> Option<String> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let printable = |c: char| {
        matches!(c, '\t' | '\n' | ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{10000}'..)
            || (('\u{e000}'..='\u{fffd}').contains(&c) && c != '\u{feff}')
    };
    let fits = body.contains('\n')
        && !body.ends_with('\n')
        && !body.starts_with([' ', '\t', '\n'])
        && body
            .chars()
            .all(|c| printable(c) && c != '\u{2028}' && c != '\u{2029}');
    if !fits {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut out = String::from(if body.len() < text.len() { "|" } else { "|-" });
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    Some(out)
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
