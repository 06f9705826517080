//! `event-pattern match`: a set of named rules against a file of events, one answer per event,
//! or per-rule totals; with `--passes`, a throughput benchmark.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use event_pattern::json::{self, ValueKind};
use event_pattern::{EventError, RuleSet};

use crate::args::Options;
use crate::test_event_pattern::SERVICE_ERROR_EXIT;

const HELP: &str = "\
event-pattern match: match every event of a file against a set of named rules.

usage:
  event-pattern match --rules RULES.json --events EVENTS.jsonl [--count]
  event-pattern match --rules RULES.json --events EVENTS.jsonl --passes N

RULES.json is one JSON object from rule name to event pattern:
  {\"orders\": {\"source\": [\"shop\"]}, \"big\": {\"detail\": {\"total\": [{\"numeric\": [\">\", 100]}]}}}
(a name given twice keeps its last pattern). EVENTS.jsonl holds one event per line; any JSON
object is an event (no id/source/... envelope is required). Blank lines are skipped.

Output:
  default     one line per event: the names of the rules it matches, as a JSON array
              ([] when none), in rule order
  --count     only the totals, one JSON object with every rule in rule order:
              {\"orders\": 12, \"big\": 3}
  --passes N  benchmark: reads the whole file into memory, makes one untimed warm-up pass, then
              N timed passes over all events (JSON parsing included), printing
              events_per_sec=<number> on stderr after each, and the totals once on stdout

The file is read line by line, so memory stays small whatever its size (except with --passes).
An invalid rule or event stops the run with its position and exit code 254; usage mistakes and
unreadable files exit 2.

examples:
  event-pattern match --rules rules.json --events events.jsonl > matches.jsonl
  event-pattern match --rules rules.json --events events.jsonl --count
  cargo run --release -p citylots -- --lines 100000 --out /tmp/citylots.jsonl
  cargo run --profile bench -p event-pattern-cli -- match --rules rules.json \\
      --events /tmp/citylots.jsonl --passes 5
";

/// Longest event line accepted (EventBridge events are at most 256 KB; this leaves room for
/// archives and test data while keeping memory bounded on a file without line breaks).
const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// Why a run stopped.
enum Failure {
    /// Wrong arguments or unreadable files: exit 2.
    Usage(String),
    /// An invalid rule or event: exit 254.
    Invalid(String),
    /// Standard output went away (e.g. `| head`): stop quietly.
    OutputClosed,
}

impl From<io::Error> for Failure {
    fn from(_: io::Error) -> Failure {
        Failure::OutputClosed
    }
}

pub fn run(args: &[String]) -> ExitCode {
    match run_checked(args) {
        Ok(()) | Err(Failure::OutputClosed) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("event-pattern match: {message}\n(see `event-pattern match --help`)");
            ExitCode::from(2)
        }
        Err(Failure::Invalid(message)) => {
            eprintln!("event-pattern match: {message}");
            ExitCode::from(SERVICE_ERROR_EXIT)
        }
    }
}

fn run_checked(args: &[String]) -> Result<(), Failure> {
    // `--count` takes no value, which the shared option parser does not know about.
    let count_flags = args.iter().filter(|arg| *arg == "--count").count();
    if count_flags > 1 {
        return Err(Failure::Usage("--count given twice".into()));
    }
    let rest: Vec<String> = args
        .iter()
        .filter(|arg| *arg != "--count")
        .cloned()
        .collect();
    let options = Options::parse(&rest, &["rules", "events", "passes"]).map_err(Failure::Usage)?;
    if options.help {
        print!("{HELP}");
        return Ok(());
    }
    let rules_path = options.require("rules").map_err(Failure::Usage)?;
    let events_path = options.require("events").map_err(Failure::Usage)?;
    let passes = options
        .get("passes")
        .map(|text| match text.parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(Failure::Usage(format!(
                "--passes wants a whole number of at least 1, not `{text}`"
            ))),
        })
        .transpose()?;
    let rules_text = std::fs::read_to_string(rules_path)
        .map_err(|e| Failure::Usage(format!("cannot read {rules_path}: {e}")))?;
    let rules = NamedRules::parse(&rules_text, rules_path)?;
    let events = File::open(events_path)
        .map_err(|e| Failure::Usage(format!("cannot read {events_path}: {e}")))?;
    let mut lines = EventLines::new(BufReader::new(events), events_path);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match passes {
        Some(passes) => benchmark(&rules, &mut lines, passes, &mut out)?,
        None if count_flags == 1 => {
            let mut counts = vec![0u64; rules.names.len()];
            while let Some((number, line)) = lines.next_line()? {
                rules.count(line, number, events_path, &mut counts)?;
            }
            writeln!(out, "{}", rules.totals_json(&counts))?;
        }
        None => {
            while let Some((number, line)) = lines.next_line()? {
                let names = rules.matching(line, number, events_path)?;
                let array = serde_json::to_string(&names).expect("strings serialize");
                writeln!(out, "{array}")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The rules, compiled together, and their names in file order.
struct NamedRules {
    set: RuleSet,
    names: Vec<String>,
    index_of: HashMap<String, usize>,
}

impl NamedRules {
    /// Reads `{"name": pattern, ...}`, keeping each pattern's own text so that error messages
    /// quote what the user wrote.
    fn parse(text: &str, path: &str) -> Result<NamedRules, Failure> {
        let root = json::parse(text).map_err(|error| {
            Failure::Invalid(format!(
                "{path}:{}:{}: {}",
                error.line(),
                error.column(),
                error.message()
            ))
        })?;
        let ValueKind::Object(members) = &root.kind else {
            return Err(Failure::Invalid(format!(
                "{path}: the rules must be one JSON object from rule name to pattern"
            )));
        };
        if members.is_empty() {
            return Err(Failure::Invalid(format!("{path}: there are no rules")));
        }
        let mut set = RuleSet::new();
        let mut names = Vec::new();
        let mut index_of = HashMap::new();
        for member in members {
            let pattern_text = &text[member.value.span.range()];
            set.add(&member.key, pattern_text).map_err(|error| {
                let (line, column) = line_and_column(text, member.value.span.start);
                Failure::Invalid(format!(
                    "{path}:{line}:{column}: rule {}: {}",
                    json::quote(&member.key),
                    error.message()
                ))
            })?;
            index_of.insert(member.key.clone(), names.len());
            names.push(member.key.clone());
        }
        Ok(NamedRules {
            set,
            names,
            index_of,
        })
    }

    fn matching(&self, event: &[u8], number: usize, path: &str) -> Result<Vec<&str>, Failure> {
        self.set
            .matching_rules_json(event)
            .map_err(|error| Failure::Invalid(locate_event_error(&error, path, number)))
    }

    fn count(
        &self,
        event: &[u8],
        number: usize,
        path: &str,
        counts: &mut [u64],
    ) -> Result<(), Failure> {
        for name in self.matching(event, number, path)? {
            counts[self.index_of[name]] += 1;
        }
        Ok(())
    }

    /// `{"name": count, ...}` with every rule, in rule order.
    fn totals_json(&self, counts: &[u64]) -> String {
        let members: Vec<String> = self
            .names
            .iter()
            .zip(counts)
            .map(|(name, count)| {
                format!(
                    "{}: {count}",
                    serde_json::to_string(name).expect("strings serialize")
                )
            })
            .collect();
        format!("{{{}}}", members.join(", "))
    }
}

/// 1-based line and column (in characters) of a byte offset of `text`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// Non-blank lines of the events file with their line numbers, one at a time.
struct EventLines<R> {
    reader: R,
    path: String,
    buffer: Vec<u8>,
    line_number: usize,
}

impl<R: BufRead> EventLines<R> {
    fn new(reader: R, path: &str) -> EventLines<R> {
        EventLines {
            reader,
            path: path.to_owned(),
            buffer: Vec::new(),
            line_number: 0,
        }
    }

    /// The next non-blank line without its line break, or `None` at the end of the file.
    fn next_line(&mut self) -> Result<Option<(usize, &[u8])>, Failure> {
        loop {
            self.buffer.clear();
            let read = (&mut self.reader)
                .take(MAX_LINE_BYTES as u64 + 1)
                .read_until(b'\n', &mut self.buffer)
                .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", self.path)))?;
            if read == 0 {
                return Ok(None);
            }
            self.line_number += 1;
            if self.buffer.len() > MAX_LINE_BYTES {
                return Err(Failure::Invalid(format!(
                    "{}:{}: the line is longer than {} MiB",
                    self.path,
                    self.line_number,
                    MAX_LINE_BYTES / (1024 * 1024)
                )));
            }
            let line = trim_line_break(&self.buffer);
            if !line.iter().all(u8::is_ascii_whitespace) {
                let end = line.len();
                return Ok(Some((self.line_number, &self.buffer[..end])));
            }
        }
    }
}

/// `events.jsonl:7:12: <what is wrong>`: the file's line, and the column when the event
/// error has one (an event is one line, so its own line number is always 1).
fn locate_event_error(error: &EventError, path: &str, line_number: usize) -> String {
    let detail = error.detail();
    if let (Some(1), Some(column)) = (error.line(), error.column()) {
        if let Some(what) = detail.strip_suffix(&format!(" at line 1 column {column}")) {
            return format!("{path}:{line_number}:{column}: {what}");
        }
    }
    format!("{path}:{line_number}: {detail}")
}

fn trim_line_break(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// `--passes`: all events in memory, a warm-up pass that also counts and validates, then timed
/// passes.
fn benchmark(
    rules: &NamedRules,
    lines: &mut EventLines<impl BufRead>,
    passes: usize,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut events: Vec<(usize, Vec<u8>)> = Vec::new();
    while let Some((number, line)) = lines.next_line()? {
        events.push((number, line.to_vec()));
    }
    let path = lines.path.clone();
    let mut counts = vec![0u64; rules.names.len()];
    for (number, event) in &events {
        rules.count(event, *number, &path, &mut counts)?;
    }
    let mut scratch = vec![0u64; rules.names.len()];
    for _ in 0..passes {
        let start = Instant::now();
        for (number, event) in &events {
            rules.count(event, *number, &path, &mut scratch)?;
        }
        let seconds = start.elapsed().as_secs_f64();
        let rate = if seconds > 0.0 {
            events.len() as f64 / seconds
        } else {
            f64::INFINITY
        };
        eprintln!("events_per_sec={rate:.0}");
    }
    writeln!(out, "{}", rules.totals_json(&counts))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> Vec<(usize, String)> {
        let mut lines = EventLines::new(text.as_bytes(), "events.jsonl");
        let mut out = Vec::new();
        while let Some((number, line)) = lines.next_line().ok().flatten() {
            out.push((number, String::from_utf8(line.to_vec()).unwrap()));
        }
        out
    }

    #[test]
    fn blank_lines_are_skipped_but_still_numbered() {
        let cases: &[(&str, &[(usize, &str)])] = &[
            ("", &[]),
            ("{}\n", &[(1, "{}")]),
            ("{}\r\n\n  \n{\"a\":1}", &[(1, "{}"), (4, "{\"a\":1}")]),
            ("\n\n{}\n\n", &[(3, "{}")]),
        ];
        for (text, expected) in cases {
            let expected: Vec<(usize, String)> =
                expected.iter().map(|&(n, l)| (n, l.to_owned())).collect();
            assert_eq!(lines_of(text), expected, "{text:?}");
        }
    }

    #[test]
    fn rules_keep_file_order_and_report_bad_ones_by_name_and_position() {
        let rules = NamedRules::parse(r#"{"zeta": {"a": ["1"]}, "alpha": {"a": ["2"]}}"#, "r.json")
            .ok()
            .unwrap();
        assert_eq!(rules.names, ["zeta", "alpha"]);
        assert_eq!(rules.totals_json(&[3, 0]), r#"{"zeta": 3, "alpha": 0}"#);

        let cases = [
            (
                "{\"ok\": {\"a\": [\"1\"]},\n \"bad\": {\"a\": []}}",
                "r.json:2:9: rule \"bad\": Event pattern is not valid. Reason: Empty arrays are not allowed",
            ),
            ("[1, 2]", "r.json: the rules must be one JSON object from rule name to pattern"),
            ("{}", "r.json: there are no rules"),
            ("", "r.json:1:1: no JSON value (the text is empty)"),
            ("{\"a\": {\"b\": [1]}} x", "r.json:1:19: unexpected content after the JSON value"),
        ];
        for (text, expected) in cases {
            match NamedRules::parse(text, "r.json") {
                Err(Failure::Invalid(message)) => assert_eq!(message, expected, "{text}"),
                _ => panic!("{text} should be invalid"),
            }
        }
    }
}
