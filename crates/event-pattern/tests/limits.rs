//! Hostile sizes: deep nesting and large documents give a result or a clear error, never a stack
//! overflow. Each test runs on a thread with the default 2 MiB test stack.

use event_pattern::{explain, json::MAX_DEPTH, Event, Pattern};

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
