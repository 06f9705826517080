//! The page's forms as plain data: what the user typed, and its translation into the
//! `custom_bus` requests. Numbers stay text until they are read, so a half-typed field shows a
//! problem instead of losing what was typed. Every check and every AWS rule is the crate's; this
//! module only reads the fields.

use aws_model::TargetKind;
use custom_bus::compare::OutageDrill;
use custom_bus::event::{BusLocation, EventOrigin, PublishEntry, PutEventsEntry};
use custom_bus::event_source::{PartnerEventSource, PartnerEventSourceSpec};
use custom_bus::filter::{FilterConfiguration, FilterSpec, Scope};
use custom_bus::ids::IdGenerator;
use custom_bus::migration::{ClassicInput, ClassicRule, ClassicTarget};
use custom_bus::problem::Problems;
use custom_bus::subscriber::{
    EventBus, EventBusSpec, InvokeConfiguration, RetryPolicy, Subscriber, SubscriberContext,
    SubscriberSpec, SubscriberType,
};
use custom_bus::transform::{JsonataEngine, Transformer, TransformerType};

/// The account and region the page's resources live in (a playground has no real account).
pub const ACCOUNT: &str = "111122223333";
/// See [`ACCOUNT`].
pub const REGION: &str = "us-east-1";
/// The page's simulated "now": 2026-10-01T00:00:00Z, after the new bus's launch.
pub const NOW_MS: i64 = 1_790_812_800_000;

/// One problem as the page lists it: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemLine {
    /// The request member (`FilterConfiguration.Filters[0].Pattern`), or the form field.
    pub at: String,
    /// The message.
    pub message: String,
    /// Whether the text is AWS's own (otherwise it is ours: AWS does not document one).
    pub aws_text: bool,
    /// A warning: the request is accepted anyway.
    pub warning: bool,
}

pub fn lines_of(problems: &Problems) -> Vec<ProblemLine> {
    problems
        .all()
        .iter()
        .map(|problem| ProblemLine {
            at: problem.path().to_string(),
            message: problem.message().to_owned(),
            aws_text: problem.is_aws_text(),
            warning: problem.severity() == custom_bus::problem::Severity::Warning,
        })
        .collect()
}

pub fn form_problem(at: &str, message: String) -> ProblemLine {
    ProblemLine {
        at: at.to_owned(),
        message,
        aws_text: false,
        warning: false,
    }
}

/// Reads an optional whole number: empty is `None`.
fn optional_number(at: &str, text: &str, problems: &mut Vec<ProblemLine>) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse() {
        Ok(n) => Some(n),
        Err(_) => {
            problems.push(form_problem(
                at,
                format!("\"{text}\" is not a whole number."),
            ));
            None
        }
    }
}

fn optional_text(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Which kind of bus the user creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BusKind {
    /// The new Custom Event Bus (`eventsv2`).
    #[default]
    Custom,
    /// Custom Event Bus - Classic: rules with targets, built in the workbench.
    Classic,
}

/// The bus and, optionally, the partner event source that feeds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusForm {
    /// New or Classic.
    pub kind: BusKind,
    /// `Name`.
    pub name: String,
    /// Retention in days; empty for AWS's default.
    pub retention_days: String,
    /// The catalog id of the SaaS partner whose events feed the bus; empty for none.
    pub partner_id: String,
    /// The event source's `Name`.
    pub source_name: String,
    /// The event source's pattern; empty forwards every event.
    pub source_pattern: String,
}

impl Default for BusForm {
    fn default() -> Self {
        BusForm {
            kind: BusKind::Custom,
            name: "orders".into(),
            retention_days: String::new(),
            partner_id: "shopify.com".into(),
            source_name: "shopify-orders".into(),
            source_pattern: String::new(),
        }
    }
}

