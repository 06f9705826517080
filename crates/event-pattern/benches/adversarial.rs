//! Adversarial event shapes at growing sizes, so that growth is visible: `cargo bench -p
//! event-pattern --bench adversarial`. Prints times (and, on Linux, the peak memory of a child
//! process per shape); asserts nothing about speed.
//!
//! Each shape is an event whose `detail` holds one long array built to defeat a naive matcher:
//! equal values, alternating objects where the pattern needs two fields of one element, many
//! values under `anything-but`, `exists: false` beside a value field, and values at the bottom of
//! nesting at the 1000-level limit. For every size the table gives the time of `Event::parse`,
//! `Pattern::matches`, `explain` and `RuleSet::matching_rules_json` (one rule). A measurement that
//! took over `ADVERSARIAL_BUDGET_SECS` (default 5) is not repeated at larger sizes ("skipped").
//!
//! * `ADVERSARIAL_SIZES`: comma-separated element counts (default 8192,…,262144);
//! * `ADVERSARIAL_MEMORY=0`: skip the peak-memory table.

use event_pattern::{explain, Event, Pattern, RuleSet};
use std::time::{Duration, Instant};

const ENVELOPE: &str =
    r#""id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d""#;

/// Nested arrays around the deep shape's values: the envelope object, `detail` and `k` take three
/// of the 1000 levels.
const DEEP_ARRAYS: usize = 997;

struct Shape {
    name: &'static str,
    pattern: &'static str,
    /// The `detail` member's value for `n` elements.
    detail: fn(usize) -> String,
}

fn list(n: usize, item: impl Fn(usize) -> String) -> String {
    let items: Vec<String> = (0..n).map(item).collect();
    format!("[{}]", items.join(","))
}

