//! Turns a [`Scenario`] into a checked, index-based plan: names resolved to indices, patterns
//! compiled, events parsed and matched, ingestions laid out in time order.
//!
//! Matching happens here, once per distinct event text, rather than per ingestion: a generated
//! stream of 100 000 events drawn from five samples needs five matcher calls. The matcher is a pure
//! function of (pattern, event), so the result is the same as matching at ingestion time.

use std::collections::BTreeMap;

use event_pattern::Pattern;

use crate::backoff::BackoffConfig;
use crate::error::{ScenarioError, ScenarioErrorKind as Kind};
use crate::matching;
use crate::rng::{DrawPurpose, SimRng};
use crate::scenario::*;

/// Latest ingestion time accepted (7 days); with the 24 h maximum event age this bounds the
/// simulated span and the number of per-minute datapoints.
pub const MAX_INGESTION_TIME_MS: u64 = 7 * 24 * 3_600_000;
/// No attempt is ever scheduled at or after this time: ingestions end by
/// [`MAX_INGESTION_TIME_MS`] and every attempt starts before its event's maximum age.
pub(crate) const SCHEDULING_HORIZON_MS: u64 =
    MAX_INGESTION_TIME_MS + MAX_EVENT_AGE_SECONDS as u64 * 1000;
/// Events per scenario, explicit and generated together.
pub const MAX_EVENTS: u64 = 1_000_000;
/// Invocations (event × target pairs) per scenario.
pub const MAX_INVOCATIONS: u64 = 10_000_000;
/// Longest simulated target response (Lambda's 15-minute limit).
pub const MAX_LATENCY_MS: u64 = 15 * 60_000;
pub const MAX_RATE_LIMIT_PER_SECOND: u32 = 1_000_000;
pub const MAX_GENERATED_RATE_PER_SECOND: f64 = 100_000.0;
/// PutEvents' limit on an entry.
pub const MAX_EVENT_BYTES: usize = 256 * 1024;
pub const MAX_TARGETS_PER_RULE: usize = 5;
pub const MAX_RULES_PER_BUS: usize = 300;
pub const MAX_BUSES: usize = 100;
pub const MAX_SOURCES: usize = 1_000;
pub const MAX_DETAILED_EVENTS: u32 = 10_000;
const MAX_ARN_CHARS: usize = 1600;

#[derive(Debug)]
pub(crate) struct PlannedRule {
    pub name: String,
    pub bus: u32,
    pub arn: String,
    pub first_target: u32,
    pub target_count: u32,
}

#[derive(Debug)]
pub(crate) struct PlannedTarget {
    pub rule: u32,
    pub id: String,
    pub arn: String,
    pub max_retries: u32,
    pub max_age_ms: u64,
    pub dlq: Option<Dlq>,
    pub behaviour: TargetBehaviour,
}

/// Where an ingested event goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route {
    Bus(u32),
    InactiveSource(u32),
    /// Index into `Plan::unknown_buses`.
    UnknownBus(u32),
}

