use super::*;
use crate::filter::{FilterSpec, Scope};
use crate::problem::Severity;
use crate::transform::default_engine;

const REGION: &str = "us-east-1";
const ACCOUNT: &str = "111122223333";
const BUS: &str =
    "arn:aws:events:us-east-1:111122223333:event-busv2/orders/abcdefghij0123456789klmno";

fn valid() -> SubscriberSpec {
    SubscriberSpec {
        name: "large-orders".into(),
        event_bus_arn: BUS.into(),
        invoke: InvokeConfiguration {
            target_arn: "arn:aws:sqs:us-east-1:111122223333:large-orders".into(),
            role_arn: "arn:aws:iam::111122223333:role/delivery".into(),
        },
        ..SubscriberSpec::default()
    }
}

fn check(spec: &SubscriberSpec) -> Result<Subscriber, Problems> {
    let engine = default_engine();
    let bus = EventBus {
        name: "orders".into(),
        arn: BUS.into(),
        retention_days: 1,
        created_at_ms: 0,
    };
    spec.create(
        &SubscriberContext {
            region: REGION,
            account: ACCOUNT,
            now_ms: 10 * DAY_MS,
            bus: Some(&bus),
            engine: engine.as_deref(),
        },
        &IdGenerator::new(5),
    )
}

#[test]
fn defaults_are_the_new_bus_ones() {
    // 5 retries / 300 s (API_RetryPolicy, eb-custom-bus-retry.html), UNORDERED, LATEST, RUNNING,
    // RAW; batch size the target's maximum (10 for SQS, batchconfiguration page).
    let subscriber = check(&valid()).unwrap();
    assert_eq!(
        subscriber.retry(),
        EffectiveRetryPolicy {
            max_retry_attempts: 5,
            max_event_age_seconds: 300
        }
    );
    assert_eq!(subscriber.max_batch_size(), 10);
    assert_eq!(subscriber.target_kind(), SubscriberTargetKind::SqsQueue);
    assert!(subscriber
        .arn()
        .starts_with("arn:aws:events:us-east-1:111122223333:subscriber/large-orders/"));
    let words = subscriber.describe();
    assert!(
        words.contains(
            "up to 5 retries within 5 minutes of the event's ingestion (the new bus's defaults)"
        ),
        "{words}"
    );
    assert!(words.contains("receives every event"));
    assert!(words.contains("only the EventsDropped metric"));
    assert_eq!(
        RetryPolicy {
            max_retry_attempts: Some(0),
            ..RetryPolicy::default()
        }
        .effective()
        .max_event_age_seconds,
        300
    );
}

