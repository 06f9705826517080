//! Buses and subscribers: the requests as written, their validation (every problem, each with
//! its member path), and the checked forms the simulation runs.
//!
//! Sources:
//! - bus retention 1-365 days, 1 by default:
//!   <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-create.html>,
//!   <https://docs.aws.amazon.com/eventbridgev2/latest/APIReference/API_StorageConfigurationOutput.html>;
//! - subscriber members (`Name`, `EventBusArn`, `InvokeConfiguration{TargetArn, RoleArn}`,
//!   `FilterConfiguration`, `Transformer`, `RetryPolicy`, `OnFailureConfiguration`,
//!   `BatchConfiguration`, `Type`, `StartingPosition`, `PointInTimeConfiguration`, `State`):
//!   <https://docs.aws.amazon.com/eventbridgev2/latest/APIReference/API_CreateSubscriber.html>;
//! - `RetryPolicy` (`MaxRetryAttempts` 0-185 default 5, `MaxEventAgeInSeconds` 60-86,400
//!   default 300, `RetryStrategy` `ALL`):
//!   <https://docs.aws.amazon.com/zh_cn/eventbridgev2/latest/APIReference/API_RetryPolicy.html>,
//!   <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-retry.html>;
//! - `BatchConfiguration` (`MaxBatchSize` 1-500, window 0-300 s) and the per-target maxima:
//!   <https://docs.aws.amazon.com/eventbridgev2/latest/APIReference/API_BatchConfiguration.html>,
//!   <https://docs.amazonaws.cn/AWSCloudFormation/latest/TemplateReference/aws-properties-eventsv2-subscriber-batchconfiguration.html>;
//! - `StartingPosition` `LATEST`/`POINT_IN_TIME` with `PointInTimeConfiguration{PointType
//!   HORIZON|TIMESTAMP, StartingPoint, EndPoint}`:
//!   <https://docs.aws.amazon.com/eventbridgev2/latest/APIReference/API_PointInTimeConfiguration.html>,
//!   <https://docs.amazonaws.cn/en_us/eventbridge/latest/userguide/eb-custom-bus-replay.md>;
//! - target resolution from the ARN, its texts (`TargetArn is not a supported subscriber
//!   target`, `TargetArn must be in region …`, `… must not reference the subscriber's own event
//!   bus`) and that only ARN shape, region, partition and account are checked (secondary, AWS's
//!   agent toolkit: <https://github.com/aws/agent-toolkit-for-aws/blob/main/skills/specialized-skills/serverless-skills/amazon-eventbridge-event-bus/references/target-contract.md>).

use std::fmt::Write as _;

use aws_model::{Arn, MAX_EVENT_AGE_SECONDS, MAX_RETRY_ATTEMPTS, MIN_EVENT_AGE_SECONDS};

use crate::event::{BusEvent, BusLocation, DeliveryType, EventOrigin, PublishEntry};
use crate::filter::{CompiledFilters, FilterConfiguration, FilterExplanation, ScopeDocuments};
use crate::ids::{self, IdGenerator};
use crate::problem::{FieldPath, Problem, ProblemKind, Problems};
use crate::transform::{
    CompiledTransformer, JsonataEngine, TransformFailure, Transformer, TransformerType,
};

/// What [`Subscriber::try_entry`] found.
#[derive(Debug)]
pub enum EntryTrial {
    /// The bus refuses the entry when it is published: its problems, in words.
    Refused(Vec<String>),
    /// The bus stores it and the subscriber's filters read it.
    Evaluated {
        /// The event as stored, with its scopes.
        event: Box<BusEvent>,
        /// Each filter's verdict.
        filters: FilterExplanation,
        /// When every filter matched: the transformed payload, or why the delivery fails.
        payload: Option<Result<String, TransformFailure>>,
    },
}

/// Default `MaxRetryAttempts` of a subscriber (Classic targets: 185).
pub const DEFAULT_MAX_RETRY_ATTEMPTS: u32 = 5;
/// Default `MaxEventAgeInSeconds` of a subscriber (Classic targets: 86,400).
pub const DEFAULT_MAX_EVENT_AGE_SECONDS: u32 = 300;
/// Shortest bus retention, in days.
pub const MIN_RETENTION_DAYS: u32 = 1;
/// Longest bus retention, in days.
pub const MAX_RETENTION_DAYS: u32 = 365;
/// Retention of a bus created without `StorageConfiguration`.
pub const DEFAULT_RETENTION_DAYS: u32 = 1;
/// Largest `MaxBatchSize`.
pub const MAX_BATCH_SIZE: u32 = 500;
/// Longest `MaxBatchWindowInSeconds`.
pub const MAX_BATCH_WINDOW_SECONDS: u32 = 300;
/// Subscribers per bus (adjustable), counting every account
/// (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html>).
pub const MAX_SUBSCRIBERS_PER_BUS: usize = 10_000;

