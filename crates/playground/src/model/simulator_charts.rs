//! Coordinates for the Simulator's SVG charts: the CloudWatch metrics per period (stacked bars
//! and a latency line chart) and the backoff schedule. Each chart also carries its data as a
//! table, which the page offers as the text alternative.

use delivery::{BackoffConfig, Jitter, LatencyStats, MetricCounts, MetricTotals, MinuteMetrics};

use delivery::describe::{format_count, format_duration_ms};

pub const CHART_WIDTH: f64 = 720.0;
pub const CHART_HEIGHT: f64 = 210.0;
const PLOT_LEFT: f64 = 72.0;
const PLOT_RIGHT: f64 = CHART_WIDTH - 12.0;
const PLOT_TOP: f64 = 10.0;
const PLOT_BOTTOM: f64 = CHART_HEIGHT - 26.0;
/// Charts of long runs add minutes up into periods so that no more bars than this are drawn.
pub const MAX_BARS: usize = 120;
const PERIODS_MINUTES: [u32; 12] = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440];

/// A label on an axis at `pos` (x for the time axis, y for the value axis).
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub pos: f64,
    pub label: String,
}

/// The plotting area all charts share.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

pub const FRAME: Frame = Frame {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    left: PLOT_LEFT,
    right: PLOT_RIGHT,
    top: PLOT_TOP,
    bottom: PLOT_BOTTOM,
};

/// The chart's data as a table: the text alternative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeriesInfo {
    pub label: String,
    /// CSS class giving the series its colour.
    pub class: &'static str,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BarSegment {
    pub y: f64,
    pub height: f64,
    pub series: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub width: f64,
    pub segments: Vec<BarSegment>,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BarChart {
    pub key: &'static str,
    pub title: &'static str,
    pub explanation: &'static str,
    pub frame: Frame,
    pub series: Vec<SeriesInfo>,
    pub bars: Vec<Bar>,
    pub y_ticks: Vec<Tick>,
    pub x_ticks: Vec<Tick>,
    pub description: String,
    pub table: DataTable,
}

/// One stacked part of a metric chart.
pub struct MetricSeries {
    pub label: &'static str,
    pub class: &'static str,
    pub value: fn(&MetricCounts) -> u64,
}

/// A metric chart: which metrics, stacked in this order.
pub struct MetricChartSpec {
    pub key: &'static str,
    pub title: &'static str,
    pub explanation: &'static str,
    pub series: &'static [MetricSeries],
    /// Drawn only when some value is non-zero (metrics AWS emits only when non-zero).
    pub only_if_non_zero: bool,
}

fn delivered(m: &MetricCounts) -> u64 {
    m.invocations.saturating_sub(m.failed_invocations)
}

fn dropped(m: &MetricCounts) -> u64 {
    m.failed_invocations
        .saturating_sub(m.invocations_sent_to_dlq)
        .saturating_sub(m.invocations_failed_to_be_sent_to_dlq)
}

pub const METRIC_CHARTS: [MetricChartSpec; 5] = [
    MetricChartSpec {
        key: "attempts",
        title: "InvocationAttempts",
        explanation:
            "Every attempt to invoke a target, retries included, in the period it started: \
                      SuccessfulInvocationAttempts and the attempts that failed.",
        series: &[
            MetricSeries {
                label: "SuccessfulInvocationAttempts",
                class: "series-ok",
                value: |m| m.successful_invocation_attempts,
            },
            MetricSeries {
                label: "Failed attempts",
                class: "series-bad",
                value: |m| m.failed_invocation_attempts,
            },
        ],
        only_if_non_zero: false,
    },
    MetricChartSpec {
        key: "retries",
        title: "RetryInvocationAttempts",
        explanation: "Attempts that were retries (every attempt after an invocation's first).",
        series: &[MetricSeries {
            label: "RetryInvocationAttempts",
            class: "series-retry",
            value: |m| m.retry_invocation_attempts,
        }],
        only_if_non_zero: false,
    },
    MetricChartSpec {
        key: "ended",
        title: "Invocations",
        explanation:
            "Invocations that ended, in the period they ended: delivered, or failed for good \
                      (FailedInvocations), split by where the event went.",
        series: &[
            MetricSeries {
                label: "Delivered",
                class: "series-ok",
                value: delivered,
            },
            MetricSeries {
                label: "InvocationsSentToDlq",
                class: "series-dlq",
                value: |m| m.invocations_sent_to_dlq,
            },
            MetricSeries {
                label: "Dropped",
                class: "series-bad",
                value: dropped,
            },
            MetricSeries {
                label: "InvocationsFailedToBeSentToDlq",
                class: "series-lost",
                value: |m| m.invocations_failed_to_be_sent_to_dlq,
            },
        ],
        only_if_non_zero: false,
    },
    MetricChartSpec {
        key: "created",
        title: "InvocationsCreated",
        explanation:
            "Invocations created for matched events (one per event and target), in the period \
                      of ingestion.",
        series: &[MetricSeries {
            label: "InvocationsCreated",
            class: "series-neutral",
            value: |m| m.invocations_created,
        }],
        only_if_non_zero: false,
    },
    MetricChartSpec {
        key: "throttled",
        title: "ThrottledRules",
        explanation: "Attempts a rule had to delay because a target's rate limit was reached.",
        series: &[MetricSeries {
            label: "ThrottledRules",
            class: "series-retry",
            value: |m| m.throttled_rules,
        }],
        only_if_non_zero: true,
    },
];

