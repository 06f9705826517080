//! Deterministic scenarios with hand-computed expectations.
//!
//! All of these rely on the real matcher matching `{"source":["shop"]}` against an event whose
//! source is "shop" (and not against one whose source is "bank").
//!
//! Timing arithmetic used below (jitter off, base 1 s, doubling): an attempt at `s` with latency
//! `l` fails at `s + l`; retry `n` starts `2^(n-1)` seconds later.

mod common;

use common::*;
use delivery::*;

#[test]
fn maximum_retry_attempts_zero_gives_exactly_one_attempt() {
    let report = run(&scenario(
        vec![target(policy(0, 3600), None, dead(100))],
        vec![at(0)],
    ));
    let invocation = only_invocation(&report);
    assert_eq!(attempt_starts(invocation), [0]);
    let Some(Outcome::Dropped { failure }) = &invocation.outcome else {
        panic!("{:?}", invocation.outcome)
    };
    assert_eq!(
        failure.exhausted_retry_condition,
        Some(ExhaustedRetryCondition::MaximumRetryAttempts)
    );
    assert_eq!(failure.retry_attempts, 0);
    assert_eq!(failure.at_ms, 100);
    assert_eq!(report.totals.metrics.invocation_attempts, 1);
    assert_eq!(report.totals.metrics.retry_invocation_attempts, 0);
    assert_metrics_add_up(&report);
}

#[test]
fn three_retries_against_a_dead_target_give_four_attempts_then_maximum_retry_attempts() {
    let report = run(&scenario(
        vec![target(
            policy(3, 86_400),
            Some(dlq(true, true, true)),
            dead(100),
        )],
        vec![at(0)],
    ));
    let invocation = only_invocation(&report);
    // 0 → fails 100, +1 s → 1100 → 1200, +2 s → 3200 → 3300, +4 s → 7300 → 7400.
    assert_eq!(attempt_starts(invocation), [0, 1_100, 3_200, 7_300]);
    let Some(Outcome::SentToDlq { failure, message }) = &invocation.outcome else {
        panic!("{:?}", invocation.outcome)
    };
    assert_eq!(failure.at_ms, 7_400);
    assert_eq!(message.queue_arn, DLQ_ARN);
    assert_eq!(message.body, shop_event());
    let expected = [
        ("ERROR_CODE", "ERROR_FROM_TARGET"),
        (
            "ERROR_MESSAGE",
            "The target answered with a service-side error.",
        ),
        ("EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts"),
        ("RETRY_ATTEMPTS", "3"),
        (
            "RULE_ARN",
            "arn:aws:events:us-east-1:123456789012:rule/orders",
        ),
        ("TARGET_ARN", TARGET_ARN),
    ];
    let attributes: Vec<(&str, &str)> = message
        .attributes
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(attributes, expected);
    let metrics = &report.totals.metrics;
    assert_eq!(
        (
            metrics.invocation_attempts,
            metrics.retry_invocation_attempts
        ),
        (4, 3)
    );
    assert_eq!(
        (metrics.failed_invocations, metrics.invocations_sent_to_dlq),
        (1, 1)
    );
    assert_metrics_add_up(&report);
}

#[test]
fn outage_longer_than_the_maximum_age_ends_with_maximum_event_age() {
    let report = run(&scenario(
        vec![target(
            policy(185, 60),
            Some(dlq(true, true, true)),
            dead(100),
        )],
        vec![at(0)],
    ));
    let invocation = only_invocation(&report);
    // The 6th retry would start at 31 600 + 32 000 = 63 600 ms, past the 60 s age limit.
    assert_eq!(
        attempt_starts(invocation),
        [0, 1_100, 3_200, 7_300, 15_400, 31_500]
    );
    let Some(Outcome::SentToDlq { failure, message }) = &invocation.outcome else {
        panic!("{:?}", invocation.outcome)
    };
    assert_eq!(
        failure.exhausted_retry_condition,
        Some(ExhaustedRetryCondition::MaximumEventAgeInSeconds)
    );
    assert_eq!(failure.at_ms, 31_600);
    assert_eq!(
        message.attributes["EXHAUSTED_RETRY_CONDITION"],
        "MaximumEventAgeInSeconds"
    );
    assert_eq!(message.attributes["RETRY_ATTEMPTS"], "5");
    assert_eq!(report.summary.failures_ended_by.maximum_event_age, 1);
    assert_metrics_add_up(&report);
}

