//! CloudWatch-style metrics, one datapoint per simulated minute.
//!
//! Counting convention (the identities the tests check, over a finished run):
//! - every attempt is counted in the minute it *starts*: `InvocationAttempts` =
//!   `SuccessfulInvocationAttempts` + `FailedInvocationAttempts` holds per minute;
//! - `InvocationAttempts` = first attempts + `RetryInvocationAttempts`;
//! - an invocation's end is counted in the minute it ends: `Invocations` (successful or permanently
//!   failed) = `SuccessfulInvocationAttempts` + `FailedInvocations`, and
//!   `FailedInvocations` = dropped + `InvocationsSentToDlq` + `InvocationsFailedToBeSentToDlq`;
//! - once nothing is in flight, `Invocations` = `InvocationsCreated`.
//!
//! `FailedInvocationAttempts` is not an AWS metric; it is here so the attempt identity can be shown.

use serde::{Deserialize, Serialize};

pub(crate) const MINUTE_MS: u64 = 60_000;

/// Count, sum and maximum of latencies within a period, in milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LatencyStats {
    pub count: u64,
    pub sum_ms: u64,
    pub max_ms: u64,
}

impl LatencyStats {
    fn record(&mut self, latency_ms: u64) {
        self.count += 1;
        self.sum_ms = self.sum_ms.saturating_add(latency_ms);
        self.max_ms = self.max_ms.max(latency_ms);
    }

    fn add(&mut self, other: &LatencyStats) {
        self.count += other.count;
        self.sum_ms = self.sum_ms.saturating_add(other.sum_ms);
        self.max_ms = self.max_ms.max(other.max_ms);
    }

    pub fn mean_ms(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum_ms as f64 / self.count as f64)
    }
}

/// The metric values of one period (a minute, or the whole run).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetricCounts {
    /// Events that matched at least one rule.
    pub matched_events: u64,
    /// Rule matches (one per event and matching rule).
    pub triggered_rules: u64,
    pub invocations_created: u64,
    /// Invocations that ended: delivered or permanently failed.
    pub invocations: u64,
    pub invocation_attempts: u64,
    pub successful_invocation_attempts: u64,
    pub failed_invocation_attempts: u64,
    pub retry_invocation_attempts: u64,
    pub failed_invocations: u64,
    pub invocations_sent_to_dlq: u64,
    pub invocations_failed_to_be_sent_to_dlq: u64,
    /// Attempts a rule wanted to make but had to delay because of a target's rate limit.
    pub throttled_rules: u64,
    /// Ingestion to the start of the first attempt.
    pub ingestion_to_invocation_start_latency: LatencyStats,
    /// Ingestion to the end of the successful attempt (retries and response time included).
    pub ingestion_to_invocation_success_latency: LatencyStats,
}

impl MetricCounts {
    fn add(&mut self, other: &MetricCounts) {
        self.matched_events += other.matched_events;
        self.triggered_rules += other.triggered_rules;
        self.invocations_created += other.invocations_created;
        self.invocations += other.invocations;
        self.invocation_attempts += other.invocation_attempts;
        self.successful_invocation_attempts += other.successful_invocation_attempts;
        self.failed_invocation_attempts += other.failed_invocation_attempts;
        self.retry_invocation_attempts += other.retry_invocation_attempts;
        self.failed_invocations += other.failed_invocations;
        self.invocations_sent_to_dlq += other.invocations_sent_to_dlq;
        self.invocations_failed_to_be_sent_to_dlq += other.invocations_failed_to_be_sent_to_dlq;
        self.throttled_rules += other.throttled_rules;
        self.ingestion_to_invocation_start_latency
            .add(&other.ingestion_to_invocation_start_latency);
        self.ingestion_to_invocation_success_latency
            .add(&other.ingestion_to_invocation_success_latency);
    }
}

/// One minute's datapoint; the minute starts at `minute * 60 000` ms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinuteMetrics {
    pub minute: u32,
    #[serde(flatten)]
    pub metrics: MetricCounts,
}

/// Latency distribution over the whole run. Percentiles come from a log-scale histogram and are
/// accurate to about 6 %.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct LatencySummary {
    pub count: u64,
    pub mean_ms: Option<f64>,
    pub max_ms: u64,
    pub p50_ms: Option<u64>,
    pub p90_ms: Option<u64>,
    pub p99_ms: Option<u64>,
}

/// The metrics summed over the whole run, with latency percentiles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricTotals {
    #[serde(flatten)]
    pub metrics: MetricCounts,
    pub start_latency: LatencySummary,
    pub success_latency: LatencySummary,
}

/// Histogram with 16 linear sub-buckets per power of two (relative error below 1/16).
#[derive(Debug, Clone, Default)]
pub(crate) struct LogHistogram {
    buckets: Vec<u64>,
}

const SUB_BUCKET_BITS: u32 = 4;
const SUB_BUCKETS: u64 = 1 << SUB_BUCKET_BITS;

fn bucket_of(value: u64) -> usize {
    if value < SUB_BUCKETS {
        return value as usize;
    }
    let exponent = 63 - value.leading_zeros();
    let shift = exponent - SUB_BUCKET_BITS;
    let sub = (value >> shift) & (SUB_BUCKETS - 1);
    (SUB_BUCKETS + u64::from(shift) * SUB_BUCKETS + sub) as usize
}

fn bucket_upper_bound(bucket: usize) -> u64 {
    let bucket = bucket as u64;
    if bucket < SUB_BUCKETS {
        return bucket;
    }
    let shift = (bucket - SUB_BUCKETS) / SUB_BUCKETS;
    let sub = (bucket - SUB_BUCKETS) % SUB_BUCKETS;
    let lower = (SUB_BUCKETS + sub) << shift;
    lower.saturating_add((1u64 << shift) - 1)
}

