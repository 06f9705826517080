//! Grading by outcome: a pattern solves an exercise when it is valid, meets the constraints and
//! matches exactly the events marked "should match" (hidden ones included). Any such pattern
//! passes. See DESIGN.md for how feedback is chosen.

use crate::constraint::{Constraint, Operator};
use crate::exercise::{Exercise, Expectation};
use event_pattern::{explain, Explanation, Pattern, PatternError};
use serde::Serialize;
use std::collections::BTreeSet;

/// Where a pattern stands, in the order the checks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The editor is empty (or only whitespace).
    Empty,
    /// AWS would reject the pattern; see [`Grade::error`].
    Invalid,
    /// Valid, but a constraint is broken; see [`Grade::constraints`].
    ConstraintUnmet,
    /// Valid and within the constraints, but some event is graded wrong.
    Wrong,
    Solved,
}

/// One constraint, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConstraintResult {
    pub constraint: Constraint,
    pub met: bool,
    /// The constraint's description when met; what is wrong when not.
    pub message: String,
}

/// One event, graded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventVerdict {
    /// Index into [`Exercise::events`].
    pub index: usize,
    pub expected: Expectation,
    /// Did the pattern match it? `None` when the pattern is empty or invalid.
    pub matched: Option<bool>,
    /// A hidden event: the UI shows its verdict as a count, not its content, until solved.
    pub hidden: bool,
    /// For an event graded wrong: the field-by-field account of why it matched or did not.
    /// Present for hidden events too (it shows their content: reveal it only with the event).
    pub explanation: Option<Explanation>,
}

impl EventVerdict {
    /// Graded right: matched exactly when it should.
    pub fn is_correct(&self) -> bool {
        self.matched == Some(self.expected.should_match())
    }
}

/// Which check the feedback message comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FeedbackSource {
    Solved,
    Empty,
    /// A listed typical wrong answer (index into [`Exercise::wrong_answers`]) graded the same.
    WrongAnswer {
        index: usize,
    },
    /// AWS's error message.
    PatternError,
    /// The first broken constraint (index into [`Exercise::constraints`]).
    Constraint {
        index: usize,
    },
    /// A summary of the events graded wrong.
    Events,
}

/// The one message to show the learner about this attempt (markdown-light).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Feedback {
    pub source: FeedbackSource,
    pub message: String,
}

/// The result of [`grade`].
#[derive(Debug, Clone, Serialize)]
pub struct Grade {
    pub status: Status,
    /// AWS's error (message, line, column, span) when the pattern is invalid.
    pub error: Option<PatternError>,
    /// Every constraint of the exercise, checked (empty unless the pattern is valid).
    pub constraints: Vec<ConstraintResult>,
    /// One verdict per event of the exercise, in order.
    pub events: Vec<EventVerdict>,
    pub feedback: Feedback,
}

impl Grade {
    pub fn is_solved(&self) -> bool {
        self.status == Status::Solved
    }

    /// Events graded wrong.
    pub fn wrong_events(&self) -> impl Iterator<Item = &EventVerdict> {
        self.events
            .iter()
            .filter(|v| v.matched.is_some() && !v.is_correct())
    }
}

/// How a pattern grades on an exercise, reduced to what tells two attempts apart: the AWS error
/// reason; or the match result of every event, which constraints are broken and which operators
/// the pattern uses (so that feedback written for "a prefix where `cidr` belongs" is not given
/// to a list of exact addresses that happens to grade the same).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Signature {
    Empty,
    Invalid(String),
    Valid {
        matched: Vec<bool>,
        broken: Vec<usize>,
        operators: BTreeSet<Operator>,
    },
}

/// What the checks found, before feedback is chosen.
struct Evaluation {
    pattern: Option<Pattern>,
    error: Option<PatternError>,
    constraints: Vec<ConstraintResult>,
    matched: Vec<Option<bool>>,
}

fn evaluate(exercise: &Exercise, text: &str) -> Evaluation {
    let none = vec![None; exercise.events().len()];
    if text.trim().is_empty() {
        return Evaluation {
            pattern: None,
            error: None,
            constraints: Vec::new(),
            matched: none,
        };
    }
    let pattern = match Pattern::parse(text) {
        Ok(pattern) => pattern,
        Err(error) => {
            return Evaluation {
                pattern: None,
                error: Some(error),
                constraints: Vec::new(),
                matched: none,
            }
        }
    };
    let constraints = exercise
        .constraints()
        .iter()
        .map(|constraint| match constraint.check(&pattern) {
            Ok(()) => ConstraintResult {
                constraint: *constraint,
                met: true,
                message: constraint.description(),
            },
            Err(message) => ConstraintResult {
                constraint: *constraint,
                met: false,
                message,
            },
        })
        .collect();
    let matched = exercise
        .events()
        .iter()
        .map(|e| Some(pattern.matches(e.event())))
        .collect();
    Evaluation {
        pattern: Some(pattern),
        error: None,
        constraints,
        matched,
    }
}

