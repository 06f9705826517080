//! Subscriber filters: one event pattern per scope, ANDed, matched by the same matcher as
//! Classic rules (`event_pattern::Pattern`), with an explanation per scope and per field.
//!
//! Sources:
//! - `FilterConfiguration{Filters:[{Scope, Pattern}], Language}`, 1-50 filters, `Pattern` 0-4096
//!   characters: <https://docs.aws.amazon.com/eventbridgev2/latest/APIReference/API_FilterConfiguration.html>,
//!   <https://docs.aws.amazon.com/eventbridgev2/latest/APIReference/API_Filter.html>;
//! - "at most one filter per scope": <https://docs.amazonaws.cn/en_us/eventbridge/latest/userguide/eb-custom-bus-subscribers.md>
//!   (the API allows up to 50; see DESIGN.md);
//! - the scopes, ANDed filters, no wildcards, `METADATA` exact values only, `octet-stream` never
//!   matching `DATA`: <https://docs.amazonaws.cn/en_us/eventbridge/latest/userguide/eb-custom-bus-filtering.md>
//!   and its Chinese copy <https://docs.amazonaws.cn/eventbridge/latest/userguide/eb-custom-bus-filtering.md>;
//! - a supplied `FilterConfiguration` needs a non-empty pattern, so `{}` is refused (secondary:
//!   <https://github.com/aws/agent-toolkit-for-aws/blob/main/skills/specialized-skills/serverless-skills/amazon-eventbridge-event-bus/references/target-contract.md>).

use std::fmt::Write as _;

use event_pattern::{Condition, Event, Exclusion, Explanation, Pattern};

use crate::event::{BusEvent, DeliveryType};
use crate::problem::{FieldPath, Problem, ProblemKind, Problems};

/// Fewest filters in a supplied `FilterConfiguration`.
pub const MIN_FILTERS: usize = 1;
/// Most filters in a `FilterConfiguration` (API and CloudFormation).
pub const MAX_FILTERS: usize = 50;
/// Longest filter `Pattern`, in characters.
pub const MAX_FILTER_PATTERN_CHARS: usize = 4096;

aws_model::string_enum! {
    /// `Filter.Scope`: which part of the event a pattern reads.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Scope {
        /// The payload; for `PutEvents` the whole envelope, with `Detail` under `detail`.
        Data = "DATA",
        /// The publisher's `Metadata` (raw events only); exact values only.
        Metadata = "METADATA",
        /// The fields EventBridge sets (`ContentType`, `aws:Source`, ...).
        SystemMetadata = "SYSTEM_METADATA",
    }
}

impl Scope {
    /// What the scope reads, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Scope::Data => "the event's data: the payload of PutRawEvents, or the whole PutEvents envelope with your Detail under \"detail\"",
            Scope::Metadata => "the publisher's Metadata, which only PutRawEvents can set; exact values only",
            Scope::SystemMetadata => "the fields EventBridge sets: ContentType, EventGroupId, DeduplicationId and the aws: keys (aws:Source, aws:DetailType, ...)",
        }
    }
}

aws_model::string_enum! {
    /// `FilterConfiguration.Language`; one value.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum FilterLanguage {
        /// EventBridge event patterns.
        #[default]
        EventBridgePattern = "EVENT_BRIDGE_PATTERN",
    }
}

/// One `Filter` as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterSpec {
    /// `Scope`.
    pub scope: Scope,
    /// `Pattern`, the user's text.
    pub pattern: String,
}

impl FilterSpec {
    /// A filter for `scope`.
    pub fn new(scope: Scope, pattern: impl Into<String>) -> FilterSpec {
        FilterSpec {
            scope,
            pattern: pattern.into(),
        }
    }
}

/// `FilterConfiguration` as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FilterConfiguration {
    /// `Filters`, ANDed.
    pub filters: Vec<FilterSpec>,
    /// `Language`.
    pub language: FilterLanguage,
}

/// One parsed filter.
#[derive(Debug, Clone)]
pub struct CompiledFilter {
    scope: Scope,
    pattern: Pattern,
}

impl CompiledFilter {
    /// The filter's scope.
    pub fn scope(&self) -> Scope {
        self.scope
    }

    /// The parsed pattern (its text is the user's, as written).
    pub fn pattern(&self) -> &Pattern {
        &self.pattern
    }
}

