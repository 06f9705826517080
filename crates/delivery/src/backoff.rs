//! The retry backoff: how long EventBridge waits before each retry.
//!
//! AWS documents only "exponential back off and jitter, or randomized delay" and the pairing of
//! 185 retries with 24 hours. The formula here is our own choice (see DESIGN.md): capped
//! exponential growth with a selectable jitter, tuned so that the *expected* time of the 185th retry
//! is just under 24 hours.

use serde::{Deserialize, Serialize};

use crate::rng::SimRng;
use aws_model::MAX_RETRY_ATTEMPTS;

/// How the random part of a delay is drawn from the nominal (capped exponential) delay `d`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Jitter {
    /// Uniform in `0..=d`: spreads retries widely; some retries follow almost immediately.
    Full,
    /// `d/2` plus uniform in `0..=d/2`: never less than half the nominal delay.
    Equal,
    /// Exactly `d`: no randomness, useful for explaining the schedule.
    None,
}

/// Parameters of the backoff formula `d(n) = min(cap_ms, base_ms * multiplier^(n-1))`, followed by
/// [`Jitter`], for retry number `n` (the first retry is `n = 1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BackoffConfig {
    pub base_ms: u64,
    pub multiplier: u32,
    pub cap_ms: u64,
    pub jitter: Jitter,
}

impl BackoffConfig {
    /// 1 s before the first retry, doubling each time.
    pub const DEFAULT_BASE_MS: u64 = 1_000;
    pub const DEFAULT_MULTIPLIER: u32 = 2;
    /// 10 min 40 s. With equal jitter the mean delay at the cap is 480 s, so the 175 capped
    /// retries plus the 10 growing ones put the expected 185th retry at 84 767.25 s (23.55 h),
    /// just inside the default 24 h maximum event age.
    pub const DEFAULT_CAP_MS: u64 = 640_000;
    pub const DEFAULT_JITTER: Jitter = Jitter::Equal;

    /// The delay before retry `retry_number` without jitter. `0` (the first attempt) has no delay.
    pub fn nominal_delay_ms(&self, retry_number: u32) -> u64 {
        if retry_number == 0 {
            return 0;
        }
        if self.multiplier <= 1 {
            return self.base_ms.min(self.cap_ms);
        }
        let mut delay = self.base_ms;
        // Multiplying by at least 2 reaches any u64 cap within 64 steps, so this loop is short
        // even for absurd retry numbers.
        for _ in 1..retry_number {
            if delay >= self.cap_ms {
                break;
            }
            delay = delay.saturating_mul(u64::from(self.multiplier));
        }
        delay.min(self.cap_ms)
    }

    /// The smallest and largest delay jitter can produce for `retry_number`, and its mean.
    pub fn delay_bounds(&self, retry_number: u32) -> DelayBounds {
        let nominal = self.nominal_delay_ms(retry_number);
        match self.jitter {
            Jitter::None => DelayBounds {
                min_ms: nominal,
                expected_ms: nominal as f64,
                max_ms: nominal,
            },
            Jitter::Full => DelayBounds {
                min_ms: 0,
                expected_ms: nominal as f64 / 2.0,
                max_ms: nominal,
            },
            Jitter::Equal => {
                let half = nominal / 2;
                let spread = nominal - half;
                DelayBounds {
                    min_ms: half,
                    expected_ms: half as f64 + spread as f64 / 2.0,
                    max_ms: nominal,
                }
            }
        }
    }

    /// The delay (ms) to wait before retry `retry_number` (1-based), drawing jitter from `rng`.
    pub fn delay_before_retry(&self, retry_number: u32, rng: &mut SimRng) -> u64 {
        let bounds = self.delay_bounds(retry_number);
        if bounds.min_ms == bounds.max_ms {
            return bounds.min_ms;
        }
        bounds.min_ms + rng.up_to_inclusive(bounds.max_ms - bounds.min_ms)
    }

    /// The schedule of the first `retries` retries (at most 185) for charting: per retry the
    /// delay range and mean, and the same cumulated from the first attempt. Response times of the
    /// target are not included.
    pub fn expected_schedule(&self, retries: u32) -> Vec<ScheduledRetry> {
        let mut schedule = Vec::new();
        let (mut min_total, mut expected_total, mut max_total) = (0u64, 0f64, 0u64);
        for retry_number in 1..=retries.min(MAX_RETRY_ATTEMPTS) {
            let bounds = self.delay_bounds(retry_number);
            min_total = min_total.saturating_add(bounds.min_ms);
            expected_total += bounds.expected_ms;
            max_total = max_total.saturating_add(bounds.max_ms);
            schedule.push(ScheduledRetry {
                retry_number,
                delay: bounds,
                after_first_attempt: DelayBounds {
                    min_ms: min_total,
                    expected_ms: expected_total,
                    max_ms: max_total,
                },
            });
        }
        schedule
    }
}

