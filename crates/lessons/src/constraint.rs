//! Constraints on how a pattern is written, checked on the compiled pattern (its fields and
//! conditions), never on its text: spacing, key order and quoting cannot fool them.

use crate::error::Problem;
use crate::read::{kind_of, Fields, JsonValue, Shape};
use event_pattern::{Condition, Exclusion, Pattern};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// A kind of condition a pattern can use, as constraints and the course's coverage test see it.
///
/// Forms of one operator are separate values (`prefix-ignore-case` is
/// `{"prefix": {"equals-ignore-case": …}}`), and each belongs to a [family](Operator::family):
/// a constraint on a family covers all of its forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Operator {
    /// An exact value: a string, number, `true`, `false` or `null` listed as is.
    #[serde(rename = "exact")]
    Exact,
    #[serde(rename = "prefix")]
    Prefix,
    #[serde(rename = "prefix-ignore-case")]
    PrefixIgnoreCase,
    #[serde(rename = "suffix")]
    Suffix,
    #[serde(rename = "suffix-ignore-case")]
    SuffixIgnoreCase,
    #[serde(rename = "equals-ignore-case")]
    EqualsIgnoreCase,
    #[serde(rename = "wildcard")]
    Wildcard,
    #[serde(rename = "numeric")]
    Numeric,
    #[serde(rename = "cidr")]
    Cidr,
    #[serde(rename = "exists")]
    Exists,
    /// `anything-but` with a value, a list of values or a number.
    #[serde(rename = "anything-but")]
    AnythingBut,
    #[serde(rename = "anything-but-prefix")]
    AnythingButPrefix,
    #[serde(rename = "anything-but-suffix")]
    AnythingButSuffix,
    #[serde(rename = "anything-but-ignore-case")]
    AnythingButIgnoreCase,
    #[serde(rename = "anything-but-wildcard")]
    AnythingButWildcard,
    /// `$or` between sub-patterns.
    #[serde(rename = "$or")]
    Or,
}

impl Operator {
    /// Every operator, in the order the course teaches them.
    pub const ALL: [Operator; 16] = [
        Operator::Exact,
        Operator::Exists,
        Operator::Prefix,
        Operator::PrefixIgnoreCase,
        Operator::Suffix,
        Operator::SuffixIgnoreCase,
        Operator::EqualsIgnoreCase,
        Operator::Wildcard,
        Operator::AnythingBut,
        Operator::AnythingButPrefix,
        Operator::AnythingButSuffix,
        Operator::AnythingButIgnoreCase,
        Operator::AnythingButWildcard,
        Operator::Numeric,
        Operator::Cidr,
        Operator::Or,
    ];

