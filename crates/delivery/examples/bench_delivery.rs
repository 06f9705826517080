//! How long 100 000 events × 5 targets take with default retry policies and a one-hour outage.
//!
//! `cargo run --release -p delivery --example bench_delivery`

use std::time::Instant;

use delivery::*;

const EVENTS: u64 = 100_000;
const TARGETS: usize = 5;

fn main() {
    let scenario = delivery::presets::benchmark_scenario();
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
