//! JSON as EventBridge reads it, and written back without losing what the user wrote.
//!
//! serde_json cannot give us what EventBridge's behaviour depends on: duplicate keys where the last one
//! wins, byte spans for every value, numbers kept as written, and errors in the order and wording of
//! Jackson's streaming parser (which is what AWS runs). So this module has its own reader:
//!
//! * a lazy pull parser hands out tokens one at a time, validating like Jackson's `nextToken()`, so
//!   a consumer that gives up early never sees a syntax error further on (the pattern compiler
//!   relies on this to report errors in AWS's order);
//! * [`parse`] builds a [`Value`] tree from those tokens without recursion.
//!
//! And two writers that never reorder keys or rewrite numbers (in EventBridge key order has meaning:
//! errors come in reading order, and a path inside a `$or` branch overrides the same path written
//! before it):
//!
//! * [`reformat`] rewrites a text token by token, changing only the whitespace between tokens:
//!   every member (duplicates included), every number and every string escape stays as written.
//!   Use it whenever the source text is at hand;
//! * [`Value::to_json`] (and `Display`) writes a tree, for values built or picked apart in code.
//!   A parsed tree has already resolved duplicate keys (see [`ValueKind::Object`]), so for a
//!   *pattern* with duplicate keys the written tree can mean something else than the text did.
//!
//! Nesting is limited to [`MAX_DEPTH`] containers; deeper input is an error, never a stack overflow.
#![warn(missing_docs)]

pub(crate) mod number;
mod write;

pub use write::{quote, reformat, Layout};

use serde::Serialize;
use std::fmt;

/// Deepest nesting accepted, in containers (the same as Jackson's default `maxNestingDepth` and the
/// 1000 levels PutEvents documents for events).
pub const MAX_DEPTH: usize = 1000;

/// A byte range in a source text (values built in code have the empty span `0..0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset just past the last byte.
    pub end: usize,
}

impl Span {
    /// The bytes `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The span as a range, for slicing its source text: `&text[span.range()]`.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// From the start of `self` to the end of `other`.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start, other.end)
    }
}

/// A JSON number: its literal exactly as written (`1.50`, `1e400`, `12345678901234567890`) and its
/// value as a double.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Number {
    pub(crate) literal: String,
    #[serde(skip)]
    pub(crate) value: f64,
}

impl Number {
    /// The number as written in the source (always valid JSON number syntax).
    pub fn literal(&self) -> &str {
        &self.literal
    }

    /// The nearest double; infinite when the literal overflows one (`1e400`).
    pub fn as_f64(&self) -> f64 {
        self.value
    }

    pub(crate) fn from_literal(literal: &str) -> Number {
        // The lexer only produces JSON number grammar; overflow gives an infinity, which
        // callers treat as "not comparable".
        let value = number::parse(literal);
        Number {
            literal: literal.to_owned(),
            value,
        }
    }

    /// The value as a double, if it is finite (numbers like `1e400` are not comparable).
    pub fn finite(&self) -> Option<f64> {
        self.value.is_finite().then_some(self.value)
    }
}

macro_rules! number_from_integer {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Number {
                Number { literal: n.to_string(), value: n as f64 }
            }
        }

        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::from(ValueKind::Number(Number::from(n)))
            }
        }
    )*};
}

number_from_integer!(u32, u64, i32, i64, usize);

/// A JSON value with the byte span it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// What the value is.
    pub kind: ValueKind,
    /// Where it is in the parsed text (`0..0` for values built in code).
    pub span: Span,
}

/// The six kinds of JSON value. (Not `#[non_exhaustive]`: JSON has exactly these.)
#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, with its literal as written.
    Number(Number),
    /// A string, escapes decoded (a lone surrogate escape becomes U+FFFD).
    String(String),
    /// An array, in order.
    Array(Vec<Value>),
    /// An object's members in order of first appearance. After [`parse`], a repeated key keeps its
    /// first position and its last value (what Jackson's `ObjectNode` does, and what EventBridge
    /// does with events); a value built in code holds whatever members it was given.
    Object(Vec<Member>),
}

