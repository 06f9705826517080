//! Rule-level validation, ARNs and persistence.

use crate::*;
use aws_model::{example_arn, DEFAULT_EVENT_BUS};

pub(crate) const ACCOUNT: &str = "123456789012";
pub(crate) const OTHER_ACCOUNT: &str = "210987654321";
pub(crate) const REGION: &str = "us-east-1";
pub(crate) const PARTNER_BUS: &str = "aws.partner/shopify.com/123/orders";

/// A rule exercising every setting: partner bus, description, tags, and one target of each
/// kind with roles, inputs, retry policies, dead-letter queues and kind parameters.
pub(crate) fn full_rule() -> Rule {
    let mut rule = Rule::new(
        "shopify-orders",
        ACCOUNT,
        REGION,
        PARTNER_BUS,
        r#"{"source": [{"prefix": "aws.partner/shopify.com"}], "detail-type": ["shopifyWebhook"], "detail": {"metadata": {"X-Shopify-Topic": ["orders/create"]}}}"#,
    );
    rule.description = "New Shopify orders: it's \"live\" ${not_a_variable} %{x}".into();
    rule.state = RuleState::Disabled;
    rule.tags = vec![Tag::new("team", "checkout"), Tag::new("cost-center", "")];

    let arn = |kind| example_arn(kind, REGION, ACCOUNT);
    let mut lambda = Target::new(
        "notify-lambda",
        TargetKind::LambdaFunction,
        &arn(TargetKind::LambdaFunction),
    );
    lambda.input = TargetInput::Transformer(InputTransformer::new(
        &[("topic", "$.detail.metadata.X-Shopify-Topic"), ("order", "$.detail.payload")],
        "{\n  \"topic\": <topic>,\n  \"order\": <order>,\n  \"rule\": \"<aws.events.rule-name>\"\n}",
    ));
    lambda.retry_policy = RetryPolicy {
        maximum_event_age_seconds: 3_600,
        maximum_retry_attempts: 10,
    };
    lambda.dead_letter_queue = DeadLetterQueue::ThisAccount {
        queue_name: "orders-dlq".into(),
    };

    let mut queue = Target::new(
        "orders.fifo-queue",
        TargetKind::SqsQueue,
        &format!("arn:aws:sqs:{REGION}:{ACCOUNT}:orders.fifo"),
    );
    queue.input = TargetInput::InputPath {
        path: "$.detail".into(),
    };
    queue.parameters = TargetParameters::SqsFifo {
        message_group_id: "orders".into(),
    };
    queue.dead_letter_queue = DeadLetterQueue::OtherAccount {
        queue_arn: format!("arn:aws:sqs:{REGION}:{OTHER_ACCOUNT}:central-dlq"),
    };

    let mut stream = Target::new(
        "stream",
        TargetKind::KinesisStream,
        &arn(TargetKind::KinesisStream),
    );
    stream.role = RoleChoice::CreateNew;
    stream.input = TargetInput::Constant {
        json: r#"{"fixed": "it's constant"}"#.into(),
    };
    stream.parameters = TargetParameters::Kinesis {
        partition_key_path: "$.id".into(),
    };
    stream.retry_policy = RetryPolicy {
        maximum_event_age_seconds: 60,
        maximum_retry_attempts: 0,
    };
    stream.dead_letter_queue = DeadLetterQueue::ThisAccount {
        queue_name: "orders-dlq".into(),
    };

    let mut bus = Target::new(
        "central-bus",
        TargetKind::EventBus,
        &format!("arn:aws:events:eu-west-1:{OTHER_ACCOUNT}:event-bus/central"),
    );
    bus.role = RoleChoice::Existing {
        role_arn: format!("arn:aws:iam::{ACCOUNT}:role/service-role/eventbridge-forwarder"),
    };

    let mut task = Target::new("ecs-task", TargetKind::EcsTask, &arn(TargetKind::EcsTask));
    task.role = RoleChoice::CreateNew;
    task.parameters = TargetParameters::Ecs(EcsTask {
        task_definition_arn: format!("arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/fulfil:3"),
        task_count: 2,
        launch_type: EcsLaunchType::Fargate,
        subnets: vec!["subnet-0123456789abcdef0".into()],
        security_groups: vec!["sg-0123456789abcdef0".into()],
        assign_public_ip: true,
    });

    rule.targets = vec![lambda, queue, stream, bus, task];
    rule
}

