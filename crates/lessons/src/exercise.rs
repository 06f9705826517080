//! Exercises: a task, events marked "should match" or "should not match" (some hidden until
//! solved), constraints, hints and a reference answer; and the versioned JSON document in which
//! teachers share them.

use crate::constraint::{contradiction, Constraint};
use crate::error::{ExerciseError, Problem};
use crate::grade::{grade, Status};
use crate::read::{kind_of, parse_document, versioned, Fields, JsonValue, Shape};
use event_pattern::{json, Event, MAX_PATTERN_LENGTH};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The exercise document format this build writes and reads.
pub const EXERCISE_FORMAT_VERSION: u32 = 1;
/// Largest exercise document accepted (bytes of JSON, before any link encoding).
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024;
/// Most events one exercise may have.
pub const MAX_EVENTS: usize = 24;
/// Largest single event (bytes). Partner sample events are 1-3 KB.
pub const MAX_EVENT_BYTES: usize = 16 * 1024;
/// Longest task sentence (characters).
pub const MAX_TASK_CHARS: usize = 600;
/// Longest title and event label (characters).
pub const MAX_TITLE_CHARS: usize = 120;
/// Most hints, and the longest hint (characters).
pub const MAX_HINTS: usize = 5;
pub const MAX_HINT_CHARS: usize = 500;
/// Most constraints.
pub const MAX_CONSTRAINTS: usize = 8;

/// What an event should do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Expectation {
    Match,
    NoMatch,
}

impl Expectation {
    pub fn should_match(self) -> bool {
        self == Expectation::Match
    }

    pub fn name(self) -> &'static str {
        match self {
            Expectation::Match => "match",
            Expectation::NoMatch => "no-match",
        }
    }

    fn from_name(name: &str) -> Option<Expectation> {
        match name {
            "match" => Some(Expectation::Match),
            "no-match" => Some(Expectation::NoMatch),
            _ => None,
        }
    }
}

/// One event of an exercise, parsed and checked as `TestEventPattern` would.
#[derive(Debug, Clone)]
pub struct ExerciseEvent {
    label: String,
    text: String,
    expectation: Expectation,
    hidden: bool,
    event: Event,
}

impl ExerciseEvent {
    /// A short name for the event (may be empty: the UI then numbers it).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The event's JSON, exactly as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn expectation(&self) -> Expectation {
        self.expectation
    }

    /// Hidden events are graded from the start but shown only once the exercise is solved (or
    /// its answer shown), so a pattern fitted to the visible events alone does not pass.
    pub fn is_hidden(&self) -> bool {
        self.hidden
    }

    /// The parsed event (for the matcher and `event_pattern::explain`).
    pub fn event(&self) -> &Event {
        &self.event
    }
}

/// A mistake learners typically make, and what they are told when they make it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongAnswer {
    pub pattern: String,
    pub feedback: String,
}

/// A checked exercise. Build one from a [`ExerciseDraft`] or a teacher's document
/// ([`Exercise::from_document`]); the course's come with [`crate::course`].
#[derive(Debug, Clone)]
pub struct Exercise {
    id: String,
    title: String,
    task: String,
    start: String,
    events: Vec<ExerciseEvent>,
    constraints: Vec<Constraint>,
    hints: Vec<String>,
    answer: Option<String>,
    wrong_answers: Vec<WrongAnswer>,
    /// How each wrong answer grades, computed on first use (see `grade`).
    pub(crate) wrong_signatures: OnceLock<Vec<crate::grade::Signature>>,
}

impl Exercise {
    /// A key that identifies the exercise for progress: `lesson/exercise` in the course,
    /// `shared-<16 hex digits>` (a hash of the document) for a teacher's exercise.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Optional short title (teachers' exercises; empty in the course, where the lesson has one).
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The task, one or two sentences of markdown-light ([`crate::markup`]).
    pub fn task(&self) -> &str {
        &self.task
    }

    /// What the editor holds at first: empty, a partial pattern, or a broken one to fix.
    pub fn start(&self) -> &str {
        &self.start
    }

    pub fn events(&self) -> &[ExerciseEvent] {
        &self.events
    }

    pub fn constraints(&self) -> &[Constraint] {
        &self.constraints
    }

    /// Hints in the order they are revealed: first a nudge, then the operator to use. The last
    /// tier is the [answer](Exercise::answer) itself.
    pub fn hints(&self) -> &[String] {
        &self.hints
    }

    /// The reference answer (any pattern that solves the exercise passes, not only this one).
    /// Always present in the course; optional in teachers' exercises.
    pub fn answer(&self) -> Option<&str> {
        self.answer.as_deref()
    }

