//! A deterministic simulation of publishing to a Custom Event Bus and delivering to its
//! subscribers: deduplication, retention and starting positions, scoped filters,
//! transformers, batches, retries on the subscriber's budget, FIFO event groups, dead-letter
//! records and the `AWS/EventsV2` metrics.
//!
//! No clock, no threads, no randomness: times are simulated milliseconds since the Unix epoch,
//! and the same [`Scenario`] always gives the same [`Report`].
//!
//! # Semantics (sources in the module docs of each item, choices in DESIGN.md)
//! - **Publish.** An entry with problems fails alone. An entry whose `DeduplicationId` (or,
//!   with `CONTENT_BASED` deduplication, whose content) was accepted less than 5 minutes
//!   earlier from the same account, and the same event group when it has one, is answered
//!   `DEDUPLICATED` and stored once
//!   (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-ordering.md>).
//! - **Reading.** A `LATEST` subscriber reads events ingested at or after its creation; a
//!   `POINT_IN_TIME` one also reads the retained events from the horizon (the bus's retention
//!   window at its creation) or from its `StartingPoint`, as `aws:DeliveryType` `REPLAY`, and
//!   stops after its `EndPoint` (<https://docs.amazonaws.cn/en_us/eventbridge/latest/userguide/eb-custom-bus-replay.md>).
//!   A `STOPPED` subscriber reads nothing; its events wait as a backlog.
//! - **Filters** are ANDed ([`crate::filter`]); a matching event is transformed at each attempt.
//! - **Batches** gather the matching events that become ready at the same millisecond, up to
//!   the subscriber's `MaxBatchSize` (the batch window is not simulated).
//! - **Attempts.** The target answers after its latency; a failure window covering the
//!   attempt's start fails every event sent; a transformer error fails only its event, without a
//!   call (`CUSTOMER_VALIDATION`, empty `targetRequestId`). Failed events are retried together;
//!   succeeded ones are done.
//! - **Retries.** Every failure class is retried on the same budget: after the `n`-th retry
//!   fails with `n = MaxRetryAttempts`, delivery ends with `MaximumRetryAttempts` (checked
//!   first); otherwise the next retry is scheduled after [`Backoff`], unless it would start at an
//!   age of `MaxEventAgeInSeconds` or more (`MaximumEventAgeInSeconds`). Age counts from the
//!   moment the event became readable by the subscriber (its ingestion, or the subscriber's
//!   creation for replayed events). A service fault retries without limit and never ends
//!   delivery (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-retry.html>).
//! - **Failure.** With a dead-letter queue the batch's failed events become one
//!   [`DeadLetterRecord`] (`OnFailureDestinationDelivered`); without one they are dropped
//!   (`EventsDropped`); when the delivery role may not write the queue they vanish without a
//!   trace.
//! - **FIFO.** Events of one event group (per publishing account) are delivered one batch at a
//!   time in publish order; events without a group are not ordered. [`FifoBlocking`] chooses
//!   whether a retried batch holds up only its group or the whole subscriber, because AWS's
//!   pages disagree.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap, VecDeque};
use std::fmt::Write as _;

use aws_model::ExhaustedRetryCondition;

use crate::dead_letter::{truncate_error_message, DeadLetterRecord, FailedMessage};
use crate::event::{BusEvent, BusLocation, DeliveryType, EventOrigin, PublishEntry};
use crate::filter::ScopeDocuments;
use crate::ids::{format_time_millis, IdGenerator};
use crate::subscriber::{
    EventBus, PointType, StartingPosition, Subscriber, SubscriberState, SubscriberType,
};

/// The deduplication window.
pub const DEDUPLICATION_WINDOW_MS: i64 = 5 * 60 * 1000;
const MINUTE_MS: i64 = 60_000;

/// Most publish entries a scenario may hold (keeps a browser tab responsive).
pub const MAX_SCENARIO_ENTRIES: usize = 20_000;
/// Most subscribers a scenario may hold.
pub const MAX_SCENARIO_SUBSCRIBERS: usize = 50;
/// Most work items (publishes, deliveries, attempts) one run may process before it stops.
pub const MAX_WORK_ITEMS: usize = 2_000_000;

/// One `PutEvents`/`PutRawEvents` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publish {
    /// When it is made.
    pub at_ms: i64,
    /// The publishing account (deduplication and event groups are scoped to it).
    pub account: String,
    /// `PutEvents`, `PutRawEvents`, or an event source forwarding.
    pub origin: EventOrigin,
    /// `DeduplicationConfiguration{DeduplicationType: CONTENT_BASED}` on the request.
    pub content_based_deduplication: bool,
    /// The entries, 1 to 100.
    pub entries: Vec<PublishEntry>,
}

