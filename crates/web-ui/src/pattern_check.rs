//! The live test of the event-pattern step: parse both editors, match, and turn the matcher's
//! explanation into sentences and marked ranges.

use std::ops::Range;

use event_pattern::json;
use event_pattern::{
    explain, ArrayElement, BranchExplanation, Event, Explanation, FieldExplanation, FieldOutcome,
    Pattern, ValueExplanation,
};

use crate::bidi::with_visible_controls;
use crate::json_highlight::{Highlight, HighlightKind};

/// What is wrong with one editor's text, to show under it and underline in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditorProblem {
    /// AWS's message.
    pub message: String,
    /// Our more precise words, when AWS's message is vague (events).
    pub detail: Option<String>,
    /// 1-based line and column of the offending place.
    pub position: Option<(usize, usize)>,
    /// Byte range of the offending place in the editor's text.
    pub range: Option<Range<usize>>,
}

impl EditorProblem {
    /// `Line 2, column 5: <message>`, or the message alone when there is no position.
    pub fn located_message(&self) -> String {
        match self.position {
            Some((line, column)) => format!("Line {line}, column {column}: {}", self.message),
            None => self.message.clone(),
        }
    }
}

/// What the result panel says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// An editor is empty.
    NeedsInput(String),
    /// An editor holds text the matcher refuses.
    CannotTest(String),
    Tested(Trace),
}

/// A readable account of a match or a miss.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    pub matched: bool,
    pub headline: String,
    /// Set when the event is larger than EventBridge accepts (see [`event_size_notice`]).
    pub size_notice: Option<String>,
    pub branches: Vec<BranchTrace>,
}

/// One `$or` branch (the whole pattern when there is no `$or`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BranchTrace {
    /// Shown only for patterns with more than one branch.
    pub heading: Option<String>,
    pub matched: bool,
    pub lines: Vec<TraceLine>,
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineStatus {
    Passed,
    Failed,
}

/// One field of the pattern and what happened to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceLine {
    pub path: String,
    pub status: LineStatus,
    pub text: String,
}

/// Everything the event-pattern step shows for the two editors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysis {
    pub pattern_problem: Option<EditorProblem>,
    pub event_problem: Option<EditorProblem>,
    pub verdict: Verdict,
    pub pattern_highlights: Vec<Highlight>,
    pub event_highlights: Vec<Highlight>,
}

/// At most this many rejected values of one field are marked in the event.
const MARKED_VALUES_PER_FIELD: usize = 20;
/// At most this many values are quoted in one sentence.
const QUOTED_VALUES: usize = 3;

pub fn parse_pattern(text: &str) -> Result<Pattern, EditorProblem> {
    Pattern::parse(text).map_err(|error| EditorProblem {
        message: with_visible_controls(error.message()).into_owned(),
        detail: None,
        position: Some((error.line(), error.column())),
        range: Some(error.span()),
    })
}

pub fn parse_event(text: &str) -> Result<Event, EditorProblem> {
    Event::parse(text).map_err(|error| EditorProblem {
        message: with_visible_controls(error.message()).into_owned(),
        detail: Some(with_visible_controls(&error.detail()).into_owned()),
        position: error.line().zip(error.column()),
        range: error.span(),
    })
}

/// Parses, matches and explains. Empty editors are not errors: they get a prompt.
pub fn analyse(pattern_text: &str, event_text: &str) -> Analysis {
    let pattern = (!pattern_text.trim().is_empty()).then(|| parse_pattern(pattern_text));
    let event = (!event_text.trim().is_empty()).then(|| parse_event(event_text));
    let pattern_problem = pattern.as_ref().and_then(|p| p.as_ref().err().cloned());
    let event_problem = event.as_ref().and_then(|e| e.as_ref().err().cloned());
    let mut pattern_highlights = problem_highlight(&pattern_problem);
    let mut event_highlights = problem_highlight(&event_problem);
    let verdict = match (&pattern, &event) {
        (None, _) => Verdict::NeedsInput(
            "Enter an event pattern, or build one by choosing values of the event.".to_owned(),
        ),
        (_, None) => Verdict::NeedsInput(
            "Choose a sample event or enter your own to test the pattern against.".to_owned(),
        ),
        (Some(Err(_)), _) => {
            Verdict::CannotTest("Correct the event pattern to see whether it matches.".to_owned())
        }
        (_, Some(Err(_))) => Verdict::CannotTest(
            "Correct the event to see whether the pattern matches it.".to_owned(),
        ),
        (Some(Ok(pattern)), Some(Ok(event))) => {
            let explanation = explain(pattern, event);
            let (on_pattern, on_event) = explanation_highlights(&explanation);
            pattern_highlights.extend(on_pattern);
            event_highlights.extend(on_event);
            let mut trace = trace_with_event(&explanation, event_text);
            trace.size_notice = event_size_notice(event_text.len());
            Verdict::Tested(trace)
        }
    };
    Analysis {
        pattern_problem,
        event_problem,
        verdict,
        pattern_highlights,
        event_highlights,
    }
}

