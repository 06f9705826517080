//! `event-pattern migrate` prints the library's migration preview (`custom_bus::migration`) for
//! saved rules, with the pattern kept as written in every export.

#[allow(dead_code)] // each test file uses part of the shared helpers
mod support;

use custom_bus::migration::{migrate, ClassicRule};
use support::{event_pattern, text, TempFile};

const BUS: &str =
    "arn:aws:events:us-east-1:123456789012:event-busv2/orders/abcdefghij0123456789klmno";

// `$or` after a plain field: a re-serialised pattern would move it and change what it matches.
const RULES: &str = r#"[{"name":"orders","account_id":"123456789012","region":"us-east-1",
    "event_bus":"default","event_pattern":"{\"source\":[\"shop\"],\"$or\":[{\"source\":[\"b\"]},{\"detail-type\":[\"paid\"]}]}",
    "targets":[{"id":"t1","kind":"lambda_function","arn":"arn:aws:lambda:us-east-1:123456789012:function:f",
    "dead_letter_queue":{"choice":"this_account","queue_name":"dlq"}}]}]"#;

fn plan() -> custom_bus::migration::MigrationPlan {
    let saved: Vec<rules::Rule> = serde_json::from_str(RULES).unwrap();
    let engine = custom_bus::rust_jsonata::RustJsonata;
    migrate(&ClassicRule::from_saved(&saved[0]), BUS, Some(&engine))
}

#[test]
fn each_export_is_the_library_preview_with_the_pattern_as_written() {
    let file = TempFile::new("migrate-rules.json", RULES);
    let path = file.to_str().unwrap();
    let plan = plan();
    for (format, expected) in [
        ("cloudformation-json", plan.cloudformation_json()),
        ("cloudformation-yaml", plan.cloudformation_yaml()),
        ("cli", plan.cli_script()),
        ("text", plan.describe()),
    ] {
        let out = event_pattern(&[
            "migrate",
            "--rules",
            path,
            "--bus-arn",
            BUS,
            "--output",
            format,
        ]);
        assert_eq!(
            out.status.code(),
            Some(u8::from(plan.needs_action()).into()),
            "{format}"
        );
        assert_eq!(
            text(&out.stdout).trim_end(),
            expected.trim_end(),
            "{format}"
        );
    }
    let json = plan.cloudformation_json();
    assert!(
        json.contains(
            r#"{\"source\":[\"shop\"],\"$or\":[{\"source\":[\"b\"]},{\"detail-type\":[\"paid\"]}]}"#
        ),
        "{json}"
    );
}

#[test]
fn a_missing_rule_or_a_bad_bus_arn_is_a_clear_error() {
    let file = TempFile::new("migrate-rules-2.json", RULES);
    let path = file.to_str().unwrap();
    let out = event_pattern(&[
        "migrate",
        "--rules",
        path,
        "--bus-arn",
        BUS,
        "--rule",
        "nope",
    ]);
    assert_eq!(out.status.code(), Some(254));
    assert!(text(&out.stderr).contains("there is no rule \"nope\""));
    let out = event_pattern(&[
        "migrate",
        "--rules",
        path,
        "--bus-arn",
        "arn:aws:events:us-east-1:1:rule/x",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
