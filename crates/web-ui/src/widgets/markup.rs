//! Lesson text (markdown-light, see `lessons::markup`) as plain elements: the text only ever
//! becomes text nodes, and links only point at https pages.

use lessons::markup::{self, Block, Inline};
use web_sys::Node;

use crate::dom::{append_text, child};

/// Paragraphs and lists, appended to `parent`.
pub fn append_markup(parent: &Node, text: &str) {
    for block in markup::blocks(text) {
        match block {
            Block::Paragraph(runs) => append_runs(&child(parent, "p", "", ""), runs),
            Block::List(items) => {
                let list = child(parent, "ul", "", "");
                for runs in items {
                    append_runs(&child(&list, "li", "", ""), runs);
                }
            }
        }
    }
}

/// One line (text, `code`, **strong** and links), appended to `parent`.
pub fn append_inline_markup(parent: &Node, text: &str) {
    append_runs(parent, markup::inline(text));
}

fn append_runs(parent: &Node, runs: Vec<Inline>) {
    for run in runs {
        match run {
            Inline::Text { text } => append_text(parent, &text),
            Inline::Code { text } => {
                child(parent, "code", "", &text);
            }
            Inline::Strong { text } => {
                child(parent, "strong", "", &text);
            }
            Inline::Link { text, url } => {
                let link = child(parent, "a", "", &text);
                let _ = link.set_attribute("href", &url);
                let _ = link.set_attribute("target", "_blank");
                let _ = link.set_attribute("rel", "noopener");
            }
        }
    }
}
