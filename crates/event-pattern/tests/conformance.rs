//! Every case AWS recorded (tests/data/aws-validated.json) must get AWS's outcome, and every error
//! AWS's exact first line.

use event_pattern::json::{self, Value, ValueKind};
use event_pattern::{Event, Pattern};

const CORPUS: &str = include_str!("data/aws-validated.json");

struct Case {
    name: String,
    pattern: String,
    event: String,
    expect: String,
    error_message: Option<String>,
}

fn text_of<'a>(source: &'a str, value: &Value) -> &'a str {
    &source[value.span.range()]
}

fn string_of(value: Option<&Value>) -> Option<String> {
    match value.map(|v| &v.kind) {
        Some(ValueKind::String(s)) => Some(s.clone()),
        _ => None,
    }
}

/// Reads the corpus with our own parser so patterns keep their key order and duplicate keys.
fn cases() -> Vec<Case> {
    let root = json::parse(CORPUS).expect("corpus is JSON");
    let ValueKind::Array(items) = &root.get("cases").expect("cases").kind else {
        panic!("cases is an array")
    };
    items
        .iter()
        .map(|case| {
            let raw = |key: &str, text_key: &str| match case.get(key) {
                Some(v) => text_of(CORPUS, v).to_owned(),
                None => string_of(case.get(text_key)).expect("pattern_text/event_text"),
            };
            Case {
                name: string_of(case.get("name")).expect("name"),
                pattern: raw("pattern", "pattern_text"),
                event: raw("event", "event_text"),
                expect: string_of(case.get("expect")).expect("expect"),
                error_message: string_of(case.get("error_message")),
            }
        })
        .collect()
}

fn outcome(case: &Case) -> (String, Option<String>) {
    let event = match Event::parse(&case.event) {
        Ok(event) => event,
        Err(e) => return ("error".into(), Some(e.to_string())),
    };
    match Pattern::parse(&case.pattern) {
        Ok(pattern) => (
            (if pattern.matches(&event) {
                "match"
            } else {
                "nomatch"
            })
            .into(),
            None,
        ),
        Err(e) => ("error".into(), Some(e.to_string())),
    }
}

#[test]
fn all_aws_recorded_cases_agree() {
    let cases = cases();
    assert_eq!(cases.len(), 156, "the corpus holds 156 cases");
    let mut failures = Vec::new();
    for case in &cases {
        let (got, message) = outcome(case);
        let first_line = message
            .as_deref()
            .map(|m| m.lines().next().unwrap_or_default().to_owned());
        if got != case.expect {
            failures.push(format!(
                "{}: expected {}, got {got}{}\n    pattern: {}",
                case.name,
                case.expect,
                first_line.map(|m| format!(" ({m})")).unwrap_or_default(),
                case.pattern
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        } else if let Some(want) = &case.error_message {
            let got_line = first_line.unwrap_or_default();
            if &got_line != want {
                failures.push(format!(
                    "{}: error message differs\n    AWS:  {want}\n    ours: {got_line}",
                    case.name
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases disagree with AWS:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn parser_errors_carry_the_jackson_location_like_aws() {
    // AWS appends Jackson's location to errors found while reading the JSON.
    let text = r#"{"a": []}"#;
    let e = Pattern::parse(text).unwrap_err();
    let display = e.to_string();
    let mut lines = display.lines();
    assert_eq!(
        lines.next(),
        Some("Event pattern is not valid. Reason: Empty arrays are not allowed")
    );
    assert_eq!(
        lines.next(),
        Some(r#" at [Source: (String)"{"a": []}"; line: 1, column: 9]"#)
    );
    assert_eq!(lines.next(), None);
}