/// A subscriber's filters, each parsed once. Without a configuration every event matches.
#[derive(Debug, Clone, Default)]
pub struct CompiledFilters {
    filters: Vec<CompiledFilter>,
}

impl CompiledFilters {
    /// Checks a `FilterConfiguration` (at `path`) and parses its patterns. Returns every
    /// problem; the filters are usable only when no problem is an error.
    pub fn compile(
        configuration: Option<&FilterConfiguration>,
        path: &FieldPath,
    ) -> (CompiledFilters, Problems) {
        let mut problems = Problems::default();
        let Some(configuration) = configuration else {
            return (CompiledFilters::default(), problems);
        };
        let filters_path = path.field("Filters");
        let count = configuration.filters.len();
        if !(MIN_FILTERS..=MAX_FILTERS).contains(&count) {
            problems.push(Problem::ours(
                filters_path.clone(),
                ProblemKind::BadLength,
                format!(
                    "A FilterConfiguration holds {MIN_FILTERS} to {MAX_FILTERS} filters; this one has {count}. To receive every event, leave FilterConfiguration out."
                ),
            ));
        }
        let mut compiled = Vec::new();
        let mut seen: Vec<Scope> = Vec::new();
        for (index, filter) in configuration.filters.iter().enumerate() {
            let here = filters_path.index(index);
            if seen.contains(&filter.scope) {
                problems.push(
                    Problem::ours(
                        here.field("Scope"),
                        ProblemKind::RepeatedScope,
                        format!(
                            "A second {} filter: the user guide allows at most one filter per scope, although the API accepts up to {MAX_FILTERS}. Filters are ANDed, so merge the two patterns into one.",
                            filter.scope.as_str()
                        ),
                    )
                    .warning(),
                );
            }
            seen.push(filter.scope);
            let (pattern, filter_problems) =
                check_pattern(filter.scope, &filter.pattern, &here.field("Pattern"));
            problems.extend(filter_problems);
            if let Some(pattern) = pattern {
                compiled.push(CompiledFilter {
                    scope: filter.scope,
                    pattern,
                });
            }
        }
        (CompiledFilters { filters: compiled }, problems)
    }

    /// The parsed filters, in configuration order.
    pub fn filters(&self) -> &[CompiledFilter] {
        &self.filters
    }

    /// Whether the event passes every filter.
    pub fn matches(&self, documents: &ScopeDocuments) -> bool {
        self.filters.iter().all(|filter| {
            documents
                .get(filter.scope)
                .is_some_and(|event| filter.pattern.matches(event))
        })
    }

    /// Every filter's verdict with the matcher's per-field account.
    pub fn explain(&self, documents: &ScopeDocuments) -> FilterExplanation {
        let filters = self
            .filters
            .iter()
            .enumerate()
            .map(|(index, filter)| {
                let outcome = match documents.get(filter.scope) {
                    Some(event) => {
                        ScopeOutcome::Evaluated(event_pattern::explain(&filter.pattern, event))
                    }
                    None => ScopeOutcome::NothingToRead(documents.absence(filter.scope)),
                };
                ScopeExplanation {
                    index,
                    scope: filter.scope,
                    pattern: filter.pattern.text().to_owned(),
                    outcome,
                }
            })
            .collect();
        FilterExplanation { filters }
    }
}

/// Parses one pattern and applies the subscriber rules on top of the pattern language.
fn check_pattern(scope: Scope, text: &str, path: &FieldPath) -> (Option<Pattern>, Problems) {
    let mut problems = Problems::default();
    let length = text.encode_utf16().count();
    if length > MAX_FILTER_PATTERN_CHARS {
        problems.push(Problem::ours(
            path.clone(),
            ProblemKind::BadLength,
            format!("A filter pattern is at most {MAX_FILTER_PATTERN_CHARS} characters; this one has {length}."),
        ));
        return (None, problems);
    }
    if text.trim().is_empty() {
        problems.push(Problem::ours(
            path.clone(),
            ProblemKind::Missing,
            "Enter an event pattern; a filter needs a non-empty Pattern. To receive every event, leave FilterConfiguration out.",
        ));
        return (None, problems);
    }
    let pattern = match Pattern::parse(text) {
        Ok(pattern) => pattern,
        Err(error) => {
            // The pattern language's message, which is AWS's for Classic's PutRule; whether
            // CreateSubscriber words it the same is not documented, so it is flagged as ours.
            problems.push(Problem::ours(
                path.clone(),
                ProblemKind::InvalidPattern,
                error
                    .message()
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
            ));
            return (None, problems);
        }
    };
    for wildcard in wildcards(&pattern) {
        let suggestion = match &wildcard.rewrite {
            Some(rewrite) => format!(" Use {rewrite} instead."),
            None => " No single operator matches the same values; narrow it with prefix or suffix and filter the rest in the target.".to_owned(),
        };
        problems.push(Problem::ours(
            path.clone(),
            ProblemKind::Wildcard,
            format!(
                "\"{}\" uses {}: subscriber filters do not support wildcard matching.{suggestion}",
                wildcard.field, wildcard.written
            ),
        ));
    }
    if scope == Scope::Metadata {
        problems.extend(check_metadata_pattern(&pattern, path));
    }
    (Some(pattern), problems)
}

