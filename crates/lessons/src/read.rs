//! Reading JSON documents field by field, so that every error names the field it is about
//! (serde's derive would say "invalid type" without saying where).
//!
//! The readers take either parser's values ([`JsonValue`]): serde_json's for the course files
//! and saved progress, which live next to other serde data, and the matcher's own for exercise
//! documents, so that the exercise embed carries no serde_json (issue 14: 12 KB of its wasm).

use event_pattern::json;
use serde_json::Value;

use crate::error::{join_path, Problem, ProblemKind};

/// Nesting deeper than this is refused, as serde_json refuses it: a hostile document can neither
/// overflow the stack nor make a value that takes long to drop.
const MAX_NESTING: usize = 128;

/// A parsed JSON value, as the readers see it.
pub(crate) trait JsonValue: Sized {
    fn shape(&self) -> Shape<'_, Self>;
    /// The value as compact JSON, to quote in a message.
    fn text(&self) -> String;
}

/// What a [`JsonValue`] is.
pub(crate) enum Shape<'a, V> {
    Null,
    Bool(bool),
    /// A number: its value when it is a whole number from 0 to `u64::MAX`, and its text.
    Number {
        whole: Option<u64>,
        text: String,
    },
    String(&'a str),
    Array(&'a [V]),
    /// The members in the parser's order (one per key).
    Object(Vec<(&'a str, &'a V)>),
}

impl JsonValue for Value {
    fn shape(&self) -> Shape<'_, Value> {
        match self {
            Value::Null => Shape::Null,
            Value::Bool(b) => Shape::Bool(*b),
            Value::Number(n) => Shape::Number {
                whole: n.as_u64(),
                text: n.to_string(),
            },
            Value::String(s) => Shape::String(s),
            Value::Array(items) => Shape::Array(items),
            Value::Object(map) => Shape::Object(map.iter().map(|(k, v)| (k.as_str(), v)).collect()),
        }
    }

    fn text(&self) -> String {
        self.to_string()
    }
}

impl JsonValue for json::Value {
    fn shape(&self) -> Shape<'_, json::Value> {
        match &self.kind {
            json::ValueKind::Null => Shape::Null,
            json::ValueKind::Bool(b) => Shape::Bool(*b),
            // As serde_json reads numbers: only a literal without sign, fraction or exponent is
            // a whole number (`2.0` and `-0` are not).
            json::ValueKind::Number(n) => Shape::Number {
                whole: n.literal().parse().ok(),
                text: n.literal().to_owned(),
            },
            json::ValueKind::String(s) => Shape::String(s),
            json::ValueKind::Array(items) => Shape::Array(items),
            // A repeated key has one member after parsing (its last value), as in serde_json.
            json::ValueKind::Object(members) => Shape::Object(
                members
                    .iter()
                    .map(|member| (member.key.as_str(), &member.value))
                    .collect(),
            ),
        }
    }

    fn text(&self) -> String {
        self.to_string()
    }
}

/// Parses `text` as JSON with serde_json, with a size limit checked first (so a huge input costs
/// nothing).
pub(crate) fn parse_json(text: &str, max_bytes: usize, what: &str) -> Result<Value, Problem> {
    check_size(text, max_bytes, what)?;
    // serde_json limits nesting to 128 levels, so hostile input cannot overflow the stack.
    serde_json::from_str(text)
        .map_err(|e| Problem::syntax("", format!("the {what} is not valid JSON ({e})")))
}

/// Parses `text` as JSON with the matcher's parser, with the same limits as [`parse_json`].
pub(crate) fn parse_document(
    text: &str,
    max_bytes: usize,
    what: &str,
) -> Result<json::Value, Problem> {
    check_size(text, max_bytes, what)?;
    if nesting_exceeds(text, MAX_NESTING) {
        return Err(Problem::syntax(
            "",
            format!("the {what} is not valid JSON (nested more than {MAX_NESTING} levels deep)"),
        ));
    }
    json::parse(text)
        .map_err(|e| Problem::syntax("", format!("the {what} is not valid JSON ({e})")))
}

fn check_size(text: &str, max_bytes: usize, what: &str) -> Result<(), Problem> {
    if text.len() > max_bytes {
        return Err(Problem::too_large(
            "",
            format!(
                "the {what} is {} KB, more than the {} KB allowed",
                text.len().div_ceil(1024),
                max_bytes / 1024
            ),
        ));
    }
    Ok(())
}

/// Whether arrays and objects in `text` nest more than `limit` deep (brackets inside strings do
/// not count). Malformed text is left to the parser.
fn nesting_exceeds(text: &str, limit: usize) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for byte in text.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// Checks the `version` field of a versioned document and returns the other fields.
pub(crate) fn versioned<'a, V: JsonValue>(
    value: &'a V,
    current: u64,
    what: &str,
) -> Result<Fields<'a, V>, Problem> {
    let fields = Fields::of(value, "")?;
    let Some(version_value) = fields.value("version") else {
        return Err(Problem::syntax(
            "version",
            format!("missing: this does not look like a {what}"),
        ));
    };
    let version = match version_value.shape() {
        Shape::Number { whole, .. } => whole,
        _ => None,
    };
    match version {
        Some(v) if v == current => Ok(fields),
        Some(v) if v > current => Err(Problem::new(
            ProblemKind::NewerVersion,
            "version",
            format!(
                "this {what} was made by a newer version of the playground (format {v}; this one reads format {current}); reload the page to update"
            ),
        )),
        _ => Err(Problem::syntax(
            "version",
            format!("{} is not a known {what} format", shown(version_value)),
        )),
    }
}

