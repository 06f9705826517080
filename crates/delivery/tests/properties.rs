//! Properties over random small scenarios: nothing lost or counted twice, determinism, chunking.
//!
//! These rely on the real matcher: the expected number of invocations is computed here from
//! which events have source "shop" (the only source the rules match).

mod common;

use common::*;
use delivery::*;
use proptest::prelude::*;

const ACTIVE: &str = "aws.partner/shopify.com/9/active";
const PENDING: &str = "aws.partner/shopify.com/9/pending";
const SPAN_MS: u64 = 20 * 60_000;

fn retryable_error() -> impl Strategy<Value = RetryableError> {
    prop_oneof![
        Just(RetryableError::ServerError),
        Just(RetryableError::Throttling),
        Just(RetryableError::Timeout),
        Just(RetryableError::ConnectionFailure),
    ]
}

fn behaviour() -> impl Strategy<Value = TargetBehaviour> {
    let transient = proptest::option::of(
        (0.0..=1.0f64, retryable_error())
            .prop_map(|(probability, error)| TransientFailures { probability, error }),
    );
    let outage =
        (0..SPAN_MS, 1..SPAN_MS, retryable_error()).prop_map(|(from_ms, length, error)| Outage {
            from_ms,
            until_ms: from_ms + length,
            error,
        });
    let non_retryable = proptest::option::of(
        (
            prop_oneof![
                Just(NonRetryableError::NoPermissions),
                Just(NonRetryableError::NoResource)
            ],
            0..SPAN_MS,
            proptest::option::of(1..SPAN_MS),
        )
            .prop_map(|(error, from_ms, length)| NonRetryableFailure {
                error,
                from_ms,
                until_ms: length.map(|l| from_ms + l),
            }),
    );
    (
        0..3_000u64,
        transient,
        proptest::collection::vec(outage, 0..3),
        non_retryable,
        proptest::option::of(1..20u32),
    )
        .prop_map(
            |(latency_ms, transient, outages, non_retryable, rate_limit_per_second)| {
                TargetBehaviour {
                    latency_ms,
                    transient,
                    outages,
                    non_retryable,
                    rate_limit_per_second,
                }
            },
        )
}

fn sim_target() -> impl Strategy<Value = SimTarget> {
    let retry = (0..=185u32, 60..=86_400u32).prop_map(|(a, s)| policy(a, s));
    let queue = proptest::option::of(
        (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(a, p, r)| dlq(a, p, r)),
    );
    (retry, queue, behaviour())
        .prop_map(|(retry, queue, behaviour)| target(retry, queue, behaviour))
}

fn ingress() -> impl Strategy<Value = Ingress> {
    prop_oneof![
        4 => Just(Ingress::Bus("default".into())),
        1 => Just(Ingress::Bus("elsewhere".into())),
        1 => Just(Ingress::PartnerSource(ACTIVE.into())),
        1 => Just(Ingress::PartnerSource(PENDING.into())),
    ]
}

fn explicit_event() -> impl Strategy<Value = ExplicitEvent> {
    (
        prop_oneof![3 => Just("shop"), 1 => Just("bank")],
        0..SPAN_MS,
        ingress(),
    )
        .prop_map(|(source, at_ms, to)| ExplicitEvent {
            text: event_from(source),
            at_ms,
            to,
        })
}

fn random_scenario() -> impl Strategy<Value = Scenario> {
    let targets = proptest::collection::vec(sim_target(), 1..4);
    let partner_targets = proptest::collection::vec(sim_target(), 0..3);
    let jitter = prop_oneof![Just(Jitter::Full), Just(Jitter::Equal), Just(Jitter::None)];
    (
        any::<u64>(),
        targets,
        partner_targets,
        proptest::collection::vec(explicit_event(), 0..25),
        jitter,
        0..30u32,
    )
        .prop_map(|(seed, targets, partner_targets, events, jitter, keep)| {
            let mut scenario = scenario(ensure_unique_ids(targets), events);
            scenario.seed = seed;
            scenario.backoff.jitter = jitter;
            scenario.options.keep_details_for_first_events = keep;
            scenario.buses.push(Bus {
                name: ACTIVE.into(),
            });
            scenario.buses.push(Bus {
                name: PENDING.into(),
            });
            scenario.sources = vec![
                SourceState {
                    name: ACTIVE.into(),
                    state: EventSourceState::Active,
                },
                SourceState {
                    name: PENDING.into(),
                    state: EventSourceState::Pending,
                },
            ];
            for bus in [ACTIVE, PENDING] {
                scenario.rules.push(SimRule {
                    bus: bus.into(),
                    ..shop_rule(ensure_unique_ids(partner_targets.clone()))
                });
            }
            scenario
        })
}