#[test]
fn outage_longer_than_the_maximum_age_with_default_jitter_also_ends_by_age() {
    let mut scenario = scenario(
        vec![target(policy(185, 600), None, dead(50))],
        (0..50).map(|i| at(i * 1000)).collect(),
    );
    scenario.backoff = BackoffConfig::default();
    let report = run(&scenario);
    assert_eq!(report.summary.failures_ended_by.maximum_event_age, 50);
    for event in &report.events {
        let last_start = event.invocations[0].attempts.last().unwrap().start_ms;
        assert!(last_start < event.ingested_at_ms + 600_000);
    }
    assert_metrics_add_up(&report);
}

#[test]
fn event_age_is_measured_from_ingestion_time() {
    // Ingested ten minutes in: the same 60 s window as above, shifted by the ingestion time.
    let report = run(&scenario(
        vec![target(policy(185, 60), None, dead(100))],
        vec![at(600_000)],
    ));
    let starts = attempt_starts(only_invocation(&report));
    assert_eq!(
        starts,
        [600_000, 601_100, 603_200, 607_300, 615_400, 631_500]
    );
}

#[test]
fn recovery_before_the_limits_delivers_at_the_attempt_after_the_outage() {
    let mut behaviour = dead(100);
    behaviour.outages[0].until_ms = 5_000;
    let report = run(&scenario(
        vec![target(RetryPolicy::default(), None, behaviour)],
        vec![at(0)],
    ));
    // Attempts at 0, 1100, 3200 fail; 7300 is after the outage.
    let invocation = only_invocation(&report);
    assert_eq!(
        invocation.outcome,
        Some(Outcome::Delivered {
            attempt: 4,
            at_ms: 7_400,
            latency_ms: 7_400
        })
    );
    assert_eq!(report.summary.delivered_after_retries, 1);
    assert_eq!(report.totals.success_latency.max_ms, 7_400);
    assert_metrics_add_up(&report);
}

#[test]
fn no_permissions_goes_to_the_dlq_without_retries() {
    let behaviour = TargetBehaviour {
        latency_ms: 20,
        non_retryable: Some(NonRetryableFailure {
            error: NonRetryableError::NoPermissions,
            from_ms: 0,
            until_ms: None,
        }),
        ..Default::default()
    };
    let report = run(&scenario(
        vec![target(
            RetryPolicy::default(),
            Some(dlq(true, true, true)),
            behaviour,
        )],
        vec![at(0)],
    ));
    let invocation = only_invocation(&report);
    assert_eq!(attempt_starts(invocation), [0]);
    let Some(Outcome::SentToDlq { failure, message }) = &invocation.outcome else {
        panic!("{:?}", invocation.outcome)
    };
    assert_eq!(failure.exhausted_retry_condition, None);
    assert_eq!(message.attributes["ERROR_CODE"], "NO_PERMISSIONS");
    assert_eq!(message.attributes["RETRY_ATTEMPTS"], "0");
    assert!(!message.attributes.contains_key("EXHAUSTED_RETRY_CONDITION"));
    assert_eq!(report.summary.failures_ended_by.non_retryable_error, 1);
    assert_eq!(report.totals.metrics.retry_invocation_attempts, 0);
    assert_metrics_add_up(&report);
}

#[test]
fn non_retryable_error_after_retries_keeps_the_retry_count() {
    // Retryable until 3 s, then the permission is revoked: attempts at 0 and 1100 are retried, the
    // one at 3200 is not.
    let mut behaviour = dead(100);
    behaviour.outages[0].until_ms = 3_000;
    behaviour.non_retryable = Some(NonRetryableFailure {
        error: NonRetryableError::NoResource,
        from_ms: 3_000,
        until_ms: None,
    });
    let report = run(&scenario(
        vec![target(RetryPolicy::default(), None, behaviour)],
        vec![at(0)],
    ));
    let invocation = only_invocation(&report);
    assert_eq!(attempt_starts(invocation), [0, 1_100, 3_200]);
    let Some(Outcome::Dropped { failure }) = &invocation.outcome else {
        panic!("{:?}", invocation.outcome)
    };
    assert_eq!(
        (
            failure.error_code,
            failure.retry_attempts,
            failure.exhausted_retry_condition
        ),
        (DeliveryErrorCode::NoResource, 2, None)
    );
}