    /// The name used in documents and constraints, e.g. `anything-but-prefix` or `$or`.
    pub fn name(self) -> &'static str {
        match self {
            Operator::Exact => "exact",
            Operator::Prefix => "prefix",
            Operator::PrefixIgnoreCase => "prefix-ignore-case",
            Operator::Suffix => "suffix",
            Operator::SuffixIgnoreCase => "suffix-ignore-case",
            Operator::EqualsIgnoreCase => "equals-ignore-case",
            Operator::Wildcard => "wildcard",
            Operator::Numeric => "numeric",
            Operator::Cidr => "cidr",
            Operator::Exists => "exists",
            Operator::AnythingBut => "anything-but",
            Operator::AnythingButPrefix => "anything-but-prefix",
            Operator::AnythingButSuffix => "anything-but-suffix",
            Operator::AnythingButIgnoreCase => "anything-but-ignore-case",
            Operator::AnythingButWildcard => "anything-but-wildcard",
            Operator::Or => "$or",
        }
    }

    /// The operator with this [name](Operator::name).
    pub fn from_name(name: &str) -> Option<Operator> {
        Operator::ALL.into_iter().find(|op| op.name() == name)
    }

    /// How the operator is written in a pattern, for messages: e.g. `{"prefix": "…"}`.
    pub fn syntax(self) -> &'static str {
        match self {
            Operator::Exact => r#"["value"]"#,
            Operator::Prefix => r#"{"prefix": "…"}"#,
            Operator::PrefixIgnoreCase => r#"{"prefix": {"equals-ignore-case": "…"}}"#,
            Operator::Suffix => r#"{"suffix": "…"}"#,
            Operator::SuffixIgnoreCase => r#"{"suffix": {"equals-ignore-case": "…"}}"#,
            Operator::EqualsIgnoreCase => r#"{"equals-ignore-case": "…"}"#,
            Operator::Wildcard => r#"{"wildcard": "…*…"}"#,
            Operator::Numeric => r#"{"numeric": [">", 0]}"#,
            Operator::Cidr => r#"{"cidr": "10.0.0.0/24"}"#,
            Operator::Exists => r#"{"exists": true}"#,
            Operator::AnythingBut => r#"{"anything-but": …}"#,
            Operator::AnythingButPrefix => r#"{"anything-but": {"prefix": "…"}}"#,
            Operator::AnythingButSuffix => r#"{"anything-but": {"suffix": "…"}}"#,
            Operator::AnythingButIgnoreCase => r#"{"anything-but": {"equals-ignore-case": "…"}}"#,
            Operator::AnythingButWildcard => r#"{"anything-but": {"wildcard": "…"}}"#,
            Operator::Or => r#""$or": [{…}, {…}]"#,
        }
    }

    /// The operator a form belongs to: `prefix-ignore-case` → `prefix`, every `anything-but-…`
    /// → `anything-but`; the others are their own family.
    pub fn family(self) -> Operator {
        match self {
            Operator::PrefixIgnoreCase => Operator::Prefix,
            Operator::SuffixIgnoreCase => Operator::Suffix,
            Operator::AnythingButPrefix
            | Operator::AnythingButSuffix
            | Operator::AnythingButIgnoreCase
            | Operator::AnythingButWildcard => Operator::AnythingBut,
            other => other,
        }
    }

    /// The operator of one compiled condition; `None` for a condition kind this crate does not know
    /// yet (the matcher's `Condition` is non-exhaustive), which no constraint can then name.
    pub fn of(condition: &Condition) -> Option<Operator> {
        Some(match condition {
            Condition::ExactString { .. }
            | Condition::Exactly { .. }
            | Condition::ExactNumber { .. }
            | Condition::ExactBool { .. }
            | Condition::ExactNull => Operator::Exact,
            Condition::Prefix { .. } => Operator::Prefix,
            Condition::PrefixIgnoreCase { .. } => Operator::PrefixIgnoreCase,
            Condition::Suffix { .. } => Operator::Suffix,
            Condition::SuffixIgnoreCase { .. } => Operator::SuffixIgnoreCase,
            Condition::EqualsIgnoreCase { .. } => Operator::EqualsIgnoreCase,
            Condition::Wildcard { .. } => Operator::Wildcard,
            Condition::Numeric { .. } => Operator::Numeric,
            Condition::Cidr { .. } => Operator::Cidr,
            Condition::Exists { .. } => Operator::Exists,
            Condition::AnythingBut { excluded } => match excluded {
                Exclusion::Strings(_) | Exclusion::Numbers(_) => Operator::AnythingBut,
                Exclusion::Prefixes(_) => Operator::AnythingButPrefix,
                Exclusion::Suffixes(_) => Operator::AnythingButSuffix,
                Exclusion::EqualsIgnoreCase(_) => Operator::AnythingButIgnoreCase,
                Exclusion::Wildcards(_) => Operator::AnythingButWildcard,
                _ => return None,
            },
            _ => return None,
        })
    }

    /// Every operator a compiled pattern uses (exact forms, not families), `$or` included.
    pub fn used_by(pattern: &Pattern) -> BTreeSet<Operator> {
        let mut used: BTreeSet<Operator> = pattern
            .fields()
            .iter()
            .flat_map(|field| field.conditions.iter().filter_map(Operator::of))
            .collect();
        // A valid `$or` always has at least two branches, so it always yields several sub-rules.
        if pattern.sub_rules().len() > 1 {
            used.insert(Operator::Or);
        }
        used
    }

    fn phrase(self) -> String {
        match self {
            Operator::Exact => "exact values".to_owned(),
            Operator::Or => "`$or`".to_owned(),
            other => format!("`{}`", other.syntax()),
        }
    }
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A rule about how an exercise's pattern must be written.
///
/// In documents: `{"use": "anything-but"}`, `{"avoid": "$or"}`, `{"max-fields": 2}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Constraint {
    /// The pattern must use this operator (any form of it, when it is a family).
    Use(Operator),
    /// The pattern must not use this operator (nor any form of it, when it is a family).
    Avoid(Operator),
    /// The pattern may name at most this many distinct fields (dot-joined paths).
    MaxFields(u32),
}