fn shapes() -> Vec<Shape> {
    vec![
        Shape {
            name: "equal values, match",
            pattern: r#"{"detail":{"k":[1]}}"#,
            detail: |n| format!(r#"{{"k":{}}}"#, list(n, |_| "1".into())),
        },
        Shape {
            name: "equal values, two fields",
            pattern: r#"{"detail":{"k":[1],"m":[2]}}"#,
            detail: |n| {
                format!(
                    r#"{{"k":{},"m":{}}}"#,
                    list(n / 2, |_| "1".into()),
                    list(n / 2, |_| "3".into())
                )
            },
        },
        Shape {
            name: "alternating objects",
            pattern: r#"{"detail":{"items":{"a":[1],"b":[1]}}}"#,
            detail: |n| {
                format!(
                    r#"{{"items":{}}}"#,
                    list(n, |i| if i % 2 == 0 {
                        r#"{"a":1}"#.into()
                    } else {
                        r#"{"b":1}"#.into()
                    })
                )
            },
        },
        Shape {
            name: "anything-but, many values",
            pattern: r#"{"detail":{"k":[{"anything-but":["x","y"]}],"m":["absent"]}}"#,
            detail: |n| format!(r#"{{"k":{}}}"#, list(n, |i| format!("\"v{i}\""))),
        },
        Shape {
            name: "exists false beside a value",
            pattern: r#"{"detail":{"items":{"a":[1],"b":[{"exists":false}]}}}"#,
            detail: |n| format!(r#"{{"items":{}}}"#, list(n, |_| r#"{"a":1,"b":2}"#.into())),
        },
        Shape {
            name: "deep nesting at the limit",
            pattern: r#"{"detail":{"k":[2],"m":[{"exists":false}]}}"#,
            detail: |n| {
                format!(
                    r#"{{"k":{}{}{}}}"#,
                    "[".repeat(DEEP_ARRAYS - 1),
                    list(n, |_| "1".into()),
                    "]".repeat(DEEP_ARRAYS - 1)
                )
            },
        },
    ]
}

fn event_text(shape: &Shape, n: usize) -> String {
    format!(r#"{{{ENVELOPE},"detail":{}}}"#, (shape.detail)(n))
}

fn sizes() -> Vec<usize> {
    std::env::var("ADVERSARIAL_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![8_192, 16_384, 32_768, 65_536, 131_072, 262_144])
}

fn budget() -> Duration {
    let secs = std::env::var("ADVERSARIAL_BUDGET_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5.0);
    Duration::from_secs_f64(secs)
}

/// Runs `f` once, or more often when it is fast, and returns the mean time.
fn time(mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    f();
    let first = start.elapsed();
    if first > Duration::from_millis(20) {
        return first;
    }
    let rounds = 5;
    let start = Instant::now();
    for _ in 0..rounds {
        f();
    }
    start.elapsed() / rounds
}

fn cell(time: Option<Duration>) -> String {
    match time {
        None => "skipped".to_owned(),
        Some(t) if t < Duration::from_millis(10) => format!("{:.3} ms", t.as_secs_f64() * 1e3),
        Some(t) => format!("{:.1} ms", t.as_secs_f64() * 1e3),
    }
}

/// Peak resident memory of this process, in bytes (Linux only).
fn peak_resident() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// In a child process: build one event, explain one pattern against it, print the peak memory.
fn child(spec: &str) {
    let mut parts = spec.split(':');
    let index: usize = parts
        .next()
        .and_then(|s| s.parse().ok())
        .expect("shape index");
    let n: usize = parts.next().and_then(|s| s.parse().ok()).expect("size");
    let shapes = shapes();
    let shape = &shapes[index];
    let text = event_text(shape, n);
    let before = peak_resident().unwrap_or(0);
    let event = Event::parse(&text).expect("the event parses");
    let pattern = Pattern::parse(shape.pattern).expect("the pattern parses");
    let explanation = explain(&pattern, &event);
    std::hint::black_box(&explanation);
    let after = peak_resident().unwrap_or(0);
    println!("{} {}", text.len(), after.saturating_sub(before));
}

/// Runs one memory measurement in a child process, killed after `limit`.
fn run_child(exe: &std::path::Path, spec: &str, limit: Duration) -> Option<String> {
    use std::io::Read;
    let mut child = std::process::Command::new(exe)
        .env("ADVERSARIAL_CHILD", spec)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    let start = Instant::now();
    loop {
        match child.try_wait().ok()? {
            Some(status) if status.success() => break,
            Some(_) => return None,
            None if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    let mut out = String::new();
    child.stdout.take()?.read_to_string(&mut out).ok()?;
    Some(out.trim().to_owned())
}

fn main() {
    if let Ok(spec) = std::env::var("ADVERSARIAL_CHILD") {
        child(&spec);
        return;
    }
    let budget = budget();
    let sizes = sizes();
    println!("# Adversarial shapes (times per event; `skipped` once a smaller size took over {budget:?})\n");
    println!("| shape | elements | KiB | parse | matches | explain | RuleSet | verdict |");
    println!("|---|---:|---:|---:|---:|---:|---:|---|");
    for shape in shapes() {
        let pattern = Pattern::parse(shape.pattern).expect("the pattern parses");
        let mut rules = RuleSet::new();
        rules.add("rule", shape.pattern).expect("the rule is valid");
        // Per measurement: did the last size stay within the budget?
        let mut live = [true; 4];
        for &n in &sizes {
            let text = event_text(&shape, n);
            let mut measure = |slot: usize, f: &mut dyn FnMut()| -> Option<Duration> {
                if !live[slot] {
                    return None;
                }
                let t = time(f);
                live[slot] = t <= budget;
                Some(t)
            };
            let mut event = None;
            let parse = measure(0, &mut || {
                event = Some(Event::parse(&text).expect("parses"))
            });
            let event = event.unwrap_or_else(|| Event::parse(&text).expect("parses"));
            let mut verdict = None;
            let matches = measure(1, &mut || verdict = Some(pattern.matches(&event)));
            let explaining = measure(2, &mut || {
                std::hint::black_box(explain(&pattern, &event));
            });
            let mut set_verdict = None;
            let set = measure(3, &mut || {
                set_verdict = Some(
                    !rules
                        .matching_rules_json(text.as_bytes())
                        .expect("valid")
                        .is_empty(),
                )
            });
            let verdict = match (verdict, set_verdict) {
                (Some(a), Some(b)) if a != b => format!("**DISAGREE** matches={a} RuleSet={b}"),
                (Some(a), _) | (None, Some(a)) => if a { "match" } else { "no match" }.to_owned(),
                (None, None) => "–".to_owned(),
            };
            println!(
                "| {} | {n} | {} | {} | {} | {} | {} | {verdict} |",
                shape.name,
                text.len() / 1024,
                cell(parse),
                cell(matches),
                cell(explaining),
                cell(set),
            );
        }
    }
    if std::env::var("ADVERSARIAL_MEMORY").as_deref() == Ok("0") || peak_resident().is_none() {
        return;
    }
    println!("\n# Peak memory of Event::parse + explain, in a fresh process per row\n");
    println!("| shape | elements | event KiB | peak growth MiB | × event size |");
    println!("|---|---:|---:|---:|---:|");
    let exe = std::env::current_exe().expect("the bench knows its path");
    for (index, shape) in shapes().iter().enumerate() {
        for &n in &sizes {
            let Some(line) = run_child(&exe, &format!("{index}:{n}"), budget * 6) else {
                println!(
                    "| {} | {n} | – | failed or over {:?} | – |",
                    shape.name,
                    budget * 6
                );
                continue;
            };
            let mut numbers = line.split(' ').filter_map(|x| x.parse::<u64>().ok());
            let (Some(size), Some(growth)) = (numbers.next(), numbers.next()) else {
                continue;
            };
            println!(
                "| {} | {n} | {} | {:.1} | {:.1} |",
                shape.name,
                size / 1024,
                growth as f64 / (1024.0 * 1024.0),
                growth as f64 / size as f64
            );
        }
    }
}
