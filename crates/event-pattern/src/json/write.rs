//! Writing JSON: a tree with [`Value::to_json`], a text with [`reformat`]. Both keep key order and
//! number literals; neither recurses, so any depth is safe.

use std::fmt;

use super::{trailing_content, ParseError, PullParser, TokenKind, TreeError, Value, ValueKind};

/// The whitespace of written JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Layout {
    /// No whitespace: `{"a":[1,2]}`.
    #[default]
    Compact,
    /// Two-space indentation, one member or element per line, `"key": value`, empty containers as
    /// `{}` and `[]` (the layout of `JSON.stringify(value, null, 2)`).
    Pretty,
}

/// Writes `s` as a JSON string literal, escaping only what JSON requires: `"`, `\` and the
/// control characters below U+0020 (as `\n`, `\t`, … or `\u00XX`). Everything else, including
/// non-ASCII text, is written as it is.
///
/// ```
/// assert_eq!(event_pattern::json::quote("say \"hé\"\n"), r#""say \"hé\"\n""#);
/// ```
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_quoted(&mut out, s);
    out
}

fn write_quoted(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut copied = 0;
    for (index, byte) in s.bytes().enumerate() {
        let short = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        // Bytes below 0x80 are whole characters, so these slices fall on boundaries.
        out.push_str(&s[copied..index]);
        if short.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        } else {
            out.push_str(short);
        }
        copied = index + 1;
    }
    out.push_str(&s[copied..]);
    out.push('"');
}

/// Rewrites a JSON text in `layout`, changing nothing but the whitespace between tokens: keys in
/// their order (duplicates included), numbers and strings exactly as written (escapes too).
///
/// The text is checked like [`parse`](super::parse) checks it, with the same errors.
///
/// ```
/// use event_pattern::json::{reformat, Layout};
///
/// let text = r#"{ "b": [1.50, 1e400], "a": "\u00e9", "a": 2 }"#;
/// assert_eq!(
///     reformat(text, Layout::Compact).unwrap(),
///     r#"{"b":[1.50,1e400],"a":"\u00e9","a":2}"#
/// );
/// assert_eq!(reformat("[]", Layout::Pretty).unwrap(), "[]");
/// assert_eq!(reformat(r#"{"a":[1]}"#, Layout::Pretty).unwrap(), "{\n  \"a\": [\n    1\n  ]\n}");
/// ```
pub fn reformat(text: &str, layout: Layout) -> Result<String, ParseError> {
    let mut parser = PullParser::new(text);
    let mut out = String::with_capacity(text.len());
    let mut emitter = Emitter::new(&mut out, layout);
    let mut read_any = false;
    loop {
        let token = match parser.next_token() {
            Ok(Some(token)) => token,
            Ok(None) => break,
            Err(error) => return Err(ParseError::new(TreeError::Syntax(error), text)),
        };
        read_any = true;
        let literal = &text[token.span.range()];
        match token.kind {
            TokenKind::StartObject => emitter.open('{'),
            TokenKind::StartArray => emitter.open('['),
            TokenKind::EndObject => emitter.close('}'),
            TokenKind::EndArray => emitter.close(']'),
            TokenKind::FieldName(_) => emitter.key(literal),
            TokenKind::String(_)
            | TokenKind::Number(_)
            | TokenKind::True
            | TokenKind::False
            | TokenKind::Null => emitter.scalar(literal),
        }
    }
    if !read_any {
        return Err(ParseError::new(TreeError::Empty, text));
    }
    if let Some(span) = trailing_content(text, parser.last_end()) {
        return Err(ParseError::new(TreeError::TrailingContent(span), text));
    }
    Ok(out)
}

impl Value {
    /// The value as JSON text in `layout`: members in their order, numbers as their literals,
    /// strings escaped as [`quote`] does. `Display` writes the same: `{}` compact, `{:#}` pretty.
    ///
    /// A parsed value has resolved its duplicate keys (see [`ValueKind::Object`]); to keep a
    /// text's every member, [`reformat`] the text instead.
    pub fn to_json(&self, layout: Layout) -> String {
        let mut out = String::new();
        write_value(&mut out, self, layout);
        out
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let layout = if f.alternate() {
            Layout::Pretty
        } else {
            Layout::Compact
        };
        f.write_str(&self.to_json(layout))
    }
}

