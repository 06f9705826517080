//! The kinds of targets a rule sends to, the facts EventBridge attaches to each kind, and the
//! ARN checks of targets, their roles and their dead-letter queues.
//!
//! Sources:
//! - Lambda, SNS, SQS and CloudWatch Logs targets let EventBridge in through a resource-based
//!   policy, every other kind through an IAM role EventBridge assumes, with the actions listed
//!   here (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html>,
//!   <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-identity-based.html>);
//! - a target is in the rule's region, except an event bus, which may be in another region
//!   (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html>);
//! - only API destinations answer with HTTP statuses
//!   (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html>);
//! - resource names per service: Lambda functions 1-64 (`CreateFunction`), SQS queues 1-80
//!   (`CreateQueue`), SNS topics 1-256 (`CreateTopic`), state machines 1-80
//!   (`CreateStateMachine`), Kinesis streams 1-128 (`CreateStream`), Firehose streams 1-64
//!   (`CreateDeliveryStream`), log groups 1-512 (`CreateLogGroup`), API destinations 1-64
//!   (`CreateApiDestination`), ECS clusters 1-255 (`CreateCluster`), CodeBuild projects 2-255
//!   (`CreateProject`), pipelines 1-100 (`CreatePipeline`), each in its service's API
//!   reference; resource ARN shapes from the Service Authorization Reference
//!   (<https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html>);
//! - IAM role names 1-64 of `[\w+=,.@-]`, paths of up to 512 characters
//!   (<https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html>);
//! - a dead-letter queue is a standard (not FIFO) SQS queue in the rule's region, possibly of
//!   another account (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html>);
//! - queue URLs are `https://sqs.<region>.<dns suffix>/<account>/<name>`
//!   (<https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-message-identifiers.html>).

use std::fmt;

use crate::account::is_account_id;
use crate::arn::{Arn, ArnError};
use crate::events::check_event_bus_name;
use crate::region::{is_region_code, Partition};
use crate::validation::is_token;

crate::string_enum! {
    /// What a target is; decides the ARN shape, whether an IAM role is needed and which
    /// target-specific settings apply.
    ///
    /// Names are the rule store's; the delivery simulator's older names (`lambda`, `sqs`,
    /// `api-destination`, ...) are still read.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum TargetKind {
        /// `arn:…:lambda:…:function:<name>`.
        LambdaFunction = "lambda_function" | "lambda",
        /// `arn:…:sqs:…:<queue>`.
        SqsQueue = "sqs_queue" | "sqs",
        /// `arn:…:sns:…:<topic>`.
        SnsTopic = "sns_topic" | "sns",
        /// `arn:…:states:…:stateMachine:<name>`.
        StepFunctionsStateMachine = "step_functions_state_machine" | "step-functions",
        /// `arn:…:kinesis:…:stream/<name>`.
        KinesisStream = "kinesis_stream" | "kinesis",
        /// `arn:…:firehose:…:deliverystream/<name>`.
        FirehoseStream = "firehose_stream",
        /// `arn:…:logs:…:log-group:<name>`.
        CloudWatchLogGroup = "cloud_watch_log_group",
        /// `arn:…:events:…:api-destination/<name>`; the only kind that answers with HTTP
        /// statuses.
        ApiDestination = "api_destination" | "api-destination",
        /// `arn:…:events:…:event-bus/<name>`, possibly in another account or region.
        EventBus = "event_bus" | "event-bus",
        /// `arn:…:ecs:…:cluster/<name>`.
        EcsTask = "ecs_task",
        /// `arn:…:codebuild:…:project/<name>`.
        CodeBuildProject = "code_build_project",
        /// `arn:…:codepipeline:…:<name>`.
        CodePipeline = "code_pipeline",
    }
}

