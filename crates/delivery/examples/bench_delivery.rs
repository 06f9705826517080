//! How long 100 000 events × 5 targets take with default retry policies and a one-hour outage.
//!
//! `cargo run --profile fast -p delivery --example bench_delivery`

use std::time::Instant;

use delivery::presets::sample_event;
use delivery::*;
use serde_json::json;

const EVENTS: u64 = 100_000;
const TARGETS: usize = 5;
const HOUR_MS: u64 = 3_600_000;

fn scenario() -> Scenario {
    let targets = (0..TARGETS)
        .map(|index| SimTarget {
            id: format!("target-{index}"),
            arn: format!("arn:aws:lambda:us-east-1:123456789012:function:target-{index}"),
            kind: TargetKind::Lambda,
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
            text: sample_event("shop", detail_type, json!({"order-id": "o-1", "total": 10})),
            weight: 1,
        })
        .collect();
    Scenario {
        seed: 1,
        buses: vec![Bus {
            name: "default".into(),
        }],
        rules: vec![SimRule {
            name: "orders".into(),
            bus: "default".into(),
            enabled: true,
            pattern: r#"{"source":["shop"]}"#.into(),
            targets,
        }],
        events: EventStream {
            explicit: Vec::new(),
            // 50 per second for 2000 s: all 100 000 arrive during the outage.
            generated: vec![GeneratedEvents {
                to: Ingress::Bus("default".into()),
                start_ms: 0,
                rate_per_second: 50.0,
                duration_ms: EVENTS * 1000 / 50,
                samples,
            }],
        },
        ..Default::default()
    }
}

fn main() {
    let scenario = scenario();
    let started = Instant::now();
    let mut simulation = Simulation::new(&scenario).expect("the benchmark scenario is valid");
    let planned = started.elapsed();
    let mut steps = 0u32;
    while !simulation.step(100_000).finished {
        steps += 1;
    }
    let total = started.elapsed();
    let report = simulation.report();
    let metrics = &report.totals.metrics;
    println!(
        "bench_delivery: {EVENTS} events x {TARGETS} targets, default retry policy, 1 h outage"
    );
    println!(
        "  invocations created     {}",
        report.summary.invocations_created
    );
    println!("  invocation attempts     {}", metrics.invocation_attempts);
    println!(
        "  retry attempts          {}",
        metrics.retry_invocation_attempts
    );
    println!("  outcomes                {:?}", report.summary.outcomes);
    println!(
        "  max success latency     {:.1} min",
        report.totals.success_latency.max_ms as f64 / 60_000.0
    );
    println!("  chunks of 100000 items  {}", steps + 1);
    println!(
        "  plan (validate + match) {:.1} ms",
        planned.as_secs_f64() * 1000.0
    );
    println!(
        "  simulate                {:.1} ms",
        (total - planned).as_secs_f64() * 1000.0
    );
    println!(
        "  total                   {:.1} ms",
        total.as_secs_f64() * 1000.0
    );
    println!(
        "  throughput              {:.1} M attempts/s",
        metrics.invocation_attempts as f64 / (total - planned).as_secs_f64() / 1e6
    );
    if report.summary.invocations_created == 0 {
        println!("  WARNING: nothing matched; is event_pattern still the placeholder?");
    }
}
