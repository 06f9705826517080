use super::*;
use crate::tests::{full_rule, ACCOUNT, PARTNER_BUS, REGION};
use aws_model::DEFAULT_EVENT_BUS;

fn rule(name: &str, bus: &str) -> Rule {
    Rule::new(name, ACCOUNT, REGION, bus, r#"{"source": ["x"]}"#)
}

fn invalid_fields(error: StoreError) -> Vec<(String, String)> {
    match error {
        StoreError::Invalid(errors) => errors.into_iter().map(|e| (e.field, e.message)).collect(),
        StoreError::NotFound(key) => panic!("unexpected NotFound({key:?})"),
    }
}

#[test]
fn create_refuses_a_duplicate_name_on_the_same_bus_and_region() {
    let mut store = RuleStore::new();
    store
        .create(rule("orders", DEFAULT_EVENT_BUS))
        .expect("first");
    let error = store
        .create(rule("orders", DEFAULT_EVENT_BUS))
        .expect_err("duplicate");
    assert_eq!(
        invalid_fields(error),
        vec![(
            "name".to_owned(),
            "A rule named orders already exists on event bus default in region us-east-1."
                .to_owned()
        )]
    );
    assert_eq!(store.len(), 1);
}

#[test]
fn the_same_name_is_fine_on_another_bus_or_region() {
    let mut store = RuleStore::new();
    store
        .create(rule("orders", DEFAULT_EVENT_BUS))
        .expect("default bus");
    store
        .create(rule("orders", PARTNER_BUS))
        .expect("partner bus");
    let mut elsewhere = rule("orders", DEFAULT_EVENT_BUS);
    elsewhere.region = "eu-west-1".into();
    store.create(elsewhere).expect("other region");
    assert_eq!(store.len(), 3);
}

#[test]
fn create_refuses_invalid_rules_with_field_errors() {
    let mut store = RuleStore::new();
    let mut bad = full_rule();
    bad.targets[0].retry_policy.maximum_retry_attempts = 500;
    let fields: Vec<String> = invalid_fields(store.create(bad).expect_err("invalid"))
        .into_iter()
        .map(|(field, _)| field)
        .collect();
    assert_eq!(fields, ["targets[0].retry_policy.maximum_retry_attempts"]);
    assert!(store.is_empty());
}

#[test]
fn list_shows_one_bus_sorted_by_name() {
    let mut store = RuleStore::new();
    for name in ["b", "c", "a"] {
        store.create(rule(name, DEFAULT_EVENT_BUS)).expect("create");
    }
    store.create(rule("z", PARTNER_BUS)).expect("create");
    let names: Vec<&str> = store
        .list(REGION, DEFAULT_EVENT_BUS)
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names, ["a", "b", "c"]);
    assert_eq!(store.list(REGION, PARTNER_BUS).len(), 1);
    assert!(store.list("eu-west-1", DEFAULT_EVENT_BUS).is_empty());
}

#[test]
fn update_can_rename_but_not_onto_another_rule() {
    let mut store = RuleStore::new();
    let a = store.create(rule("a", DEFAULT_EVENT_BUS)).expect("a");
    store.create(rule("b", DEFAULT_EVENT_BUS)).expect("b");

    let error = store
        .update(&a, rule("b", DEFAULT_EVENT_BUS))
        .expect_err("collision");
    assert_eq!(invalid_fields(error)[0].0, "name");

    let mut described = rule("a", DEFAULT_EVENT_BUS);
    described.description = "same name, new description".into();
    let same = store.update(&a, described).expect("update in place");
    assert_eq!(same, a);
    assert_eq!(
        store.get(&a).map(|r| r.description.as_str()),
        Some("same name, new description")
    );

    let renamed = store
        .update(&a, rule("a2", DEFAULT_EVENT_BUS))
        .expect("rename");
    assert_eq!(renamed.name, "a2");
    assert!(store.get(&a).is_none());
    assert!(store.get(&renamed).is_some());
    assert_eq!(store.len(), 2);
}

#[test]
fn duplicate_picks_a_free_copy_name() {
    let mut store = RuleStore::new();
    let original = store
        .create(rule("orders", DEFAULT_EVENT_BUS))
        .expect("create");
    let first = store.duplicate(&original).expect("copy");
    let second = store.duplicate(&original).expect("copy");
    let third = store.duplicate(&first).expect("copy of copy");
    assert_eq!(first.name, "orders-copy");
    assert_eq!(second.name, "orders-copy-2");
    assert_eq!(third.name, "orders-copy-copy");
    assert_eq!(store.len(), 4);
}

