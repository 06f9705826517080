//! Scenarios the simulator must refuse with a clear error, and hostile input.

mod common;

use common::*;
use delivery::*;

fn valid() -> Scenario {
    scenario(
        vec![target(
            RetryPolicy::default(),
            Some(dlq(true, true, true)),
            TargetBehaviour::default(),
        )],
        vec![at(0)],
    )
}

fn first_target(scenario: &mut Scenario) -> &mut SimTarget {
    &mut scenario.rules[0].targets[0]
}

type Mutation = fn(&mut Scenario);

#[test]
fn invalid_scenarios_are_rejected_with_kind_and_location() {
    let table: Vec<(&str, Mutation, ScenarioErrorKind, &str)> = vec![
        (
            "186 retries",
            |s| first_target(s).retry.maximum_retry_attempts = 186,
            ScenarioErrorKind::OutOfRange,
            "rules[0].targets[0].retry.maximum_retry_attempts",
        ),
        (
            "59 s age",
            |s| first_target(s).retry.maximum_event_age_seconds = 59,
            ScenarioErrorKind::OutOfRange,
            "rules[0].targets[0].retry.maximum_event_age_seconds",
        ),
        (
            "86401 s age",
            |s| first_target(s).retry.maximum_event_age_seconds = 86_401,
            ScenarioErrorKind::OutOfRange,
            "rules[0].targets[0].retry.maximum_event_age_seconds",
        ),
        (
            "six targets",
            |s| {
                let targets = (0..6)
                    .map(|i| SimTarget {
                        id: format!("t{i}"),
                        ..s.rules[0].targets[0].clone()
                    })
                    .collect();
                s.rules[0].targets = targets;
            },
            ScenarioErrorKind::Unsupported,
            "rules[0].targets",
        ),
        (
            "duplicate target id",
            |s| {
                let copy = s.rules[0].targets[0].clone();
                s.rules[0].targets.push(copy)
            },
            ScenarioErrorKind::Duplicate,
            "rules[0].targets[1].id",
        ),
        (
            "duplicate rule on a bus",
            |s| {
                let copy = s.rules[0].clone();
                s.rules.push(copy)
            },
            ScenarioErrorKind::Duplicate,
            "rules[1].name",
        ),
        (
            "rule name with a space",
            |s| s.rules[0].name = "bad name".into(),
            ScenarioErrorKind::InvalidName,
            "rules[0].name",
        ),
        (
            "rule name of 65 characters",
            |s| s.rules[0].name = "r".repeat(65),
            ScenarioErrorKind::InvalidName,
            "rules[0].name",
        ),
        (
            "empty target id",
            |s| first_target(s).id = String::new(),
            ScenarioErrorKind::InvalidName,
            "rules[0].targets[0].id",
        ),
        (
            "target arn that is not an ARN",
            |s| first_target(s).arn = "lambda".into(),
            ScenarioErrorKind::InvalidName,
            "rules[0].targets[0].arn",
        ),
        (
            "rule on an undeclared bus",
            |s| s.rules[0].bus = "orders".into(),
            ScenarioErrorKind::UnknownReference,
            "rules[0].bus",
        ),
        (
            "duplicate bus",
            |s| {
                s.buses.push(Bus {
                    name: "default".into(),
                })
            },
            ScenarioErrorKind::Duplicate,
            "buses[1].name",
        ),
        (
            "bus name with a space",
            |s| {
                s.buses.push(Bus {
                    name: "my bus".into(),
                })
            },
            ScenarioErrorKind::InvalidName,
            "buses[1].name",
        ),
        (
            "active partner source without its bus",
            |s| {
                s.sources.push(SourceState {
                    name: "aws.partner/auth0.com/t1/auth0.logs".into(),
                    state: EventSourceState::Active,
                })
            },
            ScenarioErrorKind::UnknownReference,
            "sources[0].state",
        ),
        (
            "malformed partner source name",
            |s| {
                s.sources.push(SourceState {
                    name: "aws.partner/auth0.com".into(),
                    state: EventSourceState::Pending,
                })
            },
            ScenarioErrorKind::InvalidName,
            "sources[0].name",
        ),
        (
            "event to an undeclared partner source",
            |s| s.events.explicit[0].to = Ingress::PartnerSource("aws.partner/a.com/b/c".into()),
            ScenarioErrorKind::UnknownReference,
            "events.explicit[0].to",
        ),
        (
            "FIFO dead-letter queue",
            |s| first_target(s).dlq.as_mut().unwrap().arn = format!("{DLQ_ARN}.fifo"),
            ScenarioErrorKind::Unsupported,
            "rules[0].targets[0].dlq.arn",
        ),
        (
            "SNS topic as dead-letter queue",
            |s| {
                first_target(s).dlq.as_mut().unwrap().arn =
                    "arn:aws:sns:us-east-1:123456789012:t".into()
            },
            ScenarioErrorKind::Unsupported,
            "rules[0].targets[0].dlq.arn",
        ),
        (
            "HTTP status from a Lambda",
            |s| {
                first_target(s).behaviour.transient = Some(TransientFailures {
                    probability: 0.1,
                    error: RetryableError::HttpStatus(503),
                })
            },
            ScenarioErrorKind::Unsupported,
            "rules[0].targets[0].behaviour.transient.error",
        ),
        (
            "404 as a retryable error",
            |s| {
                first_target(s).kind = TargetKind::ApiDestination;
                first_target(s).arn = API_DESTINATION_ARN.into();
                first_target(s).behaviour.outages = vec![Outage {
                    from_ms: 0,
                    until_ms: 10,
                    error: RetryableError::HttpStatus(404),
                }];
            },
            ScenarioErrorKind::Unsupported,
            "rules[0].targets[0].behaviour.outages[0].error",
        ),
        (
            "429 as a non-retryable error",
            |s| {
                first_target(s).kind = TargetKind::ApiDestination;
                first_target(s).arn = API_DESTINATION_ARN.into();
                first_target(s).behaviour.non_retryable = Some(NonRetryableFailure {
                    error: NonRetryableError::HttpStatus(429),
                    from_ms: 0,
                    until_ms: None,
                });
            },
            ScenarioErrorKind::Unsupported,
            "rules[0].targets[0].behaviour.non_retryable.error",
        ),
        (
            "probability above 1",
            |s| {
                first_target(s).behaviour.transient = Some(TransientFailures {
                    probability: 1.5,
                    error: RetryableError::Timeout,
                })
            },
            ScenarioErrorKind::OutOfRange,
            "rules[0].targets[0].behaviour.transient.probability",
        ),
        (
            "NaN probability",
            |s| {
                first_target(s).behaviour.transient = Some(TransientFailures {
                    probability: f64::NAN,
                    error: RetryableError::Timeout,
                })
            },
            ScenarioErrorKind::OutOfRange,
            "rules[0].targets[0].behaviour.transient.probability",
        ),
        (
            "outage ending before it starts",
            |s| {
                first_target(s).behaviour.outages = vec![Outage {
                    from_ms: 10,
                    until_ms: 10,
                    error: RetryableError::Timeout,
                }]
            },
            ScenarioErrorKind::OutOfRange,
            "rules[0].targets[0].behaviour.outages[0]",
        ),
        (
            "rate limit of zero",
            |s| first_target(s).behaviour.rate_limit_per_second = Some(0),
            ScenarioErrorKind::OutOfRange,
            "rules[0].targets[0].behaviour.rate_limit_per_second",
        ),
        (
            "latency of an hour",
            |s| first_target(s).behaviour.latency_ms = 3_600_000,
            ScenarioErrorKind::OutOfRange,
            "rules[0].targets[0].behaviour.latency_ms",
        ),
        (
            "event ingested after 7 days",
            |s| s.events.explicit[0].at_ms = MAX_INGESTION_TIME_MS + 1,
            ScenarioErrorKind::OutOfRange,
            "events.explicit[0].at_ms",
        ),
        (
            "event over 256 KiB",
            |s| {
                s.events.explicit[0].text = " ".repeat(aws_model::limits::MAX_EVENT_ENTRY_BYTES + 1)
            },
            ScenarioErrorKind::TooLarge,
            "events.explicit[0].text",
        ),
        (
            "generator over the event budget",
            |s| {
                s.events.generated.push(GeneratedEvents {
                    to: Ingress::Bus("default".into()),
                    start_ms: 0,
                    rate_per_second: 100_000.0,
                    duration_ms: 3_600_000,
                    samples: vec![WeightedSample {
                        text: shop_event(),
                        weight: 1,
                    }],
                })
            },
            ScenarioErrorKind::TooLarge,
            "events.generated[0]",
        ),
        (
            "generator with infinite rate",
            |s| {
                s.events.generated.push(GeneratedEvents {
                    to: Ingress::Bus("default".into()),
                    start_ms: 0,
                    rate_per_second: f64::INFINITY,
                    duration_ms: 1,
                    samples: vec![WeightedSample {
                        text: shop_event(),
                        weight: 1,
                    }],
                })
            },
            ScenarioErrorKind::OutOfRange,
            "events.generated[0].rate_per_second",
        ),
        (
            "generator with only zero weights",
            |s| {
                s.events.generated.push(GeneratedEvents {
                    to: Ingress::Bus("default".into()),
                    start_ms: 0,
                    rate_per_second: 1.0,
                    duration_ms: 1000,
                    samples: vec![WeightedSample {
                        text: shop_event(),
                        weight: 0,
                    }],
                })
            },
            ScenarioErrorKind::OutOfRange,
            "events.generated[0].samples",
        ),
        (
            "generator without samples",
            |s| {
                s.events.generated.push(GeneratedEvents {
                    to: Ingress::Bus("default".into()),
                    start_ms: 0,
                    rate_per_second: 1.0,
                    duration_ms: 1000,
                    samples: Vec::new(),
                })
            },
            ScenarioErrorKind::OutOfRange,
            "events.generated[0].samples",
        ),
        (
            "backoff cap below base",
            |s| s.backoff.cap_ms = 10,
            ScenarioErrorKind::OutOfRange,
            "backoff.cap_ms",
        ),
        (
            "backoff base of zero",
            |s| s.backoff.base_ms = 0,
            ScenarioErrorKind::OutOfRange,
            "backoff.base_ms",
        ),
        (
            "account id of 3 digits",
            |s| s.options.account = "123".into(),
            ScenarioErrorKind::InvalidName,
            "options.account",
        ),
        // Regression: the simulator accepted any text starting with "arn:" as a target, while
        // the rule model checked its shape against the kind.
        (
            "target ARN of another kind",
            |s| first_target(s).arn = "arn:aws:sqs:us-east-1:123456789012:orders".into(),
            ScenarioErrorKind::InvalidName,
            "rules[0].targets[0].arn",
        ),
        (
            "target ARN in another partition",
            |s| first_target(s).arn = TARGET_ARN.replace("arn:aws:", "arn:aws-cn:"),
            ScenarioErrorKind::InvalidName,
            "rules[0].targets[0].arn",
        ),
        // Regression: the simulator allowed '/' in any bus name; AWS allows it only in partner
        // bus names (which are partner event source names).
        (
            "slash in a custom bus name",
            |s| {
                s.buses.push(Bus {
                    name: "team/orders".into(),
                })
            },
            ScenarioErrorKind::InvalidName,
            "buses[1].name",
        ),
        // Regression: the rule model refused a dead-letter queue in another region, the
        // simulator did not.
        (
            "dead-letter queue in another region",
            |s| {
                first_target(s).dlq.as_mut().unwrap().arn =
                    DLQ_ARN.replace("us-east-1", "eu-west-1")
            },
            ScenarioErrorKind::Unsupported,
            "rules[0].targets[0].dlq.arn",
        ),
        // Regression: the page allowed rate limits up to 100,000 per second, the simulator up
        // to 1,000,000; both now use MAX_RATE_LIMIT_PER_SECOND.
        (
            "rate limit above the maximum",
            |s| {
                first_target(s).behaviour.rate_limit_per_second =
                    Some(MAX_RATE_LIMIT_PER_SECOND + 1)
            },
            ScenarioErrorKind::OutOfRange,
            "rules[0].targets[0].behaviour.rate_limit_per_second",
        ),
        (
            "region that is not a region code",
            |s| s.options.region = "moon".into(),
            ScenarioErrorKind::InvalidName,
            "options.region",
        ),
        (
            "too many detailed events",
            |s| s.options.keep_details_for_first_events = MAX_DETAILED_EVENTS + 1,
            ScenarioErrorKind::OutOfRange,
            "options.keep_details_for_first_events",
        ),
    ];
    assert!(Simulation::new(&valid()).is_ok());
    for (label, mutate, kind, location) in table {
        let mut scenario = valid();
        mutate(&mut scenario);
        let error = match Simulation::new(&scenario) {
            Ok(_) => panic!("{label}: accepted"),
            Err(error) => error,
        };
        assert_eq!(
            (error.kind(), error.location()),
            (kind, location),
            "{label}: {error}"
        );
        assert!(error.to_string().starts_with(location), "{label}: {error}");
        assert!(error.message().len() > 10, "{label}: {error}");
    }
}

