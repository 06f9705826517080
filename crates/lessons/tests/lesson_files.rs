//! Mistakes in lesson files are reported with the file and the field (or TOML's line and column).

#[path = "../build_support/course_files.rs"]
mod course_files;

use lessons::Course;
use std::path::PathBuf;

const LESSON: &str = r#"
id = "demo"
title = "Demo"
summary = "A demo."
explanation = "Short."
sources = ["corpus:sample1"]

[example]
pattern = '{"source": ["a"]}'
event = '{"id": "1", "account": "1", "source": "a", "time": "t", "region": "r", "detail-type": "d"}'
matches = true

[[exercises]]
id = "one"
task = "Match source `a`."
hints = ["Look at `source`.", "Use an exact value."]
answer = '{"source": ["a"]}'

[[exercises.events]]
expect = "match"
event = '{"id": "1", "account": "1", "source": "a", "time": "t", "region": "r", "detail-type": "d"}'

[[exercises.events]]
expect = "match"
hidden = true
event = '{"id": "2", "account": "1", "source": "a", "time": "t", "region": "r", "detail-type": "d"}'

[[exercises.events]]
expect = "no-match"
event = '{"id": "3", "account": "1", "source": "b", "time": "t", "region": "r", "detail-type": "d"}'
"#;

/// A fresh course directory holding the given files.
fn course_dir(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lessons-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

fn load(name: &str, files: &[(&str, &str)]) -> Result<Course, String> {
    let dir = course_dir(name, files);
    let result = course_files::course_json(&dir)
        .and_then(|json| Course::from_json(&json).map_err(|e| e.to_string()));
    let _ = std::fs::remove_dir_all(&dir);
    result
}

#[test]
fn a_minimal_lesson_loads() {
    let course = load(
        "ok",
        &[
            ("course.toml", "lessons = [\"demo\"]"),
            ("demo.toml", LESSON),
        ],
    )
    .unwrap();
    assert_eq!(course.lessons()[0].exercises()[0].id(), "demo/one");
}

/// (case name, the course directory's files, a fragment of the error)
type Case = (&'static str, Vec<(&'static str, String)>, &'static str);

#[test]
fn mistakes_name_the_file_and_the_place() {
    let cases: Vec<Case> = vec![
        ("unlisted", vec![("course.toml", "lessons = []".into()), ("demo.toml", LESSON.into())], "demo.toml: this lesson file is not listed in course.toml"),
        ("missing file", vec![("course.toml", "lessons = [\"demo\", \"gone\"]".into()), ("demo.toml", LESSON.into())], "course.toml lists \"gone\", but gone.toml cannot be read"),
        ("listed twice", vec![("course.toml", "lessons = [\"demo\", \"demo\"]".into()), ("demo.toml", LESSON.into())], "course.toml: lesson \"demo\" is listed twice"),
        ("toml syntax", vec![("course.toml", "lessons = [\"demo\"]".into()), ("demo.toml", LESSON.replace("title = \"Demo\"", "title = \"Demo"))], "line 3"),
        ("id mismatch", vec![("course.toml", "lessons = [\"demo\"]".into()), ("demo.toml", LESSON.replace("id = \"demo\"", "id = \"other\""))], "demo.toml: id: \"other\" does not match the file name"),
        ("bad event", vec![("course.toml", "lessons = [\"demo\"]".into()), ("demo.toml", LESSON.replace("\"id\": \"3\", \"account\": \"1\",", "\"id\": \"3\","))], "demo.toml: exercises[0].events[2].event: not an event TestEventPattern accepts: missing required field `account`"),
        ("no answer", vec![("course.toml", "lessons = [\"demo\"]".into()), ("demo.toml", LESSON.replace("answer = '{\"source\": [\"a\"]}'", ""))], "demo.toml: exercises[0].answer: missing"),
        ("one hint", vec![("course.toml", "lessons = [\"demo\"]".into()), ("demo.toml", LESSON.replace("\"Look at `source`.\", ", ""))], "demo.toml: exercises[0].hints: give two or three hints"),
        ("misspelt field", vec![("course.toml", "lessons = [\"demo\"]".into()), ("demo.toml", LESSON.replace("task =", "tsak ="))], "demo.toml: exercises[0].tsak: unknown field"),
        ("unknown sample", vec![("course.toml", "lessons = [\"demo\"]".into()), ("demo.toml", LESSON.replace("event = '{\"id\": \"3\"", "sample = \"shopify.com/nope\"\nxevent = '{\"id\": \"3\""))], "no catalog sample \"shopify.com/nope\""),
        ("bad source", vec![("course.toml", "lessons = [\"demo\"]".into()), ("demo.toml", LESSON.replace("corpus:sample1", "http://example.com"))], "demo.toml: sources[0]: expected an https:// address"),
        ("long explanation", vec![("course.toml", "lessons = [\"demo\"]".into()), ("demo.toml", LESSON.replace("explanation = \"Short.\"", &format!("explanation = \"{}\"", "word ".repeat(151))))], "demo.toml: explanation: 151 words"),
        ("a date", vec![("course.toml", "lessons = [\"demo\"]".into()), ("demo.toml", LESSON.replace("summary = \"A demo.\"", "summary = 2024-05-14"))], "demo.toml: `summary`: TOML dates are not used"),
    ];
    for (name, files, expected) in cases {
        let files: Vec<(&str, &str)> = files.iter().map(|(f, t)| (*f, t.as_str())).collect();
        let error = load(name, &files).expect_err(name);
        assert!(error.contains(expected), "{name}: {error}");
    }
}
