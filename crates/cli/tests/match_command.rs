//! `event-pattern match` end to end: per-event output, totals, the benchmark mode, and errors.

mod support;

use std::process::Output;
use support::{event_pattern, text, TempFile};

use event_pattern::{Event, Pattern};

fn run_match(name: &str, rules: &str, events: &str, extra: &[&str]) -> Output {
    let rules_path = TempFile::new(&format!("{name}-rules.json"), rules.as_bytes());
    let events_path = TempFile::new(&format!("{name}-events.jsonl"), events.as_bytes());
    let mut args = vec![
        "match",
        "--rules",
        rules_path.to_str().unwrap(),
        "--events",
        events_path.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    event_pattern(&args)
}

const RULES: &str = r#"{
  "zeta-shop": {"source": ["shop"]},
  "alpha-big": {"detail": {"total": [{"numeric": [">", 100]}]}},
  "any-eu": {"region": [{"prefix": "eu-"}]}
}"#;

const EVENTS: &str = concat!(
    r#"{"source": "shop", "detail": {"total": 250}}"#,
    "\n",
    r#"{"source": "bank", "region": "eu-west-1"}"#,
    "\n\n",
    r#"{"nothing": "here"}"#,
    "\r\n",
    r#"{"source": "shop", "region": "eu-central-1", "detail": {"total": 5}}"#,
    "\n",
);

#[test]
fn each_event_gets_one_line_with_its_matching_rules_in_rule_order() {
    let out = run_match("lines", RULES, EVENTS, &[]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        concat!(
            "[\"zeta-shop\",\"alpha-big\"]\n",
            "[\"any-eu\"]\n",
            "[]\n",
            "[\"zeta-shop\",\"any-eu\"]\n",
        )
    );
}

