//! What the Simulator page lets people set, kept in the playground state (autosaved and shared
//! by link): which scenario, how many events of which samples, how each target behaves, the
//! seed, and the two retry policies to compare.
//!
//! Everything is integers and enums so the state stays `Eq` and a saved value reads back the
//! same. Values arriving from storage or a link are not trusted: [`TargetSettings::problems`]
//! and [`SimulatorSettings::event_problems`] check every range before anything is simulated.
//! A target's behaviour is checked by the simulator's own check
//! (`delivery::TargetBehaviour::problems`), so the page and the simulator cannot disagree;
//! this module only maps its problems to the page's controls.

use aws_model::TargetKind;
use delivery::BehaviourField;
use serde::{Deserialize, Serialize};

/// The simulator's limits on a target's latency and rate limit, which the page's fields share.
pub use delivery::{MAX_LATENCY_MS, MAX_RATE_LIMIT_PER_SECOND};

/// The preset a new playground opens with: the question that motivates the page.
pub const DEFAULT_PRESET: &str = "target-down-for-1-hour";
/// The presets use this seed; the default keeps their published numbers.
pub const DEFAULT_SEED: u64 = 42;
/// Most events in one run (the simulator's own limit).
pub const MAX_EVENTS_PER_RUN: u64 = delivery::MAX_EVENTS;
/// Longest stream of events the page generates: one day.
pub const MAX_DURATION_MINUTES: u32 = 24 * 60;
/// Most events per second, minute or hour: the simulator's fastest stream, per second.
pub const MAX_RATE_COUNT: u32 = delivery::MAX_GENERATED_RATE_PER_SECOND as u32;
pub const MAX_SAMPLE_WEIGHT: u32 = 100;
/// Outages and error windows may start or end up to a week after the first event (the
/// simulator's ingestion window): the range of the page's minute fields.
pub const MAX_WINDOW_MINUTE: u32 = (delivery::MAX_INGESTION_TIME_MS / 60_000) as u32;
/// Settings of targets that no longer exist are kept (the rule may come back), up to this many.
pub const MAX_TARGET_ENTRIES: usize = 200;
pub const MAX_SAMPLE_ENTRIES: usize = 100;

/// Which scenario the page simulates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScenarioChoice {
    /// One of `delivery::PRESETS`, with its own rules and targets.
    Preset { id: String },
    /// The rule builder's rules on [`SimulatorSettings::bus`].
    MyRules,
}

aws_model::string_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum RateUnit {
        Second = "second",
        Minute = "minute",
        Hour = "hour",
    }
}

impl RateUnit {
    pub fn seconds(self) -> u32 {
        match self {
            RateUnit::Second => 1,
            RateUnit::Minute => 60,
            RateUnit::Hour => 3600,
        }
    }
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
        delivery::generated_event_count(self.per_second(), u64::from(minutes) * 60_000)
    }
}

/// How a sample is picked into the stream: `weight` out of the sum of all weights.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleWeight {
    /// A sample id from `simulator_scenario::offered_samples`.
    pub id: String,
    pub weight: u32,
}

aws_model::string_enum! {
    /// Failures EventBridge retries, as the page offers them.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum RetryableChoice {
        ServerError = "server_error",
        Throttling = "throttling",
        Timeout = "timeout",
        ConnectionFailure = "connection_failure",
        Http429 = "http_429",
        Http500 = "http_500",
        Http503 = "http_503",
    }
}

impl RetryableChoice {
    /// What the menu says: a few words, then the `ERROR_CODE` the simulator reports for it.
    pub fn label(self) -> String {
        let words = match self {
            RetryableChoice::ServerError => "Service error",
            RetryableChoice::Throttling => "Throttled by the target",
            RetryableChoice::Timeout => "No answer within 5 s",
            RetryableChoice::ConnectionFailure => "Connection failure",
            RetryableChoice::Http429 => "HTTP 429 Too Many Requests",
            RetryableChoice::Http500 => "HTTP 500 Internal Server Error",
            RetryableChoice::Http503 => "HTTP 503 Service Unavailable",
        };
        format!("{words} ({})", self.to_delivery().code())
    }

    /// HTTP answers only come from API destinations.
    pub fn is_http(self) -> bool {
        self.to_delivery().http_status().is_some()
    }

    /// The choices that make sense for a target that is (or is not) an API destination.
    pub fn offered(api_destination: bool) -> Vec<RetryableChoice> {
        RetryableChoice::ALL
            .into_iter()
            .filter(|choice| api_destination || !choice.is_http())
            .collect()
    }

