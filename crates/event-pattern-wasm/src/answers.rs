//! The JS API's answers as plain Rust values (natively testable); `lib.rs` only converts them.

use event_pattern::{Event, Explanation, Pattern, PatternError, Span};
use serde::Serialize;

use crate::positions::{line_and_column, Utf16Positions};

/// `testEventPattern`'s answer: `{ result }` or `{ error }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TestAnswer {
    Result(bool),
    Error(ApiError),
}

/// Longest string argument, in UTF-16 code units (what JavaScript's `length` counts): 1 MiB
/// (1,048,576 units). Events are at most 256 KB in EventBridge and patterns 4096 characters, so
/// this only keeps a wrong argument from exhausting the module's memory; it is checked before
/// the string is copied into WebAssembly memory.
pub const MAX_ARGUMENT_UNITS: usize = 1 << 20;

/// The code of errors about the arguments themselves (not AWS's: AWS never sees them).
pub const INVALID_ARGUMENT: &str = "InvalidArgument";

/// What a JavaScript argument turned out to be, found out before anything is copied.
#[derive(Debug, Clone, PartialEq)]
pub enum Argument {
    /// A string within [`MAX_ARGUMENT_UNITS`].
    Text(String),
    /// A string of this many UTF-16 units, over the limit.
    TooLong(usize),
    /// Not a string: its JavaScript type (`undefined`, `null`, `number`, `object`, ...).
    NotText(String),
}

impl Argument {
    /// The text, or the `{ error }` for the argument named `input`.
    pub fn text(self, input: &'static str) -> Result<String, Box<ApiError>> {
        let message = match self {
            Argument::Text(text) => return Ok(text),
            Argument::TooLong(units) => format!(
                "The {input} is {units} characters (UTF-16 code units) long; the most this API takes is {MAX_ARGUMENT_UNITS} (1 MiB)."
            ),
            Argument::NotText(type_name) => {
                format!("The {input} must be a string (JSON text), not {type_name}.")
            }
        };
        Err(Box::new(ApiError {
            code: INVALID_ARGUMENT.to_owned(),
            message,
            input,
            detail: None,
            line: None,
            column: None,
            path: None,
            start: None,
            end: None,
        }))
    }
}

/// An error with everything an editor needs to underline it. Positions are UTF-16 code units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiError {
    /// `InvalidEventPatternException`, `ValidationException` for the event or an over-long
    /// pattern, or [`INVALID_ARGUMENT`] for an argument that is not a string or is too long.
    pub code: String,
    /// AWS's message (its first line), or ours for an invalid argument.
    pub message: String,
    /// Which input is wrong: `"pattern"`, `"event"` or `"name"` (a rule's name).
    pub input: &'static str,
    /// Extra help beyond AWS's text, when there is some.
    pub detail: Option<String>,
    /// 1-based.
    pub line: Option<usize>,
    /// 1-based, UTF-16 units.
    pub column: Option<usize>,
    /// JSON pointer to the offending place in the pattern.
    pub path: Option<String>,
    /// UTF-16 range of the offending text.
    pub start: Option<usize>,
    pub end: Option<usize>,
}

impl ApiError {
    pub fn from_pattern_error(error: &PatternError, pattern_text: &str) -> ApiError {
        let positions = Utf16Positions::new(pattern_text);
        let span = error.span();
        let (line, column) = line_and_column(pattern_text, span.start);
        ApiError {
            code: error.code().to_owned(),
            message: error.message().to_owned(),
            input: "pattern",
            detail: None,
            line: Some(line),
            column: Some(column),
            path: Some(error.path().to_owned()),
            start: Some(positions.offset(span.start)),
            end: Some(positions.offset(span.end)),
        }
    }

    pub fn from_event_error(error: &event_pattern::EventError, event_text: &str) -> ApiError {
        let positions = Utf16Positions::new(event_text);
        let span = error.span();
        let line_column = span.as_ref().map(|s| line_and_column(event_text, s.start));
        ApiError {
            code: error.code().to_owned(),
            message: error.message().to_owned(),
            input: "event",
            detail: Some(error.detail()),
            line: line_column.map(|(line, _)| line),
            column: line_column.map(|(_, column)| column),
            path: None,
            start: span.as_ref().map(|s| positions.offset(s.start)),
            end: span.as_ref().map(|s| positions.offset(s.end)),
        }
    }
}

