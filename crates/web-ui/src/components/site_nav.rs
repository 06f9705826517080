//! The site's brand and section links, the same on every page.

use leptos::prelude::*;

use crate::site::{Page, Section};

#[component]
pub fn SiteNav(
    /// The page this navigation is drawn on (links to other pages are relative paths).
    page: Page,
    /// The section shown now, marked with `aria-current`.
    #[prop(into)]
    current: Signal<Option<Section>>,
) -> impl IntoView {
    view! {
        <a class="brand" href=Section::Partners.link_from(page, "")>
            <span class="brand-mark" aria-hidden="true">"{ }"</span>
            "EventBridge Pattern Playground"
        </a>
        <nav class="site-nav" aria-label="Sections">
            <ul>
                {Section::ALL
                    .into_iter()
                    .map(|section| {
                        view! {
                            <li>
                                <a
                                    href=section.link_from(page, "")
                                    aria-current=move || (current.get() == Some(section)).then_some("page")
                                >
                                    {section.title()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
