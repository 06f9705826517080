//! A small HCL writer: strings, heredocs and JSON values as HCL expressions, and resource names.
//! Hand-written (no HCL crate) for readable output; checked against hcl-rs in the tests.

use event_pattern::json::{Value, ValueKind};

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

/// A JSON value as an HCL expression (for `jsonencode(...)`, or an object of strings such as
/// tags), members in their order, indented for a block at `indent`.
pub(crate) fn value(value: &Value, indent: usize) -> String {
    let pad = " ".repeat(indent + 2);
    let close = " ".repeat(indent);
    match &value.kind {
        ValueKind::Null => "null".to_owned(),
        ValueKind::Bool(flag) => flag.to_string(),
        ValueKind::Number(number) => number.literal().to_owned(),
        ValueKind::String(text) => string(text),
        ValueKind::Array(items) if items.is_empty() => "[]".to_owned(),
        ValueKind::Object(members) if members.is_empty() => "{}".to_owned(),
        ValueKind::Array(items) => {
            let lines: Vec<String> = items
                .iter()
                .map(|item| format!("{pad}{},\n", self::value(item, indent + 2)))
                .collect();
            format!("[\n{}{close}]", lines.concat())
        }
        ValueKind::Object(members) => {
            let lines: Vec<String> = members
                .iter()
                .map(|member| {
                    format!(
                        "{pad}{} = {}\n",
                        string(&member.key),
                        self::value(&member.value, indent + 2)
                    )
                })
                .collect();
            format!("{{\n{}{close}}}", lines.concat())
        }
    }
}

/// Text of several lines as an indented heredoc (`<<-DELIMITER`), for an attribute of a block at
/// `indent`. Its value is `text` plus a final line break, so use it only where one does not
/// matter (a JSON document). `None` when the text cannot be a heredoc exactly: a line break other
/// than `\n`, a tab or a leading blank (the indentation Terraform strips is counted on every
/// line), or a line that is the delimiter. `${` and `%{` are doubled, as in quoted strings;
/// backslashes mean nothing in a heredoc.
pub(crate) fn heredoc(text: &str, delimiter: &str, indent: usize) -> Option<String> {
    let usable = !text.is_empty()
        && !text.contains(['\r', '\t'])
        && !text.starts_with(' ')
        && !text.ends_with('\n')
        && text
            .split('\n')
            .all(|line| line.trim() != delimiter && !line.chars().any(char::is_control));
    if !usable {
        return None;
    }
    let pad = " ".repeat(indent + 2);
    let mut out = format!("<<-{delimiter}\n");
    for line in text.split('\n') {
        out.push_str(&pad);
        out.push_str(&line.replace("${", "$${").replace("%{", "%%{"));
        out.push('\n');
    }
    out.push_str(&" ".repeat(indent));
    out.push_str(delimiter);
    Some(out)
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
