//! Hostile sizes: deep nesting and large documents give a result or a clear error, never a stack
//! overflow. Each test runs on a thread with the default 2 MiB test stack.

use event_pattern::{explain, json::MAX_DEPTH, Event, FieldOutcome, Pattern};

fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

fn nested_event(levels: usize) -> String {
    // `levels` nested objects below the envelope, ending in a string.
    let mut text = String::from(
        r#"{"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d","detail":"#,
    );
    for _ in 0..levels {
        text.push_str(r#"{"k":"#);
    }
    text.push_str("\"deep\"");
    text.push_str(&"}".repeat(levels + 1));
    text
}

#[test]
fn a_thousand_levels_of_event_nesting_work() {
    on_small_stack(|| {
        // The root object plus 999 nested objects: 1000 containers.
        let text = nested_event(MAX_DEPTH - 1);
        let event = Event::parse(&text).expect("1000 levels are accepted");
        let pattern =
            Pattern::parse(r#"{"source":["s"],"detail":{"k":{"k":[{"exists":false}]}}}"#).unwrap();
        assert!(
            pattern.matches(&event),
            "detail.k.k is an object, so it has no leaf value"
        );
        assert!(explain(&pattern, &event).matched);
        drop(event);
    });
}

#[test]
fn deeper_events_are_a_clear_error() {
    on_small_stack(|| {
        let e = Event::parse(&nested_event(MAX_DEPTH)).unwrap_err();
        assert!(
            e.detail()
                .starts_with("Document nesting depth (1001) exceeds the maximum allowed (1000"),
            "{}",
            e.detail()
        );
        let arrays = "[".repeat(200_000);
        assert!(Event::parse(&arrays).is_err());
    });
}

#[test]
fn deep_patterns_within_the_length_limit() {
    on_small_stack(|| {
        // As deep as 4096 characters allow: {"k":{"k":...["v"]...}}.
        let levels = (4096 - 10) / 6;
        let text = format!("{}[\"v\"]{}", r#"{"k":"#.repeat(levels), "}".repeat(levels));
        assert!(text.len() <= 4096);
        let pattern = Pattern::parse(&text).expect("deep pattern is valid");
        let event_text = format!("{}\"v\"{}", r#"{"k":"#.repeat(levels), "}".repeat(levels));
        let event = Event::parse_any(&event_text).unwrap();
        assert!(pattern.matches(&event));
        assert!(explain(&pattern, &event).matched);
        assert!(event_pattern::reference::matches(&pattern, &event));
    });
}

#[test]
fn deep_or_nesting_within_the_length_limit() {
    on_small_stack(|| {
        let mut text = String::from(r#"{"x":["1"]}"#);
        while text.len() < 4000 {
            text = format!(r#"{{"$or":[{text},{{"y":["2"]}}]}}"#);
        }
        let result = Pattern::parse(&text);
        // Either valid (few enough combinations) or refused for the $or limit: never a crash.
        if let Ok(p) = &result {
            assert!(p.sub_rules().len() <= 1000);
        }
    });
}

#[test]
fn large_events_of_256_kib() {
    on_small_stack(|| {
        let mut text = String::from(
            r#"{"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d","detail":{"items":["#,
        );
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
        let event = Event::parse(&text).unwrap();
        let hit = Pattern::parse(
            r#"{"detail":{"items":{"n":[{"numeric":[">=",5000]}],"name":["item-5000"]}}}"#,
        )
        .unwrap();
        assert!(hit.matches(&event));
        let miss = Pattern::parse(r#"{"detail":{"items":{"n":[1],"name":["item-2"]}}}"#).unwrap();
        assert!(
            !miss.matches(&event),
            "n=1 and name=item-2 sit in different elements"
        );
        assert!(!explain(&miss, &event).matched);
    });
}

#[test]
fn huge_strings_and_many_keys() {
    on_small_stack(|| {
        let long = "x".repeat(300_000);
        let text = format!(r#"{{"a":"{long}"}}"#);
        let event = Event::parse_any(&text).unwrap();
        let p = Pattern::parse(r#"{"a":[{"wildcard":"x*x*x"}]}"#).unwrap();
        assert!(p.matches(&event));
        let many: Vec<String> = (0..20_000).map(|i| format!(r#""k{i}":{i}"#)).collect();
        let text = format!("{{{},\"k7\":\"last\"}}", many.join(","));
        let event = Event::parse_any(&text).unwrap();
        assert!(
            Pattern::parse(r#"{"k7":["last"]}"#)
                .unwrap()
                .matches(&event),
            "duplicate key: last wins"
        );
    });
}

/// A `detail` holding `items` built by `item(i)` for `n` elements, inside the envelope.
fn event_with_items(n: usize, item: impl Fn(usize) -> String) -> String {
    let items: Vec<String> = (0..n).map(item).collect();
    format!(
        r#"{{"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d","detail":{{"items":[{}]}}}}"#,
        items.join(",")
    )
}

/// Matcher, explain and a one-rule `RuleSet` on one event: all three answers.
fn three_answers(pattern: &str, event_text: &str) -> (bool, bool, bool) {
    let p = Pattern::parse(pattern).unwrap();
    let e = Event::parse(event_text).unwrap();
    let mut rules = event_pattern::RuleSet::new();
    rules.add("r", pattern).unwrap();
    (
        p.matches(&e),
        explain(&p, &e).matched,
        !rules
            .matching_rules_json(event_text.as_bytes())
            .unwrap()
            .is_empty(),
    )
}

/// Issue 16: these shapes took time quadratic in the array's length (113 s for a 256 KiB event
/// of equal values). Each is a 65,000-element array; a quadratic matcher takes minutes here.
#[test]
fn regression_long_arrays_answer_in_linear_time() {
    let n = 65_000;
    let ones = event_with_items(n, |_| "1".into());
    assert_eq!(
        three_answers(r#"{"detail":{"items":[1]}}"#, &ones),
        (true, true, true)
    );
    assert_eq!(
        three_answers(r#"{"detail":{"items":[2]}}"#, &ones),
        (false, false, false)
    );
    let alternating = event_with_items(n, |i| {
        if i % 2 == 0 {
            r#"{"a":1}"#
        } else {
            r#"{"b":1}"#
        }
        .to_owned()
    });
    assert_eq!(
        three_answers(r#"{"detail":{"items":{"a":[1],"b":[1]}}}"#, &alternating),
        (false, false, false)
    );
    let distinct = event_with_items(n, |i| format!("\"v{i}\""));
    assert_eq!(
        three_answers(
            r#"{"detail":{"items":[{"anything-but":["x"]}],"other":["y"]}}"#,
            &distinct
        ),
        (false, false, false)
    );
    let with_b = event_with_items(n, |_| r#"{"a":1,"b":2}"#.into());
    assert_eq!(
        three_answers(
            r#"{"detail":{"items":{"a":[1],"b":[{"exists":false}]}}}"#,
            &with_b
        ),
        (false, false, false)
    );
    // The last element alone has no `b`: found at the end of the array.
    let last_free = event_with_items(n, |i| {
        if i + 1 == n {
            r#"{"a":1}"#
        } else {
            r#"{"a":1,"b":2}"#
        }
        .to_owned()
    });
    assert_eq!(
        three_answers(
            r#"{"detail":{"items":{"a":[1],"zb":[{"exists":false}]}}}"#,
            &last_free.replace("\"b\"", "\"zb\"")
        ),
        (true, true, true)
    );
}

/// Issue 16: explain listed every value with every enclosing array (gigabytes for values at the
/// bottom of 1000 levels of arrays). It lists the first values and the innermost arrays, and
/// counts the rest.
#[test]
fn regression_explain_stays_small_on_deep_and_long_arrays() {
    on_small_stack(|| {
        let depth = MAX_DEPTH - 4;
        let values = vec!["1"; 50_000].join(",");
        let text = format!(
            r#"{{"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d","detail":{{"k":{}{values}{}}}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let event = Event::parse(&text).unwrap();
        let pattern = Pattern::parse(r#"{"detail":{"k":[2]}}"#).unwrap();
        let x = explain(&pattern, &event);
        assert!(!x.matched);
        let field = &x.branches[0].fields[0];
        assert_eq!(field.value_count, 50_000);
        assert_eq!(field.values.len(), 50);
        let value = &field.values[0];
        assert_eq!(value.elements.len(), 16);
        assert_eq!(value.outer_arrays, depth - 16);
        assert!(x.to_string().contains("… 49995 more"));
        // The matched value is listed even when it comes late.
        let pattern = Pattern::parse(r#"{"detail":{"k":[1],"m":[{"exists":false}]}}"#).unwrap();
        assert!(explain(&pattern, &event).matched);
        let late = text.replacen("1]", "7]", 1);
        let event = Event::parse(&late).unwrap();
        let pattern = Pattern::parse(r#"{"detail":{"k":[7]}}"#).unwrap();
        let x = explain(&pattern, &event);
        let field = &x.branches[0].fields[0];
        let FieldOutcome::Matched { value, .. } = field.outcome else {
            panic!("{:?}", field.outcome)
        };
        assert_eq!(field.values[value].text, "7");
        assert_eq!(value, 50);
    });
}