/// A warning for an event text larger than a `PutEvents` entry may be (issue 16): the playground
/// still tests it, but EventBridge would refuse to accept such an event. The entry's size counts
/// its fields rather than this JSON text, so the figure is an estimate.
pub fn event_size_notice(event_bytes: usize) -> Option<String> {
    use aws_model::limits::MAX_EVENT_ENTRY_BYTES;
    (event_bytes > MAX_EVENT_ENTRY_BYTES).then(|| {
        format!(
            "This event is about {} KB; a PutEvents entry can be at most {} KB, so EventBridge \
             would refuse to accept it.",
            event_bytes.div_ceil(1024),
            MAX_EVENT_ENTRY_BYTES / 1024
        )
    })
}

fn problem_highlight(problem: &Option<EditorProblem>) -> Vec<Highlight> {
    problem
        .as_ref()
        .and_then(|p| p.range.clone())
        .map(|range| Highlight::new(range, HighlightKind::Error))
        .into_iter()
        .collect()
}

/// The branches a reader needs: the one that matched, or all of them when none did.
fn shown_branches(explanation: &Explanation) -> Vec<(usize, &BranchExplanation)> {
    match explanation.matched_branch {
        Some(index) => vec![(index, &explanation.branches[index])],
        None => explanation.branches.iter().enumerate().collect(),
    }
}

/// Marks for the pattern and the event: what matched in green, what failed in red.
pub fn explanation_highlights(explanation: &Explanation) -> (Vec<Highlight>, Vec<Highlight>) {
    let mut on_pattern = Vec::new();
    let mut on_event = Vec::new();
    for (_, branch) in shown_branches(explanation) {
        for field in &branch.fields {
            match field.outcome {
                FieldOutcome::Matched { value, condition }
                | FieldOutcome::Satisfiable { value, condition } => {
                    on_pattern.push(Highlight::new(
                        field.conditions[condition].span.range(),
                        HighlightKind::Matched,
                    ));
                    on_event.push(Highlight::new(
                        field.values[value].span.range(),
                        HighlightKind::Matched,
                    ));
                }
                FieldOutcome::Absent { condition } => on_pattern.push(Highlight::new(
                    field.conditions[condition].span.range(),
                    HighlightKind::Matched,
                )),
                // Outcomes added later are marked like a failure: the field did not match.
                _ => {
                    on_pattern.push(Highlight::new(
                        field.key_span.range(),
                        HighlightKind::Failing,
                    ));
                    on_pattern.push(Highlight::new(
                        field.pattern_span.range(),
                        HighlightKind::Failing,
                    ));
                    on_event.extend(
                        field
                            .values
                            .iter()
                            .take(MARKED_VALUES_PER_FIELD)
                            .map(|v| Highlight::new(v.span.range(), HighlightKind::Failing)),
                    );
                }
            }
        }
    }
    (on_pattern, on_event)
}

/// What an event holds at a path where a pattern found no value: nothing, or only objects or
/// empty arrays, which a pattern's value list never matches (issue 16: the explanation said
/// "`detail.customer` is not in the event" when it was an object).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AtPath {
    Nothing,
    Objects,
    EmptyArrays,
}