#[test]
fn without_a_dlq_failed_events_are_dropped_and_counted() {
    let events = (0..10).map(|i| at(i * 500)).collect();
    let report = run(&scenario(
        vec![target(policy(1, 60), None, dead(10))],
        events,
    ));
    assert_eq!(
        report.summary.outcomes,
        OutcomeCounts {
            delivered: 0,
            dropped: 10,
            sent_to_dlq: 0,
            failed_to_reach_dlq: 0
        }
    );
    assert_eq!(report.totals.metrics.failed_invocations, 10);
    assert_eq!(report.totals.metrics.invocations_sent_to_dlq, 0);
    assert_eq!(report.per_target[0].outcomes.dropped, 10);
    assert_metrics_add_up(&report);
}

#[test]
fn dlq_delivery_depends_on_reachability_and_resource_policy() {
    let table = [
        (dlq(true, true, true), None),
        (dlq(false, true, true), None),
        (
            dlq(false, false, true),
            Some(DlqError::MissingResourcePolicy {
                cross_account: true,
            }),
        ),
        (
            dlq(true, false, true),
            Some(DlqError::MissingResourcePolicy {
                cross_account: false,
            }),
        ),
        (dlq(true, true, false), Some(DlqError::Unreachable)),
    ];
    for (queue, expected_error) in table {
        let report = run(&scenario(
            vec![target(policy(0, 60), Some(queue.clone()), dead(10))],
            vec![at(0)],
        ));
        let metrics = &report.totals.metrics;
        match (expected_error, &only_invocation(&report).outcome) {
            (None, Some(Outcome::SentToDlq { .. })) => {
                assert_eq!(
                    (
                        metrics.invocations_sent_to_dlq,
                        metrics.invocations_failed_to_be_sent_to_dlq
                    ),
                    (1, 0)
                );
            }
            (Some(expected), Some(Outcome::FailedToReachDlq { dlq_error, failure })) => {
                assert_eq!(*dlq_error, expected, "{queue:?}");
                assert_eq!(failure.error_code, DeliveryErrorCode::ErrorFromTarget);
                assert_eq!(
                    (
                        metrics.invocations_sent_to_dlq,
                        metrics.invocations_failed_to_be_sent_to_dlq
                    ),
                    (0, 1)
                );
            }
            (expected, outcome) => panic!("{queue:?}: expected {expected:?}, got {outcome:?}"),
        }
        assert_eq!(metrics.failed_invocations, 1);
    }
}

#[test]
fn pending_and_deleted_partner_sources_drop_events_before_rules() {
    let names = [
        "aws.partner/shopify.com/1/orders",
        "aws.partner/shopify.com/1/refunds",
        "aws.partner/shopify.com/1/gone",
    ];
    let states = [
        EventSourceState::Active,
        EventSourceState::Pending,
        EventSourceState::Deleted,
    ];
    let mut scenario = scenario(Vec::new(), Vec::new());
    scenario.buses = names
        .iter()
        .map(|name| Bus {
            name: (*name).into(),
        })
        .collect();
    scenario.sources = names
        .iter()
        .zip(states)
        .map(|(name, state)| SourceState {
            name: (*name).into(),
            state,
        })
        .collect();
    scenario.rules = names
        .iter()
        .enumerate()
        .map(|(i, name)| SimRule {
            name: format!("rule-{i}"),
            bus: (*name).into(),
            enabled: true,
            pattern: r#"{"source":["shop"]}"#.into(),
            targets: vec![target(
                RetryPolicy::default(),
                None,
                TargetBehaviour::default(),
            )],
        })
        .collect();
    scenario.events.explicit = names
        .iter()
        .flat_map(|name| {
            (0..3).map(move |i| ExplicitEvent {
                text: shop_event(),
                at_ms: i,
                to: Ingress::PartnerSource((*name).into()),
            })
        })
        .collect();
    let report = run(&scenario);
    assert_eq!(report.summary.events_ingested, 9);
    assert_eq!(report.summary.events_dropped_inactive_source, 6);
    assert_eq!(report.summary.events_matched, 3);
    assert_eq!(report.totals.metrics.matched_events, 3);
    assert_eq!(report.summary.outcomes.delivered, 3);
    let triggered: Vec<u64> = report.per_rule.iter().map(|rule| rule.triggered).collect();
    assert_eq!(triggered, [3, 0, 0]);
    let dropped_states: Vec<EventSourceState> = report
        .events
        .iter()
        .filter_map(|event| match &event.fate {
            EventFate::DroppedInactiveSource { state, .. } => Some(*state),
            _ => None,
        })
        .collect();
    assert_eq!(dropped_states.len(), 6);
    assert!(
        dropped_states.contains(&EventSourceState::Pending)
            && dropped_states.contains(&EventSourceState::Deleted)
    );
}