const DAY_MS: i64 = 86_400_000;

/// `CreateEventBus`, the members the playground models.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventBusSpec {
    /// `Name`.
    pub name: String,
    /// `StorageConfiguration.RetentionPeriodInDays`; `None` is AWS's default of one day.
    pub retention_days: Option<u32>,
}

/// A created bus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventBus {
    /// `Name`.
    pub name: String,
    /// `event-busv2/<name>/<id>` ARN.
    pub arn: String,
    /// Retention in days.
    pub retention_days: u32,
    /// Simulated creation time (ms since the epoch); retention never reaches before it.
    pub created_at_ms: i64,
}

impl EventBusSpec {
    /// Checks the request and creates the bus with a generated id.
    pub fn create(
        &self,
        region: &str,
        account: &str,
        ids: &IdGenerator,
        created_at_ms: i64,
    ) -> Result<EventBus, Problems> {
        let mut problems = Problems::default();
        if let Err(problem) = ids::check_resource_name(&self.name) {
            problems.push(Problem::ours(
                FieldPath::root().field("Name"),
                ProblemKind::BadName,
                problem.to_string(),
            ));
        }
        let retention = self.retention_days.unwrap_or(DEFAULT_RETENTION_DAYS);
        if !(MIN_RETENTION_DAYS..=MAX_RETENTION_DAYS).contains(&retention) {
            problems.push(Problem::ours(
                FieldPath::root()
                    .field("StorageConfiguration")
                    .field("RetentionPeriodInDays"),
                ProblemKind::OutOfRange,
                format!("Retention is {MIN_RETENTION_DAYS} to {MAX_RETENTION_DAYS} days; {retention} is outside."),
            ));
        }
        if !problems.is_accepted() {
            return Err(problems);
        }
        let id = ids.resource_id("bus", &self.name);
        Ok(EventBus {
            name: self.name.clone(),
            arn: ids::bus_arn(region, account, &self.name, &id),
            retention_days: retention,
            created_at_ms,
        })
    }
}

impl EventBus {
    /// `RetentionWindowStartTime` at `now_ms`: the earliest event still readable, never before
    /// the bus existed.
    pub fn retention_window_start_ms(&self, now_ms: i64) -> i64 {
        (now_ms - i64::from(self.retention_days) * DAY_MS).max(self.created_at_ms)
    }
}

aws_model::string_enum! {
    /// `RetryPolicy.RetryStrategy`; `ALL` retries every failure class.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum RetryStrategy {
        /// "Retry all exceptions regardless of classification".
        #[default]
        All = "ALL",
    }
}

/// A subscriber's `RetryPolicy` as written: members left out take the new bus's defaults (5
/// retries, 300 seconds), not Classic's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RetryPolicy {
    /// `MaxRetryAttempts`, 0-185.
    pub max_retry_attempts: Option<u32>,
    /// `MaxEventAgeInSeconds`, 60-86,400.
    pub max_event_age_seconds: Option<u32>,
    /// `RetryStrategy`.
    pub retry_strategy: RetryStrategy,
}

/// The limits delivery applies, defaults filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EffectiveRetryPolicy {
    /// Retries after the first attempt.
    pub max_retry_attempts: u32,
    /// Age limit in seconds.
    pub max_event_age_seconds: u32,
}

impl Default for EffectiveRetryPolicy {
    fn default() -> Self {
        EffectiveRetryPolicy {
            max_retry_attempts: DEFAULT_MAX_RETRY_ATTEMPTS,
            max_event_age_seconds: DEFAULT_MAX_EVENT_AGE_SECONDS,
        }
    }
}

impl RetryPolicy {
    /// The limits with the defaults for members left out.
    pub fn effective(&self) -> EffectiveRetryPolicy {
        EffectiveRetryPolicy {
            max_retry_attempts: self
                .max_retry_attempts
                .unwrap_or(DEFAULT_MAX_RETRY_ATTEMPTS),
            max_event_age_seconds: self
                .max_event_age_seconds
                .unwrap_or(DEFAULT_MAX_EVENT_AGE_SECONDS),
        }
    }

