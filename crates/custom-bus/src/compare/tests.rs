//! The outage drill. Expected values follow from the retry budgets: Classic's defaults of 185
//! retries within 24 hours (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html>)
//! and the new bus's 5 retries within 300 seconds
//! (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-retry.html>), with
//! this crate's backoff (1 s doubling: 5 retries take 31 s).

use super::*;
use crate::migration::{ClassicInput, ClassicTarget};
use crate::subscriber::EventBusSpec;
use crate::transform::default_engine;
use aws_model::{RetryPolicy, TargetKind};

const REGION: &str = "us-east-1";
const ACCOUNT: &str = "111122223333";
/// 2026-09-16T18:40:00Z.
const T0: i64 = 1_789_584_000_000;

fn rule(pattern: &str, dead_letter: bool, retry_policy: Option<RetryPolicy>) -> ClassicRule {
    ClassicRule {
        name: "orders".into(),
        region: REGION.into(),
        account: ACCOUNT.into(),
        event_pattern: pattern.into(),
        targets: vec![ClassicTarget {
            id: "queue".into(),
            kind: TargetKind::SqsQueue,
            arn: format!("arn:aws:sqs:{REGION}:{ACCOUNT}:orders"),
            role_arn: Some(format!("arn:aws:iam::{ACCOUNT}:role/delivery")),
            retry_policy,
            dead_letter_arn: dead_letter
                .then(|| format!("arn:aws:sqs:{REGION}:{ACCOUNT}:orders-dlq")),
            input: ClassicInput::MatchedEvent,
        }],
    }
}

fn drill(rule: ClassicRule) -> OutageDrill {
    let bus = EventBusSpec {
        name: "orders".into(),
        retention_days: None,
    }
    .create(REGION, ACCOUNT, &IdGenerator::new(1), T0 - 60_000)
    .unwrap();
    OutageDrill {
        rule,
        bus,
        events: vec![
            r#"{"source":"aws.partner/shopify.com/1/store","detail-type":"orders/create","detail":{"total":"12.00"}}"#.into(),
            r#"{"source":"aws.partner/shopify.com/1/store","detail-type":"customers/create","detail":{}}"#.into(),
        ],
        events_per_minute: 2,
        traffic_minutes: 120,
        outage_from_minute: 10,
        outage_minutes: 60,
        start_ms: T0,
    }
}

fn tally(comparison: &OutageComparison, side: Side) -> &DeliveryTally {
    comparison.side(side).next().unwrap()
}

#[test]
fn a_one_hour_outage_is_late_on_classic_and_dead_lettered_at_the_new_bus_defaults() {
    let engine = default_engine();
    let comparison = drill(rule(
        r#"{"detail-type":[{"wildcard":"orders/*"}]}"#,
        true,
        None,
    ))
    .run(engine.as_deref())
    .unwrap();
    assert_eq!(comparison.events_sent, 240);
    // Every other event is an order: 120 reach the target on every side.
    let classic = tally(&comparison, Side::Classic);
    assert_eq!(classic.refused, None);
    assert_eq!(classic.matched, 120);
    assert_eq!(classic.delivered(), 120, "{}", classic.describe());
    // The 60 orders sent during the outage wait for it to end.
    assert!((59..=61).contains(&classic.delivered_late), "{classic:?}");
    assert_eq!(classic.dead_lettered + classic.dropped, 0);
    assert!(classic.last_delivery_after_ms.unwrap() >= 70 * 60_000);

    // Migrated with the policy kept (185 retries, 24 hours): the same outcome.
    let kept = tally(&comparison, Side::Migrated);
    assert_eq!(kept.refused, None, "the wildcard is rewritten as a prefix");
    assert_eq!(kept.matched, 120);
    assert_eq!(kept.delivered(), 120, "{}", kept.describe());
    assert!(kept.delivered_late >= 59, "{kept:?}");
    assert!(kept.retry_budget.contains("185"), "{}", kept.retry_budget);

    // At the defaults, an order that meets the outage is retried for 31 s and dead-lettered.
    let defaults = tally(&comparison, Side::NewBusDefaults);
    assert_eq!(defaults.matched, 120);
    assert!((59..=61).contains(&defaults.dead_lettered), "{defaults:?}");
    assert_eq!(defaults.delivered() + defaults.dead_lettered, 120);
    assert_eq!(defaults.dropped, 0);
    assert!(
        defaults.retry_budget.contains("5 retries"),
        "{}",
        defaults.retry_budget
    );
    assert!(defaults.describe().contains("dead-lettered"));
}