/// The created bus and event source, or their problems.
#[derive(Debug, Clone)]
pub struct BusSetup {
    /// The bus.
    pub bus: Result<EventBus, Vec<ProblemLine>>,
    /// The partner event source, when a partner is chosen.
    pub source: Option<Result<PartnerEventSource, Vec<ProblemLine>>>,
}

impl BusSetup {
    /// The bus, when it was created.
    pub fn bus(&self) -> Option<&EventBus> {
        self.bus.as_ref().ok()
    }

    /// The event source, when one was created.
    pub fn source(&self) -> Option<&PartnerEventSource> {
        self.source.as_ref().and_then(|s| s.as_ref().ok())
    }
}

impl BusForm {
    /// The default form with the catalog partner `partner_id` chosen, when the catalog knows
    /// it (a link may name any text), and an event source named after it.
    pub fn for_partner(partner_id: Option<&str>) -> BusForm {
        let default = BusForm::default();
        match partner_id.and_then(|id| catalog::partners().iter().find(|p| p.id() == id)) {
            Some(partner) => BusForm {
                partner_id: partner.id().to_owned(),
                source_name: format!(
                    "{}-events",
                    partner.id().split('.').next().unwrap_or("partner")
                ),
                ..default
            },
            None => default,
        }
    }

    /// The partner chosen, if any.
    pub fn partner(&self) -> Option<&'static catalog::Partner> {
        catalog::partners()
            .iter()
            .find(|p| p.id() == self.partner_id)
    }

    /// The partner source the partner would create for the page's account.
    pub fn partner_source_name(&self) -> Option<String> {
        self.partner().map(|p| p.example_source_name(ACCOUNT))
    }

    /// Creates the bus (a day before [`NOW_MS`]) and the event source.
    pub fn create(&self) -> BusSetup {
        let ids = IdGenerator::new(1);
        let mut problems = Vec::new();
        let retention_days = optional_number(
            "StorageConfiguration.RetentionPeriodInDays",
            &self.retention_days,
            &mut problems,
        );
        let bus = EventBusSpec {
            name: self.name.trim().to_owned(),
            retention_days,
        }
        .create(REGION, ACCOUNT, &ids, NOW_MS - 86_400_000)
        .map_err(|p| lines_of(&p));
        let bus = match (bus, problems.is_empty()) {
            (Ok(bus), true) => Ok(bus),
            (Ok(_), false) => Err(problems),
            (Err(mut lines), _) => {
                lines.extend(problems);
                Err(lines)
            }
        };
        let source = self.partner_source_name().map(|partner_source| {
            let bus_arn = bus.as_ref().map(|b| b.arn.clone()).unwrap_or_default();
            PartnerEventSourceSpec {
                name: self.source_name.trim().to_owned(),
                event_bus_arn: bus_arn,
                partner_event_source_arn: format!(
                    "arn:aws:events:{REGION}::event-source/{partner_source}"
                ),
                pattern: optional_text(&self.source_pattern),
                on_failure_arn: None,
            }
            .create(REGION, ACCOUNT, &ids)
            .map_err(|p| lines_of(&p))
        });
        BusSetup { bus, source }
    }
}

/// The subscriber builder's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriberForm {
    /// `Name`.
    pub name: String,
    /// `InvokeConfiguration.TargetArn`.
    pub target_arn: String,
    /// `InvokeConfiguration.RoleArn`.
    pub role_arn: String,
    /// The DATA filter; empty for none.
    pub data_filter: String,
    /// The METADATA filter; empty for none.
    pub metadata_filter: String,
    /// The SYSTEM_METADATA filter; empty for none.
    pub system_metadata_filter: String,
    /// `Transformer.Type`.
    pub transformer: TransformerType,
    /// The JSONata expression, with its `{% %}`.
    pub jsonata: String,
    /// `RetryPolicy.MaxRetryAttempts`; empty for the default.
    pub max_retry_attempts: String,
    /// `RetryPolicy.MaxEventAgeInSeconds`; empty for the default.
    pub max_event_age_seconds: String,
    /// `OnFailureConfiguration`'s queue; empty for none.
    pub dead_letter_arn: String,
    /// `Type` FIFO rather than UNORDERED.
    pub fifo: bool,
}

