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

fn corpus() -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../event-pattern/tests/data/aws-validated.json");
    let corpus: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    corpus["cases"].as_array().unwrap().clone()
}

/// The batch mode reproduces AWS's outcome, and the first line of AWS's message, on every case
/// recorded against the real service.
#[test]
fn batch_mode_reproduces_aws_on_the_recorded_corpus() {
    let cases = corpus();
    let lines: Vec<String> = cases
        .iter()
        .map(|case| match case.get("pattern_text") {
            Some(pattern_text) => {
                json!({"pattern_text": pattern_text, "event_text": case["event_text"]}).to_string()
            }
            None => json!({"pattern": case["pattern"], "event": case["event"]}).to_string(),
        })
        .collect();
    let file = TempFile::new("cases.jsonl", &(lines.join("\n") + "\n\n"));
    let out = event_pattern(&["test-event-pattern", "--cases", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    let answers: Vec<Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), cases.len(), "one answer per case");

    let mut disagreements = Vec::new();
    for (case, answer) in cases.iter().zip(&answers) {
        let got = match answer {
            a if a.get("Error").is_some() => "error",
            a if a["Result"] == json!(true) => "match",
            _ => "nomatch",
        };
        let expected = case["expect"].as_str().unwrap();
        let name = case["name"].as_str().unwrap();
        if got != expected {
            disagreements.push(format!("{name}: expected {expected}, got {answer}"));
        } else if let Some(message) = case.get("error_message") {
            if &answer["Error"]["Message"] != message {
                disagreements.push(format!(
                    "{name}: message {} != AWS {message}",
                    answer["Error"]["Message"]
                ));
            }
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} cases differ from AWS:\n{}",
        disagreements.len(),
        cases.len(),
        disagreements.join("\n")
    );
    println!(
        "batch mode agrees with AWS on {} of {} recorded cases",
        cases.len(),
        cases.len()
    );
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