#[test]
fn without_a_dead_letter_queue_the_new_bus_drops_what_classic_delivers_late() {
    let comparison = drill(rule(r#"{"detail-type":["orders/create"]}"#, false, None))
        .run(None)
        .unwrap();
    let classic = tally(&comparison, Side::Classic);
    assert_eq!((classic.delivered(), classic.dropped), (120, 0));
    let defaults = tally(&comparison, Side::NewBusDefaults);
    assert!((59..=61).contains(&defaults.dropped), "{defaults:?}");
    assert_eq!(defaults.dead_lettered, 0);
}

#[test]
fn a_short_classic_policy_fails_on_both_sides() {
    // 0 retries: one attempt, so an order sent during the outage fails on Classic too.
    let policy = RetryPolicy {
        maximum_retry_attempts: 0,
        maximum_event_age_seconds: 60,
    };
    let comparison = drill(rule(
        r#"{"detail-type":["orders/create"]}"#,
        true,
        Some(policy),
    ))
    .run(None)
    .unwrap();
    let classic = tally(&comparison, Side::Classic);
    assert!((59..=61).contains(&classic.dead_lettered), "{classic:?}");
    assert_eq!(classic.delivered_late, 0);
    let kept = tally(&comparison, Side::Migrated);
    assert!((59..=61).contains(&kept.dead_lettered), "{kept:?}");
}

#[test]
fn a_wildcard_without_a_rewrite_refuses_the_subscriber() {
    let comparison = drill(rule(
        r#"{"detail-type":[{"wildcard":"orders/*/create"}]}"#,
        true,
        None,
    ))
    .run(None)
    .unwrap();
    assert!(tally(&comparison, Side::Classic).refused.is_none());
    for side in [Side::Migrated, Side::NewBusDefaults] {
        let refused = tally(&comparison, side);
        let problems = refused.refused.as_deref().unwrap();
        assert!(problems.to_lowercase().contains("wildcard"), "{problems}");
        assert_eq!(refused.delivered(), 0);
        assert!(refused.describe().contains("cannot be created"));
    }
}

#[test]
fn every_problem_with_the_input_is_reported() {
    let mut bad = drill(rule(r#"{"detail-type":["x"]}"#, true, None));
    bad.events = vec!["{not json".into()];
    bad.events_per_minute = 100;
    bad.traffic_minutes = 100;
    bad.outage_minutes = 2_000;
    bad.start_ms = bad.bus.created_at_ms - 1;
    let problems = bad.problems();
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(problems[0].starts_with("Event 1 is not an event"));
    assert!(problems
        .iter()
        .any(|p| p.contains("The outage is 2000 minutes")));
    assert!(problems.iter().any(|p| p.contains("10000 events")));
    assert!(problems.iter().any(|p| p.contains("before the bus exists")));
    assert!(bad.run(None).is_err());
}

#[test]
fn events_are_spread_evenly_and_sent_in_turn() {
    let mut d = drill(rule(r#"{"detail-type":["x"]}"#, true, None));
    d.events_per_minute = 4;
    d.traffic_minutes = 2;
    let sends = d.sends();
    let offsets: Vec<i64> = sends.iter().map(|s| s.0).collect();
    assert_eq!(
        offsets,
        [0, 15_000, 30_000, 45_000, 60_000, 75_000, 90_000, 105_000]
    );
    assert_eq!(sends[0].1, d.events[0]);
    assert_eq!(sends[1].1, d.events[1]);
    assert_eq!(sends[2].1, d.events[0]);
}

#[test]
fn durations_read_as_hours_and_minutes() {
    assert_eq!(describe_duration(42_000), "42 s");
    assert_eq!(describe_duration(5 * 60_000), "5 min");
    assert_eq!(describe_duration(2 * 3_600_000), "2 h");
    assert_eq!(describe_duration(3_600_000 + 3 * 60_000), "1 h 3 min");
}
