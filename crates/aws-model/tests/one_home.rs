//! Each concept of `README.md` is defined here and nowhere else: the patterns below define or
//! re-derive one of them, and must not come back in the code (tests and comments aside) of the
//! crates that use this one.

use std::fs;
use std::path::{Path, PathBuf};

/// The crates that use `aws_model`, by directory under `crates/`.
const USERS: &[&str] = &[
    "catalog",
    "rules",
    "delivery",
    "playground",
    "event-pattern-wasm",
    "cli",
];

/// A text that would be a second home of a concept, and where the concept lives.
const COPIES: &[(&str, &str)] = &[
    ("split(':')", "ARN fields: Arn::parse"),
    ("splitn(6, ':')", "ARN fields: Arn::parse"),
    ("starts_with(\"arn:", "ARN syntax: Arn::parse"),
    (
        "\"arn:{",
        "ARN formatting: Arn, event_bus_arn, rule_arn, event_source_arn",
    ),
    ("starts_with(\"cn-", "partitions: Partition::of_region"),
    (
        "\"amazonaws.com.cn\"",
        "DNS suffixes: Partition::dns_suffix",
    ),
    ("len() == 12", "account ids: AccountId, is_account_id"),
    ("len() != 12", "account ids: AccountId, is_account_id"),
    (r"\d{12}", "account ids: ACCOUNT_ID_PATTERN"),
    (
        "strip_prefix(\"aws.partner",
        "partner source names: partner_name",
    ),
    (
        "starts_with(\"aws.partner",
        "partner source names: is_partner_event_source_name",
    ),
    ("== \"default\"", "the default bus: DEFAULT_EVENT_BUS"),
    (
        "const DEFAULT_EVENT_BUS",
        "the default bus: DEFAULT_EVENT_BUS",
    ),
    (
        "const DEFAULT_BUS_NAME",
        "the default bus: DEFAULT_EVENT_BUS",
    ),
    (
        "const MAX_RETRY_ATTEMPTS",
        "retry bounds: MAX_RETRY_ATTEMPTS",
    ),
    (
        "const MIN_EVENT_AGE_SECONDS",
        "retry bounds: MIN_EVENT_AGE_SECONDS",
    ),
    (
        "const MAX_EVENT_AGE_SECONDS",
        "retry bounds: MAX_EVENT_AGE_SECONDS",
    ),
    (
        "const MAX_TARGETS",
        "targets per rule: limits::MAX_TARGETS_PER_RULE",
    ),
    (
        "const MAX_EVENT_PATTERN_CHARS",
        "pattern length: limits::MAX_EVENT_PATTERN_CHARS",
    ),
    ("const MAX_ARN_CHARS", "ARN length: MAX_ARN_CHARS"),
    (
        "const MAX_RULES_PER_BUS",
        "rules per bus: limits::max_rules_per_event_bus",
    ),
    ("struct RetryPolicy", "the retry policy: RetryPolicy"),
    ("enum TargetKind", "target kinds: TargetKind"),
    ("enum Partition", "partitions: Partition"),
    (
        "enum EventSourceState",
        "partner source states: EventSourceState",
    ),
    (
        "enum PartnerSourceState",
        "partner source states: EventSourceState",
    ),
    ("enum RetryableError", "retried failures: RetryableError"),
    (
        "enum NonRetryableError",
        "failures not retried: NonRetryableError",
    ),
    (
        "enum ExhaustedRetryCondition",
        "retry limits reached: ExhaustedRetryCondition",
    ),
    (
        "\"SDK_CLIENT_ERROR\"",
        "delivery error codes: DeliveryErrorCode",
    ),
    (
        "\"ERROR_FROM_TARGET\"",
        "delivery error codes: DeliveryErrorCode",
    ),
    (
        "\"NO_PERMISSIONS\"",
        "delivery error codes: DeliveryErrorCode",
    ),
    ("\"THROTTLING\"", "delivery error codes: DeliveryErrorCode"),
    (
        "rate_per_second * ",
        "generated event counts: delivery::generated_event_count",
    ),
];