/// Follows `path` (dot-separated keys) through `value`, stepping into array elements as
/// EventBridge flattens arrays, and says what is found when no value is.
fn what_is_at(value: &json::Value, path: &str) -> AtPath {
    let mut found = vec![value];
    for key in path.split('.') {
        let mut next = Vec::new();
        let mut stack: Vec<&json::Value> = found;
        while let Some(v) = stack.pop() {
            match &v.kind {
                json::ValueKind::Array(items) => stack.extend(items.iter()),
                json::ValueKind::Object(_) => next.extend(v.get(key)),
                _ => {}
            }
        }
        found = next;
    }
    // Objects at the path itself, or arrays holding only objects and empty arrays.
    let mut saw_object = false;
    let mut saw_empty_array = false;
    let mut stack = found;
    while let Some(v) = stack.pop() {
        match &v.kind {
            json::ValueKind::Object(_) => saw_object = true,
            json::ValueKind::Array(items) if items.is_empty() => saw_empty_array = true,
            json::ValueKind::Array(items) => stack.extend(items.iter()),
            // A value is there after all (the matcher judged it): nothing to add.
            _ => return AtPath::Nothing,
        }
    }
    match (saw_object, saw_empty_array) {
        (true, _) => AtPath::Objects,
        (false, true) => AtPath::EmptyArrays,
        _ => AtPath::Nothing,
    }
}

/// [`trace`], with the event's text to say what stands where a field has no value. The event is
/// read as a tree only when some field has none.
fn trace_with_event(explanation: &Explanation, event_text: &str) -> Trace {
    let any_missing = explanation.branches.iter().any(|branch| {
        branch
            .fields
            .iter()
            .any(|field| matches!(field.outcome, FieldOutcome::Missing))
    });
    let event = if any_missing {
        json::parse(event_text).ok()
    } else {
        None
    };
    trace_in(explanation, &|path| {
        event
            .as_ref()
            .map_or(AtPath::Nothing, |event| what_is_at(event, path))
    })
}

/// How a field's line starts when the pattern found no value for it, by what is at its path.
fn missing_text(at_path: AtPath) -> &'static str {
    match at_path {
        AtPath::Nothing => "is not in the event",
        AtPath::Objects => "is an object in the event, and a pattern's list matches only values (strings, numbers, booleans, null) at the end of a path: name a field inside it",
        AtPath::EmptyArrays => "is an empty array in the event, which holds no value to match",
    }
}

/// The explanation in sentences.
pub fn trace(explanation: &Explanation) -> Trace {
    trace_in(explanation, &|_| AtPath::Nothing)
}

/// [`trace`], asking `at_path` what the event holds where a field has no value.
fn trace_in(explanation: &Explanation, at_path: &dyn Fn(&str) -> AtPath) -> Trace {
    let total = explanation.branches.len();
    let headline = match (explanation.matched_branch, total) {
        (Some(_), 1) => "Matches: every field of the pattern is satisfied by the event.".to_owned(),
        (Some(index), _) => format!(
            "Matches: branch {} of the {total} $or branches is satisfied.",
            index + 1
        ),
        (None, 1) => {
            let failed = explanation.branches[0]
                .fields
                .iter()
                .filter(|f| failed(f))
                .count();
            match failed {
                0 => "Does not match: the fields cannot all match within one array element."
                    .to_owned(),
                1 => "Does not match: 1 field of the pattern is not satisfied.".to_owned(),
                n => format!("Does not match: {n} fields of the pattern are not satisfied."),
            }
        }
        (None, _) => format!("Does not match: none of the {total} $or branches is satisfied."),
    };
    let branches = shown_branches(explanation)
        .into_iter()
        .map(|(index, branch)| BranchTrace {
            heading: (total > 1).then(|| {
                format!(
                    "Branch {} of {total}: {}",
                    index + 1,
                    if branch.matched {
                        "matched"
                    } else {
                        "not matched"
                    }
                )
            }),
            matched: branch.matched,
            lines: branch
                .fields
                .iter()
                .map(|field| trace_line(field, at_path))
                .collect(),
            note: branch.array_conflict.then(|| {
                "Each field can match on its own, but not all within the same element of an array, which EventBridge requires."
                    .to_owned()
            }),
        })
        .collect();
    Trace {
        matched: explanation.matched,
        headline,
        size_notice: None,
        branches,
    }
}

fn failed(field: &FieldExplanation) -> bool {
    matches!(
        field.outcome,
        FieldOutcome::Missing | FieldOutcome::Rejected
    )
}