#[test]
fn unmatched_disabled_and_unknown_bus_events_create_no_invocations() {
    let mut scenario = scenario(
        vec![target(
            RetryPolicy::default(),
            None,
            TargetBehaviour::default(),
        )],
        Vec::new(),
    );
    let disabled = SimRule {
        name: "disabled".into(),
        enabled: false,
        ..shop_rule(vec![target(
            RetryPolicy::default(),
            None,
            TargetBehaviour::default(),
        )])
    };
    scenario.rules.push(disabled);
    scenario.events.explicit = vec![
        at(0),
        ExplicitEvent {
            text: event_from("bank"),
            at_ms: 1,
            to: Ingress::Bus("default".into()),
        },
        ExplicitEvent {
            text: shop_event(),
            at_ms: 2,
            to: Ingress::Bus("no-such-bus".into()),
        },
    ];
    let report = run(&scenario);
    let summary = &report.summary;
    assert_eq!(
        (
            summary.events_matched,
            summary.events_unmatched,
            summary.events_to_unknown_bus
        ),
        (1, 1, 1)
    );
    assert_eq!(summary.invocations_created, 1);
    assert_eq!(report.per_rule[1].triggered, 0);
    assert!(
        matches!(&report.events[2].fate, EventFate::UnknownBus { bus } if bus == "no-such-bus")
    );
    assert!(matches!(
        &report.events[1].fate,
        EventFate::Unmatched { .. }
    ));
}

#[test]
fn rate_limit_delays_invocations_and_counts_throttled_rules() {
    let behaviour = TargetBehaviour {
        latency_ms: 10,
        rate_limit_per_second: Some(1),
        ..Default::default()
    };
    let report = run(&scenario(
        vec![target(RetryPolicy::default(), None, behaviour)],
        (0..5).map(|_| at(0)).collect(),
    ));
    let starts: Vec<u64> = report
        .events
        .iter()
        .map(|event| event.invocations[0].attempts[0].start_ms)
        .collect();
    assert_eq!(starts, [0, 1_000, 2_000, 3_000, 4_000]);
    let waits: Vec<u64> = report
        .events
        .iter()
        .map(|event| event.invocations[0].attempts[0].rate_limit_wait_ms)
        .collect();
    assert_eq!(waits, starts);
    assert_eq!(report.totals.metrics.throttled_rules, 4);
    assert_eq!(report.per_rule[0].throttled, 4);
    assert_eq!(report.totals.start_latency.max_ms, 4_000);
    assert_eq!(report.summary.outcomes.delivered, 5);
    assert_metrics_add_up(&report);
}

#[test]
fn rate_limit_backlog_past_the_maximum_age_expires_without_an_attempt() {
    // One invocation per second, 100 events at once, 60 s age: slots 0..59 s run, the rest expire.
    let behaviour = TargetBehaviour {
        latency_ms: 10,
        rate_limit_per_second: Some(1),
        ..Default::default()
    };
    let report = run(&scenario(
        vec![target(
            policy(185, 60),
            Some(dlq(true, true, true)),
            behaviour,
        )],
        (0..100).map(|_| at(0)).collect(),
    ));
    let summary = &report.summary;
    assert_eq!(summary.outcomes.delivered, 60);
    assert_eq!(summary.outcomes.sent_to_dlq, 40);
    assert_eq!(summary.expired_before_first_attempt, 40);
    assert_eq!(summary.failures_ended_by.maximum_event_age, 40);
    assert_eq!(
        summary
            .failures_by_error_code
            .get(&DeliveryErrorCode::Throttling),
        Some(&40)
    );
    let expired = report.events[99].invocations[0].clone();
    assert!(expired.attempts.is_empty());
    let Some(Outcome::SentToDlq { failure, message }) = expired.outcome else {
        panic!("{:?}", expired.outcome)
    };
    assert_eq!((failure.at_ms, failure.retry_attempts), (60_000, 0));
    assert_eq!(
        message.attributes["EXHAUSTED_RETRY_CONDITION"],
        "MaximumEventAgeInSeconds"
    );
    assert_metrics_add_up(&report);
}

