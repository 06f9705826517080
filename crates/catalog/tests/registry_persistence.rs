//! The registry survives a trip through browser storage, and refuses damaged snapshots.

use catalog::{Delivery, DropReason, EventSourceState, PartnerRegistry};

fn registry_in_every_state() -> PartnerRegistry {
    let mut registry = PartnerRegistry::new();
    let account = "111122223333";
    let other = "444455556666";
    let pending = "aws.partner/example.com/t/pending";
    let active = "aws.partner/example.com/t/active";
    let stopped = "aws.partner/example.com/t/stopped";
    let deleted = "aws.partner/example.com/t/deleted";
    for name in [pending, active, stopped, deleted] {
        registry
            .create_partner_event_source(name, account, "eu-west-1")
            .unwrap();
    }
    for name in [active, stopped, deleted] {
        registry
            .associate_event_source(account, "eu-west-1", name)
            .unwrap();
    }
    registry
        .deactivate_event_source(account, "eu-west-1", stopped)
        .unwrap();
    registry
        .delete_partner_event_source(deleted, account, "eu-west-1")
        .unwrap();
    registry
        .create_partner_event_source(active, other, "cn-northwest-1")
        .unwrap();
    registry
        .associate_event_source(other, "cn-northwest-1", active)
        .unwrap();
    registry
}

#[test]
fn a_snapshot_restores_the_same_registry() {
    let registry = registry_in_every_state();
    let stored = serde_json::to_string(&registry).unwrap();
    let restored: PartnerRegistry = serde_json::from_str(&stored).unwrap();
    assert_eq!(restored, registry);

    let states: Vec<(String, EventSourceState)> = restored
        .event_sources("111122223333", "eu-west-1")
        .into_iter()
        .map(|s| (s.name, s.state))
        .collect();
    assert_eq!(
        states,
        [
            (
                "aws.partner/example.com/t/active".to_owned(),
                EventSourceState::Active
            ),
            (
                "aws.partner/example.com/t/deleted".to_owned(),
                EventSourceState::Deleted
            ),
            (
                "aws.partner/example.com/t/pending".to_owned(),
                EventSourceState::Pending
            ),
            (
                "aws.partner/example.com/t/stopped".to_owned(),
                EventSourceState::Pending
            ),
        ]
    );
    assert_eq!(
        restored.send_event("eu-west-1", "aws.partner/example.com/t/stopped"),
        Delivery::Dropped {
            reason: DropReason::Deactivated
        }
    );
    assert_eq!(
        restored.send_event("cn-northwest-1", "aws.partner/example.com/t/active"),
        Delivery::Accepted {
            bus_arn: "arn:aws-cn:events:cn-northwest-1:444455556666:event-bus/aws.partner/example.com/t/active".to_owned()
        }
    );
}

#[test]
fn an_empty_registry_round_trips_and_has_a_version() {
    let stored = serde_json::to_string(&PartnerRegistry::new()).unwrap();
    assert_eq!(stored, r#"{"version":1,"sources":[]}"#);
    let restored: PartnerRegistry = serde_json::from_str(&stored).unwrap();
    assert!(restored.is_empty());
}

#[test]
fn damaged_snapshots_are_refused_with_a_reason() {
    let good = r#"{"name":"aws.partner/example.com/t/a","account":"111122223333","region":"eu-west-1","partner_deleted":false,"bus":"RECEIVING"}"#;
    let deep = format!(r#"{{"version":1,"sources":[{}]}}"#, "[".repeat(100_000));
    let huge_name = format!(
        r#"{{"version":1,"sources":[{{"name":"aws.partner/x/{}","account":"111122223333","region":"eu-west-1","bus":null}}]}}"#,
        "y".repeat(1_000_000)
    );
    let table: Vec<(String, &str)> = vec![
        ("".to_owned(), "EOF"),
        ("not json".to_owned(), "expected"),
        ("[]".to_owned(), "expected struct"),
        (deep, "expected a string"),
        (r#"{"version":2,"sources":[]}"#.to_owned(), "version 2 is not supported"),
        (r#"{"sources":[]}"#.to_owned(), "missing field `version`"),
        (format!(r#"{{"version":1,"sources":[{good},{good}]}}"#), "appears twice"),
        (good_with("account", "\"12\""), "at 'account'"),
        (good_with("region", "\"xx-nowhere-9\""), "not available in this region"),
        (good_with("name", "\"aws.partner/only-one\""), "at 'name'"),
        (good_with("bus", "\"SIDEWAYS\""), "unknown variant"),
        (
            r#"{"version":1,"sources":[{"name":"aws.partner/example.com/t/a","account":"111122223333","region":"eu-west-1","partner_deleted":true,"bus":null}]}"#.to_owned(),
            "marked deleted but has no bus",
        ),
        (huge_name, "length less than or equal to 256"),
    ];
    for (stored, expected) in table {
        let error = serde_json::from_str::<PartnerRegistry>(&stored).unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains(expected),
            "{expected:?} not in {message:?}"
        );
        assert!(
            message.len() < 2_000,
            "message stays short: {} bytes",
            message.len()
        );
    }
}

#[test]
fn deeply_nested_unknown_fields_do_not_overflow_the_stack() {
    // Unknown fields are skipped for forward compatibility; skipping must not recurse.
    let depth = 100_000;
    let stored = format!(
        r#"{{"version":1,"sources":[],"later":{}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let restored: PartnerRegistry = serde_json::from_str(&stored).unwrap();
    assert!(restored.is_empty());
}

fn good_with(field: &str, value: &str) -> String {
    let mut record = serde_json::json!({
        "name": "aws.partner/example.com/t/a",
        "account": "111122223333",
        "region": "eu-west-1",
        "partner_deleted": false,
        "bus": "RECEIVING"
    });
    record[field] = serde_json::from_str(value).unwrap();
    serde_json::json!({"version": 1, "sources": [record]}).to_string()
}
