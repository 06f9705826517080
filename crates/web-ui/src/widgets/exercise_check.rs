//! An exercise graded live, built from plain elements: the pattern editor with AWS's error at its
//! place, the feedback, the exercise's rules, and the table of events with ✓/✗ and, for each
//! event graded wrong, why it matched or not, field by field. The course and the exercise embed
//! both use it; what surrounds it (the task, hints, the answer, progress) is theirs.

use std::cell::RefCell;

use lessons::{ConstraintResult, Exercise, Grade, Status};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, Text};

use crate::dom::{child, document, element};
use crate::exercise_view::{
    announcement, event_rows, hidden_summary, pattern_highlights, pattern_problem, EventRow,
};
use crate::widgets::editor_problem::ProblemNote;
use crate::widgets::json_editor::{EditorSettings, JsonEditorWidget};
use crate::widgets::markup::append_inline_markup;
use crate::widgets::match_result::show_event_trace;

/// The graded exercise in the page.
pub struct ExerciseCheckWidget {
    editor: JsonEditorWidget,
    problem: ProblemNote,
    feedback: HtmlElement,
    announcement: HtmlElement,
    /// The exercise's rules, in the page only when it has some.
    rules: HtmlElement,
    table: HtmlElement,
    body: HtmlElement,
    hidden: HtmlElement,
    rows: RefCell<Vec<DrawnRow>>,
}

/// One event's rows as drawn. Rows are updated in place, so an event whose text the learner
/// opened (`<details>`) stays open while they type.
struct DrawnRow {
    shown: EventRow,
    row: RowElements,
    /// The "why" row under an event graded wrong.
    why: Option<HtmlElement>,
}

/// The elements of an event's row that change with the grade.
struct RowElements {
    tr: HtmlElement,
    summary: HtmlElement,
    text: HtmlElement,
    expected: HtmlElement,
    symbol: HtmlElement,
    words: HtmlElement,
    outcome: Text,
}

impl RowElements {
    /// A new, empty row at the end of `body`.
    fn new(body: &HtmlElement) -> RowElements {
        let tr = child(body, "tr", "", "");
        let details = child(&child(&tr, "td", "", ""), "details", "event-text", "");
        let summary = child(&details, "summary", "", "");
        let text = child(&details, "pre", "code-block", "");
        let expected = child(&tr, "td", "", "");
        let mark = child(&tr, "td", "event-mark", "");
        let symbol = child(&mark, "span", "", "");
        let _ = symbol.set_attribute("aria-hidden", "true");
        let words = child(&mark, "span", "visually-hidden", "");
        let outcome = document().create_text_node("");
        let _ = mark.append_child(&outcome);
        RowElements {
            tr,
            summary,
            text,
            expected,
            symbol,
            words,
            outcome,
        }
    }

    fn fill(&self, row: &EventRow) {
        self.tr
            .set_class_name(&format!("event-row {}", row.mark.class()));
        let _ = self.tr.set_attribute("data-event", &row.index.to_string());
        let name = if row.label.is_empty() {
            format!("Event {}", row.index + 1)
        } else {
            row.label.clone()
        };
        let summary = if row.was_hidden {
            format!("{name} (was hidden)")
        } else {
            name
        };
        self.summary.set_text_content(Some(&summary));
        self.text.set_text_content(Some(&row.text));
        self.expected.set_text_content(Some(row.expected));
        self.symbol
            .set_text_content(Some(&format!("{} ", row.mark.symbol())));
        self.words
            .set_text_content(Some(&format!("{}: ", row.mark.words())));
        self.outcome.set_data(row.outcome);
    }

    fn remove(&self) {
        self.tr.remove();
    }
}

impl ExerciseCheckWidget {
    /// Builds the exercise inside `root` (a `<div>`), replacing what it held. `id` is a DOM id
    /// prefix unique on the page; `on_change` receives each pattern the learner types.
    pub fn build(
        root: &HtmlElement,
        id: &str,
        on_change: impl Fn(String) + 'static,
    ) -> ExerciseCheckWidget {
        root.set_text_content(None);
        root.set_class_name("exercise-check");
        let editor_root = child(root, "div", "", "");
        let editor_id = format!("{id}-pattern");
        let settings = EditorSettings {
            label: "Your pattern",
            id: &editor_id,
            readonly: false,
        };
        let editor = JsonEditorWidget::build(&editor_root, &settings, on_change);
        let feedback = child(root, "p", "", "");
        let announcement = child(root, "p", "visually-hidden", "");
        let _ = announcement.set_attribute("role", "status");
        let _ = announcement.set_attribute("aria-live", "polite");
        let rules = element("ul", "exercise-rules");
        let _ = rules.set_attribute("aria-label", "Rules of the exercise");
        let table = child(root, "table", "event-table", "");
        child(
            &table,
            "caption",
            "",
            "Events: each must match, or not, as marked",
        );
        let head = child(&child(&table, "thead", "", ""), "tr", "", "");
        for title in ["Event", "Expected", "Your pattern"] {
            let _ = child(&head, "th", "", title).set_attribute("scope", "col");
        }
        let body = child(&table, "tbody", "", "");
        let hidden = element("p", "hidden-events");
        ExerciseCheckWidget {
            editor,
            problem: ProblemNote::new(&format!("{id}-problem"), &editor_root),
            feedback,
            announcement,
            rules,
            table,
            body,
            hidden,
            rows: RefCell::new(Vec::new()),
        }
    }

