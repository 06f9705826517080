//! Ready-made scenarios for the questions people ask, and a way to compare two retry policies.

use aws_model::DEFAULT_EVENT_BUS;
use event_pattern::json::quote;
use serde::{Deserialize, Serialize};

use crate::engine::simulate;
use crate::error::ScenarioError;
use crate::report::Report;
use crate::scenario::*;

const MINUTE_MS: u64 = 60_000;
const HOUR_MS: u64 = 60 * MINUTE_MS;
const ACCOUNT: &str = "123456789012";
const REGION: &str = "us-east-1";

/// A named preset for a picker in the UI.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    /// The question the preset answers.
    pub question: &'static str,
    pub build: fn() -> Scenario,
}

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "target-down-for-1-hour",
        title: "Target down for 1 hour",
        question: "What happens to my events when the target is down for an hour, with the default retry \
                   policy, with 3 retries and a 10-minute maximum age, with and without a dead-letter queue?",
        build: target_down_for_one_hour,
    },
    Preset {
        id: "permissions-error",
        title: "Permissions error",
        question: "What happens when EventBridge is not allowed to invoke the target?",
        build: permissions_error,
    },
    Preset {
        id: "throttled-api-destination",
        title: "Throttled API destination",
        question: "What happens when events arrive faster than an API destination's rate limit?",
        build: throttled_api_destination,
    },
    Preset {
        id: "dlq-without-policy",
        title: "DLQ without policy",
        question: "What happens when the dead-letter queue is in another account and has no resource policy?",
        build: dlq_without_policy,
    },
    Preset {
        id: "pending-partner-source",
        title: "Pending partner source",
        question: "What happens to events a SaaS partner sends before the event source is associated with a bus?",
        build: pending_partner_source,
    },
];

/// The preset with this id.
pub fn find_preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|preset| preset.id == id)
}

/// A complete event as a partner or application would send it: the envelope's fields in the
/// order EventBridge writes them, and `detail_json` (the text of a JSON object) as written, so
/// its key order and numbers reach the simulator unchanged. Account and Region are the presets'.
pub fn sample_event(source: &str, detail_type: &str, detail_json: &str) -> String {
    sample_event_in(ACCOUNT, REGION, source, detail_type, &[], detail_json)
}

/// [`sample_event`] for an account and Region, with `resources` (ARNs).
pub fn sample_event_in(
    account: &str,
    region: &str,
    source: &str,
    detail_type: &str,
    resources: &[&str],
    detail_json: &str,
) -> String {
    let resources: Vec<String> = resources.iter().map(|arn| quote(arn)).collect();
    format!(
        r#"{{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":{},"source":{},"account":{},"time":"2024-05-01T12:00:00Z","region":{},"resources":[{}],"detail":{}}}"#,
        quote(detail_type),
        quote(source),
        quote(account),
        quote(region),
        resources.join(","),
        detail_json.trim()
    )
}

fn lambda(id: &str, retry: RetryPolicy, dlq: Option<Dlq>, behaviour: TargetBehaviour) -> SimTarget {
    SimTarget {
        id: id.into(),
        arn: format!("arn:aws:lambda:{REGION}:{ACCOUNT}:function:{id}"),
        kind: TargetKind::LambdaFunction,
        retry,
        dlq,
        behaviour,
    }
}

fn queue(name: &str, account: &str, has_resource_policy: bool) -> Dlq {
    Dlq {
        arn: format!("arn:aws:sqs:{REGION}:{account}:{name}"),
        same_account: account == ACCOUNT,
        has_resource_policy,
        reachable: true,
    }
}

