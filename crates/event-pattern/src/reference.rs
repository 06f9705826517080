//! A reference interpreter: slow, simple, written straight from the spec, sharing nothing with the
//! compiled matcher except the JSON reader and the IP-address parser. Property tests check the
//! matcher against it.
//!
//! It reads the pattern as a plain JSON tree (duplicate keys: last wins) and:
//! 1. turns it into alternatives: lists of requirements `(dot.joined.path, leaf array)`; `$or` gives
//!    one alternative per branch, combined with everything around it (spec §1.14);
//! 2. lists every scalar of the event with its path and the array elements it sits in (§1.4, §1.5);
//! 3. tries every way of picking, for each requirement, one accepted value (or, with
//!    `exists: false`, none), and accepts a pick whose values never come from different elements of
//!    one array and where every "absent" path has no value in the picked elements (§1.5, §1.12).
//!
//! One deliberate difference: event-ruler lets a path inside a `$or` branch *replace* the same path
//! outside it; this interpreter requires both (the spec's plain reading). Tests avoid such patterns.

use crate::json::{parse_tree, Value, ValueKind};
use crate::pattern::{parse_ip, CidrRange};
use crate::{Event, Pattern};

/// Does the event match the pattern? (Both already validated by their parsers.)
pub fn matches(pattern: &Pattern, event: &Event) -> bool {
    matches_text(pattern.text(), event.text()).unwrap_or(false)
}

/// Like [`matches`] on raw texts; `None` if either is not a JSON object.
pub fn matches_text(pattern_text: &str, event_text: &str) -> Option<bool> {
    let pattern = parse_tree(pattern_text).ok()?;
    let event = parse_tree(event_text).ok()?;
    if !matches!(pattern.kind, ValueKind::Object(_)) || !matches!(event.kind, ValueKind::Object(_))
    {
        return None;
    }
    let mut scalars = Vec::new();
    collect_scalars(
        &event,
        "",
        &mut Vec::new(),
        &mut String::new(),
        &mut scalars,
    );
    let alternatives = alternatives(&pattern, "");
    Some(
        alternatives
            .iter()
            .any(|requirements| satisfiable(requirements, &scalars)),
    )
}

/// A pattern leaf: the path and the leaf array of conditions.
struct Requirement<'p> {
    path: String,
    conditions: &'p [Value],
}

/// An event scalar: path, value and the (array location, element index) pairs it sits in.
struct Scalar<'e> {
    path: String,
    value: &'e ValueKind,
    elements: Vec<(String, usize)>,
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

fn alternatives<'p>(object: &'p Value, prefix: &str) -> Vec<Vec<Requirement<'p>>> {
    let ValueKind::Object(members) = &object.kind else {
        return vec![Vec::new()];
    };
    let mut result: Vec<Vec<Requirement<'p>>> = vec![Vec::new()];
    for member in members {
        let options: Vec<Vec<Requirement<'p>>> = match &member.value.kind {
            ValueKind::Array(items) if member.key == "$or" => items
                .iter()
                .flat_map(|branch| alternatives(branch, prefix))
                .collect(),
            ValueKind::Array(items) => {
                vec![vec![Requirement {
                    path: join(prefix, &member.key),
                    conditions: items,
                }]]
            }
            ValueKind::Object(_) => alternatives(&member.value, &join(prefix, &member.key)),
            _ => vec![Vec::new()],
        };
        let mut combined = Vec::new();
        for done in &result {
            for option in &options {
                let mut both: Vec<Requirement<'p>> = done
                    .iter()
                    .map(|r| Requirement {
                        path: r.path.clone(),
                        conditions: r.conditions,
                    })
                    .collect();
                both.extend(option.iter().map(|r| Requirement {
                    path: r.path.clone(),
                    conditions: r.conditions,
                }));
                combined.push(both);
            }
        }
        result = combined;
    }
    result
}

