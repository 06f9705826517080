//! `explain` gives a person the reasons, and always agrees with `Pattern::matches`.

use event_pattern::{explain, Event, FieldNoteKind, FieldOutcome, Pattern};

fn both(pattern: &str, event: &str) -> (Pattern, Event) {
    (
        Pattern::parse(pattern).unwrap(),
        Event::parse_any(event).unwrap(),
    )
}

#[test]
fn matched_branch_and_display() {
    let (p, e) = both(
        r#"{"$or":[{"source":[{"prefix":"aws."}]},{"detail":{"state":["running"]}}]}"#,
        r#"{"source":"my.app","detail":{"state":"running"}}"#,
    );
    let x = explain(&p, &e);
    assert!(x.matched);
    assert_eq!(x.matched_branch, Some(1));
    assert_eq!(x.to_string(), "MATCH (branch 2 of 2)\n  detail.state  \"running\"  = \"running\" matched exact \"running\"\n");
    let field = &x.branches[1].fields[0];
    assert_eq!(&e.text()[field.values[0].span.range()], "\"running\"");
    assert_eq!(&p.text()[field.pattern_span.range()], "[\"running\"]");
    assert_eq!(x.branches[0].fields[0].outcome, FieldOutcome::Rejected);
}

#[test]
fn no_match_says_why() {
    let (p, e) = both(
        r#"{"source":[{"prefix":"aws."}],"detail":{"n":[{"numeric":[">",0,"<=",5]}],"gone":[{"exists":false}]}}"#,
        r#"{"source":"my.app","detail":{"n":[9,3]}}"#,
    );
    let x = explain(&p, &e);
    assert!(!x.matched);
    let text = x.to_string();
    assert_eq!(
        text,
        "NO MATCH\n\
         \x20 source       \"my.app\"  no value satisfied prefix \"aws.\" (saw \"my.app\")\n\
         \x20 detail.n     [9, 3]    3 satisfies numeric > 0 and <= 5 (element 1 of detail.n)\n\
         \x20 detail.gone  (absent)  absent, as exists false asks\n"
    );
}

#[test]
fn array_conflicts_are_named() {
    let (p, e) = both(
        r#"{"employees":{"firstName":["Anna"],"lastName":["Jones"]}}"#,
        r#"{"employees":[{"firstName":"Anna","lastName":"Smith"},{"firstName":"Bob","lastName":"Jones"}]}"#,
    );
    let x = explain(&p, &e);
    assert!(!x.matched);
    assert!(x.branches[0].array_conflict);
    assert!(x
        .to_string()
        .contains("not within the same element of each array"));

    let (p, e) = both(
        r#"{"employees":{"firstName":["Anna"],"lastName":["Jones"]}}"#,
        r#"{"employees":[{"firstName":"Bob","lastName":"Smith"},{"firstName":"Anna","lastName":"Jones"}]}"#,
    );
    let x = explain(&p, &e);
    assert!(x.matched);
    let first = &x.branches[0].fields[0];
    let FieldOutcome::Matched { value, .. } = first.outcome else {
        panic!("{:?}", first.outcome)
    };
    assert_eq!(first.values[value].elements[0].index, 1);
    assert_eq!(first.values[value].elements[0].array_path, "employees");
}