/// A failure class of a target, for a window of time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailureKind {
    /// The target or the call fails with this error code and message (retried on the budget).
    Target {
        /// The record's `errorCode`, e.g. `ACCESS_DENIED`, `THROTTLING`, `SERVICE_UNAVAILABLE`.
        code: String,
        /// The record's `errorMessage`.
        message: String,
    },
    /// A failure inside EventBridge: retried without limit, never dead-lettered.
    ServiceFault,
}

impl FailureKind {
    /// The delivery role may not call the target (the documentation's example record).
    pub fn access_denied() -> FailureKind {
        FailureKind::Target {
            code: "ACCESS_DENIED".into(),
            message: "The delivery role is not authorized to call the target.".into(),
        }
    }

    /// The target is down (a 5xx answer).
    pub fn outage() -> FailureKind {
        FailureKind::Target {
            code: "TARGET_UNAVAILABLE".into(),
            message: "The target returned HTTP 503 Service Unavailable.".into(),
        }
    }
}

/// A failure window `[from_ms, until_ms)`: attempts starting inside it fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureWindow {
    /// Start, inclusive.
    pub from_ms: i64,
    /// End, exclusive.
    pub until_ms: i64,
    /// How attempts fail.
    pub kind: FailureKind,
}

/// How a subscriber's target answers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TargetBehaviour {
    /// Time from the call to the answer.
    pub latency_ms: u32,
    /// When it fails.
    pub failures: Vec<FailureWindow>,
    /// Whether the delivery role may send to the dead-letter queue (`sqs:SendMessage`).
    pub dead_letter_queue_denied: bool,
}

/// A subscriber in a scenario.
#[derive(Debug)]
pub struct SimSubscriber {
    /// The checked subscriber.
    pub subscriber: Subscriber,
    /// When it was created.
    pub created_at_ms: i64,
    /// How its target behaves.
    pub target: TargetBehaviour,
}

/// Whether a retried FIFO batch holds up only its event group or the whole subscriber. The
/// retry page (docs.aws.amazon.com) says every group waits; its docs.amazonaws.cn copy and the
/// ordering page say only the failing group does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FifoBlocking {
    /// Only the failing event's group waits (the ordering page).
    #[default]
    Group,
    /// Every group of the subscriber waits (the retry page on docs.aws.amazon.com).
    Subscriber,
}

/// The delay before each retry: `min(cap, base × multiplier^(n-1))` for retry `n`. AWS does
/// not document the new bus's backoff; these defaults are ours (DESIGN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Delay before the first retry.
    pub base_ms: u32,
    /// Growth per retry.
    pub multiplier: u32,
    /// Longest delay.
    pub cap_ms: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            base_ms: 1_000,
            multiplier: 2,
            cap_ms: 60_000,
        }
    }
}

impl Backoff {
    /// The delay before retry `n` (1-based).
    pub fn delay_ms(&self, retry: u32) -> i64 {
        let mut delay = u64::from(self.base_ms);
        for _ in 1..retry {
            if delay >= u64::from(self.cap_ms) {
                break;
            }
            delay = delay.saturating_mul(u64::from(self.multiplier.max(1)));
        }
        delay.min(u64::from(self.cap_ms)) as i64
    }
}

/// A whole scenario.
#[derive(Debug)]
pub struct Scenario {
    /// The bus.
    pub bus: EventBus,
    /// Its region and account.
    pub location: BusLocation,
    /// Seed of generated ids.
    pub seed: u64,
    /// The publish calls, in any order (they are sorted by time, stably).
    pub publishes: Vec<Publish>,
    /// The subscribers.
    pub subscribers: Vec<SimSubscriber>,
    /// FIFO blocking mode.
    pub fifo_blocking: FifoBlocking,
    /// Retry delays.
    pub backoff: Backoff,
    /// Nothing after this time is simulated; deliveries still under way are reported so.
    pub until_ms: i64,
}

/// The answer to one publish entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublishOutcome {
    /// Stored: `SuccessCode: PUBLISHED`.
    Published {
        /// Index into [`Report::events`].
        event: usize,
    },
    /// Suppressed duplicate: `SuccessCode: DEDUPLICATED` (a success).
    Deduplicated {
        /// The stored event it duplicates.
        original: usize,
    },
    /// Refused: `ErrorCode`/`ErrorMessage`.
    Failed {
        /// Why (our wording).
        message: String,
    },
}

