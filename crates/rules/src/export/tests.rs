//! Every export must be valid in its own language and carry every setting of the rule. Validity
//! is proven by parsing: a POSIX-quote reader for the CLI, serde_yaml for YAML, hcl-rs for HCL.

use serde_json::{json, Value};

use super::*;
use crate::tests::{full_rule, ACCOUNT, OTHER_ACCOUNT, PARTNER_BUS, REGION};
use crate::{example_arn, FieldErrors, Tag, TargetKind};

// ---------------------------------------------------------------------------------------------
// What the full rule must come out as, in the API / CloudFormation shape.

/// The full rule's pattern as every export must carry it: its own text, whitespace aside.
fn pattern_compact() -> String {
    event_pattern::json::reformat(
        &full_rule().event_pattern,
        event_pattern::json::Layout::Compact,
    )
    .expect("pattern JSON")
}

/// One of the export's own documents as serde JSON, for comparing with a parsed export.
fn as_serde(document: &event_pattern::json::Value) -> Value {
    serde_json::from_str(&document.to_string()).expect("written JSON reads back")
}

/// A pattern string found in an export, compacted (exports may indent it).
fn compact(pattern: &Value) -> String {
    event_pattern::json::reformat(
        pattern.as_str().expect("the pattern is a string"),
        event_pattern::json::Layout::Compact,
    )
    .expect("the exported pattern is JSON")
}

fn created_role_arn(index: usize) -> Value {
    json!(format!(
        "arn:aws:iam::{ACCOUNT}:role/{}",
        created_role_name(&full_rule(), index)
    ))
}

/// `role` gives the RoleArn of a created role; `vpc_key` is the one spelling that differs.
fn expected_targets(role: impl Fn(usize) -> Value, vpc_key: &str) -> Value {
    let rule = full_rule();
    let same_account_dlq = format!("arn:aws:sqs:{REGION}:{ACCOUNT}:orders-dlq");
    json!([
        {
            "Id": "notify-lambda",
            "Arn": example_arn(TargetKind::LambdaFunction, REGION, ACCOUNT),
            "InputTransformer": {
                "InputPathsMap": {"topic": "$.detail.metadata.X-Shopify-Topic", "order": "$.detail.payload"},
                "InputTemplate": match &rule.targets[0].input {
                    crate::TargetInput::Transformer(t) => t.template.clone(),
                    other => panic!("{other:?}"),
                },
            },
            "RetryPolicy": {"MaximumRetryAttempts": 10, "MaximumEventAgeInSeconds": 3600},
            "DeadLetterConfig": {"Arn": same_account_dlq},
        },
        {
            "Id": "orders.fifo-queue",
            "Arn": format!("arn:aws:sqs:{REGION}:{ACCOUNT}:orders.fifo"),
            "InputPath": "$.detail",
            "RetryPolicy": {"MaximumRetryAttempts": 185, "MaximumEventAgeInSeconds": 86400},
            "DeadLetterConfig": {"Arn": format!("arn:aws:sqs:{REGION}:{OTHER_ACCOUNT}:central-dlq")},
            "SqsParameters": {"MessageGroupId": "orders"},
        },
        {
            "Id": "stream",
            "Arn": example_arn(TargetKind::KinesisStream, REGION, ACCOUNT),
            "RoleArn": role(2),
            "Input": r#"{"fixed": "it's constant"}"#,
            "RetryPolicy": {"MaximumRetryAttempts": 0, "MaximumEventAgeInSeconds": 60},
            "DeadLetterConfig": {"Arn": same_account_dlq},
            "KinesisParameters": {"PartitionKeyPath": "$.id"},
        },
        {
            "Id": "central-bus",
            "Arn": format!("arn:aws:events:eu-west-1:{OTHER_ACCOUNT}:event-bus/central"),
            "RoleArn": format!("arn:aws:iam::{ACCOUNT}:role/service-role/eventbridge-forwarder"),
            "RetryPolicy": {"MaximumRetryAttempts": 185, "MaximumEventAgeInSeconds": 86400},
        },
        {
            "Id": "ecs-task",
            "Arn": example_arn(TargetKind::EcsTask, REGION, ACCOUNT),
            "RoleArn": role(4),
            "RetryPolicy": {"MaximumRetryAttempts": 185, "MaximumEventAgeInSeconds": 86400},
            "EcsParameters": {
                "TaskDefinitionArn": format!("arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/fulfil:3"),
                "TaskCount": 2,
                "LaunchType": "FARGATE",
                "NetworkConfiguration": {vpc_key: {
                    "Subnets": ["subnet-0123456789abcdef0"],
                    "SecurityGroups": ["sg-0123456789abcdef0"],
                    "AssignPublicIp": "ENABLED",
                }},
            },
        },
    ])
}