#[test]
fn count_prints_every_rule_once_in_file_order_even_when_it_never_matched() {
    let rules = r#"{"zeta-shop": {"source": ["shop"]}, "never": {"source": ["nobody"]}, "alpha-big": {"detail": {"total": [{"numeric": [">", 100]}]}}}"#;
    let out = run_match("count", rules, EVENTS, &["--count"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "{\"zeta-shop\": 2, \"never\": 0, \"alpha-big\": 1}\n"
    );
}

#[test]
fn passes_print_one_rate_per_timed_pass_on_stderr_and_the_totals_once() {
    let out = run_match("passes", RULES, EVENTS, &["--passes", "3"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "{\"zeta-shop\": 2, \"alpha-big\": 1, \"any-eu\": 2}\n"
    );
    let stderr = text(&out.stderr);
    let rates: Vec<&str> = stderr.lines().collect();
    assert_eq!(rates.len(), 3, "stderr: {stderr}");
    for rate in rates {
        let number = rate
            .strip_prefix("events_per_sec=")
            .unwrap_or_else(|| panic!("not a rate line: {rate}"));
        let value: f64 = number.parse().unwrap_or(f64::INFINITY);
        assert!(value > 0.0, "rate line {rate}");
    }
}

/// The totals must be what matching each pattern on its own gives, on realistic data: the five
/// COMPLEX_ARRAYS rules of the citylots2 benchmark over generated features.
#[test]
fn totals_on_citylots_features_agree_with_matching_each_pattern_alone() {
    let patterns = [
        r#"{"geometry":{"type":["Polygon"],"coordinates":{"x":[{"numeric":["=",-122.42916360922355]}]}}}"#,
        r#"{"geometry":{"coordinates":{"x":[{"numeric":["<",-122.41600944012424]}]}}}"#,
        r#"{"properties":{"STREET":[{"anything-but":{"prefix":"MASO"}}]}}"#,
        r#"{"properties":{"MAPBLKLOT":[{"wildcard":"3*5*2"}]}}"#,
        r#"{"properties":{"ST_TYPE":[{"equals-ignore-case":"st"}]}}"#,
    ];
    let lines = citylots::lines(2_000);
    let mut expected = [0u64; 5];
    for line in &lines {
        let event = Event::parse_any(line).unwrap();
        for (count, pattern) in expected.iter_mut().zip(patterns) {
            if Pattern::parse(pattern).unwrap().matches(&event) {
                *count += 1;
            }
        }
    }
    assert!(
        expected.iter().all(|&n| n > 0),
        "every rule matches something: {expected:?}"
    );
    let rules: Vec<String> = patterns
        .iter()
        .enumerate()
        .map(|(i, p)| format!("\"r{i}\": {p}"))
        .collect();
    let rules = format!("{{{}}}", rules.join(",\n"));
    let out = run_match("citylots", &rules, &lines.join("\n"), &["--count"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    let totals: Vec<String> = expected
        .iter()
        .enumerate()
        .map(|(i, n)| format!("\"r{i}\": {n}"))
        .collect();
    assert_eq!(text(&out.stdout), format!("{{{}}}\n", totals.join(", ")));
}

/// A bad line is reported with its position (the run goes on: see tests/robustness.rs).
#[test]
fn bad_event_lines_are_reported_with_their_line_number() {
    let deep = "[".repeat(100_000);
    let cases: &[(&str, &str, &str)] = &[
        (
            "syntax",
            "{\"source\": \"shop\"}\n{\"source\": \n",
            ".jsonl:2:",
        ),
        (
            "not-object",
            "{\"source\": \"shop\"}\n\n[1, 2]\n",
            ".jsonl:3:1: the event must be a JSON object",
        ),
        (
            "trailing",
            "{\"a\": 1} {\"b\": 2}\n",
            ".jsonl:1:10: unexpected content after",
        ),
        ("deep", &deep, ".jsonl:1:"),
        ("control-char", "{\"a\": \"\u{0}\"}\n", ".jsonl:1:"),
    ];
    for (name, events, position) in cases {
        let out = run_match(&format!("bad-{name}"), RULES, events, &[]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(254), "{name}: stderr {stderr}");
        assert!(
            stderr.starts_with("event-pattern match: ") && stderr.contains(position),
            "{name}: stderr {stderr}"
        );
    }
}

#[test]
fn invalid_utf8_in_an_event_is_an_error_not_a_panic() {
    let rules_path = TempFile::new("utf8-rules.json", RULES.as_bytes());
    let events_path = TempFile::new("utf8-events.jsonl", b"{\"source\": \"sh\xffop\"}\n");
    let out = event_pattern(&[
        "match",
        "--rules",
        rules_path.to_str().unwrap(),
        "--events",
        events_path.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(254),
        "stderr: {}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stderr).contains(".jsonl:1:15: the event is not valid UTF-8"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn invalid_rules_name_the_rule_and_give_aws_s_reason() {
    let out = run_match(
        "bad-rule",
        "{\"good\": {\"source\": [\"a\"]},\n \"broken\": {\"source\": []}}",
        EVENTS,
        &[],
    );
    assert_eq!(out.status.code(), Some(254));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(":2:")
            && stderr.contains(
                "rule \"broken\": Event pattern is not valid. Reason: Empty arrays are not allowed"
            ),
        "stderr: {stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_mistakes_exit_2_with_a_hint() {
    let rules = TempFile::new("usage-rules.json", RULES.as_bytes());
    let rules = rules.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["match", "--events", "x.jsonl"],
            "the option --rules is required",
        ),
        (
            &["match", "--rules", rules, "--events", "/no/such/file.jsonl"],
            "cannot read /no/such/file.jsonl",
        ),
        (
            &[
                "match", "--rules", rules, "--events", rules, "--passes", "0",
            ],
            "--passes wants a whole number of at least 1, not `0`",
        ),
        (
            &[
                "match", "--rules", rules, "--events", rules, "--count", "--count",
            ],
            "--count given twice",
        ),
        (
            &["match", "--rules", rules, "--nope", "1"],
            "invalid option '--nope'",
        ),
    ];
    for (args, message) in cases {
        let out = event_pattern(args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(message) && stderr.contains("event-pattern match --help"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn help_has_usage_and_examples_and_the_main_usage_lists_match() {
    let out = event_pattern(&["match", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    assert!(
        help.contains("--passes N") && help.contains("examples:"),
        "{help}"
    );
    let usage = text(&event_pattern(&["--help"]).stdout);
    assert!(usage.contains("event-pattern match --rules"), "{usage}");
}
