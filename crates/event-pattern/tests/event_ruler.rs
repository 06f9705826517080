//! Differential test against event-ruler, the matcher EventBridge is built on: every case of
//! `data/event-ruler/cases.jsonl` carries event-ruler's own answer (see that folder's README), and
//! the matcher, the `RuleSet` engine and the reference interpreter must give it, except where
//! `KNOWN_DIFFERENCES` says why we answer otherwise (each one recorded in DESIGN.md).

use event_pattern::{reference, Event, Pattern, RuleSet};

const CASES: &str = include_str!("data/event-ruler/cases.jsonl");

/// Cases where we deliberately answer differently from event-ruler, with the reason.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    (
        "probe: duplicate event key, last wins",
        "an event key given twice keeps its last value (Jackson's tree); event-ruler's streaming reader keeps both",
    ),
    (
        "probe: duplicate nested key",
        "an event key given twice keeps its last value (Jackson's tree); event-ruler's streaming reader keeps both",
    ),
    (
        "probe: lone surrogate event",
        "a lone surrogate escape reads as U+FFFD (Rust strings cannot hold it)",
    ),
    (
        "probe: lone surrogate prefix",
        "a lone surrogate escape reads as U+FFFD (Rust strings cannot hold it)",
    ),
];

struct Case {
    source: String,
    pattern: String,
    event: String,
    ruler: String,
}

fn cases() -> Vec<Case> {
    CASES
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let text = |key: &str| v[key].as_str().expect(key).to_owned();
            Case {
                source: text("source"),
                pattern: text("pattern"),
                event: text("event"),
                ruler: text("ruler"),
            }
        })
        .collect()
}

/// Our answer in the oracle's words: `match`, `nomatch` or `error: <event-ruler's message>`.
fn ours(pattern_text: &str, event_text: &str) -> String {
    let pattern = match Pattern::parse(pattern_text) {
        Ok(p) => p,
        Err(e) => return format!("error: {}", e.reason()),
    };
    let event = Event::parse_any(event_text).expect("the oracle's events are JSON objects");
    let answer = if pattern.matches(&event) {
        "match"
    } else {
        "nomatch"
    };
    answer.to_owned()
}

#[test]
fn every_case_gets_event_rulers_answer() {
    let cases = cases();
    assert_eq!(cases.len(), 1010);
    let mut differences = Vec::new();
    let mut seen_known = 0;
    let (mut matches, mut errors) = (0, 0);
    for case in &cases {
        let got = ours(&case.pattern, &case.event);
        matches += usize::from(case.ruler == "match");
        errors += usize::from(case.ruler.starts_with("error"));
        let known = KNOWN_DIFFERENCES.iter().find(|(s, _)| *s == case.source);
        match (got == case.ruler, known) {
            (true, None) => {}
            (false, Some(_)) => seen_known += 1,
            (true, Some((_, why))) => differences.push(format!(
                "{}: now agrees with event-ruler ({}); remove it from KNOWN_DIFFERENCES ({why})",
                case.source, case.ruler
            )),
            (false, None) => differences.push(format!(
                "{}: event-ruler {}, ours {got}\n    pattern {}\n    event {}",
                case.source, case.ruler, case.pattern, case.event
            )),
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert_eq!(seen_known, KNOWN_DIFFERENCES.len());
    // The corpus must exercise every answer.
    assert!(
        matches > 150 && errors > 20,
        "{matches} matches, {errors} errors"
    );
}

#[test]
fn rule_sets_and_the_reference_agree_on_every_case() {
    let mut checked = 0;
    for case in cases() {
        let known = KNOWN_DIFFERENCES.iter().any(|(s, _)| *s == case.source);
        if known || case.ruler.starts_with("error") {
            continue;
        }
        let want = case.ruler == "match";
        let mut rules = RuleSet::new();
        rules.add("r", &case.pattern).unwrap();
        let found = rules.matching_rules_json(case.event.as_bytes()).unwrap();
        assert_eq!(!found.is_empty(), want, "RuleSet: {}", case.source);
        // The reference interpreter reads `$or` as a plain AND (see its docs), so it is asked only
        // about patterns without `$or`.
        if !case.pattern.contains("$or") {
            let pattern = Pattern::parse(&case.pattern).unwrap();
            let event = Event::parse_any(&case.event).unwrap();
            assert_eq!(
                reference::matches(&pattern, &event),
                want,
                "reference: {}",
                case.source
            );
        }
        checked += 1;
    }
    assert!(checked > 900, "{checked}");
}

#[test]
fn event_rulers_big_event_matches() {
    let rule = include_str!("data/event-ruler/big-event-rule.json");
    let event = include_str!("data/event-ruler/big-event.json");
    assert_eq!(ours(rule, event), "match");
    let mut rules = RuleSet::new();
    rules.add("big", rule).unwrap();
    assert_eq!(
        rules.matching_rules_json(event.as_bytes()).unwrap(),
        ["big"]
    );
}