/// `METADATA` filters match exact values only: arrays of literals, no operators, no `$or`.
fn check_metadata_pattern(pattern: &Pattern, path: &FieldPath) -> Problems {
    let mut problems = Problems::default();
    if pattern.sub_rules().len() > 1 {
        problems.push(Problem::ours(
            path.clone(),
            ProblemKind::MetadataNotExact,
            "METADATA filters match exact values only; $or is not supported. Write one array of values per key, or filter on DATA or SYSTEM_METADATA.",
        ));
    }
    for field in pattern.fields() {
        for condition in &field.conditions {
            let operator = match condition {
                Condition::ExactString { .. } => None,
                Condition::ExactNumber { .. }
                | Condition::ExactBool { .. }
                | Condition::ExactNull => {
                    problems.push(
                        Problem::ours(
                            path.clone(),
                            ProblemKind::MetadataNotExact,
                            format!(
                                "\"{}\" lists {condition}: metadata values are strings, so it never matches; quote it.",
                                field.path
                            ),
                        )
                        .warning(),
                    );
                    None
                }
                Condition::Wildcard { .. } => None, // reported as a wildcard already
                other => Some(operator_name(other)),
            };
            if let Some(operator) = operator {
                problems.push(Problem::ours(
                    path.clone(),
                    ProblemKind::MetadataNotExact,
                    format!(
                        "\"{}\" uses {operator}: METADATA filters match exact values only. Move this condition to a DATA or SYSTEM_METADATA filter.",
                        field.path
                    ),
                ));
            }
        }
        if field.path.contains('.') {
            problems.push(
                Problem::ours(
                    path.clone(),
                    ProblemKind::MetadataNotExact,
                    format!(
                        "\"{}\" is nested, but Metadata is one level of string keys and values, so it never matches.",
                        field.path
                    ),
                )
                .warning(),
            );
        }
    }
    problems
}

fn operator_name(condition: &Condition) -> &'static str {
    match condition {
        Condition::Exactly { .. } => "exactly",
        Condition::Prefix { .. } | Condition::PrefixIgnoreCase { .. } => "prefix",
        Condition::Suffix { .. } | Condition::SuffixIgnoreCase { .. } => "suffix",
        Condition::EqualsIgnoreCase { .. } => "equals-ignore-case",
        Condition::Numeric { .. } => "numeric",
        Condition::Cidr { .. } => "cidr",
        Condition::Exists { .. } => "exists",
        Condition::AnythingBut { .. } => "anything-but",
        Condition::Wildcard { .. } => "wildcard",
        Condition::ExactString { .. }
        | Condition::ExactNumber { .. }
        | Condition::ExactBool { .. }
        | Condition::ExactNull => "an exact value",
        // The matcher's condition list is non-exhaustive; a newer operator is named generically.
        _ => "this operator",
    }
}

/// A wildcard found in a pattern, with the operator that matches the same strings, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WildcardUse {
    /// Dot-joined field path.
    pub field: String,
    /// How it was written, e.g. `{"wildcard": "abc*"}` in words: `wildcard "abc*"`.
    pub written: String,
    /// Byte range of the condition in the pattern text.
    pub span: std::ops::Range<usize>,
    /// JSON of an equivalent condition (`{"prefix":"abc"}`), when one exists.
    pub rewrite: Option<String>,
}

