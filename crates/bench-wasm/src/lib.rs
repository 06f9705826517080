//! The citylots2 rule-family benchmark compiled to WebAssembly, so the cost of running the matcher
//! in a JavaScript engine is known next to the native figures of
//! `cargo bench -p event-pattern --bench citylots`. `tests/bench/wasm-bench.mjs` runs it under
//! Node; the README's Benchmarks section has the commands.
//!
//! Same data (crate `citylots`), same families, same measurement: events/sec with JSON parsing
//! included, median of the timed passes after one untimed warm-up pass that also counts.
#![forbid(unsafe_code)]

use event_pattern::json::{self, Value, ValueKind};
use event_pattern::{Event, RuleSet};
use wasm_bindgen::prelude::*;

const FAMILIES_JSON: &str =
    include_str!("../../event-pattern/benches/data/citylots-rule-families.json");

/// One five-rule family, each rule's text exactly as in the families file.
#[derive(Debug, Clone)]
pub struct Family {
    pub name: String,
    pub rules: Vec<String>,
}

/// The 14 families. Rule texts are sliced out of the file rather than re-serialized, so numbers
/// keep their exact digits.
pub fn families() -> Vec<Family> {
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
        })
        .collect()
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Milliseconds on a monotonic clock: `performance.now()` in JavaScript, where `Instant` is
/// unavailable; `Instant` natively (tests).
#[cfg(target_arch = "wasm32")]
fn now_ms() -> f64 {
    performance_now()
}

#[cfg(not(target_arch = "wasm32"))]
fn now_ms() -> f64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs_f64()
        * 1000.0
}

