//! The rule-set engine (`RuleSet`) against the single-pattern matcher, the reference interpreter
//! and AWS's recorded cases; its add/remove semantics; and hostile inputs to its JSON scanner.

mod generators;

use event_pattern::json::MAX_DEPTH;
use event_pattern::{reference, Event, Pattern, RuleSet};
use generators::{event_object, json_noise, mirror, pattern_object};
use proptest::prelude::*;
use serde_json::Value;

fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

/// Both entry points, which must agree with each other.
fn matching(rules: &RuleSet, event_text: &str) -> Vec<String> {
    let from_json: Vec<String> = rules
        .matching_rules_json(event_text.as_bytes())
        .unwrap_or_else(|e| panic!("{}: {event_text}", e.detail()))
        .into_iter()
        .map(str::to_owned)
        .collect();
    let event = Event::parse_any(event_text).unwrap();
    let from_event: Vec<String> = rules
        .matching_rules(&event)
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        from_json, from_event,
        "json scan vs parsed event: {event_text}"
    );
    from_json
}

mod aws_corpus {
    use super::*;
    use event_pattern::json::{self, ValueKind};

    const CORPUS: &str = include_str!("data/aws-validated.json");

    fn text(case: &event_pattern::json::Value, key: &str, text_key: &str) -> String {
        match case.get(key) {
            Some(v) => CORPUS[v.span.range()].to_owned(),
            None => match case.get(text_key).map(|v| &v.kind) {
                Some(ValueKind::String(s)) => s.clone(),
                _ => panic!("{text_key}"),
            },
        }
    }

    #[test]
    fn every_recorded_case_through_a_one_rule_set() {
        let root = json::parse(CORPUS).unwrap();
        let ValueKind::Array(cases) = &root.get("cases").unwrap().kind else {
            panic!("cases")
        };
        let (mut matched, mut unmatched, mut refused) = (0, 0, 0);
        for case in cases {
            let name = match &case.get("name").unwrap().kind {
                ValueKind::String(s) => s.clone(),
                _ => panic!("name"),
            };
            let expect = match &case.get("expect").unwrap().kind {
                ValueKind::String(s) => s.clone(),
                _ => panic!("expect"),
            };
            let pattern = text(case, "pattern", "pattern_text");
            let event = text(case, "event", "event_text");
            let mut rules = RuleSet::new();
            let added = rules.add(&name, &pattern);
            let event_ok = Event::parse(&event).is_ok();
            match (expect.as_str(), added) {
                ("error", Err(e)) => {
                    assert_eq!(
                        e.message(),
                        Pattern::parse(&pattern).unwrap_err().message(),
                        "{name}"
                    );
                    refused += 1;
                }
                ("error", Ok(())) => assert!(!event_ok, "{name}: AWS refused the case"),
                (want, Ok(())) => {
                    let got = matching(&rules, &event);
                    let is_match = got == [name.as_str()];
                    assert!(is_match || got.is_empty(), "{name}: {got:?}");
                    assert_eq!(is_match, want == "match", "{name}");
                    if is_match {
                        matched += 1;
                    } else {
                        unmatched += 1;
                    }
                }
                (_, Err(e)) => panic!("{name}: {e}"),
            }
        }
        assert_eq!(matched + unmatched + refused, 156);
        assert!(matched > 40 && unmatched > 30 && refused > 30);
    }
}