/// The period length, in minutes, that keeps a run of `minutes` within [`MAX_BARS`] bars.
pub fn period_minutes(minutes: usize) -> u32 {
    PERIODS_MINUTES
        .into_iter()
        .find(|period| minutes.div_ceil(*period as usize) <= MAX_BARS)
        .unwrap_or(1440)
}

/// `"00:30"`, or `"1 d 02:00"`, for a minute of the run.
pub fn format_minute(minute: u64) -> String {
    let (days, rest) = (minute / 1440, minute % 1440);
    let clock = format!("{:02}:{:02}", rest / 60, rest % 60);
    if days > 0 {
        format!("{days} d {clock}")
    } else {
        clock
    }
}

fn period_label(period: u32) -> String {
    if period == 1 {
        "per minute".to_owned()
    } else if period.is_multiple_of(60) {
        format!("per {} h", period / 60)
    } else {
        format!("per {period} minutes")
    }
}

/// A "nice" step (1, 2 or 5 × a power of ten) giving about four intervals up to `max`.
pub fn nice_step(max: f64) -> f64 {
    if !(max.is_finite() && max > 0.0) {
        return 1.0;
    }
    let raw = max / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let normalized = raw / magnitude;
    let factor = if normalized <= 1.0 {
        1.0
    } else if normalized <= 2.0 {
        2.0
    } else if normalized <= 5.0 {
        5.0
    } else {
        10.0
    };
    factor * magnitude
}

/// Count-axis ticks from 0 to a round maximum at or above `max`, and that maximum.
fn count_axis(max: f64) -> (Vec<Tick>, f64) {
    let step = nice_step(max).max(1.0);
    let top = (max / step).ceil().max(1.0) * step;
    let ticks = (0..=((top / step).round() as u32))
        .map(|n| {
            let value = f64::from(n) * step;
            Tick {
                pos: PLOT_BOTTOM - value / top * (PLOT_BOTTOM - PLOT_TOP),
                label: format_count(value as u64),
            }
        })
        .collect();
    (ticks, top)
}

/// Steps of a duration axis: round numbers in the unit people would read them in.
const DURATION_STEPS_MS: [u64; 27] = [
    1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000,
    120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000,
    43_200_000, 86_400_000,
];

/// Value-axis ticks for durations up to `max_ms`, at round durations ("10 min", "6 h").
fn duration_axis(max_ms: f64) -> (Vec<Tick>, f64) {
    let max = if max_ms.is_finite() {
        max_ms.max(1.0)
    } else {
        1.0
    };
    let step = DURATION_STEPS_MS
        .into_iter()
        .map(|step| step as f64)
        .find(|step| (max / step).ceil() <= 5.0)
        .unwrap_or_else(|| (max / 5.0 / 86_400_000.0).ceil() * 86_400_000.0);
    let top = (max / step).ceil().max(1.0) * step;
    let ticks = (0..=((top / step).round() as u32))
        .map(|n| {
            let value = f64::from(n) * step;
            Tick {
                pos: PLOT_BOTTOM - value / top * (PLOT_BOTTOM - PLOT_TOP),
                label: if n == 0 {
                    "0".to_owned()
                } else {
                    format_duration_ms(value as u64)
                },
            }
        })
        .collect();
    (ticks, top)
}

/// Time-axis ticks for `periods` periods of `period` minutes, at most about eight.
fn time_axis(periods: usize, period: u32) -> Vec<Tick> {
    let band = (PLOT_RIGHT - PLOT_LEFT) / periods.max(1) as f64;
    let every = periods.div_ceil(8).max(1);
    // Round the label spacing up to a number of minutes people count in.
    let minutes_per_label = [1u64, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880]
        .into_iter()
        .find(|m| *m >= every as u64 * u64::from(period) && m % u64::from(period) == 0)
        .unwrap_or(every as u64 * u64::from(period));
    let every = (minutes_per_label / u64::from(period)).max(1) as usize;
    (0..periods)
        .step_by(every)
        .map(|index| Tick {
            pos: PLOT_LEFT + band * index as f64,
            label: format_minute(index as u64 * u64::from(period)),
        })
        .collect()
}

