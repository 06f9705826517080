//! Random patterns and events shared by the property tests (`properties.rs`, `engine.rs`).
// Each test binary uses a different subset.
#![allow(dead_code)]

use proptest::prelude::*;
use serde_json::{json, Map, Value};

pub const STRINGS: &[&str] = &["", "x", "xy", "Xy", "init-x", "a/b", "10.0.0.7", "300"];
pub const NUMBERS: &[f64] = &[0.0, 1.0, 1.5, 100.0, -3.0, 300.0];
/// Plain field names; `$or` branches use OR_KEYS only, so a path inside a branch never also
/// appears outside it (where event-ruler's overriding and the reference's plain AND differ).
pub const KEYS: &[&str] = &["a", "b", "c"];
pub const OR_KEYS: &[&str] = &["p", "q"];

pub fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => prop::sample::select(STRINGS).prop_map(|s| json!(s)),
        3 => prop::sample::select(NUMBERS).prop_map(|n| json!(n)),
        1 => any::<bool>().prop_map(|b| json!(b)),
        1 => Just(Value::Null),
    ]
}

pub fn event_value() -> impl Strategy<Value = Value> {
    let keys: Vec<&str> = KEYS.iter().chain(OR_KEYS).copied().collect();
    scalar().prop_recursive(3, 24, 3, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map(prop::sample::select(keys.clone()), inner, 0..4).prop_map(
                |m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            ),
        ]
    })
}

pub fn event_object() -> impl Strategy<Value = Value> {
    let keys: Vec<&str> = KEYS.iter().chain(OR_KEYS).copied().collect();
    prop::collection::btree_map(prop::sample::select(keys), event_value(), 1..4)
        .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
}

pub fn strings_list() -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(prop::sample::select(STRINGS), 1..3)
}

pub fn nonempty_strings() -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(prop::sample::select(&STRINGS[1..]), 0..3)
}

pub fn condition() -> impl Strategy<Value = Value> {
    let s = || prop::sample::select(STRINGS);
    let n = || prop::sample::select(NUMBERS);
    let wildcard = || prop::sample::select(&["*", "x*", "*y", "a/*", "*-*", "", "*0*"][..]);
    prop_oneof![
        scalar(),
        s().prop_map(|v| json!({"prefix": v})),
        s().prop_map(|v| json!({"prefix": {"equals-ignore-case": v}})),
        s().prop_map(|v| json!({"suffix": v})),
        s().prop_map(|v| json!({"suffix": {"equals-ignore-case": v}})),
        s().prop_map(|v| json!({"equals-ignore-case": v})),
        wildcard().prop_map(|v| json!({"wildcard": v})),
        s().prop_map(|v| json!({"anything-but": v})),
        strings_list().prop_map(|v| json!({"anything-but": v})),
        n().prop_map(|v| json!({"anything-but": v})),
        prop::collection::vec(n(), 1..3).prop_map(|v| json!({"anything-but": v})),
        nonempty_strings().prop_map(|v| json!({"anything-but": {"prefix": v}})),
        nonempty_strings().prop_map(|v| json!({"anything-but": {"suffix": v}})),
        strings_list().prop_map(|v| json!({"anything-but": {"equals-ignore-case": v}})),
        prop::collection::vec(wildcard(), 1..3).prop_map(|v| json!({"anything-but": {"wildcard": v}})),
        (prop::sample::select(&["=", "<", "<=", ">", ">="][..]), n()).prop_map(|(op, v)| json!({"numeric": [op, v]})),
        (n(), n(), any::<bool>(), any::<bool>()).prop_filter("bottom < top", |(a, b, _, _)| a < b).prop_map(
            |(a, b, ci, co)| json!({"numeric": [if ci { ">=" } else { ">" }, a, if co { "<=" } else { "<" }, b]})
        ),
        Just(json!({"cidr": "10.0.0.0/24"})),
        any::<bool>().prop_map(|b| json!({"exists": b})),
    ]
}

pub fn leaf() -> impl Strategy<Value = Value> {
    prop::collection::vec(condition(), 1..3).prop_map(Value::Array)
}

