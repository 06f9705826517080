//! The live result of a pattern test: matches or not, and why, field by field.
//!
//! Used by the rule builder's pattern step and by the embed view.

use leptos::prelude::*;

use crate::pattern_check::{LineStatus, Verdict};

#[component]
pub fn MatchResult(analysis_verdict: Signal<Verdict>) -> impl IntoView {
    view! {
        <section class="match-result" aria-labelledby="match-result-title">
            <h3 id="match-result-title">"Result"</h3>
            <div aria-live="polite">
                {move || match analysis_verdict.get() {
                    Verdict::NeedsInput(text) => view! { <p class="verdict verdict-waiting">{text}</p> }.into_any(),
                    Verdict::CannotTest(text) => view! { <p class="verdict verdict-waiting">{text}</p> }.into_any(),
                    Verdict::Tested(trace) => {
                        let class = if trace.matched { "verdict verdict-match" } else { "verdict verdict-miss" };
                        let short = if trace.matched { "Matches" } else { "Does not match" };
                        view! {
                            <p class=class>
                                <strong class="verdict-word">{short}</strong>
                                <span class="verdict-detail">
                                    {trace.headline.split_once(": ").map(|(_, rest)| rest.to_owned()).unwrap_or_default()}
                                </span>
                            </p>
                            {trace.size_notice.map(|n| view! { <p class="size-notice" role="note">{n}</p> })}
                            {trace
                                .branches
                                .into_iter()
                                .map(|branch| {
                                    view! {
                                        <div class="trace-branch">
                                            {branch.heading.map(|h| view! { <h4>{h}</h4> })}
                                            <ul class="trace" aria-label="Why, field by field">
                                                {branch
                                                    .lines
                                                    .into_iter()
                                                    .map(|line| {
                                                        let (class, mark, status) = match line.status {
                                                            LineStatus::Passed => ("trace-line trace-passed", "✓", "satisfied: "),
                                                            LineStatus::Failed => ("trace-line trace-failed", "✗", "failed: "),
                                                        };
                                                        view! {
                                                            <li class=class>
                                                                <span class="trace-mark" aria-hidden="true">{mark}</span>
                                                                <span class="visually-hidden">{status}</span>
                                                                <code class="trace-path"><bdi>{line.path}</bdi></code>
                                                                " "
                                                                <span class="trace-text">{line.text}</span>
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ul>
                                            {branch.note.map(|n| view! { <p class="trace-note">{n}</p> })}
                                        </div>
                                    }
                                })
                                .collect_view()}
                        }
                            .into_any()
                    }
                }}
            </div>
        </section>
    }
}
