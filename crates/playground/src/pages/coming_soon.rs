//! A section that a later release fills in.

use leptos::prelude::*;

use crate::route::Section;

fn plan(section: Section) -> &'static str {
    match section {
        Section::Partners => {
            "Browse the SaaS partners that can send events to EventBridge, look at their sample events, \
             and walk through connecting one to a partner event bus."
        }
        Section::Regions => "Pick the AWS Region the playground works in; every ARN follows it.",
        Section::Rules => {
            "Build a rule step by step, test its event pattern live against sample events, and see \
             why each field matched or not."
        }
        Section::Simulator => {
            "Simulate delivery to your targets: retries with backoff, maximum event age, dead-letter \
             queues and the metrics you would see."
        }
    }
}

#[component]
pub fn ComingSoon(section: Section) -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title" tabindex="-1">{section.title()}</h1>
            <p class="lead">{plan(section)}</p>
            <p class="notice">"Coming soon."</p>
        </section>
    }
}