impl Default for SubscriberForm {
    fn default() -> Self {
        SubscriberForm {
            name: "large-orders".into(),
            target_arn: format!("arn:aws:sqs:{REGION}:{ACCOUNT}:large-orders"),
            role_arn: format!("arn:aws:iam::{ACCOUNT}:role/orders-delivery"),
            // Shopify names the webhook topic in the detail's metadata (see the catalog's samples).
            data_filter: r#"{"detail":{"metadata":{"X-Shopify-Topic":["orders/create"]}}}"#.into(),
            metadata_filter: String::new(),
            system_metadata_filter: String::new(),
            transformer: TransformerType::Jsonata,
            jsonata: r#"{% {"order": $.Data.detail.payload.name, "total": $.Data.detail.payload.total_price} %}"#
                .into(),
            max_retry_attempts: String::new(),
            max_event_age_seconds: String::new(),
            dead_letter_arn: format!("arn:aws:sqs:{REGION}:{ACCOUNT}:large-orders-dlq"),
            fifo: false,
        }
    }
}

impl SubscriberForm {
    /// The `CreateSubscriber` request for `bus_arn`, or the fields that cannot be read.
    pub fn spec(&self, bus_arn: &str) -> Result<SubscriberSpec, Vec<ProblemLine>> {
        let mut problems = Vec::new();
        let max_retry_attempts = optional_number(
            "RetryPolicy.MaxRetryAttempts",
            &self.max_retry_attempts,
            &mut problems,
        );
        let max_event_age_seconds = optional_number(
            "RetryPolicy.MaxEventAgeInSeconds",
            &self.max_event_age_seconds,
            &mut problems,
        );
        if !problems.is_empty() {
            return Err(problems);
        }
        let filters: Vec<FilterSpec> = [
            (Scope::Data, &self.data_filter),
            (Scope::Metadata, &self.metadata_filter),
            (Scope::SystemMetadata, &self.system_metadata_filter),
        ]
        .into_iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(scope, text)| FilterSpec::new(scope, text.as_str()))
        .collect();
        let retry_policy = (max_retry_attempts.is_some() || max_event_age_seconds.is_some())
            .then_some(RetryPolicy {
                max_retry_attempts,
                max_event_age_seconds,
                ..RetryPolicy::default()
            });
        Ok(SubscriberSpec {
            name: self.name.trim().to_owned(),
            event_bus_arn: bus_arn.to_owned(),
            invoke: InvokeConfiguration {
                target_arn: self.target_arn.trim().to_owned(),
                role_arn: self.role_arn.trim().to_owned(),
            },
            filter_configuration: (!filters.is_empty()).then(|| FilterConfiguration {
                filters,
                ..FilterConfiguration::default()
            }),
            transformer: match self.transformer {
                TransformerType::Raw => None,
                TransformerType::Jsonata => Some(Transformer::jsonata(self.jsonata.clone())),
                kind => Some(Transformer {
                    kind,
                    jsonata_expression: None,
                }),
            },
            retry_policy,
            on_failure_arn: optional_text(&self.dead_letter_arn),
            kind: if self.fifo {
                SubscriberType::Fifo
            } else {
                SubscriberType::Unordered
            },
            ..SubscriberSpec::default()
        })
    }

    /// Creates the subscriber on `bus`, or lists every problem (with its warnings).
    pub fn create(
        &self,
        bus: &EventBus,
        engine: Option<&dyn JsonataEngine>,
    ) -> Result<Subscriber, Vec<ProblemLine>> {
        let spec = self.spec(&bus.arn)?;
        spec.create(
            &SubscriberContext {
                region: REGION,
                account: ACCOUNT,
                now_ms: NOW_MS,
                bus: Some(bus),
                engine,
            },
            &IdGenerator::new(1),
        )
        .map_err(|p| lines_of(&p))
    }
}

