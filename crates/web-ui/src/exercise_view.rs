//! What an exercise shows about a graded attempt: the table of events with ✓/✗, the field-by-field
//! account of every event graded wrong, the sentence announced to screen readers, and the marks in
//! the editor. Shared by the course (`learn/`) and the docs embed (`#/embed?exercise=…`).
//!
//! Hidden events are counted, never shown, until the caller says they may be revealed (solved or
//! given up): their text and their explanation would give the answer away.

use std::ops::Range;

use lessons::{Exercise, Grade, Status};

use crate::link_codec::{self, LinkError};

use crate::json_highlight::{Highlight, HighlightKind};
use crate::link_codec::Payload;
use crate::pattern_check::{explanation_highlights, trace, EditorProblem, Trace};

/// What an exercise link carries (`#/learn/exercise?x=…`, `#/embed?exercise=…`).
pub const EXERCISE_LINK: Payload = Payload {
    name: "exercise",
    max_encoded: 256 * 1024,
    max_decoded: lessons::MAX_DOCUMENT_BYTES,
};

/// Decodes and checks an exercise link's value.
pub async fn open_exercise_link(encoded: &str) -> Result<Exercise, LinkError> {
    let document = link_codec::decode(encoded, EXERCISE_LINK).await?;
    exercise_of_document(&document)
}

/// The exercise in a decoded link, or why it cannot be used (for the learner).
pub fn exercise_of_document(document: &str) -> Result<Exercise, LinkError> {
    Exercise::from_document(document).map_err(|error| {
        if error.is_newer_version() {
            LinkError::new(format!(
                "This exercise was made by a newer version of the playground; reload the page to update, then open the link again. ({error})"
            ))
        } else {
            LinkError::new(format!("This link's exercise cannot be used: {error}."))
        }
    })
}

/// One event's line in the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRow {
    /// Index into [`Exercise::events`].
    pub index: usize,
    pub label: String,
    /// "Should match" / "Should not match".
    pub expected: &'static str,
    pub mark: Mark,
    /// What the pattern did, in words ("matched", "did not match", "not tested").
    pub outcome: &'static str,
    /// Was hidden until now (shown once the exercise is solved or given up).
    pub was_hidden: bool,
    /// The event's JSON text as written.
    pub text: String,
    /// Why it matched or not, field by field; only for events graded wrong.
    pub why: Option<Trace>,
}

/// How one event is graded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Graded right: matched exactly when it should.
    Right,
    Wrong,
    /// Not tested: the pattern is empty or invalid.
    Untested,
}

impl Mark {
    /// The symbol in the table.
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::Right => "✓",
            Mark::Wrong => "✗",
            Mark::Untested => "–",
        }
    }

    /// The symbol's meaning, for screen readers.
    pub fn words(self) -> &'static str {
        match self {
            Mark::Right => "right",
            Mark::Wrong => "wrong",
            Mark::Untested => "not tested",
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Mark::Right => "grade-right",
            Mark::Wrong => "grade-wrong",
            Mark::Untested => "grade-untested",
        }
    }
}

/// The hidden events while they stay hidden: how many, and how many are graded right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HiddenSummary {
    pub total: usize,
    pub right: usize,
    pub tested: bool,
}

impl HiddenSummary {
    pub fn sentence(&self) -> String {
        let events = if self.total == 1 { "event" } else { "events" };
        if !self.tested {
            format!(
                "{} hidden {events}, shown once you solve the exercise.",
                self.total
            )
        } else {
            format!(
                "{} hidden {events}: {} graded right. They are shown once you solve the exercise.",
                self.total, self.right
            )
        }
    }
}