impl TargetKind {
    /// The name a picker shows.
    pub fn label(self) -> &'static str {
        match self {
            TargetKind::LambdaFunction => "Lambda function",
            TargetKind::SqsQueue => "SQS queue",
            TargetKind::SnsTopic => "SNS topic",
            TargetKind::StepFunctionsStateMachine => "Step Functions state machine",
            TargetKind::KinesisStream => "Kinesis stream",
            TargetKind::FirehoseStream => "Firehose stream",
            TargetKind::CloudWatchLogGroup => "CloudWatch log group",
            TargetKind::ApiDestination => "API destination",
            TargetKind::EventBus => "Event bus in another account or Region",
            TargetKind::EcsTask => "ECS task",
            TargetKind::CodeBuildProject => "CodeBuild project",
            TargetKind::CodePipeline => "CodePipeline",
        }
    }

    /// The service field of the kind's ARNs.
    pub fn arn_service(self) -> &'static str {
        match self {
            TargetKind::LambdaFunction => "lambda",
            TargetKind::SqsQueue => "sqs",
            TargetKind::SnsTopic => "sns",
            TargetKind::StepFunctionsStateMachine => "states",
            TargetKind::KinesisStream => "kinesis",
            TargetKind::FirehoseStream => "firehose",
            TargetKind::CloudWatchLogGroup => "logs",
            TargetKind::ApiDestination | TargetKind::EventBus => "events",
            TargetKind::EcsTask => "ecs",
            TargetKind::CodeBuildProject => "codebuild",
            TargetKind::CodePipeline => "codepipeline",
        }
    }

    /// Lambda, SQS, SNS and CloudWatch Logs let EventBridge in through a resource-based policy
    /// on the target; every other kind is called with an IAM role EventBridge assumes.
    pub fn needs_role(self) -> bool {
        self.role_actions().is_some()
    }

    /// Only event buses may live in another region than the rule.
    pub fn may_be_in_other_region(self) -> bool {
        self == TargetKind::EventBus
    }

    /// Only API destinations answer with HTTP statuses (and so fail with `SDK_CLIENT_ERROR`).
    pub fn answers_with_http_status(self) -> bool {
        self == TargetKind::ApiDestination
    }

    /// The actions an IAM role for this kind must allow on the target; `None` for kinds that
    /// use resource-based policies.
    pub fn role_actions(self) -> Option<&'static [&'static str]> {
        let actions: &'static [&'static str] = match self {
            TargetKind::LambdaFunction
            | TargetKind::SqsQueue
            | TargetKind::SnsTopic
            | TargetKind::CloudWatchLogGroup => return None,
            TargetKind::StepFunctionsStateMachine => &["states:StartExecution"],
            TargetKind::KinesisStream => &["kinesis:PutRecord", "kinesis:PutRecords"],
            TargetKind::FirehoseStream => &["firehose:PutRecord", "firehose:PutRecordBatch"],
            TargetKind::ApiDestination => &["events:InvokeApiDestination"],
            TargetKind::EventBus => &["events:PutEvents"],
            TargetKind::EcsTask => &["ecs:RunTask"],
            TargetKind::CodeBuildProject => &["codebuild:StartBuild"],
            TargetKind::CodePipeline => &["codepipeline:StartPipelineExecution"],
        };
        Some(actions)
    }

    /// The resource part of [`example_arn`] and a short description of the expected shape.
    fn resource_example(self) -> (&'static str, &'static str) {
        match self {
            TargetKind::LambdaFunction => (
                "function:my-function",
                "function:<name>[:<version or alias>]",
            ),
            TargetKind::SqsQueue => ("my-queue", "<queue-name>"),
            TargetKind::SnsTopic => ("my-topic", "<topic-name>"),
            TargetKind::StepFunctionsStateMachine => {
                ("stateMachine:my-state-machine", "stateMachine:<name>")
            }
            TargetKind::KinesisStream => ("stream/my-stream", "stream/<name>"),
            TargetKind::FirehoseStream => {
                ("deliverystream/my-firehose-stream", "deliverystream/<name>")
            }
            TargetKind::CloudWatchLogGroup => {
                ("log-group:/aws/events/my-log-group", "log-group:<name>")
            }
            TargetKind::ApiDestination => (
                "api-destination/my-api-destination/6c2a4e15-8f3b-4d2e-9a7c-1b5d3e8f0a24",
                "api-destination/<name>[/<id>]",
            ),
            TargetKind::EventBus => ("event-bus/my-event-bus", "event-bus/<name>"),
            TargetKind::EcsTask => ("cluster/my-cluster", "cluster/<cluster-name>"),
            TargetKind::CodeBuildProject => ("project/my-project", "project/<name>"),
            TargetKind::CodePipeline => ("my-pipeline", "<pipeline-name>"),
        }
    }

    /// Whether `resource` (the part after the account) has this kind's shape.
    fn resource_is_valid(self, resource: &str) -> bool {
        match self {
            TargetKind::LambdaFunction => match resource.strip_prefix("function:") {
                Some(rest) => {
                    let (name, qualifier) = split_once_or_whole(rest, ':');
                    is_token(name, "-_", 1, 64)
                        && qualifier.is_none_or(|q| q == "$LATEST" || is_token(q, "-_", 1, 128))
                }
                None => false,
            },
            TargetKind::SqsQueue => is_token(resource, "-_.", 1, 80) && !bad_fifo_dot(resource),
            TargetKind::SnsTopic => is_token(resource, "-_.", 1, 256) && !bad_fifo_dot(resource),
            TargetKind::StepFunctionsStateMachine => match resource.strip_prefix("stateMachine:") {
                Some(rest) => {
                    let (name, qualifier) = split_once_or_whole(rest, ':');
                    is_token(name, "-_", 1, 80)
                        && qualifier.is_none_or(|q| is_token(q, "-_", 1, 80))
                }
                None => false,
            },
            TargetKind::KinesisStream => resource
                .strip_prefix("stream/")
                .is_some_and(|name| is_token(name, "-_.", 1, 128)),
            TargetKind::FirehoseStream => resource
                .strip_prefix("deliverystream/")
                .is_some_and(|name| is_token(name, "-_.", 1, 64)),
            TargetKind::CloudWatchLogGroup => {
                resource.strip_prefix("log-group:").is_some_and(|rest| {
                    let name = rest.strip_suffix(":*").unwrap_or(rest);
                    is_token(name, "-_./#", 1, 512)
                })
            }
            TargetKind::ApiDestination => {
                resource
                    .strip_prefix("api-destination/")
                    .is_some_and(|rest| {
                        let (name, id) = split_once_or_whole(rest, '/');
                        is_token(name, "-_.", 1, 64) && id.is_none_or(|id| is_token(id, "-", 1, 64))
                    })
            }
            TargetKind::EventBus => resource
                .strip_prefix("event-bus/")
                .is_some_and(|name| check_event_bus_name(name).is_ok()),
            TargetKind::EcsTask => resource
                .strip_prefix("cluster/")
                .is_some_and(|name| is_token(name, "-_", 1, 255)),
            TargetKind::CodeBuildProject => resource
                .strip_prefix("project/")
                .is_some_and(|name| is_token(name, "-_", 2, 255)),
            TargetKind::CodePipeline => is_token(resource, "-_.@", 1, 100),
        }
    }
}