fn problems(rule: &Rule) -> Vec<(String, String)> {
    match rule.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.into_iter().map(|e| (e.field, e.message)).collect(),
    }
}

#[test]
fn the_full_rule_is_valid() {
    assert_eq!(problems(&full_rule()), vec![]);
}

#[test]
fn a_minimal_rule_on_the_default_bus_is_valid() {
    let rule = Rule::new(
        "r",
        ACCOUNT,
        REGION,
        DEFAULT_EVENT_BUS,
        r#"{"source": ["x"]}"#,
    );
    assert_eq!(problems(&rule), vec![]);
}

#[test]
fn a_valid_target_of_every_kind_is_accepted() {
    for kind in TargetKind::ALL {
        let mut rule = Rule::new(
            "r",
            ACCOUNT,
            REGION,
            DEFAULT_EVENT_BUS,
            r#"{"source": ["x"]}"#,
        );
        let mut target = Target::new("t", kind, &example_arn(kind, REGION, OTHER_ACCOUNT));
        if kind.needs_role() {
            target.role = RoleChoice::CreateNew;
        }
        if kind == TargetKind::EcsTask {
            target.parameters = TargetParameters::Ecs(EcsTask {
                task_definition_arn: format!("arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/t"),
                task_count: 1,
                launch_type: EcsLaunchType::Ec2,
                subnets: vec![],
                security_groups: vec![],
                assign_public_ip: false,
            });
        }
        rule.targets.push(target);
        assert_eq!(problems(&rule), vec![], "{kind:?}");
    }
}

type Mutation = fn(&mut Rule);

