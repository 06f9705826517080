use super::*;
use custom_bus::compare::Side;
use custom_bus::migration::{migrate, ClassicRule, NoteTopic};
use custom_bus::subscriber::EntryTrial;
use custom_bus::transform::default_engine;

fn setup() -> BusSetup {
    BusForm::default().create()
}

#[test]
fn the_default_bus_is_fed_by_a_shopify_event_source() {
    let setup = setup();
    let bus = setup.bus().expect("the default bus is valid");
    assert!(bus.arn.contains(":event-busv2/orders/"), "{}", bus.arn);
    let source = setup.source().expect("the default source is valid");
    assert!(source
        .partner_source_name()
        .starts_with("aws.partner/shopify.com/"));
    let chain = source.chain();
    assert_eq!(chain.first().unwrap().name, "shopify.com");
    assert_eq!(chain[4].kind, "Custom Event Bus");
}

#[test]
fn a_bad_bus_lists_every_problem_and_the_source_waits_for_it() {
    let setup = BusForm {
        name: "bad name!".into(),
        retention_days: "forever".into(),
        ..BusForm::default()
    }
    .create();
    let problems = setup.bus.unwrap_err();
    assert!(problems.iter().any(|p| p.at == "Name"), "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.at.contains("RetentionPeriodInDays") && p.message.contains("forever")),
        "{problems:?}"
    );
    assert!(setup.source.unwrap().is_err());
    let none = BusForm {
        partner_id: String::new(),
        ..BusForm::default()
    }
    .create();
    assert!(none.source.is_none());
}

#[test]
fn the_default_subscriber_delivers_a_shopify_order_transformed_by_jsonata() {
    let setup = setup();
    let engine = default_engine();
    let subscriber = SubscriberForm::default()
        .create(setup.bus().unwrap(), engine.as_deref())
        .unwrap_or_else(|problems| panic!("{problems:?}"));
    let partner = BusForm::default().partner().unwrap();
    let samples = sample_events(partner);
    let mut delivered = Vec::new();
    for sample in &samples {
        let (entry, origin) = test_entry(sample, setup.source()).unwrap();
        assert_eq!(origin, EventOrigin::EventSource);
        match subscriber.try_entry(&entry, origin, &location(), NOW_MS) {
            EntryTrial::Evaluated {
                filters, payload, ..
            } => {
                if filters.matched() {
                    delivered.push(payload.unwrap().unwrap());
                }
            }
            EntryTrial::Refused(problems) => panic!("{problems:?}"),
        }
    }
    // Only the orders/create sample passes the DATA filter.
    assert_eq!(delivered, [r##"{"order":"#1187","total":"184.50"}"##]);
}

#[test]
fn a_wildcard_in_a_subscriber_filter_is_refused_with_its_path() {
    let form = SubscriberForm {
        data_filter: r#"{"detail-type":[{"wildcard":"orders/*"}]}"#.into(),
        max_retry_attempts: "x".into(),
        ..SubscriberForm::default()
    };
    let unreadable = form.create(setup().bus().unwrap(), None).unwrap_err();
    assert_eq!(unreadable[0].at, "RetryPolicy.MaxRetryAttempts");
    let form = SubscriberForm {
        max_retry_attempts: "3".into(),
        ..form
    };
    let problems = form.create(setup().bus().unwrap(), None).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.at == "FilterConfiguration.Filters[0].Pattern"
                && p.message.to_lowercase().contains("wildcard")),
        "{problems:?}"
    );
}

#[test]
fn the_default_classic_rule_migrates_with_both_differences_flagged() {
    let rule = ClassicForm::default().rule().unwrap();
    let plan = migrate(&rule, &setup().bus().unwrap().arn, None);
    let topics: Vec<NoteTopic> = plan
        .notes
        .iter()
        .chain(plan.subscribers.iter().flat_map(|s| s.notes.iter()))
        .map(|n| n.topic)
        .collect();
    assert!(topics.contains(&NoteTopic::Wildcard), "{topics:?}");
    assert!(topics.contains(&NoteTopic::RetryDefaults), "{topics:?}");
    assert!(plan
        .cloudformation_yaml()
        .contains("AWS::EventsV2::Subscriber"));
    assert!(plan.cli_script().contains("aws eventsv2 create-subscriber"));
}

