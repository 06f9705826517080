//! The live result of a pattern test, built from plain elements: matches or not, and why, field
//! by field.

use std::cell::RefCell;

use web_sys::{HtmlElement, Node};

use crate::dom::{append_text, child};
use crate::pattern_check::{BranchTrace, LineStatus, Trace, Verdict};

/// The result panel in the page.
pub struct MatchResultWidget {
    /// The part that changes; a polite live region, so a screen reader hears each new verdict.
    live: HtmlElement,
    shown: RefCell<Option<Verdict>>,
}

impl MatchResultWidget {
    /// Builds the panel inside `root` (a `<section>`), replacing what it held (see
    /// [`JsonEditorWidget::build`](super::json_editor::JsonEditorWidget::build) for why).
    pub fn build(root: &HtmlElement) -> MatchResultWidget {
        root.set_text_content(None);
        root.set_class_name("match-result");
        let _ = root.set_attribute("aria-labelledby", "match-result-title");
        child(root, "h3", "", "Result").set_id("match-result-title");
        let live = child(root, "div", "", "");
        let _ = live.set_attribute("aria-live", "polite");
        MatchResultWidget {
            live,
            shown: RefCell::new(None),
        }
    }

    /// Shows `verdict`, unless it is the one already shown.
    pub fn show(&self, verdict: &Verdict) {
        if self.shown.borrow().as_ref() == Some(verdict) {
            return;
        }
        self.live.set_text_content(None);
        match verdict {
            Verdict::NeedsInput(text) | Verdict::CannotTest(text) => {
                child(&self.live, "p", "verdict verdict-waiting", text);
            }
            Verdict::Tested(trace) => show_trace(&self.live, trace),
        }
        *self.shown.borrow_mut() = Some(verdict.clone());
    }
}

fn show_trace(live: &Node, trace: &Trace) {
    let (class, short) = if trace.matched {
        ("verdict verdict-match", "Matches")
    } else {
        ("verdict verdict-miss", "Does not match")
    };
    let verdict = child(live, "p", class, "");
    child(&verdict, "strong", "verdict-word", short);
    let detail = trace.headline.split_once(": ").map_or("", |(_, rest)| rest);
    child(&verdict, "span", "verdict-detail", detail);
    if let Some(notice) = &trace.size_notice {
        let _ = child(live, "p", "size-notice", notice).set_attribute("role", "note");
    }
    show_branches(live, &trace.branches, BranchHeading::Heading);
}

/// Why one event of an exercise matched or not, in `cell` (a table cell), replacing what it
/// held: the headline, then the branches.
pub fn show_event_trace(cell: &HtmlElement, trace: &Trace) {
    cell.set_text_content(None);
    child(cell, "p", "trace-headline", &trace.headline);
    show_branches(cell, &trace.branches, BranchHeading::Paragraph);
}

/// How a `$or` branch's title is shown: a heading in the result panel; in a table cell, where a
/// heading would break the page's outline, a paragraph.
#[derive(Clone, Copy)]
enum BranchHeading {
    Heading,
    Paragraph,
}

/// Each branch of a trace, field by field.
fn show_branches(parent: &Node, branches: &[BranchTrace], heading_as: BranchHeading) {
    for branch in branches {
        show_branch(parent, branch, heading_as);
    }
}

fn show_branch(parent: &Node, branch: &BranchTrace, heading_as: BranchHeading) {
    let block = child(parent, "div", "trace-branch", "");
    if let Some(heading) = &branch.heading {
        match heading_as {
            BranchHeading::Heading => child(&block, "h4", "", heading),
            BranchHeading::Paragraph => child(&block, "p", "trace-heading", heading),
        };
    }
    let list = child(&block, "ul", "trace", "");
    let _ = list.set_attribute("aria-label", "Why, field by field");
    for line in &branch.lines {
        let (class, mark, status) = match line.status {
            LineStatus::Passed => ("trace-line trace-passed", "✓", "satisfied: "),
            LineStatus::Failed => ("trace-line trace-failed", "✗", "failed: "),
        };
        let item = child(&list, "li", class, "");
        let _ = child(&item, "span", "trace-mark", mark).set_attribute("aria-hidden", "true");
        child(&item, "span", "visually-hidden", status);
        // `bdi`: a path in a right-to-left script does not reorder the sentence around it.
        let path = child(&item, "code", "trace-path", "");
        child(&path, "bdi", "", &line.path);
        append_text(&item, " ");
        child(&item, "span", "trace-text", &line.text);
    }
    if let Some(note) = &branch.note {
        child(&block, "p", "trace-note", note);
    }
}
