//! Delivery semantics. Each test names the source of its expected values; the backoff
//! (1 s doubling, capped at 60 s) is ours, so expected times follow from it.

use super::*;
use crate::event::{ContentType, PutEventsEntry, PutRawEventsEntry};
use crate::filter::{FilterConfiguration, FilterSpec, Scope};
use crate::subscriber::{
    EventBusSpec, InvokeConfiguration, PointInTimeConfiguration, RetryPolicy, SubscriberContext,
    SubscriberSpec,
};
use crate::transform::{default_engine, Transformer};

const REGION: &str = "us-east-1";
const ACCOUNT: &str = "111122223333";
/// 2026-09-16T18:40:00Z.
const T0: i64 = 1_789_584_000_000;
const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;

fn bus(retention_days: Option<u32>) -> EventBus {
    EventBusSpec {
        name: "orders".into(),
        retention_days,
    }
    .create(REGION, ACCOUNT, &IdGenerator::new(1), T0 - 7 * 24 * HOUR)
    .unwrap()
}

fn spec(name: &str, bus: &EventBus) -> SubscriberSpec {
    SubscriberSpec {
        name: name.into(),
        event_bus_arn: bus.arn.clone(),
        invoke: InvokeConfiguration {
            target_arn: format!("arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"),
            role_arn: format!("arn:aws:iam::{ACCOUNT}:role/delivery"),
        },
        ..SubscriberSpec::default()
    }
}

fn create(spec: &SubscriberSpec, bus: &EventBus) -> Subscriber {
    create_at(spec, bus, T0)
}

fn create_at(spec: &SubscriberSpec, bus: &EventBus, now_ms: i64) -> Subscriber {
    let engine = default_engine();
    spec.create(
        &SubscriberContext {
            region: REGION,
            account: ACCOUNT,
            now_ms,
            bus: Some(bus),
            engine: engine.as_deref(),
        },
        &IdGenerator::new(1),
    )
    .unwrap_or_else(|problems| panic!("{problems}"))
}

fn order(detail: &str, group: Option<&str>, dedup: Option<&str>) -> PublishEntry {
    PublishEntry::PutEvents(PutEventsEntry {
        source: "com.example.orders".into(),
        detail_type: "OrderPlaced".into(),
        detail: detail.into(),
        resources: vec![],
        event_group_id: group.map(str::to_owned),
        deduplication_id: dedup.map(str::to_owned),
    })
}

fn publish_at(at_ms: i64, entries: Vec<PublishEntry>) -> Publish {
    Publish {
        at_ms,
        account: ACCOUNT.into(),
        origin: EventOrigin::PutEvents,
        content_based_deduplication: false,
        entries,
    }
}

fn sim(subscriber: Subscriber, created_at_ms: i64, target: TargetBehaviour) -> SimSubscriber {
    SimSubscriber {
        subscriber,
        created_at_ms,
        target,
    }
}

fn scenario(bus: EventBus, publishes: Vec<Publish>, subscribers: Vec<SimSubscriber>) -> Scenario {
    Scenario {
        bus,
        location: BusLocation {
            region: REGION.into(),
            account: ACCOUNT.into(),
        },
        seed: 7,
        publishes,
        subscribers,
        fifo_blocking: FifoBlocking::Group,
        backoff: Backoff::default(),
        until_ms: T0 + 48 * HOUR,
    }
}

fn outage(from_ms: i64, until_ms: i64) -> TargetBehaviour {
    TargetBehaviour {
        latency_ms: 100,
        failures: vec![FailureWindow {
            from_ms,
            until_ms,
            kind: FailureKind::outage(),
        }],
        dead_letter_queue_denied: false,
    }
}

fn healthy() -> TargetBehaviour {
    TargetBehaviour {
        latency_ms: 100,
        ..TargetBehaviour::default()
    }
}