/// One entry's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishResult {
    /// Index of the call in time order.
    pub call: usize,
    /// Index of the entry in its call.
    pub entry: usize,
    /// When.
    pub at_ms: i64,
    /// The answer.
    pub outcome: PublishOutcome,
}

/// What became of one event for one subscriber.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// Outside what the subscriber reads (before its starting position, after its end point,
    /// or out of retention).
    NotRead,
    /// Waiting: the subscriber is `STOPPED`.
    Backlog,
    /// A filter did not match.
    FilteredOut,
    /// Delivered.
    Delivered {
        /// When the target accepted it.
        at_ms: i64,
        /// Attempts made (1 = first try).
        attempts: u32,
        /// What the target received.
        payload: String,
    },
    /// Sent to the dead-letter queue.
    DeadLettered {
        /// When.
        at_ms: i64,
        /// Index into the subscriber's dead-letter records.
        record: usize,
    },
    /// Dropped: no dead-letter queue (counted in `EventsDropped`).
    Dropped {
        /// When.
        at_ms: i64,
        /// The limit that ended delivery.
        condition: ExhaustedRetryCondition,
    },
    /// Lost without a trace: the dead-letter queue refused the record.
    Lost {
        /// When.
        at_ms: i64,
    },
    /// Still being delivered when the simulation ended.
    InFlight,
}

impl Fate {
    /// The fate in words.
    pub fn describe(&self) -> String {
        match self {
            Fate::NotRead => "not read: outside the subscriber's starting position or the bus's retention".into(),
            Fate::Backlog => "waiting in the backlog: the subscriber is STOPPED".into(),
            Fate::FilteredOut => "filtered out".into(),
            Fate::Delivered { at_ms, attempts, .. } => format!("delivered at {} after {attempts} attempt{}", format_time_millis(*at_ms), if *attempts == 1 { "" } else { "s" }),
            Fate::DeadLettered { at_ms, .. } => format!("dead-lettered at {}", format_time_millis(*at_ms)),
            Fate::Dropped { at_ms, condition } => format!("dropped at {} ({}); only EventsDropped counts it", format_time_millis(*at_ms), condition.as_str()),
            Fate::Lost { at_ms } => format!("lost at {}: the delivery role may not write the dead-letter queue, so nothing records it", format_time_millis(*at_ms)),
            Fate::InFlight => "still being delivered when the simulation ended".into(),
        }
    }
}

/// One delivery attempt of one batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptRecord {
    /// When it started.
    pub at_ms: i64,
    /// The events (indices into [`Report::events`]).
    pub events: Vec<usize>,
    /// 0 for the first attempt.
    pub retry: u32,
    /// `None` on success; else the error code.
    pub error: Option<String>,
}

aws_model::string_enum! {
    /// The subscriber metrics of the `AWS/EventsV2` namespace
    /// (<https://docs.amazonaws.cn/en_us/eventbridge/latest/userguide/eb-custom-bus-observability.md>).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum SubscriberMetric {
        /// Events the subscriber's filters evaluated.
        FilterEvaluated = "FilterEvaluated",
        /// Events that passed every filter.
        FilterMatched = "FilterMatched",
        /// Event delivery attempts (one per event per attempt).
        EventDeliveryAttempts = "EventDeliveryAttempts",
        /// Calls to the target (one per batch attempt that reached it).
        TargetInvocations = "TargetInvocations",
        /// Event delivery attempts that were retries.
        RetryInvocationAttempts = "RetryInvocationAttempts",
        /// Events delivered.
        EventsDelivered = "EventsDelivered",
        /// Events that exhausted their retries with no dead-letter queue.
        EventsDropped = "EventsDropped",
        /// Events whose failure record reached the dead-letter queue.
        OnFailureDestinationDelivered = "OnFailureDestinationDelivered",
    }
}

/// Counts of the subscriber metrics in a period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetricCounts(BTreeMap<SubscriberMetric, u64>);

impl MetricCounts {
    fn add(&mut self, metric: SubscriberMetric, n: u64) {
        *self.0.entry(metric).or_default() += n;
    }

    /// One metric's count.
    pub fn get(&self, metric: SubscriberMetric) -> u64 {
        self.0.get(&metric).copied().unwrap_or(0)
    }
}

/// Per-minute datapoints and totals of one subscriber.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubscriberMetrics {
    /// Sum over the run.
    pub totals: MetricCounts,
    /// Datapoints keyed by minute since the epoch.
    pub per_minute: BTreeMap<i64, MetricCounts>,
}

impl SubscriberMetrics {
    fn add(&mut self, at_ms: i64, metric: SubscriberMetric, n: u64) {
        if n == 0 {
            return;
        }
        self.totals.add(metric, n);
        self.per_minute
            .entry(at_ms.div_euclid(MINUTE_MS))
            .or_default()
            .add(metric, n);
    }
}