/// Every `wildcard` (and `anything-but` wildcard) condition of a pattern, in text order.
pub fn wildcards(pattern: &Pattern) -> Vec<WildcardUse> {
    let mut found = Vec::new();
    for field in pattern.fields() {
        for (condition, span) in field.conditions.iter().zip(&field.condition_spans) {
            let (values, negated): (Vec<&str>, bool) = match condition {
                Condition::Wildcard { value } => (vec![value.as_str()], false),
                Condition::AnythingBut {
                    excluded: Exclusion::Wildcards(values),
                } => (values.iter().map(|w| w.as_str()).collect(), true),
                _ => continue,
            };
            let rewrite = wildcard_rewrite(&values, negated);
            let shown: Vec<String> = values.iter().map(|v| crate::doc::json_string(v)).collect();
            let written = if negated {
                format!("anything-but wildcard {}", shown.join(", "))
            } else {
                format!("wildcard {}", shown.join(", "))
            };
            found.push(WildcardUse {
                field: field.path.clone(),
                written,
                span: span.range(),
                rewrite,
            });
        }
    }
    found.sort_by_key(|w| w.span.start);
    found
}

/// The pattern text with every wildcard replaced by its rewrite, or `None` when some wildcard
/// has none. Everything else is the user's text, untouched.
pub fn rewrite_wildcards(pattern: &Pattern) -> Option<String> {
    let uses = wildcards(pattern);
    if uses.is_empty() {
        return None;
    }
    let text = pattern.text();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for wildcard in &uses {
        out.push_str(&text[at..wildcard.span.start]);
        out.push_str(wildcard.rewrite.as_deref()?);
        at = wildcard.span.end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// `abc*` is `prefix "abc"`, `*abc` is `suffix "abc"`, `*` is any string; for `anything-but`,
/// the same under `anything-but`. Anything with a star in the middle, or several stars, has no
/// single-operator equivalent.
fn wildcard_rewrite(values: &[&str], negated: bool) -> Option<String> {
    enum Shape {
        Prefix(String),
        Suffix(String),
        Any,
    }
    let mut shapes = Vec::new();
    for value in values {
        let (literal, stars) = unescape_wildcard(value)?;
        let shape = match stars.as_slice() {
            [] => return None, // no star: an exact value, written as a wildcard; rare, leave it
            [only] if literal.is_empty() && *only == 0 => Shape::Any,
            [at] if *at == literal.len() => Shape::Prefix(literal),
            [0] => Shape::Suffix(literal),
            _ => return None,
        };
        shapes.push(shape);
    }
    let json = |s: &str| crate::doc::json_string(s);
    if negated {
        // One operator under anything-but: all prefixes or all suffixes.
        if shapes.iter().all(|s| matches!(s, Shape::Prefix(_))) {
            let list: Vec<String> = shapes
                .iter()
                .map(|s| match s {
                    Shape::Prefix(p) => json(p),
                    _ => unreachable!(),
                })
                .collect();
            return Some(if list.len() == 1 {
                format!("{{\"anything-but\":{{\"prefix\":{}}}}}", list[0])
            } else {
                format!("{{\"anything-but\":{{\"prefix\":[{}]}}}}", list.join(","))
            });
        }
        if shapes.iter().all(|s| matches!(s, Shape::Suffix(_))) {
            let list: Vec<String> = shapes
                .iter()
                .map(|s| match s {
                    Shape::Suffix(p) => json(p),
                    _ => unreachable!(),
                })
                .collect();
            return Some(if list.len() == 1 {
                format!("{{\"anything-but\":{{\"suffix\":{}}}}}", list[0])
            } else {
                format!("{{\"anything-but\":{{\"suffix\":[{}]}}}}", list.join(","))
            });
        }
        return None;
    }
    match shapes.as_slice() {
        [Shape::Prefix(p)] => Some(format!("{{\"prefix\":{}}}", json(p))),
        [Shape::Suffix(s)] => Some(format!("{{\"suffix\":{}}}", json(s))),
        // `*` accepts every string; `exists` also accepts numbers, booleans and null.
        [Shape::Any] => Some("{\"exists\":true}".to_owned()),
        _ => None,
    }
}

/// The wildcard's literal text (escapes resolved) and the byte offsets in it where stars stood.
fn unescape_wildcard(value: &str) -> Option<(String, Vec<usize>)> {
    let mut literal = String::new();
    let mut stars = Vec::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' => stars.push(literal.len()),
            '\\' => literal.push(chars.next()?),
            c => literal.push(c),
        }
    }
    Some((literal, stars))
}

