//! Running simulations a slice at a time, so the browser can paint and take input between
//! slices: one or more simulations advanced in turn, and a slice size that adapts to how fast
//! this machine runs them.

use delivery::{Report, Scenario, ScenarioError, Simulation};

use delivery::describe::{format_clock, format_count, format_decimal};

/// How far a run has got, over all its simulations.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunProgress {
    /// 0 to 1; exactly 1 when finished.
    pub fraction: f64,
    pub finished: bool,
    /// The simulated clock of the simulation being advanced.
    pub simulated_ms: u64,
    pub work_items_done: u64,
}

impl RunProgress {
    /// `"42%"`, for the progress bar's text.
    pub fn percent_text(&self) -> String {
        format!("{}%", (self.fraction * 100.0).floor() as u32)
    }

    pub fn status_text(&self, what: &str) -> String {
        format!(
            "{what}… {} done (simulated time {}).",
            self.percent_text(),
            format_clock(self.simulated_ms)
        )
    }
}

/// One or more simulations run one after the other in slices (a comparison runs two).
pub struct ChunkedRun {
    simulations: Vec<Simulation>,
    /// The first simulation that has not finished.
    current: usize,
}

impl ChunkedRun {
    /// Checks and plans every scenario first, so a bad one fails before any work is done.
    pub fn new(scenarios: &[Scenario]) -> Result<ChunkedRun, ScenarioError> {
        let simulations = scenarios
            .iter()
            .map(Simulation::new)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ChunkedRun {
            simulations,
            current: 0,
        })
    }

    /// Runs up to `work_items` ingestions or attempts, moving on to the next simulation when one
    /// finishes within the slice.
    pub fn advance(&mut self, work_items: usize) -> RunProgress {
        let mut left = work_items;
        while left > 0 && self.current < self.simulations.len() {
            let simulation = &mut self.simulations[self.current];
            let before = simulation.progress().work_items_done;
            let progress = simulation.step(left);
            let done = (progress.work_items_done - before) as usize;
            left = left.saturating_sub(done.max(1));
            if progress.finished {
                self.current += 1;
            }
        }
        self.progress()
    }

    pub fn progress(&self) -> RunProgress {
        let count = self.simulations.len().max(1) as f64;
        let progresses: Vec<delivery::Progress> =
            self.simulations.iter().map(Simulation::progress).collect();
        let finished = progresses.iter().all(|progress| progress.finished);
        let fraction = if finished {
            1.0
        } else {
            // Never shows 100% before the end, even when rounding says so.
            (progresses.iter().map(|p| p.done_fraction).sum::<f64>() / count).min(0.999)
        };
        let simulated_ms = progresses
            .get(self.current.min(progresses.len().saturating_sub(1)))
            .map(|progress| progress.simulated_time_ms)
            .unwrap_or(0);
        RunProgress {
            fraction,
            finished,
            simulated_ms,
            work_items_done: progresses.iter().map(|p| p.work_items_done).sum(),
        }
    }

    /// The reports, in scenario order (complete once finished).
    pub fn reports(&self) -> Vec<Report> {
        self.simulations.iter().map(Simulation::report).collect()
    }
}

/// Picks how many work items the next slice runs so that a slice takes about `target_ms`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChunkSizer {
    pub items: usize,
    target_ms: f64,
}

impl ChunkSizer {
    pub const MIN_ITEMS: usize = 500;
    pub const MAX_ITEMS: usize = 4_000_000;
    const FIRST_ITEMS: usize = 2_000;

    pub fn new(target_ms: f64) -> ChunkSizer {
        ChunkSizer {
            items: Self::FIRST_ITEMS,
            target_ms,
        }
    }

    /// Learns from the last slice: `elapsed_ms` for `self.items` items. Changes are bounded
    /// (×4 at most), so one slow slice (a garbage collection, a busy tab) does not swing the
    /// size wildly.
    pub fn record(&mut self, elapsed_ms: f64) {
        let factor = if !elapsed_ms.is_finite() || elapsed_ms < 0.5 {
            4.0
        } else {
            (self.target_ms / elapsed_ms).clamp(0.25, 4.0)
        };
        let next = (self.items as f64 * factor).round();
        self.items = (next as usize).clamp(Self::MIN_ITEMS, Self::MAX_ITEMS);
    }
}

/// What the speed measurement reports.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpeedResult {
    pub events: u64,
    pub invocations: u64,
    pub attempts: u64,
    /// Checking and planning the scenario (`Simulation::new`).
    pub plan_ms: f64,
    /// Time spent inside `step`, summed over slices.
    pub compute_ms: f64,
    /// From the click to the last slice, including the pauses that keep the page responsive.
    pub wall_ms: f64,
    pub slices: u32,
}