/// Publish metrics of the bus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublishMetrics {
    /// `PublishEventsEntryCount`.
    pub entry_count: u64,
    /// `PublishEventsFailedEntriesCount`.
    pub failed_entries_count: u64,
    /// `PublishEventsIngressBytes` (bytes of the stored data).
    pub ingress_bytes: u64,
    /// `PublishEventsApproximateSuccessCallCount`.
    pub success_call_count: u64,
}

/// What happened to one subscriber's events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriberReport {
    /// `Name`.
    pub name: String,
    /// Its ARN.
    pub arn: String,
    /// One fate per stored event (same order as [`Report::events`]).
    pub fates: Vec<Fate>,
    /// `LIVE` or `REPLAY` per stored event.
    pub delivery_types: Vec<DeliveryType>,
    /// Dead-letter records in the order they were written.
    pub dead_letters: Vec<DeadLetterRecord>,
    /// Every attempt.
    pub attempts: Vec<AttemptRecord>,
    /// `AWS/EventsV2` metrics, dimensions `EventBus` and `Subscriber`.
    pub metrics: SubscriberMetrics,
}

/// The result of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Every entry's answer.
    pub publish_results: Vec<PublishResult>,
    /// The stored events, in ingestion order.
    pub events: Vec<BusEvent>,
    /// One report per subscriber, in scenario order.
    pub subscribers: Vec<SubscriberReport>,
    /// Bus-level publish metrics.
    pub publish_metrics: PublishMetrics,
    /// The `EventBus` dimension value of the metrics (`<name>/<id>`).
    pub metric_dimension: String,
    /// True when the run stopped at [`MAX_WORK_ITEMS`] rather than finishing.
    pub truncated: bool,
}

/// Why a scenario cannot run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError(String);

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScenarioError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    /// An event becomes readable by a subscriber.
    Ready = 0,
    /// Dispatch what is ready (after every `Ready` of the same millisecond).
    Flush = 1,
    /// An attempt's answer arrives.
    Answer = 2,
    /// A retry starts.
    Retry = 3,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Work {
    at_ms: i64,
    phase: Phase,
    sequence: u64,
    subscriber: usize,
    item: usize,
}

/// A failed event's `(errorCode, errorMessage, targetRequestId)`.
type DeliveryError = (String, String, String);

#[derive(Debug)]
struct Batch {
    events: Vec<usize>,
    lane: Option<usize>,
    /// Retries made so far (service-fault retries do not count).
    retries: u32,
    /// Attempts made so far, every kind included.
    attempts: u32,
    /// Age origin: the earliest moment any of its events became readable.
    readable_at_ms: i64,
    /// Outcome of the attempt under way: per event, error (code, message, request id) or payload.
    pending: Vec<(usize, Result<String, DeliveryError>)>,
    service_fault: bool,
}

#[derive(Debug, Default)]
struct Lane {
    queue: VecDeque<usize>,
    busy: bool,
}

struct SubscriberState2 {
    unordered_ready: Vec<usize>,
    lanes: Vec<Lane>,
    lane_of_group: HashMap<(String, String), usize>,
    readable_at: HashMap<usize, i64>,
    batches: Vec<Batch>,
    report: SubscriberReport,
}

/// Runs a scenario.
pub fn simulate(scenario: &Scenario) -> Result<Report, ScenarioError> {
    let entries: usize = scenario.publishes.iter().map(|p| p.entries.len()).sum();
    if entries > MAX_SCENARIO_ENTRIES {
        return Err(ScenarioError(format!(
            "A scenario holds at most {MAX_SCENARIO_ENTRIES} events; this one has {entries}."
        )));
    }
    if scenario.subscribers.len() > MAX_SCENARIO_SUBSCRIBERS {
        return Err(ScenarioError(format!(
            "A scenario holds at most {MAX_SCENARIO_SUBSCRIBERS} subscribers."
        )));
    }
    let ids = IdGenerator::new(scenario.seed);
    let (publish_results, events, accounts, publish_metrics) = publish_all(scenario, &ids);
    let mut runner = Runner {
        scenario,
        ids,
        events: &events,
        accounts: &accounts,
        documents: HashMap::new(),
        queue: BinaryHeap::new(),
        sequence: 0,
        states: Vec::new(),
    };
    runner.read_events();
    let truncated = runner.run();
    let subscribers = runner
        .states
        .into_iter()
        .map(|state| state.report)
        .collect();
    let metric_dimension = crate::ids::parse_bus_arn(&scenario.bus.arn)
        .map(|parts| parts.metric_dimension())
        .unwrap_or_else(|_| scenario.bus.name.clone());
    Ok(Report {
        publish_results,
        events,
        subscribers,
        publish_metrics,
        metric_dimension,
        truncated,
    })
}

