//! A learner's progress, per exercise, as plain data with a versioned JSON form.

use crate::course::Lesson;
use crate::error::{Problem, ProblemKind, ProgressError};
use crate::exercise::Exercise;
use crate::grade::{Grade, Status};
use crate::read::{parse_json, versioned, Fields};
use event_pattern::json;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

/// The progress format this build writes and reads.
pub const PROGRESS_FORMAT_VERSION: u32 = 1;
/// Largest progress document read (bytes).
pub const MAX_PROGRESS_BYTES: usize = 4 * 1024 * 1024;
/// Most exercises tracked (the course has a few dozen; the rest are shared exercises).
pub const MAX_TRACKED_EXERCISES: usize = 2000;
/// Longest exercise key and longest kept pattern.
pub const MAX_KEY_CHARS: usize = 200;
pub const MAX_KEPT_PATTERN_BYTES: usize = 32 * 1024;
/// Tries after which the UI may offer the answer (also offered once every hint is used).
pub const OFFER_ANSWER_AFTER_TRIES: u32 = 3;

/// Progress on one exercise.
#[derive(Debug, Clone, Default)]
pub struct ExerciseProgress {
    /// Solved at least once (stays true when the pattern is edited afterwards).
    pub solved: bool,
    /// The learner's last pattern, restored into the editor.
    pub last_pattern: String,
    /// How many hints were revealed.
    pub hints_used: u32,
    /// Distinct wrong attempts (see [`ExerciseProgress::record`]).
    pub tries: u32,
    /// The reference answer was shown.
    pub answer_shown: bool,
    /// How the last recorded wrong attempt graded; not saved.
    last_outcome: Option<u64>,
}

impl PartialEq for ExerciseProgress {
    fn eq(&self, other: &Self) -> bool {
        (
            self.solved,
            &self.last_pattern,
            self.hints_used,
            self.tries,
            self.answer_shown,
        ) == (
            other.solved,
            &other.last_pattern,
            other.hints_used,
            other.tries,
            other.answer_shown,
        )
    }
}

impl Eq for ExerciseProgress {}

impl ExerciseProgress {
    /// Records a graded pattern; meant to be called on every grading (every keystroke).
    ///
    /// The pattern is kept; a solve is kept for good. A *try* is counted when a valid pattern
    /// grades wrong differently from the last counted try (other events wrong, or another
    /// constraint broken), so typing through one idea counts once and invalid half-typed text
    /// never counts.
    pub fn record(&mut self, pattern: &str, grade: &Grade) {
        pattern.clone_into(&mut self.last_pattern);
        if self.last_pattern.len() > MAX_KEPT_PATTERN_BYTES {
            self.last_pattern.clear();
        }
        match grade.status {
            Status::Solved => {
                self.solved = true;
                self.last_outcome = None;
            }
            Status::Wrong | Status::ConstraintUnmet => {
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                for verdict in &grade.events {
                    verdict.matched.hash(&mut hasher);
                }
                for constraint in &grade.constraints {
                    constraint.met.hash(&mut hasher);
                }
                let outcome = hasher.finish();
                if self.last_outcome != Some(outcome) {
                    self.tries = self.tries.saturating_add(1);
                    self.last_outcome = Some(outcome);
                }
            }
            Status::Empty | Status::Invalid => {}
        }
    }

    /// Reveals the next hint; returns how many are now revealed (at most `exercise`'s count).
    pub fn reveal_hint(&mut self, exercise: &Exercise) -> u32 {
        let available = exercise.hints().len() as u32;
        self.hints_used = (self.hints_used + 1).min(available);
        self.hints_used
    }

    /// May the UI offer "Show answer"? After [`OFFER_ANSWER_AFTER_TRIES`] tries, once every
    /// hint is revealed, or once solved; and only if the exercise has an answer.
    pub fn may_show_answer(&self, exercise: &Exercise) -> bool {
        exercise.answer().is_some()
            && (self.solved
                || self.tries >= OFFER_ANSWER_AFTER_TRIES
                || self.hints_used as usize >= exercise.hints().len())
    }

    /// Hidden events may be shown once solved or once the answer was shown.
    pub fn reveals_hidden_events(&self) -> bool {
        self.solved || self.answer_shown
    }
}

/// Progress on every exercise, keyed by [`Exercise::id`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    exercises: BTreeMap<String, ExerciseProgress>,
}

impl Progress {
    pub fn new() -> Progress {
        Progress::default()
    }

    pub fn get(&self, exercise_id: &str) -> Option<&ExerciseProgress> {
        self.exercises.get(exercise_id)
    }

    /// The entry for an exercise, created empty if needed.
    pub fn entry(&mut self, exercise_id: &str) -> &mut ExerciseProgress {
        self.exercises.entry(exercise_id.to_owned()).or_default()
    }