    pub fn to_delivery(self) -> delivery::RetryableError {
        use delivery::RetryableError as E;
        match self {
            RetryableChoice::ServerError => E::ServerError,
            RetryableChoice::Throttling => E::Throttling,
            RetryableChoice::Timeout => E::Timeout,
            RetryableChoice::ConnectionFailure => E::ConnectionFailure,
            RetryableChoice::Http429 => E::HttpStatus(429),
            RetryableChoice::Http500 => E::HttpStatus(500),
            RetryableChoice::Http503 => E::HttpStatus(503),
        }
    }
}

aws_model::string_enum! {
    /// Failures EventBridge does not retry, as the page offers them.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum NonRetryableChoice {
        NoPermissions = "no_permissions",
        NoResource = "no_resource",
        Http400 = "http_400",
        Http401 = "http_401",
        Http403 = "http_403",
        Http404 = "http_404",
    }
}

impl NonRetryableChoice {
    /// What the menu says: a few words, then the `ERROR_CODE` the simulator reports for it.
    pub fn label(self) -> String {
        let words = match self {
            NonRetryableChoice::NoPermissions => "Missing permissions",
            NonRetryableChoice::NoResource => "Target no longer exists",
            NonRetryableChoice::Http400 => "HTTP 400 Bad Request",
            NonRetryableChoice::Http401 => "HTTP 401 Unauthorized",
            NonRetryableChoice::Http403 => "HTTP 403 Forbidden",
            NonRetryableChoice::Http404 => "HTTP 404 Not Found",
        };
        format!("{words} ({})", self.to_delivery().code())
    }

    pub fn is_http(self) -> bool {
        self.to_delivery().http_status().is_some()
    }

    pub fn offered(api_destination: bool) -> Vec<NonRetryableChoice> {
        NonRetryableChoice::ALL
            .into_iter()
            .filter(|choice| api_destination || !choice.is_http())
            .collect()
    }

    pub fn to_delivery(self) -> delivery::NonRetryableError {
        use delivery::NonRetryableError as E;
        match self {
            NonRetryableChoice::NoPermissions => E::NoPermissions,
            NonRetryableChoice::NoResource => E::NoResource,
            NonRetryableChoice::Http400 => E::HttpStatus(400),
            NonRetryableChoice::Http401 => E::HttpStatus(401),
            NonRetryableChoice::Http403 => E::HttpStatus(403),
            NonRetryableChoice::Http404 => E::HttpStatus(404),
        }
    }
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
}

/// The settings of one target of one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetSettingsEntry {
    pub bus: String,
    pub rule: String,
    pub target_id: String,
    pub settings: TargetSettings,
}

aws_model::string_enum! {
    /// Which jitter the backoff uses (see `delivery::Jitter`).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub enum JitterChoice {
        #[default]
        Equal = "equal",
        Full = "full",
        None = "none",
    }
}

impl JitterChoice {
    pub fn label(self) -> &'static str {
        match self {
            JitterChoice::Equal => "Equal jitter: half the delay plus a random half (default)",
            JitterChoice::Full => "Full jitter: anything from zero to the delay",
            JitterChoice::None => "No jitter: exactly the delay",
        }
    }

    pub fn to_delivery(self) -> delivery::Jitter {
        match self {
            JitterChoice::Equal => delivery::Jitter::Equal,
            JitterChoice::Full => delivery::Jitter::Full,
            JitterChoice::None => delivery::Jitter::None,
        }
    }
}

/// The two retry policies the comparison runs the same scenario with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompareSettings {
    pub first: rules::RetryPolicy,
    pub second: rules::RetryPolicy,
}

impl Default for CompareSettings {
    /// AWS's defaults against "3 retries, 10 minutes", the pair people usually weigh.
    fn default() -> Self {
        CompareSettings {
            first: rules::RetryPolicy::default(),
            second: rules::RetryPolicy {
                maximum_retry_attempts: 3,
                maximum_event_age_seconds: 600,
            },
        }
    }
}

/// Everything the Simulator page remembers.
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
    /// Empty means "the samples the page suggests for the bus".
    pub samples: Vec<SampleWeight>,
    pub targets: Vec<TargetSettingsEntry>,
    pub seed: u64,
    pub jitter: JitterChoice,
    pub compare: CompareSettings,
    /// Attempt-by-attempt records are kept for this many events; `None` picks a number that
    /// bounds memory (see `simulator_scenario::auto_detailed_events`).
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

/// A problem with one setting, tied to the control that sets it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingProblem {
    /// The control's id on the page (see [`control_id`]).
    pub field: String,
    pub message: String,
}