#[test]
fn a_classic_retry_policy_out_of_range_is_refused() {
    let problems = ClassicForm {
        max_retry_attempts: "186".into(),
        ..ClassicForm::default()
    }
    .rule()
    .unwrap_err();
    assert!(problems[0].message.contains("186"), "{problems:?}");
}

#[test]
fn the_default_drill_is_late_on_classic_and_dead_lettered_at_the_new_defaults() {
    let setup = setup();
    let partner = BusForm::default().partner().unwrap();
    let drill = DrillForm::default()
        .drill(
            ClassicForm::default().rule().unwrap(),
            setup.bus().unwrap().clone(),
            sample_events(partner),
        )
        .unwrap();
    let comparison = drill.run(None).unwrap();
    let classic = comparison.side(Side::Classic).next().unwrap();
    let defaults = comparison.side(Side::NewBusDefaults).next().unwrap();
    assert!(
        classic.matched > 0 && classic.delivered_late > 0,
        "{classic:?}"
    );
    assert_eq!(classic.dead_lettered, 0);
    assert!(defaults.dead_lettered > 0, "{defaults:?}");
}

#[test]
fn unreadable_drill_fields_are_named() {
    let problems = DrillForm {
        events_per_minute: "lots".into(),
        ..DrillForm::default()
    }
    .drill(
        ClassicForm::default().rule().unwrap(),
        setup().bus().unwrap().clone(),
        vec!["{}".into()],
    )
    .unwrap_err();
    assert_eq!(problems[0].at, "Events per minute");
}

#[test]
fn a_link_chooses_a_known_partner_and_ignores_anything_else() {
    let datadog = BusForm::for_partner(Some("datadoghq.com"));
    assert_eq!(datadog.partner().unwrap().id(), "datadoghq.com");
    assert_eq!(datadog.source_name, "datadoghq-events");
    assert!(datadog.create().source.unwrap().is_ok());
    assert_eq!(BusForm::for_partner(Some("<script>")), BusForm::default());
    assert_eq!(BusForm::for_partner(None), BusForm::default());
}

#[test]
fn rules_from_the_workbench_migrate_with_all_their_targets_and_patterns_as_written() {
    // The workbench saves `{"rules":{"rules":[...]}, ...}` (PlaygroundState).
    let mut store = rules::RuleStore::new();
    // `$or` after a field, and a number literal: both must reach the filter as written.
    let pattern = r#"{"source":["a"],"$or":[{"detail":{"n":[1.50]}},{"detail-type":["x"]}]}"#;
    let mut rule = rules::Rule::new("fan-out", "111122223333", "us-east-1", "default", pattern);
    rule.targets = vec![
        rules::Target::new(
            "queue",
            TargetKind::SqsQueue,
            "arn:aws:sqs:us-east-1:111122223333:q",
        ),
        rules::Target::new(
            "function",
            TargetKind::LambdaFunction,
            "arn:aws:lambda:us-east-1:111122223333:function:f",
        ),
    ];
    store.create(rule).unwrap();
    let state = format!(
        r#"{{"region":"us-east-1","rules":{},"draft":{{}}}}"#,
        serde_json::to_string(&store).unwrap()
    );
    let saved = saved_rules(&state).unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(
        saved_rule_label(&saved[0]),
        "fan-out on default in us-east-1 (2 targets)"
    );
    let classic = ClassicRule::from_saved(&saved[0]);
    let plan = migrate(&classic, &setup().bus().unwrap().arn, None);
    assert_eq!(plan.subscribers.len(), 2);
    let filter = &plan.subscribers[0]
        .spec
        .filter_configuration
        .as_ref()
        .unwrap()
        .filters[0];
    assert_eq!(filter.pattern, pattern);

    assert!(saved_rules("{}").unwrap().is_empty());
    assert!(saved_rules("[1,2]")
        .unwrap_err()
        .contains("could not be read"));
    assert!(saved_rules(r#"{"rules":{"rules":"x"}}"#).is_err());
}