fn expected_tags() -> Value {
    json!([{"Key": "team", "Value": "checkout"}, {"Key": "cost-center", "Value": ""}])
}

// ---------------------------------------------------------------------------------------------
// A reader for the shell subset the CLI export writes. Anything a shell would treat specially
// outside quotes is refused, so an unquoted `$`, `"` or `;` fails the test.

fn shell_commands(script: &str) -> Vec<Vec<String>> {
    let mut commands = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = script.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '#' if word.is_none() => {
                while chars.peek().is_some_and(|&c| c != '\n') {
                    chars.next();
                }
            }
            '\\' => match chars.next() {
                Some('\n') => {}
                Some(escaped) => word.get_or_insert_with(String::new).push(escaped),
                None => panic!("dangling backslash"),
            },
            '\'' => {
                let current = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(quoted) => current.push(quoted),
                        None => panic!("unterminated single quote"),
                    }
                }
            }
            ' ' | '\t' | '\n' => {
                words.extend(word.take());
                if c == '\n' && !words.is_empty() {
                    commands.push(std::mem::take(&mut words));
                }
            }
            c if "\"$`;&|<>()*?[]{}~!".contains(c) => panic!("unquoted {c:?} in {script}"),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    if !words.is_empty() {
        commands.push(words);
    }
    commands
}

fn option_value<'a>(command: &'a [String], flag: &str) -> Option<&'a str> {
    let attached = format!("{flag}=");
    command.iter().enumerate().find_map(|(index, word)| {
        if word == flag {
            command.get(index + 1).map(String::as_str)
        } else {
            word.strip_prefix(&attached)
        }
    })
}

fn json_option(command: &[String], flag: &str) -> Value {
    let text = option_value(command, flag).unwrap_or_else(|| panic!("{flag} missing"));
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{flag}: {e}: {text}"))
}

fn commands_named<'a>(commands: &'a [Vec<String>], name: &str) -> Vec<&'a Vec<String>> {
    let wanted: Vec<&str> = name.split(' ').collect();
    commands
        .iter()
        .filter(|command| {
            command
                .iter()
                .map(String::as_str)
                .take(wanted.len())
                .eq(wanted.iter().copied())
        })
        .collect()
}

#[test]
fn shell_reader_handles_the_posix_single_quote_idiom() {
    let commands = shell_commands("# note\naws x \\\n  --a 'it'\\''s \"q\" $x' \\\n  --b=-c\n");
    assert_eq!(
        commands,
        vec![vec!["aws", "x", "--a", "it's \"q\" $x", "--b=-c"]]
    );
}

