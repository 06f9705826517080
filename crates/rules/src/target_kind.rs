//! The kinds of targets a rule can send to, and the ARN shape each one has.

use serde::{Deserialize, Serialize};

use crate::arn::{check_common, is_region_code, is_token, partition_for_region, Arn};
use crate::rule::check_event_bus_name;

/// What a target is; decides the ARN shape, whether an IAM role is needed and which
/// target-specific settings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    LambdaFunction,
    SqsQueue,
    SnsTopic,
    StepFunctionsStateMachine,
    KinesisStream,
    FirehoseStream,
    CloudWatchLogGroup,
    ApiDestination,
    EventBus,
    EcsTask,
    CodeBuildProject,
    CodePipeline,
}

impl TargetKind {
    /// Every kind, in the order a target-type picker lists them.
    pub const ALL: [TargetKind; 12] = [
        TargetKind::LambdaFunction,
        TargetKind::SqsQueue,
        TargetKind::SnsTopic,
        TargetKind::StepFunctionsStateMachine,
        TargetKind::KinesisStream,
        TargetKind::FirehoseStream,
        TargetKind::CloudWatchLogGroup,
        TargetKind::ApiDestination,
        TargetKind::EventBus,
        TargetKind::EcsTask,
        TargetKind::CodeBuildProject,
        TargetKind::CodePipeline,
    ];

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
        !matches!(
            self,
            TargetKind::LambdaFunction
                | TargetKind::SqsQueue
                | TargetKind::SnsTopic
                | TargetKind::CloudWatchLogGroup
        )
    }

    /// Only event buses may live in another Region than the rule.
    pub fn may_be_in_other_region(self) -> bool {
        self == TargetKind::EventBus
    }

    /// The actions an IAM role for this kind must allow on the target; `None` for kinds that use
    /// resource-based policies.
    pub(crate) fn role_actions(self) -> Option<&'static [&'static str]> {
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

/// A well-formed example ARN of `kind` in `region` and `account`, e.g. for a placeholder.
pub fn example_arn(kind: TargetKind, region: &str, account: &str) -> String {
    format!(
        "arn:{}:{}:{region}:{account}:{}",
        partition_for_region(region),
        kind.arn_service(),
        kind.resource_example().0
    )
}

/// Checks that `arn` names a resource of `kind` usable by a rule in `rule_region`.
pub fn check_target_arn(kind: TargetKind, arn: &str, rule_region: &str) -> Result<(), String> {
    let example = example_arn(kind, rule_region, "123456789012");
    let what = kind.label();
    let parsed: Arn<'_> = check_common(arn, what, kind.arn_service(), rule_region, &example)?;
    if kind.may_be_in_other_region() {
        if !is_region_code(parsed.region) {
            return Err(format!(
                "The Region in the ARN must be a Region code like {rule_region}; found '{}'.",
                parsed.region
            ));
        }
    } else if parsed.region != rule_region {
        return Err(format!(
            "{what} targets must be in the rule's Region ({rule_region}); this ARN is in '{}'. To reach another Region, send to an event bus there.",
            parsed.region
        ));
    }
    if !kind.resource_is_valid(parsed.resource) {
        let shape = kind.resource_example().1;
        return Err(format!(
            "The resource part of {what} ARNs is {shape}; found '{}'.",
            parsed.resource
        ));
    }
    Ok(())
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

    #[test]
    fn example_arns_pass_their_own_check_in_every_partition() {
        for region in ["us-east-1", "cn-north-1", "us-gov-west-1", "eu-south-1"] {
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
            assert_eq!(kind.needs_role(), kind.role_actions().is_some(), "{kind:?}");
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
                Some("partition"),
            ),
            (
                LambdaFunction,
                "arn:aws:lambda:us-east-1:12345:function:f",
                Some("12 digits"),
            ),
            (LambdaFunction, "function:f", Some("Enter the ARN")),
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
                    let message = result.expect_err(arn);
                    assert!(message.contains(fragment), "{arn}: {message}");
                }
            }
        }
    }
}
