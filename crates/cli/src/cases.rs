//! Batch mode: one JSON case per line in, one JSON result per line out.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

use event_pattern::json::{self, ValueKind};
use serde_json::{json, Value};

use crate::test_event_pattern::test;

pub fn run_file(path: &str) -> ExitCode {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) => {
            eprintln!("event-pattern test-event-pattern: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut bad_lines = 0usize;
    for (index, line) in BufReader::new(file).lines().enumerate() {
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                eprintln!(
                    "event-pattern test-event-pattern: {path}: line {}: {e}",
                    index + 1
                );
                return ExitCode::from(2);
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let answer = match case_texts(&line) {
            Ok((pattern, event)) => answer_for(test(&pattern, &event)),
            Err(problem) => {
                bad_lines += 1;
                json!({"Error": {"Code": "InvalidCase", "Message": format!("line {}: {problem}", index + 1)}})
            }
        };
        if writeln!(out, "{answer}").is_err() {
            // stdout closed (e.g. piped into `head`): nothing left to do.
            return ExitCode::SUCCESS;
        }
    }
    let _ = out.flush();
    if bad_lines > 0 {
        eprintln!(
            "event-pattern test-event-pattern: {bad_lines} line(s) of {path} were not valid cases"
        );
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn answer_for(result: Result<bool, crate::test_event_pattern::ApiError>) -> Value {
    match result {
        Ok(matched) => json!({ "Result": matched }),
        Err(error) => {
            let first_line = error.message.lines().next().unwrap_or_default();
            json!({"Error": {"Code": error.code, "Message": first_line}})
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
