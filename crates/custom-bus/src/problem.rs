//! Validation problems: every problem of a request, each with the field it is about.
//!
//! AWS answers a bad `CreateSubscriber` with one `InvalidInputException` (or a
//! `ValidationException` for model constraints) naming the member, e.g.
//! `InvokeConfiguration.TargetArn: TargetArn is not a supported subscriber target`
//! (<https://github.com/aws/agent-toolkit-for-aws/blob/main/skills/specialized-skills/serverless-skills/amazon-eventbridge-event-bus/references/target-contract.md>,
//! secondary). A builder wants all of them at once, so validation collects every problem; each
//! says whether its text is AWS's ([`Problem::is_aws_text`]) or ours, written where AWS's text is
//! not documented.

use std::fmt;

/// One step of a [`FieldPath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// A member, by its API name (`FilterConfiguration`).
    Field(&'static str),
    /// An element of a list, 0-based.
    Index(usize),
}

/// Where a problem is, in the API's member names: `FilterConfiguration.Filters[1].Pattern`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FieldPath(Vec<PathSegment>);

impl FieldPath {
    /// The request itself.
    pub fn root() -> FieldPath {
        FieldPath(Vec::new())
    }

    /// This path, then member `name`.
    pub fn field(&self, name: &'static str) -> FieldPath {
        let mut segments = self.0.clone();
        segments.push(PathSegment::Field(name));
        FieldPath(segments)
    }

    /// This path, then list element `index`.
    pub fn index(&self, index: usize) -> FieldPath {
        let mut segments = self.0.clone();
        segments.push(PathSegment::Index(index));
        FieldPath(segments)
    }

    /// The steps.
    pub fn segments(&self) -> &[PathSegment] {
        &self.0
    }

    /// Whether `self` is `other` or lies under it.
    pub fn starts_with(&self, other: &FieldPath) -> bool {
        self.0.starts_with(&other.0)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                PathSegment::Field(name) if i == 0 => f.write_str(name)?,
                PathSegment::Field(name) => write!(f, ".{name}")?,
                PathSegment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

aws_model::string_enum! {
    /// What kind of problem; stable names for the UI and tests.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ProblemKind {
        /// A required member is missing.
        Missing = "missing",
        /// A name breaks the naming rules.
        BadName = "bad-name",
        /// An ARN is malformed or names the wrong kind of resource.
        BadArn = "bad-arn",
        /// A number is outside its range.
        OutOfRange = "out-of-range",
        /// A list has too few or too many entries, or a text is too long.
        BadLength = "bad-length",
        /// The event pattern is not a valid EventBridge pattern.
        InvalidPattern = "invalid-pattern",
        /// A `wildcard` operator, which subscriber filters do not support.
        Wildcard = "wildcard",
        /// A `METADATA` filter uses something other than exact values.
        MetadataNotExact = "metadata-not-exact",
        /// More than one filter for one scope.
        RepeatedScope = "repeated-scope",
        /// A JSONata expression is not wrapped in `{% %}` or does not parse.
        InvalidJsonata = "invalid-jsonata",
        /// Members that cannot be used together, or a value this target does not allow.
        Conflict = "conflict",
        /// An event source pattern names a field the managed rule sets itself.
        ReservedField = "reserved-field",
    }
}

aws_model::string_enum! {
    /// Whether AWS refuses the request or only a guide advises against it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Severity {
        /// The request is refused.
        Error = "error",
        /// Accepted by the API, but a documented source says not to (see DESIGN.md).
        Warning = "warning",
    }
}

/// One problem of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    path: FieldPath,
    kind: ProblemKind,
    severity: Severity,
    message: String,
    aws_text: bool,
}

impl Problem {
    /// An error whose text is ours (AWS documents none).
    pub(crate) fn ours(path: FieldPath, kind: ProblemKind, message: impl Into<String>) -> Problem {
        Problem {
            path,
            kind,
            severity: Severity::Error,
            message: message.into(),
            aws_text: false,
        }
    }

    /// An error with AWS's documented text.
    pub(crate) fn aws(path: FieldPath, kind: ProblemKind, message: impl Into<String>) -> Problem {
        Problem {
            aws_text: true,
            ..Problem::ours(path, kind, message)
        }
    }

    pub(crate) fn warning(self) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..self
        }
    }

    /// The member the problem is about.
    pub fn path(&self) -> &FieldPath {
        &self.path
    }

    /// What kind of problem.
    pub fn kind(&self) -> ProblemKind {
        self.kind
    }

    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The message, without the path.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// True when the message is AWS's documented text; false when AWS documents none and the
    /// text is ours.
    pub fn is_aws_text(&self) -> bool {
        self.aws_text
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.segments().is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Every problem of a request, in the order of its members. Errors refuse the request;
/// warnings alone do not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(Vec<Problem>);

impl Problems {
    pub(crate) fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    pub(crate) fn extend(&mut self, other: Problems) {
        self.0.extend(other.0);
    }

    /// All problems, errors and warnings, in member order.
    pub fn all(&self) -> &[Problem] {
        &self.0
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| p.severity == Severity::Error)
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| p.severity == Severity::Warning)
    }

    /// True when nothing refuses the request.
    pub fn is_accepted(&self) -> bool {
        self.errors().next().is_none()
    }

    /// The problems at or under `path`.
    pub fn under<'a>(&'a self, path: &'a FieldPath) -> impl Iterator<Item = &'a Problem> + 'a {
        self.0.iter().filter(move |p| p.path.starts_with(path))
    }

    /// One line per problem, errors first, for people.
    pub fn describe(&self) -> String {
        let mut sorted: Vec<&Problem> = self.0.iter().collect();
        sorted.sort_by_key(|p| p.severity);
        let mut out = String::new();
        for problem in sorted {
            let label = match problem.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let whose = if problem.aws_text {
                ""
            } else {
                " (our wording)"
            };
            out.push_str(&format!("{label}: {problem}{whose}\n"));
        }
        out
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

impl std::error::Error for Problems {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_the_api() {
        let path = FieldPath::root()
            .field("FilterConfiguration")
            .field("Filters")
            .index(1)
            .field("Pattern");
        assert_eq!(path.to_string(), "FilterConfiguration.Filters[1].Pattern");
        assert!(path.starts_with(&FieldPath::root().field("FilterConfiguration")));
        assert!(!path.starts_with(&FieldPath::root().field("RetryPolicy")));
    }

    #[test]
    fn warnings_do_not_refuse() {
        let mut problems = Problems::default();
        problems.push(
            Problem::ours(FieldPath::root().field("Name"), ProblemKind::BadName, "x").warning(),
        );
        assert!(problems.is_accepted());
        problems.push(Problem::aws(
            FieldPath::root().field("Name"),
            ProblemKind::BadName,
            "y",
        ));
        assert!(!problems.is_accepted());
        assert_eq!(
            problems.describe(),
            "error: Name: y\nwarning: Name: x (our wording)\n"
        );
    }
}