/// TestEventPattern: the event is checked first, then the pattern, as the CLI does.
pub fn test_event_pattern(pattern_text: &str, event_text: &str) -> TestAnswer {
    match parse_both(pattern_text, event_text) {
        Ok((pattern, event)) => TestAnswer::Result(pattern.matches(&event)),
        Err(error) => TestAnswer::Error(*error),
    }
}

/// [`test_event_pattern`] on JavaScript arguments of any type.
pub fn test_event_pattern_arguments(pattern: Argument, event: Argument) -> TestAnswer {
    match both_texts(pattern, event) {
        Ok((pattern, event)) => test_event_pattern(&pattern, &event),
        Err(error) => TestAnswer::Error(*error),
    }
}

/// [`explain`] on JavaScript arguments of any type.
pub fn explain_arguments(pattern: Argument, event: Argument) -> ExplainAnswer {
    match both_texts(pattern, event) {
        Ok((pattern, event)) => explain(&pattern, &event),
        Err(error) => ExplainAnswer::Error(*error),
    }
}

/// The texts of both arguments, the event checked first (as the answers check it first).
fn both_texts(pattern: Argument, event: Argument) -> Result<(String, String), Box<ApiError>> {
    let event = event.text("event")?;
    let pattern = pattern.text("pattern")?;
    Ok((pattern, event))
}

/// `explain`'s answer: the explanation with UTF-16 spans, or the error.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ExplainAnswer {
    Explanation(Explanation),
    Error(ApiError),
}

pub fn explain(pattern_text: &str, event_text: &str) -> ExplainAnswer {
    match parse_both(pattern_text, event_text) {
        Ok((pattern, event)) => {
            let explanation = event_pattern::explain(&pattern, &event);
            ExplainAnswer::Explanation(in_utf16(explanation, pattern_text, event_text))
        }
        Err(error) => ExplainAnswer::Error(*error),
    }
}

/// Boxed error: the `Ok` side is what callers handle most, and it stays small.
fn parse_both(pattern_text: &str, event_text: &str) -> Result<(Pattern, Event), Box<ApiError>> {
    let event = Event::parse(event_text)
        .map_err(|e| Box::new(ApiError::from_event_error(&e, event_text)))?;
    let pattern = Pattern::parse(pattern_text)
        .map_err(|e| Box::new(ApiError::from_pattern_error(&e, pattern_text)))?;
    Ok((pattern, event))
}