/// Sums one metric into periods.
fn sum_periods(
    per_minute: &[MinuteMetrics],
    period: u32,
    value: fn(&MetricCounts) -> u64,
) -> Vec<u64> {
    per_minute
        .chunks(period as usize)
        .map(|chunk| chunk.iter().map(|minute| value(&minute.metrics)).sum())
        .collect()
}

/// The stacked-bar chart of one spec; `None` for a chart that is only drawn when non-zero and
/// has nothing to draw.
pub fn metric_chart(spec: &MetricChartSpec, per_minute: &[MinuteMetrics]) -> Option<BarChart> {
    let period = period_minutes(per_minute.len());
    let columns: Vec<Vec<u64>> = spec
        .series
        .iter()
        .map(|series| sum_periods(per_minute, period, series.value))
        .collect();
    let periods = per_minute.len().div_ceil(period as usize);
    let totals: Vec<u64> = (0..periods)
        .map(|index| columns.iter().map(|column| column[index]).sum())
        .collect();
    let max = totals.iter().copied().max().unwrap_or(0);
    if spec.only_if_non_zero && max == 0 {
        return None;
    }
    let (y_ticks, top) = count_axis(max as f64);
    let band = (PLOT_RIGHT - PLOT_LEFT) / periods.max(1) as f64;
    let gap = if band >= 4.0 { band * 0.15 } else { 0.0 };
    let scale = (PLOT_BOTTOM - PLOT_TOP) / top;
    let bars = (0..periods)
        .filter(|index| totals[*index] > 0)
        .map(|index| {
            let mut base = PLOT_BOTTOM;
            let segments = columns
                .iter()
                .enumerate()
                .filter(|(_, column)| column[index] > 0)
                .map(|(series, column)| {
                    let height = column[index] as f64 * scale;
                    base -= height;
                    BarSegment {
                        y: base,
                        height,
                        series,
                    }
                })
                .collect();
            let start = index as u64 * u64::from(period);
            let values = spec
                .series
                .iter()
                .zip(&columns)
                .map(|(series, column)| format!("{} {}", series.label, format_count(column[index])))
                .collect::<Vec<_>>()
                .join(", ");
            Bar {
                x: PLOT_LEFT + band * index as f64 + gap / 2.0,
                width: (band - gap).max(0.5),
                segments,
                title: format!(
                    "{}–{}: {values}",
                    format_minute(start),
                    format_minute(start + u64::from(period))
                ),
            }
        })
        .collect();
    let mut headers = vec!["Period starting".to_owned()];
    headers.extend(spec.series.iter().map(|series| series.label.to_owned()));
    let rows = (0..periods)
        .filter(|index| totals[*index] > 0)
        .map(|index| {
            let mut row = vec![format_minute(index as u64 * u64::from(period))];
            row.extend(columns.iter().map(|column| format_count(column[index])));
            row
        })
        .collect();
    let busiest = totals
        .iter()
        .enumerate()
        .max_by_key(|(index, total)| (**total, std::cmp::Reverse(*index)))
        .map(|(index, _)| index)
        .unwrap_or(0);
    let description = if max == 0 {
        format!("{}: zero in every period.", spec.title)
    } else {
        format!(
            "{} {}, {} periods; total {}; highest {} in the period starting {}.",
            spec.title,
            period_label(period),
            periods,
            format_count(totals.iter().sum()),
            format_count(max),
            format_minute(busiest as u64 * u64::from(period))
        )
    };
    Some(BarChart {
        key: spec.key,
        title: spec.title,
        explanation: spec.explanation,
        frame: FRAME,
        series: spec
            .series
            .iter()
            .map(|series| SeriesInfo {
                label: series.label.to_owned(),
                class: series.class,
            })
            .collect(),
        bars,
        y_ticks,
        x_ticks: time_axis(periods, period),
        description,
        table: DataTable { headers, rows },
    })
}

pub fn metric_charts(per_minute: &[MinuteMetrics]) -> Vec<BarChart> {
    METRIC_CHARTS
        .iter()
        .filter_map(|spec| metric_chart(spec, per_minute))
        .collect()
}