impl LogHistogram {
    pub(crate) fn record(&mut self, value: u64) {
        let bucket = bucket_of(value);
        if bucket >= self.buckets.len() {
            self.buckets.resize(bucket + 1, 0);
        }
        self.buckets[bucket] += 1;
    }

    /// The smallest bucket bound below which at least `fraction` of the values lie, capped at `max`.
    fn percentile(&self, fraction: f64, count: u64, max: u64) -> Option<u64> {
        if count == 0 {
            return None;
        }
        let rank = ((fraction * count as f64).ceil() as u64).clamp(1, count);
        let mut seen = 0;
        for (bucket, &n) in self.buckets.iter().enumerate() {
            seen += n;
            if seen >= rank {
                return Some(bucket_upper_bound(bucket).min(max));
            }
        }
        Some(max)
    }

    pub(crate) fn summarize(&self, stats: &LatencyStats) -> LatencySummary {
        LatencySummary {
            count: stats.count,
            mean_ms: stats.mean_ms(),
            max_ms: stats.max_ms,
            p50_ms: self.percentile(0.50, stats.count, stats.max_ms),
            p90_ms: self.percentile(0.90, stats.count, stats.max_ms),
            p99_ms: self.percentile(0.99, stats.count, stats.max_ms),
        }
    }
}

/// Collects the per-minute datapoints while the simulation runs.
#[derive(Debug, Clone, Default)]
pub(crate) struct MetricsRecorder {
    minutes: Vec<MetricCounts>,
    start_latency: LogHistogram,
    success_latency: LogHistogram,
}

impl MetricsRecorder {
    /// The datapoint for the minute containing `at_ms`.
    pub(crate) fn at(&mut self, at_ms: u64) -> &mut MetricCounts {
        let minute = (at_ms / MINUTE_MS) as usize;
        if minute >= self.minutes.len() {
            self.minutes.resize(minute + 1, MetricCounts::default());
        }
        &mut self.minutes[minute]
    }

    pub(crate) fn record_start_latency(&mut self, at_ms: u64, latency_ms: u64) {
        self.at(at_ms)
            .ingestion_to_invocation_start_latency
            .record(latency_ms);
        self.start_latency.record(latency_ms);
    }

    pub(crate) fn record_success_latency(&mut self, at_ms: u64, latency_ms: u64) {
        self.at(at_ms)
            .ingestion_to_invocation_success_latency
            .record(latency_ms);
        self.success_latency.record(latency_ms);
    }

    pub(crate) fn per_minute(&self) -> Vec<MinuteMetrics> {
        self.minutes
            .iter()
            .enumerate()
            .map(|(minute, metrics)| MinuteMetrics {
                minute: minute as u32,
                metrics: metrics.clone(),
            })
            .collect()
    }

    pub(crate) fn totals(&self) -> MetricTotals {
        let mut sum = MetricCounts::default();
        for minute in &self.minutes {
            sum.add(minute);
        }
        MetricTotals {
            start_latency: self
                .start_latency
                .summarize(&sum.ingestion_to_invocation_start_latency),
            success_latency: self
                .success_latency
                .summarize(&sum.ingestion_to_invocation_success_latency),
            metrics: sum,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_bound_their_values_within_a_sixteenth() {
        for value in (0..5_000u64).chain([65_535, 1 << 40, u64::MAX / 3, u64::MAX]) {
            let upper = bucket_upper_bound(bucket_of(value));
            assert!(upper >= value, "{value}");
            assert!(
                (upper - value) as f64 <= value as f64 / 16.0 + 1.0,
                "{value} -> {upper}"
            );
        }
    }

    #[test]
    fn percentiles_of_a_uniform_range() {
        let mut histogram = LogHistogram::default();
        let mut stats = LatencyStats::default();
        for latency in 1..=1000 {
            histogram.record(latency);
            stats.record(latency);
        }
        let summary = histogram.summarize(&stats);
        assert_eq!(summary.count, 1000);
        assert_eq!(summary.mean_ms, Some(500.5));
        let table = [
            (summary.p50_ms.unwrap(), 500),
            (summary.p90_ms.unwrap(), 900),
            (summary.p99_ms.unwrap(), 990),
        ];
        for (got, exact) in table {
            assert!(
                got >= exact && got as f64 <= exact as f64 * 1.07,
                "{got} vs {exact}"
            );
        }
    }

    #[test]
    fn empty_latencies_have_no_percentiles() {
        let summary = LogHistogram::default().summarize(&LatencyStats::default());
        assert_eq!(summary.p50_ms, None);
        assert_eq!(summary.mean_ms, None);
    }

    #[test]
    fn totals_add_up_the_minutes() {
        let mut recorder = MetricsRecorder::default();
        recorder.at(0).invocation_attempts += 2;
        recorder.at(59_999).invocation_attempts += 1;
        recorder.at(3 * MINUTE_MS).invocation_attempts += 4;
        recorder.record_start_latency(3 * MINUTE_MS, 70);
        let per_minute = recorder.per_minute();
        assert_eq!(per_minute.len(), 4);
        assert_eq!(per_minute[0].metrics.invocation_attempts, 3);
        assert_eq!(per_minute[1].metrics.invocation_attempts, 0);
        let totals = recorder.totals();
        assert_eq!(totals.metrics.invocation_attempts, 7);
        assert_eq!(totals.start_latency.max_ms, 70);
    }
}
