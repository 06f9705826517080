//! Reading JSON documents field by field, so that every error names the field it is about
//! (serde's derive would say "invalid type" without saying where).

use crate::error::{join_path, Problem, ProblemKind};
use serde_json::{Map, Value};

/// Parses `text` as JSON with a size limit checked first (so a huge input costs nothing).
pub(crate) fn parse_json(text: &str, max_bytes: usize, what: &str) -> Result<Value, Problem> {
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
    // serde_json limits nesting to 128 levels, so hostile input cannot overflow the stack.
    serde_json::from_str(text)
        .map_err(|e| Problem::syntax("", format!("the {what} is not valid JSON ({e})")))
}

/// Checks the `version` field of a versioned document and returns the other fields.
pub(crate) fn versioned<'a>(
    value: &'a Value,
    current: u64,
    what: &str,
) -> Result<Fields<'a>, Problem> {
    let fields = Fields::of(value, "")?;
    let version = match fields.map.get("version") {
        None => {
            return Err(Problem::syntax(
                "version",
                format!("missing: this does not look like a {what}"),
            ))
        }
        Some(Value::Number(n)) => n.as_u64(),
        Some(_) => None,
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
            format!("{} is not a known {what} format", shown(&fields.map["version"])),
        )),
    }
}

/// The members of one JSON object, with the object's path for error messages.
pub(crate) struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Fields<'a> {
    pub(crate) fn of(value: &'a Value, path: &str) -> Result<Fields<'a>, Problem> {
        match value {
            Value::Object(map) => Ok(Fields {
                map,
                path: path.to_owned(),
            }),
            other => Err(Problem::syntax(
                path,
                format!("expected an object, found {}", kind(other)),
            )),
        }
    }

    pub(crate) fn path(&self, key: &str) -> String {
        join_path(&self.path, key)
    }

    /// Rejects members other than `allowed` (a misspelt field would otherwise be ignored).
    pub(crate) fn only(&self, allowed: &[&str]) -> Result<(), Problem> {
        match self.map.keys().find(|k| !allowed.contains(&k.as_str())) {
            None => Ok(()),
            Some(key) => Err(Problem::syntax(
                self.path(key),
                format!("unknown field (expected one of: {})", allowed.join(", ")),
            )),
        }
    }

    pub(crate) fn keys(&self) -> impl Iterator<Item = &'a String> {
        self.map.keys()
    }

    pub(crate) fn value(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key)
    }

    pub(crate) fn string(&self, key: &str) -> Result<&'a str, Problem> {
        self.opt_string(key)?
            .ok_or_else(|| Problem::syntax(self.path(key), "missing"))
    }

    pub(crate) fn opt_string(&self, key: &str) -> Result<Option<&'a str>, Problem> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(Problem::syntax(
                self.path(key),
                format!("expected text, found {}", kind(other)),
            )),
        }
    }

    pub(crate) fn opt_bool(&self, key: &str) -> Result<Option<bool>, Problem> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(Problem::syntax(
                self.path(key),
                format!("expected true or false, found {}", kind(other)),
            )),
        }
    }

    pub(crate) fn opt_u32(&self, key: &str) -> Result<Option<u32>, Problem> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| {
                    Problem::syntax(
                        self.path(key),
                        format!("expected a whole number from 0 to {}, found {n}", u32::MAX),
                    )
                }),
            Some(other) => Err(Problem::syntax(
                self.path(key),
                format!("expected a whole number, found {}", kind(other)),
            )),
        }
    }

    pub(crate) fn array(&self, key: &str) -> Result<&'a [Value], Problem> {
        self.opt_array(key)?
            .ok_or_else(|| Problem::syntax(self.path(key), "missing"))
    }

    pub(crate) fn opt_array(&self, key: &str) -> Result<Option<&'a [Value]>, Problem> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(other) => Err(Problem::syntax(
                self.path(key),
                format!("expected a list, found {}", kind(other)),
            )),
        }
    }

    /// A list of strings (`hints`, `sources`).
    pub(crate) fn strings(&self, key: &str) -> Result<Vec<&'a str>, Problem> {
        let items = self.opt_array(key)?.unwrap_or(&[]);
        items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::String(s) => Ok(s.as_str()),
                other => Err(Problem::syntax(
                    format!("{}[{i}]", self.path(key)),
                    format!("expected text, found {}", kind(other)),
                )),
            })
            .collect()
    }
}

/// "a number", "a list", ... for error messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 20 {
        format!("{}…", text.chars().take(20).collect::<String>())
    } else {
        text
    }
}
