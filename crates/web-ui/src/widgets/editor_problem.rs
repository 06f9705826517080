//! The message under a JSON editor whose text the matcher refuses, built from plain elements.

use std::cell::RefCell;

use web_sys::HtmlElement;

use crate::dom::{child, element};
use crate::pattern_check::EditorProblem;
use crate::widgets::json_editor::JsonEditorWidget;

/// The message under one editor: in the page while the editor's text has a problem (right after
/// the editor), updated in place while it has one.
pub struct ProblemNote {
    /// The note's DOM id, which the editor's `aria-describedby` names while there is a problem.
    id: String,
    editor_root: HtmlElement,
    shown: RefCell<Option<HtmlElement>>,
}

impl ProblemNote {
    /// The note of the editor built in `editor_root`.
    pub fn new(id: &str, editor_root: &HtmlElement) -> ProblemNote {
        ProblemNote {
            id: id.to_owned(),
            editor_root: editor_root.clone(),
            shown: RefCell::new(None),
        }
    }

    /// Shows `problem`, or takes the note away, and tells `editor` which.
    pub fn show(&self, editor: &JsonEditorWidget, problem: Option<&EditorProblem>) {
        editor.set_problem_id(problem.is_some().then_some(self.id.as_str()));
        let mut shown = self.shown.borrow_mut();
        match (problem, shown.as_ref()) {
            (Some(problem), Some(note)) => fill_problem_note(note, &self.id, problem),
            (Some(problem), None) => {
                let note = element("p", "");
                fill_problem_note(&note, &self.id, problem);
                let _ = self.editor_root.after_with_node_1(&note);
                *shown = Some(note);
            }
            (None, _) => {
                if let Some(note) = shown.take() {
                    note.remove();
                }
            }
        }
    }
}

/// Makes `note` (a `<p>`) the message for `problem`, replacing what it said before: AWS's words,
/// where, and our more precise words when AWS's are vague. `id` is what the editor's
/// `aria-describedby` names.
pub fn fill_problem_note(note: &HtmlElement, id: &str, problem: &EditorProblem) {
    note.set_class_name("editor-problem");
    note.set_id(id);
    note.set_text_content(Some(&problem.located_message()));
    if let Some(detail) = &problem.detail {
        child(
            note,
            "span",
            "editor-problem-detail",
            &format!(" ({detail})"),
        );
    }
}