fn ensure_unique_ids(mut targets: Vec<SimTarget>) -> Vec<SimTarget> {
    for (index, target) in targets.iter_mut().enumerate() {
        target.id = format!("target-{index}");
    }
    targets
}

/// Invocations the scenario must create, computed from the event list rather than by the engine.
fn expected_invocations(scenario: &Scenario) -> u64 {
    let targets_on = |bus: &str| -> u64 {
        scenario
            .rules
            .iter()
            .filter(|r| r.bus == bus)
            .map(|r| r.targets.len() as u64)
            .sum()
    };
    scenario
        .events
        .explicit
        .iter()
        .filter(|event| event.text == shop_event())
        .map(|event| match &event.to {
            Ingress::Bus(bus) if bus == "default" => targets_on("default"),
            Ingress::PartnerSource(source) if source == ACTIVE => targets_on(ACTIVE),
            _ => 0,
        })
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_invocation_ends_in_exactly_one_outcome(scenario in random_scenario()) {
        let report = run(&scenario);
        let expected = expected_invocations(&scenario);
        prop_assert_eq!(report.summary.invocations_created, expected);
        prop_assert_eq!(report.summary.outcomes.ended(), expected);
        assert_metrics_add_up(&report);
        for event in &report.events {
            let original = &scenario.events.explicit;
            prop_assert!(original.iter().any(|e| e.at_ms == event.ingested_at_ms && e.text == event.body));
            let bus = match &event.fate {
                EventFate::Matched { bus, .. } => bus.as_str(),
                _ => "",
            };
            // A matching rule may have no targets, so only the converse holds.
            prop_assert!(!bus.is_empty() || event.invocations.is_empty());
            for invocation in &event.invocations {
                let rule = scenario.rules.iter().find(|r| r.bus == bus && r.name == invocation.rule).unwrap();
                let target = rule.targets.iter().find(|t| t.id == invocation.target_id).unwrap();
                let deadline = event.ingested_at_ms + u64::from(target.retry.maximum_event_age_seconds) * 1000;
                prop_assert!(invocation.attempts.len() as u32 <= target.retry.maximum_retry_attempts + 1);
                for (index, attempt) in invocation.attempts.iter().enumerate() {
                    prop_assert_eq!(attempt.number as usize, index + 1);
                    prop_assert!(attempt.start_ms >= event.ingested_at_ms && attempt.start_ms < deadline);
                    prop_assert!(attempt.end_ms >= attempt.start_ms);
                }
                let starts: Vec<u64> = invocation.attempts.iter().map(|a| a.start_ms).collect();
                prop_assert!(starts.windows(2).all(|pair| pair[0] < pair[1]));
                match invocation.outcome.as_ref().expect("finished runs leave nothing in flight") {
                    Outcome::Delivered { attempt, .. } => {
                        prop_assert_eq!(*attempt as usize, invocation.attempts.len());
                        prop_assert_eq!(invocation.attempts.last().unwrap().result, AttemptResult::Success);
                    }
                    Outcome::Dropped { failure } | Outcome::SentToDlq { failure, .. } | Outcome::FailedToReachDlq { failure, .. } => {
                        prop_assert_eq!(failure.retry_attempts as usize, invocation.attempts.len().saturating_sub(1));
                        prop_assert!(invocation.attempts.iter().all(|a| a.result != AttemptResult::Success));
                        let has_dlq = target.dlq.is_some();
                        let is_dropped = matches!(invocation.outcome, Some(Outcome::Dropped { .. }));
                        prop_assert_eq!(has_dlq, !is_dropped);
                    }
                }
            }
        }
    }

    #[test]
    fn same_seed_gives_the_same_report_in_one_go_or_in_chunks(scenario in random_scenario(), chunk in 1..50usize) {
        let whole = run(&scenario);
        prop_assert_eq!(&whole, &run(&scenario));
        let mut simulation = Simulation::new(&scenario).unwrap();
        while !simulation.step(chunk).finished {}
        prop_assert_eq!(&simulation.report(), &whole);
    }
}
