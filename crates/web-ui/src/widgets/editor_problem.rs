//! The message under a JSON editor whose text the matcher refuses, built from plain elements.

use web_sys::HtmlElement;

use crate::dom::{child, element};
use crate::pattern_check::EditorProblem;

/// The message under an editor whose text the matcher refuses: AWS's words, where, and our more
/// precise words when AWS's are vague. `id` is what the editor's `aria-describedby` names.
pub fn problem_note(id: &str, problem: &EditorProblem) -> HtmlElement {
    let note = element("p", "");
    fill_problem_note(&note, id, problem);
    note
}

/// Makes `note` (a `<p>`) the message for `problem`, replacing what it said before.
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
