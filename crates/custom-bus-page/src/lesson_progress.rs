//! The lesson's progress: which tasks are solved and the learner's filters, kept in the
//! browser's storage as a small JSON document. A damaged document is set aside (never silently
//! overwritten) and the lesson starts afresh with a notice.

use custom_bus::lesson::Lesson;
use event_pattern::json::{self, ValueKind};

/// Where the progress is kept.
pub const STORAGE_KEY: &str = "eventbridge-playground/custom-bus-lesson/v1";
/// Where a damaged document is set aside.
pub const DAMAGED_KEY: &str = "eventbridge-playground/custom-bus-lesson/v1.damaged";
/// Largest document read (the answers of a handful of tasks fit in a few KB).
const MAX_DOCUMENT_BYTES: usize = 256 * 1024;

/// One task's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskProgress {
    /// Solved at least once.
    pub solved: bool,
    /// DATA, METADATA and SYSTEM_METADATA filters as last typed.
    pub answers: [String; 3],
}

/// The lesson's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonProgress {
    /// One entry per task, in order.
    pub tasks: Vec<TaskProgress>,
}

impl LessonProgress {
    /// A fresh start for `lesson`.
    pub fn new(lesson: &Lesson) -> LessonProgress {
        LessonProgress {
            tasks: vec![TaskProgress::default(); lesson.tasks.len()],
        }
    }

    /// Tasks solved.
    pub fn solved(&self) -> usize {
        self.tasks.iter().filter(|t| t.solved).count()
    }

    /// The document kept in storage.
    pub fn to_json(&self) -> String {
        let tasks: Vec<String> = self
            .tasks
            .iter()
            .map(|task| {
                let answers: Vec<String> = task.answers.iter().map(|a| json::quote(a)).collect();
                format!(
                    "{{\"solved\":{},\"answers\":[{}]}}",
                    task.solved,
                    answers.join(",")
                )
            })
            .collect();
        format!("{{\"tasks\":[{}]}}", tasks.join(","))
    }

    /// Reads a stored document for `lesson`; tasks the document lacks start fresh, extra ones
    /// are ignored (the lesson may have changed since).
    pub fn from_json(text: &str, lesson: &Lesson) -> Result<LessonProgress, String> {
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(format!(
                "it is {} bytes, more than the lesson ever writes",
                text.len()
            ));
        }
        let root = json::parse(text).map_err(|e| e.to_string())?;
        let Some(ValueKind::Array(items)) = root.get("tasks").map(|v| &v.kind) else {
            return Err("it has no \"tasks\" list".into());
        };
        let mut progress = LessonProgress::new(lesson);
        for (slot, item) in progress.tasks.iter_mut().zip(items) {
            match item.get("solved").map(|v| &v.kind) {
                Some(ValueKind::Bool(solved)) => slot.solved = *solved,
                _ => return Err("a task has no \"solved\" flag".into()),
            }
            if let Some(ValueKind::Array(answers)) = item.get("answers").map(|v| &v.kind) {
                for (answer, value) in slot.answers.iter_mut().zip(answers) {
                    match &value.kind {
                        ValueKind::String(text) => answer.clone_from(text),
                        _ => return Err("an answer is not a string".into()),
                    }
                }
            }
        }
        Ok(progress)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use custom_bus::lesson::SCOPES_LESSON;

    #[test]
    fn progress_survives_a_round_trip_with_hostile_text() {
        let mut progress = LessonProgress::new(&SCOPES_LESSON);
        progress.tasks[1].solved = true;
        progress.tasks[1].answers[0] = "{\"a\":[\"\\\"\u{202e}\n\"]}".into();
        progress.tasks[3].answers[1] = "</script>".into();
        let text = progress.to_json();
        assert_eq!(
            LessonProgress::from_json(&text, &SCOPES_LESSON).unwrap(),
            progress
        );
        assert_eq!(progress.solved(), 1);
    }

    #[test]
    fn damaged_documents_are_refused_with_a_reason() {
        for (text, why) in [
            ("{\"tasks\":", "line 1"),
            ("[]", "no \"tasks\""),
            ("{\"tasks\":[{\"answers\":[]}]}", "no \"solved\""),
            (
                "{\"tasks\":[{\"solved\":true,\"answers\":[1]}]}",
                "not a string",
            ),
        ] {
            let error = LessonProgress::from_json(text, &SCOPES_LESSON).unwrap_err();
            assert!(error.contains(why), "{text}: {error}");
        }
        let huge = format!(
            "{{\"tasks\":[],\"x\":\"{}\"}}",
            "a".repeat(MAX_DOCUMENT_BYTES)
        );
        assert!(LessonProgress::from_json(&huge, &SCOPES_LESSON).is_err());
    }

    #[test]
    fn a_shorter_or_longer_document_fits_the_lesson() {
        let short =
            LessonProgress::from_json("{\"tasks\":[{\"solved\":true}]}", &SCOPES_LESSON).unwrap();
        assert_eq!(short.tasks.len(), SCOPES_LESSON.tasks.len());
        assert!(short.tasks[0].solved && !short.tasks[1].solved);
    }
}