    fn problems(&self, path: &FieldPath) -> Problems {
        let mut problems = Problems::default();
        if let Some(attempts) = self.max_retry_attempts {
            if attempts > MAX_RETRY_ATTEMPTS {
                problems.push(Problem::ours(
                    path.field("MaxRetryAttempts"),
                    ProblemKind::OutOfRange,
                    format!(
                        "MaxRetryAttempts is 0 to {MAX_RETRY_ATTEMPTS}; {attempts} is outside."
                    ),
                ));
            }
        }
        if let Some(age) = self.max_event_age_seconds {
            if !(MIN_EVENT_AGE_SECONDS..=MAX_EVENT_AGE_SECONDS).contains(&age) {
                problems.push(Problem::ours(
                    path.field("MaxEventAgeInSeconds"),
                    ProblemKind::OutOfRange,
                    format!("MaxEventAgeInSeconds is {MIN_EVENT_AGE_SECONDS} to {MAX_EVENT_AGE_SECONDS}; {age} is outside."),
                ));
            }
        }
        problems
    }
}

impl EffectiveRetryPolicy {
    /// The policy in words, e.g. "up to 5 retries within 300 seconds (the defaults)".
    pub fn describe(&self) -> String {
        let defaults = *self == EffectiveRetryPolicy::default();
        format!(
            "up to {} {} within {} of the event's ingestion{}",
            self.max_retry_attempts,
            if self.max_retry_attempts == 1 {
                "retry"
            } else {
                "retries"
            },
            describe_seconds(self.max_event_age_seconds),
            if defaults {
                " (the new bus's defaults)"
            } else {
                ""
            }
        )
    }
}

/// `300` → "5 minutes", `86400` → "24 hours", `90` → "90 seconds".
pub fn describe_seconds(seconds: u32) -> String {
    match seconds {
        s if s % 3600 == 0 => format!("{} hour{}", s / 3600, if s == 3600 { "" } else { "s" }),
        s if s % 60 == 0 => format!("{} minute{}", s / 60, if s == 60 { "" } else { "s" }),
        s => format!("{s} seconds"),
    }
}

aws_model::string_enum! {
    /// `Type`: delivery order.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum SubscriberType {
        /// Parallel delivery, no order.
        #[default]
        Unordered = "UNORDERED",
        /// Publish order within each event group.
        Fifo = "FIFO",
    }
}

aws_model::string_enum! {
    /// `StartingPosition`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum StartingPosition {
        /// Only events published after the subscriber exists (the default, per the skill files).
        #[default]
        Latest = "LATEST",
        /// From a point in the bus's retention window.
        PointInTime = "POINT_IN_TIME",
    }
}

aws_model::string_enum! {
    /// `PointInTimeConfiguration.PointType`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum PointType {
        /// The oldest retained event.
        Horizon = "HORIZON",
        /// `StartingPoint`.
        Timestamp = "TIMESTAMP",
    }
}

aws_model::string_enum! {
    /// `State`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum SubscriberState {
        /// Delivering.
        #[default]
        Running = "RUNNING",
        /// Paused; events accrue as a backlog.
        Stopped = "STOPPED",
    }
}

/// `PointInTimeConfiguration`; times are simulated milliseconds since the epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PointInTimeConfiguration {
    /// `PointType`.
    pub point_type: PointType,
    /// `StartingPoint`, for `TIMESTAMP`.
    pub starting_point_ms: Option<i64>,
    /// `EndPoint`: the subscriber stops after it.
    pub end_point_ms: Option<i64>,
}

/// `BatchConfiguration`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BatchConfiguration {
    /// `MaxBatchSize`, 1-500 and at most the target's maximum.
    pub max_batch_size: Option<u32>,
    /// `MaxBatchWindowInSeconds`, 0-300, default 0.
    pub max_batch_window_seconds: Option<u32>,
}

aws_model::string_enum! {
    /// What a subscriber delivers to, resolved from the target ARN.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum SubscriberTargetKind {
        /// `arn:…:sqs:…:<queue>`.
        SqsQueue = "SQS",
        /// `arn:…:sns:…:<topic>`.
        SnsTopic = "SNS",
        /// `arn:…:lambda:…:function:<name>[:<qualifier>]`.
        LambdaFunction = "LAMBDA",
        /// `arn:…:kinesis:…:stream/<name>`.
        KinesisStream = "KINESIS",
        /// `arn:…:states:…:stateMachine:<name>[:<version>]`.
        StepFunctions = "STEP_FUNCTIONS",
        /// `arn:…:firehose:…:deliverystream/<name>`.
        Firehose = "FIREHOSE",
        /// `arn:…:execute-api:…:<apiId>/<stage>/<method>[/<path>]`.
        ApiGateway = "API_GATEWAY",
        /// `arn:…:events:…:api-destination/<name>/<id>`.
        ApiDestination = "API_DESTINATION",
        /// `arn:…:events:…:event-busv2/<name>/<id>`: another Custom Event Bus.
        CustomEventBus = "EVENT_BUS_V2",
        /// `arn:…:events:…:event-bus/<name>`: a Custom Event Bus - Classic.
        ClassicEventBus = "EVENT_BUS_CLASSIC",
    }
}