impl Evaluation {
    fn signature(&self) -> Signature {
        if let Some(error) = &self.error {
            return Signature::Invalid(error.reason().to_owned());
        }
        let Some(pattern) = &self.pattern else {
            return Signature::Empty;
        };
        Signature::Valid {
            operators: Operator::used_by(pattern),
            matched: self.matched.iter().map(|m| m.unwrap_or(false)).collect(),
            broken: self
                .constraints
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.met)
                .map(|(i, _)| i)
                .collect(),
        }
    }
}

/// Grades a pattern text against an exercise. Cheap enough for every keystroke: one parse, one
/// match per event, and explanations only for the events graded wrong.
pub fn grade(exercise: &Exercise, pattern_text: &str) -> Grade {
    let evaluation = evaluate(exercise, pattern_text);
    let events: Vec<EventVerdict> = exercise
        .events()
        .iter()
        .zip(&evaluation.matched)
        .enumerate()
        .map(|(index, (event, &matched))| {
            let wrong = matched.is_some_and(|m| m != event.expectation().should_match());
            EventVerdict {
                index,
                expected: event.expectation(),
                matched,
                hidden: event.is_hidden(),
                explanation: match (&evaluation.pattern, wrong) {
                    (Some(pattern), true) => Some(explain(pattern, event.event())),
                    _ => None,
                },
            }
        })
        .collect();

    let status = if pattern_text.trim().is_empty() {
        Status::Empty
    } else if evaluation.error.is_some() {
        Status::Invalid
    } else if evaluation.constraints.iter().any(|c| !c.met) {
        Status::ConstraintUnmet
    } else if events.iter().any(|v| !v.is_correct()) {
        Status::Wrong
    } else {
        Status::Solved
    };

    let feedback = choose_feedback(exercise, status, &evaluation, &events);
    Grade {
        status,
        error: evaluation.error,
        constraints: evaluation.constraints,
        events,
        feedback,
    }
}

/// The first that applies: solved; empty; a listed wrong answer that grades the same; AWS's
/// error; the first broken constraint; a summary of the events graded wrong.
fn choose_feedback(
    exercise: &Exercise,
    status: Status,
    evaluation: &Evaluation,
    events: &[EventVerdict],
) -> Feedback {
    let feedback = |source, message: String| Feedback { source, message };
    match status {
        Status::Solved => {
            return feedback(
                FeedbackSource::Solved,
                "Solved: every event is graded right.".to_owned(),
            )
        }
        Status::Empty => {
            return feedback(
                FeedbackSource::Empty,
                "Write a pattern: a JSON object such as `{\"source\": [\"…\"]}`.".to_owned(),
            )
        }
        _ => {}
    }
    let signature = evaluation.signature();
    let known = exercise.wrong_signatures.get_or_init(|| {
        exercise
            .wrong_answers()
            .iter()
            .map(|wrong| evaluate(exercise, &wrong.pattern).signature())
            .collect()
    });
    if let Some(index) = known.iter().position(|s| *s == signature) {
        return feedback(
            FeedbackSource::WrongAnswer { index },
            exercise.wrong_answers()[index].feedback.clone(),
        );
    }
    if let Some(error) = &evaluation.error {
        return feedback(
            FeedbackSource::PatternError,
            format!(
                "AWS rejects this pattern (line {}, column {}): {}",
                error.line(),
                error.column(),
                error.message()
            ),
        );
    }
    if let Some(index) = evaluation.constraints.iter().position(|c| !c.met) {
        return feedback(
            FeedbackSource::Constraint { index },
            evaluation.constraints[index].message.clone(),
        );
    }
    feedback(FeedbackSource::Events, events_summary(events))
}

fn events_summary(events: &[EventVerdict]) -> String {
    let wrong: Vec<&EventVerdict> = events.iter().filter(|v| !v.is_correct()).collect();
    let missed = wrong.iter().filter(|v| v.expected.should_match()).count();
    let extra = wrong.len() - missed;
    let hidden = wrong.iter().filter(|v| v.hidden).count();
    let count = |n: usize| {
        if n == 1 {
            "1 event".to_owned()
        } else {
            format!("{n} events")
        }
    };
    let mut parts = Vec::new();
    if missed > 0 {
        parts.push(format!(
            "{} that should match {}",
            count(missed),
            if missed == 1 { "does not" } else { "do not" }
        ));
    }
    if extra > 0 {
        parts.push(format!(
            "{} that should not match {}",
            count(extra),
            if extra == 1 { "does" } else { "do" }
        ));
    }
    let mut message = format!("Not yet: {}.", parts.join(", and "));
    match hidden {
        0 => {}
        n if n == wrong.len() => message.push_str(
            " Only hidden events are wrong: the pattern fits the visible events but not the task as written.",
        ),
        1 => message.push_str(" One of them is hidden."),
        n => message.push_str(&format!(" {n} of them are hidden.")),
    }
    message
}