fn split_once_or_whole(text: &str, separator: char) -> (&str, Option<&str>) {
    match text.split_once(separator) {
        Some((head, tail)) => (head, Some(tail)),
        None => (text, None),
    }
}

/// Queue and topic names may contain a dot only as the `.fifo` suffix.
fn bad_fifo_dot(name: &str) -> bool {
    name.strip_suffix(".fifo").unwrap_or(name).contains('.')
}

/// Why an ARN cannot be used where it was given; the message says what to enter instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArnCheckError {
    message: String,
}

impl ArnCheckError {
    fn new(message: impl Into<String>) -> Self {
        ArnCheckError {
            message: message.into(),
        }
    }

    /// The message, also given by `Display`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ArnCheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ArnCheckError {}

impl From<ArnCheckError> for String {
    fn from(error: ArnCheckError) -> String {
        error.message
    }
}

/// Checks the fields every ARN a rule refers to shares: it is an ARN, its partition is the rule
/// region's, its service is `service`, and its account is an account id. Region and resource
/// are left to the caller, because the rules differ (IAM has no region, event buses may be
/// elsewhere). `what` names the resource in messages, `example` is a valid ARN to show.
/// An empty resource passes, so the caller words it as a wrong resource shape.
pub fn check_arn_fields<'a>(
    text: &'a str,
    what: &str,
    service: &str,
    rule_region: &str,
    example: &str,
) -> Result<Arn<'a>, ArnCheckError> {
    let partition = Partition::of_region(rule_region);
    let partition_message = |found: &str| {
        ArnCheckError::new(format!(
            "The ARN's partition is '{found}', but the rule is in {rule_region}, which is in partition '{partition}'."
        ))
    };
    let arn =
        Arn::parse_allowing_empty_resource(text.trim()).map_err(|error: ArnError| {
            match error.unknown_partition() {
                Some(found) => partition_message(found),
                None => ArnCheckError::new(format!(
                    "Enter the ARN of the {what}, for example {example}."
                )),
            }
        })?;
    if arn.partition() != partition {
        return Err(partition_message(arn.partition().as_str()));
    }
    if arn.service() != service {
        return Err(ArnCheckError::new(format!(
            "This is an ARN for the '{}' service; {what} ARNs have '{service}' there, for example {example}.",
            arn.service()
        )));
    }
    if !is_account_id(arn.account()) {
        return Err(ArnCheckError::new(format!(
            "The account in the ARN must be 12 digits; found '{}'.",
            arn.account()
        )));
    }
    Ok(arn)
}