/// The warnings of a created subscriber.
pub fn warnings_of(subscriber: &Subscriber) -> Vec<ProblemLine> {
    lines_of(subscriber.warnings())
}

/// How a test event reaches the bus: through the partner event source when there is one (the
/// event keeps its `aws.partner/…` source), otherwise as the user's own `PutEvents` entry.
pub fn test_entry(
    envelope: &str,
    source: Option<&PartnerEventSource>,
) -> Result<(PublishEntry, EventOrigin), String> {
    match source {
        Some(source) => source
            .forward(envelope)
            .map(|entry| (entry, EventOrigin::EventSource))
            .ok_or_else(|| {
                "The event source does not forward this event: it is not a JSON event, or the source's pattern does not match it.".to_owned()
            }),
        None => PutEventsEntry::from_envelope(envelope, "")
            .map(|entry| (PublishEntry::PutEvents(entry), EventOrigin::PutEvents))
            .ok_or_else(|| "The test event is not a JSON object.".to_owned()),
    }
}

/// The page's bus location.
pub fn location() -> BusLocation {
    BusLocation {
        region: REGION.into(),
        account: ACCOUNT.into(),
    }
}

/// What the Classic target receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClassicInputChoice {
    /// The matched event.
    #[default]
    MatchedEvent,
    /// A part of it (`InputPath`).
    InputPath,
}

/// A Classic rule with one target, as the migration preview takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassicForm {
    /// The rule's name.
    pub name: String,
    /// Its event pattern, as written.
    pub pattern: String,
    /// The target's kind.
    pub target_kind: TargetKind,
    /// The target's ARN.
    pub target_arn: String,
    /// `MaximumRetryAttempts`; empty for Classic's default.
    pub max_retry_attempts: String,
    /// `MaximumEventAgeInSeconds`; empty for Classic's default.
    pub max_event_age_seconds: String,
    /// The dead-letter queue's ARN; empty for none.
    pub dead_letter_arn: String,
    /// What the target receives.
    pub input: ClassicInputChoice,
    /// The `InputPath`, when chosen.
    pub input_path: String,
}

impl Default for ClassicForm {
    fn default() -> Self {
        ClassicForm {
            name: "shopify-orders".into(),
            pattern: r#"{"source":[{"prefix":"aws.partner/shopify.com"}],"detail":{"metadata":{"X-Shopify-Topic":[{"wildcard":"orders/*"}]}}}"#.into(),
            target_kind: TargetKind::SqsQueue,
            target_arn: format!("arn:aws:sqs:{REGION}:{ACCOUNT}:orders"),
            max_retry_attempts: "185".into(),
            max_event_age_seconds: "86400".into(),
            dead_letter_arn: format!("arn:aws:sqs:{REGION}:{ACCOUNT}:orders-dlq"),
            input: ClassicInputChoice::MatchedEvent,
            input_path: "$.detail".into(),
        }
    }
}