#[test]
fn validation_table() {
    let table: Vec<(&str, Mutation, &str, &str)> = vec![
        ("empty name", |r| r.name.clear(), "name",
            "1 validation error detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1"),
        ("bad name", |r| r.name = "a b".into(), "name",
            r"1 validation error detected: Value 'a b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+"),
        ("long name", |r| r.name = "n".repeat(65), "name", "Member must have length less than or equal to 64"),
        ("long bad name", |r| r.name = "!".repeat(65), "name", "2 validation errors detected"),
        ("long description", |r| r.description = "d".repeat(513), "description", "Member must have length less than or equal to 512"),
        ("bad account", |r| r.account_id = "1234".into(), "account_id", "12 digits"),
        ("bad region", |r| r.region = "mars".into(), "region", "not a Region code"),
        ("no bus", |r| r.event_bus.clear(), "event_bus", "Choose an event bus"),
        ("slash in custom bus", |r| r.event_bus = "my/bus".into(), "event_bus", "Only partner event buses"),
        ("short partner bus", |r| r.event_bus = "aws.partner/x".into(), "event_bus", "Only partner event buses"),
        ("bad bus character", |r| r.event_bus = "bus!".into(), "event_bus", "'!' is not allowed"),
        ("long bus", |r| r.event_bus = "b".repeat(257), "event_bus", "at most 256"),
        ("no pattern", |r| r.event_pattern = " ".into(), "event_pattern", "Enter an event pattern"),
        ("long pattern", |r| r.event_pattern = format!("{{\"a\": [\"{}\"]}}", "x".repeat(4090)), "event_pattern", "at most 4096"),
        ("sixth target", |r| {
            let extra = r.targets[0].clone();
            r.targets.push(Target { id: "sixth".into(), ..extra });
        }, "targets", "The requested resource exceeds the maximum number allowed."),
        ("bad target id", |r| r.targets[0].id = "!@#$@!#$".into(), "targets[0].id",
            r"1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+"),
        ("long target id", |r| r.targets[1].id = "i".repeat(65), "targets[1].id",
            "at 'targets.2.member.id' failed to satisfy constraint: Member must have length less than or equal to 64"),
        ("duplicate target id", |r| r.targets[1].id = r.targets[0].id.clone(), "targets[1].id", "already has the id notify-lambda"),
        ("wrong service", |r| r.targets[0].arn = example_arn(TargetKind::SnsTopic, REGION, ACCOUNT), "targets[0].arn", "'sns' service"),
        ("other region", |r| r.targets[0].arn = example_arn(TargetKind::LambdaFunction, "eu-west-1", ACCOUNT), "targets[0].arn", "rule's Region"),
        ("long arn", |r| r.targets[0].arn = format!("arn:aws:lambda:us-east-1:{ACCOUNT}:function:{}", "f".repeat(1600)), "targets[0].arn", "at most 1600"),
        ("own bus", |r| r.targets[3].arn = r.event_bus_arn(), "targets[3].arn", "own event bus"),
        ("missing role", |r| r.targets[2].role = RoleChoice::None, "targets[2].role", "Kinesis stream targets need an IAM role"),
        ("needless role", |r| r.targets[0].role = RoleChoice::CreateNew, "targets[0].role", "resource-based policy"),
        ("bad role", |r| r.targets[3].role = RoleChoice::Existing { role_arn: "arn:aws:iam::123456789012:user/u".into() }, "targets[3].role", "role/<role-name>"),
        ("input to other account bus", |r| r.targets[3].input = TargetInput::InputPath { path: "$.detail".into() }, "targets[3].input", "another account"),
        ("bad constant", |r| r.targets[2].input = TargetInput::Constant { json: "{".into() }, "targets[2].input.json", "valid JSON"),
        ("undefined placeholder", |r| r.targets[0].input = TargetInput::Transformer(InputTransformer::new(&[], "\"<nope>\"")),
            "targets[0].input.template", "InputTemplate for target notify-lambda contains invalid placeholder nope."),
        ("short event age", |r| r.targets[0].retry_policy.maximum_event_age_seconds = 59, "targets[0].retry_policy.maximum_event_age_seconds", "between 00:01 and 24:00"),
        ("too many retries", |r| r.targets[0].retry_policy.maximum_retry_attempts = 186, "targets[0].retry_policy.maximum_retry_attempts", "between 0 and 185"),
        ("fifo dlq", |r| r.targets[0].dead_letter_queue = DeadLetterQueue::ThisAccount { queue_name: "d.fifo".into() }, "targets[0].dead_letter_queue", "FIFO"),
        ("dlq in other region", |r| r.targets[0].dead_letter_queue = DeadLetterQueue::OtherAccount { queue_arn: "arn:aws:sqs:eu-west-1:210987654321:d".into() }, "targets[0].dead_letter_queue", "rule's Region"),
        ("fifo queue without group", |r| r.targets[1].parameters = TargetParameters::None, "targets[1].parameters.message_group_id", "needs a message group id"),
        ("group on standard queue", |r| r.targets[1].arn = format!("arn:aws:sqs:{REGION}:{ACCOUNT}:standard"), "targets[1].parameters.message_group_id", "only to FIFO"),
        ("parameters of another kind", |r| r.targets[0].parameters = TargetParameters::Kinesis { partition_key_path: "$.id".into() }, "targets[0].parameters", "do not apply to Lambda function targets"),
        ("bad partition key path", |r| r.targets[2].parameters = TargetParameters::Kinesis { partition_key_path: "id".into() }, "targets[2].parameters.partition_key_path", "starts with $"),
        ("ecs without task", |r| r.targets[4].parameters = TargetParameters::None, "targets[4].parameters", "task definition"),
        ("ecs task count", |r| if let TargetParameters::Ecs(t) = &mut r.targets[4].parameters { t.task_count = 0 }, "targets[4].parameters.task_count", "between 1 and 10"),
        ("fargate without subnets", |r| if let TargetParameters::Ecs(t) = &mut r.targets[4].parameters { t.subnets.clear() }, "targets[4].parameters.subnets", "at least one subnet"),
        ("bad subnet", |r| if let TargetParameters::Ecs(t) = &mut r.targets[4].parameters { t.subnets = vec!["subnet-xyz".into()] }, "targets[4].parameters.subnets[0]", "not an id"),
        ("bad security group", |r| if let TargetParameters::Ecs(t) = &mut r.targets[4].parameters { t.security_groups = vec!["subnet-0123456789abcdef0".into()] }, "targets[4].parameters.security_groups[0]", "sg-"),
        ("public ip on ec2", |r| if let TargetParameters::Ecs(t) = &mut r.targets[4].parameters { t.launch_type = EcsLaunchType::Ec2 }, "targets[4].parameters.assign_public_ip", "only to Fargate"),
        ("bad task definition", |r| if let TargetParameters::Ecs(t) = &mut r.targets[4].parameters { t.task_definition_arn = "arn:aws:ecs:us-east-1:123456789012:cluster/c".into() }, "targets[4].parameters.task_definition_arn", "task-definition/<family>"),
        ("too many tags", |r| r.tags = (0..51).map(|i| Tag::new(&format!("k{i}"), "v")).collect(), "tags", "at most 50"),
        ("empty tag key", |r| r.tags[0].key.clear(), "tags[0].key", "1 to 128"),
        ("long tag key", |r| r.tags[0].key = "k".repeat(129), "tags[0].key", "1 to 128"),
        ("aws tag key", |r| r.tags[1].key = "AWS:CloudFormation".into(), "tags[1].key", "reserved"),
        ("duplicate tag key", |r| r.tags[1].key = r.tags[0].key.clone(), "tags[1].key", "used twice"),
        ("bad tag key character", |r| r.tags[0].key = "<script>".into(), "tags[0].key", "'<' is not allowed"),
        ("long tag value", |r| r.tags[0].value = "v".repeat(257), "tags[0].value", "at most 256"),
        ("bad tag value character", |r| r.tags[0].value = "line\nbreak".into(), "tags[0].value", "'\\n' is not allowed"),
    ];
    for (label, mutate, field, fragment) in table {
        let mut rule = full_rule();
        mutate(&mut rule);
        let found = problems(&rule);
        assert!(
            found
                .iter()
                .any(|(f, m)| f == field && m.contains(fragment)),
            "{label}: want {field}: {fragment}\ngot {found:?}"
        );
        assert!(
            found.iter().all(|(f, _)| f == field
                || f.starts_with(&format!("{field}."))
                || f.starts_with(&format!("{field}["))),
            "{label}: errors on unrelated fields: {found:?}"
        );
    }
}

