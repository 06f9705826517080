//! `event-pattern match`: a set of named rules against a file of events, one answer per event,
//! or per-rule totals; with `--passes`, a throughput benchmark.

use std::io::{self, BufRead, BufReader, IsTerminal};
use std::process::ExitCode;
use std::time::Instant;

use event_pattern::json::{self, quote, ValueKind};
use event_pattern::{EventError, RuleSet};
use lexopt::prelude::*;

use crate::args::{once, required, text};
use crate::input::{read_file, FileProblem, Line, Lines};
use crate::limits::{describe, MAX_EVENT_BYTES, MAX_RULES_FILE_BYTES};
use crate::output::{finish, report, Failure, Out, SERVICE_ERROR_EXIT};

const COMMAND: &str = "event-pattern match";

const HELP: &str = "\
event-pattern match: match every event of a file against a set of named rules.

usage:
  event-pattern match --rules RULES.json [--events EVENTS.jsonl] [--count]
  event-pattern match --rules RULES.json [--events EVENTS.jsonl] --passes N

RULES.json is one JSON object from rule name to event pattern:
  {\"orders\": {\"source\": [\"shop\"]}, \"big\": {\"detail\": {\"total\": [{\"numeric\": [\">\", 100]}]}}}
(a name given twice keeps its last pattern). EVENTS.jsonl holds one event per line; any JSON
object is an event (no id/source/... envelope is required). Blank lines are skipped. Without
--events, or with `--events -`, the events are read from standard input.

Output:
  default     one line per event: the names of the rules it matches, as a JSON array
              ([] when none), in rule order; `null` for a line that is not a valid event
  --count     only the totals, one JSON object with every rule in rule order:
              {\"orders\": 12, \"big\": 3}
  --passes N  benchmark: reads the whole file into memory, makes one untimed pass that also
              counts, then N timed passes over all valid events (JSON parsing included, the
              same work as `cargo bench -p event-pattern --bench citylots`), printing
              events_per_sec=<number> on stderr after each, and the totals once on stdout

The events are read line by line, so memory stays small whatever the file's size (except with
--passes). Limits: an event line up to 1 MiB (EventBridge's events are at most 256 KB), the
rules file up to 64 MiB.

A line that is not a valid event is reported on stderr with its position and the run goes on;
the exit code is then 254. An invalid rule stops the run before any event (exit 254). Usage
mistakes and unreadable files exit 2; output that cannot be written exits 74; a closed pipe
(`| head`) ends quietly.

examples:
  event-pattern match --rules rules.json --events events.jsonl > matches.jsonl
  event-pattern match --rules rules.json --count < events.jsonl
  cargo run --release -p citylots -- --lines 100000 --out /tmp/citylots.jsonl
  cargo run --profile bench -p event-pattern-cli -- match --rules rules.json \\
      --events /tmp/citylots.jsonl --passes 5
";

/// Where the events come from.
enum Events {
    File(String),
    Stdin,
}

#[derive(Default)]
struct Args {
    rules: Option<String>,
    events: Option<Events>,
    count: Option<()>,
    passes: Option<usize>,
    help: bool,
}

pub fn run(parser: lexopt::Parser) -> ExitCode {
    let mut out = Out::new();
    let result = run_checked(parser, &mut out);
    finish(COMMAND, &mut out, result)
}

fn parse_args(mut parser: lexopt::Parser) -> Result<Args, Failure> {
    let mut args = Args::default();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("rules") => once(&mut args.rules, text(parser.value()?, "rules")?, "rules")?,
            Long("events") => {
                // The file is optional (`--events --count` reads standard input), so a next
                // argument that looks like an option is not taken as the file name.
                let value = match parser.optional_value() {
                    Some(value) => Some(value),
                    None => {
                        let next_is_file = parser
                            .try_raw_args()
                            .and_then(|raw| {
                                raw.peek().map(|next| {
                                    next == "-" || !next.to_string_lossy().starts_with('-')
                                })
                            })
                            .unwrap_or(false);
                        if next_is_file {
                            Some(parser.value()?)
                        } else {
                            None
                        }
                    }
                };
                let events = match value {
                    Some(value) if value != "-" => Events::File(text(value, "events")?),
                    _ => Events::Stdin,
                };
                once(&mut args.events, events, "events")?;
            }
            Long("count") => once(&mut args.count, (), "count")?,
            Long("passes") => {
                let value = text(parser.value()?, "passes")?;
                let passes = match value.parse::<usize>() {
                    Ok(n) if n > 0 => n,
                    _ => {
                        return Err(Failure::Usage(format!(
                            "--passes wants a whole number of at least 1, not `{value}`"
                        )))
                    }
                };
                once(&mut args.passes, passes, "passes")?;
            }
            Short('h') | Long("help") => args.help = true,
            _ => return Err(arg.unexpected().into()),
        }
    }
    Ok(args)
}