/// The publish answers, the stored events, each stored event's publishing account, and the
/// publish metrics.
type Published = (
    Vec<PublishResult>,
    Vec<BusEvent>,
    Vec<String>,
    PublishMetrics,
);

fn publish_all(scenario: &Scenario, ids: &IdGenerator) -> Published {
    let mut calls: Vec<&Publish> = scenario.publishes.iter().collect();
    calls.sort_by_key(|p| p.at_ms);
    let mut results = Vec::new();
    let mut events: Vec<BusEvent> = Vec::new();
    let mut accounts: Vec<String> = Vec::new();
    let mut metrics = PublishMetrics::default();
    // (account, group, key) → (accepted at, event index)
    let mut seen: HashMap<(String, Option<String>, String), (i64, usize)> = HashMap::new();
    for (call_index, call) in calls.iter().enumerate() {
        metrics.success_call_count += 1;
        for (entry_index, entry) in call.entries.iter().enumerate() {
            metrics.entry_count += 1;
            let problems = entry.problems_from(call.origin);
            let outcome = if let Some(problem) = problems.first() {
                metrics.failed_entries_count += 1;
                PublishOutcome::Failed {
                    message: problem.to_string(),
                }
            } else {
                let key = entry
                    .deduplication_id()
                    .map(|id| format!("id:{id}"))
                    .or_else(|| {
                        call.content_based_deduplication
                            .then(|| format!("content:{}", entry.content_key()))
                    });
                let dedup_key = key.map(|k| {
                    (
                        call.account.clone(),
                        entry.event_group_id().map(str::to_owned),
                        k,
                    )
                });
                match dedup_key.as_ref().and_then(|k| seen.get(k)) {
                    Some(&(accepted_at, original))
                        if call.at_ms - accepted_at < DEDUPLICATION_WINDOW_MS =>
                    {
                        PublishOutcome::Deduplicated { original }
                    }
                    _ => {
                        let index = events.len();
                        let event = BusEvent::store(
                            entry,
                            call.origin,
                            index as u64 + 1,
                            ids.event_id(index as u64),
                            call.at_ms,
                            &scenario.location,
                        );
                        metrics.ingress_bytes += event.data.len() as u64;
                        events.push(event);
                        accounts.push(call.account.clone());
                        if let Some(k) = dedup_key {
                            seen.insert(k, (call.at_ms, index));
                        }
                        PublishOutcome::Published { event: index }
                    }
                }
            };
            results.push(PublishResult {
                call: call_index,
                entry: entry_index,
                at_ms: call.at_ms,
                outcome,
            });
        }
    }
    (results, events, accounts, metrics)
}

struct Runner<'a> {
    scenario: &'a Scenario,
    ids: IdGenerator,
    events: &'a [BusEvent],
    accounts: &'a [String],
    documents: HashMap<(usize, DeliveryType), ScopeDocuments>,
    queue: BinaryHeap<Reverse<Work>>,
    sequence: u64,
    states: Vec<SubscriberState2>,
}