#[test]
fn patterns_and_events_the_matcher_rejects_are_reported_with_its_message() {
    let mut bad_pattern = valid();
    bad_pattern.rules[0].pattern = "{not json".into();
    let error = Simulation::new(&bad_pattern)
        .err()
        .expect("a malformed pattern is rejected");
    assert_eq!(
        (error.kind(), error.location()),
        (ScenarioErrorKind::InvalidPattern, "rules[0].pattern")
    );
    assert!(
        error.message().starts_with("Event pattern is not valid."),
        "{error}"
    );

    let mut long_pattern = valid();
    long_pattern.rules[0].pattern = format!("{{\"source\":[\"{}\"]}}", "s".repeat(5000));
    let error = Simulation::new(&long_pattern)
        .err()
        .expect("a pattern over 4096 characters is rejected");
    assert_eq!(
        (error.kind(), error.location()),
        (ScenarioErrorKind::InvalidPattern, "rules[0].pattern")
    );
    assert!(
        error.message().contains("less than or equal to 4096"),
        "{error}"
    );

    let mut bad_event = valid();
    bad_event.events.explicit[0].text = "plain string".into();
    let error = Simulation::new(&bad_event)
        .err()
        .expect("a non-JSON event is rejected");
    assert_eq!(
        (error.kind(), error.location()),
        (ScenarioErrorKind::InvalidEvent, "events.explicit[0].text")
    );
}

