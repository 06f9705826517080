//! The same traffic and the same target outage, delivered through a Classic rule and through
//! the subscribers that rule migrates to: "what would this outage have cost us on the new bus?".
//!
//! The Classic side runs in the `delivery` crate's simulation (185 retries within 24 hours by
//! default, exponential backoff with jitter); the new bus's side runs in [`crate::simulation`]
//! twice per target: once with the subscriber exactly as [`crate::migration::migrate`] writes it
//! (it keeps today's retry policy where the new bus allows it), and once with the retry policy
//! left out, that is at the new bus's defaults of 5 retries within 300 seconds, which is what a
//! team gets when it recreates its targets by hand. Both sides see the same events at the same
//! offsets and the same failure window, and their outcomes are counted the same way.

use std::fmt;

use crate::event::{BusLocation, EventOrigin, PublishEntry, PutEventsEntry};
use crate::ids::IdGenerator;
use crate::migration::{migrate, ClassicRule};
use crate::simulation::{
    self, Backoff, FailureKind, FailureWindow, Fate, FifoBlocking, Publish, SimSubscriber,
    TargetBehaviour,
};
use crate::subscriber::{describe_seconds, EventBus, SubscriberContext, SubscriberSpec};
use crate::transform::JsonataEngine;

/// Most events one comparison sends (each runs through two or three simulations in a page).
pub const MAX_DRILL_EVENTS: u64 = 5_000;
/// Longest traffic, and longest outage, in minutes.
pub const MAX_DRILL_MINUTES: u32 = 24 * 60;
/// How long after the traffic ends the simulations keep running, so that retries can finish:
/// a Classic target may retry for 24 hours.
const SETTLE_MS: i64 = 25 * 60 * 60 * 1000;
const MINUTE_MS: i64 = 60_000;
/// The target's answer time on both sides.
const TARGET_LATENCY_MS: u32 = 100;

/// The comparison's input.
#[derive(Debug, Clone)]
pub struct OutageDrill {
    /// The Classic rule as it is today.
    pub rule: ClassicRule,
    /// The Custom Event Bus its subscribers would live on.
    pub bus: EventBus,
    /// Classic envelopes (`{"source":…,"detail-type":…,"detail":{…}}`), sent in turn.
    pub events: Vec<String>,
    /// Events per minute, evenly spaced.
    pub events_per_minute: u32,
    /// How long the traffic lasts.
    pub traffic_minutes: u32,
    /// When the targets start failing, in minutes from the first event.
    pub outage_from_minute: u32,
    /// How long they fail (every call answers as unavailable).
    pub outage_minutes: u32,
    /// The simulated wall-clock time of the first event (ms since the epoch), for the new bus's
    /// timestamps; the bus must exist by then.
    pub start_ms: i64,
}

/// Why a comparison could not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillError(String);

impl fmt::Display for DrillError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DrillError {}

/// Which delivery model a column shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The Classic rule's target.
    Classic,
    /// The migrated subscriber, its retry policy as the migration preview writes it.
    Migrated,
    /// The migrated subscriber with no retry policy: the new bus's defaults.
    NewBusDefaults,
}

impl Side {
    /// A heading for the column.
    pub fn title(self) -> &'static str {
        match self {
            Side::Classic => "Classic rule",
            Side::Migrated => "Custom Event Bus, policy kept",
            Side::NewBusDefaults => "Custom Event Bus, default policy",
        }
    }
}

/// What one target (Classic) or subscriber (new bus) did with the traffic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryTally {
    /// Which model.
    pub side: Side,
    /// The target id (Classic) or subscriber name.
    pub name: String,
    /// The retry budget in words.
    pub retry_budget: String,
    /// When the subscriber could not be created (a wildcard, an unsupported target): the
    /// problems, and the counts below stay zero.
    pub refused: Option<String>,
    /// Events the pattern or filters let through to this target.
    pub matched: u64,
    /// Delivered on the first attempt.
    pub delivered_first_try: u64,
    /// Delivered after one or more retries: late, but delivered.
    pub delivered_late: u64,
    /// Written to the dead-letter queue.
    pub dead_lettered: u64,
    /// Given up on with no dead-letter queue (or none reachable): lost.
    pub dropped: u64,
    /// Still being retried when the simulation ended.
    pub unfinished: u64,
    /// Events the new bus refused at publishing (never the Classic side's case).
    pub rejected_at_publish: u64,
    /// The latest successful delivery, in ms after the first event.
    pub last_delivery_after_ms: Option<i64>,
}