    /// Typical wrong answers and their feedback (the course's; teachers' exercises have none).
    pub fn wrong_answers(&self) -> &[WrongAnswer] {
        &self.wrong_answers
    }

    /// The exercise as an editable draft (what a teacher's editor holds).
    pub fn to_draft(&self) -> ExerciseDraft {
        ExerciseDraft {
            title: self.title.clone(),
            task: self.task.clone(),
            start: self.start.clone(),
            events: self
                .events
                .iter()
                .map(|e| DraftEvent {
                    label: e.label.clone(),
                    event: e.text.clone(),
                    expect: e.expectation,
                    hidden: e.hidden,
                })
                .collect(),
            hints: self.hints.clone(),
            answer: self.answer.clone(),
            constraints: self.constraints.clone(),
        }
    }

    /// The versioned JSON document for sharing: compact, event texts kept exactly as written.
    ///
    /// A link carries the whole document, reference answer included: a learner who decodes it
    /// can read the answer. It is a teaching aid, not an exam.
    pub fn to_document(&self) -> String {
        self.to_draft().to_document()
    }

    /// Reads and checks a teacher's document (see the crate README for the format).
    pub fn from_document(text: &str) -> Result<Exercise, ExerciseError> {
        let value = parse_document(text, MAX_DOCUMENT_BYTES, "exercise document")
            .map_err(ExerciseError::new)?;
        let fields = versioned(&value, EXERCISE_FORMAT_VERSION.into(), "exercise document")
            .map_err(ExerciseError::new)?;
        let draft = read_draft(&fields, &["version"]).map_err(ExerciseError::new)?;
        draft.build()
    }
}

/// An exercise being written: plain data with no checks, as a teacher's editor holds it.
/// [`ExerciseDraft::build`] checks it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExerciseDraft {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub task: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub start: String,
    pub events: Vec<DraftEvent>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<Constraint>,
}

/// One event of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftEvent {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// The event's JSON text, kept exactly as pasted.
    pub event: String,
    pub expect: Expectation,
    #[serde(default, skip_serializing_if = "is_false")]
    pub hidden: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl ExerciseDraft {
    /// Checks the draft and builds the exercise. Errors name the field: `events[2].event`,
    /// `answer`, ... See the crate README for every rule.
    pub fn build(self) -> Result<Exercise, ExerciseError> {
        let id = format!("shared-{:016x}", fnv1a(self.to_document().as_bytes()));
        let exercise = build(self, id, Vec::new()).map_err(ExerciseError::new)?;
        if let Some(answer) = exercise.answer() {
            check_answer_solves(&exercise, answer).map_err(ExerciseError::new)?;
        }
        Ok(exercise)
    }

    /// The versioned JSON document (no checks: see [`ExerciseDraft::build`]).
    ///
    /// Written by hand, byte for byte as serde_json writes the draft (a test compares them): a
    /// shared exercise's id is a hash of this text and the course keeps progress by that id, and
    /// the exercise embed has no serde_json (issue 14).
    pub fn to_document(&self) -> String {
        let mut out = format!("{{\"version\":{EXERCISE_FORMAT_VERSION}");
        if !self.title.is_empty() {
            member(&mut out, "title", &json::quote(&self.title));
        }
        member(&mut out, "task", &json::quote(&self.task));
        if !self.start.is_empty() {
            member(&mut out, "start", &json::quote(&self.start));
        }
        member(
            &mut out,
            "events",
            &list(self.events.iter().map(DraftEvent::to_json)),
        );
        if !self.hints.is_empty() {
            member(
                &mut out,
                "hints",
                &list(self.hints.iter().map(|h| json::quote(h))),
            );
        }
        if let Some(answer) = &self.answer {
            member(&mut out, "answer", &json::quote(answer));
        }
        if !self.constraints.is_empty() {
            let constraints = self.constraints.iter().map(|constraint| {
                let (key, value) = match constraint {
                    Constraint::Use(op) => ("use", json::quote(op.name())),
                    Constraint::Avoid(op) => ("avoid", json::quote(op.name())),
                    Constraint::MaxFields(max) => ("max-fields", max.to_string()),
                };
                format!("{{{}:{value}}}", json::quote(key))
            });
            member(&mut out, "constraints", &list(constraints));
        }
        out.push('}');
        out
    }
}