/// A well-formed example ARN of `kind` in `region` and `account`, e.g. for a placeholder.
pub fn example_arn(kind: TargetKind, region: &str, account: &str) -> String {
    Arn::in_region(
        kind.arn_service(),
        region,
        account,
        kind.resource_example().0,
    )
    .to_string()
}

/// Checks that `arn` names a resource of `kind` usable by a rule in `rule_region`.
pub fn check_target_arn(
    kind: TargetKind,
    arn: &str,
    rule_region: &str,
) -> Result<(), ArnCheckError> {
    let example = example_arn(kind, rule_region, "123456789012");
    let what = kind.label();
    let parsed = check_arn_fields(arn, what, kind.arn_service(), rule_region, &example)?;
    if kind.may_be_in_other_region() {
        if !is_region_code(parsed.region()) {
            return Err(ArnCheckError::new(format!(
                "The Region in the ARN must be a Region code like {rule_region}; found '{}'.",
                parsed.region()
            )));
        }
    } else if parsed.region() != rule_region {
        return Err(ArnCheckError::new(format!(
            "{what} targets must be in the rule's Region ({rule_region}); this ARN is in '{}'. To reach another Region, send to an event bus there.",
            parsed.region()
        )));
    }
    if !kind.resource_is_valid(parsed.resource()) {
        let shape = kind.resource_example().1;
        return Err(ArnCheckError::new(format!(
            "The resource part of {what} ARNs is {shape}; found '{}'.",
            parsed.resource()
        )));
    }
    Ok(())
}

/// An IAM role ARN for a rule in `rule_region`:
/// `arn:<partition>:iam::<account>:role/<optional/path/>name`.
pub fn check_role_arn(text: &str, rule_region: &str) -> Result<(), ArnCheckError> {
    let example = Arn::new(
        Partition::of_region(rule_region),
        "iam",
        "",
        "123456789012",
        "role/my-eventbridge-role",
    )
    .to_string();
    let arn = check_arn_fields(text, "IAM role", "iam", rule_region, &example)?;
    if !arn.region().is_empty() {
        return Err(ArnCheckError::new(format!(
            "IAM role ARNs have no Region (two colons after 'iam'); found '{}'.",
            arn.region()
        )));
    }
    let Some(path_and_name) = arn.resource().strip_prefix("role/") else {
        return Err(ArnCheckError::new(format!(
            "An IAM role ARN ends in role/<role-name>, for example {example}."
        )));
    };
    let role_char = "+=,.@_-";
    let mut segments: Vec<&str> = path_and_name.split('/').collect();
    let name = segments.pop().unwrap_or_default();
    if !is_token(name, role_char, 1, 64) {
        return Err(ArnCheckError::new(
            "A role name has 1 to 64 letters, digits or any of + = , . @ _ -.",
        ));
    }
    if segments
        .iter()
        .any(|segment| !is_token(segment, role_char, 1, 512))
    {
        return Err(ArnCheckError::new(
            "The role's path has an empty or invalid segment.",
        ));
    }
    Ok(())
}

/// Why FIFO queues are refused as dead-letter queues.
pub const FIFO_DEAD_LETTER_QUEUE_REFUSED: &str =
    "A FIFO queue (name ending in .fifo) cannot be a dead-letter queue; choose a standard queue.";

/// A queue name usable as a dead-letter queue: a standard queue's name, 1 to 80 letters,
/// digits, `-` or `_`.
pub fn check_dead_letter_queue_name(name: &str) -> Result<(), ArnCheckError> {
    if name.ends_with(".fifo") {
        return Err(ArnCheckError::new(FIFO_DEAD_LETTER_QUEUE_REFUSED));
    }
    if !is_token(name, "-_", 1, 80) {
        return Err(ArnCheckError::new(
            "Choose a queue: a queue name has 1 to 80 letters, digits, hyphens or underscores.",
        ));
    }
    Ok(())
}

