//! Lesson text (markdown-light, see `lessons::markup`) as plain elements: the text only ever
//! becomes text nodes, and links only point at https pages.

use leptos::prelude::*;
use lessons::markup::{self, Block, Inline};

/// Paragraphs and lists.
#[component]
pub fn Markup(#[prop(into)] text: String) -> impl IntoView {
    markup::blocks(&text)
        .into_iter()
        .map(|block| match block {
            Block::Paragraph(runs) => view! { <p>{inline_view(runs)}</p> }.into_any(),
            Block::List(items) => view! {
                <ul>{items.into_iter().map(|runs| view! { <li>{inline_view(runs)}</li> }).collect_view()}</ul>
            }
            .into_any(),
        })
        .collect_view()
}

/// One line: text, `code`, **strong** and links.
#[component]
pub fn InlineMarkup(#[prop(into)] text: String) -> impl IntoView {
    inline_view(markup::inline(&text))
}

fn inline_view(runs: Vec<Inline>) -> impl IntoView {
    runs.into_iter()
        .map(|run| match run {
            Inline::Text { text } => text.into_any(),
            Inline::Code { text } => view! { <code>{text}</code> }.into_any(),
            Inline::Strong { text } => view! { <strong>{text}</strong> }.into_any(),
            Inline::Link { text, url } => {
                view! { <a href=url target="_blank" rel="noopener">{text}</a> }.into_any()
            }
        })
        .collect_view()
}