impl Default for BackoffConfig {
    fn default() -> Self {
        BackoffConfig {
            base_ms: Self::DEFAULT_BASE_MS,
            multiplier: Self::DEFAULT_MULTIPLIER,
            cap_ms: Self::DEFAULT_CAP_MS,
            jitter: Self::DEFAULT_JITTER,
        }
    }
}

/// A range of delays in milliseconds with its mean.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DelayBounds {
    pub min_ms: u64,
    pub expected_ms: f64,
    pub max_ms: u64,
}

/// One row of [`BackoffConfig::expected_schedule`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScheduledRetry {
    pub retry_number: u32,
    /// The wait before this retry.
    pub delay: DelayBounds,
    /// When this retry starts, counted from the first attempt.
    pub after_first_attempt: DelayBounds,
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR_MS: f64 = 3_600_000.0;

    #[test]
    fn default_spreads_185_retries_over_about_24_hours() {
        let schedule = BackoffConfig::default().expected_schedule(185);
        assert_eq!(schedule.len(), 185);
        let last = schedule[184].after_first_attempt;
        // 0.75 * (1+2+...+512 s + 175 * 640 s) = 84 767.25 s.
        assert_eq!(last.expected_ms, 84_767_250.0);
        assert!(last.expected_ms > 23.0 * HOUR_MS && last.expected_ms < 24.0 * HOUR_MS);
        assert_eq!(last.min_ms, 56_511_500);
        assert_eq!(last.max_ms, 113_023_000);
    }

    #[test]
    fn sampled_default_schedule_lands_near_24_hours() {
        let backoff = BackoffConfig::default();
        for seed in 0..20 {
            let mut rng = SimRng::new(seed);
            let total: u64 = (1..=185)
                .map(|n| backoff.delay_before_retry(n, &mut rng))
                .sum();
            let hours = total as f64 / HOUR_MS;
            // The standard deviation of the sum is about 20 minutes.
            assert!((22.0..25.0).contains(&hours), "seed {seed}: {hours} h");
        }
    }

    #[test]
    fn nominal_delay_grows_then_caps() {
        let backoff = BackoffConfig::default();
        let table = [
            (0, 0),
            (1, 1_000),
            (2, 2_000),
            (3, 4_000),
            (10, 512_000),
            (11, 640_000),
            (185, 640_000),
        ];
        for (retry, expected) in table {
            assert_eq!(backoff.nominal_delay_ms(retry), expected, "retry {retry}");
        }
    }

    #[test]
    fn huge_retry_numbers_and_multipliers_do_not_overflow_or_spin() {
        let backoff = BackoffConfig {
            base_ms: u64::MAX / 2,
            multiplier: u32::MAX,
            cap_ms: u64::MAX,
            jitter: Jitter::None,
        };
        assert_eq!(backoff.nominal_delay_ms(u32::MAX), u64::MAX);
        let flat = BackoffConfig {
            multiplier: 1,
            ..BackoffConfig::default()
        };
        assert_eq!(flat.nominal_delay_ms(u32::MAX), 1_000);
    }

    #[test]
    fn jitter_modes_stay_within_their_bounds() {
        let table = [
            (Jitter::None, 8_000, 8_000),
            (Jitter::Full, 0, 8_000),
            (Jitter::Equal, 4_000, 8_000),
        ];
        for (jitter, low, high) in table {
            let backoff = BackoffConfig {
                jitter,
                ..BackoffConfig::default()
            };
            let mut rng = SimRng::new(3);
            let draws: Vec<u64> = (0..500)
                .map(|_| backoff.delay_before_retry(4, &mut rng))
                .collect();
            assert!(draws.iter().all(|d| (low..=high).contains(d)), "{jitter:?}");
            if low != high {
                let mean = draws.iter().sum::<u64>() as f64 / draws.len() as f64;
                let expected = backoff.delay_bounds(4).expected_ms;
                assert!(
                    (mean - expected).abs() < 0.1 * expected,
                    "{jitter:?}: mean {mean} vs {expected}"
                );
            }
        }
    }

    #[test]
    fn schedule_is_limited_to_185_rows() {
        assert_eq!(
            BackoffConfig::default().expected_schedule(10_000).len(),
            185
        );
        assert!(BackoffConfig::default().expected_schedule(0).is_empty());
    }
}