/// The table: rows for the events that may be shown, and the hidden ones as a count.
pub fn event_rows(exercise: &Exercise, grade: &Grade, reveal_hidden: bool) -> Vec<EventRow> {
    exercise
        .events()
        .iter()
        .zip(&grade.events)
        .enumerate()
        .filter(|(_, (event, _))| reveal_hidden || !event.is_hidden())
        .map(|(index, (event, verdict))| {
            let mark = match verdict.matched {
                None => Mark::Untested,
                Some(_) if verdict.is_correct() => Mark::Right,
                Some(_) => Mark::Wrong,
            };
            EventRow {
                index,
                label: event.label().to_owned(),
                expected: if event.expectation().should_match() {
                    "Should match"
                } else {
                    "Should not match"
                },
                mark,
                outcome: match verdict.matched {
                    None => "not tested",
                    Some(true) => "matched",
                    Some(false) => "did not match",
                },
                was_hidden: event.is_hidden(),
                text: event.text().to_owned(),
                why: (mark == Mark::Wrong)
                    .then(|| verdict.explanation.as_ref().map(trace))
                    .flatten(),
            }
        })
        .collect()
}

/// The hidden events as a count, or `None` when there are none or they are shown.
pub fn hidden_summary(grade: &Grade, reveal_hidden: bool) -> Option<HiddenSummary> {
    if reveal_hidden {
        return None;
    }
    let hidden: Vec<_> = grade.events.iter().filter(|v| v.hidden).collect();
    if hidden.is_empty() {
        return None;
    }
    Some(HiddenSummary {
        total: hidden.len(),
        right: hidden.iter().filter(|v| v.is_correct()).count(),
        tested: hidden.iter().all(|v| v.matched.is_some()),
    })
}

/// The one sentence announced (aria-live) after each change: short, and only about the outcome,
/// so that a screen reader is not flooded while someone types.
pub fn announcement(grade: &Grade) -> String {
    let total = grade.events.len();
    let right = grade.events.iter().filter(|v| v.is_correct()).count();
    match grade.status {
        Status::Solved => format!("Solved: all {total} events are graded right."),
        Status::Empty => "Write a pattern to start.".to_owned(),
        Status::Invalid => "The pattern is not valid yet.".to_owned(),
        Status::ConstraintUnmet => {
            format!("{right} of {total} events right, but a rule of the exercise is broken.")
        }
        Status::Wrong => format!("Not yet: {right} of {total} events are graded right."),
    }
}

/// AWS's error for the editor: its message and where, to show under it and underline in it.
pub fn pattern_problem(grade: &Grade) -> Option<EditorProblem> {
    grade.error.as_ref().map(|error| EditorProblem {
        message: error.message().to_owned(),
        detail: None,
        position: Some((error.line(), error.column())),
        range: Some(error.span()),
    })
}

/// Marks in the pattern editor: the error, or the failing fields of the first shown event graded
/// wrong (hidden events never mark the editor: that would hint at their content).
pub fn pattern_highlights(grade: &Grade, reveal_hidden: bool) -> Vec<Highlight> {
    if let Some(range) = grade.error.as_ref().map(|e| e.span()) {
        return vec![error_mark(range)];
    }
    grade
        .wrong_events()
        .find(|v| reveal_hidden || !v.hidden)
        .and_then(|v| v.explanation.as_ref())
        .map(|explanation| {
            explanation_highlights(explanation)
                .0
                .into_iter()
                .filter(|h| h.kind == HighlightKind::Failing)
                .collect()
        })
        .unwrap_or_default()
}

