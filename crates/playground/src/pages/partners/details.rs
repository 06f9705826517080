//! One partner's details: what it is, how its sources are named, its sample events, and the
//! set-up walk-through.

use catalog::Sample;
use leptos::prelude::*;

use super::setup::SetupWalkthrough;
use crate::context::use_app;
use crate::model::partner_search::Listing;
use crate::route::Section;
use web_ui::components::copy_block::{copy_to_clipboard, CopyOutcome};

#[component]
pub fn PartnerDetails(listing: Listing) -> impl IntoView {
    view! {
        <article class="partner-card" aria-labelledby="partner-details-title">
            <header class="partner-card-header">
                <h2 id="partner-details-title" tabindex="-1">{listing.display_name()}</h2>
                <span class="badge">{listing.category().label()}</span>
            </header>
            <p class="partner-summary">{listing.summary()}</p>
            {listing.note().map(|note| view! { <p class="note">{note}</p> })}
            <dl class="facts">
                <div>
                    <dt>"Partner id"</dt>
                    <dd><code>{listing.id()}</code></dd>
                </div>
                <div>
                    <dt>"Category"</dt>
                    <dd>{listing.category().label()}</dd>
                </div>
                {listing
                    .console_url()
                    .map(|url| {
                        view! {
                            <div>
                                <dt>"In the AWS console"</dt>
                                <dd>
                                    <a href=url target="_blank" rel="noopener noreferrer">
                                        "Set-up page in the EventBridge console"
                                        <span class="visually-hidden">" (opens in a new tab)"</span>
                                    </a>
                                </dd>
                            </div>
                        }
                    })}
                <div class="fact-wide">
                    <dt>"Event source names"</dt>
                    <dd><code class="wrap">{listing.source_name_shape()}</code></dd>
                </div>
            </dl>
            <section class="samples" aria-labelledby="samples-title">
                <h3 id="samples-title">"Sample events"</h3>
                <p class="hint">
                    "Shown for your account and current Region, as they would reach your event bus."
                </p>
                <ul class="sample-list">
                    {listing.samples().iter().map(|sample| view! { <li><SampleView sample /></li> }).collect_view()}
                </ul>
            </section>
            <SetupWalkthrough listing />
        </article>
    }
}

#[component]
fn SampleView(sample: &'static Sample) -> impl IntoView {
    let app = use_app();
    let text = Memo::new(move |_| {
        app.state
            .with(|s| sample.event_for(&s.account, s.current_region().code()))
    });
    let copy_outcome = RwSignal::new(None::<CopyOutcome>);

    let use_in_rule_builder = move |_| {
        app.state
            .update(|s| s.draft.event = sample.event_for(&s.account, s.current_region().code()));
        // The rule builder is another page; the autosave saves the draft as this one is left.
        let _ = window().location().set_href(&app.link(Section::Rules, ""));
    };

    view! {
        <details class="sample">
            <summary>
                <span class="sample-title">{sample.title()}</span>
                {sample
                    .is_illustrative()
                    .then(|| {
                        view! {
                            <span class="badge badge-muted" title="This partner publishes no example; the shape is our guess.">
                                "Illustrative"
                            </span>
                        }
                    })}
            </summary>
            <div class="sample-body">
                {sample
                    .is_illustrative()
                    .then(|| {
                        view! {
                            <p class="hint">
                                "The partner publishes no example event, so this one only shows a plausible shape."
                            </p>
                        }
                    })}
                <div class="button-row">
                    <button
                        type="button"
                        aria-label=format!("Copy {}", sample.title())
                        on:click=move |_| copy_to_clipboard(text.get_untracked(), copy_outcome)
                    >
                        "Copy"
                    </button>
                    <button
                        type="button"
                        aria-label=format!("Use in rule builder: {}", sample.title())
                        on:click=use_in_rule_builder
                    >
                        "Use in rule builder"
                    </button>
                    <span class="copy-outcome" role="status">
                        {move || match copy_outcome.get() {
                            Some(CopyOutcome::Copied) => "Copied to the clipboard.",
                            Some(CopyOutcome::Failed) => {
                                "The browser did not allow copying: select the text and copy it yourself."
                            }
                            None => "",
                        }}
                    </span>
                </div>
                <pre class="code-block" tabindex="0" aria-label=format!("Sample event: {}", sample.title())>
                    {move || text.get()}
                </pre>
            </div>
        </details>
    }
}