/// A pattern object with plain keys, nested objects and at most one `$or` per object.
pub fn pattern_object(depth: u32) -> BoxedStrategy<Value> {
    let child = if depth == 0 {
        leaf().boxed()
    } else {
        prop_oneof![3 => leaf(), 1 => pattern_object(depth - 1)].boxed()
    };
    let fields = prop::collection::btree_map(prop::sample::select(KEYS), child, 1..3);
    let branch = if depth == 0 {
        prop::collection::btree_map(prop::sample::select(OR_KEYS), leaf(), 1..2).boxed()
    } else {
        prop::collection::btree_map(
            prop::sample::select(OR_KEYS),
            prop_oneof![3 => leaf(), 1 => pattern_object(depth - 1)],
            1..2,
        )
        .boxed()
    };
    let or = prop::option::weighted(0.3, prop::collection::vec(branch, 2..4));
    (fields, or)
        .prop_map(|(fields, or)| {
            let mut object: Map<String, Value> =
                fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            if let Some(branches) = or {
                let branches = branches
                    .into_iter()
                    .map(|b| Value::Object(b.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
                    .collect();
                object.insert("$or".to_owned(), Value::Array(branches));
            }
            Value::Object(object)
        })
        .boxed()
}

/// An event shaped like the pattern: the same keys (some left out), leaf values from the shared
/// pool, and objects often turned into arrays whose elements each get their own random fields, so
/// fields the pattern wants together end up in different elements.
pub fn mirror(pattern: &Value) -> BoxedStrategy<Value> {
    let Value::Object(members) = pattern else {
        return scalar().boxed();
    };
    let mut shapes: Vec<(String, Value)> = Vec::new();
    for (key, sub) in members {
        if key == "$or" {
            for branch in sub.as_array().into_iter().flatten() {
                for (k, v) in branch.as_object().into_iter().flatten() {
                    if !shapes.iter().any(|(seen, _)| seen == k) {
                        shapes.push((k.clone(), v.clone()));
                    }
                }
            }
        } else {
            shapes.push((key.clone(), sub.clone()));
        }
    }
    let parts: Vec<BoxedStrategy<Option<(String, Value)>>> = shapes
        .into_iter()
        .map(|(key, sub)| {
            let value: BoxedStrategy<Value> = if sub.is_object() {
                prop_oneof![
                    2 => mirror(&sub),
                    2 => prop::collection::vec(mirror(&sub), 1..4).prop_map(Value::Array),
                    1 => scalar(),
                ]
                .boxed()
            } else {
                let fitting = satisfying_values(&sub);
                let one = prop_oneof![1 => scalar(), 1 => prop::sample::select(fitting)].boxed();
                prop_oneof![
                    3 => one.clone(),
                    2 => prop::collection::vec(one, 0..3).prop_map(Value::Array),
                    1 => Just(json!({"z": 1})),
                ]
                .boxed()
            };
            prop::option::weighted(0.65, value.prop_map(move |v| (key.clone(), v))).boxed()
        })
        .collect();
    parts
        .prop_map(|parts| Value::Object(parts.into_iter().flatten().collect()))
        .boxed()
}

/// Values that satisfy (at least) one condition of a leaf, so generated events often match.
pub fn satisfying_values(leaf: &Value) -> Vec<Value> {
    let mut out = vec![json!("zz")];
    for condition in leaf.as_array().into_iter().flatten() {
        let Some((op, operand)) = condition.as_object().and_then(|o| o.iter().next()) else {
            out.push(condition.clone());
            continue;
        };
        let text = operand
            .as_str()
            .or_else(|| operand.get("equals-ignore-case").and_then(Value::as_str));
        let value = match (op.as_str(), text) {
            ("prefix", Some(p)) => json!(format!("{p}z")),
            ("suffix", Some(p)) => json!(format!("z{p}")),
            ("equals-ignore-case", Some(p)) => json!(p.to_uppercase()),
            ("wildcard", Some(w)) => json!(w.replace('*', "k")),
            ("numeric", _) => operand
                .get(1)
                .cloned()
                .map_or(json!(0), |v| json!(v.as_f64().unwrap_or(0.0) + 0.5)),
            ("cidr", _) => json!("10.0.0.9"),
            ("exists", _) => json!(1),
            _ => json!("post"),
        };
        out.push(value);
    }
    out
}

pub fn pattern_and_event() -> impl Strategy<Value = (Value, Value)> {
    pattern_object(2).prop_flat_map(|pattern| {
        let event = prop_oneof![4 => mirror(&pattern), 1 => event_object()];
        (Just(pattern), event)
    })
}

/// JSON-looking noise: fragments that make the parsers take many different paths.
pub fn json_noise() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(
        &[
            "{",
            "}",
            "[",
            "]",
            ":",
            ",",
            "\"a\"",
            "\"$or\"",
            "\"prefix\"",
            "\"anything-but\"",
            "\"numeric\"",
            "\"wildcard\"",
            "\"cidr\"",
            "\"exists\"",
            "\"*\\\\*\"",
            "1",
            "-0.5e3",
            "true",
            "null",
            "\"x\"",
            " ",
            "\n",
            "\"\\u00e9\"",
            "\">\"",
            "\"<=\"",
            "\"10.0.0.0/8\"",
            "\"\\q\"",
            "'",
        ][..],
    );
    prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
}
