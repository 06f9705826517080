use super::*;
use crate::event::{
    BusLocation, ContentType, EventOrigin, PublishEntry, PutEventsEntry, PutRawEventsEntry,
};

fn location() -> BusLocation {
    BusLocation {
        region: "us-east-1".into(),
        account: "111122223333".into(),
    }
}

/// The `$events` example of eb-custom-bus-transform.html ("What $events holds"): a raw JSON
/// event with `tenant` metadata.
fn raw_order() -> BusEvent {
    let entry = PublishEntry::PutRawEvents(PutRawEventsEntry {
        content_type: ContentType::Json,
        data: r#"{ "orderId": "12345", "priority": "high" }"#.into(),
        metadata: vec![("tenant".into(), "acme".into())],
        event_group_id: None,
        deduplication_id: None,
    });
    BusEvent::store(
        &entry,
        EventOrigin::PutRawEvents,
        1,
        "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111".into(),
        1_790_186_400_000, // 2026-09-23T18:00:00Z, the page's aws:IngestionTime
        &location(),
    )
}

fn put_events_order() -> BusEvent {
    let entry = PublishEntry::PutEvents(PutEventsEntry {
        source: "com.example.orders".into(),
        detail_type: "OrderPlaced".into(),
        detail: r#"{"orderId":"12345","priority":"high","items":[{"sku":"a","qty":2},{"sku":"b","qty":1}]}"#
            .into(),
        resources: vec![],
        event_group_id: Some("order-1001".into()),
        deduplication_id: None,
    });
    BusEvent::store(
        &entry,
        EventOrigin::PutEvents,
        2,
        "e-2".into(),
        1_790_186_400_000,
        &location(),
    )
}

fn compile(transformer: &Transformer) -> (Option<CompiledTransformer>, Problems) {
    let engine = default_engine();
    CompiledTransformer::compile(
        Some(transformer),
        engine.as_deref(),
        &FieldPath::root().field("Transformer"),
    )
}

#[test]
fn raw_is_the_data_and_the_default() {
    // Source: eb-custom-bus-transform.html: RAW, the default, delivers the published data alone.
    let event = raw_order();
    let (raw, problems) = CompiledTransformer::compile(None, None, &FieldPath::root());
    assert!(problems.all().is_empty());
    let raw = raw.unwrap();
    assert_eq!(raw.kind(), TransformerType::Raw);
    assert_eq!(
        raw.apply(&event, DeliveryType::Live, 0).unwrap(),
        r#"{ "orderId": "12345", "priority": "high" }"#
    );
}

#[test]
fn with_metadata_is_the_three_part_object() {
    // Source: eb-custom-bus-transform.html, "What $events holds".
    let event = raw_order();
    let (t, _) = compile(&Transformer {
        kind: TransformerType::WithMetadata,
        jsonata_expression: None,
    });
    let out = t.unwrap().apply(&event, DeliveryType::Live, 0).unwrap();
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["Data"]["orderId"], "12345");
    assert_eq!(value["Metadata"]["tenant"], "acme");
    assert_eq!(value["SystemMetadata"]["ContentType"], "application/json");
    assert_eq!(
        value["SystemMetadata"]["aws:EventId"],
        "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
    );
    assert_eq!(
        value["SystemMetadata"]["aws:IngestionTime"],
        "2026-09-23T18:00:00.000Z"
    );
    assert_eq!(value["SystemMetadata"]["aws:DeliveryType"], "LIVE");
    assert!(
        out.starts_with(r#"{"Data":{ "orderId""#),
        "Data keeps the text as published: {out}"
    );
}

#[cfg(feature = "jsonata")]
#[test]
fn jsonata_reads_events_the_documented_way() {
    // The documentation's example expression, on both publish APIs: raw events address the
    // payload directly, PutEvents events under `detail` (eb-custom-bus-transform.html).
    let documented = Transformer::jsonata(
        r#"{% { "orderId": $events.Data.orderId, "priority": $events.Data.priority } %}"#,
    );
    let (t, problems) = compile(&documented);
    assert!(problems.all().is_empty(), "{problems}");
    let t = t.unwrap();
    assert_eq!(
        t.apply(&raw_order(), DeliveryType::Live, 0).unwrap(),
        r#"{"orderId":"12345","priority":"high"}"#
    );
    // The same expression on a PutEvents event addresses nothing: no error, and the object
    // constructor leaves out members whose value is undefined, so the target receives `{}`
    // ("An expression written for the wrong publish API raises no error", SKILL.md).
    assert_eq!(
        t.apply(&put_events_order(), DeliveryType::Live, 0).unwrap(),
        "{}"
    );
    let (nested, _) = compile(&Transformer::jsonata(
        r#"{% { "orderId": $events.Data.detail.orderId, "group": $events.SystemMetadata.EventGroupId, "units": $sum($events.Data.detail.items.qty) } %}"#,
    ));
    assert_eq!(
        nested
            .unwrap()
            .apply(&put_events_order(), DeliveryType::Live, 0)
            .unwrap(),
        r#"{"orderId":"12345","group":"order-1001","units":3}"#
    );
}

