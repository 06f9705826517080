//! `event-pattern simulate` answers what the Simulator page and the JavaScript API answer: the
//! same `delivery::simulate` report for every preset, and the same words from
//! `delivery::describe`.

#[allow(dead_code)] // each test file uses part of the shared helpers
mod support;

use support::{event_pattern, text};

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
