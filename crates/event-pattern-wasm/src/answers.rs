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

/// An error with everything an editor needs to underline it. Positions are UTF-16 code units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiError {
    /// `InvalidEventPatternException`, or `ValidationException` for the event or an over-long pattern.
    pub code: String,
    /// AWS's message (its first line).
    pub message: String,
    /// Which input is wrong: `"pattern"` or `"event"`.
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
