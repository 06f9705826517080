//! A speed measurement in this browser: the simulator's benchmark scenario (100 000 events ×
//! 5 targets, default retry policies, a one-hour outage), run the same way as any simulation.

use leptos::prelude::*;

use super::runner::{start, Finish, RunKind, RunStatus};
use super::SimContext;
use delivery::presets::benchmark_scenario;

#[component]
pub(super) fn Diagnostics(ctx: SimContext) -> impl IntoView {
    let busy = Memo::new(move |_| ctx.status.with(RunStatus::is_busy));
    let measure = move |_| {
        ctx.speed.set(None);
        start(
            ctx,
            RunKind::SpeedTest,
            vec![benchmark_scenario()],
            Finish::SpeedTest {
                started_at: js_sys::Date::now(),
            },
        );
    };
    view! {
        <details class="sim-panel diagnostics">
            <summary><h2 class="inline-heading">"Diagnostics"</h2></summary>
            <p class="hint">
                "Measures how fast this browser simulates 100,000 events for 5 targets with the default retry policy "
                "while every target is down for the first hour: 500,000 invocations and about 7.7 million attempts."
            </p>
            <div class="button-row">
                <button type="button" on:click=measure disabled=move || busy.get()>"Measure simulation speed"</button>
            </div>
            <p class="speed-result" role="status">{move || ctx.speed.get()}</p>
        </details>
    }
}
