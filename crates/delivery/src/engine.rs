//! The discrete-event loop.
//!
//! Two sources of work are merged in time order: the pre-sorted ingestions, and the queue of
//! scheduled attempts (see `queue`), ordered by (time, sequence number) so that attempts due at
//! the same millisecond run in the order they were scheduled. An ingestion due at the same
//! millisecond as an attempt runs first. The loop can stop after any number of work items and
//! resume later, which is how a browser shows progress; chunking never changes the result.

use serde::{Deserialize, Serialize};

use crate::error::ScenarioError;
use crate::metrics::MetricsRecorder;
use crate::outcome::*;
use crate::plan::{self, Plan, Route};
use crate::queue::AttemptQueue;
use crate::report::*;
use crate::rng::{DrawPurpose, SimRng};
use crate::scenario::{Dlq, Scenario, TargetBehaviour};

/// How far a run has got, after a call to [`Simulation::step`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Ingestions and ended invocations as a share of all that the scenario will have; reaches 1
    /// exactly when the run finishes.
    pub done_fraction: f64,
    pub finished: bool,
    pub simulated_time_ms: u64,
    pub work_items_done: u64,
}

/// An invocation waiting for its next attempt. It travels inside the queue entry, so it is kept
/// small.
#[derive(Debug, Clone, Copy)]
struct InFlight {
    ingested_at_ms: u64,
    /// The event's position in ingestion order.
    event: u32,
    target: u32,
    /// Bounded by the maximum event age (24 h), so it fits.
    rate_limit_wait_ms: u32,
    /// Position among the event's invocation details (only used for detailed events; at most
    /// 300 rules × 5 targets per bus).
    detail: u16,
    /// At most 185.
    retries_done: u8,
    /// The rate limiter already granted this attempt its start time.
    rate_limit_slot_granted: bool,
    last_error: Option<Failure>,
}

impl InFlight {
    fn retries(&self) -> u32 {
        u32::from(self.retries_done)
    }
}

/// Generic cell rate algorithm in units of 1/rate ms, allowing a burst of one second's worth.
#[derive(Debug, Clone)]
struct RateLimiter {
    per_second: u64,
    /// Scaled time at which the limiter is "empty" again.
    theoretical_arrival: u64,
}

/// One invocation occupies 1000 scaled units (1000/rate ms).
const SCALED_INTERVAL: u64 = 1000;

impl RateLimiter {
    fn new(per_second: u32) -> RateLimiter {
        RateLimiter {
            per_second: u64::from(per_second),
            theoretical_arrival: 0,
        }
    }

    fn burst_tolerance(&self) -> u64 {
        (self.per_second - 1) * SCALED_INTERVAL
    }

    /// The earliest millisecond at or after `at_ms` at which another invocation is allowed.
    fn earliest_ms(&self, at_ms: u64) -> u64 {
        let arrival = at_ms * self.per_second;
        let earliest = arrival.max(
            self.theoretical_arrival
                .saturating_sub(self.burst_tolerance()),
        );
        earliest.div_ceil(self.per_second)
    }

    fn take(&mut self, at_ms: u64) {
        self.theoretical_arrival =
            self.theoretical_arrival.max(at_ms * self.per_second) + SCALED_INTERVAL;
    }
}

/// Which answer the target gives to an attempt starting at `at_ms` (`None` = success).
fn answer(
    behaviour: &TargetBehaviour,
    at_ms: u64,
    transient_draw: impl FnOnce() -> f64,
) -> Option<Failure> {
    if let Some(failure) = &behaviour.non_retryable {
        if at_ms >= failure.from_ms && failure.until_ms.is_none_or(|until| at_ms < until) {
            return Some(Failure::NonRetryable(failure.error));
        }
    }
    if let Some(outage) = behaviour
        .outages
        .iter()
        .find(|outage| (outage.from_ms..outage.until_ms).contains(&at_ms))
    {
        return Some(Failure::Retryable(outage.error));
    }
    match &behaviour.transient {
        Some(transient)
            if transient.probability > 0.0 && transient_draw() < transient.probability =>
        {
            Some(Failure::Retryable(transient.error))
        }
        _ => None,
    }
}

/// A simulation that runs in chunks. See the crate documentation for the semantics.
pub struct Simulation {
    plan: Plan,
    next_ingestion: usize,
    queue: AttemptQueue<InFlight>,
    clock_ms: u64,
    latest_ms: u64,
    limiters: Vec<Option<RateLimiter>>,
    metrics: MetricsRecorder,
    summary: OutcomeSummary,
    per_rule: Vec<RuleTotals>,
    per_target: Vec<TargetTotals>,
    details: Vec<EventDetail>,
    work_items_done: u64,
}

