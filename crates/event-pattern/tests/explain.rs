//! `explain` gives a person the reasons, and always agrees with `Pattern::matches`.

use event_pattern::{explain, Event, FieldOutcome, Pattern};

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