impl SubscriberTargetKind {
    /// The name a picker shows.
    pub fn label(self) -> &'static str {
        match self {
            SubscriberTargetKind::SqsQueue => "SQS queue",
            SubscriberTargetKind::SnsTopic => "SNS topic",
            SubscriberTargetKind::LambdaFunction => "Lambda function",
            SubscriberTargetKind::KinesisStream => "Kinesis stream",
            SubscriberTargetKind::StepFunctions => "Step Functions state machine",
            SubscriberTargetKind::Firehose => "Firehose stream",
            SubscriberTargetKind::ApiGateway => "API Gateway",
            SubscriberTargetKind::ApiDestination => "API destination",
            SubscriberTargetKind::CustomEventBus => "Custom Event Bus",
            SubscriberTargetKind::ClassicEventBus => "Custom Event Bus - Classic",
        }
    }

    /// The largest batch the target takes, and the default `MaxBatchSize` (see DESIGN.md: the
    /// sources disagree on the default; we use the target's maximum, capped by the API's
    /// "default: 10, or the target API's per-batch maximum" where that is smaller).
    pub fn max_batch_size(self) -> u32 {
        match self {
            SubscriberTargetKind::KinesisStream | SubscriberTargetKind::Firehose => 500,
            SubscriberTargetKind::LambdaFunction
            | SubscriberTargetKind::StepFunctions
            | SubscriberTargetKind::CustomEventBus => 100,
            SubscriberTargetKind::SqsQueue
            | SubscriberTargetKind::SnsTopic
            | SubscriberTargetKind::ClassicEventBus => 10,
            SubscriberTargetKind::ApiGateway | SubscriberTargetKind::ApiDestination => 1,
        }
    }

    /// The Classic target kind of the same resource, for migration.
    pub fn classic_kind(self) -> Option<aws_model::TargetKind> {
        use aws_model::TargetKind as K;
        Some(match self {
            SubscriberTargetKind::SqsQueue => K::SqsQueue,
            SubscriberTargetKind::SnsTopic => K::SnsTopic,
            SubscriberTargetKind::LambdaFunction => K::LambdaFunction,
            SubscriberTargetKind::KinesisStream => K::KinesisStream,
            SubscriberTargetKind::StepFunctions => K::StepFunctionsStateMachine,
            SubscriberTargetKind::Firehose => K::FirehoseStream,
            SubscriberTargetKind::ApiDestination => K::ApiDestination,
            SubscriberTargetKind::ClassicEventBus => K::EventBus,
            SubscriberTargetKind::ApiGateway | SubscriberTargetKind::CustomEventBus => return None,
        })
    }

    /// Reads the kind from a target ARN's service and resource, or says which shape was
    /// expected (AWS's wording, from the toolkit's target contract).
    pub fn resolve(arn: &Arn<'_>) -> Result<SubscriberTargetKind, String> {
        let resource = arn.resource();
        let shape = |kind: SubscriberTargetKind, ok: bool, form: &str| {
            if ok {
                Ok(kind)
            } else {
                Err(format!("TargetArn resource must be of the form {form}"))
            }
        };
        let token = |text: &str| !text.is_empty() && !text.contains(['/', ':']);
        match arn.service() {
            "sqs" => shape(
                SubscriberTargetKind::SqsQueue,
                token(resource),
                "{queueName}",
            ),
            "sns" => shape(
                SubscriberTargetKind::SnsTopic,
                token(resource),
                "{topicName}",
            ),
            "lambda" => {
                let ok = resource.strip_prefix("function:").is_some_and(|rest| {
                    let mut parts = rest.split(':');
                    parts.next().is_some_and(token)
                        && parts.next().is_none_or(token)
                        && parts.next().is_none()
                });
                shape(
                    SubscriberTargetKind::LambdaFunction,
                    ok,
                    "function:{name}[:{qualifier}]",
                )
            }
            "kinesis" => shape(
                SubscriberTargetKind::KinesisStream,
                resource.strip_prefix("stream/").is_some_and(token),
                "stream/{name}",
            ),
            "states" => {
                let ok = resource.strip_prefix("stateMachine:").is_some_and(|rest| {
                    let mut parts = rest.split(':');
                    parts.next().is_some_and(token)
                        && parts.next().is_none_or(token)
                        && parts.next().is_none()
                });
                shape(
                    SubscriberTargetKind::StepFunctions,
                    ok,
                    "stateMachine:{name}[:{version}]",
                )
            }
            "firehose" => shape(
                SubscriberTargetKind::Firehose,
                resource.strip_prefix("deliverystream/").is_some_and(token),
                "deliverystream/{name}",
            ),
            "execute-api" => {
                let parts: Vec<&str> = resource.splitn(4, '/').collect();
                let ok = parts.len() >= 3 && parts[..3].iter().all(|p| !p.trim().is_empty());
                shape(
                    SubscriberTargetKind::ApiGateway,
                    ok,
                    "{apiId}/{stage}/{method}[/{path}]",
                )
            }
            "events" => {
                if let Some(rest) = resource.strip_prefix("api-destination/") {
                    let ok = rest
                        .split_once('/')
                        .is_some_and(|(n, id)| token(n) && token(id));
                    shape(
                        SubscriberTargetKind::ApiDestination,
                        ok,
                        "api-destination/{name}/{id}",
                    )
                } else if let Some(rest) = resource.strip_prefix("event-busv2/") {
                    let ok = rest
                        .split_once('/')
                        .is_some_and(|(n, id)| token(n) && token(id));
                    shape(
                        SubscriberTargetKind::CustomEventBus,
                        ok,
                        "event-busv2/{name}/{id}",
                    )
                } else if let Some(name) = resource.strip_prefix("event-bus/") {
                    shape(
                        SubscriberTargetKind::ClassicEventBus,
                        !name.is_empty(),
                        "event-bus/{name}",
                    )
                } else {
                    Err("TargetArn is not a supported subscriber target".to_owned())
                }
            }
            _ => Err("TargetArn is not a supported subscriber target".to_owned()),
        }
    }
}

