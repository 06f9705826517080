use super::*;
use crate::filter::{FilterConfiguration, FilterSpec, Scope};
use crate::subscriber::{InvokeConfiguration, RetryPolicy};
use crate::transform::Transformer;

/// A pattern with spacing, key order and number digits a map would lose.
const PATTERN: &str =
    "{ \"source\": [\"shop\"],\n  \"detail\": { \"total\": [ { \"numeric\": [\">\", 1.50] } ] } }";

fn spec() -> SubscriberSpec {
    SubscriberSpec {
        name: "it's-orders".into(),
        event_bus_arn:
            "arn:aws:events:us-east-1:111122223333:event-busv2/orders/abcdefghij0123456789klmno"
                .into(),
        invoke: InvokeConfiguration {
            target_arn: "arn:aws:sqs:us-east-1:111122223333:orders".into(),
            role_arn: "arn:aws:iam::111122223333:role/delivery".into(),
        },
        filter_configuration: Some(FilterConfiguration {
            filters: vec![FilterSpec::new(Scope::Data, PATTERN)],
            ..FilterConfiguration::default()
        }),
        transformer: Some(Transformer::jsonata(
            "{% { \"id\": $events.Data.detail.id, \"note\": 'it''s' } %}",
        )),
        retry_policy: Some(RetryPolicy {
            max_retry_attempts: Some(185),
            max_event_age_seconds: Some(86_400),
            ..RetryPolicy::default()
        }),
        on_failure_arn: Some("arn:aws:sqs:us-east-1:111122223333:dlq".into()),
        kind: SubscriberType::Fifo,
        ..SubscriberSpec::default()
    }
}

fn check_properties(properties: &serde_json::Value) {
    assert_eq!(properties["Name"], "it's-orders");
    // The pattern is the user's text, byte for byte.
    assert_eq!(
        properties["FilterConfiguration"]["Filters"][0]["Pattern"],
        PATTERN
    );
    assert_eq!(
        properties["FilterConfiguration"]["Filters"][0]["Scope"],
        "DATA"
    );
    assert_eq!(properties["Transformer"]["Type"], "JSONATA");
    assert_eq!(
        properties["Transformer"]["JsonataConfiguration"]["Expression"],
        "{% { \"id\": $events.Data.detail.id, \"note\": 'it''s' } %}"
    );
    assert_eq!(properties["RetryPolicy"]["MaxRetryAttempts"], 185);
    assert_eq!(properties["RetryPolicy"]["MaxEventAgeInSeconds"], 86_400);
    assert_eq!(
        properties["OnFailureConfiguration"]["Arn"],
        "arn:aws:sqs:us-east-1:111122223333:dlq"
    );
    assert_eq!(properties["Type"], "FIFO");
    assert!(properties.get("State").is_none(), "defaults are left out");
}

#[test]
fn cloudformation_json_and_yaml_read_back() {
    // Property names and nesting: aws-resource-eventsv2-subscriber.html.
    let spec = spec();
    let template = cloudformation_template(&[(logical_id(&spec.name), &spec)]);
    let json: serde_json::Value = serde_json::from_str(&template.to_json_pretty()).unwrap();
    let resource = &json["Resources"]["ItSOrders"];
    assert_eq!(resource["Type"], "AWS::EventsV2::Subscriber");
    check_properties(&resource["Properties"]);
    let yaml: serde_json::Value = serde_yaml::from_str(&template.to_yaml()).unwrap();
    assert_eq!(yaml, json);
    // Members come out in the order written, not alphabetically.
    let text = template.to_json_pretty();
    assert!(text.find("\"Name\"").unwrap() < text.find("\"EventBusArn\"").unwrap());
}

/// Splits a POSIX shell command line (single quotes, `\`-newline continuations, `'\''`).
fn shell_words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut chars = command.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    current.push(q);
                }
            }
            '\\' => match chars.next() {
                Some('\n') => {}
                Some(other) => {
                    in_word = true;
                    current.push(other);
                }
                None => {}
            },
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                current.push(c);
            }
        }
    }
    if in_word {
        words.push(current);
    }
    words
}

#[test]
fn the_cli_command_reads_back_through_a_shell_word_splitter() {
    let spec = spec();
    let command = cli_command(&spec);
    assert!(
        command.starts_with("aws eventsv2 create-subscriber \\\n  --name 'it'\\''s-orders'"),
        "{command}"
    );
    let words = shell_words(&command);
    assert_eq!(&words[..3], ["aws", "eventsv2", "create-subscriber"]);
    let option = |name: &str| -> &str {
        let at = words
            .iter()
            .position(|w| w == name)
            .unwrap_or_else(|| panic!("{name} in {words:?}"));
        &words[at + 1]
    };
    assert_eq!(option("--name"), "it's-orders");
    assert_eq!(option("--type"), "FIFO");
    let invoke: serde_json::Value = serde_json::from_str(option("--invoke-configuration")).unwrap();
    assert_eq!(invoke["RoleArn"], "arn:aws:iam::111122223333:role/delivery");
    let filters: serde_json::Value =
        serde_json::from_str(option("--filter-configuration")).unwrap();
    let transformer: serde_json::Value = serde_json::from_str(option("--transformer")).unwrap();
    let retry: serde_json::Value = serde_json::from_str(option("--retry-policy")).unwrap();
    let properties = serde_json::json!({
        "Name": option("--name"),
        "FilterConfiguration": filters,
        "Transformer": transformer,
        "RetryPolicy": retry,
        "OnFailureConfiguration": serde_json::from_str::<serde_json::Value>(option("--on-failure-configuration")).unwrap(),
        "Type": option("--type"),
    });
    check_properties(&properties);
}

#[test]
fn shell_quoting_table() {
    for (text, quoted) in [
        ("orders", "orders"),
        ("arn:aws:sqs:us-east-1:1:q", "arn:aws:sqs:us-east-1:1:q"),
        ("", "''"),
        ("a b", "'a b'"),
        ("it's", "'it'\\''s'"),
        ("$HOME `x` \"y\"", "'$HOME `x` \"y\"'"),
    ] {
        assert_eq!(shell_quote(text), quoted);
        assert_eq!(shell_words(&shell_quote(text)), [text]);
    }
}

#[test]
fn logical_ids_table() {
    for (name, id) in [
        ("orders-to-queue", "OrdersToQueue"),
        ("9lives", "Subscriber9lives"),
        ("a.b_c", "ABC"),
    ] {
        assert_eq!(logical_id(name), id);
    }
}
