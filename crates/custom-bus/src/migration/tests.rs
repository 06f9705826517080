use super::*;
use crate::event::{
    BusEvent, BusLocation, DeliveryType, EventOrigin, PublishEntry, PutEventsEntry,
};
use crate::ids::IdGenerator;
use crate::subscriber::SubscriberContext;
use crate::transform::{default_engine, CompiledTransformer};

const BUS: &str =
    "arn:aws:events:us-east-1:111122223333:event-busv2/orders/abcdefghij0123456789klmno";

fn rule(pattern: &str, targets: Vec<ClassicTarget>) -> ClassicRule {
    ClassicRule {
        name: "orders".into(),
        region: "us-east-1".into(),
        account: "111122223333".into(),
        event_pattern: pattern.into(),
        targets,
    }
}

fn sqs_target(input: ClassicInput) -> ClassicTarget {
    ClassicTarget {
        id: "queue".into(),
        kind: TargetKind::SqsQueue,
        arn: "arn:aws:sqs:us-east-1:111122223333:orders".into(),
        role_arn: Some("arn:aws:iam::111122223333:role/delivery".into()),
        retry_policy: None,
        dead_letter_arn: Some("arn:aws:sqs:us-east-1:111122223333:dlq".into()),
        input,
    }
}

fn topics(notes: &[MigrationNote]) -> Vec<(NoteTopic, bool)> {
    notes.iter().map(|n| (n.topic, n.needs_action)).collect()
}