fn run_checked(parser: lexopt::Parser, out: &mut Out) -> Result<u8, Failure> {
    let args = parse_args(parser)?;
    if args.help {
        out.text(HELP)?;
        return Ok(0);
    }
    let rules_path = required(args.rules, "rules")?;
    let rules_text = read_file(&rules_path, MAX_RULES_FILE_BYTES).map_err(|problem| {
        Failure::Usage(match problem {
            FileProblem::Io(e) => format!("cannot read {rules_path}: {e}"),
            FileProblem::TooLarge => format!(
                "{rules_path} is larger than {}, the largest rules file this tool reads",
                describe(MAX_RULES_FILE_BYTES)
            ),
            FileProblem::NotUtf8 => format!("{rules_path} is not UTF-8 text"),
        })
    })?;
    let rules = NamedRules::parse(&rules_text, &rules_path)?;
    let mode = match (args.passes, args.count) {
        (Some(passes), _) => Mode::Benchmark(passes),
        (None, Some(())) => Mode::Count,
        (None, None) => Mode::PerEvent,
    };
    match args.events.unwrap_or(Events::Stdin) {
        Events::File(path) => {
            let file = std::fs::File::open(&path)
                .map_err(|e| Failure::Usage(format!("cannot read {path}: {e}")))?;
            run_mode(&rules, mode, BufReader::new(file), &path, out)
        }
        Events::Stdin => {
            let stdin = io::stdin();
            if stdin.is_terminal() {
                return Err(Failure::Usage(
                    "give the events with --events FILE, or pipe them into standard input".into(),
                ));
            }
            run_mode(&rules, mode, stdin.lock(), "<stdin>", out)
        }
    }
}

enum Mode {
    PerEvent,
    Count,
    Benchmark(usize),
}

/// Runs `mode` over the event lines of `reader` (named `path` in messages): exit code 0, or 254
/// when some lines were not valid events.
fn run_mode(
    rules: &NamedRules,
    mode: Mode,
    reader: impl BufRead,
    path: &str,
    out: &mut Out,
) -> Result<u8, Failure> {
    let mut lines = Lines::new(reader, MAX_EVENT_BYTES);
    let mut tally = Tally {
        path,
        total: 0,
        bad: 0,
    };
    match mode {
        Mode::PerEvent => {
            while let Some((number, line)) = next_line(&mut lines, path)? {
                match tally.check(number, line, |event| rules.matching(event)) {
                    Some(matched) => out.line(&rules.names_json(&matched))?,
                    None => out.line("null")?,
                }
            }
        }
        Mode::Count => {
            let mut counts = vec![0u64; rules.names.len()];
            while let Some((number, line)) = next_line(&mut lines, path)? {
                tally.check(number, line, |event| rules.count(event, &mut counts));
            }
            out.line(&rules.totals_json(&counts))?;
        }
        Mode::Benchmark(passes) => {
            // All events in memory; the untimed first pass counts and sets bad lines aside.
            let mut counts = vec![0u64; rules.names.len()];
            let mut events: Vec<Vec<u8>> = Vec::new();
            while let Some((number, line)) = next_line(&mut lines, path)? {
                let valid = tally.check(number, line, |event| {
                    rules.count(event, &mut counts).map(|()| event.to_vec())
                });
                events.extend(valid);
            }
            benchmark(rules, &events, passes);
            out.line(&rules.totals_json(&counts))?;
        }
    }
    if tally.bad > 0 {
        report(&format!(
            "{COMMAND}: {} of {} event lines were not valid events",
            tally.bad, tally.total
        ));
        return Ok(SERVICE_ERROR_EXIT);
    }
    Ok(0)
}

/// The next line of the events, or why they cannot be read.
fn next_line<'l, R: BufRead>(
    lines: &'l mut Lines<R>,
    path: &str,
) -> Result<Option<(usize, Line<'l>)>, Failure> {
    lines
        .next_line()
        .map_err(|e| Failure::Usage(format!("cannot read {path}: {e}")))
}