#[test]
fn duplicating_a_64_character_name_stays_within_the_limit() {
    let mut store = RuleStore::new();
    let long = store
        .create(rule(&"n".repeat(64), DEFAULT_EVENT_BUS))
        .expect("create");
    let copy = store.duplicate(&long).expect("copy");
    let again = store.duplicate(&long).expect("copy");
    assert_eq!(copy.name.len(), 64);
    assert!(copy.name.ends_with("-copy"));
    assert_eq!(again.name.len(), 64);
    assert!(again.name.ends_with("-copy-2"));
}

#[test]
fn enable_disable_and_delete() {
    let mut store = RuleStore::new();
    let key = store
        .create(rule("orders", DEFAULT_EVENT_BUS))
        .expect("create");
    store.disable(&key).expect("disable");
    assert_eq!(store.get(&key).map(|r| r.state), Some(RuleState::Disabled));
    store.enable(&key).expect("enable");
    assert_eq!(store.get(&key).map(|r| r.state), Some(RuleState::Enabled));
    let removed = store.delete(&key).expect("delete");
    assert_eq!(removed.name, "orders");
    assert!(store.is_empty());
}

#[test]
fn missing_rules_get_aws_not_found_text() {
    let mut store = RuleStore::new();
    let key = RuleKey::new(REGION, DEFAULT_EVENT_BUS, "ghost");
    let outcomes = [
        store.enable(&key).map(|_| ()),
        store.delete(&key).map(|_| ()),
        store.duplicate(&key).map(|_| ()),
        store
            .update(&key, rule("ghost", DEFAULT_EVENT_BUS))
            .map(|_| ()),
    ];
    for outcome in outcomes {
        let error = outcome.expect_err("missing");
        assert_eq!(error, StoreError::NotFound(key.clone()));
        assert_eq!(
            error.to_string(),
            "Rule ghost does not exist on EventBus default."
        );
    }
}

#[test]
fn a_bus_holds_at_most_300_rules_or_100_in_two_regions() {
    for (region, limit) in [("us-east-1", 300), ("af-south-1", 100)] {
        let mut store = RuleStore::new();
        for index in 0..limit {
            let mut next = rule(&format!("r{index}"), DEFAULT_EVENT_BUS);
            next.region = region.into();
            store.create(next).expect("under the limit");
        }
        let mut one_more = rule("one-more", DEFAULT_EVENT_BUS);
        one_more.region = region.into();
        let fields = invalid_fields(store.create(one_more).expect_err("over the limit"));
        assert_eq!(fields[0].0, "event_bus");
        assert!(fields[0]
            .1
            .starts_with("The requested resource exceeds the maximum number allowed."));
        // Updating a rule on a full bus is not adding one.
        let key = RuleKey::new(region, DEFAULT_EVENT_BUS, "r0");
        let mut changed = store.get(&key).cloned().expect("r0");
        changed.description = "still fits".into();
        store.update(&key, changed).expect("update on a full bus");
    }
}

#[test]
fn the_store_round_trips_through_json() {
    let mut store = RuleStore::new();
    store.create(full_rule()).expect("create");
    store
        .create(rule("plain", DEFAULT_EVENT_BUS))
        .expect("create");
    let text = serde_json::to_string(&store).expect("serializes");
    assert!(text.starts_with("{\"rules\":["), "{text}");
    let back: RuleStore = serde_json::from_str(&text).expect("deserializes");
    assert_eq!(back, store);
}

#[test]
fn loading_refuses_duplicate_rules() {
    let one = serde_json::to_value(rule("orders", DEFAULT_EVENT_BUS)).expect("value");
    let text = serde_json::json!({"rules": [one.clone(), one]}).to_string();
    let error = serde_json::from_str::<RuleStore>(&text).expect_err("duplicate");
    assert!(
        error
            .to_string()
            .contains("A rule named orders already exists"),
        "{error}"
    );
}

#[test]
fn loading_malformed_or_hostile_json_is_an_error_not_a_panic() {
    let deep = format!(
        "{{\"rules\": {}{}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    for text in [
        "",
        "null",
        "[]",
        "{\"rules\": 5}",
        "{\"rules\": [{}]}",
        deep.as_str(),
    ] {
        assert!(
            serde_json::from_str::<RuleStore>(text).is_err(),
            "{:.40}",
            text
        );
    }
}