#[test]
fn the_default_policy_gives_up_after_5_retries_and_drops_without_a_queue() {
    // Defaults 5 attempts / 300 s (API_RetryPolicy, eb-custom-bus-retry.html); without a
    // dead-letter queue "the only trace is the EventsDropped metric" (eb-custom-bus-retry.html).
    let bus = bus(None);
    let subscriber = create(&spec("q", &bus), &bus);
    assert_eq!(subscriber.retry().max_retry_attempts, 5);
    assert_eq!(subscriber.retry().max_event_age_seconds, 300);
    let report = simulate(&scenario(
        bus,
        vec![publish_at(T0, vec![order("{}", None, None)])],
        vec![sim(subscriber, T0 - HOUR, outage(T0, T0 + HOUR))],
    ))
    .unwrap();
    let s = &report.subscribers[0];
    // Attempts at 0, then retries 1, 2, 4, 8, 16 s after each failed answer (100 ms latency).
    let starts: Vec<i64> = s.attempts.iter().map(|a| a.at_ms - T0).collect();
    assert_eq!(starts, [0, 1_100, 3_200, 7_300, 15_400, 31_500]);
    assert_eq!(
        s.fates[0],
        Fate::Dropped {
            at_ms: T0 + 31_600,
            condition: ExhaustedRetryCondition::MaximumRetryAttempts
        }
    );
    assert_eq!(s.metrics.totals.get(SubscriberMetric::EventsDropped), 1);
    assert_eq!(
        s.metrics
            .totals
            .get(SubscriberMetric::EventDeliveryAttempts),
        6
    );
    assert_eq!(
        s.metrics
            .totals
            .get(SubscriberMetric::RetryInvocationAttempts),
        5
    );
    assert_eq!(s.metrics.totals.get(SubscriberMetric::TargetInvocations), 6);
    assert!(s.dead_letters.is_empty());
}

#[test]
fn the_age_limit_ends_delivery_when_attempts_remain() {
    // MaxEventAgeInSeconds 60-86,400; delivery stops at whichever limit comes first
    // (eb-custom-bus-retry.html). 185 retries of at most 60 s cannot fit in 300 s.
    let bus = bus(None);
    let mut spec = spec("q", &bus);
    spec.retry_policy = Some(RetryPolicy {
        max_retry_attempts: Some(185),
        ..RetryPolicy::default()
    });
    spec.on_failure_arn = Some(format!("arn:aws:sqs:{REGION}:{ACCOUNT}:dlq"));
    let report = simulate(&scenario(
        bus,
        vec![publish_at(T0, vec![order("{}", Some("order-1001"), None)])],
        vec![sim(
            create(&spec, &scenario_bus()),
            T0 - HOUR,
            outage(T0, T0 + HOUR),
        )],
    ))
    .unwrap();
    let s = &report.subscribers[0];
    let record = &s.dead_letters[0];
    assert_eq!(
        record.exhausted_retry_condition,
        ExhaustedRetryCondition::MaximumEventAgeInSeconds
    );
    // Retries start at 1.1, 3.2, 7.3, 15.4, 31.5, 63.6, 123.7, 183.8 and 243.9 s (delays of 1,
    // 2, 4, ... 32 s, then the 60 s cap, after each 100 ms answer); the next would start at
    // 304 s, past 300 s, so delivery ends when the ninth retry's answer arrives.
    assert_eq!(record.retry_attempts, 9);
    assert_eq!(
        s.fates[0],
        Fate::DeadLettered {
            at_ms: T0 + 244_000,
            record: 0
        }
    );
    assert_eq!(
        record.failed_messages[0].event_group_id.as_deref(),
        Some("order-1001")
    );
    assert_eq!(record.failed_messages[0].deduplication_id, None);
    assert_eq!(record.error_code, "TARGET_UNAVAILABLE");
    assert_eq!(
        s.metrics
            .totals
            .get(SubscriberMetric::OnFailureDestinationDelivered),
        1
    );
    assert_eq!(s.metrics.totals.get(SubscriberMetric::EventsDropped), 0);
    let json: serde_json::Value = serde_json::from_str(&record.to_json()).unwrap();
    assert_eq!(json["version"], "1.0");
    assert_eq!(
        json["failedMessages"][0]["deduplicationId"],
        serde_json::Value::Null
    );
}

fn scenario_bus() -> EventBus {
    bus(None)
}

