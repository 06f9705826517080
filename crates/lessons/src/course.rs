//! The course: lessons compiled in from `course/*.toml` (converted to JSON by the build script)
//! and read on first use.

use crate::error::{CourseError, Problem};
use crate::exercise::{build, read_draft, Exercise, WrongAnswer};
use crate::markup;
use crate::read::Fields;
use std::sync::OnceLock;

/// The lessons as the build script wrote them (see `build_support/course_files.rs`).
const COURSE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/course.json"));

/// Longest lesson explanation, in words.
pub const MAX_EXPLANATION_WORDS: usize = 150;

/// The course, in order.
#[derive(Debug, Clone)]
pub struct Course {
    lessons: Vec<Lesson>,
}

/// One lesson: a short explanation, a live example and one to three exercises.
#[derive(Debug, Clone)]
pub struct Lesson {
    id: String,
    title: String,
    summary: String,
    explanation: String,
    sources: Vec<Source>,
    example: Example,
    exercises: Vec<Exercise>,
}

/// The lesson's live example: a pattern, an event, and whether the pattern matches it. The UI
/// lets the learner edit both and runs `event_pattern` on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub pattern: String,
    pub event: String,
    /// What the lesson says happens (the course test checks it against the matcher).
    pub matches: bool,
}

/// What a lesson's claims rest on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A public page (AWS documentation, the event-ruler repository).
    Url(String),
    /// A case of the recorded AWS corpus (`crates/event-pattern/tests/data/aws-validated.json`).
    Corpus(String),
    /// A decision in `crates/event-pattern/DESIGN.md` where AWS is silent: a guess.
    Design(String),
}

impl Source {
    fn parse(text: &str) -> Option<Source> {
        if let Some(name) = text.strip_prefix("corpus:") {
            Some(Source::Corpus(name.to_owned()))
        } else if let Some(topic) = text.strip_prefix("design:") {
            Some(Source::Design(topic.to_owned()))
        } else if text.starts_with("https://") && !text.contains(char::is_whitespace) {
            Some(Source::Url(text.to_owned()))
        } else {
            None
        }
    }
}

static COURSE: OnceLock<Course> = OnceLock::new();

/// The course compiled into this build, read on first use.
///
/// The lesson files are checked by this crate's tests (`tests/course.rs`), so reading them
/// cannot fail in a build whose tests passed.
pub fn course() -> &'static Course {
    COURSE.get_or_init(|| {
        Course::from_json(COURSE_JSON)
            .unwrap_or_else(|e| panic!("the course files are checked by tests: {e}"))
    })
}

impl Course {
    /// Reads a course document as the build script writes it:
    /// `{"lessons": [{"file": "x.toml", "lesson": {...}}, ...]}`.
    pub fn from_json(text: &str) -> Result<Course, CourseError> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| CourseError::new("", Problem::syntax("", format!("not JSON: {e}"))))?;
        let top = Fields::of(&value, "").map_err(|p| CourseError::new("", p))?;
        let entries = top.array("lessons").map_err(|p| CourseError::new("", p))?;
        let mut lessons: Vec<Lesson> = Vec::with_capacity(entries.len());
        for (i, entry) in entries.iter().enumerate() {
            let at = format!("lessons[{i}]");
            let entry = Fields::of(entry, &at).map_err(|p| CourseError::new("", p))?;
            let file = entry.string("file").map_err(|p| CourseError::new("", p))?;
            let lesson_value = entry
                .value("lesson")
                .ok_or_else(|| CourseError::new(file, Problem::syntax("", "missing lesson")))?;
            let lesson = Lesson::read(lesson_value).map_err(|p| CourseError::new(file, p))?;
            if format!("{}.toml", lesson.id) != file {
                return Err(CourseError::new(
                    file,
                    Problem::invalid(
                        "id",
                        format!("\"{}\" does not match the file name", lesson.id),
                    ),
                ));
            }
            if lessons.iter().any(|l| l.id == lesson.id) {
                return Err(CourseError::new(
                    file,
                    Problem::invalid("id", format!("\"{}\" is used by another lesson", lesson.id)),
                ));
            }
            lessons.push(lesson);
        }
        Ok(Course { lessons })
    }

    pub fn lessons(&self) -> &[Lesson] {
        &self.lessons
    }

    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.id == id)
    }

    /// The lesson after `id`, for "Next".
    pub fn next_lesson(&self, id: &str) -> Option<&Lesson> {
        let at = self.lessons.iter().position(|l| l.id == id)?;
        self.lessons.get(at + 1)
    }

    /// An exercise by its [`Exercise::id`] (`lesson/exercise`), with its lesson.
    pub fn exercise(&self, exercise_id: &str) -> Option<(&Lesson, &Exercise)> {
        let (lesson_id, _) = exercise_id.split_once('/')?;
        let lesson = self.lesson(lesson_id)?;
        let exercise = lesson.exercises.iter().find(|e| e.id() == exercise_id)?;
        Some((lesson, exercise))
    }
}

