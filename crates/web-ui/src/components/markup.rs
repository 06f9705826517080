//! Lesson text as Leptos components: the markup widget (`widgets::markup`) in a `<div>` (blocks)
//! or a `<span>` (one line).

use leptos::html;
use leptos::prelude::*;

use crate::widgets::markup::{append_inline_markup, append_markup};

/// Paragraphs and lists.
#[component]
pub fn Markup(#[prop(into)] text: String) -> impl IntoView {
    let host = NodeRef::<html::Div>::new();
    host.on_load(move |host| {
        // Leptos may hand over the element of the text shown before (same view, new text).
        host.set_text_content(None);
        append_markup(&host, &text);
    });
    view! { <div node_ref=host></div> }
}

/// One line: text, `code`, **strong** and links.
#[component]
pub fn InlineMarkup(#[prop(into)] text: String) -> impl IntoView {
    let host = NodeRef::<html::Span>::new();
    host.on_load(move |host| {
        host.set_text_content(None);
        append_inline_markup(&host, &text);
    });
    view! { <span node_ref=host></span> }
}
