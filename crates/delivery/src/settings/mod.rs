//! The simulator's settings as people choose them: which scenario (a preset or their own
//! rules), how many events of which samples, how each target behaves, the seed, the jitter and
//! the two retry policies to compare. The Simulator page keeps them in its saved state and
//! `event-pattern simulate --rules` fills them from its arguments; both turn them into a
//! [`Scenario`](crate::Scenario) here, so they accept, refuse and simulate the same settings.
//!
//! Everything is integers and enums so the settings stay `Eq` and a saved value reads back the
//! same. Values arriving from storage, a link or a command line are not trusted:
//! [`SimulatorSettings::event_problems`] and [`TargetSettings::problems`] check every range
//! before anything is simulated, and report every problem with its [`SettingPath`].

mod build;
mod choices;
mod problems;
mod text;

use serde::{Deserialize, Serialize};

pub use build::{auto_detailed_events, RulesInput, ATTEMPT_RECORD_BUDGET};
pub use choices::{JitterChoice, NonRetryableChoice, RateUnit, RetryableChoice};
pub use problems::{SettingPath, SettingProblem, TargetField};
pub use text::{format_permille_percent, parse_permille_percent, parse_seed, parse_whole};

use crate::{
    generated_event_count, NonRetryableFailure, Outage, RetryPolicy, TargetBehaviour,
    TransientFailures, MAX_GENERATED_RATE_PER_SECOND, MAX_INGESTION_TIME_MS,
};

/// The preset a new playground opens with: the question that motivates the simulator.
pub const DEFAULT_PRESET: &str = "target-down-for-1-hour";
/// The presets use this seed; the default keeps their published numbers.
pub const DEFAULT_SEED: u64 = 42;
/// Longest stream of events the settings generate: one day.
pub const MAX_DURATION_MINUTES: u32 = 24 * 60;
/// Most events per second, minute or hour: the simulator's fastest stream, per second.
pub const MAX_RATE_COUNT: u32 = MAX_GENERATED_RATE_PER_SECOND as u32;
/// Heaviest weight of one sample in the mix.
pub const MAX_SAMPLE_WEIGHT: u32 = 100;
/// Outages and error windows may start or end up to a week after the first event (the
/// simulator's ingestion window).
pub const MAX_WINDOW_MINUTE: u32 = (MAX_INGESTION_TIME_MS / MINUTE_MS) as u32;
/// Settings of targets that no longer exist are kept (the rule may come back), up to this many.
pub const MAX_TARGET_ENTRIES: usize = 200;
/// Most samples in a hand-made mix.
pub const MAX_SAMPLE_ENTRIES: usize = 100;

const MINUTE_MS: u64 = 60_000;

/// Which scenario is simulated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScenarioChoice {
    /// One of [`crate::PRESETS`], with its own rules and targets.
    Preset { id: String },
    /// The user's rules on [`SimulatorSettings::bus`].
    MyRules,
}

/// `count` events per `per`, evenly spaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventRate {
    pub count: u32,
    pub per: RateUnit,
}

impl Default for EventRate {
    fn default() -> Self {
        EventRate {
            count: 1,
            per: RateUnit::Second,
        }
    }
}

impl EventRate {
    pub fn per_second(self) -> f64 {
        f64::from(self.count) / f64::from(self.per.seconds())
    }

    /// How many events a stream of `minutes` minutes holds: the simulator's own count.
    pub fn events_in(self, minutes: u32) -> u64 {
        generated_event_count(self.per_second(), u64::from(minutes) * MINUTE_MS)
    }

    /// The rate of `per_second` events per second as a whole number per second, minute or hour
    /// (the first that fits), or `None` when it is none of these (0.3 per hour), not positive
    /// or too large to count. The count itself is checked with the other settings.
    pub fn from_per_second(per_second: f64) -> Option<EventRate> {
        if !(per_second.is_finite() && per_second > 0.0) {
            return None;
        }
        RateUnit::ALL.into_iter().find_map(|per| {
            let count = per_second * f64::from(per.seconds());
            let whole = count.round();
            // A decimal rate such as 0.1 per second is not exact in binary; a count within a
            // billionth of a whole number is that number.
            let is_whole = (count - whole).abs() <= whole * 1e-9;
            (is_whole && (1.0..=f64::from(u32::MAX)).contains(&whole)).then_some(EventRate {
                count: whole as u32,
                per,
            })
        })
    }
}