impl SpeedResult {
    pub fn text(&self) -> String {
        format!(
            "Simulated {} events × 5 targets ({} invocations, {} attempts): {} s in total \
             ({} s planning, {} s simulating in {} slices; {} s with the pauses that keep the page responsive).",
            format_count(self.events),
            format_count(self.invocations),
            format_count(self.attempts),
            format_decimal((self.plan_ms + self.compute_ms) / 1000.0),
            format_decimal(self.plan_ms / 1000.0),
            format_decimal(self.compute_ms / 1000.0),
            self.slices,
            format_decimal(self.wall_ms / 1000.0),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preset(id: &str) -> Scenario {
        (delivery::PRESETS.iter().find(|p| p.id == id).unwrap().build)()
    }

    #[test]
    fn running_in_slices_gives_the_same_reports_as_running_at_once() {
        let scenarios = [preset("dlq-without-policy"), preset("permissions-error")];
        let mut run = ChunkedRun::new(&scenarios).unwrap();
        let mut previous = 0.0;
        let mut slices = 0;
        loop {
            let progress = run.advance(777);
            slices += 1;
            assert!(progress.fraction >= previous, "progress never goes back");
            assert!(progress.fraction <= 1.0);
            previous = progress.fraction;
            if progress.finished {
                assert_eq!(progress.fraction, 1.0);
                assert_eq!(progress.percent_text(), "100%");
                break;
            }
            assert!(progress.fraction < 1.0);
        }
        assert!(slices > 3, "the slices were small enough to matter");
        let reports = run.reports();
        assert_eq!(reports.len(), 2);
        for (report, scenario) in reports.iter().zip(&scenarios) {
            assert_eq!(report, &delivery::simulate(scenario).unwrap());
        }
    }

    #[test]
    fn a_bad_scenario_fails_before_any_work() {
        let mut broken = preset("permissions-error");
        broken.rules[0].pattern = "{\"source\": []}".into();
        let error = ChunkedRun::new(&[preset("permissions-error"), broken])
            .err()
            .unwrap();
        assert!(error.to_string().contains("rules[0].pattern"), "{error}");
    }

    #[test]
    fn an_empty_run_is_finished_at_once() {
        let mut run = ChunkedRun::new(&[]).unwrap();
        let progress = run.advance(10);
        assert!(progress.finished);
        assert_eq!(progress.fraction, 1.0);
        assert!(run.reports().is_empty());
    }

    #[test]
    fn status_text_names_the_share_and_the_simulated_clock() {
        let progress = RunProgress {
            fraction: 0.4267,
            finished: false,
            simulated_ms: 2_700_000,
            work_items_done: 9,
        };
        assert_eq!(
            progress.status_text("Simulating"),
            "Simulating… 42% done (simulated time 00:45:00.000)."
        );
    }

    #[test]
    fn chunk_sizer_table() {
        // (items before, elapsed ms, items after) with a 20 ms target.
        let table = [
            (2_000, 10.0, 4_000),
            (2_000, 40.0, 1_000),
            (2_000, 0.1, 8_000),
            (2_000, 1_000.0, 500),
            (8_000, 20.0, 8_000),
            (3_000_000, 1.0, 4_000_000),
            (2_000, f64::NAN, 8_000),
        ];
        for (before, elapsed, after) in table {
            let mut sizer = ChunkSizer {
                items: before,
                target_ms: 20.0,
            };
            sizer.record(elapsed);
            assert_eq!(sizer.items, after, "{before} items in {elapsed} ms");
        }
    }

    #[test]
    fn chunk_sizer_settles_near_the_target_for_a_steady_speed() {
        // 1 µs per item: 20 ms is 20 000 items.
        let mut sizer = ChunkSizer::new(20.0);
        for _ in 0..10 {
            let elapsed = sizer.items as f64 / 1000.0;
            sizer.record(elapsed);
        }
        assert_eq!(sizer.items, 20_000);
    }

    #[test]
    fn speed_result_text() {
        let result = SpeedResult {
            events: 100_000,
            invocations: 500_000,
            attempts: 7_670_000,
            plan_ms: 120.0,
            compute_ms: 1_880.0,
            wall_ms: 2_400.0,
            slices: 90,
        };
        assert_eq!(
            result.text(),
            "Simulated 100,000 events × 5 targets (500,000 invocations, 7,670,000 attempts): 2 s in total \
             (0.12 s planning, 1.88 s simulating in 90 slices; 2.4 s with the pauses that keep the page responsive)."
        );
    }
}
