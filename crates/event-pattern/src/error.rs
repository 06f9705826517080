//! Errors for patterns and events, shaped like AWS's.

use crate::json::{jackson_source_location, line_column, Span};
use serde::Serialize;
use std::fmt;

/// How AWS decorates a pattern error's message with Jackson locations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LocationSuffix {
    /// CIDR, limits and "Rule is too complex": plain message.
    None,
    /// Errors raised while the JSON parser is positioned at a byte offset.
    Once(usize),
    /// Errors event-ruler catches and raises again inside list handling: the location appears twice.
    Twice(usize),
}

/// Which AWS exception an error corresponds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PatternErrorKind {
    /// The text is not JSON (Jackson's message).
    Syntax,
    /// JSON, but not a valid pattern (event-ruler's message).
    Invalid,
    /// The API-level length constraint.
    TooLong,
}

/// Why a pattern was rejected. `Display` writes AWS's message: the first line is exactly what
/// EventBridge answers, followed by Jackson's location line(s) where AWS has them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    // Boxed: errors travel through every parsing step, and a small `Result` keeps those cheap.
    inner: Box<PatternErrorInner>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct PatternErrorInner {
    kind: PatternErrorKind,
    reason: String,
    /// AWS's one-line message (the reason with its prefix).
    message: String,
    span: Span,
    path: String,
    suffix: LocationSuffix,
    source_text: String,
    line: usize,
    column: usize,
}

/// Longest pattern text AWS accepts, in UTF-16 code units (the API's length constraint).
pub const MAX_PATTERN_LENGTH: usize = 4096;

impl PatternError {
    pub(crate) fn new(
        kind: PatternErrorKind,
        reason: impl Into<String>,
        source: &str,
        span: Span,
        path: impl Into<String>,
        suffix: LocationSuffix,
    ) -> PatternError {
        let (line, column) = line_column(source, span.start);
        let reason = reason.into();
        let message = match kind {
            PatternErrorKind::TooLong => format!(
                "1 validation error detected: Value at 'eventPattern' failed to satisfy constraint: {reason}"
            ),
            _ => format!("Event pattern is not valid. Reason: {reason}"),
        };
        let inner = PatternErrorInner {
            kind,
            reason,
            message,
            span,
            path: path.into(),
            suffix,
            source_text: source.to_owned(),
            line,
            column,
        };
        PatternError {
            inner: Box::new(inner),
        }
    }

    /// The AWS error code: `InvalidEventPatternException`, or `ValidationException` for a text over
    /// the API's 4096-character limit.
    pub fn code(&self) -> &'static str {
        match self.inner.kind {
            PatternErrorKind::TooLong => "ValidationException",
            _ => "InvalidEventPatternException",
        }
    }

    /// The reason alone, e.g. `Empty arrays are not allowed`.
    pub fn reason(&self) -> &str {
        &self.inner.reason
    }

    /// AWS's one-line message, e.g. `Event pattern is not valid. Reason: Empty arrays are not allowed`.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// 1-based line of the start of [`span`](Self::span).
    pub fn line(&self) -> usize {
        self.inner.line
    }

    /// 1-based column, in characters, of the start of [`span`](Self::span).
    pub fn column(&self) -> usize {
        self.inner.column
    }

    /// Byte range in the pattern text of the offending token or value.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.inner.span.range()
    }

    /// JSON pointer of the offending place, e.g. `/detail/state/0/anything-but`.
    pub fn path(&self) -> &str {
        &self.inner.path
    }

    /// The pattern's source line with the offending part underlined and the reason below it.
    pub fn render(&self, source: &str) -> String {
        render_excerpt(source, self.inner.span, &self.inner.reason)
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())?;
        let (offset, times) = match self.inner.suffix {
            LocationSuffix::None => return Ok(()),
            LocationSuffix::Once(offset) => (offset, 1),
            LocationSuffix::Twice(offset) => (offset, 2),
        };
        let location = jackson_source_location(&self.inner.source_text, offset);
        for _ in 0..times {
            write!(f, "\n at {location}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PatternError {}

impl Serialize for PatternError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("PatternError", 7)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", self.message())?;
        s.serialize_field("reason", &self.inner.reason)?;
        s.serialize_field("line", &self.inner.line)?;
        s.serialize_field("column", &self.inner.column)?;
        s.serialize_field("span", &self.inner.span)?;
        s.serialize_field("path", &self.inner.path)?;
        s.end()
    }
}

/// What is wrong with an event, for [`EventError::detail`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EventProblem {
    Syntax {
        message: String,
        span: Span,
    },
    Empty,
    TrailingContent {
        span: Span,
    },
    NotAnObject {
        span: Span,
    },
    MissingField {
        field: &'static str,
    },
    /// The bytes are not UTF-8; the span covers the first bad sequence.
    InvalidUtf8 {
        span: Span,
    },
    /// The text is longer than the matcher handles.
    TooLarge {
        limit: usize,
    },
}

