//! The embed view for documentation pages: `<iframe src=".../embed/#/embed?pattern=…&event=…">`.
//!
//! Just the two editors, the live result with its explanation, and a link that opens the same
//! texts in the full playground. Built from web-ui's plain widgets, without Leptos: its reactive
//! runtime and views were a third of this page's download (issue 14), and the page has one
//! change to follow (an editor's text), so a function that shows the analysis does it.

use std::rc::{Rc, Weak};

use web_sys::HtmlElement;
use web_ui::dom::{before_next_frame, child, document, element, window, Listener};
use web_ui::json_highlight::Highlight;
use web_ui::pattern_check::{analyse, EditorProblem};
use web_ui::widgets::editor_problem::ProblemNote;
use web_ui::widgets::json_editor::{EditorSettings, JsonEditorWidget};
use web_ui::widgets::match_result::MatchResultWidget;

use crate::height::post_height;
use crate::request::{open_in_playground_link, open_state, EmbedRequest};

/// One editor with the note under it.
struct Editor {
    widget: JsonEditorWidget,
    note: ProblemNote,
}

impl Editor {
    fn new(
        parent: &HtmlElement,
        label: &str,
        id: &str,
        note_id: &str,
        readonly: bool,
        on_change: impl Fn(String) + 'static,
    ) -> Editor {
        let root = child(&child(parent, "div", "", ""), "div", "", "");
        let settings = EditorSettings {
            label,
            id,
            readonly,
        };
        Editor {
            widget: JsonEditorWidget::build(&root, &settings, on_change),
            note: ProblemNote::new(note_id, &root),
        }
    }

    /// Marks the editor's text and shows its problem, if it has one.
    fn show(&self, highlights: &[Highlight], problem: Option<&EditorProblem>) {
        self.widget.set_highlights(highlights);
        self.note.show(&self.widget, problem);
    }
}

struct Embed {
    main: HtmlElement,
    pattern: Editor,
    event: Editor,
    result: MatchResultWidget,
    link: HtmlElement,
}

impl Embed {
    /// Parses, matches and explains the two texts, and shows it all.
    fn show_analysis(&self) {
        let (analysis, link) = self.pattern.widget.with_text(|pattern| {
            self.event.widget.with_text(|event| {
                (
                    analyse(pattern, event),
                    open_in_playground_link(pattern, event),
                )
            })
        });
        self.pattern.show(
            &analysis.pattern_highlights,
            analysis.pattern_problem.as_ref(),
        );
        self.event
            .show(&analysis.event_highlights, analysis.event_problem.as_ref());
        self.result.show(&analysis.verdict);
        let _ = self.link.set_attribute("href", &link);
        // The result is what changes the height; it is measured once laid out.
        before_next_frame(post_height);
    }

    /// Shows texts from elsewhere (an opened share link).
    fn set_texts(&self, pattern: &str, event: &str) {
        self.pattern.widget.set_text(pattern);
        self.event.widget.set_text(event);
        self.show_analysis();
    }

    /// Why a share link's state could not be opened, at the top of the embed.
    fn show_link_problem(&self, message: &str) {
        let alert = element("p", "error");
        let _ = alert.set_attribute("role", "alert");
        alert.set_text_content(Some(message));
        let _ = self.main.prepend_with_node_1(&alert);
    }
}

/// What an editor does with a typed text: the embed shows the new analysis.
fn on_typed(embed: &Weak<Embed>) -> impl Fn(String) + 'static {
    let embed = embed.clone();
    move |_| {
        if let Some(embed) = embed.upgrade() {
            embed.show_analysis();
        }
    }
}

/// Builds the embed into the page's body and shows `request`'s texts.
pub fn start(request: EmbedRequest) {
    let readonly = request.readonly;
    let embed = Rc::new_cyclic(|this: &Weak<Embed>| {
        let main = element("main", "embed");
        let _ = main.set_attribute("aria-label", "Event pattern example");
        let editors = child(&main, "div", "embed-editors", "");
        let pattern = Editor::new(
            &editors,
            "Event pattern",
            "embed-pattern",
            "embed-pattern-problem",
            readonly,
            on_typed(this),
        );
        let event = Editor::new(
            &editors,
            "Event",
            "embed-event",
            "embed-event-problem",
            readonly,
            on_typed(this),
        );
        let result = MatchResultWidget::build(&child(&main, "section", "", ""));
        let footer = child(&main, "p", "embed-footer", "");
        let link = child(&footer, "a", "", "Open in the playground");
        let _ = link.set_attribute("target", "_blank");
        let _ = link.set_attribute("rel", "noopener");
        child(
            &footer,
            "span",
            "",
            " \u{b7} Runs in your browser; nothing is sent anywhere.",
        );
        Embed {
            main,
            pattern,
            event,
            result,
            link,
        }
    });
    if let Some(body) = document().body() {
        let _ = body.append_child(&embed.main);
    }
    embed.set_texts(&request.pattern, &request.event);
    if let Some(encoded) = request.state {
        let embed = Rc::clone(&embed);
        wasm_bindgen_futures::spawn_local(async move {
            match open_state(&encoded).await {
                Ok((pattern, event)) => embed.set_texts(&pattern, &event),
                Err(error) => embed.show_link_problem(&error.to_string()),
            }
        });
    }
    // A new width reflows the text, so a resize reports the height again.
    let resize = Listener::new(&window(), "resize", |_| post_height());
    // The embed is the whole page and lives as long as it.
    std::mem::forget(resize);
    std::mem::forget(embed);
}