/// Where a pattern is allowed, and why; each must still be found there (so the list shrinks
/// when a reason goes).
const KNOWN: &[(&str, &str, &str)] = &[
    (
        "delivery/src/scenario.rs",
        "rate_per_second * ",
        "the home of generated event counts, delivery::generated_event_count",
    ),
    (
        "rules/src/export/cli.rs",
        "\"arn:{",
        "the exports are being rewritten in another change; the partition already comes from aws_model",
    ),
];

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("crates/")
        .to_path_buf()
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name != "tests") {
                rust_files(&path, found);
            }
        } else if path.extension().is_some_and(|ext| ext == "rs")
            && path.file_name().is_some_and(|name| name != "tests.rs")
        {
            found.push(path);
        }
    }
}

/// The code of a file without its `#[cfg(test)]` module (always last) and comment lines.
fn code_of(text: &str) -> Vec<(usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, line)| !line.starts_with("#[cfg(test)]"))
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .map(|(index, line)| (index + 1, line))
        .collect()
}

#[test]
fn no_concept_is_defined_twice() {
    let crates = crates_dir();
    let mut files = Vec::new();
    for user in USERS {
        rust_files(&crates.join(user).join("src"), &mut files);
    }
    assert!(files.len() > 50, "only {} files found", files.len());
    let mut copies = Vec::new();
    let mut known_seen = vec![false; KNOWN.len()];
    for file in &files {
        let relative = file
            .strip_prefix(&crates)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(file).expect("readable source");
        for (number, line) in code_of(&text) {
            for (pattern, home) in COPIES {
                if !line.contains(pattern) {
                    continue;
                }
                if let Some(index) = KNOWN
                    .iter()
                    .position(|(path, known, _)| *path == relative && known == pattern)
                {
                    known_seen[index] = true;
                    continue;
                }
                copies.push(format!("{relative}:{number}: {pattern:?} ({home})"));
            }
        }
    }
    assert!(
        copies.is_empty(),
        "copies of aws_model concepts:\n{}",
        copies.join("\n")
    );
    for ((path, pattern, _), seen) in KNOWN.iter().zip(known_seen) {
        assert!(
            seen,
            "{path} no longer has {pattern:?}: remove it from KNOWN"
        );
    }
}

/// The check itself can fail: a copy planted in a file's code is found, one in its tests or
/// comments is not.
#[test]
fn a_planted_copy_is_found() {
    let text = "fn f(a: &str) -> bool {\n    a.len() == 12\n}\n// a.len() == 12\n#[cfg(test)]\nmod tests { fn g(a: &str) -> bool { a.len() == 12 } }\n";
    let hits: Vec<usize> = code_of(text)
        .into_iter()
        .filter(|(_, line)| line.contains("len() == 12"))
        .map(|(number, _)| number)
        .collect();
    assert_eq!(hits, [2]);
}

/// Every item `README.md`'s table names exists, so the table cannot go stale.
#[test]
fn the_readme_names_only_items_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    let mut sources = String::new();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    for file in files {
        sources.push_str(&fs::read_to_string(file).expect("readable source"));
    }
    let mut checked = 0;
    for row in readme.lines().filter(|line| line.starts_with("| ")).skip(2) {
        let item_column = row.split(" | ").nth(1).unwrap_or_default();
        for item in item_column.split('`').skip(1).step_by(2) {
            // `limits::*`, `TargetKind` (`arn_service`, ...) and the like name a module or a
            // type; the last path segment, without call parentheses or `!`, is the item.
            let name = item
                .split("::")
                .last()
                .unwrap_or(item)
                .trim_end_matches('!')
                .split('(')
                .next()
                .unwrap_or_default();
            if name == "*" || name.is_empty() {
                continue;
            }
            let defined = [
                "fn ",
                "const ",
                "struct ",
                "enum ",
                "mod ",
                "macro_rules! ",
                "as ",
            ]
            .iter()
            .any(|keyword| {
                sources
                    .match_indices(&format!("{keyword}{name}"))
                    .any(|(at, found)| {
                        !sources[at + found.len()..]
                            .starts_with(|c: char| c.is_alphanumeric() || c == '_')
                    })
            });
            assert!(
                defined,
                "README.md names `{item}`, which aws_model does not define"
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} items checked");
}
