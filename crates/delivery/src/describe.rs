//! Scenarios and reports in words, for every front end (the Simulator page, `event-pattern
//! simulate`, the JavaScript API): a scenario's outline ("what will be simulated"), the outcome
//! summary with shares, the per-target totals, the dead-letter messages, the attempt-by-attempt
//! drill-down of one event and the side-by-side comparison of two retry policies; plus the number
//! and time formatting they share. Views draw these plain values; none of them decides anything.

use aws_model::EventSourceState;

use crate::{
    AttemptResult, DlqError, EventDetail, EventFate, FinalFailure, Ingress, Outcome,
    OutcomeSummary, Report, RetryPolicy, Scenario,
};

/// `7200` → `"7,200"`.
pub fn format_count(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// At most two decimals, no trailing zeros: `2.0` → `"2"`, `0.025` → `"0.03"`.
pub fn format_decimal(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// `part` as a share of `whole`: `"100%"`, `"12.5%"`, `"<0.1%"` for tiny non-zero shares, and a
/// dash when there is nothing to share.
pub fn format_percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "–".to_owned();
    }
    let percent = part as f64 * 100.0 / whole as f64;
    if part > 0 && percent < 0.05 {
        return "<0.1%".to_owned();
    }
    if part < whole && percent > 99.95 {
        return ">99.9%".to_owned();
    }
    let text = format!("{percent:.1}");
    format!("{}%", text.trim_end_matches(".0"))
}

/// A duration as people read it: `"40 ms"`, `"4.1 s"`, `"12 min 5 s"`, `"1 h 30 min"`, `"2 d 3 h"`.
pub fn format_duration_ms(ms: u64) -> String {
    const SECOND: u64 = 1000;
    const MINUTE: u64 = 60 * SECOND;
    const HOUR: u64 = 60 * MINUTE;
    const DAY: u64 = 24 * HOUR;
    let pair = |big: u64, big_unit: &str, small: u64, small_unit: &str| {
        if small == 0 {
            format!("{big} {big_unit}")
        } else {
            format!("{big} {big_unit} {small} {small_unit}")
        }
    };
    if ms < SECOND {
        format!("{ms} ms")
    } else if ms < MINUTE {
        let tenths = (ms + 50) / 100;
        if tenths.is_multiple_of(10) || ms >= 10 * SECOND {
            format!("{} s", (ms + 500) / SECOND)
        } else {
            format!("{}.{} s", tenths / 10, tenths % 10)
        }
    } else if ms < HOUR {
        let seconds = ms / SECOND;
        pair(seconds / 60, "min", seconds % 60, "s")
    } else if ms <= DAY {
        // Up to a day reads better in hours: "24 h" is how retry policies are spoken of.
        let minutes = ms / MINUTE;
        pair(minutes / 60, "h", minutes % 60, "min")
    } else {
        let hours = ms / HOUR;
        pair(hours / 24, "d", hours % 24, "h")
    }
}

/// A simulated instant as a clock from the start of the scenario: `"00:30:05.120"`, or
/// `"1 d 02:00:00.000"` past a day.
pub fn format_clock(ms: u64) -> String {
    let days = ms / 86_400_000;
    let rest = ms % 86_400_000;
    let clock = format!(
        "{:02}:{:02}:{:02}.{:03}",
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000
    );
    if days > 0 {
        format!("{days} d {clock}")
    } else {
        clock
    }
}

/// Pretty-prints JSON for reading, changing only the whitespace (keys in their order, numbers
/// and strings as written); text that is not JSON is shown as it is.
pub fn pretty_json(text: &str) -> String {
    event_pattern::json::reformat(text, event_pattern::json::Layout::Pretty)
        .unwrap_or_else(|_| text.to_owned())
}

aws_model::string_enum! {
    /// Which of the four ends an invocation had. The names are CSS class suffixes and stable
    /// keys for tests.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum OutcomeKind {
        Delivered = "delivered",
        SentToDlq = "dlq",
        Dropped = "dropped",
        FailedToReachDlq = "dlq-failed",
    }
}

impl OutcomeKind {
    pub fn of(outcome: &Outcome) -> OutcomeKind {
        match outcome {
            Outcome::Delivered { .. } => OutcomeKind::Delivered,
            Outcome::SentToDlq { .. } => OutcomeKind::SentToDlq,
            Outcome::Dropped { .. } => OutcomeKind::Dropped,
            Outcome::FailedToReachDlq { .. } => OutcomeKind::FailedToReachDlq,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            OutcomeKind::Delivered => "Delivered",
            OutcomeKind::SentToDlq => "Sent to DLQ",
            OutcomeKind::Dropped => "Dropped",
            OutcomeKind::FailedToReachDlq => "Failed to reach DLQ",
        }
    }