fn error_mark(range: Range<usize>) -> Highlight {
    Highlight::new(range, HighlightKind::Error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lessons::{grade, DraftEvent, ExerciseDraft, Expectation};

    fn event(id: &str, detail_type: &str) -> String {
        format!(
            r#"{{"version":"0","id":"{id}","detail-type":"{detail_type}","source":"shop","account":"123456789012","time":"2024-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":{{}}}}"#
        )
    }

    fn exercise() -> Exercise {
        let draft = |label: &str, detail_type: &str, expect, hidden| DraftEvent {
            label: label.to_owned(),
            event: event(label, detail_type),
            expect,
            hidden,
        };
        ExerciseDraft {
            task: "Match placed orders.".to_owned(),
            events: vec![
                draft("placed", "Order Placed", Expectation::Match, false),
                draft("paid", "Order Paid", Expectation::NoMatch, false),
                draft("placed-2", "Order Placed", Expectation::Match, true),
            ],
            answer: Some(r#"{"detail-type": ["Order Placed"]}"#.to_owned()),
            ..ExerciseDraft::default()
        }
        .build()
        .unwrap()
    }

    #[test]
    fn hidden_events_are_counted_not_shown_until_revealed() {
        let exercise = exercise();
        let graded = grade(&exercise, r#"{"id": ["placed"]}"#);
        let rows = event_rows(&exercise, &graded, false);
        assert_eq!(
            rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(),
            ["placed", "paid"]
        );
        assert_eq!(
            rows.iter().map(|r| r.mark).collect::<Vec<_>>(),
            [Mark::Right, Mark::Right]
        );
        let summary = hidden_summary(&graded, false).unwrap();
        assert_eq!((summary.total, summary.right), (1, 0));
        assert!(summary
            .sentence()
            .contains("1 hidden event: 0 graded right"));
        assert_eq!(event_rows(&exercise, &graded, true).len(), 3);
        assert_eq!(hidden_summary(&graded, true), None);
    }

    #[test]
    fn events_graded_wrong_are_explained_field_by_field() {
        let exercise = exercise();
        let graded = grade(&exercise, r#"{"detail-type": ["Order Paid"]}"#);
        let rows = event_rows(&exercise, &graded, false);
        assert_eq!(rows[0].mark, Mark::Wrong);
        assert_eq!(rows[0].outcome, "did not match");
        let why = rows[0].why.as_ref().expect("a wrong event is explained");
        assert!(!why.matched);
        assert_eq!(why.branches[0].lines[0].path, "detail-type");
        assert!(
            why.branches[0].lines[0].text.contains("Order Placed"),
            "{why:?}"
        );
        assert_eq!(rows[1].mark, Mark::Wrong);
        assert_eq!(rows[1].outcome, "matched");
        assert!(rows[1].why.as_ref().unwrap().matched);
        // The editor marks the failing field of the first wrong event.
        assert!(!pattern_highlights(&graded, false).is_empty());
        assert_eq!(
            announcement(&graded),
            "Not yet: 0 of 3 events are graded right."
        );
    }

    #[test]
    fn an_invalid_pattern_is_located_and_nothing_is_tested() {
        let exercise = exercise();
        let text = "{\n  \"detail-type\": \"Order Placed\"\n}";
        let graded = grade(&exercise, text);
        let problem = pattern_problem(&graded).expect("AWS rejects a bare string");
        assert_eq!(problem.position.map(|p| p.0), Some(2));
        let highlights = pattern_highlights(&graded, false);
        assert_eq!(highlights.len(), 1);
        assert_eq!(highlights[0].kind, HighlightKind::Error);
        let rows = event_rows(&exercise, &graded, false);
        assert!(rows
            .iter()
            .all(|r| r.mark == Mark::Untested && r.why.is_none()));
        assert!(!hidden_summary(&graded, false).unwrap().tested);
        assert_eq!(announcement(&graded), "The pattern is not valid yet.");
    }

    #[test]
    fn damaged_and_newer_documents_say_why() {
        let newer =
            exercise_of_document(r#"{"version": 7, "task": "x", "events": []}"#).unwrap_err();
        assert!(newer.message().contains("newer version"), "{newer}");
        let damaged = exercise_of_document(r#"{"version": 1, "task": "x"}"#).unwrap_err();
        assert!(
            damaged
                .message()
                .starts_with("This link's exercise cannot be used"),
            "{damaged}"
        );
        assert!(exercise_of_document("not json").is_err());
        let document = exercise().to_document();
        assert_eq!(exercise_of_document(&document).unwrap().events().len(), 3);
    }

    #[test]
    fn a_solution_is_announced() {
        let exercise = exercise();
        let graded = grade(&exercise, r#"{"detail-type": ["Order Placed"]}"#);
        assert_eq!(
            announcement(&graded),
            "Solved: all 3 events are graded right."
        );
        assert!(pattern_highlights(&graded, true).is_empty());
        assert!(event_rows(&exercise, &graded, true)
            .iter()
            .all(|r| r.mark == Mark::Right && r.why.is_none()));
    }
}