/// One `"key": value` member of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The key, escapes decoded.
    pub key: String,
    /// Where the quoted key is in the parsed text.
    pub key_span: Span,
    /// The member's value.
    pub value: Value,
}

impl Value {
    /// The value of the member named `key`, if this is an object that has one.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match &self.kind {
            ValueKind::Object(members) => members.iter().find(|m| m.key == key).map(|m| &m.value),
            _ => None,
        }
    }
}

impl From<ValueKind> for Value {
    fn from(kind: ValueKind) -> Value {
        Value {
            kind,
            span: Span::default(),
        }
    }
}

impl From<bool> for Value {
    fn from(flag: bool) -> Value {
        Value::from(ValueKind::Bool(flag))
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::from(ValueKind::String(text.to_owned()))
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::from(ValueKind::String(text))
    }
}

impl From<Number> for Value {
    fn from(n: Number) -> Value {
        Value::from(ValueKind::Number(n))
    }
}

impl From<Vec<Value>> for Value {
    fn from(items: Vec<Value>) -> Value {
        Value::from(ValueKind::Array(items))
    }
}

/// An object with the given members, in the given order.
impl<K: Into<String>> FromIterator<(K, Value)> for Value {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(members: I) -> Value {
        Value::from(ValueKind::Object(
            members
                .into_iter()
                .map(|(key, value)| Member {
                    key: key.into(),
                    key_span: Span::default(),
                    value,
                })
                .collect(),
        ))
    }
}

