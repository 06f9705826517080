use super::*;
use crate::event::{
    BusLocation, ContentType, EventOrigin, PublishEntry, PutEventsEntry, PutRawEventsEntry,
};
use crate::problem::Severity;

fn compile(filters: &[(Scope, &str)]) -> (CompiledFilters, Problems) {
    let config = FilterConfiguration {
        filters: filters
            .iter()
            .map(|(s, p)| FilterSpec::new(*s, *p))
            .collect(),
        ..FilterConfiguration::default()
    };
    CompiledFilters::compile(
        Some(&config),
        &FieldPath::root().field("FilterConfiguration"),
    )
}

fn kinds(problems: &Problems) -> Vec<(String, ProblemKind, Severity)> {
    problems
        .all()
        .iter()
        .map(|p| (p.path().to_string(), p.kind(), p.severity()))
        .collect()
}

const P0: &str = "FilterConfiguration.Filters[0].Pattern";

#[test]
fn validation_table() {
    use ProblemKind::*;
    use Severity::*;
    let long = format!(r#"{{"a":["{}"]}}"#, "x".repeat(4100));
    type Case<'a> = (Vec<(Scope, &'a str)>, Vec<(&'a str, ProblemKind, Severity)>);
    let table: Vec<Case> = vec![
        (
            vec![(
                Scope::Data,
                r#"{"detail":{"total":[{"numeric":[">",100]}]}}"#,
            )],
            vec![],
        ),
        // Wildcards refused in every scope (eb-custom-bus-filtering.md).
        (
            vec![(Scope::Data, r#"{"source":[{"wildcard":"shop*"}]}"#)],
            vec![(P0, Wildcard, Error)],
        ),
        (
            vec![(
                Scope::SystemMetadata,
                r#"{"aws:Source":[{"anything-but":{"wildcard":"*test"}}]}"#,
            )],
            vec![(P0, Wildcard, Error)],
        ),
        (
            vec![(Scope::Metadata, r#"{"tenant":[{"wildcard":"a*"}]}"#)],
            vec![(P0, Wildcard, Error)],
        ),
        // METADATA: exact values only; no prefix, numeric, exists or $or (eb-custom-bus-filtering.md, zh).
        (
            vec![(Scope::Metadata, r#"{"tenant":["acme","globex"]}"#)],
            vec![],
        ),
        (
            vec![(Scope::Metadata, r#"{"tenant":[{"prefix":"ac"}]}"#)],
            vec![(P0, MetadataNotExact, Error)],
        ),
        (
            vec![(Scope::Metadata, r#"{"tenant":[{"exists":true}]}"#)],
            vec![(P0, MetadataNotExact, Error)],
        ),
        (
            vec![(Scope::Metadata, r#"{"tier":[{"numeric":[">",1]}]}"#)],
            vec![(P0, MetadataNotExact, Error)],
        ),
        (
            vec![(Scope::Metadata, r#"{"$or":[{"a":["1"]},{"b":["2"]}]}"#)],
            vec![(P0, MetadataNotExact, Error)],
        ),
        (
            vec![(Scope::Metadata, r#"{"tier":[1]}"#)],
            vec![(P0, MetadataNotExact, Warning)],
        ),
        (
            vec![(Scope::Metadata, r#"{"a":{"b":["x"]}}"#)],
            vec![(P0, MetadataNotExact, Warning)],
        ),
        // The same operators are fine in DATA and SYSTEM_METADATA.
        (
            vec![(
                Scope::SystemMetadata,
                r#"{"aws:Source":[{"prefix":"aws.partner/"}],"$or":[{"ContentType":["application/json"]},{"EventGroupId":[{"exists":true}]}]}"#,
            )],
            vec![],
        ),
        // Pattern language errors keep AWS's text; length 0-4096 (API_Filter); non-empty (target-contract.md).
        (
            vec![(Scope::Data, r#"{"a":[]}"#)],
            vec![(P0, InvalidPattern, Error)],
        ),
        (
            vec![(Scope::Data, long.as_str())],
            vec![(P0, BadLength, Error)],
        ),
        (vec![(Scope::Data, "  ")], vec![(P0, Missing, Error)]),
        // 1-50 filters (API_FilterConfiguration); one per scope (eb-custom-bus-subscribers.md) as a warning.
        (
            vec![],
            vec![("FilterConfiguration.Filters", BadLength, Error)],
        ),
        (
            vec![
                (Scope::Data, r#"{"a":["1"]}"#),
                (Scope::Data, r#"{"b":["2"]}"#),
            ],
            vec![(
                "FilterConfiguration.Filters[1].Scope",
                RepeatedScope,
                Warning,
            )],
        ),
    ];
    for (filters, expected) in table {
        let (_, problems) = compile(&filters);
        let expected: Vec<(String, ProblemKind, Severity)> = expected
            .into_iter()
            .map(|(p, k, s)| (p.to_owned(), k, s))
            .collect();
        assert_eq!(kinds(&problems), expected, "{filters:?}: {problems}");
    }
    let fifty_one: Vec<(Scope, &str)> = (0..51).map(|_| (Scope::Data, r#"{"a":["1"]}"#)).collect();
    let (_, problems) = compile(&fifty_one);
    assert_eq!(problems.errors().next().unwrap().kind(), BadLength);
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let (_, problems) = compile(&[
        (
            Scope::Data,
            r#"{"a":[{"wildcard":"x*"}],"b":[{"wildcard":"*y"}]}"#,
        ),
        (
            Scope::Metadata,
            r#"{"t":[{"prefix":"a"}],"u":[{"exists":false}]}"#,
        ),
    ]);
    assert_eq!(problems.errors().count(), 4, "{problems}");
    let first = problems.all()[0].message();
    assert!(first.contains("Use {\"prefix\":\"x\"} instead"), "{first}");
    assert!(
        !problems.all()[0].is_aws_text(),
        "AWS documents no text for the wildcard refusal"
    );
}

#[test]
fn wildcard_rewrites_table() {
    let table: &[(&str, Option<&str>)] = &[
        (
            r#"{"a":[{"wildcard":"abc*"}]}"#,
            Some(r#"{"a":[{"prefix":"abc"}]}"#),
        ),
        (
            r#"{"a":[{"wildcard":"*abc"}]}"#,
            Some(r#"{"a":[{"suffix":"abc"}]}"#),
        ),
        (
            r#"{"a":[{"wildcard":"*"}]}"#,
            Some(r#"{"a":[{"exists":true}]}"#),
        ),
        (
            r#"{"a":[{"wildcard":"a\\*b*"}]}"#,
            Some(r#"{"a":[{"prefix":"a*b"}]}"#),
        ),
        (
            r#"{"a":[{"anything-but":{"wildcard":"tmp*"}}]}"#,
            Some(r#"{"a":[{"anything-but":{"prefix":"tmp"}}]}"#),
        ),
        (
            r#"{"a":[{"anything-but":{"wildcard":["*.tmp","*.bak"]}}]}"#,
            Some(r#"{"a":[{"anything-but":{"suffix":[".tmp",".bak"]}}]}"#),
        ),
        (r#"{"a":[{"wildcard":"a*b"}]}"#, None),
        (r#"{"a":[{"wildcard":"*a*"}]}"#, None),
        (r#"{"a":[{"anything-but":{"wildcard":["x*","*y"]}}]}"#, None),
    ];
    for (text, expected) in table {
        let pattern = Pattern::parse(text).unwrap();
        assert_eq!(rewrite_wildcards(&pattern).as_deref(), *expected, "{text}");
        if let Some(rewritten) = expected {
            assert!(Pattern::parse(rewritten).is_ok());
        }
    }
}

fn location() -> BusLocation {
    BusLocation {
        region: "us-east-1".into(),
        account: "111122223333".into(),
    }
}

fn put_events(detail: &str) -> BusEvent {
    let entry = PublishEntry::PutEvents(PutEventsEntry {
        source: "com.example.orders".into(),
        detail_type: "OrderPlaced".into(),
        detail: detail.into(),
        resources: vec![],
        event_group_id: Some("g1".into()),
        deduplication_id: None,
    });
    BusEvent::store(
        &entry,
        EventOrigin::PutEvents,
        1,
        "e-1".into(),
        0,
        &location(),
    )
}

fn raw(content_type: ContentType, data: &str, metadata: &[(&str, &str)]) -> BusEvent {
    let entry = PublishEntry::PutRawEvents(PutRawEventsEntry {
        content_type,
        data: data.into(),
        metadata: metadata
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        event_group_id: None,
        deduplication_id: None,
    });
    BusEvent::store(
        &entry,
        EventOrigin::PutRawEvents,
        2,
        "e-2".into(),
        0,
        &location(),
    )
}

#[test]
fn the_three_scopes_read_what_the_documentation_says() {
    // eb-custom-bus-filtering.md and delivery-troubleshooting.md (the addressing table).
    let order = put_events(r#"{"orderId":"123","total":500}"#);
    let raw_order = raw(
        ContentType::Json,
        r#"{"orderId":"123","total":500}"#,
        &[("tenant", "acme")],
    );
    let binary = raw(ContentType::OctetStream, "AAEC", &[("tenant", "acme")]);
    let table: &[(Scope, &str, &BusEvent, bool)] = &[
        // DATA: PutEvents nests Detail under "detail"; raw payloads are at the top.
        (
            Scope::Data,
            r#"{"detail":{"total":[{"numeric":[">",100]}]}}"#,
            &order,
            true,
        ),
        (
            Scope::Data,
            r#"{"total":[{"numeric":[">",100]}]}"#,
            &order,
            false,
        ),
        (
            Scope::Data,
            r#"{"total":[{"numeric":[">",100]}]}"#,
            &raw_order,
            true,
        ),
        (
            Scope::Data,
            r#"{"detail":{"total":[{"numeric":[">",100]}]}}"#,
            &raw_order,
            false,
        ),
        (
            Scope::Data,
            r#"{"source":["com.example.orders"]}"#,
            &order,
            true,
        ),
        // octet-stream: nothing for DATA to read, so not even exists:false matches.
        (Scope::Data, r#"{"x":[{"exists":false}]}"#, &binary, false),
        // METADATA: raw events only.
        (Scope::Metadata, r#"{"tenant":["acme"]}"#, &raw_order, true),
        (Scope::Metadata, r#"{"tenant":["acme"]}"#, &binary, true),
        (Scope::Metadata, r#"{"tenant":["acme"]}"#, &order, false),
        // SYSTEM_METADATA: aws:Source only for PutEvents; ContentType everywhere.
        (
            Scope::SystemMetadata,
            r#"{"aws:Source":["com.example.orders"],"aws:DetailType":["OrderPlaced"]}"#,
            &order,
            true,
        ),
        (
            Scope::SystemMetadata,
            r#"{"aws:Source":[{"exists":true}]}"#,
            &raw_order,
            false,
        ),
        (
            Scope::SystemMetadata,
            r#"{"ContentType":["application/eventbridge+json"],"EventGroupId":["g1"]}"#,
            &order,
            true,
        ),
        (
            Scope::SystemMetadata,
            r#"{"ContentType":["application/json"]}"#,
            &order,
            false,
        ),
        (
            Scope::SystemMetadata,
            r#"{"ContentType":["application/octet-stream"]}"#,
            &binary,
            true,
        ),
        (
            Scope::SystemMetadata,
            r#"{"aws:DeliveryType":["LIVE"]}"#,
            &order,
            true,
        ),
    ];
    for (scope, pattern, event, expected) in table {
        let (filters, problems) = compile(&[(*scope, pattern)]);
        assert!(problems.is_accepted(), "{pattern}: {problems}");
        let documents = ScopeDocuments::new(event, DeliveryType::Live);
        assert_eq!(
            filters.matches(&documents),
            *expected,
            "{scope:?} {pattern} on {}",
            event.data
        );
        assert_eq!(
            filters.explain(&documents).matched(),
            *expected,
            "explain agrees: {pattern}"
        );
    }
}

#[test]
fn filters_are_anded_and_explained_per_scope_and_field() {
    let order = put_events(r#"{"orderId":"123","total":50}"#);
    let (filters, _) = compile(&[
        (
            Scope::Data,
            r#"{"detail":{"total":[{"numeric":[">",100]}],"orderId":[{"exists":true}]}}"#,
        ),
        (
            Scope::SystemMetadata,
            r#"{"aws:Source":["com.example.orders"]}"#,
        ),
        (Scope::Metadata, r#"{"tenant":["acme"]}"#),
    ]);
    let documents = ScopeDocuments::new(&order, DeliveryType::Live);
    assert!(!filters.matches(&documents));
    let explanation = filters.explain(&documents);
    let verdicts: Vec<bool> = explanation
        .filters
        .iter()
        .map(ScopeExplanation::matched)
        .collect();
    assert_eq!(verdicts, [false, true, false]);
    let words = explanation.describe();
    assert!(words.starts_with("NOT DELIVERED"), "{words}");
    assert!(words.contains("DATA filter (#1): NO MATCH"), "{words}");
    assert!(words.contains("detail.total"), "per-field lines: {words}");
    assert!(
        words.contains("SYSTEM_METADATA filter (#2): MATCH"),
        "{words}"
    );
    assert!(
        words.contains(
            "METADATA filter (#3): NO MATCH, because the event has no publisher Metadata"
        ),
        "{words}"
    );
    let none = CompiledFilters::default();
    assert!(none.matches(&documents));
    assert!(none
        .explain(&documents)
        .describe()
        .contains("receives every event"));
}

#[test]
fn patterns_are_parsed_once_and_keep_the_users_text() {
    let text = "{ \"detail\" : { \"n\": [ 1.50 ] } }";
    let (filters, _) = compile(&[(Scope::Data, text)]);
    assert_eq!(filters.filters()[0].pattern().text(), text);
    assert_eq!(filters.filters()[0].scope(), Scope::Data);
}