/// JSON values of up to a few kilobytes with strings that need escapes or are not ASCII.
fn big_value() -> impl Strategy<Value = Value> {
    let text = prop::sample::select(
        &[
            "",
            "plain",
            "q\"uote",
            "back\\slash",
            "tab\tnew\nline",
            "é ü 🚀",
            "{[}]",
            "\u{1}",
        ][..],
    );
    let leaf = prop_oneof![
        text.prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        Just(Value::Null),
    ];
    leaf.prop_recursive(5, 200, 12, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..12).prop_map(Value::Array),
            prop::collection::btree_map("[a-z{}\\[\\]\"]{0,6}", inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Rule names for generated patterns.
fn names(count: usize) -> Vec<String> {
    (0..count).map(|i| format!("rule-{i}")).collect()
}

fn rule_set_and_event() -> impl Strategy<Value = (Vec<Value>, Value)> {
    prop::collection::vec(pattern_object(2), 1..10).prop_flat_map(|patterns| {
        let pick = 0..patterns.len();
        let shaped = pick.prop_flat_map({
            let patterns = patterns.clone();
            move |i| mirror(&patterns[i])
        });
        let event = prop_oneof![4 => shaped, 1 => event_object()];
        (Just(patterns), event)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn rule_set_returns_exactly_the_rules_the_reference_matches((patterns, event) in rule_set_and_event()) {
        let names = names(patterns.len());
        let mut rules = RuleSet::new();
        let event_text = event.to_string();
        let parsed = Event::parse_any(&event_text).unwrap();
        let mut want = Vec::new();
        for (name, pattern) in names.iter().zip(&patterns) {
            let text = pattern.to_string();
            rules.add(name, &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            let compiled = Pattern::parse(&text).unwrap();
            let expected = reference::matches(&compiled, &parsed);
            prop_assert_eq!(compiled.matches(&parsed), expected, "matcher vs reference: {} on {}", text, event_text);
            if expected {
                want.push(name.clone());
            }
        }
        let got = matching(&rules, &event_text);
        prop_assert_eq!(got, want, "patterns {:?}\nevent {}", patterns.iter().map(Value::to_string).collect::<Vec<_>>(), event_text);
    }

    #[test]
    fn strict_scanner_accepts_exactly_what_the_parser_accepts(text in json_noise()) {
        let text = format!("{{\"a\":{text}");
        let mut rules = RuleSet::new();
        rules.set_strict_json(true);
        rules.add("r", r#"{"a":[{"exists":true}]}"#).unwrap();
        rules.add("s", r#"{"a":{"a":[{"exists":false}]}}"#).unwrap();
        let scanned = rules.matching_rules_json(text.as_bytes());
        match Event::parse_any(&text) {
            Ok(event) => prop_assert_eq!(scanned.unwrap(), rules.matching_rules(&event)),
            Err(e) => prop_assert_eq!(scanned.unwrap_err(), e),
        }
    }

    #[test]
    fn default_scanner_agrees_on_every_well_formed_event(text in json_noise()) {
        let text = format!("{{\"a\":{text}");
        let mut rules = RuleSet::new();
        rules.add("r", r#"{"a":[{"exists":true}]}"#).unwrap();
        rules.add("s", r#"{"b":[{"exists":false}]}"#).unwrap();
        let scanned = rules.matching_rules_json(text.as_bytes());
        match Event::parse_any(&text) {
            Ok(event) => prop_assert_eq!(scanned.unwrap(), rules.matching_rules(&event)),
            // Skipped containers are checked only structurally; an error found is the parser's.
            Err(e) => {
                if let Err(found) = scanned {
                    prop_assert_eq!(found, e);
                }
            }
        }
    }

    #[test]
    fn large_skipped_values_are_stepped_over_exactly(
        skipped in prop::collection::vec(big_value(), 1..4),
        pretty in any::<bool>(),
        wanted in prop::sample::select(&["x", "y\"z", "\u{e9}t\u{e9}"][..]),
    ) {
        // Values no rule mentions, of all shapes and sizes, around values rules do mention.
        let mut members = serde_json::Map::new();
        for (i, value) in skipped.iter().enumerate() {
            members.insert(format!("skip{i}"), value.clone());
            members.insert(format!("k{i}"), Value::from(wanted));
        }
        members.insert("deep".into(), serde_json::json!({"inner": skipped, "k": wanted}));
        let event = Value::Object(members);
        let text = if pretty { serde_json::to_string_pretty(&event).unwrap() } else { event.to_string() };
        let mut rules = RuleSet::new();
        rules.add("top", &serde_json::json!({"k0": [wanted]}).to_string()).unwrap();
        rules.add("deep", &serde_json::json!({"deep": {"k": [wanted]}}).to_string()).unwrap();
        rules.add("last", &serde_json::json!({format!("k{}", skipped.len() - 1): [{"prefix": ""}]}).to_string()).unwrap();
        rules.add("never", r#"{"deep":{"inner":{"zz":["nothing"]}}}"#).unwrap();
        prop_assert_eq!(matching(&rules, &text), ["top", "deep", "last"]);
    }

    #[test]
    fn arbitrary_bytes_give_a_result_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let mut rules = RuleSet::new();
        rules.add("r", r#"{"a":[{"exists":true}]}"#).unwrap();
        let scanned = rules.matching_rules_json(&bytes);
        match std::str::from_utf8(&bytes).map(Event::parse_any) {
            Ok(Ok(_)) => prop_assert!(scanned.is_ok()),
            _ => prop_assert!(scanned.is_err()),
        }
    }
}

/// Counts both outcomes so the agreement property is known to see matches and misses.
#[test]
fn generated_rule_sets_see_matches_and_misses() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut hits, mut misses) = (0, 0);
    for _ in 0..200 {
        let (patterns, event) = rule_set_and_event()
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let mut rules = RuleSet::new();
        for (name, pattern) in names(patterns.len()).iter().zip(&patterns) {
            rules.add(name, &pattern.to_string()).unwrap();
        }
        let got = matching(&rules, &event.to_string()).len();
        hits += got;
        misses += patterns.len() - got;
    }
    assert!(hits >= 50 && misses >= 100, "hits {hits}, misses {misses}");
}

#[test]
fn add_remove_and_replace() {
    let mut rules = RuleSet::new();
    assert!(rules.is_empty());
    rules.add("a", r#"{"x":["1"]}"#).unwrap();
    rules.add("b", r#"{"x":["2"]}"#).unwrap();
    rules.add("c", r#"{"x":[{"prefix":""}]}"#).unwrap();
    assert_eq!(rules.len(), 3);
    let event = br#"{"x":"1"}"#;
    assert_eq!(rules.matching_rules_json(event).unwrap(), ["a", "c"]);

    // Replacing keeps the rule's place in results and drops its old pattern.
    rules.add("a", r#"{"x":["2"]}"#).unwrap();
    assert_eq!(rules.len(), 3);
    assert_eq!(rules.matching_rules_json(event).unwrap(), ["c"]);
    assert_eq!(
        rules.matching_rules_json(br#"{"x":"2"}"#).unwrap(),
        ["a", "b", "c"]
    );

    // A refused pattern leaves the rule set as it was.
    assert!(rules.add("a", r#"{"x":[]}"#).is_err());
    assert!(rules.add("d", "{").is_err());
    assert_eq!(rules.len(), 3);
    assert_eq!(
        rules.matching_rules_json(br#"{"x":"2"}"#).unwrap(),
        ["a", "b", "c"]
    );

    assert!(rules.remove("b"));
    assert!(!rules.remove("b"));
    assert!(!rules.remove("never-added"));
    assert_eq!(rules.len(), 2);
    assert_eq!(
        rules.matching_rules_json(br#"{"x":"2"}"#).unwrap(),
        ["a", "c"]
    );
    // Re-adding a removed name puts it last.
    rules.add("b", r#"{"x":["2"]}"#).unwrap();
    assert_eq!(
        rules.matching_rules_json(br#"{"x":"2"}"#).unwrap(),
        ["a", "c", "b"]
    );
    let copy = rules.clone();
    assert!(rules.remove("a") && rules.remove("b") && rules.remove("c"));
    assert!(rules.is_empty());
    assert!(rules
        .matching_rules_json(br#"{"x":"2"}"#)
        .unwrap()
        .is_empty());
    assert_eq!(copy.len(), 3, "clones are independent");
    assert_eq!(
        format!("{copy:?}"),
        "RuleSet { rules: 3, sub_rules: 3, paths_with_fields: 1, strict_json: false }"
    );
}

#[test]
fn thousands_of_removals_and_replacements_stay_correct() {
    // Enough churn to make the automaton rebuild itself several times.
    let mut rules = RuleSet::new();
    for i in 0..3000 {
        rules
            .add(&format!("r{i}"), &format!(r#"{{"id":["{i}"]}}"#))
            .unwrap();
    }
    for i in (0..3000).step_by(2) {
        assert!(rules.remove(&format!("r{i}")));
    }
    for i in (1..3000).step_by(3) {
        rules
            .add(&format!("r{i}"), &format!(r#"{{"id":["new-{i}"]}}"#))
            .unwrap();
    }
    // 1500 odd ones kept, plus the 500 even ones (i ≡ 4 mod 6) added back.
    assert_eq!(rules.len(), 2000);
    for i in [0usize, 1, 3, 4, 5, 7, 2999] {
        let event = format!(r#"{{"id":"{i}"}}"#);
        let got = rules.matching_rules_json(event.as_bytes()).unwrap();
        let live_unchanged = i % 2 == 1 && i % 3 != 1;
        assert_eq!(got.len(), usize::from(live_unchanged), "id {i}: {got:?}");
        let event = format!(r#"{{"id":"new-{i}"}}"#);
        let got = rules.matching_rules_json(event.as_bytes()).unwrap();
        assert_eq!(got.len(), usize::from(i % 3 == 1), "new-{i}: {got:?}");
    }
}

#[test]
fn ten_thousand_exact_rules_each_find_their_event() {
    let mut rules = RuleSet::new();
    for i in 0..10_000 {
        rules
            .add(
                &format!("lot-{i}"),
                &format!(r#"{{"properties":{{"MAPBLKLOT":["{i:07}"]}}}}"#),
            )
            .unwrap();
    }
    for i in [0, 1, 4321, 9999] {
        let event = format!(r#"{{"properties":{{"MAPBLKLOT":"{i:07}","STREET":"X"}}}}"#);
        let got = rules.matching_rules_json(event.as_bytes()).unwrap();
        assert_eq!(got, [format!("lot-{i}")]);
    }
    let miss = br#"{"properties":{"MAPBLKLOT":"10000000"}}"#;
    assert!(rules.matching_rules_json(miss).unwrap().is_empty());
}

/// Table of (patterns, event, names expected): cases the scanner handles specially.
#[test]
fn scanner_cases() {
    let table: &[(&[&str], &str, &[usize])] = &[
        // Escapes in keys and values are decoded before lookups.
        (&[r#"{"ké":["a\"b"]}"#], r#"{"k\u00e9":"a\u0022b"}"#, &[0]),
        (&[r#"{"a":["🚀"]}"#], r#"{"\u0061":"\ud83d\ude80"}"#, &[0]),
        // A lone surrogate becomes U+FFFD, as in the parser.
        (&[r#"{"a":["\ufffd"]}"#], r#"{"a":"\ud800"}"#, &[0]),
        // Dots in keys and nesting name the same path.
        (&[r#"{"a":{"b":{"c":[1]}}}"#], r#"{"a.b":{"c":1}}"#, &[0]),
        (&[r#"{"a.b":{"c":[1]}}"#], r#"{"a":{"b.c":1}}"#, &[0]),
        // Below the top, an empty key is a step of its own (event-ruler: `.a.b`, and a
        // pattern's `{"": {"a": …}}` is `a`).
        (&[r#"{"a":{"b":[1]}}"#], r#"{"":{"a":{"b":1}}}"#, &[]),
        (&[r#"{".a":{"b":[1]}}"#], r#"{"":{"a":{"b":1}}}"#, &[0]),
        (&[r#"{"":{"a":[1]}}"#], r#"{"a":1}"#, &[0]),
        // Values under unmentioned keys are skipped whatever they hold.
        (
            &[r#"{"b":[true]}"#],
            r#"{"a":{"x":[1,{"y":[null,"\"}"]}],"z":-0.5e-3},"b":true}"#,
            &[0],
        ),
        // Objects are not values; arrays of objects are walked.
        (
            &[r#"{"a":[{"exists":true}]}"#, r#"{"a":[{"exists":false}]}"#],
            r#"{"a":{"b":1}}"#,
            &[1],
        ),
        (
            &[r#"{"a":{"b":[2]}}"#],
            r#"{"a":[{"b":1},{"b":[3,2]}]}"#,
            &[0],
        ),
        // Array consistency and exists:false inside the chosen element.
        (
            &[
                r#"{"e":{"first":["Anna"],"last":["Jones"]}}"#,
                r#"{"e":{"first":["Anna"],"ids":[{"exists":false}]}}"#,
                r#"{"e":{"first":["Anna"],"ids":[{"exists":true}]}}"#,
            ],
            r#"{"e":[{"first":"Anna","last":"Smith"},{"first":"John","last":"Jones","ids":[1]}]}"#,
            &[1],
        ),
        // Numbers: numeric equality, huge literals, -0.
        (
            &[r#"{"n":[300]}"#, r#"{"n":[{"numeric":[">",299]}]}"#],
            r#"{"n":3e2}"#,
            &[0, 1],
        ),
        (
            &[r#"{"n":[123456789012345678901234567890]}"#],
            r#"{"n":123456789012345678901234567890}"#,
            &[0],
        ),
        (
            &[r#"{"n":[1e400]}"#, r#"{"n":[{"anything-but":[1]}]}"#],
            r#"{"n":1e400}"#,
            &[0, 1],
        ),
        (&[r#"{"n":[0]}"#], r#"{"n":-0.0}"#, &[0]),
        // IP spellings, case folding beyond ASCII.
        (
            &[r#"{"ip":["2001:db8::1"]}"#],
            r#"{"ip":"2001:0db8:0:0:0:0:0:1"}"#,
            &[0],
        ),
        (
            &[r#"{"s":[{"equals-ignore-case":"straße"}]}"#],
            r#"{"s":"STRASSE"}"#,
            &[0],
        ),
        (
            &[r#"{"s":[{"prefix":{"equals-ignore-case":"ab"}}]}"#],
            r#"{"s":"AbÇ"}"#,
            &[0],
        ),
        // Rules with only exists:false match events without the path.
        (
            &[r#"{"a":[{"exists":false}]}"#, r#"{"b":[{"exists":false}]}"#],
            r#"{"a":1}"#,
            &[1],
        ),
    ];
    for (patterns, event, want) in table {
        let mut rules = RuleSet::new();
        for (i, pattern) in patterns.iter().enumerate() {
            rules.add(&i.to_string(), pattern).unwrap();
        }
        let want: Vec<String> = want.iter().map(usize::to_string).collect();
        assert_eq!(matching(&rules, event), want, "{event}");
    }
}

#[test]
fn repeated_keys_regression_last_value_wins() {
    let mut rules = RuleSet::new();
    rules.add("first", r#"{"a":{"b":[1]}}"#).unwrap();
    rules.add("last", r#"{"a":{"c":[2]}}"#).unwrap();
    rules.add("gone", r#"{"a":[1]}"#).unwrap();
    let text = r#"{"a":1,"x":0,"a":{"b":1},"a":{"c":2}}"#;
    assert_eq!(matching(&rules, text), ["last"]);
}

#[test]
fn skipped_containers_are_checked_structurally_or_fully_when_strict() {
    // (text, caught by default, caught when strict)
    let table: &[(&str, bool, bool)] = &[
        (r#"{"x":"ok","skipped":[1 2]}"#, false, true),
        (r#"{"x":"ok","skipped":{"k":tru}}"#, false, true),
        (r#"{"x":"ok","skipped":{"k":[1,2}]}"#, false, true),
        (r#"{"x":"ok","skipped":[1,2}}"#, false, true),
        (r#"{"x":"ok","skipped":[1,[2]}"#, true, true),
        (r#"{"x":"ok","skipped":["a\qb"]}"#, true, true),
        ("{\"x\":\"ok\",\"skipped\":[\"a\u{1}\"]}", true, true),
        ("{\"x\":\"ok\",\"skipped\":[\"unterminated]}", true, true),
        (r#"{"x":"ok","skipped":{"k":"v"}} trailing"#, true, true),
        (
            r#"{"x":"ok","skipped":{"k":"v"},"x":"again"}"#,
            false,
            false,
        ),
    ];
    for &(text, caught, caught_strictly) in table {
        let mut rules = RuleSet::new();
        rules.add("r", r#"{"x":["ok"]}"#).unwrap();
        assert_eq!(
            rules.matching_rules_json(text.as_bytes()).is_err(),
            caught,
            "{text}"
        );
        rules.set_strict_json(true);
        assert!(rules.strict_json());
        let strict = rules.matching_rules_json(text.as_bytes());
        assert_eq!(strict.is_err(), caught_strictly, "strict: {text}");
        assert_eq!(strict.is_err(), Event::parse_any(text).is_err(), "{text}");
    }
    // Invalid UTF-8 is found wherever it is.
    let mut rules = RuleSet::new();
    rules.add("r", r#"{"x":["ok"]}"#).unwrap();
    assert!(rules
        .matching_rules_json(b"{\"x\":\"ok\",\"s\":[\"\xc3\x28\"]}")
        .is_err());
}

#[test]
fn malformed_events_are_errors_with_a_position() {
    let mut rules = RuleSet::new();
    rules.add("r", r#"{"a":["x"]}"#).unwrap();
    rules.add("q", r#"{"b":[{"exists":true}]}"#).unwrap();
    let table: &[(&[u8], (usize, usize))] = &[
        (b"{\"a\": \"x\",\n \"b\": tru}", (2, 7)),
        (b"{\"a\": \"x\"} extra", (1, 12)),
        (b"{\"b\": [1, 2,]}", (1, 13)),
        (b"{\"b\": 01}", (1, 7)),
        (b"{\"b\": \"\\q\"}", (1, 8)),
        (b"{\"b\": \"\xff\"}", (1, 8)),
        (b"[\"a\"]", (1, 1)),
    ];
    for (text, (line, column)) in table {
        let e = rules.matching_rules_json(text).unwrap_err();
        assert_eq!(
            (e.line(), e.column()),
            (Some(*line), Some(*column)),
            "{}: {}",
            String::from_utf8_lossy(text),
            e.detail()
        );
        assert_eq!(e.message(), "Parameter Event is not valid.");
    }
    assert!(rules.matching_rules_json(b"").is_err());
    assert!(rules.matching_rules_json(b"  ").is_err());
}

fn nested(levels: usize, open: &str, close: &str) -> String {
    format!(
        r#"{{"a":{}"deep"{}}}"#,
        open.repeat(levels),
        close.repeat(levels)
    )
}

#[test]
fn a_thousand_levels_work_and_deeper_is_an_error() {
    on_small_stack(|| {
        let mut rules = RuleSet::new();
        rules
            .add("deep", r#"{"a":{"k":{"k":[{"exists":true}]}}}"#)
            .unwrap();
        rules
            .add("absent", r#"{"a":{"k":[{"exists":false}]}}"#)
            .unwrap();
        rules.add("any", r#"{"a":[{"anything-but":"x"}]}"#).unwrap();
        // The root object plus 999 more containers.
        for (open, close) in [(r#"{"k":"#, "}"), ("[", "]")] {
            let ok = nested(MAX_DEPTH - 1, open, close);
            assert!(rules.matching_rules_json(ok.as_bytes()).is_ok(), "{open}");
            let too_deep = nested(MAX_DEPTH, open, close);
            let e = rules.matching_rules_json(too_deep.as_bytes()).unwrap_err();
            assert!(
                e.detail().starts_with("Document nesting depth (1001)"),
                "{}",
                e.detail()
            );
        }
        // Deep nesting under a skipped key is checked too.
        let skipped = format!(
            r#"{{"z":{}1{}}}"#,
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        assert!(rules.matching_rules_json(skipped.as_bytes()).is_err());
        let arrays = "[".repeat(200_000);
        assert!(rules.matching_rules_json(arrays.as_bytes()).is_err());
        let objects = r#"{"a":"#.repeat(200_000);
        assert!(rules.matching_rules_json(objects.as_bytes()).is_err());
    });
}

#[test]
fn events_of_256_kib() {
    on_small_stack(|| {
        let mut text = String::from(r#"{"detail":{"items":["#);
        let mut i = 0;
        while text.len() < 256 * 1024 {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&format!(
                r#"{{"n":{i},"name":"item-{i}","tags":["a","b"]}}"#
            ));
            i += 1;
        }
        text.push_str("]}}");
        let mut rules = RuleSet::new();
        rules
            .add(
                "hit",
                r#"{"detail":{"items":{"n":[{"numeric":[">=",5000]}],"name":["item-5000"]}}}"#,
            )
            .unwrap();
        rules
            .add(
                "miss",
                r#"{"detail":{"items":{"n":[1],"name":["item-2"]}}}"#,
            )
            .unwrap();
        rules
            .add("tags", r#"{"detail":{"items":{"tags":["b"]}}}"#)
            .unwrap();
        assert_eq!(matching(&rules, &text), ["hit", "tags"]);
        let long = format!(r#"{{"a":"{}"}}"#, "x".repeat(300_000));
        let mut rules = RuleSet::new();
        rules.add("w", r#"{"a":[{"wildcard":"x*x*x"}]}"#).unwrap();
        assert_eq!(matching(&rules, &long), ["w"]);
    });
}

/// Many wildcard rules on one path (indexed by their literal head and tail): escaped `\*` and
/// `\\`, leading and trailing `*`, no `*` at all, empty literals and heads overlapping tails, all
/// checked against the reference interpreter.
#[test]
fn many_wildcard_rules_on_one_path_agree_with_the_reference() {
    let literals = [
        "", "a", "ab", "b", "ba", "aa", r"\*", r"a\*", r"\\", r"\*b", "abc",
    ];
    let mut wildcards: Vec<String> = Vec::new();
    for head in literals {
        for tail in literals {
            wildcards.push(format!("{head}*{tail}"));
            wildcards.push(format!("{head}*a*{tail}"));
            wildcards.push(format!("{head}*{tail}*"));
            wildcards.push(format!("*{head}*{tail}"));
            // No literal head or tail: indexed by the longer middle segment.
            wildcards.push(format!("*{head}*{tail}*"));
            if !head.ends_with('*') && !tail.is_empty() {
                wildcards.push(format!("{head}{tail}"));
            }
        }
        wildcards.push(head.to_owned());
    }
    wildcards.sort();
    wildcards.dedup();
    let mut rules = RuleSet::new();
    let mut patterns = Vec::new();
    for (i, wildcard) in wildcards.iter().enumerate() {
        let text = serde_json::json!({"f": [{"wildcard": wildcard}]}).to_string();
        if Pattern::parse(&text).is_err() {
            continue; // "**" from an empty literal between stars
        }
        rules.add(&format!("w{i}"), &text).unwrap();
        patterns.push((format!("w{i}"), Pattern::parse(&text).unwrap()));
    }
    assert!(patterns.len() > 300, "{} rules", patterns.len());
    let values = [
        "", "a", "b", "*", "\\", "ab", "ba", "aa", "aaa", "aba", "abab", "abc", "abcabc", "a*",
        "*b", "a*b", "a*a*b", "\\*", "a\\", "\\\\", "ab*ba", "baab", "xyz", "a*bc", "abca",
    ];
    for value in values {
        let event_text = serde_json::json!({"f": value, "g": [value, 1]}).to_string();
        let event = Event::parse_any(&event_text).unwrap();
        let want: Vec<String> = patterns
            .iter()
            .filter(|(_, p)| reference::matches(p, &event))
            .map(|(name, _)| name.clone())
            .collect();
        assert_eq!(matching(&rules, &event_text), want, "value {value:?}");
    }
    for event_text in [
        r#"{"f": 5}"#,
        r#"{"f": null}"#,
        r#"{"f": ["ab", "x"]}"#,
        "{}",
    ] {
        let event = Event::parse_any(event_text).unwrap();
        let want: Vec<String> = patterns
            .iter()
            .filter(|(_, p)| reference::matches(p, &event))
            .map(|(name, _)| name.clone())
            .collect();
        assert_eq!(matching(&rules, event_text), want, "{event_text}");
    }
}

/// The reference interpreter's verdicts on `event_text` for every named pattern.
fn reference_matches(patterns: &[(String, Pattern)], event_text: &str) -> Vec<String> {
    let event = Event::parse_any(event_text).unwrap();
    patterns
        .iter()
        .filter(|(_, p)| reference::matches(p, &event))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Many numeric and CIDR rules on one path (more than the few compared one by one, so they go
/// through the range tree): open, closed and half-open bounds on shared endpoints, `-0`, tiny and
/// huge numbers, and IPv4 and IPv6 networks, checked against the reference interpreter.
#[test]
fn many_range_rules_on_one_path_agree_with_the_reference() {
    let points = [
        "-1e300", "-2.5", "-1", "-0", "0", "1e-300", "0.5", "1", "2.5", "7", "1e300",
    ];
    let mut texts = Vec::new();
    for (i, low) in points.iter().enumerate() {
        for op in ["<", "<=", ">", ">=", "="] {
            texts.push(format!(r#"{{"n": [{{"numeric": ["{op}", {low}]}}]}}"#));
        }
        for high in &points[i..] {
            for (a, b) in [(">", "<"), (">=", "<"), (">", "<="), (">=", "<=")] {
                texts.push(format!(
                    r#"{{"n": [{{"numeric": ["{a}", {low}, "{b}", {high}]}}]}}"#
                ));
            }
        }
    }
    for network in [
        "10.0.0.0/8",
        "10.0.0.0/24",
        "10.0.0.128/25",
        "10.0.1.0/24",
        "0.0.0.0/0",
        "192.168.0.0/16",
        "2001:db8::/32",
        "2001:db8::/64",
        "2001:db8:0:1::/64",
        "::/0",
        "::ffff:10.0.0.0/104",
    ] {
        texts.push(format!(r#"{{"ip": [{{"cidr": "{network}"}}]}}"#));
    }
    let mut rules = RuleSet::new();
    let mut patterns = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        // Empty ranges (`> 1` and `< 1`) are refused by the parser, like AWS does.
        let Ok(pattern) = Pattern::parse(text) else {
            continue;
        };
        rules.add(&format!("r{i}"), text).unwrap();
        patterns.push((format!("r{i}"), pattern));
    }
    assert!(patterns.len() > 200, "{} rules", patterns.len());
    let mut events: Vec<String> = [
        "-1e300",
        "-1e301",
        "-2.5",
        "-2.4999",
        "-1",
        "-0.9",
        "-0",
        "0",
        "0.0",
        "1e-300",
        "1e-301",
        "0.5",
        "0.50000000000000001",
        "1",
        "1.0000000000000002",
        "2.5",
        "3",
        "7",
        "7e0",
        "1e300",
        "1e400",
        "-1e400",
        "\"1\"",
        "null",
        "true",
    ]
    .iter()
    .map(|n| format!(r#"{{"n": {n}}}"#))
    .collect();
    for ip in [
        "10.0.0.1",
        "10.0.0.200",
        "10.0.1.7",
        "10.255.255.255",
        "11.0.0.0",
        "192.168.4.4",
        "2001:db8::1",
        "2001:db8:0:1::9",
        "2001:db9::",
        "::ffff:10.0.0.5",
        "::1",
        "not an ip",
        "010.000.000.001",
    ] {
        events.push(format!(r#"{{"ip": "{ip}"}}"#));
    }
    events.push(r#"{"n": [-3, 0.5, 9], "ip": ["10.0.1.1", 5]}"#.to_owned());
    for event_text in &events {
        assert_eq!(
            matching(&rules, event_text),
            reference_matches(&patterns, event_text),
            "{event_text}"
        );
    }
}

/// Thousands of rules sharing a field (`"a": ["x"]`, filed once and anchoring almost none of them)
/// beside a rare one, with `exists: false`, `$or` and fields inside arrays of objects, against the
/// reference interpreter: sharing and anchors must not change any verdict.
#[test]
fn rules_sharing_a_common_field_agree_with_the_reference() {
    let mut rules = RuleSet::new();
    let mut patterns = Vec::new();
    for i in 0..1200 {
        let text = match i % 7 {
            0 => format!(r#"{{"a": ["x"], "b": ["{}"]}}"#, i % 50),
            1 => format!(
                r#"{{"b": ["{}"], "a": ["x"], "c": [{{"exists": false}}]}}"#,
                i % 50
            ),
            2 => format!(
                r#"{{"$or": [{{"a": ["x"]}}, {{"b": ["{}"]}}], "d": ["y"]}}"#,
                i % 50
            ),
            3 => format!(r#"{{"arr": {{"p": ["x"], "q": ["{}"]}}}}"#, i % 50),
            4 => r#"{"a": ["x"], "c": [{"exists": false}]}"#.to_owned(),
            5 => format!(
                r#"{{"a": [{{"anything-but": "q{}"}}], "b": ["{}"], "c": [{{"exists": true}}]}}"#,
                i % 3,
                i % 50
            ),
            _ => format!(r#"{{"a": ["x", "z"], "b": [{{"prefix": "{}"}}]}}"#, i % 50),
        };
        rules.add(&format!("r{i}"), &text).unwrap();
        patterns.push((format!("r{i}"), Pattern::parse(&text).unwrap()));
    }
    for i in (0..1200).step_by(7) {
        rules.remove(&format!("r{i}"));
    }
    patterns.retain(|(name, _)| name[1..].parse::<usize>().unwrap() % 7 != 0);
    for event_text in [
        r#"{"a": "x", "b": "5"}"#,
        r#"{"a": "x", "b": "5", "c": 1}"#,
        r#"{"a": ["q1", "q2"], "b": "12", "c": null}"#,
        r#"{"a": "q0", "b": ["12", "33"], "c": [1]}"#,
        r#"{"a": ["x", "y"], "b": ["5", "17"], "d": "y"}"#,
        r#"{"b": "17", "d": "y"}"#,
        r#"{"a": "z", "b": "4"}"#,
        r#"{"a": "x"}"#,
        r#"{"arr": [{"p": "x", "q": "5"}, {"p": "y", "q": "7"}]}"#,
        r#"{"arr": [{"p": "x", "q": "7"}, {"p": "y", "q": "5"}]}"#,
        r#"{"arr": [{"p": "y", "q": "7"}, {"p": "x", "q": ["5", "9"]}]}"#,
        "{}",
    ] {
        assert_eq!(
            matching(&rules, event_text),
            reference_matches(&patterns, event_text),
            "{event_text}"
        );
    }
}

/// Sub-rules of more than 64 fields take the consistency search's wide field sets; the answers
/// must not change (checked against the reference interpreter and the matcher).
#[test]
fn sub_rules_with_more_than_64_fields() {
    let names: Vec<String> = (0..70).map(|i| format!("f{i:02}")).collect();
    let fields: Vec<String> = names.iter().map(|n| format!(r#""{n}":[1]"#)).collect();
    let all: Vec<String> = names.iter().map(|n| format!(r#""{n}":1"#)).collect();
    let half: Vec<String> = names[..35].iter().map(|n| format!(r#""{n}":1"#)).collect();
    let rest: Vec<String> = names[35..].iter().map(|n| format!(r#""{n}":1"#)).collect();
    for (absent, event, want) in [
        // `zz` sorts after every f: judged inside the element the fs chose.
        ("zz", format!(r#"[{{{}}},{{"zz":1}}]"#, all.join(",")), true),
        // `a0` sorts before them: judged before any element is chosen.
        (
            "a0",
            format!(r#"[{{{}}},{{"a0":1}}]"#, all.join(",")),
            false,
        ),
        ("a0", format!(r#"[{{{}}}]"#, all.join(",")), true),
        // The fields split over two elements never match together.
        (
            "zz",
            format!(r#"[{{{}}},{{{}}}]"#, half.join(","), rest.join(",")),
            false,
        ),
    ] {
        let pattern = format!(
            r#"{{"items":{{{},"{absent}":[{{"exists":false}}]}}}}"#,
            fields.join(",")
        );
        let event_text = format!(r#"{{"items":{event}}}"#);
        let p = Pattern::parse(&pattern).unwrap();
        let e = Event::parse_any(&event_text).unwrap();
        assert_eq!(p.matches(&e), want, "{absent}: {event}");
        assert_eq!(
            reference::matches(&p, &e),
            want,
            "reference, {absent}: {event}"
        );
        let mut rules = RuleSet::new();
        rules.add("wide", &pattern).unwrap();
        assert_eq!(
            !matching(&rules, &event_text).is_empty(),
            want,
            "RuleSet, {absent}: {event}"
        );
    }
}
