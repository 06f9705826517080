//! The Simulator page: what happens to events when targets fail, with the retry policy, the
//! dead-letter queue and the metrics you would see. The scenario comes from a preset or from the
//! rule builder's rules; the run goes a slice at a time so the page stays responsive.
//!
//! The logic lives in `crate::model::simulator_*`; these components only render it and forward
//! input.

mod backoff;
mod charts;
mod compare;
mod controls;
mod diagnostics;
mod results;
mod runner;

use std::sync::Arc;

use delivery::{Report, Scenario};
use leptos::prelude::*;

use crate::context::{use_app, AppContext};
use crate::model::simulator_scenario::{
    build_scenario, link_params, select_linked_rule, BuiltScenario,
};
use crate::model::simulator_settings::control_of;
use crate::model::simulator_timeline::pick_events;
use delivery::settings::{SettingProblem, SimulatorSettings};
use runner::RunStatus;

/// At most this many invocation rows on the timeline.
const TIMELINE_ROWS: usize = 12;

/// A finished simulation and what the page shows of it.
struct SimulationResult {
    /// Which run produced it (the run generation), so a new result is told from the last one.
    pub run: u64,
    pub title: String,
    pub scenario: Scenario,
    pub report: Report,
    /// The events the timeline shows (0-based indices).
    pub timeline_events: Vec<u32>,
}

/// A finished comparison of two retry policies on the same scenario.
struct ComparisonResult {
    pub title: String,
    pub policies: [delivery::RetryPolicy; 2],
    pub reports: [Report; 2],
}

/// What every part of the page reads and writes.
#[derive(Clone, Copy)]
struct SimContext {
    pub app: AppContext,
    pub settings: Memo<SimulatorSettings>,
    /// The scenario the settings describe, or what is wrong with them.
    pub built: Memo<Result<BuiltScenario, Vec<SettingProblem>>>,
    pub status: RwSignal<RunStatus>,
    /// Bumped by every start and cancel; a running loop stops when it no longer matches.
    pub generation: RwSignal<u64>,
    pub result: RwSignal<Option<Arc<SimulationResult>>>,
    pub comparison: RwSignal<Option<Arc<ComparisonResult>>>,
    pub speed: RwSignal<Option<String>>,
}

impl SimContext {
    pub fn edit(&self, edit: impl FnOnce(&mut SimulatorSettings)) {
        self.app.state.update(|state| edit(&mut state.simulator));
    }

    /// The problems tied to one control.
    pub fn problems_for(&self, field: &str) -> Vec<String> {
        self.built.with(|built| match built {
            Ok(_) => Vec::new(),
            Err(problems) => problems
                .iter()
                .filter(|problem| control_of(&problem.path) == field)
                .map(|problem| problem.message.clone())
                .collect(),
        })
    }

    /// `aria-invalid` for a control.
    pub fn invalid(
        &self,
        field: &str,
    ) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
        let ctx = *self;
        let field = field.to_owned();
        move || (!ctx.problems_for(&field).is_empty()).then_some("true")
    }
}

/// The id of the element holding a control's problems (for `aria-describedby`).
fn problems_id(field: &str) -> String {
    format!("{field}-problems")
}

/// The problems of one control, next to it.
#[component]
fn FieldProblems(ctx: SimContext, #[prop(into)] field: String) -> impl IntoView {
    let id = problems_id(&field);
    view! {
        <div class="field-messages" id=id>
            {move || {
                ctx.problems_for(&field)
                    .into_iter()
                    .map(|message| view! { <p class="field-error">{message}</p> })
                    .collect_view()
            }}
        </div>
    }
}

impl SimulationResult {
    fn new(run: u64, title: String, scenario: Scenario, report: Report) -> Self {
        let timeline_events = pick_events(&report, TIMELINE_ROWS);
        SimulationResult {
            run,
            title,
            scenario,
            report,
            timeline_events,
        }
    }
}

/// Selects the rule a `#/simulator?rule=<name>` link names ("Simulate this rule").
fn follow_rule_link(app: AppContext) {
    let hash = window().location().hash().unwrap_or_default();
    let params = link_params(&hash);
    if params.rule.is_none() {
        return;
    }
    let mut outcome = Ok(());
    app.state.update(|state| {
        let mut settings = state.simulator.clone();
        outcome = select_linked_rule(state, &mut settings, &params);
        state.simulator = settings;
    });
    if let Err(message) = outcome {
        app.notice.set(Some(message));
    }
}

#[component]
pub fn SimulatorPage() -> impl IntoView {
    let app = use_app();
    follow_rule_link(app);
    let settings = Memo::new(move |_| app.state.with(|state| state.simulator.clone()));
    let built = Memo::new(move |_| {
        app.state
            .with(|state| build_scenario(state, &state.simulator))
    });
    let ctx = SimContext {
        app,
        settings,
        built,
        status: RwSignal::new(RunStatus::Idle),
        generation: RwSignal::new(0),
        result: RwSignal::new(None),
        comparison: RwSignal::new(None),
        speed: RwSignal::new(None),
    };
    // Leaving the page stops a run: its loop sees another generation (or none) and ends.
    on_cleanup(move || {
        ctx.generation.try_update(|generation| *generation += 1);
    });

    view! {
        <section class="page simulator-page" aria-labelledby="page-title">
            <h1 id="page-title" tabindex="-1">"Simulator"</h1>
            <p class="lead">
                "What happens to your events when a target is down for an hour, refuses EventBridge, or "
                "cannot keep up? Pick a preset or your own rules, make the targets misbehave, and watch "
                "the retries, the maximum event age, the dead-letter queue and the metrics. The simulation "
                "runs in your browser and is deterministic: the same settings and seed give the same result."
            </p>
            <controls::ScenarioControls ctx />
            <runner::RunPanel ctx />
            <results::Results ctx />
            <compare::CompareSection ctx />
            <backoff::BackoffSection ctx />
            <diagnostics::Diagnostics ctx />
        </section>
    }
}
