//! Inputs the fuzz targets (`cargo xtask fuzz`) found, kept as regression tests named after what
//! went wrong. Each checks the answer; the speed they were slow at is measured by
//! `cargo xtask fuzz` itself (libFuzzer's 10 s timeout), not here.

use event_pattern::Pattern;

fn input(name: &str) -> String {
    let path = format!("{}/tests/regressions/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    // As the fuzz target reads its bytes.
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `pattern_parse` timed out (over 10 s under the fuzzer): the wildcard complexity check closed
/// each explored state set over its stars in quadratic time, for a few thousand sets of a
/// 200-state wildcard. The pattern is valid JSON up to its wildcard's end and must get an answer.
#[test]
fn a_long_wildcard_with_many_distinct_bytes_is_judged_without_a_quadratic_closure() {
    for name in [
        "fuzz-pattern-parse-wildcard-complexity-timeout.bin",
        "fuzz-pattern-parse-slow-unit.bin",
    ] {
        let text = input(name);
        let started = std::time::Instant::now();
        let answer = Pattern::parse(&text)
            .map(|_| ())
            .map_err(|e| e.message().to_owned());
        // Printed for whoever runs it with --nocapture; never asserted (no timed tests).
        println!(
            "{name}: {:?} in {:?}",
            answer
                .as_ref()
                .map_err(|m| m.lines().next().unwrap_or_default().to_owned()),
            started.elapsed()
        );
        if let Err(message) = answer {
            assert!(!message.is_empty());
        }
    }
}