/// A distinct event text, its destination and the enabled rules it matches there.
#[derive(Debug)]
pub(crate) struct Body {
    pub text: String,
    pub route: Route,
    pub matched_rules: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Ingestion {
    pub at_ms: u64,
    pub body: u32,
}

#[derive(Debug)]
pub(crate) struct Plan {
    pub seed: u64,
    pub backoff: BackoffConfig,
    pub keep_details_for_first_events: u32,
    pub buses: Vec<String>,
    pub sources: Vec<SourceState>,
    pub unknown_buses: Vec<String>,
    pub rules: Vec<PlannedRule>,
    pub targets: Vec<PlannedTarget>,
    pub bodies: Vec<Body>,
    /// Sorted by time; ties keep the scenario order (explicit events first, then generators).
    pub ingestions: Vec<Ingestion>,
    pub total_invocations: u64,
}

impl Plan {
    pub(crate) fn body_targets(&self, body: &Body) -> u64 {
        body.matched_rules
            .iter()
            .map(|&rule| u64::from(self.rules[rule as usize].target_count))
            .sum()
    }
}

fn err(kind: Kind, location: impl Into<String>, message: impl Into<String>) -> ScenarioError {
    ScenarioError::new(kind, location, message)
}

fn check_range<T: PartialOrd + std::fmt::Display>(
    location: &str,
    value: T,
    low: T,
    high: T,
) -> Result<(), ScenarioError> {
    if value < low || value > high {
        return Err(err(
            Kind::OutOfRange,
            location,
            format!("{value} is outside {low}..={high}"),
        ));
    }
    Ok(())
}

/// `1..=max_chars` characters from `[.-_A-Za-z0-9]`, plus `/` when `slash_allowed`.
fn check_name(
    location: &str,
    what: &str,
    name: &str,
    max_chars: usize,
    slash_allowed: bool,
) -> Result<(), ScenarioError> {
    let allowed = |c: char| {
        c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') || (slash_allowed && c == '/')
    };
    let length = name.chars().count();
    if length == 0 || length > max_chars {
        return Err(err(
            Kind::InvalidName,
            location,
            format!("{what} must have 1 to {max_chars} characters, not {length}"),
        ));
    }
    if let Some(bad) = name.chars().find(|&c| !allowed(c)) {
        let extra = if slash_allowed { "/" } else { "" };
        return Err(err(
            Kind::InvalidName,
            location,
            format!("{what} may only contain letters, digits and .-_{extra}; found {bad:?}"),
        ));
    }
    Ok(())
}

fn check_arn(location: &str, arn: &str) -> Result<(), ScenarioError> {
    let length = arn.chars().count();
    if !arn.starts_with("arn:") || length > MAX_ARN_CHARS {
        return Err(err(
            Kind::InvalidName,
            location,
            format!(
                "must be an ARN (starting with \"arn:\") of at most {MAX_ARN_CHARS} characters"
            ),
        ));
    }
    Ok(())
}

/// `aws.partner/<segment>/<segment>[/...]`.
fn check_partner_source_name(location: &str, name: &str) -> Result<(), ScenarioError> {
    let segments: Vec<&str> = name.split('/').collect();
    let well_formed = name.len() <= 256
        && segments[0] == "aws.partner"
        && segments.len() >= 3
        && segments[1..].iter().all(|s| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        });
    if !well_formed {
        return Err(err(
            Kind::InvalidName,
            location,
            "a partner event source name looks like aws.partner/<partner>/<namespace>/<name> (at most 256 characters)",
        ));
    }
    Ok(())
}

fn check_backoff(backoff: &BackoffConfig) -> Result<(), ScenarioError> {
    check_range("backoff.base_ms", backoff.base_ms, 1, 86_400_000)?;
    check_range(
        "backoff.cap_ms",
        backoff.cap_ms,
        backoff.base_ms,
        86_400_000,
    )?;
    check_range("backoff.multiplier", backoff.multiplier, 1, 16)
}

fn check_options(options: &SimOptions) -> Result<(), ScenarioError> {
    check_range(
        "options.keep_details_for_first_events",
        options.keep_details_for_first_events,
        0,
        MAX_DETAILED_EVENTS,
    )?;
    if options.account.len() != 12 || !options.account.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err(
            Kind::InvalidName,
            "options.account",
            "an AWS account id has exactly 12 digits",
        ));
    }
    let region_ok = (1..=32).contains(&options.region.len())
        && options
            .region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !region_ok {
        return Err(err(
            Kind::InvalidName,
            "options.region",
            "a region looks like us-east-1",
        ));
    }
    Ok(())
}

fn check_retryable(
    location: &str,
    error: RetryableError,
    kind: TargetKind,
) -> Result<(), ScenarioError> {
    if let RetryableError::HttpStatus(status) = error {
        check_http_target(location, kind)?;
        if status != 429 && !(500..=599).contains(&status) {
            return Err(err(
                Kind::Unsupported,
                location,
                format!("HTTP {status} is not retried; only 429 and 5xx are (use non_retryable for other 4xx)"),
            ));
        }
    }
    Ok(())
}

fn check_non_retryable(
    location: &str,
    error: NonRetryableError,
    kind: TargetKind,
) -> Result<(), ScenarioError> {
    if let NonRetryableError::HttpStatus(status) = error {
        check_http_target(location, kind)?;
        if status == 429 || !(400..=499).contains(&status) {
            return Err(err(
                Kind::Unsupported,
                location,
                format!("HTTP {status} is not a non-retryable error; use a 4xx other than 429"),
            ));
        }
    }
    Ok(())
}

