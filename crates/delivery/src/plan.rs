//! Turns a [`Scenario`] into a checked, index-based plan: names resolved to indices, patterns
//! compiled, events parsed and matched, ingestions laid out in time order.
//!
//! Matching happens here, once per distinct event text, rather than per ingestion: a generated
//! stream of 100 000 events drawn from five samples needs five matcher calls. The matcher is a pure
//! function of (pattern, event), so the result is the same as matching at ingestion time.

use std::collections::BTreeMap;

use aws_model::limits::{
    max_rules_per_event_bus, MAX_EVENT_BUSES_PER_ACCOUNT, MAX_EVENT_ENTRY_BYTES,
    MAX_TARGETS_PER_RULE,
};
use aws_model::{
    check_dead_letter_queue_arn, check_event_bus_name, check_target_arn, is_name_char,
    is_partner_event_source_name, is_region_code, AccountId, Arn, MAX_ARN_CHARS,
    MAX_EVENT_AGE_SECONDS, MAX_RULE_NAME_CHARS, MAX_TARGET_ID_CHARS,
};
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
/// Fastest generated stream, in events per second.
pub const MAX_GENERATED_RATE_PER_SECOND: f64 = 100_000.0;
pub const MAX_SOURCES: usize = 1_000;
pub const MAX_DETAILED_EVENTS: u32 = 10_000;

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

/// A rule name or target id: `1..=max_chars` characters of `[.-_A-Za-z0-9]`.
fn check_name(
    location: &str,
    what: &str,
    name: &str,
    max_chars: usize,
) -> Result<(), ScenarioError> {
    let length = name.chars().count();
    if length == 0 || length > max_chars {
        return Err(err(
            Kind::InvalidName,
            location,
            format!("{what} must have 1 to {max_chars} characters, not {length}"),
        ));
    }
    if let Some(bad) = name.chars().find(|&c| !is_name_char(c)) {
        return Err(err(
            Kind::InvalidName,
            location,
            format!("{what} may only contain letters, digits and .-_; found {bad:?}"),
        ));
    }
    Ok(())
}

/// An ARN of at most [`MAX_ARN_CHARS`] characters.
fn check_arn<'a>(location: &str, arn: &'a str) -> Result<Arn<'a>, ScenarioError> {
    let length = arn.chars().count();
    if length > MAX_ARN_CHARS {
        return Err(err(
            Kind::InvalidName,
            location,
            format!("an ARN has at most {MAX_ARN_CHARS} characters, not {length}"),
        ));
    }
    Arn::parse(arn).map_err(|error| err(Kind::InvalidName, location, error.to_string()))
}

/// `aws.partner/<partner>/<namespace>/<name>`.
fn check_partner_source_name(location: &str, name: &str) -> Result<(), ScenarioError> {
    if !is_partner_event_source_name(name) {
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
    if let Err(error) = AccountId::parse(&options.account) {
        return Err(err(Kind::InvalidName, "options.account", error.to_string()));
    }
    if !is_region_code(&options.region) {
        return Err(err(
            Kind::InvalidName,
            "options.region",
            "a region looks like us-east-1",
        ));
    }
    Ok(())
}

fn check_target(location: &str, target: &SimTarget, region: &str) -> Result<(), ScenarioError> {
    check_name(
        &format!("{location}.id"),
        "a target id",
        &target.id,
        MAX_TARGET_ID_CHARS,
    )?;
    let arn_location = format!("{location}.arn");
    check_arn(&arn_location, &target.arn)?;
    check_target_arn(target.kind, &target.arn, region)
        .map_err(|error| err(Kind::InvalidName, arn_location, error.to_string()))?;
    if let Some(problem) = target.retry.problems().first() {
        return Err(err(
            Kind::OutOfRange,
            format!("{location}.retry.{}", problem.field().as_str()),
            problem.to_string(),
        ));
    }
    if let Some(dlq) = &target.dlq {
        let dlq_location = format!("{location}.dlq.arn");
        check_arn(&dlq_location, &dlq.arn)?;
        check_dead_letter_queue_arn(&dlq.arn, region)
            .map_err(|error| err(Kind::Unsupported, dlq_location, error.to_string()))?;
    }
    if let Some(problem) = target.behaviour.problems(target.kind).into_iter().next() {
        return Err(err(
            problem.kind,
            format!("{location}.behaviour.{}", problem.field),
            problem.message,
        ));
    }
    Ok(())
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
                    EventSourceState::Active => Ok(Route::Bus(self.buses[name.as_str()])),
                    EventSourceState::Pending | EventSourceState::Deleted => {
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
    if text.len() > MAX_EVENT_ENTRY_BYTES {
        return Err(err(
            Kind::TooLarge,
            location,
            format!(
                "the event is {} bytes; PutEvents accepts at most {MAX_EVENT_ENTRY_BYTES}",
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
    let count = generator.count();
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

    if scenario.buses.len() > MAX_EVENT_BUSES_PER_ACCOUNT {
        return Err(ScenarioError::too_large(
            "buses",
            format!("at most {MAX_EVENT_BUSES_PER_ACCOUNT} buses are simulated"),
        ));
    }
    let mut buses = BTreeMap::new();
    for (index, bus) in scenario.buses.iter().enumerate() {
        let location = format!("buses[{index}].name");
        check_event_bus_name(&bus.name)
            .map_err(|error| err(Kind::InvalidName, &location, error.to_string()))?;
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
        if source.state == EventSourceState::Active && !buses.contains_key(source.name.as_str()) {
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
            MAX_RULE_NAME_CHARS,
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
        let max_rules = max_rules_per_event_bus(&scenario.options.region);
        if rules_per_bus[bus as usize] > max_rules {
            return Err(ScenarioError::too_large(
                location,
                format!(
                    "at most {max_rules} rules per bus in {}",
                    scenario.options.region
                ),
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
            check_target(&target_location, target, &scenario.options.region)?;
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
            arn: aws_model::rule_arn(
                &scenario.options.region,
                &scenario.options.account,
                &rule.bus,
                &rule.name,
            ),
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