/// `InvokeConfiguration`, the members modelled here (the per-target parameter blocks are not).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InvokeConfiguration {
    /// `TargetArn`.
    pub target_arn: String,
    /// `RoleArn`: the delivery role.
    pub role_arn: String,
}

/// `CreateSubscriber` as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SubscriberSpec {
    /// `Name`.
    pub name: String,
    /// `EventBusArn`.
    pub event_bus_arn: String,
    /// `InvokeConfiguration`.
    pub invoke: InvokeConfiguration,
    /// `FilterConfiguration`; `None` receives every event.
    pub filter_configuration: Option<FilterConfiguration>,
    /// `Transformer`; `None` is `RAW`.
    pub transformer: Option<Transformer>,
    /// `RetryPolicy`; `None` is the defaults.
    pub retry_policy: Option<RetryPolicy>,
    /// `OnFailureConfiguration.Arn`: the dead-letter queue.
    pub on_failure_arn: Option<String>,
    /// `BatchConfiguration`.
    pub batch: Option<BatchConfiguration>,
    /// `Type`.
    pub kind: SubscriberType,
    /// `StartingPosition`.
    pub starting_position: StartingPosition,
    /// `PointInTimeConfiguration`.
    pub point_in_time: Option<PointInTimeConfiguration>,
    /// `State`.
    pub state: SubscriberState,
}

/// What validation needs to know besides the request.
#[derive(Clone, Copy)]
pub struct SubscriberContext<'a> {
    /// The region of the endpoint called.
    pub region: &'a str,
    /// The caller's account.
    pub account: &'a str,
    /// Simulated time of the call.
    pub now_ms: i64,
    /// The bus, when known, for point-in-time checks.
    pub bus: Option<&'a EventBus>,
    /// The JSONata engine that checks expressions.
    pub engine: Option<&'a dyn JsonataEngine>,
}

/// A checked subscriber, ready for delivery.
#[derive(Debug)]
pub struct Subscriber {
    spec: SubscriberSpec,
    arn: String,
    target_kind: SubscriberTargetKind,
    filters: CompiledFilters,
    transformer: CompiledTransformer,
    retry: EffectiveRetryPolicy,
    max_batch_size: u32,
    warnings: Problems,
}