#[test]
fn cli_export_carries_every_setting() {
    let rule = full_rule();
    let script = aws_cli(&rule).expect("valid rule");
    let commands = shell_commands(&script);

    let put_rule = commands_named(&commands, "aws events put-rule");
    assert_eq!(put_rule.len(), 1);
    let put_rule = put_rule[0];
    assert_eq!(option_value(put_rule, "--region"), Some(REGION));
    assert_eq!(option_value(put_rule, "--name"), Some("shopify-orders"));
    assert_eq!(
        option_value(put_rule, "--event-bus-name"),
        Some(PARTNER_BUS)
    );
    assert_eq!(option_value(put_rule, "--state"), Some("DISABLED"));
    assert_eq!(
        option_value(put_rule, "--description"),
        Some(rule.description.as_str())
    );
    assert_eq!(
        option_value(put_rule, "--event-pattern"),
        Some(rule.event_pattern.as_str())
    );
    assert_eq!(json_option(put_rule, "--tags"), expected_tags());

    let put_targets = commands_named(&commands, "aws events put-targets");
    assert_eq!(put_targets.len(), 1);
    let put_targets = put_targets[0];
    assert_eq!(option_value(put_targets, "--rule"), Some("shopify-orders"));
    assert_eq!(
        option_value(put_targets, "--event-bus-name"),
        Some(PARTNER_BUS)
    );
    assert_eq!(option_value(put_targets, "--region"), Some(REGION));
    assert_eq!(
        json_option(put_targets, "--targets"),
        expected_targets(created_role_arn, "awsvpcConfiguration")
    );

    let created: Vec<&str> = commands_named(&commands, "aws iam create-role")
        .iter()
        .map(|command| option_value(command, "--role-name").expect("role name"))
        .collect();
    assert_eq!(
        created,
        [created_role_name(&rule, 2), created_role_name(&rule, 4)]
    );
    for command in commands_named(&commands, "aws iam create-role") {
        let trust = json_option(command, "--assume-role-policy-document");
        assert_eq!(
            trust["Statement"][0]["Principal"]["Service"],
            "events.amazonaws.com"
        );
        assert_eq!(trust["Statement"][0]["Action"], "sts:AssumeRole");
    }
    let policies: Vec<Value> = commands_named(&commands, "aws iam put-role-policy")
        .iter()
        .map(|command| json_option(command, "--policy-document"))
        .collect();
    assert_eq!(policies.len(), 2);
    assert_eq!(
        policies[0]["Statement"][0],
        json!({"Effect": "Allow", "Action": ["kinesis:PutRecord", "kinesis:PutRecords"],
               "Resource": example_arn(TargetKind::KinesisStream, REGION, ACCOUNT)})
    );
    assert_eq!(
        policies[1]["Statement"][0]["Action"],
        json!(["ecs:RunTask"])
    );
    assert_eq!(
        policies[1]["Statement"][0]["Resource"],
        format!("arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/fulfil:*")
    );
    assert_eq!(policies[1]["Statement"][1]["Action"], "iam:PassRole");

    let queue_commands = commands_named(&commands, "aws sqs set-queue-attributes");
    let queue_urls: Vec<&str> = queue_commands
        .iter()
        .map(|command| option_value(command, "--queue-url").expect("url"))
        .collect();
    assert_eq!(
        queue_urls,
        [
            format!("https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/orders-dlq"),
            format!("https://sqs.{REGION}.amazonaws.com/{OTHER_ACCOUNT}/central-dlq"),
        ]
    );
    for command in queue_commands {
        let attributes = json_option(command, "--attributes");
        let policy: Value =
            serde_json::from_str(attributes["Policy"].as_str().expect("policy string"))
                .expect("policy JSON");
        assert_eq!(
            policy["Statement"][0]["Condition"]["ArnEquals"]["aws:SourceArn"],
            rule.arn()
        );
        assert_eq!(policy["Statement"][0]["Action"], "sqs:SendMessage");
    }
    assert!(script.contains(&format!("credentials of account {OTHER_ACCOUNT}")));
}

