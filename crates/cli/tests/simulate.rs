//! `event-pattern simulate` answers what the Simulator page and the JavaScript API answer: the
//! scenario the page builds from its settings (`delivery::settings`), the same
//! `delivery::simulate` report, the same words from `delivery::describe`, and the same
//! refusals of bad settings.

#[allow(dead_code)] // each test file uses part of the shared helpers
mod support;

use delivery::settings::{OutageSettings, RetryableChoice, ScenarioChoice, SimulatorSettings};
use support::{event_pattern, text, TempFile};

/// The scenario the Simulator page runs for a preset with its default settings.
fn page_preset_scenario(id: &str) -> delivery::Scenario {
    let settings = SimulatorSettings {
        choice: ScenarioChoice::Preset { id: id.to_owned() },
        ..SimulatorSettings::default()
    };
    settings.preset_scenario(id).expect("presets build").1
}

#[test]
fn every_preset_is_the_simulator_pages_scenario_and_report() {
    for preset in delivery::PRESETS {
        let expected = page_preset_scenario(preset.id);
        let out = event_pattern(&["simulate", "--preset", preset.id, "--output", "scenario"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let scenario: delivery::Scenario = serde_json::from_str(&text(&out.stdout)).unwrap();
        assert_eq!(scenario, expected, "preset {}", preset.id);

        let out = event_pattern(&["simulate", "--preset", preset.id, "--output", "json"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            preset.id,
            text(&out.stderr)
        );
        let report = delivery::simulate(&expected).expect("presets are valid");
        assert_eq!(
            text(&out.stdout).trim_end(),
            serde_json::to_string(&report).unwrap(),
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
    let written = event_pattern(&["simulate", "--preset", preset.id, "--output", "scenario"]);
    let scenario = text(&written.stdout);
    let from_text = event_pattern(&["simulate", "--scenario", &scenario, "--output", "json"]);
    let from_preset = event_pattern(&["simulate", "--preset", preset.id, "--output", "json"]);
    assert_eq!(
        from_text.status.code(),
        Some(0),
        "{}",
        text(&from_text.stderr)
    );
    assert_eq!(text(&from_text.stdout), text(&from_preset.stdout));
    let mut seeded = page_preset_scenario(preset.id);
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

    // The page's path: its settings for the same traffic and outage, through delivery::settings.
    let store: serde_json::Value = serde_json::from_str(rules).unwrap();
    let saved: Vec<rules::Rule> = serde_json::from_value(store["rules"]["rules"].clone()).unwrap();
    let mut settings = SimulatorSettings {
        choice: ScenarioChoice::MyRules,
        duration_minutes: 30,
        ..SimulatorSettings::default()
    };
    settings.edit_target("default", "orders", "t1", |target| {
        target.outage = OutageSettings {
            enabled: true,
            from_minute: 0,
            until_minute: 20,
            error: RetryableChoice::ServerError,
        };
        target.dlq_policy_attached = Some(true);
    });
    let input = delivery::settings::RulesInput {
        rules_on_bus: vec![&saved[0]],
        samples: vec![delivery::WeightedSample {
            text: event.to_owned(),
            weight: 1,
        }],
        partner_source_state: Some(aws_model::EventSourceState::Active),
        account: "123456789012".to_owned(),
        region: "us-east-1".to_owned(),
    };
    let scenario = settings.rules_scenario(&input).expect("valid settings");
    let report = delivery::simulate(&scenario).unwrap();
    assert_eq!(
        text(&out.stdout).trim_end(),
        serde_json::to_string(&report).unwrap()
    );
    // The outage sends the first 20 minutes' events to the queue after two retries.
    assert!(report.summary.outcomes.sent_to_dlq > 0 && report.summary.outcomes.delivered > 0);
}

const ONE_RULE: &str = r#"[{"name":"orders","account_id":"123456789012","region":"us-east-1",
    "event_bus":"default","event_pattern":"{\"source\":[\"shop\"]}",
    "targets":[{"id":"t1","kind":"lambda_function","arn":"arn:aws:lambda:us-east-1:123456789012:function:f"}]}]"#;

/// Settings the Simulator page refuses are refused here with the same sentences, each after the
/// setting's path, all at once, before anything runs.
#[test]
fn bad_settings_are_refused_with_the_simulator_pages_words() {
    let file = TempFile::new("simulate-bad-settings.json", ONE_RULE);
    let out = event_pattern(&[
        "simulate",
        "--rules",
        file.to_str().unwrap(),
        "--event",
        r#"{"source":"shop","detail-type":"x","detail":{}}"#,
        "--minutes",
        "2000",
        "--down",
        "30-20",
    ]);
    assert_eq!(out.status.code(), Some(254), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(out.stdout.is_empty(), "nothing runs");

    // The page's check of the same settings.
    let mut page = SimulatorSettings {
        choice: ScenarioChoice::MyRules,
        duration_minutes: 2000,
        ..SimulatorSettings::default()
    };
    page.edit_target("default", "orders", "t1", |target| {
        target.outage = OutageSettings {
            enabled: true,
            from_minute: 30,
            until_minute: 20,
            error: RetryableChoice::ServerError,
        };
    });
    let mut problems = page.event_problems();
    problems.extend(
        page.target("default", "orders", "t1")
            .problems(0, rules::TargetKind::LambdaFunction),
    );
    assert_eq!(problems.len(), 2, "{problems:?}");
    for problem in &problems {
        assert!(stderr.contains(&problem.message), "{stderr}");
    }
    assert!(
        stderr.contains(
            "  duration_minutes: The duration in minutes must be between 1 and 1440; it is 2000.\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "  targets[0].outage.until_minute (rule orders, target t1): The outage must end after it starts."
        ),
        "{stderr}"
    );

    let out = event_pattern(&[
        "simulate",
        "--rules",
        file.to_str().unwrap(),
        "--event",
        r#"{"source":"shop","detail-type":"x","detail":{}}"#,
        "--rate",
        "200000",
    ]);
    assert_eq!(out.status.code(), Some(254));
    assert!(
        text(&out.stderr).contains(
            "rate.count: The number of events must be between 1 and 100000; it is 200000."
        ),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_rate_that_is_no_whole_number_per_unit_is_a_usage_mistake() {
    let file = TempFile::new("simulate-rate.json", ONE_RULE);
    let run = |rate: &str| {
        event_pattern(&[
            "simulate",
            "--rules",
            file.to_str().unwrap(),
            "--event",
            r#"{"source":"shop","detail-type":"x","detail":{}}"#,
            "--rate",
            rate,
            "--output",
            "scenario",
        ])
    };
    let half = run("0.5");
    assert_eq!(half.status.code(), Some(0), "{}", text(&half.stderr));
    let scenario: delivery::Scenario = serde_json::from_str(&text(&half.stdout)).unwrap();
    // 30 per minute for the default 10 minutes.
    assert_eq!(scenario.events.generated[0].count(), 300);
    for bad in ["0", "-1", "abc", "0.0001"] {
        let out = run(bad);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(
            text(&out.stderr).contains("--rate"),
            "{}",
            text(&out.stderr)
        );
    }
}