#[test]
fn boundary_values_are_accepted() {
    let table: Vec<(&str, Mutation)> = vec![
        ("64-character name", |r| r.name = "n".repeat(64)),
        ("name with every allowed character", |r| {
            r.name = "a.b-c_D9".into()
        }),
        ("512-character description", |r| {
            r.description = "d".repeat(512)
        }),
        ("default bus", |r| r.event_bus = "default".into()),
        ("custom bus", |r| r.event_bus = "orders.bus-1".into()),
        ("64-character target id", |r| {
            r.targets[0].id = "i".repeat(64)
        }),
        ("50 tags", |r| {
            r.tags = (0..50).map(|i| Tag::new(&format!("k{i}"), "v")).collect()
        }),
        ("unicode tag", |r| {
            r.tags[0] = Tag::new("équipe", "caisse rapide")
        }),
        ("tag key 128, value 256", |r| {
            r.tags[0] = Tag::new(&"k".repeat(128), &"v".repeat(256))
        }),
        ("event age limits", |r| {
            r.targets[0].retry_policy = RetryPolicy {
                maximum_event_age_seconds: 86_400,
                maximum_retry_attempts: 185,
            };
            r.targets[1].retry_policy = RetryPolicy {
                maximum_event_age_seconds: 60,
                maximum_retry_attempts: 0,
            };
        }),
        ("a bus in this account takes input", |r| {
            r.targets[3].arn = format!("arn:aws:events:eu-west-1:{ACCOUNT}:event-bus/central");
            r.targets[3].input = TargetInput::InputPath {
                path: "$.detail".into(),
            };
        }),
    ];
    for (label, mutate) in table {
        let mut rule = full_rule();
        mutate(&mut rule);
        assert_eq!(problems(&rule), vec![], "{label}");
    }
}