/// Counts the event lines and reports the bad ones.
struct Tally<'p> {
    path: &'p str,
    total: usize,
    bad: usize,
}

impl Tally<'_> {
    /// What `work` makes of the event on this line, or `None` when the line is not a valid
    /// event (too long, or rejected by `work`), which is reported with its position.
    fn check<T>(
        &mut self,
        number: usize,
        line: Line<'_>,
        work: impl FnOnce(&[u8]) -> Result<T, EventError>,
    ) -> Option<T> {
        self.total += 1;
        let outcome = match line {
            Line::Text(event) => {
                work(event).map_err(|error| locate_event_error(&error, self.path, number))
            }
            Line::TooLong => Err(format!(
                "{}:{number}: longer than {}, the largest event line this tool reads",
                self.path,
                describe(MAX_EVENT_BYTES)
            )),
        };
        match outcome {
            Ok(value) => Some(value),
            Err(message) => {
                self.bad += 1;
                report(&format!("{COMMAND}: {message}"));
                None
            }
        }
    }
}

/// The rules, compiled together, and their names in file order. Each rule is added to the set
/// under its position (`"0"`, `"1"`, …), so counting needs no map from names: the same work as
/// the citylots benchmark's.
struct NamedRules {
    set: RuleSet,
    names: Vec<String>,
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
        for member in members {
            let pattern_text = &text[member.value.span.range()];
            set.add(&names.len().to_string(), pattern_text)
                .map_err(|error| {
                    let (line, column) = line_and_column(text, member.value.span.start);
                    Failure::Invalid(format!(
                        "{path}:{line}:{column}: rule {}: {}",
                        quote(&member.key),
                        error.message()
                    ))
                })?;
            names.push(member.key.clone());
        }
        Ok(NamedRules { set, names })
    }

    /// The positions of the rules `event` matches, in rule order.
    fn matching(&self, event: &[u8]) -> Result<Vec<usize>, EventError> {
        let names = self.set.matching_rules_json(event)?;
        Ok(names.into_iter().map(position).collect())
    }

    /// Adds one to the count of every rule `event` matches.
    fn count(&self, event: &[u8], counts: &mut [u64]) -> Result<(), EventError> {
        for name in self.set.matching_rules_json(event)? {
            counts[position(name)] += 1;
        }
        Ok(())
    }

    /// `["name", ...]`
    fn names_json(&self, matched: &[usize]) -> String {
        let names: Vec<String> = matched.iter().map(|&i| quote(&self.names[i])).collect();
        format!("[{}]", names.join(","))
    }

    /// `{"name": count, ...}` with every rule, in rule order.
    fn totals_json(&self, counts: &[u64]) -> String {
        let members: Vec<String> = self
            .names
            .iter()
            .zip(counts)
            .map(|(name, count)| format!("{}: {count}", quote(name)))
            .collect();
        format!("{{{}}}", members.join(", "))
    }
}

/// A rule's position from the name it was added under.
fn position(name: &str) -> usize {
    name.parse().expect("rules are added under their position")
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

/// `--passes`: timed passes over the valid events with the same [`NamedRules::count`] as
/// `--count` (and as the citylots benchmark), a rate on stderr after each.
fn benchmark(rules: &NamedRules, events: &[Vec<u8>], passes: usize) {
    let mut scratch = vec![0u64; rules.names.len()];
    for _ in 0..passes {
        let start = Instant::now();
        for event in events {
            // Checked in the first pass: these events are valid.
            let _ = rules.count(event, &mut scratch);
        }
        let seconds = start.elapsed().as_secs_f64();
        let rate = if seconds > 0.0 {
            events.len() as f64 / seconds
        } else {
            f64::INFINITY
        };
        report(&format!("events_per_sec={rate:.0}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_keep_file_order_and_report_bad_ones_by_name_and_position() {
        let rules = NamedRules::parse(r#"{"zeta": {"a": ["1"]}, "alpha": {"a": ["2"]}}"#, "r.json")
            .ok()
            .unwrap();
        assert_eq!(rules.names, ["zeta", "alpha"]);
        assert_eq!(rules.totals_json(&[3, 0]), r#"{"zeta": 3, "alpha": 0}"#);
        assert_eq!(rules.names_json(&[1, 0]), r#"["alpha","zeta"]"#);
        assert_eq!(rules.matching(br#"{"a": "2"}"#).unwrap(), [1]);

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
