//! Table-driven matching tests per operator, including every example of semantics §1.17
//! (`docs/semantics.md`).

use event_pattern::{explain, reference, Event, Pattern};

/// Runs one row: the compiled matcher, the reference interpreter and `explain` must all agree with
/// the expected outcome.
fn check(name: &str, pattern: &str, event: &str, want: bool) {
    let p = Pattern::parse(pattern).unwrap_or_else(|e| panic!("{name}: pattern rejected: {e}"));
    let e = Event::parse_any(event)
        .unwrap_or_else(|e| panic!("{name}: event rejected: {}", e.detail()));
    assert_eq!(
        p.matches(&e),
        want,
        "{name}: matcher\n  pattern {pattern}\n  event   {event}"
    );
    assert_eq!(explain(&p, &e).matched, want, "{name}: explain");
    assert_eq!(
        reference::matches(&p, &e),
        want,
        "{name}: reference interpreter"
    );
}

fn run(table: &[(&str, &str, &str, bool)]) {
    for (name, pattern, event, want) in table {
        check(name, pattern, event, *want);
    }
}

#[test]
fn spec_section_1_17_examples() {
    let table: &[(&str, &str, &str, bool)] = &[
        (
            "1",
            r#"{"source":["order"],"detail-type":["Test"]}"#,
            r#"{"source":"order","detail-type":"Test"}"#,
            true,
        ),
        (
            "2",
            r#"{"source":["shipment"],"detail-type":["Test"]}"#,
            r#"{"source":"order","detail-type":"Test"}"#,
            false,
        ),
        (
            "3",
            r#"{"resources":["A","B","C"]}"#,
            r#"{"resources":["X","A"]}"#,
            true,
        ),
        ("4", r#"{"resources":[null]}"#, r#"{"resources":[]}"#, false),
        (
            "5",
            r#"{"resources":[{"exists":true}]}"#,
            r#"{"resources":[]}"#,
            false,
        ),
        ("6", r#"{"boolean":[false]}"#, r#"{"boolean":true}"#, false),
        ("7", r#"{"number":[300]}"#, r#"{"number":300.0}"#, true),
        (
            "8",
            r#"{"number":[{"numeric":[">",100]}]}"#,
            r#"{"number":"300"}"#,
            false,
        ),
        (
            "9",
            r#"{"number":[{"numeric":[">",100]}]}"#,
            r#"{"number":null}"#,
            false,
        ),
        (
            "10",
            r#"{"detail":{"responseElements":[null]}}"#,
            r#"{"detail":{"responseElements":"null"}}"#,
            false,
        ),
        (
            "11",
            r#"{"detail":{"my-key":["my-value"]}}"#,
            r#"{"detail":"{\"my-key\": \"my-value\"}"}"#,
            false,
        ),
        (
            "12",
            r#"{"MY_KEY":["my-value"]}"#,
            r#"{"my_key":"my-value"}"#,
            false,
        ),
        (
            "13",
            r#"{"time":[{"prefix":"2022-07-13"}]}"#,
            r#"{"time":"2022-07-13T13:48:01Z"}"#,
            true,
        ),
        (
            "14",
            r#"{"source":[{"prefix":""}]}"#,
            r#"{"source":"anything"}"#,
            true,
        ),
        (
            "15",
            r#"{"FileName":[{"suffix":".PNG"}]}"#,
            r#"{"FileName":"image.png"}"#,
            false,
        ),
        (
            "16",
            r#"{"detail":{"FileName":[{"suffix":{"equals-ignore-case":".png"}}]}}"#,
            r#"{"detail":{"FileName":"image.PNG"}}"#,
            true,
        ),
        (
            "17",
            r#"{"detail":{"service":[{"prefix":{"equals-ignore-case":"EventB"}}]}}"#,
            r#"{"detail":{"service":"EvEnTb"}}"#,
            true,
        ),
        (
            "18",
            r#"{"detail-type":[{"equals-ignore-case":"ec2 instance state-change notification"}]}"#,
            r#"{"detail-type":["EC2 Instance State-change Notification"]}"#,
            true,
        ),
        (
            "19",
            r#"{"detail":{"state":[{"anything-but":"initializing"}]}}"#,
            r#"{"detail":{"state":null}}"#,
            true,
        ),
        (
            "20",
            r#"{"detail":{"state":[{"anything-but":"initializing"}]}}"#,
            r#"{"detail":{}}"#,
            false,
        ),
        (
            "21",
            r#"{"detail":{"state":[{"anything-but":{"prefix":"init"}}]}}"#,
            r#"{"detail":{"state":12}}"#,
            true,
        ),
        (
            "22",
            r#"{"detail":{"state":[{"anything-but":{"prefix":["init","post"]}}]}}"#,
            r#"{"detail":{"state":"post-init"}}"#,
            false,
        ),
        (
            "23",
            r#"{"detail":{"FileName":[{"anything-but":{"suffix":[".txt",".jpg"]}}]}}"#,
            r#"{"detail":{"FileName":"file.txt.bak"}}"#,
            true,
        ),
        (
            "24",
            r#"{"detail":{"state":[{"anything-but":{"equals-ignore-case":["initializing","stopped"]}}]}}"#,
            r#"{"detail":{"state":"Stopped"}}"#,
            false,
        ),
        (
            "25",
            r#"{"detail":{"FilePath":[{"anything-but":{"wildcard":""}}]}}"#,
            r#"{"detail":{"FilePath":"dir/init/file"}}"#,
            true,
        ),
        (
            "26",
            r#"{"detail":{"state":[{"anything-but":{"wildcard":["*/init/*","*/dir/*"]}}]}}"#,
            r#"{"detail":{"state":"dir/post/dir"}}"#,
            true,
        ),
        (
            "27",
            r#"{"detail":{"state":[{"anything-but":{"wildcard":["*/init/*","*/dir/*"]}}]}}"#,
            r#"{"detail":{"state":"dir/init/dir"}}"#,
            false,
        ),
        (
            "28",
            r#"{"detail":{"state":["ok"],"x-limit":[{"anything-but":[100,200,300]}]}}"#,
            r#"{"detail":{"state":"ok","x-limit":300}}"#,
            false,
        ),
        (
            "29",
            r#"{"detail":{"sourceIPAddress":[{"cidr":"10.0.0.0/24"}]}}"#,
            r#"{"detail":{"sourceIPAddress":"10.0.0.255"}}"#,
            true,
        ),
        (
            "30",
            r#"{"detail":{"sourceIPAddress":[{"cidr":"10.0.0.0/24"}]}}"#,
            r#"{"detail":{"sourceIPAddress":"10.0.0.256"}}"#,
            false,
        ),
        (
            "31",
            r#"{"detail":{"sourceIPAddress":[{"cidr":"10.0.0.0/24"}]}}"#,
            r#"{"detail":{"sourceIPAddress":123}}"#,
            false,
        ),
        (
            "32",
            r#"{"detail":{"state":[{"exists":true}]}}"#,
            r#"{"detail":{"c-count":{"c1":100}}}"#,
            false,
        ),
        (
            "33",
            r#"{"dynamodb":{"presentKey":[{"exists":true}]}}"#,
            r#"{"dynamodb":{"presentKey":{"S":"x"}}}"#,
            false,
        ),
        (
            "34",
            r#"{"detail":{"level1":{"level2:":{"level3":{"level4":[{"exists":false}]}}}}}"#,
            r#"{"detail":{"level1":{"level2":"l2 value"}}}"#,
            true,
        ),
        (
            "35",
            r#"{"detail":{"automations":{"id":[{"exists":true}]}}}"#,
            r#"{"detail":{"automations":[{"key1":"v"},{"id":"x"},{"key2":"v"}]}}"#,
            true,
        ),
        (
            "36",
            r#"{"dynamodb":{"NewImage":{"numericFilter":{"N":[{"numeric":[">",100]},{"anything-but":"101"}]}}}}"#,
            r#"{"dynamodb":{"NewImage":{"numericFilter":{"N":"42"}}}}"#,
            true,
        ),
        (
            "37",
            r#"{"dynamodb":{"NewImage":{"numericFilter":{"N":[{"numeric":[">",100]},{"anything-but":"101"}]}}}}"#,
            r#"{"dynamodb":{"NewImage":{"numericFilter":{"N":"101"}}}}"#,
            false,
        ),
        (
            "38",
            r#"{"FileName":[{"wildcard":"/Users/*/doc.txt"}]}"#,
            r#"{"FileName":"/Users/u/dir/dir/doc.txt"}"#,
            true,
        ),
        (
            "39",
            r#"{"EventBusArn":[{"wildcard":""}]}"#,
            r#"{"EventBusArn":"arn:aws:events:us-east-1:1:event-bus/b"}"#,
            false,
        ),
        (
            "40",
            r#"{"detail":{"$or":[{"c-count":[{"numeric":[">",0,"<=",5]}]},{"d-count":[{"numeric":["<",10]}]},{"x-limit":[{"numeric":["=",301.8]}]}]}}"#,
            r#"{"detail":{"c-count":0,"d-count":10,"x-limit":901.8}}"#,
            false,
        ),
        (
            "41",
            r#"{"detail":{"state":{"status":["running"]}}}"#,
            r#"{"detail":{"state.status":"running"}}"#,
            true,
        ),
        (
            "42",
            r#"{"my_key":[{"exists":true},{"prefix":"IGNORED"}]}"#,
            r#"{"my_key":"my-value"}"#,
            true,
        ),
        (
            "49",
            r#"{"employees":{"firstName":["Anna"],"lastName":["Jones"]}}"#,
            r#"{"employees":[{"firstName":"Anna","lastName":"Smith"},{"firstName":"Bob","lastName":"Jones"}]}"#,
            false,
        ),
        ("50", r#"{"a":[{"wildcard":"xy*"}]}"#, r#"{"a":"xy"}"#, true),
        (
            "51",
            r#"{"b":[{"anything-but":[111,222,333]}]}"#,
            r#"{"b":"444"}"#,
            true,
        ),
        (
            "52",
            r#"{"a":[{"equals-ignore-case":"aBc"}]}"#,
            r#"{"a":"ABC"}"#,
            true,
        ),
    ];
    run(table);
}

#[test]
fn spec_section_1_17_error_examples() {
    let table = [
        (r#"{"resources":[]}"#, "Empty arrays are not allowed"),
        (r#"{"string":"my-value"}"#, "\"string\" must be an object or an array"),
        (r#"{"EventBusArn":[{"wildcard":"arn:aws:events:us-east-1:**:event-bus/*"}]}"#, "Consecutive wildcard characters at pos 26"),
        (r#"{"EventBusArn":[{"wildcard":"*:*:*:*:*:event-bus/*"}]}"#, "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character"),
        (r#"{"detail":{"c-count":[{"numeric":[">",0,">",0]}]}}"#, "Bad numeric range operator: >"),
        (r#"{"my_key":[{"EXISTS":true}]}"#, "Unrecognized match type EXISTS"),
    ];
    for (pattern, reason) in table {
        let e = Pattern::parse(pattern).expect_err(pattern);
        assert_eq!(e.reason(), reason, "{pattern}");
        assert_eq!(e.code(), "InvalidEventPatternException");
    }
}

#[test]
fn exact_values() {
    run(&[
        ("string", r#"{"a":["x"]}"#, r#"{"a":"x"}"#, true),
        (
            "string is byte exact",
            r#"{"a":["x "]}"#,
            r#"{"a":"x"}"#,
            false,
        ),
        (
            "string vs number",
            r#"{"a":["300"]}"#,
            r#"{"a":300}"#,
            false,
        ),
        (
            "number vs string",
            r#"{"a":[300]}"#,
            r#"{"a":"300"}"#,
            false,
        ),
        (
            "number exponent form",
            r#"{"a":[300]}"#,
            r#"{"a":3e2}"#,
            true,
        ),
        ("negative zero", r#"{"a":[0]}"#, r#"{"a":-0.0}"#, true),
        (
            "huge integers compare as literals too",
            r#"{"a":[123456789012345678901234567890]}"#,
            r#"{"a":123456789012345678901234567890}"#,
            true,
        ),
        ("true", r#"{"a":[true]}"#, r#"{"a":true}"#, true),
        (
            "string true is not true",
            r#"{"a":["true"]}"#,
            r#"{"a":true}"#,
            false,
        ),
        ("null", r#"{"a":[null]}"#, r#"{"a":null}"#, true),
        ("null vs missing", r#"{"a":[null]}"#, r#"{"b":1}"#, false),
        ("empty string", r#"{"a":[""]}"#, r#"{"a":""}"#, true),
        (
            "empty string vs null",
            r#"{"a":[""]}"#,
            r#"{"a":null}"#,
            false,
        ),
        (
            "ip literal, other spelling",
            r#"{"a":["2001:db8::1"]}"#,
            r#"{"a":"2001:0db8:0:0:0:0:0:1"}"#,
            true,
        ),
        (
            "any array element",
            r#"{"a":["y"]}"#,
            r#"{"a":["x",["z","y"]]}"#,
            true,
        ),
        (
            "object value is not a leaf",
            r#"{"a":["x"]}"#,
            r#"{"a":{"b":"x"}}"#,
            false,
        ),
        (
            "nested",
            r#"{"a":{"b":{"c":[1]}}}"#,
            r#"{"a":{"b":{"c":1}}}"#,
            true,
        ),
        (
            "exactly",
            r#"{"a":[{"exactly":"x"}]}"#,
            r#"{"a":"x"}"#,
            true,
        ),
        (
            "unicode",
            r#"{"a":["é🚀"]}"#,
            r#"{"a":"\u00e9\ud83d\ude80"}"#,
            true,
        ),
    ]);
}

#[test]
fn prefix_suffix_and_ignore_case() {
    run(&[
        (
            "prefix",
            r#"{"a":[{"prefix":"ab"}]}"#,
            r#"{"a":"abc"}"#,
            true,
        ),
        (
            "prefix is case sensitive",
            r#"{"a":[{"prefix":"AB"}]}"#,
            r#"{"a":"abc"}"#,
            false,
        ),
        (
            "prefix needs a string",
            r#"{"a":[{"prefix":""}]}"#,
            r#"{"a":12}"#,
            false,
        ),
        (
            "prefix ignore case",
            r#"{"a":[{"prefix":{"equals-ignore-case":"AB"}}]}"#,
            r#"{"a":"abc"}"#,
            true,
        ),
        (
            "suffix",
            r#"{"a":[{"suffix":"bc"}]}"#,
            r#"{"a":"abc"}"#,
            true,
        ),
        (
            "suffix empty matches any string",
            r#"{"a":[{"suffix":""}]}"#,
            r#"{"a":""}"#,
            true,
        ),
        (
            "suffix ignore case miss",
            r#"{"a":[{"suffix":{"equals-ignore-case":".png"}}]}"#,
            r#"{"a":"image.jpg"}"#,
            false,
        ),
        (
            "equals ignore case",
            r#"{"a":[{"equals-ignore-case":"alice"}]}"#,
            r#"{"a":"ALICE"}"#,
            true,
        ),
        (
            "equals ignore case is whole string",
            r#"{"a":[{"equals-ignore-case":"alice"}]}"#,
            r#"{"a":"ALICEx"}"#,
            false,
        ),
        (
            "equals ignore case empty",
            r#"{"a":[{"equals-ignore-case":""}]}"#,
            r#"{"a":""}"#,
            true,
        ),
        (
            "equals ignore case needs a string",
            r#"{"a":[{"equals-ignore-case":"null"}]}"#,
            r#"{"a":null}"#,
            false,
        ),
    ]);
}

#[test]
fn anything_but_forms() {
    run(&[
        (
            "string",
            r#"{"a":[{"anything-but":"x"}]}"#,
            r#"{"a":"y"}"#,
            true,
        ),
        (
            "string excluded",
            r#"{"a":[{"anything-but":"x"}]}"#,
            r#"{"a":"x"}"#,
            false,
        ),
        (
            "string list",
            r#"{"a":[{"anything-but":["x","y"]}]}"#,
            r#"{"a":"y"}"#,
            false,
        ),
        (
            "number",
            r#"{"a":[{"anything-but":123}]}"#,
            r#"{"a":123.0}"#,
            false,
        ),
        (
            "number vs string",
            r#"{"a":[{"anything-but":123}]}"#,
            r#"{"a":"123"}"#,
            true,
        ),
        (
            "string vs number",
            r#"{"a":[{"anything-but":"123"}]}"#,
            r#"{"a":123}"#,
            true,
        ),
        (
            "null passes",
            r#"{"a":[{"anything-but":["x"]}]}"#,
            r#"{"a":null}"#,
            true,
        ),
        (
            "boolean passes",
            r#"{"a":[{"anything-but":["x"]}]}"#,
            r#"{"a":false}"#,
            true,
        ),
        (
            "missing fails",
            r#"{"a":[{"anything-but":["x"]}]}"#,
            r#"{"b":"y"}"#,
            false,
        ),
        (
            "empty array counts as missing",
            r#"{"a":[{"anything-but":["x"]}]}"#,
            r#"{"a":[]}"#,
            false,
        ),
        (
            "one array element suffices",
            r#"{"a":[{"anything-but":[100,500]}]}"#,
            r#"{"a":[100,50]}"#,
            true,
        ),
        (
            "all elements excluded",
            r#"{"a":[{"anything-but":[100,500]}]}"#,
            r#"{"a":[100,500]}"#,
            false,
        ),
        (
            "prefix",
            r#"{"a":[{"anything-but":{"prefix":"init"}}]}"#,
            r#"{"a":"post-init"}"#,
            true,
        ),
        (
            "prefix excluded",
            r#"{"a":[{"anything-but":{"prefix":"init"}}]}"#,
            r#"{"a":"init-x"}"#,
            false,
        ),
        (
            "suffix",
            r#"{"a":[{"anything-but":{"suffix":".txt"}}]}"#,
            r#"{"a":"f.txt"}"#,
            false,
        ),
        (
            "ignore case",
            r#"{"a":[{"anything-but":{"equals-ignore-case":"x"}}]}"#,
            r#"{"a":"X"}"#,
            false,
        ),
        (
            "ignore case number passes",
            r#"{"a":[{"anything-but":{"equals-ignore-case":["x"]}}]}"#,
            r#"{"a":1}"#,
            true,
        ),
        (
            "wildcard",
            r#"{"a":[{"anything-but":{"wildcard":"*/dir/*"}}]}"#,
            r#"{"a":"a/dir/b"}"#,
            false,
        ),
        (
            "wildcard number passes",
            r#"{"a":[{"anything-but":{"wildcard":"*/dir/*"}}]}"#,
            r#"{"a":123}"#,
            true,
        ),
        (
            "empty set excludes nothing",
            r#"{"a":[{"anything-but":{"prefix":[]}}]}"#,
            r#"{"a":"x"}"#,
            true,
        ),
    ]);
}

#[test]
fn numeric_cidr_exists_wildcard() {
    run(&[
        (
            "equals",
            r#"{"a":[{"numeric":["=",301.8]}]}"#,
            r#"{"a":301.8}"#,
            true,
        ),
        (
            "lt",
            r#"{"a":[{"numeric":["<",10]}]}"#,
            r#"{"a":10}"#,
            false,
        ),
        (
            "le",
            r#"{"a":[{"numeric":["<=",10]}]}"#,
            r#"{"a":10}"#,
            true,
        ),
        (
            "gt float",
            r#"{"a":[{"numeric":[">",100]}]}"#,
            r#"{"a":100.000001}"#,
            true,
        ),
        (
            "range open",
            r#"{"a":[{"numeric":[">",0,"<",5]}]}"#,
            r#"{"a":5}"#,
            false,
        ),
        (
            "range closed",
            r#"{"a":[{"numeric":[">=",0,"<=",5]}]}"#,
            r#"{"a":0}"#,
            true,
        ),
        (
            "negative",
            r#"{"a":[{"numeric":["<",-1e3]}]}"#,
            r#"{"a":-1001}"#,
            true,
        ),
        (
            "large values use doubles",
            r#"{"a":[{"numeric":[">",6e9]}]}"#,
            r#"{"a":1e12}"#,
            true,
        ),
        (
            "any element",
            r#"{"a":[{"numeric":[">",5]}]}"#,
            r#"{"a":[1,2,9]}"#,
            true,
        ),
        (
            "overflowing event number never compares",
            r#"{"a":[{"numeric":[">",5]}]}"#,
            r#"{"a":1e400}"#,
            false,
        ),
        (
            "cidr v4 floor",
            r#"{"a":[{"cidr":"10.0.0.9/24"}]}"#,
            r#"{"a":"10.0.0.0"}"#,
            true,
        ),
        (
            "cidr v6",
            r#"{"a":[{"cidr":"2001:db8::/32"}]}"#,
            r#"{"a":"2001:db8:ffff::1"}"#,
            true,
        ),
        (
            "cidr family",
            r#"{"a":[{"cidr":"0.0.0.0/0"}]}"#,
            r#"{"a":"::1"}"#,
            false,
        ),
        (
            "exists true on null",
            r#"{"a":[{"exists":true}]}"#,
            r#"{"a":null}"#,
            true,
        ),
        (
            "exists false on null",
            r#"{"a":[{"exists":false}]}"#,
            r#"{"a":null}"#,
            false,
        ),
        (
            "exists false on empty array",
            r#"{"a":[{"exists":false}]}"#,
            r#"{"a":[]}"#,
            true,
        ),
        (
            "exists false on object",
            r#"{"a":[{"exists":false}]}"#,
            r#"{"a":{"b":1}}"#,
            true,
        ),
        (
            "exists false, parent missing",
            r#"{"a":{"b":[{"exists":false}]}}"#,
            r#"{"c":1}"#,
            true,
        ),
        (
            "exists true, parent is a string",
            r#"{"a":{"b":[{"exists":true}]}}"#,
            r#"{"a":"b"}"#,
            false,
        ),
        (
            "or with absence",
            r#"{"a":[{"anything-but":["roses"]},{"exists":false}]}"#,
            r#"{"b":1}"#,
            true,
        ),
        (
            "wildcard escape",
            r#"{"a":[{"wildcard":"a\\*b"}]}"#,
            r#"{"a":"a*b"}"#,
            true,
        ),
        (
            "wildcard escaped star is literal",
            r#"{"a":[{"wildcard":"a\\*b"}]}"#,
            r#"{"a":"aXb"}"#,
            false,
        ),
        (
            "wildcard backslash",
            r#"{"a":[{"wildcard":"a\\\\*"}]}"#,
            r#"{"a":"a\\bc"}"#,
            true,
        ),
        (
            "wildcard needs a string",
            r#"{"a":[{"wildcard":"*"}]}"#,
            r#"{"a":1}"#,
            false,
        ),
    ]);
}

#[test]
fn or_and_structure() {
    run(&[
        (
            "top-level or",
            r#"{"$or":[{"a":["1"]},{"b":["2"]}]}"#,
            r#"{"b":"2"}"#,
            true,
        ),
        (
            "or with common field",
            r#"{"c":["x"],"$or":[{"a":["1"]},{"b":["2"]}]}"#,
            r#"{"b":"2"}"#,
            false,
        ),
        (
            "nested or",
            r#"{"$or":[{"a":["1"]},{"$or":[{"b":["2"]},{"c":["3"]}]}]}"#,
            r#"{"c":"3"}"#,
            true,
        ),
        (
            "sibling ors are and-ed",
            r#"{"x":{"$or":[{"a":["1"]},{"b":["2"]}]},"y":{"$or":[{"a":["1"]},{"b":["2"]}]}}"#,
            r#"{"x":{"a":"1"},"y":{"a":"2"}}"#,
            false,
        ),
        (
            "dot in pattern key",
            r#"{"detail":{"state.status":["running"]}}"#,
            r#"{"detail":{"state":{"status":"running"}}}"#,
            true,
        ),
        (
            "dot in event key",
            r#"{"detail":{"state":{"status":["running"]}}}"#,
            r#"{"detail":{"state.status":"running"}}"#,
            true,
        ),
        (
            "dot joining needs a leaf",
            r#"{"detail":{"state":{"status":["running"]}}}"#,
            r#"{"detail":{"state.status":{"status":"running"}}}"#,
            false,
        ),
        (
            "same element",
            r#"{"e":{"f":["Anna"],"l":["Jones"]}}"#,
            r#"{"e":[{"f":"Anna","l":"Jones"}]}"#,
            true,
        ),
        (
            "absence within the chosen element",
            r#"{"e":{"f":["Anna"],"ids":[{"exists":false}]}}"#,
            r#"{"e":[{"f":"Bob","ids":[1]},{"f":"Anna"}]}"#,
            true,
        ),
        (
            "presence within the chosen element",
            r#"{"e":{"f":["Anna"],"ids":[{"exists":true}]}}"#,
            r#"{"e":[{"f":"Bob","ids":[1]},{"f":"Anna"}]}"#,
            false,
        ),
        (
            "absence with nothing chosen",
            r#"{"e":{"ids":[{"exists":false}]}}"#,
            r#"{"e":[{"f":"Bob","ids":[1]},{"f":"Anna"}]}"#,
            false,
        ),
        (
            "different arrays are independent",
            r#"{"a":{"x":["1"]},"b":{"y":["2"]}}"#,
            r#"{"a":[{"x":"0"},{"x":"1"}],"b":[{"y":"2"}]}"#,
            true,
        ),
        (
            "nested arrays",
            r#"{"a":{"b":{"c":["1"],"d":["2"]}}}"#,
            r#"{"a":[{"b":[{"c":"1"},{"d":"2"}]}]}"#,
            false,
        ),
        (
            "nested arrays, same inner element",
            r#"{"a":{"b":{"c":["1"],"d":["2"]}}}"#,
            r#"{"a":[{"b":[{"c":"0"}]},{"b":[{"c":"1","d":"2"}]}]}"#,
            true,
        ),
    ]);
}

#[test]
fn regression_duplicate_key_last_wins_even_across_or() {
    // event-ruler overrides a path assigned earlier in the same branch; AWS runs event-ruler.
    let p = Pattern::parse(r#"{"a":["1"],"$or":[{"a":["2"]},{"b":["3"]}]}"#).unwrap();
    let only_two = Event::parse_any(r#"{"a":"2"}"#).unwrap();
    assert!(p.matches(&only_two), "in branch 1, a=2 replaces a=1");
    let one_and_three = Event::parse_any(r#"{"a":"1","b":"3"}"#).unwrap();
    assert!(p.matches(&one_and_three));
    let p = Pattern::parse(
        r#"{"detail":{"location":[{"prefix":"us-"}],"location":[{"anything-but":"us-east"}]}}"#,
    )
    .unwrap();
    assert!(p.matches(&Event::parse_any(r#"{"detail":{"location":"eu-central-1"}}"#).unwrap()));
}

#[test]
fn regression_dot_joined_paths_collide_last_wins() {
    let p = Pattern::parse(r#"{"a.b":["1"],"a":{"b":["2"]}}"#).unwrap();
    assert_eq!(p.sub_rules().len(), 1);
    assert_eq!(p.sub_rules()[0].field_indices(), &[1]);
    assert!(p.matches(&Event::parse_any(r#"{"a":{"b":"2"}}"#).unwrap()));
}

#[test]
fn regression_or_expansion_order_and_count() {
    let p = Pattern::parse(
        r#"{"$or":[{"a":["1"]},{"b":["2"]},{"c":["3"]}],"d":{"$or":[{"e":["4"]},{"f":["5"]}]}}"#,
    )
    .unwrap();
    assert_eq!(p.sub_rules().len(), 6);
    let paths: Vec<Vec<&str>> = p
        .sub_rules()
        .iter()
        .map(|r| p.sub_rule_fields(r).map(|f| f.path.as_str()).collect())
        .collect();
    assert_eq!(paths[0], vec!["a", "d.e"]);
    assert_eq!(paths[5], vec!["c", "d.f"]);
}