#[test]
fn a_megabyte_name_gets_a_short_message() {
    let mut rule = full_rule();
    rule.name = "!".repeat(1_000_000);
    let found = problems(&rule);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].1.len() < 1_000,
        "message of {} bytes",
        found[0].1.len()
    );
}

/// Depends on the event-pattern crate's real validation (its first placeholder accepted
/// every pattern).
#[test]
fn invalid_patterns_get_the_matchers_aws_message() {
    let table = [
        (r#"{"a": []}"#, "Empty arrays are not allowed"),
        (r#"{"int": 42}"#, "\"int\" must be an object or an array"),
        (r#"[{"a": ["b"]}]"#, "Filter is not an object"),
        (r#"{"a": [{"nope": 1}]}"#, "Unrecognized match type nope"),
        ("{'bad': 'quotation'}", "Unexpected character"),
        ("this is not json", "Unrecognized token 'this'"),
    ];
    for (pattern, fragment) in table {
        let mut rule = full_rule();
        rule.event_pattern = pattern.into();
        let found = problems(&rule);
        assert!(
            found.iter().any(|(f, m)| f == "event_pattern"
                && m.starts_with("Event pattern is not valid. Reason: ")
                && m.contains(fragment)),
            "{pattern}: {found:?}"
        );
    }
}

#[test]
fn rule_arns() {
    let mut rule = Rule::new("orders", ACCOUNT, REGION, DEFAULT_EVENT_BUS, "{}");
    assert_eq!(
        rule.arn(),
        "arn:aws:events:us-east-1:123456789012:rule/orders"
    );
    rule.event_bus = PARTNER_BUS.into();
    assert_eq!(
        rule.arn(),
        "arn:aws:events:us-east-1:123456789012:rule/aws.partner/shopify.com/123/orders/orders"
    );
    rule.region = "cn-north-1".into();
    rule.event_bus = "custom".into();
    assert_eq!(
        rule.arn(),
        "arn:aws-cn:events:cn-north-1:123456789012:rule/custom/orders"
    );
    assert_eq!(
        rule.event_bus_arn(),
        "arn:aws-cn:events:cn-north-1:123456789012:event-bus/custom"
    );
    let context = rule.input_context("2024-01-01T00:00:00Z");
    assert_eq!(context.rule_arn, rule.arn());
    assert_eq!(context.rule_name, "orders");
}

#[test]
fn rules_round_trip_through_json() {
    let rule = full_rule();
    let text = serde_json::to_string(&rule).expect("serializes");
    let back: Rule = serde_json::from_str(&text).expect("deserializes");
    assert_eq!(back, rule);
}

#[test]
fn omitted_settings_take_aws_defaults_when_loading() {
    let text = r#"{"name": "r", "account_id": "123456789012", "region": "us-east-1",
        "event_bus": "default", "event_pattern": "{}",
        "targets": [{"id": "t", "kind": "lambda_function", "arn": "arn:aws:lambda:us-east-1:123456789012:function:f"}]}"#;
    let rule: Rule = serde_json::from_str(text).expect("deserializes");
    assert_eq!(rule.state, RuleState::Enabled);
    assert_eq!(rule.targets[0].retry_policy, RetryPolicy::default());
    assert_eq!(rule.targets[0].input, TargetInput::MatchedEvent);
    assert_eq!(rule.targets[0].dead_letter_queue, DeadLetterQueue::None);
    assert_eq!(rule.targets[0].role, RoleChoice::None);
}

#[test]
fn field_errors_display_and_lookup() {
    let mut rule = full_rule();
    rule.name.clear();
    rule.targets[0].retry_policy.maximum_retry_attempts = 999;
    let errors = rule.validate().expect_err("invalid");
    assert_eq!(errors.len(), 2);
    assert_eq!(errors.messages_for("name").count(), 1);
    assert_eq!(errors.messages_for("targets[0]").count(), 0);
    let shown = errors.to_string();
    assert!(
        shown.starts_with("name: 1 validation error detected"),
        "{shown}"
    );
    assert!(
        shown.contains("\ntargets[0].retry_policy.maximum_retry_attempts: "),
        "{shown}"
    );
}
