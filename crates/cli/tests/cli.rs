//! The `event-pattern` binary end to end: AWS CLI output format, exit codes, batch mode on the
//! AWS-recorded corpus.

mod support;

use std::path::PathBuf;
use support::{event_pattern, text, TempFile};

use serde_json::{json, Value};

const EVENT: &str = r#"{"id":"1","account":"123456789012","source":"my.app","time":"2024-01-01T00:00:00Z","region":"us-east-1","detail-type":"Order Created","resources":[],"detail":{"state":"running","count":3}}"#;

#[test]
fn a_match_prints_what_the_aws_cli_prints() {
    let out = event_pattern(&[
        "test-event-pattern",
        "--event-pattern",
        r#"{"detail":{"state":["running"]}}"#,
        "--event",
        EVENT,
    ]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "{\n    \"Result\": true\n}\n");
}

#[test]
fn a_non_match_is_result_false_with_exit_zero() {
    let out = event_pattern(&[
        "test-event-pattern",
        "--event-pattern",
        r#"{"source":["other"]}"#,
        "--event",
        EVENT,
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "{\n    \"Result\": false\n}\n");
}

#[test]
fn an_invalid_pattern_is_an_aws_style_error_with_exit_254() {
    let out = event_pattern(&[
        "test-event-pattern",
        "--event-pattern",
        r#"{"source":[]}"#,
        "--event",
        EVENT,
    ]);
    assert_eq!(out.status.code(), Some(254));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "An error occurred (InvalidEventPatternException) when calling the TestEventPattern operation: \
             Event pattern is not valid. Reason: Empty arrays are not allowed"
        ),
        "stderr was: {stderr}"
    );
}

#[test]
fn an_event_without_the_envelope_is_a_validation_exception() {
    let out = event_pattern(&[
        "test-event-pattern",
        "--event-pattern",
        r#"{"source":["x"]}"#,
        "--event",
        r#"{"testEvent":"value"}"#,
    ]);
    assert_eq!(out.status.code(), Some(254));
    assert!(text(&out.stderr).contains(
        "An error occurred (ValidationException) when calling the TestEventPattern operation: Parameter Event is not valid."
    ));
}