impl Runner<'_> {
    fn push(&mut self, at_ms: i64, phase: Phase, subscriber: usize, item: usize) {
        self.sequence += 1;
        self.queue.push(Reverse(Work {
            at_ms,
            phase,
            sequence: self.sequence,
            subscriber,
            item,
        }));
    }

    /// Decides, per subscriber, which events it reads and when each becomes readable.
    fn read_events(&mut self) {
        let bus = &self.scenario.bus;
        for (s, sim) in self.scenario.subscribers.iter().enumerate() {
            let spec = sim.subscriber.spec();
            let created = sim.created_at_ms;
            let window_start = bus.retention_window_start_ms(created);
            let (from, until) = match (spec.starting_position, spec.point_in_time) {
                (StartingPosition::Latest, _) => (created, None),
                (StartingPosition::PointInTime, Some(p)) => {
                    let from = match (p.point_type, p.starting_point_ms) {
                        (PointType::Timestamp, Some(at)) => at.max(window_start),
                        _ => window_start,
                    };
                    (from, p.end_point_ms)
                }
                (StartingPosition::PointInTime, None) => (window_start, None),
            };
            let mut fates = Vec::with_capacity(self.events.len());
            let mut types = Vec::with_capacity(self.events.len());
            let mut ready = Vec::new();
            for (e, event) in self.events.iter().enumerate() {
                let ingested = event.ingested_at_ms;
                let delivery = if ingested < created {
                    DeliveryType::Replay
                } else {
                    DeliveryType::Live
                };
                types.push(delivery);
                // Retention also ends events that expire before a replaying subscriber exists.
                let expired = ingested < window_start && ingested < created;
                let readable =
                    ingested >= from && until.is_none_or(|end| ingested <= end) && !expired;
                if !readable {
                    fates.push(Fate::NotRead);
                } else if spec.state == SubscriberState::Stopped {
                    fates.push(Fate::Backlog);
                } else {
                    fates.push(Fate::InFlight);
                    ready.push((e, ingested.max(created)));
                }
            }
            self.states.push(SubscriberState2 {
                unordered_ready: Vec::new(),
                lanes: Vec::new(),
                lane_of_group: HashMap::new(),
                readable_at: HashMap::new(),
                batches: Vec::new(),
                report: SubscriberReport {
                    name: spec.name.clone(),
                    arn: sim.subscriber.arn().to_owned(),
                    fates,
                    delivery_types: types,
                    dead_letters: Vec::new(),
                    attempts: Vec::new(),
                    metrics: SubscriberMetrics::default(),
                },
            });
            for (e, at) in ready {
                self.push(at, Phase::Ready, s, e);
            }
        }
    }

    /// Returns true when the work limit stopped the run.
    fn run(&mut self) -> bool {
        let mut done = 0usize;
        while let Some(Reverse(work)) = self.queue.pop() {
            if work.at_ms > self.scenario.until_ms {
                break;
            }
            done += 1;
            if done > MAX_WORK_ITEMS {
                return true;
            }
            match work.phase {
                Phase::Ready => self.ready(work),
                Phase::Flush => self.flush(work.subscriber, work.at_ms),
                Phase::Answer => self.answer(work),
                Phase::Retry => self.attempt(work.subscriber, work.item, work.at_ms),
            }
        }
        false
    }

    fn documents(&mut self, event: usize, delivery: DeliveryType) -> &ScopeDocuments {
        let events = self.events;
        self.documents
            .entry((event, delivery))
            .or_insert_with(|| ScopeDocuments::new(&events[event], delivery))
    }

    fn ready(&mut self, work: Work) {
        let s = work.subscriber;
        let e = work.item;
        let delivery = self.states[s].report.delivery_types[e];
        let matched = {
            let documents = self.documents(e, delivery).clone();
            self.scenario.subscribers[s]
                .subscriber
                .filters()
                .matches(&documents)
        };
        let state = &mut self.states[s];
        state
            .report
            .metrics
            .add(work.at_ms, SubscriberMetric::FilterEvaluated, 1);
        if !matched {
            state.report.fates[e] = Fate::FilteredOut;
            return;
        }
        state
            .report
            .metrics
            .add(work.at_ms, SubscriberMetric::FilterMatched, 1);
        state.readable_at.insert(e, work.at_ms);
        let sim = &self.scenario.subscribers[s];
        let event = &self.events[e];
        let lane = match (
            sim.subscriber.spec().kind,
            &event.event_group_id,
            self.scenario.fifo_blocking,
        ) {
            (SubscriberType::Unordered, _, _) | (SubscriberType::Fifo, None, _) => None,
            (SubscriberType::Fifo, Some(_), FifoBlocking::Subscriber) => {
                Some(lane_for(state, ("*".into(), "*".into())))
            }
            (SubscriberType::Fifo, Some(group), FifoBlocking::Group) => {
                Some(lane_for(state, (self.accounts[e].clone(), group.clone())))
            }
        };
        match lane {
            None => state.unordered_ready.push(e),
            Some(lane) => state.lanes[lane].queue.push_back(e),
        }
        self.push(work.at_ms, Phase::Flush, s, 0);
    }

    fn flush(&mut self, s: usize, at_ms: i64) {
        let max = self.scenario.subscribers[s].subscriber.max_batch_size() as usize;
        let state = &mut self.states[s];
        let mut new_batches = Vec::new();
        let ready = std::mem::take(&mut state.unordered_ready);
        for chunk in ready.chunks(max) {
            new_batches.push((chunk.to_vec(), None));
        }
        for (l, lane) in state.lanes.iter_mut().enumerate() {
            if lane.busy || lane.queue.is_empty() {
                continue;
            }
            let take = lane.queue.len().min(max);
            let events: Vec<usize> = lane.queue.drain(..take).collect();
            lane.busy = true;
            new_batches.push((events, Some(l)));
        }
        let mut created = Vec::with_capacity(new_batches.len());
        for (events, lane) in new_batches {
            let readable_at_ms = events
                .iter()
                .filter_map(|e| state.readable_at.get(e))
                .copied()
                .min()
                .unwrap_or(at_ms);
            state.batches.push(Batch {
                events,
                lane,
                retries: 0,
                attempts: 0,
                readable_at_ms,
                pending: Vec::new(),
                service_fault: false,
            });
            created.push(state.batches.len() - 1);
        }
        for b in created {
            self.attempt(s, b, at_ms);
        }
    }

    fn attempt(&mut self, s: usize, b: usize, at_ms: i64) {
        let sim = &self.scenario.subscribers[s];
        let subscriber = &sim.subscriber;
        let failure = sim
            .target
            .failures
            .iter()
            .find(|w| (w.from_ms..w.until_ms).contains(&at_ms))
            .map(|w| w.kind.clone());
        let events = self.states[s].batches[b].events.clone();
        let retry = self.states[s].batches[b].retries;
        let request_id = self.ids.request_id(s as u64, self.sequence);
        let mut pending = Vec::with_capacity(events.len());
        let mut reached_target = false;
        let mut service_fault = false;
        for &e in &events {
            let delivery = self.states[s].report.delivery_types[e];
            let outcome = match subscriber
                .transformer()
                .apply(&self.events[e], delivery, at_ms)
            {
                Err(failure) => Err((
                    "CUSTOMER_VALIDATION".to_owned(),
                    failure.to_string(),
                    String::new(),
                )),
                Ok(payload) => {
                    reached_target = true;
                    match &failure {
                        None => Ok(payload),
                        Some(FailureKind::Target { code, message }) => {
                            Err((code.clone(), message.clone(), request_id.clone()))
                        }
                        Some(FailureKind::ServiceFault) => {
                            service_fault = true;
                            Err((
                                "INTERNAL_FAILURE".to_owned(),
                                "EventBridge failed internally; it retries without limit."
                                    .to_owned(),
                                String::new(),
                            ))
                        }
                    }
                }
            };
            pending.push((e, outcome));
        }
        let state = &mut self.states[s];
        let n = events.len() as u64;
        state
            .report
            .metrics
            .add(at_ms, SubscriberMetric::EventDeliveryAttempts, n);
        if retry > 0 {
            state
                .report
                .metrics
                .add(at_ms, SubscriberMetric::RetryInvocationAttempts, n);
        }
        if reached_target && !service_fault {
            state
                .report
                .metrics
                .add(at_ms, SubscriberMetric::TargetInvocations, 1);
        }
        let error = pending
            .iter()
            .find_map(|(_, r)| r.as_ref().err().map(|(code, _, _)| code.clone()));
        state.report.attempts.push(AttemptRecord {
            at_ms,
            events,
            retry,
            error,
        });
        let batch = &mut state.batches[b];
        batch.attempts += 1;
        batch.pending = pending;
        batch.service_fault = service_fault;
        let answer_at = if reached_target {
            at_ms + i64::from(sim.target.latency_ms)
        } else {
            at_ms
        };
        self.push(answer_at, Phase::Answer, s, b);
    }

    fn answer(&mut self, work: Work) {
        let (s, b, at_ms) = (work.subscriber, work.item, work.at_ms);
        let sim = &self.scenario.subscribers[s];
        let policy = sim.subscriber.retry();
        let state = &mut self.states[s];
        let pending = std::mem::take(&mut state.batches[b].pending);
        let retries = state.batches[b].retries;
        let attempts = state.batches[b].attempts;
        let mut failed = Vec::new();
        let mut first_error = None;
        for (e, outcome) in pending {
            match outcome {
                Ok(payload) => {
                    state.report.fates[e] = Fate::Delivered {
                        at_ms,
                        attempts,
                        payload,
                    };
                    state
                        .report
                        .metrics
                        .add(at_ms, SubscriberMetric::EventsDelivered, 1);
                }
                Err(error) => {
                    first_error.get_or_insert(error.clone());
                    failed.push((e, error));
                }
            }
        }
        if failed.is_empty() {
            self.release(s, b, at_ms);
            return;
        }
        let batch = &mut state.batches[b];
        batch.events = failed.iter().map(|(e, _)| *e).collect();
        let next = at_ms + self.scenario.backoff.delay_ms(retries + 1);
        let condition = if batch.service_fault {
            // Retried without limit and without touching the budget.
            None
        } else if retries >= policy.max_retry_attempts {
            Some(ExhaustedRetryCondition::MaximumRetryAttempts)
        } else if next - batch.readable_at_ms >= i64::from(policy.max_event_age_seconds) * 1000 {
            Some(ExhaustedRetryCondition::MaximumEventAgeInSeconds)
        } else {
            batch.retries += 1;
            None
        };
        let Some(condition) = condition else {
            self.push(next, Phase::Retry, s, b);
            return;
        };
        let (code, message, _) = first_error.unwrap_or_default();
        let events = self.events;
        let n = failed.len() as u64;
        match (
            &sim.subscriber.spec().on_failure_arn,
            sim.target.dead_letter_queue_denied,
        ) {
            (Some(_), false) => {
                let record = DeadLetterRecord {
                    bus_arn: self.scenario.bus.arn.clone(),
                    subscriber_arn: sim.subscriber.arn().to_owned(),
                    target_arn: sim.subscriber.spec().invoke.target_arn.clone(),
                    error_code: code,
                    error_message: truncate_error_message(&message),
                    exhausted_retry_condition: condition,
                    retry_attempts: retries,
                    failed_messages: failed
                        .iter()
                        .map(|(e, (_, _, request_id))| {
                            let event = &events[*e];
                            FailedMessage {
                                event_id: event.event_id.clone(),
                                event_group_id: event.event_group_id.clone(),
                                deduplication_id: event.deduplication_id.clone(),
                                timestamp: format_time_millis(event.ingested_at_ms),
                                target_request_id: request_id.clone(),
                            }
                        })
                        .collect(),
                };
                state.report.dead_letters.push(record);
                let index = state.report.dead_letters.len() - 1;
                for (e, _) in &failed {
                    state.report.fates[*e] = Fate::DeadLettered {
                        at_ms,
                        record: index,
                    };
                }
                state
                    .report
                    .metrics
                    .add(at_ms, SubscriberMetric::OnFailureDestinationDelivered, n);
            }
            (Some(_), true) => {
                for (e, _) in &failed {
                    state.report.fates[*e] = Fate::Lost { at_ms };
                }
            }
            (None, _) => {
                for (e, _) in &failed {
                    state.report.fates[*e] = Fate::Dropped { at_ms, condition };
                }
                state
                    .report
                    .metrics
                    .add(at_ms, SubscriberMetric::EventsDropped, n);
            }
        }
        self.release(s, b, at_ms);
    }

    /// A batch is done: its FIFO lane may send the next one.
    fn release(&mut self, s: usize, b: usize, at_ms: i64) {
        if let Some(lane) = self.states[s].batches[b].lane {
            self.states[s].lanes[lane].busy = false;
            self.push(at_ms, Phase::Flush, s, 0);
        }
    }
}

