//! Prints how long validation, input transformation and each export take for a five-target
//! rule. Run with `cargo run -p rules --release --example rules_bench`.

use std::hint::black_box;
use std::time::Instant;

use aws_model::example_arn;
use rules::export::{aws_cli, cloudformation_json, cloudformation_yaml, terraform};
use rules::{
    apply_input, DeadLetterQueue, InputTransformer, RoleChoice, Rule, RuleStore, Tag, Target,
    TargetInput, TargetKind,
};

const ACCOUNT: &str = "123456789012";
const REGION: &str = "us-east-1";

fn five_target_rule(name: &str) -> Rule {
    let mut rule = Rule::new(
        name,
        ACCOUNT,
        REGION,
        "aws.partner/shopify.com/123/orders",
        r#"{"source": [{"prefix": "aws.partner/shopify.com"}], "detail": {"metadata": {"X-Shopify-Topic": ["orders/create", "orders/updated"]}}}"#,
    );
    rule.description = "Orders from Shopify".into();
    rule.tags = vec![Tag::new("team", "checkout")];
    let kinds = [
        TargetKind::LambdaFunction,
        TargetKind::SqsQueue,
        TargetKind::KinesisStream,
        TargetKind::StepFunctionsStateMachine,
        TargetKind::SnsTopic,
    ];
    for (index, kind) in kinds.into_iter().enumerate() {
        let mut target = Target::new(
            &format!("t{index}"),
            kind,
            &example_arn(kind, REGION, ACCOUNT),
        );
        if kind.needs_role() {
            target.role = RoleChoice::CreateNew;
        }
        target.input = TargetInput::Transformer(InputTransformer::new(
            &[
                ("topic", "$.detail.metadata.X-Shopify-Topic"),
                ("order", "$.detail.payload"),
            ],
            r#"{"topic": <topic>, "order": <order>, "rule": "<aws.events.rule-name>"}"#,
        ));
        target.dead_letter_queue = DeadLetterQueue::ThisAccount {
            queue_name: "dlq".into(),
        };
        rule.targets.push(target);
    }
    rule
}

fn measure(label: &str, iterations: u32, mut work: impl FnMut()) {
    let start = Instant::now();
    for _ in 0..iterations {
        work();
    }
    let per_call = start.elapsed() / iterations;
    println!(
        "{label:<42} {:>10.2} µs/call ({iterations} calls)",
        per_call.as_secs_f64() * 1e6
    );
}

fn main() {
    let rule = five_target_rule("shopify-orders");
    assert_eq!(rule.validate(), Ok(()));
    // The event as text, as previews get it (apply_input parses it on every call).
    let event = serde_json::json!({
        "id": "1", "source": "aws.partner/shopify.com/123/orders", "detail-type": "shopifyWebhook",
        "account": ACCOUNT, "region": REGION, "time": "2024-05-01T12:00:00Z", "resources": [],
        "detail": {"metadata": {"X-Shopify-Topic": "orders/create"},
                   "payload": {"id": 42, "lines": [{"sku": "A", "qty": 2}, {"sku": "B", "qty": 1}]}}
    })
    .to_string();
    let context = rule.input_context("2024-05-01T12:00:01Z");

    measure("validate (5 targets)", 20_000, || {
        black_box(black_box(&rule).validate()).ok();
    });
    measure("apply_input (JSON template, event parsed)", 100_000, || {
        black_box(apply_input(
            &rule.targets[0].input,
            black_box(&event),
            &context,
        ))
        .ok();
    });
    measure("export: AWS CLI", 5_000, || {
        black_box(aws_cli(black_box(&rule))).ok();
    });
    measure("export: CloudFormation JSON", 5_000, || {
        black_box(cloudformation_json(black_box(&rule))).ok();
    });
    measure("export: CloudFormation YAML", 5_000, || {
        black_box(cloudformation_yaml(black_box(&rule))).ok();
    });
    measure("export: Terraform", 5_000, || {
        black_box(terraform(black_box(&rule))).ok();
    });
    measure("RuleStore: create 300 rules on one bus", 20, || {
        let mut store = RuleStore::new();
        for index in 0..300 {
            store.create(five_target_rule(&format!("r{index}"))).ok();
        }
        black_box(store);
    });
    let mut store = RuleStore::new();
    for index in 0..300 {
        store.create(five_target_rule(&format!("r{index}"))).ok();
    }
    let saved = serde_json::to_string(&store).unwrap_or_default();
    println!(
        "RuleStore with 300 five-target rules: {} bytes of JSON",
        saved.len()
    );
    measure("RuleStore: load 300 rules from JSON", 50, || {
        black_box(serde_json::from_str::<RuleStore>(black_box(&saved))).ok();
    });
}