#[test]
fn a_wildcard_rule_with_a_24_hour_policy_is_flagged_on_both_counts() {
    // The issue's browser scenario: wildcards must go (eb-custom-bus-migrate.md), and the
    // shorter retry defaults need 86,400 set explicitly (eb-custom-bus-retry.html).
    let pattern = "{\"source\": [\"shop\"],\n \"detail-type\": [{\"wildcard\": \"order*\"}], \"detail\": {\"sku\": [{\"wildcard\": \"*-XL\"}]}}";
    let mut target = sqs_target(ClassicInput::MatchedEvent);
    target.retry_policy = Some(aws_model::RetryPolicy {
        maximum_retry_attempts: 185,
        maximum_event_age_seconds: 86_400,
    });
    let engine = default_engine();
    let plan = migrate(&rule(pattern, vec![target]), BUS, engine.as_deref());
    let wildcard_notes: Vec<&MigrationNote> = plan
        .notes
        .iter()
        .filter(|n| n.topic == NoteTopic::Wildcard)
        .collect();
    assert_eq!(
        wildcard_notes[0].suggestion.as_deref(),
        Some(r#"{"prefix":"order"}"#)
    );
    assert_eq!(
        wildcard_notes[1].suggestion.as_deref(),
        Some(r#"{"suffix":"-XL"}"#)
    );
    // The filter keeps the user's text around the rewrites.
    let filter = &plan.subscribers[0]
        .spec
        .filter_configuration
        .as_ref()
        .unwrap()
        .filters[0];
    assert_eq!(
        filter.pattern,
        "{\"source\": [\"shop\"],\n \"detail-type\": [{\"prefix\":\"order\"}], \"detail\": {\"sku\": [{\"suffix\":\"-XL\"}]}}"
    );
    // `source` in DATA: the provenance advice (open question 8 of docs/custom-event-bus.md), with
    // the values as written.
    let provenance = plan
        .notes
        .iter()
        .find(|n| n.topic == NoteTopic::SourceProvenance)
        .unwrap();
    assert_eq!(
        provenance.suggestion.as_deref(),
        Some(r#"{"aws:Source":["shop"]}"#)
    );
    let subscriber = &plan.subscribers[0];
    let retry = subscriber.spec.retry_policy.unwrap();
    assert_eq!(
        (retry.max_retry_attempts, retry.max_event_age_seconds),
        (Some(185), Some(86_400))
    );
    let retry_note = subscriber
        .notes
        .iter()
        .find(|n| n.topic == NoteTopic::RetryDefaults)
        .unwrap();
    assert!(
        retry_note.message.contains("5 retries or 5 minutes"),
        "{}",
        retry_note.message
    );
    assert!(retry_note.message.contains("MaxEventAgeInSeconds 86400"));
    assert!(plan.needs_action());
    let words = plan.describe();
    assert!(words.contains("[ACTION] wildcard"), "{words}");
    // The migrated subscriber passes validation as previewed.
    let created = subscriber.spec.create(
        &SubscriberContext {
            region: "us-east-1",
            account: "111122223333",
            now_ms: 0,
            bus: None,
            engine: engine.as_deref(),
        },
        &IdGenerator::new(1),
    );
    assert!(created.is_ok(), "{:?}", created.err());
}

#[test]
fn classic_defaults_are_written_out_and_an_unrewritable_wildcard_is_kept() {
    let plan = migrate(
        &rule(
            r#"{"detail":{"path":[{"wildcard":"a*b"}]}}"#,
            vec![sqs_target(ClassicInput::MatchedEvent)],
        ),
        BUS,
        None,
    );
    let subscriber = &plan.subscribers[0];
    let retry = subscriber.spec.retry_policy.unwrap();
    assert_eq!(
        (retry.max_retry_attempts, retry.max_event_age_seconds),
        (Some(185), Some(86_400))
    );
    assert_eq!(
        subscriber
            .spec
            .filter_configuration
            .as_ref()
            .unwrap()
            .filters[0]
            .pattern,
        r#"{"detail":{"path":[{"wildcard":"a*b"}]}}"#
    );
    assert!(plan
        .notes
        .iter()
        .any(|n| n.topic == NoteTopic::Wildcard && n.needs_action && n.suggestion.is_none()));
    assert_eq!(
        subscriber.spec.transformer, None,
        "the matched event is delivered RAW"
    );
    let dlq = subscriber
        .notes
        .iter()
        .find(|n| n.topic == NoteTopic::DeadLetterRecord)
        .unwrap();
    assert!(
        dlq.needs_action
            && dlq.message.contains("RULE_ARN")
            && dlq.message.contains("failedMessages")
    );
}

#[test]
fn each_target_becomes_a_subscriber_and_unsupported_or_roleless_targets_are_flagged() {
    let lambda = ClassicTarget {
        id: "fn".into(),
        kind: TargetKind::LambdaFunction,
        arn: "arn:aws:lambda:us-east-1:111122223333:function:handle".into(),
        role_arn: None,
        retry_policy: Some(aws_model::RetryPolicy {
            maximum_retry_attempts: 3,
            maximum_event_age_seconds: 600,
        }),
        dead_letter_arn: None,
        input: ClassicInput::MatchedEvent,
    };
    let logs = ClassicTarget {
        id: "logs".into(),
        kind: TargetKind::CloudWatchLogGroup,
        arn: "arn:aws:logs:us-east-1:111122223333:log-group:/aws/events/orders".into(),
        role_arn: None,
        retry_policy: None,
        dead_letter_arn: None,
        input: ClassicInput::MatchedEvent,
    };
    let plan = migrate(
        &rule(
            r#"{"source":["shop"]}"#,
            vec![sqs_target(ClassicInput::MatchedEvent), lambda, logs],
        ),
        BUS,
        None,
    );
    let names: Vec<&str> = plan
        .subscribers
        .iter()
        .map(|s| s.spec.name.as_str())
        .collect();
    assert_eq!(names, ["orders-queue", "orders-fn", "orders-logs"]);
    assert!(plan.notes.iter().any(|n| n.topic == NoteTopic::FanOut));
    let lambda = &plan.subscribers[1];
    assert_eq!(
        lambda.spec.invoke.role_arn,
        "arn:aws:iam::111122223333:role/orders-delivery"
    );
    let retry = lambda.spec.retry_policy.unwrap();
    assert_eq!(
        (retry.max_retry_attempts, retry.max_event_age_seconds),
        (Some(3), Some(600))
    );
    assert!(topics(&lambda.notes).contains(&(NoteTopic::Target, true)));
    assert!(topics(&plan.subscribers[2].notes).contains(&(NoteTopic::Target, true)));
    assert!(!topics(&plan.subscribers[0].notes).contains(&(NoteTopic::Target, true)));
}

#[test]
fn jsonpaths_translate_to_jsonata_paths() {
    let table: &[(&str, Option<&str>)] = &[
        ("$", Some("$events.Data")),
        ("$.detail", Some("$events.Data.detail")),
        ("$.detail-type", Some("$events.Data.`detail-type`")),
        ("$.resources[0]", Some("$events.Data.resources[0]")),
        (
            "$.detail.items[2].sku",
            Some("$events.Data.detail.items[2].sku"),
        ),
        ("$..sku", None),
        ("$.detail.*", None),
        ("$['detail']", None),
        ("$.items[?(@.a)]", None),
        ("detail", None),
    ];
    for (path, expected) in table {
        assert_eq!(jsonpath_to_jsonata(path).as_deref(), *expected, "{path}");
    }
}

#[cfg(feature = "jsonata")]
fn ec2_event() -> BusEvent {
    let entry = PublishEntry::PutEvents(PutEventsEntry {
        source: "aws.ec2-like".into(),
        detail_type: "EC2 Instance State-change Notification".into(),
        detail: r#"{"instance-id":"i-0123456789","state":"RUNNING","user":{"id":"0a787ecb-4015","tags":["a","b"]}}"#.into(),
        resources: vec![],
        event_group_id: None,
        deduplication_id: None,
    });
    BusEvent::store(
        &entry,
        EventOrigin::PutEvents,
        1,
        "e-1".into(),
        1_789_584_000_000,
        &BusLocation {
            region: "us-east-1".into(),
            account: "111122223333".into(),
        },
    )
}

#[cfg(feature = "jsonata")]
fn translate_and_run(paths: &[(&str, &str)], template: &str) -> (MigrationPlan, String) {
    let input = ClassicInput::Transformer {
        paths: paths
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        template: template.into(),
    };
    let engine = default_engine();
    let plan = migrate(
        &rule(r#"{"source":["aws.ec2-like"]}"#, vec![sqs_target(input)]),
        BUS,
        engine.as_deref(),
    );
    let (compiled, problems) = CompiledTransformer::compile(
        plan.subscribers[0].spec.transformer.as_ref(),
        engine.as_deref(),
        &crate::problem::FieldPath::root(),
    );
    assert!(problems.all().is_empty(), "{problems}");
    let output = compiled
        .unwrap()
        .apply(&ec2_event(), DeliveryType::Live, 0)
        .unwrap();
    (plan, output)
}

#[cfg(feature = "jsonata")]
#[test]
fn a_text_template_translates_to_the_documented_output() {
    // eb-transform-target-input.html: "instance <instance> is in <state>" delivers
    // "instance i-0123456789 is in RUNNING".
    let (plan, output) = translate_and_run(
        &[
            ("instance", "$.detail.instance-id"),
            ("state", "$.detail.state"),
        ],
        "\"instance <instance> is in <state>\"",
    );
    assert_eq!(output, "\"instance i-0123456789 is in RUNNING\"");
    let note = plan.subscribers[0]
        .notes
        .iter()
        .find(|n| n.topic == NoteTopic::Input)
        .unwrap();
    assert_eq!(
        note.suggestion.as_deref(),
        Some("{% \"instance \" & $string($events.Data.detail.`instance-id`) & \" is in \" & $string($events.Data.detail.state) %}")
    );
    assert!(note.message.contains("without their double quotes"));
}

#[cfg(feature = "jsonata")]
#[test]
fn a_json_template_translates_value_by_value() {
    // eb-transform-target-input.html: unquoted placeholders insert typed JSON, quoted ones
    // insert the string; predefined variables.
    let (_, output) = translate_and_run(
        &[
            ("userId", "$.detail.user.id"),
            ("tags", "$.detail.user.tags"),
            ("detail-type", "$.detail-type"),
        ],
        r#"{"id": <userId>, "path": "users-service/users/<userId>", "tags": <tags>, "kind": <detail-type>, "rule": "<aws.events.rule-name>", "n": 1.50}"#,
    );
    let value: serde_json::Value = serde_json::from_str(&output).unwrap();
    assert_eq!(
        value,
        serde_json::json!({
            "id": "0a787ecb-4015",
            "path": "users-service/users/0a787ecb-4015",
            "tags": ["a", "b"],
            "kind": "EC2 Instance State-change Notification",
            "rule": "orders",
            "n": 1.5
        })
    );
}

#[test]
fn untranslatable_inputs_say_so_and_fall_back_to_raw() {
    let table = [
        ClassicInput::Path("$..id".into()),
        ClassicInput::Transformer {
            paths: vec![("x".into(), "$.detail[*]".into())],
            template: "<x>".into(),
        },
        ClassicInput::Transformer {
            paths: vec![],
            template: "{\"a\": <undefined>}".into(),
        },
        ClassicInput::Transformer {
            paths: vec![("k".into(), "$.detail.k".into())],
            template: "{\"<k>\": 1}".into(),
        },
    ];
    for input in table {
        let plan = migrate(
            &rule(r#"{"source":["s"]}"#, vec![sqs_target(input.clone())]),
            BUS,
            None,
        );
        let subscriber = &plan.subscribers[0];
        assert_eq!(subscriber.spec.transformer, None, "{input:?}");
        let note = subscriber
            .notes
            .iter()
            .find(|n| n.topic == NoteTopic::Input)
            .unwrap();
        assert!(
            note.needs_action && note.message.contains("cannot be translated"),
            "{input:?}: {}",
            note.message
        );
    }
}

#[test]
fn constants_and_paths_translate() {
    let plan = migrate(
        &rule(
            r#"{"source":["s"]}"#,
            vec![sqs_target(ClassicInput::Constant(
                r#"{"fixed": true}"#.into(),
            ))],
        ),
        BUS,
        None,
    );
    assert_eq!(
        plan.subscribers[0].spec.transformer,
        Some(Transformer::jsonata(r#"{% {"fixed": true} %}"#))
    );
    let plan = migrate(
        &rule(
            r#"{"source":["s"]}"#,
            vec![sqs_target(ClassicInput::Path("$.detail".into()))],
        ),
        BUS,
        None,
    );
    assert_eq!(
        plan.subscribers[0].spec.transformer,
        Some(Transformer::jsonata("{% $events.Data.detail %}"))
    );
}

#[test]
fn the_plan_exports_read_back_with_the_pattern_as_written() {
    let pattern = "{ \"source\" : [ \"shop\" ], \"detail\": {\"n\": [ 1.50 ]} }";
    let plan = migrate(
        &rule(pattern, vec![sqs_target(ClassicInput::MatchedEvent)]),
        BUS,
        None,
    );
    let json: serde_json::Value = serde_json::from_str(&plan.cloudformation_json()).unwrap();
    let properties = &json["Resources"]["OrdersQueue"]["Properties"];
    assert_eq!(
        properties["FilterConfiguration"]["Filters"][0]["Pattern"],
        pattern
    );
    assert_eq!(properties["RetryPolicy"]["MaxEventAgeInSeconds"], 86_400);
    let yaml: serde_json::Value = serde_yaml::from_str(&plan.cloudformation_yaml()).unwrap();
    assert_eq!(yaml, json);
    let script = plan.cli_script();
    assert!(script.starts_with("aws eventsv2 create-subscriber"));
    assert!(
        script.contains("--max-retry-attempts")
            || script.contains(
                "--retry-policy '{\"MaxRetryAttempts\":185,\"MaxEventAgeInSeconds\":86400}'"
            ),
        "{script}"
    );
}