/// How a sample is picked into the stream: `weight` out of the sum of all weights.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleWeight {
    /// The id of a sample the front end offers.
    pub id: String,
    pub weight: u32,
}

/// Each attempt fails with `failure_permille` / 1000 probability.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TransientSettings {
    pub enabled: bool,
    /// Tenths of a percent, so "2.5 %" stays exact.
    pub failure_permille: u32,
    pub error: RetryableChoice,
}

impl Default for TransientSettings {
    fn default() -> Self {
        TransientSettings {
            enabled: false,
            failure_permille: 100,
            error: RetryableChoice::ServerError,
        }
    }
}

/// Every attempt starting between the two minutes (counted from the first event) fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OutageSettings {
    pub enabled: bool,
    pub from_minute: u32,
    pub until_minute: u32,
    pub error: RetryableChoice,
}

impl Default for OutageSettings {
    /// "Down for an hour", starting half an hour in.
    fn default() -> Self {
        OutageSettings {
            enabled: false,
            from_minute: 30,
            until_minute: 90,
            error: RetryableChoice::ServerError,
        }
    }
}

/// From `from_minute` on, every attempt fails without retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NonRetryableSettings {
    pub enabled: bool,
    pub from_minute: u32,
    pub error: NonRetryableChoice,
}

impl Default for NonRetryableSettings {
    fn default() -> Self {
        NonRetryableSettings {
            enabled: false,
            from_minute: 0,
            error: NonRetryableChoice::NoPermissions,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RateLimitSettings {
    pub enabled: bool,
    pub per_second: u32,
}

impl Default for RateLimitSettings {
    fn default() -> Self {
        RateLimitSettings {
            enabled: false,
            per_second: 10,
        }
    }
}

/// How one target answers, and whether its dead-letter queue lets EventBridge in. The parts
/// combine; with none enabled the target is healthy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TargetSettings {
    pub latency_ms: u32,
    pub transient: TransientSettings,
    pub outage: OutageSettings,
    pub non_retryable: NonRetryableSettings,
    pub rate_limit: RateLimitSettings,
    /// Whether the dead-letter queue's policy lets `events.amazonaws.com` send messages. `None`
    /// follows the console: attached for a queue in the rule's account (the console adds it),
    /// missing for a queue in another account (its owner must add it).
    pub dlq_policy_attached: Option<bool>,
}

impl Default for TargetSettings {
    fn default() -> Self {
        TargetSettings {
            latency_ms: 50,
            transient: TransientSettings::default(),
            outage: OutageSettings::default(),
            non_retryable: NonRetryableSettings::default(),
            rate_limit: RateLimitSettings::default(),
            dlq_policy_attached: None,
        }
    }
}

impl TargetSettings {
    pub fn is_healthy(&self) -> bool {
        !(self.transient.enabled
            || self.outage.enabled
            || self.non_retryable.enabled
            || self.rate_limit.enabled)
    }

    pub fn dlq_policy_attached(&self, same_account: bool) -> bool {
        self.dlq_policy_attached.unwrap_or(same_account)
    }

    /// The behaviour the simulator uses: the enabled parts, with minutes as milliseconds.
    pub fn behaviour(self) -> TargetBehaviour {
        TargetBehaviour {
            latency_ms: u64::from(self.latency_ms),
            transient: self.transient.enabled.then(|| TransientFailures {
                probability: f64::from(self.transient.failure_permille) / 1000.0,
                error: self.transient.error.error(),
            }),
            outages: if self.outage.enabled {
                vec![Outage {
                    from_ms: u64::from(self.outage.from_minute) * MINUTE_MS,
                    until_ms: u64::from(self.outage.until_minute) * MINUTE_MS,
                    error: self.outage.error.error(),
                }]
            } else {
                Vec::new()
            },
            non_retryable: self.non_retryable.enabled.then(|| NonRetryableFailure {
                error: self.non_retryable.error.error(),
                from_ms: u64::from(self.non_retryable.from_minute) * MINUTE_MS,
                until_ms: None,
            }),
            rate_limit_per_second: self
                .rate_limit
                .enabled
                .then_some(self.rate_limit.per_second),
        }
    }
}

/// The settings of one target of one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetSettingsEntry {
    pub bus: String,
    pub rule: String,
    pub target_id: String,
    pub settings: TargetSettings,
}

/// The two retry policies the comparison runs the same scenario with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompareSettings {
    pub first: RetryPolicy,
    pub second: RetryPolicy,
}