/// An event's three scope documents, parsed once and shared by every subscriber's filters.
#[derive(Debug, Clone)]
pub struct ScopeDocuments {
    data: Option<Event>,
    data_absence: &'static str,
    metadata: Option<Event>,
    system_metadata: Option<Event>,
}

impl ScopeDocuments {
    /// The documents `DATA`, `METADATA` and `SYSTEM_METADATA` filters read for this event.
    pub fn new(event: &BusEvent, delivery: DeliveryType) -> ScopeDocuments {
        let (data, data_absence) = match event.data_json() {
            None => (
                None,
                "the event is application/octet-stream, which has no data a filter can read",
            ),
            Some(text) => match Event::parse_any(text) {
                Ok(parsed) => (Some(parsed), ""),
                Err(_) => (
                    None,
                    "the event's data is not a JSON object, so no field can match",
                ),
            },
        };
        let metadata = event
            .metadata_json()
            .and_then(|text| Event::parse_any(&text).ok());
        let system_metadata = Event::parse_any(&event.system_metadata_doc(delivery).to_json()).ok();
        ScopeDocuments {
            data,
            data_absence,
            metadata,
            system_metadata,
        }
    }

    /// The parsed document of a scope, if the event has one.
    pub fn get(&self, scope: Scope) -> Option<&Event> {
        match scope {
            Scope::Data => self.data.as_ref(),
            Scope::Metadata => self.metadata.as_ref(),
            Scope::SystemMetadata => self.system_metadata.as_ref(),
        }
    }

    /// The document's text, as filters read it.
    pub fn text(&self, scope: Scope) -> Option<&str> {
        self.get(scope).map(Event::text)
    }

    fn absence(&self, scope: Scope) -> &'static str {
        match scope {
            Scope::Data => self.data_absence,
            Scope::Metadata => "the event has no publisher Metadata (only PutRawEvents can set it), so a METADATA filter never matches it",
            Scope::SystemMetadata => "the event has no system metadata",
        }
    }
}

/// What happened to one filter.
#[derive(Debug, Clone, PartialEq)]
pub enum ScopeOutcome {
    /// The pattern was matched against the scope's document.
    Evaluated(Explanation),
    /// The event has nothing in this scope for a pattern to read (why, in words).
    NothingToRead(&'static str),
}

/// One filter's verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeExplanation {
    /// Position in `Filters`.
    pub index: usize,
    /// The scope it reads.
    pub scope: Scope,
    /// The pattern as written.
    pub pattern: String,
    /// The verdict and its reasons.
    pub outcome: ScopeOutcome,
}

impl ScopeExplanation {
    /// Whether this filter passed.
    pub fn matched(&self) -> bool {
        matches!(&self.outcome, ScopeOutcome::Evaluated(e) if e.matched)
    }
}

/// Every filter's verdict; the event passes when all passed.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterExplanation {
    /// One entry per filter, in configuration order.
    pub filters: Vec<ScopeExplanation>,
}

impl FilterExplanation {
    /// Whether the event passes (true without filters).
    pub fn matched(&self) -> bool {
        self.filters.iter().all(ScopeExplanation::matched)
    }

    /// The verdict in words: one paragraph per filter, with the matcher's field lines.
    pub fn describe(&self) -> String {
        if self.filters.is_empty() {
            return "No filters: the subscriber receives every event on the bus.\n".to_owned();
        }
        let mut out = String::new();
        let verdict = if self.matched() {
            "DELIVERED: every filter matched."
        } else {
            "NOT DELIVERED: filters are ANDed and at least one did not match."
        };
        let _ = writeln!(out, "{verdict}");
        for filter in &self.filters {
            let _ = write!(
                out,
                "{} filter (#{}): ",
                filter.scope.as_str(),
                filter.index + 1
            );
            match &filter.outcome {
                ScopeOutcome::NothingToRead(why) => {
                    let _ = writeln!(out, "NO MATCH, because {why}.");
                }
                ScopeOutcome::Evaluated(explanation) => {
                    for (i, line) in explanation.to_string().lines().enumerate() {
                        if i == 0 {
                            let _ = writeln!(out, "{line}");
                        } else {
                            let _ = writeln!(out, "  {line}");
                        }
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