#[test]
fn timeouts_take_five_seconds() {
    let behaviour = TargetBehaviour {
        latency_ms: 100,
        outages: vec![Outage {
            from_ms: 0,
            until_ms: FOREVER_MS,
            error: RetryableError::Timeout,
        }],
        ..Default::default()
    };
    let report = run(&scenario(
        vec![target(policy(1, 3600), None, behaviour)],
        vec![at(0)],
    ));
    let invocation = only_invocation(&report);
    let ends: Vec<(u64, u64)> = invocation
        .attempts
        .iter()
        .map(|attempt| (attempt.start_ms, attempt.end_ms))
        .collect();
    assert_eq!(ends, [(0, 5_000), (6_000, 11_000)]);
    assert!(
        matches!(&invocation.outcome, Some(Outcome::Dropped { failure }) if failure.error_code == DeliveryErrorCode::Timeout)
    );
}

#[test]
fn api_destination_status_codes_decide_whether_to_retry() {
    let table = [
        (
            NonRetryableError::HttpStatus(404).into_behaviour(),
            1,
            "ApiDestination returned HTTP status 404.",
        ),
        (
            RetryableError::HttpStatus(503).into_behaviour(),
            3,
            "ApiDestination returned HTTP status 503.",
        ),
        (
            RetryableError::HttpStatus(429).into_behaviour(),
            3,
            "ApiDestination returned HTTP status 429.",
        ),
    ];
    for (behaviour, attempts, message) in table {
        let mut api = target(policy(2, 3600), Some(dlq(true, true, true)), behaviour);
        api.kind = TargetKind::ApiDestination;
        api.arn = "arn:aws:events:us-east-1:123456789012:api-destination/crm/1".into();
        let report = run(&scenario(vec![api], vec![at(0)]));
        let invocation = only_invocation(&report);
        assert_eq!(invocation.attempts.len(), attempts, "{message}");
        let Some(Outcome::SentToDlq {
            message: dlq_message,
            ..
        }) = &invocation.outcome
        else {
            panic!()
        };
        assert_eq!(dlq_message.attributes["ERROR_CODE"], "SDK_CLIENT_ERROR");
        assert_eq!(dlq_message.attributes["ERROR_MESSAGE"], message);
    }
}

trait IntoBehaviour {
    fn into_behaviour(self) -> TargetBehaviour;
}

impl IntoBehaviour for NonRetryableError {
    fn into_behaviour(self) -> TargetBehaviour {
        TargetBehaviour {
            non_retryable: Some(NonRetryableFailure {
                error: self,
                from_ms: 0,
                until_ms: None,
            }),
            ..Default::default()
        }
    }
}

impl IntoBehaviour for RetryableError {
    fn into_behaviour(self) -> TargetBehaviour {
        TargetBehaviour {
            outages: vec![Outage {
                from_ms: 0,
                until_ms: FOREVER_MS,
                error: self,
            }],
            ..Default::default()
        }
    }
}

#[test]
fn transient_failures_are_retried_until_delivered() {
    let behaviour = TargetBehaviour {
        latency_ms: 25,
        transient: Some(TransientFailures {
            probability: 0.5,
            error: RetryableError::Throttling,
        }),
        ..Default::default()
    };
    let events = (0..200).map(|i| at(i * 100)).collect();
    let mut scenario = scenario(
        vec![target(RetryPolicy::default(), None, behaviour)],
        events,
    );
    scenario.options.keep_details_for_first_events = 200;
    let report = run(&scenario);
    assert_eq!(report.summary.outcomes.delivered, 200);
    // Half fail the first attempt; allow a wide margin around 100.
    assert!(
        (70..130).contains(&report.summary.delivered_after_retries),
        "{}",
        report.summary.delivered_after_retries
    );
    let failed_attempts: u64 = report.totals.metrics.failed_invocation_attempts;
    assert_eq!(
        failed_attempts,
        report.totals.metrics.retry_invocation_attempts
    );
    assert_metrics_add_up(&report);
}