    /// Every tracked exercise, by id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ExerciseProgress)> {
        self.exercises.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn is_solved(&self, exercise_id: &str) -> bool {
        self.get(exercise_id).is_some_and(|p| p.solved)
    }

    /// (solved, total) exercises of a lesson, for the course outline.
    pub fn lesson_score(&self, lesson: &Lesson) -> (usize, usize) {
        let solved = lesson
            .exercises()
            .iter()
            .filter(|e| self.is_solved(e.id()))
            .count();
        (solved, lesson.exercises().len())
    }

    /// Forgets everything.
    pub fn reset(&mut self) {
        self.exercises.clear();
    }

    /// Forgets one exercise.
    pub fn reset_exercise(&mut self, exercise_id: &str) {
        self.exercises.remove(exercise_id);
    }

    /// Forgets every exercise of a lesson.
    pub fn reset_lesson(&mut self, lesson: &Lesson) {
        for exercise in lesson.exercises() {
            self.exercises.remove(exercise.id());
        }
    }

    /// The versioned JSON form:
    /// `{"version":1,"exercises":{"prefix/hosts":{"solved":true,"last_pattern":"…","hints_used":1,"tries":2,"answer_shown":false}}}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("progress is plain data")
    }

    /// Reads the JSON form. Damaged or unknown input gives an error naming the field, never a
    /// panic and never a half-read result. Unknown fields inside an entry are ignored (a newer
    /// build may add some without a new version).
    pub fn from_json(text: &str) -> Result<Progress, ProgressError> {
        let value =
            parse_json(text, MAX_PROGRESS_BYTES, "saved progress").map_err(ProgressError::new)?;
        Progress::from_value(&value).map_err(ProgressError::new)
    }

    fn from_value(value: &serde_json::Value) -> Result<Progress, Problem> {
        let fields = versioned(value, PROGRESS_FORMAT_VERSION.into(), "saved progress")?;
        fields.only(&["version", "exercises"])?;
        let Some(entries) = fields.value("exercises") else {
            return Ok(Progress::new());
        };
        let entries = Fields::of(entries, "exercises")?;
        let mut exercises = BTreeMap::new();
        for key in entries.keys() {
            if exercises.len() == MAX_TRACKED_EXERCISES {
                return Err(Problem::new(
                    ProblemKind::TooLarge,
                    "exercises",
                    format!("more than {MAX_TRACKED_EXERCISES} exercises"),
                ));
            }
            let at = format!("exercises[{}]", json::quote(key));
            if key.is_empty() || key.chars().count() > MAX_KEY_CHARS {
                return Err(Problem::syntax(
                    &at,
                    format!("an exercise id must have 1 to {MAX_KEY_CHARS} characters"),
                ));
            }
            let value = entries.value(key).expect("listed key");
            let entry = Fields::of(value, &at)?;
            let last_pattern = entry.opt_string("last_pattern")?.unwrap_or_default();
            if last_pattern.len() > MAX_KEPT_PATTERN_BYTES {
                return Err(Problem::new(
                    ProblemKind::TooLarge,
                    entry.path("last_pattern"),
                    format!("longer than {} KB", MAX_KEPT_PATTERN_BYTES / 1024),
                ));
            }
            exercises.insert(
                key.to_owned(),
                ExerciseProgress {
                    solved: entry.opt_bool("solved")?.unwrap_or(false),
                    last_pattern: last_pattern.to_owned(),
                    hints_used: entry.opt_u32("hints_used")?.unwrap_or(0),
                    tries: entry.opt_u32("tries")?.unwrap_or(0),
                    answer_shown: entry.opt_bool("answer_shown")?.unwrap_or(false),
                    last_outcome: None,
                },
            );
        }
        Ok(Progress { exercises })
    }
}

impl Serialize for ExerciseProgress {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("ExerciseProgress", 5)?;
        s.serialize_field("solved", &self.solved)?;
        s.serialize_field("last_pattern", &self.last_pattern)?;
        s.serialize_field("hints_used", &self.hints_used)?;
        s.serialize_field("tries", &self.tries)?;
        s.serialize_field("answer_shown", &self.answer_shown)?;
        s.end()
    }
}

/// Serializes as the versioned JSON form, so it can sit inside a larger saved state.
impl Serialize for Progress {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Progress", 2)?;
        s.serialize_field("version", &PROGRESS_FORMAT_VERSION)?;
        s.serialize_field("exercises", &self.exercises)?;
        s.end()
    }
}

/// Reads the versioned JSON form with the checks of [`Progress::from_json`].
impl<'de> Deserialize<'de> for Progress {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Progress, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Progress::from_value(&value)
            .map_err(|problem| serde::de::Error::custom(ProgressError::new(problem)))
    }
}