impl SettingProblem {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        SettingProblem {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The id of the control for a target's setting, e.g. `sim-target-2-latency`.
pub fn target_control_id(target_index: usize, setting: &str) -> String {
    format!("sim-target-{target_index}-{setting}")
}

/// The id of a page-level control, e.g. `sim-duration`.
pub fn control_id(setting: &str) -> String {
    format!("sim-{setting}")
}

fn out_of_range(what: &str, value: u64, low: u64, high: u64) -> Option<String> {
    (value < low || value > high)
        .then(|| format!("{what} must be between {low} and {high}; it is {value}."))
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

    /// Every setting outside its range, for the scenario built from the user's rules.
    pub fn event_problems(&self) -> Vec<SettingProblem> {
        let mut problems = Vec::new();
        if let Some(message) = out_of_range(
            "The number of events",
            u64::from(self.rate.count),
            1,
            u64::from(MAX_RATE_COUNT),
        ) {
            problems.push(SettingProblem::new(control_id("rate"), message));
        }
        if let Some(message) = out_of_range(
            "The duration in minutes",
            u64::from(self.duration_minutes),
            1,
            u64::from(MAX_DURATION_MINUTES),
        ) {
            problems.push(SettingProblem::new(control_id("duration"), message));
        }
        let events = self.rate.events_in(self.duration_minutes);
        if problems.is_empty() && events == 0 {
            problems.push(SettingProblem::new(
                control_id("duration"),
                "This rate and duration produce no event; send more events or for longer.",
            ));
        }
        if events > MAX_EVENTS_PER_RUN {
            problems.push(SettingProblem::new(
                control_id("rate"),
                format!(
                    "This rate and duration produce {events} events; at most {MAX_EVENTS_PER_RUN} are simulated."
                ),
            ));
        }
        if self
            .samples
            .iter()
            .any(|sample| sample.weight > MAX_SAMPLE_WEIGHT)
        {
            problems.push(SettingProblem::new(
                control_id("samples"),
                format!("Sample weights go from 0 to {MAX_SAMPLE_WEIGHT}."),
            ));
        }
        if let Some(message) = self.detailed_events.and_then(|n| {
            out_of_range(
                "The number of events with attempt-by-attempt records",
                u64::from(n),
                0,
                u64::from(delivery::MAX_DETAILED_EVENTS),
            )
        }) {
            problems.push(SettingProblem::new(control_id("detailed"), message));
        }
        problems
    }
}

impl TargetSettings {
    /// Every setting outside its range or not possible for a target of `kind`; `index` is the
    /// target's position on the page (for control ids). The behaviour is checked by the
    /// simulator; only the ranges of the page's minute fields are the page's own.
    pub fn problems(&self, index: usize, kind: TargetKind) -> Vec<SettingProblem> {
        let field = |setting: &str| target_control_id(index, setting);
        let mut problems = Vec::new();
        if self.outage.enabled && self.outage.until_minute > MAX_WINDOW_MINUTE {
            problems.push(SettingProblem::new(
                field("outage-until"),
                format!("An outage must end within {MAX_WINDOW_MINUTE} minutes (a week)."),
            ));
        }
        if self.non_retryable.enabled && self.non_retryable.from_minute > MAX_WINDOW_MINUTE {
            problems.push(SettingProblem::new(
                field("fatal-from"),
                format!("The error must start within {MAX_WINDOW_MINUTE} minutes (a week)."),
            ));
        }
        for problem in self.to_delivery().problems(kind) {
            let control = match problem.field {
                BehaviourField::LatencyMs => "latency",
                BehaviourField::TransientProbability => "failure-rate",
                BehaviourField::TransientError => "transient-error",
                BehaviourField::Outage(_) => "outage-until",
                BehaviourField::OutageError(_) => "outage-error",
                BehaviourField::NonRetryable => "fatal-from",
                BehaviourField::NonRetryableError => "fatal-error",
                BehaviourField::RateLimitPerSecond => "rate-limit",
            };
            problems.push(SettingProblem::new(field(control), problem.message));
        }
        problems
    }

