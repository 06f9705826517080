//! AWS's wording for a request parameter that breaks a documented constraint.
//!
//! Source: the `ValidationException` texts EventBridge returns, e.g. `1 validation error
//! detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint: Member
//! must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+` (recorded against real AWS in
//! LocalStack's validated snapshots,
//! <https://github.com/localstack/localstack/blob/main/tests/aws/services/events/test_events.snapshot.json>),
//! with the constraints of the API reference
//! (<https://docs.aws.amazon.com/eventbridge/latest/APIReference/CommonErrors.html>).

use std::fmt;

/// A string-parameter constraint as AWS's request validation words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constraint<'a> {
    /// At least this many characters.
    MinLength(usize),
    /// At most this many characters.
    MaxLength(usize),
    /// Must match this regular expression (quoted, never evaluated).
    Pattern(&'a str),
}

impl fmt::Display for Constraint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Constraint::MinLength(n) => {
                write!(f, "Member must have length greater than or equal to {n}")
            }
            Constraint::MaxLength(n) => {
                write!(f, "Member must have length less than or equal to {n}")
            }
            Constraint::Pattern(p) => {
                write!(f, "Member must satisfy regular expression pattern: {p}")
            }
        }
    }
}

/// How much of a rejected value a message repeats: AWS echoes it whole, but a hostile
/// megabyte-long name must not become a megabyte-long message.
pub const ECHO_LIMIT_CHARS: usize = 256;

/// The value as messages repeat it: cut after [`ECHO_LIMIT_CHARS`] characters, with `...`.
pub fn echo(value: &str) -> String {
    match value.char_indices().nth(ECHO_LIMIT_CHARS) {
        Some((cut, _)) => format!("{}...", &value[..cut]),
        None => value.to_owned(),
    }
}

/// AWS's `N validation error(s) detected: Value '..' at '<location>' failed to satisfy
/// constraint: ..`, one clause per violated constraint, joined by `; `.
pub fn constraint_violation_message(
    value: &str,
    location: &str,
    violated: &[Constraint<'_>],
) -> String {
    let echoed = echo(value);
    let count = violated.len();
    let noun = if count == 1 { "error" } else { "errors" };
    let details: Vec<String> = violated
        .iter()
        .map(|c| format!("Value '{echoed}' at '{location}' failed to satisfy constraint: {c}"))
        .collect();
    format!("{count} validation {noun} detected: {}", details.join("; "))
}

/// A character class and the regular expression AWS names it by in its messages.
#[derive(Debug, Clone, Copy)]
pub struct CharClass {
    /// The pattern as AWS documents it.
    pub pattern: &'static str,
    /// Whether one character belongs to the class.
    pub allows: fn(char) -> bool,
}

/// `[\.\-_A-Za-z0-9]+`: rule names and target ids.
pub const NAME_CLASS: CharClass = CharClass {
    pattern: crate::events::NAME_PATTERN,
    allows: crate::events::is_name_char,
};

/// Checks a length range (counted in characters) and a character class the way AWS's request
/// validation does, returning the violated constraints in AWS's order (pattern first). An
/// empty value breaks only the length rule, as in AWS's responses.
pub fn string_constraints(
    value: &str,
    min: usize,
    max: usize,
    class: Option<&CharClass>,
) -> Vec<Constraint<'static>> {
    let mut violated = Vec::new();
    if let Some(class) = class {
        if !value.is_empty() && !value.chars().all(class.allows) {
            violated.push(Constraint::Pattern(class.pattern));
        }
    }
    let length = value.chars().count();
    if length < min {
        violated.push(Constraint::MinLength(min));
    }
    if length > max {
        violated.push(Constraint::MaxLength(max));
    }
    violated
}

/// True when every character is an ASCII letter or digit or one of `extra`, and the length in
/// characters is within `min..=max`: the shape of most AWS resource names.
pub fn is_token(text: &str, extra: &str, min: usize, max: usize) -> bool {
    let length = text.chars().count();
    (min..=max).contains(&length)
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_follow_aws_wording() {
        let violated = string_constraints("!@#$@!#$", 1, 64, Some(&NAME_CLASS));
        assert_eq!(
            constraint_violation_message("!@#$@!#$", "targets.1.member.id", &violated),
            r"1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+"
        );
        let long_bad = "!".repeat(65);
        let violated = string_constraints(&long_bad, 1, 64, Some(&NAME_CLASS));
        assert_eq!(
            violated,
            [
                Constraint::Pattern(NAME_CLASS.pattern),
                Constraint::MaxLength(64)
            ]
        );
        assert!(constraint_violation_message(&long_bad, "name", &violated)
            .starts_with("2 validation errors detected: "));
        assert_eq!(
            string_constraints("", 1, 64, Some(&NAME_CLASS)),
            [Constraint::MinLength(1)]
        );
    }

    #[test]
    fn echoes_are_cut_on_character_boundaries() {
        assert_eq!(echo("short"), "short");
        let wide = "\u{e9}".repeat(400);
        let echoed = echo(&wide);
        assert_eq!(echoed.chars().count(), ECHO_LIMIT_CHARS + 3);
        assert!(echoed.ends_with("\u{e9}..."));
        let message = constraint_violation_message(
            &"x".repeat(1_000_000),
            "name",
            &[Constraint::MinLength(1)],
        );
        assert!(message.len() < 1_000);
    }

    #[test]
    fn tokens() {
        assert!(is_token("my-role_1", "-_", 1, 64));
        assert!(!is_token("", "-_", 1, 64));
        assert!(!is_token("a b", "-_", 1, 64));
        assert!(!is_token("abc", "", 1, 2));
        assert!(!is_token("\u{e9}", "", 1, 2));
    }
}