    /// Shows `text` in the editor (the owner's own change), unless it is already shown.
    pub fn set_text(&self, text: &str) {
        self.editor.set_text(text);
    }

    /// Shows a grade. `reveal` shows the hidden events (solved or given up).
    pub fn show(&self, exercise: &Exercise, grade: &Grade, reveal: bool) {
        self.problem
            .show(&self.editor, pattern_problem(grade).as_ref());
        self.editor
            .set_highlights(&pattern_highlights(grade, reveal));
        self.feedback.set_class_name(match grade.status {
            Status::Solved => "exercise-feedback feedback-solved",
            Status::Empty => "exercise-feedback feedback-waiting",
            _ => "exercise-feedback feedback-wrong",
        });
        let _ = self
            .feedback
            .set_attribute("data-status", status_name(grade.status));
        self.feedback.set_text_content(None);
        append_inline_markup(&self.feedback, &grade.feedback.message);
        self.announcement
            .set_text_content(Some(&announcement(grade)));
        self.show_rules(&grade.constraints);
        self.show_rows(event_rows(exercise, grade, reveal));
        match hidden_summary(grade, reveal) {
            Some(summary) => {
                self.hidden.set_text_content(Some(&summary.sentence()));
                if !self.hidden.is_connected() {
                    let _ = self.table.after_with_node_1(&self.hidden);
                }
            }
            None => self.hidden.remove(),
        }
    }

    fn show_rules(&self, constraints: &[ConstraintResult]) {
        if constraints.is_empty() {
            self.rules.remove();
            return;
        }
        self.rules.set_text_content(None);
        for constraint in constraints {
            let (class, mark, words) = if constraint.met {
                ("grade-right", "✓ ", "met: ")
            } else {
                ("grade-wrong", "✗ ", "broken: ")
            };
            let item = child(&self.rules, "li", class, "");
            let _ = child(&item, "span", "", mark).set_attribute("aria-hidden", "true");
            child(&item, "span", "visually-hidden", words);
            append_inline_markup(&child(&item, "span", "", ""), &constraint.message);
        }
        if !self.rules.is_connected() {
            let _ = self.table.before_with_node_1(&self.rules);
        }
    }

    fn show_rows(&self, rows: Vec<EventRow>) {
        let mut drawn = self.rows.borrow_mut();
        let count = rows.len();
        for (at, row) in rows.into_iter().enumerate() {
            match drawn.get_mut(at) {
                Some(old) if old.shown == row => {}
                Some(old) => {
                    old.row.fill(&row);
                    old.why = show_why(&self.body, &old.row.tr, old.why.take(), &row);
                    old.shown = row;
                }
                None => {
                    let elements = RowElements::new(&self.body);
                    elements.fill(&row);
                    let why = show_why(&self.body, &elements.tr, None, &row);
                    drawn.push(DrawnRow {
                        shown: row,
                        row: elements,
                        why,
                    });
                }
            }
        }
        for old in drawn.drain(count..) {
            old.row.remove();
            if let Some(why) = old.why {
                why.remove();
            }
        }
    }
}

/// The "why" row under `tr` for an event graded wrong (added, updated or removed).
fn show_why(
    body: &HtmlElement,
    tr: &HtmlElement,
    old: Option<HtmlElement>,
    row: &EventRow,
) -> Option<HtmlElement> {
    let Some(trace) = &row.why else {
        if let Some(old) = old {
            old.remove();
        }
        return None;
    };
    let why = old.unwrap_or_else(|| {
        let why = element("tr", "event-why");
        let cell = child(&why, "td", "", "");
        let _ = cell.set_attribute("colspan", "3");
        let _ = body.insert_before(&why, tr.next_sibling().as_ref());
        why
    });
    if let Some(cell) = why.first_element_child() {
        show_event_trace(&cell.unchecked_into(), trace);
    }
    Some(why)
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Empty => "empty",
        Status::Invalid => "invalid",
        Status::ConstraintUnmet => "constraint-unmet",
        Status::Wrong => "wrong",
        Status::Solved => "solved",
    }
}