/// A line of a line chart, split where it has no data (an SVG `points` list per piece).
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub label: String,
    pub class: &'static str,
    pub pieces: Vec<String>,
    /// Dots for isolated points that a polyline would not show.
    pub dots: Vec<(f64, f64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LineChart {
    pub key: &'static str,
    pub title: String,
    pub explanation: String,
    pub frame: Frame,
    pub lines: Vec<Line>,
    /// A horizontal reference line (y, label), e.g. the maximum event age.
    pub limit: Option<(f64, String)>,
    pub y_ticks: Vec<Tick>,
    pub x_ticks: Vec<Tick>,
    pub description: String,
    pub table: DataTable,
}

fn line_from(label: &str, class: &'static str, points: &[Option<(f64, f64)>]) -> Line {
    let mut pieces = Vec::new();
    let mut dots = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    let mut flush = |current: &mut Vec<(f64, f64)>| {
        match current.len() {
            0 => {}
            1 => dots.push(current[0]),
            _ => pieces.push(
                current
                    .iter()
                    .map(|(x, y)| format!("{x:.1},{y:.1}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        }
        current.clear();
    };
    for point in points {
        match point {
            Some(point) => current.push(*point),
            None => flush(&mut current),
        }
    }
    flush(&mut current);
    Line {
        label: label.to_owned(),
        class,
        pieces,
        dots,
    }
}

/// `IngestionToInvocationSuccessLatency` per period: mean and maximum.
pub fn latency_chart(per_minute: &[MinuteMetrics]) -> LineChart {
    let period = period_minutes(per_minute.len());
    let stats: Vec<LatencyStats> = per_minute
        .chunks(period as usize)
        .map(|chunk| {
            let mut total = LatencyStats::default();
            for minute in chunk {
                let latency = &minute.metrics.ingestion_to_invocation_success_latency;
                total.count += latency.count;
                total.sum_ms = total.sum_ms.saturating_add(latency.sum_ms);
                total.max_ms = total.max_ms.max(latency.max_ms);
            }
            total
        })
        .collect();
    let periods = stats.len();
    let max = stats.iter().map(|s| s.max_ms).max().unwrap_or(0);
    let (y_ticks, top) = duration_axis(max as f64);
    let band = (PLOT_RIGHT - PLOT_LEFT) / periods.max(1) as f64;
    let point = |index: usize, value: f64| {
        (
            PLOT_LEFT + band * (index as f64 + 0.5),
            PLOT_BOTTOM - value / top * (PLOT_BOTTOM - PLOT_TOP),
        )
    };
    let means: Vec<Option<(f64, f64)>> = stats
        .iter()
        .enumerate()
        .map(|(index, s)| s.mean_ms().map(|mean| point(index, mean)))
        .collect();
    let maxima: Vec<Option<(f64, f64)>> = stats
        .iter()
        .enumerate()
        .map(|(index, s)| (s.count > 0).then(|| point(index, s.max_ms as f64)))
        .collect();
    let rows: Vec<Vec<String>> = stats
        .iter()
        .enumerate()
        .filter(|(_, s)| s.count > 0)
        .map(|(index, s)| {
            vec![
                format_minute(index as u64 * u64::from(period)),
                format_count(s.count),
                format_duration_ms(s.mean_ms().unwrap_or(0.0).round() as u64),
                format_duration_ms(s.max_ms),
            ]
        })
        .collect();
    let description = if rows.is_empty() {
        "IngestionToInvocationSuccessLatency: no invocation was delivered.".to_owned()
    } else {
        format!(
            "IngestionToInvocationSuccessLatency {}: mean and maximum time from ingestion to successful delivery; the highest maximum is {}.",
            period_label(period),
            format_duration_ms(max)
        )
    };
    LineChart {
        key: "latency",
        title: "IngestionToInvocationSuccessLatency".to_owned(),
        explanation: "Time from ingestion to the end of the successful attempt, retries included, in the period of delivery.".to_owned(),
        frame: FRAME,
        lines: vec![line_from("Mean", "line-mean", &means), line_from("Maximum", "line-max", &maxima)],
        limit: None,
        y_ticks,
        x_ticks: time_axis(periods, period),
        description,
        table: DataTable {
            headers: ["Period starting", "Deliveries", "Mean", "Maximum"].map(str::to_owned).to_vec(),
            rows,
        },
    }
}

/// The run's totals with their CloudWatch names, for the metrics table.
pub fn metric_totals(totals: &MetricTotals) -> Vec<(&'static str, String)> {
    let m = &totals.metrics;
    let latency = |summary: &delivery::LatencySummary| match (summary.mean_ms, summary.p99_ms) {
        (Some(mean), Some(p99)) => format!(
            "mean {}, p50 {}, p99 {}, max {}",
            format_duration_ms(mean.round() as u64),
            format_duration_ms(summary.p50_ms.unwrap_or(0)),
            format_duration_ms(p99),
            format_duration_ms(summary.max_ms)
        ),
        _ => "–".to_owned(),
    };
    vec![
        ("MatchedEvents", format_count(m.matched_events)),
        ("TriggeredRules", format_count(m.triggered_rules)),
        ("InvocationsCreated", format_count(m.invocations_created)),
        ("Invocations", format_count(m.invocations)),
        ("InvocationAttempts", format_count(m.invocation_attempts)),
        (
            "SuccessfulInvocationAttempts",
            format_count(m.successful_invocation_attempts),
        ),
        (
            "RetryInvocationAttempts",
            format_count(m.retry_invocation_attempts),
        ),
        ("FailedInvocations", format_count(m.failed_invocations)),
        (
            "InvocationsSentToDlq",
            format_count(m.invocations_sent_to_dlq),
        ),
        (
            "InvocationsFailedToBeSentToDlq",
            format_count(m.invocations_failed_to_be_sent_to_dlq),
        ),
        ("ThrottledRules", format_count(m.throttled_rules)),
        (
            "IngestionToInvocationStartLatency",
            latency(&totals.start_latency),
        ),
        (
            "IngestionToInvocationSuccessLatency",
            latency(&totals.success_latency),
        ),
    ]
}

/// The backoff formula, line by line, with the configuration's numbers.
pub fn backoff_formula(backoff: &BackoffConfig) -> Vec<String> {
    let jitter = match backoff.jitter {
        Jitter::Equal => "delay(n) = nominal(n) / 2 + random(0 … nominal(n) / 2)   (equal jitter)",
        Jitter::Full => "delay(n) = random(0 … nominal(n))   (full jitter)",
        Jitter::None => "delay(n) = nominal(n)   (no jitter)",
    };
    vec![
        format!(
            "nominal(n) = min({}, {} × {}^(n − 1))   for retry n = 1, 2, 3 …",
            format_duration_ms(backoff.cap_ms),
            format_duration_ms(backoff.base_ms),
            backoff.multiplier
        ),
        jitter.to_owned(),
        "Retry n starts delay(n) after the previous attempt's answer, unless MaximumRetryAttempts \
         retries were made already or it would start at an event age of MaximumEventAgeInSeconds or more."
            .to_owned(),
    ]
}

/// A vertical range per retry: the shortest and longest delay jitter can give, and the mean.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeBar {
    pub x: f64,
    pub width: f64,
    pub y_max: f64,
    pub y_min: f64,
    pub y_mean: f64,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BackoffDelayChart {
    pub frame: Frame,
    pub bars: Vec<RangeBar>,
    pub y_ticks: Vec<Tick>,
    pub x_ticks: Vec<Tick>,
    pub description: String,
}

/// The delay before each of the first `retries` retries.
pub fn backoff_delay_chart(backoff: &BackoffConfig, retries: u32) -> BackoffDelayChart {
    let schedule = backoff.expected_schedule(retries);
    let max = schedule.iter().map(|s| s.delay.max_ms).max().unwrap_or(0);
    let (y_ticks, top) = duration_axis(max as f64);
    let count = schedule.len().max(1);
    let band = (PLOT_RIGHT - PLOT_LEFT) / count as f64;
    let y = |value: f64| PLOT_BOTTOM - value / top * (PLOT_BOTTOM - PLOT_TOP);
    let bars = schedule
        .iter()
        .enumerate()
        .map(|(index, retry)| RangeBar {
            x: PLOT_LEFT + band * index as f64 + band * 0.2,
            width: band * 0.6,
            y_max: y(retry.delay.max_ms as f64),
            // A range of zero height (no jitter) still shows as a line.
            y_min: y(retry.delay.min_ms as f64).max(y(retry.delay.max_ms as f64) + 1.5),
            y_mean: y(retry.delay.expected_ms),
            title: format!(
                "Retry {}: {} to {} after the previous answer (mean {})",
                retry.retry_number,
                format_duration_ms(retry.delay.min_ms),
                format_duration_ms(retry.delay.max_ms),
                format_duration_ms(retry.delay.expected_ms.round() as u64)
            ),
        })
        .collect();
    let x_ticks = schedule
        .iter()
        .enumerate()
        .filter(|(index, _)| count <= 16 || index % 2 == 0)
        .map(|(index, retry)| Tick {
            pos: PLOT_LEFT + band * (index as f64 + 0.5),
            label: retry.retry_number.to_string(),
        })
        .collect();
    let description = match (schedule.first(), schedule.last()) {
        (Some(first), Some(last)) => format!(
            "Delay before retries 1 to {}: from {} to {} before the first retry, growing to {} to {} before retry {}.",
            last.retry_number,
            format_duration_ms(first.delay.min_ms),
            format_duration_ms(first.delay.max_ms),
            format_duration_ms(last.delay.min_ms),
            format_duration_ms(last.delay.max_ms),
            last.retry_number
        ),
        _ => "No retries.".to_owned(),
    };
    BackoffDelayChart {
        frame: FRAME,
        bars,
        y_ticks,
        x_ticks,
        description,
    }
}

/// When each retry starts, counted from the first attempt (shortest, expected, longest), with
/// the maximum event age as a reference line.
pub fn backoff_cumulative_chart(
    backoff: &BackoffConfig,
    retries: u32,
    max_age_seconds: u32,
) -> LineChart {
    let schedule = backoff.expected_schedule(retries);
    let age_ms = u64::from(max_age_seconds) * 1000;
    let max = schedule
        .iter()
        .map(|s| s.after_first_attempt.max_ms)
        .max()
        .unwrap_or(0)
        .max(age_ms);
    let (y_ticks, top) = duration_axis(max as f64);
    let count = schedule.len().max(1);
    let band = (PLOT_RIGHT - PLOT_LEFT) / count as f64;
    let y = |value: f64| PLOT_BOTTOM - value / top * (PLOT_BOTTOM - PLOT_TOP);
    let at = |index: usize| PLOT_LEFT + band * (index as f64 + 0.5);
    let series = |pick: fn(&delivery::ScheduledRetry) -> f64| -> Vec<Option<(f64, f64)>> {
        schedule
            .iter()
            .enumerate()
            .map(|(index, s)| Some((at(index), y(pick(s)))))
            .collect()
    };
    let lines = vec![
        line_from(
            "Longest",
            "line-max",
            &series(|s| s.after_first_attempt.max_ms as f64),
        ),
        line_from(
            "Expected",
            "line-mean",
            &series(|s| s.after_first_attempt.expected_ms),
        ),
        line_from(
            "Shortest",
            "line-min",
            &series(|s| s.after_first_attempt.min_ms as f64),
        ),
    ];
    let step = if count <= 12 { 1 } else { count.div_ceil(8) };
    let x_ticks = schedule
        .iter()
        .enumerate()
        .filter(|(index, _)| index % step == 0 || *index + 1 == count)
        .map(|(index, s)| Tick {
            pos: at(index),
            label: s.retry_number.to_string(),
        })
        .collect();
    let milestones: Vec<u32> = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 50, 100, 150, 185]
        .into_iter()
        .filter(|n| *n <= retries.min(aws_model::MAX_RETRY_ATTEMPTS))
        .collect();
    let rows = milestones
        .iter()
        .filter_map(|n| schedule.get(*n as usize - 1))
        .map(|s| {
            vec![
                s.retry_number.to_string(),
                format!(
                    "{} – {}",
                    format_duration_ms(s.delay.min_ms),
                    format_duration_ms(s.delay.max_ms)
                ),
                format_duration_ms(s.after_first_attempt.expected_ms.round() as u64),
                format!(
                    "{} – {}",
                    format_duration_ms(s.after_first_attempt.min_ms),
                    format_duration_ms(s.after_first_attempt.max_ms)
                ),
            ]
        })
        .collect();
    let description = match schedule.last() {
        Some(last) => format!(
            "Retry {} starts about {} after the first attempt (between {} and {}); the maximum event age is {}.",
            last.retry_number,
            format_duration_ms(last.after_first_attempt.expected_ms.round() as u64),
            format_duration_ms(last.after_first_attempt.min_ms),
            format_duration_ms(last.after_first_attempt.max_ms),
            format_duration_ms(age_ms)
        ),
        None => "No retries.".to_owned(),
    };
    LineChart {
        key: "backoff-cumulative",
        title: "When each retry starts".to_owned(),
        explanation: "Counted from the first attempt, without the target's response times."
            .to_owned(),
        frame: FRAME,
        lines,
        limit: Some((
            y(age_ms as f64),
            format!("Maximum event age {}", format_duration_ms(age_ms)),
        )),
        y_ticks,
        x_ticks,
        description,
        table: DataTable {
            headers: ["Retry", "Delay before it", "Expected start", "Start range"]
                .map(str::to_owned)
                .to_vec(),
            rows,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(id: &str) -> delivery::Report {
        delivery::simulate(&(delivery::PRESETS
            .iter()
            .find(|p| p.id == id)
            .unwrap()
            .build)())
        .unwrap()
    }

    #[test]
    fn period_minutes_table() {
        let table = [
            (0, 1),
            (1, 1),
            (120, 1),
            (121, 2),
            (240, 2),
            (241, 5),
            (1_440, 15),
            (10_080, 120),
            (1_000_000, 1440),
        ];
        for (minutes, period) in table {
            assert_eq!(period_minutes(minutes), period, "{minutes}");
        }
    }

    #[test]
    fn nice_step_table() {
        let table = [
            (0.0, 1.0),
            (4.0, 1.0),
            (10.0, 5.0),
            (100.0, 50.0),
            (7_200.0, 2_000.0),
            (37.0, 10.0),
            (f64::NAN, 1.0),
        ];
        for (max, step) in table {
            assert_eq!(nice_step(max), step, "{max}");
        }
    }

    #[test]
    fn duration_axis_uses_round_durations() {
        let table: [(f64, &[&str]); 4] = [
            (640_000.0, &["0", "5 min", "10 min", "15 min"]),
            (113_000_000.0, &["0", "12 h", "24 h", "1 d 12 h"]),
            (40.0, &["0", "10 ms", "20 ms", "30 ms", "40 ms"]),
            (0.0, &["0", "1 ms"]),
        ];
        for (max, labels) in table {
            let (ticks, top) = duration_axis(max);
            let got: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
            assert_eq!(got, labels, "{max}");
            assert!(top >= max);
            assert_eq!(ticks.last().unwrap().pos, PLOT_TOP);
        }
    }

    #[test]
    fn format_minute_table() {
        assert_eq!(format_minute(0), "00:00");
        assert_eq!(format_minute(95), "01:35");
        assert_eq!(format_minute(1_500), "1 d 01:00");
    }

    #[test]
    fn stacked_bars_add_up_to_the_metric_and_fit_the_plot() {
        let report = report("target-down-for-1-hour");
        let charts = metric_charts(&report.per_minute);
        let attempts = charts.iter().find(|chart| chart.key == "attempts").unwrap();
        // The data table's cells add up to the run's InvocationAttempts.
        let total: u64 = attempts
            .table
            .rows
            .iter()
            .map(|row| {
                row[1..]
                    .iter()
                    .map(|cell| cell.replace(',', "").parse::<u64>().unwrap())
                    .sum::<u64>()
            })
            .sum();
        assert_eq!(total, report.totals.metrics.invocation_attempts);
        for bar in &attempts.bars {
            assert!(bar.x >= PLOT_LEFT && bar.x + bar.width <= PLOT_RIGHT + 1e-9);
            let height: f64 = bar.segments.iter().map(|s| s.height).sum();
            assert!(height <= PLOT_BOTTOM - PLOT_TOP + 1e-6);
            for pair in bar.segments.windows(2) {
                assert!(
                    (pair[0].y - (pair[1].y + pair[1].height)).abs() < 1e-6,
                    "segments stack without gaps"
                );
            }
        }
        assert!(
            attempts
                .bars
                .iter()
                .any(|bar| bar.segments.iter().any(|s| s.series == 1)),
            "failures during the outage"
        );
        assert_eq!(attempts.y_ticks[0].pos, PLOT_BOTTOM);
        assert!(attempts.y_ticks.last().unwrap().pos >= PLOT_TOP - 1e-9);
        assert!(attempts.description.starts_with("InvocationAttempts per"));
        assert!(
            charts.iter().all(|chart| chart.key != "throttled"),
            "ThrottledRules is drawn only when non-zero"
        );
    }

    #[test]
    fn the_ended_chart_splits_invocations_by_where_the_events_went() {
        let report = report("dlq-without-policy");
        let ended = metric_chart(&METRIC_CHARTS[2], &report.per_minute).unwrap();
        assert_eq!(
            ended.table.headers,
            [
                "Period starting",
                "Delivered",
                "InvocationsSentToDlq",
                "Dropped",
                "InvocationsFailedToBeSentToDlq"
            ]
        );
        let column_total = |column: usize| -> u64 {
            ended
                .table
                .rows
                .iter()
                .map(|row| row[column].replace(',', "").parse::<u64>().unwrap())
                .sum()
        };
        let outcomes = report.summary.outcomes;
        assert_eq!(column_total(1), outcomes.delivered);
        assert_eq!(column_total(2), outcomes.sent_to_dlq);
        assert_eq!(column_total(3), outcomes.dropped);
        assert_eq!(column_total(4), outcomes.failed_to_reach_dlq);
        assert!(outcomes.failed_to_reach_dlq > 0);
    }

    #[test]
    fn throttled_rules_appear_for_the_rate_limited_preset() {
        let report = report("throttled-api-destination");
        let charts = metric_charts(&report.per_minute);
        let throttled = charts
            .iter()
            .find(|chart| chart.key == "throttled")
            .unwrap();
        assert!(!throttled.bars.is_empty());
    }

    #[test]
    fn latency_lines_break_where_nothing_was_delivered() {
        let report = report("permissions-error");
        let chart = latency_chart(&report.per_minute);
        assert!(chart
            .lines
            .iter()
            .all(|line| line.pieces.is_empty() && line.dots.is_empty()));
        assert!(chart.table.rows.is_empty());
        assert!(chart.description.contains("no invocation was delivered"));

        let report = report_with_latency();
        let chart = latency_chart(&report.per_minute);
        assert!(!chart.lines[0].pieces.is_empty());
        for piece in &chart.lines[0].pieces {
            for point in piece.split(' ') {
                let (x, y) = point.split_once(',').unwrap();
                let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
                assert!(
                    (PLOT_LEFT..=PLOT_RIGHT).contains(&x)
                        && (PLOT_TOP - 0.1..=PLOT_BOTTOM + 0.1).contains(&y)
                );
            }
        }
    }

    fn report_with_latency() -> delivery::Report {
        report("target-down-for-1-hour")
    }

    #[test]
    fn line_pieces_and_dots_table() {
        let points = [
            Some((1.0, 2.0)),
            Some((3.0, 4.0)),
            None,
            Some((5.0, 6.0)),
            None,
            None,
            Some((7.0, 8.0)),
            Some((9.0, 1.0)),
        ];
        let line = line_from("x", "c", &points);
        assert_eq!(line.pieces, ["1.0,2.0 3.0,4.0", "7.0,8.0 9.0,1.0"]);
        assert_eq!(line.dots, [(5.0, 6.0)]);
    }

    #[test]
    fn metric_totals_use_cloudwatch_names() {
        let report = report("permissions-error");
        let totals = metric_totals(&report.totals);
        let names: Vec<&str> = totals.iter().map(|(name, _)| *name).collect();
        assert!(names.contains(&"InvocationsSentToDlq"));
        assert!(names.contains(&"IngestionToInvocationSuccessLatency"));
        let sent = totals
            .iter()
            .find(|(name, _)| *name == "InvocationsSentToDlq")
            .unwrap();
        assert_eq!(sent.1, format_count(report.summary.outcomes.sent_to_dlq));
        assert_eq!(
            totals
                .iter()
                .find(|(name, _)| *name == "IngestionToInvocationSuccessLatency")
                .unwrap()
                .1,
            "–"
        );
    }

    #[test]
    fn default_backoff_formula_and_schedule() {
        let backoff = BackoffConfig::default();
        let formula = backoff_formula(&backoff);
        assert_eq!(
            formula[0],
            "nominal(n) = min(10 min 40 s, 1 s × 2^(n − 1))   for retry n = 1, 2, 3 …"
        );
        assert!(formula[1].contains("equal jitter"));
        let chart = backoff_cumulative_chart(&backoff, 185, 86_400);
        assert!(
            chart
                .description
                .starts_with("Retry 185 starts about 23 h 32 min after the first attempt"),
            "{}",
            chart.description
        );
        let last_row = chart.table.rows.last().unwrap();
        assert_eq!(last_row[0], "185");
        assert_eq!(last_row[2], "23 h 32 min");
        let (limit_y, limit_label) = chart.limit.clone().unwrap();
        assert_eq!(limit_label, "Maximum event age 24 h");
        assert!((PLOT_TOP..=PLOT_BOTTOM).contains(&limit_y));
        assert_eq!(chart.lines.len(), 3);
    }

    #[test]
    fn delay_bars_grow_then_stay_at_the_cap() {
        let chart = backoff_delay_chart(&BackoffConfig::default(), 16);
        assert_eq!(chart.bars.len(), 16);
        // Higher on screen means a longer delay: y shrinks while the delay grows, then stays.
        assert!(chart.bars[0].y_max > chart.bars[9].y_max);
        assert_eq!(chart.bars[10].y_max, chart.bars[15].y_max);
        assert!(chart.bars.iter().all(|bar| bar.y_max < bar.y_min
            && bar.y_max <= bar.y_mean
            && bar.y_mean <= bar.y_min));
        assert_eq!(
            chart.bars[0].title,
            "Retry 1: 500 ms to 1 s after the previous answer (mean 750 ms)"
        );
        let none = BackoffConfig {
            jitter: Jitter::None,
            ..BackoffConfig::default()
        };
        let flat = backoff_delay_chart(&none, 3);
        assert!(
            flat.bars
                .iter()
                .all(|bar| bar.y_min - bar.y_max >= 1.5 - 1e-9),
            "zero-height ranges stay visible"
        );
        assert_eq!(
            backoff_delay_chart(&BackoffConfig::default(), 0).description,
            "No retries."
        );
    }
}