    pub fn explanation(self) -> &'static str {
        match self {
            OutcomeKind::Delivered => "The target accepted the event, at the first attempt or after retries.",
            OutcomeKind::SentToDlq => "Delivery failed for good and the event is waiting in the dead-letter queue.",
            OutcomeKind::Dropped => "Delivery failed for good and there is no dead-letter queue: the event is lost.",
            OutcomeKind::FailedToReachDlq => {
                "Delivery failed for good and the dead-letter queue refused the message: the event is lost."
            }
        }
    }

    pub fn count(self, counts: &crate::OutcomeCounts) -> u64 {
        match self {
            OutcomeKind::Delivered => counts.delivered,
            OutcomeKind::SentToDlq => counts.sent_to_dlq,
            OutcomeKind::Dropped => counts.dropped,
            OutcomeKind::FailedToReachDlq => counts.failed_to_reach_dlq,
        }
    }
}

/// One line of the outcome summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutcomeRow {
    pub kind: OutcomeKind,
    pub count: u64,
    /// Share of all invocations created.
    pub share: String,
}

pub fn outcome_rows(summary: &OutcomeSummary) -> Vec<OutcomeRow> {
    OutcomeKind::ALL
        .into_iter()
        .map(|kind| {
            let count = kind.count(&summary.outcomes);
            OutcomeRow {
                kind,
                count,
                share: format_percent(count, summary.invocations_created),
            }
        })
        .collect()
}

/// The summary in one sentence, for the status line and screen readers.
pub fn headline(summary: &OutcomeSummary) -> String {
    let created = summary.invocations_created;
    if created == 0 {
        return format!(
            "{} events ingested; none reached a target (no invocation was created).",
            format_count(summary.events_ingested)
        );
    }
    let lost = summary.outcomes.dropped + summary.outcomes.failed_to_reach_dlq;
    format!(
        "{} invocations: {} delivered ({}), {} sent to the dead-letter queue, {} lost.",
        format_count(created),
        format_count(summary.outcomes.delivered),
        format_percent(summary.outcomes.delivered, created),
        format_count(summary.outcomes.sent_to_dlq),
        format_count(lost)
    )
}

/// Facts about the run besides the four outcomes; zero-valued facts that only matter in some
/// scenarios are left out.
pub fn run_facts(report: &Report) -> Vec<(String, String)> {
    let summary = &report.summary;
    let mut facts = vec![
        (
            "Events ingested".to_owned(),
            format_count(summary.events_ingested),
        ),
        (
            "Events matched by a rule".to_owned(),
            format_count(summary.events_matched),
        ),
    ];
    let optional = [
        ("Events matched by no rule", summary.events_unmatched),
        (
            "Events dropped: partner source not ACTIVE",
            summary.events_dropped_inactive_source,
        ),
        (
            "Events sent to a bus that does not exist",
            summary.events_to_unknown_bus,
        ),
    ];
    facts.extend(
        optional
            .into_iter()
            .filter(|(_, value)| *value > 0)
            .map(|(label, value)| (label.to_owned(), format_count(value))),
    );
    facts.push((
        "Invocations created".to_owned(),
        format_count(summary.invocations_created),
    ));
    facts.push((
        "Delivered after retries".to_owned(),
        format_count(summary.delivered_after_retries),
    ));
    let ended = &summary.failures_ended_by;
    let endings = [
        (
            "Failures not retried (non-retryable error)",
            ended.non_retryable_error,
        ),
        (
            "Failures ended by MaximumRetryAttempts",
            ended.maximum_retry_attempts,
        ),
        (
            "Failures ended by MaximumEventAgeInSeconds",
            ended.maximum_event_age,
        ),
        (
            "Expired waiting for the rate limit",
            summary.expired_before_first_attempt,
        ),
        ("Still in flight", summary.in_flight),
    ];
    facts.extend(
        endings
            .into_iter()
            .filter(|(_, value)| *value > 0)
            .map(|(label, value)| (label.to_owned(), format_count(value))),
    );
    if !summary.failures_by_error_code.is_empty() {
        let codes = summary
            .failures_by_error_code
            .iter()
            .map(|(code, count)| format!("{} × {}", code.as_str(), format_count(*count)))
            .collect::<Vec<_>>()
            .join(", ");
        facts.push(("ERROR_CODE of failures".to_owned(), codes));
    }
    facts.push((
        "Invocation attempts".to_owned(),
        format_count(report.totals.metrics.invocation_attempts),
    ));
    facts.push((
        "Last activity at (simulated time)".to_owned(),
        format_clock(report.simulated_until_ms),
    ));
    if let (Some(p50), Some(p99)) = (
        report.totals.success_latency.p50_ms,
        report.totals.success_latency.p99_ms,
    ) {
        facts.push((
            "Time to delivery (median / 99th percentile)".to_owned(),
            format!("{} / {}", format_duration_ms(p50), format_duration_ms(p99)),
        ));
    }
    facts
}

