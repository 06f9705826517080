//! The attempt timeline: for a few telling events, one row per target with every attempt, the
//! backoff gaps between them, the waits for a rate limit, the target's outage windows and the
//! maximum event age, on a shared axis of time since ingestion. This computes the coordinates;
//! the page only draws them.

use std::collections::BTreeSet;

use delivery::{AttemptResult, EventDetail, Report, Scenario, SimTarget};

use delivery::describe::{format_clock, format_duration_ms, outcome_text, OutcomeKind};

pub const TIMELINE_WIDTH: f64 = 760.0;
const LEFT: f64 = 8.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 4.0;
const LABEL_HEIGHT: f64 = 16.0;
const TRACK_HEIGHT: f64 = 18.0;
const ROW_GAP: f64 = 12.0;
const AXIS_HEIGHT: f64 = 26.0;
/// Narrower attempts would vanish; they are widened to this many units.
const MIN_ATTEMPT_WIDTH: f64 = 3.0;

/// A mark on the time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct AxisTick {
    pub x: f64,
    pub label: String,
    /// SVG `text-anchor`: the first label starts at its tick so it is not cut off.
    pub anchor: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttemptKind {
    Success,
    RetryableFailure,
    FinalFailure,
}

impl AttemptKind {
    pub fn class(self) -> &'static str {
        match self {
            AttemptKind::Success => "attempt attempt-ok",
            AttemptKind::RetryableFailure => "attempt attempt-retry",
            AttemptKind::FinalFailure => "attempt attempt-fatal",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AttemptMark {
    pub x: f64,
    pub width: f64,
    pub kind: AttemptKind,
    pub title: String,
}

/// A horizontal stretch of a row: a backoff gap or a rate-limit wait.
#[derive(Clone, Debug, PartialEq)]
pub struct Stretch {
    pub x1: f64,
    pub x2: f64,
    pub title: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowKind {
    /// The target fails every attempt with a retryable error.
    Outage,
    /// The target fails every attempt without retry.
    NonRetryable,
}

impl WindowKind {
    pub fn class(self) -> &'static str {
        match self {
            WindowKind::Outage => "window window-outage",
            WindowKind::NonRetryable => "window window-fatal",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Window {
    pub x: f64,
    pub width: f64,
    pub kind: WindowKind,
    pub title: String,
}

/// One invocation: an event at one target.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineRow {
    pub event_number: u32,
    /// Short enough to fit above the row.
    pub label: String,
    /// The outcome in full, for the row's tooltip and the text version.
    pub details: String,
    pub outcome: Option<OutcomeKind>,
    pub label_y: f64,
    pub track_y: f64,
    pub track_height: f64,
    pub windows: Vec<Window>,
    pub gaps: Vec<Stretch>,
    pub waits: Vec<Stretch>,
    pub attempts: Vec<AttemptMark>,
    /// Where the maximum event age falls, if within the axis.
    pub age_limit_x: Option<f64>,
    pub age_limit_title: String,
}

/// The whole chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    pub width: f64,
    pub height: f64,
    pub plot_left: f64,
    pub plot_right: f64,
    pub axis_y: f64,
    /// The axis runs from ingestion to this many milliseconds after it.
    pub span_ms: u64,
    pub ticks: Vec<AxisTick>,
    pub rows: Vec<TimelineRow>,
    pub description: String,
}

/// How many attempts an invocation took, in classes that tell different stories: at once, one
/// retry (a transient failure), a few, many (an outage), very many.
fn attempt_class(attempts: usize) -> u8 {
    match attempts {
        0 | 1 => 0,
        2 => 1,
        3..=5 => 2,
        6..=20 => 3,
        _ => 4,
    }
}

/// A short signature of what happened to an event: per invocation its target, how it ended and
/// how many attempts it took. Events with a signature not seen before tell something new.
fn story(event: &EventDetail) -> Vec<(String, Option<OutcomeKind>, u8)> {
    event
        .invocations
        .iter()
        .map(|invocation| {
            (
                format!("{}/{}", invocation.rule, invocation.target_id),
                invocation.outcome.as_ref().map(OutcomeKind::of),
                attempt_class(invocation.attempts.len()),
            )
        })
        .collect()
}

/// The events the timeline shows (their 0-based indices, in order): the first event of each new
/// story, as long as their rows fit in `max_rows`.
pub fn pick_events(report: &Report, max_rows: usize) -> Vec<u32> {
    let mut seen = BTreeSet::new();
    let mut picked = Vec::new();
    let mut rows = 0;
    for event in &report.events {
        let count = event.invocations.len();
        if count == 0 || rows + count > max_rows {
            continue;
        }
        if seen.insert(story(event)) {
            picked.push(event.index);
            rows += count;
        }
    }
    picked
}

fn find_target<'a>(scenario: &'a Scenario, rule: &str, target_id: &str) -> Option<&'a SimTarget> {
    scenario
        .rules
        .iter()
        .filter(|r| r.name == rule)
        .flat_map(|r| &r.targets)
        .find(|target| target.id == target_id)
}

/// Tick spacing: the smallest of these giving at most six intervals.
const TICK_STEPS_MS: [u64; 22] = [
    10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000,
    300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000,
];

fn tick_step(span_ms: u64) -> u64 {
    TICK_STEPS_MS
        .into_iter()
        .find(|step| span_ms / step <= 6)
        .unwrap_or(86_400_000 * span_ms.div_ceil(86_400_000 * 6).max(1))
}

/// An invocation's end in a few words, for the row label.
fn short_outcome(outcome: Option<&delivery::Outcome>, attempts: usize, ingested_ms: u64) -> String {
    use delivery::Outcome;
    let retries = |n: u32| match n {
        0 => "without retries".to_owned(),
        1 => "after 1 retry".to_owned(),
        n => format!("after {n} retries"),
    };
    let condition = |failure: &delivery::FinalFailure| {
        failure
            .exhausted_retry_condition
            .map(|c| format!(" ({})", c.as_str()))
            .unwrap_or_else(|| format!(" ({})", failure.error_code.as_str()))
    };
    match outcome {
        None => format!("in flight after {attempts} attempts"),
        Some(Outcome::Delivered { attempt, at_ms, .. }) => format!(
            "delivered at attempt {attempt} (+{})",
            format_duration_ms(at_ms.saturating_sub(ingested_ms))
        ),
        Some(Outcome::SentToDlq { failure, .. }) => {
            format!(
                "sent to DLQ {}{}",
                retries(failure.retry_attempts),
                condition(failure)
            )
        }
        Some(Outcome::Dropped { failure }) => {
            format!(
                "dropped {}{}",
                retries(failure.retry_attempts),
                condition(failure)
            )
        }
        Some(Outcome::FailedToReachDlq { failure, .. }) => {
            format!(
                "lost, the DLQ refused it, {}{}",
                retries(failure.retry_attempts),
                condition(failure)
            )
        }
    }
}

/// Lays out the invocations of the events with the given indices.
pub fn build_timeline(scenario: &Scenario, report: &Report, event_indices: &[u32]) -> Timeline {
    let events: Vec<&EventDetail> = event_indices
        .iter()
        .filter_map(|index| report.events.iter().find(|event| event.index == *index))
        .collect();

    // The axis covers the longest invocation, so every attempt and outcome is on it.
    let mut span_ms: u64 = 1000;
    for event in &events {
        for invocation in &event.invocations {
            let last_end = invocation
                .attempts
                .iter()
                .map(|a| a.end_ms)
                .max()
                .unwrap_or(event.ingested_at_ms);
            let outcome_at = match &invocation.outcome {
                Some(delivery::Outcome::Delivered { at_ms, .. }) => *at_ms,
                Some(delivery::Outcome::Dropped { failure })
                | Some(delivery::Outcome::SentToDlq { failure, .. })
                | Some(delivery::Outcome::FailedToReachDlq { failure, .. }) => failure.at_ms,
                None => last_end,
            };
            span_ms = span_ms.max(
                last_end
                    .max(outcome_at)
                    .saturating_sub(event.ingested_at_ms),
            );
        }
    }
    // A little room after the last mark.
    span_ms += span_ms / 25;

    let plot_left = LEFT;
    let plot_right = TIMELINE_WIDTH - RIGHT;
    let plot_width = plot_right - plot_left;
    let x =
        |offset_ms: u64| plot_left + (offset_ms.min(span_ms) as f64 / span_ms as f64) * plot_width;

    let mut rows = Vec::new();
    let mut y = TOP;
    for event in &events {
        let ingested = event.ingested_at_ms;
        let number = event.index + 1;
        for invocation in &event.invocations {
            let target = find_target(scenario, &invocation.rule, &invocation.target_id);
            let label_y = y + LABEL_HEIGHT - 4.0;
            let track_y = y + LABEL_HEIGHT;

            let mut windows = Vec::new();
            if let Some(target) = target {
                let behaviour = &target.behaviour;
                let spans = behaviour
                    .outages
                    .iter()
                    .map(|outage| {
                        (
                            outage.from_ms,
                            outage.until_ms,
                            WindowKind::Outage,
                            format!(
                                "Target down from {} to {}",
                                format_clock(outage.from_ms),
                                format_clock(outage.until_ms)
                            ),
                        )
                    })
                    .chain(behaviour.non_retryable.iter().map(|failure| {
                        let until = failure.until_ms.unwrap_or(u64::MAX);
                        let title = match failure.until_ms {
                            Some(until) => format!(
                                "Target fails without retry from {} to {}",
                                format_clock(failure.from_ms),
                                format_clock(until)
                            ),
                            None => format!(
                                "Target fails without retry from {}",
                                format_clock(failure.from_ms)
                            ),
                        };
                        (failure.from_ms, until, WindowKind::NonRetryable, title)
                    }));
                for (from, until, kind, title) in spans {
                    if until <= ingested {
                        continue;
                    }
                    let start = from.saturating_sub(ingested);
                    let end = until.saturating_sub(ingested).min(span_ms);
                    if start >= end {
                        continue;
                    }
                    windows.push(Window {
                        x: x(start),
                        width: x(end) - x(start),
                        kind,
                        title,
                    });
                }
            }

            let mut attempts = Vec::new();
            let mut gaps = Vec::new();
            let mut waits = Vec::new();
            let mut previous_end: Option<u64> = None;
            let last = invocation.attempts.len();
            for (position, attempt) in invocation.attempts.iter().enumerate() {
                let start = attempt.start_ms.saturating_sub(ingested);
                let end = attempt.end_ms.saturating_sub(ingested);
                let waited_from = start.saturating_sub(attempt.rate_limit_wait_ms);
                if let Some(previous) = previous_end {
                    if waited_from > previous {
                        gaps.push(Stretch {
                            x1: x(previous),
                            x2: x(waited_from),
                            title: format!(
                                "Backoff of {} before attempt {}",
                                format_duration_ms(waited_from - previous),
                                attempt.number
                            ),
                        });
                    }
                }
                if attempt.rate_limit_wait_ms > 0 {
                    waits.push(Stretch {
                        x1: x(waited_from),
                        x2: x(start),
                        title: format!(
                            "Attempt {} waited {} for the target's rate limit",
                            attempt.number,
                            format_duration_ms(attempt.rate_limit_wait_ms)
                        ),
                    });
                }
                let (kind, result) = match attempt.result {
                    AttemptResult::Success => (AttemptKind::Success, "delivered".to_owned()),
                    AttemptResult::Failed {
                        error_code,
                        retryable,
                    } => {
                        let final_attempt = position + 1 == last && invocation.outcome.is_some();
                        let kind = if retryable && !final_attempt {
                            AttemptKind::RetryableFailure
                        } else {
                            AttemptKind::FinalFailure
                        };
                        let retry_word = if retryable {
                            "retryable"
                        } else {
                            "not retryable"
                        };
                        (
                            kind,
                            format!("failed, {} ({retry_word})", error_code.as_str()),
                        )
                    }
                };
                let left = x(start);
                let width = (x(end) - left).max(MIN_ATTEMPT_WIDTH);
                attempts.push(AttemptMark {
                    x: left.min(plot_right - width),
                    width,
                    kind,
                    title: format!(
                        "Attempt {} at +{}: {result}",
                        attempt.number,
                        format_duration_ms(start)
                    ),
                });
                previous_end = Some(end);
            }

            let max_age_ms = target.map(|t| u64::from(t.retry.maximum_event_age_seconds) * 1000);
            let (age_limit_x, age_limit_title) = match max_age_ms {
                Some(age) if age <= span_ms => (
                    Some(x(age)),
                    format!("Maximum event age: +{}", format_duration_ms(age)),
                ),
                Some(age) => (
                    None,
                    format!(
                        "Maximum event age +{} is beyond the axis",
                        format_duration_ms(age)
                    ),
                ),
                None => (None, String::new()),
            };

            let outcome = invocation.outcome.as_ref().map(OutcomeKind::of);
            rows.push(TimelineRow {
                event_number: number,
                label: format!(
                    "Event {number} → {}: {}",
                    invocation.target_id,
                    short_outcome(
                        invocation.outcome.as_ref(),
                        invocation.attempts.len(),
                        ingested
                    )
                ),
                details: format!(
                    "Event {number} → target {} of rule {}: {}",
                    invocation.target_id,
                    invocation.rule,
                    outcome_text(invocation.outcome.as_ref())
                ),
                outcome,
                label_y,
                track_y,
                track_height: TRACK_HEIGHT,
                windows,
                gaps,
                waits,
                attempts,
                age_limit_x,
                age_limit_title,
            });
            y += LABEL_HEIGHT + TRACK_HEIGHT + ROW_GAP;
        }
    }

    let axis_y = y + 2.0;
    let step = tick_step(span_ms);
    let ticks = (0..=span_ms / step)
        .map(|n| {
            let at = n * step;
            AxisTick {
                x: x(at),
                label: if at == 0 {
                    "ingestion".to_owned()
                } else {
                    format!("+{}", format_duration_ms(at))
                },
                anchor: if at == 0 { "start" } else { "middle" },
            }
        })
        .collect();
    let attempts: usize = rows.iter().map(|row| row.attempts.len()).sum();
    let description = if rows.is_empty() {
        "No invocation to show: no event with attempt-by-attempt records reached a target."
            .to_owned()
    } else {
        format!(
            "Timeline of {} invocations of {} events ({attempts} attempts), on an axis of time since \
             ingestion from 0 to {}. Each row is labelled with its outcome.",
            rows.len(),
            events.len(),
            format_duration_ms(span_ms)
        )
    };
    Timeline {
        width: TIMELINE_WIDTH,
        height: axis_y + AXIS_HEIGHT,
        plot_left,
        plot_right,
        axis_y,
        span_ms,
        ticks,
        rows,
        description,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_hour_report(details: u32) -> (Scenario, Report) {
        let mut scenario = (delivery::PRESETS[0].build)();
        scenario.options.keep_details_for_first_events = details;
        let report = delivery::simulate(&scenario).unwrap();
        (scenario, report)
    }

    #[test]
    fn picked_events_tell_different_stories_within_the_row_budget() {
        let (_, report) = one_hour_report(3584);
        let picked = pick_events(&report, 12);
        assert!(picked.len() >= 2, "{picked:?}");
        assert_eq!(picked[0], 0, "the first event shows the healthy case");
        assert!(picked.windows(2).all(|pair| pair[0] < pair[1]));
        let rows: usize = picked
            .iter()
            .map(|index| report.events[*index as usize].invocations.len())
            .sum();
        assert!(rows <= 12);
        let stories: BTreeSet<_> = picked
            .iter()
            .map(|index| story(&report.events[*index as usize]))
            .collect();
        assert_eq!(
            stories.len(),
            picked.len(),
            "no two picked events tell the same story"
        );
        assert!(
            picked.iter().any(|index| *index >= 1800),
            "an event of the outage is shown"
        );
    }

    #[test]
    fn rows_draw_attempts_gaps_outage_and_age_limit_inside_the_chart() {
        let (scenario, report) = one_hour_report(3584);
        let picked = pick_events(&report, 12);
        let timeline = build_timeline(&scenario, &report, &picked);
        assert_eq!(
            timeline.rows.len(),
            picked
                .iter()
                .map(|i| report.events[*i as usize].invocations.len())
                .sum::<usize>()
        );
        for row in &timeline.rows {
            for attempt in &row.attempts {
                assert!(
                    attempt.x >= timeline.plot_left - 1e-9
                        && attempt.x + attempt.width <= timeline.plot_right + 1e-9,
                    "{attempt:?}"
                );
                assert!(attempt.width >= MIN_ATTEMPT_WIDTH);
            }
            for gap in &row.gaps {
                assert!(gap.x1 < gap.x2 && gap.x2 <= timeline.plot_right + 1e-9);
            }
            for window in &row.windows {
                assert!(window.x >= timeline.plot_left - 1e-9 && window.width > 0.0);
                assert!(window.x + window.width <= timeline.plot_right + 1e-9);
            }
            assert!(row.track_y > row.label_y - 20.0 && row.track_y < timeline.axis_y);
        }
        // The outage event's row at the 3-retries target: four attempts, three backoff gaps,
        // inside an outage window, with the 10-minute age limit on the axis.
        let dropped = timeline
            .rows
            .iter()
            .find(|row| {
                row.label.contains("fulfilment-3-retries-no-dlq")
                    && row.outcome == Some(OutcomeKind::Dropped)
            })
            .expect("an event dropped after 3 retries");
        assert!(
            dropped
                .label
                .ends_with("dropped after 3 retries (MaximumRetryAttempts)"),
            "{}",
            dropped.label
        );
        assert_eq!(dropped.attempts.len(), 4);
        assert_eq!(dropped.gaps.len(), 3);
        assert!(dropped.attempts[..3]
            .iter()
            .all(|a| a.kind == AttemptKind::RetryableFailure));
        assert_eq!(dropped.attempts[3].kind, AttemptKind::FinalFailure);
        assert_eq!(dropped.windows.len(), 1);
        assert!(dropped.windows[0]
            .title
            .starts_with("Target down from 00:30:00.000 to 01:30:00.000"));
        assert!(dropped.age_limit_x.is_some(), "{}", dropped.age_limit_title);
        assert!(dropped.gaps[0].title.starts_with("Backoff of "));
        // The default policy's age limit (24 h) is far off an axis of about an hour.
        let default_row = timeline
            .rows
            .iter()
            .find(|row| row.label.contains("fulfilment-default-policy"))
            .unwrap();
        assert_eq!(default_row.age_limit_x, None);
        assert_eq!(
            default_row.age_limit_title,
            "Maximum event age +24 h is beyond the axis"
        );
        assert!(timeline
            .description
            .starts_with(&format!("Timeline of {} invocations", timeline.rows.len())));
    }

    #[test]
    fn the_axis_is_labelled_with_round_steps_from_ingestion() {
        let (scenario, report) = one_hour_report(3584);
        let timeline = build_timeline(&scenario, &report, &pick_events(&report, 12));
        assert_eq!(timeline.ticks[0].label, "ingestion");
        assert_eq!(timeline.ticks[0].x, timeline.plot_left);
        assert_eq!(timeline.ticks[0].anchor, "start");
        assert_eq!(timeline.ticks[1].anchor, "middle");
        assert!(
            timeline.ticks.len() >= 3 && timeline.ticks.len() <= 7,
            "{:?}",
            timeline.ticks
        );
        assert!(timeline.ticks.windows(2).all(|pair| pair[0].x < pair[1].x));
        assert!(timeline.ticks.last().unwrap().x <= timeline.plot_right + 1e-9);
    }

    #[test]
    fn attempt_class_table() {
        let table = [
            (1, 0),
            (2, 1),
            (3, 2),
            (5, 2),
            (6, 3),
            (20, 3),
            (21, 4),
            (186, 4),
        ];
        for (attempts, class) in table {
            assert_eq!(attempt_class(attempts), class, "{attempts}");
        }
    }

    #[test]
    fn tick_step_table() {
        let table = [
            (1_000, 200),
            (60_000, 10_000),
            (3_600_000, 600_000),
            (86_400_000, 21_600_000),
            (7 * 86_400_000, 2 * 86_400_000),
        ];
        for (span, step) in table {
            assert_eq!(tick_step(span), step, "{span}");
            assert!(span / tick_step(span) <= 6);
        }
    }

    #[test]
    fn rate_limit_waits_are_drawn_before_their_attempt() {
        let mut scenario = (delivery::PRESETS
            .iter()
            .find(|p| p.id == "throttled-api-destination")
            .unwrap()
            .build)();
        scenario.options.keep_details_for_first_events = 2000;
        let report = delivery::simulate(&scenario).unwrap();
        let waited = report
            .events
            .iter()
            .find(|event| {
                event
                    .invocations
                    .iter()
                    .any(|i| i.attempts.iter().any(|a| a.rate_limit_wait_ms > 0))
            })
            .expect("some attempt waits for the rate limit");
        let timeline = build_timeline(&scenario, &report, &[waited.index]);
        let row = &timeline.rows[0];
        assert!(!row.waits.is_empty());
        assert!(
            row.waits[0].x2 <= row.attempts.iter().map(|a| a.x).fold(f64::MAX, f64::min) + 1e-9
                || row.attempts.len() > 1
        );
        assert!(row.waits[0].title.contains("waited"));
    }

    #[test]
    fn no_events_give_an_empty_but_described_chart() {
        let scenario = (delivery::PRESETS
            .iter()
            .find(|p| p.id == "pending-partner-source")
            .unwrap()
            .build)();
        let mut only_pending = scenario.clone();
        only_pending.events.generated.remove(0);
        let report = delivery::simulate(&only_pending).unwrap();
        assert!(pick_events(&report, 12).is_empty());
        let timeline = build_timeline(&only_pending, &report, &[]);
        assert!(timeline.rows.is_empty());
        assert!(timeline.description.starts_with("No invocation to show"));
        assert!(timeline.height > 0.0);
    }

    #[test]
    fn a_permanent_non_retryable_error_is_a_window_to_the_end_of_the_axis() {
        let scenario = (delivery::PRESETS
            .iter()
            .find(|p| p.id == "permissions-error")
            .unwrap()
            .build)();
        let report = delivery::simulate(&scenario).unwrap();
        let picked = pick_events(&report, 12);
        let timeline = build_timeline(&scenario, &report, &picked);
        let row = &timeline.rows[0];
        assert_eq!(row.windows.len(), 1);
        assert_eq!(row.windows[0].kind, WindowKind::NonRetryable);
        assert!((row.windows[0].x + row.windows[0].width - timeline.plot_right).abs() < 1e-6);
        assert_eq!(row.attempts.len(), 1);
        assert_eq!(row.attempts[0].kind, AttemptKind::FinalFailure);
        assert!(
            row.label
                .ends_with("sent to DLQ without retries (NO_PERMISSIONS)"),
            "{}",
            row.label
        );
        assert!(
            row.details.contains(
                "Sent to the dead-letter queue: NO_PERMISSIONS without retries, not retryable"
            ),
            "{}",
            row.details
        );
    }
}
