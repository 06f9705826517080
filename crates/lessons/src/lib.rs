//! An interactive course on Amazon EventBridge event patterns, graded by the real matcher
//! (`event_pattern`), and the exercise format teachers share.
//!
//! - [`course()`]: the lessons, compiled in from `course/*.toml`.
//! - [`grade`]: grades a pattern text against an [`Exercise`] by outcome: valid, within the
//!   constraints, and matching exactly the events that should match (hidden ones included).
//! - [`Progress`]: per-exercise progress with a versioned JSON form.
//! - [`Exercise::from_document`] / [`Exercise::to_document`]: the versioned JSON document of a
//!   teacher's exercise (the web layer compresses it into a link). A determined learner can
//!   decode such a link and read the answer: it is a teaching aid, not an exam.
//!
//! ```
//! use lessons::{course, grade, Status};
//!
//! let lesson = &course().lessons()[0];
//! let exercise = &lesson.exercises()[0];
//! let answer = exercise.answer().unwrap();
//! assert_eq!(grade(exercise, answer).status, Status::Solved);
//! assert_eq!(grade(exercise, "{\"source\": []}").status, Status::Invalid);
//! ```
#![forbid(unsafe_code)]

mod constraint;
mod course;
mod error;
mod exercise;
mod grade;
pub mod markup;
mod progress;
mod read;

pub use constraint::{field_count, Constraint, Operator};
pub use course::{course, Course, Example, Lesson, Source, MAX_EXPLANATION_WORDS};
pub use error::{CourseError, ExerciseError, ProgressError};
pub use exercise::{
    DraftEvent, Exercise, ExerciseDraft, ExerciseEvent, Expectation, WrongAnswer,
    EXERCISE_FORMAT_VERSION, MAX_CONSTRAINTS, MAX_DOCUMENT_BYTES, MAX_EVENTS, MAX_EVENT_BYTES,
    MAX_HINTS, MAX_HINT_CHARS, MAX_TASK_CHARS, MAX_TITLE_CHARS,
};
pub use grade::{grade, ConstraintResult, EventVerdict, Feedback, FeedbackSource, Grade, Status};
pub use progress::{
    ExerciseProgress, Progress, MAX_KEPT_PATTERN_BYTES, MAX_KEY_CHARS, MAX_PROGRESS_BYTES,
    MAX_TRACKED_EXERCISES, OFFER_ANSWER_AFTER_TRIES, PROGRESS_FORMAT_VERSION,
};