/// One line of the per-target table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetRow {
    pub rule: String,
    pub target_id: String,
    pub created: u64,
    pub attempts: u64,
    pub retries: u64,
    /// Count and share per outcome, in [`OutcomeKind::ALL`] order.
    pub outcomes: Vec<(u64, String)>,
}

pub fn target_rows(report: &Report) -> Vec<TargetRow> {
    report
        .per_target
        .iter()
        .map(|target| TargetRow {
            rule: target.rule.clone(),
            target_id: target.target_id.clone(),
            created: target.invocations_created,
            attempts: target.invocation_attempts,
            retries: target.retry_invocation_attempts,
            outcomes: OutcomeKind::ALL
                .into_iter()
                .map(|kind| {
                    let count = kind.count(&target.outcomes);
                    (count, format_percent(count, target.invocations_created))
                })
                .collect(),
        })
        .collect()
}

/// The message attributes in the order the documentation lists them.
const ATTRIBUTE_ORDER: [&str; 6] = [
    "RULE_ARN",
    "TARGET_ARN",
    "ERROR_CODE",
    "ERROR_MESSAGE",
    "EXHAUSTED_RETRY_CONDITION",
    "RETRY_ATTEMPTS",
];

/// One message in a dead-letter queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DlqEntry {
    /// 1-based, as the page numbers events.
    pub event_number: u32,
    pub rule: String,
    pub target_id: String,
    pub queue_arn: String,
    pub at_ms: u64,
    /// The event as ingested (compact; see [`pretty_json`]).
    pub body: String,
    pub attributes: Vec<(String, String)>,
}

/// The dead-letter messages of the events with attempt-by-attempt records, in event order.
pub fn dlq_entries(report: &Report) -> Vec<DlqEntry> {
    let mut entries = Vec::new();
    for event in &report.events {
        for invocation in &event.invocations {
            if let Some(Outcome::SentToDlq { failure, message }) = &invocation.outcome {
                let mut attributes: Vec<(String, String)> = ATTRIBUTE_ORDER
                    .iter()
                    .filter_map(|name| {
                        message
                            .attributes
                            .get(*name)
                            .map(|value| ((*name).to_owned(), value.clone()))
                    })
                    .collect();
                attributes.extend(
                    message
                        .attributes
                        .iter()
                        .filter(|(name, _)| !ATTRIBUTE_ORDER.contains(&name.as_str()))
                        .map(|(name, value)| (name.clone(), value.clone())),
                );
                entries.push(DlqEntry {
                    event_number: event.index + 1,
                    rule: invocation.rule.clone(),
                    target_id: invocation.target_id.clone(),
                    queue_arn: message.queue_arn.clone(),
                    at_ms: failure.at_ms,
                    body: message.body.clone(),
                    attributes,
                });
            }
        }
    }
    entries
}

/// How many of the dead-letter messages the viewer can show, and why not all.
pub fn dlq_coverage(report: &Report, shown: usize) -> String {
    let total = report.summary.outcomes.sent_to_dlq;
    if total == 0 {
        return "No message was sent to a dead-letter queue.".to_owned();
    }
    if shown as u64 == total {
        return format!(
            "{} messages in the dead-letter queues.",
            format_count(total)
        );
    }
    format!(
        "{} messages in the dead-letter queues; the {} of the first {} events are listed (only their \
         attempt-by-attempt records are kept).",
        format_count(total),
        format_count(shown as u64),
        format_count(report.events.len() as u64)
    )
}

fn dlq_error_text(error: DlqError) -> &'static str {
    match error {
        DlqError::Unreachable => "the queue does not exist or is unavailable",
        DlqError::MissingResourcePolicy { cross_account: true } => {
            "the queue is in another account and its policy does not let events.amazonaws.com send messages"
        }
        DlqError::MissingResourcePolicy { cross_account: false } => {
            "the queue policy does not let events.amazonaws.com send messages"
        }
    }
}

fn retries_text(retries: u32) -> String {
    match retries {
        0 => "without retries".to_owned(),
        1 => "after 1 retry".to_owned(),
        n => format!("after {n} retries"),
    }
}

fn failure_text(failure: &FinalFailure) -> String {
    let why = match failure.exhausted_retry_condition {
        Some(condition) => format!("retries exhausted ({})", condition.as_str()),
        None => "not retryable".to_owned(),
    };
    format!(
        "{} {}, {why}, at {}",
        failure.error_code.as_str(),
        retries_text(failure.retry_attempts),
        format_clock(failure.at_ms)
    )
}