fn order_samples() -> Vec<WeightedSample> {
    let order = |detail_type: &str, total: f64| {
        sample_event(
            "shop",
            detail_type,
            &format!(r#"{{"order-id":"o-1001","total":{total},"currency":"EUR"}}"#),
        )
    };
    vec![
        WeightedSample {
            text: order("OrderPlaced", 42.5),
            weight: 9,
        },
        WeightedSample {
            text: order("OrderCancelled", 42.5),
            weight: 1,
        },
    ]
}

fn scenario(rules: Vec<SimRule>, generated: Vec<GeneratedEvents>) -> Scenario {
    Scenario {
        seed: 42,
        buses: vec![Bus {
            name: DEFAULT_EVENT_BUS.into(),
        }],
        sources: Vec::new(),
        rules,
        events: EventStream {
            explicit: Vec::new(),
            generated,
        },
        backoff: Default::default(),
        options: Default::default(),
    }
}

fn orders_rule(targets: Vec<SimTarget>) -> SimRule {
    SimRule {
        name: "orders-to-fulfilment".into(),
        bus: DEFAULT_EVENT_BUS.into(),
        enabled: true,
        pattern: r#"{"source":["shop"],"detail-type":["OrderPlaced"]}"#.into(),
        targets,
    }
}

fn orders(per_second: f64, duration_ms: u64) -> GeneratedEvents {
    GeneratedEvents {
        to: Ingress::Bus(DEFAULT_EVENT_BUS.into()),
        start_ms: 0,
        rate_per_second: per_second,
        duration_ms,
        samples: order_samples(),
    }
}

/// One order per second for two hours; three copies of the same Lambda target are down from
/// minute 30 to minute 90, each with a different retry policy / DLQ combination.
pub fn target_down_for_one_hour() -> Scenario {
    let down = TargetBehaviour {
        latency_ms: 40,
        outages: vec![Outage {
            from_ms: 30 * MINUTE_MS,
            until_ms: 90 * MINUTE_MS,
            error: RetryableError::ServerError,
        }],
        ..Default::default()
    };
    let short = RetryPolicy {
        maximum_retry_attempts: 3,
        maximum_event_age_seconds: 600,
    };
    let targets = vec![
        lambda(
            "fulfilment-default-policy",
            RetryPolicy::default(),
            None,
            down.clone(),
        ),
        lambda("fulfilment-3-retries-no-dlq", short, None, down.clone()),
        lambda(
            "fulfilment-3-retries-with-dlq",
            short,
            Some(queue("fulfilment-dlq", ACCOUNT, true)),
            down,
        ),
    ];
    scenario(vec![orders_rule(targets)], vec![orders(1.0, 2 * HOUR_MS)])
}

/// The target's execution role was never granted: every invocation fails at once with
/// `NO_PERMISSIONS` and goes to the dead-letter queue without retries.
pub fn permissions_error() -> Scenario {
    let forbidden = TargetBehaviour {
        latency_ms: 15,
        non_retryable: Some(NonRetryableFailure {
            error: NonRetryableError::NoPermissions,
            from_ms: 0,
            until_ms: None,
        }),
        ..Default::default()
    };
    let target = lambda(
        "invoice-writer",
        RetryPolicy::default(),
        Some(queue("invoice-dlq", ACCOUNT, true)),
        forbidden,
    );
    scenario(
        vec![orders_rule(vec![target])],
        vec![orders(1.0, 10 * MINUTE_MS)],
    )
}

/// 25 orders per second for 10 minutes into an API destination limited to 10 invocations per
/// second, which also answers 2 % of calls with HTTP 429; events older than 10 minutes give up.
pub fn throttled_api_destination() -> Scenario {
    let target = SimTarget {
        id: "crm-webhook".into(),
        arn: format!("arn:aws:events:{REGION}:{ACCOUNT}:api-destination/crm-webhook/0b1c2d3e"),
        kind: TargetKind::ApiDestination,
        retry: RetryPolicy {
            maximum_retry_attempts: aws_model::MAX_RETRY_ATTEMPTS,
            maximum_event_age_seconds: 600,
        },
        dlq: Some(queue("crm-webhook-dlq", ACCOUNT, true)),
        behaviour: TargetBehaviour {
            latency_ms: 120,
            transient: Some(TransientFailures {
                probability: 0.02,
                error: RetryableError::HttpStatus(429),
            }),
            rate_limit_per_second: Some(10),
            ..Default::default()
        },
    };
    scenario(
        vec![orders_rule(vec![target])],
        vec![orders(25.0, 10 * MINUTE_MS)],
    )
}

/// A flaky Lambda target (30 % server errors, 2 retries) whose dead-letter queue lives in another
/// account without a queue policy: the failed events are lost.
pub fn dlq_without_policy() -> Scenario {
    let flaky = TargetBehaviour {
        latency_ms: 30,
        transient: Some(TransientFailures {
            probability: 0.3,
            error: RetryableError::ServerError,
        }),
        ..Default::default()
    };
    let retry = RetryPolicy {
        maximum_retry_attempts: 2,
        maximum_event_age_seconds: 3600,
    };
    let dlq = queue("central-dlq", "210987654321", false);
    let target = lambda("ledger", retry, Some(dlq), flaky);
    scenario(
        vec![orders_rule(vec![target])],
        vec![orders(1.0, 30 * MINUTE_MS)],
    )
}

/// Two Shopify partner sources: one associated with its bus (ACTIVE), one not yet (PENDING).
pub fn pending_partner_source() -> Scenario {
    let active = "aws.partner/shopify.com/755357713/orders";
    let pending = "aws.partner/shopify.com/755357713/products";
    let webhook = |source: &str, topic: &str| {
        sample_event(
            source,
            "shopifyWebhook",
            &format!(
                r#"{{"payload":{{"id":1001}},"metadata":{{"X-Shopify-Topic":{}}}}}"#,
                quote(topic)
            ),
        )
    };
    let stream = |source: &str, topic: &str| GeneratedEvents {
        to: Ingress::PartnerSource(source.into()),
        start_ms: 0,
        rate_per_second: 0.5,
        duration_ms: 10 * MINUTE_MS,
        samples: vec![WeightedSample {
            text: webhook(source, topic),
            weight: 1,
        }],
    };
    let rule = |name: &str, source: &str| SimRule {
        name: name.into(),
        bus: source.into(),
        enabled: true,
        pattern: r#"{"source":[{"prefix":"aws.partner/shopify.com"}]}"#.to_owned(),
        targets: vec![lambda(
            &format!("{name}-handler"),
            RetryPolicy::default(),
            None,
            TargetBehaviour::default(),
        )],
    };
    Scenario {
        seed: 42,
        buses: vec![
            Bus {
                name: active.into(),
            },
            Bus {
                name: pending.into(),
            },
        ],
        sources: vec![
            SourceState {
                name: active.into(),
                state: EventSourceState::Active,
            },
            SourceState {
                name: pending.into(),
                state: EventSourceState::Pending,
            },
        ],
        rules: vec![
            rule("shopify-orders", active),
            rule("shopify-products", pending),
        ],
        events: EventStream {
            explicit: Vec::new(),
            generated: vec![
                stream(active, "orders/create"),
                stream(pending, "products/update"),
            ],
        },
        backoff: Default::default(),
        options: Default::default(),
    }
}

/// The scenario of the speed measurement: 100 000 events × 5 targets, default retry policies and
/// a one-hour outage: what `cargo run -p delivery --example bench_delivery` and the playground's
/// diagnostics time.
pub fn benchmark_scenario() -> Scenario {
    let targets = (0..5)
        .map(|index| SimTarget {
            id: format!("target-{index}"),
            arn: format!("arn:aws:lambda:us-east-1:123456789012:function:target-{index}"),
            kind: TargetKind::LambdaFunction,
            retry: RetryPolicy::default(),
            dlq: None,
            behaviour: TargetBehaviour {
                latency_ms: 50,
                outages: vec![Outage {
                    from_ms: 0,
                    until_ms: HOUR_MS,
                    error: RetryableError::ServerError,
                }],
                ..Default::default()
            },
        })
        .collect();
    let samples = ["OrderPlaced", "OrderShipped", "OrderCancelled"]
        .iter()
        .map(|detail_type| WeightedSample {
            text: sample_event("shop", detail_type, r#"{"order-id":"o-1","total":10}"#),
            weight: 1,
        })
        .collect();
    Scenario {
        seed: 1,
        buses: vec![Bus {
            name: DEFAULT_EVENT_BUS.into(),
        }],
        rules: vec![SimRule {
            name: "orders".into(),
            bus: DEFAULT_EVENT_BUS.into(),
            enabled: true,
            pattern: r#"{"source":["shop"]}"#.into(),
            targets,
        }],
        events: EventStream {
            explicit: Vec::new(),
            // 50 per second for 2000 s: all 100 000 arrive during the outage.
            generated: vec![GeneratedEvents {
                to: Ingress::Bus(DEFAULT_EVENT_BUS.into()),
                start_ms: 0,
                rate_per_second: 50.0,
                duration_ms: 2_000_000,
                samples,
            }],
        },
        ..Default::default()
    }
}

/// A copy of `scenario` where every target uses `policy`.
pub fn with_retry_policy(scenario: &Scenario, policy: RetryPolicy) -> Scenario {
    let mut changed = scenario.clone();
    for target in changed
        .rules
        .iter_mut()
        .flat_map(|rule| rule.targets.iter_mut())
    {
        target.retry = policy;
    }
    changed
}

/// Reports of the same scenario (same seed, so the same target failures at the same attempts)
/// under two retry policies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyComparison {
    pub first_policy: RetryPolicy,
    pub first: Report,
    pub second_policy: RetryPolicy,
    pub second: Report,
}

pub fn compare_retry_policies(
    scenario: &Scenario,
    first_policy: RetryPolicy,
    second_policy: RetryPolicy,
) -> Result<PolicyComparison, ScenarioError> {
    Ok(PolicyComparison {
        first_policy,
        first: simulate(&with_retry_policy(scenario, first_policy))?,
        second_policy,
        second: simulate(&with_retry_policy(scenario, second_policy))?,
    })
}