impl Simulation {
    /// Checks the scenario, compiles its patterns and matches its events with the real matcher.
    pub fn new(scenario: &Scenario) -> Result<Simulation, ScenarioError> {
        let plan = plan::plan(scenario)?;
        let limiters = plan
            .targets
            .iter()
            .map(|target| target.behaviour.rate_limit_per_second.map(RateLimiter::new))
            .collect();
        let per_rule = plan
            .rules
            .iter()
            .map(|rule| RuleTotals {
                rule: rule.name.clone(),
                bus: plan.buses[rule.bus as usize].clone(),
                triggered: 0,
                throttled: 0,
            })
            .collect();
        let per_target = plan
            .targets
            .iter()
            .map(|target| TargetTotals {
                rule: plan.rules[target.rule as usize].name.clone(),
                target_id: target.id.clone(),
                invocations_created: 0,
                invocation_attempts: 0,
                retry_invocation_attempts: 0,
                outcomes: OutcomeCounts::default(),
            })
            .collect();
        Ok(Simulation {
            plan,
            next_ingestion: 0,
            queue: AttemptQueue::default(),
            clock_ms: 0,
            latest_ms: 0,
            limiters,
            metrics: MetricsRecorder::default(),
            summary: OutcomeSummary::default(),
            per_rule,
            per_target,
            details: Vec::new(),
            work_items_done: 0,
        })
    }

    pub fn is_finished(&self) -> bool {
        self.next_ingestion == self.plan.ingestions.len() && self.queue.is_empty()
    }

    /// Processes up to `max_work_items` ingestions or attempts, then reports progress.
    pub fn step(&mut self, max_work_items: usize) -> Progress {
        for _ in 0..max_work_items {
            let next_ingestion_at = self
                .plan
                .ingestions
                .get(self.next_ingestion)
                .map(|ingestion| ingestion.at_ms);
            let next_attempt_at = self.queue.next_time();
            match (next_ingestion_at, next_attempt_at) {
                (None, None) => break,
                (Some(ingestion_at), Some(attempt_at)) if attempt_at < ingestion_at => {
                    self.run_next_attempt()
                }
                (Some(_), _) => self.ingest_next(),
                (None, Some(_)) => self.run_next_attempt(),
            }
            self.work_items_done += 1;
        }
        self.progress()
    }

    /// Runs to the end.
    pub fn run(&mut self) -> Progress {
        while !self.is_finished() {
            self.step(1 << 16);
        }
        self.progress()
    }

    pub fn progress(&self) -> Progress {
        let total = self.plan.ingestions.len() as u64 + self.plan.total_invocations;
        let done = self.next_ingestion as u64 + self.summary.outcomes.ended();
        let finished = self.is_finished();
        Progress {
            done_fraction: if finished || total == 0 {
                1.0
            } else {
                done as f64 / total as f64
            },
            finished,
            simulated_time_ms: self.clock_ms,
            work_items_done: self.work_items_done,
        }
    }

    fn is_detailed(&self, event: u32) -> bool {
        event < self.plan.keep_details_for_first_events
    }

    fn touch(&mut self, at_ms: u64) {
        self.latest_ms = self.latest_ms.max(at_ms);
    }

    fn ingest_next(&mut self) {
        let event = self.next_ingestion as u32;
        self.next_ingestion += 1;
        let ingestion = self.plan.ingestions[event as usize];
        let at_ms = ingestion.at_ms;
        self.clock_ms = at_ms;
        self.touch(at_ms);
        self.summary.events_ingested += 1;
        let body = &self.plan.bodies[ingestion.body as usize];
        let route = body.route;
        let rule_count = body.matched_rules.len();
        match route {
            Route::InactiveSource(_) => self.summary.events_dropped_inactive_source += 1,
            Route::UnknownBus(_) => self.summary.events_to_unknown_bus += 1,
            Route::Bus(_) if rule_count == 0 => self.summary.events_unmatched += 1,
            Route::Bus(_) => {
                self.summary.events_matched += 1;
                self.metrics.at(at_ms).matched_events += 1;
            }
        }
        if self.is_detailed(event) {
            self.details.push(self.event_detail(event));
        }
        let mut detail = 0;
        for matched in 0..rule_count {
            let rule = self.plan.bodies[ingestion.body as usize].matched_rules[matched] as usize;
            self.metrics.at(at_ms).triggered_rules += 1;
            self.per_rule[rule].triggered += 1;
            let first_target = self.plan.rules[rule].first_target;
            for target in first_target..first_target + self.plan.rules[rule].target_count {
                self.metrics.at(at_ms).invocations_created += 1;
                self.per_target[target as usize].invocations_created += 1;
                self.summary.invocations_created += 1;
                let invocation = InFlight {
                    ingested_at_ms: at_ms,
                    event,
                    target,
                    detail,
                    rate_limit_wait_ms: 0,
                    retries_done: 0,
                    last_error: None,
                    rate_limit_slot_granted: false,
                };
                detail += 1;
                self.queue.push(at_ms, invocation);
            }
        }
    }