/// An invocation's end in words.
pub fn outcome_text(outcome: Option<&Outcome>) -> String {
    match outcome {
        None => "Still in flight when the run stopped.".to_owned(),
        Some(Outcome::Delivered {
            attempt,
            at_ms,
            latency_ms,
        }) => format!(
            "Delivered at attempt {attempt}, {} after ingestion (at {}).",
            format_duration_ms(*latency_ms),
            format_clock(*at_ms)
        ),
        Some(Outcome::SentToDlq { failure, .. }) => {
            format!("Sent to the dead-letter queue: {}.", failure_text(failure))
        }
        Some(Outcome::Dropped { failure }) => {
            format!("Dropped (no dead-letter queue): {}.", failure_text(failure))
        }
        Some(Outcome::FailedToReachDlq { failure, dlq_error }) => format!(
            "Lost: {}; the dead-letter queue refused it because {}.",
            failure_text(failure),
            dlq_error_text(*dlq_error)
        ),
    }
}

/// One attempt as a table row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttemptRow {
    pub number: u32,
    pub start: String,
    pub since_ingestion: String,
    pub duration: String,
    /// The backoff before this attempt (from the previous answer), if it is a retry.
    pub backoff: String,
    pub rate_limit_wait: String,
    pub result: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvocationTable {
    pub caption: String,
    pub outcome: String,
    pub rows: Vec<AttemptRow>,
}

/// Everything the drill-down shows about one event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventDrillDown {
    pub number: u32,
    pub ingested_at: String,
    pub fate: String,
    pub body: String,
    pub invocations: Vec<InvocationTable>,
}

fn fate_text(fate: &EventFate) -> String {
    match fate {
        EventFate::DroppedInactiveSource { source, state } => {
            format!("Dropped before any rule: the partner event source {source} is {state:?}.",)
                .replace("Pending", "PENDING")
                .replace("Deleted", "DELETED")
                .replace("Active", "ACTIVE")
        }
        EventFate::UnknownBus { bus } => {
            format!("Accepted and discarded: the event bus {bus} does not exist.")
        }
        EventFate::Unmatched { bus } => format!("Matched no rule on the event bus {bus}."),
        EventFate::Matched { bus, rules } => {
            format!("Matched {} on the event bus {bus}.", rules.join(", "))
        }
    }
}

/// The drill-down of the event numbered `number` (1-based), if its records were kept.
pub fn drill_down(report: &Report, number: u32) -> Option<EventDrillDown> {
    let event: &EventDetail = report
        .events
        .iter()
        .find(|event| event.index + 1 == number)?;
    let invocations = event
        .invocations
        .iter()
        .map(|invocation| {
            let mut previous_end: Option<u64> = None;
            let rows = invocation
                .attempts
                .iter()
                .map(|attempt| {
                    let backoff = match previous_end {
                        Some(end) => format_duration_ms(
                            attempt
                                .start_ms
                                .saturating_sub(attempt.rate_limit_wait_ms)
                                .saturating_sub(end),
                        ),
                        None => "–".to_owned(),
                    };
                    previous_end = Some(attempt.end_ms);
                    AttemptRow {
                        number: attempt.number,
                        start: format_clock(attempt.start_ms),
                        since_ingestion: format!(
                            "+{}",
                            format_duration_ms(
                                attempt.start_ms.saturating_sub(event.ingested_at_ms)
                            )
                        ),
                        duration: format_duration_ms(
                            attempt.end_ms.saturating_sub(attempt.start_ms),
                        ),
                        backoff,
                        rate_limit_wait: if attempt.rate_limit_wait_ms == 0 {
                            "–".to_owned()
                        } else {
                            format_duration_ms(attempt.rate_limit_wait_ms)
                        },
                        result: match attempt.result {
                            AttemptResult::Success => "Success".to_owned(),
                            AttemptResult::Failed {
                                error_code,
                                retryable: true,
                            } => {
                                format!("Failed: {} (retryable)", error_code.as_str())
                            }
                            AttemptResult::Failed {
                                error_code,
                                retryable: false,
                            } => {
                                format!("Failed: {} (not retryable)", error_code.as_str())
                            }
                        },
                    }
                })
                .collect();
            InvocationTable {
                caption: format!(
                    "Event {number} to target {} of rule {}",
                    invocation.target_id, invocation.rule
                ),
                outcome: outcome_text(invocation.outcome.as_ref()),
                rows,
            }
        })
        .collect();
    Some(EventDrillDown {
        number,
        ingested_at: format_clock(event.ingested_at_ms),
        fate: fate_text(&event.fate),
        body: pretty_json(&event.body),
        invocations,
    })
}

/// One column of the policy comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompareColumn {
    pub heading: String,
    pub rows: Vec<(String, String)>,
}

/// `"185 retries, 24 h"`.
pub fn policy_title(policy: &RetryPolicy) -> String {
    format!(
        "{} retries, {}",
        policy.maximum_retry_attempts,
        format_duration_ms(u64::from(policy.maximum_event_age_seconds) * 1000)
    )
}

