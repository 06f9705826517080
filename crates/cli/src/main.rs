//! `event-pattern`: an offline stand-in for `aws events test-event-pattern`, for CI pipelines.
//!
//! Output and exit codes follow the AWS CLI so scripts written against one work with the other:
//! results on stdout as the AWS CLI formats them, errors on stderr as
//! `An error occurred (<Code>) when calling the TestEventPattern operation: <message>`, exit 254.
//! Every input is bounded (`limits`), and output errors never panic (`output`).
#![forbid(unsafe_code)]

mod args;
mod cases;
mod explain;
mod input;
mod limits;
mod match_events;
mod migrate;
mod output;
mod rules_file;
mod simulate;
mod test_event_pattern;

use std::process::ExitCode;

use lexopt::prelude::*;

use output::{finish, report, Failure, Out, USAGE_EXIT};

const USAGE: &str = "\
event-pattern: test Amazon EventBridge event patterns offline, with AWS's results and messages.

usage:
  event-pattern test-event-pattern --event-pattern <JSON | file://PATH> --event <JSON | file://PATH>
  event-pattern test-event-pattern --cases FILE
  event-pattern explain --event-pattern <JSON | file://PATH> --event <JSON | file://PATH>
  event-pattern match --rules RULES.json [--events EVENTS.jsonl] [--count] [--passes N]
  event-pattern simulate (--preset ID | --scenario <JSON | file://PATH> | --rules FILE ...)
  event-pattern migrate --rules RULES.json --bus-arn ARN [--output text|cloudformation-json|...]
  event-pattern <command> --help

commands:
  test-event-pattern   answer like `aws events test-event-pattern` (one pair, or a batch file)
  explain              show, field by field, why a pattern matches an event or not
  match                match a file of events (one per line) against many named rules
  simulate             run EventBridge's delivery of a scenario: retries, dead-letter queues, outcomes
  migrate              preview saved rules as subscribers of the new Custom Event Bus, with exports

Exit codes: 0 done, 1 no match (explain) or bad batch lines, 2 usage or unreadable input,
254 an invalid pattern or event (as the AWS CLI), 74 the output could not be written.
";

fn main() -> ExitCode {
    let mut parser = lexopt::Parser::from_env();
    let first = match parser.next() {
        Ok(Some(Value(command))) => command,
        Ok(Some(Short('h') | Long("help"))) => return print("event-pattern", USAGE),
        Ok(Some(Short('V') | Long("version"))) => {
            return print(
                "event-pattern",
                &format!("event-pattern {}\n", env!("CARGO_PKG_VERSION")),
            )
        }
        Ok(None) => {
            report(USAGE);
            return ExitCode::from(USAGE_EXIT);
        }
        Ok(Some(other)) => return usage_error(&other.unexpected().to_string()),
        Err(error) => return usage_error(&error.to_string()),
    };
    match first.to_str() {
        Some("test-event-pattern") => test_event_pattern::run(parser),
        Some("explain") => explain::run(parser),
        Some("match") => match_events::run(parser),
        Some("simulate") => simulate::run(parser),
        Some("migrate") => migrate::run(parser),
        Some("help") => print("event-pattern", USAGE),
        _ => usage_error(&format!("unknown command `{}`", first.to_string_lossy())),
    }
}

/// Prints `text` on standard output and exits 0 (or 74 when it cannot be written).
fn print(command: &str, text: &str) -> ExitCode {
    let mut out = Out::new();
    let result = out.text(text).map(|()| 0);
    finish(command, &mut out, result)
}

fn usage_error(message: &str) -> ExitCode {
    finish(
        "event-pattern",
        &mut Out::new(),
        Err(Failure::Usage(message.to_owned())),
    )
}