impl Lesson {
    /// Short stable id, also the file name (`prefix` → `course/prefix.toml`) and the URL part.
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// One line for the course outline: what the lesson teaches.
    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// At most [`MAX_EXPLANATION_WORDS`] words of markdown-light ([`crate::markup`]).
    pub fn explanation(&self) -> &str {
        &self.explanation
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    pub fn example(&self) -> &Example {
        &self.example
    }

    /// One to three exercises.
    pub fn exercises(&self) -> &[Exercise] {
        &self.exercises
    }

    fn read(value: &serde_json::Value) -> Result<Lesson, Problem> {
        let fields = Fields::of(value, "")?;
        fields.only(&[
            "id",
            "title",
            "summary",
            "explanation",
            "sources",
            "example",
            "exercises",
        ])?;
        let id = fields.string("id")?;
        if !is_slug(id) {
            return Err(Problem::invalid(
                "id",
                "use lower-case letters, digits and dashes (it becomes a file name and a URL part)",
            ));
        }
        let title = fields.string("title")?;
        let summary = fields.string("summary")?;
        let explanation = fields.string("explanation")?;
        let words = markup::word_count(explanation);
        if words > MAX_EXPLANATION_WORDS {
            return Err(Problem::invalid(
                "explanation",
                format!("{words} words; keep it to {MAX_EXPLANATION_WORDS}"),
            ));
        }
        let mut sources = Vec::new();
        for (i, text) in fields.strings("sources")?.into_iter().enumerate() {
            sources.push(Source::parse(text).ok_or_else(|| {
                Problem::invalid(
                    format!("sources[{i}]"),
                    "expected an https:// address, corpus:<case name> or design:<DESIGN.md topic>",
                )
            })?);
        }
        if sources.is_empty() {
            return Err(Problem::invalid(
                "sources",
                "say what the lesson's claims rest on",
            ));
        }

        let example = fields
            .value("example")
            .ok_or_else(|| Problem::syntax("example", "missing"))?;
        let example_fields = Fields::of(example, "example")?;
        example_fields.only(&["pattern", "event", "sample", "matches"])?;
        let example = Example {
            pattern: example_fields.string("pattern")?.to_owned(),
            event: read_event_text(&example_fields)?,
            matches: example_fields
                .opt_bool("matches")?
                .ok_or_else(|| Problem::syntax("example.matches", "missing (true or false)"))?,
        };

        let list = fields.array("exercises")?;
        if list.is_empty() || list.len() > 3 {
            return Err(Problem::invalid(
                "exercises",
                "a lesson has one to three exercises",
            ));
        }
        let mut exercises: Vec<Exercise> = Vec::new();
        for (i, value) in list.iter().enumerate() {
            let at = format!("exercises[{i}]");
            let exercise = read_exercise(value, id).map_err(|p| p.within(&at))?;
            if exercises.iter().any(|e| e.id() == exercise.id()) {
                return Err(Problem::invalid(
                    format!("{at}.id"),
                    "used twice in this lesson",
                ));
            }
            exercises.push(exercise);
        }
        Ok(Lesson {
            id: id.to_owned(),
            title: title.to_owned(),
            summary: summary.to_owned(),
            explanation: explanation.to_owned(),
            sources,
            example,
            exercises,
        })
    }
}

/// An exercise of a lesson file: the teacher format plus `id` and `wrong` answers, with events
/// that may name a partner sample instead of spelling it out.
fn read_exercise(value: &serde_json::Value, lesson_id: &str) -> Result<Exercise, Problem> {
    let fields = Fields::of(value, "")?;
    let id = fields.string("id")?;
    if !is_slug(id) {
        return Err(Problem::invalid(
            "id",
            "use lower-case letters, digits and dashes",
        ));
    }
    // Partner samples are resolved before the common reader sees the events.
    let mut resolved = value.clone();
    if let Some(events) = resolved.get_mut("events").and_then(|e| e.as_array_mut()) {
        for (i, event) in events.iter_mut().enumerate() {
            let Some(object) = event.as_object_mut() else {
                continue;
            };
            if let Some(sample) = object.remove("sample") {
                let path = format!("events[{i}].sample");
                let name = sample
                    .as_str()
                    .ok_or_else(|| Problem::syntax(&path, "expected text"))?;
                if object.contains_key("event") {
                    return Err(Problem::syntax(
                        &path,
                        "give either `event` or `sample`, not both",
                    ));
                }
                let sample = find_sample(name).ok_or_else(|| {
                    Problem::invalid(&path, format!("no catalog sample \"{name}\" (expected partner-id/sample-name, e.g. shopify.com/orders-create)"))
                })?;
                object.insert(
                    "event".to_owned(),
                    serde_json::Value::String(sample.json().to_owned()),
                );
                object
                    .entry("label")
                    .or_insert_with(|| serde_json::Value::String(sample.title().to_owned()));
            }
        }
    }
    let fields = Fields::of(&resolved, "")?;
    let draft = read_draft(&fields, &["id", "wrong"])?;
    if draft.answer.is_none() {
        return Err(Problem::syntax(
            "answer",
            "missing: every course exercise has a reference answer",
        ));
    }
    if !(2..=3).contains(&draft.hints.len()) {
        return Err(Problem::invalid(
            "hints",
            "give two or three hints: a nudge, then the operator to use (the answer is the last tier)",
        ));
    }
    let mut wrong_answers = Vec::new();
    for (i, value) in fields.opt_array("wrong")?.unwrap_or(&[]).iter().enumerate() {
        let wrong = Fields::of(value, &format!("wrong[{i}]"))?;
        wrong.only(&["pattern", "feedback"])?;
        wrong_answers.push(WrongAnswer {
            pattern: wrong.string("pattern")?.to_owned(),
            feedback: wrong.string("feedback")?.to_owned(),
        });
    }
    build(draft, format!("{lesson_id}/{id}"), wrong_answers)
}

/// The example's event: its text, or a catalog sample named by `sample`.
fn read_event_text(fields: &Fields<'_, serde_json::Value>) -> Result<String, Problem> {
    match (fields.opt_string("event")?, fields.opt_string("sample")?) {
        (Some(text), None) => Ok(text.to_owned()),
        (None, Some(name)) => find_sample(name)
            .map(|s| s.json().to_owned())
            .ok_or_else(|| {
                Problem::invalid(
                    fields.path("sample"),
                    format!("no catalog sample \"{name}\""),
                )
            }),
        (Some(_), Some(_)) => Err(Problem::syntax(
            fields.path("sample"),
            "give either `event` or `sample`, not both",
        )),
        (None, None) => Err(Problem::syntax(fields.path("event"), "missing")),
    }
}

/// A catalog sample by `partner-id/sample-name`.
fn find_sample(name: &str) -> Option<&'static catalog::Sample> {
    let (partner, sample) = name.split_once('/')?;
    catalog::partner(partner)?.sample(sample)
}

fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 40
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !text.starts_with('-')
        && !text.ends_with('-')
}