fn collect_scalars<'e>(
    value: &'e Value,
    path: &str,
    elements: &mut Vec<(String, usize)>,
    location: &mut String,
    out: &mut Vec<Scalar<'e>>,
) {
    match &value.kind {
        ValueKind::Object(members) => {
            for member in members {
                let mark = location.len();
                location.push('/');
                location.push_str(&member.key);
                collect_scalars(
                    &member.value,
                    &join(path, &member.key),
                    elements,
                    location,
                    out,
                );
                location.truncate(mark);
            }
        }
        ValueKind::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                elements.push((location.clone(), index));
                let mark = location.len();
                location.push_str(&format!("/{index}"));
                collect_scalars(item, path, elements, location, out);
                location.truncate(mark);
                elements.pop();
            }
        }
        scalar => out.push(Scalar {
            path: path.to_owned(),
            value: scalar,
            elements: elements.clone(),
        }),
    }
}

fn compatible(a: &Scalar<'_>, b: &Scalar<'_>) -> bool {
    a.elements
        .iter()
        .all(|(array, i)| b.elements.iter().all(|(other, j)| array != other || i == j))
}

/// `None` in a pick means "absent".
fn satisfiable(requirements: &[Requirement<'_>], scalars: &[Scalar<'_>]) -> bool {
    fn pick<'s>(
        requirements: &[Requirement<'_>],
        scalars: &'s [Scalar<'s>],
        chosen: &mut Vec<Option<&'s Scalar<'s>>>,
    ) -> bool {
        let Some(requirement) = requirements.get(chosen.len()) else {
            return pick_is_valid(requirements, scalars, chosen);
        };
        for scalar in scalars.iter().filter(|s| s.path == requirement.path) {
            if requirement
                .conditions
                .iter()
                .any(|c| accepts(c, scalar.value))
            {
                chosen.push(Some(scalar));
                if pick(requirements, scalars, chosen) {
                    return true;
                }
                chosen.pop();
            }
        }
        if requirement.conditions.iter().any(is_exists_false) {
            chosen.push(None);
            if pick(requirements, scalars, chosen) {
                return true;
            }
            chosen.pop();
        }
        false
    }
    pick(requirements, scalars, &mut Vec::new())
}