/// A JSON syntax error: Jackson's wording, the offending bytes, and where Jackson's reader stood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonError {
    pub message: String,
    pub span: Span,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TokenKind {
    StartObject,
    EndObject,
    StartArray,
    EndArray,
    FieldName(String),
    String(String),
    Number(Number),
    True,
    False,
    Null,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

impl Token {
    /// What Jackson's `getText()` returns for this token (event-ruler quotes it in some messages).
    pub fn jackson_text(&self) -> &str {
        match &self.kind {
            TokenKind::StartObject => "{",
            TokenKind::EndObject => "}",
            TokenKind::StartArray => "[",
            TokenKind::EndArray => "]",
            TokenKind::FieldName(s) | TokenKind::String(s) => s,
            TokenKind::Number(n) => &n.literal,
            TokenKind::True => "true",
            TokenKind::False => "false",
            TokenKind::Null => "null",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Object,
    Array,
}

#[derive(Debug, Clone, Copy)]
struct Frame {
    container: Container,
    start: usize,
    /// True once at least one entry was read, so the next entry needs a comma first.
    has_entries: bool,
}

/// A lazy, Jackson-like token reader over a string.
pub(crate) struct PullParser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    stack: Vec<Frame>,
    /// The value after a field name: Jackson reads it together with the name, so errors in it (and the
    /// missing colon) surface when the name is read.
    pending: Option<Token>,
    root_done: bool,
    /// End of the last token handed out: where Jackson's "current location" stands.
    last_end: usize,
}

impl<'a> PullParser<'a> {
    pub fn new(text: &'a str) -> PullParser<'a> {
        PullParser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            stack: Vec::new(),
            pending: None,
            root_done: false,
            last_end: 0,
        }
    }

    /// Byte offset just after the last token read.
    pub fn last_end(&self) -> usize {
        self.last_end
    }

    /// Next token, `Ok(None)` once the root value is complete or the input holds no value at all.
    pub fn next_token(&mut self) -> Result<Option<Token>, JsonError> {
        let token = self.read_token()?;
        if let Some(t) = &token {
            self.last_end = t.span.end;
        }
        Ok(token)
    }

    fn read_token(&mut self) -> Result<Option<Token>, JsonError> {
        if let Some(token) = self.pending.take() {
            self.open_if_container(&token)?;
            return Ok(Some(token));
        }
        self.skip_whitespace();
        let Some(frame) = self.stack.last().copied() else {
            if self.root_done || self.pos >= self.bytes.len() {
                return Ok(None);
            }
            let token = self.read_value()?;
            self.open_if_container(&token)?;
            if !matches!(token.kind, TokenKind::StartObject | TokenKind::StartArray) {
                self.root_done = true;
            }
            return Ok(Some(token));
        };
        let Some(&byte) = self.bytes.get(self.pos) else {
            return Err(self.end_of_input_in(frame));
        };
        match frame.container {
            Container::Array => {
                if byte == b']' {
                    return Ok(Some(self.close(Container::Array)));
                }
                if byte == b'}' {
                    return Err(self.mismatched_close(frame));
                }
                if frame.has_entries {
                    if byte != b',' {
                        return Err(self.unexpected_char(
                            self.pos,
                            "was expecting comma to separate Array entries",
                        ));
                    }
                    self.pos += 1;
                    self.skip_whitespace();
                }
                self.top_mut().has_entries = true;
                let token = self.read_value()?;
                self.open_if_container(&token)?;
                Ok(Some(token))
            }
            Container::Object => {
                if byte == b'}' {
                    return Ok(Some(self.close(Container::Object)));
                }
                if byte == b']' {
                    return Err(self.mismatched_close(frame));
                }
                if frame.has_entries {
                    if byte != b',' {
                        return Err(self.unexpected_char(
                            self.pos,
                            "was expecting comma to separate Object entries",
                        ));
                    }
                    self.pos += 1;
                    self.skip_whitespace();
                }
                self.top_mut().has_entries = true;
                match self.bytes.get(self.pos) {
                    Some(b'"') => {}
                    Some(_) => {
                        return Err(self.unexpected_char(
                            self.pos,
                            "was expecting double-quote to start field name",
                        ))
                    }
                    None => return Err(self.end_of_input_in(frame)),
                }
                let start = self.pos;
                let name = self.read_string()?;
                let name_span = Span::new(start, self.pos);
                self.skip_whitespace();
                match self.bytes.get(self.pos) {
                    Some(b':') => self.pos += 1,
                    Some(_) => {
                        return Err(self.unexpected_char(
                            self.pos,
                            "was expecting a colon to separate field name and value",
                        ))
                    }
                    None => return Err(self.end_of_input_in(frame)),
                }
                self.skip_whitespace();
                if self.pos >= self.bytes.len() {
                    return Err(self.end_of_input_in(frame));
                }
                self.pending = Some(self.read_value()?);
                Ok(Some(Token {
                    kind: TokenKind::FieldName(name),
                    span: name_span,
                }))
            }
        }
    }

    fn top_mut(&mut self) -> &mut Frame {
        self.stack
            .last_mut()
            .expect("called with an open container")
    }

    fn open_if_container(&mut self, token: &Token) -> Result<(), JsonError> {
        let container = match token.kind {
            TokenKind::StartObject => Container::Object,
            TokenKind::StartArray => Container::Array,
            _ => return Ok(()),
        };
        if self.stack.len() >= MAX_DEPTH {
            return Err(JsonError {
                message: format!(
                    "Document nesting depth ({}) exceeds the maximum allowed ({MAX_DEPTH}, from `StreamReadConstraints.getMaxNestingDepth()`)",
                    self.stack.len() + 1
                ),
                span: token.span,
            });
        }
        self.stack.push(Frame {
            container,
            start: token.span.start,
            has_entries: false,
        });
        Ok(())
    }

    fn close(&mut self, container: Container) -> Token {
        let start = self.pos;
        self.pos += 1;
        self.stack.pop();
        if self.stack.is_empty() {
            self.root_done = true;
        }
        let kind = match container {
            Container::Object => TokenKind::EndObject,
            Container::Array => TokenKind::EndArray,
        };
        Token {
            kind,
            span: Span::new(start, self.pos),
        }
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn read_value(&mut self) -> Result<Token, JsonError> {
        let start = self.pos;
        let Some(&byte) = self.bytes.get(self.pos) else {
            return Err(JsonError {
                message: "Unexpected end-of-input: expected a value".to_owned(),
                span: Span::new(start, start),
            });
        };
        let kind = match byte {
            b'{' => {
                self.pos += 1;
                TokenKind::StartObject
            }
            b'[' => {
                self.pos += 1;
                TokenKind::StartArray
            }
            b'"' => TokenKind::String(self.read_string()?),
            b'-' | b'0'..=b'9' => TokenKind::Number(self.read_number()?),
            b']' | b'}' => return Err(self.unexpected_char(start, "expected a value")),
            _ if is_identifier_byte(byte) => {
                let mut end = start;
                while end < self.bytes.len() && is_identifier_byte(self.bytes[end]) {
                    end += 1;
                }
                let word = &self.text[start..end];
                self.pos = end;
                match word {
                    "true" => TokenKind::True,
                    "false" => TokenKind::False,
                    "null" => TokenKind::Null,
                    _ => {
                        return Err(JsonError {
                            message: format!(
                                "Unrecognized token '{word}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
                            ),
                            span: Span::new(start, end),
                        })
                    }
                }
            }
            _ => {
                return Err(self.unexpected_char(
                    start,
                    "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                ))
            }
        };
        Ok(Token {
            kind,
            span: Span::new(start, self.pos),
        })
    }

    /// Reads a string starting at the opening quote; leaves `pos` after the closing quote.
    fn read_string(&mut self) -> Result<String, JsonError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut run_start = self.pos;
        loop {
            let Some(&byte) = self.bytes.get(self.pos) else {
                return Err(JsonError {
                    message:
                        "Unexpected end-of-input: was expecting closing quote for a string value"
                            .to_owned(),
                    span: Span::new(open, self.pos),
                });
            };
            match byte {
                b'"' => {
                    out.push_str(&self.text[run_start..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(&self.text[run_start..self.pos]);
                    self.read_escape(&mut out)?;
                    run_start = self.pos;
                }
                0x00..=0x1f => {
                    return Err(JsonError {
                        message: format!(
                            "Illegal unquoted character ({}): has to be escaped using backslash to be included in string value",
                            describe_char(char::from(byte))
                        ),
                        span: Span::new(self.pos, self.pos + 1),
                    });
                }
                _ => self.pos += 1,
            }
        }
    }

    fn read_escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let backslash = self.pos;
        self.pos += 1;
        let Some(&byte) = self.bytes.get(self.pos) else {
            return Err(JsonError {
                message: "Unexpected end-of-input in character escape sequence".to_owned(),
                span: Span::new(backslash, self.pos),
            });
        };
        self.pos += 1;
        let decoded = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.read_hex4()?;
                if (0xD800..0xDC00).contains(&first)
                    && self.bytes.get(self.pos) == Some(&b'\\')
                    && self.bytes.get(self.pos + 1) == Some(&b'u')
                {
                    let save = self.pos;
                    self.pos += 2;
                    let second = self.read_hex4()?;
                    if (0xDC00..0xE000).contains(&second) {
                        let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                        out.push(char::from_u32(combined).unwrap_or('\u{FFFD}'));
                        return Ok(());
                    }
                    self.pos = save;
                }
                // Java strings may hold lone surrogates; Rust strings cannot, so they become U+FFFD.
                char::from_u32(first).unwrap_or('\u{FFFD}')
            }
            _ => {
                let c = self.text[self.pos - 1..].chars().next().unwrap_or('?');
                self.pos = self.pos - 1 + c.len_utf8();
                return Err(JsonError {
                    message: format!("Unrecognized character escape {}", describe_char(c)),
                    span: Span::new(backslash, self.pos),
                });
            }
        };
        out.push(decoded);
        Ok(())
    }

    fn read_hex4(&mut self) -> Result<u32, JsonError> {
        let mut value = 0u32;
        for _ in 0..4 {
            let Some(&byte) = self.bytes.get(self.pos) else {
                return Err(JsonError {
                    message: "Unexpected end-of-input in character escape sequence".to_owned(),
                    span: Span::new(self.pos, self.pos),
                });
            };
            let digit = match byte {
                b'0'..=b'9' => byte - b'0',
                b'a'..=b'f' => byte - b'a' + 10,
                b'A'..=b'F' => byte - b'A' + 10,
                _ => {
                    return Err(self.unexpected_char(
                        self.pos,
                        "expected a hex-digit for character escape sequence",
                    ))
                }
            };
            value = value * 16 + u32::from(digit);
            self.pos += 1;
        }
        Ok(value)
    }

    fn read_number(&mut self) -> Result<Number, JsonError> {
        let start = self.pos;
        if self.bytes[self.pos] == b'-' {
            self.pos += 1;
            if !matches!(self.bytes.get(self.pos), Some(b'0'..=b'9')) {
                return Err(self.bad_number_char(
                    "expected digit (0-9) to follow minus sign, for valid numeric value",
                ));
            }
        }
        if self.bytes[self.pos] == b'0' && matches!(self.bytes.get(self.pos + 1), Some(b'0'..=b'9'))
        {
            return Err(JsonError {
                message: "Invalid numeric value: Leading zeroes not allowed".to_owned(),
                span: Span::new(start, self.pos + 2),
            });
        }
        self.skip_digits();
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !matches!(self.bytes.get(self.pos), Some(b'0'..=b'9')) {
                return Err(self.bad_number_char("Decimal point not followed by a digit"));
            }
            self.skip_digits();
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            if !matches!(self.bytes.get(self.pos), Some(b'0'..=b'9')) {
                return Err(self.bad_number_char("Exponent indicator not followed by a digit"));
            }
            self.skip_digits();
        }
        Ok(Number::from_literal(&self.text[start..self.pos]))
    }

    fn skip_digits(&mut self) {
        while let Some(b'0'..=b'9') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn bad_number_char(&self, what: &str) -> JsonError {
        match self.text[self.pos..].chars().next() {
            Some(c) => JsonError {
                message: format!(
                    "Unexpected character ({}) in numeric value: {what}",
                    describe_char(c)
                ),
                span: Span::new(self.pos, self.pos + c.len_utf8()),
            },
            None => JsonError {
                message: "Unexpected end-of-input in numeric value".to_owned(),
                span: Span::new(self.pos, self.pos),
            },
        }
    }

    fn unexpected_char(&self, at: usize, what: &str) -> JsonError {
        let c = self.text[at..].chars().next().unwrap_or('\u{0}');
        JsonError {
            message: format!("Unexpected character ({}): {what}", describe_char(c)),
            span: Span::new(at, at + c.len_utf8()),
        }
    }

    fn mismatched_close(&self, frame: Frame) -> JsonError {
        let (found, expected, name) = match frame.container {
            Container::Object => (']', '}', "Object"),
            Container::Array => ('}', ']', "Array"),
        };
        JsonError {
            message: format!(
                "Unexpected close marker '{found}': expected '{expected}' (for {name} starting at {})",
                jackson_source_location(self.text, frame.start)
            ),
            span: Span::new(self.pos, self.pos + 1),
        }
    }

    fn end_of_input_in(&self, frame: Frame) -> JsonError {
        let name = match frame.container {
            Container::Object => "Object",
            Container::Array => "Array",
        };
        JsonError {
            message: format!(
                "Unexpected end-of-input: expected close marker for {name} (start marker at {})",
                jackson_source_location(self.text, frame.start)
            ),
            span: Span::new(self.pos, self.pos),
        }
    }
}

fn is_identifier_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$' || byte >= 0x80
}

/// Jackson's description of a character in error messages, e.g. `''' (code 39)`.
pub(crate) fn describe_char(c: char) -> String {
    let code = u32::from(c);
    if c.is_control() && code < 0x20 {
        format!("(CTRL-CHAR, code {code})")
    } else if code > 255 {
        format!("'{c}' (code {code} / 0x{code:x})")
    } else {
        format!("'{c}' (code {code})")
    }
}

/// 1-based line and 1-based column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Longest source excerpt Jackson quotes in a location before truncating it.
const JACKSON_MAX_SOURCE: usize = 500;

/// Jackson's location text, e.g. `[Source: (String)"{}"; line: 1, column: 3]`, for the position just
/// before byte `offset` (Jackson's columns count the character just read).
pub(crate) fn jackson_source_location(text: &str, offset: usize) -> String {
    let (line, column) = line_column(text, offset);
    let total = text.chars().count();
    let source = if total > JACKSON_MAX_SOURCE {
        let cut: String = text.chars().take(JACKSON_MAX_SOURCE).collect();
        format!("\"{cut}\"[truncated {} chars]", total - JACKSON_MAX_SOURCE)
    } else {
        format!("\"{text}\"")
    };
    format!("[Source: (String){source}; line: {line}, column: {column}]")
}

/// Parses a JSON text holding one value (surrounding whitespace allowed) into a tree.
///
/// Errors are Jackson's for malformed text (as AWS reports them), plus "no value" and "content
/// after the value". Nesting deeper than [`MAX_DEPTH`] is an error. Duplicate keys: see
/// [`ValueKind::Object`].
///
/// ```
/// use event_pattern::json::{self, ValueKind};
///
/// let value = json::parse(r#"{"b": 1.50, "a": [true]}"#).unwrap();
/// let ValueKind::Object(members) = &value.kind else { unreachable!() };
/// assert_eq!(members[0].key, "b");
/// assert_eq!(value.to_string(), r#"{"b":1.50,"a":[true]}"#);
///
/// let error = json::parse("{\n  \"a\": tru\n}").unwrap_err();
/// assert_eq!((error.line(), error.column()), (2, 8));
/// ```
pub fn parse(text: &str) -> Result<Value, ParseError> {
    parse_tree(text).map_err(|error| ParseError::new(error, text))
}

/// Why a text is not one JSON value: a message, and where (byte span, 1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    kind: ParseErrorKind,
    span: Span,
    line: usize,
    column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ParseErrorKind {
    /// Malformed JSON, with Jackson's message.
    Syntax(String),
    /// Nothing but whitespace.
    Empty,
    /// Something follows the complete value.
    TrailingContent,
}

impl ParseError {
    pub(crate) fn new(error: TreeError, text: &str) -> ParseError {
        let (kind, span) = match error {
            TreeError::Syntax(JsonError { message, span }) => {
                (ParseErrorKind::Syntax(message), span)
            }
            TreeError::Empty => (ParseErrorKind::Empty, Span::new(text.len(), text.len())),
            TreeError::TrailingContent(span) => (ParseErrorKind::TrailingContent, span),
        };
        let (line, column) = line_column(text, span.start);
        ParseError {
            kind,
            span,
            line,
            column,
        }
    }

    /// What is wrong, e.g. `Unexpected character ('}' (code 125)): expected a value` (Jackson's
    /// wording, as AWS quotes it), `no JSON value` or `unexpected content after the JSON value`.
    pub fn message(&self) -> &str {
        match &self.kind {
            ParseErrorKind::Syntax(message) => message,
            ParseErrorKind::Empty => "no JSON value (the text is empty)",
            ParseErrorKind::TrailingContent => "unexpected content after the JSON value",
        }
    }

    /// The offending bytes (empty at the end of the text when the text ended too early).
    pub fn span(&self) -> Span {
        self.span
    }

    /// 1-based line of the start of [`span`](Self::span).
    pub fn line(&self) -> usize {
        self.line
    }

    /// 1-based column of the start of [`span`](Self::span), in characters.
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for ParseError {
    /// The message, then ` at line L column C`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message(),
            self.line,
            self.column
        )
    }
}

impl std::error::Error for ParseError {}

/// What a tree parse stopped at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TreeError {
    Syntax(JsonError),
    /// The text holds no JSON value at all.
    Empty,
    /// Something follows the complete root value.
    TrailingContent(Span),
}