impl SubscriberSpec {
    /// Checks every member and, when nothing refuses the request, returns the subscriber (with
    /// its warnings). Otherwise every problem, errors and warnings, in member order.
    pub fn create(
        &self,
        context: &SubscriberContext<'_>,
        ids: &IdGenerator,
    ) -> Result<Subscriber, Problems> {
        let root = FieldPath::root();
        let mut problems = Problems::default();
        if let Err(problem) = ids::check_resource_name(&self.name) {
            problems.push(Problem::ours(
                root.field("Name"),
                ProblemKind::BadName,
                problem.to_string(),
            ));
        }
        if let Err(error) = ids::parse_bus_arn(&self.event_bus_arn) {
            problems.push(Problem::ours(
                root.field("EventBusArn"),
                ProblemKind::BadArn,
                error.to_string(),
            ));
        }

        let invoke = root.field("InvokeConfiguration");
        let target_kind = check_target(self, context, &invoke.field("TargetArn"), &mut problems);
        if self.invoke.role_arn.trim().is_empty() {
            problems.push(Problem::ours(invoke.field("RoleArn"), ProblemKind::Missing, "Enter the delivery role's ARN: EventBridge assumes it to call the target (and to write the dead-letter queue)."));
        } else if let Err(error) = aws_model::check_role_arn(&self.invoke.role_arn, context.region)
        {
            problems.push(Problem::ours(
                invoke.field("RoleArn"),
                ProblemKind::BadArn,
                error.to_string(),
            ));
        }

        let (filters, filter_problems) = CompiledFilters::compile(
            self.filter_configuration.as_ref(),
            &root.field("FilterConfiguration"),
        );
        problems.extend(filter_problems);

        let transformer_path = root.field("Transformer");
        let (transformer, transformer_problems) = CompiledTransformer::compile(
            self.transformer.as_ref(),
            context.engine,
            &transformer_path,
        );
        problems.extend(transformer_problems);
        let kind = self
            .transformer
            .as_ref()
            .map(|t| t.kind)
            .unwrap_or_default();
        if target_kind == Some(SubscriberTargetKind::ClassicEventBus)
            && kind != TransformerType::Raw
        {
            problems.push(Problem::ours(transformer_path.field("Type"), ProblemKind::Conflict, format!("A subscriber whose target is a Custom Event Bus - Classic supports only RAW; Type is {}.", kind.as_str())));
        }

        let retry = self.retry_policy.unwrap_or_default();
        problems.extend(retry.problems(&root.field("RetryPolicy")));

        if let Some(arn) = &self.on_failure_arn {
            let path = root.field("OnFailureConfiguration").field("Arn");
            if let Err(error) =
                aws_model::check_target_arn(aws_model::TargetKind::SqsQueue, arn, context.region)
            {
                problems.push(Problem::ours(
                    path,
                    ProblemKind::BadArn,
                    format!("The dead-letter destination must be an SQS queue: {error}"),
                ));
            }
        }

        let max_batch_size = check_batch(
            self.batch,
            target_kind,
            &root.field("BatchConfiguration"),
            &mut problems,
        );
        check_starting_position(self, context, &root, &mut problems);

        match (problems.is_accepted(), target_kind, transformer) {
            (true, Some(target_kind), Some(transformer)) => {
                let id = ids.resource_id("subscriber", &self.name);
                Ok(Subscriber {
                    spec: self.clone(),
                    arn: ids::subscriber_arn(context.region, context.account, &self.name, &id),
                    target_kind,
                    filters,
                    transformer,
                    retry: retry.effective(),
                    max_batch_size,
                    warnings: problems,
                })
            }
            _ => Err(problems),
        }
    }
}

fn check_target(
    spec: &SubscriberSpec,
    context: &SubscriberContext<'_>,
    path: &FieldPath,
    problems: &mut Problems,
) -> Option<SubscriberTargetKind> {
    let text = spec.invoke.target_arn.trim();
    if text.is_empty() {
        problems.push(Problem::ours(
            path.clone(),
            ProblemKind::Missing,
            "Enter the target's ARN: a subscriber delivers to exactly one target.",
        ));
        return None;
    }
    let arn = match Arn::parse(text) {
        Ok(arn) => arn,
        Err(error) => {
            problems.push(Problem::ours(
                path.clone(),
                ProblemKind::BadArn,
                format!("This is not an ARN: {error}."),
            ));
            return None;
        }
    };
    let kind = match SubscriberTargetKind::resolve(&arn) {
        Ok(kind) => kind,
        Err(message) => {
            problems.push(Problem::aws(path.clone(), ProblemKind::BadArn, message));
            return None;
        }
    };
    let partition = aws_model::Partition::of_region(context.region);
    if arn.partition() != partition {
        problems.push(Problem::aws(
            path.clone(),
            ProblemKind::BadArn,
            format!("TargetArn must be in partition {}", partition.as_str()),
        ));
    }
    // A new-custom-bus target is exempt from the region check.
    if kind != SubscriberTargetKind::CustomEventBus && arn.region() != context.region {
        problems.push(Problem::aws(
            path.clone(),
            ProblemKind::BadArn,
            format!("TargetArn must be in region {}", context.region),
        ));
    }
    if arn.account() != context.account {
        problems.push(Problem::aws(
            path.clone(),
            ProblemKind::BadArn,
            format!(
                "Target resource account ({}) must match the subscriber account ({})",
                arn.account(),
                context.account
            ),
        ));
    }
    if text == spec.event_bus_arn.trim() {
        problems.push(Problem::aws(
            path.clone(),
            ProblemKind::Conflict,
            "InvokeConfiguration.TargetArn must not reference the subscriber's own event bus",
        ));
    }
    Some(kind)
}

