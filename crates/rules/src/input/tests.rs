use serde_json::{json, Value};

use super::*;

fn problems(input: &TargetInput) -> Vec<(String, String)> {
    let mut errors = FieldErrors::new();
    input.check("targets[0].input", "orders-queue", &mut errors);
    errors.into_iter().map(|e| (e.field, e.message)).collect()
}

fn transformer(paths: &[(&str, &str)], template: &str) -> TargetInput {
    TargetInput::Transformer(InputTransformer::new(paths, template))
}

#[test]
fn validation_table() {
    let many_paths: Vec<(String, String)> = (0..101)
        .map(|i| (format!("p{i}"), "$.detail".to_owned()))
        .collect();
    let many_paths: Vec<(&str, &str)> = many_paths
        .iter()
        .map(|(n, p)| (n.as_str(), p.as_str()))
        .collect();
    let long_path = format!("$.{}", "a".repeat(255));
    let long_constant = format!("\"{}\"", "x".repeat(8191));
    let long_template = "x".repeat(8193);
    let deep_constant = "[".repeat(5_000);

    let table: Vec<(TargetInput, Option<(&str, &str)>)> = vec![
        (TargetInput::MatchedEvent, None),
        (
            TargetInput::Constant {
                json: r#"{"a": [1, true, null]}"#.into(),
            },
            None,
        ),
        (
            TargetInput::Constant {
                json: "\"text\"".into(),
            },
            None,
        ),
        (
            TargetInput::Constant {
                json: "{'a': 1}".into(),
            },
            Some(("targets[0].input.json", "valid JSON")),
        ),
        (
            TargetInput::Constant { json: "  ".into() },
            Some(("targets[0].input.json", "Enter")),
        ),
        (
            TargetInput::Constant {
                json: long_constant,
            },
            Some(("targets[0].input.json", "at most 8192")),
        ),
        (
            TargetInput::Constant {
                json: deep_constant,
            },
            Some(("targets[0].input.json", "valid JSON")),
        ),
        (
            TargetInput::InputPath {
                path: "$.detail".into(),
            },
            None,
        ),
        (
            TargetInput::InputPath {
                path: "detail".into(),
            },
            Some(("targets[0].input.path", "starts with $")),
        ),
        (
            TargetInput::InputPath {
                path: long_path.clone(),
            },
            Some(("targets[0].input.path", "at most 256")),
        ),
        (
            TargetInput::InputPath {
                path: "$['a']".into(),
            },
            Some(("targets[0].input.path", "dot notation")),
        ),
        (
            transformer(&[("state", "$.detail.state")], r#""state is <state>""#),
            None,
        ),
        (
            transformer(&[("detail-type", "$.detail-type")], "<detail-type> arrived"),
            None,
        ),
        (
            transformer(
                &[],
                r#"{"rule": "<aws.events.rule-name>", "at": "<aws.events.event.ingestion-time>", "arn": <aws.events.rule-arn>}"#,
            ),
            None,
        ),
        (
            transformer(
                &[],
                r#"{"event": <aws.events.event>, "full": <aws.events.event.json>}"#,
            ),
            None,
        ),
        (
            transformer(&[("state", "$.detail.state")], r#""<state> and <status>""#),
            Some((
                "targets[0].input.template",
                "InputTemplate for target orders-queue contains invalid placeholder status.",
            )),
        ),
        (
            transformer(&[("k", "$.a")], r#"{"<k>": 1}"#),
            Some(("targets[0].input.template", "object key")),
        ),
        (
            transformer(&[], r#""<aws.events.event>""#),
            Some(("targets[0].input.template", "only be a value")),
        ),
        (
            transformer(&[], r#"{"e": "<aws.events.event.json>"}"#),
            Some(("targets[0].input.template", "only be a value")),
        ),
        (
            transformer(&[("a", "$.a")], r#"{"a": <a>"#),
            Some(("targets[0].input.template", "not valid JSON")),
        ),
        (
            transformer(&[("a", "$.a")], ""),
            Some(("targets[0].input.template", "Enter an input template")),
        ),
        (
            transformer(&[], &long_template),
            Some(("targets[0].input.template", "at most 8192")),
        ),
        (
            transformer(&many_paths, "x"),
            Some(("targets[0].input.paths", "at most 100")),
        ),
        (
            transformer(&[("AWS.mine", "$.a")], "x"),
            Some(("targets[0].input.paths[0].name", "reserved")),
        ),
        (
            transformer(&[("aws.mine", "$.a")], "x"),
            Some(("targets[0].input.paths[0].name", "reserved")),
        ),
        (
            transformer(&[("has space", "$.a")], "x"),
            Some(("targets[0].input.paths[0].name", "' ' is not allowed")),
        ),
        (
            transformer(&[("", "$.a")], "x"),
            Some(("targets[0].input.paths[0].name", "1 to 256")),
        ),
        (
            transformer(&[("a", "$.a"), ("a", "$.b")], "<a>"),
            Some(("targets[0].input.paths[1].name", "already used")),
        ),
        (
            transformer(&[("a", "a")], "<a>"),
            Some(("targets[0].input.paths[0].path", "starts with $")),
        ),
        (
            transformer(&[("a", &long_path)], "<a>"),
            Some(("targets[0].input.paths[0].path", "at most 256")),
        ),
    ];
    for (row, (input, expected)) in table.into_iter().enumerate() {
        let found = problems(&input);
        match expected {
            None => assert!(found.is_empty(), "row {row}: {found:?}"),
            Some((field, fragment)) => assert!(
                found
                    .iter()
                    .any(|(f, m)| f == field && m.contains(fragment)),
                "row {row}: want {field}: {fragment}, got {found:?}"
            ),
        }
    }
}

#[test]
fn an_undefined_placeholder_is_reported_once_however_often_it_appears() {
    let found = problems(&transformer(&[], r#""<x> <x> <y>""#));
    let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            "InputTemplate for target orders-queue contains invalid placeholder x.",
            "InputTemplate for target orders-queue contains invalid placeholder y.",
        ]
    );
}

fn context() -> InputContext {
    InputContext {
        rule_name: "example".into(),
        rule_arn: "arn:aws:events:us-east-1:123456789012:rule/orders-bus/example".into(),
        ingestion_time: "2024-05-01T12:00:00Z".into(),
    }
}

const SAMPLE_EVENT: &str = r#"{
    "version": "0",
    "id": "7bf73129-1428-4cd3-a780-95db273d1602",
    "detail-type": "Salesforce Event",
    "source": "aws.partner/salesforce.com/00D/0YL",
    "account": "123456789012",
    "time": "2024-05-01T12:00:00Z",
    "region": "us-east-1",
    "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789"],
    "detail": {
        "instance-id": "i-0123456789",
        "state": "RUNNING",
        "command": true,
        "payload": {"sf_id": "baz", "acc_id": "0a787ecb-4015"},
        "listsingle": ["HIGH"],
        "listmulti": ["ACTIVE", "INACTIVE"],
        "userId": "0a787ecb-4015",
        "count": 3
    }
}"#;

/// The sample event as serde JSON, for comparing meaning (not order).
fn sample_event() -> Value {
    serde_json::from_str(SAMPLE_EVENT).unwrap()
}

fn deliver(input: &TargetInput) -> Result<String, NotDelivered> {
    apply_input(input, SAMPLE_EVENT, &context())
}

fn deliver_template(paths: &[(&str, &str)], template: &str) -> Result<String, NotDelivered> {
    deliver(&transformer(paths, template))
}

const INSTANCE_PATHS: [(&str, &str); 2] = [
    ("instance", "$.detail.instance-id"),
    ("state", "$.detail.state"),
];

#[test]
fn documented_string_template_example() {
    assert_eq!(
        deliver_template(&INSTANCE_PATHS, r#""instance <instance> is in <state>""#).as_deref(),
        Ok(r#""instance i-0123456789 is in RUNNING""#)
    );
}

#[test]
fn documented_escaped_quotes_are_kept() {
    assert_eq!(
        deliver_template(
            &INSTANCE_PATHS,
            r#""instance \"<instance>\" is in <state>""#
        )
        .as_deref(),
        Ok(r#""instance \"i-0123456789\" is in RUNNING""#)
    );
}

#[test]
fn documented_predefined_rule_name_in_a_string() {
    assert_eq!(
        deliver_template(&[], r#""<aws.events.rule-name> triggered""#).as_deref(),
        Ok(r#""example triggered""#)
    );
}

#[test]
fn string_template_strips_quotes_from_objects_and_arrays() {
    let paths = [
        ("payload", "$.detail.payload"),
        ("listsingle", "$.detail.listsingle"),
        ("listmulti", "$.detail.listmulti"),
        ("command", "$.detail.command"),
        ("count", "$.detail.count"),
    ];
    let table = [
        (
            r#""Payload <payload>""#,
            r#""Payload {sf_id:baz,acc_id:0a787ecb-4015}""#,
        ),
        (
            r#""<listsingle> and <listmulti>""#,
            r#""[HIGH] and [ACTIVE,INACTIVE]""#,
        ),
        (r#""Command is <command>!""#, r#""Command is true!""#),
        (r#""<count> items""#, r#""3 items""#),
    ];
    for (template, expected) in table {
        assert_eq!(
            deliver_template(&paths, template).as_deref(),
            Ok(expected),
            "{template}"
        );
    }
}

#[test]
fn a_missing_path_becomes_empty_text_in_a_string() {
    assert_eq!(
        deliver_template(&[("gone", "$.detail.nothing")], r#""value: <gone>.""#).as_deref(),
        Ok(r#""value: .""#)
    );
}

#[test]
fn json_template_inserts_typed_values() {
    let paths = [
        ("userId", "$.detail.userId"),
        ("payload", "$.detail.payload"),
        ("listsingle", "$.detail.listsingle"),
        ("command", "$.detail.command"),
    ];
    let template = r#"{"id": <userId>, "payload": <payload>, "list": <listsingle>, "flag": <command>, "path": "users-service/users/<userId>", "again": <userId>}"#;
    let body = deliver_template(&paths, template).expect("delivered");
    let parsed: Value = serde_json::from_str(&body).expect("JSON body");
    assert_eq!(
        parsed,
        json!({
            "id": "0a787ecb-4015",
            "payload": {"sf_id": "baz", "acc_id": "0a787ecb-4015"},
            "list": ["HIGH"],
            "flag": true,
            "path": "users-service/users/0a787ecb-4015",
            "again": "0a787ecb-4015"
        })
    );
}

#[test]
fn a_missing_path_in_a_json_value_becomes_an_empty_string() {
    let body = deliver_template(
        &[("command", "$.detail.nothing")],
        r#"{"command": <command>}"#,
    );
    assert_eq!(body.as_deref(), Ok(r#"{"command": ""}"#));
}

#[test]
fn objects_and_arrays_inside_quotes_are_not_delivered() {
    let paths = [
        ("payload", "$.detail.payload"),
        ("listsingle", "$.detail.listsingle"),
    ];
    for template in [
        r#"{"p": "<payload>"}"#,
        r#"{"p": "users/<payload>"}"#,
        r#"{"p": "<listsingle>"}"#,
    ] {
        let outcome = deliver_template(&paths, template);
        let reason = outcome.expect_err(template).to_string();
        assert!(reason.contains("not valid JSON"), "{template}: {reason}");
    }
}

#[test]
fn extracted_strings_are_not_escaped() {
    let event = r#"{"detail": {"quote": "say \"hi\""}}"#;
    let input = transformer(&[("q", "$.detail.quote")], r#""<q>""#);
    assert_eq!(
        apply_input(&input, event, &context()).as_deref(),
        Ok(r#""say "hi"""#)
    );
}

#[test]
fn predefined_event_placeholders() {
    let body = deliver_template(
        &[],
        r#"{"event": <aws.events.event>, "json": <aws.events.event.json>, "arn": "<aws.events.rule-arn>", "at": "<aws.events.event.ingestion-time>"}"#,
    )
    .expect("delivered");
    let parsed: Value = serde_json::from_str(&body).expect("JSON body");
    let without_detail = &parsed["event"];
    assert_eq!(without_detail["detailType"], "Salesforce Event");
    assert!(without_detail.get("detail").is_none());
    assert!(without_detail.get("detail-type").is_none());
    assert_eq!(without_detail["id"], "7bf73129-1428-4cd3-a780-95db273d1602");
    assert_eq!(parsed["json"], sample_event());
    assert_eq!(
        parsed["arn"],
        "arn:aws:events:us-east-1:123456789012:rule/orders-bus/example"
    );
    assert_eq!(parsed["at"], "2024-05-01T12:00:00Z");
}

#[test]
fn input_path_sends_the_selected_json() {
    let table = [
        ("$.detail.payload.sf_id", r#""baz""#),
        (
            "$.detail.payload",
            r#"{"sf_id":"baz","acc_id":"0a787ecb-4015"}"#,
        ),
        ("$.detail.count", "3"),
        (
            "$.resources[0]",
            r#""arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789""#,
        ),
    ];
    for (path, expected) in table {
        let input = TargetInput::InputPath { path: path.into() };
        assert_eq!(deliver(&input).as_deref(), Ok(expected), "{path}");
    }
    let missing = TargetInput::InputPath {
        path: "$.detail.none".into(),
    };
    assert!(deliver(&missing).is_err());
}

#[test]
fn matched_event_and_constant() {
    let body = deliver(&TargetInput::MatchedEvent).expect("delivered");
    assert_eq!(
        serde_json::from_str::<Value>(&body).expect("JSON"),
        sample_event()
    );
    let constant = TargetInput::Constant {
        json: r#"{"fixed": [1, 2]}"#.into(),
    };
    assert_eq!(deliver(&constant).as_deref(), Ok(r#"{"fixed": [1, 2]}"#));
}

#[test]
fn a_plain_text_template_is_delivered_as_text() {
    assert_eq!(
        deliver_template(&INSTANCE_PATHS, "<instance> is <state>").as_deref(),
        Ok("i-0123456789 is RUNNING")
    );
}

#[test]
fn invalid_settings_give_not_delivered_instead_of_panicking() {
    assert!(deliver(&TargetInput::InputPath {
        path: "nope".into()
    })
    .is_err());
    assert!(deliver_template(&[("a", "nope")], "<a>").is_err());
    assert!(deliver_template(&[], "<undefined>").is_err());
}

/// Issue #12: the preview re-serialized the event through a sorted map, so what the target
/// "received" had its keys reordered and numbers such as `1e400` (not JSON to serde_json),
/// `1.50` and `12345678901234567890` rewritten. Every way of sending a part of the event keeps
/// the order and the digits.
#[test]
fn previews_keep_key_order_and_number_literals() {
    let event = r#"{"version": "0", "id": "1", "detail-type": "T", "source": "s", "account": "1", "time": "t", "region": "r", "resources": [],
        "detail": {"zeta": 1e400, "alpha": 1.50, "big": 12345678901234567890, "nested": {"z": [1.0, -0.0], "a": "\u00e9"}}}"#;
    let detail = r#"{"zeta":1e400,"alpha":1.50,"big":12345678901234567890,"nested":{"z":[1.0,-0.0],"a":"é"}}"#;
    let deliver = |input: &TargetInput| apply_input(input, event, &context());
    let table: Vec<(TargetInput, String)> = vec![
        (
            TargetInput::MatchedEvent,
            format!(r#"{{"version":"0","id":"1","detail-type":"T","source":"s","account":"1","time":"t","region":"r","resources":[],"detail":{detail}}}"#),
        ),
        (
            TargetInput::InputPath { path: "$.detail".into() },
            detail.to_owned(),
        ),
        (
            TargetInput::InputPath { path: "$.detail.big".into() },
            "12345678901234567890".to_owned(),
        ),
        (
            transformer(&[("d", "$.detail"), ("n", "$.detail.alpha")], r#"{"d": <d>, "n": <n>}"#),
            format!(r#"{{"d": {detail}, "n": 1.50}}"#),
        ),
        (
            transformer(&[("d", "$.detail.nested")], "nested <d>"),
            "nested {z:[1.0,-0.0],a:é}".to_owned(),
        ),
        (
            transformer(&[], r#"{"e": <aws.events.event>}"#),
            r#"{"e": {"version":"0","id":"1","detailType":"T","source":"s","account":"1","time":"t","region":"r","resources":[]}}"#.to_owned(),
        ),
        (
            transformer(&[], r#"[<aws.events.event.json>]"#),
            format!(r#"[{{"version":"0","id":"1","detail-type":"T","source":"s","account":"1","time":"t","region":"r","resources":[],"detail":{detail}}}]"#),
        ),
        (
            TargetInput::Constant { json: r#"{"b": 1e400, "a": 1.50}"#.into() },
            r#"{"b": 1e400, "a": 1.50}"#.to_owned(),
        ),
    ];
    for (input, expected) in &table {
        assert_eq!(
            deliver(input).as_deref(),
            Ok(expected.as_str()),
            "{input:?}"
        );
    }
}

#[test]
fn numbers_beyond_a_double_are_valid_json_in_constants_and_templates() {
    for json in [r#"{"n": 1e400}"#, "12345678901234567890123"] {
        assert_eq!(
            problems(&TargetInput::Constant { json: json.into() }),
            [],
            "{json}"
        );
    }
    let template = transformer(&[("n", "$.detail.n")], r#"{"n": <n>, "max": 1e400}"#);
    assert_eq!(problems(&template), []);
    assert_eq!(
        apply_input(&template, r#"{"detail": {"n": 2e400}}"#, &context()).as_deref(),
        Ok(r#"{"n": 2e400, "max": 1e400}"#)
    );
}

#[test]
fn an_event_that_is_not_json_is_not_delivered() {
    let reason = apply_input(&TargetInput::MatchedEvent, "{\"a\": }", &context())
        .expect_err("not JSON")
        .to_string();
    assert!(
        reason.starts_with("The event is not JSON: Unexpected character"),
        "{reason}"
    );
    // A constant does not look at the event.
    let constant = TargetInput::Constant { json: "1".into() };
    assert_eq!(
        apply_input(&constant, "not json", &context()).as_deref(),
        Ok("1")
    );
}