enum Building {
    Array {
        start: usize,
        items: Vec<Value>,
    },
    Object {
        start: usize,
        members: Vec<Member>,
        key: Option<(String, Span)>,
    },
}

/// Parses a whole text into a tree (iteratively: deep input cannot overflow the stack).
///
/// This is [`parse`] with the error left unlocated, for callers with their own error types.
pub(crate) fn parse_tree(text: &str) -> Result<Value, TreeError> {
    let mut parser = PullParser::new(text);
    let mut stack: Vec<Building> = Vec::new();
    loop {
        let token = match parser.next_token() {
            Ok(Some(token)) => token,
            Ok(None) => return Err(TreeError::Empty),
            Err(e) => return Err(TreeError::Syntax(e)),
        };
        let span = token.span;
        let complete = match token.kind {
            TokenKind::StartObject => {
                stack.push(Building::Object {
                    start: span.start,
                    members: Vec::new(),
                    key: None,
                });
                None
            }
            TokenKind::StartArray => {
                stack.push(Building::Array {
                    start: span.start,
                    items: Vec::new(),
                });
                None
            }
            TokenKind::FieldName(name) => {
                if let Some(Building::Object { key, .. }) = stack.last_mut() {
                    *key = Some((name, span));
                }
                None
            }
            TokenKind::EndObject => match stack.pop() {
                Some(Building::Object { start, members, .. }) => Some(Value {
                    kind: ValueKind::Object(last_key_wins(members)),
                    span: Span::new(start, span.end),
                }),
                _ => unreachable!("the pull parser balances containers"),
            },
            TokenKind::EndArray => match stack.pop() {
                Some(Building::Array { start, items }) => Some(Value {
                    kind: ValueKind::Array(items),
                    span: Span::new(start, span.end),
                }),
                _ => unreachable!("the pull parser balances containers"),
            },
            TokenKind::String(s) => Some(Value {
                kind: ValueKind::String(s),
                span,
            }),
            TokenKind::Number(n) => Some(Value {
                kind: ValueKind::Number(n),
                span,
            }),
            TokenKind::True => Some(Value {
                kind: ValueKind::Bool(true),
                span,
            }),
            TokenKind::False => Some(Value {
                kind: ValueKind::Bool(false),
                span,
            }),
            TokenKind::Null => Some(Value {
                kind: ValueKind::Null,
                span,
            }),
        };
        let Some(value) = complete else { continue };
        match stack.last_mut() {
            None => {
                return match trailing_content(text, value.span.end) {
                    Some(span) => Err(TreeError::TrailingContent(span)),
                    None => Ok(value),
                };
            }
            Some(Building::Array { items, .. }) => items.push(value),
            Some(Building::Object { members, key, .. }) => {
                let (key, key_span) = key
                    .take()
                    .expect("a field name precedes every member value");
                members.push(Member {
                    key,
                    key_span,
                    value,
                });
            }
        }
    }
}