fn check_http_target(location: &str, kind: TargetKind) -> Result<(), ScenarioError> {
    if kind != TargetKind::ApiDestination {
        return Err(err(
            Kind::Unsupported,
            location,
            "HTTP status codes only come from api-destination targets",
        ));
    }
    Ok(())
}

fn check_target(location: &str, target: &SimTarget) -> Result<(), ScenarioError> {
    check_name(
        &format!("{location}.id"),
        "a target id",
        &target.id,
        64,
        false,
    )?;
    check_arn(&format!("{location}.arn"), &target.arn)?;
    check_range(
        &format!("{location}.retry.maximum_retry_attempts"),
        target.retry.maximum_retry_attempts,
        0,
        MAX_RETRY_ATTEMPTS,
    )?;
    check_range(
        &format!("{location}.retry.maximum_event_age_seconds"),
        target.retry.maximum_event_age_seconds,
        MIN_EVENT_AGE_SECONDS,
        MAX_EVENT_AGE_SECONDS,
    )?;
    if let Some(dlq) = &target.dlq {
        let dlq_location = format!("{location}.dlq.arn");
        check_arn(&dlq_location, &dlq.arn)?;
        if dlq.arn.split(':').nth(2) != Some("sqs") {
            return Err(err(
                Kind::Unsupported,
                dlq_location,
                "a dead-letter queue must be an SQS queue ARN",
            ));
        }
        if dlq.arn.ends_with(".fifo") {
            return Err(err(
                Kind::Unsupported,
                dlq_location,
                "FIFO queues cannot be dead-letter queues; use a standard queue",
            ));
        }
    }
    let behaviour = &target.behaviour;
    let at = |field: &str| format!("{location}.behaviour.{field}");
    check_range(&at("latency_ms"), behaviour.latency_ms, 0, MAX_LATENCY_MS)?;
    if let Some(transient) = &behaviour.transient {
        // `contains` is false for NaN, so this also rejects it.
        if !(0.0..=1.0).contains(&transient.probability) {
            return Err(err(
                Kind::OutOfRange,
                at("transient.probability"),
                "must be a number from 0 to 1",
            ));
        }
        check_retryable(&at("transient.error"), transient.error, target.kind)?;
    }
    for (index, outage) in behaviour.outages.iter().enumerate() {
        if outage.from_ms >= outage.until_ms {
            return Err(err(
                Kind::OutOfRange,
                at(&format!("outages[{index}]")),
                "from_ms must be before until_ms",
            ));
        }
        check_retryable(
            &at(&format!("outages[{index}].error")),
            outage.error,
            target.kind,
        )?;
    }
    if let Some(failure) = &behaviour.non_retryable {
        if failure
            .until_ms
            .is_some_and(|until| until <= failure.from_ms)
        {
            return Err(err(
                Kind::OutOfRange,
                at("non_retryable"),
                "from_ms must be before until_ms",
            ));
        }
        check_non_retryable(&at("non_retryable.error"), failure.error, target.kind)?;
    }
    if let Some(rate) = behaviour.rate_limit_per_second {
        check_range(
            &at("rate_limit_per_second"),
            rate,
            1,
            MAX_RATE_LIMIT_PER_SECOND,
        )?;
    }
    Ok(())
}

fn rule_arn(options: &SimOptions, bus: &str, rule: &str) -> String {
    // Rules on the default bus have no bus segment in their ARN.
    if bus == "default" {
        format!(
            "arn:aws:events:{}:{}:rule/{rule}",
            options.region, options.account
        )
    } else {
        format!(
            "arn:aws:events:{}:{}:rule/{bus}/{rule}",
            options.region, options.account
        )
    }
}

struct Resolver<'a> {
    buses: BTreeMap<&'a str, u32>,
    sources: BTreeMap<&'a str, u32>,
    source_states: &'a [SourceState],
    /// Names of undeclared buses events were sent to, in first-seen order, with their index.
    unknown_buses: BTreeMap<&'a str, u32>,
}

