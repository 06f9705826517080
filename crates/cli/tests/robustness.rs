//! The CLI under faults and hostile input (issue #16): no panic on any I/O error, a closed pipe
//! ends quietly, lost output is an error, one bad batch line gets its own answer, flags parse
//! wherever they stand, and every mode bounds what it reads.

mod support;

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use support::{event_pattern, text, TempFile};

const EVENT: &str = r#"{"id":"1","account":"123456789012","source":"my.app","time":"2024-01-01T00:00:00Z","region":"us-east-1","detail-type":"Order Created","resources":[],"detail":{"state":"running","count":3}}"#;
const PATTERN: &str = r#"{"detail":{"state":["running"]}}"#;

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_event-pattern"));
    command.args(args).stdin(Stdio::null());
    command
}

/// Runs with standard output going to `/dev/full`, where every write fails with ENOSPC.
#[cfg(target_os = "linux")]
fn to_dev_full(args: &[&str]) -> Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    command(args)
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

/// Runs with standard output a pipe whose reading end is closed at once, as `| head -0` does
/// (Rust programs ignore SIGPIPE, so their writes fail with EPIPE).
fn to_closed_pipe(args: &[&str]) -> Output {
    let mut child = command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

/// A case file with many lines, so its output is larger than a pipe's buffer.
fn many_cases(name: &str, count: usize) -> TempFile {
    let line = format!("{{\"pattern\":{PATTERN},\"event\":{EVENT}}}\n");
    TempFile::new(name, line.repeat(count))
}

fn match_files(name: &str, events: &[u8]) -> (TempFile, TempFile) {
    (
        TempFile::new(
            &format!("{name}-rules.json"),
            r#"{"running": {"detail": {"state": ["running"]}}, "shop": {"source": ["shop"]}}"#,
        ),
        TempFile::new(&format!("{name}-events.jsonl"), events),
    )
}

// ---------------------------------------------------------------------------------------------
// 4. No panic when standard output cannot be written; a closed pipe ends quietly.

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_is_an_error_not_a_panic() {
    let cases = many_cases("full.jsonl", 3);
    let (rules, events) = match_files("full", EVENT.as_bytes());
    let runs: Vec<Vec<&str>> = vec![
        vec![
            "test-event-pattern",
            "--event-pattern",
            PATTERN,
            "--event",
            EVENT,
        ],
        vec!["explain", "--event-pattern", PATTERN, "--event", EVENT],
        vec!["test-event-pattern", "--cases", cases.to_str().unwrap()],
        vec![
            "match",
            "--rules",
            rules.to_str().unwrap(),
            "--events",
            events.to_str().unwrap(),
        ],
        vec![
            "match",
            "--rules",
            rules.to_str().unwrap(),
            "--events",
            events.to_str().unwrap(),
            "--count",
        ],
        vec!["--help"],
        vec!["match", "--help"],
    ];
    for args in runs {
        let out = to_dev_full(&args);
        let stderr = text(&out.stderr);
        // 5. Lost output is never a success (a CI job must not pass on it).
        assert_eq!(out.status.code(), Some(74), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write the output") && !stderr.contains("panicked"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let cases = many_cases("pipe.jsonl", 20_000);
    let (rules, events) = match_files("pipe", format!("{EVENT}\n").repeat(20_000).as_bytes());
    let runs: Vec<Vec<&str>> = vec![
        vec![
            "test-event-pattern",
            "--event-pattern",
            PATTERN,
            "--event",
            EVENT,
        ],
        vec!["explain", "--event-pattern", PATTERN, "--event", EVENT],
        vec!["test-event-pattern", "--cases", cases.to_str().unwrap()],
        vec![
            "match",
            "--rules",
            rules.to_str().unwrap(),
            "--events",
            events.to_str().unwrap(),
        ],
        vec!["--help"],
    ];
    for args in runs {
        let out = to_closed_pipe(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_eq!(text(&out.stderr), "", "{args:?}");
    }
}

/// `head -1` reads one answer, then closes the pipe while answers are still coming.
#[test]
fn reading_one_line_and_closing_the_pipe_stops_the_batch_quietly() {
    let cases = many_cases("head.jsonl", 50_000);
    let mut child = command(&["test-event-pattern", "--cases", cases.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"{\"Result\":true}\n");
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stderr), "");
}

// ---------------------------------------------------------------------------------------------
// 6. One line of invalid UTF-8 gets its own answer; the batch goes on.

#[test]
fn an_invalid_utf8_case_line_gets_its_own_answer() {
    let good = format!("{{\"pattern\":{PATTERN},\"event\":{EVENT}}}\n");
    let mut file = good.clone().into_bytes();
    file.extend_from_slice(b"{\"pattern\": {\"a\": [\"\xff\"]}}\n");
    file.extend_from_slice(good.as_bytes());
    let cases = TempFile::new("utf8.jsonl", file);
    let out = event_pattern(&["test-event-pattern", "--cases", cases.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "every line is answered: {stdout}");
    assert_eq!(lines[0], r#"{"Result":true}"#);
    assert_eq!(
        lines[1],
        r#"{"Error":{"Code":"InvalidCase","Message":"line 2: not UTF-8 text (an invalid byte at column 21)"}}"#
    );
    assert_eq!(lines[2], r#"{"Result":true}"#);
    assert_eq!(out.status.code(), Some(1));
}

// ---------------------------------------------------------------------------------------------
// 7. Flags parse wherever they stand; totals are printed even when some lines are bad.

#[test]
fn match_reads_events_from_standard_input_and_takes_flags_anywhere() {
    let (rules, _) = match_files("stdin", b"");
    let rules = rules.to_str().unwrap();
    let events = format!("{EVENT}\n{{\"source\": \"shop\"}}\n");
    for args in [
        vec!["match", "--rules", rules, "--events", "--count"],
        vec!["match", "--count", "--rules", rules],
        vec!["match", "--rules", rules, "--events", "-", "--count"],
        vec!["match", "--count", "--events=-", "--rules", rules],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_event-pattern"))
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(events.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_eq!(
            text(&out.stdout),
            "{\"running\": 1, \"shop\": 1}\n",
            "{args:?}"
        );
    }
}

#[test]
fn match_reports_every_bad_line_and_still_answers_the_others() {
    let events = format!(
        "{EVENT}\nnot json\n[1]\n{{\"source\": \"sh\u{0}op\"}}\n{{\"source\": \"shop\"}}\n"
    );
    let (rules, events) = match_files("bad-lines", events.as_bytes());
    let (rules, events) = (rules.to_str().unwrap(), events.to_str().unwrap());

    let count = event_pattern(&["match", "--rules", rules, "--events", events, "--count"]);
    let stderr = text(&count.stderr);
    assert_eq!(count.status.code(), Some(254), "{stderr}");
    assert_eq!(text(&count.stdout), "{\"running\": 1, \"shop\": 1}\n");
    for position in [".jsonl:2:1: ", ".jsonl:3:1: ", ".jsonl:4:"] {
        assert!(stderr.contains(position), "{position} in {stderr}");
    }
    assert!(
        stderr.contains("3 of 5 event lines were not valid events"),
        "{stderr}"
    );

    let lines = event_pattern(&["match", "--rules", rules, "--events", events]);
    assert_eq!(lines.status.code(), Some(254));
    assert_eq!(
        text(&lines.stdout),
        "[\"running\"]\nnull\nnull\nnull\n[\"shop\"]\n",
        "one line per event, null for the bad ones"
    );
}

#[test]
fn options_given_twice_or_unknown_are_usage_errors() {
    let (rules, events) = match_files("usage", EVENT.as_bytes());
    let (rules, events) = (rules.to_str().unwrap(), events.to_str().unwrap());
    let table: &[(&[&str], &str)] = &[
        (
            &[
                "match", "--rules", rules, "--events", events, "--count", "--count",
            ],
            "--count given twice",
        ),
        (
            &["match", "--rules", rules, "--rules", rules],
            "--rules given twice",
        ),
        (
            &["match", "--rules", rules, "--nope"],
            "invalid option '--nope'",
        ),
        (
            &["match", "--rules"],
            "missing argument for option '--rules'",
        ),
        (
            &["test-event-pattern", "--event", EVENT, "stray"],
            "unexpected argument \"stray\"",
        ),
        (
            &["explain", "--event-pattern", PATTERN],
            "the option --event is required",
        ),
    ];
    for (args, message) in table {
        let out = event_pattern(args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(message) && stderr.contains("--help"),
            "{args:?}: {stderr}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Every mode bounds what it reads, and says which limit a too-large input broke.

#[cfg(target_os = "linux")]
#[test]
fn single_pair_modes_refuse_endless_input_by_its_limit() {
    for command in ["test-event-pattern", "explain"] {
        for (flag, what) in [
            ("--event", "the event"),
            ("--event-pattern", "the event pattern"),
        ] {
            let mut args = vec![command, "--event-pattern", PATTERN, "--event", EVENT];
            let at = args.iter().position(|a| *a == flag).unwrap() + 1;
            args[at] = "file:///dev/zero";
            let started = Instant::now();
            let out = event_pattern(&args);
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(
                stderr.contains(&format!("{what} (file:///dev/zero) is larger than 1 MiB")),
                "{args:?}: {stderr}"
            );
            assert!(started.elapsed() < Duration::from_secs(10));
        }
    }
}

#[test]
fn a_case_line_over_the_limit_gets_its_own_answer() {
    let mut file = format!("{{\"pattern\":{PATTERN},\"event\":{EVENT}}}\n").into_bytes();
    file.extend(std::iter::repeat_n(b'x', 4 * 1024 * 1024 + 1));
    file.extend_from_slice(format!("\n{{\"pattern\":{PATTERN},\"event\":{EVENT}}}\n").as_bytes());
    let cases = TempFile::new("long.jsonl", file);
    let out = event_pattern(&["test-event-pattern", "--cases", cases.to_str().unwrap()]);
    assert_eq!(
        text(&out.stdout),
        concat!(
            "{\"Result\":true}\n",
            "{\"Error\":{\"Code\":\"InvalidCase\",\"Message\":\"line 2: longer than 4 MiB, the most a case line may hold\"}}\n",
            "{\"Result\":true}\n"
        )
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn match_skips_an_event_line_over_the_limit() {
    let mut events = format!("{EVENT}\n").into_bytes();
    events.extend(std::iter::repeat_n(b'x', 1024 * 1024 + 1));
    events.extend_from_slice(format!("\n{EVENT}\n").as_bytes());
    let (rules, events) = match_files("long", &events);
    let out = event_pattern(&[
        "match",
        "--rules",
        rules.to_str().unwrap(),
        "--events",
        events.to_str().unwrap(),
        "--count",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(254), "{stderr}");
    assert_eq!(text(&out.stdout), "{\"running\": 2, \"shop\": 0}\n");
    assert!(
        stderr.contains(
            "long-events.jsonl:2: longer than 1 MiB, the largest event line this tool reads"
        ),
        "{stderr}"
    );
}

/// `--cases /dev/zero` is one endless line: it is answered once the limit is passed, and memory
/// stays small while the rest of the line is skipped.
#[cfg(target_os = "linux")]
#[test]
fn cases_from_dev_zero_answer_at_the_limit_with_bounded_memory() {
    let mut child = command(&["test-event-pattern", "--cases", "/dev/zero"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut answer = Vec::new();
    let mut byte = [0u8];
    while answer.last() != Some(&b'\n') && stdout.read(&mut byte).unwrap() == 1 {
        answer.push(byte[0]);
    }
    // Let it skip zeros for a moment, then look at its peak memory.
    std::thread::sleep(Duration::from_millis(300));
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(
        text(&answer),
        "{\"Error\":{\"Code\":\"InvalidCase\",\"Message\":\"line 1: longer than 4 MiB, the most a case line may hold\"}}\n"
    );
    let peak_kb: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches(" kB").parse().ok())
        .expect("VmHWM in /proc/PID/status");
    assert!(peak_kb < 64 * 1024, "peak memory {peak_kb} kB");
}

#[test]
fn help_names_the_input_limits() {
    for command in ["test-event-pattern", "explain", "match"] {
        let help = text(&event_pattern(&[command, "--help"]).stdout);
        assert!(help.contains("1 MiB"), "{command}: {help}");
    }
    let help = text(&event_pattern(&["test-event-pattern", "--help"]).stdout);
    assert!(help.contains("4 MiB"), "{help}");
}