impl Constraint {
    /// The rule as a sentence, shown with the task before any attempt.
    pub fn description(&self) -> String {
        match *self {
            Constraint::Use(op) => format!("Use {}.", op.phrase()),
            Constraint::Avoid(op) => format!("Do not use {}.", op.phrase()),
            Constraint::MaxFields(1) => "Use only one field.".to_owned(),
            Constraint::MaxFields(n) => format!("Use no more than {n} fields."),
        }
    }

    /// Is the rule met by this (valid) pattern? `Err` holds the message for the learner.
    pub fn check(&self, pattern: &Pattern) -> Result<(), String> {
        match *self {
            Constraint::Use(op) => {
                if uses(pattern, op) {
                    Ok(())
                } else {
                    Err(format!("Use {}: the task asks for it.", op.phrase()))
                }
            }
            Constraint::Avoid(op) => {
                if uses(pattern, op) {
                    Err(format!(
                        "Do not use {}: the task asks for another way.",
                        op.phrase()
                    ))
                } else {
                    Ok(())
                }
            }
            Constraint::MaxFields(max) => {
                let count = field_count(pattern);
                if count <= max as usize {
                    Ok(())
                } else {
                    Err(format!(
                        "Use no more than {max} field{}: this pattern has {count}.",
                        if max == 1 { "" } else { "s" }
                    ))
                }
            }
        }
    }

    /// Reads `{"use": "prefix"}` and the like.
    pub(crate) fn read<V: JsonValue>(value: &V, path: &str) -> Result<Constraint, Problem> {
        let fields = Fields::of(value, path)?;
        fields.only(&["use", "avoid", "max-fields"])?;
        let keys: Vec<&str> = fields.keys().collect();
        if keys.len() != 1 {
            return Err(Problem::syntax(
                path,
                "a constraint has exactly one of `use`, `avoid` or `max-fields`",
            ));
        }
        let key = keys[0];
        let at = fields.path(key);
        let operator = |value: &V| match value.shape() {
            Shape::String(name) => Operator::from_name(name).ok_or_else(|| {
                Problem::syntax(
                    &at,
                    format!(
                        "unknown operator \"{name}\" (expected one of: {})",
                        Operator::ALL.map(Operator::name).join(", ")
                    ),
                )
            }),
            other => Err(Problem::syntax(
                &at,
                format!("expected an operator name, found {}", kind_of(&other)),
            )),
        };
        let value = fields.value(key).expect("the key was just listed");
        match key {
            "use" => Ok(Constraint::Use(operator(value)?)),
            "avoid" => Ok(Constraint::Avoid(operator(value)?)),
            _ => match fields.opt_u32(key)? {
                Some(0) | None => Err(Problem::invalid(&at, "must be at least 1")),
                Some(n) => Ok(Constraint::MaxFields(n)),
            },
        }
    }
}

impl fmt::Display for Constraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.description())
    }
}

/// Does the pattern use `op` (or, for a family, any of its forms)?
fn uses(pattern: &Pattern, op: Operator) -> bool {
    Operator::used_by(pattern)
        .into_iter()
        .any(|used| used == op || used.family() == op)
}

/// Distinct field paths named anywhere in the pattern (in any `$or` branch).
pub fn field_count(pattern: &Pattern) -> usize {
    pattern
        .fields()
        .iter()
        .map(|field| field.path.as_str())
        .collect::<BTreeSet<_>>()
        .len()
}

/// Two constraints that no pattern can meet together (`use prefix` and `avoid prefix`).
pub(crate) fn contradiction(constraints: &[Constraint]) -> Option<(usize, usize)> {
    for (i, a) in constraints.iter().enumerate() {
        for (j, b) in constraints.iter().enumerate() {
            if let (Constraint::Use(wanted), Constraint::Avoid(banned)) = (a, b) {
                if wanted == banned || wanted.family() == *banned {
                    return Some((i, j));
                }
            }
        }
    }
    None
}