impl<'a> Resolver<'a> {
    fn route(&mut self, location: &str, ingress: &'a Ingress) -> Result<Route, ScenarioError> {
        match ingress {
            Ingress::Bus(name) => Ok(match self.buses.get(name.as_str()) {
                Some(&bus) => Route::Bus(bus),
                None => {
                    let next_index = self.unknown_buses.len() as u32;
                    Route::UnknownBus(
                        *self
                            .unknown_buses
                            .entry(name.as_str())
                            .or_insert(next_index),
                    )
                }
            }),
            Ingress::PartnerSource(name) => {
                let Some(&source) = self.sources.get(name.as_str()) else {
                    return Err(err(
                        Kind::UnknownReference,
                        location,
                        format!("partner event source {name:?} is not declared in sources"),
                    ));
                };
                match self.source_states[source as usize].state {
                    // Validation made sure an ACTIVE source has its bus.
                    PartnerSourceState::Active => Ok(Route::Bus(self.buses[name.as_str()])),
                    PartnerSourceState::Pending | PartnerSourceState::Deleted => {
                        Ok(Route::InactiveSource(source))
                    }
                }
            }
        }
    }
}

/// Checks the event text and matches it against the enabled rules of its bus.
fn plan_body(
    location: &str,
    text: &str,
    route: Route,
    patterns_by_bus: &[Vec<(u32, Pattern)>],
) -> Result<Body, ScenarioError> {
    if text.len() > MAX_EVENT_BYTES {
        return Err(err(
            Kind::TooLarge,
            location,
            format!(
                "the event is {} bytes; PutEvents accepts at most {MAX_EVENT_BYTES}",
                text.len()
            ),
        ));
    }
    let event = matching::parse_event(text)
        .map_err(|message| err(Kind::InvalidEvent, location, message))?;
    let matched_rules = match route {
        Route::Bus(bus) => patterns_by_bus[bus as usize]
            .iter()
            .filter(|(_, pattern)| pattern.matches(&event))
            .map(|&(rule, _)| rule)
            .collect(),
        Route::InactiveSource(_) | Route::UnknownBus(_) => Vec::new(),
    };
    Ok(Body {
        text: text.to_owned(),
        route,
        matched_rules,
    })
}

/// How many events a generator produces, checked against the remaining budget before anything is
/// allocated.
fn generated_count(
    location: &str,
    generator: &GeneratedEvents,
    budget: u64,
) -> Result<u64, ScenarioError> {
    let rate = generator.rate_per_second;
    if !(rate > 0.0 && rate <= MAX_GENERATED_RATE_PER_SECOND) {
        return Err(err(
            Kind::OutOfRange,
            format!("{location}.rate_per_second"),
            format!("must be more than 0 and at most {MAX_GENERATED_RATE_PER_SECOND}"),
        ));
    }
    check_range(
        &format!("{location}.start_ms"),
        generator.start_ms,
        0,
        MAX_INGESTION_TIME_MS,
    )?;
    check_range(
        &format!("{location}.duration_ms"),
        generator.duration_ms,
        0,
        MAX_INGESTION_TIME_MS - generator.start_ms,
    )?;
    let count = (rate * generator.duration_ms as f64 / 1000.0).floor() as u64;
    if count > budget {
        return Err(ScenarioError::too_large(
            location,
            format!("this stream generates {count} events; at most {MAX_EVENTS} events per scenario are simulated"),
        ));
    }
    if generator.samples.is_empty() {
        return Err(err(
            Kind::OutOfRange,
            format!("{location}.samples"),
            "at least one sample event is needed",
        ));
    }
    if generator.samples.iter().all(|sample| sample.weight == 0) {
        return Err(err(
            Kind::OutOfRange,
            format!("{location}.samples"),
            "at least one sample needs a weight above 0",
        ));
    }
    Ok(count)
}

