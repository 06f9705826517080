//! Builders shared by the integration tests.
#![allow(dead_code)]

use delivery::presets::sample_event;
use delivery::*;

pub const RULE: &str = "orders";
pub const TARGET_ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function:fulfil";
pub const DLQ_ARN: &str = "arn:aws:sqs:us-east-1:123456789012:orders-dlq";
pub const API_DESTINATION_ARN: &str =
    "arn:aws:events:us-east-1:123456789012:api-destination/crm/0b1c2d3e";
/// Far beyond any scenario's end: an outage that never ends.
pub const FOREVER_MS: u64 = 30 * 24 * 3_600_000;

/// A full event from `source`; the rules in these tests match `{"source":["shop"]}`.
pub fn event_from(source: &str) -> String {
    sample_event(source, "OrderPlaced", r#"{"order-id":"o-1","total":12}"#)
}

pub fn shop_event() -> String {
    event_from("shop")
}

pub fn at(at_ms: u64) -> ExplicitEvent {
    ExplicitEvent {
        text: shop_event(),
        at_ms,
        to: Ingress::Bus("default".into()),
    }
}

pub fn target(retry: RetryPolicy, dlq: Option<Dlq>, behaviour: TargetBehaviour) -> SimTarget {
    SimTarget {
        id: "fulfil".into(),
        arn: TARGET_ARN.into(),
        kind: TargetKind::LambdaFunction,
        retry,
        dlq,
        behaviour,
    }
}

pub fn policy(maximum_retry_attempts: u32, maximum_event_age_seconds: u32) -> RetryPolicy {
    RetryPolicy {
        maximum_retry_attempts,
        maximum_event_age_seconds,
    }
}

pub fn dlq(same_account: bool, has_resource_policy: bool, reachable: bool) -> Dlq {
    Dlq {
        arn: DLQ_ARN.into(),
        same_account,
        has_resource_policy,
        reachable,
    }
}

/// Every attempt fails with a server error; answers take `latency_ms`.
pub fn dead(latency_ms: u64) -> TargetBehaviour {
    TargetBehaviour {
        latency_ms,
        outages: vec![Outage {
            from_ms: 0,
            until_ms: FOREVER_MS,
            error: RetryableError::ServerError,
        }],
        ..Default::default()
    }
}

pub fn shop_rule(targets: Vec<SimTarget>) -> SimRule {
    SimRule {
        name: RULE.into(),
        bus: "default".into(),
        enabled: true,
        pattern: r#"{"source":["shop"]}"#.into(),
        targets,
    }
}

/// One rule on the default bus, explicit events, a backoff without jitter so times are exact.
pub fn scenario(targets: Vec<SimTarget>, events: Vec<ExplicitEvent>) -> Scenario {
    Scenario {
        seed: 7,
        buses: vec![Bus {
            name: "default".into(),
        }],
        sources: Vec::new(),
        rules: vec![shop_rule(targets)],
        events: EventStream {
            explicit: events,
            generated: Vec::new(),
        },
        backoff: BackoffConfig {
            jitter: Jitter::None,
            ..BackoffConfig::default()
        },
        options: SimOptions::default(),
    }
}

pub fn run(scenario: &Scenario) -> Report {
    simulate(scenario).expect("scenario is valid")
}

/// The only invocation of the first event.
pub fn only_invocation(report: &Report) -> &InvocationDetail {
    let event = report.events.first().expect("the first event is detailed");
    assert_eq!(
        event.invocations.len(),
        1,
        "expected one invocation, got {:?}",
        event.fate
    );
    &event.invocations[0]
}

pub fn attempt_starts(invocation: &InvocationDetail) -> Vec<u64> {
    invocation
        .attempts
        .iter()
        .map(|attempt| attempt.start_ms)
        .collect()
}

/// Checks the documented metric identities on a finished report.
pub fn assert_metrics_add_up(report: &Report) {
    let totals = &report.totals.metrics;
    let summary = &report.summary;
    assert!(report.finished);
    assert_eq!(summary.in_flight, 0);
    assert_eq!(
        totals.invocation_attempts,
        totals.successful_invocation_attempts + totals.failed_invocation_attempts
    );
    let first_attempts = totals.invocations_created - summary.expired_before_first_attempt;
    assert_eq!(
        totals.invocation_attempts,
        first_attempts + totals.retry_invocation_attempts
    );
    assert_eq!(
        totals.invocations,
        totals.successful_invocation_attempts + totals.failed_invocations
    );
    assert_eq!(totals.invocations, totals.invocations_created);
    assert_eq!(totals.invocations_created, summary.invocations_created);
    assert_eq!(
        totals.successful_invocation_attempts,
        summary.outcomes.delivered
    );
    assert_eq!(totals.failed_invocations, summary.outcomes.failed());
    assert_eq!(totals.invocations_sent_to_dlq, summary.outcomes.sent_to_dlq);
    assert_eq!(
        totals.invocations_failed_to_be_sent_to_dlq,
        summary.outcomes.failed_to_reach_dlq
    );
    assert_eq!(totals.matched_events, summary.events_matched);
    assert_eq!(
        totals.ingestion_to_invocation_success_latency.count,
        summary.outcomes.delivered
    );
    assert_eq!(
        totals.ingestion_to_invocation_start_latency.count,
        first_attempts
    );
    let ended_by = summary.failures_ended_by;
    assert_eq!(
        ended_by.non_retryable_error + ended_by.maximum_retry_attempts + ended_by.maximum_event_age,
        summary.outcomes.failed()
    );
    assert_eq!(
        summary.failures_by_error_code.values().sum::<u64>(),
        summary.outcomes.failed()
    );
    assert_eq!(
        summary.events_ingested,
        summary.events_matched
            + summary.events_unmatched
            + summary.events_dropped_inactive_source
            + summary.events_to_unknown_bus
    );
    for minute in &report.per_minute {
        let m = &minute.metrics;
        assert_eq!(
            m.invocation_attempts,
            m.successful_invocation_attempts + m.failed_invocation_attempts,
            "minute {}",
            minute.minute
        );
    }
    let per_target_ended: u64 = report.per_target.iter().map(|t| t.outcomes.ended()).sum();
    assert_eq!(per_target_ended, summary.outcomes.ended());
    let per_target_attempts: u64 = report
        .per_target
        .iter()
        .map(|t| t.invocation_attempts)
        .sum();
    assert_eq!(per_target_attempts, totals.invocation_attempts);
}
