//! The check of the simulator's settings: every setting outside its range or impossible for its
//! target, each with the typed path of the setting, so a front end can put the message next to
//! the control that sets it (the page) or print it with its path (the CLI).

use std::fmt;

use crate::{BehaviourField, TargetKind, MAX_DETAILED_EVENTS, MAX_EVENTS};

use super::{
    SimulatorSettings, TargetSettings, MAX_DURATION_MINUTES, MAX_RATE_COUNT, MAX_SAMPLE_WEIGHT,
    MAX_WINDOW_MINUTE,
};

/// A setting of one simulated target ([`TargetSettings`]). Not `non_exhaustive`: a new setting
/// should make every front end that maps settings to controls say where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TargetField {
    /// `latency_ms`.
    LatencyMs,
    /// `transient.failure_permille`.
    FailurePermille,
    /// `transient.error`.
    TransientError,
    /// `outage.from_minute` and `outage.until_minute`: the window (reported on its end).
    OutageUntilMinute,
    /// `outage.error`.
    OutageError,
    /// `non_retryable.from_minute`.
    NonRetryableFromMinute,
    /// `non_retryable.error`.
    NonRetryableError,
    /// `rate_limit.per_second`.
    RateLimitPerSecond,
}

impl TargetField {
    /// The setting that sets a field of the simulator's target behaviour.
    fn of_behaviour(field: BehaviourField) -> TargetField {
        match field {
            BehaviourField::LatencyMs => TargetField::LatencyMs,
            BehaviourField::TransientProbability => TargetField::FailurePermille,
            BehaviourField::TransientError => TargetField::TransientError,
            BehaviourField::Outage(_) => TargetField::OutageUntilMinute,
            BehaviourField::OutageError(_) => TargetField::OutageError,
            BehaviourField::NonRetryable => TargetField::NonRetryableFromMinute,
            BehaviourField::NonRetryableError => TargetField::NonRetryableError,
            BehaviourField::RateLimitPerSecond => TargetField::RateLimitPerSecond,
        }
    }
}

impl fmt::Display for TargetField {
    /// The field's path in [`TargetSettings`] (its JSON names).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TargetField::LatencyMs => "latency_ms",
            TargetField::FailurePermille => "transient.failure_permille",
            TargetField::TransientError => "transient.error",
            TargetField::OutageUntilMinute => "outage.until_minute",
            TargetField::OutageError => "outage.error",
            TargetField::NonRetryableFromMinute => "non_retryable.from_minute",
            TargetField::NonRetryableError => "non_retryable.error",
            TargetField::RateLimitPerSecond => "rate_limit.per_second",
        })
    }
}

/// Which setting a [`SettingProblem`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SettingPath {
    /// `choice.id`: the preset.
    Preset,
    /// `rule`: the rule simulated (or, with none chosen, the bus's enabled rules).
    Rule,
    /// `rate.count`.
    RateCount,
    /// `duration_minutes`.
    DurationMinutes,
    /// `samples`: the mix of sample events.
    Samples,
    /// `detailed_events`.
    DetailedEvents,
    /// A setting of the `index`-th simulated target, counting the targets of the simulated
    /// rules in rule order, then target order.
    Target { index: usize, field: TargetField },
}

impl fmt::Display for SettingPath {
    /// The setting's path in [`SimulatorSettings`]' JSON names; a target is `targets[i]`, the
    /// i-th simulated target.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingPath::Preset => f.write_str("choice.id"),
            SettingPath::Rule => f.write_str("rule"),
            SettingPath::RateCount => f.write_str("rate.count"),
            SettingPath::DurationMinutes => f.write_str("duration_minutes"),
            SettingPath::Samples => f.write_str("samples"),
            SettingPath::DetailedEvents => f.write_str("detailed_events"),
            SettingPath::Target { index, field } => write!(f, "targets[{index}].{field}"),
        }
    }
}