    fn event_detail(&self, event: u32) -> EventDetail {
        let ingestion = self.plan.ingestions[event as usize];
        let body = &self.plan.bodies[ingestion.body as usize];
        let fate = match body.route {
            Route::InactiveSource(source) => {
                let source = &self.plan.sources[source as usize];
                EventFate::DroppedInactiveSource {
                    source: source.name.clone(),
                    state: source.state,
                }
            }
            Route::UnknownBus(bus) => EventFate::UnknownBus {
                bus: self.plan.unknown_buses[bus as usize].clone(),
            },
            Route::Bus(bus) if body.matched_rules.is_empty() => EventFate::Unmatched {
                bus: self.plan.buses[bus as usize].clone(),
            },
            Route::Bus(bus) => EventFate::Matched {
                bus: self.plan.buses[bus as usize].clone(),
                rules: body
                    .matched_rules
                    .iter()
                    .map(|&rule| self.plan.rules[rule as usize].name.clone())
                    .collect(),
            },
        };
        let invocations = body
            .matched_rules
            .iter()
            .flat_map(|&rule| {
                let rule = &self.plan.rules[rule as usize];
                (rule.first_target..rule.first_target + rule.target_count)
                    .map(move |target| (rule, target))
            })
            .map(|(rule, target)| InvocationDetail {
                rule: rule.name.clone(),
                target_id: self.plan.targets[target as usize].id.clone(),
                attempts: Vec::new(),
                outcome: None,
            })
            .collect();
        EventDetail {
            index: event,
            ingested_at_ms: ingestion.at_ms,
            body: body.text.clone(),
            fate,
            invocations,
        }
    }

    fn detail_of(&mut self, invocation: &InFlight) -> Option<&mut InvocationDetail> {
        if !self.is_detailed(invocation.event) {
            return None;
        }
        self.details
            .get_mut(invocation.event as usize)?
            .invocations
            .get_mut(invocation.detail as usize)
    }