#[test]
fn an_hour_long_outage_is_survived_only_with_classic_like_limits() {
    // Migration guide: set MaxEventAgeInSeconds to 86,400 explicitly, or an outage longer than
    // 5 minutes sends events to the DLQ (eb-custom-bus-retry.html, eb-custom-bus-migrate.html).
    let bus = bus(None);
    let mut classic_like = spec("classic-like", &bus);
    classic_like.retry_policy = Some(RetryPolicy {
        max_retry_attempts: Some(185),
        max_event_age_seconds: Some(86_400),
        ..RetryPolicy::default()
    });
    let defaults = spec("defaults", &bus);
    let report = simulate(&scenario(
        bus.clone(),
        vec![publish_at(T0, vec![order("{}", None, None)])],
        vec![
            sim(
                create(&classic_like, &bus),
                T0 - HOUR,
                outage(T0, T0 + HOUR),
            ),
            sim(create(&defaults, &bus), T0 - HOUR, outage(T0, T0 + HOUR)),
        ],
    ))
    .unwrap();
    match &report.subscribers[0].fates[0] {
        Fate::Delivered {
            at_ms, attempts, ..
        } => {
            assert!(
                *at_ms >= T0 + HOUR && *at_ms < T0 + HOUR + MINUTE + 1_000,
                "{at_ms}"
            );
            assert!(*attempts > 6);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        report.subscribers[1].fates[0],
        Fate::Dropped { .. }
    ));
}

#[test]
fn permanent_errors_are_retried_on_the_same_budget_and_zero_retries_means_one_attempt() {
    // "A permanent fault is retried anyway ... set MaxRetryAttempts: 0" (target-contract.md,
    // secondary); Classic sends NO_PERMISSIONS straight to the DLQ (rule-dlq.html).
    let bus = bus(None);
    let denied = TargetBehaviour {
        latency_ms: 50,
        failures: vec![FailureWindow {
            from_ms: T0,
            until_ms: T0 + 24 * HOUR,
            kind: FailureKind::access_denied(),
        }],
        dead_letter_queue_denied: false,
    };
    let mut budget = spec("budget", &bus);
    budget.on_failure_arn = Some(format!("arn:aws:sqs:{REGION}:{ACCOUNT}:dlq"));
    let mut zero = budget.clone();
    zero.name = "zero".into();
    zero.retry_policy = Some(RetryPolicy {
        max_retry_attempts: Some(0),
        ..RetryPolicy::default()
    });
    let report = simulate(&scenario(
        bus.clone(),
        vec![publish_at(T0, vec![order("{}", None, None)])],
        vec![
            sim(create(&budget, &bus), T0 - HOUR, denied.clone()),
            sim(create(&zero, &bus), T0 - HOUR, denied),
        ],
    ))
    .unwrap();
    let budget = &report.subscribers[0];
    assert_eq!(budget.attempts.len(), 6);
    assert_eq!(budget.dead_letters[0].error_code, "ACCESS_DENIED");
    assert_eq!(budget.dead_letters[0].retry_attempts, 5);
    let zero = &report.subscribers[1];
    assert_eq!(zero.attempts.len(), 1);
    assert_eq!(zero.dead_letters[0].retry_attempts, 0);
    assert_eq!(
        zero.dead_letters[0].exhausted_retry_condition,
        ExhaustedRetryCondition::MaximumRetryAttempts
    );
    assert!(!zero.dead_letters[0].failed_messages[0]
        .target_request_id
        .is_empty());
}