#[test]
fn every_target_of_every_matching_rule_gets_an_invocation() {
    let mut second = target(RetryPolicy::default(), None, TargetBehaviour::default());
    second.id = "audit".into();
    let mut scenario = scenario(
        vec![
            target(RetryPolicy::default(), None, TargetBehaviour::default()),
            second,
        ],
        vec![at(0), at(1)],
    );
    let mut other_rule = shop_rule(vec![target(
        RetryPolicy::default(),
        None,
        TargetBehaviour::default(),
    )]);
    other_rule.name = "copy".into();
    scenario.rules.push(other_rule);
    let report = run(&scenario);
    assert_eq!(report.summary.invocations_created, 6);
    assert_eq!(report.totals.metrics.triggered_rules, 4);
    assert_eq!(report.totals.metrics.matched_events, 2);
    let ids: Vec<(&str, &str)> = report.events[0]
        .invocations
        .iter()
        .map(|i| (i.rule.as_str(), i.target_id.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            ("orders", "fulfil"),
            ("orders", "audit"),
            ("copy", "fulfil")
        ]
    );
}

#[test]
fn details_are_kept_only_for_the_first_events() {
    let mut scenario = scenario(
        vec![target(
            RetryPolicy::default(),
            None,
            TargetBehaviour::default(),
        )],
        (0..50).map(at).collect(),
    );
    scenario.options.keep_details_for_first_events = 5;
    let report = run(&scenario);
    assert_eq!(report.events.len(), 5);
    assert_eq!(report.summary.outcomes.delivered, 50);
    assert_eq!(report.totals.metrics.invocation_attempts, 50);
}

#[test]
fn generated_streams_follow_rate_duration_and_weights() {
    let mut scenario = scenario(
        vec![target(
            RetryPolicy::default(),
            None,
            TargetBehaviour::default(),
        )],
        Vec::new(),
    );
    scenario.events.generated = vec![GeneratedEvents {
        to: Ingress::Bus("default".into()),
        start_ms: 1_000,
        rate_per_second: 4.0,
        duration_ms: 250_000,
        samples: vec![
            WeightedSample {
                text: shop_event(),
                weight: 3,
            },
            WeightedSample {
                text: event_from("bank"),
                weight: 1,
            },
            WeightedSample {
                text: event_from("never"),
                weight: 0,
            },
        ],
    }];
    let report = run(&scenario);
    let summary = &report.summary;
    assert_eq!(summary.events_ingested, 1_000);
    assert_eq!(summary.events_matched + summary.events_unmatched, 1_000);
    assert!(
        (700..800).contains(&summary.events_matched),
        "{}",
        summary.events_matched
    );
    assert_eq!(report.events[0].ingested_at_ms, 1_000);
    assert_eq!(report.events[1].ingested_at_ms, 1_250);
    assert!(report
        .events
        .iter()
        .all(|event| !event.body.contains("never")));
}

#[test]
fn same_seed_gives_the_same_report_and_another_seed_a_different_one() {
    let scenario = (delivery::presets::PRESETS[0].build)();
    let first = run(&scenario);
    assert_eq!(first, run(&scenario));
    let reseeded = Scenario {
        seed: 43,
        ..scenario
    };
    assert_ne!(first, run(&reseeded));
}

#[test]
fn running_in_chunks_gives_the_same_report_as_one_go() {
    let scenario = delivery::presets::throttled_api_destination();
    let whole = run(&scenario);
    let mut simulation = Simulation::new(&scenario).unwrap();
    let mut last_fraction = 0.0;
    let mut partial_seen = false;
    loop {
        let progress = simulation.step(997);
        assert!(progress.done_fraction >= last_fraction);
        last_fraction = progress.done_fraction;
        if progress.finished {
            break;
        }
        if !partial_seen {
            let partial = simulation.report();
            assert!(!partial.finished);
            partial_seen = true;
        }
    }
    assert_eq!(last_fraction, 1.0);
    assert!(partial_seen);
    assert_eq!(simulation.report(), whole);
}

