//! Batch mode: one JSON case per line in, one JSON result per line out, streamed (each line is
//! read, answered and forgotten), each line bounded.

use std::io::BufReader;

use event_pattern::json::{self, quote, ValueKind};

use crate::input::{Line, Lines};
use crate::limits::{describe, MAX_CASE_LINE_BYTES};
use crate::output::{report, Failure, Out};
use crate::test_event_pattern::{test, ApiError};

/// Answers every case of the file at `path`; exit code 1 when some lines were not valid cases.
pub fn run(path: &str, out: &mut Out) -> Result<u8, Failure> {
    let file = std::fs::File::open(path)
        .map_err(|e| Failure::Usage(format!("cannot read {path}: {e}")))?;
    let mut lines = Lines::new(BufReader::new(file), MAX_CASE_LINE_BYTES);
    let mut bad_lines = 0usize;
    loop {
        let (number, line) = match lines.next_line() {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(e) => return Err(Failure::Usage(format!("cannot read {path}: {e}"))),
        };
        let too_long = matches!(line, Line::TooLong);
        match line_texts(line) {
            Ok((pattern, event)) => out.line(&answer_for(test(&pattern, &event)))?,
            Err(problem) => {
                bad_lines += 1;
                out.line(&invalid_case(number, &problem))?;
            }
        }
        if too_long {
            // The rest of the line may take long to skip (or never end): answer it now.
            out.flush()?;
        }
    }
    if bad_lines > 0 {
        report(&format!(
            "event-pattern test-event-pattern: {bad_lines} line(s) of {path} were not valid cases"
        ));
        return Ok(1);
    }
    Ok(0)
}

fn line_texts(line: Line<'_>) -> Result<(String, String), String> {
    match line {
        Line::TooLong => Err(format!(
            "longer than {}, the most a case line may hold",
            describe(MAX_CASE_LINE_BYTES)
        )),
        Line::Text(bytes) => {
            let text = std::str::from_utf8(bytes).map_err(|error| {
                let valid = String::from_utf8_lossy(&bytes[..error.valid_up_to()]);
                format!(
                    "not UTF-8 text (an invalid byte at column {})",
                    valid.chars().count() + 1
                )
            })?;
            case_texts(text)
        }
    }
}

fn invalid_case(number: usize, problem: &str) -> String {
    format!(
        r#"{{"Error":{{"Code":"InvalidCase","Message":{}}}}}"#,
        quote(&format!("line {number}: {problem}"))
    )
}

fn answer_for(result: Result<bool, ApiError>) -> String {
    match result {
        Ok(matched) => format!(r#"{{"Result":{matched}}}"#),
        Err(error) => {
            let first_line = error.message.lines().next().unwrap_or_default();
            format!(
                r#"{{"Error":{{"Code":{},"Message":{}}}}}"#,
                quote(error.code),
                quote(first_line)
            )
        }
    }
}

/// The pattern and event texts of one case line. A JSON value is taken as the exact text it has
/// in the line (by its span), so its key order, duplicate keys and number literals reach the
/// matcher as written: in EventBridge key order decides which error comes first and which `$or`
/// path overrides which, and `1e400` must stay `1e400`.
fn case_texts(line: &str) -> Result<(String, String), String> {
    let case = json::parse(line).map_err(|e| format!("not JSON: {e}"))?;
    if !matches!(case.kind, ValueKind::Object(_)) {
        return Err("a case must be a JSON object".to_owned());
    }
    let text_of = |value_key: &str, text_key: &str| -> Result<String, String> {
        match (case.get(value_key), case.get(text_key)) {
            (Some(_), Some(_)) => Err(format!(
                "give either \"{value_key}\" or \"{text_key}\", not both"
            )),
            (Some(value), None) => Ok(line[value.span.range()].to_owned()),
            (None, Some(text)) => match &text.kind {
                ValueKind::String(text) => Ok(text.clone()),
                _ => Err(format!("\"{text_key}\" must be a string")),
            },
            (None, None) => Err(format!("missing \"{value_key}\" (or \"{text_key}\")")),
        }
    };
    Ok((
        text_of("pattern", "pattern_text")?,
        text_of("event", "event_text")?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_lines_take_values_or_texts() {
        let (pattern, event) = case_texts(r#"{"pattern":{"a":["b"]},"event":{"x":1}}"#).unwrap();
        assert_eq!(pattern, r#"{"a":["b"]}"#);
        assert_eq!(event, r#"{"x":1}"#);
        // Values are the line's own text: order, spacing, duplicates and digits as written.
        let (pattern, event) = case_texts(
            r#"{"event": {"z": 1e400, "a": 1.50}, "pattern": {"z": [ 1 ], "a": [2], "z": [3]}}"#,
        )
        .unwrap();
        assert_eq!(pattern, r#"{"z": [ 1 ], "a": [2], "z": [3]}"#);
        assert_eq!(event, r#"{"z": 1e400, "a": 1.50}"#);
        let (pattern, _) =
            case_texts(r#"{"pattern_text":"{\"a\":1,\"a\":2}","event_text":"{}"}"#).unwrap();
        assert_eq!(pattern, r#"{"a":1,"a":2}"#);
    }

    #[test]
    fn bad_case_lines_say_what_is_wrong() {
        assert!(case_texts("[1]").unwrap_err().contains("JSON object"));
        assert!(case_texts("{").unwrap_err().starts_with("not JSON"));
        assert!(case_texts(r#"{"event":{}}"#)
            .unwrap_err()
            .contains("missing \"pattern\""));
        assert!(
            case_texts(r#"{"pattern":{},"pattern_text":"{}","event":{}}"#)
                .unwrap_err()
                .contains("not both")
        );
        assert!(case_texts(r#"{"pattern_text":1,"event":{}}"#)
            .unwrap_err()
            .contains("must be a string"));
    }
}
