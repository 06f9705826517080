//! Property tests: nothing panics on any input, the compiled matcher agrees with the reference
//! interpreter, and a pattern built from an event's own values matches it.

mod generators;

use event_pattern::{explain, reference, Event, Pattern};
use generators::{event_object, json_noise, pattern_and_event};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn run_everything(pattern_text: &str, event_text: &str) {
    let pattern = Pattern::parse(pattern_text);
    let event = Event::parse_any(event_text);
    if let Err(e) = &pattern {
        let _ = (
            e.to_string(),
            e.render(pattern_text),
            e.line(),
            e.column(),
            e.path(),
        );
        assert!(e.span().end <= pattern_text.len());
    }
    if let Err(e) = &event {
        let _ = (e.detail(), e.line(), e.column());
    }
    if let (Ok(p), Ok(e)) = (pattern, event) {
        let matched = p.matches(&e);
        let explanation = explain(&p, &e);
        assert_eq!(explanation.matched, matched);
        let _ = explanation.to_string();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn nothing_panics_on_arbitrary_text(pattern in any::<String>(), event in any::<String>()) {
        run_everything(&pattern, &event);
    }

    #[test]
    fn nothing_panics_on_json_like_noise(pattern in json_noise(), event in json_noise()) {
        run_everything(&pattern, &event);
    }

    #[test]
    fn matcher_agrees_with_reference((pattern, event) in pattern_and_event()) {
        let pattern_text = pattern.to_string();
        let event_text = event.to_string();
        let compiled = Pattern::parse(&pattern_text).map_err(|e| TestCaseError::fail(format!("{e}\n{pattern_text}")))?;
        let parsed = Event::parse_any(&event_text).unwrap();
        let want = reference::matches(&compiled, &parsed);
        prop_assert_eq!(compiled.matches(&parsed), want, "pattern {}\nevent {}", pattern_text, event_text);
        prop_assert_eq!(explain(&compiled, &parsed).matched, want);
    }
}

/// Counts both outcomes over a fixed sample, so the agreement property is known to see matches
/// as well as non-matches.
#[test]
fn generated_cases_produce_both_outcomes() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut matches, mut misses) = (0, 0);
    for _ in 0..400 {
        let (pattern, event) = pattern_and_event().new_tree(&mut runner).unwrap().current();
        let (pattern, event) = (pattern.to_string(), event.to_string());
        let p = Pattern::parse(&pattern).unwrap();
        let e = Event::parse_any(&event).unwrap();
        if p.matches(&e) {
            matches += 1;
        } else {
            misses += 1;
        }
    }
    assert!(
        matches >= 40 && misses >= 40,
        "matches {matches}, misses {misses}"
    );
}

/// A pattern requiring each scalar of the event (first element of every array), as a person
/// would write it from a sample event.
fn pattern_from(event: &Value) -> Option<Value> {
    match event {
        Value::Object(members) => {
            let fields: Map<String, Value> = members
                .iter()
                .filter_map(|(k, v)| pattern_from(v).map(|p| (k.clone(), p)))
                .collect();
            (!fields.is_empty()).then_some(Value::Object(fields))
        }
        Value::Array(items) => items.first().and_then(pattern_from),
        scalar => Some(json!([scalar])),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn pattern_built_from_event_values_matches_it(event in event_object()) {
        let Some(pattern) = pattern_from(&event) else { return Ok(()) };
        let p = Pattern::parse(&pattern.to_string()).unwrap();
        let e = Event::parse_any(&event.to_string()).unwrap();
        prop_assert!(p.matches(&e), "pattern {}\nevent {}", pattern, event);
    }
}