#[cfg(feature = "jsonata")]
#[test]
fn jsonata_table() {
    // Expressions users write in transformers, with the results jsonata-js gives (the
    // reference implementation's documented semantics, https://docs.jsonata.org).
    let event = put_events_order();
    let table: &[(&str, Result<&str, &str>)] = &[
        (r#"{% $events.Data.detail.orderId %}"#, Ok(r#""12345""#)),
        (
            r#"{% $uppercase($events.Data.detail.priority) & "-" & $string(42) %}"#,
            Ok(r#""HIGH-42""#),
        ),
        (
            r#"{% $events.Data.detail.items[qty > 1].sku %}"#,
            Ok(r#""a""#),
        ),
        (
            r#"{% $map($events.Data.detail.items, function($i) { $i.sku & "x" & $i.qty }) %}"#,
            Ok(r#"["ax2","bx1"]"#),
        ),
        (
            r#"{% $events.Data.detail.priority = "high" ? "urgent" : "normal" %}"#,
            Ok(r#""urgent""#),
        ),
        (r#"{% $number("1.50") + 1 %}"#, Ok("2.5")),
        (
            r#"{% $events.Data.detail.missing ?? "none" %}"#,
            Ok(r#""none""#),
        ),
        (r#"{% $now() %}"#, Ok(r#""2026-09-23T18:00:05.000Z""#)),
        (r#"{% $millis() %}"#, Ok("1790186405000")),
        (
            r#"{% $now("[Y0001]-[M01]-[D01]") %}"#,
            Ok(r#""2026-09-23""#),
        ),
        // A runtime type error (T2001: the left side of + is a string) fails delivery.
        (r#"{% $events.Data.detail.orderId + 1 %}"#, Err("T2001")),
        // A path that matches nothing.
        (r#"{% $events.Data.orderId %}"#, Err("no result")),
    ];
    for (expression, expected) in table {
        let (t, problems) = compile(&Transformer::jsonata(*expression));
        assert!(problems.all().is_empty(), "{expression}: {problems}");
        let got = t
            .unwrap()
            .apply(&event, DeliveryType::Live, 1_790_186_405_000);
        match (got, expected) {
            (Ok(out), Ok(want)) => assert_eq!(out, *want, "{expression}"),
            (Err(TransformFailure::Error(e)), Err(code)) => {
                assert_eq!(e.code(), Some(*code), "{expression}: {e}")
            }
            (Err(TransformFailure::NoResult), Err("no result")) => {}
            (got, want) => panic!("{expression}: got {got:?}, want {want:?}"),
        }
    }
}

#[cfg(feature = "jsonata")]
#[test]
fn hostile_expressions_end_in_errors() {
    let event = put_events_order();
    // D1011 (stack depth), D2014 (range size) and, for a tail-recursive loop that never
    // deepens the stack, D1012 (the native time limit).
    for (expression, code) in [
        (
            "{% ($f := function($n) { 1 + $f($n + 1) }; $f(0)) %}",
            "D1011",
        ),
        ("{% [1..100000000] %}", "D2014"),
        ("{% ($f := function($n) { $f($n + 1) }; $f(0)) %}", "D1012"),
    ] {
        let (t, _) = compile(&Transformer::jsonata(expression));
        match t.unwrap().apply(&event, DeliveryType::Live, 0) {
            Err(TransformFailure::Error(e)) => {
                assert_eq!(e.code(), Some(code), "{expression}: {e}")
            }
            other => panic!("{expression}: {other:?}"),
        }
    }
}

#[test]
fn expression_checks_table() {
    // Sources: API_JsonataConfiguration (1-8192 characters, wrapped in {% %}); syntax checked at
    // create time (target-contract.md, secondary).
    let long = format!("{{% \"{}\" %}}", "a".repeat(8200));
    let table: Vec<(Transformer, Option<ProblemKind>)> = vec![
        (Transformer::jsonata("{% $events.Data %}"), None),
        (
            Transformer::jsonata("$events.Data"),
            Some(ProblemKind::InvalidJsonata),
        ),
        (
            Transformer::jsonata("{% $events.Data %} "),
            Some(ProblemKind::InvalidJsonata),
        ),
        (
            Transformer::jsonata("{%   %}"),
            Some(ProblemKind::InvalidJsonata),
        ),
        (Transformer::jsonata(""), Some(ProblemKind::BadLength)),
        (Transformer::jsonata(long), Some(ProblemKind::BadLength)),
        (
            Transformer {
                kind: TransformerType::Jsonata,
                jsonata_expression: None,
            },
            Some(ProblemKind::Missing),
        ),
        (
            Transformer {
                kind: TransformerType::Raw,
                jsonata_expression: Some("{% 1 %}".into()),
            },
            Some(ProblemKind::Conflict),
        ),
    ];
    for (transformer, expected) in table {
        let (compiled, problems) = compile(&transformer);
        let kinds: Vec<ProblemKind> = problems.all().iter().map(|p| p.kind()).collect();
        assert_eq!(
            kinds,
            expected.into_iter().collect::<Vec<_>>(),
            "{transformer:?}"
        );
        assert_eq!(compiled.is_some(), expected.is_none());
        for problem in problems.all() {
            assert!(!problem.is_aws_text(), "AWS documents none of these texts");
            assert!(problem
                .path()
                .starts_with(&FieldPath::root().field("Transformer")));
        }
    }
}

#[cfg(feature = "jsonata")]
#[test]
fn syntax_errors_are_caught_at_create_time() {
    let (compiled, problems) = compile(&Transformer::jsonata("{% { \"a\": $events.Data. } %}"));
    assert!(compiled.is_none());
    let problem = &problems.all()[0];
    assert_eq!(problem.kind(), ProblemKind::InvalidJsonata);
    assert_eq!(
        problem.path().to_string(),
        "Transformer.JsonataConfiguration.Expression"
    );
    assert!(problem.message().contains("does not parse"), "{problem}");
}