fn pick_is_valid(
    requirements: &[Requirement<'_>],
    scalars: &[Scalar<'_>],
    chosen: &[Option<&Scalar<'_>>],
) -> bool {
    let picked: Vec<&Scalar<'_>> = chosen.iter().flatten().copied().collect();
    let consistent = picked
        .iter()
        .all(|a| picked.iter().all(|b| compatible(a, b)));
    consistent
        && requirements
            .iter()
            .zip(chosen)
            .all(|(requirement, choice)| {
                choice.is_some()
                    || scalars
                        .iter()
                        .filter(|s| s.path == requirement.path)
                        .all(|s| picked.iter().any(|p| !compatible(p, s)))
            })
}

fn is_exists_false(condition: &Value) -> bool {
    matches!(operator(condition), Some(("exists", v)) if v.kind == ValueKind::Bool(false))
}

fn operator(condition: &Value) -> Option<(&str, &Value)> {
    match &condition.kind {
        ValueKind::Object(members) if members.len() == 1 => {
            Some((members[0].key.as_str(), &members[0].value))
        }
        _ => None,
    }
}

fn number(value: &Value) -> Option<f64> {
    match &value.kind {
        ValueKind::Number(n) => n.finite(),
        _ => None,
    }
}

fn string(value: &Value) -> Option<&str> {
    match &value.kind {
        ValueKind::String(s) => Some(s),
        _ => None,
    }
}

fn strings(value: &Value) -> Vec<&str> {
    match &value.kind {
        ValueKind::Array(items) => items.iter().filter_map(string).collect(),
        _ => string(value).into_iter().collect(),
    }
}

fn same_ignoring_case(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// Whole-string wildcard match by dynamic programming over (pattern position, value position).
fn wildcard(pattern: &str, value: &str) -> bool {
    let mut tokens: Vec<Option<char>> = Vec::new(); // None = `*`
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' => tokens.push(None),
            '\\' => tokens.push(chars.next()),
            other => tokens.push(Some(other)),
        }
    }
    let value: Vec<char> = value.chars().collect();
    // reach[j]: the tokens so far can match value[..j].
    let mut reach = vec![false; value.len() + 1];
    reach[0] = true;
    for token in tokens {
        let mut next = vec![false; value.len() + 1];
        match token {
            None => {
                let mut any = false;
                for j in 0..=value.len() {
                    any |= reach[j];
                    next[j] = any;
                }
            }
            Some(c) => {
                for j in 0..value.len() {
                    next[j + 1] = reach[j] && value[j] == c;
                }
            }
        }
        reach = next;
    }
    reach[value.len()]
}

fn numeric(terms: &Value, n: f64) -> bool {
    let ValueKind::Array(items) = &terms.kind else {
        return false;
    };
    items.chunks(2).all(|pair| {
        let (Some(op), Some(v)) = (pair.first().and_then(string), pair.get(1).and_then(number))
        else {
            return false;
        };
        match op {
            "=" => n == v,
            "<" => n < v,
            "<=" => n <= v,
            ">" => n > v,
            ">=" => n >= v,
            _ => false,
        }
    })
}

fn accepts(condition: &Value, value: &ValueKind) -> bool {
    let text = match value {
        ValueKind::String(s) => Some(s.as_str()),
        _ => None,
    };
    match &condition.kind {
        ValueKind::String(want) => text.is_some_and(|s| {
            s == want || (parse_ip(want).is_some() && parse_ip(want) == parse_ip(s))
        }),
        ValueKind::Number(want) => match value {
            ValueKind::Number(n) => {
                n.literal == want.literal || (n.finite().is_some() && n.finite() == want.finite())
            }
            _ => false,
        },
        ValueKind::Bool(_) | ValueKind::Null => condition.kind == *value,
        ValueKind::Object(_) => {
            let Some((name, operand)) = operator(condition) else {
                return false;
            };
            match name {
                "exactly" => text.is_some() && text == string(operand),
                "prefix" => match operand.get("equals-ignore-case").and_then(string) {
                    Some(p) => text.is_some_and(|s| {
                        s.char_indices()
                            .map(|(i, _)| i)
                            .chain([s.len()])
                            .any(|i| same_ignoring_case(&s[..i], p))
                    }),
                    None => text
                        .zip(string(operand))
                        .is_some_and(|(s, p)| s.starts_with(p)),
                },
                "suffix" => match operand.get("equals-ignore-case").and_then(string) {
                    Some(p) => text.is_some_and(|s| {
                        s.char_indices()
                            .map(|(i, _)| i)
                            .chain([s.len()])
                            .any(|i| same_ignoring_case(&s[i..], p))
                    }),
                    None => text
                        .zip(string(operand))
                        .is_some_and(|(s, p)| s.ends_with(p)),
                },
                "equals-ignore-case" => text
                    .zip(string(operand))
                    .is_some_and(|(s, p)| same_ignoring_case(s, p)),
                "wildcard" => text
                    .zip(string(operand))
                    .is_some_and(|(s, p)| wildcard(p, s)),
                "numeric" => match value {
                    ValueKind::Number(n) => n.finite().is_some_and(|n| numeric(operand, n)),
                    _ => false,
                },
                "cidr" => text
                    .zip(string(operand))
                    .is_some_and(|(s, c)| CidrRange::parse(c).is_ok_and(|range| range.contains(s))),
                "exists" => operand.kind == ValueKind::Bool(true),
                "anything-but" => !excluded_by(operand, value),
                _ => false,
            }
        }
        ValueKind::Array(_) => false,
    }
}

/// Does `anything-but` with this operand rule the value out?
fn excluded_by(operand: &Value, value: &ValueKind) -> bool {
    let text = match value {
        ValueKind::String(s) => Some(s.as_str()),
        _ => None,
    };
    if let Some((name, inner)) = operator(operand) {
        let Some(s) = text else { return false };
        let list = strings(inner);
        return match name {
            "prefix" => list.iter().any(|p| s.starts_with(p)),
            "suffix" => list.iter().any(|p| s.ends_with(p)),
            "equals-ignore-case" => list.iter().any(|p| same_ignoring_case(s, p)),
            "wildcard" => list.iter().any(|p| wildcard(p, s)),
            _ => false,
        };
    }
    let items: Vec<&Value> = match &operand.kind {
        ValueKind::Array(items) => items.iter().collect(),
        _ => vec![operand],
    };
    items.iter().any(|item| match (&item.kind, value) {
        (ValueKind::String(x), ValueKind::String(s)) => x == s,
        (ValueKind::Number(_), ValueKind::Number(n)) => {
            n.finite().is_some() && n.finite() == number(item)
        }
        _ => false,
    })
}