fn lane_for(state: &mut SubscriberState2, key: (String, String)) -> usize {
    if let Some(&lane) = state.lane_of_group.get(&key) {
        return lane;
    }
    state.lanes.push(Lane::default());
    let lane = state.lanes.len() - 1;
    state.lane_of_group.insert(key, lane);
    lane
}

impl Report {
    /// One paragraph per subscriber: what was delivered, dead-lettered, dropped.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        let published = self
            .publish_results
            .iter()
            .filter(|r| matches!(r.outcome, PublishOutcome::Published { .. }))
            .count();
        let deduplicated = self
            .publish_results
            .iter()
            .filter(|r| matches!(r.outcome, PublishOutcome::Deduplicated { .. }))
            .count();
        let failed = self.publish_results.len() - published - deduplicated;
        let _ = writeln!(out, "Published {published} event(s); {deduplicated} duplicate(s) suppressed within the 5-minute window; {failed} entr{} refused.", if failed == 1 { "y" } else { "ies" });
        for subscriber in &self.subscribers {
            let count =
                |pred: &dyn Fn(&Fate) -> bool| subscriber.fates.iter().filter(|f| pred(f)).count();
            let _ = writeln!(
                out,
                "{}: {} delivered, {} dead-lettered in {} record(s), {} dropped, {} lost, {} filtered out, {} not read, {} in backlog, {} still in flight; {} attempt(s).",
                subscriber.name,
                count(&|f| matches!(f, Fate::Delivered { .. })),
                count(&|f| matches!(f, Fate::DeadLettered { .. })),
                subscriber.dead_letters.len(),
                count(&|f| matches!(f, Fate::Dropped { .. })),
                count(&|f| matches!(f, Fate::Lost { .. })),
                count(&|f| matches!(f, Fate::FilteredOut)),
                count(&|f| matches!(f, Fate::NotRead)),
                count(&|f| matches!(f, Fate::Backlog)),
                count(&|f| matches!(f, Fate::InFlight)),
                subscriber.attempts.len(),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests;