#[test]
fn validation_table() {
    use ProblemKind::*;
    type Case = (
        fn(&mut SubscriberSpec),
        &'static [(&'static str, ProblemKind)],
    );
    let table: &[Case] = &[
        (|_| {}, &[]),
        (|s| s.name = "-bad".into(), &[("Name", BadName)]),
        (|s| s.name = "x".repeat(257), &[("Name", BadName)]),
        (
            |s| s.event_bus_arn = "arn:aws:events:us-east-1:111122223333:event-bus/orders".into(),
            &[("EventBusArn", BadArn)],
        ),
        (
            |s| s.invoke.target_arn = String::new(),
            &[("InvokeConfiguration.TargetArn", Missing)],
        ),
        (
            |s| s.invoke.target_arn = "arn:aws:logs:us-east-1:111122223333:log-group:x".into(),
            &[("InvokeConfiguration.TargetArn", BadArn)],
        ),
        (
            |s| s.invoke.target_arn = "arn:aws:kinesis:us-east-1:111122223333:s".into(),
            &[("InvokeConfiguration.TargetArn", BadArn)],
        ),
        (
            |s| s.invoke.target_arn = "arn:aws:sqs:eu-west-1:111122223333:q".into(),
            &[("InvokeConfiguration.TargetArn", BadArn)],
        ),
        (
            |s| s.invoke.target_arn = "arn:aws:sqs:us-east-1:444455556666:q".into(),
            &[("InvokeConfiguration.TargetArn", BadArn)],
        ),
        (
            |s| s.invoke.target_arn = BUS.into(),
            &[("InvokeConfiguration.TargetArn", Conflict)],
        ),
        (
            |s| s.invoke.role_arn = String::new(),
            &[("InvokeConfiguration.RoleArn", Missing)],
        ),
        (
            |s| s.invoke.role_arn = "role/x".into(),
            &[("InvokeConfiguration.RoleArn", BadArn)],
        ),
        (
            |s| {
                s.retry_policy = Some(RetryPolicy {
                    max_retry_attempts: Some(186),
                    max_event_age_seconds: Some(59),
                    ..RetryPolicy::default()
                })
            },
            &[
                ("RetryPolicy.MaxRetryAttempts", OutOfRange),
                ("RetryPolicy.MaxEventAgeInSeconds", OutOfRange),
            ],
        ),
        (
            |s| {
                s.retry_policy = Some(RetryPolicy {
                    max_event_age_seconds: Some(86_401),
                    ..RetryPolicy::default()
                })
            },
            &[("RetryPolicy.MaxEventAgeInSeconds", OutOfRange)],
        ),
        (
            |s| s.on_failure_arn = Some("arn:aws:sns:us-east-1:111122223333:t".into()),
            &[("OnFailureConfiguration.Arn", BadArn)],
        ),
        (
            |s| {
                s.batch = Some(BatchConfiguration {
                    max_batch_size: Some(11),
                    max_batch_window_seconds: Some(301),
                })
            },
            &[
                ("BatchConfiguration.MaxBatchSize", OutOfRange),
                ("BatchConfiguration.MaxBatchWindowInSeconds", OutOfRange),
            ],
        ),
        (
            |s| s.starting_position = StartingPosition::PointInTime,
            &[("PointInTimeConfiguration.PointType", Missing)],
        ),
        (
            |s| {
                s.starting_position = StartingPosition::PointInTime;
                s.point_in_time = Some(PointInTimeConfiguration {
                    point_type: PointType::Timestamp,
                    starting_point_ms: Some(DAY_MS),
                    end_point_ms: None,
                });
            },
            &[("PointInTimeConfiguration.StartingPoint", OutOfRange)],
        ),
        (
            |s| {
                s.starting_position = StartingPosition::PointInTime;
                s.point_in_time = Some(PointInTimeConfiguration {
                    point_type: PointType::Timestamp,
                    starting_point_ms: Some(11 * DAY_MS),
                    end_point_ms: None,
                });
            },
            &[("PointInTimeConfiguration.StartingPoint", OutOfRange)],
        ),
        (
            |s| {
                s.point_in_time = Some(PointInTimeConfiguration {
                    point_type: PointType::Horizon,
                    starting_point_ms: None,
                    end_point_ms: None,
                })
            },
            &[("PointInTimeConfiguration", Conflict)],
        ),
        (
            |s| {
                s.invoke.target_arn =
                    "arn:aws:events:us-east-1:111122223333:event-bus/legacy".into();
                s.transformer = Some(Transformer {
                    kind: TransformerType::WithMetadata,
                    jsonata_expression: None,
                });
            },
            &[("Transformer.Type", Conflict)],
        ),
        (
            |s| {
                s.filter_configuration = Some(FilterConfiguration {
                    filters: vec![FilterSpec::new(Scope::Data, r#"{"a":[{"wildcard":"x*"}]}"#)],
                    ..FilterConfiguration::default()
                })
            },
            &[("FilterConfiguration.Filters[0].Pattern", Wildcard)],
        ),
    ];
    for (edit, expected) in table {
        let mut spec = valid();
        edit(&mut spec);
        let found: Vec<(String, ProblemKind)> = match check(&spec) {
            Ok(_) => vec![],
            Err(problems) => problems
                .errors()
                .map(|p| (p.path().to_string(), p.kind()))
                .collect(),
        };
        let expected: Vec<(String, ProblemKind)> =
            expected.iter().map(|(p, k)| (p.to_string(), *k)).collect();
        assert_eq!(found, expected, "{spec:?}");
    }
}

#[test]
fn every_problem_comes_back_at_once_with_its_path() {
    let mut spec = valid();
    spec.name = String::new();
    spec.invoke.target_arn = "arn:aws:sqs:eu-west-1:444455556666:q".into();
    spec.transformer = Some(Transformer::jsonata("$events"));
    spec.retry_policy = Some(RetryPolicy {
        max_retry_attempts: Some(500),
        ..RetryPolicy::default()
    });
    spec.filter_configuration = Some(FilterConfiguration {
        filters: vec![
            FilterSpec::new(Scope::Metadata, r#"{"t":[{"prefix":"a"}]}"#),
            FilterSpec::new(Scope::Metadata, r#"{"u":["b"]}"#),
        ],
        ..FilterConfiguration::default()
    });
    let problems = check(&spec).unwrap_err();
    let paths: Vec<String> = problems
        .all()
        .iter()
        .map(|p| p.path().to_string())
        .collect();
    assert_eq!(
        paths,
        [
            "Name",
            "InvokeConfiguration.TargetArn",
            "InvokeConfiguration.TargetArn",
            "FilterConfiguration.Filters[0].Pattern",
            "FilterConfiguration.Filters[1].Scope",
            "Transformer.JsonataConfiguration.Expression",
            "RetryPolicy.MaxRetryAttempts",
        ]
    );
    // The region and account texts are AWS's (target-contract.md); the rest are ours.
    assert_eq!(
        problems.all()[1].message(),
        "TargetArn must be in region us-east-1"
    );
    assert_eq!(
        problems.all()[2].message(),
        "Target resource account (444455556666) must match the subscriber account (111122223333)"
    );
    assert!(problems.all()[1].is_aws_text() && !problems.all()[0].is_aws_text());
    assert_eq!(problems.all()[4].severity(), Severity::Warning);
    assert!(problems.describe().contains("(our wording)"));
}

#[test]
fn target_kinds_resolve_from_arns() {
    let table: &[(&str, Result<SubscriberTargetKind, &str>)] = &[
        (
            "arn:aws:sqs:us-east-1:1:q.fifo",
            Ok(SubscriberTargetKind::SqsQueue),
        ),
        (
            "arn:aws:lambda:us-east-1:1:function:f:live",
            Ok(SubscriberTargetKind::LambdaFunction),
        ),
        (
            "arn:aws:states:us-east-1:1:stateMachine:m",
            Ok(SubscriberTargetKind::StepFunctions),
        ),
        (
            "arn:aws:execute-api:us-east-1:1:abc/prod/POST/orders",
            Ok(SubscriberTargetKind::ApiGateway),
        ),
        (
            "arn:aws:events:us-east-1:1:api-destination/d/id",
            Ok(SubscriberTargetKind::ApiDestination),
        ),
        (
            "arn:aws:events:us-east-1:1:event-busv2/b/abcdefghij0123456789klmno",
            Ok(SubscriberTargetKind::CustomEventBus),
        ),
        (
            "arn:aws:events:us-east-1:1:event-bus/legacy",
            Ok(SubscriberTargetKind::ClassicEventBus),
        ),
        (
            "arn:aws:firehose:us-east-1:1:deliverystream:d",
            Err("deliverystream/{name}"),
        ),
        (
            "arn:aws:events:us-east-1:1:rule/r",
            Err("not a supported subscriber target"),
        ),
        (
            "arn:aws:ecs:us-east-1:1:cluster/c",
            Err("not a supported subscriber target"),
        ),
    ];
    for (arn, expected) in table {
        let got = SubscriberTargetKind::resolve(&aws_model::Arn::parse(arn).unwrap());
        match (got, expected) {
            (Ok(kind), Ok(want)) => assert_eq!(kind, *want, "{arn}"),
            (Err(message), Err(fragment)) => {
                assert!(message.contains(fragment), "{arn}: {message}")
            }
            (got, want) => panic!("{arn}: got {got:?}, want {want:?}"),
        }
    }
    // Per-target batch maxima (aws-properties-eventsv2-subscriber-batchconfiguration).
    assert_eq!(SubscriberTargetKind::KinesisStream.max_batch_size(), 500);
    assert_eq!(SubscriberTargetKind::LambdaFunction.max_batch_size(), 100);
    assert_eq!(SubscriberTargetKind::ApiDestination.max_batch_size(), 1);
}

#[test]
fn buses_retention_and_names() {
    // Retention 1-365 days, default 1 (eb-custom-bus-create.html).
    let ids = IdGenerator::new(9);
    let bus = EventBusSpec {
        name: "orders".into(),
        retention_days: None,
    }
    .create(REGION, ACCOUNT, &ids, 0)
    .unwrap();
    assert_eq!(bus.retention_days, 1);
    assert!(crate::ids::parse_bus_arn(&bus.arn).is_ok());
    assert_eq!(bus.retention_window_start_ms(3 * DAY_MS), 2 * DAY_MS);
    assert_eq!(
        bus.retention_window_start_ms(DAY_MS / 2),
        0,
        "never before the bus existed"
    );
    let problems = EventBusSpec {
        name: "_x".into(),
        retention_days: Some(366),
    }
    .create(REGION, ACCOUNT, &ids, 0)
    .unwrap_err();
    assert_eq!(problems.errors().count(), 2);
    assert!(EventBusSpec {
        name: "x".into(),
        retention_days: Some(0)
    }
    .create(REGION, ACCOUNT, &ids, 0)
    .is_err());
    assert!(EventBusSpec {
        name: "x".into(),
        retention_days: Some(365)
    }
    .create(REGION, ACCOUNT, &ids, 0)
    .is_ok());
}

#[test]
fn trying_an_entry_shows_each_filter_and_the_transformed_payload() {
    // DATA is the PutEvents envelope with Detail under "detail"
    // (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-transform.html>).
    let spec = SubscriberSpec {
        filter_configuration: Some(FilterConfiguration {
            filters: vec![FilterSpec::new(
                Scope::Data,
                r#"{"detail":{"total":[{"numeric":[">",100]}]}}"#,
            )],
            ..FilterConfiguration::default()
        }),
        transformer: Some(Transformer::jsonata(r#"{% {"order": $.Data.detail.id} %}"#)),
        ..valid()
    };
    let subscriber = check(&spec).unwrap_or_else(|problems| panic!("{problems}"));
    let location = BusLocation {
        region: REGION.into(),
        account: ACCOUNT.into(),
    };
    let order = |total: u32| {
        PublishEntry::PutEvents(crate::event::PutEventsEntry {
            source: "com.example.orders".into(),
            detail_type: "OrderPlaced".into(),
            detail: format!(r#"{{"id":"o-{total}","total":{total}}}"#),
            resources: vec![],
            event_group_id: None,
            deduplication_id: None,
        })
    };
    match subscriber.try_entry(&order(500), EventOrigin::PutEvents, &location, 10 * DAY_MS) {
        EntryTrial::Evaluated {
            filters, payload, ..
        } => {
            assert!(filters.matched(), "{}", filters.describe());
            assert_eq!(payload.unwrap().unwrap(), r#"{"order":"o-500"}"#);
        }
        other => panic!("{other:?}"),
    }
    match subscriber.try_entry(&order(20), EventOrigin::PutEvents, &location, 10 * DAY_MS) {
        EntryTrial::Evaluated {
            filters, payload, ..
        } => {
            assert!(!filters.matched());
            assert!(payload.is_none());
        }
        other => panic!("{other:?}"),
    }
    let forged = PublishEntry::PutEvents(crate::event::PutEventsEntry {
        source: "aws.s3".into(),
        ..match order(1) {
            PublishEntry::PutEvents(e) => e,
            _ => unreachable!(),
        }
    });
    match subscriber.try_entry(&forged, EventOrigin::PutEvents, &location, 10 * DAY_MS) {
        EntryTrial::Refused(problems) => assert!(problems[0].contains("aws."), "{problems:?}"),
        other => panic!("{other:?}"),
    }
}