impl DraftEvent {
    /// The event as a member of a document's `events`.
    fn to_json(&self) -> String {
        let mut out = String::from("{");
        if !self.label.is_empty() {
            member(&mut out, "label", &json::quote(&self.label));
        }
        member(&mut out, "event", &json::quote(&self.event));
        member(&mut out, "expect", &json::quote(self.expect.name()));
        if self.hidden {
            member(&mut out, "hidden", "true");
        }
        out.push('}');
        out
    }
}

/// Appends `"key":value` to an object being written (after a comma unless it is the first).
fn member(out: &mut String, key: &str, value: &str) {
    if !out.ends_with('{') {
        out.push(',');
    }
    out.push_str(&json::quote(key));
    out.push(':');
    out.push_str(value);
}

/// `[a,b,…]`.
fn list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(","))
}

/// Reads the draft fields of an exercise object (`extra` names other allowed fields).
pub(crate) fn read_draft<V: JsonValue>(
    fields: &Fields<'_, V>,
    extra: &[&str],
) -> Result<ExerciseDraft, Problem> {
    let mut allowed = vec![
        "title",
        "task",
        "start",
        "events",
        "hints",
        "answer",
        "constraints",
    ];
    allowed.extend_from_slice(extra);
    fields.only(&allowed)?;
    let mut events = Vec::new();
    for (i, value) in fields.array("events")?.iter().enumerate() {
        let path = fields.path(&format!("events[{i}]"));
        events.push(read_event(&Fields::of(value, &path)?)?);
    }
    let constraints = fields
        .opt_array("constraints")?
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .map(|(i, value)| Constraint::read(value, &fields.path(&format!("constraints[{i}]"))))
        .collect::<Result<_, _>>()?;
    Ok(ExerciseDraft {
        title: fields.opt_string("title")?.unwrap_or_default().to_owned(),
        task: fields.string("task")?.to_owned(),
        start: fields.opt_string("start")?.unwrap_or_default().to_owned(),
        events,
        hints: fields
            .strings("hints")?
            .into_iter()
            .map(str::to_owned)
            .collect(),
        answer: fields.opt_string("answer")?.map(str::to_owned),
        constraints,
    })
}

fn read_event<V: JsonValue>(fields: &Fields<'_, V>) -> Result<DraftEvent, Problem> {
    fields.only(&["label", "event", "expect", "hidden"])?;
    let expect = match fields.value("expect").map(JsonValue::shape) {
        None => {
            return Err(Problem::syntax(
                fields.path("expect"),
                "missing (\"match\" or \"no-match\")",
            ))
        }
        Some(Shape::String(name)) => Expectation::from_name(name).ok_or_else(|| {
            Problem::syntax(
                fields.path("expect"),
                format!("\"{name}\" is neither \"match\" nor \"no-match\""),
            )
        })?,
        Some(other) => {
            return Err(Problem::syntax(
                fields.path("expect"),
                format!(
                    "expected \"match\" or \"no-match\", found {}",
                    kind_of(&other)
                ),
            ))
        }
    };
    Ok(DraftEvent {
        label: fields.opt_string("label")?.unwrap_or_default().to_owned(),
        event: fields.string("event")?.to_owned(),
        expect,
        hidden: fields.opt_bool("hidden")?.unwrap_or(false),
    })
}