#[test]
fn file_parameters_are_read() {
    let pattern = TempFile::new(
        "pattern.json",
        r#"{"detail":{"count":[{"numeric":[">",2]}]}}"#,
    );
    let event = TempFile::new("event.json", EVENT);
    let out = event_pattern(&[
        "test-event-pattern",
        "--event-pattern",
        &format!("file://{}", pattern.display()),
        "--event",
        &format!("file://{}", event.display()),
    ]);
    assert_eq!(
        text(&out.stdout),
        "{\n    \"Result\": true\n}\n",
        "stderr: {}",
        text(&out.stderr)
    );
    let missing = event_pattern(&[
        "test-event-pattern",
        "--event-pattern",
        "file:///no/such/file",
        "--event",
        EVENT,
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("cannot read /no/such/file"));
}

#[test]
fn usage_mistakes_exit_2_and_help_exits_0() {
    assert_eq!(event_pattern(&[]).status.code(), Some(2));
    assert_eq!(event_pattern(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        event_pattern(&["test-event-pattern", "--event", EVENT])
            .status
            .code(),
        Some(2)
    );
    for command in ["test-event-pattern", "explain"] {
        let help = event_pattern(&[command, "--help"]);
        assert_eq!(help.status.code(), Some(0));
        assert!(
            text(&help.stdout).contains("example"),
            "{command} --help shows examples"
        );
    }
}

#[test]
fn explain_names_the_field_that_failed_and_exits_1() {
    let out = event_pattern(&[
        "explain",
        "--event-pattern",
        r#"{"detail":{"state":["stopped"]}}"#,
        "--event",
        EVENT,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("detail.state"), "explanation: {stdout}");
    assert!(
        stdout.contains("running"),
        "the value seen is shown: {stdout}"
    );
    let matched = event_pattern(&[
        "explain",
        "--event-pattern",
        r#"{"detail":{"state":["running"]}}"#,
        "--event",
        EVENT,
    ]);
    assert_eq!(matched.status.code(), Some(0));
}

#[test]
fn explain_draws_a_caret_under_an_invalid_pattern() {
    let out = event_pattern(&[
        "explain",
        "--event-pattern",
        r#"{"detail":{"state":[{"prefix":1}]}}"#,
        "--event",
        EVENT,
    ]);
    assert_eq!(out.status.code(), Some(254));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("prefix match pattern must be a string"),
        "{stderr}"
    );
    assert!(
        stderr.contains('^'),
        "a caret points at the problem: {stderr}"
    );
}

/// One recorded case: its name, what AWS answered, and the pattern and event as compact texts
/// cut from the corpus file (key order and number literals as recorded). `as_value` is false for
/// the cases recorded as texts only (duplicate keys).
struct RecordedCase {
    name: String,
    expect: String,
    error_message: Option<String>,
    pattern: String,
    event: String,
    as_value: bool,
}

fn corpus() -> Vec<RecordedCase> {
    use event_pattern::json::{self, reformat, Layout, ValueKind};
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../event-pattern/tests/data/aws-validated.json");
    let text = std::fs::read_to_string(path).unwrap();
    let root = json::parse(&text).unwrap();
    let Some(ValueKind::Array(cases)) = root.get("cases").map(|v| &v.kind) else {
        panic!("the corpus has a list of cases")
    };
    let string = |value: Option<&json::Value>| match value.map(|v| &v.kind) {
        Some(ValueKind::String(s)) => Some(s.clone()),
        _ => None,
    };
    cases
        .iter()
        .map(|case| {
            let compact = |key: &str, text_key: &str| match case.get(key) {
                Some(value) => reformat(&text[value.span.range()], Layout::Compact).unwrap(),
                None => string(case.get(text_key)).expect("a value or a text"),
            };
            RecordedCase {
                name: string(case.get("name")).unwrap(),
                expect: string(case.get("expect")).unwrap(),
                error_message: string(case.get("error_message")),
                pattern: compact("pattern", "pattern_text"),
                event: compact("event", "event_text"),
                as_value: case.get("pattern").is_some(),
            }
        })
        .collect()
}

fn as_value_line(pattern: &str, event: &str) -> String {
    format!(r#"{{"pattern":{pattern},"event":{event}}}"#)
}

fn as_text_line(pattern: &str, event: &str) -> String {
    use event_pattern::json::quote;
    format!(
        r#"{{"pattern_text":{},"event_text":{}}}"#,
        quote(pattern),
        quote(event)
    )
}

/// Runs `--cases` on these lines; the answers, one per line.
fn batch(name: &str, lines: &[String]) -> Vec<String> {
    let file = TempFile::new(name, lines.join("\n") + "\n\n");
    let out = event_pattern(&["test-event-pattern", "--cases", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    let answers: Vec<String> = text(&out.stdout).lines().map(str::to_owned).collect();
    assert_eq!(answers.len(), lines.len(), "one answer per case");
    answers
}

/// The batch mode reproduces AWS's outcome, and the first line of AWS's message, on every case
/// recorded against the real service, and answers byte for byte alike whether a case gives its
/// pattern and event as JSON values or as texts (values are read as the line's own text, so key
/// order and digits reach the matcher as recorded).
#[test]
fn batch_mode_reproduces_aws_on_the_recorded_corpus_as_values_and_as_texts() {
    let cases = corpus();
    assert_eq!(cases.len(), 156);
    let as_texts: Vec<String> = cases
        .iter()
        .map(|case| as_text_line(&case.pattern, &case.event))
        .collect();
    let as_values: Vec<String> = cases
        .iter()
        .map(|case| match case.as_value {
            true => as_value_line(&case.pattern, &case.event),
            false => as_text_line(&case.pattern, &case.event),
        })
        .collect();
    let text_answers = batch("corpus-texts.jsonl", &as_texts);
    let value_answers = batch("corpus-values.jsonl", &as_values);

    let mut disagreements = Vec::new();
    for ((case, by_text), by_value) in cases.iter().zip(&text_answers).zip(&value_answers) {
        let name = &case.name;
        if by_text != by_value {
            disagreements.push(format!("{name}: as text {by_text}, as value {by_value}"));
        }
        let answer: Value = serde_json::from_str(by_value).unwrap();
        let got = match &answer {
            a if a.get("Error").is_some() => "error",
            a if a["Result"] == json!(true) => "match",
            _ => "nomatch",
        };
        if got != case.expect {
            disagreements.push(format!("{name}: expected {}, got {answer}", case.expect));
        } else if let Some(message) = &case.error_message {
            if answer["Error"]["Message"] != *message {
                disagreements.push(format!(
                    "{name}: message {} != AWS {message}",
                    answer["Error"]["Message"]
                ));
            }
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} cases differ:\n{}",
        disagreements.len(),
        cases.len(),
        disagreements.join("\n")
    );
}

/// Issue #12: a pattern given as a JSON value was re-serialized through a sorted map, so its
/// errors came in another order than AWS's and `1e400` was "not JSON".
#[test]
fn batch_values_keep_key_order_and_number_literals() {
    let event = EVENT;
    let table = [
        (
            r#"{"source":[],"detail":{"x":[{"prefix":1}]}}"#,
            r#"{"Error":{"Code":"InvalidEventPatternException","Message":"Event pattern is not valid. Reason: Empty arrays are not allowed"}}"#,
        ),
        (
            r#"{"detail":{"x":[{"prefix":1}]},"source":[]}"#,
            r#"{"Error":{"Code":"InvalidEventPatternException","Message":"Event pattern is not valid. Reason: prefix match pattern must be a string"}}"#,
        ),
        (
            r#"{"detail":{"count":[{"numeric":[">",1e400]}]}}"#,
            r#"{"Error":{"Code":"InvalidEventPatternException","Message":"Event pattern is not valid. Reason: Cannot compare number : 1e400"}}"#,
        ),
        // A `$or` branch overrides the path written before it: this matches source my.app.
        (
            r#"{"source":["other"],"$or":[{"source":["my.app"]},{"detail-type":["x"]}]}"#,
            r#"{"Result":true}"#,
        ),
        (r#"{"detail":{"count":[3.0]}}"#, r#"{"Result":true}"#),
    ];
    let mut lines = Vec::new();
    for (pattern, _) in &table {
        lines.push(as_value_line(pattern, event));
        lines.push(as_text_line(pattern, event));
    }
    let answers = batch("order.jsonl", &lines);
    for (index, (pattern, expected)) in table.iter().enumerate() {
        assert_eq!(answers[2 * index], *expected, "as a value: {pattern}");
        assert_eq!(answers[2 * index + 1], *expected, "as a text: {pattern}");
    }
}

#[test]
fn batch_mode_reports_bad_lines_and_keeps_going() {
    let file = TempFile::new(
        "bad.jsonl",
        format!(
            "not json\n{}\n",
            json!({"pattern": {"source": ["my.app"]}, "event": serde_json::from_str::<Value>(EVENT).unwrap()})
        ),
    );
    let out = event_pattern(&["test-event-pattern", "--cases", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].contains("InvalidCase") && lines[0].contains("line 1"));
    assert_eq!(lines[1], r#"{"Result":true}"#);
}