/// A dead-letter queue ARN for a rule in `rule_region`: a standard SQS queue in that region,
/// of any account.
pub fn check_dead_letter_queue_arn<'a>(
    text: &'a str,
    rule_region: &str,
) -> Result<Arn<'a>, ArnCheckError> {
    let example =
        Arn::in_region("sqs", rule_region, "210987654321", "my-dead-letter-queue").to_string();
    let arn = check_arn_fields(text, "SQS queue", "sqs", rule_region, &example)?;
    if arn.resource().ends_with(".fifo") {
        return Err(ArnCheckError::new(FIFO_DEAD_LETTER_QUEUE_REFUSED));
    }
    if arn.region() != rule_region {
        return Err(ArnCheckError::new(format!(
            "A dead-letter queue must be in the rule's Region ({rule_region}); this queue is in '{}'.",
            arn.region()
        )));
    }
    if !is_token(arn.resource(), "-_", 1, 80) {
        return Err(ArnCheckError::new(format!(
            "The queue name in the ARN must have 1 to 80 letters, digits, hyphens or underscores; found '{}'.",
            arn.resource()
        )));
    }
    Ok(arn)
}

/// The URL the SQS API wants for the queue of an SQS ARN.
pub fn sqs_queue_url(queue: &Arn<'_>) -> String {
    format!(
        "https://sqs.{}.{}/{}/{}",
        queue.region(),
        queue.partition().dns_suffix(),
        queue.account(),
        queue.resource()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_distinct_label() {
        let mut labels: Vec<&str> = TargetKind::ALL.iter().map(|k| k.label()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), TargetKind::ALL.len());
    }

    /// Regression: the rule model and the simulator had a `TargetKind` each, named
    /// differently; the simulator's names still read as the one kind.
    #[test]
    fn regression_the_simulators_kind_names_still_read() {
        let table = [
            ("lambda", TargetKind::LambdaFunction),
            ("sqs", TargetKind::SqsQueue),
            ("sns", TargetKind::SnsTopic),
            ("kinesis", TargetKind::KinesisStream),
            ("step-functions", TargetKind::StepFunctionsStateMachine),
            ("event-bus", TargetKind::EventBus),
            ("api-destination", TargetKind::ApiDestination),
            ("lambda_function", TargetKind::LambdaFunction),
        ];
        for (name, kind) in table {
            assert_eq!(name.parse::<TargetKind>(), Ok(kind), "{name}");
        }
        assert!("other".parse::<TargetKind>().is_err());
        let kinds: Vec<TargetKind> = TargetKind::ALL
            .into_iter()
            .filter(|kind| kind.answers_with_http_status())
            .collect();
        assert_eq!(kinds, [TargetKind::ApiDestination]);
    }

    #[test]
    fn example_arns_pass_their_own_check_in_every_partition() {
        for region in [
            "us-east-1",
            "cn-north-1",
            "us-gov-west-1",
            "eu-south-1",
            "us-isob-east-1",
        ] {
            for kind in TargetKind::ALL {
                let arn = example_arn(kind, region, "123456789012");
                assert_eq!(check_target_arn(kind, &arn, region), Ok(()), "{arn}");
            }
        }
        assert_eq!(
            example_arn(TargetKind::LambdaFunction, "cn-north-1", "111122223333"),
            "arn:aws-cn:lambda:cn-north-1:111122223333:function:my-function"
        );
    }

    #[test]
    fn an_example_arn_of_one_kind_is_refused_for_every_other_kind() {
        for kind in TargetKind::ALL {
            let arn = example_arn(kind, "us-east-1", "123456789012");
            for other in TargetKind::ALL.into_iter().filter(|&o| o != kind) {
                assert!(
                    check_target_arn(other, &arn, "us-east-1").is_err(),
                    "{arn} accepted as {other:?}"
                );
            }
        }
    }

    #[test]
    fn role_need_follows_the_resource_policy_kinds() {
        let with_resource_policy = [
            TargetKind::LambdaFunction,
            TargetKind::SqsQueue,
            TargetKind::SnsTopic,
            TargetKind::CloudWatchLogGroup,
        ];
        for kind in TargetKind::ALL {
            assert_eq!(
                kind.needs_role(),
                !with_resource_policy.contains(&kind),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn target_arn_table() {
        use TargetKind::*;
        let table: &[(TargetKind, &str, Option<&str>)] = &[
            (
                LambdaFunction,
                "arn:aws:lambda:us-east-1:123456789012:function:f",
                None,
            ),
            (
                LambdaFunction,
                "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST",
                None,
            ),
            (
                LambdaFunction,
                "arn:aws:lambda:us-east-1:123456789012:function:f:prod",
                None,
            ),
            (
                LambdaFunction,
                "arn:aws:lambda:us-east-1:123456789012:f",
                Some("function:<name>"),
            ),
            (
                LambdaFunction,
                "arn:aws:lambda:eu-west-1:123456789012:function:f",
                Some("rule's Region"),
            ),
            (
                LambdaFunction,
                "arn:aws-cn:lambda:us-east-1:123456789012:function:f",
                Some("partition is 'aws-cn'"),
            ),
            (
                LambdaFunction,
                "arn:moon:lambda:us-east-1:123456789012:function:f",
                Some("partition is 'moon'"),
            ),
            (
                LambdaFunction,
                "arn:aws:lambda:us-east-1:12345:function:f",
                Some("12 digits"),
            ),
            (LambdaFunction, "function:f", Some("Enter the ARN")),
            (
                LambdaFunction,
                " arn:aws:lambda:us-east-1:123456789012:function:f ",
                None,
            ),
            (
                SqsQueue,
                "arn:aws:sqs:us-east-1:123456789012:orders.fifo",
                None,
            ),
            (
                SqsQueue,
                "arn:aws:sqs:us-east-1:123456789012:orders.x",
                Some("<queue-name>"),
            ),
            (
                SqsQueue,
                "arn:aws:sns:us-east-1:123456789012:orders",
                Some("'sns' service"),
            ),
            (SnsTopic, "arn:aws:sns:us-east-1:123456789012:alerts", None),
            (
                StepFunctionsStateMachine,
                "arn:aws:states:us-east-1:123456789012:stateMachine:m",
                None,
            ),
            (
                StepFunctionsStateMachine,
                "arn:aws:states:us-east-1:123456789012:execution:m:e",
                Some("stateMachine:<name>"),
            ),
            (
                KinesisStream,
                "arn:aws:kinesis:us-east-1:123456789012:stream/s.1",
                None,
            ),
            (
                FirehoseStream,
                "arn:aws:firehose:us-east-1:123456789012:deliverystream/d",
                None,
            ),
            (
                CloudWatchLogGroup,
                "arn:aws:logs:us-east-1:123456789012:log-group:/aws/events/x:*",
                None,
            ),
            (
                CloudWatchLogGroup,
                "arn:aws:logs:us-east-1:123456789012:log-group:",
                Some("log-group:<name>"),
            ),
            (
                ApiDestination,
                "arn:aws:events:us-east-1:123456789012:api-destination/d",
                None,
            ),
            (
                ApiDestination,
                "arn:aws:events:us-east-1:123456789012:rule/d",
                Some("api-destination/"),
            ),
            (
                EventBus,
                "arn:aws:events:eu-west-1:210987654321:event-bus/central",
                None,
            ),
            (
                EventBus,
                "arn:aws:events:eu-west-1:210987654321:event-bus/aws.partner/x.com/1/y",
                None,
            ),
            (
                EventBus,
                "arn:aws:events:moon-1:210987654321:event-bus/central",
                Some("Region code"),
            ),
            (
                EventBus,
                "arn:aws:events:eu-west-1:210987654321:event-bus/a/b",
                Some("event-bus/<name>"),
            ),
            (
                EcsTask,
                "arn:aws:ecs:us-east-1:123456789012:cluster/c",
                None,
            ),
            (
                CodeBuildProject,
                "arn:aws:codebuild:us-east-1:123456789012:project/p1",
                None,
            ),
            (
                CodePipeline,
                "arn:aws:codepipeline:us-east-1:123456789012:pipe-1",
                None,
            ),
            (
                CodePipeline,
                "arn:aws:codepipeline:us-east-1:123456789012:",
                Some("<pipeline-name>"),
            ),
        ];
        for (kind, arn, expected) in table {
            let result = check_target_arn(*kind, arn, "us-east-1");
            match expected {
                None => assert_eq!(result, Ok(()), "{arn}"),
                Some(fragment) => {
                    let message = result.expect_err(arn).to_string();
                    assert!(message.contains(fragment), "{arn}: {message}");
                }
            }
        }
    }

    #[test]
    fn role_arns() {
        let table: [(&str, &str, Option<&str>); 10] = [
            ("arn:aws:iam::123456789012:role/my-role", "us-east-1", None),
            (
                "arn:aws:iam::123456789012:role/service-role/my.role@x",
                "us-east-1",
                None,
            ),
            ("arn:aws-cn:iam::123456789012:role/r", "cn-north-1", None),
            (
                "arn:aws-us-gov:iam::123456789012:role/r",
                "us-gov-west-1",
                None,
            ),
            (
                "arn:aws:iam::123456789012:role/r",
                "cn-north-1",
                Some("partition"),
            ),
            (
                "arn:aws:iam:us-east-1:123456789012:role/r",
                "us-east-1",
                Some("no Region"),
            ),
            (
                "arn:aws:iam::123456789012:user/bob",
                "us-east-1",
                Some("role/<role-name>"),
            ),
            ("arn:aws:iam::1234:role/r", "us-east-1", Some("12 digits")),
            (
                "arn:aws:sts::123456789012:role/r",
                "us-east-1",
                Some("'sts' service"),
            ),
            ("my-role", "us-east-1", Some("Enter the ARN")),
        ];
        for (arn, region, expected) in table {
            let result = check_role_arn(arn, region);
            match expected {
                None => assert_eq!(result, Ok(()), "{arn}"),
                Some(fragment) => {
                    let message = result.expect_err(arn).to_string();
                    assert!(message.contains(fragment), "{arn}: {message}");
                }
            }
        }
        let long_name = format!("arn:aws:iam::123456789012:role/{}", "r".repeat(65));
        assert!(check_role_arn(&long_name, "us-east-1").is_err());
        assert!(check_role_arn("arn:aws:iam::123456789012:role//r", "us-east-1").is_err());
    }

    #[test]
    fn dead_letter_queues() {
        let table: &[(&str, Option<&str>)] = &[
            ("arn:aws:sqs:us-east-1:210987654321:dlq", None),
            ("arn:aws:sqs:us-east-1:210987654321:dlq.fifo", Some("FIFO")),
            (
                "arn:aws:sqs:eu-west-1:210987654321:dlq",
                Some("rule's Region (us-east-1)"),
            ),
            (
                "arn:aws:sns:us-east-1:210987654321:dlq",
                Some("'sns' service"),
            ),
            (
                "arn:aws-cn:sqs:us-east-1:210987654321:dlq",
                Some("partition"),
            ),
            ("arn:aws:sqs:us-east-1:2109:dlq", Some("12 digits")),
            ("arn:aws:sqs:us-east-1:210987654321:a/b", Some("1 to 80")),
            ("arn:aws:sqs:us-east-1:210987654321:", Some("1 to 80")),
            ("dlq", Some("Enter the ARN")),
        ];
        for (arn, expected) in table {
            match (check_dead_letter_queue_arn(arn, "us-east-1"), expected) {
                (Ok(_), None) => {}
                (Err(error), Some(fragment)) => {
                    assert!(error.message().contains(fragment), "{arn}: {error}")
                }
                (got, want) => panic!("{arn}: got {got:?}, want {want:?}"),
            }
        }
        assert!(check_dead_letter_queue_name("failed-orders").is_ok());
        for bad in ["failed.fifo", "", "a b"] {
            assert!(check_dead_letter_queue_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn queue_urls_use_the_partition_dns_suffix() {
        let table = [
            (
                "arn:aws:sqs:us-east-1:123456789012:dlq",
                "https://sqs.us-east-1.amazonaws.com/123456789012/dlq",
            ),
            (
                "arn:aws-cn:sqs:cn-north-1:123456789012:dlq",
                "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/dlq",
            ),
            (
                "arn:aws-iso:sqs:us-iso-east-1:123456789012:dlq",
                "https://sqs.us-iso-east-1.c2s.ic.gov/123456789012/dlq",
            ),
        ];
        for (arn, url) in table {
            assert_eq!(sqs_queue_url(&Arn::parse(arn).unwrap()), url);
        }
    }
}
