//! A reference interpreter: slow, simple, written straight from the semantics
//! (`docs/semantics.md`), sharing nothing with the compiled matcher except the JSON reader and the
//! IP-address parser. Property tests check the matcher against it.
//!
//! It reads the pattern as a plain JSON tree (duplicate keys: last wins) and:
//! 1. turns it into alternatives: lists of requirements `(dot.joined.path, leaf array)`; `$or` gives
//!    one alternative per branch, combined with everything around it (semantics §1.14);
//! 2. lists every scalar of the event with its path and the array elements it sits in (§1.4, §1.5);
//! 3. tries every way of picking, for each requirement in event-ruler's order (sorted by path,
//!    as Java compares strings), one accepted value compatible with those picked before it (never
//!    from a different element of one array), or, with `exists: false`, none, when every value at
//!    the path clashes with a value picked before it (event-ruler's `ACFinder` checks absence at
//!    that point of its walk, so fields sorted later do not count).
//!
//! Case-insensitive operators read a pattern character outside the Basic Multilingual Plane as
//! `??`, as event-ruler does (it encodes each UTF-16 unit alone, and Java writes a lone surrogate
//! as `?`).
//!
//! One deliberate difference: event-ruler lets a path inside a `$or` branch *replace* the same path
//! outside it; this interpreter requires both (the documentation's plain reading). Tests avoid such patterns.

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
    let mut alternatives = alternatives(&pattern, "");
    Some(
        alternatives
            .iter_mut()
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
                // Below the top every key is joined with a dot, even after an empty key (unlike
                // pattern paths, where `{"": {"a": …}}` is `a`).
                let child = if mark == 0 {
                    member.key.clone()
                } else {
                    format!("{path}.{}", member.key)
                };
                collect_scalars(&member.value, &child, elements, location, out);
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

/// Tries every pick, requirement by requirement in event-ruler's order: sorted by path, comparing
/// UTF-16 units as Java does. A picked value must be compatible with every value picked before
/// it; `exists: false` holds when each value at the path clashes with some value picked *before*
/// it (those picked later do not count, as in event-ruler's `ACFinder`).
fn satisfiable(requirements: &mut [Requirement<'_>], scalars: &[Scalar<'_>]) -> bool {
    fn pick<'s>(
        requirements: &[Requirement<'_>],
        scalars: &'s [Scalar<'s>],
        picked: &mut Vec<&'s Scalar<'s>>,
    ) -> bool {
        let Some((requirement, rest)) = requirements.split_first() else {
            return true;
        };
        let at_path = || scalars.iter().filter(|s| s.path == requirement.path);
        for scalar in at_path() {
            let accepted = requirement
                .conditions
                .iter()
                .any(|c| accepts(c, scalar.value));
            if accepted && picked.iter().all(|p| compatible(p, scalar)) {
                picked.push(scalar);
                if pick(rest, scalars, picked) {
                    return true;
                }
                picked.pop();
            }
        }
        requirement.conditions.iter().any(is_exists_false)
            && at_path().all(|s| picked.iter().any(|p| !compatible(p, s)))
            && pick(rest, scalars, picked)
    }
    requirements.sort_by(|a, b| a.path.encode_utf16().cmp(b.path.encode_utf16()));
    pick(requirements, scalars, &mut Vec::new())
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
        ValueKind::Number(n) => exact_double(&n.literal),
        _ => None,
    }
}

/// The number as a double, when the double holds it exactly as event-ruler requires (its
/// `ComparableNumber` compares the literal with the double's shortest decimal form).
fn exact_double(literal: &str) -> Option<f64> {
    let value: f64 = literal.parse().ok().filter(|v: &f64| v.is_finite())?;
    let scientific = |text: &str| -> (bool, Vec<u8>, i64) {
        let negative = text.starts_with('-');
        let text = text.trim_start_matches('-');
        let (mantissa, exponent) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
        let exponent: i64 = exponent.parse().unwrap_or(0);
        let point = mantissa.find('.').unwrap_or(mantissa.len()) as i64;
        let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
        match digits.iter().position(|&d| d != b'0') {
            None => (false, Vec::new(), 0),
            Some(first) => {
                let last = digits.iter().rposition(|&d| d != b'0').unwrap_or(first);
                (
                    negative,
                    digits[first..=last].to_vec(),
                    point - first as i64 + exponent,
                )
            }
        }
    };
    (scientific(literal) == scientific(&format!("{value:e}"))).then_some(value)
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

/// Where a case-insensitive pattern can end when read from byte `start` of `value`, as event-ruler
/// reads it: per UTF-16 unit of the pattern, the unit's lower- or upper-case form (Java's
/// `toLowerCase`/`toUpperCase` of the one-unit string); a unit that is half of a character outside
/// the Basic Multilingual Plane is `?`, which is what Java's UTF-8 encoder writes for it.
fn case_insensitive_ends(value: &str, pattern: &str, start: usize) -> Vec<usize> {
    let mut ends = vec![start];
    for c in pattern.chars() {
        let forms: Vec<String> = if u32::from(c) > 0xFFFF {
            // Two units, each read as `?`.
            let mut next = Vec::new();
            for &at in &ends {
                if value[at..].starts_with("??") {
                    next.push(at + 2);
                }
            }
            ends = next;
            continue;
        } else {
            vec![c.to_lowercase().collect(), c.to_uppercase().collect()]
        };
        let mut next = Vec::new();
        for &at in &ends {
            for form in &forms {
                if value[at..].starts_with(form.as_str()) && !next.contains(&(at + form.len())) {
                    next.push(at + form.len());
                }
            }
        }
        ends = next;
    }
    ends
}

/// Case-insensitive equality of an event value and a pattern text, as event-ruler compares them.
fn same_ignoring_case(value: &str, pattern: &str) -> bool {
    case_insensitive_ends(value, pattern, 0).contains(&value.len())
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
                n.literal == want.literal || {
                    let (a, b) = (exact_double(&n.literal), exact_double(&want.literal));
                    a.is_some() && a == b
                }
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
                    Some(p) => text.is_some_and(|s| !case_insensitive_ends(s, p, 0).is_empty()),
                    None => text
                        .zip(string(operand))
                        .is_some_and(|(s, p)| s.starts_with(p)),
                },
                "suffix" => match operand.get("equals-ignore-case").and_then(string) {
                    Some(p) => text.is_some_and(|s| {
                        s.char_indices()
                            .map(|(i, _)| i)
                            .chain([s.len()])
                            .any(|i| case_insensitive_ends(s, p, i).contains(&s.len()))
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
                    ValueKind::Number(n) => {
                        exact_double(&n.literal).is_some_and(|n| numeric(operand, n))
                    }
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
            let n = exact_double(&n.literal);
            n.is_some() && n == number(item)
        }
        _ => false,
    })
}