/// Rewrites every span of an explanation from bytes to UTF-16 units of its own text.
fn in_utf16(mut explanation: Explanation, pattern_text: &str, event_text: &str) -> Explanation {
    let in_pattern = Utf16Positions::new(pattern_text);
    let in_event = Utf16Positions::new(event_text);
    let convert = |positions: &Utf16Positions, span: Span| {
        Span::new(positions.offset(span.start), positions.offset(span.end))
    };
    for branch in &mut explanation.branches {
        for field in &mut branch.fields {
            field.key_span = convert(&in_pattern, field.key_span);
            field.pattern_span = convert(&in_pattern, field.pattern_span);
            for condition in &mut field.conditions {
                condition.span = convert(&in_pattern, condition.span);
            }
            for value in &mut field.values {
                value.span = convert(&in_event, value.span);
                for element in &mut value.elements {
                    element.array_span = convert(&in_event, element.array_span);
                }
            }
        }
    }
    explanation
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: &str = r#"{"id":"1","account":"123456789012","source":"shop","time":"2024-01-01T00:00:00Z","region":"us-east-1","detail-type":"Order","detail":{"note":"😀 ok","n":5}}"#;

    #[test]
    fn a_match_and_a_miss_are_results() {
        assert_eq!(
            test_event_pattern(r#"{"source":["shop"]}"#, EVENT),
            TestAnswer::Result(true)
        );
        assert_eq!(
            test_event_pattern(r#"{"source":["x"]}"#, EVENT),
            TestAnswer::Result(false)
        );
    }

    #[test]
    fn pattern_errors_carry_aws_text_and_utf16_positions() {
        let pattern = "{\"😀\": [{\"prefix\": 1}]}";
        let TestAnswer::Error(error) = test_event_pattern(pattern, EVENT) else {
            panic!("expected an error");
        };
        assert_eq!(error.code, "InvalidEventPatternException");
        assert_eq!(
            error.message,
            "Event pattern is not valid. Reason: prefix match pattern must be a string"
        );
        assert_eq!(error.input, "pattern");
        // The offending `1` sits after the 2-unit emoji: byte 19, UTF-16 offset 17.
        let utf16_start = pattern.encode_utf16().count() - "1}]}".len();
        assert_eq!(error.start, Some(utf16_start));
        assert_eq!(error.column, Some(utf16_start + 1));
        assert_eq!(error.line, Some(1));
        assert!(
            error.path.as_deref().unwrap().starts_with("/😀"),
            "{:?}",
            error.path
        );
    }

    #[test]
    fn event_errors_are_validation_exceptions_with_help() {
        let TestAnswer::Error(error) =
            test_event_pattern(r#"{"source":["x"]}"#, r#"{"source":"x"}"#)
        else {
            panic!("expected an error");
        };
        assert_eq!(error.code, "ValidationException");
        assert_eq!(error.message, "Parameter Event is not valid.");
        assert_eq!(error.input, "event");
        assert!(error.detail.unwrap().contains("id"));
    }

    #[test]
    fn explanation_spans_are_in_utf16_units() {
        let ExplainAnswer::Explanation(explanation) = explain(r#"{"detail":{"n":[5]}}"#, EVENT)
        else {
            panic!("expected an explanation");
        };
        assert!(explanation.matched);
        let value = &explanation.branches[0].fields[0].values[0];
        let utf16_event: Vec<u16> = EVENT.encode_utf16().collect();
        let shown = String::from_utf16(&utf16_event[value.span.start..value.span.end]).unwrap();
        assert_eq!(shown, "5");
    }

    /// Issue #16: arguments that are not strings, or are huge, are `{ error }` answers.
    #[test]
    fn arguments_of_any_type_get_an_error_answer() {
        let text = |s: &str| Argument::Text(s.to_owned());
        let table = [
            (
                Argument::NotText("undefined".into()),
                text(EVENT),
                "pattern",
                "The pattern must be a string (JSON text), not undefined.",
            ),
            (
                text("{}"),
                Argument::NotText("null".into()),
                "event",
                "The event must be a string (JSON text), not null.",
            ),
            (
                Argument::TooLong(MAX_ARGUMENT_UNITS + 1),
                text(EVENT),
                "pattern",
                "The pattern is 1048577 characters (UTF-16 code units) long; the most this API takes is 1048576 (1 MiB).",
            ),
            (
                Argument::NotText("number".into()),
                Argument::NotText("object".into()),
                "event",
                "The event must be a string (JSON text), not object.",
            ),
        ];
        for (pattern, event, input, message) in table {
            let TestAnswer::Error(error) =
                test_event_pattern_arguments(pattern.clone(), event.clone())
            else {
                panic!("{message}: expected an error");
            };
            assert_eq!(
                (error.code.as_str(), error.input, error.message.as_str()),
                (INVALID_ARGUMENT, input, message)
            );
            let ExplainAnswer::Error(explained) = explain_arguments(pattern, event) else {
                panic!("{message}: expected an error from explain");
            };
            assert_eq!(explained, error);
        }
        assert_eq!(
            test_event_pattern_arguments(text(r#"{"source":["shop"]}"#), text(EVENT)),
            TestAnswer::Result(true)
        );
    }

    #[test]
    fn answers_serialize_to_the_documented_shape() {
        let json = serde_json::to_value(TestAnswer::Result(true)).unwrap();
        assert_eq!(json, serde_json::json!({"result": true}));
        let TestAnswer::Error(error) = test_event_pattern("{", EVENT) else {
            panic!()
        };
        let json = serde_json::to_value(TestAnswer::Error(error)).unwrap();
        assert!(json["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Event pattern is not valid."));
        assert_eq!(json["error"]["line"], 1);
    }
}