pub fn compare_column(label: &str, policy: &RetryPolicy, report: &Report) -> CompareColumn {
    let summary = &report.summary;
    let created = summary.invocations_created;
    let mut rows: Vec<(String, String)> = OutcomeKind::ALL
        .into_iter()
        .map(|kind| {
            let count = kind.count(&summary.outcomes);
            (
                kind.label().to_owned(),
                format!(
                    "{} ({})",
                    format_count(count),
                    format_percent(count, created)
                ),
            )
        })
        .collect();
    let ended = &summary.failures_ended_by;
    let latency = &report.totals.success_latency;
    rows.extend([
        (
            "Delivered after retries".to_owned(),
            format_count(summary.delivered_after_retries),
        ),
        (
            "Ended by MaximumRetryAttempts".to_owned(),
            format_count(ended.maximum_retry_attempts),
        ),
        (
            "Ended by MaximumEventAgeInSeconds".to_owned(),
            format_count(ended.maximum_event_age),
        ),
        (
            "Invocation attempts".to_owned(),
            format_count(report.totals.metrics.invocation_attempts),
        ),
        (
            "Retry attempts".to_owned(),
            format_count(report.totals.metrics.retry_invocation_attempts),
        ),
        (
            "Time to delivery, 99th percentile".to_owned(),
            latency
                .p99_ms
                .map(format_duration_ms)
                .unwrap_or_else(|| "–".to_owned()),
        ),
        (
            "Last activity at".to_owned(),
            format_clock(report.simulated_until_ms),
        ),
    ]);
    CompareColumn {
        heading: format!("{label}: {}", policy_title(policy)),
        rows,
    }
}