#[test]
fn deeply_nested_events_are_an_error_not_a_crash() {
    for text in [
        "[".repeat(200_000),
        format!("{{\"detail\":{}", "{\"a\":".repeat(40_000)),
    ] {
        let mut scenario = valid();
        scenario.events.explicit[0].text = text;
        let error = Simulation::new(&scenario).err().expect("rejected");
        assert_eq!(error.kind(), ScenarioErrorKind::InvalidEvent, "{error}");
    }
}

#[test]
fn scenario_json_round_trips() {
    let scenario = delivery::presets::throttled_api_destination();
    let text = serde_json::to_string(&scenario).unwrap();
    assert_eq!(Scenario::from_json(&text).unwrap(), scenario);
}

#[test]
fn minimal_json_uses_aws_defaults() {
    let text = r#"{"buses":[{"name":"default"}],"rules":[{"name":"r","bus":"default","pattern":"{}",
        "targets":[{"id":"t","arn":"arn:aws:sqs:us-east-1:123456789012:q","kind":"sqs"}]}]}"#;
    let scenario = Scenario::from_json(text).unwrap();
    let target = &scenario.rules[0].targets[0];
    assert_eq!(
        target.retry,
        RetryPolicy {
            maximum_retry_attempts: 185,
            maximum_event_age_seconds: 86_400
        }
    );
    assert!(scenario.rules[0].enabled);
    assert_eq!(scenario.backoff, BackoffConfig::default());
}