/// An open container of the value being written, with what is left of it.
enum Open<'v> {
    Array(std::slice::Iter<'v, Value>),
    Object(std::slice::Iter<'v, super::Member>),
}

fn write_value(out: &mut String, root: &Value, layout: Layout) {
    let mut emitter = Emitter::new(out, layout);
    let mut stack: Vec<Open<'_>> = Vec::new();
    let mut next = Some(root);
    loop {
        if let Some(value) = next.take() {
            match &value.kind {
                ValueKind::Null => emitter.scalar("null"),
                ValueKind::Bool(true) => emitter.scalar("true"),
                ValueKind::Bool(false) => emitter.scalar("false"),
                ValueKind::Number(number) => emitter.scalar(number.literal()),
                ValueKind::String(text) => emitter.string(text),
                ValueKind::Array(items) => {
                    emitter.open('[');
                    stack.push(Open::Array(items.iter()));
                }
                ValueKind::Object(members) => {
                    emitter.open('{');
                    stack.push(Open::Object(members.iter()));
                }
            }
        }
        match stack.last_mut() {
            None => return,
            Some(Open::Array(items)) => match items.next() {
                Some(item) => next = Some(item),
                None => {
                    stack.pop();
                    emitter.close(']');
                }
            },
            Some(Open::Object(members)) => match members.next() {
                Some(member) => {
                    emitter.key_text(&member.key);
                    next = Some(&member.value);
                }
                None => {
                    stack.pop();
                    emitter.close('}');
                }
            },
        }
    }
}

/// Puts tokens together with the separators and whitespace of a layout.
struct Emitter<'o> {
    out: &'o mut String,
    layout: Layout,
    /// One entry per open container: whether it has had an entry yet.
    open: Vec<bool>,
    /// A key was just written, so the value follows it on the same line.
    after_key: bool,
}

