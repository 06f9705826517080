//! The fuzz targets' invariants (`fuzz/src/lib.rs`) on arbitrary bytes, in the normal test run:
//! the JSON reader and its writers, `Pattern::parse`, `Event::parse`/`parse_any` and `explain`.
//! Bytes are read as lossy UTF-8 (what a browser or the CLI would hand over), and half of the
//! inputs are drawn from JSON's own alphabet so that some of them parse.

use event_pattern::json::{self, Layout, ValueKind};
use event_pattern::{explain, Event, Pattern};
use proptest::prelude::*;

/// Text from arbitrary bytes, or from characters JSON and patterns are made of.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..96)
            .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
        r#"[{}\[\]":, 0-9a-z.eE+\-\\\u{0}\u{e9}\u{1F600}]{0,96}"#,
        // A few keys and operators that reach the pattern compiler's checks.
        proptest::collection::vec(
            prop_oneof![
                Just("{"),
                Just("}"),
                Just("["),
                Just("]"),
                Just(","),
                Just(":"),
                Just(r#""a""#),
                Just(r#""b""#),
                Just(r#""$or""#),
                Just(r#""prefix""#),
                Just(r#""numeric""#),
                Just(r#""exists""#),
                Just(r#""anything-but""#),
                Just(r#""wildcard""#),
                Just(r#""*x*""#),
                Just(r#"">""#),
                Just("1"),
                Just("1e400"),
                Just("-0.5"),
                Just("true"),
                Just("null"),
                Just(r#""\ud800""#),
            ],
            0..24,
        )
        .prop_map(|parts| parts.concat()),
    ]
}

/// The JSON reader and both writers: `parse` and `reformat` accept the same texts; `reformat`
/// changes only whitespace (idempotent, same tree); `to_json` round-trips; errors point inside
/// the text; what serde_json accepts, the reader accepts.
fn check_json(text: &str) {
    let parsed = json::parse(text);
    let compact = json::reformat(text, Layout::Compact);
    let pretty = json::reformat(text, Layout::Pretty);
    assert_eq!(
        parsed.is_ok(),
        compact.is_ok(),
        "parse vs reformat: {text:?}"
    );
    assert_eq!(compact.is_ok(), pretty.is_ok(), "layouts: {text:?}");
    match (parsed, compact, pretty) {
        (Ok(value), Ok(compact), Ok(pretty)) => {
            let written = value.to_json(Layout::Compact);
            for reformatted in [&compact, &pretty] {
                let again = json::parse(reformatted).expect("a reformatted text parses");
                assert_eq!(again.to_json(Layout::Compact), written);
            }
            assert_eq!(json::reformat(&compact, Layout::Compact).unwrap(), compact);
            assert_eq!(json::reformat(&pretty, Layout::Pretty).unwrap(), pretty);
            assert_eq!(json::reformat(&pretty, Layout::Compact).unwrap(), compact);
            let reread = json::parse(&written).expect("to_json writes JSON");
            assert_eq!(reread.to_json(Layout::Compact), written);
            let reread = json::parse(&value.to_json(Layout::Pretty)).expect("pretty too");
            assert_eq!(reread.to_json(Layout::Compact), written);
        }
        (Err(error), _, _) => {
            let span = error.span();
            assert!(span.start <= span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            let _ = error.to_string();
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_err(),
                "serde_json accepts {text:?}, the reader says {error}"
            );
        }
        _ => unreachable!(),
    }
}

/// A valid pattern stays valid, with the same fields and branches, once compacted; errors point
/// inside the text and render.
fn check_pattern(text: &str) {
    match Pattern::parse(text) {
        Ok(pattern) => {
            // Text after the pattern's object is never read (Jackson stops there), so only the
            // object is compacted.
            let compact = json::reformat(text, Layout::Compact)
                .or_else(|e| json::reformat(&text[..e.span().start], Layout::Compact))
                .expect("a valid pattern starts with a JSON object");
            let again = Pattern::parse(&compact).expect("still valid once compacted");
            assert_eq!(again.fields().len(), pattern.fields().len());
            assert_eq!(again.sub_rules().len(), pattern.sub_rules().len());
        }
        Err(error) => {
            assert!(error.span().end <= text.len());
            let _ = (error.render(text), error.to_string());
        }
    }
}

/// `parse_any` accepts exactly the JSON objects; `parse` a subset of those.
fn check_event(text: &str) {
    let any = Event::parse_any(text);
    if Event::parse(text).is_ok() {
        assert!(any.is_ok());
    }
    let is_object = json::parse(text).is_ok_and(|v| matches!(v.kind, ValueKind::Object(_)));
    assert_eq!(
        any.is_ok(),
        is_object,
        "parse_any vs the JSON reader: {text:?}"
    );
    if let Ok(event) = any {
        assert_eq!(event.text(), text);
    }
}

/// `explain` agrees with `matches`, and its branches with its verdict.
fn check_explain(pattern_text: &str, event_text: &str) {
    let (Ok(pattern), Ok(event)) = (Pattern::parse(pattern_text), Event::parse_any(event_text))
    else {
        return;
    };
    let explanation = explain(&pattern, &event);
    assert_eq!(explanation.matched, pattern.matches(&event));
    assert_eq!(explanation.branches.len(), pattern.sub_rules().len());
    assert_eq!(
        explanation.matched,
        explanation.branches.iter().any(|b| b.matched)
    );
    match explanation.matched_branch {
        Some(i) => assert!(explanation.branches[i].matched),
        None => assert!(!explanation.matched),
    }
    let _ = explanation.to_string();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn json_reader_and_writers_agree_on_arbitrary_bytes(text in text()) {
        check_json(&text);
    }

    #[test]
    fn pattern_parse_survives_arbitrary_bytes(text in text()) {
        check_pattern(&text);
    }

    #[test]
    fn event_parse_survives_arbitrary_bytes(text in text()) {
        check_event(&text);
    }

    #[test]
    fn explain_survives_arbitrary_bytes(pattern in text(), event in text()) {
        check_explain(&pattern, &event);
        // A valid pattern against itself as an event reaches the explanation more often.
        check_explain(&pattern, &pattern);
    }
}

/// Inputs worth keeping: the recorded cases' texts run through the same checks.
#[test]
fn recorded_cases_hold_the_invariants() {
    let cases: serde_json::Value =
        serde_json::from_str(include_str!("data/aws-validated.json")).unwrap();
    let text_of = |case: &serde_json::Value, key: &str| match case
        .get(format!("{key}_text").as_str())
        .or(case.get(key))
    {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(value) => value.to_string(),
        None => String::new(),
    };
    let mut checked = 0;
    for case in cases["cases"].as_array().unwrap() {
        let (pattern, event) = (text_of(case, "pattern"), text_of(case, "event"));
        check_json(&pattern);
        check_json(&event);
        check_pattern(&pattern);
        check_event(&event);
        check_explain(&pattern, &event);
        checked += 1;
    }
    assert!(checked > 100, "only {checked} cases");
}

/// Found by the `pattern_parse` fuzz target: a pattern followed by other text is valid (Jackson
/// never reads past the object), but the text as a whole is not JSON, so the first form of the
/// "compacting keeps a pattern valid" check refused it. The check now compacts the object only.
#[test]
fn pattern_followed_by_text_is_valid_and_compacts_to_its_object() {
    let text = "{\"a\": {\"d\": [2, 1]}}\u{FFFD}";
    assert!(Pattern::parse(text).is_ok());
    assert!(json::parse(text).is_err());
    check_pattern(text);
}