/// A problem with one setting: which one, and a sentence for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingProblem {
    pub path: SettingPath,
    pub message: String,
}

impl SettingProblem {
    pub fn new(path: SettingPath, message: impl Into<String>) -> Self {
        SettingProblem {
            path,
            message: message.into(),
        }
    }
}

impl fmt::Display for SettingProblem {
    /// `path: message`, as the CLI prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

fn out_of_range(what: &str, value: u64, low: u64, high: u64) -> Option<String> {
    (value < low || value > high)
        .then(|| format!("{what} must be between {low} and {high}; it is {value}."))
}

impl SimulatorSettings {
    /// Every problem with the event stream's settings (rate, duration, sample weights, kept
    /// records), for a scenario built from the user's rules.
    pub fn event_problems(&self) -> Vec<SettingProblem> {
        let mut problems = Vec::new();
        if let Some(message) = out_of_range(
            "The number of events",
            u64::from(self.rate.count),
            1,
            u64::from(MAX_RATE_COUNT),
        ) {
            problems.push(SettingProblem::new(SettingPath::RateCount, message));
        }
        if let Some(message) = out_of_range(
            "The duration in minutes",
            u64::from(self.duration_minutes),
            1,
            u64::from(MAX_DURATION_MINUTES),
        ) {
            problems.push(SettingProblem::new(SettingPath::DurationMinutes, message));
        }
        let events = self.rate.events_in(self.duration_minutes);
        if problems.is_empty() && events == 0 {
            problems.push(SettingProblem::new(
                SettingPath::DurationMinutes,
                "This rate and duration produce no event; send more events or for longer.",
            ));
        }
        if events > MAX_EVENTS {
            problems.push(SettingProblem::new(
                SettingPath::RateCount,
                format!(
                    "This rate and duration produce {events} events; at most {MAX_EVENTS} are simulated."
                ),
            ));
        }
        if self
            .samples
            .iter()
            .any(|sample| sample.weight > MAX_SAMPLE_WEIGHT)
        {
            problems.push(SettingProblem::new(
                SettingPath::Samples,
                format!("Sample weights go from 0 to {MAX_SAMPLE_WEIGHT}."),
            ));
        }
        if let Some(message) = self.detailed_events.and_then(|n| {
            out_of_range(
                "The number of events with attempt-by-attempt records",
                u64::from(n),
                0,
                u64::from(MAX_DETAILED_EVENTS),
            )
        }) {
            problems.push(SettingProblem::new(SettingPath::DetailedEvents, message));
        }
        problems
    }
}

impl TargetSettings {
    /// Every setting outside its range or not possible for a target of `kind`; `index` is the
    /// target's position among the simulated targets. The behaviour is checked by the
    /// simulator's own check ([`crate::TargetBehaviour::problems`]), so the settings and the
    /// simulator cannot disagree; only the minute fields' upper bounds are the settings' own.
    pub fn problems(&self, index: usize, kind: TargetKind) -> Vec<SettingProblem> {
        let path = |field| SettingPath::Target { index, field };
        let mut problems = Vec::new();
        if self.outage.enabled && self.outage.until_minute > MAX_WINDOW_MINUTE {
            problems.push(SettingProblem::new(
                path(TargetField::OutageUntilMinute),
                format!("An outage must end within {MAX_WINDOW_MINUTE} minutes (a week)."),
            ));
        }
        if self.non_retryable.enabled && self.non_retryable.from_minute > MAX_WINDOW_MINUTE {
            problems.push(SettingProblem::new(
                path(TargetField::NonRetryableFromMinute),
                format!("The error must start within {MAX_WINDOW_MINUTE} minutes (a week)."),
            ));
        }
        for problem in self.behaviour().problems(kind) {
            problems.push(SettingProblem::new(
                path(TargetField::of_behaviour(problem.field)),
                problem.message,
            ));
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{
        EventRate, NonRetryableChoice, NonRetryableSettings, OutageSettings, RateLimitSettings,
        RateUnit, RetryableChoice, SampleWeight, TransientSettings,
    };
    use crate::{MAX_LATENCY_MS, MAX_RATE_LIMIT_PER_SECOND};

    #[test]
    fn event_problems_name_their_setting() {
        let table: &[(SimulatorSettings, &str, &str)] = &[
            (
                SimulatorSettings {
                    duration_minutes: 0,
                    ..Default::default()
                },
                "duration_minutes",
                "between 1 and 1440",
            ),
            (
                SimulatorSettings {
                    rate: EventRate {
                        count: 0,
                        per: RateUnit::Second,
                    },
                    ..Default::default()
                },
                "rate.count",
                "between 1 and 100000",
            ),
            (
                SimulatorSettings {
                    rate: EventRate {
                        count: 1,
                        per: RateUnit::Hour,
                    },
                    duration_minutes: 30,
                    ..Default::default()
                },
                "duration_minutes",
                "no event",
            ),
            (
                SimulatorSettings {
                    rate: EventRate {
                        count: 100_000,
                        per: RateUnit::Second,
                    },
                    duration_minutes: 1440,
                    ..Default::default()
                },
                "rate.count",
                "at most 1000000",
            ),
            (
                SimulatorSettings {
                    samples: vec![SampleWeight {
                        id: "x".into(),
                        weight: 101,
                    }],
                    ..Default::default()
                },
                "samples",
                "0 to 100",
            ),
            (
                SimulatorSettings {
                    detailed_events: Some(10_001),
                    ..Default::default()
                },
                "detailed_events",
                "between 0 and 10000",
            ),
        ];
        for (settings, path, message) in table {
            let problems = settings.event_problems();
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(problems[0].path.to_string(), *path);
            assert!(
                problems[0].message.contains(message),
                "{}",
                problems[0].message
            );
        }
    }

    #[test]
    fn every_event_problem_is_reported_at_once() {
        let settings = SimulatorSettings {
            rate: EventRate {
                count: 0,
                per: RateUnit::Minute,
            },
            duration_minutes: 2000,
            samples: vec![SampleWeight {
                id: "x".into(),
                weight: 500,
            }],
            detailed_events: Some(u32::MAX),
            ..Default::default()
        };
        let paths: Vec<SettingPath> = settings
            .event_problems()
            .into_iter()
            .map(|problem| problem.path)
            .collect();
        assert_eq!(
            paths,
            [
                SettingPath::RateCount,
                SettingPath::DurationMinutes,
                SettingPath::Samples,
                SettingPath::DetailedEvents
            ]
        );
    }

    #[test]
    fn target_problems_table() {
        let base = TargetSettings::default();
        let mut http_on_lambda = base;
        http_on_lambda.outage.enabled = true;
        http_on_lambda.outage.error = RetryableChoice::Http503;
        let mut backwards = base;
        backwards.outage = OutageSettings {
            enabled: true,
            from_minute: 90,
            until_minute: 30,
            error: RetryableChoice::Timeout,
        };
        let mut too_late = base;
        too_late.outage = OutageSettings {
            enabled: true,
            from_minute: 0,
            until_minute: MAX_WINDOW_MINUTE + 1,
            error: RetryableChoice::Timeout,
        };
        let mut too_likely = base;
        too_likely.transient = TransientSettings {
            enabled: true,
            failure_permille: 1001,
            error: RetryableChoice::Throttling,
        };
        let mut no_rate = base;
        no_rate.rate_limit = RateLimitSettings {
            enabled: true,
            per_second: 0,
        };
        let mut slow = base;
        slow.latency_ms = MAX_LATENCY_MS as u32 + 1;
        let mut fatal_http = base;
        fatal_http.non_retryable = NonRetryableSettings {
            enabled: true,
            from_minute: 0,
            error: NonRetryableChoice::Http403,
        };
        let mut fatal_late = base;
        fatal_late.non_retryable = NonRetryableSettings {
            enabled: true,
            from_minute: MAX_WINDOW_MINUTE + 1,
            error: NonRetryableChoice::NoResource,
        };
        /// The settings, whether the target is an API destination, and the expected problem.
        type Case = (TargetSettings, bool, Option<(&'static str, &'static str)>);
        let table: &[Case] = &[
            (base, false, None),
            (
                http_on_lambda,
                false,
                Some(("targets[3].outage.error", "API destinations")),
            ),
            (http_on_lambda, true, None),
            (
                backwards,
                false,
                Some(("targets[3].outage.until_minute", "end after it starts")),
            ),
            (
                too_late,
                false,
                Some(("targets[3].outage.until_minute", "within 10080 minutes")),
            ),
            (
                too_likely,
                false,
                Some(("targets[3].transient.failure_permille", "0 to 100")),
            ),
            (
                no_rate,
                false,
                Some(("targets[3].rate_limit.per_second", "between 1 and")),
            ),
            (
                slow,
                false,
                Some(("targets[3].latency_ms", "between 0 and 900000")),
            ),
            (
                fatal_http,
                false,
                Some(("targets[3].non_retryable.error", "API destinations")),
            ),
            (fatal_http, true, None),
            (
                fatal_late,
                false,
                Some(("targets[3].non_retryable.from_minute", "within 10080")),
            ),
        ];
        for (settings, api, expected) in table {
            let kind = if *api {
                TargetKind::ApiDestination
            } else {
                TargetKind::LambdaFunction
            };
            let problems = settings.problems(3, kind);
            match expected {
                None => assert!(problems.is_empty(), "{problems:?}"),
                Some((path, message)) => {
                    assert_eq!(problems.len(), 1, "{problems:?}");
                    assert_eq!(problems[0].path.to_string(), *path);
                    assert!(
                        problems[0].message.contains(message),
                        "{}",
                        problems[0].message
                    );
                }
            }
        }
    }

    /// Regression: the page allowed rate limits up to 100,000 per second and the simulator up
    /// to 1,000,000, each with its own check; the settings now ask the simulator's check.
    #[test]
    fn the_settings_and_the_simulator_share_the_rate_limit_check() {
        for (per_second, accepted) in [
            (1, true),
            (MAX_RATE_LIMIT_PER_SECOND, true),
            (MAX_RATE_LIMIT_PER_SECOND + 1, false),
            (0, false),
        ] {
            let settings = TargetSettings {
                rate_limit: RateLimitSettings {
                    enabled: true,
                    per_second,
                },
                ..TargetSettings::default()
            };
            let checked = settings.problems(0, TargetKind::SqsQueue);
            let simulator = settings.behaviour().problems(TargetKind::SqsQueue);
            assert_eq!(checked.is_empty(), accepted, "{per_second}: {checked:?}");
            assert_eq!(simulator.is_empty(), accepted, "{per_second}");
            let messages: Vec<&str> = checked.iter().map(|p| p.message.as_str()).collect();
            let expected: Vec<&str> = simulator.iter().map(|p| p.message.as_str()).collect();
            assert_eq!(messages, expected);
        }
    }

    #[test]
    fn disabled_parts_are_not_checked() {
        let settings = TargetSettings {
            outage: OutageSettings {
                enabled: false,
                from_minute: 9,
                until_minute: 1,
                error: RetryableChoice::Http500,
            },
            ..TargetSettings::default()
        };
        assert!(settings.problems(0, TargetKind::LambdaFunction).is_empty());
    }

    #[test]
    fn a_problem_prints_its_path_then_its_sentence() {
        let problem = SettingProblem::new(
            SettingPath::Target {
                index: 2,
                field: TargetField::RateLimitPerSecond,
            },
            "The rate limit must be between 1 and 100000; it is 0.",
        );
        assert_eq!(
            problem.to_string(),
            "targets[2].rate_limit.per_second: The rate limit must be between 1 and 100000; it is 0."
        );
    }
}
