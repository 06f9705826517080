//! How much the CLI reads at once. Every input is bounded, so a huge or endless file (a wrong
//! path, `/dev/zero`) gets a clear error naming the limit instead of exhausting memory. The
//! numbers are generous next to AWS's own limits and are repeated in the commands' `--help` and
//! in README (a test checks the help).

/// Largest event, or event line of `match`: 1 MiB, four times the 256 KB AWS allows for a
/// PutEvents entry, leaving room for test data.
pub const MAX_EVENT_BYTES: usize = 1024 * 1024;
/// Largest event pattern read: 1 MiB. (EventBridge refuses patterns over 4096 characters; the
/// matcher answers that with AWS's own error, so this only bounds the reading.)
pub const MAX_PATTERN_BYTES: usize = 1024 * 1024;
/// Longest `--cases` line: 4 MiB, room for a pattern and an event at their limits, escaped.
pub const MAX_CASE_LINE_BYTES: usize = 4 * 1024 * 1024;
/// Largest rules file of `match`: 64 MiB (about 500,000 typical patterns).
pub const MAX_RULES_FILE_BYTES: usize = 64 * 1024 * 1024;
/// A delivery scenario for `simulate` (its sample events included).
pub const MAX_SCENARIO_BYTES: usize = 16 * 1024 * 1024;

/// `1 MiB`, `64 MiB`: a limit as people read it.
pub fn describe(bytes: usize) -> String {
    format!("{} MiB", bytes / (1024 * 1024))
}
