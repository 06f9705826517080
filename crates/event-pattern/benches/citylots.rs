//! The citylots2 benchmark: `cargo bench -p event-pattern --bench citylots`.
//!
//! Matches generated citylots2-shaped GeoJSON features (crate `citylots`; the real file is not
//! available here) against the 14 five-rule families of event-ruler's citylots2 benchmark
//! (`benches/data/citylots-rule-families.json`) with [`RuleSet`], and with the `quamina` crate on
//! the families it accepts, and checks every family's per-rule counts against the reference
//! interpreter. Then: rule-count scaling, parse-only and byte-scan baselines, loading time and
//! memory for many rules. Prints Markdown tables; asserts nothing about speed. Exits non-zero if
//! any count disagrees with the reference interpreter or an event is rejected.
//!
//! Environment:
//! * `CITYLOTS_LINES`: how many features to generate (default 213,068, the real file's size);
//! * `CITYLOTS_FILE`: read features from this file (one JSON object per line) instead;
//! * `BENCH_PASSES`: timed passes per measurement (median reported). Without it, up to 21 passes
//!   are run but each measurement stops after about `BENCH_SECONDS` (default 1.5) seconds, with
//!   at least 3 passes, so a full run takes a few minutes on 2 cores (about 4 minutes here);
//! * `BENCH_ONLY`: `scaling`, `loading` or `infix` runs only that section;
//! * `BENCH_FAMILIES`: comma-separated family names (`EXACT,WILDCARD`): only those rows of the
//!   family table, without the baselines, the 70-rule row and the later sections, so that one
//!   family can be compared with the CLI's `--passes` in short runs;
//! * `REFERENCE_LINES`: lines per family the (slow) reference interpreter checks: a strided
//!   sample of this many (default 10,000) plus every line a rare rule matched; `all` for every
//!   line (about half an hour).
//!
//! Throughput always includes JSON parsing: every engine gets the event as bytes.
#![forbid(unsafe_code)]

use event_pattern::{reference, RuleSet};
use quamina::{Quamina, QuaminaBuilder};
use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

const FAMILIES_JSON: &str = include_str!("data/citylots-rule-families.json");

/// Most passes per measurement when `BENCH_PASSES` is not set.
const DEFAULT_MAX_PASSES: usize = 21;
const DEFAULT_MIN_PASSES: usize = 3;

/// One rule family of the benchmark.
struct Family {
    name: String,
    rules: Vec<String>,
    real_counts: Vec<u64>,
}

/// Reads the families file with our own JSON reader so each rule keeps its exact text:
/// re-serializing through `serde_json::Value` may change the last digit of numbers like
/// -122.42916360922355 (serde_json's default float parsing is not correctly rounded), and the
/// equality rules would then match nothing.
fn families() -> Vec<Family> {
    use event_pattern::json::{self, Value, ValueKind};
    let root = json::parse(FAMILIES_JSON).expect("the families file is JSON");
    let items = |value: Option<&Value>| -> Vec<Value> {
        match value.map(|v| &v.kind) {
            Some(ValueKind::Array(items)) => items.clone(),
            _ => panic!("the families file has an unexpected shape"),
        }
    };
    items(root.get("families"))
        .iter()
        .map(|family| Family {
            name: match family.get("name").map(|v| &v.kind) {
                Some(ValueKind::String(name)) => name.clone(),
                _ => panic!("a family without a name"),
            },
            rules: items(family.get("rules"))
                .iter()
                .map(|rule| FAMILIES_JSON[rule.span.range()].to_owned())
                .collect(),
            real_counts: items(family.get("real_citylots2_counts"))
                .iter()
                .map(|n| match &n.kind {
                    ValueKind::Number(n) => n.as_f64() as u64,
                    _ => panic!("a count that is not a number"),
                })
                .collect(),
        })
        .collect()
}

/// How many passes a measurement makes.
#[derive(Clone, Copy)]
enum PassPolicy {
    Exactly(usize),
    WithinBudget {
        min: usize,
        max: usize,
        budget: Duration,
    },
}

