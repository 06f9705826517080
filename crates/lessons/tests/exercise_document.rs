//! Teachers' exercise documents: round trips, and a clear error naming the field for every way a
//! document can be wrong.

use lessons::{
    grade, Constraint, DraftEvent, Exercise, ExerciseDraft, Expectation, Operator, Status,
    MAX_DOCUMENT_BYTES, MAX_EVENTS,
};

fn sample(partner: &str, name: &str) -> String {
    catalog::partner(partner)
        .unwrap()
        .sample(name)
        .unwrap()
        .json()
        .to_owned()
}

fn event(text: String, expect: Expectation, hidden: bool) -> DraftEvent {
    DraftEvent {
        label: String::new(),
        event: text,
        expect,
        hidden,
    }
}

/// A teacher's exercise made from partner sample events, as the web editor would make it.
fn draft() -> ExerciseDraft {
    ExerciseDraft {
        title: "Failed Auth0 logins".to_owned(),
        task: "Match the failed logins (their log `type` starts with `f`).".to_owned(),
        start: String::new(),
        events: vec![
            event(
                sample("auth0.com", "failed-login-wrong-password"),
                Expectation::Match,
                false,
            ),
            event(
                sample("auth0.com", "successful-login"),
                Expectation::NoMatch,
                false,
            ),
            event(
                sample("auth0.com", "management-api-call"),
                Expectation::NoMatch,
                true,
            ),
        ],
        hints: vec!["Look at `detail.data.type`.".to_owned()],
        answer: Some(r#"{"detail": {"data": {"type": [{"prefix": "f"}]}}}"#.to_owned()),
        constraints: vec![Constraint::Use(Operator::Prefix), Constraint::MaxFields(1)],
    }
}

#[test]
fn a_document_round_trips_and_keeps_event_texts_exactly() {
    let exercise = draft().build().unwrap();
    let document = exercise.to_document();
    assert!(document.starts_with(r#"{"version":1,"#), "{document}");
    let read = Exercise::from_document(&document).unwrap();
    assert_eq!(read.to_draft(), draft());
    assert_eq!(
        read.events()[0].text(),
        sample("auth0.com", "failed-login-wrong-password")
    );
    assert_eq!(read.id(), exercise.id());
    assert!(read.id().starts_with("shared-"));
    // Grading works on the read exercise; the hidden event counts.
    assert_eq!(grade(&read, read.answer().unwrap()).status, Status::Solved);
    let too_broad = grade(&read, r#"{"detail": {"data": {"type": [{"prefix": ""}]}}}"#);
    assert_eq!(too_broad.status, Status::Wrong);
    assert!(too_broad.events[2].hidden && !too_broad.events[2].is_correct());
}

#[test]
fn the_document_is_compact() {
    let document = draft().build().unwrap().to_document();
    // No pretty-printing, no empty optional fields.
    assert!(!document.contains("\n  \"task\""));
    assert!(!document.contains("\"start\""));
    assert!(!document.contains("\"hidden\":false"));
    let events: usize = draft().events.iter().map(|e| e.event.len()).sum();
    assert!(
        document.len() < events + events / 5 + 600,
        "{} bytes",
        document.len()
    );
}

/// The document as serde_json wrote it until the exercise embed dropped serde_json (issue 14).
fn serde_document(draft: &ExerciseDraft) -> String {
    #[derive(serde::Serialize)]
    struct Document<'a> {
        version: u32,
        #[serde(flatten)]
        draft: &'a ExerciseDraft,
    }
    serde_json::to_string(&Document { version: 1, draft }).unwrap()
}

// A shared exercise's id is a hash of its document, and the course keeps a learner's progress by
// that id: the hand-written document must be serde_json's to the byte, or saved progress on
// shared exercises would be lost.
#[test]
fn the_document_is_written_byte_for_byte_as_serde_json_wrote_it() {
    let awkward = "quote \" backslash \\ newline \n tab \t cr \r bell \u{7} nul \u{0} del \u{7f} \
                   bs \u{8} ff \u{c} us \u{1f} é 中 😀 \u{2028} \u{202e} </script>";
    let mut drafts = vec![draft(), ExerciseDraft::default()];
    let mut full = draft();
    full.title = awkward.to_owned();
    full.task = awkward.to_owned();
    full.start = awkward.to_owned();
    full.hints = vec![awkward.to_owned(), String::new(), "two".to_owned()];
    full.answer = Some(String::new());
    full.events[1].label = awkward.to_owned();
    full.events[2].event = awkward.to_owned();
    full.constraints = vec![
        Constraint::Avoid(Operator::Or),
        Constraint::MaxFields(u32::MAX),
        Constraint::MaxFields(0),
    ];
    full.constraints
        .extend(Operator::ALL.into_iter().map(Constraint::Use));
    drafts.push(full);
    let mut sparse = draft();
    sparse.hints.clear();
    sparse.answer = None;
    sparse.constraints.clear();
    sparse.title.clear();
    drafts.push(sparse);
    for draft in &drafts {
        assert_eq!(draft.to_document(), serde_document(draft));
    }
}

/// The id of [`draft`]'s exercise, as the course computed it when serde_json wrote documents.
const EXAMPLE_ID: &str = "shared-cf9b2a2f2838877a";

// The id of the example exercise must not change (learners' progress is kept by it).
#[test]
fn a_shared_exercise_keeps_its_id() {
    let document = draft().to_document();
    assert_eq!(document, serde_document(&draft()));
    assert_eq!(draft().build().unwrap().id(), EXAMPLE_ID);
}

#[test]
fn ids_depend_on_the_content() {
    let a = draft().build().unwrap();
    let mut changed = draft();
    changed.task.push('!');
    let b = changed.build().unwrap();
    assert_ne!(a.id(), b.id());
    assert_eq!(a.id(), draft().build().unwrap().id());
}

// Exercise documents are read with the matcher's JSON parser since issue 14 (serde_json's
// before): what serde_json refused or how it read numbers and repeated keys must not change.
#[test]
fn documents_read_as_serde_json_read_them() {
    let good = draft().to_document();
    let rejected = |document: &str| Exercise::from_document(document).unwrap_err();
    // Nesting deeper than serde_json's 128 levels is not valid JSON (in a string it is text).
    let deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
    let error = rejected(&deep);
    assert_eq!(error.field(), "");
    assert!(
        error
            .message()
            .contains("not valid JSON (nested more than 128 levels deep)"),
        "{error}"
    );
    let endless = "[".repeat(200_000);
    assert!(rejected(&endless).message().contains("not valid JSON"));
    let shallow = format!("{}{}", "[".repeat(128), "]".repeat(128));
    assert!(rejected(&shallow).message().contains("expected an object"));
    // 300 brackets in the task (within its 600 characters).
    let in_a_string = good.replacen(
        r#""task":""#,
        &format!(r#""task":"{}"#, "[{".repeat(150)),
        1,
    );
    if let Err(error) = Exercise::from_document(&in_a_string) {
        panic!("brackets in a string are text: {error}");
    }
    // A whole number is written without a fraction or an exponent; `2.0` is not one.
    let with_max = |max: &str| {
        good.replacen(
            r#"{"max-fields":1}"#,
            &format!(r#"{{"max-fields":{max}}}"#),
            1,
        )
    };
    assert!(Exercise::from_document(&with_max("1")).is_ok());
    for max in ["2.0", "1e0", "-1", "4294967296"] {
        let error = rejected(&with_max(max));
        assert_eq!(error.field(), "constraints[1].max-fields", "{max}");
        assert!(
            error.message().ends_with(&format!("found {max}")),
            "{max}: {error}"
        );
    }
    let version = |v: &str| good.replacen(r#"{"version":1,"#, &format!(r#"{{"version":{v},"#), 1);
    assert!(rejected(&version("1.0"))
        .message()
        .contains("1.0 is not a known"));
    // A repeated key: its last value counts.
    let repeated = good.replacen(r#""task":"#, r#""task":7,"task":"#, 1);
    assert_eq!(
        Exercise::from_document(&repeated).unwrap().task(),
        draft().task
    );
    let error = rejected(&good.replacen(r#""task":"#, r#""task":"ok","task":7,"x":"#, 1));
    assert_eq!(error.field(), "x", "{error}");
}

/// (what is wrong, the document or a change to the draft, the field the error must name,
/// a fragment of its message)
#[test]
fn bad_documents_are_rejected_with_the_field_named() {
    let good = draft().to_document();
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();
        f(&mut value);
        value.to_string()
    };
    let cases: Vec<(&str, String, &str, &str)> = vec![
        (
            "not JSON",
            "{\"version\":1,".to_owned(),
            "",
            "not valid JSON",
        ),
        ("an array", "[1]".to_owned(), "", "expected an object"),
        (
            "no version",
            edit(&|v| {
                v.as_object_mut().unwrap().remove("version");
            }),
            "version",
            "missing",
        ),
        (
            "a newer version",
            edit(&|v| v["version"] = 7.into()),
            "version",
            "newer version",
        ),
        (
            "version as text",
            edit(&|v| v["version"] = "1".into()),
            "version",
            "not a known exercise document format",
        ),
        (
            "an unknown field",
            edit(&|v| v["extra"] = 1.into()),
            "extra",
            "unknown field",
        ),
        (
            "no task",
            edit(&|v| {
                v.as_object_mut().unwrap().remove("task");
            }),
            "task",
            "missing",
        ),
        (
            "a blank task",
            edit(&|v| v["task"] = "  ".into()),
            "task",
            "write the task",
        ),
        (
            "task not text",
            edit(&|v| v["task"] = 5.into()),
            "task",
            "expected text, found a number",
        ),
        (
            "an event missing region",
            edit(&|v| {
                let text = v["events"][1]["event"]
                    .as_str()
                    .unwrap()
                    .replace("\"region\"", "\"regio\"");
                v["events"][1]["event"] = text.into();
            }),
            "events[1].event",
            "missing required field `region`",
        ),
        (
            "an event that is not JSON",
            edit(&|v| v["events"][0]["event"] = "{oops".into()),
            "events[0].event",
            "not an event",
        ),
        (
            "a bad expectation",
            edit(&|v| v["events"][0]["expect"] = "yes".into()),
            "events[0].expect",
            "neither",
        ),
        (
            "hidden not a boolean",
            edit(&|v| v["events"][0]["hidden"] = "no".into()),
            "events[0].hidden",
            "true or false",
        ),
        (
            "no event that should not match",
            edit(&|v| {
                for e in v["events"].as_array_mut().unwrap() {
                    e["expect"] = "match".into();
                }
            }),
            "events",
            "no-match",
        ),
        (
            "one event only",
            edit(&|v| {
                v["events"].as_array_mut().unwrap().truncate(1);
            }),
            "events",
            "at least two",
        ),
        (
            "the same event expected both ways",
            edit(&|v| {
                let first = v["events"][0]["event"].clone();
                v["events"][1]["event"] = first;
            }),
            "events[1].expect",
            "same event as events[0]",
        ),
        (
            "an answer that does not solve it",
            edit(&|v| v["answer"] = r#"{"detail": {"data": {"type": [{"prefix": "s"}]}}}"#.into()),
            "answer",
            "does not solve",
        ),
        (
            "an invalid answer",
            edit(&|v| v["answer"] = r#"{"detail": []}"#.into()),
            "answer",
            "Empty arrays are not allowed",
        ),
        (
            "an answer breaking a constraint",
            edit(&|v| v["answer"] = r#"{"detail": {"data": {"type": ["fp"]}}}"#.into()),
            "answer",
            "breaks a constraint",
        ),
        (
            "an unknown operator",
            edit(&|v| v["constraints"][0] = serde_json::json!({"use": "regex"})),
            "constraints[0].use",
            "unknown operator \"regex\"",
        ),
        (
            "two keys in a constraint",
            edit(&|v| v["constraints"][0] = serde_json::json!({"use": "prefix", "avoid": "$or"})),
            "constraints[0]",
            "exactly one",
        ),
        (
            "max-fields 0",
            edit(&|v| v["constraints"][1] = serde_json::json!({"max-fields": 0})),
            "constraints[1].max-fields",
            "at least 1",
        ),
        (
            "contradicting constraints",
            edit(&|v| v["constraints"][1] = serde_json::json!({"avoid": "prefix"})),
            "constraints[1]",
            "contradicts constraints[0]",
        ),
        (
            "an empty hint",
            edit(&|v| v["hints"][0] = "".into()),
            "hints[0]",
            "empty hint",
        ),
        (
            "a hint that is not text",
            edit(&|v| v["hints"][0] = 3.into()),
            "hints[0]",
            "expected text",
        ),
        (
            "too many events",
            edit(&|v| {
                let e = v["events"][1].clone();
                let list = v["events"].as_array_mut().unwrap();
                while list.len() <= MAX_EVENTS {
                    list.push(e.clone());
                }
            }),
            "events",
            "more than",
        ),
    ];
    for (what, document, field, fragment) in cases {
        let error = Exercise::from_document(&document).expect_err(what);
        assert_eq!(error.field(), field, "{what}: {error}");
        assert!(error.message().contains(fragment), "{what}: {error}");
        // Display says the field first.
        if !field.is_empty() {
            assert!(
                error.to_string().starts_with(&format!("{field}: ")),
                "{what}: {error}"
            );
        }
    }
}

#[test]
fn newer_versions_and_oversized_documents_are_told_apart() {
    let newer = Exercise::from_document(r#"{"version": 2, "task": "x"}"#).unwrap_err();
    assert!(newer.is_newer_version());
    let big = format!(
        r#"{{"version":1,"task":"{}"}}"#,
        "a".repeat(MAX_DOCUMENT_BYTES)
    );
    let error = Exercise::from_document(&big).unwrap_err();
    assert!(error.is_too_large(), "{error}");
}

#[test]
fn hostile_input_never_panics() {
    let deep = "[".repeat(100_000);
    let inputs = [
        "",
        "null",
        "\"text\"",
        deep.as_str(),
        r#"{"version": 1e400}"#,
        r#"{"version": -1}"#,
        r#"{"version": 1, "task": "t", "events": {"a": 1}}"#,
        r#"{"version": 1, "task": "t", "events": [1, 2]}"#,
        r#"{"version": 1, "task": "t", "events": [], "constraints": "x"}"#,
        "\u{feff}{}",
    ];
    for input in inputs {
        assert!(Exercise::from_document(input).is_err(), "{input:.40}");
    }
}

#[test]
fn a_draft_without_an_answer_is_fine_and_builds() {
    let mut d = draft();
    d.answer = None;
    let exercise = d.build().unwrap();
    assert_eq!(exercise.answer(), None);
    assert_eq!(
        grade(
            &exercise,
            r#"{"detail": {"data": {"type": [{"prefix": "f"}]}}}"#
        )
        .status,
        Status::Solved
    );
}