    fn run_next_attempt(&mut self) {
        let Some((at_ms, mut invocation)) = self.queue.pop() else {
            return;
        };
        self.clock_ms = at_ms;
        self.touch(at_ms);
        let target_index = invocation.target as usize;
        let deadline_ms = invocation.ingested_at_ms + self.plan.targets[target_index].max_age_ms;

        if !invocation.rate_limit_slot_granted {
            if let Some(limiter) = &mut self.limiters[target_index] {
                let earliest_ms = limiter.earliest_ms(at_ms);
                if earliest_ms > at_ms {
                    let rule = self.plan.targets[target_index].rule as usize;
                    self.metrics.at(at_ms).throttled_rules += 1;
                    self.per_rule[rule].throttled += 1;
                    if earliest_ms >= deadline_ms {
                        if invocation.retries_done == 0 {
                            self.summary.expired_before_first_attempt += 1;
                        }
                        let failure = invocation.last_error.unwrap_or(Failure::RateLimitBacklog);
                        let condition = Some(ExhaustedRetryCondition::MaximumEventAgeInSeconds);
                        // The retry that was waiting never ran.
                        let retries_performed = invocation.retries().saturating_sub(1);
                        self.end_failed(
                            &invocation,
                            failure,
                            condition,
                            retries_performed,
                            deadline_ms,
                        );
                        return;
                    }
                    limiter.take(earliest_ms);
                    invocation.rate_limit_slot_granted = true;
                    invocation.rate_limit_wait_ms = (earliest_ms - at_ms) as u32;
                    self.queue.push(earliest_ms, invocation);
                    return;
                }
                limiter.take(at_ms);
            }
        }

        let number = invocation.retries() + 1;
        let target = &self.plan.targets[target_index];
        let seed = self.plan.seed;
        let failure = answer(&target.behaviour, at_ms, || {
            let purpose = DrawPurpose::TransientFailure;
            SimRng::for_draw(seed, purpose, invocation.event, invocation.target, number).unit()
        });
        let end_ms = at_ms
            + failure.map_or(target.behaviour.latency_ms, |f| {
                f.response_ms(target.behaviour.latency_ms)
            });
        let max_retries = target.max_retries;
        self.touch(end_ms);

        let minute = self.metrics.at(at_ms);
        minute.invocation_attempts += 1;
        if failure.is_none() {
            minute.successful_invocation_attempts += 1;
        } else {
            minute.failed_invocation_attempts += 1;
        }
        if invocation.retries_done > 0 {
            minute.retry_invocation_attempts += 1;
            self.per_target[target_index].retry_invocation_attempts += 1;
        } else {
            self.metrics
                .record_start_latency(at_ms, at_ms - invocation.ingested_at_ms);
        }
        self.per_target[target_index].invocation_attempts += 1;
        if let Some(detail) = self.detail_of(&invocation) {
            detail.attempts.push(AttemptRecord {
                number,
                start_ms: at_ms,
                end_ms,
                rate_limit_wait_ms: u64::from(invocation.rate_limit_wait_ms),
                result: match failure {
                    None => AttemptResult::Success,
                    Some(f) => AttemptResult::Failed {
                        error_code: f.code(),
                        retryable: f.is_retryable(),
                    },
                },
            });
        }

        let Some(failure) = failure else {
            self.end_delivered(&invocation, number, end_ms);
            return;
        };
        if !failure.is_retryable() {
            self.end_failed(&invocation, failure, None, invocation.retries(), end_ms);
            return;
        }
        if invocation.retries() >= max_retries {
            let condition = Some(ExhaustedRetryCondition::MaximumRetryAttempts);
            self.end_failed(
                &invocation,
                failure,
                condition,
                invocation.retries(),
                end_ms,
            );
            return;
        }
        let mut rng = SimRng::for_draw(
            seed,
            DrawPurpose::BackoffJitter,
            invocation.event,
            invocation.target,
            number,
        );
        let next_ms = end_ms + self.plan.backoff.delay_before_retry(number, &mut rng);
        if next_ms >= deadline_ms {
            let condition = Some(ExhaustedRetryCondition::MaximumEventAgeInSeconds);
            self.end_failed(
                &invocation,
                failure,
                condition,
                invocation.retries(),
                end_ms,
            );
            return;
        }
        invocation.retries_done += 1;
        invocation.last_error = Some(failure);
        invocation.rate_limit_slot_granted = false;
        invocation.rate_limit_wait_ms = 0;
        self.queue.push(next_ms, invocation);
    }

    fn end_delivered(&mut self, invocation: &InFlight, attempt: u32, at_ms: u64) {
        let latency_ms = at_ms - invocation.ingested_at_ms;
        self.metrics.at(at_ms).invocations += 1;
        self.metrics.record_success_latency(at_ms, latency_ms);
        self.summary.outcomes.delivered += 1;
        self.per_target[invocation.target as usize]
            .outcomes
            .delivered += 1;
        if attempt > 1 {
            self.summary.delivered_after_retries += 1;
        }
        if let Some(detail) = self.detail_of(invocation) {
            detail.outcome = Some(Outcome::Delivered {
                attempt,
                at_ms,
                latency_ms,
            });
        }
    }

    fn end_failed(
        &mut self,
        invocation: &InFlight,
        failure: Failure,
        condition: Option<ExhaustedRetryCondition>,
        retries_performed: u32,
        at_ms: u64,
    ) {
        self.touch(at_ms);
        let target_index = invocation.target as usize;
        let minute = self.metrics.at(at_ms);
        minute.invocations += 1;
        minute.failed_invocations += 1;
        let dlq_result = self.plan.targets[target_index]
            .dlq
            .as_ref()
            .map(deliver_to_dlq);
        match dlq_result {
            None => {}
            Some(Ok(())) => minute.invocations_sent_to_dlq += 1,
            Some(Err(_)) => minute.invocations_failed_to_be_sent_to_dlq += 1,
        }
        for counts in [
            &mut self.summary.outcomes,
            &mut self.per_target[target_index].outcomes,
        ] {
            match dlq_result {
                None => counts.dropped += 1,
                Some(Ok(())) => counts.sent_to_dlq += 1,
                Some(Err(_)) => counts.failed_to_reach_dlq += 1,
            }
        }
        let ended_by = &mut self.summary.failures_ended_by;
        match condition {
            None => ended_by.non_retryable_error += 1,
            Some(ExhaustedRetryCondition::MaximumRetryAttempts) => {
                ended_by.maximum_retry_attempts += 1
            }
            Some(ExhaustedRetryCondition::MaximumEventAgeInSeconds) => {
                ended_by.maximum_event_age += 1
            }
        }
        *self
            .summary
            .failures_by_error_code
            .entry(failure.code())
            .or_insert(0) += 1;

        if self.is_detailed(invocation.event) {
            let final_failure = FinalFailure {
                at_ms,
                error_code: failure.code(),
                error_message: failure.message(),
                exhausted_retry_condition: condition,
                retry_attempts: retries_performed,
            };
            let outcome = match dlq_result {
                None => Outcome::Dropped {
                    failure: final_failure,
                },
                Some(Ok(())) => {
                    let message = self.dlq_message(invocation, &final_failure);
                    Outcome::SentToDlq {
                        failure: final_failure,
                        message,
                    }
                }
                Some(Err(dlq_error)) => Outcome::FailedToReachDlq {
                    failure: final_failure,
                    dlq_error,
                },
            };
            if let Some(detail) = self.detail_of(invocation) {
                detail.outcome = Some(outcome);
            }
        }
    }

