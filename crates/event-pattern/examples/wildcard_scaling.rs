//! Events/sec for 5 to 10,000 rules of one kind on MAPBLKLOT, built as the citylots benchmark's
//! "rule-count scaling" part builds them:
//! `cargo run --profile fast -p event-pattern --example wildcard_scaling [KIND]` (KIND: `wildcard`,
//! the default, `exact` or `prefix`). `QUICK_LINES` features (default 20,000).
//! Timed by this thread's CPU time, best of up to three passes.

use event_pattern::RuleSet;
use std::hint::black_box;
use std::time::Instant;

fn scaling_rules(kind: &str, values: &[String], count: usize) -> Vec<String> {
    let step = (values.len() / count.max(1)).max(1);
    let mut rules: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for offset in 0..step {
        for value in values.iter().skip(offset).step_by(step) {
            if rules.len() == count {
                return rules;
            }
            let condition = match kind {
                "exact" => serde_json::json!(value),
                "prefix" => {
                    serde_json::json!({"prefix": value.chars().take(6).collect::<String>()})
                }
                _ => {
                    let chars: Vec<char> = value.chars().collect();
                    let head: String = chars.iter().take(3).collect();
                    let tail: String = chars[chars.len().saturating_sub(2)..].iter().collect();
                    serde_json::json!({"wildcard": format!("{head}*{tail}")})
                }
            };
            let rule = serde_json::json!({"properties": {"MAPBLKLOT": [condition]}}).to_string();
            if seen.insert(rule.clone()) {
                rules.push(rule);
            }
        }
    }
    rules
}

/// This thread's CPU time in seconds (Linux), so other work on a shared machine does not count;
/// wall time elsewhere.
fn cpu_seconds(origin: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or_else(|| origin.elapsed().as_secs_f64(), |ns| ns / 1e9)
}

fn main() {
    let kind = std::env::args().nth(1).unwrap_or_else(|| "wildcard".into());
    let count: usize = std::env::var("QUICK_LINES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let lines = citylots::lines(count);
    let mut seen = std::collections::HashSet::new();
    let mut values = Vec::new();
    for line in &lines {
        let value: serde_json::Value = serde_json::from_str(line).expect("JSON");
        if let Some(lot) = value["properties"]["MAPBLKLOT"].as_str() {
            if seen.insert(lot.to_owned()) {
                values.push(lot.to_owned());
            }
        }
    }
    for rule_count in [5usize, 100, 1_000, 10_000] {
        let rules = scaling_rules(&kind, &values, rule_count);
        let mut set = RuleSet::new();
        for (i, rule) in rules.iter().enumerate() {
            set.add(&i.to_string(), rule).expect("valid rule");
        }
        let mut best = f64::MAX;
        let mut matches = 0;
        let start = Instant::now();
        for _ in 0..3 {
            let pass = cpu_seconds(start);
            matches = 0;
            for line in &lines {
                matches += set
                    .matching_rules_json(black_box(line.as_bytes()))
                    .map_or(0, |m| m.len());
            }
            best = best.min(cpu_seconds(start) - pass);
            if start.elapsed().as_secs() > 20 {
                break;
            }
        }
        println!(
            "{:>6} {kind} rules: {:>12.0} events/sec, {matches} matches",
            rules.len(),
            lines.len() as f64 / best
        );
    }
}