#[test]
fn cli_export_of_a_bare_rule_has_no_targets_command() {
    let rule = crate::Rule::new("bare", ACCOUNT, REGION, "default", r#"{"source": ["x"]}"#);
    let commands = shell_commands(&aws_cli(&rule).expect("valid"));
    assert_eq!(commands.len(), 1);
    assert_eq!(option_value(&commands[0], "--state"), Some("ENABLED"));
    assert_eq!(option_value(&commands[0], "--description"), None);
    assert_eq!(option_value(&commands[0], "--tags"), None);
}

#[test]
fn test_event_pattern_command_quotes_both_documents() {
    let pattern = "{\n  \"detail\": {\"note\": [\"it's\"]}\n}";
    let event = r#"{"id": "1", "source": "s", "detail-type": "t", "account": "123456789012", "time": "2024-01-01T00:00:00Z", "region": "us-east-1", "detail": {"note": "it's"}}"#;
    let commands = shell_commands(&test_event_pattern_command(pattern, event));
    assert_eq!(commands.len(), 1);
    assert_eq!(&commands[0][..3], ["aws", "events", "test-event-pattern"]);
    assert_eq!(option_value(&commands[0], "--event-pattern"), Some(pattern));
    assert_eq!(option_value(&commands[0], "--event"), Some(event));
}

// ---------------------------------------------------------------------------------------------
// CloudFormation

fn cloudformation(rule: &crate::Rule) -> Value {
    serde_json::from_str(&cloudformation_json(rule).expect("valid rule")).expect("template JSON")
}

#[test]
fn cloudformation_export_carries_every_setting() {
    let template = cloudformation(&full_rule());
    let resources = &template["Resources"];
    let rule_resource = &resources["ShopifyOrdersRule"];
    assert_eq!(rule_resource["Type"], "AWS::Events::Rule");
    let properties = &rule_resource["Properties"];
    assert_eq!(properties["Name"], "shopify-orders");
    assert_eq!(properties["Description"], full_rule().description);
    assert_eq!(properties["EventBusName"], PARTNER_BUS);
    assert_eq!(properties["State"], "DISABLED");
    assert_eq!(compact(&properties["EventPattern"]), pattern_compact());
    let role_ref = |index: usize| json!({"Fn::GetAtt": [format!("ShopifyOrdersRuleTarget{}Role", index + 1), "Arn"]});
    assert_eq!(
        properties["Targets"],
        expected_targets(role_ref, "AwsVpcConfiguration")
    );

    for (index, action) in [(3, "kinesis:PutRecord"), (5, "ecs:RunTask")] {
        let role = &resources[format!("ShopifyOrdersRuleTarget{index}Role")];
        assert_eq!(role["Type"], "AWS::IAM::Role");
        assert_eq!(
            role["Properties"]["RoleName"],
            created_role_name(&full_rule(), index - 1)
        );
        assert_eq!(
            role["Properties"]["AssumeRolePolicyDocument"],
            as_serde(&trust_policy())
        );
        assert_eq!(
            role["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0]["Action"][0],
            action
        );
    }

    let queue_policy = &resources["ShopifyOrdersRuleDeadLetterQueuePolicy1"];
    assert_eq!(queue_policy["Type"], "AWS::SQS::QueuePolicy");
    assert_eq!(
        queue_policy["Properties"]["Queues"],
        json!([format!(
            "https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/orders-dlq"
        )])
    );
    assert_eq!(
        queue_policy["Properties"]["PolicyDocument"]["Statement"][0]["Condition"]["ArnEquals"]
            ["aws:SourceArn"],
        json!({"Fn::GetAtt": ["ShopifyOrdersRule", "Arn"]})
    );
    assert_eq!(
        resources.as_object().map(|r| r.len()),
        Some(4),
        "rule, two roles, one queue policy"
    );

    let metadata = &template["Metadata"];
    assert_eq!(metadata["RuleTags"]["Tags"], expected_tags());
    let other = &metadata["DeadLetterQueuePoliciesForOtherAccounts"]["Policies"][0];
    assert_eq!(
        other["QueueArn"],
        format!("arn:aws:sqs:{REGION}:{OTHER_ACCOUNT}:central-dlq")
    );
    assert_eq!(other["OwnerAccount"], OTHER_ACCOUNT);
    assert_eq!(
        other["PolicyDocument"]["Statement"][0]["Condition"]["ArnEquals"]["aws:SourceArn"],
        full_rule().arn()
    );
    assert_eq!(template["AWSTemplateFormatVersion"], "2010-09-09");
}

/// The YAML template read back, with its (indented) pattern compacted as the JSON template has it.
fn cloudformation_from_yaml(rule: &crate::Rule) -> Value {
    let yaml = cloudformation_yaml(rule).expect("valid rule");
    let mut template: Value = serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    let properties = &mut template["Resources"]["ShopifyOrdersRule"]["Properties"];
    properties["EventPattern"] = json!(compact(&properties["EventPattern"]));
    template
}

#[test]
fn cloudformation_yaml_reads_back_as_the_json_template() {
    let rule = full_rule();
    assert_eq!(cloudformation_from_yaml(&rule), cloudformation(&rule));
    let yaml = cloudformation_yaml(&rule).unwrap();
    assert!(
        yaml.contains("      EventPattern: |-\n        {\n          \"source\": [\n"),
        "the pattern is an indented literal block:\n{yaml}"
    );
}

/// Strings YAML is touchy about: reserved words, indicators, line separators, control
/// characters, DEL, a byte-order mark, non-BMP characters, and numbers written as strings.
fn hostile_rule() -> crate::Rule {
    let mut rule = full_rule();
    rule.description = "yes: no # - [x] {y} & * ! | > ' \" % @ ` \\ \t\r\n\u{7f}\u{85}\u{2028}\u{feff}\u{1}😀 ${a} %{b}".into();
    rule.event_pattern = r#"{"yes": ["no", "null", "~", "0x10", "1e3", "-", "? x", "a: b", ""], "n": [{"numeric": [">", 1.5, "<=", 1e3]}, {"numeric": ["=", -2]}, 1e-7, 12345678901234567890], "<<": [true, false, null], "detail": {"k\u0001": ["\u2029"]}}"#.into();
    rule.tags = vec![
        Tag::new("on", "off"),
        Tag::new("key: value", "- item"),
        Tag::new("123", "0.5"),
    ];
    rule
}

#[test]
fn cloudformation_yaml_survives_hostile_strings() {
    let rule = hostile_rule();
    assert_eq!(rule.validate(), Ok(()));
    assert_eq!(cloudformation_from_yaml(&rule), cloudformation(&rule));
}

#[test]
fn cli_export_survives_hostile_strings() {
    let rule = hostile_rule();
    let commands = shell_commands(&aws_cli(&rule).expect("valid"));
    let put_rule = commands_named(&commands, "aws events put-rule")[0];
    assert_eq!(
        option_value(put_rule, "--description"),
        Some(rule.description.as_str())
    );
    assert_eq!(
        json_option(put_rule, "--event-pattern"),
        serde_json::from_str::<Value>(&rule.event_pattern).expect("JSON")
    );
}

// ---------------------------------------------------------------------------------------------
// Terraform

fn jsonencode(args: hcl::eval::FuncArgs) -> Result<hcl::Value, String> {
    serde_json::to_string(&args[0])
        .map(hcl::Value::from)
        .map_err(|e| e.to_string())
}

/// Parses the configuration, resolves the references it makes to its own resources, runs
/// `jsonencode`, and returns the result as JSON (`resource.<type>.<name>.<attribute>`).
fn evaluate_terraform(config: &str) -> Value {
    use hcl::eval::{Context, Evaluate, FuncDef, ParamType};
    let body = hcl::parse(config).unwrap_or_else(|e| panic!("{e}\n{config}"));
    let mut context = Context::new();
    context.declare_func(
        "jsonencode",
        FuncDef::builder().param(ParamType::Any).build(jsonencode),
    );
    let rule = full_rule();
    let rule_id = "shopify-orders";
    context.declare_var(
        "aws_cloudwatch_event_rule",
        hcl::value!({ (rule_id) = { name = (rule.name.clone()), event_bus_name = (rule.event_bus.clone()) } }),
    );
    let mut roles = hcl::Map::new();
    for index in [3, 5] {
        let id = format!("{rule_id}_target_{index}");
        roles.insert(
            id.clone(),
            hcl::value!({ arn = (format!("created:{id}")), id = (id.clone()) }),
        );
    }
    context.declare_var("aws_iam_role", hcl::Value::Object(roles));
    let evaluated = body
        .evaluate(&context)
        .unwrap_or_else(|e| panic!("{e}\n{config}"));
    hcl::from_body(evaluated).expect("body as JSON")
}

fn decoded(value: &Value) -> Value {
    serde_json::from_str(value.as_str().expect("jsonencode string")).expect("jsonencode JSON")
}

#[test]
fn terraform_export_carries_every_setting() {
    let rule = full_rule();
    let config = terraform(&rule).expect("valid rule");
    let parsed = evaluate_terraform(&config);
    assert_eq!(parsed["provider"]["aws"]["region"], REGION);
    let resources = &parsed["resource"];

    let rule_block = &resources["aws_cloudwatch_event_rule"]["shopify-orders"];
    assert_eq!(rule_block["name"], "shopify-orders");
    assert_eq!(rule_block["description"], rule.description);
    assert_eq!(rule_block["event_bus_name"], PARTNER_BUS);
    assert_eq!(rule_block["state"], "DISABLED");
    assert_eq!(compact(&rule_block["event_pattern"]), pattern_compact());
    assert_eq!(
        rule_block["tags"],
        json!({"team": "checkout", "cost-center": ""})
    );

    let targets = &resources["aws_cloudwatch_event_target"];
    let target = |n: usize| &targets[format!("shopify-orders_target_{n}")];
    for n in 1..=5 {
        assert_eq!(target(n)["rule"], "shopify-orders");
        assert_eq!(target(n)["event_bus_name"], PARTNER_BUS);
        assert_eq!(target(n)["target_id"], rule.targets[n - 1].id);
        assert_eq!(target(n)["arn"], rule.targets[n - 1].arn);
    }
    let api = expected_targets(|_| Value::Null, "awsvpcConfiguration");
    assert_eq!(
        target(1)["input_transformer"],
        json!({"input_paths": api[0]["InputTransformer"]["InputPathsMap"], "input_template": api[0]["InputTransformer"]["InputTemplate"]})
    );
    assert_eq!(
        target(1)["retry_policy"],
        json!({"maximum_event_age_in_seconds": 3600, "maximum_retry_attempts": 10})
    );
    assert_eq!(
        target(1)["dead_letter_config"],
        json!({"arn": api[0]["DeadLetterConfig"]["Arn"]})
    );
    assert!(target(1).get("role_arn").is_none());
    assert_eq!(target(2)["input_path"], "$.detail");
    assert_eq!(
        target(2)["sqs_target"],
        json!({"message_group_id": "orders"})
    );
    assert_eq!(
        target(2)["dead_letter_config"]["arn"],
        api[1]["DeadLetterConfig"]["Arn"]
    );
    assert_eq!(
        target(2)["retry_policy"],
        json!({"maximum_event_age_in_seconds": 86400, "maximum_retry_attempts": 185})
    );
    assert_eq!(target(3)["input"], api[2]["Input"]);
    assert_eq!(target(3)["role_arn"], "created:shopify-orders_target_3");
    assert_eq!(
        target(3)["kinesis_target"],
        json!({"partition_key_path": "$.id"})
    );
    assert_eq!(
        target(3)["retry_policy"],
        json!({"maximum_event_age_in_seconds": 60, "maximum_retry_attempts": 0})
    );
    assert_eq!(target(4)["role_arn"], api[3]["RoleArn"]);
    assert_eq!(target(5)["role_arn"], "created:shopify-orders_target_5");
    assert_eq!(
        target(5)["ecs_target"],
        json!({
            "task_definition_arn": api[4]["EcsParameters"]["TaskDefinitionArn"],
            "task_count": 2,
            "launch_type": "FARGATE",
            "network_configuration": {
                "subnets": ["subnet-0123456789abcdef0"],
                "security_groups": ["sg-0123456789abcdef0"],
                "assign_public_ip": true,
            },
        })
    );

    let role = &resources["aws_iam_role"]["shopify-orders_target_3"];
    assert_eq!(role["name"], created_role_name(&rule, 2));
    assert_eq!(
        decoded(&role["assume_role_policy"]),
        as_serde(&trust_policy())
    );
    let role_policy = &resources["aws_iam_role_policy"]["shopify-orders_target_3"];
    assert_eq!(role_policy["role"], "shopify-orders_target_3");
    assert_eq!(
        decoded(&role_policy["policy"]),
        as_serde(&role_permissions(&rule.targets[2]))
    );

    let queue_policy = &resources["aws_sqs_queue_policy"]["shopify-orders_dead_letter_queue_1"];
    assert_eq!(
        queue_policy["queue_url"],
        format!("https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/orders-dlq")
    );
    assert_eq!(
        decoded(&queue_policy["policy"]),
        dead_letter_queue_policy(
            &format!("arn:aws:sqs:{REGION}:{ACCOUNT}:orders-dlq"),
            &rule.arn()
        )
    );
    assert!(config.contains(&format!("# The dead-letter queue arn:aws:sqs:{REGION}:{OTHER_ACCOUNT}:central-dlq belongs to account {OTHER_ACCOUNT}")));
}

#[test]
fn terraform_export_survives_hostile_strings() {
    let rule = hostile_rule();
    let parsed = evaluate_terraform(&terraform(&rule).expect("valid"));
    let rule_block = &parsed["resource"]["aws_cloudwatch_event_rule"]["shopify-orders"];
    assert_eq!(rule_block["description"], rule.description);
    assert_eq!(
        compact(&rule_block["event_pattern"]),
        event_pattern::json::reformat(&rule.event_pattern, event_pattern::json::Layout::Compact)
            .unwrap()
    );
    assert_eq!(
        rule_block["tags"],
        json!({"on": "off", "key: value": "- item", "123": "0.5"})
    );
}

#[test]
fn terraform_resource_names_are_identifiers() {
    let table = [
        ("orders", "orders"),
        ("my.rule", "my_rule"),
        ("1st", "rule_1st"),
        ("-x", "rule_-x"),
        ("_x", "_x"),
    ];
    for (name, id) in table {
        assert_eq!(hcl_syntax::identifier(name), id, "{name}");
    }
}

// ---------------------------------------------------------------------------------------------

#[test]
fn every_export_refuses_an_invalid_rule() {
    let mut rule = full_rule();
    rule.targets.push(rule.targets[0].clone());
    type Export = fn(&crate::Rule) -> Result<String, FieldErrors>;
    let exports: [(&str, Export); 4] = [
        ("cli", aws_cli),
        ("cloudformation json", cloudformation_json),
        ("cloudformation yaml", cloudformation_yaml),
        ("terraform", terraform),
    ];
    for (name, export) in exports {
        let errors = export(&rule).expect_err(name);
        assert_eq!(
            errors.messages_for("targets").collect::<Vec<_>>(),
            [aws_model::limits::LIMIT_EXCEEDED_MESSAGE],
            "{name}"
        );
    }
}

#[test]
fn created_role_names_fit_iam_limits() {
    let mut rule = full_rule();
    rule.name = "n".repeat(64);
    let name = created_role_name(&rule, 4);
    assert!(name.len() <= 64, "{name}");
    assert!(name.ends_with("-target-5"));
    assert_ne!(created_role_name(&rule, 0), created_role_name(&rule, 1));
}

#[test]
fn api_destination_roles_may_invoke_any_version_of_the_destination() {
    let arn = example_arn(TargetKind::ApiDestination, REGION, ACCOUNT);
    let target = crate::Target::new("api", TargetKind::ApiDestination, &arn);
    let policy = as_serde(&role_permissions(&target));
    assert_eq!(
        policy["Statement"][0]["Resource"],
        format!("arn:aws:events:{REGION}:{ACCOUNT}:api-destination/my-api-destination/*")
    );
    assert_eq!(
        policy["Statement"][0]["Action"],
        json!(["events:InvokeApiDestination"])
    );
}

// ---------------------------------------------------------------------------------------------
// User JSON as written (issue #12)

/// The pattern each export carries, read back with a real parser of its language: the POSIX
/// quote reader (CLI), serde_json, serde_yaml and hcl-rs (with Terraform's own evaluation).
fn exported_patterns(rule: &crate::Rule) -> Vec<(&'static str, String)> {
    let commands = shell_commands(&aws_cli(rule).expect("valid"));
    let put_rule = commands_named(&commands, "aws events put-rule")[0];
    let from_cli = option_value(put_rule, "--event-pattern").expect("--event-pattern");
    let text = |value: &Value| value.as_str().expect("a pattern string").to_owned();
    let from_json =
        text(&cloudformation(rule)["Resources"]["ShopifyOrdersRule"]["Properties"]["EventPattern"]);
    let yaml: Value =
        serde_yaml::from_str(&cloudformation_yaml(rule).expect("valid")).expect("YAML");
    let from_yaml = text(&yaml["Resources"]["ShopifyOrdersRule"]["Properties"]["EventPattern"]);
    let terraform = evaluate_terraform(&terraform(rule).expect("valid"));
    let from_terraform = text(
        &terraform["resource"]["aws_cloudwatch_event_rule"]["shopify-orders"]["event_pattern"],
    );
    vec![
        ("AWS CLI", from_cli.to_owned()),
        ("CloudFormation JSON", from_json),
        ("CloudFormation YAML", from_yaml),
        ("Terraform", from_terraform),
    ]
}

/// Issue #12: the CloudFormation and Terraform exports re-serialized the pattern through a
/// sorted map, so `{"source":["a"],"$or":[{"source":["b"]},…]}` came out with `$or` first and no
/// longer matched `source: b` (in EventBridge a path inside a `$or` branch overrides the same
/// path written before it). Every export must carry a pattern that matches exactly the events
/// the original matches, with its key order and number literals as written.
#[test]
fn or_override_pattern_keeps_its_meaning_and_digits_in_every_export() {
    use event_pattern::json::{reformat, Layout};
    use event_pattern::{Event, Pattern};

    let original = r#"{"source":["a"],"$or":[{"source":["b"]},{"detail-type":["x"]}],"detail":{"n":[1e400,1.50,12345678901234567890]}}"#;
    let mut rule = full_rule();
    rule.event_pattern = original.to_owned();
    assert_eq!(rule.validate(), Ok(()));

    let events: Vec<Event> = [
        (r#""b""#, r#""y""#, "1.5"),
        (r#""a""#, r#""x""#, "1.50"),
        (r#""a""#, r#""y""#, "1.5"),
        (r#""c""#, r#""x""#, "1.5"),
        (r#""b""#, r#""y""#, "12345678901234567890"),
        (r#""b""#, r#""y""#, "1e400"),
        (r#""b""#, r#""y""#, "2"),
    ]
    .iter()
    .map(|(source, detail_type, n)| {
        Event::parse_any(&format!(
            r#"{{"source":{source},"detail-type":{detail_type},"detail":{{"n":{n}}}}}"#
        ))
        .unwrap()
    })
    .collect();
    let answers = |text: &str| -> Vec<bool> {
        let pattern = Pattern::parse(text).unwrap_or_else(|e| panic!("{e}: {text}"));
        events.iter().map(|event| pattern.matches(event)).collect()
    };
    let expected = answers(original);
    assert_eq!(
        expected,
        [true, true, false, false, true, true, false],
        "source b matches through the override; the digits are compared as written"
    );
    // What the old exports wrote (keys sorted) means something else: the test can fail.
    let sorted = r#"{"$or":[{"source":["b"]},{"detail-type":["x"]}],"detail":{"n":[1e400,1.50,12345678901234567890]},"source":["a"]}"#;
    assert_ne!(answers(sorted), expected);

    let compact = |text: &str| reformat(text, Layout::Compact).expect("JSON");
    for (export, pattern) in exported_patterns(&rule) {
        assert_eq!(answers(&pattern), expected, "{export}: {pattern}");
        assert_eq!(
            compact(&pattern),
            original,
            "{export} keeps order and digits"
        );
    }
}

/// Duplicate keys mean something in a pattern (the last one wins, in reading order), so the
/// exports keep every member as written.
#[test]
fn exports_keep_duplicate_keys_of_the_pattern() {
    let mut rule = full_rule();
    rule.event_pattern = "{\n\t\"source\": [\"a\"],\r\n  \"source\": [\"b\"], \"k\": [\"\\u00e9 ${x} %{y} \\\\\"]\n}".into();
    assert_eq!(rule.validate(), Ok(()));
    let want = r#"{"source":["a"],"source":["b"],"k":["\u00e9 ${x} %{y} \\"]}"#;
    for (export, pattern) in exported_patterns(&rule) {
        let compact = event_pattern::json::reformat(&pattern, event_pattern::json::Layout::Compact);
        assert_eq!(compact.as_deref(), Ok(want), "{export}: {pattern}");
    }
}

/// Input paths and tags are the user's rows: every export lists them in the user's order.
#[test]
fn exports_keep_the_order_of_input_paths_and_tags() {
    let mut rule = full_rule();
    rule.tags = vec![Tag::new("zeta", "1"), Tag::new("alpha", "2")];
    rule.targets[0].input = crate::TargetInput::Transformer(crate::InputTransformer::new(
        &[("zz", "$.detail"), ("aa", "$.source")],
        "<aa> then <zz>",
    ));
    assert_eq!(rule.validate(), Ok(()));
    let in_order = |export: &str, text: &str, first: &str, second: &str| {
        let (a, b) = (text.find(first), text.find(second));
        assert!(
            a.is_some() && b.is_some() && a < b,
            "{export}: {first} before {second} in\n{text}"
        );
    };
    let cfn = cloudformation_json(&rule).unwrap();
    let yaml = cloudformation_yaml(&rule).unwrap();
    let tf = terraform(&rule).unwrap();
    let cli = aws_cli(&rule).unwrap();
    for (export, text) in [
        ("CloudFormation JSON", &cfn),
        ("Terraform", &tf),
        ("AWS CLI", &cli),
    ] {
        in_order(export, text, "\"zz\"", "\"aa\"");
        in_order(export, text, "\"zeta\"", "\"alpha\"");
    }
    in_order("CloudFormation YAML", &yaml, " zz: ", " aa: ");
    in_order("CloudFormation YAML", &yaml, "\"zeta\"", "\"alpha\"");
}