/// The members of one JSON object, with the object's path for error messages.
pub(crate) struct Fields<'a, V> {
    members: Vec<(&'a str, &'a V)>,
    path: String,
}

impl<'a, V: JsonValue> Fields<'a, V> {
    pub(crate) fn of(value: &'a V, path: &str) -> Result<Fields<'a, V>, Problem> {
        match value.shape() {
            Shape::Object(members) => Ok(Fields {
                members,
                path: path.to_owned(),
            }),
            other => Err(Problem::syntax(
                path,
                format!("expected an object, found {}", kind_of(&other)),
            )),
        }
    }

    pub(crate) fn path(&self, key: &str) -> String {
        join_path(&self.path, key)
    }

    /// Rejects members other than `allowed` (a misspelt field would otherwise be ignored).
    pub(crate) fn only(&self, allowed: &[&str]) -> Result<(), Problem> {
        match self.keys().find(|k| !allowed.contains(k)) {
            None => Ok(()),
            Some(key) => Err(Problem::syntax(
                self.path(key),
                format!("unknown field (expected one of: {})", allowed.join(", ")),
            )),
        }
    }

    pub(crate) fn keys(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.members.iter().map(|(key, _)| *key)
    }

    pub(crate) fn value(&self, key: &str) -> Option<&'a V> {
        self.members
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, value)| *value)
    }

    pub(crate) fn string(&self, key: &str) -> Result<&'a str, Problem> {
        self.opt_string(key)?
            .ok_or_else(|| Problem::syntax(self.path(key), "missing"))
    }

    pub(crate) fn opt_string(&self, key: &str) -> Result<Option<&'a str>, Problem> {
        match self.value(key).map(JsonValue::shape) {
            None => Ok(None),
            Some(Shape::String(s)) => Ok(Some(s)),
            Some(other) => Err(Problem::syntax(
                self.path(key),
                format!("expected text, found {}", kind_of(&other)),
            )),
        }
    }

    pub(crate) fn opt_bool(&self, key: &str) -> Result<Option<bool>, Problem> {
        match self.value(key).map(JsonValue::shape) {
            None => Ok(None),
            Some(Shape::Bool(b)) => Ok(Some(b)),
            Some(other) => Err(Problem::syntax(
                self.path(key),
                format!("expected true or false, found {}", kind_of(&other)),
            )),
        }
    }

    pub(crate) fn opt_u32(&self, key: &str) -> Result<Option<u32>, Problem> {
        match self.value(key).map(JsonValue::shape) {
            None => Ok(None),
            Some(Shape::Number { whole, text }) => whole
                .and_then(|n| u32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| {
                    Problem::syntax(
                        self.path(key),
                        format!(
                            "expected a whole number from 0 to {}, found {text}",
                            u32::MAX
                        ),
                    )
                }),
            Some(other) => Err(Problem::syntax(
                self.path(key),
                format!("expected a whole number, found {}", kind_of(&other)),
            )),
        }
    }

    pub(crate) fn array(&self, key: &str) -> Result<&'a [V], Problem> {
        self.opt_array(key)?
            .ok_or_else(|| Problem::syntax(self.path(key), "missing"))
    }

    pub(crate) fn opt_array(&self, key: &str) -> Result<Option<&'a [V]>, Problem> {
        match self.value(key).map(JsonValue::shape) {
            None => Ok(None),
            Some(Shape::Array(items)) => Ok(Some(items)),
            Some(other) => Err(Problem::syntax(
                self.path(key),
                format!("expected a list, found {}", kind_of(&other)),
            )),
        }
    }

    /// A list of strings (`hints`, `sources`).
    pub(crate) fn strings(&self, key: &str) -> Result<Vec<&'a str>, Problem> {
        let items = self.opt_array(key)?.unwrap_or(&[]);
        items
            .iter()
            .enumerate()
            .map(|(i, item)| match item.shape() {
                Shape::String(s) => Ok(s),
                other => Err(Problem::syntax(
                    format!("{}[{i}]", self.path(key)),
                    format!("expected text, found {}", kind_of(&other)),
                )),
            })
            .collect()
    }
}

/// "a number", "a list", ... for error messages.
pub(crate) fn kind_of<V>(shape: &Shape<'_, V>) -> &'static str {
    match shape {
        Shape::Null => "null",
        Shape::Bool(_) => "true or false",
        Shape::Number { .. } => "a number",
        Shape::String(_) => "text",
        Shape::Array(_) => "a list",
        Shape::Object(_) => "an object",
    }
}

fn shown<V: JsonValue>(value: &V) -> String {
    let text = value.text();
    if text.chars().count() > 20 {
        format!("{}…", text.chars().take(20).collect::<String>())
    } else {
        text
    }
}
