//! The backoff formula with its numbers, and the schedule it gives: the delay before each
//! retry and when each retry starts, against the maximum event age.

use delivery::BackoffConfig;
use leptos::prelude::*;

use super::charts::{BackoffDelayView, LineChartView};
use super::SimContext;
use crate::model::simulator_charts::{
    backoff_cumulative_chart, backoff_delay_chart, backoff_formula,
};

/// The first retries show the growth; after these the delay stays at the cap.
const DELAY_CHART_RETRIES: u32 = 16;

#[component]
pub(super) fn BackoffSection(ctx: SimContext) -> impl IntoView {
    let backoff = Memo::new(move |_| BackoffConfig {
        jitter: ctx.settings.with(|s| s.jitter.jitter()),
        ..BackoffConfig::default()
    });
    view! {
        <section class="sim-panel backoff" aria-labelledby="backoff-title">
            <h2 id="backoff-title">"Backoff between retries"</h2>
            <p class="hint">
                "AWS documents only \"exponential back off and jitter\" and the defaults of 185 retries within 24 hours; "
                "the exact formula is not published. The simulator uses this one, chosen so that with the default "
                "policy both limits are reached at about the same time."
            </p>
            {move || {
                let backoff = backoff.get();
                view! {
                    <pre class="code-block formula" aria-label="Backoff formula">{backoff_formula(&backoff).join("\n")}</pre>
                    <div class="chart-grid">
                        <BackoffDelayView chart=backoff_delay_chart(&backoff, DELAY_CHART_RETRIES) />
                        <LineChartView
                            chart=backoff_cumulative_chart(&backoff, aws_model::MAX_RETRY_ATTEMPTS, aws_model::MAX_EVENT_AGE_SECONDS)
                            id="backoff-cumulative"
                        />
                    </div>
                }
            }}
        </section>
    }
}
