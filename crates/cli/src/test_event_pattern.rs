//! `event-pattern test-event-pattern`: one pattern and one event, or a batch file of cases.

use std::process::ExitCode;

use event_pattern::{Event, Pattern};
use lexopt::prelude::*;

use crate::args::{once, required, text};
use crate::cases;
use crate::input::read_parameter;
use crate::limits::{MAX_EVENT_BYTES, MAX_PATTERN_BYTES};
use crate::output::{finish, report, Failure, Out, SERVICE_ERROR_EXIT};

const COMMAND: &str = "event-pattern test-event-pattern";

const HELP: &str = "\
event-pattern test-event-pattern: does an event match an event pattern? Answers like
`aws events test-event-pattern`, offline.

usage:
  event-pattern test-event-pattern --event-pattern <JSON | file://PATH> --event <JSON | file://PATH>
  event-pattern test-event-pattern --cases FILE

With --event-pattern and --event it prints what the AWS CLI prints and exits 0:
  {
      \"Result\": true
  }
An invalid pattern or event prints AWS's error on stderr and exits 254, like the AWS CLI:
  An error occurred (InvalidEventPatternException) when calling the TestEventPattern operation: ...
The event must be a JSON object with id, account, source, time, region and detail-type, as
TestEventPattern requires (otherwise: ValidationException, Parameter Event is not valid.).

With --cases FILE, each line of FILE is one case, either
  {\"pattern\": <JSON value>, \"event\": <JSON value>}
or, for texts a JSON value cannot hold (duplicate keys),
  {\"pattern_text\": \"<text>\", \"event_text\": \"<text>\"}
and each case prints one line: {\"Result\":true}, {\"Result\":false} or
  {\"Error\":{\"Code\":\"InvalidEventPatternException\",\"Message\":\"<first line of the message>\"}}
A value is taken exactly as it is written in the line (key order, duplicate keys and numbers
such as 1e400 reach the matcher unchanged). Blank lines are skipped. A line that is not a
valid case (not JSON, not UTF-8, too long) prints an Error with Code \"InvalidCase\", the batch
goes on, and the exit code is then 1. The file is read line by line, so any size works.

Limits: the pattern and the event may each hold up to 1 MiB (EventBridge itself takes events of
up to 256 KB and patterns of up to 4096 characters); a --cases line up to 4 MiB.
Exit codes: 0, 1 (bad --cases lines), 2 (usage, unreadable or too large input), 254 (AWS's
error), 74 (the output could not be written). A closed pipe (`| head`) ends quietly.

examples:
  event-pattern test-event-pattern \\
      --event-pattern '{\"source\":[{\"prefix\":\"aws.partner/shopify.com\"}]}' \\
      --event file://order-created.json
  event-pattern test-event-pattern --cases cases.jsonl > results.jsonl
";

pub fn run(parser: lexopt::Parser) -> ExitCode {
    let mut out = Out::new();
    let result = run_checked(parser, &mut out);
    finish(COMMAND, &mut out, result)
}

#[derive(Default)]
struct Args {
    pattern: Option<String>,
    event: Option<String>,
    cases: Option<String>,
    help: bool,
}

fn parse_args(mut parser: lexopt::Parser) -> Result<Args, Failure> {
    let mut args = Args::default();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("event-pattern") => once(
                &mut args.pattern,
                text(parser.value()?, "event-pattern")?,
                "event-pattern",
            )?,
            Long("event") => once(&mut args.event, text(parser.value()?, "event")?, "event")?,
            Long("cases") => once(&mut args.cases, text(parser.value()?, "cases")?, "cases")?,
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
    if let Some(path) = args.cases {
        if args.pattern.is_some() || args.event.is_some() {
            return Err(Failure::Usage(
                "--cases cannot be combined with --event-pattern or --event".into(),
            ));
        }
        return cases::run(&path, out);
    }
    let (pattern_text, event_text) = read_pair(args.pattern, args.event)?;
    match test(&pattern_text, &event_text) {
        Ok(result) => {
            out.text(&format!("{{\n    \"Result\": {result}\n}}\n"))?;
            Ok(0)
        }
        Err(error) => {
            report(&format!(
                "\nAn error occurred ({}) when calling the TestEventPattern operation: {}",
                error.code, error.message
            ));
            Ok(SERVICE_ERROR_EXIT)
        }
    }
}

/// The texts of `--event-pattern` and `--event` (both required), each within its limit.
pub fn read_pair(
    pattern: Option<String>,
    event: Option<String>,
) -> Result<(String, String), Failure> {
    let pattern = required(pattern, "event-pattern")?;
    let event = required(event, "event")?;
    let pattern =
        read_parameter(&pattern, "the event pattern", MAX_PATTERN_BYTES).map_err(Failure::Usage)?;
    let event = read_parameter(&event, "the event", MAX_EVENT_BYTES).map_err(Failure::Usage)?;
    Ok((pattern, event))
}

/// An error as the TestEventPattern API reports it.
pub struct ApiError {
    pub code: &'static str,
    pub message: String,
}

/// TestEventPattern: the event is checked first, then the pattern (the order LocalStack, which
/// mirrors AWS, uses; AWS's own order is not recorded).
pub fn test(pattern_text: &str, event_text: &str) -> Result<bool, ApiError> {
    let event = Event::parse(event_text).map_err(|e| ApiError {
        code: e.code(),
        message: e.to_string(),
    })?;
    let pattern = Pattern::parse(pattern_text).map_err(|e| ApiError {
        code: e.code(),
        message: e.to_string(),
    })?;
    Ok(pattern.matches(&event))
}