#[test]
fn bad_json_gives_clear_errors_without_panicking() {
    let deep_array = "[".repeat(100_000);
    let deep_object = r#"{"seed":"#.to_owned() + &"{\"a\":".repeat(50_000);
    let table: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("truncated", r#"{"seed": 1, "buses": ["#.into()),
        ("wrong type", r#"{"seed": "seven"}"#.into()),
        ("negative seed", r#"{"seed": -1}"#.into()),
        ("unknown field", r#"{"seed": 1, "rulez": []}"#.into()),
        ("unknown target kind", r#"{"rules":[{"name":"r","bus":"b","pattern":"{}","targets":[{"id":"t","arn":"arn:x","kind":"fax"}]}]}"#.into()),
        ("deeply nested array", deep_array),
        ("deeply nested object", deep_object),
        ("control characters", "{\"seed\u{0}\": 1}".into()),
    ];
    for (label, text) in table {
        let error = Scenario::from_json(&text).expect_err(label);
        assert_eq!(error.kind(), ScenarioErrorKind::Json, "{label}");
        assert!(
            error.message().contains("not valid JSON"),
            "{label}: {error}"
        );
    }
}

#[test]
fn oversized_json_is_refused_before_parsing() {
    let text = " ".repeat(Scenario::MAX_JSON_BYTES + 1);
    assert_eq!(
        Scenario::from_json(&text).unwrap_err().kind(),
        ScenarioErrorKind::TooLarge
    );
}

#[test]
fn hostile_strings_in_names_are_rejected_not_echoed_raw() {
    for name in ["<script>", "a\u{202e}b", "rule\nname", "ünïcode", "/"] {
        let mut scenario = valid();
        scenario.rules[0].name = name.into();
        let error = Simulation::new(&scenario).err().expect(name);
        assert_eq!(error.kind(), ScenarioErrorKind::InvalidName, "{name:?}");
    }
}