pub(crate) fn plan(scenario: &Scenario) -> Result<Plan, ScenarioError> {
    check_backoff(&scenario.backoff)?;
    check_options(&scenario.options)?;

    if scenario.buses.len() > MAX_BUSES {
        return Err(ScenarioError::too_large(
            "buses",
            format!("at most {MAX_BUSES} buses are simulated"),
        ));
    }
    let mut buses = BTreeMap::new();
    for (index, bus) in scenario.buses.iter().enumerate() {
        let location = format!("buses[{index}].name");
        check_name(&location, "a bus name", &bus.name, 256, true)?;
        if buses.insert(bus.name.as_str(), index as u32).is_some() {
            return Err(err(
                Kind::Duplicate,
                location,
                format!("bus {:?} is declared twice", bus.name),
            ));
        }
    }

    if scenario.sources.len() > MAX_SOURCES {
        return Err(ScenarioError::too_large(
            "sources",
            format!("at most {MAX_SOURCES} partner sources are simulated"),
        ));
    }
    let mut sources = BTreeMap::new();
    for (index, source) in scenario.sources.iter().enumerate() {
        let location = format!("sources[{index}].name");
        check_partner_source_name(&location, &source.name)?;
        if sources.insert(source.name.as_str(), index as u32).is_some() {
            return Err(err(
                Kind::Duplicate,
                location,
                format!("source {:?} is declared twice", source.name),
            ));
        }
        if source.state == PartnerSourceState::Active && !buses.contains_key(source.name.as_str()) {
            return Err(err(
                Kind::UnknownReference,
                format!("sources[{index}].state"),
                format!(
                    "an ACTIVE partner source has a partner bus of the same name; declare bus {:?}",
                    source.name
                ),
            ));
        }
    }

    let mut rules = Vec::with_capacity(scenario.rules.len());
    let mut targets = Vec::new();
    let mut patterns_by_bus: Vec<Vec<(u32, Pattern)>> =
        scenario.buses.iter().map(|_| Vec::new()).collect();
    let mut rules_per_bus = vec![0usize; scenario.buses.len()];
    let mut rule_names = BTreeMap::new();
    for (rule_index, rule) in scenario.rules.iter().enumerate() {
        let location = format!("rules[{rule_index}]");
        check_name(
            &format!("{location}.name"),
            "a rule name",
            &rule.name,
            64,
            false,
        )?;
        let Some(&bus) = buses.get(rule.bus.as_str()) else {
            return Err(err(
                Kind::UnknownReference,
                format!("{location}.bus"),
                format!("bus {:?} is not declared", rule.bus),
            ));
        };
        if rule_names
            .insert((bus, rule.name.as_str()), rule_index)
            .is_some()
        {
            return Err(err(
                Kind::Duplicate,
                format!("{location}.name"),
                format!("rule {:?} already exists on bus {:?}", rule.name, rule.bus),
            ));
        }
        rules_per_bus[bus as usize] += 1;
        if rules_per_bus[bus as usize] > MAX_RULES_PER_BUS {
            return Err(ScenarioError::too_large(
                location,
                format!("at most {MAX_RULES_PER_BUS} rules per bus"),
            ));
        }
        // The matcher enforces AWS's pattern length limit itself, with AWS's message.
        let pattern = Pattern::parse(&rule.pattern).map_err(|error| {
            err(
                Kind::InvalidPattern,
                format!("{location}.pattern"),
                error.to_string(),
            )
        })?;
        if rule.targets.len() > MAX_TARGETS_PER_RULE {
            return Err(err(
                Kind::Unsupported,
                format!("{location}.targets"),
                format!(
                    "a rule has at most {MAX_TARGETS_PER_RULE} targets, not {}",
                    rule.targets.len()
                ),
            ));
        }
        let first_target = targets.len() as u32;
        for (target_index, target) in rule.targets.iter().enumerate() {
            let target_location = format!("{location}.targets[{target_index}]");
            check_target(&target_location, target)?;
            if rule.targets[..target_index]
                .iter()
                .any(|earlier| earlier.id == target.id)
            {
                return Err(err(
                    Kind::Duplicate,
                    format!("{target_location}.id"),
                    format!("target id {:?} is used twice in this rule", target.id),
                ));
            }
            targets.push(PlannedTarget {
                rule: rule_index as u32,
                id: target.id.clone(),
                arn: target.arn.clone(),
                max_retries: target.retry.maximum_retry_attempts,
                max_age_ms: u64::from(target.retry.maximum_event_age_seconds) * 1000,
                dlq: target.dlq.clone(),
                behaviour: target.behaviour.clone(),
            });
        }
        if rule.enabled {
            patterns_by_bus[bus as usize].push((rule_index as u32, pattern));
        }
        rules.push(PlannedRule {
            name: rule.name.clone(),
            bus,
            arn: rule_arn(&scenario.options, &rule.bus, &rule.name),
            first_target,
            target_count: rule.targets.len() as u32,
        });
    }

    let mut resolver = Resolver {
        buses,
        sources,
        source_states: &scenario.sources,
        unknown_buses: BTreeMap::new(),
    };
    let mut bodies = Vec::new();
    let mut ingestions = Vec::new();
    let explicit = &scenario.events.explicit;
    if explicit.len() as u64 > MAX_EVENTS {
        return Err(ScenarioError::too_large(
            "events.explicit",
            format!("at most {MAX_EVENTS} events are simulated"),
        ));
    }
    for (index, event) in explicit.iter().enumerate() {
        let location = format!("events.explicit[{index}]");
        check_range(
            &format!("{location}.at_ms"),
            event.at_ms,
            0,
            MAX_INGESTION_TIME_MS,
        )?;
        let route = resolver.route(&format!("{location}.to"), &event.to)?;
        bodies.push(plan_body(
            &format!("{location}.text"),
            &event.text,
            route,
            &patterns_by_bus,
        )?);
        ingestions.push(Ingestion {
            at_ms: event.at_ms,
            body: bodies.len() as u32 - 1,
        });
    }

    let mut budget = MAX_EVENTS - explicit.len() as u64;
    for (generator_index, generator) in scenario.events.generated.iter().enumerate() {
        let location = format!("events.generated[{generator_index}]");
        let count = generated_count(&location, generator, budget)?;
        budget -= count;
        let route = resolver.route(&format!("{location}.to"), &generator.to)?;
        let first_body = bodies.len() as u32;
        // Cumulative weights for drawing a sample by binary search.
        let mut cumulative = Vec::with_capacity(generator.samples.len());
        let mut total_weight = 0u64;
        for (sample_index, sample) in generator.samples.iter().enumerate() {
            let text_location = format!("{location}.samples[{sample_index}].text");
            bodies.push(plan_body(
                &text_location,
                &sample.text,
                route,
                &patterns_by_bus,
            )?);
            total_weight += u64::from(sample.weight);
            cumulative.push(total_weight);
        }
        ingestions.reserve(count as usize);
        for sequence in 0..count {
            let offset_ms = (sequence as f64 * 1000.0 / generator.rate_per_second) as u64;
            // Both fit in u32: at most MAX_EVENTS generators and events.
            let mut rng = SimRng::for_draw(
                scenario.seed,
                DrawPurpose::SampleChoice,
                generator_index as u32,
                sequence as u32,
                0,
            );
            let draw = rng.up_to_inclusive(total_weight - 1);
            // The first sample whose cumulative weight exceeds the draw (zero weights are skipped).
            let sample = cumulative.partition_point(|&upto| upto <= draw) as u32;
            ingestions.push(Ingestion {
                at_ms: generator.start_ms + offset_ms,
                body: first_body + sample,
            });
        }
    }
    ingestions.sort_by_key(|ingestion| ingestion.at_ms);

    let mut plan = Plan {
        seed: scenario.seed,
        backoff: scenario.backoff.clone(),
        keep_details_for_first_events: scenario.options.keep_details_for_first_events,
        buses: scenario.buses.iter().map(|bus| bus.name.clone()).collect(),
        sources: scenario.sources.clone(),
        unknown_buses: {
            let mut names = vec![String::new(); resolver.unknown_buses.len()];
            for (name, index) in resolver.unknown_buses {
                names[index as usize] = name.to_owned();
            }
            names
        },
        rules,
        targets,
        bodies,
        ingestions,
        total_invocations: 0,
    };
    let targets_per_body: Vec<u64> = plan
        .bodies
        .iter()
        .map(|body| plan.body_targets(body))
        .collect();
    let total_invocations: u64 = plan
        .ingestions
        .iter()
        .map(|ingestion| targets_per_body[ingestion.body as usize])
        .sum();
    if total_invocations > MAX_INVOCATIONS {
        return Err(ScenarioError::too_large(
            "events",
            format!(
                "the events would create {total_invocations} invocations; at most {MAX_INVOCATIONS} are simulated"
            ),
        ));
    }
    plan.total_invocations = total_invocations;
    Ok(plan)
}
