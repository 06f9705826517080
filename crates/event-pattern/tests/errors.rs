//! Pattern errors: event-ruler's texts, AWS's decorations, and where errors point.

use event_pattern::{Event, Pattern, MAX_PATTERN_LENGTH};

fn reason(pattern: &str) -> String {
    Pattern::parse(pattern)
        .expect_err(pattern)
        .reason()
        .to_owned()
}

#[test]
fn event_ruler_reason_texts() {
    let table = [
        ("[1]", "Filter is not an object"),
        ("\"x\"", "Filter is not an object"),
        ("", "Filter is not an object"),
        ("{}", "Empty objects are not allowed"),
        (r#"{"a":{}}"#, "Empty objects are not allowed"),
        (r#"{"a":[["x"]]}"#, "Match value must be String, number, true, false, or null"),
        (r#"{"a":[{}]}"#, "Match expression name not found"),
        (r#"{"a":[{"prefix":"a","suffix":"b"}]}"#, "Only one key allowed in match expression"),
        (r#"{"a":[{"exactly":1}]}"#, "exact match pattern must be a string"),
        (r#"{"a":[{"prefix":{"foo":"x"}}]}"#, "Unsupported prefix pattern: foo"),
        (r#"{"a":[{"suffix":{"foo":"x"}}]}"#, "Unsupported suffix pattern: foo"),
        (r#"{"a":[{"prefix":{}}]}"#, "Prefix expression name not found"),
        (r#"{"a":[{"prefix":{"equals-ignore-case":1}}]}"#, "equals-ignore-case match pattern must be a string"),
        (r#"{"a":[{"anything-but":true}]}"#, "Value of anything-but must be an array or single string/number value."),
        (r#"{"a":[{"anything-but":["a",1]}]}"#, "Inside anything but list, either all values are number or string, mixed type is not supported"),
        (r#"{"a":[{"anything-but":[]}]}"#, "Inside anything but list, either all values are number or string, mixed type is not supported"),
        (r#"{"a":[{"anything-but":{"numeric":[">",1]}}]}"#, "Unsupported anything-but pattern: numeric"),
        (r#"{"a":[{"anything-but":{}}]}"#, "Anything-But expression name not found"),
        (r#"{"a":[{"anything-but":{"prefix":"a","suffix":"b"}}]}"#, "Too many elements in numeric expression"),
        (r#"{"a":[{"anything-but":"a","x":1}]}"#, "Too many elements in numeric expression"),
        (r#"{"a":[{"anything-but":{"wildcard":"a**"}}]}"#, "Consecutive wildcard characters at pos 2"),
        (r#"{"a":[{"numeric":[]}]}"#, "Invalid member in numeric match: ]"),
        (r#"{"a":[{"numeric":[5]}]}"#, "Invalid member in numeric match: 5"),
        (r#"{"a":[{"numeric":["!=",1]}]}"#, "Unrecognized numeric range operator: !="),
        (r#"{"a":[{"numeric":["=","x"]}]}"#, "Value of equals must be numeric"),
        (r#"{"a":[{"numeric":[">=","x"]}]}"#, "Value of >= must be numeric"),
        (r#"{"a":[{"numeric":["=",1,2]}]}"#, "Too many elements in numeric expression"),
        (r#"{"a":[{"numeric":["<",1,">",0]}]}"#, "Too many elements in numeric expression"),
        (r#"{"a":[{"numeric":[">",0,5]}]}"#, "Bad value in numeric range: 5"),
        (r#"{"a":[{"numeric":[">",0,"<",5,6]}]}"#, "Too many terms in numeric range expression"),
        (r#"{"a":[{"numeric":[">=",5,"<=",5]}]}"#, "Bottom must be less than top"),
        (r#"{"a":[{"numeric":[">",1],"x":1}]}"#, "Too many elements in numeric expression"),
        (r#"{"a":[{"numeric":[">",1e400]}]}"#, "Cannot compare number : 1e400"),
        (r#"{"a":[{"exists":"true"}]}"#, "exists match pattern must be either true or false."),
        (r#"{"a":[{"exists":true,"x":1}]}"#, "Only one key allowed in match expression"),
        (r#"{"a":[{"wildcard":"a\\b"}]}"#, "Invalid escape character at pos 2"),
        (r#"{"a":[{"cidr":"10.0.0.1/32"}]}"#, "IPv4 mask bits must be < 32"),
        (r#"{"$or":{"a":["1"]}}"#, "It must be an Array followed with $or."),
        (r#"{"$or":[{"a":["1"]},1]}"#, "Only JSON object is allowed in array of $or relationship."),
        (r#"{"$or":[{"a":["1"]}]}"#, "There must have at least 2 Objects in $or relationship."),
        (r#"{"$or":[]}"#, "There must have at least 2 Objects in $or relationship."),
        (r#"{"$or":[{"prefix":["1"]},{"b":["2"]}]}"#, "prefix is Ruler reserved fieldName which cannot be used inside $or."),
        (r#"{"$or":[{"a":{"numeric":["1"]}},{"b":["2"]}]}"#, "numeric is Ruler reserved fieldName which cannot be used inside $or."),
    ];
    for (pattern, want) in table {
        assert_eq!(reason(pattern), want, "for {pattern}");
    }
    // Outside $or the reserved names are ordinary keys.
    assert!(Pattern::parse(r#"{"prefix":["1"]}"#).is_ok());
}

#[test]
fn jackson_texts_for_malformed_patterns() {
    assert_eq!(
        reason("this is valid json but not a dict"),
        "Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
    );
    assert_eq!(
        reason("{'bad': 'quotation'}"),
        "Unexpected character (''' (code 39)): was expecting double-quote to start field name"
    );
}

#[test]
fn errors_are_reported_in_stream_order_like_event_ruler() {
    // The invalid operator comes before the syntax error, so AWS reports the operator.
    assert_eq!(
        reason(r#"{"a":[{"EXISTS":true}], "b": oops"#),
        "Unrecognized match type EXISTS"
    );
    // The syntax error comes first here.
    assert!(
        reason(r#"{"b": oops, "a":[{"EXISTS":true}]}"#).starts_with("Unrecognized token 'oops'")
    );
    // Text after the complete pattern object is never read (Jackson stops there).
    assert!(Pattern::parse(r#"{"a":["b"]} trailing"#).is_ok());
}

#[test]
fn aws_location_suffixes() {
    let single = Pattern::parse(r#"{"a":[{"anything-but":["x",null]}]}"#)
        .unwrap_err()
        .to_string();
    let lines: Vec<&str> = single.lines().collect();
    assert_eq!(lines[0], "Event pattern is not valid. Reason: Inside anything but list, start|null|boolean is not supported.");
    assert_eq!(
        lines.len(),
        3,
        "re-raised inside list handling: the location appears twice\n{single}"
    );
    assert_eq!(lines[1], lines[2]);
    assert!(lines[1].starts_with(
        " at [Source: (String)\"{\"a\":[{\"anything-but\":[\"x\",null]}]}\"; line: 1, column: "
    ));

    let cidr = Pattern::parse(r#"{"a":[{"cidr":"bad-filter"}]}"#)
        .unwrap_err()
        .to_string();
    assert_eq!(
        cidr,
        "Event pattern is not valid. Reason: Malformed CIDR, one '/' required"
    );
    let complex = Pattern::parse(r#"{"a":[{"wildcard":"*:*:*:*:*:event-bus/*"}]}"#)
        .unwrap_err()
        .to_string();
    assert_eq!(complex.lines().count(), 1);
}

#[test]
fn errors_point_at_the_offending_value() {
    let text = "{\n  \"detail\": {\n    \"state\": [{\"anything-but\": null}]\n  }\n}";
    let e = Pattern::parse(text).unwrap_err();
    assert_eq!(&text[e.span()], "null");
    assert_eq!((e.line(), e.column()), (3, 32));
    assert_eq!(e.path(), "/detail/state/0/anything-but");
    assert_eq!(
        e.render(text),
        format!(
            "  |\n3 |     \"state\": [{{\"anything-but\": null}}]\n  | {}^^^^\n  = Value of anything-but must be an array or single string/number value.",
            " ".repeat(31)
        )
    );

    let text = r#"{"a": {"b": []}}"#;
    let e = Pattern::parse(text).unwrap_err();
    assert_eq!(&text[e.span()], "[]");
    assert_eq!(e.path(), "/a/b");

    let text = r#"{"x": [{"numeric": [">", 0, "<", "five"]}]}"#;
    let e = Pattern::parse(text).unwrap_err();
    assert_eq!(&text[e.span()], "\"five\"");
    assert_eq!(e.path(), "/x/0/numeric/3");

    let text = r#"{"$or": [{"a": ["1"]}, {"b": {"c": 42}}]}"#;
    let e = Pattern::parse(text).unwrap_err();
    assert_eq!(e.reason(), "\"c\" must be an object or an array");
    assert_eq!(&text[e.span()], "42");
    assert_eq!(e.path(), "/$or/1/b/c");

    let text = "{\n \"a\": [1,,2]}";
    let e = Pattern::parse(text).unwrap_err();
    assert_eq!(e.reason(), "Unexpected character (',' (code 44)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    assert_eq!((e.line(), e.column()), (2, 10));
    assert_eq!(&text[e.span()], ",");

    let text = r#"{"a": ["x", {"cidr": "10.0.0.0/99"}]}"#;
    let e = Pattern::parse(text).unwrap_err();
    assert_eq!(&text[e.span()], "\"10.0.0.0/99\"");
    assert_eq!(e.path(), "/a/1/cidr");
}

#[test]
fn pattern_length_limit() {
    let filler = "x".repeat(MAX_PATTERN_LENGTH);
    let long = format!(r#"{{"a":["{filler}"]}}"#);
    let e = Pattern::parse(&long).unwrap_err();
    assert_eq!(e.code(), "ValidationException");
    assert_eq!(
        e.reason(),
        "Member must have length less than or equal to 4096"
    );
    let exact = format!(r#"{{"a":["{}"]}}"#, "x".repeat(MAX_PATTERN_LENGTH - 10));
    assert_eq!(exact.len(), MAX_PATTERN_LENGTH);
    assert!(Pattern::parse(&exact).is_ok());
}

fn or_of(n: usize, key: &str) -> String {
    let branches: Vec<String> = (0..n).map(|i| format!(r#"{{"{key}{i}":["v"]}}"#)).collect();
    format!(r#""$or":[{}]"#, branches.join(","))
}

#[test]
fn or_combination_limit() {
    // 10 × 10 × 10 = 1000 is allowed, 1000 × 2 is not.
    let ok = format!(
        "{{{},\"b\":{{{}}},\"c\":{{{}}}}}",
        or_of(10, "a"),
        or_of(10, "b"),
        or_of(10, "c")
    );
    assert_eq!(Pattern::parse(&ok).unwrap().sub_rules().len(), 1000);
    let too_many = format!(
        "{{{},\"b\":{{{}}},\"c\":{{{}}},\"d\":{{{}}}}}",
        or_of(10, "a"),
        or_of(10, "b"),
        or_of(10, "c"),
        or_of(2, "d")
    );
    let e = Pattern::parse(&too_many).unwrap_err();
    assert_eq!(
        e.reason(),
        "The $or relationships produce more than 1000 rule combinations (2000)"
    );
    assert_eq!(e.to_string().lines().count(), 1);
}

#[test]
fn or_explosion_is_rejected_without_expanding() {
    // 2^60 combinations: must be refused quickly, not built.
    let parts: Vec<String> = (0..60)
        .map(|i| format!("\"k{i}\":{{{}}}", or_of(2, "x")))
        .collect();
    let text = format!("{{{}}}", parts.join(","));
    assert!(text.len() <= MAX_PATTERN_LENGTH);
    let e = Pattern::parse(&text).unwrap_err();
    assert!(
        e.reason()
            .starts_with("The $or relationships produce more than 1000 rule combinations"),
        "{}",
        e.reason()
    );
}

#[test]
fn wildcard_complexity_limit() {
    let accepted = [
        "arn:aws:events:us-east-1:*:event-bus/*",
        "/Users/*/dir/dir/dir/dir/dir/doc.txt",
        "*/init/*",
        "*:*:*:*",
    ];
    for w in accepted {
        let text = format!(r#"{{"a":[{{"wildcard":"{w}"}}]}}"#);
        assert!(Pattern::parse(&text).is_ok(), "{w} should be accepted");
    }
    for w in ["*:*:*:*:*:event-bus/*", "*a*a*a*a*a*a*"] {
        let text = format!(r#"{{"a":[{{"wildcard":"{w}"}}]}}"#);
        assert!(
            Pattern::parse(&text)
                .unwrap_err()
                .reason()
                .starts_with("Rule is too complex"),
            "{w}"
        );
    }
    // Wildcards on one field add up; on different fields they do not.
    let shared = r#"{"a":[{"wildcard":"*:*:*:*"},{"wildcard":"*/*/*/*"}]}"#;
    assert!(Pattern::parse(shared).is_err());
    let separate = r#"{"a":[{"wildcard":"*:*:*:*"}],"b":[{"wildcard":"*/*/*/*"}]}"#;
    assert!(Pattern::parse(separate).is_ok());
}

#[test]
fn event_errors() {
    let cases = [
        ("plain string", "Unrecognized token 'plain'"),
        ("[1]", "the event must be a JSON object"),
        (r#"{"testEvent":"value"}"#, "missing required field `id`"),
        ("", "the event is empty"),
        (r#"{"id":"1"} x"#, "unexpected content after the end"),
    ];
    for (text, detail) in cases {
        let e = Event::parse(text).expect_err(text);
        assert_eq!(e.to_string(), "Parameter Event is not valid.");
        assert_eq!(e.code(), "ValidationException");
        assert!(e.detail().starts_with(detail), "{text}: {}", e.detail());
    }
    let text = "{\"id\": \"1\",\n \"x\": [1 2]}";
    let e = Event::parse(text).unwrap_err();
    assert_eq!(&text[e.span().unwrap()], "2");
    assert_eq!(e.detail(), "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries at line 2 column 10");
}