impl Default for CompareSettings {
    /// AWS's defaults against "3 retries, 10 minutes", the pair people usually weigh.
    fn default() -> Self {
        CompareSettings {
            first: RetryPolicy::default(),
            second: RetryPolicy {
                maximum_retry_attempts: 3,
                maximum_event_age_seconds: 600,
            },
        }
    }
}

/// Everything the simulator's settings hold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SimulatorSettings {
    pub choice: ScenarioChoice,
    /// The event bus whose rules are simulated (for [`ScenarioChoice::MyRules`]).
    pub bus: String,
    /// One rule of that bus, or `None` for every enabled rule on it.
    pub rule: Option<String>,
    pub rate: EventRate,
    pub duration_minutes: u32,
    /// Empty means "the samples the front end suggests for the bus".
    pub samples: Vec<SampleWeight>,
    pub targets: Vec<TargetSettingsEntry>,
    pub seed: u64,
    pub jitter: JitterChoice,
    pub compare: CompareSettings,
    /// Attempt-by-attempt records are kept for this many events; `None` picks a number that
    /// bounds memory ([`auto_detailed_events`]).
    pub detailed_events: Option<u32>,
}

impl Default for SimulatorSettings {
    fn default() -> Self {
        SimulatorSettings {
            choice: ScenarioChoice::Preset {
                id: DEFAULT_PRESET.to_owned(),
            },
            bus: aws_model::DEFAULT_EVENT_BUS.to_owned(),
            rule: None,
            rate: EventRate::default(),
            duration_minutes: 60,
            samples: Vec::new(),
            targets: Vec::new(),
            seed: DEFAULT_SEED,
            jitter: JitterChoice::default(),
            compare: CompareSettings::default(),
            detailed_events: None,
        }
    }
}

impl SimulatorSettings {
    pub fn preset_id(&self) -> Option<&str> {
        match &self.choice {
            ScenarioChoice::Preset { id } => Some(id),
            ScenarioChoice::MyRules => None,
        }
    }

    /// The settings of a target, or the defaults (a healthy target) if it has none yet.
    pub fn target(&self, bus: &str, rule: &str, target_id: &str) -> TargetSettings {
        self.targets
            .iter()
            .find(|entry| entry.bus == bus && entry.rule == rule && entry.target_id == target_id)
            .map(|entry| entry.settings)
            .unwrap_or_default()
    }

    /// Changes a target's settings, creating its entry on first use.
    pub fn edit_target(
        &mut self,
        bus: &str,
        rule: &str,
        target_id: &str,
        edit: impl FnOnce(&mut TargetSettings),
    ) {
        let position = self.targets.iter().position(|entry| {
            entry.bus == bus && entry.rule == rule && entry.target_id == target_id
        });
        let index = match position {
            Some(index) => index,
            None => {
                // The oldest entries go first; they belong to targets edited longest ago.
                if self.targets.len() >= MAX_TARGET_ENTRIES {
                    self.targets.remove(0);
                }
                self.targets.push(TargetSettingsEntry {
                    bus: bus.to_owned(),
                    rule: rule.to_owned(),
                    target_id: target_id.to_owned(),
                    settings: TargetSettings::default(),
                });
                self.targets.len() - 1
            }
        };
        edit(&mut self.targets[index].settings);
    }

