//! Every sample passes TestEventPattern's event validation and is matched by the pattern a user
//! would start from: its own `source` and `detail-type`.
//!
//! Both run the real matcher (`event_pattern`), so a sample that drifts from what
//! `TestEventPattern` accepts, or a matcher change that stops matching on `source` and
//! `detail-type`, fails here.

use catalog::{salesforce_event_relay_samples, samples, Sample};
use event_pattern::{Event, Pattern};
use serde_json::{json, Value};

fn every_sample() -> impl Iterator<Item = &'static Sample> {
    samples().chain(salesforce_event_relay_samples())
}

fn label(sample: &Sample) -> String {
    format!("{}/{}", sample.partner_id(), sample.name())
}

#[test]
fn every_sample_is_a_valid_test_event_pattern_event() {
    for sample in every_sample() {
        if let Err(error) = Event::parse(sample.json()) {
            panic!("{}: {error}", label(sample));
        }
    }
}

#[test]
fn every_sample_matches_a_pattern_on_its_own_source_and_detail_type() {
    let mut failures = Vec::new();
    for sample in every_sample() {
        let envelope: Value = serde_json::from_str(sample.json()).unwrap();
        let pattern_text = json!({
            "source": [envelope["source"]],
            "detail-type": [envelope["detail-type"]],
        })
        .to_string();
        let pattern = Pattern::parse(&pattern_text)
            .unwrap_or_else(|error| panic!("{}: {error}", label(sample)));
        let event = Event::parse(sample.json())
            .unwrap_or_else(|error| panic!("{}: {error}", label(sample)));
        if !pattern.matches(&event) {
            failures.push(label(sample));
        }
    }
    assert!(
        failures.is_empty(),
        "not matched by their own source/detail-type: {failures:?}"
    );
}

#[test]
fn a_pattern_on_another_detail_type_does_not_match() {
    // Guards the test above against a matcher that matches everything.
    for sample in every_sample() {
        let envelope: Value = serde_json::from_str(sample.json()).unwrap();
        let pattern_text = json!({
            "source": [envelope["source"]],
            "detail-type": ["Not The Detail Type Of Any Sample"],
        })
        .to_string();
        let pattern = Pattern::parse(&pattern_text).unwrap();
        let event = Event::parse(sample.json()).unwrap();
        assert!(!pattern.matches(&event), "{}", label(sample));
    }
}