impl PassPolicy {
    fn from_env() -> PassPolicy {
        if let Some(passes) = env_number("BENCH_PASSES") {
            return PassPolicy::Exactly(passes.max(1));
        }
        let seconds: f64 = std::env::var("BENCH_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(1.5);
        PassPolicy::WithinBudget {
            min: DEFAULT_MIN_PASSES,
            max: DEFAULT_MAX_PASSES,
            budget: Duration::from_secs_f64(seconds),
        }
    }

    fn describe(&self) -> String {
        match self {
            PassPolicy::Exactly(n) => format!("median of {n} timed passes (BENCH_PASSES)"),
            PassPolicy::WithinBudget { min, max, budget } => format!(
                "median of up to {max} timed passes, stopping after {:.1} s per measurement (at least {min}); set BENCH_PASSES for a fixed number",
                budget.as_secs_f64()
            ),
        }
    }
}

fn env_number(name: &str) -> Option<usize> {
    let text = std::env::var(name).ok()?;
    match text.replace('_', "").parse() {
        Ok(n) => Some(n),
        Err(_) => {
            eprintln!("{name}={text} is not a whole number; ignored");
            None
        }
    }
}

/// The result of timing one way of processing every line.
#[derive(Clone, Copy)]
struct Throughput {
    events_per_sec: f64,
    passes: usize,
    /// False when one pass would take too long and only a prefix of the lines was timed.
    complete: bool,
}

impl Throughput {
    fn cell(&self) -> String {
        let number = format_rate(self.events_per_sec);
        if self.complete {
            number
        } else {
            format!("~{number}")
        }
    }
}

fn format_rate(rate: f64) -> String {
    let whole = rate.round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Times `process` over all lines. A first, untimed pass warms caches and is where `process`
/// should gather counts; if that pass runs past `probe_limit`, only the lines it reached are
/// used, once, and the result is marked approximate.
fn measure(
    lines: &[String],
    policy: PassPolicy,
    probe_limit: Duration,
    mut process: impl FnMut(&str),
) -> Throughput {
    let start = Instant::now();
    for (done, line) in lines.iter().enumerate() {
        process(line);
        if (done + 1).is_multiple_of(256) && start.elapsed() > probe_limit && done + 1 < lines.len()
        {
            return Throughput {
                events_per_sec: (done + 1) as f64 / start.elapsed().as_secs_f64(),
                passes: 0,
                complete: false,
            };
        }
    }
    let mut times: Vec<f64> = Vec::new();
    let started = Instant::now();
    loop {
        let pass = Instant::now();
        for line in lines {
            process(line);
        }
        times.push(pass.elapsed().as_secs_f64());
        let enough = match policy {
            PassPolicy::Exactly(n) => times.len() >= n,
            PassPolicy::WithinBudget { min, max, budget } => {
                times.len() >= max || (times.len() >= min && started.elapsed() >= budget)
            }
        };
        if enough {
            break;
        }
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    Throughput {
        events_per_sec: lines.len() as f64 / median,
        passes: times.len(),
        complete: true,
    }
}

/// Per-rule counts from one engine, or why there are none.
type Counts = Result<Vec<u64>, String>;

fn rule_set(rules: &[String]) -> RuleSet {
    let mut set = RuleSet::new();
    for (index, rule) in rules.iter().enumerate() {
        if let Err(error) = set.add(&index.to_string(), rule) {
            panic!("rule {rule} is rejected: {}", error.message());
        }
    }
    set
}

/// A quamina instance whose automaton may grow to 1 GiB (its default 10 MB budget refuses 10,000
/// exact rules on one field), so it is compared at its best.
fn new_quamina() -> Quamina<usize> {
    QuaminaBuilder::<usize>::new()
        .with_arena_byte_budget(1 << 30)
        .build()
        .expect("a valid quamina configuration")
}

fn quamina_set(rules: &[String]) -> Result<Quamina<usize>, String> {
    let mut set = new_quamina();
    for (index, rule) in rules.iter().enumerate() {
        set.add_pattern(index, rule)
            .map_err(|e| format!("rule {} refused: {e}", index + 1))?;
    }
    Ok(set)
}

/// Our events/sec and counts for these rules (rule names are their indices).
fn run_ours(
    rules: &[String],
    lines: &[String],
    policy: PassPolicy,
    errors: &mut Vec<String>,
) -> (Throughput, Vec<u64>) {
    let set = rule_set(rules);
    let mut counts = vec![0u64; rules.len()];
    let mut first_error: Option<String> = None;
    let mut seen = 0usize;
    let throughput = measure(lines, policy, Duration::from_secs(60), |line| {
        match set.matching_rules_json(line.as_bytes()) {
            // Counts come from the first (untimed) pass only.
            Ok(names) if seen < lines.len() => {
                for name in names {
                    counts[name.parse::<usize>().expect("rule names are indices")] += 1;
                }
            }
            Ok(_) => {}
            Err(error) => {
                if first_error.is_none() {
                    first_error = Some(format!(
                        "line {}: {}",
                        seen % lines.len() + 1,
                        error.detail()
                    ));
                }
            }
        }
        seen += 1;
    });
    if let Some(error) = first_error {
        errors.push(format!("RuleSet rejected an event: {error}"));
    }
    (throughput, counts)
}

fn run_quamina(
    rules: &[String],
    lines: &[String],
    policy: PassPolicy,
    probe_limit: Duration,
) -> (Option<Throughput>, Counts) {
    let set = match quamina_set(rules) {
        Ok(set) => set,
        Err(reason) => return (None, Err(reason)),
    };
    let mut counts = vec![0u64; rules.len()];
    let mut seen = 0usize;
    let mut failure: Option<String> = None;
    let throughput = measure(lines, policy, probe_limit, |line| {
        match set.matches_for_event(line.as_bytes()) {
            Ok(ids) => {
                if seen < lines.len() {
                    for id in ids {
                        counts[id] += 1;
                    }
                }
            }
            Err(e) => {
                if failure.is_none() {
                    failure = Some(format!("event refused: {e}"));
                }
            }
        }
        seen += 1;
    });
    match failure {
        Some(reason) => (Some(throughput), Err(reason)),
        None => (Some(throughput), Ok(counts)),
    }
}

/// Which lines the reference interpreter checks. It is slow (about 0.1 ms per rule and line), so
/// by default it sees a strided sample of `REFERENCE_LINES` lines (default 10,000) plus every
/// line that RuleSet matched with a rule that matches fewer than 1,000 lines, so rare rules are
/// checked on all their matches. `REFERENCE_LINES=all` checks every line.
fn reference_sample(rules: &[String], lines: &[String], set_counts: &[u64]) -> Vec<usize> {
    let wanted = match std::env::var("REFERENCE_LINES").as_deref() {
        Ok("all") => lines.len(),
        _ => env_number("REFERENCE_LINES").unwrap_or(10_000),
    };
    if wanted >= lines.len() {
        return (0..lines.len()).collect();
    }
    let stride = lines.len().div_ceil(wanted.max(1));
    let rare: Vec<String> = (0..rules.len())
        .filter(|&i| set_counts[i] < 1_000)
        .map(|i| i.to_string())
        .collect();
    let set = rule_set(rules);
    (0..lines.len())
        .filter(|&i| {
            i % stride == 0
                || (!rare.is_empty()
                    && set
                        .matching_rules_json(lines[i].as_bytes())
                        .is_ok_and(|names| names.iter().any(|n| rare.iter().any(|r| r == n))))
        })
        .collect()
}

/// RuleSet's per-rule counts on some of the lines.
fn counts_on(rules: &[String], lines: &[&String]) -> Vec<u64> {
    let set = rule_set(rules);
    let mut counts = vec![0u64; rules.len()];
    for line in lines {
        for name in set.matching_rules_json(line.as_bytes()).unwrap_or_default() {
            counts[name.parse::<usize>().expect("rule names are indices")] += 1;
        }
    }
    counts
}

/// Per-rule counts by the reference interpreter, on both cores (it is slow, and not timed).
fn reference_counts(rules: &[String], lines: &[&String]) -> Counts {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let chunk = lines.len().div_ceil(workers).max(1);
    let partials: Vec<Counts> = std::thread::scope(|scope| {
        let handles: Vec<_> = lines
            .chunks(chunk)
            .enumerate()
            .map(|(part, slice)| {
                scope.spawn(move || {
                    let mut counts = vec![0u64; rules.len()];
                    for (offset, line) in slice.iter().enumerate() {
                        for (index, rule) in rules.iter().enumerate() {
                            match reference::matches_text(rule, line) {
                                Some(true) => counts[index] += 1,
                                Some(false) => {}
                                None => {
                                    return Err(format!(
                                        "line {} is not a JSON object",
                                        part * chunk + offset + 1
                                    ))
                                }
                            }
                        }
                    }
                    Ok(counts)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });
    let mut total = vec![0u64; rules.len()];
    for partial in partials {
        for (sum, n) in total.iter_mut().zip(partial?) {
            *sum += n;
        }
    }
    Ok(total)
}

fn join_counts(counts: &[u64]) -> String {
    counts
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join("/")
}

fn load_lines() -> Result<(Vec<String>, String), String> {
    if let Ok(path) = std::env::var("CITYLOTS_FILE") {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
        let lines: Vec<String> = text
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(str::to_owned)
            .collect();
        let source = format!("{} lines read from {path}", lines.len());
        return Ok((lines, source));
    }
    let count = env_number("CITYLOTS_LINES").unwrap_or(citylots::DEFAULT_LINES);
    let lines = citylots::lines(count);
    Ok((
        lines,
        format!("{count} generated citylots2-shaped features"),
    ))
}

/// Resident memory of this process, from /proc (Linux); `None` elsewhere.
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// Has the resident set grown by more than `cap` bytes since `before`?
fn grown_past(before: Option<u64>, cap: u64) -> bool {
    before
        .zip(resident_bytes())
        .is_some_and(|(before, now)| now.saturating_sub(before) > cap)
}

fn megabytes(bytes: Option<i64>) -> String {
    bytes.map_or("n/a".into(), |b| {
        format!("{:.1} MB", b as f64 / 1_000_000.0)
    })
}

fn main() -> ExitCode {
    let bench_start = Instant::now();
    let (lines, source) = match load_lines() {
        Ok(loaded) => loaded,
        Err(message) => {
            eprintln!("citylots bench: {message}");
            return ExitCode::FAILURE;
        }
    };
    if lines.is_empty() {
        eprintln!("citylots bench: no events to match");
        return ExitCode::FAILURE;
    }
    let policy = PassPolicy::from_env();
    let bytes: usize = lines.iter().map(String::len).sum();
    println!("# citylots2 benchmark\n");
    println!(
        "data: {source}, {:.1} MB, {:.0} bytes per line on average",
        bytes as f64 / 1e6,
        bytes as f64 / lines.len() as f64
    );
    println!(
        "timing: {}; JSON parsing included everywhere\n",
        policy.describe()
    );
    match std::env::var("BENCH_ONLY").as_deref() {
        Ok("scaling") => {
            scaling(&lines, policy);
            return ExitCode::SUCCESS;
        }
        Ok("loading") => {
            loading(&lines);
            return ExitCode::SUCCESS;
        }
        Ok("infix") => {
            infix(&lines, policy);
            return ExitCode::SUCCESS;
        }
        Ok(other) => {
            eprintln!(
                "BENCH_ONLY={other} is not `scaling`, `loading` or `infix`; running everything"
            )
        }
        Err(_) => {}
    }

    let mut errors: Vec<String> = Vec::new();

    if let Ok(names) = std::env::var("BENCH_FAMILIES") {
        let wanted: Vec<&str> = names.split(',').map(str::trim).collect();
        let chosen: Vec<Family> = families()
            .into_iter()
            .filter(|f| wanted.contains(&f.name.as_str()))
            .collect();
        if chosen.len() != wanted.len() {
            eprintln!("citylots bench: BENCH_FAMILIES={names} names an unknown family");
            return ExitCode::FAILURE;
        }
        println!("## Rule families\n");
        println!("| family | events/sec | quamina events/sec | ratio | counts | counts ok |");
        println!("|---|---:|---:|---:|---|---|");
        for family in &chosen {
            let row = family_row(family, &lines, policy, &mut errors);
            println!(
                "| {} | {} | {} | {} | {} | {} |",
                family.name,
                row.ours.cell(),
                row.their_cell,
                row.ratio,
                join_counts(&row.counts),
                row.counts_ok
            );
        }
        return finish(&errors);
    }

    // Baselines first: they frame every other number.
    // The floor for anything that reads every byte once: memchr's vectorised search for `"`.
    let scan = measure(&lines, policy, Duration::from_secs(60), |line| {
        black_box(memchr::memchr_iter(b'"', line.as_bytes()).count());
    });
    let serde_parse = measure(&lines, policy, Duration::from_secs(60), |line| {
        let value: serde_json::Value =
            serde_json::from_slice(line.as_bytes()).expect("the data is JSON");
        black_box(value);
    });
    let our_tree = measure(&lines, policy, Duration::from_secs(60), |line| {
        black_box(event_pattern::Event::parse_any(line).is_ok());
    });
    println!("## Baselines\n");
    println!("| baseline | events/sec | MB/s |");
    println!("|---|---:|---:|");
    for (name, result) in [
        ("byte scan (count `\"` per line with memchr)", scan),
        ("serde_json::from_slice::<Value> (parse only)", serde_parse),
        (
            "event_pattern::Event::parse_any (parse + flatten)",
            our_tree,
        ),
    ] {
        println!(
            "| {name} | {} | {:.0} |",
            result.cell(),
            result.events_per_sec * bytes as f64 / lines.len() as f64 / 1e6
        );
    }

    let families = families();
    println!("\n## Rule families\n");
    println!(
        "| family | events/sec | quamina events/sec | ratio | counts | counts ok | ÷ serde parse | ÷ byte scan |"
    );
    println!("|---|---:|---:|---:|---|---|---:|---:|");
    let mut notes: Vec<String> = Vec::new();
    let mut quamina_agrees = 0usize;
    let mut passes_used: Vec<usize> = Vec::new();
    let mut all_rules: Vec<String> = Vec::new();
    let mut all_counts: Vec<u64> = Vec::new();
    let mut real_rows: Vec<String> = Vec::new();
    for family in &families {
        let row = family_row(family, &lines, policy, &mut errors);
        passes_used.extend(&row.passes);
        match &row.their_counts {
            Ok(theirs) if *theirs != row.counts => notes.push(format!(
                "{}: quamina counts {} (RuleSet {})",
                family.name,
                join_counts(theirs),
                join_counts(&row.counts)
            )),
            Ok(_) => quamina_agrees += 1,
            Err(reason) => notes.push(format!("{}: quamina: {reason}", family.name)),
        }
        let FamilyRow {
            ours,
            counts,
            their_cell,
            ratio,
            counts_ok,
            ..
        } = row;
        println!(
            "| {} | {} | {} | {} | {} | {} | {:.2} | {:.2} |",
            family.name,
            ours.cell(),
            their_cell,
            ratio,
            join_counts(&counts),
            counts_ok,
            ours.events_per_sec / serde_parse.events_per_sec,
            ours.events_per_sec / scan.events_per_sec
        );
        real_rows.push(format!(
            "| {} | {} | {} |",
            family.name,
            join_counts(&counts),
            join_counts(&family.real_counts)
        ));
        all_rules.extend(family.rules.iter().cloned());
        all_counts.extend(counts);
    }

    // All 70 rules in one set: the counts must be the families' counts side by side.
    let (ours, counts) = run_ours(&all_rules, &lines, policy, &mut errors);
    let supported: Vec<(usize, String)> = all_rules
        .iter()
        .enumerate()
        .filter(|(_, rule)| quamina_set(std::slice::from_ref(rule)).is_ok())
        .map(|(i, rule)| (i, rule.clone()))
        .collect();
    let supported_rules: Vec<String> = supported.iter().map(|(_, r)| r.clone()).collect();
    let (theirs, _) = run_quamina(&supported_rules, &lines, policy, Duration::from_secs(60));
    let combined_ok = if counts == all_counts {
        "yes (= families)".to_owned()
    } else {
        errors.push("the 70-rule set's counts differ from the families' counts".into());
        "**NO**".to_owned()
    };
    println!(
        "| ALL ({} rules; quamina: its {}) | {} | {} | {} | {} matches | {} | {:.2} | {:.2} |",
        all_rules.len(),
        supported_rules.len(),
        ours.cell(),
        theirs.map_or("–".into(), |t| t.cell()),
        theirs.map_or("–".into(), |t| format!(
            "{:.2}",
            ours.events_per_sec / t.events_per_sec
        )),
        counts.iter().sum::<u64>(),
        combined_ok,
        ours.events_per_sec / serde_parse.events_per_sec,
        ours.events_per_sec / scan.events_per_sec
    );
    println!("\nratio = our events/sec ÷ quamina's (above 1: we are faster); ÷ serde parse = our events/sec ÷ the parse-only baseline; ÷ byte scan = our events/sec ÷ the byte-scan floor (the stretch goal for EXACT is 0.5).");
    println!("counts ok = RuleSet's per-rule counts equal the reference interpreter's on the lines checked (REFERENCE_LINES: a strided sample plus every match of the rare rules, or `all`).");
    println!("quamina's counts equal RuleSet's on all lines for {quamina_agrees} of the families it accepts.");
    println!(
        "timed passes per measurement: {} to {}.",
        passes_used.iter().min().unwrap_or(&0),
        passes_used.iter().max().unwrap_or(&0)
    );
    for note in &notes {
        println!("- {note}");
    }

    println!("\n## Counts: generated data vs the real citylots2 file\n");
    println!("| family | generated | real citylots2 (213,068 lots) |");
    println!("|---|---|---|");
    for row in &real_rows {
        println!("{row}");
    }

    scaling(&lines, policy);
    loading(&lines);

    println!(
        "\nwhole benchmark: {:.0} s",
        bench_start.elapsed().as_secs_f64()
    );
    finish(&errors)
}

/// Success when no count disagreed with the reference interpreter, else the errors, loudly.
fn finish(errors: &[String]) -> ExitCode {
    if errors.is_empty() {
        println!("\nall counts agree with the reference interpreter");
        ExitCode::SUCCESS
    } else {
        eprintln!("\n!!!!!!!!!! BENCHMARK FOUND WRONG RESULTS !!!!!!!!!!");
        for error in errors {
            eprintln!("!!! {error}");
        }
        ExitCode::FAILURE
    }
}

/// One family measured with both engines and checked against the reference interpreter.
struct FamilyRow {
    ours: Throughput,
    counts: Vec<u64>,
    their_counts: Counts,
    their_cell: String,
    ratio: String,
    counts_ok: String,
    /// Timed passes of each measurement.
    passes: Vec<usize>,
}

/// Times a family with RuleSet, then with quamina, and checks RuleSet's counts against the
/// reference interpreter (disagreements go to `errors`).
fn family_row(
    family: &Family,
    lines: &[String],
    policy: PassPolicy,
    errors: &mut Vec<String>,
) -> FamilyRow {
    let (ours, counts) = run_ours(&family.rules, lines, policy, errors);
    let (theirs, their_counts) = run_quamina(&family.rules, lines, policy, Duration::from_secs(60));
    let mut passes = vec![ours.passes];
    passes.extend(theirs.map(|t| t.passes));
    let sample: Vec<&String> = reference_sample(&family.rules, lines, &counts)
        .into_iter()
        .map(|i| &lines[i])
        .collect();
    let ours_on_sample = if sample.len() == lines.len() {
        counts.clone()
    } else {
        counts_on(&family.rules, &sample)
    };
    let checked = if sample.len() == lines.len() {
        "all lines".to_owned()
    } else {
        format!("{} lines", sample.len())
    };
    let counts_ok = match reference_counts(&family.rules, &sample) {
        Ok(expected) if expected == ours_on_sample => format!("yes ({checked})"),
        Ok(expected) => {
            errors.push(format!(
                "{}: on {checked}, RuleSet counts {} but the reference interpreter counts {}",
                family.name,
                join_counts(&ours_on_sample),
                join_counts(&expected)
            ));
            format!("**NO** on {checked}: reference {}", join_counts(&expected))
        }
        Err(reason) => {
            errors.push(format!("{}: reference failed: {reason}", family.name));
            "**NO** (reference failed)".to_owned()
        }
    };
    let (their_cell, ratio) = match theirs {
        Some(t) if their_counts.is_ok() => (
            t.cell(),
            format!("{:.2}", ours.events_per_sec / t.events_per_sec),
        ),
        _ => ("unsupported".to_owned(), "–".to_owned()),
    };
    FamilyRow {
        ours,
        counts,
        their_counts,
        their_cell,
        ratio,
        counts_ok,
        passes,
    }
}

/// Distinct MAPBLKLOT values of the data, in order of first appearance.
fn map_block_lots(lines: &[String]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut values = Vec::new();
    for line in lines {
        let value: serde_json::Value = serde_json::from_str(line).expect("JSON");
        if let Some(lot) = value["properties"]["MAPBLKLOT"].as_str() {
            if seen.insert(lot.to_owned()) {
                values.push(lot.to_owned());
            }
        }
    }
    values
}

/// `firstCoordinates.x` of every line, as JSON number literals (serde_json's shortest form).
fn first_longitudes(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("JSON");
            value["geometry"]["firstCoordinates"]["x"]
                .as_f64()
                .map(|x| x.to_string())
        })
        .collect()
}

/// `count` rules of one kind on MAPBLKLOT (numeric: ranges on `firstCoordinates.x` around a
/// longitude; "exact + shared": also `"ST_TYPE": ["ST"]` in every rule), built from values spread
/// over the data.
fn scaling_rules(kind: &str, values: &[String], count: usize) -> Vec<String> {
    let step = (values.len() / count.max(1)).max(1);
    let mut rules: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    // Every `step`-th value first, so the rules spread over the whole data set.
    for offset in 0..step {
        for value in values.iter().skip(offset).step_by(step) {
            if rules.len() == count {
                return rules;
            }
            if kind == "numeric" {
                let x: f64 = value.parse().expect("a longitude");
                let rule = format!(
                    r#"{{"geometry":{{"firstCoordinates":{{"x":[{{"numeric":[">=",{},"<",{}]}}]}}}}}}"#,
                    x - 2e-5,
                    x + 2e-5
                );
                if seen.insert(rule.clone()) {
                    rules.push(rule);
                }
                continue;
            }
            let condition = match kind {
                "exact" | "exact + shared" => serde_json::json!(value),
                "prefix" => {
                    serde_json::json!({"prefix": value.chars().take(6).collect::<String>()})
                }
                // No literal head or tail: only a literal segment in the middle can index it.
                "infix wildcard" => {
                    let chars: Vec<char> = value.chars().collect();
                    let middle: String = chars[1.min(chars.len())..chars.len().saturating_sub(1)]
                        .iter()
                        .collect();
                    serde_json::json!({"wildcard": format!("*{middle}*")})
                }
                _ => {
                    let chars: Vec<char> = value.chars().collect();
                    let head: String = chars.iter().take(3).collect();
                    let tail: String = chars[chars.len().saturating_sub(2)..].iter().collect();
                    serde_json::json!({"wildcard": format!("{head}*{tail}")})
                }
            };
            let rule = if kind == "exact + shared" {
                // A field every rule has (ST_TYPE "ST": 55 % of the lots) beside a rare one.
                serde_json::json!({"properties": {"MAPBLKLOT": [condition], "ST_TYPE": ["ST"]}})
            } else {
                serde_json::json!({"properties": {"MAPBLKLOT": [condition]}})
            }
            .to_string();
            if seen.insert(rule.clone()) {
                rules.push(rule);
            }
        }
    }
    rules
}

fn scaling(lines: &[String], policy: PassPolicy) {
    let lots = map_block_lots(lines);
    let longitudes = first_longitudes(lines);
    println!("\n## Rule-count scaling (rules on MAPBLKLOT, numeric ones on firstCoordinates.x, \"exact + shared\" with ST_TYPE \"ST\" in every rule; values drawn from the data)\n");
    println!("`~` marks a figure timed on a prefix of the data, once, because a full pass would take too long.\n");
    println!(
        "| rules | kind | events/sec | quamina events/sec | ratio | matches (ours / quamina) |"
    );
    println!("|---:|---|---:|---:|---:|---|");
    let probe = Duration::from_secs(5);
    for kind in [
        "exact",
        "exact + shared",
        "prefix",
        "wildcard",
        "infix wildcard",
        "numeric",
    ] {
        let values = if kind == "numeric" {
            &longitudes
        } else {
            &lots
        };
        for count in [5usize, 100, 1_000, 10_000] {
            let rules = scaling_rules(kind, values, count);
            let set = rule_set(&rules);
            let mut ours_matches = 0u64;
            let mut seen = 0usize;
            let ours = measure(lines, policy, probe, |line| {
                let names = set
                    .matching_rules_json(line.as_bytes())
                    .map_or(0, |n| n.len());
                if seen < lines.len() {
                    ours_matches += names as u64;
                }
                seen += 1;
            });
            let (theirs, their_counts) = run_quamina(&rules, lines, policy, probe);
            let their_matches = their_counts
                .as_ref()
                .map_or("refused".to_owned(), |c| c.iter().sum::<u64>().to_string());
            let complete = ours.complete && theirs.is_some_and(|t| t.complete);
            let their_cell = match (theirs, &their_counts) {
                (Some(t), _) => t.cell(),
                (None, Err(reason)) => format!("refused: {reason}"),
                (None, Ok(_)) => "–".to_owned(),
            };
            println!(
                "| {} | {kind} | {} | {} | {} | {} |",
                rules.len(),
                ours.cell(),
                their_cell,
                theirs.map_or("–".into(), |t| format!(
                    "{:.2}",
                    ours.events_per_sec / t.events_per_sec
                )),
                if complete {
                    format!("{ours_matches} / {their_matches}")
                } else {
                    "(partial pass)".to_owned()
                }
            );
        }
    }
}

/// Infix wildcards (`*…*`, no literal head or tail) against exact values and `head*tail`
/// wildcards, 10,000 rules each on one path: what one rule costs per event.
fn infix(lines: &[String], policy: PassPolicy) {
    let lots = map_block_lots(lines);
    println!("\n## Infix wildcards (rules on MAPBLKLOT)\n");
    println!("| rules | kind | events/sec | µs per event | matches |");
    println!("|---:|---|---:|---:|---:|");
    for count in [100usize, 10_000] {
        for kind in ["exact", "wildcard", "infix wildcard"] {
            let rules = scaling_rules(kind, &lots, count);
            let set = rule_set(&rules);
            let mut matches = 0u64;
            let mut seen = 0usize;
            let ours = measure(lines, policy, Duration::from_secs(20), |line| {
                let names = set
                    .matching_rules_json(line.as_bytes())
                    .map_or(0, |n| n.len());
                if seen < lines.len() {
                    matches += names as u64;
                }
                seen += 1;
            });
            println!(
                "| {} | {kind} | {} | {:.2} | {} |",
                rules.len(),
                ours.cell(),
                1e6 / ours.events_per_sec,
                if ours.complete {
                    matches.to_string()
                } else {
                    "(partial pass)".to_owned()
                }
            );
        }
    }
}

/// 100,000 rules of mixed kinds over the data's fields.
fn many_rules(lines: &[String], count: usize) -> Vec<String> {
    let values = map_block_lots(lines);
    (0..count)
        .map(|i| {
            let value = &values[i % values.len()];
            let round = i / values.len();
            let parity = if round.is_multiple_of(2) { "E" } else { "O" };
            let pattern = match i % 5 {
                0 => serde_json::json!({"properties": {"MAPBLKLOT": [value], "ODD_EVEN": [parity]}}),
                1 => serde_json::json!({"properties": {"BLKLOT": [{"prefix": format!("{value}{round}")}]}}),
                2 => serde_json::json!({"properties": {"MAPBLKLOT": [{"wildcard": format!("{}*{}", &value[..2.min(value.len())], i)}]}}),
                3 => serde_json::json!({"geometry": {"firstCoordinates": {"x": [{"numeric": [">", -122.52 + (i as f64) * 1e-6, "<", -122.5198 + (i as f64) * 1e-6]}]}}}),
                _ => serde_json::json!({"properties": {"STREET": [{"equals-ignore-case": format!("street {i}")}]}}),
            };
            pattern.to_string()
        })
        .collect()
}

fn loading(lines: &[String]) {
    const MANY: usize = 100_000;
    const MORE: usize = 10_000;
    let rules = many_rules(lines, MANY + MORE);
    let (first, extra) = rules.split_at(MANY);
    println!(
        "\n## Loading {MANY} rules (mixed exact, prefix, wildcard, numeric, equals-ignore-case)\n"
    );
    println!("| engine | load {MANY} | rules/sec | + {MORE} more | first event after | next events | resident memory growth |");
    println!("|---|---:|---:|---:|---:|---:|---:|");

    let before = resident_bytes();
    let start = Instant::now();
    let mut set = RuleSet::new();
    for (i, rule) in first.iter().enumerate() {
        set.add(&i.to_string(), rule).expect("valid rule");
    }
    let load = start.elapsed();
    let start = Instant::now();
    for (i, rule) in extra.iter().enumerate() {
        set.add(&(MANY + i).to_string(), rule).expect("valid rule");
    }
    let more = start.elapsed();
    // The first event pays for indexes built on first use (the numeric ranges' tree).
    let start = Instant::now();
    black_box(
        set.matching_rules_json(lines[0].as_bytes())
            .map_or(0, |n| n.len()),
    );
    let first_event = start.elapsed();
    let sample = &lines[1..lines.len().min(10_001)];
    let start = Instant::now();
    let mut matches = 0usize;
    for line in sample {
        matches += black_box(
            set.matching_rules_json(line.as_bytes())
                .map_or(0, |n| n.len()),
        );
    }
    let per_event = start.elapsed() / sample.len().max(1) as u32;
    let matches_per_event = matches as f64 / sample.len().max(1) as f64;
    let after = resident_bytes();
    println!(
        "| RuleSet | {:.2} s | {} | {:.3} s | {:.1} ms | {:.1} µs each ({matches_per_event:.0} matches each) | {} |",
        load.as_secs_f64(),
        format_rate(MANY as f64 / load.as_secs_f64()),
        more.as_secs_f64(),
        first_event.as_secs_f64() * 1e3,
        per_event.as_secs_f64() * 1e6,
        megabytes(before.zip(after).map(|(b, a)| a as i64 - b as i64))
    );
    black_box(set.len());
    drop(set);

    // quamina's adds slow down and its memory balloons as its automaton grows (8 GB for 56,000
    // of these rules in one run), so its loading stops after a time or memory budget, whichever
    // comes first: the machine is shared.
    let budget = Duration::from_secs(30);
    const MEMORY_CAP: u64 = 2_000_000_000;
    let before = resident_bytes();
    let start = Instant::now();
    let mut theirs = new_quamina();
    let mut refused = 0usize;
    let mut first_refusal: Option<String> = None;
    let mut loaded = 0usize;
    for (i, rule) in first.iter().enumerate() {
        if let Err(error) = theirs.add_pattern(i, rule) {
            refused += 1;
            first_refusal.get_or_insert_with(|| format!("{rule}: {error}"));
        }
        loaded += 1;
        if loaded.is_multiple_of(100)
            && (start.elapsed() > budget || grown_past(before, MEMORY_CAP))
        {
            break;
        }
    }
    let load = start.elapsed();
    let after = resident_bytes();
    let memory = megabytes(before.zip(after).map(|(b, a)| a as i64 - b as i64));
    if loaded < MANY {
        println!(
            "| quamina | stopped (time or memory budget) after {:.0} s with {loaded} rules | {} | – | – | – | {memory} ({loaded} rules) |",
            load.as_secs_f64(),
            format_rate(loaded as f64 / load.as_secs_f64()),
        );
    } else {
        let start = Instant::now();
        for (i, rule) in extra.iter().enumerate() {
            refused += usize::from(theirs.add_pattern(MANY + i, rule).is_err());
        }
        let more = start.elapsed();
        println!(
            "| quamina | {:.2} s | {} | {:.3} s | – | – | {memory} |",
            load.as_secs_f64(),
            format_rate(MANY as f64 / load.as_secs_f64()),
            more.as_secs_f64(),
        );
    }
    if let Some(example) = first_refusal {
        println!("\nquamina refused {refused} of these rules, e.g. {example}");
    }
    black_box(theirs.pattern_count());
    println!("\nmemory: growth of the process's resident set while loading (Linux /proc; the allocator may keep freed pages, so it is an upper bound for what the rules hold).");
}
