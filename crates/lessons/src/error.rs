//! The crate's errors: each names the place that is wrong (a field path such as
//! `events[2].event`) and says what is wrong in words a teacher or lesson author can act on.

use std::fmt;

/// One problem found while reading or checking a document: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) kind: ProblemKind,
    /// Field path inside the document, e.g. `exercises[0].events[2].event`; empty for the whole.
    pub(crate) field: String,
    pub(crate) message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProblemKind {
    /// Not JSON, or not the expected shape.
    Syntax,
    /// Over a size or count limit.
    TooLarge,
    /// Written by a newer version of the format.
    NewerVersion,
    /// Readable, but the content breaks a rule (an invalid event, an unsolvable answer, ...).
    Invalid,
}

impl Problem {
    pub(crate) fn new(
        kind: ProblemKind,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            kind,
            field: field.into(),
            message: message.into(),
        }
    }

    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem::new(ProblemKind::Invalid, field, message)
    }

    pub(crate) fn syntax(field: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem::new(ProblemKind::Syntax, field, message)
    }

    pub(crate) fn too_large(field: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem::new(ProblemKind::TooLarge, field, message)
    }

    /// The same problem, seen from an enclosing document (`events[1]` inside `exercises[0]`).
    pub(crate) fn within(mut self, outer: &str) -> Problem {
        self.field = join_path(outer, &self.field);
        self
    }

    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

/// `outer` + `inner` as one field path (`exercises[0]` + `events[1]` → `exercises[0].events[1]`).
pub(crate) fn join_path(outer: &str, inner: &str) -> String {
    match (outer.is_empty(), inner.is_empty()) {
        (true, _) => inner.to_owned(),
        (false, true) => outer.to_owned(),
        (false, false) if inner.starts_with('[') => format!("{outer}{inner}"),
        (false, false) => format!("{outer}.{inner}"),
    }
}

/// Why an exercise (a teacher's document or draft) was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseError {
    problem: Problem,
}

impl ExerciseError {
    pub(crate) fn new(problem: Problem) -> ExerciseError {
        ExerciseError { problem }
    }

    /// The field at fault, as a path into the document (`events[2].event`, `answer`); empty when
    /// the document as a whole is at fault (not JSON, too large).
    pub fn field(&self) -> &str {
        &self.problem.field
    }

    /// What is wrong, without the field.
    pub fn message(&self) -> &str {
        &self.problem.message
    }

    /// True when the document was written by a newer version of the format: the page should
    /// suggest reloading to update rather than call the link damaged.
    pub fn is_newer_version(&self) -> bool {
        self.problem.kind == ProblemKind::NewerVersion
    }

    /// True when the document is over a size or count limit.
    pub fn is_too_large(&self) -> bool {
        self.problem.kind == ProblemKind::TooLarge
    }
}

impl fmt::Display for ExerciseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.problem.write(f)
    }
}

impl std::error::Error for ExerciseError {}

/// Why the course (or one lesson file) could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseError {
    file: String,
    problem: Problem,
}

impl CourseError {
    pub(crate) fn new(file: impl Into<String>, problem: Problem) -> CourseError {
        CourseError {
            file: file.into(),
            problem,
        }
    }

    /// The lesson file at fault, e.g. `prefix.toml` (empty for the course document as a whole).
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The field at fault inside the file, e.g. `exercises[1].events[0].event`.
    pub fn field(&self) -> &str {
        &self.problem.field
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.problem.message
    }
}

impl fmt::Display for CourseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.file.is_empty() {
            write!(f, "{}: ", self.file)?;
        }
        self.problem.write(f)
    }
}

impl std::error::Error for CourseError {}

/// Why saved progress could not be read. Nothing is half-read: the caller keeps what it had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressError {
    problem: Problem,
}

impl ProgressError {
    pub(crate) fn new(problem: Problem) -> ProgressError {
        ProgressError { problem }
    }

    /// The field at fault, e.g. `exercises["prefix/hosts"].tries`.
    pub fn field(&self) -> &str {
        &self.problem.field
    }

    pub fn message(&self) -> &str {
        &self.problem.message
    }

    /// True when the progress was saved by a newer version of the playground.
    pub fn is_newer_version(&self) -> bool {
        self.problem.kind == ProblemKind::NewerVersion
    }
}

impl fmt::Display for ProgressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.problem.write(f)
    }
}

impl std::error::Error for ProgressError {}