/// Checks a draft's content and builds the exercise (the answer is checked by the caller).
pub(crate) fn build(
    draft: ExerciseDraft,
    id: String,
    wrong_answers: Vec<WrongAnswer>,
) -> Result<Exercise, Problem> {
    let chars = |s: &str| s.chars().count();
    if chars(&draft.title) > MAX_TITLE_CHARS {
        return Err(Problem::too_large(
            "title",
            format!("longer than {MAX_TITLE_CHARS} characters"),
        ));
    }
    if draft.task.trim().is_empty() {
        return Err(Problem::invalid(
            "task",
            "write the task: what should the pattern match?",
        ));
    }
    if chars(&draft.task) > MAX_TASK_CHARS {
        return Err(Problem::too_large(
            "task",
            format!("longer than {MAX_TASK_CHARS} characters"),
        ));
    }
    if draft.start.encode_utf16().count() > MAX_PATTERN_LENGTH {
        return Err(Problem::too_large(
            "start",
            format!("longer than a pattern may be ({MAX_PATTERN_LENGTH} characters)"),
        ));
    }
    if draft.events.len() < 2 {
        return Err(Problem::invalid(
            "events",
            "an exercise needs at least two events: one that should match and one that should not",
        ));
    }
    if draft.events.len() > MAX_EVENTS {
        return Err(Problem::too_large(
            "events",
            format!("more than {MAX_EVENTS} events"),
        ));
    }
    let mut events: Vec<ExerciseEvent> = Vec::with_capacity(draft.events.len());
    for (i, e) in draft.events.into_iter().enumerate() {
        let at = format!("events[{i}]");
        if chars(&e.label) > MAX_TITLE_CHARS {
            return Err(Problem::too_large(
                format!("{at}.label"),
                format!("longer than {MAX_TITLE_CHARS} characters"),
            ));
        }
        if e.event.len() > MAX_EVENT_BYTES {
            return Err(Problem::too_large(
                format!("{at}.event"),
                format!("the event is larger than {} KB", MAX_EVENT_BYTES / 1024),
            ));
        }
        let event = Event::parse(&e.event).map_err(|error| {
            Problem::invalid(
                format!("{at}.event"),
                format!("not an event TestEventPattern accepts: {}", error.detail()),
            )
        })?;
        if let Some((j, earlier)) = events
            .iter()
            .enumerate()
            .find(|(_, earlier)| earlier.text.trim() == e.event.trim())
        {
            if earlier.expectation != e.expect {
                return Err(Problem::invalid(
                    format!("{at}.expect"),
                    format!("the same event as events[{j}], which expects \"{}\": no pattern can do both", earlier.expectation.name()),
                ));
            }
        }
        events.push(ExerciseEvent {
            label: e.label,
            text: e.event,
            expectation: e.expect,
            hidden: e.hidden,
            event,
        });
    }
    for wanted in [Expectation::Match, Expectation::NoMatch] {
        if !events.iter().any(|e| e.expectation == wanted) {
            return Err(Problem::invalid(
                "events",
                format!("mark at least one event \"{}\"", wanted.name()),
            ));
        }
    }
    if draft.hints.len() > MAX_HINTS {
        return Err(Problem::too_large(
            "hints",
            format!("more than {MAX_HINTS} hints"),
        ));
    }
    for (i, hint) in draft.hints.iter().enumerate() {
        if hint.trim().is_empty() {
            return Err(Problem::invalid(format!("hints[{i}]"), "empty hint"));
        }
        if chars(hint) > MAX_HINT_CHARS {
            return Err(Problem::too_large(
                format!("hints[{i}]"),
                format!("longer than {MAX_HINT_CHARS} characters"),
            ));
        }
    }
    if draft.constraints.len() > MAX_CONSTRAINTS {
        return Err(Problem::too_large(
            "constraints",
            format!("more than {MAX_CONSTRAINTS} constraints"),
        ));
    }
    if let Some((i, j)) = contradiction(&draft.constraints) {
        return Err(Problem::invalid(
            format!("constraints[{j}]"),
            format!("contradicts constraints[{i}]: no pattern can meet both"),
        ));
    }
    if let Some(answer) = &draft.answer {
        if answer.trim().is_empty() {
            return Err(Problem::invalid("answer", "empty (leave it out instead)"));
        }
    }
    Ok(Exercise {
        id,
        title: draft.title,
        task: draft.task,
        start: draft.start,
        events,
        constraints: draft.constraints,
        hints: draft.hints,
        answer: draft.answer,
        wrong_answers,
        wrong_signatures: OnceLock::new(),
    })
}

/// The answer must be a valid pattern that solves the exercise; the error says how it fails.
pub(crate) fn check_answer_solves(exercise: &Exercise, answer: &str) -> Result<(), Problem> {
    let result = grade(exercise, answer);
    match result.status {
        Status::Solved => Ok(()),
        Status::Empty => Err(Problem::invalid("answer", "empty")),
        Status::Invalid => Err(Problem::invalid(
            "answer",
            result
                .error
                .map(|e| e.message().to_owned())
                .unwrap_or_default(),
        )),
        Status::ConstraintUnmet => Err(Problem::invalid(
            "answer",
            format!(
                "breaks a constraint: {}",
                result
                    .constraints
                    .iter()
                    .find(|c| !c.met)
                    .map(|c| c.message.as_str())
                    .unwrap_or_default()
            ),
        )),
        Status::Wrong => {
            let wrong = result
                .events
                .iter()
                .find(|v| !v.is_correct())
                .expect("a wrong grade has a wrong event");
            Err(Problem::invalid(
                "answer",
                format!(
                    "does not solve the exercise: events[{}] should {} but {}",
                    wrong.index,
                    if wrong.expected.should_match() {
                        "match"
                    } else {
                        "not match"
                    },
                    if wrong.expected.should_match() {
                        "does not"
                    } else {
                        "does"
                    },
                ),
            ))
        }
    }
}

/// FNV-1a, 64 bits: a stable fingerprint for progress keys (not for security).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
