//! Starting, advancing and cancelling runs. A run plans its scenarios, then advances them a
//! slice at a time (about [`SLICE_MS`] of work), giving the browser the main thread back between
//! slices so the page repaints, the progress bar moves and Cancel can be clicked.

use std::sync::Arc;
use std::time::Duration;

use delivery::{Report, Scenario};
use leptos::prelude::*;

use super::{ComparisonResult, SimContext, SimulationResult};
use crate::model::simulator_run::{ChunkSizer, ChunkedRun, RunProgress, SpeedResult};
use delivery::describe::headline;

/// Work per slice: long enough that pauses cost little, short enough to keep the page fluid.
const SLICE_MS: f64 = 25.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RunKind {
    Simulation,
    Comparison,
    SpeedTest,
}

impl RunKind {
    fn doing(self) -> &'static str {
        match self {
            RunKind::Simulation => "Simulating",
            RunKind::Comparison => "Comparing the two retry policies",
            RunKind::SpeedTest => "Measuring the speed",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum RunStatus {
    Idle,
    Preparing(RunKind),
    Running(RunKind, RunProgress),
    Finished(String),
    Cancelled(String),
    Failed(String),
}

impl RunStatus {
    pub fn is_busy(&self) -> bool {
        matches!(self, RunStatus::Preparing(_) | RunStatus::Running(..))
    }

    fn text(&self) -> String {
        match self {
            RunStatus::Idle => String::new(),
            RunStatus::Preparing(kind) => format!(
                "{}… checking the scenario and matching its events.",
                kind.doing()
            ),
            RunStatus::Running(kind, progress) => progress.status_text(kind.doing()),
            RunStatus::Finished(message)
            | RunStatus::Cancelled(message)
            | RunStatus::Failed(message) => message.clone(),
        }
    }
}

/// What to do with the reports once every simulation of a run has finished.
pub(super) enum Finish {
    Simulation {
        title: String,
        scenario: Box<Scenario>,
    },
    Comparison {
        title: String,
        policies: [delivery::RetryPolicy; 2],
    },
    SpeedTest {
        started_at: f64,
    },
}

struct Job {
    ctx: SimContext,
    kind: RunKind,
    generation: u64,
    run: ChunkedRun,
    sizer: ChunkSizer,
    plan_ms: f64,
    compute_ms: f64,
    slices: u32,
    finish: Finish,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn is_current(ctx: SimContext, generation: u64) -> bool {
    ctx.generation.try_get_untracked() == Some(generation)
}

/// Starts a run of `scenarios`, replacing any run in progress.
pub(super) fn start(ctx: SimContext, kind: RunKind, scenarios: Vec<Scenario>, finish: Finish) {
    let mut generation = 0;
    ctx.generation.update(|current| {
        *current += 1;
        generation = *current;
    });
    ctx.status.set(RunStatus::Preparing(kind));
    // Planning matches every distinct event once; it is quick but not sliced, so let the
    // "preparing" status paint first.
    set_timeout(
        move || {
            if !is_current(ctx, generation) {
                return;
            }
            let started = now_ms();
            match ChunkedRun::new(&scenarios) {
                Ok(run) => {
                    let job = Job {
                        ctx,
                        kind,
                        generation,
                        run,
                        sizer: ChunkSizer::new(SLICE_MS),
                        plan_ms: now_ms() - started,
                        compute_ms: 0.0,
                        slices: 0,
                        finish,
                    };
                    advance(Box::new(job));
                }
                Err(error) => ctx.status.set(RunStatus::Failed(format!(
                    "The scenario cannot be simulated: {error}"
                ))),
            }
        },
        Duration::ZERO,
    );
}

/// Stops the run in progress; its results are discarded.
pub(super) fn cancel(ctx: SimContext) {
    let done = match ctx.status.get_untracked() {
        RunStatus::Running(_, progress) => progress.percent_text(),
        _ => "0%".to_owned(),
    };
    ctx.generation.update(|generation| *generation += 1);
    ctx.status.set(RunStatus::Cancelled(format!(
        "Cancelled at {done}; nothing was kept from that run."
    )));
}

fn advance(mut job: Box<Job>) {
    if !is_current(job.ctx, job.generation) {
        return;
    }
    let started = now_ms();
    let progress = job.run.advance(job.sizer.items);
    let elapsed = now_ms() - started;
    job.sizer.record(elapsed);
    job.compute_ms += elapsed;
    job.slices += 1;
    if progress.finished {
        complete(*job);
    } else {
        job.ctx.status.set(RunStatus::Running(job.kind, progress));
        set_timeout(move || advance(job), Duration::ZERO);
    }
}

fn complete(job: Job) {
    let ctx = job.ctx;
    let reports = job.run.reports();
    match job.finish {
        Finish::Simulation { title, scenario } => {
            let Some(report) = reports.into_iter().next() else {
                return;
            };
            let message = format!("Simulation finished. {}", headline(&report.summary));
            ctx.result.set(Some(Arc::new(SimulationResult::new(
                job.generation,
                title,
                *scenario,
                report,
            ))));
            ctx.status.set(RunStatus::Finished(message));
        }
        Finish::Comparison { title, policies } => {
            let [first, second]: [Report; 2] = match reports.try_into() {
                Ok(pair) => pair,
                Err(_) => return,
            };
            ctx.comparison.set(Some(Arc::new(ComparisonResult {
                title,
                policies,
                reports: [first, second],
            })));
            ctx.status.set(RunStatus::Finished(
                "Comparison finished: the two columns are below.".to_owned(),
            ));
        }
        Finish::SpeedTest { started_at } => {
            let Some(report) = reports.first() else {
                return;
            };
            let metrics = &report.totals.metrics;
            let result = SpeedResult {
                events: report.summary.events_ingested,
                invocations: metrics.invocations_created,
                attempts: metrics.invocation_attempts,
                plan_ms: job.plan_ms,
                compute_ms: job.compute_ms,
                wall_ms: now_ms() - started_at,
                slices: job.slices,
            };
            ctx.speed.set(Some(result.text()));
            ctx.status.set(RunStatus::Finished(
                "Speed measured: see Diagnostics.".to_owned(),
            ));
        }
    }
}

/// Runs the scenario the settings describe.
fn run_simulation(ctx: SimContext) {
    let Ok(built) = ctx.built.get_untracked() else {
        ctx.status.set(RunStatus::Failed(
            "The scenario has problems (listed next to the settings); fix them and run again."
                .to_owned(),
        ));
        return;
    };
    ctx.result.set(None);
    let scenario = built.scenario.clone();
    start(
        ctx,
        RunKind::Simulation,
        vec![built.scenario],
        Finish::Simulation {
            title: built.title,
            scenario: Box::new(scenario),
        },
    );
}

#[component]
pub(super) fn RunPanel(ctx: SimContext) -> impl IntoView {
    let busy = Memo::new(move |_| ctx.status.with(RunStatus::is_busy));
    // No value while preparing: the bar shows "busy" without claiming a share.
    let fraction = move || match ctx.status.get() {
        RunStatus::Running(_, progress) => Some(progress.fraction),
        RunStatus::Preparing(_) => None,
        RunStatus::Finished(_) => Some(1.0),
        RunStatus::Idle | RunStatus::Cancelled(_) | RunStatus::Failed(_) => Some(0.0),
    };
    let has_problems = move || ctx.built.with(Result::is_err);
    view! {
        <div class="run-panel" aria-labelledby="run-title">
            <h2 id="run-title" class="visually-hidden">"Run"</h2>
            <div class="button-row">
                <button
                    type="button"
                    class="primary"
                    on:click=move |_| run_simulation(ctx)
                    disabled=move || busy.get()
                >
                    "Run simulation"
                </button>
                <button type="button" on:click=move |_| cancel(ctx) disabled=move || !busy.get()>
                    "Cancel"
                </button>
                {move || has_problems().then(|| view! {
                    <span class="run-blocked">"Fix the settings marked above to run."</span>
                })}
            </div>
            <div class="run-progress" class:run-progress-active=move || busy.get()>
                <label for="sim-progress">"Progress"</label>
                <progress
                    id="sim-progress"
                    max="1"
                    value=move || fraction().map(|f| f.to_string())
                    aria-valuetext=move || fraction().map(|f| format!("{}%", (f * 100.0).floor()))
                ></progress>
                <p class="run-status" role="status" aria-live="polite">{move || ctx.status.with(RunStatus::text)}</p>
            </div>
        </div>
    }
}