    /// Sets a sample's weight; `suggested` is the mix shown while none was chosen by hand, so
    /// the first change starts from what the user saw.
    pub fn set_sample_weight(&mut self, id: &str, weight: u32, suggested: &[SampleWeight]) {
        if self.samples.is_empty() {
            self.samples = suggested.to_vec();
        }
        if let Some(sample) = self.samples.iter_mut().find(|sample| sample.id == id) {
            sample.weight = weight;
        } else if self.samples.len() < MAX_SAMPLE_ENTRIES {
            self.samples.push(SampleWeight {
                id: id.to_owned(),
                weight,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_ask_the_motivating_question() {
        let settings = SimulatorSettings::default();
        assert_eq!(settings.preset_id(), Some(DEFAULT_PRESET));
        assert!(crate::find_preset(DEFAULT_PRESET).is_some());
        assert_eq!(settings.seed, DEFAULT_SEED);
        assert!(settings.event_problems().is_empty());
        assert_eq!(settings.compare.first.maximum_retry_attempts, 185);
        assert_eq!(settings.compare.second.maximum_event_age_seconds, 600);
    }

    #[test]
    fn settings_round_trip_and_missing_fields_take_defaults() {
        let mut settings = SimulatorSettings {
            choice: ScenarioChoice::MyRules,
            bus: "aws.partner/auth0.com/acme/auth0.logs".into(),
            rule: Some("logins".into()),
            ..Default::default()
        };
        settings.edit_target("default", "orders", "fulfil", |target| {
            target.outage.enabled = true;
            target.dlq_policy_attached = Some(true);
        });
        let json = serde_json::to_string(&settings).unwrap();
        assert_eq!(
            serde_json::from_str::<SimulatorSettings>(&json).unwrap(),
            settings
        );
        let partial: SimulatorSettings =
            serde_json::from_str(r#"{"rate":{"count":5},"targets":[]}"#).unwrap();
        assert_eq!(partial.rate.count, 5);
        assert_eq!(partial.rate.per, RateUnit::Second);
        assert_eq!(partial.duration_minutes, 60);
        // The names saved by earlier versions (serde's snake_case of the variants) still read.
        let saved = r#"{"enabled":true,"failure_permille":5,"error":"connection_failure"}"#;
        let transient: TransientSettings = serde_json::from_str(saved).unwrap();
        assert_eq!(transient.error, RetryableChoice::ConnectionFailure);
    }

    /// Regression: the page counted events with integer arithmetic (55 for 11 per minute over
    /// 5 minutes) while the simulator floored a float (54); both now use the simulator's count.
    #[test]
    fn events_in_a_stream_table() {
        let table = [
            (1, RateUnit::Second, 60, 3_600),
            (25, RateUnit::Second, 10, 15_000),
            (30, RateUnit::Minute, 1, 30),
            (11, RateUnit::Minute, 5, 55),
            (7, RateUnit::Hour, 60, 7),
            (1, RateUnit::Hour, 30, 0),
            (1, RateUnit::Hour, 120, 2),
        ];
        for (count, per, minutes, expected) in table {
            let rate = EventRate { count, per };
            assert_eq!(
                rate.events_in(minutes),
                expected,
                "{count}/{per:?} × {minutes} min"
            );
            // The simulator generates as many.
            let stream = crate::GeneratedEvents {
                to: crate::Ingress::Bus("default".into()),
                start_ms: 0,
                rate_per_second: rate.per_second(),
                duration_ms: u64::from(minutes) * 60_000,
                samples: Vec::new(),
            };
            assert_eq!(stream.count(), expected);
        }
        // Integer arithmetic agrees wherever the rate is a whole number of events per unit.
        for count in [1, 7, 11, 13, 59, 61, 997] {
            for per in RateUnit::ALL {
                for minutes in [1, 5, 7, 60, 61, 1440] {
                    let rate = EventRate { count, per };
                    let integer =
                        u64::from(count) * u64::from(minutes) * 60 / u64::from(per.seconds());
                    assert_eq!(
                        rate.events_in(minutes),
                        integer,
                        "{count}/{per:?} × {minutes}"
                    );
                }
            }
        }
    }

    #[test]
    fn rates_per_second_become_whole_counts_per_unit() {
        let table: &[(f64, Option<(u32, RateUnit)>)] = &[
            (1.0, Some((1, RateUnit::Second))),
            (250.0, Some((250, RateUnit::Second))),
            (0.5, Some((30, RateUnit::Minute))),
            (0.1, Some((6, RateUnit::Minute))),
            (11.0 / 60.0, Some((11, RateUnit::Minute))),
            (1.0 / 3600.0, Some((1, RateUnit::Hour))),
            (0.3 / 3600.0, None),
            (0.0, None),
            (-2.0, None),
            (f64::NAN, None),
            (f64::INFINITY, None),
            (1e12, None),
        ];
        for (per_second, expected) in table {
            let found = EventRate::from_per_second(*per_second).map(|rate| (rate.count, rate.per));
            assert_eq!(found, *expected, "{per_second}");
        }
        // Out-of-range counts are kept, for the settings check to explain.
        assert_eq!(
            EventRate::from_per_second(200_000.0).map(|rate| rate.count),
            Some(200_000)
        );
    }

    #[test]
    fn disabled_parts_are_not_simulated() {
        let settings = TargetSettings {
            outage: OutageSettings {
                enabled: false,
                from_minute: 9,
                until_minute: 1,
                error: RetryableChoice::Http500,
            },
            ..TargetSettings::default()
        };
        assert!(settings.is_healthy());
        let behaviour = settings.behaviour();
        assert!(behaviour.outages.is_empty() && behaviour.transient.is_none());
        assert_eq!(behaviour.latency_ms, 50);
    }

    #[test]
    fn enabled_parts_become_the_simulated_behaviour() {
        let settings = TargetSettings {
            latency_ms: 120,
            transient: TransientSettings {
                enabled: true,
                failure_permille: 25,
                error: RetryableChoice::Http429,
            },
            outage: OutageSettings {
                enabled: true,
                from_minute: 30,
                until_minute: 90,
                error: RetryableChoice::ServerError,
            },
            non_retryable: NonRetryableSettings {
                enabled: true,
                from_minute: 5,
                error: NonRetryableChoice::NoResource,
            },
            rate_limit: RateLimitSettings {
                enabled: true,
                per_second: 10,
            },
            dlq_policy_attached: None,
        };
        let behaviour = settings.behaviour();
        let transient = behaviour.transient.unwrap();
        assert_eq!(transient.probability, 0.025);
        assert_eq!(transient.error, crate::RetryableError::HttpStatus(429));
        assert_eq!(
            behaviour.outages,
            vec![Outage {
                from_ms: 1_800_000,
                until_ms: 5_400_000,
                error: crate::RetryableError::ServerError
            }]
        );
        let fatal = behaviour.non_retryable.unwrap();
        assert_eq!(
            (fatal.error, fatal.from_ms, fatal.until_ms),
            (crate::NonRetryableError::NoResource, 300_000, None)
        );
        assert_eq!(behaviour.rate_limit_per_second, Some(10));
    }

    #[test]
    fn dlq_policy_follows_the_console_unless_set() {
        let mut settings = TargetSettings::default();
        assert!(settings.dlq_policy_attached(true));
        assert!(!settings.dlq_policy_attached(false));
        settings.dlq_policy_attached = Some(true);
        assert!(settings.dlq_policy_attached(false));
        settings.dlq_policy_attached = Some(false);
        assert!(!settings.dlq_policy_attached(true));
    }

    #[test]
    fn editing_a_target_creates_its_entry_once_and_keeps_others() {
        let mut settings = SimulatorSettings::default();
        assert_eq!(
            settings.target("default", "r", "t"),
            TargetSettings::default()
        );
        settings.edit_target("default", "r", "t", |t| t.latency_ms = 7);
        settings.edit_target("default", "r", "t", |t| t.rate_limit.enabled = true);
        settings.edit_target("other", "r", "t", |t| t.latency_ms = 9);
        assert_eq!(settings.targets.len(), 2);
        let edited = settings.target("default", "r", "t");
        assert_eq!((edited.latency_ms, edited.rate_limit.enabled), (7, true));
        assert_eq!(settings.target("other", "r", "t").latency_ms, 9);
    }

    #[test]
    fn target_entries_are_bounded_dropping_the_oldest() {
        let mut settings = SimulatorSettings::default();
        for index in 0..MAX_TARGET_ENTRIES + 5 {
            settings.edit_target("default", &format!("rule-{index}"), "t", |t| {
                t.latency_ms = 1
            });
        }
        assert_eq!(settings.targets.len(), MAX_TARGET_ENTRIES);
        assert_eq!(settings.targets[0].rule, "rule-5");
    }

    #[test]
    fn the_first_sample_change_starts_from_the_suggested_mix() {
        let suggested = vec![
            SampleWeight {
                id: "a".into(),
                weight: 1,
            },
            SampleWeight {
                id: "b".into(),
                weight: 1,
            },
        ];
        let mut settings = SimulatorSettings::default();
        settings.set_sample_weight("b", 0, &suggested);
        assert_eq!(
            settings.samples,
            vec![
                SampleWeight {
                    id: "a".into(),
                    weight: 1
                },
                SampleWeight {
                    id: "b".into(),
                    weight: 0
                },
            ]
        );
        settings.set_sample_weight("c", 3, &suggested);
        assert_eq!(settings.samples.len(), 3);
    }
}
