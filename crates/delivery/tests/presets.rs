//! The presets answer their questions. These rely on the real matcher (`{"source":["shop"],
//! "detail-type":["OrderPlaced"]}` and a `prefix` pattern for the partner preset).

mod common;

use common::{assert_metrics_add_up, policy, run};
use delivery::presets::*;
use delivery::*;

fn target<'a>(report: &'a Report, id: &str) -> &'a TargetTotals {
    report
        .per_target
        .iter()
        .find(|target| target.target_id == id)
        .unwrap()
}

#[test]
fn every_preset_is_valid_and_has_a_unique_id() {
    for (index, preset) in PRESETS.iter().enumerate() {
        assert!(
            PRESETS[..index].iter().all(|other| other.id != preset.id),
            "{}",
            preset.id
        );
        let report = run(&(preset.build)());
        assert!(
            report.summary.invocations_created > 0,
            "{} created no invocations",
            preset.id
        );
        assert_metrics_add_up(&report);
    }
}

#[test]
fn target_down_for_one_hour_shows_what_each_policy_does() {
    let report = run(&target_down_for_one_hour());
    // One event a second for 2 h, 9 in 10 are OrderPlaced: about 6480 matched, 3240 of them
    // during the outage (minutes 30 to 90).
    let matched = report.summary.events_matched;
    assert!((6_300..6_700).contains(&matched), "{matched}");
    let default_policy = target(&report, "fulfilment-default-policy");
    assert_eq!(default_policy.outcomes.delivered, matched);
    let no_dlq = target(&report, "fulfilment-3-retries-no-dlq");
    assert!(
        (3_000..3_500).contains(&no_dlq.outcomes.dropped),
        "{:?}",
        no_dlq.outcomes
    );
    assert_eq!(no_dlq.outcomes.delivered + no_dlq.outcomes.dropped, matched);
    let with_dlq = target(&report, "fulfilment-3-retries-with-dlq");
    assert!(
        with_dlq
            .outcomes
            .sent_to_dlq
            .abs_diff(no_dlq.outcomes.dropped)
            < 10,
        "{:?}",
        with_dlq.outcomes
    );
    // Three retries take about 7 s, far less than the 10-minute age limit.
    assert_eq!(
        report.summary.failures_ended_by.maximum_retry_attempts,
        report.summary.outcomes.failed()
    );
    // An event from the start of the outage waits for its end (1 h) plus at most one capped
    // backoff delay (640 s).
    let max_wait = report.totals.success_latency.max_ms;
    assert!(
        (3_600_000..=4_240_000 + 40).contains(&max_wait),
        "{max_wait}"
    );
}

#[test]
fn permissions_error_sends_everything_to_the_dlq_without_retries() {
    let report = run(&permissions_error());
    let summary = &report.summary;
    assert_eq!(summary.outcomes.sent_to_dlq, summary.events_matched);
    assert_eq!(
        summary.failures_ended_by.non_retryable_error,
        summary.events_matched
    );
    assert_eq!(report.totals.metrics.retry_invocation_attempts, 0);
    assert_eq!(
        summary
            .failures_by_error_code
            .get(&DeliveryErrorCode::NoPermissions),
        Some(&summary.events_matched)
    );
}

#[test]
fn throttled_api_destination_builds_a_backlog_that_ages_out() {
    let mut scenario = throttled_api_destination();
    scenario.options.keep_details_for_first_events = MAX_DETAILED_EVENTS;
    let report = run(&scenario);
    let summary = &report.summary;
    assert!(report.totals.metrics.throttled_rules > 0);
    assert!(summary.expired_before_first_attempt > 0);
    assert!(summary.outcomes.delivered > 5_000, "{:?}", summary.outcomes);
    assert!(
        summary.outcomes.sent_to_dlq > 1_000,
        "{:?}",
        summary.outcomes
    );
    assert_eq!(summary.outcomes.dropped, 0);
    assert_eq!(
        summary.failures_ended_by.maximum_event_age,
        summary.outcomes.failed()
    );
    assert!(report.totals.start_latency.max_ms < 600_000);
    // A burst of 10 plus 10 per second: never 21 starts within one second.
    let mut starts: Vec<u64> = report
        .events
        .iter()
        .flat_map(|e| &e.invocations)
        .flat_map(|i| &i.attempts)
        .map(|a| a.start_ms)
        .collect();
    starts.sort_unstable();
    assert!(
        starts.windows(21).all(|w| w[20] - w[0] >= 1_000),
        "more than 20 starts within a second"
    );
}

#[test]
fn dlq_without_policy_loses_the_failed_events() {
    let report = run(&dlq_without_policy());
    let outcomes = report.summary.outcomes;
    // 3 attempts all failing at 30 %: 2.7 % of about 1620 matched events.
    assert!(
        (20..80).contains(&outcomes.failed_to_reach_dlq),
        "{outcomes:?}"
    );
    assert_eq!((outcomes.sent_to_dlq, outcomes.dropped), (0, 0));
    assert_eq!(
        report.totals.metrics.invocations_failed_to_be_sent_to_dlq,
        outcomes.failed_to_reach_dlq
    );
}

#[test]
fn pending_partner_source_drops_its_events() {
    let report = run(&pending_partner_source());
    let summary = &report.summary;
    assert_eq!(summary.events_ingested, 600);
    assert_eq!(summary.events_dropped_inactive_source, 300);
    assert_eq!(summary.events_matched, 300);
    assert_eq!(summary.outcomes.delivered, 300);
}

#[test]
fn comparing_policies_on_the_same_seed() {
    let comparison = compare_retry_policies(
        &target_down_for_one_hour(),
        RetryPolicy::default(),
        policy(3, 600),
    )
    .unwrap();
    assert_eq!(comparison.first.summary.outcomes.failed(), 0);
    let failed = comparison.second.summary.outcomes.failed();
    // All three targets now use 3 retries: about 3 × 3240 failures.
    assert!((9_000..10_500).contains(&failed), "{failed}");
    assert_eq!(
        comparison.first.summary.events_matched,
        comparison.second.summary.events_matched
    );
    assert!(comparison
        .second
        .per_target
        .iter()
        .all(|t| t.invocation_attempts > 0));
}

/// Issue #12: sample events were built through a sorted map, so the envelope came out in
/// alphabetical order and a detail's numbers were rewritten.
#[test]
fn sample_events_keep_the_envelope_order_and_the_detail_as_written() {
    let event = sample_event(
        "my \"shop\"",
        "Order Placed",
        r#" {"z": 1.50, "a": 1e400, "n": 12345678901234567890} "#,
    );
    assert_eq!(
        event,
        r#"{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"Order Placed","source":"my \"shop\"","account":"123456789012","time":"2024-05-01T12:00:00Z","region":"us-east-1","resources":[],"detail":{"z": 1.50, "a": 1e400, "n": 12345678901234567890}}"#
    );
    assert!(
        event_pattern::Event::parse(&event).is_ok(),
        "a full TestEventPattern event"
    );
}