impl<'o> Emitter<'o> {
    fn new(out: &'o mut String, layout: Layout) -> Emitter<'o> {
        Emitter {
            out,
            layout,
            open: Vec::new(),
            after_key: false,
        }
    }

    /// The comma and line break before a new entry of the innermost container.
    fn new_entry(&mut self) {
        let Some(has_entries) = self.open.last_mut() else {
            return;
        };
        if *has_entries {
            self.out.push(',');
        }
        *has_entries = true;
        self.line_break();
    }

    fn line_break(&mut self) {
        if self.layout == Layout::Pretty {
            self.out.push('\n');
            for _ in 0..self.open.len() {
                self.out.push_str("  ");
            }
        }
    }

    fn before_value(&mut self) {
        if self.after_key {
            self.after_key = false;
        } else {
            self.new_entry();
        }
    }

    fn scalar(&mut self, literal: &str) {
        self.before_value();
        self.out.push_str(literal);
    }

    fn string(&mut self, text: &str) {
        self.before_value();
        write_quoted(self.out, text);
    }

    fn open(&mut self, bracket: char) {
        self.before_value();
        self.out.push(bracket);
        self.open.push(false);
    }

    fn close(&mut self, bracket: char) {
        if self.open.pop() == Some(true) {
            self.line_break();
        }
        self.out.push(bracket);
    }

    /// A key given as its quoted literal.
    fn key(&mut self, quoted: &str) {
        self.new_entry();
        self.out.push_str(quoted);
        self.after_key_separator();
    }

    /// A key given as text, quoted here.
    fn key_text(&mut self, key: &str) {
        self.new_entry();
        write_quoted(self.out, key);
        self.after_key_separator();
    }

    fn after_key_separator(&mut self) {
        self.out.push(':');
        if self.layout == Layout::Pretty {
            self.out.push(' ');
        }
        self.after_key = true;
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn quote_escapes_only_what_json_requires() {
        let table = [
            ("plain", r#""plain""#),
            ("q\"b\\", r#""q\"b\\""#),
            ("\n\r\t\u{8}\u{c}", r#""\n\r\t\b\f""#),
            ("\u{0}\u{1f}\u{7f}", "\"\\u0000\\u001f\u{7f}\""),
            ("é 🚀 \u{2028} /", "\"é 🚀 \u{2028} /\""),
        ];
        for (s, want) in table {
            assert_eq!(quote(s), want, "{s:?}");
            // serde_json reads the same string back.
            assert_eq!(serde_json::from_str::<String>(&quote(s)).unwrap(), s);
        }
    }

    /// Reformatting changes whitespace only: every member (duplicates too), key order, number
    /// literals and string escapes stay as written.
    #[test]
    fn reformat_keeps_every_token_as_written() {
        let text = " {\"z\" : [ 1.50 , 1e400,12345678901234567890, -0.0 ],\r\n\t\"a\":\"\\u00e9\\/\",\"z\":{ },\"e\":[ ] , \"n\":null} ";
        assert_eq!(
            reformat(text, Layout::Compact).unwrap(),
            r#"{"z":[1.50,1e400,12345678901234567890,-0.0],"a":"\u00e9\/","z":{},"e":[],"n":null}"#
        );
        assert_eq!(
            reformat(text, Layout::Pretty).unwrap(),
            "{\n  \"z\": [\n    1.50,\n    1e400,\n    12345678901234567890,\n    -0.0\n  ],\n  \"a\": \"\\u00e9\\/\",\n  \"z\": {},\n  \"e\": [],\n  \"n\": null\n}"
        );
        assert_eq!(reformat(" 7 ", Layout::Pretty).unwrap(), "7");
        assert_eq!(
            reformat("[[],[[1]]]", Layout::Pretty).unwrap(),
            "[\n  [],\n  [\n    [\n      1\n    ]\n  ]\n]"
        );
    }

    #[test]
    fn reformat_rejects_what_parse_rejects_with_the_same_error() {
        for text in ["", "  ", "{", "[1,]", "{\"a\":1} x", "[01]", "{'a':1}"] {
            assert_eq!(
                reformat(text, Layout::Compact).unwrap_err(),
                parse(text).unwrap_err(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn written_values_keep_order_and_digits_and_read_back_equal() {
        let text = r#"{"z":[1.50,1e400,12345678901234567890],"a":{"k":"\u00e9\n"},"b":[],"c":{},"t":true,"f":false,"n":null}"#;
        let value = parse(text).unwrap();
        let compact = value.to_json(Layout::Compact);
        assert_eq!(
            compact,
            "{\"z\":[1.50,1e400,12345678901234567890],\"a\":{\"k\":\"é\\n\"},\"b\":[],\"c\":{},\"t\":true,\"f\":false,\"n\":null}"
        );
        assert_eq!(format!("{value}"), compact);
        let pretty = format!("{value:#}");
        assert_eq!(pretty, reformat(&compact, Layout::Pretty).unwrap());
        for written in [compact, pretty] {
            let again = parse(&written).unwrap();
            assert_eq!(
                again.to_json(Layout::Compact),
                value.to_json(Layout::Compact)
            );
        }
    }

    #[test]
    fn duplicate_keys_are_written_as_the_tree_resolved_them() {
        let value = parse(r#"{"a":1,"b":2,"a":3}"#).unwrap();
        assert_eq!(value.to_string(), r#"{"a":3,"b":2}"#);
    }

    #[test]
    fn values_built_in_code_are_written_in_the_order_given() {
        let value: Value = [
            ("Version", Value::from("2012-10-17")),
            ("Count", Value::from(3u32)),
            ("Big", Value::from(u64::MAX)),
            (
                "List",
                Value::from(vec![Value::from(true), Value::from(-1i64)]),
            ),
            ("Empty", Value::from(Vec::new())),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            value.to_string(),
            r#"{"Version":"2012-10-17","Count":3,"Big":18446744073709551615,"List":[true,-1],"Empty":[]}"#
        );
    }

    #[test]
    fn writing_deep_values_does_not_recurse() {
        let mut value = Value::from(1u32);
        for _ in 0..100_000 {
            value = Value::from(vec![value]);
        }
        let text = value.to_string();
        assert_eq!(text.len(), 200_001);
        // Dropping a 100,000-deep tree recurses in the compiler's drop glue; take it apart first.
        let mut current = value;
        while let ValueKind::Array(mut items) = current.kind {
            match items.pop() {
                Some(inner) => current = inner,
                None => break,
            }
        }
    }
}