fn trace_line(field: &FieldExplanation, at_path: &dyn Fn(&str) -> AtPath) -> TraceLine {
    let conditions = || {
        field
            .conditions
            .iter()
            .map(|c| c.description.as_str())
            .collect::<Vec<_>>()
            .join(" or ")
    };
    let (status, text) = match field.outcome {
        FieldOutcome::Matched { value, condition }
        | FieldOutcome::Satisfiable { value, condition } => {
            let v = &field.values[value];
            (
                LineStatus::Passed,
                format!(
                    "{}{} matches {}",
                    v.text,
                    element_note(v),
                    field.conditions[condition].description
                ),
            )
        }
        FieldOutcome::Absent { .. } => (
            LineStatus::Passed,
            "is absent from the event, as exists false requires".to_owned(),
        ),
        FieldOutcome::Missing => (
            LineStatus::Failed,
            format!(
                "{}; the pattern needs {}",
                missing_text(at_path(&field.path)),
                conditions()
            ),
        ),
        FieldOutcome::Rejected => (
            LineStatus::Failed,
            format!(
                "is {}, which does not match {}",
                quoted_values(&field.values, field.value_count),
                conditions()
            ),
        ),
        // An outcome added to the matcher later: say what the pattern needs.
        _ => (
            LineStatus::Failed,
            format!("is not satisfied; the pattern needs {}", conditions()),
        ),
    };
    // The matcher's notes on EventBridge's behaviour (key order, emoji in case-insensitive text).
    let text = std::iter::once(text)
        .chain(field.notes.iter().map(|note| note.message.clone()))
        .collect::<Vec<_>>()
        .join(" ");
    // Paths, values and pattern conditions are user text: a control character in them is shown,
    // never obeyed, so it cannot reorder the sentence (issue 16).
    TraceLine {
        path: with_visible_controls(&field.path).into_owned(),
        status,
        text: with_visible_controls(&text).into_owned(),
    }
}

fn element_note(value: &ValueExplanation) -> String {
    match value.elements.last() {
        Some(ArrayElement {
            array_path, index, ..
        }) if array_path.is_empty() => format!(" (element [{index}])"),
        Some(ArrayElement {
            array_path, index, ..
        }) => format!(" (in {array_path}[{index}])"),
        None => String::new(),
    }
}