#[cfg(feature = "jsonata")]
#[test]
fn a_transformer_error_is_a_delivery_failure_that_never_reaches_the_target() {
    // JSONata errors are retried on the budget, then dead-lettered; an empty targetRequestId
    // means the call never left EventBridge (target-contract.md, secondary).
    let bus = bus(None);
    let mut spec = spec("q", &bus);
    spec.transformer = Some(Transformer::jsonata(
        r#"{% $events.Data.detail.fail ? $error("refusing order " & $events.Data.detail.id) : $events.Data.detail %}"#,
    ));
    spec.on_failure_arn = Some(format!("arn:aws:sqs:{REGION}:{ACCOUNT}:dlq"));
    let report = simulate(&scenario(
        bus.clone(),
        vec![publish_at(
            T0,
            vec![
                order(r#"{"id":1,"fail":true}"#, None, None),
                order(r#"{"id":2,"fail":false}"#, None, None),
            ],
        )],
        vec![sim(create(&spec, &bus), T0 - HOUR, healthy())],
    ))
    .unwrap();
    let s = &report.subscribers[0];
    assert_eq!(
        s.fates[1],
        Fate::Delivered {
            at_ms: T0 + 100,
            attempts: 1,
            payload: r#"{"id":2,"fail":false}"#.into()
        }
    );
    let record = &s.dead_letters[0];
    assert_eq!(record.error_code, "CUSTOMER_VALIDATION");
    assert!(
        record.error_message.contains("refusing order 1"),
        "{}",
        record.error_message
    );
    assert_eq!(record.retry_attempts, 5);
    assert_eq!(record.failed_messages.len(), 1);
    assert_eq!(record.failed_messages[0].target_request_id, "");
    // One batch of two events reached the target once; the five retries carry only the
    // failing event and never call it.
    assert_eq!(s.metrics.totals.get(SubscriberMetric::TargetInvocations), 1);
    assert_eq!(
        s.metrics
            .totals
            .get(SubscriberMetric::EventDeliveryAttempts),
        2 + 5
    );
}

#[test]
fn batches_follow_the_target_maximum_and_each_failed_batch_gets_one_record() {
    // SQS takes 10 events per batch (aws-properties-eventsv2-subscriber-batchconfiguration);
    // one dead-letter record per failed batch (eb-custom-bus-retry.html).
    let bus = bus(None);
    let mut spec = spec("q", &bus);
    spec.on_failure_arn = Some(format!("arn:aws:sqs:{REGION}:{ACCOUNT}:dlq"));
    let entries: Vec<PublishEntry> = (0..25)
        .map(|i| order(&format!(r#"{{"n":{i}}}"#), None, None))
        .collect();
    let report = simulate(&scenario(
        bus.clone(),
        vec![publish_at(T0, entries)],
        vec![sim(create(&spec, &bus), T0 - HOUR, outage(T0, T0 + HOUR))],
    ))
    .unwrap();
    let s = &report.subscribers[0];
    let sizes: Vec<usize> = s
        .dead_letters
        .iter()
        .map(|r| r.failed_messages.len())
        .collect();
    assert_eq!(sizes, [10, 10, 5]);
    assert_eq!(
        s.metrics.totals.get(SubscriberMetric::TargetInvocations),
        3 * 6
    );
    assert_eq!(
        s.metrics
            .totals
            .get(SubscriberMetric::OnFailureDestinationDelivered),
        25
    );
}

/// Three events: group g1 (the first fails while the window lasts), g1 again, g2.
fn fifo_report(blocking: FifoBlocking) -> Report {
    let bus = bus(None);
    let mut spec = spec("fifo", &bus);
    spec.kind = SubscriberType::Fifo;
    spec.on_failure_arn = Some(format!("arn:aws:sqs:{REGION}:{ACCOUNT}:dlq"));
    let target = TargetBehaviour {
        latency_ms: 100,
        failures: vec![FailureWindow {
            from_ms: T0,
            until_ms: T0 + 50,
            kind: FailureKind::outage(),
        }],
        dead_letter_queue_denied: false,
    };
    let mut scenario = scenario(
        bus.clone(),
        vec![
            publish_at(T0, vec![order(r#"{"n":1}"#, Some("g1"), None)]),
            publish_at(T0 + 200, vec![order(r#"{"n":2}"#, Some("g1"), None)]),
            publish_at(T0 + 300, vec![order(r#"{"n":3}"#, Some("g2"), None)]),
        ],
        vec![sim(create(&spec, &bus), T0 - HOUR, target)],
    );
    scenario.fifo_blocking = blocking;
    simulate(&scenario).unwrap()
}

fn delivered_at(fate: &Fate) -> i64 {
    match fate {
        Fate::Delivered { at_ms, .. } => *at_ms - T0,
        other => panic!("{other:?}"),
    }
}

#[test]
fn fifo_group_blocking_holds_only_the_failing_group() {
    // The ordering page and the docs.amazonaws.cn copy of the retry page: a failing event
    // blocks its own group while other groups continue (eb-custom-bus-ordering.md).
    let report = fifo_report(FifoBlocking::Group);
    let fates = &report.subscribers[0].fates;
    // Event 1 fails at 0 (answer 100), is retried at 1.1 s and delivered at 1.2 s.
    assert_eq!(delivered_at(&fates[0]), 1_200);
    // Event 2 (same group, published at 0.2 s) waits for it.
    assert_eq!(delivered_at(&fates[1]), 1_300);
    // Event 3 (another group) does not wait.
    assert_eq!(delivered_at(&fates[2]), 400);
}

#[test]
fn fifo_subscriber_blocking_holds_every_group() {
    // The retry page on docs.aws.amazon.com: a failed call "holds up the later events of every
    // event group" (eb-custom-bus-retry.html).
    let report = fifo_report(FifoBlocking::Subscriber);
    let fates = &report.subscribers[0].fates;
    assert_eq!(delivered_at(&fates[0]), 1_200);
    // Events 2 and 3 became ready while event 1 was retried: one batch, in publish order.
    assert_eq!(delivered_at(&fates[1]), 1_300);
    assert_eq!(delivered_at(&fates[2]), 1_300);
    let attempts = &report.subscribers[0].attempts;
    assert_eq!(attempts.last().unwrap().events, [1, 2]);
}

#[test]
fn unordered_subscribers_do_not_hold_anything() {
    let bus = bus(None);
    let report = {
        let spec = spec("unordered", &bus);
        let target = TargetBehaviour {
            latency_ms: 100,
            failures: vec![FailureWindow {
                from_ms: T0,
                until_ms: T0 + 50,
                kind: FailureKind::outage(),
            }],
            dead_letter_queue_denied: false,
        };
        simulate(&scenario(
            bus.clone(),
            vec![
                publish_at(T0, vec![order(r#"{"n":1}"#, Some("g1"), None)]),
                publish_at(T0 + 200, vec![order(r#"{"n":2}"#, Some("g1"), None)]),
            ],
            vec![sim(create(&spec, &bus), T0 - HOUR, target)],
        ))
        .unwrap()
    };
    let fates = &report.subscribers[0].fates;
    assert_eq!(delivered_at(&fates[1]), 300, "event 2 overtakes event 1");
    assert_eq!(delivered_at(&fates[0]), 1_200);
}

#[test]
fn deduplication_within_five_minutes_per_account_and_group() {
    // 5-minute window, scoped to the account and to the event group when the entry has one;
    // a suppressed duplicate answers DEDUPLICATED (eb-custom-bus-ordering.md, dedup section).
    let bus = bus(None);
    let mut other_account = publish_at(T0 + 2 * MINUTE, vec![order("{}", None, Some("d1"))]);
    other_account.account = "444455556666".into();
    let mut content = publish_at(T0 + 3 * MINUTE, vec![order(r#"{"same":true}"#, None, None)]);
    content.content_based_deduplication = true;
    let mut content_again = content.clone();
    content_again.at_ms = T0 + 4 * MINUTE;
    let publishes = vec![
        publish_at(T0, vec![order("{}", None, Some("d1"))]),
        publish_at(
            T0 + MINUTE,
            vec![order(r#"{"changed":1}"#, None, Some("d1"))],
        ),
        other_account,
        content,
        content_again,
        publish_at(T0 + 4 * MINUTE, vec![order("{}", Some("g1"), Some("d1"))]),
        publish_at(T0 + 5 * MINUTE, vec![order("{}", None, Some("d1"))]),
        publish_at(T0 + 5 * MINUTE + 1, vec![order("{}", None, Some("d1"))]),
    ];
    let report = simulate(&scenario(bus.clone(), publishes, vec![])).unwrap();
    let outcomes: Vec<&str> = report
        .publish_results
        .iter()
        .map(|r| match r.outcome {
            PublishOutcome::Published { .. } => "PUBLISHED",
            PublishOutcome::Deduplicated { .. } => "DEDUPLICATED",
            PublishOutcome::Failed { .. } => "FAILED",
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            "PUBLISHED",    // first d1
            "DEDUPLICATED", // same id a minute later, even with another payload
            "PUBLISHED",    // another account
            "PUBLISHED",    // content-based, first
            "DEDUPLICATED", // content-based, same content
            "PUBLISHED",    // same id, but in event group g1
            "PUBLISHED",    // 5 minutes after the first d1: the window has closed
            "DEDUPLICATED", // within 5 minutes of that one
        ]
    );
    assert_eq!(report.events.len(), 5);
    assert_eq!(report.publish_metrics.entry_count, 8);
    assert_eq!(report.publish_metrics.failed_entries_count, 0);
}

#[test]
fn starting_positions_and_retention() {
    // LATEST sees only events published after the subscriber exists; POINT_IN_TIME/HORIZON
    // replays retained events as REPLAY; TIMESTAMP starts at its point
    // (delivery-troubleshooting.md, eb-custom-bus-replay.md); retention 1 day by default
    // (eb-custom-bus-create.html).
    let bus = bus(None);
    let created = T0 + HOUR;
    let horizon = |point_type, starting_point_ms| SubscriberSpec {
        starting_position: StartingPosition::PointInTime,
        point_in_time: Some(PointInTimeConfiguration {
            point_type,
            starting_point_ms,
            end_point_ms: None,
        }),
        ..spec("replay", &bus)
    };
    let subscribers = vec![
        sim(
            create_at(&spec("latest", &bus), &bus, created),
            created,
            healthy(),
        ),
        sim(
            create_at(&horizon(PointType::Horizon, None), &bus, created),
            created,
            healthy(),
        ),
        sim(
            create_at(
                &horizon(PointType::Timestamp, Some(T0 + MINUTE)),
                &bus,
                created,
            ),
            created,
            healthy(),
        ),
        // Created two days later: the first events left the one-day retention window.
        sim(
            create_at(&horizon(PointType::Horizon, None), &bus, T0 + 48 * HOUR),
            T0 + 48 * HOUR,
            healthy(),
        ),
    ];
    let mut scenario = scenario(
        bus.clone(),
        vec![
            publish_at(T0, vec![order(r#"{"n":1}"#, None, None)]),
            publish_at(T0 + 2 * MINUTE, vec![order(r#"{"n":2}"#, None, None)]),
            publish_at(T0 + 2 * HOUR, vec![order(r#"{"n":3}"#, None, None)]),
            publish_at(T0 + 30 * HOUR, vec![order(r#"{"n":4}"#, None, None)]),
        ],
        subscribers,
    );
    scenario.until_ms = T0 + 72 * HOUR;
    let report = simulate(&scenario).unwrap();
    let delivered = |s: usize| -> Vec<usize> {
        report.subscribers[s]
            .fates
            .iter()
            .enumerate()
            .filter(|(_, f)| matches!(f, Fate::Delivered { .. }))
            .map(|(i, _)| i)
            .collect()
    };
    assert_eq!(delivered(0), [2, 3]);
    assert_eq!(delivered(1), [0, 1, 2, 3]);
    assert_eq!(delivered(2), [1, 2, 3]);
    assert_eq!(delivered(3), [3]);
    assert_eq!(
        report.subscribers[1].delivery_types[0],
        DeliveryType::Replay
    );
    assert_eq!(report.subscribers[1].delivery_types[2], DeliveryType::Live);
    match &report.subscribers[1].fates[0] {
        Fate::Delivered { at_ms, payload, .. } => {
            assert_eq!(*at_ms, created + 100, "replayed when the subscriber starts");
            assert!(payload.contains(r#""n":1"#));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn service_faults_retry_without_limit() {
    // "EventBridge retries some failures inside EventBridge without limit, regardless of
    // RetryPolicy" (eb-custom-bus-retry.html).
    let bus = bus(None);
    let target = TargetBehaviour {
        latency_ms: 100,
        failures: vec![FailureWindow {
            from_ms: T0,
            until_ms: T0 + 30 * MINUTE,
            kind: FailureKind::ServiceFault,
        }],
        dead_letter_queue_denied: false,
    };
    let report = simulate(&scenario(
        bus.clone(),
        vec![publish_at(T0, vec![order("{}", None, None)])],
        vec![sim(create(&spec("q", &bus), &bus), T0 - HOUR, target)],
    ))
    .unwrap();
    let s = &report.subscribers[0];
    match s.fates[0] {
        Fate::Delivered {
            at_ms, attempts, ..
        } => {
            assert!(at_ms >= T0 + 30 * MINUTE);
            assert!(attempts > 6, "more attempts than the budget: {attempts}");
        }
        ref other => panic!("{other:?}"),
    }
    assert_eq!(s.metrics.totals.get(SubscriberMetric::TargetInvocations), 1);
}

#[test]
fn a_dead_letter_queue_the_role_cannot_write_loses_events_silently() {
    // "otherwise the failure leaves no trace anywhere" (SKILL.md, secondary).
    let bus = bus(None);
    let mut spec = spec("q", &bus);
    spec.on_failure_arn = Some(format!("arn:aws:sqs:{REGION}:{ACCOUNT}:dlq"));
    let mut target = outage(T0, T0 + HOUR);
    target.dead_letter_queue_denied = true;
    let report = simulate(&scenario(
        bus.clone(),
        vec![publish_at(T0, vec![order("{}", None, None)])],
        vec![sim(create(&spec, &bus), T0 - HOUR, target)],
    ))
    .unwrap();
    let s = &report.subscribers[0];
    assert!(matches!(s.fates[0], Fate::Lost { .. }));
    assert!(s.dead_letters.is_empty());
    assert_eq!(s.metrics.totals.get(SubscriberMetric::EventsDropped), 0);
    assert_eq!(
        s.metrics
            .totals
            .get(SubscriberMetric::OnFailureDestinationDelivered),
        0
    );
}

#[test]
fn scopes_filter_what_is_delivered_and_stopped_subscribers_keep_a_backlog() {
    let bus = bus(None);
    let mut filtered = spec("filtered", &bus);
    filtered.filter_configuration = Some(FilterConfiguration {
        filters: vec![
            FilterSpec::new(
                Scope::Data,
                r#"{"detail":{"total":[{"numeric":[">",100]}]}}"#,
            ),
            FilterSpec::new(
                Scope::SystemMetadata,
                r#"{"aws:Source":["com.example.orders"]}"#,
            ),
        ],
        ..FilterConfiguration::default()
    });
    let mut stopped = spec("stopped", &bus);
    stopped.state = SubscriberState::Stopped;
    let raw = PublishEntry::PutRawEvents(PutRawEventsEntry {
        content_type: ContentType::Json,
        data: r#"{"total":500}"#.into(),
        metadata: vec![],
        event_group_id: None,
        deduplication_id: None,
    });
    let mut raw_call = publish_at(T0, vec![raw]);
    raw_call.origin = EventOrigin::PutRawEvents;
    let report = simulate(&scenario(
        bus.clone(),
        vec![
            publish_at(
                T0,
                vec![
                    order(r#"{"total":500}"#, None, None),
                    order(r#"{"total":5}"#, None, None),
                ],
            ),
            raw_call,
        ],
        vec![
            sim(create(&filtered, &bus), T0 - HOUR, healthy()),
            sim(create(&stopped, &bus), T0 - HOUR, healthy()),
        ],
    ))
    .unwrap();
    let f = &report.subscribers[0];
    assert!(matches!(f.fates[0], Fate::Delivered { .. }));
    assert_eq!(f.fates[1], Fate::FilteredOut);
    // A raw event has its payload at the top and no aws:Source: both filters miss it.
    assert_eq!(f.fates[2], Fate::FilteredOut);
    assert_eq!(f.metrics.totals.get(SubscriberMetric::FilterEvaluated), 3);
    assert_eq!(f.metrics.totals.get(SubscriberMetric::FilterMatched), 1);
    assert!(report.subscribers[1]
        .fates
        .iter()
        .all(|f| *f == Fate::Backlog));
    assert!(
        report.describe().contains("filtered: 1 delivered"),
        "{}",
        report.describe()
    );
}

#[test]
fn metric_identities_hold_over_a_mixed_run() {
    let bus = bus(None);
    let mut with_dlq = spec("with-dlq", &bus);
    with_dlq.on_failure_arn = Some(format!("arn:aws:sqs:{REGION}:{ACCOUNT}:dlq"));
    let publishes: Vec<Publish> = (0..40)
        .map(|i| {
            publish_at(
                T0 + i * 20_000,
                vec![order(&format!(r#"{{"n":{i}}}"#), None, None)],
            )
        })
        .collect();
    let report = simulate(&scenario(
        bus.clone(),
        publishes,
        vec![
            sim(
                create(&with_dlq, &bus),
                T0 - HOUR,
                outage(T0 + 3 * MINUTE, T0 + 9 * MINUTE),
            ),
            sim(
                create(&spec("no-dlq", &bus), &bus),
                T0 - HOUR,
                outage(T0 + 3 * MINUTE, T0 + 9 * MINUTE),
            ),
        ],
    ))
    .unwrap();
    for s in &report.subscribers {
        let t = &s.metrics.totals;
        let matched = t.get(SubscriberMetric::FilterMatched);
        assert_eq!(
            matched,
            t.get(SubscriberMetric::EventsDelivered)
                + t.get(SubscriberMetric::EventsDropped)
                + t.get(SubscriberMetric::OnFailureDestinationDelivered),
            "{}",
            s.name
        );
        let per_event_attempts: u64 = s.attempts.iter().map(|a| a.events.len() as u64).sum();
        assert_eq!(
            t.get(SubscriberMetric::EventDeliveryAttempts),
            per_event_attempts
        );
        let minutes: u64 = s
            .metrics
            .per_minute
            .values()
            .map(|m| m.get(SubscriberMetric::EventDeliveryAttempts))
            .sum();
        assert_eq!(minutes, per_event_attempts);
        assert!(t.get(SubscriberMetric::EventsDelivered) > 0);
        assert!(
            t.get(SubscriberMetric::EventsDropped)
                + t.get(SubscriberMetric::OnFailureDestinationDelivered)
                > 0
        );
    }
    assert_eq!(report.metric_dimension.split('/').next(), Some("orders"));
}

#[test]
fn refused_entries_fail_alone() {
    let bus = bus(None);
    let report = simulate(&scenario(
        bus,
        vec![publish_at(
            T0,
            vec![order("not json", None, None), order("{}", None, None)],
        )],
        vec![],
    ))
    .unwrap();
    assert!(matches!(
        report.publish_results[0].outcome,
        PublishOutcome::Failed { .. }
    ));
    assert_eq!(
        report.publish_results[1].outcome,
        PublishOutcome::Published { event: 0 }
    );
    assert_eq!(report.publish_metrics.failed_entries_count, 1);
}

#[test]
fn backoff_doubles_to_its_cap() {
    let backoff = Backoff::default();
    let delays: Vec<i64> = (1..=8).map(|n| backoff.delay_ms(n)).collect();
    assert_eq!(
        delays,
        [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]
    );
    assert_eq!(backoff.delay_ms(185), 60_000);
}

/// Regression: the simulation refused partner events forwarded by an event source, because it
/// checked them like a publisher's own `PutEvents` (whose `Source` may not start with `aws.`).
/// Forwarded events keep the partner's source
/// (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-partner-events.html>).
#[test]
fn a_forwarded_partner_event_is_stored_though_its_source_starts_with_aws() {
    let bus = bus(None);
    let entry = PublishEntry::PutEvents(PutEventsEntry {
        source: "aws.partner/shopify.com/1/store".into(),
        detail_type: "orders/create".into(),
        detail: "{}".into(),
        resources: vec![],
        event_group_id: None,
        deduplication_id: None,
    });
    let forwarded = Publish {
        origin: EventOrigin::EventSource,
        ..publish_at(T0, vec![entry.clone()])
    };
    let own = publish_at(T0, vec![entry]);
    let report = simulate(&scenario(bus, vec![forwarded, own], vec![])).unwrap();
    let outcomes: Vec<bool> = report
        .publish_results
        .iter()
        .map(|r| matches!(r.outcome, PublishOutcome::Published { .. }))
        .collect();
    assert_eq!(outcomes, [true, false]);
}
