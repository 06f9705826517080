//! Quick engine timings while working on it (the full benchmark is `benches/citylots.rs`):
//! `cargo run --profile fast -p event-pattern --example engine_quick [FAMILY…]`.
//!
//! Prints events/sec per citylots2 rule family for `RuleSet::matching_rules_json` and for the
//! `quamina` crate on the same generated features (best of a few passes, JSON parsing included),
//! plus two baselines (`SKIP_ALL`: one rule on an absent key, so every event is checked and
//! skipped whole; `WALK_PROPERTIES`: one absent key inside `properties`), then 5 vs 10,000 exact
//! rules (`SCALING` alone runs just these), and loading times. Asserts nothing.
//!
//! Environment: `QUICK_LINES` features (default 40,000); `QUICK_PASSES` timed passes (best kept,
//! default 3); `QUICK_CLOCK=wall` times by the wall clock instead of this thread's CPU time;
//! `QUICK_NO_QUAMINA=1` or `QUICK_ENGINE=quamina` runs one engine only; `QUICK_SCALING=5,10000`
//! picks the rule counts of the scaling rows.

use event_pattern::RuleSet;
use std::hint::black_box;
use std::time::Instant;

const FAMILIES_JSON: &str = include_str!("../benches/data/citylots-rule-families.json");

/// Timed passes (best kept); `QUICK_PASSES` overrides.
fn passes() -> usize {
    std::env::var("QUICK_PASSES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
}

/// This thread's CPU time in seconds where Linux tells it (`/proc/thread-self/schedstat`), so
/// other work on a shared machine does not count; wall time elsewhere.
fn cpu_seconds(wall_start: Instant) -> f64 {
    if std::env::var("QUICK_CLOCK").as_deref() == Ok("wall") {
        return wall_start.elapsed().as_secs_f64();
    }
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or_else(|| wall_start.elapsed().as_secs_f64(), |ns| ns / 1e9)
}

/// Best events/sec over a few passes (thread CPU time), and the matches of one pass.
fn events_per_second(lines: &[String], mut run: impl FnMut(&[u8]) -> usize) -> (f64, usize) {
    let origin = Instant::now();
    let mut best = f64::MAX;
    let mut matches = 0;
    // CPU time advances in scheduler ticks (4 ms here): each pass covers enough events for
    // ticks not to matter.
    let rounds = (400_000 / lines.len().max(1)).max(1);
    for _ in 0..passes() {
        let start = cpu_seconds(origin);
        for _ in 0..rounds {
            matches = 0;
            for line in lines {
                matches += run(black_box(line.as_bytes()));
            }
        }
        best = best.min(cpu_seconds(origin) - start);
    }
    ((rounds * lines.len()) as f64 / best, matches)
}

fn rule_set(rules: &[String]) -> RuleSet {
    let mut set = RuleSet::new();
    for (i, rule) in rules.iter().enumerate() {
        set.add(&i.to_string(), rule)
            .expect("family rules are valid");
    }
    set
}

fn ours(set: &RuleSet, lines: &[String]) -> (f64, usize) {
    events_per_second(lines, |line| {
        set.matching_rules_json(line).map_or(0, |m| m.len())
    })
}

fn theirs(rules: &[String], lines: &[String]) -> Option<(f64, usize)> {
    let mut q = quamina::Quamina::<usize>::new();
    for (i, rule) in rules.iter().enumerate() {
        q.add_pattern(i, rule).ok()?;
    }
    Some(events_per_second(lines, |line| {
        q.matches_for_event(line).map_or(0, |m| m.len())
    }))
}

fn main() {
    let count: usize = std::env::var("QUICK_LINES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40_000);
    let only: Vec<String> = std::env::args().skip(1).collect();
    let lines = citylots::lines(count);
    let bytes: usize = lines.iter().map(String::len).sum();
    println!("{count} features, {} bytes on average\n", bytes / count);

    let mut data: serde_json::Value = serde_json::from_str(FAMILIES_JSON).unwrap();
    // A baseline: one rule on a key no event has, so the whole event is checked and skipped.
    data["families"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "name": "SKIP_ALL", "rules": [{"no-such-key": ["x"]}]
        }));
    data["families"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "name": "WALK_PROPERTIES", "rules": [{"properties": {"no-such-key": ["x"]}}]
        }));
    println!("| family | ours ev/s | quamina ev/s | ratio | matches (ours/quamina) |");
    println!("|---|---:|---:|---:|---|");
    for family in data["families"].as_array().unwrap() {
        let name = family["name"].as_str().unwrap();
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        let rules: Vec<String> = family["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.to_string())
            .collect();
        if std::env::var("QUICK_ENGINE").as_deref() == Ok("quamina") {
            let (rate, matches) = theirs(&rules, &lines).unwrap_or((0.0, 0));
            println!("| {name} | - | {:.2}M | - | -/{matches} |", rate / 1e6);
            continue;
        }
        let (ours_rate, ours_matches) = ours(&rule_set(&rules), &lines);
        let compare = std::env::var_os("QUICK_NO_QUAMINA").is_none();
        let quamina = if compare {
            theirs(&rules, &lines)
        } else {
            None
        };
        match quamina {
            Some((rate, matches)) => println!(
                "| {name} | {:.2}M | {:.2}M | {:.2} | {ours_matches}/{matches} |",
                ours_rate / 1e6,
                rate / 1e6,
                ours_rate / rate
            ),
            None => println!(
                "| {name} | {:.2}M | - | - | {ours_matches} |",
                ours_rate / 1e6
            ),
        }
    }
    if !only.is_empty() && !only.iter().any(|o| o == "SCALING") {
        return;
    }

    let exact = |n: usize| -> Vec<String> {
        (0..n)
            .map(|i| {
                let lot = lines[(i * 7919) % lines.len()]
                    .split("\"MAPBLKLOT\":\"")
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .map_or_else(|| format!("{i:07}"), str::to_owned);
                format!(r#"{{"properties":{{"MAPBLKLOT":["{lot}"]}}}}"#)
            })
            .collect()
    };
    println!();
    let sizes: Vec<usize> = std::env::var("QUICK_SCALING")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|| vec![5, 10_000]);
    for n in sizes {
        let rules = exact(n);
        let (rate, matches) = ours(&rule_set(&rules), &lines);
        println!(
            "{n} exact rules: {:.2}M events/sec ({matches} matches)",
            rate / 1e6
        );
    }
    for n in [10_000, 100_000] {
        if std::env::var_os("QUICK_SCALING").is_some() {
            break;
        }
        let rules: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#"{{"source":["app-{}"],"detail":{{"id":[{{"prefix":"{i}-"}}],"n":[{{"numeric":[">",{i}]}}]}}}}"#,
                    i % 97
                )
            })
            .collect();
        let start = Instant::now();
        let set = rule_set(&rules);
        println!(
            "adding {n} rules: {:.3} s ({} rules)",
            start.elapsed().as_secs_f64(),
            set.len()
        );
    }
}