impl ClassicForm {
    /// The rule, or the fields that cannot be read.
    pub fn rule(&self) -> Result<ClassicRule, Vec<ProblemLine>> {
        let mut problems = Vec::new();
        let attempts = optional_number(
            "MaximumRetryAttempts",
            &self.max_retry_attempts,
            &mut problems,
        );
        let age = optional_number(
            "MaximumEventAgeInSeconds",
            &self.max_event_age_seconds,
            &mut problems,
        );
        let retry_policy = (attempts.is_some() || age.is_some()).then(|| {
            let defaults = aws_model::RetryPolicy::default();
            aws_model::RetryPolicy {
                maximum_retry_attempts: attempts.unwrap_or(defaults.maximum_retry_attempts),
                maximum_event_age_seconds: age.unwrap_or(defaults.maximum_event_age_seconds),
            }
        });
        if let Some(policy) = retry_policy {
            for problem in policy.problems() {
                problems.push(form_problem("RetryPolicy", problem.to_string()));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(ClassicRule {
            name: self.name.trim().to_owned(),
            region: REGION.into(),
            account: ACCOUNT.into(),
            event_pattern: self.pattern.clone(),
            targets: vec![ClassicTarget {
                id: "target-1".into(),
                kind: self.target_kind,
                arn: self.target_arn.trim().to_owned(),
                role_arn: None,
                retry_policy,
                dead_letter_arn: optional_text(&self.dead_letter_arn),
                input: match self.input {
                    ClassicInputChoice::MatchedEvent => ClassicInput::MatchedEvent,
                    ClassicInputChoice::InputPath => ClassicInput::Path(self.input_path.clone()),
                },
            }],
        })
    }
}

/// The outage drill's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillForm {
    /// Events per minute.
    pub events_per_minute: String,
    /// Minutes of traffic.
    pub traffic_minutes: String,
    /// When the outage starts, in minutes.
    pub outage_from_minute: String,
    /// How long it lasts, in minutes.
    pub outage_minutes: String,
}

impl Default for DrillForm {
    fn default() -> Self {
        DrillForm {
            events_per_minute: "2".into(),
            traffic_minutes: "120".into(),
            outage_from_minute: "10".into(),
            outage_minutes: "60".into(),
        }
    }
}

impl DrillForm {
    /// The drill of `rule` on `bus` with `events`, or the fields that cannot be read.
    pub fn drill(
        &self,
        rule: ClassicRule,
        bus: EventBus,
        events: Vec<String>,
    ) -> Result<OutageDrill, Vec<ProblemLine>> {
        let mut problems = Vec::new();
        let mut read =
            |at: &str, text: &str| -> u32 { optional_number(at, text, &mut problems).unwrap_or(0) };
        let events_per_minute = read("Events per minute", &self.events_per_minute);
        let traffic_minutes = read("Minutes of traffic", &self.traffic_minutes);
        let outage_from_minute = read("Outage starts at minute", &self.outage_from_minute);
        let outage_minutes = read("Outage lasts (minutes)", &self.outage_minutes);
        let drill = OutageDrill {
            rule,
            bus,
            events,
            events_per_minute,
            traffic_minutes,
            outage_from_minute,
            outage_minutes,
            start_ms: NOW_MS,
        };
        problems.extend(
            drill
                .problems()
                .into_iter()
                .map(|message| form_problem("Outage drill", message)),
        );
        if problems.is_empty() {
            Ok(drill)
        } else {
            Err(problems)
        }
    }
}

/// Where the workbench keeps its state (its rules among it).
pub const WORKBENCH_STATE_KEY: &str = "eventbridge-playground/state/v1";

/// The part of the workbench's saved state this page reads.
#[derive(serde::Deserialize)]
struct WorkbenchState {
    #[serde(default)]
    rules: rules::RuleStore,
}

/// The rules built in the workbench's rule builder, from its saved state; their patterns are
/// strings, carried as written.
pub fn saved_rules(state_json: &str) -> Result<Vec<rules::Rule>, String> {
    let state: WorkbenchState = serde_json::from_str(state_json)
        .map_err(|e| format!("the rule builder's saved rules could not be read ({e})"))?;
    Ok(state.rules.iter().cloned().collect())
}

/// How the migration step names a saved rule.
pub fn saved_rule_label(rule: &rules::Rule) -> String {
    let targets = rule.targets.len();
    format!(
        "{} on {} in {} ({targets} target{})",
        rule.name,
        rule.event_bus,
        rule.region,
        if targets == 1 { "" } else { "s" }
    )
}

/// The partner's sample events as Classic envelopes for the page's account and region.
pub fn sample_events(partner: &catalog::Partner) -> Vec<String> {
    partner
        .samples()
        .iter()
        .map(|sample| sample.event_for(ACCOUNT, REGION))
        .collect()
}

#[cfg(test)]
mod tests;