fn check_batch(
    batch: Option<BatchConfiguration>,
    target: Option<SubscriberTargetKind>,
    path: &FieldPath,
    problems: &mut Problems,
) -> u32 {
    let target_max = target.map_or(MAX_BATCH_SIZE, SubscriberTargetKind::max_batch_size);
    let Some(batch) = batch else {
        return target_max;
    };
    if let Some(size) = batch.max_batch_size {
        if !(1..=MAX_BATCH_SIZE).contains(&size) {
            problems.push(Problem::ours(
                path.field("MaxBatchSize"),
                ProblemKind::OutOfRange,
                format!("MaxBatchSize is 1 to {MAX_BATCH_SIZE}; {size} is outside."),
            ));
        } else if size > target_max {
            problems.push(Problem::ours(path.field("MaxBatchSize"), ProblemKind::OutOfRange, format!("This target takes at most {target_max} events per batch; MaxBatchSize is {size}.")));
        }
    }
    if let Some(window) = batch.max_batch_window_seconds {
        if window > MAX_BATCH_WINDOW_SECONDS {
            problems.push(Problem::ours(path.field("MaxBatchWindowInSeconds"), ProblemKind::OutOfRange, format!("MaxBatchWindowInSeconds is 0 to {MAX_BATCH_WINDOW_SECONDS}; {window} is outside.")));
        }
    }
    batch
        .max_batch_size
        .unwrap_or(target_max)
        .clamp(1, target_max)
}

fn check_starting_position(
    spec: &SubscriberSpec,
    context: &SubscriberContext<'_>,
    root: &FieldPath,
    problems: &mut Problems,
) {
    let path = root.field("PointInTimeConfiguration");
    match (spec.starting_position, &spec.point_in_time) {
        (StartingPosition::Latest, None) => {}
        (StartingPosition::Latest, Some(_)) => problems.push(Problem::ours(path, ProblemKind::Conflict, "PointInTimeConfiguration applies only with StartingPosition POINT_IN_TIME.")),
        (StartingPosition::PointInTime, None) => problems.push(Problem::ours(path.field("PointType"), ProblemKind::Missing, "StartingPosition POINT_IN_TIME needs PointInTimeConfiguration.PointType (HORIZON or TIMESTAMP).")),
        (StartingPosition::PointInTime, Some(point)) => {
            let start = match (point.point_type, point.starting_point_ms) {
                (PointType::Timestamp, None) => {
                    problems.push(Problem::ours(path.field("StartingPoint"), ProblemKind::Missing, "PointType TIMESTAMP needs a StartingPoint."));
                    None
                }
                (PointType::Timestamp, Some(start)) => {
                    if start > context.now_ms {
                        problems.push(Problem::ours(path.field("StartingPoint"), ProblemKind::OutOfRange, "The StartingPoint is in the future; it must lie inside the bus's retention window."));
                    } else if let Some(bus) = context.bus {
                        let window = bus.retention_window_start_ms(context.now_ms);
                        if start < window {
                            problems.push(Problem::ours(path.field("StartingPoint"), ProblemKind::OutOfRange, format!("The StartingPoint is before the retention window, which starts at {}.", ids::format_time_seconds(window))));
                        }
                    }
                    Some(start)
                }
                (PointType::Horizon, Some(_)) => {
                    problems.push(Problem::ours(path.field("StartingPoint"), ProblemKind::Conflict, "StartingPoint applies only to PointType TIMESTAMP; HORIZON starts at the oldest retained event."));
                    None
                }
                (PointType::Horizon, None) => None,
            };
            if let (Some(end), Some(start)) = (point.end_point_ms, start) {
                if end <= start {
                    problems.push(Problem::ours(path.field("EndPoint"), ProblemKind::OutOfRange, "The EndPoint must come after the StartingPoint."));
                }
            }
        }
    }
}

impl Subscriber {
    /// The request it was created from.
    pub fn spec(&self) -> &SubscriberSpec {
        &self.spec
    }