#[test]
fn explanation_serializes_for_the_ui() {
    let (p, e) = both(r#"{"a":[{"exists":false}]}"#, r#"{"b":1}"#);
    let x = explain(&p, &e);
    let json = serde_json::to_value(&x).unwrap();
    assert_eq!(json["matched"], true);
    assert_eq!(
        json["branches"][0]["fields"][0]["outcome"]["kind"],
        "absent"
    );
    assert_eq!(
        json["branches"][0]["fields"][0]["conditions"][0]["description"],
        "exists false"
    );
}

#[test]
fn explain_agrees_with_matches_on_the_aws_corpus() {
    let corpus: serde_json::Value =
        serde_json::from_str(include_str!("data/aws-validated.json")).unwrap();
    let mut checked = 0;
    for case in corpus["cases"].as_array().unwrap() {
        let (Some(pattern), Some(event)) = (case.get("pattern"), case.get("event")) else {
            continue;
        };
        let (Ok(p), Ok(e)) = (
            Pattern::parse(&pattern.to_string()),
            Event::from_value(event),
        ) else {
            continue;
        };
        assert_eq!(explain(&p, &e).matched, p.matches(&e), "{}", case["name"]);
        checked += 1;
    }
    assert!(checked > 100);
}

/// Issue 12: event-ruler checks `exists: false` when its turn comes in sorted key order, so
/// `discount` (sorted before `sku`) sees every item; explain says so in words.
#[test]
fn regression_exists_false_is_checked_in_sorted_key_order() {
    let pattern = r#"{"detail":{"items":{"discount":[{"exists":false}],"sku":["A"]}}}"#;
    let (p, e) = both(
        pattern,
        r#"{"detail":{"items":[{"sku":"A"},{"sku":"B","discount":5}]}}"#,
    );
    assert!(!p.matches(&e));
    let x = explain(&p, &e);
    assert!(!x.matched);
    assert!(!x.branches[0].array_conflict);
    let discount = &x.branches[0].fields[0];
    assert_eq!(discount.path, "detail.items.discount");
    assert_eq!(
        discount.notes[0].kind,
        FieldNoteKind::AbsenceCheckedInKeyOrder {
            later_fields: vec!["detail.items.sku".to_owned()],
            value: 0
        }
    );
    let message = &discount.notes[0].message;
    assert!(
        message.starts_with("`exists: false` on `detail.items.discount` is checked before `detail.items.sku` picks an element, because EventBridge reads a rule's fields in sorted order"),
        "{message}"
    );
    assert!(
        message.contains("5 (element 1 of detail.items)"),
        "{message}"
    );
    assert!(x.to_string().contains("note: `exists: false` on"));

    // With the absent field sorted after the value field, absence is judged in the chosen item.
    let (p, e) = both(
        r#"{"detail":{"items":{"zdiscount":[{"exists":false}],"sku":["A"]}}}"#,
        r#"{"detail":{"items":[{"sku":"A"},{"sku":"B","zdiscount":5}]}}"#,
    );
    assert!(p.matches(&e));
    assert!(explain(&p, &e).branches[0]
        .fields
        .iter()
        .all(|f| f.notes.is_empty()));

    // A field every item has, sorted before `discount`, pins the item first: the workaround the
    // note suggests.
    let (p, e) = both(
        r#"{"detail":{"items":{"discount":[{"exists":false}],"id":[{"exists":true}],"sku":["A"]}}}"#,
        r#"{"detail":{"items":[{"id":1,"sku":"A"},{"id":2,"sku":"B","discount":5}]}}"#,
    );
    // `discount` still sorts before `id`: no element is pinned yet, so it fails the same way.
    assert!(!p.matches(&e));
    let (p, e) = both(
        r#"{"detail":{"items":{"discount":[{"exists":false}],"a":[{"exists":true}],"sku":["A"]}}}"#,
        r#"{"detail":{"items":[{"a":1,"sku":"A"},{"a":2,"sku":"B","discount":5}]}}"#,
    );
    assert!(p.matches(&e));
}

/// Issue 12: a case-insensitive pattern with 🚀 is compared as `??` by EventBridge.
#[test]
fn regression_case_insensitive_emoji_compare_as_question_marks() {
    let pattern = r#"{"a":[{"equals-ignore-case":"gO 🚀 NOw"}]}"#;
    let (p, e) = both(pattern, r#"{"a":"go 🚀 now"}"#);
    assert!(!p.matches(&e));
    let x = explain(&p, &e);
    let field = &x.branches[0].fields[0];
    assert_eq!(
        field.notes[0].kind,
        FieldNoteKind::CaseInsensitiveOutsideBmp {
            condition: 0,
            compared_as: "gO ?? NOw".to_owned()
        }
    );
    assert!(field.notes[0].message.starts_with(
        "EventBridge's case-insensitive comparison does not handle characters such as 🚀"
    ));
    let (p, e) = both(pattern, r#"{"a":"GO ?? NOW"}"#);
    assert!(p.matches(&e));
    for (pattern, event, want) in [
        (
            r#"{"a":[{"prefix":{"equals-ignore-case":"🚀x"}}]}"#,
            r#"{"a":"??Xyz"}"#,
            true,
        ),
        (
            r#"{"a":[{"prefix":{"equals-ignore-case":"🚀x"}}]}"#,
            r#"{"a":"🚀Xyz"}"#,
            false,
        ),
        (
            r#"{"a":[{"suffix":{"equals-ignore-case":"x🚀"}}]}"#,
            r#"{"a":"zX??"}"#,
            true,
        ),
        (
            r#"{"a":[{"suffix":{"equals-ignore-case":"x🚀"}}]}"#,
            r#"{"a":"zX🚀"}"#,
            false,
        ),
        (
            r#"{"a":[{"anything-but":{"equals-ignore-case":["🚀"]}}]}"#,
            r#"{"a":"🚀"}"#,
            true,
        ),
        (
            r#"{"a":[{"anything-but":{"equals-ignore-case":["🚀"]}}]}"#,
            r#"{"a":"??"}"#,
            false,
        ),
        // Plain prefixes, suffixes and exact values compare the emoji's bytes.
        (r#"{"a":[{"prefix":"🚀"}]}"#, r#"{"a":"🚀!"}"#, true),
        (r#"{"a":[{"suffix":"🚀"}]}"#, r#"{"a":"!🚀"}"#, true),
        (r#"{"a":["🚀"]}"#, r#"{"a":"🚀"}"#, true),
    ] {
        let (p, e) = both(pattern, event);
        assert_eq!(p.matches(&e), want, "{pattern} on {event}");
        let mut rules = event_pattern::RuleSet::new();
        rules.add("r", pattern).unwrap();
        assert_eq!(
            !rules
                .matching_rules_json(event.as_bytes())
                .unwrap()
                .is_empty(),
            want,
            "RuleSet: {pattern} on {event}"
        );
    }
}
