//! Grading by outcome, and how feedback is chosen.

use lessons::{course, grade, Exercise, FeedbackSource, Status};

fn exercise(id: &str) -> &'static Exercise {
    course()
        .exercise(id)
        .unwrap_or_else(|| panic!("no exercise {id}"))
        .1
}

#[test]
fn any_correct_pattern_passes_not_only_the_reference() {
    let cases = [
        (
            "or-and/two-sources",
            r#"{"source": [{"prefix": "aws.partner/pagerduty.com/"}, {"prefix": "aws.partner/datadog.com/"}]}"#,
        ),
        (
            "exact-values/detail-type",
            r#"{"detail-type": [{"wildcard": "Order Placed"}]}"#,
        ),
        (
            "numeric/incident-range",
            r#"{"detail": {"incident": {"incident_number": [{"numeric": [">", 3999.5, "<=", 4999]}]}}}"#,
        ),
        (
            "cidr/office-network",
            r#"{"detail": {"data": {"ip": [{"cidr": "198.51.100.128/24"}]}}}"#,
        ),
    ];
    for (id, pattern) in cases {
        let result = grade(exercise(id), pattern);
        assert_eq!(result.status, Status::Solved, "{id}: {:?}", result.feedback);
    }
}

#[test]
fn an_empty_editor_is_not_an_error() {
    let result = grade(exercise("exact-values/detail-type"), "  \n");
    assert_eq!(result.status, Status::Empty);
    assert!(result.error.is_none());
    assert_eq!(result.feedback.source, FeedbackSource::Empty);
    assert!(result
        .events
        .iter()
        .all(|v| v.matched.is_none() && v.explanation.is_none()));
}

#[test]
fn an_invalid_pattern_gets_aws_text_and_position() {
    let result = grade(
        exercise("exact-values/detail-type"),
        "{\n  \"detail-type\": []\n}",
    );
    assert_eq!(result.status, Status::Invalid);
    let error = result.error.as_ref().unwrap();
    assert_eq!(
        error.message(),
        "Event pattern is not valid. Reason: Empty arrays are not allowed"
    );
    assert_eq!((error.line(), error.column()), (2, 18));
    assert_eq!(result.feedback.source, FeedbackSource::PatternError);
    assert!(
        result.feedback.message.contains("line 2, column 18"),
        "{}",
        result.feedback.message
    );
    assert!(result
        .feedback
        .message
        .contains("Empty arrays are not allowed"));
    assert!(result.constraints.is_empty());
}

#[test]
fn a_broken_constraint_comes_before_the_events() {
    // Right on every event, but `cidr` is required. (The listed wrong answer with the same
    // outcome uses `prefix`, so its feedback does not apply to exact addresses.)
    let ex = exercise("cidr/office-network");
    let result = grade(
        ex,
        r#"{"detail": {"data": {"ip": ["198.51.100.77", "198.51.100.4", "198.51.100.255"]}}}"#,
    );
    assert_eq!(result.status, Status::ConstraintUnmet);
    assert!(result.events.iter().all(|v| v.is_correct()));
    assert_eq!(
        result.feedback.source,
        FeedbackSource::Constraint { index: 0 }
    );
    assert!(
        result.feedback.message.contains("cidr"),
        "{}",
        result.feedback.message
    );
    assert!(!result.constraints[0].met);
}

#[test]
fn wrong_events_are_counted_and_explained() {
    let ex = exercise("prefix/any-tenant");
    // Matches every event: two that should not match are wrong, one of them hidden.
    let result = grade(ex, r#"{"source": [{"prefix": ""}]}"#);
    assert_eq!(result.status, Status::Wrong);
    assert_eq!(result.feedback.source, FeedbackSource::Events);
    assert_eq!(
        result.feedback.message,
        "Not yet: 3 events that should not match do. One of them is hidden."
    );
    for verdict in &result.events {
        assert_eq!(
            verdict.explanation.is_some(),
            !verdict.is_correct(),
            "event {}",
            verdict.index
        );
        if let Some(explanation) = &verdict.explanation {
            assert_eq!(explanation.matched, verdict.matched.unwrap());
        }
    }
    assert_eq!(result.wrong_events().count(), 3);
}

#[test]
fn only_hidden_events_wrong_says_so() {
    let ex = exercise("suffix/company-users");
    // Fits the visible events; the hidden look-alike domain and second login decide.
    let result = grade(
        ex,
        r#"{"detail": {"data": {"user_name": [{"suffix": "example.com"}], "type": ["s"]}}}"#,
    );
    assert_eq!(result.status, Status::Wrong);
    assert!(result.wrong_events().all(|v| v.hidden));
    assert!(
        result
            .feedback
            .message
            .contains("Only hidden events are wrong"),
        "{}",
        result.feedback.message
    );
}

/// Feedback of a listed wrong answer goes to any pattern that grades the same on every event,
/// however it is written.
#[test]
fn wrong_answer_feedback_is_chosen_by_outcome() {
    let ex = exercise("exact-values/detail-type");
    let listed = &ex.wrong_answers()[0];
    let result = grade(ex, r#"{"detail-type": ["order placed", "Order placed"]}"#);
    assert_eq!(
        result.feedback.source,
        FeedbackSource::WrongAnswer { index: 0 }
    );
    assert_eq!(result.feedback.message, listed.feedback);
    // Same outcome, same broken constraint, same operators as a listed answer.
    let ex = exercise("anything-but/open-incidents");
    let result = grade(
        ex,
        r#"{"detail": {"incident": {"status": ["triggered", "acknowledged", "investigating"]}}}"#,
    );
    assert_eq!(result.status, Status::ConstraintUnmet);
    assert_eq!(
        result.feedback.source,
        FeedbackSource::WrongAnswer { index: 0 }
    );
    // An invalid pattern with the same reason as a listed one gets its feedback too.
    let ex = exercise("nesting/urgency");
    let result = grade(
        ex,
        r#"{"source": ["x"], "detail": {"incident": {"urgency": "low"}}}"#,
    );
    assert_eq!(
        result.feedback.source,
        FeedbackSource::WrongAnswer { index: 0 }
    );
}

#[test]
fn solved_grades_have_no_explanations() {
    let ex = exercise("or/urgent-or-p1");
    let result = grade(ex, ex.answer().unwrap());
    assert!(result.is_solved());
    assert!(result
        .events
        .iter()
        .all(|v| v.explanation.is_none() && v.is_correct()));
    assert!(result.constraints.iter().all(|c| c.met));
}

#[test]
fn a_grade_serializes_for_the_web_layer() {
    let ex = exercise("cidr/office-network");
    let json = serde_json::to_value(grade(ex, r#"{"detail": {"data": {"ip": []}}}"#)).unwrap();
    assert_eq!(json["status"], "invalid");
    assert_eq!(json["error"]["code"], "InvalidEventPatternException");
    assert_eq!(json["feedback"]["source"]["kind"], "pattern-error");
}
