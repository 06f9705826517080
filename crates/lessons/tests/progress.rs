//! Progress: recording attempts, and reading saved progress safely.

use lessons::{course, grade, Progress, MAX_TRACKED_EXERCISES, OFFER_ANSWER_AFTER_TRIES};

#[test]
fn recording_counts_distinct_wrong_outcomes_as_tries() {
    let (lesson, exercise) = course().exercise("prefix/any-tenant").unwrap();
    let mut progress = Progress::new();
    let entry = progress.entry(exercise.id());
    // Typing through invalid text counts nothing.
    for text in ["{", "{\"source\": [", "{\"source\": [{\"prefix\": \"aws"] {
        entry.record(text, &grade(exercise, text));
    }
    assert_eq!(entry.tries, 0);
    // Two keystrokes with the same wrong outcome count once; a new outcome counts again.
    for text in [
        r#"{"source": [{"prefix": "aws"}]}"#,
        r#"{"source": [{"prefix": "aws."}]}"#,
    ] {
        entry.record(text, &grade(exercise, text));
    }
    assert_eq!(entry.tries, 1);
    let text = r#"{"source": [{"prefix": "aws.partner/auth0.com"}]}"#;
    entry.record(text, &grade(exercise, text));
    assert_eq!(entry.tries, 2);
    assert!(!entry.solved);
    assert_eq!(entry.last_pattern, text);

    let answer = exercise.answer().unwrap();
    entry.record(answer, &grade(exercise, answer));
    assert!(entry.solved);
    // Solved stays solved when the learner keeps editing.
    entry.record("{", &grade(exercise, "{"));
    assert!(entry.solved);
    assert_eq!(progress.lesson_score(lesson), (1, lesson.exercises().len()));
}

#[test]
fn hints_and_the_answer() {
    let (_, exercise) = course().exercise("numeric/incident-range").unwrap();
    let mut progress = Progress::new();
    let entry = progress.entry(exercise.id());
    assert!(!entry.may_show_answer(exercise));
    for _ in 0..10 {
        entry.reveal_hint(exercise);
    }
    assert_eq!(entry.hints_used as usize, exercise.hints().len());
    assert!(entry.may_show_answer(exercise));

    let entry = progress.entry("numeric/critical-threshold");
    entry.tries = OFFER_ANSWER_AFTER_TRIES;
    let (_, other) = course().exercise("numeric/critical-threshold").unwrap();
    assert!(entry.may_show_answer(other));
    assert!(!entry.reveals_hidden_events());
    entry.answer_shown = true;
    assert!(entry.reveals_hidden_events());
}

#[test]
fn json_round_trip_and_reset() {
    let mut progress = Progress::new();
    let entry = progress.entry("prefix/any-tenant");
    entry.solved = true;
    entry.last_pattern = "{\"source\": [\"é\\\"\"]}".to_owned();
    entry.hints_used = 2;
    entry.tries = 4;
    progress.entry("shared-00ff00ff00ff00ff").answer_shown = true;
    let json = progress.to_json();
    assert!(json.starts_with(r#"{"version":1,"exercises":{"#), "{json}");
    assert_eq!(Progress::from_json(&json).unwrap(), progress);

    let lesson = course().lesson("prefix").unwrap();
    progress.reset_lesson(lesson);
    assert!(progress.get("prefix/any-tenant").is_none());
    assert!(progress.get("shared-00ff00ff00ff00ff").is_some());
    progress.reset();
    assert_eq!(progress.iter().count(), 0);
}

#[test]
fn progress_sits_inside_a_larger_saved_state() {
    #[derive(serde::Serialize, serde::Deserialize)]
    struct State {
        progress: Progress,
    }
    let mut progress = Progress::new();
    progress.entry("or/urgent-or-p1").tries = 1;
    let text = serde_json::to_string(&State {
        progress: progress.clone(),
    })
    .unwrap();
    let read: State = serde_json::from_str(&text).unwrap();
    assert_eq!(read.progress, progress);
    let damaged = r#"{"progress": {"version": 1, "exercises": {"a": {"tries": "x"}}}}"#;
    let error = serde_json::from_str::<State>(damaged)
        .err()
        .unwrap()
        .to_string();
    assert!(error.contains("exercises[\"a\"].tries"), "{error}");
}

/// (input, field the error names, fragment of the message)
#[test]
fn damaged_or_unknown_progress_is_refused_with_a_reason() {
    let many: String = {
        let entries: Vec<String> = (0..=MAX_TRACKED_EXERCISES)
            .map(|i| format!("\"e{i}\":{{}}"))
            .collect();
        format!("{{\"version\":1,\"exercises\":{{{}}}}}", entries.join(","))
    };
    let long_key = format!(
        "{{\"version\":1,\"exercises\":{{\"{}\":{{}}}}}}",
        "k".repeat(300)
    );
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let cases: Vec<(&str, &str, &str)> = vec![
        ("", "", "not valid JSON"),
        ("{\"version\":1", "", "not valid JSON"),
        (&deep, "", "not valid JSON"),
        ("[]", "", "expected an object"),
        ("{}", "version", "missing"),
        (r#"{"version": 2}"#, "version", "newer version"),
        (
            r#"{"version": "1"}"#,
            "version",
            "not a known saved progress format",
        ),
        (
            r#"{"version": 1, "exercises": []}"#,
            "exercises",
            "expected an object",
        ),
        (
            r#"{"version": 1, "exercises": {"a": 5}}"#,
            "exercises[\"a\"]",
            "expected an object",
        ),
        (
            r#"{"version": 1, "exercises": {"a": {"solved": "yes"}}}"#,
            "exercises[\"a\"].solved",
            "true or false",
        ),
        (
            r#"{"version": 1, "exercises": {"a": {"tries": -1}}}"#,
            "exercises[\"a\"].tries",
            "whole number",
        ),
        (
            r#"{"version": 1, "exercises": {"a": {"hints_used": 1.5}}}"#,
            "exercises[\"a\"].hints_used",
            "whole number",
        ),
        (
            r#"{"version": 1, "exercises": {"a": {"tries": 99999999999}}}"#,
            "exercises[\"a\"].tries",
            "whole number",
        ),
        (
            r#"{"version": 1, "exercises": {"": {}}}"#,
            "exercises[\"\"]",
            "1 to 200",
        ),
        (&long_key, "", "1 to 200"),
        (r#"{"version": 1, "other": 1}"#, "other", "unknown field"),
        (&many, "exercises", "more than"),
    ];
    for (input, field, fragment) in cases {
        let error = Progress::from_json(input).expect_err(input);
        if !field.is_empty() {
            assert_eq!(error.field(), field, "{input:.60}: {error}");
        }
        assert!(error.message().contains(fragment), "{input:.60}: {error}");
    }
    assert!(Progress::from_json(r#"{"version": 9}"#)
        .unwrap_err()
        .is_newer_version());
}

#[test]
fn unknown_fields_inside_an_entry_are_ignored() {
    let progress =
        Progress::from_json(r#"{"version": 1, "exercises": {"a": {"tries": 2, "mood": "happy"}}}"#)
            .unwrap();
    assert_eq!(progress.get("a").unwrap().tries, 2);
}
