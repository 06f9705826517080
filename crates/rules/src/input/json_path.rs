//! The JSONPath subset EventBridge input paths use: `$`, `.name` steps and `[n]` array indexes.

use event_pattern::json::{Value, ValueKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

const EXAMPLE: &str = "$.detail.state";

/// Parses a path such as `$.detail.X-Shopify-Topic` or `$.resources[0]`.
pub(crate) fn parse(text: &str) -> Result<Vec<Step<'_>>, String> {
    let Some(mut rest) = text.strip_prefix('$') else {
        return Err(format!(
            "A path starts with $ and names each level with dots, e.g. {EXAMPLE}."
        ));
    };
    let mut steps = Vec::new();
    while let Some(first) = rest.chars().next() {
        match first {
            '.' => {
                let after_dot = &rest[1..];
                let end = after_dot.find(['.', '[']).unwrap_or(after_dot.len());
                let name = &after_dot[..end];
                if name.is_empty() {
                    return Err(if after_dot.starts_with('.') {
                        format!("Recursive descent (..) is not supported; name each level, e.g. {EXAMPLE}.")
                    } else {
                        format!("The path has an empty step after a dot; name each level, e.g. {EXAMPLE}.")
                    });
                }
                if let Some(bad) = name
                    .chars()
                    .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '*' | ']' | '"' | '\''))
                {
                    return Err(if bad == '*' {
                        "Wildcards (*) are not supported in input paths.".to_owned()
                    } else {
                        format!("The path step '{name}' contains the character {bad:?}, which paths cannot use.")
                    });
                }
                steps.push(Step::Key(name));
                rest = &after_dot[end..];
            }
            '[' => {
                let close = rest.find(']');
                let inside = close.map(|close| &rest[1..close]);
                match inside {
                    Some(digits)
                        if !digits.is_empty()
                            && digits.len() <= 9
                            && digits.bytes().all(|b| b.is_ascii_digit()) =>
                    {
                        let index = digits.parse().map_err(|_| "bad index".to_owned())?;
                        steps.push(Step::Index(index));
                        rest = &rest[digits.len() + 2..];
                    }
                    _ => {
                        return Err(format!(
                            "Use dot notation ({EXAMPLE}), not bracket notation; brackets only hold array indexes such as [0]."
                        ))
                    }
                }
            }
            other => {
                return Err(format!(
                    "Unexpected {other:?} in the path; after $ come .name steps and [n] indexes, e.g. {EXAMPLE}."
                ))
            }
        }
    }
    Ok(steps)
}

/// The value the path leads to, if every step exists (a repeated key: its last value, as
/// EventBridge reads events).
pub(crate) fn select<'v>(value: &'v Value, steps: &[Step<'_>]) -> Option<&'v Value> {
    steps
        .iter()
        .try_fold(value, |current, step| match (step, &current.kind) {
            (Step::Key(name), ValueKind::Object(_)) => current.get(name),
            (Step::Index(index), ValueKind::Array(items)) => items.get(*index),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        use Step::*;
        let table: &[(&str, Result<Vec<Step<'static>>, &str>)] = &[
            ("$", Ok(vec![])),
            ("$.detail", Ok(vec![Key("detail")])),
            ("$.detail-type", Ok(vec![Key("detail-type")])),
            (
                "$.detail.metadata.X-Shopify-Topic",
                Ok(vec![Key("detail"), Key("metadata"), Key("X-Shopify-Topic")]),
            ),
            ("$.resources[0]", Ok(vec![Key("resources"), Index(0)])),
            (
                "$.a[2][10].b",
                Ok(vec![Key("a"), Index(2), Index(10), Key("b")]),
            ),
            ("detail", Err("starts with $")),
            ("", Err("starts with $")),
            ("$.", Err("empty step")),
            ("$.a.", Err("empty step")),
            ("$..a", Err("Recursive descent")),
            ("$.a.*", Err("Wildcards")),
            ("$['detail']", Err("dot notation")),
            ("$.a[x]", Err("dot notation")),
            ("$.a[", Err("dot notation")),
            ("$.a[9999999999]", Err("dot notation")),
            ("$.a b", Err("cannot use")),
            ("$detail", Err("Unexpected 'd'")),
            ("$.a]", Err("cannot use")),
        ];
        for (text, expected) in table {
            match (parse(text), expected) {
                (Ok(got), Ok(want)) => assert_eq!(&got, want, "{text}"),
                (Err(message), Err(fragment)) => {
                    assert!(message.contains(fragment), "{text}: {message}")
                }
                (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn select_follows_keys_and_indexes() {
        let text =
            r#"{"detail": {"list": [{"x": 1}, {"x": 2.50}]}, "detail-type": "t", "d": 1, "d": 2}"#;
        let event = event_pattern::json::parse(text).unwrap();
        let find =
            |path: &str| select(&event, &parse(path).expect(path)).map(|value| value.to_string());
        let table = [
            (
                "$",
                Some(r#"{"detail":{"list":[{"x":1},{"x":2.50}]},"detail-type":"t","d":2}"#),
            ),
            ("$.detail-type", Some(r#""t""#)),
            ("$.detail.list[1].x", Some("2.50")),
            ("$.d", Some("2")),
            ("$.detail.list[2]", None),
            ("$.detail.list.x", None),
            ("$.detail-type.x", None),
            ("$.missing", None),
        ];
        for (path, expected) in table {
            assert_eq!(find(path).as_deref(), expected, "{path}");
        }
    }
}