impl DeliveryTally {
    fn new(side: Side, name: String, retry_budget: String) -> DeliveryTally {
        DeliveryTally {
            side,
            name,
            retry_budget,
            refused: None,
            matched: 0,
            delivered_first_try: 0,
            delivered_late: 0,
            dead_lettered: 0,
            dropped: 0,
            unfinished: 0,
            rejected_at_publish: 0,
            last_delivery_after_ms: None,
        }
    }

    /// Events delivered at all.
    pub fn delivered(&self) -> u64 {
        self.delivered_first_try + self.delivered_late
    }

    /// One sentence: what happened to the events.
    pub fn describe(&self) -> String {
        if let Some(problems) = &self.refused {
            return format!(
                "{} cannot be created, so nothing is delivered: {problems}",
                self.name
            );
        }
        let mut parts = vec![format!(
            "{} of {} delivered",
            self.delivered(),
            self.matched
        )];
        if self.delivered_late > 0 {
            parts.push(format!(
                "{} of them late, after retries",
                self.delivered_late
            ));
        }
        if self.dead_lettered > 0 {
            parts.push(format!("{} dead-lettered", self.dead_lettered));
        }
        if self.dropped > 0 {
            parts.push(format!("{} dropped", self.dropped));
        }
        if self.unfinished > 0 {
            parts.push(format!("{} still retrying", self.unfinished));
        }
        if self.rejected_at_publish > 0 {
            parts.push(format!(
                "{} refused by the bus when published",
                self.rejected_at_publish
            ));
        }
        let mut sentence = format!("{}: {}", self.name, parts.join(", "));
        if let Some(ms) = self.last_delivery_after_ms {
            sentence.push_str(&format!(
                "; the last delivery {} after the first event",
                describe_duration(ms)
            ));
        }
        sentence.push('.');
        sentence
    }
}