    fn dlq_message(&self, invocation: &InFlight, failure: &FinalFailure) -> DlqMessage {
        let target = &self.plan.targets[invocation.target as usize];
        let rule = &self.plan.rules[target.rule as usize];
        let ingestion = self.plan.ingestions[invocation.event as usize];
        use aws_model::dlq_attributes::*;
        let mut attributes = std::collections::BTreeMap::new();
        let mut set = |name: &str, value: String| attributes.insert(name.to_owned(), value);
        set(RULE_ARN, rule.arn.clone());
        set(TARGET_ARN, target.arn.clone());
        set(ERROR_CODE, failure.error_code.as_str().to_owned());
        set(ERROR_MESSAGE, failure.error_message.clone());
        if let Some(condition) = failure.exhausted_retry_condition {
            set(EXHAUSTED_RETRY_CONDITION, condition.as_str().to_owned());
        }
        set(RETRY_ATTEMPTS, failure.retry_attempts.to_string());
        DlqMessage {
            queue_arn: target
                .dlq
                .as_ref()
                .map(|dlq| dlq.arn.clone())
                .unwrap_or_default(),
            body: self.plan.bodies[ingestion.body as usize].text.clone(),
            attributes,
        }
    }

    /// The report so far; complete once [`Simulation::is_finished`].
    pub fn report(&self) -> Report {
        let mut summary = self.summary.clone();
        summary.in_flight = summary.invocations_created - summary.outcomes.ended();
        Report {
            finished: self.is_finished(),
            simulated_until_ms: self.latest_ms,
            summary,
            totals: self.metrics.totals(),
            per_minute: self.metrics.per_minute(),
            per_rule: self.per_rule.clone(),
            per_target: self.per_target.clone(),
            events: self.details.clone(),
        }
    }
}

/// Whether EventBridge can put a message on the queue. A resource policy is needed in the same
/// account too (the console adds it for you; the API does not).
fn deliver_to_dlq(dlq: &Dlq) -> Result<(), DlqError> {
    if !dlq.reachable {
        Err(DlqError::Unreachable)
    } else if !dlq.has_resource_policy {
        Err(DlqError::MissingResourcePolicy {
            cross_account: !dlq.same_account,
        })
    } else {
        Ok(())
    }
}

/// Runs a scenario to the end in one go.
pub fn simulate(scenario: &Scenario) -> Result<Report, ScenarioError> {
    let mut simulation = Simulation::new(scenario)?;
    simulation.run();
    Ok(simulation.report())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limiter_allows_a_one_second_burst_then_spaces_evenly() {
        let mut limiter = RateLimiter::new(2);
        let mut starts = Vec::new();
        for _ in 0..5 {
            let at = limiter.earliest_ms(0);
            limiter.take(at);
            starts.push(at);
        }
        assert_eq!(starts, [0, 0, 500, 1000, 1500]);
    }

    #[test]
    fn rate_limiter_recovers_after_idle_time() {
        let mut limiter = RateLimiter::new(1);
        limiter.take(limiter.earliest_ms(0));
        assert_eq!(limiter.earliest_ms(0), 1000);
        assert_eq!(limiter.earliest_ms(5000), 5000);
    }

    #[test]
    fn rate_limiter_handles_rates_above_one_per_millisecond() {
        let mut limiter = RateLimiter::new(10_000);
        let mut last = 0;
        for _ in 0..30_000 {
            last = limiter.earliest_ms(0);
            limiter.take(last);
        }
        // 10 000 go at once (the burst), the other 20 000 over the next two seconds.
        assert_eq!(last, 2000);
    }
}