/// Why an event was rejected. AWS says only `Parameter Event is not valid.`; [`detail`](Self::detail)
/// says what exactly is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventError {
    problem: EventProblem,
    position: Option<(usize, usize)>,
}

impl EventError {
    pub(crate) fn new(problem: EventProblem, source: &str) -> EventError {
        let position = problem_span(&problem).map(|span| line_column(source, span.start));
        EventError { problem, position }
    }

    /// Bytes that are not UTF-8: located at the first bad sequence (line and column count the
    /// characters of the valid text before it).
    pub(crate) fn invalid_utf8(bytes: &[u8], error: std::str::Utf8Error) -> EventError {
        let valid = error.valid_up_to();
        let bad = error.error_len().unwrap_or(bytes.len() - valid);
        let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        EventError {
            problem: EventProblem::InvalidUtf8 {
                span: Span::new(valid, valid + bad),
            },
            position: Some(line_column(before, valid)),
        }
    }

    /// The AWS error code, `ValidationException`.
    pub fn code(&self) -> &'static str {
        "ValidationException"
    }

    /// AWS's message, `Parameter Event is not valid.`
    pub fn message(&self) -> &str {
        "Parameter Event is not valid."
    }

    /// Our own explanation, e.g. ``missing required field `region` ``.
    pub fn detail(&self) -> String {
        let at = match self.position {
            Some((line, column)) => format!(" at line {line} column {column}"),
            None => String::new(),
        };
        match &self.problem {
            EventProblem::Syntax { message, .. } => format!("{message}{at}"),
            EventProblem::Empty => "the event is empty: expected a JSON object".to_owned(),
            EventProblem::TrailingContent { .. } => {
                format!("unexpected content after the end of the JSON object{at}")
            }
            EventProblem::NotAnObject { .. } => format!("the event must be a JSON object{at}"),
            EventProblem::MissingField { field } => format!("missing required field `{field}`"),
            EventProblem::InvalidUtf8 { .. } => format!("the event is not valid UTF-8{at}"),
            EventProblem::TooLarge { limit } => {
                format!("the event is longer than {limit} bytes, the most this matcher reads")
            }
        }
    }

    /// 1-based line of the problem, when it has a place in the text.
    pub fn line(&self) -> Option<usize> {
        self.position.map(|p| p.0)
    }

    /// 1-based column, in characters, of the problem, when it has a place in the text.
    pub fn column(&self) -> Option<usize> {
        self.position.map(|p| p.1)
    }

    /// Byte range of the problem in the event text, when it has one.
    pub fn span(&self) -> Option<std::ops::Range<usize>> {
        problem_span(&self.problem).map(Span::range)
    }
}

fn problem_span(problem: &EventProblem) -> Option<Span> {
    match problem {
        EventProblem::Syntax { span, .. }
        | EventProblem::TrailingContent { span }
        | EventProblem::NotAnObject { span }
        | EventProblem::InvalidUtf8 { span } => Some(*span),
        EventProblem::Empty | EventProblem::MissingField { .. } | EventProblem::TooLarge { .. } => {
            None
        }
    }
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for EventError {}

impl Serialize for EventError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("EventError", 6)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", self.message())?;
        s.serialize_field("detail", &self.detail())?;
        s.serialize_field("line", &self.line())?;
        s.serialize_field("column", &self.column())?;
        s.serialize_field("span", &problem_span(&self.problem))?;
        s.end()
    }
}

/// A regex-syntax-like excerpt: the line holding `span`, carets under it, then `message`.
pub(crate) fn render_excerpt(source: &str, span: Span, message: &str) -> String {
    let start = span.start.min(source.len());
    let (line_no, column) = line_column(source, start);
    let line_start = source[..floor_boundary(source, start)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = source[line_start..]
        .find('\n')
        .map_or(source.len(), |i| line_start + i);
    let line_text = &source[line_start..line_end];
    let end = span.end.clamp(start, line_end.max(start));
    let width = source
        .get(floor_boundary(source, start)..floor_boundary(source, end))
        .map_or(1, |s| s.chars().count())
        .max(1);
    let gutter = line_no.to_string();
    let pad = " ".repeat(gutter.len());
    format!(
        "{pad} |\n{gutter} | {line_text}\n{pad} | {}{}\n{pad} = {message}",
        " ".repeat(column - 1),
        "^".repeat(width)
    )
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_underlines_the_span() {
        let source = "{\n  \"a\": []\n}";
        let out = render_excerpt(source, Span::new(9, 11), "Empty arrays are not allowed");
        assert_eq!(
            out,
            "  |\n2 |   \"a\": []\n  |        ^^\n  = Empty arrays are not allowed"
        );
    }
}