/// `1 h 3 min`, `42 s`.
fn describe_duration(ms: i64) -> String {
    let seconds = ms.max(0) / 1000;
    match (seconds / 3600, (seconds % 3600) / 60, seconds % 60) {
        (0, 0, s) => format!("{s} s"),
        (0, m, _) => format!("{m} min"),
        (h, 0, _) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

/// The comparison's result: one tally per target and side, Classic first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutageComparison {
    /// Events sent.
    pub events_sent: u64,
    /// The tallies, grouped by target in the rule's order, each target's sides in
    /// [`Side::Classic`], [`Side::Migrated`], [`Side::NewBusDefaults`] order.
    pub tallies: Vec<DeliveryTally>,
}

impl OutageComparison {
    /// The tallies of one side, in target order.
    pub fn side(&self, side: Side) -> impl Iterator<Item = &DeliveryTally> {
        self.tallies.iter().filter(move |t| t.side == side)
    }
}

impl OutageDrill {
    /// Events the drill sends.
    pub fn event_count(&self) -> u64 {
        u64::from(self.events_per_minute) * u64::from(self.traffic_minutes)
    }

    /// Every problem with the input, in words (empty when it can run).
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.events.is_empty() {
            problems.push("Give at least one event to send.".to_owned());
        }
        for (i, text) in self.events.iter().enumerate() {
            if let Err(error) = event_pattern::Event::parse_any(text) {
                problems.push(format!(
                    "Event {} is not an event: {}",
                    i + 1,
                    error.message().lines().next().unwrap_or_default()
                ));
            }
        }
        if self.events_per_minute == 0 || self.traffic_minutes == 0 {
            problems.push("Send at least one event: events per minute and minutes of traffic must be 1 or more.".to_owned());
        }
        for (what, minutes) in [
            ("The traffic", self.traffic_minutes),
            ("The outage", self.outage_minutes),
            ("The outage's start", self.outage_from_minute),
        ] {
            if minutes > MAX_DRILL_MINUTES {
                problems.push(format!(
                    "{what} is {minutes} minutes; at most {MAX_DRILL_MINUTES} (24 hours)."
                ));
            }
        }
        if self.event_count() > MAX_DRILL_EVENTS {
            problems.push(format!(
                "{} events is more than the {MAX_DRILL_EVENTS} a comparison sends; lower the rate or the minutes.",
                self.event_count()
            ));
        }
        if self.rule.targets.is_empty() {
            problems.push("The rule has no target to deliver to.".to_owned());
        }
        if self.start_ms < self.bus.created_at_ms {
            problems.push("The traffic starts before the bus exists.".to_owned());
        }
        problems
    }

    /// Runs both sides. `engine` evaluates JSONata transformers the migration writes.
    pub fn run(&self, engine: Option<&dyn JsonataEngine>) -> Result<OutageComparison, DrillError> {
        let problems = self.problems();
        if !problems.is_empty() {
            return Err(DrillError(problems.join(" ")));
        }
        let sends = self.sends();
        let classic = self.run_classic(&sends)?;
        let plan = migrate(&self.rule, &self.bus.arn, engine);
        let mut tallies = Vec::new();
        for (target_index, classic_tally) in classic.into_iter().enumerate() {
            tallies.push(classic_tally);
            let migrated = &plan.subscribers[target_index].spec;
            let mut defaults = migrated.clone();
            defaults.retry_policy = None;
            for (side, spec) in [
                (Side::Migrated, migrated),
                (Side::NewBusDefaults, &defaults),
            ] {
                tallies.push(self.run_subscriber(side, spec, &sends, engine)?);
            }
        }
        Ok(OutageComparison {
            events_sent: sends.len() as u64,
            tallies,
        })
    }

    /// Each event's offset from the first (ms) and its text.
    fn sends(&self) -> Vec<(i64, &str)> {
        let per_minute = i64::from(self.events_per_minute.max(1));
        (0..self.event_count())
            .map(|i| {
                let i = i as i64;
                let at = (i / per_minute) * MINUTE_MS + (i % per_minute) * MINUTE_MS / per_minute;
                (at, self.events[i as usize % self.events.len()].as_str())
            })
            .collect()
    }

    fn outage_window_ms(&self) -> (i64, i64) {
        let from = i64::from(self.outage_from_minute) * MINUTE_MS;
        (from, from + i64::from(self.outage_minutes) * MINUTE_MS)
    }

    fn run_classic(&self, sends: &[(i64, &str)]) -> Result<Vec<DeliveryTally>, DrillError> {
        const BUS: &str = "default";
        let (from, until) = self.outage_window_ms();
        let behaviour = delivery::TargetBehaviour {
            latency_ms: u64::from(TARGET_LATENCY_MS),
            outages: if until > from {
                vec![delivery::Outage {
                    from_ms: from as u64,
                    until_ms: until as u64,
                    error: delivery::RetryableError::ServerError,
                }]
            } else {
                Vec::new()
            },
            ..delivery::TargetBehaviour::default()
        };
        let targets = self
            .rule
            .targets
            .iter()
            .map(|target| delivery::SimTarget {
                id: target.id.clone(),
                arn: target.arn.clone(),
                kind: target.kind,
                retry: target.retry_policy.unwrap_or_default(),
                dlq: target.dead_letter_arn.as_ref().map(|arn| delivery::Dlq {
                    arn: arn.clone(),
                    same_account: true,
                    has_resource_policy: true,
                    reachable: true,
                }),
                behaviour: behaviour.clone(),
            })
            .collect();
        let scenario = delivery::Scenario {
            seed: 1,
            buses: vec![delivery::Bus { name: BUS.into() }],
            rules: vec![delivery::SimRule {
                name: self.rule.name.clone(),
                bus: BUS.into(),
                enabled: true,
                pattern: self.rule.event_pattern.clone(),
                targets,
            }],
            events: delivery::EventStream {
                explicit: sends
                    .iter()
                    .map(|&(at_ms, text)| delivery::ExplicitEvent {
                        text: text.to_owned(),
                        at_ms: at_ms as u64,
                        to: delivery::Ingress::Bus(BUS.into()),
                    })
                    .collect(),
                generated: Vec::new(),
            },
            options: delivery::SimOptions {
                keep_details_for_first_events: sends.len() as u32,
                account: self.rule.account.clone(),
                region: self.rule.region.clone(),
            },
            ..delivery::Scenario::default()
        };
        let report = delivery::simulate(&scenario)
            .map_err(|error| DrillError(format!("The Classic side cannot run: {error}")))?;
        let mut tallies: Vec<DeliveryTally> = self
            .rule
            .targets
            .iter()
            .map(|target| {
                let policy = target.retry_policy.unwrap_or_default();
                DeliveryTally::new(
                    Side::Classic,
                    target.id.clone(),
                    format!(
                        "up to {} retries within {} of ingestion{}",
                        policy.maximum_retry_attempts,
                        describe_seconds(policy.maximum_event_age_seconds),
                        if target.retry_policy.is_none() {
                            " (Classic's defaults)"
                        } else {
                            ""
                        }
                    ),
                )
            })
            .collect();
        for event in &report.events {
            for invocation in &event.invocations {
                let Some(tally) = tallies.iter_mut().find(|t| t.name == invocation.target_id)
                else {
                    continue;
                };
                tally.matched += 1;
                match &invocation.outcome {
                    None => tally.unfinished += 1,
                    Some(delivery::Outcome::Delivered { attempt, at_ms, .. }) => {
                        if *attempt <= 1 {
                            tally.delivered_first_try += 1;
                        } else {
                            tally.delivered_late += 1;
                        }
                        let at = *at_ms as i64;
                        tally.last_delivery_after_ms =
                            Some(tally.last_delivery_after_ms.map_or(at, |last| last.max(at)));
                    }
                    Some(delivery::Outcome::SentToDlq { .. }) => tally.dead_lettered += 1,
                    Some(delivery::Outcome::Dropped { .. })
                    | Some(delivery::Outcome::FailedToReachDlq { .. }) => tally.dropped += 1,
                }
            }
        }
        Ok(tallies)
    }

    fn run_subscriber(
        &self,
        side: Side,
        spec: &SubscriberSpec,
        sends: &[(i64, &str)],
        engine: Option<&dyn JsonataEngine>,
    ) -> Result<DeliveryTally, DrillError> {
        let budget = spec.retry_policy.unwrap_or_default().effective().describe();
        let mut tally = DeliveryTally::new(side, spec.name.clone(), budget);
        let ids = IdGenerator::new(1);
        let context = SubscriberContext {
            region: &self.rule.region,
            account: &self.rule.account,
            now_ms: self.start_ms,
            bus: Some(&self.bus),
            engine,
        };
        let subscriber = match spec.create(&context, &ids) {
            Ok(subscriber) => subscriber,
            Err(problems) => {
                tally.refused = Some(problems.to_string());
                return Ok(tally);
            }
        };
        let (from, until) = self.outage_window_ms();
        let target = TargetBehaviour {
            latency_ms: TARGET_LATENCY_MS,
            failures: if until > from {
                vec![FailureWindow {
                    from_ms: self.start_ms + from,
                    until_ms: self.start_ms + until,
                    kind: FailureKind::outage(),
                }]
            } else {
                Vec::new()
            },
            dead_letter_queue_denied: false,
        };
        let publishes = sends
            .iter()
            .filter_map(|&(at_ms, text)| {
                let entry = PutEventsEntry::from_envelope(text, "")?;
                // Sources under `aws.` (partners, AWS services) reach the bus only through an
                // event source; anyone else's events come with PutEvents.
                let origin = if entry.source.starts_with("aws.") {
                    EventOrigin::EventSource
                } else {
                    EventOrigin::PutEvents
                };
                Some(Publish {
                    at_ms: self.start_ms + at_ms,
                    account: self.rule.account.clone(),
                    origin,
                    content_based_deduplication: false,
                    entries: vec![PublishEntry::PutEvents(entry)],
                })
            })
            .collect();
        let last_send = sends.last().map_or(0, |&(at, _)| at);
        let scenario = simulation::Scenario {
            bus: self.bus.clone(),
            location: BusLocation {
                region: self.rule.region.clone(),
                account: self.rule.account.clone(),
            },
            seed: 1,
            publishes,
            subscribers: vec![SimSubscriber {
                subscriber,
                created_at_ms: self.start_ms,
                target,
            }],
            fifo_blocking: FifoBlocking::Group,
            backoff: Backoff::default(),
            until_ms: self.start_ms + last_send + SETTLE_MS,
        };
        let report = simulation::simulate(&scenario)
            .map_err(|error| DrillError(format!("The new bus's side cannot run: {error}")))?;
        tally.rejected_at_publish = report
            .publish_results
            .iter()
            .filter(|result| matches!(result.outcome, simulation::PublishOutcome::Failed { .. }))
            .count() as u64;
        let Some(subscriber) = report.subscribers.first() else {
            return Ok(tally);
        };
        for fate in &subscriber.fates {
            match fate {
                Fate::NotRead | Fate::Backlog | Fate::FilteredOut => continue,
                Fate::Delivered {
                    at_ms, attempts, ..
                } => {
                    if *attempts <= 1 {
                        tally.delivered_first_try += 1;
                    } else {
                        tally.delivered_late += 1;
                    }
                    let at = at_ms - self.start_ms;
                    tally.last_delivery_after_ms =
                        Some(tally.last_delivery_after_ms.map_or(at, |last| last.max(at)));
                }
                Fate::DeadLettered { .. } => tally.dead_lettered += 1,
                Fate::Dropped { .. } | Fate::Lost { .. } => tally.dropped += 1,
                Fate::InFlight => tally.unfinished += 1,
            }
            tally.matched += 1;
        }
        Ok(tally)
    }
}

#[cfg(test)]
mod tests;
