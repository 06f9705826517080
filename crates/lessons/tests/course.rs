//! The course's own checks, table-driven over every lesson and every exercise: the lesson files
//! parse, every reference answer solves its exercise, every listed wrong answer fails with its
//! feedback, the visible events do not give the hidden ones away, the examples say what the
//! matcher says, and the course covers every operator.

#[path = "../build_support/course_files.rs"]
mod course_files;

use event_pattern::{Condition, Event, Exclusion, Pattern};
use lessons::{grade, markup, Course, Expectation, FeedbackSource, Operator, Source, Status};
use std::collections::BTreeSet;
use std::path::Path;

/// Reads the lesson files afresh (not through the embedded copy), with the build's conversion.
fn load() -> Course {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("course");
    let json = course_files::course_json(&dir).unwrap_or_else(|e| panic!("{e}"));
    Course::from_json(&json).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_lesson_parses_and_the_embedded_course_is_the_same() {
    let course = load();
    let embedded = lessons::course();
    let ids = |c: &Course| {
        c.lessons()
            .iter()
            .map(|l| l.id().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&course), ids(embedded));
}

#[test]
fn at_least_sixteen_lessons_with_unique_ids() {
    let course = load();
    assert!(
        course.lessons().len() >= 16,
        "{} lessons",
        course.lessons().len()
    );
    let ids: BTreeSet<&str> = course.lessons().iter().map(|l| l.id()).collect();
    assert_eq!(
        ids.len(),
        course.lessons().len(),
        "lesson ids must be unique"
    );
    let exercise_ids: BTreeSet<&str> = course
        .lessons()
        .iter()
        .flat_map(|l| l.exercises().iter().map(|e| e.id()))
        .collect();
    let count: usize = course.lessons().iter().map(|l| l.exercises().len()).sum();
    assert_eq!(exercise_ids.len(), count, "exercise ids must be unique");
}

#[test]
fn texts_are_short_and_use_only_supported_markup() {
    for lesson in load().lessons() {
        let words = markup::word_count(lesson.explanation());
        assert!(
            words <= lessons::MAX_EXPLANATION_WORDS,
            "{}: explanation has {words} words",
            lesson.id()
        );
        let mut texts = vec![
            ("title", lesson.title().to_owned()),
            ("summary", lesson.summary().to_owned()),
            ("explanation", lesson.explanation().to_owned()),
        ];
        for exercise in lesson.exercises() {
            texts.push(("task", exercise.task().to_owned()));
            texts.extend(exercise.hints().iter().map(|h| ("hint", h.clone())));
            texts.extend(
                exercise
                    .wrong_answers()
                    .iter()
                    .map(|w| ("feedback", w.feedback.clone())),
            );
            texts.extend(
                exercise
                    .events()
                    .iter()
                    .map(|e| ("label", e.label().to_owned())),
            );
        }
        for (what, text) in texts {
            let problems = markup::problems(&text);
            assert!(problems.is_empty(), "{}: {what}: {problems:?}", lesson.id());
        }
    }
}

#[test]
fn every_example_is_valid_and_does_what_the_lesson_says() {
    for lesson in load().lessons() {
        let example = lesson.example();
        let event = Event::parse(&example.event)
            .unwrap_or_else(|e| panic!("{}: example event: {}", lesson.id(), e.detail()));
        match Pattern::parse(&example.pattern) {
            Ok(pattern) => assert_eq!(
                pattern.matches(&event),
                example.matches,
                "{}: the example says matches = {}",
                lesson.id(),
                example.matches
            ),
            // An example may show a rejected pattern; then it must say it does not match.
            Err(error) => assert!(
                !example.matches,
                "{}: example pattern is invalid: {error}",
                lesson.id()
            ),
        }
    }
}

#[test]
fn every_reference_answer_solves_its_exercise() {
    for lesson in load().lessons() {
        for exercise in lesson.exercises() {
            let answer = exercise.answer().expect("course exercises have answers");
            let result = grade(exercise, answer);
            assert_eq!(
                result.status,
                Status::Solved,
                "{}: {:?}",
                exercise.id(),
                result.feedback
            );
            assert_eq!(result.feedback.source, FeedbackSource::Solved);
        }
    }
}

#[test]
fn every_wrong_answer_fails_with_its_feedback() {
    let mut total = 0;
    for lesson in load().lessons() {
        for exercise in lesson.exercises() {
            assert!(
                !exercise.wrong_answers().is_empty(),
                "{}: list at least one typical wrong answer",
                exercise.id()
            );
            for (index, wrong) in exercise.wrong_answers().iter().enumerate() {
                let result = grade(exercise, &wrong.pattern);
                assert_ne!(
                    result.status,
                    Status::Solved,
                    "{}: wrong[{index}] solves it",
                    exercise.id()
                );
                assert_eq!(
                    result.feedback.source,
                    FeedbackSource::WrongAnswer { index },
                    "{}: wrong[{index}] gets another feedback: {:?}",
                    exercise.id(),
                    result.feedback
                );
                assert_eq!(result.feedback.message, wrong.feedback);
                total += 1;
            }
        }
    }
    assert!(total >= 40, "only {total} wrong answers in the course");
}

#[test]
fn the_starting_pattern_never_solves_the_exercise() {
    for lesson in load().lessons() {
        for exercise in lesson.exercises() {
            assert_ne!(
                grade(exercise, exercise.start()).status,
                Status::Solved,
                "{}",
                exercise.id()
            );
        }
    }
}

/// A pattern listing only the visible should-match events' ids must be graded wrong on events
/// (not merely on constraints): the hidden events are what stops fitting to the visible ones.
#[test]
fn visible_events_do_not_give_the_hidden_ones_away() {
    for lesson in load().lessons() {
        for exercise in lesson.exercises() {
            let events = exercise.events();
            assert!(
                events
                    .iter()
                    .any(|e| e.is_hidden() && e.expectation() == Expectation::Match),
                "{}: needs a hidden event that should match",
                exercise.id()
            );
            let mut ids = Vec::new();
            let mut seen = BTreeSet::new();
            for event in events {
                let value: serde_json::Value = serde_json::from_str(event.text()).unwrap();
                let id = value["id"]
                    .as_str()
                    .expect("events have string ids")
                    .to_owned();
                assert!(
                    seen.insert(id.clone()),
                    "{}: event id {id} used twice",
                    exercise.id()
                );
                if !event.is_hidden() && event.expectation() == Expectation::Match {
                    ids.push(id);
                }
            }
            assert!(
                !ids.is_empty(),
                "{}: needs a visible event that should match",
                exercise.id()
            );
            let pattern = serde_json::json!({ "id": ids }).to_string();
            let result = grade(exercise, &pattern);
            assert!(
                result.events.iter().any(|v| v.hidden && !v.is_correct()),
                "{}: {pattern} gets every hidden event right",
                exercise.id()
            );
            assert!(
                result
                    .events
                    .iter()
                    .filter(|v| !v.hidden)
                    .all(|v| v.is_correct()),
                "{}: {pattern} should fit the visible events",
                exercise.id()
            );
        }
    }
}

#[test]
fn the_course_covers_every_operator() {
    let mut used: BTreeSet<Operator> = BTreeSet::new();
    let (mut single_value, mut value_list, mut number) = (false, false, false);
    for lesson in load().lessons() {
        for exercise in lesson.exercises() {
            let pattern = Pattern::parse(exercise.answer().unwrap()).unwrap();
            used.extend(Operator::used_by(&pattern));
            for field in pattern.fields() {
                for condition in &field.conditions {
                    match condition {
                        Condition::AnythingBut {
                            excluded: Exclusion::Strings(list),
                        } => {
                            single_value |= list.len() == 1;
                            value_list |= list.len() > 1;
                        }
                        Condition::AnythingBut {
                            excluded: Exclusion::Numbers(list),
                        } => {
                            number = true;
                            value_list |= list.len() > 1;
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    let missing: Vec<Operator> = Operator::ALL
        .into_iter()
        .filter(|op| !used.contains(op))
        .collect();
    assert!(missing.is_empty(), "no reference answer uses {missing:?}");
    assert!(
        single_value && value_list && number,
        "anything-but value/list/number forms"
    );
}

/// Every `corpus:` source names a recorded case and every `design:` source a DESIGN.md topic.
#[test]
fn sources_exist() {
    let corpus: serde_json::Value = serde_json::from_str(include_str!(
        "../../event-pattern/tests/data/aws-validated.json"
    ))
    .unwrap();
    let names: BTreeSet<&str> = corpus["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|case| case["name"].as_str().unwrap())
        .collect();
    let design = include_str!("../../event-pattern/DESIGN.md");
    for lesson in load().lessons() {
        for source in lesson.sources() {
            match source {
                Source::Corpus(name) => {
                    assert!(
                        names.contains(name.as_str()),
                        "{}: no corpus case {name}",
                        lesson.id()
                    )
                }
                Source::Design(topic) => {
                    assert!(
                        design.contains(topic.as_str()),
                        "{}: DESIGN.md has no {topic}",
                        lesson.id()
                    )
                }
                Source::Url(url) => assert!(url.starts_with("https://"), "{url}"),
            }
        }
    }
}