#[test]
fn each_discarded_event_names_its_own_unknown_bus() {
    let to = |bus: &str, at_ms| ExplicitEvent {
        text: shop_event(),
        at_ms,
        to: Ingress::Bus(bus.into()),
    };
    let report = run(&scenario(
        Vec::new(),
        vec![to("x", 0), to("y", 1), to("x", 2), to("default", 3)],
    ));
    let buses: Vec<&str> = report
        .events
        .iter()
        .map(|event| match &event.fate {
            EventFate::UnknownBus { bus } => bus.as_str(),
            _ => "-",
        })
        .collect();
    assert_eq!(buses, ["x", "y", "x", "-"]);
    assert_eq!(report.summary.events_to_unknown_bus, 3);
}

/// Regression: the web app counted "11 events per minute for 5 minutes" as 55 events with
/// integer arithmetic while the simulator's float floor generated 54; both now call
/// `generated_event_count`.
#[test]
fn regression_a_rate_per_minute_generates_the_whole_number_of_events_it_stands_for() {
    let table: &[(f64, u64, u64)] = &[
        (11.0 / 60.0, 5 * 60_000, 55),
        (11.0 / 60.0, 10 * 60_000, 110),
        (1.0 / 3600.0, 120 * 60_000, 2),
        (1.0 / 3600.0, 30 * 60_000, 0),
        (25.0, 600_000, 15_000),
        (0.5, 999, 0),
        (0.5, 2_001, 1),
        (2.5, 1_000, 2),
        (0.0, 1_000, 0),
        (-1.0, 1_000, 0),
        (f64::NAN, 1_000, 0),
        (f64::INFINITY, 1_000, 0),
    ];
    for &(rate, duration_ms, expected) in table {
        assert_eq!(
            generated_event_count(rate, duration_ms),
            expected,
            "{rate}/s for {duration_ms} ms"
        );
    }
    let mut stream = scenario(
        vec![target(policy(0, 60), None, TargetBehaviour::default())],
        Vec::new(),
    );
    stream.events.generated.push(GeneratedEvents {
        to: Ingress::Bus("default".into()),
        start_ms: 0,
        rate_per_second: 11.0 / 60.0,
        duration_ms: 5 * 60_000,
        samples: vec![WeightedSample {
            text: shop_event(),
            weight: 1,
        }],
    });
    assert_eq!(stream.events.generated[0].count(), 55);
    assert_eq!(run(&stream).summary.events_ingested, 55);
}

/// Regression: the simulator wrote `arn:aws:` rule ARNs in every region, while the rule model
/// followed the region's partition.
#[test]
fn regression_rule_arns_follow_the_regions_partition() {
    let mut china = scenario(
        vec![target(policy(0, 60), Some(dlq(true, true, true)), dead(10))],
        vec![at(0)],
    );
    china.options.region = "cn-north-1".into();
    let cn = |arn: &str| {
        arn.replace("arn:aws:", "arn:aws-cn:")
            .replace("us-east-1", "cn-north-1")
    };
    china.rules[0].targets[0].arn = cn(TARGET_ARN);
    china.rules[0].targets[0].dlq.as_mut().unwrap().arn = cn(DLQ_ARN);
    let report = run(&china);
    let Some(Outcome::SentToDlq { message, .. }) = &only_invocation(&report).outcome else {
        panic!("{:?}", only_invocation(&report).outcome)
    };
    assert_eq!(
        message.attributes["RULE_ARN"],
        format!("arn:aws-cn:events:cn-north-1:123456789012:rule/{RULE}")
    );
}

/// Regression: the simulator allowed 300 rules per bus everywhere; AWS's quota is 100 in
/// af-south-1 and eu-south-1, as the rule store already knew.
#[test]
fn regression_rules_per_bus_follow_the_regions_quota() {
    let mut many = scenario(Vec::new(), Vec::new());
    many.rules = (0..101)
        .map(|index| SimRule {
            name: format!("r{index}"),
            ..shop_rule(Vec::new())
        })
        .collect();
    assert!(simulate(&many).is_ok());
    many.options.region = "af-south-1".into();
    let error = simulate(&many).unwrap_err();
    assert_eq!(
        (error.kind(), error.location()),
        (ScenarioErrorKind::TooLarge, "rules[100]")
    );
}