/// Events/sec: one untimed pass, then `passes` timed ones; the median pass counts.
fn events_per_sec(events: usize, passes: usize, mut pass: impl FnMut()) -> f64 {
    pass();
    let mut times: Vec<f64> = (0..passes.max(1))
        .map(|_| {
            let start = now_ms();
            pass();
            now_ms() - start
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let median_ms = times[times.len() / 2].max(1e-3);
    events as f64 * 1000.0 / median_ms
}

/// What one family gives on the data.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyResult {
    pub events_per_sec: f64,
    pub counts: Vec<u64>,
    /// Events the rule set refused (the generated data has none; anything else is a bug).
    pub rejected: usize,
}

/// Matches every line against `rules` (named by their index) the way the native benchmark does.
pub fn measure_rules(rules: &[String], lines: &[String], passes: usize) -> FamilyResult {
    let mut set = RuleSet::new();
    for (index, rule) in rules.iter().enumerate() {
        set.add(&index.to_string(), rule)
            .unwrap_or_else(|e| panic!("rule {rule} is rejected: {}", e.message()));
    }
    let mut counts = vec![0u64; rules.len()];
    let mut rejected = 0usize;
    for line in lines {
        match set.matching_rules_json(line.as_bytes()) {
            Ok(names) => {
                for name in names {
                    counts[name.parse::<usize>().expect("rule names are indices")] += 1;
                }
            }
            Err(_) => rejected += 1,
        }
    }
    let rate = events_per_sec(lines.len(), passes, || {
        for line in lines {
            std::hint::black_box(
                set.matching_rules_json(line.as_bytes())
                    .map(|n| n.len())
                    .ok(),
            );
        }
    });
    FamilyResult {
        events_per_sec: rate,
        counts,
        rejected,
    }
}

fn format_rate(rate: f64) -> String {
    let digits = (rate.round() as u64).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn join_counts(counts: &[u64]) -> String {
    counts
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join("/")
}

/// Generated features held in memory, benchmarked one family at a time (so a caller can print
/// rows as they come).
#[wasm_bindgen]
pub struct CitylotsBench {
    lines: Vec<String>,
    families: Vec<Family>,
}

#[wasm_bindgen]
impl CitylotsBench {
    /// Generates `lines` citylots2-shaped features (213,068 is the real file's size).
    #[wasm_bindgen(constructor)]
    pub fn new(lines: usize) -> CitylotsBench {
        CitylotsBench {
            lines: citylots::lines(lines),
            families: families(),
        }
    }

    /// Bytes of JSON held (line breaks not counted).
    pub fn bytes(&self) -> usize {
        self.lines.iter().map(String::len).sum()
    }

    /// Family names, one per line, then `ALL` (the 70 rules together).
    pub fn family_names(&self) -> String {
        let mut names: Vec<&str> = self.families.iter().map(|f| f.name.as_str()).collect();
        names.push("ALL");
        names.join("\n")
    }

    /// The header of the table that [`run_family`](Self::run_family) rows belong to.
    pub fn header() -> String {
        "| family | events/sec (wasm) | counts |\n|---|---:|---|".to_owned()
    }

    /// One Markdown row: `| FAMILY | events/sec | counts |`. An unknown name gives a row that
    /// says so.
    pub fn run_family(&self, name: &str, passes: usize) -> String {
        let rules: Vec<String> = if name == "ALL" {
            self.families
                .iter()
                .flat_map(|f| f.rules.iter().cloned())
                .collect()
        } else {
            match self.families.iter().find(|f| f.name == name) {
                Some(family) => family.rules.clone(),
                None => return format!("| {name} | unknown family | |"),
            }
        };
        let result = measure_rules(&rules, &self.lines, passes);
        let counts = if name == "ALL" {
            format!("{} matches", result.counts.iter().sum::<u64>())
        } else {
            join_counts(&result.counts)
        };
        let rejected = if result.rejected > 0 {
            format!(" (**{} events rejected**)", result.rejected)
        } else {
            String::new()
        };
        format!(
            "| {name} | {} | {counts}{rejected} |",
            format_rate(result.events_per_sec)
        )
    }

    /// Baseline rows in the same table: a hand-written byte scan, and our event parser alone.
    pub fn baselines(&self, passes: usize) -> String {
        let lines = &self.lines;
        let scan = events_per_sec(lines.len(), passes, || {
            for line in lines {
                let quotes = line.bytes().filter(|&b| b == b'"').count();
                std::hint::black_box(quotes);
            }
        });
        let parse = events_per_sec(lines.len(), passes, || {
            for line in lines {
                std::hint::black_box(Event::parse_any(line).is_ok());
            }
        });
        format!(
            "| (byte scan: count `\"`) | {} | |\n| (Event::parse_any, parse + flatten) | {} | |",
            format_rate(scan),
            format_rate(parse)
        )
    }
}

/// The whole table for `lines` generated features and `passes` timed passes per family.
#[wasm_bindgen]
pub fn run_all(lines: usize, passes: usize) -> String {
    let bench = CitylotsBench::new(lines);
    let mut table = vec![CitylotsBench::header(), bench.baselines(passes)];
    for name in bench.family_names().lines() {
        table.push(bench.run_family(name, passes));
    }
    table.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_keep_the_exact_digits_of_their_numbers() {
        let families = families();
        assert_eq!(families.len(), 14);
        assert!(families.iter().all(|f| f.rules.len() == 5));
        let complex = families
            .iter()
            .find(|f| f.name == "COMPLEX_ARRAYS")
            .unwrap();
        assert!(
            complex.rules[0].contains("-122.42916360922355"),
            "{}",
            complex.rules[0]
        );
    }

    #[test]
    fn rows_report_counts_that_match_each_pattern_on_its_own() {
        let bench = CitylotsBench::new(500);
        let family = bench.families.iter().find(|f| f.name == "SUFFIX").unwrap();
        let mut expected = vec![0u64; 5];
        for line in &bench.lines {
            let event = Event::parse_any(line).unwrap();
            for (count, rule) in expected.iter_mut().zip(&family.rules) {
                if event_pattern::Pattern::parse(rule).unwrap().matches(&event) {
                    *count += 1;
                }
            }
        }
        assert!(expected[0] > 0, "some street ends in ON: {expected:?}");
        let row = bench.run_family("SUFFIX", 1);
        assert!(
            row.starts_with("| SUFFIX | ")
                && row.ends_with(&format!("| {} |", join_counts(&expected))),
            "{row}"
        );
        assert_eq!(bench.run_family("NOPE", 1), "| NOPE | unknown family | |");
    }

    #[test]
    fn the_table_has_a_row_per_family_plus_baselines_and_all() {
        let table = run_all(50, 1);
        assert_eq!(table.lines().count(), 2 + 2 + 14 + 1, "{table}");
        assert!(table.contains("| ALL | "), "{table}");
        assert!(!table.contains("rejected"), "{table}");
    }

    #[test]
    fn rates_are_grouped_by_thousands() {
        let cases = [
            (0.4, "0"),
            (999.0, "999"),
            (1000.0, "1,000"),
            (1234567.4, "1,234,567"),
        ];
        for (rate, text) in cases {
            assert_eq!(format_rate(rate), text);
        }
    }
}