    /// Its ARN (shape from the documentation's examples).
    pub fn arn(&self) -> &str {
        &self.arn
    }

    /// `Name`.
    pub fn name(&self) -> &str {
        &self.spec.name
    }

    /// What the target is.
    pub fn target_kind(&self) -> SubscriberTargetKind {
        self.target_kind
    }

    /// The parsed filters.
    pub fn filters(&self) -> &CompiledFilters {
        &self.filters
    }

    /// The checked transformer.
    pub fn transformer(&self) -> &CompiledTransformer {
        &self.transformer
    }

    /// The retry limits in force.
    pub fn retry(&self) -> EffectiveRetryPolicy {
        self.retry
    }

    /// Events per target call.
    pub fn max_batch_size(&self) -> u32 {
        self.max_batch_size
    }

    /// Warnings validation raised (accepted, but advised against).
    pub fn warnings(&self) -> &Problems {
        &self.warnings
    }

    /// What this subscriber would do with one published entry, as a builder's "test" button
    /// shows it: the bus stores the entry (failing as `PutEvents` would, with the entry's
    /// problems), each filter gives its verdict per scope, and a delivered event shows the
    /// payload the transformer makes of it, or the transformer's failure.
    pub fn try_entry(
        &self,
        entry: &PublishEntry,
        origin: EventOrigin,
        location: &BusLocation,
        now_ms: i64,
    ) -> EntryTrial {
        let problems = entry.problems_from(origin);
        if !problems.is_empty() {
            return EntryTrial::Refused(problems.iter().map(ToString::to_string).collect());
        }
        let event = BusEvent::store(entry, origin, 1, "trial".into(), now_ms, location);
        let documents = ScopeDocuments::new(&event, DeliveryType::Live);
        let filters = self.filters.explain(&documents);
        let payload = filters
            .matched()
            .then(|| self.transformer.apply(&event, DeliveryType::Live, now_ms));
        EntryTrial::Evaluated {
            event: Box::new(event),
            filters,
            payload,
        }
    }

    /// The subscriber in words, one line per aspect.
    pub fn describe(&self) -> String {
        let spec = &self.spec;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Subscriber {} delivers to the {} {}.",
            spec.name,
            self.target_kind.label(),
            spec.invoke.target_arn
        );
        match &spec.filter_configuration {
            None => {
                let _ = writeln!(out, "Filters: none, so it receives every event on the bus.");
            }
            Some(config) => {
                let parts: Vec<String> = config
                    .filters
                    .iter()
                    .map(|f| format!("{} {}", f.scope.as_str(), f.pattern))
                    .collect();
                let _ = writeln!(out, "Filters (all must match): {}.", parts.join(" AND "));
            }
        }
        let transform = match &self.transformer {
            CompiledTransformer::Raw => "RAW: the target receives the published data unchanged".to_owned(),
            CompiledTransformer::WithMetadata => "WITH_METADATA: the target receives {Data, Metadata, SystemMetadata}".to_owned(),
            CompiledTransformer::Jsonata { expression, .. } => format!("JSONATA: the target receives the result of {expression}; an error or an empty result fails the delivery"),
        };
        let _ = writeln!(out, "Transformer: {transform}.");
        let _ = writeln!(
            out,
            "Retries: {}; every failure, permanent ones included, is retried on this budget.",
            self.retry.describe()
        );
        match &spec.on_failure_arn {
            Some(arn) => {
                let _ = writeln!(
                    out,
                    "Then: one JSON failure record per failed batch goes to {arn}."
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "Then: the events are dropped; only the EventsDropped metric counts them."
                );
            }
        }
        let order = match spec.kind {
            SubscriberType::Unordered => "UNORDERED: events are delivered in parallel, in no particular order",
            SubscriberType::Fifo => "FIFO: publish order within each event group; a failing event holds back the events after it",
        };
        let _ = writeln!(out, "Ordering: {order}.");
        let start = match (spec.starting_position, spec.point_in_time) {
            (StartingPosition::Latest, _) => "LATEST: only events published after the subscriber exists".to_owned(),
            (StartingPosition::PointInTime, Some(PointInTimeConfiguration { point_type: PointType::Timestamp, starting_point_ms: Some(at), .. })) => format!("POINT_IN_TIME from {}: retained events from then on are replayed (aws:DeliveryType REPLAY)", ids::format_time_seconds(at)),
            (StartingPosition::PointInTime, _) => "POINT_IN_TIME from the HORIZON: every retained event is replayed first (aws:DeliveryType REPLAY)".to_owned(),
        };
        let _ = writeln!(out, "Starting position: {start}.");
        out
    }
}

#[cfg(test)]
mod tests;
