//! `event-pattern simulate` answers what the Simulator page and the JavaScript API answer: the
//! same `delivery::simulate` report for every preset, and the same words from
//! `delivery::describe`.

#[allow(dead_code)] // each test file uses part of the shared helpers
mod support;

use support::{event_pattern, text, TempFile};

#[test]
fn every_preset_gives_the_report_the_library_gives() {
    for preset in delivery::PRESETS {
        let out = event_pattern(&["simulate", "--preset", preset.id, "--output", "json"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            preset.id,
            text(&out.stderr)
        );
        let expected = delivery::simulate(&(preset.build)()).expect("presets are valid");
        let expected = serde_json::to_string(&expected).unwrap();
        assert_eq!(
            text(&out.stdout).trim_end(),
            expected,
            "preset {}",
            preset.id
        );
    }
}

#[test]
fn the_text_summary_uses_the_simulator_page_words() {
    let preset = delivery::PRESETS
        .iter()
        .find(|preset| preset.id == "permissions-error")
        .unwrap();
    let scenario = (preset.build)();
    let report = delivery::simulate(&scenario).unwrap();
    let out = event_pattern(&["simulate", "--preset", preset.id]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&delivery::describe::headline(&report.summary)),
        "{stdout}"
    );
    for rule in delivery::describe::outline(&scenario).rules {
        assert!(stdout.contains(&rule.heading), "{stdout}");
    }
}

#[test]
fn a_scenario_text_runs_like_its_preset_and_the_seed_changes_the_run() {
    let preset = &delivery::PRESETS[0];
    let scenario = serde_json::to_string(&(preset.build)()).unwrap();
    let from_text = event_pattern(&["simulate", "--scenario", &scenario, "--output", "json"]);
    let from_preset = event_pattern(&["simulate", "--preset", preset.id, "--output", "json"]);
    assert_eq!(text(&from_text.stdout), text(&from_preset.stdout));
    let mut seeded = (preset.build)();
    seeded.seed = 99;
    let expected = serde_json::to_string(&delivery::simulate(&seeded).unwrap()).unwrap();
    let out = event_pattern(&[
        "simulate", "--preset", preset.id, "--seed", "99", "--output", "json",
    ]);
    assert_eq!(text(&out.stdout).trim_end(), expected);
}

#[test]
fn bad_scenarios_and_arguments_get_clear_errors() {
    let out = event_pattern(&["simulate", "--scenario", "{\"seed\":\"x\"}"]);
    assert_eq!(out.status.code(), Some(254));
    assert!(
        text(&out.stderr).contains("invalid scenario"),
        "{}",
        text(&out.stderr)
    );
    let out = event_pattern(&["simulate", "--preset", "no-such-preset"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("permissions-error"),
        "lists the presets"
    );
    let out = event_pattern(&["simulate"]);
    assert_eq!(out.status.code(), Some(2));
    let out = event_pattern(&[
        "simulate",
        "--preset",
        "permissions-error",
        "--output",
        "yaml",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn saved_rules_run_through_the_same_conversion_as_the_simulator_page() {
    // A rule as the playground saves it: the pattern is a string, kept as written ($or after a
    // plain field), with a retry policy and a dead-letter queue in this account.
    let rules = r#"{"rules":{"rules":[{"name":"orders","account_id":"123456789012","region":"us-east-1",
        "event_bus":"default","event_pattern":"{\"source\":[\"shop\"],\"$or\":[{\"source\":[\"other\"]},{\"detail-type\":[\"paid\"]}]}",
        "targets":[{"id":"t1","kind":"lambda_function","arn":"arn:aws:lambda:us-east-1:123456789012:function:f",
        "retry_policy":{"maximum_retry_attempts":2,"maximum_event_age_seconds":3600},
        "dead_letter_queue":{"choice":"this_account","queue_name":"dlq"}}]}]}}"#;
    let file = TempFile::new("simulate-rules.json", rules);
    let event = r#"{"source":"shop","detail-type":"paid","detail":{}}"#;
    let out = event_pattern(&[
        "simulate",
        "--rules",
        file.to_str().unwrap(),
        "--event",
        event,
        "--minutes",
        "30",
        "--down",
        "0-20",
        "--output",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let store: serde_json::Value = serde_json::from_str(rules).unwrap();
    let saved: Vec<rules::Rule> = serde_json::from_value(store["rules"]["rules"].clone()).unwrap();
    let traffic = delivery::Traffic {
        bus: "default".to_owned(),
        partner_source_state: Some(aws_model::EventSourceState::Active),
        rate_per_second: 1.0,
        duration_ms: 30 * 60_000,
        samples: vec![delivery::WeightedSample {
            text: event.to_owned(),
            weight: 1,
        }],
        account: "123456789012".to_owned(),
        region: "us-east-1".to_owned(),
        seed: 1,
    };
    let scenario =
        delivery::scenario_from_rules(&[&saved[0]], &traffic, |_, _| delivery::TargetSetup {
            behaviour: delivery::TargetBehaviour {
                outages: vec![delivery::Outage {
                    from_ms: 0,
                    until_ms: 20 * 60_000,
                    error: aws_model::RetryableError::ServerError,
                }],
                ..Default::default()
            },
            dlq_policy_attached: true,
        });
    let report = delivery::simulate(&scenario).unwrap();
    assert_eq!(
        text(&out.stdout).trim_end(),
        serde_json::to_string(&report).unwrap()
    );
    // The outage sends the first 20 minutes' events to the queue after two retries.
    assert!(report.summary.outcomes.sent_to_dlq > 0 && report.summary.outcomes.delivered > 0);
}