    /// The behaviour the simulator uses.
    pub fn to_delivery(self) -> delivery::TargetBehaviour {
        const MINUTE_MS: u64 = 60_000;
        delivery::TargetBehaviour {
            latency_ms: u64::from(self.latency_ms),
            transient: self.transient.enabled.then(|| delivery::TransientFailures {
                probability: f64::from(self.transient.failure_permille) / 1000.0,
                error: self.transient.error.to_delivery(),
            }),
            outages: if self.outage.enabled {
                vec![delivery::Outage {
                    from_ms: u64::from(self.outage.from_minute) * MINUTE_MS,
                    until_ms: u64::from(self.outage.until_minute) * MINUTE_MS,
                    error: self.outage.error.to_delivery(),
                }]
            } else {
                Vec::new()
            },
            non_retryable: self
                .non_retryable
                .enabled
                .then(|| delivery::NonRetryableFailure {
                    error: self.non_retryable.error.to_delivery(),
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

/// Reads a whole number typed into a field; blank or garbage is `None` (the field shows why).
pub fn parse_whole(text: &str) -> Option<u32> {
    let text = text.trim();
    (!text.is_empty() && text.len() <= 10 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// Reads a percentage with at most one decimal ("2.5") as tenths of a percent (25).
pub fn parse_permille_percent(text: &str) -> Option<u32> {
    let text = text.trim().trim_end_matches('%').trim();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let (whole, tenths) = match text.split_once('.') {
        Some((whole, fraction)) if fraction.len() == 1 => (whole, parse_whole(fraction)?),
        Some((whole, "")) => (whole, 0),
        Some(_) => return None,
        None => (text, 0),
    };
    let whole = if whole.is_empty() {
        0
    } else {
        parse_whole(whole)?
    };
    let permille = whole.checked_mul(10)?.checked_add(tenths)?;
    (permille <= 1000).then_some(permille)
}

/// Writes tenths of a percent back as the field shows them ("2.5", "30").
pub fn format_permille_percent(permille: u32) -> String {
    if permille.is_multiple_of(10) {
        (permille / 10).to_string()
    } else {
        format!("{}.{}", permille / 10, permille % 10)
    }
}

/// Reads a seed: any whole number that fits 64 bits.
pub fn parse_seed(text: &str) -> Option<u64> {
    let text = text.trim();
    (!text.is_empty() && text.len() <= 20 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_ask_the_motivating_question() {
        let settings = SimulatorSettings::default();
        assert_eq!(settings.preset_id(), Some(DEFAULT_PRESET));
        assert!(delivery::PRESETS
            .iter()
            .any(|preset| preset.id == DEFAULT_PRESET));
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
            let stream = delivery::GeneratedEvents {
                to: delivery::Ingress::Bus("default".into()),
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
    fn event_problems_name_their_control() {
        let table: &[(SimulatorSettings, &str, &str)] = &[
            (
                SimulatorSettings {
                    duration_minutes: 0,
                    ..Default::default()
                },
                "sim-duration",
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
                "sim-rate",
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
                "sim-duration",
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
                "sim-rate",
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
                "sim-samples",
                "0 to 100",
            ),
            (
                SimulatorSettings {
                    detailed_events: Some(10_001),
                    ..Default::default()
                },
                "sim-detailed",
                "between 0 and 10000",
            ),
        ];
        for (settings, field, message) in table {
            let problems = settings.event_problems();
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(problems[0].field, *field);
            assert!(
                problems[0].message.contains(message),
                "{}",
                problems[0].message
            );
        }
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
        /// The settings, whether the target is an API destination, and the expected problem.
        type Case = (TargetSettings, bool, Option<(&'static str, &'static str)>);
        let table: &[Case] = &[
            (base, false, None),
            (
                http_on_lambda,
                false,
                Some(("sim-target-3-outage-error", "API destinations")),
            ),
            (http_on_lambda, true, None),
            (
                backwards,
                false,
                Some(("sim-target-3-outage-until", "end after it starts")),
            ),
            (
                too_likely,
                false,
                Some(("sim-target-3-failure-rate", "0 to 100")),
            ),
            (
                no_rate,
                false,
                Some(("sim-target-3-rate-limit", "between 1 and")),
            ),
            (
                slow,
                false,
                Some(("sim-target-3-latency", "between 0 and 900000")),
            ),
            (
                fatal_http,
                false,
                Some(("sim-target-3-fatal-error", "API destinations")),
            ),
            (fatal_http, true, None),
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
                Some((field, message)) => {
                    assert_eq!(problems.len(), 1, "{problems:?}");
                    assert_eq!(problems[0].field, *field);
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
    /// to 1,000,000, each with its own check; the page now asks the simulator's check.
    #[test]
    fn the_page_and_the_simulator_share_the_rate_limit_check() {
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
            let page = settings.problems(0, TargetKind::SqsQueue);
            let simulator = settings.to_delivery().problems(TargetKind::SqsQueue);
            assert_eq!(page.is_empty(), accepted, "{per_second}: {page:?}");
            assert_eq!(simulator.is_empty(), accepted, "{per_second}");
            let messages: Vec<&str> = page.iter().map(|p| p.message.as_str()).collect();
            let expected: Vec<&str> = simulator.iter().map(|p| p.message.as_str()).collect();
            assert_eq!(messages, expected);
        }
    }

    #[test]
    fn disabled_parts_are_not_checked_or_simulated() {
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
        assert!(settings.is_healthy());
        let behaviour = settings.to_delivery();
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
        let behaviour = settings.to_delivery();
        let transient = behaviour.transient.unwrap();
        assert_eq!(transient.probability, 0.025);
        assert_eq!(transient.error, delivery::RetryableError::HttpStatus(429));
        assert_eq!(
            behaviour.outages,
            vec![delivery::Outage {
                from_ms: 1_800_000,
                until_ms: 5_400_000,
                error: delivery::RetryableError::ServerError
            }]
        );
        let fatal = behaviour.non_retryable.unwrap();
        assert_eq!(
            (fatal.error, fatal.from_ms, fatal.until_ms),
            (delivery::NonRetryableError::NoResource, 300_000, None)
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

    /// Regression: the menus wrote the error codes by hand ("HTTP 503 Service Unavailable"
    /// while the simulator reports SDK_CLIENT_ERROR); each label now ends with the code the
    /// simulator reports for the choice.
    #[test]
    fn labels_end_with_the_simulators_error_code() {
        for choice in RetryableChoice::ALL {
            let code = choice.to_delivery().code().as_str();
            assert!(
                choice.label().ends_with(&format!("({code})")),
                "{}",
                choice.label()
            );
        }
        for choice in NonRetryableChoice::ALL {
            let code = choice.to_delivery().code().as_str();
            assert!(
                choice.label().ends_with(&format!("({code})")),
                "{}",
                choice.label()
            );
        }
        assert_eq!(
            RetryableChoice::Http503.label(),
            "HTTP 503 Service Unavailable (SDK_CLIENT_ERROR)"
        );
        assert_eq!(
            RetryableChoice::ServerError.label(),
            "Service error (ERROR_FROM_TARGET)"
        );
    }

    #[test]
    fn choices_round_trip_through_their_names_and_serde() {
        fn round_trip<T>(all: &[T])
        where
            T: Copy + std::fmt::Debug + PartialEq + std::str::FromStr + Serialize,
        {
            for &choice in all {
                let json = serde_json::to_string(&choice).unwrap();
                let name: String = serde_json::from_str(&json).unwrap();
                assert_eq!(name.parse::<T>().ok(), Some(choice), "{json}");
            }
        }
        round_trip(&RetryableChoice::ALL);
        round_trip(&NonRetryableChoice::ALL);
        round_trip(&JitterChoice::ALL);
        round_trip(&RateUnit::ALL);
        // The names saved by earlier versions (serde's snake_case of the variants) still read.
        let saved = r#"{"enabled":true,"failure_permille":5,"error":"connection_failure"}"#;
        let transient: TransientSettings = serde_json::from_str(saved).unwrap();
        assert_eq!(transient.error, RetryableChoice::ConnectionFailure);
        assert!("<script>".parse::<RetryableChoice>().is_err());
        assert_eq!(RetryableChoice::offered(false).len(), 4);
        assert_eq!(NonRetryableChoice::offered(true).len(), 6);
        assert_eq!(NonRetryableChoice::offered(false).len(), 2);
    }

    #[test]
    fn parse_permille_percent_table() {
        let table: &[(&str, Option<u32>)] = &[
            ("0", Some(0)),
            ("2", Some(20)),
            ("2.5", Some(25)),
            ("2.5 %", Some(25)),
            (" 100 ", Some(1000)),
            (".5", Some(5)),
            ("7.", Some(70)),
            ("100.1", None),
            ("2.55", None),
            ("-1", None),
            ("", None),
            (".", None),
            ("%", None),
            ("abc", None),
            ("99999999999999999999", None),
        ];
        for (text, expected) in table {
            assert_eq!(parse_permille_percent(text), *expected, "{text:?}");
        }
        for permille in [0, 5, 25, 300, 1000] {
            assert_eq!(
                parse_permille_percent(&format_permille_percent(permille)),
                Some(permille)
            );
        }
    }

    #[test]
    fn parse_numbers_refuse_garbage_and_overflow() {
        assert_eq!(parse_whole("42"), Some(42));
        assert_eq!(parse_whole(" 7 "), Some(7));
        assert_eq!(parse_whole("4294967296"), None);
        assert_eq!(parse_whole("1e3"), None);
        assert_eq!(parse_whole("+3"), None);
        assert_eq!(parse_seed("18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_seed("18446744073709551616"), None);
        assert_eq!(parse_seed(""), None);
    }
}