/// A scenario in plain words, for "what will be simulated".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioOutline {
    pub streams: Vec<String>,
    pub sources: Vec<String>,
    pub rules: Vec<RuleOutline>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleOutline {
    pub heading: String,
    pub pattern: String,
    pub targets: Vec<TargetOutline>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetOutline {
    pub id: String,
    pub policy: String,
    pub dlq: String,
    pub behaviour: String,
}

/// How a target behaves, in words ("down from +30 min to +1 h 30 min (ERROR_FROM_TARGET)").
pub fn describe_behaviour(behaviour: &crate::TargetBehaviour) -> String {
    let mut parts = Vec::new();
    if let Some(failure) = &behaviour.non_retryable {
        let until = failure
            .until_ms
            .map(|until| format!(" until +{}", format_duration_ms(until)))
            .unwrap_or_default();
        let from = if failure.from_ms == 0 {
            "always".to_owned()
        } else {
            format!("from +{}", format_duration_ms(failure.from_ms))
        };
        parts.push(format!(
            "fails without retry {from}{until} ({})",
            failure.error
        ));
    }
    for outage in &behaviour.outages {
        parts.push(format!(
            "down from +{} to +{} ({})",
            format_duration_ms(outage.from_ms),
            format_duration_ms(outage.until_ms),
            outage.error
        ));
    }
    if let Some(transient) = &behaviour.transient {
        parts.push(format!(
            "{}% of attempts fail ({})",
            format_decimal(transient.probability * 100.0),
            transient.error
        ));
    }
    if let Some(limit) = behaviour.rate_limit_per_second {
        parts.push(format!(
            "accepts {} invocations per second",
            format_count(u64::from(limit))
        ));
    }
    if parts.is_empty() {
        parts.push("healthy".to_owned());
    }
    parts.push(format!(
        "answers in {}",
        format_duration_ms(behaviour.latency_ms)
    ));
    parts.join("; ")
}

fn describe_policy(policy: &crate::RetryPolicy) -> String {
    format!(
        "{} retries, maximum event age {}",
        policy.maximum_retry_attempts,
        format_duration_ms(u64::from(policy.maximum_event_age_seconds) * 1000)
    )
}

fn describe_dlq(dlq: Option<&crate::Dlq>) -> String {
    match dlq {
        None => "no dead-letter queue: failed events are dropped".to_owned(),
        Some(dlq) => {
            let place = if dlq.same_account {
                "in this account"
            } else {
                "in another account"
            };
            let policy = if dlq.has_resource_policy {
                "its policy lets EventBridge send"
            } else {
                "no queue policy for EventBridge"
            };
            format!("dead-letter queue {} ({place}; {policy})", dlq.arn)
        }
    }
}

fn describe_ingress(ingress: &Ingress) -> String {
    match ingress {
        Ingress::Bus(bus) => format!("to the event bus {bus}"),
        Ingress::PartnerSource(source) => format!("from the partner event source {source}"),
    }
}

/// Writes events per second as people say it ("1 per second", "30 per minute").
pub fn describe_rate(per_second: f64) -> String {
    if per_second >= 1.0 {
        format!("{} per second", format_decimal(per_second))
    } else if per_second * 60.0 >= 1.0 {
        format!("{} per minute", format_decimal(per_second * 60.0))
    } else {
        format!("{} per hour", format_decimal(per_second * 3600.0))
    }
}

pub fn outline(scenario: &Scenario) -> ScenarioOutline {
    let streams = scenario
        .events
        .generated
        .iter()
        .map(|stream| {
            let count = stream.count();
            format!(
                "{} events, {} for {}, {} ({} sample{})",
                format_count(count),
                describe_rate(stream.rate_per_second),
                format_duration_ms(stream.duration_ms),
                describe_ingress(&stream.to),
                stream.samples.len(),
                if stream.samples.len() == 1 { "" } else { "s" }
            )
        })
        .chain(
            std::iter::once(())
                .filter(|_| !scenario.events.explicit.is_empty())
                .map(|_| {
                    format!(
                        "{} individual events",
                        format_count(scenario.events.explicit.len() as u64)
                    )
                }),
        )
        .collect();
    let sources = scenario
        .sources
        .iter()
        .map(|source| {
            let state = match source.state {
                EventSourceState::Active => "ACTIVE: events reach its partner bus",
                EventSourceState::Pending => "PENDING: events sent to it are dropped",
                EventSourceState::Deleted => "DELETED: events sent to it are dropped",
            };
            format!("Partner event source {} is {state}", source.name)
        })
        .collect();
    let rules = scenario
        .rules
        .iter()
        .map(|rule| RuleOutline {
            heading: format!(
                "Rule {} on {}{}",
                rule.name,
                rule.bus,
                if rule.enabled {
                    ""
                } else {
                    " (disabled: matches nothing)"
                }
            ),
            pattern: rule.pattern.clone(),
            targets: rule
                .targets
                .iter()
                .map(|target| TargetOutline {
                    id: target.id.clone(),
                    policy: describe_policy(&target.retry),
                    dlq: describe_dlq(target.dlq.as_ref()),
                    behaviour: describe_behaviour(&target.behaviour),
                })
                .collect(),
        })
        .collect();
    ScenarioOutline {
        streams,
        sources,
        rules,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_count_table() {
        let table = [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1000, "1,000"),
            (7200, "7,200"),
            (1_234_567, "1,234,567"),
        ];
        for (value, expected) in table {
            assert_eq!(format_count(value), expected);
        }
    }

    #[test]
    fn format_percent_table() {
        let table = [
            (0, 0, "–"),
            (0, 10, "0%"),
            (10, 10, "100%"),
            (1, 8, "12.5%"),
            (1, 3, "33.3%"),
            (1, 100_000, "<0.1%"),
            (99_999, 100_000, ">99.9%"),
            (2, 3, "66.7%"),
        ];
        for (part, whole, expected) in table {
            assert_eq!(format_percent(part, whole), expected, "{part}/{whole}");
        }
    }

    #[test]
    fn format_duration_table() {
        let table = [
            (0, "0 ms"),
            (40, "40 ms"),
            (999, "999 ms"),
            (1000, "1 s"),
            (4_100, "4.1 s"),
            (4_960, "5 s"),
            (12_345, "12 s"),
            (60_000, "1 min"),
            (725_000, "12 min 5 s"),
            (3_600_000, "1 h"),
            (5_400_000, "1 h 30 min"),
            (86_400_000, "24 h"),
            (90_000_000, "1 d 1 h"),
            (183_600_000, "2 d 3 h"),
        ];
        for (ms, expected) in table {
            assert_eq!(format_duration_ms(ms), expected, "{ms}");
        }
    }

    #[test]
    fn format_clock_and_decimal_table() {
        assert_eq!(format_clock(0), "00:00:00.000");
        assert_eq!(format_clock(1_805_120), "00:30:05.120");
        assert_eq!(format_clock(93_600_000), "1 d 02:00:00.000");
        assert_eq!(format_decimal(2.0), "2");
        assert_eq!(format_decimal(0.5), "0.5");
        assert_eq!(format_decimal(2.0 / 3.0), "0.67");
        assert_eq!(format_decimal(f64::NAN), "–");
        assert_eq!(format_decimal(-0.001), "0");
    }

    #[test]
    fn pretty_json_keeps_non_json_as_is() {
        assert_eq!(pretty_json(r#"{"a":1}"#), "{\n  \"a\": 1\n}");
        // Issue #12: key order and number literals as written.
        assert_eq!(
            pretty_json(r#"{"z":1.50,"a":[1e400,12345678901234567890]}"#),
            "{\n  \"z\": 1.50,\n  \"a\": [\n    1e400,\n    12345678901234567890\n  ]\n}"
        );
        assert_eq!(pretty_json("<b>not json</b>"), "<b>not json</b>");
    }

    /// A preset run keeping the records of every event (the presets are small).
    fn preset_report(id: &str) -> Report {
        let preset = crate::PRESETS.iter().find(|p| p.id == id).unwrap();
        let mut scenario = (preset.build)();
        scenario.options.keep_details_for_first_events = crate::MAX_DETAILED_EVENTS;
        crate::simulate(&scenario).unwrap()
    }

    #[test]
    fn permissions_error_rows_put_everything_in_the_dlq_without_retries() {
        let report = preset_report("permissions-error");
        let rows = outcome_rows(&report.summary);
        let created = report.summary.invocations_created;
        assert!(created > 0);
        assert_eq!(rows[1].kind, OutcomeKind::SentToDlq);
        assert_eq!((rows[1].count, rows[1].share.as_str()), (created, "100%"));
        assert_eq!((rows[0].count, rows[0].share.as_str()), (0, "0%"));
        let entries = dlq_entries(&report);
        assert_eq!(
            entries.len() as u64,
            created,
            "every event of this small run keeps its records"
        );
        let names: Vec<&str> = entries[0]
            .attributes
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "RULE_ARN",
                "TARGET_ARN",
                "ERROR_CODE",
                "ERROR_MESSAGE",
                "RETRY_ATTEMPTS"
            ]
        );
        assert_eq!(entries[0].attributes[2].1, "NO_PERMISSIONS");
        assert_eq!(entries[0].attributes[4].1, "0");
        assert_eq!(
            dlq_coverage(&report, entries.len()),
            format!(
                "{} messages in the dead-letter queues.",
                format_count(created)
            )
        );
        let headline = headline(&report.summary);
        assert!(headline.contains("0 delivered (0%)"), "{headline}");
    }

    #[test]
    fn the_one_hour_outage_sends_retry_exhausted_messages_with_their_condition() {
        let mut scenario = (crate::PRESETS[0].build)();
        scenario.options.keep_details_for_first_events = 3000;
        let report = crate::simulate(&scenario).unwrap();
        let entries = dlq_entries(&report);
        assert!(!entries.is_empty());
        for entry in &entries {
            assert_eq!(entry.target_id, "fulfilment-3-retries-with-dlq");
            let condition = entry
                .attributes
                .iter()
                .find(|(name, _)| name == "EXHAUSTED_RETRY_CONDITION")
                .unwrap();
            assert!(["MaximumRetryAttempts", "MaximumEventAgeInSeconds"]
                .contains(&condition.1.as_str()));
        }
        let coverage = dlq_coverage(&report, entries.len());
        assert!(
            coverage.contains("of the first 3,000 events are listed"),
            "{coverage}"
        );
        let rows = target_rows(&report);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].outcomes[1].0, 0, "the default policy has no DLQ");
        assert!(
            rows[1].outcomes[2].0 > 0,
            "3 retries without a DLQ drops events"
        );
    }

    #[test]
    fn run_facts_show_only_what_applies() {
        let pending = preset_report("pending-partner-source");
        let facts = run_facts(&pending);
        let labels: Vec<&str> = facts.iter().map(|(label, _)| label.as_str()).collect();
        assert!(labels.contains(&"Events dropped: partner source not ACTIVE"));
        assert!(!labels.contains(&"Events matched by no rule"));
        assert!(!labels.contains(&"Failures ended by MaximumRetryAttempts"));
        let forbidden = run_facts(&preset_report("permissions-error"));
        let codes = forbidden
            .iter()
            .find(|(label, _)| label == "ERROR_CODE of failures")
            .unwrap();
        assert!(codes.1.starts_with("NO_PERMISSIONS × "));
    }

    #[test]
    fn drill_down_of_an_event_in_the_outage_lists_backoff_and_outcomes() {
        let mut scenario = (crate::PRESETS[0].build)();
        scenario.options.keep_details_for_first_events = 2000;
        let report = crate::simulate(&scenario).unwrap();
        // The first matched event of the outage (which starts at minute 30, event 1 801).
        let number = report
            .events
            .iter()
            .find(|e| e.index >= 1800 && matches!(e.fate, crate::EventFate::Matched { .. }))
            .map(|e| e.index + 1)
            .unwrap();
        let event = drill_down(&report, number).unwrap();
        assert!(
            event.ingested_at.starts_with("00:30:"),
            "{}",
            event.ingested_at
        );
        assert_eq!(
            event.fate,
            "Matched orders-to-fulfilment on the event bus default."
        );
        // The backoff column is the gap between the previous answer and this start.
        let attempts = &report.events[number as usize - 1].invocations[0].attempts;
        assert_eq!(
            event.invocations[0].rows[1].backoff,
            format_duration_ms(attempts[1].start_ms - attempts[0].end_ms)
        );
        assert_eq!(event.invocations.len(), 3);
        let default_policy = &event.invocations[0];
        assert!(default_policy.rows.len() > 3);
        assert_eq!(default_policy.rows[0].backoff, "–");
        assert!(default_policy.rows[0]
            .result
            .starts_with("Failed: ERROR_FROM_TARGET (retryable)"));
        assert!(
            default_policy.outcome.starts_with("Delivered at attempt"),
            "{}",
            default_policy.outcome
        );
        let three_retries = &event.invocations[1];
        assert_eq!(three_retries.rows.len(), 4);
        assert!(three_retries.outcome.starts_with("Dropped (no dead-letter queue): ERROR_FROM_TARGET after 3 retries, retries exhausted (MaximumRetryAttempts)"), "{}", three_retries.outcome);
        assert!(event.invocations[2]
            .outcome
            .starts_with("Sent to the dead-letter queue"));
        assert!(
            drill_down(&report, 2001).is_none(),
            "no records past the kept events"
        );
        assert!(drill_down(&report, 0).is_none());
    }

    #[test]
    fn outcome_texts_for_dlq_refusals_and_in_flight() {
        let report = preset_report("dlq-without-policy");
        let lost = report
            .events
            .iter()
            .flat_map(|event| &event.invocations)
            .find_map(|invocation| match &invocation.outcome {
                Some(outcome @ Outcome::FailedToReachDlq { .. }) => {
                    Some(outcome_text(Some(outcome)))
                }
                _ => None,
            })
            .unwrap();
        assert!(
            lost.contains("in another account and its policy does not let events.amazonaws.com"),
            "{lost}"
        );
        assert_eq!(outcome_text(None), "Still in flight when the run stopped.");
    }

    #[test]
    fn compare_columns_use_the_same_rows_for_both_policies() {
        let scenario = (crate::PRESETS[0].build)();
        let short = RetryPolicy {
            maximum_retry_attempts: 3,
            maximum_event_age_seconds: 600,
        };
        let comparison =
            crate::compare_retry_policies(&scenario, RetryPolicy::default(), short).unwrap();
        let first = compare_column("A", &comparison.first_policy, &comparison.first);
        let second = compare_column("B", &comparison.second_policy, &comparison.second);
        assert_eq!(first.heading, "A: 185 retries, 24 h");
        assert_eq!(second.heading, "B: 3 retries, 10 min");
        let labels = |column: &CompareColumn| {
            column
                .rows
                .iter()
                .map(|(label, _)| label.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(labels(&first), labels(&second));
        assert!(
            first.rows[0].1.ends_with("(100%)"),
            "the default policy rides out a one-hour outage: {}",
            first.rows[0].1
        );
        assert_ne!(second.rows[2].1, "0 (0%)", "three retries drop events");
    }

    #[test]
    fn outline_describes_the_one_hour_preset() {
        let outline = outline(&(crate::find_preset("target-down-for-1-hour")
            .unwrap()
            .build)());
        assert_eq!(
            outline.streams,
            ["7,200 events, 1 per second for 2 h, to the event bus default (2 samples)"]
        );
        assert_eq!(outline.rules.len(), 1);
        assert_eq!(
            outline.rules[0].heading,
            "Rule orders-to-fulfilment on default"
        );
        let targets = &outline.rules[0].targets;
        assert_eq!(targets[0].policy, "185 retries, maximum event age 24 h");
        assert_eq!(
            targets[0].dlq,
            "no dead-letter queue: failed events are dropped"
        );
        assert_eq!(
            targets[0].behaviour,
            "down from +30 min to +1 h 30 min (ERROR_FROM_TARGET); answers in 40 ms"
        );
        assert_eq!(targets[1].policy, "3 retries, maximum event age 10 min");
        assert!(targets[2].dlq.starts_with(
            "dead-letter queue arn:aws:sqs:us-east-1:123456789012:fulfilment-dlq (in this account;"
        ));
    }

    #[test]
    fn outline_describes_sources_and_other_behaviours() {
        let pending = outline(&(crate::find_preset("pending-partner-source")
            .unwrap()
            .build)());
        assert_eq!(pending.sources.len(), 2);
        assert!(pending.sources[1].ends_with("is PENDING: events sent to it are dropped"));
        assert!(pending.streams[0].contains("30 per minute"));
        // Regression: the outline said "(HTTP 429)" where the simulator's ERROR_CODE is
        // SDK_CLIENT_ERROR; both now come from aws_model.
        let throttled = outline(&(crate::find_preset("throttled-api-destination")
            .unwrap()
            .build)());
        assert_eq!(
            throttled.rules[0].targets[0].behaviour,
            "2% of attempts fail (SDK_CLIENT_ERROR, HTTP 429); accepts 10 invocations per second; answers in 120 ms"
        );
        let forbidden = outline(&(crate::find_preset("permissions-error").unwrap().build)());
        assert!(forbidden.rules[0].targets[0]
            .behaviour
            .starts_with("fails without retry always (NO_PERMISSIONS)"));
    }
}