/// What follows the root value ending at `end`, other than JSON whitespace.
pub(crate) fn trailing_content(text: &str, end: usize) -> Option<Span> {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches([' ', '\t', '\n', '\r']);
    (!trimmed.is_empty()).then(|| Span::new(text.len() - trimmed.len(), text.len()))
}

/// Resolves duplicate keys: the first position is kept, with the value of the last occurrence
/// (what a Jackson `ObjectNode` does).
fn last_key_wins(mut members: Vec<Member>) -> Vec<Member> {
    if members.len() < 2 {
        return members;
    }
    // Small objects (nearly all of them) are checked pairwise, without allocating a map.
    if members.len() <= 16
        && !members
            .iter()
            .enumerate()
            .any(|(i, m)| members[..i].iter().any(|earlier| earlier.key == m.key))
    {
        return members;
    }
    let mut first_index: std::collections::HashMap<String, usize> =
        std::collections::HashMap::with_capacity(members.len());
    let mut duplicate = false;
    for (i, m) in members.iter().enumerate() {
        if first_index.contains_key(&m.key) {
            duplicate = true;
        } else {
            first_index.insert(m.key.clone(), i);
        }
    }
    if !duplicate {
        return members;
    }
    let mut keep: Vec<Option<Member>> = members.drain(..).map(Some).collect();
    for i in 0..keep.len() {
        let key = keep[i].as_ref().map(|m| m.key.clone());
        if let Some(key) = key {
            let first = first_index[&key];
            if first != i {
                let later = keep[i].take().expect("checked above");
                keep[first] = Some(later);
            }
        }
    }
    keep.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Result<Vec<TokenKind>, JsonError> {
        let mut p = PullParser::new(text);
        let mut out = Vec::new();
        while let Some(t) = p.next_token()? {
            out.push(t.kind);
        }
        Ok(out)
    }

    #[test]
    fn tokens_of_a_small_document() {
        let got = tokens(r#"{"a": [1, "x", true, null], "b": {}}"#).unwrap();
        assert_eq!(got.len(), 12);
        assert_eq!(got[1], TokenKind::FieldName("a".into()));
        assert_eq!(got[4], TokenKind::String("x".into()));
    }

    #[test]
    fn jackson_messages_for_malformed_text() {
        let table = [
            ("this is valid json but not a dict", "Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
            ("{'bad': 'quotation'}", "Unexpected character (''' (code 39)): was expecting double-quote to start field name"),
            ("{\"a\" 1}", "Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value"),
            ("[1 2]", "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries"),
            ("{\"a\":1,}", "Unexpected character ('}' (code 125)): was expecting double-quote to start field name"),
            ("[1,]", "Unexpected character (']' (code 93)): expected a value"),
            ("[01]", "Invalid numeric value: Leading zeroes not allowed"),
            ("[\"a\\x\"]", "Unrecognized character escape 'x' (code 120)"),
            ("[\"a\nb\"]", "Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in string value"),
            ("[-a]", "Unexpected character ('a' (code 97)) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value"),
        ];
        for (text, want) in table {
            let err = tokens(text).expect_err(text);
            assert_eq!(err.message, want, "for {text}");
        }
    }

    #[test]
    fn unclosed_object_names_the_start_marker() {
        let err = tokens("{\"a\": [1]").unwrap_err();
        assert_eq!(
            err.message,
            "Unexpected end-of-input: expected close marker for Object (start marker at [Source: (String)\"{\"a\": [1]\"; line: 1, column: 1])"
        );
    }

    #[test]
    fn duplicate_keys_keep_the_last_value() {
        let v = parse_tree(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
        let ValueKind::Object(members) = &v.kind else {
            panic!()
        };
        assert_eq!(members.len(), 2);
        assert_eq!(members[0].key, "a");
        assert!(matches!(&members[0].value.kind, ValueKind::Number(n) if n.literal == "3"));
    }

    #[test]
    fn spans_cover_values() {
        let text = r#"{"k": [10, "s"]}"#;
        let v = parse_tree(text).unwrap();
        let arr = v.get("k").unwrap();
        assert_eq!(&text[arr.span.range()], r#"[10, "s"]"#);
        let ValueKind::Array(items) = &arr.kind else {
            panic!()
        };
        assert_eq!(&text[items[1].span.range()], r#""s""#);
    }

    #[test]
    fn surrogate_pairs_are_joined() {
        let v = parse_tree(r#""\ud83d\ude80""#).unwrap();
        assert_eq!(v.kind, ValueKind::String("🚀".into()));
    }

    #[test]
    fn depth_limit_is_an_error_not_a_crash() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse_tree(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let Err(TreeError::Syntax(e)) = parse_tree(&deep) else {
            panic!()
        };
        assert!(e
            .message
            .starts_with("Document nesting depth (1001) exceeds the maximum allowed (1000"));
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_column("ab\ncdé f", 9), (2, 6));
    }
}