/// `count` is how many values the event has (the explanation lists only the first ones).
fn quoted_values(values: &[ValueExplanation], count: usize) -> String {
    let shown: Vec<&str> = values
        .iter()
        .take(QUOTED_VALUES)
        .map(|v| v.text.as_str())
        .collect();
    match count {
        1 => shown[0].to_owned(),
        n if n > QUOTED_VALUES => {
            format!("{} and {} more values", shown.join(", "), n - QUOTED_VALUES)
        }
        _ => shown.join(" and "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: &str = r#"{
  "id": "1", "account": "123456789012", "source": "shop", "time": "2024-01-01T00:00:00Z",
  "region": "us-east-1", "detail-type": "order",
  "detail": {"currency": "USD", "total": 184.5, "items": [{"sku": "TENT"}, {"sku": "STAKE"}]}
}"#;

    /// An event with the envelope EventBridge requires and `detail` as given.
    fn event_with_detail(detail: &str) -> String {
        EVENT.replace(
            r#"{"currency": "USD", "total": 184.5, "items": [{"sku": "TENT"}, {"sku": "STAKE"}]}"#,
            detail,
        )
    }

    #[test]
    fn events_above_the_put_events_limit_get_a_notice() {
        let limit = aws_model::limits::MAX_EVENT_ENTRY_BYTES;
        assert_eq!(event_size_notice(limit), None);
        let notice = event_size_notice(limit + 1).unwrap();
        assert!(
            notice.contains("about 257 KB") && notice.contains("at most 256 KB"),
            "{notice}"
        );
        let big = event_with_detail(&format!("{{\"s\":\"{}\"}}", "x".repeat(limit)));
        let Verdict::Tested(trace) = analyse(r#"{"detail":{"s":[{"exists":true}]}}"#, &big).verdict
        else {
            panic!("tested");
        };
        assert!(trace.size_notice.is_some());
    }

    // Issue 16: an unterminated U+202E in an event value reversed the result sentence.
    #[test]
    fn a_right_to_left_override_in_a_value_is_shown_not_obeyed() {
        let event = event_with_detail("{\"name\":\"abc\u{202E}def\"}");
        let Verdict::Tested(trace) = analyse(r#"{"detail":{"name":["x"]}}"#, &event).verdict else {
            panic!("tested");
        };
        let text = &trace.branches[0].lines[0].text;
        assert!(text.contains("abc[U+202E]def"), "{text}");
        assert!(!text.contains('\u{202E}'), "{text}");
    }

    fn tested(pattern: &str) -> Trace {
        match analyse(pattern, EVENT).verdict {
            Verdict::Tested(trace) => trace,
            other => panic!("{pattern}: {other:?}"),
        }
    }

    fn marked<'t>(text: &'t str, highlights: &[Highlight], kind: HighlightKind) -> Vec<&'t str> {
        highlights
            .iter()
            .filter(|h| h.kind == kind)
            .map(|h| &text[h.range.clone()])
            .collect()
    }

    #[test]
    fn a_match_explains_each_field_and_marks_both_editors() {
        let pattern =
            r#"{"detail": {"currency": ["EUR", "USD"], "items": {"sku": [{"prefix": "ST"}]}}}"#;
        let analysis = analyse(pattern, EVENT);
        let Verdict::Tested(trace) = &analysis.verdict else {
            panic!("{analysis:?}")
        };
        assert!(trace.matched);
        assert!(trace.headline.starts_with("Matches"));
        let lines = &trace.branches[0].lines;
        assert_eq!(lines[0].path, "detail.currency");
        assert_eq!(lines[0].status, LineStatus::Passed);
        assert_eq!(lines[0].text, r#""USD" matches exact "USD""#);
        assert_eq!(
            lines[1].text,
            r#""STAKE" (in detail.items[1]) matches prefix "ST""#
        );
        assert_eq!(
            marked(
                pattern,
                &analysis.pattern_highlights,
                HighlightKind::Matched
            ),
            vec![r#""USD""#, r#"{"prefix": "ST"}"#]
        );
        assert_eq!(
            marked(EVENT, &analysis.event_highlights, HighlightKind::Matched),
            vec![r#""USD""#, r#""STAKE""#]
        );
    }

    #[test]
    fn a_miss_says_which_field_failed_and_why() {
        let pattern = r#"{"detail": {"currency": ["EUR"], "total": [{"numeric": [">", 100]}], "coupon": [{"exists": true}]}}"#;
        let analysis = analyse(pattern, EVENT);
        let Verdict::Tested(trace) = &analysis.verdict else {
            panic!()
        };
        assert!(!trace.matched);
        assert_eq!(
            trace.headline,
            "Does not match: 2 fields of the pattern are not satisfied."
        );
        let texts: Vec<(&str, LineStatus, &str)> = trace.branches[0]
            .lines
            .iter()
            .map(|l| (l.path.as_str(), l.status, l.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            vec![
                (
                    "detail.currency",
                    LineStatus::Failed,
                    r#"is "USD", which does not match exact "EUR""#
                ),
                (
                    "detail.total",
                    LineStatus::Passed,
                    "184.5 matches numeric > 100"
                ),
                (
                    "detail.coupon",
                    LineStatus::Failed,
                    "is not in the event; the pattern needs exists true"
                ),
            ]
        );
        let failing = marked(
            pattern,
            &analysis.pattern_highlights,
            HighlightKind::Failing,
        );
        assert!(failing.contains(&r#""currency""#));
        assert!(failing.contains(&r#"["EUR"]"#));
        assert!(failing.contains(&r#""coupon""#));
        assert_eq!(
            marked(EVENT, &analysis.event_highlights, HighlightKind::Failing),
            vec![r#""USD""#]
        );
    }

    #[test]
    fn or_branches_are_named_and_only_the_winner_is_shown_on_a_match() {
        let pattern = r#"{"$or": [{"source": ["other"]}, {"detail": {"total": [{"numeric": [">=", 100]}]}}]}"#;
        let trace = tested(pattern);
        assert!(trace.matched);
        assert_eq!(
            trace.headline,
            "Matches: branch 2 of the 2 $or branches is satisfied."
        );
        assert_eq!(trace.branches.len(), 1);
        assert_eq!(
            trace.branches[0].heading.as_deref(),
            Some("Branch 2 of 2: matched")
        );

        let missing_both = r#"{"$or": [{"source": ["other"]}, {"region": ["eu-west-1"]}]}"#;
        let trace = tested(missing_both);
        assert_eq!(
            trace.headline,
            "Does not match: none of the 2 $or branches is satisfied."
        );
        assert_eq!(trace.branches.len(), 2);
        assert!(trace.branches.iter().all(|b| !b.matched));
    }

    #[test]
    fn array_conflicts_are_explained() {
        // TENT and qty 2 are both in the event, but in different elements of `items`.
        let event = EVENT.replace(
            r#"[{"sku": "TENT"}, {"sku": "STAKE"}]"#,
            r#"[{"sku": "TENT", "qty": 1}, {"sku": "STAKE", "qty": 2}]"#,
        );
        let pattern = r#"{"detail": {"items": {"sku": ["TENT"], "qty": [2]}}}"#;
        let analysis = analyse(pattern, &event);
        let Verdict::Tested(trace) = analysis.verdict else {
            panic!()
        };
        assert!(!trace.matched);
        assert!(trace.headline.contains("within one array element"));
        assert!(trace.branches[0]
            .note
            .as_deref()
            .unwrap()
            .contains("same element"));
    }

    #[test]
    fn empty_and_invalid_editors_get_prompts_and_located_errors() {
        assert!(matches!(analyse("", EVENT).verdict, Verdict::NeedsInput(_)));
        assert!(matches!(
            analyse("{\"a\":[1]}", "  ").verdict,
            Verdict::NeedsInput(_)
        ));

        let bad_pattern = "{\n  \"source\": []\n}";
        let analysis = analyse(bad_pattern, EVENT);
        assert!(matches!(analysis.verdict, Verdict::CannotTest(_)));
        let problem = analysis.pattern_problem.unwrap();
        assert_eq!(
            problem.message,
            "Event pattern is not valid. Reason: Empty arrays are not allowed"
        );
        assert_eq!(problem.position.map(|p| p.0), Some(2));
        assert!(problem.located_message().starts_with("Line 2, column"));
        assert_eq!(analysis.pattern_highlights.len(), 1);
        assert_eq!(analysis.pattern_highlights[0].kind, HighlightKind::Error);

        let analysis = analyse(r#"{"source": ["shop"]}"#, r#"{"id": "1"}"#);
        let problem = analysis.event_problem.unwrap();
        assert_eq!(problem.message, "Parameter Event is not valid.");
        assert!(problem.detail.unwrap().contains("missing required field"));
        assert!(matches!(analysis.verdict, Verdict::CannotTest(_)));
    }

    #[test]
    fn hostile_and_huge_input_gives_errors_not_panics() {
        let deep = format!("{}{}", "{\"a\":".repeat(5000), "}".repeat(5000));
        let analysis = analyse(&deep, &deep);
        assert!(analysis.pattern_problem.is_some());
        assert!(analysis.event_problem.is_some());
        let analysis = analyse("\u{0}<script>", "<img src=x onerror=alert(1)>");
        assert!(analysis.pattern_problem.is_some());
        assert!(analysis.event_problem.is_some());
    }

    /// Issue 16, item 14: an object where the pattern wants a value was called "not in the
    /// event".
    #[test]
    fn a_field_that_is_an_object_or_an_empty_array_is_not_called_missing() {
        let event = event_with_detail(
            r#"{"customer":{"id":"c-1"},"tags":[],"items":[{"sku":"a"},{"sku":"b"}]}"#,
        );
        let lines = |pattern: &str| -> Vec<String> {
            match analyse(pattern, &event).verdict {
                Verdict::Tested(trace) => trace.branches[0]
                    .lines
                    .iter()
                    .map(|l| format!("{}: {}", l.path, l.text))
                    .collect(),
                other => panic!("{other:?}"),
            }
        };
        let object = lines(r#"{"detail":{"customer":["c-1"]}}"#);
        assert!(
            object[0].starts_with("detail.customer: is an object in the event")
                && object[0].ends_with("; the pattern needs exact \"c-1\""),
            "{object:?}"
        );
        let empty = lines(r#"{"detail":{"tags":["x"]}}"#);
        assert!(
            empty[0].starts_with("detail.tags: is an empty array in the event"),
            "{empty:?}"
        );
        let in_array = lines(r#"{"detail":{"items":["a"]}}"#);
        assert!(
            in_array[0].starts_with("detail.items: is an object"),
            "{in_array:?}"
        );
        let missing = lines(r#"{"detail":{"coupon":["x"]}}"#);
        assert_eq!(
            missing[0],
            r#"detail.coupon: is not in the event; the pattern needs exact "x""#
        );
    }
}
